//! The embedded cluster's kube-scheduler: an ordinary API client that watches pods, nodes,
//! claims and volumes, places pods that have no `spec.nodeName` (and name no other scheduler)
//! through `pods/binding`, and tells users why a pod fits nowhere with a `PodScheduled=False`
//! condition and a `FailedScheduling` event in kube-scheduler's words.
//!
//! The decision itself ([`schedule`], [`select`]) is a pure function over [`NodeInfo`]s that
//! carry running per-node totals, so a decision costs one pass over the nodes and never a
//! walk over their pods. This file only wires it to watches and writes; it may depend on
//! `kube` and tokio, the submodules may not.

mod affinity;
mod algorithm;
mod cache;
mod fit_error;
mod node_info;
mod queue;
mod resources;
mod volumes;

use std::collections::HashSet;
use std::pin::pin;
use std::sync::Arc;
use std::time::Instant;

use futures::StreamExt;
use k8s_openapi::api::core::v1::{Binding, Node, ObjectReference, PersistentVolume, PersistentVolumeClaim, Pod};
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::api::{Api, Patch, PatchParams, PostParams};
use kube::runtime::{WatchStreamExt, watcher};
use kube::{Resource, ResourceExt};
use serde_json::{Value, json};
use tokio::sync::{Semaphore, mpsc, oneshot};

use crate::cluster::events::EventSink;
use tokio::task::JoinHandle;

pub use affinity::{tolerated, tolerates};
pub use algorithm::{PodInfo, schedule, select};
pub use cache::{Cache, DEFAULT_SCHEDULER, Placement, PodChange, wants_scheduling};
pub use fit_error::{Diagnosis, FitError};
pub use node_info::{HostPort, NodeInfo, PodUsage};
pub use queue::Queue;
pub use resources::{PodRequests, Resources};
pub use volumes::{VolumeNeeds, Volumes};

/// Decisions made between two looks at the watch events, so a long queue cannot starve them.
const DECISIONS_PER_TURN: usize = 256;
/// Bindings, status updates and events in flight at once.
const MAX_IN_FLIGHT_WRITES: usize = 64;
/// kube-scheduler's field selector: finished pods hold no resources.
const NON_TERMINAL_PODS: &str = "status.phase!=Succeeded,status.phase!=Failed";

/// A running scheduler. Dropping it stops the scheduler too, without waiting.
#[must_use = "the scheduler stops when this handle is dropped"]
pub struct Scheduler {
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Scheduler {
    /// Stops watching and deciding, and waits for the loop to end (bindings already sent
    /// finish on their own).
    pub async fn shutdown(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Scheduler {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Starts the scheduler on `client` (for the embedded cluster, `cluster.api.client()`).
pub fn spawn(client: kube::Client) -> Scheduler {
    let (tx, rx) = oneshot::channel();
    let task = tokio::spawn(run(client, rx));
    Scheduler { shutdown: Some(tx), task: Some(task) }
}

/// What the scheduling loop reacts to. Watch events are boxed: Kubernetes objects are large
/// and most messages in the channel are small.
enum Input {
    Pod(Box<watcher::Event<Pod>>),
    Node(Box<watcher::Event<Node>>),
    Claim(Box<watcher::Event<PersistentVolumeClaim>>),
    Volume(Box<watcher::Event<PersistentVolume>>),
    Class(Box<watcher::Event<StorageClass>>),
    Bound { key: String, node: String, result: Result<(), kube::Error> },
}

async fn run(client: kube::Client, mut shutdown: oneshot::Receiver<()>) {
    let (tx, mut rx) = mpsc::channel(1024);
    let watches = [
        forward(
            Api::<Pod>::all(client.clone()),
            watcher::Config::default().fields(NON_TERMINAL_PODS),
            tx.clone(),
            Input::Pod,
        ),
        forward(Api::<Node>::all(client.clone()), watcher::Config::default(), tx.clone(), Input::Node),
        forward(
            Api::<PersistentVolumeClaim>::all(client.clone()),
            watcher::Config::default(),
            tx.clone(),
            Input::Claim,
        ),
        forward(Api::<PersistentVolume>::all(client.clone()), watcher::Config::default(), tx.clone(), Input::Volume),
        forward(Api::<StorageClass>::all(client.clone()), watcher::Config::default(), tx.clone(), Input::Class),
    ];
    let (sink, event_task) = EventSink::new(client.clone(), "default-scheduler-kx");
    let mut runner = Runner {
        events: sink.for_controller(DEFAULT_SCHEDULER),
        client,
        tx,
        writes: Arc::new(Semaphore::new(MAX_IN_FLIGHT_WRITES)),
        cache: Cache::default(),
        queue: Queue::default(),
        relists: Default::default(),
        changed: false,
    };
    loop {
        let now = Instant::now();
        let ready = runner.synced() && runner.queue.has_ready(now);
        let wake = runner.queue.next_wakeup().map(tokio::time::Instant::from_std);
        tokio::select! {
            biased;
            _ = &mut shutdown => break,
            msg = rx.recv() => match msg {
                Some(msg) => runner.apply(msg),
                None => break,
            },
            _ = std::future::ready(()), if ready => {}
            _ = sleep_until(wake), if !ready => {}
        }
        // Take everything already waiting, so a burst of changes leads to one round of retries.
        while let Ok(msg) = rx.try_recv() {
            runner.apply(msg);
        }
        let now = Instant::now();
        if std::mem::take(&mut runner.changed) {
            runner.queue.cluster_changed(now);
        }
        runner.queue.flush_unschedulable(now);
        if runner.synced() {
            runner.schedule_some(now);
        }
    }
    for w in watches {
        w.abort();
    }
    event_task.abort();
}

async fn sleep_until(at: Option<tokio::time::Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// Feeds one watch into the scheduler's channel, retrying with back-off on errors.
fn forward<K>(
    api: Api<K>,
    config: watcher::Config,
    tx: mpsc::Sender<Input>,
    wrap: fn(Box<watcher::Event<K>>) -> Input,
) -> JoinHandle<()>
where
    K: Resource + Clone + serde::de::DeserializeOwned + std::fmt::Debug + Send + 'static,
{
    tokio::spawn(async move {
        let mut events = pin!(watcher(api, config).default_backoff());
        while let Some(ev) = events.next().await {
            match ev {
                Ok(ev) => {
                    if tx.send(wrap(Box::new(ev))).await.is_err() {
                        return;
                    }
                }
                Err(e) => tracing::warn!(error = %e, "scheduler watch failed; retrying"),
            }
        }
    })
}

/// Follows a watcher's (re)list: the keys seen since `Init`, so what was not seen can be
/// dropped at `InitDone`.
#[derive(Default)]
struct Relist {
    seen: Option<HashSet<String>>,
    synced: bool,
}

enum Step<K> {
    Apply(K),
    Delete(K),
    /// A list finished; everything not in the set is gone.
    Listed(HashSet<String>),
    Nothing,
}

impl Relist {
    fn step<K>(&mut self, ev: watcher::Event<K>, key: impl Fn(&K) -> String) -> Step<K> {
        match ev {
            watcher::Event::Init => {
                self.seen = Some(HashSet::new());
                Step::Nothing
            }
            watcher::Event::InitApply(obj) => {
                if let Some(seen) = &mut self.seen {
                    seen.insert(key(&obj));
                }
                Step::Apply(obj)
            }
            watcher::Event::InitDone => {
                self.synced = true;
                Step::Listed(self.seen.take().unwrap_or_default())
            }
            watcher::Event::Apply(obj) => Step::Apply(obj),
            watcher::Event::Delete(obj) => Step::Delete(obj),
        }
    }
}

#[derive(Default)]
struct Relists {
    pods: Relist,
    nodes: Relist,
    claims: Relist,
    volumes: Relist,
    classes: Relist,
}

struct Runner {
    client: kube::Client,
    events: EventSink,
    tx: mpsc::Sender<Input>,
    writes: Arc<Semaphore>,
    cache: Cache,
    queue: Queue,
    relists: Relists,
    /// Something changed that may let parked pods fit.
    changed: bool,
}

fn claim_key(pvc: &PersistentVolumeClaim) -> String {
    format!("{}/{}", pvc.namespace().unwrap_or_default(), pvc.name_any())
}

impl Runner {
    /// Like kube-scheduler's WaitForCacheSync: deciding before every list is in would
    /// overcommit nodes whose pods have not been seen yet.
    fn synced(&self) -> bool {
        let r = &self.relists;
        r.pods.synced && r.nodes.synced && r.claims.synced && r.volumes.synced && r.classes.synced
    }

    fn apply(&mut self, input: Input) {
        match input {
            Input::Pod(ev) => match self.relists.pods.step(*ev, cache::pod_key) {
                Step::Apply(pod) => {
                    let key = cache::pod_key(&pod);
                    let change = self.cache.apply_pod(pod);
                    self.on_pod_change(&key, change);
                }
                Step::Delete(pod) => {
                    let key = cache::pod_key(&pod);
                    let change = self.cache.delete_pod(&key);
                    self.on_pod_change(&key, change);
                }
                Step::Listed(seen) => {
                    for key in self.cache.pod_keys().difference(&seen) {
                        let change = self.cache.delete_pod(key);
                        self.on_pod_change(key, change);
                    }
                }
                Step::Nothing => {}
            },
            Input::Node(ev) => match self.relists.nodes.step(*ev, ResourceExt::name_any) {
                Step::Apply(node) => self.changed |= self.cache.apply_node(node),
                Step::Delete(node) => self.cache.delete_node(&node.name_any()),
                Step::Listed(seen) => {
                    for name in self.cache.node_names().difference(&seen) {
                        self.cache.delete_node(name);
                    }
                }
                Step::Nothing => {}
            },
            Input::Claim(ev) => {
                match self.relists.claims.step(*ev, claim_key) {
                    Step::Apply(pvc) => self.cache.volumes.insert_claim(pvc),
                    Step::Delete(pvc) => {
                        self.cache.volumes.remove_claim(&pvc.namespace().unwrap_or_default(), &pvc.name_any())
                    }
                    Step::Listed(seen) => {
                        self.cache.volumes.retain_claims(|ns, name| seen.contains(&format!("{ns}/{name}")))
                    }
                    Step::Nothing => return,
                }
                self.changed = true;
            }
            Input::Volume(ev) => {
                match self.relists.volumes.step(*ev, ResourceExt::name_any) {
                    Step::Apply(pv) => self.cache.volumes.insert_volume(pv),
                    Step::Delete(pv) => self.cache.volumes.remove_volume(&pv.name_any()),
                    Step::Listed(seen) => self.cache.volumes.retain_volumes(|name| seen.contains(name)),
                    Step::Nothing => return,
                }
                self.changed = true;
            }
            Input::Class(ev) => {
                match self.relists.classes.step(*ev, ResourceExt::name_any) {
                    Step::Apply(class) => self.cache.volumes.insert_class(&class),
                    Step::Delete(class) => self.cache.volumes.remove_class(&class.name_any()),
                    Step::Listed(seen) => self.cache.volumes.retain_classes(|name| seen.contains(name)),
                    Step::Nothing => return,
                }
                self.changed = true;
            }
            Input::Bound { key, node, result } => {
                if let Err(e) = result {
                    tracing::info!(pod = %key, %node, error = %e, "binding failed; the pod goes back to the queue");
                    let retry = !matches!(&e, kube::Error::Api(s) if s.code == 404 || s.code == 409);
                    if self.cache.forget(&key) && retry {
                        let priority = self.cache.pod(&key).map(|p| cache::priority(&p.pod)).unwrap_or(0);
                        let now = Instant::now();
                        self.queue.failed(&key, priority, now);
                        self.queue.pod_changed(&key, now);
                    }
                    // Whatever was counted for it is free again.
                    self.changed = true;
                }
            }
        }
    }

    fn on_pod_change(&mut self, key: &str, change: PodChange) {
        match change {
            PodChange::Nothing => {}
            PodChange::NewPending { priority } => self.queue.add(key, priority),
            PodChange::PendingChanged => {
                if self.queue.contains(key) {
                    self.queue.pod_changed(key, Instant::now());
                } else {
                    let priority = self.cache.pod(key).map(|p| cache::priority(&p.pod)).unwrap_or(0);
                    self.queue.add(key, priority);
                }
            }
            PodChange::NotPending => self.queue.remove(key),
            PodChange::Freed => self.changed = true,
        }
    }

    /// Decides for up to [`DECISIONS_PER_TURN`] pods. Each decision is counted on its node
    /// before the next one is made; the bindings go out concurrently.
    fn schedule_some(&mut self, now: Instant) {
        for _ in 0..DECISIONS_PER_TURN {
            let Some(key) = self.queue.pop(now) else { return };
            let pod = match self.cache.pod(&key) {
                Some(entry) if entry.placement == Placement::Pending && wants_scheduling(&entry.pod) => {
                    entry.pod.clone()
                }
                _ => {
                    self.queue.remove(&key);
                    continue;
                }
            };
            let info = PodInfo::new(&pod, &self.cache.volumes);
            match select(&info, self.cache.nodes()) {
                Ok(i) => {
                    let node = self.cache.nodes()[i].name().to_owned();
                    let delayed = info.delayed_claims().to_vec();
                    self.cache.assume(&key, &node, info.usage);
                    self.queue.done(&key);
                    self.spawn_bind(key, pod, node, delayed);
                }
                Err(err) => {
                    tracing::debug!(pod = %key, reason = %err, "pod fits no node");
                    self.queue.failed(&key, cache::priority(&pod), now);
                    self.spawn_report_unschedulable(pod, err);
                }
            }
        }
    }

    fn spawn_bind(&self, key: String, pod: Arc<Pod>, node: String, delayed_claims: Vec<String>) {
        let (client, events, tx, writes) =
            (self.client.clone(), self.events.clone(), self.tx.clone(), self.writes.clone());
        tokio::spawn(async move {
            let _permit = writes.acquire_owned().await;
            let namespace = pod.namespace().unwrap_or_else(|| "default".into());
            let name = pod.name_any();
            // VolumeBinding's PreBind: tell the volume controller where the pod goes. Unlike
            // kube-scheduler this does not wait for the claims to be bound before binding the
            // pod; simulated nodes do not mount volumes.
            let claims = Api::<PersistentVolumeClaim>::namespaced(client.clone(), &namespace);
            for claim in delayed_claims {
                let patch = json!({"metadata": {"annotations": {"volume.kubernetes.io/selected-node": node}}});
                if let Err(e) = claims.patch(&claim, &PatchParams::default(), &Patch::Merge(&patch)).await {
                    tracing::debug!(pod = %key, %claim, error = %e, "could not record the selected node on a claim");
                }
            }
            let binding = Binding {
                metadata: ObjectMeta {
                    name: Some(name.clone()),
                    namespace: Some(namespace.clone()),
                    uid: pod.metadata.uid.clone(),
                    ..Default::default()
                },
                target: ObjectReference {
                    api_version: Some("v1".into()),
                    kind: Some("Node".into()),
                    name: Some(node.clone()),
                    ..Default::default()
                },
            };
            let result = Api::<Pod>::namespaced(client, &namespace)
                .create_subresource::<_, Value>("binding", &name, &PostParams::default(), &binding)
                .await
                .map(drop);
            let ok = result.is_ok();
            let _ = tx.send(Input::Bound { key, node: node.clone(), result }).await;
            if ok {
                let note = format!("Successfully assigned {namespace}/{name} to {node}");
                events.normal(pod.as_ref(), "Scheduled", "Binding", note);
            }
        });
    }

    fn spawn_report_unschedulable(&self, pod: Arc<Pod>, err: FitError) {
        let (client, events, writes) = (self.client.clone(), self.events.clone(), self.writes.clone());
        tokio::spawn(async move {
            let _permit = writes.acquire_owned().await;
            let message = err.to_string();
            if let Some(condition) = unschedulable_condition(&pod, &message) {
                let namespace = pod.namespace().unwrap_or_else(|| "default".into());
                let patch = json!({"status": {"conditions": [condition]}});
                if let Err(e) = Api::<Pod>::namespaced(client, &namespace)
                    .patch_status(&pod.name_any(), &PatchParams::default(), &Patch::Strategic(patch))
                    .await
                {
                    tracing::debug!(pod = %pod.name_any(), error = %e, "could not record PodScheduled=False");
                }
            }
            events.warning(pod.as_ref(), "FailedScheduling", "Scheduling", message);
        });
    }
}

/// The `PodScheduled=False` condition to write for `message`, or `None` if the pod already
/// says exactly that. `lastTransitionTime` only moves when the status changes.
pub fn unschedulable_condition(pod: &Pod, message: &str) -> Option<Value> {
    let existing = pod
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_deref())
        .and_then(|cs| cs.iter().find(|c| c.type_ == "PodScheduled"));
    if let Some(c) = existing
        && c.status == "False"
        && c.reason.as_deref() == Some("Unschedulable")
        && c.message.as_deref() == Some(message)
    {
        return None;
    }
    let transition = match existing.filter(|c| c.status == "False").and_then(|c| c.last_transition_time.as_ref()) {
        Some(t) => json!(t),
        None => json!(crate::k8s::meta::now_rfc3339()),
    };
    Some(json!({
        "type": "PodScheduled",
        "status": "False",
        "reason": "Unschedulable",
        "message": message,
        "lastProbeTime": null,
        "lastTransitionTime": transition,
    }))
}

#[cfg(test)]
mod tests;
