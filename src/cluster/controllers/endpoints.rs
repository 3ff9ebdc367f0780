//! Endpoints and EndpointSlices from Service selectors and pod readiness, as kube's endpoints
//! and endpointslice controllers: one controller here, because both read the same services
//! and pods and are written in the same sync.
//!
//! Pods are kept as [`PodView`]s (only what endpoints need), so the many pod status updates
//! that do not change an endpoint cost no sync, and indexed by namespace and label, so
//! finding a service's pods does not walk every pod. Syncs of one service are batched over
//! `endpoint_updates_batch_period`. The Endpoints object is [`endpoints_for`]; the slices are
//! in [`super::endpointslice`]. Services without a selector are left alone.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::{
    EndpointAddress, EndpointPort, EndpointSubset, Endpoints, ObjectReference, Pod, Service, ServicePort,
};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use kube::api::{Api, DeleteParams, PostParams};
use kube::runtime::watcher;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::endpointslice::{self, MANAGED_BY_LABEL, SERVICE_NAME_LABEL, SlicePlan};
use super::system::{self, Mirror, SystemConfig, WorkQueue};

pub const TRIGGER_TIME_ANNOTATION: &str = "endpoints.kubernetes.io/last-change-trigger-time";
pub const OVER_CAPACITY_ANNOTATION: &str = "endpoints.kubernetes.io/over-capacity";
pub const HEADLESS_LABEL: &str = "service.kubernetes.io/headless";
/// Addresses an Endpoints object holds at most (kube truncates beyond and says so).
pub const MAX_ENDPOINTS_ADDRESSES: usize = 1000;

/// A container port a named `targetPort` can refer to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerPort {
    pub name: String,
    pub port: i32,
    pub protocol: String,
}

/// What endpoints need of a pod.
#[derive(Clone, Debug, PartialEq)]
pub struct PodView {
    pub namespace: String,
    pub name: String,
    pub uid: String,
    pub labels: BTreeMap<String, String>,
    pub ip: Option<String>,
    pub ready: bool,
    /// When the pod last changed in a way endpoints see (its Ready transition, or creation).
    pub trigger_time: Option<Time>,
    pub node_name: Option<String>,
    pub hostname: Option<String>,
    pub subdomain: Option<String>,
    pub terminating: bool,
    /// Its phase and restart policy say it will not run again.
    pub finished: bool,
    pub ports: Vec<ContainerPort>,
}

impl PodView {
    pub fn new(pod: &Pod) -> PodView {
        let spec = pod.spec.as_ref();
        let status = pod.status.as_ref();
        let ready_condition =
            status.and_then(|s| s.conditions.as_ref()).and_then(|cs| cs.iter().find(|c| c.type_ == "Ready"));
        let phase = status.and_then(|s| s.phase.as_deref()).unwrap_or("");
        let finished = match spec.and_then(|s| s.restart_policy.as_deref()) {
            Some("Never") => phase == "Failed" || phase == "Succeeded",
            Some("OnFailure") => phase == "Succeeded",
            _ => false,
        };
        let ip = status
            .and_then(|s| s.pod_ip.clone())
            .filter(|ip| !ip.is_empty())
            .or_else(|| status.and_then(|s| s.pod_ips.as_ref()).and_then(|ips| ips.first()).map(|i| i.ip.clone()));
        PodView {
            namespace: pod.metadata.namespace.clone().unwrap_or_default(),
            name: pod.metadata.name.clone().unwrap_or_default(),
            uid: pod.metadata.uid.clone().unwrap_or_default(),
            labels: pod.metadata.labels.clone().unwrap_or_default(),
            ip,
            ready: ready_condition.is_some_and(|c| c.status == "True"),
            trigger_time: ready_condition
                .and_then(|c| c.last_transition_time.clone())
                .or_else(|| pod.metadata.creation_timestamp.clone()),
            node_name: spec.and_then(|s| s.node_name.clone()).filter(|n| !n.is_empty()),
            hostname: spec.and_then(|s| s.hostname.clone()).filter(|n| !n.is_empty()),
            subdomain: spec.and_then(|s| s.subdomain.clone()).filter(|n| !n.is_empty()),
            terminating: pod.metadata.deletion_timestamp.is_some(),
            finished,
            ports: spec
                .map(|s| s.containers.iter().flat_map(|c| c.ports.iter().flatten()))
                .into_iter()
                .flatten()
                .filter_map(|p| {
                    Some(ContainerPort {
                        name: p.name.clone().filter(|n| !n.is_empty())?,
                        port: p.container_port,
                        protocol: p.protocol.clone().unwrap_or_else(|| "TCP".into()),
                    })
                })
                .collect(),
        }
    }

    /// kube's `ShouldPodBeInEndpoints`.
    pub fn eligible(&self, include_terminating: bool) -> bool {
        self.ip.is_some() && !self.finished && (include_terminating || !self.terminating)
    }

    /// The hostname a headless service's DNS gives this pod, if it is the pod's subdomain.
    pub fn hostname_for(&self, service: &Service) -> Option<String> {
        let svc_name = service.metadata.name.as_deref()?;
        (self.subdomain.as_deref() == Some(svc_name)).then(|| self.hostname.clone()).flatten()
    }

    pub fn target_ref(&self) -> ObjectReference {
        ObjectReference {
            kind: Some("Pod".into()),
            namespace: Some(self.namespace.clone()),
            name: Some(self.name.clone()),
            uid: Some(self.uid.clone()),
            ..Default::default()
        }
    }
}

/// The selector of a service this controller manages, or `None` (no selector, or
/// ExternalName) to leave its endpoints alone.
pub fn managed_selector(service: &Service) -> Option<&BTreeMap<String, String>> {
    let spec = service.spec.as_ref()?;
    if spec.type_.as_deref() == Some("ExternalName") {
        return None;
    }
    spec.selector.as_ref()
}

pub fn is_headless(service: &Service) -> bool {
    service.spec.as_ref().and_then(|s| s.cluster_ip.as_deref()) == Some("None")
}

pub fn publishes_not_ready(service: &Service) -> bool {
    service.spec.as_ref().and_then(|s| s.publish_not_ready_addresses).unwrap_or(false)
}

/// The pod port a service port sends to: a numbered targetPort as is, a named one resolved
/// against the pod's container ports (None if the pod has no such port).
pub fn resolve_port(port: &ServicePort, pod: &PodView) -> Option<i32> {
    let protocol = port.protocol.as_deref().unwrap_or("TCP");
    match &port.target_port {
        None => Some(port.port),
        Some(IntOrString::Int(0)) => Some(port.port),
        Some(IntOrString::Int(n)) => Some(*n),
        Some(IntOrString::String(name)) => match name.parse::<i32>() {
            Ok(n) => Some(n),
            Err(_) => pod.ports.iter().find(|c| &c.name == name && c.protocol == protocol).map(|c| c.port),
        },
    }
}

/// The endpoint ports of `pod` for `service`, in the service's port order (ports the pod
/// cannot serve are left out, as kube does).
pub fn endpoint_ports(service: &Service, pod: &PodView) -> Vec<EndpointPort> {
    service
        .spec
        .as_ref()
        .and_then(|s| s.ports.as_ref())
        .into_iter()
        .flatten()
        .filter_map(|sp| {
            Some(EndpointPort {
                name: sp.name.clone(),
                port: resolve_port(sp, pod)?,
                protocol: Some(sp.protocol.clone().unwrap_or_else(|| "TCP".into())),
                app_protocol: sp.app_protocol.clone(),
            })
        })
        .collect()
}

/// The labels kube gives Endpoints: the service's, plus the headless marker.
fn endpoints_labels(service: &Service) -> BTreeMap<String, String> {
    let mut labels = service.metadata.labels.clone().unwrap_or_default();
    if is_headless(service) {
        labels.insert(HEADLESS_LABEL.into(), String::new());
    } else {
        labels.remove(HEADLESS_LABEL);
    }
    labels
}

/// The latest change among the service and its pods, for the trigger-time annotation.
pub fn trigger_time<'a>(service: &Service, pods: impl IntoIterator<Item = &'a PodView>) -> Option<Time> {
    pods.into_iter().filter_map(|p| p.trigger_time.clone()).chain(service.metadata.creation_timestamp.clone()).max()
}

/// The Endpoints object for `service` given the pods its selector picks: ready pods in
/// `addresses`, others in `notReadyAddresses`, grouped into subsets by identical ports.
pub fn endpoints_for(service: &Service, pods: &[&PodView]) -> Endpoints {
    let include_not_ready = publishes_not_ready(service);
    let has_ports = service.spec.as_ref().and_then(|s| s.ports.as_ref()).is_some_and(|p| !p.is_empty());
    // Ports (as a comparable key) → (ports, ready, not ready).
    type Group = (Vec<EndpointPort>, Vec<EndpointAddress>, Vec<EndpointAddress>);
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    let mut count = 0;
    let mut truncated = false;
    let mut used = Vec::new();
    for pod in pods {
        if !pod.eligible(include_not_ready) {
            continue;
        }
        let Some(ip) = pod.ip.clone() else { continue };
        let ports = endpoint_ports(service, pod);
        if has_ports && ports.is_empty() {
            continue;
        }
        if count == MAX_ENDPOINTS_ADDRESSES {
            truncated = true;
            break;
        }
        count += 1;
        used.push(*pod);
        let address = EndpointAddress {
            ip,
            hostname: pod.hostname_for(service),
            node_name: pod.node_name.clone(),
            target_ref: Some(pod.target_ref()),
        };
        let key = serde_json::to_string(&ports).unwrap_or_default();
        let entry = groups.entry(key).or_insert_with(|| (ports, vec![], vec![]));
        if pod.ready || include_not_ready {
            entry.1.push(address);
        } else {
            entry.2.push(address);
        }
    }
    let by_ip = |a: &EndpointAddress, b: &EndpointAddress| {
        (&a.ip, a.target_ref.as_ref().and_then(|r| r.uid.as_ref()))
            .cmp(&(&b.ip, b.target_ref.as_ref().and_then(|r| r.uid.as_ref())))
    };
    let subsets: Vec<EndpointSubset> = groups
        .into_values()
        .map(|(ports, mut ready, mut not_ready)| {
            ready.sort_by(by_ip);
            not_ready.sort_by(by_ip);
            EndpointSubset {
                addresses: (!ready.is_empty()).then_some(ready),
                not_ready_addresses: (!not_ready.is_empty()).then_some(not_ready),
                ports: (!ports.is_empty()).then_some(ports),
            }
        })
        .collect();
    let mut annotations = BTreeMap::new();
    if let Some(t) = trigger_time(service, used) {
        annotations.insert(TRIGGER_TIME_ANNOTATION.to_owned(), t.0.to_string());
    }
    if truncated {
        annotations.insert(OVER_CAPACITY_ANNOTATION.to_owned(), "truncated".to_owned());
    }
    Endpoints {
        metadata: ObjectMeta {
            name: service.metadata.name.clone(),
            namespace: service.metadata.namespace.clone(),
            labels: Some(endpoints_labels(service)),
            annotations: Some(annotations),
            ..Default::default()
        },
        subsets: (!subsets.is_empty()).then_some(subsets),
    }
}

/// Whether `current` must be rewritten to match `desired` (the trigger time alone is no
/// reason: it only describes a change).
pub fn endpoints_differ(current: &Endpoints, desired: &Endpoints) -> bool {
    let subsets = |e: &Endpoints| e.subsets.clone().unwrap_or_default();
    let labels = |e: &Endpoints| e.metadata.labels.clone().unwrap_or_default();
    let over = |e: &Endpoints| e.metadata.annotations.as_ref().and_then(|a| a.get(OVER_CAPACITY_ANNOTATION)).cloned();
    subsets(current) != subsets(desired) || labels(current) != labels(desired) || over(current) != over(desired)
}

/// `desired` as a replacement for `current`: the current object's other metadata stays.
fn replacement(current: &Endpoints, desired: Endpoints) -> Endpoints {
    let mut out = current.clone();
    out.subsets = desired.subsets;
    out.metadata.labels = desired.metadata.labels;
    let annotations = out.metadata.annotations.get_or_insert_with(BTreeMap::new);
    annotations.remove(OVER_CAPACITY_ANNOTATION);
    annotations.extend(desired.metadata.annotations.unwrap_or_default());
    out
}

// ---- the pod index ----

/// Pods by key, with an index by namespace and by `(namespace, label, value)`.
#[derive(Default)]
pub struct PodIndex {
    pods: HashMap<String, Arc<PodView>>,
    by_namespace: HashMap<String, HashSet<String>>,
    by_label: HashMap<(String, String, String), HashSet<String>>,
}

impl PodIndex {
    pub fn insert(&mut self, key: String, pod: PodView) {
        self.remove(&key);
        self.by_namespace.entry(pod.namespace.clone()).or_default().insert(key.clone());
        for (k, v) in &pod.labels {
            self.by_label.entry((pod.namespace.clone(), k.clone(), v.clone())).or_default().insert(key.clone());
        }
        self.pods.insert(key, Arc::new(pod));
    }

    pub fn remove(&mut self, key: &str) -> Option<Arc<PodView>> {
        let pod = self.pods.remove(key)?;
        let drop_from = |set: Option<&mut HashSet<String>>| {
            set.map(|s| {
                s.remove(key);
                s.is_empty()
            })
            .unwrap_or(false)
        };
        if drop_from(self.by_namespace.get_mut(&pod.namespace)) {
            self.by_namespace.remove(&pod.namespace);
        }
        for (k, v) in &pod.labels {
            let ix = (pod.namespace.clone(), k.clone(), v.clone());
            if drop_from(self.by_label.get_mut(&ix)) {
                self.by_label.remove(&ix);
            }
        }
        Some(pod)
    }

    pub fn get(&self, key: &str) -> Option<&Arc<PodView>> {
        self.pods.get(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.pods.keys()
    }

    /// Pods in `namespace` whose labels include all of `selector`, sorted by name. Starts
    /// from the smallest label's index entry.
    pub fn select(&self, namespace: &str, selector: &BTreeMap<String, String>) -> Vec<&PodView> {
        let empty = HashSet::new();
        let candidates = if selector.is_empty() {
            self.by_namespace.get(namespace).unwrap_or(&empty)
        } else {
            selector
                .iter()
                .map(|(k, v)| self.by_label.get(&(namespace.to_owned(), k.clone(), v.clone())).unwrap_or(&empty))
                .min_by_key(|s| s.len())
                .unwrap_or(&empty)
        };
        let mut out: Vec<&PodView> = candidates
            .iter()
            .filter_map(|k| self.pods.get(k))
            .map(|p| p.as_ref())
            .filter(|p| selector.iter().all(|(k, v)| p.labels.get(k) == Some(v)))
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }
}

fn selects(selector: &BTreeMap<String, String>, labels: &BTreeMap<String, String>) -> bool {
    selector.iter().all(|(k, v)| labels.get(k) == Some(v))
}

// ---- wiring ----

enum Input {
    Service(Box<watcher::Event<Service>>),
    Pod(Box<watcher::Event<Pod>>),
    Endpoints(Box<watcher::Event<Endpoints>>),
    Slice(Box<watcher::Event<EndpointSlice>>),
    Done(Box<Outcome>),
}

/// What a sync's writes did, fed back into the mirrors so the next sync does not act on a
/// view older than its own writes.
struct Outcome {
    key: String,
    ok: bool,
    endpoints: Option<Endpoints>,
    endpoints_deleted: bool,
    slices: Vec<EndpointSlice>,
    slices_deleted: Vec<String>,
}

pub(crate) fn spawn(client: kube::Client, config: &SystemConfig) -> Vec<JoinHandle<()>> {
    let (tx, rx) = mpsc::channel(4096);
    let slices_config = watcher::Config::default().labels(&format!("{MANAGED_BY_LABEL}={}", endpointslice::MANAGED_BY));
    vec![
        system::forward(
            "services",
            watcher(Api::<Service>::all(client.clone()), watcher::Config::default()),
            tx.clone(),
            |e| Input::Service(Box::new(e)),
        ),
        system::forward(
            "pods",
            watcher(Api::<Pod>::all(client.clone()), watcher::Config::default()),
            tx.clone(),
            |e| Input::Pod(Box::new(e)),
        ),
        system::forward(
            "endpoints",
            watcher(Api::<Endpoints>::all(client.clone()), watcher::Config::default()),
            tx.clone(),
            |e| Input::Endpoints(Box::new(e)),
        ),
        system::forward(
            "endpointslices",
            watcher(Api::<EndpointSlice>::all(client.clone()), slices_config),
            tx.clone(),
            |e| Input::Slice(Box::new(e)),
        ),
        tokio::spawn(
            Runner {
                client,
                tx,
                batch: config.endpoint_updates_batch_period,
                max_per_slice: config.max_endpoints_per_slice.max(1),
                services: system::mirror(),
                pods: PodIndex::default(),
                pods_listing: None,
                pods_synced: false,
                endpoints: system::mirror(),
                slices: system::mirror(),
                slices_by_service: HashMap::new(),
                queue: WorkQueue::default(),
            }
            .run(rx),
        ),
    ]
}

struct Runner {
    client: kube::Client,
    tx: mpsc::Sender<Input>,
    batch: Duration,
    max_per_slice: usize,
    services: Mirror<Service>,
    pods: PodIndex,
    pods_listing: Option<HashMap<String, PodView>>,
    pods_synced: bool,
    endpoints: Mirror<Endpoints>,
    slices: Mirror<EndpointSlice>,
    /// `namespace/service` → slice keys.
    slices_by_service: HashMap<String, HashSet<String>>,
    queue: WorkQueue<String>,
}

fn slice_service_key(slice: &EndpointSlice) -> Option<String> {
    let ns = slice.metadata.namespace.as_deref()?;
    let svc = slice.metadata.labels.as_ref()?.get(SERVICE_NAME_LABEL)?;
    Some(format!("{ns}/{svc}"))
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
            if self.services.synced() && self.pods_synced && self.endpoints.synced() && self.slices.synced() {
                self.sync_due(Instant::now());
            }
        }
    }

    fn apply(&mut self, msg: Input, now: Instant) {
        let later = now + self.batch;
        match msg {
            Input::Service(ev) => {
                for c in self.services.apply(*ev) {
                    // A new or changed service is written at once; pod churn is batched.
                    self.queue.add(c.key, now);
                }
            }
            Input::Pod(ev) => self.apply_pod(*ev, later),
            Input::Endpoints(ev) => {
                for c in self.endpoints.apply(*ev) {
                    // Someone else changed or deleted an Endpoints object of a managed service.
                    let rewritten = c.new.as_ref().is_none_or(|n| {
                        n.metadata.resource_version != c.old.as_ref().and_then(|o| o.metadata.resource_version.clone())
                    });
                    if rewritten && self.services.get(&c.key).is_some_and(|s| managed_selector(s).is_some()) {
                        self.queue.add(c.key, later);
                    }
                }
            }
            Input::Slice(ev) => {
                for c in self.slices.apply(*ev) {
                    self.index_slice(&c.key, c.old.as_deref(), c.new.as_deref());
                    if let Some(svc) = c.new.as_deref().or(c.old.as_deref()).and_then(slice_service_key) {
                        self.queue.add(svc, later);
                    }
                }
            }
            Input::Done(outcome) => self.finish(*outcome, now),
        }
    }

    fn index_slice(&mut self, key: &str, old: Option<&EndpointSlice>, new: Option<&EndpointSlice>) {
        if let Some(svc) = old.and_then(slice_service_key)
            && let Some(set) = self.slices_by_service.get_mut(&svc)
        {
            set.remove(key);
            if set.is_empty() {
                self.slices_by_service.remove(&svc);
            }
        }
        if let Some(svc) = new.and_then(slice_service_key) {
            self.slices_by_service.entry(svc).or_default().insert(key.to_owned());
        }
    }

    fn apply_pod(&mut self, ev: watcher::Event<Pod>, at: Instant) {
        match ev {
            watcher::Event::Init => self.pods_listing = Some(HashMap::new()),
            watcher::Event::InitApply(pod) => {
                let key = system::object_key(&pod);
                match &mut self.pods_listing {
                    Some(l) => {
                        l.insert(key, PodView::new(&pod));
                    }
                    None => self.pod_changed(key, Some(PodView::new(&pod)), at),
                }
            }
            watcher::Event::InitDone => {
                self.pods_synced = true;
                let Some(listed) = self.pods_listing.take() else { return };
                let gone: Vec<String> = self.pods.keys().filter(|k| !listed.contains_key(*k)).cloned().collect();
                for key in gone {
                    self.pod_changed(key, None, at);
                }
                for (key, view) in listed {
                    self.pod_changed(key, Some(view), at);
                }
            }
            watcher::Event::Apply(pod) => self.pod_changed(system::object_key(&pod), Some(PodView::new(&pod)), at),
            watcher::Event::Delete(pod) => self.pod_changed(system::object_key(&pod), None, at),
        }
    }

    /// Records a pod's new view and queues the services that select it now or did before.
    fn pod_changed(&mut self, key: String, new: Option<PodView>, at: Instant) {
        let old = self.pods.get(&key).cloned();
        if old.as_deref() == new.as_ref() {
            return;
        }
        let namespace = new.as_ref().map(|p| p.namespace.clone()).or_else(|| old.as_ref().map(|p| p.namespace.clone()));
        let Some(namespace) = namespace else { return };
        let mut affected = Vec::new();
        for (svc_key, svc) in self.services.iter() {
            if svc.metadata.namespace.as_deref() != Some(namespace.as_str()) {
                continue;
            }
            let Some(selector) = managed_selector(svc) else { continue };
            let before = old.as_ref().is_some_and(|p| selects(selector, &p.labels));
            let after = new.as_ref().is_some_and(|p| selects(selector, &p.labels));
            if before || after {
                affected.push(svc_key.clone());
            }
        }
        match new {
            Some(p) => self.pods.insert(key, p),
            None => {
                self.pods.remove(&key);
            }
        }
        for svc in affected {
            self.queue.add_at(svc, at);
        }
    }

    fn finish(&mut self, o: Outcome, now: Instant) {
        if let Some(ep) = o.endpoints {
            self.endpoints.apply(watcher::Event::Apply(ep));
        }
        if o.endpoints_deleted
            && let Some(ep) = self.endpoints.get(&o.key).map(|e| e.as_ref().clone())
        {
            self.endpoints.apply(watcher::Event::Delete(ep));
        }
        for slice in o.slices {
            for c in self.slices.apply(watcher::Event::Apply(slice)) {
                self.index_slice(&c.key, c.old.as_deref(), c.new.as_deref());
            }
        }
        let ns = o.key.split_once('/').map(|(ns, _)| ns.to_owned()).unwrap_or_default();
        for name in o.slices_deleted {
            let key = format!("{ns}/{name}");
            if let Some(slice) = self.slices.get(&key).map(|s| s.as_ref().clone()) {
                for c in self.slices.apply(watcher::Event::Delete(slice)) {
                    self.index_slice(&c.key, c.old.as_deref(), c.new.as_deref());
                }
            }
        }
        if o.ok {
            self.queue.done(&o.key);
        } else {
            self.queue.failed(&o.key, now);
        }
    }

    fn sync_due(&mut self, now: Instant) {
        while let Some(key) = self.queue.pop(now) {
            let work = self.plan(&key);
            let (client, tx) = (self.client.clone(), self.tx.clone());
            tokio::spawn(async move {
                let outcome = work.execute(&client, key).await;
                let _ = tx.send(Input::Done(Box::new(outcome))).await;
            });
        }
    }

    fn plan(&self, key: &str) -> Work {
        let (namespace, name) = key.split_once('/').unwrap_or(("", key));
        let current_endpoints = self.endpoints.get(key).map(|e| e.as_ref().clone());
        let current_slices: Vec<EndpointSlice> = self
            .slices_by_service
            .get(key)
            .into_iter()
            .flatten()
            .filter_map(|k| self.slices.get(k).map(|s| s.as_ref().clone()))
            .collect();
        let service = self.services.get(key);
        let Some((service, selector)) = service.and_then(|s| Some((s, managed_selector(s)?))) else {
            // Gone: its Endpoints go (kube's controller deletes them), and so do our slices.
            // A service that exists without a selector keeps whatever Endpoints it was given.
            let delete_endpoints = service.is_none() && current_endpoints.is_some();
            return Work {
                namespace: namespace.to_owned(),
                name: name.to_owned(),
                endpoints: delete_endpoints.then_some(EndpointsWrite::Delete),
                slices: SlicePlan {
                    delete: current_slices.iter().filter_map(|s| s.metadata.name.clone()).collect(),
                    ..Default::default()
                },
            };
        };
        let pods = self.pods.select(namespace, selector);
        let desired = endpoints_for(service, &pods);
        let endpoints = match current_endpoints {
            None => Some(EndpointsWrite::Create(desired)),
            Some(cur) if endpoints_differ(&cur, &desired) => Some(EndpointsWrite::Replace(replacement(&cur, desired))),
            Some(_) => None,
        };
        let slices = endpointslice::reconcile(service, &pods, &current_slices, self.max_per_slice);
        Work { namespace: namespace.to_owned(), name: name.to_owned(), endpoints, slices }
    }
}

enum EndpointsWrite {
    Create(Endpoints),
    Replace(Endpoints),
    Delete,
}

/// The writes of one service's sync.
struct Work {
    namespace: String,
    name: String,
    endpoints: Option<EndpointsWrite>,
    slices: SlicePlan,
}

impl Work {
    async fn execute(self, client: &kube::Client, key: String) -> Outcome {
        let mut out = Outcome {
            key,
            ok: true,
            endpoints: None,
            endpoints_deleted: false,
            slices: vec![],
            slices_deleted: vec![],
        };
        let pp = PostParams::default();
        let eps: Api<Endpoints> = Api::namespaced(client.clone(), &self.namespace);
        let result = match self.endpoints {
            None => Ok(()),
            Some(EndpointsWrite::Create(e)) => eps.create(&pp, &e).await.map(|e| out.endpoints = Some(e)),
            Some(EndpointsWrite::Replace(e)) => eps.replace(&self.name, &pp, &e).await.map(|e| out.endpoints = Some(e)),
            Some(EndpointsWrite::Delete) => match eps.delete(&self.name, &DeleteParams::default()).await {
                Ok(_) => {
                    out.endpoints_deleted = true;
                    Ok(())
                }
                Err(e) if system::is_status(&e, 404) => {
                    out.endpoints_deleted = true;
                    Ok(())
                }
                Err(e) => Err(e),
            },
        };
        if let Err(e) = result {
            out.ok = outcome_ok(&e);
            tracing::debug!(service = %out.key, error = %e, "could not write Endpoints");
        }
        let slices: Api<EndpointSlice> = Api::namespaced(client.clone(), &self.namespace);
        for s in self.slices.create {
            match slices.create(&pp, &s).await {
                Ok(s) => out.slices.push(s),
                Err(e) => {
                    out.ok &= outcome_ok(&e);
                    tracing::debug!(service = %out.key, error = %e, "could not create an EndpointSlice");
                }
            }
        }
        for s in self.slices.update {
            let name = s.metadata.name.clone().unwrap_or_default();
            match slices.replace(&name, &pp, &s).await {
                Ok(s) => out.slices.push(s),
                Err(e) => {
                    out.ok = false;
                    tracing::debug!(service = %out.key, error = %e, "could not update an EndpointSlice");
                }
            }
        }
        for name in self.slices.delete {
            match slices.delete(&name, &DeleteParams::default()).await {
                Ok(_) => out.slices_deleted.push(name),
                Err(e) if system::is_status(&e, 404) => out.slices_deleted.push(name),
                Err(e) => {
                    out.ok = false;
                    tracing::debug!(service = %out.key, error = %e, "could not delete an EndpointSlice");
                }
            }
        }
        out
    }
}

/// Whether a failed write needs no retry: the namespace is going away (403) or the object
/// vanished (404).
fn outcome_ok(e: &kube::Error) -> bool {
    system::is_status(e, 403) || system::is_status(e, 404)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::json;

    pub(crate) fn service(extra: serde_json::Value) -> Service {
        let mut v = json!({
            "metadata": {"name": "web", "namespace": "default", "labels": {"team": "a"},
                         "creationTimestamp": "2025-01-01T00:00:00Z"},
            "spec": {"selector": {"app": "web"}, "clusterIP": "10.96.0.20",
                     "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"},
                               {"name": "metrics", "port": 9090, "targetPort": 9090, "protocol": "TCP"}]},
        });
        merge(&mut v, extra);
        serde_json::from_value(v).expect("service")
    }

    pub(crate) fn pod(name: &str, ip: Option<&str>, ready: bool, extra: serde_json::Value) -> PodView {
        let mut v = json!({
            "metadata": {"name": name, "namespace": "default", "uid": format!("uid-{name}"), "labels": {"app": "web"},
                         "creationTimestamp": "2025-01-01T00:00:00Z"},
            "spec": {"nodeName": "node-1", "containers": [{"name": "c", "image": "nginx",
                     "ports": [{"name": "http", "containerPort": 8080}]}]},
            "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" },
                       "lastTransitionTime": "2025-01-01T00:01:00Z"}]},
        });
        if let Some(ip) = ip {
            v["status"]["podIP"] = json!(ip);
        }
        merge(&mut v, extra);
        PodView::new(&serde_json::from_value(v).expect("pod"))
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

    fn ips(addrs: &Option<Vec<EndpointAddress>>) -> Vec<&str> {
        addrs.iter().flatten().map(|a| a.ip.as_str()).collect()
    }

    #[test]
    fn endpoints_for_splits_ready_and_not_ready_with_resolved_ports() {
        let svc = service(json!({}));
        let a = pod("a", Some("10.244.0.2"), true, json!({}));
        let b = pod("b", Some("10.244.0.3"), false, json!({}));
        let pending = pod("c", None, false, json!({}));
        let ep = endpoints_for(&svc, &[&a, &b, &pending]);
        let subsets = ep.subsets.expect("one subset");
        assert_eq!(subsets.len(), 1);
        assert_eq!(ips(&subsets[0].addresses), vec!["10.244.0.2"]);
        assert_eq!(ips(&subsets[0].not_ready_addresses), vec!["10.244.0.3"]);
        let ports: Vec<(Option<&str>, i32)> =
            subsets[0].ports.iter().flatten().map(|p| (p.name.as_deref(), p.port)).collect();
        assert_eq!(ports, vec![(Some("http"), 8080), (Some("metrics"), 9090)]);
        let address = &subsets[0].addresses.as_ref().expect("ready")[0];
        assert_eq!(address.node_name.as_deref(), Some("node-1"));
        assert_eq!(address.target_ref.as_ref().and_then(|r| r.name.as_deref()), Some("a"));
        let annotations = ep.metadata.annotations.expect("annotations");
        assert_eq!(annotations.get(TRIGGER_TIME_ANNOTATION).map(String::as_str), Some("2025-01-01T00:01:00Z"));
        assert_eq!(ep.metadata.labels.expect("labels").get("team").map(String::as_str), Some("a"));
    }

    #[test]
    fn endpoints_for_pods_with_different_ports_makes_subsets() {
        let svc = service(json!({}));
        let a = pod("a", Some("10.244.0.2"), true, json!({}));
        let other = pod(
            "b",
            Some("10.244.0.3"),
            true,
            json!({"spec": {"containers": [{"name": "c", "image": "x", "ports": [{"name": "http", "containerPort": 3000}]}]}}),
        );
        let no_named_port =
            pod("c", Some("10.244.0.4"), true, json!({"spec": {"containers": [{"name": "c", "image": "x"}]}}));
        let subsets = endpoints_for(&svc, &[&a, &other, &no_named_port]).subsets.expect("subsets");
        assert_eq!(subsets.len(), 3, "{subsets:?}");
        let only_metrics = subsets.iter().find(|s| s.ports.as_ref().is_some_and(|p| p.len() == 1)).expect("one port");
        assert_eq!(ips(&only_metrics.addresses), vec!["10.244.0.4"]);
    }

    #[test]
    fn endpoints_for_terminating_pods_are_left_out_unless_published() {
        let svc = service(json!({}));
        let gone =
            pod("a", Some("10.244.0.2"), true, json!({"metadata": {"deletionTimestamp": "2025-01-01T00:02:00Z"}}));
        assert!(endpoints_for(&svc, &[&gone]).subsets.is_none());
        let publish = service(json!({"spec": {"publishNotReadyAddresses": true}}));
        let not_ready = pod("b", Some("10.244.0.3"), false, json!({}));
        let subsets = endpoints_for(&publish, &[&gone, &not_ready]).subsets.expect("subsets");
        assert_eq!(ips(&subsets[0].addresses), vec!["10.244.0.2", "10.244.0.3"]);
    }

    #[test]
    fn endpoints_for_headless_service_without_ports_lists_addresses_and_hostnames() {
        let svc = service(json!({"spec": {"clusterIP": "None", "ports": null}}));
        let a = pod("a", Some("10.244.0.2"), true, json!({"spec": {"hostname": "a", "subdomain": "web"}}));
        let ep = endpoints_for(&svc, &[&a]);
        assert_eq!(ep.metadata.labels.as_ref().and_then(|l| l.get(HEADLESS_LABEL)).map(String::as_str), Some(""));
        let subsets = ep.subsets.expect("subsets");
        assert!(subsets[0].ports.is_none());
        assert_eq!(subsets[0].addresses.as_ref().expect("ready")[0].hostname.as_deref(), Some("a"));
    }

    #[test]
    fn endpoints_differ_ignores_trigger_time_only() {
        let svc = service(json!({}));
        let a = pod("a", Some("10.244.0.2"), true, json!({}));
        let first = endpoints_for(&svc, &[&a]);
        let mut later = first.clone();
        later.metadata.annotations =
            Some(BTreeMap::from([(TRIGGER_TIME_ANNOTATION.into(), "2030-01-01T00:00:00Z".into())]));
        assert!(!endpoints_differ(&first, &later));
        let b = pod("b", Some("10.244.0.3"), true, json!({}));
        assert!(endpoints_differ(&first, &endpoints_for(&svc, &[&a, &b])));
    }

    #[test]
    fn pod_index_select_uses_labels_and_namespace() {
        let mut ix = PodIndex::default();
        ix.insert("default/a".into(), pod("a", Some("1.1.1.1"), true, json!({})));
        ix.insert("default/b".into(), pod("b", Some("1.1.1.2"), true, json!({"metadata": {"labels": {"app": "db"}}})));
        ix.insert("other/c".into(), pod("c", Some("1.1.1.3"), true, json!({"metadata": {"namespace": "other"}})));
        let sel = BTreeMap::from([("app".to_string(), "web".to_string())]);
        let names: Vec<&str> = ix.select("default", &sel).iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, vec!["a"]);
        assert_eq!(ix.select("default", &BTreeMap::new()).len(), 2, "an empty selector takes the namespace");
        ix.remove("default/a");
        assert!(ix.select("default", &sel).is_empty());
    }

    #[test]
    fn pod_view_finished_pod_with_never_restart_is_not_eligible() {
        let done = pod(
            "a",
            Some("1.1.1.1"),
            false,
            json!({"spec": {"restartPolicy": "Never"}, "status": {"phase": "Succeeded"}}),
        );
        assert!(!done.eligible(true));
        let running = pod("b", Some("1.1.1.1"), false, json!({"spec": {"restartPolicy": "Never"}}));
        assert!(running.eligible(false));
    }
}
