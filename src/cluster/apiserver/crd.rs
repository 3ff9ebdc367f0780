//! CustomResourceDefinitions: turning a CRD into served resource types (discovery, routing,
//! printer columns, status and scale subresources), the checks and status kube's
//! apiextensions-apiserver gives a CRD, and removing a CRD's objects with it.

use serde_json::{Value, json};

use super::status::Cause;
use crate::k8s::catalog::{ResourceType, Subresource};
use crate::k8s::meta;

const ALL_VERBS: &[&str] = &["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"];

fn strs(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

/// The resource types a CRD serves: one per served version.
pub fn resource_types(crd: &Value) -> Vec<ResourceType> {
    let Some(spec) = crd.get("spec") else { return vec![] };
    let group = spec.get("group").and_then(Value::as_str).unwrap_or_default();
    let names = spec.get("names").cloned().unwrap_or_default();
    let kind = names.get("kind").and_then(Value::as_str).unwrap_or_default();
    let plural = names.get("plural").and_then(Value::as_str).unwrap_or_default();
    if group.is_empty() || kind.is_empty() || plural.is_empty() || meta::is_deleting(crd) {
        return vec![];
    }
    let singular = names
        .get("singular")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map_or_else(|| kind.to_lowercase(), str::to_string);
    let namespaced = spec.get("scope").and_then(Value::as_str) != Some("Cluster");
    spec.get("versions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|v| v.get("served").and_then(Value::as_bool).unwrap_or(false))
        .filter_map(|v| {
            let version = v.get("name")?.as_str()?.to_string();
            let mut subresources = Vec::new();
            if v.get("subresources").and_then(|s| s.get("status")).is_some() {
                subresources.push(Subresource {
                    name: "status".into(),
                    group: group.into(),
                    version: version.clone(),
                    kind: kind.into(),
                    verbs: vec!["get".into(), "patch".into(), "update".into()],
                });
            }
            if v.get("subresources").and_then(|s| s.get("scale")).is_some() {
                subresources.push(Subresource {
                    name: "scale".into(),
                    group: "autoscaling".into(),
                    version: "v1".into(),
                    kind: "Scale".into(),
                    verbs: vec!["get".into(), "patch".into(), "update".into()],
                });
            }
            Some(ResourceType {
                group: group.into(),
                version,
                kind: kind.into(),
                plural: plural.into(),
                singular: singular.clone(),
                short_names: strs(names.get("shortNames")),
                categories: strs(names.get("categories")),
                namespaced,
                verbs: ALL_VERBS.iter().map(|s| s.to_string()).collect(),
                subresources,
                printer_columns: v
                    .get("additionalPrinterColumns")
                    .filter(|c| c.as_array().is_some_and(|a| !a.is_empty()))
                    .cloned(),
            })
        })
        .collect()
}

fn cause(reason: &str, field: &str, message: String) -> Cause {
    Cause { reason: reason.into(), message, field: field.into() }
}

/// The checks kube applies to a CRD's identity (schemas are stored, not enforced).
pub fn validate(crd: &Value) -> Vec<Cause> {
    let mut errs = Vec::new();
    let spec = crd.get("spec").cloned().unwrap_or_default();
    let group = spec.get("group").and_then(Value::as_str).unwrap_or_default();
    let plural = meta::path(&spec, "names.plural").and_then(Value::as_str).unwrap_or_default();
    let kind = meta::path(&spec, "names.kind").and_then(Value::as_str).unwrap_or_default();
    if group.is_empty() {
        errs.push(cause("FieldValueRequired", "spec.group", "Required value".into()));
    } else if !group.contains('.') {
        errs.push(cause(
            "FieldValueInvalid",
            "spec.group",
            format!("Invalid value: {group:?}: should be a domain with at least one dot"),
        ));
    }
    if plural.is_empty() {
        errs.push(cause("FieldValueRequired", "spec.names.plural", "Required value".into()));
    }
    if kind.is_empty() {
        errs.push(cause("FieldValueRequired", "spec.names.kind", "Required value".into()));
    }
    let name = meta::name(crd);
    if !plural.is_empty() && !group.is_empty() && name != format!("{plural}.{group}") {
        errs.push(cause(
            "FieldValueInvalid",
            "metadata.name",
            format!("Invalid value: {name:?}: must be spec.names.plural+\".\"+spec.group"),
        ));
    }
    match spec.get("scope").and_then(Value::as_str) {
        Some("Namespaced" | "Cluster") => {}
        Some(other) => errs.push(cause(
            "FieldValueNotSupported",
            "spec.scope",
            format!("Unsupported value: {other:?}: supported values: \"Cluster\", \"Namespaced\""),
        )),
        None => errs.push(cause("FieldValueRequired", "spec.scope", "Required value".into())),
    }
    let versions = spec.get("versions").and_then(Value::as_array).cloned().unwrap_or_default();
    if versions.is_empty() {
        errs.push(cause(
            "FieldValueInvalid",
            "spec.versions",
            "Invalid value: null: must have exactly one version marked as storage version".into(),
        ));
    } else {
        let storage = versions.iter().filter(|v| v.get("storage").and_then(Value::as_bool) == Some(true)).count();
        if storage != 1 {
            errs.push(cause(
                "FieldValueInvalid",
                "spec.versions",
                format!(
                    "Invalid value: {}: must have exactly one version marked as storage version",
                    Value::Array(versions.clone())
                ),
            ));
        }
    }
    errs
}

/// The status kube's apiextensions controllers give an accepted CRD.
pub fn accepted_status(crd: &Value) -> Value {
    let now = meta::now_rfc3339();
    let mut names = meta::path(crd, "spec.names").cloned().unwrap_or_else(|| json!({}));
    let kind = names.get("kind").and_then(Value::as_str).unwrap_or_default().to_string();
    if names.get("singular").is_none() {
        names["singular"] = json!(kind.to_lowercase());
    }
    if names.get("listKind").is_none() {
        names["listKind"] = json!(format!("{kind}List"));
    }
    let stored: Vec<Value> = meta::path(crd, "spec.versions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|v| v.get("storage").and_then(Value::as_bool) == Some(true))
        .filter_map(|v| v.get("name").cloned())
        .collect();
    json!({
        "acceptedNames": names,
        "conditions": [
            {"type": "NamesAccepted", "status": "True", "lastTransitionTime": now, "reason": "NoConflicts", "message": "no conflicts found"},
            {"type": "Established", "status": "True", "lastTransitionTime": now, "reason": "InitialNamesAccepted", "message": "the initial names have been accepted"},
        ],
        "storedVersions": stored,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crd() -> Value {
        json!({
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": {"name": "widgets.example.com"},
            "spec": {"group": "example.com", "scope": "Namespaced",
                "names": {"plural": "widgets", "kind": "Widget", "shortNames": ["wd"], "categories": ["all"]},
                "versions": [
                    {"name": "v1", "served": true, "storage": true, "subresources": {"status": {}, "scale": {"specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas"}},
                     "additionalPrinterColumns": [{"name": "Size", "type": "integer", "jsonPath": ".spec.size"}]},
                    {"name": "v1beta1", "served": false, "storage": false},
                ]},
        })
    }

    #[test]
    fn resource_types_serve_each_served_version() {
        let types = resource_types(&crd());
        assert_eq!(types.len(), 1);
        let t = &types[0];
        assert_eq!(
            (t.group.as_str(), t.version.as_str(), t.plural.as_str(), t.singular.as_str()),
            ("example.com", "v1", "widgets", "widget")
        );
        assert_eq!(t.short_names, vec!["wd"]);
        assert!(t.namespaced);
        assert!(t.subresource("status").is_some() && t.subresource("scale").is_some());
        assert!(t.printer_columns.is_some());
    }

    #[test]
    fn validate_requires_plural_dot_group_name() {
        assert!(validate(&crd()).is_empty());
        let mut bad = crd();
        bad["metadata"]["name"] = json!("widgets");
        bad["spec"]["group"] = json!("example");
        let errs = validate(&bad);
        assert!(errs.iter().any(|e| e.field == "spec.group"));
        assert!(errs.iter().any(|e| e.field == "metadata.name"));
    }

    #[test]
    fn accepted_status_is_established() {
        let s = accepted_status(&crd());
        assert_eq!(s["conditions"][1]["type"], "Established");
        assert_eq!(s["acceptedNames"]["listKind"], "WidgetList");
        assert_eq!(s["storedVersions"], json!(["v1"]));
    }
}
