//! Typed decoding of built-in kinds through k8s-openapi: the apiserver's equivalent of
//! kube-apiserver decoding a request into its Go struct. Decoding checks every field's type,
//! and comparing the input with the re-encoded object finds the fields the type does not have
//! (what `fieldValidation=Strict` rejects and `Warn` reports). The re-encoded object is what
//! gets stored, so unknown fields are dropped as Kubernetes drops them.

use serde_json::Value;

/// A decoded and re-encoded built-in object.
#[derive(Debug)]
pub struct Normalized {
    pub value: Value,
    /// Dotted paths (`spec.modeAffinity`, `spec.containers[0].foo`) of input fields the type
    /// does not know.
    pub unknown_fields: Vec<String>,
}

macro_rules! kinds {
    ($(($group:literal, $kind:literal) => $ty:ty,)*) => {
        fn round_trip(group: &str, kind: &str, obj: Value) -> Option<Result<Value, String>> {
            match (group, kind) {
                $(($group, $kind) => Some(
                    serde_json::from_value::<$ty>(obj)
                        .map_err(|e| e.to_string())
                        .and_then(|t| serde_json::to_value(t).map_err(|e| e.to_string())),
                ),)*
                _ => None,
            }
        }

        /// Whether kx knows `group`/`kind` as a built-in type.
        pub fn is_builtin(group: &str, kind: &str) -> bool {
            matches!((group, kind), $(($group, $kind))|*)
        }
    };
}

use k8s_openapi::api::{
    apps::v1 as apps, autoscaling::v1 as autoscaling, batch::v1 as batch, coordination::v1 as coordination,
    core::v1 as core, discovery::v1 as discovery, events::v1 as events, networking::v1 as networking,
    policy::v1 as policy, rbac::v1 as rbac, scheduling::v1 as scheduling, storage::v1 as storage,
};
use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1 as apiextensions;

kinds! {
    ("", "Binding") => core::Binding,
    ("", "ConfigMap") => core::ConfigMap,
    ("", "Endpoints") => core::Endpoints,
    ("", "Event") => core::Event,
    ("", "LimitRange") => core::LimitRange,
    ("", "Namespace") => core::Namespace,
    ("", "Node") => core::Node,
    ("", "PersistentVolumeClaim") => core::PersistentVolumeClaim,
    ("", "PersistentVolume") => core::PersistentVolume,
    ("", "Pod") => core::Pod,
    ("", "PodTemplate") => core::PodTemplate,
    ("", "ReplicationController") => core::ReplicationController,
    ("", "ResourceQuota") => core::ResourceQuota,
    ("", "Secret") => core::Secret,
    ("", "ServiceAccount") => core::ServiceAccount,
    ("", "Service") => core::Service,
    ("apps", "ControllerRevision") => apps::ControllerRevision,
    ("apps", "DaemonSet") => apps::DaemonSet,
    ("apps", "Deployment") => apps::Deployment,
    ("apps", "ReplicaSet") => apps::ReplicaSet,
    ("apps", "StatefulSet") => apps::StatefulSet,
    ("batch", "CronJob") => batch::CronJob,
    ("batch", "Job") => batch::Job,
    ("networking.k8s.io", "IngressClass") => networking::IngressClass,
    ("networking.k8s.io", "Ingress") => networking::Ingress,
    ("networking.k8s.io", "NetworkPolicy") => networking::NetworkPolicy,
    ("policy", "PodDisruptionBudget") => policy::PodDisruptionBudget,
    ("policy", "Eviction") => policy::Eviction,
    ("discovery.k8s.io", "EndpointSlice") => discovery::EndpointSlice,
    ("coordination.k8s.io", "Lease") => coordination::Lease,
    ("events.k8s.io", "Event") => events::Event,
    ("storage.k8s.io", "StorageClass") => storage::StorageClass,
    ("scheduling.k8s.io", "PriorityClass") => scheduling::PriorityClass,
    ("rbac.authorization.k8s.io", "ClusterRoleBinding") => rbac::ClusterRoleBinding,
    ("rbac.authorization.k8s.io", "ClusterRole") => rbac::ClusterRole,
    ("rbac.authorization.k8s.io", "RoleBinding") => rbac::RoleBinding,
    ("rbac.authorization.k8s.io", "Role") => rbac::Role,
    ("apiextensions.k8s.io", "CustomResourceDefinition") => apiextensions::CustomResourceDefinition,
    ("autoscaling", "Scale") => autoscaling::Scale,
}

/// Decode `obj` as the built-in `group`/`kind` (its `apiVersion` and `kind` must be set) and
/// re-encode it. `None` for kinds that are not built in; `Some(Err(why))` when a field has the
/// wrong type.
pub fn normalize(group: &str, kind: &str, obj: &Value) -> Option<Result<Normalized, String>> {
    let value = match round_trip(group, kind, obj.clone())? {
        Ok(v) => v,
        Err(e) => return Some(Err(e)),
    };
    let mut value = value;
    strip_nested_type_meta(obj, &mut value, true);
    let mut unknown_fields = Vec::new();
    find_unknown(obj, &value, &mut String::new(), &mut unknown_fields);
    Some(Ok(Normalized { value, unknown_fields }))
}

/// k8s-openapi writes `apiVersion`/`kind` on every resource type, also when one is nested
/// (a StatefulSet's `volumeClaimTemplates` are PersistentVolumeClaims). Kubernetes leaves
/// nested type fields as the client sent them, and so must we, or every re-apply would see
/// a difference.
fn strip_nested_type_meta(input: &Value, decoded: &mut Value, root: bool) {
    match (input, decoded) {
        (Value::Object(i), Value::Object(d)) => {
            if !root {
                for f in ["apiVersion", "kind"] {
                    if !i.contains_key(f) {
                        d.remove(f);
                    }
                }
            }
            for (k, dv) in d.iter_mut() {
                if let Some(iv) = i.get(k) {
                    strip_nested_type_meta(iv, dv, false);
                }
            }
        }
        (Value::Array(i), Value::Array(d)) => {
            for (iv, dv) in i.iter().zip(d.iter_mut()) {
                strip_nested_type_meta(iv, dv, false);
            }
        }
        _ => {}
    }
}

/// Collect paths present (and not null) in `input` but absent from `decoded`.
fn find_unknown(input: &Value, decoded: &Value, path: &mut String, out: &mut Vec<String>) {
    match (input, decoded) {
        (Value::Object(i), Value::Object(d)) => {
            for (k, v) in i {
                if v.is_null() {
                    continue;
                }
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                match d.get(k) {
                    Some(dv) => find_unknown(v, dv, path, out),
                    None => out.push(path.clone()),
                }
                path.truncate(len);
            }
        }
        (Value::Array(i), Value::Array(d)) => {
            for (n, (iv, dv)) in i.iter().zip(d).enumerate() {
                let len = path.len();
                path.push_str(&format!("[{n}]"));
                find_unknown(iv, dv, path, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn normalize_unknown_nested_field_is_reported_with_its_path() {
        let pv = json!({
            "apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "typo-pv", "creationTimestamp": null},
            "spec": {"capacity": {"storage": "100Gi"}, "accessModes": ["ReadWriteOnce"], "local": {"path": "/mnt"},
                     "modeAffinity": {"required": {"nodeSelectorTerms": []}}}
        });
        let n = normalize("", "PersistentVolume", &pv).expect("built in").expect("decodes");
        assert_eq!(n.unknown_fields, vec!["spec.modeAffinity"]);
        assert!(n.value["spec"].get("modeAffinity").is_none(), "unknown fields are dropped");
        assert_eq!(n.value["spec"]["capacity"]["storage"], "100Gi");
    }

    #[test]
    fn normalize_list_item_paths_use_indexes() {
        let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
            "spec": {"containers": [{"name": "a", "image": "x"}, {"name": "b", "image": "y", "imagePolicy": "x"}]}});
        let n = normalize("", "Pod", &pod).expect("built in").expect("decodes");
        assert_eq!(n.unknown_fields, vec!["spec.containers[1].imagePolicy"]);
    }

    #[test]
    fn normalize_wrong_field_type_is_an_error() {
        let d = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}, "spec": {"replicas": "three"}});
        assert!(normalize("apps", "Deployment", &d).expect("built in").is_err());
    }

    #[test]
    fn normalize_maps_keep_arbitrary_keys() {
        let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "labels": {"any/key": "v"}}, "data": {"weird.key": "v"}});
        let n = normalize("", "ConfigMap", &cm).expect("built in").expect("decodes");
        assert!(n.unknown_fields.is_empty(), "{:?}", n.unknown_fields);
        assert_eq!(n.value["data"]["weird.key"], "v");
    }

    #[test]
    fn normalize_nested_resources_gain_no_type_fields() {
        let sts = json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "s"},
            "spec": {"selector": {}, "template": {}, "volumeClaimTemplates": [{"metadata": {"name": "data"}}]}});
        let n = normalize("apps", "StatefulSet", &sts).expect("built in").expect("decodes");
        assert_eq!(n.value["spec"]["volumeClaimTemplates"][0], json!({"metadata": {"name": "data"}}));
        assert_eq!(n.value["kind"], "StatefulSet");
    }

    #[test]
    fn normalize_unknown_kind_is_none() {
        assert!(normalize("example.com", "Widget", &json!({})).is_none());
        assert!(is_builtin("apps", "Deployment"));
    }
}
