//! Server-side apply field ownership, driven by real clients: the real kubectl (`apply
//! --server-side`, `scale`, `get --show-managed-fields`), the kx binary, and kube-rs'
//! `Patch::Apply`. Fields an applier drops go, other managers' fields conflict (409) unless
//! forced, and kx says exactly what kubectl says.

use k8s_openapi::api::apps::v1::Deployment;
use kube::api::{Api, Patch, PatchParams};
use serde_json::{Value, json};

use crate::support::{TestCluster, have_kubectl};

fn deployment(labels: &[(&str, &str)], containers: &[&str], replicas: u32) -> String {
    let labels: String = labels.iter().map(|(k, v)| format!("\n    {k}: {v}")).collect();
    let containers: String =
        containers.iter().map(|c| format!("\n      - name: {c}\n        image: nginx:1.27")).collect();
    format!(
        "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:{labels}
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:{containers}
"
    )
}

/// The deployment with its managedFields, as `kubectl get -o yaml --show-managed-fields`
/// prints it.
async fn with_managed_fields(tc: &TestCluster) -> Value {
    let out = tc.kubectl(&["get", "deploy", "web", "-o", "yaml", "--show-managed-fields"]).await.ok();
    serde_yaml::from_str(&out.stdout).expect("kubectl prints YAML")
}

fn entry<'a>(obj: &'a Value, manager: &str, operation: &str) -> Option<&'a Value> {
    obj.pointer("/metadata/managedFields")?
        .as_array()?
        .iter()
        .find(|e| e["manager"] == manager && e["operation"] == operation)
}

#[tokio::test(flavor = "multi_thread")]
async fn kubectl_server_side_apply_removes_what_the_manifest_dropped() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    let first = deployment(&[("app", "web"), ("tier", "front")], &["a", "b"], 1);
    let out = tc.kubectl_stdin(&["apply", "--server-side", "-f", "-"], &first).await.ok();
    assert_eq!(out.stdout.trim(), "deployment.apps/web serverside-applied");

    let obj = with_managed_fields(&tc).await;
    let applied = entry(&obj, "kubectl", "Apply").expect("kubectl's Apply entry");
    assert_eq!(applied["apiVersion"], "apps/v1");
    assert_eq!(applied["fieldsType"], "FieldsV1");
    assert!(applied["time"].as_str().is_some_and(|t| t.ends_with('Z')), "{applied}");
    let fields = &applied["fieldsV1"];
    assert_eq!(fields["f:metadata"]["f:labels"], json!({"f:app": {}, "f:tier": {}}));
    assert_eq!(fields["f:spec"]["f:replicas"], json!({}));
    let containers = &fields["f:spec"]["f:template"]["f:spec"]["f:containers"];
    assert_eq!(containers["k:{\"name\":\"a\"}"], json!({".": {}, "f:image": {}, "f:name": {}}));
    assert!(containers.get("k:{\"name\":\"b\"}").is_some(), "{containers}");

    // Without the flag kubectl hides them, as always.
    let plain = tc.kubectl(&["get", "deploy", "web", "-o", "yaml"]).await.ok();
    assert!(!plain.stdout.contains("managedFields"));

    // Applied again without the tier label and without container b: both go.
    let second = deployment(&[("app", "web")], &["a"], 1);
    tc.kubectl_stdin(&["apply", "--server-side", "-f", "-"], &second).await.ok();
    let obj = with_managed_fields(&tc).await;
    assert_eq!(obj["metadata"]["labels"], json!({"app": "web"}));
    let names: Vec<&str> = obj["spec"]["template"]["spec"]["containers"]
        .as_array()
        .expect("containers")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(names, ["a"]);
    let fields = &entry(&obj, "kubectl", "Apply").expect("Apply entry")["fieldsV1"];
    assert_eq!(fields["f:metadata"]["f:labels"], json!({"f:app": {}}));

    // A label another manager also applies stays when kubectl drops it.
    let shared = deployment(&[("app", "web"), ("team", "x")], &["a"], 1);
    tc.kubectl_stdin(&["apply", "--server-side", "--field-manager", "other", "-f", "-"], &shared).await.ok();
    tc.kubectl_stdin(&["apply", "--server-side", "-f", "-"], &shared).await.ok();
    tc.kubectl_stdin(&["apply", "--server-side", "-f", "-"], &second).await.ok();
    let obj = with_managed_fields(&tc).await;
    assert_eq!(obj["metadata"]["labels"], json!({"app": "web", "team": "x"}));

    // kx shows the same entries with the same flag, and hides them without.
    let out = tc.kx(&["get", "deploy", "web", "-o", "yaml", "--show-managed-fields"]).await.ok();
    let kx_obj: Value = serde_yaml::from_str(&out.stdout).expect("kx prints YAML");
    assert_eq!(kx_obj["metadata"]["managedFields"], obj["metadata"]["managedFields"]);
    let out = tc.kx(&["get", "deploy", "web", "-o", "yaml"]).await.ok();
    assert!(!out.stdout.contains("managedFields"));
}

#[tokio::test(flavor = "multi_thread")]
async fn scale_then_server_side_apply_conflicts_like_kube_apiserver() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    let manifest = deployment(&[("app", "web")], &["a"], 2);
    tc.kubectl_stdin(&["apply", "--server-side", "-f", "-"], &manifest).await.ok();
    tc.kubectl(&["scale", "deploy/web", "--replicas=5"]).await.ok();
    let obj = with_managed_fields(&tc).await;
    let scaler = obj["metadata"]["managedFields"]
        .as_array()
        .expect("managedFields")
        .iter()
        .find(|e| e["operation"] == "Update" && e["subresource"] == "scale")
        .unwrap_or_else(|| panic!("no scale entry in {}", obj["metadata"]["managedFields"]))
        .clone();
    assert_eq!(scaler["fieldsV1"], json!({"f:spec": {"f:replicas": {}}}));
    let scaler_name = scaler["manager"].as_str().expect("manager").to_string();
    // The applier no longer owns replicas.
    let applied = &entry(&obj, "kubectl", "Apply").expect("Apply entry")["fieldsV1"];
    assert!(applied["f:spec"].get("f:replicas").is_none(), "{applied}");

    let kubectl = tc.kubectl_stdin(&["apply", "--server-side", "-f", "-"], &manifest).await;
    assert_eq!(kubectl.code, 1, "{}", kubectl.stderr);
    let first_line = format!(
        "error: Apply failed with 1 conflict: conflict with \"{scaler_name}\" with subresource \"scale\" using apps/v1: .spec.replicas"
    );
    assert_eq!(kubectl.stderr.lines().next(), Some(first_line.as_str()), "{}", kubectl.stderr);
    assert!(kubectl.stderr.contains("--force-conflicts"), "{}", kubectl.stderr);
    let kx_out = tc.kx_stdin(&["apply", "--server-side", "-f", "-"], &manifest).await;
    assert_eq!(kx_out.code, kubectl.code);
    assert_eq!(kx_out.stderr, kubectl.stderr);
    assert_eq!(kx_out.stdout, kubectl.stdout);
    let replicas = tc.kubectl(&["get", "deploy", "web", "-o", "jsonpath={.spec.replicas}"]).await.ok();
    assert_eq!(replicas.stdout, "5", "a refused apply changes nothing");

    // The API's own answer, as kube-apiserver words it.
    let raw = tc.kubectl(&["get", "--raw", "/apis/apps/v1/namespaces/default/deployments/web"]).await.ok();
    let live: Value = serde_json::from_str(&raw.stdout).expect("json");
    assert_eq!(live["spec"]["replicas"], 5);

    // Forced, kubectl takes replicas and the scaler's entry (which owned nothing else) goes.
    tc.kubectl_stdin(&["apply", "--server-side", "--force-conflicts", "-f", "-"], &manifest).await.ok();
    let obj = with_managed_fields(&tc).await;
    assert_eq!(obj["spec"]["replicas"], 2);
    let applied = &entry(&obj, "kubectl", "Apply").expect("Apply entry")["fieldsV1"];
    assert_eq!(applied["f:spec"]["f:replicas"], json!({}));
    assert!(
        !obj["metadata"]["managedFields"].as_array().expect("entries").iter().any(|e| e["subresource"] == "scale"),
        "{}",
        obj["metadata"]["managedFields"]
    );

    // kx's --force-conflicts does the same.
    tc.kubectl(&["scale", "deploy/web", "--replicas=4"]).await.ok();
    let refused = tc.kx_stdin(&["apply", "--server-side", "-f", "-"], &manifest).await;
    assert_eq!(refused.code, 1);
    let out = tc.kx_stdin(&["apply", "--server-side", "--force-conflicts", "-f", "-"], &manifest).await.ok();
    assert_eq!(out.stdout.trim(), "deployment.apps/web serverside-applied");
    let obj = with_managed_fields(&tc).await;
    assert_eq!(obj["spec"]["replicas"], 2);
    assert_eq!(entry(&obj, "kubectl", "Apply").expect("Apply entry")["fieldsV1"]["f:spec"]["f:replicas"], json!({}));
}

#[tokio::test(flavor = "multi_thread")]
async fn several_conflicts_are_listed_by_manager() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    let manifest = deployment(&[("app", "web"), ("tier", "front")], &["a"], 2);
    tc.kubectl_stdin(&["apply", "--server-side", "--field-manager", "first", "-f", "-"], &manifest).await.ok();
    let changed = deployment(&[("app", "web"), ("tier", "back")], &["a"], 3);
    let out = tc.kubectl_stdin(&["apply", "--server-side", "--field-manager", "second", "-f", "-"], &changed).await;
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr.lines().take(4).collect::<Vec<_>>(),
        [
            "error: Apply failed with 2 conflicts: conflicts with \"first\":",
            "- .metadata.labels.tier",
            "- .spec.replicas",
            "Please review the fields above--they currently have other managers. Here",
        ],
        "{}",
        out.stderr
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn kube_rs_apply_conflicts_unless_forced() {
    let tc = TestCluster::start().await;
    let api: Api<Deployment> = Api::namespaced(tc.remote_client().await, "default");
    let manifest: Value = serde_yaml::from_str(&deployment(&[("app", "web")], &["a"], 2)).expect("yaml");
    let owner = PatchParams::apply("deployer");
    api.patch("web", &owner, &Patch::Apply(&manifest)).await.expect("first apply creates");

    // A controller that wants other replicas.
    let mine =
        json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": {"replicas": 7}});
    let controller = PatchParams::apply("my-controller");
    match api.patch("web", &controller, &Patch::Apply(&mine)).await {
        Err(kube::Error::Api(s)) => {
            assert_eq!(s.code, 409);
            assert_eq!(s.reason, "Conflict");
            assert_eq!(s.message, "Apply failed with 1 conflict: conflict with \"deployer\": .spec.replicas",);
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(api.get("web").await.expect("get").spec.and_then(|s| s.replicas), Some(2));

    // Forced: the controller owns replicas now, the deployer keeps the rest.
    let d = api.patch("web", &controller.clone().force(), &Patch::Apply(&mine)).await.expect("forced apply");
    assert_eq!(d.spec.as_ref().and_then(|s| s.replicas), Some(7));
    let entries = d.metadata.managed_fields.unwrap_or_default();
    let of = |m: &str| {
        entries
            .iter()
            .find(|e| e.manager.as_deref() == Some(m))
            .and_then(|e| e.fields_v1.as_ref())
            .map(|f| f.0.clone())
            .unwrap_or_else(|| panic!("no entry for {m}"))
    };
    assert_eq!(of("my-controller"), json!({"f:spec": {"f:replicas": {}}}));
    assert!(of("deployer")["f:spec"].get("f:replicas").is_none());
    assert!(of("deployer")["f:spec"].get("f:template").is_some());

    // The deployer re-applies with the controller's value: shared, no conflict.
    let mut same = manifest.clone();
    same["spec"]["replicas"] = json!(7);
    api.patch("web", &owner, &Patch::Apply(&same)).await.expect("same value is no conflict");

    // Status through the status subresource is recorded with its subresource.
    let status = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "status": {"observedGeneration": 1}});
    let d = api.patch_status("web", &controller.clone().force(), &Patch::Apply(&status)).await.expect("status apply");
    let entries = d.metadata.managed_fields.unwrap_or_default();
    assert!(
        entries.iter().any(|e| e.manager.as_deref() == Some("my-controller")
            && e.subresource.as_deref() == Some("status")
            && e.operation.as_deref() == Some("Apply")),
        "{entries:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn updates_record_their_managers() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    // Client-side apply still works as before and is recorded as an Update.
    let manifest = deployment(&[("app", "web")], &["a"], 1);
    tc.kubectl_stdin(&["apply", "-f", "-"], &manifest).await.ok();
    let obj = with_managed_fields(&tc).await;
    let csa = entry(&obj, "kubectl-client-side-apply", "Update").expect("client-side apply entry");
    assert_eq!(csa["apiVersion"], "apps/v1");
    assert!(
        csa["fieldsV1"]["f:metadata"]["f:annotations"]
            .get("f:kubectl.kubernetes.io/last-applied-configuration")
            .is_some()
    );
    // Defaulted fields belong to whoever created the object.
    assert!(csa["fieldsV1"]["f:spec"].get("f:progressDeadlineSeconds").is_some(), "{csa}");
    let again = tc.kubectl_stdin(&["apply", "-f", "-"], &manifest).await.ok();
    assert_eq!(again.stdout.trim(), "deployment.apps/web unchanged");

    // kubectl label (a patch) takes the label it sets.
    tc.kubectl(&["label", "deploy/web", "extra=1"]).await.ok();
    let obj = with_managed_fields(&tc).await;
    let labeller = obj["metadata"]["managedFields"]
        .as_array()
        .expect("entries")
        .iter()
        .find(|e| e["fieldsV1"]["f:metadata"]["f:labels"].get("f:extra").is_some())
        .expect("an entry owns the new label");
    assert_eq!(labeller["operation"], "Update");
    assert_ne!(labeller["manager"], "kubectl-client-side-apply");

    // kubectl upgrading to server-side apply takes over what it applied client-side.
    let bigger = deployment(&[("app", "web")], &["a"], 3);
    tc.kubectl_stdin(&["apply", "--server-side", "-f", "-"], &bigger).await.ok();
    let obj = with_managed_fields(&tc).await;
    assert_eq!(obj["spec"]["replicas"], 3);
}
