//! One TUI port forward as a task: the client layer's plan, bind and start (what `kx
//! port-forward` runs), its events turned into messages, stopped when its stop signal
//! fires or is dropped. A failed connection is reported and the forward goes on, since the
//! list shows it; kubectl's CLI ends instead.

use std::sync::Arc;

use tokio::sync::{mpsc, oneshot};

use super::Event;
use crate::client::portforward::{self, ForwardEnd, ForwardEvent, ForwardOptions, ForwardRequest};
use crate::client::{ClientError, Session};
use crate::tui::msg::{Id, Msg};

pub async fn forward(
    session: Arc<Session>,
    id: Id,
    namespace: String,
    target: String,
    request: ForwardRequest,
    mut stop: oneshot::Receiver<()>,
    tx: mpsc::Sender<Msg>,
) {
    let send = |event: Event| {
        let tx = tx.clone();
        let target = target.clone();
        async move {
            let _ = tx.send(Msg::PortForward { id, target, event }).await;
        }
    };
    let mut plan = match portforward::plan(&session, &namespace, &request).await {
        Ok(p) => p,
        Err(e) => return send(Event::Failed(message(&e))).await,
    };
    let bound = portforward::bind(&mut plan).await;
    let warnings = bound.warnings.clone();
    let mut listening: Vec<String> = Vec::new();
    for (addr, _) in &bound.listening {
        let ip = addr.ip().to_string();
        if !listening.contains(&ip) {
            listening.push(ip);
        }
    }
    let (etx, mut events) = mpsc::unbounded_channel();
    let fwd = match portforward::start(&session, plan, bound, ForwardOptions { stop_on_error: false }, etx).await {
        Ok(f) => f,
        Err(e) => {
            let mut text = warnings.join("; ");
            if !text.is_empty() {
                text.push_str("; ");
            }
            text.push_str(&message(&e));
            return send(Event::Failed(text)).await;
        }
    };
    send(Event::Started {
        namespace: fwd.namespace.clone(),
        pod: fwd.pod.clone(),
        container: fwd.container.clone(),
        ports: fwd.ports_text(),
        listening,
        warnings,
    })
    .await;
    let stopper = fwd.stopper();
    let mut end = std::pin::pin!(fwd.wait());
    let mut stopping = false;
    let end = loop {
        tokio::select! {
            Some(ev) = events.recv() => match ev {
                ForwardEvent::Connection { active, .. } | ForwardEvent::Closed { active, .. } => {
                    send(Event::Connections(active)).await;
                }
                ForwardEvent::Error { local, remote, message } => {
                    send(Event::Error(format!("an error occurred forwarding {local} -> {remote}: {message}"))).await;
                }
            },
            // Asked to stop, or the executor (and with it the TUI) is gone.
            _ = &mut stop, if !stopping => {
                stopping = true;
                stopper.stop();
            }
            end = &mut end => break end,
        }
    };
    let why = match end {
        ForwardEnd::Stopped => "stopped",
        ForwardEnd::LostConnection => "lost connection to pod",
    };
    send(Event::Ended(why.into())).await;
}

fn message(e: &ClientError) -> String {
    let m = e.kubectl_message();
    m.strip_prefix("error: ").map(str::to_string).unwrap_or(m)
}
