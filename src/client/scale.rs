//! `scale`: a JSON merge patch of the `scale` subresource, with kubectl's
//! `--current-replicas` and `--resource-version` preconditions checked against the Scale
//! first, and its messages.

use serde_json::{Value, json};

use super::write::{self, DryRun, Report, Selection, WriteError, WriteParams};
use super::{ClientError, Session};
use crate::k8s::patch::PatchType;

pub const FIELD_MANAGER: &str = "kubectl-scale";

#[derive(Clone, Debug)]
pub struct ScaleOptions {
    pub selection: Selection,
    pub replicas: i64,
    /// `--current-replicas`: -1 means no precondition.
    pub current_replicas: i64,
    pub resource_version: Option<String>,
    pub dry_run: DryRun,
    pub name_only: bool,
}

/// `kubectl scale`.
pub async fn run(
    session: &Session,
    opts: &ScaleOptions,
    report: &mut dyn Report,
) -> Result<Vec<WriteError>, ClientError> {
    if opts.replicas < 0 {
        return Err(ClientError::Usage(
            "The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0".into(),
        ));
    }
    if opts.selection.is_empty() {
        return Err(ClientError::Usage("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'".into()));
    }
    let (targets, mut errors) =
        write::select(session, &opts.selection, "resource(s) were provided, but no name was specified").await?;
    let mut found = Vec::new();
    for t in targets {
        // kubectl reads every object before scaling any; a missing one stops it.
        match write::fetch(session, &t).await {
            Ok(_) => found.push(t),
            Err(e) => {
                let message = match &e {
                    WriteError::Status(s) => s.get("message").and_then(Value::as_str).unwrap_or("").to_string(),
                    other => other.standalone(),
                };
                return Ok(vec![WriteError::Message(format!("no objects passed to scale {message}"))]);
            }
        }
    }
    if found.is_empty() && errors.is_empty() {
        return Err(ClientError::Usage("no objects passed to scale".into()));
    }
    for t in &found {
        let scale_path = format!("{}/scale", t.path());
        if opts.current_replicas >= 0 || opts.resource_version.is_some() {
            let scale = match write::get_object(session, &scale_path).await {
                Ok(s) => s,
                Err(e) => {
                    errors.push(WriteError::from_rest(e, "", None));
                    continue;
                }
            };
            let current = scale.get("spec").and_then(|s| s.get("replicas")).and_then(Value::as_i64).unwrap_or(0);
            if opts.current_replicas >= 0 && current != opts.current_replicas {
                errors.push(WriteError::Message(format!(
                    "Expected replicas to be {}, was {current}",
                    opts.current_replicas
                )));
                continue;
            }
            if let Some(rv) = &opts.resource_version {
                let actual = crate::k8s::meta::resource_version(&scale);
                if actual != rv {
                    errors.push(WriteError::Message(format!("Expected resource version to be {rv}, was {actual}")));
                    continue;
                }
            }
        }
        if opts.dry_run != DryRun::Client {
            let mut body = json!({"spec": {"replicas": opts.replicas}});
            if let Some(rv) = &opts.resource_version {
                body["metadata"] = json!({"resourceVersion": rv});
            }
            let mut params = WriteParams::new(FIELD_MANAGER, opts.dry_run);
            params.field_validation = None;
            let text = serde_json::to_vec(&body).expect("a Value serializes");
            if let Err(e) = write::patch_object(session, &scale_path, PatchType::Merge, text, &params).await {
                errors.push(WriteError::from_rest(e, "", None));
                continue;
            }
        }
        if opts.name_only {
            report.line(&t.display_name());
        } else {
            report.line(&format!("{} scaled{}", t.display_name(), opts.dry_run.suffix()));
        }
    }
    Ok(errors)
}
