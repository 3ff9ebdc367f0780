//! Node lifecycle, as kube's node-lifecycle and taint-eviction controllers:
//! - a node whose kubelet has not renewed its Lease (in `kube-node-lease`) nor updated its
//!   status for the grace period gets its conditions set to Unknown ("Kubelet stopped
//!   posting node status."), and its pods are marked not Ready;
//! - nodes carry the matching taints: `node.kubernetes.io/unreachable` (Ready Unknown) or
//!   `node.kubernetes.io/not-ready` (Ready False), each with NoSchedule and NoExecute, and
//!   `node.kubernetes.io/unschedulable:NoSchedule` while cordoned; they go when the node
//!   recovers;
//! - pods on a node with NoExecute taints they do not tolerate are deleted, at once, or
//!   when their `tolerationSeconds` (300 s by default, from the apiserver's defaulting)
//!   run out.
//!
//! Heartbeats are timed by when this controller saw them change, not by the times they
//! carry, so clocks never need to agree (kube does the same). Decisions
//! ([`effective_ready`], [`wanted_taints`], [`unknown_conditions`], [`eviction`]) are pure.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::{Duration, Instant};

use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::{Node, NodeCondition, Pod, Taint, Toleration};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use kube::Resource;
use kube::api::{Api, DeleteParams, Patch, PatchParams};
use kube::runtime::events::EventType;
use kube::runtime::watcher;
use serde_json::json;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::system::{self, Mirror, SystemConfig};
use crate::cluster::scheduler::tolerates;

pub const NOT_READY_TAINT: &str = "node.kubernetes.io/not-ready";
pub const UNREACHABLE_TAINT: &str = "node.kubernetes.io/unreachable";
pub const UNSCHEDULABLE_TAINT: &str = "node.kubernetes.io/unschedulable";
pub const NODE_LEASE_NAMESPACE: &str = "kube-node-lease";
const CONTROLLER: &str = "node-controller";
/// The conditions a kubelet reports, set to Unknown when it goes silent.
const KUBELET_CONDITIONS: [&str; 4] = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"];
const NON_TERMINAL_PODS: &str = "status.phase!=Succeeded,status.phase!=Failed";

/// The node's Ready status as this controller sees it: Unknown once heartbeats are older
/// than the grace period, whatever the node last said.
pub fn effective_ready(node: &Node, stale: bool) -> String {
    if stale {
        return "Unknown".into();
    }
    ready_status(node).unwrap_or("Unknown").to_owned()
}

fn ready_status(node: &Node) -> Option<&str> {
    node.status.as_ref()?.conditions.as_ref()?.iter().find(|c| c.type_ == "Ready").map(|c| c.status.as_str())
}

/// The conditions of a node whose kubelet went silent, or `None` if they already say so.
pub fn unknown_conditions(node: &Node, now: &Time) -> Option<Vec<NodeCondition>> {
    let mut conditions = node.status.as_ref().and_then(|s| s.conditions.clone()).unwrap_or_default();
    let mut changed = false;
    for t in KUBELET_CONDITIONS {
        match conditions.iter_mut().find(|c| c.type_ == t) {
            Some(c) if c.status == "Unknown" => {}
            Some(c) => {
                c.status = "Unknown".into();
                c.reason = Some("NodeStatusUnknown".into());
                c.message = Some("Kubelet stopped posting node status.".into());
                c.last_transition_time = Some(now.clone());
                changed = true;
            }
            None => {
                conditions.push(NodeCondition {
                    type_: t.into(),
                    status: "Unknown".into(),
                    reason: Some("NodeStatusNeverUpdated".into()),
                    message: Some("Kubelet never posted node status.".into()),
                    last_heartbeat_time: node.metadata.creation_timestamp.clone(),
                    last_transition_time: Some(now.clone()),
                });
                changed = true;
            }
        }
    }
    changed.then_some(conditions)
}

fn managed(t: &Taint) -> bool {
    matches!(t.key.as_str(), NOT_READY_TAINT | UNREACHABLE_TAINT)
        || (t.key == UNSCHEDULABLE_TAINT && t.effect == "NoSchedule")
}

/// The node's taints with this controller's set for `ready` (and cordoning), or `None` if
/// they are already right. Taints that stay keep their `timeAdded`, so tolerations count
/// from when the trouble began.
pub fn wanted_taints(node: &Node, ready: &str, now: &Time) -> Option<Vec<Taint>> {
    let current = node.spec.as_ref().and_then(|s| s.taints.clone()).unwrap_or_default();
    let mut wanted: Vec<(&str, &str)> = match ready {
        "True" => vec![],
        "False" => vec![(NOT_READY_TAINT, "NoSchedule"), (NOT_READY_TAINT, "NoExecute")],
        _ => vec![(UNREACHABLE_TAINT, "NoSchedule"), (UNREACHABLE_TAINT, "NoExecute")],
    };
    if node.spec.as_ref().and_then(|s| s.unschedulable).unwrap_or(false) {
        wanted.push((UNSCHEDULABLE_TAINT, "NoSchedule"));
    }
    let mut out: Vec<Taint> = current.iter().filter(|t| !managed(t)).cloned().collect();
    for (key, effect) in wanted {
        let kept = current.iter().find(|t| t.key == key && t.effect == effect).cloned();
        out.push(kept.unwrap_or_else(|| Taint {
            key: key.into(),
            effect: effect.into(),
            value: None,
            // kube stamps NoExecute taints only: they are what tolerationSeconds count from.
            time_added: (effect == "NoExecute").then(|| now.clone()),
        }));
    }
    let key = |t: &Taint| (t.key.clone(), t.effect.clone(), t.value.clone());
    let mut a: Vec<_> = current.iter().map(key).collect();
    let mut b: Vec<_> = out.iter().map(key).collect();
    a.sort();
    b.sort();
    (a != b).then_some(out)
}

/// When a pod must leave a node because of its NoExecute taints.
#[derive(Clone, Debug, PartialEq)]
pub enum Eviction {
    Never,
    Now,
    At(jiff::Timestamp),
}

/// kube's taint manager: a NoExecute taint the pod does not tolerate evicts it now; one it
/// tolerates for `tolerationSeconds` evicts it that long after the taint was added; one it
/// tolerates without a limit never does. The earliest wins.
pub fn eviction(tolerations: &[Toleration], taints: &[Taint], now: jiff::Timestamp) -> Eviction {
    let mut earliest: Option<jiff::Timestamp> = None;
    for taint in taints.iter().filter(|t| t.effect == "NoExecute") {
        let value = taint.value.as_deref().unwrap_or_default();
        let matching: Vec<&Toleration> =
            tolerations.iter().filter(|t| tolerates(t, &taint.key, value, &taint.effect)).collect();
        if matching.is_empty() {
            return Eviction::Now;
        }
        if matching.iter().any(|t| t.toleration_seconds.is_none()) {
            continue;
        }
        let seconds = matching.iter().filter_map(|t| t.toleration_seconds).min().unwrap_or(0).max(0);
        let added = taint.time_added.as_ref().map(|t| t.0).unwrap_or(now);
        let at = added + jiff::SignedDuration::from_secs(seconds);
        earliest = Some(earliest.map_or(at, |e| e.min(at)));
    }
    match earliest {
        None => Eviction::Never,
        Some(at) if at <= now => Eviction::Now,
        Some(at) => Eviction::At(at),
    }
}

// ---- wiring ----

/// What this controller needs of a pod.
#[derive(Clone, Debug, PartialEq)]
struct PodView {
    namespace: String,
    name: String,
    uid: String,
    node: String,
    tolerations: Vec<Toleration>,
    deleting: bool,
    ready: bool,
}

impl PodView {
    fn new(pod: &Pod) -> Option<PodView> {
        let spec = pod.spec.as_ref()?;
        Some(PodView {
            namespace: pod.metadata.namespace.clone().unwrap_or_default(),
            name: pod.metadata.name.clone().unwrap_or_default(),
            uid: pod.metadata.uid.clone().unwrap_or_default(),
            node: spec.node_name.clone().filter(|n| !n.is_empty())?,
            tolerations: spec.tolerations.clone().unwrap_or_default(),
            deleting: pod.metadata.deletion_timestamp.is_some(),
            ready: pod
                .status
                .as_ref()
                .and_then(|s| s.conditions.as_ref())
                .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True")),
        })
    }

    fn key(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }
}

enum Input {
    Node(Box<watcher::Event<Node>>),
    Lease(Box<watcher::Event<Lease>>),
    Pod(Box<watcher::Event<Pod>>),
    NodeDone(String),
    PodDone(String),
}

pub(crate) fn spawn(
    client: kube::Client,
    config: &SystemConfig,
    events: &crate::cluster::events::EventSink,
) -> Vec<JoinHandle<()>> {
    let (tx, rx) = mpsc::channel(4096);
    vec![
        system::forward(
            "nodes",
            watcher(Api::<Node>::all(client.clone()), watcher::Config::default()),
            tx.clone(),
            |e| Input::Node(Box::new(e)),
        ),
        system::forward(
            "leases",
            watcher(Api::<Lease>::namespaced(client.clone(), NODE_LEASE_NAMESPACE), watcher::Config::default()),
            tx.clone(),
            |e| Input::Lease(Box::new(e)),
        ),
        system::forward(
            "pods",
            watcher(Api::<Pod>::all(client.clone()), watcher::Config::default().fields(NON_TERMINAL_PODS)),
            tx.clone(),
            |e| Input::Pod(Box::new(e)),
        ),
        tokio::spawn(
            Runner {
                recorder: events.for_controller(CONTROLLER),
                client,
                tx,
                grace: config.node_monitor_grace_period,
                period: config.node_monitor_period,
                nodes: system::mirror(),
                leases: system::mirror(),
                heartbeats: HashMap::new(),
                pods: HashMap::new(),
                pods_listing: None,
                pods_synced: false,
                busy_nodes: HashSet::new(),
                busy_pods: HashSet::new(),
                announced: HashSet::new(),
            }
            .run(rx),
        ),
    ]
}

struct Runner {
    client: kube::Client,
    recorder: crate::cluster::events::EventSink,
    tx: mpsc::Sender<Input>,
    grace: Duration,
    period: Duration,
    nodes: Mirror<Node>,
    leases: Mirror<Lease>,
    /// Node → (what its last heartbeat said, when that was first seen here).
    heartbeats: HashMap<String, (String, Instant)>,
    /// Node → pods on it.
    pods: HashMap<String, BTreeMap<String, PodView>>,
    pods_listing: Option<Vec<PodView>>,
    pods_synced: bool,
    busy_nodes: HashSet<String>,
    busy_pods: HashSet<String>,
    /// Nodes whose registration has been announced with an event.
    announced: HashSet<String>,
}

/// The kubelet's last status post, as its Ready condition's heartbeat time says (only the
/// kubelet moves it; this controller's own condition updates keep it).
fn node_heartbeat(node: &Node) -> String {
    node.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .and_then(|cs| cs.iter().find(|c| c.type_ == "Ready"))
        .and_then(|c| c.last_heartbeat_time.as_ref())
        .map(|t| t.0.to_string())
        .unwrap_or_default()
}

impl Runner {
    async fn run(mut self, mut rx: mpsc::Receiver<Input>) {
        let mut tick = tokio::time::interval(self.period.max(Duration::from_millis(10)));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut wake: Option<Instant> = None;
        loop {
            tokio::select! {
                msg = rx.recv() => {
                    let Some(msg) = msg else { return };
                    let mut next = Some(msg);
                    while let Some(msg) = next {
                        self.apply(msg, Instant::now());
                        next = rx.try_recv().ok();
                    }
                }
                _ = tick.tick() => {}
                _ = system::sleep_until(wake) => {}
            }
            if self.nodes.synced() && self.leases.synced() && self.pods_synced {
                wake = self.monitor(Instant::now());
            }
        }
    }

    fn apply(&mut self, msg: Input, now: Instant) {
        match msg {
            Input::Node(ev) => {
                for c in self.nodes.apply(*ev) {
                    match c.new {
                        Some(n) => self.beat(&c.key, format!("node {}", node_heartbeat(&n)), now),
                        None => {
                            self.heartbeats.remove(&c.key);
                            self.announced.remove(&c.key);
                        }
                    }
                }
            }
            Input::Lease(ev) => {
                for c in self.leases.apply(*ev) {
                    if let Some(l) = c.new {
                        let renewed = l.spec.as_ref().and_then(|s| s.renew_time.as_ref()).map(|t| t.0.to_string());
                        let name = l.metadata.name.clone().unwrap_or_default();
                        self.beat(&name, format!("lease {}", renewed.unwrap_or_default()), now);
                    }
                }
            }
            Input::Pod(ev) => self.apply_pod(*ev),
            Input::NodeDone(n) => {
                self.busy_nodes.remove(&n);
            }
            Input::PodDone(p) => {
                self.busy_pods.remove(&p);
            }
        }
    }

    /// Records a sign of life from `node` if it differs from the last one of its source.
    fn beat(&mut self, node: &str, said: String, now: Instant) {
        let source = said.split(' ').next().unwrap_or_default().to_owned();
        let key = format!("{node}\u{0}{source}");
        match self.heartbeats.get(&key) {
            Some((last, _)) if *last == said => {}
            _ => {
                self.heartbeats.insert(key, (said, now));
            }
        }
    }

    fn last_heartbeat(&self, node: &str) -> Option<Instant> {
        ["node", "lease"]
            .iter()
            .filter_map(|s| self.heartbeats.get(&format!("{node}\u{0}{s}")).map(|(_, at)| *at))
            .max()
    }

    fn apply_pod(&mut self, ev: watcher::Event<Pod>) {
        match ev {
            watcher::Event::Init => self.pods_listing = Some(Vec::new()),
            watcher::Event::InitApply(pod) => {
                if let Some(l) = &mut self.pods_listing {
                    l.extend(PodView::new(&pod));
                } else {
                    self.put_pod(&pod);
                }
            }
            watcher::Event::InitDone => {
                self.pods_synced = true;
                if let Some(listed) = self.pods_listing.take() {
                    self.pods.clear();
                    for p in listed {
                        self.pods.entry(p.node.clone()).or_default().insert(p.key(), p);
                    }
                }
            }
            watcher::Event::Apply(pod) => self.put_pod(&pod),
            watcher::Event::Delete(pod) => self.remove_pod(&system::object_key(&pod)),
        }
    }

    fn put_pod(&mut self, pod: &Pod) {
        let key = system::object_key(pod);
        self.remove_pod(&key);
        if let Some(p) = PodView::new(pod) {
            self.pods.entry(p.node.clone()).or_default().insert(key, p);
        }
    }

    fn remove_pod(&mut self, key: &str) {
        self.pods.retain(|_, pods| {
            pods.remove(key);
            !pods.is_empty()
        });
    }

    /// One look at every node: conditions, taints, evictions. Returns when to look again
    /// for the next eviction due.
    fn monitor(&mut self, now: Instant) -> Option<Instant> {
        let now_time = Time(jiff::Timestamp::now());
        let mut next: Option<Instant> = None;
        let names: Vec<String> = self.nodes.iter().map(|(k, _)| k.clone()).collect();
        for name in names {
            let Some(node) = self.nodes.get(&name).cloned() else { continue };
            if self.announced.insert(name.clone()) {
                let note = format!("Node {name} event: Registered Node {name} in Controller");
                self.event(node.object_ref(&()), EventType::Normal, "RegisteredNode", note);
            }
            let stale = self.last_heartbeat(&name).is_none_or(|at| now.duration_since(at) > self.grace);
            let ready = effective_ready(&node, stale);
            if !self.busy_nodes.contains(&name) {
                let conditions = if stale { unknown_conditions(&node, &now_time) } else { None };
                let taints = wanted_taints(&node, &ready, &now_time);
                if conditions.is_some() || taints.is_some() {
                    self.write_node(&node, conditions, taints);
                }
            }
            if !stale && let Some(at) = self.last_heartbeat(&name) {
                let due = at + self.grace + Duration::from_millis(1);
                next = Some(next.map_or(due, |n| n.min(due)));
            }
            // Evict by the taints the node has now, or is about to get.
            let taints = wanted_taints(&node, &ready, &now_time)
                .unwrap_or_else(|| node.spec.as_ref().and_then(|s| s.taints.clone()).unwrap_or_default());
            let pods: Vec<PodView> = self.pods.get(&name).map(|p| p.values().cloned().collect()).unwrap_or_default();
            for pod in pods {
                if pod.deleting || self.busy_pods.contains(&pod.key()) {
                    continue;
                }
                match eviction(&pod.tolerations, &taints, now_time.0) {
                    Eviction::Never => {}
                    Eviction::Now => self.evict(pod),
                    Eviction::At(at) => {
                        let wait = at.duration_since(now_time.0).unsigned_abs();
                        let due = now + wait;
                        next = Some(next.map_or(due, |n| n.min(due)));
                    }
                }
            }
            if ready != "True" {
                let not_marked: Vec<PodView> = self
                    .pods
                    .get(&name)
                    .into_iter()
                    .flat_map(|p| p.values())
                    .filter(|p| p.ready && !p.deleting && !self.busy_pods.contains(&p.key()))
                    .cloned()
                    .collect();
                for pod in not_marked {
                    self.mark_not_ready(pod, &now_time);
                }
            }
        }
        next
    }

    fn event(
        &self,
        regarding: k8s_openapi::api::core::v1::ObjectReference,
        ty: EventType,
        reason: &'static str,
        note: String,
    ) {
        self.recorder.record(regarding, ty, reason, "NodeLifecycle", note);
    }

    fn write_node(&mut self, node: &Node, conditions: Option<Vec<NodeCondition>>, taints: Option<Vec<Taint>>) {
        let name = node.metadata.name.clone().unwrap_or_default();
        self.busy_nodes.insert(name.clone());
        if conditions.is_some() {
            let note = format!("Node {name} status is now: NodeNotReady");
            self.event(node.object_ref(&()), EventType::Normal, "NodeNotReady", note);
        }
        let (client, tx) = (self.client.clone(), self.tx.clone());
        let rv = node.metadata.resource_version.clone();
        tokio::spawn(async move {
            let api: Api<Node> = Api::all(client);
            let pp = PatchParams::default();
            if let Some(cs) = conditions {
                let patch = json!({"status": {"conditions": cs}});
                if let Err(e) = api.patch_status(&name, &pp, &Patch::Merge(&patch)).await {
                    tracing::debug!(node = %name, error = %e, "could not mark node conditions Unknown");
                }
            }
            if let Some(ts) = taints {
                // Guarded by the version read: taints others changed meanwhile are not lost.
                let patch = json!({"metadata": {"resourceVersion": rv}, "spec": {"taints": ts}});
                if let Err(e) = api.patch(&name, &pp, &Patch::Merge(&patch)).await {
                    tracing::debug!(node = %name, error = %e, "could not update node taints");
                }
            }
            let _ = tx.send(Input::NodeDone(name)).await;
        });
    }

    fn evict(&mut self, pod: PodView) {
        let key = pod.key();
        self.busy_pods.insert(key.clone());
        let (client, tx, recorder) = (self.client.clone(), self.tx.clone(), self.recorder.clone());
        tokio::spawn(async move {
            let api: Api<Pod> = Api::namespaced(client, &pod.namespace);
            let dp = DeleteParams {
                preconditions: Some(kube::api::Preconditions { uid: Some(pod.uid.clone()), resource_version: None }),
                ..Default::default()
            };
            match api.delete(&pod.name, &dp).await {
                Ok(_) => {
                    let regarding = k8s_openapi::api::core::v1::ObjectReference {
                        api_version: Some("v1".into()),
                        kind: Some("Pod".into()),
                        namespace: Some(pod.namespace.clone()),
                        name: Some(pod.name.clone()),
                        uid: Some(pod.uid.clone()),
                        ..Default::default()
                    };
                    let note = format!("Marking for deletion Pod {key}");
                    recorder.record(regarding, EventType::Normal, "TaintManagerEviction", "Evict", note);
                }
                Err(e) => tracing::debug!(pod = %key, error = %e, "could not evict a pod"),
            }
            let _ = tx.send(Input::PodDone(key)).await;
        });
    }

    fn mark_not_ready(&mut self, pod: PodView, now: &Time) {
        let key = pod.key();
        self.busy_pods.insert(key.clone());
        let (client, tx) = (self.client.clone(), self.tx.clone());
        let patch =
            json!({"status": {"conditions": [{"type": "Ready", "status": "False", "lastTransitionTime": now}]}});
        tokio::spawn(async move {
            let api: Api<Pod> = Api::namespaced(client, &pod.namespace);
            if let Err(e) = api.patch_status(&pod.name, &PatchParams::default(), &Patch::Strategic(patch)).await {
                tracing::debug!(pod = %key, error = %e, "could not mark a pod not ready");
            }
            let _ = tx.send(Input::PodDone(key)).await;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(extra: serde_json::Value) -> Node {
        let mut v = json!({
            "metadata": {"name": "n1", "creationTimestamp": "2025-01-01T00:00:00Z"},
            "spec": {},
            "status": {"conditions": [
                {"type": "Ready", "status": "True", "reason": "KubeletReady",
                 "lastHeartbeatTime": "2025-01-01T00:00:00Z", "lastTransitionTime": "2025-01-01T00:00:00Z"},
                {"type": "MemoryPressure", "status": "False", "reason": "KubeletHasSufficientMemory"},
            ]},
        });
        if let (Some(a), Some(b)) = (v.as_object_mut(), extra.as_object()) {
            for (k, val) in b {
                a.insert(k.clone(), val.clone());
            }
        }
        serde_json::from_value(v).expect("node")
    }

    fn at(s: &str) -> Time {
        Time(s.parse().expect("time"))
    }

    fn taint(key: &str, effect: &str, added: Option<&str>) -> Taint {
        Taint { key: key.into(), effect: effect.into(), value: None, time_added: added.map(at) }
    }

    fn toleration(key: &str, seconds: Option<i64>) -> Toleration {
        Toleration {
            key: Some(key.into()),
            operator: Some("Exists".into()),
            effect: Some("NoExecute".into()),
            toleration_seconds: seconds,
            value: None,
        }
    }

    #[test]
    fn unknown_conditions_marks_reported_and_missing_conditions() {
        let now = at("2025-01-01T00:01:00Z");
        let cs = unknown_conditions(&node(json!({})), &now).expect("changed");
        let ready = cs.iter().find(|c| c.type_ == "Ready").expect("ready");
        assert_eq!(ready.status, "Unknown");
        assert_eq!(ready.reason.as_deref(), Some("NodeStatusUnknown"));
        assert_eq!(ready.message.as_deref(), Some("Kubelet stopped posting node status."));
        assert_eq!(ready.last_heartbeat_time, Some(at("2025-01-01T00:00:00Z")), "the last heartbeat stays");
        let disk = cs.iter().find(|c| c.type_ == "DiskPressure").expect("added");
        assert_eq!(disk.reason.as_deref(), Some("NodeStatusNeverUpdated"));
        let mut again = node(json!({}));
        again.status.as_mut().expect("status").conditions = Some(cs);
        assert_eq!(unknown_conditions(&again, &now), None);
    }

    #[test]
    fn wanted_taints_follow_readiness_and_keep_others() {
        let now = at("2025-01-01T00:01:00Z");
        let n = node(json!({"spec": {"taints": [{"key": "dedicated", "value": "db", "effect": "NoSchedule"}]}}));
        assert_eq!(wanted_taints(&n, "True", &now), None);
        let unknown = wanted_taints(&n, "Unknown", &now).expect("changed");
        let keys: Vec<(&str, &str)> = unknown.iter().map(|t| (t.key.as_str(), t.effect.as_str())).collect();
        assert_eq!(
            keys,
            vec![("dedicated", "NoSchedule"), (UNREACHABLE_TAINT, "NoSchedule"), (UNREACHABLE_TAINT, "NoExecute")]
        );
        assert_eq!(unknown[2].time_added, Some(now.clone()));
        let mut tainted = n.clone();
        tainted.spec.as_mut().expect("spec").taints = Some(unknown);
        assert_eq!(wanted_taints(&tainted, "Unknown", &at("2025-01-01T00:09:00Z")), None, "timeAdded is kept");
        let not_ready = wanted_taints(&tainted, "False", &now).expect("changed");
        assert!(not_ready.iter().all(|t| t.key != UNREACHABLE_TAINT));
        assert!(not_ready.iter().any(|t| t.key == NOT_READY_TAINT && t.effect == "NoExecute"));
        let back = wanted_taints(&tainted, "True", &now).expect("changed");
        assert_eq!(back.len(), 1);
    }

    #[test]
    fn wanted_taints_cordoned_node_gets_unschedulable() {
        let n = node(json!({"spec": {"unschedulable": true}}));
        let ts = wanted_taints(&n, "True", &at("2025-01-01T00:00:00Z")).expect("changed");
        assert_eq!(ts, vec![taint(UNSCHEDULABLE_TAINT, "NoSchedule", None)]);
    }

    #[test]
    fn eviction_counts_toleration_seconds_from_time_added() {
        let now: jiff::Timestamp = "2025-01-01T00:02:00Z".parse().expect("time");
        let taints = [taint(UNREACHABLE_TAINT, "NoExecute", Some("2025-01-01T00:00:00Z"))];
        assert_eq!(eviction(&[], &taints, now), Eviction::Now, "not tolerated");
        let five_min = [toleration(UNREACHABLE_TAINT, Some(300))];
        assert_eq!(eviction(&five_min, &taints, now), Eviction::At("2025-01-01T00:05:00Z".parse().expect("time")));
        let one_min = [toleration(UNREACHABLE_TAINT, Some(60))];
        assert_eq!(eviction(&one_min, &taints, now), Eviction::Now, "expired");
        let forever = [toleration(UNREACHABLE_TAINT, None)];
        assert_eq!(eviction(&forever, &taints, now), Eviction::Never);
        let no_schedule = [taint(UNREACHABLE_TAINT, "NoSchedule", None)];
        assert_eq!(eviction(&[], &no_schedule, now), Eviction::Never, "only NoExecute evicts");
    }

    #[test]
    fn effective_ready_is_unknown_when_stale() {
        let n = node(json!({}));
        assert_eq!(effective_ready(&n, false), "True");
        assert_eq!(effective_ready(&n, true), "Unknown");
    }
}
