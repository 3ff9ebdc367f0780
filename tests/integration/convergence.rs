//! The whole embedded cluster at once, as a learner uses it: two simulated nodes, the
//! scheduler, every controller, and the real kubectl applying the seed manifests. Everything
//! must converge as on a real cluster: pods Running, endpoints listing pod IPs on the right
//! ports, node ports and load-balancer addresses given, the StatefulSet's pods created in
//! order with bound claims, the DaemonSet on each node; deletes cascade; an impossible pod
//! stays Pending and says why.

use std::collections::BTreeMap;
use std::time::Duration;

use kx::cluster::embedded::ClusterConfig;
use serde_json::Value;

use crate::support::{TestCluster, eventually, fixtures, have_kubectl};

const LIMIT: Duration = Duration::from_secs(90);

async fn get_json(tc: &TestCluster, args: &[&str]) -> Value {
    tc.get_json(args).await.unwrap_or_else(|| panic!("kubectl get {args:?} failed"))
}

fn items(list: &Value) -> Vec<Value> {
    list["items"].as_array().cloned().unwrap_or_default()
}

fn s<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

/// Pods not yet where they should be: Running and Ready, or Succeeded for run-to-completion.
fn unsettled(pods: &[Value]) -> Vec<String> {
    pods.iter()
        .filter(|p| {
            let phase = s(p, "/status/phase");
            let ready = p["status"]["conditions"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|c| c["type"] == "Ready" && c["status"] == "True");
            !(phase == "Succeeded" || (phase == "Running" && ready))
        })
        .map(|p| format!("{}/{} {}", s(p, "/metadata/namespace"), s(p, "/metadata/name"), s(p, "/status/phase")))
        .collect()
}

/// Whether `labels` carry every pair of `selector`.
fn selects(selector: &Value, labels: &Value) -> bool {
    selector.as_object().is_some_and(|m| !m.is_empty() && m.iter().all(|(k, v)| labels.get(k) == Some(v)))
}

#[tokio::test(flavor = "multi_thread")]
async fn convergence_seed_manifests_run_as_on_a_real_cluster() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start_with(ClusterConfig { nodes: 2, ..ClusterConfig::default() }).await;
    let seed = fixtures().join("seed");
    tc.kubectl(&["apply", "-f", seed.to_str().expect("utf8")]).await.ok();

    // Every pod Running and Ready (or done).
    let pods = eventually(LIMIT, "every seed pod running", || async {
        let pods = items(&get_json(&tc, &["pods", "-A"]).await);
        (!pods.is_empty() && unsettled(&pods).is_empty()).then_some(pods)
    })
    .await;
    for p in &pods {
        let ip = s(p, "/status/podIP");
        let node = s(p, "/spec/nodeName");
        let cidr = match node {
            "kx-control-plane" => "10.244.0.",
            "kx-worker" => "10.244.1.",
            other => panic!("pod on unknown node {other}"),
        };
        assert!(ip.starts_with(cidr), "{} has {ip} on {node}", s(p, "/metadata/name"));
    }

    // Endpoints: every selector Service lists the IPs of the ready pods it selects, on its
    // target ports.
    let services = items(&get_json(&tc, &["services", "-A"]).await);
    for svc in services.iter().filter(|svc| svc["spec"]["selector"].is_object()) {
        let ns = s(svc, "/metadata/namespace");
        let name = s(svc, "/metadata/name");
        let mut want: Vec<String> = pods
            .iter()
            .filter(|p| {
                s(p, "/metadata/namespace") == ns && selects(&svc["spec"]["selector"], &p["metadata"]["labels"])
            })
            .filter(|p| s(p, "/status/phase") == "Running")
            .map(|p| s(p, "/status/podIP").to_string())
            .collect();
        want.sort();
        let ep = eventually(LIMIT, "endpoints of every service", || async {
            let ep = get_json(&tc, &["endpoints", "-n", ns, name]).await;
            let mut ips: Vec<String> = ep["subsets"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|ss| ss["addresses"].as_array().cloned().unwrap_or_default())
                .map(|a| s(&a, "/ip").to_string())
                .collect();
            ips.sort();
            (ips == want).then_some(ep)
        })
        .await;
        if !want.is_empty() {
            let ports: Vec<i64> =
                ep["subsets"][0]["ports"].as_array().into_iter().flatten().filter_map(|p| p["port"].as_i64()).collect();
            for port in svc["spec"]["ports"].as_array().into_iter().flatten() {
                // A numeric targetPort (or the port itself) must be served; named ones resolve
                // through the pods' container ports.
                let target = port["targetPort"].as_i64().or_else(|| port["port"].as_i64()).unwrap_or(0);
                if port["targetPort"].is_string() {
                    continue;
                }
                assert!(ports.contains(&target), "{ns}/{name}: endpoints ports {ports:?} lack {target}");
            }
        }
    }

    // NodePort and LoadBalancer services got their node ports and addresses.
    for svc in &services {
        let kind = s(svc, "/spec/type");
        if kind == "NodePort" || kind == "LoadBalancer" {
            for port in svc["spec"]["ports"].as_array().into_iter().flatten() {
                let np = port["nodePort"].as_i64().unwrap_or(0);
                assert!((30000..=32767).contains(&np), "{}: nodePort {np}", s(svc, "/metadata/name"));
            }
        }
    }
    // LoadBalancer services get an address from the pool, as MetalLB gives them; one that
    // asks for an address outside every pool stays pending with MetalLB's event.
    for svc in services.iter().filter(|svc| s(svc, "/spec/type") == "LoadBalancer") {
        let name = s(svc, "/metadata/name").to_string();
        let ns = s(svc, "/metadata/namespace").to_string();
        let requested = s(svc, "/metadata/annotations/metallb.universe.tf~1loadBalancerIPs").to_string();
        if requested.is_empty() || requested.starts_with("172.18.255.") {
            eventually(LIMIT, "a load-balancer address", || async {
                let svc = get_json(&tc, &["service", "-n", &ns, &name]).await;
                let ip = s(&svc, "/status/loadBalancer/ingress/0/ip").to_string();
                (!ip.is_empty()).then_some(ip)
            })
            .await;
        } else {
            let selector = format!("involvedObject.name={name}");
            let message = eventually(LIMIT, "AllocationFailed", || async {
                let events = items(&get_json(&tc, &["events", "-n", &ns, "--field-selector", &selector]).await);
                events.iter().find(|e| e["reason"] == "AllocationFailed").map(|e| s(e, "/message").to_string())
            })
            .await;
            let want = format!("Failed to allocate IP for \"{ns}/{name}\": {requested} is not allowed in config");
            assert_eq!(message, want);
        }
    }

    // The StatefulSet: mongo-0, -1, -2 created in order, each with its bound claim.
    let mongo: BTreeMap<String, String> = pods
        .iter()
        .filter(|p| s(p, "/metadata/name").starts_with("mongo-") && s(p, "/metadata/namespace") == "default")
        .filter(|p| p["metadata"]["labels"]["app"] == "mongo-sts")
        .map(|p| (s(p, "/metadata/name").to_string(), s(p, "/status/startTime").to_string()))
        .collect();
    assert_eq!(mongo.keys().cloned().collect::<Vec<_>>(), ["mongo-0", "mongo-1", "mongo-2"]);
    let starts: Vec<&String> = mongo.values().collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]), "not started in order: {mongo:?}");
    for i in 0..3 {
        let claim = get_json(&tc, &["pvc", &format!("data-mongo-{i}")]).await;
        assert_eq!(s(&claim, "/status/phase"), "Bound", "data-mongo-{i}: {claim}");
    }

    // The DaemonSet tolerates the control-plane taint: one pod on each node.
    let mut ds_nodes: Vec<&str> = pods
        .iter()
        .filter(|p| p["metadata"]["labels"]["app"] == "log-collector")
        .map(|p| s(p, "/spec/nodeName"))
        .collect();
    ds_nodes.sort();
    assert_eq!(ds_nodes, ["kx-control-plane", "kx-worker"]);

    // Deleting a Deployment removes its ReplicaSets and pods (garbage collector).
    let out = tc.kubectl(&["delete", "deployment", "fe-nginx-deployment"]).await.ok();
    assert!(out.stdout.contains("deleted"), "{}", out.stdout);
    eventually(LIMIT, "the deployment's replicasets and pods gone", || async {
        let rs = items(&get_json(&tc, &["rs", "-l", "app=fe-nginx"]).await);
        let pods = items(&get_json(&tc, &["pods", "-l", "app=fe-nginx"]).await);
        (rs.is_empty() && pods.is_empty()).then_some(())
    })
    .await;

    // A pod no node can hold stays Pending and says why.
    let big = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: too-big\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      requests:\n        cpu: \"500\"\n";
    tc.kubectl_stdin(&["apply", "-f", "-"], big).await.ok();
    let message = eventually(LIMIT, "FailedScheduling for too-big", || async {
        let events = items(&get_json(&tc, &["events", "--field-selector", "involvedObject.name=too-big"]).await);
        events.iter().find(|e| e["reason"] == "FailedScheduling").map(|e| s(e, "/message").to_string())
    })
    .await;
    assert!(message.starts_with("0/2 nodes are available:"), "{message}");
    assert!(message.contains("Insufficient cpu"), "{message}");
    let pod = get_json(&tc, &["pod", "too-big"]).await;
    assert_eq!(s(&pod, "/status/phase"), "Pending");

    // Deleting a namespace empties it, then removes it.
    let namespaces = items(&get_json(&tc, &["namespaces"]).await);
    let victim = namespaces
        .iter()
        .map(|n| s(n, "/metadata/name").to_string())
        .find(|n| !["default", "kube-system", "kube-public", "kube-node-lease"].contains(&n.as_str()))
        .expect("the seed creates a namespace");
    let had = items(&get_json(&tc, &["all", "-n", &victim]).await).len()
        + items(&get_json(&tc, &["configmaps", "-n", &victim]).await).len();
    assert!(had > 0, "namespace {victim} is empty before the delete");
    tc.kubectl(&["delete", "namespace", &victim, "--wait=false"]).await.ok();
    eventually(LIMIT, "the namespace gone", || async {
        let out = tc.kubectl(&["get", "namespace", &victim]).await;
        (out.code == 1 && out.stderr.contains("NotFound")).then_some(())
    })
    .await;
}
