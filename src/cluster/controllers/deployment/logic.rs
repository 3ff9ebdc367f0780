//! The Deployment controller's decisions as plain functions (kubernetes
//! `pkg/controller/deployment/util/deployment_util.go`, `rolling.go`, `sync.go`, `progress.go`):
//! which ReplicaSet is new, how far each may be scaled under maxSurge/maxUnavailable, the
//! revision annotations, the status and its Available/Progressing conditions.

use std::collections::BTreeMap;

use jiff::Timestamp;
use k8s_openapi::api::apps::v1::{Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet};
use k8s_openapi::api::core::v1::PodTemplateSpec;

use crate::cluster::controllers::util::{self, POD_TEMPLATE_HASH};

pub const REVISION: &str = "deployment.kubernetes.io/revision";
pub const REVISION_HISTORY: &str = "deployment.kubernetes.io/revision-history";
pub const DESIRED_REPLICAS: &str = "deployment.kubernetes.io/desired-replicas";
pub const MAX_REPLICAS: &str = "deployment.kubernetes.io/max-replicas";
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";
const ROLLBACK_TO: &str = "deprecated.deployment.rollback.to";

/// The longest revision-history annotation kube keeps (`maxRevHistoryLengthInChars`).
const MAX_REV_HISTORY_CHARS: usize = 2000;

// Condition reasons, as kube spells them.
pub const NEW_RS_AVAILABLE: &str = "NewReplicaSetAvailable";
pub const TIMED_OUT: &str = "ProgressDeadlineExceeded";
pub const RS_UPDATED: &str = "ReplicaSetUpdated";
pub const NEW_RS_CREATED: &str = "NewReplicaSetCreated";
pub const FOUND_NEW_RS: &str = "FoundNewReplicaSet";
pub const PAUSED: &str = "DeploymentPaused";
pub const RESUMED: &str = "DeploymentResumed";
pub const FAILED_RS_CREATE: &str = "ReplicaSetCreateError";

pub fn replicas(d: &Deployment) -> i32 {
    d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)
}

pub fn rs_replicas(rs: &ReplicaSet) -> i32 {
    rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1)
}

pub fn set_rs_replicas(rs: &mut ReplicaSet, n: i32) {
    rs.spec.get_or_insert_with(Default::default).replicas = Some(n);
}

fn rs_status_replicas(rs: &ReplicaSet) -> i32 {
    rs.status.as_ref().map_or(0, |s| s.replicas)
}

pub fn rs_available(rs: &ReplicaSet) -> i32 {
    rs.status.as_ref().and_then(|s| s.available_replicas).unwrap_or(0)
}

fn rs_ready(rs: &ReplicaSet) -> i32 {
    rs.status.as_ref().and_then(|s| s.ready_replicas).unwrap_or(0)
}

pub fn is_recreate(d: &Deployment) -> bool {
    d.spec.as_ref().and_then(|s| s.strategy.as_ref()).and_then(|s| s.type_.as_deref()) == Some("Recreate")
}

pub fn is_paused(d: &Deployment) -> bool {
    d.spec.as_ref().and_then(|s| s.paused).unwrap_or(false)
}

pub fn min_ready_seconds(d: &Deployment) -> i32 {
    d.spec.as_ref().and_then(|s| s.min_ready_seconds).unwrap_or(0)
}

/// `progressDeadlineSeconds`, with kube's default of 600; `None` when it is "never" (MaxInt32).
pub fn progress_deadline(d: &Deployment) -> Option<i32> {
    match d.spec.as_ref().and_then(|s| s.progress_deadline_seconds) {
        Some(i32::MAX) => None,
        Some(s) => Some(s),
        None => Some(600),
    }
}

pub fn revision_history_limit(d: &Deployment) -> i32 {
    d.spec.as_ref().and_then(|s| s.revision_history_limit).unwrap_or(10)
}

pub fn template(d: &Deployment) -> PodTemplateSpec {
    d.spec.as_ref().map(|s| s.template.clone()).unwrap_or_default()
}

/// maxSurge and maxUnavailable resolved against the replica count; both zero is not allowed,
/// so maxUnavailable becomes 1 (`ResolveFenceposts`).
pub fn resolve_fenceposts(d: &Deployment) -> (i32, i32) {
    let ru = d.spec.as_ref().and_then(|s| s.strategy.as_ref()).and_then(|s| s.rolling_update.as_ref());
    let desired = replicas(d);
    let surge = util::scaled_value(ru.and_then(|r| r.max_surge.as_ref()), desired, true, "25%");
    let unavailable = util::scaled_value(ru.and_then(|r| r.max_unavailable.as_ref()), desired, false, "25%");
    if surge == 0 && unavailable == 0 { (0, 1) } else { (surge, unavailable) }
}

pub fn max_surge(d: &Deployment) -> i32 {
    if is_recreate(d) { 0 } else { resolve_fenceposts(d).0 }
}

pub fn max_unavailable(d: &Deployment) -> i32 {
    if is_recreate(d) || replicas(d) == 0 {
        return 0;
    }
    resolve_fenceposts(d).1.min(replicas(d))
}

pub fn revision(rs: &ReplicaSet) -> i64 {
    rs.metadata.annotations.as_ref().and_then(|a| a.get(REVISION)).and_then(|r| r.parse().ok()).unwrap_or(0)
}

pub fn max_revision<'a>(rss: impl IntoIterator<Item = &'a ReplicaSet>) -> i64 {
    rss.into_iter().map(revision).max().unwrap_or(0)
}

/// Templates equal once the pod-template-hash label is ignored (`EqualIgnoreHash`), compared
/// as apimachinery's semantic equality does: an empty list, map or struct equals an absent one
/// (Go has no "absent" for them, so a template that went through kubectl gains `resources: {}`).
pub fn equal_ignore_hash(a: &PodTemplateSpec, b: &PodTemplateSpec) -> bool {
    fn normal(t: &PodTemplateSpec) -> serde_json::Value {
        let mut v = serde_json::to_value(t).unwrap_or_default();
        if let Some(l) = v.pointer_mut("/metadata/labels").and_then(serde_json::Value::as_object_mut) {
            l.remove(POD_TEMPLATE_HASH);
        }
        prune_empty(v)
    }
    normal(a) == normal(b)
}

fn prune_empty(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    let empty = |v: &Value| match v {
        Value::Object(o) => o.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Null => true,
        _ => false,
    };
    match v {
        Value::Object(m) => {
            Value::Object(m.into_iter().map(|(k, v)| (k, prune_empty(v))).filter(|(_, v)| !empty(v)).collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(prune_empty).collect()),
        other => other,
    }
}

fn created(rs: &ReplicaSet) -> (Option<Timestamp>, String) {
    (rs.metadata.creation_timestamp.as_ref().map(|t| t.0), rs.metadata.name.clone().unwrap_or_default())
}

/// Oldest first (`ReplicaSetsByCreationTimestamp`).
pub fn sort_by_creation(rss: &mut [ReplicaSet]) {
    rss.sort_by_key(created);
}

/// The index of the ReplicaSet whose template is the deployment's; the oldest if several are.
pub fn find_new(d: &Deployment, rss: &[ReplicaSet]) -> Option<usize> {
    let t = template(d);
    let mut idx: Vec<usize> = (0..rss.len()).collect();
    idx.sort_by_key(|i| created(&rss[*i]));
    idx.into_iter()
        .find(|i| rss[*i].spec.as_ref().and_then(|s| s.template.as_ref()).is_some_and(|rt| equal_ignore_hash(rt, &t)))
}

/// How many replicas the new ReplicaSet may have now (`NewRSNewReplicas`).
pub fn new_rs_new_replicas(d: &Deployment, all: &[&ReplicaSet], new_rs_replicas: i32) -> i32 {
    if is_recreate(d) {
        return replicas(d);
    }
    let current: i32 = all.iter().map(|r| rs_replicas(r)).sum();
    let max_total = replicas(d) + max_surge(d);
    if current >= max_total {
        return new_rs_replicas;
    }
    let up = (max_total - current).min(replicas(d) - new_rs_replicas);
    new_rs_replicas + up
}

/// Annotations a Deployment passes on to its ReplicaSets: all but the ones that describe the
/// Deployment itself (`skipCopyAnnotation`).
pub fn copied_annotation(key: &str) -> bool {
    !matches!(key, LAST_APPLIED | REVISION | REVISION_HISTORY | DESIRED_REPLICAS | MAX_REPLICAS | ROLLBACK_TO)
}

/// Copy the deployment's annotations onto `rs`; whether anything changed.
fn copy_annotations(d: &Deployment, rs: &mut ReplicaSet) -> bool {
    let mut changed = false;
    let target = rs.metadata.annotations.get_or_insert_with(BTreeMap::new);
    for (k, v) in d.metadata.annotations.iter().flatten() {
        if copied_annotation(k) && target.get(k) != Some(v) {
            target.insert(k.clone(), v.clone());
            changed = true;
        }
    }
    changed
}

/// Set desired-replicas and max-replicas; whether anything changed.
pub fn set_replicas_annotations(rs: &mut ReplicaSet, desired: i32, max: i32) -> bool {
    let a = rs.metadata.annotations.get_or_insert_with(BTreeMap::new);
    let mut changed = false;
    for (k, v) in [(DESIRED_REPLICAS, desired), (MAX_REPLICAS, max)] {
        let v = v.to_string();
        if a.get(k) != Some(&v) {
            a.insert(k.to_string(), v);
            changed = true;
        }
    }
    changed
}

/// The annotations of the new ReplicaSet for `new_revision` (`SetNewReplicaSetAnnotations`);
/// whether anything changed. A ReplicaSet brought back by a rollback gets the new revision and
/// remembers its old ones in revision-history.
pub fn set_new_rs_annotations(d: &Deployment, rs: &mut ReplicaSet, new_revision: i64, exists: bool) -> bool {
    let mut changed = copy_annotations(d, rs);
    let a = rs.metadata.annotations.get_or_insert_with(BTreeMap::new);
    let old = a.get(REVISION).cloned().unwrap_or_default();
    let old_num: i64 = old.parse().unwrap_or(0);
    if old_num < new_revision {
        a.insert(REVISION.into(), new_revision.to_string());
        changed = true;
        if !old.is_empty() {
            let history = match a.get(REVISION_HISTORY) {
                Some(h) if !h.is_empty() => format!("{h},{old}"),
                _ => old,
            };
            // Keep the newest entries that fit.
            let mut parts: Vec<&str> = history.split(',').collect();
            while parts.join(",").len() > MAX_REV_HISTORY_CHARS && parts.len() > 1 {
                parts.remove(0);
            }
            a.insert(REVISION_HISTORY.into(), parts.join(","));
        }
    }
    if !exists {
        set_replicas_annotations(rs, replicas(d), replicas(d) + max_surge(d));
        changed = true;
    }
    changed
}

/// Whether any active ReplicaSet was sized for a different replica count (`isScalingEvent`).
pub fn is_scaling_event(d: &Deployment, all: &[&ReplicaSet]) -> bool {
    all.iter().filter(|r| rs_replicas(r) > 0).any(|r| {
        r.metadata
            .annotations
            .as_ref()
            .and_then(|a| a.get(DESIRED_REPLICAS))
            .and_then(|v| v.parse::<i32>().ok())
            .is_some_and(|desired| desired != replicas(d))
    })
}

/// The only active ReplicaSet, or the newest if none is active; `None` if several are.
pub fn find_active_or_latest(new: Option<usize>, rss: &[ReplicaSet]) -> Option<usize> {
    let active: Vec<usize> = (0..rss.len()).filter(|i| rs_replicas(&rss[*i]) > 0).collect();
    match active.len() {
        0 => new.or_else(|| (0..rss.len()).max_by_key(|i| created(&rss[*i]))),
        1 => Some(active[0]),
        _ => None,
    }
}

/// The new ReplicaSet has all replicas, all available (`IsSaturated`).
pub fn is_saturated(d: &Deployment, rs: &ReplicaSet) -> bool {
    let desired_annotation =
        rs.metadata.annotations.as_ref().and_then(|a| a.get(DESIRED_REPLICAS)).and_then(|v| v.parse().ok());
    rs_replicas(rs) == replicas(d) && desired_annotation == Some(replicas(d)) && rs_available(rs) == replicas(d)
}

/// How many replicas `rs` gains (or loses, negative) when `to_add` are spread proportionally
/// over the active ReplicaSets (`GetReplicaSetProportion`).
pub fn proportion(rs: &ReplicaSet, d: &Deployment, to_add: i32, added: i32) -> i32 {
    if rs_replicas(rs) == 0 || to_add == 0 || to_add == added {
        return 0;
    }
    let fraction = fraction(rs, d);
    let allowed = to_add - added;
    if to_add > 0 { fraction.min(allowed) } else { fraction.max(allowed) }
}

fn fraction(rs: &ReplicaSet, d: &Deployment) -> i32 {
    if replicas(d) == 0 {
        return -rs_replicas(rs);
    }
    let max_now = replicas(d) + max_surge(d);
    let before = rs
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(MAX_REPLICAS))
        .and_then(|v| v.parse::<i32>().ok())
        .filter(|v| *v != 0)
        .or_else(|| d.status.as_ref().and_then(|s| s.replicas).filter(|r| *r != 0));
    let Some(before) = before else { return 0 };
    let size = f64::from(rs_replicas(rs)) * f64::from(max_now) / f64::from(before);
    size.round() as i32 - rs_replicas(rs)
}

/// New sizes for a proportional scale of the active ReplicaSets (`scale`, rolling case):
/// `(index, new size)` for every active ReplicaSet.
pub fn proportional_sizes(d: &Deployment, rss: &[ReplicaSet]) -> Vec<(usize, i32)> {
    let mut active: Vec<usize> = (0..rss.len()).filter(|i| rs_replicas(&rss[*i]) > 0).collect();
    let total: i32 = active.iter().map(|i| rs_replicas(&rss[*i])).sum();
    let allowed = if replicas(d) > 0 { replicas(d) + max_surge(d) } else { 0 };
    let to_add = allowed - total;
    // Larger first; among equals newer first when growing and older first when shrinking.
    active.sort_by(|a, b| {
        let (ra, rb) = (&rss[*a], &rss[*b]);
        rs_replicas(rb)
            .cmp(&rs_replicas(ra))
            .then_with(|| if to_add > 0 { created(rb).cmp(&created(ra)) } else { created(ra).cmp(&created(rb)) })
    });
    let mut added = 0;
    let mut sizes: Vec<(usize, i32)> = Vec::with_capacity(active.len());
    for i in &active {
        let rs = &rss[*i];
        if to_add != 0 {
            let p = proportion(rs, d, to_add, added);
            sizes.push((*i, rs_replicas(rs) + p));
            added += p;
        } else {
            sizes.push((*i, rs_replicas(rs)));
        }
    }
    if to_add != 0
        && let Some(first) = sizes.first_mut()
    {
        first.1 = (first.1 + to_add - added).max(0);
    }
    sizes
}

/// How many old replicas may go now (`reconcileOldReplicaSets`): old ReplicaSets with
/// unhealthy pods shrink first, then the oldest, never below `replicas - maxUnavailable`
/// available. Returns `(index, new size)` for the old ReplicaSets to scale down, in order.
pub fn old_scale_down_plan(d: &Deployment, rss: &[ReplicaSet], new: Option<usize>) -> Vec<(usize, i32)> {
    let mut old: Vec<usize> = (0..rss.len()).filter(|i| Some(*i) != new && rs_replicas(&rss[*i]) > 0).collect();
    let old_count: i32 = old.iter().map(|i| rs_replicas(&rss[*i])).sum();
    if old_count == 0 {
        return Vec::new();
    }
    let all_count: i32 = rss.iter().map(rs_replicas).sum();
    let min_available = replicas(d) - max_unavailable(d);
    let new_unavailable = new.map_or(0, |n| rs_replicas(&rss[n]) - rs_available(&rss[n]));
    let max_scaled_down = all_count - min_available - new_unavailable;
    if max_scaled_down <= 0 {
        return Vec::new();
    }
    old.sort_by_key(|i| created(&rss[*i]));
    let mut sizes: BTreeMap<usize, i32> = old.iter().map(|i| (*i, rs_replicas(&rss[*i]))).collect();
    let mut order: Vec<usize> = Vec::new();
    // Unhealthy replicas first: removing them costs no availability.
    let mut cleaned = 0;
    for i in &old {
        if cleaned >= max_scaled_down {
            break;
        }
        let size = sizes[i];
        let unhealthy = size - rs_available(&rss[*i]);
        if size == 0 || unhealthy <= 0 {
            continue;
        }
        let down = (max_scaled_down - cleaned).min(unhealthy);
        sizes.insert(*i, size - down);
        cleaned += down;
        order.push(*i);
    }
    // Then available ones, as far as availability allows.
    let available: i32 = rss.iter().map(rs_available).sum();
    if available > min_available {
        let budget = available - min_available;
        let mut scaled = 0;
        for i in &old {
            if scaled >= budget {
                break;
            }
            let size = sizes[i];
            if size == 0 {
                continue;
            }
            let down = size.min(budget - scaled);
            sizes.insert(*i, size - down);
            scaled += down;
            if !order.contains(i) {
                order.push(*i);
            }
        }
    }
    order.into_iter().map(|i| (i, sizes[&i])).filter(|(i, s)| *s != rs_replicas(&rss[*i])).collect()
}

/// Old ReplicaSets to delete beyond revisionHistoryLimit, oldest revision first
/// (`cleanupDeployment`): only empty ones that have settled.
pub fn cleanup_candidates(d: &Deployment, old: &[&ReplicaSet]) -> Vec<String> {
    let limit = revision_history_limit(d).max(0) as usize;
    let mut alive: Vec<&ReplicaSet> = old.iter().copied().filter(|r| !util::is_terminating(*r)).collect();
    if alive.len() <= limit {
        return Vec::new();
    }
    let diff = alive.len() - limit;
    alive.sort_by_key(|r| (revision(r), created(r)));
    alive
        .into_iter()
        .take(diff)
        .filter(|r| {
            let observed = r.status.as_ref().and_then(|s| s.observed_generation).unwrap_or(0);
            rs_status_replicas(r) == 0 && rs_replicas(r) == 0 && r.metadata.generation.unwrap_or(0) <= observed
        })
        .filter_map(|r| r.metadata.name.clone())
        .collect()
}

pub fn condition<'a>(status: &'a DeploymentStatus, type_: &str) -> Option<&'a DeploymentCondition> {
    status.conditions.as_ref()?.iter().find(|c| c.type_ == type_)
}

pub fn new_condition(type_: &str, status: &str, reason: &str, message: String, now: Timestamp) -> DeploymentCondition {
    DeploymentCondition {
        type_: type_.into(),
        status: status.into(),
        reason: Some(reason.into()),
        message: Some(message),
        last_update_time: Some(util::time(now)),
        last_transition_time: Some(util::time(now)),
    }
}

/// Set a condition; one with the same status and reason is left as it is, and the transition
/// time only moves when the status does (`SetDeploymentCondition`).
pub fn set_condition(status: &mut DeploymentStatus, mut c: DeploymentCondition) {
    if let Some(cur) = condition(status, &c.type_) {
        if cur.status == c.status && cur.reason == c.reason {
            return;
        }
        if cur.status == c.status {
            c.last_transition_time = cur.last_transition_time.clone();
        }
    }
    remove_condition(status, &c.type_);
    status.conditions.get_or_insert_with(Vec::new).push(c);
}

pub fn remove_condition(status: &mut DeploymentStatus, type_: &str) {
    if let Some(cs) = status.conditions.as_mut() {
        cs.retain(|c| c.type_ != type_);
        if cs.is_empty() {
            status.conditions = None;
        }
    }
}

/// Counts from the ReplicaSets and the Available condition (`calculateStatus`).
pub fn calculate_status(
    d: &Deployment,
    all: &[&ReplicaSet],
    new: Option<&ReplicaSet>,
    now: Timestamp,
) -> DeploymentStatus {
    let available: i32 = all.iter().map(|r| rs_available(r)).sum();
    let total: i32 = all.iter().map(|r| rs_replicas(r)).sum();
    let old = d.status.clone().unwrap_or_default();
    let nonzero = |v: i32| if v == 0 { None } else { Some(v) };
    let mut status = DeploymentStatus {
        observed_generation: d.metadata.generation,
        replicas: nonzero(all.iter().map(|r| rs_status_replicas(r)).sum()),
        updated_replicas: nonzero(new.map_or(0, rs_status_replicas)),
        ready_replicas: nonzero(all.iter().map(|r| rs_ready(r)).sum()),
        available_replicas: nonzero(available),
        unavailable_replicas: nonzero((total - available).max(0)),
        collision_count: old.collision_count,
        conditions: old.conditions.clone(),
        terminating_replicas: old.terminating_replicas,
    };
    if available >= replicas(d) - max_unavailable(d) {
        set_condition(
            &mut status,
            new_condition(
                "Available",
                "True",
                "MinimumReplicasAvailable",
                "Deployment has minimum availability.".into(),
                now,
            ),
        );
    } else {
        set_condition(
            &mut status,
            new_condition(
                "Available",
                "False",
                "MinimumReplicasUnavailable",
                "Deployment does not have minimum availability.".into(),
                now,
            ),
        );
    }
    status
}

fn count(v: Option<i32>) -> i32 {
    v.unwrap_or(0)
}

/// Every replica is updated and available, and the spec has been observed (`DeploymentComplete`).
pub fn is_complete(d: &Deployment, s: &DeploymentStatus) -> bool {
    let r = replicas(d);
    count(s.updated_replicas) == r
        && count(s.replicas) == r
        && count(s.available_replicas) == r
        && s.observed_generation.unwrap_or(0) >= d.metadata.generation.unwrap_or(0)
}

/// Whether `new` shows progress over the deployment's current status (`DeploymentProgressing`).
pub fn is_progressing(d: &Deployment, new: &DeploymentStatus) -> bool {
    let old = d.status.clone().unwrap_or_default();
    let old_old = count(old.replicas) - count(old.updated_replicas);
    let new_old = count(new.replicas) - count(new.updated_replicas);
    count(new.updated_replicas) > count(old.updated_replicas)
        || new_old < old_old
        || count(new.ready_replicas) > count(old.ready_replicas)
        || count(new.available_replicas) > count(old.available_replicas)
}

/// The Progressing condition was last updated more than progressDeadlineSeconds ago
/// (`DeploymentTimedOut`).
pub fn is_timed_out(d: &Deployment, s: &DeploymentStatus, now: Timestamp) -> bool {
    let Some(deadline) = progress_deadline(d) else { return false };
    let Some(c) = condition(s, "Progressing") else { return false };
    match c.reason.as_deref() {
        Some(NEW_RS_AVAILABLE) => false,
        Some(TIMED_OUT) => true,
        _ => c.last_update_time.as_ref().is_some_and(|from| {
            from.0.saturating_add(jiff::SignedDuration::from_secs(deadline.into())).is_ok_and(|t| t < now)
        }),
    }
}

/// The status after a rollout step, with the Progressing condition (`syncRolloutStatus`), and
/// when to check again for a deadline.
pub fn rollout_status(
    d: &Deployment,
    all: &[&ReplicaSet],
    new: Option<&ReplicaSet>,
    now: Timestamp,
) -> (DeploymentStatus, Option<std::time::Duration>) {
    let mut s = calculate_status(d, all, new, now);
    if progress_deadline(d).is_none() {
        remove_condition(&mut s, "Progressing");
    }
    let current = d.status.as_ref().and_then(|st| condition(st, "Progressing")).cloned();
    let complete_already = count(s.replicas) == count(s.updated_replicas)
        && current.as_ref().is_some_and(|c| c.reason.as_deref() == Some(NEW_RS_AVAILABLE));
    let name = |what: &str| match new {
        Some(rs) => format!("ReplicaSet \"{}\" {what}", rs.metadata.name.as_deref().unwrap_or("")),
        None => format!("Deployment \"{}\" {what}", d.metadata.name.as_deref().unwrap_or("")),
    };
    if progress_deadline(d).is_some() && !complete_already {
        if is_complete(d, &s) {
            set_condition(
                &mut s,
                new_condition("Progressing", "True", NEW_RS_AVAILABLE, name("has successfully progressed."), now),
            );
        } else if is_progressing(d, &s) {
            let mut c = new_condition("Progressing", "True", RS_UPDATED, name("is progressing."), now);
            // Progress moves lastUpdateTime even when the reason stays the same.
            if let Some(cur) = &current {
                if cur.status == "True" {
                    c.last_transition_time = cur.last_transition_time.clone();
                }
                remove_condition(&mut s, "Progressing");
            }
            set_condition(&mut s, c);
        } else if is_timed_out(d, &s, now) {
            set_condition(
                &mut s,
                new_condition("Progressing", "False", TIMED_OUT, name("has timed out progressing."), now),
            );
        }
    }
    match all
        .iter()
        .filter_map(|r| r.status.as_ref()?.conditions.as_ref()?.iter().find(|c| c.type_ == "ReplicaFailure"))
        .next()
    {
        Some(f) => set_condition(
            &mut s,
            DeploymentCondition {
                type_: "ReplicaFailure".into(),
                status: f.status.clone(),
                reason: f.reason.clone(),
                message: f.message.clone(),
                last_update_time: f.last_transition_time.clone(),
                last_transition_time: f.last_transition_time.clone(),
            },
        ),
        None => remove_condition(&mut s, "ReplicaFailure"),
    }
    (s.clone(), requeue_stuck(d, &s, now))
}

/// When a rollout that is not progressing should be checked for its deadline
/// (`requeueStuckDeployment`).
fn requeue_stuck(d: &Deployment, s: &DeploymentStatus, now: Timestamp) -> Option<std::time::Duration> {
    let deadline = progress_deadline(d)?;
    let c = d.status.as_ref().and_then(|st| condition(st, "Progressing"))?;
    if is_complete(d, s) || c.reason.as_deref() == Some(TIMED_OUT) {
        return None;
    }
    let from = c.last_update_time.as_ref()?.0;
    let at = from.saturating_add(jiff::SignedDuration::from_secs(deadline.into())).ok()?;
    let after = std::time::Duration::try_from(at.duration_since(now)).unwrap_or_default();
    Some(if after < std::time::Duration::from_secs(1) {
        std::time::Duration::from_secs(1)
    } else {
        after + std::time::Duration::from_secs(1)
    })
}

/// The Progressing condition for a paused or resumed deployment, if it must change
/// (`checkPausedConditions`).
pub fn paused_condition(d: &Deployment, now: Timestamp) -> Option<DeploymentCondition> {
    progress_deadline(d)?;
    let cur = d.status.as_ref().and_then(|s| condition(s, "Progressing"));
    if cur.is_some_and(|c| c.reason.as_deref() == Some(TIMED_OUT)) {
        return None;
    }
    let paused_exists = cur.is_some_and(|c| c.reason.as_deref() == Some(PAUSED));
    if is_paused(d) && !paused_exists {
        Some(new_condition("Progressing", "Unknown", PAUSED, "Deployment is paused".into(), now))
    } else if !is_paused(d) && paused_exists {
        Some(new_condition("Progressing", "Unknown", RESUMED, "Deployment is resumed".into(), now))
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
