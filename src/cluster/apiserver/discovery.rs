//! Discovery documents (`/api`, `/apis`, `/api/v1`, `/apis/<g>/<v>`, and the aggregated
//! `apidiscovery.k8s.io/v2` form), `/version`, and the OpenAPI v3 documents kubectl checks
//! before apply/create/edit (it wants `fieldValidation` on each kind's PATCH operation).

use serde_json::{Value, json};

use crate::k8s::catalog::{ResourceType, group_versions};

/// The Kubernetes version the embedded apiserver implements.
pub const KUBE_MAJOR: &str = "1";
pub const KUBE_MINOR: &str = "33";
pub const KUBE_GIT_VERSION: &str = "v1.33.1";

pub fn version() -> Value {
    json!({
        "major": KUBE_MAJOR,
        "minor": KUBE_MINOR,
        "gitVersion": KUBE_GIT_VERSION,
        "gitCommit": concat!("kx-", env!("CARGO_PKG_VERSION")),
        "gitTreeState": "clean",
        "buildDate": "2025-01-01T00:00:00Z",
        "goVersion": "kx (Rust)",
        "compiler": "kx",
        "platform": format!("{}/{}", std::env::consts::OS, go_arch()),
    })
}

fn go_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    }
}

/// `/api`.
pub fn api_versions(server_address: &str) -> Value {
    json!({
        "kind": "APIVersions",
        "versions": ["v1"],
        "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": server_address}],
    })
}

/// `/apis`.
pub fn api_group_list(types: &[ResourceType]) -> Value {
    let mut groups: Vec<Value> = Vec::new();
    for (group, version) in group_versions(types) {
        if group.is_empty() {
            continue;
        }
        let gv = json!({"groupVersion": format!("{group}/{version}"), "version": version});
        match groups.iter_mut().find(|g| g["name"] == group.as_str()) {
            Some(g) => g["versions"].as_array_mut().expect("built as array").push(gv),
            None => groups.push(json!({"name": group, "versions": [gv.clone()], "preferredVersion": gv})),
        }
    }
    json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
}

/// `/apis/<group>` (kubectl asks when it knows a group but not its versions).
pub fn api_group(types: &[ResourceType], group: &str) -> Option<Value> {
    let list = api_group_list(types);
    let g = list["groups"].as_array()?.iter().find(|g| g["name"] == group)?.clone();
    let mut g = g;
    g["kind"] = json!("APIGroup");
    g["apiVersion"] = json!("v1");
    Some(g)
}

/// `/api/v1` or `/apis/<group>/<version>`.
pub fn resource_list(types: &[ResourceType], group: &str, version: &str) -> Option<Value> {
    let mut resources = Vec::new();
    for r in types.iter().filter(|r| r.group == group && r.version == version) {
        let mut e = json!({
            "name": r.plural,
            "singularName": r.singular,
            "namespaced": r.namespaced,
            "kind": r.kind,
            "verbs": r.verbs,
        });
        if !r.short_names.is_empty() {
            e["shortNames"] = json!(r.short_names);
        }
        if !r.categories.is_empty() {
            e["categories"] = json!(r.categories);
        }
        resources.push(e);
        for s in &r.subresources {
            let mut e = json!({
                "name": format!("{}/{}", r.plural, s.name),
                "singularName": "",
                "namespaced": r.namespaced,
                "kind": s.kind,
                "verbs": s.verbs,
            });
            if s.group != r.group || s.version != r.version {
                e["group"] = json!(s.group);
                e["version"] = json!(s.version);
            }
            resources.push(e);
        }
    }
    if resources.is_empty() {
        return None;
    }
    let gv = if group.is_empty() { version.to_string() } else { format!("{group}/{version}") };
    Some(json!({"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": resources}))
}

/// Which aggregated discovery version the client accepts, if any (`v2` or `v2beta1`).
pub fn aggregated_version(accept: &str) -> Option<&'static str> {
    let mut best = None;
    for media in accept.split(',') {
        let params: Vec<&str> = media.split(';').map(str::trim).collect();
        let has = |p: &str| params.contains(&p);
        if has("g=apidiscovery.k8s.io") && has("as=APIGroupDiscoveryList") {
            if has("v=v2") {
                return Some("v2");
            }
            if has("v=v2beta1") {
                best = Some("v2beta1");
            }
        }
    }
    best
}

pub fn aggregated_content_type(version: &str) -> String {
    format!("application/json;g=apidiscovery.k8s.io;v={version};as=APIGroupDiscoveryList")
}

/// The aggregated document for `/api` (`core`) or `/apis`.
pub fn aggregated(types: &[ResourceType], core: bool, version: &str) -> Value {
    let mut items: Vec<Value> = Vec::new();
    for (group, gv_version) in group_versions(types) {
        if group.is_empty() != core {
            continue;
        }
        let resources: Vec<Value> = types
            .iter()
            .filter(|r| r.group == group && r.version == gv_version)
            .map(|r| {
                let mut e = json!({
                    "resource": r.plural,
                    "responseKind": {"group": r.group, "version": r.version, "kind": r.kind},
                    "scope": if r.namespaced { "Namespaced" } else { "Cluster" },
                    "singularResource": r.singular,
                    "verbs": r.verbs,
                });
                if !r.short_names.is_empty() {
                    e["shortNames"] = json!(r.short_names);
                }
                if !r.categories.is_empty() {
                    e["categories"] = json!(r.categories);
                }
                if !r.subresources.is_empty() {
                    e["subresources"] = r
                        .subresources
                        .iter()
                        .map(|s| {
                            json!({
                                "subresource": s.name,
                                "responseKind": {"group": s.group, "version": s.version, "kind": s.kind},
                                "verbs": s.verbs,
                            })
                        })
                        .collect();
                }
                e
            })
            .collect();
        let v = json!({"version": gv_version, "resources": resources, "freshness": "Current"});
        match items.iter_mut().find(|i| i["metadata"]["name"] == group.as_str()) {
            Some(i) => i["versions"].as_array_mut().expect("built as array").push(v),
            None => items.push(json!({"metadata": {"name": group, "creationTimestamp": null}, "versions": [v]})),
        }
    }
    json!({
        "kind": "APIGroupDiscoveryList",
        "apiVersion": format!("apidiscovery.k8s.io/{version}"),
        "metadata": {},
        "items": items,
    })
}

fn gv_path(group: &str, version: &str) -> String {
    if group.is_empty() { format!("api/{version}") } else { format!("apis/{group}/{version}") }
}

/// `/openapi/v3/<api/v1|apis/g/v>`: operations per kind with their query parameters. There is
/// deliberately no `requestBody` schema: kubectl then builds apply patches from its compiled-in
/// types, which is what it does against a real server too.
pub fn openapi_document(types: &[ResourceType], gv: &str) -> Option<Value> {
    let (group, version) = match gv.strip_prefix("api/") {
        Some(v) => ("", v),
        None => gv.strip_prefix("apis/")?.split_once('/')?,
    };
    let mut paths = serde_json::Map::new();
    let query = |name: &str, desc: &str| json!({"name": name, "in": "query", "description": desc, "schema": {"type": "string", "uniqueItems": true}});
    let write_params = vec![
        query("dryRun", "When present, indicates that modifications should not be persisted."),
        query(
            "fieldManager",
            "fieldManager is a name associated with the actor or entity that is making these changes.",
        ),
        query(
            "fieldValidation",
            "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: Ignore, Warn (default), Strict.",
        ),
    ];
    let mut found = false;
    for r in types.iter().filter(|r| r.group == group && r.version == version) {
        found = true;
        let gvk = json!({"group": r.group, "version": r.version, "kind": r.kind});
        let base = if r.namespaced {
            format!("/{}/namespaces/{{namespace}}/{}", gv_path(group, version), r.plural)
        } else {
            format!("/{}/{}", gv_path(group, version), r.plural)
        };
        let op = |action: &str, extra: Vec<Value>| {
            let mut params = write_params.clone();
            params.extend(extra);
            json!({
                "operationId": format!("{action}{}", r.kind),
                "x-kubernetes-action": action,
                "x-kubernetes-group-version-kind": gvk,
                "parameters": params,
                "responses": {"200": {"description": "OK"}},
            })
        };
        if r.has_verb("create") {
            paths.insert(base.clone(), json!({"post": op("post", vec![])}));
        }
        let mut item = serde_json::Map::new();
        if r.has_verb("patch") {
            item.insert(
                "patch".into(),
                op("patch", vec![query("force", "Force is going to \"force\" Apply requests.")]),
            );
        }
        if r.has_verb("update") {
            item.insert("put".into(), op("put", vec![]));
        }
        if !item.is_empty() {
            paths.insert(format!("{base}/{{name}}"), Value::Object(item));
        }
    }
    if !found {
        return None;
    }
    Some(json!({
        "openapi": "3.0.0",
        "info": {"title": "Kubernetes", "version": KUBE_GIT_VERSION},
        "paths": paths,
        "components": {"schemas": {}},
    }))
}

/// `/openapi/v2` with no definitions. kubectl falls back to it for client-side validation of
/// kinds the v3 documents do not name (a misspelt kind); finding no schema there, it goes on
/// to report the unknown kind itself, as it does against a real server. It asks for the
/// gnostic protobuf form, so that is hand-encoded: `swagger` (field 1) and `info` (field 2:
/// title, version).
pub fn openapi_v2(protobuf: bool) -> Vec<u8> {
    if !protobuf {
        let doc = json!({"swagger": "2.0", "info": {"title": "Kubernetes", "version": KUBE_GIT_VERSION}, "paths": {}, "definitions": {}});
        return serde_json::to_vec(&doc).unwrap_or_default();
    }
    fn field(out: &mut Vec<u8>, tag: u8, bytes: &[u8]) {
        out.push(tag);
        out.push(u8::try_from(bytes.len()).expect("short strings"));
        out.extend_from_slice(bytes);
    }
    let mut info = Vec::new();
    field(&mut info, 0x0a, b"Kubernetes");
    field(&mut info, 0x12, KUBE_GIT_VERSION.as_bytes());
    let mut out = Vec::new();
    field(&mut out, 0x0a, b"2.0");
    field(&mut out, 0x12, &info);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::catalog::builtin;

    #[test]
    fn resource_list_core_has_pods_and_subresources() {
        let l = resource_list(builtin(), "", "v1").expect("core");
        let rs = l["resources"].as_array().expect("array");
        let pods = rs.iter().find(|r| r["name"] == "pods").expect("pods");
        assert_eq!(pods["shortNames"], json!(["po"]));
        assert_eq!(pods["categories"], json!(["all"]));
        assert!(rs.iter().any(|r| r["name"] == "pods/log" && r["verbs"] == json!(["get"])));
        let l = resource_list(builtin(), "apps", "v1").expect("apps");
        let scale =
            l["resources"].as_array().expect("array").iter().find(|r| r["name"] == "deployments/scale").expect("scale");
        assert_eq!((scale["group"].as_str(), scale["kind"].as_str()), (Some("autoscaling"), Some("Scale")));
    }

    #[test]
    fn aggregated_version_prefers_v2() {
        let kubectl = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
        assert_eq!(aggregated_version(kubectl), Some("v2"));
        assert_eq!(aggregated_version("application/json"), None);
        let doc = aggregated(builtin(), false, "v2");
        let apps =
            doc["items"].as_array().expect("items").iter().find(|i| i["metadata"]["name"] == "apps").expect("apps");
        let d = apps["versions"][0]["resources"]
            .as_array()
            .expect("res")
            .iter()
            .find(|r| r["resource"] == "deployments")
            .expect("d");
        assert_eq!(d["responseKind"]["kind"], "Deployment");
        assert_eq!(d["subresources"][0]["subresource"], "scale");
        let core = aggregated(builtin(), true, "v2");
        assert_eq!(core["items"].as_array().expect("items").len(), 1);
    }

    #[test]
    fn openapi_patch_operations_advertise_field_validation() {
        let doc = openapi_document(builtin(), "apis/apps/v1").expect("doc");
        let patch = &doc["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]["patch"];
        assert_eq!(patch["x-kubernetes-group-version-kind"]["kind"], "Deployment");
        assert!(patch["parameters"].as_array().expect("params").iter().any(|p| p["name"] == "fieldValidation"));
        assert!(openapi_document(builtin(), "api/v1").expect("core")["paths"]["/api/v1/namespaces/{name}"].is_object());
    }
}
