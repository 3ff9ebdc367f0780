//! PersistentVolume binding and provisioning, as kube's persistentvolume controller with a
//! local-path provisioner beside it (what kind and k3s ship):
//! - a default StorageClass `standard` (provisioner `kx.dev/local-path`, reclaim policy
//!   Delete, `WaitForFirstConsumer`) is created if the cluster has none;
//! - claims created without a class get the default one (kube's DefaultStorageClass
//!   admission and its retroactive assignment);
//! - a claim binds to the smallest Available volume that fits (class, volume mode, access
//!   modes, capacity, selector, a pre-binding either way); otherwise a claim of a local-path
//!   class gets a hostPath volume under `<volume_dir>/<pv-name>`, on the node the scheduler
//!   chose (`volume.kubernetes.io/selected-node`) for `WaitForFirstConsumer` classes;
//! - a volume whose claim is gone is Released; with reclaim policy Delete a provisioned one
//!   is removed with its directory, with Retain it stays Released.
//!
//! Why `WaitForFirstConsumer`: a local volume lives on one node, so creating it before the
//! scheduler has placed the pod (with everything else the pod needs) could pin the pod to a
//! node it does not fit on. kind's and k3s's local-path classes use it for that reason.
//!
//! Decisions ([`claim_action`], [`volume_action`], [`match_volume`], [`provisioned_volume`])
//! are pure.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use k8s_openapi::api::core::v1::{
    HostPathVolumeSource, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, ObjectReference, PersistentVolume,
    PersistentVolumeClaim, PersistentVolumeSpec, VolumeNodeAffinity,
};
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as K8sQuantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::Resource;
use kube::api::{Api, DeleteParams, Patch, PatchParams, PostParams, Preconditions};
use kube::runtime::events::EventType;
use kube::runtime::watcher;
use serde_json::json;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::system::{self, Mirror, WorkQueue};
use crate::k8s::quantity::Quantity;
use crate::k8s::selector::LabelSelector;

pub const PROVISIONER: &str = "kx.dev/local-path";
pub const DEFAULT_CLASS: &str = "standard";
pub const DEFAULT_CLASS_ANNOTATION: &str = "storageclass.kubernetes.io/is-default-class";
pub const SELECTED_NODE_ANNOTATION: &str = "volume.kubernetes.io/selected-node";
pub const BIND_COMPLETED_ANNOTATION: &str = "pv.kubernetes.io/bind-completed";
pub const BOUND_BY_CONTROLLER_ANNOTATION: &str = "pv.kubernetes.io/bound-by-controller";
pub const PROVISIONED_BY_ANNOTATION: &str = "pv.kubernetes.io/provisioned-by";
pub const STORAGE_PROVISIONER_ANNOTATION: &str = "volume.kubernetes.io/storage-provisioner";
pub const BETA_STORAGE_PROVISIONER_ANNOTATION: &str = "volume.beta.kubernetes.io/storage-provisioner";
const CONTROLLER: &str = "persistentvolume-controller";

/// The default class this cluster starts with.
pub fn standard_class() -> StorageClass {
    StorageClass {
        metadata: ObjectMeta {
            name: Some(DEFAULT_CLASS.into()),
            annotations: Some(BTreeMap::from([(DEFAULT_CLASS_ANNOTATION.into(), "true".into())])),
            ..Default::default()
        },
        provisioner: PROVISIONER.into(),
        reclaim_policy: Some("Delete".into()),
        volume_binding_mode: Some("WaitForFirstConsumer".into()),
        ..Default::default()
    }
}

/// The default class: the newest one annotated as default (kube's choice when several are).
pub fn default_class<'a>(classes: impl Iterator<Item = &'a StorageClass>) -> Option<&'a StorageClass> {
    classes
        .filter(|c| {
            c.metadata.annotations.as_ref().and_then(|a| a.get(DEFAULT_CLASS_ANNOTATION)).map(String::as_str)
                == Some("true")
        })
        .max_by(|a, b| {
            (&a.metadata.creation_timestamp, &a.metadata.name).cmp(&(&b.metadata.creation_timestamp, &b.metadata.name))
        })
}

fn annotation<'a, K: Resource>(obj: &'a K, key: &str) -> Option<&'a str> {
    obj.meta().annotations.as_ref().and_then(|a| a.get(key)).map(String::as_str)
}

fn storage(q: Option<&BTreeMap<String, K8sQuantity>>) -> Option<Quantity> {
    q.and_then(|m| m.get("storage")).and_then(|q| Quantity::parse(&q.0).ok())
}

/// Whether `pv`'s claimRef names `pvc` (by uid when the reference has one).
pub fn refers_to(pv: &PersistentVolume, pvc: &PersistentVolumeClaim) -> bool {
    let Some(r) = pv.spec.as_ref().and_then(|s| s.claim_ref.as_ref()) else { return false };
    r.name == pvc.metadata.name
        && r.namespace == pvc.metadata.namespace
        && r.uid.as_deref().is_none_or(|u| u.is_empty() || Some(u) == pvc.metadata.uid.as_deref())
}

/// The node a required `kubernetes.io/hostname` affinity pins a volume to.
fn pinned_node(pv: &PersistentVolume) -> Option<&str> {
    let terms = &pv.spec.as_ref()?.node_affinity.as_ref()?.required.as_ref()?.node_selector_terms;
    terms.iter().flat_map(|t| t.match_expressions.iter().flatten()).find_map(|e| {
        (e.key == "kubernetes.io/hostname" && e.operator == "In")
            .then(|| e.values.as_ref()?.first().map(String::as_str))
            .flatten()
    })
}

/// The best volume for `pvc` among `volumes`: one already pre-bound to it, else the smallest
/// Available one that satisfies it; on `node` when the claim waited for its consumer.
pub fn match_volume<'a>(
    pvc: &PersistentVolumeClaim,
    class: &str,
    volumes: impl Iterator<Item = &'a PersistentVolume>,
    node: Option<&str>,
) -> Option<&'a PersistentVolume> {
    let spec = pvc.spec.as_ref()?;
    let want = storage(spec.resources.as_ref().and_then(|r| r.requests.as_ref())).unwrap_or_else(Quantity::zero);
    let mode = spec.volume_mode.as_deref().unwrap_or("Filesystem");
    let modes = spec.access_modes.clone().unwrap_or_default();
    let selector = spec.selector.as_ref().map(|s| {
        serde_json::to_value(s)
            .ok()
            .and_then(|v| LabelSelector::from_json(&v).ok())
            .unwrap_or_else(LabelSelector::nothing)
    });
    let mut best: Option<(&PersistentVolume, Quantity)> = None;
    for pv in volumes {
        let Some(ps) = pv.spec.as_ref() else { continue };
        if pv.metadata.deletion_timestamp.is_some() {
            continue;
        }
        let prebound = refers_to(pv, pvc);
        if ps.claim_ref.is_some() && !prebound {
            continue;
        }
        let phase = pv.status.as_ref().and_then(|s| s.phase.as_deref()).unwrap_or("Pending");
        if !prebound && phase != "Available" && phase != "Pending" {
            continue;
        }
        let size = storage(ps.capacity.as_ref()).unwrap_or_else(Quantity::zero);
        let fits = ps.storage_class_name.as_deref().unwrap_or("") == class
            && ps.volume_mode.as_deref().unwrap_or("Filesystem") == mode
            && modes.iter().all(|m| ps.access_modes.iter().flatten().any(|x| x == m))
            && size >= want
            && selector.as_ref().is_none_or(|s| s.matches_map(pv.metadata.labels.as_ref().unwrap_or(&BTreeMap::new())))
            && node.is_none_or(|n| pinned_node(pv).is_none_or(|p| p == n));
        if !fits {
            continue;
        }
        if prebound {
            return Some(pv);
        }
        if best.as_ref().is_none_or(|(_, s)| size < *s) {
            best = Some((pv, size));
        }
    }
    best.map(|(pv, _)| pv)
}

/// The volume the local-path provisioner makes for `pvc`: a directory under `dir`, pinned
/// to `node` when one was chosen, pre-bound to the claim.
pub fn provisioned_volume(
    pvc: &PersistentVolumeClaim,
    class: &StorageClass,
    node: Option<&str>,
    dir: &Path,
) -> PersistentVolume {
    let name = format!("pvc-{}", pvc.metadata.uid.as_deref().unwrap_or_default());
    let spec = pvc.spec.clone().unwrap_or_default();
    let request = spec.resources.as_ref().and_then(|r| r.requests.as_ref()).and_then(|r| r.get("storage")).cloned();
    PersistentVolume {
        metadata: ObjectMeta {
            name: Some(name.clone()),
            annotations: Some(BTreeMap::from([(PROVISIONED_BY_ANNOTATION.into(), PROVISIONER.into())])),
            ..Default::default()
        },
        spec: Some(PersistentVolumeSpec {
            capacity: request.map(|q| BTreeMap::from([("storage".to_owned(), q)])),
            access_modes: spec.access_modes.clone(),
            volume_mode: spec.volume_mode.clone(),
            storage_class_name: class.metadata.name.clone(),
            persistent_volume_reclaim_policy: Some(class.reclaim_policy.clone().unwrap_or_else(|| "Delete".into())),
            mount_options: class.mount_options.clone(),
            host_path: Some(HostPathVolumeSource {
                path: dir.join(&name).to_string_lossy().into_owned(),
                type_: Some("DirectoryOrCreate".into()),
            }),
            node_affinity: node.map(|n| VolumeNodeAffinity {
                required: Some(NodeSelector {
                    node_selector_terms: vec![NodeSelectorTerm {
                        match_expressions: Some(vec![NodeSelectorRequirement {
                            key: "kubernetes.io/hostname".into(),
                            operator: "In".into(),
                            values: Some(vec![n.to_owned()]),
                        }]),
                        ..Default::default()
                    }],
                }),
            }),
            claim_ref: Some(claim_reference(pvc)),
            ..Default::default()
        }),
        status: None,
    }
}

fn claim_reference(pvc: &PersistentVolumeClaim) -> ObjectReference {
    ObjectReference {
        api_version: Some("v1".into()),
        kind: Some("PersistentVolumeClaim".into()),
        namespace: pvc.metadata.namespace.clone(),
        name: pvc.metadata.name.clone(),
        uid: pvc.metadata.uid.clone(),
        resource_version: pvc.metadata.resource_version.clone(),
        ..Default::default()
    }
}

/// An event to record: type, reason, message.
pub type Note = (EventType, &'static str, String);

/// What to do about a claim.
#[derive(Debug, PartialEq)]
pub enum ClaimAction {
    Nothing,
    /// Give a class-less claim the default class.
    SetClass(String),
    /// Bind to this volume.
    Bind {
        volume: String,
    },
    /// Have the local-path provisioner make a volume (on this node).
    Provision {
        class: String,
        node: Option<String>,
    },
    /// Set status Bound (the binding is done but the status lags).
    MarkBound {
        volume: String,
    },
    /// The bound volume is gone.
    MarkLost,
    /// Nothing to bind yet; say why.
    Wait(Note),
}

fn phase(pvc: &PersistentVolumeClaim) -> &str {
    pvc.status.as_ref().and_then(|s| s.phase.as_deref()).unwrap_or("Pending")
}

/// kube's `syncClaim`, for one claim given the classes and volumes.
pub fn claim_action<'a>(
    pvc: &PersistentVolumeClaim,
    classes: &Mirror<StorageClass>,
    volumes: impl Iterator<Item = &'a PersistentVolume> + Clone,
) -> ClaimAction {
    if pvc.metadata.deletion_timestamp.is_some() {
        return ClaimAction::Nothing;
    }
    let spec = pvc.spec.as_ref();
    let bound_to = spec.and_then(|s| s.volume_name.as_deref()).filter(|v| !v.is_empty());
    if let Some(volume) = bound_to {
        let pv = volumes.clone().find(|pv| pv.metadata.name.as_deref() == Some(volume));
        return match pv {
            None if phase(pvc) == "Lost" => ClaimAction::Nothing,
            None if phase(pvc) == "Bound" => ClaimAction::MarkLost,
            // Pre-bound by the user to a volume that does not exist yet.
            None => ClaimAction::Wait((EventType::Normal, "FailedBinding", format!("volume \"{volume}\" not found"))),
            Some(pv) if pv.spec.as_ref().and_then(|s| s.claim_ref.as_ref()).is_none() => {
                ClaimAction::Bind { volume: volume.to_owned() }
            }
            Some(pv) if refers_to(pv, pvc) => {
                let complete = annotation(pvc, BIND_COMPLETED_ANNOTATION) == Some("yes");
                let pv_bound = pv.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Bound");
                if phase(pvc) == "Bound" && complete && pv_bound {
                    ClaimAction::Nothing
                } else {
                    ClaimAction::MarkBound { volume: volume.to_owned() }
                }
            }
            Some(_) if phase(pvc) == "Bound" => ClaimAction::MarkLost,
            Some(_) => ClaimAction::Wait((
                EventType::Warning,
                "FailedBinding",
                format!("volume \"{volume}\" already bound to a different claim."),
            )),
        };
    }
    let class_name = match spec.and_then(|s| s.storage_class_name.clone()) {
        Some(c) => c,
        None => match default_class(classes.iter().map(|(_, c)| c.as_ref())) {
            Some(d) => return ClaimAction::SetClass(d.metadata.name.clone().unwrap_or_default()),
            None => String::new(),
        },
    };
    let class = classes.get(&class_name);
    let delayed = class.is_some_and(|c| c.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer"));
    let node = annotation(pvc, SELECTED_NODE_ANNOTATION);
    if delayed && node.is_none() {
        return ClaimAction::Wait((
            EventType::Normal,
            "WaitForFirstConsumer",
            "waiting for first consumer to be created before binding".into(),
        ));
    }
    if let Some(pv) = match_volume(pvc, &class_name, volumes, node) {
        return ClaimAction::Bind { volume: pv.metadata.name.clone().unwrap_or_default() };
    }
    match class {
        Some(c) if c.provisioner == PROVISIONER => {
            ClaimAction::Provision { class: class_name, node: node.map(str::to_owned) }
        }
        Some(c) => ClaimAction::Wait((
            EventType::Normal,
            "ExternalProvisioning",
            format!(
                "Waiting for a volume to be created either by the external provisioner '{}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
                c.provisioner
            ),
        )),
        None if class_name.is_empty() => ClaimAction::Wait((
            EventType::Normal,
            "FailedBinding",
            "no persistent volumes available for this claim and no storage class is set".into(),
        )),
        None => ClaimAction::Wait((
            EventType::Warning,
            "ProvisioningFailed",
            format!("storageclass.storage.k8s.io \"{class_name}\" not found"),
        )),
    }
}

/// What to do about a volume.
#[derive(Debug, PartialEq)]
pub enum VolumeAction {
    Nothing,
    SetPhase {
        phase: &'static str,
        message: Option<String>,
    },
    /// Its claim is gone and its policy is Delete: remove it (and the directory, if the
    /// local-path provisioner made it under the volume directory).
    Delete {
        directory: Option<PathBuf>,
    },
}

/// kube's `syncVolume`, given the claim the volume's claimRef names (if that claim exists).
pub fn volume_action(pv: &PersistentVolume, claim: Option<&PersistentVolumeClaim>, volume_dir: &Path) -> VolumeAction {
    if pv.metadata.deletion_timestamp.is_some() {
        return VolumeAction::Nothing;
    }
    let current = pv.status.as_ref().and_then(|s| s.phase.as_deref()).unwrap_or("Pending");
    let set = |phase: &'static str, message: Option<String>| {
        if current == phase { VolumeAction::Nothing } else { VolumeAction::SetPhase { phase, message } }
    };
    let spec = pv.spec.as_ref();
    let Some(claim_ref) = spec.and_then(|s| s.claim_ref.as_ref()) else { return set("Available", None) };
    match claim {
        Some(pvc) if refers_to(pv, pvc) => {
            let bound = pvc.spec.as_ref().and_then(|s| s.volume_name.as_deref()) == pv.metadata.name.as_deref();
            if bound { set("Bound", None) } else { VolumeAction::Nothing }
        }
        // Pre-bound by name to a claim that does not exist yet: it waits for it.
        _ if claim_ref.uid.as_deref().unwrap_or("").is_empty() => set("Available", None),
        _ => match spec.and_then(|s| s.persistent_volume_reclaim_policy.as_deref()).unwrap_or("Retain") {
            "Delete" if annotation(pv, PROVISIONED_BY_ANNOTATION) == Some(PROVISIONER) => {
                let directory = spec
                    .and_then(|s| s.host_path.as_ref())
                    .map(|h| PathBuf::from(&h.path))
                    .filter(|p| p.starts_with(volume_dir) && p != volume_dir);
                VolumeAction::Delete { directory }
            }
            "Delete" => set(
                "Failed",
                Some(format!(
                    "error getting deleter volume plugin for volume \"{}\": no deletable volume plugin matched",
                    pv.metadata.name.as_deref().unwrap_or_default()
                )),
            ),
            "Recycle" => set("Failed", Some("Recycle is not supported by this cluster".into())),
            _ => set("Released", None),
        },
    }
}

// ---- wiring ----

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Claim(String),
    Volume(String),
}

enum Input {
    Claim(Box<watcher::Event<PersistentVolumeClaim>>),
    Volume(Box<watcher::Event<PersistentVolume>>),
    Class(Box<watcher::Event<StorageClass>>),
    Done(Box<Outcome>),
}

struct Outcome {
    key: Key,
    ok: bool,
    claims: Vec<PersistentVolumeClaim>,
    volumes: Vec<PersistentVolume>,
}

pub(crate) fn spawn(
    client: kube::Client,
    volume_dir: PathBuf,
    events: &crate::cluster::events::EventSink,
) -> Vec<JoinHandle<()>> {
    let (tx, rx) = mpsc::channel(1024);
    vec![
        system::forward(
            "persistentvolumeclaims",
            watcher(Api::<PersistentVolumeClaim>::all(client.clone()), watcher::Config::default()),
            tx.clone(),
            |e| Input::Claim(Box::new(e)),
        ),
        system::forward(
            "persistentvolumes",
            watcher(Api::<PersistentVolume>::all(client.clone()), watcher::Config::default()),
            tx.clone(),
            |e| Input::Volume(Box::new(e)),
        ),
        system::forward(
            "storageclasses",
            watcher(Api::<StorageClass>::all(client.clone()), watcher::Config::default()),
            tx.clone(),
            |e| Input::Class(Box::new(e)),
        ),
        tokio::spawn(
            Runner {
                recorder: events.for_controller(CONTROLLER),
                client,
                tx,
                volume_dir,
                claims: system::mirror(),
                volumes: system::mirror(),
                classes: system::mirror(),
                queue: WorkQueue::default(),
                default_class_checked: false,
            }
            .run(rx),
        ),
    ]
}

struct Runner {
    client: kube::Client,
    recorder: crate::cluster::events::EventSink,
    tx: mpsc::Sender<Input>,
    volume_dir: PathBuf,
    claims: Mirror<PersistentVolumeClaim>,
    volumes: Mirror<PersistentVolume>,
    classes: Mirror<StorageClass>,
    queue: WorkQueue<Key>,
    default_class_checked: bool,
}

impl Runner {
    async fn run(mut self, mut rx: mpsc::Receiver<Input>) {
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
                _ = system::sleep_until(self.queue.next_due()) => {}
            }
            if !(self.claims.synced() && self.volumes.synced() && self.classes.synced()) {
                continue;
            }
            if !self.default_class_checked {
                self.default_class_checked = true;
                if self.classes.is_empty() {
                    let api: Api<StorageClass> = Api::all(self.client.clone());
                    tokio::spawn(async move {
                        if let Err(e) = api.create(&PostParams::default(), &standard_class()).await
                            && !system::is_status(&e, 409)
                        {
                            tracing::warn!(error = %e, "could not create the default StorageClass");
                        }
                    });
                }
            }
            self.sync_due(Instant::now());
        }
    }

    fn apply(&mut self, msg: Input, now: Instant) {
        match msg {
            Input::Claim(ev) => {
                for c in self.claims.apply(*ev) {
                    self.queue.add(Key::Claim(c.key.clone()), now);
                    // A claim that went away releases its volume.
                    if c.new.is_none()
                        && let Some(v) = c.old.as_ref().and_then(|o| o.spec.as_ref()?.volume_name.clone())
                    {
                        self.queue.add(Key::Volume(v), now);
                    }
                }
            }
            Input::Volume(ev) => {
                for c in self.volumes.apply(*ev) {
                    self.queue.add(Key::Volume(c.key.clone()), now);
                    for pv in [c.old.as_deref(), c.new.as_deref()].into_iter().flatten() {
                        if let Some(r) = pv.spec.as_ref().and_then(|s| s.claim_ref.as_ref())
                            && let (Some(ns), Some(name)) = (&r.namespace, &r.name)
                        {
                            self.queue.add(Key::Claim(format!("{ns}/{name}")), now);
                        }
                    }
                }
            }
            Input::Class(ev) => {
                if !self.classes.apply(*ev).is_empty() {
                    // Pending claims may now have a default class or a provisioner.
                    let pending: Vec<String> =
                        self.claims.iter().filter(|(_, c)| phase(c) == "Pending").map(|(k, _)| k.clone()).collect();
                    for k in pending {
                        self.queue.add(Key::Claim(k), now);
                    }
                }
            }
            Input::Done(o) => {
                for c in o.claims {
                    self.claims.apply(watcher::Event::Apply(c));
                }
                for v in o.volumes {
                    self.volumes.apply(watcher::Event::Apply(v));
                }
                if o.ok {
                    self.queue.done(&o.key);
                } else {
                    self.queue.failed(&o.key, now);
                }
            }
        }
    }

    fn sync_due(&mut self, now: Instant) {
        while let Some(key) = self.queue.pop(now) {
            let task = match &key {
                Key::Claim(k) => self.claim_task(k),
                Key::Volume(k) => self.volume_task(k),
            };
            match task {
                None => self.queue.done(&key),
                Some(task) => {
                    let tx = self.tx.clone();
                    tokio::spawn(async move {
                        let mut outcome = task.await;
                        outcome.key = key;
                        let _ = tx.send(Input::Done(Box::new(outcome))).await;
                    });
                }
            }
        }
    }

    fn claim_task(&self, key: &str) -> Option<futures::future::BoxFuture<'static, Outcome>> {
        let pvc = self.claims.get(key)?.as_ref().clone();
        let action = claim_action(&pvc, &self.classes, self.volumes.iter().map(|(_, v)| v.as_ref()));
        if action == ClaimAction::Nothing {
            return None;
        }
        let client = self.client.clone();
        let recorder = self.recorder.clone();
        let volume = |name: &str| self.volumes.get(name).map(|v| v.as_ref().clone());
        let class = match &action {
            ClaimAction::Provision { class, .. } => self.classes.get(class).map(|c| c.as_ref().clone()),
            _ => None,
        };
        let pv = match &action {
            ClaimAction::Bind { volume: v } | ClaimAction::MarkBound { volume: v } => volume(v),
            _ => None,
        };
        let dir = self.volume_dir.clone();
        Some(Box::pin(async move {
            let mut out = Outcome { key: Key::Claim(String::new()), ok: true, claims: vec![], volumes: vec![] };
            let ns = pvc.metadata.namespace.clone().unwrap_or_default();
            let name = pvc.metadata.name.clone().unwrap_or_default();
            let claims: Api<PersistentVolumeClaim> = Api::namespaced(client.clone(), &ns);
            let volumes: Api<PersistentVolume> = Api::all(client.clone());
            let result: Result<(), kube::Error> = async {
                match action {
                    ClaimAction::Nothing => {}
                    ClaimAction::SetClass(class) => {
                        let patch = json!({"metadata": {"resourceVersion": pvc.metadata.resource_version},
                                           "spec": {"storageClassName": class}});
                        out.claims.push(claims.patch(&name, &PatchParams::default(), &Patch::Merge(&patch)).await?);
                    }
                    ClaimAction::Wait((ty, reason, note)) => {
                        recorder.record(pvc.object_ref(&()), ty, reason, "Binding", note);
                    }
                    ClaimAction::MarkLost => {
                        let patch = json!({"status": {"phase": "Lost"}});
                        out.claims
                            .push(claims.patch_status(&name, &PatchParams::default(), &Patch::Merge(&patch)).await?);
                        let note = "Bound claim has lost its PersistentVolume. Data on the volume is lost!".to_owned();
                        recorder.record(pvc.object_ref(&()), EventType::Warning, "ClaimLost", "Binding", note);
                    }
                    ClaimAction::Provision { node, .. } => {
                        let Some(class) = class else { return Ok(()) };
                        let pv = provisioned_volume(&pvc, &class, node.as_deref(), &dir);
                        let pv_name = pv.metadata.name.clone().unwrap_or_default();
                        if annotation(&pvc, STORAGE_PROVISIONER_ANNOTATION).is_none() {
                            let patch = json!({"metadata": {"annotations": {
                                STORAGE_PROVISIONER_ANNOTATION: PROVISIONER,
                                BETA_STORAGE_PROVISIONER_ANNOTATION: PROVISIONER,
                            }}});
                            out.claims.push(claims.patch(&name, &PatchParams::default(), &Patch::Merge(&patch)).await?);
                        }
                        let path = dir.join(&pv_name);
                        if let Err(e) = tokio::fs::create_dir_all(&path).await {
                            let note = format!(
                                "failed to provision volume with StorageClass \"{}\": could not create {}: {e}",
                                class.metadata.name.as_deref().unwrap_or_default(),
                                path.display()
                            );
                            recorder.record(
                                pvc.object_ref(&()),
                                EventType::Warning,
                                "ProvisioningFailed",
                                "Provisioning",
                                note,
                            );
                            out.ok = false;
                            return Ok(());
                        }
                        match volumes.create(&PostParams::default(), &pv).await {
                            Ok(pv) => {
                                out.volumes.push(pv);
                                let note = format!("Successfully provisioned volume {pv_name}");
                                recorder.record(
                                    pvc.object_ref(&()),
                                    EventType::Normal,
                                    "ProvisioningSucceeded",
                                    "Provisioning",
                                    note,
                                );
                            }
                            Err(e) if system::is_status(&e, 409) => {}
                            Err(e) => return Err(e),
                        }
                    }
                    ClaimAction::Bind { .. } => {
                        let Some(pv) = pv else { return Ok(()) };
                        bind(&claims, &volumes, &pvc, &pv, &mut out).await?;
                    }
                    ClaimAction::MarkBound { .. } => {
                        let Some(pv) = pv else { return Ok(()) };
                        mark_bound(&claims, &volumes, &pvc, &pv, &mut out).await?;
                    }
                }
                Ok(())
            }
            .await;
            if let Err(e) = result {
                tracing::debug!(claim = %format!("{ns}/{name}"), error = %e, "volume binding step failed");
                out.ok = system::is_status(&e, 404);
            }
            out
        }))
    }

    fn volume_task(&self, name: &str) -> Option<futures::future::BoxFuture<'static, Outcome>> {
        let pv = self.volumes.get(name)?.as_ref().clone();
        let claim = pv.spec.as_ref().and_then(|s| s.claim_ref.as_ref()).and_then(|r| {
            let key = format!("{}/{}", r.namespace.as_deref()?, r.name.as_deref()?);
            self.claims.get(&key).map(|c| c.as_ref().clone())
        });
        let action = volume_action(&pv, claim.as_ref(), &self.volume_dir);
        if action == VolumeAction::Nothing {
            return None;
        }
        let client = self.client.clone();
        let recorder = self.recorder.clone();
        let name = name.to_owned();
        Some(Box::pin(async move {
            let mut out = Outcome { key: Key::Volume(String::new()), ok: true, claims: vec![], volumes: vec![] };
            let volumes: Api<PersistentVolume> = Api::all(client.clone());
            // The claim mirror may lag; a claim that still exists keeps its volume.
            if !matches!(action, VolumeAction::SetPhase { phase: "Available" | "Bound", .. })
                && claim.is_none()
                && let Some(r) = pv.spec.as_ref().and_then(|s| s.claim_ref.as_ref())
                && let (Some(ns), Some(cname)) = (&r.namespace, &r.name)
            {
                match Api::<PersistentVolumeClaim>::namespaced(client.clone(), ns).get_opt(cname).await {
                    Ok(Some(c)) if c.metadata.uid == r.uid => return out,
                    Ok(_) => {}
                    Err(e) => {
                        tracing::debug!(volume = %name, error = %e, "could not look up a volume's claim");
                        out.ok = false;
                        return out;
                    }
                }
            }
            let result: Result<(), kube::Error> = async {
                match action {
                    VolumeAction::Nothing => {}
                    VolumeAction::SetPhase { phase, message } => {
                        let patch = json!({"status": {"phase": phase, "message": message}});
                        out.volumes
                            .push(volumes.patch_status(&name, &PatchParams::default(), &Patch::Merge(&patch)).await?);
                        if let Some(m) = message {
                            recorder.record(pv.object_ref(&()), EventType::Warning, "VolumeFailedDelete", "Reclaim", m);
                        }
                    }
                    VolumeAction::Delete { directory } => {
                        if let Some(dir) = directory
                            && let Err(e) = tokio::fs::remove_dir_all(&dir).await
                            && e.kind() != std::io::ErrorKind::NotFound
                        {
                            let note = format!("could not remove {}: {e}", dir.display());
                            recorder.record(
                                pv.object_ref(&()),
                                EventType::Warning,
                                "VolumeFailedDelete",
                                "Reclaim",
                                note,
                            );
                            out.ok = false;
                            return Ok(());
                        }
                        let dp = DeleteParams {
                            preconditions: Some(Preconditions { uid: pv.metadata.uid.clone(), resource_version: None }),
                            ..Default::default()
                        };
                        match volumes.delete(&name, &dp).await {
                            Ok(_) => {}
                            Err(e) if system::is_status(&e, 404) || system::is_status(&e, 409) => {}
                            Err(e) => return Err(e),
                        }
                    }
                }
                Ok(())
            }
            .await;
            if let Err(e) = result {
                tracing::debug!(volume = %name, error = %e, "volume reclaim step failed");
                out.ok = system::is_status(&e, 404);
            }
            out
        }))
    }
}

/// kube's bind: the volume names the claim, then the claim names the volume, then both
/// statuses say Bound. Each step is guarded by the resourceVersion it read.
async fn bind(
    claims: &Api<PersistentVolumeClaim>,
    volumes: &Api<PersistentVolume>,
    pvc: &PersistentVolumeClaim,
    pv: &PersistentVolume,
    out: &mut Outcome,
) -> Result<(), kube::Error> {
    let pv_name = pv.metadata.name.clone().unwrap_or_default();
    let claim_name = pvc.metadata.name.clone().unwrap_or_default();
    let mut pv = pv.clone();
    let has_uid = pv
        .spec
        .as_ref()
        .and_then(|s| s.claim_ref.as_ref())
        .and_then(|r| r.uid.as_deref())
        .is_some_and(|u| !u.is_empty());
    if !has_uid {
        let chosen_by_us = pv.spec.as_ref().and_then(|s| s.claim_ref.as_ref()).is_none();
        let mut annotations = serde_json::Map::new();
        if chosen_by_us {
            annotations.insert(BOUND_BY_CONTROLLER_ANNOTATION.into(), json!("yes"));
        }
        let patch = json!({"metadata": {"resourceVersion": pv.metadata.resource_version, "annotations": annotations},
                           "spec": {"claimRef": claim_reference(pvc)}});
        pv = volumes.patch(&pv_name, &PatchParams::default(), &Patch::Merge(&patch)).await?;
        out.volumes.push(pv.clone());
    }
    let by_controller = pvc.spec.as_ref().and_then(|s| s.volume_name.as_deref()).is_none_or(str::is_empty);
    let mut annotations = serde_json::Map::from_iter([(BIND_COMPLETED_ANNOTATION.to_owned(), json!("yes"))]);
    if by_controller {
        annotations.insert(BOUND_BY_CONTROLLER_ANNOTATION.into(), json!("yes"));
    }
    let patch = json!({"metadata": {"resourceVersion": pvc.metadata.resource_version, "annotations": annotations},
                       "spec": {"volumeName": pv_name}});
    let pvc = claims.patch(&claim_name, &PatchParams::default(), &Patch::Merge(&patch)).await?;
    out.claims.push(pvc.clone());
    mark_bound(claims, volumes, &pvc, &pv, out).await
}

async fn mark_bound(
    claims: &Api<PersistentVolumeClaim>,
    volumes: &Api<PersistentVolume>,
    pvc: &PersistentVolumeClaim,
    pv: &PersistentVolume,
    out: &mut Outcome,
) -> Result<(), kube::Error> {
    let pv_name = pv.metadata.name.clone().unwrap_or_default();
    let claim_name = pvc.metadata.name.clone().unwrap_or_default();
    if pv.status.as_ref().and_then(|s| s.phase.as_deref()) != Some("Bound") {
        let patch = json!({"status": {"phase": "Bound", "message": null, "reason": null}});
        out.volumes.push(volumes.patch_status(&pv_name, &PatchParams::default(), &Patch::Merge(&patch)).await?);
    }
    if annotation(pvc, BIND_COMPLETED_ANNOTATION) != Some("yes") {
        let patch = json!({"metadata": {"annotations": {BIND_COMPLETED_ANNOTATION: "yes"}}});
        out.claims.push(claims.patch(&claim_name, &PatchParams::default(), &Patch::Merge(&patch)).await?);
    }
    let spec = pv.spec.as_ref();
    let patch = json!({"status": {
        "phase": "Bound",
        "accessModes": spec.and_then(|s| s.access_modes.clone()),
        "capacity": spec.and_then(|s| s.capacity.clone()),
    }});
    if phase(pvc) != "Bound"
        || pvc.status.as_ref().and_then(|s| s.capacity.as_ref()) != spec.and_then(|s| s.capacity.as_ref())
    {
        out.claims.push(claims.patch_status(&claim_name, &PatchParams::default(), &Patch::Merge(&patch)).await?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(extra: serde_json::Value) -> PersistentVolumeClaim {
        let mut v = json!({
            "metadata": {"name": "data", "namespace": "default", "uid": "claim-uid", "resourceVersion": "5"},
            "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "volumeMode": "Filesystem"},
            "status": {"phase": "Pending"},
        });
        merge(&mut v, extra);
        serde_json::from_value(v).expect("claim")
    }

    fn volume(name: &str, size: &str, extra: serde_json::Value) -> PersistentVolume {
        let mut v = json!({
            "metadata": {"name": name},
            "spec": {"capacity": {"storage": size}, "accessModes": ["ReadWriteOnce", "ReadOnlyMany"],
                     "hostPath": {"path": format!("/data/{name}")}, "persistentVolumeReclaimPolicy": "Retain"},
            "status": {"phase": "Available"},
        });
        merge(&mut v, extra);
        serde_json::from_value(v).expect("volume")
    }

    fn merge(a: &mut serde_json::Value, b: serde_json::Value) {
        match (a, b) {
            (serde_json::Value::Object(a), serde_json::Value::Object(b)) => {
                for (k, v) in b {
                    merge(a.entry(k).or_insert(serde_json::Value::Null), v);
                }
            }
            (a, b) => *a = b,
        }
    }

    fn classes(list: Vec<StorageClass>) -> Mirror<StorageClass> {
        let mut m = system::mirror();
        for c in list {
            m.apply(watcher::Event::Apply(c));
        }
        m
    }

    fn immediate_class(name: &str) -> StorageClass {
        let mut c = standard_class();
        c.metadata.name = Some(name.into());
        c.metadata.annotations = None;
        c.volume_binding_mode = Some("Immediate".into());
        c
    }

    #[test]
    fn match_volume_picks_smallest_that_fits() {
        let pvc = claim(json!({"spec": {"storageClassName": ""}}));
        let vols =
            [volume("small", "500Mi", json!({})), volume("big", "10Gi", json!({})), volume("mid", "2Gi", json!({}))];
        assert_eq!(match_volume(&pvc, "", vols.iter(), None).and_then(|v| v.metadata.name.as_deref()), Some("mid"));
        let rwx = claim(json!({"spec": {"accessModes": ["ReadWriteMany"]}}));
        assert!(match_volume(&rwx, "", vols.iter(), None).is_none(), "no volume offers ReadWriteMany");
    }

    #[test]
    fn match_volume_honours_class_selector_and_prebinding() {
        let pvc = claim(json!({"spec": {"selector": {"matchLabels": {"tier": "fast"}}}}));
        let vols = [
            volume("plain", "1Gi", json!({})),
            volume("fast", "5Gi", json!({"metadata": {"labels": {"tier": "fast"}}})),
            volume(
                "classy",
                "1Gi",
                json!({"metadata": {"labels": {"tier": "fast"}}, "spec": {"storageClassName": "gold"}}),
            ),
        ];
        assert_eq!(match_volume(&pvc, "", vols.iter(), None).and_then(|v| v.metadata.name.as_deref()), Some("fast"));
        let other = volume("taken", "1Gi", json!({"spec": {"claimRef": {"namespace": "default", "name": "else"}}}));
        let mine = volume("mine", "8Gi", json!({"spec": {"claimRef": {"namespace": "default", "name": "data"}}}));
        let plain = claim(json!({}));
        let vols = [other, volume("free", "1Gi", json!({})), mine];
        assert_eq!(match_volume(&plain, "", vols.iter(), None).and_then(|v| v.metadata.name.as_deref()), Some("mine"));
    }

    #[test]
    fn claim_action_without_class_gets_default_then_waits_for_consumer() {
        let cs = classes(vec![standard_class()]);
        assert_eq!(claim_action(&claim(json!({})), &cs, [].iter()), ClaimAction::SetClass("standard".into()));
        let pvc = claim(json!({"spec": {"storageClassName": "standard"}}));
        assert!(matches!(claim_action(&pvc, &cs, [].iter()), ClaimAction::Wait((_, "WaitForFirstConsumer", _))));
        let chosen = claim(json!({"spec": {"storageClassName": "standard"},
                                  "metadata": {"annotations": {SELECTED_NODE_ANNOTATION: "node-1"}}}));
        assert_eq!(
            claim_action(&chosen, &cs, [].iter()),
            ClaimAction::Provision { class: "standard".into(), node: Some("node-1".into()) }
        );
    }

    #[test]
    fn claim_action_immediate_class_binds_or_provisions() {
        let cs = classes(vec![immediate_class("fast")]);
        let pvc = claim(json!({"spec": {"storageClassName": "fast"}}));
        assert_eq!(claim_action(&pvc, &cs, [].iter()), ClaimAction::Provision { class: "fast".into(), node: None });
        let vols = [volume("pv1", "1Gi", json!({"spec": {"storageClassName": "fast"}}))];
        assert_eq!(claim_action(&pvc, &cs, vols.iter()), ClaimAction::Bind { volume: "pv1".into() });
    }

    #[test]
    fn claim_action_no_class_no_volume_says_so() {
        let pvc = claim(json!({"spec": {"storageClassName": ""}}));
        let ClaimAction::Wait((_, reason, message)) = claim_action(&pvc, &classes(vec![]), [].iter()) else {
            panic!("expected to wait")
        };
        assert_eq!(reason, "FailedBinding");
        assert_eq!(message, "no persistent volumes available for this claim and no storage class is set");
    }

    #[test]
    fn claim_action_bound_claim_whose_volume_vanished_is_lost() {
        let pvc = claim(json!({"spec": {"volumeName": "gone"}, "status": {"phase": "Bound"}}));
        assert_eq!(claim_action(&pvc, &classes(vec![]), [].iter()), ClaimAction::MarkLost);
    }

    #[test]
    fn provisioned_volume_lives_under_dir_pinned_and_prebound() {
        let pvc = claim(json!({"spec": {"storageClassName": "standard"}}));
        let pv = provisioned_volume(&pvc, &standard_class(), Some("node-1"), Path::new("/var/kx/volumes"));
        assert_eq!(pv.metadata.name.as_deref(), Some("pvc-claim-uid"));
        let spec = pv.spec.as_ref().expect("spec");
        assert_eq!(spec.host_path.as_ref().map(|h| h.path.as_str()), Some("/var/kx/volumes/pvc-claim-uid"));
        assert_eq!(pinned_node(&pv), Some("node-1"));
        assert_eq!(spec.persistent_volume_reclaim_policy.as_deref(), Some("Delete"));
        assert!(refers_to(&pv, &pvc));
        assert_eq!(storage(spec.capacity.as_ref()), Quantity::parse("1Gi").ok());
    }

    #[test]
    fn volume_action_follows_claim_and_reclaim_policy() {
        let dir = Path::new("/var/kx/volumes");
        let free = volume("pv", "1Gi", json!({"status": {"phase": "Pending"}}));
        assert_eq!(volume_action(&free, None, dir), VolumeAction::SetPhase { phase: "Available", message: None });
        let bound_ref = json!({"spec": {"claimRef": {"namespace": "default", "name": "data", "uid": "claim-uid"}}});
        let retained = volume("pv", "1Gi", bound_ref.clone());
        assert_eq!(volume_action(&retained, None, dir), VolumeAction::SetPhase { phase: "Released", message: None });
        let pvc = claim(json!({"spec": {"volumeName": "pv"}}));
        assert_eq!(volume_action(&retained, Some(&pvc), dir), VolumeAction::SetPhase { phase: "Bound", message: None });
        let provisioned = provisioned_volume(&pvc, &standard_class(), None, dir);
        assert_eq!(
            volume_action(&provisioned, None, dir),
            VolumeAction::Delete { directory: Some(dir.join("pvc-claim-uid")) }
        );
        let mut foreign = volume("pv", "1Gi", bound_ref);
        foreign.spec.as_mut().expect("spec").persistent_volume_reclaim_policy = Some("Delete".into());
        assert!(matches!(volume_action(&foreign, None, dir), VolumeAction::SetPhase { phase: "Failed", .. }));
    }
}
