//! YAML as kubectl writes it (sigs.k8s.io/yaml over go-yaml v2): keys sorted, block style,
//! sequences not indented under their key, `{}`/`[]` for empty collections, and strings
//! quoted only when they would read back as something else — with double quotes, where
//! serde_yaml would use single ones. Enough for kubeconfig documents and other plain JSON.

use serde_json::Value;

/// `value` as a YAML document (ending in a newline).
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(m) if !m.is_empty() => mapping(&mut out, m, 0),
        Value::Array(a) if !a.is_empty() => sequence(&mut out, a, 0),
        other => {
            out.push_str(&scalar(other, 0));
            out.push('\n');
        }
    }
    out
}

fn pad(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push(' ');
    }
}

fn mapping(out: &mut String, m: &serde_json::Map<String, Value>, indent: usize) {
    for (k, v) in m {
        pad(out, indent);
        out.push_str(&string(k, indent));
        out.push(':');
        value_after_key(out, v, indent);
    }
}

/// What follows `key:`: a scalar on the same line, or a nested block on the next lines.
fn value_after_key(out: &mut String, v: &Value, indent: usize) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            mapping(out, m, indent + 2);
        }
        // go-yaml puts a sequence at the same indentation as its key.
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            sequence(out, a, indent);
        }
        other => {
            out.push(' ');
            out.push_str(&scalar(other, indent + 2));
            out.push('\n');
        }
    }
}

fn sequence(out: &mut String, a: &[Value], indent: usize) {
    for item in a {
        pad(out, indent);
        out.push_str("- ");
        match item {
            Value::Object(m) if !m.is_empty() => {
                // The first key shares the dash's line; the rest line up under it.
                let mut first = true;
                for (k, v) in m {
                    if !first {
                        pad(out, indent + 2);
                    }
                    first = false;
                    out.push_str(&string(k, indent + 2));
                    out.push(':');
                    value_after_key(out, v, indent + 2);
                }
            }
            Value::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                sequence(out, inner, indent + 2);
            }
            other => {
                out.push_str(&scalar(other, indent + 2));
                out.push('\n');
            }
        }
    }
}

fn scalar(v: &Value, indent: usize) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string(s, indent),
        Value::Object(_) => "{}".to_string(),
        Value::Array(_) => "[]".to_string(),
    }
}

/// Would go-yaml's resolver read this plain scalar as something other than a string?
fn resolves_to_non_string(s: &str) -> bool {
    const SPECIAL: &[&str] = &[
        "", "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True",
        "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", ".inf", ".Inf", ".INF", "+.inf",
        "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN", "<<",
    ];
    if SPECIAL.contains(&s) {
        return true;
    }
    let first = s.as_bytes()[0];
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return false;
    }
    let plain = s.replace('_', "");
    let body = plain.trim_start_matches(['+', '-']);
    if body.parse::<f64>().is_ok() && !body.starts_with(['e', 'E']) && !body.contains("inf") && !body.contains("nan") {
        return true;
    }
    if let Some(hex) = body.strip_prefix("0x") {
        return !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    if let Some(bin) = body.strip_prefix("0b") {
        return !bin.is_empty() && bin.chars().all(|c| c == '0' || c == '1');
    }
    // Sexagesimal numbers (`1:20`) and timestamps are read as non-strings by go-yaml too.
    if body.contains(':') && body.split(':').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit() || c == '.'))
    {
        return true;
    }
    is_timestamp(s)
}

fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
        && (b.len() == 10 || matches!(b[10], b'T' | b't' | b' '))
}

/// libyaml's analysis: may this string be written plain in block context?
fn plain_allowed(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() || chars[0] == ' ' || chars[chars.len() - 1] == ' ' {
        return false;
    }
    if s.starts_with("---") || s.starts_with("...") {
        return false;
    }
    for (i, &c) in chars.iter().enumerate() {
        let next_blank = chars.get(i + 1).is_none_or(|n| *n == ' ' || *n == '\t');
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"' | '%' | '@' | '`' => {
                    return false;
                }
                '?' | ':' | '-' if next_blank => return false,
                _ => {}
            }
        } else {
            match c {
                ':' if next_blank => return false,
                '#' if chars[i - 1] == ' ' || chars[i - 1] == '\t' => return false,
                _ => {}
            }
        }
        if c == '\t' || c.is_control() || c == '\u{feff}' {
            return false;
        }
    }
    true
}

fn single_allowed(s: &str) -> bool {
    !s.chars().any(|c| c.is_control() || c == '\u{feff}')
}

fn string(s: &str, indent: usize) -> String {
    if s.contains('\n') && single_allowed(&s.replace('\n', "")) {
        return literal(s, indent);
    }
    if resolves_to_non_string(s) {
        return double_quoted(s);
    }
    if plain_allowed(s) {
        return s.to_string();
    }
    if single_allowed(s) {
        return format!("'{}'", s.replace('\'', "''"));
    }
    double_quoted(s)
}

fn literal(s: &str, indent: usize) -> String {
    let chomp = if s.ends_with("\n\n") {
        "+"
    } else if s.ends_with('\n') {
        ""
    } else {
        "-"
    };
    let lead = if s.starts_with(' ') { "2" } else { "" };
    let mut out = format!("|{lead}{chomp}");
    let body = s.strip_suffix('\n').unwrap_or(s);
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            for _ in 0..indent {
                out.push(' ');
            }
            out.push_str(line);
        }
    }
    out
}

fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\x{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn to_string_matches_kubectl_config_view_layout() {
        let v = json!({
            "apiVersion": "v1",
            "clusters": [{"cluster": {"server": "https://a:6443"}, "name": "a"}],
            "contexts": null,
            "current-context": "",
            "kind": "Config",
            "preferences": {},
            "users": [{"name": "u", "user": {"exec": {"args": ["a", "b"], "env": null}}}],
        });
        assert_eq!(
            to_string(&v),
            "apiVersion: v1\nclusters:\n- cluster:\n    server: https://a:6443\n  name: a\ncontexts: null\ncurrent-context: \"\"\nkind: Config\npreferences: {}\nusers:\n- name: u\n  user:\n    exec:\n      args:\n      - a\n      - b\n      env: null\n"
        );
    }

    #[test]
    fn string_quotes_only_what_would_change_meaning() {
        assert_eq!(string("true", 0), "\"true\"");
        assert_eq!(string("123", 0), "\"123\"");
        assert_eq!(string("1.5", 0), "\"1.5\"");
        assert_eq!(string("", 0), "\"\"");
        assert_eq!(string("kx-embedded", 0), "kx-embedded");
        assert_eq!(string("a: b", 0), "'a: b'");
        assert_eq!(string("- x", 0), "'- x'");
        assert_eq!(string("*x", 0), "'*x'");
        assert_eq!(string("2024-01-01", 0), "\"2024-01-01\"");
        assert_eq!(string("abc123", 0), "abc123");
        assert_eq!(string("REDACTED", 0), "REDACTED");
        assert_eq!(string("DATA+OMITTED", 0), "DATA+OMITTED");
    }
}
