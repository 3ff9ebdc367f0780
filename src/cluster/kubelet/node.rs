//! The Node a kubelet registers and keeps up to date, and its heartbeat Lease in
//! `kube-node-lease`: names, labels, roles and taints for a cluster of N nodes, capacity,
//! conditions, addresses and node info. Pure builders; the kubelet sends them.

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::Timestamp;
use k8s_openapi::api::coordination::v1::{Lease, LeaseSpec};
use k8s_openapi::api::core::v1::{
    DaemonEndpoint, Node, NodeAddress, NodeCondition, NodeDaemonEndpoints, NodeSpec, NodeStatus, NodeSystemInfo, Taint,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, ObjectMeta, OwnerReference, Time};

use super::backoff::BackoffPolicy;
use super::runtime::Runtime;

pub const CONTROL_PLANE_ROLE: &str = "node-role.kubernetes.io/control-plane";
pub const LEASE_NAMESPACE: &str = "kube-node-lease";
/// How long a lease is good for; the kubelet renews it four times within that.
pub const LEASE_DURATION_SECONDS: i32 = 40;

/// One simulated node.
#[derive(Clone, Debug)]
pub struct NodeConfig {
    pub name: String,
    /// The node's pod network, e.g. `10.244.1.0/24`; pod IPs come from it.
    pub pod_cidr: String,
    /// The node's InternalIP (and every pod's hostIP).
    pub address: IpAddr,
    /// `cpu`, `memory`, `pods`, `ephemeral-storage`, … as quantities.
    pub capacity: BTreeMap<String, String>,
    pub labels: BTreeMap<String, String>,
    pub taints: Vec<Taint>,
    pub runtime: Runtime,
    /// Pod directories and container logs live here.
    pub data_dir: PathBuf,
    pub backoff: BackoffPolicy,
    /// How often the Lease is renewed.
    pub heartbeat: Duration,
    /// How often the Node's conditions are re-posted when nothing changes.
    pub status_interval: Duration,
    /// A container log file's size limit before it is rotated.
    pub log_max_bytes: u64,
}

pub fn default_capacity() -> BTreeMap<String, String> {
    [
        ("cpu", "4"),
        ("memory", "8Gi"),
        ("pods", "110"),
        ("ephemeral-storage", "100Gi"),
        ("hugepages-1Gi", "0"),
        ("hugepages-2Mi", "0"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

impl NodeConfig {
    /// A node with kubelet's defaults: 10 s heartbeats, 10 s–5 min back-off, 10 MiB logs.
    pub fn new(name: &str, pod_cidr: &str, runtime: Runtime, data_dir: &Path) -> NodeConfig {
        let labels = [
            ("kubernetes.io/hostname", name),
            ("kubernetes.io/os", "linux"),
            ("kubernetes.io/arch", arch()),
            ("beta.kubernetes.io/os", "linux"),
            ("beta.kubernetes.io/arch", arch()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        NodeConfig {
            name: name.to_string(),
            pod_cidr: pod_cidr.to_string(),
            address: IpAddr::from([127, 0, 0, 1]),
            capacity: default_capacity(),
            labels,
            taints: Vec::new(),
            runtime,
            data_dir: data_dir.to_path_buf(),
            backoff: BackoffPolicy::default(),
            heartbeat: Duration::from_secs(10),
            status_interval: Duration::from_secs(60),
            log_max_bytes: 10 << 20,
        }
    }
}

/// The nodes of a cluster of `n` (at least one), kind-style: `kx-control-plane`, then
/// `kx-worker`, `kx-worker2`, …, each with its own /24 from 10.244.0.0/16 and its own
/// directory under `data_dir/nodes`. With more than one node the control-plane node
/// carries the control-plane taint, so workloads land on the workers.
pub fn cluster_nodes(n: usize, runtime: Runtime, data_dir: &Path) -> Vec<NodeConfig> {
    let n = n.clamp(1, 255);
    (0..n)
        .map(|i| {
            let name = match i {
                0 => "kx-control-plane".to_string(),
                1 => "kx-worker".to_string(),
                i => format!("kx-worker{i}"),
            };
            let mut c =
                NodeConfig::new(&name, &format!("10.244.{i}.0/24"), runtime, &data_dir.join("nodes").join(&name));
            if i == 0 {
                c.labels.insert(CONTROL_PLANE_ROLE.into(), String::new());
                if n > 1 {
                    c.taints.push(Taint {
                        key: CONTROL_PLANE_ROLE.into(),
                        effect: "NoSchedule".into(),
                        value: None,
                        time_added: None,
                    });
                }
            }
            c
        })
        .collect()
}

fn arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    }
}

fn quantities(m: &BTreeMap<String, String>) -> BTreeMap<String, Quantity> {
    m.iter().map(|(k, v)| (k.clone(), Quantity(v.clone()))).collect()
}

/// The Node as the kubelet registers it.
pub fn node_object(c: &NodeConfig) -> Node {
    Node {
        metadata: ObjectMeta {
            name: Some(c.name.clone()),
            labels: Some(c.labels.clone()),
            annotations: Some(BTreeMap::from([("node.alpha.kubernetes.io/ttl".to_string(), "0".to_string())])),
            ..Default::default()
        },
        spec: Some(NodeSpec {
            pod_cidr: Some(c.pod_cidr.clone()),
            pod_cidrs: Some(vec![c.pod_cidr.clone()]),
            taints: (!c.taints.is_empty()).then(|| c.taints.clone()),
            ..Default::default()
        }),
        status: None,
    }
}

/// Facts that stay the same while a kubelet runs.
#[derive(Clone, Debug)]
pub struct Identity {
    pub boot_id: String,
    pub machine_id: String,
    pub started: Timestamp,
}

impl Identity {
    pub fn new() -> Identity {
        Identity {
            boot_id: uuid::Uuid::new_v4().to_string(),
            machine_id: uuid::Uuid::new_v4().simple().to_string(),
            started: Timestamp::now(),
        }
    }
}

impl Default for Identity {
    fn default() -> Self {
        Identity::new()
    }
}

fn kernel_version() -> String {
    std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "unknown".into())
}

/// The node's status at `now`: capacity, conditions (all healthy), addresses, node info.
pub fn node_status(c: &NodeConfig, id: &Identity, now: Timestamp) -> NodeStatus {
    let condition = |type_: &str, status: &str, reason: &str, message: &str| NodeCondition {
        type_: type_.into(),
        status: status.into(),
        reason: Some(reason.into()),
        message: Some(message.into()),
        last_heartbeat_time: Some(Time(now)),
        last_transition_time: Some(Time(id.started)),
    };
    NodeStatus {
        capacity: Some(quantities(&c.capacity)),
        allocatable: Some(quantities(&c.capacity)),
        conditions: Some(vec![
            condition(
                "MemoryPressure",
                "False",
                "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available",
            ),
            condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
        ]),
        addresses: Some(vec![
            NodeAddress { type_: "InternalIP".into(), address: c.address.to_string() },
            NodeAddress { type_: "Hostname".into(), address: c.name.clone() },
        ]),
        daemon_endpoints: Some(NodeDaemonEndpoints { kubelet_endpoint: Some(DaemonEndpoint { port: 10250 }) }),
        node_info: Some(NodeSystemInfo {
            architecture: arch().into(),
            boot_id: id.boot_id.clone(),
            container_runtime_version: format!("kx-{}://{}", c.runtime.name(), env!("CARGO_PKG_VERSION")),
            kernel_version: kernel_version(),
            kube_proxy_version: String::new(),
            kubelet_version: crate::cluster::apiserver::KUBE_GIT_VERSION.into(),
            machine_id: id.machine_id.clone(),
            operating_system: "linux".into(),
            os_image: format!("kx simulated node ({} runtime)", c.runtime.name()),
            system_uuid: id.machine_id.clone(),
            ..Default::default()
        }),
        images: Some(Vec::new()),
        ..Default::default()
    }
}

/// The node's heartbeat Lease, owned by the Node so it goes when the Node does.
pub fn lease(c: &NodeConfig, node_uid: Option<&str>, now: Timestamp) -> Lease {
    Lease {
        metadata: ObjectMeta {
            name: Some(c.name.clone()),
            namespace: Some(LEASE_NAMESPACE.into()),
            owner_references: node_uid.map(|uid| {
                vec![OwnerReference {
                    api_version: "v1".into(),
                    kind: "Node".into(),
                    name: c.name.clone(),
                    uid: uid.to_string(),
                    ..Default::default()
                }]
            }),
            ..Default::default()
        },
        spec: Some(LeaseSpec {
            holder_identity: Some(c.name.clone()),
            lease_duration_seconds: Some(LEASE_DURATION_SECONDS),
            renew_time: Some(MicroTime(now)),
            ..Default::default()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_nodes_single_node_is_an_untainted_control_plane() {
        let nodes = cluster_nodes(1, Runtime::Sim, Path::new("/tmp/kx"));
        assert_eq!(nodes.len(), 1);
        assert_eq!(nodes[0].name, "kx-control-plane");
        assert!(nodes[0].labels.contains_key(CONTROL_PLANE_ROLE));
        assert!(nodes[0].taints.is_empty());
        assert_eq!(nodes[0].pod_cidr, "10.244.0.0/24");
    }

    #[test]
    fn cluster_nodes_several_taint_the_control_plane() {
        let nodes = cluster_nodes(3, Runtime::Process, Path::new("/tmp/kx"));
        let names: Vec<&str> = nodes.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["kx-control-plane", "kx-worker", "kx-worker2"]);
        assert_eq!(nodes[0].taints[0].key, CONTROL_PLANE_ROLE);
        assert!(nodes[1].taints.is_empty() && !nodes[1].labels.contains_key(CONTROL_PLANE_ROLE));
        assert_eq!(nodes[2].pod_cidr, "10.244.2.0/24");
        assert_eq!(nodes[2].labels["kubernetes.io/hostname"], "kx-worker2");
        assert_eq!(nodes[1].data_dir, Path::new("/tmp/kx/nodes/kx-worker"));
    }

    #[test]
    fn node_status_is_ready_with_capacity() {
        let c = NodeConfig::new("n1", "10.244.0.0/24", Runtime::Sim, Path::new("/tmp"));
        let s = serde_json::to_value(node_status(&c, &Identity::new(), Timestamp::now())).expect("json");
        let ready =
            s["conditions"].as_array().expect("list").iter().find(|c| c["type"] == "Ready").expect("ready").clone();
        assert_eq!(ready["status"], "True");
        assert_eq!(ready["reason"], "KubeletReady");
        assert_eq!(s["capacity"]["pods"], "110");
        assert_eq!(s["allocatable"]["cpu"], "4");
        assert_eq!(s["addresses"][0], serde_json::json!({"type": "InternalIP", "address": "127.0.0.1"}));
        assert_eq!(s["nodeInfo"]["kubeletVersion"], crate::cluster::apiserver::KUBE_GIT_VERSION);
        assert!(s["nodeInfo"]["containerRuntimeVersion"].as_str().expect("text").starts_with("kx-sim://"));
    }

    #[test]
    fn lease_is_owned_by_the_node() {
        let c = NodeConfig::new("n1", "10.244.0.0/24", Runtime::Sim, Path::new("/tmp"));
        let l = serde_json::to_value(lease(&c, Some("uid-1"), Timestamp::UNIX_EPOCH)).expect("json");
        assert_eq!(l["metadata"]["namespace"], "kube-node-lease");
        assert_eq!(l["metadata"]["ownerReferences"][0]["uid"], "uid-1");
        assert_eq!(l["spec"]["holderIdentity"], "n1");
        assert_eq!(l["spec"]["leaseDurationSeconds"], 40);
    }
}
