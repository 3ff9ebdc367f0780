//! Printers for core/v1 kinds: pods (with the full READY/STATUS/RESTARTS logic), services,
//! endpoints, namespaces, nodes, config maps, secrets, service accounts, events, persistent
//! volumes and claims, resource quotas and pod templates.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::duration::{human_duration, parse_time};
use super::field::{
    age, arr_at, at, bool_at, container_cells, format_labels, int_at, is_deleting, is_set, map_len, name, opt_str_at,
    or_none, quantity, since, str_at,
};
use super::{ColumnDefinition, age_col, doc, name_col, string_col, wide_col};

pub(super) fn pod_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("Ready", doc::POD_READY),
        string_col("Status", doc::POD_STATUS),
        // A string since 1.24 so it can carry the time of the last restart.
        string_col("Restarts", doc::POD_RESTARTS),
        age_col(),
        wide_col("IP", doc::POD_STATUS_POD_IP),
        wide_col("Node", doc::POD_SPEC_NODE_NAME),
        wide_col("Nominated Node", doc::POD_STATUS_NOMINATED_NODE_NAME),
        wide_col("Readiness Gates", doc::POD_SPEC_READINESS_GATES),
    ]
}

/// The latest of two optional instants (the printers keep a zero `metav1.Time` and move it
/// forward with `Before`).
fn later(a: Option<Timestamp>, b: Option<Timestamp>) -> Option<Timestamp> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// `lastState.terminated.finishedAt` of a container status.
fn last_termination(status: &Value) -> Option<Timestamp> {
    opt_str_at(status, &["lastState", "terminated", "finishedAt"]).and_then(parse_time)
}

fn has_condition(conditions: &[Value], type_: &str, status: &str) -> bool {
    conditions.iter().any(|c| str_at(c, &["type"]) == type_ && str_at(c, &["status"]) == status)
}

/// `isPodInitializedConditionTrue`: the first Initialized condition decides.
fn pod_initialized(conditions: &[Value]) -> bool {
    conditions.iter().find(|c| str_at(c, &["type"]) == "Initialized").is_some_and(|c| str_at(c, &["status"]) == "True")
}

/// A terminated state's reason, or `{prefix}Signal:N` / `{prefix}ExitCode:N` without one.
fn terminated_reason(terminated: &Value, prefix: &str) -> String {
    let reason = str_at(terminated, &["reason"]);
    if !reason.is_empty() {
        return format!("{prefix}{reason}");
    }
    let signal = int_at(terminated, &["signal"]);
    if signal != 0 {
        format!("{prefix}Signal:{signal}")
    } else {
        format!("{prefix}ExitCode:{}", int_at(terminated, &["exitCode"]))
    }
}

/// kubectl's pod row: READY counts ready containers (sidecars included), STATUS is the most
/// telling reason (init progress, a waiting or terminated container's reason, Terminating,
/// Unknown for pods on lost nodes), RESTARTS adds when the last restart happened.
pub(super) fn pod_cells(pod: &Value, now: Timestamp) -> Vec<Value> {
    let spec = pod.get("spec").unwrap_or(&Value::Null);
    let status = pod.get("status").unwrap_or(&Value::Null);
    let conditions = arr_at(status, &["conditions"]);
    let init_specs = arr_at(spec, &["initContainers"]);

    let mut restarts: i64 = 0;
    let mut restartable_init_restarts: i64 = 0;
    let mut total_containers = arr_at(spec, &["containers"]).len();
    let mut ready_containers = 0;
    let mut last_restart: Option<Timestamp> = None;
    let mut last_restartable_init_restart: Option<Timestamp> = None;

    let phase = str_at(status, &["phase"]);
    let mut reason = phase.to_string();
    if !str_at(status, &["reason"]).is_empty() {
        reason = str_at(status, &["reason"]).to_string();
    }
    for condition in conditions {
        if str_at(condition, &["type"]) == "PodScheduled" && str_at(condition, &["reason"]) == "SchedulingGated" {
            reason = "SchedulingGated".to_string();
        }
    }

    // Sidecars (init containers with restartPolicy Always) count as regular containers.
    let is_sidecar = |container_name: &str| {
        init_specs.iter().any(|c| str_at(c, &["name"]) == container_name && str_at(c, &["restartPolicy"]) == "Always")
    };
    total_containers += init_specs.iter().filter(|c| str_at(c, &["restartPolicy"]) == "Always").count();

    let mut initializing = false;
    for (i, container) in arr_at(status, &["initContainerStatuses"]).iter().enumerate() {
        let restart_count = int_at(container, &["restartCount"]);
        restarts += restart_count;
        last_restart = later(last_restart, last_termination(container));
        let sidecar = is_sidecar(str_at(container, &["name"]));
        if sidecar {
            restartable_init_restarts += restart_count;
            last_restartable_init_restart = later(last_restartable_init_restart, last_termination(container));
        }
        let terminated = at(container, &["state", "terminated"]).filter(|t| t.is_object());
        let waiting_reason = str_at(container, &["state", "waiting", "reason"]);
        match terminated {
            Some(t) if int_at(t, &["exitCode"]) == 0 => continue,
            _ if sidecar && bool_at(container, &["started"]) => {
                if bool_at(container, &["ready"]) {
                    ready_containers += 1;
                }
                continue;
            }
            Some(t) => reason = terminated_reason(t, "Init:"),
            None if !waiting_reason.is_empty() && waiting_reason != "PodInitializing" => {
                reason = format!("Init:{waiting_reason}");
            }
            None => reason = format!("Init:{i}/{}", init_specs.len()),
        }
        initializing = true;
        break;
    }

    if !initializing || pod_initialized(conditions) {
        restarts = restartable_init_restarts;
        last_restart = last_restartable_init_restart;
        let mut has_running = false;
        for container in arr_at(status, &["containerStatuses"]).iter().rev() {
            restarts += int_at(container, &["restartCount"]);
            last_restart = later(last_restart, last_termination(container));
            let waiting_reason = str_at(container, &["state", "waiting", "reason"]);
            let terminated = at(container, &["state", "terminated"]).filter(|t| t.is_object());
            if is_set(container, &["state", "waiting"]) && !waiting_reason.is_empty() {
                reason = waiting_reason.to_string();
            } else if let Some(t) = terminated {
                reason = terminated_reason(t, "");
            } else if bool_at(container, &["ready"]) && is_set(container, &["state", "running"]) {
                has_running = true;
                ready_containers += 1;
            }
        }
        // A pod whose last container completed but another still runs is not Completed.
        if reason == "Completed" && has_running {
            reason =
                if has_condition(conditions, "Ready", "True") { "Running".to_string() } else { "NotReady".to_string() };
        }
    }

    if is_deleting(pod) && str_at(status, &["reason"]) == "NodeLost" {
        reason = "Unknown".to_string();
    } else if is_deleting(pod) && phase != "Failed" && phase != "Succeeded" {
        reason = "Terminating".to_string();
    }

    let restarts_cell = match last_restart {
        Some(t) if restarts != 0 => {
            format!("{restarts} ({} ago)", human_duration(now.duration_since(t)))
        }
        _ => restarts.to_string(),
    };

    // The internal type keeps only podIPs; conversion fills it from podIP when absent.
    let pod_ip =
        arr_at(status, &["podIPs"]).first().map(|ip| str_at(ip, &["ip"])).unwrap_or_else(|| str_at(status, &["podIP"]));
    let gates = arr_at(spec, &["readinessGates"]);
    let readiness_gates = if gates.is_empty() {
        "<none>".to_string()
    } else {
        let true_conditions = gates
            .iter()
            .filter(|gate| {
                let type_ = str_at(gate, &["conditionType"]);
                conditions
                    .iter()
                    .find(|c| str_at(c, &["type"]) == type_)
                    .is_some_and(|c| str_at(c, &["status"]) == "True")
            })
            .count();
        format!("{true_conditions}/{}", gates.len())
    };

    vec![
        json!(name(pod)),
        json!(format!("{ready_containers}/{total_containers}")),
        json!(reason),
        json!(restarts_cell),
        json!(age(pod, now)),
        json!(or_none(pod_ip)),
        json!(or_none(str_at(spec, &["nodeName"]))),
        json!(or_none(str_at(status, &["nominatedNodeName"]))),
        json!(readiness_gates),
    ]
}

pub(super) fn pod_template_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("Containers", doc::TEMPLATE_CONTAINERS),
        string_col("Images", doc::TEMPLATE_IMAGES),
        string_col("Pod Labels", doc::POD_TEMPLATE_LABELS),
    ]
}

pub(super) fn pod_template_cells(obj: &Value) -> Vec<Value> {
    let template = obj.get("template").unwrap_or(&Value::Null);
    let (names, images) = container_cells(arr_at(template, &["spec", "containers"]));
    vec![json!(name(obj)), json!(names), json!(images), json!(format_labels(at(template, &["metadata", "labels"])))]
}

pub(super) fn service_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("Type", doc::SERVICE_SPEC_TYPE),
        string_col("Cluster-IP", doc::SERVICE_SPEC_CLUSTER_IP),
        string_col("External-IP", doc::SERVICE_SPEC_EXTERNAL_IPS),
        string_col("Port(s)", doc::SERVICE_SPEC_PORTS),
        age_col(),
        wide_col("Selector", doc::SERVICE_SPEC_SELECTOR),
    ]
}

/// `loadBalancerStatusStringer` in wide mode (the server's): unique IPs or hostnames, sorted.
pub(super) fn load_balancer_ingress(status: &Value) -> String {
    let mut addresses: Vec<&str> = arr_at(status, &["ingress"])
        .iter()
        .filter_map(|ingress| {
            let ip = str_at(ingress, &["ip"]);
            let hostname = str_at(ingress, &["hostname"]);
            if !ip.is_empty() {
                Some(ip)
            } else if !hostname.is_empty() {
                Some(hostname)
            } else {
                None
            }
        })
        .collect();
    addresses.sort_unstable();
    addresses.dedup();
    addresses.join(",")
}

fn service_external_ip(svc: &Value) -> String {
    let external_ips: Vec<&str> =
        arr_at(svc, &["spec", "externalIPs"]).iter().map(|ip| ip.as_str().unwrap_or("")).collect();
    match str_at(svc, &["spec", "type"]) {
        "ClusterIP" | "NodePort" if !external_ips.is_empty() => external_ips.join(","),
        "ClusterIP" | "NodePort" => "<none>".to_string(),
        "LoadBalancer" => {
            let lb = load_balancer_ingress(at(svc, &["status", "loadBalancer"]).unwrap_or(&Value::Null));
            if !external_ips.is_empty() {
                let mut results: Vec<&str> = Vec::new();
                if !lb.is_empty() {
                    results.extend(lb.split(','));
                }
                results.extend(external_ips);
                results.join(",")
            } else if !lb.is_empty() {
                lb
            } else {
                "<pending>".to_string()
            }
        }
        "ExternalName" => str_at(svc, &["spec", "externalName"]).to_string(),
        _ => "<unknown>".to_string(),
    }
}

/// `makePortString`: `80/TCP`, or `80:30080/TCP` with a node port.
fn service_ports(ports: &[Value]) -> String {
    ports
        .iter()
        .map(|p| {
            let port = int_at(p, &["port"]);
            let protocol = str_at(p, &["protocol"]);
            let node_port = int_at(p, &["nodePort"]);
            if node_port > 0 { format!("{port}:{node_port}/{protocol}") } else { format!("{port}/{protocol}") }
        })
        .collect::<Vec<_>>()
        .join(",")
}

pub(super) fn service_cells(svc: &Value, now: Timestamp) -> Vec<Value> {
    // The internal type keeps only clusterIPs; defaulting fills it from clusterIP.
    let cluster_ip = arr_at(svc, &["spec", "clusterIPs"])
        .first()
        .and_then(Value::as_str)
        .or_else(|| opt_str_at(svc, &["spec", "clusterIP"]).filter(|ip| !ip.is_empty()))
        .unwrap_or("<none>");
    let ports = service_ports(arr_at(svc, &["spec", "ports"]));
    vec![
        json!(name(svc)),
        json!(str_at(svc, &["spec", "type"])),
        json!(cluster_ip),
        json!(service_external_ip(svc)),
        json!(or_none(&ports)),
        json!(age(svc, now)),
        json!(format_labels(at(svc, &["spec", "selector"]))),
    ]
}

pub(super) fn endpoints_columns() -> Vec<ColumnDefinition> {
    vec![name_col(), string_col("Endpoints", doc::ENDPOINTS_SUBSETS), age_col()]
}

/// Go's `net.JoinHostPort`: IPv6 addresses get brackets.
fn join_host_port(host: &str, port: i64) -> String {
    if host.contains(':') { format!("[{host}]:{port}") } else { format!("{host}:{port}") }
}

/// `formatEndpoints`: up to three `ip:port` pairs, then `+ N more...`.
fn format_endpoints(endpoints: &Value) -> String {
    let subsets = arr_at(endpoints, &["subsets"]);
    if subsets.is_empty() {
        return "<none>".to_string();
    }
    const MAX: usize = 3;
    let mut list: Vec<String> = Vec::new();
    let mut more = false;
    let mut count = 0;
    for subset in subsets {
        let addresses = arr_at(subset, &["addresses"]);
        let ports = arr_at(subset, &["ports"]);
        if ports.is_empty() {
            // Headless services may have no ports.
            count += addresses.len();
            for address in addresses {
                if list.len() == MAX {
                    more = true;
                    break;
                }
                list.push(str_at(address, &["ip"]).to_string());
            }
            continue;
        }
        for port in ports {
            count += addresses.len();
            for address in addresses {
                if list.len() == MAX {
                    more = true;
                    break;
                }
                list.push(join_host_port(str_at(address, &["ip"]), int_at(port, &["port"])));
            }
        }
    }
    let joined = list.join(",");
    if more { format!("{joined} + {} more...", count - MAX) } else { joined }
}

pub(super) fn endpoints_cells(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![json!(name(obj)), json!(format_endpoints(obj)), json!(age(obj, now))]
}

pub(super) fn namespace_columns() -> Vec<ColumnDefinition> {
    vec![name_col(), string_col("Status", doc::NAMESPACE_STATUS), age_col()]
}

pub(super) fn namespace_cells(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![json!(name(obj)), json!(str_at(obj, &["status", "phase"])), json!(age(obj, now))]
}

pub(super) fn node_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("Status", doc::NODE_STATUS),
        string_col("Roles", doc::NODE_ROLES),
        age_col(),
        string_col("Version", doc::NODE_INFO_KUBELET_VERSION),
        wide_col("Internal-IP", doc::NODE_STATUS_ADDRESSES),
        wide_col("External-IP", doc::NODE_STATUS_ADDRESSES),
        wide_col("OS-Image", doc::NODE_INFO_OS_IMAGE),
        wide_col("Kernel-Version", doc::NODE_INFO_KERNEL_VERSION),
        wide_col("Container-Runtime", doc::NODE_INFO_CONTAINER_RUNTIME_VERSION),
    ]
}

/// `findNodeRoles`: `node-role.kubernetes.io/<role>` keys and `kubernetes.io/role` values,
/// sorted and unique.
fn node_roles(node: &Value) -> Vec<&str> {
    let mut roles: Vec<&str> = at(node, &["metadata", "labels"])
        .and_then(Value::as_object)
        .map(|labels| {
            labels
                .iter()
                .filter_map(|(k, v)| {
                    if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
                        (!role.is_empty()).then_some(role)
                    } else if k == "kubernetes.io/role" {
                        v.as_str().filter(|v| !v.is_empty())
                    } else {
                        None
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    roles.sort_unstable();
    roles.dedup();
    roles
}

fn node_address(node: &Value, type_: &str) -> String {
    arr_at(node, &["status", "addresses"])
        .iter()
        .find(|a| str_at(a, &["type"]) == type_)
        .map_or_else(|| "<none>".to_string(), |a| str_at(a, &["address"]).to_string())
}

pub(super) fn node_cells(node: &Value, now: Timestamp) -> Vec<Value> {
    // Only the Ready condition is shown; with duplicates the last one wins, as in Go's map.
    let ready = arr_at(node, &["status", "conditions"]).iter().rev().find(|c| str_at(c, &["type"]) == "Ready");
    let mut status = vec![match ready {
        Some(c) if str_at(c, &["status"]) == "True" => "Ready",
        Some(_) => "NotReady",
        None => "Unknown",
    }];
    if bool_at(node, &["spec", "unschedulable"]) {
        status.push("SchedulingDisabled");
    }
    let roles = node_roles(node).join(",");
    let info = at(node, &["status", "nodeInfo"]).unwrap_or(&Value::Null);
    let unknown_if_empty = |key: &str| {
        let v = str_at(info, &[key]);
        if v.is_empty() { "<unknown>".to_string() } else { v.to_string() }
    };
    vec![
        json!(name(node)),
        json!(status.join(",")),
        json!(or_none(&roles)),
        json!(age(node, now)),
        json!(str_at(info, &["kubeletVersion"])),
        json!(node_address(node, "InternalIP")),
        json!(node_address(node, "ExternalIP")),
        json!(unknown_if_empty("osImage")),
        json!(unknown_if_empty("kernelVersion")),
        json!(unknown_if_empty("containerRuntimeVersion")),
    ]
}

pub(super) fn config_map_columns() -> Vec<ColumnDefinition> {
    vec![name_col(), string_col("Data", doc::CONFIG_MAP_DATA), age_col()]
}

pub(super) fn config_map_cells(obj: &Value, now: Timestamp) -> Vec<Value> {
    let data = map_len(obj, &["data"]) + map_len(obj, &["binaryData"]);
    vec![json!(name(obj)), json!(data), json!(age(obj, now))]
}

pub(super) fn secret_columns() -> Vec<ColumnDefinition> {
    vec![name_col(), string_col("Type", doc::SECRET_TYPE), string_col("Data", doc::SECRET_DATA), age_col()]
}

pub(super) fn secret_cells(obj: &Value, now: Timestamp) -> Vec<Value> {
    // stringData is merged into data on write, so a stored Secret counts data only.
    vec![json!(name(obj)), json!(str_at(obj, &["type"])), json!(map_len(obj, &["data"])), json!(age(obj, now))]
}

pub(super) fn service_account_columns() -> Vec<ColumnDefinition> {
    vec![name_col(), string_col("Secrets", doc::SERVICE_ACCOUNT_SECRETS), age_col()]
}

pub(super) fn service_account_cells(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![json!(name(obj)), json!(arr_at(obj, &["secrets"]).len()), json!(age(obj, now))]
}

pub(super) fn event_columns() -> Vec<ColumnDefinition> {
    vec![
        string_col("Last Seen", doc::EVENT_LAST_TIMESTAMP),
        string_col("Type", doc::EVENT_TYPE),
        string_col("Reason", doc::EVENT_REASON),
        string_col("Object", doc::EVENT_INVOLVED_OBJECT),
        wide_col("Subobject", doc::OBJECT_REFERENCE_FIELD_PATH),
        wide_col("Source", doc::EVENT_SOURCE),
        string_col("Message", doc::EVENT_MESSAGE),
        wide_col("First Seen", doc::EVENT_FIRST_TIMESTAMP),
        wide_col("Count", doc::EVENT_COUNT),
        super::ColumnDefinition::new("Name", "string", "name", doc::META_NAME, 1),
    ]
}

/// The fields of an Event under their core/v1 or events.k8s.io/v1 names (both map onto
/// the one internal type the printer reads).
struct EventFields<'a> {
    regarding: &'a str,
    message: &'a str,
    first_timestamp: &'a str,
    last_timestamp: &'a str,
    count: &'a str,
    source: &'a str,
    reporting_controller: &'a str,
}

const CORE_EVENT: EventFields<'static> = EventFields {
    regarding: "involvedObject",
    message: "message",
    first_timestamp: "firstTimestamp",
    last_timestamp: "lastTimestamp",
    count: "count",
    source: "source",
    reporting_controller: "reportingComponent",
};

const EVENTS_V1_EVENT: EventFields<'static> = EventFields {
    regarding: "regarding",
    message: "note",
    first_timestamp: "deprecatedFirstTimestamp",
    last_timestamp: "deprecatedLastTimestamp",
    count: "deprecatedCount",
    source: "deprecatedSource",
    reporting_controller: "reportingController",
};

fn first_non_empty<'a>(a: &'a str, b: &'a str) -> &'a str {
    if a.is_empty() { b } else { a }
}

/// `events_v1` selects the events.k8s.io/v1 field names.
pub(super) fn event_cells(events_v1: bool, event: &Value, now: Timestamp) -> Vec<Value> {
    let f = if events_v1 { &EVENTS_V1_EVENT } else { &CORE_EVENT };
    let has_time = |key: &str| opt_str_at(event, &[key]).and_then(parse_time).is_some();

    let first_seen = if has_time(f.first_timestamp) {
        since(event, &[f.first_timestamp], now)
    } else {
        since(event, &["eventTime"], now)
    };
    let mut last_seen =
        if has_time(f.last_timestamp) { since(event, &[f.last_timestamp], now) } else { first_seen.clone() };
    let mut count = int_at(event, &[f.count]);
    if is_set(event, &["series"]) {
        last_seen = since(event, &["series", "lastObservedTime"], now);
        count = int_at(event, &["series", "count"]);
    } else if count == 0 {
        // Singleton events don't have a count set in the new API.
        count = 1;
    }

    let regarding = event.get(f.regarding).unwrap_or(&Value::Null);
    let kind = str_at(regarding, &["kind"]).to_lowercase();
    let target = match str_at(regarding, &["name"]) {
        "" => kind,
        object_name => format!("{kind}/{object_name}"),
    };
    let component = first_non_empty(str_at(event, &[f.source, "component"]), str_at(event, &[f.reporting_controller]));
    let host = first_non_empty(str_at(event, &[f.source, "host"]), str_at(event, &["reportingInstance"]));
    let source = if host.is_empty() { component.to_string() } else { format!("{component}, {host}") };

    vec![
        json!(last_seen),
        json!(str_at(event, &["type"])),
        json!(str_at(event, &["reason"])),
        json!(target),
        json!(str_at(regarding, &["fieldPath"])),
        json!(source),
        json!(str_at(event, &[f.message]).trim()),
        json!(first_seen),
        json!(count),
        json!(name(event)),
    ]
}

pub(super) fn persistent_volume_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("Capacity", doc::PV_SPEC_CAPACITY),
        string_col("Access Modes", doc::PV_SPEC_ACCESS_MODES),
        string_col("Reclaim Policy", doc::PV_SPEC_RECLAIM_POLICY),
        string_col("Status", doc::PV_STATUS_PHASE),
        string_col("Claim", doc::PV_SPEC_CLAIM_REF),
        string_col("StorageClass", doc::PV_STORAGE_CLASS),
        string_col("VolumeAttributesClass", doc::PV_VOLUME_ATTRIBUTES_CLASS),
        string_col("Reason", doc::PV_STATUS_REASON),
        age_col(),
        wide_col("VolumeMode", doc::PV_SPEC_VOLUME_MODE),
    ]
}

/// `GetAccessModesAsString`: RWO, ROX, RWX, RWOP in that order, each once.
fn access_modes(modes: &[Value]) -> String {
    let has = |mode: &str| modes.iter().any(|m| m.as_str() == Some(mode));
    [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP")]
        .iter()
        .filter(|(mode, _)| has(mode))
        .map(|(_, short)| *short)
        .collect::<Vec<_>>()
        .join(",")
}

/// The beta storage-class annotation still wins over `spec.storageClassName`.
fn storage_class(obj: &Value) -> &str {
    opt_str_at(obj, &["metadata", "annotations", "volume.beta.kubernetes.io/storage-class"])
        .unwrap_or_else(|| str_at(obj, &["spec", "storageClassName"]))
}

fn unset_if_missing(obj: &Value, path: &[&str]) -> String {
    opt_str_at(obj, path).unwrap_or("<unset>").to_string()
}

pub(super) fn persistent_volume_cells(pv: &Value, now: Timestamp) -> Vec<Value> {
    let claim = if is_set(pv, &["spec", "claimRef"]) {
        format!("{}/{}", str_at(pv, &["spec", "claimRef", "namespace"]), str_at(pv, &["spec", "claimRef", "name"]))
    } else {
        String::new()
    };
    let phase = if is_deleting(pv) { "Terminating" } else { str_at(pv, &["status", "phase"]) };
    vec![
        json!(name(pv)),
        json!(quantity(at(pv, &["spec", "capacity", "storage"]))),
        json!(access_modes(arr_at(pv, &["spec", "accessModes"]))),
        json!(str_at(pv, &["spec", "persistentVolumeReclaimPolicy"])),
        json!(phase),
        json!(claim),
        json!(storage_class(pv)),
        json!(unset_if_missing(pv, &["spec", "volumeAttributesClassName"])),
        json!(str_at(pv, &["status", "reason"])),
        json!(age(pv, now)),
        json!(unset_if_missing(pv, &["spec", "volumeMode"])),
    ]
}

pub(super) fn persistent_volume_claim_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("Status", doc::PVC_STATUS_PHASE),
        string_col("Volume", doc::PVC_SPEC_VOLUME_NAME),
        string_col("Capacity", doc::PVC_STATUS_CAPACITY),
        string_col("Access Modes", doc::PVC_STATUS_ACCESS_MODES),
        string_col("StorageClass", doc::PVC_STORAGE_CLASS),
        string_col("VolumeAttributesClass", doc::PVC_VOLUME_ATTRIBUTES_CLASS),
        age_col(),
        wide_col("VolumeMode", doc::PVC_SPEC_VOLUME_MODE),
    ]
}

pub(super) fn persistent_volume_claim_cells(pvc: &Value, now: Timestamp) -> Vec<Value> {
    let phase = if is_deleting(pvc) { "Terminating" } else { str_at(pvc, &["status", "phase"]) };
    let volume_name = str_at(pvc, &["spec", "volumeName"]);
    // Capacity and access modes are only shown once the claim is bound to a volume.
    let (capacity, modes) = if volume_name.is_empty() {
        (String::new(), String::new())
    } else {
        (quantity(at(pvc, &["status", "capacity", "storage"])), access_modes(arr_at(pvc, &["status", "accessModes"])))
    };
    vec![
        json!(name(pvc)),
        json!(phase),
        json!(volume_name),
        json!(capacity),
        json!(modes),
        json!(storage_class(pvc)),
        json!(unset_if_missing(pvc, &["spec", "volumeAttributesClassName"])),
        json!(age(pvc, now)),
        json!(unset_if_missing(pvc, &["spec", "volumeMode"])),
    ]
}

pub(super) fn resource_quota_columns() -> Vec<ColumnDefinition> {
    vec![name_col(), string_col("Request", doc::QUOTA_REQUEST), string_col("Limit", doc::QUOTA_LIMIT), age_col()]
}

/// `resource: used/hard` for each hard limit, sorted by resource; `limits.*` resources go
/// to the LIMIT column, everything else to REQUEST.
pub(super) fn resource_quota_cells(quota: &Value, now: Timestamp) -> Vec<Value> {
    let mut resources: Vec<(&String, &Value)> =
        at(quota, &["status", "hard"]).and_then(Value::as_object).map(|hard| hard.iter().collect()).unwrap_or_default();
    resources.sort_by(|a, b| a.0.cmp(b.0));
    let mut requests: Vec<String> = Vec::new();
    let mut limits: Vec<String> = Vec::new();
    for (resource, hard) in resources {
        let used = quantity(at(quota, &["status", "used", resource]));
        let entry = format!("{resource}: {used}/{}", quantity(Some(hard)));
        let mut pieces = resource.split('.');
        let is_limit = pieces.next() == Some("limits") && pieces.next().is_some();
        if is_limit {
            limits.push(entry);
        } else {
            requests.push(entry);
        }
    }
    vec![json!(name(quota)), json!(requests.join(", ")), json!(limits.join(", ")), json!(age(quota, now))]
}

#[cfg(test)]
mod tests {
    use super::super::{columns, row_cells};
    use super::*;

    fn now() -> Timestamp {
        "2024-05-01T12:00:00Z".parse().expect("valid timestamp")
    }

    fn pod(spec: Value, status: Value) -> Value {
        json!({
            "metadata": {"name": "p", "creationTimestamp": "2024-05-01T11:55:00Z"},
            "spec": spec,
            "status": status,
        })
    }

    fn one_container() -> Value {
        json!({"containers": [{"name": "c", "image": "nginx"}]})
    }

    /// READY, STATUS and RESTARTS of a pod row.
    fn summary(p: &Value) -> (String, String, String) {
        let cells = pod_cells(p, now());
        let s = |i: usize| cells[i].as_str().unwrap_or("").to_string();
        (s(1), s(2), s(3))
    }

    #[test]
    fn pod_pending_without_statuses_matches_capture() {
        // table-pods-default.json: ["nginx-6799fc88d8-grktj","0/1","Pending",0,"6s",…] in 1.20;
        // 1.33 prints RESTARTS as a string.
        let p = json!({
            "metadata": {"name": "nginx-6799fc88d8-grktj", "creationTimestamp": "2024-05-01T11:59:54Z"},
            "spec": one_container(),
            "status": {"phase": "Pending", "qosClass": "BestEffort"},
        });
        assert_eq!(
            pod_cells(&p, now()),
            vec![
                json!("nginx-6799fc88d8-grktj"),
                json!("0/1"),
                json!("Pending"),
                json!("0"),
                json!("6s"),
                json!("<none>"),
                json!("<none>"),
                json!("<none>"),
                json!("<none>"),
            ]
        );
    }

    #[test]
    fn pod_running_ready_shows_running() {
        let p = pod(
            one_container(),
            json!({"phase": "Running", "podIP": "10.244.0.5",
                   "containerStatuses": [{"name": "c", "ready": true, "restartCount": 0,
                                          "state": {"running": {"startedAt": "2024-05-01T11:56:00Z"}}}]}),
        );
        assert_eq!(summary(&p), ("1/1".into(), "Running".into(), "0".into()));
        assert_eq!(pod_cells(&p, now())[5], json!("10.244.0.5"));
    }

    #[test]
    fn pod_with_pod_ips_prefers_first_pod_ip() {
        let p = pod(one_container(), json!({"podIP": "10.0.0.1", "podIPs": [{"ip": "10.0.0.2"}, {"ip": "fd00::2"}]}));
        assert_eq!(pod_cells(&p, now())[5], json!("10.0.0.2"));
    }

    #[test]
    fn pod_waiting_container_shows_waiting_reason() {
        let p = pod(
            one_container(),
            json!({"phase": "Pending", "containerStatuses": [
                {"name": "c", "ready": false, "restartCount": 0,
                 "state": {"waiting": {"reason": "ContainerCreating"}}}]}),
        );
        assert_eq!(summary(&p).1, "ContainerCreating");
    }

    #[test]
    fn pod_crash_looping_shows_restarts_with_last_restart_age() {
        let p = pod(
            one_container(),
            json!({"phase": "Running", "containerStatuses": [
                {"name": "c", "ready": false, "restartCount": 3,
                 "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                 "lastState": {"terminated": {"exitCode": 1, "reason": "Error",
                                              "finishedAt": "2024-05-01T11:55:00Z"}}}]}),
        );
        assert_eq!(summary(&p), ("0/1".into(), "CrashLoopBackOff".into(), "3 (5m ago)".into()));
    }

    #[test]
    fn pod_restarts_without_termination_time_is_bare_count() {
        let p = pod(
            one_container(),
            json!({"containerStatuses": [{"name": "c", "restartCount": 2,
                                          "state": {"running": {}}, "ready": true}]}),
        );
        assert_eq!(summary(&p).2, "2");
    }

    #[test]
    fn pod_succeeded_shows_completed() {
        let p = pod(
            one_container(),
            json!({"phase": "Succeeded", "containerStatuses": [
                {"name": "c", "ready": false, "restartCount": 0,
                 "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}),
        );
        assert_eq!(summary(&p), ("0/1".into(), "Completed".into(), "0".into()));
    }

    #[test]
    fn pod_failed_container_shows_error() {
        let p = pod(
            one_container(),
            json!({"phase": "Failed", "containerStatuses": [
                {"name": "c", "state": {"terminated": {"exitCode": 2, "reason": "Error"}}}]}),
        );
        assert_eq!(summary(&p).1, "Error");
    }

    #[test]
    fn pod_terminated_without_reason_shows_exit_code_or_signal() {
        let p = pod(
            one_container(),
            json!({"containerStatuses": [{"name": "c", "state": {"terminated": {"exitCode": 137}}}]}),
        );
        assert_eq!(summary(&p).1, "ExitCode:137");
        let p = pod(
            one_container(),
            json!({"containerStatuses": [{"name": "c", "state": {"terminated": {"exitCode": 1, "signal": 9}}}]}),
        );
        assert_eq!(summary(&p).1, "Signal:9");
    }

    #[test]
    fn pod_completed_container_beside_running_one_is_running_or_not_ready() {
        let spec = json!({"containers": [{"name": "a"}, {"name": "b"}]});
        let statuses = json!([
            {"name": "a", "ready": true, "state": {"running": {}}},
            {"name": "b", "ready": false, "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}},
        ]);
        let ready = pod(
            spec.clone(),
            json!({"phase": "Running", "containerStatuses": statuses,
                   "conditions": [{"type": "Ready", "status": "True"}]}),
        );
        assert_eq!(summary(&ready).1, "Running");
        let not_ready = pod(
            spec,
            json!({"phase": "Running", "containerStatuses": statuses,
                   "conditions": [{"type": "Ready", "status": "False"}]}),
        );
        assert_eq!(summary(&not_ready), ("1/2".into(), "NotReady".into(), "0".into()));
    }

    fn init_spec() -> Value {
        json!({"initContainers": [{"name": "init"}], "containers": [{"name": "c"}]})
    }

    #[test]
    fn pod_running_init_container_shows_init_progress() {
        let p = pod(
            init_spec(),
            json!({"phase": "Pending",
                   "initContainerStatuses": [{"name": "init", "state": {"running": {}}}],
                   "containerStatuses": [{"name": "c", "state": {"waiting": {"reason": "PodInitializing"}}}]}),
        );
        assert_eq!(summary(&p), ("0/1".into(), "Init:0/1".into(), "0".into()));
    }

    #[test]
    fn pod_after_init_shows_pod_initializing() {
        let p = pod(
            init_spec(),
            json!({"phase": "Pending",
                   "initContainerStatuses": [{"name": "init", "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}],
                   "containerStatuses": [{"name": "c", "state": {"waiting": {"reason": "PodInitializing"}}}]}),
        );
        assert_eq!(summary(&p).1, "PodInitializing");
    }

    #[test]
    fn pod_failing_init_container_shows_init_reason() {
        let p = pod(
            init_spec(),
            json!({"initContainerStatuses": [{"name": "init", "restartCount": 4,
                     "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                     "lastState": {"terminated": {"exitCode": 1, "finishedAt": "2024-05-01T11:58:00Z"}}}]}),
        );
        assert_eq!(summary(&p), ("0/1".into(), "Init:CrashLoopBackOff".into(), "4 (2m ago)".into()));
        let p = pod(
            init_spec(),
            json!({"initContainerStatuses": [{"name": "init", "state": {"terminated": {"exitCode": 3}}}]}),
        );
        assert_eq!(summary(&p).1, "Init:ExitCode:3");
        let p = pod(
            init_spec(),
            json!({"initContainerStatuses": [{"name": "init", "state": {"terminated": {"exitCode": 1, "reason": "Error"}}}]}),
        );
        assert_eq!(summary(&p).1, "Init:Error");
    }

    #[test]
    fn pod_started_sidecar_counts_as_ready_container() {
        let spec = json!({"initContainers": [{"name": "proxy", "restartPolicy": "Always"}],
                          "containers": [{"name": "c"}]});
        let p = pod(
            spec,
            json!({"phase": "Running",
                   "conditions": [{"type": "Initialized", "status": "True"}],
                   "initContainerStatuses": [{"name": "proxy", "started": true, "ready": true,
                                              "restartCount": 1, "state": {"running": {}}}],
                   "containerStatuses": [{"name": "c", "ready": true, "restartCount": 0, "state": {"running": {}}}]}),
        );
        assert_eq!(summary(&p), ("2/2".into(), "Running".into(), "1".into()));
    }

    #[test]
    fn pod_deleting_shows_terminating() {
        let mut p = pod(
            one_container(),
            json!({"phase": "Running", "containerStatuses": [{"name": "c", "ready": true, "state": {"running": {}}}]}),
        );
        p["metadata"]["deletionTimestamp"] = json!("2024-05-01T11:59:00Z");
        assert_eq!(summary(&p).1, "Terminating");
    }

    #[test]
    fn pod_deleting_after_success_keeps_completed() {
        let mut p = pod(
            one_container(),
            json!({"phase": "Succeeded", "containerStatuses": [
                {"name": "c", "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}),
        );
        p["metadata"]["deletionTimestamp"] = json!("2024-05-01T11:59:00Z");
        assert_eq!(summary(&p).1, "Completed");
    }

    #[test]
    fn pod_deleting_on_lost_node_shows_unknown() {
        let mut p = pod(one_container(), json!({"phase": "Running", "reason": "NodeLost"}));
        p["metadata"]["deletionTimestamp"] = json!("2024-05-01T11:59:00Z");
        assert_eq!(summary(&p).1, "Unknown");
    }

    #[test]
    fn pod_evicted_shows_status_reason() {
        let p = pod(one_container(), json!({"phase": "Failed", "reason": "Evicted"}));
        assert_eq!(summary(&p).1, "Evicted");
    }

    #[test]
    fn pod_with_scheduling_gates_shows_scheduling_gated() {
        let p = pod(
            one_container(),
            json!({"phase": "Pending", "conditions": [
                {"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}]}),
        );
        assert_eq!(summary(&p).1, "SchedulingGated");
    }

    #[test]
    fn pod_wide_cells_show_node_nominated_node_and_gates() {
        let mut spec = one_container();
        spec["nodeName"] = json!("node-1");
        spec["readinessGates"] = json!([{"conditionType": "a"}, {"conditionType": "b"}]);
        let p = pod(
            spec,
            json!({"nominatedNodeName": "node-2", "conditions": [
                {"type": "a", "status": "True"}, {"type": "b", "status": "False"}]}),
        );
        let cells = pod_cells(&p, now());
        assert_eq!(cells[6..], [json!("node-1"), json!("node-2"), json!("1/2")]);
    }

    #[test]
    fn pod_columns_restarts_is_a_string_column() {
        let cols = pod_columns();
        let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"]
        );
        assert_eq!(cols[3].type_, "string");
        let priorities: Vec<i32> = cols.iter().map(|c| c.priority).collect();
        assert_eq!(priorities, [0, 0, 0, 0, 0, 1, 1, 1, 1]);
    }

    #[test]
    fn pod_columns_match_the_captured_definitions_where_1_33_agrees() {
        // From table-pods-default.json (1.20); Name's link, Restarts' type and text, and the
        // pod IP and node name texts changed by 1.33.
        let cols = pod_columns();
        assert_eq!(cols[1].description, "The aggregate readiness state of this pod for accepting traffic.");
        assert_eq!(cols[2].description, "The aggregate status of the containers in this pod.");
        assert_eq!(
            cols[4].description,
            "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
        );
        assert_eq!(
            cols[8].description,
            "If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to \"True\" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates"
        );
        assert!(cols[0].description.starts_with("Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: "));
        assert!(cols[7].description.starts_with("nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods."));
    }

    fn svc(spec: Value, status: Value) -> Value {
        json!({"metadata": {"name": "s", "creationTimestamp": "2024-04-30T12:00:00Z"},
               "spec": spec, "status": status})
    }

    #[test]
    fn service_cluster_ip_prints_ports_and_selector() {
        let s = svc(
            json!({"type": "ClusterIP", "clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"],
                   "ports": [{"port": 53, "protocol": "UDP"}, {"port": 53, "protocol": "TCP"}],
                   "selector": {"k8s-app": "kube-dns"}}),
            json!({}),
        );
        assert_eq!(
            service_cells(&s, now()),
            vec![
                json!("s"),
                json!("ClusterIP"),
                json!("10.96.0.10"),
                json!("<none>"),
                json!("53/UDP,53/TCP"),
                json!("24h"),
                json!("k8s-app=kube-dns"),
            ]
        );
    }

    #[test]
    fn service_node_port_prints_node_ports() {
        let s = svc(
            json!({"type": "NodePort", "clusterIPs": ["10.0.0.1"], "externalIPs": ["1.2.3.4"],
                   "ports": [{"port": 80, "nodePort": 30080, "protocol": "TCP"},
                             {"port": 443, "protocol": "TCP"}]}),
            json!({}),
        );
        let cells = service_cells(&s, now());
        assert_eq!(cells[3], json!("1.2.3.4"));
        assert_eq!(cells[4], json!("80:30080/TCP,443/TCP"));
        assert_eq!(cells[6], json!("<none>"));
    }

    #[test]
    fn service_load_balancer_without_ingress_is_pending() {
        let s = svc(json!({"type": "LoadBalancer", "clusterIPs": ["10.0.0.1"]}), json!({}));
        assert_eq!(service_cells(&s, now())[3], json!("<pending>"));
    }

    #[test]
    fn service_load_balancer_lists_sorted_ingress_then_external_ips() {
        let s = svc(
            json!({"type": "LoadBalancer", "externalIPs": ["9.9.9.9"]}),
            json!({"loadBalancer": {"ingress": [{"ip": "5.5.5.5"}, {"hostname": "lb.example.com"}, {"ip": "5.5.5.5"}]}}),
        );
        assert_eq!(service_cells(&s, now())[3], json!("5.5.5.5,lb.example.com,9.9.9.9"));
        let s = svc(
            json!({"type": "LoadBalancer"}),
            json!({"loadBalancer": {"ingress": [{"hostname": "a-very-long-hostname.elb.example.com"}]}}),
        );
        // The server prints wide, so long addresses are not clipped.
        assert_eq!(service_cells(&s, now())[3], json!("a-very-long-hostname.elb.example.com"));
    }

    #[test]
    fn service_headless_external_name_and_portless() {
        let s = svc(json!({"type": "ClusterIP", "clusterIP": "None"}), json!({}));
        let cells = service_cells(&s, now());
        assert_eq!(cells[2], json!("None"));
        assert_eq!(cells[4], json!("<none>"));
        let s = svc(json!({"type": "ExternalName", "externalName": "db.example.com"}), json!({}));
        let cells = service_cells(&s, now());
        assert_eq!(cells[2], json!("<none>"));
        assert_eq!(cells[3], json!("db.example.com"));
        let s = svc(json!({}), json!({}));
        assert_eq!(service_cells(&s, now())[3], json!("<unknown>"));
    }

    #[test]
    fn endpoints_list_three_then_count_the_rest() {
        let e = json!({"metadata": {"name": "e"}, "subsets": [
            {"addresses": [{"ip": "10.0.0.1"}, {"ip": "10.0.0.2"}], "ports": [{"port": 80}, {"port": 443}]},
        ]});
        assert_eq!(endpoints_cells(&e, now())[1], json!("10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more..."));
        let e = json!({"subsets": [{"addresses": [{"ip": "fd00::1"}], "ports": [{"port": 80}]}]});
        assert_eq!(endpoints_cells(&e, now())[1], json!("[fd00::1]:80"));
        let e = json!({"subsets": [{"addresses": [{"ip": "10.0.0.1"}]}]});
        assert_eq!(endpoints_cells(&e, now())[1], json!("10.0.0.1"));
        assert_eq!(endpoints_cells(&json!({}), now())[1], json!("<none>"));
    }

    #[test]
    fn node_ready_cordoned_control_plane() {
        let n = json!({
            "metadata": {"name": "n1", "creationTimestamp": "2024-04-01T12:00:00Z",
                         "labels": {"node-role.kubernetes.io/control-plane": "",
                                    "node-role.kubernetes.io/etcd": "true",
                                    "kubernetes.io/role": "master"}},
            "spec": {"unschedulable": true},
            "status": {"conditions": [{"type": "MemoryPressure", "status": "False"},
                                      {"type": "Ready", "status": "True"}],
                       "addresses": [{"type": "InternalIP", "address": "192.168.1.10"},
                                     {"type": "Hostname", "address": "n1"}],
                       "nodeInfo": {"kubeletVersion": "v1.33.0", "osImage": "Debian",
                                    "kernelVersion": "6.1", "containerRuntimeVersion": "kx://0.1"}},
        });
        assert_eq!(
            node_cells(&n, now()),
            vec![
                json!("n1"),
                json!("Ready,SchedulingDisabled"),
                json!("control-plane,etcd,master"),
                json!("30d"),
                json!("v1.33.0"),
                json!("192.168.1.10"),
                json!("<none>"),
                json!("Debian"),
                json!("6.1"),
                json!("kx://0.1"),
            ]
        );
    }

    #[test]
    fn node_without_conditions_is_unknown_and_not_ready_when_false() {
        let cells = node_cells(&json!({}), now());
        assert_eq!(cells[1], json!("Unknown"));
        assert_eq!(cells[2], json!("<none>"));
        assert_eq!(cells[7], json!("<unknown>"));
        let n = json!({"status": {"conditions": [{"type": "Ready", "status": "Unknown"}]}});
        assert_eq!(node_cells(&n, now())[1], json!("NotReady"));
    }

    #[test]
    fn config_map_and_secret_count_data_as_integers() {
        let cm = json!({"metadata": {"name": "cm"}, "data": {"a": "1"}, "binaryData": {"b": "AA=="}});
        assert_eq!(row_cells("", "ConfigMap", &cm, now())[1], json!(2));
        let s = json!({"metadata": {"name": "s"}, "type": "Opaque", "data": {"a": "MQ=="}});
        assert_eq!(row_cells("", "Secret", &s, now())[1..3], [json!("Opaque"), json!(1)]);
        let sa = json!({"metadata": {"name": "default"}, "secrets": [{"name": "t"}]});
        assert_eq!(row_cells("", "ServiceAccount", &sa, now())[1], json!(1));
    }

    #[test]
    fn namespace_prints_phase() {
        let ns = json!({"metadata": {"name": "default", "creationTimestamp": "2024-05-01T11:00:00Z"},
                        "status": {"phase": "Active"}});
        assert_eq!(row_cells("", "Namespace", &ns, now()), vec![json!("default"), json!("Active"), json!("60m")]);
    }

    #[test]
    fn event_core_row_prints_object_source_and_count() {
        let e = json!({
            "metadata": {"name": "p.17a"},
            "involvedObject": {"kind": "Pod", "name": "p", "fieldPath": "spec.containers{c}"},
            "reason": "Pulled", "type": "Normal", "message": "  Container image pulled \n",
            "source": {"component": "kubelet", "host": "node-1"},
            "firstTimestamp": "2024-05-01T11:00:00Z", "lastTimestamp": "2024-05-01T11:58:00Z",
            "count": 3,
        });
        assert_eq!(
            event_cells(false, &e, now()),
            vec![
                json!("2m"),
                json!("Normal"),
                json!("Pulled"),
                json!("pod/p"),
                json!("spec.containers{c}"),
                json!("kubelet, node-1"),
                json!("Container image pulled"),
                json!("60m"),
                json!(3),
                json!("p.17a"),
            ]
        );
    }

    #[test]
    fn event_without_timestamps_uses_event_time_and_series() {
        let e = json!({
            "involvedObject": {"kind": "Node"},
            "eventTime": "2024-05-01T11:50:00.123456Z",
            "reportingComponent": "scheduler", "reportingInstance": "kx",
            "series": {"count": 7, "lastObservedTime": "2024-05-01T11:59:00.000000Z"},
        });
        let cells = event_cells(false, &e, now());
        assert_eq!(cells[0], json!("60s"));
        assert_eq!(cells[3], json!("node"));
        assert_eq!(cells[5], json!("scheduler, kx"));
        // MicroTime keeps the fraction: 9m59.877s.
        assert_eq!(cells[7], json!("9m59s"));
        assert_eq!(cells[8], json!(7));
        let singleton = json!({"eventTime": "2024-05-01T11:59:30.000000Z"});
        let cells = event_cells(false, &singleton, now());
        assert_eq!(cells[0], json!("30s"));
        assert_eq!(cells[8], json!(1));
        assert_eq!(event_cells(false, &json!({}), now())[0], json!("<unknown>"));
    }

    #[test]
    fn event_events_k8s_io_reads_new_field_names() {
        let e = json!({
            "metadata": {"name": "e"},
            "regarding": {"kind": "Deployment", "name": "web"},
            "note": "Scaled up", "reason": "ScalingReplicaSet", "type": "Normal",
            "reportingController": "deployment-controller",
            "deprecatedFirstTimestamp": "2024-05-01T11:00:00Z",
            "deprecatedLastTimestamp": "2024-05-01T11:30:00Z",
            "deprecatedCount": 2,
        });
        let cells = row_cells("events.k8s.io", "Event", &e, now());
        assert_eq!(cells[0], json!("30m"));
        assert_eq!(cells[3], json!("deployment/web"));
        assert_eq!(cells[5], json!("deployment-controller"));
        assert_eq!(cells[6], json!("Scaled up"));
        assert_eq!(cells[8], json!(2));
    }

    #[test]
    fn persistent_volume_bound_prints_claim_and_modes() {
        let pv = json!({
            "metadata": {"name": "pv1", "creationTimestamp": "2024-05-01T11:00:00Z"},
            "spec": {"capacity": {"storage": "10Gi"},
                     "accessModes": ["ReadWriteMany", "ReadWriteOnce", "ReadWriteOnce"],
                     "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "standard",
                     "claimRef": {"namespace": "default", "name": "data"}, "volumeMode": "Filesystem"},
            "status": {"phase": "Bound"},
        });
        assert_eq!(
            persistent_volume_cells(&pv, now()),
            vec![
                json!("pv1"),
                json!("10Gi"),
                json!("RWO,RWX"),
                json!("Retain"),
                json!("Bound"),
                json!("default/data"),
                json!("standard"),
                json!("<unset>"),
                json!(""),
                json!("60m"),
                json!("Filesystem"),
            ]
        );
    }

    #[test]
    fn persistent_volume_claim_pending_hides_capacity() {
        let pvc = json!({
            "metadata": {"name": "data", "annotations": {"volume.beta.kubernetes.io/storage-class": "old"}},
            "spec": {"storageClassName": "standard", "resources": {"requests": {"storage": "1Gi"}}},
            "status": {"phase": "Pending", "capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"]},
        });
        let cells = persistent_volume_claim_cells(&pvc, now());
        assert_eq!(cells[1..7], [json!("Pending"), json!(""), json!(""), json!(""), json!("old"), json!("<unset>")]);
    }

    #[test]
    fn persistent_volume_claim_bound_and_deleting() {
        let pvc = json!({
            "metadata": {"name": "data", "deletionTimestamp": "2024-05-01T11:59:00Z"},
            "spec": {"volumeName": "pv1", "storageClassName": "standard", "volumeMode": "Block"},
            "status": {"phase": "Bound", "capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOncePod"]},
        });
        let cells = persistent_volume_claim_cells(&pvc, now());
        assert_eq!(cells[1..6], [json!("Terminating"), json!("pv1"), json!("1Gi"), json!("RWOP"), json!("standard")]);
        assert_eq!(cells[8], json!("Block"));
    }

    #[test]
    fn resource_quota_splits_requests_and_limits() {
        let q = json!({
            "metadata": {"name": "q"},
            "status": {"hard": {"pods": "10", "limits.cpu": "2", "requests.cpu": "1", "limits.memory": "1Gi"},
                       "used": {"pods": "3", "limits.cpu": "500m", "requests.cpu": "250m"}},
        });
        let cells = resource_quota_cells(&q, now());
        assert_eq!(cells[1], json!("pods: 3/10, requests.cpu: 250m/1"));
        assert_eq!(cells[2], json!("limits.cpu: 500m/2, limits.memory: 0/1Gi"));
    }

    #[test]
    fn pod_template_prints_containers_and_labels() {
        let t = json!({"metadata": {"name": "t"}, "template": {
            "metadata": {"labels": {"app": "web"}},
            "spec": {"containers": [{"name": "web", "image": "nginx:1.25"}]}}});
        assert_eq!(
            row_cells("", "PodTemplate", &t, now()),
            vec![json!("t"), json!("web"), json!("nginx:1.25"), json!("app=web")]
        );
        assert_eq!(columns("", "PodTemplate").len(), 4);
    }
}
