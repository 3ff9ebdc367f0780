//! `-o yaml` exactly as kubectl writes it. kubectl marshals objects with sigs.k8s.io/yaml,
//! which re-reads the JSON with go-yaml v2 and emits it with v2's encoder and libyaml-derived
//! emitter. This reproduces what users see from that pipeline: keys in v2's natural sort
//! order, scalars quoted only when they would read back as something else (`"1"`, `"true"`,
//! timestamps, `""`), single quotes for indicator characters, `|`/`|-`/`|+` literal blocks for
//! multi-line strings, long lines folded at 80 columns, sequences in mappings not indented,
//! `{}` and `[]` for empty collections. A hand emitter over `serde_json::Value`, because
//! serde_yaml quotes and folds differently.

use serde_json::{Map, Value};

use crate::k8s::gofmt;

/// go-yaml's preferred line width; plain and quoted scalars fold at the first space past it.
const BEST_WIDTH: usize = 80;
const BEST_INDENT: i64 = 2;

/// `v` as one YAML document, ending with a newline.
pub fn to_yaml(v: &Value) -> String {
    let mut e = Emitter { out: String::new(), column: 0, whitespace: true, indention: true };
    e.node(v, Context::Root, -1);
    // Document end: a final line break unless the last scalar ended with one.
    e.write_indent(0);
    e.out
}

#[derive(Clone, Copy, PartialEq)]
enum Context {
    Root,
    SequenceItem,
    MappingValue,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

struct Emitter {
    out: String,
    /// Characters since the last line break.
    column: usize,
    /// Whether the last thing written was whitespace (no separating space needed).
    whitespace: bool,
    /// Whether only indentation (and indicators such as `- `) is on the current line.
    indention: bool,
}

impl Emitter {
    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
        self.indention = true;
    }

    fn write_indent(&mut self, indent: i64) {
        let indent = indent.max(0) as usize;
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
    }

    fn write_indicator(&mut self, s: &str, need_whitespace: bool, is_whitespace: bool, is_indention: bool) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        for c in s.chars() {
            self.put(c);
        }
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    fn node(&mut self, v: &Value, ctx: Context, indent: i64) {
        match v {
            Value::Object(m) if !m.is_empty() => self.mapping(m, indent),
            Value::Array(a) if !a.is_empty() => {
                // A sequence that is a mapping's value starts at the key's column.
                let indentless = ctx == Context::MappingValue && !self.indention;
                let inner = if indent < 0 {
                    0
                } else if indentless {
                    indent
                } else {
                    indent + BEST_INDENT
                };
                for item in a {
                    self.write_indent(inner);
                    self.write_indicator("-", true, false, true);
                    self.node(item, Context::SequenceItem, inner);
                }
            }
            Value::Object(_) => {
                self.write_indicator("{", true, true, false);
                self.write_indicator("}", false, false, false);
            }
            Value::Array(_) => {
                self.write_indicator("[", true, true, false);
                self.write_indicator("]", false, false, false);
            }
            scalar => {
                let (text, requested) = scalar_text(scalar);
                let indent = if indent < 0 { BEST_INDENT } else { indent + BEST_INDENT };
                self.scalar(&text, requested, false, indent);
            }
        }
    }

    fn mapping(&mut self, m: &Map<String, Value>, indent: i64) {
        let inner = if indent < 0 { 0 } else { indent + BEST_INDENT };
        for key in sorted_keys(m) {
            self.write_indent(inner);
            let (_, requested) = scalar_text(&Value::String(key.clone()));
            self.scalar(key, requested, true, inner + BEST_INDENT);
            self.write_indicator(":", false, false, false);
            self.node(&m[key.as_str()], Context::MappingValue, inner);
        }
    }

    fn scalar(&mut self, value: &str, requested: Style, simple_key: bool, indent: i64) {
        let a = analyze(value);
        let mut style = requested;
        if simple_key && a.multiline {
            style = Style::Double;
        }
        if style == Style::Plain && (!a.block_plain_allowed || (value.is_empty() && simple_key)) {
            style = Style::Single;
        }
        if style == Style::Single && !a.single_quoted_allowed {
            style = Style::Double;
        }
        if style == Style::Literal && (!a.block_allowed || simple_key) {
            style = Style::Double;
        }
        let allow_breaks = !simple_key;
        match style {
            Style::Plain => self.plain(value, allow_breaks, indent),
            Style::Single => self.single_quoted(value, allow_breaks, indent),
            Style::Double => self.double_quoted(value, allow_breaks, indent),
            Style::Literal => self.literal(value, indent),
        }
    }

    fn plain(&mut self, value: &str, allow_breaks: bool, indent: i64) {
        let chars: Vec<char> = value.chars().collect();
        if !chars.is_empty() && !self.whitespace {
            self.put(' ');
        }
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && chars.get(i + 1) != Some(&' ') {
                    self.write_indent(indent);
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                self.indention = false;
                spaces = false;
            }
        }
        if !chars.is_empty() {
            self.whitespace = false;
        }
        self.indention = false;
    }

    fn single_quoted(&mut self, value: &str, allow_breaks: bool, indent: i64) {
        self.write_indicator("'", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        let mut spaces = false;
        let mut breaks = false;
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i > 0
                    && i + 1 < chars.len()
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent(indent);
                } else {
                    self.put(c);
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break();
                }
                self.write_break(c);
                breaks = true;
            } else {
                if breaks {
                    self.write_indent(indent);
                }
                if c == '\'' {
                    self.put('\'');
                }
                self.put(c);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_break(&mut self, c: char) {
        if c == '\n' {
            self.put_break();
        } else {
            self.out.push(c);
            self.column = 0;
            self.indention = true;
        }
    }

    fn double_quoted(&mut self, value: &str, allow_breaks: bool, indent: i64) {
        self.write_indicator("\"", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        let mut spaces = false;
        for (i, &c) in chars.iter().enumerate() {
            if !is_printable(c) || c == '\u{feff}' || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                let code = c as u32;
                match c {
                    '\0' => self.put('0'),
                    '\u{7}' => self.put('a'),
                    '\u{8}' => self.put('b'),
                    '\t' => self.put('t'),
                    '\n' => self.put('n'),
                    '\u{b}' => self.put('v'),
                    '\u{c}' => self.put('f'),
                    '\r' => self.put('r'),
                    '\u{1b}' => self.put('e'),
                    '"' => self.put('"'),
                    '\\' => self.put('\\'),
                    '\u{85}' => self.put('N'),
                    '\u{a0}' => self.put('_'),
                    '\u{2028}' => self.put('L'),
                    '\u{2029}' => self.put('P'),
                    _ => {
                        let (marker, width) = if code <= 0xff {
                            ('x', 2)
                        } else if code <= 0xffff {
                            ('u', 4)
                        } else {
                            ('U', 8)
                        };
                        self.put(marker);
                        for ch in format!("{code:0width$X}").chars() {
                            self.put(ch);
                        }
                    }
                }
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && i > 0 && i + 1 < chars.len() {
                    self.write_indent(indent);
                    if chars.get(i + 1) == Some(&' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(c);
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn literal(&mut self, value: &str, indent: i64) {
        self.write_indicator("|", true, false, false);
        let chars: Vec<char> = value.chars().collect();
        if chars.first().is_some_and(|&c| c == ' ' || is_break(c)) {
            self.write_indicator(&BEST_INDENT.to_string(), false, false, false);
        }
        let chomp = match chars.as_slice() {
            [] => Some("-"),
            [.., last] if !is_break(*last) => Some("-"),
            [_] => Some("+"),
            [.., prev, _] if is_break(*prev) => Some("+"),
            _ => None,
        };
        if let Some(ch) = chomp {
            self.write_indicator(ch, false, false, false);
        }
        self.whitespace = true;
        let mut breaks = true;
        for &c in &chars {
            if is_break(c) {
                self.write_break(c);
                breaks = true;
            } else {
                if breaks {
                    self.write_indent(indent);
                }
                self.put(c);
                self.indention = false;
                breaks = false;
            }
        }
    }
}

/// A scalar's text and the style go-yaml's encoder asks for.
fn scalar_text(v: &Value) -> (String, Style) {
    match v {
        Value::Null => ("null".into(), Style::Plain),
        Value::Bool(b) => (b.to_string(), Style::Plain),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                (i.to_string(), Style::Plain)
            } else if let Some(u) = n.as_u64() {
                (u.to_string(), Style::Plain)
            } else {
                let f = n.as_f64().unwrap_or(0.0);
                let s = match gofmt::format_float(f, 'g').as_str() {
                    "+Inf" => ".inf".to_string(),
                    "-Inf" => "-.inf".to_string(),
                    "NaN" => ".nan".to_string(),
                    other => other.to_string(),
                };
                (s, Style::Plain)
            }
        }
        Value::String(s) => {
            let style = if s.contains('\n') {
                Style::Literal
            } else if resolves_to_string(s) && !is_base60_float(s) {
                Style::Plain
            } else {
                Style::Double
            };
            (s.clone(), style)
        }
        // Collections are not scalars; callers never pass them.
        other => (other.to_string(), Style::Double),
    }
}

/// Whether go-yaml v2 would read `s`, unquoted, back as a string (and not a bool, null,
/// number or timestamp).
pub fn resolves_to_string(s: &str) -> bool {
    const SPECIAL: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no", "No", "NO", "false",
        "False", "FALSE", "off", "Off", "OFF", "", "~", "null", "Null", "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf",
        ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "<<",
    ];
    let Some(first) = s.chars().next() else { return false };
    let hinted = first.is_ascii_digit() || matches!(first, '+' | '-' | '.') || "yYnNtTfFoO~".contains(first);
    if !hinted {
        return true;
    }
    if SPECIAL.contains(&s) {
        // `<<` is the merge key; go-yaml emits it plain but it resolves to a merge tag.
        return false;
    }
    match first {
        '.' => s.parse::<f64>().is_err() || !go_parse_float_ok(s),
        '+' | '-' | '0'..='9' => {
            if is_timestamp(s) {
                return false;
            }
            let plain: String = s.chars().filter(|&c| c != '_').collect();
            if go_parse_int(&plain) || is_yaml_float(&plain) {
                return false;
            }
            if let Some(bin) = plain.strip_prefix("0b").or_else(|| plain.strip_prefix("-0b"))
                && !bin.is_empty()
                && bin.chars().all(|c| c == '0' || c == '1')
            {
                return false;
            }
            true
        }
        _ => true,
    }
}

/// Go's `strconv.ParseFloat` accepts `.5`, `.5e3` (and rejects `.`, `.e1`).
fn go_parse_float_ok(s: &str) -> bool {
    let rest = &s[1..];
    let digits = rest.split(['e', 'E']).next().unwrap_or("");
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '_')
}

/// `strconv.ParseInt(s, 0, 64)` or `ParseUint` would succeed (sign, `0x`/`0o`/`0b`/`0`
/// prefixes; range ignored, as an out-of-range number still reads back as a number).
fn go_parse_int(s: &str) -> bool {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (digits, radix) = if let Some(h) = unsigned.strip_prefix("0x").or_else(|| unsigned.strip_prefix("0X")) {
        (h, 16)
    } else if let Some(o) = unsigned.strip_prefix("0o").or_else(|| unsigned.strip_prefix("0O")) {
        (o, 8)
    } else if let Some(b) = unsigned.strip_prefix("0b").or_else(|| unsigned.strip_prefix("0B")) {
        (b, 2)
    } else if unsigned.len() > 1 && unsigned.starts_with('0') {
        (&unsigned[1..], 8)
    } else {
        (unsigned, 10)
    };
    !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix))
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn is_yaml_float(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mantissa_ok = if let Some(frac) = mantissa.strip_prefix('.') {
        !frac.is_empty() && frac.chars().all(|c| c.is_ascii_digit())
    } else {
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        !int.is_empty() && int.chars().all(|c| c.is_ascii_digit()) && frac.chars().all(|c| c.is_ascii_digit())
    };
    let exp_ok = match exp {
        None => true,
        Some(e) => {
            let e = e.strip_prefix(['+', '-']).unwrap_or(e);
            !e.is_empty() && e.chars().all(|c| c.is_ascii_digit())
        }
    };
    mantissa_ok && exp_ok
}

/// go-yaml v2's timestamp forms: `YYYY-M-D`, with `T`/`t`/space and a time, optional
/// fraction and zone.
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return false;
    }
    let (date, time) = match s.find(['T', 't', ' ']) {
        Some(i) => (&s[..i], Some((&s[i..i + 1], &s[i + 1..]))),
        None => (s, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let num = |p: &str, max_len: usize| !p.is_empty() && p.len() <= max_len && p.chars().all(|c| c.is_ascii_digit());
    if parts.len() != 3 || !num(parts[0], 4) || !num(parts[1], 2) || !num(parts[2], 2) {
        return false;
    }
    let (month, day): (u32, u32) = (parts[1].parse().unwrap_or(0), parts[2].parse().unwrap_or(0));
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return false;
    }
    let Some((sep, time)) = time else { return true };
    // `15:4:5.999999999` then a zone (`Z07:00`) unless space-separated.
    let (clock, zone) = match time.find(['Z', 'z', '+', '-']) {
        Some(i) => (&time[..i], &time[i..]),
        None => (time, ""),
    };
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, ""));
    let hms: Vec<&str> = hms.split(':').collect();
    if hms.len() != 3 || !hms.iter().all(|p| num(p, 2)) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    if clock.ends_with('.') {
        return false;
    }
    if sep == " " {
        return zone.is_empty();
    }
    match zone {
        "Z" => true,
        z if z.len() == 6 && (z.starts_with('+') || z.starts_with('-')) && z.as_bytes()[3] == b':' => {
            num(&z[1..3], 2) && num(&z[4..6], 2)
        }
        _ => false,
    }
}

/// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`: YAML 1.1 sexagesimal numbers, which
/// go-yaml quotes for older parsers.
fn is_base60_float(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    if !s.starts_with(|c: char| c.is_ascii_digit()) || !s.contains(':') {
        return false;
    }
    let (main, frac) = s.split_once('.').unwrap_or((s, ""));
    if !frac.chars().all(|c| c.is_ascii_digit() || c == '_') {
        return false;
    }
    let mut parts = main.split(':');
    let head = parts.next().unwrap_or("");
    if !head.chars().all(|c| c.is_ascii_digit() || c == '_') {
        return false;
    }
    parts.all(|p| {
        let b = p.as_bytes();
        match b.len() {
            1 => b[0].is_ascii_digit(),
            2 => (b'0'..=b'5').contains(&b[0]) && b[1].is_ascii_digit(),
            _ => false,
        }
    })
}

/// go-yaml v2's `is_printable`, which leaves out characters beyond the Basic Multilingual
/// Plane (they are escaped in double quotes).
fn is_printable(c: char) -> bool {
    let c = c as u32;
    c == 0x0a
        || (0x20..=0x7e).contains(&c)
        || (0xa0..=0xd7ff).contains(&c)
        || ((0xe000..=0xfffd).contains(&c) && c != 0xfeff)
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

/// libyaml's `yaml_emitter_analyze_scalar` for block context.
fn analyze(value: &str) -> Analysis {
    let chars: Vec<char> = value.chars().collect();
    if chars.is_empty() {
        return Analysis {
            multiline: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let mut block_indicators = value.starts_with("---") || value.starts_with("...");
    let (mut line_breaks, mut special) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) = (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let mut preceded_by_whitespace = true;
    for (i, &c) in chars.iter().enumerate() {
        let followed_by_whitespace = chars.get(i + 1).is_none_or(|&n| is_blank(n));
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"' | '%' | '@' | '`' => {
                    block_indicators = true
                }
                '?' | ':' | '-' if followed_by_whitespace => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_whitespace => block_indicators = true,
                '#' if preceded_by_whitespace => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(c) {
            special = true;
        }
        let last = i + 1 == chars.len();
        if c == ' ' {
            leading_space |= i == 0;
            trailing_space |= last;
            break_space |= previous_break;
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            line_breaks = true;
            leading_break |= i == 0;
            trailing_break |= last;
            space_break |= previous_space;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blank(c) || is_break(c);
    }
    let mut a = Analysis {
        multiline: line_breaks,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks || block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

/// Map keys in go-yaml v2's order (`sorter.go`): runs of digits compare as numbers, and at
/// the first difference a non-letter sorts before a letter.
fn sorted_keys(m: &Map<String, Value>) -> Vec<&String> {
    let mut keys: Vec<&String> = m.keys().collect();
    // Insertion sort with go-yaml's `Less`, which is not a total order for every input, so
    // Rust's sorts (which may panic on inconsistent orders) are avoided.
    for i in 1..keys.len() {
        let mut j = i;
        while j > 0 && key_less(keys[j], keys[j - 1]) {
            keys.swap(j, j - 1);
            j -= 1;
        }
    }
    keys
}

/// go-yaml v2's `keyList.Less` for two string keys.
pub fn key_less(a: &str, b: &str) -> bool {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let mut i = 0;
    while i < ar.len() && i < br.len() {
        if ar[i] == br[i] {
            i += 1;
            continue;
        }
        let al = ar[i].is_alphabetic();
        let bl = br[i].is_alphabetic();
        if al && bl {
            return ar[i] < br[i];
        }
        if al || bl {
            return bl;
        }
        let (mut an, mut bn): (i64, i64) = (0, 0);
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && ar[j - 1].is_ascii_digit() {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && ar[ai].is_ascii_digit() {
            an = an.wrapping_mul(10).wrapping_add(i64::from(ar[ai] as u8 - b'0'));
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && br[bi].is_ascii_digit() {
            bn = bn.wrapping_mul(10).wrapping_add(i64::from(br[bi] as u8 - b'0'));
            bi += 1;
        }
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return ar[i] < br[i];
    }
    ar.len() < br.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn yaml_quotes_strings_that_read_back_as_other_types() {
        let v = json!({"a": "1", "b": "true", "c": "", "d": "2024-01-02T03:04:05Z", "e": "plain", "f": "1.5",
            "g": "null", "h": "0x1F", "i": "y", "j": "1:30", "k": "v1.2"});
        assert_eq!(
            to_yaml(&v),
            "a: \"1\"\nb: \"true\"\nc: \"\"\nd: \"2024-01-02T03:04:05Z\"\ne: plain\nf: \"1.5\"\ng: \"null\"\nh: \"0x1F\"\ni: \"y\"\nj: \"1:30\"\nk: v1.2\n"
        );
    }

    #[test]
    fn yaml_single_quotes_indicators_and_edge_spaces() {
        let v =
            json!({"a": "*", "b": "- x", "c": " lead", "d": "a: b", "e": "it's", "f": "@x", "g": "a #b", "h": "-c"});
        assert_eq!(to_yaml(&v), "a: '*'\nb: '- x'\nc: ' lead'\nd: 'a: b'\ne: it's\nf: '@x'\ng: 'a #b'\nh: -c\n");
    }

    #[test]
    fn yaml_nests_mappings_and_sequences_like_kubectl() {
        let v = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {}},
            "spec": {"containers": [{"name": "c", "image": "nginx", "args": ["a", "b"], "ports": []}]}});
        assert_eq!(
            to_yaml(&v),
            "apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {}\n  name: p\nspec:\n  containers:\n  - args:\n    - a\n    - b\n    image: nginx\n    name: c\n    ports: []\n"
        );
    }

    #[test]
    fn yaml_literal_blocks_for_multiline_strings() {
        let v = json!({"a": "{\"x\":1}\n", "b": "one\ntwo", "c": "x\n\n", "d": ["l1\nl2\n"]});
        assert_eq!(to_yaml(&v), "a: |\n  {\"x\":1}\nb: |-\n  one\n  two\nc: |+\n  x\n\nd:\n- |\n  l1\n  l2\n");
    }

    #[test]
    fn yaml_double_quotes_multiline_with_trailing_spaces_and_tabs() {
        let v = json!({"a": "x \ny", "b": "tab\there"});
        assert_eq!(to_yaml(&v), "a: \"x \\ny\"\nb: \"tab\\there\"\n");
    }

    #[test]
    fn yaml_folds_long_plain_strings_at_80_columns() {
        let words = "word ".repeat(30);
        let v = json!({"message": words.trim_end()});
        let out = to_yaml(&v);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2, "{out}");
        assert!(lines[0].len() > 80 && lines[0].len() < 90, "{out}");
        assert!(lines[1].starts_with("  word"), "{out}");
    }

    #[test]
    fn yaml_numbers_bools_and_null_are_plain() {
        let v = json!({"a": 1, "b": 2.5, "c": true, "d": null, "e": 1e6, "f": [[1, 2], {}]});
        assert_eq!(to_yaml(&v), "a: 1\nb: 2.5\nc: true\nd: null\ne: 1e+06\nf:\n- - 1\n  - 2\n- {}\n");
    }

    #[test]
    fn yaml_keys_sort_naturally_like_go_yaml() {
        assert!(key_less("item9", "item10"));
        assert!(key_less("a_b", "aB"), "non-letters before letters");
        assert!(key_less("app", "app.kubernetes.io/name"));
        let v = json!({"b": 1, "a10": 1, "a9": 1, "A": 1});
        assert_eq!(to_yaml(&v), "A: 1\na9: 1\na10: 1\nb: 1\n");
    }

    #[test]
    fn yaml_escapes_characters_beyond_the_bmp() {
        assert_eq!(to_yaml(&json!({"e": "hi 😀"})), "e: \"hi \\U0001F600\"\n");
        assert_eq!(to_yaml(&json!({"e": "héllo"})), "e: héllo\n");
    }

    #[test]
    fn yaml_empty_root_collections() {
        assert_eq!(to_yaml(&json!({})), "{}\n");
        assert_eq!(to_yaml(&json!([])), "[]\n");
    }
}
