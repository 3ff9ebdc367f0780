//! Node allocation for the nodes table: requested CPU and memory of the pods on each node
//! against its allocatable, as `kubectl describe node` sums them (a pod asks for the larger
//! of its app containers' sum and its largest init container), and the pod count against
//! the node's pod capacity. Pure: computed from listed nodes and pods.

use std::collections::HashMap;

use serde_json::Value;

use crate::k8s::quantity::Quantity;

/// Extra columns the nodes table shows.
pub const COLUMNS: &[&str] = &["CPU REQ", "MEM REQ", "PODS"];

fn requests(c: &Value, resource: &str) -> i64 {
    let q = c.pointer(&format!("/resources/requests/{resource}"));
    let Some(q) = q.and_then(|v| Quantity::from_json(v).ok()) else { return 0 };
    if resource == "cpu" { q.milli_value() } else { q.value() }
}

/// A pod's effective request of `resource` (millicores for cpu, bytes otherwise).
pub fn pod_request(pod: &Value, resource: &str) -> i64 {
    let sum = |k: &str| -> Vec<i64> {
        pod.pointer(&format!("/spec/{k}"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|c| requests(c, resource))
            .collect()
    };
    let app: i64 = sum("containers").iter().sum();
    let init = sum("initContainers").into_iter().max().unwrap_or(0);
    app.max(init)
}

fn human_bytes(b: i64) -> String {
    const UNITS: &[(&str, i64)] = &[("Gi", 1 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)];
    for (u, n) in UNITS {
        if b >= *n {
            let v = b as f64 / *n as f64;
            return if v >= 10.0 || v.fract() == 0.0 { format!("{:.0}{u}", v) } else { format!("{v:.1}{u}") };
        }
    }
    b.to_string()
}

fn human_cpu(m: i64) -> String {
    if m % 1000 == 0 { (m / 1000).to_string() } else { format!("{m}m") }
}

fn pct(a: i64, b: i64) -> String {
    if b <= 0 { "-".into() } else { format!("{}%", a * 100 / b) }
}

/// The extra cells of each node, by node name.
pub fn cells(nodes: &[Value], pods: &[Value]) -> HashMap<String, Vec<String>> {
    let mut used: HashMap<&str, (i64, i64, i64)> = HashMap::new();
    for p in pods {
        let phase = p.pointer("/status/phase").and_then(Value::as_str).unwrap_or("");
        if matches!(phase, "Succeeded" | "Failed") {
            continue;
        }
        let Some(node) = p.pointer("/spec/nodeName").and_then(Value::as_str).filter(|n| !n.is_empty()) else {
            continue;
        };
        let e = used.entry(node).or_default();
        e.0 += pod_request(p, "cpu");
        e.1 += pod_request(p, "memory");
        e.2 += 1;
    }
    let mut out = HashMap::new();
    for n in nodes {
        let name = crate::k8s::meta::name(n);
        let alloc = |r: &str| n.pointer(&format!("/status/allocatable/{r}")).and_then(|v| Quantity::from_json(v).ok());
        let cpu = alloc("cpu").map_or(0, |q| q.milli_value());
        let mem = alloc("memory").map_or(0, |q| q.value());
        let pods_cap = alloc("pods").map_or(0, |q| q.value());
        let (c, m, k) = used.get(name).copied().unwrap_or_default();
        out.insert(
            name.to_string(),
            vec![
                format!("{}/{} ({})", human_cpu(c), human_cpu(cpu), pct(c, cpu)),
                format!("{}/{} ({})", human_bytes(m), human_bytes(mem), pct(m, mem)),
                format!("{k}/{pods_cap}"),
            ],
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_sum_requests_per_node_against_allocatable() {
        let node = json!({"metadata": {"name": "n1"}, "status": {"allocatable": {"cpu": "2", "memory": "4Gi", "pods": "110"}}});
        let pod = |cpu: &str, mem: &str, phase: &str| json!({"spec": {"nodeName": "n1", "containers": [{"resources": {"requests": {"cpu": cpu, "memory": mem}}}]}, "status": {"phase": phase}});
        let pods = vec![pod("500m", "1Gi", "Running"), pod("250m", "512Mi", "Pending"), pod("1", "1Gi", "Succeeded")];
        let c = cells(&[node], &pods);
        assert_eq!(c["n1"], vec!["750m/2 (37%)", "1.5Gi/4Gi (37%)", "2/110"]);
    }

    #[test]
    fn pod_request_takes_the_larger_of_apps_and_init() {
        let p = json!({"spec": {"containers": [{"resources": {"requests": {"cpu": "100m"}}}, {"resources": {"requests": {"cpu": "100m"}}}],
            "initContainers": [{"resources": {"requests": {"cpu": "500m"}}}]}});
        assert_eq!(pod_request(&p, "cpu"), 500);
    }
}
