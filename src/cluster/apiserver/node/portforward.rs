//! `pods/portforward` over WebSocket, as the kubelet's streaming server speaks it
//! (`v4.channel.k8s.io`, or no subprotocol at all): port `i` of the request gets data
//! channel `2i` and error channel `2i+1`; the first frame on each carries the port as two
//! little-endian bytes. One connection to the pod per port; the session ends when every
//! port's connection has ended or the client closes. kubectl's SPDY tunnelled in WebSocket
//! (`SPDY/3.1+portforward.k8s.io`) is negotiated here too and served by `portforward_spdy`.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::http::request::Parts;
use axum::response::Response;
use bytes::Bytes;
use futures::stream::{SplitStream, StreamExt};
use futures::{SinkExt, future};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use super::portforward_spdy::TUNNEL_PROTOCOL;
use super::{NodeAgent, PodRef, PortDial};
use crate::cluster::apiserver::status::ApiError;

pub const V4: &str = "v4.channel.k8s.io";

/// Bytes read from the pod per frame.
const CHUNK: usize = 32 * 1024;

/// How long a closed session's ports may take to pass their last input to the pod.
const DRAIN: std::time::Duration = std::time::Duration::from_secs(5);

/// An accepted upgrade, not yet answered.
pub struct Negotiated {
    upgrade: WebSocketUpgrade,
    /// The client chose SPDY tunnelled in WebSocket rather than the channel protocol.
    pub tunnel: bool,
}

/// Accept the upgrade when the client offers `v4.channel.k8s.io`, SPDY tunnelled in
/// WebSocket, or no subprotocol (the kubelet takes it as v4); refuse anything else, with
/// the reason, while it is still HTTP.
pub async fn negotiate(parts: &mut Parts) -> Result<Negotiated, ApiError> {
    let upgrade = WebSocketUpgrade::from_request_parts(parts, &()).await.map_err(|_| {
        ApiError::BadRequest(format!(
            "port forwarding needs a WebSocket upgrade ({V4} or {TUNNEL_PROTOCOL}) or an upgrade to SPDY/3.1"
        ))
    })?;
    let offered: Vec<String> =
        upgrade.requested_protocols().filter_map(|p| p.to_str().ok()).map(str::to_string).collect();
    if offered.is_empty() {
        return Ok(Negotiated { upgrade, tunnel: false });
    }
    let upgrade = upgrade.protocols([V4, TUNNEL_PROTOCOL]);
    let tunnel = match upgrade.selected_protocol().map(|p| p.as_bytes()) {
        Some(p) if p == TUNNEL_PROTOCOL.as_bytes() => true,
        Some(_) => false,
        None => {
            return Err(ApiError::BadRequest(format!(
                "none of the offered WebSocket protocols {offered:?} is supported for port forwarding; kx speaks {V4} and {TUNNEL_PROTOCOL}"
            )));
        }
    };
    Ok(Negotiated { upgrade, tunnel })
}

/// Serve SPDY tunnelled in the negotiated WebSocket.
pub fn serve_tunnel(n: Negotiated, agent: Arc<dyn NodeAgent>, pod: PodRef) -> Response {
    super::portforward_spdy::serve_tunnel(n.upgrade, agent, pod)
}

/// The first frame of a channel: its port, little-endian.
pub fn announce(channel: u8, port: u16) -> Vec<u8> {
    let [lo, hi] = port.to_le_bytes();
    vec![channel, lo, hi]
}

pub fn frame(channel: u8, data: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(data.len() + 1);
    v.push(channel);
    v.extend_from_slice(data);
    v
}

/// Where a client frame goes: the index of the port whose data channel it is on, and the
/// data. Frames on error channels (the server writes those) and empty frames go nowhere.
pub fn route(frame: &[u8], ports: usize) -> Option<(usize, &[u8])> {
    let (&channel, data) = frame.split_first()?;
    let index = usize::from(channel / 2);
    (channel % 2 == 0 && index < ports && !data.is_empty()).then_some((index, data))
}

/// The kubelet's message for a port that failed (`websocketStreamHandler.portForward`).
/// CRI runtimes name the pod by its sandbox and leave the uid empty; kx has no sandboxes,
/// so the pod's uid stands in.
pub fn port_error(port: u16, pod_uid: &str, cause: &str) -> String {
    format!("error forwarding port {port} to pod {pod_uid}, uid : {cause}")
}

pub fn serve(n: Negotiated, agent: Arc<dyn NodeAgent>, pod: PodRef, ports: Vec<u16>) -> Response {
    n.upgrade.on_upgrade(move |socket| bridge(socket, agent, pod, ports))
}

async fn bridge(socket: WebSocket, agent: Arc<dyn NodeAgent>, pod: PodRef, ports: Vec<u16>) {
    let (mut sink, stream) = socket.split();
    for (i, &port) in ports.iter().enumerate() {
        let data = (2 * i) as u8;
        for channel in [data, data + 1] {
            if sink.send(Message::Binary(announce(channel, port).into())).await.is_err() {
                return;
            }
        }
    }
    let (out_tx, mut out_rx) = mpsc::channel::<Vec<u8>>(16);
    let mut pairs = JoinSet::new();
    let mut inputs = Vec::with_capacity(ports.len());
    for (i, &port) in ports.iter().enumerate() {
        let (in_tx, in_rx) = mpsc::channel::<Bytes>(16);
        inputs.push(in_tx);
        let dial = agent.port_forward(&pod, port);
        pairs.spawn(forward_port(dial, in_rx, out_tx.clone(), (2 * i) as u8, port, pod.uid.clone()));
    }
    drop(out_tx);
    // Reading the client runs apart from writing to it: a port whose pod side is slow to
    // take input must not hold up another port's output.
    let mut reader = tokio::spawn(read_client(stream, inputs));
    let client_closed = loop {
        tokio::select! {
            out = out_rx.recv() => match out {
                Some(f) => {
                    if sink.send(Message::Binary(f.into())).await.is_err() {
                        break false;
                    }
                }
                // Every port's connection has ended.
                None => break false,
            },
            // The client closed the session or went away.
            _ = &mut reader => break true,
        }
    };
    if client_closed {
        // Nothing more can reach the client, but what it sent before closing should reach
        // the pod: the ports' inputs are closed (the reader is gone), so each connection
        // writes what is queued and half-closes.
        drop(out_rx);
        // Answer the client's close now rather than after draining.
        let _ = sink.flush().await;
        let drained = async { while pairs.join_next().await.is_some() {} };
        let _ = tokio::time::timeout(DRAIN, drained).await;
    } else {
        let _ = sink.send(Message::Close(Some(CloseFrame { code: 1000, reason: "".into() }))).await;
    }
    pairs.abort_all();
    reader.abort();
    // Completes the closing handshake (flushes the reply to a client's close) before the
    // connection is dropped.
    let _ = sink.close().await;
}

async fn read_client(mut stream: SplitStream<WebSocket>, inputs: Vec<mpsc::Sender<Bytes>>) {
    while let Some(msg) = stream.next().await {
        let frame = match &msg {
            Ok(Message::Binary(b)) => b.as_ref(),
            Ok(Message::Close(_)) | Err(_) => break,
            Ok(_) => continue,
        };
        if let Some((index, data)) = route(frame, inputs.len()) {
            // A port whose connection has ended drops its input; late data is discarded.
            let _ = inputs[index].send(Bytes::copy_from_slice(data)).await;
        }
    }
}

/// One port: connect, then copy both ways until the pod's side ends (as the kubelet waits
/// for the copy from the pod). Errors go on the port's error channel.
async fn forward_port(
    dial: PortDial,
    mut input: mpsc::Receiver<Bytes>,
    out: mpsc::Sender<Vec<u8>>,
    data: u8,
    port: u16,
    pod_uid: String,
) {
    let error = data + 1;
    let conn = match dial.await {
        Ok(c) => c,
        Err(cause) => {
            let _ = out.send(frame(error, port_error(port, &pod_uid, &cause).as_bytes())).await;
            return;
        }
    };
    let (mut from_pod, mut to_pod) = tokio::io::split(conn);
    let write = async move {
        while let Some(chunk) = input.recv().await {
            if to_pod.write_all(&chunk).await.is_err() {
                return;
            }
        }
        // The client is done sending: pass the end on, as a half-close.
        let _ = to_pod.shutdown().await;
        future::pending::<()>().await;
    };
    let read = async {
        let mut buf = vec![0u8; CHUNK];
        loop {
            match from_pod.read(&mut buf).await {
                Ok(0) => return Ok(()),
                Ok(n) => {
                    if out.send(frame(data, &buf[..n])).await.is_err() {
                        return Ok(());
                    }
                }
                Err(e) => return Err(e),
            }
        }
    };
    let result = tokio::select! {
        r = read => r,
        () = write => Ok(()),
    };
    if let Err(e) = result {
        let cause = format!("read: {}", go_error_text(&e));
        let _ = out.send(frame(error, port_error(port, &pod_uid, &cause).as_bytes())).await;
    }
}

/// An I/O error as Go's syscall errors read (`connection refused`), which is what people
/// search for; Rust adds the capitalisation and ` (os error N)`.
pub fn go_error_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = match text.find(" (os error") {
        Some(i) => &text[..i],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announce_carries_the_port_little_endian() {
        assert_eq!(announce(0, 8080), vec![0, 0x90, 0x1f]);
        assert_eq!(announce(3, 80), vec![3, 80, 0]);
    }

    #[test]
    fn route_sends_data_channels_to_their_port() {
        assert_eq!(route(&[0, b'a'], 1), Some((0, &b"a"[..])));
        assert_eq!(route(&[2, b'b', b'c'], 2), Some((1, &b"bc"[..])));
        assert_eq!(route(&[1, b'x'], 2), None, "error channels are the server's");
        assert_eq!(route(&[4, b'x'], 2), None, "no third port");
        assert_eq!(route(&[0], 1), None);
        assert_eq!(route(&[], 1), None);
    }

    #[test]
    fn port_error_reads_like_the_kubelet() {
        assert_eq!(
            port_error(8080, "u-1", "dial tcp4 127.0.0.1:8080: connect: connection refused"),
            "error forwarding port 8080 to pod u-1, uid : dial tcp4 127.0.0.1:8080: connect: connection refused"
        );
    }

    #[test]
    fn go_error_text_drops_rust_decoration() {
        let e = std::io::Error::from_raw_os_error(libc::ECONNREFUSED);
        assert_eq!(go_error_text(&e), "connection refused");
    }
}
