//! API errors as kube-apiserver shapes them: a `Status` object with reason, message, details
//! and code, so kubectl prints `Error from server (NotFound): pods "x" not found` and kube-rs
//! and the Python client decode them.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// One cause of an Invalid error: a field and what is wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Cause {
    /// `FieldValueRequired`, `FieldValueInvalid`, …
    pub reason: String,
    /// The message without the field, e.g. `Required value`.
    pub message: String,
    /// The field path, e.g. `spec.replicas`.
    pub field: String,
}

impl Cause {
    /// The message as kube prints it inside the Invalid message: `field: message`.
    pub fn full(&self) -> String {
        if self.field.is_empty() { self.message.clone() } else { format!("{}: {}", self.field, self.message) }
    }
}

#[derive(Clone, Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{resource} \"{name}\" not found")]
    NotFound { resource: String, name: String },
    #[error("{resource} \"{name}\" already exists")]
    AlreadyExists { resource: String, name: String },
    #[error("Operation cannot be fulfilled on {resource} \"{name}\": {detail}")]
    Conflict { resource: String, name: String, detail: String },
    /// Server-side apply refused: fields other managers own would change. Causes are
    /// `FieldManagerConflict`s.
    #[error("{message}")]
    ApplyConflict { message: String, causes: Vec<Cause> },
    #[error("{}", invalid_message(kind, name, causes))]
    Invalid { kind: String, name: String, causes: Vec<Cause> },
    #[error("{0}")]
    BadRequest(String),
    /// kube's generic 422 (a JSON patch that does not apply): a fixed message, the detail as
    /// the only cause.
    #[error("the server rejected our request due to an error in our request")]
    Unprocessable(String),
    #[error("{0}")]
    Expired(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("Unauthorized")]
    Unauthorized,
    #[error("{0}")]
    MethodNotSupported(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("{0}")]
    NotAcceptable(String),
    #[error("the server has received too large a request")]
    TooLarge,
    #[error("{0}")]
    Internal(String),
    #[error("{0}")]
    Timeout(String),
}

fn invalid_message(kind: &str, name: &str, causes: &[Cause]) -> String {
    let list: Vec<String> = causes.iter().map(Cause::full).collect();
    let errs = if list.len() == 1 { list[0].clone() } else { format!("[{}]", list.join(", ")) };
    format!("{kind} \"{name}\" is invalid: {errs}")
}

/// Splits `pods` / `deployments.apps` into (group, resource) for Status details.
fn split_group_resource(gr: &str) -> (&str, &str) {
    match gr.split_once('.') {
        Some((r, g)) => (g, r),
        None => ("", gr),
    }
}

impl ApiError {
    pub fn code(&self) -> u16 {
        match self {
            ApiError::NotFound { .. } => 404,
            ApiError::AlreadyExists { .. } | ApiError::Conflict { .. } | ApiError::ApplyConflict { .. } => 409,
            ApiError::Invalid { .. } | ApiError::Unprocessable(_) => 422,
            ApiError::BadRequest(_) => 400,
            ApiError::Expired(_) => 410,
            ApiError::Forbidden(_) => 403,
            ApiError::Unauthorized => 401,
            ApiError::MethodNotSupported(_) => 405,
            ApiError::UnsupportedMediaType(_) => 415,
            ApiError::NotAcceptable(_) => 406,
            ApiError::TooLarge => 413,
            ApiError::Internal(_) => 500,
            ApiError::Timeout(_) => 504,
        }
    }

    pub fn reason(&self) -> &'static str {
        match self {
            ApiError::NotFound { .. } => "NotFound",
            ApiError::AlreadyExists { .. } => "AlreadyExists",
            ApiError::Conflict { .. } | ApiError::ApplyConflict { .. } => "Conflict",
            ApiError::Invalid { .. } | ApiError::Unprocessable(_) => "Invalid",
            ApiError::BadRequest(_) => "BadRequest",
            ApiError::Expired(_) => "Expired",
            ApiError::Forbidden(_) => "Forbidden",
            ApiError::Unauthorized => "Unauthorized",
            ApiError::MethodNotSupported(_) => "MethodNotAllowed",
            ApiError::UnsupportedMediaType(_) => "UnsupportedMediaType",
            ApiError::NotAcceptable(_) => "NotAcceptable",
            ApiError::TooLarge => "RequestEntityTooLarge",
            ApiError::Internal(_) => "InternalError",
            ApiError::Timeout(_) => "Timeout",
        }
    }

    pub fn conflict(resource: &str, name: &str) -> ApiError {
        ApiError::Conflict {
            resource: resource.to_string(),
            name: name.to_string(),
            detail: "the object has been modified; please apply your changes to the latest version and try again"
                .into(),
        }
    }

    pub fn not_found(resource: &str, name: &str) -> ApiError {
        ApiError::NotFound { resource: resource.to_string(), name: name.to_string() }
    }

    /// The `Status` object.
    pub fn status(&self) -> Value {
        let mut status = json!({
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.to_string(),
            "reason": self.reason(),
            "code": self.code(),
        });
        let details = match self {
            ApiError::NotFound { resource, name }
            | ApiError::AlreadyExists { resource, name }
            | ApiError::Conflict { resource, name, .. } => {
                let (group, kind) = split_group_resource(resource);
                let mut d = json!({"name": name, "kind": kind});
                if !group.is_empty() {
                    d["group"] = json!(group);
                }
                Some(d)
            }
            ApiError::Invalid { kind, name, causes } => {
                let (k, group) = kind.split_once('.').unwrap_or((kind, ""));
                let mut d = json!({
                    "name": name,
                    "kind": k,
                    "causes": causes.iter().map(|c| json!({"reason": c.reason, "message": c.message, "field": c.field})).collect::<Vec<_>>(),
                });
                if !group.is_empty() {
                    d["group"] = json!(group);
                }
                Some(d)
            }
            ApiError::ApplyConflict { causes, .. } => Some(json!({
                "causes": causes.iter().map(|c| json!({"reason": c.reason, "message": c.message, "field": c.field})).collect::<Vec<_>>(),
            })),
            ApiError::Unprocessable(detail) => Some(json!({"causes": [{"message": detail}]})),
            _ => None,
        };
        if let Some(d) = details {
            status["details"] = d;
        }
        status
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let code = StatusCode::from_u16(self.code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self.status()).unwrap_or_default();
        (code, [(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_not_found_matches_kube_apiserver() {
        let s = ApiError::not_found("pods", "does-not-exist").status();
        assert_eq!(
            s,
            json!({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"does-not-exist\" not found",
                   "reason":"NotFound","details":{"name":"does-not-exist","kind":"pods"},"code":404})
        );
        let s = ApiError::not_found("deployments.apps", "web").status();
        assert_eq!(s["message"], "deployments.apps \"web\" not found");
        assert_eq!(s["details"]["group"], "apps");
        assert_eq!(s["details"]["kind"], "deployments");
    }

    #[test]
    fn status_invalid_lists_causes() {
        let e = ApiError::Invalid {
            kind: "Deployment.apps".into(),
            name: "x".into(),
            causes: vec![
                Cause {
                    reason: "FieldValueRequired".into(),
                    message: "Required value".into(),
                    field: "spec.selector".into(),
                },
                Cause {
                    reason: "FieldValueInvalid".into(),
                    message: "Invalid value: -1".into(),
                    field: "spec.replicas".into(),
                },
            ],
        };
        assert_eq!(
            e.to_string(),
            "Deployment.apps \"x\" is invalid: [spec.selector: Required value, spec.replicas: Invalid value: -1]"
        );
        let s = e.status();
        assert_eq!(s["code"], 422);
        assert_eq!(s["details"]["kind"], "Deployment");
        assert_eq!(s["details"]["group"], "apps");
        assert_eq!(s["details"]["causes"][1]["field"], "spec.replicas");
    }

    #[test]
    fn apply_conflict_status_is_kubes() {
        let e = ApiError::ApplyConflict {
            message: "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas".into(),
            causes: vec![Cause {
                reason: "FieldManagerConflict".into(),
                message: "conflict with \"kubectl-client-side-apply\" using apps/v1".into(),
                field: ".spec.replicas".into(),
            }],
        };
        assert_eq!(
            e.status(),
            json!({"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas","reason":"Conflict","details":{"causes":[{"reason":"FieldManagerConflict","message":"conflict with \"kubectl-client-side-apply\" using apps/v1","field":".spec.replicas"}]},"code":409})
        );
    }

    #[test]
    fn status_conflict_message_is_kubes() {
        let e = ApiError::conflict("deployments.apps", "x");
        assert_eq!(
            e.to_string(),
            "Operation cannot be fulfilled on deployments.apps \"x\": the object has been modified; please apply your changes to the latest version and try again"
        );
        assert_eq!(e.code(), 409);
    }
}
