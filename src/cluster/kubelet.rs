//! The simulated kubelet: one node agent per simulated node. Like the real kubelet it is an
//! ordinary API client: it registers its Node, renews its Lease in `kube-node-lease`,
//! watches the pods bound to it (`fieldSelector=spec.nodeName=<node>`), runs each through
//! its lifecycle in a runtime (`sim` or `process`), reports pod status through
//! `pods/status`, records events, and deletes pods once their containers have stopped. The
//! apiserver reaches it for `pods/log` and `pods/exec` through the node-agent registry.
//!
//! Decisions are plain functions (`lifecycle`, `backoff`, `ipam`, `env`, `node`); the pod
//! workers and the tasks here wire them to the API.

mod backoff;
mod env;
mod hook;
mod ipam;
mod lifecycle;
mod logs;
mod node;
mod pod;
mod probe;
mod runtime;
mod volume;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Weak};

use futures::StreamExt;
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::{Node, ObjectReference, Pod};
use kube::api::{Patch, PatchParams, PostParams};
use kube::runtime::WatchStreamExt;
use kube::runtime::events::{Event, Recorder, Reporter};
use kube::runtime::watcher;
use parking_lot::Mutex;
use serde_json::json;
use tokio::sync::{mpsc, watch};

pub use backoff::BackoffPolicy;
pub use ipam::{Ipam, IpamError, PodCidr};
pub use node::{NodeConfig, cluster_nodes, default_capacity};
pub use runtime::Runtime;
pub use runtime::sim::{EXIT_CODE as SIM_EXIT_CODE_ANNOTATION, RUN_SECONDS as SIM_RUN_SECONDS_ANNOTATION};

use crate::cluster::apiserver::Api;
use crate::cluster::apiserver::node::{
    AgentError, ExecRequest, ExecSession, LogOptions, LogStream, NodeAgent, PodRef, PodTarget, PortDial,
};

#[derive(Debug, thiserror::Error)]
pub enum KubeletError {
    #[error("invalid configuration for node {node}")]
    InvalidConfig {
        node: String,
        #[source]
        source: IpamError,
    },
    #[error("could not create the data directory {path} of node {node}")]
    DataDirFailed {
        node: String,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not register node {node}")]
    RegisterFailed {
        node: String,
        #[source]
        source: kube::Error,
    },
}

/// What the node's tasks and pod workers share.
pub(crate) struct Shared {
    client: kube::Client,
    config: NodeConfig,
    ipam: Mutex<Ipam>,
    events: mpsc::Sender<(ObjectReference, Event)>,
    processes: runtime::Processes,
    /// What `pods/log` and `pods/exec` can see, by pod uid.
    views: Mutex<HashMap<String, Arc<Mutex<pod::PodView>>>>,
    /// The apiserver's address, for the `KUBERNETES_SERVICE_*` variables.
    api_address: String,
}

/// A running kubelet. `stop` (or dropping it) stops its pods' containers and unregisters it.
pub struct Kubelet {
    name: String,
    shared: Arc<Shared>,
    api: Arc<Api>,
    stop: watch::Sender<bool>,
    /// Tasks that end when told to stop.
    tasks: Vec<tokio::task::JoinHandle<()>>,
    /// The event recorder, which runs as long as anyone can send it events.
    recorder: tokio::task::JoinHandle<()>,
}

impl Kubelet {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How many pod IPs the node has handed out and not yet released.
    pub fn pod_ips_in_use(&self) -> usize {
        self.shared.ipam.lock().in_use()
    }

    pub async fn stop(mut self) {
        let _ = self.stop.send(true);
        for t in std::mem::take(&mut self.tasks) {
            let _ = t.await;
        }
        self.shutdown();
    }

    fn shutdown(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
        self.recorder.abort();
        self.shared.processes.kill_all();
        self.api.node_agents().unregister(&self.name);
    }
}

impl Drop for Kubelet {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        self.shutdown();
    }
}

/// Start a kubelet for `config`: register the Node and its Lease, then serve its pods.
/// `client` talks to the apiserver (in-process: `api.client()`); `api` is where the node
/// agent is registered so that logs and exec reach it.
pub async fn start(client: kube::Client, api: Arc<Api>, config: NodeConfig) -> Result<Kubelet, KubeletError> {
    let cidr: PodCidr =
        config.pod_cidr.parse().map_err(|source| KubeletError::InvalidConfig { node: config.name.clone(), source })?;
    std::fs::create_dir_all(&config.data_dir).map_err(|source| KubeletError::DataDirFailed {
        node: config.name.clone(),
        path: config.data_dir.clone(),
        source,
    })?;
    let identity = node::Identity::new();
    let node_uid = register(&client, &config, &identity)
        .await
        .map_err(|source| KubeletError::RegisterFailed { node: config.name.clone(), source })?;
    renew_lease(&client, &config, node_uid.as_deref()).await;
    let node_uid = node_uid.unwrap_or_default();

    let (events_tx, events_rx) = mpsc::channel(1024);
    let shared = Arc::new(Shared {
        client: client.clone(),
        config: config.clone(),
        ipam: Mutex::new(Ipam::new(cidr)),
        events: events_tx,
        processes: runtime::Processes::default(),
        views: Mutex::new(HashMap::new()),
        api_address: api.server_address(),
    });
    api.node_agents().register(&config.name, Arc::new(Agent { shared: Arc::downgrade(&shared) }));
    let (stop, stop_rx) = watch::channel(false);
    let recorder = tokio::spawn(record_events(client.clone(), config.name.clone(), events_rx));
    let tasks = vec![
        tokio::spawn(heartbeat(client.clone(), config.clone(), identity, node_uid, stop_rx.clone())),
        tokio::spawn(serve_pods(shared.clone(), stop_rx)),
    ];
    tracing::info!(node = %config.name, runtime = config.runtime.name(), pod_cidr = %cidr, "kubelet started");
    Ok(Kubelet { name: config.name.clone(), shared, api, stop, tasks, recorder })
}

/// Create the Node, or bring an existing one (a restart) up to date. Returns its uid.
async fn register(
    client: &kube::Client,
    config: &NodeConfig,
    id: &node::Identity,
) -> Result<Option<String>, kube::Error> {
    let nodes: kube::Api<Node> = kube::Api::all(client.clone());
    let uid = match nodes.create(&PostParams::default(), &node::node_object(config)).await {
        Ok(n) => n.metadata.uid,
        Err(kube::Error::Api(e)) if e.code == 409 => {
            // Keep what users changed (taints, extra labels); make sure ours are there.
            let patch = json!({
                "metadata": {"labels": config.labels},
                "spec": {"podCIDR": config.pod_cidr, "podCIDRs": [config.pod_cidr]},
            });
            nodes.patch(&config.name, &PatchParams::default(), &Patch::Merge(patch)).await?.metadata.uid
        }
        Err(e) => return Err(e),
    };
    post_node_status(client, config, id).await?;
    Ok(uid)
}

async fn post_node_status(client: &kube::Client, config: &NodeConfig, id: &node::Identity) -> Result<(), kube::Error> {
    let nodes: kube::Api<Node> = kube::Api::all(client.clone());
    let status = node::node_status(config, id, jiff::Timestamp::now());
    nodes.patch_status(&config.name, &PatchParams::default(), &Patch::Merge(json!({"status": status}))).await?;
    Ok(())
}

async fn renew_lease(client: &kube::Client, config: &NodeConfig, node_uid: Option<&str>) {
    let leases: kube::Api<Lease> = kube::Api::namespaced(client.clone(), node::LEASE_NAMESPACE);
    let lease = node::lease(config, node_uid, jiff::Timestamp::now());
    let patch = json!({"spec": lease.spec});
    let result = match leases.patch(&config.name, &PatchParams::default(), &Patch::Merge(patch)).await {
        Err(kube::Error::Api(e)) if e.code == 404 => leases.create(&PostParams::default(), &lease).await.map(drop),
        other => other.map(drop),
    };
    if let Err(e) = result {
        tracing::warn!(node = %config.name, error = %e, "kubelet: renewing the node lease failed");
    }
}

async fn heartbeat(
    client: kube::Client,
    config: NodeConfig,
    id: node::Identity,
    mut node_uid: String,
    mut stop: watch::Receiver<bool>,
) {
    let mut lease_tick = tokio::time::interval(config.heartbeat.max(std::time::Duration::from_millis(100)));
    let mut status_tick = tokio::time::interval(config.status_interval.max(std::time::Duration::from_secs(1)));
    lease_tick.tick().await;
    status_tick.tick().await;
    loop {
        tokio::select! {
            _ = stop.changed() => return,
            _ = lease_tick.tick() => renew_lease(&client, &config, Some(node_uid.as_str()).filter(|u| !u.is_empty())).await,
            _ = status_tick.tick() => {
                match post_node_status(&client, &config, &id).await {
                    // Someone deleted the Node: register again, as the kubelet does.
                    Err(kube::Error::Api(e)) if e.code == 404 => match register(&client, &config, &id).await {
                        Ok(uid) => node_uid = uid.unwrap_or_default(),
                        Err(e) => tracing::warn!(node = %config.name, error = %e, "kubelet: re-registering the node failed"),
                    },
                    Err(e) => tracing::warn!(node = %config.name, error = %e, "kubelet: posting node status failed"),
                    Ok(()) => {}
                }
            }
        }
    }
}

async fn record_events(client: kube::Client, node: String, mut rx: mpsc::Receiver<(ObjectReference, Event)>) {
    let recorder = Recorder::new(client, Reporter { controller: "kubelet".into(), instance: Some(node) });
    while let Some((reference, ev)) = rx.recv().await {
        if let Err(e) = recorder.publish(&ev, &reference).await {
            tracing::debug!(error = %e, reason = %ev.reason, "kubelet: recording an event failed");
        }
    }
}

struct WorkerHandle {
    tx: mpsc::UnboundedSender<pod::Msg>,
    task: tokio::task::JoinHandle<()>,
}

/// Watch the node's pods and keep one worker per pod.
async fn serve_pods(shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let pods: kube::Api<Pod> = kube::Api::all(shared.client.clone());
    let config = watcher::Config::default().fields(&format!("spec.nodeName={}", shared.config.name));
    let mut events = watcher(pods, config).default_backoff().boxed();
    let mut workers: HashMap<String, WorkerHandle> = HashMap::new();
    let mut listing: Vec<Pod> = Vec::new();
    let apply = |workers: &mut HashMap<String, WorkerHandle>, p: Pod| {
        let Some(uid) = p.metadata.uid.clone() else { return };
        match workers.get(&uid) {
            Some(w) if !w.task.is_finished() => {
                let _ = w.tx.send(pod::Msg::Update(Arc::new(p)));
            }
            _ => {
                let (tx, task) = pod::Worker::spawn(shared.clone(), p);
                workers.insert(uid, WorkerHandle { tx, task });
            }
        }
    };
    loop {
        let ev = tokio::select! {
            _ = stop.changed() => break,
            ev = events.next() => ev,
        };
        let Some(ev) = ev else { break };
        match ev {
            Ok(watcher::Event::Init) => listing.clear(),
            Ok(watcher::Event::InitApply(p)) => listing.push(p),
            Ok(watcher::Event::InitDone) => {
                // Pods that vanished while the watch was down are gone.
                let present: std::collections::HashSet<String> =
                    listing.iter().filter_map(|p| p.metadata.uid.clone()).collect();
                workers.retain(|uid, w| {
                    if present.contains(uid) {
                        return true;
                    }
                    let _ = w.tx.send(pod::Msg::Gone);
                    false
                });
                // Pods keep the IPs they had before a restart; new pods get others.
                {
                    let mut ipam = shared.ipam.lock();
                    for p in &listing {
                        let ip = p.status.as_ref().and_then(|s| s.pod_ip.as_deref()).and_then(|ip| ip.parse().ok());
                        let terminal = p
                            .status
                            .as_ref()
                            .and_then(|s| s.phase.as_deref())
                            .is_some_and(|ph| ph == "Succeeded" || ph == "Failed");
                        if let (Some(uid), Some(ip), false) = (p.metadata.uid.as_deref(), ip, terminal) {
                            ipam.reserve(uid, ip);
                        }
                    }
                }
                for p in listing.drain(..) {
                    apply(&mut workers, p);
                }
            }
            Ok(watcher::Event::Apply(p)) => apply(&mut workers, p),
            Ok(watcher::Event::Delete(p)) => {
                if let Some(w) = p.metadata.uid.as_deref().and_then(|uid| workers.remove(uid)) {
                    let _ = w.tx.send(pod::Msg::Gone);
                }
            }
            Err(e) => tracing::debug!(node = %shared.config.name, error = %e, "kubelet: pod watch error"),
        }
        workers.retain(|_, w| !w.task.is_finished());
    }
    // Dropping the mailboxes stops the workers and their containers.
    drop(workers);
}

/// The kubelet as the apiserver reaches it.
struct Agent {
    shared: Weak<Shared>,
}

impl Agent {
    fn view(&self, t: &PodTarget) -> Result<(Arc<Shared>, pod::ContainerView), AgentError> {
        let shared = self.shared.upgrade().ok_or_else(|| AgentError::Internal("the kubelet has stopped".into()))?;
        let view = shared.views.lock().get(&t.uid).cloned();
        let Some(view) = view else {
            return Err(AgentError::NotFound(format!("pod \"{}\" cannot be found - no logs available", t.name)));
        };
        let c = view.lock().containers.get(&t.container).cloned();
        let c = c.ok_or_else(|| {
            AgentError::BadRequest(format!("container {} is not valid for pod {}", t.container, t.name))
        })?;
        Ok((shared, c))
    }
}

impl NodeAgent for Agent {
    fn logs(&self, t: &PodTarget, opts: &LogOptions) -> Result<LogStream, AgentError> {
        let (_, c) = self.view(t)?;
        let handle = pod::pick_log(&t.name, &t.container, &c, opts.previous).map_err(AgentError::BadRequest)?;
        Ok(logs::stream(handle, opts.clone()))
    }

    fn can_exec(&self, t: &PodTarget) -> Result<(), AgentError> {
        self.exec_target(t).map(drop)
    }

    fn exec(&self, t: &PodTarget, req: &ExecRequest) -> Result<ExecSession, AgentError> {
        let target = self.exec_target(t)?;
        Ok(runtime::exec::exec(&target, req))
    }

    fn can_port_forward(&self, p: &PodRef) -> Result<(), AgentError> {
        let shared = self.shared.upgrade().ok_or_else(|| AgentError::Internal("the kubelet has stopped".into()))?;
        let view = shared.views.lock().get(&p.uid).cloned();
        // The kubelet's `GetPortForward` wording.
        let view = view.ok_or_else(|| AgentError::NotFound(format!("pod not found (\"{}\")", p.name)))?;
        let view = view.lock();
        let running: Vec<&pod::ContainerView> =
            view.containers.values().filter(|c| matches!(c.state, lifecycle::State::Running { .. })).collect();
        if running.is_empty() {
            return Err(AgentError::BadRequest(format!(
                "unable to forward port because pod {} has no running container",
                p.name
            )));
        }
        if running.iter().all(|c| c.exec.is_none()) {
            let how = if shared.config.runtime == Runtime::Process {
                "its containers have no command, so the process runtime simulates them; give a container a command that listens on the port"
            } else {
                "start the cluster with `kx cluster up --runtime process` and give a container a command that listens on the port"
            };
            return Err(AgentError::BadRequest(format!(
                "cannot forward ports of pod \"{}\": it is simulated by kx's {} runtime and runs no process, so nothing listens; {how}",
                p.name,
                shared.config.runtime.name()
            )));
        }
        Ok(())
    }

    fn port_forward(&self, p: &PodRef, port: u16) -> PortDial {
        let ready = self.can_port_forward(p);
        let uid = p.uid.clone();
        Box::pin(async move {
            ready.map_err(|e| e.to_string())?;
            runtime::portforward::dial(&uid, port).await
        })
    }
}

impl Agent {
    fn exec_target(&self, t: &PodTarget) -> Result<Arc<runtime::ExecTarget>, AgentError> {
        let (shared, c) = self.view(t)?;
        if !matches!(c.state, lifecycle::State::Running { .. }) {
            return Err(AgentError::BadRequest(format!("container not found (\"{}\")", t.container)));
        }
        match c.exec {
            Some(target) => Ok(target),
            None => {
                let how = if shared.config.runtime == Runtime::Process {
                    "it has no command, so the process runtime simulates it; give the container a command to get a real one"
                } else {
                    "start the cluster with `kx cluster up --runtime process` and give the container a command to get a real one"
                };
                Err(AgentError::BadRequest(format!(
                    "cannot exec into container \"{}\" of pod \"{}\": it is simulated by kx's sim runtime and runs no process; {how}",
                    t.container, t.name
                )))
            }
        }
    }
}
