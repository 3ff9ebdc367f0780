//! The demo application `kx --embedded` seeds, so a first look has something to look at:
//! a small shop in `default` — web and api Deployments with Services, a worker that crash
//! loops, a Postgres-like StatefulSet with a headless Service, a migration Job, an Ingress
//! a ConfigMap and a bare toolbox Pod. Containers run short shell loops, so with the process runtime their logs
//! are real (the api logs JSON lines) and shells work. Created through the API like any
//! client's objects.

use serde_json::{Value, json};

use crate::client::rest::{self, RestError};

fn container(name: &str, image: &str, script: &str) -> Value {
    json!({
        "name": name,
        "image": image,
        "command": ["sh", "-c", script],
        "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}, "limits": {"memory": "128Mi"}},
    })
}

fn deployment(name: &str, replicas: i64, containers: Vec<Value>, annotations: Value) -> Value {
    json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "labels": {"app": name, "part-of": "shop"},
                     "annotations": {"kubernetes.io/change-cause": format!("kx demo: initial {name} rollout")}},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name, "part-of": "shop"}, "annotations": annotations},
                "spec": {"containers": containers},
            },
        },
    })
}

fn service(name: &str, port: i64, target: i64, headless: bool) -> Value {
    let mut spec = json!({"selector": {"app": name}, "ports": [{"name": "http", "port": port, "targetPort": target}]});
    if headless {
        spec["clusterIP"] = json!("None");
    }
    json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "labels": {"app": name, "part-of": "shop"}}, "spec": spec})
}

/// The demo objects, in creation order.
pub fn objects() -> Vec<Value> {
    let web_loop = "echo \"nginx: ready on :8080\"; i=0; while true; do i=$((i+1)); echo \"10.244.0.$((i % 200)) - - \\\"GET /products/$((i % 40)) HTTP/1.1\\\" 200 $((500 + i % 300))\"; sleep 3; done";
    let api_loop = "i=0; while true; do i=$((i+1)); echo \"{\\\"level\\\":\\\"info\\\",\\\"msg\\\":\\\"order served\\\",\\\"order\\\":$i,\\\"ms\\\":$((i % 37 + 3))}\"; if [ $((i % 7)) -eq 0 ]; then echo \"{\\\"level\\\":\\\"error\\\",\\\"msg\\\":\\\"payment gateway timeout\\\",\\\"order\\\":$i}\"; fi; sleep 2; done";
    let worker =
        "echo \"worker: connecting to queue\"; sleep 3; echo \"worker: error: queue not reachable\" >&2; exit 1";
    let db_loop = "echo \"postgres: database system is ready to accept connections\"; while true; do sleep 30; echo \"postgres: checkpoint complete\"; done";
    vec![
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "web-config", "labels": {"part-of": "shop"}},
               "data": {"LISTEN": ":8080", "UPSTREAM": "http://api:8080"}}),
        deployment("web", 3, vec![container("nginx", "nginx:1.27", web_loop)], json!({})),
        service("web", 80, 8080, false),
        deployment(
            "api",
            2,
            vec![
                container("api", "ghcr.io/kx-demo/api:1.4.2", api_loop),
                container("metrics", "prom/statsd-exporter:v0.26", "while true; do sleep 60; done"),
            ],
            json!({}),
        ),
        service("api", 8080, 8080, false),
        deployment("worker", 1, vec![container("worker", "ghcr.io/kx-demo/worker:0.9", worker)], json!({})),
        json!({
            "apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": {"name": "db", "labels": {"app": "db", "part-of": "shop"}},
            "spec": {
                "serviceName": "db", "replicas": 1,
                "selector": {"matchLabels": {"app": "db"}},
                "template": {"metadata": {"labels": {"app": "db", "part-of": "shop"}},
                             "spec": {"containers": [container("postgres", "postgres:16", db_loop)]}},
            },
        }),
        service("db", 5432, 5432, true),
        json!({
            "apiVersion": "batch/v1", "kind": "Job",
            "metadata": {"name": "migrate", "labels": {"app": "migrate", "part-of": "shop"}},
            "spec": {"backoffLimit": 2, "template": {"metadata": {"labels": {"app": "migrate"}}, "spec": {
                "restartPolicy": "Never",
                "containers": [container("migrate", "ghcr.io/kx-demo/api:1.4.2", "echo applying migration 0001_orders; sleep 1; echo applying migration 0002_payments; echo done")],
            }}},
        }),
        // A bare pod (no controller), so there is always something to exec into and read.
        json!({
            "apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": "toolbox", "labels": {"app": "toolbox", "part-of": "shop"}},
            "spec": {"containers": [container("shell", "busybox:1.36", "echo toolbox ready; i=0; while true; do i=$((i+1)); echo \"tick $i\"; sleep 2; done")]},
        }),
        json!({
            "apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
            "metadata": {"name": "shop", "labels": {"part-of": "shop"}},
            "spec": {"rules": [{"host": "shop.local", "http": {"paths": [
                {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"number": 80}}}},
                {"path": "/api", "pathType": "Prefix", "backend": {"service": {"name": "api", "port": {"number": 8080}}}},
            ]}}]},
        }),
    ]
}

fn collection_path(obj: &Value, namespace: &str) -> Option<String> {
    let api_version = obj.get("apiVersion")?.as_str()?;
    let kind = obj.get("kind")?.as_str()?;
    let (group, version) = crate::k8s::catalog::split_api_version(api_version);
    let rt = crate::k8s::catalog::lookup_kind(group, version, kind)?;
    Some(rest::path(rt, Some(namespace), None))
}

/// Create the demo objects in `namespace` (existing ones are left alone).
pub async fn seed(client: &kube::Client, namespace: &str) -> Result<usize, RestError> {
    let mut created = 0;
    for obj in objects() {
        let Some(path) = collection_path(&obj, namespace) else { continue };
        let req = http::Request::post(path)
            .header("Content-Type", "application/json")
            .body(serde_json::to_vec(&obj).expect("JSON serializes"))
            .expect("valid request");
        match rest::call(client, req).await {
            Ok(_) => created += 1,
            Err(e) if e.is_already_exists() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_objects_have_known_collections() {
        for o in objects() {
            assert!(collection_path(&o, "default").is_some(), "{o}");
        }
        let kinds: Vec<String> = objects().iter().map(|o| o["kind"].as_str().unwrap_or("").to_string()).collect();
        for k in ["Deployment", "Service", "StatefulSet", "Job", "Ingress"] {
            assert!(kinds.iter().any(|x| x == k), "{k}");
        }
    }
}
