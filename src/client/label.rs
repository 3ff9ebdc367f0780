//! `label` and `annotate`: kubectl's argument split (resources first, then `key=value` and
//! `key-` changes), its `--overwrite` rules and messages, and the JSON merge patch it sends
//! (with `metadata.resourceVersion` as a precondition when `--resource-version` is given).

use serde_json::{Map, Value, json};

use super::write::{self, DryRun, PrintFormat, Report, Selection, WriteError, WriteParams};
use super::{ClientError, Session};
use crate::k8s::patch::{self, PatchType};

/// Which metadata map the command changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Labels,
    Annotations,
}

impl Field {
    fn key(self) -> &'static str {
        match self {
            Field::Labels => "labels",
            Field::Annotations => "annotations",
        }
    }
    fn noun(self) -> &'static str {
        match self {
            Field::Labels => "label",
            Field::Annotations => "annotation",
        }
    }
    fn field_manager(self) -> &'static str {
        match self {
            Field::Labels => "kubectl-label",
            Field::Annotations => "kubectl-annotate",
        }
    }
}

/// kubectl's `GetResourcesAndPairs`: resource arguments come first, then the changes.
pub fn split_args(args: &[String], pair_type: &str) -> Result<(Vec<String>, Vec<String>), ClientError> {
    let mut resources = Vec::new();
    let mut pairs = Vec::new();
    for s in args {
        let change = (s.contains('=') && !s.starts_with('=')) || (s.ends_with('-') && s != "-");
        match (pairs.is_empty(), change) {
            (_, true) => pairs.push(s.clone()),
            (true, false) => resources.push(s.clone()),
            (false, false) => {
                return Err(ClientError::Usage(format!(
                    "all resources must be specified before {pair_type} changes: {s}"
                )));
            }
        }
    }
    Ok((resources, pairs))
}

/// Keys and values to set, and keys to remove.
pub type Changes = (Vec<(String, String)>, Vec<String>);

/// `key=value` to set and `key-` to remove.
pub fn parse_changes(pairs: &[String], noun: &str) -> Result<Changes, ClientError> {
    let mut set = Vec::new();
    let mut remove = Vec::new();
    for p in pairs {
        if let Some((k, v)) = p.split_once('=') {
            if k.is_empty() {
                return Err(ClientError::Usage(format!("invalid {noun} spec: {p}")));
            }
            set.push((k.to_string(), v.to_string()));
        } else if let Some(k) = p.strip_suffix('-') {
            remove.push(k.to_string());
        } else {
            return Err(ClientError::Usage(format!("unknown {noun} spec: {p}")));
        }
    }
    for k in &remove {
        if set.iter().any(|(s, _)| s == k) {
            return Err(ClientError::Usage(format!(
                "can not both modify and remove the following {noun}(s) in the same command: {k}"
            )));
        }
    }
    Ok((set, remove))
}

#[derive(Clone, Debug)]
pub struct LabelOptions {
    pub field: Field,
    pub selection: Selection,
    pub changes: Vec<String>,
    pub overwrite: bool,
    pub resource_version: Option<String>,
    pub list: bool,
    pub dry_run: DryRun,
    pub output: Option<PrintFormat>,
    pub field_manager: Option<String>,
}

/// `kubectl label` / `kubectl annotate`.
pub async fn run(
    session: &Session,
    opts: &LabelOptions,
    report: &mut dyn Report,
) -> Result<Vec<WriteError>, ClientError> {
    let noun = opts.field.noun();
    if opts.selection.is_empty() {
        return Err(ClientError::Usage(
            "one or more resources must be specified as <resource> <name> or <resource>/<name>".into(),
        ));
    }
    if opts.changes.is_empty() && !opts.list {
        return Err(ClientError::Usage(format!("at least one {noun} update is required")));
    }
    let (set, remove) = parse_changes(&opts.changes, noun)?;
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
        let current: Map<String, Value> = live
            .get("metadata")
            .and_then(|m| m.get(opts.field.key()))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        if opts.list && opts.changes.is_empty() {
            let mut keys: Vec<&String> = current.keys().collect();
            keys.sort();
            for k in keys {
                report.line(&format!("{k}={}", current[k].as_str().unwrap_or("")));
            }
            continue;
        }
        if !opts.overwrite {
            let clashes: Vec<String> = set
                .iter()
                .filter_map(|(k, v)| {
                    let cur = current.get(k)?.as_str()?;
                    (cur != v && !(opts.field == Field::Annotations && k == "kubernetes.io/change-cause"))
                        .then(|| format!("'{k}' already has a value ({cur})"))
                })
                .collect();
            if !clashes.is_empty() {
                let message = match opts.field {
                    Field::Labels => {
                        let each: Vec<String> =
                            clashes.iter().map(|c| format!("{c}, and --overwrite is false")).collect();
                        // Go's aggregate error: one alone, several in brackets.
                        if each.len() == 1 { each[0].clone() } else { format!("[{}]", each.join(", ")) }
                    }
                    Field::Annotations => {
                        format!(
                            "--overwrite is false but found the following declared annotation(s): {}",
                            clashes.join("; ")
                        )
                    }
                };
                errors.push(WriteError::Message(message));
                return Ok(errors);
            }
        }
        let mut updated = current.clone();
        for k in &remove {
            if updated.remove(k).is_none() && opts.field == Field::Labels {
                report.line(&format!("label \"{k}\" not found."));
            }
        }
        for (k, v) in &set {
            updated.insert(k.clone(), json!(v));
        }
        let mut old = live.clone();
        let mut new = live.clone();
        crate::k8s::meta::remove_meta(&mut old, "managedFields");
        crate::k8s::meta::remove_meta(&mut new, "managedFields");
        if updated.is_empty() {
            crate::k8s::meta::remove_meta(&mut new, opts.field.key());
        } else {
            crate::k8s::meta::set_meta(&mut new, opts.field.key(), Value::Object(updated));
        }
        let mut body = patch::create_merge_patch(&old, &new);
        if let Some(rv) = &opts.resource_version {
            body["metadata"]["resourceVersion"] = json!(rv);
        }
        let message = match opts.field {
            Field::Annotations => "annotated",
            Field::Labels => {
                let (o, n) =
                    (serde_json::to_string(&old).unwrap_or_default(), serde_json::to_string(&new).unwrap_or_default());
                if o == n {
                    "not labeled"
                } else if !opts.overwrite && n.len() < o.len() {
                    "unlabeled"
                } else {
                    "labeled"
                }
            }
        };
        let result = if opts.dry_run == DryRun::Client || patch::is_empty_patch(&body) {
            new
        } else {
            let manager = opts.field_manager.clone().unwrap_or_else(|| opts.field.field_manager().to_string());
            let mut params = WriteParams::new(&manager, opts.dry_run);
            params.field_validation = None;
            match write::patch_object(
                session,
                &t.path(),
                PatchType::Merge,
                crate::client::manifest::go_json(&body).into_bytes(),
                &params,
            )
            .await
            {
                Ok(v) => v,
                Err(e) => {
                    errors.push(WriteError::from_rest(e, "", None));
                    continue;
                }
            }
        };
        match opts.output {
            None => report.line(&format!("{} {message}{}", t.display_name(), opts.dry_run.suffix())),
            Some(f) => report.line(&write::render_object(&result, Some(&t.rt), f)?),
        }
    }
    Ok(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn split_args_puts_resources_before_changes() {
        let (r, p) = split_args(&strings(&["deploy", "web", "a=b", "c-"]), "label").expect("split");
        assert_eq!(r, ["deploy", "web"]);
        assert_eq!(p, ["a=b", "c-"]);
        assert!(split_args(&strings(&["deploy", "a=b", "web"]), "label").is_err());
    }

    #[test]
    fn parse_changes_sets_and_removes() {
        let (set, remove) = parse_changes(&strings(&["a=b", "e=", "c-"]), "label").expect("parse");
        assert_eq!(set, [("a".to_string(), "b".to_string()), ("e".to_string(), String::new())]);
        assert_eq!(remove, ["c"]);
        assert!(parse_changes(&strings(&["a=b", "a-"]), "label").is_err());
    }
}
