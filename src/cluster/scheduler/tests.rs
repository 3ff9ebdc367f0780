//! Decisions and messages of the pure scheduler, checked against kube-scheduler 1.33's texts.

use k8s_openapi::api::core::v1::{Node, PersistentVolume, PersistentVolumeClaim, Pod};
use serde_json::{Value, json};

use super::*;

fn node(name: &str, cpu: &str, memory: &str) -> Value {
    json!({
        "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
        "spec": {},
        "status": {"allocatable": {"cpu": cpu, "memory": memory, "pods": "110"}},
    })
}

fn info(node: Value) -> NodeInfo {
    NodeInfo::new(serde_json::from_value::<Node>(node).expect("valid node"))
}

fn infos(nodes: Vec<Value>) -> Vec<NodeInfo> {
    nodes.into_iter().map(info).collect()
}

fn pod_with(spec: Value) -> Pod {
    let mut spec = spec;
    if spec.get("containers").is_none() {
        spec["containers"] = json!([{"name": "c"}]);
    }
    serde_json::from_value(json!({"metadata": {"name": "p", "namespace": "default", "uid": "u"}, "spec": spec}))
        .expect("valid pod")
}

fn requesting(cpu: &str, memory: &str) -> Pod {
    pod_with(json!({"containers": [{"name": "c", "resources": {"requests": {"cpu": cpu, "memory": memory}}}]}))
}

fn decide(pod: &Pod, nodes: &[NodeInfo]) -> Result<String, String> {
    schedule(pod, nodes, &Volumes::default()).map_err(|e| e.to_string())
}

#[test]
fn schedule_insufficient_cpu_everywhere_reports_kube_message() {
    let nodes = infos(vec![node("a", "1", "1Gi"), node("b", "1", "1Gi"), node("c", "1", "1Gi")]);
    assert_eq!(
        decide(&requesting("2", "10Mi"), &nodes).unwrap_err(),
        "0/3 nodes are available: 3 Insufficient cpu. \
         preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."
    );
}

#[test]
fn schedule_taint_and_resources_mixed_reports_both() {
    let mut cp = node("cp", "8", "8Gi");
    cp["spec"]["taints"] = json!([{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]);
    let nodes = infos(vec![cp, node("a", "1", "1Gi"), node("b", "1", "1Gi")]);
    assert_eq!(
        decide(&requesting("2", "10Mi"), &nodes).unwrap_err(),
        "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, \
         2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, \
         2 No preemption victims found for incoming pod."
    );
}

#[test]
fn schedule_toleration_admits_tainted_node() {
    let mut cp = node("cp", "8", "8Gi");
    cp["spec"]["taints"] = json!([{"key": "dedicated", "value": "db", "effect": "NoExecute"}]);
    let nodes = infos(vec![cp]);
    let pod = pod_with(json!({"tolerations": [{"key": "dedicated", "operator": "Equal", "value": "db"}]}));
    assert_eq!(decide(&pod, &nodes).as_deref(), Ok("cp"));
    assert_eq!(
        decide(&pod_with(json!({})), &nodes).unwrap_err(),
        "0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: db}. \
         preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
    );
}

#[test]
fn schedule_node_selector_mismatch_reports_affinity() {
    let mut ssd = node("ssd", "1", "1Gi");
    ssd["metadata"]["labels"]["disktype"] = json!("ssd");
    let nodes = infos(vec![node("a", "1", "1Gi"), ssd]);
    let pod = pod_with(json!({"nodeSelector": {"disktype": "ssd"}}));
    assert_eq!(decide(&pod, &nodes).as_deref(), Ok("ssd"));
    let pod = pod_with(json!({"nodeSelector": {"disktype": "nvme"}}));
    assert_eq!(
        decide(&pod, &nodes).unwrap_err(),
        "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. \
         preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."
    );
}

#[test]
fn schedule_required_node_affinity_filters_nodes() {
    let mut a = node("a", "1", "1Gi");
    a["metadata"]["labels"]["zone"] = json!("x");
    let nodes = infos(vec![a, node("b", "4", "4Gi")]);
    let pod = pod_with(json!({"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
        "nodeSelectorTerms": [{"matchExpressions": [{"key": "zone", "operator": "In", "values": ["x"]}]}],
    }}}}));
    assert_eq!(decide(&pod, &nodes).as_deref(), Ok("a"));
}

#[test]
fn schedule_cordoned_node_is_unschedulable_unless_tolerated() {
    let mut a = node("a", "1", "1Gi");
    a["spec"]["unschedulable"] = json!(true);
    let nodes = infos(vec![a]);
    assert_eq!(
        decide(&pod_with(json!({})), &nodes).unwrap_err(),
        "0/1 nodes are available: 1 node(s) were unschedulable. \
         preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
    );
    let pod = pod_with(json!({"tolerations": [{"key": "node.kubernetes.io/unschedulable", "operator": "Exists"}]}));
    assert_eq!(decide(&pod, &nodes).as_deref(), Ok("a"));
}

#[test]
fn schedule_host_port_in_use_rejects_node() {
    let port_pod = |ip: Option<&str>| {
        pod_with(
            json!({"containers": [{"name": "c", "ports": [{"containerPort": 80, "hostPort": 8080, "hostIP": ip}]}]}),
        )
    };
    let mut a = info(node("a", "4", "4Gi"));
    a.add(&PodUsage::of(&port_pod(Some("10.0.0.1"))));
    let nodes = vec![a, info(node("b", "1", "1Gi"))];
    assert_eq!(decide(&port_pod(None), &nodes).as_deref(), Ok("b"));
    let only_a = &nodes[..1];
    assert_eq!(
        decide(&port_pod(None), only_a).unwrap_err(),
        "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. \
         preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."
    );
    assert_eq!(decide(&port_pod(Some("10.0.0.2")), only_a).as_deref(), Ok("a"), "another IP is free");
}

#[test]
fn schedule_counts_existing_requests_and_pod_limit() {
    let mut full = node("a", "2", "2Gi");
    full["status"]["allocatable"]["pods"] = json!("1");
    let mut a = info(full);
    a.add(&PodUsage::of(&requesting("1500m", "1Gi")));
    let err = decide(&requesting("1", "1Gi"), &[a]).unwrap_err();
    assert_eq!(
        err,
        "0/1 nodes are available: 1 Insufficient cpu, 1 Too many pods. \
         preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."
    );
}

#[test]
fn schedule_extended_resource_shortage_named() {
    let mut gpu = node("a", "4", "4Gi");
    gpu["status"]["allocatable"]["example.com/gpu"] = json!("1");
    let pod = pod_with(json!({"containers": [{"name": "c", "resources": {"limits": {"example.com/gpu": "2"}}}]}));
    assert_eq!(
        decide(&pod, &infos(vec![gpu, node("b", "4", "4Gi")])).unwrap_err(),
        "0/2 nodes are available: 2 Insufficient example.com/gpu. \
         preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."
    );
}

#[test]
fn schedule_pod_without_requests_fits_full_node() {
    let mut a = info(node("a", "1", "1Gi"));
    a.add(&PodUsage::of(&requesting("1", "1Gi")));
    assert_eq!(decide(&pod_with(json!({})), &[a]).as_deref(), Ok("a"));
}

#[test]
fn schedule_no_nodes_reports_no_nodes_available() {
    assert_eq!(decide(&pod_with(json!({})), &[]).unwrap_err(), "no nodes available to schedule pods");
}

#[test]
fn schedule_prefers_least_allocated_node() {
    let mut busy = info(node("a", "4", "4Gi"));
    busy.add(&PodUsage::of(&requesting("3", "3Gi")));
    let nodes = vec![busy, info(node("b", "4", "4Gi"))];
    assert_eq!(decide(&requesting("100m", "100Mi"), &nodes).as_deref(), Ok("b"));
}

#[test]
fn schedule_spreads_pods_of_one_owner() {
    let owned = |uid: &str| {
        let mut p = requesting("100m", "100Mi");
        p.metadata.owner_references = Some(vec![
            serde_json::from_value(
                json!({"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "rs", "uid": uid, "controller": true}),
            )
            .expect("valid owner"),
        ]);
        p
    };
    // b is a little busier, but a already runs two replicas of the same owner.
    let mut a = info(node("a", "4", "4Gi"));
    a.add(&PodUsage::of(&owned("rs-1")));
    a.add(&PodUsage::of(&owned("rs-1")));
    let mut b = info(node("b", "4", "4Gi"));
    b.add(&PodUsage::of(&requesting("500m", "500Mi")));
    let nodes = vec![a, b];
    assert_eq!(decide(&owned("rs-1"), &nodes).as_deref(), Ok("b"));
    assert_eq!(decide(&owned("rs-2"), &nodes).as_deref(), Ok("a"), "another owner goes by load");
}

#[test]
fn schedule_avoids_prefer_no_schedule_taint_and_honours_preferred_affinity() {
    let mut a = node("a", "4", "4Gi");
    a["spec"]["taints"] = json!([{"key": "spot", "effect": "PreferNoSchedule"}]);
    let nodes = infos(vec![a, node("b", "4", "4Gi")]);
    assert_eq!(decide(&pod_with(json!({})), &nodes).as_deref(), Ok("b"));

    let mut fast = node("z", "4", "4Gi");
    fast["metadata"]["labels"]["speed"] = json!("fast");
    let nodes = infos(vec![node("a", "4", "4Gi"), fast]);
    let pod = pod_with(json!({"affinity": {"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
        {"weight": 10, "preference": {"matchExpressions": [{"key": "speed", "operator": "In", "values": ["fast"]}]}},
    ]}}}));
    assert_eq!(decide(&pod, &nodes).as_deref(), Ok("z"));
}

#[test]
fn schedule_pinned_to_one_node_reports_others_as_not_satisfying_node_affinity() {
    let mut a = node("a", "4", "4Gi");
    a["spec"]["taints"] = json!([{"key": "k", "value": "v", "effect": "NoSchedule"}]);
    let nodes = infos(vec![a, node("b", "4", "4Gi"), node("c", "4", "4Gi")]);
    let pod = pod_with(json!({"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
        "nodeSelectorTerms": [{"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["a"]}]}],
    }}}}));
    assert_eq!(
        decide(&pod, &nodes).unwrap_err(),
        "0/3 nodes are available: 1 node(s) had untolerated taint {k: v}, \
         2 node(s) didn't satisfy plugin(s) [NodeAffinity]. \
         preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
    );
}

#[test]
fn schedule_preemption_policy_never_says_not_eligible() {
    let mut pod = requesting("8", "1Gi");
    pod.spec.as_mut().expect("has spec").preemption_policy = Some("Never".into());
    assert_eq!(
        decide(&pod, &infos(vec![node("a", "1", "1Gi")])).unwrap_err(),
        "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never."
    );
}

fn claim_pod() -> Pod {
    pod_with(json!({"volumes": [{"name": "data", "persistentVolumeClaim": {"claimName": "data"}}]}))
}

fn pvc(volume: Option<&str>) -> PersistentVolumeClaim {
    serde_json::from_value(
        json!({"metadata": {"name": "data", "namespace": "default"}, "spec": {"volumeName": volume}}),
    )
    .expect("valid claim")
}

#[test]
fn schedule_missing_or_unbound_claim_fails_before_filtering() {
    let nodes = infos(vec![node("a", "1", "1Gi")]);
    let mut volumes = Volumes::default();
    assert_eq!(
        schedule(&claim_pod(), &nodes, &volumes).unwrap_err().to_string(),
        "0/1 nodes are available: persistentvolumeclaim \"data\" not found. \
         preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
    );
    volumes.insert_claim(pvc(None));
    assert_eq!(
        schedule(&claim_pod(), &nodes, &volumes).unwrap_err().to_string(),
        "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. \
         preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
    );
}

#[test]
fn schedule_claim_waiting_for_first_consumer_is_left_to_the_volume_controller() {
    let nodes = infos(vec![node("a", "1", "1Gi")]);
    let mut volumes = Volumes::default();
    let claim: PersistentVolumeClaim = serde_json::from_value(
        json!({"metadata": {"name": "data", "namespace": "default"}, "spec": {"storageClassName": "standard"}}),
    )
    .expect("valid claim");
    volumes.insert_claim(claim);
    let class: k8s_openapi::api::storage::v1::StorageClass = serde_json::from_value(json!({
        "metadata": {"name": "standard"}, "provisioner": "kx.dev/local-path", "volumeBindingMode": "WaitForFirstConsumer",
    }))
    .expect("valid class");
    assert!(schedule(&claim_pod(), &nodes, &volumes).is_err(), "unknown class: an immediate claim");
    volumes.insert_class(&class);
    assert_eq!(schedule(&claim_pod(), &nodes, &volumes).as_deref(), Ok("a"));
    let pod = claim_pod();
    assert_eq!(PodInfo::new(&pod, &volumes).delayed_claims(), ["data".to_string()]);
}

#[test]
fn schedule_bound_volume_node_affinity_picks_its_node() {
    let mut volumes = Volumes::default();
    volumes.insert_claim(pvc(Some("pv-1")));
    let nodes = infos(vec![node("a", "1", "1Gi"), node("b", "1", "1Gi")]);
    assert_eq!(
        schedule(&claim_pod(), &nodes, &volumes).unwrap_err().to_string(),
        "0/2 nodes are available: 2 node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s). \
         preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."
    );
    let pv: PersistentVolume = serde_json::from_value(json!({
        "metadata": {"name": "pv-1"},
        "spec": {"nodeAffinity": {"required": {"nodeSelectorTerms": [{"matchExpressions": [
            {"key": "kubernetes.io/hostname", "operator": "In", "values": ["b"]},
        ]}]}}},
    }))
    .expect("valid volume");
    volumes.insert_volume(pv);
    assert_eq!(schedule(&claim_pod(), &nodes, &volumes).as_deref(), Ok("b"));
    assert_eq!(
        schedule(&claim_pod(), &nodes[..1], &volumes).unwrap_err().to_string(),
        "0/1 nodes are available: 1 node(s) had volume node affinity conflict. \
         preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
    );
}

#[test]
fn schedule_many_equal_pods_fill_nodes_evenly_without_overcommit() {
    let mut nodes = infos(vec![node("a", "2", "8Gi"), node("b", "2", "8Gi"), node("c", "2", "8Gi")]);
    let pod = requesting("500m", "100Mi");
    let mut placed = std::collections::BTreeMap::<String, usize>::new();
    for _ in 0..12 {
        let name = decide(&pod, &nodes).expect("room left");
        let i = nodes.iter().position(|n| n.name() == name).expect("known node");
        nodes[i].add(&PodUsage::of(&pod));
        *placed.entry(name).or_default() += 1;
    }
    assert_eq!(placed.values().copied().collect::<Vec<_>>(), vec![4, 4, 4]);
    assert!(decide(&pod, &nodes).unwrap_err().starts_with("0/3 nodes are available: 3 Insufficient cpu."));
}

#[test]
fn unschedulable_condition_skips_repeat_and_keeps_transition_time() {
    let mut pod = pod_with(json!({}));
    let first = unschedulable_condition(&pod, "m1").expect("no condition yet");
    pod.status = Some(
        serde_json::from_value(json!({"conditions": [{
            "type": "PodScheduled", "status": "False", "reason": "Unschedulable", "message": "m1",
            "lastTransitionTime": "2024-01-01T00:00:00Z",
        }]}))
        .expect("valid status"),
    );
    assert_eq!(first["reason"], "Unschedulable");
    assert!(unschedulable_condition(&pod, "m1").is_none());
    let second = unschedulable_condition(&pod, "m2").expect("message changed");
    assert_eq!(second["lastTransitionTime"], "2024-01-01T00:00:00Z");
}
