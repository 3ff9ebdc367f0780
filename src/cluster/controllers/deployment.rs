//! The Deployment controller (kubernetes `pkg/controller/deployment`): owns one ReplicaSet per
//! template version, rolls pods from old to new under maxSurge/maxUnavailable (or all at once
//! for Recreate), records revisions for `kubectl rollout`, and reports progress. The decisions
//! are in `logic`; this file reads the caches and performs the writes.

pub mod logic;

use std::sync::Arc;
use std::time::Duration;

use k8s_openapi::api::apps::v1::{Deployment, DeploymentStatus, ReplicaSet, ReplicaSetSpec};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::api::{DeleteParams, Patch, PatchParams, PostParams};
use kube::{Api, Client, ResourceExt};
use serde_json::json;

use super::runtime::{Change, Informer, Key, Queue, owner_key, run_workers};
use super::util::{self, EventSink, POD_TEMPLATE_HASH};
use super::{ControllerError, Informers, refs};
use logic::*;

#[derive(Clone)]
pub struct DeploymentController {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    deployments: Arc<Informer<Deployment>>,
    rss: Arc<Informer<ReplicaSet>>,
    pods: Arc<Informer<Pod>>,
    queue: Arc<Queue>,
    events: EventSink,
}

impl DeploymentController {
    pub fn new(client: Client, informers: &Informers, events: &EventSink) -> DeploymentController {
        let inner = Arc::new(Inner {
            client: client.clone(),
            deployments: informers.deployments.clone(),
            rss: informers.replica_sets.clone(),
            pods: informers.pods.clone(),
            queue: Queue::new(),
            events: events.for_controller("deployment-controller"),
        });
        let weak = Arc::downgrade(&inner);
        informers.deployments.on_change(move |c| {
            let Some(me) = weak.upgrade() else { return };
            let d = match c {
                Change::Added(d) | Change::Deleted(d) => d,
                Change::Updated { new, .. } => new,
            };
            me.queue.add(Key::of(d.as_ref()));
        });
        let weak = Arc::downgrade(&inner);
        informers.replica_sets.on_change(move |c| {
            let Some(me) = weak.upgrade() else { return };
            match c {
                Change::Added(rs) | Change::Deleted(rs) => me.enqueue_owner(rs),
                Change::Updated { old, new } => {
                    if old.metadata.resource_version == new.metadata.resource_version {
                        return;
                    }
                    if owner_key(old.as_ref(), "Deployment") != owner_key(new.as_ref(), "Deployment") {
                        me.enqueue_owner(old);
                    }
                    me.enqueue_owner(new);
                }
            }
        });
        // Recreate waits for old pods to be gone; their deletion is what lets it continue.
        let weak = Arc::downgrade(&inner);
        informers.pods.on_change(move |c| {
            let Some(me) = weak.upgrade() else { return };
            if let Change::Deleted(pod) = c
                && let Some((rs_key, _)) = owner_key(pod.as_ref(), "ReplicaSet")
                && let Some(rs) = me.rss.cache().get(&rs_key)
                && let Some((d_key, _)) = owner_key(rs.as_ref(), "Deployment")
                && me.deployments.cache().get(&d_key).is_some_and(|d| is_recreate(&d))
            {
                me.queue.add(d_key);
            }
        });
        DeploymentController { inner }
    }

    pub fn queue(&self) -> Arc<Queue> {
        self.inner.queue.clone()
    }

    pub fn run(&self, workers: usize) -> Vec<tokio::task::JoinHandle<()>> {
        let inner = self.inner.clone();
        run_workers("deployment", self.inner.queue.clone(), workers, move |key| {
            let inner = inner.clone();
            async move { inner.sync(&key).await }
        })
    }
}

/// A deployment's ReplicaSets during one sync, updated as the sync writes them.
struct Sets {
    all: Vec<ReplicaSet>,
    new: Option<usize>,
}

impl Sets {
    fn refs(&self) -> Vec<&ReplicaSet> {
        self.all.iter().collect()
    }
    fn new_rs(&self) -> Option<&ReplicaSet> {
        self.new.map(|i| &self.all[i])
    }
    fn old(&self) -> Vec<&ReplicaSet> {
        self.all.iter().enumerate().filter(|(i, _)| Some(*i) != self.new).map(|(_, r)| r).collect()
    }
}

impl Inner {
    fn enqueue_owner(&self, rs: &ReplicaSet) {
        if let Some((key, uid)) = owner_key(rs, "Deployment") {
            if self.deployments.cache().get(&key).is_some_and(|d| d.metadata.uid.as_deref() == Some(uid.as_str())) {
                self.queue.add(key);
            }
            return;
        }
        // An orphan: every deployment that could adopt it.
        let ns = rs.namespace().unwrap_or_default();
        for d in self.deployments.cache().list_namespace(&ns) {
            let sel = util::selector(d.spec.as_ref().map(|s| &s.selector));
            if sel.is_ok_and(|s| util::matches(&s, rs)) {
                self.queue.add(Key::of(d.as_ref()));
            }
        }
    }

    fn rs_api(&self, ns: &str) -> Api<ReplicaSet> {
        Api::namespaced(self.client.clone(), ns)
    }

    fn api(&self, ns: &str) -> Api<Deployment> {
        Api::namespaced(self.client.clone(), ns)
    }

    async fn sync(&self, key: &Key) -> Result<Option<Duration>, ControllerError> {
        let Some(cached) = self.deployments.cache().get(key) else { return Ok(None) };
        let mut d = (*cached).clone();
        let selector = util::selector(d.spec.as_ref().map(|s| &s.selector))?;
        if selector.is_empty() {
            self.events.warning(
                &d,
                "SelectingAll",
                "Sync",
                "This deployment is selecting all pods. A non-empty selector is required.".into(),
            );
            if d.status.as_ref().and_then(|s| s.observed_generation) != d.metadata.generation {
                let mut s = d.status.clone().unwrap_or_default();
                s.observed_generation = d.metadata.generation;
                self.write_status(&mut d, s).await?;
            }
            return Ok(None);
        }
        let uid = d.metadata.uid.clone().unwrap_or_default();
        let owned = self.rss.cache().controlled_by(&uid);
        let orphans = self.rss.cache().orphans(&key.namespace);
        let claimed = refs::claim(&d, &self.rs_api(&key.namespace), owned, orphans, &selector).await?;
        let mut all: Vec<ReplicaSet> = claimed.iter().map(|r| (**r).clone()).collect();
        sort_by_creation(&mut all);
        let mut sets = Sets { new: find_new(&d, &all), all };

        if util::is_terminating(&d) {
            self.sync_status(&mut d, &sets).await?;
            return Ok(None);
        }
        if let Some(c) = paused_condition(&d, util::now()) {
            let mut s = d.status.clone().unwrap_or_default();
            set_condition(&mut s, c);
            self.write_status(&mut d, s).await?;
        }
        if is_paused(&d) {
            return self.sync_scale(&mut d, &mut sets).await;
        }
        self.sync_revision(&mut d, &mut sets, false).await?;
        if is_scaling_event(&d, &sets.refs()) {
            return self.sync_scale(&mut d, &mut sets).await;
        }
        if is_recreate(&d) {
            self.rollout_recreate(&mut d, &mut sets).await
        } else {
            self.rollout_rolling(&mut d, &mut sets).await
        }
    }

    /// Bring the new ReplicaSet's annotations up to date, creating it if asked and it does not
    /// exist, and record its revision on the deployment (`getAllReplicaSetsAndSyncRevision`).
    async fn sync_revision(&self, d: &mut Deployment, sets: &mut Sets, create: bool) -> Result<(), ControllerError> {
        let new_revision = max_revision(sets.old()) + 1;
        let ns = d.namespace().unwrap_or_default();
        let now = util::now();
        if let Some(i) = sets.new {
            let mut rs = sets.all[i].clone();
            let changed = set_new_rs_annotations(d, &mut rs, new_revision, true);
            let min_ready = min_ready_seconds(d);
            let min_ready_changed = rs.spec.as_ref().and_then(|s| s.min_ready_seconds).unwrap_or(0) != min_ready;
            if changed || min_ready_changed {
                let patch = json!({
                    "metadata": {"annotations": rs.metadata.annotations},
                    "spec": {"minReadySeconds": min_ready},
                });
                sets.all[i] =
                    self.rs_api(&ns).patch(&rs.name_any(), &PatchParams::default(), &Patch::Merge(&patch)).await?;
                return Ok(());
            }
            let rev = rs.metadata.annotations.as_ref().and_then(|a| a.get(REVISION)).cloned().unwrap_or_default();
            self.set_deployment_revision(d, &rev).await?;
            if progress_deadline(d).is_some() && d.status.as_ref().and_then(|s| condition(s, "Progressing")).is_none() {
                let mut s = d.status.clone().unwrap_or_default();
                set_condition(
                    &mut s,
                    new_condition(
                        "Progressing",
                        "True",
                        FOUND_NEW_RS,
                        format!("Found new replica set \"{}\"", rs.name_any()),
                        now,
                    ),
                );
                self.write_status(d, s).await?;
            }
            return Ok(());
        }
        if !create {
            return Ok(());
        }
        let collision_count = d.status.as_ref().and_then(|s| s.collision_count);
        let mut template = template(d);
        let hash = util::compute_hash(&template, collision_count);
        template
            .metadata
            .get_or_insert_with(Default::default)
            .labels
            .get_or_insert_with(Default::default)
            .insert(POD_TEMPLATE_HASH.into(), hash.clone());
        let mut selector = d.spec.as_ref().map(|s| s.selector.clone()).unwrap_or_default();
        selector.match_labels.get_or_insert_with(Default::default).insert(POD_TEMPLATE_HASH.into(), hash.clone());
        let name = format!("{}-{hash}", d.name_any());
        let mut rs = ReplicaSet {
            metadata: ObjectMeta {
                name: Some(name.clone()),
                namespace: Some(ns.clone()),
                owner_references: Some(vec![util::controller_ref(d)]),
                labels: template.metadata.as_ref().and_then(|m| m.labels.clone()),
                ..Default::default()
            },
            spec: Some(ReplicaSetSpec {
                replicas: Some(0),
                min_ready_seconds: Some(min_ready_seconds(d)),
                selector,
                template: Some(template),
            }),
            status: None,
        };
        let all_refs: Vec<&ReplicaSet> = sets.all.iter().chain(std::iter::once(&rs)).collect();
        let count = new_rs_new_replicas(d, &all_refs, 0);
        set_rs_replicas(&mut rs, count);
        set_new_rs_annotations(d, &mut rs, new_revision, false);
        let created = match self.rs_api(&ns).create(&PostParams::default(), &rs).await {
            Ok(c) => {
                if count > 0 {
                    self.events.normal(
                        d,
                        "ScalingReplicaSet",
                        "Scale",
                        format!("Scaled up replica set {name} from 0 to {count}"),
                    );
                }
                let mut s = d.status.clone().unwrap_or_default();
                if progress_deadline(d).is_some() {
                    set_condition(
                        &mut s,
                        new_condition(
                            "Progressing",
                            "True",
                            NEW_RS_CREATED,
                            format!("Created new replica set \"{name}\""),
                            now,
                        ),
                    );
                }
                self.set_deployment_revision(d, &new_revision.to_string()).await?;
                self.write_status(d, s).await?;
                c
            }
            Err(kube::Error::Api(s)) if s.code == 409 => {
                // Ours from an earlier sync the cache has not shown yet, or a hash collision.
                let existing = self.rs_api(&ns).get(&name).await?;
                let ours = util::is_controlled_by(&existing, d)
                    && existing
                        .spec
                        .as_ref()
                        .and_then(|s| s.template.as_ref())
                        .is_some_and(|t| equal_ignore_hash(t, &logic::template(d)));
                if !ours {
                    let mut s = d.status.clone().unwrap_or_default();
                    s.collision_count = Some(collision_count.unwrap_or(0) + 1);
                    self.write_status(d, s).await?;
                    return Err(ControllerError::Conflict(format!("hash collision for replica set {name}")));
                }
                existing
            }
            Err(e) => {
                let msg =
                    format!("Failed to create new replica set \"{name}\": {}", super::replicaset::error_message(&e));
                if progress_deadline(d).is_some() {
                    let mut s = d.status.clone().unwrap_or_default();
                    set_condition(&mut s, new_condition("Progressing", "False", FAILED_RS_CREATE, msg.clone(), now));
                    self.write_status(d, s).await?;
                }
                self.events.warning(d, FAILED_RS_CREATE, "Create", msg);
                return Err(e.into());
            }
        };
        sets.all.push(created);
        sets.new = Some(sets.all.len() - 1);
        Ok(())
    }

    async fn set_deployment_revision(&self, d: &mut Deployment, revision: &str) -> Result<(), ControllerError> {
        let current = d.metadata.annotations.as_ref().and_then(|a| a.get(REVISION)).map(String::as_str);
        if revision.is_empty() || current == Some(revision) {
            return Ok(());
        }
        let patch = json!({"metadata": {"annotations": {REVISION: revision}}});
        let updated = self
            .api(&d.namespace().unwrap_or_default())
            .patch(&d.name_any(), &PatchParams::default(), &Patch::Merge(&patch))
            .await?;
        d.metadata.annotations = updated.metadata.annotations;
        d.metadata.resource_version = updated.metadata.resource_version;
        Ok(())
    }

    /// Scale `sets.all[i]` to `n`, refreshing its replica annotations; records an event when
    /// the size changed. Returns whether it did.
    async fn scale(&self, d: &Deployment, sets: &mut Sets, i: usize, n: i32) -> Result<bool, ControllerError> {
        let mut rs = sets.all[i].clone();
        let size_changed = rs_replicas(&rs) != n;
        let annotations_changed = set_replicas_annotations(&mut rs, replicas(d), replicas(d) + max_surge(d));
        if !size_changed && !annotations_changed {
            return Ok(false);
        }
        let from = rs_replicas(&rs);
        let patch = json!({
            "metadata": {"annotations": {
                DESIRED_REPLICAS: replicas(d).to_string(),
                MAX_REPLICAS: (replicas(d) + max_surge(d)).to_string(),
            }},
            "spec": {"replicas": n},
        });
        let ns = d.namespace().unwrap_or_default();
        sets.all[i] = self.rs_api(&ns).patch(&rs.name_any(), &PatchParams::default(), &Patch::Merge(&patch)).await?;
        if size_changed {
            let dir = if n > from { "up" } else { "down" };
            self.events.normal(
                d,
                "ScalingReplicaSet",
                "Scale",
                format!("Scaled {dir} replica set {} from {from} to {n}", rs.name_any()),
            );
        }
        Ok(size_changed)
    }

    /// A scaling event or a paused deployment: resize without rolling (`sync`).
    async fn sync_scale(&self, d: &mut Deployment, sets: &mut Sets) -> Result<Option<Duration>, ControllerError> {
        self.sync_revision(d, sets, false).await?;
        if let Some(i) = find_active_or_latest(sets.new, &sets.all) {
            if rs_replicas(&sets.all[i]) != replicas(d) {
                self.scale(d, sets, i, replicas(d)).await?;
            }
        } else if sets.new_rs().is_some_and(|rs| is_saturated(d, rs)) {
            for i in 0..sets.all.len() {
                if Some(i) != sets.new && rs_replicas(&sets.all[i]) > 0 {
                    self.scale(d, sets, i, 0).await?;
                }
            }
        } else if !is_recreate(d) {
            for (i, n) in proportional_sizes(d, &sets.all) {
                self.scale(d, sets, i, n).await?;
            }
        }
        if is_paused(d) {
            self.cleanup(d, sets).await?;
        }
        self.sync_status(d, sets).await?;
        Ok(None)
    }

    async fn rollout_rolling(&self, d: &mut Deployment, sets: &mut Sets) -> Result<Option<Duration>, ControllerError> {
        self.sync_revision(d, sets, true).await?;
        let Some(new) = sets.new else { return self.rollout_status(d, sets).await };
        // Scale up, if we can.
        let desired = replicas(d);
        let current = rs_replicas(&sets.all[new]);
        if current != desired {
            let target = if current > desired { desired } else { new_rs_new_replicas(d, &sets.refs(), current) };
            if self.scale(d, sets, new, target).await? {
                return self.rollout_status(d, sets).await;
            }
        }
        // Scale down, if we can.
        let mut scaled_down = false;
        for (i, n) in old_scale_down_plan(d, &sets.all, sets.new) {
            scaled_down |= self.scale(d, sets, i, n).await?;
        }
        if scaled_down {
            return self.rollout_status(d, sets).await;
        }
        if d.status.as_ref().is_some_and(|s| is_complete(d, s)) {
            self.cleanup(d, sets).await?;
        }
        self.rollout_status(d, sets).await
    }

    async fn rollout_recreate(&self, d: &mut Deployment, sets: &mut Sets) -> Result<Option<Duration>, ControllerError> {
        let mut scaled_down = false;
        for i in 0..sets.all.len() {
            if Some(i) != sets.new && rs_replicas(&sets.all[i]) > 0 {
                scaled_down |= self.scale(d, sets, i, 0).await?;
            }
        }
        if scaled_down || self.old_pods_running(sets) {
            return self.rollout_status(d, sets).await;
        }
        if sets.new.is_none() {
            self.sync_revision(d, sets, true).await?;
        }
        if let Some(new) = sets.new
            && rs_replicas(&sets.all[new]) != replicas(d)
        {
            self.scale(d, sets, new, replicas(d)).await?;
        }
        if d.status.as_ref().is_some_and(|s| is_complete(d, s)) {
            self.cleanup(d, sets).await?;
        }
        self.rollout_status(d, sets).await
    }

    /// Pods of old ReplicaSets that still run (`oldPodsRunning`).
    fn old_pods_running(&self, sets: &Sets) -> bool {
        sets.old().iter().any(|rs| {
            rs.status.as_ref().is_some_and(|s| s.replicas > 0)
                || rs.metadata.uid.as_deref().is_some_and(|uid| {
                    self.pods
                        .cache()
                        .controlled_by(uid)
                        .iter()
                        .any(|p| !matches!(util::phase(p), "Failed" | "Succeeded"))
                })
        })
    }

    async fn cleanup(&self, d: &Deployment, sets: &Sets) -> Result<(), ControllerError> {
        let ns = d.namespace().unwrap_or_default();
        for name in cleanup_candidates(d, &sets.old()) {
            match self.rs_api(&ns).delete(&name, &DeleteParams::default()).await {
                Ok(_) => {}
                Err(kube::Error::Api(s)) if s.code == 404 => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    async fn sync_status(&self, d: &mut Deployment, sets: &Sets) -> Result<(), ControllerError> {
        let status = calculate_status(d, &sets.refs(), sets.new_rs(), util::now());
        if d.status.as_ref() != Some(&status) {
            self.write_status(d, status).await?;
        }
        Ok(())
    }

    async fn rollout_status(&self, d: &mut Deployment, sets: &Sets) -> Result<Option<Duration>, ControllerError> {
        let (status, requeue) = rollout_status(d, &sets.refs(), sets.new_rs(), util::now());
        if d.status.as_ref() != Some(&status) {
            self.write_status(d, status).await?;
        }
        Ok(requeue)
    }

    async fn write_status(&self, d: &mut Deployment, status: DeploymentStatus) -> Result<(), ControllerError> {
        let mut updated = d.clone();
        // This controller is the status's only writer; see the ReplicaSet controller.
        updated.metadata.resource_version = None;
        updated.status = Some(status.clone());
        match self
            .api(&d.namespace().unwrap_or_default())
            .replace_status(&d.name_any(), &PostParams::default(), &updated)
            .await
        {
            Ok(_) => {
                d.status = Some(status);
                Ok(())
            }
            Err(kube::Error::Api(s)) if s.code == 404 => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}
