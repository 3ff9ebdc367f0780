//! `apps/v1` workloads (kubernetes `pkg/apis/apps/validation` and the registry strategies'
//! update rules): Deployment, ReplicaSet, StatefulSet, DaemonSet, ControllerRevision.

use super::meta::{selector_is_empty, selector_is_parsable, selector_must_match_template, validate_label_selector};
use super::names::is_valid_percent;
use super::pod::{strip_nulls, validate_pod_template};
use super::render::{int_or_string, label_selector};
use super::{FieldError, Path, nonnegative, str_of};
use serde_json::Value;

pub fn validate(kind: &str, obj: &Value) -> Vec<FieldError> {
    let spec = obj.get("spec").unwrap_or(&Value::Null);
    let path = Path::root("spec");
    match kind {
        "Deployment" => validate_deployment_spec(spec, &path),
        "ReplicaSet" => validate_replica_set_spec(spec, &path, "deployment"),
        "StatefulSet" => validate_stateful_set_spec(spec, &path),
        "DaemonSet" => validate_daemon_set_spec(spec, &path),
        "ControllerRevision" => {
            let mut errs = Vec::new();
            if obj.get("data").is_none_or(Value::is_null) {
                errs.push(FieldError::required("data", "data is mandatory"));
            }
            nonnegative(&mut errs, obj.get("revision"), &Path::root("revision"));
            errs
        }
        _ => Vec::new(),
    }
}

pub fn validate_update(kind: &str, new: &Value, old: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let (ns, os) = (new.get("spec").unwrap_or(&Value::Null), old.get("spec").unwrap_or(&Value::Null));
    match kind {
        "Deployment" | "ReplicaSet" | "DaemonSet" => selector_immutable(&mut errs, ns, os),
        "StatefulSet" => {
            // Everything but these may not change (`ValidateStatefulSetUpdate`).
            let mutable = [
                "replicas",
                "ordinals",
                "template",
                "updateStrategy",
                "persistentVolumeClaimRetentionPolicy",
                "minReadySeconds",
            ];
            let strip = |s: &Value| {
                let mut s = strip_nulls(s);
                if let Some(m) = s.as_object_mut() {
                    for k in mutable {
                        m.remove(k);
                    }
                }
                s
            };
            if strip(ns) != strip(os) {
                errs.push(FieldError::forbidden(
                    "spec",
                    "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
                ));
            }
        }
        "ControllerRevision" => {
            super::immutable_field(&mut errs, new.get("data"), old.get("data"), &Path::root("data"))
        }
        _ => {}
    }
    errs
}

/// The registry strategies for apps/v1 forbid changing `spec.selector`.
fn selector_immutable(errs: &mut Vec<FieldError>, ns: &Value, os: &Value) {
    let (n, o) = (ns.get("selector").map(strip_nulls), os.get("selector").map(strip_nulls));
    if n != o {
        errs.push(FieldError::invalid_raw("spec.selector", label_selector(n.as_ref()), super::FIELD_IMMUTABLE));
    }
}

/// Selector presence, syntax and non-emptiness, then the template check; shared by the
/// replica-based workloads. `what` names the kind in "empty selector is invalid for …".
fn validate_selector_and_template(errs: &mut Vec<FieldError>, spec: &Value, path: &Path, what: &str, require: bool) {
    let sel_path = path.child("selector");
    match spec.get("selector").filter(|v| !v.is_null()) {
        None => {
            if require {
                errs.push(FieldError::required(&sel_path, ""));
            }
            // A missing selector selects nothing, so kube also reports the template mismatch.
            let labels = spec.get("template").and_then(|t| t.get("metadata")).and_then(|m| m.get("labels"));
            errs.push(FieldError::invalid_raw(
                path.child("template").child("metadata").child("labels"),
                super::render::go_string_map(labels),
                "`selector` does not match template `labels`",
            ));
        }
        Some(sel) => {
            errs.extend(validate_label_selector(Some(sel), &sel_path));
            if selector_is_empty(sel) {
                errs.push(FieldError::invalid_raw(
                    &sel_path,
                    label_selector(Some(sel)),
                    format!("empty selector is invalid for {what}"),
                ));
            }
            if selector_is_parsable(sel) {
                let template = spec.get("template").unwrap_or(&Value::Null);
                selector_must_match_template(errs, sel, template, &path.child("template"));
            }
        }
    }
}

/// Pod templates of controllers that keep pods running: restartPolicy Always, no deadline.
fn validate_always_running_template(errs: &mut Vec<FieldError>, spec: &Value, path: &Path, kind: &str) {
    let tspec = spec.get("template").and_then(|t| t.get("spec")).unwrap_or(&Value::Null);
    let tpath = path.child("template").child("spec");
    let policy = str_of(tspec, "restartPolicy").unwrap_or_default();
    if !policy.is_empty() && policy != "Always" {
        errs.push(FieldError::not_supported(tpath.child("restartPolicy"), policy, &["Always"]));
    }
    if tspec.get("activeDeadlineSeconds").is_some_and(|v| !v.is_null()) {
        errs.push(FieldError::forbidden(
            tpath.child("activeDeadlineSeconds"),
            format!("activeDeadlineSeconds in {kind} is not Supported"),
        ));
    }
}

fn validate_replica_set_spec(spec: &Value, path: &Path, what: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    nonnegative(&mut errs, spec.get("replicas"), &path.child("replicas"));
    nonnegative(&mut errs, spec.get("minReadySeconds"), &path.child("minReadySeconds"));
    validate_selector_and_template(&mut errs, spec, path, what, true);
    let template = spec.get("template").unwrap_or(&Value::Null);
    errs.extend(validate_pod_template(template, &path.child("template")));
    validate_always_running_template(&mut errs, spec, path, "ReplicaSet");
    errs
}

fn validate_deployment_spec(spec: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = validate_replica_set_spec(spec, path, "deployment");
    let strategy = spec.get("strategy").unwrap_or(&Value::Null);
    let spath = path.child("strategy");
    match str_of(strategy, "type").unwrap_or_default() {
        "Recreate" => {
            if strategy.get("rollingUpdate").is_some_and(|v| !v.is_null()) {
                errs.push(FieldError::forbidden(
                    spath.child("rollingUpdate"),
                    "may not be specified when strategy `type` is 'Recreate'",
                ));
            }
        }
        "RollingUpdate" => match strategy.get("rollingUpdate").filter(|v| !v.is_null()) {
            None => errs
                .push(FieldError::required(spath.child("rollingUpdate"), "this should be defaulted and never be nil")),
            Some(ru) => {
                let rpath = spath.child("rollingUpdate");
                let unavailable = ru.get("maxUnavailable").cloned().unwrap_or(Value::from(0));
                let surge = ru.get("maxSurge").cloned().unwrap_or(Value::from(0));
                validate_int_or_percent(&mut errs, &unavailable, &rpath.child("maxUnavailable"));
                validate_int_or_percent(&mut errs, &surge, &rpath.child("maxSurge"));
                if int_or_percent_value(&unavailable) == 0 && int_or_percent_value(&surge) == 0 {
                    errs.push(FieldError::invalid_raw(
                        rpath.child("maxUnavailable"),
                        int_or_string(&unavailable),
                        "may not be 0 when `maxSurge` is 0",
                    ));
                }
                not_more_than_100_percent(&mut errs, &unavailable, &rpath.child("maxUnavailable"));
            }
        },
        other => errs.push(FieldError::not_supported(
            &spath,
            super::raw(format!("apps.DeploymentStrategy{{Type:{:?}}}", other)),
            &["Recreate", "RollingUpdate"],
        )),
    }
    nonnegative(&mut errs, spec.get("revisionHistoryLimit"), &path.child("revisionHistoryLimit"));
    if let Some(pds) = spec.get("progressDeadlineSeconds").and_then(Value::as_i64) {
        nonnegative(&mut errs, spec.get("progressDeadlineSeconds"), &path.child("progressDeadlineSeconds"));
        let min_ready = spec.get("minReadySeconds").and_then(Value::as_i64).unwrap_or(0);
        if pds <= min_ready {
            errs.push(FieldError::invalid(
                path.child("progressDeadlineSeconds"),
                pds,
                "must be greater than minReadySeconds",
            ));
        }
    }
    errs
}

fn validate_stateful_set_spec(spec: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match str_of(spec, "podManagementPolicy").unwrap_or_default() {
        "OrderedReady" | "Parallel" => {}
        "" => errs.push(FieldError::required(path.child("podManagementPolicy"), "")),
        other => errs.push(FieldError::invalid(
            path.child("podManagementPolicy"),
            other,
            "must be 'OrderedReady' or 'Parallel'",
        )),
    }
    let strategy = spec.get("updateStrategy").unwrap_or(&Value::Null);
    let upath = path.child("updateStrategy");
    match str_of(strategy, "type").unwrap_or_default() {
        "" => errs.push(FieldError::required(&upath, "")),
        "OnDelete" => {
            if let Some(ru) = strategy.get("rollingUpdate").filter(|v| !v.is_null()) {
                errs.push(FieldError::invalid_raw(
                    upath.child("rollingUpdate"),
                    ru.to_string(),
                    "only allowed for updateStrategy 'RollingUpdate'",
                ));
            }
        }
        "RollingUpdate" => {
            if let Some(ru) = strategy.get("rollingUpdate").filter(|v| !v.is_null()) {
                let rpath = upath.child("rollingUpdate");
                nonnegative(&mut errs, ru.get("partition"), &rpath.child("partition"));
                if let Some(mu) = ru.get("maxUnavailable").filter(|v| !v.is_null()) {
                    let mpath = rpath.child("maxUnavailable");
                    validate_int_or_percent(&mut errs, mu, &mpath);
                    if int_or_percent_value(mu) == 0 {
                        errs.push(FieldError::invalid_raw(&mpath, int_or_string(mu), "cannot be 0"));
                    }
                    not_more_than_100_percent(&mut errs, mu, &mpath);
                }
            }
        }
        other => errs.push(FieldError::invalid_raw(
            &upath,
            format!("apps.StatefulSetUpdateStrategy{{Type:{other:?}}}"),
            "must be 'RollingUpdate' or 'OnDelete'",
        )),
    }
    if let Some(policy) = spec.get("persistentVolumeClaimRetentionPolicy").filter(|v| !v.is_null()) {
        let ppath = path.child("persistentVolumeClaimRetentionPolicy");
        for key in ["whenDeleted", "whenScaled"] {
            let v = str_of(policy, key).unwrap_or_default();
            if v != "Retain" && v != "Delete" {
                errs.push(FieldError::not_supported(ppath.child(key), v, &["Retain", "Delete"]));
            }
        }
    }
    nonnegative(&mut errs, spec.get("replicas"), &path.child("replicas"));
    nonnegative(&mut errs, spec.get("minReadySeconds"), &path.child("minReadySeconds"));
    if let Some(ord) = spec.get("ordinals") {
        nonnegative(&mut errs, ord.get("start"), &path.child("ordinals.start"));
    }
    validate_selector_and_template(&mut errs, spec, path, "statefulset", true);
    // kube checks only the template's metadata for StatefulSets: volume mounts may name
    // volumeClaimTemplates, which a plain pod spec check would reject.
    let tmeta = spec.get("template").and_then(|t| t.get("metadata")).unwrap_or(&Value::Null);
    let tpath = path.child("template");
    errs.extend(super::meta::validate_labels(tmeta.get("labels"), &tpath.child("labels")));
    errs.extend(super::meta::validate_annotations(tmeta.get("annotations"), &tpath.child("annotations")));
    validate_always_running_template(&mut errs, spec, path, "StatefulSet");
    errs
}

fn validate_daemon_set_spec(spec: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    validate_selector_and_template(&mut errs, spec, path, "daemonset", false);
    let template = spec.get("template").unwrap_or(&Value::Null);
    errs.extend(validate_pod_template(template, &path.child("template")));
    validate_always_running_template(&mut errs, spec, path, "DaemonSet");
    nonnegative(&mut errs, spec.get("minReadySeconds"), &path.child("minReadySeconds"));
    nonnegative(&mut errs, spec.get("templateGeneration"), &path.child("templateGeneration"));
    let strategy = spec.get("updateStrategy").unwrap_or(&Value::Null);
    let upath = path.child("updateStrategy");
    match str_of(strategy, "type").unwrap_or_default() {
        "OnDelete" => {}
        "RollingUpdate" => match strategy.get("rollingUpdate").filter(|v| !v.is_null()) {
            None => errs.push(FieldError::required(upath.child("rollingUpdate"), "")),
            Some(ru) => {
                let rpath = upath.child("rollingUpdate");
                let unavailable = ru.get("maxUnavailable").cloned().unwrap_or(Value::from(0));
                let surge = ru.get("maxSurge").cloned().unwrap_or(Value::from(0));
                validate_int_or_percent(&mut errs, &unavailable, &rpath.child("maxUnavailable"));
                validate_int_or_percent(&mut errs, &surge, &rpath.child("maxSurge"));
                not_more_than_100_percent(&mut errs, &unavailable, &rpath.child("maxUnavailable"));
                not_more_than_100_percent(&mut errs, &surge, &rpath.child("maxSurge"));
                let (has_u, has_s) = (int_or_percent_value(&unavailable) != 0, int_or_percent_value(&surge) != 0);
                if has_u && has_s {
                    errs.push(FieldError::invalid_raw(
                        rpath.child("maxSurge"),
                        int_or_string(&surge),
                        "may not be set when maxUnavailable is non-zero",
                    ));
                } else if !has_u && !has_s {
                    errs.push(FieldError::required(rpath.child("maxUnavailable"), "cannot be 0 when maxSurge is 0"));
                }
            }
        },
        other => errs.push(FieldError::not_supported(
            &upath,
            super::raw(format!("apps.DaemonSetUpdateStrategy{{Type:{other:?}}}")),
            &["RollingUpdate", "OnDelete"],
        )),
    }
    nonnegative(&mut errs, spec.get("revisionHistoryLimit"), &path.child("revisionHistoryLimit"));
    errs
}

/// `ValidatePositiveIntOrPercent`.
fn validate_int_or_percent(errs: &mut Vec<FieldError>, v: &Value, path: &Path) {
    match v {
        Value::String(s) => {
            for m in is_valid_percent(s) {
                errs.push(FieldError::invalid_raw(path, s.clone(), m));
            }
        }
        other => nonnegative(errs, Some(other), path),
    }
}

fn int_or_percent_value(v: &Value) -> i64 {
    match v {
        Value::String(s) => s.strip_suffix('%').and_then(|d| d.parse().ok()).unwrap_or(0),
        other => other.as_i64().unwrap_or(0),
    }
}

fn not_more_than_100_percent(errs: &mut Vec<FieldError>, v: &Value, path: &Path) {
    if let Value::String(s) = v
        && is_valid_percent(s).is_empty()
        && int_or_percent_value(v) > 100
    {
        errs.push(FieldError::invalid_raw(path, s.clone(), "must not be greater than 100%"));
    }
}
