//! Pod spec and pod template checks (`ValidatePodSpec` and friends in kubernetes
//! `pkg/apis/core/validation`): containers, ports, env, volumes and mounts, resources,
//! probes, tolerations, restart and DNS policies, and the narrow set of pod fields that may
//! change on update.

use super::meta::{validate_annotations, validate_labels};
use super::names::{self, is_config_map_key, is_dns1123_label, is_dns1123_subdomain, is_valid_port_name};
use super::parse_quantity;
use super::{FieldError, Path, arr_of, each_invalid, nonempty, nonnegative, obj_of, str_of};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

const FILE_MODE_ERROR: &str = "must be a number between 0 and 0777 (octal), both inclusive";

/// Volume sources in the order kube checks them, so "more than 1 volume type" names the same
/// field kube does.
pub(crate) const VOLUME_SOURCES: [&str; 29] = [
    "hostPath",
    "emptyDir",
    "gitRepo",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "secret",
    "nfs",
    "iscsi",
    "glusterfs",
    "flocker",
    "persistentVolumeClaim",
    "rbd",
    "cinder",
    "cephfs",
    "quobyte",
    "downwardAPI",
    "fc",
    "azureFile",
    "vsphereVolume",
    "photonPersistentDisk",
    "portworxVolume",
    "azureDisk",
    "storageos",
    "projected",
    "scaleIO",
    "configMap",
    "csi",
    "ephemeral",
    "image",
];

const ENV_FIELD_PATHS: [&str; 9] = [
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

/// A whole Pod (`ValidatePodCreate` minus the metadata, which the caller checks).
pub fn validate_pod(pod: &Value) -> Vec<FieldError> {
    let spec = pod.get("spec").unwrap_or(&Value::Null);
    let path = Path::root("spec");
    let mut errs = validate_pod_spec(spec, &path);
    // Templates tolerate stray whitespace in images (tools use " " as a placeholder);
    // pods that will actually run do not.
    for (list, ctrs) in [("containers", arr_of(spec, "containers")), ("initContainers", arr_of(spec, "initContainers"))]
    {
        for (i, c) in ctrs.iter().enumerate() {
            if let Some(image) = str_of(c, "image")
                && image.trim() != image
            {
                errs.push(FieldError::invalid(
                    path.child(list).index(i).child("image"),
                    image,
                    "must not have leading or trailing whitespace",
                ));
            }
        }
    }
    errs
}

/// `ValidatePodTemplateSpec`: template labels, annotations and spec.
pub fn validate_pod_template(template: &Value, path: &Path) -> Vec<FieldError> {
    let meta = template.get("metadata").unwrap_or(&Value::Null);
    let mut errs = validate_labels(meta.get("labels"), &path.child("labels"));
    errs.extend(validate_annotations(meta.get("annotations"), &path.child("annotations")));
    let spec = template.get("spec").unwrap_or(&Value::Null);
    errs.extend(validate_pod_spec(spec, &path.child("spec")));
    if !arr_of(spec, "ephemeralContainers").is_empty() {
        errs.push(FieldError::forbidden(
            path.child("spec").child("ephemeralContainers"),
            "ephemeral containers not allowed in pod template",
        ));
    }
    errs
}

/// `ValidatePodSpec`.
pub fn validate_pod_spec(spec: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let volumes = validate_volumes(&mut errs, arr_of(spec, "volumes"), &path.child("volumes"));
    let host_network = spec.get("hostNetwork").and_then(Value::as_bool) == Some(true);

    let containers = arr_of(spec, "containers");
    let cpath = path.child("containers");
    if containers.is_empty() {
        errs.push(FieldError::required(&cpath, ""));
    }
    let mut names = HashSet::new();
    for (i, c) in containers.iter().enumerate() {
        let p = cpath.index(i);
        validate_container_common(&mut errs, c, &volumes, host_network, &p);
        let name = str_of(c, "name").unwrap_or_default();
        if !names.insert(name.to_string()) {
            errs.push(FieldError::duplicate(p.child("name"), name));
        }
        validate_probes(&mut errs, c, &p);
        if let Some(l) = c.get("lifecycle") {
            for hook in ["postStart", "preStop"] {
                if let Some(h) = l.get(hook) {
                    validate_handler(&mut errs, h, &p.child("lifecycle").child(hook), false);
                }
            }
        }
        if c.get("restartPolicy").is_some_and(|v| !v.is_null()) {
            errs.push(FieldError::forbidden(p.child("restartPolicy"), "may not be set for non-init containers"));
        }
    }

    let ipath = path.child("initContainers");
    for (i, c) in arr_of(spec, "initContainers").iter().enumerate() {
        let p = ipath.index(i);
        validate_container_common(&mut errs, c, &volumes, host_network, &p);
        let name = str_of(c, "name").unwrap_or_default();
        if !names.insert(name.to_string()) {
            errs.push(FieldError::duplicate(p.child("name"), name));
        }
        match str_of(c, "restartPolicy") {
            None => {
                for probe in ["livenessProbe", "readinessProbe", "startupProbe", "lifecycle"] {
                    if c.get(probe).is_some_and(|v| !v.is_null()) {
                        errs.push(FieldError::forbidden(
                            p.child(probe),
                            "may not be set for init containers without restartPolicy=Always",
                        ));
                    }
                }
            }
            Some("Always") => validate_probes(&mut errs, c, &p),
            Some(other) => errs.push(FieldError::not_supported(p.child("restartPolicy"), other, &["Always"])),
        }
    }

    match str_of(spec, "restartPolicy").unwrap_or_default() {
        "Always" | "OnFailure" | "Never" => {}
        "" => errs.push(FieldError::required(path.child("restartPolicy"), "")),
        other => {
            errs.push(FieldError::not_supported(path.child("restartPolicy"), other, &["Always", "OnFailure", "Never"]))
        }
    }
    match str_of(spec, "dnsPolicy").unwrap_or_default() {
        "ClusterFirst" | "ClusterFirstWithHostNet" | "Default" | "None" => {}
        "" => errs.push(FieldError::required(path.child("dnsPolicy"), "")),
        other => errs.push(FieldError::not_supported(
            path.child("dnsPolicy"),
            other,
            &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
        )),
    }
    if str_of(spec, "dnsPolicy") == Some("None") && spec.get("dnsConfig").is_none_or(Value::is_null) {
        errs.push(FieldError::required(path.child("dnsConfig"), "must provide `dnsConfig` when `dnsPolicy` is None"));
    }
    if let Some(v) = spec.get("activeDeadlineSeconds").and_then(Value::as_i64)
        && !(1..=i64::from(i32::MAX)).contains(&v)
    {
        errs.push(FieldError::invalid(
            path.child("activeDeadlineSeconds"),
            v,
            names::inclusive_range_error(1, i64::from(i32::MAX)),
        ));
    }
    errs.extend(validate_labels(spec.get("nodeSelector"), &path.child("nodeSelector")));
    for (key, check) in [
        ("serviceAccountName", is_dns1123_subdomain as fn(&str) -> Vec<String>),
        ("nodeName", is_dns1123_subdomain),
        ("hostname", is_dns1123_label),
        ("subdomain", is_dns1123_label),
        ("priorityClassName", is_dns1123_subdomain),
    ] {
        if let Some(v) = nonempty(spec, key) {
            each_invalid(&mut errs, &path.child(key), v, check(v));
        }
    }
    nonnegative(&mut errs, spec.get("terminationGracePeriodSeconds"), &path.child("terminationGracePeriodSeconds"));
    validate_tolerations(&mut errs, arr_of(spec, "tolerations"), &path.child("tolerations"));
    for (i, s) in arr_of(spec, "imagePullSecrets").iter().enumerate() {
        if nonempty(s, "name").is_none() {
            errs.push(FieldError::required(path.child("imagePullSecrets").index(i).child("name"), ""));
        }
    }
    errs
}

/// Volume names that validated cleanly, with their sources; mounts may refer only to these.
fn validate_volumes<'a>(errs: &mut Vec<FieldError>, vols: &'a [Value], path: &Path) -> BTreeMap<String, &'a Value> {
    let mut valid = BTreeMap::new();
    let mut seen = HashSet::new();
    for (i, vol) in vols.iter().enumerate() {
        let p = path.index(i);
        let mut el = Vec::new();
        validate_volume_source(&mut el, vol, &p);
        let name = str_of(vol, "name").unwrap_or_default();
        if name.is_empty() {
            el.push(FieldError::required(p.child("name"), ""));
        } else {
            each_invalid(&mut el, &p.child("name"), name, is_dns1123_label(name));
        }
        if seen.contains(name) {
            el.push(FieldError::duplicate(p.child("name"), name));
        }
        if el.is_empty() {
            seen.insert(name.to_string());
            valid.insert(name.to_string(), vol);
        } else {
            errs.extend(el);
        }
    }
    valid
}

fn validate_volume_source(errs: &mut Vec<FieldError>, vol: &Value, path: &Path) {
    let mut count = 0;
    for src in VOLUME_SOURCES {
        let Some(s) = vol.get(src).filter(|v| !v.is_null()) else { continue };
        if count > 0 {
            errs.push(FieldError::forbidden(path.child(src), "may not specify more than 1 volume type"));
            continue;
        }
        count += 1;
        let p = path.child(src);
        match src {
            "hostPath" => {
                if nonempty(s, "path").is_none() {
                    errs.push(FieldError::required(p.child("path"), ""));
                }
                let types = [
                    "",
                    "DirectoryOrCreate",
                    "Directory",
                    "FileOrCreate",
                    "File",
                    "Socket",
                    "CharDevice",
                    "BlockDevice",
                ];
                if let Some(t) = str_of(s, "type")
                    && !types.contains(&t)
                {
                    errs.push(FieldError::not_supported(p.child("type"), t, &types));
                }
            }
            "emptyDir" => {
                if let Some(m) = str_of(s, "medium")
                    && !["", "Memory", "HugePages"].contains(&m)
                    && !m.starts_with("HugePages-")
                {
                    errs.push(FieldError::not_supported(p.child("medium"), m, &["", "Memory", "HugePages"]));
                }
                if let Some(q) = str_of(s, "sizeLimit") {
                    validate_quantity(errs, q, &p.child("sizeLimit"));
                }
            }
            "secret" => {
                if nonempty(s, "secretName").is_none() {
                    errs.push(FieldError::required(p.child("secretName"), ""));
                }
                validate_mode(errs, s.get("defaultMode"), &p.child("defaultMode"));
                validate_key_to_paths(errs, arr_of(s, "items"), &p.child("items"));
            }
            "configMap" => {
                if nonempty(s, "name").is_none() {
                    errs.push(FieldError::required(p.child("name"), ""));
                }
                validate_mode(errs, s.get("defaultMode"), &p.child("defaultMode"));
                validate_key_to_paths(errs, arr_of(s, "items"), &p.child("items"));
            }
            "persistentVolumeClaim" if nonempty(s, "claimName").is_none() => {
                errs.push(FieldError::required(p.child("claimName"), ""));
            }
            "nfs" => {
                if nonempty(s, "server").is_none() {
                    errs.push(FieldError::required(p.child("server"), ""));
                }
                match nonempty(s, "path") {
                    None => errs.push(FieldError::required(p.child("path"), "")),
                    Some(path) if !path.starts_with('/') => {
                        errs.push(FieldError::invalid(p.child("path"), path, "must be an absolute path"))
                    }
                    Some(_) => {}
                }
            }
            "csi" if nonempty(s, "driver").is_none() => {
                errs.push(FieldError::required(p.child("driver"), ""));
            }
            "downwardAPI" | "projected" => validate_mode(errs, s.get("defaultMode"), &p.child("defaultMode")),
            "image" if nonempty(s, "reference").is_none() => {
                errs.push(FieldError::required(p.child("reference"), ""));
            }
            _ => {}
        }
    }
    if count == 0 {
        errs.push(FieldError::required(path, "must specify a volume type"));
    }
}

fn validate_mode(errs: &mut Vec<FieldError>, mode: Option<&Value>, path: &Path) {
    if let Some(m) = mode.and_then(Value::as_i64)
        && !(0..=0o777).contains(&m)
    {
        errs.push(FieldError::invalid(path, m, FILE_MODE_ERROR));
    }
}

fn validate_key_to_paths(errs: &mut Vec<FieldError>, items: &[Value], path: &Path) {
    for (i, item) in items.iter().enumerate() {
        let p = path.index(i);
        if nonempty(item, "key").is_none() {
            errs.push(FieldError::required(p.child("key"), ""));
        }
        match nonempty(item, "path") {
            None => errs.push(FieldError::required(p.child("path"), "")),
            Some(rel) => validate_local_non_reserved_path(errs, rel, &p.child("path")),
        }
        validate_mode(errs, item.get("mode"), &p.child("mode"));
    }
}

fn validate_local_descending_path(errs: &mut Vec<FieldError>, target: &str, path: &Path) {
    if target.starts_with('/') {
        errs.push(FieldError::invalid(path, target, "must be a relative path"));
    }
    if target.split(['/', '\\']).any(|part| part == "..") {
        errs.push(FieldError::invalid(path, target, "must not contain '..'"));
    }
}

fn validate_local_non_reserved_path(errs: &mut Vec<FieldError>, target: &str, path: &Path) {
    validate_local_descending_path(errs, target, path);
    if target.starts_with("..") {
        errs.push(FieldError::invalid(path, target, "must not start with '..'"));
    }
}

fn validate_quantity(errs: &mut Vec<FieldError>, q: &str, path: &Path) -> Option<i128> {
    match parse_quantity(q) {
        Err(e) => {
            errs.push(FieldError::invalid(path, q, e));
            None
        }
        Ok(v) if v < 0 => {
            errs.push(FieldError::invalid(path, q, "must be greater than or equal to 0"));
            Some(v)
        }
        Ok(v) => Some(v),
    }
}

/// `validateContainerCommon` plus ports and mounts.
fn validate_container_common(
    errs: &mut Vec<FieldError>,
    c: &Value,
    volumes: &BTreeMap<String, &Value>,
    host_network: bool,
    path: &Path,
) {
    match nonempty(c, "name") {
        None => errs.push(FieldError::required(path.child("name"), "")),
        Some(n) => each_invalid(errs, &path.child("name"), n, is_dns1123_label(n)),
    }
    if nonempty(c, "image").is_none() {
        errs.push(FieldError::required(path.child("image"), ""));
    }
    match str_of(c, "terminationMessagePolicy").unwrap_or_default() {
        "File" | "FallbackToLogsOnError" => {}
        "" => errs.push(FieldError::required(path.child("terminationMessagePolicy"), "")),
        other => errs.push(FieldError::not_supported(
            path.child("terminationMessagePolicy"),
            other,
            &["File", "FallbackToLogsOnError"],
        )),
    }
    validate_volume_mounts(errs, arr_of(c, "volumeMounts"), volumes, &path.child("volumeMounts"));
    validate_container_ports(errs, arr_of(c, "ports"), host_network, &path.child("ports"));
    validate_env(errs, arr_of(c, "env"), &path.child("env"));
    for (i, e) in arr_of(c, "envFrom").iter().enumerate() {
        let p = path.child("envFrom").index(i);
        if let Some(prefix) = nonempty(e, "prefix") {
            each_invalid(errs, &p.child("prefix"), prefix, names::is_env_var_name(prefix));
        }
        let sources = ["configMapRef", "secretRef"].iter().filter(|k| e.get(**k).is_some_and(|v| !v.is_null())).count();
        if sources == 0 {
            errs.push(FieldError::invalid(p, "", "must specify one of: `configMapRef` or `secretRef`"));
        } else if sources > 1 {
            errs.push(FieldError::invalid(p, "", "may not have more than one field specified at a time"));
        }
    }
    validate_resources(errs, c.get("resources"), &path.child("resources"));
    match str_of(c, "imagePullPolicy").unwrap_or_default() {
        "Always" | "IfNotPresent" | "Never" => {}
        "" => errs.push(FieldError::required(path.child("imagePullPolicy"), "")),
        other => errs.push(FieldError::not_supported(
            path.child("imagePullPolicy"),
            other,
            &["Always", "IfNotPresent", "Never"],
        )),
    }
}

fn validate_volume_mounts(
    errs: &mut Vec<FieldError>,
    mounts: &[Value],
    volumes: &BTreeMap<String, &Value>,
    path: &Path,
) {
    let mut mount_points = HashSet::new();
    for (i, m) in mounts.iter().enumerate() {
        let p = path.index(i);
        let name = str_of(m, "name").unwrap_or_default();
        if name.is_empty() {
            errs.push(FieldError::required(p.child("name"), ""));
        }
        if !volumes.contains_key(name) {
            errs.push(FieldError::not_found(p.child("name"), name));
        }
        let mount_path = str_of(m, "mountPath").unwrap_or_default();
        if mount_path.is_empty() {
            errs.push(FieldError::required(p.child("mountPath"), ""));
        }
        if !mount_points.insert(mount_path.to_string()) {
            errs.push(FieldError::invalid(p.child("mountPath"), mount_path, "must be unique"));
        }
        // kube reports subPath problems against the list, not the item.
        if let Some(sub) = nonempty(m, "subPath") {
            validate_local_descending_path(errs, sub, &path.child("subPath"));
        }
        if nonempty(m, "subPath").is_some() && nonempty(m, "subPathExpr").is_some() {
            errs.push(FieldError::invalid(
                p.child("subPathExpr"),
                str_of(m, "subPathExpr").unwrap_or_default(),
                "subPathExpr and subPath are mutually exclusive",
            ));
        }
        if let Some(prop) = str_of(m, "mountPropagation")
            && !["None", "HostToContainer", "Bidirectional"].contains(&prop)
        {
            errs.push(FieldError::not_supported(
                p.child("mountPropagation"),
                prop,
                &["Bidirectional", "HostToContainer", "None"],
            ));
        }
    }
}

fn validate_container_ports(errs: &mut Vec<FieldError>, ports: &[Value], host_network: bool, path: &Path) {
    let mut names = HashSet::new();
    for (i, port) in ports.iter().enumerate() {
        let p = path.index(i);
        if let Some(name) = nonempty(port, "name") {
            let msgs = is_valid_port_name(name);
            if !msgs.is_empty() {
                each_invalid(errs, &p.child("name"), name, msgs);
            } else if !names.insert(name.to_string()) {
                errs.push(FieldError::duplicate(p.child("name"), name));
            }
        }
        let container_port = port.get("containerPort").and_then(Value::as_i64).unwrap_or(0);
        if container_port == 0 {
            errs.push(FieldError::required(p.child("containerPort"), ""));
        } else {
            for m in names::is_valid_port_num(container_port) {
                errs.push(FieldError::invalid(p.child("containerPort"), container_port, m));
            }
        }
        let host_port = port.get("hostPort").and_then(Value::as_i64).unwrap_or(0);
        if host_port != 0 {
            for m in names::is_valid_port_num(host_port) {
                errs.push(FieldError::invalid(p.child("hostPort"), host_port, m));
            }
            if host_network && host_port != container_port {
                errs.push(FieldError::invalid(
                    p.child("containerPort"),
                    container_port,
                    "must match `hostPort` when `hostNetwork` is true",
                ));
            }
        }
        validate_protocol(errs, port, &p.child("protocol"));
    }
}

/// Port protocols: required once defaulted, and one of SCTP, TCP, UDP.
pub fn validate_protocol(errs: &mut Vec<FieldError>, port: &Value, path: &Path) {
    match str_of(port, "protocol").unwrap_or_default() {
        "TCP" | "UDP" | "SCTP" => {}
        "" => errs.push(FieldError::required(path, "")),
        other => errs.push(FieldError::not_supported(path, other, &["SCTP", "TCP", "UDP"])),
    }
}

fn validate_env(errs: &mut Vec<FieldError>, env: &[Value], path: &Path) {
    for (i, ev) in env.iter().enumerate() {
        let p = path.index(i);
        match nonempty(ev, "name") {
            None => errs.push(FieldError::required(p.child("name"), "")),
            Some(n) => each_invalid(errs, &p.child("name"), n, names::is_env_var_name(n)),
        }
        let Some(vf) = ev.get("valueFrom").filter(|v| !v.is_null()) else { continue };
        let vp = p.child("valueFrom");
        let mut sources = 0;
        if let Some(fr) = vf.get("fieldRef").filter(|v| !v.is_null()) {
            sources += 1;
            let fp = vp.child("fieldRef");
            if nonempty(fr, "apiVersion").is_none() {
                errs.push(FieldError::required(fp.child("apiVersion"), ""));
            } else {
                match nonempty(fr, "fieldPath") {
                    None => errs.push(FieldError::required(fp.child("fieldPath"), "")),
                    Some(f) => validate_env_field_path(errs, f, &fp.child("fieldPath")),
                }
            }
        }
        if let Some(rr) = vf.get("resourceFieldRef").filter(|v| !v.is_null()) {
            sources += 1;
            let rp = vp.child("resourceFieldRef");
            let valid = [
                "limits.cpu",
                "limits.ephemeral-storage",
                "limits.memory",
                "requests.cpu",
                "requests.ephemeral-storage",
                "requests.memory",
            ];
            match nonempty(rr, "resource") {
                None => errs.push(FieldError::required(rp.child("resource"), "")),
                Some(r)
                    if !valid.contains(&r)
                        && !r.starts_with("limits.hugepages-")
                        && !r.starts_with("requests.hugepages-") =>
                {
                    errs.push(FieldError::not_supported(rp.child("resource"), r, &valid))
                }
                Some(_) => {}
            }
        }
        for key in ["configMapKeyRef", "secretKeyRef"] {
            if let Some(sel) = vf.get(key).filter(|v| !v.is_null()) {
                sources += 1;
                let sp = vp.child(key);
                let name = str_of(sel, "name").unwrap_or_default();
                each_invalid(errs, &sp.child("name"), name, is_dns1123_subdomain(name));
                match nonempty(sel, "key") {
                    None => errs.push(FieldError::required(sp.child("key"), "")),
                    Some(k) => each_invalid(errs, &sp.child("key"), k, is_config_map_key(k)),
                }
            }
        }
        if sources == 0 {
            errs.push(FieldError::invalid(
                &vp,
                "",
                "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`",
            ));
        } else if nonempty(ev, "value").is_some() {
            errs.push(FieldError::invalid(&vp, "", "may not be specified when `value` is not empty"));
        } else if sources > 1 {
            errs.push(FieldError::invalid(&vp, "", "may not have more than one field specified at a time"));
        }
    }
}

fn validate_env_field_path(errs: &mut Vec<FieldError>, f: &str, path: &Path) {
    // A subscript is quoted, `metadata.annotations['key']` (fieldpath.SplitMaybeSubscriptedPath).
    let subscripted = f.strip_suffix("']").and_then(|s| s.split_once("['")).filter(|(base, _)| !base.is_empty());
    if let Some((base, key)) = subscripted {
        match base {
            "metadata.annotations" => {
                each_invalid(errs, path, key, names::is_qualified_name(&key.to_lowercase()));
            }
            "metadata.labels" => each_invalid(errs, path, key, names::is_qualified_name(key)),
            _ => errs.push(FieldError::invalid(path, base, "does not support subscript")),
        }
    } else if !ENV_FIELD_PATHS.contains(&f) {
        errs.push(FieldError::not_supported(path, f, &ENV_FIELD_PATHS));
    }
}

fn is_native_resource(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

fn is_overcommit_allowed(name: &str) -> bool {
    is_native_resource(name) && !name.starts_with("hugepages-")
}

/// `ValidateContainerResources`: names, quantities, requests ≤ limits.
fn validate_resources(errs: &mut Vec<FieldError>, res: Option<&Value>, path: &Path) {
    let Some(res) = res else { return };
    let lim_path = path.child("limits");
    let req_path = path.child("requests");
    let empty = serde_json::Map::new();
    let limits = obj_of(res, "limits").unwrap_or(&empty);
    let requests = obj_of(res, "requests").unwrap_or(&empty);
    let check_name = |errs: &mut Vec<FieldError>, name: &str, p: &Path| {
        if name.contains('/') {
            each_invalid(errs, p, name, names::is_qualified_name(name));
        } else if !matches!(name, "cpu" | "memory" | "ephemeral-storage") && !name.starts_with("hugepages-") {
            errs.push(FieldError::invalid(p, name, "must be a standard resource for containers"));
        }
    };
    let mut lim_values = BTreeMap::new();
    for (name, q) in sorted(limits) {
        let p = lim_path.key(name);
        check_name(errs, name, &p);
        let q = q.as_str().unwrap_or_default();
        if let Some(v) = validate_quantity(errs, q, &p) {
            lim_values.insert(name.as_str(), (v, q));
        }
    }
    for (name, q) in sorted(requests) {
        let p = req_path.key(name);
        check_name(errs, name, &p);
        let q = q.as_str().unwrap_or_default();
        let Some(v) = validate_quantity(errs, q, &p) else { continue };
        match lim_values.get(name.as_str()) {
            Some(&(lim, lim_text)) => {
                if v != lim && !is_overcommit_allowed(name) {
                    errs.push(FieldError::invalid(
                        &req_path,
                        q,
                        format!("must be equal to {name} limit of {lim_text}"),
                    ));
                } else if v > lim {
                    errs.push(FieldError::invalid(
                        &req_path,
                        q,
                        format!("must be less than or equal to {name} limit of {lim_text}"),
                    ));
                }
            }
            None if !is_overcommit_allowed(name) && !limits.contains_key(name) => {
                errs.push(FieldError::required(&lim_path, "Limit must be set for non overcommitable resources"));
            }
            None => {}
        }
    }
}

fn sorted(m: &serde_json::Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut v: Vec<_> = m.iter().collect();
    v.sort_by(|a, b| a.0.cmp(b.0));
    v
}

fn validate_probes(errs: &mut Vec<FieldError>, c: &Value, path: &Path) {
    for key in ["livenessProbe", "readinessProbe", "startupProbe"] {
        let Some(probe) = c.get(key).filter(|v| !v.is_null()) else { continue };
        let p = path.child(key);
        validate_handler(errs, probe, &p, true);
        for field in ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"]
        {
            nonnegative(errs, probe.get(field), &p.child(field));
        }
        if let Some(t) = probe.get("terminationGracePeriodSeconds").and_then(Value::as_i64)
            && t <= 0
        {
            errs.push(FieldError::invalid(p.child("terminationGracePeriodSeconds"), t, "must be greater than 0"));
        }
        if key != "readinessProbe"
            && let Some(s) = probe.get("successThreshold").and_then(Value::as_i64)
            && s != 1
        {
            errs.push(FieldError::invalid(p.child("successThreshold"), s, "must be 1"));
        }
        if key == "readinessProbe" && probe.get("terminationGracePeriodSeconds").is_some_and(|v| !v.is_null()) {
            errs.push(FieldError::invalid(
                p.child("terminationGracePeriodSeconds"),
                probe.get("terminationGracePeriodSeconds").cloned().unwrap_or(Value::Null),
                "must not be set for readinessProbes",
            ));
        }
    }
}

/// Probe and lifecycle handlers: exactly one of exec, httpGet, tcpSocket, grpc (probes), sleep
/// (lifecycle hooks).
fn validate_handler(errs: &mut Vec<FieldError>, h: &Value, path: &Path, probe: bool) {
    let kinds: &[&str] =
        if probe { &["exec", "httpGet", "tcpSocket", "grpc"] } else { &["exec", "httpGet", "tcpSocket", "sleep"] };
    let mut count = 0;
    for &k in kinds {
        let Some(a) = h.get(k).filter(|v| !v.is_null()) else { continue };
        if count > 0 {
            errs.push(FieldError::forbidden(path.child(k), "may not specify more than 1 handler type"));
            continue;
        }
        count += 1;
        let p = path.child(k);
        match k {
            "exec" if arr_of(a, "command").is_empty() => {
                errs.push(FieldError::required(p.child("command"), ""));
            }
            "httpGet" => {
                if nonempty(a, "path").is_none() {
                    errs.push(FieldError::required(p.child("path"), ""));
                }
                validate_port_num_or_name(errs, a.get("port"), &p.child("port"));
                if let Some(s) = str_of(a, "scheme")
                    && s != "HTTP"
                    && s != "HTTPS"
                {
                    errs.push(FieldError::not_supported(p.child("scheme"), s, &["HTTP", "HTTPS"]));
                }
                for (i, hdr) in arr_of(a, "httpHeaders").iter().enumerate() {
                    let n = str_of(hdr, "name").unwrap_or_default();
                    let ok = !n.is_empty() && n.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-');
                    if !ok {
                        errs.push(FieldError::invalid(
                            p.child("httpHeaders").index(i).child("name"),
                            n,
                            names::regex_error(
                                "a valid HTTP header must consist of alphanumeric characters or '-'",
                                "[-A-Za-z0-9]+",
                                &["X-Header-Name"],
                            ),
                        ));
                    }
                }
            }
            "tcpSocket" => validate_port_num_or_name(errs, a.get("port"), &p.child("port")),
            "grpc" => {
                let port = a.get("port").and_then(Value::as_i64).unwrap_or(0);
                for m in names::is_valid_port_num(port) {
                    errs.push(FieldError::invalid(p.child("port"), port, m));
                }
            }
            "sleep" => {
                if let Some(s) = a.get("seconds").and_then(Value::as_i64)
                    && s < 0
                {
                    errs.push(FieldError::invalid(p.child("seconds"), s, "must be non-negative"));
                }
            }
            _ => {}
        }
    }
    if count == 0 {
        errs.push(FieldError::required(path, "must specify a handler type"));
    }
}

/// `ValidatePortNumOrName` for an int-or-string port.
pub fn validate_port_num_or_name(errs: &mut Vec<FieldError>, port: Option<&Value>, path: &Path) {
    match port {
        Some(Value::String(s)) => each_invalid(errs, path, s, is_valid_port_name(s)),
        Some(v) => {
            let n = v.as_i64().unwrap_or(0);
            for m in names::is_valid_port_num(n) {
                errs.push(FieldError::invalid(path, n, m));
            }
        }
        None => errs.extend(names::is_valid_port_num(0).into_iter().map(|m| FieldError::invalid(path, 0, m))),
    }
}

fn validate_tolerations(errs: &mut Vec<FieldError>, tolerations: &[Value], path: &Path) {
    for (i, t) in tolerations.iter().enumerate() {
        let p = path.index(i);
        let key = str_of(t, "key").unwrap_or_default();
        let op = str_of(t, "operator").unwrap_or_default();
        let effect = str_of(t, "effect").unwrap_or_default();
        if !key.is_empty() {
            each_invalid(errs, &p.child("key"), key, names::is_qualified_name(key));
        }
        if key.is_empty() && op != "Exists" {
            errs.push(FieldError::invalid(
                p.child("operator"),
                op,
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            ));
        }
        if t.get("tolerationSeconds").is_some_and(|v| !v.is_null()) && effect != "NoExecute" {
            errs.push(FieldError::invalid(
                p.child("effect"),
                effect,
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            ));
        }
        let value = str_of(t, "value").unwrap_or_default();
        match op {
            "Equal" | "" => {
                let msgs = names::is_valid_label_value(value);
                if !msgs.is_empty() {
                    errs.push(FieldError::invalid(p.child("operator"), value, msgs.join(";")));
                }
            }
            "Exists" => {
                if !value.is_empty() {
                    errs.push(FieldError::invalid_raw(
                        p.child("operator"),
                        t.to_string(),
                        "value must be empty when `operator` is 'Exists'",
                    ));
                }
            }
            other => errs.push(FieldError::not_supported(p.child("operator"), other, &["Equal", "Exists"])),
        }
        if !effect.is_empty() && !["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(&effect) {
            errs.push(FieldError::not_supported(
                p.child("effect"),
                effect,
                &["NoSchedule", "PreferNoSchedule", "NoExecute"],
            ));
        }
    }
}

/// `ValidatePodUpdate`'s rule: only images, `activeDeadlineSeconds`, added tolerations,
/// removed scheduling gates and a negative grace period raised to 1 may change.
pub fn validate_pod_update(new: &Value, old: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let (Some(ns), Some(os)) = (new.get("spec"), old.get("spec")) else { return errs };
    let spec_path = Path::root("spec");

    match (os.get("activeDeadlineSeconds").and_then(Value::as_i64), ns.get("activeDeadlineSeconds")) {
        (Some(_), None | Some(Value::Null)) => errs.push(FieldError::invalid(
            spec_path.child("activeDeadlineSeconds"),
            Value::Null,
            "must not update from a positive integer to nil value",
        )),
        (Some(o), Some(n)) if n.as_i64().is_some_and(|n| n > o) => errs.push(FieldError::invalid(
            spec_path.child("activeDeadlineSeconds"),
            n.clone(),
            "must be less than or equal to previous value",
        )),
        _ => {}
    }

    // Compare the new spec with the old one after carrying over every permitted change.
    let mut mutated = os.clone();
    for list in ["containers", "initContainers"] {
        let new_list = arr_of(ns, list);
        if let Some(old_list) = mutated.get_mut(list).and_then(Value::as_array_mut)
            && old_list.len() == new_list.len()
        {
            for (o, n) in old_list.iter_mut().zip(new_list) {
                if let (Some(obj), Some(img)) = (o.as_object_mut(), n.get("image")) {
                    obj.insert("image".to_string(), img.clone());
                }
            }
        }
    }
    if let Some(obj) = mutated.as_object_mut() {
        for key in ["activeDeadlineSeconds", "schedulingGates"] {
            match ns.get(key) {
                Some(v) => obj.insert(key.to_string(), v.clone()),
                None => obj.remove(key),
            };
        }
        let old_tol = arr_of(os, "tolerations");
        let new_tol = arr_of(ns, "tolerations");
        if old_tol.iter().all(|t| new_tol.contains(t)) {
            match ns.get("tolerations") {
                Some(v) => obj.insert("tolerations".to_string(), v.clone()),
                None => obj.remove("tolerations"),
            };
        }
        let old_grace = os.get("terminationGracePeriodSeconds").and_then(Value::as_i64);
        if old_grace.is_some_and(|g| g < 0)
            && ns.get("terminationGracePeriodSeconds").and_then(Value::as_i64) == Some(1)
        {
            obj.insert("terminationGracePeriodSeconds".to_string(), Value::from(1));
        }
    }
    if strip_nulls(&mutated) != strip_nulls(ns) {
        errs.push(FieldError::forbidden(
            spec_path,
            "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
        ));
    }
    errs
}

/// JSON with `null` members removed, so "absent" and "null" compare equal.
pub fn strip_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            Value::Object(m.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), strip_nulls(v))).collect())
        }
        Value::Array(a) => Value::Array(a.iter().map(strip_nulls).collect()),
        other => other.clone(),
    }
}
