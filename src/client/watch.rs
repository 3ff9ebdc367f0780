//! `get -w`, `--watch-only` and `--output-watch-events`, as kubectl does them: list (or get
//! one object), print it, then watch from the list's resourceVersion (a named object: from
//! `0` with a `metadata.name` field selector, skipping the synthetic first event) and print
//! every event as it comes, until the server closes the stream. Tables are watched as Tables:
//! the server sends column definitions only with the first event, so they are remembered, and
//! columns keep the widths they had, as kubectl's tabwriter does. The printers are plain
//! state over text, shared by the CLI's line output and its live redraw.

use futures::StreamExt;
use http_body_util::BodyExt;
use serde_json::{Value, json};

use super::get::{self, GetOptions, Output, TABLE_ACCEPT};
use super::output;
use super::printer;
use super::rest::{self, RestError};
use super::{ClientError, Session};
use crate::k8s::catalog::ResourceType;

/// kubectl pads event types to the width of `MODIFIED`, so the EVENT column is as wide from
/// the first row on.
fn event_cell(kind: &str) -> String {
    format!("{kind:<8}")
}

/// One event of a watch, as the printers see it.
#[derive(Clone, Debug, PartialEq)]
pub struct WatchEvent {
    /// `ADDED`, `MODIFIED`, `DELETED`, `BOOKMARK` or `ERROR`.
    pub kind: String,
    pub object: Value,
}

/// Prints watched Tables as kubectl's table printer does in watch mode.
#[derive(Debug, Default)]
pub struct TablePrinter {
    last_columns: Option<Value>,
    printed_headers: bool,
    widths: Vec<usize>,
}

impl TablePrinter {
    /// The text for one Table (the initial list, or one event's one-row Table). `event` adds
    /// kubectl's EVENT column.
    pub fn print(&mut self, table: &Value, rt: &ResourceType, opts: &GetOptions, event: Option<&str>) -> String {
        let mut table = table.clone();
        let columns = table.get("columnDefinitions").filter(|c| c.as_array().is_some_and(|a| !a.is_empty())).cloned();
        let no_headers = self.printed_headers && (columns.is_none() || columns == self.last_columns);
        match columns {
            None => {
                if let (Some(m), Some(last)) = (table.as_object_mut(), &self.last_columns) {
                    m.insert("columnDefinitions".into(), last.clone());
                }
            }
            Some(c) if Some(&c) != self.last_columns.as_ref() => {
                self.last_columns = Some(c);
                self.printed_headers = false;
            }
            Some(_) => {}
        }
        let row_count = table.get("rows").and_then(Value::as_array).map_or(0, Vec::len);
        // kubectl prints nothing, not even a header, for a Table without rows.
        if row_count == 0 {
            return String::new();
        }
        self.printed_headers = true;
        let (mut header, mut rows) = get::table_rows(&table, rt, opts, false);
        if let Some(kind) = event {
            header.insert(0, "EVENT".into());
            for r in &mut rows {
                r.insert(0, event_cell(kind));
            }
        }
        let mut all = Vec::new();
        if !no_headers && !opts.no_headers {
            all.push(header);
        }
        all.extend(rows);
        if all.is_empty() {
            return String::new();
        }
        printer::layout_remembering(&all, &mut self.widths)
    }
}

/// Prints watched objects with a generic format (`name`, `json`, `yaml`, `jsonpath`,
/// `custom-columns`).
#[derive(Debug, Default)]
pub struct ObjectPrinter {
    printed: usize,
    headers_printed: bool,
    widths: Vec<usize>,
}

impl ObjectPrinter {
    pub fn print(&mut self, obj: &Value, opts: &GetOptions, event: Option<&str>) -> Result<String, ClientError> {
        let mut obj = obj.clone();
        if !opts.show_managed_fields {
            output::strip_managed_fields(&mut obj);
        }
        // kubectl hands printers a WatchEvent; only the name printer looks inside it.
        let shown = match event {
            Some(kind) if opts.output != Output::Name => json!({"type": kind, "object": obj}),
            _ => obj,
        };
        self.printed += 1;
        let text = match &opts.output {
            Output::Yaml if self.printed > 1 => format!("---\n{}", output::yaml::to_yaml(&shown)),
            Output::CustomColumns(columns) => {
                let mut rows = Vec::new();
                if !self.headers_printed && !opts.no_headers {
                    rows.push(columns.iter().map(|c| c.header.clone()).collect());
                    self.headers_printed = true;
                }
                rows.push(output::custom_column_cells(columns, &shown));
                printer::layout_remembering(&rows, &mut self.widths)
            }
            other => output::print_generic(other, &shown, opts.no_headers, !opts.strict_template_keys)
                .map_err(|e| ClientError::Other(e.to_string()))?,
        };
        Ok(text)
    }
}

/// `get -w` options on top of `get`'s.
#[derive(Clone, Debug, Default)]
pub struct WatchOptions {
    pub get: GetOptions,
    /// `--watch-only`: skip the initial state.
    pub watch_only: bool,
    /// `--output-watch-events`: say what happened to each object.
    pub output_watch_events: bool,
}

/// Run `get -w`, handing each piece of output to `emit` as soon as it is ready. Returns when
/// the server closes the stream.
pub async fn watch(
    session: &Session,
    opts: &WatchOptions,
    emit: &mut (dyn FnMut(&str) + Send),
) -> Result<(), ClientError> {
    let reqs = get::requests(session, &opts.get.args).await?;
    if reqs.len() != 1 {
        return Err(ClientError::Usage("you may only specify a single resource type".into()));
    }
    let req = &reqs[0];
    if req.names.len() > 1 {
        return Err(ClientError::Usage(
            "watch is only supported on individual resources and resource collections - more than 1 resource was found"
                .into(),
        ));
    }
    let rt = &req.rt;
    let g = &opts.get;
    let namespace = if g.all_namespaces {
        None
    } else {
        Some(g.namespace.clone().unwrap_or_else(|| session.namespace().to_string()))
    };
    let ns = namespace.as_deref();
    let as_table = g.output.is_table();
    let accept = if as_table { TABLE_ACCEPT } else { "application/json" };
    let events = opts.output_watch_events;
    let mut tables = TablePrinter::default();
    let mut objects = ObjectPrinter::default();

    // The current state, printed unless --watch-only.
    let (initial, name) = match req.names.first() {
        Some(name) => {
            let path = rest::path(rt, ns, Some(name));
            let req = http::Request::get(path).header("Accept", accept).body(Vec::new()).expect("valid request");
            (rest::call_json(session.client(), req).await.map_err(ClientError::from)?, Some(name.clone()))
        }
        None => (get::list(session, rt, ns, g, as_table).await.map_err(ClientError::from)?, None),
    };
    if !opts.watch_only {
        let kind = events.then_some("ADDED");
        if as_table {
            emit(&tables.print(&initial, rt, g, kind));
        } else if name.is_some() {
            emit(&objects.print(&initial, g, kind)?);
        } else {
            for item in get::list_items(&initial) {
                emit(&objects.print(&item, g, kind)?);
            }
        }
    }

    // A list's resourceVersion is "now" and brings no synthetic events; a single object is
    // watched from 0, whose first (synthetic) event repeats what was just printed.
    let resource_version = match &name {
        Some(_) => "0".to_string(),
        None => initial
            .get("metadata")
            .and_then(|m| m.get("resourceVersion"))
            .and_then(Value::as_str)
            .unwrap_or("0")
            .to_string(),
    };
    let mut skip_first = name.is_some();
    let mut field_selector = g.field_selector.clone();
    if let Some(n) = &name {
        let by_name = format!("metadata.name={n}");
        field_selector = Some(match field_selector {
            Some(f) if !f.is_empty() => format!("{f},{by_name}"),
            _ => by_name,
        });
    }
    let mut q: Vec<(&str, String)> = Vec::new();
    if let Some(l) = &g.label_selector {
        q.push(("labelSelector", l.clone()));
    }
    if let Some(f) = &field_selector {
        q.push(("fieldSelector", f.clone()));
    }
    q.push(("resourceVersion", resource_version));
    q.push(("watch", "true".into()));
    let pairs: Vec<(&str, &str)> = q.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let url = format!("{}?{}", rest::path(rt, ns, None), rest::query(&pairs));
    let req = http::Request::get(url).header("Accept", accept).body(Vec::new()).expect("valid request");
    let mut stream = Box::pin(event_stream(session.client(), req).await?);
    while let Some(event) = stream.next().await {
        // kubectl ends quietly when the stream breaks (e.g. at --request-timeout).
        let Ok(event) = event else { break };
        if event.kind == "ERROR" {
            return Err(ClientError::Rest(RestError::Status {
                code: event.object.get("code").and_then(Value::as_u64).unwrap_or(500) as u16,
                status: event.object,
            }));
        }
        if event.kind == "BOOKMARK" {
            continue;
        }
        if std::mem::take(&mut skip_first) {
            continue;
        }
        let kind = events.then_some(event.kind.as_str());
        let text =
            if as_table { tables.print(&event.object, rt, g, kind) } else { objects.print(&event.object, g, kind)? };
        emit(&text);
    }
    Ok(())
}

/// The events of a watch request, one JSON document per line, until the server closes it.
pub async fn event_stream(
    client: &kube::Client,
    req: http::Request<Vec<u8>>,
) -> Result<impl futures::Stream<Item = Result<WatchEvent, ClientError>>, ClientError> {
    let resp = client
        .send(req.map(kube::client::Body::from))
        .await
        .map_err(|e| ClientError::Rest(RestError::Transport(e.to_string())))?;
    let code = resp.status().as_u16();
    let body = resp.into_body();
    if !(200..300).contains(&code) {
        let bytes = body.collect().await.map(|c| c.to_bytes()).unwrap_or_default();
        let status = serde_json::from_slice::<Value>(&bytes)
            .unwrap_or_else(|_| json!({"kind": "Status", "message": String::from_utf8_lossy(&bytes)}));
        return Err(ClientError::Rest(RestError::Status { code, status }));
    }
    let frames = body.into_data_stream();
    let state = (frames, Vec::<u8>::new());
    Ok(futures::stream::unfold(state, |(mut frames, mut buf)| async move {
        loop {
            if let Some(pos) = buf.iter().position(|&b| b == b'\n') {
                let line: Vec<u8> = buf.drain(..=pos).collect();
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                return Some((parse_event(&line), (frames, buf)));
            }
            match frames.next().await {
                Some(Ok(chunk)) => buf.extend_from_slice(&chunk),
                Some(Err(e)) => {
                    return Some((Err(ClientError::Rest(RestError::Transport(e.to_string()))), (frames, Vec::new())));
                }
                None if buf.iter().all(u8::is_ascii_whitespace) => return None,
                None => {
                    let line = std::mem::take(&mut buf);
                    return Some((parse_event(&line), (frames, buf)));
                }
            }
        }
    }))
}

fn parse_event(line: &[u8]) -> Result<WatchEvent, ClientError> {
    let v: Value = serde_json::from_slice(line)
        .map_err(|e| ClientError::Other(format!("the server sent an undecodable watch event: {e}")))?;
    Ok(WatchEvent {
        kind: v.get("type").and_then(Value::as_str).unwrap_or("").to_string(),
        object: v.get("object").cloned().unwrap_or(Value::Null),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rt() -> ResourceType {
        crate::k8s::catalog::lookup("", "v1", "configmaps").expect("configmaps").clone()
    }

    fn table(with_columns: bool, rows: &[(&str, &str)]) -> Value {
        let mut t = json!({"kind": "Table", "rows": rows.iter().map(|(n, age)| json!({"cells": [n, 1, age], "object": {"metadata": {"name": n, "namespace": "default"}}})).collect::<Vec<_>>()});
        if with_columns {
            t["columnDefinitions"] = json!([
                {"name": "Name", "type": "string", "format": "name", "priority": 0},
                {"name": "Data", "type": "integer", "format": "", "priority": 0},
                {"name": "Age", "type": "string", "format": "", "priority": 0},
            ]);
        }
        t
    }

    #[test]
    fn table_printer_prints_header_once_and_keeps_widths() {
        let mut p = TablePrinter::default();
        let opts = GetOptions::default();
        let first = p.print(&table(true, &[("mongodb-configmap", "26m")]), &rt(), &opts, None);
        assert_eq!(first, "NAME                DATA   AGE\nmongodb-configmap   1      26m\n");
        let next = p.print(&table(false, &[("watched-a-very-long-name", "0s")]), &rt(), &opts, None);
        assert_eq!(next, "watched-a-very-long-name   1      0s\n");
    }

    #[test]
    fn table_printer_watch_only_prints_header_with_first_event() {
        let mut p = TablePrinter::default();
        let opts = GetOptions::default();
        assert_eq!(p.print(&table(true, &[]), &rt(), &opts, None), "");
        let next = p.print(&table(true, &[("a", "0s")]), &rt(), &opts, None);
        assert_eq!(next, "NAME   DATA   AGE\na      1      0s\n");
    }

    #[test]
    fn table_printer_adds_padded_event_column() {
        let mut p = TablePrinter::default();
        let opts = GetOptions::default();
        let first = p.print(&table(true, &[("cm", "1m")]), &rt(), &opts, Some("ADDED"));
        assert_eq!(first, "EVENT      NAME   DATA   AGE\nADDED      cm     1      1m\n");
        let next = p.print(&table(false, &[("cm", "1m")]), &rt(), &opts, Some("MODIFIED"));
        assert_eq!(next, "MODIFIED   cm     1      1m\n");
    }

    #[test]
    fn object_printer_separates_yaml_documents() {
        let mut p = ObjectPrinter::default();
        let opts = GetOptions { output: Output::Yaml, ..Default::default() };
        let obj = json!({"kind": "ConfigMap", "metadata": {"name": "a"}});
        assert_eq!(p.print(&obj, &opts, None).expect("prints"), "kind: ConfigMap\nmetadata:\n  name: a\n");
        assert!(p.print(&obj, &opts, None).expect("prints").starts_with("---\nkind: ConfigMap"));
    }

    #[test]
    fn parse_event_reads_type_and_object() {
        let e = parse_event(br#"{"type":"ADDED","object":{"kind":"Pod"}}"#).expect("parses");
        assert_eq!(e, WatchEvent { kind: "ADDED".into(), object: json!({"kind": "Pod"}) });
        assert!(parse_event(b"{nope").is_err());
    }
}
