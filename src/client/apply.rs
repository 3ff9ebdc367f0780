//! `apply`, exactly as kubectl does it, so that kx and kubectl can take turns on the same
//! objects. Client-side apply: GET the object; if it is missing, POST it with the
//! `last-applied-configuration` annotation; otherwise PATCH the three-way merge of the last
//! applied configuration, the new manifest and the live object (strategic merge for built-in
//! kinds, JSON merge for custom resources), computed by `k8s::patch`, the same code the
//! embedded apiserver runs. An empty patch sends nothing (`unchanged`). Server-side apply
//! sends the manifest as an apply patch. Also `--prune`, `--dry-run` and `-o`.
//!
//! kx uses kubectl's field managers (`kubectl-client-side-apply`, and `kubectl` for
//! server-side apply): the server attributes fields by manager name, so sharing kubectl's
//! names is what lets a user switch tools without ownership conflicts or fields that neither
//! tool will remove.

use serde_json::{Map, Value};

use super::manifest::{self, Input};
use super::write::{self, DryRun, LAST_APPLIED, PrintFormat, Report, Target, WriteError, WriteParams};
use super::{ClientError, Session};
use crate::k8s::patch::{self, PatchType};
use crate::k8s::selector::LabelSelector;

pub const CLIENT_SIDE_FIELD_MANAGER: &str = "kubectl-client-side-apply";
pub const SERVER_SIDE_FIELD_MANAGER: &str = "kubectl";
/// How often a patch is retried after a 409 Conflict, re-reading the object each time.
const MAX_PATCH_RETRIES: usize = 5;

#[derive(Clone, Debug)]
pub struct ApplyOptions {
    pub inputs: Vec<Input>,
    pub recursive: bool,
    pub server_side: bool,
    pub force_conflicts: bool,
    pub dry_run: DryRun,
    /// `--field-manager`; kubectl's defaults otherwise.
    pub field_manager: Option<String>,
    /// `fieldValidation`: `Strict` unless `--validate` says otherwise.
    pub field_validation: &'static str,
    /// `-l`: only objects with matching labels are applied (and pruned).
    pub selector: Option<String>,
    pub prune: bool,
    /// `--all` with `--prune`: prune without a selector.
    pub all: bool,
    /// `--prune-allowlist` as `group/version/Kind` (`core/v1/ConfigMap`); empty for kubectl's
    /// default set.
    pub prune_allowlist: Vec<String>,
    /// `--overwrite` (default true): let the manifest win over changes made on the server.
    pub overwrite: bool,
    pub output: Option<PrintFormat>,
}

impl Default for ApplyOptions {
    fn default() -> ApplyOptions {
        ApplyOptions {
            inputs: Vec::new(),
            recursive: false,
            server_side: false,
            force_conflicts: false,
            dry_run: DryRun::None,
            field_manager: None,
            field_validation: "Strict",
            selector: None,
            prune: false,
            all: false,
            prune_allowlist: Vec::new(),
            overwrite: true,
            output: None,
        }
    }
}

/// What happened to one object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Created,
    Configured,
    Unchanged,
    ServerSideApplied,
}

impl Outcome {
    pub fn word(self) -> &'static str {
        match self {
            Outcome::Created => "created",
            Outcome::Configured => "configured",
            Outcome::Unchanged => "unchanged",
            Outcome::ServerSideApplied => "serverside-applied",
        }
    }
}

/// `kubectl validate` flag values to `fieldValidation`.
pub fn field_validation(validate: &str) -> Result<&'static str, ClientError> {
    match validate {
        "true" | "strict" | "" => Ok("Strict"),
        "warn" => Ok("Warn"),
        "false" | "ignore" => Ok("Ignore"),
        other => Err(ClientError::Usage(format!(
            "invalid - validate option \"{other}\"; must be one of: strict (or true), warn, ignore (or false)"
        ))),
    }
}

/// The last-applied configuration kubectl records for `object` (its `GetModifiedConfiguration`):
/// the object as Go's JSON encoder writes it, without the annotation itself but with
/// `metadata.annotations` present even when empty, and a trailing newline.
pub fn last_applied_configuration(object: &Value) -> String {
    let mut obj = object.clone();
    let annotations = annotations_without_last_applied(&obj);
    crate::k8s::meta::metadata_mut(&mut obj).insert("annotations".into(), Value::Object(annotations));
    format!("{}\n", manifest::go_json(&obj))
}

fn annotations_without_last_applied(obj: &Value) -> Map<String, Value> {
    let mut annotations =
        obj.get("metadata").and_then(|m| m.get("annotations")).and_then(Value::as_object).cloned().unwrap_or_default();
    annotations.remove(LAST_APPLIED);
    annotations
}

/// `object` with its last-applied annotation set: what apply creates, and the "modified"
/// side of its three-way patch.
pub fn with_last_applied(object: &Value) -> Value {
    let text = last_applied_configuration(object);
    let mut obj = object.clone();
    let mut annotations = annotations_without_last_applied(&obj);
    annotations.insert(LAST_APPLIED.into(), Value::String(text));
    crate::k8s::meta::metadata_mut(&mut obj).insert("annotations".into(), Value::Object(annotations));
    obj
}

/// The previous last-applied configuration recorded on a live object.
fn original_configuration(live: &Value) -> Result<Option<Value>, String> {
    match crate::k8s::meta::annotation(live, LAST_APPLIED) {
        None | Some("") => Ok(None),
        Some(text) => serde_json::from_str(text).map(Some).map_err(|e| format!("invalid {LAST_APPLIED}: {e}")),
    }
}

/// The patch client-side apply sends for `modified` (annotation included) against `live`,
/// and its content type. `{}` means nothing to do.
pub fn apply_patch(
    target: &Target,
    modified: &Value,
    live: &Value,
    overwrite: bool,
) -> Result<(Value, PatchType), String> {
    let original = original_configuration(live)?;
    if write::uses_strategic_merge(&target.rt) {
        patch::create_three_way_merge_patch(
            original.as_ref(),
            modified,
            live,
            &target.rt.group,
            &target.rt.kind,
            overwrite,
        )
        .map(|p| (p, PatchType::StrategicMerge))
        .map_err(|e| e.to_string())
    } else {
        let p =
            patch::create_three_way_json_merge_patch(original.as_ref(), modified, live).map_err(|e| e.to_string())?;
        // kubectl refuses merge patches that would change what identifies the object.
        for key in ["apiVersion", "kind"] {
            if p.get(key).is_some() {
                return Err("at least one of apiVersion, kind and name was changed".into());
            }
        }
        if p.get("metadata").and_then(|m| m.get("name")).is_some() {
            return Err("at least one of apiVersion, kind and name was changed".into());
        }
        Ok((p, PatchType::Merge))
    }
}

/// Apply one object. Returns what happened and the object as the server (or, for a client
/// dry run, kx) has it.
pub async fn apply_one(
    session: &Session,
    target: &Target,
    opts: &ApplyOptions,
    report: &mut dyn Report,
) -> Result<(Outcome, Value), WriteError> {
    let source = Some(target.source.as_str());
    if target.name.is_empty() {
        if crate::k8s::meta::meta_str(&target.object, "generateName").is_some() {
            return Err(WriteError::Message(format!("from {}: cannot use generate name with apply", target.source)));
        }
        return Err(WriteError::Message(format!(
            "error when retrieving current configuration of:\n{}\nfrom server for: \"{}\": resource name may not be empty",
            target.describe(),
            target.source
        )));
    }
    if opts.server_side {
        return server_side_apply(session, target, opts).await;
    }
    let manager = opts.field_manager.clone().unwrap_or_else(|| CLIENT_SIDE_FIELD_MANAGER.to_string());
    let mut params = WriteParams::new(&manager, opts.dry_run);
    params.field_validation = Some(opts.field_validation);
    let modified = with_last_applied(&target.object);
    let mut live = match write::get_object(session, &target.path()).await {
        Ok(v) => v,
        Err(e) if e.is_not_found() => {
            if opts.dry_run == DryRun::Client {
                return Ok((Outcome::Created, modified));
            }
            let created = write::create_object(session, &target.collection_path(), &modified, &params)
                .await
                .map_err(|e| WriteError::from_rest(e, "creating", source))?;
            return Ok((Outcome::Created, created));
        }
        Err(e) => {
            let verb = format!("retrieving current configuration of:\n{}\nfrom server for:", target.describe());
            return Err(WriteError::from_rest(e, &verb, source));
        }
    };
    if opts.dry_run == DryRun::Client {
        return Ok((Outcome::Configured, modified));
    }
    if crate::k8s::meta::annotation(&live, LAST_APPLIED).is_none() {
        report.warning(&format!(
            "Warning: resource {} is missing the {LAST_APPLIED} annotation which is required by kx apply. kx apply should only be used on resources created declaratively by either kx create --save-config or kx apply. The missing annotation will be patched automatically.",
            target.resource_name()
        ));
    }
    let mut attempt = 0;
    loop {
        let (patch, patch_type) = apply_patch(target, &modified, &live, opts.overwrite).map_err(|e| {
            WriteError::Message(format!(
                "error when creating patch with:\noriginal:\n{}\nmodified:\n{}\ncurrent:\n{}\nfor: \"{}\": {e}",
                crate::k8s::meta::annotation(&live, LAST_APPLIED).unwrap_or(""),
                manifest::go_json(&modified),
                manifest::go_json(&live),
                target.source
            ))
        })?;
        if patch::is_empty_patch(&patch) {
            return Ok((Outcome::Unchanged, live));
        }
        let body = manifest::go_json(&patch);
        match write::patch_object(session, &target.path(), patch_type, body.clone().into_bytes(), &params).await {
            Ok(v) => return Ok((Outcome::Configured, v)),
            Err(e) if e.is_conflict() && attempt < MAX_PATCH_RETRIES => {
                attempt += 1;
                if attempt > 1 {
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
                live =
                    write::get_object(session, &target.path()).await.map_err(|e| WriteError::from_rest(e, "", None))?;
            }
            Err(e) => {
                let verb = format!("applying patch:\n{body}\nto:\n{}\nfor:", target.describe());
                let inner = WriteError::from_rest(e, "patching", source);
                return Err(match inner {
                    WriteError::Status(mut s) => {
                        let message = s.get("message").and_then(Value::as_str).unwrap_or("").to_string();
                        s["message"] = Value::String(format!("error when {verb} \"{}\": {message}", target.source));
                        WriteError::Status(s)
                    }
                    other => other,
                });
            }
        }
    }
}

async fn server_side_apply(
    session: &Session,
    target: &Target,
    opts: &ApplyOptions,
) -> Result<(Outcome, Value), WriteError> {
    let manager = opts.field_manager.clone().unwrap_or_else(|| SERVER_SIDE_FIELD_MANAGER.to_string());
    let mut params = WriteParams::new(&manager, opts.dry_run);
    params.field_validation = Some(opts.field_validation);
    params.force = Some(opts.force_conflicts);
    let body = manifest::go_json(&target.object).into_bytes();
    match write::patch_object(session, &target.path(), PatchType::Apply, body, &params).await {
        Ok(v) => Ok((Outcome::ServerSideApplied, v)),
        Err(e) if e.code() == Some(409) && e.reason() == "Conflict" => {
            let message = match &e {
                super::rest::RestError::Status { status, .. } => {
                    status.get("message").and_then(Value::as_str).unwrap_or("").to_string()
                }
                other => other.to_string(),
            };
            Err(WriteError::Message(format!("{message}\n{SSA_CONFLICT_HELP}")))
        }
        Err(e) => Err(WriteError::from_rest(e, "patching", Some(&target.source))),
    }
}

/// kubectl's advice when server-side apply meets a field owned by another manager.
const SSA_CONFLICT_HELP: &str = "Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the `--force-conflicts` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts";

/// `kubectl apply`: read the manifests, apply each object, prune if asked. Result lines go to
/// `report`; the errors come back to be printed at the end, as kubectl does.
pub async fn apply(
    session: &Session,
    opts: &ApplyOptions,
    report: &mut dyn Report,
) -> Result<Vec<WriteError>, ClientError> {
    if opts.server_side && opts.dry_run == DryRun::Client {
        return Err(ClientError::Usage(
            "--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)".into(),
        ));
    }
    if opts.force_conflicts && !opts.server_side {
        return Err(ClientError::Usage("--force-conflicts only works with --server-side".into()));
    }
    let selector = match &opts.selector {
        Some(s) => Some(LabelSelector::parse(s).map_err(|e| ClientError::Usage(e.to_string()))?),
        None => None,
    };
    if opts.prune && selector.is_none() && !opts.all {
        return Err(ClientError::Usage("all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector".into()));
    }
    if opts.inputs.is_empty() {
        return Err(ClientError::Usage("must specify one of -f and -k".into()));
    }
    let files = manifest::read_inputs(&opts.inputs, opts.recursive).map_err(|e| ClientError::Usage(e.to_string()))?;
    let (mut targets, mut errors) = write::targets(session, files).await;
    if let Some(sel) = &selector {
        targets.retain(|t| sel.matches_object(&t.object));
    }
    if targets.is_empty() && errors.is_empty() {
        return Err(ClientError::Usage("no objects passed to apply".into()));
    }
    let mut printed: Vec<Value> = Vec::new();
    let mut visited: Vec<(String, Option<String>, String)> = Vec::new();
    for t in &targets {
        match apply_one(session, t, opts, report).await {
            Ok((outcome, obj)) => {
                visited.push((t.rt.group_resource(), t.namespace.clone(), t.name.clone()));
                match opts.output {
                    Some(PrintFormat::Name) => report.line(&t.display_name()),
                    Some(_) => printed.push(obj),
                    None => report.line(&format!("{} {}{}", t.display_name(), outcome.word(), opts.dry_run.suffix())),
                }
            }
            Err(e) => errors.push(e),
        }
    }
    if let Some(format @ (PrintFormat::Json | PrintFormat::Yaml)) = opts.output
        && !printed.is_empty()
    {
        report.line(&write::render_objects(&printed, format)?);
    }
    if opts.prune {
        prune(session, opts, selector.as_ref(), &visited, report, &mut errors).await?;
    }
    Ok(errors)
}

/// kubectl's default `--prune` set: `(group, version, kind)`.
const PRUNE_DEFAULT: &[(&str, &str, &str)] = &[
    ("", "v1", "ConfigMap"),
    ("", "v1", "Endpoints"),
    ("", "v1", "Namespace"),
    ("", "v1", "PersistentVolumeClaim"),
    ("", "v1", "PersistentVolume"),
    ("", "v1", "Pod"),
    ("", "v1", "ReplicationController"),
    ("", "v1", "Secret"),
    ("", "v1", "Service"),
    ("batch", "v1", "Job"),
    ("batch", "v1", "CronJob"),
    ("networking.k8s.io", "v1", "Ingress"),
    ("apps", "v1", "DaemonSet"),
    ("apps", "v1", "Deployment"),
    ("apps", "v1", "ReplicaSet"),
    ("apps", "v1", "StatefulSet"),
];

/// Delete objects of the prune set that carry the last-applied annotation, match the
/// selector, live in a namespace this apply touched (or are cluster-scoped), and were not
/// part of this apply.
async fn prune(
    session: &Session,
    opts: &ApplyOptions,
    selector: Option<&LabelSelector>,
    visited: &[(String, Option<String>, String)],
    report: &mut dyn Report,
    errors: &mut Vec<WriteError>,
) -> Result<(), ClientError> {
    let mut kinds: Vec<(String, String, String)> = Vec::new();
    if opts.prune_allowlist.is_empty() {
        kinds.extend(PRUNE_DEFAULT.iter().map(|(g, v, k)| (g.to_string(), v.to_string(), k.to_string())));
    } else {
        for entry in &opts.prune_allowlist {
            let parts: Vec<&str> = entry.split('/').collect();
            let [g, v, k] = parts[..] else {
                return Err(ClientError::Usage(format!(
                    "invalid GroupVersionKind format: {entry}, please follow <group/version/kind>"
                )));
            };
            kinds.push((if g == "core" { String::new() } else { g.to_string() }, v.to_string(), k.to_string()));
        }
    }
    let mut namespaces: Vec<String> = visited.iter().filter_map(|(_, ns, _)| ns.clone()).collect();
    namespaces.sort();
    namespaces.dedup();
    let mut mapper = write::Mapper::new(session);
    let query = opts.selector.as_deref().map(|s| super::rest::query(&[("labelSelector", s)])).unwrap_or_default();
    let mut params = WriteParams::new("", opts.dry_run);
    params.field_manager = None;
    params.field_validation = None;
    for (group, version, kind) in kinds {
        let api_version = if group.is_empty() { version.clone() } else { format!("{group}/{version}") };
        let Some(rt) = mapper.map(&api_version, &kind).await? else { continue };
        let scopes: Vec<Option<String>> =
            if rt.namespaced { namespaces.iter().cloned().map(Some).collect() } else { vec![None] };
        for ns in scopes {
            let base = super::rest::path(&rt, ns.as_deref(), None);
            let url = if query.is_empty() { base } else { format!("{base}?{query}") };
            let list = match write::get_object(session, &url).await {
                Ok(l) => l,
                Err(e) => {
                    errors.push(WriteError::from_rest(e, "", None));
                    continue;
                }
            };
            for item in list.get("items").and_then(Value::as_array).into_iter().flatten() {
                let name = crate::k8s::meta::name(item).to_string();
                let item_ns = crate::k8s::meta::namespace(item).map(str::to_string);
                if crate::k8s::meta::annotation(item, LAST_APPLIED).is_none()
                    || selector.is_some_and(|s| !s.matches_object(item))
                    || visited
                        .iter()
                        .any(|(gr, vns, vname)| *gr == rt.group_resource() && *vns == item_ns && *vname == name)
                {
                    continue;
                }
                let target =
                    Target { rt: rt.clone(), namespace: item_ns, name, source: String::new(), object: Value::Null };
                if opts.dry_run != DryRun::Client {
                    let options = serde_json::json!({"propagationPolicy": "Background"});
                    if let Err(e) =
                        write::delete_object(session, &target.path(), &options, opts.dry_run == DryRun::Server).await
                    {
                        errors.push(WriteError::from_rest(e, "", None));
                        continue;
                    }
                }
                report.line(&format!("{} pruned{}", target.display_name(), opts.dry_run.suffix()));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn last_applied_configuration_matches_kubectls_bytes() {
        // Recorded from kubectl 1.33 applying tests/fixtures/seed/fe-nginx-deployment.yaml.
        let obj = json!({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"fe-nginx-deployment","namespace":"default","labels":{"app":"fe-nginx"}},
            "spec":{"replicas":2,"selector":{"matchLabels":{"app":"fe-nginx"}},"template":{"metadata":{"labels":{"app":"fe-nginx"}},
            "spec":{"containers":[{"name":"fe-nginx","image":"jnuho/fe-nginx:latest","imagePullPolicy":"IfNotPresent","ports":[{"containerPort":80}]}]}}}});
        let want = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"fe-nginx\"},\"name\":\"fe-nginx-deployment\",\"namespace\":\"default\"},\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"fe-nginx\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"fe-nginx\"}},\"spec\":{\"containers\":[{\"image\":\"jnuho/fe-nginx:latest\",\"imagePullPolicy\":\"IfNotPresent\",\"name\":\"fe-nginx\",\"ports\":[{\"containerPort\":80}]}]}}}}\n";
        assert_eq!(last_applied_configuration(&obj), want);
    }

    #[test]
    fn with_last_applied_ignores_a_previous_annotation() {
        let obj = json!({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","annotations":{LAST_APPLIED:"old","x":"y"}}});
        let m = with_last_applied(&obj);
        let text = m["metadata"]["annotations"][LAST_APPLIED].as_str().expect("annotation");
        assert_eq!(
            text,
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"annotations\":{\"x\":\"y\"},\"name\":\"a\"}}\n"
        );
        assert_eq!(m["metadata"]["annotations"]["x"], "y");
    }

    fn cm_target(obj: Value) -> Target {
        let rt = crate::k8s::catalog::lookup("", "v1", "configmaps").expect("configmaps").clone();
        Target { rt, namespace: Some("default".into()), name: "a".into(), source: "f.yaml".into(), object: obj }
    }

    #[test]
    fn apply_patch_unchanged_when_live_matches() {
        let manifest = json!({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"default"},"data":{"k":"v"}});
        let mut live = with_last_applied(&manifest);
        live["metadata"]["uid"] = json!("u1");
        live["metadata"]["resourceVersion"] = json!("7");
        let t = cm_target(manifest.clone());
        let (p, ty) = apply_patch(&t, &with_last_applied(&manifest), &live, true).expect("patch");
        assert_eq!(ty, PatchType::StrategicMerge);
        assert!(patch::is_empty_patch(&p), "{p}");
    }

    #[test]
    fn apply_patch_removes_a_field_dropped_from_the_manifest() {
        let old = json!({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"default"},"data":{"k":"v","gone":"x"}});
        let live = with_last_applied(&old);
        let new = json!({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"default"},"data":{"k":"v"}});
        let t = cm_target(new.clone());
        let (p, _) = apply_patch(&t, &with_last_applied(&new), &live, true).expect("patch");
        assert_eq!(p["data"], json!({"gone": null}));
        assert!(p["metadata"]["annotations"][LAST_APPLIED].is_string());
    }

    #[test]
    fn apply_patch_custom_resources_use_merge_patch() {
        let mut rt = crate::k8s::catalog::lookup("", "v1", "configmaps").expect("configmaps").clone();
        rt.group = "example.com".into();
        rt.kind = "Widget".into();
        let old =
            json!({"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"a"},"spec":{"size":"l","x":1}});
        let new = json!({"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"a"},"spec":{"size":"s"}});
        let t = Target { rt, namespace: None, name: "a".into(), source: "f".into(), object: new.clone() };
        let (p, ty) = apply_patch(&t, &with_last_applied(&new), &with_last_applied(&old), true).expect("patch");
        assert_eq!(ty, PatchType::Merge);
        assert_eq!(p["spec"], json!({"size": "s", "x": null}));
    }
}
