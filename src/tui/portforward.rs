//! Port forwards in the TUI, as k9s has them: shift-f on a pod, workload or service opens a
//! dialog pre-filled with a declared port, the same local port and `localhost`; `:pf`
//! lists the running forwards (namespace, pod, container, ports, active connections, age),
//! where ctrl-d stops one after a confirm. Everything here is pure state and its changes;
//! the forwards run in `portforward/run.rs` through the client layer, started and stopped
//! by commands. Forwarding is allowed in `--readonly`, as in k9s: it changes nothing in the
//! cluster.

pub mod run;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::Timestamp;
use serde_json::Value;

use super::model::{Confirm, Level, Model, Overlay, Page, Pending};
use super::msg::{Cmd, Id, ObjRef};
use crate::client::portforward::ForwardRequest;
use crate::k8s::meta;

/// Which field of the dialog has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Remote,
    Local,
    Address,
}

/// The shift-f dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct Dialog {
    pub target: ObjRef,
    /// Ports the object declares: what the list shows (`app/8080 (http)`) and the port.
    pub known: Vec<(String, u16)>,
    /// The port in the pod (or the service's port): a number or a port name.
    pub remote: String,
    /// Empty for a free port.
    pub local: String,
    pub address: String,
    pub focus: Field,
    pub error: Option<String>,
}

impl Dialog {
    /// A service forwards its own ports (mapped to their targets); the rest the containers'.
    pub fn remote_label(&self) -> &'static str {
        if is_service(&self.target) { "Service port" } else { "Container port" }
    }

    fn field(&mut self) -> &mut String {
        match self.focus {
            Field::Remote => &mut self.remote,
            Field::Local => &mut self.local,
            Field::Address => &mut self.address,
        }
    }
}

/// A running forward as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Forward {
    pub id: Id,
    /// What was asked for (`deployment/web`), for messages.
    pub target: String,
    pub namespace: String,
    pub pod: String,
    pub container: Option<String>,
    /// `8080:80, 9090:9090`.
    pub ports: String,
    /// The local addresses it listens on (`127.0.0.1`, `::1`).
    pub listening: Vec<String>,
    pub active: usize,
    pub started: Timestamp,
    /// The last connection that failed, and why.
    pub last_error: Option<String>,
}

/// The `:pf` page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListPage {
    pub cursor: usize,
}

/// What a forward's task reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Started {
        namespace: String,
        pod: String,
        container: Option<String>,
        ports: String,
        listening: Vec<String>,
        /// Ports that could not be bound while others could.
        warnings: Vec<String>,
    },
    /// It could not start.
    Failed(String),
    /// Active connections now.
    Connections(usize),
    /// One connection failed (the forward goes on).
    Error(String),
    /// It ended, and why (`stopped`, `lost connection to pod`).
    Ended(String),
}

fn is_service(t: &ObjRef) -> bool {
    t.rt.group.is_empty() && t.rt.kind == "Service"
}

/// Whether shift-f applies to rows of this type.
pub fn forwardable(rt: &crate::k8s::catalog::ResourceType) -> bool {
    (rt.group.is_empty() && matches!(rt.kind.as_str(), "Pod" | "Service"))
        || (rt.group == "apps" && matches!(rt.kind.as_str(), "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet"))
}

/// The ports `obj` declares: a pod's (or a workload template's) container ports, TCP only,
/// or a service's ports.
pub fn declared_ports(target: &ObjRef, obj: &Value) -> Vec<(String, u16)> {
    let tcp = |p: &Value| p.get("protocol").and_then(Value::as_str).unwrap_or("TCP") == "TCP";
    let items = |v: Option<&Value>| v.and_then(Value::as_array).cloned().unwrap_or_default();
    let port = |v: Option<&Value>| v.and_then(Value::as_u64).and_then(|n| u16::try_from(n).ok());
    if is_service(target) {
        return items(meta::path(obj, "spec.ports"))
            .iter()
            .filter(|p| tcp(p))
            .filter_map(|p| {
                let n = port(p.get("port"))?;
                let name = p.get("name").and_then(Value::as_str).map(|s| format!(" ({s})")).unwrap_or_default();
                Some((format!("{n}{name}"), n))
            })
            .collect();
    }
    let spec = if target.rt.kind == "Pod" { "spec.containers" } else { "spec.template.spec.containers" };
    let mut out = Vec::new();
    for c in items(meta::path(obj, spec)) {
        let cname = c.get("name").and_then(Value::as_str).unwrap_or("");
        for p in items(c.get("ports")).iter().filter(|p| tcp(p)) {
            let Some(n) = port(p.get("containerPort")) else { continue };
            let name = p.get("name").and_then(Value::as_str).map(|s| format!(" ({s})")).unwrap_or_default();
            out.push((format!("{cname}/{n}{name}"), n));
        }
    }
    out
}

/// Open the dialog for `target`, pre-filled from what it declares.
pub fn open(m: &mut Model, target: ObjRef, obj: &Value) {
    let known = declared_ports(&target, obj);
    let first = known.first().map(|(_, n)| n.to_string()).unwrap_or_default();
    m.overlay = Some(Overlay::PortForward(Box::new(Dialog {
        target,
        known,
        remote: first.clone(),
        local: first,
        address: "localhost".into(),
        focus: Field::Remote,
        error: None,
    })));
}

/// `deployments.apps/web`: a name the client resolves to exactly this type.
fn target_arg(t: &ObjRef) -> String {
    if t.rt.group.is_empty() {
        format!("{}/{}", t.rt.plural, t.name)
    } else {
        format!("{}.{}/{}", t.rt.plural, t.rt.group, t.name)
    }
}

/// A key in the dialog.
pub fn key(m: &mut Model, mut d: Box<Dialog>, k: KeyEvent, cmds: &mut Vec<Cmd>) {
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    match k.code {
        KeyCode::Esc => return,
        KeyCode::Char('c') if ctrl => return,
        KeyCode::Enter => {
            submit(m, d, cmds);
            return;
        }
        KeyCode::Tab | KeyCode::Down => {
            d.focus = match d.focus {
                Field::Remote => Field::Local,
                Field::Local => Field::Address,
                Field::Address => Field::Remote,
            }
        }
        KeyCode::BackTab | KeyCode::Up => {
            d.focus = match d.focus {
                Field::Remote => Field::Address,
                Field::Local => Field::Remote,
                Field::Address => Field::Local,
            }
        }
        KeyCode::Left | KeyCode::Right if d.focus == Field::Remote && !d.known.is_empty() => {
            // Step through the declared ports; a local port that followed the old one
            // follows the new one.
            let n = d.known.len();
            let at = d.known.iter().position(|(_, p)| p.to_string() == d.remote);
            let next = match (at, k.code) {
                (Some(i), KeyCode::Right) => (i + 1) % n,
                (Some(i), _) => (i + n - 1) % n,
                (None, _) => 0,
            };
            let port = d.known[next].1.to_string();
            if d.local == d.remote || d.local.is_empty() {
                d.local = port.clone();
            }
            d.remote = port;
            d.error = None;
        }
        KeyCode::Backspace => {
            d.field().pop();
            d.error = None;
        }
        KeyCode::Char('u') if ctrl => {
            d.field().clear();
            d.error = None;
        }
        KeyCode::Char(c) if !ctrl && !c.is_whitespace() => {
            d.field().push(c);
            d.error = None;
        }
        _ => {}
    }
    m.overlay = Some(Overlay::PortForward(d));
}

fn submit(m: &mut Model, mut d: Box<Dialog>, cmds: &mut Vec<Cmd>) {
    let remote = d.remote.trim().to_string();
    let local = d.local.trim().to_string();
    let error = if remote.is_empty() {
        Some(format!("{} is required", d.remote_label().to_lowercase()))
    } else if !local.is_empty() && local.parse::<u16>().is_err() {
        Some("local port must be a number from 0 to 65535 (empty or 0: a free port)".to_string())
    } else {
        None
    };
    if let Some(e) = error {
        d.error = Some(e);
        m.overlay = Some(Overlay::PortForward(d));
        return;
    }
    let mut addresses: Vec<String> =
        d.address.split(',').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect();
    if addresses.is_empty() {
        addresses.push("localhost".into());
    }
    let mut request = ForwardRequest::new(target_arg(&d.target), vec![format!("{local}:{remote}")]);
    request.addresses = addresses;
    // The TUI cannot wait a minute for a workload's pod without saying anything.
    request.pod_running_timeout = std::time::Duration::from_secs(10);
    let id = m.id();
    let namespace = d.target.namespace.clone().unwrap_or_else(|| m.namespaces.single().unwrap_or("default").into());
    m.flash(Level::Info, format!("Starting port-forward {} {local}:{remote}…", d.target.display()));
    cmds.push(Cmd::PortForward { id, namespace, target: d.target.display(), request });
}

/// A forward's task reported `ev`.
pub fn event(m: &mut Model, id: Id, target: String, ev: Event) {
    match ev {
        Event::Started { namespace, pod, container, ports, listening, warnings } => {
            m.flash(Level::Info, format!("Forwarding {ports} to pod/{pod} on {}", listening.join(", ")));
            // A port that could not be bound matters more than the news that others were.
            if let Some(w) = warnings.into_iter().next() {
                m.flash(Level::Warn, w);
            }
            m.forwards.push(Forward {
                id,
                target,
                namespace,
                pod,
                container,
                ports,
                listening,
                active: 0,
                started: m.now,
                last_error: None,
            });
        }
        Event::Failed(e) => m.flash(Level::Error, format!("port-forward {target}: {e}")),
        Event::Connections(n) => {
            if let Some(f) = m.forwards.iter_mut().find(|f| f.id == id) {
                f.active = n;
            }
        }
        Event::Error(e) => {
            if let Some(f) = m.forwards.iter_mut().find(|f| f.id == id) {
                f.last_error = Some(e.clone());
            }
            m.flash(Level::Error, format!("port-forward {target}: {e}"));
        }
        Event::Ended(why) => {
            let Some(i) = m.forwards.iter().position(|f| f.id == id) else { return };
            let f = m.forwards.remove(i);
            let level = if why == "stopped" { Level::Info } else { Level::Warn };
            m.flash(level, format!("port-forward {} ({}) ended: {why}", f.target, f.ports));
        }
    }
    if let Some(Page::PortForwards(p)) = m.stack.last_mut() {
        p.cursor = p.cursor.min(m.forwards.len().saturating_sub(1));
    }
}

/// `:pf`: open the list (once).
pub fn open_list(m: &mut Model) {
    if !matches!(m.top(), Some(Page::PortForwards(_))) {
        m.stack.push(Page::PortForwards(ListPage::default()));
    }
}

/// Move the list's cursor by `delta` rows.
pub fn move_cursor(m: &mut Model, delta: isize) {
    let n = m.forwards.len();
    if let Some(Page::PortForwards(p)) = m.stack.last_mut() {
        p.cursor = (p.cursor as isize).saturating_add(delta).clamp(0, n.saturating_sub(1) as isize) as usize;
    }
}

/// ctrl-d on the list: ask before stopping the forward under the cursor.
pub fn ask_stop(m: &mut Model) {
    let Some(Page::PortForwards(p)) = m.top() else { return };
    let Some(f) = m.forwards.get(p.cursor) else { return };
    let (id, message) = (f.id, format!("Stop port-forward {} ({}) to pod/{}?", f.target, f.ports, f.pod));
    m.overlay = Some(Overlay::Confirm(Confirm {
        title: "Stop port-forward".into(),
        message: vec![message],
        pending: Pending::StopPortForward { id },
        focus: 0,
        grace_zero: false,
        force: false,
        danger: false,
    }));
}

#[cfg(test)]
mod tests;
