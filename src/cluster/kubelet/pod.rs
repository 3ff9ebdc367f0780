//! One pod on the node: a task that owns the pod's containers. It hears about the pod (from
//! the kubelet's watch), about container exits and probe results (from the runtime), acts on
//! the lifecycle plan (sandbox, starts, back-offs), reports the status when it changes, and
//! on deletion stops the containers within the grace period, reports the final status and
//! deletes the pod with a zero grace period, as the kubelet does.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::{ConfigMap, ObjectReference, Pod, Secret};
use kube::api::{DeleteParams, Patch, PatchParams, Preconditions};
use kube::runtime::events::{Event, EventType};
use parking_lot::Mutex;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::Shared;
use super::env::{self, Source, Sources};
use super::lifecycle::{self, Action, Exit, Placement, PodState, Ref, Role, State};
use super::logs::{LogFile, LogHandle};
use super::probe::{self, Checker, ProbeKind, ProbeOutcome};
use super::runtime::{self, ExecTarget, Finished, Instance, Launch, Runtime, StartFailure};
use super::{hook, volume};

/// How soon a failed preparation (missing ConfigMap, no IP) is tried again.
const RETRY: Duration = Duration::from_secs(2);

pub enum Msg {
    Update(Arc<Pod>),
    /// The pod is gone from the API.
    Gone,
    Exited {
        r: Ref,
        instance: u64,
        fin: Finished,
    },
    Probe {
        r: Ref,
        instance: u64,
        outcome: ProbeOutcome,
    },
    /// A lifecycle hook failed.
    HookFailed {
        r: Ref,
        instance: u64,
        pre_stop: bool,
        message: String,
    },
}

/// What `pods/log` and `pods/exec` may see of a container.
#[derive(Clone, Debug)]
pub struct ContainerView {
    pub state: lifecycle::State,
    /// Logs of its instances, oldest first (at most the last two are kept).
    pub instances: Vec<LogHandle>,
    pub exec: Option<Arc<ExecTarget>>,
}

#[derive(Clone, Debug, Default)]
pub struct PodView {
    pub containers: HashMap<String, ContainerView>,
}

/// The log a request means, with the kubelet's errors (`validateContainerLogStatus`): the
/// current instance, or the last one while it waits to restart; `previous` is the one
/// before, or the last finished one while it waits.
pub fn pick_log(pod: &str, container: &str, v: &ContainerView, previous: bool) -> Result<LogHandle, String> {
    let waiting = matches!(v.state, State::Waiting { .. });
    let n = v.instances.len();
    let index = match (previous, waiting) {
        (false, _) => n.checked_sub(1),
        (true, true) => n.checked_sub(1),
        (true, false) => n.checked_sub(2),
    };
    match index.and_then(|i| v.instances.get(i)) {
        Some(h) => Ok(h.clone()),
        None if previous => Err(format!("previous terminated container \"{container}\" in pod \"{pod}\" not found")),
        None => match &v.state {
            State::Waiting { reason, .. } => {
                Err(format!("container \"{container}\" in pod \"{pod}\" is waiting to start: {reason}"))
            }
            _ => Err(format!("container \"{container}\" in pod \"{pod}\" is waiting to start - no logs yet")),
        },
    }
}

struct Live {
    instance: u64,
    handle: Instance,
    probes: Option<tokio::task::JoinHandle<()>>,
}

pub struct Worker {
    shared: Arc<Shared>,
    pod: Arc<Pod>,
    uid: String,
    /// kubelet's `name_namespace(uid)`.
    label: String,
    state: PodState,
    placement: Placement,
    live: HashMap<Ref, Live>,
    logs: HashMap<String, Vec<LogHandle>>,
    view: Arc<Mutex<PodView>>,
    tx: mpsc::UnboundedSender<Msg>,
    next_instance: u64,
    last_reported: Option<Value>,
    terminal_phase: Option<&'static str>,
    kill_deadline: Option<Instant>,
    sandbox_retry: Option<Instant>,
    wake_at: Option<Instant>,
    finalized: bool,
    done: bool,
    pod_dir: PathBuf,
}

fn ns(pod: &Pod) -> &str {
    pod.metadata.namespace.as_deref().unwrap_or("default")
}

fn name(pod: &Pod) -> &str {
    pod.metadata.name.as_deref().unwrap_or("")
}

impl Worker {
    /// Start a worker for `pod`; returns its mailbox.
    pub fn spawn(shared: Arc<Shared>, pod: Pod) -> (mpsc::UnboundedSender<Msg>, tokio::task::JoinHandle<()>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let worker = Worker::new(shared, pod, tx.clone());
        (tx, tokio::spawn(worker.run(rx)))
    }

    fn new(shared: Arc<Shared>, pod: Pod, tx: mpsc::UnboundedSender<Msg>) -> Worker {
        let uid = pod.metadata.uid.clone().unwrap_or_default();
        let label = format!("{}_{}({uid})", name(&pod), ns(&pod));
        let pod_dir = shared.config.data_dir.join("pods").join(&uid);
        let view = Arc::new(Mutex::new(PodView::default()));
        shared.views.lock().insert(uid.clone(), view.clone());
        let state = PodState::new(&pod);
        let placement = Placement {
            host_ip: shared.config.address.to_string(),
            pod_ip: None,
            start_time: Some(jiff::Timestamp::now()),
        };
        let mut w = Worker {
            shared,
            pod: Arc::new(pod),
            uid,
            label,
            state,
            placement,
            live: HashMap::new(),
            logs: HashMap::new(),
            view,
            tx,
            next_instance: 0,
            last_reported: None,
            terminal_phase: None,
            kill_deadline: None,
            sandbox_retry: None,
            wake_at: None,
            finalized: false,
            done: false,
            pod_dir,
        };
        w.adopt();
        w
    }

    /// Pick up where a previous kubelet left the pod (a cluster restarted from its data dir).
    fn adopt(&mut self) {
        let Some(status) = self.pod.status.clone() else { return };
        if let Some(t) = status.start_time {
            self.placement.start_time = Some(t.0);
        }
        let pod_ip = status.pod_ip.as_deref().and_then(|ip| ip.parse().ok());
        let previous: Vec<_> =
            status.init_container_statuses.iter().flatten().chain(status.container_statuses.iter().flatten()).collect();
        for cs in &previous {
            if let Some(r) = self.state.find(&cs.name) {
                let c = self.state.get_mut(r);
                c.restart_count = cs.restart_count;
                let was_running = cs.state.as_ref().is_some_and(|s| s.running.is_some());
                // Its process did not survive the restart; the new one counts as a restart.
                if was_running && self.shared.config.runtime == Runtime::Process {
                    c.restart_count += 1;
                }
            }
            // Keep the logs written before the restart reachable.
            let dir = self.pod_dir.join("logs").join(&cs.name);
            let handles: Vec<LogHandle> = [cs.restart_count - 1, cs.restart_count]
                .into_iter()
                .filter(|n| *n >= 0)
                .map(|n| dir.join(format!("{n}.log")))
                .filter(|p| p.exists())
                .map(LogHandle::finished)
                .collect();
            if !handles.is_empty() {
                self.logs.insert(cs.name.clone(), handles);
            }
        }
        match status.phase.as_deref() {
            Some("Succeeded") => self.terminal_phase = Some("Succeeded"),
            Some("Failed") => self.terminal_phase = Some("Failed"),
            _ => {}
        }
        if let Some(phase) = self.terminal_phase {
            self.placement.pod_ip = pod_ip;
            self.state.sandbox = true;
            for cs in &previous {
                let Some(r) = self.state.find(&cs.name) else { continue };
                let t = cs.state.as_ref().and_then(|s| s.terminated.clone());
                let code = t.as_ref().map_or(if phase == "Succeeded" { 0 } else { 1 }, |t| t.exit_code);
                self.state.get_mut(r).state = State::Terminated(Exit {
                    code,
                    reason: t.as_ref().and_then(|t| t.reason.clone()).unwrap_or_else(|| Exit::reason_for(code).into()),
                    message: t.as_ref().and_then(|t| t.message.clone()),
                    started_at: t.as_ref().and_then(|t| t.started_at.clone()).map(|t| t.0),
                    finished_at: t
                        .as_ref()
                        .and_then(|t| t.finished_at.clone())
                        .map_or_else(jiff::Timestamp::now, |t| t.0),
                    finished: Instant::now(),
                    container_id: t.as_ref().and_then(|t| t.container_id.clone()),
                });
            }
            self.last_reported = None;
        }
    }

    async fn run(mut self, mut rx: mpsc::UnboundedReceiver<Msg>) {
        loop {
            self.sync().await;
            if self.done {
                break;
            }
            self.report().await;
            self.publish_view();
            let sleep = async {
                match self.wake_at {
                    Some(t) => tokio::time::sleep_until(t.into()).await,
                    None => std::future::pending().await,
                }
            };
            let msg = tokio::select! {
                m = rx.recv() => m,
                _ = sleep => continue,
            };
            let Some(msg) = msg else {
                // The kubelet is stopping: its containers stop with it.
                self.stop_all(Duration::ZERO);
                break;
            };
            self.handle(msg);
            while let Ok(m) = rx.try_recv() {
                self.handle(m);
            }
        }
    }

    fn handle(&mut self, msg: Msg) {
        match msg {
            Msg::Update(pod) => {
                if pod.metadata.uid.as_deref() == Some(self.uid.as_str()) {
                    self.pod = pod;
                }
            }
            Msg::Gone => self.gone(),
            Msg::Exited { r, instance, fin } => self.exited(r, instance, fin),
            Msg::Probe { r, instance, outcome } => self.probed(r, instance, outcome),
            Msg::HookFailed { r, instance, pre_stop, message } => self.hook_failed(r, instance, pre_stop, message),
        }
    }

    fn wake(&mut self, at: Instant) {
        self.wake_at = Some(self.wake_at.map_or(at, |w| w.min(at)));
    }

    fn spec_of(&self, r: Ref) -> Option<k8s_openapi::api::core::v1::Container> {
        let spec = self.pod.spec.as_ref()?;
        let name = &self.state.get(r).name;
        let list = if r.init { spec.init_containers.as_ref()? } else { &spec.containers };
        list.iter().find(|c| &c.name == name).cloned()
    }

    fn event(&self, r: Option<Ref>, type_: EventType, reason: &str, note: String) {
        let field_path = r.map(|r| {
            let list = if r.init { "initContainers" } else { "containers" };
            format!("spec.{list}{{{}}}", self.state.get(r).name)
        });
        let reference = ObjectReference {
            api_version: Some("v1".into()),
            kind: Some("Pod".into()),
            name: Some(name(&self.pod).to_string()),
            namespace: Some(ns(&self.pod).to_string()),
            uid: Some(self.uid.clone()),
            field_path,
            ..Default::default()
        };
        let ev = Event { type_, reason: reason.into(), note: Some(note), action: reason.into(), secondary: None };
        // Events are best effort: a full queue drops them rather than stalling the pod.
        let _ = self.shared.events.try_send((reference, ev));
    }

    async fn sync(&mut self) {
        self.wake_at = None;
        if self.finalized || self.done {
            return;
        }
        if self.pod.metadata.deletion_timestamp.is_some() && !self.state.terminating {
            self.begin_termination();
        }
        if self.state.terminating {
            self.continue_termination().await;
            return;
        }
        if self.terminal_phase.is_some() {
            self.shared.ipam.lock().release(&self.uid);
            return;
        }
        for _ in 0..16 {
            if let Some(t) = self.sandbox_retry {
                if Instant::now() < t {
                    self.wake(t);
                    return;
                }
                self.sandbox_retry = None;
            }
            let plan = self.state.plan(self.shared.config.backoff, Instant::now(), &self.label);
            if let Some(t) = plan.wake_at {
                self.wake(t);
            }
            if plan.actions.is_empty() {
                return;
            }
            let mut acted = false;
            for a in plan.actions {
                match a {
                    Action::CreateSandbox => {
                        self.create_sandbox().await;
                        acted = true;
                    }
                    Action::Start(r) => {
                        self.start_container(r).await;
                        acted = true;
                    }
                    Action::BackOff(r, _) => {
                        let c = &self.state.get(r).name;
                        let note = format!("Back-off restarting failed container {c} in pod {}", self.label);
                        self.event(Some(r), EventType::Warning, "BackOff", note);
                    }
                }
            }
            if !acted {
                return;
            }
        }
    }

    async fn fetch(&self, refs: impl IntoIterator<Item = (Source, String)>) -> Sources {
        let mut out = Sources::new();
        let namespace = ns(&self.pod);
        for (source, name) in refs {
            if out.contains_key(&(source, name.clone())) {
                continue;
            }
            let data: Option<BTreeMap<String, String>> = match source {
                Source::ConfigMap => {
                    let api: kube::Api<ConfigMap> = kube::Api::namespaced(self.shared.client.clone(), namespace);
                    api.get_opt(&name).await.ok().flatten().map(|cm| {
                        let mut d = cm.data.unwrap_or_default();
                        for (k, v) in cm.binary_data.unwrap_or_default() {
                            d.insert(k, String::from_utf8_lossy(&v.0).into_owned());
                        }
                        d
                    })
                }
                Source::Secret => {
                    let api: kube::Api<Secret> = kube::Api::namespaced(self.shared.client.clone(), namespace);
                    api.get_opt(&name).await.ok().flatten().map(|s| {
                        let mut d: BTreeMap<String, String> = s
                            .data
                            .unwrap_or_default()
                            .into_iter()
                            .map(|(k, v)| (k, String::from_utf8_lossy(&v.0).into_owned()))
                            .collect();
                        // A server that does not fold stringData into data yet still means it.
                        for (k, v) in s.string_data.unwrap_or_default() {
                            d.entry(k).or_insert(v);
                        }
                        d
                    })
                }
            };
            if let Some(d) = data {
                out.insert((source, name), d);
            }
        }
        out
    }

    async fn create_sandbox(&mut self) {
        let ip = match self.shared.ipam.lock().allocate(&self.uid) {
            Ok(ip) => ip,
            Err(e) => {
                self.event(
                    None,
                    EventType::Warning,
                    "FailedCreatePodSandBox",
                    format!("Failed to create pod sandbox: {e}"),
                );
                self.sandbox_retry = Some(Instant::now() + RETRY);
                return;
            }
        };
        self.placement.pod_ip = Some(ip);
        if let Err(e) = std::fs::create_dir_all(&self.pod_dir) {
            self.event(
                None,
                EventType::Warning,
                "FailedCreatePodSandBox",
                format!("Failed to create pod sandbox: {e}"),
            );
            self.sandbox_retry = Some(Instant::now() + RETRY);
            return;
        }
        let refs: Vec<(Source, String)> = volume::references(&self.pod).into_iter().map(|(s, n, _)| (s, n)).collect();
        let sources = self.fetch(refs).await;
        let mounted = volume::check(&self.pod, &sources).and_then(|()| {
            if self.shared.config.runtime != Runtime::Process {
                return Ok(());
            }
            let pod_ip = ip.to_string();
            volume::materialise(&self.pod, &sources, &self.pod_dir, &self.placement.host_ip, &pod_ip)
                .map(|notes| {
                    for n in notes {
                        tracing::info!(pod = %self.label, "kubelet: {n}");
                    }
                })
                .map_err(|e| format!("MountVolume.SetUp failed: {e}"))
        });
        if let Err(message) = mounted {
            self.event(None, EventType::Warning, "FailedMount", message);
            self.sandbox_retry = Some(Instant::now() + RETRY);
            return;
        }
        self.state.sandbox = true;
    }

    fn base_env(&self) -> Vec<(String, String)> {
        let address = self.shared.api_address.clone();
        let (host, port) = address.rsplit_once(':').map_or((address.as_str(), "443"), |(h, p)| (h, p));
        let host = host.trim_start_matches('[').trim_end_matches(']').to_string();
        let hostname =
            self.pod.spec.as_ref().and_then(|s| s.hostname.clone()).unwrap_or_else(|| name(&self.pod).to_string());
        vec![
            (
                "PATH".into(),
                std::env::var("PATH")
                    .unwrap_or_else(|_| "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into()),
            ),
            ("HOSTNAME".into(), hostname),
            ("KUBERNETES_SERVICE_HOST".into(), host.clone()),
            ("KUBERNETES_SERVICE_PORT".into(), port.to_string()),
            ("KUBERNETES_SERVICE_PORT_HTTPS".into(), port.to_string()),
            ("KUBERNETES_PORT".into(), format!("tcp://{host}:{port}")),
        ]
    }

    async fn start_container(&mut self, r: Ref) {
        let Some(spec) = self.spec_of(r) else { return };
        self.state.get_mut(r).begin_start();
        let sources = self.fetch(env::references(&spec)).await;
        let pod_ip = self.placement.pod_ip.map(|ip| ip.to_string()).unwrap_or_default();
        let inputs = env::Inputs {
            pod: &self.pod,
            sources: &sources,
            base: self.base_env(),
            host_ip: &self.placement.host_ip,
            pod_ip: &pod_ip,
            allocatable: &self.shared.config.capacity,
        };
        let env = match env::resolve(&spec, &inputs) {
            Ok(e) => e,
            Err(e) => {
                self.state.get_mut(r).config_error("CreateContainerConfigError", e.to_string(), Instant::now() + RETRY);
                self.event(Some(r), EventType::Warning, "Failed", format!("Error: {e}"));
                return;
            }
        };
        let image = spec.image.clone().unwrap_or_default();
        if self.state.get(r).starts == 0 && self.state.get(r).last.is_none() {
            self.event(Some(r), EventType::Normal, "Pulling", format!("Pulling image \"{image}\""));
            self.event(
                Some(r),
                EventType::Normal,
                "Pulled",
                format!(
                    "Successfully pulled image \"{image}\" in 0s (0s including waiting); kx's runtimes need no image"
                ),
            );
        } else {
            self.event(
                Some(r),
                EventType::Normal,
                "Pulled",
                format!("Container image \"{image}\" already present on machine"),
            );
        }
        let restart_count = self.state.get(r).restart_count;
        let dir = self.pod_dir.join("logs").join(&spec.name);
        let log = match LogFile::create(dir.join(format!("{restart_count}.log")), self.shared.config.log_max_bytes) {
            Ok(l) => l,
            Err(e) => {
                self.start_failed(r, format!("failed to create the container log: {e}"));
                return;
            }
        };
        // Keep the logs of this instance and the one before it, as the kubelet does.
        for old in 0..restart_count - 1 {
            let _ = std::fs::remove_file(dir.join(format!("{old}.log")));
            let _ = std::fs::remove_file(dir.join(format!("{old}.log.1")));
        }
        let handles = self.logs.entry(spec.name.clone()).or_default();
        handles.push(log.handle());
        if handles.len() > 2 {
            handles.remove(0);
        }
        let instance = self.next_instance;
        self.next_instance += 1;
        let launch = Launch {
            pod: self.pod.clone(),
            container: spec.clone(),
            role: self.state.get(r).role,
            restart_policy: self.state.policy,
            node: self.shared.config.name.clone(),
            env,
            pod_dir: self.pod_dir.clone(),
            log: log.clone(),
        };
        let tx = self.tx.clone();
        let started = runtime::start(self.shared.config.runtime, launch, &self.shared.processes, move |fin| {
            let _ = tx.send(Msg::Exited { r, instance, fin });
        });
        let handle = match started {
            Ok(h) => h,
            Err(StartFailure(message)) => {
                log.close();
                self.start_failed(r, message);
                return;
            }
        };
        self.event(Some(r), EventType::Normal, "Created", format!("Created container: {}", spec.name));
        self.event(Some(r), EventType::Normal, "Started", format!("Started container {}", spec.name));
        let has_startup = spec.startup_probe.is_some();
        let ready = spec.readiness_probe.is_none() && !has_startup && self.state.get(r).role != Role::Init;
        self.state.get_mut(r).running(handle.started_at, handle.id.clone(), ready, !has_startup);
        let checker = match &handle.exec {
            Some(t) => Checker::Process(t.clone()),
            None => Checker::Sim,
        };
        if let Some(h) = hook::post_start(&spec).cloned() {
            let (spec, checker, tx) = (spec.clone(), checker.clone(), self.tx.clone());
            tokio::spawn(async move {
                if let Err(message) = hook::run(&spec, &h, &checker).await {
                    let _ = tx.send(Msg::HookFailed { r, instance, pre_stop: false, message });
                }
            });
        }
        let tx = self.tx.clone();
        let probes = probe::spawn(&spec, checker, move |outcome| {
            let _ = tx.send(Msg::Probe { r, instance, outcome });
        });
        self.live.insert(r, Live { instance, handle, probes });
    }

    fn hook_failed(&mut self, r: Ref, instance: u64, pre_stop: bool, message: String) {
        let name = self.state.get(r).name.clone();
        let (reason, which) =
            if pre_stop { ("FailedPreStopHook", "PreStop") } else { ("FailedPostStartHook", "PostStart") };
        let note = format!("{which} hook for Container \"{name}\" in Pod \"{}\" failed - error: {message}", self.label);
        self.event(Some(r), EventType::Warning, reason, note);
        // A failed postStart hook kills the container, which then restarts by its policy.
        if !pre_stop && let Some(l) = self.live.get(&r).filter(|l| l.instance == instance) {
            self.event(
                Some(r),
                EventType::Normal,
                "Killing",
                format!("FailedPostStartHook: stopping container {name}"),
            );
            l.handle.stop(self.grace());
        }
    }

    /// Stop a container within `grace`, running its preStop hook first.
    fn stop_gracefully(&self, r: Ref, grace: Duration) {
        let Some(live) = self.live.get(&r) else { return };
        let Some((spec, handler)) = self.spec_of(r).and_then(|s| hook::pre_stop(&s).cloned().map(|h| (s, h))) else {
            live.handle.stop(grace);
            return;
        };
        let checker = match &live.handle.exec {
            Some(t) => Checker::Process(t.clone()),
            None => Checker::Sim,
        };
        let stopper = live.handle.stopper();
        let (tx, instance) = (self.tx.clone(), live.instance);
        tokio::spawn(async move {
            let start = tokio::time::Instant::now();
            let message = match tokio::time::timeout(grace, hook::run(&spec, &handler, &checker)).await {
                Ok(Ok(())) => None,
                Ok(Err(message)) => Some(message),
                Err(_) => Some(format!("the hook did not finish within the grace period of {}s", grace.as_secs())),
            };
            if let Some(message) = message {
                let _ = tx.send(Msg::HookFailed { r, instance, pre_stop: true, message });
            }
            // The hook's time counts against the grace period.
            let _ = stopper.send(grace.saturating_sub(start.elapsed()).max(Duration::from_millis(1)));
        });
    }

    fn start_failed(&mut self, r: Ref, message: String) {
        self.event(Some(r), EventType::Warning, "Failed", format!("Error: {message}"));
        let now = jiff::Timestamp::now();
        self.state.get_mut(r).state = State::Terminated(Exit {
            code: 128,
            reason: "StartError".into(),
            message: Some(message),
            started_at: Some(jiff::Timestamp::UNIX_EPOCH),
            finished_at: now,
            finished: Instant::now(),
            container_id: None,
        });
    }

    fn exited(&mut self, r: Ref, instance: u64, fin: Finished) {
        if self.live.get(&r).is_none_or(|l| l.instance != instance) {
            return;
        }
        if let Some(live) = self.live.remove(&r)
            && let Some(p) = live.probes
        {
            p.abort();
        }
        let c = self.state.get_mut(r);
        let started_at = match &c.state {
            State::Running { started_at, .. } => Some(*started_at),
            _ => None,
        };
        c.state = State::Terminated(Exit {
            code: fin.code,
            reason: fin.reason.unwrap_or_else(|| Exit::reason_for(fin.code).into()),
            message: fin.message,
            started_at,
            finished_at: fin.finished_at,
            finished: Instant::now(),
            container_id: c.container_id.clone(),
        });
    }

    fn grace(&self) -> Duration {
        let spec = self.pod.spec.as_ref().and_then(|s| s.termination_grace_period_seconds);
        Duration::from_secs(spec.unwrap_or(30).max(0) as u64)
    }

    fn probed(&mut self, r: Ref, instance: u64, outcome: ProbeOutcome) {
        if self.live.get(&r).is_none_or(|l| l.instance != instance) {
            return;
        }
        let has_readiness = self.spec_of(r).is_some_and(|s| s.readiness_probe.is_some());
        let name = self.state.get(r).name.clone();
        match outcome {
            ProbeOutcome::Started => {
                if let State::Running { started, ready, .. } = &mut self.state.get_mut(r).state {
                    *started = true;
                    *ready = !has_readiness && !r.init || *ready;
                }
            }
            ProbeOutcome::Ready(ok) => {
                if let State::Running { started, ready, .. } = &mut self.state.get_mut(r).state {
                    *ready = ok && *started;
                }
            }
            ProbeOutcome::Kill(kind) => {
                let what = if kind == ProbeKind::Startup { "startup" } else { "liveness" };
                self.event(
                    Some(r),
                    EventType::Normal,
                    "Killing",
                    format!("Container {name} failed {what} probe, will be restarted"),
                );
                if let Some(l) = self.live.get(&r) {
                    l.handle.stop(self.grace());
                }
            }
            ProbeOutcome::Failure(kind, message) => {
                self.event(
                    Some(r),
                    EventType::Warning,
                    "Unhealthy",
                    format!("{} probe failed: {message}", kind.title()),
                );
            }
        }
    }

    fn stop_all(&mut self, grace: Duration) {
        for live in self.live.values() {
            live.handle.stop(grace);
            if let Some(p) = &live.probes {
                p.abort();
            }
        }
    }

    fn begin_termination(&mut self) {
        self.state.terminating = true;
        let grace = self
            .pod
            .metadata
            .deletion_grace_period_seconds
            .or_else(|| self.pod.spec.as_ref().and_then(|s| s.termination_grace_period_seconds))
            .unwrap_or(30)
            .max(0) as u64;
        let grace = Duration::from_secs(grace);
        let running: Vec<Ref> = self.live.keys().copied().collect();
        for r in running {
            let name = self.state.get(r).name.clone();
            self.event(Some(r), EventType::Normal, "Killing", format!("Stopping container {name}"));
            self.stop_gracefully(r, grace);
            if let Some(p) = self.live.get(&r).and_then(|l| l.probes.as_ref()) {
                p.abort();
            }
        }
        // The runtime enforces the grace period; this only bounds how long to wait for it.
        self.kill_deadline = Some(Instant::now() + grace + Duration::from_secs(10));
    }

    async fn continue_termination(&mut self) {
        if !self.live.is_empty() {
            match self.kill_deadline {
                Some(t) if Instant::now() < t => {
                    self.wake(t);
                    return;
                }
                _ => {
                    self.stop_all(Duration::ZERO);
                    for (r, _) in self.live.drain() {
                        let c = self.state.get_mut(r);
                        c.state = State::Terminated(Exit {
                            code: 137,
                            reason: "Error".into(),
                            message: None,
                            started_at: None,
                            finished_at: jiff::Timestamp::now(),
                            finished: Instant::now(),
                            container_id: c.container_id.clone(),
                        });
                    }
                }
            }
        }
        // Containers that never ran (or wait to restart) end with the pod.
        let refs: Vec<Ref> = self.state.refs().collect();
        for r in refs {
            let c = self.state.get_mut(r);
            if matches!(c.state, State::Waiting { .. }) {
                c.state = match c.last.take() {
                    Some(e) => State::Terminated(e),
                    None => State::Terminated(Exit {
                        code: 137,
                        reason: "ContainerStatusUnknown".into(),
                        message: Some("The container could not be located when the pod was terminated".into()),
                        started_at: None,
                        finished_at: jiff::Timestamp::now(),
                        finished: Instant::now(),
                        container_id: None,
                    }),
                };
            }
        }
        if self.terminal_phase.is_none() {
            self.terminal_phase = Some(self.state.phase(true));
        }
        self.report().await;
        let pods: kube::Api<Pod> = kube::Api::namespaced(self.shared.client.clone(), ns(&self.pod));
        let params = DeleteParams {
            grace_period_seconds: Some(0),
            preconditions: Some(Preconditions { uid: Some(self.uid.clone()), resource_version: None }),
            ..Default::default()
        };
        match pods.delete(name(&self.pod), &params).await {
            Ok(_) => {}
            Err(kube::Error::Api(e)) if e.code == 404 || e.code == 409 => {}
            Err(e) => {
                tracing::warn!(pod = %self.label, error = %e, "kubelet: deleting a terminated pod failed; retrying");
                self.wake(Instant::now() + RETRY);
                return;
            }
        }
        self.shared.ipam.lock().release(&self.uid);
        self.finalized = true;
    }

    fn gone(&mut self) {
        self.stop_all(Duration::ZERO);
        self.live.clear();
        self.shared.ipam.lock().release(&self.uid);
        self.shared.views.lock().remove(&self.uid);
        let dir = self.pod_dir.clone();
        tokio::task::spawn_blocking(move || {
            let _ = std::fs::remove_dir_all(dir);
        });
        self.done = true;
    }

    async fn report(&mut self) {
        if self.done {
            return;
        }
        let api_phase = self.pod.status.as_ref().and_then(|s| s.phase.as_deref());
        let phase = match (self.terminal_phase, api_phase) {
            (Some(p), _) => p,
            // Pods never leave a terminal phase.
            (None, Some("Succeeded")) => "Succeeded",
            (None, Some("Failed")) => "Failed",
            (None, _) => self.state.phase(false),
        };
        if phase == "Succeeded" || phase == "Failed" {
            self.terminal_phase = Some(if phase == "Succeeded" { "Succeeded" } else { "Failed" });
        }
        let status = lifecycle::pod_status(&self.state, phase, &self.pod, &self.placement, jiff::Timestamp::now());
        let Ok(v) = serde_json::to_value(&status) else { return };
        if self.last_reported.as_ref() == Some(&v) {
            return;
        }
        let pods: kube::Api<Pod> = kube::Api::namespaced(self.shared.client.clone(), ns(&self.pod));
        match pods.patch_status(name(&self.pod), &PatchParams::default(), &Patch::Merge(json!({"status": v}))).await {
            Ok(p) => {
                self.last_reported = Some(v);
                if p.metadata.uid.as_deref() == Some(self.uid.as_str()) {
                    self.pod = Arc::new(p);
                }
            }
            Err(kube::Error::Api(e)) if e.code == 404 => {}
            Err(e) => {
                tracing::debug!(pod = %self.label, error = %e, "kubelet: status update failed; retrying");
                self.wake(Instant::now() + Duration::from_secs(1));
            }
        }
        if self.terminal_phase.is_some() && !self.state.terminating {
            self.shared.ipam.lock().release(&self.uid);
        }
    }

    fn publish_view(&self) {
        let mut v = PodView::default();
        for r in self.state.refs() {
            let c = self.state.get(r);
            let live = self.live.get(&r);
            v.containers.insert(
                c.name.clone(),
                ContainerView {
                    state: c.state.clone(),
                    instances: self.logs.get(&c.name).cloned().unwrap_or_default(),
                    exec: live.and_then(|l| l.handle.exec.clone()),
                },
            );
        }
        *self.view.lock() = v;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(state: State, n: usize) -> ContainerView {
        ContainerView {
            state,
            instances: (0..n).map(|i| LogHandle::finished(PathBuf::from(format!("{i}.log")))).collect(),
            exec: None,
        }
    }

    fn running() -> State {
        State::Running { started_at: jiff::Timestamp::UNIX_EPOCH, ready: true, started: true }
    }

    #[test]
    fn pick_log_current_and_previous_follow_the_kubelet() {
        let path = |r: Result<LogHandle, String>| r.map(|h| h.path);
        assert_eq!(path(pick_log("p", "c", &view(running(), 2), false)), Ok(PathBuf::from("1.log")));
        assert_eq!(path(pick_log("p", "c", &view(running(), 2), true)), Ok(PathBuf::from("0.log")));
        let backoff = State::Waiting { reason: "CrashLoopBackOff".into(), message: None };
        assert_eq!(path(pick_log("p", "c", &view(backoff.clone(), 2), false)), Ok(PathBuf::from("1.log")));
        assert_eq!(path(pick_log("p", "c", &view(backoff, 2), true)), Ok(PathBuf::from("1.log")));
        assert_eq!(
            path(pick_log("p", "c", &view(running(), 1), true)),
            Err("previous terminated container \"c\" in pod \"p\" not found".into())
        );
        assert_eq!(
            path(pick_log("p", "c", &view(State::waiting("ContainerCreating"), 0), false)),
            Err("container \"c\" in pod \"p\" is waiting to start: ContainerCreating".into())
        );
    }
}
