//! Contexts and namespaces as `kubectl config`, kubectx and kubens see them: the kubeconfig
//! files in play (`--kubeconfig`, else every file of `$KUBECONFIG`, else `~/.kube/config`)
//! and which one defines each entry, the merged view (the first file to define a name wins),
//! edits written to the file that defines the entry, the previous context and namespace
//! remembered for `-`, and `config view` with kubectl's redaction and layout.
//! Depends on `kubeconfig` for atomic writes; the namespace check is the only network call.

pub mod goyaml;
pub mod model;

use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::config::ConnectOptions;
use super::kubeconfig::{self, KubeconfigError};
use super::rest::{self, RestError};
use super::{ClientError, Session};
pub use model::Config;

#[derive(Debug, thiserror::Error)]
pub enum ContextError {
    #[error(transparent)]
    File(#[from] KubeconfigError),
    #[error("no context exists with the name: \"{0}\"")]
    NoSuchContext(String),
    #[error("context {0} not found")]
    ContextNotFound(String),
    #[error("current-context is not set")]
    NoCurrentContext,
    #[error("current-context must exist in order to minify")]
    MinifyWithoutContext,
    #[error("cannot locate context {0}")]
    CannotLocateContext(String),
    #[error("cannot locate cluster {0}")]
    CannotLocateCluster(String),
    #[error("cannot locate user {0}")]
    CannotLocateUser(String),
    #[error("no namespace exists with name \"{0}\".")]
    NoSuchNamespace(String),
    #[error("No previous namespace found for current context.")]
    NoPreviousNamespace,
    #[error("No previous context found.")]
    NoPreviousContext,
    #[error("could not remember the previous choice in {path}")]
    State {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// One kubeconfig file and its parsed document (`None` when the file does not exist yet).
#[derive(Clone, Debug)]
pub struct KubeconfigFile {
    pub path: PathBuf,
    pub doc: Option<Mapping>,
}

/// The kubeconfig files kubectl would read, in precedence order.
#[derive(Clone, Debug)]
pub struct KubeconfigFiles {
    pub files: Vec<KubeconfigFile>,
    /// `--kubeconfig` named one file: every read and write goes there.
    pub explicit: bool,
}

/// One row of `config get-contexts` (and of kubectx's list).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContextInfo {
    pub name: String,
    pub cluster: String,
    pub user: String,
    pub namespace: String,
    pub current: bool,
}

/// What `config set-context` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetContextOutcome {
    Created,
    Modified,
}

/// Fields `config set-context` changes; `None` leaves a field alone, `Some("")` clears it.
#[derive(Clone, Debug, Default)]
pub struct ContextFields {
    pub cluster: Option<String>,
    pub user: Option<String>,
    pub namespace: Option<String>,
}

/// `config view`'s options.
#[derive(Clone, Debug, Default)]
pub struct ViewOptions {
    /// Only the current context (or `context`) and its cluster and user.
    pub minify: bool,
    /// Show certificate data, tokens and passwords.
    pub raw: bool,
    /// The context `--minify` keeps instead of the current one.
    pub context: Option<String>,
}

fn seq<'a>(doc: &'a Mapping, list: &str) -> impl Iterator<Item = &'a Value> {
    doc.get(list).and_then(Value::as_sequence).into_iter().flatten()
}

fn entry_name(v: &Value) -> Option<&str> {
    v.get("name").and_then(Value::as_str)
}

impl KubeconfigFiles {
    /// The files for `--kubeconfig` (`explicit`), else `$KUBECONFIG`, else `~/.kube/config`.
    pub fn load(explicit: Option<&Path>) -> Result<KubeconfigFiles, ContextError> {
        let (paths, explicit) = match explicit {
            Some(p) => (vec![p.to_path_buf()], true),
            None => match std::env::var_os("KUBECONFIG").filter(|v| !v.is_empty()) {
                Some(v) => {
                    let mut paths: Vec<PathBuf> = Vec::new();
                    for p in std::env::split_paths(&v).filter(|p| !p.as_os_str().is_empty()) {
                        if !paths.contains(&p) {
                            paths.push(p);
                        }
                    }
                    (paths, false)
                }
                None => (vec![dirs::home_dir().unwrap_or_default().join(".kube").join("config")], false),
            },
        };
        let mut files = Vec::new();
        for path in paths {
            let doc = kubeconfig::read(&path)?;
            files.push(KubeconfigFile { path, doc });
        }
        Ok(KubeconfigFiles { files, explicit })
    }

    fn docs(&self) -> impl Iterator<Item = (&Path, &Mapping)> {
        self.files.iter().filter_map(|f| f.doc.as_ref().map(|d| (f.path.as_path(), d)))
    }

    /// The merged configuration, as kubectl builds it: entries sorted by name, the first
    /// file to define a name winning, the first non-empty current-context.
    pub fn merged(&self) -> Result<Config, ContextError> {
        let mut out = Config { kind: "Config".into(), api_version: "v1".into(), ..Config::default() };
        let mut first = true;
        for (path, doc) in self.docs() {
            let cfg: Config = serde_yaml::from_value(Value::Mapping(doc.clone())).map_err(|e| {
                ContextError::File(KubeconfigError::Invalid { path: path.to_path_buf(), detail: e.to_string() })
            })?;
            merge_named(&mut out.clusters, cfg.clusters, |c| &c.name);
            merge_named(&mut out.users, cfg.users, |c| &c.name);
            merge_named(&mut out.contexts, cfg.contexts, |c| &c.name);
            if out.current_context.is_empty() {
                out.current_context = cfg.current_context;
            }
            if !out.preferences.colors {
                out.preferences.colors = cfg.preferences.colors;
            }
            if out.preferences.extensions.is_none() {
                out.preferences.extensions = cfg.preferences.extensions;
            }
            if first {
                out.extensions = cfg.extensions;
                first = false;
            }
        }
        if let Some(l) = &mut out.clusters {
            l.sort_by(|a, b| a.name.cmp(&b.name));
        }
        if let Some(l) = &mut out.users {
            l.sort_by(|a, b| a.name.cmp(&b.name));
        }
        if let Some(l) = &mut out.contexts {
            l.sort_by(|a, b| a.name.cmp(&b.name));
        }
        out.apply_defaults();
        Ok(out)
    }

    /// The current context's name; `None` when unset.
    pub fn current_context(&self) -> Option<String> {
        self.docs()
            .filter_map(|(_, d)| d.get("current-context").and_then(Value::as_str))
            .find(|c| !c.is_empty())
            .map(str::to_string)
    }

    /// The file whose `list` (`contexts`, `clusters`, `users`) defines `name` first.
    pub fn defining_file(&self, list: &str, name: &str) -> Option<&Path> {
        self.docs().find(|(_, d)| seq(d, list).any(|e| entry_name(e) == Some(name))).map(|(p, _)| p)
    }

    /// Where kubectl writes new entries (`GetDefaultFilename`): the explicit file, else the
    /// first existing file of `$KUBECONFIG`, else its last, else `~/.kube/config`.
    pub fn default_file(&self) -> PathBuf {
        if let Some(f) = self.files.iter().find(|f| f.doc.is_some()) {
            return f.path.clone();
        }
        self.files.last().map(|f| f.path.clone()).unwrap_or_else(kubeconfig::default_path)
    }

    /// Where kubectl writes `current-context`: the first file that sets one, else the
    /// default file.
    pub fn current_context_file(&self) -> PathBuf {
        self.docs()
            .find(|(_, d)| d.get("current-context").and_then(Value::as_str).is_some_and(|c| !c.is_empty()))
            .map(|(p, _)| p.to_path_buf())
            .unwrap_or_else(|| self.default_file())
    }

    /// Every context, sorted by name, marking the current one.
    pub fn contexts(&self) -> Result<Vec<ContextInfo>, ContextError> {
        let cfg = self.merged()?;
        Ok(cfg
            .contexts
            .iter()
            .flatten()
            .map(|c| ContextInfo {
                name: c.name.clone(),
                cluster: c.context.cluster.clone(),
                user: c.context.user.clone(),
                namespace: c.context.namespace.clone(),
                current: c.name == cfg.current_context,
            })
            .collect())
    }

    /// The namespace a context uses (`default` when it names none).
    pub fn namespace_of(&self, context: &str) -> Result<String, ContextError> {
        let cfg = self.merged()?;
        let ns = cfg.context(context).map(|c| c.namespace.clone()).unwrap_or_default();
        Ok(if ns.is_empty() { "default".to_string() } else { ns })
    }

    /// `config use-context NAME`.
    pub fn use_context(&mut self, name: &str) -> Result<(), ContextError> {
        if self.defining_file("contexts", name).is_none() {
            return Err(ContextError::NoSuchContext(name.to_string()));
        }
        let path = self.current_context_file();
        self.edit(&path, |doc| {
            doc.insert("current-context".into(), name.into());
        })
    }

    /// Remove `current-context` from every file that sets it (kubectx `-u`).
    pub fn unset_current_context(&mut self) -> Result<(), ContextError> {
        let paths: Vec<PathBuf> =
            self.docs().filter(|(_, d)| d.get("current-context").is_some()).map(|(p, _)| p.to_path_buf()).collect();
        for p in paths {
            self.edit(&p, |doc| {
                doc.remove("current-context");
            })?;
        }
        Ok(())
    }

    /// `config set-context NAME`: change the entry in the file that defines it, or add it to
    /// the default file.
    pub fn set_context(&mut self, name: &str, fields: &ContextFields) -> Result<SetContextOutcome, ContextError> {
        let (path, outcome) = match self.defining_file("contexts", name) {
            Some(p) => (p.to_path_buf(), SetContextOutcome::Modified),
            None => (self.default_file(), SetContextOutcome::Created),
        };
        self.edit(&path, |doc| {
            let list = doc.entry("contexts".into()).or_insert_with(|| Value::Sequence(Vec::new()));
            if !list.is_sequence() {
                *list = Value::Sequence(Vec::new());
            }
            let list = list.as_sequence_mut().expect("made a sequence above");
            let idx = match list.iter().position(|e| entry_name(e) == Some(name)) {
                Some(i) => i,
                None => {
                    let mut m = Mapping::new();
                    m.insert("name".into(), name.into());
                    let mut ctx = Mapping::new();
                    ctx.insert("cluster".into(), "".into());
                    ctx.insert("user".into(), "".into());
                    m.insert("context".into(), Value::Mapping(ctx));
                    list.push(Value::Mapping(m));
                    list.len() - 1
                }
            };
            let item = list[idx].as_mapping_mut().expect("entries are mappings");
            let ctx = item.entry("context".into()).or_insert_with(|| Value::Mapping(Mapping::new()));
            if !ctx.is_mapping() {
                *ctx = Value::Mapping(Mapping::new());
            }
            let ctx = ctx.as_mapping_mut().expect("made a mapping above");
            for (key, value) in [("cluster", &fields.cluster), ("user", &fields.user), ("namespace", &fields.namespace)]
            {
                match value {
                    None => {}
                    Some(v) if v.is_empty() && key == "namespace" => {
                        ctx.remove(key);
                    }
                    Some(v) => {
                        ctx.insert(key.into(), v.as_str().into());
                    }
                }
            }
        })?;
        Ok(outcome)
    }

    /// Read-modify-write one file, keeping the in-memory copy in step.
    fn edit(&mut self, path: &Path, f: impl FnOnce(&mut Mapping)) -> Result<(), ContextError> {
        let mut updated = None;
        kubeconfig::update(path, |doc| {
            f(doc);
            updated = Some(doc.clone());
        })?;
        match self.files.iter_mut().find(|f| f.path == path) {
            Some(file) => file.doc = updated,
            None => self.files.push(KubeconfigFile { path: path.to_path_buf(), doc: updated }),
        }
        Ok(())
    }

    /// `config view`: the merged (or minified) configuration, redacted unless `raw`.
    pub fn view(&self, opts: &ViewOptions) -> Result<Config, ContextError> {
        let mut cfg = self.merged()?;
        if opts.minify {
            if let Some(c) = &opts.context {
                cfg.current_context = c.clone();
            }
            minify(&mut cfg)?;
        }
        if !opts.raw {
            cfg.redact();
        }
        Ok(cfg)
    }
}

fn merge_named<T>(into: &mut Option<Vec<T>>, from: Option<Vec<T>>, name: impl Fn(&T) -> &String) {
    for item in from.into_iter().flatten() {
        let list = into.get_or_insert_with(Vec::new);
        if !list.iter().any(|e| name(e) == name(&item)) {
            list.push(item);
        }
    }
}

/// clientcmd's `MinifyConfig`.
fn minify(cfg: &mut Config) -> Result<(), ContextError> {
    if cfg.current_context.is_empty() {
        return Err(ContextError::MinifyWithoutContext);
    }
    let ctx = cfg
        .context(&cfg.current_context)
        .cloned()
        .ok_or_else(|| ContextError::CannotLocateContext(cfg.current_context.clone()))?;
    let current = cfg.current_context.clone();
    cfg.contexts = Some(cfg.contexts.take().into_iter().flatten().filter(|c| c.name == current).collect());
    let mut clusters = Vec::new();
    if !ctx.cluster.is_empty() {
        let c = cfg.cluster(&ctx.cluster).ok_or_else(|| ContextError::CannotLocateCluster(ctx.cluster.clone()))?;
        clusters.push(model::NamedCluster { name: ctx.cluster.clone(), cluster: c.clone() });
    }
    let mut users = Vec::new();
    if !ctx.user.is_empty() {
        let u = cfg.user(&ctx.user).ok_or_else(|| ContextError::CannotLocateUser(ctx.user.clone()))?;
        users.push(model::NamedAuthInfo { name: ctx.user.clone(), user: u.clone() });
    }
    cfg.clusters = Some(clusters);
    cfg.users = Some(users);
    Ok(())
}

/// `config view`'s default output.
pub fn render_yaml(cfg: &Config) -> String {
    goyaml::to_string(&serde_json::to_value(cfg).expect("a Config serializes"))
}

/// `config view -o json`: client-go's field order and kubectl's four-space indentation.
pub fn render_json(cfg: &Config) -> String {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    serde::Serialize::serialize(cfg, &mut ser).expect("a Config serializes");
    let mut s = String::from_utf8(buf).expect("serde_json writes UTF-8");
    s.push('\n');
    s
}

/// `<state dir>/kx` (the cache dir where there is no state dir, as on macOS): what kx
/// remembers between runs, such as the previous namespace and context.
pub fn state_dir() -> Option<PathBuf> {
    Some(dirs::state_dir().or_else(dirs::cache_dir)?.join("kx"))
}

/// Where `-` finds the previous choice: `<state dir>/kx/<kind>/<context>` (kubens keeps one
/// per context, kubectx one overall).
fn state_path(kind: &str, context: Option<&str>) -> Option<PathBuf> {
    let base = state_dir()?.join(kind);
    Some(match context {
        // A context name may contain `/` (EKS ARNs); kubens turns it into `-` too.
        Some(c) => base.join(c.replace(['/', '\\'], "-")),
        None => base.join("previous"),
    })
}

fn read_state(kind: &str, context: Option<&str>) -> Option<String> {
    let text = std::fs::read_to_string(state_path(kind, context)?).ok()?;
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn write_state(kind: &str, context: Option<&str>, value: &str) -> Result<(), ContextError> {
    let Some(path) = state_path(kind, context) else { return Ok(()) };
    let err = |source| ContextError::State { path: path.clone(), source };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    std::fs::write(&path, value).map_err(err)
}

/// The namespace `kx ns -` returns to in `context`.
pub fn previous_namespace(context: &str) -> Option<String> {
    read_state("kubens", Some(context))
}

/// The context `kx ctx -` returns to.
pub fn previous_context() -> Option<String> {
    read_state("kubectx", None)
}

/// What `ns NAME` switches to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NamespaceTarget {
    Name(String),
    /// `-`: the namespace used before the last switch in this context.
    Previous,
    /// `-u`: back to the context's default (`default`).
    Unset,
}

/// The result of a namespace switch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamespaceSwitch {
    pub context: String,
    pub namespace: String,
    pub file: PathBuf,
}

/// Whether namespace `name` exists on the server.
pub async fn namespace_exists(session: &Session, name: &str) -> Result<bool, ClientError> {
    let path = format!("/api/v1/namespaces/{name}");
    let req = http::Request::get(path).header("Accept", "application/json").body(Vec::new()).expect("valid request");
    match rest::call(session.client(), req).await {
        Ok(_) => Ok(true),
        Err(RestError::Status { code: 404, .. }) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Every namespace's name, in the server's order.
pub async fn list_namespaces(session: &Session) -> Result<Vec<String>, ClientError> {
    let opts = super::get::GetOptions { chunk_size: 500, ..Default::default() };
    let rt = crate::k8s::catalog::lookup("", "v1", "namespaces").expect("namespaces are built in");
    let list = super::get::list(session, rt, None, &opts, false).await?;
    Ok(list
        .get("items")
        .and_then(serde_json::Value::as_array)
        .into_iter()
        .flatten()
        .map(|o| crate::k8s::meta::name(o).to_string())
        .collect())
}

/// kubens: make `target` the namespace of the current context (or `--context`), checking
/// that it exists unless `force`, and remember the namespace it replaces for `-`.
pub async fn switch_namespace(
    opts: &ConnectOptions,
    target: NamespaceTarget,
    force: bool,
) -> Result<NamespaceSwitch, ClientError> {
    let mut files = KubeconfigFiles::load(opts.kubeconfig.as_deref()).map_err(ClientError::from)?;
    let context = match &opts.context {
        Some(c) => c.clone(),
        None => files.current_context().ok_or(ContextError::NoCurrentContext)?,
    };
    if files.defining_file("contexts", &context).is_none() {
        return Err(ContextError::NoSuchContext(context).into());
    }
    let current = files.namespace_of(&context)?;
    let namespace = match target {
        NamespaceTarget::Name(n) => n,
        NamespaceTarget::Previous => previous_namespace(&context).ok_or(ContextError::NoPreviousNamespace)?,
        NamespaceTarget::Unset => "default".to_string(),
    };
    if !force && namespace != "default" {
        let mut connect = opts.clone();
        connect.context = Some(context.clone());
        connect.namespace = None;
        let session = Session::connect(&connect).await?;
        if !namespace_exists(&session, &namespace).await? {
            return Err(ContextError::NoSuchNamespace(namespace).into());
        }
    }
    let fields = ContextFields { namespace: Some(namespace.clone()), ..Default::default() };
    files.set_context(&context, &fields)?;
    let file = files.defining_file("contexts", &context).map(Path::to_path_buf).unwrap_or_default();
    if current != namespace {
        write_state("kubens", Some(&context), &current)?;
    }
    Ok(NamespaceSwitch { context, namespace, file })
}

/// kubectx: switch to context `name` (`None` for the previous one) and remember the one it
/// replaces. Returns the new current context.
pub fn switch_context(explicit: Option<&Path>, name: Option<&str>) -> Result<String, ContextError> {
    let mut files = KubeconfigFiles::load(explicit)?;
    let target = match name {
        Some(n) => n.to_string(),
        None => previous_context().ok_or(ContextError::NoPreviousContext)?,
    };
    let before = files.current_context();
    files.use_context(&target)?;
    if let Some(prev) = before.filter(|p| *p != target) {
        write_state("kubectx", None, &prev)?;
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "apiVersion: v1\nkind: Config\nclusters:\n- name: zeta\n  cluster:\n    server: https://z:6443\n    certificate-authority-data: Zm9vCg==\n- name: alpha\n  cluster:\n    server: https://a:6443\nusers:\n- name: u1\n  user:\n    token: secret\n    client-key-data: Zm9vCg==\n    password: pw\n    username: bob\ncontexts:\n- name: c2\n  context:\n    cluster: zeta\n    user: u1\n    namespace: ns2\n- name: c1\n  context:\n    cluster: alpha\n    user: u1\ncurrent-context: c2\nunknown: kept\n";
    const B: &str = "apiVersion: v1\nkind: Config\nclusters:\n- name: alpha\n  cluster:\n    server: https://other:6443\n- name: beta\n  cluster:\n    server: https://b:6443\ncontexts:\n- name: c3\n  context:\n    cluster: beta\n    user: u1\ncurrent-context: c3\n";

    fn two_files() -> (tempfile::TempDir, KubeconfigFiles) {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::fs::write(&a, A).expect("write a");
        std::fs::write(&b, B).expect("write b");
        let files = KubeconfigFiles {
            files: vec![
                KubeconfigFile { path: a.clone(), doc: kubeconfig::read(&a).expect("read a") },
                KubeconfigFile { path: b.clone(), doc: kubeconfig::read(&b).expect("read b") },
            ],
            explicit: false,
        };
        (dir, files)
    }

    #[test]
    fn merged_first_file_wins_and_entries_sort_by_name() {
        let (_d, files) = two_files();
        let cfg = files.merged().expect("merge");
        let names: Vec<&str> = cfg.clusters.iter().flatten().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["alpha", "beta", "zeta"]);
        assert_eq!(cfg.cluster("alpha").expect("alpha").server, "https://a:6443");
        assert_eq!(cfg.current_context, "c2");
    }

    #[test]
    fn view_redacts_like_kubectl() {
        let (_d, files) = two_files();
        let text = render_yaml(&files.view(&ViewOptions::default()).expect("view"));
        assert!(text.contains("certificate-authority-data: DATA+OMITTED"), "{text}");
        assert!(text.contains("client-key-data: DATA+OMITTED"));
        assert!(text.contains("token: REDACTED") && text.contains("password: REDACTED"));
        assert!(!text.contains("unknown"));
    }

    #[test]
    fn view_minify_keeps_only_the_current_context() {
        let (_d, files) = two_files();
        let cfg = files.view(&ViewOptions { minify: true, raw: true, context: None }).expect("view");
        assert_eq!(cfg.contexts.as_ref().map(Vec::len), Some(1));
        assert_eq!(cfg.clusters.as_ref().expect("clusters")[0].name, "zeta");
        assert_eq!(cfg.user("u1").expect("u1").token, "secret");
        let err = files.view(&ViewOptions { minify: true, raw: true, context: Some("nope".into()) });
        assert_eq!(err.expect_err("no such context").to_string(), "cannot locate context nope");
    }

    #[test]
    fn set_context_writes_to_the_defining_file_and_keeps_unknown_keys() {
        let (dir, mut files) = two_files();
        let ns = ContextFields { namespace: Some("x".into()), ..Default::default() };
        assert_eq!(files.set_context("c3", &ns).expect("set"), SetContextOutcome::Modified);
        assert_eq!(files.set_context("new", &ns).expect("set"), SetContextOutcome::Created);
        let a = std::fs::read_to_string(dir.path().join("a")).expect("a");
        let b = std::fs::read_to_string(dir.path().join("b")).expect("b");
        assert!(b.contains("namespace: x"), "{b}");
        assert!(a.contains("name: new") && a.contains("unknown: kept"), "{a}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("b")).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn use_context_writes_the_file_that_sets_current_context() {
        let (dir, mut files) = two_files();
        files.use_context("c3").expect("use");
        assert_eq!(files.current_context().as_deref(), Some("c3"));
        let a = std::fs::read_to_string(dir.path().join("a")).expect("a");
        assert!(a.contains("current-context: c3"));
        let err = files.use_context("nope").expect_err("missing");
        assert_eq!(err.to_string(), "no context exists with the name: \"nope\"");
    }

    #[test]
    fn render_json_keeps_client_go_field_order() {
        let (_d, files) = two_files();
        let text = render_json(&files.view(&ViewOptions::default()).expect("view"));
        let kind = text.find("\"kind\"").expect("kind");
        let prefs = text.find("\"preferences\"").expect("preferences");
        let current = text.find("\"current-context\"").expect("current");
        assert!(kind < prefs && prefs < current, "{text}");
        assert!(text.starts_with("{\n    \"kind\": \"Config\""));
    }
}
