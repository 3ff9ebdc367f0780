//! `get`: argument forms (`pods`, `pods a b`, `pod/a svc/b`, `deploy,svc`, `all`), server-side
//! Tables (so columns match kubectl's and CRDs' printer columns work), `-A`, selectors,
//! `--show-labels`, `-L`, `--no-headers`, chunked lists, and the `name`/`json`/`yaml` forms.
//! Returns what to print; printing is the caller's.

use serde_json::{Value, json};

use super::output;
use super::printer;
use super::rest::{self, RestError};
use super::{ClientError, Session};
use crate::k8s::catalog::ResourceType;

pub const TABLE_ACCEPT: &str =
    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

/// What `-o` asked for; see [`super::output`].
pub use super::output::OutputFormat as Output;

#[derive(Clone, Debug, Default)]
pub struct GetOptions {
    pub args: Vec<String>,
    pub all_namespaces: bool,
    /// Overrides the session's namespace.
    pub namespace: Option<String>,
    pub label_selector: Option<String>,
    pub field_selector: Option<String>,
    pub output: Output,
    pub show_labels: bool,
    pub label_columns: Vec<String>,
    pub no_headers: bool,
    /// Page size for lists (`--chunk-size`, 0 = everything at once).
    pub chunk_size: usize,
    pub ignore_not_found: bool,
    /// Prefix names with their type even for one type (`kubectl get all` does it always).
    pub show_kind: bool,
    /// `--sort-by`: a JSONPath whose value orders the rows or items.
    pub sort_by: Option<String>,
    /// `--allow-missing-template-keys=false`: a JSONPath key that is missing is an error.
    pub strict_template_keys: bool,
}

/// What `get` produced: text for stdout, error lines for stderr, and whether any failed.
#[derive(Debug, Default)]
pub struct Printed {
    pub stdout: String,
    pub stderr: Vec<String>,
    pub failed: bool,
}

/// One thing to fetch: a type, and names (empty for a list).
#[derive(Debug, Clone)]
pub struct Request {
    pub rt: ResourceType,
    pub names: Vec<String>,
}

/// Turn `get`'s arguments into requests, resolving types through discovery.
pub async fn requests(session: &Session, args: &[String]) -> Result<Vec<Request>, ClientError> {
    if args.is_empty() {
        return Err(ClientError::Usage(
            "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.".into(),
        ));
    }
    let slash: Vec<&String> = args.iter().filter(|a| a.contains('/')).collect();
    let mut out: Vec<Request> = Vec::new();
    if !slash.is_empty() {
        if slash.len() != args.len() {
            return Err(ClientError::Usage(
                "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into(),
            ));
        }
        for a in args {
            let (ty, name) = a.split_once('/').expect("filtered on '/'");
            if name.is_empty() {
                return Err(ClientError::Usage(
                    "arguments in resource/name form must have a single resource and name".to_string(),
                ));
            }
            let rt = session
                .resolve(ty)
                .await?
                .into_iter()
                .next()
                .ok_or_else(|| ClientError::Usage(format!("unknown type {ty}")))?;
            match out.iter_mut().find(|r| r.rt == rt) {
                Some(r) => r.names.push(name.to_string()),
                None => out.push(Request { rt, names: vec![name.to_string()] }),
            }
        }
        return Ok(out);
    }
    let names: Vec<String> = args[1..].to_vec();
    for ty in args[0].split(',').filter(|t| !t.is_empty()) {
        for rt in session.resolve(ty).await? {
            if !out.iter().any(|r| r.rt.group == rt.group && r.rt.plural == rt.plural) {
                out.push(Request { rt, names: names.clone() });
            }
        }
    }
    Ok(out)
}

/// `pod`, `deployment.apps`: how kubectl prefixes names of a type.
pub fn kind_prefix(rt: &ResourceType) -> String {
    let kind = rt.kind.to_lowercase();
    if rt.group.is_empty() { kind } else { format!("{kind}.{}", rt.group) }
}

pub(crate) fn list_query(opts: &GetOptions, limit: usize, cont: Option<&str>) -> String {
    let mut q: Vec<(&str, String)> = Vec::new();
    if let Some(l) = &opts.label_selector {
        q.push(("labelSelector", l.clone()));
    }
    if let Some(f) = &opts.field_selector {
        q.push(("fieldSelector", f.clone()));
    }
    if limit > 0 {
        q.push(("limit", limit.to_string()));
    }
    if let Some(c) = cont {
        q.push(("continue", c.to_string()));
    }
    // Sorting a Table needs each row's whole object.
    if opts.sort_by.is_some() && opts.output.is_table() {
        q.push(("includeObject", "Object".to_string()));
    }
    let pairs: Vec<(&str, &str)> = q.iter().map(|(k, v)| (*k, v.as_str())).collect();
    rest::query(&pairs)
}

fn get_req(path: String, accept: &str) -> http::Request<Vec<u8>> {
    http::Request::get(path).header("Accept", accept).body(Vec::new()).expect("valid request")
}

/// Every object of a list, following `continue` tokens; `as_table` asks for server Tables and
/// merges their rows.
pub async fn list(
    session: &Session,
    rt: &ResourceType,
    namespace: Option<&str>,
    opts: &GetOptions,
    as_table: bool,
) -> Result<Value, RestError> {
    let base = rest::path(rt, namespace, None);
    let mut merged: Option<Value> = None;
    let mut cont: Option<String> = None;
    loop {
        // kubectl fetches everything at once when it has to sort.
        let chunk = if opts.sort_by.is_some() { 0 } else { opts.chunk_size };
        let q = list_query(opts, chunk, cont.as_deref());
        let url = if q.is_empty() { base.clone() } else { format!("{base}?{q}") };
        let page =
            rest::call_json(session.client(), get_req(url, if as_table { TABLE_ACCEPT } else { "application/json" }))
                .await
                .map_err(|e| list_error(e, rt, opts))?;
        cont = page
            .get("metadata")
            .and_then(|m| m.get("continue"))
            .and_then(Value::as_str)
            .filter(|c| !c.is_empty())
            .map(str::to_string);
        let field = if as_table { "rows" } else { "items" };
        merged = Some(match merged {
            None => page,
            Some(mut m) => {
                let more = page.get(field).and_then(Value::as_array).cloned().unwrap_or_default();
                if let Some(a) = m.get_mut(field).and_then(Value::as_array_mut) {
                    a.extend(more);
                }
                m
            }
        });
        if cont.is_none() {
            break;
        }
    }
    Ok(merged.unwrap_or_else(|| json!({})))
}

/// kubectl's resource builder says which list failed when the server refuses it as a bad
/// request or not found, keeping the server's reason (`Error from server (BadRequest): Unable
/// to find "/v1, Resource=pods" that match label selector …`).
fn list_error(e: RestError, rt: &ResourceType, opts: &GetOptions) -> RestError {
    let RestError::Status { code, mut status } = e else { return e };
    if !matches!(code, 400 | 404) {
        return RestError::Status { code, status };
    }
    let resource = format!("{}/{}, Resource={}", rt.group, rt.version, rt.plural);
    let message = status.get("message").and_then(Value::as_str).unwrap_or("").to_string();
    let (labels, fields) = (opts.label_selector.as_deref().unwrap_or(""), opts.field_selector.as_deref().unwrap_or(""));
    let wrapped = if labels.is_empty() && fields.is_empty() {
        format!("Unable to list {resource:?}: {message}")
    } else {
        format!(
            "Unable to find {resource:?} that match label selector {labels:?}, field selector {fields:?}: {message}"
        )
    };
    if let Some(m) = status.as_object_mut() {
        m.insert("message".into(), Value::from(wrapped));
    }
    RestError::Status { code, status }
}

/// A Table's header and rows as strings, with kubectl's extra columns.
pub(crate) fn table_rows(
    t: &Value,
    rt: &ResourceType,
    opts: &GetOptions,
    prefix: bool,
) -> (Vec<String>, Vec<Vec<String>>) {
    let cols: Vec<&Value> =
        t.get("columnDefinitions").and_then(Value::as_array).map(|c| c.iter().collect()).unwrap_or_default();
    let wide = opts.output == Output::Wide;
    let shown: Vec<usize> = cols
        .iter()
        .enumerate()
        .filter(|(_, c)| wide || c.get("priority").and_then(Value::as_i64).unwrap_or(0) == 0)
        .map(|(i, _)| i)
        .collect();
    let name_col = cols.iter().position(|c| c.get("format").and_then(Value::as_str) == Some("name"));
    let mut header: Vec<String> = Vec::new();
    if opts.all_namespaces && rt.namespaced {
        header.push("NAMESPACE".into());
    }
    for &i in &shown {
        header.push(cols[i].get("name").and_then(Value::as_str).unwrap_or("").to_uppercase());
    }
    for l in &opts.label_columns {
        header.push(l.rsplit('/').next().unwrap_or(l).to_uppercase());
    }
    if opts.show_labels {
        header.push("LABELS".into());
    }
    let mut rows = Vec::new();
    for row in t.get("rows").and_then(Value::as_array).into_iter().flatten() {
        let cells = row.get("cells").and_then(Value::as_array).cloned().unwrap_or_default();
        let meta = row.get("object").and_then(|o| o.get("metadata"));
        let mut out: Vec<String> = Vec::new();
        if opts.all_namespaces && rt.namespaced {
            out.push(meta.and_then(|m| m.get("namespace")).and_then(Value::as_str).unwrap_or("").to_string());
        }
        for &i in &shown {
            let mut c = printer::cell(cells.get(i).unwrap_or(&Value::Null));
            if prefix && Some(i) == name_col {
                c = format!("{}/{c}", kind_prefix(rt));
            }
            out.push(c);
        }
        let labels = meta.and_then(|m| m.get("labels")).and_then(Value::as_object);
        for l in &opts.label_columns {
            out.push(labels.and_then(|m| m.get(l)).and_then(Value::as_str).unwrap_or("").to_string());
        }
        if opts.show_labels {
            let text = match labels {
                Some(m) if !m.is_empty() => {
                    m.iter().map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or(""))).collect::<Vec<_>>().join(",")
                }
                _ => "<none>".to_string(),
            };
            out.push(text);
        }
        rows.push(out);
    }
    (header, rows)
}

/// Run `get` and render its output.
pub async fn get(session: &Session, opts: &GetOptions) -> Result<Printed, ClientError> {
    let reqs = requests(session, &opts.args).await?;
    if opts.all_namespaces && reqs.iter().any(|r| !r.names.is_empty()) {
        return Err(ClientError::Usage("a resource cannot be retrieved by name across all namespaces".into()));
    }
    let infos: usize = reqs.iter().map(|r| r.names.len().max(1)).sum();
    if let Some(field) = &opts.sort_by
        && infos > 1
        && opts.output.is_table()
    {
        return Ok(Printed {
            stderr: vec![format!("error: {}", output::sort_tables_error(field))],
            failed: true,
            ..Printed::default()
        });
    }
    let namespace = if opts.all_namespaces {
        None
    } else {
        Some(opts.namespace.clone().unwrap_or_else(|| session.namespace().to_string()))
    };
    let ns = namespace.as_deref();
    let mut printed = Printed::default();
    // kubectl prefixes names with their type when what it fetched (a list, even empty, or a
    // named object) spans several types: a type whose fetch failed does not count.
    let mut fetched: Vec<&ResourceType> = Vec::new();
    let as_table = matches!(opts.output, Output::Table | Output::Wide);
    let mut objects: Vec<Value> = Vec::new();
    let mut tables: Vec<(&ResourceType, Value)> = Vec::new();
    let mut any = false;
    for req in &reqs {
        let rt = &req.rt;
        if req.names.is_empty() {
            let listed = match list(session, rt, ns, opts, as_table).await {
                Ok(l) => {
                    fetched.push(rt);
                    l
                }
                Err(e) => {
                    printed.stderr.push(e.message());
                    printed.failed = true;
                    continue;
                }
            };
            if as_table {
                if listed.get("rows").and_then(Value::as_array).is_some_and(|r| !r.is_empty()) {
                    any = true;
                    tables.push((rt, listed));
                }
            } else {
                let items = list_items(&listed);
                any |= !items.is_empty();
                objects.extend(items);
            }
            continue;
        }
        let mut table: Option<Value> = None;
        for name in &req.names {
            let path = rest::path(rt, ns, Some(name));
            match rest::call_json(
                session.client(),
                get_req(path, if as_table { TABLE_ACCEPT } else { "application/json" }),
            )
            .await
            {
                Ok(v) if as_table => {
                    fetched.push(rt);
                    table = Some(match table {
                        None => v,
                        Some(mut t) => {
                            let more = v.get("rows").and_then(Value::as_array).cloned().unwrap_or_default();
                            if let Some(rows) = t.get_mut("rows").and_then(Value::as_array_mut) {
                                rows.extend(more);
                            }
                            t
                        }
                    });
                }
                Ok(v) => {
                    fetched.push(rt);
                    objects.push(v)
                }
                Err(e) if e.is_not_found() && opts.ignore_not_found => {}
                Err(e) => {
                    printed.stderr.push(e.message());
                    printed.failed = true;
                }
            }
        }
        if let Some(t) = table {
            any = true;
            tables.push((rt, t));
        }
    }
    let single_name = reqs.len() == 1 && reqs[0].names.len() == 1;
    let multiple = opts.show_kind || fetched.iter().any(|rt| *rt != fetched[0]);
    if as_table {
        let mut blocks: Vec<String> = Vec::new();
        for (rt, mut t) in tables {
            // kubectl's sorting printer fails silently: a table it cannot sort is not printed.
            if let Some(field) = &opts.sort_by
                && output::sort_table_rows(&mut t, field).is_err()
            {
                continue;
            }
            let (header, rows) = table_rows(&t, rt, opts, multiple);
            let mut all = Vec::new();
            if !opts.no_headers {
                all.push(header);
            }
            all.extend(rows);
            blocks.push(printer::layout(&all));
        }
        any = !blocks.is_empty();
        printed.stdout = blocks.join("\n");
    } else if !(single_name && printed.failed) {
        // One named object prints as itself; anything else as a List.
        let mut doc = if single_name && objects.len() == 1 {
            objects.pop().expect("one object")
        } else {
            if let Some(field) = &opts.sort_by
                && let Err(e) = output::sort_items(&mut objects, field)
            {
                printed.stderr.push(format!("error: {e}"));
                printed.failed = true;
                return Ok(printed);
            }
            output::list_of(std::mem::take(&mut objects))
        };
        output::strip_managed_fields(&mut doc);
        match output::print_generic(&opts.output, &doc, opts.no_headers, !opts.strict_template_keys) {
            Ok(text) => printed.stdout = text,
            Err(e) => {
                printed.stderr.push(format!("error: {e}"));
                printed.failed = true;
            }
        }
    }
    let listing = reqs.iter().all(|r| r.names.is_empty());
    if listing && !any && !printed.failed && as_table {
        printed.stderr.push(match &namespace {
            Some(ns) if reqs.iter().any(|r| r.rt.namespaced) => format!("No resources found in {ns} namespace."),
            _ => "No resources found".to_string(),
        });
    }
    Ok(printed)
}

/// JSON with kubectl's four-space indentation (Go's encoding, HTML escaping included).
pub fn to_json_4(v: &Value) -> String {
    crate::k8s::gofmt::json_indent(v, "    ")
}

/// A list's items, each with the `apiVersion` and `kind` the list implies (servers leave
/// them out of items; kubectl's decoder fills them in).
pub fn list_items(list: &Value) -> Vec<Value> {
    let api_version = list.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let kind = list.get("kind").and_then(Value::as_str).and_then(|k| k.strip_suffix("List")).unwrap_or("");
    let mut items = list.get("items").and_then(Value::as_array).cloned().unwrap_or_default();
    for item in &mut items {
        if let Some(m) = item.as_object_mut() {
            if !m.contains_key("apiVersion") && !api_version.is_empty() {
                m.insert("apiVersion".into(), Value::from(api_version));
            }
            if !m.contains_key("kind") && !kind.is_empty() {
                m.insert("kind".into(), Value::from(kind));
            }
        }
    }
    items
}
