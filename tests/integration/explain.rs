//! `explain` and OpenAPI schemas: real kubectl's `explain` against the embedded server, `kx
//! explain` compared with it byte for byte, and custom resources validated against their
//! CRD's schema as kube-apiserver validates them.

use super::support::{TestCluster, have_kubectl};

/// A CRD whose schema exercises what explain and validation read: descriptions, required
/// fields, enums, bounds, patterns, defaults, nested lists and preserved unknown fields.
pub const GADGET_CRD: &str = r#"
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: gadgets, singular: gadget, kind: Gadget, shortNames: [gd]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        description: Gadget is a small device with a purpose.
        type: object
        required: [spec]
        properties:
          spec:
            description: The desired state of the gadget.
            type: object
            required: [color]
            properties:
              color:
                description: The colour it is painted.
                type: string
                enum: [red, green, blue]
              replicas:
                description: How many there are.
                type: integer
                minimum: 0
                maximum: 10
              size:
                type: string
                default: medium
                pattern: '^(small|medium|large)$'
              parts:
                type: array
                maxItems: 3
                items:
                  type: object
                  required: [name]
                  properties:
                    name: {type: string, maxLength: 8}
                    weight: {type: number}
              extra:
                type: object
                x-kubernetes-preserve-unknown-fields: true
          status:
            type: object
            properties:
              ready: {type: boolean}
"#;

async fn established(tc: &TestCluster) {
    tc.kubectl_stdin(&["apply", "-f", "-"], GADGET_CRD).await.ok();
    tc.kubectl(&["wait", "--for=condition=Established", "crd/gadgets.example.com", "--timeout=30s"]).await.ok();
}

#[tokio::test(flavor = "multi_thread")]
async fn explain_kx_matches_kubectl_for_builtins_and_crds() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    established(&tc).await;
    let cases: &[&[&str]] = &[
        &["explain", "pods"],
        &["explain", "pods.spec.containers"],
        &["explain", "deployment", "--recursive"],
        &["explain", "deploy.spec.strategy.rollingUpdate.maxSurge"],
        &["explain", "svc.spec.ports"],
        &["explain", "cronjobs.spec.jobTemplate", "--api-version", "batch/v1"],
        &["explain", "configmaps.data"],
        &["explain", "crd.spec.versions.schema.openAPIV3Schema", "--recursive"],
        &["explain", "gadgets"],
        &["explain", "gadget.spec"],
        &["explain", "gd.spec.color"],
        &["explain", "gadgets", "--recursive"],
        &["explain", "pods.spec.nope"],
        &["explain", "nosuchthing"],
    ];
    for args in cases {
        let theirs = tc.kubectl(args).await;
        let ours = tc.kx(args).await;
        assert_eq!(
            (ours.code, ours.stdout.as_str(), ours.stderr.as_str()),
            (theirs.code, theirs.stdout.as_str(), theirs.stderr.as_str()),
            "kx {args:?} differs from kubectl"
        );
    }
    let pods = tc.kx(&["explain", "pods.spec.containers"]).await.ok();
    assert!(pods.stdout.starts_with("KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <[]Container>\n"));
    assert!(pods.stdout.contains("  name\t<string> -required-\n"), "{}", pods.stdout);
}

#[tokio::test(flavor = "multi_thread")]
async fn custom_resources_are_pruned_defaulted_and_validated_by_their_schema() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    established(&tc).await;
    let good = "apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g1\nspec:\n  color: red\n  replicas: 2\n  parts:\n  - name: gear\n    weight: 1.5\n  extra:\n    anything: [1, 2]\n";
    let out = tc.kubectl_stdin(&["apply", "-f", "-"], good).await.ok();
    assert_eq!(out.stdout.trim(), "gadget.example.com/g1 created");
    let got = tc.kubectl(&["get", "gadget", "g1", "-o", "jsonpath={.spec.size} {.spec.extra.anything}"]).await.ok();
    assert_eq!(got.stdout, "medium [1,2]", "the default applied and preserved fields kept");
    let out = tc.kubectl_stdin(&["apply", "-f", "-"], good).await.ok();
    assert_eq!(out.stdout.trim(), "gadget.example.com/g1 unchanged");

    // kubectl asks for fieldValidation=Strict: an unknown field is refused, as kube does.
    let unknown = "apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g2\nspec:\n  color: red\n  foo: 1\n";
    let out = tc.kubectl_stdin(&["apply", "-f", "-"], unknown).await;
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("strict decoding error: unknown field \"spec.foo\""), "{}", out.stderr);
    // With validation off the field is pruned instead.
    tc.kubectl_stdin(&["apply", "--validate=false", "-f", "-"], unknown).await.ok();
    let got = tc.kubectl(&["get", "gadget", "g2", "-o", "json"]).await.ok();
    assert!(!got.stdout.contains("\"foo\""), "pruned: {}", got.stdout);

    let bad = "apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g3\nspec:\n  color: purple\n  replicas: \"string\"\n  size: huge\n";
    let out = tc.kubectl_stdin(&["apply", "-f", "-"], bad).await;
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("The Gadget \"g3\" is invalid:"), "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\""
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("spec.color: Unsupported value: \"purple\": supported values: \"red\", \"green\", \"blue\"")
    );
    assert!(
        out.stderr
            .contains("spec.size: Invalid value: \"huge\": spec.size in body should match '^(small|medium|large)$'")
    );
    let missing = "apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g4\nspec:\n  replicas: 11\n";
    let out = tc.kubectl_stdin(&["apply", "-f", "-"], missing).await;
    assert!(out.stderr.contains("spec.color: Required value"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10")
    );
    let gone = tc.kubectl(&["get", "gadget", "g3"]).await;
    assert_eq!(gone.code, 1, "nothing invalid was stored");
    // A patch is validated too.
    let out = tc.kubectl(&["patch", "gadget", "g1", "--type=merge", "-p", r#"{"spec":{"replicas":-1}}"#]).await;
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("should be greater than or equal to 0"), "{}", out.stderr);
}

#[tokio::test(flavor = "multi_thread")]
async fn openapi_v3_documents_are_hashed_and_cached_like_kube_apiserver() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    let index = tc.kubectl(&["get", "--raw", "/openapi/v3"]).await.ok();
    let index: serde_json::Value = serde_json::from_str(&index.stdout).expect("json");
    let url = index["paths"]["apis/apps/v1"]["serverRelativeURL"].as_str().expect("url").to_string();
    assert!(url.starts_with("/openapi/v3/apis/apps/v1?hash="), "{url}");
    let doc = tc.kubectl(&["get", "--raw", &url]).await.ok();
    let doc: serde_json::Value = serde_json::from_str(&doc.stdout).expect("json");
    let d = &doc["components"]["schemas"]["io.k8s.api.apps.v1.Deployment"];
    assert_eq!(d["x-kubernetes-group-version-kind"][0]["kind"], "Deployment");
    // The CRD's group appears once it is established, with its schema.
    established(&tc).await;
    let index = tc.kubectl(&["get", "--raw", "/openapi/v3"]).await.ok();
    let index: serde_json::Value = serde_json::from_str(&index.stdout).expect("json");
    let url = index["paths"]["apis/example.com/v1"]["serverRelativeURL"].as_str().expect("crd url").to_string();
    let doc = tc.kubectl(&["get", "--raw", &url]).await.ok();
    let doc: serde_json::Value = serde_json::from_str(&doc.stdout).expect("json");
    let g = &doc["components"]["schemas"]["com.example.v1.Gadget"];
    assert_eq!(g["properties"]["spec"]["properties"]["color"]["enum"][0], "red");
    // --validate=strict (the default) keeps working for built-ins with real schemas served.
    let bad = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\nbogus: 1\n";
    let out = tc.kubectl_stdin(&["apply", "-f", "-"], bad).await;
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("unknown field \"bogus\""), "{}", out.stderr);
    let ok = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n";
    tc.kubectl_stdin(&["apply", "-f", "-"], ok).await.ok();
    let changed = ok.replace("image: nginx", "image: nginx:1.27");
    let out = tc.kubectl_stdin(&["apply", "-f", "-"], &changed).await.ok();
    assert_eq!(out.stdout.trim(), "deployment.apps/web configured");
}
