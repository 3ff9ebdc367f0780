//! Running a command in a container over the `pods/exec` WebSocket (kube-rs, v5/v4 channel
//! protocols): which pod and container, kubectl's checks before connecting, and a session
//! with stdin, stdout, stderr and terminal-resize channels whose end is the remote exit
//! status, and the pump that keeps a remote tty's size in step with the local terminal. The
//! CLI's `exec` and the TUI's shell both run on it.

use futures::channel::mpsc;
use k8s_openapi::api::core::v1::Pod;
use kube::api::{AttachParams, AttachedProcess, TerminalSize};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite};

use super::logs;
use super::rest::RestError;
use super::{ClientError, Session};
use crate::k8s::meta;

/// What to run and how to connect to it.
#[derive(Clone, Debug, Default)]
pub struct ExecOptions {
    /// `POD` or `TYPE/NAME` (a workload's first pod, as kubectl picks it).
    pub target: String,
    pub container: Option<String>,
    pub command: Vec<String>,
    /// Pass stdin to the command.
    pub stdin: bool,
    /// Allocate a terminal (stderr then arrives on stdout, as with any terminal).
    pub tty: bool,
}

/// A running command. Read `stdout`/`stderr` until they end, write `stdin` (drop it for EOF),
/// send sizes on `resize` (with `tty`), then `finish` for the exit status.
pub struct ExecSession {
    pub pod: String,
    pub container: String,
    /// kubectl's notices for stderr (`Defaulted container …`).
    pub notices: Vec<String>,
    pub stdin: Option<Box<dyn AsyncWrite + Send + Unpin>>,
    pub stdout: Option<Box<dyn AsyncRead + Send + Unpin>>,
    pub stderr: Option<Box<dyn AsyncRead + Send + Unpin>>,
    pub resize: Option<mpsc::Sender<TerminalSize>>,
    process: AttachedProcess,
}

/// How the remote command ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExecExit {
    Success,
    /// It exited with this non-zero code (kubectl: `command terminated with exit code N`).
    Code(i32),
    /// The runtime could not run it (e.g. no such executable); the server's message.
    Failed(String),
}

impl ExecExit {
    /// From the Status the server sends on the error channel (client-go `remotecommand/v4.go`).
    pub fn from_status(status: Option<&Value>) -> ExecExit {
        let Some(s) = status else { return ExecExit::Success };
        if s.get("status").and_then(Value::as_str) != Some("Failure") {
            return ExecExit::Success;
        }
        if s.get("reason").and_then(Value::as_str) == Some("NonZeroExitCode") {
            let code = s
                .get("details")
                .and_then(|d| d.get("causes"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .find(|c| c.get("reason").and_then(Value::as_str) == Some("ExitCode"))
                .and_then(|c| c.get("message").and_then(Value::as_str))
                .and_then(|m| m.parse::<i32>().ok());
            if let Some(code) = code {
                return ExecExit::Code(code);
            }
        }
        ExecExit::Failed(s.get("message").and_then(Value::as_str).unwrap_or("").to_string())
    }
}

impl ExecSession {
    /// Wait for the command to end.
    pub async fn finish(mut self) -> Result<ExecExit, ClientError> {
        let status = match self.process.take_status() {
            Some(s) => s.await,
            None => None,
        };
        let status = status.and_then(|s| serde_json::to_value(s).ok());
        // A connection lost before any status is an error, not a success.
        if let Err(e) = self.process.join().await
            && status.is_none()
        {
            return Err(ClientError::Other(format!("error executing command: {e}")));
        }
        Ok(ExecExit::from_status(status.as_ref()))
    }
}

/// Forward a terminal's size to a remote tty: the current size at once, then again after
/// each `changes` item (a SIGWINCH) when it differs from the last one sent. Ends when the
/// changes end or the remote side stops listening.
pub async fn forward_resizes<C>(
    mut resize: mpsc::Sender<TerminalSize>,
    mut changes: C,
    size: impl Fn() -> Option<TerminalSize>,
) where
    C: futures::Stream<Item = ()> + Unpin,
{
    use futures::{SinkExt, StreamExt};
    let mut last: Option<(u16, u16)> = None;
    loop {
        if let Some(sz) = size()
            && last != Some((sz.width, sz.height))
        {
            last = Some((sz.width, sz.height));
            if resize.send(sz).await.is_err() {
                return;
            }
        }
        if changes.next().await.is_none() {
            return;
        }
    }
}

/// [`forward_resizes`] for this process's terminal: its size as crossterm reads it, changes
/// as SIGWINCH reports them. The CLI's `exec -it` and the TUI's shell both run it.
pub async fn forward_terminal_resizes(resize: mpsc::Sender<TerminalSize>) {
    let size = || crossterm::terminal::size().ok().map(|(width, height)| TerminalSize { width, height });
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::window_change()) {
        Ok(mut winch) => {
            let changes = futures::stream::poll_fn(move |cx| winch.poll_recv(cx));
            forward_resizes(resize, Box::pin(changes), size).await;
        }
        // No signal handling: the size at start is all the remote gets.
        Err(_) => forward_resizes(resize, futures::stream::empty(), size).await,
    }
}

fn kube_error(e: kube::Error) -> ClientError {
    match e {
        kube::Error::Api(s) => ClientError::Rest(RestError::Status {
            code: s.code,
            status: serde_json::json!({"kind": "Status", "status": "Failure", "reason": s.reason, "message": s.message, "code": s.code}),
        }),
        kube::Error::UpgradeConnection(u) => ClientError::Other(format!("unable to upgrade connection: {u}")),
        other => ClientError::Rest(RestError::Transport(other.to_string())),
    }
}

/// Find the pod and container, refuse what kubectl refuses, and start the command.
pub async fn start(session: &Session, namespace: &str, opts: &ExecOptions) -> Result<ExecSession, ClientError> {
    if opts.command.is_empty() {
        return Err(ClientError::Usage("you must specify at least one command for the container".into()));
    }
    let (kind, name) = match opts.target.split_once('/') {
        Some((k, n)) => (k, n),
        None => ("pods", opts.target.as_str()),
    };
    let (pod, _) = logs::pod_for_object(session, namespace, kind, name, false).await?;
    let pod_name = meta::name(&pod).to_string();
    let phase = pod.get("status").and_then(|s| s.get("phase")).and_then(Value::as_str).unwrap_or("");
    if phase == "Succeeded" || phase == "Failed" {
        return Err(ClientError::Other(format!(
            "cannot exec into a container in a completed pod; current phase is {phase}"
        )));
    }
    let mut notices = Vec::new();
    let container = match &opts.container {
        Some(c) => {
            // The server refuses this too, but its answer is lost in the failed upgrade.
            if !logs::has_container(&pod, c) {
                return Err(ClientError::Rest(RestError::Status {
                    code: 400,
                    status: serde_json::json!({"kind": "Status", "status": "Failure", "reason": "BadRequest",
                        "message": format!("container {c} is not valid for pod {pod_name}"), "code": 400}),
                }));
            }
            c.clone()
        }
        None => {
            let (c, notice) = logs::default_container(&pod)
                .ok_or_else(|| ClientError::Other(format!("pod {pod_name} does not have a container")))?;
            notices.extend(notice);
            c
        }
    };
    let ap = AttachParams {
        container: Some(container.clone()),
        stdin: opts.stdin,
        stdout: true,
        stderr: !opts.tty,
        tty: opts.tty,
        // Larger pipes than kube-rs' 1 KiB keep bulk output from stalling the socket.
        max_stdin_buf_size: Some(64 * 1024),
        max_stdout_buf_size: Some(64 * 1024),
        max_stderr_buf_size: Some(64 * 1024),
    };
    let api: kube::Api<Pod> = kube::Api::namespaced(session.client().clone(), namespace);
    let mut process = api.exec(&pod_name, opts.command.clone(), &ap).await.map_err(kube_error)?;
    let stdin =
        if opts.stdin { process.stdin().map(|w| Box::new(w) as Box<dyn AsyncWrite + Send + Unpin>) } else { None };
    let stdout = process.stdout().map(|r| Box::new(r) as Box<dyn AsyncRead + Send + Unpin>);
    let stderr = process.stderr().map(|r| Box::new(r) as Box<dyn AsyncRead + Send + Unpin>);
    let resize = process.terminal_size();
    Ok(ExecSession { pod: pod_name, container, notices, stdin, stdout, stderr, resize, process })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[tokio::test]
    async fn forward_resizes_sends_the_size_then_each_change_once() {
        use futures::StreamExt;
        let sizes = std::sync::Mutex::new(vec![(80, 24), (80, 24), (100, 30), (120, 40)].into_iter());
        let size = || sizes.lock().expect("lock").next().map(|(width, height)| TerminalSize { width, height });
        let (tx, rx) = mpsc::channel(8);
        // Three window changes: one repeats the size, so only two new sizes follow the first.
        forward_resizes(tx, futures::stream::iter([(), (), ()]), size).await;
        let sent: Vec<(u16, u16)> = rx.map(|s| (s.width, s.height)).collect().await;
        assert_eq!(sent, [(80, 24), (100, 30), (120, 40)]);
    }

    #[tokio::test]
    async fn forward_resizes_stops_when_the_remote_is_gone() {
        let (tx, rx) = mpsc::channel(1);
        drop(rx);
        let size = || Some(TerminalSize { width: 1, height: 1 });
        // Endless changes: only the closed channel can end it.
        forward_resizes(tx, futures::stream::repeat(()), size).await;
    }

    #[test]
    fn from_status_reads_exit_codes_like_client_go() {
        assert_eq!(ExecExit::from_status(None), ExecExit::Success);
        assert_eq!(ExecExit::from_status(Some(&json!({"status": "Success"}))), ExecExit::Success);
        let three = json!({"status": "Failure", "reason": "NonZeroExitCode", "message": "command terminated with non-zero exit code",
            "details": {"causes": [{"reason": "ExitCode", "message": "3"}]}});
        assert_eq!(ExecExit::from_status(Some(&three)), ExecExit::Code(3));
        let failed = json!({"status": "Failure", "message": "exec: \"x\": executable file not found in $PATH"});
        assert_eq!(
            ExecExit::from_status(Some(&failed)),
            ExecExit::Failed("exec: \"x\": executable file not found in $PATH".into())
        );
    }
}
