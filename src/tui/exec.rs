//! The executor: carries out `update`'s commands against the cluster through the client
//! layer (the same functions the CLI calls), each as a tokio task that answers with a `Msg`
//! on the bounded channel. Watches and log streams are tasks too, aborted when their view
//! goes away.

use std::collections::HashMap;
use std::sync::Arc;

use futures::future::BoxFuture;
use futures::{FutureExt, StreamExt};
use serde_json::Value;
use tokio::sync::mpsc;
use tokio::task::AbortHandle;

use super::model::Info;
use super::msg::{Cmd, Fetched, Id, LogEvent, LogRequest, Msg, ObjRef, Purpose};
use super::runtime::Executor;
use crate::client::config::ConnectOptions;
use crate::client::logs::{LogOptions, LogSource};
use crate::client::rest;
use crate::client::{ClientError, Session, describe, rollout, table_watch as watch};

pub struct ClusterExecutor {
    session: Arc<Session>,
    tx: mpsc::Sender<Msg>,
    tasks: HashMap<Id, Vec<AbortHandle>>,
    /// How to connect when switching contexts (the original flags, context replaced).
    connect: ConnectOptions,
    /// The session of a context being switched to, filled in before `Switched` is sent.
    pending_session: Option<Arc<parking_lot::Mutex<Option<Session>>>>,
    /// Running port forwards: sending (or dropping) stops one.
    forwards: HashMap<Id, tokio::sync::oneshot::Sender<()>>,
}

impl ClusterExecutor {
    pub fn new(session: Session, tx: mpsc::Sender<Msg>, connect: ConnectOptions) -> ClusterExecutor {
        ClusterExecutor {
            session: Arc::new(session),
            tx,
            tasks: HashMap::new(),
            connect,
            pending_session: None,
            forwards: HashMap::new(),
        }
    }

    fn spawn<F>(&self, f: F) -> AbortHandle
    where
        F: std::future::Future<Output = ()> + Send + 'static,
    {
        tokio::spawn(f).abort_handle()
    }

    fn answer<F>(&self, f: F)
    where
        F: std::future::Future<Output = Msg> + Send + 'static,
    {
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let msg = f.await;
            let _ = tx.send(msg).await;
        });
    }

    /// Take the new context's session once it is ready.
    fn adopt_session(&mut self) {
        let ready = self.pending_session.as_ref().and_then(|slot| slot.lock().take());
        if let Some(s) = ready {
            self.session = Arc::new(s);
            self.pending_session = None;
        }
    }

    fn stop(&mut self, id: Id) {
        for h in self.tasks.remove(&id).into_iter().flatten() {
            h.abort();
        }
    }
}

impl Drop for ClusterExecutor {
    fn drop(&mut self) {
        for (_, hs) in self.tasks.drain() {
            for h in hs {
                h.abort();
            }
        }
    }
}

fn get(path: String) -> http::Request<Vec<u8>> {
    http::Request::get(path).body(Vec::new()).expect("valid request")
}

/// The workload behind `t`, fetched as the rollout commands fetch it.
async fn workload(s: &Session, t: &ObjRef) -> Result<rollout::Workload, ClientError> {
    rollout::fetch(s, &t.rt, t.namespace.as_deref().unwrap_or("default"), &t.name).await
}

async fn get_object(s: &Session, t: &ObjRef) -> Result<Value, String> {
    rest::call_json(s.client(), get(rest::path(&t.rt, t.namespace.as_deref(), Some(&t.name))))
        .await
        .map_err(|e| e.message())
}

async fn list(s: &Session, path: String) -> Result<Vec<Value>, String> {
    let v = rest::call_json(s.client(), get(path)).await.map_err(|e| e.message())?;
    let kind = v.get("kind").and_then(Value::as_str).unwrap_or("").trim_end_matches("List").to_string();
    let mut items = v.get("items").and_then(Value::as_array).cloned().unwrap_or_default();
    // List items carry no kind; the tree builder needs it.
    for i in items.iter_mut() {
        if let Some(o) = i.as_object_mut() {
            o.entry("kind").or_insert_with(|| Value::String(kind.clone()));
        }
    }
    Ok(items)
}

fn selector_query(obj: &Value, service: bool) -> Option<String> {
    let sel = if service { obj.pointer("/spec/selector") } else { obj.pointer("/spec/selector/matchLabels") }?;
    let m = sel.as_object().filter(|m| !m.is_empty())?;
    let s = m.iter().map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default())).collect::<Vec<_>>().join(",");
    Some(rest::query(&[("labelSelector", &s)]))
}

async fn fetch(s: Arc<Session>, target: ObjRef, purpose: Purpose) -> Result<Fetched, String> {
    let ns = target.namespace.clone().unwrap_or_else(|| "default".into());
    match purpose {
        Purpose::Describe => {
            let obj = get_object(&s, &target).await?;
            describe::describe_object(&s, &target.rt, &obj, &describe::DescribeOptions::default())
                .await
                .map(Fetched::Text)
                .map_err(|e| e.kubectl_message())
        }
        Purpose::History => {
            let w = workload(&s, &target).await.map_err(|e| e.kubectl_message())?;
            let mut revs = rollout::history(&s, &w).await.map_err(|e| e.kubectl_message())?;
            // Newest first: the picker opens on the current revision's predecessor.
            revs.reverse();
            Ok(Fetched::History(revs))
        }
        Purpose::Logs { .. } if target.rt.kind != "Pod" => {
            let obj = get_object(&s, &target).await?;
            let Some(q) = selector_query(&obj, target.rt.kind == "Service") else {
                return Err(format!("{} has no selector", target.display()));
            };
            let mut pods = list(&s, format!("/api/v1/namespaces/{ns}/pods?{q}")).await?;
            let uid = crate::k8s::meta::uid(&obj).to_string();
            if matches!(target.rt.kind.as_str(), "ReplicaSet" | "Job") {
                pods.retain(|p| owned_by(p, &uid));
            }
            Ok(Fetched::Tree(pods))
        }
        Purpose::NodeAllocation => {
            let nodes = list(&s, "/api/v1/nodes".into()).await?;
            let q = rest::query(&[("fieldSelector", "status.phase!=Succeeded,status.phase!=Failed")]);
            let pods = list(&s, format!("/api/v1/pods?{q}")).await?;
            Ok(Fetched::Extras(super::alloc::cells(&nodes, &pods)))
        }
        Purpose::Xray => {
            let mut root = get_object(&s, &target).await?;
            if let Some(o) = root.as_object_mut() {
                o.entry("kind").or_insert_with(|| Value::String(target.rt.kind.clone()));
            }
            let mut out = vec![root];
            if target.rt.namespaced {
                for p in [
                    format!("/apis/apps/v1/namespaces/{ns}/replicasets"),
                    format!("/api/v1/namespaces/{ns}/pods"),
                    format!("/apis/batch/v1/namespaces/{ns}/jobs"),
                ] {
                    // A type the server lacks or forbids just leaves its branch empty.
                    out.extend(list(&s, p).await.unwrap_or_default());
                }
            }
            Ok(Fetched::Tree(out))
        }
        _ => get_object(&s, &target).await.map(Fetched::Object),
    }
}

fn owned_by(obj: &Value, uid: &str) -> bool {
    obj.pointer("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .is_some_and(|r| r.iter().any(|o| o.get("uid").and_then(Value::as_str) == Some(uid)))
}

/// Delete as `kx delete` does: the same DeleteOptions body (background cascade), the
/// grace period given or the object's own, `--force` meaning grace 0.
async fn delete(s: &Session, t: &ObjRef, grace: Option<i64>, force: bool) -> Result<String, String> {
    use crate::client::{delete, write};
    let grace = grace.or(force.then_some(0)).unwrap_or(-1);
    let body = delete::delete_body(delete::Cascade::Background, grace, write::DryRun::None);
    let path = rest::path(&t.rt, t.namespace.as_deref(), Some(&t.name));
    write::delete_object(s, &path, &body, false).await.map_err(|e| e.message())?;
    Ok(format!("{} {}", t.display(), if grace == 0 { "force deleted" } else { "deleted" }))
}

/// Scale as `kx scale` does: a merge patch of the scale subresource, as its field manager.
async fn scale(s: &Session, t: &ObjRef, replicas: i64) -> Result<String, String> {
    use crate::client::{scale, write};
    let path = format!("{}/scale", rest::path(&t.rt, t.namespace.as_deref(), Some(&t.name)));
    let mut params = write::WriteParams::new(scale::FIELD_MANAGER, write::DryRun::None);
    params.field_validation = None;
    let body = serde_json::to_vec(&serde_json::json!({"spec": {"replicas": replicas}})).expect("JSON serializes");
    write::patch_object(s, &path, crate::k8s::patch::PatchType::Merge, body, &params).await.map_err(|e| e.message())?;
    Ok(format!("{} scaled", t.display()))
}

async fn apply(s: &Session, t: &ObjRef, text: &str) -> Result<Value, String> {
    let obj = super::editor::validate(text)?;
    if crate::k8s::meta::name(&obj) != t.name {
        return Err(format!("the name cannot change while editing (was {:?})", t.name));
    }
    let req = http::Request::put(rest::path(&t.rt, t.namespace.as_deref(), Some(&t.name)))
        .header("Content-Type", "application/json")
        .body(serde_json::to_vec(&obj).expect("JSON serializes"))
        .expect("valid request");
    rest::call_json(s.client(), req).await.map_err(|e| e.message())
}

/// Stream the logs of every requested pod, merged, each line tagged with its pod (and
/// container when several are shown); followed streams reconnect by themselves and say so.
async fn logs(s: Arc<Session>, id: Id, req: LogRequest, tx: mpsc::Sender<Msg>) {
    use crate::client::logs::LogItem;
    // A line (prefix, text), or a stream's connection news as the event to pass on.
    let (line_tx, mut line_rx) = mpsc::channel::<Result<(String, String), LogEvent>>(1024);
    let multi = req.pods.len() > 1;
    let mut handles = Vec::new();
    for pod in &req.pods {
        let ns = pod.namespace.clone().unwrap_or_else(|| "default".into());
        let containers: Vec<String> = match &req.container {
            Some(c) => vec![c.clone()],
            None => match get_object(&s, pod).await {
                Ok(p) => p
                    .pointer("/spec/containers")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c.get("name").and_then(Value::as_str).map(str::to_string))
                    .collect(),
                Err(e) => {
                    let _ = tx.send(Msg::Log { id, event: LogEvent::Ended(Some(e)) }).await;
                    return;
                }
            },
        };
        let several = containers.len() > 1;
        for c in containers {
            let prefix = match (multi, several) {
                (true, true) => format!("{}/{c}", pod.name),
                (true, false) => pod.name.clone(),
                (false, true) => c.clone(),
                (false, false) => String::new(),
            };
            let opts = LogOptions {
                follow: req.follow,
                previous: req.previous,
                tail_lines: req.tail,
                since_seconds: req.since_seconds,
                timestamps: req.timestamps,
                ..LogOptions::default()
            };
            let source = LogSource { namespace: ns.clone(), pod: pod.name.clone(), container: c };
            let s = s.clone();
            let line_tx = line_tx.clone();
            handles.push(tokio::spawn(async move {
                // The same stream `kx logs` reads.
                let mut lines = match crate::client::logs::follow::open(s.client(), source, &opts).await {
                    Ok(lines) => lines,
                    Err(e) => {
                        let _ = line_tx.send(Ok((prefix, format!("[kx] {}", e.kubectl_message())))).await;
                        return;
                    }
                };
                while let Some(item) = lines.next().await {
                    let piece = match item {
                        Ok(LogItem::Line(l)) => {
                            Ok((prefix.clone(), l.text.trim_end_matches('\n').trim_end_matches('\r').to_string()))
                        }
                        Ok(LogItem::Disconnected { error, retry_in, .. }) => {
                            Err(LogEvent::Disconnected { prefix: prefix.clone(), error, retry_in })
                        }
                        Ok(LogItem::Reconnected { .. }) => Err(LogEvent::Reconnected { prefix: prefix.clone() }),
                        Err(e) => Ok((prefix.clone(), format!("[kx] {}", e.kubectl_message()))),
                    };
                    if line_tx.send(piece).await.is_err() {
                        return;
                    }
                }
            }));
        }
    }
    drop(line_tx);
    // Batch lines that arrive together into one message; connection news goes on its own,
    // in order.
    let mut next = line_rx.recv().await;
    while let Some(piece) = next.take() {
        let event = match piece {
            Ok(line) => {
                let mut batch = vec![line];
                while batch.len() < 512 {
                    match line_rx.try_recv() {
                        Ok(Ok(l)) => batch.push(l),
                        Ok(Err(news)) => {
                            next = Some(Err(news));
                            break;
                        }
                        Err(_) => break,
                    }
                }
                LogEvent::Lines(batch)
            }
            Err(news) => news,
        };
        if tx.send(Msg::Log { id, event }).await.is_err() {
            for h in handles {
                h.abort();
            }
            return;
        }
        if next.is_none() {
            next = line_rx.recv().await;
        }
    }
    let _ = tx.send(Msg::Log { id, event: LogEvent::Ended(None) }).await;
}

/// Context, cluster and user of the kubeconfig's selection, for the header.
pub fn info_from_kubeconfig(opts: &ConnectOptions, namespace: &str) -> Info {
    let mut info = Info { namespace: namespace.to_string(), ..Default::default() };
    if let Ok((kc, _)) = crate::client::config::load_kubeconfig(opts.kubeconfig.as_ref()) {
        let ctx_name = opts.context.clone().or(kc.current_context.clone()).unwrap_or_default();
        info.contexts = kc.contexts.iter().map(|c| c.name.clone()).collect();
        info.contexts.sort();
        if let Some(c) = kc.contexts.iter().find(|c| c.name == ctx_name).and_then(|c| c.context.as_ref()) {
            info.cluster = opts.cluster.clone().unwrap_or_else(|| c.cluster.clone());
            info.user = opts.user.clone().or_else(|| c.user.clone()).unwrap_or_default();
            if let Some(cl) = kc.clusters.iter().find(|x| x.name == info.cluster).and_then(|x| x.cluster.as_ref()) {
                info.server = cl.server.clone().unwrap_or_default();
            }
        }
        info.context = ctx_name;
    }
    if let Some(s) = &opts.server {
        info.server = s.clone();
    }
    info
}

impl Executor for ClusterExecutor {
    fn execute(&mut self, cmd: Cmd) {
        self.adopt_session();
        let s = self.session.clone();
        match cmd {
            Cmd::Watch { id, spec } => {
                let (etx, mut erx) = mpsc::channel(16);
                let client = s.client().clone();
                let w = self.spawn(watch::watch_table(client, spec, etx));
                let tx = self.tx.clone();
                let f = self.spawn(async move {
                    while let Some(event) = erx.recv().await {
                        if tx.send(Msg::Table { id, event }).await.is_err() {
                            return;
                        }
                    }
                });
                self.tasks.insert(id, vec![w, f]);
            }
            Cmd::Unwatch(id) | Cmd::StopLogs(id) => self.stop(id),
            Cmd::Discover => self.answer(async move {
                // Fresh, not cached: the TUI lives long and CRDs come and go.
                match crate::client::discovery::Discovery::load(s.client(), &s.conn.cluster_url, true).await {
                    Ok(d) => Msg::Discovered(Ok(d.types)),
                    Err(e) => Msg::Discovered(Err(ClientError::from(e).kubectl_message())),
                }
            }),
            Cmd::Version => self.answer(async move {
                match rest::call_json(s.client(), get("/version".into())).await {
                    Ok(v) => Msg::Version(Ok(v.get("gitVersion").and_then(Value::as_str).unwrap_or("?").to_string())),
                    Err(e) => Msg::Version(Err(e.message())),
                }
            }),
            Cmd::Fetch { id, target, purpose } => self.answer(async move {
                let result = fetch(s, target.clone(), purpose.clone()).await;
                Msg::Fetched { id, target, purpose, result }
            }),
            Cmd::Delete { targets, grace_period, force } => self.answer(async move {
                let mut ok = Vec::new();
                for t in &targets {
                    match delete(&s, t, grace_period, force).await {
                        Ok(m) => ok.push(m),
                        Err(e) => return Msg::Done(Err(e)),
                    }
                }
                Msg::Done(Ok(if ok.len() == 1 { ok.remove(0) } else { format!("{} objects deleted", ok.len()) }))
            }),
            Cmd::Scale { target, replicas } => {
                self.answer(async move { Msg::Done(scale(&s, &target, replicas).await) })
            }
            Cmd::Restart { target } => self.answer(async move {
                let r = match workload(&s, &target).await {
                    Ok(w) => rollout::restart(&s, &w).await,
                    Err(e) => Err(e),
                };
                Msg::Done(r.map(|_| format!("{} restarted", target.display())).map_err(|e| e.kubectl_message()))
            }),
            Cmd::Undo { target, revision } => self.answer(async move {
                let r = match workload(&s, &target).await {
                    Ok(w) => rollout::undo(&s, &w, revision).await,
                    Err(e) => Err(e),
                };
                let done = |o: rollout::UndoOutcome| match o {
                    rollout::UndoOutcome::RolledBack => format!("{} rolled back", target.display()),
                    rollout::UndoOutcome::Skipped(n) => {
                        format!("{} skipped rollback (current template already matches revision {n})", target.display())
                    }
                };
                Msg::Done(r.map(done).map_err(|e| e.kubectl_message()))
            }),
            Cmd::Apply { id, target, text } => {
                self.answer(async move { Msg::Applied { id, result: apply(&s, &target, &text).await } })
            }
            Cmd::Logs { id, request } => {
                let tx = self.tx.clone();
                let h = self.spawn(logs(s, id, request, tx));
                self.tasks.insert(id, vec![h]);
            }
            Cmd::SaveFile { path, text } => self.answer(async move {
                match tokio::fs::write(&path, text).await {
                    Ok(()) => Msg::Done(Ok(format!("saved to {}", path.display()))),
                    Err(e) => Msg::Done(Err(format!("could not save {}: {e}", path.display()))),
                }
            }),
            Cmd::SwitchContext(name) => {
                let mut opts = self.connect.clone();
                opts.context = Some(name.clone());
                opts.server = None;
                for (_, hs) in self.tasks.drain() {
                    hs.into_iter().for_each(|h| h.abort());
                }
                let tx = self.tx.clone();
                let slot = Arc::new(parking_lot::Mutex::new(None::<Session>));
                let slot2 = slot.clone();
                // The new session replaces ours when the switch message arrives; until then
                // commands still go to the old one.
                tokio::spawn(async move {
                    let msg = match Session::connect(&opts).await {
                        Ok(sess) => {
                            let info = info_from_kubeconfig(&opts, sess.namespace());
                            *slot2.lock() = Some(sess);
                            Msg::Switched(Ok(info))
                        }
                        Err(e) => Msg::Switched(Err(e.kubectl_message())),
                    };
                    let _ = tx.send(msg).await;
                });
                self.pending_session = Some(slot);
                self.connect.context = Some(name);
            }
            Cmd::PortForward { id, namespace, target, request } => {
                // Forwards that ended on their own have dropped their receivers.
                self.forwards.retain(|_, stop| !stop.is_closed());
                let (stop, stopped) = tokio::sync::oneshot::channel();
                self.forwards.insert(id, stop);
                let tx = self.tx.clone();
                tokio::spawn(super::portforward::run::forward(s, id, namespace, target, request, stopped, tx));
            }
            Cmd::StopPortForward(id) => {
                if let Some(stop) = self.forwards.remove(&id) {
                    let _ = stop.send(());
                }
            }
            Cmd::Quit | Cmd::Shell { .. } | Cmd::ExternalEdit { .. } => {}
        }
    }

    fn suspended(&mut self, cmd: Cmd) -> BoxFuture<'_, Msg> {
        let s = self.session.clone();
        async move {
            match cmd {
                Cmd::ExternalEdit { target, text } => super::suspend::external_edit(target, text).await,
                Cmd::Shell { pod, container } => super::suspend::shell(&s, pod, container).await,
                _ => Msg::Resumed(Ok(String::new())),
            }
        }
        .boxed()
    }
}
