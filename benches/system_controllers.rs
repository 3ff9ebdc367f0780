//! System controllers under load: 10k pods of 100 ReplicaSets behind 100 Services on 100
//! nodes, with the scheduler, a stand-in kubelet (sets each bound pod Running and Ready with
//! an IP) and, unless `--without`, every system controller. Prints pods/s until all pods
//! are Ready and until every Service's Endpoints list all its pods, so runs with and without
//! the controllers show what they cost. Asserts nothing beyond completion.
//!
//! Run: `cargo bench --bench system_controllers` (`-- --quick` for 2k pods, `-- --without`
//! to leave the controllers out).

use std::pin::pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use k8s_openapi::api::apps::v1::ReplicaSet;
use k8s_openapi::api::core::v1::{Endpoints, Node, Pod, Service};
use kube::Api;
use kube::api::{ListParams, Patch, PatchParams, PostParams};
use kube::runtime::{WatchStreamExt, watcher};
use kx::cluster::controllers::system::{SystemConfig, spawn_system};
use kx::cluster::embedded::{Cluster, ClusterConfig};
use serde_json::json;
use tokio::sync::Semaphore;

const GROUPS: usize = 100;

async fn create<K>(api: &Api<K>, v: serde_json::Value) -> K
where
    K: kube::Resource + Clone + serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug,
{
    let obj: K = serde_json::from_value(v).expect("valid object");
    api.create(&PostParams::default(), &obj).await.expect("created")
}

/// Sets every pod that gets a node Running and Ready with an IP, as kubelets would.
fn stand_in_kubelet(client: kube::Client) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let api: Api<Pod> = Api::all(client.clone());
        let writes = Arc::new(Semaphore::new(64));
        let mut next_ip: u32 = 0;
        let mut events = pin!(watcher(api, watcher::Config::default()).default_backoff());
        while let Some(ev) = events.next().await {
            let Ok(watcher::Event::Apply(pod) | watcher::Event::InitApply(pod)) = ev else { continue };
            let bound = pod.spec.as_ref().and_then(|s| s.node_name.as_ref()).is_some();
            let has_ip = pod.status.as_ref().and_then(|s| s.pod_ip.as_ref()).is_some();
            if !bound || has_ip {
                continue;
            }
            next_ip += 1;
            let ip = format!("10.{}.{}.{}", 200 + (next_ip >> 16), (next_ip >> 8) & 255, next_ip & 255);
            let (client, writes) = (client.clone(), writes.clone());
            tokio::spawn(async move {
                let _permit = writes.acquire_owned().await;
                let ns = pod.metadata.namespace.clone().unwrap_or_default();
                let name = pod.metadata.name.clone().unwrap_or_default();
                let now = kx::k8s::meta::now_rfc3339();
                let status = json!({"status": {"phase": "Running", "podIP": ip, "podIPs": [{"ip": ip}],
                    "conditions": [{"type": "Ready", "status": "True", "lastTransitionTime": now}]}});
                let _ = Api::<Pod>::namespaced(client, &ns)
                    .patch_status(&name, &PatchParams::default(), &Patch::Merge(&status))
                    .await;
            });
        }
    })
}

async fn run(pods: usize, with_controllers: bool) {
    // The system controllers start below (or not), so the cluster's own stay off.
    let cluster =
        Cluster::start(ClusterConfig { system: None, ..ClusterConfig::default() }).await.expect("cluster starts");
    let client = cluster.api.client();
    let dir = tempfile::tempdir().expect("tempdir");
    let controllers = with_controllers.then(|| {
        spawn_system(client.clone(), SystemConfig { volume_dir: dir.path().to_owned(), ..SystemConfig::default() })
    });
    let nodes: Api<Node> = Api::all(client.clone());
    for i in 0..GROUPS {
        let name = format!("node-{i:03}");
        create(
            &nodes,
            json!({"metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
            "status": {"capacity": {"cpu": "64", "memory": "256Gi", "pods": "250"},
                       "allocatable": {"cpu": "64", "memory": "256Gi", "pods": "250"},
                       "conditions": [{"type": "Ready", "status": "True"}]}}),
        )
        .await;
    }
    let rs_api: Api<ReplicaSet> = Api::namespaced(client.clone(), "default");
    let svc_api: Api<Service> = Api::namespaced(client.clone(), "default");
    let mut owners = Vec::new();
    for g in 0..GROUPS {
        let rs = create(
            &rs_api,
            json!({"metadata": {"name": format!("app-{g}")},
            "spec": {"replicas": 0, "selector": {"matchLabels": {"app": format!("app-{g}")}},
                     "template": {"metadata": {"labels": {"app": format!("app-{g}")}},
                                  "spec": {"containers": [{"name": "app", "image": "nginx"}]}}}}),
        )
        .await;
        owners.push(rs.metadata.uid.expect("uid"));
        create(
            &svc_api,
            json!({"metadata": {"name": format!("app-{g}")},
            "spec": {"selector": {"app": format!("app-{g}")}, "ports": [{"port": 80, "targetPort": 8080}]}}),
        )
        .await;
    }
    let kubelet = stand_in_kubelet(client.clone());
    let pod_api: Api<Pod> = Api::namespaced(client.clone(), "default");
    let owners = Arc::new(owners);
    let start = Instant::now();
    let mut creators = Vec::new();
    for w in 0..8 {
        let (pod_api, owners) = (pod_api.clone(), owners.clone());
        creators.push(tokio::spawn(async move {
            for i in (w..pods).step_by(8) {
                let g = i % GROUPS;
                create(
                    &pod_api,
                    json!({"metadata": {"name": format!("app-{g}-{i}"), "labels": {"app": format!("app-{g}")},
                    "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": format!("app-{g}"),
                                         "uid": owners[g], "controller": true, "blockOwnerDeletion": true}]},
                    "spec": {"containers": [{"name": "app", "image": "nginx",
                             "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}}}]}}),
                )
                .await;
            }
        }));
    }
    for c in creators {
        c.await.expect("creator finished");
    }
    let created = start.elapsed();
    let ready_after = loop {
        let list = pod_api.list(&ListParams::default()).await.expect("list pods");
        let ready = list.items.iter().filter(|p| p.status.as_ref().and_then(|s| s.pod_ip.as_ref()).is_some()).count();
        if ready == pods {
            break start.elapsed();
        }
        assert!(start.elapsed() < Duration::from_secs(900), "only {ready}/{pods} ready");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    println!(
        "{}: {pods} pods created in {:.2} s, all Running and Ready after {:.2} s: {:.0} pods/s",
        if with_controllers { "with system controllers" } else { "without system controllers" },
        created.as_secs_f64(),
        ready_after.as_secs_f64(),
        pods as f64 / ready_after.as_secs_f64()
    );
    if with_controllers {
        let ep_api: Api<Endpoints> = Api::namespaced(client.clone(), "default");
        loop {
            let list = ep_api.list(&ListParams::default()).await.expect("list endpoints");
            let addresses: usize = list
                .items
                .iter()
                .flat_map(|e| e.subsets.iter().flatten())
                .map(|s| s.addresses.as_ref().map_or(0, Vec::len))
                .sum();
            if addresses == pods {
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(900), "only {addresses}/{pods} endpoint addresses");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        println!("  every pod in its Service's Endpoints after {:.2} s", start.elapsed().as_secs_f64());
    }
    kubelet.abort();
    if let Some(c) = controllers {
        c.shutdown().await;
    }
    cluster.stop().await;
}

#[tokio::main]
async fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let pods = if quick { 2_000 } else { 10_000 };
    run(pods, !std::env::args().any(|a| a == "--without")).await;
}
