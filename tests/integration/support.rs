//! Shared test harness: an embedded cluster started in-process on a free port, a kubeconfig
//! for it, and helpers to run the real kubectl (and other clients) against it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use kx::cluster::embedded::{Cluster, ClusterConfig};

pub const KUBECTL: &str = "/usr/bin/kubectl";

/// Whether kubectl-driven tests can run. Absent kubectl fails in CI and skips (loudly)
/// elsewhere.
pub fn have_kubectl() -> bool {
    if Path::new(KUBECTL).exists() {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!("{KUBECTL} is missing and CI is set: .ci/run must install kubectl");
    }
    eprintln!("SKIPPED: {KUBECTL} is not installed");
    false
}

/// The repository's test fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

pub struct TestCluster {
    pub cluster: Cluster,
    pub dir: tempfile::TempDir,
    pub kubeconfig: PathBuf,
}

/// What a finished command printed.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    pub fn from(o: Output) -> Out {
        Out {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }

    /// Panic with the whole output unless the command succeeded.
    pub fn ok(self) -> Out {
        assert_eq!(self.code, 0, "command failed\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
}

impl TestCluster {
    pub async fn start() -> TestCluster {
        Self::start_with(ClusterConfig::default()).await
    }

    pub async fn start_with(config: ClusterConfig) -> TestCluster {
        let cluster = Cluster::start(config).await.expect("embedded cluster starts");
        let dir = tempfile::tempdir().expect("tempdir");
        let kubeconfig = dir.path().join("kubeconfig");
        std::fs::write(&kubeconfig, cluster.kubeconfig("kx")).expect("write kubeconfig");
        TestCluster { cluster, dir, kubeconfig }
    }

    /// A kubectl command set up for this cluster (own kubeconfig and discovery cache).
    pub fn kubectl_command(&self) -> tokio::process::Command {
        let mut c = tokio::process::Command::new(KUBECTL);
        c.env("KUBECONFIG", &self.kubeconfig)
            .arg("--cache-dir")
            .arg(self.dir.path().join("cache"))
            .stdin(std::process::Stdio::null())
            .kill_on_drop(true);
        c
    }

    pub async fn kubectl(&self, args: &[&str]) -> Out {
        self.kubectl_env(args, &[]).await
    }

    pub async fn kubectl_env(&self, args: &[&str], env: &[(&str, &str)]) -> Out {
        let mut c = self.kubectl_command();
        c.args(args);
        for (k, v) in env {
            c.env(k, v);
        }
        Out::from(c.output().await.expect("run kubectl"))
    }

    /// kubectl with `input` on stdin.
    pub async fn kubectl_stdin(&self, args: &[&str], input: &str) -> Out {
        let mut c = self.kubectl_command();
        c.args(args);
        with_stdin(c, input).await
    }

    /// The kx binary against this cluster, with a discovery cache and state dir of its own.
    pub fn kx_command(&self, args: &[&str]) -> tokio::process::Command {
        let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_kx"));
        c.env("KUBECONFIG", &self.kubeconfig)
            .env("XDG_CACHE_HOME", self.dir.path().join("kx-cache"))
            .env("XDG_STATE_HOME", self.dir.path().join("kx-state"))
            .args(args)
            .stdin(std::process::Stdio::null())
            .kill_on_drop(true);
        c
    }

    pub async fn kx(&self, args: &[&str]) -> Out {
        Out::from(self.kx_command(args).output().await.expect("run kx"))
    }

    /// kx with `input` on stdin.
    pub async fn kx_stdin(&self, args: &[&str], input: &str) -> Out {
        with_stdin(self.kx_command(args), input).await
    }

    /// `kubectl get ARGS -o json`, parsed; `None` when kubectl fails (e.g. not found).
    pub async fn get_json(&self, args: &[&str]) -> Option<serde_json::Value> {
        let mut all = vec!["get"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["-o", "json"]);
        let out = self.kubectl(&all).await;
        (out.code == 0).then(|| serde_json::from_str(&out.stdout).expect("kubectl prints JSON"))
    }

    pub fn client(&self) -> kube::Client {
        self.cluster.api.client()
    }

    /// A kube client that goes over HTTPS with the kubeconfig, as an external program would.
    pub async fn remote_client(&self) -> kube::Client {
        let kc = kube::config::Kubeconfig::read_from(&self.kubeconfig).expect("kubeconfig");
        let config = kube::Config::from_custom_kubeconfig(kc, &Default::default()).await.expect("config");
        kube::Client::try_from(config).expect("client")
    }
}

/// Poll `f` until it returns `Some`, or panic after `limit` with `what`.
pub async fn eventually<T, F, Fut>(limit: Duration, what: &str, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(v) = f().await {
            return v;
        }
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Run `c` with `input` on its stdin, to completion.
async fn with_stdin(mut c: tokio::process::Command, input: &str) -> Out {
    use tokio::io::AsyncWriteExt;
    c.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = c.spawn().expect("spawn the command");
    let mut stdin = child.stdin.take().expect("piped");
    stdin.write_all(input.as_bytes()).await.expect("write stdin");
    drop(stdin);
    Out::from(child.wait_with_output().await.expect("the command's output"))
}
