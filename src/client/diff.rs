//! `diff`: what `apply` would change, as kubectl shows it. Each object's merged version is
//! the server's answer to a dry-run apply (the client-side apply patch, or a dry-run create
//! for new objects; with `--server-side`, a dry-run apply patch). Live and merged objects
//! are written as YAML into `LIVE-*` and `MERGED-*` directories, without managedFields and
//! with Secret data masked, and compared by `diff -u -N` or `$KUBECTL_EXTERNAL_DIFF`.
//! The exit code is kubectl's: 0 same, 1 different, 2 errors.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::apply;
use super::manifest::{self, Input};
use super::write::{self, DryRun, Target, WriteError, WriteParams};
use super::{ClientError, Session};
use crate::k8s::patch::{self, PatchType};

#[derive(Clone, Debug, Default)]
pub struct DiffOptions {
    pub inputs: Vec<Input>,
    pub recursive: bool,
    pub server_side: bool,
    pub force_conflicts: bool,
    pub field_manager: Option<String>,
}

/// What a diff came to: the program's exit code and the errors met before it ran.
#[derive(Debug)]
pub struct DiffOutcome {
    pub exit_code: i32,
    pub errors: Vec<WriteError>,
}

/// The file name kubectl gives an object: `group.version.Kind.namespace.name`.
pub fn file_name(t: &Target) -> String {
    let group = if t.rt.group.is_empty() { String::new() } else { format!("{}.", t.rt.group) };
    format!("{group}{}.{}.{}.{}", t.rt.version, t.rt.kind, t.namespace.as_deref().unwrap_or(""), t.name)
}

/// kubectl's Secret masking: values never appear, only whether they changed.
pub fn mask_secrets(live: &mut Option<Value>, merged: &mut Option<Value>) {
    let is_secret =
        |o: &Option<Value>| o.as_ref().is_none_or(|v| v.get("kind").and_then(Value::as_str) == Some("Secret"));
    if !is_secret(live) || !is_secret(merged) {
        return;
    }
    let data = |o: &Option<Value>| -> serde_json::Map<String, Value> {
        o.as_ref().and_then(|v| v.get("data")).and_then(Value::as_object).cloned().unwrap_or_default()
    };
    let (mut from, mut to) = (data(live), data(merged));
    if from.is_empty() && to.is_empty() {
        return;
    }
    let stars = || Value::String("***".into());
    if from.is_empty() {
        to.values_mut().for_each(|v| *v = stars());
    } else if to.is_empty() {
        from.values_mut().for_each(|v| *v = stars());
    } else {
        let keys: Vec<String> = to.keys().cloned().collect();
        for k in keys {
            match from.get(&k) {
                None => {
                    to.insert(k, stars());
                }
                Some(f) if Some(f) != to.get(&k) => {
                    from.insert(k.clone(), Value::String("*** (before)".into()));
                    to.insert(k, Value::String("*** (after)".into()));
                }
                Some(_) => {
                    from.insert(k.clone(), stars());
                    to.insert(k, stars());
                }
            }
        }
        let only_from: Vec<String> = from.keys().filter(|k| !to.contains_key(*k)).cloned().collect();
        for k in only_from {
            from.insert(k, stars());
        }
    }
    for (obj, d) in [(live, from), (merged, to)] {
        if let Some(o) = obj.as_mut()
            && !d.is_empty()
        {
            o["data"] = Value::Object(d);
        }
    }
}

/// The object as the server would have it after `apply`, and the live one.
async fn live_and_merged(
    session: &Session,
    t: &Target,
    opts: &DiffOptions,
) -> Result<(Option<Value>, Option<Value>), WriteError> {
    let source = Some(t.source.as_str());
    let live = match write::get_object(session, &t.path()).await {
        Ok(v) => Some(v),
        Err(e) if e.is_not_found() => None,
        Err(e) => return Err(WriteError::from_rest(e, "", None)),
    };
    if opts.server_side {
        let manager = opts.field_manager.clone().unwrap_or_else(|| apply::SERVER_SIDE_FIELD_MANAGER.to_string());
        let mut params = WriteParams::new(&manager, DryRun::Server);
        params.force = Some(opts.force_conflicts);
        let body = manifest::go_json(&t.object).into_bytes();
        let merged = write::patch_object(session, &t.path(), PatchType::Apply, body, &params)
            .await
            .map_err(|e| WriteError::from_rest(e, "patching", source))?;
        return Ok((live, Some(merged)));
    }
    let manager = opts.field_manager.clone().unwrap_or_else(|| apply::CLIENT_SIDE_FIELD_MANAGER.to_string());
    let params = WriteParams::new(&manager, DryRun::Server);
    let Some(current) = live else {
        let merged = write::create_object(session, &t.collection_path(), &t.object, &params)
            .await
            .map_err(|e| WriteError::from_rest(e, "creating", source))?;
        return Ok((None, Some(merged)));
    };
    // kubectl diffs without refreshing the annotation: the manifest with its annotations
    // (possibly empty) but no last-applied configuration.
    let mut modified = t.object.clone();
    let mut annotations = modified
        .get("metadata")
        .and_then(|m| m.get("annotations"))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    annotations.remove(write::LAST_APPLIED);
    crate::k8s::meta::set_meta(&mut modified, "annotations", Value::Object(annotations));
    let (p, ty) = apply::apply_patch(t, &modified, &current, true).map_err(WriteError::Message)?;
    if patch::is_empty_patch(&p) {
        return Ok((Some(current.clone()), Some(current)));
    }
    let merged = write::patch_object(session, &t.path(), ty, manifest::go_json(&p).into_bytes(), &params)
        .await
        .map_err(|e| WriteError::from_rest(e, "patching", source))?;
    Ok((Some(current), Some(merged)))
}

fn temp_dir(prefix: &str) -> Result<PathBuf, ClientError> {
    let base = std::env::temp_dir();
    for _ in 0..100 {
        let n = uuid::Uuid::new_v4().as_u128() % 10_000_000_000;
        let p = base.join(format!("{prefix}-{n}"));
        match std::fs::create_dir(&p) {
            Ok(()) => return Ok(p),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(ClientError::Other(format!("cannot create {}: {e}", p.display()))),
        }
    }
    Err(ClientError::Other("cannot create a temp directory for diff".into()))
}

fn write_object(dir: &Path, name: &str, obj: Option<Value>) -> Result<(), ClientError> {
    let Some(mut obj) = obj else { return Ok(()) };
    if let Some(m) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
        m.remove("managedFields");
    }
    let text = serde_yaml::to_string(&obj).map_err(|e| ClientError::Other(e.to_string()))?;
    std::fs::write(dir.join(name), text).map_err(|e| ClientError::Other(format!("cannot write {name}: {e}")))
}

/// The diff program: `$KUBECTL_EXTERNAL_DIFF` split on spaces, else `diff -u -N`.
pub fn diff_command() -> Vec<String> {
    match std::env::var("KUBECTL_EXTERNAL_DIFF").ok().filter(|s| !s.trim().is_empty()) {
        Some(cmd) => cmd.split_whitespace().map(str::to_string).collect(),
        None => vec!["diff".into(), "-u".into(), "-N".into()],
    }
}

/// `kubectl diff`. The diff program writes to the inherited stdout.
pub async fn diff(session: &Session, opts: &DiffOptions) -> Result<DiffOutcome, ClientError> {
    if opts.inputs.is_empty() {
        return Err(ClientError::Usage("must specify one of -f and -k".into()));
    }
    let files = manifest::read_inputs(&opts.inputs, opts.recursive).map_err(|e| ClientError::Usage(e.to_string()))?;
    let (targets, mut errors) = write::targets(session, files).await;
    let live_dir = temp_dir("LIVE")?;
    let merged_dir = temp_dir("MERGED")?;
    for t in &targets {
        match live_and_merged(session, t, opts).await {
            Ok((mut live, mut merged)) => {
                mask_secrets(&mut live, &mut merged);
                let name = file_name(t);
                write_object(&live_dir, &name, live)?;
                write_object(&merged_dir, &name, merged)?;
            }
            Err(e) => errors.push(e),
        }
    }
    let exit_code = if errors.is_empty() {
        let mut cmd = diff_command();
        cmd.push(live_dir.display().to_string());
        cmd.push(merged_dir.display().to_string());
        let status = tokio::process::Command::new(&cmd[0]).args(&cmd[1..]).status().await;
        match status {
            Ok(s) => match s.code() {
                Some(c @ (0 | 1)) => c,
                _ => {
                    errors.push(WriteError::Message(format!("diff command {:?} failed: {s}", cmd[0])));
                    2
                }
            },
            Err(e) => {
                errors.push(WriteError::Message(format!("failed to run \"{}\": {e}", cmd[0])));
                2
            }
        }
    } else {
        2
    };
    let _ = std::fs::remove_dir_all(&live_dir);
    let _ = std::fs::remove_dir_all(&merged_dir);
    Ok(DiffOutcome { exit_code, errors })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mask_secrets_hides_values_and_marks_changes() {
        let mut live = Some(json!({"kind":"Secret","data":{"same":"YQ==","changed":"Yg==","gone":"Yw=="}}));
        let mut merged = Some(json!({"kind":"Secret","data":{"same":"YQ==","changed":"Yw==","new":"ZA=="}}));
        mask_secrets(&mut live, &mut merged);
        assert_eq!(live.expect("live")["data"], json!({"same":"***","changed":"*** (before)","gone":"***"}));
        assert_eq!(merged.expect("merged")["data"], json!({"same":"***","changed":"*** (after)","new":"***"}));
        let mut none = None;
        let mut created = Some(json!({"kind":"Secret","data":{"k":"dg=="}}));
        mask_secrets(&mut none, &mut created);
        assert_eq!(created.expect("created")["data"], json!({"k":"***"}));
    }

    #[test]
    fn file_name_matches_kubectl() {
        let rt = crate::k8s::catalog::lookup("apps", "v1", "deployments").expect("deployments").clone();
        let t = Target {
            rt,
            namespace: Some("default".into()),
            name: "web".into(),
            source: String::new(),
            object: Value::Null,
        };
        assert_eq!(file_name(&t), "apps.v1.Deployment.default.web");
    }
}
