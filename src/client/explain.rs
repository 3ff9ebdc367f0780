//! `explain`: the documentation of a resource or one of its fields, from the server's OpenAPI
//! v3 documents, printed exactly as kubectl 1.33's `plaintext` explain template prints it
//! (kubectl/pkg/explain/v2/templates/plaintext.tmpl). The renderer follows the template's
//! logic step by step, including its word wrapping (go-wordwrap), indentation, cycle
//! detection through `$ref`s, enum lines and error texts, so the output matches byte for byte.

use serde_json::{Map, Value};

use super::{ClientError, Session, rest};
use crate::k8s::catalog::ResourceType;

#[derive(Clone, Debug, Default)]
pub struct ExplainOptions {
    /// `TYPE[.field.path]` as typed.
    pub path: String,
    pub recursive: bool,
    /// `--api-version G/V`.
    pub api_version: Option<String>,
    /// `plaintext` (the default).
    pub output: String,
}

/// What explain printed before it failed, and why it failed (kubectl prints both).
#[derive(Debug, PartialEq)]
pub struct RenderError {
    pub partial: String,
    pub message: String,
}

/// Resolve the type, fetch its group version's document and render it. On failure the text
/// rendered so far comes back with the error, as kubectl writes both.
pub async fn explain(session: &Session, opts: &ExplainOptions) -> Result<String, (String, ClientError)> {
    let fail = |e: ClientError| (String::new(), e);
    match opts.output.as_str() {
        "plaintext" => {}
        // The pre-1.27 layout, read from /openapi/v2: kx renders only from OpenAPI v3.
        "plaintext-openapiv2" => {
            return Err(fail(ClientError::Usage(
                "--output plaintext-openapiv2 is not supported by kx explain; use --output plaintext".into(),
            )));
        }
        other => return Err(fail(ClientError::Other(format!("unrecognized format: {other}")))),
    }
    let (rt, fields) = resolve(session, &opts.path, opts.api_version.is_some()).await.map_err(fail)?;
    let (mut group, mut version) = (rt.group.clone(), rt.version.clone());
    if let Some(gv) = &opts.api_version {
        let (g, v) = crate::k8s::catalog::split_api_version(gv);
        (group, version) = (g.to_string(), v.to_string());
    }
    let client = session.client();
    let index = rest::call_json(client, get("/openapi/v3")).await.map_err(|e| fail(e.into()))?;
    let gv_path = if group.is_empty() { format!("api/{version}") } else { format!("apis/{group}/{version}") };
    let gvr = format!("{}/{version}, Resource={}", group, rt.plural);
    let Some(url) = index
        .pointer(&format!("/paths/{}/serverRelativeURL", gv_path.replace('~', "~0").replace('/', "~1")))
        .and_then(Value::as_str)
    else {
        return Err(fail(ClientError::Other(format!("couldn't find resource for \"{gvr}\""))));
    };
    let doc = rest::call_json(client, get(url)).await.map_err(|e| {
        fail(ClientError::Other(format!("failed to fetch openapi schema for {gv_path}: {}", ClientError::from(e))))
    })?;
    render_plaintext(&doc, &group, &version, &rt.plural, &fields, opts.recursive)
        .map_err(|e| (e.partial, ClientError::Other(e.message.trim_start_matches("error: ").to_string())))
}

fn get(path: &str) -> http::Request<Vec<u8>> {
    http::Request::get(path).header("Accept", "application/json").body(Vec::new()).expect("valid request")
}

/// Split `TYPE.field.path` as kubectl does: without `--api-version`, the longest prefix that
/// names a resource (`deployments.apps.spec` is `deployments.apps`, field `spec`); with it,
/// only the first segment.
async fn resolve(
    session: &Session,
    input: &str,
    api_version_given: bool,
) -> Result<(ResourceType, Vec<String>), ClientError> {
    let parts: Vec<&str> = input.split('.').collect();
    let first = parts.first().copied().unwrap_or_default();
    let tries: Vec<usize> = if api_version_given { vec![1] } else { (1..=parts.len()).rev().collect() };
    let single = |types: Vec<ResourceType>, n: usize| {
        (types.len() == 1 && (n == 1 || !types[0].group.is_empty())).then(|| types.into_iter().next()).flatten()
    };
    // The cached discovery first, so the prefixes that are not types cost no request.
    let cached = session.discovery().await?;
    for &n in &tries {
        let found = cached.resolve(&parts[..n].join(".")).map(|t| t.into_iter().cloned().collect::<Vec<_>>());
        if let Some(rt) = found.ok().and_then(|t| single(t, n)) {
            return Ok((rt, parts[n..].iter().map(|s| s.to_string()).collect()));
        }
    }
    // Unknown to the cache: one refresh (a CRD may be new), as kubectl does.
    let fresh = super::discovery::Discovery::load(&session.conn.client, &session.conn.cluster_url, true).await?;
    for &n in &tries {
        let found = fresh.resolve(&parts[..n].join(".")).map(|t| t.into_iter().cloned().collect::<Vec<_>>());
        if let Some(rt) = found.ok().and_then(|t| single(t, n)) {
            return Ok((rt, parts[n..].iter().map(|s| s.to_string()).collect()));
        }
    }
    Err(ClientError::Resolve(super::discovery::ResolveError::Unknown(first.to_string())))
}

// ---- the plaintext template ----

type Doc = Value;

fn obj(v: &Value) -> Option<&Map<String, Value>> {
    v.as_object()
}

/// Go template truthiness: empty maps, lists and strings, `false`, zero and null are false.
fn truthy(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
        Some(Value::String(s)) => !s.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(Value::Object(m)) => !m.is_empty(),
    }
}

/// `resolveRef`: a `#/a/b/c` reference into the document, or `None`.
fn resolve_ref<'a>(reference: Option<&Value>, doc: &'a Doc) -> Option<&'a Value> {
    let r = reference?.as_str()?;
    let fragment = r.strip_prefix('#')?;
    let mut cur = doc;
    for k in fragment.split('/').filter(|k| !k.is_empty()) {
        cur = cur.get(k).filter(|v| v.is_object())?;
    }
    Some(cur)
}

/// `or (resolveRef $ref) $schema`.
fn resolved<'a>(schema: &'a Value, doc: &'a Doc) -> &'a Value {
    match resolve_ref(schema.get("$ref"), doc) {
        Some(r) if truthy(Some(r)) => r,
        _ => schema,
    }
}

fn ref_string(schema: &Value) -> &str {
    schema.get("$ref").and_then(Value::as_str).unwrap_or_default()
}

/// A map-valued `additionalProperties` (a boolean one does not count).
fn additional(schema: &Value) -> Option<&Value> {
    schema.get("additionalProperties").filter(|a| a.is_object() && truthy(Some(a)))
}

fn items(schema: &Value) -> Option<&Value> {
    schema.get("items").filter(|i| truthy(Some(i)))
}

fn sorted_properties(schema: &Value) -> Vec<(&String, &Value)> {
    let mut props: Vec<(&String, &Value)> =
        schema.get("properties").and_then(obj).map(|m| m.iter().collect()).unwrap_or_default();
    props.sort_by(|a, b| a.0.cmp(b.0));
    props
}

/// kubectl's `indent`: the pad before the text and after every newline.
fn indent(amount: usize, s: &str) -> String {
    let pad = " ".repeat(amount);
    format!("{pad}{}", s.replace('\n', &format!("\n{pad}")))
}

/// go-wordwrap's `WrapString` (what kubectl's word-wrap writer runs): breaks at spaces so
/// lines stay within `lim` characters, keeps existing newlines, never splits a word.
pub fn wrap(s: &str, lim: usize) -> String {
    let mut buf = String::with_capacity(s.len() + s.len() / lim.max(1));
    let mut current = 0usize;
    let (mut word, mut space) = (String::new(), String::new());
    let (mut word_len, mut space_len) = (0usize, 0usize);
    for c in s.chars() {
        if c == '\n' {
            if word.is_empty() {
                // Trailing spaces that would overflow the line are dropped.
                if current + space_len <= lim {
                    buf.push_str(&space);
                }
                space.clear();
                space_len = 0;
            } else {
                buf.push_str(&space);
                buf.push_str(&word);
                space.clear();
                word.clear();
                (space_len, word_len) = (0, 0);
            }
            buf.push(c);
            current = 0;
        } else if c.is_whitespace() && c != '\u{a0}' {
            if space.is_empty() || !word.is_empty() {
                current += space_len + word_len;
                buf.push_str(&space);
                buf.push_str(&word);
                space.clear();
                word.clear();
                (space_len, word_len) = (0, 0);
            }
            space.push(c);
            space_len += 1;
        } else {
            word.push(c);
            word_len += 1;
            if current + space_len + word_len > lim && word_len < lim {
                buf.push('\n');
                current = 0;
                space.clear();
                space_len = 0;
            }
        }
    }
    if word.is_empty() {
        if current + space_len <= lim {
            buf.push_str(&space);
        }
    } else {
        buf.push_str(&space);
        buf.push_str(&word);
    }
    buf
}

/// How Go's `%v` prints a JSON value decoded into `interface{}`.
fn go_value(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e21 => format!("{f:.0}"),
            Some(f) => format!("{f}"),
            None => n.to_string(),
        },
        Value::Bool(b) => b.to_string(),
        Value::Null => "<nil>".into(),
        other => other.to_string(),
    }
}

fn type_guess(schema: &Value, doc: &Doc) -> String {
    if let Some(i) = items(schema) {
        return format!("[]{}", type_guess(i, doc));
    }
    if let Some(a) = additional(schema) {
        return format!("map[string]{}", type_guess(a, doc));
    }
    if let Some(Value::Array(all)) = schema.get("allOf")
        && all.len() == 1
        && !truthy(schema.get("properties"))
    {
        return type_guess(&all[0], doc);
    }
    if let Some(r) = schema.get("$ref").filter(|r| truthy(Some(r))) {
        let ref_schema = resolve_ref(Some(r), doc).filter(|s| truthy(Some(s)));
        let ref_type = ref_schema.and_then(|s| s.get("type")).filter(|t| truthy(Some(t)));
        return match ref_type {
            Some(t) if t != "object" => go_value(t),
            _ => {
                let r = go_value(r);
                let last = r.rsplit('/').next().unwrap_or_default();
                let name = last.rsplit('.').next().unwrap_or_default();
                if name.is_empty() { "Object".into() } else { name.to_string() }
            }
        };
    }
    match schema.get("type").filter(|t| truthy(Some(t))) {
        Some(t) if t == "object" => "Object".into(),
        Some(t) => go_value(t),
        None => "Object".into(),
    }
}

fn extract_enum(schema: &Value, long_view: bool, limit: i64, indent_amount: usize) -> String {
    let Some(Value::Array(values)) = schema.get("enum").filter(|e| truthy(Some(e))) else { return String::new() };
    let mut out = if long_view { "ENUM:".to_string() } else { format!("\n{}enum: ", " ".repeat(indent_amount)) };
    for (i, e) in values.iter().enumerate() {
        if limit > -1 && i as i64 >= limit {
            out.push_str(", ....");
            break;
        }
        if i > 0 && !long_view {
            out.push_str(", ");
        } else if long_view {
            out.push_str("\n    ");
        }
        match e {
            Value::String(s) if s.is_empty() => out.push_str("\"\""),
            other => out.push_str(&go_value(other)),
        }
    }
    out
}

fn description(schema: &Value, doc: &Doc) -> String {
    let s = resolved(schema, doc);
    let mut out = String::new();
    if let Some(d) = s.get("description").filter(|d| truthy(Some(d))) {
        out.push_str(&go_value(d));
        out.push('\n');
    }
    if let Some(Value::Array(all)) = s.get("allOf") {
        for a in all {
            out.push_str(&description(a, doc));
        }
    }
    if let Some(i) = items(s) {
        out.push_str(&description(i, doc));
    }
    if let Some(a) = additional(s) {
        out.push_str(&description(a, doc));
    }
    out
}

fn field_detail(name: &str, parent: &Value, short: bool, level: usize, doc: &Doc) -> String {
    let indent_amount = level * 2;
    let null = Value::Null;
    let field = parent.get("properties").and_then(|p| p.get(name)).unwrap_or(&null);
    let mut out = format!("{}\t<{}>", indent(indent_amount, name), type_guess(field, doc));
    let required = parent.get("required").and_then(Value::as_array).is_some_and(|r| r.iter().any(|x| x == name));
    if required {
        out.push_str(" -required-");
    }
    out.push_str(&extract_enum(field, false, 4, indent_amount));
    out.push('\n');
    if !short {
        let d = field
            .get("description")
            .filter(|d| truthy(Some(d)))
            .map(go_value)
            .unwrap_or_else(|| "<no description>".into());
        out.push_str(&indent(indent_amount + 2, &wrap(&d, 78usize.saturating_sub(indent_amount))));
        out.push_str("\n\n");
    }
    out
}

fn field_list(schema: &Value, level: usize, history: &[String], recursive: bool, doc: &Doc) -> String {
    let r = ref_string(schema);
    if !r.is_empty() && history.iter().any(|h| h == r) {
        return String::new();
    }
    let mut next = history.to_vec();
    next.push(r.to_string());
    let s = resolved(schema, doc);
    let mut out = String::new();
    for (k, v) in sorted_properties(s) {
        out.push_str(&field_detail(k, s, recursive, level, doc));
        if recursive {
            out.push_str(&field_list(v, level + 1, &next, recursive, doc));
        }
    }
    if let Some(Value::Array(all)) = s.get("allOf") {
        for a in all {
            out.push_str(&field_list(a, level, &next, recursive, doc));
        }
    }
    if let Some(i) = items(s) {
        out.push_str(&field_list(i, level, &next, recursive, doc));
    }
    if let Some(a) = additional(s) {
        out.push_str(&field_list(a, level, &next, recursive, doc));
    }
    out
}

fn output(schema: &Value, path: &[String], history: &[String], recursive: bool, doc: &Doc) -> String {
    let r = ref_string(schema);
    let mut next = history.to_vec();
    next.push(r.to_string());
    let s = resolved(schema, doc);
    if path.is_empty() {
        let d = description(s, doc);
        let d = if d.is_empty() { "<empty>".to_string() } else { d };
        let mut out = format!("DESCRIPTION:\n{}\n", indent(4, &wrap(&d, 76)));
        let fields = field_list(s, 1, &[], recursive, doc);
        if !fields.is_empty() {
            out.push_str("FIELDS:\n");
            out.push_str(&fields);
        }
        return out;
    }
    if !r.is_empty() && history.iter().any(|h| h == r) {
        return String::new();
    }
    if let Some(sub) = s.get("properties").filter(|p| truthy(Some(p))).and_then(|p| p.get(&path[0]))
        && truthy(Some(sub))
    {
        let mut out = String::new();
        if path.len() == 1 {
            out.push_str(&format!("FIELD: {} <{}>\n", path[0], type_guess(sub, doc)));
            out.push_str(&extract_enum(sub, true, -1, 0));
            out.push_str("\n\n");
        }
        out.push_str(&output(sub, &path[1..], &[], recursive, doc));
        return out;
    }
    if let Some(i) = items(s) {
        return output(i, path, &next, recursive, doc);
    }
    if let Some(a) = additional(s) {
        return output(a, path, &next, recursive, doc);
    }
    if let Some(Value::Array(all)) = s.get("allOf") {
        for a in all {
            let o = output(a, path, &next, recursive, doc);
            if !o.is_empty() {
                return o;
            }
        }
    }
    String::new()
}

/// The GVK kubectl reads off the resource's operations.
fn find_gvk<'a>(doc: &'a Doc, group: &str, version: &str, resource: &str) -> Option<&'a Value> {
    let prefix = if group.is_empty() { "/api".to_string() } else { format!("/apis/{group}") };
    let searches = [
        format!("{prefix}/{version}/{resource}"),
        format!("{prefix}/{version}/{resource}/{{name}}"),
        format!("{prefix}/{version}/namespaces/{{namespace}}/{resource}"),
        format!("{prefix}/{version}/namespaces/{{namespace}}/{resource}/{{name}}"),
    ];
    let mut gvk: Option<&Value> = None;
    for p in &searches {
        let Some(element) = doc.get("paths").and_then(|ps| ps.get(p)).filter(|e| truthy(Some(e))) else { continue };
        for method in ["get", "post", "put", "patch", "delete"] {
            let Some(op) = element.get(method).filter(|o| truthy(Some(o))) else { continue };
            gvk = op.get("x-kubernetes-group-version-kind");
            if truthy(gvk) {
                break;
            }
        }
    }
    gvk.filter(|g| truthy(Some(g)))
}

/// How Go prints a `map[string]interface{}` with `%v`: `map[group:apps kind:Deployment version:v1]`.
fn go_map(v: &Value) -> String {
    match v.as_object() {
        Some(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let inner: Vec<String> = keys.iter().map(|k| format!("{k}:{}", go_value(&m[*k]))).collect();
            format!("map[{}]", inner.join(" "))
        }
        None => go_value(v),
    }
}

/// Render `kubectl explain` (plaintext) for `resource` in `group`/`version` of `doc`.
pub fn render_plaintext(
    doc: &Doc,
    group: &str,
    version: &str,
    resource: &str,
    fields: &[String],
    recursive: bool,
) -> Result<String, RenderError> {
    let Some(gvk) = find_gvk(doc, group, version, resource) else {
        return Err(RenderError {
            partial: String::new(),
            message: format!("error: GVR ({group}/{version}, Resource={resource}) not found in OpenAPI schema"),
        });
    };
    let mut out = String::new();
    if let Some(g) = gvk.get("group").filter(|g| truthy(Some(g))) {
        out.push_str(&format!("GROUP:      {}\n", go_value(g)));
    }
    let field = |k: &str| gvk.get(k).map(go_value).unwrap_or_else(|| "<no value>".into());
    out.push_str(&format!("KIND:       {}\n", field("kind")));
    out.push_str(&format!("VERSION:    {}\n\n", field("version")));
    let mut names: Vec<&String> =
        doc.pointer("/components/schemas").and_then(obj).map(|m| m.keys().collect()).unwrap_or_default();
    names.sort();
    let schemas = doc.pointer("/components/schemas");
    let found = names.into_iter().filter_map(|n| schemas.and_then(|s| s.get(n))).find(|s| {
        s.get("x-kubernetes-group-version-kind").and_then(Value::as_array).is_some_and(|l| l.iter().any(|g| g == gvk))
    });
    let Some(schema) = found else {
        return Err(RenderError {
            partial: out,
            message: format!("error: GVK {} not found in OpenAPI schema", go_map(gvk)),
        });
    };
    let body = output(schema, fields, &[], recursive, doc);
    if body.is_empty() {
        let last = fields.last().cloned().unwrap_or_default();
        return Err(RenderError { partial: out, message: format!("error: field \"{last}\" does not exist") });
    }
    out.push_str(&body);
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({
            "paths": {"/apis/example.com/v1/namespaces/{namespace}/widgets/{name}": {
                "patch": {"x-kubernetes-group-version-kind": {"group": "example.com", "version": "v1", "kind": "Widget"}}}},
            "components": {"schemas": {
                "com.example.v1.Widget": {
                    "description": "A widget.",
                    "type": "object",
                    "required": ["spec"],
                    "x-kubernetes-group-version-kind": [{"group": "example.com", "version": "v1", "kind": "Widget"}],
                    "properties": {
                        "spec": {"description": "The spec.", "type": "object", "properties": {
                            "size": {"type": "integer", "description": "How big."},
                            "color": {"type": "string", "enum": ["red", "green", "", "blue", "black"]},
                            "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                            "parts": {"type": "array", "items": {"$ref": "#/components/schemas/com.example.v1.Part"}}}},
                        "metadata": {"allOf": [{"$ref": "#/components/schemas/Meta"}], "description": "Standard."}}},
                "com.example.v1.Part": {"description": "A part.", "type": "object", "properties": {
                    "name": {"type": "string"}, "child": {"$ref": "#/components/schemas/com.example.v1.Part"}}},
                "Meta": {"type": "object", "properties": {"name": {"type": "string", "description": "Name."}}}}},
        })
    }

    #[test]
    fn wrap_matches_go_wordwrap() {
        assert_eq!(wrap("aaa bbb ccc", 7), "aaa bbb\nccc");
        assert_eq!(wrap("one two\nthree", 80), "one two\nthree");
        assert_eq!(wrap("averyveryverylongword short", 5), "averyveryverylongword\nshort");
        assert_eq!(wrap("trailing  ", 80), "trailing  ");
    }

    #[test]
    fn resource_view_lists_fields_with_required_and_types() {
        let out = render_plaintext(&doc(), "example.com", "v1", "widgets", &[], false).expect("ok");
        assert_eq!(
            out,
            "GROUP:      example.com\nKIND:       Widget\nVERSION:    v1\n\nDESCRIPTION:\n    A widget.\n    \nFIELDS:\n  metadata\t<Meta>\n    Standard.\n\n  spec\t<Object> -required-\n    The spec.\n\n\n"
        );
    }

    #[test]
    fn field_view_shows_enum_and_array_items() {
        let out = render_plaintext(&doc(), "example.com", "v1", "widgets", &["spec".into()], false).expect("ok");
        assert!(out.contains("FIELD: spec <Object>\n\n\nDESCRIPTION:\n    The spec.\n    \nFIELDS:\n"), "{out}");
        assert!(
            out.contains("  color\t<string>\n  enum: red, green, \"\", blue, ....\n    <no description>\n\n"),
            "{out}"
        );
        assert!(out.contains("  labels\t<map[string]string>\n"));
        assert!(out.contains("  parts\t<[]Part>\n"));
        let out = render_plaintext(&doc(), "example.com", "v1", "widgets", &["spec".into(), "color".into()], false)
            .expect("ok");
        assert!(
            out.contains("FIELD: color <string>\nENUM:\n    red\n    green\n    \"\"\n    blue\n    black\n\n"),
            "{out}"
        );
        let out = render_plaintext(&doc(), "example.com", "v1", "widgets", &["spec".into(), "parts".into()], false)
            .expect("ok");
        assert!(out.contains("DESCRIPTION:\n    A part.\n    \nFIELDS:\n  child\t<Part>\n"), "{out}");
    }

    #[test]
    fn recursive_view_stops_at_cycles() {
        let out = render_plaintext(&doc(), "example.com", "v1", "widgets", &[], true).expect("ok");
        assert!(out.contains("    parts\t<[]Part>\n      child\t<Part>\n      name\t<string>\n"), "{out}");
        assert!(!out.contains("        child"), "the cycle is cut: {out}");
    }

    #[test]
    fn errors_are_kubectls() {
        let e = render_plaintext(&doc(), "example.com", "v1", "widgets", &["spec".into(), "nope".into()], false)
            .expect_err("missing");
        assert_eq!(e.message, "error: field \"nope\" does not exist");
        assert!(e.partial.starts_with("GROUP:      example.com\n"));
        let e = render_plaintext(&doc(), "example.com", "v1", "gadgets", &[], false).expect_err("missing");
        assert_eq!(e.message, "error: GVR (example.com/v1, Resource=gadgets) not found in OpenAPI schema");
    }
}
