//! `kx logs`, `exec`, `rollout`, `ns`, `ctx` and `config` against an embedded cluster with
//! a process-runtime node, each checked against real kubectl on the same objects (or the
//! same kubeconfig files): same output, same exit codes, and edits kubectl reads back.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use kx::cluster::embedded::ClusterConfig;
use kx::cluster::kubelet::Runtime;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

use super::support::{Out, TestCluster, eventually, have_kubectl};

const DEADLINE: Duration = Duration::from_secs(90);

async fn process_cluster() -> TestCluster {
    TestCluster::start_with(ClusterConfig { nodes: 1, runtime: Runtime::Process, ..Default::default() }).await
}

/// A kx command with its own kubeconfig, discovery cache and state directory.
/// Run the same command with kx and kubectl and require the same stdout, stderr and code.
async fn same_as_kubectl(tc: &TestCluster, args: &[&str]) -> Out {
    let theirs = tc.kubectl(args).await;
    let ours = tc.kx(args).await;
    assert_eq!(
        (ours.code, &ours.stdout, &ours.stderr),
        (theirs.code, &theirs.stdout, &theirs.stderr),
        "kx {args:?} differs from kubectl"
    );
    ours
}

async fn apply(tc: &TestCluster, manifest: Value) {
    tc.kubectl_stdin(&["apply", "-f", "-"], &manifest.to_string()).await.ok();
}

async fn wait_running(tc: &TestCluster, pod: &str) {
    eventually(DEADLINE, &format!("pod {pod} to run"), || async {
        let out = tc.kubectl(&["get", "pod", pod, "-o", "jsonpath={.status.phase}"]).await;
        (out.stdout == "Running").then_some(())
    })
    .await;
}

fn shell_pod(name: &str, containers: &[(&str, &str)]) -> Value {
    let containers: Vec<Value> = containers
        .iter()
        .map(|(n, script)| {
            json!({"name": n, "image": "busybox", "command": ["sh", "-c", script],
                   "env": [{"name": "PS1", "value": "kx-prompt> "}]})
        })
        .collect();
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": "default"},
           "spec": {"terminationGracePeriodSeconds": 1, "containers": containers}})
}

const LOOP: &str = "i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.2; done";

#[tokio::test]
async fn ops_logs_follow_tail_container_and_previous_match_kubectl() {
    if !have_kubectl() {
        return;
    }
    let tc = process_cluster().await;
    apply(&tc, shell_pod("loop", &[("main", LOOP), ("side", "echo side-1; echo side-2; sleep 100000")])).await;
    // Fails once, then stays up: `--previous` has exactly one known instance to show.
    apply(
        &tc,
        shell_pod(
            "once",
            &[("c", "if [ -f seen ]; then echo second; sleep 100000; else touch seen; echo first; exit 1; fi")],
        ),
    )
    .await;
    wait_running(&tc, "loop").await;

    // `-f` streams: new lines keep arriving until we stop reading.
    let mut child = tc.kx_command(&["logs", "-f", "loop", "-c", "main"]).stdout(Stdio::piped()).spawn().expect("kx");
    let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
    let mut seen = Vec::new();
    let start = Instant::now();
    while seen.len() < 8 {
        assert!(start.elapsed() < DEADLINE, "logs -f stalled after {seen:?}");
        if let Ok(Ok(Some(l))) = tokio::time::timeout(Duration::from_secs(5), lines.next_line()).await {
            seen.push(l);
        }
    }
    child.kill().await.expect("stop kx");
    let numbers: Vec<u64> =
        seen.iter().map(|l| l.trim_start_matches("line-").parse().expect("a numbered line")).collect();
    assert!(numbers.windows(2).all(|w| w[1] == w[0] + 1), "consecutive lines: {seen:?}");

    // Without -c kubectl picks the first container and says so.
    let out = tc.kx(&["logs", "loop", "--tail", "1"]).await;
    assert_eq!(out.code, 0);
    assert_eq!(out.stderr, "Defaulted container \"main\" out of: main, side\n");
    assert!(out.stdout.starts_with("line-") && out.stdout.lines().count() == 1, "{}", out.stdout);

    same_as_kubectl(&tc, &["logs", "loop", "-c", "side"]).await;
    same_as_kubectl(&tc, &["logs", "loop", "-c", "side", "--tail", "1"]).await;
    same_as_kubectl(&tc, &["logs", "loop", "-c", "nope"]).await;
    same_as_kubectl(&tc, &["logs", "missing"]).await;
    same_as_kubectl(&tc, &["logs"]).await;
    same_as_kubectl(&tc, &["logs", "loop", "--since", "2x"]).await;
    let prefixed = tc.kx(&["logs", "loop", "-c", "side", "--prefix"]).await;
    assert_eq!(prefixed.stdout, "[pod/loop/side] side-1\n[pod/loop/side] side-2\n");

    eventually(DEADLINE, "once to restart", || async {
        let out =
            tc.kubectl(&["get", "pod", "once", "-o", "jsonpath={.status.containerStatuses[0].restartCount}"]).await;
        (out.stdout.parse::<u32>().unwrap_or(0) >= 1).then_some(())
    })
    .await;
    wait_running(&tc, "once").await;
    let previous = same_as_kubectl(&tc, &["logs", "once", "--previous"]).await;
    assert_eq!(previous.stdout, "first\n");
    let current = same_as_kubectl(&tc, &["logs", "once"]).await;
    assert_eq!(current.stdout, "second\n");
    same_as_kubectl(&tc, &["logs", "loop", "-c", "side", "--previous"]).await;
}

/// A TCP relay in front of the API server that can cut every connection and refuse new
/// ones for a while, as a restarting server or a broken network does to a client.
struct Relay {
    port: u16,
    upstream: std::net::SocketAddr,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Relay {
    async fn start(upstream: std::net::SocketAddr) -> Relay {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("relay binds");
        let port = listener.local_addr().expect("relay address").port();
        let mut relay = Relay { port, upstream, task: None };
        relay.serve(listener);
        relay
    }

    fn serve(&mut self, listener: tokio::net::TcpListener) {
        let upstream = self.upstream;
        self.task = Some(tokio::spawn(async move {
            // Owned by this task: aborting it closes every relayed connection.
            let mut conns = tokio::task::JoinSet::new();
            while let Ok((mut down, _)) = listener.accept().await {
                conns.spawn(async move {
                    if let Ok(mut up) = tokio::net::TcpStream::connect(upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut down, &mut up).await;
                    }
                });
            }
        }));
    }

    /// Close every connection and stop listening.
    async fn cut(&mut self) {
        if let Some(t) = self.task.take() {
            t.abort();
            let _ = t.await;
        }
    }

    /// Listen again on the same port.
    async fn resume(&mut self) {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", self.port)).await.expect("relay binds again");
        self.serve(listener);
    }
}

/// Read numbered lines (`line-N`) from `lines` until `until` is seen.
async fn read_numbered<R: tokio::io::AsyncBufRead + Unpin>(
    lines: &mut tokio::io::Lines<R>,
    seen: &mut Vec<u64>,
    until: u64,
) {
    let start = Instant::now();
    while seen.last().is_none_or(|n| *n < until) {
        assert!(start.elapsed() < DEADLINE, "logs -f stalled after {seen:?}");
        match tokio::time::timeout(Duration::from_secs(5), lines.next_line()).await {
            Ok(Ok(Some(l))) => seen.push(l.trim_start_matches("line-").parse().expect("a numbered line")),
            Ok(Ok(None)) => panic!("logs -f ended after {seen:?}"),
            _ => {}
        }
    }
}

#[tokio::test]
async fn ops_logs_follow_resumes_after_the_connection_drops_without_gaps_or_repeats() {
    let tc = process_cluster().await;
    apply(&tc, shell_pod("ticker", &[("main", LOOP)])).await;
    wait_running(&tc, "ticker").await;

    let mut relay = Relay::start(tc.cluster.addr).await;
    let relayed = tc.dir.path().join("relayed-kubeconfig");
    let text = std::fs::read_to_string(&tc.kubeconfig).expect("kubeconfig");
    let text = text.replace(&tc.cluster.server_url(), &format!("https://127.0.0.1:{}", relay.port));
    std::fs::write(&relayed, text).expect("relayed kubeconfig");

    let mut child = tc
        .kx_command(&["logs", "-f", "ticker"])
        .env("KUBECONFIG", &relayed)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kx");
    let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
    let mut seen = Vec::new();
    read_numbered(&mut lines, &mut seen, 3).await;
    // The server goes away for a few seconds while the container keeps writing.
    relay.cut().await;
    let at_cut = *seen.last().expect("lines");
    tokio::time::sleep(Duration::from_millis(2500)).await;
    relay.resume().await;
    // Well past what was written during the outage.
    read_numbered(&mut lines, &mut seen, at_cut + 25).await;
    child.kill().await.expect("stop kx");
    let mut stderr = String::new();
    child.stderr.take().expect("piped").read_to_string(&mut stderr).await.expect("stderr");
    let expected: Vec<u64> = (seen[0]..seen[0] + seen.len() as u64).collect();
    assert_eq!(seen, expected, "every line once, in order, across the drop");
    assert_eq!(seen[0], 0, "the whole log from the start");
    assert!(stderr.contains("kx: log stream of pod/ticker/main dropped"), "{stderr}");
    assert!(stderr.contains("kx: log stream of pod/ticker/main resumed"), "{stderr}");

    // A container that ends still ends `-f`, as with kubectl: a normal end is not a drop.
    let mut finite = shell_pod("finite", &[("c", "for i in 1 2 3; do echo n-$i; sleep 0.5; done")]);
    finite["spec"]["restartPolicy"] = json!("Never");
    apply(&tc, finite).await;
    wait_running(&tc, "finite").await;
    let out = tokio::time::timeout(DEADLINE, tc.kx(&["logs", "-f", "finite"])).await.expect("logs -f ends");
    assert_eq!((out.code, out.stdout.as_str(), out.stderr.as_str()), (0, "n-1\nn-2\nn-3\n", ""));
}

#[tokio::test]
async fn ops_exec_returns_the_remote_exit_code() {
    if !have_kubectl() {
        return;
    }
    let tc = process_cluster().await;
    apply(&tc, shell_pod("box", &[("main", "sleep 100000")])).await;
    wait_running(&tc, "box").await;

    let out = tc.kx(&["exec", "box", "--", "sh", "-c", "echo hi; exit 3"]).await;
    assert_eq!((out.code, out.stdout.as_str()), (3, "hi\n"), "{}", out.stderr);
    assert_eq!(out.stderr, "command terminated with exit code 3\n");

    let mut child = tc
        .kx_command(&["exec", "-i", "box", "--", "sh", "-c", "read line; echo got-$line"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("kx");
    let mut stdin = child.stdin.take().expect("piped");
    stdin.write_all(b"abc\n").await.expect("write");
    drop(stdin);
    let out = child.wait_with_output().await.expect("kx exits");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "got-abc\n");

    for args in [
        &["exec", "box", "-c", "nope", "--", "true"][..],
        &["exec", "missing", "--", "true"],
        &["exec", "box"],
        &["exec", "box", "true"],
        &["exec", "box", "--", "no-such-command"],
        &["exec", "-it", "box", "--", "true"],
    ] {
        same_as_kubectl(&tc, args).await;
    }
}

#[tokio::test]
async fn ops_exec_tty_forwards_stdin_resizes_and_exit_code() {
    let tc = process_cluster().await;
    tc.kubectl_stdin(&["apply", "-f", "-"], &shell_pod("box", &[("main", "sleep 100000")]).to_string()).await;
    wait_running(&tc, "box").await;

    let (pty, pts) = pty_process::open().expect("pty");
    pty.resize(pty_process::Size::new(24, 80)).expect("size");
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_kx"));
    cmd.env("KUBECONFIG", &tc.kubeconfig).env("XDG_CACHE_HOME", tc.dir.path().join("kx-cache"));
    cmd.args(["exec", "-it", "box", "--", "sh"]);
    let cmd: pty_process::Command = cmd.into();
    let mut child = cmd.spawn(pts).expect("kx on a pty");
    let (mut reader, mut writer) = pty.into_split();
    let mut seen = String::new();
    // Read until `needle` shows up, for at most `limit`; whether it did.
    let mut read_until = async |needle: &str, seen: &mut String, limit: Duration| {
        let start = Instant::now();
        let mut buf = [0u8; 1024];
        while !seen.contains(needle) && start.elapsed() < limit {
            match tokio::time::timeout(Duration::from_millis(200), reader.read(&mut buf)).await {
                Ok(Ok(n)) if n > 0 => seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Ok(_) => break,
                Err(_) => {}
            }
        }
        seen.contains(needle)
    };
    assert!(read_until("kx-prompt> ", &mut seen, DEADLINE).await, "no prompt: {seen:?}");
    writer.write_all(b"echo kx-$((40 + 2)); stty size\r").await.expect("type");
    assert!(read_until("kx-42", &mut seen, DEADLINE).await, "no echo: {seen:?}");
    assert!(read_until("24 80", &mut seen, DEADLINE).await, "initial size not sent: {seen:?}");

    // The local window changes; kx hears SIGWINCH and resizes the remote terminal.
    writer.resize(pty_process::Size::new(33, 101)).expect("resize");
    let start = Instant::now();
    loop {
        writer.write_all(b"stty size\r").await.expect("type");
        if read_until("33 101", &mut seen, Duration::from_secs(2)).await {
            break;
        }
        assert!(start.elapsed() < DEADLINE, "the remote terminal never saw the resize: {seen:?}");
    }
    writer.write_all(b"exit 3\r").await.expect("type");
    assert!(read_until("command terminated with exit code 3", &mut seen, DEADLINE).await, "{seen:?}");
    let status = tokio::time::timeout(DEADLINE, child.wait()).await.expect("kx exits").expect("status");
    assert_eq!(status.code(), Some(3), "terminal: {seen}");
}

/// Two kubeconfig files as `$KUBECONFIG` names them: entries in both, one current-context.
fn two_kubeconfigs(dir: &Path) -> String {
    let a = dir.join("a.yaml");
    let b = dir.join("b.yaml");
    std::fs::write(
        &a,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: zeta\n  cluster:\n    server: https://z:6443\n    certificate-authority-data: Zm9vCg==\n- name: alpha\n  cluster:\n    server: https://a:6443\n    insecure-skip-tls-verify: true\nusers:\n- name: u1\n  user:\n    token: secret\n    client-key-data: Zm9vCg==\n    username: bob\n    password: pw\n- name: u2\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1beta1\n      command: get-token\n      args: [a, b]\ncontexts:\n- name: c2\n  context:\n    cluster: zeta\n    user: u1\n    namespace: ns2\n- name: c1\n  context:\n    cluster: alpha\n    user: u2\ncurrent-context: c2\nmine: kept\n",
    )
    .expect("write a");
    std::fs::write(
        &b,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: alpha\n  cluster:\n    server: https://other:6443\n- name: beta\n  cluster:\n    server: https://b:6443\ncontexts:\n- name: c3\n  context:\n    cluster: beta\n    user: u1\ncurrent-context: c3\npreferences:\n  colors: true\n",
    )
    .expect("write b");
    std::env::join_paths([a, b]).expect("paths").to_string_lossy().into_owned()
}

async fn run_with(program: &str, kubeconfig: &str, dir: &Path, args: &[&str]) -> Out {
    let o = tokio::process::Command::new(program)
        .env("KUBECONFIG", kubeconfig)
        .env("XDG_STATE_HOME", dir.join("state"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .await
        .expect("runs");
    Out::from(o)
}

#[tokio::test]
async fn ops_config_commands_print_and_write_what_kubectl_does() {
    if !have_kubectl() {
        return;
    }
    let ours = tempfile::tempdir().expect("tempdir");
    let theirs = tempfile::tempdir().expect("tempdir");
    let kc_ours = two_kubeconfigs(ours.path());
    let kc_theirs = two_kubeconfigs(theirs.path());
    let kx_bin = env!("CARGO_BIN_EXE_kx");
    let both = async |args: &[&str]| {
        let a = run_with(kx_bin, &kc_ours, ours.path(), args).await;
        let b = run_with(super::support::KUBECTL, &kc_theirs, theirs.path(), args).await;
        assert_eq!((a.code, &a.stdout, &a.stderr), (b.code, &b.stdout, &b.stderr), "kx {args:?} differs from kubectl");
    };
    for args in [
        &["config", "view"][..],
        &["config", "view", "-o", "json"],
        &["config", "view", "--raw"],
        &["config", "view", "--minify"],
        &["config", "view", "--minify", "--context", "c3", "-o", "json"],
        &["config", "view", "--minify", "--context", "nope"],
        &["config", "get-contexts"],
        &["config", "get-contexts", "--no-headers"],
        &["config", "get-contexts", "-o", "name"],
        &["config", "get-contexts", "c1", "nope"],
        &["config", "current-context"],
        &["config", "use-context", "nope"],
        &["config", "set-context"],
        // Writes: each lands in the file that defines the entry; kubectl reads them back.
        &["config", "use-context", "c1"],
        &["config", "set-context", "c3", "--namespace", "blue"],
        &["config", "set-context", "--current", "--user", "u1"],
        &["config", "set-context", "fresh", "--cluster", "beta", "--user", "u2"],
        &["config", "view"],
        &["config", "get-contexts"],
        &["config", "current-context"],
    ] {
        both(args).await;
    }
    // Unknown keys survive kx's writes (kubectl drops them), and the files stay private.
    let a = std::fs::read_to_string(ours.path().join("a.yaml")).expect("a");
    assert!(a.contains("mine: kept"), "{a}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(ours.path().join("b.yaml")).expect("b").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[tokio::test]
async fn ops_ns_and_ctx_switches_are_read_back_by_kubectl() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    let minify_ns = async || tc.kubectl(&["config", "view", "--minify", "-o", "jsonpath={..namespace}"]).await.stdout;

    let listed = tc.kx(&["ns"]).await.ok();
    assert!(listed.stdout.lines().any(|l| l == "kube-system") && listed.stdout.lines().any(|l| l == "default"));
    assert_eq!(tc.kx(&["ns", "-c"]).await.ok().stdout, "default\n");

    let out = tc.kx(&["ns", "kube-system"]).await.ok();
    assert_eq!(out.stdout, "Context \"kx\" modified.\n");
    assert_eq!(out.stderr, "Active namespace is \"kube-system\".\n");
    assert_eq!(minify_ns().await, "kube-system");
    assert_eq!(tc.kx(&["ns", "-"]).await.ok().stderr, "Active namespace is \"default\".\n");
    assert_eq!(minify_ns().await, "default");
    tc.kx(&["ns", "-"]).await.ok();
    assert_eq!(minify_ns().await, "kube-system");

    let missing = tc.kx(&["ns", "nope"]).await;
    assert_eq!((missing.code, missing.stderr.as_str()), (1, "error: no namespace exists with name \"nope\".\n"));
    assert_eq!(minify_ns().await, "kube-system");
    tc.kx(&["ns", "nope", "--force"]).await.ok();
    assert_eq!(minify_ns().await, "nope");
    tc.kx(&["ns", "-u"]).await.ok();
    assert_eq!(minify_ns().await, "default");

    // A second context on the same cluster, added the way kubectl would.
    tc.kubectl(&["config", "set-context", "other", "--cluster", "kx", "--user", "kx", "--namespace", "kube-public"])
        .await
        .ok();
    assert_eq!(tc.kx(&["ctx"]).await.ok().stdout, "kx\nother\n");
    let out = tc.kx(&["ctx", "other"]).await.ok();
    assert_eq!(out.stdout, "Switched to context \"other\".\n");
    assert_eq!(tc.kubectl(&["config", "current-context"]).await.stdout, "other\n");
    assert_eq!(minify_ns().await, "kube-public");
    tc.kx(&["ctx", "-"]).await.ok();
    assert_eq!(tc.kubectl(&["config", "current-context"]).await.stdout, "kx\n");
    assert_eq!(tc.kx(&["ctx", "-c"]).await.ok().stdout, "kx\n");
    let missing = tc.kx(&["ctx", "nope"]).await;
    assert_eq!((missing.code, missing.stderr.as_str()), (1, "error: no context exists with the name: \"nope\"\n"));
    assert_eq!(tc.kubectl(&["config", "current-context"]).await.stdout, "kx\n");
}

/// kubectl's output for `tool_args` on the `k` object, with its name changed to `x`'s.
fn renamed(out: &Out, from: &str, to: &str) -> (i32, String, String) {
    (out.code, out.stdout.replace(from, to), out.stderr.replace(from, to))
}

/// Run `args` (with `@` for the object's name) under kubectl on `web-k` and under kx on
/// `web-x`, two deployments made the same way, and require the same result.
async fn same_on_twins(tc: &TestCluster, args: &[&str]) {
    let k: Vec<String> = args.iter().map(|a| a.replace('@', "web-k")).collect();
    let x: Vec<String> = args.iter().map(|a| a.replace('@', "web-x")).collect();
    let theirs = tc.kubectl(&k.iter().map(String::as_str).collect::<Vec<_>>()).await;
    let ours = tc.kx(&x.iter().map(String::as_str).collect::<Vec<_>>()).await;
    assert_eq!(
        (ours.code, ours.stdout.clone(), ours.stderr.clone()),
        renamed(&theirs, "web-k", "web-x"),
        "kx {x:?} differs from kubectl {k:?}"
    );
}

/// The pod template of `deployment`'s ReplicaSet for `revision`, without its hash label.
async fn revision_template(tc: &TestCluster, deployment: &str, revision: &str) -> Value {
    let out = tc.kubectl(&["get", "rs", "-l", &format!("app={deployment}"), "-o", "json"]).await.ok();
    let list: Value = serde_json::from_str(&out.stdout).expect("json");
    let rs = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|rs| rs["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == revision)
        .unwrap_or_else(|| panic!("no revision {revision} of {deployment}: {list}"))
        .clone();
    let mut t = rs["spec"]["template"].clone();
    t["metadata"]["labels"].as_object_mut().expect("labels").remove("pod-template-hash");
    t
}

async fn deployment_template(tc: &TestCluster, name: &str) -> Value {
    let out = tc.kubectl(&["get", "deploy", name, "-o", "jsonpath={.spec.template}"]).await.ok();
    serde_json::from_str(&out.stdout).expect("template json")
}

async fn settle(tc: &TestCluster, name: &str) {
    tc.kubectl(&["rollout", "status", &format!("deploy/{name}"), "--timeout=90s"]).await.ok();
}

#[tokio::test]
async fn ops_rollout_matches_kubectl_and_undo_restores_the_revision() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start_with(ClusterConfig { nodes: 1, ..Default::default() }).await;
    for name in ["web-k", "web-x"] {
        tc.kubectl(&["create", "deployment", name, "--image=nginx:1.25", "--replicas=2"]).await.ok();
        settle(&tc, name).await;
        tc.kubectl(&["set", "image", &format!("deploy/{name}"), "nginx=nginx:1.26"]).await.ok();
        settle(&tc, name).await;
        // Annotated after the change it explains, so only revision 3 carries the cause
        // however the controller's syncs fall.
        tc.kubectl(&["set", "image", &format!("deploy/{name}"), "nginx=nginx:1.27"]).await.ok();
        tc.kubectl(&["annotate", &format!("deploy/{name}"), "kubernetes.io/change-cause=to 1.27"]).await.ok();
        settle(&tc, name).await;
        eventually(Duration::from_secs(30), "the cause on revision 3", || async {
            let out = tc
                .kubectl(&[
                    "get",
                    "rs",
                    "-l",
                    &format!("app={name}"),
                    "-o",
                    "jsonpath={.items[*].metadata.annotations.kubernetes\\.io/change-cause}",
                ])
                .await;
            (out.stdout.trim() == "to 1.27").then_some(())
        })
        .await;
    }

    // Reading commands on the same object.
    for args in [
        &["rollout", "history", "deploy/web-k"][..],
        &["rollout", "history", "deployment", "web-k"],
        &["rollout", "history", "deploy/web-k", "--revision=3"],
        &["rollout", "history", "deploy/web-k", "--revision=9"],
        &["rollout", "history"],
        &["rollout", "status", "deploy/web-k"],
        &["rollout", "status", "deploy/web-k", "--watch=false"],
        &["rollout", "status", "deploy/nope"],
        &["rollout", "undo", "deploy/web-k", "--to-revision=9"],
    ] {
        same_as_kubectl(&tc, args).await;
    }
    let history = tc.kx(&["rollout", "history", "deploy/web-x"]).await.ok();
    let want =
        "deployment.apps/web-x \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         to 1.27\n\n";
    assert_eq!(history.stdout, want);

    // Undo to revision 1 on twins: same output, and the template is revision 1's.
    let wanted = revision_template(&tc, "web-x", "1").await;
    same_on_twins(&tc, &["rollout", "undo", "deploy/@", "--to-revision=1"]).await;
    assert_eq!(deployment_template(&tc, "web-x").await, wanted);
    let theirs = deployment_template(&tc, "web-k").await.to_string().replace("web-k", "web-x");
    assert_eq!(deployment_template(&tc, "web-x").await.to_string(), theirs);
    settle(&tc, "web-k").await;
    settle(&tc, "web-x").await;
    same_on_twins(&tc, &["rollout", "history", "deploy/@"]).await;
    same_on_twins(&tc, &["rollout", "status", "deploy/@"]).await;
    // The default undo goes back to the previous revision (the 1.27 one).
    same_on_twins(&tc, &["rollout", "undo", "deploy/@"]).await;
    let image =
        tc.kubectl(&["get", "deploy", "web-x", "-o", "jsonpath={.spec.template.spec.containers[0].image}"]).await;
    assert_eq!(image.stdout, "nginx:1.27");
    settle(&tc, "web-k").await;
    settle(&tc, "web-x").await;

    for args in [
        &["rollout", "pause", "deploy/@"][..],
        &["rollout", "pause", "deploy/@"],
        &["rollout", "restart", "deploy/@"],
        &["rollout", "undo", "deploy/@"],
        &["rollout", "resume", "deploy/@"],
        &["rollout", "resume", "deploy/@"],
        &["rollout", "restart", "deploy/@"],
    ] {
        same_on_twins(&tc, args).await;
    }
    let restarted = tc
        .kubectl(&[
            "get",
            "deploy",
            "web-x",
            "-o",
            "jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}",
        ])
        .await;
    assert!(restarted.stdout.parse::<jiff::Timestamp>().is_ok(), "{}", restarted.stdout);
    let done = tc.kx(&["rollout", "status", "deploy/web-x", "--timeout=90s"]).await.ok();
    assert_eq!(done.stdout.lines().last(), Some("deployment \"web-x\" successfully rolled out"), "{}", done.stdout);
}
