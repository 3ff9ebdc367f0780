//! The scheduler's view of the cluster (kube-scheduler's cache): nodes with their running
//! totals, every non-terminal pod, and claims and volumes. Pods the scheduler has decided on
//! but whose binding is not yet visible are *assumed*: counted on their node at once, so a
//! burst of decisions cannot overcommit a node through a stale view. Pure; fed by watches.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use k8s_openapi::api::core::v1::{Node, Pod};

use super::node_info::{NodeInfo, PodUsage};
use super::volumes::Volumes;

/// The scheduler a pod gets when it names none.
pub const DEFAULT_SCHEDULER: &str = "default-scheduler";

/// Where a pod stands as far as the scheduler knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Placement {
    /// No node yet.
    Pending,
    /// Decided and being bound; the watch has not shown `spec.nodeName` yet.
    Assumed { node: String, usage: PodUsage },
    /// `spec.nodeName` is set.
    Assigned { node: String, usage: PodUsage },
}

#[derive(Clone, Debug)]
pub struct PodEntry {
    pub pod: Arc<Pod>,
    pub placement: Placement,
}

/// What a pod event means for the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PodChange {
    Nothing,
    /// A pod this scheduler should place appeared.
    NewPending {
        priority: i32,
    },
    /// A pending pod's spec changed, which may change where it fits.
    PendingChanged,
    /// The pod no longer needs this scheduler (deleted, bound elsewhere, gated, …).
    NotPending,
    /// Room was freed on a node: other pods may fit now.
    Freed,
}

/// The key the scheduler files a pod under: its uid, or `namespace/name` if it has none.
pub fn pod_key(pod: &Pod) -> String {
    match pod.metadata.uid.as_deref().filter(|u| !u.is_empty()) {
        Some(uid) => uid.to_owned(),
        None => format!(
            "{}/{}",
            pod.metadata.namespace.as_deref().unwrap_or_default(),
            pod.metadata.name.as_deref().unwrap_or_default()
        ),
    }
}

pub fn priority(pod: &Pod) -> i32 {
    pod.spec.as_ref().and_then(|s| s.priority).unwrap_or(0)
}

fn node_name(pod: &Pod) -> Option<&str> {
    pod.spec.as_ref().and_then(|s| s.node_name.as_deref()).filter(|n| !n.is_empty())
}

fn is_terminal(pod: &Pod) -> bool {
    matches!(pod.status.as_ref().and_then(|s| s.phase.as_deref()), Some("Succeeded" | "Failed"))
}

/// True for an unassigned pod that this scheduler should place now.
pub fn wants_scheduling(pod: &Pod) -> bool {
    let Some(spec) = pod.spec.as_ref() else { return false };
    node_name(pod).is_none()
        && pod.metadata.deletion_timestamp.is_none()
        && !is_terminal(pod)
        && spec.scheduler_name.as_deref().is_none_or(|s| s.is_empty() || s == DEFAULT_SCHEDULER)
        && spec.scheduling_gates.as_deref().is_none_or(|g| g.is_empty())
}

#[derive(Debug, Default)]
pub struct Cache {
    /// Sorted by name, so decisions are reproducible.
    nodes: Vec<NodeInfo>,
    index: HashMap<String, usize>,
    pods: HashMap<String, PodEntry>,
    pub volumes: Volumes,
}

impl Cache {
    pub fn nodes(&self) -> &[NodeInfo] {
        &self.nodes
    }

    pub fn node(&self, name: &str) -> Option<&NodeInfo> {
        self.index.get(name).map(|i| &self.nodes[*i])
    }

    pub fn pod(&self, key: &str) -> Option<&PodEntry> {
        self.pods.get(key)
    }

    pub fn pod_keys(&self) -> HashSet<String> {
        self.pods.keys().cloned().collect()
    }

    pub fn node_names(&self) -> HashSet<String> {
        self.index.keys().cloned().collect()
    }

    /// Adds or updates a node; true when the change can make pending pods fit (a new node,
    /// or new labels, taints, schedulability or allocatable).
    pub fn apply_node(&mut self, node: Node) -> bool {
        let name = node.metadata.name.clone().unwrap_or_default();
        if let Some(i) = self.index.get(&name) {
            let info = &mut self.nodes[*i];
            let old = info.node();
            let relevant = old.metadata.labels != node.metadata.labels
                || old.spec.as_ref().map(|s| (&s.taints, s.unschedulable))
                    != node.spec.as_ref().map(|s| (&s.taints, s.unschedulable))
                || old.status.as_ref().map(|s| (&s.allocatable, &s.capacity))
                    != node.status.as_ref().map(|s| (&s.allocatable, &s.capacity));
            info.set_node(node);
            return relevant;
        }
        let mut info = NodeInfo::new(node);
        for entry in self.pods.values() {
            if let Placement::Assumed { node, usage } | Placement::Assigned { node, usage } = &entry.placement
                && *node == name
            {
                info.add(usage);
            }
        }
        let at = self.nodes.partition_point(|n| n.name() < name.as_str());
        self.nodes.insert(at, info);
        self.reindex();
        true
    }

    pub fn delete_node(&mut self, name: &str) {
        if let Some(i) = self.index.remove(name) {
            self.nodes.remove(i);
            self.reindex();
        }
    }

    fn reindex(&mut self) {
        self.index = self.nodes.iter().enumerate().map(|(i, n)| (n.name().to_owned(), i)).collect();
    }

    fn charge(&mut self, node: &str, usage: &PodUsage) {
        if let Some(i) = self.index.get(node) {
            self.nodes[*i].add(usage);
        }
    }

    fn refund(&mut self, node: &str, usage: &PodUsage) {
        if let Some(i) = self.index.get(node) {
            self.nodes[*i].remove(usage);
        }
    }

    /// Records the pod as it is now. Terminal pods count as deleted: they free their node.
    pub fn apply_pod(&mut self, pod: Pod) -> PodChange {
        if is_terminal(&pod) {
            return self.delete_pod(&pod_key(&pod));
        }
        let key = pod_key(&pod);
        let previous = self.pods.remove(&key);
        let pod = Arc::new(pod);
        if let Some(node) = node_name(&pod).map(str::to_owned) {
            let usage = PodUsage::of(&pod);
            let mut change = PodChange::Nothing;
            match previous.map(|p| p.placement) {
                Some(Placement::Pending) => change = PodChange::NotPending,
                Some(Placement::Assumed { node: old, usage: old_usage })
                | Some(Placement::Assigned { node: old, usage: old_usage }) => self.refund(&old, &old_usage),
                None => {}
            }
            self.charge(&node, &usage);
            self.pods.insert(key, PodEntry { pod, placement: Placement::Assigned { node, usage } });
            return change;
        }
        let wants = wants_scheduling(&pod);
        let (placement, change) = match previous {
            // The binding is in flight; keep counting it until it lands or fails.
            Some(PodEntry { placement: p @ Placement::Assumed { .. }, .. }) => (p, PodChange::Nothing),
            Some(PodEntry { pod: old, placement: Placement::Pending }) => {
                let change = match wants {
                    false => PodChange::NotPending,
                    true if old.spec != pod.spec || !wants_scheduling(&old) => PodChange::PendingChanged,
                    true => PodChange::Nothing,
                };
                (Placement::Pending, change)
            }
            Some(PodEntry { placement: Placement::Assigned { node, usage }, .. }) => {
                // Unassigning is not something Kubernetes does; treat it as a fresh pod.
                self.refund(&node, &usage);
                (
                    Placement::Pending,
                    if wants { PodChange::NewPending { priority: priority(&pod) } } else { PodChange::Freed },
                )
            }
            None if wants => (Placement::Pending, PodChange::NewPending { priority: priority(&pod) }),
            None => (Placement::Pending, PodChange::Nothing),
        };
        self.pods.insert(key, PodEntry { pod, placement });
        change
    }

    pub fn delete_pod(&mut self, key: &str) -> PodChange {
        match self.pods.remove(key).map(|p| p.placement) {
            Some(Placement::Assumed { node, usage } | Placement::Assigned { node, usage }) => {
                self.refund(&node, &usage);
                PodChange::Freed
            }
            Some(Placement::Pending) => PodChange::NotPending,
            None => PodChange::Nothing,
        }
    }

    /// Counts a pending pod on the node the scheduler just chose for it.
    pub fn assume(&mut self, key: &str, node: &str, usage: PodUsage) {
        let Some(entry) = self.pods.get(key) else { return };
        if entry.placement != Placement::Pending {
            return;
        }
        self.charge(node, &usage);
        if let Some(entry) = self.pods.get_mut(key) {
            entry.placement = Placement::Assumed { node: node.to_owned(), usage };
        }
    }

    /// The binding failed: the pod is pending again and its node gets the room back. True if
    /// the pod still wants scheduling.
    pub fn forget(&mut self, key: &str) -> bool {
        let Some(entry) = self.pods.get_mut(key) else { return false };
        let Placement::Assumed { node, usage } = std::mem::replace(&mut entry.placement, Placement::Pending) else {
            return false;
        };
        let wants = wants_scheduling(&entry.pod);
        self.refund(&node, &usage);
        wants
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node(name: &str) -> Node {
        serde_json::from_value(json!({
            "metadata": {"name": name},
            "status": {"allocatable": {"cpu": "2", "memory": "4Gi", "pods": "10"}},
        }))
        .expect("valid node")
    }

    fn pod(uid: &str, node: Option<&str>) -> Pod {
        serde_json::from_value(json!({
            "metadata": {"name": uid, "namespace": "default", "uid": uid},
            "spec": {"nodeName": node, "containers": [{"name": "c", "resources": {"requests": {"cpu": "500m"}}}]},
        }))
        .expect("valid pod")
    }

    #[test]
    fn cache_assigned_pods_count_on_their_node_whatever_the_order() {
        let mut c = Cache::default();
        assert_eq!(c.apply_pod(pod("a", Some("n1"))), PodChange::Nothing);
        c.apply_node(node("n1"));
        c.apply_pod(pod("b", Some("n1")));
        let n1 = c.node("n1").expect("added");
        assert_eq!((n1.pod_count(), n1.requested().milli_cpu), (2, 1000));
        assert_eq!(c.delete_pod("a"), PodChange::Freed);
        assert_eq!(c.node("n1").expect("added").requested().milli_cpu, 500);
    }

    #[test]
    fn cache_assumed_pod_counts_until_forgotten() {
        let mut c = Cache::default();
        c.apply_node(node("n1"));
        assert_eq!(c.apply_pod(pod("a", None)), PodChange::NewPending { priority: 0 });
        let usage = PodUsage::of(&pod("a", None));
        c.assume("a", "n1", usage);
        assert_eq!(c.node("n1").expect("added").requested().milli_cpu, 500);
        // A status update arriving while the binding is in flight changes nothing.
        assert_eq!(c.apply_pod(pod("a", None)), PodChange::Nothing);
        assert_eq!(c.node("n1").expect("added").requested().milli_cpu, 500);
        assert!(c.forget("a"));
        assert_eq!(c.node("n1").expect("added").requested().milli_cpu, 0);
    }

    #[test]
    fn cache_assumed_pod_confirmed_by_watch_counts_once() {
        let mut c = Cache::default();
        c.apply_node(node("n1"));
        c.apply_pod(pod("a", None));
        c.assume("a", "n1", PodUsage::of(&pod("a", None)));
        c.apply_pod(pod("a", Some("n1")));
        let n1 = c.node("n1").expect("added");
        assert_eq!((n1.pod_count(), n1.requested().milli_cpu), (1, 500));
        assert!(!c.forget("a"), "an assigned pod is not forgotten");
    }

    #[test]
    fn cache_terminal_pod_frees_its_node() {
        let mut c = Cache::default();
        c.apply_node(node("n1"));
        c.apply_pod(pod("a", Some("n1")));
        let mut done = pod("a", Some("n1"));
        done.status = Some(serde_json::from_value(json!({"phase": "Succeeded"})).expect("valid status"));
        assert_eq!(c.apply_pod(done), PodChange::Freed);
        assert_eq!(c.node("n1").expect("added").pod_count(), 0);
    }

    #[test]
    fn cache_node_update_relevant_only_when_scheduling_inputs_change() {
        let mut c = Cache::default();
        assert!(c.apply_node(node("n1")));
        let mut heartbeat = node("n1");
        heartbeat.metadata.resource_version = Some("7".into());
        assert!(!c.apply_node(heartbeat));
        let mut labelled = node("n1");
        labelled.metadata.labels = Some([("a".to_string(), "b".to_string())].into());
        assert!(c.apply_node(labelled));
    }

    #[test]
    fn wants_scheduling_skips_other_schedulers_gated_and_deleting_pods() {
        let base = pod("a", None);
        assert!(wants_scheduling(&base));
        let mut other = base.clone();
        other.spec.as_mut().expect("has spec").scheduler_name = Some("my-scheduler".into());
        assert!(!wants_scheduling(&other));
        let mut gated = base.clone();
        gated.spec.as_mut().expect("has spec").scheduling_gates =
            Some(vec![serde_json::from_value(json!({"name": "g"})).expect("valid gate")]);
        assert!(!wants_scheduling(&gated));
        let mut deleting = base;
        deleting.metadata.deletion_timestamp =
            Some(serde_json::from_value(json!("2024-01-01T00:00:00Z")).expect("time"));
        assert!(!wants_scheduling(&deleting));
    }
}
