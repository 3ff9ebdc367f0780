//! EndpointSlices for a service, as kube's endpointslice controller lays them out: endpoints
//! grouped by address type and resolved ports, at most `max` per slice, each with
//! ready/serving/terminating conditions, labelled with the service name and the managing
//! controller and owned by the service. [`reconcile`] keeps endpoints in the slices that
//! already hold them, so a pod coming or going rewrites one slice, not all of them. Pure.

use std::collections::{BTreeMap, HashMap, HashSet};

use k8s_openapi::api::core::v1::Service;
use k8s_openapi::api::discovery::v1::{Endpoint, EndpointConditions, EndpointPort, EndpointSlice};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};

use super::endpoints::{self, HEADLESS_LABEL, PodView, TRIGGER_TIME_ANNOTATION};

pub const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";
pub const MANAGED_BY_LABEL: &str = "endpointslice.kubernetes.io/managed-by";
pub const MANAGED_BY: &str = "endpointslice-controller.k8s.io";

/// The slice writes that bring a service's slices in line.
#[derive(Debug, Default)]
pub struct SlicePlan {
    pub create: Vec<EndpointSlice>,
    /// Existing slices (with their resourceVersion) to replace.
    pub update: Vec<EndpointSlice>,
    pub delete: Vec<String>,
}

impl SlicePlan {
    pub fn is_empty(&self) -> bool {
        self.create.is_empty() && self.update.is_empty() && self.delete.is_empty()
    }
}

/// Slices with the same address type and ports can share endpoints.
type GroupKey = (String, String);

fn group_key(address_type: &str, ports: &[EndpointPort]) -> GroupKey {
    (address_type.to_owned(), serde_json::to_string(ports).unwrap_or_default())
}

fn address_type(ip: &str) -> &'static str {
    if ip.contains(':') { "IPv6" } else { "IPv4" }
}

/// The endpoint a pod contributes to `service`, with its address type and ports; `None`
/// if the pod has no address or will not run again. Terminating pods stay, marked so.
pub fn endpoint_for(service: &Service, pod: &PodView) -> Option<(String, Vec<EndpointPort>, Endpoint)> {
    if !pod.eligible(true) {
        return None;
    }
    let ip = pod.ip.clone()?;
    let publish = endpoints::publishes_not_ready(service);
    let ports: Vec<EndpointPort> = endpoints::endpoint_ports(service, pod)
        .into_iter()
        // kube's controller names every port, an unnamed one "" (as the apiserver stores it),
        // so a stored slice compares equal to a freshly computed one.
        .map(|p| EndpointPort {
            name: Some(p.name.unwrap_or_default()),
            port: Some(p.port),
            protocol: p.protocol,
            app_protocol: p.app_protocol,
        })
        .collect();
    let conditions = EndpointConditions {
        // Never ready while terminating, unless the service publishes everything.
        ready: Some(publish || (pod.ready && !pod.terminating)),
        serving: Some(publish || pod.ready),
        terminating: Some(pod.terminating),
    };
    let endpoint = Endpoint {
        addresses: vec![ip.clone()],
        conditions: Some(conditions),
        hostname: pod.hostname_for(service),
        node_name: pod.node_name.clone(),
        target_ref: Some(pod.target_ref()),
        ..Default::default()
    };
    Some((address_type(&ip).to_owned(), ports, endpoint))
}

fn endpoint_id(e: &Endpoint) -> String {
    match e.target_ref.as_ref().and_then(|r| r.uid.as_deref()) {
        Some(uid) => uid.to_owned(),
        None => e.addresses.join(","),
    }
}

/// The labels every slice of `service` carries.
pub fn slice_labels(service: &Service) -> BTreeMap<String, String> {
    let mut labels = service.metadata.labels.clone().unwrap_or_default();
    labels.insert(SERVICE_NAME_LABEL.into(), service.metadata.name.clone().unwrap_or_default());
    labels.insert(MANAGED_BY_LABEL.into(), MANAGED_BY.into());
    if endpoints::is_headless(service) {
        labels.insert(HEADLESS_LABEL.into(), String::new());
    } else {
        labels.remove(HEADLESS_LABEL);
    }
    labels
}

fn owner_reference(service: &Service) -> OwnerReference {
    OwnerReference {
        api_version: "v1".into(),
        kind: "Service".into(),
        name: service.metadata.name.clone().unwrap_or_default(),
        uid: service.metadata.uid.clone().unwrap_or_default(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

fn new_slice(service: &Service, address_type: &str, ports: &[EndpointPort], endpoints: Vec<Endpoint>) -> EndpointSlice {
    let name = service.metadata.name.clone().unwrap_or_default();
    // Room for the five random characters the apiserver appends.
    let base: String = name.chars().take(57).collect();
    EndpointSlice {
        metadata: ObjectMeta {
            generate_name: Some(format!("{base}-")),
            namespace: service.metadata.namespace.clone(),
            labels: Some(slice_labels(service)),
            owner_references: Some(vec![owner_reference(service)]),
            ..Default::default()
        },
        address_type: address_type.to_owned(),
        endpoints,
        ports: Some(ports.to_vec()),
    }
}

struct Kept {
    original: EndpointSlice,
    key: GroupKey,
    endpoints: Vec<Endpoint>,
}

/// The writes that make `existing` (the slices this controller manages for `service`) hold
/// exactly the endpoints of `pods`, at most `max` per slice.
pub fn reconcile(service: &Service, pods: &[&PodView], existing: &[EndpointSlice], max: usize) -> SlicePlan {
    let max = max.max(1);
    // Desired endpoints per group, in pod order, and where each belongs.
    type Group = (String, Vec<EndpointPort>, Vec<(String, Endpoint)>);
    let mut groups: BTreeMap<GroupKey, Group> = BTreeMap::new();
    let mut wanted: HashMap<String, (GroupKey, Endpoint)> = HashMap::new();
    for pod in pods {
        let Some((ty, ports, endpoint)) = endpoint_for(service, pod) else { continue };
        let key = group_key(&ty, &ports);
        let id = endpoint_id(&endpoint);
        wanted.insert(id.clone(), (key.clone(), endpoint.clone()));
        groups.entry(key).or_insert_with(|| (ty, ports, vec![])).2.push((id, endpoint));
    }

    let mut sorted: Vec<&EndpointSlice> = existing.iter().collect();
    sorted.sort_by(|a, b| a.metadata.name.cmp(&b.metadata.name));
    let mut placed: HashSet<String> = HashSet::new();
    let mut kept: Vec<Kept> = Vec::new();
    for slice in sorted {
        let key = group_key(&slice.address_type, slice.ports.as_deref().unwrap_or_default());
        let mut endpoints = Vec::new();
        for e in &slice.endpoints {
            let id = endpoint_id(e);
            if let Some((k, want)) = wanted.get(&id)
                && *k == key
                && endpoints.len() < max
                && placed.insert(id)
            {
                endpoints.push(want.clone());
            }
        }
        kept.push(Kept { original: slice.clone(), key, endpoints });
    }

    let mut plan = SlicePlan::default();
    for (key, (ty, ports, list)) in &groups {
        let mut rest = list.iter().filter(|(id, _)| !placed.contains(id)).map(|(_, e)| e.clone()).peekable();
        for k in kept.iter_mut().filter(|k| k.key == *key) {
            while k.endpoints.len() < max {
                match rest.next() {
                    Some(e) => k.endpoints.push(e),
                    None => break,
                }
            }
        }
        while rest.peek().is_some() {
            let chunk: Vec<Endpoint> = rest.by_ref().take(max).collect();
            plan.create.push(new_slice(service, ty, ports, chunk));
        }
    }

    let labels = slice_labels(service);
    let owner = owner_reference(service);
    let nothing_wanted = groups.is_empty();
    let mut placeholder_kept = false;
    for k in kept {
        let name = k.original.metadata.name.clone().unwrap_or_default();
        if k.endpoints.is_empty() {
            // A service with no endpoints keeps one empty slice, as kube's placeholder.
            if nothing_wanted && !placeholder_kept && plan.create.is_empty() {
                placeholder_kept = true;
                let mut s = k.original.clone();
                s.endpoints = vec![];
                s.ports = Some(vec![]);
                s.metadata.labels = Some(labels.clone());
                if s != k.original {
                    plan.update.push(s);
                }
            } else {
                plan.delete.push(name);
            }
            continue;
        }
        let mut s = k.original.clone();
        s.endpoints = k.endpoints;
        s.metadata.labels = Some(labels.clone());
        let owners = s.metadata.owner_references.get_or_insert_with(Vec::new);
        if !owners.iter().any(|o| o.uid == owner.uid) {
            owners.push(owner.clone());
        }
        if s != k.original {
            plan.update.push(s);
        }
    }
    if nothing_wanted && !placeholder_kept {
        plan.create.push(new_slice(service, "IPv4", &[], vec![]));
    }
    if let Some(t) = endpoints::trigger_time(service, pods.iter().copied()) {
        for s in plan.create.iter_mut().chain(plan.update.iter_mut()) {
            s.metadata
                .annotations
                .get_or_insert_with(BTreeMap::new)
                .insert(TRIGGER_TIME_ANNOTATION.into(), t.0.to_string());
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::controllers::endpoints::tests::{pod, service};
    use serde_json::json;

    /// What the apiserver would hold after `plan` ran against `existing`.
    fn applied(existing: &[EndpointSlice], plan: SlicePlan, next: &mut usize) -> Vec<EndpointSlice> {
        let mut out: Vec<EndpointSlice> = existing
            .iter()
            .filter(|s| !plan.delete.contains(s.metadata.name.as_ref().expect("named")))
            .map(|s| plan.update.iter().find(|u| u.metadata.name == s.metadata.name).unwrap_or(s).clone())
            .collect();
        for mut s in plan.create {
            *next += 1;
            s.metadata.name = Some(format!("web-{next:05}"));
            out.push(s);
        }
        out
    }

    fn names_in(slices: &[EndpointSlice]) -> Vec<Vec<String>> {
        slices
            .iter()
            .map(|s| s.endpoints.iter().filter_map(|e| e.target_ref.as_ref()?.name.clone()).collect())
            .collect()
    }

    #[test]
    fn reconcile_new_service_chunks_endpoints_by_max() {
        let svc = service(json!({"metadata": {"uid": "svc-uid"}}));
        let pods: Vec<PodView> =
            (0..5).map(|i| pod(&format!("p{i}"), Some(&format!("10.0.0.{i}")), true, json!({}))).collect();
        let refs: Vec<&PodView> = pods.iter().collect();
        let plan = reconcile(&svc, &refs, &[], 2);
        assert_eq!(plan.create.len(), 3);
        let s = &plan.create[0];
        let labels = s.metadata.labels.as_ref().expect("labels");
        assert_eq!(labels.get(SERVICE_NAME_LABEL).map(String::as_str), Some("web"));
        assert_eq!(labels.get(MANAGED_BY_LABEL).map(String::as_str), Some(MANAGED_BY));
        assert_eq!(s.metadata.generate_name.as_deref(), Some("web-"));
        assert_eq!(s.metadata.owner_references.as_ref().expect("owned")[0].uid, "svc-uid");
        assert_eq!(s.address_type, "IPv4");
        let ports: Vec<(Option<&str>, Option<i32>)> =
            s.ports.iter().flatten().map(|p| (p.name.as_deref(), p.port)).collect();
        assert_eq!(ports, vec![(Some("http"), Some(8080)), (Some("metrics"), Some(9090))]);
        assert!(s.metadata.annotations.as_ref().is_some_and(|a| a.contains_key(TRIGGER_TIME_ANNOTATION)));
    }

    #[test]
    fn reconcile_one_pod_added_touches_one_slice() {
        let svc = service(json!({}));
        let mut pods: Vec<PodView> =
            (0..4).map(|i| pod(&format!("p{i}"), Some(&format!("10.0.0.{i}")), true, json!({}))).collect();
        let mut next = 0;
        let refs: Vec<&PodView> = pods.iter().collect();
        let slices = applied(&[], reconcile(&svc, &refs, &[], 3), &mut next);
        assert_eq!(names_in(&slices), vec![vec!["p0", "p1", "p2"], vec!["p3"]]);
        // "a0" sorts first but joins the slice with room, and the full slice is not touched.
        pods.push(pod("a0", Some("10.0.0.9"), true, json!({})));
        let refs: Vec<&PodView> = pods.iter().collect();
        let plan = reconcile(&svc, &refs, &slices, 3);
        assert!(plan.create.is_empty() && plan.delete.is_empty());
        assert_eq!(plan.update.len(), 1);
        let slices = applied(&slices, plan, &mut next);
        assert_eq!(names_in(&slices), vec![vec!["p0", "p1", "p2"], vec!["p3", "a0"]]);
        assert!(reconcile(&svc, &refs, &slices, 3).is_empty(), "settled");
    }

    #[test]
    fn reconcile_unnamed_port_as_stored_is_settled() {
        // The apiserver stores an unnamed port's name as "": a slice read back must not look
        // different from the computed one, or every sync replaces every slice.
        let svc = service(json!({"spec": {"ports": [{"port": 27017, "targetPort": 27017}]}}));
        let pods = [pod("a", Some("10.0.0.1"), true, json!({}))];
        let refs: Vec<&PodView> = pods.iter().collect();
        let mut next = 0;
        let plan = reconcile(&svc, &refs, &[], 100);
        let ports = plan.create[0].ports.clone().expect("ports");
        assert_eq!(ports[0].name.as_deref(), Some(""));
        let mut stored = applied(&[], plan, &mut next);
        for p in stored.iter_mut().flat_map(|s| s.ports.iter_mut().flatten()) {
            p.name.get_or_insert_with(String::new);
        }
        assert!(reconcile(&svc, &refs, &stored, 100).is_empty(), "settled");
    }

    #[test]
    fn reconcile_conditions_follow_readiness_and_termination() {
        let svc = service(json!({}));
        let ready = pod("a", Some("10.0.0.1"), true, json!({}));
        let not_ready = pod("b", Some("10.0.0.2"), false, json!({}));
        let leaving =
            pod("c", Some("10.0.0.3"), true, json!({"metadata": {"deletionTimestamp": "2025-01-01T00:05:00Z"}}));
        let plan = reconcile(&svc, &[&ready, &not_ready, &leaving], &[], 100);
        let conds: Vec<(bool, bool, bool)> = plan.create[0]
            .endpoints
            .iter()
            .map(|e| {
                let c = e.conditions.as_ref().expect("conditions");
                (c.ready.unwrap_or(false), c.serving.unwrap_or(false), c.terminating.unwrap_or(false))
            })
            .collect();
        assert_eq!(conds, vec![(true, true, false), (false, false, false), (false, true, true)]);
    }

    #[test]
    fn reconcile_no_endpoints_keeps_one_placeholder() {
        let svc = service(json!({}));
        let mut next = 0;
        let plan = reconcile(&svc, &[], &[], 100);
        assert_eq!(plan.create.len(), 1);
        assert!(plan.create[0].endpoints.is_empty());
        let slices = applied(&[], plan, &mut next);
        assert!(reconcile(&svc, &[], &slices, 100).is_empty());
        // Pods arrive: the placeholder is replaced.
        let a = pod("a", Some("10.0.0.1"), true, json!({}));
        let plan = reconcile(&svc, &[&a], &slices, 100);
        assert_eq!((plan.create.len(), plan.delete.len()), (1, 1));
        // And leave again: the remaining slice becomes the placeholder.
        let slices = applied(&slices, plan, &mut next);
        let plan = reconcile(&svc, &[], &slices, 100);
        assert_eq!((plan.create.len(), plan.update.len(), plan.delete.len()), (0, 1, 0));
    }
}
