//! Workload controllers: Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs and
//! CronJobs, each with its pod template and, where kubectl shows them, pod counts and
//! ReplicaSets.

use jiff::Timestamp;
use serde_json::Value;

use super::pod::{int_or_string, pod_template};
use super::writer::{
    Out, annotations, arr, bool_at, controller, events, get, go_list, int, labels, labels_multiline, object_header,
    rfc1123z, smap, st,
};
use crate::k8s::selector::{LabelSelector, format_label_selector};
use crate::k8s::table::human_duration;

/// Pods a controller owns, by phase: running, waiting (pending), succeeded, failed.
pub type PodCounts = (usize, usize, usize, usize);

/// `getPodStatusForController` over pods already listed with the controller's selector.
pub fn pod_counts(pods: &[Value], owner_uid: &str) -> PodCounts {
    let mut c = (0, 0, 0, 0);
    for p in pods {
        let owned =
            arr(p, "metadata.ownerReferences").iter().any(|r| bool_at(r, "controller") && st(r, "uid") == owner_uid);
        if !owned {
            continue;
        }
        match st(p, "status.phase") {
            "Running" => c.0 += 1,
            "Pending" => c.1 += 1,
            "Succeeded" => c.2 += 1,
            "Failed" => c.3 += 1,
            _ => {}
        }
    }
    c
}

fn counts_line(c: PodCounts) -> String {
    format!("{} Running / {} Waiting / {} Succeeded / {} Failed", c.0, c.1, c.2, c.3)
}

/// `LabelSelectorAsSelector(…).String()`: the canonical selector, `""` when empty.
pub fn selector_string(sel: Option<&Value>) -> String {
    match sel {
        None | Some(Value::Null) => String::new(),
        Some(s) => LabelSelector::from_json(s).map(|s| s.to_string()).unwrap_or_default(),
    }
}

fn conditions_type_status_reason(w: &mut Out, obj: &Value) {
    let conditions = arr(obj, "status.conditions");
    if conditions.is_empty() {
        return;
    }
    w.w(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.w(1, "----\t------\t------\n");
    for c in conditions {
        w.w(1, &format!("{} \t{}\t{}\n", st(c, "type"), st(c, "status"), st(c, "reason")));
    }
}

fn replicas_by_labels(rss: &[Value]) -> String {
    let list: Vec<String> = rss
        .iter()
        .map(|rs| {
            format!(
                "{} ({}/{} replicas created)",
                st(rs, "metadata.name"),
                int(rs, "status.replicas"),
                int(rs, "spec.replicas")
            )
        })
        .collect();
    if list.is_empty() { "<none>".into() } else { list.join(", ") }
}

/// The ReplicaSets of a Deployment, old and new (kubectl's `GetAllReplicaSets`): those it
/// controls, the new one being the one whose template equals the Deployment's, hash aside.
pub fn split_replica_sets(deployment: &Value, all: &[Value]) -> (Vec<Value>, Vec<Value>) {
    let uid = st(deployment, "metadata.uid");
    let strip = |t: Option<&Value>| -> Value {
        let mut t = t.cloned().unwrap_or(Value::Null);
        if let Some(l) = t.pointer_mut("/metadata/labels").and_then(Value::as_object_mut) {
            l.remove("pod-template-hash");
        }
        t
    };
    let want = strip(get(deployment, "spec.template"));
    let owned: Vec<&Value> = all
        .iter()
        .filter(|rs| {
            arr(rs, "metadata.ownerReferences").iter().any(|r| bool_at(r, "controller") && st(r, "uid") == uid)
        })
        .collect();
    let mut new = Vec::new();
    let mut old = Vec::new();
    for rs in owned {
        if new.is_empty() && strip(get(rs, "spec.template")) == want {
            new.push(rs.clone());
        } else {
            old.push(rs.clone());
        }
    }
    (old, new)
}

/// `describeDeployment`.
pub fn describe_deployment(
    d: &Value,
    rs: Option<(&[Value], &[Value])>,
    evs: Option<&[Value]>,
    now: Timestamp,
) -> String {
    let mut w = Out::new();
    w.w(0, &format!("Name:\t{}\n", st(d, "metadata.name")));
    w.w(0, &format!("Namespace:\t{}\n", st(d, "metadata.namespace")));
    w.w(0, &format!("CreationTimestamp:\t{}\n", rfc1123z(st(d, "metadata.creationTimestamp"))));
    labels(&mut w, "Labels", &smap(d, "metadata.labels"));
    annotations(&mut w, "Annotations", &smap(d, "metadata.annotations"));
    w.w(0, &format!("Selector:\t{}\n", selector_string(get(d, "spec.selector"))));
    w.w(
        0,
        &format!(
            "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable\n",
            int(d, "spec.replicas"),
            int(d, "status.updatedReplicas"),
            int(d, "status.replicas"),
            int(d, "status.availableReplicas"),
            int(d, "status.unavailableReplicas")
        ),
    );
    w.w(0, &format!("StrategyType:\t{}\n", st(d, "spec.strategy.type")));
    w.w(0, &format!("MinReadySeconds:\t{}\n", int(d, "spec.minReadySeconds")));
    if let Some(ru) = get(d, "spec.strategy.rollingUpdate") {
        w.w(
            0,
            &format!(
                "RollingUpdateStrategy:\t{} max unavailable, {} max surge\n",
                int_or_string(get(ru, "maxUnavailable")),
                int_or_string(get(ru, "maxSurge"))
            ),
        );
    }
    pod_template(&mut w, get(d, "spec.template"));
    conditions_type_status_reason(&mut w, d);
    if let Some((old, new)) = rs
        && (!old.is_empty() || !new.is_empty())
    {
        w.w(0, &format!("OldReplicaSets:\t{}\n", replicas_by_labels(old)));
        w.w(0, &format!("NewReplicaSet:\t{}\n", replicas_by_labels(new)));
    }
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

/// `describeReplicaSet`.
pub fn describe_replica_set(
    rs: &Value,
    counts: Result<PodCounts, String>,
    evs: Option<&[Value]>,
    now: Timestamp,
) -> String {
    let mut w = Out::new();
    w.w(0, &format!("Name:\t{}\n", st(rs, "metadata.name")));
    w.w(0, &format!("Namespace:\t{}\n", st(rs, "metadata.namespace")));
    w.w(0, &format!("Selector:\t{}\n", format_label_selector(get(rs, "spec.selector").unwrap_or(&Value::Null))));
    labels(&mut w, "Labels", &smap(rs, "metadata.labels"));
    annotations(&mut w, "Annotations", &smap(rs, "metadata.annotations"));
    if let Some(c) = controller(rs) {
        w.w(0, &format!("Controlled By:\t{c}\n"));
    }
    w.w(0, &format!("Replicas:\t{} current / {} desired\n", int(rs, "status.replicas"), int(rs, "spec.replicas")));
    w.w(0, "Pods Status:\t");
    match counts {
        Ok(c) => w.w(0, &format!("{}\n", counts_line(c))),
        Err(e) => w.w(0, &format!("error in fetching pods: {e}\n")),
    }
    pod_template(&mut w, get(rs, "spec.template"));
    conditions_type_status_reason(&mut w, rs);
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

/// `describeStatefulSet`.
pub fn describe_stateful_set(s: &Value, counts: PodCounts, evs: Option<&[Value]>, now: Timestamp) -> String {
    let mut w = Out::new();
    w.w(0, &format!("Name:\t{}\n", st(s, "metadata.name")));
    w.w(0, &format!("Namespace:\t{}\n", st(s, "metadata.namespace")));
    w.w(0, &format!("CreationTimestamp:\t{}\n", rfc1123z(st(s, "metadata.creationTimestamp"))));
    w.w(0, &format!("Selector:\t{}\n", selector_string(get(s, "spec.selector"))));
    labels(&mut w, "Labels", &smap(s, "metadata.labels"));
    annotations(&mut w, "Annotations", &smap(s, "metadata.annotations"));
    w.w(0, &format!("Replicas:\t{} desired | {} total\n", int(s, "spec.replicas"), int(s, "status.replicas")));
    w.w(0, &format!("Update Strategy:\t{}\n", st(s, "spec.updateStrategy.type")));
    if let Some(ru) = get(s, "spec.updateStrategy.rollingUpdate")
        && let Some(p) = get(ru, "partition").and_then(Value::as_i64)
    {
        w.w(1, &format!("Partition:\t{p}\n"));
        if let Some(mu) = get(ru, "maxUnavailable") {
            w.w(1, &format!("MaxUnavailable:\t{}\n", int_or_string(Some(mu))));
        }
    }
    w.w(0, &format!("Pods Status:\t{}\n", counts_line(counts)));
    pod_template(&mut w, get(s, "spec.template"));
    let claims = arr(s, "spec.volumeClaimTemplates");
    if claims.is_empty() {
        w.w(0, "Volume Claims:\t<none>\n");
    } else {
        w.w(0, "Volume Claims:\n");
        for pvc in claims {
            w.w(1, &format!("Name:\t{}\n", st(pvc, "metadata.name")));
            w.w(1, &format!("StorageClass:\t{}\n", super::core::claim_class(pvc)));
            labels_multiline(&mut w, "  ", "Labels", "\t", &smap(pvc, "metadata.labels"));
            labels_multiline(&mut w, "  ", "Annotations", "\t", &smap(pvc, "metadata.annotations"));
            match get(pvc, "spec.resources.requests.storage") {
                Some(q) => w.w(1, &format!("Capacity:\t{}\n", super::writer::quantity(Some(q)))),
                None => w.w(1, "Capacity:\t<default>\n"),
            }
            w.w(1, &format!("Access Modes:\t{}\n", go_list(arr(pvc, "spec.accessModes"))));
        }
    }
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

/// `describeDaemonSet`.
pub fn describe_daemon_set(d: &Value, counts: PodCounts, evs: Option<&[Value]>, now: Timestamp) -> String {
    let mut w = Out::new();
    w.w(0, &format!("Name:\t{}\n", st(d, "metadata.name")));
    w.w(0, &format!("Namespace:\t{}\n", st(d, "metadata.namespace")));
    w.w(0, &format!("Selector:\t{}\n", selector_string(get(d, "spec.selector"))));
    let ns = smap(d, "spec.template.spec.nodeSelector");
    let formatted: Vec<String> = ns.iter().map(|(k, v)| format!("{k}={v}")).collect();
    w.w(
        0,
        &format!("Node-Selector:\t{}\n", if formatted.is_empty() { "<none>".to_string() } else { formatted.join(",") }),
    );
    labels(&mut w, "Labels", &smap(d, "metadata.labels"));
    annotations(&mut w, "Annotations", &smap(d, "metadata.annotations"));
    w.w(0, &format!("Desired Number of Nodes Scheduled: {}\n", int(d, "status.desiredNumberScheduled")));
    w.w(0, &format!("Current Number of Nodes Scheduled: {}\n", int(d, "status.currentNumberScheduled")));
    w.w(0, &format!("Number of Nodes Scheduled with Up-to-date Pods: {}\n", int(d, "status.updatedNumberScheduled")));
    w.w(0, &format!("Number of Nodes Scheduled with Available Pods: {}\n", int(d, "status.numberAvailable")));
    w.w(0, &format!("Number of Nodes Misscheduled: {}\n", int(d, "status.numberMisscheduled")));
    w.w(0, &format!("Pods Status:\t{}\n", counts_line(counts)));
    pod_template(&mut w, get(d, "spec.template"));
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

/// `describeJob`.
pub fn describe_job(j: &Value, evs: Option<&[Value]>, now: Timestamp) -> String {
    let mut w = Out::new();
    w.w(0, &format!("Name:\t{}\n", st(j, "metadata.name")));
    w.w(0, &format!("Namespace:\t{}\n", st(j, "metadata.namespace")));
    w.w(0, &format!("Selector:\t{}\n", selector_string(get(j, "spec.selector"))));
    labels(&mut w, "Labels", &smap(j, "metadata.labels"));
    annotations(&mut w, "Annotations", &smap(j, "metadata.annotations"));
    if let Some(c) = controller(j) {
        w.w(0, &format!("Controlled By:\t{c}\n"));
    }
    if let Some(p) = get(j, "spec.parallelism").and_then(Value::as_i64) {
        w.w(0, &format!("Parallelism:\t{p}\n"));
    }
    match get(j, "spec.completions").and_then(Value::as_i64) {
        Some(c) => w.w(0, &format!("Completions:\t{c}\n")),
        None => w.w(0, "Completions:\t<unset>\n"),
    }
    if let Some(m) = get(j, "spec.completionMode").and_then(Value::as_str) {
        w.w(0, &format!("Completion Mode:\t{m}\n"));
    }
    if let Some(s) = get(j, "spec.suspend").and_then(Value::as_bool) {
        w.w(0, &format!("Suspend:\t{s}\n"));
    }
    if let Some(b) = get(j, "spec.backoffLimit").and_then(Value::as_i64) {
        w.w(0, &format!("Backoff Limit:\t{b}\n"));
    }
    if let Some(t) = get(j, "spec.ttlSecondsAfterFinished").and_then(Value::as_i64) {
        w.w(0, &format!("TTL Seconds After Finished:\t{t}\n"));
    }
    let start = get(j, "status.startTime").and_then(Value::as_str);
    let done = get(j, "status.completionTime").and_then(Value::as_str);
    if let Some(s) = start {
        w.w(0, &format!("Start Time:\t{}\n", rfc1123z(s)));
    }
    if let Some(c) = done {
        w.w(0, &format!("Completed At:\t{}\n", rfc1123z(c)));
    }
    if let (Some(s), Some(c)) = (start, done)
        && let (Ok(s), Ok(c)) = (s.parse::<Timestamp>(), c.parse::<Timestamp>())
    {
        w.w(0, &format!("Duration:\t{}\n", human_duration(c.duration_since(s))));
    }
    if let Some(a) = get(j, "spec.activeDeadlineSeconds").and_then(Value::as_i64) {
        w.w(0, &format!("Active Deadline Seconds:\t{a}s\n"));
    }
    match get(j, "status.ready").and_then(Value::as_i64) {
        None => w.w(
            0,
            &format!(
                "Pods Statuses:\t{} Active / {} Succeeded / {} Failed\n",
                int(j, "status.active"),
                int(j, "status.succeeded"),
                int(j, "status.failed")
            ),
        ),
        Some(r) => w.w(
            0,
            &format!(
                "Pods Statuses:\t{} Active ({r} Ready) / {} Succeeded / {} Failed\n",
                int(j, "status.active"),
                int(j, "status.succeeded"),
                int(j, "status.failed")
            ),
        ),
    }
    if st(j, "spec.completionMode") == "Indexed" {
        let idx = st(j, "status.completedIndexes");
        w.w(0, &format!("Completed Indexes:\t{}\n", cap_indexes(idx, 50)));
    }
    pod_template(&mut w, get(j, "spec.template"));
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

fn cap_indexes(indexes: &str, soft_limit: usize) -> String {
    if indexes.is_empty() {
        return "<none>".into();
    }
    let bytes = indexes.as_bytes();
    let mut ix = soft_limit;
    while ix < bytes.len() && bytes[ix] != b',' {
        ix += 1;
    }
    if ix >= bytes.len() { indexes.to_string() } else { format!("{}...", &indexes[..=ix]) }
}

/// `describeCronJob`.
pub fn describe_cron_job(c: &Value, evs: Option<&[Value]>, now: Timestamp) -> String {
    let mut w = Out::new();
    object_header(&mut w, c, true);
    w.w(0, &format!("Schedule:\t{}\n", st(c, "spec.schedule")));
    w.w(0, &format!("Concurrency Policy:\t{}\n", st(c, "spec.concurrencyPolicy")));
    let suspend = get(c, "spec.suspend").and_then(Value::as_bool).map_or("<unset>", super::writer::go_bool);
    w.w(0, &format!("Suspend:\t{suspend}\n"));
    for (field, title) in [
        ("successfulJobsHistoryLimit", "Successful Job History Limit"),
        ("failedJobsHistoryLimit", "Failed Job History Limit"),
    ] {
        match get(c, &format!("spec.{field}")).and_then(Value::as_i64) {
            Some(n) => w.w(0, &format!("{title}:\t{n}\n")),
            None => w.w(0, &format!("{title}:\t<unset>\n")),
        }
    }
    match get(c, "spec.startingDeadlineSeconds").and_then(Value::as_i64) {
        Some(n) => w.w(0, &format!("Starting Deadline Seconds:\t{n}s\n")),
        None => w.w(0, "Starting Deadline Seconds:\t<unset>\n"),
    }
    let jt = get(c, "spec.jobTemplate").cloned().unwrap_or(Value::Null);
    match get(&jt, "spec.selector") {
        Some(sel) => w.w(0, &format!("Selector:\t{}\n", selector_string(Some(sel)))),
        None => w.w(0, "Selector:\t<unset>\n"),
    }
    for (field, title) in [("parallelism", "Parallelism"), ("completions", "Completions")] {
        match get(&jt, &format!("spec.{field}")).and_then(Value::as_i64) {
            Some(n) => w.w(0, &format!("{title}:\t{n}\n")),
            None => w.w(0, &format!("{title}:\t<unset>\n")),
        }
    }
    if let Some(a) = get(&jt, "spec.activeDeadlineSeconds").and_then(Value::as_i64) {
        w.w(0, &format!("Active Deadline Seconds:\t{a}s\n"));
    }
    pod_template(&mut w, get(&jt, "spec.template"));
    match get(c, "status.lastScheduleTime").and_then(Value::as_str) {
        Some(t) => w.w(0, &format!("Last Schedule Time:\t{}\n", rfc1123z(t))),
        None => w.w(0, "Last Schedule Time:\t<unset>\n"),
    }
    w.w(0, "Active Jobs:\t");
    let active = arr(c, "status.active");
    if active.is_empty() {
        w.line("<none>");
    } else {
        let names: Vec<&str> = active.iter().map(|j| st(j, "name")).collect();
        w.w(0, &names.join(", "));
        w.line("");
    }
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pod_counts_only_count_owned_pods() {
        let owned = |phase: &str| json!({"metadata": {"ownerReferences": [{"uid": "u", "controller": true}]}, "status": {"phase": phase}});
        let other = json!({"metadata": {"ownerReferences": [{"uid": "x", "controller": true}]}, "status": {"phase": "Running"}});
        let pods = [owned("Running"), owned("Pending"), owned("Failed"), other];
        assert_eq!(pod_counts(&pods, "u"), (1, 1, 0, 1));
    }

    #[test]
    fn split_replica_sets_finds_the_new_one_by_template() {
        let d = json!({"metadata": {"uid": "d"}, "spec": {"template": {"metadata": {"labels": {"app": "a"}}, "spec": {"x": 1}}}});
        let rs = |name: &str, x: i64| {
            json!({"metadata": {"name": name, "ownerReferences": [{"uid": "d", "controller": true}]},
                "spec": {"template": {"metadata": {"labels": {"app": "a", "pod-template-hash": "h"}}, "spec": {"x": x}}}})
        };
        let (old, new) = split_replica_sets(&d, &[rs("old", 0), rs("new", 1)]);
        assert_eq!(st(&old[0], "metadata.name"), "old");
        assert_eq!(st(&new[0], "metadata.name"), "new");
    }
}
