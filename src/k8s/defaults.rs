//! Defaulting of built-in kinds as kube-apiserver does it on every create and update
//! (kubernetes `pkg/apis/*/v1/defaults.go`, plus the few values strategies and admission add
//! that users always see, such as a Namespace's `kubernetes` finalizer). Works on the v1 wire
//! format as `serde_json::Value`; idempotent; never panics on odd input.

mod pod;

use serde_json::{Value, json};

pub use pod::{default_pod, default_pod_spec};

/// Fills in the defaults kube-apiserver would for `kind` in `group` (`""` for core).
/// Unknown kinds are left alone. For a Job, `metadata.uid` must already be set so the
/// generated selector can use it (as kube's job strategy does on create).
pub fn apply_defaults(group: &str, kind: &str, obj: &mut Value) {
    if !obj.is_object() {
        return;
    }
    match (group, kind) {
        ("", "Pod") => default_pod(obj),
        ("", "PodTemplate") => default_template(obj.get_mut("template")),
        ("", "ReplicationController") => default_replication_controller(obj),
        ("", "Service") => default_service(obj),
        ("", "Secret") => default_secret(obj),
        ("", "PersistentVolume") => {
            if let Some(spec) = ensure_obj(obj, "spec") {
                set(spec, "persistentVolumeReclaimPolicy", json!("Retain"));
                set(spec, "volumeMode", json!("Filesystem"));
                if let Some(h) = spec.get_mut("hostPath").filter(|h| h.is_object()) {
                    set(h, "type", json!(""));
                }
            }
            if let Some(status) = ensure_obj(obj, "status") {
                set(status, "phase", json!("Pending"));
            }
        }
        ("", "PersistentVolumeClaim") => default_pvc(obj),
        ("", "Namespace") => default_namespace(obj),
        ("", "Node") => {
            let capacity = obj.get("status").and_then(|s| s.get("capacity")).filter(|c| c.is_object()).cloned();
            if let Some(cap) = capacity
                && let Some(status) = ensure_obj(obj, "status")
            {
                set(status, "allocatable", cap);
            }
        }
        ("", "Endpoints") => each_mut(obj, "subsets", |s| each_mut(s, "ports", |p| set(p, "protocol", json!("TCP")))),
        ("apps", "Deployment") => default_deployment(obj),
        ("apps", "ReplicaSet") => {
            if let Some(spec) = ensure_obj(obj, "spec") {
                set(spec, "replicas", json!(1));
                default_template(spec.get_mut("template"));
            }
        }
        ("apps", "StatefulSet") => default_stateful_set(obj),
        ("apps", "DaemonSet") => default_daemon_set(obj),
        ("batch", "Job") => default_job(obj),
        ("batch", "CronJob") => default_cron_job(obj),
        ("networking.k8s.io", "NetworkPolicy") => default_network_policy(obj),
        ("networking.k8s.io", "IngressClass") => {
            if let Some(p) = obj.get_mut("spec").and_then(|s| s.get_mut("parameters")).filter(|p| p.is_object()) {
                set(p, "scope", json!("Cluster"));
            }
        }
        ("storage.k8s.io", "StorageClass") => {
            set(obj, "reclaimPolicy", json!("Delete"));
            set(obj, "volumeBindingMode", json!("Immediate"));
        }
        ("discovery.k8s.io", "EndpointSlice") => each_mut(obj, "ports", |p| {
            set(p, "name", json!(""));
            set(p, "protocol", json!("TCP"));
        }),
        ("rbac.authorization.k8s.io", "RoleBinding" | "ClusterRoleBinding") => {
            if let Some(r) = obj.get_mut("roleRef").filter(|r| r.is_object()) {
                set(r, "apiGroup", json!("rbac.authorization.k8s.io"));
            }
            // A ServiceAccount subject's group defaults to "", which the wire form omits.
            each_mut(obj, "subjects", |s| {
                if matches!(s.get("kind").and_then(Value::as_str), Some("User" | "Group")) {
                    set(s, "apiGroup", json!("rbac.authorization.k8s.io"));
                }
            });
        }
        ("scheduling.k8s.io", "PriorityClass") => set(obj, "preemptionPolicy", json!("PreemptLowerPriority")),
        ("autoscaling", "HorizontalPodAutoscaler") => {
            if let Some(spec) = ensure_obj(obj, "spec") {
                set(spec, "minReplicas", json!(1));
                if spec.get("metrics").and_then(Value::as_array).is_none_or(Vec::is_empty)
                    && let Some(o) = spec.as_object_mut()
                {
                    // autoscaling/v2 default: 80% average CPU utilisation.
                    o.insert(
                        "metrics".to_string(),
                        json!([{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}}]),
                    );
                }
            }
        }
        _ => {}
    }
}

/// Sets `key` to `value` when it is absent or `null`.
pub(crate) fn set(obj: &mut Value, key: &str, value: Value) {
    if let Some(o) = obj.as_object_mut() {
        let slot = o.entry(key.to_string()).or_insert(Value::Null);
        if slot.is_null() {
            *slot = value;
        }
    }
}

/// The object at `key`, created empty when absent or `null`; `None` if `obj` or the member
/// is some other type.
pub(crate) fn ensure_obj<'a>(obj: &'a mut Value, key: &str) -> Option<&'a mut Value> {
    set(obj, key, json!({}));
    obj.get_mut(key).filter(|v| v.is_object())
}

/// Applies `f` to each element of the array at `key`, if there is one.
pub(crate) fn each_mut(obj: &mut Value, key: &str, mut f: impl FnMut(&mut Value)) {
    if let Some(items) = obj.get_mut(key).and_then(Value::as_array_mut) {
        items.iter_mut().filter(|i| i.is_object()).for_each(&mut f);
    }
}

/// Pod templates in workloads get the pod-spec defaults (not the pod-only ones).
fn default_template(template: Option<&mut Value>) {
    if let Some(t) = template.filter(|t| t.is_object())
        && let Some(spec) = ensure_obj(t, "spec")
    {
        default_pod_spec(spec);
    }
}

fn default_replication_controller(obj: &mut Value) {
    let template_labels = obj
        .get("spec")
        .and_then(|s| s.get("template"))
        .and_then(|t| t.get("metadata"))
        .and_then(|m| m.get("labels"))
        .filter(|l| l.as_object().is_some_and(|m| !m.is_empty()))
        .cloned();
    if let Some(labels) = template_labels {
        if let Some(spec) = ensure_obj(obj, "spec")
            && spec.get("selector").and_then(Value::as_object).is_none_or(|m| m.is_empty())
            && let Some(o) = spec.as_object_mut()
        {
            o.insert("selector".to_string(), labels.clone());
        }
        if let Some(meta) = ensure_obj(obj, "metadata")
            && meta.get("labels").and_then(Value::as_object).is_none_or(|m| m.is_empty())
            && let Some(o) = meta.as_object_mut()
        {
            o.insert("labels".to_string(), labels);
        }
    }
    if let Some(spec) = ensure_obj(obj, "spec") {
        set(spec, "replicas", json!(1));
        default_template(spec.get_mut("template"));
    }
}

fn default_service(obj: &mut Value) {
    let Some(spec) = ensure_obj(obj, "spec") else { return };
    set(spec, "type", json!("ClusterIP"));
    set(spec, "sessionAffinity", json!("None"));
    let ty = spec.get("type").and_then(Value::as_str).unwrap_or_default().to_string();
    if spec.get("sessionAffinity").and_then(Value::as_str) == Some("ClientIP")
        && let Some(cfg) = ensure_obj(spec, "sessionAffinityConfig")
        && let Some(client) = ensure_obj(cfg, "clientIP")
    {
        set(client, "timeoutSeconds", json!(10800));
    }
    each_mut(spec, "ports", |p| {
        set(p, "protocol", json!("TCP"));
        // A missing (or zero) targetPort means "the same as port".
        let missing = match p.get("targetPort") {
            None | Some(Value::Null) => true,
            Some(v) => v.as_i64() == Some(0) || v.as_str() == Some(""),
        };
        if missing
            && let Some(port) = p.get("port").cloned()
            && let Some(o) = p.as_object_mut()
        {
            o.insert("targetPort".to_string(), port);
        }
    });
    let externally_accessible = ty == "NodePort"
        || ty == "LoadBalancer"
        || (ty == "ClusterIP" && spec.get("externalIPs").and_then(Value::as_array).is_some_and(|a| !a.is_empty()));
    if externally_accessible {
        set(spec, "externalTrafficPolicy", json!("Cluster"));
    }
    if ty == "LoadBalancer" {
        set(spec, "allocateLoadBalancerNodePorts", json!(true));
    }
    if ty != "ExternalName" {
        set(spec, "internalTrafficPolicy", json!("Cluster"));
        // The IP allocator's choices on a single-stack IPv4 cluster.
        set(spec, "ipFamilyPolicy", json!("SingleStack"));
        set(spec, "ipFamilies", json!(["IPv4"]));
        if let Some(ip) = spec.get("clusterIP").and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string) {
            set(spec, "clusterIPs", json!([ip]));
        }
    }
}

/// Carries the values the server allocated (cluster IPs, node ports, health-check port) from
/// the stored Service into an update that left them out, as kube's service REST storage does
/// before validation, so `kubectl replace` of a manifest without `clusterIP` works.
pub fn carry_over_service_allocations(new: &mut Value, old: &Value) {
    let Some(os) = old.get("spec") else { return };
    let Some(ns) = new.get_mut("spec").filter(|s| s.is_object()) else { return };
    drop_type_dependent_fields(ns, os);
    let ty = |s: &Value| s.get("type").and_then(Value::as_str).unwrap_or("ClusterIP").to_string();
    let needs_node_ports = matches!(ty(ns).as_str(), "NodePort" | "LoadBalancer");
    let needs_ip = |s: &Value| s.get("type").and_then(Value::as_str) != Some("ExternalName");
    if needs_ip(os) && needs_ip(ns) {
        for key in ["clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"] {
            let blank = match ns.get(key) {
                None | Some(Value::Null) => true,
                Some(Value::String(s)) => s.is_empty(),
                Some(Value::Array(a)) => a.is_empty(),
                _ => false,
            };
            if blank
                && let Some(v) = os.get(key).cloned()
                && let Some(o) = ns.as_object_mut()
            {
                o.insert(key.to_string(), v);
            }
        }
    }
    let old_ports: Vec<Value> = os.get("ports").and_then(Value::as_array).cloned().unwrap_or_default();
    each_mut(ns, "ports", |p| {
        if !needs_node_ports || p.get("nodePort").and_then(Value::as_i64).unwrap_or(0) != 0 {
            return;
        }
        let same = old_ports.iter().find(|o| o.get("port") == p.get("port") && o.get("protocol") == p.get("protocol"));
        if let Some(np) = same.and_then(|o| o.get("nodePort")).filter(|v| v.as_i64().unwrap_or(0) != 0).cloned()
            && let Some(o) = p.as_object_mut()
        {
            o.insert("nodePort".to_string(), np);
        }
    });
    if ns.get("healthCheckNodePort").and_then(Value::as_i64).unwrap_or(0) == 0
        && let Some(h) = os.get("healthCheckNodePort").filter(|v| v.as_i64().unwrap_or(0) != 0).cloned()
        && let Some(o) = ns.as_object_mut()
    {
        o.insert("healthCheckNodePort".to_string(), h);
    }
}

/// kube-apiserver's `dropTypeDependentFields`: a Service changed to a type that does not use
/// its node ports, `externalTrafficPolicy`, `allocateLoadBalancerNodePorts` or
/// `loadBalancerClass` loses them, as long
/// as the update left them as they were (so `kubectl patch -p '{"spec":{"type":"ClusterIP"}}'`
/// on a LoadBalancer works, while explicitly setting them for the wrong type stays invalid).
fn drop_type_dependent_fields(ns: &mut Value, os: &Value) {
    let ty = |s: &Value| s.get("type").and_then(Value::as_str).unwrap_or("ClusterIP").to_string();
    let (old_ty, new_ty) = (ty(os), ty(ns));
    let node_ports = |t: &str| t == "NodePort" || t == "LoadBalancer";
    let Some(o) = ns.as_object_mut() else { return };
    if node_ports(&old_ty) && !node_ports(&new_ty) {
        let ports_of = |s: Option<&Value>| -> Vec<Option<i64>> {
            s.and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|p| p.get("nodePort").and_then(Value::as_i64).filter(|n| *n != 0))
                .collect()
        };
        let old_np = ports_of(os.get("ports"));
        let new_np = ports_of(o.get("ports"));
        // kube's sameNodePorts: every nodePort given now is the one the port had.
        if new_np.iter().enumerate().all(|(i, n)| n.is_none() || old_np.get(i) == Some(n))
            && let Some(ports) = o.get_mut("ports").and_then(Value::as_array_mut)
        {
            for p in ports.iter_mut().filter_map(Value::as_object_mut) {
                p.remove("nodePort");
            }
        }
        if o.get("healthCheckNodePort") == os.get("healthCheckNodePort") {
            o.remove("healthCheckNodePort");
        }
    }
    let external = |t: &str, s: &serde_json::Map<String, Value>| {
        node_ports(t) || s.get("externalIPs").and_then(Value::as_array).is_some_and(|a| !a.is_empty())
    };
    let old_map = os.as_object().cloned().unwrap_or_default();
    if external(&old_ty, &old_map)
        && !external(&new_ty, o)
        && o.get("externalTrafficPolicy") == os.get("externalTrafficPolicy")
    {
        o.remove("externalTrafficPolicy");
    }
    if old_ty == "LoadBalancer" && new_ty != "LoadBalancer" {
        for key in ["allocateLoadBalancerNodePorts", "loadBalancerClass"] {
            if o.get(key) == os.get(key) {
                o.remove(key);
            }
        }
    }
}

fn default_secret(obj: &mut Value) {
    set(obj, "type", json!("Opaque"));
    // v1 conversion merges stringData into data (stringData wins) and never stores it.
    let Some(o) = obj.as_object_mut() else { return };
    let Some(Value::Object(string_data)) = o.remove("stringData") else { return };
    let data = o.entry("data").or_insert_with(|| json!({}));
    if data.is_null() {
        *data = json!({});
    }
    if let Some(d) = data.as_object_mut() {
        for (k, v) in string_data {
            if let Some(s) = v.as_str() {
                d.insert(k, json!(base64_encode(s.as_bytes())));
            }
        }
    }
}

/// Standard base64 with padding, for Secret data.
pub fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn default_pvc_spec(spec: &mut Value) {
    set(spec, "volumeMode", json!("Filesystem"));
}

fn default_pvc(obj: &mut Value) {
    if let Some(spec) = ensure_obj(obj, "spec") {
        default_pvc_spec(spec);
    }
    if let Some(status) = ensure_obj(obj, "status") {
        set(status, "phase", json!("Pending"));
    }
}

fn default_namespace(obj: &mut Value) {
    // SetDefaults_Namespace labels every namespace with its own name (immutable in effect).
    let name = obj.get("metadata").and_then(|m| m.get("name")).and_then(Value::as_str).map(str::to_string);
    if let Some(name) = name.filter(|n| !n.is_empty())
        && let Some(meta) = ensure_obj(obj, "metadata")
        && let Some(labels) = ensure_obj(meta, "labels")
        && let Some(l) = labels.as_object_mut()
    {
        l.insert("kubernetes.io/metadata.name".to_string(), json!(name));
    }
    if let Some(spec) = ensure_obj(obj, "spec") {
        set(spec, "finalizers", json!(["kubernetes"]));
    }
    if let Some(status) = ensure_obj(obj, "status") {
        set(status, "phase", json!("Active"));
    }
}

fn default_deployment(obj: &mut Value) {
    let Some(spec) = ensure_obj(obj, "spec") else { return };
    set(spec, "replicas", json!(1));
    if let Some(strategy) = ensure_obj(spec, "strategy") {
        set(strategy, "type", json!("RollingUpdate"));
        if strategy.get("type").and_then(Value::as_str) == Some("RollingUpdate")
            && let Some(ru) = ensure_obj(strategy, "rollingUpdate")
        {
            set(ru, "maxUnavailable", json!("25%"));
            set(ru, "maxSurge", json!("25%"));
        }
    }
    set(spec, "revisionHistoryLimit", json!(10));
    set(spec, "progressDeadlineSeconds", json!(600));
    default_template(spec.get_mut("template"));
}

fn default_stateful_set(obj: &mut Value) {
    let Some(spec) = ensure_obj(obj, "spec") else { return };
    set(spec, "podManagementPolicy", json!("OrderedReady"));
    if let Some(strategy) = ensure_obj(spec, "updateStrategy") {
        if strategy.get("type").and_then(Value::as_str).is_none_or(str::is_empty) {
            if let Some(o) = strategy.as_object_mut() {
                o.insert("type".to_string(), json!("RollingUpdate"));
            }
            set(strategy, "rollingUpdate", json!({}));
        }
        if strategy.get("type").and_then(Value::as_str) == Some("RollingUpdate")
            && let Some(ru) = strategy.get_mut("rollingUpdate").filter(|r| r.is_object())
        {
            set(ru, "partition", json!(0));
        }
    }
    if let Some(policy) = ensure_obj(spec, "persistentVolumeClaimRetentionPolicy") {
        set(policy, "whenDeleted", json!("Retain"));
        set(policy, "whenScaled", json!("Retain"));
    }
    set(spec, "replicas", json!(1));
    set(spec, "revisionHistoryLimit", json!(10));
    default_template(spec.get_mut("template"));
    each_mut(spec, "volumeClaimTemplates", |t| {
        set(t, "apiVersion", json!("v1"));
        set(t, "kind", json!("PersistentVolumeClaim"));
        default_pvc(t);
    });
}

fn default_daemon_set(obj: &mut Value) {
    let Some(spec) = ensure_obj(obj, "spec") else { return };
    if let Some(strategy) = ensure_obj(spec, "updateStrategy") {
        set(strategy, "type", json!("RollingUpdate"));
        if strategy.get("type").and_then(Value::as_str) == Some("RollingUpdate")
            && let Some(ru) = ensure_obj(strategy, "rollingUpdate")
        {
            set(ru, "maxUnavailable", json!(1));
            set(ru, "maxSurge", json!(0));
        }
    }
    set(spec, "revisionHistoryLimit", json!(10));
    default_template(spec.get_mut("template"));
}

/// The job strategy's selector generation (`generateSelector`): the pods get job-name and
/// controller-uid labels and the selector picks the uid, unless `manualSelector` is true.
fn generate_job_selector(obj: &mut Value) {
    let meta = obj.get("metadata");
    let name = meta.and_then(|m| m.get("name")).and_then(Value::as_str).unwrap_or_default().to_string();
    let uid = meta.and_then(|m| m.get("uid")).and_then(Value::as_str).unwrap_or_default().to_string();
    let Some(spec) = ensure_obj(obj, "spec") else { return };
    if uid.is_empty() || spec.get("manualSelector").and_then(Value::as_bool) == Some(true) {
        return;
    }
    if let Some(t) = ensure_obj(spec, "template")
        && let Some(m) = ensure_obj(t, "metadata")
        && let Some(labels) = ensure_obj(m, "labels")
    {
        set(labels, "job-name", json!(name));
        set(labels, "batch.kubernetes.io/job-name", json!(name));
        set(labels, "controller-uid", json!(uid));
        set(labels, "batch.kubernetes.io/controller-uid", json!(uid));
    }
    if let Some(sel) = ensure_obj(spec, "selector")
        && let Some(ml) = ensure_obj(sel, "matchLabels")
    {
        set(ml, "batch.kubernetes.io/controller-uid", json!(uid));
    }
}

fn default_job(obj: &mut Value) {
    generate_job_selector(obj);
    let Some(spec) = ensure_obj(obj, "spec") else { return };
    let unset = |s: &Value, k: &str| s.get(k).is_none_or(Value::is_null);
    if unset(spec, "completions") && unset(spec, "parallelism") {
        set(spec, "completions", json!(1));
    }
    set(spec, "parallelism", json!(1));
    let backoff = if unset(spec, "backoffLimitPerIndex") { 6 } else { i64::from(i32::MAX) };
    set(spec, "backoffLimit", json!(backoff));
    set(spec, "completionMode", json!("NonIndexed"));
    set(spec, "suspend", json!(false));
    let replacement = if unset(spec, "podFailurePolicy") { "TerminatingOrFailed" } else { "Failed" };
    set(spec, "podReplacementPolicy", json!(replacement));
    if let Some(fp) = spec.get_mut("podFailurePolicy") {
        each_mut(fp, "rules", |r| each_mut(r, "onPodConditions", |c| set(c, "status", json!("True"))));
    }
    default_template(spec.get_mut("template"));
    // Job labels default to the template's labels when the job has none.
    let template_labels = spec
        .get("template")
        .and_then(|t| t.get("metadata"))
        .and_then(|m| m.get("labels"))
        .filter(|l| l.is_object())
        .cloned();
    if let Some(labels) = template_labels
        && let Some(meta) = ensure_obj(obj, "metadata")
        && meta.get("labels").and_then(Value::as_object).is_none_or(|m| m.is_empty())
        && let Some(o) = meta.as_object_mut()
    {
        o.insert("labels".to_string(), labels);
    }
}

fn default_cron_job(obj: &mut Value) {
    let Some(spec) = ensure_obj(obj, "spec") else { return };
    set(spec, "concurrencyPolicy", json!("Allow"));
    set(spec, "suspend", json!(false));
    set(spec, "successfulJobsHistoryLimit", json!(3));
    set(spec, "failedJobsHistoryLimit", json!(1));
    if let Some(jt) = spec.get_mut("jobTemplate").filter(|j| j.is_object())
        && let Some(js) = ensure_obj(jt, "spec")
    {
        default_template(js.get_mut("template"));
    }
}

fn default_network_policy(obj: &mut Value) {
    let Some(spec) = ensure_obj(obj, "spec") else { return };
    for dir in ["ingress", "egress"] {
        each_mut(spec, dir, |rule| each_mut(rule, "ports", |p| set(p, "protocol", json!("TCP"))));
    }
    if spec.get("policyTypes").and_then(Value::as_array).is_none_or(Vec::is_empty) {
        let has_egress = spec.get("egress").and_then(Value::as_array).is_some_and(|a| !a.is_empty());
        let types = if has_egress { json!(["Ingress", "Egress"]) } else { json!(["Ingress"]) };
        if let Some(o) = spec.as_object_mut() {
            o.insert("policyTypes".to_string(), types);
        }
    }
}

#[cfg(test)]
mod tests;
