//! Validation tests: the seed manifests pass, and bad objects get kube-apiserver's messages.

use super::*;
use crate::k8s::defaults::apply_defaults;
use serde::Deserialize;
use serde_json::json;

const SEED_DIR: &str = "/work/shared/fixtures/seed";
const BAD_DIR: &str = "/work/shared/fixtures/bad";

fn group_of(obj: &Value) -> String {
    let api_version = obj.get("apiVersion").and_then(Value::as_str).unwrap_or_default();
    match api_version.split_once('/') {
        Some((group, _)) => group.to_string(),
        None => String::new(),
    }
}

fn kind_of(obj: &Value) -> String {
    obj.get("kind").and_then(Value::as_str).unwrap_or_default().to_string()
}

/// Defaults then validates, as the apiserver does on create.
fn create(obj: &Value) -> Vec<FieldError> {
    let mut obj = obj.clone();
    let (group, kind) = (group_of(&obj), kind_of(&obj));
    if let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.entry("uid").or_insert(json!("0b6a4b2e-1111-2222-3333-444455556666"));
    }
    apply_defaults(&group, &kind, &mut obj);
    validate_create(&group, &kind, &obj)
}

fn messages(errs: &[FieldError]) -> Vec<String> {
    errs.iter().map(FieldError::message).collect()
}

fn yaml_docs(text: &str) -> Vec<Value> {
    serde_yaml::Deserializer::from_str(text)
        .filter_map(|d| Value::deserialize(d).ok())
        .filter(|v| !v.is_null())
        .collect()
}

fn deployment() -> Value {
    json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "fe-nginx-deployment", "labels": {"app": "fe-nginx"}},
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app": "fe-nginx"}},
            "template": {
                "metadata": {"labels": {"app": "fe-nginx"}},
                "spec": {"containers": [{
                    "name": "fe-nginx", "image": "jnuho/fe-nginx:latest",
                    "imagePullPolicy": "IfNotPresent", "ports": [{"containerPort": 80}]
                }]}
            }
        }
    })
}

fn pod() -> Value {
    json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "web"},
        "spec": {"containers": [{"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]}]}
    })
}

#[test]
fn seed_manifests_all_valid() {
    let Ok(entries) = std::fs::read_dir(SEED_DIR) else { return };
    let mut checked = 0;
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for doc in yaml_docs(&text) {
            let errs = create(&doc);
            assert!(errs.is_empty(), "{}: {:?}", entry.path().display(), messages(&errs));
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} seed objects found");
}

#[test]
fn seed_manifests_update_to_themselves_valid() {
    let Ok(entries) = std::fs::read_dir(SEED_DIR) else { return };
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for mut doc in yaml_docs(&text) {
            let (group, kind) = (group_of(&doc), kind_of(&doc));
            if let Some(meta) = doc.get_mut("metadata").and_then(Value::as_object_mut) {
                meta.insert("uid".into(), json!("u1"));
            }
            apply_defaults(&group, &kind, &mut doc);
            let errs = validate_update(&group, &kind, &doc, &doc);
            assert!(errs.is_empty(), "{}: {:?}", entry.path().display(), messages(&errs));
        }
    }
}

#[test]
fn bad_invalid_name_fixture_names_metadata_name() {
    let text = std::fs::read_to_string(format!("{BAD_DIR}/invalid-name.yaml")).unwrap_or_else(|_| {
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_A_Valid_Name\ndata:\n  a: b\n".to_string()
    });
    let docs = yaml_docs(&text);
    let errs = create(&docs[0]);
    assert_eq!(
        messages(&errs),
        vec![
            r#"metadata.name: Invalid value: "Not_A_Valid_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#
        ]
    );
    assert_eq!(errs[0].reason(), "FieldValueInvalid");
    assert_eq!(errs[0].field, "metadata.name");
}

#[test]
fn embedded_deployment_valid() {
    assert_eq!(messages(&create(&deployment())), Vec::<String>::new());
}

#[test]
fn deployment_missing_image_required() {
    let mut d = deployment();
    d["spec"]["template"]["spec"]["containers"][0].as_object_mut().map(|c| c.remove("image"));
    assert_eq!(messages(&create(&d)), vec!["spec.template.spec.containers[0].image: Required value"]);
}

#[test]
fn deployment_selector_mismatch_shows_go_map() {
    let mut d = deployment();
    d["spec"]["template"]["metadata"]["labels"] = json!({"app": "other", "tier": "web"});
    assert_eq!(
        messages(&create(&d)),
        vec![
            r#"spec.template.metadata.labels: Invalid value: map[string]string{"app":"other", "tier":"web"}: `selector` does not match template `labels`"#
        ]
    );
}

#[test]
fn deployment_missing_selector_required_and_mismatch() {
    let mut d = deployment();
    d["spec"].as_object_mut().map(|s| s.remove("selector"));
    assert_eq!(
        messages(&create(&d)),
        vec![
            "spec.selector: Required value",
            r#"spec.template.metadata.labels: Invalid value: map[string]string{"app":"fe-nginx"}: `selector` does not match template `labels`"#
        ]
    );
}

#[test]
fn deployment_negative_replicas_invalid() {
    let mut d = deployment();
    d["spec"]["replicas"] = json!(-1);
    assert_eq!(messages(&create(&d)), vec!["spec.replicas: Invalid value: -1: must be greater than or equal to 0"]);
}

#[test]
fn deployment_zero_surge_and_unavailable_invalid() {
    let mut d = deployment();
    d["spec"]["strategy"] = json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": "0%"}});
    assert_eq!(
        messages(&create(&d)),
        vec!["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0%: may not be 0 when `maxSurge` is 0"]
    );
}

#[test]
fn deployment_restart_policy_never_not_supported() {
    let mut d = deployment();
    d["spec"]["template"]["spec"]["restartPolicy"] = json!("Never");
    assert_eq!(
        messages(&create(&d)),
        vec![r#"spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always""#]
    );
}

#[test]
fn deployment_selector_change_immutable() {
    let old = deployment();
    let mut new = old.clone();
    new["spec"]["selector"] = json!({"matchLabels": {"app": "x"}});
    new["spec"]["template"]["metadata"]["labels"] = json!({"app": "x"});
    let mut old = old;
    apply_defaults("apps", "Deployment", &mut old);
    apply_defaults("apps", "Deployment", &mut new);
    assert_eq!(
        messages(&validate_update("apps", "Deployment", &new, &old)),
        vec![
            "spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{app: x,},MatchExpressions:[]LabelSelectorRequirement{},}: field is immutable"
        ]
    );
}

#[test]
fn container_errors_use_kubectl_paths() {
    let mut p = pod();
    p["spec"]["containers"] = json!([
        {"name": "web", "image": "nginx", "ports": [{"containerPort": 80, "name": "http"}, {"containerPort": 70000, "name": "http"}]},
        {"name": "web", "image": "busybox", "env": [{"name": "A=B", "value": "x"}]},
        {"name": "Bad_Name", "image": "busybox", "volumeMounts": [{"name": "data", "mountPath": "/data"}]}
    ]);
    let msgs = messages(&create(&p));
    assert_eq!(
        msgs,
        vec![
            "spec.containers[0].ports[1].name: Duplicate value: \"http\"",
            "spec.containers[0].ports[1].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            "spec.containers[1].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
            "spec.containers[1].name: Duplicate value: \"web\"",
            "spec.containers[2].name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            "spec.containers[2].volumeMounts[0].name: Not found: \"data\"",
        ]
    );
}

#[test]
fn pod_without_containers_required() {
    let mut p = pod();
    p["spec"]["containers"] = json!([]);
    assert_eq!(messages(&create(&p)), vec!["spec.containers: Required value"]);
}

#[test]
fn pod_requests_above_limits_invalid() {
    let mut p = pod();
    p["spec"]["containers"][0]["resources"] = json!({"requests": {"cpu": "2"}, "limits": {"cpu": "500m"}});
    assert_eq!(
        messages(&create(&p)),
        vec![
            r#"spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m"#
        ]
    );
}

#[test]
fn pod_duplicate_volume_and_port_protocol() {
    let mut p = pod();
    p["spec"]["volumes"] = json!([{"name": "v", "emptyDir": {}}, {"name": "v", "configMap": {"name": "c"}}]);
    p["spec"]["containers"][0]["ports"] = json!([{"containerPort": 80, "protocol": "HTTP"}]);
    assert_eq!(
        messages(&create(&p)),
        vec![
            r#"spec.volumes[1].name: Duplicate value: "v""#,
            r#"spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP""#,
        ]
    );
}

#[test]
fn pod_liveness_probe_success_threshold_must_be_one() {
    let mut p = pod();
    p["spec"]["containers"][0]["livenessProbe"] = json!({"httpGet": {"port": 80}, "successThreshold": 2});
    assert_eq!(
        messages(&create(&p)),
        vec!["spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"]
    );
}

#[test]
fn pod_update_changing_command_forbidden_image_allowed() {
    let mut old = pod();
    old["metadata"]["uid"] = json!("u");
    apply_defaults("", "Pod", &mut old);
    let mut new = old.clone();
    new["spec"]["containers"][0]["image"] = json!("nginx:1.27");
    assert!(validate_update("", "Pod", &new, &old).is_empty());
    new["spec"]["containers"][0]["command"] = json!(["sh"]);
    let errs = validate_update("", "Pod", &new, &old);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].field, "spec");
    assert!(
        errs[0]
            .message()
            .starts_with("spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`")
    );
}

#[test]
fn metadata_labels_and_annotations_checked() {
    let mut p = pod();
    p["metadata"]["labels"] = json!({"bad key": "v", "ok": "bad value!"});
    p["metadata"]["annotations"] = json!({"big": "x".repeat(300 * 1024)});
    assert_eq!(
        messages(&create(&p)),
        vec![
            r#"metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#,
            r#"metadata.labels: Invalid value: "bad value!": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"#,
            "metadata.annotations: Too long: may not be more than 262144 bytes",
        ]
    );
}

#[test]
fn metadata_missing_name_required() {
    let mut cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {}});
    assert_eq!(messages(&create(&cm)), vec!["metadata.name: Required value: name or generateName is required"]);
    cm["metadata"]["generateName"] = json!("web-");
    cm["metadata"]["name"] = json!("web-x7k2p");
    assert!(create(&cm).is_empty());
}

#[test]
fn metadata_name_change_immutable() {
    let old = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a", "uid": "1"}});
    let new = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b", "uid": "1"}});
    assert_eq!(
        messages(&validate_update("", "ConfigMap", &new, &old)),
        vec![r#"metadata.name: Invalid value: "b": field is immutable"#]
    );
}

#[test]
fn service_name_must_be_dns1035_label() {
    let svc = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "1web"},
        "spec": {"ports": [{"port": 80}]}});
    assert_eq!(
        messages(&create(&svc)),
        vec![
            r#"metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"#
        ]
    );
}

#[test]
fn service_ports_required_unless_headless() {
    let mut svc = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"}, "spec": {}});
    assert_eq!(messages(&create(&svc)), vec!["spec.ports: Required value"]);
    svc["spec"]["clusterIP"] = json!("None");
    assert!(create(&svc).is_empty());
}

#[test]
fn service_multiple_ports_need_names_and_bad_type() {
    let svc = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
        "spec": {"type": "Internal", "ports": [{"port": 80}, {"port": 0, "name": "b"}]}});
    assert_eq!(
        messages(&create(&svc)),
        vec![
            "spec.ports[0].name: Required value",
            "spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[1].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
            r#"spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort""#,
        ]
    );
}

#[test]
fn service_cluster_ip_change_rejected() {
    let mut old = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "uid": "1"},
        "spec": {"clusterIP": "10.96.0.10", "ports": [{"port": 80}]}});
    apply_defaults("", "Service", &mut old);
    let mut new = old.clone();
    new["spec"]["clusterIP"] = json!("10.96.0.11");
    new["spec"]["clusterIPs"] = json!(["10.96.0.11"]);
    assert_eq!(
        messages(&validate_update("", "Service", &new, &old)),
        vec![r#"spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set"#]
    );
    // A manifest without clusterIP keeps the allocated one.
    let mut replaced = json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "uid": "1"},
        "spec": {"ports": [{"port": 80}]}});
    apply_defaults("", "Service", &mut replaced);
    crate::k8s::defaults::carry_over_service_allocations(&mut replaced, &old);
    assert!(validate_update("", "Service", &replaced, &old).is_empty());
}

#[test]
fn configmap_bad_key_shown_with_key_path() {
    let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"a/b": "x"}});
    assert_eq!(
        messages(&create(&cm)),
        vec![
            r#"data[a/b]: Invalid value: "a/b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"#
        ]
    );
}

#[test]
fn configmap_too_big_too_long() {
    let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"},
        "data": {"a": "x".repeat(1024 * 1024 + 1)}});
    assert_eq!(messages(&create(&cm)), vec![": Too long: may not be more than 1048576 bytes"]);
}

#[test]
fn immutable_configmap_data_change_forbidden() {
    let old = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "immutable": true, "data": {"a": "1"}});
    let mut new = old.clone();
    new["data"]["a"] = json!("2");
    assert_eq!(
        messages(&validate_update("", "ConfigMap", &new, &old)),
        vec!["data: Forbidden: field is immutable when `immutable` is set"]
    );
}

#[test]
fn tls_secret_needs_cert_and_key() {
    let s = json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "t"}, "type": "kubernetes.io/tls", "data": {}});
    assert_eq!(messages(&create(&s)), vec!["data[tls.crt]: Required value", "data[tls.key]: Required value"]);
    let s = json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "t"}, "type": "kubernetes.io/dockerconfigjson",
        "stringData": {".dockerconfigjson": "{\"auths\":{}}"}});
    assert!(create(&s).is_empty());
}

#[test]
fn ingress_path_type_required_and_backend_port() {
    let ing = json!({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "i"},
    "spec": {"rules": [{"host": "Bad.Host", "http": {"paths": [
        {"path": "/", "backend": {"service": {"name": "web", "port": {}}}},
        {"path": "rel", "pathType": "Prefix", "backend": {"service": {"name": "web", "port": {"number": 80}}}},
        {"path": "/x", "pathType": "Exact", "backend": {"service": {"name": "web", "port": {}}}}
    ]}}]}});
    assert_eq!(
        messages(&create(&ing)),
        vec![
            r#"spec.rules[0].host: Invalid value: "Bad.Host": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#,
            "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified",
            r#"spec.rules[0].http.paths[1].path: Invalid value: "rel": must be an absolute path"#,
            "spec.rules[0].http.paths[2].backend: Required value: port name or number is required",
        ]
    );
}

#[test]
fn pvc_storage_request_required() {
    let pvc = json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "c"},
        "spec": {"resources": {}}});
    assert_eq!(
        messages(&create(&pvc)),
        vec![
            "spec.accessModes: Required value: at least 1 access mode is required",
            "spec.resources[storage]: Required value"
        ]
    );
}

#[test]
fn pvc_spec_change_forbidden_except_requests() {
    let mut old = json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "c"},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}});
    apply_defaults("", "PersistentVolumeClaim", &mut old);
    let mut new = old.clone();
    new["spec"]["resources"]["requests"]["storage"] = json!("2Gi");
    assert!(validate_update("", "PersistentVolumeClaim", &new, &old).is_empty());
    new["spec"]["accessModes"] = json!(["ReadWriteMany"]);
    assert_eq!(validate_update("", "PersistentVolumeClaim", &new, &old)[0].field, "spec");
}

#[test]
fn pv_requires_capacity_and_access_modes() {
    let pv = json!({"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "p"},
        "spec": {"hostPath": {"path": "/tmp"}}});
    assert_eq!(messages(&create(&pv)), vec!["spec.accessModes: Required value", "spec.capacity: Required value"]);
}

#[test]
fn job_without_restart_policy_required() {
    let job = json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "pi"},
        "spec": {"template": {"spec": {"containers": [{"name": "pi", "image": "perl"}]}}}});
    assert_eq!(
        messages(&create(&job)),
        vec![r#"spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never""#]
    );
    let mut ok = job.clone();
    ok["spec"]["template"]["spec"]["restartPolicy"] = json!("Never");
    assert!(create(&ok).is_empty());
}

#[test]
fn job_template_change_immutable() {
    let mut old = json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "pi", "uid": "u"},
        "spec": {"template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "pi", "image": "perl"}]}}}});
    apply_defaults("batch", "Job", &mut old);
    let mut new = old.clone();
    new["spec"]["template"]["spec"]["containers"][0]["image"] = json!("perl:5");
    let errs = validate_update("batch", "Job", &new, &old);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].field, "spec.template");
    assert!(errs[0].message().ends_with(": field is immutable"));
}

#[test]
fn cronjob_bad_schedule_invalid() {
    let cj = json!({"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "c"},
        "spec": {"schedule": "61 * * * *", "jobTemplate": {"spec": {"template": {"spec": {
            "restartPolicy": "OnFailure", "containers": [{"name": "c", "image": "busybox"}]}}}}}});
    assert_eq!(
        messages(&create(&cj)),
        vec![r#"spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61"#]
    );
}

#[test]
fn statefulset_name_is_label_and_template_checked() {
    let sts = json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "db.v1"},
        "spec": {"selector": {"matchLabels": {"app": "db"}}, "template": {"metadata": {"labels": {"app": "x"}},
        "spec": {"containers": [{"name": "db", "image": "mongo"}]}}}});
    let msgs = messages(&create(&sts));
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(msgs[0].starts_with(r#"metadata.name: Invalid value: "db.v1": a lowercase RFC 1123 label"#));
    assert_eq!(
        msgs[1],
        r#"spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`"#
    );
}

#[test]
fn daemonset_empty_selector_invalid() {
    let ds = json!({"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "d"},
        "spec": {"selector": {}, "template": {"metadata": {"labels": {"app": "d"}},
        "spec": {"containers": [{"name": "d", "image": "busybox"}]}}}});
    assert_eq!(
        messages(&create(&ds)),
        vec![
            "spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}: empty selector is invalid for daemonset"
        ]
    );
}

#[test]
fn namespace_name_must_be_label() {
    let ns = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team.a"}});
    assert_eq!(create(&ns).len(), 1);
    assert!(create(&json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team-a"}})).is_empty());
}

#[test]
fn unknown_kind_gets_metadata_checks_only() {
    let cr =
        json!({"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}, "spec": {"anything": 1}});
    assert!(create(&cr).is_empty());
    let cr = json!({"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "W"}});
    assert_eq!(create(&cr)[0].field, "metadata.name");
}

#[test]
fn odd_input_never_panics() {
    let odd = [
        json!(null),
        json!([]),
        json!("x"),
        json!({"metadata": "x", "spec": 5}),
        json!({"metadata": {"name": 5, "labels": "x"}, "spec": {"containers": "x", "volumes": [1, null]}}),
        json!({"spec": {"template": [], "selector": "x", "ports": [null, 1, {"port": "x"}]}}),
    ];
    let kinds = [
        ("", "Pod"),
        ("", "Service"),
        ("", "Secret"),
        ("", "ConfigMap"),
        ("", "PersistentVolume"),
        ("", "PersistentVolumeClaim"),
        ("", "Namespace"),
        ("", "Node"),
        ("", "Endpoints"),
        ("", "Event"),
        ("", "ReplicationController"),
        ("apps", "Deployment"),
        ("apps", "StatefulSet"),
        ("apps", "DaemonSet"),
        ("apps", "ReplicaSet"),
        ("batch", "Job"),
        ("batch", "CronJob"),
        ("networking.k8s.io", "Ingress"),
        ("networking.k8s.io", "NetworkPolicy"),
        ("storage.k8s.io", "StorageClass"),
        ("discovery.k8s.io", "EndpointSlice"),
        ("rbac.authorization.k8s.io", "ClusterRoleBinding"),
        ("coordination.k8s.io", "Lease"),
    ];
    for v in &odd {
        for (g, k) in kinds {
            let mut d = v.clone();
            apply_defaults(g, k, &mut d);
            let _ = validate_create(g, k, &d);
            let _ = validate_update(g, k, &d, v);
        }
    }
}

#[test]
fn field_error_reason_and_body_per_type() {
    assert_eq!(FieldError::required("a", "").reason(), "FieldValueRequired");
    assert_eq!(FieldError::not_found("a", "x").message(), r#"a: Not found: "x""#);
    assert_eq!(FieldError::forbidden("a", "no").message(), "a: Forbidden: no");
    assert_eq!(FieldError::too_many("a", 3, 2).message(), "a: Too many: 3: must have at most 2 items");
    assert_eq!(FieldError::internal("a", "boom").reason(), "InternalError");
    assert_eq!(FieldError::new(ErrorType::TypeInvalid, "a", Some(json!(1)), "x").message(), "a: Invalid value: 1: x");
    assert_eq!(FieldError::invalid("a", Value::Null, "d").message(), r#"a: Invalid value: "null": d"#);
}

#[test]
fn finalizer_rules_differ_for_builtin_and_custom() {
    let mut cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "finalizers": ["mine"]}});
    assert_eq!(
        messages(&create(&cm)),
        vec![
            r#"metadata.finalizers: Invalid value: "mine": name is neither a standard finalizer name nor is it fully qualified"#
        ]
    );
    cm["metadata"]["finalizers"] = json!(["kubernetes", "example.com/cleanup"]);
    assert!(create(&cm).is_empty());
    let cr = json!({"apiVersion": "gateway.networking.k8s.io/v1", "kind": "Gateway", "metadata": {"name": "g", "finalizers": ["mine"]}});
    assert!(create(&cr).is_empty());
}

#[test]
fn status_update_ignores_spec_rules() {
    let mut old = pod();
    old["metadata"]["uid"] = json!("u");
    apply_defaults("", "Pod", &mut old);
    let mut bound = old.clone();
    bound["spec"]["nodeName"] = json!("node-1");
    bound["status"] = json!({"phase": "Running"});
    assert!(validate_status_update("", "Pod", &bound, &old).is_empty());
    assert!(!validate_update("", "Pod", &bound, &old).is_empty());
}

#[test]
fn ingress_without_rules_or_backend_invalid() {
    let ing = json!({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "i"}, "spec": {}});
    assert_eq!(
        messages(&create(&ing)),
        vec![
            "spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified"
        ]
    );
}

#[test]
fn job_user_selector_without_manual_selector_rejected() {
    let job = json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "pi"},
        "spec": {"selector": {"matchLabels": {"app": "pi"}}, "template": {"metadata": {"labels": {"app": "pi"}},
        "spec": {"restartPolicy": "Never", "containers": [{"name": "pi", "image": "perl"}]}}}});
    assert_eq!(
        messages(&create(&job)),
        vec![
            "spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{app: pi,batch.kubernetes.io/controller-uid: 0b6a4b2e-1111-2222-3333-444455556666,},MatchExpressions:[]LabelSelectorRequirement{},}: `selector` not auto-generated"
        ]
    );
    let mut manual = job.clone();
    manual["spec"]["manualSelector"] = json!(true);
    assert!(create(&manual).is_empty());
}

#[test]
fn pod_env_field_ref_quoted_annotation_subscript_valid() {
    // The Job controller's JOB_COMPLETION_INDEX uses this exact path.
    let mut p = pod();
    p["spec"]["containers"][0]["env"] = json!([{"name": "JOB_COMPLETION_INDEX", "valueFrom": {"fieldRef": {
        "fieldPath": "metadata.annotations['batch.kubernetes.io/job-completion-index']"}}}]);
    assert_eq!(messages(&create(&p)), Vec::<String>::new());
    p["spec"]["containers"][0]["env"][0]["valueFrom"]["fieldRef"]["fieldPath"] = json!("metadata.annotations[x]");
    assert!(!create(&p).is_empty(), "an unquoted subscript is not a subscript");
}
