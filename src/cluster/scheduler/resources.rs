//! Resource amounts as kube-scheduler counts them (`framework.Resource`): CPU in millicores,
//! memory and ephemeral storage in bytes, a pod count, and extended resources as integers,
//! plus a pod's effective requests (`resourcehelper.PodRequests`). Pure.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Container, Node, Pod};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as ApiQuantity;

use crate::k8s::quantity::Quantity;

/// What kube-scheduler assumes a container without a CPU request uses, for scoring only.
pub const DEFAULT_MILLI_CPU_REQUEST: i64 = 100;
/// What kube-scheduler assumes a container without a memory request uses, for scoring only.
pub const DEFAULT_MEMORY_REQUEST: i64 = 200 * 1024 * 1024;

/// A set of resource amounts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resources {
    pub milli_cpu: i64,
    pub memory: i64,
    pub ephemeral_storage: i64,
    /// Only meaningful for a node's allocatable: how many pods it accepts.
    pub pods: i64,
    /// Extended resources, huge pages and other scalar resources by name.
    pub scalar: BTreeMap<String, i64>,
}

impl Resources {
    /// Reads a resource list the way `Resource.Add` does: unknown native names are ignored,
    /// and a quantity that does not parse counts as zero (validation rejects it anyway).
    pub fn from_list(list: &BTreeMap<String, ApiQuantity>) -> Resources {
        let mut r = Resources::default();
        for (name, q) in list {
            let Ok(q) = Quantity::try_from(q) else { continue };
            r.add_one(name, &q);
        }
        r
    }

    fn add_one(&mut self, name: &str, q: &Quantity) {
        match name {
            "cpu" => self.milli_cpu += q.milli_value(),
            "memory" => self.memory += q.value(),
            "ephemeral-storage" => self.ephemeral_storage += q.value(),
            "pods" => self.pods += q.value(),
            _ if is_scalar_resource(name) => *self.scalar.entry(name.to_owned()).or_default() += q.value(),
            _ => {}
        }
    }

    pub fn is_zero(&self) -> bool {
        self.milli_cpu == 0
            && self.memory == 0
            && self.ephemeral_storage == 0
            && self.pods == 0
            && self.scalar.values().all(|v| *v == 0)
    }

    pub fn add(&mut self, other: &Resources) {
        self.milli_cpu += other.milli_cpu;
        self.memory += other.memory;
        self.ephemeral_storage += other.ephemeral_storage;
        self.pods += other.pods;
        for (k, v) in &other.scalar {
            *self.scalar.entry(k.clone()).or_default() += v;
        }
    }

    pub fn sub(&mut self, other: &Resources) {
        self.milli_cpu -= other.milli_cpu;
        self.memory -= other.memory;
        self.ephemeral_storage -= other.ephemeral_storage;
        self.pods -= other.pods;
        for (k, v) in &other.scalar {
            let e = self.scalar.entry(k.clone()).or_default();
            *e -= v;
            if *e == 0 {
                self.scalar.remove(k);
            }
        }
    }

    /// Per-resource maximum (`SetMaxResource`).
    fn max_with(&mut self, other: &Resources) {
        self.milli_cpu = self.milli_cpu.max(other.milli_cpu);
        self.memory = self.memory.max(other.memory);
        self.ephemeral_storage = self.ephemeral_storage.max(other.ephemeral_storage);
        for (k, v) in &other.scalar {
            let e = self.scalar.entry(k.clone()).or_default();
            *e = (*e).max(*v);
        }
    }

    pub fn scalar(&self, name: &str) -> i64 {
        self.scalar.get(name).copied().unwrap_or(0)
    }
}

/// `schedutil.IsScalarResourceName`: extended (domain-prefixed, outside `kubernetes.io/`),
/// `kubernetes.io/`-prefixed native, huge pages and attachable-volume resources.
fn is_scalar_resource(name: &str) -> bool {
    name.contains('/') && !name.starts_with("requests.")
        || name.starts_with("hugepages-")
        || name.starts_with("attachable-volumes-")
}

/// A node's allocatable resources; a node without `status.allocatable` offers its capacity,
/// as the apiserver's defaulting would have recorded.
pub fn allocatable(node: &Node) -> Resources {
    let status = node.status.as_ref();
    match status.and_then(|s| s.allocatable.as_ref()).or_else(|| status.and_then(|s| s.capacity.as_ref())) {
        Some(list) => Resources::from_list(list),
        None => Resources::default(),
    }
}

/// A pod's effective requests, and the same with kube-scheduler's non-zero defaults applied to
/// containers that request no CPU or memory (used to spread best-effort pods when scoring).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PodRequests {
    pub requests: Resources,
    pub non_zero_milli_cpu: i64,
    pub non_zero_memory: i64,
}

impl PodRequests {
    /// `resourcehelper.PodRequests`: the larger of the app containers' sum (with restartable
    /// init containers running alongside) and the peak of the init phase, plus overhead.
    pub fn of(pod: &Pod) -> PodRequests {
        let Some(spec) = pod.spec.as_ref() else { return PodRequests::default() };
        let inits = spec.init_containers.as_deref().unwrap_or_default();
        let requests = effective(&spec.containers, inits, false);
        let non_zero = effective(&spec.containers, inits, true);
        let mut out =
            PodRequests { requests, non_zero_milli_cpu: non_zero.milli_cpu, non_zero_memory: non_zero.memory };
        if let Some(overhead) = &spec.overhead {
            let o = Resources::from_list(overhead);
            out.requests.add(&o);
            out.non_zero_milli_cpu += o.milli_cpu;
            out.non_zero_memory += o.memory;
        }
        out
    }
}

fn effective(containers: &[Container], inits: &[Container], non_zero: bool) -> Resources {
    let mut sum = Resources::default();
    for c in containers {
        sum.add(&container_requests(c, non_zero));
    }
    let mut sidecars = Resources::default();
    let mut init_peak = Resources::default();
    for c in inits {
        let mut r = container_requests(c, non_zero);
        if c.restart_policy.as_deref() == Some("Always") {
            // A sidecar keeps running next to the app containers and the later init containers.
            sum.add(&r);
            sidecars.add(&r);
            r = sidecars.clone();
        } else {
            r.add(&sidecars);
        }
        init_peak.max_with(&r);
    }
    sum.max_with(&init_peak);
    sum
}

/// A container's requests; where a request is missing but a limit is set, the limit (what
/// the apiserver's defaulting would have copied into `requests`).
fn container_requests(c: &Container, non_zero: bool) -> Resources {
    let res = c.resources.as_ref();
    let requests = res.and_then(|r| r.requests.as_ref());
    let limits = res.and_then(|r| r.limits.as_ref());
    let mut out = requests.map(Resources::from_list).unwrap_or_default();
    let has = |name: &str| requests.is_some_and(|r| r.contains_key(name));
    if let Some(limits) = limits {
        for (name, q) in limits {
            if !has(name)
                && let Ok(q) = Quantity::try_from(q)
            {
                out.add_one(name, &q);
            }
        }
    }
    if non_zero {
        let has_any = |name: &str| has(name) || limits.is_some_and(|l| l.contains_key(name));
        if !has_any("cpu") {
            out.milli_cpu = DEFAULT_MILLI_CPU_REQUEST;
        }
        if !has_any("memory") {
            out.memory = DEFAULT_MEMORY_REQUEST;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(spec: serde_json::Value) -> Pod {
        serde_json::from_value(json!({"metadata": {"name": "p"}, "spec": spec})).expect("valid pod")
    }

    #[test]
    fn pod_requests_containers_sum() {
        let p = pod(json!({"containers": [
            {"name": "a", "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}}},
            {"name": "b", "resources": {"requests": {"cpu": "1", "nvidia.com/gpu": "1"}}},
        ]}));
        let r = PodRequests::of(&p);
        assert_eq!(r.requests.milli_cpu, 1100);
        assert_eq!(r.requests.memory, 64 * 1024 * 1024);
        assert_eq!(r.requests.scalar("nvidia.com/gpu"), 1);
        // b has no memory request, so scoring assumes the default for it.
        assert_eq!(r.non_zero_memory, 64 * 1024 * 1024 + DEFAULT_MEMORY_REQUEST);
    }

    #[test]
    fn pod_requests_init_container_larger_wins() {
        let p = pod(json!({
            "initContainers": [{"name": "i", "resources": {"requests": {"cpu": "2"}}}],
            "containers": [{"name": "a", "resources": {"requests": {"cpu": "500m", "memory": "1Gi"}}}],
        }));
        let r = PodRequests::of(&p).requests;
        assert_eq!(r.milli_cpu, 2000);
        assert_eq!(r.memory, 1024 * 1024 * 1024);
    }

    #[test]
    fn pod_requests_sidecar_adds_to_app_containers() {
        let p = pod(json!({
            "initContainers": [
                {"name": "side", "restartPolicy": "Always", "resources": {"requests": {"cpu": "200m"}}},
                {"name": "init", "resources": {"requests": {"cpu": "1"}}},
            ],
            "containers": [{"name": "a", "resources": {"requests": {"cpu": "500m"}}}],
        }));
        // init phase peak: 1 + 200m sidecar; running: 500m + 200m.
        assert_eq!(PodRequests::of(&p).requests.milli_cpu, 1200);
    }

    #[test]
    fn pod_requests_limits_only_count_as_requests_and_overhead_adds() {
        let p = pod(json!({
            "overhead": {"cpu": "250m"},
            "containers": [{"name": "a", "resources": {"limits": {"cpu": "1", "memory": "1Gi"}}}],
        }));
        let r = PodRequests::of(&p);
        assert_eq!(r.requests.milli_cpu, 1250);
        assert_eq!(r.requests.memory, 1 << 30);
        assert_eq!(r.non_zero_milli_cpu, 1250);
    }

    #[test]
    fn pod_requests_no_requests_zero_but_non_zero_defaults() {
        let p = pod(json!({"containers": [{"name": "a"}, {"name": "b"}]}));
        let r = PodRequests::of(&p);
        assert!(r.requests.is_zero());
        assert_eq!(r.non_zero_milli_cpu, 200);
        assert_eq!(r.non_zero_memory, 2 * DEFAULT_MEMORY_REQUEST);
    }

    #[test]
    fn allocatable_missing_falls_back_to_capacity() {
        let n: Node = serde_json::from_value(json!({
            "metadata": {"name": "n"},
            "status": {"capacity": {"cpu": "2", "memory": "4Gi", "pods": "110", "example.com/foo": "3"}},
        }))
        .expect("valid node");
        let a = allocatable(&n);
        assert_eq!((a.milli_cpu, a.memory, a.pods, a.scalar("example.com/foo")), (2000, 4 << 30, 110, 3));
    }
}
