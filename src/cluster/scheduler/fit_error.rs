//! Why a pod fits no node, rendered word for word as kube-scheduler 1.33's `FitError`
//! (`0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No
//! preemption victims found for incoming pod.`), which is what users read in
//! `kubectl describe pod` and in the `PodScheduled` condition. Pure.

use std::collections::BTreeMap;
use std::fmt;

/// A scheduling attempt that found no node.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FitError {
    /// The cluster has no nodes at all (`ErrNoNodesAvailable`).
    #[error("no nodes available to schedule pods")]
    NoNodesAvailable,
    /// Every node was filtered out.
    #[error("{0}")]
    Unschedulable(Diagnosis),
}

/// Why each node was rejected, summarised as kube-scheduler does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnosis {
    pub num_all_nodes: usize,
    /// A PreFilter rejection: it applies to every node, so no per-node reasons are listed.
    pub pre_filter_msg: Option<String>,
    /// How many nodes gave each Filter reason.
    pub reasons: BTreeMap<String, usize>,
    /// The PostFilter (preemption) outcome, already prefixed with `preemption: `.
    pub post_filter_msg: Option<String>,
}

impl Diagnosis {
    pub fn add_reason(&mut self, reason: impl Into<String>, nodes: usize) {
        if nodes > 0 {
            *self.reasons.entry(reason.into()).or_default() += nodes;
        }
    }
}

/// `"<count> <reason>"` entries sorted as strings (so `10 …` sorts before `2 …`, as in Go).
pub fn histogram(reasons: &BTreeMap<String, usize>) -> String {
    let mut entries: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
    entries.sort();
    entries.join(", ")
}

impl fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0/{} nodes are available:", self.num_all_nodes)?;
        match &self.pre_filter_msg {
            Some(msg) => write!(f, " {msg}.")?,
            None if !self.reasons.is_empty() => write!(f, " {}.", histogram(&self.reasons))?,
            None => {}
        }
        if let Some(post) = &self.post_filter_msg {
            write!(f, " {post}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnosis_renders_histogram_and_preemption() {
        let mut d = Diagnosis { num_all_nodes: 3, ..Default::default() };
        d.add_reason("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }", 1);
        d.add_reason("Insufficient cpu", 2);
        d.post_filter_msg =
            Some("preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.".into());
        assert_eq!(
            FitError::Unschedulable(d).to_string(),
            "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, \
             2 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
        );
    }

    #[test]
    fn diagnosis_pre_filter_message_replaces_histogram() {
        let d = Diagnosis {
            num_all_nodes: 1,
            pre_filter_msg: Some("persistentvolumeclaim \"data\" not found".into()),
            ..Default::default()
        };
        assert_eq!(d.to_string(), "0/1 nodes are available: persistentvolumeclaim \"data\" not found.");
    }

    #[test]
    fn histogram_sorts_counts_as_text() {
        let mut r = BTreeMap::new();
        r.insert("a".to_string(), 2);
        r.insert("b".to_string(), 10);
        assert_eq!(histogram(&r), "10 b, 2 a");
    }
}
