//! Live tables: list + watch of any resource type with the server-side Table rendering, so
//! columns come from the server (CRD printer columns included), as `kubectl get -w` and the
//! TUI need them. One task per watch keeps going through dropped connections (back-off, then
//! resume from the last resourceVersion) and 410 Gone (re-list); every consumer sees only a
//! sequence of [`TableEvent`]s in which a `Listed` replaces everything seen before, so rows
//! are never duplicated or lost across reconnects.

use std::collections::BTreeMap;
use std::time::Duration;

use bytes::BytesMut;
use http_body_util::BodyExt;
use serde::Deserialize;
use serde_json::Value;
use tokio::sync::mpsc;

use super::get::TABLE_ACCEPT;
use super::printer;
use super::rest::{self, RestError};
use crate::k8s::catalog::ResourceType;

/// What to watch.
#[derive(Clone, Debug, PartialEq)]
pub struct WatchSpec {
    pub rt: ResourceType,
    /// `None` for all namespaces (or a cluster-scoped type).
    pub namespace: Option<String>,
    pub label_selector: Option<String>,
    pub field_selector: Option<String>,
    /// Page size of the initial list (0: one request).
    pub page_size: usize,
}

impl WatchSpec {
    pub fn new(rt: ResourceType, namespace: Option<String>) -> WatchSpec {
        WatchSpec { rt, namespace, label_selector: None, field_selector: None, page_size: 0 }
    }
}

/// One column of a server Table (`metav1.TableColumnDefinition`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Column {
    pub name: String,
    #[serde(rename = "type", default)]
    pub type_: String,
    #[serde(default)]
    pub format: String,
    #[serde(default)]
    pub priority: i64,
}

/// An owner reference, enough to walk ownership (drill-down, xray).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct OwnerRef {
    #[serde(rename = "apiVersion", default)]
    pub api_version: String,
    pub kind: String,
    pub name: String,
    #[serde(default)]
    pub uid: String,
    #[serde(default)]
    pub controller: Option<bool>,
}

/// The metadata a row carries (`includeObject=Metadata`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RowMeta {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub namespace: Option<String>,
    #[serde(default)]
    pub uid: String,
    #[serde(default)]
    pub resource_version: String,
    #[serde(default)]
    pub creation_timestamp: Option<jiff::Timestamp>,
    #[serde(default)]
    pub deletion_timestamp: Option<jiff::Timestamp>,
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    #[serde(default)]
    pub owner_references: Vec<OwnerRef>,
}

/// One row: the server's cells rendered as kubectl prints them, and the object's metadata.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub cells: Vec<String>,
    pub meta: RowMeta,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ChangeKind {
    Added,
    Modified,
    Deleted,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub kind: ChangeKind,
    pub row: TableRow,
}

/// What a table watch reports.
#[derive(Clone, Debug, PartialEq)]
pub enum TableEvent {
    /// The complete current state: replaces all rows seen so far.
    Listed { columns: Vec<Column>, rows: Vec<TableRow>, resource_version: String },
    /// Changes since the last event, in order (a burst of watch events arrives as one batch).
    Changes(Vec<Change>),
    /// The connection failed; the watch retries after `retry_in`.
    Disconnected { error: String, retry_in: Duration },
    /// A watch that had reported `Disconnected` is connected again and resumed where it
    /// stopped (a quiet resource sends nothing else, so without this the consumer could not
    /// tell the connection is back).
    Reconnected,
    /// The server refused the watch for good (forbidden, not found, bad selector).
    Failed(String),
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TableDoc {
    #[serde(default)]
    column_definitions: Option<Vec<Column>>,
    #[serde(default)]
    rows: Vec<RowDoc>,
    #[serde(default)]
    metadata: ListMeta,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ListMeta {
    #[serde(default)]
    resource_version: String,
    #[serde(default, rename = "continue")]
    cont: Option<String>,
}

#[derive(Deserialize)]
struct RowDoc {
    #[serde(default)]
    cells: Vec<Value>,
    #[serde(default)]
    object: Option<ObjectDoc>,
}

#[derive(Deserialize)]
struct ObjectDoc {
    #[serde(default)]
    metadata: RowMeta,
}

impl RowDoc {
    fn into_row(self) -> TableRow {
        TableRow {
            cells: self.cells.iter().map(printer::cell).collect(),
            meta: self.object.map(|o| o.metadata).unwrap_or_default(),
        }
    }
}

/// A decoded Table page.
#[derive(Debug, Clone, PartialEq)]
pub struct TablePage {
    /// Present on lists and on the first watch event only.
    pub columns: Option<Vec<Column>>,
    pub rows: Vec<TableRow>,
    pub resource_version: String,
    pub cont: Option<String>,
}

/// Parse a Table document (a list response or a watch event's object).
pub fn parse_table(body: &[u8]) -> Result<TablePage, String> {
    let doc: TableDoc = serde_json::from_slice(body).map_err(|e| format!("undecodable Table: {e}"))?;
    Ok(TablePage {
        columns: doc.column_definitions,
        rows: doc.rows.into_iter().map(RowDoc::into_row).collect(),
        resource_version: doc.metadata.resource_version,
        cont: doc.metadata.cont.filter(|c| !c.is_empty()),
    })
}

/// Back-off between reconnects: 1 s doubling to 30 s, as client-go's reflector roughly does.
pub fn backoff(attempt: u32) -> Duration {
    Duration::from_secs(1u64 << attempt.min(5)).min(Duration::from_secs(30))
}

fn query(spec: &WatchSpec, extra: &[(&str, String)]) -> String {
    let mut q: Vec<(&str, String)> = Vec::new();
    if let Some(l) = &spec.label_selector {
        q.push(("labelSelector", l.clone()));
    }
    if let Some(f) = &spec.field_selector {
        q.push(("fieldSelector", f.clone()));
    }
    q.extend(extra.iter().cloned());
    let pairs: Vec<(&str, &str)> = q.iter().map(|(k, v)| (*k, v.as_str())).collect();
    rest::query(&pairs)
}

fn table_request(url: String) -> http::Request<Vec<u8>> {
    http::Request::get(url).header("Accept", TABLE_ACCEPT).body(Vec::new()).expect("valid request")
}

/// List every row (following `continue`), as a Table.
pub async fn list_table(
    client: &kube::Client,
    spec: &WatchSpec,
) -> Result<(Vec<Column>, Vec<TableRow>, String), RestError> {
    let base = rest::path(&spec.rt, spec.namespace.as_deref(), None);
    let mut columns: Option<Vec<Column>> = None;
    let mut rows = Vec::new();
    let mut cont: Option<String> = None;
    loop {
        let mut extra = Vec::new();
        if spec.page_size > 0 {
            extra.push(("limit", spec.page_size.to_string()));
        }
        if let Some(c) = &cont {
            extra.push(("continue", c.clone()));
        }
        let q = query(spec, &extra);
        let url = if q.is_empty() { base.clone() } else { format!("{base}?{q}") };
        let body = rest::call(client, table_request(url)).await?;
        let page = parse_table(&body).map_err(RestError::Transport)?;
        if columns.is_none() {
            columns = page.columns;
        }
        rows.extend(page.rows);
        match page.cont {
            Some(n) => cont = Some(n),
            None => return Ok((columns.unwrap_or_default(), rows, page.resource_version)),
        }
    }
}

/// How one watch connection ended.
enum WatchEnd {
    /// The server closed the stream (timeout): watch again from the last version.
    Closed,
    /// 410 Gone: the version is too old; re-list.
    Expired,
    /// The consumer went away.
    ConsumerGone,
    Transport(String),
    Refused(String),
}

/// Run the watch until the receiver is dropped: list, then watch from the list's version;
/// reconnect with back-off; re-list when told the version expired.
pub async fn watch_table(client: kube::Client, spec: WatchSpec, tx: mpsc::Sender<TableEvent>) {
    let mut attempt: u32 = 0;
    let mut resume: Option<String> = None;
    // Whether the consumer was last told `Disconnected`.
    let mut down = false;
    loop {
        let rv = match resume.take() {
            Some(rv) => rv,
            None => match list_table(&client, &spec).await {
                Ok((columns, rows, rv)) => {
                    attempt = 0;
                    // A fresh listing replaces everything, which says "connected" by itself.
                    down = false;
                    if tx.send(TableEvent::Listed { columns, rows, resource_version: rv.clone() }).await.is_err() {
                        return;
                    }
                    rv
                }
                Err(e) => {
                    if refused_for_good(&e) {
                        let _ = tx.send(TableEvent::Failed(e.message())).await;
                        return;
                    }
                    let retry_in = backoff(attempt);
                    attempt += 1;
                    down = true;
                    if tx.send(TableEvent::Disconnected { error: e.message(), retry_in }).await.is_err() {
                        return;
                    }
                    tokio::time::sleep(retry_in).await;
                    continue;
                }
            },
        };
        let mut last_rv = rv;
        match watch_once(&client, &spec, &mut last_rv, &tx, &mut attempt, &mut down).await {
            WatchEnd::ConsumerGone => return,
            WatchEnd::Closed => resume = Some(last_rv),
            WatchEnd::Expired => resume = None,
            WatchEnd::Refused(msg) => {
                let _ = tx.send(TableEvent::Failed(msg)).await;
                return;
            }
            WatchEnd::Transport(error) => {
                let retry_in = backoff(attempt);
                attempt += 1;
                down = true;
                if tx.send(TableEvent::Disconnected { error, retry_in }).await.is_err() {
                    return;
                }
                tokio::time::sleep(retry_in).await;
                // Resume where we were: the server replays what we missed, or says 410.
                resume = Some(last_rv);
            }
        }
    }
}

fn refused_for_good(e: &RestError) -> bool {
    matches!(e.code(), Some(400 | 401 | 403 | 404 | 405 | 422))
}

async fn watch_once(
    client: &kube::Client,
    spec: &WatchSpec,
    rv: &mut String,
    tx: &mpsc::Sender<TableEvent>,
    attempt: &mut u32,
    down: &mut bool,
) -> WatchEnd {
    let base = rest::path(&spec.rt, spec.namespace.as_deref(), None);
    // client-go picks a random timeout between 5 and 10 minutes so watches do not expire
    // together; the stream is simply reopened when it ends.
    let timeout = 300 + (uuid::Uuid::new_v4().as_u128() % 300) as u64;
    let q = query(
        spec,
        &[
            ("watch", "true".into()),
            ("resourceVersion", rv.clone()),
            ("allowWatchBookmarks", "true".into()),
            ("timeoutSeconds", timeout.to_string()),
        ],
    );
    let req = table_request(format!("{base}?{q}"));
    let resp = match client.send(req.map(kube::client::Body::from)).await {
        Ok(r) => r,
        Err(kube::Error::Api(s)) if s.code == 410 => return WatchEnd::Expired,
        Err(kube::Error::Api(s)) if matches!(s.code, 400 | 401 | 403 | 404) => return WatchEnd::Refused(s.message),
        Err(e) => return WatchEnd::Transport(e.to_string()),
    };
    let status = resp.status().as_u16();
    if status == 410 {
        return WatchEnd::Expired;
    }
    if !(200..300).contains(&status) {
        let body = resp.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
        let msg = serde_json::from_slice::<Value>(&body)
            .map(|v| rest::status_message(&v))
            .unwrap_or_else(|_| format!("watch failed with HTTP {status}"));
        return if matches!(status, 400 | 401 | 403 | 404) { WatchEnd::Refused(msg) } else { WatchEnd::Transport(msg) };
    }
    *attempt = 0;
    if std::mem::take(down) && tx.send(TableEvent::Reconnected).await.is_err() {
        return WatchEnd::ConsumerGone;
    }
    let mut body = resp.into_body();
    let mut buf = BytesMut::new();
    loop {
        let frame = match body.frame().await {
            None => return WatchEnd::Closed,
            Some(Err(e)) => return WatchEnd::Transport(e.to_string()),
            Some(Ok(f)) => f,
        };
        let Ok(data) = frame.into_data() else { continue };
        buf.extend_from_slice(&data);
        let mut batch = Vec::new();
        while let Some(pos) = buf.iter().position(|&b| b == b'\n') {
            let line = buf.split_to(pos + 1);
            let line = &line[..line.len() - 1];
            if line.is_empty() {
                continue;
            }
            match parse_event(line) {
                Ok(Event::Rows(kind, rows, new_rv)) => {
                    if !new_rv.is_empty() {
                        *rv = new_rv;
                    }
                    batch.extend(rows.into_iter().map(|row| Change { kind: kind.clone(), row }));
                }
                Ok(Event::Bookmark(new_rv)) => {
                    if !new_rv.is_empty() {
                        *rv = new_rv;
                    }
                }
                Ok(Event::Error(code, msg)) => {
                    if !batch.is_empty() && tx.send(TableEvent::Changes(batch)).await.is_err() {
                        return WatchEnd::ConsumerGone;
                    }
                    return if code == 410 { WatchEnd::Expired } else { WatchEnd::Transport(msg) };
                }
                Err(e) => tracing::warn!("skipping an undecodable watch event: {e}"),
            }
        }
        if !batch.is_empty() && tx.send(TableEvent::Changes(batch)).await.is_err() {
            return WatchEnd::ConsumerGone;
        }
    }
}

enum Event {
    Rows(ChangeKind, Vec<TableRow>, String),
    Bookmark(String),
    Error(u16, String),
}

#[derive(Deserialize)]
struct EventDoc {
    #[serde(rename = "type")]
    type_: String,
    object: Value,
}

fn parse_event(line: &[u8]) -> Result<Event, String> {
    let ev: EventDoc = serde_json::from_slice(line).map_err(|e| e.to_string())?;
    let kind = match ev.type_.as_str() {
        "ADDED" => ChangeKind::Added,
        "MODIFIED" => ChangeKind::Modified,
        "DELETED" => ChangeKind::Deleted,
        "BOOKMARK" => {
            return Ok(Event::Bookmark(crate::k8s::meta::resource_version(&ev.object).to_string()));
        }
        "ERROR" => {
            let v = &ev.object;
            let code = v.get("code").and_then(Value::as_u64).unwrap_or(500) as u16;
            return Ok(Event::Error(code, rest::status_message(v)));
        }
        other => return Err(format!("unknown watch event type {other:?}")),
    };
    let doc: TableDoc = serde_json::from_value(ev.object).map_err(|e| format!("undecodable Table: {e}"))?;
    let rows: Vec<TableRow> = doc.rows.into_iter().map(RowDoc::into_row).collect();
    // A Table event's own resourceVersion is the list's; the row's object carries the
    // object's, which is where a resumed watch must start.
    let rv = rows.last().map(|r| r.meta.resource_version.clone()).unwrap_or_default();
    Ok(Event::Rows(kind, rows, rv))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table_reads_columns_cells_and_metadata() {
        let body = br#"{"kind":"Table","metadata":{"resourceVersion":"7"},"columnDefinitions":[{"name":"Name","type":"string","format":"name","priority":0},{"name":"Age","type":"string","priority":0}],
            "rows":[{"cells":["web-1",3],"object":{"kind":"PartialObjectMetadata","metadata":{"name":"web-1","namespace":"default","uid":"u1","resourceVersion":"5","creationTimestamp":"2024-01-01T00:00:00Z","labels":{"app":"web"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-abc","uid":"r1","controller":true}]}}}]}"#;
        let TablePage { columns: cols, rows, resource_version: rv, cont } = parse_table(body).expect("parses");
        let cols = cols.expect("columns");
        assert_eq!(cols[0].format, "name");
        assert_eq!(rv, "7");
        assert_eq!(cont, None);
        assert_eq!(rows[0].cells, vec!["web-1", "3"]);
        assert_eq!(rows[0].meta.labels["app"], "web");
        assert_eq!(rows[0].meta.owner_references[0].kind, "ReplicaSet");
    }

    #[test]
    fn parse_event_takes_resource_version_from_the_row() {
        let line = br#"{"type":"MODIFIED","object":{"kind":"Table","metadata":{"resourceVersion":"1"},"columnDefinitions":null,"rows":[{"cells":["a"],"object":{"metadata":{"name":"a","resourceVersion":"42"}}}]}}"#;
        match parse_event(line).expect("parses") {
            Event::Rows(ChangeKind::Modified, rows, rv) => {
                assert_eq!(rows.len(), 1);
                assert_eq!(rv, "42");
            }
            _ => panic!("expected rows"),
        }
        let gone = br#"{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired","message":"too old"}}"#;
        assert!(matches!(parse_event(gone), Ok(Event::Error(410, _))));
    }

    #[test]
    fn backoff_doubles_to_thirty_seconds() {
        assert_eq!(backoff(0), Duration::from_secs(1));
        assert_eq!(backoff(3), Duration::from_secs(8));
        assert_eq!(backoff(10), Duration::from_secs(30));
    }
}
