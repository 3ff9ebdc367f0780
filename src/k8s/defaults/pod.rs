//! Pod and pod-spec defaults (kubernetes `pkg/apis/core/v1/defaults.go`), plus the values
//! admission plugins add to every pod (service account, priority, not-ready tolerations),
//! because users see them all in `kubectl get pod -o yaml`.

use super::{each_mut, ensure_obj, set};
use serde_json::{Value, json};

/// Pod-only defaults on top of the pod-spec ones.
pub fn default_pod(pod: &mut Value) {
    let Some(spec) = ensure_obj(pod, "spec") else { return };
    default_pod_spec(spec);
    // Only real pods get requests copied from limits, not templates (SetDefaults_Pod).
    for list in ["containers", "initContainers"] {
        each_mut(spec, list, requests_from_limits);
    }
    set(spec, "enableServiceLinks", json!(true));
    if spec.get("hostNetwork").and_then(Value::as_bool) == Some(true) {
        for list in ["containers", "initContainers"] {
            each_mut(spec, list, |c| each_mut(c, "ports", host_port_from_container_port));
        }
    }
    // ServiceAccount admission.
    let sa = spec.get("serviceAccountName").and_then(Value::as_str).filter(|s| !s.is_empty());
    let sa = sa.unwrap_or("default").to_string();
    set(spec, "serviceAccountName", json!(sa));
    set(spec, "serviceAccount", json!(sa));
    // Priority admission: the built-in classes have fixed values; others are resolved by the
    // server, which knows the PriorityClass objects.
    let priority = match spec.get("priorityClassName").and_then(Value::as_str) {
        Some("system-node-critical") => Some(2_000_001_000),
        Some("system-cluster-critical") => Some(2_000_000_000),
        Some(name) if !name.is_empty() => None,
        _ => Some(0),
    };
    if let Some(p) = priority {
        set(spec, "priority", json!(p));
    }
    set(spec, "preemptionPolicy", json!("PreemptLowerPriority"));
    default_toleration_seconds(spec);
}

/// DefaultTolerationSeconds admission: tolerate not-ready and unreachable nodes for 300s
/// unless the pod already says how.
fn default_toleration_seconds(spec: &mut Value) {
    let existing: Vec<Value> = spec.get("tolerations").and_then(Value::as_array).cloned().unwrap_or_default();
    let tolerates = |key: &str| {
        existing.iter().any(|t| {
            let k = t.get("key").and_then(Value::as_str).unwrap_or_default();
            let effect = t.get("effect").and_then(Value::as_str).unwrap_or_default();
            let op = t.get("operator").and_then(Value::as_str).unwrap_or_default();
            (k == key || (k.is_empty() && op == "Exists")) && (effect.is_empty() || effect == "NoExecute")
        })
    };
    let mut added = Vec::new();
    for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"] {
        if !tolerates(key) {
            added.push(json!({"key": key, "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}));
        }
    }
    if added.is_empty() {
        return;
    }
    if let Some(obj) = spec.as_object_mut() {
        let list = obj.entry("tolerations").or_insert_with(|| json!([]));
        if list.is_null() {
            *list = json!([]);
        }
        if let Some(arr) = list.as_array_mut() {
            arr.extend(added);
        }
    }
}

fn requests_from_limits(c: &mut Value) {
    let Some(limits) = c.get("resources").and_then(|r| r.get("limits")).and_then(Value::as_object).cloned() else {
        return;
    };
    if limits.is_empty() {
        return;
    }
    let Some(res) = ensure_obj(c, "resources") else { return };
    let Some(requests) = ensure_obj(res, "requests") else { return };
    for (k, v) in limits {
        set(requests, &k, v);
    }
}

fn host_port_from_container_port(p: &mut Value) {
    let host = p.get("hostPort").and_then(Value::as_i64).unwrap_or(0);
    if host == 0
        && let Some(cp) = p.get("containerPort").cloned()
        && let Some(obj) = p.as_object_mut()
    {
        obj.insert("hostPort".to_string(), cp);
    }
}

/// `SetDefaults_PodSpec` and everything nested in a pod spec (containers, volumes, probes).
pub fn default_pod_spec(spec: &mut Value) {
    set(spec, "dnsPolicy", json!("ClusterFirst"));
    set(spec, "restartPolicy", json!("Always"));
    set(spec, "securityContext", json!({}));
    set(spec, "terminationGracePeriodSeconds", json!(30));
    set(spec, "schedulerName", json!("default-scheduler"));
    // v1 conversion keeps the deprecated serviceAccount field in step with serviceAccountName.
    let sa_name = spec.get("serviceAccountName").and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string);
    let sa_old = spec.get("serviceAccount").and_then(Value::as_str).filter(|s| !s.is_empty()).map(str::to_string);
    match (sa_name, sa_old) {
        (Some(n), _) => {
            if let Some(o) = spec.as_object_mut() {
                o.insert("serviceAccount".to_string(), json!(n));
            }
        }
        (None, Some(o)) => set(spec, "serviceAccountName", json!(o)),
        (None, None) => {}
    }
    for list in ["containers", "initContainers", "ephemeralContainers"] {
        each_mut(spec, list, default_container);
    }
    each_mut(spec, "volumes", default_volume);
}

fn default_container(c: &mut Value) {
    if c.get("imagePullPolicy").and_then(Value::as_str).is_none_or(str::is_empty) {
        let image = c.get("image").and_then(Value::as_str).unwrap_or_default();
        // kube parses the reference; no tag and no digest means the implied tag `latest`.
        let tag = match image_tag(image) {
            Some(t) => t,
            None if !image.contains('@') => "latest",
            None => "",
        };
        let policy = if tag == "latest" { "Always" } else { "IfNotPresent" };
        if let Some(o) = c.as_object_mut() {
            o.insert("imagePullPolicy".to_string(), json!(policy));
        }
    }
    set(c, "terminationMessagePath", json!("/dev/termination-log"));
    set(c, "terminationMessagePolicy", json!("File"));
    set(c, "resources", json!({}));
    each_mut(c, "ports", |p| set(p, "protocol", json!("TCP")));
    each_mut(c, "env", |e| {
        if let Some(vf) = e.get_mut("valueFrom") {
            if let Some(fr) = vf.get_mut("fieldRef") {
                set(fr, "apiVersion", json!("v1"));
            }
            if let Some(rr) = vf.get_mut("resourceFieldRef") {
                set(rr, "divisor", json!("0"));
            }
        }
    });
    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(p) = c.get_mut(probe).filter(|p| p.is_object()) {
            set(p, "timeoutSeconds", json!(1));
            set(p, "periodSeconds", json!(10));
            set(p, "successThreshold", json!(1));
            set(p, "failureThreshold", json!(3));
            default_handler(p);
        }
    }
    if let Some(l) = c.get_mut("lifecycle") {
        for hook in ["postStart", "preStop"] {
            if let Some(h) = l.get_mut(hook) {
                default_handler(h);
            }
        }
    }
}

fn default_handler(h: &mut Value) {
    if let Some(g) = h.get_mut("httpGet").filter(|g| g.is_object()) {
        set(g, "path", json!("/"));
        set(g, "scheme", json!("HTTP"));
    }
}

/// The tag of an image reference, if it has one (`docker/reference` rules: a `:` after the
/// last `/` starts the tag; a digest follows `@`).
fn image_tag(image: &str) -> Option<&str> {
    let name = image.split('@').next().unwrap_or_default();
    let last = name.rsplit('/').next().unwrap_or_default();
    last.split_once(':').map(|(_, tag)| tag)
}

fn default_volume(v: &mut Value) {
    use crate::k8s::validation::pod::VOLUME_SOURCES as SOURCES;
    if !SOURCES.iter().any(|s| v.get(*s).is_some_and(|x| !x.is_null())) {
        set(v, "emptyDir", json!({}));
    }
    for src in ["secret", "configMap", "downwardAPI", "projected"] {
        if let Some(s) = v.get_mut(src).filter(|s| s.is_object()) {
            set(s, "defaultMode", json!(420));
        }
    }
    if let Some(h) = v.get_mut("hostPath").filter(|h| h.is_object()) {
        set(h, "type", json!(""));
    }
    if let Some(d) = v.get_mut("downwardAPI") {
        each_mut(d, "items", |i| {
            if let Some(fr) = i.get_mut("fieldRef") {
                set(fr, "apiVersion", json!("v1"));
            }
        });
    }
    if let Some(p) = v.get_mut("projected") {
        each_mut(p, "sources", |s| {
            if let Some(d) = s.get_mut("downwardAPI") {
                each_mut(d, "items", |i| {
                    if let Some(fr) = i.get_mut("fieldRef") {
                        set(fr, "apiVersion", json!("v1"));
                    }
                });
            }
            if let Some(t) = s.get_mut("serviceAccountToken") {
                set(t, "expirationSeconds", json!(3600));
            }
        });
    }
    if let Some(i) = v.get_mut("iscsi") {
        set(i, "iscsiInterface", json!("default"));
    }
    if let Some(e) =
        v.get_mut("ephemeral").and_then(|e| e.get_mut("volumeClaimTemplate")).and_then(|t| t.get_mut("spec"))
    {
        set(e, "volumeMode", json!("Filesystem"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_tag_handles_registry_ports_and_digests() {
        assert_eq!(image_tag("nginx"), None);
        assert_eq!(image_tag("nginx:1.25"), Some("1.25"));
        assert_eq!(image_tag("localhost:5000/app"), None);
        assert_eq!(image_tag("localhost:5000/app:v1"), Some("v1"));
        assert_eq!(image_tag("app@sha256:abc"), None);
    }
}
