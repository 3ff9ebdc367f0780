//! Describers for core and networking objects: Services, Nodes, Namespaces, ConfigMaps,
//! Secrets (values hidden), PersistentVolumes and claims, Ingresses, Endpoints and
//! ServiceAccounts.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde_json::Value;

use super::pod::{int_or_string, volume_source};
use super::writer::{
    Out, annotations, arr, bool_at, events, get, go_list, int, labels, object_header, quantity, rfc1123z, since, smap,
    st, taints,
};
use crate::k8s::quantity::Quantity;

/// What an Ingress backend resolves to: the Service and its EndpointSlices, or the error
/// fetching them.
pub type Backend = Result<(Value, Vec<Value>), String>;

/// `formatEndpointSlices`: up to three ready `ip:port` endpoints for the named ports.
pub fn format_endpoint_slices(slices: &[Value], port_names: Option<&[&str]>) -> String {
    if slices.is_empty() {
        return "<none>".into();
    }
    let max = 3;
    let mut list: Vec<String> = Vec::new();
    let mut more = false;
    let mut count = 0;
    let ready = |e: &Value| get(e, "conditions.ready").and_then(Value::as_bool).unwrap_or(true);
    for slice in slices {
        let ports = arr(slice, "ports");
        if ports.is_empty() {
            for e in arr(slice, "endpoints") {
                if list.len() == max {
                    more = true;
                }
                if !ready(e) {
                    continue;
                }
                if !more {
                    list.push(arr(e, "addresses").first().and_then(Value::as_str).unwrap_or("").to_string());
                }
                count += 1;
            }
            continue;
        }
        for port in ports {
            let name = st(port, "name");
            if port_names.is_some_and(|names| !names.contains(&name)) {
                continue;
            }
            for e in arr(slice, "endpoints") {
                if list.len() == max {
                    more = true;
                }
                if !ready(e) {
                    continue;
                }
                if !more {
                    let addr = arr(e, "addresses").first().and_then(Value::as_str).unwrap_or("");
                    let p = int(port, "port");
                    list.push(if addr.contains(':') { format!("[{addr}]:{p}") } else { format!("{addr}:{p}") });
                }
                count += 1;
            }
        }
    }
    let ret = list.join(",");
    if more { format!("{ret} + {} more...", count - max) } else { ret }
}

/// `describeService`.
pub fn describe_service(svc: &Value, slices: &[Value], evs: Option<&[Value]>, now: Timestamp) -> String {
    let mut w = Out::new();
    object_header(&mut w, svc, true);
    let sel: Vec<String> = smap(svc, "spec.selector").iter().map(|(k, v)| format!("{k}={v}")).collect();
    w.w(0, &format!("Selector:\t{}\n", if sel.is_empty() { "<none>".to_string() } else { sel.join(",") }));
    w.w(0, &format!("Type:\t{}\n", st(svc, "spec.type")));
    if let Some(p) = get(svc, "spec.ipFamilyPolicy").and_then(Value::as_str) {
        w.w(0, &format!("IP Family Policy:\t{p}\n"));
    }
    let families: Vec<&str> = arr(svc, "spec.ipFamilies").iter().filter_map(Value::as_str).collect();
    w.w(0, &format!("IP Families:\t{}\n", if families.is_empty() { "<none>".to_string() } else { families.join(",") }));
    w.w(0, &format!("IP:\t{}\n", st(svc, "spec.clusterIP")));
    let ips: Vec<&str> = arr(svc, "spec.clusterIPs").iter().filter_map(Value::as_str).collect();
    w.w(0, &format!("IPs:\t{}\n", if ips.is_empty() { "<none>".to_string() } else { ips.join(",") }));
    let external: Vec<&str> = arr(svc, "spec.externalIPs").iter().filter_map(Value::as_str).collect();
    if !external.is_empty() {
        w.w(0, &format!("External IPs:\t{}\n", external.join(",")));
    }
    if !st(svc, "spec.loadBalancerIP").is_empty() {
        w.w(0, &format!("Desired LoadBalancer IP:\t{}\n", st(svc, "spec.loadBalancerIP")));
    }
    if !st(svc, "spec.externalName").is_empty() {
        w.w(0, &format!("External Name:\t{}\n", st(svc, "spec.externalName")));
    }
    let ingress = arr(svc, "status.loadBalancer.ingress");
    if !ingress.is_empty() {
        let list: Vec<String> = ingress
            .iter()
            .map(|i| match st(i, "ip") {
                "" => st(i, "hostname").to_string(),
                ip => match get(i, "ipMode").and_then(Value::as_str) {
                    Some(mode) => format!("{ip} ({mode})"),
                    None => ip.to_string(),
                },
            })
            .collect();
        w.w(0, &format!("LoadBalancer Ingress:\t{}\n", list.join(", ")));
    }
    for sp in arr(svc, "spec.ports") {
        let name = match st(sp, "name") {
            "" => "<unset>",
            n => n,
        };
        let proto = st(sp, "protocol");
        w.w(0, &format!("Port:\t{name}\t{}/{proto}\n", int(sp, "port")));
        w.w(0, &format!("TargetPort:\t{}/{proto}\n", int_or_string(get(sp, "targetPort"))));
        if int(sp, "nodePort") != 0 {
            w.w(0, &format!("NodePort:\t{name}\t{}/{proto}\n", int(sp, "nodePort")));
        }
        w.w(0, &format!("Endpoints:\t{}\n", format_endpoint_slices(slices, Some(&[st(sp, "name")]))));
    }
    w.w(0, &format!("Session Affinity:\t{}\n", st(svc, "spec.sessionAffinity")));
    if !st(svc, "spec.externalTrafficPolicy").is_empty() {
        w.w(0, &format!("External Traffic Policy:\t{}\n", st(svc, "spec.externalTrafficPolicy")));
    }
    if let Some(p) = get(svc, "spec.internalTrafficPolicy").and_then(Value::as_str) {
        w.w(0, &format!("Internal Traffic Policy:\t{p}\n"));
    }
    if int(svc, "spec.healthCheckNodePort") != 0 {
        w.w(0, &format!("HealthCheck NodePort:\t{}\n", int(svc, "spec.healthCheckNodePort")));
    }
    let ranges: Vec<&str> = arr(svc, "spec.loadBalancerSourceRanges").iter().filter_map(Value::as_str).collect();
    if !ranges.is_empty() {
        w.w(0, &format!("LoadBalancer Source Ranges:\t{}\n", ranges.join(",")));
    }
    if !st(svc, "spec.trafficDistribution").is_empty() {
        w.w(0, &format!("Traffic Distribution:\t{}\n", st(svc, "spec.trafficDistribution")));
    }
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

/// `findNodeRoles`.
fn node_roles(node: &Value) -> Vec<String> {
    let mut roles: Vec<String> = Vec::new();
    for (k, v) in smap(node, "metadata.labels") {
        let role = if let Some(r) = k.strip_prefix("node-role.kubernetes.io/") {
            r.to_string()
        } else if k == "kubernetes.io/role" {
            v
        } else {
            continue;
        };
        if !role.is_empty() && !roles.contains(&role) {
            roles.push(role);
        }
    }
    roles.sort();
    roles
}

/// A pod's summed requests and limits (kubectl's `PodRequestsAndLimits`): containers add
/// up, and an init container raises a total it exceeds.
fn pod_requests_and_limits(pod: &Value) -> (BTreeMap<String, Quantity>, BTreeMap<String, Quantity>) {
    let mut reqs: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut limits: BTreeMap<String, Quantity> = BTreeMap::new();
    let add = |into: &mut BTreeMap<String, Quantity>, from: Option<&Value>| {
        for (name, q) in from.and_then(Value::as_object).into_iter().flatten() {
            if let Ok(q) = Quantity::from_json(q) {
                *into.entry(name.clone()).or_insert_with(Quantity::zero) += q;
            }
        }
    };
    for c in arr(pod, "spec.containers") {
        add(&mut reqs, get(c, "resources.requests"));
        add(&mut limits, get(c, "resources.limits"));
    }
    let max = |into: &mut BTreeMap<String, Quantity>, from: Option<&Value>| {
        for (name, q) in from.and_then(Value::as_object).into_iter().flatten() {
            if let Ok(q) = Quantity::from_json(q) {
                let e = into.entry(name.clone()).or_insert_with(Quantity::zero);
                if q > *e {
                    *e = q;
                }
            }
        }
    };
    for c in arr(pod, "spec.initContainers") {
        max(&mut reqs, get(c, "resources.requests"));
        max(&mut limits, get(c, "resources.limits"));
    }
    add(&mut reqs, get(pod, "spec.overhead"));
    add(&mut limits, get(pod, "spec.overhead"));
    (reqs, limits)
}

fn percent(part: i64, whole: i64) -> i64 {
    if whole == 0 { 0 } else { (part as f64 / whole as f64 * 100.0) as i64 }
}

/// `describeNode`.
pub fn describe_node(
    node: &Value,
    pods: Option<&[Value]>,
    lease: Result<Value, String>,
    evs: Option<&[Value]>,
    now: Timestamp,
) -> String {
    let mut w = Out::new();
    w.w(0, &format!("Name:\t{}\n", st(node, "metadata.name")));
    let roles = node_roles(node);
    w.w(0, &format!("Roles:\t{}\n", if roles.is_empty() { "<none>".to_string() } else { roles.join(",") }));
    labels(&mut w, "Labels", &smap(node, "metadata.labels"));
    annotations(&mut w, "Annotations", &smap(node, "metadata.annotations"));
    w.w(0, &format!("CreationTimestamp:\t{}\n", rfc1123z(st(node, "metadata.creationTimestamp"))));
    taints(&mut w, "Taints", arr(node, "spec.taints"));
    w.w(0, &format!("Unschedulable:\t{}\n", bool_at(node, "spec.unschedulable")));
    match lease {
        Ok(l) => {
            w.w(0, "Lease:\n");
            let or_unset = |s: &str| if s.is_empty() { "<unset>".to_string() } else { s.to_string() };
            w.w(1, &format!("HolderIdentity:\t{}\n", or_unset(st(&l, "spec.holderIdentity"))));
            for (field, title) in [("acquireTime", "AcquireTime"), ("renewTime", "RenewTime")] {
                let t = st(&l, &format!("spec.{field}"));
                w.w(1, &format!("{title}:\t{}\n", if t.is_empty() { "<unset>".to_string() } else { rfc1123z(t) }));
            }
        }
        Err(e) => w.w(0, &format!("Lease:\tFailed to get lease: {e}\n")),
    }
    let conditions = arr(node, "status.conditions");
    if !conditions.is_empty() {
        w.w(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
        w.w(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
        for c in conditions {
            w.w(
                1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    st(c, "type"),
                    st(c, "status"),
                    rfc1123z(st(c, "lastHeartbeatTime")),
                    rfc1123z(st(c, "lastTransitionTime")),
                    st(c, "reason"),
                    st(c, "message")
                ),
            );
        }
    }
    w.w(0, "Addresses:\n");
    for a in arr(node, "status.addresses") {
        w.w(1, &format!("{}:\t{}\n", st(a, "type"), st(a, "address")));
    }
    for (field, title) in [("capacity", "Capacity"), ("allocatable", "Allocatable")] {
        if let Some(m) = get(node, &format!("status.{field}")).and_then(Value::as_object).filter(|m| !m.is_empty()) {
            w.w(0, &format!("{title}:\n"));
            for (name, q) in m {
                w.w(0, &format!("  {name}:\t{}\n", quantity(Some(q))));
            }
        }
    }
    w.w(0, "System Info:\n");
    for (field, title) in [
        ("machineID", "Machine ID"),
        ("systemUUID", "System UUID"),
        ("bootID", "Boot ID"),
        ("kernelVersion", "Kernel Version"),
        ("osImage", "OS Image"),
        ("operatingSystem", "Operating System"),
        ("architecture", "Architecture"),
        ("containerRuntimeVersion", "Container Runtime Version"),
        ("kubeletVersion", "Kubelet Version"),
        ("kubeProxyVersion", "Kube-Proxy Version"),
    ] {
        w.w(0, &format!("  {title}:\t{}\n", st(node, &format!("status.nodeInfo.{field}"))));
    }
    if !st(node, "spec.podCIDR").is_empty() {
        w.w(0, &format!("PodCIDR:\t{}\n", st(node, "spec.podCIDR")));
    }
    let cidrs: Vec<&str> = arr(node, "spec.podCIDRs").iter().filter_map(Value::as_str).collect();
    if !cidrs.is_empty() {
        w.w(0, &format!("PodCIDRs:\t{}\n", cidrs.join(",")));
    }
    if !st(node, "spec.providerID").is_empty() {
        w.w(0, &format!("ProviderID:\t{}\n", st(node, "spec.providerID")));
    }
    match pods {
        Some(pods) => node_resources(&mut w, node, pods, now),
        None => w.w(0, "Pods:\tnot authorized\n"),
    }
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

/// `describeNodeResource`: the pods on the node and what they request, against allocatable.
fn node_resources(w: &mut Out, node: &Value, pods: &[Value], now: Timestamp) {
    w.w(0, &format!("Non-terminated Pods:\t({} in total)\n", pods.len()));
    w.w(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
    w.w(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
    let alloc_field = match get(node, "status.allocatable").and_then(Value::as_object) {
        Some(m) if !m.is_empty() => "status.allocatable",
        _ => "status.capacity",
    };
    let alloc = |name: &str| {
        get(node, &format!("{alloc_field}.{name}"))
            .and_then(|q| Quantity::from_json(q).ok())
            .unwrap_or_else(Quantity::zero)
    };
    let (cpu_alloc, mem_alloc, eph_alloc) =
        (alloc("cpu").milli_value(), alloc("memory").value(), alloc("ephemeral-storage").value());
    let zero = Quantity::zero();
    let mut total_reqs: BTreeMap<String, Quantity> = BTreeMap::new();
    let mut total_limits: BTreeMap<String, Quantity> = BTreeMap::new();
    for pod in pods {
        let (reqs, limits) = pod_requests_and_limits(pod);
        let get_q = |m: &BTreeMap<String, Quantity>, n: &str| m.get(n).cloned().unwrap_or_else(|| zero.clone());
        let (cr, cl, mr, ml) =
            (get_q(&reqs, "cpu"), get_q(&limits, "cpu"), get_q(&reqs, "memory"), get_q(&limits, "memory"));
        w.w(
            1,
            &format!(
                "{}\t{}\t\t{cr} ({}%)\t{cl} ({}%)\t{mr} ({}%)\t{ml} ({}%)\t{}\n",
                st(pod, "metadata.namespace"),
                st(pod, "metadata.name"),
                percent(cr.milli_value(), cpu_alloc),
                percent(cl.milli_value(), cpu_alloc),
                percent(mr.value(), mem_alloc),
                percent(ml.value(), mem_alloc),
                since(st(pod, "metadata.creationTimestamp"), now)
            ),
        );
        for (n, q) in reqs {
            *total_reqs.entry(n).or_insert_with(Quantity::zero) += q;
        }
        for (n, q) in limits {
            *total_limits.entry(n).or_insert_with(Quantity::zero) += q;
        }
    }
    w.w(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
    w.w(1, "Resource\tRequests\tLimits\n");
    w.w(1, "--------\t--------\t------\n");
    let total = |m: &BTreeMap<String, Quantity>, n: &str| m.get(n).cloned().unwrap_or_else(Quantity::zero);
    /// How a resource is measured against allocatable: CPU in millicores, the rest in units.
    type Measure = fn(&Quantity) -> i64;
    let rows: [(&str, i64, Measure); 3] = [
        ("cpu", cpu_alloc, Quantity::milli_value),
        ("memory", mem_alloc, Quantity::value),
        ("ephemeral-storage", eph_alloc, Quantity::value),
    ];
    for (name, whole, measure) in rows {
        let (r, l) = (total(&total_reqs, name), total(&total_limits, name));
        w.w(1, &format!("{name}\t{r} ({}%)\t{l} ({}%)\n", percent(measure(&r), whole), percent(measure(&l), whole)));
    }
    let allocatable = get(node, alloc_field).and_then(Value::as_object).cloned().unwrap_or_default();
    let standard = ["cpu", "memory", "ephemeral-storage", "storage", "pods"];
    let mut huge: Vec<&String> = allocatable.keys().filter(|k| k.starts_with("hugepages-")).collect();
    let mut ext: Vec<&String> = allocatable
        .keys()
        .filter(|k| {
            !k.starts_with("hugepages-")
                && !standard.contains(&k.as_str())
                && !k.starts_with("requests.")
                && !k.starts_with("limits.")
        })
        .collect();
    huge.sort();
    ext.sort();
    for name in huge {
        let (r, l) = (total(&total_reqs, name), total(&total_limits, name));
        let whole = allocatable.get(name).and_then(|q| Quantity::from_json(q).ok()).map_or(0, |q| q.value());
        w.w(1, &format!("{name}\t{r} ({}%)\t{l} ({}%)\n", percent(r.value(), whole), percent(l.value(), whole)));
    }
    for name in ext {
        w.w(1, &format!("{name}\t{}\t{}\n", total(&total_reqs, name), total(&total_limits, name)));
    }
}

/// `describeNamespace`: quotas and limit ranges are listed when the server has them.
pub fn describe_namespace(ns: &Value, quotas: Option<&[Value]>, limit_ranges: Option<&[Value]>) -> String {
    let mut w = Out::new();
    object_header(&mut w, ns, false);
    w.w(0, &format!("Status:\t{}\n", st(ns, "status.phase")));
    let conditions = arr(ns, "status.conditions");
    if !conditions.is_empty() {
        w.w(0, "Conditions:\n");
        w.w(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
        w.w(1, "----\t------\t------------------\t------\t-------\n");
        for c in conditions {
            w.w(
                1,
                &format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    st(c, "type"),
                    st(c, "status"),
                    rfc1123z(st(c, "lastTransitionTime")),
                    st(c, "reason"),
                    st(c, "message")
                ),
            );
        }
    }
    if let Some(quotas) = quotas {
        w.w(0, "\n");
        if quotas.is_empty() {
            w.w(0, "No resource quota.\n");
        } else {
            let mut sorted: Vec<&Value> = quotas.iter().collect();
            sorted.sort_by_key(|q| st(q, "metadata.name").to_string());
            w.w(0, "Resource Quotas\n");
            for q in sorted {
                w.w(1, &format!("Name:\t{}\n", st(q, "metadata.name")));
                w.w(1, "Resource\tUsed\tHard\n");
                w.w(1, "--------\t---\t---\n");
                for (name, hard) in get(q, "status.hard").and_then(Value::as_object).into_iter().flatten() {
                    let used = get(q, "status.used").and_then(|u| u.get(name));
                    w.w(1, &format!("{name}\t{}\t{}\n", quantity(used), quantity(Some(hard))));
                }
            }
        }
    }
    if let Some(ranges) = limit_ranges {
        w.w(0, "\n");
        if ranges.is_empty() {
            w.w(0, "No LimitRange resource.\n");
        } else {
            w.w(
                0,
                "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n",
            );
            w.w(0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
            for lr in ranges {
                for item in arr(lr, "spec.limits") {
                    let fields = ["min", "max", "defaultRequest", "default", "maxLimitRequestRatio"];
                    let mut names: Vec<&String> = fields
                        .iter()
                        .filter_map(|f| get(item, f).and_then(Value::as_object))
                        .flat_map(|m| m.keys())
                        .collect();
                    names.sort();
                    names.dedup();
                    for n in names {
                        let cell = |f: &str| {
                            get(item, f).and_then(|m| m.get(n.as_str())).map_or("-".to_string(), |q| quantity(Some(q)))
                        };
                        w.w(
                            0,
                            &format!(
                                " {}\t{n}\t{}\t{}\t{}\t{}\t{}\n",
                                st(item, "type"),
                                cell("min"),
                                cell("max"),
                                cell("defaultRequest"),
                                cell("default"),
                                cell("maxLimitRequestRatio")
                            ),
                        );
                    }
                }
            }
        }
    }
    w.finish()
}

/// ConfigMaps: every key and value in full (kubectl's order is Go's map order; kx sorts).
pub fn describe_config_map(cm: &Value, evs: Option<&[Value]>, now: Timestamp) -> String {
    let mut w = Out::new();
    object_header(&mut w, cm, true);
    w.w(0, "\nData\n====\n");
    for (k, v) in smap(cm, "data") {
        w.w(0, &format!("{k}:\n----\n"));
        w.w(0, &format!("{v}\n"));
        w.w(0, "\n");
    }
    w.w(0, "\nBinaryData\n====\n");
    for (k, v) in smap(cm, "binaryData") {
        w.w(0, &format!("{k}: {} bytes\n", decoded_len(&v)));
    }
    w.w(0, "\n");
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

/// The length of base64 data once decoded.
fn decoded_len(b64: &str) -> usize {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(b64).map_or(0, |d| d.len())
}

/// Secrets: sizes only, never values (service-account tokens excepted, as in kubectl).
pub fn describe_secret(secret: &Value) -> String {
    let mut w = Out::new();
    object_header(&mut w, secret, true);
    let ty = st(secret, "type");
    w.w(0, &format!("\nType:\t{ty}\n"));
    w.w(0, "\nData\n====\n");
    for (k, v) in smap(secret, "data") {
        if k == "token" && ty == "kubernetes.io/service-account-token" {
            use base64::Engine;
            let token = base64::engine::general_purpose::STANDARD.decode(&v).unwrap_or_default();
            w.w(0, &format!("{k}:\t{}\n", String::from_utf8_lossy(&token)));
        } else {
            w.w(0, &format!("{k}:\t{} bytes\n", decoded_len(&v)));
        }
    }
    w.finish()
}

/// `GetAccessModesAsString`.
fn access_modes(modes: &[Value]) -> String {
    let modes: Vec<&str> = modes.iter().filter_map(Value::as_str).collect();
    let mut out = Vec::new();
    for (mode, short) in
        [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP")]
    {
        if modes.contains(&mode) {
            out.push(short);
        }
    }
    out.join(",")
}

/// `GetPersistentVolumeClaimClass`: the beta annotation, else `spec.storageClassName`.
pub fn claim_class(pvc: &Value) -> String {
    match get(pvc, "metadata.annotations")
        .and_then(|a| a.get("volume.beta.kubernetes.io/storage-class"))
        .and_then(Value::as_str)
    {
        Some(c) => c.to_string(),
        None => st(pvc, "spec.storageClassName").to_string(),
    }
}

/// `describePersistentVolume`.
pub fn describe_persistent_volume(pv: &Value, evs: Option<&[Value]>, now: Timestamp) -> String {
    let mut w = Out::new();
    object_header(&mut w, pv, false);
    w.w(0, &format!("Finalizers:\t{}\n", go_list(arr(pv, "metadata.finalizers"))));
    w.w(0, &format!("StorageClass:\t{}\n", claim_class(pv)));
    match get(pv, "metadata.deletionTimestamp").and_then(Value::as_str) {
        Some(ts) => w.w(0, &format!("Status:\tTerminating (lasts {})\n", since(ts, now))),
        None => w.w(0, &format!("Status:\t{}\n", st(pv, "status.phase"))),
    }
    match get(pv, "spec.claimRef") {
        Some(c) => w.w(0, &format!("Claim:\t{}/{}\n", st(c, "namespace"), st(c, "name"))),
        None => w.w(0, "Claim:\t\n"),
    }
    w.w(0, &format!("Reclaim Policy:\t{}\n", st(pv, "spec.persistentVolumeReclaimPolicy")));
    w.w(0, &format!("Access Modes:\t{}\n", access_modes(arr(pv, "spec.accessModes"))));
    if let Some(m) = get(pv, "spec.volumeMode").and_then(Value::as_str) {
        w.w(0, &format!("VolumeMode:\t{m}\n"));
    }
    w.w(0, &format!("Capacity:\t{}\n", quantity(get(pv, "spec.capacity.storage"))));
    w.w(0, "Node Affinity:\t");
    match get(pv, "spec.nodeAffinity.required") {
        None => w.line("<none>"),
        Some(req) => {
            w.line("");
            w.w(1, "Required Terms:\t");
            let terms = arr(req, "nodeSelectorTerms");
            if terms.is_empty() {
                w.line("<none>");
            } else {
                w.line("");
                for (i, term) in terms.iter().enumerate() {
                    w.w(2, &format!("Term {i}:\t"));
                    let exprs = arr(term, "matchExpressions");
                    if exprs.is_empty() {
                        w.line("<none>");
                    }
                    for (j, e) in exprs.iter().enumerate() {
                        if j != 0 {
                            w.w(2, "\t");
                        }
                        let mut s = format!("{} {}", st(e, "key"), st(e, "operator").to_lowercase());
                        let values: Vec<&str> = arr(e, "values").iter().filter_map(Value::as_str).collect();
                        if !values.is_empty() {
                            s = format!("{s} [{}]", values.join(", "));
                        }
                        w.w(0, &format!("{s}\n"));
                    }
                }
            }
        }
    }
    w.w(0, &format!("Message:\t{}\n", st(pv, "status.message")));
    w.w(0, "Source:\n");
    volume_source(&mut w, get(pv, "spec").unwrap_or(&Value::Null));
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

/// `describePersistentVolumeClaim`.
pub fn describe_persistent_volume_claim(
    pvc: &Value,
    used_by: &[String],
    evs: Option<&[Value]>,
    now: Timestamp,
) -> String {
    let mut w = Out::new();
    w.w(0, &format!("Name:\t{}\n", st(pvc, "metadata.name")));
    w.w(0, &format!("Namespace:\t{}\n", st(pvc, "metadata.namespace")));
    w.w(0, &format!("StorageClass:\t{}\n", claim_class(pvc)));
    match get(pvc, "metadata.deletionTimestamp").and_then(Value::as_str) {
        Some(ts) => w.w(0, &format!("Status:\tTerminating (lasts {})\n", since(ts, now))),
        None => w.w(0, &format!("Status:\t{}\n", st(pvc, "status.phase"))),
    }
    w.w(0, &format!("Volume:\t{}\n", st(pvc, "spec.volumeName")));
    labels(&mut w, "Labels", &smap(pvc, "metadata.labels"));
    annotations(&mut w, "Annotations", &smap(pvc, "metadata.annotations"));
    w.w(0, &format!("Finalizers:\t{}\n", go_list(arr(pvc, "metadata.finalizers"))));
    let (capacity, modes) = if st(pvc, "spec.volumeName").is_empty() {
        (String::new(), String::new())
    } else {
        (quantity(get(pvc, "status.capacity.storage")), access_modes(arr(pvc, "status.accessModes")))
    };
    w.w(0, &format!("Capacity:\t{capacity}\n"));
    w.w(0, &format!("Access Modes:\t{modes}\n"));
    if let Some(m) = get(pvc, "spec.volumeMode").and_then(Value::as_str) {
        w.w(0, &format!("VolumeMode:\t{m}\n"));
    }
    if let Some(ds) = get(pvc, "spec.dataSource") {
        w.w(0, "DataSource:\n");
        if let Some(g) = get(ds, "apiGroup").and_then(Value::as_str) {
            w.w(1, &format!("APIGroup:\t{g}\n"));
        }
        w.w(1, &format!("Kind:\t{}\n", st(ds, "kind")));
        w.w(1, &format!("Name:\t{}\n", st(ds, "name")));
    }
    w.w(0, "Used By:\t");
    if used_by.is_empty() {
        w.line("<none>");
    } else {
        let mut names = used_by.to_vec();
        names.sort();
        for (i, n) in names.iter().enumerate() {
            if i != 0 {
                w.w(0, "\t");
            }
            w.w(0, &format!("{n}\n"));
        }
    }
    let conditions = arr(pvc, "status.conditions");
    if !conditions.is_empty() {
        w.w(0, "Conditions:\n");
        w.w(1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n");
        w.w(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
        for c in conditions {
            w.w(
                1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    st(c, "type"),
                    st(c, "status"),
                    rfc1123z(st(c, "lastProbeTime")),
                    rfc1123z(st(c, "lastTransitionTime")),
                    st(c, "reason"),
                    st(c, "message")
                ),
            );
        }
    }
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

/// `serviceBackendStringer`.
pub fn service_backend(b: &Value) -> String {
    let port = match int(b, "port.number") {
        0 => st(b, "port.name").to_string(),
        n => n.to_string(),
    };
    format!("{}:{port}", st(b, "name"))
}

/// `describeBackendV1`, with the Service lookups already done.
fn backend(b: &Value, backends: &BTreeMap<String, Backend>) -> String {
    if let Some(svc_ref) = get(b, "service") {
        let sb = service_backend(svc_ref);
        return match backends.get(st(svc_ref, "name")) {
            Some(Ok((svc, slices))) => {
                let mut port_name = "";
                for sp in arr(svc, "spec.ports") {
                    let number = int(svc_ref, "port.number");
                    if (number != 0 && number == int(sp, "port"))
                        || (!st(svc_ref, "port.name").is_empty() && st(svc_ref, "port.name") == st(sp, "name"))
                    {
                        port_name = st(sp, "name");
                    }
                }
                format!("{sb} ({})", format_endpoint_slices(slices, Some(&[port_name])))
            }
            Some(Err(e)) => format!("{sb} (<error: {e}>)"),
            None => sb,
        };
    }
    if let Some(r) = get(b, "resource") {
        let group = get(r, "apiGroup").and_then(Value::as_str).unwrap_or("<none>");
        return format!("APIGroup: {group}, Kind: {}, Name: {}", st(r, "kind"), st(r, "name"));
    }
    String::new()
}

/// `describeIngressV1`.
pub fn describe_ingress(
    ing: &Value,
    backends: &BTreeMap<String, Backend>,
    evs: Option<&[Value]>,
    now: Timestamp,
) -> String {
    let mut w = Out::new();
    w.w(0, &format!("Name:\t{}\n", st(ing, "metadata.name")));
    labels(&mut w, "Labels", &smap(ing, "metadata.labels"));
    w.w(0, &format!("Namespace:\t{}\n", st(ing, "metadata.namespace")));
    let mut addrs: Vec<&str> = arr(ing, "status.loadBalancer.ingress")
        .iter()
        .map(|i| if st(i, "ip").is_empty() { st(i, "hostname") } else { st(i, "ip") })
        .filter(|s| !s.is_empty())
        .collect();
    addrs.sort();
    addrs.dedup();
    w.w(0, &format!("Address:\t{}\n", addrs.join(",")));
    w.w(
        0,
        &format!("Ingress Class:\t{}\n", get(ing, "spec.ingressClassName").and_then(Value::as_str).unwrap_or("<none>")),
    );
    let default = match get(ing, "spec.defaultBackend") {
        Some(d) => backend(d, backends),
        None => "<default>".to_string(),
    };
    w.w(0, &format!("Default backend:\t{default}\n"));
    let tls = arr(ing, "spec.tls");
    if !tls.is_empty() {
        w.w(0, "TLS:\n");
        for t in tls {
            let hosts: Vec<&str> = arr(t, "hosts").iter().filter_map(Value::as_str).collect();
            match st(t, "secretName") {
                "" => w.w(1, &format!("SNI routes {}\n", hosts.join(","))),
                s => w.w(1, &format!("{s} terminates {}\n", hosts.join(","))),
            }
        }
    }
    w.w(0, "Rules:\n  Host\tPath\tBackends\n");
    w.w(1, "----\t----\t--------\n");
    let mut count = 0;
    for rule in arr(ing, "spec.rules") {
        let Some(http) = get(rule, "http") else { continue };
        count += 1;
        let host = match st(rule, "host") {
            "" => "*",
            h => h,
        };
        w.w(1, &format!("{host}\t\n"));
        for p in arr(http, "paths") {
            w.w(
                2,
                &format!("\t{} \t{}\n", st(p, "path"), backend(get(p, "backend").unwrap_or(&Value::Null), backends)),
            );
        }
    }
    if count == 0 {
        w.w(1, &format!("*\t*\t{default}\n"));
    }
    annotations(&mut w, "Annotations", &smap(ing, "metadata.annotations"));
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

/// The Services an Ingress names, for the describe request to fetch.
pub fn ingress_services(ing: &Value) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut add = |b: Option<&Value>| {
        if let Some(n) = b.and_then(|b| get(b, "service.name")).and_then(Value::as_str)
            && !names.iter().any(|x| x == n)
        {
            names.push(n.to_string());
        }
    };
    add(get(ing, "spec.defaultBackend"));
    for rule in arr(ing, "spec.rules") {
        for p in arr(rule, "http.paths") {
            add(get(p, "backend"));
        }
    }
    names
}

/// `describeEndpoints`.
pub fn describe_endpoints(ep: &Value, evs: Option<&[Value]>, now: Timestamp) -> String {
    let mut w = Out::new();
    object_header(&mut w, ep, true);
    w.w(0, "Subsets:\n");
    for subset in arr(ep, "subsets") {
        for (field, title) in [("addresses", "Addresses"), ("notReadyAddresses", "NotReadyAddresses")] {
            let ips: Vec<&str> = arr(subset, field).iter().map(|a| st(a, "ip")).collect();
            let s = ips.join(",");
            w.w(1, &format!("{title}:\t{}\n", if s.is_empty() { "<none>" } else { &s }));
        }
        let ports = arr(subset, "ports");
        if !ports.is_empty() {
            w.w(1, "Ports:\n");
            w.w(2, "Name\tPort\tProtocol\n");
            w.w(2, "----\t----\t--------\n");
            for p in ports {
                let name = match st(p, "name") {
                    "" => "<unset>",
                    n => n,
                };
                w.w(2, &format!("{name}\t{}\t{}\n", int(p, "port"), st(p, "protocol")));
            }
        }
        w.w(0, "\n");
    }
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

/// kubectl's `describeServiceAccount`. `secrets` are the namespace's secrets (None when they
/// could not be listed): tokens are the service-account-token secrets annotated with this
/// account's name and UID, and a referenced secret that does not exist says `(not found)`.
pub fn describe_service_account(
    sa: &Value,
    secrets: Option<&[Value]>,
    evs: Option<&[Value]>,
    now: Timestamp,
) -> String {
    let mut w = Out::new();
    object_header(&mut w, sa, true);
    let names = |field: &str| -> Vec<String> { arr(sa, field).iter().map(|r| st(r, "name").to_string()).collect() };
    let (pull, mount) = (names("imagePullSecrets"), names("secrets"));
    let mut tokens = Vec::new();
    let mut missing = std::collections::BTreeSet::new();
    if let Some(secrets) = secrets {
        let annotation = |s: &Value, key: &str| -> String {
            get(s, "metadata.annotations").and_then(|a| a.get(key)).and_then(Value::as_str).unwrap_or("").to_string()
        };
        let existing: std::collections::BTreeSet<&str> = secrets.iter().map(|s| st(s, "metadata.name")).collect();
        for s in secrets {
            if st(s, "type") == "kubernetes.io/service-account-token"
                && annotation(s, "kubernetes.io/service-account.name") == st(sa, "metadata.name")
                && annotation(s, "kubernetes.io/service-account.uid") == st(sa, "metadata.uid")
            {
                tokens.push(st(s, "metadata.name").to_string());
            }
        }
        for n in mount.iter().chain(&pull) {
            if !existing.contains(n.as_str()) {
                missing.insert(n.clone());
            }
        }
    }
    // kubectl ranges over the headers sorted, padded so the names line up.
    for (header, list) in
        [("Image pull secrets:", &pull), ("Mountable secrets: ", &mount), ("Tokens:            ", &tokens)]
    {
        if list.is_empty() {
            w.w(0, &format!("{header}\t<none>\n"));
            continue;
        }
        let mut prefix = header;
        for name in list {
            let note = if missing.contains(name) { " (not found)" } else { "" };
            w.w(0, &format!("{prefix}\t{name}{note}\n"));
            prefix = "                   ";
        }
    }
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

/// kubectl's `describeEndpointSliceV1`.
pub fn describe_endpoint_slice(slice: &Value, evs: Option<&[Value]>, now: Timestamp) -> String {
    let mut w = Out::new();
    object_header(&mut w, slice, true);
    w.w(0, &format!("AddressType:\t{}\n", st(slice, "addressType")));
    let unset = |v: &str| if v.is_empty() { "<unset>".to_string() } else { v.to_string() };
    let ports = arr(slice, "ports");
    if ports.is_empty() {
        w.w(0, "Ports: <unset>\n");
    } else {
        w.w(0, "Ports:\n");
        w.w(1, "Name\tPort\tProtocol\n");
        w.w(1, "----\t----\t--------\n");
        for p in ports {
            let port = get(p, "port").and_then(Value::as_i64).map_or_else(|| "<unset>".to_string(), |n| n.to_string());
            w.w(1, &format!("{}\t{port}\t{}\n", unset(st(p, "name")), st(p, "protocol")));
        }
    }
    let endpoints = arr(slice, "endpoints");
    if endpoints.is_empty() {
        w.w(0, "Endpoints: <none>\n");
    } else {
        w.w(0, "Endpoints:\n");
        for e in endpoints {
            let addresses: Vec<&str> = arr(e, "addresses").iter().filter_map(Value::as_str).collect();
            w.w(1, &format!("- Addresses:\t{}\n", addresses.join(", ")));
            w.w(2, "Conditions:\n");
            let ready =
                get(e, "conditions.ready").and_then(Value::as_bool).map_or("<unset>".to_string(), |b| b.to_string());
            w.w(3, &format!("Ready:\t{ready}\n"));
            let opt = |field: &str| get(e, field).and_then(Value::as_str).map_or("<unset>".to_string(), str::to_string);
            w.w(2, &format!("Hostname:\t{}\n", opt("hostname")));
            if get(e, "targetRef").is_some() {
                w.w(2, &format!("TargetRef:\t{}/{}\n", st(e, "targetRef.kind"), st(e, "targetRef.name")));
            }
            w.w(2, &format!("NodeName:\t{}\n", opt("nodeName")));
            w.w(2, &format!("Zone:\t{}\n", opt("zone")));
        }
    }
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secret_shows_sizes_not_values() {
        let s = json!({"metadata": {"name": "s", "namespace": "default"}, "type": "Opaque", "data": {"password": "c2VjcmV0"}});
        assert_eq!(
            describe_secret(&s),
            "Name:         s\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  6 bytes\n"
        );
    }

    #[test]
    fn config_map_prints_data_blocks() {
        let cm = json!({"metadata": {"name": "c", "namespace": "default"}, "data": {"k": "v"}});
        let now = Timestamp::now();
        assert_eq!(
            describe_config_map(&cm, Some(&[]), now),
            "Name:         c\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\nk:\n----\nv\n\n\nBinaryData\n====\n\nEvents:  <none>\n"
        );
    }

    #[test]
    fn endpoint_slices_format_ready_addresses() {
        let slice = json!({"ports": [{"name": "", "port": 80}], "endpoints": [
            {"addresses": ["10.0.0.1"], "conditions": {"ready": true}},
            {"addresses": ["10.0.0.2"], "conditions": {"ready": false}}]});
        assert_eq!(format_endpoint_slices(&[slice], Some(&[""])), "10.0.0.1:80");
        assert_eq!(format_endpoint_slices(&[], None), "<none>");
    }
}
