//! Output formats shared by every command that prints objects: `-o` parsing with kubectl's
//! messages, and the generic printers (`json`, `yaml`, `name`, `jsonpath`,
//! `jsonpath-as-json`, `jsonpath-file`, `custom-columns`, `custom-columns-file`), plus
//! `--sort-by` for lists and server-side Tables. Tables themselves are laid out by
//! `printer`. Pure functions over JSON; reading template files is the only I/O.

mod gosort;
pub mod yaml;

use serde_json::{Value, json};

use super::printer;
use crate::k8s::gofmt;
use crate::k8s::jsonpath::Template;
use crate::k8s::quantity::Quantity;

/// Why output could not be produced; each message is kubectl's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputError {
    #[error(
        "unable to match a printer suitable for the output format \"{0}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"
    )]
    UnknownFormat(String),
    #[error("template format specified but no template given")]
    NoTemplate,
    /// kubectl's message ends with a newline of its own.
    #[error("error parsing jsonpath {template}, {reason}\n")]
    JsonPathParse { template: String, reason: String },
    #[error("error reading --template {path}, {reason}\n")]
    TemplateFile { path: String, reason: String },
    #[error("kx does not support Go templates (-o {0}); use -o jsonpath or -o custom-columns")]
    GoTemplate(String),
    #[error("custom-columns format specified but no custom columns given")]
    NoColumns,
    #[error("unexpected custom-columns spec: {0}, expected <header>:<json-path-expr>")]
    BadColumnSpec(String),
    #[error("{0}")]
    BadPath(String),
    #[error("{0}")]
    ColumnsFile(String),
    /// Execution failed; rendered as kubectl renders it, with the object it was given.
    #[error(
        "error executing jsonpath {}: Error executing template: {reason}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{template}\n\tobject given to jsonpath engine was:\n\t\t{object}\n\n\n",
        gofmt::quote(.template)
    )]
    JsonPathExecute { template: String, reason: String, object: String },
    #[error("couldn't find any field with path {} in the list of objects", gofmt::quote(.0))]
    SortFieldNotFound(String),
    #[error("{0}")]
    Sort(String),
}

/// One column of `-o custom-columns`.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub header: String,
    pub template: Template,
}

/// What `-o` asked for.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum OutputFormat {
    #[default]
    Table,
    Wide,
    Name,
    Json,
    Yaml,
    JsonPath {
        raw: String,
        template: Template,
        /// `jsonpath-as-json`: every result in one indented JSON array.
        as_json: bool,
    },
    CustomColumns(Vec<Column>),
}

impl OutputFormat {
    /// Parse `-o` (`None` or empty for the default table), reading `*-file` templates.
    pub fn parse(spec: Option<&str>) -> Result<OutputFormat, OutputError> {
        let Some(spec) = spec.filter(|s| !s.is_empty()) else { return Ok(OutputFormat::Table) };
        let (name, arg) = match spec.split_once('=') {
            Some((n, a)) => (n, Some(a)),
            None => (spec, None),
        };
        match (name, arg) {
            ("wide", None) => Ok(OutputFormat::Wide),
            ("name", None) => Ok(OutputFormat::Name),
            ("json", None) => Ok(OutputFormat::Json),
            ("yaml", None) => Ok(OutputFormat::Yaml),
            ("jsonpath" | "jsonpath-as-json" | "jsonpath-file", None | Some("")) => Err(OutputError::NoTemplate),
            ("jsonpath" | "jsonpath-as-json", Some(raw)) => jsonpath(raw.to_string(), name == "jsonpath-as-json"),
            ("jsonpath-file", Some(path)) => {
                let raw = std::fs::read_to_string(path)
                    .map_err(|e| OutputError::TemplateFile { path: path.to_string(), reason: go_io_error(path, &e) })?;
                jsonpath(raw, false)
            }
            ("go-template" | "go-template-file" | "template" | "templatefile", None | Some("")) => {
                Err(OutputError::NoTemplate)
            }
            ("go-template" | "go-template-file" | "template" | "templatefile", Some(_)) => {
                Err(OutputError::GoTemplate(name.to_string()))
            }
            ("custom-columns", arg) => custom_columns(arg.unwrap_or("")).map(OutputFormat::CustomColumns),
            ("custom-columns-file", None | Some("")) => Err(OutputError::NoColumns),
            ("custom-columns-file", Some(path)) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    OutputError::ColumnsFile(format!("error reading template {path}, {}\n", go_io_error(path, &e)))
                })?;
                custom_columns_file(&text).map(OutputFormat::CustomColumns)
            }
            _ => Err(OutputError::UnknownFormat(spec.to_string())),
        }
    }

    /// Whether this format prints server-side Tables (and so asks the server for them).
    pub fn is_table(&self) -> bool {
        matches!(self, OutputFormat::Table | OutputFormat::Wide)
    }
}

/// Go's `*PathError` text: `open PATH: no such file or directory`.
fn go_io_error(path: &str, e: &std::io::Error) -> String {
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    format!("open {path}: {reason}")
}

fn jsonpath(raw: String, as_json: bool) -> Result<OutputFormat, OutputError> {
    let template = Template::parse_template(&raw)
        .map_err(|e| OutputError::JsonPathParse { template: raw.clone(), reason: e.to_string() })?;
    Ok(OutputFormat::JsonPath { raw, template, as_json })
}

fn column(header: &str, path: &str) -> Result<Column, OutputError> {
    let relaxed = Template::relaxed(path).map_err(|e| OutputError::BadPath(e.to_string()))?;
    let template = Template::parse_template(&relaxed).map_err(|e| OutputError::BadPath(e.to_string()))?;
    Ok(Column { header: header.to_string(), template })
}

/// `NAME:.metadata.name,IMAGE:.spec.containers[*].image`.
pub fn custom_columns(spec: &str) -> Result<Vec<Column>, OutputError> {
    if spec.is_empty() {
        return Err(OutputError::NoColumns);
    }
    spec.split(',')
        .map(|part| match part.split_once(':') {
            Some((header, path)) => column(header, path),
            None => Err(OutputError::BadColumnSpec(part.to_string())),
        })
        .collect()
}

/// A columns file: a line of headers, then a line of paths, whitespace-separated.
pub fn custom_columns_file(text: &str) -> Result<Vec<Column>, OutputError> {
    let mut lines = text.lines();
    let headers: Vec<&str> = lines
        .next()
        .ok_or_else(|| OutputError::ColumnsFile("invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.".into()))?
        .split_whitespace()
        .collect();
    let specs: Vec<&str> = lines
        .next()
        .ok_or_else(|| OutputError::ColumnsFile("invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.".into()))?
        .split_whitespace()
        .collect();
    if headers.len() != specs.len() {
        return Err(OutputError::ColumnsFile(format!(
            "number of headers ({}) and field specifications ({}) don't match",
            headers.len(),
            specs.len()
        )));
    }
    headers.iter().zip(&specs).map(|(h, s)| column(h, s)).collect()
}

/// The list kubectl prints when several objects go through a generic printer.
pub fn list_of(items: Vec<Value>) -> Value {
    json!({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}})
}

/// `kind.group/name` (`deployment.apps/web`, `pod/p`) from the object itself, as kubectl's
/// name printer does.
pub fn object_name_ref(o: &Value) -> String {
    let kind = o.get("kind").and_then(Value::as_str).unwrap_or("").to_lowercase();
    let api_version = o.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let group = api_version.rsplit_once('/').map(|(g, _)| g).unwrap_or("");
    let name = crate::k8s::meta::name(o);
    if group.is_empty() { format!("{kind}/{name}") } else { format!("{kind}.{group}/{name}") }
}

fn is_list(o: &Value) -> bool {
    o.get("items").is_some_and(Value::is_array)
        && o.get("kind").and_then(Value::as_str).is_some_and(|k| k.ends_with("List"))
}

/// kubectl hides managedFields unless `--show-managed-fields`.
pub fn strip_managed_fields(o: &mut Value) {
    if let Some(m) = o.get_mut("metadata").and_then(Value::as_object_mut) {
        m.remove("managedFields");
    }
    if let Some(items) = o.get_mut("items").and_then(Value::as_array_mut) {
        for item in items {
            strip_managed_fields(item);
        }
    }
}

/// Print one object or list with a generic (non-table) format.
pub fn print_generic(
    format: &OutputFormat,
    obj: &Value,
    no_headers: bool,
    allow_missing_keys: bool,
) -> Result<String, OutputError> {
    match format {
        OutputFormat::Json => Ok(format!("{}\n", gofmt::json_indent(obj, "    "))),
        OutputFormat::Yaml => Ok(yaml::to_yaml(obj)),
        OutputFormat::Name => {
            let items: Vec<&Value> = if is_list(obj) {
                obj.get("items").and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default()
            } else {
                vec![obj]
            };
            Ok(items.iter().map(|o| format!("{}\n", object_name_ref(o))).collect())
        }
        OutputFormat::JsonPath { raw, template, as_json } => {
            let fail = |e: crate::k8s::jsonpath::EvalError| OutputError::JsonPathExecute {
                template: raw.clone(),
                reason: e.to_string(),
                object: gofmt::sprint_sharp(obj),
            };
            if *as_json {
                let results = template.find_results(obj, allow_missing_keys).map_err(fail)?;
                let mut out = String::new();
                for r in results {
                    let arr = Value::Array(r.into_iter().map(|v| v.into_owned()).collect());
                    out.push_str(&gofmt::json_indent(&arr, "    "));
                    out.push('\n');
                }
                Ok(out)
            } else {
                template.execute(obj, allow_missing_keys).map_err(fail)
            }
        }
        OutputFormat::CustomColumns(columns) => Ok(custom_columns_table(columns, obj, no_headers)),
        OutputFormat::Table | OutputFormat::Wide => Ok(String::new()),
    }
}

/// The cells of one object's row of custom columns.
pub fn custom_column_cells(columns: &[Column], obj: &Value) -> Vec<String> {
    columns
        .iter()
        .map(|c| {
            let results = c.template.find_results(obj, true).unwrap_or_default();
            if results.first().is_none_or(Vec::is_empty) {
                return "<none>".to_string();
            }
            results.iter().flatten().map(|v| gofmt::sprint(v)).collect::<Vec<_>>().join(",")
        })
        .collect()
}

fn custom_columns_table(columns: &[Column], obj: &Value, no_headers: bool) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    if !no_headers {
        rows.push(columns.iter().map(|c| c.header.clone()).collect());
    }
    let items: Vec<&Value> = if is_list(obj) {
        obj.get("items").and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default()
    } else {
        vec![obj]
    };
    for item in items {
        rows.push(custom_column_cells(columns, item));
    }
    printer::layout(&rows)
}

/// The sort key kubectl compares: the first value the path selects, if any.
fn sort_key(template: &Template, obj: &Value) -> Option<Value> {
    let results = template.find_results(obj, true).ok()?;
    results.into_iter().next().and_then(|r| r.into_iter().next()).map(|v| v.into_owned())
}

/// kubectl's `isLess` for two decoded values: numbers by value, strings as quantities when
/// both parse as one, otherwise byte by byte (so RFC 3339 timestamps sort by time).
fn is_less(a: &Value, b: &Value) -> Result<bool, OutputError> {
    match (a, b) {
        (Value::Null, Value::Null) => Ok(false),
        (Value::Null, _) => Ok(true),
        (_, Value::Null) => Ok(false),
        (Value::Number(x), Value::Number(y)) if x.is_f64() == y.is_f64() => {
            if x.is_f64() {
                Ok(x.as_f64() < y.as_f64())
            } else {
                Ok(x.as_i64().map(i128::from).or(x.as_u64().map(i128::from))
                    < y.as_i64().map(i128::from).or(y.as_u64().map(i128::from)))
            }
        }
        (Value::String(x), Value::String(y)) => match (Quantity::parse(x), Quantity::parse(y)) {
            (Ok(qx), Ok(qy)) => Ok(qx < qy),
            // kubectl 1.33 compares other strings byte by byte (IPs do not sort numerically).
            _ => Ok(x < y),
        },
        (Value::Number(_) | Value::String(_), Value::Number(_) | Value::String(_)) => {
            Err(OutputError::Sort("unsortable interface: interface".into()))
        }
        (other, _) => Err(OutputError::Sort(format!("unsortable type: {}", gofmt::type_name(other)))),
    }
}

/// The order in which to show `keys` (one per row or item; `None` where the field is
/// missing), as kubectl's sorters produce it: Go's `sort.Sort`, which is not stable, so rows
/// with equal keys come out in the order kubectl prints them.
fn sorted_order(keys: &[Option<Value>]) -> Result<Vec<usize>, OutputError> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    let mut failure: Option<OutputError> = None;
    let cell = std::cell::RefCell::new(&mut order);
    gosort::sort(
        keys.len(),
        &mut |i, j| {
            let order = cell.borrow();
            match (&keys[order[i]], &keys[order[j]]) {
                (None, _) => true,
                (_, None) => false,
                (Some(a), Some(b)) => is_less(a, b).unwrap_or_else(|e| {
                    failure.get_or_insert(e);
                    false
                }),
            }
        },
        &mut |i, j| cell.borrow_mut().swap(i, j),
    );
    match failure {
        Some(e) => Err(e),
        None => Ok(order),
    }
}

fn sort_template(sort_by: &str) -> Result<(String, Template), OutputError> {
    // kubectl falls back to the raw text when the relaxed form does not apply.
    let field = Template::relaxed(sort_by).unwrap_or_else(|_| sort_by.to_string());
    let template = Template::parse_template(&field).map_err(|e| OutputError::Sort(format!("sorting error: {e}")))?;
    Ok((field, template))
}

/// kubectl sorts several server Tables (more than one type, or several names) as objects,
/// where no row's field is found: `--sort-by` then fails for any table output of them.
pub fn sort_tables_error(sort_by: &str) -> OutputError {
    let field = Template::relaxed(sort_by).unwrap_or_else(|_| sort_by.to_string());
    OutputError::SortFieldNotFound(field)
}

/// Sort a list's items by `sort_by` (kubectl's `SortingPrinter` for generic formats).
pub fn sort_items(items: &mut Vec<Value>, sort_by: &str) -> Result<(), OutputError> {
    if items.is_empty() {
        return Ok(());
    }
    let (field, template) = sort_template(sort_by)?;
    let keys: Vec<Option<Value>> = items.iter().map(|o| sort_key(&template, o)).collect();
    if keys.iter().all(Option::is_none) {
        return Err(OutputError::SortFieldNotFound(field));
    }
    let order = sorted_order(&keys)?;
    let old = std::mem::take(items);
    let mut slots: Vec<Option<Value>> = old.into_iter().map(Some).collect();
    *items = order.into_iter().filter_map(|i| slots[i].take()).collect();
    Ok(())
}

/// Sort a server Table's rows by `sort_by` over each row's full object (the request must
/// have asked for `includeObject=Object`).
pub fn sort_table_rows(table: &mut Value, sort_by: &str) -> Result<(), OutputError> {
    let Some(rows) = table.get_mut("rows").and_then(Value::as_array_mut) else { return Ok(()) };
    if rows.is_empty() {
        return Ok(());
    }
    let (field, template) = sort_template(sort_by)?;
    let null = Value::Null;
    let keys: Vec<Option<Value>> = rows.iter().map(|r| sort_key(&template, r.get("object").unwrap_or(&null))).collect();
    if keys.iter().all(Option::is_none) {
        return Err(OutputError::SortFieldNotFound(field));
    }
    if rows.len() < 2 {
        return Ok(());
    }
    let order = sorted_order(&keys)?;
    let mut slots: Vec<Option<Value>> = std::mem::take(rows).into_iter().map(Some).collect();
    *rows = order.into_iter().filter_map(|i| slots[i].take()).collect();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pods() -> Value {
        list_of(vec![
            json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-10", "labels": {"app": "web"}},
                "spec": {"containers": [{"image": "nginx"}, {"image": "envoy"}]}, "status": {"restarts": 3}}),
            json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-9"},
                "spec": {"containers": [{"image": "nginx"}]}, "status": {"restarts": 1}}),
        ])
    }

    #[test]
    fn parse_rejects_unknown_formats_with_kubectl_message() {
        let e = OutputFormat::parse(Some("foo")).expect_err("unknown");
        assert!(e.to_string().starts_with("unable to match a printer suitable for the output format \"foo\""));
        assert_eq!(OutputFormat::parse(Some("jsonpath")), Err(OutputError::NoTemplate));
        assert_eq!(
            OutputFormat::parse(Some("jsonpath={.a")).expect_err("bad").to_string(),
            "error parsing jsonpath {.a, unclosed action\n"
        );
        assert_eq!(OutputFormat::parse(Some("custom-columns")), Err(OutputError::NoColumns));
        assert_eq!(
            OutputFormat::parse(Some("custom-columns=A")).expect_err("bad").to_string(),
            "unexpected custom-columns spec: A, expected <header>:<json-path-expr>"
        );
    }

    #[test]
    fn custom_columns_print_none_and_joined_values() {
        let f = OutputFormat::parse(Some("custom-columns=NAME:.metadata.name,IMAGES:.spec.containers[*].image,APP:.metadata.labels.app,LABELS:.metadata.labels")).expect("parses");
        let out = print_generic(&f, &pods(), false, true).expect("prints");
        assert_eq!(
            out,
            "NAME     IMAGES        APP      LABELS\nweb-10   nginx,envoy   web      map[app:web]\nweb-9    nginx         <none>   <none>\n"
        );
    }

    #[test]
    fn name_output_prefixes_kind_and_group() {
        let l = list_of(vec![
            json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}}),
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}}),
        ]);
        assert_eq!(print_generic(&OutputFormat::Name, &l, false, true), Ok("deployment.apps/d\nconfigmap/c\n".into()));
    }

    #[test]
    fn jsonpath_execution_error_shows_kubectl_debug_text() {
        let f = OutputFormat::parse(Some("jsonpath={.metadata.foo}")).expect("parses");
        let obj = json!({"kind": "ConfigMap", "metadata": {"name": "x"}});
        let e = print_generic(&f, &obj, false, false).expect_err("missing key");
        assert_eq!(
            e.to_string(),
            "error executing jsonpath \"{.metadata.foo}\": Error executing template: foo is not found. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.metadata.foo}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{\"kind\":\"ConfigMap\", \"metadata\":map[string]interface {}{\"name\":\"x\"}}\n\n\n"
        );
    }

    #[test]
    fn jsonpath_as_json_prints_an_indented_array() {
        let f = OutputFormat::parse(Some("jsonpath-as-json={.items[*].metadata.name}")).expect("parses");
        assert_eq!(print_generic(&f, &pods(), false, true), Ok("[\n    \"web-10\",\n    \"web-9\"\n]\n".into()));
    }

    #[test]
    fn sort_items_orders_strings_bytewise_and_numbers_by_value() {
        let mut items = pods()["items"].as_array().cloned().expect("items");
        sort_items(&mut items, ".metadata.name").expect("sorts");
        assert_eq!(items[0]["metadata"]["name"], "web-10");
        sort_items(&mut items, "{.status.restarts}").expect("sorts");
        assert_eq!(items[0]["status"]["restarts"], 1);
        assert_eq!(
            sort_items(&mut items, ".metadata.nothing"),
            Err(OutputError::SortFieldNotFound("{.metadata.nothing}".into()))
        );
    }

    #[test]
    fn sort_compares_quantities_by_value() {
        let mut items = vec![json!({"q": "1Gi"}), json!({"q": "500Mi"}), json!({"q": "2"})];
        sort_items(&mut items, ".q").expect("sorts");
        let got: Vec<&str> = items.iter().filter_map(|i| i["q"].as_str()).collect();
        assert_eq!(got, ["2", "500Mi", "1Gi"]);
    }

    #[test]
    fn sort_puts_missing_fields_first() {
        let mut items = vec![json!({"a": 2}), json!({}), json!({"a": 1})];
        sort_items(&mut items, "a").expect("sorts");
        assert_eq!(items, vec![json!({}), json!({"a": 1}), json!({"a": 2})]);
    }

    #[test]
    fn sort_table_rows_uses_row_objects() {
        let mut t = json!({"rows": [
            {"cells": ["b"], "object": {"metadata": {"name": "b", "creationTimestamp": "2024-01-02T00:00:00Z"}}},
            {"cells": ["a"], "object": {"metadata": {"name": "a", "creationTimestamp": "2024-01-03T00:00:00Z"}}},
        ]});
        sort_table_rows(&mut t, ".metadata.name").expect("sorts");
        assert_eq!(t["rows"][0]["cells"][0], "a");
        sort_table_rows(&mut t, ".metadata.creationTimestamp").expect("sorts");
        assert_eq!(t["rows"][0]["cells"][0], "b");
    }
}
