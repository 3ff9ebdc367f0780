//! The ReplicaSet controller (kubernetes `pkg/controller/replicaset`): keeps `spec.replicas`
//! active pods that match the selector, creating them from the template in slow-start batches
//! and deleting the least valuable ones first, and reports replica counts in status.

use std::cmp::Ordering;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use k8s_openapi::api::apps::v1::{ReplicaSet, ReplicaSetCondition, ReplicaSetStatus};
use k8s_openapi::api::core::v1::Pod;
use kube::api::{DeleteParams, PostParams};
use kube::{Api, Client, ResourceExt};

use super::runtime::{Change, Expectations, Informer, Key, Queue, owner_key, run_workers};
use super::util::{self, EventSink, PodName};
use super::{ControllerError, Informers, refs};

/// The most pods one sync creates or deletes (kube's `BurstReplicas`).
pub const BURST_REPLICAS: usize = 500;

/// What a sync should do to reach the desired count.
#[derive(Debug, PartialEq)]
pub enum Diff {
    None,
    Create(usize),
    /// Delete these pods (best candidates first).
    Delete(Vec<Key>),
}

/// Pods to create or delete for `desired` replicas given the active pods (`manageReplicas`).
pub fn replicas_diff(desired: i32, active: &[Arc<Pod>], now: Timestamp) -> Diff {
    let desired = desired.max(0) as usize;
    match active.len().cmp(&desired) {
        Ordering::Equal => Diff::None,
        Ordering::Less => Diff::Create((desired - active.len()).min(BURST_REPLICAS)),
        Ordering::Greater => {
            let n = (active.len() - desired).min(BURST_REPLICAS);
            Diff::Delete(pods_to_delete(active, n, now).into_iter().map(|p| Key::of(p.as_ref())).collect())
        }
    }
}

/// The `n` pods to delete first: the ones whose loss hurts least (kube's `ActivePods` order:
/// unscheduled before scheduled, pending before unknown before running, not ready before
/// ready, ready for less time first, more restarts first, newer first).
pub fn pods_to_delete(pods: &[Arc<Pod>], n: usize, now: Timestamp) -> Vec<Arc<Pod>> {
    let mut sorted: Vec<Arc<Pod>> = pods.to_vec();
    sorted.sort_by(|a, b| deletion_order(a, b, now));
    sorted.truncate(n);
    sorted
}

fn deletion_order(a: &Pod, b: &Pod, _now: Timestamp) -> Ordering {
    let scheduled = |p: &Pod| p.spec.as_ref().and_then(|s| s.node_name.as_deref()).is_some_and(|n| !n.is_empty());
    let phase_rank = |p: &Pod| match util::phase(p) {
        "Pending" | "" => 0,
        "Unknown" => 1,
        _ => 2,
    };
    let restarts = |p: &Pod| -> i32 {
        p.status
            .as_ref()
            .and_then(|s| s.container_statuses.as_ref())
            .map(|cs| cs.iter().map(|c| c.restart_count).max().unwrap_or(0))
            .unwrap_or(0)
    };
    let created = |p: &Pod| p.metadata.creation_timestamp.as_ref().map(|t| t.0);
    scheduled(a)
        .cmp(&scheduled(b))
        .then_with(|| phase_rank(a).cmp(&phase_rank(b)))
        .then_with(|| util::is_ready(a).cmp(&util::is_ready(b)))
        // Ready more recently first (a later transition sorts first).
        .then_with(|| util::ready_since(b).cmp(&util::ready_since(a)))
        .then_with(|| restarts(b).cmp(&restarts(a)))
        // Newer first.
        .then_with(|| created(b).cmp(&created(a)))
}

/// The status a ReplicaSet should report for its pods (`calculateStatus`), and when to look
/// again because a ready pod will become available.
pub fn calculate_status(
    rs: &ReplicaSet,
    active: &[Arc<Pod>],
    manage_error: Option<(&str, String)>,
    now: Timestamp,
) -> (ReplicaSetStatus, Option<Duration>) {
    let spec = rs.spec.as_ref();
    let min_ready = spec.and_then(|s| s.min_ready_seconds).unwrap_or(0);
    let template_labels =
        spec.and_then(|s| s.template.as_ref()).and_then(|t| t.metadata.as_ref()).and_then(|m| m.labels.clone());
    let mut fully_labeled = 0;
    let mut ready = 0;
    let mut available = 0;
    let mut requeue: Option<Duration> = None;
    for p in active {
        let labels = p.labels();
        if template_labels.as_ref().is_none_or(|tl| tl.iter().all(|(k, v)| labels.get(k) == Some(v))) {
            fully_labeled += 1;
        }
        if util::is_ready(p) {
            ready += 1;
            if util::is_available(p, min_ready, now) {
                available += 1;
            } else if let Some(d) = util::until_available(p, min_ready, now) {
                requeue = Some(requeue.map_or(d, |r| r.min(d)));
            }
        }
    }
    let old = rs.status.clone().unwrap_or_default();
    let mut conditions = old.conditions.clone().unwrap_or_default();
    match manage_error {
        Some((reason, message)) => {
            if !conditions.iter().any(|c| c.type_ == "ReplicaFailure") {
                conditions.push(ReplicaSetCondition {
                    type_: "ReplicaFailure".into(),
                    status: "True".into(),
                    reason: Some(reason.into()),
                    message: Some(message),
                    last_transition_time: Some(util::time(now)),
                });
            }
        }
        None => conditions.retain(|c| c.type_ != "ReplicaFailure"),
    }
    let n = |v: i32| v;
    let status = ReplicaSetStatus {
        replicas: active.len() as i32,
        fully_labeled_replicas: Some(n(fully_labeled)),
        ready_replicas: Some(n(ready)),
        available_replicas: Some(n(available)),
        observed_generation: rs.metadata.generation,
        conditions: if conditions.is_empty() { None } else { Some(conditions) },
        terminating_replicas: old.terminating_replicas,
    };
    // A pod that is available "in the future" needs a later look (plus a second of slack).
    (status, requeue.map(|d| d + Duration::from_secs(1)))
}

#[derive(Clone)]
pub struct ReplicaSetController {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    pods: Arc<Informer<Pod>>,
    rss: Arc<Informer<ReplicaSet>>,
    queue: Arc<Queue>,
    expectations: Expectations,
    events: EventSink,
}

impl ReplicaSetController {
    pub fn new(client: Client, informers: &Informers, events: &EventSink) -> ReplicaSetController {
        let inner = Arc::new(Inner {
            client: client.clone(),
            pods: informers.pods.clone(),
            rss: informers.replica_sets.clone(),
            queue: Queue::new(),
            expectations: Expectations::default(),
            events: events.for_controller("replicaset-controller"),
        });
        let weak = Arc::downgrade(&inner);
        informers.replica_sets.on_change(move |c| {
            let Some(me) = weak.upgrade() else { return };
            match c {
                Change::Added(rs) => me.queue.add(Key::of(rs.as_ref())),
                Change::Updated { old, new } => {
                    if old.metadata.resource_version != new.metadata.resource_version {
                        me.queue.add(Key::of(new.as_ref()));
                    }
                }
                Change::Deleted(rs) => {
                    me.expectations.forget(&Key::of(rs.as_ref()));
                    me.queue.add(Key::of(rs.as_ref()));
                }
            }
        });
        let weak = Arc::downgrade(&inner);
        informers.pods.on_change(move |c| {
            if let Some(me) = weak.upgrade() {
                me.pod_changed(c);
            }
        });
        ReplicaSetController { inner }
    }

    pub fn queue(&self) -> Arc<Queue> {
        self.inner.queue.clone()
    }

    pub fn run(&self, workers: usize) -> Vec<tokio::task::JoinHandle<()>> {
        let inner = self.inner.clone();
        run_workers("replicaset", self.inner.queue.clone(), workers, move |key| {
            let inner = inner.clone();
            async move { inner.sync(&key).await }
        })
    }
}

impl Inner {
    /// The ReplicaSet that controls `pod`, if it is one we know.
    fn owner_of(&self, pod: &Pod) -> Option<Key> {
        let (key, uid) = owner_key(pod, "ReplicaSet")?;
        let rs = self.rss.cache().get(&key)?;
        (rs.metadata.uid.as_deref() == Some(uid.as_str())).then_some(key)
    }

    /// ReplicaSets whose selector matches an orphan pod: candidates to adopt it.
    fn enqueue_matching(&self, pod: &Pod) {
        let ns = pod.namespace().unwrap_or_default();
        for rs in self.rss.cache().list_namespace(&ns) {
            let sel = util::selector(rs.spec.as_ref().map(|s| &s.selector));
            if sel.is_ok_and(|s| util::matches(&s, pod)) {
                self.queue.add(Key::of(rs.as_ref()));
            }
        }
    }

    fn pod_changed(&self, c: &Change<'_, Pod>) {
        match c {
            Change::Added(pod) => {
                if let Some(rs) = self.owner_of(pod) {
                    if util::is_terminating(pod.as_ref()) {
                        self.expectations.deletion_observed(&rs, &Key::of(pod.as_ref()));
                    } else {
                        self.expectations.creation_observed(&rs);
                    }
                    self.queue.add(rs);
                } else if util::get_controller_of(pod.as_ref()).is_none() {
                    self.enqueue_matching(pod);
                }
            }
            Change::Updated { old, new } => {
                if old.metadata.resource_version == new.metadata.resource_version {
                    return;
                }
                let new_owner = self.owner_of(new);
                if util::is_terminating(new.as_ref())
                    && let Some(rs) = &new_owner
                {
                    self.expectations.deletion_observed(rs, &Key::of(new.as_ref()));
                }
                let old_owner = self.owner_of(old);
                if old_owner != new_owner
                    && let Some(rs) = old_owner
                {
                    self.queue.add(rs);
                }
                let orphan = util::get_controller_of(new.as_ref()).is_none();
                let relabelled = old.metadata.labels != new.metadata.labels;
                match new_owner {
                    Some(rs) => self.queue.add(rs),
                    // An orphan that changed labels or was just released may have a new owner.
                    None if orphan && (relabelled || util::get_controller_of(old.as_ref()).is_some()) => {
                        self.enqueue_matching(new)
                    }
                    None => {}
                }
            }
            Change::Deleted(pod) => {
                if let Some(rs) = self.owner_of(pod) {
                    self.expectations.deletion_observed(&rs, &Key::of(pod.as_ref()));
                    self.queue.add(rs);
                }
            }
        }
    }

    async fn sync(&self, key: &Key) -> Result<Option<Duration>, ControllerError> {
        let Some(rs) = self.rss.cache().get(key) else {
            self.expectations.forget(key);
            return Ok(None);
        };
        let selector = util::selector(rs.spec.as_ref().map(|s| &s.selector))?;
        let needs_sync = self.expectations.satisfied(key);
        let pod_api: Api<Pod> = Api::namespaced(self.client.clone(), &key.namespace);
        let uid = rs.metadata.uid.clone().unwrap_or_default();
        let owned = self.pods.cache().controlled_by(&uid);
        let orphans = if needs_sync { self.pods.cache().orphans(&key.namespace) } else { Vec::new() };
        let pods = refs::claim(rs.as_ref(), &pod_api, owned, orphans, &selector).await?;
        let active: Vec<Arc<Pod>> = pods.into_iter().filter(|p| util::is_active(p)).collect();

        let mut manage_error = None;
        let mut result = Ok(());
        if needs_sync && !util::is_terminating(rs.as_ref()) {
            let desired = rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
            if let Err(e) = self.manage_replicas(key, &rs, &pod_api, &active, desired).await {
                manage_error = Some(e.0);
                result = Err(e.1);
            }
        }
        let now = util::now();
        let (status, requeue) =
            calculate_status(&rs, &active, manage_error.as_ref().map(|(r, m)| (*r, m.clone())), now);
        if rs.status.as_ref() != Some(&status) {
            self.write_status(key, &rs, status).await?;
        }
        result.map(|_| requeue)
    }

    async fn manage_replicas(
        &self,
        key: &Key,
        rs: &ReplicaSet,
        api: &Api<Pod>,
        active: &[Arc<Pod>],
        desired: i32,
    ) -> Result<(), ((&'static str, String), ControllerError)> {
        match replicas_diff(desired, active, util::now()) {
            Diff::None => Ok(()),
            Diff::Create(n) => {
                self.expectations.expect(key, n as i64, []);
                let template = rs.spec.as_ref().and_then(|s| s.template.clone()).unwrap_or_default();
                let owner = util::controller_ref(rs);
                let name = rs.name_any();
                let created = slow_start_batch(n, |_| {
                    let pod = util::pod_from_template(&template, owner.clone(), PodName::Generate(&name));
                    let api = api.clone();
                    async move { api.create(&PostParams::default(), &pod).await.map(|p| p.name_any()) }
                })
                .await;
                for pod_name in &created.done {
                    self.events.normal(rs, "SuccessfulCreate", "Create", format!("Created pod: {pod_name}"));
                }
                // Creates that failed or were skipped will never be observed.
                self.expectations.lower_adds(key, (n - created.done.len()) as i64);
                match created.error {
                    None => Ok(()),
                    Some(e) => {
                        let msg = format!("Error creating: {}", error_message(&e));
                        self.events.warning(rs, "FailedCreate", "Create", msg.clone());
                        Err((("FailedCreate", msg), e.into()))
                    }
                }
            }
            Diff::Delete(victims) => {
                self.expectations.expect(key, 0, victims.iter().cloned());
                let results = futures::future::join_all(victims.iter().map(|v| {
                    let api = api.clone();
                    async move { (v, api.delete(&v.name, &DeleteParams::default()).await) }
                }))
                .await;
                let mut first_error = None;
                for (victim, r) in results {
                    match r {
                        Ok(_) => self.events.normal(
                            rs,
                            "SuccessfulDelete",
                            "Delete",
                            format!("Deleted pod: {}", victim.name),
                        ),
                        Err(kube::Error::Api(s)) if s.code == 404 => self.expectations.deletion_observed(key, victim),
                        Err(e) => {
                            self.expectations.deletion_observed(key, victim);
                            let msg = format!("Error deleting: {}", error_message(&e));
                            self.events.warning(rs, "FailedDelete", "Delete", msg.clone());
                            first_error.get_or_insert((("FailedDelete", msg), e.into()));
                        }
                    }
                }
                first_error.map_or(Ok(()), Err)
            }
        }
    }

    async fn write_status(&self, key: &Key, rs: &ReplicaSet, status: ReplicaSetStatus) -> Result<(), ControllerError> {
        let api: Api<ReplicaSet> = Api::namespaced(self.client.clone(), &key.namespace);
        let mut updated = rs.clone();
        // Only this controller writes the status, so it is written unconditionally rather than
        // failing on a spec change that raced with the sync (the next sync catches up).
        updated.metadata.resource_version = None;
        updated.status = Some(status);
        match api.replace_status(&key.name, &PostParams::default(), &updated).await {
            Ok(_) => Ok(()),
            Err(kube::Error::Api(s)) if s.code == 404 => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}

pub fn error_message(e: &kube::Error) -> String {
    match e {
        kube::Error::Api(s) => s.message.clone(),
        other => other.to_string(),
    }
}

/// What a slow-start batch achieved.
pub struct Batch<T> {
    pub done: Vec<T>,
    pub error: Option<kube::Error>,
}

/// Run `count` calls in batches of 1, 2, 4, … and stop at the first batch with a failure, so
/// a quota or admission error costs one call rather than hundreds (`slowStartBatch`).
pub async fn slow_start_batch<T, F, Fut>(count: usize, mut f: F) -> Batch<T>
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = Result<T, kube::Error>>,
{
    let mut done = Vec::with_capacity(count);
    let mut batch = 1usize;
    let mut started = 0usize;
    while started < count {
        let size = batch.min(count - started);
        let results = futures::future::join_all((started..started + size).map(&mut f)).await;
        started += size;
        let mut error = None;
        for r in results {
            match r {
                Ok(t) => done.push(t),
                Err(e) => {
                    error.get_or_insert(e);
                }
            }
        }
        if error.is_some() {
            return Batch { done, error };
        }
        batch *= 2;
    }
    Batch { done, error: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{PodCondition, PodSpec, PodStatus};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};

    fn pod(name: &str, node: Option<&str>, phase: &str, ready: bool) -> Arc<Pod> {
        Arc::new(Pod {
            metadata: ObjectMeta { name: Some(name.into()), namespace: Some("default".into()), ..Default::default() },
            spec: Some(PodSpec { node_name: node.map(str::to_string), ..Default::default() }),
            status: Some(PodStatus {
                phase: Some(phase.into()),
                conditions: Some(vec![PodCondition {
                    type_: "Ready".into(),
                    status: if ready { "True" } else { "False" }.into(),
                    last_transition_time: Some(Time(Timestamp::UNIX_EPOCH)),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
        })
    }

    #[test]
    fn replicas_diff_too_few_pods_creates_the_difference() {
        let pods = vec![pod("a", None, "Pending", false)];
        assert_eq!(replicas_diff(3, &pods, Timestamp::now()), Diff::Create(2));
        assert_eq!(replicas_diff(1, &pods, Timestamp::now()), Diff::None);
    }

    #[test]
    fn replicas_diff_creates_at_most_a_burst() {
        assert_eq!(replicas_diff(10_000, &[], Timestamp::now()), Diff::Create(BURST_REPLICAS));
    }

    #[test]
    fn replicas_diff_too_many_pods_deletes_unscheduled_and_unready_first() {
        let pods = vec![
            pod("running-ready", Some("n1"), "Running", true),
            pod("unscheduled", None, "Pending", false),
            pod("running-unready", Some("n1"), "Running", false),
        ];
        assert_eq!(
            replicas_diff(1, &pods, Timestamp::now()),
            Diff::Delete(vec![Key::new("default", "unscheduled"), Key::new("default", "running-unready")])
        );
    }

    #[test]
    fn calculate_status_counts_ready_and_available() {
        let mut rs = ReplicaSet::default();
        rs.metadata.generation = Some(3);
        let pods = vec![pod("a", Some("n"), "Running", true), pod("b", Some("n"), "Pending", false)];
        let (s, requeue) = calculate_status(&rs, &pods, None, Timestamp::now());
        assert_eq!((s.replicas, s.ready_replicas, s.available_replicas), (2, Some(1), Some(1)));
        assert_eq!(s.observed_generation, Some(3));
        assert!(requeue.is_none());
    }

    #[test]
    fn calculate_status_manage_error_sets_replica_failure() {
        let rs = ReplicaSet::default();
        let (s, _) = calculate_status(&rs, &[], Some(("FailedCreate", "quota".into())), Timestamp::now());
        let c = &s.conditions.expect("a condition")[0];
        assert_eq!((c.type_.as_str(), c.reason.as_deref()), ("ReplicaFailure", Some("FailedCreate")));
    }

    #[tokio::test]
    async fn slow_start_batch_stops_after_the_failing_batch() {
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let b = slow_start_batch(10, |i| {
            calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            async move { if i == 2 { Err(kube::Error::LinesCodecMaxLineLengthExceeded) } else { Ok(i) } }
        })
        .await;
        // Batches of 1 and 2 ran (indices 0, 1, 2); the failure stopped the rest.
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 3);
        assert_eq!(b.done, vec![0, 1]);
        assert!(b.error.is_some());
    }
}
