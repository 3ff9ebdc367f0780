//! `kx cluster up|status|down` as a user runs them: the real binary, a kubeconfig it writes,
//! kill -9 in the middle of its life, and a restart on the same data dir that brings every
//! acknowledged object back with the same resourceVersion.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::{ConfigMap, Service};
use kube::api::{Api, ListParams, PostParams};

const KX: &str = env!("CARGO_BIN_EXE_kx");

fn state(dir: &Path) -> Option<serde_json::Value> {
    serde_json::from_slice(&std::fs::read(dir.join("cluster.json")).ok()?).ok()
}

/// Start `kx cluster up` in the foreground as a child and wait until it reports itself up.
fn up(dir: &Path) -> Child {
    let mut child = Command::new(KX)
        .args(["cluster", "up", "--port", "0", "--name", "kxtest"])
        .arg("--data-dir")
        .arg(dir)
        .arg("--kubeconfig")
        .arg(dir.join("kubeconfig"))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn kx cluster up");
    let start = Instant::now();
    loop {
        if state(dir).is_some_and(|s| s["pid"].as_u64() == Some(u64::from(child.id()))) {
            return child;
        }
        if let Some(status) = child.try_wait().expect("poll child") {
            panic!("kx cluster up exited early: {status}");
        }
        assert!(start.elapsed() < Duration::from_secs(30), "kx cluster up did not come up");
        std::thread::sleep(Duration::from_millis(20));
    }
}

async fn client(dir: &Path) -> kube::Client {
    let kc = kube::config::Kubeconfig::read_from(dir.join("kubeconfig")).expect("kubeconfig written by kx");
    let opts = kube::config::KubeConfigOptions { context: Some("kxtest".into()), ..Default::default() };
    let config = kube::Config::from_custom_kubeconfig(kc, &opts).await.expect("context kxtest");
    kube::Client::try_from(config).expect("client")
}

#[tokio::test(flavor = "multi_thread")]
async fn cluster_up_kill_9_restart_keeps_every_acknowledged_object() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = up(dir.path());
    let api: Api<ConfigMap> = Api::namespaced(client(dir.path()).await, "default");
    let mut acked = Vec::new();
    for i in 0..40 {
        let cm: ConfigMap = serde_json::from_value(
            serde_json::json!({"metadata": {"name": format!("cm-{i}")}, "data": {"i": i.to_string()}}),
        )
        .expect("configmap");
        let created = api.create(&PostParams::default(), &cm).await.expect("acknowledged create");
        acked.push((
            created.metadata.name.clone().unwrap_or_default(),
            created.metadata.resource_version.clone().unwrap_or_default(),
        ));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");

    let mut child = up(dir.path());
    let api: Api<ConfigMap> = Api::namespaced(client(dir.path()).await, "default");
    let listed = api.list(&ListParams::default()).await.expect("list after restart");
    let found: std::collections::BTreeMap<String, String> = listed
        .items
        .iter()
        .map(|c| (c.metadata.name.clone().unwrap_or_default(), c.metadata.resource_version.clone().unwrap_or_default()))
        .collect();
    for (name, rv) in &acked {
        assert_eq!(found.get(name), Some(rv), "{name} lost or changed across kill -9");
    }
    // The namespaces and the kubernetes service are not created twice.
    let ns: Api<k8s_openapi::api::core::v1::Namespace> = Api::all(api.clone().into_client());
    assert_eq!(ns.list(&ListParams::default()).await.expect("namespaces").items.len(), 4);
    // The restart listens on another port; the kubernetes Service follows it.
    let port = state(dir.path()).and_then(|s| s["server"].as_str().map(str::to_string)).expect("server url");
    let port: i32 = port.rsplit(':').next().and_then(|p| p.parse().ok()).expect("port");
    let services: Api<Service> = Api::namespaced(api.clone().into_client(), "default");
    let svc = services.get("kubernetes").await.expect("kubernetes service");
    let target = svc.spec.and_then(|s| s.ports).and_then(|p| p.into_iter().next()).and_then(|p| p.target_port);
    assert_eq!(target, Some(k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(port)));
    child.kill().expect("SIGKILL");
    child.wait().expect("reap");
}

#[tokio::test(flavor = "multi_thread")]
async fn cluster_detach_status_down() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path().to_str().expect("utf8");
    let kc = dir.path().join("kubeconfig");
    let run = |args: &[&str]| {
        Command::new(KX).args(args).args(["--name", "kxtest", "--data-dir", d]).output().expect("run kx")
    };
    let out = Command::new(KX)
        .args(["cluster", "up", "--detach", "--port", "0", "--name", "kxtest", "--data-dir", d])
        .args(["--load-balancer-pool", "10.9.8.0/30", "--kubeconfig"])
        .arg(&kc)
        .output()
        .expect("kx cluster up --detach");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("is up at https://127.0.0.1:"));
    let status = run(&["cluster", "status"]);
    let text = String::from_utf8_lossy(&status.stdout);
    assert!(status.status.success(), "{text}{}", String::from_utf8_lossy(&status.stderr));
    assert!(text.contains("running") && text.contains("v1.33") && text.contains("namespaces: 4"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&kc).expect("kubeconfig").permissions().mode() & 0o777, 0o600);
    }
    // The detached cluster got the address pool: a LoadBalancer Service is given one of it.
    let services: Api<Service> = Api::namespaced(client(dir.path()).await, "default");
    let svc = serde_json::from_value(serde_json::json!({
        "metadata": {"name": "lb"},
        "spec": {"type": "LoadBalancer", "ports": [{"port": 80}]}
    }))
    .expect("service");
    services.create(&PostParams::default(), &svc).await.expect("create service");
    let start = Instant::now();
    let ip = loop {
        let s = services.get("lb").await.expect("get service");
        let ingress = s.status.and_then(|s| s.load_balancer).and_then(|lb| lb.ingress).unwrap_or_default();
        if let Some(ip) = ingress.first().and_then(|i| i.ip.clone()) {
            break ip;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "no load-balancer address");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(ip.starts_with("10.9.8."), "{ip}");
    let down = run(&["cluster", "down"]);
    assert!(down.status.success());
    assert!(String::from_utf8_lossy(&down.stdout).contains("cluster stopped"));
    let status = run(&["cluster", "status"]);
    assert_eq!(status.status.code(), Some(3), "status of a stopped cluster exits 3");
}
