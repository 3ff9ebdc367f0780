//! The owner tree (xray): a workload and everything it owns, down to containers —
//! Deployment → ReplicaSets → Pods → containers — with a health for each node. Built by a
//! pure function from the objects of the namespace, following `ownerReferences`.

use serde_json::Value;

use super::msg::ObjRef;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    Ok,
    Progressing,
    Failed,
    Done,
}

#[derive(Debug, Clone, PartialEq)]
pub struct XrayNode {
    pub depth: usize,
    pub kind: String,
    pub name: String,
    pub namespace: Option<String>,
    pub status: String,
    pub health: Health,
    /// Whether more siblings follow at this depth (for the tree lines).
    pub last: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct XrayPage {
    pub title: String,
    pub root: ObjRef,
    pub nodes: Vec<XrayNode>,
    pub cursor: usize,
    pub offset: usize,
    pub page_rows: usize,
}

fn s<'a>(v: &'a Value, ptr: &str) -> &'a str {
    v.pointer(ptr).and_then(Value::as_str).unwrap_or("")
}

fn i(v: &Value, ptr: &str) -> i64 {
    v.pointer(ptr).and_then(Value::as_i64).unwrap_or(0)
}

/// Health and a short status of an object.
pub fn health(obj: &Value) -> (Health, String) {
    let kind = s(obj, "/kind");
    match kind {
        "Pod" => {
            let phase = s(obj, "/status/phase");
            let waiting = obj
                .pointer("/status/containerStatuses")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .find_map(|c| c.pointer("/state/waiting/reason").and_then(Value::as_str));
            if obj.pointer("/metadata/deletionTimestamp").is_some() {
                return (Health::Progressing, "Terminating".into());
            }
            match (phase, waiting) {
                (_, Some(r)) if r.contains("BackOff") || r.contains("Err") || r.contains("Invalid") => {
                    (Health::Failed, r.into())
                }
                (_, Some(r)) => (Health::Progressing, r.into()),
                ("Running", _) => (Health::Ok, "Running".into()),
                ("Succeeded", _) => (Health::Done, "Completed".into()),
                ("Failed", _) => (Health::Failed, "Failed".into()),
                (p, _) => (Health::Progressing, if p.is_empty() { "Pending".into() } else { p.into() }),
            }
        }
        "Deployment" | "ReplicaSet" | "StatefulSet" => {
            let want = obj.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(1);
            let ready = i(obj, "/status/readyReplicas");
            let h = if ready >= want { Health::Ok } else { Health::Progressing };
            (h, format!("{ready}/{want} ready"))
        }
        "DaemonSet" => {
            let want = i(obj, "/status/desiredNumberScheduled");
            let ready = i(obj, "/status/numberReady");
            (if ready >= want { Health::Ok } else { Health::Progressing }, format!("{ready}/{want} ready"))
        }
        "Job" => {
            let failed = i(obj, "/status/failed");
            let ok = i(obj, "/status/succeeded");
            let done = obj
                .pointer("/status/conditions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .any(|c| s(c, "/type") == "Complete" && s(c, "/status") == "True");
            if done {
                (Health::Done, format!("{ok} succeeded"))
            } else if failed > 0 {
                (Health::Failed, format!("{failed} failed"))
            } else {
                (Health::Progressing, "running".into())
            }
        }
        _ => (Health::Ok, String::new()),
    }
}

fn owned_by(obj: &Value, uid: &str) -> bool {
    obj.pointer("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .is_some_and(|r| r.iter().any(|o| s(o, "/uid") == uid))
}

fn selects(selector: &Value, pod: &Value) -> bool {
    let Some(m) = selector.as_object().filter(|m| !m.is_empty()) else { return false };
    let labels = pod.pointer("/metadata/labels");
    m.iter().all(|(k, v)| labels.and_then(|l| l.get(k)) == Some(v))
}

/// The tree under `root`: children by owner reference (Services select pods by labels),
/// pods expanded into their containers.
pub fn build(root: &Value, objects: &[Value]) -> Vec<XrayNode> {
    let mut out = Vec::new();
    walk(root, objects, 0, true, &mut out);
    out
}

fn walk(obj: &Value, objects: &[Value], depth: usize, last: bool, out: &mut Vec<XrayNode>) {
    let (health, status) = health(obj);
    out.push(XrayNode {
        depth,
        kind: s(obj, "/kind").to_string(),
        name: s(obj, "/metadata/name").to_string(),
        namespace: obj.pointer("/metadata/namespace").and_then(Value::as_str).map(str::to_string),
        status,
        health,
        last,
    });
    if depth > 6 {
        return;
    }
    if s(obj, "/kind") == "Pod" {
        let statuses = obj.pointer("/status/containerStatuses").and_then(Value::as_array);
        let containers: Vec<&Value> =
            obj.pointer("/spec/containers").and_then(Value::as_array).into_iter().flatten().collect();
        for (n, c) in containers.iter().enumerate() {
            let name = s(c, "/name");
            let st = statuses.and_then(|a| a.iter().find(|x| s(x, "/name") == name));
            let ready = st.and_then(|x| x.get("ready")).and_then(Value::as_bool).unwrap_or(false);
            let restarts = st.map(|x| i(x, "/restartCount")).unwrap_or(0);
            let waiting = st.and_then(|x| x.pointer("/state/waiting/reason")).and_then(Value::as_str);
            let (health, status) = match waiting {
                Some(r) if r.contains("BackOff") || r.contains("Err") => (Health::Failed, r.to_string()),
                Some(r) => (Health::Progressing, r.to_string()),
                None if ready => (Health::Ok, format!("ready, {restarts} restarts")),
                None => (Health::Progressing, format!("not ready, {restarts} restarts")),
            };
            out.push(XrayNode {
                depth: depth + 1,
                kind: "Container".into(),
                name: format!("{name} ({})", s(c, "/image")),
                namespace: None,
                status,
                health,
                last: n + 1 == containers.len(),
            });
        }
        return;
    }
    let uid = s(obj, "/metadata/uid");
    let mut children: Vec<&Value> = if s(obj, "/kind") == "Service" {
        let sel = obj.pointer("/spec/selector").cloned().unwrap_or(Value::Null);
        objects.iter().filter(|o| s(o, "/kind") == "Pod" && selects(&sel, o)).collect()
    } else {
        objects.iter().filter(|o| !uid.is_empty() && owned_by(o, uid)).collect()
    };
    children.sort_by(|a, b| (s(a, "/kind"), s(a, "/metadata/name")).cmp(&(s(b, "/kind"), s(b, "/metadata/name"))));
    let n = children.len();
    for (k, c) in children.into_iter().enumerate() {
        walk(c, objects, depth + 1, k + 1 == n, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn build_walks_deployment_replicasets_pods_and_containers() {
        let d = json!({"kind": "Deployment", "metadata": {"name": "web", "uid": "d1"}, "spec": {"replicas": 1}, "status": {"readyReplicas": 1}});
        let rs = json!({"kind": "ReplicaSet", "metadata": {"name": "web-1", "uid": "r1", "ownerReferences": [{"uid": "d1"}]}, "spec": {"replicas": 1}, "status": {"readyReplicas": 1}});
        let pod = json!({"kind": "Pod", "metadata": {"name": "web-1-a", "uid": "p1", "ownerReferences": [{"uid": "r1"}]},
            "spec": {"containers": [{"name": "nginx", "image": "nginx"}]},
            "status": {"phase": "Running", "containerStatuses": [{"name": "nginx", "ready": true, "restartCount": 2}]}});
        let other = json!({"kind": "Pod", "metadata": {"name": "db", "uid": "p2"}});
        let nodes = build(&d, &[rs, pod, other]);
        let kinds: Vec<&str> = nodes.iter().map(|n| n.kind.as_str()).collect();
        assert_eq!(kinds, vec!["Deployment", "ReplicaSet", "Pod", "Container"]);
        assert_eq!(nodes[3].status, "ready, 2 restarts");
        assert_eq!(nodes[2].health, Health::Ok);
    }

    #[test]
    fn health_flags_crash_loops() {
        let p = json!({"kind": "Pod", "status": {"phase": "Running", "containerStatuses": [{"state": {"waiting": {"reason": "CrashLoopBackOff"}}}]}});
        assert_eq!(health(&p), (Health::Failed, "CrashLoopBackOff".to_string()));
    }
}
