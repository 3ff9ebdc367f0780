//! Raw REST calls with Kubernetes' error model: a non-2xx answer becomes a `Status` with its
//! reason, message and details, which `message()` turns into kubectl's exact wording
//! (`Error from server (NotFound): pods "x" not found`, `The Deployment "x" is invalid: …`).

use bytes::Bytes;
use serde_json::Value;

use crate::k8s::catalog::ResourceType;

/// A failed request.
#[derive(Debug, thiserror::Error)]
pub enum RestError {
    /// The server answered with a Status (or an unparseable error body).
    #[error("{}", status_message(.status))]
    Status { code: u16, status: Value },
    #[error("{0}")]
    Transport(String),
}

impl RestError {
    pub fn code(&self) -> Option<u16> {
        match self {
            RestError::Status { code, .. } => Some(*code),
            RestError::Transport(_) => None,
        }
    }

    pub fn reason(&self) -> &str {
        match self {
            RestError::Status { status, .. } => status.get("reason").and_then(Value::as_str).unwrap_or(""),
            RestError::Transport(_) => "",
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.code() == Some(404)
    }

    pub fn is_conflict(&self) -> bool {
        self.code() == Some(409) && self.reason() == "Conflict"
    }

    pub fn is_already_exists(&self) -> bool {
        self.code() == Some(409) && self.reason() == "AlreadyExists"
    }

    /// The line kubectl prints for this error (without a trailing newline).
    pub fn message(&self) -> String {
        self.to_string()
    }
}

/// kubectl's rendering of a Status error (`cmd/util/helpers.go` `StandardErrorMessage`).
pub fn status_message(status: &Value) -> String {
    let reason = status.get("reason").and_then(Value::as_str).unwrap_or("");
    let message = status.get("message").and_then(Value::as_str).unwrap_or("");
    let details = status.get("details");
    if reason == "Invalid"
        && let Some(d) = details
    {
        let kind = d.get("kind").and_then(Value::as_str).unwrap_or("");
        let name = d.get("name").and_then(Value::as_str).unwrap_or("");
        let causes: Vec<String> = d
            .get("causes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|c| {
                let field = c.get("field").and_then(Value::as_str).unwrap_or("");
                let msg = c.get("message").and_then(Value::as_str).unwrap_or("");
                if field.is_empty() { msg.to_string() } else { format!("{field}: {msg}") }
            })
            .collect();
        let head = if !kind.is_empty() || !name.is_empty() {
            format!("The {kind} \"{name}\" is invalid")
        } else {
            "The request is invalid".to_string()
        };
        return match causes.len() {
            0 => format!("{head}: {message}"),
            1 => format!("{head}: {}", causes[0]),
            _ => format!("{head}: \n* {}", causes.join("\n* ")),
        };
    }
    if reason.is_empty() || reason == "Unknown" {
        format!("Error from server: {message}")
    } else {
        format!("Error from server ({reason}): {message}")
    }
}

/// Send `req`; a 2xx body comes back as bytes, anything else as a `RestError`.
pub async fn call(client: &kube::Client, req: http::Request<Vec<u8>>) -> Result<Bytes, RestError> {
    use http_body_util::BodyExt;
    let resp = client.send(req.map(kube::client::Body::from)).await.map_err(transport)?;
    let code = resp.status().as_u16();
    let body = resp.into_body().collect().await.map_err(|e| RestError::Transport(e.to_string()))?.to_bytes();
    if (200..300).contains(&code) {
        return Ok(body);
    }
    let status = match serde_json::from_slice::<Value>(&body) {
        Ok(v) if v.get("kind").and_then(Value::as_str) == Some("Status") => v,
        _ => generic_status(code, &String::from_utf8_lossy(&body)),
    };
    Err(RestError::Status { code, status })
}

/// Send `req` and hand back a 2xx response with its body unread, for streams (logs,
/// watches); anything else becomes a `RestError` as in `call`.
pub async fn call_streaming(
    client: &kube::Client,
    req: http::Request<Vec<u8>>,
) -> Result<http::Response<kube::client::Body>, RestError> {
    use http_body_util::BodyExt;
    let resp = client.send(req.map(kube::client::Body::from)).await.map_err(transport)?;
    let code = resp.status().as_u16();
    if (200..300).contains(&code) {
        return Ok(resp);
    }
    let body = resp.into_body().collect().await.map_err(|e| RestError::Transport(e.to_string()))?.to_bytes();
    let status = match serde_json::from_slice::<Value>(&body) {
        Ok(v) if v.get("kind").and_then(Value::as_str) == Some("Status") => v,
        _ => generic_status(code, &String::from_utf8_lossy(&body)),
    };
    Err(RestError::Status { code, status })
}

/// Send `req` and decode the JSON answer.
pub async fn call_json(client: &kube::Client, req: http::Request<Vec<u8>>) -> Result<Value, RestError> {
    let body = call(client, req).await?;
    serde_json::from_slice(&body)
        .map_err(|e| RestError::Transport(format!("the server returned an undecodable body: {e}")))
}

fn transport(e: kube::Error) -> RestError {
    match e {
        kube::Error::Api(s) => RestError::Status {
            code: s.code,
            status: serde_json::json!({"kind": "Status", "status": "Failure", "reason": s.reason, "message": s.message, "code": s.code}),
        },
        other => RestError::Transport(connection_message(&other)),
    }
}

/// kubectl's message when the server cannot be reached.
fn connection_message(e: &kube::Error) -> String {
    let mut text = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        let t = s.to_string();
        if !text.contains(&t) {
            text = format!("{text}: {t}");
        }
        src = s.source();
    }
    text
}

/// client-go's `NewGenericServerResponse` for error bodies that are not a Status.
fn generic_status(code: u16, body: &str) -> Value {
    let (reason, message) = match code {
        400 => ("BadRequest", "the server rejected our request for an unknown reason".to_string()),
        401 => ("Unauthorized", "the server has asked for the client to provide credentials".to_string()),
        403 => ("Forbidden", body.trim().to_string()),
        404 => ("NotFound", "the server could not find the requested resource".to_string()),
        405 => ("MethodNotAllowed", "the server does not allow this method on the requested resource".to_string()),
        409 => ("Conflict", "the server reported a conflict".to_string()),
        422 => ("Invalid", "the server rejected our request due to an error in our request".to_string()),
        429 => (
            "TooManyRequests",
            "the server has received too many requests and has asked us to try again later".to_string(),
        ),
        500.. => (
            "InternalError",
            format!("an error on the server ({:?}) has prevented the request from succeeding", body.trim()),
        ),
        _ => {
            ("Unknown", format!("the server responded with the status code {code} but did not return more information"))
        }
    };
    serde_json::json!({"kind": "Status", "status": "Failure", "reason": reason, "message": message, "code": code})
}

/// The URL path of a collection or object of `rt` (namespace ignored for cluster scope).
pub fn path(rt: &ResourceType, namespace: Option<&str>, name: Option<&str>) -> String {
    let mut p =
        if rt.group.is_empty() { format!("/api/{}", rt.version) } else { format!("/apis/{}/{}", rt.group, rt.version) };
    if rt.namespaced
        && let Some(ns) = namespace
    {
        p.push_str("/namespaces/");
        p.push_str(ns);
    }
    p.push('/');
    p.push_str(&rt.plural);
    if let Some(n) = name {
        p.push('/');
        p.push_str(n);
    }
    p
}

/// `key=value` pairs as a query string, percent-encoded.
pub fn query(pairs: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn status_message_matches_kubectl() {
        let nf = json!({"kind":"Status","reason":"NotFound","message":"pods \"x\" not found","code":404});
        assert_eq!(status_message(&nf), "Error from server (NotFound): pods \"x\" not found");
        let inv = json!({"kind":"Status","reason":"Invalid","message":"…","code":422,
            "details":{"kind":"ConfigMap","name":"Bad","causes":[{"field":"metadata.name","message":"Invalid value: \"Bad\": no"}]}});
        assert_eq!(status_message(&inv), "The ConfigMap \"Bad\" is invalid: metadata.name: Invalid value: \"Bad\": no");
        let two = json!({"kind":"Status","reason":"Invalid","message":"…","code":422,
            "details":{"kind":"Deployment","name":"d","causes":[{"field":"a","message":"x"},{"field":"b","message":"y"}]}});
        assert_eq!(status_message(&two), "The Deployment \"d\" is invalid: \n* a: x\n* b: y");
    }

    #[test]
    fn path_builds_namespaced_and_cluster_urls() {
        let pods = crate::k8s::catalog::lookup("", "v1", "pods").expect("pods");
        assert_eq!(path(pods, Some("default"), Some("p")), "/api/v1/namespaces/default/pods/p");
        assert_eq!(path(pods, None, None), "/api/v1/pods");
        let ns = crate::k8s::catalog::lookup("", "v1", "namespaces").expect("ns");
        assert_eq!(path(ns, Some("x"), Some("y")), "/api/v1/namespaces/y");
        assert_eq!(
            query(&[("labelSelector", "app=web,tier in (a,b)")]),
            "labelSelector=app%3Dweb%2Ctier+in+%28a%2Cb%29"
        );
    }
}
