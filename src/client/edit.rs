//! `edit`: kubectl's edit loop. The objects are written to a temp file (YAML, or JSON with
//! `-o json`) under kubectl's comment header, the user's editor opens it, and the changes go
//! back as a two-way strategic merge patch (JSON merge patch for custom resources) with
//! `fieldManager=kubectl-edit`. When the server rejects the edit, the editor reopens the
//! user's own text with the reasons as comments at the top. Nothing the user typed is lost:
//! whenever the loop ends without applying their changes, their text stays in a file whose
//! path is printed.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::manifest;
use super::write::{self, Report, Selection, Target, WriteError, WriteParams};
use super::{ClientError, Session};
use crate::k8s::patch::{self, PatchType};

pub const FIELD_MANAGER: &str = "kubectl-edit";

const HEADER: &str = "# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
";

/// Opens a file in an editor and returns when the user is done with it.
pub trait Editor {
    fn edit(&mut self, path: &Path) -> Result<(), String>;
}

/// `$KUBE_EDITOR`, else `$EDITOR`, else `vi`, run as kubectl runs it: directly when the
/// value has no spaces, split on spaces when it has no quotes, else through `$SHELL -c`.
#[derive(Clone, Debug)]
pub struct ExternalEditor {
    args: Vec<String>,
    shell: bool,
}

impl ExternalEditor {
    pub fn from_env() -> ExternalEditor {
        let editor = ["KUBE_EDITOR", "EDITOR"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_else(|| "vi".to_string());
        ExternalEditor::new(&editor)
    }

    pub fn new(editor: &str) -> ExternalEditor {
        if !editor.contains(' ') {
            return ExternalEditor { args: vec![editor.to_string()], shell: false };
        }
        if !editor.contains(['"', '\'', '\\']) {
            return ExternalEditor { args: editor.split(' ').map(str::to_string).collect(), shell: false };
        }
        let shell = std::env::var("SHELL").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| "/bin/bash".into());
        ExternalEditor { args: vec![shell, "-c".into(), editor.to_string()], shell: true }
    }

    /// The command line for `path`.
    pub fn command(&self, path: &Path) -> Vec<String> {
        let mut args = self.args.clone();
        let p = path.display().to_string();
        if self.shell {
            let last = args.pop().unwrap_or_default();
            args.push(format!("{last} {}", go_quote(&p)));
        } else {
            args.push(p);
        }
        args
    }
}

/// Go's `%q` for a path (the shell form quotes it this way).
fn go_quote(s: &str) -> String {
    serde_json::to_string(s).expect("a string serializes")
}

impl Editor for ExternalEditor {
    fn edit(&mut self, path: &Path) -> Result<(), String> {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let args = self.command(&path);
        let shown = self.args.join(" ");
        let status = std::process::Command::new(&args[0]).args(&args[1..]).status();
        match status {
            Ok(s) if s.success() => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !args[0].contains('/') => {
                Err(format!("unable to launch the editor \"{shown}\""))
            }
            _ => Err(format!("there was a problem with the editor \"{shown}\"")),
        }
    }
}

/// The file format offered to the editor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EditFormat {
    #[default]
    Yaml,
    Json,
}

#[derive(Clone, Debug, Default)]
pub struct EditOptions {
    pub selection: Selection,
    pub format: EditFormat,
    pub field_manager: Option<String>,
    pub field_validation: Option<&'static str>,
    /// `--output-patch`: print each patch sent.
    pub output_patch: bool,
}

/// One reason the previous attempt failed, for the header.
#[derive(Clone, Debug)]
struct Reason {
    head: String,
    details: Vec<String>,
}

fn header(reasons: &[Reason]) -> String {
    let mut out = HEADER.to_string();
    for r in reasons {
        let head = r.head.replace('\n', "\n# ");
        if r.details.is_empty() {
            out.push_str(&format!("# {head}\n"));
        } else {
            out.push_str(&format!("# {head}:\n"));
        }
        for d in &r.details {
            out.push_str(&format!("# * {}\n", d.replace('\n', "\n# ")));
        }
        out.push_str("#\n");
    }
    out
}

/// kubectl's `ManualStrip`: the text without lines that are comments (`#!` lines stay).
pub fn manual_strip(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if t.starts_with('#') && !t.starts_with("#!") {
            continue;
        }
        out.push_str(line);
        if i + 1 < lines.len() {
            out.push('\n');
        }
    }
    out
}

/// kubectl's `StripComments`: compare edits by content (parsed), falling back to the text
/// without comments when it does not parse.
fn strip_comments(text: &str) -> String {
    match manifest::parse("edited-file", &manual_strip(text)) {
        Ok(objs) => manifest::go_json(&Value::Array(objs.into_iter().map(|o| o.object).collect())),
        Err(_) => manual_strip(text),
    }
}

fn has_lines(text: &str) -> bool {
    text.lines().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    })
}

/// Objects as the editor shows them: without managedFields (kubectl hides them), one object
/// alone, several as a `List`.
fn render(objects: &[Value], format: EditFormat) -> Result<String, ClientError> {
    let mut shown: Vec<Value> = objects.to_vec();
    for o in &mut shown {
        if let Some(m) = o.get_mut("metadata").and_then(Value::as_object_mut) {
            m.remove("managedFields");
        }
    }
    let doc = if shown.len() == 1 {
        shown.remove(0)
    } else {
        serde_json::json!({"apiVersion": "v1", "items": shown, "kind": "List", "metadata": {"resourceVersion": ""}})
    };
    Ok(match format {
        EditFormat::Yaml => serde_yaml::to_string(&doc).map_err(|e| ClientError::Other(e.to_string()))?,
        EditFormat::Json => format!("{}\n", super::get::to_json_4(&doc)),
    })
}

/// A new temp file `kx-edit-NNNN.yaml` holding `text`.
fn temp_file(text: &str, format: EditFormat) -> Result<PathBuf, ClientError> {
    let ext = match format {
        EditFormat::Yaml => "yaml",
        EditFormat::Json => "json",
    };
    let dir = std::env::temp_dir();
    for _ in 0..100 {
        let n = uuid::Uuid::new_v4().as_u128() % 10_000_000_000;
        let path = dir.join(format!("kx-edit-{n}.{ext}"));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut f) => {
                std::io::Write::write_all(&mut f, text.as_bytes())
                    .map_err(|e| ClientError::Other(format!("cannot write {}: {e}", path.display())))?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(ClientError::Other(format!("cannot create a temp file in {}: {e}", dir.display()))),
        }
    }
    Err(ClientError::Other("cannot create a temp file for editing".into()))
}

fn stored(path: &Path, report: &mut dyn Report) {
    if path.exists() {
        report.warning(&format!("A copy of your changes has been stored to \"{}\"", path.display()));
    }
}

/// What patching the edited objects came to.
#[derive(Default)]
struct Round {
    reasons: Vec<Reason>,
    /// Originals of objects to edit again (rejected as invalid).
    again: Vec<Value>,
    retryable: usize,
    not_found: usize,
}

/// `kubectl edit`.
pub async fn edit(
    session: &Session,
    opts: &EditOptions,
    editor: &mut dyn Editor,
    report: &mut dyn Report,
) -> Result<Vec<WriteError>, ClientError> {
    if opts.selection.is_empty() {
        return Err(ClientError::Usage(
            "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'".into(),
        ));
    }
    let (targets, errors) =
        write::select(session, &opts.selection, "resource(s) were provided, but no name was specified").await?;
    if !errors.is_empty() {
        return Ok(errors);
    }
    let mut errors = Vec::new();
    let mut originals: Vec<(Target, Value)> = Vec::new();
    for t in targets {
        match write::fetch(session, &t).await {
            Ok(obj) => originals.push((t, obj)),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Ok(errors);
    }
    if originals.is_empty() {
        return Err(ClientError::Usage("no objects passed to edit".into()));
    }

    let mut reasons: Vec<Reason> = Vec::new();
    let mut contains_error = false;
    let mut original_text = String::new();
    let mut edited = String::new();
    let mut previous_file: Option<PathBuf> = None;
    loop {
        let objects: Vec<Value> = originals.iter().map(|(_, o)| o.clone()).collect();
        let mut text = header(&reasons);
        if contains_error {
            text.push_str(&manual_strip(&edited));
        } else {
            text.push_str(&render(&objects, opts.format)?);
            original_text = text.clone();
        }
        let before = edited.clone();
        let file = temp_file(&text, opts.format)?;
        if let Err(e) = editor.edit(&file) {
            let _ = std::fs::remove_file(&file);
            if let Some(p) = &previous_file {
                stored(p, report);
            }
            return Ok(vec![WriteError::Message(e)]);
        }
        edited = std::fs::read_to_string(&file)
            .map_err(|e| ClientError::Other(format!("cannot read {}: {e}", file.display())))?;
        if contains_error {
            // Giving up after an error: an unchanged or emptied file. Keep the last attempt
            // that has content, so the user's work survives either way.
            let gave_up = strip_comments(&before) == strip_comments(&edited) || !has_lines(&edited);
            if gave_up {
                if !has_lines(&edited) {
                    let keep = format!("{}{}", header(&reasons), manual_strip(&before));
                    let _ = std::fs::write(&file, keep);
                }
                if let Some(p) = previous_file.take() {
                    let _ = std::fs::remove_file(p);
                }
                stored(&file, report);
                return Ok(vec![WriteError::Message("Edit cancelled, no valid changes were saved.".into())]);
            }
        }
        if let Some(p) = previous_file.take() {
            let _ = std::fs::remove_file(p);
        }
        if strip_comments(&original_text) == strip_comments(&edited) {
            let _ = std::fs::remove_file(&file);
            report.warning("Edit cancelled, no changes made.");
            return Ok(Vec::new());
        }
        if !has_lines(&edited) {
            let _ = std::fs::remove_file(&file);
            report.warning("Edit cancelled, saved file was empty.");
            return Ok(Vec::new());
        }
        previous_file = Some(file.clone());
        reasons.clear();

        let updated = match manifest::parse("edited-file", &edited) {
            Ok(objs) => objs,
            Err(e) => {
                contains_error = true;
                reasons.push(Reason { head: format!("The edited file had a syntax error: {e}"), details: Vec::new() });
                continue;
            }
        };
        let round = match patch_edits(session, opts, &originals, &updated, report).await {
            Ok(r) => r,
            Err(e) => {
                stored(&file, report);
                return Ok(vec![e]);
            }
        };
        if round.retryable > 0 {
            report.warning(&format!("You can run `kx replace -f {}` to try this update again.", file.display()));
            return Ok(vec![WriteError::Silent]);
        }
        if round.not_found > 0 {
            report
                .warning(&format!("The edits you made on deleted resources have been saved to \"{}\"", file.display()));
            return Ok(vec![WriteError::Silent]);
        }
        if round.again.is_empty() {
            let _ = std::fs::remove_file(&file);
            return Ok(Vec::new());
        }
        originals.retain(|(_, o)| round.again.contains(o));
        reasons = round.reasons;
        contains_error = !reasons.is_empty();
    }
}

/// Patch every edited object against its original; rejected ones are recorded in the
/// returned round, and an edit that changes identity fails the whole loop.
async fn patch_edits(
    session: &Session,
    opts: &EditOptions,
    originals: &[(Target, Value)],
    updated: &[manifest::ManifestObject],
    report: &mut dyn Report,
) -> Result<Round, WriteError> {
    let identity_changed = || WriteError::Message("At least one of apiVersion, kind and name was changed".into());
    let mut round = Round::default();
    for u in updated {
        let edited = &u.object;
        let kind = edited.get("kind").and_then(Value::as_str).unwrap_or("");
        let api_version = edited.get("apiVersion").and_then(Value::as_str).unwrap_or("");
        let name = crate::k8s::meta::name(edited);
        let Some((target, original)) = originals.iter().find(|(t, o)| {
            t.rt.kind == kind
                && crate::k8s::meta::name(o) == name
                && o.get("apiVersion").and_then(Value::as_str) == Some(api_version)
        }) else {
            return Err(identity_changed());
        };
        let mut edited = edited.clone();
        if crate::k8s::meta::namespace(&edited).is_none() && target.namespace.is_some() {
            crate::k8s::meta::set_meta(&mut edited, "namespace", target.namespace.clone().unwrap_or_default());
        }
        if crate::k8s::meta::namespace(&edited) != target.namespace.as_deref() {
            return Err(WriteError::Message(format!(
                "the namespace from the provided object \"{}\" does not match the namespace \"{}\". You must pass '--namespace={}' to perform this operation.",
                crate::k8s::meta::namespace(&edited).unwrap_or(""),
                target.namespace.as_deref().unwrap_or(""),
                crate::k8s::meta::namespace(&edited).unwrap_or("")
            )));
        }
        let mut original = original.clone();
        for o in [&mut original, &mut edited] {
            if let Some(m) = o.get_mut("metadata").and_then(Value::as_object_mut) {
                m.remove("managedFields");
            }
        }
        if original == edited {
            report.line(&format!("{} skipped", target.display_name()));
            continue;
        }
        let (body, patch_type) = if write::uses_strategic_merge(&target.rt) {
            let p = patch::create_two_way_merge_patch(&original, &edited, &target.rt.group, &target.rt.kind)
                .map_err(|e| WriteError::Message(e.to_string()))?;
            (p, PatchType::StrategicMerge)
        } else {
            (patch::create_merge_patch(&original, &edited), PatchType::Merge)
        };
        if body.get("apiVersion").is_some()
            || body.get("kind").is_some()
            || body.get("metadata").and_then(|m| m.get("name")).is_some()
        {
            return Err(identity_changed());
        }
        let text = manifest::go_json(&body);
        if opts.output_patch {
            report.line(&format!("Patch: {text}"));
        }
        let manager = opts.field_manager.clone().unwrap_or_else(|| FIELD_MANAGER.to_string());
        let mut params = WriteParams::new(&manager, write::DryRun::None);
        params.field_validation = Some(opts.field_validation.unwrap_or("Strict"));
        match write::patch_object(session, &target.path(), patch_type, text.into_bytes(), &params).await {
            Ok(_) => report.line(&format!("{} edited", target.display_name())),
            Err(e) => {
                let resource = target.rt.group_resource();
                let status = match &e {
                    super::rest::RestError::Status { status, .. } => Some(status.clone()),
                    _ => None,
                };
                if e.code() == Some(422) {
                    let details = status
                        .as_ref()
                        .and_then(|s| s.get("details"))
                        .and_then(|d| d.get("causes"))
                        .and_then(Value::as_array)
                        .map(|causes| {
                            causes
                                .iter()
                                .map(|c| {
                                    format!(
                                        "{}: {}",
                                        c.get("field").and_then(Value::as_str).unwrap_or("<nil>"),
                                        c.get("message").and_then(Value::as_str).unwrap_or("")
                                    )
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    round
                        .reasons
                        .push(Reason { head: format!("{resource} \"{}\" was not valid", target.name), details });
                    round.again.push(original_of(originals, target));
                    report.warning(&format!("error: {resource} \"{}\" is invalid", target.name));
                } else if e.is_not_found() {
                    round.not_found += 1;
                    report.warning(&format!("error: {resource} \"{}\" could not be found on the server", target.name));
                } else {
                    round.retryable += 1;
                    let message = status
                        .as_ref()
                        .and_then(|s| s.get("message"))
                        .and_then(Value::as_str)
                        .map(str::to_string)
                        .unwrap_or_else(|| e.to_string());
                    report.warning(&format!("error: {resource} \"{}\" could not be patched: {message}", target.name));
                }
            }
        }
    }
    Ok(round)
}

fn original_of(originals: &[(Target, Value)], target: &Target) -> Value {
    originals
        .iter()
        .find(|(t, _)| t.name == target.name && t.rt == target.rt && t.namespace == target.namespace)
        .map(|(_, o)| o.clone())
        .unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lists_reasons_like_kubectl() {
        let r = vec![Reason {
            head: "deployments.apps \"web\" was not valid".into(),
            details: vec!["spec.replicas: Invalid value: -1: must be greater than or equal to 0".into()],
        }];
        let h = header(&r);
        assert!(h.starts_with(HEADER));
        assert!(h.ends_with("# deployments.apps \"web\" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n"));
    }

    #[test]
    fn strip_comments_ignores_comments_and_formatting() {
        let a = "# hi\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n";
        let b = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n";
        assert_eq!(strip_comments(a), strip_comments(b));
        assert!(!has_lines("# only\n\n"));
        assert!(has_lines("# c\na: 1\n"));
    }

    #[test]
    fn manual_strip_keeps_shebangs_and_content() {
        assert_eq!(manual_strip("# a\n#!x\nb: 1\n  # c\n"), "#!x\nb: 1\n");
    }

    #[test]
    fn external_editor_splits_like_kubectl() {
        let p = Path::new("/tmp/x.yaml");
        assert_eq!(ExternalEditor::new("vim").command(p), ["vim", "/tmp/x.yaml"]);
        assert_eq!(ExternalEditor::new("code --wait").command(p), ["code", "--wait", "/tmp/x.yaml"]);
        let shell = ExternalEditor::new("sed -i 's/a/b/'").command(p);
        assert_eq!(shell[1], "-c");
        assert_eq!(shell[2], "sed -i 's/a/b/' \"/tmp/x.yaml\"");
    }

    #[test]
    fn render_hides_managed_fields_and_lists_several() {
        let a = serde_json::json!({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","managedFields":[{}]}});
        let one = render(std::slice::from_ref(&a), EditFormat::Yaml).expect("yaml");
        assert!(!one.contains("managedFields"));
        let two = render(&[a.clone(), a], EditFormat::Json).expect("json");
        assert!(two.contains("\"kind\": \"List\""));
    }
}
