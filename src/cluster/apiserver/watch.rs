//! Watch streams: line-delimited JSON events (`{"type":…,"object":…}\n`), flushed per burst,
//! with resourceVersion semantics (synthetic ADDED events for the current state when asked),
//! selector transitions (an object leaving a selector is DELETED for that watcher), bookmarks
//! on request, the initial-events-end bookmark for streaming lists, and a stale
//! resourceVersion reported as an in-stream 410 ERROR event (kube-rs would retry an HTTP 410
//! response forever).

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use bytes::Bytes;
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;

use super::registry::{ListOptions, Registry, parse};
use super::status::ApiError;
use super::table::{self, As};
use super::view::View;
use crate::cluster::store::{EventKind, KeyRange, StoreError, WatchEvent};
use crate::k8s::catalog::ResourceType;
use crate::k8s::meta;

pub type SharedFilter = Arc<dyn Fn(&Value) -> bool + Send + Sync>;

pub struct WatchRequest {
    /// The type the client watches; with a view, objects come from the view's storage.
    pub rt: ResourceType,
    pub view: Option<View>,
    pub namespace: Option<String>,
    /// `None` for "" or "0": send the current state first. `Some(n)`: changes after n.
    pub resource_version: Option<u64>,
    pub send_initial_events: Option<bool>,
    pub bookmarks: bool,
    pub filter: Option<SharedFilter>,
    pub render: As,
    pub timeout: Duration,
}

fn event_line(kind: &str, object: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(object.len() + 32);
    out.extend_from_slice(b"{\"type\":\"");
    out.extend_from_slice(kind.as_bytes());
    out.extend_from_slice(b"\",\"object\":");
    out.extend_from_slice(object);
    out.extend_from_slice(b"}\n");
    out
}

struct Renderer {
    rt: ResourceType,
    render: As,
    view: Option<View>,
    columns_sent: bool,
}

impl Renderer {
    /// The object as this watch renders it.
    fn render(&mut self, raw: &[u8], parsed: Option<&Value>) -> Option<Vec<u8>> {
        if let Some(view) = self.view.take() {
            let stored = match parsed {
                Some(v) => v.clone(),
                None => serde_json::from_slice(raw).ok()?,
            };
            let converted = (view.from_storage)(&stored);
            let out = serde_json::to_vec(&converted).ok().and_then(|bytes| self.render(&bytes, Some(&converted)));
            self.view = Some(view);
            return out;
        }
        match self.render {
            As::Object => Some(raw.to_vec()),
            As::PartialObjectMetadata => {
                let v = match parsed {
                    Some(v) => table::partial_metadata(v),
                    None => table::partial_metadata(&serde_json::from_slice(raw).ok()?),
                };
                serde_json::to_vec(&v).ok()
            }
            As::Table { include } => {
                let owned;
                let obj = match parsed {
                    Some(v) => v,
                    None => {
                        owned = serde_json::from_slice::<Value>(raw).ok()?;
                        &owned
                    }
                };
                let rv = meta::resource_version(obj).to_string();
                let mut out = Vec::new();
                table::write_table(&mut out, &self.rt, [Ok::<_, ()>(obj)], include, &rv, None, !self.columns_sent)
                    .ok()?;
                self.columns_sent = true;
                Some(out)
            }
        }
    }

    fn bookmark(&self, rev: u64, initial_end: bool) -> Vec<u8> {
        let mut metadata = json!({"resourceVersion": rev.to_string()});
        if initial_end {
            metadata["annotations"] = json!({"k8s.io/initial-events-end": "true"});
        }
        let obj = json!({"kind": self.rt.kind, "apiVersion": self.rt.api_version(), "metadata": metadata});
        event_line("BOOKMARK", &serde_json::to_vec(&obj).unwrap_or_default())
    }
}

fn error_line(err: &ApiError) -> Vec<u8> {
    event_line("ERROR", &serde_json::to_vec(&err.status()).unwrap_or_default())
}

/// Start a watch; the body streams until the client goes away or the timeout passes.
pub fn start(registry: Arc<Registry>, req: WatchRequest) -> Result<Body, ApiError> {
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(64);
    let storage_rt = req.view.map_or(&req.rt, |v| v.storage).clone();
    let prefix = Registry::prefix(&storage_rt, req.namespace.as_deref());
    let mut renderer = Renderer { rt: req.rt.clone(), render: req.render, view: req.view, columns_sent: false };
    let filter = req.filter.clone();
    let matches = move |v: &Value| filter.as_ref().is_none_or(|f| f(v));

    // Decide where the stream starts and what it sends first.
    let send_initial = match req.send_initial_events {
        Some(v) => v,
        None => req.resource_version.is_none(),
    };
    let mut first: Vec<u8> = Vec::new();
    let start_revision = match req.resource_version {
        Some(rv) if !send_initial => rv + 1,
        _ if send_initial => {
            let f = |v: &Value| matches(v);
            let page = registry.list(&storage_rt, req.namespace.as_deref(), &ListOptions::default(), Some(&f))?;
            for item in &page.items {
                if let Some(obj) = renderer.render(item, None) {
                    first.extend(event_line("ADDED", &obj));
                }
            }
            if req.send_initial_events == Some(true) {
                first.extend(renderer.bookmark(page.resource_version, true));
            }
            page.resource_version + 1
        }
        _ => registry.store().revision() + 1,
    };
    let watcher = registry.store().watch(KeyRange::prefix(prefix.into_bytes()), start_revision);
    let mut watcher = match watcher {
        Ok(w) => w,
        Err(StoreError::Compacted { requested, compact_revision }) => {
            let err = ApiError::Expired(format!("too old resource version: {} ({compact_revision})", requested - 1));
            let _ = tx.try_send(Ok(Bytes::from(error_line(&err))));
            return Ok(Body::from_stream(ReceiverStream::new(rx)));
        }
        Err(StoreError::FutureRevision { requested, current }) => {
            let err = ApiError::Timeout(format!("Too large resource version: {}, current: {current}", requested - 1));
            let _ = tx.try_send(Ok(Bytes::from(error_line(&err))));
            return Ok(Body::from_stream(ReceiverStream::new(rx)));
        }
        Err(e) => return Err(super::registry::store_err(e)),
    };
    let bookmarks = req.bookmarks;
    let timeout = req.timeout;
    let filtered = req.filter.is_some();
    tokio::spawn(async move {
        if !first.is_empty() && tx.send(Ok(Bytes::from(first))).await.is_err() {
            return;
        }
        let deadline = tokio::time::sleep(timeout);
        tokio::pin!(deadline);
        let mut last_rev = start_revision.saturating_sub(1);
        loop {
            let next = tokio::select! {
                _ = &mut deadline => {
                    if bookmarks {
                        let _ = tx.send(Ok(Bytes::from(renderer.bookmark(last_rev, false)))).await;
                    }
                    return;
                }
                _ = tx.closed() => return,
                n = watcher.next() => n,
            };
            let mut out = Vec::new();
            let mut item = next;
            // Drain whatever else is ready into the same write.
            loop {
                match item {
                    None | Some(Err(_)) => {
                        if !out.is_empty() {
                            let _ = tx.send(Ok(Bytes::from(out))).await;
                        }
                        return;
                    }
                    Some(Ok(WatchEvent::Progress(rev))) => {
                        last_rev = last_rev.max(rev);
                        if bookmarks {
                            out.extend(renderer.bookmark(rev, false));
                        }
                    }
                    Some(Ok(WatchEvent::Change(ev))) => {
                        last_rev = ev.kv.mod_revision;
                        if let Some(line) = change_line(&mut renderer, &ev, filtered, &matches) {
                            out.extend(line);
                        }
                    }
                }
                if out.len() > 1 << 20 {
                    break;
                }
                item = match watcher.try_next() {
                    Some(i) => Some(i),
                    None => break,
                };
            }
            if !out.is_empty() && tx.send(Ok(Bytes::from(out))).await.is_err() {
                return;
            }
        }
    });
    Ok(Body::from_stream(ReceiverStream::new(rx)))
}

/// The watch event line for one store change, or `None` if this watcher does not see it.
fn change_line(
    renderer: &mut Renderer,
    ev: &crate::cluster::store::Event,
    filtered: bool,
    matches: &impl Fn(&Value) -> bool,
) -> Option<Vec<u8>> {
    match ev.kind {
        EventKind::Put => {
            if !filtered && renderer.render == As::Object && renderer.view.is_none() {
                let kind = if ev.prev.is_some() { "MODIFIED" } else { "ADDED" };
                return Some(event_line(kind, &ev.kv.value));
            }
            // When the stored bytes are sent as they are, the parsed object only feeds the
            // selectors, which never read managedFields.
            let raw_out = renderer.render == As::Object && renderer.view.is_none();
            let parse_obj =
                |b: &[u8]| if raw_out { super::registry::parse_for_match(b).ok() } else { parse::<Value>(b).ok() };
            let new: Value = parse_obj(&ev.kv.value)?;
            let new_match = matches(&new);
            let old_match = ev.prev.as_ref().and_then(|p| parse_obj(&p.value)).is_some_and(|o| matches(&o));
            let kind = match (ev.prev.is_some() && old_match, new_match) {
                (true, true) => "MODIFIED",
                (false, true) => "ADDED",
                (true, false) => "DELETED",
                (false, false) => return None,
            };
            let obj = renderer.render(&ev.kv.value, Some(&new))?;
            Some(event_line(kind, &obj))
        }
        EventKind::Delete => {
            let prev = ev.prev.as_ref()?;
            let mut old: Value = parse(&prev.value).ok()?;
            if !matches(&old) {
                return None;
            }
            // The deleted object carries the deletion's revision, as kube-apiserver sends it.
            meta::set_meta(&mut old, "resourceVersion", ev.kv.mod_revision.to_string());
            let raw = serde_json::to_vec(&old).ok()?;
            let obj = renderer.render(&raw, Some(&old))?;
            Some(event_line("DELETED", &obj))
        }
    }
}
