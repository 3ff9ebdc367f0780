//! kx's write commands against the embedded cluster, judged by the real kubectl: apply
//! interoperates both ways (objects applied by one are `unchanged` for the other, removed
//! fields go), output and exit codes match kubectl's line for line, broken fixtures change
//! nothing, and the edit loop behaves with scripted editors.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;

use crate::support::{Out, TestCluster, eventually, fixtures, have_kubectl};

fn kx_command(tc: &TestCluster) -> tokio::process::Command {
    let mut c = tokio::process::Command::new(env!("CARGO_BIN_EXE_kx"));
    // A cache and temp dir per cluster: ports are reused between test runs, and edit's
    // preserved files must land where the test can read them.
    c.env("KUBECONFIG", &tc.kubeconfig)
        .env("XDG_CACHE_HOME", tc.dir.path().join("kx-cache"))
        .env("TMPDIR", tc.dir.path())
        .env_remove("KUBE_EDITOR")
        .env_remove("KUBECTL_EXTERNAL_DIFF")
        .stdin(Stdio::null())
        .kill_on_drop(true);
    c
}

fn out(o: std::process::Output) -> Out {
    Out::from(o)
}

async fn kx(tc: &TestCluster, args: &[&str]) -> Out {
    kx_env(tc, args, &[]).await
}

async fn kx_env(tc: &TestCluster, args: &[&str], env: &[(&str, &str)]) -> Out {
    let mut c = kx_command(tc);
    c.args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    out(c.output().await.expect("run kx"))
}

async fn kx_stdin(tc: &TestCluster, args: &[&str], input: &str) -> Out {
    use tokio::io::AsyncWriteExt;
    let mut c = kx_command(tc);
    c.args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = c.spawn().expect("spawn kx");
    let mut stdin = child.stdin.take().expect("piped");
    stdin.write_all(input.as_bytes()).await.expect("write stdin");
    drop(stdin);
    out(child.wait_with_output().await.expect("kx output"))
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

async fn jsonpath(tc: &TestCluster, args: &[&str], path: &str) -> String {
    let mut all: Vec<&str> = args.to_vec();
    let expr = format!("jsonpath={path}");
    all.extend(["-o", &expr]);
    tc.kubectl(&all).await.ok().stdout
}

/// Write an executable script into the test dir.
fn script(tc: &TestCluster, name: &str, body: &str) -> String {
    let p = tc.dir.path().join(name);
    std::fs::write(&p, format!("#!/bin/sh\n{body}")).expect("write script");
    std::fs::set_permissions(&p, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
    p.display().to_string()
}

const APP: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        env:
        - name: A
          value: \"<&>\"
        - name: B
          value: \"2\"
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  a: \"1\"
  b: \"2\"
";

fn lines(o: &Out) -> Vec<&str> {
    o.stdout.lines().collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn apply_kx_and_kubectl_take_turns_unchanged_both_ways() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    let created = kx_stdin(&tc, &["apply", "-f", "-"], APP).await.ok();
    assert_eq!(lines(&created), ["deployment.apps/web created", "configmap/cfg created"]);
    let again = tc.kubectl_stdin(&["apply", "-f", "-"], APP).await.ok();
    assert_eq!(lines(&again), ["deployment.apps/web unchanged", "configmap/cfg unchanged"], "kubectl after kx");

    // kubectl changes the objects; kx then sees nothing to do.
    let changed = APP.replace("replicas: 2", "replicas: 3").replace("image: nginx:1.27", "image: nginx:1.28");
    let out = tc.kubectl_stdin(&["apply", "-f", "-"], &changed).await.ok();
    assert_eq!(lines(&out), ["deployment.apps/web configured", "configmap/cfg unchanged"]);
    let out = kx_stdin(&tc, &["apply", "-f", "-"], &changed).await.ok();
    assert_eq!(lines(&out), ["deployment.apps/web unchanged", "configmap/cfg unchanged"], "kx after kubectl");

    // kx removes fields; kubectl agrees they are gone.
    let fewer = changed.replace("        - name: B\n          value: \"2\"\n", "").replace("  b: \"2\"\n", "");
    let out = kx_stdin(&tc, &["apply", "-f", "-"], &fewer).await.ok();
    assert_eq!(lines(&out), ["deployment.apps/web configured", "configmap/cfg configured"]);
    assert_eq!(jsonpath(&tc, &["get", "cm", "cfg"], "{.data}").await, "{\"a\":\"1\"}");
    assert_eq!(jsonpath(&tc, &["get", "deploy", "web"], "{.spec.template.spec.containers[0].env[*].name}").await, "A");
    let out = tc.kubectl_stdin(&["apply", "-f", "-"], &fewer).await.ok();
    assert_eq!(lines(&out), ["deployment.apps/web unchanged", "configmap/cfg unchanged"]);

    // kubectl removes a field; kx agrees.
    let fewest = fewer.replace("        ports:\n        - containerPort: 80\n", "");
    tc.kubectl_stdin(&["apply", "-f", "-"], &fewest).await.ok();
    assert_eq!(jsonpath(&tc, &["get", "deploy", "web"], "{.spec.template.spec.containers[0].ports}").await, "");
    let out = kx_stdin(&tc, &["apply", "-f", "-"], &fewest).await.ok();
    assert_eq!(lines(&out), ["deployment.apps/web unchanged", "configmap/cfg unchanged"]);

    // Dry runs and server-side apply.
    let out = kx_stdin(&tc, &["apply", "--dry-run=server", "-f", "-"], &fewest.replace("replicas: 3", "replicas: 4"))
        .await
        .ok();
    assert_eq!(
        lines(&out),
        ["deployment.apps/web configured (server dry run)", "configmap/cfg unchanged (server dry run)"]
    );
    assert_eq!(jsonpath(&tc, &["get", "deploy", "web"], "{.spec.replicas}").await, "3");
    let out = kx_stdin(&tc, &["apply", "--dry-run=client", "-f", "-"], &fewest).await.ok();
    assert_eq!(lines(&out), ["deployment.apps/web configured (dry run)", "configmap/cfg configured (dry run)"]);
    let out =
        kx_stdin(&tc, &["apply", "--server-side", "-f", "-"], &fewest.replace("replicas: 3", "replicas: 5")).await.ok();
    assert_eq!(lines(&out), ["deployment.apps/web serverside-applied", "configmap/cfg serverside-applied"]);
    assert_eq!(jsonpath(&tc, &["get", "deploy", "web"], "{.spec.replicas}").await, "5");
}

#[tokio::test(flavor = "multi_thread")]
async fn apply_custom_resources_use_merge_patch_both_ways() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    let crd = "apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        x-kubernetes-preserve-unknown-fields: true
";
    let out = kx_stdin(&tc, &["apply", "-f", "-"], crd).await.ok();
    assert_eq!(out.stdout.trim(), "customresourcedefinition.apiextensions.k8s.io/widgets.example.com created");
    let widget = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w1\nspec:\n  size: large\n  extra: 1\n";
    // Discovery is refreshed for a kind created moments ago.
    let out = kx_stdin(&tc, &["apply", "-f", "-"], widget).await.ok();
    assert_eq!(out.stdout.trim(), "widget.example.com/w1 created");
    let out = tc.kubectl_stdin(&["apply", "-f", "-"], widget).await.ok();
    assert_eq!(out.stdout.trim(), "widget.example.com/w1 unchanged");
    let smaller = widget.replace("  extra: 1\n", "");
    let out = kx_stdin(&tc, &["apply", "-f", "-"], &smaller).await.ok();
    assert_eq!(out.stdout.trim(), "widget.example.com/w1 configured");
    assert_eq!(jsonpath(&tc, &["get", "widget", "w1"], "{.spec}").await, "{\"size\":\"large\"}");
    let out = tc.kubectl_stdin(&["apply", "-f", "-"], &smaller).await.ok();
    assert_eq!(out.stdout.trim(), "widget.example.com/w1 unchanged");
}

#[tokio::test(flavor = "multi_thread")]
async fn apply_seed_directory_prints_kubectls_lines_twice() {
    if !have_kubectl() {
        return;
    }
    let (kx_cluster, kubectl_cluster) = (TestCluster::start().await, TestCluster::start().await);
    let seed = fixtures().join("seed");
    let seed = path_str(&seed);
    let kx_first = kx(&kx_cluster, &["apply", "-f", seed]).await.ok();
    let kubectl_first = kubectl_cluster.kubectl(&["apply", "-f", seed]).await.ok();
    assert!(kx_first.stdout.lines().count() >= 30, "{}", kx_first.stdout);
    assert!(kx_first.stdout.lines().all(|l| l.ends_with(" created")), "{}", kx_first.stdout);
    assert_eq!(kx_first.stdout, kubectl_first.stdout);
    let kx_second = kx(&kx_cluster, &["apply", "-f", seed]).await.ok();
    let kubectl_second = kubectl_cluster.kubectl(&["apply", "-f", seed]).await.ok();
    assert_eq!(kx_second.stdout, kubectl_second.stdout);
    assert!(kx_second.stdout.contains("deployment.apps/fe-nginx-deployment unchanged"), "{}", kx_second.stdout);
    // And kubectl, looking at what kx applied, agrees with kx.
    let cross = kx_cluster.kubectl(&["apply", "-f", seed]).await.ok();
    assert_eq!(cross.stdout, kubectl_second.stdout);
}

#[tokio::test(flavor = "multi_thread")]
async fn apply_bad_fixtures_are_refused_with_location_and_change_nothing() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    // Settle discovery so the revision check covers only the apply.
    kx(&tc, &["get", "ns"]).await.ok();
    let bad = fixtures().join("bad");
    let cases: &[(&str, &str)] = &[
        (
            "invalid-name.yaml",
            "The ConfigMap \"Not_A_Valid_Name\" is invalid: metadata.name: Invalid value: \"Not_A_Valid_Name\"",
        ),
        (
            "seed-misindented-service.yaml",
            "seed-misindented-service.yaml (document 1): yaml: line 13, column 17: mapping values are not allowed in this context",
        ),
        (
            "seed-secret-no-space.yaml",
            "seed-secret-no-space.yaml (document 1): yaml: line 7, column 1: could not find expected ':'",
        ),
        ("seed-typo-field.yaml", "strict decoding error: unknown field \"spec.modeAffinity\""),
        ("wrong-kind.yaml", "no matches for kind \"Deploymnet\" in version \"apps/v1\""),
    ];
    for (file, message) in cases {
        let path = bad.join(file);
        let before = tc.cluster.store.revision();
        let out = kx(&tc, &["apply", "-f", path_str(&path)]).await;
        assert_eq!(out.code, 1, "{file} was accepted:\n{}", out.stdout);
        assert!(out.stderr.contains(message), "{file}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{file} printed: {}", out.stdout);
        assert_eq!(tc.cluster.store.revision(), before, "{file} changed the cluster");
    }
    // Where kubectl and kx both see the problem the same way, they say the same thing.
    for file in ["invalid-name.yaml", "seed-typo-field.yaml", "wrong-kind.yaml"] {
        let path = bad.join(file);
        let ours = kx(&tc, &["apply", "-f", path_str(&path)]).await;
        let theirs = tc.kubectl(&["apply", "-f", path_str(&path)]).await;
        assert_eq!((ours.code, &ours.stderr), (theirs.code, &theirs.stderr), "{file}");
    }
    // A good document before a broken one is not applied either.
    let mixed = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n   oops: 1\n";
    let before = tc.cluster.store.revision();
    let out = kx_stdin(&tc, &["apply", "-f", "-"], mixed).await;
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("error parsing STDIN (document 2): yaml: line 10"), "{}", out.stderr);
    assert_eq!(tc.cluster.store.revision(), before, "half of a broken file was applied");
}

#[tokio::test(flavor = "multi_thread")]
async fn apply_prune_deletes_what_left_the_directory() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    let dir = tc.dir.path().join("manifests");
    std::fs::create_dir(&dir).expect("mkdir");
    let cm = |name: &str| format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  labels: {{grp: p}}\n");
    std::fs::write(dir.join("a.yaml"), cm("p1")).expect("write");
    std::fs::write(dir.join("b.yaml"), cm("p2")).expect("write");
    let out = kx(&tc, &["apply", "-f", path_str(&dir), "-l", "grp=p", "--prune"]).await.ok();
    assert_eq!(lines(&out), ["configmap/p1 created", "configmap/p2 created"]);
    std::fs::remove_file(dir.join("b.yaml")).expect("rm");
    let out = kx(&tc, &["apply", "-f", path_str(&dir), "-l", "grp=p", "--prune"]).await.ok();
    assert_eq!(lines(&out), ["configmap/p1 unchanged", "configmap/p2 pruned"]);
    let out = kx(&tc, &["apply", "-f", path_str(&dir), "--prune"]).await;
    let theirs = tc.kubectl(&["apply", "-f", path_str(&dir), "--prune"]).await;
    assert_eq!((out.code, out.stderr), (theirs.code, theirs.stderr));
}

async fn deploy_fixture(tc: &TestCluster) {
    let seed = fixtures().join("seed").join("fe-nginx-deployment.yaml");
    tc.kubectl(&["apply", "-f", path_str(&seed)]).await.ok();
}

const DEPLOY: &str = "deployment/fe-nginx-deployment";

#[tokio::test(flavor = "multi_thread")]
async fn edit_scripted_editor_success_and_no_change() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    deploy_fixture(&tc).await;
    let editor = script(&tc, "seven.sh", "sed -i 's/^  replicas: 2$/  replicas: 7/' \"$1\"\n");
    let out = kx_env(&tc, &["edit", DEPLOY], &[("KUBE_EDITOR", &editor)]).await.ok();
    assert_eq!(out.stdout, "deployment.apps/fe-nginx-deployment edited\n");
    assert_eq!(jsonpath(&tc, &["get", DEPLOY], "{.spec.replicas}").await, "7");

    let ours = kx_env(&tc, &["edit", DEPLOY], &[("KUBE_EDITOR", "true")]).await;
    let theirs = tc.kubectl_env(&["edit", DEPLOY], &[("KUBE_EDITOR", "true")]).await;
    assert_eq!(
        (ours.code, &ours.stdout, &ours.stderr),
        (0, &String::new(), &"Edit cancelled, no changes made.\n".to_string())
    );
    assert_eq!((ours.code, ours.stdout, ours.stderr), (theirs.code, theirs.stdout, theirs.stderr));

    // EDITOR is used when KUBE_EDITOR is unset; -o json edits JSON.
    let editor = script(&tc, "json.sh", "sed -i 's/\"replicas\": 7,/\"replicas\": 4,/' \"$1\"\n");
    let out = kx_env(&tc, &["edit", DEPLOY, "-o", "json"], &[("EDITOR", &editor)]).await.ok();
    assert_eq!(out.stdout, "deployment.apps/fe-nginx-deployment edited\n");
    assert_eq!(jsonpath(&tc, &["get", DEPLOY], "{.spec.replicas}").await, "4");
}

/// An editor that breaks the object on its first run and then runs `second` (shell) with
/// the file as `$1`; each run's input is kept as seen.N.
fn two_step_editor(tc: &TestCluster, second: &str) -> String {
    let dir = tc.dir.path().display().to_string();
    script(
        tc,
        "two-step.sh",
        &format!(
            "n=$(ls {dir}/seen.* 2>/dev/null | wc -l)\ncp \"$1\" {dir}/seen.$n\nif [ $n -eq 0 ]; then sed -i 's/^  replicas: 2$/  replicas: -1/' \"$1\"; else {second}; fi\n"
        ),
    )
}

const REJECTED_HEADER: &str = "# deployments.apps \"fe-nginx-deployment\" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n";

#[tokio::test(flavor = "multi_thread")]
async fn edit_rejected_then_fixed_shows_the_error_and_applies() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    deploy_fixture(&tc).await;
    let editor = two_step_editor(&tc, "sed -i 's/^  replicas: -1$/  replicas: 3/' \"$1\"");
    let out = kx_env(&tc, &["edit", DEPLOY], &[("KUBE_EDITOR", &editor)]).await;
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "deployment.apps/fe-nginx-deployment edited\n");
    assert_eq!(out.stderr, "error: deployments.apps \"fe-nginx-deployment\" is invalid\n");
    let second = std::fs::read_to_string(tc.dir.path().join("seen.1")).expect("second editor run");
    assert!(second.contains(REJECTED_HEADER), "{second}");
    assert!(second.contains("  replicas: -1\n"), "the user's own text is offered again:\n{second}");
    assert_eq!(jsonpath(&tc, &["get", DEPLOY], "{.spec.replicas}").await, "3");
}

async fn assert_gave_up_and_preserved(tc: &TestCluster, second: &str) {
    let editor = two_step_editor(tc, second);
    let out = kx_env(tc, &["edit", DEPLOY], &[("KUBE_EDITOR", &editor)]).await;
    assert_eq!(out.code, 1, "{}", out.stderr);
    let stderr: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(stderr[0], "error: deployments.apps \"fe-nginx-deployment\" is invalid");
    assert_eq!(stderr[2], "error: Edit cancelled, no valid changes were saved.");
    let path = stderr[1]
        .strip_prefix("A copy of your changes has been stored to \"")
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or_else(|| panic!("no preserved file: {}", out.stderr));
    let kept = std::fs::read_to_string(path).expect("preserved file");
    assert!(kept.contains("  replicas: -1\n"), "the user's change was lost:\n{kept}");
    assert_eq!(jsonpath(tc, &["get", DEPLOY], "{.spec.replicas}").await, "2");
}

#[tokio::test(flavor = "multi_thread")]
async fn edit_rejected_then_unchanged_keeps_the_text() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    deploy_fixture(&tc).await;
    assert_gave_up_and_preserved(&tc, "true").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn edit_rejected_then_emptied_keeps_the_last_attempt() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    deploy_fixture(&tc).await;
    assert_gave_up_and_preserved(&tc, ": > \"$1\"").await;
}

/// Run the same command with kx and kubectl and demand the same code, stdout and stderr.
async fn same_as_kubectl(tc: &TestCluster, args: &[&str]) -> Out {
    let ours = kx(tc, args).await;
    let theirs = tc.kubectl(args).await;
    assert_eq!(
        (ours.code, &ours.stdout, &ours.stderr),
        (theirs.code, &theirs.stdout, &theirs.stderr),
        "kx {}",
        args.join(" ")
    );
    ours
}

#[tokio::test(flavor = "multi_thread")]
async fn errors_for_missing_objects_and_invalid_manifests_match_kubectl() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    deploy_fixture(&tc).await;
    for args in [
        &["delete", "deploy", "nope"][..],
        &["delete", "cm", "nope", "--ignore-not-found"],
        &["delete", "cm"],
        &["label", "deploy", "nope", "a=b"],
        &["annotate", "deploy", "nope", "a=b"],
        &["patch", "deploy", "nope", "-p", "{}"],
        &["scale", "deploy", "nope", "--replicas=1"],
        &["set", "image", "deploy/nope", "a=b"],
        &["edit", "deploy", "nope"],
        &["apply"],
        &["create", "-f", "/nonexistent.yaml"],
    ] {
        let out = same_as_kubectl(&tc, args).await;
        assert!(out.code != 0 || args.contains(&"--ignore-not-found"), "{args:?}");
    }
    let invalid = fixtures().join("bad").join("invalid-name.yaml");
    for verb in ["apply", "create"] {
        let out = same_as_kubectl(&tc, &[verb, "-f", path_str(&invalid)]).await;
        assert_eq!(out.code, 1);
    }
    // An object that exists already.
    let seed = fixtures().join("seed").join("fe-nginx-deployment.yaml");
    same_as_kubectl(&tc, &["create", "-f", path_str(&seed)]).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn label_annotate_patch_scale_set_image_match_kubectl_step_by_step() {
    if !have_kubectl() {
        return;
    }
    let (ours, theirs) = (TestCluster::start().await, TestCluster::start().await);
    deploy_fixture(&ours).await;
    deploy_fixture(&theirs).await;
    let d = "fe-nginx-deployment";
    let steps: Vec<Vec<&str>> = vec![
        vec!["label", "deploy", d, "tier=web"],
        vec!["label", "deploy", d, "tier=db"],
        vec!["label", "deploy", d, "tier=db", "--overwrite"],
        vec!["label", "deploy", d, "tier=db", "--overwrite"],
        vec!["label", "deploy", d, "missing-"],
        vec!["label", "deploy", d, "tier-"],
        vec!["label", "deploy", d, "--list"],
        vec!["label", "deploy", d, "x=y", "--dry-run=client"],
        vec!["annotate", "deploy", d, "note=one"],
        vec!["annotate", "deploy", d, "note=two"],
        vec!["annotate", "deploy", d, "note=two", "--overwrite"],
        vec!["annotate", "deploy", d, "note-"],
        vec!["patch", "deploy", d, "-p", r#"{"spec":{"replicas":3}}"#],
        vec!["patch", "deploy", d, "-p", r#"{"spec":{"replicas":3}}"#],
        vec!["patch", "deploy", d, "--type=merge", "-p", "spec: {replicas: 4}"],
        vec!["patch", "deploy", d, "--type=json", "-p", r#"[{"op":"replace","path":"/spec/replicas","value":5}]"#],
        vec!["patch", "deploy", d, "-p", r#"{"spec":{"replicas":-1}}"#],
        vec!["patch", "deploy", d, "--type=foo", "-p", "{}"],
        vec!["patch", "deploy", d],
        vec!["patch", "deploy", d, "-p", r#"{"spec":{"replicas":6}}"#, "-o", "name"],
        vec!["scale", "deploy", d, "--replicas=2"],
        vec!["scale", "deploy", d, "--replicas=3", "--current-replicas=5"],
        vec!["scale", "deploy", d, "--replicas=3", "--current-replicas=2"],
        vec!["scale", "deploy", d, "--replicas=1", "--dry-run=server"],
        vec!["scale", "deploy", d],
        vec!["set", "image", "deploy", d, "fe-nginx=nginx:1.25"],
        vec!["set", "image", "deploy", d, "fe-nginx=nginx:1.25"],
        vec!["set", "image", "deploy", d, "nope=nginx"],
        vec!["set", "image", "deploy", d, "*=nginx:1.26", "--dry-run=client"],
    ];
    for step in &steps {
        let a = kx(&ours, step).await;
        let b = theirs.kubectl(step).await;
        assert_eq!((a.code, &a.stdout, &a.stderr), (b.code, &b.stdout, &b.stderr), "kx {}", step.join(" "));
    }
    let image = "{.spec.template.spec.containers[0].image}";
    assert_eq!(jsonpath(&ours, &["get", "deploy", d], image).await, "nginx:1.25");
    assert_eq!(jsonpath(&ours, &["get", "deploy", d], "{.spec.replicas}").await, "3");
}

#[tokio::test(flavor = "multi_thread")]
async fn delete_selector_all_wait_and_cascade() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    for name in ["c1", "c2", "c3"] {
        kx(&tc, &["create", "cm", name]).await.ok();
    }
    kx(&tc, &["label", "cm", "c1", "c2", "grp=x"]).await.ok();
    let out = kx(&tc, &["delete", "cm", "-l", "grp=x"]).await.ok();
    assert_eq!(lines(&out), ["configmap \"c1\" deleted", "configmap \"c2\" deleted"]);
    same_as_kubectl(&tc, &["delete", "cm", "-l", "grp=x"]).await;
    let out = kx(&tc, &["delete", "cm", "c3", "--dry-run=server"]).await.ok();
    assert_eq!(out.stdout, "configmap \"c3\" deleted (server dry run)\n");
    let out = kx(&tc, &["delete", "cm", "c3", "--wait"]).await.ok();
    assert_eq!(out.stdout, "configmap \"c3\" deleted\n");
    let gone = tc.kubectl(&["get", "cm", "c3"]).await;
    assert_eq!(gone.code, 1, "--wait returned before the object was gone");

    kx(&tc, &["create", "secret", "generic", "s1", "--from-literal=a=b"]).await.ok();
    kx(&tc, &["create", "secret", "generic", "s2", "--from-literal=a=b"]).await.ok();
    let out = kx(&tc, &["delete", "secret", "--all"]).await.ok();
    assert!(out.stdout.contains("secret \"s1\" deleted\nsecret \"s2\" deleted\n"), "{}", out.stdout);
    assert_eq!(tc.kubectl(&["get", "secret", "s1"]).await.code, 1);

    kx(&tc, &["create", "cm", "f1"]).await.ok();
    let out = kx(&tc, &["delete", "cm", "f1", "--force", "--grace-period=0"]).await.ok();
    assert_eq!(out.stdout, "configmap \"f1\" force deleted\n");
    assert!(out.stderr.starts_with("Warning: Immediate deletion does not wait"), "{}", out.stderr);

    // Orphaning keeps dependents: the deployment's ReplicaSet (made here, so the test does
    // not depend on controllers) outlives it.
    kx(&tc, &["create", "deployment", "orph", "--image=nginx"]).await.ok();
    let uid = jsonpath(&tc, &["get", "deploy", "orph"], "{.metadata.uid}").await;
    let rs = format!(
        "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: orph-rs\n  labels: {{app: orph, x: y}}\n  ownerReferences:\n  - {{apiVersion: apps/v1, kind: Deployment, name: orph, uid: {uid}, controller: true}}\nspec:\n  selector:\n    matchLabels: {{app: orph, x: y}}\n  template:\n    metadata:\n      labels: {{app: orph, x: y}}\n    spec:\n      containers:\n      - {{name: c, image: nginx}}\n"
    );
    kx_stdin(&tc, &["create", "-f", "-"], &rs).await.ok();
    let out = kx(&tc, &["delete", "deploy", "orph", "--cascade=orphan", "--wait=false"]).await.ok();
    assert_eq!(out.stdout, "deployment.apps \"orph\" deleted\n");
    // Without a garbage collector the server keeps the deployment with the orphan finalizer;
    // with one it is gone. Either way the request asked for orphaning.
    eventually(Duration::from_secs(10), "orph deleted with orphan policy", || async {
        let fin = tc.kubectl(&["get", "deploy", "orph", "-o", "jsonpath={.metadata.finalizers}"]).await;
        (fin.code == 1 || fin.stdout.contains("orphan")).then_some(())
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    tc.kubectl(&["get", "rs", "orph-rs"]).await.ok();

    let manifest = fixtures().join("seed").join("hellok8s.yaml");
    kx(&tc, &["apply", "-f", path_str(&manifest)]).await.ok();
    let out = kx(&tc, &["delete", "-f", path_str(&manifest), "--wait=false"]).await.ok();
    assert!(out.stdout.contains("deployment.apps \"hellok8s-deployment\" deleted"), "{}", out.stdout);
    assert!(out.stdout.contains("service \"hellok8s-service\" deleted"), "{}", out.stdout);
}

#[tokio::test(flavor = "multi_thread")]
async fn create_subcommands_build_kubectls_objects() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    let env = tc.dir.path().join("app.env");
    std::fs::write(&env, "a=1\n# comment\nb=two\n").expect("write env file");
    let file = tc.dir.path().join("note.txt");
    std::fs::write(&file, "hello\n").expect("write file");
    let from_env = format!("--from-env-file={}", env.display());
    let from_file = format!("--from-file={}", file.display());
    let commands: Vec<Vec<&str>> = vec![
        vec!["create", "deployment", "web", "--image=nginx", "--replicas=2", "--port=80", "--", "sleep", "10"],
        vec!["create", "deployment", "multi", "--image=nginx", "--image=busybox:1.36"],
        vec!["create", "namespace", "team"],
        vec!["create", "configmap", "cfg", "--from-literal=k=v", &from_file],
        vec!["create", "configmap", "cfg-env", &from_env],
        vec!["create", "secret", "generic", "sec", "--from-literal=k=v", "--type=Opaque"],
        vec!["create", "service", "clusterip", "svc", "--tcp=80:8080", "--tcp=443"],
        vec!["create", "service", "clusterip", "headless", "--clusterip=None"],
        vec!["create", "job", "once", "--image=busybox", "--", "echo", "hi"],
    ];
    for cmd in &commands {
        let mut dry: Vec<&str> = cmd.clone();
        let split = dry.iter().position(|a| *a == "--").unwrap_or(dry.len());
        dry.splice(split..split, ["--dry-run=client", "-o", "json"]);
        let ours = kx(&tc, &dry).await.ok();
        let theirs = tc.kubectl(&dry).await.ok();
        let parse = |s: &str| serde_json::from_str::<Value>(s).expect("json");
        assert_eq!(parse(&ours.stdout), parse(&theirs.stdout), "kx {}", dry.join(" "));
        let created = kx(&tc, cmd).await.ok();
        assert!(created.stdout.ends_with(" created\n"), "{}", created.stdout);
    }
    assert_eq!(
        jsonpath(&tc, &["get", "deploy", "web"], "{.spec.template.spec.containers[0].command}").await,
        "[\"sleep\",\"10\"]"
    );
    assert_eq!(jsonpath(&tc, &["get", "cm", "cfg-env"], "{.data.b}").await, "two");
    same_as_kubectl(&tc, &["create", "configmap", "mixed", "--from-literal=k=v", &from_env]).await;
    same_as_kubectl(&tc, &["create", "namespace", "team"]).await;
    same_as_kubectl(&tc, &["create", "deployment", "web", "--image=nginx", "--dry-run=client"]).await;
    same_as_kubectl(&tc, &["create", "deployment", "web2", "--image=nginx", "--dry-run=server"]).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn diff_exits_zero_when_same_one_when_different_two_on_error() {
    if !have_kubectl() {
        return;
    }
    let tc = TestCluster::start().await;
    deploy_fixture(&tc).await;
    let seed = fixtures().join("seed").join("fe-nginx-deployment.yaml");
    let same = kx(&tc, &["diff", "-f", path_str(&seed)]).await;
    assert_eq!((same.code, same.stdout.as_str()), (0, ""), "{}", same.stderr);
    let text = std::fs::read_to_string(&seed).expect("seed").replace("replicas: 2", "replicas: 3");
    let changed = tc.dir.path().join("changed.yaml");
    std::fs::write(&changed, text).expect("write");
    let before = tc.cluster.store.revision();
    let diff = kx(&tc, &["diff", "-f", path_str(&changed)]).await;
    assert_eq!(diff.code, 1, "{}", diff.stderr);
    assert!(diff.stdout.contains("\n-  replicas: 2\n+  replicas: 3\n"), "{}", diff.stdout);
    assert!(!diff.stdout.contains("managedFields"), "{}", diff.stdout);
    assert_eq!(tc.cluster.store.revision(), before, "diff wrote to the store");
    let theirs = tc.kubectl(&["diff", "-f", path_str(&changed)]).await;
    assert_eq!(theirs.code, 1);

    let new = kx_stdin(&tc, &["diff", "-f", "-"], "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fresh\n").await;
    assert_eq!(new.code, 1);
    assert!(new.stdout.contains("+  name: fresh"), "{}", new.stdout);

    let external = kx_env(&tc, &["diff", "-f", path_str(&changed)], &[("KUBECTL_EXTERNAL_DIFF", "echo")]).await;
    assert_eq!(external.code, 0);
    assert!(external.stdout.contains("LIVE-") && external.stdout.contains("MERGED-"), "{}", external.stdout);

    let wrong = fixtures().join("bad").join("wrong-kind.yaml");
    let ours = kx(&tc, &["diff", "-f", path_str(&wrong)]).await;
    let theirs = tc.kubectl(&["diff", "-f", path_str(&wrong)]).await;
    assert_eq!((ours.code, &ours.stderr), (2, &theirs.stderr));
    assert_eq!(theirs.code, 2);
}
