//! `kx exec`: kubectl's exec on this terminal. With `-it` on a terminal, raw mode (restored
//! on every exit path: normal end, error, panic, SIGTERM/SIGHUP), the window size sent at
//! start and on every SIGWINCH; the remote exit code becomes kx's.

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::Args;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};

use crate::client::exec::{self, ExecExit, ExecOptions};
use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct ExecArgs {
    /// POD or TYPE/NAME.
    target: Vec<String>,
    /// Container name (default: the default-container annotation, else the first).
    #[arg(short = 'c', long)]
    container: Option<String>,
    /// Pass stdin to the container.
    #[arg(short = 'i', long)]
    stdin: bool,
    /// Stdin is a TTY.
    #[arg(short = 't', long)]
    tty: bool,
    /// Only print output from the remote session.
    #[arg(short = 'q', long)]
    quiet: bool,
    /// The command and its arguments, after `--`.
    #[arg(last = true)]
    command: Vec<String>,
}

/// Leaves raw mode when dropped, also while unwinding from a panic.
struct RawMode;

impl RawMode {
    fn enable() -> std::io::Result<RawMode> {
        crossterm::terminal::enable_raw_mode()?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = crossterm::terminal::disable_raw_mode();
    }
}

/// Copy a remote stream to a local one, flushing as data comes so prompts appear at once.
async fn pump(mut from: Box<dyn AsyncRead + Send + Unpin>, mut to: impl Write) {
    let mut buf = vec![0u8; 32 * 1024];
    loop {
        match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if to.write_all(&buf[..n]).and_then(|_| to.flush()).is_err() {
                    break;
                }
            }
        }
    }
}

pub async fn run(session: &Session, a: ExecArgs) -> Result<ExitCode, ClientError> {
    if a.target.len() > 1 {
        return Err(ClientError::Usage(
            "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples".into(),
        ));
    }
    let Some(target) = a.target.first().cloned() else {
        return Err(ClientError::Usage(
            "expected 'exec (POD | TYPE/NAME) COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD or TYPE/NAME is a required argument for the exec command\nSee 'kubectl exec -h' for help and examples".into(),
        ));
    };
    // kubectl's SetupTTY: a terminal needs stdin, and stdin must be one.
    let mut tty = a.tty && a.stdin;
    if tty && !std::io::stdin().is_terminal() {
        tty = false;
        if !a.quiet {
            eprintln!("Unable to use a TTY - input is not a terminal or the right kind of file");
        }
    }
    let opts = ExecOptions { target, container: a.container, command: a.command, stdin: a.stdin, tty };
    let namespace = session.namespace().to_string();
    let mut s = exec::start(session, &namespace, &opts).await?;
    if !a.quiet {
        for n in &s.notices {
            eprintln!("{n}");
        }
    }
    let raw = if tty { RawMode::enable().ok() } else { None };

    if let Some(resize) = s.resize.take() {
        tokio::spawn(exec::forward_terminal_resizes(resize));
    }
    if let Some(mut remote_in) = s.stdin.take() {
        // A plain thread: a blocking read of stdin cannot be cancelled, and a tokio blocking
        // task would hold up the runtime's shutdown until the user pressed a key.
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<u8>>(16);
        std::thread::spawn(move || {
            let mut stdin = std::io::stdin().lock();
            let mut buf = vec![0u8; 8192];
            loop {
                match stdin.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.blocking_send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        tokio::spawn(async move {
            while let Some(chunk) = rx.recv().await {
                if remote_in.write_all(&chunk).await.is_err() || remote_in.flush().await.is_err() {
                    return;
                }
            }
            // Dropping the writer sends the end of stdin to the container.
            let _ = remote_in.shutdown().await;
        });
    }
    let out = s.stdout.take().map(|r| tokio::spawn(pump(r, std::io::stdout())));
    let err = s.stderr.take().map(|r| tokio::spawn(pump(r, std::io::stderr())));

    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    let mut hup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok();
    let finished = tokio::select! {
        r = s.finish() => Some(r),
        _ = async { match term.as_mut() { Some(t) => { t.recv().await; } None => std::future::pending().await } } => None,
        _ = async { match hup.as_mut() { Some(h) => { h.recv().await; } None => std::future::pending().await } } => None,
    };
    // Let the last output reach the terminal before leaving raw mode.
    for h in [out, err].into_iter().flatten() {
        let _ = tokio::time::timeout(std::time::Duration::from_secs(2), h).await;
    }
    drop(raw);
    let Some(result) = finished else {
        return Ok(ExitCode::from(143));
    };
    match result? {
        ExecExit::Success => Ok(ExitCode::SUCCESS),
        ExecExit::Code(code) => {
            eprintln!("command terminated with exit code {code}");
            Ok(ExitCode::from(u8::try_from(code).unwrap_or(1)))
        }
        ExecExit::Failed(message) => Err(ClientError::Other(message)),
    }
}
