//! Renders bad values the way Go's fmt does in apimachinery's `ErrorBody` (`%q` for strings,
//! `%v` for numbers and bools, `%#v` for maps and slices), so messages match kube-apiserver's.

use serde_json::Value;

/// Go's `strconv.Quote`.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if c.is_control() => {
                if (c as u32) <= 0xffff {
                    out.push_str(&format!("\\u{:04x}", c as u32))
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32))
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A bad value as Go prints it in a field error.
pub fn go_value(v: &Value) -> String {
    match v {
        // Go turns a nil value into the string "null", which `%q` then quotes.
        Value::Null => "\"null\"".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => go_quote(s),
        Value::Object(m) => {
            if let (1, Some(Value::String(shown))) = (m.len(), m.get("$raw")) {
                return shown.clone();
            }
            if m.values().all(Value::is_string) {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                let items: Vec<String> = keys
                    .iter()
                    .map(|k| format!("{}:{}", go_quote(k), go_quote(m[*k].as_str().unwrap_or_default())))
                    .collect();
                return format!("map[string]string{{{}}}", items.join(", "));
            }
            v.to_string()
        }
        Value::Array(items) => {
            if items.iter().all(Value::is_string) {
                let parts: Vec<String> = items.iter().map(|s| go_quote(s.as_str().unwrap_or_default())).collect();
                return format!("[]string{{{}}}", parts.join(", "));
            }
            v.to_string()
        }
    }
}

/// `map[string]string` labels as `%#v` prints them; absent labels are a nil map.
pub fn go_string_map(v: Option<&Value>) -> String {
    match v.and_then(Value::as_object) {
        Some(_) => go_value(v.unwrap_or(&Value::Null)),
        None => "map[string]string(nil)".to_string(),
    }
}

/// A `*metav1.LabelSelector` as its generated protobuf `String()` prints it, which is what
/// kube-apiserver shows for selector errors ("field is immutable", "empty selector").
pub fn label_selector(v: Option<&Value>) -> String {
    let Some(sel) = v.filter(|v| !v.is_null()) else {
        return "nil".to_string();
    };
    let mut labels = String::from("map[string]string{");
    if let Some(m) = sel.get("matchLabels").and_then(Value::as_object) {
        let mut keys: Vec<&String> = m.keys().collect();
        keys.sort();
        for k in keys {
            labels.push_str(&format!("{}: {},", k, m[k].as_str().unwrap_or_default()));
        }
    }
    labels.push('}');
    let mut exprs = String::from("[]LabelSelectorRequirement{");
    for e in sel.get("matchExpressions").and_then(Value::as_array).into_iter().flatten() {
        let values: Vec<&str> =
            e.get("values").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        exprs.push_str(&format!(
            "LabelSelectorRequirement{{Key:{},Operator:{},Values:[{}],}},",
            e.get("key").and_then(Value::as_str).unwrap_or_default(),
            e.get("operator").and_then(Value::as_str).unwrap_or_default(),
            values.join(" ")
        ));
    }
    exprs.push('}');
    format!("&LabelSelector{{MatchLabels:{labels},MatchExpressions:{exprs},}}")
}

/// An `intstr.IntOrString` as its `String()` prints it: the number or the string, unquoted.
pub fn int_or_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn go_quote_control_and_quotes_escaped() {
        assert_eq!(go_quote("a\"b\\c\n\u{1}"), r#""a\"b\\c\n\x01""#);
        assert_eq!(go_quote("héllo"), "\"héllo\"");
    }

    #[test]
    fn go_value_map_sorted_like_percent_hash_v() {
        assert_eq!(go_value(&json!({"b": "2", "a": "1"})), r#"map[string]string{"a":"1", "b":"2"}"#);
        assert_eq!(go_value(&json!({})), "map[string]string{}");
    }

    #[test]
    fn go_value_scalars_match_go() {
        assert_eq!(go_value(&json!(70000)), "70000");
        assert_eq!(go_value(&json!(true)), "true");
        assert_eq!(go_value(&Value::Null), "\"null\"");
        assert_eq!(go_value(&json!(["a", "b"])), r#"[]string{"a", "b"}"#);
    }

    #[test]
    fn label_selector_matches_protobuf_stringer() {
        let sel = json!({"matchLabels": {"app": "web"}, "matchExpressions": [
            {"key": "tier", "operator": "In", "values": ["a", "b"]}]});
        assert_eq!(
            label_selector(Some(&sel)),
            "&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:tier,Operator:In,Values:[a b],},},}"
        );
    }
}
