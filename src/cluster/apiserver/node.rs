//! The apiserver's side of talking to node agents, as kube-apiserver proxies `pods/log`,
//! `pods/exec` and `pods/portforward` to the kubelet: a registry of agents by node name, the checks kube-apiserver
//! makes before it proxies (which container, is the pod on a node), and the HTTP and
//! WebSocket framing. Agents answer with plain streams and channels and know nothing of HTTP.

mod exec;
mod portforward;
mod portforward_spdy;
mod spdy;

pub use portforward::go_error_text;

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures::future::BoxFuture;
use futures::stream::BoxStream;
use parking_lot::RwLock;
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;

use super::Api;
use super::handler::Query;
use super::registry::parse;
use super::status::ApiError;
use crate::k8s::catalog;
use crate::k8s::meta;

/// The pod and container a request addresses, resolved by the apiserver.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodTarget {
    pub namespace: String,
    pub name: String,
    pub uid: String,
    pub container: String,
}

/// The kubelet's log query options (`PodLogOptions`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LogOptions {
    pub follow: bool,
    pub previous: bool,
    pub timestamps: bool,
    pub tail_lines: Option<u64>,
    /// Only lines written at or after this time (`sinceSeconds` is turned into a time).
    pub since: Option<jiff::Timestamp>,
    pub limit_bytes: Option<u64>,
}

/// Log output: chunks of text, flushed to the client as they come. Ends when the log does
/// (and, with `follow`, when the container stops).
pub type LogStream = BoxStream<'static, std::io::Result<Bytes>>;

/// What `pods/exec` asks the node to run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExecRequest {
    pub command: Vec<String>,
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
    pub tty: bool,
}

/// Input to a running exec session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecInput {
    Stdin(Bytes),
    /// The client has no more stdin (v5's close of channel 0).
    StdinClose,
    Resize {
        width: u16,
        height: u16,
    },
}

/// How an exec'd command ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecExit {
    Code(i32),
    /// It could not run, or failed in a way that has no exit code.
    Error(String),
}

/// Output of a running exec session; `Exit` comes last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecOutput {
    Stdout(Bytes),
    Stderr(Bytes),
    Exit(ExecExit),
}

/// A running exec. Dropping `input` tells the agent the client went away: it ends the
/// command.
#[derive(Debug)]
pub struct ExecSession {
    pub input: mpsc::Sender<ExecInput>,
    pub output: mpsc::Receiver<ExecOutput>,
}

/// The pod a port-forward reaches: ports belong to the pod's network, not to a container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodRef {
    pub namespace: String,
    pub name: String,
    pub uid: String,
}

/// A connection to a port in a pod's network.
pub trait PortConnection: AsyncRead + AsyncWrite + Send + Unpin {}
impl<T: AsyncRead + AsyncWrite + Send + Unpin> PortConnection for T {}

/// Connecting to a pod's port: a connection, or the kubelet's reason it could not (sent to
/// the client on the port's error channel, as the kubelet's streaming server does).
pub type PortDial = BoxFuture<'static, Result<Box<dyn PortConnection>, String>>;

/// Why a node agent refused a request; the message is for the person at the client.
#[derive(Clone, Debug, thiserror::Error)]
pub enum AgentError {
    /// The request cannot be served in the container's state (waiting, no previous
    /// instance, a runtime without processes).
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Internal(String),
}

impl From<AgentError> for ApiError {
    fn from(e: AgentError) -> ApiError {
        match e {
            AgentError::BadRequest(m) => ApiError::BadRequest(m),
            // kube-apiserver passes the kubelet's 404 on as an error with the kubelet's text.
            AgentError::NotFound(m) => ApiError::BadRequest(m),
            AgentError::Internal(m) => ApiError::Internal(m),
        }
    }
}

/// A node agent (kubelet) as the apiserver reaches it.
pub trait NodeAgent: Send + Sync {
    fn logs(&self, target: &PodTarget, opts: &LogOptions) -> Result<LogStream, AgentError>;
    /// Whether `exec` would be accepted, without running anything: checked before the
    /// connection is upgraded, so a refusal reaches the client as an ordinary error.
    fn can_exec(&self, target: &PodTarget) -> Result<(), AgentError>;
    fn exec(&self, target: &PodTarget, req: &ExecRequest) -> Result<ExecSession, AgentError>;
    /// Whether the pod's ports can be reached at all, checked before the upgrade as with
    /// `can_exec`.
    fn can_port_forward(&self, pod: &PodRef) -> Result<(), AgentError>;
    /// Connect to `port` in the pod's network. Called once per port of a request, after
    /// the upgrade; a failure is reported on that port's error channel.
    fn port_forward(&self, pod: &PodRef, port: u16) -> PortDial;
}

/// Agents by node name. A kubelet registers when it starts and unregisters when it stops.
#[derive(Default)]
pub struct NodeAgents(RwLock<HashMap<String, Arc<dyn NodeAgent>>>);

impl NodeAgents {
    pub fn register(&self, node: &str, agent: Arc<dyn NodeAgent>) {
        self.0.write().insert(node.to_string(), agent);
    }

    pub fn unregister(&self, node: &str) {
        self.0.write().remove(node);
    }

    pub fn get(&self, node: &str) -> Option<Arc<dyn NodeAgent>> {
        self.0.read().get(node).cloned()
    }
}

fn names(list: Option<&Value>) -> Vec<&str> {
    list.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|c| c.get("name").and_then(Value::as_str)).collect())
        .unwrap_or_default()
}

/// The container a log or exec request means, with kube-apiserver's errors
/// (`pkg/registry/core/pod/strategy.go`).
pub fn pick_container(pod: &Value, requested: Option<&str>) -> Result<String, ApiError> {
    let name = meta::name(pod);
    let containers = names(meta::path(pod, "spec.containers"));
    let init = names(meta::path(pod, "spec.initContainers"));
    let ephemeral = names(meta::path(pod, "spec.ephemeralContainers"));
    match requested {
        Some(c) if containers.contains(&c) || init.contains(&c) || ephemeral.contains(&c) => Ok(c.to_string()),
        Some(c) => Err(ApiError::BadRequest(format!("container {c} is not valid for pod {name}"))),
        None => match containers.as_slice() {
            [only] => Ok(only.to_string()),
            [] => Err(ApiError::BadRequest(format!("a container name must be specified for pod {name}"))),
            many => {
                let mut msg =
                    format!("a container name must be specified for pod {name}, choose one of: [{}]", many.join(" "));
                if !init.is_empty() {
                    msg.push_str(&format!(" or one of the init containers: [{}]", init.join(" ")));
                }
                Err(ApiError::BadRequest(msg))
            }
        },
    }
}

fn bool_param(q: &Query, key: &str) -> Result<bool, ApiError> {
    match q.get(key) {
        None => Ok(false),
        Some("true" | "1" | "True") => Ok(true),
        Some("false" | "0" | "False") => Ok(false),
        Some(v) => Err(ApiError::BadRequest(format!("{key}: invalid value {v:?}: must be true or false"))),
    }
}

fn invalid_option(field: &str, message: String) -> ApiError {
    ApiError::Invalid {
        kind: "PodLogOptions".into(),
        name: String::new(),
        causes: vec![super::status::Cause { reason: "FieldValueInvalid".into(), message, field: field.into() }],
    }
}

/// `PodLogOptions` from the query, validated as kube-apiserver does.
pub fn log_options(q: &Query, now: jiff::Timestamp) -> Result<LogOptions, ApiError> {
    let number = |key: &str| -> Result<Option<i64>, ApiError> {
        q.get(key)
            .map(|v| v.parse::<i64>().map_err(|_| ApiError::BadRequest(format!("{key}: invalid value {v:?}"))))
            .transpose()
    };
    let tail_lines = number("tailLines")?;
    if let Some(t) = tail_lines
        && t < 0
    {
        return Err(invalid_option("tailLines", format!("Invalid value: {t}: must be greater than or equal to 0")));
    }
    let limit_bytes = number("limitBytes")?;
    if let Some(l) = limit_bytes
        && l < 1
    {
        return Err(invalid_option("limitBytes", format!("Invalid value: {l}: must be greater than 0")));
    }
    let since_seconds = number("sinceSeconds")?;
    let since_time = q.get("sinceTime");
    if since_seconds.is_some() && since_time.is_some() {
        return Err(invalid_option(
            "sinceSeconds",
            "Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified".into(),
        ));
    }
    let since =
        match (since_seconds, since_time) {
            (Some(s), _) if s < 1 => {
                return Err(invalid_option("sinceSeconds", format!("Invalid value: {s}: must be greater than 0")));
            }
            (Some(s), _) => Some(now - jiff::SignedDuration::from_secs(s)),
            (None, Some(t)) => Some(t.parse::<jiff::Timestamp>().map_err(|_| {
                ApiError::BadRequest(format!("sinceTime: invalid value {t:?}: must be an RFC 3339 time"))
            })?),
            (None, None) => None,
        };
    Ok(LogOptions {
        follow: bool_param(q, "follow")?,
        previous: bool_param(q, "previous")?,
        timestamps: bool_param(q, "timestamps")?,
        tail_lines: tail_lines.map(|t| t as u64),
        since,
        limit_bytes: limit_bytes.map(|l| l as u64),
    })
}

fn get_pod(api: &Api, ns: &str, name: &str) -> Result<Value, ApiError> {
    let rt = catalog::lookup("", "v1", "pods").expect("pods are built in");
    parse(&api.registry.get(rt, Some(ns), name)?.value)
}

fn node_of(pod: &Value) -> Option<&str> {
    meta::path(pod, "spec.nodeName").and_then(Value::as_str).filter(|n| !n.is_empty())
}

fn agent_for(api: &Api, node: &str) -> Result<Arc<dyn NodeAgent>, ApiError> {
    api.node_agents()
        .get(node)
        .ok_or_else(|| ApiError::Internal(format!("no node agent (kubelet) is serving node {node:?}; is it running?")))
}

fn target(pod: &Value, container: String) -> PodTarget {
    PodTarget {
        namespace: meta::namespace(pod).unwrap_or("default").to_string(),
        name: meta::name(pod).to_string(),
        uid: meta::uid(pod).to_string(),
        container,
    }
}

/// `GET …/pods/NAME/log`.
pub async fn logs(api: &Api, ns: &str, name: &str, q: &Query) -> Result<Response, ApiError> {
    let pod = get_pod(api, ns, name)?;
    let container = pick_container(&pod, q.get("container"))?;
    let opts = log_options(q, jiff::Timestamp::now())?;
    let Some(node) = node_of(&pod) else {
        // kube-apiserver has no location for an unscheduled pod and answers with nothing.
        return Ok(text_response(Body::empty()));
    };
    let stream = agent_for(api, node)?.logs(&target(&pod, container), &opts)?;
    Ok(text_response(Body::from_stream(stream)))
}

fn text_response(body: Body) -> Response {
    let mut r = (StatusCode::OK, body).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache, private"));
    r
}

fn exec_request(q: &Query) -> Result<ExecRequest, ApiError> {
    let command: Vec<String> = q.all("command").into_iter().map(str::to_string).collect();
    if command.is_empty() {
        return Err(ApiError::BadRequest("you must specify at least 1 command".into()));
    }
    let req = ExecRequest {
        command,
        stdin: bool_param(q, "stdin")?,
        stdout: bool_param(q, "stdout")?,
        stderr: bool_param(q, "stderr")?,
        tty: bool_param(q, "tty")?,
    };
    if !req.stdin && !req.stdout && !req.stderr {
        return Err(ApiError::BadRequest("you must specify at least one of stdin, stdout, stderr".into()));
    }
    Ok(req)
}

/// `GET|POST …/pods/NAME/exec` (and `attach`, which is refused): checks, then a WebSocket
/// upgrade speaking the channel protocols.
pub async fn exec(api: &Api, ns: &str, name: &str, q: &Query, parts: &mut Parts) -> Result<Response, ApiError> {
    let pod = get_pod(api, ns, name)?;
    if parts.uri.path().ends_with("/attach") {
        return Err(ApiError::BadRequest(
            "kx's kubelets do not support attach (containers have no attachable console); use exec".into(),
        ));
    }
    let container = pick_container(&pod, q.get("container"))?;
    let req = exec_request(q)?;
    let Some(node) = node_of(&pod) else {
        return Err(ApiError::BadRequest(format!("pod {name} does not have a host assigned")));
    };
    let agent = agent_for(api, node)?;
    let target = target(&pod, container);
    // kubectl retries a refused upgrade as SPDY and prints that attempt's error, so the
    // node's refusal must come before the protocol's.
    agent.can_exec(&target)?;
    // Negotiate before starting anything, so a refused upgrade runs no command.
    let upgrade = exec::negotiate(parts).await?;
    let session = agent.exec(&target, &req)?;
    Ok(exec::serve(upgrade, session, &req))
}

/// The ports of a `pods/portforward` request: `ports=` repeated or comma-separated, as
/// kube-apiserver converts them (`Convert_Slice_string_To_Slice_int32`) and the kubelet then
/// checks them (`NewV4Options`).
fn forwarded_ports(q: &Query) -> Result<Vec<u16>, ApiError> {
    let given = q.all("ports");
    if given.is_empty() {
        return Err(ApiError::BadRequest("query parameter \"port\" is required".into()));
    }
    let mut ports = Vec::new();
    for value in given {
        if value.is_empty() {
            return Err(ApiError::BadRequest("query parameter \"port\" cannot be empty".into()));
        }
        for p in value.split(',') {
            let refuse = |why: &str| {
                ApiError::BadRequest(format!("cannot convert to []int32: strconv.ParseUint: parsing {p:?}: {why}"))
            };
            // Go's ParseUint takes digits only (no sign), which Rust's parse does not insist on.
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(refuse("invalid syntax"));
            }
            let port: u16 = p.parse().map_err(|_| refuse("value out of range"))?;
            if port == 0 {
                return Err(ApiError::BadRequest(format!("port {value:?} must be > 0")));
            }
            ports.push(port);
        }
    }
    Ok(ports)
}

/// `GET|POST …/pods/NAME/portforward`: checks, then an upgrade to one of the kubelet's
/// port-forward protocols: the WebSocket channel protocol (kube-rs, kx), SPDY tunnelled in
/// WebSocket (kubectl ≥ 1.31) or plain SPDY (older kubectl, and kubectl's fallback).
pub async fn port_forward(api: &Api, ns: &str, name: &str, q: &Query, parts: &mut Parts) -> Result<Response, ApiError> {
    let pod = get_pod(api, ns, name)?;
    let Some(node) = node_of(&pod) else {
        return Err(ApiError::BadRequest(format!("pod {name} does not have a host assigned")));
    };
    let phase = meta::path(&pod, "status.phase").and_then(Value::as_str).unwrap_or("Pending");
    if phase != "Running" {
        return Err(ApiError::BadRequest(format!(
            "unable to forward port because pod is not running. Current status={phase}"
        )));
    }
    let agent = agent_for(api, node)?;
    let target = PodRef {
        namespace: meta::namespace(&pod).unwrap_or("default").to_string(),
        name: meta::name(&pod).to_string(),
        uid: meta::uid(&pod).to_string(),
    };
    // The pod's own problem comes before the protocol's (kubectl prints the last refusal
    // of its tunnel-then-SPDY attempts). Only WebSocket channel clients put the ports in
    // the query (SPDY sends them per stream), so they come last, as in the kubelet.
    agent.can_port_forward(&target)?;
    if portforward_spdy::is_spdy_upgrade(&parts.headers) {
        return portforward_spdy::upgrade(parts, agent, target);
    }
    let upgrade = portforward::negotiate(parts).await?;
    if upgrade.tunnel {
        return Ok(portforward::serve_tunnel(upgrade, agent, target));
    }
    let ports = forwarded_ports(q)?;
    Ok(portforward::serve(upgrade, agent, target, ports))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn forwarded_ports_reads_repeated_and_comma_separated_values() {
        let q = Query::parse(Some("ports=80%2C1234&ports=8080"));
        assert_eq!(forwarded_ports(&q).expect("valid"), [80, 1234, 8080]);
    }

    #[test]
    fn forwarded_ports_refuses_like_kubernetes() {
        let err = |q: &str| forwarded_ports(&Query::parse(Some(q))).expect_err(q).to_string();
        assert_eq!(err(""), "query parameter \"port\" is required");
        assert_eq!(err("ports="), "query parameter \"port\" cannot be empty");
        assert_eq!(err("ports=http"), "cannot convert to []int32: strconv.ParseUint: parsing \"http\": invalid syntax");
        assert_eq!(
            err("ports=70000"),
            "cannot convert to []int32: strconv.ParseUint: parsing \"70000\": value out of range"
        );
        assert_eq!(err("ports=80,0"), "port \"80,0\" must be > 0");
    }

    fn pod() -> Value {
        json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}, {"name": "b"}], "initContainers": [{"name": "i"}]}})
    }

    #[test]
    fn pick_container_requested_must_exist() {
        assert_eq!(pick_container(&pod(), Some("b")).expect("b exists"), "b");
        assert_eq!(pick_container(&pod(), Some("i")).expect("init containers count"), "i");
        let e = pick_container(&pod(), Some("x")).expect_err("x does not exist");
        assert_eq!(e.to_string(), "container x is not valid for pod p");
    }

    #[test]
    fn pick_container_several_without_request_lists_them() {
        let e = pick_container(&pod(), None).expect_err("ambiguous");
        assert_eq!(
            e.to_string(),
            "a container name must be specified for pod p, choose one of: [a b] or one of the init containers: [i]"
        );
        let single = json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "only"}]}});
        assert_eq!(pick_container(&single, None).expect("one container"), "only");
    }

    #[test]
    fn log_options_reads_every_kubelet_option() {
        let now: jiff::Timestamp = "2025-01-01T00:10:00Z".parse().expect("time");
        let q =
            Query::parse(Some("follow=true&previous=true&timestamps=true&tailLines=5&sinceSeconds=60&limitBytes=10"));
        let o = log_options(&q, now).expect("valid");
        assert!(o.follow && o.previous && o.timestamps);
        assert_eq!(o.tail_lines, Some(5));
        assert_eq!(o.limit_bytes, Some(10));
        assert_eq!(o.since, Some("2025-01-01T00:09:00Z".parse().expect("time")));
        let q = Query::parse(Some("sinceTime=2025-01-01T00:00:00Z"));
        assert_eq!(log_options(&q, now).expect("valid").since, Some("2025-01-01T00:00:00Z".parse().expect("time")));
    }

    #[test]
    fn log_options_bad_values_are_refused() {
        let now = jiff::Timestamp::now();
        for bad in [
            "tailLines=-1",
            "limitBytes=0",
            "sinceSeconds=0",
            "sinceSeconds=1&sinceTime=2025-01-01T00:00:00Z",
            "follow=maybe",
        ] {
            assert!(log_options(&Query::parse(Some(bad)), now).is_err(), "{bad}");
        }
    }

    #[test]
    fn exec_request_needs_a_command_and_a_stream() {
        assert!(exec_request(&Query::parse(Some("stdout=true"))).is_err());
        assert!(exec_request(&Query::parse(Some("command=ls"))).is_err());
        let r = exec_request(&Query::parse(Some("command=sh&command=-c&command=echo+hi&stdout=true&tty=true")))
            .expect("valid");
        assert_eq!(r.command, ["sh", "-c", "echo hi"]);
        assert!(r.stdout && r.tty && !r.stdin);
    }
}
