//! Port forwarding as `kubectl port-forward` does it: which pod `POD|TYPE/NAME` means (a
//! workload's or service's running pod), which pod ports the `[LOCAL:]REMOTE` specs mean
//! (service ports mapped to their targetPort, named ports looked up), local listeners on
//! kubectl's addresses, and for every accepted connection a stream through kube-rs'
//! `Api::portforward`, copied both ways. A started forward is a handle (addresses, active
//! connections, stop), so the CLI runs one and the TUI holds several.
//!
//! Unlike kubectl's single SPDY connection, the WebSocket protocol carries one connection
//! per port per session, so every local connection opens its own session; a pod that
//! refuses forwarding is therefore reported at the first connection.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use futures::{StreamExt, TryStreamExt};
use k8s_openapi::api::core::v1::Pod;
use kube::runtime::{WatchStreamExt, watcher};
use serde_json::Value;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

use super::rest::{self, RestError};
use super::{ClientError, Session};
use crate::k8s::meta;

/// What to forward.
#[derive(Clone, Debug, PartialEq)]
pub struct ForwardRequest {
    /// `POD` or `TYPE/NAME` (deployment, replicaset, statefulset, service, …).
    pub target: String,
    /// kubectl's port specs: `8080`, `8080:80`, `:80` (a random local port), with names
    /// for a pod's container ports or a service's ports.
    pub ports: Vec<String>,
    /// Local addresses: IPs, or `localhost` for 127.0.0.1 and ::1 where available.
    pub addresses: Vec<String>,
    /// How long to wait for a workload's or service's pod to be running.
    pub pod_running_timeout: Duration,
}

impl ForwardRequest {
    pub fn new(target: impl Into<String>, ports: Vec<String>) -> ForwardRequest {
        ForwardRequest {
            target: target.into(),
            ports,
            addresses: vec!["localhost".into()],
            pod_running_timeout: Duration::from_secs(60),
        }
    }
}

/// A local port and the pod port it reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ForwardedPort {
    /// 0 until listening: then the port the system picked.
    pub local: u16,
    pub remote: u16,
}

/// The pod and ports a request resolved to, before anything listens.
#[derive(Clone, Debug)]
pub struct ForwardPlan {
    pub namespace: String,
    pub pod: String,
    /// The container declaring the first forwarded port, if any declares it.
    pub container: Option<String>,
    pub ports: Vec<ForwardedPort>,
    pub addresses: Vec<ListenAddress>,
}

/// A local address to listen on. `required` addresses fail the port when they cannot be
/// bound; the two of `localhost` only fail it when neither can (kubectl's `failureMode`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListenAddress {
    pub ip: IpAddr,
    pub required: bool,
}

/// What happens while a forward runs, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ForwardEvent {
    /// A local connection was accepted (kubectl: `Handling connection for 8080`).
    Connection { local: u16, active: usize },
    /// A forwarded connection ended.
    Closed { local: u16, active: usize },
    /// The pod side refused or broke one connection (kubectl: `an error occurred
    /// forwarding 8080 -> 80: …`).
    Error { local: u16, remote: u16, message: String },
}

/// How a forward ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ForwardEnd {
    /// `stop` was called.
    Stopped,
    /// The pod went away, stopped running, or (with `stop_on_error`) a connection failed:
    /// kubectl's `lost connection to pod`.
    LostConnection,
}

/// How a forward reacts to a failed connection.
#[derive(Clone, Copy, Debug, Default)]
pub struct ForwardOptions {
    /// End the whole forward when one connection fails, as kubectl does since 1.23 so that
    /// a wrapper loop can restart it. The TUI keeps the forward and shows the error.
    pub stop_on_error: bool,
}

/// A running forward. Dropping it does not stop it; call `stop`.
pub struct PortForward {
    pub namespace: String,
    pub pod: String,
    pub container: Option<String>,
    pub ports: Vec<ForwardedPort>,
    /// See `Bound`.
    pub listening: Vec<(SocketAddr, u16)>,
    pub warnings: Vec<String>,
    pub started: jiff::Timestamp,
    active: Arc<AtomicUsize>,
    stop: Stopper,
    task: tokio::task::JoinHandle<ForwardEnd>,
}

/// Stops a forward; cheap to clone and keep apart from the handle.
#[derive(Clone, Debug)]
pub struct Stopper(Arc<watch::Sender<bool>>);

impl Stopper {
    pub fn stop(&self) {
        let _ = self.0.send(true);
    }
}

impl PortForward {
    pub fn active_connections(&self) -> usize {
        self.active.load(Ordering::Relaxed)
    }

    pub fn stop(&self) {
        self.stop.stop();
    }

    pub fn stopper(&self) -> Stopper {
        self.stop.clone()
    }

    /// `8080:80, 8443:443` style summary of the ports.
    pub fn ports_text(&self) -> String {
        ports_text(&self.ports)
    }

    /// Wait for the forward to end.
    pub async fn wait(self) -> ForwardEnd {
        self.task.await.unwrap_or(ForwardEnd::Stopped)
    }
}

pub fn ports_text(ports: &[ForwardedPort]) -> String {
    ports.iter().map(|p| format!("{}:{}", p.local, p.remote)).collect::<Vec<_>>().join(", ")
}

/// kubectl's `splitPort`: `LOCAL:REMOTE`, or one port for both.
fn split_port(spec: &str) -> (&str, &str) {
    match spec.split(':').collect::<Vec<_>>().as_slice() {
        [local, remote] => (local, remote),
        _ => (spec, spec),
    }
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn items(v: Option<&Value>) -> impl Iterator<Item = &Value> {
    v.and_then(Value::as_array).into_iter().flatten()
}

fn container_ports(pod: &Value) -> impl Iterator<Item = (&Value, &Value)> {
    items(meta::path(pod, "spec.containers")).flat_map(|c| items(c.get("ports")).map(move |p| (c, p)))
}

fn int(v: Option<&Value>) -> Option<i64> {
    v.and_then(Value::as_i64)
}

/// kubectl's `LookupContainerPortNumberByName`.
fn container_port_by_name(pod: &Value, name: &str) -> Result<i64, String> {
    container_ports(pod)
        .find(|(_, p)| p.get("name").and_then(Value::as_str) == Some(name))
        .and_then(|(_, p)| int(p.get("containerPort")))
        .ok_or_else(|| format!("Pod '{}' does not have a named port '{name}'", meta::name(pod)))
}

/// kubectl's `LookupServicePortNumberByName`.
fn service_port_by_name(svc: &Value, name: &str) -> Result<i64, String> {
    items(meta::path(svc, "spec.ports"))
        .find(|p| p.get("name").and_then(Value::as_str) == Some(name))
        .and_then(|p| int(p.get("port")))
        .ok_or_else(|| format!("Service '{}' does not have a named port '{name}'", meta::name(svc)))
}

/// kubectl's `LookupContainerPortNumberByServicePort`: the pod port behind a service port.
fn container_port_by_service_port(svc: &Value, pod: &Value, port: i64) -> Result<i64, String> {
    for sp in items(meta::path(svc, "spec.ports")) {
        if int(sp.get("port")) != Some(port) {
            continue;
        }
        if meta::path(svc, "spec.clusterIP").and_then(Value::as_str) == Some("None") {
            return Ok(port);
        }
        return match sp.get("targetPort") {
            Some(Value::String(name)) if !is_number(name) => container_port_by_name(pod, name),
            Some(Value::String(n)) => Ok(n.parse().unwrap_or(port)),
            Some(Value::Number(n)) if n.as_i64().is_some_and(|n| n != 0) => Ok(n.as_i64().unwrap_or(port)),
            // An omitted targetPort means the service port itself.
            _ => Ok(port),
        };
    }
    Err(format!("Service {} does not have a service port {port}", meta::name(svc)))
}

/// `LOCAL:REMOTE` again, or one number when both sides are the same (kubectl's output of
/// its translations).
fn join_port(local: &str, remote: &str) -> String {
    if local == remote { remote.to_string() } else { format!("{local}:{remote}") }
}

/// kubectl's `convertPodNamedPortToNumber`.
pub fn pod_named_ports(specs: &[String], pod: &Value) -> Result<Vec<String>, String> {
    specs
        .iter()
        .map(|spec| {
            let (local, remote) = split_port(spec);
            let number =
                if is_number(remote) { remote.to_string() } else { container_port_by_name(pod, remote)?.to_string() };
            Ok(if local != remote { format!("{local}:{number}") } else { number })
        })
        .collect()
}

/// kubectl's `translateServicePortToTargetPort`: service ports (by number or name) become
/// the pod ports they target; the local side keeps the service port.
pub fn service_ports(specs: &[String], svc: &Value, pod: &Value) -> Result<Vec<String>, String> {
    specs
        .iter()
        .map(|spec| {
            let (local, remote) = split_port(spec);
            let mut local = local.to_string();
            let number = if is_number(remote) {
                remote.parse::<i64>().map_err(|e| e.to_string())?
            } else {
                let n = service_port_by_name(svc, remote)?;
                if local == remote {
                    local = n.to_string();
                }
                n
            };
            let target = container_port_by_service_port(svc, pod, number)?.to_string();
            Ok(join_port(&local, &target))
        })
        .collect()
}

/// kubectl's `checkUDPPorts`: a port declared only for UDP cannot be forwarded.
fn check_udp(
    specs: &[String],
    declared: &[(i64, &str)],
    lookup: impl Fn(&str) -> Result<i64, String>,
) -> Result<(), String> {
    let udp_only = |n: i64| {
        declared.iter().any(|&(p, proto)| p == n && proto == "UDP")
            && !declared.iter().any(|&(p, proto)| p == n && proto == "TCP")
    };
    for spec in specs {
        let (_, remote) = split_port(spec);
        let n = if is_number(remote) { remote.parse::<i64>().unwrap_or(-1) } else { lookup(remote)? };
        if udp_only(n) {
            return Err(format!("UDP protocol is not supported for {remote}"));
        }
    }
    Ok(())
}

fn protocol(p: &Value) -> &str {
    p.get("protocol").and_then(Value::as_str).unwrap_or("TCP")
}

fn check_udp_in_pod(specs: &[String], pod: &Value) -> Result<(), String> {
    let declared: Vec<(i64, &str)> =
        container_ports(pod).filter_map(|(_, p)| Some((int(p.get("containerPort"))?, protocol(p)))).collect();
    check_udp(specs, &declared, |name| container_port_by_name(pod, name))
}

fn check_udp_in_service(specs: &[String], svc: &Value) -> Result<(), String> {
    let declared: Vec<(i64, &str)> =
        items(meta::path(svc, "spec.ports")).filter_map(|p| Some((int(p.get("port"))?, protocol(p)))).collect();
    check_udp(specs, &declared, |name| service_port_by_name(svc, name))
}

/// client-go's `parsePorts`, with its messages.
pub fn parse_ports(specs: &[String]) -> Result<Vec<ForwardedPort>, String> {
    let parse = |what: &str, s: &str| -> Result<u16, String> {
        let why =
            if !is_number(s) { Some("invalid syntax") } else { s.parse::<u16>().err().map(|_| "value out of range") };
        match why {
            None => Ok(s.parse().unwrap_or(0)),
            Some(why) => Err(format!("error parsing {what} port '{s}': strconv.ParseUint: parsing {s:?}: {why}")),
        }
    };
    specs
        .iter()
        .map(|spec| {
            let parts: Vec<&str> = spec.split(':').collect();
            let (local, remote) = match parts.as_slice() {
                [one] => (*one, *one),
                ["", remote] => ("0", *remote),
                [local, remote] => (*local, *remote),
                _ => return Err(format!("invalid port format '{spec}'")),
            };
            let local = parse("local", local)?;
            let remote = parse("remote", remote)?;
            if remote == 0 {
                return Err("remote port must be > 0".into());
            }
            Ok(ForwardedPort { local, remote })
        })
        .collect()
}

/// client-go's `parseAddresses`: `localhost` is 127.0.0.1 and ::1, either enough; other
/// addresses must be IPs and must all be bound. Sorted as kubectl sorts them (as text).
pub fn parse_addresses(list: &[String]) -> Result<Vec<ListenAddress>, String> {
    let mut out: Vec<(String, ListenAddress)> = Vec::new();
    let mut add = |text: String, a: ListenAddress| {
        if !out.iter().any(|(t, _)| *t == text) {
            out.push((text, a));
        }
    };
    for a in list.iter().flat_map(|a| a.split(',')).map(str::trim).filter(|a| !a.is_empty()) {
        if a == "localhost" {
            add("127.0.0.1".into(), ListenAddress { ip: Ipv4Addr::LOCALHOST.into(), required: false });
            add("::1".into(), ListenAddress { ip: Ipv6Addr::LOCALHOST.into(), required: false });
        } else {
            let ip: IpAddr = a.parse().map_err(|_| format!("{a} is not a valid IP"))?;
            add(ip.to_string(), ListenAddress { ip, required: true });
        }
    }
    if out.is_empty() {
        return parse_addresses(&["localhost".into()]);
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out.into_iter().map(|(_, a)| a).collect())
}

fn phase(pod: &Value) -> &str {
    meta::path(pod, "status.phase").and_then(Value::as_str).unwrap_or("")
}

fn not_running(pod: &Value) -> ClientError {
    ClientError::Other(format!("unable to forward port because pod is not running. Current status={}", phase(pod)))
}

/// The container that declares `port`.
fn container_for_port(pod: &Value, port: u16) -> Option<String> {
    container_ports(pod)
        .find(|(_, p)| int(p.get("containerPort")) == Some(i64::from(port)))
        .and_then(|(c, _)| c.get("name").and_then(Value::as_str))
        .map(str::to_string)
}

async fn get_json(session: &Session, path: String) -> Result<Value, RestError> {
    let req = http::Request::get(path).header("Accept", "application/json").body(Vec::new()).expect("valid request");
    rest::call_json(session.client(), req).await
}

/// The most active running pod among `pods` (kubectl's `ActivePods`, reversed).
fn pick_running(mut pods: Vec<Value>) -> Option<Value> {
    pods.retain(|p| phase(p) == "Running" && meta::path(p, "metadata.deletionTimestamp").is_none());
    super::logs::sort_for_logging(&mut pods);
    pods.into_iter().next()
}

/// Wait up to `timeout` for a running pod matching `selector`.
async fn running_pod(
    session: &Session,
    namespace: &str,
    selector: &str,
    timeout: Duration,
    what: &str,
) -> Result<Value, ClientError> {
    if let Some(p) = pick_running(super::logs::list_pods(session, namespace, selector).await?) {
        return Ok(p);
    }
    let api: kube::Api<Pod> = kube::Api::namespaced(session.client().clone(), namespace);
    let cfg = watcher::Config::default().labels(selector);
    let wait = async {
        let mut seen: std::collections::BTreeMap<String, Value> = Default::default();
        let mut events = std::pin::pin!(watcher(api, cfg));
        while let Ok(Some(ev)) = events.try_next().await {
            match ev {
                watcher::Event::Apply(p) | watcher::Event::InitApply(p) => {
                    let v = serde_json::to_value(&p).unwrap_or(Value::Null);
                    seen.insert(meta::name(&v).to_string(), v);
                }
                watcher::Event::Delete(p) => {
                    seen.remove(p.metadata.name.as_deref().unwrap_or(""));
                }
                watcher::Event::Init | watcher::Event::InitDone => {}
            }
            if let Some(p) = pick_running(seen.values().cloned().collect()) {
                return Some(p);
            }
        }
        None
    };
    match tokio::time::timeout(timeout, wait).await {
        Ok(Some(p)) => Ok(p),
        _ => Err(ClientError::Other(format!("timed out waiting for a running pod of {what}"))),
    }
}

/// Find the pod and the ports, with kubectl's checks and messages.
pub async fn plan(session: &Session, namespace: &str, req: &ForwardRequest) -> Result<ForwardPlan, ClientError> {
    if req.ports.is_empty() {
        return Err(ClientError::Usage("at least 1 PORT is required for port-forward".into()));
    }
    let addresses = parse_addresses(&req.addresses).map_err(ClientError::Other)?;
    let (kind, name) = match req.target.split_once('/') {
        Some((k, n)) => (k, n),
        None => ("pods", req.target.as_str()),
    };
    let rt = session.resolve_one(kind).await?;
    let obj = get_json(session, rest::path(&rt, Some(namespace), Some(name))).await?;
    let is_pod = rt.group.is_empty() && rt.kind == "Pod";
    let pod = if is_pod {
        obj.clone()
    } else {
        let selector = super::logs::object_selector(&obj, &rt.kind)?;
        let what = format!("{}/{name}", rt.kind.to_lowercase());
        running_pod(session, namespace, &selector, req.pod_running_timeout, &what).await?
    };
    let specs = if !is_pod && rt.group.is_empty() && rt.kind == "Service" {
        check_udp_in_service(&req.ports, &obj).map_err(ClientError::Other)?;
        service_ports(&req.ports, &obj, &pod).map_err(ClientError::Other)?
    } else {
        check_udp_in_pod(&req.ports, &pod).map_err(ClientError::Other)?;
        pod_named_ports(&req.ports, &pod).map_err(ClientError::Other)?
    };
    if phase(&pod) != "Running" {
        return Err(not_running(&pod));
    }
    let ports = parse_ports(&specs).map_err(ClientError::Other)?;
    let container = ports.first().and_then(|p| container_for_port(&pod, p.remote));
    Ok(ForwardPlan { namespace: namespace.to_string(), pod: meta::name(&pod).to_string(), container, ports, addresses })
}

/// Go's text for an I/O error (`address already in use`), as kubectl prints it.
fn go_error_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = text.find(" (os error").map_or(text.as_str(), |i| &text[..i]);
    let mut chars = text.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

async fn bind_one(ip: IpAddr, port: u16) -> Result<TcpListener, String> {
    let addr = SocketAddr::new(ip, port);
    TcpListener::bind(addr).await.map_err(|e| {
        let net = if ip.is_ipv4() { "tcp4" } else { "tcp6" };
        format!("unable to create listener: Error listen {net} {addr}: bind: {}", go_error_text(&e))
    })
}

/// Local listeners of a plan, before forwarding starts.
pub struct Bound {
    listeners: Vec<(TcpListener, ForwardedPort)>,
    /// Every bound address and the pod port it reaches, in kubectl's order (by port, then
    /// address): `Forwarding from 127.0.0.1:8080 -> 80`.
    pub listening: Vec<(SocketAddr, u16)>,
    /// Ports that could not be bound (kubectl: `Unable to listen on port 8080: …`).
    pub warnings: Vec<String>,
}

/// Listen on every address for every port (client-go's `listenOnPort`): `:80` takes the
/// port the system picks on the first address for the others too. A port fails when a
/// required address cannot be bound, or when none of `localhost`'s can.
pub async fn bind(plan: &mut ForwardPlan) -> Bound {
    let mut out = Bound { listeners: Vec::new(), listening: Vec::new(), warnings: Vec::new() };
    for port in &mut plan.ports {
        let requested = port.local;
        let mut bound = Vec::new();
        let mut errors = Vec::new();
        let (mut optional_ok, mut optional_failed, mut required_failed) = (0, 0, 0);
        for a in &plan.addresses {
            match bind_one(a.ip, port.local).await {
                Ok(l) => {
                    port.local = l.local_addr().map(|s| s.port()).unwrap_or(port.local);
                    bound.push(l);
                    optional_ok += usize::from(!a.required);
                }
                Err(e) => {
                    errors.push(e);
                    if a.required {
                        required_failed += 1;
                    } else {
                        optional_failed += 1;
                    }
                }
            }
        }
        if required_failed > 0 || (optional_ok == 0 && optional_failed > 0) {
            out.warnings.push(format!(
                "Unable to listen on port {requested}: Listeners failed to create with the following errors: [{}]",
                errors.join(" ")
            ));
            port.local = requested;
            continue;
        }
        for l in bound {
            if let Ok(addr) = l.local_addr() {
                out.listening.push((addr, port.remote));
            }
            out.listeners.push((l, *port));
        }
    }
    out
}

/// What the tasks of one forward share.
struct Shared {
    api: kube::Api<Pod>,
    pod: String,
    active: Arc<AtomicUsize>,
    events: mpsc::UnboundedSender<ForwardEvent>,
    opts: ForwardOptions,
    /// A failed connection asks the forward to end (with `stop_on_error`).
    lost: mpsc::UnboundedSender<()>,
}

/// Forward from what `bind` bound. Events arrive on `events` until the forward ends.
pub async fn start(
    session: &Session,
    plan: ForwardPlan,
    bound: Bound,
    opts: ForwardOptions,
    events: mpsc::UnboundedSender<ForwardEvent>,
) -> Result<PortForward, ClientError> {
    let Bound { listeners, listening, warnings } = bound;
    if listeners.is_empty() {
        let ports: Vec<String> = plan.ports.iter().map(|p| format!("{{{} {}}}", p.local, p.remote)).collect();
        return Err(ClientError::Other(format!(
            "unable to listen on any of the requested ports: [{}]",
            ports.join(" ")
        )));
    }
    let api: kube::Api<Pod> = kube::Api::namespaced(session.client().clone(), &plan.namespace);
    let uid = api.get(&plan.pod).await.ok().and_then(|p| p.metadata.uid);
    let active = Arc::new(AtomicUsize::new(0));
    let (stop_tx, stop_rx) = watch::channel(false);
    let (lost_tx, lost_rx) = mpsc::unbounded_channel();
    let shared = Arc::new(Shared {
        api: api.clone(),
        pod: plan.pod.clone(),
        active: active.clone(),
        events,
        opts,
        lost: lost_tx,
    });
    let task = tokio::spawn(run(shared, listeners, stop_rx, lost_rx, uid));
    Ok(PortForward {
        namespace: plan.namespace,
        pod: plan.pod,
        container: plan.container,
        ports: plan.ports,
        listening,
        warnings,
        started: jiff::Timestamp::now(),
        active,
        stop: Stopper(Arc::new(stop_tx)),
        task,
    })
}

async fn run(
    shared: Arc<Shared>,
    listeners: Vec<(TcpListener, ForwardedPort)>,
    mut stop: watch::Receiver<bool>,
    mut lost: mpsc::UnboundedReceiver<()>,
    uid: Option<String>,
) -> ForwardEnd {
    let mut tasks = JoinSet::new();
    let (conn_tx, mut conn_rx) = mpsc::channel::<(TcpStream, ForwardedPort)>(16);
    for (listener, port) in listeners {
        let tx = conn_tx.clone();
        tasks.spawn(async move {
            while let Ok((conn, _)) = listener.accept().await {
                if tx.send((conn, port)).await.is_err() {
                    break;
                }
            }
        });
    }
    drop(conn_tx);
    tasks.spawn(watch_pod(shared.clone(), uid));
    let end = loop {
        tokio::select! {
            changed = stop.changed() => {
                if changed.is_err() || *stop.borrow() {
                    break ForwardEnd::Stopped;
                }
            }
            _ = lost.recv() => break ForwardEnd::LostConnection,
            conn = conn_rx.recv() => match conn {
                Some((conn, port)) => {
                    tasks.spawn(connection(shared.clone(), conn, port));
                }
                None => break ForwardEnd::Stopped,
            },
        }
    };
    // Ending drops the listeners and every forwarded connection.
    tasks.abort_all();
    end
}

/// Report a lost pod: deleted, replaced, or no longer running.
async fn watch_pod(shared: Arc<Shared>, uid: Option<String>) {
    let cfg = watcher::Config::default().fields(&format!("metadata.name={}", shared.pod));
    let mut events = std::pin::pin!(watcher(shared.api.clone(), cfg).default_backoff());
    let mut seen = false;
    while let Some(ev) = events.next().await {
        let gone = match ev {
            Ok(watcher::Event::Apply(p) | watcher::Event::InitApply(p)) => {
                seen = true;
                let replaced = uid.is_some() && p.metadata.uid != uid;
                let phase = p.status.as_ref().and_then(|s| s.phase.as_deref()).unwrap_or("");
                replaced || phase != "Running" || p.metadata.deletion_timestamp.is_some()
            }
            Ok(watcher::Event::Delete(_)) => true,
            Ok(watcher::Event::InitDone) => !seen,
            Ok(watcher::Event::Init) => {
                seen = false;
                false
            }
            Err(e) => {
                tracing::debug!(error = %e, "port-forward: pod watch error");
                false
            }
        };
        if gone {
            let _ = shared.lost.send(());
            return;
        }
    }
}

/// The message for a session that could not be opened.
fn dial_error(e: kube::Error) -> String {
    let text = match e {
        kube::Error::Api(s) => s.message,
        kube::Error::UpgradeConnection(u) => u.to_string(),
        other => other.to_string(),
    };
    format!("error upgrading connection: {text}")
}

/// One local connection: a session to the pod, copied both ways until the pod's side ends
/// or the local side closes; then the port's error channel says whether it failed.
async fn connection(shared: Arc<Shared>, conn: TcpStream, port: ForwardedPort) {
    let _ = conn.set_nodelay(true);
    let active = shared.active.fetch_add(1, Ordering::Relaxed) + 1;
    let _ = shared.events.send(ForwardEvent::Connection { local: port.local, active });
    let result = copy(&shared, conn, port.remote).await;
    let active = shared.active.fetch_sub(1, Ordering::Relaxed) - 1;
    if let Err(message) = result {
        let _ = shared.events.send(ForwardEvent::Error { local: port.local, remote: port.remote, message });
        if shared.opts.stop_on_error {
            let _ = shared.lost.send(());
        }
    }
    let _ = shared.events.send(ForwardEvent::Closed { local: port.local, active });
}

async fn copy(shared: &Shared, mut conn: TcpStream, remote: u16) -> Result<(), String> {
    let mut pf = shared.api.portforward(&shared.pod, &[remote]).await.map_err(dial_error)?;
    let (Some(upstream), Some(error)) = (pf.take_stream(remote), pf.take_error(remote)) else {
        return Err(format!("no stream for port {remote}"));
    };
    let (mut from_pod, mut to_pod) = tokio::io::split(upstream);
    let (mut from_local, mut to_local) = conn.split();
    let upload = async {
        let _ = tokio::io::copy(&mut from_local, &mut to_pod).await;
        // The local side is done sending: kube-rs then ends the session.
        let _ = to_pod.shutdown().await;
        futures::future::pending::<()>().await;
    };
    let download = async {
        let _ = tokio::io::copy(&mut from_pod, &mut to_local).await;
    };
    tokio::select! {
        () = download => {}
        () = upload => {}
    }
    let _ = to_local.shutdown().await;
    drop((from_pod, to_pod));
    // The error channel resolves once the session's task is done with it.
    let message = tokio::time::timeout(Duration::from_secs(2), error).await.ok().flatten();
    pf.abort();
    match message {
        Some(m) if !m.is_empty() => Err(m),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn specs(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parse_ports_reads_kubectl_specs() {
        let p = parse_ports(&specs(&["8080", "8888:5000", ":80"])).expect("valid");
        assert_eq!(
            p,
            [
                ForwardedPort { local: 8080, remote: 8080 },
                ForwardedPort { local: 8888, remote: 5000 },
                ForwardedPort { local: 0, remote: 80 }
            ]
        );
    }

    #[test]
    fn parse_ports_refuses_with_client_go_messages() {
        let err = |s: &str| parse_ports(&specs(&[s])).expect_err(s);
        assert_eq!(err("1:2:3"), "invalid port format '1:2:3'");
        assert_eq!(err("x:80"), "error parsing local port 'x': strconv.ParseUint: parsing \"x\": invalid syntax");
        assert_eq!(
            err("80:70000"),
            "error parsing remote port '70000': strconv.ParseUint: parsing \"70000\": value out of range"
        );
        assert_eq!(err("8080:0"), "remote port must be > 0");
    }

    #[test]
    fn parse_addresses_expands_localhost_and_sorts() {
        let a = parse_addresses(&specs(&["localhost"])).expect("valid");
        assert_eq!(
            a,
            [
                ListenAddress { ip: Ipv4Addr::LOCALHOST.into(), required: false },
                ListenAddress { ip: Ipv6Addr::LOCALHOST.into(), required: false }
            ]
        );
        let a = parse_addresses(&specs(&["localhost,10.0.0.1", "127.0.0.1"])).expect("valid");
        let ips: Vec<String> = a.iter().map(|a| a.ip.to_string()).collect();
        assert_eq!(ips, ["10.0.0.1", "127.0.0.1", "::1"]);
        assert_eq!(parse_addresses(&specs(&["nope"])).expect_err("not an IP"), "nope is not a valid IP");
    }

    fn pod() -> Value {
        json!({"metadata": {"name": "web-1"}, "spec": {"containers": [
            {"name": "app", "ports": [{"name": "http", "containerPort": 8080}, {"name": "dns", "containerPort": 53, "protocol": "UDP"}]},
            {"name": "side", "ports": [{"name": "metrics", "containerPort": 9090}]}
        ]}, "status": {"phase": "Running"}})
    }

    #[test]
    fn pod_named_ports_become_numbers() {
        assert_eq!(
            pod_named_ports(&specs(&["http", "9000:metrics", "81"]), &pod()).expect("known"),
            ["8080", "9000:9090", "81"]
        );
        assert_eq!(
            pod_named_ports(&specs(&["grpc"]), &pod()).expect_err("unknown"),
            "Pod 'web-1' does not have a named port 'grpc'"
        );
        assert_eq!(container_for_port(&pod(), 9090).as_deref(), Some("side"));
    }

    #[test]
    fn service_ports_map_to_target_ports() {
        let svc = json!({"metadata": {"name": "web"}, "spec": {"clusterIP": "10.96.0.9", "ports": [
            {"name": "http", "port": 80, "targetPort": "http"},
            {"name": "admin", "port": 81, "targetPort": 9090},
            {"name": "plain", "port": 82}
        ]}});
        assert_eq!(
            service_ports(&specs(&["80", "http", "7000:admin", "82", ":80"]), &svc, &pod()).expect("known"),
            ["80:8080", "80:8080", "7000:9090", "82", ":8080"]
        );
        assert_eq!(
            service_ports(&specs(&["443"]), &svc, &pod()).expect_err("undeclared"),
            "Service web does not have a service port 443"
        );
        let headless = json!({"metadata": {"name": "h"}, "spec": {"clusterIP": "None", "ports": [{"port": 80, "targetPort": 8080}]}});
        assert_eq!(service_ports(&specs(&["80"]), &headless, &pod()).expect("headless"), ["80"]);
    }

    #[test]
    fn udp_only_ports_are_refused() {
        assert_eq!(check_udp_in_pod(&specs(&["53"]), &pod()).expect_err("udp"), "UDP protocol is not supported for 53");
        assert_eq!(
            check_udp_in_pod(&specs(&["dns"]), &pod()).expect_err("udp"),
            "UDP protocol is not supported for dns"
        );
        assert!(check_udp_in_pod(&specs(&["8080", "1234"]), &pod()).is_ok());
    }

    #[tokio::test]
    async fn listen_picks_one_random_port_for_every_address() {
        let mut plan = ForwardPlan {
            namespace: "default".into(),
            pod: "p".into(),
            container: None,
            ports: vec![ForwardedPort { local: 0, remote: 80 }],
            addresses: parse_addresses(&specs(&["localhost"])).expect("valid"),
        };
        let bound = bind(&mut plan).await;
        let local = plan.ports[0].local;
        assert_ne!(local, 0);
        assert!(bound.warnings.is_empty(), "{:?}", bound.warnings);
        assert_eq!(bound.listening[0], (SocketAddr::new(Ipv4Addr::LOCALHOST.into(), local), 80));
        assert!(bound.listening.iter().all(|(a, _)| a.port() == local));
    }

    #[tokio::test]
    async fn listen_reports_a_port_in_use() {
        let taken = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = taken.local_addr().expect("addr").port();
        let mut plan = ForwardPlan {
            namespace: "default".into(),
            pod: "p".into(),
            container: None,
            ports: vec![ForwardedPort { local: port, remote: 80 }],
            addresses: parse_addresses(&specs(&["127.0.0.1"])).expect("valid"),
        };
        let bound = bind(&mut plan).await;
        assert!(bound.listening.is_empty());
        assert_eq!(
            bound.warnings,
            [format!(
                "Unable to listen on port {port}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:{port}: bind: address already in use]"
            )]
        );
    }
}
