//! A container's environment as the kubelet builds it: service variables, `envFrom`
//! (ConfigMaps and Secrets, with prefixes), then `env` with `value`, `valueFrom`
//! (ConfigMap and Secret keys, pod fields, resource fields) and `$(VAR)` expansion, with
//! the kubelet's error messages for missing sources. Pure: the ConfigMaps and Secrets are
//! looked up by the caller first.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Container, Pod};

use crate::k8s::quantity::Quantity;

/// Which kind of object a reference names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    ConfigMap,
    Secret,
}

impl Source {
    pub fn kind(self) -> &'static str {
        match self {
            Source::ConfigMap => "ConfigMap",
            Source::Secret => "Secret",
        }
    }
    fn lower(self) -> &'static str {
        match self {
            Source::ConfigMap => "configmap",
            Source::Secret => "secret",
        }
    }
}

/// The ConfigMaps and Secrets a container or pod needs, already fetched; a missing one is
/// absent. Values are text (Secret data decoded).
pub type Sources = BTreeMap<(Source, String), BTreeMap<String, String>>;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvError {
    /// Worded as the kubelet words it; shown in the container's waiting message.
    #[error("{0}")]
    Missing(String),
}

/// Everything the container's env refers to.
pub fn references(c: &Container) -> Vec<(Source, String)> {
    let mut out = Vec::new();
    for from in c.env_from.iter().flatten() {
        if let Some(r) = &from.config_map_ref {
            out.push((Source::ConfigMap, r.name.clone()));
        }
        if let Some(r) = &from.secret_ref {
            out.push((Source::Secret, r.name.clone()));
        }
    }
    for e in c.env.iter().flatten() {
        let Some(v) = &e.value_from else { continue };
        if let Some(r) = &v.config_map_key_ref {
            out.push((Source::ConfigMap, r.name.clone()));
        }
        if let Some(r) = &v.secret_key_ref {
            out.push((Source::Secret, r.name.clone()));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Replace `$(NAME)` with defined variables; `$$` escapes a `$`; undefined references stay
/// as written (Kubernetes' `expansion.Expand`).
pub fn expand(input: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    while let Some(pos) = rest.find('$') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        if let Some(stripped) = after.strip_prefix('$') {
            out.push('$');
            rest = stripped;
        } else if let Some(inner) = after.strip_prefix('(')
            && let Some(end) = inner.find(')')
        {
            let name = &inner[..end];
            match lookup(name) {
                Some(v) => out.push_str(&v),
                None => {
                    out.push_str("$(");
                    out.push_str(name);
                    out.push(')');
                }
            }
            rest = &inner[end + 1..];
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A pod field for `fieldRef` (and downward API volumes).
pub fn field(pod: &Pod, path: &str, host_ip: &str, pod_ip: &str) -> Option<String> {
    let meta = &pod.metadata;
    let spec = pod.spec.as_ref();
    let keyed = |prefix: &str, map: Option<&BTreeMap<String, String>>| -> Option<String> {
        let key = path.strip_prefix(prefix)?.strip_suffix("']")?;
        Some(map.and_then(|m| m.get(key)).cloned().unwrap_or_default())
    };
    let all = |map: Option<&BTreeMap<String, String>>| {
        map.map(|m| m.iter().map(|(k, v)| format!("{k}=\"{v}\"")).collect::<Vec<_>>().join("\n")).unwrap_or_default()
    };
    Some(match path {
        "metadata.name" => meta.name.clone().unwrap_or_default(),
        "metadata.namespace" => meta.namespace.clone().unwrap_or_default(),
        "metadata.uid" => meta.uid.clone().unwrap_or_default(),
        "metadata.labels" => all(meta.labels.as_ref()),
        "metadata.annotations" => all(meta.annotations.as_ref()),
        "spec.nodeName" => spec.and_then(|s| s.node_name.clone()).unwrap_or_default(),
        "spec.serviceAccountName" => spec.and_then(|s| s.service_account_name.clone()).unwrap_or_default(),
        "status.hostIP" | "status.hostIPs" => host_ip.to_string(),
        "status.podIP" | "status.podIPs" => pod_ip.to_string(),
        p if p.starts_with("metadata.labels['") => keyed("metadata.labels['", meta.labels.as_ref())?,
        p if p.starts_with("metadata.annotations['") => keyed("metadata.annotations['", meta.annotations.as_ref())?,
        _ => return None,
    })
}

/// A container resource for `resourceFieldRef`: the limit (or the node's allocatable when
/// there is none) or the request, divided by the divisor and rounded up.
pub fn resource_field(
    c: &Container,
    resource: &str,
    divisor: Option<&str>,
    allocatable: &BTreeMap<String, String>,
) -> Option<String> {
    let (kind, name) = resource.split_once('.')?;
    let res = c.resources.as_ref();
    let pick = |m: Option<&BTreeMap<String, k8s_openapi::apimachinery::pkg::api::resource::Quantity>>| {
        m.and_then(|m| m.get(name)).map(|q| q.0.clone())
    };
    let value = match kind {
        "limits" => pick(res.and_then(|r| r.limits.as_ref())).or_else(|| allocatable.get(name).cloned()),
        "requests" => pick(res.and_then(|r| r.requests.as_ref())).or_else(|| Some("0".into())),
        _ => None,
    }?;
    let q = Quantity::parse(&value).ok()?;
    let d = Quantity::parse(divisor.filter(|d| !d.is_empty()).unwrap_or("1")).ok()?;
    if d.nanos() <= 0 {
        return None;
    }
    let n = q.nanos();
    let quotient = n / d.nanos() + i128::from(n % d.nanos() > 0);
    Some(quotient.to_string())
}

/// What the environment is built from besides the container.
pub struct Inputs<'a> {
    pub pod: &'a Pod,
    pub sources: &'a Sources,
    /// Variables every container gets first (service discovery, HOSTNAME, …).
    pub base: Vec<(String, String)>,
    pub host_ip: &'a str,
    pub pod_ip: &'a str,
    pub allocatable: &'a BTreeMap<String, String>,
}

fn missing(source: Source, name: &str) -> EnvError {
    EnvError::Missing(format!("{} \"{name}\" not found", source.lower()))
}

/// The container's environment, in order; later entries override earlier ones.
pub fn resolve(c: &Container, inputs: &Inputs<'_>) -> Result<Vec<(String, String)>, EnvError> {
    let ns = inputs.pod.metadata.namespace.as_deref().unwrap_or("default");
    let mut vars: Vec<(String, String)> = inputs.base.clone();
    let set = |vars: &mut Vec<(String, String)>, k: String, v: String| {
        vars.retain(|(n, _)| *n != k);
        vars.push((k, v));
    };
    for from in c.env_from.iter().flatten() {
        let prefix = from.prefix.clone().unwrap_or_default();
        let (source, name, optional) = match (&from.config_map_ref, &from.secret_ref) {
            (Some(r), _) => (Source::ConfigMap, r.name.clone(), r.optional.unwrap_or(false)),
            (None, Some(r)) => (Source::Secret, r.name.clone(), r.optional.unwrap_or(false)),
            (None, None) => continue,
        };
        match inputs.sources.get(&(source, name.clone())) {
            Some(data) => {
                for (k, v) in data {
                    set(&mut vars, format!("{prefix}{k}"), v.clone());
                }
            }
            None if optional => {}
            None => return Err(missing(source, &name)),
        }
    }
    for e in c.env.iter().flatten() {
        let value = match (&e.value, &e.value_from) {
            (Some(v), _) => {
                let snapshot = vars.clone();
                expand(v, |n| snapshot.iter().rev().find(|(k, _)| k == n).map(|(_, v)| v.clone()))
            }
            (None, Some(from)) => {
                let key_ref = match (&from.config_map_key_ref, &from.secret_key_ref) {
                    (Some(r), _) => {
                        Some((Source::ConfigMap, r.name.clone(), r.key.clone(), r.optional.unwrap_or(false)))
                    }
                    (None, Some(r)) => {
                        Some((Source::Secret, r.name.clone(), r.key.clone(), r.optional.unwrap_or(false)))
                    }
                    _ => None,
                };
                if let Some((source, name, key, optional)) = key_ref {
                    match inputs.sources.get(&(source, name.clone())).map(|d| d.get(&key)) {
                        Some(Some(v)) => v.clone(),
                        _ if optional => continue,
                        Some(None) => {
                            return Err(EnvError::Missing(format!(
                                "couldn't find key {key} in {} {ns}/{name}",
                                source.kind()
                            )));
                        }
                        None => return Err(missing(source, &name)),
                    }
                } else if let Some(f) = &from.field_ref {
                    field(inputs.pod, &f.field_path, inputs.host_ip, inputs.pod_ip).unwrap_or_default()
                } else if let Some(r) = &from.resource_field_ref {
                    resource_field(c, &r.resource, r.divisor.as_ref().map(|d| d.0.as_str()), inputs.allocatable)
                        .unwrap_or_default()
                } else {
                    String::new()
                }
            }
            (None, None) => String::new(),
        };
        set(&mut vars, e.name.clone(), value);
    }
    Ok(vars)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod() -> Pod {
        serde_json::from_value(json!({
            "metadata": {"name": "web", "namespace": "shop", "uid": "u1", "labels": {"app": "web"}},
            "spec": {"nodeName": "n1", "containers": []},
        }))
        .expect("pod")
    }

    fn container(v: serde_json::Value) -> Container {
        serde_json::from_value(v).expect("container")
    }

    fn sources() -> Sources {
        let mut s = Sources::new();
        s.insert((Source::ConfigMap, "cfg".into()), [("MODE".to_string(), "fast".to_string())].into());
        s.insert((Source::Secret, "creds".into()), [("password".to_string(), "hunter2".to_string())].into());
        s
    }

    fn inputs<'a>(pod: &'a Pod, sources: &'a Sources, alloc: &'a BTreeMap<String, String>) -> Inputs<'a> {
        Inputs {
            pod,
            sources,
            base: vec![("KUBERNETES_SERVICE_HOST".into(), "127.0.0.1".into())],
            host_ip: "127.0.0.1",
            pod_ip: "10.244.0.5",
            allocatable: alloc,
        }
    }

    #[test]
    fn expand_follows_kubernetes_rules() {
        let lookup = |n: &str| (n == "A").then(|| "1".to_string());
        assert_eq!(expand("x$(A)y", lookup), "x1y");
        assert_eq!(expand("$(B)", lookup), "$(B)");
        assert_eq!(expand("$$(A)", lookup), "$(A)");
        assert_eq!(expand("cost $5 $(A", lookup), "cost $5 $(A");
    }

    #[test]
    fn resolve_reads_every_source_in_order() {
        let p = pod();
        let s = sources();
        let alloc = BTreeMap::from([("cpu".to_string(), "4".to_string())]);
        let c = container(json!({
            "name": "c",
            "envFrom": [{"configMapRef": {"name": "cfg"}, "prefix": "CFG_"}],
            "env": [
                {"name": "GREETING", "value": "hello $(POD)"},
                {"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
                {"name": "AGAIN", "value": "$(POD) in $(NS)"},
                {"name": "NS", "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}}},
                {"name": "APP", "valueFrom": {"fieldRef": {"fieldPath": "metadata.labels['app']"}}},
                {"name": "IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}},
                {"name": "PASS", "valueFrom": {"secretKeyRef": {"name": "creds", "key": "password"}}},
                {"name": "MODE", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "MODE"}}},
                {"name": "CPUS", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu"}}},
                {"name": "MEM_MI", "valueFrom": {"resourceFieldRef": {"resource": "requests.memory", "divisor": "1Mi"}}},
            ],
            "resources": {"requests": {"memory": "1536Ki"}},
        }));
        let env: BTreeMap<String, String> =
            resolve(&c, &inputs(&p, &s, &alloc)).expect("resolves").into_iter().collect();
        assert_eq!(env["CFG_MODE"], "fast");
        assert_eq!(env["GREETING"], "hello $(POD)", "only earlier variables expand");
        assert_eq!(env["AGAIN"], "web in $(NS)");
        assert_eq!(env["APP"], "web");
        assert_eq!(env["IP"], "10.244.0.5");
        assert_eq!(env["PASS"], "hunter2");
        assert_eq!(env["MODE"], "fast");
        assert_eq!(env["CPUS"], "4");
        assert_eq!(env["MEM_MI"], "2", "rounded up");
        assert_eq!(env["KUBERNETES_SERVICE_HOST"], "127.0.0.1");
    }

    #[test]
    fn resolve_missing_sources_use_kubelet_messages() {
        let p = pod();
        let s = sources();
        let alloc = BTreeMap::new();
        let cases = [
            (json!({"name": "c", "envFrom": [{"configMapRef": {"name": "nope"}}]}), "configmap \"nope\" not found"),
            (
                json!({"name": "c", "env": [{"name": "X", "valueFrom": {"secretKeyRef": {"name": "nope", "key": "k"}}}]}),
                "secret \"nope\" not found",
            ),
            (
                json!({"name": "c", "env": [{"name": "X", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "k"}}}]}),
                "couldn't find key k in ConfigMap shop/cfg",
            ),
        ];
        for (c, msg) in cases {
            let err = resolve(&container(c), &inputs(&p, &s, &alloc)).expect_err(msg);
            assert_eq!(err.to_string(), msg);
        }
        let optional = container(json!({"name": "c",
            "envFrom": [{"secretRef": {"name": "nope", "optional": true}}],
            "env": [{"name": "X", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "k", "optional": true}}}]}));
        let env = resolve(&optional, &inputs(&p, &s, &alloc)).expect("optional sources may be missing");
        assert!(!env.iter().any(|(k, _)| k == "X"));
    }

    #[test]
    fn references_lists_each_source_once() {
        let c = container(json!({"name": "c",
            "envFrom": [{"configMapRef": {"name": "a"}}, {"secretRef": {"name": "s"}}],
            "env": [{"name": "X", "valueFrom": {"configMapKeyRef": {"name": "a", "key": "k"}}}]}));
        assert_eq!(references(&c), vec![(Source::ConfigMap, "a".to_string()), (Source::Secret, "s".to_string())]);
    }
}
