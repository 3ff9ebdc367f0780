//! The system controllers (namespace lifecycle, garbage collector, service accounts,
//! endpoints, load balancers, volumes, node lifecycle) against a real embedded apiserver,
//! checked with the real kubectl where a user would use it. There is no kubelet here: tests
//! create Nodes and set pod status themselves.

use std::time::Duration;

use k8s_openapi::api::core::v1::{ConfigMap, Pod};
use kube::Api;
use kube::api::{Patch, PatchParams, PostParams};
use kx::cluster::controllers::system::{SystemConfig, SystemControllers, spawn_system};
use kx::cluster::embedded::ClusterConfig;
use serde_json::{Value, json};

use crate::support::{TestCluster, eventually, have_kubectl};

/// Generous: the point is to wait for a state, not to time it.
const DEADLINE: Duration = Duration::from_secs(60);

struct Env {
    tc: TestCluster,
    controllers: Option<SystemControllers>,
}

impl Env {
    async fn start() -> Env {
        Self::start_with(|_| {}).await
    }

    async fn start_with(tweak: impl FnOnce(&mut SystemConfig)) -> Env {
        // The system controllers under test run with this test's settings, not the cluster's.
        let tc = TestCluster::start_with(ClusterConfig { system: None, ..ClusterConfig::default() }).await;
        let mut config = SystemConfig {
            root_ca_pem: tc.cluster.credentials.ca_pem.clone(),
            volume_dir: tc.dir.path().join("volumes"),
            endpoint_updates_batch_period: Duration::from_millis(20),
            ..SystemConfig::default()
        };
        tweak(&mut config);
        let controllers = Some(spawn_system(tc.client(), config));
        Env { tc, controllers }
    }

    async fn kubectl(&self, args: &[&str]) -> crate::support::Out {
        self.tc.kubectl(args).await
    }

    async fn apply(&self, manifest: Value) {
        self.tc.kubectl_stdin(&["apply", "-f", "-"], &manifest.to_string()).await.ok();
    }

    /// `kubectl get … -o json`, or `None` if it fails (not found).
    async fn get_json(&self, args: &[&str]) -> Option<Value> {
        self.tc.get_json(args).await
    }

    async fn gone(&self, args: &[&str]) -> bool {
        let mut all = vec!["get"];
        all.extend_from_slice(args);
        let out = self.kubectl(&all).await;
        out.code != 0 && out.stderr.contains("NotFound")
    }

    async fn stop(mut self) {
        if let Some(c) = self.controllers.take() {
            c.shutdown().await;
        }
        self.tc.cluster.stop().await;
    }
}

fn uid(obj: &Value) -> String {
    obj["metadata"]["uid"].as_str().expect("uid").to_owned()
}

/// A ReplicaSet and `n` pods it owns (no workload controller runs here, so the test plays
/// its part), returning the ReplicaSet's uid.
async fn replica_set_with_pods(env: &Env, ns: &str, name: &str, n: usize, pod_finalizer: Option<&str>) -> String {
    env.apply(json!({
        "apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": name, "namespace": ns},
        "spec": {"replicas": n, "selector": {"matchLabels": {"app": name}},
                 "template": {"metadata": {"labels": {"app": name}},
                              "spec": {"containers": [{"name": "app", "image": "nginx"}]}}},
    }))
    .await;
    let rs = env.get_json(&["rs", name, "-n", ns]).await.expect("replicaset exists");
    let owner = uid(&rs);
    for i in 0..n {
        let mut meta = json!({
            "name": format!("{name}-{i}"), "namespace": ns, "labels": {"app": name},
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": name, "uid": owner,
                                 "controller": true, "blockOwnerDeletion": true}],
        });
        if let Some(f) = pod_finalizer {
            meta["finalizers"] = json!([f]);
        }
        env.apply(json!({"apiVersion": "v1", "kind": "Pod", "metadata": meta,
                         "spec": {"containers": [{"name": "app", "image": "nginx"}]}}))
            .await;
    }
    owner
}

async fn pod_names(env: &Env, ns: &str, selector: &str) -> Vec<String> {
    let list = env.get_json(&["pods", "-n", ns, "-l", selector]).await.expect("pods list");
    list["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| p["metadata"]["name"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn namespace_delete_removes_everything_in_it() {
    if !have_kubectl() {
        return;
    }
    let env = Env::start().await;
    env.kubectl(&["create", "namespace", "doomed"]).await.ok();
    env.apply(json!({
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": {"name": "widgets.example.com"},
        "spec": {"group": "example.com", "scope": "Namespaced",
                 "names": {"plural": "widgets", "singular": "widget", "kind": "Widget"},
                 "versions": [{"name": "v1", "served": true, "storage": true,
                               "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}]},
    }))
    .await;
    env.kubectl(&["create", "configmap", "settings", "-n", "doomed", "--from-literal=a=b"]).await.ok();
    eventually(DEADLINE, "the Widget type to be served", || async {
        (env.kubectl(&["get", "widgets", "-n", "doomed"]).await.code == 0).then_some(())
    })
    .await;
    env.apply(json!({"apiVersion": "example.com/v1", "kind": "Widget",
                     "metadata": {"name": "w", "namespace": "doomed"}, "spec": {"size": 3}}))
        .await;
    replica_set_with_pods(&env, "doomed", "web", 2, None).await;

    env.kubectl(&["delete", "namespace", "doomed", "--timeout=60s"]).await.ok();
    assert!(env.gone(&["namespace", "doomed"]).await);
    // The objects went with it: recreating the namespace finds it empty.
    env.kubectl(&["create", "namespace", "doomed"]).await.ok();
    for kind in ["configmap/settings", "widget/w", "rs/web", "pod/web-0"] {
        assert!(env.gone(&[kind, "-n", "doomed"]).await, "{kind} survived its namespace");
    }
    env.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn namespace_delete_with_finalizer_left_reports_conditions_then_finishes() {
    if !have_kubectl() {
        return;
    }
    let env = Env::start().await;
    env.kubectl(&["create", "namespace", "held"]).await.ok();
    env.apply(json!({"apiVersion": "v1", "kind": "ConfigMap",
                     "metadata": {"name": "keep", "namespace": "held", "finalizers": ["example.com/hold"]}}))
        .await;
    env.kubectl(&["delete", "namespace", "held", "--wait=false"]).await.ok();
    let ns = eventually(DEADLINE, "the namespace to report what remains", || async {
        let ns = env.get_json(&["namespace", "held"]).await?;
        let conditions = ns["status"]["conditions"].as_array()?;
        let fin = conditions.iter().find(|c| c["type"] == "NamespaceFinalizersRemaining")?;
        (fin["status"] == "True").then_some(ns)
    })
    .await;
    assert_eq!(ns["status"]["phase"], "Terminating");
    let conditions = ns["status"]["conditions"].as_array().expect("conditions");
    let message = |t: &str| {
        conditions.iter().find(|c| c["type"] == t).and_then(|c| c["message"].as_str()).unwrap_or("").to_owned()
    };
    assert_eq!(
        message("NamespaceFinalizersRemaining"),
        "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances"
    );
    assert_eq!(
        message("NamespaceContentRemaining"),
        "Some resources are remaining: configmaps. has 1 resource instances"
    );
    let describe = env.kubectl(&["describe", "namespace", "held"]).await.ok();
    assert!(describe.stdout.contains("SomeFinalizersRemain"), "{}", describe.stdout);

    env.kubectl(&[
        "patch",
        "configmap",
        "keep",
        "-n",
        "held",
        "--type=merge",
        "-p",
        r#"{"metadata":{"finalizers":null}}"#,
    ])
    .await
    .ok();
    eventually(DEADLINE, "the namespace to go", || async { env.gone(&["namespace", "held"]).await.then_some(()) })
        .await;
    env.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn new_namespace_gets_default_service_account_and_root_ca() {
    if !have_kubectl() {
        return;
    }
    let env = Env::start().await;
    env.kubectl(&["create", "ns", "newns"]).await.ok();
    eventually(DEADLINE, "the default service account", || async {
        (env.kubectl(&["get", "sa", "default", "-n", "newns"]).await.code == 0).then_some(())
    })
    .await;
    let cm = eventually(DEADLINE, "kube-root-ca.crt", || async {
        env.get_json(&["configmap", "kube-root-ca.crt", "-n", "newns"]).await
    })
    .await;
    assert_eq!(cm["data"]["ca.crt"].as_str(), Some(env.tc.cluster.credentials.ca_pem.as_str()));
    // The system namespaces have them too, and a deleted account comes back.
    for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
        eventually(DEADLINE, "the default service account everywhere", || async {
            (env.kubectl(&["get", "sa", "default", "-n", ns]).await.code == 0).then_some(())
        })
        .await;
    }
    env.kubectl(&["delete", "sa", "default", "-n", "newns"]).await.ok();
    eventually(DEADLINE, "the default service account to come back", || async {
        (env.kubectl(&["get", "sa", "default", "-n", "newns"]).await.code == 0).then_some(())
    })
    .await;
    env.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn gc_cascade_background_deletes_dependents() {
    if !have_kubectl() {
        return;
    }
    let env = Env::start().await;
    replica_set_with_pods(&env, "default", "bg", 3, None).await;
    assert_eq!(pod_names(&env, "default", "app=bg").await.len(), 3);
    env.kubectl(&["delete", "rs", "bg", "--cascade=background"]).await.ok();
    eventually(DEADLINE, "the dependents to be collected", || async {
        pod_names(&env, "default", "app=bg").await.is_empty().then_some(())
    })
    .await;
    env.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn gc_cascade_foreground_waits_for_blocking_dependents() {
    if !have_kubectl() {
        return;
    }
    let env = Env::start().await;
    replica_set_with_pods(&env, "default", "fg", 2, Some("example.com/hold")).await;
    env.kubectl(&["delete", "rs", "fg", "--cascade=foreground", "--wait=false"]).await.ok();
    // The pods are being deleted but held by their finalizer, so the owner must wait.
    eventually(DEADLINE, "the pods to be deleted", || async {
        let list = env.get_json(&["pods", "-l", "app=fg"]).await?;
        let items = list["items"].as_array()?;
        (items.len() == 2 && items.iter().all(|p| p["metadata"]["deletionTimestamp"].is_string())).then_some(())
    })
    .await;
    let rs = env.get_json(&["rs", "fg"]).await.expect("the owner waits for its dependents");
    assert!(rs["metadata"]["deletionTimestamp"].is_string());
    assert_eq!(rs["metadata"]["finalizers"], json!(["foregroundDeletion"]));
    for p in ["fg-0", "fg-1"] {
        env.kubectl(&["patch", "pod", p, "--type=merge", "-p", r#"{"metadata":{"finalizers":null}}"#]).await.ok();
    }
    eventually(DEADLINE, "the owner to go after its dependents", || async {
        env.gone(&["rs", "fg"]).await.then_some(())
    })
    .await;
    env.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn gc_cascade_orphan_keeps_dependents_without_owner_references() {
    if !have_kubectl() {
        return;
    }
    let env = Env::start().await;
    replica_set_with_pods(&env, "default", "orph", 2, None).await;
    env.kubectl(&["delete", "rs", "orph", "--cascade=orphan"]).await.ok();
    assert!(env.gone(&["rs", "orph"]).await);
    let pods = env.get_json(&["pods", "-l", "app=orph"]).await.expect("pods");
    let items = pods["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    for p in items {
        assert!(p["metadata"]["ownerReferences"].is_null(), "still owned: {p}");
    }
    env.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn gc_dependent_of_never_seen_owner_is_collected() {
    let env = Env::start().await;
    let cms: Api<ConfigMap> = Api::namespaced(env.tc.client(), "default");
    let orphan: ConfigMap = serde_json::from_value(json!({
        "metadata": {"name": "stray", "ownerReferences": [{"apiVersion": "v1", "kind": "ConfigMap",
            "name": "no-such-owner", "uid": "00000000-0000-0000-0000-000000000001"}]},
    }))
    .expect("configmap");
    cms.create(&PostParams::default(), &orphan).await.expect("created");
    eventually(DEADLINE, "the stray dependent to be collected", || async {
        cms.get_opt("stray").await.expect("get").is_none().then_some(())
    })
    .await;
    env.stop().await;
}

/// Sets a pod's IP and readiness as a kubelet would.
async fn set_pod_status(env: &Env, ns: &str, name: &str, ip: &str, ready: bool) {
    let pods: Api<Pod> = Api::namespaced(env.tc.client(), ns);
    let status = json!({"status": {
        "phase": "Running", "podIP": ip, "podIPs": [{"ip": ip}],
        "conditions": [{"type": "Ready", "status": if ready { "True" } else { "False" },
                        "lastTransitionTime": meta_now()}],
    }});
    pods.patch_status(name, &PatchParams::default(), &Patch::Merge(&status)).await.expect("pod status");
}

fn meta_now() -> String {
    kx::k8s::meta::now_rfc3339()
}

async fn web_pod(env: &Env, name: &str, labels: Value) {
    env.apply(json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": "default", "labels": labels},
        "spec": {"containers": [{"name": "app", "image": "nginx", "ports": [{"name": "http", "containerPort": 8080}]}]},
    }))
    .await;
}

/// `(ready, not ready)` addresses as `ip:port` from `kubectl get endpoints NAME -o json`.
async fn endpoint_addresses(env: &Env, name: &str) -> Option<(Vec<String>, Vec<String>)> {
    let ep = env.get_json(&["endpoints", name]).await?;
    let mut ready = Vec::new();
    let mut not_ready = Vec::new();
    for subset in ep["subsets"].as_array().into_iter().flatten() {
        let ports: Vec<i64> =
            subset["ports"].as_array().into_iter().flatten().filter_map(|p| p["port"].as_i64()).collect();
        for (field, out) in [("addresses", &mut ready), ("notReadyAddresses", &mut not_ready)] {
            for a in subset[field].as_array().into_iter().flatten() {
                for p in &ports {
                    out.push(format!("{}:{p}", a["ip"].as_str().unwrap_or("")));
                }
            }
        }
    }
    ready.sort();
    not_ready.sort();
    Some((ready, not_ready))
}

#[tokio::test(flavor = "multi_thread")]
async fn endpoints_list_ready_pod_ips_on_resolved_ports() {
    if !have_kubectl() {
        return;
    }
    let env = Env::start().await;
    env.apply(json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"selector": {"app": "web"}, "ports": [{"name": "http", "port": 80, "targetPort": "http"}]},
    }))
    .await;
    for (i, name) in ["web-a", "web-b", "web-c"].iter().enumerate() {
        web_pod(&env, name, json!({"app": "web"})).await;
        set_pod_status(&env, "default", name, &format!("10.244.0.{}", i + 2), i < 2).await;
    }
    web_pod(&env, "other", json!({"app": "other"})).await;
    set_pod_status(&env, "default", "other", "10.244.0.9", true).await;

    let want_ready = vec!["10.244.0.2:8080".to_string(), "10.244.0.3:8080".to_string()];
    eventually(DEADLINE, "endpoints with the ready pods", || async {
        let (ready, not_ready) = endpoint_addresses(&env, "web").await?;
        (ready == want_ready && not_ready == ["10.244.0.4:8080"]).then_some(())
    })
    .await;
    let out = env.kubectl(&["get", "endpoints", "web"]).await.ok();
    assert!(out.stdout.contains("10.244.0.2:8080,10.244.0.3:8080"), "{}", out.stdout);
    let ep = env.get_json(&["endpoints", "web"]).await.expect("endpoints");
    assert!(ep["metadata"]["annotations"]["endpoints.kubernetes.io/last-change-trigger-time"].is_string());
    let address = &ep["subsets"][0]["addresses"][0];
    assert_eq!(address["targetRef"]["kind"], "Pod");
    assert_eq!(address["targetRef"]["name"], "web-a");

    let slices = env.get_json(&["endpointslices", "-l", "kubernetes.io/service-name=web"]).await.expect("slices");
    let slice = &slices["items"][0];
    assert_eq!(slices["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        slice["metadata"]["labels"]["endpointslice.kubernetes.io/managed-by"],
        "endpointslice-controller.k8s.io"
    );
    assert_eq!(slice["addressType"], "IPv4");
    assert_eq!(slice["ports"], json!([{"name": "http", "port": 8080, "protocol": "TCP"}]));
    assert_eq!(slice["metadata"]["ownerReferences"][0]["kind"], "Service");
    let mut conditions: Vec<(String, bool)> = slice["endpoints"]
        .as_array()
        .expect("endpoints")
        .iter()
        .map(|e| (e["addresses"][0].as_str().unwrap_or("").to_owned(), e["conditions"]["ready"] == true))
        .collect();
    conditions.sort();
    assert_eq!(
        conditions,
        vec![("10.244.0.2".into(), true), ("10.244.0.3".into(), true), ("10.244.0.4".into(), false)]
    );

    // Readiness and deletion move addresses.
    set_pod_status(&env, "default", "web-c", "10.244.0.4", true).await;
    env.kubectl(&["delete", "pod", "web-a"]).await.ok();
    let want = vec!["10.244.0.3:8080".to_string(), "10.244.0.4:8080".to_string()];
    eventually(DEADLINE, "endpoints to follow readiness and deletion", || async {
        let (ready, not_ready) = endpoint_addresses(&env, "web").await?;
        (ready == want && not_ready.is_empty()).then_some(())
    })
    .await;

    // A service's Endpoints and slices go with it.
    env.kubectl(&["delete", "service", "web"]).await.ok();
    eventually(DEADLINE, "the endpoints to go with the service", || async {
        let slices = env.get_json(&["endpointslices", "-l", "kubernetes.io/service-name=web"]).await?;
        (env.gone(&["endpoints", "web"]).await && slices["items"].as_array().is_some_and(Vec::is_empty)).then_some(())
    })
    .await;
    env.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn endpoints_headless_service_and_service_without_selector() {
    if !have_kubectl() {
        return;
    }
    let env = Env::start().await;
    // Endpoints a user maintains for a selector-less service are theirs.
    env.apply(json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "external", "namespace": "default"},
                     "spec": {"ports": [{"port": 5432}]}}))
        .await;
    env.apply(
        json!({"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "external", "namespace": "default"},
                     "subsets": [{"addresses": [{"ip": "192.168.1.50"}], "ports": [{"port": 5432}]}]}),
    )
    .await;
    env.apply(json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "db", "namespace": "default"},
        "spec": {"clusterIP": "None", "selector": {"app": "db"}, "ports": [{"port": 5432}]},
    }))
    .await;
    web_pod(&env, "db-0", json!({"app": "db"})).await;
    set_pod_status(&env, "default", "db-0", "10.244.1.5", true).await;
    eventually(DEADLINE, "headless endpoints", || async {
        let (ready, _) = endpoint_addresses(&env, "db").await?;
        (ready == ["10.244.1.5:5432"]).then_some(())
    })
    .await;
    let ep = env.get_json(&["endpoints", "db"]).await.expect("endpoints");
    assert_eq!(ep["metadata"]["labels"]["service.kubernetes.io/headless"], "");
    let (ready, _) = endpoint_addresses(&env, "external").await.expect("user endpoints");
    assert_eq!(ready, ["192.168.1.50:5432"]);
    env.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn load_balancer_service_gets_external_ip_from_pool() {
    if !have_kubectl() {
        return;
    }
    let env = Env::start().await;
    let lb = |name: &str, annotations: Value| {
        json!({"apiVersion": "v1", "kind": "Service",
               "metadata": {"name": name, "namespace": "default", "annotations": annotations},
               "spec": {"type": "LoadBalancer", "selector": {"app": name}, "ports": [{"port": 80}]}})
    };
    env.apply(lb("front", json!({}))).await;
    let first = eventually(DEADLINE, "an external IP", || ip(&env, "front")).await;
    assert_eq!(first, "172.18.255.200");
    let out = env.kubectl(&["get", "service", "front"]).await.ok();
    assert!(out.stdout.contains("172.18.255.200"), "{}", out.stdout);

    env.apply(lb("pinned", json!({"metallb.universe.tf/loadBalancerIPs": "172.18.255.240"}))).await;
    let pinned = eventually(DEADLINE, "the requested IP", || ip(&env, "pinned")).await;
    assert_eq!(pinned, "172.18.255.240");
    let events = env.kubectl(&["get", "events", "--field-selector", "involvedObject.name=pinned"]).await.ok();
    assert!(events.stdout.contains("IPAllocated"), "{}", events.stdout);

    // No longer a LoadBalancer: the address is released and can go to another service.
    env.kubectl(&["patch", "service", "front", "-p", r#"{"spec":{"type":"ClusterIP"}}"#]).await.ok();
    eventually(DEADLINE, "the status to be cleared", || async {
        let svc = env.get_json(&["service", "front"]).await?;
        svc["status"]["loadBalancer"]["ingress"].is_null().then_some(())
    })
    .await;
    env.apply(lb("next", json!({}))).await;
    let next = eventually(DEADLINE, "an external IP for the next service", || ip(&env, "next")).await;
    assert_eq!(next, "172.18.255.200");
    env.stop().await;
}

async fn ip(env: &Env, name: &str) -> Option<String> {
    let svc = env.get_json(&["service", name]).await?;
    svc["status"]["loadBalancer"]["ingress"][0]["ip"].as_str().map(str::to_owned)
}

/// A Node as a kubelet would register it.
async fn create_node(env: &Env, name: &str) {
    let node = json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
        "status": {
            "capacity": {"cpu": "4", "memory": "8Gi", "pods": "110"},
            "allocatable": {"cpu": "4", "memory": "8Gi", "pods": "110"},
            "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady",
                            "lastHeartbeatTime": meta_now(), "lastTransitionTime": meta_now()}],
        },
    });
    let node: k8s_openapi::api::core::v1::Node = serde_json::from_value(node).expect("node");
    Api::all(env.tc.client()).create(&PostParams::default(), &node).await.expect("node created");
}

#[tokio::test(flavor = "multi_thread")]
async fn volume_claim_binds_statically_and_releases_on_delete() {
    if !have_kubectl() {
        return;
    }
    let env = Env::start().await;
    let sc = eventually(DEADLINE, "the default storage class", || async {
        env.get_json(&["storageclass", "standard"]).await
    })
    .await;
    assert_eq!(sc["metadata"]["annotations"]["storageclass.kubernetes.io/is-default-class"], "true");
    let out = env.kubectl(&["get", "storageclass"]).await.ok();
    assert!(out.stdout.contains("standard (default)"), "{}", out.stdout);

    for (name, size) in [("pv-small", "1Gi"), ("pv-big", "5Gi")] {
        env.apply(json!({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": name},
                         "spec": {"capacity": {"storage": size}, "accessModes": ["ReadWriteOnce"],
                                  "storageClassName": "manual", "persistentVolumeReclaimPolicy": "Retain",
                                  "hostPath": {"path": format!("/tmp/{name}")}}}))
            .await;
    }
    env.apply(json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "data", "namespace": "default"},
                     "spec": {"storageClassName": "manual", "accessModes": ["ReadWriteOnce"],
                              "resources": {"requests": {"storage": "500Mi"}}}}))
        .await;
    let pvc = eventually(DEADLINE, "the claim to be bound", || async {
        let pvc = env.get_json(&["pvc", "data"]).await?;
        (pvc["status"]["phase"] == "Bound").then_some(pvc)
    })
    .await;
    assert_eq!(pvc["spec"]["volumeName"], "pv-small");
    assert_eq!(pvc["status"]["capacity"]["storage"], "1Gi");
    assert_eq!(pvc["metadata"]["annotations"]["pv.kubernetes.io/bind-completed"], "yes");
    let out = env.kubectl(&["get", "pvc", "data"]).await.ok();
    assert!(out.stdout.contains("Bound") && out.stdout.contains("pv-small"), "{}", out.stdout);
    let pv = eventually(DEADLINE, "the volume to be bound", || async {
        let pv = env.get_json(&["pv", "pv-small"]).await?;
        (pv["status"]["phase"] == "Bound").then_some(pv)
    })
    .await;
    assert_eq!(pv["spec"]["claimRef"]["name"], "data");
    assert_eq!(pv["spec"]["claimRef"]["uid"], pvc["metadata"]["uid"]);

    env.kubectl(&["delete", "pvc", "data"]).await.ok();
    eventually(DEADLINE, "the retained volume to be released", || async {
        let pv = env.get_json(&["pv", "pv-small"]).await?;
        (pv["status"]["phase"] == "Released").then_some(())
    })
    .await;
    env.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn volume_claim_without_class_is_provisioned_on_the_pods_node() {
    if !have_kubectl() {
        return;
    }
    let env = Env::start().await;
    create_node(&env, "node-1").await;
    env.apply(json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "cache", "namespace": "default"},
                     "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "2Gi"}}}}))
        .await;
    eventually(DEADLINE, "the claim to get the default class and wait for a consumer", || async {
        let pvc = env.get_json(&["pvc", "cache"]).await?;
        let events = env.kubectl(&["get", "events", "--field-selector", "involvedObject.name=cache"]).await;
        (pvc["spec"]["storageClassName"] == "standard" && events.stdout.contains("WaitForFirstConsumer")).then_some(())
    })
    .await;
    env.apply(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "user", "namespace": "default"},
                     "spec": {"containers": [{"name": "app", "image": "nginx"}],
                              "volumes": [{"name": "cache", "persistentVolumeClaim": {"claimName": "cache"}}]}}))
        .await;
    let pvc = eventually(DEADLINE, "the claim to be provisioned and bound", || async {
        let pvc = env.get_json(&["pvc", "cache"]).await?;
        (pvc["status"]["phase"] == "Bound").then_some(pvc)
    })
    .await;
    assert_eq!(pvc["metadata"]["annotations"]["volume.kubernetes.io/selected-node"], "node-1");
    let pv_name = pvc["spec"]["volumeName"].as_str().expect("volume name").to_owned();
    assert_eq!(pv_name, format!("pvc-{}", uid(&pvc)));
    let pv = env.get_json(&["pv", &pv_name]).await.expect("provisioned volume");
    assert_eq!(pv["spec"]["storageClassName"], "standard");
    assert_eq!(pv["spec"]["capacity"]["storage"], "2Gi");
    assert_eq!(pv["spec"]["persistentVolumeReclaimPolicy"], "Delete");
    assert_eq!(
        pv["spec"]["nodeAffinity"]["required"]["nodeSelectorTerms"][0]["matchExpressions"][0]["values"],
        json!(["node-1"])
    );
    let dir = env.tc.dir.path().join("volumes").join(&pv_name);
    assert_eq!(pv["spec"]["hostPath"]["path"], dir.to_string_lossy().as_ref());
    assert!(dir.is_dir(), "{} was not created", dir.display());
    let describe = env.kubectl(&["describe", "pvc", "cache"]).await.ok();
    assert!(describe.stdout.contains("ProvisioningSucceeded"), "{}", describe.stdout);
    let pod = env.get_json(&["pod", "user"]).await.expect("pod");
    assert_eq!(pod["spec"]["nodeName"], "node-1");

    // Reclaim policy Delete: the volume and its directory go with the claim.
    env.kubectl(&["delete", "pod", "user", "--grace-period=0", "--force"]).await;
    env.kubectl(&["delete", "pvc", "cache"]).await.ok();
    eventually(DEADLINE, "the provisioned volume to be deleted", || async {
        (env.gone(&["pv", &pv_name]).await && !dir.exists()).then_some(())
    })
    .await;
    env.stop().await;
}

async fn renew_lease(env: &Env, node: &str) {
    let leases: Api<k8s_openapi::api::coordination::v1::Lease> = Api::namespaced(env.tc.client(), "kube-node-lease");
    let lease = json!({"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                       "metadata": {"name": node, "namespace": "kube-node-lease"},
                       "spec": {"holderIdentity": node, "leaseDurationSeconds": 40,
                                "renewTime": micro_now()}});
    leases.patch(node, &PatchParams::apply("kubelet").force(), &Patch::Apply(&lease)).await.expect("lease renewed");
}

/// A MicroTime for now (`2025-01-01T00:00:00.000000Z`).
fn micro_now() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%S.%6fZ").to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn node_without_heartbeats_goes_not_ready_is_tainted_and_evicts_pods() {
    if !have_kubectl() {
        return;
    }
    let env = Env::start_with(|c| {
        c.node_monitor_grace_period = Duration::from_secs(2);
        c.node_monitor_period = Duration::from_millis(200);
    })
    .await;
    create_node(&env, "node-a").await;
    renew_lease(&env, "node-a").await;
    for (name, seconds) in [("victim", json!(1)), ("stayer", Value::Null)] {
        let mut toleration =
            json!({"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute"});
        if !seconds.is_null() {
            toleration["tolerationSeconds"] = seconds;
        }
        env.apply(json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": "default"},
                         "spec": {"nodeName": "node-a", "tolerations": [toleration],
                                  "containers": [{"name": "app", "image": "nginx"}]}}))
            .await;
        set_pod_status(&env, "default", name, "10.244.3.2", true).await;
    }

    // The kubelet stops: no more lease renewals or status posts.
    let node = eventually(DEADLINE, "the node to go NotReady with taints", || async {
        let node = env.get_json(&["node", "node-a"]).await?;
        let taints = node["spec"]["taints"].as_array()?;
        let has =
            |effect: &str| taints.iter().any(|t| t["key"] == "node.kubernetes.io/unreachable" && t["effect"] == effect);
        (has("NoSchedule") && has("NoExecute")).then_some(node)
    })
    .await;
    let ready = node["status"]["conditions"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["type"] == "Ready"))
        .expect("ready condition");
    assert_eq!(ready["status"], "Unknown");
    assert_eq!(ready["reason"], "NodeStatusUnknown");
    let out = env.kubectl(&["get", "node", "node-a"]).await.ok();
    assert!(out.stdout.contains("NotReady"), "{}", out.stdout);

    eventually(DEADLINE, "the pod tolerating 1s to be evicted", || async {
        let pod = env.get_json(&["pod", "victim"]).await;
        pod.is_none_or(|p| p["metadata"]["deletionTimestamp"].is_string()).then_some(())
    })
    .await;
    eventually(DEADLINE, "the pods on the node to be marked not ready", || async {
        let pod = env.get_json(&["pod", "stayer"]).await?;
        let ready = pod["status"]["conditions"].as_array()?.iter().find(|c| c["type"] == "Ready")?.clone();
        (ready["status"] == "False").then_some(())
    })
    .await;
    let stayer = env.get_json(&["pod", "stayer"]).await.expect("a pod tolerating forever stays");
    assert!(stayer["metadata"]["deletionTimestamp"].is_null());
    let events = env.kubectl(&["get", "events", "-A"]).await.ok();
    assert!(events.stdout.contains("TaintManagerEviction"), "{}", events.stdout);
    assert!(events.stdout.contains("NodeNotReady"), "{}", events.stdout);

    // The kubelet comes back.
    let nodes: Api<k8s_openapi::api::core::v1::Node> = Api::all(env.tc.client());
    let status = json!({"status": {"conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady",
                                                   "lastHeartbeatTime": meta_now(), "lastTransitionTime": meta_now()}]}});
    nodes.patch_status("node-a", &PatchParams::default(), &Patch::Merge(&status)).await.expect("status");
    // And keeps renewing its lease, so a slow poll below cannot see it go stale again.
    let leases: Api<k8s_openapi::api::coordination::v1::Lease> = Api::namespaced(env.tc.client(), "kube-node-lease");
    let kubelet = tokio::spawn(async move {
        loop {
            let patch = json!({"spec": {"renewTime": micro_now()}});
            let _ = leases.patch("node-a", &PatchParams::default(), &Patch::Merge(&patch)).await;
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    });
    eventually(DEADLINE, "the taints to go when the node is back", || async {
        let node = env.get_json(&["node", "node-a"]).await?;
        node["spec"]["taints"].as_array().is_none_or(Vec::is_empty).then_some(())
    })
    .await;
    kubelet.abort();
    env.stop().await;
}
