//! `exec` in a `process` container: the command runs with the container's environment and
//! working directory, through pipes, or through a pseudo-terminal when a TTY is asked for
//! (`pty-process`: the child becomes a session leader with the terminal as its controlling
//! one, so shells get job control and prompts, and resizes reach it). It ends when the
//! command exits, the client goes away, or the container stops.

use std::process::Stdio;
use std::time::Duration;

use bytes::Bytes;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::sync::{mpsc, oneshot};

use super::{ExecTarget, exit_code, spawn_error};
use crate::cluster::apiserver::node::{ExecExit, ExecInput, ExecOutput, ExecRequest, ExecSession};

/// How long output may keep coming after the command exits (a background child that holds
/// the terminal or a pipe open does not keep the session alive).
const DRAIN: Duration = Duration::from_secs(1);

pub fn exec(target: &ExecTarget, req: &ExecRequest) -> ExecSession {
    let (input, in_rx) = mpsc::channel(16);
    let (out_tx, output) = mpsc::channel(64);
    let started = if req.tty {
        spawn_tty(target, req, in_rx, out_tx.clone())
    } else {
        spawn_pipes(target, req, in_rx, out_tx.clone())
    };
    if let Err(message) = started {
        let _ = out_tx
            .try_send(ExecOutput::Exit(ExecExit::Error(format!("error executing command in container: {message}"))));
    }
    ExecSession { input, output }
}

fn command(target: &ExecTarget, req: &ExecRequest) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new(&req.command[0]);
    cmd.args(&req.command[1..])
        .env_clear()
        .envs(target.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .current_dir(&target.cwd)
        .kill_on_drop(false);
    if req.tty && !target.env.iter().any(|(k, _)| k == "TERM") {
        // The kubelet sets TERM for TTY sessions.
        cmd.env("TERM", "xterm");
    }
    cmd
}

async fn copy_out(mut from: impl AsyncRead + Unpin, tx: mpsc::Sender<ExecOutput>, stderr: bool) {
    let mut buf = vec![0u8; 8192];
    loop {
        match from.read(&mut buf).await {
            // A pty reports EIO once the last process holding the terminal has gone.
            Ok(0) | Err(_) => return,
            Ok(n) => {
                let b = Bytes::copy_from_slice(&buf[..n]);
                let msg = if stderr { ExecOutput::Stderr(b) } else { ExecOutput::Stdout(b) };
                if tx.send(msg).await.is_err() {
                    return;
                }
            }
        }
    }
}

/// Wait for the command (killing it if the client leaves or the container stops), let its
/// output drain, then report how it ended.
async fn finish(
    mut child: tokio::process::Child,
    pid: i32,
    target_processes: super::Processes,
    mut stopped: tokio::sync::watch::Receiver<bool>,
    client_gone: oneshot::Receiver<()>,
    readers: Vec<tokio::task::JoinHandle<()>>,
    out_tx: mpsc::Sender<ExecOutput>,
) {
    let status = tokio::select! {
        s = child.wait() => s,
        _ = client_gone => {
            target_processes.signal(pid, libc::SIGKILL);
            child.wait().await
        }
        _ = async { drop(stopped.wait_for(|s| *s).await) } => {
            target_processes.signal(pid, libc::SIGKILL);
            child.wait().await
        }
    };
    for mut r in readers {
        if tokio::time::timeout(DRAIN, &mut r).await.is_err() {
            // Something the command left behind holds the output open; it ends with the session.
            target_processes.signal(pid, libc::SIGKILL);
            r.abort();
        }
    }
    target_processes.remove(pid);
    let exit = match status {
        Ok(s) => ExecExit::Code(exit_code(s)),
        Err(e) => ExecExit::Error(format!("error executing command in container: {e}")),
    };
    let _ = out_tx.send(ExecOutput::Exit(exit)).await;
}

fn spawn_pipes(
    target: &ExecTarget,
    req: &ExecRequest,
    mut in_rx: mpsc::Receiver<ExecInput>,
    out_tx: mpsc::Sender<ExecOutput>,
) -> Result<(), String> {
    let mut cmd = command(target, req);
    let pipe = |on: bool| if on { Stdio::piped() } else { Stdio::null() };
    cmd.stdin(pipe(req.stdin)).stdout(pipe(req.stdout)).stderr(pipe(req.stderr)).process_group(0);
    let mut child = cmd.spawn().map_err(|e| spawn_error(&req.command[0], &e))?;
    let pid = child.id().and_then(|p| i32::try_from(p).ok()).unwrap_or(0);
    target.processes.add(pid);
    let mut readers = Vec::new();
    if let Some(o) = child.stdout.take() {
        readers.push(tokio::spawn(copy_out(o, out_tx.clone(), false)));
    }
    if let Some(e) = child.stderr.take() {
        readers.push(tokio::spawn(copy_out(e, out_tx.clone(), true)));
    }
    let mut stdin = child.stdin.take();
    let (gone_tx, gone_rx) = oneshot::channel();
    tokio::spawn(async move {
        while let Some(i) = in_rx.recv().await {
            match i {
                ExecInput::Stdin(b) => {
                    if let Some(s) = stdin.as_mut()
                        && s.write_all(&b).await.is_err()
                    {
                        stdin = None;
                    }
                }
                // Dropping the pipe is the command's end of file.
                ExecInput::StdinClose => stdin = None,
                ExecInput::Resize { .. } => {}
            }
        }
        let _ = gone_tx.send(());
    });
    tokio::spawn(finish(child, pid, target.processes.clone(), target.stopped.clone(), gone_rx, readers, out_tx));
    Ok(())
}

fn spawn_tty(
    target: &ExecTarget,
    req: &ExecRequest,
    mut in_rx: mpsc::Receiver<ExecInput>,
    out_tx: mpsc::Sender<ExecOutput>,
) -> Result<(), String> {
    let (pty, pts) = pty_process::open().map_err(|e| format!("could not allocate a terminal: {e}"))?;
    let _ = pty.resize(pty_process::Size::new(24, 80));
    let cmd: pty_process::Command = command(target, req).into();
    let child = cmd.spawn(pts).map_err(|e| match e {
        pty_process::Error::Io(io) => spawn_error(&req.command[0], &io),
        other => format!("exec: {:?}: {other}", req.command[0]),
    })?;
    // The child leads its own session, so its pid is its process group.
    let pid = child.id().and_then(|p| i32::try_from(p).ok()).unwrap_or(0);
    target.processes.add(pid);
    let (reader, mut writer) = pty.into_split();
    let readers = vec![tokio::spawn(copy_out(reader, out_tx.clone(), false))];
    let (gone_tx, gone_rx) = oneshot::channel();
    tokio::spawn(async move {
        while let Some(i) = in_rx.recv().await {
            match i {
                ExecInput::Stdin(b) => {
                    let _ = writer.write_all(&b).await;
                }
                ExecInput::Resize { width, height } => {
                    let _ = writer.resize(pty_process::Size::new(height, width));
                }
                // A terminal has no end of file of its own; the shell reads `exit` or ^D.
                ExecInput::StdinClose => {}
            }
        }
        let _ = gone_tx.send(());
    });
    tokio::spawn(finish(child, pid, target.processes.clone(), target.stopped.clone(), gone_rx, readers, out_tx));
    Ok(())
}
