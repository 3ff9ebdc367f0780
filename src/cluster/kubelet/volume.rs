//! Pod volumes: which ConfigMaps and Secrets they need (a missing one keeps the pod in
//! ContainerCreating with kubelet's `FailedMount` message, in every runtime), and, for the
//! `process` runtime, materialising ConfigMap, Secret, downward API and emptyDir volumes as
//! files in the pod's directory, with each container's `volumeMounts` as symlinks under
//! the container's root directory.

use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Component, Path, PathBuf};

use k8s_openapi::api::core::v1::{Container, KeyToPath, Pod, Volume};

use super::env::{self, Source, Sources};

/// The ConfigMaps and Secrets the pod's volumes read, with whether each is optional.
pub fn references(pod: &Pod) -> Vec<(Source, String, bool)> {
    let mut out = Vec::new();
    for v in pod.spec.as_ref().and_then(|s| s.volumes.as_ref()).into_iter().flatten() {
        if let Some(cm) = &v.config_map {
            out.push((Source::ConfigMap, cm.name.clone(), cm.optional.unwrap_or(false)));
        }
        if let Some(s) = &v.secret {
            out.push((Source::Secret, s.secret_name.clone().unwrap_or_default(), s.optional.unwrap_or(false)));
        }
    }
    out
}

/// The first volume that cannot be set up, in kubelet's words.
pub fn check(pod: &Pod, sources: &Sources) -> Result<(), String> {
    for v in pod.spec.as_ref().and_then(|s| s.volumes.as_ref()).into_iter().flatten() {
        let (source, name, optional) = match (&v.config_map, &v.secret) {
            (Some(cm), _) => (Source::ConfigMap, cm.name.clone(), cm.optional.unwrap_or(false)),
            (None, Some(s)) => (Source::Secret, s.secret_name.clone().unwrap_or_default(), s.optional.unwrap_or(false)),
            _ => continue,
        };
        if !optional && !sources.contains_key(&(source, name.clone())) {
            let kind = if source == Source::ConfigMap { "configmap" } else { "secret" };
            return Err(format!("MountVolume.SetUp failed for volume \"{}\" : {kind} \"{name}\" not found", v.name));
        }
    }
    Ok(())
}

/// A relative path that stays inside its directory (no `..`, not absolute).
fn safe_relative(p: &str) -> Option<PathBuf> {
    let path = Path::new(p);
    path.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| path.to_path_buf())
        .filter(|p| !p.as_os_str().is_empty())
}

fn write_file(dir: &Path, rel: &str, content: &[u8], mode: Option<i32>) -> io::Result<()> {
    let Some(rel) = safe_relative(rel) else {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("unsafe path {rel:?} in a volume")));
    };
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(&path, content)?;
    let mode = mode.unwrap_or(0o644) as u32 & 0o777;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
}

fn write_keys(
    dir: &Path,
    data: Option<&std::collections::BTreeMap<String, String>>,
    items: Option<&Vec<KeyToPath>>,
    default_mode: Option<i32>,
) -> io::Result<()> {
    let Some(data) = data else { return Ok(()) };
    match items {
        Some(items) => {
            for item in items {
                if let Some(v) = data.get(&item.key) {
                    write_file(dir, &item.path, v.as_bytes(), item.mode.or(default_mode))?;
                }
            }
        }
        None => {
            for (k, v) in data {
                write_file(dir, k, v.as_bytes(), default_mode)?;
            }
        }
    }
    Ok(())
}

/// Where a pod's volume lives.
pub fn volume_dir(pod_dir: &Path, name: &str) -> PathBuf {
    pod_dir.join("volumes").join(name)
}

/// Write the pod's volumes under `pod_dir/volumes`. Returns notes about volume types the
/// process runtime cannot provide (they are left as empty directories).
pub fn materialise(
    pod: &Pod,
    sources: &Sources,
    pod_dir: &Path,
    host_ip: &str,
    pod_ip: &str,
) -> io::Result<Vec<String>> {
    let mut notes = Vec::new();
    for v in pod.spec.as_ref().and_then(|s| s.volumes.as_ref()).into_iter().flatten() {
        let dir = volume_dir(pod_dir, &v.name);
        std::fs::create_dir_all(&dir)?;
        materialise_one(pod, v, sources, &dir, host_ip, pod_ip, &mut notes)?;
    }
    Ok(notes)
}

fn materialise_one(
    pod: &Pod,
    v: &Volume,
    sources: &Sources,
    dir: &Path,
    host_ip: &str,
    pod_ip: &str,
    notes: &mut Vec<String>,
) -> io::Result<()> {
    if let Some(cm) = &v.config_map {
        let data = sources.get(&(Source::ConfigMap, cm.name.clone()));
        write_keys(dir, data, cm.items.as_ref(), cm.default_mode)?;
    } else if let Some(s) = &v.secret {
        let data = sources.get(&(Source::Secret, s.secret_name.clone().unwrap_or_default()));
        write_keys(dir, data, s.items.as_ref(), s.default_mode.or(Some(0o644)))?;
    } else if let Some(d) = &v.downward_api {
        for item in d.items.iter().flatten() {
            if let Some(f) = &item.field_ref {
                let value = env::field(pod, &f.field_path, host_ip, pod_ip).unwrap_or_default();
                write_file(dir, &item.path, value.as_bytes(), item.mode.or(d.default_mode))?;
            }
        }
    } else if v.empty_dir.is_some() {
        // The directory itself is the volume.
    } else if let Some(h) = &v.host_path {
        // The process runtime shares the host's filesystem anyway; point at it.
        std::fs::remove_dir(dir)?;
        std::os::unix::fs::symlink(&h.path, dir)?;
    } else {
        notes.push(format!(
            "volume {:?} is of a type the process runtime does not provide; it is an empty directory",
            v.name
        ));
    }
    Ok(())
}

/// The container's root: each `volumeMount` appears at its `mountPath` below it as a link
/// to the volume (or the `subPath` inside it). Containers find it in `$KX_CONTAINER_ROOT`.
pub fn mount(pod_dir: &Path, c: &Container) -> io::Result<PathBuf> {
    let root = pod_dir.join("containers").join(&c.name).join("root");
    std::fs::create_dir_all(&root)?;
    for m in c.volume_mounts.iter().flatten() {
        let Some(rel) = safe_relative(m.mount_path.trim_start_matches('/')) else { continue };
        let target = root.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut source = volume_dir(pod_dir, &m.name);
        if let Some(sub) = m.sub_path.as_deref().filter(|s| !s.is_empty()).and_then(safe_relative) {
            source = source.join(sub);
        }
        match std::fs::symlink_metadata(&target) {
            Ok(md) if md.is_dir() && !md.file_type().is_symlink() => std::fs::remove_dir_all(&target)?,
            Ok(_) => std::fs::remove_file(&target)?,
            Err(_) => {}
        }
        std::os::unix::fs::symlink(&source, &target)?;
    }
    Ok(root)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod() -> Pod {
        serde_json::from_value(json!({
            "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}},
            "spec": {
                "containers": [{"name": "c", "volumeMounts": [
                    {"name": "cfg", "mountPath": "/etc/cfg"},
                    {"name": "cfg", "mountPath": "/etc/one.conf", "subPath": "app.conf"},
                    {"name": "scratch", "mountPath": "/tmp/scratch"},
                ]}],
                "volumes": [
                    {"name": "cfg", "configMap": {"name": "app"}},
                    {"name": "creds", "secret": {"secretName": "creds", "defaultMode": 0o400, "items": [{"key": "password", "path": "pw/file"}]}},
                    {"name": "info", "downwardAPI": {"items": [{"path": "labels", "fieldRef": {"fieldPath": "metadata.labels"}}]}},
                    {"name": "scratch", "emptyDir": {}},
                    {"name": "odd", "nfs": {"server": "x", "path": "/"}},
                ],
            },
        }))
        .expect("pod")
    }

    fn sources() -> Sources {
        let mut s = Sources::new();
        s.insert((Source::ConfigMap, "app".into()), [("app.conf".to_string(), "port=80\n".to_string())].into());
        s.insert((Source::Secret, "creds".into()), [("password".to_string(), "hunter2".to_string())].into());
        s
    }

    #[test]
    fn check_missing_configmap_is_a_failed_mount() {
        let mut s = sources();
        assert_eq!(check(&pod(), &s), Ok(()));
        s.remove(&(Source::ConfigMap, "app".into()));
        assert_eq!(
            check(&pod(), &s),
            Err("MountVolume.SetUp failed for volume \"cfg\" : configmap \"app\" not found".into())
        );
    }

    #[test]
    fn materialise_and_mount_lay_out_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = pod();
        let notes = materialise(&p, &sources(), dir.path(), "127.0.0.1", "10.244.0.2").expect("writes");
        assert_eq!(notes.len(), 1, "{notes:?}");
        let root = mount(dir.path(), &p.spec.as_ref().expect("spec").containers[0]).expect("mounts");
        assert_eq!(std::fs::read_to_string(root.join("etc/cfg/app.conf")).expect("file"), "port=80\n");
        assert_eq!(std::fs::read_to_string(root.join("etc/one.conf")).expect("subPath"), "port=80\n");
        assert!(root.join("tmp/scratch").is_dir());
        let pw = volume_dir(dir.path(), "creds").join("pw/file");
        assert_eq!(std::fs::read_to_string(&pw).expect("secret"), "hunter2");
        assert_eq!(std::fs::metadata(&pw).expect("meta").permissions().mode() & 0o777, 0o400);
        let labels = std::fs::read_to_string(volume_dir(dir.path(), "info").join("labels")).expect("downward");
        assert_eq!(labels, "app=\"web\"");
        // Mounting again (a restart) replaces the links.
        mount(dir.path(), &p.spec.as_ref().expect("spec").containers[0]).expect("remounts");
    }

    #[test]
    fn safe_relative_refuses_escapes() {
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/abs").is_none());
        assert!(safe_relative("a/b").is_some());
    }
}
