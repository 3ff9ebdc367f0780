//! `rollout restart`, `rollout history` and `rollout undo` as kubectl performs them:
//! restart stamps `kubectl.kubernetes.io/restartedAt` on the pod template; history reads a
//! Deployment's ReplicaSets (or a StatefulSet's/DaemonSet's ControllerRevisions) by their
//! `deployment.kubernetes.io/revision`; undo copies the chosen revision's pod template back
//! onto the workload.

use serde_json::{Value, json};

use super::rest::{self, RestError};
use crate::k8s::catalog::ResourceType;

const REVISION: &str = "deployment.kubernetes.io/revision";
const CHANGE_CAUSE: &str = "kubernetes.io/change-cause";

/// One revision of a workload.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub number: i64,
    /// `kubernetes.io/change-cause`, if recorded.
    pub change_cause: Option<String>,
    /// `container=image` for each container of the revision's template.
    pub images: Vec<String>,
    /// The pod template of this revision.
    pub template: Value,
    /// The ReplicaSet or ControllerRevision holding it.
    pub source: String,
}

#[derive(Debug, thiserror::Error)]
pub enum RolloutError {
    #[error(transparent)]
    Rest(#[from] RestError),
    #[error("{0}")]
    Unsupported(String),
    #[error("unable to find specified revision {0} in history")]
    NoRevision(i64),
    #[error("no rollout history found for {0}")]
    NoHistory(String),
}

fn supported(rt: &ResourceType) -> Result<(), RolloutError> {
    match (rt.group.as_str(), rt.kind.as_str()) {
        ("apps", "Deployment" | "StatefulSet" | "DaemonSet") => Ok(()),
        _ => Err(RolloutError::Unsupported(format!("no rollout support for {}", rt.group_resource()))),
    }
}

fn patch_request(path: String, body: &Value, content_type: &str) -> http::Request<Vec<u8>> {
    http::Request::patch(path)
        .header("Content-Type", content_type)
        .header("Accept", "application/json")
        .body(serde_json::to_vec(body).expect("JSON values serialize"))
        .expect("valid request")
}

/// `kubectl rollout restart`: a new template annotation makes the controller roll pods.
pub async fn restart(
    client: &kube::Client,
    rt: &ResourceType,
    namespace: Option<&str>,
    name: &str,
    now: jiff::Timestamp,
) -> Result<Value, RolloutError> {
    supported(rt)?;
    let stamp = now.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    let body =
        json!({"spec": {"template": {"metadata": {"annotations": {"kubectl.kubernetes.io/restartedAt": stamp}}}}});
    let req = patch_request(rest::path(rt, namespace, Some(name)), &body, "application/strategic-merge-patch+json");
    Ok(rest::call_json(client, req).await?)
}

fn images(template: &Value) -> Vec<String> {
    let spec = template.get("spec");
    ["initContainers", "containers"]
        .iter()
        .flat_map(|k| spec.and_then(|s| s.get(*k)).and_then(Value::as_array).into_iter().flatten())
        .map(|c| {
            format!(
                "{}={}",
                c.get("name").and_then(Value::as_str).unwrap_or(""),
                c.get("image").and_then(Value::as_str).unwrap_or("")
            )
        })
        .collect()
}

fn owned_by(obj: &Value, uid: &str) -> bool {
    obj.pointer("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .is_some_and(|refs| refs.iter().any(|r| r.get("uid").and_then(Value::as_str) == Some(uid)))
}

/// The workload's revisions, newest first.
pub async fn history(
    client: &kube::Client,
    rt: &ResourceType,
    namespace: Option<&str>,
    name: &str,
) -> Result<Vec<Revision>, RolloutError> {
    supported(rt)?;
    let get = |path: String| http::Request::get(path).body(Vec::new()).expect("valid request");
    let workload = rest::call_json(client, get(rest::path(rt, namespace, Some(name)))).await?;
    let uid = workload.pointer("/metadata/uid").and_then(Value::as_str).unwrap_or_default().to_string();
    let ns = namespace.unwrap_or("default");
    let mut out = Vec::new();
    if rt.kind == "Deployment" {
        let list = rest::call_json(client, get(format!("/apis/apps/v1/namespaces/{ns}/replicasets"))).await?;
        for rs in list.get("items").and_then(Value::as_array).into_iter().flatten().filter(|rs| owned_by(rs, &uid)) {
            let Some(number) = rs
                .pointer("/metadata/annotations")
                .and_then(|a| a.get(REVISION))
                .and_then(Value::as_str)
                .and_then(|r| r.parse().ok())
            else {
                continue;
            };
            let template = rs.pointer("/spec/template").cloned().unwrap_or(Value::Null);
            out.push(Revision {
                number,
                change_cause: rs
                    .pointer("/metadata/annotations")
                    .and_then(|a| a.get(CHANGE_CAUSE))
                    .and_then(Value::as_str)
                    .map(str::to_string),
                images: images(&template),
                template,
                source: crate::k8s::meta::name(rs).to_string(),
            });
        }
    } else {
        let list = rest::call_json(client, get(format!("/apis/apps/v1/namespaces/{ns}/controllerrevisions"))).await?;
        for cr in list.get("items").and_then(Value::as_array).into_iter().flatten().filter(|c| owned_by(c, &uid)) {
            let number = cr.get("revision").and_then(Value::as_i64).unwrap_or(0);
            // A ControllerRevision stores a patch whose spec.template is the pod template.
            let template = cr.pointer("/data/spec/template").cloned().unwrap_or(Value::Null);
            out.push(Revision {
                number,
                change_cause: cr
                    .pointer("/metadata/annotations")
                    .and_then(|a| a.get(CHANGE_CAUSE))
                    .and_then(Value::as_str)
                    .map(str::to_string),
                images: images(&template),
                template,
                source: crate::k8s::meta::name(cr).to_string(),
            });
        }
    }
    if out.is_empty() {
        return Err(RolloutError::NoHistory(format!("{}/{name}", rt.kind.to_lowercase())));
    }
    out.sort_by_key(|r| std::cmp::Reverse(r.number));
    Ok(out)
}

/// `kubectl rollout undo --to-revision=N` (0: the previous revision).
pub async fn undo(
    client: &kube::Client,
    rt: &ResourceType,
    namespace: Option<&str>,
    name: &str,
    revision: i64,
) -> Result<Value, RolloutError> {
    let revs = history(client, rt, namespace, name).await?;
    let chosen = if revision == 0 {
        revs.get(1).ok_or(RolloutError::NoRevision(0))?
    } else {
        revs.iter().find(|r| r.number == revision).ok_or(RolloutError::NoRevision(revision))?
    };
    let mut template = chosen.template.clone();
    // The ReplicaSet's own hash label is not part of the deployment's template.
    if let Some(labels) = template.pointer_mut("/metadata/labels").and_then(Value::as_object_mut) {
        labels.remove("pod-template-hash");
    }
    let body = json!([{"op": "replace", "path": "/spec/template", "value": template}]);
    let req = patch_request(rest::path(rt, namespace, Some(name)), &body, "application/json-patch+json");
    Ok(rest::call_json(client, req).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_lists_init_and_app_containers() {
        let t = json!({"spec": {"initContainers": [{"name": "init", "image": "busybox"}], "containers": [{"name": "web", "image": "nginx:1.27"}]}});
        assert_eq!(images(&t), vec!["init=busybox", "web=nginx:1.27"]);
    }

    #[test]
    fn supported_refuses_pods() {
        let pods = crate::k8s::catalog::lookup("", "v1", "pods").expect("pods");
        assert!(supported(pods).is_err());
        let deploy = crate::k8s::catalog::lookup("apps", "v1", "deployments").expect("deployments");
        assert!(supported(deploy).is_ok());
    }
}
