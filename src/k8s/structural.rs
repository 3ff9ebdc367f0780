//! Custom resources against their CRD's structural schema, as kube's apiextensions-apiserver
//! treats them: unknown fields pruned (and reported, for `fieldValidation`), defaults from the
//! schema applied, then the value validated with kube's messages (`spec.replicas: Invalid
//! value: "string": spec.replicas in body must be of type integer: "string"`).
//!
//! `apiVersion`, `kind` and `metadata` at the root (and in embedded resources) belong to the
//! API machinery, not the schema: they are never pruned nor validated here.

use serde_json::{Map, Value};

/// One failed check, shaped as a kube `field.Error`: the reason for the Status cause, the
/// field path, and the message after the path.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaError {
    pub reason: &'static str,
    pub field: String,
    pub message: String,
}

fn preserves(s: &Value) -> bool {
    s.get("x-kubernetes-preserve-unknown-fields").and_then(Value::as_bool) == Some(true)
}

fn embedded(s: &Value) -> bool {
    s.get("x-kubernetes-embedded-resource").and_then(Value::as_bool) == Some(true)
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

/// Remove fields the schema does not know, returning their paths (`spec.foo`), and fill in
/// schema defaults for missing fields of objects that are present. `root` is true for the
/// object itself (its type meta and metadata are kept).
pub fn prune_and_default(schema: &Value, value: &mut Value) -> Vec<String> {
    let mut unknown = Vec::new();
    walk(schema, value, "", true, &mut unknown);
    unknown
}

fn walk(schema: &Value, value: &mut Value, path: &str, meta_level: bool, unknown: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            let props = schema.get("properties").and_then(Value::as_object);
            let additional = schema.get("additionalProperties");
            // Defaults first, so a defaulted object is itself pruned and defaulted.
            if let Some(props) = props {
                for (k, ps) in props {
                    if !map.contains_key(k)
                        && let Some(d) = ps.get("default")
                    {
                        map.insert(k.clone(), d.clone());
                    }
                }
            }
            let keep_unknown = preserves(schema) || matches!(additional, Some(Value::Bool(true)));
            let keys: Vec<String> = map.keys().cloned().collect();
            for k in keys {
                if meta_level && matches!(k.as_str(), "apiVersion" | "kind" | "metadata") {
                    continue;
                }
                let p = child(path, &k);
                if let Some(ps) = props.and_then(|props| props.get(&k)) {
                    if let Some(v) = map.get_mut(&k) {
                        walk(ps, v, &p, embedded(ps), unknown);
                    }
                } else if let Some(ap @ Value::Object(_)) = additional {
                    if let Some(v) = map.get_mut(&k) {
                        walk(ap, v, &p, embedded(ap), unknown);
                    }
                } else if !keep_unknown {
                    map.remove(&k);
                    unknown.push(p);
                }
            }
        }
        Value::Array(items) => {
            if let Some(is) = schema.get("items") {
                for (i, v) in items.iter_mut().enumerate() {
                    walk(is, v, &format!("{path}[{i}]"), embedded(is), unknown);
                }
            }
        }
        _ => {}
    }
}

/// Go's `%v`/`%#v`-style value in kube's Invalid messages: strings quoted, numbers as they are.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => format!("{s:?}"),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

/// A bound from the schema as Go prints a float64 with `%v` (`10`, not `10.0`).
fn bound(v: &Value) -> String {
    match v.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() < 1e21 => format!("{f:.0}"),
        Some(f) => format!("{f}"),
        None => shown(v),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn type_ok(want: &str, v: &Value) -> bool {
    match want {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "integer" => v.as_f64().is_some_and(|f| f.fract() == 0.0),
        "number" => v.is_number(),
        _ => true,
    }
}

/// Validate `value` against `schema`; `root` skips the API machinery's fields.
pub fn validate(schema: &Value, value: &Value) -> Vec<SchemaError> {
    let mut errs = Vec::new();
    check(schema, value, "", true, &mut errs);
    errs
}

fn err(errs: &mut Vec<SchemaError>, reason: &'static str, field: &str, message: String) {
    errs.push(SchemaError { reason, field: field.to_string(), message });
}

fn in_body(path: &str) -> String {
    if path.is_empty() { "body in body".to_string() } else { format!("{path} in body") }
}

fn check(schema: &Value, value: &Value, path: &str, meta_level: bool, errs: &mut Vec<SchemaError>) {
    if value.is_null() {
        if schema.get("nullable").and_then(Value::as_bool) == Some(true) {
            return;
        }
        if let Some(t) = schema.get("type").and_then(Value::as_str) {
            err(
                errs,
                "FieldValueTypeInvalid",
                path,
                format!("Invalid value: \"null\": {} must be of type {t}: \"null\"", in_body(path)),
            );
        }
        return;
    }
    let int_or_string = schema.get("x-kubernetes-int-or-string").and_then(Value::as_bool) == Some(true);
    if int_or_string {
        if !(value.is_string() || type_ok("integer", value)) {
            let t = type_name(value);
            err(
                errs,
                "FieldValueTypeInvalid",
                path,
                format!("Invalid value: {t:?}: {} must be of type integer,string: {t:?}", in_body(path)),
            );
            return;
        }
    } else if let Some(t) = schema.get("type").and_then(Value::as_str)
        && !type_ok(t, value)
    {
        let actual = type_name(value);
        err(
            errs,
            "FieldValueTypeInvalid",
            path,
            format!("Invalid value: {actual:?}: {} must be of type {t}: {actual:?}", in_body(path)),
        );
        return;
    }
    if let Some(Value::Array(allowed)) = schema.get("enum")
        && !allowed.iter().any(|a| a == value)
    {
        let list: Vec<String> = allowed.iter().map(shown).collect();
        err(
            errs,
            "FieldValueNotSupported",
            path,
            format!("Unsupported value: {}: supported values: {}", shown(value), list.join(", ")),
        );
    }
    match value {
        Value::String(s) => {
            let len = s.chars().count() as u64;
            if let Some(max) = schema.get("maxLength").and_then(Value::as_u64)
                && len > max
            {
                let unit = if max == 1 { "byte" } else { "bytes" };
                err(errs, "FieldValueTooLong", path, format!("Too long: may not be more than {max} {unit}"));
            }
            if let Some(min) = schema.get("minLength").and_then(Value::as_u64)
                && len < min
            {
                err(
                    errs,
                    "FieldValueInvalid",
                    path,
                    format!("Invalid value: {}: {} should be at least {min} chars long", shown(value), in_body(path)),
                );
            }
            if let Some(p) = schema.get("pattern").and_then(Value::as_str)
                && let Ok(re) = regex::Regex::new(p)
                && !re.is_match(s)
            {
                err(
                    errs,
                    "FieldValueInvalid",
                    path,
                    format!("Invalid value: {}: {} should match '{p}'", shown(value), in_body(path)),
                );
            }
        }
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or_default();
            let excl = |k: &str| schema.get(k).and_then(Value::as_bool) == Some(true);
            if let Some(max) = schema.get("maximum").filter(|m| m.is_number()) {
                let m = max.as_f64().unwrap_or_default();
                if excl("exclusiveMaximum") && x >= m {
                    err(
                        errs,
                        "FieldValueInvalid",
                        path,
                        format!(
                            "Invalid value: {}: {} should be less than {}",
                            shown(value),
                            in_body(path),
                            bound(max)
                        ),
                    );
                } else if x > m {
                    err(
                        errs,
                        "FieldValueInvalid",
                        path,
                        format!(
                            "Invalid value: {}: {} should be less than or equal to {}",
                            shown(value),
                            in_body(path),
                            bound(max)
                        ),
                    );
                }
            }
            if let Some(min) = schema.get("minimum").filter(|m| m.is_number()) {
                let m = min.as_f64().unwrap_or_default();
                if excl("exclusiveMinimum") && x <= m {
                    err(
                        errs,
                        "FieldValueInvalid",
                        path,
                        format!(
                            "Invalid value: {}: {} should be greater than {}",
                            shown(value),
                            in_body(path),
                            bound(min)
                        ),
                    );
                } else if x < m {
                    err(
                        errs,
                        "FieldValueInvalid",
                        path,
                        format!(
                            "Invalid value: {}: {} should be greater than or equal to {}",
                            shown(value),
                            in_body(path),
                            bound(min)
                        ),
                    );
                }
            }
            if let Some(mult) = schema.get("multipleOf").and_then(Value::as_f64)
                && mult > 0.0
                && (x / mult).fract() != 0.0
            {
                err(
                    errs,
                    "FieldValueInvalid",
                    path,
                    format!(
                        "Invalid value: {}: {} should be a multiple of {}",
                        shown(value),
                        in_body(path),
                        shown(&schema["multipleOf"])
                    ),
                );
            }
        }
        Value::Array(items) => {
            if let Some(max) = schema.get("maxItems").and_then(Value::as_u64)
                && items.len() as u64 > max
            {
                err(
                    errs,
                    "FieldValueTooMany",
                    path,
                    format!("Too many: {}: must have at most {max} items", items.len()),
                );
            }
            if let Some(min) = schema.get("minItems").and_then(Value::as_u64)
                && (items.len() as u64) < min
            {
                err(
                    errs,
                    "FieldValueInvalid",
                    path,
                    format!("Invalid value: {}: {} should have at least {min} items", items.len(), in_body(path)),
                );
            }
            if let Some(is) = schema.get("items") {
                for (i, v) in items.iter().enumerate() {
                    check(is, v, &format!("{path}[{i}]"), embedded(is), errs);
                }
            }
        }
        Value::Object(map) => check_object(schema, map, path, meta_level, errs),
        _ => {}
    }
}

fn check_object(schema: &Value, map: &Map<String, Value>, path: &str, meta_level: bool, errs: &mut Vec<SchemaError>) {
    if let Some(Value::Array(required)) = schema.get("required") {
        for r in required.iter().filter_map(Value::as_str) {
            if !map.contains_key(r) {
                err(errs, "FieldValueRequired", &child(path, r), "Required value".into());
            }
        }
    }
    let props = schema.get("properties").and_then(Value::as_object);
    for (k, v) in map {
        if meta_level && matches!(k.as_str(), "apiVersion" | "kind" | "metadata") {
            continue;
        }
        let p = child(path, k);
        if let Some(ps) = props.and_then(|props| props.get(k)) {
            check(ps, v, &p, embedded(ps), errs);
        } else if let Some(ap @ Value::Object(_)) = schema.get("additionalProperties") {
            check(ap, v, &p, embedded(ap), errs);
        }
    }
    if let Some(max) = schema.get("maxProperties").and_then(Value::as_u64)
        && map.len() as u64 > max
    {
        err(errs, "FieldValueTooMany", path, format!("Too many: {}: must have at most {max} items", map.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> Value {
        json!({"type": "object", "required": ["spec"], "properties": {
            "spec": {"type": "object", "required": ["color"], "properties": {
                "color": {"type": "string", "enum": ["red", "green"]},
                "replicas": {"type": "integer", "minimum": 0, "maximum": 10},
                "size": {"type": "string", "default": "medium", "pattern": "^(small|medium|large)$"},
                "parts": {"type": "array", "maxItems": 2, "items": {"type": "object", "properties": {"name": {"type": "string", "maxLength": 3}}}},
                "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}}}}}})
    }

    #[test]
    fn prune_removes_unknown_and_keeps_preserved_and_meta() {
        let mut v = json!({"apiVersion": "x/v1", "kind": "G", "metadata": {"name": "g"}, "junk": 1,
            "spec": {"color": "red", "foo": 1, "extra": {"anything": {"goes": true}}, "labels": {"a": "b"},
                     "parts": [{"name": "a", "bar": 2}]}});
        let unknown = prune_and_default(&schema(), &mut v);
        assert_eq!(unknown, vec!["junk", "spec.foo", "spec.parts[0].bar"]);
        assert_eq!(v["spec"]["extra"]["anything"]["goes"], true);
        assert_eq!(v["spec"]["labels"]["a"], "b");
        assert_eq!(v["spec"]["size"], "medium", "defaulted");
        assert_eq!(v["metadata"]["name"], "g");
    }

    #[test]
    fn validate_reports_kube_messages() {
        let v = json!({"spec": {"color": "purple", "replicas": "string", "size": "huge",
            "parts": [{"name": "toolong"}, {}, {}]}});
        let errs: Vec<String> = validate(&schema(), &v).iter().map(|e| format!("{}: {}", e.field, e.message)).collect();
        assert_eq!(
            errs,
            vec![
                "spec.color: Unsupported value: \"purple\": supported values: \"red\", \"green\"",
                "spec.parts: Too many: 3: must have at most 2 items",
                "spec.parts[0].name: Too long: may not be more than 3 bytes",
                "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"",
                "spec.size: Invalid value: \"huge\": spec.size in body should match '^(small|medium|large)$'",
            ]
        );
        let mut float_bounds = schema();
        float_bounds["properties"]["spec"]["properties"]["replicas"]["maximum"] = json!(10.0);
        let errs = validate(&float_bounds, &json!({"spec": {"replicas": 20}}));
        assert_eq!(
            errs[0],
            SchemaError { reason: "FieldValueRequired", field: "spec.color".into(), message: "Required value".into() }
        );
        assert_eq!(errs[1].message, "Invalid value: 20: spec.replicas in body should be less than or equal to 10");
        assert!(validate(&schema(), &json!({"metadata": {"x": 1}, "spec": {"color": "red"}})).is_empty());
    }
}
