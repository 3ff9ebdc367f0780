//! `create`: objects from manifests (`create -f`, a POST per object with
//! `fieldManager=kubectl-create`), and kubectl's generators for the common kinds
//! (`create deployment|namespace|configmap|secret generic|service …|job`), which build
//! exactly the objects kubectl builds, so `--dry-run=client -o yaml` prints the same text.

use std::path::Path;

use base64::Engine;
use serde_json::{Map, Value, json};

use super::manifest::{self, Input};
use super::write::{self, DryRun, PrintFormat, Report, Target, WriteError, WriteParams};
use super::{ClientError, Session};

pub const FIELD_MANAGER: &str = "kubectl-create";

#[derive(Clone, Debug)]
pub struct CreateOptions {
    pub dry_run: DryRun,
    pub output: Option<PrintFormat>,
    pub field_manager: Option<String>,
    pub field_validation: &'static str,
    /// `--save-config`: record the last-applied configuration, so `apply` can follow.
    pub save_config: bool,
}

impl Default for CreateOptions {
    fn default() -> CreateOptions {
        CreateOptions {
            dry_run: DryRun::None,
            output: None,
            field_manager: None,
            field_validation: "Strict",
            save_config: false,
        }
    }
}

/// Create one object; returns what the server (or, for a client dry run, kx) has.
pub async fn create_one(session: &Session, t: &Target, opts: &CreateOptions) -> Result<Value, WriteError> {
    let mut body = t.object.clone();
    if opts.save_config {
        body = super::apply::with_last_applied(&body);
    }
    if opts.dry_run == DryRun::Client {
        return Ok(body);
    }
    let manager = opts.field_manager.clone().unwrap_or_else(|| FIELD_MANAGER.to_string());
    let mut params = WriteParams::new(&manager, opts.dry_run);
    params.field_validation = Some(opts.field_validation);
    let source = (!t.source.is_empty()).then_some(t.source.as_str());
    write::create_object(session, &t.collection_path(), &body, &params)
        .await
        .map_err(|e| WriteError::from_rest(e, "creating", source))
}

/// Print what was created as kubectl does: `kind/name created`, or `-o`.
fn report_created(t: &Target, obj: &Value, opts: &CreateOptions, report: &mut dyn Report) -> Result<(), ClientError> {
    match opts.output {
        None => report.line(&format!("{} created{}", t.display_name(), opts.dry_run.suffix())),
        Some(format) => report.line(&write::render_object(obj, Some(&t.rt), format)?),
    }
    Ok(())
}

/// `kubectl create -f`.
pub async fn create_from_files(
    session: &Session,
    inputs: &[Input],
    recursive: bool,
    opts: &CreateOptions,
    report: &mut dyn Report,
) -> Result<Vec<WriteError>, ClientError> {
    if inputs.is_empty() {
        return Err(ClientError::Usage("must specify one of -f and -k".into()));
    }
    let files = manifest::read_inputs(inputs, recursive).map_err(|e| ClientError::Usage(e.to_string()))?;
    let (targets, mut errors) = write::targets(session, files).await;
    if targets.is_empty() && errors.is_empty() {
        return Err(ClientError::Usage("no objects passed to create".into()));
    }
    for t in &targets {
        match create_one(session, t, opts).await {
            Ok(obj) => {
                let named = Target { name: crate::k8s::meta::name(&obj).to_string(), ..t.clone() };
                report_created(&named, &obj, opts, report)?;
            }
            Err(e) => errors.push(e),
        }
    }
    Ok(errors)
}

/// Create an object built by a generator, in the session's namespace.
pub async fn create_generated(
    session: &Session,
    object: Value,
    opts: &CreateOptions,
    report: &mut dyn Report,
) -> Result<Vec<WriteError>, ClientError> {
    let api_version = object.get("apiVersion").and_then(Value::as_str).unwrap_or("").to_string();
    let kind = object.get("kind").and_then(Value::as_str).unwrap_or("").to_string();
    let rt = write::Mapper::new(session)
        .map(&api_version, &kind)
        .await?
        .ok_or_else(|| ClientError::Other(format!("no matches for kind \"{kind}\" in version \"{api_version}\"")))?;
    let t = Target {
        namespace: rt.namespaced.then(|| session.namespace().to_string()),
        name: crate::k8s::meta::name(&object).to_string(),
        rt,
        source: String::new(),
        object,
    };
    match create_one(session, &t, opts).await {
        Ok(obj) => {
            report_created(&t, &obj, opts, report)?;
            Ok(Vec::new())
        }
        Err(e) => Ok(vec![e]),
    }
}

/// The CronJob `create job --from=cronjob/NAME` instantiates.
pub async fn fetch_cronjob(session: &Session, from: &str) -> Result<Value, ClientError> {
    let Some((ty, name)) = from.split_once('/') else {
        return Err(ClientError::Usage(format!("from must be of the form <resource>/<name>: {from}")));
    };
    let rt = session.resolve_one(ty).await?;
    if rt.kind != "CronJob" {
        return Err(ClientError::Usage(format!("unknown object type {}", rt.kind)));
    }
    let path = super::rest::path(&rt, Some(session.namespace()), Some(name));
    Ok(write::get_object(session, &path).await?)
}

/// `metadata` as kubectl's generators fill it: the name, `creationTimestamp: null` (Go's
/// zero time), and the namespace only when `-n` was given.
fn generated_meta(name: &str, namespace: Option<&str>) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("creationTimestamp".into(), Value::Null);
    m.insert("name".into(), json!(name));
    if let Some(ns) = namespace {
        m.insert("namespace".into(), json!(ns));
    }
    m
}

/// The container name kubectl derives from an image: the last path segment without tag or
/// digest, underscores made dashes, made unique within the pod.
fn container_name(image: &str, taken: &[String]) -> String {
    let last = image.rsplit('/').next().unwrap_or(image);
    let base = last.split(':').next().unwrap_or(last);
    let base = base.split('@').next().unwrap_or(base).replace('_', "-");
    if !taken.contains(&base) {
        return base;
    }
    // kubectl appends five random characters; a counter is as unique and reproducible.
    (2..).map(|i| format!("{base}-{i}")).find(|n| !taken.contains(n)).expect("an unused name exists")
}

/// `kubectl create deployment NAME --image=… [--replicas] [--port] [-- COMMAND…]`.
pub fn deployment(
    name: &str,
    namespace: Option<&str>,
    images: &[String],
    replicas: i32,
    port: i32,
    command: &[String],
) -> Result<Value, ClientError> {
    if images.is_empty() {
        return Err(ClientError::Usage("required flag(s) \"image\" not set".into()));
    }
    if images.len() > 1 && !command.is_empty() {
        return Err(ClientError::Usage("cannot specify multiple --image options and command".into()));
    }
    let mut taken: Vec<String> = Vec::new();
    let mut containers = Vec::new();
    for image in images {
        let n = container_name(image, &taken);
        taken.push(n.clone());
        containers.push(json!({"image": image, "name": n, "resources": {}}));
    }
    if port >= 0 {
        containers[0]["ports"] = json!([{"containerPort": port}]);
    }
    if !command.is_empty() {
        containers[0]["command"] = json!(command);
    }
    let labels = json!({"app": name});
    let mut meta = generated_meta(name, namespace);
    meta.insert("labels".into(), labels.clone());
    Ok(json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": meta,
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": labels},
            "strategy": {},
            "template": {
                "metadata": {"creationTimestamp": null, "labels": labels},
                "spec": {"containers": containers},
            },
        },
        "status": {},
    }))
}

/// `kubectl create namespace NAME`.
pub fn namespace(name: &str) -> Value {
    json!({"apiVersion": "v1", "kind": "Namespace", "metadata": generated_meta(name, None), "spec": {}, "status": {}})
}

/// `kubectl create job NAME --image=… [-- COMMAND…]`.
pub fn job(name: &str, namespace: Option<&str>, image: &str, command: &[String]) -> Value {
    let mut container = json!({"image": image, "name": name, "resources": {}});
    if !command.is_empty() {
        container["command"] = json!(command);
    }
    json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": generated_meta(name, namespace),
        "spec": {"template": {"metadata": {"creationTimestamp": null}, "spec": {"containers": [container], "restartPolicy": "Never"}}},
        "status": {},
    })
}

/// `kubectl create job NAME --from=cronjob/CJ`: the CronJob's job template, owned by it and
/// marked as instantiated by hand.
pub fn job_from_cronjob(name: &str, namespace: Option<&str>, cronjob: &Value) -> Value {
    let template = cronjob.get("spec").and_then(|s| s.get("jobTemplate")).cloned().unwrap_or_default();
    let mut annotations = Map::new();
    annotations.insert("cronjob.kubernetes.io/instantiate".into(), json!("manual"));
    if let Some(a) = template.get("metadata").and_then(|m| m.get("annotations")).and_then(Value::as_object) {
        annotations.extend(a.clone());
    }
    let mut meta = generated_meta(name, namespace);
    meta.insert("annotations".into(), Value::Object(annotations));
    if let Some(l) = template.get("metadata").and_then(|m| m.get("labels")) {
        meta.insert("labels".into(), l.clone());
    }
    meta.insert(
        "ownerReferences".into(),
        json!([{
            "apiVersion": "batch/v1",
            "controller": true,
            "kind": "CronJob",
            "name": crate::k8s::meta::name(cronjob),
            "uid": crate::k8s::meta::uid(cronjob),
        }]),
    );
    json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": meta,
        "spec": template.get("spec").cloned().unwrap_or_else(|| json!({})),
        "status": {},
    })
}

/// The data sources of `create configmap` and `create secret generic`.
#[derive(Clone, Debug, Default)]
pub struct DataSources {
    pub literals: Vec<String>,
    pub files: Vec<String>,
    pub env_files: Vec<String>,
}

/// Key/value pairs from the sources, in kubectl's order (files, literals, env files), each
/// value as bytes.
fn collect_data(src: &DataSources, what: &str, name: &str) -> Result<Vec<(String, Vec<u8>)>, ClientError> {
    if !src.env_files.is_empty() && (!src.files.is_empty() || !src.literals.is_empty()) {
        return Err(ClientError::Usage("from-env-file cannot be combined with from-file or from-literal".into()));
    }
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |key: String, value: Vec<u8>| -> Result<(), ClientError> {
        if !valid_key(&key) {
            return Err(ClientError::Usage(format!(
                "\"{key}\" is not a valid key name for a {what}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"
            )));
        }
        if out.iter().any(|(k, _)| *k == key) {
            return Err(ClientError::Usage(format!(
                "cannot add key {key}, another key by that name already exists in Data for {what} \"{name}\""
            )));
        }
        out.push((key, value));
        Ok(())
    };
    for f in &src.files {
        let (key, path) = match f.split_once('=') {
            Some((k, p)) if !k.is_empty() => (Some(k.to_string()), p.to_string()),
            Some(_) => return Err(ClientError::Usage(format!("key names or file paths cannot be empty: {f}"))),
            None => (None, f.clone()),
        };
        let p = Path::new(&path);
        let meta =
            std::fs::metadata(p).map_err(|e| ClientError::Usage(format!("error reading {path}: {}", io_text(&e))))?;
        if meta.is_dir() {
            if key.is_some() {
                return Err(ClientError::Usage("cannot give a key name for a directory path".into()));
            }
            let mut entries: Vec<_> = std::fs::read_dir(p)
                .map_err(|e| ClientError::Usage(format!("error listing files in {path}: {e}")))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|e| e.is_file())
                .collect();
            entries.sort();
            for e in entries {
                let k = e.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let v = std::fs::read(&e)
                    .map_err(|err| ClientError::Usage(format!("error reading {}: {err}", e.display())))?;
                add(k, v)?;
            }
        } else {
            let k = key.unwrap_or_else(|| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
            let v =
                std::fs::read(p).map_err(|e| ClientError::Usage(format!("error reading {path}: {}", io_text(&e))))?;
            add(k, v)?;
        }
    }
    for l in &src.literals {
        let Some((k, v)) = l.split_once('=') else {
            return Err(ClientError::Usage(format!("invalid literal source {l}, expected key=value")));
        };
        add(k.to_string(), v.as_bytes().to_vec())?;
    }
    for f in &src.env_files {
        let text = std::fs::read_to_string(f)
            .map_err(|e| ClientError::Usage(format!("error reading {f}: {}", io_text(&e))))?;
        for (k, v) in parse_env_file(&text)? {
            add(k, v.into_bytes())?;
        }
    }
    Ok(out)
}

fn io_text(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        _ => e.to_string(),
    }
}

/// A ConfigMap or Secret key: `[-._a-zA-Z0-9]+`, not `.` or `..`.
fn valid_key(k: &str) -> bool {
    !k.is_empty()
        && k.len() <= 253
        && k != "."
        && k != ".."
        && k.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// kubectl's env files: `KEY=VALUE` lines (value kept verbatim), `#` comments and blank lines
/// skipped, a bare `KEY` taken from the environment when set.
pub fn parse_env_file(text: &str) -> Result<Vec<(String, String)>, ClientError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let raw = if i == 0 { raw.trim_start_matches('\u{feff}') } else { raw };
        let line = raw.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = match line.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (line.trim_end().to_string(), None),
        };
        let env_ok = !key.is_empty()
            && !key.starts_with(|c: char| c.is_ascii_digit())
            && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if !env_ok {
            return Err(ClientError::Usage(format!(
                "\"{key}\" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"
            )));
        }
        match value {
            Some(v) => out.push((key, v)),
            None => {
                if let Ok(v) = std::env::var(&key) {
                    out.push((key, v));
                }
            }
        }
    }
    Ok(out)
}

/// `kubectl create configmap NAME --from-…`: text in `data`, anything not UTF-8 in
/// `binaryData`.
pub fn configmap(name: &str, namespace: Option<&str>, src: &DataSources) -> Result<Value, ClientError> {
    let mut data = Map::new();
    let mut binary = Map::new();
    for (k, v) in collect_data(src, "ConfigMap", name)? {
        match String::from_utf8(v) {
            Ok(s) => {
                data.insert(k, json!(s));
            }
            Err(e) => {
                binary.insert(k, json!(base64::engine::general_purpose::STANDARD.encode(e.into_bytes())));
            }
        }
    }
    let mut obj = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": generated_meta(name, namespace)});
    if !data.is_empty() {
        obj["data"] = Value::Object(data);
    }
    if !binary.is_empty() {
        obj["binaryData"] = Value::Object(binary);
    }
    Ok(obj)
}

/// `kubectl create secret generic NAME --from-… [--type]`.
pub fn secret_generic(
    name: &str,
    namespace: Option<&str>,
    src: &DataSources,
    ty: Option<&str>,
) -> Result<Value, ClientError> {
    let mut data = Map::new();
    for (k, v) in collect_data(src, "Secret", name)? {
        data.insert(k, json!(base64::engine::general_purpose::STANDARD.encode(v)));
    }
    let mut obj = json!({"apiVersion": "v1", "kind": "Secret", "metadata": generated_meta(name, namespace)});
    if !data.is_empty() {
        obj["data"] = Value::Object(data);
    }
    if let Some(t) = ty.filter(|t| !t.is_empty()) {
        obj["type"] = json!(t);
    }
    Ok(obj)
}

/// The kinds of `kubectl create service`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServiceType {
    ClusterIp,
    NodePort,
    LoadBalancer,
    ExternalName,
}

impl ServiceType {
    fn as_str(self) -> &'static str {
        match self {
            ServiceType::ClusterIp => "ClusterIP",
            ServiceType::NodePort => "NodePort",
            ServiceType::LoadBalancer => "LoadBalancer",
            ServiceType::ExternalName => "ExternalName",
        }
    }
}

/// `kubectl create service TYPE NAME [--tcp=PORT[:TARGET]…] [--clusterip] [--node-port]
/// [--external-name]`.
pub fn service(
    ty: ServiceType,
    name: &str,
    namespace: Option<&str>,
    tcp: &[String],
    cluster_ip: Option<&str>,
    node_port: i32,
    external_name: Option<&str>,
) -> Result<Value, ClientError> {
    match ty {
        ServiceType::ClusterIp if tcp.is_empty() && cluster_ip != Some("None") => {
            return Err(ClientError::Usage("at least one tcp port specifier must be provided".into()));
        }
        ServiceType::NodePort | ServiceType::LoadBalancer if tcp.is_empty() => {
            return Err(ClientError::Usage("at least one tcp port specifier must be provided".into()));
        }
        ServiceType::ExternalName if external_name.is_none_or(str::is_empty) => {
            return Err(ClientError::Usage("external name must be specified".into()));
        }
        _ => {}
    }
    let mut ports = Vec::new();
    for spec in tcp {
        let (port, target) = match spec.split_once(':') {
            Some((p, t)) => (p, t),
            None => (spec.as_str(), spec.as_str()),
        };
        let port_num: i32 =
            port.parse().map_err(|_| ClientError::Usage(format!("strconv.Atoi: parsing {port:?}: invalid syntax")))?;
        let target_value = match target.parse::<i64>() {
            Ok(n) => json!(n),
            Err(_) => json!(target),
        };
        let port_name = if spec.contains(':') { format!("{port}-{target}") } else { port.to_string() };
        let mut p = json!({"name": port_name, "port": port_num, "protocol": "TCP", "targetPort": target_value});
        if ty == ServiceType::NodePort && node_port > 0 {
            p["nodePort"] = json!(node_port);
        }
        ports.push(p);
    }
    let labels = json!({"app": name});
    let mut meta = generated_meta(name, namespace);
    meta.insert("labels".into(), labels.clone());
    let mut spec = json!({"selector": labels, "type": ty.as_str()});
    if !ports.is_empty() {
        spec["ports"] = json!(ports);
    }
    if let Some(ip) = cluster_ip.filter(|s| !s.is_empty()) {
        spec["clusterIP"] = json!(ip);
    }
    if let Some(en) = external_name.filter(|s| !s.is_empty()) {
        spec["externalName"] = json!(en);
    }
    Ok(json!({"apiVersion": "v1", "kind": "Service", "metadata": meta, "spec": spec, "status": {"loadBalancer": {}}}))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(v: &Value) -> String {
        serde_yaml::to_string(v).expect("yaml")
    }

    #[test]
    fn deployment_matches_kubectl_dry_run_yaml() {
        let d = deployment("x", None, &["nginx".into()], 1, -1, &[]).expect("generated");
        let want = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  creationTimestamp: null\n  labels:\n    app: x\n  name: x\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: x\n  strategy: {}\n  template:\n    metadata:\n      creationTimestamp: null\n      labels:\n        app: x\n    spec:\n      containers:\n      - image: nginx\n        name: nginx\n        resources: {}\nstatus: {}\n";
        assert_eq!(yaml(&d), want);
    }

    #[test]
    fn deployment_port_and_command_go_to_the_first_container() {
        let d =
            deployment("web", Some("ns"), &["reg.io/team/my_app:1.2".into()], 2, 80, &["sleep".into(), "10".into()])
                .expect("generated");
        let c = &d["spec"]["template"]["spec"]["containers"][0];
        assert_eq!(c["name"], "my-app");
        assert_eq!(c["ports"], json!([{"containerPort": 80}]));
        assert_eq!(c["command"], json!(["sleep", "10"]));
        assert_eq!(d["metadata"]["namespace"], "ns");
        assert!(deployment("w", None, &["a".into(), "b".into()], 1, -1, &["x".into()]).is_err());
        let two = deployment("w", None, &["a/x".into(), "b/x".into()], 1, -1, &[]).expect("generated");
        assert_eq!(two["spec"]["template"]["spec"]["containers"][1]["name"], "x-2");
    }

    #[test]
    fn service_clusterip_matches_kubectl_ports() {
        let s = service(ServiceType::ClusterIp, "svc1", None, &["80:8080".into(), "443".into()], None, 0, None)
            .expect("generated");
        assert_eq!(
            s["spec"]["ports"],
            json!([
                {"name": "80-8080", "port": 80, "protocol": "TCP", "targetPort": 8080},
                {"name": "443", "port": 443, "protocol": "TCP", "targetPort": 443}
            ])
        );
        assert_eq!(s["status"], json!({"loadBalancer": {}}));
        let headless = service(ServiceType::ClusterIp, "h", None, &[], Some("None"), 0, None).expect("generated");
        assert_eq!(headless["spec"]["clusterIP"], "None");
        assert!(headless["spec"].get("ports").is_none());
        assert!(service(ServiceType::ClusterIp, "h", None, &[], None, 0, None).is_err());
    }

    #[test]
    fn configmap_reads_literals_files_and_env_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let f = dir.path().join("f.txt");
        std::fs::write(&f, "hello\n").expect("write");
        let env = dir.path().join("e.env");
        std::fs::write(&env, "a=1\n# c\n\nb=two \n").expect("write");
        let src = DataSources {
            literals: vec!["k=v".into()],
            files: vec![f.display().to_string(), format!("other={}", f.display())],
            env_files: vec![],
        };
        let cm = configmap("c1", None, &src).expect("generated");
        assert_eq!(cm["data"], json!({"f.txt": "hello\n", "k": "v", "other": "hello\n"}));
        let from_env = DataSources { env_files: vec![env.display().to_string()], ..Default::default() };
        assert_eq!(configmap("c2", None, &from_env).expect("generated")["data"], json!({"a": "1", "b": "two "}));
        let mixed = DataSources { env_files: vec![env.display().to_string()], ..src };
        assert!(configmap("c3", None, &mixed).is_err());
        let dup = DataSources { literals: vec!["k=1".into(), "k=2".into()], ..Default::default() };
        let err = configmap("c", None, &dup).expect_err("duplicate");
        assert!(err.to_string().contains("cannot add key k"), "{err}");
        let bad = DataSources { literals: vec!["novalue".into()], ..Default::default() };
        assert!(configmap("c", None, &bad).expect_err("no =").to_string().contains("invalid literal source"));
    }

    #[test]
    fn secret_generic_encodes_values() {
        let src = DataSources { literals: vec!["k=v".into()], ..Default::default() };
        let s = secret_generic("s1", None, &src, Some("Opaque")).expect("generated");
        assert_eq!(s["data"], json!({"k": "dg=="}));
        assert_eq!(s["type"], "Opaque");
        assert!(secret_generic("s1", None, &src, None).expect("generated").get("type").is_none());
    }

    #[test]
    fn job_from_cronjob_is_owned_and_marked_manual() {
        let cj = json!({"metadata": {"name": "cj", "uid": "u1"}, "spec": {"jobTemplate": {"metadata": {"labels": {"a": "b"}}, "spec": {"template": {"spec": {"containers": []}}}}}});
        let j = job_from_cronjob("j", None, &cj);
        assert_eq!(j["metadata"]["annotations"]["cronjob.kubernetes.io/instantiate"], "manual");
        assert_eq!(j["metadata"]["ownerReferences"][0]["uid"], "u1");
        assert_eq!(j["metadata"]["labels"], json!({"a": "b"}));
    }
}
