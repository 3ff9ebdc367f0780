//! The scheduler against a real embedded apiserver: nodes and pods are created through the
//! API as a kubelet and a user would, and the bindings, conditions and events the scheduler
//! writes are read back the same way.

use std::collections::BTreeMap;
use std::future::Future;
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::{Node, Pod};
use k8s_openapi::api::events::v1::Event;
use kube::Api;
use kube::api::{DeleteParams, ListParams, PostParams};
use kx::cluster::embedded::{Cluster, ClusterConfig};
use kx::cluster::scheduler;
use kx::k8s::quantity::Quantity;
use serde_json::{Value, json};

/// Generous: the point is to wait for a state, not to time it.
const DEADLINE: Duration = Duration::from_secs(30);

async fn eventually<T, F, Fut>(what: &str, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(v) = probe().await {
            return v;
        }
        assert!(start.elapsed() < DEADLINE, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn start() -> (Cluster, kube::Client) {
    let cluster =
        Cluster::start(ClusterConfig { scheduler: false, ..ClusterConfig::default() }).await.expect("cluster starts");
    let client = cluster.api.client();
    (cluster, client)
}

async fn create_node(client: &kube::Client, name: &str, cpu: &str, extra: Value) {
    let mut node = json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
        "spec": {},
        "status": {
            "capacity": {"cpu": cpu, "memory": "8Gi", "pods": "110"},
            "allocatable": {"cpu": cpu, "memory": "8Gi", "pods": "110"},
            "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady"}],
        },
    });
    merge(&mut node, extra);
    let node: Node = serde_json::from_value(node).expect("valid node");
    Api::<Node>::all(client.clone()).create(&PostParams::default(), &node).await.expect("node created");
}

fn merge(a: &mut Value, b: Value) {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (a, b) => *a = b,
    }
}

async fn create_pod(client: &kube::Client, name: &str, cpu: &str, extra: Value) {
    let mut pod = json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": "default"},
        "spec": {"containers": [{"name": "app", "image": "nginx", "resources": {"requests": {"cpu": cpu}}}]},
    });
    merge(&mut pod, extra);
    let pod: Pod = serde_json::from_value(pod).expect("valid pod");
    pods(client).create(&PostParams::default(), &pod).await.expect("pod created");
}

fn pods(client: &kube::Client) -> Api<Pod> {
    Api::namespaced(client.clone(), "default")
}

async fn node_of(client: &kube::Client, pod: &str) -> Option<String> {
    let p = pods(client).get(pod).await.ok()?;
    p.spec?.node_name.filter(|n| !n.is_empty())
}

async fn wait_bound(client: &kube::Client, pod: &str) -> String {
    eventually(&format!("{pod} to be bound"), || node_of(client, pod)).await
}

/// The `PodScheduled` condition as `(status, reason, message)`.
async fn scheduled_condition(client: &kube::Client, pod: &str) -> Option<(String, String, String)> {
    let p = pods(client).get(pod).await.ok()?;
    let c = p.status?.conditions?.into_iter().find(|c| c.type_ == "PodScheduled")?;
    Some((c.status, c.reason.unwrap_or_default(), c.message.unwrap_or_default()))
}

async fn wait_unschedulable(client: &kube::Client, pod: &str) -> String {
    eventually(&format!("{pod} to be marked unschedulable"), || async {
        match scheduled_condition(client, pod).await {
            Some((status, reason, message)) if status == "False" && reason == "Unschedulable" => Some(message),
            _ => None,
        }
    })
    .await
}

/// The notes of events about `pod` with `reason`.
async fn event_notes(client: &kube::Client, pod: &str, reason: &str) -> Vec<String> {
    let events: Api<Event> = Api::namespaced(client.clone(), "default");
    let Ok(list) = events.list(&ListParams::default()).await else { return Vec::new() };
    list.items
        .into_iter()
        .filter(|e| e.regarding.as_ref().and_then(|r| r.name.as_deref()) == Some(pod))
        .filter(|e| e.reason.as_deref() == Some(reason))
        .filter(|e| e.reporting_controller.as_deref() == Some("default-scheduler"))
        .filter_map(|e| e.note)
        .collect()
}

#[tokio::test]
async fn scheduler_pending_pod_bound_with_condition_and_event() {
    let (_cluster, client) = start().await;
    create_node(&client, "node-1", "4", json!({})).await;
    let sched = scheduler::spawn(client.clone());
    create_pod(&client, "nginx", "100m", json!({})).await;

    assert_eq!(wait_bound(&client, "nginx").await, "node-1");
    let (status, _, _) = scheduled_condition(&client, "nginx").await.expect("has PodScheduled");
    assert_eq!(status, "True");
    let notes = eventually("a Scheduled event", || async {
        Some(event_notes(&client, "nginx", "Scheduled").await).filter(|n| !n.is_empty())
    })
    .await;
    assert_eq!(notes, vec!["Successfully assigned default/nginx to node-1".to_string()]);
    sched.shutdown().await;
}

#[tokio::test]
async fn scheduler_unschedulable_pod_explained_then_placed_when_node_joins() {
    let (_cluster, client) = start().await;
    create_node(&client, "small-1", "1", json!({})).await;
    create_node(&client, "small-2", "1", json!({})).await;
    create_node(
        &client,
        "control-plane",
        "8",
        json!({"spec": {"taints": [{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]}}),
    )
    .await;
    let sched = scheduler::spawn(client.clone());
    create_pod(&client, "big", "2", json!({})).await;

    let expected = "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, \
                    2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, \
                    2 No preemption victims found for incoming pod.";
    assert_eq!(wait_unschedulable(&client, "big").await, expected);
    let notes = eventually("a FailedScheduling event", || async {
        Some(event_notes(&client, "big", "FailedScheduling").await).filter(|n| !n.is_empty())
    })
    .await;
    assert_eq!(notes[0], expected);

    create_node(&client, "large", "4", json!({})).await;
    assert_eq!(wait_bound(&client, "big").await, "large");
    sched.shutdown().await;
}

#[tokio::test]
async fn scheduler_retries_when_room_is_freed() {
    let (_cluster, client) = start().await;
    create_node(&client, "node-1", "1", json!({})).await;
    let sched = scheduler::spawn(client.clone());
    create_pod(&client, "first", "800m", json!({})).await;
    wait_bound(&client, "first").await;
    create_pod(&client, "second", "800m", json!({})).await;
    let message = wait_unschedulable(&client, "second").await;
    assert!(message.starts_with("0/1 nodes are available: 1 Insufficient cpu."), "{message}");

    pods(&client).delete("first", &DeleteParams::default().grace_period(0)).await.expect("deleted");
    assert_eq!(wait_bound(&client, "second").await, "node-1");
    sched.shutdown().await;
}

#[tokio::test]
async fn scheduler_burst_of_pods_never_overcommits_nodes() {
    let (_cluster, client) = start().await;
    create_node(&client, "node-a", "2", json!({})).await;
    create_node(&client, "node-b", "2", json!({})).await;
    // Created before the scheduler starts, so they all arrive in its first list at once.
    for i in 0..10 {
        create_pod(&client, &format!("web-{i}"), "500m", json!({})).await;
    }
    let sched = scheduler::spawn(client.clone());

    let (bound, waiting) = eventually("8 pods bound and 2 marked unschedulable", || async {
        let mut bound = BTreeMap::<String, i64>::new();
        let mut waiting = 0;
        for i in 0..10 {
            let name = format!("web-{i}");
            match node_of(&client, &name).await {
                Some(node) => *bound.entry(node).or_default() += 1,
                None => {
                    if scheduled_condition(&client, &name).await.is_some_and(|(s, _, _)| s == "False") {
                        waiting += 1;
                    }
                }
            }
        }
        (bound.values().sum::<i64>() == 8 && waiting == 2).then_some((bound, waiting))
    })
    .await;
    assert_eq!(waiting, 2);
    assert_eq!(bound.get("node-a"), Some(&4));
    assert_eq!(bound.get("node-b"), Some(&4));

    // And the per-node totals really are within allocatable.
    let all = pods(&client).list(&ListParams::default()).await.expect("list pods");
    let mut milli = BTreeMap::<String, i64>::new();
    for p in all.items {
        let spec = p.spec.expect("has spec");
        if let Some(node) = spec.node_name {
            let req = spec.containers[0].resources.as_ref().and_then(|r| r.requests.as_ref()).expect("requests");
            *milli.entry(node).or_default() += Quantity::try_from(&req["cpu"]).expect("cpu").milli_value();
        }
    }
    assert!(milli.values().all(|m| *m <= 2000), "{milli:?}");
    sched.shutdown().await;
}

#[tokio::test]
async fn scheduler_leaves_pods_of_other_schedulers_alone() {
    let (_cluster, client) = start().await;
    create_node(&client, "node-1", "4", json!({})).await;
    create_pod(&client, "custom", "100m", json!({"spec": {"schedulerName": "my-scheduler"}})).await;
    let sched = scheduler::spawn(client.clone());
    // Pods are taken in arrival order, so once later pods are bound the first was considered.
    create_pod(&client, "after-1", "100m", json!({})).await;
    wait_bound(&client, "after-1").await;
    create_pod(&client, "after-2", "100m", json!({})).await;
    wait_bound(&client, "after-2").await;
    assert_eq!(node_of(&client, "custom").await, None);
    assert_eq!(scheduled_condition(&client, "custom").await, None);
    sched.shutdown().await;
}

#[tokio::test]
async fn scheduler_honours_node_selector_and_tolerations() {
    let (_cluster, client) = start().await;
    create_node(&client, "plain", "4", json!({})).await;
    create_node(&client, "ssd", "4", json!({"metadata": {"labels": {"disktype": "ssd"}}})).await;
    create_node(
        &client,
        "gpu",
        "4",
        json!({"spec": {"taints": [{"key": "gpu", "value": "true", "effect": "NoSchedule"}]}}),
    )
    .await;
    let sched = scheduler::spawn(client.clone());
    create_pod(&client, "wants-ssd", "100m", json!({"spec": {"nodeSelector": {"disktype": "ssd"}}})).await;
    create_pod(
        &client,
        "gpu-job",
        "100m",
        json!({"spec": {
            "tolerations": [{"key": "gpu", "operator": "Exists", "effect": "NoSchedule"}],
            "affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
                {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["gpu"]}]},
            ]}}},
        }}),
    )
    .await;
    create_pod(&client, "nowhere", "100m", json!({"spec": {"nodeSelector": {"disktype": "nvme"}}})).await;

    assert_eq!(wait_bound(&client, "wants-ssd").await, "ssd");
    assert_eq!(wait_bound(&client, "gpu-job").await, "gpu");
    assert_eq!(
        wait_unschedulable(&client, "nowhere").await,
        "0/3 nodes are available: 1 node(s) had untolerated taint {gpu: true}, \
         2 node(s) didn't match Pod's node affinity/selector. \
         preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
    );
    sched.shutdown().await;
}
