//! `pods/exec` over WebSocket with the Kubernetes channel protocols `v5.channel.k8s.io` and
//! `v4.channel.k8s.io`: every binary frame is a channel byte and data (0 stdin, 1 stdout,
//! 2 stderr, 3 status, 4 resize); v5 adds `[255, channel]` to close a channel. The session
//! ends with a `Status` on channel 3, which is how clients learn the exit code.

use axum::extract::FromRequestParts;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::http::request::Parts;
use axum::response::Response;
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};

use super::{ExecExit, ExecInput, ExecOutput, ExecRequest, ExecSession};
use crate::cluster::apiserver::status::ApiError;

pub const V5: &str = "v5.channel.k8s.io";
pub const V4: &str = "v4.channel.k8s.io";

const STDIN: u8 = 0;
const STDOUT: u8 = 1;
const STDERR: u8 = 2;
const STATUS: u8 = 3;
const RESIZE: u8 = 4;
const CLOSE: u8 = 255;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    V4,
    V5,
}

pub struct Negotiated {
    upgrade: WebSocketUpgrade,
    protocol: Protocol,
}

/// Accept the WebSocket upgrade if the client offers a protocol we speak. A plain POST is
/// a SPDY client (or kubectl falling back to one after a refused upgrade): it gets a clear
/// error rather than a half-working stream.
pub async fn negotiate(parts: &mut Parts) -> Result<Negotiated, ApiError> {
    let upgrade = WebSocketUpgrade::from_request_parts(parts, &()).await.map_err(|_| {
        ApiError::BadRequest(format!(
            "exec needs a WebSocket upgrade with {V5} or {V4}; kx's embedded apiserver does not serve exec over SPDY"
        ))
    })?;
    let offered: Vec<String> =
        upgrade.requested_protocols().filter_map(|p| p.to_str().ok()).map(str::to_string).collect();
    let upgrade = upgrade.protocols([V5, V4]);
    let protocol = match upgrade.selected_protocol().and_then(|p| p.to_str().ok()) {
        Some(V5) => Protocol::V5,
        Some(V4) => Protocol::V4,
        _ => {
            return Err(ApiError::BadRequest(format!(
                "none of the offered WebSocket protocols {offered:?} is supported; kx speaks {V5} and {V4}"
            )));
        }
    };
    Ok(Negotiated { upgrade, protocol })
}

/// What a client frame asks for, if anything.
pub fn decode(protocol: Protocol, frame: &[u8]) -> Option<ExecInput> {
    match frame {
        [STDIN, data @ ..] if !data.is_empty() => Some(ExecInput::Stdin(bytes::Bytes::copy_from_slice(data))),
        [RESIZE, data @ ..] => {
            let v: Value = serde_json::from_slice(data).ok()?;
            let dim = |k: &str| v.get(k).and_then(Value::as_u64).map(|n| n.min(u16::MAX as u64) as u16);
            Some(ExecInput::Resize { width: dim("Width")?, height: dim("Height")? })
        }
        [CLOSE, STDIN] if protocol == Protocol::V5 => Some(ExecInput::StdinClose),
        _ => None,
    }
}

pub fn frame(channel: u8, data: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(data.len() + 1);
    v.push(channel);
    v.extend_from_slice(data);
    v
}

/// The `Status` sent on channel 3, as the kubelet's remotecommand server writes it.
pub fn status(exit: &ExecExit, command: &[String]) -> Value {
    match exit {
        ExecExit::Code(0) => json!({"metadata": {}, "status": "Success"}),
        ExecExit::Code(code) => json!({
            "metadata": {},
            "status": "Failure",
            "message": format!(
                "command terminated with non-zero exit code: error executing command [{}], exit code {code}",
                command.join(" ")
            ),
            "reason": "NonZeroExitCode",
            "details": {"causes": [{"reason": "ExitCode", "message": code.to_string()}]},
        }),
        ExecExit::Error(message) => json!({
            "metadata": {},
            "status": "Failure",
            "message": message,
            "reason": "InternalError",
            "details": {"causes": [{"message": message}]},
            "code": 500,
        }),
    }
}

pub fn serve(n: Negotiated, session: ExecSession, req: &ExecRequest) -> Response {
    // The kubelet announces the connection with an empty frame on the lowest channel it
    // writes; some clients wait for it.
    let first = if req.stdout {
        STDOUT
    } else if req.stderr {
        STDERR
    } else {
        STATUS
    };
    let command = req.command.clone();
    let protocol = n.protocol;
    n.upgrade.on_upgrade(move |socket| bridge(socket, protocol, session, first, command))
}

async fn bridge(socket: WebSocket, protocol: Protocol, session: ExecSession, first: u8, command: Vec<String>) {
    let (mut sink, mut stream) = socket.split();
    let ExecSession { input, mut output } = session;
    if sink.send(Message::Binary(vec![first].into())).await.is_err() {
        return;
    }
    let reader = tokio::spawn(async move {
        while let Some(msg) = stream.next().await {
            // The Python client sends text frames for text input; kube-apiserver reads
            // either kind the same way.
            let frame = match &msg {
                Ok(Message::Binary(b)) => b.as_ref(),
                Ok(Message::Text(t)) => t.as_bytes(),
                Ok(Message::Close(_)) | Err(_) => break,
                Ok(_) => continue,
            };
            if let Some(i) = decode(protocol, frame)
                && input.send(i).await.is_err()
            {
                break;
            }
        }
        // Dropping `input` here tells the agent the client is gone.
    });
    while let Some(out) = output.recv().await {
        let (channel, data) = match &out {
            ExecOutput::Stdout(b) => (STDOUT, b.to_vec()),
            ExecOutput::Stderr(b) => (STDERR, b.to_vec()),
            ExecOutput::Exit(exit) => (STATUS, serde_json::to_vec(&status(exit, &command)).unwrap_or_default()),
        };
        if sink.send(Message::Binary(frame(channel, &data).into())).await.is_err() {
            break;
        }
        if matches!(out, ExecOutput::Exit(_)) {
            let _ = sink.send(Message::Close(Some(CloseFrame { code: 1000, reason: "".into() }))).await;
            break;
        }
    }
    reader.abort();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_reads_stdin_resize_and_v5_close() {
        assert_eq!(decode(Protocol::V5, b"\x00hi"), Some(ExecInput::Stdin(bytes::Bytes::from_static(b"hi"))));
        assert_eq!(
            decode(Protocol::V5, b"\x04{\"Width\":80,\"Height\":24}"),
            Some(ExecInput::Resize { width: 80, height: 24 })
        );
        assert_eq!(decode(Protocol::V5, &[255, 0]), Some(ExecInput::StdinClose));
        assert_eq!(decode(Protocol::V4, &[255, 0]), None);
        assert_eq!(decode(Protocol::V5, &[0]), None);
        assert_eq!(decode(Protocol::V5, b"\x04not json"), None);
    }

    #[test]
    fn status_non_zero_exit_carries_the_code() {
        let s = status(&ExecExit::Code(3), &["sh".into(), "-c".into(), "exit 3".into()]);
        assert_eq!(s["reason"], "NonZeroExitCode");
        assert_eq!(s["details"]["causes"][0], json!({"reason": "ExitCode", "message": "3"}));
        assert_eq!(
            s["message"],
            "command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3"
        );
        assert_eq!(status(&ExecExit::Code(0), &[]), json!({"metadata": {}, "status": "Success"}));
        assert_eq!(status(&ExecExit::Error("boom".into()), &[])["reason"], "InternalError");
    }

    #[test]
    fn frame_prefixes_the_channel() {
        assert_eq!(frame(STDOUT, b"x"), vec![1, b'x']);
    }
}
