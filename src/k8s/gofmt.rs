//! Go's renderings of decoded JSON (`map[string]interface{}` and friends) that kubectl's output
//! leaks: `fmt`'s `%v` and `%#v`, `strconv`'s float formats, and `encoding/json`'s compact and
//! indented encodings with their HTML escaping. kubectl prints these in custom columns,
//! JSONPath results, `-o json` and error messages, so matching them byte for byte needs them.
//! Pure functions; no I/O.

use std::fmt::Write as _;

use serde_json::{Map, Number, Value};

/// The Go type a JSON value decodes to in an unstructured object, as `%T` prints it.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "<nil>",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float64",
        Value::Number(_) => "int64",
        Value::String(_) => "string",
        Value::Array(_) => "[]interface {}",
        Value::Object(_) => "map[string]interface {}",
    }
}

/// `strconv.FormatFloat(f, fmt, -1, 64)` for `fmt` in `e`, `f`, `g`.
pub fn format_float(f: f64, fmt: char) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf".into() } else { "-Inf".into() };
    }
    if f == 0.0 {
        let sign = if f.is_sign_negative() { "-" } else { "" };
        return match fmt {
            'e' => format!("{sign}0e+00"),
            _ => format!("{sign}0"),
        };
    }
    // Rust's `{:e}` gives the shortest round-trip digits, as Go's `-1` precision does.
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let neg = if f < 0.0 { "-" } else { "" };
    let use_e = match fmt {
        'e' => true,
        'f' => false,
        _ => !(-4..6).contains(&exp),
    };
    if use_e {
        let mut m = digits[..1].to_string();
        if digits.len() > 1 {
            m.push('.');
            m.push_str(&digits[1..]);
        }
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{neg}{m}e{sign}{:02}", exp.abs());
    }
    // Fixed notation: place the decimal point `exp + 1` digits in.
    let point = exp + 1;
    let mut out = String::from(neg);
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.push_str(&digits);
    } else {
        let point = point as usize;
        if digits.len() <= point {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', point - digits.len()));
        } else {
            out.push_str(&digits[..point]);
            out.push('.');
            out.push_str(&digits[point..]);
        }
    }
    out
}

/// A number as Go prints it with `%v` (`int64` or `float64`).
pub fn number_v(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    format_float(n.as_f64().unwrap_or(0.0), 'g')
}

/// `fmt.Sprint(v)` of a decoded JSON value: strings bare, maps as `map[k:v]` with sorted
/// keys, slices as `[a b]`, null as `<nil>`.
pub fn sprint(v: &Value) -> String {
    let mut s = String::new();
    write_v(&mut s, v, true);
    s
}

fn write_v(out: &mut String, v: &Value, top: bool) {
    match v {
        // A nil interface prints `<nil>` at any depth.
        Value::Null => out.push_str("<nil>"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number_v(n)),
        Value::String(s) => out.push_str(s),
        Value::Array(a) => {
            out.push('[');
            for (i, item) in a.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                write_v(out, item, false);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push_str("map[");
            for (i, (k, item)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(k);
                out.push(':');
                write_v(out, item, false);
            }
            out.push(']');
        }
    }
    let _ = top;
}

/// `fmt.Sprintf("%#v", v)`: Go-syntax, as kubectl prints the object in JSONPath errors.
pub fn sprint_sharp(v: &Value) -> String {
    let mut s = String::new();
    write_sharp(&mut s, v, true);
    s
}

fn write_sharp(out: &mut String, v: &Value, top: bool) {
    match v {
        Value::Null if top => out.push_str("<nil>"),
        Value::Null => out.push_str("interface {}(nil)"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number_v(n)),
        Value::String(s) => out.push_str(&quote(s)),
        Value::Array(a) => {
            out.push_str("[]interface {}{");
            for (i, item) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_sharp(out, item, false);
            }
            out.push('}');
        }
        Value::Object(m) => {
            out.push_str("map[string]interface {}{");
            for (i, (k, item)) in m.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&quote(k));
                out.push(':');
                write_sharp(out, item, false);
            }
            out.push('}');
        }
    }
}

/// `strconv.Quote`: a double-quoted Go string literal.
pub fn quote(s: &str) -> String {
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
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// An approximation of Go's `strconv.IsPrint` for non-ASCII characters: letters, marks,
/// numbers, punctuation, symbols and the ASCII space are printable; other spaces, controls,
/// format characters and unassigned code points are not.
fn is_go_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c as u32, 0xad | 0x600..=0x605 | 0x200b..=0x200f | 0x2028..=0x202e | 0x2060..=0x206f | 0xfeff | 0xfff9..=0xfffb)
        || (0xe000..=0xf8ff).contains(&(c as u32))
        || (c as u32) >= 0xf0000)
}

/// `encoding/json`'s compact encoding (what `json.Marshal` gives): sorted keys and Go's
/// escaping of `<`, `>`, `&`, U+2028 and U+2029.
pub fn json_compact(v: &Value) -> String {
    let mut s = String::new();
    write_json(&mut s, v, None, 0);
    s
}

/// `json.MarshalIndent(v, "", indent)`.
pub fn json_indent(v: &Value, indent: &str) -> String {
    let mut s = String::new();
    write_json(&mut s, v, Some(indent), 0);
    s
}

fn newline(out: &mut String, indent: Option<&str>, depth: usize) {
    if let Some(ind) = indent {
        out.push('\n');
        for _ in 0..depth {
            out.push_str(ind);
        }
    }
}

fn write_json(out: &mut String, v: &Value, indent: Option<&str>, depth: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&json_number(n)),
        Value::String(s) => json_string(out, s),
        Value::Array(a) if a.is_empty() => out.push_str("[]"),
        Value::Array(a) => {
            out.push('[');
            for (i, item) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, indent, depth + 1);
                write_json(out, item, indent, depth + 1);
            }
            newline(out, indent, depth);
            out.push(']');
        }
        Value::Object(m) if m.is_empty() => out.push_str("{}"),
        Value::Object(m) => write_json_object(out, m, indent, depth),
    }
}

fn write_json_object(out: &mut String, m: &Map<String, Value>, indent: Option<&str>, depth: usize) {
    out.push('{');
    for (i, (k, item)) in m.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        newline(out, indent, depth + 1);
        json_string(out, k);
        out.push(':');
        if indent.is_some() {
            out.push(' ');
        }
        write_json(out, item, indent, depth + 1);
    }
    newline(out, indent, depth);
    out.push('}');
}

/// A number as `encoding/json` writes a Go `int64` or `float64`.
pub fn json_number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        // Go trims `e-09` to `e-9`.
        let s = format_float(f, 'e');
        return match s.split_once("e-0") {
            Some((m, e)) => format!("{m}e-{e}"),
            None => match s.split_once("e+0") {
                Some((m, e)) => format!("{m}e+{e}"),
                None => s,
            },
        };
    }
    format_float(f, 'f')
}

fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn format_float_matches_go_g_e_and_f() {
        assert_eq!(format_float(0.5, 'g'), "0.5");
        assert_eq!(format_float(1e6, 'g'), "1e+06");
        assert_eq!(format_float(123456.0, 'g'), "123456");
        assert_eq!(format_float(1234567.0, 'g'), "1.234567e+06");
        assert_eq!(format_float(0.0001, 'g'), "0.0001");
        assert_eq!(format_float(0.00001, 'g'), "1e-05");
        assert_eq!(format_float(1.5, 'f'), "1.5");
        assert_eq!(format_float(100.0, 'f'), "100");
        assert_eq!(format_float(0.001, 'f'), "0.001");
    }

    #[test]
    fn sprint_prints_maps_and_slices_like_go() {
        assert_eq!(sprint(&json!({"b": 1, "a": "x"})), "map[a:x b:1]");
        assert_eq!(sprint(&json!(["a", 2, null, true])), "[a 2 <nil> true]");
        assert_eq!(sprint(&json!("plain")), "plain");
    }

    #[test]
    fn sprint_sharp_prints_go_syntax() {
        assert_eq!(
            sprint_sharp(&json!({"a": "x\n", "b": [1, null], "c": {}})),
            "map[string]interface {}{\"a\":\"x\\n\", \"b\":[]interface {}{1, interface {}(nil)}, \"c\":map[string]interface {}{}}"
        );
    }

    #[test]
    fn json_compact_escapes_html_like_go() {
        assert_eq!(json_compact(&json!({"b": "<a&b>", "a": [1, 2.5]})), r#"{"a":[1,2.5],"b":"\u003ca\u0026b\u003e"}"#);
    }

    #[test]
    fn json_indent_uses_given_indent_and_empty_brackets() {
        let v = json!({"a": {}, "b": [], "c": [1]});
        assert_eq!(json_indent(&v, "    "), "{\n    \"a\": {},\n    \"b\": [],\n    \"c\": [\n        1\n    ]\n}");
    }

    #[test]
    fn json_number_formats_floats_like_go() {
        assert_eq!(json_number(&Number::from_f64(1.0).expect("finite")), "1");
        assert_eq!(json_number(&Number::from_f64(1e21).expect("finite")), "1e+21");
        assert_eq!(json_number(&Number::from_f64(1e-7).expect("finite")), "1e-7");
    }
}
