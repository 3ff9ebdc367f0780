//! The simulated kubelet against the embedded apiserver: node registration and leases, pod
//! lifecycle in the `sim` and `process` runtimes (IPs from the node's CIDR, container
//! statuses, crash-loop back-off, graceful deletion), and `pods/log` and `pods/exec` through
//! real kubectl and kube-rs. Pods are created with `spec.nodeName` set, as if scheduled.
//! Every wait polls with a generous deadline; nothing asserts on timing.

use std::future::Future;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::{Node, Pod};
use kube::api::{Api, AttachParams, DeleteParams, LogParams, PostParams};
use kx::cluster::embedded::{Cluster, ClusterConfig};
use kx::cluster::kubelet::{self, BackoffPolicy, Kubelet, NodeConfig, PodCidr, Runtime};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const DEADLINE: Duration = Duration::from_secs(90);

/// Poll `f` until it yields a value or the deadline passes.
async fn eventually<T, F, Fut>(what: &str, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(v) = f().await {
            return v;
        }
        assert!(start.elapsed() < DEADLINE, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

struct Env {
    cluster: Cluster,
    kubelets: Vec<Kubelet>,
    dir: tempfile::TempDir,
    kubeconfig: PathBuf,
}

impl Env {
    async fn start(nodes: Vec<NodeConfig>) -> Env {
        let dir = tempfile::tempdir().expect("tempdir");
        // No scheduler: pods name their node, or are bound by the test.
        let config = ClusterConfig { scheduler: false, ..Default::default() };
        let cluster = Cluster::start(config).await.expect("cluster starts");
        let kubeconfig = dir.path().join("kubeconfig");
        std::fs::write(&kubeconfig, cluster.kubeconfig("kx")).expect("kubeconfig written");
        let mut kubelets = Vec::new();
        for n in nodes {
            kubelets.push(kubelet::start(cluster.api.client(), cluster.api.clone(), n).await.expect("kubelet starts"));
        }
        Env { cluster, kubelets, dir, kubeconfig }
    }

    fn node(name: &str, cidr: &str, runtime: Runtime, root: &Path) -> NodeConfig {
        let mut n = NodeConfig::new(name, cidr, runtime, &root.join(name));
        // Short back-offs and heartbeats keep the tests quick; the logic is the kubelet's.
        n.backoff = BackoffPolicy { initial: Duration::from_millis(500), max: Duration::from_secs(8) };
        n.heartbeat = Duration::from_millis(500);
        n
    }

    fn pods(&self) -> Api<Pod> {
        Api::namespaced(self.cluster.api.client(), "default")
    }

    async fn create(&self, pod: Value) -> Pod {
        let pod: Pod = serde_json::from_value(pod).expect("pod json");
        self.pods().create(&PostParams::default(), &pod).await.expect("pod created")
    }

    async fn wait_pod(&self, name: &str, what: &str, f: impl Fn(&Value) -> bool) -> Value {
        let pods = self.pods();
        let f = &f;
        eventually(what, || {
            let pods = pods.clone();
            async move {
                let p = pods.get_opt(name).await.ok().flatten()?;
                let v = serde_json::to_value(&p).ok()?;
                f(&v).then_some(v)
            }
        })
        .await
    }

    async fn wait_gone(&self, name: &str) {
        let pods = self.pods();
        eventually(&format!("pod {name} to be deleted"), || {
            let pods = pods.clone();
            async move { matches!(pods.get_opt(name).await, Ok(None)).then_some(()) }
        })
        .await
    }

    /// A client over real HTTPS (the in-process one cannot upgrade connections).
    async fn remote_client(&self) -> kube::Client {
        let kc = kube::config::Kubeconfig::read_from(&self.kubeconfig).expect("kubeconfig");
        let config = kube::Config::from_custom_kubeconfig(kc, &kube::config::KubeConfigOptions::default())
            .await
            .expect("client config");
        kube::Client::try_from(config).expect("client")
    }

    fn kubectl(&self) -> Command {
        let mut c = Command::new("kubectl");
        c.arg("--kubeconfig").arg(&self.kubeconfig).arg("--cache-dir").arg(self.dir.path().join("cache"));
        c
    }

    async fn kubectl_output(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut cmd = self.kubectl();
        cmd.args(args).stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let input = stdin.map(str::to_string);
        tokio::task::spawn_blocking(move || {
            let mut child = cmd.spawn().expect("kubectl runs");
            if let Some(text) = input {
                let mut s = child.stdin.take().expect("stdin");
                s.write_all(text.as_bytes()).expect("stdin written");
            }
            child.wait_with_output().expect("kubectl output")
        })
        .await
        .expect("kubectl task")
    }
}

fn kubectl_available() -> bool {
    let found = Command::new("kubectl")
        .arg("version")
        .arg("--client")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !found {
        assert!(std::env::var_os("CI").is_none(), "kubectl is required in CI");
        eprintln!("skipping: kubectl is not installed (and CI is unset)");
    }
    found
}

fn running(v: &Value) -> bool {
    v["status"]["phase"] == "Running" && v["status"]["containerStatuses"][0]["state"]["running"].is_object()
}

fn shell_pod(name: &str, node: &str, script: &str, restart: &str) -> Value {
    json!({
        "metadata": {"name": name, "namespace": "default"},
        "spec": {
            "nodeName": node,
            "restartPolicy": restart,
            "terminationGracePeriodSeconds": 5,
            "containers": [{"name": "main", "image": "busybox", "command": ["sh", "-c", script],
                            "env": [{"name": "PS1", "value": "kx-prompt> "}]}],
        },
    })
}

#[tokio::test]
async fn kubelet_sim_node_registers_with_lease_and_runs_pods_in_its_cidr() {
    let root = tempfile::tempdir().expect("tempdir");
    let env = Env::start(vec![Env::node("n1", "10.244.7.0/24", Runtime::Sim, root.path())]).await;
    let client = env.cluster.api.client();

    let node = Api::<Node>::all(client.clone()).get("n1").await.expect("node registered");
    let nv = serde_json::to_value(&node).expect("json");
    assert_eq!(nv["metadata"]["labels"]["kubernetes.io/hostname"], "n1");
    assert_eq!(nv["spec"]["podCIDR"], "10.244.7.0/24");
    let ready =
        nv["status"]["conditions"].as_array().expect("conditions").iter().find(|c| c["type"] == "Ready").cloned();
    assert_eq!(ready.expect("Ready condition")["status"], "True");
    let lease = Api::<Lease>::namespaced(client.clone(), "kube-node-lease").get("n1").await.expect("lease");
    let first_renew = lease.spec.as_ref().and_then(|s| s.renew_time.clone()).expect("renewed");
    eventually("the lease to be renewed", || {
        let leases = Api::<Lease>::namespaced(client.clone(), "kube-node-lease");
        let first = first_renew.clone();
        async move {
            let l = leases.get("n1").await.ok()?;
            (l.spec?.renew_time? > first).then_some(())
        }
    })
    .await;

    env.create(json!({
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"nodeName": "n1", "containers": [{"name": "nginx", "image": "nginx:1.27"}, {"name": "side", "image": "busybox"}]},
    }))
    .await;
    let v =
        env.wait_pod("web", "web to run", |v| running(v) && v["status"]["containerStatuses"][1]["ready"] == true).await;
    let cidr: PodCidr = "10.244.7.0/24".parse().expect("cidr");
    let ip: std::net::Ipv4Addr = v["status"]["podIP"].as_str().expect("podIP").parse().expect("an IPv4 address");
    assert!(cidr.contains(ip), "{ip} is in the node's CIDR");
    assert_ne!(ip, cidr.gateway());
    assert_eq!(v["status"]["hostIP"], "127.0.0.1");
    let cs = &v["status"]["containerStatuses"][0];
    assert_eq!(cs["name"], "nginx");
    assert_eq!(cs["restartCount"], 0);
    assert_eq!(cs["started"], true);
    assert!(cs["state"]["running"]["startedAt"].is_string());
    assert!(cs["containerID"].as_str().expect("id").starts_with("sim://"));
    let conditions = v["status"]["conditions"].as_array().expect("conditions");
    for t in ["PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready", "PodScheduled"] {
        assert!(conditions.iter().any(|c| c["type"] == t && c["status"] == "True"), "{t} in {conditions:?}");
    }

    let logs = env
        .pods()
        .logs("web", &LogParams { container: Some("nginx".into()), ..Default::default() })
        .await
        .expect("logs");
    assert!(logs.contains("[kx sim]") && logs.contains("simulated"), "{logs}");

    // The kubelet's events, recorded through kube-runtime's Recorder.
    let events: Api<k8s_openapi::api::events::v1::Event> = Api::namespaced(client.clone(), "default");
    let reasons = eventually("the kubelet's events", || {
        let events = events.clone();
        async move {
            let list = events.list(&Default::default()).await.ok()?;
            let reasons: Vec<String> = list
                .items
                .iter()
                .filter(|e| {
                    e.reporting_controller.as_deref() == Some("kubelet")
                        && e.reporting_instance.as_deref() == Some("n1")
                })
                .filter_map(|e| e.reason.clone())
                .collect();
            ["Pulling", "Pulled", "Created", "Started"]
                .iter()
                .all(|r| reasons.iter().any(|x| x == r))
                .then_some(reasons)
        }
    })
    .await;
    assert!(!reasons.is_empty());

    // A pod bound later through pods/binding, as the scheduler binds, is picked up too.
    env.create(json!({"metadata": {"name": "late", "namespace": "default"},
                      "spec": {"containers": [{"name": "c", "image": "nginx"}]}}))
        .await;
    let binding = json!({"apiVersion": "v1", "kind": "Binding", "metadata": {"name": "late"},
                         "target": {"apiVersion": "v1", "kind": "Node", "name": "n1"}});
    let _: k8s_openapi::apimachinery::pkg::apis::meta::v1::Status =
        env.pods().create_subresource("binding", "late", &PostParams::default(), &binding).await.expect("bound");
    env.wait_pod("late", "the bound pod to run", running).await;

    // Deletion: the kubelet stops the containers, then removes the pod.
    env.pods().delete("web", &DeleteParams::default()).await.expect("delete");
    env.wait_gone("web").await;
    env.pods().delete("late", &DeleteParams::default()).await.expect("delete");
    env.wait_gone("late").await;
    eventually("the pod IPs to be released", || async { (env.kubelets[0].pod_ips_in_use() == 0).then_some(()) }).await;
}

#[tokio::test]
async fn kubelet_sim_run_to_completion_pods_succeed_or_fail() {
    let root = tempfile::tempdir().expect("tempdir");
    let env = Env::start(vec![Env::node("n1", "10.244.1.0/24", Runtime::Sim, root.path())]).await;
    env.create(json!({
        "metadata": {"name": "job", "namespace": "default", "annotations": {"kx.dev/sim-run-seconds": "0.2"}},
        "spec": {"nodeName": "n1", "restartPolicy": "Never",
                 "initContainers": [{"name": "setup", "image": "busybox"}],
                 "containers": [{"name": "work", "image": "busybox"}]},
    }))
    .await;
    env.create(json!({
        "metadata": {"name": "broken", "namespace": "default", "annotations": {"kx.dev/sim-exit-code": "2", "kx.dev/sim-run-seconds": "0.2"}},
        "spec": {"nodeName": "n1", "restartPolicy": "Never", "containers": [{"name": "work", "image": "busybox"}]},
    }))
    .await;
    let job = env.wait_pod("job", "job to succeed", |v| v["status"]["phase"] == "Succeeded").await;
    assert_eq!(job["status"]["initContainerStatuses"][0]["state"]["terminated"]["reason"], "Completed");
    assert_eq!(job["status"]["containerStatuses"][0]["state"]["terminated"]["exitCode"], 0);
    let broken = env.wait_pod("broken", "broken to fail", |v| v["status"]["phase"] == "Failed").await;
    let t = &broken["status"]["containerStatuses"][0]["state"]["terminated"];
    assert_eq!(t["exitCode"], 2);
    assert_eq!(t["reason"], "Error");
    // Finished pods give their IPs back.
    eventually("IPs of finished pods to be released", || async {
        (env.kubelets[0].pod_ips_in_use() == 0).then_some(())
    })
    .await;
}

#[tokio::test]
async fn kubelet_process_crash_loop_backs_off_longer_each_time() {
    let root = tempfile::tempdir().expect("tempdir");
    let env = Env::start(vec![Env::node("n1", "10.244.2.0/24", Runtime::Process, root.path())]).await;
    let mut crash = shell_pod("crash", "n1", "echo crashing; exit 3", "Always");
    crash["spec"]["containers"][0]["terminationMessagePolicy"] = json!("FallbackToLogsOnError");
    env.create(crash).await;
    let mut messages: Vec<String> = Vec::new();
    let mut restarts: Vec<i64> = Vec::new();
    let start = Instant::now();
    // Watch the status until four back-offs have been seen.
    while messages.len() < 4 && !messages.last().is_some_and(|m| m.starts_with("back-off 8s")) {
        assert!(start.elapsed() < DEADLINE, "crash loop progressed only to {messages:?} / {restarts:?}");
        let p = env.pods().get("crash").await.expect("pod");
        let v = serde_json::to_value(&p).expect("json");
        let cs = &v["status"]["containerStatuses"][0];
        if let Some(n) = cs["restartCount"].as_i64()
            && restarts.last() != Some(&n)
        {
            restarts.push(n);
        }
        if cs["state"]["waiting"]["reason"] == "CrashLoopBackOff" {
            let m = cs["state"]["waiting"]["message"].as_str().expect("message").to_string();
            assert!(
                m.ends_with(&format!(
                    "restarting failed container=main pod=crash_default({})",
                    p.metadata.uid.clone().unwrap_or_default()
                )),
                "{m}"
            );
            assert_eq!(cs["lastState"]["terminated"]["exitCode"], 3);
            assert_eq!(cs["lastState"]["terminated"]["reason"], "Error");
            assert_eq!(cs["lastState"]["terminated"]["message"], "crashing\n", "the log's end, as the policy asks");
            assert_eq!(v["status"]["phase"], "Running");
            if messages.last() != Some(&m) {
                messages.push(m);
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Each back-off doubles the one before (500 ms, 1 s, 2 s, …); a slow poll may miss one.
    let millis = |d: &str| match d.strip_suffix("ms") {
        Some(ms) => ms.parse::<u64>().expect("ms"),
        None => d.trim_end_matches('s').parse::<u64>().expect("s") * 1000,
    };
    let delays: Vec<u64> = messages.iter().map(|m| millis(m.split(' ').nth(1).expect("delay"))).collect();
    assert!(delays.windows(2).all(|w| w[0] < w[1]), "back-off grows: {messages:?}");
    assert!(delays.iter().all(|d| [500, 1000, 2000, 4000, 8000].contains(d)), "{messages:?}");
    assert!(restarts.windows(2).all(|w| w[0] < w[1]), "restart counts only grow: {restarts:?}");
    assert!(*restarts.last().expect("some") >= 3, "{restarts:?}");
    // The crashed instance's output stays readable while the container waits.
    let logs =
        env.pods().logs("crash", &LogParams { previous: true, ..Default::default() }).await.expect("previous logs");
    assert_eq!(logs, "crashing\n");

    // Last words written to the termination-message file, below the container's root.
    let words = "echo 'out of cheese' > \"$KX_CONTAINER_ROOT/dev/termination-log\"; exit 1";
    env.create(shell_pod("words", "n1", words, "Never")).await;
    let v = env.wait_pod("words", "words to fail", |v| v["status"]["phase"] == "Failed").await;
    assert_eq!(v["status"]["containerStatuses"][0]["state"]["terminated"]["message"], "out of cheese\n");
}

#[tokio::test]
async fn kubelet_process_env_volumes_and_graceful_deletion() {
    let root = tempfile::tempdir().expect("tempdir");
    let env = Env::start(vec![Env::node("n1", "10.244.3.0/24", Runtime::Process, root.path())]).await;
    let client = env.cluster.api.client();
    let cm: k8s_openapi::api::core::v1::ConfigMap = serde_json::from_value(
        json!({"metadata": {"name": "app"}, "data": {"greeting": "hello", "app.conf": "port=80"}}),
    )
    .expect("cm");
    Api::namespaced(client.clone(), "default").create(&PostParams::default(), &cm).await.expect("configmap");
    let script = "echo \"$GREETING from $POD_NAME at $POD_IP\"; cat \"$KX_CONTAINER_ROOT/etc/app/app.conf\"; echo; \
                  trap 'echo stopping >> \"$MARKER\"; exit 0' TERM; while true; do sleep 0.1; done";
    let marker = root.path().join("marker");
    let mut pod = shell_pod("envy", "n1", script, "Always");
    pod["spec"]["containers"][0]["env"] = json!([
        {"name": "GREETING", "valueFrom": {"configMapKeyRef": {"name": "app", "key": "greeting"}}},
        {"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
        {"name": "POD_IP", "valueFrom": {"fieldRef": {"fieldPath": "status.podIP"}}},
        {"name": "MARKER", "value": marker.display().to_string()},
    ]);
    pod["spec"]["containers"][0]["lifecycle"] =
        json!({"preStop": {"exec": {"command": ["sh", "-c", "echo prestop >> \"$MARKER\""]}}});
    pod["spec"]["containers"][0]["volumeMounts"] = json!([{"name": "cfg", "mountPath": "/etc/app"}]);
    pod["spec"]["containers"][0]["readinessProbe"] = json!({"exec": {"command": ["true"]}, "periodSeconds": 1});
    pod["spec"]["volumes"] = json!([{"name": "cfg", "configMap": {"name": "app"}}]);
    env.create(pod).await;
    let v = env
        .wait_pod("envy", "envy to be ready", |v| running(v) && v["status"]["containerStatuses"][0]["ready"] == true)
        .await;
    let ip = v["status"]["podIP"].as_str().expect("ip").to_string();
    let logs = eventually("the greeting in the log", || {
        let pods = env.pods();
        async move {
            let l = pods.logs("envy", &LogParams::default()).await.ok()?;
            l.contains("port=80").then_some(l)
        }
    })
    .await;
    assert!(logs.starts_with(&format!("hello from envy at {ip}\nport=80")), "{logs}");

    // A container whose ConfigMap is missing waits with kubelet's reason.
    let mut missing = shell_pod("missing", "n1", "sleep 100", "Always");
    missing["spec"]["containers"][0]["env"] =
        json!([{"name": "X", "valueFrom": {"configMapKeyRef": {"name": "nope", "key": "k"}}}]);
    env.create(missing).await;
    let v = env
        .wait_pod("missing", "a config error", |v| {
            v["status"]["containerStatuses"][0]["state"]["waiting"]["reason"] == "CreateContainerConfigError"
        })
        .await;
    assert_eq!(v["status"]["containerStatuses"][0]["state"]["waiting"]["message"], "configmap \"nope\" not found");
    assert_eq!(v["status"]["phase"], "Pending");

    // Graceful deletion: the preStop hook runs, then SIGTERM reaches the trap, then the pod
    // goes away.
    env.pods().delete("envy", &DeleteParams::default()).await.expect("delete");
    let terminating = env.pods().get("envy").await;
    if let Ok(p) = terminating {
        assert!(p.metadata.deletion_timestamp.is_some(), "a running pod stays while it terminates");
    }
    env.wait_gone("envy").await;
    assert_eq!(std::fs::read_to_string(&marker).expect("marker written"), "prestop\nstopping\n");
    env.pods().delete("missing", &DeleteParams::default()).await.expect("delete");
    env.wait_gone("missing").await;
}

#[tokio::test]
async fn kubelet_cluster_nodes_taint_the_control_plane_when_there_are_workers() {
    let root = tempfile::tempdir().expect("tempdir");
    let nodes = kubelet::cluster_nodes(3, Runtime::Sim, root.path());
    let env = Env::start(nodes).await;
    let client = env.cluster.api.client();
    let list = Api::<Node>::all(client.clone()).list(&Default::default()).await.expect("nodes");
    let mut names: Vec<String> = list.items.iter().filter_map(|n| n.metadata.name.clone()).collect();
    names.sort();
    assert_eq!(names, ["kx-control-plane", "kx-worker", "kx-worker2"]);
    let cp = list.items.iter().find(|n| n.metadata.name.as_deref() == Some("kx-control-plane")).expect("control plane");
    let taints = cp.spec.as_ref().and_then(|s| s.taints.clone()).unwrap_or_default();
    assert_eq!(taints[0].key, "node-role.kubernetes.io/control-plane");
    assert_eq!(taints[0].effect, "NoSchedule");
    let leases = Api::<Lease>::namespaced(client, "kube-node-lease").list(&Default::default()).await.expect("leases");
    assert_eq!(leases.items.len(), 3);
    for (i, node) in ["kx-control-plane", "kx-worker", "kx-worker2"].iter().enumerate() {
        env.create(json!({"metadata": {"name": format!("p{i}"), "namespace": "default"},
                          "spec": {"nodeName": node, "containers": [{"name": "c", "image": "nginx"}]}}))
            .await;
        let v = env.wait_pod(&format!("p{i}"), "the pod to run", running).await;
        let ip: std::net::Ipv4Addr = v["status"]["podIP"].as_str().expect("ip").parse().expect("ipv4");
        assert_eq!(ip.octets()[2] as usize, i, "{node}'s pods get IPs from its own /24");
    }
}

#[tokio::test]
async fn kubelet_exec_through_kube_rs_carries_streams_and_exit_codes() {
    let root = tempfile::tempdir().expect("tempdir");
    let env = Env::start(vec![Env::node("n1", "10.244.4.0/24", Runtime::Process, root.path())]).await;
    env.create(shell_pod("box", "n1", "sleep 1000", "Always")).await;
    env.wait_pod("box", "box to run", running).await;
    let pods: Api<Pod> = Api::namespaced(env.remote_client().await, "default");

    let mut attached = pods
        .exec("box", ["sh", "-c", "echo out; echo err >&2; exit 4"], &AttachParams::default().stdout(true).stderr(true))
        .await
        .expect("exec starts");
    let mut out = String::new();
    attached.stdout().expect("stdout").read_to_string(&mut out).await.expect("stdout read");
    let mut err = String::new();
    attached.stderr().expect("stderr").read_to_string(&mut err).await.expect("stderr read");
    let status = attached.take_status().expect("status").await.expect("a status");
    assert_eq!(out, "out\n");
    assert_eq!(err, "err\n");
    assert_eq!(status.reason.as_deref(), Some("NonZeroExitCode"));
    let cause = status.details.and_then(|d| d.causes).and_then(|c| c.into_iter().next()).expect("a cause");
    assert_eq!(cause.message.as_deref(), Some("4"));

    let mut attached = pods
        .exec("box", ["sh", "-c", "tr a-z A-Z"], &AttachParams::default().stdin(true).stdout(true).stderr(false))
        .await
        .expect("exec with stdin");
    let mut stdin = attached.stdin().expect("stdin");
    stdin.write_all(b"shout\n").await.expect("write");
    // Shutting the writer down is what ends stdin (v5 sends the close of channel 0).
    stdin.shutdown().await.expect("stdin closed");
    let mut out = String::new();
    attached.stdout().expect("stdout").read_to_string(&mut out).await.expect("read");
    let status = attached.take_status().expect("status").await.expect("a status");
    assert_eq!(out, "SHOUT\n");
    assert_eq!(status.status.as_deref(), Some("Success"));
}

#[tokio::test]
async fn kubelet_kubectl_logs_follows_a_process_pod() {
    if !kubectl_available() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let env = Env::start(vec![Env::node("n1", "10.244.5.0/24", Runtime::Process, root.path())]).await;
    env.create(shell_pod("ticker", "n1", "i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done", "Always"))
        .await;
    env.create(shell_pod("counter", "n1", "for i in 1 2 3 4 5; do echo line $i; sleep 0.2; done", "Never")).await;
    env.wait_pod("ticker", "ticker to run", running).await;

    // `logs -f` streams while the container runs: read lines as they come, then hang up.
    let mut cmd = env.kubectl();
    cmd.args(["logs", "-f", "ticker"]).stdout(Stdio::piped()).stderr(Stdio::piped()).stdin(Stdio::null());
    let lines = tokio::task::spawn_blocking(move || {
        use std::io::BufRead;
        let mut child = cmd.spawn().expect("kubectl runs");
        let out = child.stdout.take().expect("stdout");
        let lines: Vec<String> = std::io::BufReader::new(out).lines().take(8).map(|l| l.expect("line")).collect();
        let _ = child.kill();
        let _ = child.wait();
        lines
    })
    .await
    .expect("kubectl task");
    let expected: Vec<String> = (1..=8).map(|i| format!("tick {i}")).collect();
    assert_eq!(lines, expected);
    let v = env.pods().get("ticker").await.expect("pod");
    assert_eq!(v.status.and_then(|s| s.phase).as_deref(), Some("Running"), "the lines came while it ran");

    // Follow ends when the container does.
    env.wait_pod("counter", "counter to start", |v| {
        let state = &v["status"]["containerStatuses"][0]["state"];
        state.is_object() && state["waiting"].is_null()
    })
    .await;
    let out = env.kubectl_output(&["logs", "-f", "counter"], None).await;
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "line 1\nline 2\nline 3\nline 4\nline 5\n");

    let out = env.kubectl_output(&["logs", "counter", "--tail=2", "--timestamps"], None).await;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].ends_with(" line 4") && lines[1].ends_with(" line 5"), "{text}");
    assert!(lines[0].split(' ').next().expect("time").parse::<jiff::Timestamp>().is_ok(), "{text}");
    let out = env.kubectl_output(&["logs", "counter", "--limit-bytes=9"], None).await;
    assert_eq!(String::from_utf8_lossy(&out.stdout), "line 1\nli");
    let out = env.kubectl_output(&["logs", "counter", "--previous"], None).await;
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("previous terminated container \"main\" in pod \"counter\" not found")
    );
}

#[tokio::test]
async fn kubelet_kubectl_exec_runs_commands_with_stdin_and_exit_codes() {
    if !kubectl_available() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let env = Env::start(vec![
        Env::node("n1", "10.244.6.0/24", Runtime::Process, root.path()),
        Env::node("sim", "10.244.9.0/24", Runtime::Sim, root.path()),
    ])
    .await;
    env.create(shell_pod("box", "n1", "sleep 1000", "Always")).await;
    env.create(json!({"metadata": {"name": "simmed", "namespace": "default"},
                      "spec": {"nodeName": "sim", "containers": [{"name": "c", "image": "nginx"}]}}))
        .await;
    env.wait_pod("box", "box to run", running).await;
    env.wait_pod("simmed", "simmed to run", running).await;

    let out = env.kubectl_output(&["exec", "box", "--", "sh", "-c", "echo hi; exit 3"], None).await;
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hi\n");
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));

    let out = env.kubectl_output(&["exec", "-i", "box", "--", "sh", "-c", "cat; echo done"], Some("hello\n")).await;
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hello\ndone\n");
    assert!(out.status.success());

    let out = env.kubectl_output(&["exec", "box", "--", "no-such-command"], None).await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("executable file not found"), "{out:?}");

    let out = env.kubectl_output(&["exec", "box", "-c", "nope", "--", "true"], None).await;
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("container nope is not valid for pod box"), "{out:?}");

    let out = env.kubectl_output(&["exec", "simmed", "--", "ls"], None).await;
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("simulated") && err.contains("--runtime process"), "{err}");
}

#[tokio::test]
async fn kubelet_kubectl_exec_tty_gives_an_interactive_shell() {
    if !kubectl_available() {
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let env = Env::start(vec![Env::node("n1", "10.244.8.0/24", Runtime::Process, root.path())]).await;
    env.create(shell_pod("box", "n1", "sleep 1000", "Always")).await;
    env.wait_pod("box", "box to run", running).await;

    // kubectl itself runs on a pseudo-terminal, as it would for a person.
    let (pty, pts) = pty_process::open().expect("pty");
    pty.resize(pty_process::Size::new(24, 80)).expect("size");
    let mut cmd = tokio::process::Command::new("kubectl");
    cmd.arg("--kubeconfig").arg(&env.kubeconfig).arg("--cache-dir").arg(env.dir.path().join("cache"));
    cmd.args(["exec", "-it", "box", "--", "sh"]);
    let cmd: pty_process::Command = cmd.into();
    let mut child = cmd.spawn(pts).expect("kubectl on a pty");
    let (mut reader, mut writer) = pty.into_split();
    let mut seen = String::new();
    let mut read_until = async |needle: &str, seen: &mut String| {
        let start = Instant::now();
        let mut buf = [0u8; 1024];
        while !seen.contains(needle) {
            assert!(start.elapsed() < DEADLINE, "waiting for {needle:?}; the terminal shows {seen:?}");
            match tokio::time::timeout(Duration::from_secs(1), reader.read(&mut buf)).await {
                Ok(Ok(n)) if n > 0 => seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Ok(_) => break,
                Err(_) => {}
            }
        }
    };
    read_until("kx-prompt> ", &mut seen).await;
    writer.write_all(b"echo kx-$((40 + 2)); tty\r").await.expect("type");
    read_until("kx-42", &mut seen).await;
    read_until("/dev/pts/", &mut seen).await;
    writer.write_all(b"exit\r").await.expect("type");
    let status = tokio::time::timeout(DEADLINE, child.wait()).await.expect("kubectl exits").expect("status");
    assert!(status.success(), "{status:?}; terminal: {seen}");
}

const PYTHON_EXEC: &str = r#"
import sys, time
from kubernetes import client, config
from kubernetes.stream import stream
config.load_kube_config(config_file=sys.argv[1])
v1 = client.CoreV1Api()
def ex(command, **kw):
    return stream(v1.connect_get_namespaced_pod_exec, "box", "default", command=command,
                  stderr=True, stdout=True, tty=False, **kw)
print("out:" + ex(["sh", "-c", "echo py-out"], stdin=False).strip())
r = ex(["sh", "-c", "exit 5"], stdin=False, _preload_content=False)
r.run_forever(timeout=60)
print("code:%s" % r.returncode)
# A str is sent as a text frame, a quirk of the Python client.
r = ex(["head", "-n1"], stdin=True, _preload_content=False)
r.write_stdin("via text\n")
got, deadline = "", time.time() + 60
while r.is_open() and time.time() < deadline:
    r.update(timeout=1)
    got += r.read_stdout()
print("stdin:" + got.strip())
"#;

#[tokio::test]
async fn kubelet_python_client_exec_runs_with_stdin_and_exit_codes() {
    let has_client = Command::new("python3").args(["-c", "import kubernetes"]).stderr(Stdio::null()).status();
    if !has_client.is_ok_and(|s| s.success()) {
        eprintln!("skipping: the Python kubernetes client is not installed");
        return;
    }
    let root = tempfile::tempdir().expect("tempdir");
    let env = Env::start(vec![Env::node("n1", "10.244.10.0/24", Runtime::Process, root.path())]).await;
    env.create(shell_pod("box", "n1", "sleep 1000", "Always")).await;
    env.wait_pod("box", "box to run", running).await;
    let script = env.dir.path().join("exec.py");
    std::fs::write(&script, PYTHON_EXEC).expect("script written");
    let mut cmd = Command::new("python3");
    cmd.arg(&script).arg(&env.kubeconfig).stdout(Stdio::piped()).stderr(Stdio::piped());
    let out = tokio::task::spawn_blocking(move || cmd.output().expect("python runs")).await.expect("task");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(text, "out:py-out\ncode:5\nstdin:via text\n");
}

#[tokio::test]
async fn kubelet_process_failing_liveness_probe_restarts_the_container() {
    let root = tempfile::tempdir().expect("tempdir");
    let env = Env::start(vec![Env::node("n1", "10.244.11.0/24", Runtime::Process, root.path())]).await;
    // Healthy while the file exists; the first instance removes it after a moment, and a
    // restarted one starts healthy again.
    let mut pod = shell_pod("flaky", "n1", "touch alive; sleep 1; rm alive; sleep 1000", "Always");
    pod["spec"]["containers"][0]["livenessProbe"] =
        json!({"exec": {"command": ["test", "-f", "alive"]}, "periodSeconds": 1, "failureThreshold": 2});
    env.create(pod).await;
    let v = env
        .wait_pod("flaky", "a liveness restart", |v| {
            v["status"]["containerStatuses"][0]["restartCount"].as_i64() >= Some(1)
        })
        .await;
    // Killed by SIGTERM: 128 + 15.
    assert_eq!(v["status"]["containerStatuses"][0]["lastState"]["terminated"]["exitCode"], 143);
    let events: Api<k8s_openapi::api::events::v1::Event> = Api::namespaced(env.cluster.api.client(), "default");
    eventually("the Unhealthy and Killing events", || {
        let events = events.clone();
        async move {
            let notes: Vec<String> =
                events.list(&Default::default()).await.ok()?.items.into_iter().filter_map(|e| e.note).collect();
            let unhealthy = notes.iter().any(|n| n.starts_with("Liveness probe failed"));
            let killing = notes.iter().any(|n| n == "Container main failed liveness probe, will be restarted");
            (unhealthy && killing).then_some(())
        }
    })
    .await;
}

#[tokio::test]
async fn kubelet_runs_what_the_scheduler_places_on_the_workers() {
    let root = tempfile::tempdir().expect("tempdir");
    let config = ClusterConfig { nodes: 2, data_dir: Some(root.path().to_path_buf()), ..Default::default() };
    let cluster = Cluster::start(config).await.expect("cluster with a scheduler and two nodes");
    assert_eq!(cluster.kubelets.len(), 2);
    let pods: Api<Pod> = Api::namespaced(cluster.api.client(), "default");
    for i in 0..3 {
        let pod: Pod = serde_json::from_value(json!({"metadata": {"name": format!("web-{i}"), "namespace": "default"},
                                                     "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}))
        .expect("pod");
        pods.create(&PostParams::default(), &pod).await.expect("created");
    }
    for i in 0..3 {
        let name = format!("web-{i}");
        let p = eventually("the scheduled pod to run", || {
            let pods = pods.clone();
            let name = name.clone();
            async move {
                let p = pods.get(&name).await.ok()?;
                let v = serde_json::to_value(&p).ok()?;
                running(&v).then_some(v)
            }
        })
        .await;
        // The control-plane node is tainted once there are workers.
        assert_eq!(p["spec"]["nodeName"], "kx-worker");
        assert!(p["status"]["podIP"].as_str().expect("ip").starts_with("10.244.1."), "{p}");
    }
    cluster.stop().await;
}
