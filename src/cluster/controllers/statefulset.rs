//! The StatefulSet controller (kubernetes `pkg/controller/statefulset`): pods with stable names
//! `<set>-<ordinal>` and their PersistentVolumeClaims from volumeClaimTemplates, created in
//! order and removed in reverse order, one at a time for OrderedReady or all at once for
//! Parallel; template versions are ControllerRevisions, rolled out from the highest ordinal
//! down to the partition.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use k8s_openapi::api::apps::v1::{ControllerRevision, StatefulSet, StatefulSetStatus};
use k8s_openapi::api::core::v1::{
    PersistentVolumeClaim, PersistentVolumeClaimVolumeSource, Pod, PodTemplateSpec, Volume,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference;
use kube::api::{DeleteParams, PostParams};
use kube::{Api, Client, ResourceExt};

use super::runtime::{Change, Informer, Key, Queue, owner_key, run_workers};
use super::util::{self, CONTROLLER_REVISION_HASH, EventSink, PodName};
use super::{ControllerError, Informers, history, refs};

pub const POD_NAME_LABEL: &str = "statefulset.kubernetes.io/pod-name";
pub const POD_INDEX_LABEL: &str = "apps.kubernetes.io/pod-index";

/// The ordinal of a pod named `<set>-<n>`.
pub fn ordinal(set: &str, pod: &str) -> Option<i32> {
    let n = pod.strip_prefix(set)?.strip_prefix('-')?;
    if n.is_empty() || (n.len() > 1 && n.starts_with('0')) {
        return None;
    }
    n.parse().ok().filter(|n: &i32| *n >= 0)
}

/// One step towards the desired pods.
#[derive(Debug, PartialEq)]
pub enum Action {
    /// Create pod `ordinal` from the update revision (`true`) or the current one.
    Create {
        ordinal: i32,
        update: bool,
    },
    Delete {
        name: String,
    },
}

/// What the plan needs to know about a set.
pub struct Plan<'a> {
    pub name: &'a str,
    pub replicas: i32,
    /// OrderedReady: one step at a time, each waiting for its predecessors to be ready.
    pub ordered: bool,
    pub rolling: bool,
    pub partition: i32,
    pub min_ready_seconds: i32,
    pub update_revision: &'a str,
}

fn revision_of(pod: &Pod) -> Option<&str> {
    pod.labels().get(CONTROLLER_REVISION_HASH).map(String::as_str)
}

fn healthy(pod: &Pod, min_ready: i32, now: Timestamp) -> bool {
    util::phase(pod) == "Running" && util::is_available(pod, min_ready, now) && !util::is_terminating(pod)
}

/// The next actions for a set given its pods (`updateStatefulSet`): create missing ordinals
/// and replace failed pods, then remove ordinals beyond `replicas` from the highest down,
/// then replace pods of an old revision from the highest ordinal down to the partition.
pub fn plan(p: &Plan<'_>, pods: &[Arc<Pod>], now: Timestamp) -> Vec<Action> {
    let mut slots: Vec<Option<&Pod>> = vec![None; p.replicas.max(0) as usize];
    let mut condemned: Vec<(i32, &Pod)> = Vec::new();
    for pod in pods {
        let Some(ord) = ordinal(p.name, &pod.name_any()) else { continue };
        if ord < p.replicas {
            slots[ord as usize] = Some(pod.as_ref());
        } else {
            condemned.push((ord, pod.as_ref()));
        }
    }
    condemned.sort_by_key(|c| std::cmp::Reverse(c.0));
    let mut actions = Vec::new();
    for (ord, slot) in slots.iter().enumerate() {
        let ord = ord as i32;
        match slot {
            None => {
                actions.push(Action::Create { ordinal: ord, update: !(p.rolling && ord < p.partition) });
                if p.ordered {
                    return actions;
                }
            }
            Some(pod) if util::phase(pod) == "Failed" && !util::is_terminating(*pod) => {
                actions.push(Action::Delete { name: pod.name_any() });
                if p.ordered {
                    return actions;
                }
            }
            Some(pod) if p.ordered && !healthy(pod, p.min_ready_seconds, now) => return actions,
            Some(_) => {}
        }
    }
    for (_, pod) in &condemned {
        if util::is_terminating(*pod) {
            if p.ordered {
                return actions;
            }
            continue;
        }
        actions.push(Action::Delete { name: pod.name_any() });
        if p.ordered {
            return actions;
        }
    }
    if !actions.is_empty() || !p.rolling {
        return actions;
    }
    for ord in (p.partition.max(0)..p.replicas).rev() {
        let Some(pod) = slots[ord as usize] else { continue };
        if revision_of(pod) != Some(p.update_revision) && !util::is_terminating(pod) {
            actions.push(Action::Delete { name: pod.name_any() });
            return actions;
        }
        if !healthy(pod, p.min_ready_seconds, now) {
            return actions;
        }
    }
    actions
}

/// Counts for status (`computeReplicaStatus`), with the rollout completed when every replica
/// runs the update revision and is ready.
pub fn status(
    set: &StatefulSet,
    pods: &[Arc<Pod>],
    current_revision: &str,
    update_revision: &str,
    collision_count: Option<i32>,
    now: Timestamp,
) -> StatefulSetStatus {
    let min_ready = set.spec.as_ref().and_then(|s| s.min_ready_seconds).unwrap_or(0);
    let name = set.name_any();
    let mut s = StatefulSetStatus {
        observed_generation: set.metadata.generation,
        current_revision: Some(current_revision.to_string()),
        update_revision: Some(update_revision.to_string()),
        collision_count: Some(collision_count.unwrap_or(0)),
        ..Default::default()
    };
    let (mut ready, mut available, mut current, mut updated) = (0, 0, 0, 0);
    for pod in pods.iter().filter(|p| ordinal(&name, &p.name_any()).is_some()) {
        s.replicas += 1;
        if util::phase(pod) == "Running" && util::is_ready(pod) {
            ready += 1;
            if util::is_available(pod, min_ready, now) {
                available += 1;
            }
        }
        if !util::is_terminating(pod.as_ref()) {
            match revision_of(pod) {
                Some(r) if r == current_revision => current += 1,
                _ => {}
            }
            if revision_of(pod) == Some(update_revision) {
                updated += 1;
            }
        }
    }
    s.ready_replicas = Some(ready);
    s.available_replicas = Some(available);
    s.current_replicas = Some(current);
    s.updated_replicas = Some(updated);
    let rolling =
        set.spec.as_ref().and_then(|s| s.update_strategy.as_ref()).and_then(|u| u.type_.as_deref()) != Some("OnDelete");
    if rolling && updated == s.replicas && ready == s.replicas {
        s.current_replicas = Some(updated);
        s.current_revision = Some(update_revision.to_string());
    }
    s.conditions = set.status.as_ref().and_then(|st| st.conditions.clone());
    s
}

/// The claim name for template `claim` of pod `ordinal`.
pub fn claim_name(claim: &str, set: &str, ordinal: i32) -> String {
    format!("{claim}-{set}-{ordinal}")
}

/// Pod `ordinal` of `set` from `template` (`newVersionedStatefulSetPod`): a stable name and
/// hostname, the revision and identity labels, and its claims in place of template volumes.
pub fn new_pod(set: &StatefulSet, template: &PodTemplateSpec, revision: &str, ordinal: i32) -> Pod {
    let name = format!("{}-{ordinal}", set.name_any());
    let mut pod = util::pod_from_template(template, util::controller_ref(set), PodName::Exact(&name));
    let labels = pod.metadata.labels.get_or_insert_with(BTreeMap::new);
    labels.insert(POD_NAME_LABEL.into(), name.clone());
    labels.insert(POD_INDEX_LABEL.into(), ordinal.to_string());
    labels.insert(CONTROLLER_REVISION_HASH.into(), revision.into());
    let spec = pod.spec.get_or_insert_with(Default::default);
    spec.hostname = Some(name.clone());
    if let Some(svc) = set.spec.as_ref().and_then(|s| s.service_name.clone()).filter(|s| !s.is_empty()) {
        spec.subdomain = Some(svc);
    }
    for claim in set.spec.as_ref().and_then(|s| s.volume_claim_templates.as_ref()).into_iter().flatten() {
        let vol_name = claim.name_any();
        let volume = Volume {
            name: vol_name.clone(),
            persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource {
                claim_name: claim_name(&vol_name, &set.name_any(), ordinal),
                read_only: None,
            }),
            ..Default::default()
        };
        let volumes = spec.volumes.get_or_insert_with(Vec::new);
        volumes.retain(|v| v.name != vol_name);
        volumes.push(volume);
    }
    pod
}

/// The claims pod `ordinal` needs (`getPersistentVolumeClaims`): labelled with the set's
/// selector, owned by the set when its retention policy deletes them with it.
pub fn claims(set: &StatefulSet, ordinal: i32) -> Vec<PersistentVolumeClaim> {
    let spec = set.spec.as_ref();
    let selector_labels = spec.and_then(|s| s.selector.match_labels.clone()).unwrap_or_default();
    let delete_with_set =
        spec.and_then(|s| s.persistent_volume_claim_retention_policy.as_ref()).and_then(|p| p.when_deleted.as_deref())
            == Some("Delete");
    spec.and_then(|s| s.volume_claim_templates.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|mut c| {
            let template_name = c.name_any();
            c.metadata.name = Some(claim_name(&template_name, &set.name_any(), ordinal));
            c.metadata.namespace = set.namespace();
            let labels = c.metadata.labels.get_or_insert_with(BTreeMap::new);
            labels.extend(selector_labels.clone());
            if delete_with_set {
                let mut owner: OwnerReference = util::controller_ref(set);
                owner.controller = None;
                c.metadata.owner_references = Some(vec![owner]);
            }
            c.status = None;
            c
        })
        .collect()
}

/// The template a revision records.
pub fn template_of(rev: &ControllerRevision) -> Option<PodTemplateSpec> {
    let mut t = history::data(rev)?.pointer("/spec/template")?.clone();
    t.as_object_mut()?.remove("$patch");
    serde_json::from_value(t).ok()
}

#[derive(Clone)]
pub struct StatefulSetController {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    sets: Arc<Informer<StatefulSet>>,
    pods: Arc<Informer<Pod>>,
    pvcs: Arc<Informer<PersistentVolumeClaim>>,
    revisions: Arc<Informer<ControllerRevision>>,
    queue: Arc<Queue>,
    events: EventSink,
}

impl StatefulSetController {
    pub fn new(client: Client, informers: &Informers, events: &EventSink) -> StatefulSetController {
        let inner = Arc::new(Inner {
            client,
            sets: informers.stateful_sets.clone(),
            pods: informers.pods.clone(),
            pvcs: informers.pvcs.clone(),
            revisions: informers.revisions.clone(),
            queue: Queue::new(),
            events: events.for_controller("statefulset-controller"),
        });
        let weak = Arc::downgrade(&inner);
        informers.stateful_sets.on_change(move |c| {
            let Some(me) = weak.upgrade() else { return };
            let s = match c {
                Change::Added(s) | Change::Deleted(s) => s,
                Change::Updated { new, .. } => new,
            };
            me.queue.add(Key::of(s.as_ref()));
        });
        let weak = Arc::downgrade(&inner);
        informers.pods.on_change(move |c| {
            let Some(me) = weak.upgrade() else { return };
            let (old, new) = match c {
                Change::Added(p) | Change::Deleted(p) => (None, p),
                Change::Updated { old, new } => (Some(old), new),
            };
            for pod in old.into_iter().chain(std::iter::once(new)) {
                match owner_key(pod.as_ref(), "StatefulSet") {
                    Some((key, _)) => me.queue.add(key),
                    None if util::get_controller_of(pod.as_ref()).is_none() => me.enqueue_matching(pod),
                    None => {}
                }
            }
        });
        StatefulSetController { inner }
    }

    pub fn queue(&self) -> Arc<Queue> {
        self.inner.queue.clone()
    }

    pub fn run(&self, workers: usize) -> Vec<tokio::task::JoinHandle<()>> {
        let inner = self.inner.clone();
        run_workers("statefulset", self.inner.queue.clone(), workers, move |key| {
            let inner = inner.clone();
            async move { inner.sync(&key).await }
        })
    }
}

impl Inner {
    fn enqueue_matching(&self, pod: &Pod) {
        for s in self.sets.cache().list_namespace(&pod.namespace().unwrap_or_default()) {
            if util::selector(s.spec.as_ref().map(|s| &s.selector)).is_ok_and(|sel| util::matches(&sel, pod)) {
                self.queue.add(Key::of(s.as_ref()));
            }
        }
    }

    async fn sync(&self, key: &Key) -> Result<Option<Duration>, ControllerError> {
        let Some(set) = self.sets.cache().get(key) else { return Ok(None) };
        let set = (*set).clone();
        let spec = set.spec.clone().unwrap_or_default();
        let selector = util::selector(Some(&spec.selector))?;
        let uid = set.metadata.uid.clone().unwrap_or_default();
        let pod_api: Api<Pod> = Api::namespaced(self.client.clone(), &key.namespace);
        let rev_api: Api<ControllerRevision> = Api::namespaced(self.client.clone(), &key.namespace);
        let pods = refs::claim(
            &set,
            &pod_api,
            self.pods.cache().controlled_by(&uid),
            self.pods.cache().orphans(&key.namespace),
            &selector,
        )
        .await?;
        let owned_revisions = refs::claim(
            &set,
            &rev_api,
            self.revisions.cache().controlled_by(&uid),
            self.revisions.cache().orphans(&key.namespace),
            &selector,
        )
        .await?;
        let collision_count = set.status.as_ref().and_then(|s| s.collision_count);
        let (revisions, update_idx, collisions) =
            history::record(&rev_api, &set, owned_revisions, &spec.template, collision_count).await?;
        let update = revisions[update_idx].clone();
        let update_name = update.name_any();
        let current = set
            .status
            .as_ref()
            .and_then(|s| s.current_revision.as_ref())
            .and_then(|c| revisions.iter().find(|r| r.metadata.name.as_ref() == Some(c)))
            .cloned()
            .unwrap_or_else(|| update.clone());
        let current_name = current.name_any();

        let now = util::now();
        if !util::is_terminating(&set) {
            let strategy = spec.update_strategy.clone().unwrap_or_default();
            let p = Plan {
                name: &key.name,
                replicas: spec.replicas.unwrap_or(1),
                ordered: spec.pod_management_policy.as_deref() != Some("Parallel"),
                rolling: strategy.type_.as_deref() != Some("OnDelete"),
                partition: strategy.rolling_update.as_ref().and_then(|r| r.partition).unwrap_or(0),
                min_ready_seconds: spec.min_ready_seconds.unwrap_or(0),
                update_revision: &update_name,
            };
            for action in plan(&p, &pods, now) {
                match action {
                    Action::Create { ordinal, update: use_update } => {
                        let (rev, template) = if use_update || current_name == update_name {
                            (&update_name, spec.template.clone())
                        } else {
                            (&current_name, template_of(&current).unwrap_or_else(|| spec.template.clone()))
                        };
                        self.create_pod(&set, &template, rev, ordinal).await?;
                    }
                    Action::Delete { name } => match pod_api.delete(&name, &DeleteParams::default()).await {
                        Ok(_) => self.events.normal(
                            &set,
                            "SuccessfulDelete",
                            "Delete",
                            format!("delete Pod {name} in StatefulSet {} successful", key.name),
                        ),
                        Err(kube::Error::Api(s)) if s.code == 404 => {}
                        Err(e) => {
                            self.events.warning(
                                &set,
                                "FailedDelete",
                                "Delete",
                                format!("delete Pod {name} in StatefulSet {} failed error: {e}", key.name),
                            );
                            return Err(e.into());
                        }
                    },
                }
            }
        }

        let pods_now: Vec<Arc<Pod>> = self.pods.cache().controlled_by(&uid);
        let new_status = status(&set, &pods_now, &current_name, &update_name, collisions, now);
        if set.status.as_ref() != Some(&new_status) {
            let api: Api<StatefulSet> = Api::namespaced(self.client.clone(), &key.namespace);
            let mut updated = set.clone();
            // The status has one writer, this controller; see the ReplicaSet controller.
            updated.metadata.resource_version = None;
            updated.status = Some(new_status.clone());
            match api.replace_status(&key.name, &PostParams::default(), &updated).await {
                Ok(_) => {}
                Err(kube::Error::Api(s)) if s.code == 404 => {}
                Err(e) => return Err(e.into()),
            }
        }
        let mut live: Vec<String> = vec![current_name.clone(), update_name.clone()];
        live.extend(pods_now.iter().filter_map(|p| revision_of(p).map(str::to_string)));
        history::truncate(&rev_api, &revisions, &live, spec.revision_history_limit.unwrap_or(10)).await?;
        // A pod that is ready but not yet available needs another look after minReadySeconds.
        let min_ready = spec.min_ready_seconds.unwrap_or(0);
        Ok(pods_now.iter().filter_map(|p| util::until_available(p, min_ready, now)).min())
    }

    async fn create_pod(
        &self,
        set: &StatefulSet,
        template: &PodTemplateSpec,
        revision: &str,
        ordinal: i32,
    ) -> Result<(), ControllerError> {
        let ns = set.namespace().unwrap_or_default();
        let pvc_api: Api<PersistentVolumeClaim> = Api::namespaced(self.client.clone(), &ns);
        let pod = new_pod(set, template, revision, ordinal);
        let pod_name = pod.name_any();
        for claim in claims(set, ordinal) {
            let claim_name = claim.name_any();
            if self.pvcs.cache().get(&Key::new(&ns, &claim_name)).is_some() {
                continue;
            }
            match pvc_api.create(&PostParams::default(), &claim).await {
                Ok(_) => self.events.normal(
                    set,
                    "SuccessfulCreate",
                    "Create",
                    format!("create Claim {claim_name} Pod {pod_name} in StatefulSet {} success", set.name_any()),
                ),
                Err(kube::Error::Api(s)) if s.code == 409 => {}
                Err(e) => {
                    self.events.warning(
                        set,
                        "FailedCreate",
                        "Create",
                        format!(
                            "create Claim {claim_name} for Pod {pod_name} in StatefulSet {} failed error: {}",
                            set.name_any(),
                            super::replicaset::error_message(&e)
                        ),
                    );
                    return Err(e.into());
                }
            }
        }
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &ns);
        match api.create(&PostParams::default(), &pod).await {
            Ok(_) => {
                self.events.normal(
                    set,
                    "SuccessfulCreate",
                    "Create",
                    format!("create Pod {pod_name} in StatefulSet {} successful", set.name_any()),
                );
                Ok(())
            }
            // Created by an earlier sync the cache has not shown yet.
            Err(kube::Error::Api(s)) if s.code == 409 => Ok(()),
            Err(e) => {
                self.events.warning(
                    set,
                    "FailedCreate",
                    "Create",
                    format!(
                        "create Pod {pod_name} in StatefulSet {} failed error: {}",
                        set.name_any(),
                        super::replicaset::error_message(&e)
                    ),
                );
                Err(e.into())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{PodCondition, PodStatus};
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};

    fn pod(name: &str, rev: &str, ready: bool) -> Arc<Pod> {
        Arc::new(Pod {
            metadata: ObjectMeta {
                name: Some(name.into()),
                labels: Some([(CONTROLLER_REVISION_HASH.to_string(), rev.to_string())].into()),
                ..Default::default()
            },
            spec: None,
            status: Some(PodStatus {
                phase: Some(if ready { "Running" } else { "Pending" }.into()),
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

    fn plan_for(replicas: i32, ordered: bool) -> Plan<'static> {
        Plan {
            name: "web",
            replicas,
            ordered,
            rolling: true,
            partition: 0,
            min_ready_seconds: 0,
            update_revision: "web-2",
        }
    }

    #[test]
    fn ordinal_parses_only_canonical_numbers() {
        assert_eq!(ordinal("web", "web-0"), Some(0));
        assert_eq!(ordinal("web", "web-12"), Some(12));
        assert_eq!(ordinal("web", "web-01"), None);
        assert_eq!(ordinal("web", "webx-1"), None);
        assert_eq!(ordinal("web", "web-"), None);
    }

    #[test]
    fn plan_ordered_waits_for_each_pod_to_be_ready() {
        let now = Timestamp::now();
        assert_eq!(plan(&plan_for(3, true), &[], now), vec![Action::Create { ordinal: 0, update: true }]);
        let starting = vec![pod("web-0", "web-2", false)];
        assert!(plan(&plan_for(3, true), &starting, now).is_empty());
        let ready = vec![pod("web-0", "web-2", true)];
        assert_eq!(plan(&plan_for(3, true), &ready, now), vec![Action::Create { ordinal: 1, update: true }]);
    }

    #[test]
    fn plan_parallel_creates_every_missing_ordinal() {
        let now = Timestamp::now();
        let pods = vec![pod("web-1", "web-2", false)];
        assert_eq!(
            plan(&plan_for(3, false), &pods, now),
            vec![Action::Create { ordinal: 0, update: true }, Action::Create { ordinal: 2, update: true }]
        );
    }

    #[test]
    fn plan_scale_down_removes_the_highest_ordinal_first() {
        let now = Timestamp::now();
        let pods: Vec<Arc<Pod>> = (0..3).map(|i| pod(&format!("web-{i}"), "web-2", true)).collect();
        assert_eq!(plan(&plan_for(1, true), &pods, now), vec![Action::Delete { name: "web-2".into() }]);
    }

    #[test]
    fn plan_rolling_update_replaces_from_the_top_down_to_the_partition() {
        let now = Timestamp::now();
        let pods: Vec<Arc<Pod>> = (0..3).map(|i| pod(&format!("web-{i}"), "web-1", true)).collect();
        assert_eq!(plan(&plan_for(3, true), &pods, now), vec![Action::Delete { name: "web-2".into() }]);
        let mut partitioned = plan_for(3, true);
        partitioned.partition = 3;
        assert!(plan(&partitioned, &pods, now).is_empty());
    }

    #[test]
    fn new_pod_has_identity_and_claims() {
        let set: StatefulSet = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "web", "namespace": "default", "uid": "u1"},
            "spec": {
                "serviceName": "nginx",
                "selector": {"matchLabels": {"app": "web"}},
                "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "c"}]}},
                "volumeClaimTemplates": [{"metadata": {"name": "www"}, "spec": {"accessModes": ["ReadWriteOnce"]}}],
            },
        }))
        .expect("valid");
        let pod = new_pod(&set, &set.spec.as_ref().expect("spec").template, "web-abc", 1);
        assert_eq!(pod.name_any(), "web-1");
        assert_eq!(pod.labels().get(POD_NAME_LABEL).map(String::as_str), Some("web-1"));
        assert_eq!(pod.labels().get(CONTROLLER_REVISION_HASH).map(String::as_str), Some("web-abc"));
        let spec = pod.spec.expect("spec");
        assert_eq!((spec.hostname.as_deref(), spec.subdomain.as_deref()), (Some("web-1"), Some("nginx")));
        let vol = &spec.volumes.expect("volumes")[0];
        assert_eq!(vol.persistent_volume_claim.as_ref().map(|c| c.claim_name.as_str()), Some("www-web-1"));
        let c = &claims(&set, 1)[0];
        assert_eq!(c.name_any(), "www-web-1");
        assert_eq!(c.labels().get("app").map(String::as_str), Some("web"));
    }
}
