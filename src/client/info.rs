//! The read-only commands about the server itself: `api-resources` (from fresh discovery,
//! preferred versions, kubectl's filters and sort orders), `api-versions`, `version` and
//! `cluster-info`. Each returns what to print.

use serde_json::Value;

use super::discovery::Discovery;
use super::output::yaml;
use super::printer;
use super::rest;
use super::{ClientError, Session};
use crate::k8s::catalog::ResourceType;

/// `api-resources` options.
#[derive(Clone, Debug, Default)]
pub struct ApiResourcesOptions {
    /// `--namespaced=true|false`, when given.
    pub namespaced: Option<bool>,
    /// `--api-group`, when given (`""` is the core group).
    pub api_group: Option<String>,
    /// `--verbs`: only resources that support all of these.
    pub verbs: Vec<String>,
    /// `--categories`: only resources in all of these categories.
    pub categories: Vec<String>,
    /// `-o`: `""`, `wide` or `name`.
    pub output: String,
    /// `--sort-by`: `""`, `name` or `kind`.
    pub sort_by: String,
    pub no_headers: bool,
}

/// The rows of `api-resources`: discovery's preferred version of each resource, filtered.
pub fn api_resource_rows<'a>(types: &'a [ResourceType], opts: &ApiResourcesOptions) -> Vec<&'a ResourceType> {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    let mut rows: Vec<&ResourceType> = Vec::new();
    // Discovery lists each group's preferred version first, so the first sighting wins.
    for rt in types {
        if seen.contains(&(rt.group.as_str(), rt.plural.as_str())) {
            continue;
        }
        seen.push((rt.group.as_str(), rt.plural.as_str()));
        if rt.verbs.is_empty() {
            continue;
        }
        if opts.api_group.as_ref().is_some_and(|g| *g != rt.group) {
            continue;
        }
        if opts.namespaced.is_some_and(|n| n != rt.namespaced) {
            continue;
        }
        if !opts.verbs.iter().all(|v| rt.verbs.contains(v)) {
            continue;
        }
        if !opts.categories.iter().all(|c| rt.categories.contains(c)) {
            continue;
        }
        rows.push(rt);
    }
    // kubectl's stable sort: by group (or name, or kind), then by name.
    rows.sort_by(|a, b| {
        let key = |r: &ResourceType| match opts.sort_by.as_str() {
            "name" => r.plural.clone(),
            "kind" => r.kind.clone(),
            _ => r.group.clone(),
        };
        key(a).cmp(&key(b)).then_with(|| a.plural.cmp(&b.plural))
    });
    rows
}

fn api_version(rt: &ResourceType) -> String {
    if rt.group.is_empty() { rt.version.clone() } else { format!("{}/{}", rt.group, rt.version) }
}

/// kubectl's flag checks for `api-resources`, made before asking the server anything.
pub fn validate_api_resources(opts: &ApiResourcesOptions) -> Result<(), ClientError> {
    match opts.output.as_str() {
        "" | "wide" | "name" => {}
        other => return Err(ClientError::Usage(format!("--output {other} is not available"))),
    }
    if !matches!(opts.sort_by.as_str(), "" | "name" | "kind") {
        return Err(ClientError::Usage("--sort-by accepts only name or kind".into()));
    }
    Ok(())
}

/// Render `api-resources` as kubectl does.
pub fn render_api_resources(types: &[ResourceType], opts: &ApiResourcesOptions) -> Result<String, ClientError> {
    validate_api_resources(opts)?;
    let rows = api_resource_rows(types, opts);
    if opts.output == "name" {
        return Ok(rows
            .iter()
            .map(|r| if r.group.is_empty() { format!("{}\n", r.plural) } else { format!("{}.{}\n", r.plural, r.group) })
            .collect());
    }
    let wide = opts.output == "wide";
    let mut table: Vec<Vec<String>> = Vec::new();
    if !opts.no_headers {
        let mut h: Vec<String> = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"].map(String::from).to_vec();
        if wide {
            h.push("VERBS".into());
            h.push("CATEGORIES".into());
        }
        table.push(h);
    }
    for r in rows {
        let mut row =
            vec![r.plural.clone(), r.short_names.join(","), api_version(r), r.namespaced.to_string(), r.kind.clone()];
        if wide {
            // In the server's order, as kubectl prints them (a CRD's are not sorted).
            row.push(r.verbs.join(","));
            row.push(r.categories.join(","));
        }
        table.push(row);
    }
    Ok(printer::layout(&table))
}

/// `api-resources` against the server, with discovery fetched afresh as kubectl does.
pub async fn api_resources(session: &Session, opts: &ApiResourcesOptions) -> Result<String, ClientError> {
    validate_api_resources(opts)?;
    let d = Discovery::load(session.client(), &session.conn.cluster_url, true).await?;
    render_api_resources(&d.types, opts)
}

/// `api-versions`: every group version the server serves, sorted.
pub async fn api_versions(session: &Session) -> Result<String, ClientError> {
    let d = Discovery::load(session.client(), &session.conn.cluster_url, true).await?;
    let mut gvs: Vec<String> = d.types.iter().map(api_version).collect();
    gvs.sort();
    gvs.dedup();
    Ok(gvs.into_iter().map(|g| format!("{g}\n")).collect())
}

/// The Kubernetes minor version whose kubectl kx's CLI behaves like.
const KUBERNETES_MINOR: &str = "33";

/// kx's own build, in the shape of Kubernetes' `version.Info`.
pub fn client_version() -> Vec<(&'static str, String)> {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    };
    vec![
        ("major", "1".into()),
        ("minor", KUBERNETES_MINOR.into()),
        ("gitVersion", format!("v1.{KUBERNETES_MINOR}.0+kx-{}", env!("CARGO_PKG_VERSION"))),
        ("gitCommit", String::new()),
        ("gitTreeState", String::new()),
        ("buildDate", String::new()),
        ("goVersion", String::new()),
        ("compiler", "rustc".into()),
        ("platform", format!("{}/{arch}", std::env::consts::OS)),
    ]
}

/// `version.Info`'s fields in its struct order, for JSON output.
const INFO_FIELDS: [&str; 13] = [
    "major",
    "minor",
    "emulationMajor",
    "emulationMinor",
    "minCompatibilityMajor",
    "minCompatibilityMinor",
    "gitVersion",
    "gitCommit",
    "gitTreeState",
    "buildDate",
    "goVersion",
    "compiler",
    "platform",
];

fn info_json(fields: &[(&str, String)], indent: &str) -> String {
    let mut out = String::from("{\n");
    let parts: Vec<String> = fields
        .iter()
        .map(|(k, v)| {
            format!(
                "{indent}  {}: {}",
                crate::k8s::gofmt::json_compact(&Value::from(*k)),
                crate::k8s::gofmt::json_compact(&Value::from(v.as_str()))
            )
        })
        .collect();
    out.push_str(&parts.join(",\n"));
    out.push('\n');
    out.push_str(indent);
    out.push('}');
    out
}

/// The server's `/version`, in `version.Info` field order (empty emulation fields left out,
/// as Go's `omitempty` does).
fn server_fields(v: &Value) -> Vec<(&'static str, String)> {
    INFO_FIELDS
        .iter()
        .filter_map(|&k| {
            let s = v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            let optional = k.starts_with("emulation") || k.starts_with("minCompatibility");
            (!optional || !s.is_empty()).then_some((k, s))
        })
        .collect()
}

/// `version` (`--client`, `-o json|yaml`): the text for stdout, and the error (printed after
/// the client version, as kubectl does) when the server cannot be asked.
pub async fn version(session: Option<&Session>, output: &str) -> Result<(String, Option<ClientError>), ClientError> {
    match output {
        "" | "json" | "yaml" => {}
        _ => return Err(ClientError::Usage("--output must be 'yaml' or 'json'".into())),
    }
    let client = client_version();
    let server = match session {
        None => None,
        Some(s) => {
            let req = http::Request::get("/version")
                .header("Accept", "application/json")
                .body(Vec::new())
                .expect("static request");
            Some(rest::call_json(s.client(), req).await)
        }
    };
    let (server_info, err) = match server {
        None => (None, None),
        Some(Ok(v)) => (Some(v), None),
        Some(Err(e)) => (None, Some(ClientError::Rest(e))),
    };
    let text = match output {
        "json" => {
            let mut parts = vec![format!("  \"clientVersion\": {}", info_json(&client, "  "))];
            if let Some(v) = &server_info {
                parts.push(format!("  \"serverVersion\": {}", info_json(&server_fields(v), "  ")));
            }
            format!("{{\n{}\n}}\n", parts.join(",\n"))
        }
        "yaml" => {
            let mut doc = serde_json::Map::new();
            let obj = |fields: &[(&str, String)]| {
                Value::Object(fields.iter().map(|(k, v)| (k.to_string(), Value::from(v.as_str()))).collect())
            };
            doc.insert("clientVersion".into(), obj(&client));
            if let Some(v) = &server_info {
                doc.insert("serverVersion".into(), obj(&server_fields(v)));
            }
            yaml::to_yaml(&Value::Object(doc))
        }
        _ => {
            let git = |f: &[(&str, String)]| {
                f.iter().find(|(k, _)| *k == "gitVersion").map(|(_, v)| v.clone()).unwrap_or_default()
            };
            let mut s = format!("Client Version: {}\n", git(&client));
            if let Some(v) = &server_info {
                s.push_str(&format!("Server Version: {}\n", v.get("gitVersion").and_then(Value::as_str).unwrap_or("")));
            }
            s
        }
    };
    Ok((text, err))
}

/// `cluster-info`: the API server's address and the cluster services labelled
/// `kubernetes.io/cluster-service=true` in kube-system.
pub async fn cluster_info(session: &Session, server: &str) -> Result<String, ClientError> {
    let host = server.trim_end_matches('/');
    let path = "/api/v1/namespaces/kube-system/services?labelSelector=kubernetes.io%2Fcluster-service%3Dtrue";
    let req = http::Request::get(path).header("Accept", "application/json").body(Vec::new()).expect("static request");
    let list = rest::call_json(session.client(), req).await?;
    let mut out = format!("Kubernetes control plane is running at {host}\n");
    for svc in super::get::list_items(&list) {
        let s = |p: &str| crate::k8s::meta::path(&svc, p).and_then(Value::as_str).unwrap_or("").to_string();
        let ports = crate::k8s::meta::path(&svc, "spec.ports").and_then(Value::as_array).cloned().unwrap_or_default();
        let ingress = crate::k8s::meta::path(&svc, "status.loadBalancer.ingress")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let link = if let Some(first) = ingress.first() {
            let ip = match first.get("ip").and_then(Value::as_str) {
                Some(ip) if !ip.is_empty() => ip.to_string(),
                _ => first.get("hostname").and_then(Value::as_str).unwrap_or("").to_string(),
            };
            ports
                .iter()
                .map(|p| format!("http://{ip}:{} ", p.get("port").and_then(Value::as_i64).unwrap_or(0)))
                .collect::<String>()
        } else {
            let mut name = s("metadata.name");
            if let Some(p) = ports.first() {
                let port_name = p.get("name").and_then(Value::as_str).unwrap_or("");
                let https = port_name == "https" || p.get("port").and_then(Value::as_i64) == Some(443);
                name = match (https, port_name.is_empty()) {
                    (true, _) => format!("https:{name}:{port_name}"),
                    (false, false) => format!("{name}:{port_name}"),
                    (false, true) => name,
                };
            }
            format!("{host}/api/v1/namespaces/{}/services/{name}/proxy", s("metadata.namespace"))
        };
        let label = crate::k8s::meta::path(&svc, "metadata.labels")
            .and_then(|l| l.get("kubernetes.io/name"))
            .and_then(Value::as_str)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| s("metadata.name"));
        out.push_str(&format!("{label} is running at {link}\n"));
    }
    out.push_str("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::catalog;

    fn opts() -> ApiResourcesOptions {
        ApiResourcesOptions::default()
    }

    #[test]
    fn api_resources_filters_by_group_and_verbs() {
        let types = catalog::builtin().to_vec();
        let o = ApiResourcesOptions { api_group: Some("batch".into()), verbs: vec!["list".into()], ..opts() };
        let rows: Vec<&str> = api_resource_rows(&types, &o).iter().map(|r| r.plural.as_str()).collect();
        assert_eq!(rows, ["cronjobs", "jobs"]);
    }

    #[test]
    fn api_resources_name_output_qualifies_groups() {
        let types = catalog::builtin().to_vec();
        let o = ApiResourcesOptions { output: "name".into(), api_group: Some("apps".into()), ..opts() };
        let out = render_api_resources(&types, &o).expect("renders");
        assert!(out.starts_with("controllerrevisions.apps\ndaemonsets.apps\n"), "{out}");
    }

    #[test]
    fn api_resources_rejects_unknown_sort_and_output() {
        let types = catalog::builtin().to_vec();
        let bad_sort = ApiResourcesOptions { sort_by: "foo".into(), ..opts() };
        assert_eq!(
            render_api_resources(&types, &bad_sort).expect_err("bad").to_string(),
            "--sort-by accepts only name or kind"
        );
        let bad_out = ApiResourcesOptions { output: "json".into(), ..opts() };
        assert_eq!(
            render_api_resources(&types, &bad_out).expect_err("bad").to_string(),
            "--output json is not available"
        );
    }

    #[test]
    fn client_version_speaks_kubernetes_1_33() {
        let v = client_version();
        assert_eq!(v[1], ("minor", "33".to_string()));
        assert!(v[2].1.starts_with("v1.33.0+kx-"));
    }
}
