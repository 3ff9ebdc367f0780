//! Writing kubeconfig files the way kubectl does: entries are upserted by name, everything
//! else in the file (other clusters, users, contexts, preferences, unknown keys) is kept,
//! and the file is replaced atomically with owner-only permissions since it holds credentials.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use serde_yaml::{Mapping, Value};

#[derive(Debug, thiserror::Error)]
pub enum KubeconfigError {
    #[error("could not read {path}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not write {path}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is not a valid kubeconfig: {detail}")]
    Invalid { path: PathBuf, detail: String },
}

/// The kubeconfig file kubectl would write to: the first path of `$KUBECONFIG`, else
/// `~/.kube/config`.
pub fn default_path() -> PathBuf {
    if let Some(first) =
        std::env::var_os("KUBECONFIG").and_then(|v| std::env::split_paths(&v).find(|p| !p.as_os_str().is_empty()))
    {
        return first;
    }
    dirs::home_dir().unwrap_or_else(|| PathBuf::from(".")).join(".kube").join("config")
}

fn entry(name: &str, key: &str, body: Value) -> Value {
    let mut m = Mapping::new();
    m.insert("name".into(), name.into());
    m.insert(key.into(), body);
    Value::Mapping(m)
}

fn cluster_body(server: &str, ca_pem: &str) -> Value {
    let mut c = Mapping::new();
    c.insert("server".into(), server.into());
    c.insert("certificate-authority-data".into(), base64::engine::general_purpose::STANDARD.encode(ca_pem).into());
    Value::Mapping(c)
}

fn user_body(token: &str) -> Value {
    let mut u = Mapping::new();
    u.insert("token".into(), token.into());
    Value::Mapping(u)
}

fn context_body(name: &str, namespace: Option<&str>) -> Value {
    let mut c = Mapping::new();
    c.insert("cluster".into(), name.into());
    c.insert("user".into(), name.into());
    if let Some(ns) = namespace {
        c.insert("namespace".into(), ns.into());
    }
    Value::Mapping(c)
}

/// A complete kubeconfig with one cluster, user and context called `name`.
pub fn single(name: &str, server: &str, ca_pem: &str, token: &str) -> String {
    let mut doc = Mapping::new();
    doc.insert("apiVersion".into(), "v1".into());
    doc.insert("kind".into(), "Config".into());
    doc.insert("clusters".into(), Value::Sequence(vec![entry(name, "cluster", cluster_body(server, ca_pem))]));
    doc.insert("users".into(), Value::Sequence(vec![entry(name, "user", user_body(token))]));
    doc.insert("contexts".into(), Value::Sequence(vec![entry(name, "context", context_body(name, None))]));
    doc.insert("current-context".into(), name.into());
    doc.insert("preferences".into(), Value::Mapping(Mapping::new()));
    serde_yaml::to_string(&Value::Mapping(doc)).expect("a mapping of strings serializes")
}

fn read_doc(path: &Path) -> Result<Mapping, KubeconfigError> {
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(KubeconfigError::Read { path: path.to_path_buf(), source }),
    };
    if text.trim().is_empty() {
        let mut m = Mapping::new();
        m.insert("apiVersion".into(), "v1".into());
        m.insert("kind".into(), "Config".into());
        m.insert("preferences".into(), Value::Mapping(Mapping::new()));
        return Ok(m);
    }
    match serde_yaml::from_str::<Value>(&text) {
        Ok(Value::Mapping(m)) => Ok(m),
        Ok(_) => {
            Err(KubeconfigError::Invalid { path: path.to_path_buf(), detail: "the document is not a mapping".into() })
        }
        Err(e) => Err(KubeconfigError::Invalid { path: path.to_path_buf(), detail: e.to_string() }),
    }
}

/// Write `doc` to `path` atomically with mode 0600.
fn write_doc(path: &Path, doc: &Mapping) -> Result<(), KubeconfigError> {
    let werr = |source| KubeconfigError::Write { path: path.to_path_buf(), source };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(werr)?;
    }
    let text = serde_yaml::to_string(&Value::Mapping(doc.clone()))
        .map_err(|e| KubeconfigError::Invalid { path: path.to_path_buf(), detail: e.to_string() })?;
    let tmp = path.with_file_name(format!(".{}.kx-tmp", path.file_name().and_then(|n| n.to_str()).unwrap_or("config")));
    {
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp).map_err(werr)?;
        f.write_all(text.as_bytes()).and_then(|_| f.sync_all()).map_err(werr)?;
    }
    fs::rename(&tmp, path).map_err(werr)
}

fn upsert_named(doc: &mut Mapping, list: &str, item: Value) {
    let name = item.get("name").cloned();
    let seq = doc.entry(list.into()).or_insert_with(|| Value::Sequence(vec![]));
    if !seq.is_sequence() {
        *seq = Value::Sequence(vec![]);
    }
    let seq = seq.as_sequence_mut().expect("made a sequence above");
    match seq.iter_mut().find(|e| e.get("name") == name.as_ref()) {
        Some(existing) => *existing = item,
        None => seq.push(item),
    }
}

/// Read the kubeconfig at `path` (an absent or empty file is an empty config), let `edit`
/// change it, and write it back atomically with mode 0600. Keys `edit` does not touch stay
/// as they were, in their order.
pub fn update<T>(path: &Path, edit: impl FnOnce(&mut Mapping) -> T) -> Result<T, KubeconfigError> {
    let mut doc = read_doc(path)?;
    let out = edit(&mut doc);
    write_doc(path, &doc)?;
    Ok(out)
}

/// The parsed document at `path`, `None` when the file does not exist.
pub fn read(path: &Path) -> Result<Option<Mapping>, KubeconfigError> {
    if !path.exists() {
        return Ok(None);
    }
    read_doc(path).map(Some)
}

/// Add or replace the cluster, user and context called `name` in the kubeconfig at `path`
/// and make it the current context, keeping everything else in the file.
pub fn upsert_context(path: &Path, name: &str, server: &str, ca_pem: &str, token: &str) -> Result<(), KubeconfigError> {
    let mut doc = read_doc(path)?;
    upsert_named(&mut doc, "clusters", entry(name, "cluster", cluster_body(server, ca_pem)));
    upsert_named(&mut doc, "users", entry(name, "user", user_body(token)));
    // Keep a namespace the user chose for this context before.
    let ns = doc
        .get("contexts")
        .and_then(Value::as_sequence)
        .and_then(|s| s.iter().find(|c| c.get("name").and_then(Value::as_str) == Some(name)))
        .and_then(|c| c.get("context")?.get("namespace")?.as_str().map(str::to_string));
    upsert_named(&mut doc, "contexts", entry(name, "context", context_body(name, ns.as_deref())));
    doc.insert("current-context".into(), name.into());
    write_doc(path, &doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upsert_context_keeps_other_entries_and_is_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config");
        fs::write(
            &path,
            "apiVersion: v1\nkind: Config\nclusters:\n- name: prod\n  cluster:\n    server: https://prod\nusers:\n- name: prod\n  user:\n    token: x\ncontexts:\n- name: prod\n  context:\n    cluster: prod\n    user: prod\ncurrent-context: prod\nextra: kept\n",
        )
        .expect("write");
        upsert_context(&path, "kx-embedded", "https://127.0.0.1:1234", "PEM", "tok").expect("upsert");
        upsert_context(&path, "kx-embedded", "https://127.0.0.1:5678", "PEM", "tok").expect("again");
        let doc: Value = serde_yaml::from_str(&fs::read_to_string(&path).expect("read")).expect("yaml");
        assert_eq!(doc["current-context"], "kx-embedded");
        assert_eq!(doc["extra"], "kept");
        let clusters = doc["clusters"].as_sequence().expect("seq");
        assert_eq!(clusters.len(), 2);
        assert_eq!(clusters[1]["cluster"]["server"], "https://127.0.0.1:5678");
        assert_eq!(doc["contexts"].as_sequence().expect("seq").len(), 2);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path).expect("meta").permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn single_is_a_loadable_kubeconfig() {
        let text = single("kx", "https://127.0.0.1:6443", "PEM", "tok");
        let kc = kube::config::Kubeconfig::from_yaml(&text).expect("kube reads it");
        assert_eq!(kc.current_context.as_deref(), Some("kx"));
    }
}
