//! Printers for workload controllers and what scales or protects them: replication
//! controllers, deployments, replica sets, stateful sets, daemon sets, controller revisions,
//! jobs, cron jobs, horizontal pod autoscalers and pod disruption budgets.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::duration::{human_duration, parse_time};
use super::field::{
    age, arr_at, at, container_cells, format_label_selector, format_labels, int_at, is_deleting, label_selector_string,
    name, opt_bool_at, opt_int_at, opt_str_at, quantity, str_at,
};
use super::{ColumnDefinition, age_col, doc, name_col, string_col, typed_col, wide_col};

/// `spec.replicas`, defaulted to 1 as the apiserver does before anything is stored.
fn desired_replicas(obj: &Value) -> i64 {
    opt_int_at(obj, &["spec", "replicas"]).unwrap_or(1)
}

fn template_containers(obj: &Value, template: &[&str]) -> (String, String) {
    let mut path = template.to_vec();
    path.extend(["spec", "containers"]);
    container_cells(arr_at(obj, &path))
}

pub(super) fn replication_controller_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        typed_col("Desired", "integer", doc::RC_SPEC_REPLICAS),
        typed_col("Current", "integer", doc::RC_STATUS_REPLICAS),
        typed_col("Ready", "integer", doc::RC_STATUS_READY_REPLICAS),
        age_col(),
        wide_col("Containers", doc::TEMPLATE_CONTAINERS),
        wide_col("Images", doc::TEMPLATE_IMAGES),
        wide_col("Selector", doc::RC_SPEC_SELECTOR),
    ]
}

pub(super) fn replication_controller_cells(rc: &Value, now: Timestamp) -> Vec<Value> {
    let (names, images) = template_containers(rc, &["spec", "template"]);
    vec![
        json!(name(rc)),
        json!(desired_replicas(rc)),
        json!(int_at(rc, &["status", "replicas"])),
        json!(int_at(rc, &["status", "readyReplicas"])),
        json!(age(rc, now)),
        json!(names),
        json!(images),
        json!(format_labels(at(rc, &["spec", "selector"]))),
    ]
}

pub(super) fn deployment_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("Ready", doc::READY_PODS),
        string_col("Up-to-date", doc::EXT_DEPLOY_STATUS_UPDATED),
        string_col("Available", doc::EXT_DEPLOY_STATUS_AVAILABLE),
        age_col(),
        wide_col("Containers", doc::TEMPLATE_CONTAINERS),
        wide_col("Images", doc::TEMPLATE_IMAGES),
        wide_col("Selector", doc::EXT_DEPLOY_SPEC_SELECTOR),
    ]
}

pub(super) fn deployment_cells(d: &Value, now: Timestamp) -> Vec<Value> {
    let (names, images) = template_containers(d, &["spec", "template"]);
    // Unlike most printers, an empty selector stays empty here rather than `<none>`.
    let selector = label_selector_string(at(d, &["spec", "selector"])).unwrap_or_else(|()| "<invalid>".to_string());
    vec![
        json!(name(d)),
        json!(format!("{}/{}", int_at(d, &["status", "readyReplicas"]), desired_replicas(d))),
        json!(int_at(d, &["status", "updatedReplicas"])),
        json!(int_at(d, &["status", "availableReplicas"])),
        json!(age(d, now)),
        json!(names),
        json!(images),
        json!(selector),
    ]
}

pub(super) fn replica_set_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        typed_col("Desired", "integer", doc::EXT_RS_SPEC_REPLICAS),
        typed_col("Current", "integer", doc::EXT_RS_STATUS_REPLICAS),
        typed_col("Ready", "integer", doc::EXT_RS_STATUS_READY_REPLICAS),
        age_col(),
        wide_col("Containers", doc::TEMPLATE_CONTAINERS),
        wide_col("Images", doc::TEMPLATE_IMAGES),
        wide_col("Selector", doc::EXT_RS_SPEC_SELECTOR),
    ]
}

pub(super) fn replica_set_cells(rs: &Value, now: Timestamp) -> Vec<Value> {
    let (names, images) = template_containers(rs, &["spec", "template"]);
    vec![
        json!(name(rs)),
        json!(desired_replicas(rs)),
        json!(int_at(rs, &["status", "replicas"])),
        json!(int_at(rs, &["status", "readyReplicas"])),
        json!(age(rs, now)),
        json!(names),
        json!(images),
        json!(format_label_selector(at(rs, &["spec", "selector"]))),
    ]
}

pub(super) fn stateful_set_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("Ready", doc::READY_PODS),
        age_col(),
        wide_col("Containers", doc::TEMPLATE_CONTAINERS),
        wide_col("Images", doc::TEMPLATE_IMAGES),
    ]
}

pub(super) fn stateful_set_cells(sts: &Value, now: Timestamp) -> Vec<Value> {
    let (names, images) = template_containers(sts, &["spec", "template"]);
    vec![
        json!(name(sts)),
        json!(format!("{}/{}", int_at(sts, &["status", "readyReplicas"]), desired_replicas(sts))),
        json!(age(sts, now)),
        json!(names),
        json!(images),
    ]
}

pub(super) fn daemon_set_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        typed_col("Desired", "integer", doc::EXT_DS_STATUS_DESIRED),
        typed_col("Current", "integer", doc::EXT_DS_STATUS_CURRENT),
        typed_col("Ready", "integer", doc::EXT_DS_STATUS_READY),
        typed_col("Up-to-date", "integer", doc::EXT_DS_STATUS_UPDATED),
        typed_col("Available", "integer", doc::EXT_DS_STATUS_AVAILABLE),
        string_col("Node Selector", doc::POD_SPEC_NODE_SELECTOR),
        age_col(),
        wide_col("Containers", doc::TEMPLATE_CONTAINERS),
        wide_col("Images", doc::TEMPLATE_IMAGES),
        wide_col("Selector", doc::EXT_DS_SPEC_SELECTOR),
    ]
}

pub(super) fn daemon_set_cells(ds: &Value, now: Timestamp) -> Vec<Value> {
    let (names, images) = template_containers(ds, &["spec", "template"]);
    let status = |key: &str| json!(int_at(ds, &["status", key]));
    vec![
        json!(name(ds)),
        status("desiredNumberScheduled"),
        status("currentNumberScheduled"),
        status("numberReady"),
        status("updatedNumberScheduled"),
        status("numberAvailable"),
        json!(format_labels(at(ds, &["spec", "template", "spec", "nodeSelector"]))),
        json!(age(ds, now)),
        json!(names),
        json!(images),
        json!(format_label_selector(at(ds, &["spec", "selector"]))),
    ]
}

pub(super) fn controller_revision_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("Controller", doc::CONTROLLER_REVISION_CONTROLLER),
        string_col("Revision", doc::CONTROLLER_REVISION_REVISION),
        age_col(),
    ]
}

/// `kind.group/name` of the owner reference marked `controller: true`, `<none>` without one.
fn controller_name(obj: &Value) -> String {
    let Some(owner) =
        arr_at(obj, &["metadata", "ownerReferences"]).iter().find(|o| opt_bool_at(o, &["controller"]) == Some(true))
    else {
        return "<none>".to_string();
    };
    let api_version = str_at(owner, &["apiVersion"]);
    let group = match api_version.split_once('/') {
        Some((group, _)) => group,
        None => "",
    };
    let kind = str_at(owner, &["kind"]);
    let group_kind = match (kind, group) {
        ("", "") => return str_at(owner, &["name"]).to_string(),
        (kind, "") => kind.to_string(),
        (kind, group) => format!("{kind}.{group}"),
    };
    format!("{}/{}", group_kind.to_lowercase(), str_at(owner, &["name"]))
}

pub(super) fn controller_revision_cells(cr: &Value, now: Timestamp) -> Vec<Value> {
    vec![json!(name(cr)), json!(controller_name(cr)), json!(int_at(cr, &["revision"])), json!(age(cr, now))]
}

pub(super) fn job_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("Status", doc::JOB_STATUS),
        string_col("Completions", doc::JOB_STATUS_SUCCEEDED),
        string_col("Duration", doc::JOB_DURATION),
        age_col(),
        wide_col("Containers", doc::TEMPLATE_CONTAINERS),
        wide_col("Images", doc::TEMPLATE_IMAGES),
        wide_col("Selector", doc::JOB_SPEC_SELECTOR),
    ]
}

/// `hasJobCondition`: the first condition of that type decides.
fn has_job_condition(job: &Value, type_: &str) -> bool {
    arr_at(job, &["status", "conditions"])
        .iter()
        .find(|c| str_at(c, &["type"]) == type_)
        .is_some_and(|c| str_at(c, &["status"]) == "True")
}

fn job_status(job: &Value) -> &'static str {
    if has_job_condition(job, "Complete") {
        "Complete"
    } else if has_job_condition(job, "Failed") {
        "Failed"
    } else if is_deleting(job) {
        "Terminating"
    } else if has_job_condition(job, "Suspended") {
        "Suspended"
    } else if has_job_condition(job, "FailureTarget") {
        "FailureTarget"
    } else {
        "Running"
    }
}

pub(super) fn job_cells(job: &Value, now: Timestamp) -> Vec<Value> {
    let succeeded = int_at(job, &["status", "succeeded"]);
    let completions = match opt_int_at(job, &["spec", "completions"]) {
        Some(completions) => format!("{succeeded}/{completions}"),
        None => match opt_int_at(job, &["spec", "parallelism"]).unwrap_or(0) {
            parallelism if parallelism > 1 => format!("{succeeded}/1 of {parallelism}"),
            _ => format!("{succeeded}/1"),
        },
    };
    let start = opt_str_at(job, &["status", "startTime"]).and_then(parse_time);
    let completion = opt_str_at(job, &["status", "completionTime"]).and_then(parse_time);
    let duration = match (start, completion) {
        (None, _) => String::new(),
        (Some(start), None) => human_duration(now.duration_since(start)),
        (Some(start), Some(end)) => human_duration(end.duration_since(start)),
    };
    let (names, images) = template_containers(job, &["spec", "template"]);
    vec![
        json!(name(job)),
        json!(job_status(job)),
        json!(completions),
        json!(duration),
        json!(age(job, now)),
        json!(names),
        json!(images),
        json!(format_label_selector(at(job, &["spec", "selector"]))),
    ]
}

pub(super) fn cron_job_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("Schedule", doc::CRON_JOB_SPEC_SCHEDULE),
        string_col("Timezone", doc::CRON_JOB_SPEC_TIME_ZONE),
        // Typed boolean, yet the printer fills it with "True"/"False" strings.
        typed_col("Suspend", "boolean", doc::CRON_JOB_SPEC_SUSPEND),
        typed_col("Active", "integer", doc::CRON_JOB_STATUS_ACTIVE),
        string_col("Last Schedule", doc::CRON_JOB_STATUS_LAST_SCHEDULE_TIME),
        age_col(),
        wide_col("Containers", doc::TEMPLATE_CONTAINERS),
        wide_col("Images", doc::TEMPLATE_IMAGES),
        wide_col("Selector", doc::JOB_SPEC_SELECTOR),
    ]
}

pub(super) fn cron_job_cells(cj: &Value, now: Timestamp) -> Vec<Value> {
    let last_schedule = match opt_str_at(cj, &["status", "lastScheduleTime"]) {
        Some(_) => super::field::since(cj, &["status", "lastScheduleTime"], now),
        None => "<none>".to_string(),
    };
    // batch/v1 defaulting sets suspend to false, so an unset field prints as False.
    let suspend = match opt_bool_at(cj, &["spec", "suspend"]) {
        Some(true) => "True",
        _ => "False",
    };
    let (names, images) = template_containers(cj, &["spec", "jobTemplate", "spec", "template"]);
    vec![
        json!(name(cj)),
        json!(str_at(cj, &["spec", "schedule"])),
        json!(opt_str_at(cj, &["spec", "timeZone"]).unwrap_or("<none>")),
        json!(suspend),
        json!(arr_at(cj, &["status", "active"]).len()),
        json!(last_schedule),
        json!(age(cj, now)),
        json!(names),
        json!(images),
        json!(format_label_selector(at(cj, &["spec", "jobTemplate", "spec", "selector"]))),
    ]
}

pub(super) fn hpa_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("Reference", doc::HPA_SPEC_SCALE_TARGET_REF),
        string_col("Targets", doc::HPA_SPEC_METRICS),
        string_col("MinPods", doc::HPA_SPEC_MIN_REPLICAS),
        string_col("MaxPods", doc::HPA_SPEC_MAX_REPLICAS),
        string_col("Replicas", doc::HPA_STATUS_CURRENT_REPLICAS),
        age_col(),
    ]
}

/// A quantity field of a metric target or current value, printed as Go prints a
/// `*Quantity` (`<nil>` when unset).
fn metric_quantity(v: Option<&Value>, key: &str) -> String {
    match v.and_then(|v| v.get(key)).filter(|q| !q.is_null()) {
        Some(q) => quantity(Some(q)),
        None => "<nil>".to_string(),
    }
}

fn has_field(v: Option<&Value>, key: &str) -> bool {
    v.and_then(|v| v.get(key)).is_some_and(|q| !q.is_null())
}

/// `formatHPAMetrics`: the first two metrics as `current/target`, then `+ N more...`.
/// A metric's current value is the status entry at the same index, as in Go.
fn format_hpa_metrics(specs: &[Value], statuses: &[Value]) -> String {
    if specs.is_empty() {
        return "<none>".to_string();
    }
    const MAX: usize = 2;
    let unknown = "<unknown>".to_string();
    let mut list: Vec<String> = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let type_ = str_at(spec, &["type"]);
        // autoscaling/v2 names each source after its type: "resource", "containerResource", …
        let mut chars = type_.chars();
        let key: String = match chars.next() {
            Some(first) => first.to_lowercase().chain(chars).collect(),
            None => String::new(),
        };
        let target = at(spec, &[&key, "target"]);
        let source_status = statuses.get(i).and_then(|s| s.get(&key)).filter(|s| !s.is_null());
        let current = source_status.and_then(|s| s.get("current"));
        let entry = match type_ {
            "External" | "Object" if has_field(target, "averageValue") => {
                let now = if has_field(current, "averageValue") {
                    metric_quantity(current, "averageValue")
                } else {
                    unknown.clone()
                };
                format!("{now}/{} (avg)", metric_quantity(target, "averageValue"))
            }
            "External" | "Object" => {
                let now = match source_status {
                    Some(_) => metric_quantity(current, "value"),
                    None => unknown.clone(),
                };
                format!("{now}/{}", metric_quantity(target, "value"))
            }
            "Pods" => {
                let now = match source_status {
                    Some(_) => metric_quantity(current, "averageValue"),
                    None => unknown.clone(),
                };
                format!("{now}/{}", metric_quantity(target, "averageValue"))
            }
            "Resource" | "ContainerResource" => {
                let resource = str_at(spec, &[&key, "name"]);
                if has_field(target, "averageValue") {
                    let now = match source_status {
                        Some(_) => metric_quantity(current, "averageValue"),
                        None => unknown.clone(),
                    };
                    format!("{resource}: {now}/{}", metric_quantity(target, "averageValue"))
                } else {
                    let now = current
                        .and_then(|c| opt_int_at(c, &["averageUtilization"]))
                        .map_or_else(|| unknown.clone(), |u| format!("{u}%"));
                    let goal = target
                        .and_then(|t| opt_int_at(t, &["averageUtilization"]))
                        .map_or_else(|| "<auto>".to_string(), |u| format!("{u}%"));
                    format!("{resource}: {now}/{goal}")
                }
            }
            _ => "<unknown type>".to_string(),
        };
        list.push(entry);
    }
    let count = list.len();
    if count > MAX {
        list.truncate(MAX);
        return format!("{} + {} more...", list.join(", "), count - MAX);
    }
    list.join(", ")
}

/// autoscaling/v1 has a single CPU target; the server converts it to a v2 Resource metric.
fn v1_cpu_metric(hpa: &Value) -> (Vec<Value>, Vec<Value>) {
    let Some(target) = opt_int_at(hpa, &["spec", "targetCPUUtilizationPercentage"]) else {
        return (Vec::new(), Vec::new());
    };
    let spec = json!({"type": "Resource", "resource": {"name": "cpu",
        "target": {"type": "Utilization", "averageUtilization": target}}});
    let status = match opt_int_at(hpa, &["status", "currentCPUUtilizationPercentage"]) {
        Some(current) => vec![json!({"type": "Resource", "resource": {"name": "cpu",
            "current": {"averageUtilization": current}}})],
        None => Vec::new(),
    };
    (vec![spec], status)
}

pub(super) fn hpa_cells(hpa: &Value, now: Timestamp) -> Vec<Value> {
    let reference = format!(
        "{}/{}",
        str_at(hpa, &["spec", "scaleTargetRef", "kind"]),
        str_at(hpa, &["spec", "scaleTargetRef", "name"])
    );
    let metrics = if at(hpa, &["spec", "targetCPUUtilizationPercentage"]).is_some() {
        let (specs, statuses) = v1_cpu_metric(hpa);
        format_hpa_metrics(&specs, &statuses)
    } else {
        format_hpa_metrics(arr_at(hpa, &["spec", "metrics"]), arr_at(hpa, &["status", "currentMetrics"]))
    };
    let min_pods = opt_int_at(hpa, &["spec", "minReplicas"]).map_or_else(|| "<unset>".to_string(), |n| n.to_string());
    vec![
        json!(name(hpa)),
        json!(reference),
        json!(metrics),
        json!(min_pods),
        json!(int_at(hpa, &["spec", "maxReplicas"])),
        json!(int_at(hpa, &["status", "currentReplicas"])),
        json!(age(hpa, now)),
    ]
}

pub(super) fn pdb_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("Min Available", doc::PDB_MIN_AVAILABLE),
        string_col("Max Unavailable", doc::PDB_MAX_UNAVAILABLE),
        typed_col("Allowed Disruptions", "integer", doc::PDB_ALLOWED_DISRUPTIONS),
        age_col(),
    ]
}

/// An IntOrString as Go's `String()`: the number or the string; `N/A` when unset.
fn int_or_string(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => "N/A".to_string(),
    }
}

pub(super) fn pdb_cells(pdb: &Value, now: Timestamp) -> Vec<Value> {
    vec![
        json!(name(pdb)),
        json!(int_or_string(at(pdb, &["spec", "minAvailable"]))),
        json!(int_or_string(at(pdb, &["spec", "maxUnavailable"]))),
        json!(int_at(pdb, &["status", "disruptionsAllowed"])),
        json!(age(pdb, now)),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::{columns, row_cells};
    use super::*;

    fn now() -> Timestamp {
        "2024-05-01T12:00:00Z".parse().expect("valid timestamp")
    }

    #[test]
    fn deployment_matches_capture() {
        // table-deployments-default.json: ["nginx","0/1",1,0,"6s","nginx","nginx","app=nginx"]
        let d = json!({
            "metadata": {"name": "nginx", "creationTimestamp": "2024-05-01T11:59:54Z"},
            "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "nginx"}},
                     "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}},
            "status": {"replicas": 1, "updatedReplicas": 1, "unavailableReplicas": 1},
        });
        assert_eq!(
            deployment_cells(&d, now()),
            vec![
                json!("nginx"),
                json!("0/1"),
                json!(1),
                json!(0),
                json!("6s"),
                json!("nginx"),
                json!("nginx"),
                json!("app=nginx"),
            ]
        );
    }

    #[test]
    fn deployment_columns_match_capture() {
        let cols = deployment_columns();
        let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"]);
        assert!(cols.iter().all(|c| c.type_ == "string"));
        let priorities: Vec<i32> = cols.iter().map(|c| c.priority).collect();
        assert_eq!(priorities, [0, 0, 0, 0, 0, 1, 1, 1]);
        assert_eq!(cols[1].description, "Number of the pod with ready state");
        assert_eq!(cols[5].description, "Names of each container in the template.");
        assert_eq!(cols[6].description, "Images referenced by each container in the template.");
        assert_eq!(
            cols[7].description,
            "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment."
        );
    }

    #[test]
    fn deployment_without_replicas_defaults_to_one_and_bad_selector_is_invalid() {
        let d = json!({"spec": {"selector": {"matchExpressions": [{"key": "a", "operator": "Bogus"}]}},
                       "status": {"readyReplicas": 1}});
        let cells = deployment_cells(&d, now());
        assert_eq!(cells[1], json!("1/1"));
        assert_eq!(cells[7], json!("<invalid>"));
        assert_eq!(deployment_cells(&json!({}), now())[7], json!(""));
    }

    #[test]
    fn replica_set_and_replication_controller_print_integers() {
        let rs = json!({"metadata": {"name": "web-7d9"},
                        "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}}},
                        "status": {"replicas": 3, "readyReplicas": 2}});
        let cells = replica_set_cells(&rs, now());
        assert_eq!(cells[1..4], [json!(3), json!(3), json!(2)]);
        assert_eq!(cells[7], json!("app=web"));
        let rc = json!({"spec": {"replicas": 0, "selector": {"app": "old"}}});
        let cells = replication_controller_cells(&rc, now());
        assert_eq!(cells[1..4], [json!(0), json!(0), json!(0)]);
        assert_eq!(cells[7], json!("app=old"));
        assert_eq!(replica_set_columns()[1].type_, "integer");
    }

    #[test]
    fn stateful_set_prints_ready_over_desired() {
        let sts = json!({"spec": {"replicas": 3}, "status": {"readyReplicas": 2}});
        assert_eq!(stateful_set_cells(&sts, now())[1], json!("2/3"));
    }

    #[test]
    fn daemon_set_prints_counts_and_node_selector() {
        let ds = json!({"spec": {"template": {"spec": {"nodeSelector": {"kubernetes.io/os": "linux"}}}},
                        "status": {"desiredNumberScheduled": 3, "currentNumberScheduled": 3,
                                   "numberReady": 2, "updatedNumberScheduled": 3, "numberAvailable": 2}});
        let cells = daemon_set_cells(&ds, now());
        assert_eq!(cells[1..7], [json!(3), json!(3), json!(2), json!(3), json!(2), json!("kubernetes.io/os=linux")]);
        assert_eq!(cells[10], json!("<none>"));
    }

    #[test]
    fn controller_revision_prints_controller_and_revision() {
        let cr = json!({"metadata": {"name": "web-6c5", "ownerReferences": [
                            {"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web", "controller": true}]},
                        "revision": 2});
        assert_eq!(controller_revision_cells(&cr, now())[1..3], [json!("statefulset.apps/web"), json!(2)]);
        let core_owner = json!({"metadata": {"ownerReferences": [
            {"apiVersion": "v1", "kind": "Pod", "name": "p", "controller": true}]}});
        assert_eq!(controller_revision_cells(&core_owner, now())[1], json!("pod/p"));
        assert_eq!(controller_revision_cells(&json!({}), now())[1], json!("<none>"));
    }

    fn job(status: Value) -> Value {
        json!({"metadata": {"name": "pi", "creationTimestamp": "2024-05-01T11:50:00Z"},
               "spec": {"completions": 1, "parallelism": 1,
                        "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "u1"}},
                        "template": {"spec": {"containers": [{"name": "pi", "image": "perl"}]}}},
               "status": status})
    }

    #[test]
    fn job_running_counts_duration_from_start() {
        let j = job(json!({"startTime": "2024-05-01T11:50:00Z", "active": 1}));
        assert_eq!(
            job_cells(&j, now()),
            vec![
                json!("pi"),
                json!("Running"),
                json!("0/1"),
                json!("10m"),
                json!("10m"),
                json!("pi"),
                json!("perl"),
                json!("batch.kubernetes.io/controller-uid=u1"),
            ]
        );
    }

    #[test]
    fn job_complete_uses_completion_time() {
        let j = job(json!({"startTime": "2024-05-01T11:50:00Z", "completionTime": "2024-05-01T11:50:42Z",
                           "succeeded": 1,
                           "conditions": [{"type": "SuccessCriteriaMet", "status": "True"},
                                          {"type": "Complete", "status": "True"}]}));
        let cells = job_cells(&j, now());
        assert_eq!(cells[1..4], [json!("Complete"), json!("1/1"), json!("42s")]);
    }

    #[test]
    fn job_status_failed_suspended_terminating_failure_target() {
        let failed = job(json!({"conditions": [{"type": "Failed", "status": "True"}]}));
        assert_eq!(job_cells(&failed, now())[1], json!("Failed"));
        let suspended = job(json!({"conditions": [{"type": "Suspended", "status": "True"}]}));
        assert_eq!(job_cells(&suspended, now())[1], json!("Suspended"));
        let target = job(json!({"conditions": [{"type": "FailureTarget", "status": "True"}]}));
        assert_eq!(job_cells(&target, now())[1], json!("FailureTarget"));
        let mut deleting = job(json!({"conditions": [{"type": "Suspended", "status": "True"}]}));
        deleting["metadata"]["deletionTimestamp"] = json!("2024-05-01T11:59:00Z");
        assert_eq!(job_cells(&deleting, now())[1], json!("Terminating"));
        let resumed = job(json!({"conditions": [{"type": "Suspended", "status": "False"}]}));
        assert_eq!(job_cells(&resumed, now())[1], json!("Running"));
        assert_eq!(job_cells(&job(json!({})), now())[3], json!(""));
    }

    #[test]
    fn job_completions_without_spec_completions_use_parallelism() {
        let j = json!({"spec": {"parallelism": 3}, "status": {"succeeded": 2}});
        assert_eq!(job_cells(&j, now())[2], json!("2/1 of 3"));
        let j = json!({"spec": {"parallelism": 1}});
        assert_eq!(job_cells(&j, now())[2], json!("0/1"));
        let j = json!({"spec": {"completions": 5}, "status": {"succeeded": 5}});
        assert_eq!(job_cells(&j, now())[2], json!("5/5"));
    }

    #[test]
    fn cron_job_prints_schedule_zone_suspend_and_last_schedule() {
        let cj = json!({
            "metadata": {"name": "hello", "creationTimestamp": "2024-04-30T12:00:00Z"},
            "spec": {"schedule": "*/1 * * * *", "timeZone": "Etc/UTC", "suspend": true,
                     "jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "hello", "image": "busybox"}]}}}}},
            "status": {"active": [{"name": "hello-1"}], "lastScheduleTime": "2024-05-01T11:59:00Z"},
        });
        assert_eq!(
            cron_job_cells(&cj, now()),
            vec![
                json!("hello"),
                json!("*/1 * * * *"),
                json!("Etc/UTC"),
                json!("True"),
                json!(1),
                json!("60s"),
                json!("24h"),
                json!("hello"),
                json!("busybox"),
                json!("<none>"),
            ]
        );
        let cells = cron_job_cells(&json!({"spec": {"schedule": "@daily"}}), now());
        assert_eq!(cells[2..6], [json!("<none>"), json!("False"), json!(0), json!("<none>")]);
    }

    #[test]
    fn cron_job_columns_type_suspend_boolean_and_active_integer() {
        let cols = cron_job_columns();
        assert_eq!(cols[3].type_, "boolean");
        assert_eq!(cols[4].type_, "integer");
        assert_eq!(cols[2].name, "Timezone");
    }

    #[test]
    fn hpa_v2_formats_resource_and_pods_metrics() {
        let hpa = json!({
            "metadata": {"name": "web"},
            "spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "minReplicas": 2, "maxReplicas": 10,
                     "metrics": [
                        {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}},
                        {"type": "Pods", "pods": {"metric": {"name": "rps"}, "target": {"type": "AverageValue", "averageValue": "1k"}}},
                        {"type": "Resource", "resource": {"name": "memory", "target": {"type": "AverageValue", "averageValue": "500Mi"}}},
                     ]},
            "status": {"currentReplicas": 3, "currentMetrics": [
                {"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 45, "averageValue": "450m"}}},
            ]},
        });
        let cells = hpa_cells(&hpa, now());
        assert_eq!(cells[1], json!("Deployment/web"));
        assert_eq!(cells[2], json!("cpu: 45%/80%, <unknown>/1k + 1 more..."));
        assert_eq!(cells[3..6], [json!("2"), json!(10), json!(3)]);
    }

    #[test]
    fn hpa_v1_cpu_target_and_no_metrics() {
        let hpa = json!({"spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}, "maxReplicas": 5,
                                  "targetCPUUtilizationPercentage": 50}});
        let cells = hpa_cells(&hpa, now());
        assert_eq!(cells[2], json!("cpu: <unknown>/50%"));
        assert_eq!(cells[3], json!("<unset>"));
        let none = json!({"spec": {"scaleTargetRef": {"kind": "Deployment", "name": "web"}}});
        assert_eq!(hpa_cells(&none, now())[2], json!("<none>"));
        assert_eq!(columns("autoscaling", "HorizontalPodAutoscaler").len(), 7);
    }

    #[test]
    fn pdb_prints_int_or_string_bounds() {
        let pdb = json!({"metadata": {"name": "web"}, "spec": {"minAvailable": "50%"},
                         "status": {"disruptionsAllowed": 1}});
        assert_eq!(
            row_cells("policy", "PodDisruptionBudget", &pdb, now())[1..4],
            [json!("50%"), json!("N/A"), json!(1)]
        );
        let pdb = json!({"spec": {"maxUnavailable": 1}});
        assert_eq!(pdb_cells(&pdb, now())[1..3], [json!("N/A"), json!("1")]);
    }
}
