//! Real kubectl's `create` subcommands against the embedded cluster: they send protobuf bodies
//! and never retry as JSON, so this is where protobuf decoding meets the client that needs it.

use std::path::{Path, PathBuf};

use kx::cluster::embedded::{Cluster, ClusterConfig};
use serde_json::{Value, json};

const KUBECTL: &str = "/usr/bin/kubectl";

struct Kubectl {
    kubeconfig: PathBuf,
    cache: PathBuf,
}

impl Kubectl {
    /// Runs kubectl with `args` (and `stdin`), panicking with its stderr if it fails.
    async fn run(&self, args: &[&str], stdin: Option<&str>) -> String {
        use tokio::io::AsyncWriteExt;
        let mut cmd = tokio::process::Command::new(KUBECTL);
        cmd.arg("--kubeconfig").arg(&self.kubeconfig).arg("--cache-dir").arg(&self.cache).args(args);
        cmd.stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().expect("kubectl starts");
        let mut pipe = child.stdin.take().expect("stdin is piped");
        if let Some(input) = stdin {
            pipe.write_all(input.as_bytes()).await.expect("write kubectl stdin");
        }
        drop(pipe);
        let out = child.wait_with_output().await.expect("kubectl runs");
        assert!(
            out.status.success(),
            "kubectl {} failed: {}{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    async fn get(&self, kind: &str, name: &str) -> Value {
        let out = self.run(&["get", kind, name, "-o", "json"], None).await;
        serde_json::from_str(&out).expect("kubectl get -o json prints JSON")
    }
}

/// `kubectl create <subcommand>` sends protobuf; every object must arrive as kubectl meant it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kubectl_create_subcommands_protobuf_bodies_create_objects() {
    if !Path::new(KUBECTL).exists() {
        assert!(std::env::var_os("CI").is_none(), "{KUBECTL} is required in CI");
        eprintln!("skipping: {KUBECTL} is not installed");
        return;
    }
    let cluster = Cluster::start(ClusterConfig::default()).await.expect("cluster starts");
    let dir = tempfile::tempdir().expect("temp dir");
    let kubeconfig = dir.path().join("kubeconfig");
    std::fs::write(&kubeconfig, cluster.kubeconfig("kx")).expect("write kubeconfig");
    let file = dir.path().join("greeting.txt");
    std::fs::write(&file, "hello\n").expect("write file");
    let k = Kubectl { kubeconfig, cache: dir.path().join("cache") };
    let from_file = format!("--from-file={}", file.display());

    k.run(&["create", "namespace", "foo"], None).await;
    k.run(&["create", "configmap", "c", "--from-literal=a=b", &from_file], None).await;
    k.run(&["create", "secret", "generic", "s", "--from-literal=x=y"], None).await;
    k.run(&["create", "deployment", "nginx-depl", "--image=nginx", "--replicas=2", "--port=80"], None).await;
    k.run(&["create", "deployment", "idle", "--image=nginx", "--replicas=0"], None).await;
    k.run(&["create", "job", "j", "--image=busybox", "--", "echo", "hi"], None).await;
    k.run(&["create", "cronjob", "cj", "--image=busybox", "--schedule=*/5 * * * *"], None).await;
    k.run(&["create", "service", "clusterip", "svc", "--tcp=80:8080"], None).await;
    k.run(&["create", "serviceaccount", "sa"], None).await;
    k.run(&["create", "role", "r", "--verb=get,list", "--resource=pods"], None).await;
    k.run(&["create", "rolebinding", "rb", "--role=r", "--serviceaccount=default:sa"], None).await;
    k.run(&["create", "ingress", "ing", "--rule=foo.com/bar=svc:80"], None).await;
    k.run(&["create", "poddisruptionbudget", "pdb", "--selector=app=x", "--min-available=0"], None).await;
    k.run(&["create", "priorityclass", "pc", "--value=1000", "--preemption-policy=Never"], None).await;
    k.run(&["create", "quota", "q", "--hard=cpu=1,pods=2"], None).await;

    assert_eq!(k.get("namespace", "foo").await["metadata"]["name"], "foo");
    let cm = k.get("configmap", "c").await;
    assert_eq!(cm["data"], json!({"a": "b", "greeting.txt": "hello\n"}));
    assert_eq!(k.get("secret", "s").await["data"], json!({"x": "eQ=="}));

    let deploy = k.get("deployment", "nginx-depl").await;
    assert_eq!(deploy["spec"]["replicas"], 2);
    assert_eq!(deploy["spec"]["selector"], json!({"matchLabels": {"app": "nginx-depl"}}));
    let container = &deploy["spec"]["template"]["spec"]["containers"][0];
    assert_eq!(container["image"], "nginx");
    assert_eq!(container["ports"][0]["containerPort"], 80);
    assert!(deploy["spec"]["template"]["metadata"].get("creationTimestamp").is_none(), "{deploy}");
    // A Go pointer set to zero must not be mistaken for "unset" (which would default to 1).
    assert_eq!(k.get("deployment", "idle").await["spec"]["replicas"], 0);

    let job = k.get("job", "j").await;
    assert_eq!(job["spec"]["template"]["spec"]["containers"][0]["command"], json!(["echo", "hi"]));
    assert_eq!(job["spec"]["template"]["spec"]["restartPolicy"], "Never");
    assert_eq!(k.get("cronjob", "cj").await["spec"]["schedule"], "*/5 * * * *");
    let svc = k.get("service", "svc").await;
    assert_eq!(svc["spec"]["ports"][0]["port"], 80);
    assert_eq!(svc["spec"]["ports"][0]["targetPort"], 8080);
    assert_eq!(k.get("serviceaccount", "sa").await["kind"], "ServiceAccount");
    assert_eq!(
        k.get("role", "r").await["rules"],
        json!([{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}])
    );
    assert_eq!(
        k.get("rolebinding", "rb").await["subjects"],
        json!([{"kind": "ServiceAccount", "name": "sa", "namespace": "default"}])
    );
    let ing = k.get("ingress", "ing").await;
    assert_eq!(
        ing["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"],
        json!({"name": "svc", "port": {"number": 80}})
    );
    assert_eq!(k.get("pdb", "pdb").await["spec"]["minAvailable"], 0);
    assert_eq!(k.get("priorityclass", "pc").await["value"], 1000);
    assert_eq!(k.get("resourcequota", "q").await["spec"]["hard"], json!({"cpu": "1", "pods": "2"}));

    // The protobuf path must store what the JSON path stores for the same object.
    let json_body = k
        .run(
            &[
                "create",
                "deployment",
                "nginx-depl",
                "--image=nginx",
                "--replicas=2",
                "--port=80",
                "--dry-run=client",
                "-o",
                "json",
            ],
            None,
        )
        .await
        .replace("\"name\": \"nginx-depl\"", "\"name\": \"nginx-json\"");
    k.run(&["create", "-f", "-"], Some(&json_body)).await;
    let via_json = k.get("deployment", "nginx-json").await;
    assert_eq!(via_json["spec"]["template"]["spec"], deploy["spec"]["template"]["spec"]);
    assert_eq!(via_json["spec"]["replicas"], deploy["spec"]["replicas"]);
    assert_eq!(via_json["spec"]["strategy"], deploy["spec"]["strategy"]);

    cluster.stop().await;
}
