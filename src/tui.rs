//! The full-screen TUI (`kx` with no arguments). Architecture, as in ratatui's and gitui's
//! best practice: all state in one [`model::Model`], changed only by
//! [`update::update`]`(&mut Model, Msg) -> Vec<Cmd>`; views borrow the model
//! (`impl Widget for &Model`); effects ([`msg::Cmd`]) are carried out by an executor whose
//! tasks (watches, log streams, requests) answer with messages over a bounded channel; the
//! loop ([`runtime::run`]) is generic over the ratatui backend, so tests drive the real app
//! on a `TestBackend`. The terminal is restored on every exit path: normal return, error,
//! panic (a hook), and SIGTERM/SIGHUP/SIGINT (turned into a quit message).

pub mod alloc;
pub mod config;
pub mod demo;
pub mod editor;
pub mod exec;
pub mod filter;
pub mod keymap;
pub mod layout;
pub mod logs;
pub mod model;
pub mod msg;
pub mod portforward;
pub mod prompt;
pub mod runtime;
pub mod skin;
pub mod suspend;
pub mod table;
pub mod text;
pub mod theme;
pub mod update;
pub mod view;
pub mod xray;

#[cfg(test)]
mod tests;

use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Once;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, EventStream,
};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use futures::StreamExt;
use futures::stream::BoxStream;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use tokio::sync::mpsc;

use crate::client::Session;
use crate::client::config::{ConfigError as KubeconfigError, ConnectOptions, Connection};
use crate::cluster::embedded::{Cluster, ClusterConfig};
use crate::cluster::kubelet::Runtime;
use config::Config;
use model::{Info, Model};
use msg::{Cmd, Msg};
use theme::Theme;

/// How `kx` (no subcommand) was asked to run.
#[derive(Debug, Clone)]
pub struct TuiOptions {
    pub connect: ConnectOptions,
    /// Run an in-process cluster seeded with the demo app instead of connecting.
    pub embedded: bool,
    pub readonly: bool,
    pub theme: Option<String>,
    /// Simulated nodes of the embedded cluster.
    pub nodes: usize,
    pub runtime: Runtime,
}

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error(transparent)]
    Config(#[from] config::ConfigError),
    #[error("{0}")]
    Connect(String),
    #[error("could not start the embedded cluster: {0}")]
    Embedded(String),
    #[error("terminal: {0}")]
    Terminal(#[from] io::Error),
}

/// Put the terminal back as it was. Safe to call more than once.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(out, DisableBracketedPaste, DisableMouseCapture, LeaveAlternateScreen, crossterm::cursor::Show);
    let _ = out.flush();
}

/// Restores the terminal when dropped, whatever the way out.
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> io::Result<TerminalGuard> {
        static HOOK: Once = Once::new();
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                // Restore first, so the panic message lands on a sane screen.
                restore_terminal();
                previous(info);
            }));
        });
        enable_raw_mode()?;
        let guard = TerminalGuard;
        execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

struct CrosstermHost;

impl runtime::Host for CrosstermHost {
    fn events(&mut self) -> BoxStream<'static, io::Result<crossterm::event::Event>> {
        EventStream::new().boxed()
    }

    fn suspend(&mut self) -> io::Result<()> {
        restore_terminal();
        Ok(())
    }

    fn resume(&mut self) -> io::Result<()> {
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)?;
        Ok(())
    }
}

/// Whether there is any kubeconfig to use (else a fresh machine: run embedded).
fn has_kubeconfig(opts: &ConnectOptions) -> bool {
    opts.server.is_some()
        || !matches!(crate::client::config::load_kubeconfig(opts.kubeconfig.as_ref()), Err(KubeconfigError::Missing))
}

/// Start the embedded cluster, seed the demo app, and connect to it over HTTPS as any
/// client would.
pub async fn start_embedded(nodes: usize, runtime: Runtime) -> Result<(Cluster, Connection, Info), TuiError> {
    let cluster = Cluster::start(ClusterConfig { nodes: nodes.clamp(1, 3), runtime, ..Default::default() })
        .await
        .map_err(|e| TuiError::Embedded(chain(&e)))?;
    demo::seed(&cluster.api.client(), "default").await.map_err(|e| TuiError::Embedded(e.message()))?;
    let name = "kx-embedded";
    let kc = kube::config::Kubeconfig::from_yaml(&cluster.kubeconfig(name))
        .map_err(|e| TuiError::Embedded(e.to_string()))?;
    let config = kube::Config::from_custom_kubeconfig(kc, &kube::config::KubeConfigOptions::default())
        .await
        .map_err(|e| TuiError::Embedded(e.to_string()))?;
    let cluster_url = config.cluster_url.clone();
    let client = kube::Client::try_from(config).map_err(|e| TuiError::Embedded(e.to_string()))?;
    let conn = Connection {
        client,
        namespace: "default".into(),
        namespace_explicit: false,
        context: Some(name.into()),
        cluster_url,
    };
    let info = Info {
        context: name.into(),
        cluster: name.into(),
        user: name.into(),
        server: cluster.server_url(),
        embedded: Some(format!(
            "embedded cluster: {} {} node{}, demo app",
            nodes.clamp(1, 3),
            runtime_name(runtime),
            if nodes > 1 { "s" } else { "" }
        )),
        contexts: vec![name.into()],
        namespace: "default".into(),
    };
    Ok((cluster, conn, info))
}

/// An error and its causes on one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(c) = src {
        let t = c.to_string();
        if !s.contains(&t) {
            s = format!("{s}: {t}");
        }
        src = c.source();
    }
    s
}

fn runtime_name(r: Runtime) -> &'static str {
    match r {
        Runtime::Sim => "simulated",
        Runtime::Process => "process",
    }
}

/// The first page and the commands that fill it.
pub fn boot(model: &mut Model) -> Vec<Cmd> {
    let mut cmds = vec![Cmd::Discover, Cmd::Version];
    update::command(model, "pods", &mut cmds);
    update::prepare(model);
    cmds
}

/// A broken config file or theme: on a terminal, say what is wrong and let the user go on
/// with `fallback`; otherwise (scripts, pipes) it is an error.
fn offer_fallback(e: &config::ConfigError, fallback: &str) -> bool {
    use std::io::IsTerminal;
    if !io::stdin().is_terminal() || !io::stderr().is_terminal() {
        return false;
    }
    config::ask_to_continue(&e.to_string(), fallback, &mut io::stdin().lock(), &mut io::stderr())
}

/// Run the TUI until the user quits.
pub async fn run(opts: TuiOptions) -> Result<ExitCode, TuiError> {
    let config = match Config::load(config::default_path().as_deref()) {
        Ok(c) => c,
        Err(e) if offer_fallback(&e, "the default settings") => Config::default(),
        Err(e) => return Err(e.into()),
    };
    let theme_name = opts.theme.clone().unwrap_or_else(|| config.theme.clone());
    let theme = match Theme::load(&theme_name, config::locate().as_deref()) {
        Ok(t) => t,
        Err(e) if offer_fallback(&e, "the dark theme") => Theme::dark(),
        Err(e) => return Err(e.into()),
    };
    let embedded = opts.embedded || !has_kubeconfig(&opts.connect);
    let mut cluster = None;
    let (session, info) = if embedded {
        let (c, conn, mut info) = start_embedded(opts.nodes, opts.runtime).await?;
        if !opts.embedded {
            info.embedded = info.embedded.map(|e| format!("{e} (no kubeconfig found)"));
        }
        cluster = Some(c);
        (Session::from_connection(conn), info)
    } else {
        let s = Session::connect(&opts.connect).await.map_err(|e| TuiError::Connect(e.kubectl_message()))?;
        let info = exec::info_from_kubeconfig(&opts.connect, s.namespace());
        (s, info)
    };
    let (tx, mut rx) = mpsc::channel::<Msg>(runtime::CHANNEL);
    let mut model = Model::new(info, config, theme, opts.readonly, jiff::Timestamp::now());
    let initial = boot(&mut model);
    let mut executor = exec::ClusterExecutor::new(session, tx.clone(), opts.connect.clone());
    // Signals become a quit, so the normal path restores the terminal. The handlers are
    // installed here, before the terminal is taken: installed inside the task, a SIGTERM
    // arriving before the task first ran killed kx with the screen still in raw mode.
    let sig_tx = tx.clone();
    let handlers = {
        use tokio::signal::unix::{SignalKind, signal};
        (signal(SignalKind::terminate()), signal(SignalKind::hangup()), signal(SignalKind::interrupt()))
    };
    let signals = tokio::spawn(async move {
        let (Ok(mut term), Ok(mut hup), Ok(mut int)) = handlers else {
            return;
        };
        tokio::select! {
            _ = term.recv() => {}
            _ = hup.recv() => {}
            _ = int.recv() => {}
        }
        let _ = sig_tx.send(Msg::Signal).await;
    });
    let result = {
        let _guard = TerminalGuard::enter()?;
        let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        terminal.hide_cursor()?;
        let r = runtime::run(&mut terminal, &mut model, initial, &mut CrosstermHost, &mut executor, &mut rx).await;
        let _ = terminal.show_cursor();
        r
    };
    signals.abort();
    drop(executor);
    if let Some(c) = cluster {
        c.stop().await;
    }
    result?;
    Ok(ExitCode::SUCCESS)
}
