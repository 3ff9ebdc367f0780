//! Core (`v1`) kinds other than the pod spec itself (kubernetes `pkg/apis/core/validation`):
//! Pod, Service, ConfigMap, Secret, Namespace, PersistentVolume(Claim), Node, Event,
//! Endpoints, ReplicationController, PodTemplate.

use super::meta::validate_labels;
use super::names::{self, is_config_map_key, is_dns1123_label, is_dns1123_subdomain, is_valid_ip};
use super::pod::{self, strip_nulls, validate_pod_template, validate_protocol};
use super::render::go_string_map;
use super::{
    FieldError, Path, arr_of, each_invalid, immutable_field, nonempty, nonnegative, obj_of, parse_quantity, str_of,
};
use serde_json::Value;

/// `core.MaxSecretSize`: the data limit for Secrets and ConfigMaps.
pub const MAX_SECRET_SIZE: usize = 1024 * 1024;

const ACCESS_MODES: [&str; 4] = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];

pub fn validate(kind: &str, obj: &Value) -> Vec<FieldError> {
    match kind {
        "Pod" => pod::validate_pod(obj),
        "PodTemplate" => validate_pod_template(obj.get("template").unwrap_or(&Value::Null), &Path::root("template")),
        "Service" => validate_service(obj),
        "ConfigMap" => validate_config_map(obj),
        "Secret" => validate_secret(obj),
        "Namespace" => validate_namespace(obj),
        "PersistentVolume" => validate_pv(obj),
        "PersistentVolumeClaim" => validate_pvc_spec(obj.get("spec").unwrap_or(&Value::Null), &Path::root("spec")),
        "Node" => validate_node(obj),
        "Event" => validate_event(obj),
        "Endpoints" => validate_endpoints(obj),
        "ReplicationController" => validate_replication_controller(obj),
        _ => Vec::new(),
    }
}

pub fn validate_update(kind: &str, new: &Value, old: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match kind {
        "Pod" => errs.extend(pod::validate_pod_update(new, old)),
        "Service" => validate_service_update(&mut errs, new, old),
        "ConfigMap" | "Secret" => {
            if old.get("immutable").and_then(Value::as_bool) == Some(true) {
                if new.get("immutable").and_then(Value::as_bool) != Some(true) {
                    errs.push(FieldError::forbidden("immutable", "field is immutable when `immutable` is set"));
                }
                let keys: &[&str] = if kind == "ConfigMap" { &["data", "binaryData"] } else { &["data"] };
                for key in keys {
                    if strip_nulls(new.get(*key).unwrap_or(&Value::Null))
                        != strip_nulls(old.get(*key).unwrap_or(&Value::Null))
                    {
                        errs.push(FieldError::forbidden(*key, "field is immutable when `immutable` is set"));
                    }
                }
            }
            if kind == "Secret" {
                immutable_field(&mut errs, new.get("type"), old.get("type"), &Path::root("type"));
            }
        }
        "PersistentVolumeClaim" => {
            let strip = |v: &Value| {
                let mut s = strip_nulls(v.get("spec").unwrap_or(&Value::Null));
                if let Some(m) = s.as_object_mut() {
                    if let Some(r) = m.get_mut("resources").and_then(Value::as_object_mut) {
                        r.remove("requests");
                    }
                    m.remove("volumeAttributesClassName");
                    // Binding fills volumeName once; that is not a user change.
                    if old.get("spec").and_then(|s| str_of(s, "volumeName")).unwrap_or_default().is_empty() {
                        m.remove("volumeName");
                    }
                }
                s
            };
            if strip(new) != strip(old) {
                errs.push(FieldError::forbidden(
                    "spec",
                    "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims",
                ));
            }
        }
        "PersistentVolume" => {
            let (ns, os) = (new.get("spec").unwrap_or(&Value::Null), old.get("spec").unwrap_or(&Value::Null));
            for src in ["hostPath", "local", "nfs", "csi"] {
                if os.get(src).is_some() {
                    let (n, o) = (ns.get(src).map(strip_nulls), os.get(src).map(strip_nulls));
                    if n != o {
                        errs.push(FieldError::forbidden(
                            "spec.persistentvolumesource",
                            "spec.persistentvolumesource is immutable after creation",
                        ));
                    }
                }
            }
            immutable_field(&mut errs, ns.get("volumeMode"), os.get("volumeMode"), &Path::root("volumeMode"));
            if os.get("nodeAffinity").is_some_and(|v| !v.is_null()) {
                immutable_field(&mut errs, ns.get("nodeAffinity"), os.get("nodeAffinity"), &Path::root("nodeAffinity"));
            }
        }
        "ReplicationController" | "Endpoints" | "Node" | "Namespace" | "Event" => {}
        _ => {}
    }
    errs
}

fn is_headless(spec: &Value) -> bool {
    str_of(spec, "clusterIP") == Some("None")
        || arr_of(spec, "clusterIPs").first().and_then(Value::as_str) == Some("None")
}

/// `core.ServicePort{Protocol, Port}` as `%#v` prints the duplicate-port key.
fn service_port_key(protocol: &str, port: i64) -> String {
    format!(
        "core.ServicePort{{Name:\"\", Protocol:{}, AppProtocol:(*string)(nil), Port:{port}, TargetPort:intstr.IntOrString{{Type:0, IntVal:0, StrVal:\"\"}}, NodePort:0}}",
        super::render::go_quote(protocol)
    )
}

fn validate_service(obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let spec = obj.get("spec").unwrap_or(&Value::Null);
    let sp = Path::root("spec");
    let ty = str_of(spec, "type").unwrap_or_default();
    let headless = is_headless(spec);
    let ports = arr_of(spec, "ports");
    if ports.is_empty() && !headless && ty != "ExternalName" {
        errs.push(FieldError::required(sp.child("ports"), ""));
    }
    let first_ip = arr_of(spec, "clusterIPs").first().and_then(Value::as_str).unwrap_or("None");
    match ty {
        "LoadBalancer" | "NodePort" if headless => errs.push(FieldError::invalid(
            sp.child("clusterIPs").index(0),
            first_ip,
            format!("may not be set to 'None' for {ty} services"),
        )),
        "ExternalName" => {
            if !arr_of(spec, "clusterIPs").is_empty() {
                errs.push(FieldError::forbidden(sp.child("clusterIPs"), "may not be set for ExternalName services"));
            }
            if !arr_of(spec, "ipFamilies").is_empty() {
                errs.push(FieldError::forbidden(sp.child("ipFamilies"), "may not be set for ExternalName services"));
            }
            if spec.get("ipFamilyPolicy").is_some_and(|v| !v.is_null()) {
                errs.push(FieldError::forbidden(
                    sp.child("ipFamilyPolicy"),
                    "may not be set for ExternalName services",
                ));
            }
            let cname = str_of(spec, "externalName").unwrap_or_default();
            let cname = cname.strip_suffix('.').unwrap_or(cname);
            if cname.is_empty() {
                errs.push(FieldError::required(sp.child("externalName"), ""));
            } else {
                each_invalid(&mut errs, &sp.child("externalName"), cname, is_dns1123_subdomain(cname));
            }
        }
        _ => {}
    }

    let mut port_names = std::collections::HashSet::new();
    for (i, port) in ports.iter().enumerate() {
        let p = sp.child("ports").index(i);
        match nonempty(port, "name") {
            None if ports.len() > 1 => errs.push(FieldError::required(p.child("name"), "")),
            None => {}
            Some(n) => {
                each_invalid(&mut errs, &p.child("name"), n, is_dns1123_label(n));
                if !port_names.insert(n.to_string()) {
                    errs.push(FieldError::duplicate(p.child("name"), n));
                }
            }
        }
        let num = port.get("port").and_then(Value::as_i64).unwrap_or(0);
        for m in names::is_valid_port_num(num) {
            errs.push(FieldError::invalid(p.child("port"), num, m));
        }
        validate_protocol(&mut errs, port, &p.child("protocol"));
        pod::validate_port_num_or_name(&mut errs, port.get("targetPort"), &p.child("targetPort"));
        if let Some(app) = str_of(port, "appProtocol") {
            each_invalid(&mut errs, &p.child("appProtocol"), app, names::is_qualified_name(app));
        }
    }

    errs.extend(validate_labels(spec.get("selector"), &sp.child("selector")));
    let affinity = str_of(spec, "sessionAffinity").unwrap_or_default();
    match affinity {
        "" => errs.push(FieldError::required(sp.child("sessionAffinity"), "")),
        "ClientIP" => {
            let timeout = spec
                .get("sessionAffinityConfig")
                .and_then(|c| c.get("clientIP"))
                .and_then(|c| c.get("timeoutSeconds"))
                .and_then(Value::as_i64);
            match timeout {
                None => errs.push(FieldError::required(
                    sp.child("sessionAffinityConfig"),
                    "when session affinity type is ClientIP",
                )),
                Some(t) if !(1..=86400).contains(&t) => errs.push(FieldError::invalid(
                    sp.child("sessionAffinityConfig").child("clientIP").child("timeoutSeconds"),
                    t,
                    "must be greater than 0 and less than 86400",
                )),
                Some(_) => {}
            }
        }
        "None" => {
            if spec.get("sessionAffinityConfig").is_some_and(|v| !v.is_null()) {
                errs.push(FieldError::forbidden(
                    sp.child("sessionAffinityConfig"),
                    "must not be set when session affinity is None",
                ));
            }
        }
        other => errs.push(FieldError::not_supported(sp.child("sessionAffinity"), other, &["ClientIP", "None"])),
    }

    if ty != "ExternalName" {
        for (i, ip) in arr_of(spec, "clusterIPs").iter().enumerate() {
            let ip = ip.as_str().unwrap_or_default();
            if ip != "None" {
                each_invalid(&mut errs, &sp.child("clusterIPs").index(i), ip, is_valid_ip(ip));
            }
        }
        if let (Some(ip), Some(first)) =
            (nonempty(spec, "clusterIP"), arr_of(spec, "clusterIPs").first().and_then(Value::as_str))
            && ip != first
        {
            errs.push(FieldError::invalid(
                sp.child("clusterIPs"),
                arr_of(spec, "clusterIPs").to_vec(),
                "first value must match `clusterIP`",
            ));
        }
        if let Some(policy) = str_of(spec, "ipFamilyPolicy")
            && !["SingleStack", "PreferDualStack", "RequireDualStack"].contains(&policy)
        {
            errs.push(FieldError::not_supported(
                sp.child("ipFamilyPolicy"),
                policy,
                &["PreferDualStack", "RequireDualStack", "SingleStack"],
            ));
        }
        let mut families = std::collections::HashSet::new();
        for (i, f) in arr_of(spec, "ipFamilies").iter().enumerate() {
            let f = f.as_str().unwrap_or_default();
            if f != "IPv4" && f != "IPv6" {
                errs.push(FieldError::not_supported(sp.child("ipFamilies").index(i), f, &["IPv4", "IPv6"]));
            } else if !families.insert(f) {
                errs.push(FieldError::duplicate(sp.child("ipFamilies").index(i), f));
            }
        }
    }
    for (i, ip) in arr_of(spec, "externalIPs").iter().enumerate() {
        let ip = ip.as_str().unwrap_or_default();
        each_invalid(&mut errs, &sp.child("externalIPs").index(i), ip, is_valid_ip(ip));
    }
    match ty {
        "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName" => {}
        "" => errs.push(FieldError::required(sp.child("type"), "")),
        other => errs.push(FieldError::not_supported(
            sp.child("type"),
            other,
            &["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"],
        )),
    }
    if ty == "ClusterIP" {
        for (i, port) in ports.iter().enumerate() {
            if port.get("nodePort").and_then(Value::as_i64).unwrap_or(0) != 0 {
                errs.push(FieldError::forbidden(
                    sp.child("ports").index(i).child("nodePort"),
                    "may not be used when `type` is 'ClusterIP'",
                ));
            }
        }
    }
    let mut node_ports = std::collections::HashSet::new();
    let mut port_keys = std::collections::HashSet::new();
    for (i, port) in ports.iter().enumerate() {
        let protocol = str_of(port, "protocol").unwrap_or_default();
        let node_port = port.get("nodePort").and_then(Value::as_i64).unwrap_or(0);
        if node_port != 0 && !node_ports.insert((protocol, node_port)) {
            errs.push(FieldError::duplicate(sp.child("ports").index(i).child("nodePort"), node_port));
        }
    }
    for (i, port) in ports.iter().enumerate() {
        let protocol = str_of(port, "protocol").unwrap_or_default();
        let num = port.get("port").and_then(Value::as_i64).unwrap_or(0);
        if !port_keys.insert((protocol, num)) {
            errs.push(FieldError::duplicate(sp.child("ports").index(i), super::raw(service_port_key(protocol, num))));
        }
    }
    let alloc = spec.get("allocateLoadBalancerNodePorts").filter(|v| !v.is_null());
    if alloc.is_some() && ty != "LoadBalancer" {
        errs.push(FieldError::forbidden(
            sp.child("allocateLoadBalancerNodePorts"),
            "may only be used when `type` is 'LoadBalancer'",
        ));
    }
    if ty == "LoadBalancer" && alloc.is_none() {
        // kube names this field without the `spec.` prefix.
        errs.push(FieldError::required("allocateLoadBalancerNodePorts", ""));
    }
    let externally_accessible =
        ty == "LoadBalancer" || ty == "NodePort" || (ty == "ClusterIP" && !arr_of(spec, "externalIPs").is_empty());
    let etp = str_of(spec, "externalTrafficPolicy").unwrap_or_default();
    if !externally_accessible {
        if !etp.is_empty() {
            errs.push(FieldError::invalid(
                sp.child("externalTrafficPolicy"),
                etp,
                "may only be set for externally-accessible services",
            ));
        }
    } else if etp.is_empty() {
        errs.push(FieldError::required(sp.child("externalTrafficPolicy"), ""));
    } else if etp != "Cluster" && etp != "Local" {
        errs.push(FieldError::not_supported(sp.child("externalTrafficPolicy"), etp, &["Cluster", "Local"]));
    }
    let itp = spec.get("internalTrafficPolicy").filter(|v| !v.is_null());
    if ty == "ExternalName" {
        if itp.is_some() {
            errs.push(FieldError::forbidden(
                sp.child("internalTrafficPolicy"),
                "may not be set for ExternalName services",
            ));
        }
    } else {
        match itp.and_then(Value::as_str) {
            None => errs.push(FieldError::required(sp.child("internalTrafficPolicy"), "")),
            Some("Cluster" | "Local") => {}
            Some(other) => {
                errs.push(FieldError::not_supported(sp.child("internalTrafficPolicy"), other, &["Cluster", "Local"]))
            }
        }
    }
    errs
}

fn validate_service_update(errs: &mut Vec<FieldError>, new: &Value, old: &Value) {
    let (ns, os) = (new.get("spec").unwrap_or(&Value::Null), old.get("spec").unwrap_or(&Value::Null));
    if str_of(ns, "type") == Some("ExternalName") || str_of(os, "type") == Some("ExternalName") {
        return;
    }
    if is_headless(ns) && is_headless(os) {
        return;
    }
    let new_ips: Vec<&str> = arr_of(ns, "clusterIPs").iter().filter_map(Value::as_str).collect();
    let old_ips: Vec<&str> = arr_of(os, "clusterIPs").iter().filter_map(Value::as_str).collect();
    let path = Path::root("spec").child("clusterIPs");
    let shown = arr_of(ns, "clusterIPs").to_vec();
    if new_ips.is_empty() && !old_ips.is_empty() {
        errs.push(FieldError::invalid(path.index(0), shown, "primary clusterIP can not be unset"));
    } else if new_ips.len() == old_ips.len() {
        for (i, (o, n)) in old_ips.iter().zip(&new_ips).enumerate() {
            if o != n {
                errs.push(FieldError::invalid(path.index(i), shown.clone(), "may not change once set"));
            }
        }
    } else if let (Some(o), Some(n)) = (old_ips.first(), new_ips.first())
        && o != n
    {
        errs.push(FieldError::invalid(path.index(0), shown, "may not change once set"));
    }
}

/// Bytes a base64 text decodes to, without decoding it.
fn base64_decoded_len(s: &str) -> usize {
    let trimmed = s.trim_end_matches('=');
    trimmed.len() * 3 / 4
}

fn validate_config_map(obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut total = 0usize;
    let empty = serde_json::Map::new();
    let data = obj_of(obj, "data").unwrap_or(&empty);
    let binary = obj_of(obj, "binaryData").unwrap_or(&empty);
    for (key, value) in data {
        let p = Path::root("data").key(key);
        each_invalid(&mut errs, &p, key, is_config_map_key(key));
        if binary.contains_key(key) {
            errs.push(FieldError::invalid(&p, key.as_str(), "duplicate of key present in binaryData"));
        }
        total += value.as_str().map_or(0, str::len);
    }
    for (key, value) in binary {
        each_invalid(&mut errs, &Path::root("binaryData").key(key), key, is_config_map_key(key));
        total += value.as_str().map_or(0, base64_decoded_len);
    }
    if total > MAX_SECRET_SIZE {
        // An empty path: the error is about the whole object.
        errs.push(FieldError::too_long("", MAX_SECRET_SIZE));
    }
    errs
}

fn validate_secret(obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let empty = serde_json::Map::new();
    let data = obj_of(obj, "data").unwrap_or(&empty);
    let string_data = obj_of(obj, "stringData").unwrap_or(&empty);
    let dp = Path::root("data");
    let mut total = 0usize;
    for (key, value) in data {
        each_invalid(&mut errs, &dp.key(key), key, is_config_map_key(key));
        total += value.as_str().map_or(0, base64_decoded_len);
    }
    // stringData is merged into data on decode, so its keys face the same rules.
    for (key, value) in string_data {
        if !data.contains_key(key) {
            each_invalid(&mut errs, &dp.key(key), key, is_config_map_key(key));
            total += value.as_str().map_or(0, str::len);
        }
    }
    if total > MAX_SECRET_SIZE {
        errs.push(FieldError::too_long(&dp, MAX_SECRET_SIZE));
    }
    let has = |k: &str| data.contains_key(k) || string_data.contains_key(k);
    let decoded = |k: &str| -> Option<Vec<u8>> {
        match (data.get(k).and_then(Value::as_str), string_data.get(k).and_then(Value::as_str)) {
            (_, Some(s)) => Some(s.as_bytes().to_vec()),
            (Some(b), None) => base64_decode(b),
            _ => None,
        }
    };
    match str_of(obj, "type").unwrap_or_default() {
        "kubernetes.io/service-account-token" => {
            let name = obj
                .get("metadata")
                .and_then(|m| m.get("annotations"))
                .and_then(|a| str_of(a, "kubernetes.io/service-account.name"))
                .unwrap_or_default();
            if name.is_empty() {
                errs.push(FieldError::required(
                    Path::root("metadata").child("annotations").key("kubernetes.io/service-account.name"),
                    "",
                ));
            }
        }
        t @ ("kubernetes.io/dockercfg" | "kubernetes.io/dockerconfigjson") => {
            let key = if t == "kubernetes.io/dockercfg" { ".dockercfg" } else { ".dockerconfigjson" };
            if !has(key) {
                errs.push(FieldError::required(dp.key(key), ""));
            } else {
                let ok =
                    decoded(key).and_then(|b| serde_json::from_slice::<Value>(&b).ok()).is_some_and(|v| v.is_object());
                if !ok {
                    errs.push(FieldError::invalid(
                        dp.key(key),
                        "<secret contents redacted>",
                        "invalid character looking for beginning of value",
                    ));
                }
            }
        }
        "kubernetes.io/basic-auth" if !has("username") && !has("password") => {
            errs.push(FieldError::required(dp.key("username"), ""));
            errs.push(FieldError::required(dp.key("password"), ""));
        }
        "kubernetes.io/ssh-auth" if decoded("ssh-privatekey").is_none_or(|b| b.is_empty()) => {
            errs.push(FieldError::required(dp.key("ssh-privatekey"), ""));
        }
        "kubernetes.io/tls" => {
            for key in ["tls.crt", "tls.key"] {
                if !has(key) {
                    errs.push(FieldError::required(dp.key(key), ""));
                }
            }
        }
        _ => {}
    }
    errs
}

/// Standard base64 decoding (padding optional); `None` on bad input.
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut buf = 0u32;
    let mut bits = 0;
    for c in s.bytes().filter(|c| !c.is_ascii_whitespace()) {
        if c == b'=' {
            break;
        }
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        buf = (buf << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((buf >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

fn validate_namespace(obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let spec = obj.get("spec").unwrap_or(&Value::Null);
    let p = Path::root("spec").child("finalizers");
    for f in arr_of(spec, "finalizers").iter().filter_map(Value::as_str) {
        each_invalid(&mut errs, &p, f, names::is_qualified_name(f));
        if !f.contains('/') && !["kubernetes", "orphan", "foregroundDeletion"].contains(&f) {
            errs.push(FieldError::invalid(
                &p,
                f,
                "name is neither a standard finalizer name nor is it fully qualified",
            ));
        }
    }
    errs
}

fn validate_access_modes(errs: &mut Vec<FieldError>, spec: &Value, path: &Path, required_detail: &str) {
    let modes = arr_of(spec, "accessModes");
    if modes.is_empty() {
        errs.push(FieldError::required(path, required_detail));
    }
    let mut found_rwop = false;
    for m in modes {
        let m = m.as_str().unwrap_or_default();
        if !ACCESS_MODES.contains(&m) {
            errs.push(FieldError::not_supported(path, m, &ACCESS_MODES));
        }
        found_rwop |= m == "ReadWriteOncePod";
    }
    if found_rwop && modes.len() > 1 {
        errs.push(FieldError::forbidden(path, "may not use ReadWriteOncePod with other access modes"));
    }
}

fn validate_storage_class_name(errs: &mut Vec<FieldError>, spec: &Value, path: &Path) {
    if let Some(sc) = nonempty(spec, "storageClassName") {
        each_invalid(errs, path, sc, is_dns1123_subdomain(sc));
    }
}

fn validate_volume_mode(errs: &mut Vec<FieldError>, spec: &Value, path: &Path) {
    if let Some(m) = str_of(spec, "volumeMode")
        && m != "Block"
        && m != "Filesystem"
    {
        errs.push(FieldError::not_supported(path, m, &["Block", "Filesystem"]));
    }
}

fn validate_positive_storage(errs: &mut Vec<FieldError>, q: &str, path: &Path) {
    match parse_quantity(q) {
        Err(e) => errs.push(FieldError::invalid(path, q, e)),
        Ok(v) if v < 0 => errs.push(FieldError::invalid(path, q, "must be greater than or equal to 0")),
        Ok(0) => errs.push(FieldError::invalid(path, q, "must be greater than zero")),
        Ok(_) => {}
    }
}

const PV_SOURCES: [&str; 22] = [
    "hostPath",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "glusterfs",
    "flocker",
    "nfs",
    "rbd",
    "quobyte",
    "cinder",
    "cephfs",
    "fc",
    "azureFile",
    "vsphereVolume",
    "azureDisk",
    "photonPersistentDisk",
    "portworxVolume",
    "scaleIO",
    "local",
    "storageos",
    "csi",
    "iscsi",
    "flexVolume",
];

fn validate_pv(obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let spec = obj.get("spec").unwrap_or(&Value::Null);
    let sp = Path::root("spec");
    validate_access_modes(&mut errs, spec, &sp.child("accessModes"), "");
    let cap_path = sp.child("capacity");
    match obj_of(spec, "capacity") {
        None => errs.push(FieldError::required(&cap_path, "")),
        Some(cap) if cap.is_empty() => errs.push(FieldError::required(&cap_path, "")),
        Some(cap) => {
            if !cap.contains_key("storage") || cap.len() > 1 {
                let keys: Vec<&str> = cap.keys().map(String::as_str).collect();
                errs.push(FieldError::not_supported(
                    &cap_path,
                    super::raw(format!("core.ResourceList{{{}}}", keys.join(", "))),
                    &["storage"],
                ));
            }
            for (k, q) in cap {
                validate_positive_storage(&mut errs, q.as_str().unwrap_or_default(), &cap_path.key(k));
            }
        }
    }
    if let Some(p) = str_of(spec, "persistentVolumeReclaimPolicy")
        && !["Delete", "Recycle", "Retain"].contains(&p)
    {
        errs.push(FieldError::not_supported(
            sp.child("persistentVolumeReclaimPolicy"),
            p,
            &["Delete", "Recycle", "Retain"],
        ));
    }
    validate_storage_class_name(&mut errs, spec, &sp.child("storageClassName"));
    validate_volume_mode(&mut errs, spec, &sp.child("volumeMode"));
    let mut count = 0;
    for src in PV_SOURCES {
        let Some(s) = spec.get(src).filter(|v| !v.is_null()) else { continue };
        if count > 0 {
            errs.push(FieldError::forbidden(sp.child(src), "may not specify more than 1 volume type"));
            continue;
        }
        count += 1;
        let p = sp.child(src);
        match src {
            "hostPath" | "local" => match nonempty(s, "path") {
                None => errs.push(FieldError::required(p.child("path"), "")),
                Some(path) if src == "hostPath" && path.split('/').any(|seg| seg == "..") => {
                    errs.push(FieldError::invalid(p.child("path"), path, "must not contain '..'"))
                }
                Some(_) => {}
            },
            "nfs" => {
                if nonempty(s, "server").is_none() {
                    errs.push(FieldError::required(p.child("server"), ""));
                }
                if nonempty(s, "path").is_none() {
                    errs.push(FieldError::required(p.child("path"), ""));
                }
            }
            "csi" => {
                if nonempty(s, "driver").is_none() {
                    errs.push(FieldError::required(p.child("driver"), ""));
                }
                if nonempty(s, "volumeHandle").is_none() {
                    errs.push(FieldError::required(p.child("volumeHandle"), ""));
                }
            }
            _ => {}
        }
    }
    if count == 0 {
        errs.push(FieldError::required(&sp, "must specify a volume type"));
    }
    let affinity = spec.get("nodeAffinity").filter(|v| !v.is_null());
    if spec.get("local").is_some_and(|v| !v.is_null()) && affinity.is_none() {
        errs.push(FieldError::required(sp.child("nodeAffinity"), "Local volume requires node affinity"));
    }
    if let Some(a) = affinity {
        let ap = sp.child("nodeAffinity");
        match a.get("required").filter(|v| !v.is_null()) {
            None => errs.push(FieldError::required(ap.child("required"), "must specify required node constraints")),
            Some(req) => {
                let terms = arr_of(req, "nodeSelectorTerms");
                let tp = ap.child("required").child("nodeSelectorTerms");
                if terms.is_empty() {
                    errs.push(FieldError::required(&tp, "must have at least one node selector term"));
                }
                for (i, t) in terms.iter().enumerate() {
                    validate_node_selector_term(&mut errs, t, &tp.index(i));
                }
            }
        }
    }
    errs
}

fn validate_node_selector_term(errs: &mut Vec<FieldError>, term: &Value, path: &Path) {
    for (j, e) in arr_of(term, "matchExpressions").iter().enumerate() {
        let ep = path.child("matchExpressions").index(j);
        let key = str_of(e, "key").unwrap_or_default();
        each_invalid(errs, &ep.child("key"), key, names::is_qualified_name(key));
        let n = arr_of(e, "values").len();
        match str_of(e, "operator").unwrap_or_default() {
            "In" | "NotIn" => {
                if n == 0 {
                    errs.push(FieldError::required(
                        ep.child("values"),
                        "must be specified when `operator` is 'In' or 'NotIn'",
                    ));
                }
            }
            "Exists" | "DoesNotExist" => {
                if n > 0 {
                    errs.push(FieldError::forbidden(
                        ep.child("values"),
                        "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                    ));
                }
            }
            "Gt" | "Lt" => {
                if n != 1 {
                    errs.push(FieldError::required(
                        ep.child("values"),
                        "must be specified single value when `operator` is 'Lt' or 'Gt'",
                    ));
                }
            }
            op => errs.push(FieldError::invalid(ep.child("operator"), op, "not a valid selector operator")),
        }
    }
}

/// `ValidatePersistentVolumeClaimSpec`; also used for StatefulSet claim templates.
pub fn validate_pvc_spec(spec: &Value, sp: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    validate_access_modes(&mut errs, spec, &sp.child("accessModes"), "at least 1 access mode is required");
    errs.extend(super::meta::validate_label_selector(spec.get("selector"), &sp.child("selector")));
    let storage_path = sp.child("resources").key("storage");
    match spec.get("resources").and_then(|r| r.get("requests")).and_then(|r| str_of(r, "storage")) {
        None => errs.push(FieldError::required(&storage_path, "")),
        Some(q) => validate_positive_storage(&mut errs, q, &storage_path),
    }
    validate_storage_class_name(&mut errs, spec, &sp.child("storageClassName"));
    validate_volume_mode(&mut errs, spec, &sp.child("volumeMode"));
    errs
}

fn validate_node(obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let spec = obj.get("spec").unwrap_or(&Value::Null);
    let sp = Path::root("spec");
    for (i, t) in arr_of(spec, "taints").iter().enumerate() {
        let tp = sp.child("taints").index(i);
        let key = str_of(t, "key").unwrap_or_default();
        each_invalid(&mut errs, &tp.child("key"), key, names::is_qualified_name(key));
        if let Some(v) = nonempty(t, "value") {
            each_invalid(&mut errs, &tp.child("value"), v, names::is_valid_label_value(v));
        }
        match str_of(t, "effect").unwrap_or_default() {
            "NoSchedule" | "PreferNoSchedule" | "NoExecute" => {}
            "" => errs.push(FieldError::required(tp.child("effect"), "")),
            other => errs.push(FieldError::not_supported(
                tp.child("effect"),
                other,
                &["NoSchedule", "PreferNoSchedule", "NoExecute"],
            )),
        }
    }
    let cidrs = arr_of(spec, "podCIDRs");
    for (i, c) in cidrs.iter().enumerate() {
        let c = c.as_str().unwrap_or_default();
        if !is_cidr(c) {
            errs.push(FieldError::invalid(
                sp.child("podCIDRs").index(i),
                c,
                "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
            ));
        }
    }
    if cidrs.len() > 2 {
        errs.push(FieldError::invalid(
            sp.child("podCIDRs"),
            cidrs.to_vec(),
            "may specify no more than one CIDR for each IP family",
        ));
    }
    errs
}

pub fn is_cidr(s: &str) -> bool {
    let Some((ip, bits)) = s.split_once('/') else { return false };
    let Ok(bits) = bits.parse::<u8>() else { return false };
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(_)) => bits <= 32,
        Ok(std::net::IpAddr::V6(_)) => bits <= 128,
        Err(_) => false,
    }
}

fn validate_event(obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let ns = obj.get("metadata").and_then(|m| str_of(m, "namespace")).unwrap_or_default();
    let involved_ns = obj.get("involvedObject").and_then(|o| str_of(o, "namespace")).unwrap_or_default();
    let mismatch = if involved_ns.is_empty() { !ns.is_empty() && ns != "default" } else { ns != involved_ns };
    if mismatch {
        errs.push(FieldError::invalid("involvedObject.namespace", involved_ns, "does not match event.namespace"));
    }
    nonnegative(&mut errs, obj.get("count"), &Path::root("count"));
    errs
}

fn validate_endpoints(obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, ss) in arr_of(obj, "subsets").iter().enumerate() {
        let sp = Path::root("subsets").index(i);
        let (addrs, not_ready) = (arr_of(ss, "addresses"), arr_of(ss, "notReadyAddresses"));
        if addrs.is_empty() && not_ready.is_empty() {
            errs.push(FieldError::required(&sp, "must specify `addresses` or `notReadyAddresses`"));
        }
        for (list, items) in [("addresses", addrs), ("notReadyAddresses", not_ready)] {
            for (j, a) in items.iter().enumerate() {
                let ap = sp.child(list).index(j);
                let ip = str_of(a, "ip").unwrap_or_default();
                each_invalid(&mut errs, &ap.child("ip"), ip, is_valid_ip(ip));
                if let Some(h) = nonempty(a, "hostname") {
                    each_invalid(&mut errs, &ap.child("hostname"), h, is_dns1123_label(h));
                }
            }
        }
        let ports = arr_of(ss, "ports");
        for (j, p) in ports.iter().enumerate() {
            let pp = sp.child("ports").index(j);
            match nonempty(p, "name") {
                None if ports.len() > 1 => errs.push(FieldError::required(pp.child("name"), "")),
                None => {}
                Some(n) => each_invalid(&mut errs, &pp.child("name"), n, is_dns1123_label(n)),
            }
            let num = p.get("port").and_then(Value::as_i64).unwrap_or(0);
            for m in names::is_valid_port_num(num) {
                errs.push(FieldError::invalid(pp.child("port"), num, m));
            }
            validate_protocol(&mut errs, p, &pp.child("protocol"));
        }
    }
    errs
}

fn validate_replication_controller(obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let spec = obj.get("spec").unwrap_or(&Value::Null);
    let sp = Path::root("spec");
    nonnegative(&mut errs, spec.get("replicas"), &sp.child("replicas"));
    nonnegative(&mut errs, spec.get("minReadySeconds"), &sp.child("minReadySeconds"));
    let selector = obj_of(spec, "selector");
    if selector.is_none_or(|s| s.is_empty()) {
        errs.push(FieldError::required(sp.child("selector"), ""));
    }
    errs.extend(validate_labels(spec.get("selector"), &sp.child("selector")));
    match spec.get("template").filter(|v| !v.is_null()) {
        None => errs.push(FieldError::required(sp.child("template"), "")),
        Some(t) => {
            let labels = t.get("metadata").and_then(|m| m.get("labels"));
            if let Some(sel) = selector.filter(|s| !s.is_empty()) {
                let matches = sel.iter().all(|(k, v)| labels.and_then(|l| l.get(k)) == Some(v));
                if !matches {
                    errs.push(FieldError::invalid_raw(
                        sp.child("template").child("metadata").child("labels"),
                        go_string_map(labels),
                        "`selector` does not match template `labels`",
                    ));
                }
            }
            errs.extend(validate_pod_template(t, &sp.child("template")));
            let policy = t.get("spec").and_then(|s| str_of(s, "restartPolicy")).unwrap_or_default();
            if policy != "Always" && !policy.is_empty() {
                errs.push(FieldError::not_supported(
                    sp.child("template").child("spec").child("restartPolicy"),
                    policy,
                    &["Always"],
                ));
            }
        }
    }
    errs
}
