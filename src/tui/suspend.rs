//! Jobs that take over the terminal while the TUI is suspended: `$EDITOR` on an object's
//! YAML, and an interactive shell in a container (exec with a real tty).

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::msg::{Msg, ObjRef};
use crate::client::Session;

/// The editor kubectl would run: `$KUBE_EDITOR`, `$EDITOR`, `$VISUAL`, else `vi`.
pub fn editor_command() -> String {
    ["KUBE_EDITOR", "EDITOR", "VISUAL"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_string())
}

pub async fn external_edit(target: ObjRef, text: String) -> Msg {
    let dir = std::env::temp_dir();
    let path = dir.join(format!("kx-edit-{}-{}.yaml", target.name, uuid::Uuid::new_v4().simple()));
    if let Err(e) = std::fs::write(&path, &text) {
        return Msg::Resumed(Err(format!("could not write {}: {e}", path.display())));
    }
    let editor = editor_command();
    // The editor value may carry arguments (`code --wait`), as kubectl allows.
    let mut parts = editor.split_whitespace();
    let program = parts.next().unwrap_or("vi").to_string();
    let status = tokio::process::Command::new(&program).args(parts).arg(&path).status().await;
    let result = match status {
        Ok(s) if s.success() => match std::fs::read_to_string(&path) {
            Ok(edited) => Msg::Edited { target, original: text, edited },
            Err(e) => Msg::Resumed(Err(format!("could not read {}: {e}", path.display()))),
        },
        Ok(s) => Msg::Resumed(Err(format!("{editor} exited with {s}; nothing applied"))),
        Err(e) => Msg::Resumed(Err(format!("could not run {editor}: {e}"))),
    };
    let _ = std::fs::remove_file(&path);
    result
}

/// Read stdin on a thread that stops when told (a tokio stdin reader would keep a blocked
/// read alive after the shell ends and swallow the TUI's next key).
fn stdin_pump(stop: Arc<AtomicBool>, tx: tokio::sync::mpsc::Sender<Vec<u8>>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while !stop.load(Ordering::SeqCst) {
            let mut pfd = libc::pollfd { fd: 0, events: libc::POLLIN, revents: 0 };
            // SAFETY: one valid pollfd for the duration of the call.
            let n = unsafe { libc::poll(&mut pfd, 1, 100) };
            if n <= 0 || pfd.revents & libc::POLLIN == 0 {
                continue;
            }
            // SAFETY: reading into a buffer we own, at most its length.
            let r = unsafe { libc::read(0, buf.as_mut_ptr().cast(), buf.len()) };
            if r <= 0 {
                return;
            }
            if tx.blocking_send(buf[..r as usize].to_vec()).is_err() {
                return;
            }
        }
    })
}

/// Exec a shell in the container with a tty, passing the terminal through until it exits:
/// the same session `kx exec -it` opens, with the window size kept in step (SIGWINCH).
pub async fn shell(s: &Session, pod: ObjRef, container: Option<String>) -> Msg {
    use crate::client::exec::{self, ExecExit, ExecOptions};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let ns = pod.namespace.clone().unwrap_or_else(|| "default".into());
    let what = match &container {
        Some(c) => format!("{}/{c}", pod.name),
        None => pod.name.clone(),
    };
    let _ = write!(std::io::stdout(), "kx: shell in {what} (exit the shell to return)\r\n");
    let _ = std::io::stdout().flush();
    if let Err(e) = crossterm::terminal::enable_raw_mode() {
        return Msg::Resumed(Err(format!("could not set up the terminal: {e}")));
    }
    let opts = ExecOptions {
        target: pod.name.clone(),
        container,
        command: ["sh", "-c", "command -v bash >/dev/null 2>&1 && exec bash || exec sh"].map(String::from).to_vec(),
        stdin: true,
        tty: true,
    };
    let mut session = match exec::start(s, &ns, &opts).await {
        Ok(session) => session,
        Err(e) => {
            let _ = crossterm::terminal::disable_raw_mode();
            return Msg::Resumed(Err(format!("shell in {what} failed: {}", e.kubectl_message())));
        }
    };
    let resizes = async {
        match session.resize.take() {
            Some(resize) => exec::forward_terminal_resizes(resize).await,
            None => std::future::pending().await,
        }
    };
    let mut stdin_w = session.stdin.take();
    let stdout_r = session.stdout.take();
    let stop = Arc::new(AtomicBool::new(false));
    let (in_tx, mut in_rx) = tokio::sync::mpsc::channel::<Vec<u8>>(16);
    let pump = stdin_pump(stop.clone(), in_tx);
    let to_pod = async {
        while let Some(bytes) = in_rx.recv().await {
            let Some(w) = stdin_w.as_mut() else { break };
            if w.write_all(&bytes).await.is_err() || w.flush().await.is_err() {
                break;
            }
        }
    };
    let from_pod = async {
        let Some(mut r) = stdout_r else { return };
        let mut out = tokio::io::stdout();
        let mut buf = vec![0u8; 8192];
        loop {
            match r.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if out.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                    let _ = out.flush().await;
                }
            }
        }
    };
    // The shell is over when its output ends; input may stay open, and the resize pump
    // only ends with the session.
    tokio::select! {
        _ = from_pod => {}
        _ = to_pod => {}
        _ = resizes => {}
    }
    stop.store(true, Ordering::SeqCst);
    drop(stdin_w);
    let _ = tokio::task::spawn_blocking(move || pump.join()).await;
    let _ = crossterm::terminal::disable_raw_mode();
    let msg = match session.finish().await {
        Ok(ExecExit::Success) => Ok(format!("shell in {what} ended")),
        // A shell's exit code is whatever its last command left: not kx's error.
        Ok(ExecExit::Code(code)) => Ok(format!("shell in {what} ended (exit code {code})")),
        Ok(ExecExit::Failed(message)) => Err(format!("shell in {what} ended: {message}")),
        Err(e) => Err(format!("shell in {what} ended: {}", e.kubectl_message())),
    };
    Msg::Resumed(msg)
}
