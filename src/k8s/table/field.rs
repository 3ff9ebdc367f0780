//! Lenient reads of object fields for the printers, plus the small formatting helpers they
//! share (labels, label selectors, container lists, ages). A missing or mistyped field reads
//! as Go's zero value, which is what the printers see for it after decoding.

use jiff::Timestamp;
use serde_json::Value;

use super::duration::{human_duration, parse_time};

/// The value at `path`, if every step exists.
pub(super) fn at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, key| v.get(key))
}

/// The string at `path`, or `""`.
pub(super) fn str_at<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    opt_str_at(v, path).unwrap_or("")
}

/// The string at `path`, if there is one (Go's `*string`).
pub(super) fn opt_str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    at(v, path).and_then(Value::as_str)
}

/// The integer at `path`, or 0.
pub(super) fn int_at(v: &Value, path: &[&str]) -> i64 {
    opt_int_at(v, path).unwrap_or(0)
}

/// The integer at `path`, if there is one (Go's `*int32`).
pub(super) fn opt_int_at(v: &Value, path: &[&str]) -> Option<i64> {
    at(v, path).and_then(as_int)
}

/// A JSON number as an integer; floats truncate as Go's `int64(f)` does.
pub(super) fn as_int(v: &Value) -> Option<i64> {
    v.as_i64()
        .or_else(|| v.as_u64().map(|u| i64::try_from(u).unwrap_or(i64::MAX)))
        .or_else(|| v.as_f64().map(|f| f as i64))
}

/// The boolean at `path`, or false.
pub(super) fn bool_at(v: &Value, path: &[&str]) -> bool {
    opt_bool_at(v, path).unwrap_or(false)
}

/// The boolean at `path`, if there is one (Go's `*bool`).
pub(super) fn opt_bool_at(v: &Value, path: &[&str]) -> Option<bool> {
    at(v, path).and_then(Value::as_bool)
}

/// The array at `path`, or an empty slice.
pub(super) fn arr_at<'a>(v: &'a Value, path: &[&str]) -> &'a [Value] {
    at(v, path).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// The number of entries of the map at `path` (Go's `len(map)`), 0 when absent.
pub(super) fn map_len(v: &Value, path: &[&str]) -> usize {
    at(v, path).and_then(Value::as_object).map_or(0, |m| m.len())
}

/// Whether the object at `path` is set (Go's non-nil pointer to a struct).
pub(super) fn is_set(v: &Value, path: &[&str]) -> bool {
    at(v, path).is_some_and(|v| !v.is_null())
}

/// `metadata.name`.
pub(super) fn name(obj: &Value) -> &str {
    str_at(obj, &["metadata", "name"])
}

/// Whether `metadata.deletionTimestamp` is set.
pub(super) fn is_deleting(obj: &Value) -> bool {
    at(obj, &["metadata", "deletionTimestamp"]).is_some_and(|v| !v.is_null())
}

/// The age of the timestamp at `path`, `<unknown>` when unset.
pub(super) fn since(v: &Value, path: &[&str], now: Timestamp) -> String {
    match opt_str_at(v, path).and_then(parse_time) {
        Some(t) => human_duration(now.duration_since(t)),
        None => "<unknown>".to_string(),
    }
}

/// The AGE cell: the age of `metadata.creationTimestamp`.
pub(super) fn age(obj: &Value, now: Timestamp) -> String {
    since(obj, &["metadata", "creationTimestamp"], now)
}

/// A quantity as its string form; a missing quantity prints as Go's zero `Quantity`: `0`.
pub(super) fn quantity(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => "0".to_string(),
    }
}

/// A string-valued map as a `Value`-free list of pairs, sorted by key.
fn sorted_pairs(map: Option<&Value>) -> Vec<(&str, &str)> {
    let mut pairs: Vec<(&str, &str)> = map
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.as_str(), v.as_str().unwrap_or(""))).collect())
        .unwrap_or_default();
    pairs.sort_unstable();
    pairs
}

/// apimachinery's `labels.FormatLabels`: `a=1,b=2` sorted by key, `<none>` when empty.
pub(super) fn format_labels(map: Option<&Value>) -> String {
    let pairs = sorted_pairs(map);
    if pairs.is_empty() {
        return "<none>".to_string();
    }
    pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
}

/// `metav1.LabelSelectorAsSelector(sel).String()`: requirements sorted by key, `in`/`notin`
/// values sorted; `""` for a nil or empty selector; `Err` for a selector the server would
/// refuse to convert (unknown operator, wrong number of values).
pub(super) fn label_selector_string(sel: Option<&Value>) -> Result<String, ()> {
    let Some(sel) = sel.filter(|s| !s.is_null()) else {
        return Ok(String::new());
    };
    let mut requirements: Vec<(String, String)> =
        sorted_pairs(sel.get("matchLabels")).into_iter().map(|(k, v)| (k.to_string(), format!("{k}={v}"))).collect();
    for expr in arr_at(sel, &["matchExpressions"]) {
        let key = str_at(expr, &["key"]);
        let mut values: Vec<&str> = arr_at(expr, &["values"]).iter().map(|v| v.as_str().unwrap_or("")).collect();
        values.sort_unstable();
        let requirement = match str_at(expr, &["operator"]) {
            "In" | "NotIn" if values.is_empty() => return Err(()),
            "In" => format!("{key} in ({})", values.join(",")),
            "NotIn" => format!("{key} notin ({})", values.join(",")),
            "Exists" | "DoesNotExist" if !values.is_empty() => return Err(()),
            "Exists" => key.to_string(),
            "DoesNotExist" => format!("!{key}"),
            _ => return Err(()),
        };
        requirements.push((key.to_string(), requirement));
    }
    // Go sorts by key only; a stable sort keeps matchLabels before expressions on the same key.
    requirements.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(requirements.into_iter().map(|(_, r)| r).collect::<Vec<_>>().join(","))
}

/// `metav1.FormatLabelSelector`: like [`label_selector_string`] but `<none>` when empty and
/// `<error>` when invalid.
pub(super) fn format_label_selector(sel: Option<&Value>) -> String {
    match label_selector_string(sel) {
        Ok(s) if s.is_empty() => "<none>".to_string(),
        Ok(s) => s,
        Err(()) => "<error>".to_string(),
    }
}

/// The printers' `layoutContainerCells`: container names and images, comma-separated.
pub(super) fn container_cells(containers: &[Value]) -> (String, String) {
    let names: Vec<&str> = containers.iter().map(|c| str_at(c, &["name"])).collect();
    let images: Vec<&str> = containers.iter().map(|c| str_at(c, &["image"])).collect();
    (names.join(","), images.join(","))
}

/// `<none>` for an empty string, as several printers do.
pub(super) fn or_none(s: &str) -> String {
    if s.is_empty() { "<none>".to_string() } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn format_labels_sorts_and_defaults_to_none() {
        assert_eq!(format_labels(Some(&json!({"b": "2", "a": "1"}))), "a=1,b=2");
        assert_eq!(format_labels(Some(&json!({}))), "<none>");
        assert_eq!(format_labels(None), "<none>");
    }

    #[test]
    fn label_selector_string_with_expressions_sorts_by_key() {
        let sel = json!({
            "matchLabels": {"tier": "web", "app": "nginx"},
            "matchExpressions": [
                {"key": "env", "operator": "In", "values": ["prod", "dev"]},
                {"key": "zone", "operator": "NotIn", "values": ["b", "a"]},
                {"key": "canary", "operator": "DoesNotExist"},
                {"key": "beta", "operator": "Exists"},
            ]
        });
        assert_eq!(
            label_selector_string(Some(&sel)),
            Ok("app=nginx,beta,!canary,env in (dev,prod),tier=web,zone notin (a,b)".to_string())
        );
    }

    #[test]
    fn format_label_selector_empty_is_none() {
        assert_eq!(format_label_selector(None), "<none>");
        assert_eq!(format_label_selector(Some(&json!({}))), "<none>");
        assert_eq!(format_label_selector(Some(&Value::Null)), "<none>");
    }

    #[test]
    fn format_label_selector_bad_operator_is_error() {
        let sel = json!({"matchExpressions": [{"key": "a", "operator": "Near"}]});
        assert_eq!(format_label_selector(Some(&sel)), "<error>");
        let sel = json!({"matchExpressions": [{"key": "a", "operator": "In", "values": []}]});
        assert_eq!(format_label_selector(Some(&sel)), "<error>");
    }

    #[test]
    fn container_cells_joins_names_and_images() {
        let cs = json!([{"name": "a", "image": "nginx"}, {"name": "b", "image": "busybox"}]);
        let cs = cs.as_array().expect("array");
        assert_eq!(container_cells(cs), ("a,b".to_string(), "nginx,busybox".to_string()));
    }

    #[test]
    fn quantity_missing_is_zero() {
        assert_eq!(quantity(None), "0");
        assert_eq!(quantity(Some(&json!("1Gi"))), "1Gi");
        assert_eq!(quantity(Some(&json!(2))), "2");
    }

    #[test]
    fn readers_on_odd_input_return_zero_values() {
        let obj = json!({"spec": {"replicas": "three", "paused": 1, "items": {}}});
        assert_eq!(int_at(&obj, &["spec", "replicas"]), 0);
        assert!(!bool_at(&obj, &["spec", "paused"]));
        assert!(arr_at(&obj, &["spec", "items"]).is_empty());
        assert_eq!(str_at(&obj, &["spec", "missing", "deeper"]), "");
        assert_eq!(int_at(&json!({"n": 2.9}), &["n"]), 2);
    }
}
