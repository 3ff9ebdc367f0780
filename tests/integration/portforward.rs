//! Port forwarding end to end: kube-rs' `Api::portforward` against the embedded apiserver
//! (the protocol's oracle), then `kx port-forward` as a process with real TCP clients, a
//! pod whose container is a small TCP echo server on the host's loopback (process runtime).
//! Errors: a closed port, a sim-runtime pod, a deleted pod. Then the real `kubectl
//! port-forward` over both of its transports: SPDY tunnelled in WebSocket (kubectl ≥ 1.31's
//! default) and plain SPDY (its fallback, and older kubectl's only transport).

use std::process::Stdio;
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kx::cluster::embedded::ClusterConfig;
use kx::cluster::kubelet::Runtime;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, Lines};
use tokio::net::TcpStream;
use tokio::process::{Child, ChildStderr, ChildStdout};

use super::support::{TestCluster, eventually, have_kubectl};

const DEADLINE: Duration = Duration::from_secs(90);

/// Greets each connection with `hello\n`, then echoes what it reads.
const ECHO_SERVER: &str = r#"
import socket, sys, threading
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(16)
print("listening", flush=True)
def serve(c):
    c.sendall(b"hello\n")
    while True:
        d = c.recv(65536)
        if not d:
            break
        c.sendall(d)
    c.close()
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
"#;

fn have_python() -> bool {
    let ok = std::process::Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("SKIPPED: python3 is not installed (the test pod's server needs it)");
    }
    ok
}

/// A port nothing listens on right now.
fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

async fn process_cluster() -> TestCluster {
    TestCluster::start_with(ClusterConfig { nodes: 1, runtime: Runtime::Process, ..Default::default() }).await
}

fn echo_pod(name: &str, port: u16) -> Value {
    json!({"apiVersion": "v1", "kind": "Pod",
           "metadata": {"name": name, "namespace": "default", "labels": {"app": name}},
           "spec": {"terminationGracePeriodSeconds": 1, "containers": [{
               "name": "server", "image": "python", "command": ["python3", "-c", ECHO_SERVER, port.to_string()],
               "ports": [{"name": "echo", "containerPort": port}]}]}})
}

async fn apply(tc: &TestCluster, manifest: Value) {
    tc.kubectl_stdin(&["apply", "-f", "-"], &manifest.to_string()).await.ok();
}

/// Start an echo pod and wait until its server answers.
async fn start_echo(tc: &TestCluster, name: &str) -> u16 {
    let port = free_port();
    apply(tc, echo_pod(name, port)).await;
    eventually(DEADLINE, &format!("{name} to serve on {port}"), || async move {
        let mut c = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
        let mut buf = [0u8; 6];
        c.read_exact(&mut buf).await.ok()?;
        (&buf == b"hello\n").then_some(())
    })
    .await;
    port
}

/// Write `msg` and read the same bytes back.
async fn echo(stream: &mut (impl AsyncReadExt + AsyncWriteExt + Unpin), msg: &[u8]) -> Vec<u8> {
    stream.write_all(msg).await.expect("write");
    let mut got = vec![0u8; msg.len()];
    tokio::time::timeout(Duration::from_secs(20), stream.read_exact(&mut got))
        .await
        .expect("echo in time")
        .expect("read");
    got
}

struct Forward {
    child: Child,
    stdout: Lines<BufReader<ChildStdout>>,
    stderr: ChildStderr,
}

impl Forward {
    fn spawn(tc: &TestCluster, args: &[&str]) -> Forward {
        let mut all = vec!["port-forward"];
        all.extend_from_slice(args);
        let mut child = tc.kx_command(&all).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("kx runs");
        let stdout = BufReader::new(child.stdout.take().expect("piped")).lines();
        let stderr = child.stderr.take().expect("piped");
        Forward { child, stdout, stderr }
    }

    async fn line(&mut self) -> String {
        match tokio::time::timeout(DEADLINE, self.stdout.next_line()).await {
            Ok(Ok(Some(l))) => l,
            other => {
                let mut err = String::new();
                let _ = tokio::time::timeout(Duration::from_secs(2), self.stderr.read_to_string(&mut err)).await;
                panic!("no line from kx port-forward ({other:?}); stderr:\n{err}")
            }
        }
    }

    /// The local port of the first `Forwarding from 127.0.0.1:PORT -> remote` line.
    async fn local_port(&mut self, remote: u16) -> u16 {
        let first = self.line().await;
        let rest = first.strip_prefix("Forwarding from 127.0.0.1:").unwrap_or_else(|| panic!("unexpected: {first}"));
        let (local, to) = rest.split_once(" -> ").expect("an arrow");
        assert_eq!(to, remote.to_string(), "{first}");
        local.parse().expect("a port")
    }

    /// Wait for kx to exit; its code and what it printed on stderr.
    async fn finish(mut self) -> (i32, String) {
        let status = tokio::time::timeout(DEADLINE, self.child.wait()).await.expect("kx exits").expect("status");
        let mut err = String::new();
        self.stderr.read_to_string(&mut err).await.expect("stderr");
        (status.code().unwrap_or(-1), err)
    }
}

#[tokio::test]
async fn portforward_kube_rs_round_trips_bytes_and_reports_closed_ports() {
    if !have_python() {
        return;
    }
    let tc = process_cluster().await;
    let port = start_echo(&tc, "echo").await;
    let closed = free_port();
    let pods: Api<Pod> = Api::namespaced(tc.remote_client().await, "default");

    // Two ports in one session: one served, one refused.
    let mut pf = pods.portforward("echo", &[port, closed]).await.expect("upgrade");
    let mut stream = pf.take_stream(port).expect("data stream");
    let refused = pf.take_error(closed).expect("error channel");
    let mut hello = [0u8; 6];
    stream.read_exact(&mut hello).await.expect("greeting");
    assert_eq!(&hello, b"hello\n");
    assert_eq!(echo(&mut stream, b"ping over kube-rs\n").await, b"ping over kube-rs\n");
    let big: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    assert_eq!(echo(&mut stream, &big).await, big, "bulk data survives framing");
    let message = tokio::time::timeout(DEADLINE, refused).await.expect("error in time").expect("an error message");
    assert!(
        message.starts_with(&format!("error forwarding port {closed} to pod "))
            && message.contains(&format!("dial tcp4 127.0.0.1:{closed}: connect: connection refused")),
        "{message}"
    );
    drop(stream);
    pf.join().await.expect("session ends cleanly");

    // Refusals before the upgrade are ordinary API errors.
    let err = pods.portforward("nope", &[80]).await.err().expect("no such pod").to_string();
    assert!(err.contains("pods \"nope\" not found"), "{err}");
}

#[tokio::test]
async fn portforward_cli_forwards_concurrent_connections_both_ways() {
    if !have_python() {
        return;
    }
    let tc = process_cluster().await;
    let port = start_echo(&tc, "echo").await;

    let mut fwd = Forward::spawn(&tc, &["pod/echo", &format!(":{port}")]);
    let local = fwd.local_port(port).await;
    assert_ne!(local, port, "`:PORT` picks a free local port");
    let mut a = TcpStream::connect(("127.0.0.1", local)).await.expect("connect a");
    let mut b = TcpStream::connect(("127.0.0.1", local)).await.expect("connect b");
    let mut greeting = [0u8; 6];
    for s in [&mut a, &mut b] {
        s.read_exact(&mut greeting).await.expect("greeting");
        assert_eq!(&greeting, b"hello\n");
    }
    // Interleaved, so both sessions are open at once.
    assert_eq!(echo(&mut a, b"from a\n").await, b"from a\n");
    assert_eq!(echo(&mut b, b"from b\n").await, b"from b\n");
    assert_eq!(echo(&mut a, b"a again\n").await, b"a again\n");
    let mut handled = Vec::new();
    let start = Instant::now();
    while handled.len() < 2 {
        assert!(start.elapsed() < DEADLINE);
        let l = fwd.line().await;
        if l.starts_with("Handling connection for") {
            handled.push(l);
        }
    }
    assert_eq!(handled, [format!("Handling connection for {local}"), format!("Handling connection for {local}")]);
    drop((a, b));

    // Ctrl-C ends it quietly and successfully, as kubectl.
    let pid = fwd.child.id().expect("running") as i32;
    // SAFETY: signalling our own child process by its id.
    unsafe { libc::kill(pid, libc::SIGINT) };
    let (code, err) = fwd.finish().await;
    assert_eq!((code, err.as_str()), (0, ""));
}

#[tokio::test]
async fn portforward_cli_maps_service_ports_and_loses_a_deleted_pod() {
    if !have_python() {
        return;
    }
    let tc = process_cluster().await;
    let port = start_echo(&tc, "echo").await;
    apply(
        &tc,
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "echo", "namespace": "default"},
               "spec": {"selector": {"app": "echo"}, "ports": [{"name": "web", "port": 80, "targetPort": "echo"}]}}),
    )
    .await;
    let local = free_port();
    // The service's port by name; the local side is the one given.
    let mut fwd = Forward::spawn(&tc, &["svc/echo", &format!("{local}:web")]);
    assert_eq!(fwd.line().await, format!("Forwarding from 127.0.0.1:{local} -> {port}"));
    let mut c = TcpStream::connect(("127.0.0.1", local)).await.expect("connect");
    let mut greeting = [0u8; 6];
    c.read_exact(&mut greeting).await.expect("greeting");
    assert_eq!(echo(&mut c, b"via the service\n").await, b"via the service\n");
    drop(c);

    tc.kubectl(&["delete", "pod", "echo", "--wait=false"]).await.ok();
    let (code, err) = fwd.finish().await;
    assert_eq!(code, 1, "{err}");
    assert!(err.ends_with("error: lost connection to pod\n"), "{err}");
}

#[tokio::test]
async fn portforward_cli_closed_port_is_an_error_and_ends_the_forward() {
    if !have_python() {
        return;
    }
    let tc = process_cluster().await;
    start_echo(&tc, "echo").await;
    let closed = free_port();
    let mut fwd = Forward::spawn(&tc, &["echo", &format!(":{closed}")]);
    let local = fwd.local_port(closed).await;
    let mut c = TcpStream::connect(("127.0.0.1", local)).await.expect("connect");
    let mut rest = Vec::new();
    let _ = tokio::time::timeout(DEADLINE, c.read_to_end(&mut rest)).await.expect("closed in time");
    assert!(rest.is_empty());
    let (code, err) = fwd.finish().await;
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "an error occurred forwarding {local} -> {closed}: error forwarding port {closed} to pod "
        )) && err.contains("connect: connection refused")
            && err.ends_with("error: lost connection to pod\n"),
        "{err}"
    );

    // Mistakes caught before listening.
    let out = tc.kx(&["port-forward", "nope", "80"]).await;
    assert_eq!((out.code, out.stderr.as_str()), (1, "Error from server (NotFound): pods \"nope\" not found\n"));
    let out = tc.kx(&["port-forward", "echo"]).await;
    assert!(
        out.stderr.starts_with("error: TYPE/NAME and list of ports are required for port-forward"),
        "{}",
        out.stderr
    );
    let out = tc.kx(&["port-forward", "echo", "8080:0"]).await;
    assert_eq!(out.stderr, "error: remote port must be > 0\n");
    let out = tc.kx(&["port-forward", "echo", "nameless"]).await;
    assert_eq!(out.stderr, "error: Pod 'echo' does not have a named port 'nameless'\n");
}

#[tokio::test]
async fn portforward_sim_pod_is_refused_with_the_reason() {
    let tc = TestCluster::start_with(ClusterConfig { nodes: 1, ..Default::default() }).await;
    apply(
        &tc,
        json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "simmed", "namespace": "default"},
               "spec": {"containers": [{"name": "c", "image": "nginx", "ports": [{"containerPort": 80}]}]}}),
    )
    .await;
    eventually(DEADLINE, "simmed to run", || async {
        let out = tc.kubectl(&["get", "pod", "simmed", "-o", "jsonpath={.status.phase}"]).await;
        (out.stdout == "Running").then_some(())
    })
    .await;

    // kube-rs hears it as the API error it is, before any upgrade.
    let pods: Api<Pod> = Api::namespaced(tc.remote_client().await, "default");
    let err = pods.portforward("simmed", &[80]).await.err().expect("refused").to_string();
    assert!(err.contains("simulated by kx's sim runtime") && err.contains("--runtime process"), "{err}");

    // kx reports it at the first connection and ends.
    let mut fwd = Forward::spawn(&tc, &["pod/simmed", ":80"]);
    let local = fwd.local_port(80).await;
    let mut c = TcpStream::connect(("127.0.0.1", local)).await.expect("connect");
    let mut rest = Vec::new();
    let _ = tokio::time::timeout(DEADLINE, c.read_to_end(&mut rest)).await;
    let (code, err) = fwd.finish().await;
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("simulated by kx's sim runtime"), "{err}");
    assert!(err.ends_with("error: lost connection to pod\n"), "{err}");

    // kubectl hears the node's refusal before any upgrade, and must say so rather than hang.
    if have_kubectl() {
        let mut cmd = tc.kubectl_command();
        cmd.args(["port-forward", "pod/simmed", ":80"]).stdout(Stdio::piped()).stderr(Stdio::piped());
        let out = tokio::time::timeout(DEADLINE, cmd.output()).await.expect("kubectl does not hang").expect("kubectl");
        let err = String::from_utf8_lossy(&out.stderr);
        eprintln!("kubectl port-forward said: {err}");
        assert!(!out.status.success(), "{err}");
        assert!(err.contains("simulated by kx's sim runtime"), "{err}");
    }
}

/// The real kubectl's transports for port-forward.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Transport {
    /// SPDY tunnelled in WebSocket (`SPDY/3.1+portforward.k8s.io`), kubectl ≥ 1.31's default.
    Tunnel,
    /// A plain `Upgrade: SPDY/3.1`: what kubectl falls back to, and all older kubectl speak.
    /// `KUBECTL_PORT_FORWARD_WEBSOCKETS=false` makes kubectl ≥ 1.31 go straight to it.
    Spdy,
}

/// A running `kubectl port-forward`, run with `-v=6` so its upgrade requests are logged.
struct KubectlForward {
    child: Child,
    stdout: Lines<BufReader<ChildStdout>>,
    stderr: ChildStderr,
}

impl KubectlForward {
    fn spawn(tc: &TestCluster, transport: Transport, args: &[&str]) -> KubectlForward {
        Self::from_command(tc.kubectl_command(), transport, args)
    }

    /// Run a given kubectl binary, set up like `TestCluster::kubectl_command`.
    fn spawn_program(tc: &TestCluster, program: &str, transport: Transport, args: &[&str]) -> KubectlForward {
        let mut cmd = tokio::process::Command::new(program);
        cmd.env("KUBECONFIG", &tc.kubeconfig)
            .arg("--cache-dir")
            .arg(tc.dir.path().join("cache"))
            .stdin(Stdio::null())
            .kill_on_drop(true);
        Self::from_command(cmd, transport, args)
    }

    fn from_command(mut cmd: tokio::process::Command, transport: Transport, args: &[&str]) -> KubectlForward {
        let websockets = if transport == Transport::Tunnel { "true" } else { "false" };
        cmd.env("KUBECTL_PORT_FORWARD_WEBSOCKETS", websockets)
            .args(["port-forward", "--address", "127.0.0.1", "-v=6"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("kubectl runs");
        let stdout = BufReader::new(child.stdout.take().expect("piped")).lines();
        let stderr = child.stderr.take().expect("piped");
        KubectlForward { child, stdout, stderr }
    }

    async fn line(&mut self) -> String {
        match tokio::time::timeout(DEADLINE, self.stdout.next_line()).await {
            Ok(Ok(Some(l))) => l,
            other => {
                let mut err = String::new();
                let _ = tokio::time::timeout(Duration::from_secs(2), self.stderr.read_to_string(&mut err)).await;
                panic!("no line from kubectl port-forward ({other:?}); stderr:\n{err}")
            }
        }
    }

    /// The local ports of kubectl's `Forwarding from 127.0.0.1:LOCAL -> REMOTE` lines, one
    /// per remote port, in order.
    async fn local_ports(&mut self, remotes: &[u16]) -> Vec<u16> {
        let mut locals = Vec::new();
        for remote in remotes {
            let l = self.line().await;
            let rest = l.strip_prefix("Forwarding from 127.0.0.1:").unwrap_or_else(|| panic!("unexpected: {l}"));
            let (local, to) = rest.split_once(" -> ").expect("an arrow");
            assert_eq!(to, remote.to_string(), "{l}");
            locals.push(local.parse().expect("a port"));
        }
        locals
    }

    /// Wait for kubectl to exit; its code and stderr.
    async fn finish(mut self) -> (i32, String) {
        let status = tokio::time::timeout(DEADLINE, self.child.wait()).await.expect("kubectl exits").expect("status");
        let mut err = String::new();
        self.stderr.read_to_string(&mut err).await.expect("stderr");
        (status.code().unwrap_or(-1), err)
    }

    /// Stop it with Ctrl-C; its stderr.
    async fn interrupt(mut self) -> String {
        let pid = self.child.id().expect("running") as i32;
        // SAFETY: signalling our own child process by its id.
        unsafe { libc::kill(pid, libc::SIGINT) };
        let _ = tokio::time::timeout(DEADLINE, self.child.wait()).await.expect("kubectl stops");
        let mut err = String::new();
        self.stderr.read_to_string(&mut err).await.expect("stderr");
        err
    }
}

/// Which transport kubectl's `-v=6` log shows it used: the upgrade that got its 101, a
/// WebSocket `GET` (the tunnel) or a SPDY `POST`. kubectl ≥ 1.31 logs
/// `"Response" verb="GET" url="https://…/portforward" status="101 Switching Protocols"`,
/// older ones `POST https://…/portforward 101 Switching Protocols in 3 milliseconds`.
fn used_transport(stderr: &str) -> Option<Transport> {
    let upgraded = |verb: &str| {
        stderr.lines().any(|l| {
            let structured = l.contains(&format!("verb=\"{verb}\""))
                && l.contains("/portforward\"")
                && l.contains("status=\"101 Switching Protocols\"");
            let plain = l.contains(&format!("{verb} https://")) && l.contains("/portforward 101 Switching Protocols");
            structured || plain
        })
    };
    match (upgraded("GET"), upgraded("POST")) {
        (true, false) => Some(Transport::Tunnel),
        (false, true) => Some(Transport::Spdy),
        _ => None,
    }
}

/// `n` bytes of a pattern that differs per connection.
fn payload(n: usize, seed: u8) -> Vec<u8> {
    (0..n).map(|i| ((i * 7) as u8).wrapping_add(seed)).collect()
}

/// Connect through a forward, read the greeting, then write and read back `data` with the
/// two directions running at once (a few hundred KB does not fit in socket buffers, so a
/// server that did not copy both ways concurrently would stall).
async fn echo_through(local: u16, data: Vec<u8>) -> TcpStream {
    let mut c = TcpStream::connect(("127.0.0.1", local)).await.expect("connect to kubectl");
    let mut greeting = [0u8; 6];
    tokio::time::timeout(DEADLINE, c.read_exact(&mut greeting)).await.expect("greeting in time").expect("greeting");
    assert_eq!(&greeting, b"hello\n");
    let (mut rd, mut wr) = c.split();
    let write = async {
        wr.write_all(&data).await.expect("write");
    };
    let read = async {
        let mut got = vec![0u8; data.len()];
        tokio::time::timeout(DEADLINE, rd.read_exact(&mut got)).await.expect("echo in time").expect("read");
        got
    };
    let ((), got) = tokio::join!(write, read);
    assert!(got == data, "{} bytes came back different", data.len());
    c
}

async fn kubectl_round_trips_concurrent_connections(transport: Transport) {
    if !have_python() || !have_kubectl() {
        return;
    }
    round_trips_concurrent_connections(None, transport).await;
}

/// `program`: a kubectl binary other than the dispatcher.
async fn round_trips_concurrent_connections(program: Option<&str>, transport: Transport) {
    let tc = process_cluster().await;
    let port = start_echo(&tc, "echo").await;
    let args = ["pod/echo".to_string(), format!(":{port}")];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut fwd = match program {
        Some(p) => KubectlForward::spawn_program(&tc, p, transport, &args),
        None => KubectlForward::spawn(&tc, transport, &args),
    };
    let local = fwd.local_ports(&[port]).await[0];

    // Two connections at once, each with 300 KB each way.
    let (a, b) = tokio::join!(echo_through(local, payload(300_000, 1)), echo_through(local, payload(300_000, 2)));
    // A closed connection ends its stream pair; the forward serves the next one.
    drop((a, b));
    let c = echo_through(local, b"after the first two\n".to_vec()).await;
    drop(c);

    let err = fwd.interrupt().await;
    assert_eq!(used_transport(&err), Some(transport), "{err}");
    assert!(!err.contains("Unhandled Error"), "{err}");
}

#[tokio::test]
async fn portforward_kubectl_tunnelled_spdy_round_trips_concurrent_connections() {
    kubectl_round_trips_concurrent_connections(Transport::Tunnel).await;
}

#[tokio::test]
async fn portforward_kubectl_plain_spdy_round_trips_concurrent_connections() {
    kubectl_round_trips_concurrent_connections(Transport::Spdy).await;
}

/// kubectl 1.30 and older have no tunnel: plain SPDY is all they speak. The dispatcher
/// picks the server's minor version, so the older binary is run directly when installed.
#[tokio::test]
async fn portforward_kubectl_1_30_plain_spdy_round_trips_concurrent_connections() {
    const KUBECTL_1_30: &str = "/usr/lib/google-cloud-sdk/bin/kubectl.1.30";
    if !have_python() || !have_kubectl() {
        return;
    }
    if !std::path::Path::new(KUBECTL_1_30).exists() {
        eprintln!("SKIPPED: {KUBECTL_1_30} is not installed");
        return;
    }
    round_trips_concurrent_connections(Some(KUBECTL_1_30), Transport::Spdy).await;
}

/// A pod with two echo servers, one per container.
fn two_port_pod(name: &str, ports: [u16; 2]) -> Value {
    let container = |n: &str, port: u16| {
        json!({"name": n, "image": "python", "command": ["python3", "-c", ECHO_SERVER, port.to_string()],
               "ports": [{"containerPort": port}]})
    };
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": "default"},
           "spec": {"terminationGracePeriodSeconds": 1,
                    "containers": [container("a", ports[0]), container("b", ports[1])]}})
}

#[tokio::test]
async fn portforward_kubectl_forwards_two_ports_in_one_command() {
    if !have_python() || !have_kubectl() {
        return;
    }
    let tc = process_cluster().await;
    let ports = [free_port(), free_port()];
    apply(&tc, two_port_pod("pair", ports)).await;
    for port in ports {
        eventually(DEADLINE, &format!("pair to serve on {port}"), || async move {
            TcpStream::connect(("127.0.0.1", port)).await.ok().map(drop)
        })
        .await;
    }
    let mut fwd = KubectlForward::spawn(
        &tc,
        Transport::Tunnel,
        &["pod/pair", &format!(":{}", ports[0]), &format!(":{}", ports[1])],
    );
    let locals = fwd.local_ports(&ports).await;
    let (a, b) =
        tokio::join!(echo_through(locals[0], payload(100_000, 3)), echo_through(locals[1], payload(100_000, 4)));
    drop((a, b));
    let err = fwd.interrupt().await;
    assert_eq!(used_transport(&err), Some(Transport::Tunnel), "{err}");
}

/// `svc/NAME` forwards to the service's pod through its targetPort; deleting the pod
/// ends the session, and kubectl exits 1 with `lost connection to pod`.
async fn kubectl_service_and_deleted_pod(transport: Transport) {
    if !have_python() || !have_kubectl() {
        return;
    }
    let tc = process_cluster().await;
    let port = start_echo(&tc, "echo").await;
    apply(
        &tc,
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "echo", "namespace": "default"},
               "spec": {"selector": {"app": "echo"}, "ports": [{"name": "web", "port": 80, "targetPort": "echo"}]}}),
    )
    .await;
    let mut fwd = KubectlForward::spawn(&tc, transport, &["svc/echo", ":web"]);
    let local = fwd.local_ports(&[port]).await[0];
    drop(echo_through(local, b"via the service\n".to_vec()).await);

    tc.kubectl(&["delete", "pod", "echo", "--wait=false"]).await.ok();
    let (code, err) = fwd.finish().await;
    assert_eq!(code, 1, "{err}");
    assert!(err.ends_with("error: lost connection to pod\n"), "{err}");
    assert_eq!(used_transport(&err), Some(transport), "{err}");
}

#[tokio::test]
async fn portforward_kubectl_tunnelled_spdy_service_and_deleted_pod() {
    kubectl_service_and_deleted_pod(Transport::Tunnel).await;
}

#[tokio::test]
async fn portforward_kubectl_plain_spdy_service_and_deleted_pod() {
    kubectl_service_and_deleted_pod(Transport::Spdy).await;
}

/// A port nothing listens on: the kubelet's dial error reaches kubectl on the error
/// stream, and kubectl prints it.
async fn kubectl_closed_port(transport: Transport) {
    if !have_python() || !have_kubectl() {
        return;
    }
    let tc = process_cluster().await;
    start_echo(&tc, "echo").await;
    let closed = free_port();
    let mut fwd = KubectlForward::spawn(&tc, transport, &["pod/echo", &format!(":{closed}")]);
    let local = fwd.local_ports(&[closed]).await[0];
    let mut c = TcpStream::connect(("127.0.0.1", local)).await.expect("connect");
    let mut rest = Vec::new();
    let _ = tokio::time::timeout(DEADLINE, c.read_to_end(&mut rest)).await.expect("closed in time");
    assert!(rest.is_empty());
    let (code, err) = fwd.finish().await;
    eprintln!("kubectl port-forward said:\n{err}");
    assert!(
        err.contains(&format!(
            "an error occurred forwarding {local} -> {closed}: error forwarding port {closed} to pod "
        )) && err.contains(&format!("dial tcp4 127.0.0.1:{closed}: connect: connection refused")),
        "{err}"
    );
    // kubectl ≥ 1.29 closes the whole session after an error on an error stream.
    assert_eq!(code, 1, "{err}");
    assert!(err.ends_with("error: lost connection to pod\n"), "{err}");
    assert_eq!(used_transport(&err), Some(transport), "{err}");
}

#[tokio::test]
async fn portforward_kubectl_tunnelled_spdy_reports_a_closed_port() {
    kubectl_closed_port(Transport::Tunnel).await;
}

#[tokio::test]
async fn portforward_kubectl_plain_spdy_reports_a_closed_port() {
    kubectl_closed_port(Transport::Spdy).await;
}

/// kubectl exec still has no SPDY: its fallback gets the clear refusal.
#[tokio::test]
async fn portforward_kubectl_exec_over_spdy_is_still_refused() {
    if !have_python() || !have_kubectl() {
        return;
    }
    let tc = process_cluster().await;
    start_echo(&tc, "echo").await;
    let out = tc.kubectl_env(&["exec", "echo", "--", "true"], &[("KUBECTL_REMOTE_COMMAND_WEBSOCKETS", "false")]).await;
    assert_ne!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("does not serve exec over SPDY"), "{}", out.stderr);
}
