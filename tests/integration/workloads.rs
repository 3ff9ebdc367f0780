//! Workload controllers end to end: an embedded cluster in-process, real kubectl against it,
//! and a tiny fake kubelet (standing in for the scheduler and kubelets) that binds pods to a
//! node and reports them running and ready, or finished for run-to-completion pods.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use futures::StreamExt;
use k8s_openapi::api::apps::v1::{DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::batch::v1::Job;
use k8s_openapi::api::core::v1::{PersistentVolumeClaim, Pod};
use kube::api::{DeleteParams, ListParams, Patch, PatchParams, PostParams};
use kube::runtime::{WatchStreamExt, watcher};
use kube::{Api, ResourceExt};
use kx::cluster::embedded::{Cluster, ClusterConfig};
use serde_json::{Value, json};

/// Pods with this image never become ready: a broken rollout.
const BROKEN_IMAGE: &str = "nginx:broken";
/// Run-to-completion pods with this annotation fail instead of succeeding.
const FAIL_ANNOTATION: &str = "test.kx.dev/fail";
const DEADLINE: Duration = Duration::from_secs(60);

struct Env {
    _cluster: Cluster,
    _dir: tempfile::TempDir,
    home: PathBuf,
    kubeconfig: PathBuf,
    client: kube::Client,
    kubelet: tokio::task::JoinHandle<()>,
    provisioner: tokio::task::JoinHandle<()>,
}

impl Drop for Env {
    fn drop(&mut self) {
        self.kubelet.abort();
        self.provisioner.abort();
    }
}

struct Out {
    ok: bool,
    stdout: String,
    stderr: String,
}

impl Env {
    /// A cluster and its fake kubelet; `None` (the test skips) where kubectl is missing.
    async fn start() -> Option<Env> {
        if !super::support::have_kubectl() {
            return None;
        }
        let cluster = Cluster::start(ClusterConfig::default()).await.expect("cluster starts");
        let dir = tempfile::tempdir().expect("tempdir");
        let kubeconfig = dir.path().join("kubeconfig");
        std::fs::write(&kubeconfig, cluster.kubeconfig("kx")).expect("write kubeconfig");
        // A private HOME gives kubectl a cold discovery cache of its own.
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).expect("home");
        let client = cluster.api.client();
        create_node(&client, "node-1").await;
        let kubelet = tokio::spawn(fake_kubelet(client.clone()));
        let provisioner = tokio::spawn(fake_provisioner(client.clone()));
        Some(Env { _cluster: cluster, _dir: dir, home, kubeconfig, client, kubelet, provisioner })
    }

    async fn kubectl(&self, args: &[&str]) -> Out {
        self.kubectl_in(args, None).await
    }

    async fn kubectl_in(&self, args: &[&str], stdin: Option<&str>) -> Out {
        use tokio::io::AsyncWriteExt;
        let mut cmd = tokio::process::Command::new(super::support::KUBECTL);
        cmd.args(args)
            .env("KUBECONFIG", &self.kubeconfig)
            .env("HOME", &self.home)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true);
        let mut child = cmd.spawn().expect("kubectl runs");
        let mut input = child.stdin.take().expect("stdin");
        if let Some(s) = stdin {
            input.write_all(s.as_bytes()).await.expect("write stdin");
        }
        drop(input);
        let out = child.wait_with_output().await.expect("kubectl finishes");
        Out {
            ok: out.status.success(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Run kubectl and require success.
    async fn ok(&self, args: &[&str]) -> String {
        let out = self.kubectl(args).await;
        assert!(out.ok, "kubectl {args:?} failed:\n{}\n{}", out.stdout, out.stderr);
        out.stdout
    }

    async fn apply(&self, yaml: &str) {
        let out = self.kubectl_in(&["apply", "-f", "-"], Some(yaml)).await;
        assert!(out.ok, "kubectl apply failed:\n{}\n{}", out.stdout, out.stderr);
    }

    async fn get_json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["-o", "json"]);
        serde_json::from_str(&self.ok(&all).await).expect("kubectl prints JSON")
    }

    /// The events about objects called `name`, one line each (reason and note).
    async fn events_for(&self, name: &str) -> String {
        let list = self.get_json(&["get", "events.v1.events.k8s.io"]).await;
        list["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["regarding"]["name"] == name)
            .map(|e| format!("{} {}\n", e["reason"].as_str().unwrap_or(""), e["note"].as_str().unwrap_or("")))
            .collect()
    }

    fn api<K>(&self) -> Api<K>
    where
        K: kube::Resource<Scope = k8s_openapi::NamespaceResourceScope>,
        K::DynamicType: Default,
    {
        Api::namespaced(self.client.clone(), "default")
    }

    /// Active pods whose labels match `selector`.
    async fn pods(&self, selector: &str) -> Vec<Pod> {
        let list = self.api::<Pod>().list(&ListParams::default().labels(selector)).await.expect("list pods");
        list.items.into_iter().filter(|p| p.metadata.deletion_timestamp.is_none()).collect()
    }

    async fn replica_sets(&self, selector: &str) -> Vec<ReplicaSet> {
        let mut items =
            self.api::<ReplicaSet>().list(&ListParams::default().labels(selector)).await.expect("list rs").items;
        // By revision: creation times only have a resolution of seconds.
        items.sort_by_key(|r| annotation(r, "deployment.kubernetes.io/revision").and_then(|v| v.parse::<i64>().ok()));
        items
    }
}

/// Poll `f` until it returns `Some`, or fail with `what` after a generous deadline.
async fn eventually<T, F, Fut>(what: &str, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(v) = f().await {
            return v;
        }
        assert!(start.elapsed() < DEADLINE, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn now() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Gives every unbound claim a volume of its own, as a dynamic provisioner and the volume
/// binder would, so the scheduler can place pods that use claims.
async fn fake_provisioner(client: kube::Client) {
    use k8s_openapi::api::core::v1::PersistentVolume;
    let claims: Api<PersistentVolumeClaim> = Api::all(client.clone());
    // With a back-off, as a real controller's: a watch that keeps failing at once would
    // otherwise spin on a runtime worker and starve the test it serves.
    let mut stream = watcher::watcher(claims, watcher::Config::default()).default_backoff().boxed();
    while let Some(ev) = stream.next().await {
        let pvc = match ev {
            Ok(watcher::Event::Apply(p) | watcher::Event::InitApply(p)) => p,
            _ => continue,
        };
        if pvc.spec.as_ref().and_then(|s| s.volume_name.as_ref()).is_some() {
            continue;
        }
        let (ns, name, uid) = (pvc.namespace().unwrap_or_default(), pvc.name_any(), pvc.uid().unwrap_or_default());
        let pv_name = format!("pvc-{uid}");
        let pv: PersistentVolume = serde_json::from_value(json!({
            "metadata": {"name": pv_name},
            "spec": {
                "capacity": {"storage": "1Gi"},
                "accessModes": pvc.spec.as_ref().and_then(|s| s.access_modes.clone()).unwrap_or_default(),
                "hostPath": {"path": format!("/tmp/{pv_name}")},
                "claimRef": {"kind": "PersistentVolumeClaim", "namespace": ns, "name": name, "uid": uid},
            },
        }))
        .expect("pv");
        let pvs: Api<PersistentVolume> = Api::all(client.clone());
        let _ = pvs.create(&PostParams::default(), &pv).await;
        let _ = pvs
            .patch_status(&pv_name, &PatchParams::default(), &Patch::Merge(json!({"status": {"phase": "Bound"}})))
            .await;
        let claims: Api<PersistentVolumeClaim> = Api::namespaced(client.clone(), &ns);
        let bind = json!({"spec": {"volumeName": pv_name}});
        let _ = claims.patch(&name, &PatchParams::default(), &Patch::Merge(bind)).await;
        let bound = json!({"status": {"phase": "Bound", "capacity": {"storage": "1Gi"}}});
        let _ = claims.patch_status(&name, &PatchParams::default(), &Patch::Merge(bound)).await;
    }
}

/// A Ready node with room for the benchmark's pods, registered as its kubelet would.
async fn create_node(client: &kube::Client, name: &str) {
    let node: k8s_openapi::api::core::v1::Node = serde_json::from_value(node_json(name, json!([]))).expect("node");
    Api::all(client.clone()).create(&PostParams::default(), &node).await.expect("node created");
}

fn node_json(name: &str, taints: Value) -> Value {
    json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
        "spec": {"taints": taints},
        "status": {
            "capacity": {"cpu": "1000", "memory": "4Ti", "pods": "20000"},
            "allocatable": {"cpu": "1000", "memory": "4Ti", "pods": "20000"},
            "conditions": [{"type": "Ready", "status": "True", "reason": "KubeletReady"}],
        },
    })
}

/// Reports bound pods running and ready (or finished, for pods that do not restart) and
/// completes graceful deletions, as a kubelet would; the embedded scheduler binds them.
async fn fake_kubelet(client: kube::Client) {
    let pods: Api<Pod> = Api::all(client.clone());
    let mut stream = watcher::watcher(pods, watcher::Config::default()).boxed();
    while let Some(ev) = stream.next().await {
        let pod = match ev {
            Ok(watcher::Event::Apply(p) | watcher::Event::InitApply(p)) => p,
            _ => continue,
        };
        let client = client.clone();
        tokio::spawn(async move {
            let _ = kubelet_step(client, pod).await;
        });
    }
}

async fn kubelet_step(client: kube::Client, pod: Pod) -> Result<(), kube::Error> {
    let ns = pod.namespace().unwrap_or_default();
    let api: Api<Pod> = Api::namespaced(client, &ns);
    let name = pod.name_any();
    if pod.metadata.deletion_timestamp.is_some() {
        api.delete(&name, &DeleteParams { grace_period_seconds: Some(0), ..Default::default() }).await?;
        return Ok(());
    }
    let spec = pod.spec.clone().unwrap_or_default();
    if spec.node_name.as_deref().unwrap_or("").is_empty() {
        // The scheduler's to place.
        return Ok(());
    }
    let phase = pod.status.as_ref().and_then(|s| s.phase.clone()).unwrap_or_default();
    if phase != "Pending" && !phase.is_empty() {
        return Ok(());
    }
    let image = spec.containers.first().and_then(|c| c.image.clone()).unwrap_or_default();
    if image == BROKEN_IMAGE {
        return Ok(());
    }
    let run_to_completion = matches!(spec.restart_policy.as_deref(), Some("Never" | "OnFailure"));
    let status = if run_to_completion {
        let fail = pod.annotations().contains_key(FAIL_ANNOTATION);
        json!({"status": {
            "phase": if fail { "Failed" } else { "Succeeded" },
            "conditions": [{"type": "Ready", "status": "False", "lastTransitionTime": now(), "reason": "PodCompleted"}],
        }})
    } else {
        json!({"status": {
            "phase": "Running",
            "podIP": "10.244.0.10",
            "conditions": [
                {"type": "PodScheduled", "status": "True", "lastTransitionTime": now()},
                {"type": "Initialized", "status": "True", "lastTransitionTime": now()},
                {"type": "ContainersReady", "status": "True", "lastTransitionTime": now()},
                {"type": "Ready", "status": "True", "lastTransitionTime": now()},
            ],
        }})
    };
    api.patch_status(&name, &PatchParams::default(), &Patch::Merge(&status)).await?;
    Ok(())
}

fn deployment_yaml(name: &str, replicas: i32, image: &str, extra_spec: &str) -> String {
    format!(
        r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  labels: {{app: {name}}}
spec:
  replicas: {replicas}
  selector:
    matchLabels: {{app: {name}}}
{extra_spec}  template:
    metadata:
      labels: {{app: {name}}}
    spec:
      containers:
      - name: web
        image: {image}
        ports:
        - containerPort: 80
"#
    )
}

fn annotation<'a>(obj: &'a impl kube::Resource, key: &str) -> Option<&'a str> {
    obj.meta().annotations.as_ref()?.get(key).map(String::as_str)
}

fn spec_replicas(rs: &ReplicaSet) -> i32 {
    rs.spec.as_ref().and_then(|s| s.replicas).unwrap_or(0)
}

async fn rollout_status(env: &Env, what: &str) {
    env.ok(&["rollout", "status", what, "--timeout=60s"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn deployment_apply_creates_owned_replicaset_and_pods() {
    let Some(env) = Env::start().await else { return };
    env.apply(&deployment_yaml("web", 3, "nginx:1.26", "")).await;
    rollout_status(&env, "deployment/web").await;

    let d = env.api::<Deployment>().get("web").await.expect("deployment");
    let rss = env.replica_sets("app=web").await;
    assert_eq!(rss.len(), 1);
    let rs = &rss[0];
    let hash = rs.labels().get("pod-template-hash").expect("hash label").clone();
    assert_eq!(rs.name_any(), format!("web-{hash}"));
    let owner = &rs.owner_references()[0];
    assert_eq!((owner.kind.as_str(), owner.name.as_str()), ("Deployment", "web"));
    assert_eq!((owner.controller, owner.block_owner_deletion), (Some(true), Some(true)));
    assert_eq!(Some(&owner.uid), d.metadata.uid.as_ref());
    assert_eq!(annotation(rs, "deployment.kubernetes.io/revision"), Some("1"));
    assert_eq!(annotation(rs, "deployment.kubernetes.io/desired-replicas"), Some("3"));
    assert_eq!(annotation(rs, "deployment.kubernetes.io/max-replicas"), Some("4"));
    assert_eq!(annotation(&d, "deployment.kubernetes.io/revision"), Some("1"));
    assert_eq!(
        rs.spec.as_ref().and_then(|s| s.selector.match_labels.as_ref()).and_then(|m| m.get("pod-template-hash")),
        Some(&hash)
    );

    // The ReplicaSet's template is the deployment's plus the hash label, exactly.
    let mut template = serde_json::to_value(&d.spec.as_ref().expect("spec").template).expect("json");
    template["metadata"]["labels"]["pod-template-hash"] = json!(hash);
    assert_eq!(serde_json::to_value(rs.spec.as_ref().and_then(|s| s.template.as_ref())).expect("json"), template);

    let pods = env.pods("app=web").await;
    assert_eq!(pods.len(), 3);
    for p in &pods {
        assert!(p.name_any().starts_with(&format!("web-{hash}-")), "{}", p.name_any());
        assert_eq!(p.name_any().len(), format!("web-{hash}-").len() + 5);
        let o = &p.owner_references()[0];
        assert_eq!(
            (o.kind.as_str(), o.name.as_str(), o.controller),
            ("ReplicaSet", rs.name_any().as_str(), Some(true))
        );
        assert_eq!(p.labels().get("pod-template-hash"), Some(&hash));
    }

    let status = d.status.expect("status");
    assert_eq!(
        (status.replicas, status.updated_replicas, status.ready_replicas, status.available_replicas),
        (Some(3), Some(3), Some(3), Some(3))
    );
    assert_eq!(status.observed_generation, d.metadata.generation);
    let conds = status.conditions.expect("conditions");
    let reason = |t: &str| conds.iter().find(|c| c.type_ == t).and_then(|c| c.reason.clone());
    assert_eq!(reason("Available").as_deref(), Some("MinimumReplicasAvailable"));
    assert_eq!(reason("Progressing").as_deref(), Some("NewReplicaSetAvailable"));

    // Events tell the story (events.k8s.io/v1, which `kubectl describe` reads as core/v1).
    let events = eventually("events", || async {
        let e = env.events_for("web").await;
        e.contains(&format!("Scaled up replica set web-{hash} from 0 to 3")).then_some(e)
    })
    .await;
    assert!(events.contains("ScalingReplicaSet"), "{events}");
    let describe = env.ok(&["describe", "deployment", "web"]).await;
    assert!(describe.contains(&format!("Scaled up replica set web-{hash} from 0 to 3")), "{describe}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn deployment_scale_up_and_down_follows_replicas() {
    let Some(env) = Env::start().await else { return };
    env.apply(&deployment_yaml("web", 2, "nginx:1.26", "")).await;
    rollout_status(&env, "deployment/web").await;
    env.ok(&["scale", "deployment/web", "--replicas=5"]).await;
    eventually("5 pods", || async { (env.pods("app=web").await.len() == 5).then_some(()) }).await;
    rollout_status(&env, "deployment/web").await;
    env.ok(&["scale", "deployment/web", "--replicas=1"]).await;
    eventually("1 pod", || async { (env.pods("app=web").await.len() == 1).then_some(()) }).await;
    let rss = env.replica_sets("app=web").await;
    assert_eq!(rss.len(), 1, "scaling makes no new ReplicaSet");
    assert_eq!(annotation(&rss[0], "deployment.kubernetes.io/desired-replicas"), Some("1"));
    // The ReplicaSet recorded why pods came and went.
    let rs_name = rss[0].name_any();
    eventually("create and delete events", || async {
        let e = env.events_for(&rs_name).await;
        (e.contains("SuccessfulCreate") && e.contains("SuccessfulDelete")).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn deployment_image_change_rolls_out_and_undo_restores_template() {
    let Some(env) = Env::start().await else { return };
    let v1 = deployment_yaml("web", 3, "nginx:1.26", "").replace(
        "  labels: {app: web}\nspec:",
        "  labels: {app: web}\n  annotations: {kubernetes.io/change-cause: first}\nspec:",
    );
    env.apply(&v1).await;
    rollout_status(&env, "deployment/web").await;
    let template_v1 = env.get_json(&["get", "deployment", "web"]).await["spec"]["template"].clone();

    env.ok(&["set", "image", "deployment/web", "web=nginx:1.27"]).await;
    env.ok(&["annotate", "deployment/web", "kubernetes.io/change-cause=second", "--overwrite"]).await;
    rollout_status(&env, "deployment/web").await;
    let rss = env.replica_sets("app=web").await;
    assert_eq!(rss.len(), 2);
    assert_eq!((spec_replicas(&rss[0]), spec_replicas(&rss[1])), (0, 3), "old scaled down, new up");
    assert_eq!(annotation(&rss[1], "deployment.kubernetes.io/revision"), Some("2"));

    let history = env.ok(&["rollout", "history", "deployment/web"]).await;
    let rows: Vec<Vec<&str>> =
        history.lines().skip(2).map(|l| l.split_whitespace().collect()).filter(|r: &Vec<&str>| !r.is_empty()).collect();
    assert_eq!(rows, vec![vec!["1", "first"], vec!["2", "second"]], "{history}");

    env.ok(&["rollout", "undo", "deployment/web", "--to-revision=1"]).await;
    rollout_status(&env, "deployment/web").await;
    let d = env.get_json(&["get", "deployment", "web"]).await;
    assert_eq!(d["spec"]["template"], template_v1, "undo restores the exact template");
    assert_eq!(d["metadata"]["annotations"]["deployment.kubernetes.io/revision"], "3");
    let history = env.ok(&["rollout", "history", "deployment/web"]).await;
    let revisions: Vec<&str> = history.lines().skip(2).filter_map(|l| l.split_whitespace().next()).collect();
    assert_eq!(revisions, vec!["2", "3"], "{history}");
    let rss = env.replica_sets("app=web").await;
    assert_eq!(rss.len(), 2, "undo reuses the first ReplicaSet");
    // Sorted by revision: the first ReplicaSet came back as revision 3.
    assert_eq!(annotation(&rss[1], "deployment.kubernetes.io/revision"), Some("3"));
    assert_eq!(annotation(&rss[1], "deployment.kubernetes.io/revision-history"), Some("1"));
    assert_eq!((spec_replicas(&rss[0]), spec_replicas(&rss[1])), (0, 3));
    let mut rs_template = serde_json::to_value(rss[1].spec.as_ref().and_then(|s| s.template.as_ref())).expect("json");
    rs_template["metadata"]["labels"].as_object_mut().expect("labels").remove("pod-template-hash");
    assert_eq!(rs_template, d["spec"]["template"], "the deployment's template is its ReplicaSet's");
    let shown = env.ok(&["rollout", "history", "deployment/web", "--revision=3"]).await;
    assert!(shown.contains("nginx:1.26"), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn deployment_broken_rollout_honours_max_surge_and_deadline() {
    let Some(env) = Env::start().await else { return };
    let strategy = "  progressDeadlineSeconds: 3\n  strategy:\n    type: RollingUpdate\n    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}\n";
    env.apply(&deployment_yaml("web", 4, "nginx:1.26", strategy)).await;
    rollout_status(&env, "deployment/web").await;
    env.ok(&["set", "image", "deployment/web", &format!("web={BROKEN_IMAGE}")]).await;
    // The new pod never gets ready: one surge pod, and no old pod may go.
    let out = env.kubectl(&["rollout", "status", "deployment/web", "--timeout=60s"]).await;
    assert!(!out.ok);
    assert!(out.stderr.contains("exceeded its progress deadline"), "{}", out.stderr);
    let rss = env.replica_sets("app=web").await;
    assert_eq!((spec_replicas(&rss[0]), spec_replicas(&rss[1])), (4, 1));
    assert_eq!(env.pods("app=web").await.len(), 5);
    let d = env.api::<Deployment>().get("web").await.expect("deployment");
    let cond = d
        .status
        .and_then(|s| s.conditions)
        .and_then(|c| c.into_iter().find(|c| c.type_ == "Progressing"))
        .expect("Progressing");
    assert_eq!((cond.status.as_str(), cond.reason.as_deref()), ("False", Some("ProgressDeadlineExceeded")));
    // Fixing the image resumes the rollout.
    env.ok(&["set", "image", "deployment/web", "web=nginx:1.27"]).await;
    rollout_status(&env, "deployment/web").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn deployment_restart_pause_and_resume() {
    let Some(env) = Env::start().await else { return };
    env.apply(&deployment_yaml("web", 2, "nginx:1.26", "")).await;
    rollout_status(&env, "deployment/web").await;
    env.ok(&["rollout", "restart", "deployment/web"]).await;
    rollout_status(&env, "deployment/web").await;
    let rss = env.replica_sets("app=web").await;
    assert_eq!(rss.len(), 2);
    let restarted = rss[1]
        .spec
        .as_ref()
        .and_then(|s| s.template.as_ref())
        .and_then(|t| t.metadata.as_ref())
        .and_then(|m| m.annotations.as_ref());
    assert!(restarted.is_some_and(|a| a.contains_key("kubectl.kubernetes.io/restartedAt")));

    env.ok(&["rollout", "pause", "deployment/web"]).await;
    env.ok(&["set", "image", "deployment/web", "web=nginx:1.27"]).await;
    let d = eventually("the paused condition", || async {
        let d = env.api::<Deployment>().get("web").await.ok()?;
        let s = d.status.as_ref()?;
        let paused = s.conditions.as_ref()?.iter().any(|c| c.reason.as_deref() == Some("DeploymentPaused"));
        (paused && s.observed_generation == d.metadata.generation).then_some(d)
    })
    .await;
    assert_eq!(env.replica_sets("app=web").await.len(), 2, "a paused deployment does not roll");
    assert!(d.spec.as_ref().and_then(|s| s.paused).unwrap_or(false));
    env.ok(&["rollout", "resume", "deployment/web"]).await;
    rollout_status(&env, "deployment/web").await;
    let rss = env.replica_sets("app=web").await;
    assert_eq!(rss.len(), 3);
    assert_eq!(spec_replicas(&rss[2]), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn deployment_recreate_scales_old_down_before_new_up() {
    let Some(env) = Env::start().await else { return };
    env.apply(&deployment_yaml("web", 3, "nginx:1.26", "  strategy: {type: Recreate}\n")).await;
    rollout_status(&env, "deployment/web").await;
    env.ok(&["set", "image", "deployment/web", "web=nginx:1.27"]).await;
    rollout_status(&env, "deployment/web").await;
    let rss = env.replica_sets("app=web").await;
    assert_eq!((spec_replicas(&rss[0]), spec_replicas(&rss[1])), (0, 3));
    let (old, new) = (rss[0].name_any(), rss[1].name_any());
    eventually("scaling events", || async {
        let e = env.events_for("web").await;
        (e.contains(&format!("Scaled down replica set {old} from 3 to 0"))
            && e.contains(&format!("Scaled up replica set {new} from 0 to 3")))
        .then_some(())
    })
    .await;
}

fn statefulset_yaml(name: &str, image: &str, policy: &str) -> String {
    format!(
        r#"apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: {name}
spec:
  serviceName: {name}
  replicas: 3
  podManagementPolicy: {policy}
  selector:
    matchLabels: {{app: {name}}}
  template:
    metadata:
      labels: {{app: {name}}}
    spec:
      containers:
      - name: web
        image: {image}
        volumeMounts:
        - {{name: www, mountPath: /usr/share/nginx/html}}
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
"#
    )
}

fn names(pods: &[Pod]) -> Vec<String> {
    let mut n: Vec<String> = pods.iter().map(|p| p.name_any()).collect();
    n.sort();
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn statefulset_creates_ordered_pods_with_claims_and_rolls_back() {
    let Some(env) = Env::start().await else { return };
    // OrderedReady: while web-0 is not ready, web-1 is not created.
    env.apply(&statefulset_yaml("web", BROKEN_IMAGE, "OrderedReady")).await;
    eventually("web-0", || async { (names(&env.pods("app=web").await) == ["web-0"]).then_some(()) }).await;
    let sts = env.api::<StatefulSet>().get("web").await.expect("sts");
    eventually("status observed", || async {
        let s = env.api::<StatefulSet>().get("web").await.ok()?;
        (s.status?.observed_generation == sts.metadata.generation).then_some(())
    })
    .await;
    assert_eq!(names(&env.pods("app=web").await), ["web-0"]);

    // A good image and the stuck pod deleted by hand (as kube requires), then in order.
    env.ok(&["set", "image", "statefulset/web", "web=nginx:1.26"]).await;
    env.ok(&["delete", "pod", "web-0", "--wait=false"]).await;
    env.ok(&["rollout", "status", "statefulset/web", "--timeout=60s"]).await;
    let pods = env.pods("app=web").await;
    assert_eq!(names(&pods), ["web-0", "web-1", "web-2"]);
    let sts = env.api::<StatefulSet>().get("web").await.expect("sts");
    let status = sts.status.expect("status");
    assert_eq!(status.current_revision, status.update_revision);
    for p in &pods {
        assert_eq!(p.labels().get("controller-revision-hash"), status.update_revision.as_ref());
        assert_eq!(p.labels().get("statefulset.kubernetes.io/pod-name"), Some(&p.name_any()));
        assert_eq!(p.spec.as_ref().and_then(|s| s.hostname.clone()), Some(p.name_any()));
        assert_eq!(p.owner_references()[0].kind, "StatefulSet");
    }
    let claims = env.api::<PersistentVolumeClaim>().list(&ListParams::default().labels("app=web")).await.expect("pvcs");
    let mut claim_names: Vec<String> = claims.items.iter().map(|c| c.name_any()).collect();
    claim_names.sort();
    assert_eq!(claim_names, ["www-web-0", "www-web-1", "www-web-2"]);
    let creates = env.events_for("web").await;
    assert!(creates.contains("create Pod web-0 in StatefulSet web successful"), "{creates}");
    assert!(creates.contains("create Claim www-web-1 Pod web-1 in StatefulSet web success"), "{creates}");

    // A new template rolls out; history lists ControllerRevisions; undo goes back.
    env.ok(&["set", "image", "statefulset/web", "web=nginx:1.27"]).await;
    env.ok(&["rollout", "status", "statefulset/web", "--timeout=60s"]).await;
    let history = env.ok(&["rollout", "history", "statefulset/web"]).await;
    assert!(history.lines().filter(|l| l.trim_start().starts_with(char::is_numeric)).count() >= 2, "{history}");
    env.ok(&["rollout", "undo", "statefulset/web"]).await;
    env.ok(&["rollout", "status", "statefulset/web", "--timeout=60s"]).await;
    let image = env.ok(&["get", "sts", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}"]).await;
    assert_eq!(image, "nginx:1.26");
    let pods = env.pods("app=web").await;
    assert!(pods.iter().all(|p| p.spec.as_ref().and_then(|s| s.containers[0].image.as_deref()) == Some("nginx:1.26")));

    // Scale down removes the highest ordinals and keeps the claims.
    env.ok(&["scale", "statefulset/web", "--replicas=1"]).await;
    eventually("web-0 only", || async { (names(&env.pods("app=web").await) == ["web-0"]).then_some(()) }).await;
    let claims = env.api::<PersistentVolumeClaim>().list(&ListParams::default().labels("app=web")).await.expect("pvcs");
    assert_eq!(claims.items.len(), 3, "claims are retained");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn statefulset_parallel_creates_all_pods_at_once() {
    let Some(env) = Env::start().await else { return };
    env.apply(&statefulset_yaml("par", BROKEN_IMAGE, "Parallel")).await;
    eventually("3 pods", || async { (names(&env.pods("app=par").await) == ["par-0", "par-1", "par-2"]).then_some(()) })
        .await;
}

/// Nodes node-a, node-b and node-c (tainted `dedicated=db:NoSchedule`) as one List.
fn nodes_list(names: &[&str]) -> String {
    let items: Vec<Value> = names
        .iter()
        .map(|n| {
            let taints = if *n == "node-c" {
                json!([{"key": "dedicated", "value": "db", "effect": "NoSchedule"}])
            } else {
                json!([])
            };
            node_json(n, taints)
        })
        .collect();
    json!({"apiVersion": "v1", "kind": "List", "items": items}).to_string()
}

fn daemonset_yaml(image: &str) -> String {
    format!(
        r#"apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {{app: agent}}
  template:
    metadata:
      labels: {{app: agent}}
    spec:
      containers:
      - name: agent
        image: {image}
"#
    )
}

/// The node each active pod is bound to, sorted.
async fn pod_nodes(env: &Env, selector: &str) -> Vec<String> {
    let mut nodes: Vec<String> = env
        .pods(selector)
        .await
        .iter()
        .map(|p| p.spec.as_ref().and_then(|s| s.node_name.clone()).unwrap_or_default())
        .collect();
    nodes.sort();
    nodes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn daemonset_runs_one_pod_per_eligible_node_and_rolls() {
    let Some(env) = Env::start().await else { return };
    env.apply(&nodes_list(&["node-a", "node-b", "node-c"])).await;
    env.apply(&daemonset_yaml("busybox:1")).await;
    env.ok(&["rollout", "status", "daemonset/agent", "--timeout=60s"]).await;
    // node-c's taint is not tolerated (node-1 is the harness's own node).
    assert_eq!(pod_nodes(&env, "app=agent").await, ["node-1", "node-a", "node-b"]);
    let ds = env.api::<DaemonSet>().get("agent").await.expect("ds");
    let s = ds.status.expect("status");
    assert_eq!((s.desired_number_scheduled, s.current_number_scheduled, s.number_ready), (3, 3, 3));
    for p in env.pods("app=agent").await {
        assert!(p.labels().contains_key("controller-revision-hash"));
        assert_eq!(p.owner_references()[0].kind, "DaemonSet");
    }

    // A toleration admits node-c; a new image replaces every pod.
    env.ok(&[
        "patch",
        "daemonset/agent",
        "--type=merge",
        "-p",
        r#"{"spec":{"template":{"spec":{"containers":[{"name":"agent","image":"busybox:2"}],"tolerations":[{"key":"dedicated","operator":"Exists"}]}}}}"#,
    ])
    .await;
    env.ok(&["rollout", "status", "daemonset/agent", "--timeout=60s"]).await;
    eventually("three new pods", || async {
        let pods = env.pods("app=agent").await;
        let all_new =
            pods.iter().all(|p| p.spec.as_ref().and_then(|s| s.containers[0].image.as_deref()) == Some("busybox:2"));
        (all_new && pod_nodes(&env, "app=agent").await == ["node-1", "node-a", "node-b", "node-c"]).then_some(())
    })
    .await;
    let history = env.ok(&["rollout", "history", "daemonset/agent"]).await;
    assert!(history.lines().filter(|l| l.trim_start().starts_with(char::is_numeric)).count() == 2, "{history}");

    // A new node gets a pod. (Pods of deleted nodes are the pod garbage collector's, as in kube.)
    env.apply(&nodes_list(&["node-d"])).await;
    eventually("a pod on node-d", || async {
        pod_nodes(&env, "app=agent").await.contains(&"node-d".to_string()).then_some(())
    })
    .await;
    eventually("5 desired", || async {
        let s = env.api::<DaemonSet>().get("agent").await.ok()?.status?;
        (s.desired_number_scheduled == 5).then_some(())
    })
    .await;
}

fn job_yaml(name: &str, completions: i32, parallelism: i32, extra: &str, annotations: &str) -> String {
    format!(
        r#"apiVersion: batch/v1
kind: Job
metadata:
  name: {name}
spec:
  completions: {completions}
  parallelism: {parallelism}
{extra}  template:
    metadata:
      annotations: {{{annotations}}}
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: perl:5
        command: [perl, -e, print 1]
"#
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn job_completes_when_its_pods_succeed() {
    let Some(env) = Env::start().await else { return };
    env.apply(&job_yaml("pi", 3, 2, "", "")).await;
    env.ok(&["wait", "--for=condition=complete", "job/pi", "--timeout=60s"]).await;
    let job = env.api::<Job>().get("pi").await.expect("job");
    let s = job.status.expect("status");
    assert_eq!(s.succeeded, Some(3));
    assert!(s.completion_time.is_some() && s.start_time.is_some());
    let pods =
        env.api::<Pod>().list(&ListParams::default().labels("batch.kubernetes.io/job-name=pi")).await.expect("pods");
    assert_eq!(pods.items.len(), 3);
    assert!(pods.items.iter().all(|p| p.owner_references()[0].kind == "Job"));
    eventually("Completed event", || async {
        env.events_for("pi").await.contains("Completed Job completed").then_some(())
    })
    .await;
    let table = env.ok(&["get", "job", "pi"]).await;
    assert!(table.contains("3/3"), "{table}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn job_failing_pods_exhaust_backoff_limit() {
    let Some(env) = Env::start().await else { return };
    env.apply(&job_yaml("bad", 1, 1, "  backoffLimit: 1\n", &format!("{FAIL_ANNOTATION}: \"yes\""))).await;
    env.ok(&["wait", "--for=condition=failed", "job/bad", "--timeout=60s"]).await;
    let job = env.api::<Job>().get("bad").await.expect("job");
    let s = job.status.expect("status");
    assert_eq!(s.failed, Some(2), "the first try and one retry");
    let failed = s.conditions.expect("conditions").into_iter().find(|c| c.type_ == "Failed").expect("Failed");
    assert_eq!(failed.reason.as_deref(), Some("BackoffLimitExceeded"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn job_indexed_gives_each_pod_an_index() {
    let Some(env) = Env::start().await else { return };
    env.apply(&job_yaml("idx", 3, 3, "  completionMode: Indexed\n", "")).await;
    env.ok(&["wait", "--for=condition=complete", "job/idx", "--timeout=60s"]).await;
    let s = env.api::<Job>().get("idx").await.expect("job").status.expect("status");
    assert_eq!(s.completed_indexes.as_deref(), Some("0-2"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn cronjob_creates_a_job_for_a_missed_schedule() {
    let Some(env) = Env::start().await else { return };
    env.apply(
        r#"apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: hello
            image: busybox:1
"#,
    )
    .await;
    // Pretend the last run was long ago, so a run is due now rather than at the next minute.
    let long_ago =
        (jiff::Timestamp::now() - jiff::SignedDuration::from_mins(5)).strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    env.ok(&[
        "patch",
        "cronjob/hello",
        "--subresource=status",
        "--type=merge",
        "-p",
        &format!(r#"{{"status":{{"lastScheduleTime":"{long_ago}"}}}}"#),
    ])
    .await;
    let job = eventually("a job", || async {
        env.api::<Job>()
            .list(&ListParams::default())
            .await
            .ok()?
            .items
            .into_iter()
            .find(|j| j.name_any().starts_with("hello-"))
    })
    .await;
    assert_eq!(job.owner_references()[0].kind, "CronJob");
    assert!(job.annotations().contains_key("batch.kubernetes.io/cronjob-scheduled-timestamp"));
    let name = job.name_any();
    env.ok(&["wait", "--for=condition=complete", &format!("job/{name}"), "--timeout=60s"]).await;
    eventually("lastSuccessfulTime", || async {
        let s = env.api::<k8s_openapi::api::batch::v1::CronJob>().get("hello").await.ok()?.status?;
        (s.last_successful_time.is_some() && s.active.is_none()).then_some(())
    })
    .await;
    let events = env.events_for("hello").await;
    assert!(events.contains(&format!("Created job {name}")), "{events}");
    assert!(events.contains(&format!("Saw completed job: {name}, status: Complete")), "{events}");
}

/// The benchmark of the issue: 10,000 pods from 100 Deployments to Running, end to end (the
/// fake kubelet binds and starts them). Run with
/// `cargo test --release --test integration workloads_throughput -- --ignored --nocapture`;
/// `KX_BENCH_DEPLOYMENTS`/`KX_BENCH_REPLICAS` change the size.
#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: run explicitly, in release mode"]
async fn workloads_throughput_pods_reach_running() {
    let env_num = |k: &str, d: i32| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d);
    let (deployments, replicas) = (env_num("KX_BENCH_DEPLOYMENTS", 100), env_num("KX_BENCH_REPLICAS", 100));
    let Some(env) = Env::start().await else { return };
    let api = env.api::<Deployment>();
    let started = Instant::now();
    for i in 0..deployments {
        let d: Deployment =
            serde_yaml::from_str(&deployment_yaml(&format!("bench-{i}"), replicas, "nginx:1", "")).expect("yaml");
        api.create(&PostParams::default(), &d).await.expect("create deployment");
    }
    let want = (deployments * replicas) as usize;
    // Watch rather than list, so measuring costs the server little; note when every pod has
    // been created, bound and started.
    let pods: Api<Pod> = Api::namespaced(env.client.clone(), "default");
    let mut stream = watcher::watcher(pods, watcher::Config::default()).boxed();
    let (mut created, mut bound, mut running) =
        (std::collections::HashSet::new(), std::collections::HashSet::new(), std::collections::HashSet::new());
    let mut milestones: Vec<(&str, f64)> = Vec::new();
    while running.len() < want {
        let ev = tokio::time::timeout(Duration::from_secs(120), stream.next()).await;
        let Ok(Some(Ok(watcher::Event::Apply(p) | watcher::Event::InitApply(p)))) = ev else {
            assert!(ev.is_ok(), "no progress for two minutes: {} running", running.len());
            continue;
        };
        let name = p.name_any();
        created.insert(name.clone());
        if p.spec.as_ref().and_then(|s| s.node_name.as_ref()).is_some() {
            bound.insert(name.clone());
        }
        if p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running") {
            running.insert(name);
        }
        for (what, n) in [("created", created.len()), ("bound", bound.len())] {
            if n == want && !milestones.iter().any(|(w, _)| *w == what) {
                milestones.push((what, started.elapsed().as_secs_f64()));
            }
        }
    }
    for (what, at) in &milestones {
        println!("all {want} pods {what} after {at:.2}s");
    }
    let secs = started.elapsed().as_secs_f64();
    println!("{want} pods Running in {secs:.2}s: {:.0} pods/s", want as f64 / secs);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn replicaset_adopts_matching_orphans_and_releases_relabelled_pods() {
    let Some(env) = Env::start().await else { return };
    env.apply(
        r#"apiVersion: v1
kind: Pod
metadata:
  name: stray
  labels: {app: orphan}
spec:
  containers: [{name: c, image: nginx:1}]
"#,
    )
    .await;
    env.apply(
        r#"apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: keeper
spec:
  replicas: 2
  selector:
    matchLabels: {app: orphan}
  template:
    metadata:
      labels: {app: orphan}
    spec:
      containers: [{name: c, image: nginx:1}]
"#,
    )
    .await;
    let rs = env.api::<ReplicaSet>().get("keeper").await.expect("rs");
    eventually("two pods, the stray adopted", || async {
        let pods = env.pods("app=orphan").await;
        let stray = pods.iter().find(|p| p.name_any() == "stray")?;
        let adopted = stray
            .owner_references()
            .iter()
            .any(|o| Some(&o.uid) == rs.metadata.uid.as_ref() && o.controller == Some(true));
        (adopted && pods.len() == 2).then_some(())
    })
    .await;
    // A pod that stops matching is released and replaced.
    env.ok(&["label", "pod", "stray", "app=gone", "--overwrite"]).await;
    eventually("the stray released and replaced", || async {
        let stray = env.api::<Pod>().get("stray").await.ok()?;
        (stray.owner_references().is_empty() && env.pods("app=orphan").await.len() == 2).then_some(())
    })
    .await;
}

/// The whole control plane without stand-ins: controllers, scheduler and simulated kubelets.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn deployment_rolls_out_on_simulated_nodes() {
    use super::support::TestCluster;
    if !super::support::have_kubectl() {
        return;
    }
    let tc = TestCluster::start_with(ClusterConfig { nodes: 2, ..ClusterConfig::default() }).await;
    tc.kubectl_stdin(&["apply", "-f", "-"], &deployment_yaml("web", 3, "nginx:1.26", "")).await.ok();
    tc.kubectl(&["rollout", "status", "deployment/web", "--timeout=60s"]).await.ok();
    tc.kubectl(&["set", "image", "deployment/web", "web=nginx:1.27"]).await.ok();
    tc.kubectl(&["rollout", "status", "deployment/web", "--timeout=60s"]).await.ok();
    tc.kubectl(&["scale", "deployment/web", "--replicas=1"]).await.ok();
    tc.kubectl(&["rollout", "status", "deployment/web", "--timeout=60s"]).await.ok();
    let pods: Api<Pod> = Api::namespaced(tc.client(), "default");
    eventually("one pod left", || async {
        let list = pods.list(&ListParams::default().labels("app=web")).await.ok()?;
        (list.items.len() == 1).then_some(())
    })
    .await;
}
