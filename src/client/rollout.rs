//! Rollouts of deployments, statefulsets and daemonsets as kubectl manages them: revision
//! history as data (ReplicaSets for deployments, ControllerRevisions for the others), undo
//! by the same patches kubectl sends, status by kubectl's status viewers over a watch,
//! restart, pause and resume. Rendering helpers give kubectl's text for the CLI.

mod describe;

use std::pin::Pin;
use std::time::Duration;

use futures::{Stream, StreamExt};
use serde_json::{Value, json};

use super::rest::{self, RestError};
use super::{ClientError, Session};
use crate::k8s::catalog::ResourceType;
use crate::k8s::meta;
use crate::k8s::selector::LabelSelector;

pub use describe::describe_pod_template;

pub const REVISION_ANNOTATION: &str = "deployment.kubernetes.io/revision";
pub const CHANGE_CAUSE_ANNOTATION: &str = "kubernetes.io/change-cause";
pub const RESTARTED_AT_ANNOTATION: &str = "kubectl.kubernetes.io/restartedAt";
const POD_TEMPLATE_HASH: &str = "pod-template-hash";

/// Deployment annotations undo keeps from the deployment rather than the ReplicaSet
/// (kubectl `polymorphichelpers/rollback.go` `annotationsToSkip`).
const ANNOTATIONS_TO_SKIP: &[&str] = &[
    "kubectl.kubernetes.io/last-applied-configuration",
    REVISION_ANNOTATION,
    "deployment.kubernetes.io/revision-history",
    "deployment.kubernetes.io/desired-replicas",
    "deployment.kubernetes.io/max-replicas",
    "deprecated.deployment.rollback.to",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkloadKind {
    Deployment,
    StatefulSet,
    DaemonSet,
}

/// A workload a rollout command acts on, as fetched.
#[derive(Clone, Debug)]
pub struct Workload {
    pub kind: WorkloadKind,
    pub rt: ResourceType,
    pub namespace: String,
    pub name: String,
    pub object: Value,
}

impl Workload {
    /// `deployment.apps/web`, as kubectl names it in output.
    pub fn display(&self) -> String {
        format!("{}/{}", super::get::kind_prefix(&self.rt), self.name)
    }

    /// `deployments.apps "web"`, as kubectl names it in errors.
    pub fn quoted(&self) -> String {
        format!("{} \"{}\"", self.rt.group_resource(), self.name)
    }
}

/// One revision of a workload's history.
#[derive(Clone, Debug, PartialEq)]
pub struct RevisionEntry {
    pub revision: i64,
    pub change_cause: Option<String>,
    /// The pod template of that revision.
    pub template: Value,
    /// The ReplicaSet or ControllerRevision that records it.
    pub source: String,
}

/// What `undo` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UndoOutcome {
    RolledBack,
    /// The workload already runs that revision's template.
    Skipped(i64),
}

/// One reading of a rollout's progress: kubectl's message and whether it is finished.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RolloutStatus {
    pub message: String,
    pub done: bool,
}

fn get_req(path: String) -> http::Request<Vec<u8>> {
    http::Request::get(path).header("Accept", "application/json").body(Vec::new()).expect("valid request")
}

fn patch_req(path: String, content_type: &str, body: Vec<u8>) -> http::Request<Vec<u8>> {
    http::Request::patch(path).header("Content-Type", content_type).body(body).expect("valid request")
}

/// Turn `TYPE/NAME ...` or `TYPE NAME ...` into workloads, fetching each.
pub async fn resolve(session: &Session, namespace: &str, args: &[String]) -> Result<Vec<Workload>, ClientError> {
    if args.is_empty() {
        return Err(ClientError::Usage("required resource not specified".into()));
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    if args.iter().any(|a| a.contains('/')) {
        for a in args {
            let Some((t, n)) = a.split_once('/') else {
                return Err(ClientError::Usage(
                    "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'".into(),
                ));
            };
            pairs.push((t.to_string(), n.to_string()));
        }
    } else {
        if args.len() < 2 {
            return Err(ClientError::Usage(
                "you must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'".into(),
            ));
        }
        for n in &args[1..] {
            pairs.push((args[0].clone(), n.clone()));
        }
    }
    let mut out = Vec::new();
    for (t, name) in pairs {
        let rt = session.resolve_one(&t).await?;
        out.push(fetch(session, &rt, namespace, &name).await?);
    }
    Ok(out)
}

impl WorkloadKind {
    /// The rollout kind of `rt`, or kubectl's error for a type rollouts do not apply to.
    pub fn of(rt: &ResourceType) -> Result<WorkloadKind, ClientError> {
        match (rt.group.as_str(), rt.kind.as_str()) {
            ("apps", "Deployment") => Ok(WorkloadKind::Deployment),
            ("apps", "StatefulSet") => Ok(WorkloadKind::StatefulSet),
            ("apps", "DaemonSet") => Ok(WorkloadKind::DaemonSet),
            (_, k) => Err(ClientError::Other(format!("no rollout support has been implemented for \"{k}\""))),
        }
    }
}

/// Fetch the workload `namespace/name` of type `rt` for a rollout command.
pub async fn fetch(session: &Session, rt: &ResourceType, namespace: &str, name: &str) -> Result<Workload, ClientError> {
    let kind = WorkloadKind::of(rt)?;
    let object = rest::call_json(session.client(), get_req(rest::path(rt, Some(namespace), Some(name)))).await?;
    Ok(Workload { kind, rt: rt.clone(), namespace: namespace.to_string(), name: name.to_string(), object })
}

/// `container=image` for each init and app container of a pod template, as the TUI's
/// revision picker shows them.
pub fn images(template: &Value) -> Vec<String> {
    let spec = template.get("spec");
    ["initContainers", "containers"]
        .iter()
        .flat_map(|k| spec.and_then(|s| s.get(*k)).and_then(Value::as_array).into_iter().flatten())
        .map(|c| {
            let field = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            format!("{}={}", field("name"), field("image"))
        })
        .collect()
}

fn selector_of(obj: &Value) -> Result<String, ClientError> {
    let sel = obj.get("spec").and_then(|s| s.get("selector")).unwrap_or(&Value::Null);
    LabelSelector::from_json(sel).map(|s| s.to_string()).map_err(|e| ClientError::Other(e.to_string()))
}

fn controlled_by(obj: &Value, uid: &str) -> bool {
    obj.get("metadata").and_then(|m| m.get("ownerReferences")).and_then(Value::as_array).into_iter().flatten().any(
        |r| {
            r.get("controller").and_then(Value::as_bool) == Some(true)
                && r.get("uid").and_then(Value::as_str) == Some(uid)
        },
    )
}

/// The objects of `plural` (in `group`) that `w` controls, found through its selector.
async fn owned(session: &Session, w: &Workload, group: &str, plural: &str) -> Result<Vec<Value>, ClientError> {
    let rt = crate::k8s::catalog::lookup(group, "v1", plural).expect("apps types are built in");
    let opts =
        super::get::GetOptions { label_selector: Some(selector_of(&w.object)?), chunk_size: 500, ..Default::default() };
    let list = super::get::list(session, rt, Some(&w.namespace), &opts, false).await?;
    let uid = meta::uid(&w.object);
    Ok(list
        .get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|o| controlled_by(o, uid))
        .cloned()
        .collect())
}

fn template_of(obj: &Value) -> Value {
    obj.get("spec").and_then(|s| s.get("template")).cloned().unwrap_or(Value::Null)
}

/// A ControllerRevision's pod template: its data is a patch `{"spec":{"template":{…,"$patch":"replace"}}}`.
fn revision_template(cr: &Value) -> Value {
    let mut t = cr.get("data").map(template_of).unwrap_or(Value::Null);
    if let Some(m) = t.as_object_mut() {
        m.remove("$patch");
    }
    t
}

/// The revision history, oldest first. A revision recorded twice keeps the last record.
pub async fn history(session: &Session, w: &Workload) -> Result<Vec<RevisionEntry>, ClientError> {
    let mut entries: Vec<RevisionEntry> = Vec::new();
    match w.kind {
        WorkloadKind::Deployment => {
            for rs in owned(session, w, "apps", "replicasets").await? {
                let Some(revision) = meta::annotation(&rs, REVISION_ANNOTATION).and_then(|r| r.parse::<i64>().ok())
                else {
                    continue;
                };
                let change_cause =
                    meta::annotation(&rs, CHANGE_CAUSE_ANNOTATION).filter(|c| !c.is_empty()).map(str::to_string);
                entries.retain(|e| e.revision != revision);
                entries.push(RevisionEntry {
                    revision,
                    change_cause,
                    template: template_of(&rs),
                    source: meta::name(&rs).to_string(),
                });
            }
        }
        WorkloadKind::StatefulSet | WorkloadKind::DaemonSet => {
            for cr in owned(session, w, "apps", "controllerrevisions").await? {
                let revision = cr.get("revision").and_then(Value::as_i64).unwrap_or(0);
                let change_cause =
                    meta::annotation(&cr, CHANGE_CAUSE_ANNOTATION).filter(|c| !c.is_empty()).map(str::to_string);
                entries.retain(|e| e.revision != revision);
                entries.push(RevisionEntry {
                    revision,
                    change_cause,
                    template: revision_template(&cr),
                    source: meta::name(&cr).to_string(),
                });
            }
        }
    }
    entries.sort_by_key(|e| e.revision);
    Ok(entries)
}

/// `rollout history --revision=N`'s text for one entry. For deployments kubectl shows the
/// ReplicaSet's change-cause among the template's annotations.
pub fn render_revision(w: &Workload, entry: &RevisionEntry) -> String {
    let mut template = entry.template.clone();
    if w.kind == WorkloadKind::Deployment
        && let Some(cause) = &entry.change_cause
        && let Some(meta) = template.get_mut("metadata").and_then(Value::as_object_mut)
    {
        let annotations = meta.entry("annotations").or_insert_with(|| json!({}));
        if let Some(a) = annotations.as_object_mut() {
            a.insert(CHANGE_CAUSE_ANNOTATION.to_string(), Value::String(cause.clone()));
        }
    }
    describe_pod_template(&template)
}

/// `rollout history`'s table (kubectl's tabwriter: padding 2), or its note for no history.
pub fn render_history(entries: &[RevisionEntry]) -> String {
    if entries.is_empty() {
        return "No rollout history found.".to_string();
    }
    let width = entries.iter().map(|e| e.revision.to_string().len()).max().unwrap_or(0).max("REVISION".len()) + 2;
    let mut out = format!("{:<width$}CHANGE-CAUSE\n", "REVISION");
    for e in entries {
        out.push_str(&format!("{:<width$}{}\n", e.revision, e.change_cause.as_deref().unwrap_or("<none>")));
    }
    out
}

/// Drop what never matters to template equality: nulls, empty maps and lists (Go's
/// semantic equality treats them as absent) and the pod-template-hash label.
fn normalize_template(t: &Value) -> Value {
    fn clean(v: &Value) -> Option<Value> {
        match v {
            Value::Null => None,
            Value::Object(m) => {
                let out: serde_json::Map<String, Value> =
                    m.iter().filter_map(|(k, v)| clean(v).map(|v| (k.clone(), v))).collect();
                (!out.is_empty()).then_some(Value::Object(out))
            }
            Value::Array(a) if a.is_empty() => None,
            Value::Array(a) => Some(Value::Array(a.iter().map(|v| clean(v).unwrap_or(Value::Null)).collect())),
            other => Some(other.clone()),
        }
    }
    let mut t = t.clone();
    if let Some(labels) = t.pointer_mut("/metadata/labels").and_then(Value::as_object_mut) {
        labels.remove(POD_TEMPLATE_HASH);
    }
    clean(&t).unwrap_or(Value::Null)
}

/// Whether two pod templates are the same apart from the pod-template-hash label.
pub fn templates_equal(a: &Value, b: &Value) -> bool {
    normalize_template(a) == normalize_template(b)
}

/// The ReplicaSet kubectl rolls a deployment back to: revision `to`, or for 0 the
/// second-newest.
fn pick_deployment_revision(entries: &[RevisionEntry], to: i64, name: &str) -> Result<RevisionEntry, ClientError> {
    if to > 0 {
        return entries
            .iter()
            .find(|e| e.revision == to)
            .cloned()
            .ok_or_else(|| ClientError::Other(format!("unable to find specified revision {to} in history")));
    }
    if entries.len() < 2 {
        return Err(ClientError::Other(format!("no rollout history found for deployment \"{name}\"")));
    }
    Ok(entries[entries.len() - 2].clone())
}

/// kubectl's undo patch for a deployment: the revision's template (minus its hash label) and
/// the ReplicaSet's annotations, keeping the deployment's own bookkeeping annotations.
pub fn deployment_undo_patch(deployment: &Value, rs_template: &Value, rs_annotations: Option<&Value>) -> Value {
    let mut template = rs_template.clone();
    if let Some(labels) = template.pointer_mut("/metadata/labels").and_then(Value::as_object_mut) {
        labels.remove(POD_TEMPLATE_HASH);
    }
    if let Some(m) = template.get_mut("metadata").and_then(Value::as_object_mut) {
        // Go always writes the zero creationTimestamp, and kubectl's patch carries it.
        m.entry("creationTimestamp").or_insert(Value::Null);
    }
    let mut annotations = serde_json::Map::new();
    let own = deployment.pointer("/metadata/annotations").and_then(Value::as_object);
    for k in ANNOTATIONS_TO_SKIP {
        if let Some(v) = own.and_then(|m| m.get(*k)) {
            annotations.insert(k.to_string(), v.clone());
        }
    }
    for (k, v) in rs_annotations.and_then(Value::as_object).into_iter().flatten() {
        if !ANNOTATIONS_TO_SKIP.contains(&k.as_str()) {
            annotations.insert(k.clone(), v.clone());
        }
    }
    json!([
        {"op": "replace", "path": "/spec/template", "value": template},
        {"op": "replace", "path": "/metadata/annotations", "value": annotations},
    ])
}

/// Roll `w` back to revision `to` (0: the previous one), as `kubectl rollout undo` does.
pub async fn undo(session: &Session, w: &Workload, to: i64) -> Result<UndoOutcome, ClientError> {
    if to < 0 {
        return Err(ClientError::Other(format!("unable to find specified revision {to} in history")));
    }
    let path = rest::path(&w.rt, Some(&w.namespace), Some(&w.name));
    match w.kind {
        WorkloadKind::Deployment => {
            let entries = history(session, w).await?;
            let target = pick_deployment_revision(&entries, to, &w.name)?;
            if w.object.pointer("/spec/paused").and_then(Value::as_bool) == Some(true) {
                return Err(ClientError::Other(
                    "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again".into(),
                ));
            }
            if templates_equal(&target.template, &template_of(&w.object)) {
                return Ok(UndoOutcome::Skipped(to));
            }
            // The ReplicaSet's own annotations go onto the deployment.
            let rs_rt = crate::k8s::catalog::lookup("apps", "v1", "replicasets").expect("built in");
            let rs =
                rest::call_json(session.client(), get_req(rest::path(rs_rt, Some(&w.namespace), Some(&target.source))))
                    .await?;
            let patch = deployment_undo_patch(&w.object, &target.template, rs.pointer("/metadata/annotations"));
            let body = serde_json::to_vec(&patch).expect("a patch serializes");
            rest::call(session.client(), patch_req(path, "application/json-patch+json", body))
                .await
                .map_err(|e| ClientError::Other(format!("failed restoring revision {to}: {}", e.message())))?;
            Ok(UndoOutcome::RolledBack)
        }
        WorkloadKind::StatefulSet | WorkloadKind::DaemonSet => {
            let revisions = owned(session, w, "apps", "controllerrevisions").await?;
            if to == 0 && revisions.len() <= 1 {
                return Err(ClientError::Other("no last revision to roll back to".into()));
            }
            let mut sorted = revisions.clone();
            sorted.sort_by_key(|c| c.get("revision").and_then(Value::as_i64).unwrap_or(0));
            let target = if to == 0 {
                sorted.get(sorted.len().saturating_sub(2)).cloned()
            } else {
                sorted.iter().find(|c| c.get("revision").and_then(Value::as_i64) == Some(to)).cloned()
            }
            .ok_or_else(|| ClientError::Other(format!("unable to find specified revision {to} in history")))?;
            if templates_equal(&revision_template(&target), &template_of(&w.object)) {
                return Ok(UndoOutcome::Skipped(to));
            }
            let body = serde_json::to_vec(target.get("data").unwrap_or(&Value::Null)).expect("JSON serializes");
            rest::call(session.client(), patch_req(path, "application/strategic-merge-patch+json", body))
                .await
                .map_err(|e| ClientError::Other(format!("failed restoring revision {to}: {}", e.message())))?;
            Ok(UndoOutcome::RolledBack)
        }
    }
}

fn int(obj: &Value, ptr: &str) -> i64 {
    obj.pointer(ptr).and_then(Value::as_i64).unwrap_or(0)
}

/// kubectl's status viewers (`polymorphichelpers/rollout_status.go`) over one observation.
pub fn status(kind: WorkloadKind, obj: &Value, revision: i64) -> Result<RolloutStatus, ClientError> {
    let name = meta::name(obj);
    let generation = int(obj, "/metadata/generation");
    let observed = int(obj, "/status/observedGeneration");
    let waiting = |message: String| Ok(RolloutStatus { message, done: false });
    let done = |message: String| Ok(RolloutStatus { message, done: true });
    match kind {
        WorkloadKind::Deployment => {
            if revision > 0 {
                let current = meta::annotation(obj, REVISION_ANNOTATION).and_then(|r| r.parse::<i64>().ok());
                let Some(current) = current else {
                    return Err(ClientError::Other(format!("cannot get the revision of deployment \"{name}\"")));
                };
                if current != revision {
                    return Err(ClientError::Other(format!(
                        "desired revision ({revision}) is different from the running revision ({current})"
                    )));
                }
            }
            if generation > observed {
                return waiting("Waiting for deployment spec update to be observed...".into());
            }
            let timed_out =
                obj.pointer("/status/conditions").and_then(Value::as_array).into_iter().flatten().any(|c| {
                    c.get("type").and_then(Value::as_str) == Some("Progressing")
                        && c.get("reason").and_then(Value::as_str) == Some("ProgressDeadlineExceeded")
                });
            if timed_out {
                return Err(ClientError::Other(format!("deployment \"{name}\" exceeded its progress deadline")));
            }
            let updated = int(obj, "/status/updatedReplicas");
            let replicas = int(obj, "/status/replicas");
            let available = int(obj, "/status/availableReplicas");
            if let Some(want) = obj.pointer("/spec/replicas").and_then(Value::as_i64)
                && updated < want
            {
                return waiting(format!(
                    "Waiting for deployment \"{name}\" rollout to finish: {updated} out of {want} new replicas have been updated..."
                ));
            }
            if replicas > updated {
                return waiting(format!(
                    "Waiting for deployment \"{name}\" rollout to finish: {} old replicas are pending termination...",
                    replicas - updated
                ));
            }
            if available < updated {
                return waiting(format!(
                    "Waiting for deployment \"{name}\" rollout to finish: {available} of {updated} updated replicas are available..."
                ));
            }
            done(format!("deployment \"{name}\" successfully rolled out"))
        }
        WorkloadKind::DaemonSet => {
            if obj.pointer("/spec/updateStrategy/type").and_then(Value::as_str).unwrap_or("RollingUpdate")
                != "RollingUpdate"
            {
                return Err(ClientError::Other(
                    "rollout status is only available for RollingUpdate strategy type".into(),
                ));
            }
            if generation > observed {
                return waiting("Waiting for daemon set spec update to be observed...".into());
            }
            let updated = int(obj, "/status/updatedNumberScheduled");
            let desired = int(obj, "/status/desiredNumberScheduled");
            let available = int(obj, "/status/numberAvailable");
            if updated < desired {
                return waiting(format!(
                    "Waiting for daemon set \"{name}\" rollout to finish: {updated} out of {desired} new pods have been updated..."
                ));
            }
            if available < desired {
                return waiting(format!(
                    "Waiting for daemon set \"{name}\" rollout to finish: {available} of {desired} updated pods are available..."
                ));
            }
            done(format!("daemon set \"{name}\" successfully rolled out"))
        }
        WorkloadKind::StatefulSet => {
            if obj.pointer("/spec/updateStrategy/type").and_then(Value::as_str).unwrap_or("RollingUpdate")
                != "RollingUpdate"
            {
                return Err(ClientError::Other(
                    "rollout status is only available for RollingUpdate strategy type".into(),
                ));
            }
            if observed == 0 || generation > observed {
                return waiting("Waiting for statefulset spec update to be observed...".into());
            }
            let ready = int(obj, "/status/readyReplicas");
            let want = obj.pointer("/spec/replicas").and_then(Value::as_i64);
            if let Some(want) = want
                && ready < want
            {
                return waiting(format!("Waiting for {} pods to be ready...", want - ready));
            }
            let updated = int(obj, "/status/updatedReplicas");
            if let Some(partition) = obj.pointer("/spec/updateStrategy/rollingUpdate/partition").and_then(Value::as_i64)
            {
                if let Some(want) = want
                    && updated < want - partition
                {
                    return waiting(format!(
                        "Waiting for partitioned roll out to finish: {updated} out of {} new pods have been updated...",
                        want - partition
                    ));
                }
                return done(format!("partitioned roll out complete: {updated} new pods have been updated..."));
            }
            let update_rev = obj.pointer("/status/updateRevision").and_then(Value::as_str).unwrap_or("");
            let current_rev = obj.pointer("/status/currentRevision").and_then(Value::as_str).unwrap_or("");
            if update_rev != current_rev {
                return waiting(format!(
                    "waiting for statefulset rolling update to complete {updated} pods at revision {update_rev}..."
                ));
            }
            done(format!(
                "statefulset rolling update complete {} pods at revision {current_rev}...",
                int(obj, "/status/currentReplicas")
            ))
        }
    }
}

pub type StatusStream = Pin<Box<dyn Stream<Item = Result<RolloutStatus, ClientError>> + Send>>;

/// The status after every change of `w`, starting with the current one, until it is done
/// (or at once after the first, when `watch` is false). Errors end the stream.
pub async fn watch_status(
    session: &Session,
    w: &Workload,
    revision: i64,
    watch: bool,
) -> Result<StatusStream, ClientError> {
    let client = session.client().clone();
    let base = rest::path(&w.rt, Some(&w.namespace), None);
    let field = rest::query(&[("fieldSelector", &format!("metadata.name={}", w.name))]);
    let kind = w.kind;
    let name = w.name.clone();
    type Events = Pin<Box<dyn Stream<Item = Result<Value, ClientError>> + Send>>;
    struct State {
        events: Option<Events>,
        finished: bool,
    }
    let init = State { events: None, finished: false };
    let stream = futures::stream::unfold(init, move |mut st| {
        let client = client.clone();
        let base = base.clone();
        let field = field.clone();
        let name = name.clone();
        async move {
            if st.finished {
                return None;
            }
            loop {
                if st.events.is_none() {
                    // List, report, then watch from the list's resourceVersion.
                    let list = match rest::call_json(&client, get_req(format!("{base}?{field}"))).await {
                        Ok(l) => l,
                        Err(e) => return Some((Err(e.into()), State { events: None, finished: true })),
                    };
                    let rv =
                        list.pointer("/metadata/resourceVersion").and_then(Value::as_str).unwrap_or("").to_string();
                    let Some(obj) = list.get("items").and_then(Value::as_array).and_then(|a| a.first()).cloned() else {
                        let err = ClientError::Rest(RestError::Status {
                            code: 404,
                            status: json!({"kind": "Status", "reason": "NotFound", "message": format!("{name} not found")}),
                        });
                        return Some((Err(err), State { events: None, finished: true }));
                    };
                    st.events = Some(Box::pin(watch_events(
                        client.clone(),
                        format!("{base}?{field}&resourceVersion={rv}&watch=true&allowWatchBookmarks=true"),
                    )));
                    let s = status(kind, &obj, revision);
                    let finished = !watch || s.as_ref().map(|s| s.done).unwrap_or(true);
                    return Some((s, State { events: st.events, finished }));
                }
                let events = st.events.as_mut().expect("set above");
                match events.next().await {
                    // The server closed the watch (its timeout): list and watch again.
                    None => st.events = None,
                    Some(Err(e)) => return Some((Err(e), State { events: None, finished: true })),
                    Some(Ok(ev)) => match ev.get("type").and_then(Value::as_str) {
                        Some("ADDED") | Some("MODIFIED") => {
                            let s = status(kind, ev.get("object").unwrap_or(&Value::Null), revision);
                            let finished = s.as_ref().map(|s| s.done).unwrap_or(true);
                            return Some((s, State { events: st.events, finished }));
                        }
                        Some("DELETED") => {
                            return Some((
                                Err(ClientError::Other("object has been deleted".into())),
                                State { events: None, finished: true },
                            ));
                        }
                        // An expired resourceVersion: start over from a fresh list.
                        Some("ERROR") => st.events = None,
                        _ => {}
                    },
                }
            }
        }
    });
    Ok(Box::pin(stream))
}

/// The events of one watch request, one JSON object per line.
fn watch_events(client: kube::Client, url: String) -> impl Stream<Item = Result<Value, ClientError>> + Send {
    use http_body_util::BodyExt;
    futures::stream::once(async move {
        let req = http::Request::get(url).body(Vec::new()).expect("valid request");
        rest::call_streaming(&client, req).await
    })
    .flat_map(|resp| -> Pin<Box<dyn Stream<Item = Result<Value, ClientError>> + Send>> {
        match resp {
            Err(e) => Box::pin(futures::stream::once(async move { Err(e.into()) })),
            Ok(resp) => {
                let body = resp.into_body().into_data_stream();
                Box::pin(futures::stream::unfold(
                    (Box::pin(body), Vec::<u8>::new()),
                    |(mut body, mut buf)| async move {
                        loop {
                            if let Some(pos) = buf.iter().position(|b| *b == b'\n') {
                                let rest = buf.split_off(pos + 1);
                                let line = std::mem::replace(&mut buf, rest);
                                if line.iter().all(u8::is_ascii_whitespace) {
                                    continue;
                                }
                                let ev = serde_json::from_slice::<Value>(&line)
                                    .map_err(|e| ClientError::Other(format!("undecodable watch event: {e}")));
                                return Some((ev, (body, buf)));
                            }
                            match body.next().await {
                                Some(Ok(chunk)) => buf.extend_from_slice(&chunk),
                                _ => return None,
                            }
                        }
                    },
                ))
            }
        }
    })
}

/// Wait for the rollout as `kubectl rollout status` does, calling `report` with each status
/// line; `timeout` of zero waits forever.
pub async fn wait(
    session: &Session,
    w: &Workload,
    revision: i64,
    watch: bool,
    timeout: Duration,
    mut report: impl FnMut(&RolloutStatus),
) -> Result<(), ClientError> {
    let mut stream = watch_status(session, w, revision, watch).await?;
    let run = async {
        while let Some(s) = stream.next().await {
            report(&s?);
        }
        Ok(())
    };
    if timeout.is_zero() {
        return run.await;
    }
    match tokio::time::timeout(timeout, run).await {
        Ok(r) => r,
        Err(_) => Err(ClientError::Other("timed out waiting for the condition".into())),
    }
}

/// Go's `time.Now().Format(time.RFC3339)` in local time.
fn now_rfc3339() -> String {
    let now = jiff::Zoned::now();
    let s = now.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    match s.strip_suffix("+00:00") {
        Some(head) => format!("{head}Z"),
        None => s,
    }
}

async fn strategic_patch(session: &Session, w: &Workload, patch: Value) -> Result<(), ClientError> {
    let path = rest::path(&w.rt, Some(&w.namespace), Some(&w.name));
    let body = serde_json::to_vec(&patch).expect("a patch serializes");
    rest::call(session.client(), patch_req(path, "application/strategic-merge-patch+json", body)).await?;
    Ok(())
}

/// `rollout restart`: stamp the pod template so every pod is replaced.
pub async fn restart(session: &Session, w: &Workload) -> Result<(), ClientError> {
    if w.kind == WorkloadKind::Deployment && w.object.pointer("/spec/paused").and_then(Value::as_bool) == Some(true) {
        return Err(ClientError::Other(format!(
            "{} can't restart paused deployment (run rollout resume first)",
            w.quoted()
        )));
    }
    let patch = json!({"spec": {"template": {"metadata": {"annotations": {RESTARTED_AT_ANNOTATION: now_rfc3339()}}}}});
    strategic_patch(session, w, patch).await
}

/// `rollout pause` (`true`) or `rollout resume` (`false`); only deployments can be paused.
/// Returns false when there was nothing to change.
pub async fn set_paused(session: &Session, w: &Workload, paused: bool) -> Result<(), ClientError> {
    let verb = if paused { "pausing" } else { "resuming" };
    if w.kind != WorkloadKind::Deployment {
        return Err(ClientError::Other(format!("{} {verb} is not supported", w.quoted())));
    }
    let now = w.object.pointer("/spec/paused").and_then(Value::as_bool).unwrap_or(false);
    if now == paused {
        let state = if paused { "is already paused" } else { "is not paused" };
        return Err(ClientError::Other(format!("{} {state}", w.quoted())));
    }
    let patch = if paused { json!({"spec": {"paused": true}}) } else { json!({"spec": {"paused": null}}) };
    strategic_patch(session, w, patch).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn images_lists_init_and_app_containers() {
        let t = serde_json::json!({"spec": {
            "initContainers": [{"name": "init", "image": "busybox"}],
            "containers": [{"name": "web", "image": "nginx:1.27"}]}});
        assert_eq!(super::images(&t), vec!["init=busybox", "web=nginx:1.27"]);
    }

    use super::*;

    fn entry(revision: i64, cause: Option<&str>) -> RevisionEntry {
        RevisionEntry {
            revision,
            change_cause: cause.map(str::to_string),
            template: Value::Null,
            source: String::new(),
        }
    }

    #[test]
    fn render_history_matches_kubectl_capture() {
        let text = render_history(&[entry(1, None), entry(3, None), entry(4, None)]);
        assert_eq!(text, "REVISION  CHANGE-CAUSE\n1         <none>\n3         <none>\n4         <none>\n");
        assert_eq!(render_history(&[]), "No rollout history found.");
        let caused = render_history(&[entry(12, Some("kubectl set image"))]);
        assert_eq!(caused, "REVISION  CHANGE-CAUSE\n12        kubectl set image\n");
    }

    #[test]
    fn deployment_undo_patch_drops_hash_and_keeps_own_bookkeeping() {
        let deploy = json!({"metadata": {"annotations": {REVISION_ANNOTATION: "4", "team": "a"}}});
        let template = json!({"metadata": {"labels": {"app": "web", POD_TEMPLATE_HASH: "abc"}}, "spec": {"containers": [{"name": "web", "image": "nginx:1.26"}]}});
        let rs_ann = json!({REVISION_ANNOTATION: "2", "kubernetes.io/change-cause": "x"});
        let patch = deployment_undo_patch(&deploy, &template, Some(&rs_ann));
        assert_eq!(patch[0]["path"], "/spec/template");
        assert_eq!(patch[0]["value"]["metadata"]["labels"], json!({"app": "web"}));
        assert_eq!(patch[0]["value"]["metadata"]["creationTimestamp"], Value::Null);
        assert_eq!(patch[1]["value"], json!({REVISION_ANNOTATION: "4", "kubernetes.io/change-cause": "x"}));
    }

    #[test]
    fn templates_equal_ignores_hash_and_empty_fields() {
        let a = json!({"metadata": {"labels": {"app": "w", POD_TEMPLATE_HASH: "1"}, "creationTimestamp": null}, "spec": {"containers": [{"name": "c", "resources": {}}]}});
        let b = json!({"metadata": {"labels": {"app": "w"}}, "spec": {"containers": [{"name": "c"}]}});
        assert!(templates_equal(&a, &b));
        let c = json!({"metadata": {"labels": {"app": "x"}}, "spec": {"containers": [{"name": "c"}]}});
        assert!(!templates_equal(&a, &c));
    }

    #[test]
    fn status_follows_kubectl_deployment_viewer() {
        let d = |generation: i64, obs: i64, want: i64, upd: i64, rep: i64, avail: i64| {
            json!({"metadata": {"name": "web", "generation": generation}, "spec": {"replicas": want},
                "status": {"observedGeneration": obs, "updatedReplicas": upd, "replicas": rep, "availableReplicas": avail}})
        };
        let s = |o: Value| status(WorkloadKind::Deployment, &o, 0).expect("status").message;
        assert_eq!(s(d(2, 1, 3, 0, 3, 3)), "Waiting for deployment spec update to be observed...");
        assert_eq!(
            s(d(2, 2, 3, 1, 3, 3)),
            "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated..."
        );
        assert_eq!(
            s(d(2, 2, 3, 3, 4, 3)),
            "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination..."
        );
        assert_eq!(
            s(d(2, 2, 3, 3, 3, 1)),
            "Waiting for deployment \"web\" rollout to finish: 1 of 3 updated replicas are available..."
        );
        assert_eq!(s(d(2, 2, 3, 3, 3, 3)), "deployment \"web\" successfully rolled out");
        let mut dead = d(2, 2, 3, 1, 3, 1);
        dead["status"]["conditions"] = json!([{"type": "Progressing", "reason": "ProgressDeadlineExceeded"}]);
        let err = status(WorkloadKind::Deployment, &dead, 0).expect_err("deadline");
        assert_eq!(err.to_string(), "deployment \"web\" exceeded its progress deadline");
    }

    #[test]
    fn pick_deployment_revision_takes_second_newest_by_default() {
        let entries = [entry(1, None), entry(3, None), entry(4, None)];
        assert_eq!(pick_deployment_revision(&entries, 0, "web").expect("pick").revision, 3);
        assert_eq!(pick_deployment_revision(&entries, 1, "web").expect("pick").revision, 1);
        let err = pick_deployment_revision(&entries, 2, "web").expect_err("missing");
        assert_eq!(err.to_string(), "unable to find specified revision 2 in history");
        let err = pick_deployment_revision(&entries[..1], 0, "web").expect_err("alone");
        assert_eq!(err.to_string(), "no rollout history found for deployment \"web\"");
    }
}
