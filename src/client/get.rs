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
    /// `--show-managed-fields`: keep `metadata.managedFields` in printed objects.
    pub show_managed_fields: bool,
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
            let rt = session.resolve_one(ty).await?;
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

/// A server Table reduced to what printing reads: column definitions, cells, and of each
/// row's object only its namespace and labels. Decoding straight into it means a list of
/// thousands of objects is never held as JSON trees (a row's metadata, with annotations and
/// managedFields, is often most of the body).
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct PrintTable {
    #[serde(default)]
    metadata: PageMeta,
    #[serde(default, rename = "columnDefinitions")]
    columns: Vec<ColumnDef>,
    #[serde(default)]
    rows: Vec<PrintRow>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct PageMeta {
    #[serde(default, rename = "continue")]
    cont: Option<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct ColumnDef {
    #[serde(default)]
    name: String,
    #[serde(default)]
    priority: i64,
    #[serde(default)]
    format: String,
}

#[derive(Debug, Default, serde::Deserialize)]
struct PrintRow {
    #[serde(default)]
    cells: Vec<Value>,
    #[serde(default)]
    object: Option<RowObject>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct RowObject {
    #[serde(default)]
    metadata: Option<RowMeta>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct RowMeta {
    #[serde(default)]
    namespace: Option<String>,
    /// In the server's (sorted) order, as pairs: a map per row costs more than the labels.
    #[serde(default, deserialize_with = "label_pairs")]
    labels: Vec<(String, String)>,
}

fn label_pairs<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
    struct Pairs;
    impl<'de> serde::de::Visitor<'de> for Pairs {
        type Value = Vec<(String, String)>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map of labels")
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
            let mut out = Vec::with_capacity(m.size_hint().unwrap_or(0));
            while let Some((k, v)) = m.next_entry::<String, Option<String>>()? {
                out.push((k, v.unwrap_or_default()));
            }
            out.sort();
            Ok(out)
        }
    }
    d.deserialize_any(Pairs)
}

impl PrintTable {
    /// From a Table already decoded as JSON (watch events, sorted tables).
    pub(crate) fn from_value(t: &Value) -> PrintTable {
        serde::Deserialize::deserialize(t).unwrap_or_default()
    }

    fn append(&mut self, more: PrintTable) {
        if self.columns.is_empty() {
            self.columns = more.columns;
        }
        self.rows.extend(more.rows);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// Every row of a list as a [`PrintTable`], following `continue` tokens.
async fn list_table(
    session: &Session,
    rt: &ResourceType,
    namespace: Option<&str>,
    opts: &GetOptions,
) -> Result<PrintTable, RestError> {
    let base = rest::path(rt, namespace, None);
    let mut merged: Option<PrintTable> = None;
    let mut cont: Option<String> = None;
    loop {
        let q = list_query(opts, opts.chunk_size, cont.as_deref());
        let url = if q.is_empty() { base.clone() } else { format!("{base}?{q}") };
        let body =
            rest::call(session.client(), get_req(url, TABLE_ACCEPT)).await.map_err(|e| list_error(e, rt, opts))?;
        let page: PrintTable = serde_json::from_slice(&body)
            .map_err(|e| RestError::Transport(format!("the server returned an undecodable body: {e}")))?;
        drop(body);
        cont = page.metadata.cont.clone().filter(|c| !c.is_empty());
        match &mut merged {
            None => merged = Some(page),
            Some(m) => m.append(page),
        }
        if cont.is_none() {
            break;
        }
    }
    Ok(merged.unwrap_or_default())
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
    print_rows(&PrintTable::from_value(t), rt, opts, prefix)
}

fn print_rows(t: &PrintTable, rt: &ResourceType, opts: &GetOptions, prefix: bool) -> (Vec<String>, Vec<Vec<String>>) {
    let cols = &t.columns;
    let wide = opts.output == Output::Wide;
    let shown: Vec<usize> = cols.iter().enumerate().filter(|(_, c)| wide || c.priority == 0).map(|(i, _)| i).collect();
    let name_col = cols.iter().position(|c| c.format == "name");
    let with_ns = opts.all_namespaces && rt.namespaced;
    let mut header: Vec<String> = Vec::new();
    if with_ns {
        header.push("NAMESPACE".into());
    }
    for &i in &shown {
        header.push(cols[i].name.to_uppercase());
    }
    for l in &opts.label_columns {
        header.push(l.rsplit('/').next().unwrap_or(l).to_uppercase());
    }
    if opts.show_labels {
        header.push("LABELS".into());
    }
    let prefix = prefix.then(|| kind_prefix(rt));
    let mut rows = Vec::with_capacity(t.rows.len());
    for row in &t.rows {
        let meta = row.object.as_ref().and_then(|o| o.metadata.as_ref());
        let labels: &[(String, String)] = meta.map_or(&[], |m| &m.labels);
        let mut out: Vec<String> = Vec::with_capacity(header.len());
        if with_ns {
            out.push(meta.and_then(|m| m.namespace.clone()).unwrap_or_default());
        }
        for &i in &shown {
            let mut c = printer::cell(row.cells.get(i).unwrap_or(&Value::Null));
            if let Some(p) = &prefix
                && Some(i) == name_col
            {
                c = format!("{p}/{c}");
            }
            out.push(c);
        }
        let label = |k: &str| labels.iter().find(|(l, _)| l == k).map(|(_, v)| v.as_str());
        for l in &opts.label_columns {
            out.push(label(l).unwrap_or("").to_string());
        }
        if opts.show_labels {
            out.push(if labels.is_empty() {
                "<none>".to_string()
            } else {
                labels.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
            });
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
    let mut tables: Vec<(&ResourceType, PrintTable)> = Vec::new();
    let mut any = false;
    for req in &reqs {
        let rt = &req.rt;
        if req.names.is_empty() && as_table {
            // Sorting needs whole objects; plain printing only the cells.
            let listed = match &opts.sort_by {
                None => list_table(session, rt, ns, opts).await,
                Some(field) => list(session, rt, ns, opts, true).await.map(|mut t| {
                    // kubectl's sorting printer fails silently: a table it cannot sort is
                    // not printed.
                    let sorted = output::sort_table_rows(&mut t, field).is_ok();
                    if sorted { PrintTable::from_value(&t) } else { PrintTable::default() }
                }),
            };
            match listed {
                Ok(t) => {
                    fetched.push(rt);
                    if !t.is_empty() {
                        any = true;
                        tables.push((rt, t));
                    }
                }
                Err(e) => {
                    printed.stderr.push(e.message());
                    printed.failed = true;
                }
            }
            continue;
        }
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
            let items = list_items(&listed);
            any |= !items.is_empty();
            objects.extend(items);
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
        if let Some(mut t) = table {
            any = true;
            if let Some(field) = &opts.sort_by
                && output::sort_table_rows(&mut t, field).is_err()
            {
                continue;
            }
            tables.push((rt, PrintTable::from_value(&t)));
        }
    }
    let single_name = reqs.len() == 1 && reqs[0].names.len() == 1;
    let multiple = opts.show_kind || fetched.iter().any(|rt| *rt != fetched[0]);
    if as_table {
        let mut blocks: Vec<String> = Vec::new();
        for (rt, t) in tables {
            let (header, rows) = print_rows(&t, rt, opts, multiple);
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
        if !opts.show_managed_fields {
            output::strip_managed_fields(&mut doc);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pods() -> ResourceType {
        crate::k8s::catalog::lookup("", "v1", "pods").expect("pods").clone()
    }

    fn table() -> Value {
        json!({
            "kind": "Table", "apiVersion": "meta.k8s.io/v1",
            "metadata": {"resourceVersion": "7", "continue": "abc"},
            "columnDefinitions": [
                {"name": "Name", "type": "string", "format": "name", "priority": 0},
                {"name": "Status", "type": "string", "format": "", "priority": 0},
                {"name": "IP", "type": "string", "format": "", "priority": 1},
            ],
            "rows": [
                {"cells": ["web-1", "Running", "10.0.0.1"], "object": {"kind": "PartialObjectMetadata", "metadata": {
                    "name": "web-1", "namespace": "shop", "labels": {"tier": "front", "app": "web"},
                    "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{…}"},
                    "managedFields": [{"manager": "kubectl"}]}}},
                {"cells": ["db-0", null, 3], "object": null},
                {"cells": ["cache-0", "Pending", "<none>"], "object": {"metadata": {"namespace": "shop", "labels": null}}},
            ],
        })
    }

    #[test]
    fn print_table_keeps_cells_namespace_and_labels_only() {
        let body = serde_json::to_vec(&table()).expect("json");
        let t: PrintTable = serde_json::from_slice(&body).expect("decodes");
        assert_eq!(t.metadata.cont.as_deref(), Some("abc"));
        assert_eq!(t.columns.len(), 3);
        assert_eq!(t.rows.len(), 3);
        let meta = t.rows[0].object.as_ref().and_then(|o| o.metadata.as_ref()).expect("metadata");
        assert_eq!(meta.namespace.as_deref(), Some("shop"));
        // Sorted by key, as a JSON object's keys print.
        assert_eq!(
            meta.labels,
            vec![("app".to_string(), "web".to_string()), ("tier".to_string(), "front".to_string())]
        );
        assert!(t.rows[1].object.is_none());
        assert!(t.rows[2].object.as_ref().and_then(|o| o.metadata.as_ref()).is_some_and(|m| m.labels.is_empty()));
    }

    #[test]
    fn print_rows_match_kubectl_columns() {
        let rt = pods();
        let t = PrintTable::from_value(&table());
        let opts = GetOptions {
            all_namespaces: true,
            show_labels: true,
            label_columns: vec!["example.com/tier".into(), "app".into()],
            ..GetOptions::default()
        };
        let (header, rows) = print_rows(&t, &rt, &opts, false);
        assert_eq!(header, ["NAMESPACE", "NAME", "STATUS", "TIER", "APP", "LABELS"]);
        assert_eq!(rows[0], ["shop", "web-1", "Running", "", "web", "app=web,tier=front"]);
        assert_eq!(rows[1], ["", "db-0", "<none>", "", "", "<none>"]);
        let wide = GetOptions { output: Output::Wide, ..GetOptions::default() };
        let (header, rows) = print_rows(&t, &rt, &wide, true);
        assert_eq!(header, ["NAME", "STATUS", "IP"]);
        assert_eq!(rows[1], ["pod/db-0", "<none>", "3"]);
    }
}
