//! Container logs (`pods/log`), streamed line by line, with kubectl's options: follow, tail,
//! since, timestamps, previous, container. Used by `kx logs` and the TUI's log view.

use bytes::BytesMut;
use http_body_util::BodyExt;
use tokio::sync::mpsc;

use super::rest::{self, RestError};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct LogOptions {
    pub container: Option<String>,
    pub follow: bool,
    pub previous: bool,
    pub tail_lines: Option<i64>,
    pub since_seconds: Option<i64>,
    pub timestamps: bool,
    pub limit_bytes: Option<i64>,
}

/// The `pods/log` URL for these options.
pub fn path(namespace: &str, pod: &str, opts: &LogOptions) -> String {
    let mut q: Vec<(&str, String)> = Vec::new();
    if let Some(c) = &opts.container {
        q.push(("container", c.clone()));
    }
    if opts.follow {
        q.push(("follow", "true".into()));
    }
    if opts.previous {
        q.push(("previous", "true".into()));
    }
    if let Some(t) = opts.tail_lines {
        q.push(("tailLines", t.to_string()));
    }
    if let Some(s) = opts.since_seconds {
        q.push(("sinceSeconds", s.to_string()));
    }
    if opts.timestamps {
        q.push(("timestamps", "true".into()));
    }
    if let Some(l) = opts.limit_bytes {
        q.push(("limitBytes", l.to_string()));
    }
    let pairs: Vec<(&str, &str)> = q.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let qs = rest::query(&pairs);
    let base = format!("/api/v1/namespaces/{namespace}/pods/{pod}/log");
    if qs.is_empty() { base } else { format!("{base}?{qs}") }
}

/// Stream the log into `tx`, one line (without its newline) at a time, until it ends or the
/// receiver is dropped. Errors before the first byte are the server's (`previous terminated
/// container "x" in pod "y" not found`).
pub async fn stream(
    client: &kube::Client,
    namespace: &str,
    pod: &str,
    opts: &LogOptions,
    tx: mpsc::Sender<String>,
) -> Result<(), RestError> {
    let req = http::Request::get(path(namespace, pod, opts)).body(Vec::new()).expect("valid request");
    let resp = client.send(req.map(kube::client::Body::from)).await.map_err(|e| RestError::Transport(e.to_string()))?;
    let code = resp.status().as_u16();
    if !(200..300).contains(&code) {
        let body = resp.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
        let status = serde_json::from_slice(&body).unwrap_or_else(
            |_| serde_json::json!({"kind": "Status", "message": String::from_utf8_lossy(&body), "code": code}),
        );
        return Err(RestError::Status { code, status });
    }
    let mut body = resp.into_body();
    let mut buf = BytesMut::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| RestError::Transport(e.to_string()))?;
        let Ok(data) = frame.into_data() else { continue };
        buf.extend_from_slice(&data);
        while let Some(pos) = buf.iter().position(|&b| b == b'\n') {
            let line = buf.split_to(pos + 1);
            let text = String::from_utf8_lossy(&line[..pos]).trim_end_matches('\r').to_string();
            if tx.send(text).await.is_err() {
                return Ok(());
            }
        }
    }
    if !buf.is_empty() {
        let _ = tx.send(String::from_utf8_lossy(&buf).to_string()).await;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_carries_kubectl_options() {
        let o = LogOptions {
            container: Some("web".into()),
            follow: true,
            tail_lines: Some(10),
            timestamps: true,
            ..Default::default()
        };
        assert_eq!(
            path("default", "p", &o),
            "/api/v1/namespaces/default/pods/p/log?container=web&follow=true&tailLines=10&timestamps=true"
        );
        assert_eq!(path("d", "p", &LogOptions::default()), "/api/v1/namespaces/d/pods/p/log");
    }
}
