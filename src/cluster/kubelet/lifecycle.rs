//! A pod's lifecycle as the kubelet decides it: which container to start next (init
//! containers one by one, sidecars, then the app containers), what a container's exit means
//! under the restart policy and the crash-loop back-off, the pod phase (a port of kubelet's
//! `getPhase`) and the `PodStatus` the kubelet reports. Pure: no I/O, times are passed in.

use std::net::Ipv4Addr;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use k8s_openapi::api::core::v1::{
    ContainerState, ContainerStateRunning, ContainerStateTerminated, ContainerStateWaiting, ContainerStatus, HostIP,
    Pod, PodCondition, PodIP, PodStatus,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

use super::backoff::{Backoff, BackoffPolicy, go_duration};

/// How a container takes part in the pod.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A regular init container: runs to completion before the next one starts.
    Init,
    /// An init container with `restartPolicy: Always`: starts in order, then keeps running.
    Sidecar,
    /// An app container.
    Main,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestartPolicy {
    Always,
    OnFailure,
    Never,
}

impl RestartPolicy {
    pub fn of(pod: &Pod) -> RestartPolicy {
        match pod.spec.as_ref().and_then(|s| s.restart_policy.as_deref()) {
            Some("Never") => RestartPolicy::Never,
            Some("OnFailure") => RestartPolicy::OnFailure,
            _ => RestartPolicy::Always,
        }
    }
}

/// Whether a container that exited with `code` is started again.
pub fn should_restart(role: Role, policy: RestartPolicy, code: i32) -> bool {
    match role {
        Role::Sidecar => true,
        // Init containers are retried on failure unless the pod never restarts anything.
        Role::Init => code != 0 && policy != RestartPolicy::Never,
        Role::Main => match policy {
            RestartPolicy::Always => true,
            RestartPolicy::OnFailure => code != 0,
            RestartPolicy::Never => false,
        },
    }
}

/// A finished container instance.
#[derive(Clone, Debug, PartialEq)]
pub struct Exit {
    pub code: i32,
    /// `Completed`, `Error`, `StartError`, …
    pub reason: String,
    pub message: Option<String>,
    pub started_at: Option<Timestamp>,
    pub finished_at: Timestamp,
    /// The same moment on the monotonic clock, for back-off arithmetic.
    pub finished: Instant,
    pub container_id: Option<String>,
}

impl Exit {
    /// The reason the kubelet gives an exit code.
    pub fn reason_for(code: i32) -> &'static str {
        if code == 0 { "Completed" } else { "Error" }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum State {
    Waiting { reason: String, message: Option<String> },
    Running { started_at: Timestamp, ready: bool, started: bool },
    Terminated(Exit),
}

impl State {
    pub fn waiting(reason: &str) -> State {
        State::Waiting { reason: reason.to_string(), message: None }
    }
}

/// One container as the kubelet tracks it.
#[derive(Clone, Debug)]
pub struct Container {
    pub name: String,
    pub image: String,
    pub role: Role,
    pub state: State,
    pub last: Option<Exit>,
    pub restart_count: i32,
    pub container_id: Option<String>,
    pub backoff: Backoff,
    /// While waiting out a crash-loop back-off: when it may start again.
    pub restart_at: Option<Instant>,
    /// After a failure to prepare the container (a missing ConfigMap): when to try again.
    pub retry_at: Option<Instant>,
    /// Instances started so far by this kubelet.
    pub starts: u32,
}

impl Container {
    pub fn new(name: &str, image: &str, role: Role, waiting_reason: &str) -> Container {
        Container {
            name: name.to_string(),
            image: image.to_string(),
            role,
            state: State::waiting(waiting_reason),
            last: None,
            restart_count: 0,
            container_id: None,
            backoff: Backoff::default(),
            restart_at: None,
            retry_at: None,
            starts: 0,
        }
    }

    /// Move to "being created" before the runtime starts an instance; a restart moves the
    /// finished instance to `last` and counts.
    pub fn begin_start(&mut self) {
        if let State::Terminated(exit) = &self.state {
            self.last = Some(exit.clone());
        }
        if self.last.is_some() && (self.restart_at.is_some() || matches!(self.state, State::Terminated(_))) {
            self.restart_count += 1;
        }
        self.restart_at = None;
        self.retry_at = None;
        self.state = State::waiting("ContainerCreating");
    }

    /// The instance is up.
    pub fn running(&mut self, started_at: Timestamp, container_id: String, ready: bool, started: bool) {
        self.starts += 1;
        self.container_id = Some(container_id);
        self.state = State::Running { started_at, ready, started };
    }

    /// Preparing the container failed; it stays waiting and is retried at `retry_at`.
    pub fn config_error(&mut self, reason: &str, message: String, retry_at: Instant) {
        self.state = State::Waiting { reason: reason.to_string(), message: Some(message) };
        self.retry_at = Some(retry_at);
    }

    fn started_once(&self) -> bool {
        self.starts > 0 || self.last.is_some()
    }
}

/// Which container: `init` picks the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ref {
    pub init: bool,
    pub index: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Set up the pod's network (IP) and directories.
    CreateSandbox,
    Start(Ref),
    /// The container entered a crash-loop back-off of this delay (for the BackOff event).
    BackOff(Ref, Duration),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub actions: Vec<Action>,
    /// When to look again even if nothing happens.
    pub wake_at: Option<Instant>,
}

impl Plan {
    fn wake(&mut self, at: Instant) {
        self.wake_at = Some(self.wake_at.map_or(at, |w| w.min(at)));
    }
}

enum Step {
    Start,
    Wait(Instant),
    BackOff(Duration, Instant),
    Running {
        started: bool,
    },
    /// Finished for good; `ok` when it succeeded.
    Stopped {
        ok: bool,
    },
}

/// What the kubelet knows of one pod.
#[derive(Clone, Debug)]
pub struct PodState {
    pub init: Vec<Container>,
    pub main: Vec<Container>,
    pub policy: RestartPolicy,
    /// The network and directories exist.
    pub sandbox: bool,
    /// Deletion has begun: nothing is started any more.
    pub terminating: bool,
}

fn is_sidecar(c: &k8s_openapi::api::core::v1::Container) -> bool {
    c.restart_policy.as_deref() == Some("Always")
}

impl PodState {
    pub fn new(pod: &Pod) -> PodState {
        let spec = pod.spec.clone().unwrap_or_default();
        let init_specs = spec.init_containers.unwrap_or_default();
        let has_init = !init_specs.is_empty();
        let init = init_specs
            .iter()
            .map(|c| {
                let role = if is_sidecar(c) { Role::Sidecar } else { Role::Init };
                Container::new(&c.name, c.image.as_deref().unwrap_or(""), role, "PodInitializing")
            })
            .collect();
        let waiting = if has_init { "PodInitializing" } else { "ContainerCreating" };
        let main = spec
            .containers
            .iter()
            .map(|c| Container::new(&c.name, c.image.as_deref().unwrap_or(""), Role::Main, waiting))
            .collect();
        PodState { init, main, policy: RestartPolicy::of(pod), sandbox: false, terminating: false }
    }

    pub fn get(&self, r: Ref) -> &Container {
        if r.init { &self.init[r.index] } else { &self.main[r.index] }
    }

    pub fn get_mut(&mut self, r: Ref) -> &mut Container {
        if r.init { &mut self.init[r.index] } else { &mut self.main[r.index] }
    }

    pub fn find(&self, name: &str) -> Option<Ref> {
        let pos = |list: &[Container]| list.iter().position(|c| c.name == name);
        pos(&self.main)
            .map(|index| Ref { init: false, index })
            .or_else(|| pos(&self.init).map(|index| Ref { init: true, index }))
    }

    pub fn refs(&self) -> impl Iterator<Item = Ref> + '_ {
        (0..self.init.len())
            .map(|index| Ref { init: true, index })
            .chain((0..self.main.len()).map(|index| Ref { init: false, index }))
    }

    fn step(&mut self, r: Ref, backoff: BackoffPolicy, now: Instant, pod_label: &str) -> Step {
        let policy = self.policy;
        let c = self.get_mut(r);
        let exit = match &c.state {
            State::Running { started, .. } => return Step::Running { started: *started },
            State::Waiting { .. } if c.restart_at.is_some() => match &c.last {
                Some(e) => e.clone(),
                None => return Step::Start,
            },
            State::Waiting { .. } => {
                return match c.retry_at {
                    Some(t) if now < t => Step::Wait(t),
                    _ => Step::Start,
                };
            }
            State::Terminated(e) => e.clone(),
        };
        if !should_restart(c.role, policy, exit.code) {
            return Step::Stopped { ok: exit.code == 0 };
        }
        if let Some(delay) = c.backoff.in_backoff(backoff, exit.finished, now) {
            let until = exit.finished + delay;
            if c.restart_at.is_some() {
                return Step::Wait(until);
            }
            c.last = Some(exit);
            c.restart_at = Some(until);
            c.state = State::Waiting {
                reason: "CrashLoopBackOff".into(),
                message: Some(format!(
                    "back-off {} restarting failed container={} pod={pod_label}",
                    go_duration(delay),
                    c.name
                )),
            };
            return Step::BackOff(delay, until);
        }
        c.backoff.next(backoff, exit.finished);
        Step::Start
    }

    /// What to do now. `pod_label` is kubelet's `name_namespace(uid)`, quoted in back-off
    /// messages.
    pub fn plan(&mut self, backoff: BackoffPolicy, now: Instant, pod_label: &str) -> Plan {
        let mut plan = Plan::default();
        if self.terminating {
            return plan;
        }
        if !self.sandbox {
            plan.actions.push(Action::CreateSandbox);
            return plan;
        }
        for index in 0..self.init.len() {
            let r = Ref { init: true, index };
            let role = self.init[index].role;
            let started_before = self.init[index].started_once();
            match self.step(r, backoff, now, pod_label) {
                Step::Start => {
                    plan.actions.push(Action::Start(r));
                    return plan;
                }
                Step::Wait(t) => {
                    plan.wake(t);
                    if role == Role::Init || !started_before {
                        return plan;
                    }
                }
                Step::BackOff(d, t) => {
                    plan.actions.push(Action::BackOff(r, d));
                    plan.wake(t);
                    if role == Role::Init || !started_before {
                        return plan;
                    }
                }
                // A sidecar lets the next container start once it has started.
                Step::Running { started } => {
                    if role == Role::Init || !started {
                        return plan;
                    }
                }
                Step::Stopped { ok: true } => {}
                Step::Stopped { ok: false } => return plan,
            }
        }
        for index in 0..self.main.len() {
            let r = Ref { init: false, index };
            match self.step(r, backoff, now, pod_label) {
                Step::Start => plan.actions.push(Action::Start(r)),
                Step::Wait(t) => plan.wake(t),
                Step::BackOff(d, t) => {
                    plan.actions.push(Action::BackOff(r, d));
                    plan.wake(t);
                }
                Step::Running { .. } | Step::Stopped { .. } => {}
            }
        }
        plan
    }

    /// Whether every regular init container succeeded and every sidecar has started.
    #[cfg(test)]
    pub fn initialized(&self) -> bool {
        self.incomplete_init().is_empty()
    }

    fn incomplete_init(&self) -> Vec<&str> {
        self.init
            .iter()
            .filter(|c| match (&c.state, c.role) {
                (State::Terminated(e), Role::Init) => e.code != 0,
                (State::Running { started, .. }, Role::Sidecar) => !started,
                // A sidecar that ran once stays counted as started while it restarts.
                (_, Role::Sidecar) => !c.started_once(),
                _ => true,
            })
            .map(|c| c.name.as_str())
            .collect()
    }

    /// The pod phase (kubelet's `getPhase`). `terminal` once the pod is being deleted and
    /// nothing runs any more, so restart policies no longer apply.
    pub fn phase(&self, terminal: bool) -> &'static str {
        let (mut pending_init, mut failed_init) = (0, 0);
        let (mut running, mut waiting, mut stopped, mut succeeded) = (0, 0, 0, 0);
        for c in &self.init {
            match (c.role, &c.state) {
                (Role::Init, State::Running { .. }) => pending_init += 1,
                (Role::Init, State::Terminated(e)) => failed_init += usize::from(e.code != 0),
                (Role::Init, State::Waiting { .. }) => match &c.last {
                    Some(e) => failed_init += usize::from(e.code != 0),
                    None => pending_init += 1,
                },
                (Role::Sidecar, State::Running { started, .. }) => {
                    pending_init += usize::from(!started);
                    running += 1;
                }
                (Role::Sidecar, State::Terminated(_)) => {}
                (Role::Sidecar, State::Waiting { .. }) => {
                    if c.last.is_none() {
                        pending_init += 1;
                        waiting += 1;
                    }
                }
                (Role::Main, _) => {}
            }
        }
        let mut main_started = false;
        for c in &self.main {
            main_started |= c.started_once();
            match &c.state {
                State::Running { .. } => running += 1,
                State::Terminated(e) => {
                    stopped += 1;
                    succeeded += usize::from(e.code == 0);
                }
                State::Waiting { .. } if c.last.is_some() => stopped += 1,
                State::Waiting { .. } => waiting += 1,
            }
        }
        if failed_init > 0 && self.policy == RestartPolicy::Never {
            return "Failed";
        }
        if (pending_init > 0 && !main_started) || waiting > 0 {
            return "Pending";
        }
        if running > 0 {
            return "Running";
        }
        if stopped == 0 {
            return "Pending";
        }
        if terminal {
            return if stopped == succeeded { "Succeeded" } else { "Failed" };
        }
        match self.policy {
            RestartPolicy::Always => "Running",
            _ if stopped == succeeded => "Succeeded",
            RestartPolicy::Never => "Failed",
            RestartPolicy::OnFailure => "Running",
        }
    }
}

fn time(t: Timestamp) -> Time {
    Time(t)
}

fn terminated(e: &Exit) -> ContainerStateTerminated {
    ContainerStateTerminated {
        container_id: e.container_id.clone(),
        exit_code: e.code,
        finished_at: Some(time(e.finished_at)),
        message: e.message.clone(),
        reason: Some(e.reason.clone()),
        signal: None,
        started_at: e.started_at.map(time),
    }
}

fn container_status(c: &Container) -> ContainerStatus {
    let (state, ready, started, id) = match &c.state {
        State::Waiting { reason, message } => (
            ContainerState {
                waiting: Some(ContainerStateWaiting { reason: Some(reason.clone()), message: message.clone() }),
                ..Default::default()
            },
            false,
            false,
            // While it waits to restart, the ID is the last instance's (as `describe` shows).
            c.last.as_ref().and(c.container_id.clone()),
        ),
        State::Running { started_at, ready, started } => (
            ContainerState {
                running: Some(ContainerStateRunning { started_at: Some(time(*started_at)) }),
                ..Default::default()
            },
            *ready,
            *started,
            c.container_id.clone(),
        ),
        State::Terminated(e) => (
            ContainerState { terminated: Some(terminated(e)), ..Default::default() },
            // A regular init container that succeeded counts as ready.
            c.role == Role::Init && e.code == 0,
            false,
            e.container_id.clone(),
        ),
    };
    ContainerStatus {
        name: c.name.clone(),
        image: c.image.clone(),
        image_id: String::new(),
        container_id: id,
        ready,
        restart_count: c.restart_count,
        started: Some(started),
        state: Some(state),
        last_state: Some(ContainerState { terminated: c.last.as_ref().map(terminated), ..Default::default() }),
        ..Default::default()
    }
}

/// Conditions the kubelet owns; others (set by the scheduler or users) are kept.
const KUBELET_CONDITIONS: [&str; 5] =
    ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"];

/// Where the pod is, for its status.
#[derive(Clone, Debug, Default)]
pub struct Placement {
    pub host_ip: String,
    pub pod_ip: Option<Ipv4Addr>,
    pub start_time: Option<Timestamp>,
}

/// The status the kubelet reports for `pod` (the latest object from the API).
pub fn pod_status(state: &PodState, phase: &str, pod: &Pod, placement: &Placement, now: Timestamp) -> PodStatus {
    let old = pod.status.clone().unwrap_or_default();
    let old_conditions = old.conditions.clone().unwrap_or_default();
    let condition = |type_: &str, ok: bool, reason: Option<&str>, message: Option<String>| {
        let status = if ok { "True" } else { "False" };
        // The transition time moves only when the status changes.
        let since = old_conditions
            .iter()
            .find(|c| c.type_ == type_ && c.status == status)
            .and_then(|c| c.last_transition_time.clone())
            .unwrap_or(Time(now));
        PodCondition {
            type_: type_.to_string(),
            status: status.to_string(),
            reason: if ok { None } else { reason.map(str::to_string) },
            message: if ok { None } else { message },
            last_transition_time: Some(since),
            last_probe_time: None,
            ..Default::default()
        }
    };
    let terminal = phase == "Succeeded" || phase == "Failed";
    let incomplete = state.incomplete_init();
    let unready: Vec<&str> = state
        .main
        .iter()
        .chain(state.init.iter().filter(|c| c.role == Role::Sidecar))
        .filter(|c| !matches!(c.state, State::Running { ready: true, .. }))
        .map(|c| c.name.as_str())
        .collect();
    let (ready_reason, ready_message) = if terminal {
        ("PodCompleted", None)
    } else {
        ("ContainersNotReady", Some(format!("containers with unready status: [{}]", unready.join(" "))))
    };
    let containers_ready = !terminal && unready.is_empty();
    let missing_gates: Vec<String> = pod
        .spec
        .as_ref()
        .and_then(|s| s.readiness_gates.as_ref())
        .into_iter()
        .flatten()
        .filter(|g| !old_conditions.iter().any(|c| c.type_ == g.condition_type && c.status == "True"))
        .map(|g| g.condition_type.clone())
        .collect();

    let mut conditions: Vec<PodCondition> =
        old_conditions.iter().filter(|c| !KUBELET_CONDITIONS.contains(&c.type_.as_str())).cloned().collect();
    conditions.push(condition("PodReadyToStartContainers", state.sandbox && !terminal, None, None));
    conditions.push(condition(
        "Initialized",
        incomplete.is_empty() || terminal && state.init.iter().all(|c| c.role == Role::Sidecar),
        Some("ContainersNotInitialized"),
        Some(format!("containers with incomplete status: [{}]", incomplete.join(" "))),
    ));
    let (ready, reason, message) = match (containers_ready, missing_gates.first()) {
        (true, Some(gate)) => (
            false,
            "ReadinessGatesNotReady",
            Some(format!("corresponding condition of pod readiness gate \"{gate}\" does not exist.")),
        ),
        _ => (containers_ready, ready_reason, ready_message.clone()),
    };
    conditions.push(condition("Ready", ready, Some(reason), message));
    conditions.push(condition("ContainersReady", containers_ready, Some(ready_reason), ready_message));
    conditions.push(condition("PodScheduled", true, None, None));

    let pod_ip = placement.pod_ip.map(|ip| ip.to_string());
    PodStatus {
        phase: Some(phase.to_string()),
        conditions: Some(conditions),
        host_ip: Some(placement.host_ip.clone()),
        host_ips: Some(vec![HostIP { ip: placement.host_ip.clone() }]),
        pod_ip: pod_ip.clone(),
        pod_ips: pod_ip.map(|ip| vec![PodIP { ip }]),
        start_time: placement.start_time.map(time),
        init_container_statuses: (!state.init.is_empty()).then(|| state.init.iter().map(container_status).collect()),
        container_statuses: Some(state.main.iter().map(container_status).collect()),
        qos_class: old.qos_class.clone(),
        nominated_node_name: old.nominated_node_name.clone(),
        reason: old.reason.clone(),
        message: old.message.clone(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(policy: &str, init: &[(&str, bool)], main: &[&str]) -> Pod {
        let init: Vec<serde_json::Value> = init
            .iter()
            .map(|(n, sidecar)| {
                if *sidecar {
                    serde_json::json!({"name": n, "image": "busybox", "restartPolicy": "Always"})
                } else {
                    serde_json::json!({"name": n, "image": "busybox"})
                }
            })
            .collect();
        let main: Vec<serde_json::Value> =
            main.iter().map(|n| serde_json::json!({"name": n, "image": "nginx"})).collect();
        serde_json::from_value(serde_json::json!({
            "metadata": {"name": "p", "namespace": "default", "uid": "u"},
            "spec": {"restartPolicy": policy, "initContainers": init, "containers": main},
        }))
        .expect("valid pod")
    }

    const B: BackoffPolicy = BackoffPolicy { initial: Duration::from_secs(10), max: Duration::from_secs(300) };

    fn exit(code: i32, at: Instant) -> Exit {
        Exit {
            code,
            reason: Exit::reason_for(code).into(),
            message: None,
            started_at: None,
            finished_at: Timestamp::UNIX_EPOCH,
            finished: at,
            container_id: Some("sim://1".into()),
        }
    }

    fn start_all(s: &mut PodState, plan: &Plan) {
        for a in &plan.actions {
            if let Action::Start(r) = a {
                let c = s.get_mut(*r);
                c.begin_start();
                c.running(Timestamp::UNIX_EPOCH, "sim://1".into(), true, true);
            }
        }
    }

    #[test]
    fn plan_new_pod_creates_sandbox_then_starts_containers() {
        let mut s = PodState::new(&pod("Always", &[], &["a", "b"]));
        let now = Instant::now();
        assert_eq!(s.phase(false), "Pending");
        assert_eq!(s.plan(B, now, "p").actions, vec![Action::CreateSandbox]);
        s.sandbox = true;
        let plan = s.plan(B, now, "p");
        assert_eq!(plan.actions.len(), 2);
        start_all(&mut s, &plan);
        assert_eq!(s.phase(false), "Running");
        assert!(s.plan(B, now, "p").actions.is_empty());
    }

    #[test]
    fn plan_init_containers_run_one_at_a_time() {
        let mut s = PodState::new(&pod("Always", &[("i1", false), ("i2", false)], &["a"]));
        s.sandbox = true;
        let now = Instant::now();
        assert_eq!(s.plan(B, now, "p").actions, vec![Action::Start(Ref { init: true, index: 0 })]);
        let plan = s.plan(B, now, "p");
        start_all(&mut s, &plan);
        assert!(s.plan(B, now, "p").actions.is_empty(), "waits for i1 to finish");
        assert_eq!(s.phase(false), "Pending");
        s.init[0].state = State::Terminated(exit(0, now));
        assert_eq!(s.plan(B, now, "p").actions, vec![Action::Start(Ref { init: true, index: 1 })]);
        s.init[1].state = State::Terminated(exit(0, now));
        assert!(s.initialized());
        assert_eq!(s.plan(B, now, "p").actions, vec![Action::Start(Ref { init: false, index: 0 })]);
    }

    #[test]
    fn plan_sidecar_keeps_running_while_app_starts() {
        let mut s = PodState::new(&pod("Always", &[("proxy", true)], &["a"]));
        s.sandbox = true;
        let now = Instant::now();
        let plan = s.plan(B, now, "p");
        assert_eq!(plan.actions, vec![Action::Start(Ref { init: true, index: 0 })]);
        start_all(&mut s, &plan);
        assert_eq!(s.plan(B, now, "p").actions, vec![Action::Start(Ref { init: false, index: 0 })]);
    }

    #[test]
    fn plan_failed_init_never_fails_the_pod() {
        let mut s = PodState::new(&pod("Never", &[("i1", false)], &["a"]));
        s.sandbox = true;
        let now = Instant::now();
        let plan = s.plan(B, now, "p");
        start_all(&mut s, &plan);
        s.init[0].state = State::Terminated(exit(1, now));
        assert!(s.plan(B, now, "p").actions.is_empty());
        assert_eq!(s.phase(false), "Failed");
    }

    #[test]
    fn plan_crash_loop_restarts_at_once_then_backs_off_longer() {
        let mut s = PodState::new(&pod("Always", &[], &["a"]));
        s.sandbox = true;
        let mut now = Instant::now();
        let r = Ref { init: false, index: 0 };
        let plan = s.plan(B, now, "p_default(u)");
        start_all(&mut s, &plan);
        // First crash: immediate restart.
        s.main[0].state = State::Terminated(exit(3, now));
        assert_eq!(s.phase(false), "Running", "Always keeps the pod Running");
        let plan = s.plan(B, now, "p_default(u)");
        assert_eq!(plan.actions, vec![Action::Start(r)]);
        start_all(&mut s, &plan);
        assert_eq!(s.main[0].restart_count, 1);
        assert_eq!(s.main[0].last.as_ref().map(|e| e.code), Some(3));
        // Second crash: a 10 s back-off, shown as CrashLoopBackOff.
        let mut delays = vec![];
        for round in 0..3 {
            now += Duration::from_secs(1);
            s.main[0].state = State::Terminated(exit(3, now));
            let plan = s.plan(B, now, "p_default(u)");
            let Some(Action::BackOff(_, d)) = plan.actions.first() else { panic!("round {round}: {plan:?}") };
            delays.push(d.as_secs());
            assert_eq!(plan.wake_at, Some(now + *d));
            let State::Waiting { reason, message } = &s.main[0].state else { panic!("waiting") };
            assert_eq!(reason, "CrashLoopBackOff");
            assert_eq!(
                message.as_deref(),
                Some(format!("back-off {}s restarting failed container=a pod=p_default(u)", d.as_secs()).as_str())
            );
            assert!(s.plan(B, now, "x").actions.is_empty(), "still waiting, no second BackOff");
            now += *d;
            let plan = s.plan(B, now, "p_default(u)");
            assert_eq!(plan.actions, vec![Action::Start(r)]);
            start_all(&mut s, &plan);
        }
        assert_eq!(delays, [10, 20, 40]);
        assert_eq!(s.main[0].restart_count, 4);
    }

    #[test]
    fn phase_run_to_completion_follows_restart_policy() {
        let now = Instant::now();
        for (policy, code, phase) in [
            ("Never", 0, "Succeeded"),
            ("Never", 1, "Failed"),
            ("OnFailure", 0, "Succeeded"),
            ("OnFailure", 1, "Running"),
            ("Always", 0, "Running"),
        ] {
            let mut s = PodState::new(&pod(policy, &[], &["a"]));
            s.sandbox = true;
            s.main[0].state = State::Terminated(exit(code, now));
            assert_eq!(s.phase(false), phase, "{policy} {code}");
        }
        let mut s = PodState::new(&pod("Always", &[], &["a", "b"]));
        s.main[0].state = State::Terminated(exit(0, now));
        s.main[1].state = State::Terminated(exit(143, now));
        assert_eq!(s.phase(true), "Failed", "a deleted pod is terminal whatever the policy");
        s.main[1].state = State::Terminated(exit(0, now));
        assert_eq!(s.phase(true), "Succeeded");
    }

    #[test]
    fn plan_never_policy_does_not_restart() {
        let mut s = PodState::new(&pod("Never", &[], &["a"]));
        s.sandbox = true;
        let now = Instant::now();
        let plan = s.plan(B, now, "p");
        start_all(&mut s, &plan);
        s.main[0].state = State::Terminated(exit(0, now));
        assert!(s.plan(B, now, "p").actions.is_empty());
    }

    #[test]
    fn plan_terminating_starts_nothing() {
        let mut s = PodState::new(&pod("Always", &[], &["a"]));
        s.sandbox = true;
        s.terminating = true;
        assert_eq!(s.plan(B, Instant::now(), "p"), Plan::default());
    }

    #[test]
    fn plan_config_error_retries_later() {
        let mut s = PodState::new(&pod("Always", &[], &["a"]));
        s.sandbox = true;
        let now = Instant::now();
        s.main[0].config_error(
            "CreateContainerConfigError",
            "configmap \"x\" not found".into(),
            now + Duration::from_secs(2),
        );
        let plan = s.plan(B, now, "p");
        assert!(plan.actions.is_empty());
        assert_eq!(plan.wake_at, Some(now + Duration::from_secs(2)));
        assert_eq!(s.plan(B, now + Duration::from_secs(2), "p").actions.len(), 1);
        assert_eq!(s.phase(false), "Pending");
    }

    #[test]
    fn pod_status_reports_conditions_ips_and_containers() {
        let p = pod("Always", &[("init", false)], &["a"]);
        let mut s = PodState::new(&p);
        s.sandbox = true;
        let now = Instant::now();
        let placement = Placement {
            host_ip: "127.0.0.1".into(),
            pod_ip: Some(Ipv4Addr::new(10, 244, 0, 5)),
            start_time: Some(Timestamp::UNIX_EPOCH),
        };
        let st = pod_status(&s, s.phase(false), &p, &placement, Timestamp::UNIX_EPOCH);
        let v = serde_json::to_value(&st).expect("serialises");
        assert_eq!(v["phase"], "Pending");
        assert_eq!(v["podIP"], "10.244.0.5");
        assert_eq!(v["podIPs"][0]["ip"], "10.244.0.5");
        assert_eq!(v["hostIP"], "127.0.0.1");
        assert_eq!(v["containerStatuses"][0]["state"]["waiting"]["reason"], "PodInitializing");
        assert_eq!(v["initContainerStatuses"][0]["state"]["waiting"]["reason"], "PodInitializing");
        assert_eq!(v["containerStatuses"][0]["lastState"], serde_json::json!({}));
        let cond =
            |t: &str| v["conditions"].as_array().expect("list").iter().find(|c| c["type"] == t).cloned().expect(t);
        assert_eq!(cond("Initialized")["status"], "False");
        assert_eq!(cond("Initialized")["message"], "containers with incomplete status: [init]");
        assert_eq!(cond("Ready")["message"], "containers with unready status: [a]");
        assert_eq!(cond("PodScheduled")["status"], "True");

        s.init[0].state = State::Terminated(exit(0, now));
        s.main[0].running(Timestamp::UNIX_EPOCH, "sim://2".into(), true, true);
        let st = pod_status(&s, s.phase(false), &p, &placement, Timestamp::UNIX_EPOCH);
        let v = serde_json::to_value(&st).expect("serialises");
        assert_eq!(v["phase"], "Running");
        assert!(v["conditions"].as_array().expect("list").iter().all(|c| c["status"] == "True"), "{v}");
        assert_eq!(v["containerStatuses"][0]["ready"], true);
        assert_eq!(v["containerStatuses"][0]["containerID"], "sim://2");
        assert_eq!(v["initContainerStatuses"][0]["state"]["terminated"]["reason"], "Completed");
    }

    #[test]
    fn pod_status_keeps_foreign_conditions_and_transition_times() {
        let mut p = pod("Always", &[], &["a"]);
        let earlier: Timestamp = "2020-01-01T00:00:00Z".parse().expect("time");
        p.status = Some(PodStatus {
            conditions: Some(vec![
                PodCondition { type_: "DisruptionTarget".into(), status: "True".into(), ..Default::default() },
                PodCondition {
                    type_: "PodScheduled".into(),
                    status: "True".into(),
                    last_transition_time: Some(Time(earlier)),
                    ..Default::default()
                },
            ]),
            qos_class: Some("BestEffort".into()),
            ..Default::default()
        });
        let s = PodState::new(&p);
        let st = pod_status(&s, "Pending", &p, &Placement::default(), Timestamp::now());
        let conds = st.conditions.expect("conditions");
        assert!(conds.iter().any(|c| c.type_ == "DisruptionTarget"));
        let sched = conds.iter().find(|c| c.type_ == "PodScheduled").expect("scheduled");
        assert_eq!(sched.last_transition_time, Some(Time(earlier)));
        assert_eq!(st.qos_class.as_deref(), Some("BestEffort"));
    }
}
