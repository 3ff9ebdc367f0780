//! What the write commands (apply, create, delete, diff, edit, label, annotate, patch, scale,
//! set) share: mapping manifest objects to resource types through discovery, the namespace
//! rules, naming objects as kubectl prints them, dry-run modes, the requests with kubectl's
//! query parameters (`fieldManager`, `fieldValidation=Strict`, `dryRun=All`), and kubectl's
//! way of reporting several errors at the end of a command. A [`Report`] receives the lines a
//! command prints, so the CLI prints them and the TUI can show them.

use serde_json::Value;

use super::discovery::Discovery;
use super::get::kind_prefix;
use super::manifest::{ManifestError, ManifestFile, ManifestObject};
use super::rest::{self, RestError};
use super::{ClientError, Session};
use crate::k8s::catalog::{ResourceType, split_api_version};
use crate::k8s::patch::PatchType;

/// The annotation client-side apply keeps the last applied manifest in.
pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// Where a command's output goes. The CLI prints `line`s on stdout and `warning`s on stderr.
pub trait Report {
    fn line(&mut self, text: &str);
    fn warning(&mut self, text: &str);
}

/// A [`Report`] that keeps everything, for tests and the TUI.
#[derive(Debug, Default)]
pub struct Collected {
    pub lines: Vec<String>,
    pub warnings: Vec<String>,
}

impl Report for Collected {
    fn line(&mut self, text: &str) {
        self.lines.push(text.to_string());
    }
    fn warning(&mut self, text: &str) {
        self.warnings.push(text.to_string());
    }
}

/// `--dry-run`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DryRun {
    #[default]
    None,
    /// Nothing is sent that changes anything; the result is computed locally.
    Client,
    /// Requests are sent with `dryRun=All`: the server validates and answers, persists nothing.
    Server,
}

impl DryRun {
    /// kubectl's `--dry-run` values; a bare `--dry-run` means client.
    pub fn parse(value: Option<&str>) -> Result<DryRun, ClientError> {
        match value {
            None | Some("none") | Some("false") => Ok(DryRun::None),
            Some("client") | Some("true") | Some("unchanged") | Some("") => Ok(DryRun::Client),
            Some("server") => Ok(DryRun::Server),
            Some(other) => Err(ClientError::Usage(format!(
                "Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."
            ))),
        }
    }

    /// What kubectl appends to result lines.
    pub fn suffix(self) -> &'static str {
        match self {
            DryRun::None => "",
            DryRun::Client => " (dry run)",
            DryRun::Server => " (server dry run)",
        }
    }
}

/// `-o` for commands that print the objects they wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrintFormat {
    Name,
    Json,
    Yaml,
}

impl PrintFormat {
    pub fn parse(value: Option<&str>) -> Result<Option<PrintFormat>, ClientError> {
        match value {
            None | Some("") => Ok(None),
            Some("name") => Ok(Some(PrintFormat::Name)),
            Some("json") => Ok(Some(PrintFormat::Json)),
            Some("yaml") => Ok(Some(PrintFormat::Yaml)),
            Some(other) => Err(ClientError::Usage(format!(
                "unable to match a printer suitable for the output format \"{other}\", allowed formats are: json,name,yaml"
            ))),
        }
    }
}

/// An object printed as `-o` asks (without a trailing newline for `name`).
pub fn render_object(obj: &Value, rt: Option<&ResourceType>, format: PrintFormat) -> Result<String, ClientError> {
    match format {
        PrintFormat::Name => {
            let prefix = match rt {
                Some(rt) => kind_prefix(rt),
                None => obj.get("kind").and_then(Value::as_str).unwrap_or("").to_lowercase(),
            };
            Ok(format!("{prefix}/{}", crate::k8s::meta::name(obj)))
        }
        PrintFormat::Json => Ok(super::get::to_json_4(obj)),
        PrintFormat::Yaml => {
            let text = serde_yaml::to_string(obj).map_err(|e| ClientError::Other(e.to_string()))?;
            Ok(text.trim_end_matches('\n').to_string())
        }
    }
}

/// Several objects as one `-o json|yaml` document: one object alone, more as a `List`.
pub fn render_objects(objs: &[Value], format: PrintFormat) -> Result<String, ClientError> {
    match (format, objs) {
        (PrintFormat::Name, _) => Ok(objs
            .iter()
            .map(|o| render_object(o, None, PrintFormat::Name))
            .collect::<Result<Vec<_>, _>>()?
            .join("\n")),
        (_, [one]) => render_object(one, None, format),
        _ => {
            let list = serde_json::json!({"apiVersion": "v1", "items": objs, "kind": "List", "metadata": {"resourceVersion": ""}});
            render_object(&list, None, format)
        }
    }
}

/// A failure of one object, reported at the end of the command as kubectl does.
#[derive(Clone, Debug, PartialEq)]
pub enum WriteError {
    /// The server's Status; its message may carry what was being done
    /// (`error when creating "f.yaml": …`).
    Status(Value),
    /// A client-side problem; kubectl prefixes it with `error: ` when it is the only one.
    Message(String),
    /// Printed exactly as is (`Unable to connect to the server: …`).
    Verbatim(String),
    /// A failure already explained on stderr: exit 1 and print nothing more.
    Silent,
}

impl WriteError {
    /// A REST failure, with kubectl's `AddSourceToErr` context when there is a source:
    /// `error when {verb} "{source}": {message}`.
    pub fn from_rest(e: RestError, verb: &str, source: Option<&str>) -> WriteError {
        match e {
            RestError::Status { status, .. } => {
                let mut status = status;
                if let Some(src) = source.filter(|s| !s.is_empty()) {
                    let message = status.get("message").and_then(Value::as_str).unwrap_or("").to_string();
                    status["message"] = Value::String(format!("error when {verb} \"{src}\": {message}"));
                }
                WriteError::Status(status)
            }
            RestError::Transport(t) => WriteError::Verbatim(format!("Unable to connect to the server: {t}")),
        }
    }

    /// The line(s) kubectl prints when this is the command's only error.
    pub fn standalone(&self) -> String {
        match self {
            WriteError::Status(s) => rest::status_message(s),
            WriteError::Message(m) if m.starts_with("error: ") => m.clone(),
            WriteError::Message(m) => format!("error: {m}"),
            WriteError::Verbatim(m) => m.clone(),
            WriteError::Silent => String::new(),
        }
    }

    /// The line(s) kubectl prints for this error among others (cmdutil `MultipleErrors`):
    /// server errors always as `Error from server (Reason): message`, others bare.
    pub fn in_list(&self) -> String {
        match self {
            WriteError::Status(s) => {
                let reason = s.get("reason").and_then(Value::as_str).unwrap_or("");
                let message = s.get("message").and_then(Value::as_str).unwrap_or("");
                if reason.is_empty() || reason == "Unknown" {
                    format!("Error from server: {message}")
                } else {
                    format!("Error from server ({reason}): {message}")
                }
            }
            WriteError::Message(m) | WriteError::Verbatim(m) => m.clone(),
            WriteError::Silent => String::new(),
        }
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, WriteError::Status(s) if s.get("code").and_then(Value::as_u64) == Some(404))
    }
}

impl From<ManifestError> for WriteError {
    fn from(e: ManifestError) -> WriteError {
        WriteError::Message(e.to_string())
    }
}

impl From<ClientError> for WriteError {
    fn from(e: ClientError) -> WriteError {
        match e {
            ClientError::Rest(r) => WriteError::from_rest(r, "", None),
            other => WriteError::Verbatim(other.kubectl_message()),
        }
    }
}

/// What kubectl prints on stderr for a command's errors: one error as itself, several one
/// per line in kubectl's list form.
pub fn render_errors(errors: &[WriteError]) -> Vec<String> {
    let shown: Vec<&WriteError> = errors.iter().filter(|e| **e != WriteError::Silent).collect();
    match shown[..] {
        [] => Vec::new(),
        [one] => vec![one.standalone()],
        ref many => many.iter().map(|e| e.in_list()).collect(),
    }
}

/// An object to write: its type, where it lives, and where it came from.
#[derive(Clone, Debug)]
pub struct Target {
    pub rt: ResourceType,
    /// `None` for cluster-scoped types.
    pub namespace: Option<String>,
    pub name: String,
    /// The file it was read from (`STDIN`), empty for objects named on the command line.
    pub source: String,
    /// The object as read (with its namespace filled in); `Null` for objects named on the
    /// command line.
    pub object: Value,
}

impl Target {
    pub fn path(&self) -> String {
        rest::path(&self.rt, self.namespace.as_deref(), Some(&self.name))
    }

    pub fn collection_path(&self) -> String {
        rest::path(&self.rt, self.namespace.as_deref(), None)
    }

    /// `deployment.apps/web`: how result lines name the object.
    pub fn display_name(&self) -> String {
        format!("{}/{}", kind_prefix(&self.rt), self.name)
    }

    /// `deployments.apps/web`: kubectl's `info.ObjectName()`, used in warnings.
    pub fn resource_name(&self) -> String {
        format!("{}/{}", self.rt.group_resource(), self.name)
    }

    /// kubectl's `info.String()` as it appears in patch errors.
    pub fn describe(&self) -> String {
        let gv = if self.rt.group.is_empty() {
            format!("/{}", self.rt.version)
        } else {
            format!("{}/{}", self.rt.group, self.rt.version)
        };
        format!(
            "Resource: \"{gv}, Resource={}\", GroupVersionKind: \"{gv}, Kind={}\"\nName: \"{}\", Namespace: \"{}\"",
            self.rt.plural,
            self.rt.kind,
            self.name,
            self.namespace.as_deref().unwrap_or("")
        )
    }
}

/// Maps `apiVersion` and `kind` to resource types, refreshing discovery once when a kind is
/// unknown (a CRD may have been created moments ago, perhaps by this very command).
pub struct Mapper<'a> {
    session: &'a Session,
    refreshed: Option<Discovery>,
}

impl<'a> Mapper<'a> {
    pub fn new(session: &'a Session) -> Mapper<'a> {
        Mapper { session, refreshed: None }
    }

    pub async fn map(&mut self, api_version: &str, kind: &str) -> Result<Option<ResourceType>, ClientError> {
        let (group, version) = split_api_version(api_version);
        let find = |d: &Discovery| {
            d.types.iter().find(|t| t.group == group && t.version == version && t.kind == kind).cloned()
        };
        if let Some(d) = &self.refreshed {
            return Ok(find(d));
        }
        if let Some(rt) = find(self.session.discovery().await?) {
            return Ok(Some(rt));
        }
        let fresh = Discovery::load(self.session.client(), &self.session.conn.cluster_url, true).await?;
        let found = find(&fresh);
        self.refreshed = Some(fresh);
        Ok(found)
    }

    /// The target for a manifest object: its type, and its namespace by kubectl's rules
    /// (the object's own, else `-n` or the context's; with an explicit `-n` the two must
    /// agree). The namespace is written into namespaced objects, as kubectl does before
    /// computing the last-applied configuration.
    pub async fn target(&mut self, m: &ManifestObject) -> Result<Target, WriteError> {
        let api_version = m.object.get("apiVersion").and_then(Value::as_str).unwrap_or("");
        let kind = m.object.get("kind").and_then(Value::as_str).unwrap_or("");
        let name = crate::k8s::meta::name(&m.object).to_string();
        let own_ns = crate::k8s::meta::namespace(&m.object).map(str::to_string);
        let rt = self.map(api_version, kind).await.map_err(WriteError::from)?.ok_or_else(|| {
            WriteError::Message(format!(
                "resource mapping not found for name: \"{name}\" namespace: \"{}\" from \"{}\": no matches for kind \"{kind}\" in version \"{api_version}\"\nensure CRDs are installed first",
                own_ns.as_deref().unwrap_or(""),
                m.source
            ))
        })?;
        let mut object = m.object.clone();
        let namespace = if rt.namespaced {
            let default = self.session.namespace().to_string();
            let ns = own_ns.clone().unwrap_or_else(|| default.clone());
            if self.session.conn.namespace_explicit && ns != default {
                return Err(WriteError::Message(format!(
                    "the namespace from the provided object \"{ns}\" does not match the namespace \"{default}\". You must pass '--namespace={ns}' to perform this operation."
                )));
            }
            crate::k8s::meta::set_meta(&mut object, "namespace", ns.clone());
            Some(ns)
        } else {
            None
        };
        Ok(Target { rt, namespace, name, source: m.source.clone(), object })
    }
}

/// Targets for every object of `files`. A file with any problem (syntax, unknown kind,
/// namespace mismatch) contributes its errors and no targets, so nothing of it is written.
pub async fn targets(session: &Session, files: Vec<ManifestFile>) -> (Vec<Target>, Vec<WriteError>) {
    let mut mapper = Mapper::new(session);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        let objects = match file.objects {
            Ok(o) => o,
            Err(e) => {
                errors.push(e.into());
                continue;
            }
        };
        let mut file_targets = Vec::new();
        let mut file_errors = Vec::new();
        for m in &objects {
            match mapper.target(m).await {
                Ok(t) => file_targets.push(t),
                Err(e) => file_errors.push(e),
            }
        }
        if file_errors.is_empty() {
            out.extend(file_targets);
        } else {
            errors.extend(file_errors);
        }
    }
    (out, errors)
}

/// Which objects a command acts on: `TYPE NAME…`, `TYPE/NAME…`, `TYPE -l SELECTOR`,
/// `TYPE --all`, or the objects of `-f` manifests.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub args: Vec<String>,
    pub files: Vec<super::manifest::Input>,
    pub recursive: bool,
    pub selector: Option<String>,
    pub field_selector: Option<String>,
    pub all: bool,
    pub all_namespaces: bool,
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.args.is_empty() && self.files.is_empty()
    }

    /// Whether the selection lists objects (by selector or `--all`) rather than naming them.
    pub fn lists(&self) -> bool {
        self.selector.is_some() || self.field_selector.is_some() || self.all
    }
}

/// The objects a [`Selection`] names. Named objects come back without their content
/// (`object` is `Null`); listed ones and manifest ones with it. Errors that concern single
/// objects or files are returned alongside the targets; `no_name` is kubectl's message for a
/// type given without names, selector or `--all`.
pub async fn select(
    session: &Session,
    sel: &Selection,
    no_name: &str,
) -> Result<(Vec<Target>, Vec<WriteError>), ClientError> {
    if !sel.files.is_empty() {
        if !sel.args.is_empty() {
            return Err(ClientError::Usage(format!(
                "Unexpected args: {:?}\nSee 'kx -h' for help and examples",
                sel.args
            )));
        }
        let files =
            super::manifest::read_inputs(&sel.files, sel.recursive).map_err(|e| ClientError::Usage(e.to_string()))?;
        return Ok(targets(session, files).await);
    }
    let reqs = super::get::requests(session, &sel.args).await?;
    let namespace = session.namespace().to_string();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for req in reqs {
        if req.names.is_empty() {
            if !sel.lists() {
                return Err(ClientError::Usage(no_name.to_string()));
            }
            let ns = if sel.all_namespaces { None } else { Some(namespace.as_str()) };
            let mut q: Vec<(&str, &str)> = Vec::new();
            if let Some(l) = &sel.selector {
                q.push(("labelSelector", l));
            }
            if let Some(f) = &sel.field_selector {
                q.push(("fieldSelector", f));
            }
            let base = rest::path(&req.rt, ns, None);
            let url = if q.is_empty() { base } else { format!("{base}?{}", rest::query(&q)) };
            match get_object(session, &url).await {
                Ok(list) => {
                    for item in list.get("items").and_then(Value::as_array).into_iter().flatten() {
                        let mut item = item.clone();
                        // List items lack kind and apiVersion; later patches and printing want them.
                        item["apiVersion"] = Value::String(req.rt.api_version());
                        item["kind"] = Value::String(req.rt.kind.clone());
                        out.push(Target {
                            rt: req.rt.clone(),
                            namespace: if req.rt.namespaced {
                                crate::k8s::meta::namespace(&item).map(str::to_string)
                            } else {
                                None
                            },
                            name: crate::k8s::meta::name(&item).to_string(),
                            source: String::new(),
                            object: item,
                        });
                    }
                }
                Err(e) => errors.push(WriteError::from_rest(e, "", None)),
            }
            continue;
        }
        if sel.lists() {
            return Err(ClientError::Usage("name cannot be provided when a selector is specified".into()));
        }
        for name in req.names {
            out.push(Target {
                namespace: req.rt.namespaced.then(|| namespace.clone()),
                rt: req.rt.clone(),
                name,
                source: String::new(),
                object: Value::Null,
            });
        }
    }
    Ok((out, errors))
}

/// The live object of a target: the one it carries if it was listed, else a GET.
pub async fn fetch(session: &Session, t: &Target) -> Result<Value, WriteError> {
    if t.object.get("metadata").and_then(|m| m.get("uid")).is_some() {
        return Ok(t.object.clone());
    }
    get_object(session, &t.path()).await.map_err(|e| WriteError::from_rest(e, "", None))
}

/// Query parameters of a write request, encoded in the order Go's `url.Values` uses
/// (sorted by key).
#[derive(Clone, Debug, Default)]
pub struct WriteParams {
    pub field_manager: Option<String>,
    /// `Strict` for kubectl's default `--validate=strict`.
    pub field_validation: Option<&'static str>,
    pub dry_run: bool,
    /// Server-side apply's `force`.
    pub force: Option<bool>,
}

impl WriteParams {
    pub fn new(field_manager: &str, dry_run: DryRun) -> WriteParams {
        WriteParams {
            field_manager: Some(field_manager.to_string()),
            field_validation: Some("Strict"),
            dry_run: dry_run == DryRun::Server,
            force: None,
        }
    }

    fn query(&self) -> String {
        let force = self.force.map(|f| f.to_string());
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if self.dry_run {
            pairs.push(("dryRun", "All"));
        }
        if let Some(m) = &self.field_manager {
            pairs.push(("fieldManager", m));
        }
        if let Some(v) = self.field_validation {
            pairs.push(("fieldValidation", v));
        }
        if let Some(f) = &force {
            pairs.push(("force", f));
        }
        rest::query(&pairs)
    }
}

fn with_query(path: String, query: String) -> String {
    if query.is_empty() { path } else { format!("{path}?{query}") }
}

fn json_body(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).expect("serializing a Value cannot fail")
}

pub async fn get_object(session: &Session, path: &str) -> Result<Value, RestError> {
    let req = http::Request::get(path).header("Accept", "application/json").body(Vec::new()).expect("valid request");
    rest::call_json(session.client(), req).await
}

pub async fn create_object(
    session: &Session,
    collection: &str,
    body: &Value,
    params: &WriteParams,
) -> Result<Value, RestError> {
    let req = http::Request::post(with_query(collection.to_string(), params.query()))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .body(json_body(body))
        .expect("valid request");
    rest::call_json(session.client(), req).await
}

pub async fn patch_object(
    session: &Session,
    path: &str,
    patch_type: PatchType,
    body: Vec<u8>,
    params: &WriteParams,
) -> Result<Value, RestError> {
    let req = http::Request::patch(with_query(path.to_string(), params.query()))
        .header("Content-Type", patch_type.content_type())
        .header("Accept", "application/json")
        .body(body)
        .expect("valid request");
    rest::call_json(session.client(), req).await
}

pub async fn put_object(session: &Session, path: &str, body: &Value, params: &WriteParams) -> Result<Value, RestError> {
    let req = http::Request::put(with_query(path.to_string(), params.query()))
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .body(json_body(body))
        .expect("valid request");
    rest::call_json(session.client(), req).await
}

/// DELETE with a `DeleteOptions` body.
pub async fn delete_object(session: &Session, path: &str, options: &Value, dry_run: bool) -> Result<Value, RestError> {
    let url = if dry_run { format!("{path}?dryRun=All") } else { path.to_string() };
    let req = http::Request::delete(url)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .body(json_body(options))
        .expect("valid request");
    rest::call_json(session.client(), req).await
}

/// Whether kubectl would send a strategic merge patch for this type: only for the kinds
/// compiled into it. Custom resources get JSON merge patches.
pub fn uses_strategic_merge(rt: &ResourceType) -> bool {
    crate::k8s::patch::has_schema(&rt.group, &rt.kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn render_errors_one_is_standalone_several_are_listed() {
        let invalid = WriteError::Status(json!({"kind":"Status","reason":"Invalid","code":422,
            "message":"error when creating \"f\": ConfigMap \"X\" is invalid: metadata.name: bad",
            "details":{"kind":"ConfigMap","name":"X","causes":[{"field":"metadata.name","message":"bad"}]}}));
        assert_eq!(
            render_errors(std::slice::from_ref(&invalid)),
            ["The ConfigMap \"X\" is invalid: metadata.name: bad"]
        );
        let mapping = WriteError::Message("resource mapping not found".into());
        assert_eq!(
            render_errors(&[mapping, invalid]),
            [
                "resource mapping not found",
                "Error from server (Invalid): error when creating \"f\": ConfigMap \"X\" is invalid: metadata.name: bad"
            ]
        );
    }

    #[test]
    fn from_rest_adds_the_source_like_kubectl() {
        let e = RestError::Status {
            code: 409,
            status: json!({"kind":"Status","reason":"AlreadyExists","message":"configmaps \"a\" already exists","code":409}),
        };
        let w = WriteError::from_rest(e, "creating", Some("f.yaml"));
        assert_eq!(
            w.standalone(),
            "Error from server (AlreadyExists): error when creating \"f.yaml\": configmaps \"a\" already exists"
        );
    }

    #[test]
    fn write_params_encode_sorted_like_go() {
        let mut p = WriteParams::new("kubectl-client-side-apply", DryRun::Server);
        p.force = Some(false);
        assert_eq!(p.query(), "dryRun=All&fieldManager=kubectl-client-side-apply&fieldValidation=Strict&force=false");
    }

    #[test]
    fn dry_run_parse_accepts_kubectl_values() {
        assert_eq!(DryRun::parse(Some("server")).ok(), Some(DryRun::Server));
        assert_eq!(DryRun::parse(Some("client")).ok(), Some(DryRun::Client));
        assert_eq!(DryRun::parse(None).ok(), Some(DryRun::None));
        assert!(DryRun::parse(Some("maybe")).is_err());
    }
}
