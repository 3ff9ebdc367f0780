//! `patch`: a strategic merge, JSON merge or JSON patch given as JSON or YAML, sent as
//! kubectl sends it (`fieldManager=kubectl-patch`), reported as `patched` or
//! `patched (no change)`; `--dry-run=client` applies the patch locally with `k8s::patch`.

use serde_json::Value;

use super::write::{self, DryRun, PrintFormat, Report, Selection, WriteError, WriteParams};
use super::{ClientError, Session};
use crate::k8s::patch::{self, PatchType};

pub const FIELD_MANAGER: &str = "kubectl-patch";

#[derive(Clone, Debug)]
pub struct PatchOptions {
    pub selection: Selection,
    pub patch: String,
    pub patch_type: PatchType,
    pub subresource: Option<String>,
    pub dry_run: DryRun,
    pub output: Option<PrintFormat>,
    pub field_manager: Option<String>,
}

/// kubectl's `--type` values.
pub fn parse_type(s: &str) -> Result<PatchType, ClientError> {
    match s {
        "strategic" => Ok(PatchType::StrategicMerge),
        "merge" => Ok(PatchType::Merge),
        "json" => Ok(PatchType::Json),
        other => Err(ClientError::Usage(format!("--type must be one of [json merge strategic], not \"{other}\""))),
    }
}

/// The patch text as JSON (kubectl accepts YAML too).
fn patch_json(text: &str) -> Result<Value, ClientError> {
    let trimmed = text.trim_start();
    if (trimmed.starts_with('{') || trimmed.starts_with('['))
        && let Ok(v) = serde_json::from_str(text)
    {
        return Ok(v);
    }
    let y: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|e| ClientError::Usage(format!("unable to parse \"{text}\": {e}")))?;
    super::manifest::yaml_to_json(y).map_err(|e| ClientError::Usage(format!("unable to parse \"{text}\": {e}")))
}

/// `kubectl patch`.
pub async fn run(
    session: &Session,
    opts: &PatchOptions,
    report: &mut dyn Report,
) -> Result<Vec<WriteError>, ClientError> {
    let body = patch_json(&opts.patch)?;
    let (targets, mut errors) =
        write::select(session, &opts.selection, "resource(s) were provided, but no name was specified").await?;
    for t in &targets {
        let path = match &opts.subresource {
            Some(s) => format!("{}/{s}", t.path()),
            None => t.path(),
        };
        let before = match write::get_object(session, &path).await {
            Ok(v) => v,
            Err(e) => {
                errors.push(WriteError::from_rest(e, "", None));
                continue;
            }
        };
        let after = if opts.dry_run == DryRun::Client {
            let applied = match opts.patch_type {
                PatchType::Json => {
                    let mut o = before.clone();
                    patch::apply_json_patch(&mut o, &body).map(|_| o)
                }
                PatchType::Merge | PatchType::Apply => {
                    let mut o = before.clone();
                    patch::apply_merge_patch(&mut o, &body);
                    Ok(o)
                }
                PatchType::StrategicMerge => {
                    patch::apply_strategic_merge_patch(&before, &body, &t.rt.group, &t.rt.kind)
                }
            };
            match applied {
                Ok(v) => v,
                Err(e) => {
                    errors.push(WriteError::Message(e.to_string()));
                    continue;
                }
            }
        } else {
            let manager = opts.field_manager.clone().unwrap_or_else(|| FIELD_MANAGER.to_string());
            let mut params = WriteParams::new(&manager, opts.dry_run);
            params.field_validation = Some("Strict");
            let text = serde_json::to_vec(&body).expect("a Value serializes");
            match write::patch_object(session, &path, opts.patch_type, text, &params).await {
                Ok(v) => v,
                Err(e) if e.code() == Some(415) => {
                    // kubectl names the patch type and the kind the server refused it for.
                    let message = match &e {
                        super::rest::RestError::Status { status, .. } => {
                            status.get("message").and_then(Value::as_str).unwrap_or("").to_string()
                        }
                        other => other.to_string(),
                    };
                    let gv = if t.rt.group.is_empty() { t.rt.version.clone() } else { t.rt.api_version() };
                    errors.push(WriteError::Message(format!(
                        "{} is not supported by {gv}, Kind={}: {message}",
                        opts.patch_type.content_type(),
                        t.rt.kind
                    )));
                    continue;
                }
                Err(e) => {
                    errors.push(WriteError::from_rest(e, "", None));
                    continue;
                }
            }
        };
        match opts.output {
            Some(f) => report.line(&write::render_object(&after, Some(&t.rt), f)?),
            None if before == after => report.line(&format!("{} patched (no change)", t.display_name())),
            None => report.line(&format!("{} patched", t.display_name())),
        }
    }
    Ok(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patch_json_accepts_json_and_yaml() {
        assert_eq!(patch_json(r#"{"spec":{"replicas":3}}"#).ok(), Some(serde_json::json!({"spec":{"replicas":3}})));
        assert_eq!(patch_json("spec: {replicas: 7}").ok(), Some(serde_json::json!({"spec":{"replicas":7}})));
        assert!(parse_type("foo").is_err());
    }
}
