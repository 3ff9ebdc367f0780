//! `kx get pods` against `kubectl get pods`, side by side on the same embedded cluster with
//! 1,000 pods and warm discovery caches: wall time and peak RSS of each process (from
//! wait4's rusage, which covers anything kubectl's dispatcher runs), and kx's share of
//! kubectl's. The goal is at most a quarter of kubectl's time and memory. Prints figures;
//! asserts nothing.
//!
//! Run: `tools/bench-cli.sh` (the release binary users get, see `kx_binary`), or `cargo
//! bench --bench cli`; `-- --pods N --runs R` changes the sizes.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::Pod;
use kube::api::{Api, PostParams};
use kx::cluster::embedded::{Cluster, ClusterConfig};

const KUBECTL: &str = "/usr/bin/kubectl";

struct Sample {
    wall: Duration,
    max_rss_kib: u64,
    stdout_bytes: usize,
}

const TIME: &str = "/usr/bin/time";

/// Run `cmd` to completion and measure it with wait4. The peak RSS comes from GNU time's
/// wait4 when it is installed: a child this process spawns directly (vfork) starts its
/// life in this process's memory, and Linux carries that high-water mark across exec into
/// the child's ru_maxrss, adding this process's ~30 MiB (cluster and 1,000 pods) to
/// anything smaller. time forks from a process of ~2 MiB.
// The child is reaped by wait4 itself, which also hands back its rusage.
#[allow(clippy::zombie_processes)]
fn measure(cmd: Command) -> Sample {
    let rss_file = tempfile::NamedTempFile::new().expect("tempfile");
    let mut cmd = if Path::new(TIME).exists() {
        let mut t = Command::new(TIME);
        t.args(["-f", "%M", "-o"]).arg(rss_file.path()).arg(cmd.get_program()).args(cmd.get_args());
        for (k, v) in cmd.get_envs() {
            if let Some(v) = v {
                t.env(k, v);
            }
        }
        t
    } else {
        cmd
    };
    let out = tempfile::tempfile().expect("tempfile");
    let start = Instant::now();
    let child = cmd.stdout(out.try_clone().expect("dup")).stderr(Stdio::null()).spawn().expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; `pid` is our own unreaped child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(r, pid, "wait4 failed: {}", std::io::Error::last_os_error());
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{cmd:?} failed");
    let stdout_bytes = out.metadata().map(|m| m.len() as usize).unwrap_or(0);
    let from_time = std::fs::read_to_string(rss_file.path()).ok().and_then(|t| t.trim().parse::<u64>().ok());
    Sample { wall, max_rss_kib: from_time.unwrap_or(usage.ru_maxrss as u64), stdout_bytes }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)?.parse().ok()).unwrap_or(default)
}

/// The kx to measure: `KX_BIN` (tools/bench-cli.sh sets it to a copy of the `cargo build
/// --release` binary, the one users get), else the binary `cargo bench` built. The latter
/// has other symbol names (the profile is part of every crate's hash), so the list of hot
/// functions build.rs has lld gather does not apply to it and its RSS is higher.
fn kx_binary() -> PathBuf {
    match std::env::var_os("KX_BIN") {
        Some(p) => PathBuf::from(p),
        None => {
            eprintln!("note: measuring cargo bench's own build of kx; tools/bench-cli.sh measures the release binary");
            PathBuf::from(env!("CARGO_BIN_EXE_kx"))
        }
    }
}

fn kx_cmd(kx: &Path, dir: &Path, kubeconfig: &Path) -> Command {
    let mut c = Command::new(kx);
    c.env("KUBECONFIG", kubeconfig).env("XDG_CACHE_HOME", dir.join("kx-cache")).args(["get", "pods"]);
    c
}

fn kubectl_cmd(dir: &Path, kubeconfig: &Path) -> Command {
    let mut c = Command::new(KUBECTL);
    c.env("KUBECONFIG", kubeconfig).arg("--cache-dir").arg(dir.join("kubectl-cache")).args(["get", "pods"]);
    c
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let pods = arg(&args, "--pods", 1000);
    let runs = arg(&args, "--runs", 7).max(1);
    if !Path::new(KUBECTL).exists() {
        eprintln!("{KUBECTL} is missing; nothing to compare against");
        return;
    }
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let kx = kx_binary();
    let kubeconfig = dir.path().join("kubeconfig");
    // The cluster runs in this process on its own runtime threads; the measured commands are
    // separate processes talking HTTPS to it, as a person's would.
    let cluster = rt.block_on(async {
        let cluster = Cluster::start(ClusterConfig { scheduler: false, ..Default::default() }).await.expect("cluster");
        std::fs::write(&kubeconfig, cluster.kubeconfig("bench")).expect("kubeconfig");
        let api: Api<Pod> = Api::namespaced(cluster.api.client(), "default");
        let t = Instant::now();
        for i in 0..pods {
            let pod: Pod = serde_json::from_value(serde_json::json!({
                "metadata": {"name": format!("pod-{i:05}"), "labels": {"app": "bench"}},
                "spec": {"containers": [{"name": "c", "image": "nginx:1.27"}]},
            }))
            .expect("pod");
            api.create(&PostParams::default(), &pod).await.expect("create");
        }
        println!("created {pods} pods in {:.2?}", t.elapsed());
        cluster
    });

    // Warm both discovery caches (and the page cache for both binaries).
    let kx_warm = measure(kx_cmd(&kx, dir.path(), &kubeconfig));
    let kubectl_warm = measure(kubectl_cmd(dir.path(), &kubeconfig));
    println!(
        "warm-up: kx {:.1?} ({} bytes), kubectl {:.1?} ({} bytes)",
        kx_warm.wall, kx_warm.stdout_bytes, kubectl_warm.wall, kubectl_warm.stdout_bytes
    );

    let (mut kx_wall, mut kc_wall, mut kx_rss, mut kc_rss) = (Vec::new(), Vec::new(), 0u64, 0u64);
    for _ in 0..runs {
        // Alternate so drift in machine load hits both alike.
        let a = measure(kx_cmd(&kx, dir.path(), &kubeconfig));
        let b = measure(kubectl_cmd(dir.path(), &kubeconfig));
        kx_wall.push(a.wall);
        kc_wall.push(b.wall);
        kx_rss = kx_rss.max(a.max_rss_kib);
        kc_rss = kc_rss.max(b.max_rss_kib);
    }
    let (kx_t, kc_t) = (median(kx_wall), median(kc_wall));
    println!("\nget pods at {pods} pods, median of {runs} runs, warm discovery cache:");
    println!("  {:<8} {:>10} {:>14}", "", "wall", "peak RSS");
    println!("  {:<8} {:>10.1?} {:>11} KiB", "kx", kx_t, kx_rss);
    println!("  {:<8} {:>10.1?} {:>11} KiB", "kubectl", kc_t, kc_rss);
    let time_ratio = kx_t.as_secs_f64() / kc_t.as_secs_f64();
    let rss_ratio = kx_rss as f64 / kc_rss.max(1) as f64;
    println!("  kx/kubectl: wall {time_ratio:.2}, RSS {rss_ratio:.2} (goal: at most 0.25 each)");
    rt.block_on(cluster.stop());
}
