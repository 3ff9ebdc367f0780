//! `kx port-forward`: kubectl's port-forward. Prints `Forwarding from …` per bound address
//! and `Handling connection for …` per connection; ends quietly on Ctrl-C or SIGTERM, and
//! with `error: lost connection to pod` when the pod goes away or a connection fails.

use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use tokio::sync::mpsc;

use crate::client::config::parse_timeout;
use crate::client::portforward::{self, ForwardEnd, ForwardEvent, ForwardOptions, ForwardRequest};
use crate::client::{ClientError, Session};

#[derive(Args, Debug)]
pub struct PortForwardArgs {
    /// TYPE/NAME (or POD), then one or more [LOCAL_PORT:]REMOTE_PORT (`:REMOTE_PORT` picks a
    /// free local port; REMOTE_PORT may name a container or service port).
    #[arg(value_name = "TYPE/NAME [LOCAL_PORT:]REMOTE_PORT")]
    args: Vec<String>,
    /// Addresses to listen on (comma separated): IP addresses or localhost, which binds
    /// 127.0.0.1 and ::1 and fails only if neither can be bound.
    #[arg(long, value_delimiter = ',', default_value = "localhost")]
    address: Vec<String>,
    /// How long to wait for a workload's or service's pod to be running (e.g. 5s, 2m).
    #[arg(long, value_parser = parse_timeout, default_value = "1m0s")]
    pod_running_timeout: Duration,
}

const USAGE_HINT: &str = "See 'kx port-forward -h' for help and examples";

pub async fn run(session: &Session, a: PortForwardArgs) -> Result<ExitCode, ClientError> {
    let [target, ports @ ..] = a.args.as_slice() else {
        return Err(ClientError::Usage(format!(
            "TYPE/NAME and list of ports are required for port-forward\n{USAGE_HINT}"
        )));
    };
    if ports.is_empty() {
        return Err(ClientError::Usage(format!(
            "TYPE/NAME and list of ports are required for port-forward\n{USAGE_HINT}"
        )));
    }
    if a.pod_running_timeout.is_zero() {
        return Err(ClientError::Usage("--pod-running-timeout must be higher than zero".into()));
    }
    let req = ForwardRequest {
        target: target.clone(),
        ports: ports.to_vec(),
        addresses: a.address,
        pod_running_timeout: a.pod_running_timeout,
    };
    let namespace = session.namespace().to_string();
    let mut plan = portforward::plan(session, &namespace, &req).await?;
    let bound = portforward::bind(&mut plan).await;
    for w in &bound.warnings {
        eprintln!("{w}");
    }
    for (addr, remote) in &bound.listening {
        println!("Forwarding from {addr} -> {remote}");
    }
    let (tx, mut events) = mpsc::unbounded_channel();
    let forward = portforward::start(session, plan, bound, ForwardOptions { stop_on_error: true }, tx).await?;
    let stopper = forward.stopper();
    tokio::spawn(async move {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut hup)) = (signal(SignalKind::terminate()), signal(SignalKind::hangup())) else {
            let _ = tokio::signal::ctrl_c().await;
            stopper.stop();
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
            _ = hup.recv() => {}
        }
        stopper.stop();
    });
    let mut end = std::pin::pin!(forward.wait());
    let end = loop {
        tokio::select! {
            Some(ev) = events.recv() => print_event(&ev),
            end = &mut end => break end,
        }
    };
    while let Ok(ev) = events.try_recv() {
        print_event(&ev);
    }
    match end {
        ForwardEnd::Stopped => Ok(ExitCode::SUCCESS),
        ForwardEnd::LostConnection => Err(ClientError::Other("lost connection to pod".into())),
    }
}

fn print_event(ev: &ForwardEvent) {
    match ev {
        ForwardEvent::Connection { local, .. } => println!("Handling connection for {local}"),
        ForwardEvent::Error { local, remote, message } => {
            eprintln!("an error occurred forwarding {local} -> {remote}: {message}");
        }
        ForwardEvent::Closed { .. } => {}
    }
}
