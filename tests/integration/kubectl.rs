//! The real kubectl against the embedded apiserver: discovery, apply of every seed manifest
//! (twice), get with server-side columns, watch, edit, the three patch types, scale, delete
//! with --wait, server-side dry run, and every broken fixture refused with nothing changed.

use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};

use crate::support::{TestCluster, eventually, fixtures, have_kubectl};

fn seed_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(fixtures().join("seed"))
        .expect("seed fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

async fn apply_seed(tc: &TestCluster) -> Vec<String> {
    let mut lines = Vec::new();
    for f in seed_files() {
        let out = tc.kubectl(&["apply", "-f", f.to_str().expect("utf8")]).await.ok();
        lines.extend(out.stdout.lines().map(str::to_string));
    }
    lines
}

#[tokio::test(flavor = "multi_thread")]
async fn kubectl_api_resources_and_readyz() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    let out = tc.kubectl(&["api-resources"]).await.ok();
    let header = out.stdout.lines().next().expect("header");
    assert!(header.starts_with("NAME") && header.contains("SHORTNAMES") && header.contains("APIVERSION"), "{header}");
    for needle in
        ["pods ", "deployments ", "apps/v1", "ingresses ", "networking.k8s.io/v1", "customresourcedefinitions"]
    {
        assert!(out.stdout.contains(needle), "api-resources lacks {needle}:\n{}", out.stdout);
    }
    let pods = out.stdout.lines().find(|l| l.starts_with("pods ")).expect("pods row");
    assert!(pods.contains(" po ") && pods.contains("true") && pods.ends_with("Pod"), "{pods}");
    let out = tc.kubectl(&["get", "--raw", "/readyz"]).await.ok();
    assert_eq!(out.stdout.trim(), "ok");
    let out = tc.kubectl(&["version", "-o", "json"]).await.ok();
    let v: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(v["serverVersion"]["minor"], "33");
}

#[tokio::test(flavor = "multi_thread")]
async fn kubectl_apply_every_seed_manifest_twice() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    let first = apply_seed(&tc).await;
    assert!(first.len() >= 30, "{first:?}");
    for l in &first {
        assert!(l.ends_with(" created"), "first apply: {l}");
    }
    let second = apply_seed(&tc).await;
    assert_eq!(second.len(), first.len());
    for l in &second {
        // A StatefulSet's claim templates are defaulted (status.phase: Pending), and the list
        // is atomic, so kubectl re-sends it on every apply, against a real server too.
        if l.starts_with("statefulset.apps/") {
            assert!(l.ends_with(" configured"), "{l}");
        } else {
            assert!(l.ends_with(" unchanged"), "second apply: {l}");
        }
    }
    // A changed field is configured, and removing it from the manifest removes it.
    let manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: \"1\"\n  b: \"2\"\n";
    tc.kubectl_stdin(&["apply", "-f", "-"], manifest).await.ok();
    let out = tc.kubectl_stdin(&["apply", "-f", "-"], &manifest.replace("  b: \"2\"\n", "")).await.ok();
    assert_eq!(out.stdout.trim(), "configmap/cfg configured");
    let out = tc.kubectl(&["get", "cm", "cfg", "-o", "jsonpath={.data}"]).await.ok();
    assert_eq!(out.stdout, "{\"a\":\"1\"}");
}

#[tokio::test(flavor = "multi_thread")]
async fn kubectl_get_uses_server_columns_for_each_kind() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    apply_seed(&tc).await;
    let expect: &[(&str, &str, &str)] = &[
        ("deployments", "NAME READY UP-TO-DATE AVAILABLE AGE", "CONTAINERS IMAGES SELECTOR"),
        ("services", "NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE", "SELECTOR"),
        ("configmaps", "NAME DATA AGE", ""),
        ("secrets", "NAME TYPE DATA AGE", ""),
        ("ingresses", "NAME CLASS HOSTS ADDRESS PORTS AGE", ""),
        ("statefulsets", "NAME READY AGE", "CONTAINERS IMAGES"),
        (
            "daemonsets",
            "NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE",
            "CONTAINERS IMAGES SELECTOR",
        ),
        (
            "persistentvolumes",
            "NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE",
            "",
        ),
        (
            "persistentvolumeclaims",
            "NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE",
            "",
        ),
        ("namespaces", "NAME STATUS AGE", ""),
    ];
    for (kind, cols, wide) in expect {
        let out = tc.kubectl(&["get", kind, "-A"]).await.ok();
        let header: Vec<&str> = out.stdout.lines().next().unwrap_or("").split_whitespace().collect();
        let want: Vec<&str> = std::iter::once("NAMESPACE").chain(cols.split_whitespace()).collect();
        let cluster_scoped = matches!(*kind, "persistentvolumes" | "namespaces");
        let want = if cluster_scoped { want[1..].to_vec() } else { want };
        assert_eq!(header, want, "get {kind} -A:\n{}", out.stdout);
        assert!(out.stdout.lines().count() >= 2, "get {kind} -A lists nothing:\n{}", out.stdout);
        let wide_out = tc.kubectl(&["get", kind, "-A", "-o", "wide"]).await.ok();
        let wide_header = wide_out.stdout.lines().next().unwrap_or("").to_string();
        for w in wide.split_whitespace() {
            assert!(wide_header.contains(w), "get {kind} -o wide lacks {w}: {wide_header}");
        }
    }
    let svc = tc.kubectl(&["get", "svc", "myapp-external-service", "--no-headers"]).await.ok();
    let cells: Vec<&str> = svc.stdout.split_whitespace().collect();
    assert_eq!(cells[1], "LoadBalancer");
    // The load-balancer controller gives it an address from the default pool, as MetalLB would.
    assert!(cells[3].starts_with("172.18.255."), "{}", svc.stdout);
    assert_eq!(cells[4], "8080:30510/TCP");
    let all = tc.kubectl(&["get", "all"]).await.ok();
    for needle in ["service/kubernetes", "deployment.apps/fe-nginx-deployment", "statefulset.apps/mongo"] {
        assert!(all.stdout.contains(needle), "get all lacks {needle}:\n{}", all.stdout);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn kubectl_get_pods_watch_sees_added_modified_deleted() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    let mut watch = tc.kubectl_command();
    watch.args(["get", "pods", "-w", "--output-watch-events", "--no-headers"]).stdout(std::process::Stdio::piped());
    let mut child = watch.spawn().expect("kubectl get -w");
    let mut lines = BufReader::new(child.stdout.take().expect("piped")).lines();
    // The watch starts after the (empty) list; give kubectl a moment to reach it, then
    // make changes until all three kinds of event have been printed.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let pod =
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: w1\nspec:\n  containers:\n  - name: c\n    image: busybox\n";
    tc.kubectl_stdin(&["create", "-f", "-"], pod).await.ok();
    tc.kubectl(&["label", "pod", "w1", "x=y"]).await.ok();
    tc.kubectl(&["delete", "pod", "w1", "--wait=false"]).await.ok();
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !seen.iter().any(|l: &String| l.starts_with("DELETED")) {
        let line = tokio::time::timeout_at(deadline, lines.next_line()).await.expect("watch output in time");
        let line = line.expect("read").expect("kubectl still watching");
        seen.push(line);
    }
    let kinds: Vec<&str> = seen.iter().filter_map(|l| l.split_whitespace().next()).collect();
    // The label is one MODIFIED; the scheduler's status update (no nodes) may be another.
    assert_eq!(kinds.first(), Some(&"ADDED"), "{seen:?}");
    assert_eq!(kinds.last(), Some(&"DELETED"), "{seen:?}");
    let middle = &kinds[1..kinds.len() - 1];
    assert!(!middle.is_empty() && middle.iter().all(|k| *k == "MODIFIED"), "{seen:?}");
    assert!(seen.iter().all(|l| l.contains("w1")));
    let _ = child.kill().await;
}

async fn replicas(tc: &TestCluster, deploy: &str) -> String {
    tc.kubectl(&["get", "deploy", deploy, "-o", "jsonpath={.spec.replicas}"]).await.ok().stdout
}

#[tokio::test(flavor = "multi_thread")]
async fn kubectl_edit_patch_scale_delete() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    let seed = fixtures().join("seed").join("fe-nginx-deployment.yaml");
    tc.kubectl(&["apply", "-f", seed.to_str().expect("utf8")]).await.ok();

    // edit with a scripted editor
    let editor = tc.dir.path().join("editor.sh");
    std::fs::write(&editor, "#!/bin/sh\nsed -i 's/^  replicas: 2$/  replicas: 7/' \"$1\"\n").expect("write editor");
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
    let out = tc
        .kubectl_env(&["edit", "deployment/fe-nginx-deployment"], &[("KUBE_EDITOR", editor.to_str().expect("utf8"))])
        .await
        .ok();
    assert_eq!(out.stdout.trim(), "deployment.apps/fe-nginx-deployment edited");
    assert_eq!(replicas(&tc, "fe-nginx-deployment").await, "7");

    // the three patch types
    tc.kubectl(&["patch", "deploy", "fe-nginx-deployment", "-p", r#"{"spec":{"replicas":3}}"#]).await.ok();
    assert_eq!(replicas(&tc, "fe-nginx-deployment").await, "3");
    tc.kubectl(&["patch", "deploy", "fe-nginx-deployment", "--type=merge", "-p", r#"{"spec":{"replicas":4}}"#])
        .await
        .ok();
    assert_eq!(replicas(&tc, "fe-nginx-deployment").await, "4");
    tc.kubectl(&[
        "patch",
        "deploy",
        "fe-nginx-deployment",
        "--type=json",
        "-p",
        r#"[{"op":"replace","path":"/spec/replicas","value":5}]"#,
    ])
    .await
    .ok();
    assert_eq!(replicas(&tc, "fe-nginx-deployment").await, "5");
    // a strategic merge patch merges containers by name
    tc.kubectl(&[
        "patch",
        "deploy",
        "fe-nginx-deployment",
        "-p",
        r#"{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox"}]}}}}"#,
    ])
    .await
    .ok();
    let names = tc
        .kubectl(&["get", "deploy", "fe-nginx-deployment", "-o", "jsonpath={.spec.template.spec.containers[*].name}"])
        .await
        .ok();
    assert_eq!(names.stdout, "sidecar fe-nginx");
    let bad = tc
        .kubectl(&[
            "patch",
            "deploy",
            "fe-nginx-deployment",
            "--type=json",
            "-p",
            r#"[{"op":"test","path":"/spec/replicas","value":9}]"#,
        ])
        .await;
    assert_eq!(bad.code, 1);
    // kube answers a failed JSON patch with a bare 422 Invalid; we add the reason as a cause,
    // which kubectl prints after its own prefix.
    assert!(bad.stderr.starts_with("The Deployment \"fe-nginx-deployment\" is invalid"), "{}", bad.stderr);
    assert!(bad.stderr.contains("(test /spec/replicas) failed"), "{}", bad.stderr);

    // scale, and scale with a stale precondition
    let out = tc.kubectl(&["scale", "deploy", "fe-nginx-deployment", "--replicas=1"]).await.ok();
    assert_eq!(out.stdout.trim(), "deployment.apps/fe-nginx-deployment scaled");
    assert_eq!(replicas(&tc, "fe-nginx-deployment").await, "1");
    let out = tc.kubectl(&["scale", "deploy", "fe-nginx-deployment", "--replicas=2", "--resource-version=1"]).await;
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("Expected resource version to be 1"), "{}", out.stderr);

    // delete --wait returns once the object is gone
    let out = tc.kubectl(&["delete", "deploy", "fe-nginx-deployment", "--wait"]).await.ok();
    assert_eq!(out.stdout.trim(), "deployment.apps \"fe-nginx-deployment\" deleted");
    let out = tc.kubectl(&["get", "deploy", "fe-nginx-deployment"]).await;
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr.trim(), "Error from server (NotFound): deployments.apps \"fe-nginx-deployment\" not found");
}

#[tokio::test(flavor = "multi_thread")]
async fn kubectl_server_dry_run_persists_nothing() {
    if !have_kubectl() {
        return;
    }
    // Only the test writes: no controllers or scheduler reacting to what it creates.
    let quiet = kx::cluster::embedded::ClusterConfig {
        controllers: false,
        scheduler: false,
        system: None,
        ..Default::default()
    };
    let tc = TestCluster::start_with(quiet).await;
    let before = tc.cluster.store.revision();
    let seed = fixtures().join("seed").join("hellok8s.yaml");
    let out = tc.kubectl(&["apply", "--dry-run=server", "-f", seed.to_str().expect("utf8")]).await.ok();
    assert!(out.stdout.contains("deployment.apps/hellok8s-deployment created (server dry run)"), "{}", out.stdout);
    assert_eq!(tc.cluster.store.revision(), before, "dry run wrote to the store");
    let out = tc.kubectl(&["get", "deploy", "hellok8s-deployment"]).await;
    assert_eq!(out.code, 1);
    tc.kubectl(&["apply", "-f", seed.to_str().expect("utf8")]).await.ok();
    let before = tc.cluster.store.revision();
    tc.kubectl(&["scale", "deploy", "hellok8s-deployment", "--replicas=9", "--dry-run=server"]).await.ok();
    tc.kubectl(&["delete", "deploy", "hellok8s-deployment", "--dry-run=server"]).await.ok();
    assert_eq!(tc.cluster.store.revision(), before, "dry run wrote to the store");
}

#[tokio::test(flavor = "multi_thread")]
async fn kubectl_bad_fixtures_are_refused_and_change_nothing() {
    if !have_kubectl() {
        return;
    }
    // Only the test writes, so an unchanged revision means the apply wrote nothing.
    let quiet = kx::cluster::embedded::ClusterConfig {
        controllers: false,
        scheduler: false,
        system: None,
        ..Default::default()
    };
    let tc = TestCluster::start_with(quiet).await;
    let cases: &[(&str, &str)] = &[
        (
            "invalid-name.yaml",
            "The ConfigMap \"Not_A_Valid_Name\" is invalid: metadata.name: Invalid value: \"Not_A_Valid_Name\"",
        ),
        ("seed-misindented-service.yaml", "yaml: line 13: mapping values are not allowed in this context"),
        ("seed-secret-no-space.yaml", "yaml: line 7: could not find expected ':'"),
        ("seed-typo-field.yaml", "strict decoding error: unknown field \"spec.modeAffinity\""),
        ("wrong-kind.yaml", "no matches for kind \"Deploymnet\" in version \"apps/v1\""),
    ];
    // Discovery and OpenAPI are fetched by the first command; settle them first so the
    // revision check covers only the apply.
    tc.kubectl(&["get", "ns"]).await.ok();
    for (file, message) in cases {
        let before = tc.cluster.store.revision();
        let path = fixtures().join("bad").join(file);
        let out = tc.kubectl(&["apply", "-f", path.to_str().expect("utf8")]).await;
        assert_eq!(out.code, 1, "{file} was accepted:\n{}", out.stdout);
        assert!(out.stderr.contains(message), "{file}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{file} printed to stdout: {}", out.stdout);
        assert_eq!(tc.cluster.store.revision(), before, "{file} changed the cluster");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn kubectl_delete_namespace_with_grace_reports_terminating() {
    if !have_kubectl() {
        return;
    }
    // Without the namespace controller the namespace stays Terminating, so the apiserver's
    // side of it can be looked at (the controller's side is in system_controllers).
    let tc = TestCluster::start_with(kx::cluster::embedded::ClusterConfig { system: None, ..Default::default() }).await;
    tc.kubectl_stdin(&["create", "-f", "-"], "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: doomed\n").await.ok();
    let out = tc.kubectl(&["delete", "ns", "doomed", "--wait=false"]).await.ok();
    assert_eq!(out.stdout.trim(), "namespace \"doomed\" deleted");
    let phase = eventually(Duration::from_secs(10), "namespace terminating", || async {
        let out = tc.kubectl(&["get", "ns", "doomed", "-o", "jsonpath={.status.phase}"]).await;
        (out.code == 0 && !out.stdout.is_empty()).then_some(out.stdout)
    })
    .await;
    assert_eq!(phase, "Terminating");
    let out = tc
        .kubectl_stdin(
            &["create", "-n", "doomed", "-f", "-"],
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: late\n",
        )
        .await;
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("because it is being terminated"), "{}", out.stderr);
}

const WIDGET_CRD: &str = r#"
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names:
    plural: widgets
    singular: widget
    kind: Widget
    shortNames: [wd]
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
    subresources:
      status: {}
      scale:
        specReplicasPath: .spec.replicas
        statusReplicasPath: .status.replicas
    additionalPrinterColumns:
    - name: Size
      type: string
      jsonPath: .spec.size
    - name: Age
      type: date
      jsonPath: .metadata.creationTimestamp
"#;

#[tokio::test(flavor = "multi_thread")]
async fn kubectl_custom_resources_are_served_with_printer_columns() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    tc.kubectl_stdin(&["apply", "-f", "-"], WIDGET_CRD).await.ok();
    let crd = tc
        .kubectl(&[
            "get",
            "crd",
            "widgets.example.com",
            "-o",
            "jsonpath={.status.conditions[?(@.type==\"Established\")].status}",
        ])
        .await
        .ok();
    assert_eq!(crd.stdout, "True");
    let widget =
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: large\n  replicas: 1\n";
    let out = tc.kubectl_stdin(&["apply", "-f", "-"], widget).await.ok();
    assert_eq!(out.stdout.trim(), "widget.example.com/w1 created");
    let out = tc.kubectl_stdin(&["apply", "-f", "-"], widget).await.ok();
    assert_eq!(out.stdout.trim(), "widget.example.com/w1 unchanged");
    let out = tc.kubectl(&["get", "wd"]).await.ok();
    let mut lines = out.stdout.lines();
    assert_eq!(lines.next().map(|l| l.split_whitespace().collect::<Vec<_>>()), Some(vec!["NAME", "SIZE", "AGE"]));
    assert!(lines.next().is_some_and(|l| l.starts_with("w1") && l.contains("large")), "{}", out.stdout);
    let res = tc.kubectl(&["api-resources", "--api-group=example.com"]).await.ok();
    assert!(
        res.stdout.contains("widgets") && res.stdout.contains("wd") && res.stdout.contains("Widget"),
        "{}",
        res.stdout
    );
    tc.kubectl(&["scale", "widget", "w1", "--replicas=3"]).await.ok();
    let r = tc.kubectl(&["get", "widget", "w1", "-o", "jsonpath={.spec.replicas}"]).await.ok();
    assert_eq!(r.stdout, "3");
    let bad = tc.kubectl(&["patch", "widget", "w1", "-p", r#"{"spec":{"size":"small"}}"#]).await;
    assert_eq!(bad.code, 1, "strategic merge patch is refused for custom resources");
    tc.kubectl(&["patch", "widget", "w1", "--type=merge", "-p", r#"{"spec":{"size":"small"}}"#]).await.ok();
    tc.kubectl(&["delete", "crd", "widgets.example.com"]).await.ok();
    let gone = tc.kubectl(&["get", "widgets"]).await;
    assert_eq!(gone.code, 1);
    // kubectl still has widgets in its discovery cache, so it asks and gets a 404, as it
    // would from a real server.
    assert!(gone.stderr.contains("the server could not find the requested resource"), "{}", gone.stderr);
    // Re-creating the CRD does not resurrect the old objects.
    tc.kubectl_stdin(&["apply", "-f", "-"], WIDGET_CRD).await.ok();
    let out = tc.kubectl(&["get", "widgets"]).await.ok();
    assert!(out.stderr.contains("No resources found"), "{}{}", out.stdout, out.stderr);
}
