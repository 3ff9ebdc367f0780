//! `networking.k8s.io/v1` kinds (kubernetes `pkg/apis/networking/validation`): Ingress,
//! IngressClass and NetworkPolicy.

use super::meta::validate_label_selector;
use super::names::{self, is_dns1035_label, is_dns1123_subdomain, is_wildcard_dns1123_subdomain};
use super::pod::validate_port_num_or_name;
use super::{FieldError, Path, arr_of, each_invalid, nonempty, str_of};
use serde_json::Value;

const INVALID_PATH_SEQUENCES: [&str; 5] = ["//", "/./", "/../", "%2f", "%2F"];
const INVALID_PATH_SUFFIXES: [&str; 2] = ["/..", "/."];

pub fn validate(kind: &str, obj: &Value) -> Vec<FieldError> {
    let spec = obj.get("spec").unwrap_or(&Value::Null);
    let sp = Path::root("spec");
    match kind {
        "Ingress" => {
            let mut errs = validate_ingress_spec(spec, &sp);
            let class_annotation = obj
                .get("metadata")
                .and_then(|m| m.get("annotations"))
                .and_then(|a| str_of(a, "kubernetes.io/ingress.class"));
            if let Some(v) = class_annotation
                && spec.get("ingressClassName").is_some_and(|c| !c.is_null())
            {
                // kube's own path for this error omits `metadata.`.
                errs.push(FieldError::invalid(
                    "annotations.kubernetes.io/ingress.class",
                    v,
                    "can not be set when the class field is also set",
                ));
            }
            errs
        }
        "IngressClass" => {
            let mut errs = Vec::new();
            let c = str_of(spec, "controller").unwrap_or_default();
            let cp = sp.child("controller");
            if c.len() > 250 {
                errs.push(FieldError::too_long(&cp, 250));
            }
            validate_domain_prefixed_path(&mut errs, c, &cp);
            if let Some(p) = spec.get("parameters").filter(|v| !v.is_null()) {
                validate_typed_local_object_reference(&mut errs, p, &sp.child("parameters"));
            }
            errs
        }
        "NetworkPolicy" => validate_network_policy_spec(spec, &sp),
        _ => Vec::new(),
    }
}

/// apimachinery's `IsDomainPrefixedPath` (`example.com/path`).
fn validate_domain_prefixed_path(errs: &mut Vec<FieldError>, value: &str, path: &Path) {
    if value.is_empty() {
        errs.push(FieldError::required(path, ""));
        return;
    }
    let Some((host, rest)) = value.split_once('/') else {
        errs.push(FieldError::invalid(path, value, "must be a domain-prefixed path (such as \"acme.io/foo\")"));
        return;
    };
    each_invalid(errs, path, host, is_dns1123_subdomain(host));
    let ok = rest.bytes().all(|c| c.is_ascii_alphanumeric() || b"/-._~%!$&'()*+,;=:".contains(&c));
    if !ok {
        errs.push(FieldError::invalid(
            path,
            rest,
            "Invalid path: must match the regex [A-Za-z0-9/\\-._~%!$&'()*+,;=:]+",
        ));
    }
}

fn validate_host(errs: &mut Vec<FieldError>, host: &str, path: &Path) {
    if host.parse::<std::net::IpAddr>().is_ok() {
        errs.push(FieldError::invalid(path, host, "must be a DNS name, not an IP address"));
    }
    let msgs = if host.contains('*') { is_wildcard_dns1123_subdomain(host) } else { is_dns1123_subdomain(host) };
    each_invalid(errs, path, host, msgs);
}

fn validate_ingress_spec(spec: &Value, sp: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let rules = arr_of(spec, "rules");
    let default_backend = spec.get("defaultBackend").filter(|v| !v.is_null());
    if rules.is_empty() && default_backend.is_none() {
        errs.push(FieldError::invalid_raw(
            sp,
            "[]networking.IngressRule(nil)",
            "either `defaultBackend` or `rules` must be specified",
        ));
    }
    if let Some(b) = default_backend {
        validate_backend(&mut errs, b, &sp.child("defaultBackend"));
    }
    for (i, rule) in rules.iter().enumerate() {
        let rp = sp.child("rules").index(i);
        if let Some(host) = nonempty(rule, "host") {
            validate_host(&mut errs, host, &rp.child("host"));
        }
        if let Some(http) = rule.get("http").filter(|v| !v.is_null()) {
            let hp = rp.child("http");
            let paths = arr_of(http, "paths");
            if paths.is_empty() {
                errs.push(FieldError::required(hp.child("paths"), ""));
            }
            for (j, path) in paths.iter().enumerate() {
                validate_http_path(&mut errs, path, &hp.child("paths").index(j));
            }
        }
    }
    for (i, tls) in arr_of(spec, "tls").iter().enumerate() {
        let tp = sp.child("tls").index(i);
        for (j, host) in arr_of(tls, "hosts").iter().enumerate() {
            let host = host.as_str().unwrap_or_default();
            let msgs =
                if host.starts_with('*') { is_wildcard_dns1123_subdomain(host) } else { is_dns1123_subdomain(host) };
            each_invalid(&mut errs, &tp.child("hosts").index(j), host, msgs);
        }
        if let Some(secret) = nonempty(tls, "secretName") {
            each_invalid(&mut errs, &tp.child("secretName"), secret, is_dns1123_subdomain(secret));
        }
    }
    if let Some(class) = str_of(spec, "ingressClassName") {
        each_invalid(&mut errs, &sp.child("ingressClassName"), class, is_dns1123_subdomain(class));
    }
    errs
}

fn validate_http_path(errs: &mut Vec<FieldError>, path: &Value, pp: &Path) {
    let p = str_of(path, "path").unwrap_or_default();
    match str_of(path, "pathType") {
        // kube stops at a missing pathType without looking at the backend.
        None => {
            errs.push(FieldError::required(pp.child("pathType"), "pathType must be specified"));
            return;
        }
        Some("Exact" | "Prefix") => {
            if !p.starts_with('/') {
                errs.push(FieldError::invalid(pp.child("path"), p, "must be an absolute path"));
            }
            if !p.is_empty() {
                for seq in INVALID_PATH_SEQUENCES {
                    if p.contains(seq) {
                        errs.push(FieldError::invalid(pp.child("path"), p, format!("must not contain '{seq}'")));
                    }
                }
                for suffix in INVALID_PATH_SUFFIXES {
                    if p.ends_with(suffix) {
                        errs.push(FieldError::invalid(pp.child("path"), p, format!("cannot end with '{suffix}'")));
                    }
                }
            }
        }
        Some("ImplementationSpecific") => {
            if !p.is_empty() && !p.starts_with('/') {
                errs.push(FieldError::invalid(pp.child("path"), p, "must be an absolute path"));
            }
        }
        Some(other) => errs.push(FieldError::not_supported(
            pp.child("pathType"),
            other,
            &["Exact", "ImplementationSpecific", "Prefix"],
        )),
    }
    match path.get("backend").filter(|v| !v.is_null()) {
        Some(b) => validate_backend(errs, b, &pp.child("backend")),
        None => errs.push(FieldError::invalid(pp.child("backend"), "", "resource or service backend is required")),
    }
}

fn validate_backend(errs: &mut Vec<FieldError>, b: &Value, bp: &Path) {
    let resource = b.get("resource").filter(|v| !v.is_null());
    let service = b.get("service").filter(|v| !v.is_null());
    match (resource, service) {
        (Some(_), Some(_)) => errs.push(FieldError::invalid(bp, "", "cannot set both resource and service backends")),
        (Some(r), None) => validate_typed_local_object_reference(errs, r, &bp.child("resource")),
        (None, Some(s)) => {
            let sp = bp.child("service");
            match nonempty(s, "name") {
                None => errs.push(FieldError::required(sp.child("name"), "")),
                Some(n) => each_invalid(errs, &sp.child("name"), n, is_dns1035_label(n)),
            }
            let port = s.get("port").unwrap_or(&Value::Null);
            let name = nonempty(port, "name");
            let number = port.get("number").and_then(Value::as_i64).filter(|n| *n != 0);
            match (name, number) {
                (Some(_), Some(_)) => errs.push(FieldError::invalid(bp, "", "cannot set both port name & port number")),
                (Some(n), None) => each_invalid(errs, &sp.child("port").child("name"), n, names::is_valid_port_name(n)),
                (None, Some(n)) => {
                    for m in names::is_valid_port_num(n) {
                        errs.push(FieldError::invalid(sp.child("port").child("number"), n, m));
                    }
                }
                (None, None) => errs.push(FieldError::required(bp, "port name or number is required")),
            }
        }
        (None, None) => errs.push(FieldError::invalid(bp, "", "resource or service backend is required")),
    }
}

/// `validateIngressTypedLocalObjectReference`, for resource backends and class parameters.
fn validate_typed_local_object_reference(errs: &mut Vec<FieldError>, r: &Value, rp: &Path) {
    if let Some(g) = str_of(r, "apiGroup") {
        each_invalid(errs, &rp.child("apiGroup"), g, is_dns1123_subdomain(g));
    }
    for key in ["kind", "name"] {
        match nonempty(r, key) {
            None => errs.push(FieldError::required(rp.child(key), format!("{key} is required"))),
            Some(v) => each_invalid(errs, &rp.child(key), v, names::is_valid_path_segment_name(v, false)),
        }
    }
}

fn validate_network_policy_spec(spec: &Value, sp: &Path) -> Vec<FieldError> {
    let mut errs = validate_label_selector(spec.get("podSelector"), &sp.child("podSelector"));
    for (dir, peers_key) in [("ingress", "from"), ("egress", "to")] {
        for (i, rule) in arr_of(spec, dir).iter().enumerate() {
            let rp = sp.child(dir).index(i);
            for (j, port) in arr_of(rule, "ports").iter().enumerate() {
                let pp = rp.child("ports").index(j);
                if let Some(proto) = str_of(port, "protocol")
                    && !["TCP", "UDP", "SCTP"].contains(&proto)
                {
                    errs.push(FieldError::not_supported(pp.child("protocol"), proto, &["SCTP", "TCP", "UDP"]));
                }
                if let Some(p) = port.get("port").filter(|v| !v.is_null()) {
                    validate_port_num_or_name(&mut errs, Some(p), &pp.child("port"));
                    if let Some(end) = port.get("endPort").and_then(Value::as_i64) {
                        match p.as_i64() {
                            None => errs.push(FieldError::forbidden(
                                pp.child("endPort"),
                                "may not be specified when `port` is non-numeric",
                            )),
                            Some(start) if end < start => errs.push(FieldError::invalid(
                                pp.child("endPort"),
                                end,
                                "must be greater than or equal to `port`",
                            )),
                            Some(_) => {}
                        }
                    }
                } else if port.get("endPort").is_some_and(|v| !v.is_null()) {
                    errs.push(FieldError::required(pp.child("port"), "must be specified when `endPort` is specified"));
                }
            }
            for (j, peer) in arr_of(rule, peers_key).iter().enumerate() {
                let pp = rp.child(peers_key).index(j);
                let pod_sel = peer.get("podSelector").filter(|v| !v.is_null());
                let ns_sel = peer.get("namespaceSelector").filter(|v| !v.is_null());
                let ip_block = peer.get("ipBlock").filter(|v| !v.is_null());
                let count = [pod_sel.is_some() || ns_sel.is_some(), ip_block.is_some()].iter().filter(|b| **b).count();
                if count == 0 {
                    errs.push(FieldError::required(pp, "must specify a peer"));
                    continue;
                }
                if ip_block.is_some() && (pod_sel.is_some() || ns_sel.is_some()) {
                    errs.push(FieldError::forbidden(pp.clone(), "may not specify more than 1 peer type"));
                }
                errs.extend(validate_label_selector(pod_sel, &pp.child("podSelector")));
                errs.extend(validate_label_selector(ns_sel, &pp.child("namespaceSelector")));
                if let Some(b) = ip_block {
                    let cidr = str_of(b, "cidr").unwrap_or_default();
                    if cidr.is_empty() {
                        errs.push(FieldError::required(pp.child("ipBlock").child("cidr"), ""));
                    } else if !super::core::is_cidr(cidr) {
                        errs.push(FieldError::invalid(
                            pp.child("ipBlock").child("cidr"),
                            cidr,
                            "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
                        ));
                    }
                }
            }
        }
    }
    let types = arr_of(spec, "policyTypes");
    for (i, t) in types.iter().enumerate() {
        let t = t.as_str().unwrap_or_default();
        if t != "Ingress" && t != "Egress" {
            errs.push(FieldError::not_supported(sp.child("policyTypes").index(i), t, &["Ingress", "Egress"]));
        }
    }
    if types.len() > 2 {
        errs.push(FieldError::invalid(
            sp.child("policyTypes"),
            types.to_vec(),
            "may not specify more than two policyTypes",
        ));
    }
    errs
}
