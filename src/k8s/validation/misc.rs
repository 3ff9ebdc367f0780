//! Smaller API groups: storage (StorageClass), coordination (Lease), discovery
//! (EndpointSlice), RBAC, events.k8s.io, scheduling (PriorityClass), policy
//! (PodDisruptionBudget) and autoscaling (HorizontalPodAutoscaler).

use super::meta::validate_label_selector;
use super::names::{self, is_dns1123_label, is_dns1123_subdomain};
use super::pod::{strip_nulls, validate_protocol};
use super::{FieldError, Path, arr_of, each_invalid, immutable_field, nonempty, nonnegative, obj_of, str_of};
use serde_json::Value;

const RBAC_GROUP: &str = "rbac.authorization.k8s.io";
const HIGHEST_USER_DEFINABLE_PRIORITY: i64 = 1_000_000_000;

pub fn validate(group: &str, kind: &str, obj: &Value) -> Vec<FieldError> {
    match (group, kind) {
        ("storage.k8s.io", "StorageClass") => validate_storage_class(obj),
        ("coordination.k8s.io", "Lease") => validate_lease(obj),
        ("discovery.k8s.io", "EndpointSlice") => validate_endpoint_slice(obj),
        (RBAC_GROUP, "Role") => validate_rules(obj, true),
        (RBAC_GROUP, "ClusterRole") => validate_rules(obj, false),
        (RBAC_GROUP, "RoleBinding") => validate_binding(obj, true),
        (RBAC_GROUP, "ClusterRoleBinding") => validate_binding(obj, false),
        ("events.k8s.io", "Event") => validate_event(obj),
        ("scheduling.k8s.io", "PriorityClass") => validate_priority_class(obj),
        ("policy", "PodDisruptionBudget") => validate_pdb(obj),
        ("autoscaling", "HorizontalPodAutoscaler") => validate_hpa(obj),
        _ => Vec::new(),
    }
}

pub fn validate_update(group: &str, kind: &str, new: &Value, old: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match (group, kind) {
        ("storage.k8s.io", "StorageClass") => {
            if strip_nulls(new.get("parameters").unwrap_or(&Value::Null))
                != strip_nulls(old.get("parameters").unwrap_or(&Value::Null))
            {
                errs.push(FieldError::forbidden("parameters", "updates to parameters are forbidden."));
            }
            immutable_field(&mut errs, new.get("provisioner"), old.get("provisioner"), &Path::root("provisioner"));
            if new.get("reclaimPolicy") != old.get("reclaimPolicy") {
                errs.push(FieldError::forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
            }
            immutable_field(
                &mut errs,
                new.get("volumeBindingMode"),
                old.get("volumeBindingMode"),
                &Path::root("volumeBindingMode"),
            );
        }
        ("discovery.k8s.io", "EndpointSlice") => {
            immutable_field(&mut errs, new.get("addressType"), old.get("addressType"), &Path::root("addressType"));
        }
        (RBAC_GROUP, "RoleBinding" | "ClusterRoleBinding")
            if strip_nulls(new.get("roleRef").unwrap_or(&Value::Null))
                != strip_nulls(old.get("roleRef").unwrap_or(&Value::Null)) =>
        {
            let r = new.get("roleRef").unwrap_or(&Value::Null);
            errs.push(FieldError::invalid_raw(
                "roleRef",
                format!(
                    "rbac.RoleRef{{APIGroup:{}, Kind:{}, Name:{}}}",
                    super::render::go_quote(str_of(r, "apiGroup").unwrap_or_default()),
                    super::render::go_quote(str_of(r, "kind").unwrap_or_default()),
                    super::render::go_quote(str_of(r, "name").unwrap_or_default())
                ),
                "cannot change roleRef",
            ));
        }
        ("scheduling.k8s.io", "PriorityClass") => {
            if new.get("value") != old.get("value") {
                errs.push(FieldError::forbidden("value", "may not be changed in an update."));
            }
            immutable_field(
                &mut errs,
                new.get("preemptionPolicy"),
                old.get("preemptionPolicy"),
                &Path::root("preemptionPolicy"),
            );
        }
        _ => {}
    }
    errs
}

fn validate_storage_class(obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match nonempty(obj, "provisioner") {
        None => errs.push(FieldError::required("provisioner", "")),
        Some(p) => {
            each_invalid(&mut errs, &Path::root("provisioner"), p, names::is_qualified_name(&p.to_lowercase()));
            if p.len() > 63 {
                errs.push(FieldError::too_long("provisioner", 63));
            }
        }
    }
    if let Some(params) = obj_of(obj, "parameters") {
        if params.len() > 512 {
            errs.push(FieldError::too_many("parameters", params.len(), 512));
        }
        let total: usize = params.iter().map(|(k, v)| k.len() + v.as_str().map_or(0, str::len)).sum();
        if total > 256 * 1024 {
            errs.push(FieldError::too_long("parameters", 256 * 1024));
        }
        for k in params.keys().filter(|k| k.is_empty()) {
            errs.push(FieldError::invalid("parameters", k.as_str(), "field can not be empty."));
        }
    }
    if let Some(p) = str_of(obj, "reclaimPolicy")
        && p != "Delete"
        && p != "Retain"
    {
        errs.push(FieldError::not_supported("reclaimPolicy", p, &["Delete", "Retain"]));
    }
    match str_of(obj, "volumeBindingMode") {
        None => errs.push(FieldError::required("volumeBindingMode", "")),
        Some("Immediate" | "WaitForFirstConsumer") => {}
        Some(other) => {
            errs.push(FieldError::not_supported("volumeBindingMode", other, &["Immediate", "WaitForFirstConsumer"]))
        }
    }
    errs
}

fn validate_lease(obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let spec = obj.get("spec").unwrap_or(&Value::Null);
    let sp = Path::root("spec");
    if let Some(d) = spec.get("leaseDurationSeconds").and_then(Value::as_i64)
        && d <= 0
    {
        errs.push(FieldError::invalid(sp.child("leaseDurationSeconds"), d, "must be greater than 0"));
    }
    nonnegative(&mut errs, spec.get("leaseTransitions"), &sp.child("leaseTransitions"));
    errs
}

fn validate_endpoint_slice(obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let address_type = str_of(obj, "addressType").unwrap_or_default();
    match address_type {
        "IPv4" | "IPv6" | "FQDN" => {}
        "" => errs.push(FieldError::required("addressType", "")),
        other => errs.push(FieldError::not_supported("addressType", other, &["FQDN", "IPv4", "IPv6"])),
    }
    let endpoints = arr_of(obj, "endpoints");
    if endpoints.len() > 1000 {
        errs.push(FieldError::too_many("endpoints", endpoints.len(), 1000));
    }
    for (i, ep) in endpoints.iter().enumerate() {
        let ep_path = Path::root("endpoints").index(i);
        let addrs = arr_of(ep, "addresses");
        let ap = ep_path.child("addresses");
        if addrs.is_empty() {
            errs.push(FieldError::required(&ap, "must contain at least 1 address"));
        } else if addrs.len() > 100 {
            errs.push(FieldError::too_many(&ap, addrs.len(), 100));
        }
        for (j, a) in addrs.iter().enumerate() {
            let a = a.as_str().unwrap_or_default();
            let p = ap.index(j);
            match address_type {
                "IPv4" if a.parse::<std::net::Ipv4Addr>().is_err() => {
                    errs.push(FieldError::invalid(p, a, "must be a valid IPv4 address"));
                }
                "IPv6" if a.parse::<std::net::Ipv6Addr>().is_err() => {
                    errs.push(FieldError::invalid(p, a, "must be a valid IPv6 address"));
                }
                "FQDN" => each_invalid(&mut errs, &p, a, is_dns1123_subdomain(a)),
                _ => {}
            }
        }
        if let Some(h) = nonempty(ep, "hostname") {
            each_invalid(&mut errs, &ep_path.child("hostname"), h, is_dns1123_label(h));
        }
        if let Some(n) = nonempty(ep, "nodeName") {
            each_invalid(&mut errs, &ep_path.child("nodeName"), n, is_dns1123_subdomain(n));
        }
    }
    let ports = arr_of(obj, "ports");
    if ports.len() > 100 {
        errs.push(FieldError::too_many("ports", ports.len(), 100));
    }
    let mut names_seen = std::collections::HashSet::new();
    for (i, port) in ports.iter().enumerate() {
        let pp = Path::root("ports").index(i);
        let name = str_of(port, "name").unwrap_or_default();
        if !name.is_empty() {
            each_invalid(&mut errs, &pp.child("name"), name, is_dns1123_label(name));
        }
        if !names_seen.insert(name) {
            errs.push(FieldError::duplicate(pp.child("name"), name));
        }
        validate_protocol(&mut errs, port, &pp.child("protocol"));
        if let Some(num) = port.get("port").and_then(Value::as_i64) {
            for m in names::is_valid_port_num(num) {
                errs.push(FieldError::invalid(pp.child("port"), num, m));
            }
        }
    }
    errs
}

fn validate_rules(obj: &Value, namespaced: bool) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, rule) in arr_of(obj, "rules").iter().enumerate() {
        let rp = Path::root("rules").index(i);
        if arr_of(rule, "verbs").is_empty() {
            errs.push(FieldError::required(rp.child("verbs"), "verbs must contain at least one value"));
        }
        let urls = arr_of(rule, "nonResourceURLs");
        if !urls.is_empty() {
            if namespaced {
                errs.push(FieldError::invalid(
                    rp.child("nonResourceURLs"),
                    urls.to_vec(),
                    "namespaced rules cannot apply to non-resource URLs",
                ));
            }
            if !arr_of(rule, "apiGroups").is_empty() || !arr_of(rule, "resources").is_empty() {
                errs.push(FieldError::invalid(
                    rp.child("nonResourceURLs"),
                    urls.to_vec(),
                    "rules cannot apply to both regular resources and non-resource URLs",
                ));
            }
        } else {
            if arr_of(rule, "apiGroups").is_empty() {
                errs.push(FieldError::required(
                    rp.child("apiGroups"),
                    "resource rules must supply at least one api group",
                ));
            }
            if arr_of(rule, "resources").is_empty() {
                errs.push(FieldError::required(
                    rp.child("resources"),
                    "resource rules must supply at least one resource",
                ));
            }
        }
    }
    if !namespaced && let Some(agg) = obj.get("aggregationRule").filter(|v| !v.is_null()) {
        let sels = arr_of(agg, "clusterRoleSelectors");
        if sels.is_empty() {
            errs.push(FieldError::required(
                Path::root("aggregationRule").child("clusterRoleSelectors"),
                "at least one clusterRoleSelector required if aggregationRule is non-nil",
            ));
        }
        for (i, s) in sels.iter().enumerate() {
            errs.extend(validate_label_selector(
                Some(s),
                &Path::root("aggregationRule").child("clusterRoleSelectors").index(i),
            ));
        }
    }
    errs
}

fn validate_binding(obj: &Value, namespaced: bool) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let role_ref = obj.get("roleRef").unwrap_or(&Value::Null);
    let rp = Path::root("roleRef");
    let api_group = str_of(role_ref, "apiGroup").unwrap_or_default();
    if api_group != RBAC_GROUP {
        errs.push(FieldError::not_supported(rp.child("apiGroup"), api_group, &[RBAC_GROUP]));
    }
    let kind = str_of(role_ref, "kind").unwrap_or_default();
    let kinds: &[&str] = if namespaced { &["Role", "ClusterRole"] } else { &["ClusterRole"] };
    if !kinds.contains(&kind) {
        errs.push(FieldError::not_supported(rp.child("kind"), kind, kinds));
    }
    match nonempty(role_ref, "name") {
        None => errs.push(FieldError::required(rp.child("name"), "")),
        Some(n) => each_invalid(&mut errs, &rp.child("name"), n, names::is_valid_path_segment_name(n, false)),
    }
    for (i, s) in arr_of(obj, "subjects").iter().enumerate() {
        let sp = Path::root("subjects").index(i);
        let name = str_of(s, "name").unwrap_or_default();
        if name.is_empty() {
            errs.push(FieldError::required(sp.child("name"), ""));
        }
        let group = str_of(s, "apiGroup").unwrap_or_default();
        match str_of(s, "kind").unwrap_or_default() {
            "ServiceAccount" => {
                if !name.is_empty() {
                    each_invalid(&mut errs, &sp.child("name"), name, is_dns1123_subdomain(name));
                }
                if !group.is_empty() {
                    errs.push(FieldError::not_supported(sp.child("apiGroup"), group, &[""]));
                }
                if !namespaced && nonempty(s, "namespace").is_none() {
                    errs.push(FieldError::required(sp.child("namespace"), ""));
                }
            }
            "User" | "Group" => {
                if group != RBAC_GROUP {
                    errs.push(FieldError::not_supported(sp.child("apiGroup"), group, &[RBAC_GROUP]));
                }
            }
            other => {
                errs.push(FieldError::not_supported(sp.child("kind"), other, &["ServiceAccount", "User", "Group"]))
            }
        }
    }
    errs
}

fn validate_event(obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if nonempty(obj, "eventTime").is_none() {
        errs.push(FieldError::required("eventTime", ""));
    }
    match str_of(obj, "type").unwrap_or_default() {
        "Normal" | "Warning" => {}
        other => errs.push(FieldError::invalid("type", "", format!("has invalid value: {other}"))),
    }
    match nonempty(obj, "reportingController") {
        None => errs.push(FieldError::required("reportingController", "")),
        Some(c) => each_invalid(&mut errs, &Path::root("reportingController"), c, names::is_qualified_name(c)),
    }
    for (key, max) in [("reportingInstance", 128), ("action", 128), ("reason", 128)] {
        match nonempty(obj, key) {
            None => errs.push(FieldError::required(key, "")),
            Some(v) if v.len() > max => {
                errs.push(FieldError::invalid(key, "", format!("can have at most {max} characters")))
            }
            Some(_) => {}
        }
    }
    if str_of(obj, "note").is_some_and(|n| n.len() > 1024) {
        errs.push(FieldError::invalid("note", "", "can have at most 1024 characters"));
    }
    errs
}

fn validate_priority_class(obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let name = obj.get("metadata").and_then(|m| str_of(m, "name")).unwrap_or_default();
    let value = obj.get("value").and_then(Value::as_i64).unwrap_or(0);
    let system = name == "system-node-critical" || name == "system-cluster-critical";
    if name.starts_with("system-") && !system {
        errs.push(FieldError::forbidden("metadata.name", "priority class names with 'system-' prefix are reserved"));
    }
    if !system && value > HIGHEST_USER_DEFINABLE_PRIORITY {
        errs.push(FieldError::forbidden(
            "value",
            format!("maximum allowed value of a user defined priority is {HIGHEST_USER_DEFINABLE_PRIORITY}"),
        ));
    }
    if let Some(p) = str_of(obj, "preemptionPolicy")
        && p != "PreemptLowerPriority"
        && p != "Never"
    {
        errs.push(FieldError::not_supported("preemptionPolicy", p, &["Never", "PreemptLowerPriority"]));
    }
    errs
}

fn validate_pdb(obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let spec = obj.get("spec").unwrap_or(&Value::Null);
    let sp = Path::root("spec");
    let min = spec.get("minAvailable").filter(|v| !v.is_null());
    let max = spec.get("maxUnavailable").filter(|v| !v.is_null());
    if min.is_some() && max.is_some() {
        errs.push(FieldError::invalid_raw(
            &sp,
            strip_nulls(spec).to_string(),
            "minAvailable and maxUnavailable cannot be both set",
        ));
    }
    for (key, v) in [("minAvailable", min), ("maxUnavailable", max)] {
        match v {
            Some(Value::String(s)) => {
                for m in names::is_valid_percent(s) {
                    errs.push(FieldError::invalid_raw(sp.child(key), s.clone(), m));
                }
            }
            Some(other) => nonnegative(&mut errs, Some(other), &sp.child(key)),
            None => {}
        }
    }
    errs.extend(validate_label_selector(spec.get("selector"), &sp.child("selector")));
    errs
}

fn validate_hpa(obj: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let spec = obj.get("spec").unwrap_or(&Value::Null);
    let sp = Path::root("spec");
    let target = spec.get("scaleTargetRef").unwrap_or(&Value::Null);
    let tp = sp.child("scaleTargetRef");
    match nonempty(target, "kind") {
        None => errs.push(FieldError::required(tp.child("kind"), "")),
        Some(k) => each_invalid(&mut errs, &tp.child("kind"), k, names::is_valid_path_segment_name(k, false)),
    }
    match nonempty(target, "name") {
        None => errs.push(FieldError::required(tp.child("name"), "")),
        Some(n) => each_invalid(&mut errs, &tp.child("name"), n, names::is_valid_path_segment_name(n, false)),
    }
    let min = spec.get("minReplicas").and_then(Value::as_i64);
    if let Some(m) = min
        && m < 1
    {
        errs.push(FieldError::invalid(sp.child("minReplicas"), m, "must be greater than or equal to 1"));
    }
    let max = spec.get("maxReplicas").and_then(Value::as_i64).unwrap_or(0);
    if max < 1 {
        errs.push(FieldError::invalid(sp.child("maxReplicas"), max, "must be greater than 0"));
    }
    if let Some(m) = min
        && max < m
    {
        errs.push(FieldError::invalid(sp.child("maxReplicas"), max, "must be greater than or equal to `minReplicas`"));
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rbac_rule_without_verbs_required() {
        let role = json!({"rules": [{"apiGroups": [""], "resources": ["pods"]}]});
        let errs = validate(RBAC_GROUP, "Role", &role);
        assert_eq!(errs[0].message(), "rules[0].verbs: Required value: verbs must contain at least one value");
    }

    #[test]
    fn endpoint_slice_bad_address_type_not_supported() {
        let es = json!({"addressType": "IPX", "endpoints": []});
        let errs = validate("discovery.k8s.io", "EndpointSlice", &es);
        assert_eq!(
            errs[0].message(),
            r#"addressType: Unsupported value: "IPX": supported values: "FQDN", "IPv4", "IPv6""#
        );
    }

    #[test]
    fn storage_class_without_provisioner_required() {
        let sc = json!({"reclaimPolicy": "Delete", "volumeBindingMode": "Immediate"});
        assert_eq!(validate("storage.k8s.io", "StorageClass", &sc)[0].message(), "provisioner: Required value");
    }
}
