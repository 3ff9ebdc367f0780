//! Container logs as kubectl gets them: which pod (`POD`, `TYPE/NAME` through the object's
//! selector, or `-l`), which container (`-c`, the `kubectl.kubernetes.io/default-container`
//! annotation, else the first, with kubectl's notice), the `pods/log` query, and the lines
//! of one or several containers as a stream the CLI prints and the TUI's log view consumes.

pub mod follow;

use std::sync::Arc;

use futures::StreamExt;
use serde_json::Value;

use super::rest::{self, RestError};
use super::{ClientError, Session};
use crate::k8s::catalog::ResourceType;
use crate::k8s::meta;
use crate::k8s::selector::LabelSelector;

pub use follow::{LogItem, LogItems};

/// The annotation naming the container `logs`, `exec` and `attach` use by default.
pub const DEFAULT_CONTAINER_ANNOTATION: &str = "kubectl.kubernetes.io/default-container";

/// What to read logs from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogTarget {
    /// `POD` or `pod/NAME`.
    Pod(String),
    /// `TYPE/NAME` of a workload or service: one of its pods, as kubectl picks it.
    Object { kind: String, name: String },
    /// `-l SELECTOR`: every matching pod.
    Selector(String),
}

/// The `pods/log` options and kubectl's choices around them.
#[derive(Clone, Debug, Default)]
pub struct LogOptions {
    pub container: Option<String>,
    pub all_containers: bool,
    pub follow: bool,
    pub previous: bool,
    pub timestamps: bool,
    /// Lines from the end; `None` for all (kubectl's `-1`).
    pub tail_lines: Option<i64>,
    pub since_seconds: Option<i64>,
    /// RFC 3339.
    pub since_time: Option<String>,
    pub limit_bytes: Option<i64>,
    /// Prefix each line with `[pod/NAME/CONTAINER] `.
    pub prefix: bool,
    /// How many streams `follow` may open at once (kubectl's default is 5).
    pub max_log_requests: usize,
}

/// One container's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogSource {
    pub namespace: String,
    pub pod: String,
    pub container: String,
}

impl LogSource {
    /// kubectl's `--prefix` text.
    pub fn prefix(&self) -> String {
        format!("[pod/{}/{}]", self.pod, self.container)
    }
}

/// The containers a log request covers, and the notices kubectl prints on stderr while
/// choosing them (`Defaulted container …`, `Found 3 pods, using pod/x`).
#[derive(Clone, Debug, Default)]
pub struct LogPlan {
    pub sources: Vec<LogSource>,
    pub notices: Vec<String>,
}

/// One line of output (with its newline, unless the log ended without one).
#[derive(Clone, Debug)]
pub struct LogLine {
    pub source: Arc<LogSource>,
    pub text: String,
}

fn pods_type() -> &'static ResourceType {
    crate::k8s::catalog::lookup("", "v1", "pods").expect("pods are built in")
}

async fn get_json(session: &Session, path: String) -> Result<Value, RestError> {
    get_json_client(session.client(), path).await
}

async fn get_json_client(client: &kube::Client, path: String) -> Result<Value, RestError> {
    let req = http::Request::get(path).header("Accept", "application/json").body(Vec::new()).expect("valid request");
    rest::call_json(client, req).await
}

/// Every pod in `namespace` matching `selector`, in the server's order.
pub async fn list_pods(session: &Session, namespace: &str, selector: &str) -> Result<Vec<Value>, ClientError> {
    let opts = super::get::GetOptions {
        label_selector: (!selector.is_empty()).then(|| selector.to_string()),
        chunk_size: 500,
        ..Default::default()
    };
    let list = super::get::list(session, pods_type(), Some(namespace), &opts, false).await?;
    Ok(list.get("items").and_then(Value::as_array).cloned().unwrap_or_default())
}

fn names(list: Option<&Value>) -> Vec<String> {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| c.get("name").and_then(Value::as_str).map(str::to_string))
        .collect()
}

/// `a, b, dbg (ephem), init (init)`: how kubectl lists a pod's containers.
pub fn all_container_names(pod: &Value) -> String {
    let spec = pod.get("spec");
    let mut out = names(spec.and_then(|s| s.get("containers")));
    out.extend(names(spec.and_then(|s| s.get("ephemeralContainers"))).into_iter().map(|n| format!("{n} (ephem)")));
    out.extend(names(spec.and_then(|s| s.get("initContainers"))).into_iter().map(|n| format!("{n} (init)")));
    out.join(", ")
}

/// Whether `pod` has a container (of any kind) called `name`.
pub fn has_container(pod: &Value, name: &str) -> bool {
    let spec = pod.get("spec");
    ["containers", "initContainers", "ephemeralContainers"]
        .iter()
        .any(|k| names(spec.and_then(|s| s.get(*k))).iter().any(|n| n == name))
}

/// The container kubectl uses when none is named: the default-container annotation if it
/// names a container, else the first; with the `Defaulted container` notice when the pod has
/// several and the annotation did not decide.
pub fn default_container(pod: &Value) -> Option<(String, Option<String>)> {
    if let Some(a) = meta::annotation(pod, DEFAULT_CONTAINER_ANNOTATION)
        && has_container(pod, a)
    {
        return Some((a.to_string(), None));
    }
    let containers = names(pod.get("spec").and_then(|s| s.get("containers")));
    let first = containers.first()?.clone();
    let notice = (containers.len() > 1 || all_container_names(pod).contains(", "))
        .then(|| format!("Defaulted container \"{first}\" out of: {}", all_container_names(pod)));
    Some((first, notice))
}

/// kubectl's rendering of a failed lookup inside `logs`: the server's words, lower-cased
/// `error from server`, and the namespace.
fn lookup_error(e: RestError, namespace: &str) -> ClientError {
    match &e {
        RestError::Status { status, .. } => {
            let reason = status.get("reason").and_then(Value::as_str).unwrap_or("");
            let message = status.get("message").and_then(Value::as_str).unwrap_or("");
            ClientError::Other(format!("error from server ({reason}): {message} in namespace \"{namespace}\""))
        }
        RestError::Transport(_) => e.into(),
    }
}

/// The label selector of a workload or service, as `kubectl logs|exec TYPE/NAME` use it.
pub(crate) fn object_selector(obj: &Value, kind: &str) -> Result<String, ClientError> {
    let unsupported =
        || ClientError::Other(format!("cannot get the pods of a {kind}: selector for {kind} not implemented"));
    let selector = match kind {
        "Service" | "ReplicationController" => {
            let m =
                obj.get("spec").and_then(|s| s.get("selector")).and_then(Value::as_object).ok_or_else(unsupported)?;
            LabelSelector::from_match_labels(m.iter().map(|(k, v)| (k.as_str(), v.as_str().unwrap_or(""))))
        }
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" | "Job" => {
            let s = obj.get("spec").and_then(|s| s.get("selector")).ok_or_else(unsupported)?;
            LabelSelector::from_json(s).map_err(|e| ClientError::Other(e.to_string()))?
        }
        _ => return Err(unsupported()),
    };
    Ok(selector.to_string())
}

fn phase_rank(pod: &Value) -> u8 {
    match pod.get("status").and_then(|s| s.get("phase")).and_then(Value::as_str) {
        Some("Running") => 2,
        Some("Unknown") => 1,
        _ => 0,
    }
}

fn is_ready(pod: &Value) -> bool {
    pod.get("status").and_then(|s| s.get("conditions")).and_then(Value::as_array).into_iter().flatten().any(|c| {
        c.get("type").and_then(Value::as_str) == Some("Ready")
            && c.get("status").and_then(Value::as_str) == Some("True")
    })
}

fn restarts(pod: &Value) -> i64 {
    pod.get("status")
        .and_then(|s| s.get("containerStatuses"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|c| c.get("restartCount").and_then(Value::as_i64).unwrap_or(0))
        .max()
        .unwrap_or(0)
}

/// kubectl's `podutils.ByLogging`: the pod most worth reading first sorts first (scheduled,
/// running, ready, more restarts, older).
pub fn sort_for_logging(pods: &mut [Value]) {
    pods.sort_by(|a, b| {
        let node = |p: &Value| {
            p.get("spec").and_then(|s| s.get("nodeName")).and_then(Value::as_str).is_some_and(|n| !n.is_empty())
        };
        let created = |p: &Value| meta::meta_str(p, "creationTimestamp").unwrap_or("").to_string();
        node(b)
            .cmp(&node(a))
            .then(phase_rank(b).cmp(&phase_rank(a)))
            .then(is_ready(b).cmp(&is_ready(a)))
            .then(restarts(b).cmp(&restarts(a)))
            .then(created(a).cmp(&created(b)))
    });
}

/// The pod `TYPE/NAME` stands for (a pod itself, or one of a workload's pods), with the
/// `Found N pods, using pod/x` notice when there was a choice.
pub async fn pod_for_object(
    session: &Session,
    namespace: &str,
    kind: &str,
    name: &str,
    lookup_style: bool,
) -> Result<(Value, Option<String>), ClientError> {
    let rt = session.resolve_one(kind).await?;
    let wrap = |e: RestError| if lookup_style { lookup_error(e, namespace) } else { ClientError::from(e) };
    let obj = get_json(session, rest::path(&rt, Some(namespace), Some(name))).await.map_err(wrap)?;
    if rt.group.is_empty() && rt.kind == "Pod" {
        return Ok((obj, None));
    }
    let selector = object_selector(&obj, &rt.kind)?;
    let mut pods = list_pods(session, namespace, &selector).await?;
    if pods.is_empty() {
        return Err(ClientError::Other(format!("no pods found for {} \"{name}\"", rt.kind.to_lowercase())));
    }
    sort_for_logging(&mut pods);
    let notice = (pods.len() > 1).then(|| format!("Found {} pods, using pod/{}", pods.len(), meta::name(&pods[0])));
    Ok((pods.swap_remove(0), notice))
}

/// Work out which containers `target` means.
pub async fn plan(
    session: &Session,
    namespace: &str,
    target: &LogTarget,
    opts: &LogOptions,
) -> Result<LogPlan, ClientError> {
    let mut plan = LogPlan::default();
    let pods = match target {
        LogTarget::Pod(name) => {
            let pod = get_json(session, rest::path(pods_type(), Some(namespace), Some(name)))
                .await
                .map_err(|e| lookup_error(e, namespace))?;
            vec![pod]
        }
        LogTarget::Object { kind, name } => {
            let (pod, notice) = pod_for_object(session, namespace, kind, name, true).await?;
            plan.notices.extend(notice);
            vec![pod]
        }
        LogTarget::Selector(sel) => list_pods(session, namespace, sel).await?,
    };
    for pod in &pods {
        let pod_name = meta::name(pod).to_string();
        let source =
            |container: String| LogSource { namespace: namespace.to_string(), pod: pod_name.clone(), container };
        if opts.all_containers {
            let spec = pod.get("spec");
            for key in ["initContainers", "containers", "ephemeralContainers"] {
                plan.sources.extend(names(spec.and_then(|s| s.get(key))).into_iter().map(source));
            }
            continue;
        }
        let container = match &opts.container {
            Some(c) => {
                if !has_container(pod, c) {
                    return Err(ClientError::Other(format!("container {c} is not valid for pod {pod_name}")));
                }
                c.clone()
            }
            None => {
                let Some((c, notice)) = default_container(pod) else { continue };
                plan.notices.extend(notice);
                c
            }
        };
        plan.sources.push(source(container));
    }
    Ok(plan)
}

/// The `pods/log` URL for one source.
pub fn log_path(source: &LogSource, opts: &LogOptions) -> String {
    let mut q: Vec<(&str, String)> = vec![("container", source.container.clone())];
    if opts.follow {
        q.push(("follow", "true".into()));
    }
    if opts.previous {
        q.push(("previous", "true".into()));
    }
    if let Some(s) = opts.since_seconds {
        q.push(("sinceSeconds", s.to_string()));
    }
    if let Some(t) = &opts.since_time {
        q.push(("sinceTime", t.clone()));
    }
    if let Some(t) = opts.tail_lines {
        q.push(("tailLines", t.to_string()));
    }
    if opts.timestamps {
        q.push(("timestamps", "true".into()));
    }
    if let Some(l) = opts.limit_bytes {
        q.push(("limitBytes", l.to_string()));
    }
    let pairs: Vec<(&str, &str)> = q.iter().map(|(k, v)| (*k, v.as_str())).collect();
    format!("{}/log?{}", rest::path(pods_type(), Some(&source.namespace), Some(&source.pod)), rest::query(&pairs))
}

/// The lines of every source of `plan`: one after another, or, with `follow`, all at once
/// as they come (refused beyond `max_log_requests`, as kubectl does), each followed log
/// kept going through dropped connections.
pub async fn stream(session: &Session, plan: &LogPlan, opts: &LogOptions) -> Result<LogItems, ClientError> {
    let n = plan.sources.len();
    if opts.follow && n > 1 && n > opts.max_log_requests.max(1) {
        return Err(ClientError::Other(format!(
            "you are attempting to follow {n} log streams, but maximum allowed concurrency is {}, use --max-log-requests to increase the limit",
            opts.max_log_requests
        )));
    }
    if opts.follow {
        let mut streams = Vec::new();
        for s in &plan.sources {
            streams.push(follow::open(session.client(), s.clone(), opts).await?);
        }
        return Ok(Box::pin(futures::stream::select_all(streams)));
    }
    // Sequential: open each stream only when the previous one is done, as kubectl does.
    let client = session.client().clone();
    let sources = plan.sources.clone();
    let opts = opts.clone();
    let out = futures::stream::iter(sources).then(move |s| {
        let client = client.clone();
        let opts = opts.clone();
        async move {
            match follow::open(&client, s, &opts).await {
                Ok(st) => st,
                Err(e) => Box::pin(futures::stream::once(async move { Err(e) })) as LogItems,
            }
        }
    });
    Ok(Box::pin(out.flatten()))
}

/// Parse a Go duration (`--since 1h30m`, `5s`, `300ms`) into whole seconds, rounded, with
/// Go's error wording.
pub fn parse_go_duration(s: &str) -> Result<i64, String> {
    let orig = s;
    let invalid = || format!("time: invalid duration \"{orig}\"");
    let mut rest = s;
    let negative = rest.starts_with('-');
    rest = rest.trim_start_matches(['-', '+']);
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    let mut total = 0f64;
    while !rest.is_empty() {
        let num_end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        if num_end == 0 {
            return Err(invalid());
        }
        let n: f64 = rest[..num_end].parse().map_err(|_| invalid())?;
        rest = &rest[num_end..];
        let unit_end = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let unit = &rest[..unit_end];
        rest = &rest[unit_end..];
        let scale = match unit {
            "" => return Err(format!("time: missing unit in duration \"{orig}\"")),
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            other => return Err(format!("time: unknown unit \"{other}\" in duration \"{orig}\"")),
        };
        total += n * scale;
    }
    let secs = total.round() as i64;
    Ok(if negative { -secs } else { secs })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn default_container_prefers_annotation_then_first_with_notice() {
        let pod = json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}, {"name": "b"}], "initContainers": [{"name": "i"}]}});
        let (c, notice) = default_container(&pod).expect("a container");
        assert_eq!(c, "a");
        assert_eq!(notice.as_deref(), Some("Defaulted container \"a\" out of: a, b, i (init)"));
        let annotated = json!({"metadata": {"name": "p", "annotations": {DEFAULT_CONTAINER_ANNOTATION: "b"}}, "spec": {"containers": [{"name": "a"}, {"name": "b"}]}});
        assert_eq!(default_container(&annotated), Some(("b".to_string(), None)));
        let single = json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}]}});
        assert_eq!(default_container(&single), Some(("a".to_string(), None)));
    }

    #[test]
    fn log_path_carries_kubectl_query() {
        let s = LogSource { namespace: "ns".into(), pod: "p".into(), container: "c".into() };
        let o = LogOptions {
            follow: true,
            tail_lines: Some(5),
            timestamps: true,
            since_seconds: Some(60),
            ..Default::default()
        };
        assert_eq!(
            log_path(&s, &o),
            "/api/v1/namespaces/ns/pods/p/log?container=c&follow=true&sinceSeconds=60&tailLines=5&timestamps=true"
        );
    }

    #[test]
    fn parse_go_duration_matches_go() {
        assert_eq!(parse_go_duration("1h30m"), Ok(5400));
        assert_eq!(parse_go_duration("1.5s"), Ok(2));
        assert_eq!(parse_go_duration("2x"), Err("time: unknown unit \"x\" in duration \"2x\"".into()));
        assert_eq!(parse_go_duration("5"), Err("time: missing unit in duration \"5\"".into()));
        assert_eq!(parse_go_duration("abc"), Err("time: invalid duration \"abc\"".into()));
    }

    #[test]
    fn sort_for_logging_prefers_running_ready_pods() {
        let mut pods = vec![
            json!({"metadata": {"name": "pending"}, "spec": {}, "status": {"phase": "Pending"}}),
            json!({"metadata": {"name": "ready"}, "spec": {"nodeName": "n"}, "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}),
            json!({"metadata": {"name": "running"}, "spec": {"nodeName": "n"}, "status": {"phase": "Running"}}),
        ];
        sort_for_logging(&mut pods);
        let order: Vec<&str> = pods.iter().map(meta::name).collect();
        assert_eq!(order, ["ready", "running", "pending"]);
    }
}
