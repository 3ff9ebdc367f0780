//! The three PATCH formats of the Kubernetes API, applied and computed exactly as Kubernetes
//! does, for both faces of kx: the embedded apiserver applies them to stored objects, and
//! the client computes the patches `kubectl apply` and `kubectl edit` send.
//!
//! - JSON patch (RFC 6902, `application/json-patch+json`): [`apply_json_patch`], with the
//!   behaviour of evanphx/json-patch that Kubernetes uses.
//! - JSON merge patch (RFC 7386, `application/merge-patch+json`): [`apply_merge_patch`],
//!   [`create_merge_patch`], and [`create_three_way_json_merge_patch`] (`kubectl apply` for
//!   custom resources).
//! - Strategic merge patch (`application/strategic-merge-patch+json`), Kubernetes' JSON merge
//!   patch with list merging by key and `$`-directives, driven by the patch tags of the
//!   built-in kinds ([`schema`]): [`apply_strategic_merge_patch`],
//!   [`create_two_way_merge_patch`], [`create_three_way_merge_patch`].
//!
//! Pure functions over `serde_json::Value`; no I/O. Depends on nothing else in kx.

mod json_patch;
mod merge_patch;
pub mod schema;
mod strategic;

use serde_json::Value;

pub use json_patch::{MAX_JSON_PATCH_OPERATIONS, apply_json_patch};
pub use merge_patch::{apply_merge_patch, create_merge_patch, create_three_way_json_merge_patch};
pub use schema::has_schema;
pub use strategic::{apply_strategic_merge_patch, create_three_way_merge_patch, create_two_way_merge_patch};

/// The content types of PATCH requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatchType {
    /// `application/json-patch+json`
    Json,
    /// `application/merge-patch+json`
    Merge,
    /// `application/strategic-merge-patch+json`
    StrategicMerge,
    /// `application/apply-patch+yaml` (server-side apply; the body is usually JSON)
    Apply,
}

impl PatchType {
    /// The patch type a request's `Content-Type` names; parameters such as `charset` are
    /// ignored, as the apiserver does.
    pub fn from_content_type(content_type: &str) -> Option<PatchType> {
        let media_type = content_type.split(';').next().unwrap_or_default().trim();
        match media_type.to_ascii_lowercase().as_str() {
            "application/json-patch+json" => Some(PatchType::Json),
            "application/merge-patch+json" => Some(PatchType::Merge),
            "application/strategic-merge-patch+json" => Some(PatchType::StrategicMerge),
            "application/apply-patch+yaml" | "application/apply-patch+cbor" => Some(PatchType::Apply),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            PatchType::Json => "application/json-patch+json",
            PatchType::Merge => "application/merge-patch+json",
            PatchType::StrategicMerge => "application/strategic-merge-patch+json",
            PatchType::Apply => "application/apply-patch+yaml",
        }
    }
}

/// Whether a computed patch changes nothing. kubectl sends no request for such a patch.
pub fn is_empty_patch(patch: &Value) -> bool {
    match patch {
        Value::Object(map) => map.is_empty(),
        Value::Array(ops) => ops.is_empty(),
        Value::Null => true,
        _ => false,
    }
}

/// Why a patch could not be applied or computed. Messages name the operation, path or
/// directive at fault; [`PatchError::http_status`] says how the apiserver answers.
#[derive(Debug, thiserror::Error)]
pub enum PatchError {
    #[error("the {what} must be a JSON object, not {found}")]
    NotAnObject { what: &'static str, found: &'static str },

    #[error("a JSON patch must be an array of operations, not {found}")]
    JsonPatchNotAnArray { found: &'static str },

    #[error("JSON patch has {count} operations, more than the {max} allowed")]
    TooManyJsonPatchOperations { count: usize, max: usize },

    #[error("JSON patch operation {index} is malformed: {reason}")]
    InvalidJsonPatchOperation { index: usize, reason: String },

    #[error("JSON patch operation {index} ({op} {path}) failed: {reason}")]
    JsonPatchOperationFailed { index: usize, op: &'static str, path: String, reason: String },

    #[error(
        "strategic merge patch is not supported for {kind} in group {group:?}: it is not a \
         built-in kind; use a JSON merge patch (application/merge-patch+json) or a JSON patch"
    )]
    NoSchema { group: String, kind: String },

    #[error("invalid strategic merge patch at {path}: {reason}")]
    InvalidStrategicMergePatch { path: String, reason: String },

    #[error("cannot apply strategic merge patch at {path}: {reason}")]
    StrategicMergeFailed { path: String, reason: String },

    #[error(
        "the changes in the new configuration conflict with changes made to the live object \
         since it was last applied:\npatch: {patch}\nchanged on the server: {changed}"
    )]
    Conflict { patch: Value, changed: Value },
}

impl PatchError {
    /// The HTTP status the apiserver answers with, following Kubernetes' handler: malformed
    /// patches 400, patches that do not apply to the object 422, too many operations 413,
    /// strategic merge patch for a custom resource 415, three-way conflicts 409. (Kubernetes
    /// answers 500 for some strategic merge failures, such as a missing merge key; 422 says
    /// the same thing more usefully.)
    pub fn http_status(&self) -> u16 {
        match self {
            PatchError::NotAnObject { .. }
            | PatchError::JsonPatchNotAnArray { .. }
            | PatchError::InvalidJsonPatchOperation { .. }
            | PatchError::InvalidStrategicMergePatch { .. } => 400,
            PatchError::TooManyJsonPatchOperations { .. } => 413,
            PatchError::NoSchema { .. } => 415,
            PatchError::Conflict { .. } => 409,
            PatchError::JsonPatchOperationFailed { .. } | PatchError::StrategicMergeFailed { .. } => 422,
        }
    }
}

/// Deep equality in which numbers compare by value, as they do in Go after decoding (`1` and
/// `1.0` are the same number there; serde_json keeps integers and floats apart).
fn json_equal(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Number(l), Value::Number(r)) => match (l.as_i64(), r.as_i64(), l.as_u64(), r.as_u64()) {
            (Some(l), Some(r), _, _) => l == r,
            (_, _, Some(l), Some(r)) => l == r,
            _ => l.as_f64() == r.as_f64(),
        },
        (Value::Array(l), Value::Array(r)) => l.len() == r.len() && l.iter().zip(r).all(|(l, r)| json_equal(l, r)),
        (Value::Object(l), Value::Object(r)) => {
            l.len() == r.len() && l.iter().all(|(key, l)| r.get(key).is_some_and(|r| json_equal(l, r)))
        }
        (l, r) => l == r,
    }
}

/// The JSON type of a value, for messages.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn patch_type_content_type_round_trips() {
        for t in [PatchType::Json, PatchType::Merge, PatchType::StrategicMerge, PatchType::Apply] {
            assert_eq!(PatchType::from_content_type(t.content_type()), Some(t));
        }
        assert_eq!(PatchType::from_content_type("application/merge-patch+json; charset=utf-8"), Some(PatchType::Merge));
        assert_eq!(PatchType::from_content_type("application/json"), None);
    }

    #[test]
    fn is_empty_patch_empty_object_and_array_are_empty() {
        assert!(is_empty_patch(&json!({})));
        assert!(is_empty_patch(&json!([])));
        assert!(!is_empty_patch(&json!({"a": null})));
    }

    #[test]
    fn http_status_follows_the_apiserver() {
        let no_schema = PatchError::NoSchema { group: "example.com".into(), kind: "Widget".into() };
        assert_eq!(no_schema.http_status(), 415);
        assert!(no_schema.to_string().contains("Widget"));
    }
}
