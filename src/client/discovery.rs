//! Discovery and resource resolution, as kubectl does them: the server's resource types
//! (aggregated discovery in two requests, or the per-group documents from older servers),
//! cached on disk per server for six hours so a warm command makes no discovery request, and
//! resolution of what users type (`po`, `pods`, `pod`, `Pod`, `deploy.apps`,
//! `deployments.v1.apps`, categories such as `all`) to resource types.

use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::k8s::catalog::{ResourceType, Subresource};

/// How long a cached discovery document is trusted (kubectl's TTL).
pub const CACHE_TTL: Duration = Duration::from_secs(6 * 3600);

const AGGREGATED_ACCEPT: &str = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

#[derive(Debug, thiserror::Error)]
pub enum DiscoveryError {
    #[error("{0}")]
    Request(#[from] kube::Error),
    #[error("the server has no resource types (discovery returned nothing)")]
    Empty,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ResolveError {
    #[error("the server doesn't have a resource type \"{0}\"")]
    Unknown(String),
}

/// The resource types a server offers, in discovery order (core first), preferred version
/// of each group first.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Discovery {
    pub types: Vec<ResourceType>,
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    fetched_at: jiff::Timestamp,
    server: String,
    discovery: Discovery,
}

/// `~/.cache/kx/discovery`, where discovery is cached per server.
pub fn cache_dir() -> Option<PathBuf> {
    Some(dirs::cache_dir()?.join("kx").join("discovery"))
}

/// `~/.cache/kx/discovery/<host_port>.json`.
fn cache_path(server: &http::Uri) -> Option<PathBuf> {
    let host = server.host()?;
    let port = server.port_u16().unwrap_or(443);
    let safe: String = format!("{host}_{port}")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '_' { c } else { '_' })
        .collect();
    Some(cache_dir()?.join(format!("{safe}.json")))
}

impl Discovery {
    /// Discovery for `server`: from the cache when fresh (and `refresh` is false), otherwise
    /// fetched and cached.
    pub async fn load(client: &kube::Client, server: &http::Uri, refresh: bool) -> Result<Discovery, DiscoveryError> {
        let path = cache_path(server);
        if !refresh && let Some(d) = path.as_ref().and_then(|p| read_cache(p, server)) {
            return Ok(d);
        }
        let d = Discovery::fetch(client).await?;
        if let Some(p) = path {
            write_cache(&p, server, &d);
        }
        Ok(d)
    }

    pub async fn fetch(client: &kube::Client) -> Result<Discovery, DiscoveryError> {
        let mut types = Vec::new();
        for path in ["/api", "/apis"] {
            let req =
                http::Request::get(path).header("Accept", AGGREGATED_ACCEPT).body(Vec::new()).expect("static request");
            let doc: Value = client.request(req).await?;
            if doc.get("kind").and_then(Value::as_str) == Some("APIGroupDiscoveryList") {
                types.extend(from_aggregated(&doc));
            } else {
                types.extend(legacy(client, path, &doc).await?);
            }
        }
        if types.is_empty() {
            return Err(DiscoveryError::Empty);
        }
        Ok(Discovery { types })
    }

    /// The types `name` refers to. Most names resolve to one type; a category (`all`) to
    /// several, in discovery order.
    pub fn resolve(&self, name: &str) -> Result<Vec<&ResourceType>, ResolveError> {
        let lower = name.to_ascii_lowercase();
        let (base, qualifier) = match lower.split_once('.') {
            Some((b, q)) => (b.to_string(), Some(q.to_string())),
            None => (lower.clone(), None),
        };
        let group_matches = |rt: &ResourceType| match &qualifier {
            None => true,
            // `deployments.apps` or `deployments.v1.apps`.
            Some(q) => *q == rt.group || *q == format!("{}.{}", rt.version, rt.group),
        };
        let name_matches = |rt: &ResourceType| {
            rt.plural == base
                || rt.singular == base
                || rt.kind.to_ascii_lowercase() == base
                || rt.short_names.contains(&base)
        };
        // The first (preferred) version of the first group that knows the name.
        if let Some(rt) = self.types.iter().find(|rt| name_matches(rt) && group_matches(rt)) {
            return Ok(vec![rt]);
        }
        if qualifier.is_none() {
            let mut out: Vec<&ResourceType> = Vec::new();
            for rt in self.types.iter().filter(|rt| rt.categories.contains(&base)) {
                // One version per group/resource.
                if !out.iter().any(|o| o.group == rt.group && o.plural == rt.plural) {
                    out.push(rt);
                }
            }
            if !out.is_empty() {
                return Ok(out);
            }
        }
        Err(ResolveError::Unknown(name.to_string()))
    }
}

fn read_cache(path: &PathBuf, server: &http::Uri) -> Option<Discovery> {
    let file: CacheFile = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    let age = jiff::Timestamp::now().duration_since(file.fetched_at);
    let fresh = age.as_secs() >= 0 && (age.as_secs() as u64) < CACHE_TTL.as_secs();
    (fresh && file.server == server.to_string()).then_some(file.discovery)
}

fn write_cache(path: &PathBuf, server: &http::Uri, d: &Discovery) {
    // A cache that cannot be written only costs the next command a request.
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let file = CacheFile { fetched_at: jiff::Timestamp::now(), server: server.to_string(), discovery: d.clone() };
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    if let Ok(bytes) = serde_json::to_vec(&file)
        && std::fs::write(&tmp, bytes).is_ok()
    {
        let _ = std::fs::rename(&tmp, path);
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}

/// Resource types from an `APIGroupDiscoveryList`.
pub fn from_aggregated(doc: &Value) -> Vec<ResourceType> {
    let mut out = Vec::new();
    for item in doc.get("items").and_then(Value::as_array).into_iter().flatten() {
        let group = item.get("metadata").and_then(|m| m.get("name")).and_then(Value::as_str).unwrap_or_default();
        for v in item.get("versions").and_then(Value::as_array).into_iter().flatten() {
            let version = v.get("version").and_then(Value::as_str).unwrap_or_default();
            for r in v.get("resources").and_then(Value::as_array).into_iter().flatten() {
                let Some(plural) = r.get("resource").and_then(Value::as_str) else { continue };
                // kubectl drops resources without a responseKind.
                let Some(kind) = r.get("responseKind").and_then(|k| k.get("kind")).and_then(Value::as_str) else {
                    continue;
                };
                let subresources = r
                    .get("subresources")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|s| {
                        let rk = s.get("responseKind");
                        Some(Subresource {
                            name: s.get("subresource")?.as_str()?.to_string(),
                            group: rk.and_then(|k| k.get("group")).and_then(Value::as_str).unwrap_or(group).to_string(),
                            version: rk
                                .and_then(|k| k.get("version"))
                                .and_then(Value::as_str)
                                .unwrap_or(version)
                                .to_string(),
                            kind: rk.and_then(|k| k.get("kind")).and_then(Value::as_str).unwrap_or(kind).to_string(),
                            verbs: strings(s.get("verbs")),
                        })
                    })
                    .collect();
                out.push(ResourceType {
                    group: group.to_string(),
                    version: version.to_string(),
                    kind: kind.to_string(),
                    plural: plural.to_string(),
                    singular: r
                        .get("singularResource")
                        .and_then(Value::as_str)
                        .filter(|s| !s.is_empty())
                        .map_or_else(|| kind.to_lowercase(), str::to_string),
                    short_names: strings(r.get("shortNames")),
                    categories: strings(r.get("categories")),
                    namespaced: r.get("scope").and_then(Value::as_str) == Some("Namespaced"),
                    verbs: strings(r.get("verbs")),
                    subresources,
                    printer_columns: None,
                });
            }
        }
    }
    out
}

/// Resource types from an `APIResourceList` (`/api/v1`, `/apis/g/v`).
pub fn from_resource_list(doc: &Value) -> Vec<ResourceType> {
    let gv = doc.get("groupVersion").and_then(Value::as_str).unwrap_or("v1");
    let (group, version) = crate::k8s::catalog::split_api_version(gv);
    let resources: Vec<&Value> = doc.get("resources").and_then(Value::as_array).into_iter().flatten().collect();
    let mut out: Vec<ResourceType> = Vec::new();
    for r in resources.iter().filter(|r| r.get("name").and_then(Value::as_str).is_some_and(|n| !n.contains('/'))) {
        let plural = r.get("name").and_then(Value::as_str).unwrap_or_default();
        let kind = r.get("kind").and_then(Value::as_str).unwrap_or_default();
        out.push(ResourceType {
            group: group.to_string(),
            version: version.to_string(),
            kind: kind.to_string(),
            plural: plural.to_string(),
            singular: r
                .get("singularName")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
                .map_or_else(|| kind.to_lowercase(), str::to_string),
            short_names: strings(r.get("shortNames")),
            categories: strings(r.get("categories")),
            namespaced: r.get("namespaced").and_then(Value::as_bool).unwrap_or(false),
            verbs: strings(r.get("verbs")),
            subresources: Vec::new(),
            printer_columns: None,
        });
    }
    for r in resources {
        let Some((parent, sub)) = r.get("name").and_then(Value::as_str).and_then(|n| n.split_once('/')) else {
            continue;
        };
        if let Some(p) = out.iter_mut().find(|t| t.plural == parent) {
            p.subresources.push(Subresource {
                name: sub.to_string(),
                group: r.get("group").and_then(Value::as_str).unwrap_or(group).to_string(),
                version: r.get("version").and_then(Value::as_str).unwrap_or(version).to_string(),
                kind: r.get("kind").and_then(Value::as_str).unwrap_or_default().to_string(),
                verbs: strings(r.get("verbs")),
            });
        }
    }
    out
}

/// The pre-aggregation protocol: `/api` lists versions, `/apis` groups, then one document per
/// group version.
async fn legacy(client: &kube::Client, path: &str, doc: &Value) -> Result<Vec<ResourceType>, DiscoveryError> {
    let mut gvs: Vec<String> = Vec::new();
    if path == "/api" {
        gvs.extend(strings(doc.get("versions")));
    } else {
        for g in doc.get("groups").and_then(Value::as_array).into_iter().flatten() {
            let preferred = g.get("preferredVersion").and_then(|p| p.get("groupVersion")).and_then(Value::as_str);
            let mut versions: Vec<String> = g
                .get("versions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|v| v.get("groupVersion")?.as_str().map(str::to_string))
                .collect();
            if let Some(p) = preferred {
                versions.sort_by_key(|v| v != p);
            }
            gvs.extend(versions);
        }
    }
    let mut out = Vec::new();
    for gv in gvs {
        let url = if path == "/api" { format!("/api/{gv}") } else { format!("/apis/{gv}") };
        let req = http::Request::get(url).body(Vec::new()).expect("valid request");
        let list: Value = client.request(req).await?;
        out.extend(from_resource_list(&list));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::catalog;

    fn builtin() -> Discovery {
        Discovery { types: catalog::builtin().to_vec() }
    }

    #[test]
    fn resolve_short_plural_singular_kind_and_group_forms() {
        let d = builtin();
        for name in ["po", "pods", "pod", "Pod"] {
            let got = d.resolve(name);
            assert_eq!(got.map(|v| v[0].plural.clone()), Ok("pods".to_string()), "{name}");
        }
        assert_eq!(d.resolve("deploy.apps").expect("resolves")[0].plural, "deployments");
        assert_eq!(d.resolve("deployments.v1.apps").expect("resolves")[0].plural, "deployments");
        assert_eq!(d.resolve("ev").expect("resolves")[0].group, "", "core events win over events.k8s.io");
        assert_eq!(d.resolve("events.events.k8s.io").expect("resolves")[0].group, "events.k8s.io");
        assert_eq!(d.resolve("nope"), Err(ResolveError::Unknown("nope".into())));
    }

    #[test]
    fn resolve_all_category_lists_workloads_in_order() {
        let d = builtin();
        let all: Vec<&str> = d.resolve("all").expect("category").iter().map(|r| r.plural.as_str()).collect();
        assert_eq!(all[0], "pods");
        assert!(all.contains(&"deployments") && all.contains(&"services"));
    }

    #[test]
    fn from_resource_list_attaches_subresources() {
        let doc = serde_json::json!({"groupVersion": "apps/v1", "resources": [
            {"name": "deployments", "singularName": "deployment", "namespaced": true, "kind": "Deployment", "verbs": ["get"], "shortNames": ["deploy"]},
            {"name": "deployments/scale", "namespaced": true, "group": "autoscaling", "version": "v1", "kind": "Scale", "verbs": ["get"]},
        ]});
        let types = from_resource_list(&doc);
        assert_eq!(types.len(), 1);
        assert_eq!(types[0].group, "apps");
        assert_eq!(types[0].subresources[0].kind, "Scale");
    }
}
