//! The `process` runtime: a container's `command` and `args` (with `$(VAR)` expansion) run
//! as a local process group with the pod's environment, in the container's root directory
//! under the pod's directory (volumes mounted there as links). Stopping sends SIGTERM to the
//! group and SIGKILL after the grace period; when the main process exits, whatever it left
//! in its group is killed too, as a container's processes die with it.

use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, watch};

use super::{ExecTarget, Finished, Instance, Launch, Processes, StartFailure, exit_code, new_id, spawn_error};
use crate::cluster::kubelet::env::expand;
use crate::cluster::kubelet::logs::{Stream, pump};
use crate::cluster::kubelet::volume;

/// What the kubelet reports as a terminated container's message: the termination-message
/// file (at most 4 KiB), or with `FallbackToLogsOnError` after a failure, the end of the log
/// (at most 80 lines and 2 KiB).
fn termination_message(file: &std::path::Path, fallback_to_logs: bool, log: &std::path::Path) -> Option<String> {
    let written = std::fs::read(file).unwrap_or_default();
    if !written.is_empty() {
        let end = written.len().min(4096);
        return Some(String::from_utf8_lossy(&written[..end]).into_owned());
    }
    if !fallback_to_logs {
        return None;
    }
    let stored = std::fs::read(log).ok()?;
    let opts = crate::cluster::apiserver::node::LogOptions { tail_lines: Some(80), ..Default::default() };
    let tail = crate::cluster::kubelet::logs::render(&stored, &opts);
    let start = tail.len().saturating_sub(2048);
    Some(String::from_utf8_lossy(&tail[start..]).into_owned()).filter(|m| !m.is_empty())
}

pub fn start(
    launch: Launch,
    processes: &Processes,
    on_exit: impl FnOnce(Finished) + Send + 'static,
) -> Result<Instance, StartFailure> {
    let c = &launch.container;
    let root = volume::mount(&launch.pod_dir, c)
        .map_err(|e| StartFailure(format!("failed to set up the container's root directory: {e}")))?;
    let mut env = launch.env.clone();
    for (key, value) in [("KX_CONTAINER_ROOT", root.display().to_string()), ("HOME", root.display().to_string())] {
        // Images usually set HOME; the container's root is the closest thing it has.
        if !env.iter().any(|(k, _)| k == key) {
            env.push((key.into(), value));
        }
    }
    let lookup = |n: &str| env.iter().rev().find(|(k, _)| k == n).map(|(_, v)| v.clone());
    let argv: Vec<String> =
        c.command.iter().flatten().chain(c.args.iter().flatten()).map(|a| expand(a, lookup)).collect();
    let Some(program) = argv.first().cloned() else {
        return Err(StartFailure("no command to run".into()));
    };
    let cwd = match c.working_dir.as_deref().filter(|w| !w.is_empty()) {
        Some(w) => root.join(w.trim_start_matches('/')),
        None => root.clone(),
    };
    std::fs::create_dir_all(&cwd).map_err(|e| StartFailure(format!("failed to create the working directory: {e}")))?;

    // The file the container may write its last words to, below its root.
    let message_path =
        c.termination_message_path.clone().filter(|p| !p.is_empty()).unwrap_or_else(|| "/dev/termination-log".into());
    let message_file = root.join(message_path.trim_start_matches('/'));
    if let Some(dir) = message_file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = std::fs::write(&message_file, b"");
    let fallback_to_logs = c.termination_message_policy.as_deref() == Some("FallbackToLogsOnError");
    let mut cmd = tokio::process::Command::new(&program);
    cmd.args(&argv[1..])
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .current_dir(&cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .kill_on_drop(false);
    let mut child = cmd.spawn().map_err(|e| StartFailure(spawn_error(&program, &e)))?;
    let Some(pid) = child.id().and_then(|p| i32::try_from(p).ok()) else {
        return Err(StartFailure("the process exited before it could be tracked".into()));
    };
    processes.add(pid);
    let log = launch.log.clone();
    let out = child.stdout.take().map(|o| tokio::spawn(pump(o, Stream::Stdout, log.clone())));
    let err = child.stderr.take().map(|e| tokio::spawn(pump(e, Stream::Stderr, log.clone())));
    let (stop, mut stop_rx) = mpsc::unbounded_channel::<Duration>();
    let (stopped_tx, stopped_rx) = watch::channel(false);
    let procs = processes.clone();
    tokio::spawn(async move {
        let mut kill_at: Option<tokio::time::Instant> = None;
        let mut stop_open = true;
        let mut killed = false;
        let status = loop {
            let deadline = kill_at;
            tokio::select! {
                s = child.wait() => break s,
                g = stop_rx.recv(), if stop_open && !killed => match g {
                    Some(grace) if grace.is_zero() => {
                        procs.signal(pid, libc::SIGKILL);
                        killed = true;
                    }
                    Some(grace) => {
                        if kill_at.is_none() {
                            procs.signal(pid, libc::SIGTERM);
                        }
                        let at = tokio::time::Instant::now() + grace;
                        kill_at = Some(kill_at.map_or(at, |k| k.min(at)));
                    }
                    None => stop_open = false,
                },
                _ = tokio::time::sleep_until(deadline.unwrap_or_else(tokio::time::Instant::now)), if deadline.is_some() && !killed => {
                    procs.signal(pid, libc::SIGKILL);
                    killed = true;
                }
            }
        };
        let _ = stopped_tx.send(true);
        // The container is gone; so is everything it started.
        procs.signal(pid, libc::SIGKILL);
        procs.remove(pid);
        for task in [out, err].into_iter().flatten() {
            let _ = tokio::time::timeout(Duration::from_secs(2), task).await;
        }
        log.close();
        let finished_at = jiff::Timestamp::now();
        let fin = match status {
            Ok(s) => {
                let code = exit_code(s);
                let message = termination_message(&message_file, fallback_to_logs && code != 0, log.path());
                Finished { code, reason: None, message, finished_at }
            }
            Err(e) => Finished { code: 255, reason: Some("Unknown".into()), message: Some(e.to_string()), finished_at },
        };
        on_exit(fin);
    });
    Ok(Instance {
        id: new_id("process"),
        started_at: jiff::Timestamp::now(),
        stop,
        exec: Some(Arc::new(ExecTarget { env, cwd, stopped: stopped_rx, processes: processes.clone() })),
    })
}
