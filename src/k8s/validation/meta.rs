//! Object metadata checks (apimachinery `api/validation/objectmeta.go` and
//! `apis/meta/v1/validation`): names, labels, annotations, owner references, finalizers,
//! label selectors, and what may not change on update.

use super::names::{self, is_qualified_name, is_valid_label_value};
use super::{FieldError, NameRule, Path, arr_of, each_invalid, immutable_field, nonnegative, obj_of, str_of};
use serde_json::Value;

/// Total bytes of annotation keys and values (`TotalAnnotationSizeLimitB`).
pub const TOTAL_ANNOTATION_SIZE_LIMIT: usize = 256 * 1024;

const STANDARD_FINALIZERS: [&str; 3] = ["kubernetes", "orphan", "foregroundDeletion"];

/// Name messages for one rule; `prefix` is for `generateName`.
pub fn name_messages(rule: NameRule, name: &str, prefix: bool) -> Vec<String> {
    let name = if prefix && rule != NameRule::PathSegment { names::mask_trailing_dash(name) } else { name.to_string() };
    match rule {
        NameRule::Dns1123Subdomain => names::is_dns1123_subdomain(&name),
        NameRule::Dns1123Label => names::is_dns1123_label(&name),
        NameRule::Dns1035Label => names::is_dns1035_label(&name),
        NameRule::PathSegment => names::is_valid_path_segment_name(&name, prefix),
    }
}

/// `ValidateObjectMeta`; `rule` `None` skips the name syntax (used on update). `builtin`
/// adds core's rule that unqualified finalizers must be standard ones, which custom
/// resources are spared.
pub fn validate_object_meta(obj: &Value, rule: Option<NameRule>, builtin: bool, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let meta = obj.get("metadata").unwrap_or(&Value::Null);
    if let Some(rule) = rule {
        if let Some(gen_name) = str_of(meta, "generateName").filter(|s| !s.is_empty()) {
            each_invalid(&mut errs, &path.child("generateName"), gen_name, name_messages(rule, gen_name, true));
        }
        match str_of(meta, "name").filter(|s| !s.is_empty()) {
            None => errs.push(FieldError::required(path.child("name"), "name or generateName is required")),
            Some(name) => each_invalid(&mut errs, &path.child("name"), name, name_messages(rule, name, false)),
        }
    }
    nonnegative(&mut errs, meta.get("generation"), &path.child("generation"));
    errs.extend(validate_labels(meta.get("labels"), &path.child("labels")));
    errs.extend(validate_annotations(meta.get("annotations"), &path.child("annotations")));
    errs.extend(validate_owner_references(arr_of(meta, "ownerReferences"), &path.child("ownerReferences")));
    let fin_path = path.child("finalizers");
    for f in arr_of(meta, "finalizers").iter().filter_map(Value::as_str) {
        each_invalid(&mut errs, &fin_path, f, is_qualified_name(f));
        if builtin && !f.contains('/') && !STANDARD_FINALIZERS.contains(&f) {
            errs.push(FieldError::invalid(
                &fin_path,
                f,
                "name is neither a standard finalizer name nor is it fully qualified",
            ));
        }
    }
    errs
}

/// `ValidateObjectMetaUpdate`: identity fields may not change. The server copies `uid` and
/// `creationTimestamp` from the stored object when a client leaves them out, so only a
/// differing, present value is an error.
pub fn validate_object_meta_update(new: &Value, old: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let nm = new.get("metadata").unwrap_or(&Value::Null);
    let om = old.get("metadata").unwrap_or(&Value::Null);
    for key in ["name", "namespace"] {
        immutable_field(&mut errs, nm.get(key), om.get(key), &path.child(key));
    }
    if str_of(nm, "uid").is_some_and(|u| !u.is_empty()) {
        immutable_field(&mut errs, nm.get("uid"), om.get("uid"), &path.child("uid"));
    }
    errs
}

/// `ValidateLabels`: keys are qualified names, values label values.
pub fn validate_labels(labels: Option<&Value>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(map) = labels.and_then(Value::as_object) else { return errs };
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    for k in keys {
        each_invalid(&mut errs, path, k, is_qualified_name(k));
        let v = map[k].as_str().unwrap_or_default();
        each_invalid(&mut errs, path, v, is_valid_label_value(v));
    }
    errs
}

/// `ValidateAnnotations`: case-insensitive qualified-name keys, 256 KiB in total.
pub fn validate_annotations(annotations: Option<&Value>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(map) = annotations.and_then(Value::as_object) else { return errs };
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    let mut total = 0usize;
    for k in keys {
        each_invalid(&mut errs, path, k, is_qualified_name(&k.to_lowercase()));
        total += k.len() + map[k].as_str().map_or(0, str::len);
    }
    if total > TOTAL_ANNOTATION_SIZE_LIMIT {
        errs.push(FieldError::too_long(path, TOTAL_ANNOTATION_SIZE_LIMIT));
    }
    errs
}

fn validate_owner_references(refs: &[Value], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut controllers = Vec::new();
    for r in refs {
        let api_version = str_of(r, "apiVersion").unwrap_or_default();
        let version = api_version.rsplit('/').next().unwrap_or_default();
        if version.is_empty() || api_version.split('/').count() > 2 {
            errs.push(FieldError::invalid(path.child("apiVersion"), api_version, "version must not be empty"));
        }
        for (key, what) in [("kind", "kind"), ("name", "name"), ("uid", "uid")] {
            let v = str_of(r, key).unwrap_or_default();
            if v.is_empty() {
                errs.push(FieldError::invalid(path.child(key), v, format!("{what} must not be empty")));
            }
        }
        if r.get("controller").and_then(Value::as_bool) == Some(true) {
            controllers.push(format!(
                "{}/{}, uid: {}",
                str_of(r, "kind").unwrap_or_default(),
                str_of(r, "name").unwrap_or_default(),
                str_of(r, "uid").unwrap_or_default()
            ));
        }
    }
    if controllers.len() > 1 {
        errs.push(FieldError::invalid_raw(
            path,
            Value::Array(refs.to_vec()).to_string(),
            format!(
                "Only one reference can have Controller set to true. Found \"true\" in references for {} and {}",
                controllers[0], controllers[1]
            ),
        ));
    }
    errs
}

/// `ValidateLabelSelector` with label values checked strictly.
pub fn validate_label_selector(sel: Option<&Value>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(sel) = sel.filter(|v| !v.is_null()) else { return errs };
    let exprs_path = path.child("matchExpressions");
    for (i, e) in arr_of(sel, "matchExpressions").iter().enumerate() {
        let p = exprs_path.index(i);
        let values = arr_of(e, "values");
        match str_of(e, "operator").unwrap_or_default() {
            "In" | "NotIn" => {
                if values.is_empty() {
                    errs.push(FieldError::required(
                        p.child("values"),
                        "must be specified when `operator` is 'In' or 'NotIn'",
                    ));
                }
            }
            "Exists" | "DoesNotExist" => {
                if !values.is_empty() {
                    errs.push(FieldError::forbidden(
                        p.child("values"),
                        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                    ));
                }
            }
            op => errs.push(FieldError::invalid(p.child("operator"), op, "not a valid selector operator")),
        }
        let key = str_of(e, "key").unwrap_or_default();
        each_invalid(&mut errs, &p.child("key"), key, is_qualified_name(key));
        for (j, v) in values.iter().enumerate() {
            let v = v.as_str().unwrap_or_default();
            each_invalid(&mut errs, &p.child("values").index(j), v, is_valid_label_value(v));
        }
    }
    errs.extend(validate_labels(sel.get("matchLabels"), &path.child("matchLabels")));
    errs
}

/// Whether a selector has no requirements (matches everything).
pub fn selector_is_empty(sel: &Value) -> bool {
    obj_of(sel, "matchLabels").is_none_or(|m| m.is_empty()) && arr_of(sel, "matchExpressions").is_empty()
}

/// Whether the selector is well-formed enough to evaluate (`LabelSelectorAsSelector`).
pub fn selector_is_parsable(sel: &Value) -> bool {
    arr_of(sel, "matchExpressions").iter().all(|e| {
        let n = arr_of(e, "values").len();
        match str_of(e, "operator") {
            Some("In" | "NotIn") => n > 0,
            Some("Exists" | "DoesNotExist") => n == 0,
            _ => false,
        }
    })
}

/// `selector.Matches(labels)` for a well-formed `metav1.LabelSelector`.
pub fn selector_matches(sel: &Value, labels: Option<&Value>) -> bool {
    let get = |k: &str| labels.and_then(|l| l.get(k)).and_then(Value::as_str);
    let labels_ok = obj_of(sel, "matchLabels")
        .is_none_or(|m| m.iter().all(|(k, v)| get(k).is_some_and(|have| Some(have) == v.as_str())));
    labels_ok
        && arr_of(sel, "matchExpressions").iter().all(|e| {
            let key = str_of(e, "key").unwrap_or_default();
            let values: Vec<&str> = arr_of(e, "values").iter().filter_map(Value::as_str).collect();
            match str_of(e, "operator") {
                Some("In") => get(key).is_some_and(|v| values.contains(&v)),
                Some("NotIn") => get(key).is_none_or(|v| !values.contains(&v)),
                Some("Exists") => get(key).is_some(),
                Some("DoesNotExist") => get(key).is_none(),
                _ => false,
            }
        })
}

/// The workload check that the pod template carries the labels its selector selects.
pub fn selector_must_match_template(errs: &mut Vec<FieldError>, sel: &Value, template: &Value, path: &Path) {
    let labels = template.get("metadata").and_then(|m| m.get("labels"));
    if !selector_is_empty(sel) && selector_is_parsable(sel) && !selector_matches(sel, labels) {
        errs.push(FieldError::invalid_raw(
            path.child("metadata").child("labels"),
            super::render::go_string_map(labels),
            "`selector` does not match template `labels`",
        ));
    }
}
