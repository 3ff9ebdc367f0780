//! Reading manifests as kubectl does for `apply -f`, `create -f`, `delete -f` and `diff -f`:
//! files, directories (`.json`, `.yaml`, `.yml`; `-R` descends), `-` for stdin;
//! multi-document YAML split on `---` lines, JSON streams, and `List` objects flattened into
//! their items. YAML is converted to JSON the way sigs.k8s.io/yaml does (keys become strings,
//! `<<` merge keys are applied, whole floats become integers).
//!
//! A file is parsed completely before anything is sent: one broken document makes the whole
//! file an error that names the file, the document, and the line and column (counted in the
//! file, not the document), so a half-applied file cannot happen. Pure apart from reading
//! the files; depends on nothing else in kx.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// Where manifests come from: a path (file or directory) or stdin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Stdin,
    Path(PathBuf),
}

impl Input {
    /// What kubectl's `-f` argument means: `-` is stdin.
    pub fn from_arg(arg: &str) -> Input {
        if arg == "-" { Input::Stdin } else { Input::Path(PathBuf::from(arg)) }
    }
}

/// One object read from a manifest, with where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct ManifestObject {
    /// The file as kubectl names it in messages (`STDIN` for stdin).
    pub source: String,
    /// 1-based index of the document in its file.
    pub document: usize,
    pub object: Value,
}

/// A file read completely: its objects, or the error that rejects all of them.
#[derive(Debug)]
pub struct ManifestFile {
    pub source: String,
    pub objects: Result<Vec<ManifestObject>, ManifestError>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ManifestError {
    #[error("the path \"{0}\" does not exist")]
    PathNotFound(String),
    #[error("error reading {file}: {message}")]
    Read { file: String, message: String },
    /// Not valid YAML or JSON. `line` and `column` count from 1 in the whole file.
    #[error("error parsing {file} (document {document}): {}", location_text(*.line, *.column, .message))]
    Syntax { file: String, document: usize, line: Option<usize>, column: Option<usize>, message: String },
    /// Valid YAML that is not an object.
    #[error("error parsing {file} (document {document}): expected an object, found {found}")]
    NotAnObject { file: String, document: usize, found: &'static str },
    /// kubectl's message for objects without `apiVersion` or `kind`.
    #[error(
        "error validating \"{file}\": error validating data: {}; if you choose to ignore these errors, turn validation off with --validate=false",
        missing_text(.missing)
    )]
    MissingTypeInfo { file: String, document: usize, missing: Vec<&'static str> },
    #[error("URLs are not supported as manifest sources: {0}")]
    UrlUnsupported(String),
}

fn location_text(line: Option<usize>, column: Option<usize>, message: &str) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("yaml: line {l}, column {c}: {message}"),
        (Some(l), None) => format!("yaml: line {l}: {message}"),
        _ => format!("yaml: {message}"),
    }
}

fn missing_text(missing: &[&str]) -> String {
    let parts: Vec<String> = missing.iter().map(|m| format!("{m} not set")).collect();
    if parts.len() == 1 { parts[0].clone() } else { format!("[{}]", parts.join(", ")) }
}

/// The files behind `-f` arguments, in kubectl's order: each argument in turn, a
/// directory's entries sorted by name, subdirectories only when `recursive`.
pub fn expand_paths(inputs: &[Input], recursive: bool) -> Result<Vec<Input>, ManifestError> {
    let mut out = Vec::new();
    for input in inputs {
        match input {
            Input::Stdin => out.push(Input::Stdin),
            Input::Path(p) => {
                let text = p.to_string_lossy();
                if text.starts_with("http://") || text.starts_with("https://") {
                    return Err(ManifestError::UrlUnsupported(text.into_owned()));
                }
                let meta = std::fs::metadata(p).map_err(|_| ManifestError::PathNotFound(text.into_owned()))?;
                if meta.is_dir() {
                    walk(p, recursive, &mut out)?;
                } else {
                    out.push(Input::Path(p.clone()));
                }
            }
        }
    }
    Ok(out)
}

fn walk(dir: &Path, recursive: bool, out: &mut Vec<Input>) -> Result<(), ManifestError> {
    let read_err = |e: std::io::Error| ManifestError::Read { file: dir.display().to_string(), message: e.to_string() };
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).map_err(read_err)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            if recursive {
                walk(&p, recursive, out)?;
            }
            continue;
        }
        let manifest_ext = p.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "json" | "yaml" | "yml"));
        if manifest_ext {
            out.push(Input::Path(p));
        }
    }
    Ok(())
}

/// Read and parse every file behind `inputs`. Errors that concern a single file are kept
/// with it (the other files still count); a missing path fails the whole call, as with
/// kubectl.
pub fn read_inputs(inputs: &[Input], recursive: bool) -> Result<Vec<ManifestFile>, ManifestError> {
    let files = expand_paths(inputs, recursive)?;
    let mut out = Vec::new();
    for f in files {
        let (source, text) = match &f {
            Input::Stdin => {
                let mut s = String::new();
                let r = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s);
                ("STDIN".to_string(), r.map(|_| s))
            }
            Input::Path(p) => (p.display().to_string(), std::fs::read_to_string(p)),
        };
        let objects = match text {
            Ok(t) => parse(&source, &t),
            Err(e) => Err(ManifestError::Read { file: source.clone(), message: e.to_string() }),
        };
        out.push(ManifestFile { source, objects });
    }
    Ok(out)
}

/// Parse one file's text into objects, `List`s flattened. Empty documents are skipped.
pub fn parse(source: &str, text: &str) -> Result<Vec<ManifestObject>, ManifestError> {
    let docs = if text.trim_start().starts_with('{') {
        parse_json_stream(source, text)?
    } else {
        parse_yaml_stream(source, text)?
    };
    let mut out = Vec::new();
    for (document, value) in docs {
        let Value::Object(map) = value else {
            return Err(ManifestError::NotAnObject { file: source.to_string(), document, found: json_type(&value) });
        };
        let value = Value::Object(map);
        if is_list(&value) {
            for item in value.get("items").and_then(Value::as_array).into_iter().flatten() {
                if !item.is_object() {
                    return Err(ManifestError::NotAnObject {
                        file: source.to_string(),
                        document,
                        found: json_type(item),
                    });
                }
                check_type_info(source, document, item)?;
                out.push(ManifestObject { source: source.to_string(), document, object: item.clone() });
            }
            continue;
        }
        check_type_info(source, document, &value)?;
        out.push(ManifestObject { source: source.to_string(), document, object: value });
    }
    Ok(out)
}

/// `kind: List`, or any `…List` kind with `items`, as kubectl's unstructured decoding treats
/// them.
fn is_list(v: &Value) -> bool {
    let kind = v.get("kind").and_then(Value::as_str).unwrap_or("");
    kind.ends_with("List") && v.get("items").is_some_and(Value::is_array)
}

fn check_type_info(source: &str, document: usize, v: &Value) -> Result<(), ManifestError> {
    let mut missing = Vec::new();
    if v.get("apiVersion").and_then(Value::as_str).is_none_or(str::is_empty) {
        missing.push("apiVersion");
    }
    if v.get("kind").and_then(Value::as_str).is_none_or(str::is_empty) {
        missing.push("kind");
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(ManifestError::MissingTypeInfo { file: source.to_string(), document, missing })
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Consecutive JSON values, as kubectl's decoder reads a JSON file.
fn parse_json_stream(source: &str, text: &str) -> Result<Vec<(usize, Value)>, ManifestError> {
    let mut out = Vec::new();
    let stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    for (i, v) in stream.enumerate() {
        match v {
            Ok(v) => out.push((i + 1, v)),
            Err(e) => {
                return Err(ManifestError::Syntax {
                    file: source.to_string(),
                    document: i + 1,
                    line: Some(e.line()),
                    column: Some(e.column()),
                    message: json_error_message(&e),
                });
            }
        }
    }
    Ok(out)
}

/// serde_json's message without its trailing position (which the error shows separately).
fn json_error_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    s.strip_suffix(&suffix).unwrap_or(&s).to_string()
}

/// A YAML document separator as kubectl's reader recognises it: `---` at the start of a
/// line, followed by nothing but spaces or a comment.
fn is_separator(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("---") else { return false };
    let rest = rest.trim();
    rest.is_empty() || rest.starts_with('#')
}

/// Documents of a YAML stream with their 1-based index; empty documents are dropped.
fn parse_yaml_stream(source: &str, text: &str) -> Result<Vec<(usize, Value)>, ManifestError> {
    let mut chunks: Vec<(usize, String)> = Vec::new();
    let mut current = String::new();
    let mut start_line = 1;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if is_separator(line.trim_end_matches(['\n', '\r'])) {
            chunks.push((start_line, std::mem::take(&mut current)));
            start_line = i + 2;
            continue;
        }
        current.push_str(line);
    }
    chunks.push((start_line, current));
    // A leading `---` produces an empty first chunk that is not a document.
    if chunks.len() > 1 && chunks[0].1.trim().is_empty() && chunks[0].0 == 1 {
        chunks.remove(0);
    }
    let mut out = Vec::new();
    for (index, (start, chunk)) in chunks.into_iter().enumerate() {
        let document = index + 1;
        let parsed: serde_yaml::Value = match serde_yaml::from_str(&chunk) {
            Ok(v) => v,
            Err(e) => return Err(yaml_error(source, document, start, &e)),
        };
        let mut parsed = parsed;
        if let Err(e) = parsed.apply_merge() {
            return Err(yaml_error(source, document, start, &e));
        }
        if parsed.is_null() {
            continue;
        }
        let value = yaml_to_json(parsed).map_err(|message| ManifestError::Syntax {
            file: source.to_string(),
            document,
            line: None,
            column: None,
            message,
        })?;
        out.push((document, value));
    }
    Ok(out)
}

/// A serde_yaml error with lines counted in the file: the first position becomes the
/// error's line and column, later ones (libyaml's "while scanning … at line N") are shifted.
fn yaml_error(source: &str, document: usize, start_line: usize, e: &serde_yaml::Error) -> ManifestError {
    let offset = start_line - 1;
    let mut message = e.to_string();
    let (line, column) = match e.location() {
        Some(loc) => {
            let own = format!(" at line {} column {}", loc.line(), loc.column());
            if let Some(pos) = message.find(&own) {
                message.replace_range(pos..pos + own.len(), "");
            }
            (Some(loc.line() + offset), Some(loc.column()))
        }
        None => (None, None),
    };
    ManifestError::Syntax { file: source.to_string(), document, line, column, message: shift_lines(&message, offset) }
}

/// Add `offset` to every `line N` in a message.
fn shift_lines(message: &str, offset: usize) -> String {
    if offset == 0 {
        return message.to_string();
    }
    let mut out = String::new();
    let mut rest = message;
    while let Some(pos) = rest.find("line ") {
        out.push_str(&rest[..pos + 5]);
        rest = &rest[pos + 5..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(n) = digits.parse::<usize>() {
            out.push_str(&(n + offset).to_string());
            rest = &rest[digits.len()..];
        }
    }
    out.push_str(rest);
    out
}

/// YAML to JSON as sigs.k8s.io/yaml converts: scalar keys become strings, tags are dropped,
/// floats that are whole numbers become integers (Go's encoder writes them without a
/// fraction, and the decoder then reads an integer).
pub fn yaml_to_json(v: serde_yaml::Value) -> Result<Value, String> {
    use serde_yaml::Value as Y;
    Ok(match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                if !f.is_finite() {
                    return Err(format!("json: unsupported value: {f}"));
                }
                if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
                    Value::from(f as i64)
                } else {
                    serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)
                }
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect::<Result<_, _>>()?),
        Y::Mapping(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                let key = match k {
                    Y::String(s) => s,
                    Y::Bool(b) => b.to_string(),
                    Y::Number(n) => n.to_string(),
                    Y::Null => "null".to_string(),
                    other => return Err(format!("unsupported map key: {other:?}")),
                };
                out.insert(key, yaml_to_json(v)?);
            }
            Value::Object(out)
        }
        Y::Tagged(t) => yaml_to_json(t.value)?,
    })
}

/// JSON as Go's `encoding/json` writes it: compact, keys sorted, and `<`, `>`, `&`, U+2028
/// and U+2029 escaped. kubectl's last-applied-configuration annotation is this text plus a
/// newline; writing it byte for byte the same is what lets kubectl and kx take turns applying
/// an object and both see it as `unchanged`.
pub fn go_json(v: &Value) -> String {
    let mut out = String::new();
    write_go_json(v, &mut out);
    out
}

fn write_go_json(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&go_number(n)),
        Value::String(s) => write_go_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_go_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_go_string(k, out);
                out.push(':');
                write_go_json(&map[k], out);
            }
            out.push('}');
        }
    }
}

/// Go's float formatting in JSON: plain decimal between 1e-6 and 1e21, exponent otherwise
/// (`1e+21`, `1e-07`).
fn go_number(n: &serde_json::Number) -> String {
    if n.is_i64() || n.is_u64() {
        return n.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let s = format!("{f:e}");
        // Rust writes `1e21` / `1e-7`; Go writes `1e+21` / `1e-07`.
        let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let (sign, digits) = match exp.strip_prefix('-') {
            Some(d) => ('-', d),
            None => ('+', exp),
        };
        let digits = if digits.len() < 2 { format!("0{digits}") } else { digits.to_string() };
        format!("{mantissa}e{sign}{digits}")
    } else {
        n.to_string()
    }
}

fn write_go_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fixture(rel: &str) -> (String, String) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel);
        (rel.to_string(), std::fs::read_to_string(path).expect("fixture"))
    }

    #[test]
    fn parse_multi_document_yaml_skips_empty_documents() {
        let text = "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n";
        let objs = parse("f.yaml", text).expect("parses");
        assert_eq!(objs.len(), 2);
        assert_eq!(objs[0].object["metadata"]["name"], "a");
        assert_eq!(objs[1].document, 3);
    }

    #[test]
    fn parse_list_is_flattened_into_items() {
        let text = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Secret\n  metadata: {name: b}\n";
        let objs = parse("f.yaml", text).expect("parses");
        let kinds: Vec<&str> = objs.iter().map(|o| o.object["kind"].as_str().unwrap_or("")).collect();
        assert_eq!(kinds, ["ConfigMap", "Secret"]);
    }

    #[test]
    fn parse_json_stream_reads_each_value() {
        let text = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}\n{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\"}}";
        assert_eq!(parse("f.json", text).expect("parses").len(), 2);
        let err = parse("f.json", "{\"apiVersion\": \"v1\",\n \"kind\": ").expect_err("truncated");
        assert!(matches!(err, ManifestError::Syntax { line: Some(2), .. }), "{err}");
    }

    #[test]
    fn parse_misindented_service_names_file_document_line_and_column() {
        let (name, text) = fixture("bad/seed-misindented-service.yaml");
        let err = parse(&name, &text).expect_err("invalid YAML");
        let ManifestError::Syntax { document, line, column, ref message, .. } = err else { panic!("{err:?}") };
        assert_eq!((document, line), (1, Some(13)));
        assert!(column.is_some());
        assert!(message.contains("mapping values are not allowed in this context"), "{message}");
        let shown = err.to_string();
        assert!(
            shown.starts_with("error parsing bad/seed-misindented-service.yaml (document 1): yaml: line 13, column"),
            "{shown}"
        );
    }

    #[test]
    fn parse_secret_without_space_names_the_broken_line() {
        let (name, text) = fixture("bad/seed-secret-no-space.yaml");
        let err = parse(&name, &text).expect_err("invalid YAML");
        let shown = err.to_string();
        assert!(shown.contains("could not find expected ':'"), "{shown}");
        assert!(matches!(err, ManifestError::Syntax { line: Some(7..=8), .. }), "{shown}");
    }

    #[test]
    fn parse_error_in_later_document_counts_lines_in_the_file() {
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n   bad: indent\n";
        let err = parse("f.yaml", text).expect_err("invalid");
        assert!(matches!(err, ManifestError::Syntax { document: 2, line: Some(9), .. }), "{err}");
    }

    #[test]
    fn parse_missing_kind_uses_kubectls_message() {
        let err = parse("f.yaml", "metadata: {name: a}\n").expect_err("no type");
        assert_eq!(
            err.to_string(),
            "error validating \"f.yaml\": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false"
        );
    }

    #[test]
    fn parse_scalar_document_is_not_an_object() {
        let err = parse("f.yaml", "just text\n").expect_err("scalar");
        assert!(err.to_string().contains("expected an object, found a string"), "{err}");
    }

    #[test]
    fn yaml_to_json_stringifies_keys_applies_merges_and_integral_floats() {
        let text = "base: &b {x: 1}\nderived:\n  <<: *b\n  y: 2.0\n  z: 0.5\n1: one\ntrue: yes\n";
        let v: serde_yaml::Value = serde_yaml::from_str(text).expect("yaml");
        let mut v = v;
        v.apply_merge().expect("merge");
        let j = yaml_to_json(v).expect("json");
        assert_eq!(j["derived"], json!({"x": 1, "y": 2, "z": 0.5}));
        assert_eq!(j["1"], "one");
        assert_eq!(j["true"], "yes");
    }

    #[test]
    fn go_json_matches_kubectl_annotation_bytes() {
        let v = json!({"kind": "ConfigMap", "apiVersion": "v1", "data": {"a": "<&>", "b": "line\nbreak"}, "n": 1.5, "big": 1e21});
        assert_eq!(
            go_json(&v),
            r#"{"apiVersion":"v1","big":1e+21,"data":{"a":"\u003c\u0026\u003e","b":"line\nbreak"},"kind":"ConfigMap","n":1.5}"#
        );
    }

    #[test]
    fn expand_paths_reads_directories_sorted_and_filters_extensions() {
        let dir = tempfile::tempdir().expect("tempdir");
        for f in ["b.yaml", "a.json", "c.txt", "sub/d.yml"] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, "").expect("write");
        }
        let names = |recursive| -> Vec<String> {
            expand_paths(&[Input::Path(dir.path().to_path_buf())], recursive)
                .expect("expands")
                .into_iter()
                .map(|i| match i {
                    Input::Path(p) => p.strip_prefix(dir.path()).expect("inside").display().to_string(),
                    Input::Stdin => "-".into(),
                })
                .collect()
        };
        assert_eq!(names(false), ["a.json", "b.yaml"]);
        assert_eq!(names(true), ["a.json", "b.yaml", "sub/d.yml"]);
        let missing = expand_paths(&[Input::Path("/nonexistent/x.yaml".into())], false).expect_err("missing");
        assert_eq!(missing.to_string(), "the path \"/nonexistent/x.yaml\" does not exist");
    }
}
