//! Embedded apiserver benchmark, against the real `kx` binary over HTTPS: time from
//! `kx cluster up` to /readyz, idle RSS, creating 10,000 pods through the API, LIST of 10,000
//! pods as JSON and as a Table, and RSS at 10,000 pods. Prints figures; asserts nothing.
//!
//! Run: `cargo bench --bench apiserver` (`-- --pods N` to change the pod count).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::Pod;
use kube::api::{Api, PostParams};

fn kx() -> std::path::PathBuf {
    // Benches run from target/release/deps; the binary sits one level up.
    let exe = std::env::current_exe().expect("bench path");
    exe.parent().and_then(Path::parent).map(|d| d.join("kx")).expect("target dir")
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn state(dir: &Path) -> Option<serde_json::Value> {
    serde_json::from_slice(&std::fs::read(dir.join("cluster.json")).ok()?).ok()
}

/// Start `kx cluster up`; returns the child, its kubeconfig path and the time until the
/// process announced itself (its kubeconfig and state are written after the server listens).
fn start(dir: &Path, memory: bool) -> (Child, Duration) {
    let t = Instant::now();
    let mut cmd = Command::new(kx());
    cmd.args(["cluster", "up", "--port", "0", "--name", "bench"])
        .arg("--data-dir")
        .arg(dir)
        .arg("--kubeconfig")
        .arg(dir.join("kc"));
    if memory {
        cmd.arg("--memory");
    }
    let child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn kx");
    while state(dir).is_none_or(|s| s["pid"].as_u64() != Some(u64::from(child.id()))) {
        std::thread::sleep(Duration::from_micros(200));
    }
    (child, t.elapsed())
}

async fn client(dir: &Path) -> kube::Client {
    let kc = kube::config::Kubeconfig::read_from(dir.join("kc")).expect("kubeconfig");
    let config = kube::Config::from_custom_kubeconfig(kc, &Default::default()).await.expect("config");
    kube::Client::try_from(config).expect("client")
}

async fn readyz(c: &kube::Client) -> bool {
    let req = http::Request::get("/readyz").body(Vec::new()).expect("request");
    c.request_text(req).await.is_ok_and(|t| t == "ok")
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn get_timed(c: &kube::Client, path: &str, accept: &str) -> (Duration, usize) {
    let req = http::Request::get(path).header("Accept", accept).body(Vec::new()).expect("request");
    let t = Instant::now();
    let body = c.request_text(req).await.expect("list");
    (t.elapsed(), body.len())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let pods: usize =
        args.iter().position(|a| a == "--pods").and_then(|i| args.get(i + 1)?.parse().ok()).unwrap_or(10_000);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        println!("apiserver benchmark ({} cores), binary {}", std::thread::available_parallelism().map_or(1, |n| n.get()), kx().display());
        for (label, memory) in [("memory", true), ("data dir", false)] {
            let mut startups = Vec::new();
            let mut rss = Vec::new();
            for _ in 0..7 {
                let dir = tempfile::tempdir().expect("tempdir");
                let t = Instant::now();
                let (mut child, _) = start(dir.path(), memory);
                let c = client(dir.path()).await;
                while !readyz(&c).await {}
                startups.push(t.elapsed());
                tokio::time::sleep(Duration::from_millis(300)).await;
                rss.push(rss_kib(child.id()));
                let _ = child.kill();
                let _ = child.wait();
            }
            rss.sort();
            println!(
                "cluster up -> /readyz ok ({label}): median {:?} over 7 runs (includes process start, TLS, kubeconfig write); idle RSS median {} MiB",
                median(startups),
                rss[rss.len() / 2] / 1024
            );
        }

        let dir = tempfile::tempdir().expect("tempdir");
        let (mut child, _) = start(dir.path(), false);
        let c = client(dir.path()).await;
        let api: Api<Pod> = Api::namespaced(c.clone(), "default");
        let writers = 32;
        let t = Instant::now();
        let mut tasks = Vec::new();
        for w in 0..writers {
            let api = api.clone();
            tasks.push(tokio::spawn(async move {
                for i in (w..pods).step_by(writers) {
                    let pod: Pod = serde_json::from_value(serde_json::json!({
                        "metadata": {"name": format!("pod-{i}"), "labels": {"app": format!("app-{}", i % 100)}},
                        "spec": {"containers": [{"name": "c", "image": "nginx:1.27", "ports": [{"containerPort": 80}],
                                                 "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}}}]},
                    }))
                    .expect("pod");
                    api.create(&PostParams::default(), &pod).await.expect("create pod");
                }
            }));
        }
        for task in tasks {
            task.await.expect("writer");
        }
        let secs = t.elapsed().as_secs_f64();
        println!("create {pods} pods over HTTPS, {writers} concurrent clients (durable data dir): {:.1} s, {:.0} pods/s", secs, pods as f64 / secs);

        let mut json = Vec::new();
        let mut table = Vec::new();
        let mut sizes = (0, 0);
        for _ in 0..5 {
            let (d, n) = get_timed(&c, "/api/v1/namespaces/default/pods", "application/json").await;
            json.push(d);
            sizes.0 = n;
            let (d, n) = get_timed(
                &c,
                "/api/v1/namespaces/default/pods",
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json",
            )
            .await;
            table.push(d);
            sizes.1 = n;
        }
        println!(
            "LIST {pods} pods as JSON: median {:?} ({} MiB); as Table: median {:?} ({} MiB)",
            median(json),
            sizes.0 >> 20,
            median(table),
            sizes.1 >> 20
        );
        println!("RSS with {pods} pods: {} MiB", rss_kib(child.id()) / 1024);
        let _ = child.kill();
        let _ = child.wait();
    });
}
