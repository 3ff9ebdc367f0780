//! Per-kind rules of the registry, as kube-apiserver's registry strategies have them: what
//! a fresh object's status is, which kinds count generations, how deletion proceeds (grace
//! periods, finalizers, propagation), Service IP and port allocation, and the hooks into
//! shared defaulting and validation.

use std::collections::HashSet;
use std::net::Ipv4Addr;

use serde_json::{Value, json};

use super::registry::{DeleteOptions, ListOptions, Registry};
use super::status::{ApiError, Cause};
use crate::k8s::catalog::{self, ResourceType};
use crate::k8s::meta;
use crate::k8s::validation;

fn is(rt: &ResourceType, group: &str, kind: &str) -> bool {
    rt.group == group && rt.kind == kind
}

/// Kinds whose `metadata.generation` counts spec changes.
pub fn has_generation(rt: &ResourceType) -> bool {
    match rt.group.as_str() {
        "apps" => rt.kind != "ControllerRevision",
        "batch" | "policy" | "apiextensions.k8s.io" => true,
        "networking.k8s.io" => matches!(rt.kind.as_str(), "Ingress" | "NetworkPolicy"),
        "" => rt.kind == "ReplicationController",
        g => !crate::k8s::typed::is_builtin(g, &rt.kind),
    }
}

/// Kinds a PUT may create (kube's `AllowCreateOnUpdate`).
pub fn allow_create_on_update(rt: &ResourceType) -> bool {
    is(rt, "", "Endpoints")
        || is(rt, "coordination.k8s.io", "Lease")
        || is(rt, "", "Event")
        || is(rt, "events.k8s.io", "Event")
}

/// Reset what clients may not set on create.
pub fn prepare_for_create(rt: &ResourceType, obj: &mut Value) {
    let Some(map) = obj.as_object_mut() else { return };
    match (rt.group.as_str(), rt.kind.as_str()) {
        ("", "Pod") => {
            let qos = qos_class(map.get("spec").unwrap_or(&Value::Null));
            map.insert("status".into(), json!({"phase": "Pending", "qosClass": qos}));
        }
        ("", "Namespace") => {
            map.insert("spec".into(), json!({"finalizers": ["kubernetes"]}));
            map.insert("status".into(), json!({"phase": "Active"}));
        }
        ("", "Service") => {
            map.insert("status".into(), json!({"loadBalancer": {}}));
        }
        ("apiextensions.k8s.io", "CustomResourceDefinition") => {
            let status = super::crd::accepted_status(&Value::Object(map.clone()));
            map.insert("status".into(), status);
        }
        ("", "PersistentVolume") | ("", "PersistentVolumeClaim") => {
            map.insert("status".into(), json!({"phase": "Pending"}));
        }
        // Nodes are registered by their kubelet, which reports status right after.
        ("", "Node") if !map.contains_key("status") => {
            map.insert("status".into(), json!({}));
        }
        ("", "Node") => {}
        _ if rt.subresource("status").is_some() => {
            map.insert("status".into(), json!({}));
        }
        _ => {}
    }
}

/// Kubernetes' QoS class from a pod spec: Guaranteed when every container has equal cpu and
/// memory requests and limits, BestEffort when none has any, Burstable otherwise.
pub fn qos_class(spec: &Value) -> &'static str {
    let containers: Vec<&Value> = ["containers", "initContainers"]
        .iter()
        .filter_map(|f| spec.get(f).and_then(Value::as_array))
        .flatten()
        .collect();
    let mut any = false;
    let mut guaranteed = true;
    for c in &containers {
        let requests = c.get("resources").and_then(|r| r.get("requests")).and_then(Value::as_object);
        let limits = c.get("resources").and_then(|r| r.get("limits")).and_then(Value::as_object);
        for res in ["cpu", "memory"] {
            let l = limits.and_then(|l| l.get(res));
            // A missing request defaults to the limit.
            let r = requests.and_then(|r| r.get(res)).or(l);
            if r.is_some() || l.is_some() {
                any = true;
            }
            if l.is_none() || r != l {
                guaranteed = false;
            }
        }
    }
    if !any {
        "BestEffort"
    } else if guaranteed && !containers.is_empty() {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

/// Defaults the server fills in (shared with the client's dry-runs).
pub fn apply_defaults(rt: &ResourceType, obj: &mut Value) {
    crate::k8s::defaults::apply_defaults(&rt.group, &rt.kind, obj);
}

pub fn validate_create(rt: &ResourceType, obj: &Value) -> Vec<Cause> {
    let mut causes = to_causes(validation::validate_create(&rt.group, &rt.kind, obj));
    if is(rt, "apiextensions.k8s.io", "CustomResourceDefinition") {
        causes.extend(super::crd::validate(obj));
    }
    causes
}

/// Validation of an update: spec rules for the main resource, status rules for `/status`.
pub fn validate_update(rt: &ResourceType, new: &Value, old: &Value, status: bool) -> Vec<Cause> {
    if status {
        to_causes(validation::validate_status_update(&rt.group, &rt.kind, new, old))
    } else {
        let mut causes = to_causes(validation::validate_update(&rt.group, &rt.kind, new, old));
        if is(rt, "apiextensions.k8s.io", "CustomResourceDefinition") {
            causes.extend(super::crd::validate(new));
        }
        causes
    }
}

fn to_causes(errs: Vec<validation::FieldError>) -> Vec<Cause> {
    errs.into_iter()
        .map(|e| Cause { reason: e.reason().to_string(), message: e.body(), field: e.field.clone() })
        .collect()
}

/// What a DELETE does to an object.
#[derive(Debug, PartialEq)]
pub enum DeletePlan {
    /// Remove it from the store now.
    Now,
    /// Set deletionTimestamp (now + grace), add these finalizers, and leave it for the
    /// finalizers' owners or the kubelet to finish.
    Mark { finalizers: Vec<&'static str>, grace_seconds: i64, namespace_terminating: bool },
}

pub fn plan_delete(rt: &ResourceType, obj: &Value, opts: &DeleteOptions) -> DeletePlan {
    if is(rt, "", "Namespace") {
        return DeletePlan::Mark { finalizers: vec![], grace_seconds: 0, namespace_terminating: true };
    }
    let default_policy = if (rt.group == "batch" && rt.kind == "Job") || is(rt, "", "ReplicationController") {
        "Orphan"
    } else {
        "Background"
    };
    let policy = opts.propagation_policy.as_deref().unwrap_or(default_policy);
    let mut finalizers = Vec::new();
    // Only owners can have dependents worth orphaning or waiting for; kube adds the
    // finalizer for any kind, but a kind no controller owns from would never lose it.
    let may_own = !is(rt, "", "Pod") && !is(rt, "", "Event") && !is(rt, "events.k8s.io", "Event");
    match policy {
        "Orphan" if may_own => finalizers.push("orphan"),
        "Foreground" if may_own => finalizers.push("foregroundDeletion"),
        _ => {}
    }
    let mut grace = 0;
    if is(rt, "", "Pod") {
        let spec_grace = meta::path(obj, "spec.terminationGracePeriodSeconds").and_then(Value::as_i64).unwrap_or(30);
        grace = opts.grace_period_seconds.unwrap_or(spec_grace).max(0);
        let scheduled = meta::path(obj, "spec.nodeName").and_then(Value::as_str).is_some_and(|n| !n.is_empty());
        let phase = meta::path(obj, "status.phase").and_then(Value::as_str).unwrap_or("");
        if !scheduled || phase == "Succeeded" || phase == "Failed" {
            grace = 0;
        }
    }
    let has_finalizers = !meta::finalizers(obj).is_empty() || !finalizers.is_empty();
    if grace == 0 && !has_finalizers {
        return DeletePlan::Now;
    }
    DeletePlan::Mark { finalizers, grace_seconds: grace, namespace_terminating: false }
}

pub fn needs_allocation(rt: &ResourceType) -> bool {
    is(rt, "", "Service")
}

/// The service CIDR (10.96.0.0/12, as kubeadm's default) as (first address, size).
const SERVICE_NET: (u32, u32) = (u32::from_be_bytes([10, 96, 0, 0]), 1 << 20);
/// Addresses below this offset are reserved for explicit requests (kubernetes: .1, DNS: .10).
const STATIC_BAND: u32 = 256;
pub const NODE_PORTS: std::ops::RangeInclusive<i64> = 30000..=32767;

pub fn service_ip(offset: u32) -> Ipv4Addr {
    Ipv4Addr::from(SERVICE_NET.0 + offset)
}

fn in_service_net(ip: Ipv4Addr) -> bool {
    let n = u32::from(ip);
    n > SERVICE_NET.0 && n < SERVICE_NET.0 + SERVICE_NET.1 - 1
}

fn invalid(obj: &Value, field: &str, value: Value, detail: &str) -> ApiError {
    ApiError::Invalid {
        kind: "Service".into(),
        name: meta::name(obj).to_string(),
        causes: vec![Cause {
            reason: "FieldValueInvalid".into(),
            message: format!("Invalid value: {value}: {detail}"),
            field: field.into(),
        }],
    }
}

/// Give a Service its cluster IP and node ports, honouring requested ones that are free.
/// The caller holds the registry's service lock.
pub fn allocate_service(reg: &Registry, obj: &mut Value, old: Option<&Value>) -> Result<(), ApiError> {
    let rt = catalog::lookup("", "v1", "services").expect("services are built in");
    let me = (meta::namespace(obj).unwrap_or("").to_string(), meta::name(obj).to_string());
    let mut used_ips: HashSet<String> = HashSet::new();
    let mut used_ports: HashSet<i64> = HashSet::new();
    for item in reg.list(rt, None, &ListOptions::default(), None)?.items {
        let Ok(svc) = serde_json::from_slice::<Value>(&item) else { continue };
        if (meta::namespace(&svc).unwrap_or(""), meta::name(&svc)) == (me.0.as_str(), me.1.as_str()) {
            continue;
        }
        if let Some(ip) = meta::path(&svc, "spec.clusterIP").and_then(Value::as_str) {
            used_ips.insert(ip.to_string());
        }
        for p in meta::path(&svc, "spec.ports").and_then(Value::as_array).into_iter().flatten() {
            if let Some(n) = p.get("nodePort").and_then(Value::as_i64) {
                used_ports.insert(n);
            }
        }
    }
    let ty = meta::path(obj, "spec.type").and_then(Value::as_str).unwrap_or("ClusterIP").to_string();
    let Some(spec) = obj.get_mut("spec").and_then(Value::as_object_mut) else { return Ok(()) };

    if ty == "ExternalName" {
        spec.remove("clusterIP");
        spec.remove("clusterIPs");
    } else {
        let old_ip = old.and_then(|o| meta::path(o, "spec.clusterIP")).and_then(Value::as_str).map(str::to_string);
        let requested = spec.get("clusterIP").and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string);
        let ip = match (old_ip, requested) {
            (Some(old), _) => old,
            (None, Some(r)) if r == "None" => r,
            (None, Some(r)) => {
                let parsed: Ipv4Addr = r
                    .parse()
                    .map_err(|_| invalid(&Value::Null, "spec.clusterIPs", json!([r]), "must be a valid IP address"))?;
                if !in_service_net(parsed) {
                    return Err(invalid(
                        &json!({"metadata": {"name": me.1}}),
                        "spec.clusterIPs",
                        json!([r]),
                        &format!(
                            "failed to allocate IP {r}: the provided IP ({r}) is not in the valid range. The range of valid IPs is 10.96.0.0/12"
                        ),
                    ));
                }
                if used_ips.contains(&r) {
                    return Err(invalid(
                        &json!({"metadata": {"name": me.1}}),
                        "spec.clusterIPs",
                        json!([r]),
                        &format!("failed to allocate IP {r}: provided IP is already allocated"),
                    ));
                }
                r
            }
            (None, None) => {
                // Spread by name hash, probe linearly: stable for a name, rarely colliding.
                let span = SERVICE_NET.1 - STATIC_BAND - 2;
                let h =
                    me.0.bytes()
                        .chain(me.1.bytes())
                        .fold(0x811c9dc5u32, |h, b| (h ^ b as u32).wrapping_mul(0x01000193));
                let mut found = None;
                for i in 0..span {
                    let ip = service_ip(STATIC_BAND + (h.wrapping_add(i) % span)).to_string();
                    if !used_ips.contains(&ip) {
                        found = Some(ip);
                        break;
                    }
                }
                found.ok_or_else(|| ApiError::Internal("no service IPs left".into()))?
            }
        };
        spec.insert("clusterIP".into(), json!(ip));
        spec.insert("clusterIPs".into(), json!([ip]));
    }

    let wants_node_ports = ty == "NodePort" || ty == "LoadBalancer";
    let old_ports: Vec<(i64, i64)> = old
        .and_then(|o| meta::path(o, "spec.ports"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|p| Some((p.get("port")?.as_i64()?, p.get("nodePort")?.as_i64()?)))
        .collect();
    if let Some(ports) = spec.get_mut("ports").and_then(Value::as_array_mut) {
        for (i, p) in ports.iter_mut().enumerate() {
            let Some(p) = p.as_object_mut() else { continue };
            if !wants_node_ports {
                p.remove("nodePort");
                continue;
            }
            let port = p.get("port").and_then(Value::as_i64).unwrap_or(0);
            match p.get("nodePort").and_then(Value::as_i64) {
                Some(n) if old_ports.iter().any(|(_, o)| *o == n) => {
                    used_ports.insert(n);
                }
                Some(n) => {
                    let field = format!("spec.ports[{i}].nodePort");
                    if !NODE_PORTS.contains(&n) {
                        return Err(invalid(
                            &json!({"metadata": {"name": me.1}}),
                            &field,
                            json!(n),
                            "provided port is not in the valid range. The range of valid ports is 30000-32767",
                        ));
                    }
                    if used_ports.contains(&n) {
                        return Err(invalid(
                            &json!({"metadata": {"name": me.1}}),
                            &field,
                            json!(n),
                            "provided port is already allocated",
                        ));
                    }
                    used_ports.insert(n);
                }
                None => {
                    let reuse = old_ports.iter().find(|(op, _)| *op == port).map(|(_, n)| *n);
                    let n = match reuse {
                        Some(n) => n,
                        None => free_node_port(&used_ports, &format!("{}/{}/{port}", me.0, me.1))
                            .ok_or_else(|| ApiError::Internal("no node ports left".into()))?,
                    };
                    used_ports.insert(n);
                    p.insert("nodePort".into(), json!(n));
                }
            }
        }
    }
    Ok(())
}

/// A free node port for a dynamically allocated service port. Like kube-apiserver, dynamic
/// allocations come from above a low band kept for explicit requests (the band is
/// min(max(16, size/32), 128) ports), and only fall back into it when the rest is full.
fn free_node_port(used: &HashSet<i64>, seed: &str) -> Option<i64> {
    let (start, end) = (*NODE_PORTS.start(), *NODE_PORTS.end());
    let size = end - start + 1;
    let band = (size / 32).clamp(16, 128);
    let upper = size - band;
    let h = seed.bytes().fold(0x811c9dc5u32, |h, b| (h ^ b as u32).wrapping_mul(0x01000193)) as i64;
    (0..upper).map(|i| start + band + (h + i) % upper).chain(start..start + band).find(|p| !used.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rt(plural: &str) -> &'static ResourceType {
        catalog::builtin().iter().find(|r| r.plural == plural).expect("known")
    }

    #[test]
    fn qos_class_follows_requests_and_limits() {
        assert_eq!(qos_class(&json!({"containers": [{"name": "a"}]})), "BestEffort");
        assert_eq!(
            qos_class(&json!({"containers": [{"resources": {"limits": {"cpu": "1", "memory": "1Gi"}}}]})),
            "Guaranteed"
        );
        assert_eq!(qos_class(&json!({"containers": [{"resources": {"requests": {"cpu": "1"}}}]})), "Burstable");
    }

    #[test]
    fn plan_delete_scheduled_pod_waits_for_grace() {
        let pod =
            json!({"spec": {"nodeName": "n1", "terminationGracePeriodSeconds": 5}, "status": {"phase": "Running"}});
        assert_eq!(
            plan_delete(rt("pods"), &pod, &DeleteOptions::default()),
            DeletePlan::Mark { finalizers: vec![], grace_seconds: 5, namespace_terminating: false }
        );
        let force = DeleteOptions { grace_period_seconds: Some(0), ..Default::default() };
        assert_eq!(plan_delete(rt("pods"), &pod, &force), DeletePlan::Now);
        let pending = json!({"spec": {}});
        assert_eq!(plan_delete(rt("pods"), &pending, &DeleteOptions::default()), DeletePlan::Now);
    }

    #[test]
    fn free_node_port_avoids_the_static_band() {
        let p = free_node_port(&HashSet::new(), "default/web/80").expect("free");
        assert!((30086..=32767).contains(&p), "{p}");
        let all_upper: HashSet<i64> = (30086..=32767).collect();
        assert_eq!(free_node_port(&all_upper, "x"), Some(30000));
    }

    #[test]
    fn plan_delete_propagation_adds_finalizers() {
        let d = json!({"metadata": {"name": "d"}});
        let fg = DeleteOptions { propagation_policy: Some("Foreground".into()), ..Default::default() };
        assert!(
            matches!(plan_delete(rt("deployments"), &d, &fg), DeletePlan::Mark { finalizers, .. } if finalizers == vec!["foregroundDeletion"])
        );
        assert_eq!(plan_delete(rt("deployments"), &d, &DeleteOptions::default()), DeletePlan::Now);
        assert!(matches!(
            plan_delete(rt("namespaces"), &d, &DeleteOptions::default()),
            DeletePlan::Mark { namespace_terminating: true, .. }
        ));
    }
}
