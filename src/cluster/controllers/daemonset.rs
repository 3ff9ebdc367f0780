//! The DaemonSet controller (kubernetes `pkg/controller/daemon`): one pod on every node that
//! its node selector, required node affinity and tolerations admit, pinned there through a
//! `metadata.name` node affinity for the scheduler to honour; template versions are
//! ControllerRevisions, rolled out node by node within maxUnavailable.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet, DaemonSetStatus};
use k8s_openapi::api::core::v1::{
    Affinity, Node, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod, PodTemplateSpec, Taint,
    Toleration,
};
use kube::api::{DeleteParams, PostParams};
use kube::{Api, Client, ResourceExt};

use super::runtime::{Change, Expectations, Informer, Key, Queue, owner_key, run_workers};
use super::util::{self, CONTROLLER_REVISION_HASH, EventSink, PodName};
use super::{ControllerError, Informers, history, refs};

pub const TEMPLATE_GENERATION: &str = "pod-template-generation";

fn requirement_matches(r: &NodeSelectorRequirement, value: Option<&str>) -> bool {
    let values = r.values.as_deref().unwrap_or_default();
    match r.operator.as_str() {
        "In" => value.is_some_and(|v| values.iter().any(|x| x == v)),
        "NotIn" => value.is_none_or(|v| !values.iter().any(|x| x == v)),
        "Exists" => value.is_some(),
        "DoesNotExist" => value.is_none(),
        "Gt" | "Lt" => {
            let (Some(v), Some(bound)) =
                (value.and_then(|v| v.parse::<i64>().ok()), values.first().and_then(|b| b.parse::<i64>().ok()))
            else {
                return false;
            };
            if r.operator == "Gt" { v > bound } else { v < bound }
        }
        _ => false,
    }
}

/// Whether a node satisfies a NodeSelector: any term, each with all its requirements.
pub fn node_selector_matches(sel: &NodeSelector, node: &Node) -> bool {
    let labels = node.labels();
    let name = node.name_any();
    sel.node_selector_terms.iter().any(|t| {
        let exprs = t.match_expressions.as_deref().unwrap_or_default();
        let fields = t.match_fields.as_deref().unwrap_or_default();
        // An empty term matches nothing.
        (!exprs.is_empty() || !fields.is_empty())
            && exprs.iter().all(|r| requirement_matches(r, labels.get(&r.key).map(String::as_str)))
            && fields.iter().all(|r| r.key == "metadata.name" && requirement_matches(r, Some(&name)))
    })
}

/// Whether a toleration tolerates a taint (`ToleratesTaint`).
pub fn tolerates(t: &Toleration, taint: &Taint) -> bool {
    if t.effect.as_deref().is_some_and(|e| !e.is_empty() && e != taint.effect) {
        return false;
    }
    let key = t.key.as_deref().unwrap_or("");
    match t.operator.as_deref().unwrap_or("Equal") {
        "Exists" => key.is_empty() || key == taint.key,
        _ => key == taint.key && t.value.as_deref().unwrap_or("") == taint.value.as_deref().unwrap_or(""),
    }
}

/// The tolerations a daemon pod gets so node conditions do not evict it
/// (`AddOrUpdateDaemonPodTolerations`).
pub fn daemon_tolerations(host_network: bool) -> Vec<Toleration> {
    let exists = |key: &str, effect: &str| Toleration {
        key: Some(key.into()),
        operator: Some("Exists".into()),
        effect: Some(effect.into()),
        ..Default::default()
    };
    let mut t = vec![
        exists("node.kubernetes.io/not-ready", "NoExecute"),
        exists("node.kubernetes.io/unreachable", "NoExecute"),
        exists("node.kubernetes.io/disk-pressure", "NoSchedule"),
        exists("node.kubernetes.io/memory-pressure", "NoSchedule"),
        exists("node.kubernetes.io/pid-pressure", "NoSchedule"),
        exists("node.kubernetes.io/unschedulable", "NoSchedule"),
    ];
    if host_network {
        t.push(exists("node.kubernetes.io/network-unavailable", "NoSchedule"));
    }
    t
}

/// Whether the daemon should run on `node`, and whether a pod already there may stay
/// (`NodeShouldRunDaemonPod`): NoSchedule taints only keep new pods away.
pub fn should_run(template: &PodTemplateSpec, node: &Node) -> (bool, bool) {
    let spec = template.spec.clone().unwrap_or_default();
    if spec.node_name.as_deref().is_some_and(|n| !n.is_empty() && n != node.name_any()) {
        return (false, false);
    }
    let labels = node.labels();
    if !spec.node_selector.unwrap_or_default().iter().all(|(k, v)| labels.get(k) == Some(v)) {
        return (false, false);
    }
    let required = spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|n| n.required_during_scheduling_ignored_during_execution.as_ref());
    if required.is_some_and(|r| !node_selector_matches(r, node)) {
        return (false, false);
    }
    let mut tolerations = spec.tolerations.unwrap_or_default();
    tolerations.extend(daemon_tolerations(spec.host_network.unwrap_or(false)));
    let untolerated = |effect: &str| {
        node.spec
            .as_ref()
            .and_then(|s| s.taints.as_ref())
            .into_iter()
            .flatten()
            .any(|taint| taint.effect == effect && !tolerations.iter().any(|t| tolerates(t, taint)))
    };
    if untolerated("NoExecute") {
        return (false, false);
    }
    (!untolerated("NoSchedule"), true)
}

/// The node a daemon pod is for: where it is bound, or where its affinity pins it.
pub fn target_node(pod: &Pod) -> Option<String> {
    let spec = pod.spec.as_ref()?;
    if let Some(n) = spec.node_name.as_ref().filter(|n| !n.is_empty()) {
        return Some(n.clone());
    }
    spec.affinity
        .as_ref()?
        .node_affinity
        .as_ref()?
        .required_during_scheduling_ignored_during_execution
        .as_ref()?
        .node_selector_terms
        .iter()
        .flat_map(|t| t.match_fields.iter().flatten())
        .find(|f| f.key == "metadata.name" && f.operator == "In")
        .and_then(|f| f.values.as_ref()?.first().cloned())
}

/// The pod for `node` (`CreatePodTemplate` plus the node affinity the controller sets).
pub fn new_pod(ds: &DaemonSet, template: &PodTemplateSpec, hash: &str, node: &str) -> Pod {
    let mut pod = util::pod_from_template(template, util::controller_ref(ds), PodName::Generate(&ds.name_any()));
    let labels = pod.metadata.labels.get_or_insert_with(BTreeMap::new);
    labels.insert(CONTROLLER_REVISION_HASH.into(), hash.into());
    labels.insert(TEMPLATE_GENERATION.into(), ds.metadata.generation.unwrap_or(0).to_string());
    let spec = pod.spec.get_or_insert_with(Default::default);
    let tolerations = spec.tolerations.get_or_insert_with(Vec::new);
    for t in daemon_tolerations(spec.host_network.unwrap_or(false)) {
        if !tolerations.iter().any(|x| x.key == t.key && x.effect == t.effect) {
            tolerations.push(t);
        }
    }
    let term = NodeSelectorTerm {
        match_fields: Some(vec![NodeSelectorRequirement {
            key: "metadata.name".into(),
            operator: "In".into(),
            values: Some(vec![node.to_string()]),
        }]),
        match_expressions: None,
    };
    let affinity = spec.affinity.get_or_insert_with(Affinity::default);
    let node_affinity = affinity.node_affinity.get_or_insert_with(NodeAffinity::default);
    node_affinity.required_during_scheduling_ignored_during_execution =
        Some(NodeSelector { node_selector_terms: vec![term] });
    pod
}

/// One step for the daemon's pods.
#[derive(Debug, PartialEq)]
pub enum Action {
    Create { node: String },
    Delete { name: String, failed_on: Option<String> },
}

fn created(p: &Pod) -> (Option<Timestamp>, String) {
    (p.metadata.creation_timestamp.as_ref().map(|t| t.0), p.name_any())
}

/// What the daemon's pods need on each node (`podsShouldBeOnNode`), then the rolling update's
/// deletions of old pods within maxUnavailable (`rollingUpdate`, without surge).
pub fn plan(
    ds: &DaemonSet,
    nodes: &[Arc<Node>],
    pods_by_node: &HashMap<String, Vec<Arc<Pod>>>,
    hash: &str,
    now: Timestamp,
) -> Vec<Action> {
    let spec = ds.spec.clone().unwrap_or_default();
    let template = spec.template.clone();
    let min_ready = spec.min_ready_seconds.unwrap_or(0);
    let mut actions = Vec::new();
    let mut desired = 0;
    for node in nodes {
        let name = node.name_any();
        let (run, keep) = should_run(&template, node);
        if run {
            desired += 1;
        }
        let pods = pods_by_node.get(&name).cloned().unwrap_or_default();
        if run && pods.is_empty() {
            actions.push(Action::Create { node: name });
        } else if keep {
            let mut running: Vec<Arc<Pod>> = Vec::new();
            for p in pods.into_iter().filter(|p| !util::is_terminating(p.as_ref())) {
                if util::phase(&p) == "Failed" {
                    actions.push(Action::Delete { name: p.name_any(), failed_on: Some(name.clone()) });
                } else {
                    running.push(p);
                }
            }
            // One daemon pod per node: the oldest stays.
            running.sort_by_key(|p| created(p));
            for extra in running.iter().skip(1) {
                actions.push(Action::Delete { name: extra.name_any(), failed_on: None });
            }
        } else {
            for p in pods.iter().filter(|p| !util::is_terminating(p.as_ref())) {
                actions.push(Action::Delete { name: p.name_any(), failed_on: None });
            }
        }
    }
    if !actions.is_empty() {
        return actions;
    }
    let strategy = spec.update_strategy.unwrap_or_default();
    if strategy.type_.as_deref() == Some("OnDelete") {
        return actions;
    }
    let max_unavailable = util::scaled_value(
        strategy.rolling_update.as_ref().and_then(|r| r.max_unavailable.as_ref()),
        desired,
        true,
        "1",
    )
    .max(1);
    let mut unavailable = 0;
    let mut candidates: Vec<&Arc<Pod>> = Vec::new();
    for node in nodes {
        if !should_run(&template, node).0 {
            continue;
        }
        let pods: Vec<&Arc<Pod>> = pods_by_node
            .get(&node.name_any())
            .into_iter()
            .flatten()
            .filter(|p| !util::is_terminating(p.as_ref()))
            .collect();
        let new = pods.iter().find(|p| p.labels().get(CONTROLLER_REVISION_HASH).map(String::as_str) == Some(hash));
        let old = pods.iter().find(|p| p.labels().get(CONTROLLER_REVISION_HASH).map(String::as_str) != Some(hash));
        match (old, new) {
            (None, None) => unavailable += 1,
            (None, Some(n)) => {
                if !util::is_available(n, min_ready, now) {
                    unavailable += 1;
                }
            }
            (Some(o), _) => {
                if util::is_available(o, min_ready, now) {
                    candidates.push(o);
                } else {
                    // Replacing an unavailable pod costs no availability.
                    actions.push(Action::Delete { name: o.name_any(), failed_on: None });
                }
            }
        }
    }
    let budget = (max_unavailable - unavailable - actions.len() as i32).max(0) as usize;
    actions.extend(candidates.into_iter().take(budget).map(|p| Action::Delete { name: p.name_any(), failed_on: None }));
    actions
}

/// Counts for status (`updateDaemonSetStatus`).
pub fn status(
    ds: &DaemonSet,
    nodes: &[Arc<Node>],
    pods_by_node: &HashMap<String, Vec<Arc<Pod>>>,
    hash: &str,
    collision_count: Option<i32>,
    now: Timestamp,
) -> DaemonSetStatus {
    let spec = ds.spec.clone().unwrap_or_default();
    let min_ready = spec.min_ready_seconds.unwrap_or(0);
    let mut s = DaemonSetStatus {
        observed_generation: ds.metadata.generation,
        collision_count,
        conditions: ds.status.as_ref().and_then(|s| s.conditions.clone()),
        ..Default::default()
    };
    let (mut available, mut updated) = (0, 0);
    for node in nodes {
        let (run, _) = should_run(&spec.template, node);
        let mut pods = pods_by_node.get(&node.name_any()).cloned().unwrap_or_default();
        if !run {
            if !pods.is_empty() {
                s.number_misscheduled += 1;
            }
            continue;
        }
        s.desired_number_scheduled += 1;
        if pods.is_empty() {
            continue;
        }
        s.current_number_scheduled += 1;
        pods.sort_by_key(|p| created(p));
        let pod = &pods[0];
        if util::is_ready(pod) {
            s.number_ready += 1;
            if util::is_available(pod, min_ready, now) {
                available += 1;
            }
        }
        if pod.labels().get(CONTROLLER_REVISION_HASH).map(String::as_str) == Some(hash) {
            updated += 1;
        }
    }
    s.number_available = Some(available);
    s.updated_number_scheduled = Some(updated);
    s.number_unavailable = Some(s.desired_number_scheduled - available);
    s
}

#[derive(Clone)]
pub struct DaemonSetController {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    sets: Arc<Informer<DaemonSet>>,
    pods: Arc<Informer<Pod>>,
    nodes: Arc<Informer<Node>>,
    revisions: Arc<Informer<ControllerRevision>>,
    queue: Arc<Queue>,
    expectations: Expectations,
    events: EventSink,
}

impl DaemonSetController {
    pub fn new(client: Client, informers: &Informers, events: &EventSink) -> DaemonSetController {
        let inner = Arc::new(Inner {
            client,
            sets: informers.daemon_sets.clone(),
            pods: informers.pods.clone(),
            nodes: informers.nodes.clone(),
            revisions: informers.revisions.clone(),
            queue: Queue::new(),
            expectations: Expectations::default(),
            events: events.for_controller("daemonset-controller"),
        });
        let weak = Arc::downgrade(&inner);
        informers.daemon_sets.on_change(move |c| {
            let Some(me) = weak.upgrade() else { return };
            match c {
                Change::Added(s) | Change::Updated { new: s, .. } => me.queue.add(Key::of(s.as_ref())),
                Change::Deleted(s) => {
                    me.expectations.forget(&Key::of(s.as_ref()));
                    me.queue.add(Key::of(s.as_ref()));
                }
            }
        });
        let weak = Arc::downgrade(&inner);
        informers.pods.on_change(move |c| {
            let Some(me) = weak.upgrade() else { return };
            me.pod_changed(c);
        });
        let weak = Arc::downgrade(&inner);
        informers.nodes.on_change(move |c| {
            let Some(me) = weak.upgrade() else { return };
            if let Change::Updated { old, new } = c {
                let relevant = |n: &Node| (n.metadata.labels.clone(), n.spec.as_ref().map(|s| s.taints.clone()));
                if relevant(old) == relevant(new) {
                    return;
                }
            }
            for s in me.sets.cache().list() {
                me.queue.add(Key::of(s.as_ref()));
            }
        });
        DaemonSetController { inner }
    }

    pub fn queue(&self) -> Arc<Queue> {
        self.inner.queue.clone()
    }

    pub fn run(&self, workers: usize) -> Vec<tokio::task::JoinHandle<()>> {
        let inner = self.inner.clone();
        run_workers("daemonset", self.inner.queue.clone(), workers, move |key| {
            let inner = inner.clone();
            async move { inner.sync(&key).await }
        })
    }
}

impl Inner {
    fn pod_changed(&self, c: &Change<'_, Pod>) {
        let (pod, added, deleted) = match c {
            Change::Added(p) => (p, true, false),
            Change::Updated { new, old } => {
                if old.metadata.resource_version == new.metadata.resource_version {
                    return;
                }
                (new, false, false)
            }
            Change::Deleted(p) => (p, false, true),
        };
        let Some((key, _)) = owner_key(pod.as_ref(), "DaemonSet") else {
            if util::get_controller_of(pod.as_ref()).is_none() {
                for s in self.sets.cache().list_namespace(&pod.namespace().unwrap_or_default()) {
                    if util::selector(s.spec.as_ref().map(|s| &s.selector))
                        .is_ok_and(|sel| util::matches(&sel, pod.as_ref()))
                    {
                        self.queue.add(Key::of(s.as_ref()));
                    }
                }
            }
            return;
        };
        if added && !util::is_terminating(pod.as_ref()) {
            self.expectations.creation_observed(&key);
        }
        if deleted || util::is_terminating(pod.as_ref()) {
            self.expectations.deletion_observed(&key, &Key::of(pod.as_ref()));
        }
        self.queue.add(key);
    }

    async fn sync(&self, key: &Key) -> Result<Option<Duration>, ControllerError> {
        let Some(ds) = self.sets.cache().get(key) else {
            self.expectations.forget(key);
            return Ok(None);
        };
        let ds = (*ds).clone();
        let spec = ds.spec.clone().unwrap_or_default();
        let selector = util::selector(Some(&spec.selector))?;
        let uid = ds.metadata.uid.clone().unwrap_or_default();
        let pod_api: Api<Pod> = Api::namespaced(self.client.clone(), &key.namespace);
        let rev_api: Api<ControllerRevision> = Api::namespaced(self.client.clone(), &key.namespace);
        let pods = refs::claim(
            &ds,
            &pod_api,
            self.pods.cache().controlled_by(&uid),
            self.pods.cache().orphans(&key.namespace),
            &selector,
        )
        .await?;
        let owned_revisions = refs::claim(
            &ds,
            &rev_api,
            self.revisions.cache().controlled_by(&uid),
            self.revisions.cache().orphans(&key.namespace),
            &selector,
        )
        .await?;
        let collision_count = ds.status.as_ref().and_then(|s| s.collision_count);
        let (revisions, update_idx, collisions) =
            history::record(&rev_api, &ds, owned_revisions, &spec.template, collision_count).await?;
        let hash = revisions[update_idx].labels().get(history::HASH_LABEL).cloned().unwrap_or_default();

        let mut nodes = self.nodes.cache().list();
        nodes.sort_by_key(|n| n.name_any());
        let mut by_node: HashMap<String, Vec<Arc<Pod>>> = HashMap::new();
        for p in &pods {
            if let Some(n) = target_node(p) {
                by_node.entry(n).or_default().push(p.clone());
            }
        }
        let now = util::now();
        if self.expectations.satisfied(key) && !util::is_terminating(&ds) {
            let actions = plan(&ds, &nodes, &by_node, &hash, now);
            self.execute(key, &ds, &spec.template, &hash, actions).await?;
        }
        let new_status = status(&ds, &nodes, &by_node, &hash, collisions, now);
        if ds.status.as_ref() != Some(&new_status) {
            let api: Api<DaemonSet> = Api::namespaced(self.client.clone(), &key.namespace);
            let mut updated = ds.clone();
            // The status has one writer, this controller; see the ReplicaSet controller.
            updated.metadata.resource_version = None;
            updated.status = Some(new_status);
            match api.replace_status(&key.name, &PostParams::default(), &updated).await {
                Ok(_) => {}
                Err(kube::Error::Api(s)) if s.code == 404 => {}
                Err(e) => return Err(e.into()),
            }
        }
        let live: Vec<String> = vec![revisions[update_idx].name_any()];
        let live_hashes: Vec<&String> = pods.iter().filter_map(|p| p.labels().get(CONTROLLER_REVISION_HASH)).collect();
        let live: Vec<String> = live
            .into_iter()
            .chain(
                revisions
                    .iter()
                    .filter(|r| r.labels().get(history::HASH_LABEL).is_some_and(|h| live_hashes.contains(&h)))
                    .map(|r| r.name_any()),
            )
            .collect();
        history::truncate(&rev_api, &revisions, &live, spec.revision_history_limit.unwrap_or(10)).await?;
        let min_ready = spec.min_ready_seconds.unwrap_or(0);
        Ok(pods.iter().filter_map(|p| util::until_available(p, min_ready, now)).min())
    }

    async fn execute(
        &self,
        key: &Key,
        ds: &DaemonSet,
        template: &PodTemplateSpec,
        hash: &str,
        actions: Vec<Action>,
    ) -> Result<(), ControllerError> {
        let creates: Vec<String> = actions
            .iter()
            .filter_map(|a| if let Action::Create { node } = a { Some(node.clone()) } else { None })
            .collect();
        let deletes: Vec<(String, Option<String>)> = actions
            .into_iter()
            .filter_map(|a| if let Action::Delete { name, failed_on } = a { Some((name, failed_on)) } else { None })
            .collect();
        self.expectations.expect(key, creates.len() as i64, deletes.iter().map(|(n, _)| Key::new(&key.namespace, n)));
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &key.namespace);
        let mut first_error: Option<kube::Error> = None;
        for (name, failed_on) in &deletes {
            if let Some(node) = failed_on {
                self.events.warning(
                    ds,
                    "FailedDaemonPod",
                    "Delete",
                    format!("Found failed daemon pod {}/{name} on node {node}, will try to kill it", key.namespace),
                );
            }
            match api.delete(name, &DeleteParams::default()).await {
                Ok(_) => self.events.normal(ds, "SuccessfulDelete", "Delete", format!("Deleted pod: {name}")),
                Err(e) => {
                    self.expectations.deletion_observed(key, &Key::new(&key.namespace, name));
                    if !matches!(&e, kube::Error::Api(s) if s.code == 404) {
                        first_error.get_or_insert(e);
                    }
                }
            }
        }
        let batch = super::replicaset::slow_start_batch(creates.len(), |i| {
            let pod = new_pod(ds, template, hash, &creates[i]);
            let api = api.clone();
            async move { api.create(&PostParams::default(), &pod).await.map(|p| p.name_any()) }
        })
        .await;
        for name in &batch.done {
            self.events.normal(ds, "SuccessfulCreate", "Create", format!("Created pod: {name}"));
        }
        self.expectations.lower_adds(key, (creates.len() - batch.done.len()) as i64);
        if let Some(e) = batch.error {
            self.events.warning(
                ds,
                "FailedCreate",
                "Create",
                format!("Error creating: {}", super::replicaset::error_message(&e)),
            );
            first_error.get_or_insert(e);
        }
        first_error.map_or(Ok(()), |e| Err(e.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node(name: &str, labels: serde_json::Value, taints: serde_json::Value) -> Arc<Node> {
        Arc::new(
            serde_json::from_value(json!({"metadata": {"name": name, "labels": labels}, "spec": {"taints": taints}}))
                .expect("node"),
        )
    }

    fn ds(spec: serde_json::Value) -> DaemonSet {
        serde_json::from_value(
            json!({"metadata": {"name": "agent", "namespace": "default", "uid": "u", "generation": 2}, "spec": spec}),
        )
        .expect("ds")
    }

    fn template(spec: serde_json::Value) -> PodTemplateSpec {
        serde_json::from_value(json!({"metadata": {"labels": {"app": "agent"}}, "spec": spec})).expect("template")
    }

    #[test]
    fn should_run_honours_node_selector() {
        let t = template(json!({"containers": [], "nodeSelector": {"disk": "ssd"}}));
        assert_eq!(should_run(&t, &node("a", json!({"disk": "ssd"}), json!([]))), (true, true));
        assert_eq!(should_run(&t, &node("b", json!({}), json!([]))), (false, false));
    }

    #[test]
    fn should_run_untolerated_no_schedule_keeps_existing_pods_only() {
        let t = template(json!({"containers": []}));
        let tainted = node("a", json!({}), json!([{"key": "dedicated", "value": "db", "effect": "NoSchedule"}]));
        assert_eq!(should_run(&t, &tainted), (false, true));
        let no_exec = node("a", json!({}), json!([{"key": "dedicated", "effect": "NoExecute"}]));
        assert_eq!(should_run(&t, &no_exec), (false, false));
        let tolerant = template(json!({"containers": [], "tolerations": [{"key": "dedicated", "operator": "Exists"}]}));
        assert_eq!(should_run(&tolerant, &tainted), (true, true));
        // Daemons tolerate node conditions on their own.
        let unschedulable =
            node("a", json!({}), json!([{"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"}]));
        assert_eq!(should_run(&t, &unschedulable), (true, true));
    }

    #[test]
    fn should_run_honours_required_node_affinity() {
        let t = template(
            json!({"containers": [], "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
            "nodeSelectorTerms": [{"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a", "b"]}]}]}}}}),
        );
        assert!(should_run(&t, &node("x", json!({"zone": "b"}), json!([]))).0);
        assert!(!should_run(&t, &node("y", json!({"zone": "c"}), json!([]))).0);
    }

    #[test]
    fn new_pod_is_pinned_to_its_node_and_labelled() {
        let d = ds(
            json!({"selector": {"matchLabels": {"app": "agent"}}, "template": {"metadata": {"labels": {"app": "agent"}}, "spec": {"containers": [{"name": "c"}]}}}),
        );
        let p = new_pod(&d, &d.spec.as_ref().expect("spec").template, "h1", "node-7");
        assert_eq!(target_node(&p).as_deref(), Some("node-7"));
        assert_eq!(p.labels().get(CONTROLLER_REVISION_HASH).map(String::as_str), Some("h1"));
        assert_eq!(p.labels().get(TEMPLATE_GENERATION).map(String::as_str), Some("2"));
        assert_eq!(p.metadata.generate_name.as_deref(), Some("agent-"));
        assert!(p.spec.expect("spec").tolerations.expect("tolerations").len() >= 6);
    }

    #[test]
    fn plan_creates_one_pod_per_eligible_node_and_removes_misplaced_ones() {
        let d = ds(
            json!({"selector": {"matchLabels": {"app": "agent"}}, "template": {"metadata": {"labels": {"app": "agent"}}, "spec": {"containers": [], "nodeSelector": {"run": "yes"}}}}),
        );
        let nodes = vec![node("a", json!({"run": "yes"}), json!([])), node("b", json!({}), json!([]))];
        let stray = Arc::new(new_pod(&d, &d.spec.as_ref().expect("spec").template, "h", "b"));
        let mut stray_named = (*stray).clone();
        stray_named.metadata.name = Some("agent-x".into());
        let by_node = HashMap::from([("b".to_string(), vec![Arc::new(stray_named)])]);
        let actions = plan(&d, &nodes, &by_node, "h", Timestamp::now());
        assert_eq!(
            actions,
            vec![Action::Create { node: "a".into() }, Action::Delete { name: "agent-x".into(), failed_on: None }]
        );
    }
}
