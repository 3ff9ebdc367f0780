//! `set image`: change container images in anything with a pod template (or a pod), sent as
//! the two-way strategic merge patch kubectl computes (`fieldManager=kubectl-set`);
//! unchanged objects send nothing and print nothing, as with kubectl.

use serde_json::Value;

use super::write::{self, DryRun, PrintFormat, Report, Selection, WriteError, WriteParams};
use super::{ClientError, Session};
use crate::k8s::patch::{self, PatchType};

pub const FIELD_MANAGER: &str = "kubectl-set";

#[derive(Clone, Debug)]
pub struct SetImageOptions {
    pub selection: Selection,
    /// `container=image` pairs; `*` names every container.
    pub images: Vec<(String, String)>,
    pub dry_run: DryRun,
    pub output: Option<PrintFormat>,
    pub field_manager: Option<String>,
}

/// Where the pod spec of an object of `kind` lives.
fn pod_spec_path(kind: &str) -> Option<&'static [&'static str]> {
    match kind {
        "Pod" => Some(&["spec"]),
        "CronJob" => Some(&["spec", "jobTemplate", "spec", "template", "spec"]),
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" | "ReplicationController" | "Job" => {
            Some(&["spec", "template", "spec"])
        }
        _ => None,
    }
}

fn pod_spec_mut<'a>(obj: &'a mut Value, path: &[&str]) -> Option<&'a mut Value> {
    let mut cur = obj;
    for p in path {
        cur = cur.get_mut(*p)?;
    }
    Some(cur)
}

/// The object with the images replaced, or kubectl's error.
pub fn set_images(obj: &Value, kind: &str, version: &str, images: &[(String, String)]) -> Result<Value, String> {
    let Some(path) = pod_spec_path(kind) else {
        return Err(format!("the object is not a pod or does not have a pod template: *{version}.{kind}"));
    };
    let mut out = obj.clone();
    let spec = pod_spec_mut(&mut out, path).ok_or_else(|| "the object has no pod template".to_string())?;
    for (name, image) in images {
        let mut found = false;
        for list in ["initContainers", "containers", "ephemeralContainers"] {
            for c in spec.get_mut(list).and_then(Value::as_array_mut).into_iter().flatten() {
                if name == "*" || c.get("name").and_then(Value::as_str) == Some(name) {
                    c["image"] = Value::String(image.clone());
                    found = true;
                }
            }
        }
        if !found {
            return Err(format!("unable to find container named \"{name}\""));
        }
    }
    Ok(out)
}

/// `kubectl set image`.
pub async fn set_image(
    session: &Session,
    opts: &SetImageOptions,
    report: &mut dyn Report,
) -> Result<Vec<WriteError>, ClientError> {
    if opts.images.is_empty() {
        return Err(ClientError::Usage("at least one image update is required".into()));
    }
    let (targets, mut errors) =
        write::select(session, &opts.selection, "resource(s) were provided, but no name was specified").await?;
    for t in &targets {
        let live = match write::fetch(session, t).await {
            Ok(v) => v,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let updated = match set_images(&live, &t.rt.kind, &t.rt.version, &opts.images) {
            Ok(v) => v,
            Err(e) if e.starts_with("unable to find") => {
                errors.push(WriteError::Message(e));
                continue;
            }
            Err(e) => {
                errors.push(WriteError::Message(format!("{} {e}", t.resource_name())));
                continue;
            }
        };
        let body = if write::uses_strategic_merge(&t.rt) {
            patch::create_two_way_merge_patch(&live, &updated, &t.rt.group, &t.rt.kind)
                .map_err(|e| ClientError::Other(e.to_string()))?
        } else {
            patch::create_merge_patch(&live, &updated)
        };
        if patch::is_empty_patch(&body) {
            continue;
        }
        let result = if opts.dry_run == DryRun::Client {
            updated
        } else {
            let manager = opts.field_manager.clone().unwrap_or_else(|| FIELD_MANAGER.to_string());
            let mut params = WriteParams::new(&manager, opts.dry_run);
            params.field_validation = None;
            let ty = if write::uses_strategic_merge(&t.rt) { PatchType::StrategicMerge } else { PatchType::Merge };
            let text = crate::client::manifest::go_json(&body).into_bytes();
            match write::patch_object(session, &t.path(), ty, text, &params).await {
                Ok(v) => v,
                Err(e) => {
                    errors.push(WriteError::from_rest(e, "", None));
                    continue;
                }
            }
        };
        match opts.output {
            Some(f) => report.line(&write::render_object(&result, Some(&t.rt), f)?),
            None => report.line(&format!("{} image updated{}", t.display_name(), opts.dry_run.suffix())),
        }
    }
    Ok(errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn set_images_replaces_named_and_star() {
        let d =
            json!({"spec":{"template":{"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]}}}});
        let one = set_images(&d, "Deployment", "v1", &[("b".into(), "z".into())]).expect("set");
        assert_eq!(one["spec"]["template"]["spec"]["containers"][1]["image"], "z");
        let all = set_images(&d, "Deployment", "v1", &[("*".into(), "q".into())]).expect("set");
        assert_eq!(all["spec"]["template"]["spec"]["containers"][0]["image"], "q");
        assert_eq!(
            set_images(&d, "Deployment", "v1", &[("nope".into(), "z".into())]).expect_err("missing"),
            "unable to find container named \"nope\""
        );
        assert!(set_images(&json!({}), "ConfigMap", "v1", &[]).expect_err("no template").ends_with("*v1.ConfigMap"));
    }
}
