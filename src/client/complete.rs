//! What shell completion offers from the cluster and the kubeconfig: resource types from the
//! cached discovery, object names in a namespace, namespaces, a pod's containers, and the
//! kubeconfig's contexts, clusters and users. Each function makes at most one request (a
//! cold discovery cache costs its own two); callers bound them with a short timeout and
//! swallow errors, since nothing may reach the user's prompt but candidates.

use serde_json::Value;

use super::contexts::KubeconfigFiles;
use super::rest;
use super::{ClientError, Session};
use crate::k8s::catalog::ResourceType;

/// Names only: the server sends metadata, not whole objects, so listing a big namespace
/// stays cheap (JSON is the fallback for servers without the metadata form).
const METADATA_ACCEPT: &str = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

/// Which resource types a command can act on, by the verb it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeFilter {
    /// Any type that can be read (`get`, `describe`, `label`, …).
    Verb(&'static str),
    /// Types with a `scale` subresource.
    Scalable,
    /// What `rollout` manages.
    Rollout,
}

impl TypeFilter {
    fn accepts(self, rt: &ResourceType) -> bool {
        match self {
            TypeFilter::Verb(v) => rt.has_verb(v),
            TypeFilter::Scalable => rt.subresource("scale").is_some(),
            TypeFilter::Rollout => {
                rt.group == "apps" && matches!(rt.plural.as_str(), "deployments" | "daemonsets" | "statefulsets")
            }
        }
    }
}

/// Resource type names as users type them: the plural, qualified with its group only when
/// two groups share the plural (`events` and `events.events.k8s.io`). One entry per
/// group/resource, in discovery order (core first).
pub fn type_names(types: &[ResourceType], filter: TypeFilter) -> Vec<String> {
    let mut seen: Vec<(&str, &str)> = Vec::new();
    let mut kept: Vec<&ResourceType> = Vec::new();
    for rt in types.iter().filter(|rt| filter.accepts(rt)) {
        if !seen.contains(&(rt.group.as_str(), rt.plural.as_str())) {
            seen.push((&rt.group, &rt.plural));
            kept.push(rt);
        }
    }
    kept.iter()
        .map(|rt| {
            let first = kept.iter().find(|o| o.plural == rt.plural).expect("rt itself is in the list");
            if std::ptr::eq(*first, *rt) { rt.plural.clone() } else { rt.group_resource() }
        })
        .collect()
}

/// The resource types `session`'s server offers that pass `filter`, from the discovery
/// cache when it is fresh.
pub async fn resource_types(session: &Session, filter: TypeFilter) -> Result<Vec<String>, ClientError> {
    Ok(type_names(&session.discovery().await?.types, filter))
}

/// Names of the objects of type `name` (as typed: `po`, `deploy.apps`) in `namespace`, or
/// in every namespace when `namespace` is `None`. Sorted, without duplicates.
pub async fn object_names(session: &Session, name: &str, namespace: Option<&str>) -> Result<Vec<String>, ClientError> {
    let rt = session.resolve_one(name).await?;
    let ns = if rt.namespaced { namespace } else { None };
    let req = http::Request::get(rest::path(&rt, ns, None))
        .header("Accept", METADATA_ACCEPT)
        .body(Vec::new())
        .expect("a path from the catalog is a valid URI");
    let list = rest::call_json(session.client(), req).await?;
    let mut names: Vec<String> = list
        .get("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|o| crate::k8s::meta::name(o).to_string())
        .filter(|n| !n.is_empty())
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}

/// The containers of pod `pod`, init containers first, as kubectl offers them for `-c`.
pub async fn containers(session: &Session, pod: &str, namespace: &str) -> Result<Vec<String>, ClientError> {
    let req = http::Request::get(format!("/api/v1/namespaces/{namespace}/pods/{pod}"))
        .header("Accept", "application/json")
        .body(Vec::new())
        .map_err(|e| ClientError::Other(e.to_string()))?;
    let obj = rest::call_json(session.client(), req).await?;
    Ok(pod_containers(&obj))
}

fn pod_containers(pod: &Value) -> Vec<String> {
    let spec = pod.get("spec");
    ["initContainers", "containers"]
        .iter()
        .flat_map(|k| spec.and_then(|s| s.get(k)).and_then(Value::as_array).into_iter().flatten())
        .filter_map(|c| c.get("name").and_then(Value::as_str).map(str::to_string))
        .collect()
}

/// Which kubeconfig entries to offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KubeconfigList {
    Contexts,
    Clusters,
    Users,
}

/// Entry names from the merged kubeconfig (`--kubeconfig`, else `$KUBECONFIG`, else
/// `~/.kube/config`), sorted. No request is made.
pub fn kubeconfig_names(explicit: Option<&std::path::Path>, list: KubeconfigList) -> Result<Vec<String>, ClientError> {
    let cfg = KubeconfigFiles::load(explicit)?.merged()?;
    let names = match list {
        KubeconfigList::Contexts => cfg.contexts.iter().flatten().map(|c| c.name.clone()).collect(),
        KubeconfigList::Clusters => cfg.clusters.iter().flatten().map(|c| c.name.clone()).collect(),
        KubeconfigList::Users => cfg.users.iter().flatten().map(|c| c.name.clone()).collect(),
    };
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::k8s::catalog;

    #[test]
    fn type_names_builtin_get_offers_plurals_and_qualifies_shared_ones() {
        let names = type_names(catalog::builtin(), TypeFilter::Verb("get"));
        assert!(names.contains(&"pods".to_string()));
        assert!(names.contains(&"deployments".to_string()));
        assert!(names.contains(&"events".to_string()));
        // events.k8s.io shares the plural with core events.
        assert!(names.contains(&"events.events.k8s.io".to_string()), "{names:?}");
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "no duplicates: {names:?}");
    }

    #[test]
    fn type_names_scalable_and_rollout_are_narrow() {
        let scalable = type_names(catalog::builtin(), TypeFilter::Scalable);
        assert!(scalable.contains(&"deployments".to_string()));
        assert!(!scalable.contains(&"pods".to_string()));
        let rollout = type_names(catalog::builtin(), TypeFilter::Rollout);
        assert_eq!(rollout.len(), 3, "{rollout:?}");
    }

    #[test]
    fn pod_containers_lists_init_containers_first() {
        let pod = serde_json::json!({"spec": {"initContainers": [{"name": "init"}], "containers": [{"name": "app"}, {"name": "sidecar"}]}});
        assert_eq!(pod_containers(&pod), ["init", "app", "sidecar"]);
    }
}
