//! `/openapi/v3`: the index of group-version documents and the documents themselves, with the
//! component schemas of every kind served (built-in ones from `k8s::openapi`, custom resources
//! from their CRD's `openAPIV3Schema`).
//!
//! As in kube-apiserver, the index gives each document a `serverRelativeURL` with a `hash`
//! query, a document asked for with the current hash is immutable (clients cache it for good),
//! and one asked for with a stale hash is redirected to the current URL. Documents are built
//! on first request and kept as serialized bytes; the hash is computed from what goes into a
//! document, so the index never has to build one.

use std::collections::HashMap;

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use parking_lot::Mutex;
use serde_json::{Map, Value, json};

use super::discovery;
use crate::k8s::catalog::{ResourceType, group_versions};
use crate::k8s::openapi as schemas;

/// One served version of a CRD, with what its published schema is made of.
#[derive(Clone, Debug, PartialEq)]
pub struct CrdVersion {
    pub group: String,
    pub version: String,
    pub kind: String,
    pub list_kind: String,
    pub plural: String,
    pub schema: Option<Value>,
}

/// The served CRD versions of a stored CRD.
pub fn crd_versions(crd: &Value) -> Vec<CrdVersion> {
    let s = |v: &Value, p: &str| crate::k8s::meta::path(v, p).and_then(Value::as_str).unwrap_or_default().to_string();
    let group = s(crd, "spec.group");
    let kind = s(crd, "spec.names.kind");
    let plural = s(crd, "spec.names.plural");
    let list_kind = match s(crd, "spec.names.listKind") {
        l if l.is_empty() => format!("{kind}List"),
        l => l,
    };
    if group.is_empty() || kind.is_empty() {
        return vec![];
    }
    crate::k8s::meta::path(crd, "spec.versions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|v| v.get("served").and_then(Value::as_bool).unwrap_or(false))
        .map(|v| CrdVersion {
            group: group.clone(),
            version: s(v, "name"),
            kind: kind.clone(),
            list_kind: list_kind.clone(),
            plural: plural.clone(),
            schema: crate::k8s::meta::path(v, "schema.openAPIV3Schema").cloned(),
        })
        .collect()
}

fn gv_path(group: &str, version: &str) -> String {
    if group.is_empty() { format!("api/{version}") } else { format!("apis/{group}/{version}") }
}

fn split_gv_path(p: &str) -> Option<(&str, &str)> {
    match p.strip_prefix("api/") {
        Some(v) if !v.contains('/') => Some(("", v)),
        Some(_) => None,
        None => p.strip_prefix("apis/")?.split_once('/').filter(|(_, v)| !v.contains('/')),
    }
}

/// The hash of a group version's document, from its inputs: the vendored schemas, the kinds
/// served there and their CRD schemas.
pub fn document_hash(types: &[ResourceType], crds: &[CrdVersion], group: &str, version: &str) -> String {
    let mut h = schemas::fnv(*schemas::DEFINITIONS_HASH, env!("CARGO_PKG_VERSION").as_bytes());
    h = schemas::fnv(h, gv_path(group, version).as_bytes());
    for r in types.iter().filter(|r| r.group == group && r.version == version) {
        for s in [&r.kind, &r.plural, &r.singular] {
            h = schemas::fnv(h, s.as_bytes());
            h = schemas::fnv(h, b"\0");
        }
        h = schemas::fnv(h, if r.namespaced { b"N" } else { b"C" });
        for v in &r.verbs {
            h = schemas::fnv(h, v.as_bytes());
        }
    }
    for c in crds.iter().filter(|c| c.group == group && c.version == version) {
        h = schemas::fnv(h, c.list_kind.as_bytes());
        h = schemas::fnv(h, serde_json::to_string(&c.schema).unwrap_or_default().as_bytes());
    }
    // 128 hex digits like kube-apiserver's SHA-512: the value is opaque to clients.
    let mut out = String::with_capacity(128);
    let mut x = h;
    for i in 0..8u64 {
        x = schemas::fnv(x, &i.to_le_bytes());
        out.push_str(&format!("{x:016X}"));
    }
    out
}

/// `/openapi/v3`.
pub fn index(types: &[ResourceType], crds: &[CrdVersion]) -> Value {
    let mut paths = Map::new();
    for (group, version) in group_versions(types) {
        let p = gv_path(&group, &version);
        let url = format!("/openapi/v3/{p}?hash={}", document_hash(types, crds, &group, &version));
        paths.insert(p, json!({"serverRelativeURL": url}));
    }
    json!({"paths": paths})
}

/// The component schemas of one group version's document.
fn components(types: &[ResourceType], crds: &[CrdVersion], group: &str, version: &str) -> Map<String, Value> {
    let defs = schemas::definitions();
    let mut roots: Vec<String> = Vec::new();
    let mut out = Map::new();
    for r in types.iter().filter(|r| r.group == group && r.version == version) {
        if let Some(c) = crds.iter().find(|c| c.group == group && c.version == version && c.kind == r.kind) {
            let name = schemas::crd_definition_name(group, version, &c.kind);
            out.insert(name, schemas::crd_component(group, version, &c.kind, c.schema.as_ref()));
            out.insert(
                schemas::crd_definition_name(group, version, &c.list_kind),
                schemas::crd_list_component(group, version, &c.kind, &c.list_kind, &c.plural),
            );
            roots.push(schemas::OBJECT_META.into());
            roots.push(schemas::LIST_META.into());
            continue;
        }
        let list = r.list_kind();
        let mut kinds = vec![(r.group.as_str(), r.version.as_str(), r.kind.as_str()), (group, version, list.as_str())];
        kinds.extend(r.subresources.iter().map(|s| (s.group.as_str(), s.version.as_str(), s.kind.as_str())));
        for (g, v, k) in kinds {
            if let Some(name) = schemas::definition_name(&defs, g, v, k) {
                roots.push(name.to_string());
            }
        }
    }
    for name in schemas::closure(&defs, roots) {
        if let Some(d) = defs.get(&name) {
            out.entry(name).or_insert_with(|| d.clone());
        }
    }
    out
}

/// A whole group-version document, or `None` when nothing is served there.
pub fn document(types: &[ResourceType], crds: &[CrdVersion], gv: &str) -> Option<Value> {
    let (group, version) = split_gv_path(gv)?;
    let mut doc = discovery::openapi_document(types, gv)?;
    doc["components"] = json!({"schemas": components(types, crds, group, version)});
    Some(doc)
}

/// Serialized documents by group-version path, each with the hash it was built for.
#[derive(Default)]
pub struct Cache {
    docs: Mutex<HashMap<String, (String, Bytes)>>,
}

impl Cache {
    /// The document and its hash, built once per hash.
    fn get(&self, types: &[ResourceType], crds: &[CrdVersion], gv: &str) -> Option<(String, Bytes)> {
        let (group, version) = split_gv_path(gv)?;
        let hash = document_hash(types, crds, group, version);
        if let Some((h, b)) = self.docs.lock().get(gv)
            && *h == hash
        {
            return Some((hash, b.clone()));
        }
        let doc = document(types, crds, gv)?;
        let bytes = Bytes::from(serde_json::to_vec(&doc).ok()?);
        self.docs.lock().insert(gv.to_string(), (hash.clone(), bytes.clone()));
        Some((hash, bytes))
    }

    /// Answer `GET /openapi/v3/<gv>[?hash=…]` as kube-apiserver does.
    pub fn respond(
        &self,
        types: &[ResourceType],
        crds: &[CrdVersion],
        gv: &str,
        asked_hash: Option<&str>,
        headers: &HeaderMap,
    ) -> Option<Response> {
        let (hash, bytes) = self.get(types, crds, gv)?;
        if let Some(asked) = asked_hash
            && asked != hash
        {
            let location = format!("/openapi/v3/{gv}?hash={hash}");
            let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
            if let Ok(v) = HeaderValue::from_str(&location) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache, private"));
            return Some(r);
        }
        let etag = format!("\"{hash}\"");
        let cache_control = if asked_hash.is_some() { "public, immutable" } else { "no-cache, private" };
        let matches = headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
        let mut r = if matches {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], bytes).into_response()
        };
        let h = r.headers_mut();
        if let Ok(v) = HeaderValue::from_str(&etag) {
            h.insert(header::ETAG, v);
        }
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control));
        if asked_hash.is_some() {
            // kube-apiserver lets clients keep an immutable document for a year.
            let expires = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24 * 365);
            if let Ok(v) = HeaderValue::from_str(&expires.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string()) {
                h.insert(header::EXPIRES, v);
            }
        }
        Some(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::catalog::builtin;

    fn widget_crd() -> Value {
        json!({"spec": {"group": "example.com", "scope": "Namespaced",
            "names": {"plural": "widgets", "kind": "Widget"},
            "versions": [{"name": "v1", "served": true, "storage": true,
                "schema": {"openAPIV3Schema": {"type": "object", "description": "A widget.",
                    "properties": {"spec": {"type": "object", "properties": {"size": {"type": "integer"}}}}}}}]}})
    }

    #[test]
    fn apps_document_has_deployment_schema_with_extensions() {
        let doc = document(builtin(), &[], "apis/apps/v1").expect("apps");
        let s = &doc["components"]["schemas"];
        assert_eq!(s["io.k8s.api.apps.v1.Deployment"]["x-kubernetes-group-version-kind"][0]["kind"], "Deployment");
        assert_eq!(
            s["io.k8s.api.apps.v1.DeploymentList"]["x-kubernetes-group-version-kind"][0]["kind"],
            "DeploymentList"
        );
        assert_eq!(s["io.k8s.api.core.v1.PodSpec"]["properties"]["containers"]["x-kubernetes-patch-merge-key"], "name");
        assert!(s["io.k8s.api.autoscaling.v1.Scale"].is_object(), "the scale subresource's kind");
        assert!(s.get("io.k8s.api.batch.v1.Job").is_none());
        let patch = &doc["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]["patch"];
        assert!(patch["parameters"].as_array().expect("params").iter().any(|p| p["name"] == "fieldValidation"));
    }

    #[test]
    fn index_hashes_change_only_with_the_group_version() {
        let crd = crd_versions(&widget_crd());
        let mut types = builtin().to_vec();
        let before = index(&types, &[]);
        types.extend(super::super::crd::resource_types(&widget_crd()));
        let after = index(&types, &crd);
        assert_eq!(before["paths"]["apis/apps/v1"], after["paths"]["apis/apps/v1"]);
        let url = after["paths"]["apis/example.com/v1"]["serverRelativeURL"].as_str().expect("url");
        assert!(url.starts_with("/openapi/v3/apis/example.com/v1?hash="));
        let mut changed = crd.clone();
        changed[0].schema = Some(json!({"type": "object"}));
        assert_ne!(
            document_hash(&types, &crd, "example.com", "v1"),
            document_hash(&types, &changed, "example.com", "v1")
        );
    }

    #[test]
    fn crd_document_publishes_the_schema() {
        let crd = crd_versions(&widget_crd());
        let mut types = builtin().to_vec();
        types.extend(super::super::crd::resource_types(&widget_crd()));
        let doc = document(&types, &crd, "apis/example.com/v1").expect("doc");
        let s = &doc["components"]["schemas"];
        let w = &s["com.example.v1.Widget"];
        assert_eq!(w["properties"]["spec"]["properties"]["size"]["type"], "integer");
        assert_eq!(w["x-kubernetes-group-version-kind"][0]["group"], "example.com");
        assert_eq!(s["com.example.v1.WidgetList"]["x-kubernetes-group-version-kind"][0]["kind"], "WidgetList");
        assert!(s[schemas::OBJECT_META].is_object());
    }

    #[test]
    fn stale_hash_redirects_and_etag_gives_304() {
        let cache = Cache::default();
        let h = HeaderMap::new();
        let r = cache.respond(builtin(), &[], "api/v1", Some("OLD"), &h).expect("served");
        assert_eq!(r.status(), StatusCode::MOVED_PERMANENTLY);
        let loc = r.headers()[header::LOCATION].to_str().expect("ascii").to_string();
        let hash = loc.split("hash=").nth(1).expect("hash").to_string();
        let r = cache.respond(builtin(), &[], "api/v1", Some(&hash), &h).expect("served");
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()[header::CACHE_CONTROL], "public, immutable");
        let mut h = HeaderMap::new();
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&format!("\"{hash}\"")).expect("ascii"));
        let r = cache.respond(builtin(), &[], "api/v1", None, &h).expect("served");
        assert_eq!(r.status(), StatusCode::NOT_MODIFIED);
        assert!(cache.respond(builtin(), &[], "apis/nope/v1", None, &h).is_none());
    }
}
