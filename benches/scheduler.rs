//! Scheduler benchmark: pure decisions per second placing 10k pods on 100 nodes (each decision
//! counted on its node before the next, as the running scheduler does), then the whole path
//! through an embedded cluster (watch, decide, bind, events) until every pod is bound. Prints
//! figures; asserts nothing beyond correctness (machines here are shared and noisy).
//!
//! Run: `cargo bench --bench scheduler` (add `-- --quick` for a shorter run, `-- --pure` to
//! skip the cluster).

use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::{Node, Pod};
use kube::Api;
use kube::api::{ListParams, PostParams};
use kx::cluster::embedded::{Cluster, ClusterConfig};
use kx::cluster::scheduler::{self, NodeInfo, PodInfo, PodUsage, Volumes, select};
use serde_json::{Value, json};

fn node(i: usize) -> Value {
    let name = format!("node-{i:03}");
    let mut n = json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": {
            "kubernetes.io/hostname": name,
            "topology.kubernetes.io/zone": format!("zone-{}", i % 3),
            "disktype": if i.is_multiple_of(4) { "ssd" } else { "hdd" },
        }},
        "spec": {},
        "status": {
            "capacity": {"cpu": "64", "memory": "256Gi", "pods": "250"},
            "allocatable": {"cpu": "64", "memory": "256Gi", "pods": "250"},
            "conditions": [{"type": "Ready", "status": "True"}],
        },
    });
    if i.is_multiple_of(10) {
        n["spec"]["taints"] = json!([{"key": "dedicated", "value": "infra", "effect": "NoSchedule"}]);
    }
    n
}

fn pod(i: usize) -> Value {
    let owner = i % 100;
    let mut p = json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {
            "name": format!("app-{owner}-{i}"), "namespace": "default", "uid": format!("uid-{i}"),
            "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": format!("app-{owner}"),
                                 "uid": format!("rs-{owner}"), "controller": true}],
        },
        "spec": {"containers": [{"name": "app", "image": "nginx",
                                 "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}}}]},
    });
    if owner.is_multiple_of(5) {
        p["spec"]["nodeSelector"] = json!({"disktype": "ssd"});
        p["spec"]["tolerations"] = json!([{"key": "dedicated", "operator": "Exists"}]);
    }
    p
}

fn pure(pods: usize, nodes: usize) {
    let mut infos: Vec<NodeInfo> =
        (0..nodes).map(|i| NodeInfo::new(serde_json::from_value::<Node>(node(i)).expect("valid node"))).collect();
    let pods: Vec<Pod> = (0..pods).map(|i| serde_json::from_value(pod(i)).expect("valid pod")).collect();
    let volumes = Volumes::default();
    let start = Instant::now();
    let mut placed = 0;
    for p in &pods {
        let info = PodInfo::new(p, &volumes);
        if let Ok(i) = select(&info, &infos) {
            infos[i].add(&PodUsage::of(p));
            placed += 1;
        }
    }
    let took = start.elapsed();
    println!(
        "pure: {placed}/{} pods on {nodes} nodes in {:.1} ms: {:.0} decisions/s",
        pods.len(),
        took.as_secs_f64() * 1e3,
        pods.len() as f64 / took.as_secs_f64()
    );
}

async fn end_to_end(pods: usize, nodes: usize) {
    let cluster = Cluster::start(ClusterConfig::default()).await.expect("cluster starts");
    let client = cluster.api.client();
    let node_api = Api::<Node>::all(client.clone());
    for i in 0..nodes {
        let n: Node = serde_json::from_value(node(i)).expect("valid node");
        node_api.create(&PostParams::default(), &n).await.expect("node created");
    }
    let pod_api = Api::<Pod>::namespaced(client.clone(), "default");
    let sched = scheduler::spawn(client.clone());
    let start = Instant::now();
    let mut creators = Vec::new();
    for w in 0..8 {
        let pod_api = pod_api.clone();
        creators.push(tokio::spawn(async move {
            for i in (w..pods).step_by(8) {
                let mut p: Pod = serde_json::from_value(pod(i)).expect("valid pod");
                p.metadata.uid = None;
                pod_api.create(&PostParams::default(), &p).await.expect("pod created");
            }
        }));
    }
    for c in creators {
        c.await.expect("creator finished");
    }
    let created = start.elapsed();
    loop {
        let list = pod_api.list(&ListParams::default()).await.expect("list pods");
        let bound = list.items.iter().filter(|p| p.spec.as_ref().and_then(|s| s.node_name.as_ref()).is_some()).count();
        if bound == pods {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(600), "only {bound}/{pods} bound");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let took = start.elapsed();
    println!(
        "end to end: {pods} pods created in {:.2} s, all bound after {:.2} s: {:.0} pods/s",
        created.as_secs_f64(),
        took.as_secs_f64(),
        pods as f64 / took.as_secs_f64()
    );
    sched.shutdown().await;
    cluster.stop().await;
}

#[tokio::main]
async fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (pods, nodes) = if quick { (2_000, 100) } else { (10_000, 100) };
    pure(pods, nodes);
    // `--pure` skips the cluster, e.g. to profile the decision path alone.
    if !std::env::args().any(|a| a == "--pure") {
        end_to_end(pods, nodes).await;
    }
}
