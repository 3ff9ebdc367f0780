//! The garbage collector, as kube's: a graph of every object's ownerReferences, fed by
//! metadata-only watches of every listable, deletable type discovery reports (custom
//! resources too, re-discovered when CRDs change), that
//! - deletes dependents whose owners are all gone (background propagation),
//! - for an owner deleted with `foregroundDeletion`, deletes its dependents and removes the
//!   finalizer once no dependent with `blockOwnerDeletion` is left,
//! - for an owner deleted with `orphan`, removes the ownerReferences pointing at it from its
//!   dependents and then removes the finalizer.
//!
//! The graph ([`Graph`]) and the decisions ([`decide`], [`Graph::blocking_dependents`]) are
//! pure. An owner the graph has never seen is looked up once by name (the watch of its type
//! may simply be behind); since uids are never reused, an owner known to be gone stays gone.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::time::{Duration, Instant};

use k8s_openapi::apiextensions_apiserver::pkg::apis::apiextensions::v1::CustomResourceDefinition;
use kube::api::{Api, DeleteParams, DynamicObject, Patch, PatchParams, Preconditions};
use kube::core::PartialObjectMeta;
use kube::discovery::{ApiCapabilities, ApiResource, Discovery, Scope, verbs};
use kube::runtime::watcher;
use serde_json::json;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::system::{self, WorkQueue};

pub const ORPHAN_FINALIZER: &str = "orphan";
pub const FOREGROUND_FINALIZER: &str = "foregroundDeletion";
/// Writes in flight at once.
const MAX_IN_FLIGHT: usize = 32;
/// Wait after a CRD change before discovering again, so a burst of CRDs costs one discovery.
const REDISCOVERY_DELAY: Duration = Duration::from_millis(200);

/// How to reach an object: its type and name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Identity {
    pub api_version: String,
    pub kind: String,
    pub namespace: Option<String>,
    pub name: String,
}

/// One ownerReference, as far as the collector cares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Owner {
    pub uid: String,
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub block_owner_deletion: bool,
}

/// An object in the graph.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub identity: Identity,
    pub owners: Vec<Owner>,
    /// `deletionTimestamp` is set.
    pub deleting: bool,
    pub orphan: bool,
    pub foreground: bool,
}

impl Node {
    /// Deleted in the foreground: waiting for its blocking dependents to go.
    pub fn deleting_dependents(&self) -> bool {
        self.deleting && self.foreground
    }

    fn from_meta(identity: Identity, meta: &k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta) -> Node {
        let finalizers = meta.finalizers.as_deref().unwrap_or_default();
        Node {
            identity,
            owners: meta
                .owner_references
                .iter()
                .flatten()
                .map(|r| Owner {
                    uid: r.uid.clone(),
                    api_version: r.api_version.clone(),
                    kind: r.kind.clone(),
                    name: r.name.clone(),
                    block_owner_deletion: r.block_owner_deletion.unwrap_or(false),
                })
                .collect(),
            deleting: meta.deletion_timestamp.is_some(),
            orphan: finalizers.iter().any(|f| f == ORPHAN_FINALIZER),
            foreground: finalizers.iter().any(|f| f == FOREGROUND_FINALIZER),
        }
    }
}

/// Work for the collector, by uid.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Work {
    /// See whether the object should go (its owners are gone or deleting in the
    /// foreground), or, for a foreground-deleting owner, whether it may now go.
    AttemptToDelete(String),
    /// Release the dependents of an owner deleted with `orphan`.
    Orphan(String),
}

/// What the collector knows of an owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnerState {
    /// Exists and is not deleting in the foreground.
    Solid,
    /// Gone (or replaced by another object of the same name).
    Dangling,
    /// Being deleted in the foreground, waiting for its dependents.
    Waiting,
    /// Never seen: look it up.
    Unknown,
}

/// The owner graph: objects by uid, and who depends on whom.
#[derive(Debug, Default)]
pub struct Graph {
    nodes: HashMap<String, Node>,
    dependents: HashMap<String, BTreeSet<String>>,
    /// Owners known to be gone that dependents still name.
    absent: HashSet<String>,
}

impl Graph {
    pub fn get(&self, uid: &str) -> Option<&Node> {
        self.nodes.get(uid)
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn dependents(&self, uid: &str) -> impl Iterator<Item = &String> {
        self.dependents.get(uid).into_iter().flatten()
    }

    pub fn has_dependents(&self, uid: &str) -> bool {
        self.dependents.get(uid).is_some_and(|d| !d.is_empty())
    }

    /// Records that an owner is confirmed gone; returns its dependents' work.
    pub fn mark_absent(&mut self, uid: &str) -> Vec<Work> {
        if self.nodes.contains_key(uid) || !self.has_dependents(uid) {
            return vec![];
        }
        self.absent.insert(uid.to_owned());
        self.dependents(uid).map(|d| Work::AttemptToDelete(d.clone())).collect()
    }

    pub fn owner_state(&self, uid: &str) -> OwnerState {
        match self.nodes.get(uid) {
            Some(n) if n.deleting_dependents() => OwnerState::Waiting,
            Some(_) => OwnerState::Solid,
            None if self.absent.contains(uid) => OwnerState::Dangling,
            None => OwnerState::Unknown,
        }
    }

    /// An object was added or changed; returns the work that follows.
    pub fn observe(&mut self, uid: &str, node: Node) -> Vec<Work> {
        let mut work = Vec::new();
        let old = self.nodes.insert(uid.to_owned(), node.clone());
        let old_owners: BTreeSet<&str> = old.iter().flat_map(|o| o.owners.iter().map(|r| r.uid.as_str())).collect();
        let new_owners: BTreeSet<&str> = node.owners.iter().map(|r| r.uid.as_str()).collect();
        for gone in old_owners.difference(&new_owners) {
            self.unlink(gone, uid, &mut work);
        }
        for added in new_owners.difference(&old_owners) {
            self.dependents.entry((*added).to_owned()).or_default().insert(uid.to_owned());
        }
        // An owner that is unknown, gone or waiting for its dependents: this object may have
        // to go.
        if !node.deleting && node.owners.iter().any(|o| self.owner_state(&o.uid) != OwnerState::Solid) {
            work.push(Work::AttemptToDelete(uid.to_owned()));
        }
        if node.deleting && node.orphan {
            work.push(Work::Orphan(uid.to_owned()));
        }
        if node.deleting_dependents() {
            work.push(Work::AttemptToDelete(uid.to_owned()));
            if !old.as_ref().is_some_and(Node::deleting_dependents) {
                work.extend(self.dependents(uid).map(|d| Work::AttemptToDelete(d.clone())));
            }
        }
        // A dependent that starts deleting may be the last one an owner waits for.
        if node.deleting && !old.as_ref().is_some_and(|o| o.deleting) {
            for o in &node.owners {
                if self.owner_state(&o.uid) == OwnerState::Waiting {
                    work.push(Work::AttemptToDelete(o.uid.clone()));
                }
            }
        }
        work
    }

    /// An object is gone; returns the work that follows.
    pub fn forget(&mut self, uid: &str) -> Vec<Work> {
        let mut work = Vec::new();
        let Some(node) = self.nodes.remove(uid) else { return work };
        if self.has_dependents(uid) {
            self.absent.insert(uid.to_owned());
            work.extend(self.dependents(uid).map(|d| Work::AttemptToDelete(d.clone())));
        }
        for o in &node.owners {
            self.unlink(&o.uid, uid, &mut work);
        }
        work
    }

    fn unlink(&mut self, owner: &str, dependent: &str, work: &mut Vec<Work>) {
        if let Some(set) = self.dependents.get_mut(owner) {
            set.remove(dependent);
            if set.is_empty() {
                self.dependents.remove(owner);
                self.absent.remove(owner);
            }
        }
        if self.owner_state(owner) == OwnerState::Waiting {
            work.push(Work::AttemptToDelete(owner.to_owned()));
        }
    }

    /// Dependents of `uid` that block its foreground deletion.
    pub fn blocking_dependents(&self, uid: &str) -> Vec<&String> {
        self.dependents(uid)
            .filter(|d| {
                self.nodes.get(*d).is_some_and(|n| n.owners.iter().any(|o| o.uid == uid && o.block_owner_deletion))
            })
            .collect()
    }
}

/// How a dependent is deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Propagation {
    Background,
    Foreground,
    Orphan,
}

/// What to do with an object that names owners.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Keep,
    /// Some owners remain: only drop the references to owners that are gone or deleting in
    /// the foreground.
    RemoveOwnerReferences(Vec<String>),
    Delete(Propagation),
}

/// kube's `attemptToDeleteItem` for an object that is not being deleted, given the state of
/// each of its owners (none `Unknown`).
pub fn decide(node: &Node, owners: &[(String, OwnerState)], has_dependents: bool) -> Decision {
    if node.owners.is_empty() || node.deleting {
        return Decision::Keep;
    }
    let solid = owners.iter().any(|(_, s)| *s == OwnerState::Solid);
    let waiting = owners.iter().any(|(_, s)| *s == OwnerState::Waiting);
    if solid {
        let drop: Vec<String> = owners
            .iter()
            .filter(|(_, s)| matches!(s, OwnerState::Dangling | OwnerState::Waiting))
            .map(|(u, _)| u.clone())
            .collect();
        return if drop.is_empty() { Decision::Keep } else { Decision::RemoveOwnerReferences(drop) };
    }
    if waiting && has_dependents {
        // Its own dependents must go first, or the waiting owner would lose track of them.
        return Decision::Delete(Propagation::Foreground);
    }
    Decision::Delete(if node.orphan {
        Propagation::Orphan
    } else if node.foreground {
        Propagation::Foreground
    } else {
        Propagation::Background
    })
}

// ---- wiring ----

type Meta = PartialObjectMeta<DynamicObject>;

enum Input {
    Meta(usize, Box<watcher::Event<Meta>>),
    Crd,
    Discovered(Vec<(ApiResource, ApiCapabilities)>),
    LookedUp { uid: String, exists: bool },
    Done { work: Work, ok: bool },
}

pub(crate) fn spawn(client: kube::Client) -> Vec<JoinHandle<()>> {
    let (tx, rx) = mpsc::channel(4096);
    let crds = system::forward(
        "customresourcedefinitions",
        watcher(Api::<PartialObjectMeta<CustomResourceDefinition>>::all(client.clone()), watcher::Config::default()),
        tx.clone(),
        |_| Input::Crd,
    );
    let discover = tokio::spawn(discover(client.clone(), tx.clone(), Duration::ZERO));
    vec![crds, discover, tokio::spawn(run(client, tx, rx))]
}

async fn discover(client: kube::Client, tx: mpsc::Sender<Input>, delay: Duration) {
    tokio::time::sleep(delay).await;
    let mut wait = Duration::from_millis(100);
    loop {
        match Discovery::new(client.clone()).run().await {
            Ok(d) => {
                let types = d.groups().flat_map(|g| g.recommended_resources()).collect();
                let _ = tx.send(Input::Discovered(types)).await;
                return;
            }
            Err(e) => {
                tracing::warn!(error = %e, "garbage collector: discovery failed; retrying");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(10));
            }
        }
    }
}

/// Types the collector watches: everything listable, watchable and deletable, except events
/// (kube ignores them too: they never own anything and there are many).
fn collectable(ar: &ApiResource, caps: &ApiCapabilities) -> bool {
    let events = ar.plural == "events" && (ar.group.is_empty() || ar.group == "events.k8s.io");
    !events
        && caps.supports_operation(verbs::LIST)
        && caps.supports_operation(verbs::WATCH)
        && caps.supports_operation(verbs::DELETE)
}

struct Monitor {
    resource: ApiResource,
    namespaced: bool,
    task: JoinHandle<()>,
    /// Uids seen since the watch (re-)listed; `None` outside a list.
    listing: Option<HashSet<String>>,
    uids: HashSet<String>,
    synced: bool,
}

struct Runner {
    client: kube::Client,
    tx: mpsc::Sender<Input>,
    graph: Graph,
    queue: WorkQueue<Work>,
    monitors: Vec<Monitor>,
    /// `(apiVersion, kind)` → type, for owners named in references.
    kinds: HashMap<(String, String), (ApiResource, bool)>,
    lookups: HashSet<String>,
    in_flight: usize,
    rediscovery_pending: bool,
}

async fn run(client: kube::Client, tx: mpsc::Sender<Input>, mut rx: mpsc::Receiver<Input>) {
    let mut r = Runner {
        client,
        tx,
        graph: Graph::default(),
        queue: WorkQueue::default(),
        monitors: Vec::new(),
        kinds: HashMap::new(),
        lookups: HashSet::new(),
        in_flight: 0,
        rediscovery_pending: false,
    };
    let mut discovered = false;
    loop {
        tokio::select! {
            msg = rx.recv() => {
                let Some(msg) = msg else { break };
                let mut next = Some(msg);
                while let Some(msg) = next {
                    if matches!(msg, Input::Discovered(_)) {
                        discovered = true;
                    }
                    r.apply(msg);
                    next = rx.try_recv().ok();
                }
            }
            _ = system::sleep_until(r.queue.next_due()), if r.in_flight < MAX_IN_FLIGHT => {}
        }
        if discovered && r.monitors.iter().all(|m| m.synced) {
            r.work(Instant::now());
        }
    }
    for m in r.monitors {
        m.task.abort();
    }
}

impl Runner {
    fn apply(&mut self, msg: Input) {
        let now = Instant::now();
        match msg {
            Input::Meta(i, ev) => {
                let work = self.observe(i, *ev);
                for w in work {
                    self.queue.add(w, now);
                }
            }
            Input::Crd => {
                if !self.rediscovery_pending {
                    self.rediscovery_pending = true;
                    tokio::spawn(discover(self.client.clone(), self.tx.clone(), REDISCOVERY_DELAY));
                }
            }
            Input::Discovered(types) => {
                self.rediscovery_pending = false;
                self.set_types(types);
            }
            Input::LookedUp { uid, exists } => {
                self.lookups.remove(&uid);
                if !exists {
                    for w in self.graph.mark_absent(&uid) {
                        self.queue.add(w, now);
                    }
                }
            }
            Input::Done { work, ok } => {
                self.in_flight -= 1;
                if ok {
                    self.queue.done(&work);
                } else {
                    self.queue.failed(&work, now);
                }
            }
        }
    }

    fn set_types(&mut self, types: Vec<(ApiResource, ApiCapabilities)>) {
        self.kinds.clear();
        for (ar, caps) in &types {
            self.kinds.insert((ar.api_version.clone(), ar.kind.clone()), (ar.clone(), caps.scope == Scope::Namespaced));
        }
        for (ar, caps) in types {
            if !collectable(&ar, &caps) {
                continue;
            }
            let same = |m: &Monitor| m.resource.group == ar.group && m.resource.plural == ar.plural;
            if self.monitors.iter().any(same) {
                continue;
            }
            let index = self.monitors.len();
            let api = Api::<Meta>::all_with(self.client.clone(), &ar);
            let task = system::forward(
                "garbage collector",
                watcher(api, watcher::Config::default()),
                self.tx.clone(),
                move |ev| Input::Meta(index, Box::new(ev)),
            );
            self.monitors.push(Monitor {
                resource: ar,
                namespaced: caps.scope == Scope::Namespaced,
                task,
                listing: None,
                uids: HashSet::new(),
                synced: false,
            });
        }
    }

    fn identity(&self, i: usize, meta: &Meta) -> Identity {
        let m = &self.monitors[i];
        Identity {
            api_version: m.resource.api_version.clone(),
            kind: m.resource.kind.clone(),
            namespace: if m.namespaced { meta.metadata.namespace.clone() } else { None },
            name: meta.metadata.name.clone().unwrap_or_default(),
        }
    }

    fn observe(&mut self, i: usize, ev: watcher::Event<Meta>) -> Vec<Work> {
        let mut work = Vec::new();
        match ev {
            watcher::Event::Init => self.monitors[i].listing = Some(HashSet::new()),
            watcher::Event::InitApply(meta) | watcher::Event::Apply(meta) => {
                let Some(uid) = meta.metadata.uid.clone() else { return work };
                let node = Node::from_meta(self.identity(i, &meta), &meta.metadata);
                let m = &mut self.monitors[i];
                if let Some(l) = &mut m.listing {
                    l.insert(uid.clone());
                }
                m.uids.insert(uid.clone());
                if self.graph.get(&uid) != Some(&node) {
                    work.extend(self.graph.observe(&uid, node));
                }
            }
            watcher::Event::InitDone => {
                let m = &mut self.monitors[i];
                m.synced = true;
                if let Some(listed) = m.listing.take() {
                    let gone: Vec<String> = m.uids.difference(&listed).cloned().collect();
                    m.uids = listed;
                    for uid in gone {
                        work.extend(self.graph.forget(&uid));
                    }
                }
            }
            watcher::Event::Delete(meta) => {
                if let Some(uid) = meta.metadata.uid.as_deref() {
                    self.monitors[i].uids.remove(uid);
                    work.extend(self.graph.forget(uid));
                }
            }
        }
        work
    }

    fn api_for(&self, api_version: &str, kind: &str, namespace: Option<&str>) -> Option<Api<DynamicObject>> {
        let (ar, namespaced) = self.kinds.get(&(api_version.to_owned(), kind.to_owned()))?;
        Some(match (namespaced, namespace) {
            (true, Some(ns)) => Api::namespaced_with(self.client.clone(), ns, ar),
            _ => Api::all_with(self.client.clone(), ar),
        })
    }

    fn work(&mut self, now: Instant) {
        while self.in_flight < MAX_IN_FLIGHT {
            let Some(work) = self.queue.pop(now) else { return };
            match self.plan(&work) {
                Some(task) => {
                    self.in_flight += 1;
                    let tx = self.tx.clone();
                    tokio::spawn(async move {
                        let ok = task.await;
                        let _ = tx.send(Input::Done { work, ok }).await;
                    });
                }
                None => self.queue.done(&work),
            }
        }
    }

    /// The writes one piece of work needs, if any (queuing follow-up work as it goes).
    fn plan(&mut self, work: &Work) -> Option<futures::future::BoxFuture<'static, bool>> {
        let now = Instant::now();
        match work {
            Work::Orphan(uid) => {
                let node = self.graph.get(uid)?;
                if !(node.deleting && node.orphan) {
                    return None;
                }
                let owner =
                    self.api_for(&node.identity.api_version, &node.identity.kind, node.identity.namespace.as_deref())?;
                let owner_name = node.identity.name.clone();
                let dependents: Vec<(Api<DynamicObject>, String)> = self
                    .graph
                    .dependents(uid)
                    .filter_map(|d| {
                        let n = self.graph.get(d)?;
                        let api =
                            self.api_for(&n.identity.api_version, &n.identity.kind, n.identity.namespace.as_deref())?;
                        Some((api, n.identity.name.clone()))
                    })
                    .collect();
                let uid = uid.clone();
                Some(Box::pin(async move {
                    for (api, name) in dependents {
                        if let Err(e) = remove_owner_references(&api, &name, std::slice::from_ref(&uid)).await {
                            tracing::debug!(dependent = %name, error = %e, "could not orphan a dependent");
                            return false;
                        }
                    }
                    remove_finalizer(&owner, &owner_name, ORPHAN_FINALIZER).await.is_ok()
                }))
            }
            Work::AttemptToDelete(uid) => {
                let node = self.graph.get(uid)?.clone();
                if node.deleting {
                    if !node.deleting_dependents() {
                        return None;
                    }
                    let blocking = self.graph.blocking_dependents(uid);
                    if blocking.is_empty() {
                        let api = self.api_for(
                            &node.identity.api_version,
                            &node.identity.kind,
                            node.identity.namespace.as_deref(),
                        )?;
                        let name = node.identity.name.clone();
                        return Some(Box::pin(async move {
                            remove_finalizer(&api, &name, FOREGROUND_FINALIZER).await.is_ok()
                        }));
                    }
                    let next: Vec<Work> = blocking
                        .into_iter()
                        .filter(|d| self.graph.get(d).is_some_and(|n| !n.deleting))
                        .map(|d| Work::AttemptToDelete(d.clone()))
                        .collect();
                    for w in next {
                        self.queue.add(w, now);
                    }
                    return None;
                }
                let mut states = Vec::new();
                let mut unknown = Vec::new();
                for o in &node.owners {
                    let s = self.graph.owner_state(&o.uid);
                    if s == OwnerState::Unknown {
                        unknown.push(o.clone());
                    }
                    states.push((o.uid.clone(), s));
                }
                if !unknown.is_empty() {
                    for o in unknown {
                        self.look_up(o, node.identity.namespace.clone());
                    }
                    // Decided again when a lookup finds the owner gone.
                    return None;
                }
                let decision = decide(&node, &states, self.graph.has_dependents(uid));
                let api =
                    self.api_for(&node.identity.api_version, &node.identity.kind, node.identity.namespace.as_deref())?;
                let name = node.identity.name.clone();
                let uid = uid.clone();
                match decision {
                    Decision::Keep => None,
                    Decision::RemoveOwnerReferences(owners) => {
                        Some(Box::pin(async move { remove_owner_references(&api, &name, &owners).await.is_ok() }))
                    }
                    Decision::Delete(p) => Some(Box::pin(async move {
                        let mut dp = match p {
                            Propagation::Background => DeleteParams::background(),
                            Propagation::Foreground => DeleteParams::foreground(),
                            Propagation::Orphan => DeleteParams::orphan(),
                        };
                        // Never delete a newer object that took the name.
                        dp.preconditions = Some(Preconditions { uid: Some(uid), resource_version: None });
                        match api.delete(&name, &dp).await {
                            Ok(_) => true,
                            Err(e) if system::is_status(&e, 404) || system::is_status(&e, 409) => true,
                            Err(e) => {
                                tracing::debug!(object = %name, error = %e, "garbage collector could not delete");
                                false
                            }
                        }
                    })),
                }
            }
        }
    }

    /// Asks the API whether an owner the graph has not seen exists.
    fn look_up(&mut self, owner: Owner, namespace: Option<String>) {
        if !self.lookups.insert(owner.uid.clone()) {
            return;
        }
        let api = self.api_for(&owner.api_version, &owner.kind, namespace.as_deref());
        let tx = self.tx.clone();
        tokio::spawn(async move {
            // A kind discovery does not know is kept: the collector cannot tell it is gone.
            let exists = match api {
                None => true,
                Some(api) => match api.get_metadata_opt(&owner.name).await {
                    Ok(Some(m)) => m.metadata.uid.as_deref() == Some(owner.uid.as_str()),
                    Ok(None) => false,
                    Err(_) => true,
                },
            };
            let _ = tx.send(Input::LookedUp { uid: owner.uid, exists }).await;
        });
    }
}

/// Drops the ownerReferences with `uids` from an object, read-modify-write with the
/// resourceVersion as a guard.
async fn remove_owner_references(api: &Api<DynamicObject>, name: &str, uids: &[String]) -> Result<(), kube::Error> {
    for _ in 0..8 {
        let Some(current) = api.get_metadata_opt(name).await? else { return Ok(()) };
        let refs = current.metadata.owner_references.clone().unwrap_or_default();
        let kept: Vec<_> = refs.iter().filter(|r| !uids.contains(&r.uid)).cloned().collect();
        if kept.len() == refs.len() {
            return Ok(());
        }
        let patch = json!({"metadata": {
            "ownerReferences": if kept.is_empty() { serde_json::Value::Null } else { json!(kept) },
            "resourceVersion": current.metadata.resource_version,
        }});
        match api.patch_metadata(name, &PatchParams::default(), &Patch::Merge(&patch)).await {
            Ok(_) => return Ok(()),
            Err(e) if system::is_status(&e, 409) => continue,
            Err(e) if system::is_status(&e, 404) => return Ok(()),
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

async fn remove_finalizer(api: &Api<DynamicObject>, name: &str, finalizer: &str) -> Result<(), kube::Error> {
    for _ in 0..8 {
        let Some(current) = api.get_metadata_opt(name).await? else { return Ok(()) };
        let finalizers = current.metadata.finalizers.clone().unwrap_or_default();
        if !finalizers.iter().any(|f| f == finalizer) {
            return Ok(());
        }
        let kept: Vec<&String> = finalizers.iter().filter(|f| *f != finalizer).collect();
        let patch = json!({"metadata": {
            "finalizers": if kept.is_empty() { serde_json::Value::Null } else { json!(kept) },
            "resourceVersion": current.metadata.resource_version,
        }});
        match api.patch_metadata(name, &PatchParams::default(), &Patch::Merge(&patch)).await {
            Ok(_) => return Ok(()),
            Err(e) if system::is_status(&e, 409) => continue,
            Err(e) if system::is_status(&e, 404) => return Ok(()),
            Err(e) => {
                tracing::debug!(object = %name, finalizer, error = %e, "could not remove a finalizer");
                return Err(e);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity(kind: &str, name: &str) -> Identity {
        Identity { api_version: "v1".into(), kind: kind.into(), namespace: Some("default".into()), name: name.into() }
    }

    fn node(kind: &str, name: &str, owners: &[(&str, bool)]) -> Node {
        Node {
            identity: identity(kind, name),
            owners: owners
                .iter()
                .map(|(uid, block)| Owner {
                    uid: (*uid).into(),
                    api_version: "apps/v1".into(),
                    kind: "ReplicaSet".into(),
                    name: format!("rs-{uid}"),
                    block_owner_deletion: *block,
                })
                .collect(),
            deleting: false,
            orphan: false,
            foreground: false,
        }
    }

    fn deleting(mut n: Node, finalizer: &str) -> Node {
        n.deleting = true;
        n.orphan = finalizer == ORPHAN_FINALIZER;
        n.foreground = finalizer == FOREGROUND_FINALIZER;
        n
    }

    #[test]
    fn graph_owner_deleted_queues_its_dependents() {
        let mut g = Graph::default();
        g.observe("rs", node("ReplicaSet", "rs", &[]));
        assert!(g.observe("p1", node("Pod", "p1", &[("rs", true)])).is_empty(), "owner present: nothing to do");
        g.observe("p2", node("Pod", "p2", &[("rs", true)]));
        let mut work = g.forget("rs");
        work.sort();
        assert_eq!(work, vec![Work::AttemptToDelete("p1".into()), Work::AttemptToDelete("p2".into())]);
        assert_eq!(g.owner_state("rs"), OwnerState::Dangling);
        g.forget("p1");
        g.forget("p2");
        assert_eq!(g.owner_state("rs"), OwnerState::Unknown, "forgotten once nothing names it");
    }

    #[test]
    fn graph_unseen_owner_needs_a_lookup() {
        let mut g = Graph::default();
        let work = g.observe("p1", node("Pod", "p1", &[("rs", false)]));
        assert_eq!(work, vec![Work::AttemptToDelete("p1".into())]);
        assert_eq!(g.owner_state("rs"), OwnerState::Unknown);
        assert_eq!(g.mark_absent("rs"), vec![Work::AttemptToDelete("p1".into())]);
        assert_eq!(g.owner_state("rs"), OwnerState::Dangling);
    }

    #[test]
    fn graph_orphan_finalizer_queues_orphaning() {
        let mut g = Graph::default();
        g.observe("rs", node("ReplicaSet", "rs", &[]));
        let work = g.observe("rs", deleting(node("ReplicaSet", "rs", &[]), ORPHAN_FINALIZER));
        assert_eq!(work, vec![Work::Orphan("rs".into())]);
    }

    #[test]
    fn graph_foreground_deletion_queues_owner_and_dependents() {
        let mut g = Graph::default();
        g.observe("rs", node("ReplicaSet", "rs", &[]));
        g.observe("p1", node("Pod", "p1", &[("rs", true)]));
        g.observe("p2", node("Pod", "p2", &[("rs", false)]));
        let mut work = g.observe("rs", deleting(node("ReplicaSet", "rs", &[]), FOREGROUND_FINALIZER));
        work.sort();
        work.dedup();
        assert_eq!(
            work,
            vec![
                Work::AttemptToDelete("p1".into()),
                Work::AttemptToDelete("p2".into()),
                Work::AttemptToDelete("rs".into())
            ]
        );
        assert_eq!(g.blocking_dependents("rs"), vec!["p1"]);
        // The blocking pod going away lets the owner be looked at again.
        assert_eq!(g.forget("p1"), vec![Work::AttemptToDelete("rs".into())]);
        assert!(g.blocking_dependents("rs").is_empty());
    }

    #[test]
    fn decide_all_owners_gone_deletes_in_background() {
        let n = node("Pod", "p", &[("a", false), ("b", false)]);
        let states = [("a".to_string(), OwnerState::Dangling), ("b".to_string(), OwnerState::Dangling)];
        assert_eq!(decide(&n, &states, false), Decision::Delete(Propagation::Background));
    }

    #[test]
    fn decide_one_solid_owner_keeps_object_and_drops_dangling_reference() {
        let n = node("Pod", "p", &[("a", false), ("b", false)]);
        let states = [("a".to_string(), OwnerState::Solid), ("b".to_string(), OwnerState::Dangling)];
        assert_eq!(decide(&n, &states, false), Decision::RemoveOwnerReferences(vec!["b".into()]));
        let all_solid = [("a".to_string(), OwnerState::Solid), ("b".to_string(), OwnerState::Solid)];
        assert_eq!(decide(&n, &all_solid, false), Decision::Keep);
    }

    #[test]
    fn decide_waiting_owner_with_grandchildren_deletes_in_foreground() {
        let n = node("ReplicaSet", "rs", &[("d", true)]);
        let states = [("d".to_string(), OwnerState::Waiting)];
        assert_eq!(decide(&n, &states, true), Decision::Delete(Propagation::Foreground));
        assert_eq!(decide(&n, &states, false), Decision::Delete(Propagation::Background));
    }

    #[test]
    fn decide_object_already_deleting_is_kept() {
        let n = deleting(node("Pod", "p", &[("a", false)]), "");
        assert_eq!(decide(&n, &[("a".to_string(), OwnerState::Dangling)], false), Decision::Keep);
    }
}
