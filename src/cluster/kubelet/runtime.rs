//! Container runtimes behind the kubelet. `sim` runs no host code: a container is a timer
//! that writes its lifecycle to its log. `process` runs the container's command as a local
//! process group in the pod's directory, so exit codes, logs, probes and exec are real.
//! Both report an instance's end through a callback, so the pod worker hears about it in
//! its own message loop.

pub mod exec;
pub mod portforward;
mod process;
pub mod sim;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use k8s_openapi::api::core::v1::{Container, Pod};
use parking_lot::Mutex;
use tokio::sync::{mpsc, watch};

use super::lifecycle::{RestartPolicy, Role};
use super::logs::LogFile;

/// Which runtime a node uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Runtime {
    /// Simulated containers; no host code runs (the default).
    #[default]
    Sim,
    /// Containers' commands run as local processes.
    Process,
}

impl Runtime {
    pub fn name(self) -> &'static str {
        match self {
            Runtime::Sim => "sim",
            Runtime::Process => "process",
        }
    }
}

impl std::str::FromStr for Runtime {
    type Err = String;
    fn from_str(s: &str) -> Result<Runtime, String> {
        match s {
            "sim" => Ok(Runtime::Sim),
            "process" => Ok(Runtime::Process),
            other => Err(format!("unknown runtime {other:?}: expected sim or process")),
        }
    }
}

/// What to start.
pub struct Launch {
    pub pod: Arc<Pod>,
    pub container: Container,
    pub role: Role,
    pub restart_policy: RestartPolicy,
    pub node: String,
    pub env: Vec<(String, String)>,
    pub pod_dir: PathBuf,
    pub log: Arc<LogFile>,
}

/// How an instance ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finished {
    pub code: i32,
    /// Overrides the reason derived from the code.
    pub reason: Option<String>,
    pub message: Option<String>,
    pub finished_at: Timestamp,
}

/// What an exec in a `process` container needs.
#[derive(Debug)]
pub struct ExecTarget {
    pub env: Vec<(String, String)>,
    pub cwd: PathBuf,
    /// Becomes true when the container stops; exec'd commands die with it.
    pub stopped: watch::Receiver<bool>,
    pub processes: Processes,
}

/// A running container instance.
pub struct Instance {
    pub id: String,
    pub started_at: Timestamp,
    stop: mpsc::UnboundedSender<Duration>,
    /// Set when commands can be exec'd in it (not in simulated containers).
    pub exec: Option<Arc<ExecTarget>>,
}

impl Instance {
    /// Ask it to stop: SIGTERM, then SIGKILL after `grace` (the sim stops at once).
    pub fn stop(&self, grace: Duration) {
        let _ = self.stop.send(grace);
    }

    /// A handle that can stop the instance later (after a preStop hook).
    pub fn stopper(&self) -> mpsc::UnboundedSender<Duration> {
        self.stop.clone()
    }
}

/// Why an instance could not start (a `StartError`, exit code 128).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct StartFailure(pub String);

/// The process groups a node runs, so that stopping the node stops them all.
#[derive(Clone, Debug, Default)]
pub struct Processes(Arc<Mutex<ProcessSet>>);

#[derive(Debug, Default)]
pub struct ProcessSet {
    groups: HashSet<i32>,
    /// The node has stopped: a group that shows up now (a restart racing the stop) is
    /// killed at once.
    closed: bool,
}

impl Processes {
    pub fn add(&self, pgid: i32) {
        let mut set = self.0.lock();
        if set.closed {
            kill_group(pgid, libc::SIGKILL);
        } else {
            set.groups.insert(pgid);
        }
    }

    pub fn remove(&self, pgid: i32) {
        self.0.lock().groups.remove(&pgid);
    }

    pub fn signal(&self, pgid: i32, signal: i32) {
        if self.0.lock().groups.contains(&pgid) {
            kill_group(pgid, signal);
        }
    }

    pub fn kill_all(&self) {
        let mut set = self.0.lock();
        set.closed = true;
        for pgid in set.groups.drain() {
            kill_group(pgid, libc::SIGKILL);
        }
    }
}

fn kill_group(pgid: i32, signal: i32) {
    if pgid > 1 {
        // SAFETY: kill(2) with a negative pid signals a process group this node started.
        unsafe { libc::kill(-pgid, signal) };
    }
}

fn new_id(scheme: &str) -> String {
    // 64 hex digits, as container IDs are.
    format!("{scheme}://{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple())
}

/// The exit code of a finished process as the kubelet reports it (128 + signal if killed).
pub fn exit_code(status: std::process::ExitStatus) -> i32 {
    use std::os::unix::process::ExitStatusExt;
    status.code().unwrap_or_else(|| 128 + status.signal().unwrap_or(0))
}

/// The runtime's wording for a command that cannot be started.
pub fn spawn_error(program: &str, e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => format!("exec: {program:?}: executable file not found in $PATH"),
        std::io::ErrorKind::PermissionDenied => format!("exec: {program:?}: permission denied"),
        _ => format!("exec: {program:?}: {e}"),
    }
}

/// Start an instance; `on_exit` is called once when it ends.
pub fn start(
    runtime: Runtime,
    launch: Launch,
    processes: &Processes,
    on_exit: impl FnOnce(Finished) + Send + 'static,
) -> Result<Instance, StartFailure> {
    let has_command = launch.container.command.as_ref().is_some_and(|c| !c.is_empty());
    match runtime {
        Runtime::Process if has_command => process::start(launch, processes, on_exit),
        Runtime::Process => {
            launch.log.line(
                super::logs::Stream::Stdout,
                "[kx process runtime] this container has no command, and image entrypoints are not available to the process runtime, so it is simulated",
            );
            Ok(sim::start(launch, on_exit))
        }
        Runtime::Sim => Ok(sim::start(launch, on_exit)),
    }
}
