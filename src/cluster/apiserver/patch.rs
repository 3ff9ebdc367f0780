//! PATCH requests: JSON patch, JSON merge patch, strategic merge patch and server-side apply
//! (create-or-merge with a required field manager), applied with optimistic concurrency.

use serde_json::Value;

use super::registry::{Part, Registry, WriteOptions, Written};
use super::status::{ApiError, Cause};
use super::view::View;
use crate::k8s::catalog::ResourceType;

use crate::k8s::patch as p;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatchKind {
    Json,
    Merge,
    Strategic,
    Apply,
}

impl PatchKind {
    pub fn from_content_type(ct: &str) -> Result<PatchKind, ApiError> {
        match ct.split(';').next().unwrap_or("").trim() {
            "application/json-patch+json" => Ok(PatchKind::Json),
            "application/merge-patch+json" => Ok(PatchKind::Merge),
            "application/strategic-merge-patch+json" => Ok(PatchKind::Strategic),
            "application/apply-patch+yaml" => Ok(PatchKind::Apply),
            other => Err(ApiError::UnsupportedMediaType(format!(
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got {other:?})"
            ))),
        }
    }
}

pub fn parse_patch_body(kind: PatchKind, body: &[u8]) -> Result<Value, ApiError> {
    let v: Value = match kind {
        PatchKind::Apply => {
            serde_yaml::from_slice(body).map_err(|e| ApiError::BadRequest(format!("error decoding YAML: {e}")))?
        }
        _ => serde_json::from_slice(body).map_err(|e| ApiError::BadRequest(format!("error decoding patch: {e}")))?,
    };
    match (kind, &v) {
        (PatchKind::Json, Value::Array(_)) => Ok(v),
        (PatchKind::Json, _) => Err(ApiError::BadRequest("json patch must be a JSON array of operations".into())),
        (_, Value::Object(_)) => Ok(v),
        _ => Err(ApiError::BadRequest("patch must be a JSON object".into())),
    }
}

/// A patch that could not be applied, with the status kube-apiserver gives that failure.
fn patch_failed(type_kind: &str, name: &str, e: p::PatchError) -> ApiError {
    match e.http_status() {
        409 => ApiError::Conflict { resource: type_kind.to_string(), name: name.to_string(), detail: e.to_string() },
        413 => ApiError::TooLarge,
        415 => ApiError::UnsupportedMediaType(e.to_string()),
        422 => ApiError::Unprocessable(e.to_string()),
        _ => ApiError::BadRequest(e.to_string()),
    }
}

/// Apply a parsed patch to `current` (an object of `group`/`kind`).
pub fn apply_to(
    kind: PatchKind,
    current: &Value,
    patch: &Value,
    group: &str,
    type_kind: &str,
) -> Result<Value, ApiError> {
    let mut out = current.clone();
    match kind {
        PatchKind::Json => {
            p::apply_json_patch(&mut out, patch).map_err(|e| ApiError::Invalid {
                kind: type_kind.to_string(),
                name: crate::k8s::meta::name(current).to_string(),
                causes: vec![Cause {
                    reason: "FieldValueInvalid".into(),
                    message: e.to_string(),
                    field: String::new(),
                }],
            })?;
        }
        PatchKind::Merge => p::apply_merge_patch(&mut out, patch),
        PatchKind::Strategic | PatchKind::Apply => {
            out = p::apply_strategic_merge_patch(current, patch, group, type_kind)
                .map_err(|e| patch_failed(type_kind, crate::k8s::meta::name(current), e))?;
        }
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
pub async fn patch(
    reg: &Registry,
    rt: &ResourceType,
    view: Option<View>,
    ns: Option<&str>,
    name: &str,
    part: Part,
    kind: PatchKind,
    body: &[u8],
    opts: &WriteOptions,
    _force: bool,
) -> Result<Written, ApiError> {
    let mut kind = kind;
    if kind == PatchKind::Apply && opts.field_manager.as_deref().is_none_or(str::is_empty) {
        return Err(ApiError::Invalid {
            kind: "PatchOptions.meta.k8s.io".into(),
            name: String::new(),
            causes: vec![Cause {
                reason: "FieldValueRequired".into(),
                message: "Required value: is required for apply patch".into(),
                field: "fieldManager".into(),
            }],
        });
    }
    let create_missing = kind == PatchKind::Apply;
    let builtin = p::has_schema(&rt.group, &rt.kind);
    if kind == PatchKind::Strategic && !builtin {
        return Err(ApiError::UnsupportedMediaType(
            "strategic merge patch format is not supported for this resource; use application/merge-patch+json or application/json-patch+json".into(),
        ));
    }
    if kind == PatchKind::Apply && !builtin {
        // Without a schema, apply merges like a JSON merge patch.
        kind = PatchKind::Merge;
    }
    let patch = parse_patch_body(kind, body)?;
    // A patch addresses the object as the client sees it, which a view converts.
    let convert = |v: &Value, f: Option<fn(&Value) -> Value>| f.map_or_else(|| v.clone(), |f| f(v));
    reg.guaranteed_update(rt, ns, name, part, opts, create_missing, |current| match current {
        Some(c) => {
            let seen = convert(c, view.map(|v| v.from_storage));
            Ok(convert(&apply_to(kind, &seen, &patch, &rt.group, &rt.kind)?, view.map(|v| v.to_storage)))
        }
        // Apply to a missing object creates it from the applied configuration.
        None => Ok(convert(&patch, view.map(|v| v.to_storage))),
    })
    .await
}
