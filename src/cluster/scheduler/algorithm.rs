//! The scheduling decision: kube-scheduler's default profile reduced to the plugins kx
//! needs, run in the same order so the same reasons come out. Filters: NodeUnschedulable,
//! TaintToleration, NodeAffinity (with its `matchFields` PreFilter), NodePorts,
//! NodeResourcesFit, VolumeBinding (bound claims). Scores: TaintToleration (PreferNoSchedule),
//! NodeAffinity (preferred terms), NodeResourcesFit (least allocated),
//! NodeResourcesBalancedAllocation and PodTopologySpread's system defaults (spreading one
//! owner's pods over hosts and zones). Pure.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Pod, Toleration};

use super::affinity::{NodeSelectorMatcher, TermMatcher, pinned_node_names, tolerated, tolerates};
use super::fit_error::{Diagnosis, FitError, histogram};
use super::node_info::{NodeInfo, PodUsage};
use super::volumes::{VolumeNeeds, Volumes};

const MAX_NODE_SCORE: i64 = 100;

const REASON_UNSCHEDULABLE: &str = "node(s) were unschedulable";
const REASON_AFFINITY: &str = "node(s) didn't match Pod's node affinity/selector";
const REASON_PORTS: &str = "node(s) didn't have free ports for the requested pod ports";
const REASON_VOLUME_CONFLICT: &str = "node(s) had volume node affinity conflict";
const REASON_PV_MISSING: &str = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";
const REASON_AFFINITY_CONFLICT: &str = "pod affinity terms conflict";
const REASON_NOT_PINNED: &str = "node(s) didn't satisfy plugin(s) [NodeAffinity]";
const PREEMPTION_NOT_HELPFUL: &str = "Preemption is not helpful for scheduling";
const PREEMPTION_NO_VICTIMS: &str = "No preemption victims found for incoming pod";

/// Everything a decision needs from the pod, computed once per attempt rather than per node.
pub struct PodInfo<'a> {
    pub pod: &'a Pod,
    pub usage: PodUsage,
    tolerations: &'a [Toleration],
    node_selector: Option<&'a BTreeMap<String, String>>,
    required: Option<NodeSelectorMatcher>,
    pinned: Option<Vec<String>>,
    preferred: Vec<(i64, TermMatcher)>,
    volumes: Result<VolumeNeeds, String>,
    preemption_never: bool,
}

impl<'a> PodInfo<'a> {
    /// Claims to annotate with the chosen node before binding.
    pub fn delayed_claims(&self) -> &[String] {
        self.volumes.as_ref().map(|v| v.delayed_claims.as_slice()).unwrap_or_default()
    }

    pub fn new(pod: &'a Pod, volumes: &Volumes) -> PodInfo<'a> {
        let spec = pod.spec.as_ref();
        let node_affinity = spec.and_then(|s| s.affinity.as_ref()).and_then(|a| a.node_affinity.as_ref());
        let required_selector =
            node_affinity.and_then(|a| a.required_during_scheduling_ignored_during_execution.as_ref());
        PodInfo {
            pod,
            usage: PodUsage::of(pod),
            tolerations: spec.and_then(|s| s.tolerations.as_deref()).unwrap_or_default(),
            node_selector: spec.and_then(|s| s.node_selector.as_ref()).filter(|m| !m.is_empty()),
            required: required_selector.map(NodeSelectorMatcher::new),
            pinned: required_selector.and_then(pinned_node_names),
            preferred: node_affinity
                .and_then(|a| a.preferred_during_scheduling_ignored_during_execution.as_deref())
                .unwrap_or_default()
                .iter()
                .filter(|t| t.weight != 0)
                .map(|t| (i64::from(t.weight), TermMatcher::new(&t.preference)))
                .collect(),
            volumes: volumes.check(pod),
            preemption_never: spec.and_then(|s| s.preemption_policy.as_deref()) == Some("Never"),
        }
    }
}

/// Picks a node for `pod`, or explains in kube-scheduler's words why none fits.
pub fn schedule(pod: &Pod, nodes: &[NodeInfo], volumes: &Volumes) -> Result<String, FitError> {
    let info = PodInfo::new(pod, volumes);
    select(&info, nodes).map(|i| nodes[i].name().to_owned())
}

/// Why one node was filtered out.
enum Rejection {
    /// Preemption cannot help (`UnschedulableAndUnresolvable`).
    Unresolvable(String),
    /// Freeing room on the node could help (`Unschedulable`).
    Unschedulable(Vec<&'static str>, Vec<String>),
}

/// The index in `nodes` of the chosen node. Ties go to the earliest node, so a caller that
/// keeps nodes in a stable order gets reproducible decisions.
pub fn select(pod: &PodInfo, nodes: &[NodeInfo]) -> Result<usize, FitError> {
    if nodes.is_empty() {
        return Err(FitError::NoNodesAvailable);
    }
    let mut diagnosis = Diagnosis { num_all_nodes: nodes.len(), ..Default::default() };
    let pre_filter = match (&pod.pinned, &pod.volumes) {
        (Some(names), _) if names.is_empty() => Some(REASON_AFFINITY_CONFLICT.to_owned()),
        (_, Err(msg)) => Some(msg.clone()),
        _ => None,
    };
    if let Some(msg) = pre_filter {
        diagnosis.pre_filter_msg = Some(msg);
        diagnosis.post_filter_msg = Some(preemption(pod, nodes.len(), nodes.len(), 0));
        return Err(FitError::Unschedulable(diagnosis));
    }
    let candidates: Vec<usize> = match &pod.pinned {
        Some(names) => (0..nodes.len()).filter(|i| names.iter().any(|n| n == nodes[*i].name())).collect(),
        None => (0..nodes.len()).collect(),
    };
    let mut unresolvable = nodes.len() - candidates.len();
    diagnosis.add_reason(REASON_NOT_PINNED, unresolvable);
    let mut unschedulable = 0;
    let mut feasible = Vec::with_capacity(candidates.len());
    for i in candidates {
        match filter(pod, &nodes[i]) {
            None => feasible.push(i),
            Some(Rejection::Unresolvable(reason)) => {
                unresolvable += 1;
                diagnosis.add_reason(reason, 1);
            }
            Some(Rejection::Unschedulable(fixed, formatted)) => {
                unschedulable += 1;
                for r in fixed {
                    diagnosis.add_reason(r, 1);
                }
                for r in formatted {
                    diagnosis.add_reason(r, 1);
                }
            }
        }
    }
    if feasible.is_empty() {
        diagnosis.post_filter_msg = Some(preemption(pod, nodes.len(), unresolvable, unschedulable));
        return Err(FitError::Unschedulable(diagnosis));
    }
    if feasible.len() == 1 {
        return Ok(feasible[0]);
    }
    let totals = score(pod, nodes, &feasible);
    let mut best = 0;
    for (k, total) in totals.iter().enumerate() {
        if *total > totals[best] {
            best = k;
        }
    }
    Ok(feasible[best])
}

/// The DefaultPreemption PostFilter's message. kx does not preempt, so a node where freeing
/// room could help reports that no victims were found, which is exactly what kube-scheduler
/// says when the pods there do not have a lower priority.
fn preemption(pod: &PodInfo, all: usize, unresolvable: usize, unschedulable: usize) -> String {
    if pod.preemption_never {
        return "preemption: not eligible due to preemptionPolicy=Never.".to_owned();
    }
    let mut reasons = BTreeMap::new();
    if unresolvable > 0 {
        reasons.insert(PREEMPTION_NOT_HELPFUL.to_owned(), unresolvable);
    }
    if unschedulable > 0 {
        reasons.insert(PREEMPTION_NO_VICTIMS.to_owned(), unschedulable);
    }
    format!("preemption: 0/{all} nodes are available: {}.", histogram(&reasons))
}

/// The filters in the default profile's order; the first that rejects the node decides.
fn filter(pod: &PodInfo, info: &NodeInfo) -> Option<Rejection> {
    let node = info.node();
    let spec = node.spec.as_ref();
    let name = info.name();
    let empty = BTreeMap::new();
    let labels = node.metadata.labels.as_ref().unwrap_or(&empty);

    // NodeUnschedulable
    if spec.and_then(|s| s.unschedulable) == Some(true)
        && !pod.tolerations.iter().any(|t| tolerates(t, "node.kubernetes.io/unschedulable", "", "NoSchedule"))
    {
        return Some(Rejection::Unresolvable(REASON_UNSCHEDULABLE.to_owned()));
    }
    // TaintToleration
    for taint in spec.and_then(|s| s.taints.as_deref()).unwrap_or_default() {
        if (taint.effect == "NoSchedule" || taint.effect == "NoExecute") && !tolerated(pod.tolerations, taint) {
            return Some(Rejection::Unresolvable(format!(
                "node(s) had untolerated taint {{{}: {}}}",
                taint.key,
                taint.value.as_deref().unwrap_or_default()
            )));
        }
    }
    // NodeAffinity
    let selector_ok = pod.node_selector.is_none_or(|sel| sel.iter().all(|(k, v)| labels.get(k) == Some(v)));
    if !selector_ok || pod.required.as_ref().is_some_and(|r| !r.matches(name, labels)) {
        return Some(Rejection::Unresolvable(REASON_AFFINITY.to_owned()));
    }
    // NodePorts
    if pod.usage.ports.iter().any(|p| info.port_conflicts(p)) {
        return Some(Rejection::Unschedulable(vec![REASON_PORTS], Vec::new()));
    }
    // NodeResourcesFit
    if let Some(r) = insufficient(pod, info) {
        return Some(r);
    }
    // VolumeBinding
    if let Ok(needs) = &pod.volumes {
        if needs.missing_volume {
            return Some(Rejection::Unresolvable(REASON_PV_MISSING.to_owned()));
        }
        if needs.node_affinity.iter().any(|m| !m.matches(name, labels)) {
            return Some(Rejection::Unresolvable(REASON_VOLUME_CONFLICT.to_owned()));
        }
    }
    None
}

/// `fitsRequest`: every resource the pod asks for against what the node has left.
fn insufficient(pod: &PodInfo, info: &NodeInfo) -> Option<Rejection> {
    let want = &pod.usage.requests.requests;
    let alloc = info.allocatable();
    let used = info.requested();
    let mut fixed = Vec::new();
    if info.pod_count() + 1 > alloc.pods {
        fixed.push("Too many pods");
    }
    if want.milli_cpu > 0 && want.milli_cpu > alloc.milli_cpu - used.milli_cpu {
        fixed.push("Insufficient cpu");
    }
    if want.memory > 0 && want.memory > alloc.memory - used.memory {
        fixed.push("Insufficient memory");
    }
    if want.ephemeral_storage > 0 && want.ephemeral_storage > alloc.ephemeral_storage - used.ephemeral_storage {
        fixed.push("Insufficient ephemeral-storage");
    }
    let mut formatted = Vec::new();
    for (name, amount) in &want.scalar {
        if *amount > 0 && *amount > alloc.scalar(name) - used.scalar(name) {
            formatted.push(format!("Insufficient {name}"));
        }
    }
    if fixed.is_empty() && formatted.is_empty() { None } else { Some(Rejection::Unschedulable(fixed, formatted)) }
}

/// Weighted sum of the normalised plugin scores for each feasible node, in `feasible` order.
fn score(pod: &PodInfo, nodes: &[NodeInfo], feasible: &[usize]) -> Vec<i64> {
    let n = feasible.len();
    let mut totals = vec![0i64; n];
    let mut raw = vec![0i64; n];

    // TaintToleration (weight 3): fewer untolerated PreferNoSchedule taints is better.
    let soft: Vec<&Toleration> = pod
        .tolerations
        .iter()
        .filter(|t| t.effect.as_deref().is_none_or(|e| e.is_empty() || e == "PreferNoSchedule"))
        .collect();
    for (k, i) in feasible.iter().enumerate() {
        let taints = nodes[*i].node().spec.as_ref().and_then(|s| s.taints.as_deref()).unwrap_or_default();
        raw[k] = taints
            .iter()
            .filter(|t| t.effect == "PreferNoSchedule")
            .filter(|t| {
                let value = t.value.as_deref().unwrap_or_default();
                !soft.iter().any(|tol| tolerates(tol, &t.key, value, &t.effect))
            })
            .count() as i64;
    }
    add_normalized(&mut totals, &raw, 3, true);

    // NodeAffinity (weight 2): sum of the weights of matching preferred terms.
    if !pod.preferred.is_empty() {
        let empty = BTreeMap::new();
        for (k, i) in feasible.iter().enumerate() {
            let node = &nodes[*i];
            let labels = node.node().metadata.labels.as_ref().unwrap_or(&empty);
            raw[k] = pod.preferred.iter().filter(|(_, term)| term.matches(node.name(), labels)).map(|(w, _)| *w).sum();
        }
        add_normalized(&mut totals, &raw, 2, false);
    }

    // NodeResourcesFit, LeastAllocated (weight 1) and BalancedAllocation (weight 1).
    let want = &pod.usage.requests;
    for (k, i) in feasible.iter().enumerate() {
        let node = &nodes[*i];
        let alloc = node.allocatable();
        let (nz_cpu, nz_mem) = node.non_zero_requested();
        let least = (least_allocated(nz_cpu + want.non_zero_milli_cpu, alloc.milli_cpu)
            + least_allocated(nz_mem + want.non_zero_memory, alloc.memory))
            / 2;
        let used = node.requested();
        let fractions = [
            fraction(used.milli_cpu + want.requests.milli_cpu, alloc.milli_cpu),
            fraction(used.memory + want.requests.memory, alloc.memory),
        ];
        let balanced = match fractions {
            [Some(a), Some(b)] => ((1.0 - (a - b).abs() / 2.0) * MAX_NODE_SCORE as f64) as i64,
            _ => MAX_NODE_SCORE,
        };
        totals[k] += least + balanced;
    }

    // PodTopologySpread system defaults (weight 2): hosts (maxSkew 3) and zones (maxSkew 5),
    // counting pods of the same controller.
    if let Some(owner) = &pod.usage.owner {
        let counts: Vec<i64> = feasible.iter().map(|i| i64::from(nodes[*i].owner_count(owner))).collect();
        // Clusters have a handful of zones: a short list beats hashing.
        let mut zones: Vec<(&str, i64)> = Vec::new();
        for (k, i) in feasible.iter().enumerate() {
            if let Some(z) = nodes[*i].zone() {
                match zones.iter_mut().find(|(name, _)| *name == z) {
                    Some((_, c)) => *c += counts[k],
                    None => zones.push((z, counts[k])),
                }
            }
        }
        let host_weight = ((n + 2) as f64).ln();
        let zone_weight = ((zones.len() + 2) as f64).ln();
        for (k, i) in feasible.iter().enumerate() {
            // Every node is its own host domain, labelled `kubernetes.io/hostname` or not.
            let mut s = counts[k] as f64 * host_weight + 2.0;
            if let Some(z) = nodes[*i].zone() {
                let in_zone = zones.iter().find(|(name, _)| *name == z).map_or(0, |(_, c)| *c);
                s += in_zone as f64 * zone_weight + 4.0;
            }
            raw[k] = s.round() as i64;
        }
        let min = raw[..n].iter().copied().min().unwrap_or(0);
        let max = raw[..n].iter().copied().max().unwrap_or(0);
        for k in 0..n {
            let s = if max == 0 { MAX_NODE_SCORE } else { MAX_NODE_SCORE * (max + min - raw[k]) / max };
            totals[k] += 2 * s;
        }
    }
    totals
}

fn least_allocated(requested: i64, capacity: i64) -> i64 {
    if capacity <= 0 || requested > capacity { 0 } else { (capacity - requested) * MAX_NODE_SCORE / capacity }
}

fn fraction(requested: i64, capacity: i64) -> Option<f64> {
    (capacity > 0).then(|| (requested as f64 / capacity as f64).min(1.0))
}

/// `helper.DefaultNormalizeScore`: scale to 0..=100 by the maximum, optionally reversed.
fn add_normalized(totals: &mut [i64], raw: &[i64], weight: i64, reverse: bool) {
    let max = raw[..totals.len()].iter().copied().max().unwrap_or(0);
    for (t, r) in totals.iter_mut().zip(raw) {
        let s = match (max, reverse) {
            (0, true) => MAX_NODE_SCORE,
            (0, false) => 0,
            (m, true) => MAX_NODE_SCORE - MAX_NODE_SCORE * r / m,
            (m, false) => MAX_NODE_SCORE * r / m,
        };
        *t += weight * s;
    }
}
