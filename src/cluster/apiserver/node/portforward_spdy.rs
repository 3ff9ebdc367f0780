//! `pods/portforward` over SPDY/3.1, as kubectl speaks it to the kubelet: tunnelled in
//! WebSocket binary messages (subprotocol `SPDY/3.1+portforward.k8s.io`, kubectl ≥ 1.31) or
//! after a plain `Upgrade: SPDY/3.1` (older kubectl, and newer ones whose tunnel is refused or
//! disabled with `KUBECTL_PORT_FORWARD_WEBSOCKETS=false`). Both run one session over a byte
//! stream.
//!
//! The protocol (kubelet's `portforward/httpstream.go`, client-go's `portforward.go`): one
//! connection carries every forwarded TCP connection. For each, the client opens an `error`
//! stream and then a `data` stream, both with headers `streamType`, `port` and `requestID`;
//! the server replies to every stream it accepts (the client waits for the reply), pairs
//! them by request id, dials the pod's port, copies bytes both ways on the data stream and
//! writes any failure as text on the error stream; it closes the error stream, then the data
//! stream, when the pod's side ends. The session ends when the client closes it, or when the
//! pod is gone (kubectl then reports `lost connection to pod`).

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::{Bytes, BytesMut};
use futures::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;
use tokio::task::{AbortHandle, JoinSet};

use super::spdy::{self, FLAG_FIN, Frame, HeaderDecoder, HeaderEncoder, Headers};
use super::{AgentError, NodeAgent, PodRef, PortDial};
use crate::cluster::apiserver::status::ApiError;

/// The port-forward protocol's name, negotiated in `X-Stream-Protocol-Version`.
pub const PROTOCOL: &str = "portforward.k8s.io";
/// The WebSocket subprotocol of SPDY tunnelled in WebSocket.
pub const TUNNEL_PROTOCOL: &str = "SPDY/3.1+portforward.k8s.io";
const PROTOCOL_HEADER: &str = "x-stream-protocol-version";

/// Bytes read from the pod per data frame.
const CHUNK: usize = 32 * 1024;
/// How long a request may take to open its second stream (the kubelet's default
/// `streamCreationTimeout`).
const PAIR_TIMEOUT: Duration = Duration::from_secs(30);
/// How often the session checks that its pod is still there.
const POD_CHECK: Duration = Duration::from_millis(500);

/// Whether the request asks for a plain SPDY upgrade (`Upgrade: SPDY/3.1`).
pub fn is_spdy_upgrade(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::UPGRADE)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.to_ascii_lowercase().contains("spdy/3.1")))
}

/// Answer a plain SPDY upgrade as the kubelet's `responseUpgrader` does: the client must ask
/// for it properly and offer `portforward.k8s.io`; the 101 echoes the chosen protocol.
pub fn upgrade(parts: &mut Parts, agent: Arc<dyn NodeAgent>, pod: PodRef) -> Result<Response, ApiError> {
    let connection_upgrade = parts
        .headers
        .get_all(header::CONNECTION)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.to_ascii_lowercase().contains("upgrade")));
    if !connection_upgrade {
        return Err(ApiError::BadRequest("unable to upgrade: missing upgrade headers in request".into()));
    }
    let offered: Vec<&str> = parts
        .headers
        .get_all(PROTOCOL_HEADER)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    if !offered.is_empty() && !offered.contains(&PROTOCOL) {
        return Err(ApiError::Forbidden(format!(
            "unable to upgrade: unable to negotiate protocol: client supports {offered:?}, server accepts [\"{PROTOCOL}\"]"
        )));
    }
    let on_upgrade = parts
        .extensions
        .remove::<hyper::upgrade::OnUpgrade>()
        .ok_or_else(|| ApiError::BadRequest("unable to upgrade: this connection cannot be upgraded".into()))?;
    tokio::spawn(async move {
        match on_upgrade.await {
            Ok(upgraded) => serve(hyper_util::rt::TokioIo::new(upgraded), agent, pod).await,
            Err(e) => tracing::debug!("SPDY upgrade failed: {e}"),
        }
    });
    let mut r = StatusCode::SWITCHING_PROTOCOLS.into_response();
    let h = r.headers_mut();
    h.insert(header::CONNECTION, HeaderValue::from_static("Upgrade"));
    h.insert(header::UPGRADE, HeaderValue::from_static("SPDY/3.1"));
    h.insert(PROTOCOL_HEADER, HeaderValue::from_static(PROTOCOL));
    Ok(r)
}

/// Serve SPDY tunnelled in an accepted WebSocket: binary messages carry the byte stream.
pub fn serve_tunnel(upgrade: WebSocketUpgrade, agent: Arc<dyn NodeAgent>, pod: PodRef) -> Response {
    upgrade.on_upgrade(move |socket| async move {
        let (ours, session_side) = tokio::io::duplex(256 * 1024);
        let pump = tokio::spawn(pump_websocket(socket, ours));
        serve(session_side, agent, pod).await;
        let _ = pump.await;
    })
}

/// Copy WebSocket binary messages into `io` and what comes out of `io` into binary
/// messages, until the session's side closes (then close the WebSocket) or the client does
/// (then end `io`'s input).
async fn pump_websocket(socket: WebSocket, io: tokio::io::DuplexStream) {
    let (mut sink, mut stream) = socket.split();
    let (mut from_session, mut to_session) = tokio::io::split(io);
    let inbound = async move {
        while let Some(Ok(msg)) = stream.next().await {
            let data = match msg {
                Message::Binary(b) => b,
                Message::Close(_) => break,
                _ => continue,
            };
            if to_session.write_all(&data).await.is_err() {
                break;
            }
        }
        let _ = to_session.shutdown().await;
    };
    let outbound = async move {
        let mut buf = vec![0u8; CHUNK];
        loop {
            match from_session.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if sink.send(Message::Binary(Bytes::copy_from_slice(&buf[..n]))).await.is_err() {
                        return;
                    }
                }
            }
        }
        let _ = sink.send(Message::Close(Some(CloseFrame { code: 1000, reason: "".into() }))).await;
        let _ = sink.close().await;
    };
    tokio::pin!(inbound, outbound);
    tokio::select! {
        () = &mut outbound => {
            // The session is over; give the client a moment to answer the close.
            let _ = tokio::time::timeout(Duration::from_secs(2), inbound).await;
        }
        () = &mut inbound => outbound.await,
    }
}

/// What a stream is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Error,
    Data,
}

/// A stream's request, as the kubelet reads its headers (`httpStreamReceived`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct StreamRequest {
    kind: Kind,
    port: u16,
    request_id: String,
}

/// Check a new stream's headers; the error is why it is refused.
fn stream_request(stream: u32, headers: &Headers) -> Result<StreamRequest, String> {
    let port = spdy::header(headers, "port").filter(|p| !p.is_empty()).ok_or("\"port\" header is required")?;
    let port: u16 = port.parse().map_err(|e| format!("unable to parse {port:?} as a port: {e}"))?;
    if port == 0 {
        return Err(format!("port \"{port}\" must be > 0"));
    }
    let kind = match spdy::header(headers, "streamtype") {
        None | Some("") => return Err("\"streamType\" header is required".into()),
        Some("error") => Kind::Error,
        Some("data") => Kind::Data,
        Some(other) => return Err(format!("invalid stream type {other:?}")),
    };
    // Clients older than the header: a connection's error stream and data stream have
    // consecutive ids, so the error stream's id names the pair (the kubelet's best effort).
    let request_id = match spdy::header(headers, "requestid") {
        Some(id) if !id.is_empty() => id.to_string(),
        _ => match kind {
            Kind::Error => stream.to_string(),
            Kind::Data => stream.saturating_sub(2).to_string(),
        },
    };
    Ok(StreamRequest { kind, port, request_id })
}

/// A request still waiting for one of its two streams.
struct Pending {
    since: Instant,
    port: u16,
    error: Option<u32>,
    data: Option<(u32, mpsc::Receiver<Bytes>)>,
}

/// An open stream from the client.
struct Open {
    kind: Kind,
    request_id: String,
    /// Where a data stream's bytes go (to the pod); `None` once the client finished it.
    input: Option<mpsc::Sender<Bytes>>,
}

/// One session's state, owned by its read loop.
struct Session {
    agent: Arc<dyn NodeAgent>,
    pod: PodRef,
    out: mpsc::Sender<Frame>,
    streams: HashMap<u32, Open>,
    pending: HashMap<String, Pending>,
    /// Running forwards by data stream id, with their error stream id.
    running: HashMap<u32, (u32, AbortHandle)>,
    forwards: JoinSet<()>,
    last_client_stream: u32,
}

/// Serve a port-forward SPDY session on `io` until the client closes it or the pod is gone.
pub async fn serve<IO>(io: IO, agent: Arc<dyn NodeAgent>, pod: PodRef)
where
    IO: AsyncRead + AsyncWrite + Send + 'static,
{
    let (mut input, output) = tokio::io::split(io);
    let (out, out_rx) = mpsc::channel::<Frame>(64);
    let writer = tokio::spawn(write_frames(output, out_rx));
    let mut s = Session {
        agent,
        pod,
        out,
        streams: HashMap::new(),
        pending: HashMap::new(),
        running: HashMap::new(),
        forwards: JoinSet::new(),
        last_client_stream: 0,
    };
    let mut decoder = HeaderDecoder::default();
    let mut buf = BytesMut::with_capacity(64 * 1024);
    let mut tick = tokio::time::interval(POD_CHECK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    'session: loop {
        tokio::select! {
            read = input.read_buf(&mut buf) => {
                match read {
                    Ok(0) | Err(_) => break 'session,
                    Ok(_) => {}
                }
                loop {
                    match spdy::decode(&mut buf, &mut decoder) {
                        Ok(Some(frame)) => s.handle(frame).await,
                        Ok(None) => break,
                        Err(e) => {
                            tracing::debug!("port-forward SPDY session: {e}");
                            let _ = s.out.send(Frame::GoAway { last_good: s.last_client_stream, status: 1 }).await;
                            break 'session;
                        }
                    }
                }
            }
            _ = tick.tick() => {
                if pod_gone(&*s.agent, &s.pod) {
                    let _ = s.out.send(Frame::GoAway { last_good: s.last_client_stream, status: 0 }).await;
                    break 'session;
                }
                s.expire_pending().await;
            }
            Some(_) = s.forwards.join_next(), if !s.forwards.is_empty() => {}
        }
    }
    s.forwards.abort_all();
    while s.forwards.join_next().await.is_some() {}
    drop(s);
    // The writer sends what is queued, then closes the stream.
    let _ = tokio::time::timeout(Duration::from_secs(5), writer).await;
}

/// The pod this session forwards to no longer exists on its node (or the node agent is gone).
fn pod_gone(agent: &dyn NodeAgent, pod: &PodRef) -> bool {
    matches!(agent.can_port_forward(pod), Err(AgentError::NotFound(_) | AgentError::Internal(_)))
}

async fn write_frames<W: AsyncWrite>(output: W, mut frames: mpsc::Receiver<Frame>) {
    tokio::pin!(output);
    let mut encoder = HeaderEncoder::default();
    let mut buf = BytesMut::with_capacity(64 * 1024);
    while let Some(frame) = frames.recv().await {
        spdy::encode(&frame, &mut encoder, &mut buf);
        // Batch what is already queued into one write.
        while buf.len() < 256 * 1024 {
            match frames.try_recv() {
                Ok(frame) => spdy::encode(&frame, &mut encoder, &mut buf),
                Err(_) => break,
            }
        }
        if output.write_all(&buf).await.is_err() || output.flush().await.is_err() {
            return;
        }
        buf.clear();
    }
    let _ = output.shutdown().await;
}

impl Session {
    /// Act on one frame from the client.
    async fn handle(&mut self, frame: Frame) {
        match frame {
            Frame::SynStream { stream, flags, headers, .. } => {
                self.last_client_stream = self.last_client_stream.max(stream);
                self.open(stream, flags, &headers).await;
            }
            Frame::Data { stream, flags, data } => self.data(stream, flags, data).await,
            Frame::RstStream { stream, .. } => self.reset(stream).await,
            // kubectl pings to keep the connection alive; the answer is the same frame.
            Frame::Ping { id } => {
                let _ = self.out.send(Frame::Ping { id }).await;
            }
            // The client is closing: it stops opening streams and will close the connection.
            Frame::GoAway { .. } => {}
            // No flow control to honour (spdystream sends no WINDOW_UPDATE and ignores
            // ours), no settings that matter, no replies or headers expected.
            Frame::Settings { .. }
            | Frame::WindowUpdate { .. }
            | Frame::Headers { .. }
            | Frame::SynReply { .. }
            | Frame::Unknown { .. } => {}
        }
    }

    async fn open(&mut self, stream: u32, flags: u8, headers: &Headers) {
        let req = match stream_request(stream, headers) {
            Ok(r) => r,
            Err(why) => {
                tracing::debug!("port-forward stream {stream} refused: {why}");
                let _ = self.out.send(Frame::RstStream { stream, status: spdy::RST_CANCEL }).await;
                return;
            }
        };
        let pending = self.pending.entry(req.request_id.clone()).or_insert_with(|| Pending {
            since: Instant::now(),
            port: req.port,
            error: None,
            data: None,
        });
        let taken = match req.kind {
            Kind::Error => pending.error.is_some(),
            Kind::Data => pending.data.is_some(),
        };
        if taken || pending.port != req.port {
            let _ = self.out.send(Frame::RstStream { stream, status: spdy::RST_PROTOCOL_ERROR }).await;
            return;
        }
        // The client waits for this before it writes.
        let _ = self.out.send(Frame::SynReply { stream, flags: 0, headers: Vec::new() }).await;
        let mut open = Open { kind: req.kind, request_id: req.request_id.clone(), input: None };
        match req.kind {
            Kind::Error => pending.error = Some(stream),
            Kind::Data => {
                let (tx, rx) = mpsc::channel(16);
                if flags & FLAG_FIN == 0 {
                    open.input = Some(tx);
                }
                pending.data = Some((stream, rx));
            }
        }
        self.streams.insert(stream, open);
        if pending.error.is_some() && pending.data.is_some() {
            let Some(p) = self.pending.remove(&req.request_id) else { return };
            let (Some(error), Some((data, input))) = (p.error, p.data) else { return };
            let dial = self.agent.port_forward(&self.pod, p.port);
            let out = self.out.clone();
            let uid = self.pod.uid.clone();
            let handle = self.forwards.spawn(forward(dial, input, out, data, error, p.port, uid));
            self.running.insert(data, (error, handle));
        }
    }

    async fn data(&mut self, stream: u32, flags: u8, data: Bytes) {
        let Some(open) = self.streams.get_mut(&stream) else { return };
        if open.kind == Kind::Data
            && !data.is_empty()
            && let Some(input) = &open.input
        {
            let paired = !self.pending.contains_key(&open.request_id);
            let delivered = if paired {
                // Waiting here is the backpressure: a pod slow to read slows the client.
                input.send(data).await.is_ok()
            } else {
                // Not forwarding yet: queue a little, but never wait on a pair that may
                // never complete.
                input.try_send(data).is_ok()
            };
            if !delivered {
                // The pod's side is gone; what the client sends now has nowhere to go.
                open.input = None;
            }
        }
        if flags & FLAG_FIN != 0 {
            // The client is done sending: the pod's side gets a half-close.
            open.input = None;
        }
    }

    /// The client abandoned a stream (kubectl resets the data stream once the pod's side
    /// has ended, or when its local connection failed).
    async fn reset(&mut self, stream: u32) {
        let Some(open) = self.streams.remove(&stream) else { return };
        if let Some(p) = self.pending.remove(&open.request_id) {
            for other in [p.error, p.data.map(|(d, _)| d)].into_iter().flatten() {
                if other != stream {
                    self.streams.remove(&other);
                    let _ = self.out.send(Frame::RstStream { stream: other, status: spdy::RST_CANCEL }).await;
                }
            }
            return;
        }
        if let Some((error, handle)) = self.running.remove(&stream) {
            if !handle.is_finished() {
                handle.abort();
                // The client still reads the error stream to its end.
                let _ = self.out.send(fin(error)).await;
            }
            self.streams.remove(&error);
        }
    }

    /// Requests whose second stream never came: refuse what was opened, as the kubelet's
    /// `monitorStreamPair` does after its timeout.
    async fn expire_pending(&mut self) {
        let expired: Vec<String> =
            self.pending.iter().filter(|(_, p)| p.since.elapsed() > PAIR_TIMEOUT).map(|(id, _)| id.clone()).collect();
        for id in expired {
            let Some(p) = self.pending.remove(&id) else { continue };
            if let Some(error) = p.error {
                let msg = format!("timed out waiting for streams of request {id}");
                let _ = self.out.send(Frame::Data { stream: error, flags: 0, data: msg.into() }).await;
                let _ = self.out.send(fin(error)).await;
                self.streams.remove(&error);
            }
            if let Some((data, _)) = p.data {
                let _ = self.out.send(Frame::RstStream { stream: data, status: spdy::RST_CANCEL }).await;
                self.streams.remove(&data);
            }
        }
        // Forget the streams of forwards that have ended.
        let ended: Vec<u32> = self.running.iter().filter(|(_, (_, h))| h.is_finished()).map(|(d, _)| *d).collect();
        for data in ended {
            if let Some((error, _)) = self.running.remove(&data) {
                self.streams.remove(&data);
                self.streams.remove(&error);
            }
        }
    }
}

fn fin(stream: u32) -> Frame {
    Frame::Data { stream, flags: FLAG_FIN, data: Bytes::new() }
}

/// One forwarded connection: dial, copy both ways until the pod's side ends, report a
/// failure on the error stream, then close the error stream and the data stream.
async fn forward(
    dial: PortDial,
    mut input: mpsc::Receiver<Bytes>,
    out: mpsc::Sender<Frame>,
    data: u32,
    error: u32,
    port: u16,
    pod_uid: String,
) {
    let failure = match dial.await {
        Err(cause) => Some(cause),
        Ok(conn) => {
            let (mut from_pod, mut to_pod) = tokio::io::split(conn);
            let write = async move {
                while let Some(chunk) = input.recv().await {
                    if to_pod.write_all(&chunk).await.is_err() {
                        break;
                    }
                }
                // The client is done sending (or the pod stopped reading): half-close.
                let _ = to_pod.shutdown().await;
                // Keep `to_pod` alive: dropping the write half must not end the read.
                std::future::pending::<()>().await;
            };
            let read = async {
                let mut buf = vec![0u8; CHUNK];
                loop {
                    match from_pod.read(&mut buf).await {
                        Ok(0) => return None,
                        Ok(n) => {
                            let frame = Frame::Data { stream: data, flags: 0, data: Bytes::copy_from_slice(&buf[..n]) };
                            if out.send(frame).await.is_err() {
                                return None;
                            }
                        }
                        Err(e) => return Some(format!("read: {}", super::go_error_text(&e))),
                    }
                }
            };
            tokio::select! {
                r = read => r,
                () = write => None,
            }
        }
    };
    if let Some(cause) = failure {
        let text = super::portforward::port_error(port, &pod_uid, &cause);
        let _ = out.send(Frame::Data { stream: error, flags: 0, data: text.into() }).await;
    }
    let _ = out.send(fin(error)).await;
    let _ = out.send(fin(data)).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(&str, &str)]) -> Headers {
        pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
    }

    #[test]
    fn stream_request_reads_kubectls_headers() {
        let r = stream_request(3, &h(&[("streamtype", "data"), ("port", "8080"), ("requestid", "0")])).expect("valid");
        assert_eq!(r, StreamRequest { kind: Kind::Data, port: 8080, request_id: "0".into() });
    }

    #[test]
    fn stream_request_without_request_id_pairs_by_stream_id() {
        let e = stream_request(5, &h(&[("streamtype", "error"), ("port", "80")])).expect("valid");
        let d = stream_request(7, &h(&[("streamtype", "data"), ("port", "80")])).expect("valid");
        assert_eq!((e.request_id.as_str(), d.request_id.as_str()), ("5", "5"));
    }

    #[test]
    fn stream_request_refuses_like_the_kubelet() {
        let err = |p: &[(&str, &str)]| stream_request(1, &h(p)).expect_err("refused");
        assert_eq!(err(&[("streamtype", "data")]), "\"port\" header is required");
        assert!(err(&[("streamtype", "data"), ("port", "http")]).starts_with("unable to parse \"http\" as a port"));
        assert_eq!(err(&[("streamtype", "data"), ("port", "0")]), "port \"0\" must be > 0");
        assert_eq!(err(&[("port", "80")]), "\"streamType\" header is required");
        assert_eq!(err(&[("streamtype", "stdin"), ("port", "80")]), "invalid stream type \"stdin\"");
    }

    /// A kubelet whose pod echoes on every port but 1, which refuses.
    struct EchoAgent {
        gone: std::sync::atomic::AtomicBool,
    }

    impl NodeAgent for EchoAgent {
        fn logs(
            &self,
            _: &super::super::PodTarget,
            _: &super::super::LogOptions,
        ) -> Result<super::super::LogStream, AgentError> {
            Err(AgentError::Internal("no logs here".into()))
        }
        fn can_exec(&self, _: &super::super::PodTarget) -> Result<(), AgentError> {
            Err(AgentError::Internal("no exec here".into()))
        }
        fn exec(
            &self,
            _: &super::super::PodTarget,
            _: &super::super::ExecRequest,
        ) -> Result<super::super::ExecSession, AgentError> {
            Err(AgentError::Internal("no exec here".into()))
        }
        fn can_port_forward(&self, pod: &PodRef) -> Result<(), AgentError> {
            if self.gone.load(std::sync::atomic::Ordering::SeqCst) {
                return Err(AgentError::NotFound(format!("pod not found (\"{}\")", pod.name)));
            }
            Ok(())
        }
        fn port_forward(&self, _: &PodRef, port: u16) -> PortDial {
            Box::pin(async move {
                if port == 1 {
                    return Err("dial tcp4 127.0.0.1:1: connect: connection refused".to_string());
                }
                let (ours, theirs) = tokio::io::duplex(64 * 1024);
                tokio::spawn(async move {
                    let (mut r, mut w) = tokio::io::split(theirs);
                    let _ = tokio::io::copy(&mut r, &mut w).await;
                    let _ = w.shutdown().await;
                });
                Ok(Box::new(ours) as Box<dyn super::super::PortConnection>)
            })
        }
    }

    /// kubectl's side of a session, in frames.
    struct Client {
        io: tokio::io::DuplexStream,
        enc: HeaderEncoder,
        dec: HeaderDecoder,
        buf: BytesMut,
    }

    impl Client {
        fn start(agent: Arc<EchoAgent>) -> Client {
            let (io, server) = tokio::io::duplex(1 << 20);
            let pod = PodRef { namespace: "default".into(), name: "p".into(), uid: "uid-1".into() };
            tokio::spawn(serve(server, agent, pod));
            Client { io, enc: HeaderEncoder::default(), dec: HeaderDecoder::default(), buf: BytesMut::new() }
        }

        async fn send(&mut self, frames: &[Frame]) {
            let mut out = BytesMut::new();
            for f in frames {
                spdy::encode(f, &mut self.enc, &mut out);
            }
            self.io.write_all(&out).await.expect("write");
        }

        /// The next frame, or `None` at the end of the connection.
        async fn next(&mut self) -> Option<Frame> {
            tokio::time::timeout(Duration::from_secs(5), async {
                loop {
                    if let Some(f) = spdy::decode(&mut self.buf, &mut self.dec).expect("valid frames") {
                        return Some(f);
                    }
                    if self.io.read_buf(&mut self.buf).await.ok()? == 0 {
                        return None;
                    }
                }
            })
            .await
            .expect("a frame in time")
        }

        /// Open a connection's error and data streams as kubectl does.
        async fn open(&mut self, error: u32, port: u16, request: &str) {
            let headers = |kind: &str| h(&[("streamtype", kind), ("port", &port.to_string()), ("requestid", request)]);
            self.send(&[
                Frame::SynStream { stream: error, associated: 0, priority: 0, flags: 0, headers: headers("error") },
                fin(error),
                Frame::SynStream { stream: error + 2, associated: 0, priority: 0, flags: 0, headers: headers("data") },
            ])
            .await;
        }
    }

    fn agent() -> Arc<EchoAgent> {
        Arc::new(EchoAgent { gone: false.into() })
    }

    fn reply(stream: u32) -> Frame {
        Frame::SynReply { stream, flags: 0, headers: Vec::new() }
    }

    #[tokio::test]
    async fn session_replies_pairs_echoes_and_closes_in_kubelet_order() {
        let mut c = Client::start(agent());
        c.open(1, 8080, "0").await;
        c.send(&[Frame::Ping { id: 1 }]).await;
        assert_eq!(c.next().await, Some(reply(1)));
        assert_eq!(c.next().await, Some(reply(3)));
        assert_eq!(c.next().await, Some(Frame::Ping { id: 1 }), "pings are echoed");
        c.send(&[Frame::Data { stream: 3, flags: 0, data: Bytes::from_static(b"hello") }]).await;
        assert_eq!(c.next().await, Some(Frame::Data { stream: 3, flags: 0, data: Bytes::from_static(b"hello") }));
        // The client's FIN half-closes the pod's side; the pod ends, so the server closes
        // the error stream, then the data stream.
        c.send(&[fin(3)]).await;
        assert_eq!(c.next().await, Some(fin(1)));
        assert_eq!(c.next().await, Some(fin(3)));
        // The session goes on: a second connection works the same.
        c.open(5, 8080, "1").await;
        assert_eq!(c.next().await, Some(reply(5)));
        assert_eq!(c.next().await, Some(reply(7)));
    }

    #[tokio::test]
    async fn session_reports_a_refused_port_on_the_error_stream() {
        let mut c = Client::start(agent());
        c.open(1, 1, "0").await;
        assert_eq!(c.next().await, Some(reply(1)));
        assert_eq!(c.next().await, Some(reply(3)));
        let text = "error forwarding port 1 to pod uid-1, uid : dial tcp4 127.0.0.1:1: connect: connection refused";
        assert_eq!(c.next().await, Some(Frame::Data { stream: 1, flags: 0, data: Bytes::from(text) }));
        assert_eq!(c.next().await, Some(fin(1)));
        assert_eq!(c.next().await, Some(fin(3)));
    }

    #[tokio::test]
    async fn session_refuses_streams_without_a_port() {
        let mut c = Client::start(agent());
        let headers = h(&[("streamtype", "data"), ("requestid", "0")]);
        c.send(&[Frame::SynStream { stream: 1, associated: 0, priority: 0, flags: 0, headers }]).await;
        assert_eq!(c.next().await, Some(Frame::RstStream { stream: 1, status: spdy::RST_CANCEL }));
    }

    #[tokio::test]
    async fn session_goes_away_when_the_pod_does() {
        let agent = agent();
        let mut c = Client::start(agent.clone());
        c.open(1, 8080, "0").await;
        assert_eq!(c.next().await, Some(reply(1)));
        assert_eq!(c.next().await, Some(reply(3)));
        agent.gone.store(true, std::sync::atomic::Ordering::SeqCst);
        assert_eq!(c.next().await, Some(Frame::GoAway { last_good: 3, status: 0 }));
        assert_eq!(c.next().await, None, "then the connection ends");
    }

    #[test]
    fn spdy_upgrade_is_recognised_case_insensitively() {
        let mut m = HeaderMap::new();
        assert!(!is_spdy_upgrade(&m));
        m.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
        assert!(!is_spdy_upgrade(&m));
        m.insert(header::UPGRADE, HeaderValue::from_static("SPDY/3.1"));
        assert!(is_spdy_upgrade(&m));
    }
}
