//! PATCH requests: JSON patch, JSON merge patch, strategic merge patch and server-side apply
//! (create-or-merge with a required field manager), applied with optimistic concurrency.

use serde_json::Value;

use super::registry::{Part, Registry, WriteOptions, Written};
use super::status::{ApiError, Cause};
use super::view::View;
use crate::k8s::catalog::ResourceType;
use crate::k8s::{managed, meta};

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
    force: bool,
) -> Result<Written, ApiError> {
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
    let builtin = p::has_schema(&rt.group, &rt.kind);
    if kind == PatchKind::Strategic && !builtin {
        return Err(ApiError::UnsupportedMediaType(
            "strategic merge patch format is not supported for this resource; use application/merge-patch+json or application/json-patch+json".into(),
        ));
    }
    let patch = parse_patch_body(kind, body)?;
    // A patch addresses the object as the client sees it, which a view converts.
    let convert = |v: &Value, f: Option<fn(&Value) -> Value>| f.map_or_else(|| v.clone(), |f| f(v));
    if kind == PatchKind::Apply {
        return apply(reg, rt, view, ns, name, part, patch, opts, force).await;
    }
    reg.guaranteed_update(rt, ns, name, part, opts, false, |current| match current {
        Some(c) => {
            let seen = convert(c, view.map(|v| v.from_storage));
            Ok(convert(&apply_to(kind, &seen, &patch, &rt.group, &rt.kind)?, view.map(|v| v.to_storage)))
        }
        None => Err(ApiError::not_found(&rt.group_resource(), name)),
    })
    .await
}

/// Server-side apply: merge the configuration into the live object (creating it if
/// missing), remove what the applier applied before and no longer does, and record the
/// configuration's fields as the applier's, refusing (409) to change fields other managers
/// own unless `force`.
#[allow(clippy::too_many_arguments)]
async fn apply(
    reg: &Registry,
    rt: &ResourceType,
    view: Option<View>,
    ns: Option<&str>,
    name: &str,
    part: Part,
    mut config: Value,
    opts: &WriteOptions,
    force: bool,
) -> Result<Written, ApiError> {
    // Without a schema (custom resources), apply merges like a JSON merge patch.
    let merge_kind = if p::has_schema(&rt.group, &rt.kind) { PatchKind::Strategic } else { PatchKind::Merge };
    if let Some(m) = config.get_mut("metadata").and_then(Value::as_object_mut) {
        m.remove("managedFields");
    }
    let schema = managed::schema_of(&rt.group, &rt.kind);
    let scope = super::registry::managed_scope(rt, part);
    let config_set = managed::to_field_set(&config, schema, scope);
    let api_version = rt.api_version();
    let manager = opts.field_manager.clone().unwrap_or_default();
    let opts = WriteOptions { applied: true, manager: manager.clone(), ..opts.clone() };
    let convert = |v: &Value, f: Option<fn(&Value) -> Value>| f.map_or_else(|| v.clone(), |f| f(v));
    reg.guaranteed_update(rt, ns, name, part, &opts, true, |current| {
        let now = meta::now_rfc3339();
        let actor = managed::Actor {
            manager: &manager,
            operation: managed::Operation::Apply,
            api_version: &api_version,
            subresource: opts.subresource,
            now: &now,
        };
        let seen = current.map(|c| convert(c, view.map(|v| v.from_storage)));
        let merge = || match &seen {
            // Apply to a missing object creates it from the applied configuration.
            None => Ok(config.clone()),
            Some(live) => apply_to(merge_kind, live, &config, &rt.group, &rt.kind),
        };
        let entries = || managed::decode(seen.as_ref().and_then(|l| l.pointer("/metadata/managedFields")));
        let input = |force| managed::ApplyInput {
            live: seen.as_ref(),
            entries: entries(),
            config_set: config_set.clone(),
            force,
            schema,
            scope,
        };
        let mut merged = merge()?;
        let entries = match managed::record_apply(input(force), &mut merged, &actor) {
            Ok(e) => e,
            Err(conflicts) => {
                // kubectl taking over from its own client-side apply takes what the
                // last-applied annotation says it set.
                let live = seen.as_ref().filter(|_| manager == "kubectl");
                let left = match live {
                    Some(l) => managed::without_last_applied(conflicts, l, schema, scope),
                    None => conflicts,
                };
                if !left.is_empty() {
                    return Err(conflict_error(left));
                }
                merged = merge()?;
                managed::record_apply(input(true), &mut merged, &actor).map_err(conflict_error)?
            }
        };
        meta::set_meta(&mut merged, "managedFields", managed::encode(&entries));
        Ok(convert(&merged, view.map(|v| v.to_storage)))
    })
    .await
}

/// The 409 kube-apiserver answers an apply that meets other managers' fields with.
fn conflict_error(conflicts: Vec<managed::Conflict>) -> ApiError {
    ApiError::ApplyConflict {
        message: managed::conflict_message(&conflicts),
        causes: conflicts
            .into_iter()
            .map(|c| Cause {
                reason: "FieldManagerConflict".into(),
                message: format!("conflict with {}", c.manager),
                field: c.field,
            })
            .collect(),
    }
}
