//! The `scale` and `binding` subresources: views of a parent object that write through to it.

use serde_json::{Value, json};

use super::registry::{Part, Registry, WriteOptions, parse};
use super::status::{ApiError, Cause};
use crate::k8s::catalog::ResourceType;
use crate::k8s::meta;
use crate::k8s::selector::format_label_selector;

/// The `autoscaling/v1` Scale of a workload.
pub fn scale_of(_rt: &ResourceType, obj: &Value) -> Value {
    let m = obj.get("metadata").cloned().unwrap_or_else(|| json!({}));
    let mut metadata = json!({});
    for f in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
        if let Some(v) = m.get(f) {
            metadata[f] = v.clone();
        }
    }
    let selector = match meta::path(obj, "spec.selector") {
        // ReplicationControllers have a plain map selector.
        Some(Value::Object(o)) if !o.contains_key("matchLabels") && !o.contains_key("matchExpressions") => {
            format_label_selector(&json!({"matchLabels": o}))
        }
        Some(sel) => format_label_selector(sel),
        None => String::new(),
    };
    json!({
        "kind": "Scale",
        "apiVersion": "autoscaling/v1",
        "metadata": metadata,
        "spec": {"replicas": meta::path(obj, "spec.replicas").and_then(Value::as_i64).unwrap_or(0)},
        "status": {
            "replicas": meta::path(obj, "status.replicas").and_then(Value::as_i64).unwrap_or(0),
            "selector": selector,
        },
    })
}

/// Read-modify-write of a workload through its Scale: `f` maps the current Scale to the
/// desired one, whose `spec.replicas` is written to the parent.
pub async fn update_scale(
    reg: &Registry,
    rt: &ResourceType,
    ns: Option<&str>,
    name: &str,
    mut f: impl FnMut(&Value) -> Result<Value, ApiError>,
    opts: &WriteOptions,
) -> Result<Value, ApiError> {
    let w = reg
        .guaranteed_update(rt, ns, name, Part::Main, opts, false, |current| {
            let current = current.ok_or_else(|| ApiError::not_found(&rt.group_resource(), name))?;
            let scale = f(&scale_of(rt, current))?;
            let wanted_rv = meta::resource_version(&scale);
            if !wanted_rv.is_empty() && wanted_rv != meta::resource_version(current) {
                return Err(ApiError::conflict(&rt.group_resource(), name));
            }
            let replicas = meta::path(&scale, "spec.replicas").and_then(Value::as_i64).unwrap_or(0);
            if replicas < 0 {
                return Err(ApiError::Invalid {
                    kind: "Scale.autoscaling".into(),
                    name: name.to_string(),
                    causes: vec![Cause {
                        reason: "FieldValueInvalid".into(),
                        message: format!("Invalid value: {replicas}: must be greater than or equal to 0"),
                        field: "spec.replicas".into(),
                    }],
                });
            }
            let mut next = current.clone();
            next["spec"]["replicas"] = json!(replicas);
            Ok(next)
        })
        .await?;
    Ok(scale_of(rt, &parse(&w.object)?))
}

/// `pods/binding`: assign a pod to a node, once.
pub async fn bind(
    reg: &Registry,
    rt: &ResourceType,
    ns: Option<&str>,
    name: &str,
    binding: Value,
    opts: &WriteOptions,
) -> Result<(), ApiError> {
    let node = meta::path(&binding, "target.name").and_then(Value::as_str).unwrap_or("").to_string();
    if node.is_empty() {
        return Err(ApiError::Invalid {
            kind: "Binding".into(),
            name: name.to_string(),
            causes: vec![Cause {
                reason: "FieldValueRequired".into(),
                message: "Required value".into(),
                field: "target.name".into(),
            }],
        });
    }
    reg.guaranteed_update(rt, ns, name, Part::Internal, opts, false, |current| {
        let pod = current.ok_or_else(|| ApiError::not_found("pods", name))?;
        if meta::is_deleting(pod) {
            return Err(ApiError::Conflict {
                resource: "pods/binding".into(),
                name: name.to_string(),
                detail: format!("pod {name} is being deleted, cannot be assigned to a host"),
            });
        }
        if let Some(existing) = meta::path(pod, "spec.nodeName").and_then(Value::as_str).filter(|n| !n.is_empty()) {
            return Err(ApiError::Conflict {
                resource: "pods/binding".into(),
                name: name.to_string(),
                detail: format!("pod {name} is already assigned to node \"{existing}\""),
            });
        }
        let mut next = pod.clone();
        next["spec"]["nodeName"] = json!(node);
        set_condition(&mut next, "PodScheduled", "True", None, None);
        Ok(next)
    })
    .await?;
    Ok(())
}

/// Set a status condition (by `type`), touching `lastTransitionTime` only when the status
/// changes, as Kubernetes' condition helpers do.
pub fn set_condition(obj: &mut Value, ty: &str, status: &str, reason: Option<&str>, message: Option<&str>) {
    if !obj.get("status").is_some_and(Value::is_object) {
        obj["status"] = json!({});
    }
    let conds =
        obj["status"].as_object_mut().expect("made an object above").entry("conditions").or_insert_with(|| json!([]));
    if !conds.is_array() {
        *conds = json!([]);
    }
    let list = conds.as_array_mut().expect("made an array above");
    let now = meta::now_rfc3339();
    let mut c = json!({"type": ty, "status": status, "lastProbeTime": null, "lastTransitionTime": now});
    if let Some(r) = reason {
        c["reason"] = json!(r);
    }
    if let Some(m) = message {
        c["message"] = json!(m);
    }
    match list.iter_mut().find(|x| x["type"] == ty) {
        Some(existing) => {
            if existing["status"] == status {
                c["lastTransitionTime"] = existing["lastTransitionTime"].clone();
            }
            *existing = c;
        }
        None => list.push(c),
    }
}
