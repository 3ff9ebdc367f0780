//! Defaulting tests: results equal what kube-apiserver returns (written from the Go
//! defaulting code) and applying defaults twice changes nothing.

use super::*;
use serde_json::json;

fn defaulted(group: &str, kind: &str, mut obj: Value) -> Value {
    apply_defaults(group, kind, &mut obj);
    obj
}

#[test]
fn deployment_defaults_match_kube_apiserver() {
    let d = defaulted(
        "apps",
        "Deployment",
        json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "nginx", "labels": {"app": "nginx"}},
            "spec": {
                "selector": {"matchLabels": {"app": "nginx"}},
                "template": {"metadata": {"labels": {"app": "nginx"}},
                    "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}
            }
        }),
    );
    assert_eq!(
        d["spec"],
        json!({
            "progressDeadlineSeconds": 600,
            "replicas": 1,
            "revisionHistoryLimit": 10,
            "selector": {"matchLabels": {"app": "nginx"}},
            "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
            "template": {
                "metadata": {"labels": {"app": "nginx"}},
                "spec": {
                    "containers": [{
                        "image": "nginx",
                        "imagePullPolicy": "Always",
                        "name": "nginx",
                        "resources": {},
                        "terminationMessagePath": "/dev/termination-log",
                        "terminationMessagePolicy": "File"
                    }],
                    "dnsPolicy": "ClusterFirst",
                    "restartPolicy": "Always",
                    "schedulerName": "default-scheduler",
                    "securityContext": {},
                    "terminationGracePeriodSeconds": 30
                }
            }
        })
    );
}

#[test]
fn pod_defaults_match_kube_apiserver() {
    let p = defaulted(
        "",
        "Pod",
        json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
            "spec": {"containers": [{"name": "web", "image": "nginx:1.25", "ports": [{"containerPort": 80}]}]}}),
    );
    assert_eq!(
        p["spec"],
        json!({
            "containers": [{
                "image": "nginx:1.25",
                "imagePullPolicy": "IfNotPresent",
                "name": "web",
                "ports": [{"containerPort": 80, "protocol": "TCP"}],
                "resources": {},
                "terminationMessagePath": "/dev/termination-log",
                "terminationMessagePolicy": "File"
            }],
            "dnsPolicy": "ClusterFirst",
            "enableServiceLinks": true,
            "preemptionPolicy": "PreemptLowerPriority",
            "priority": 0,
            "restartPolicy": "Always",
            "schedulerName": "default-scheduler",
            "securityContext": {},
            "serviceAccount": "default",
            "serviceAccountName": "default",
            "terminationGracePeriodSeconds": 30,
            "tolerations": [
                {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
                {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300}
            ]
        })
    );
}

#[test]
fn service_defaults_match_kube_apiserver() {
    let s = defaulted(
        "",
        "Service",
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
            "spec": {"selector": {"app": "web"}, "ports": [{"port": 80}]}}),
    );
    assert_eq!(
        s["spec"],
        json!({
            "internalTrafficPolicy": "Cluster",
            "ipFamilies": ["IPv4"],
            "ipFamilyPolicy": "SingleStack",
            "ports": [{"port": 80, "protocol": "TCP", "targetPort": 80}],
            "selector": {"app": "web"},
            "sessionAffinity": "None",
            "type": "ClusterIP"
        })
    );
}

#[test]
fn load_balancer_service_gets_traffic_policy_and_node_port_allocation() {
    let s = defaulted(
        "",
        "Service",
        json!({"spec": {"type": "LoadBalancer", "ports": [{"port": 80, "targetPort": "http"}]}}),
    );
    assert_eq!(s["spec"]["externalTrafficPolicy"], "Cluster");
    assert_eq!(s["spec"]["allocateLoadBalancerNodePorts"], true);
    assert_eq!(s["spec"]["ports"][0]["targetPort"], "http");
    let e = defaulted("", "Service", json!({"spec": {"type": "ExternalName", "externalName": "example.com"}}));
    assert!(e["spec"].get("ipFamilies").is_none());
    assert!(e["spec"].get("internalTrafficPolicy").is_none());
}

#[test]
fn image_pull_policy_follows_tag() {
    let pull = |image: &str| {
        let p = defaulted("", "Pod", json!({"spec": {"containers": [{"name": "c", "image": image}]}}));
        p["spec"]["containers"][0]["imagePullPolicy"].as_str().unwrap_or_default().to_string()
    };
    assert_eq!(pull("nginx"), "Always");
    assert_eq!(pull("nginx:latest"), "Always");
    assert_eq!(pull("nginx:1.25"), "IfNotPresent");
    assert_eq!(pull("registry:5000/nginx"), "Always");
    assert_eq!(pull("nginx@sha256:0123"), "IfNotPresent");
}

#[test]
fn probes_volumes_and_env_defaulted() {
    let p = defaulted(
        "",
        "Pod",
        json!({"spec": {
            "containers": [{"name": "c", "image": "x:1",
                "livenessProbe": {"httpGet": {"port": 8080}},
                "env": [{"name": "NODE", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}],
                "resources": {"limits": {"cpu": "1"}}}],
            "volumes": [{"name": "a", "configMap": {"name": "cm"}}, {"name": "b", "secret": {"secretName": "s"}}, {"name": "c"}]
        }}),
    );
    let c = &p["spec"]["containers"][0];
    assert_eq!(
        c["livenessProbe"],
        json!({"httpGet": {"path": "/", "port": 8080, "scheme": "HTTP"}, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3})
    );
    assert_eq!(c["env"][0]["valueFrom"]["fieldRef"]["apiVersion"], "v1");
    assert_eq!(c["resources"]["requests"], json!({"cpu": "1"}));
    assert_eq!(p["spec"]["volumes"][0]["configMap"]["defaultMode"], 420);
    assert_eq!(p["spec"]["volumes"][1]["secret"]["defaultMode"], 420);
    assert_eq!(p["spec"]["volumes"][2]["emptyDir"], json!({}));
}

#[test]
fn template_requests_not_copied_from_limits() {
    let d = defaulted(
        "apps",
        "Deployment",
        json!({"spec": {"template": {"spec": {"containers": [{"name": "c", "image": "x", "resources": {"limits": {"cpu": "1"}}}]}}}}),
    );
    assert!(d["spec"]["template"]["spec"]["containers"][0]["resources"].get("requests").is_none());
    assert!(d["spec"]["template"]["spec"].get("enableServiceLinks").is_none());
}

#[test]
fn statefulset_and_daemonset_defaults() {
    let s = defaulted(
        "apps",
        "StatefulSet",
        json!({"spec": {"serviceName": "db", "template": {"spec": {"containers": []}},
            "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {"accessModes": ["ReadWriteOnce"]}}]}}),
    );
    assert_eq!(s["spec"]["podManagementPolicy"], "OrderedReady");
    assert_eq!(s["spec"]["updateStrategy"], json!({"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}));
    assert_eq!(
        s["spec"]["persistentVolumeClaimRetentionPolicy"],
        json!({"whenDeleted": "Retain", "whenScaled": "Retain"})
    );
    assert_eq!(s["spec"]["replicas"], 1);
    assert_eq!(s["spec"]["revisionHistoryLimit"], 10);
    let vct = &s["spec"]["volumeClaimTemplates"][0];
    assert_eq!(vct["spec"]["volumeMode"], "Filesystem");
    assert_eq!(vct["status"]["phase"], "Pending");
    assert_eq!(vct["kind"], "PersistentVolumeClaim");

    let d = defaulted("apps", "DaemonSet", json!({"spec": {}}));
    assert_eq!(
        d["spec"]["updateStrategy"],
        json!({"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0}})
    );
    assert_eq!(d["spec"]["revisionHistoryLimit"], 10);
}

#[test]
fn job_defaults_and_generated_selector() {
    let j = defaulted(
        "batch",
        "Job",
        json!({"metadata": {"name": "pi", "uid": "abc"},
            "spec": {"template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "pi", "image": "perl:5"}]}}}}),
    );
    let spec = &j["spec"];
    assert_eq!(spec["completions"], 1);
    assert_eq!(spec["parallelism"], 1);
    assert_eq!(spec["backoffLimit"], 6);
    assert_eq!(spec["completionMode"], "NonIndexed");
    assert_eq!(spec["suspend"], false);
    assert_eq!(spec["podReplacementPolicy"], "TerminatingOrFailed");
    assert!(spec.get("manualSelector").is_none());
    assert_eq!(spec["template"]["spec"]["restartPolicy"], "Never");
    assert_eq!(spec["selector"], json!({"matchLabels": {"batch.kubernetes.io/controller-uid": "abc"}}));
    assert_eq!(
        spec["template"]["metadata"]["labels"],
        json!({"batch.kubernetes.io/controller-uid": "abc", "batch.kubernetes.io/job-name": "pi", "controller-uid": "abc", "job-name": "pi"})
    );
    assert_eq!(j["metadata"]["labels"], spec["template"]["metadata"]["labels"]);
}

#[test]
fn cronjob_defaults() {
    let c = defaulted(
        "batch",
        "CronJob",
        json!({"spec": {"schedule": "* * * * *", "jobTemplate": {"spec": {"template": {"spec": {"containers": []}}}}}}),
    );
    assert_eq!(c["spec"]["concurrencyPolicy"], "Allow");
    assert_eq!(c["spec"]["suspend"], false);
    assert_eq!(c["spec"]["successfulJobsHistoryLimit"], 3);
    assert_eq!(c["spec"]["failedJobsHistoryLimit"], 1);
    assert_eq!(c["spec"]["jobTemplate"]["spec"]["template"]["spec"]["dnsPolicy"], "ClusterFirst");
    assert!(c["spec"]["jobTemplate"]["spec"].get("backoffLimit").is_none());
}

#[test]
fn small_kinds_defaults() {
    assert_eq!(defaulted("", "Secret", json!({}))["type"], "Opaque");
    let s = defaulted("", "Secret", json!({"stringData": {"a": "hello"}, "data": {"b": "eA=="}}));
    assert_eq!(s["data"], json!({"a": "aGVsbG8=", "b": "eA=="}));
    assert!(s.get("stringData").is_none());

    let ns = defaulted("", "Namespace", json!({"metadata": {"name": "team-a"}}));
    assert_eq!(ns["metadata"]["labels"]["kubernetes.io/metadata.name"], "team-a");
    assert_eq!(ns["spec"]["finalizers"], json!(["kubernetes"]));
    assert_eq!(ns["status"]["phase"], "Active");

    let pv = defaulted("", "PersistentVolume", json!({"spec": {}}));
    assert_eq!(pv["spec"]["persistentVolumeReclaimPolicy"], "Retain");
    assert_eq!(pv["spec"]["volumeMode"], "Filesystem");
    let pvc = defaulted("", "PersistentVolumeClaim", json!({"spec": {}}));
    assert_eq!(pvc["spec"]["volumeMode"], "Filesystem");

    let sc = defaulted("storage.k8s.io", "StorageClass", json!({"provisioner": "x"}));
    assert_eq!(sc["reclaimPolicy"], "Delete");
    assert_eq!(sc["volumeBindingMode"], "Immediate");

    let np = defaulted("networking.k8s.io", "NetworkPolicy", json!({"spec": {"egress": [{"ports": [{"port": 53}]}]}}));
    assert_eq!(np["spec"]["policyTypes"], json!(["Ingress", "Egress"]));
    assert_eq!(np["spec"]["egress"][0]["ports"][0]["protocol"], "TCP");

    let es = defaulted("discovery.k8s.io", "EndpointSlice", json!({"ports": [{"port": 80}]}));
    assert_eq!(es["ports"][0], json!({"name": "", "port": 80, "protocol": "TCP"}));

    let rb = defaulted(
        "rbac.authorization.k8s.io",
        "RoleBinding",
        json!({"roleRef": {"kind": "Role", "name": "r"}, "subjects": [{"kind": "User", "name": "u"}, {"kind": "ServiceAccount", "name": "s"}]}),
    );
    assert_eq!(rb["roleRef"]["apiGroup"], "rbac.authorization.k8s.io");
    assert_eq!(rb["subjects"][0]["apiGroup"], "rbac.authorization.k8s.io");
    assert!(rb["subjects"][1].get("apiGroup").is_none(), "an empty group is omitted, not stored");

    let node = defaulted("", "Node", json!({"status": {"capacity": {"cpu": "4"}}}));
    assert_eq!(node["status"]["allocatable"], json!({"cpu": "4"}));
}

#[test]
fn defaulting_twice_changes_nothing() {
    let cases = [
        (
            "",
            "Pod",
            json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "x", "resources": {"limits": {"cpu": "1"}}}], "volumes": [{"name": "v"}]}}),
        ),
        ("", "Service", json!({"spec": {"type": "LoadBalancer", "clusterIP": "10.0.0.1", "ports": [{"port": 80}]}})),
        ("", "Secret", json!({"stringData": {"a": "b"}})),
        ("", "Namespace", json!({"metadata": {"name": "n"}})),
        ("apps", "Deployment", json!({"spec": {"template": {"spec": {"containers": [{"name": "c", "image": "x"}]}}}})),
        ("apps", "StatefulSet", json!({"spec": {"volumeClaimTemplates": [{"spec": {}}]}})),
        ("apps", "DaemonSet", json!({"spec": {}})),
        (
            "batch",
            "Job",
            json!({"metadata": {"name": "j", "uid": "u"}, "spec": {"template": {"spec": {"containers": []}}}}),
        ),
        ("batch", "CronJob", json!({"spec": {"jobTemplate": {"spec": {"template": {"spec": {}}}}}})),
        ("networking.k8s.io", "NetworkPolicy", json!({"spec": {}})),
    ];
    for (g, k, obj) in cases {
        let once = defaulted(g, k, obj);
        let twice = defaulted(g, k, once.clone());
        assert_eq!(once, twice, "{g}/{k}");
    }
}

#[test]
fn base64_encode_pads() {
    assert_eq!(base64_encode(b""), "");
    assert_eq!(base64_encode(b"f"), "Zg==");
    assert_eq!(base64_encode(b"fo"), "Zm8=");
    assert_eq!(base64_encode(b"foo"), "Zm9v");
}

#[test]
fn service_type_changed_to_cluster_ip_drops_node_ports() {
    let old = json!({"spec": {"type": "LoadBalancer", "allocateLoadBalancerNodePorts": true,
                              "ports": [{"port": 80, "protocol": "TCP", "nodePort": 31000}]}});
    let mut new = json!({"spec": {"type": "ClusterIP", "allocateLoadBalancerNodePorts": true,
                                  "ports": [{"port": 80, "protocol": "TCP", "nodePort": 31000}]}});
    carry_over_service_allocations(&mut new, &old);
    assert!(new["spec"]["ports"][0].get("nodePort").is_none(), "{new}");
    assert!(new["spec"].get("allocateLoadBalancerNodePorts").is_none(), "{new}");
    // A node port the update names anew is the user's (and validation's) business.
    let mut explicit =
        json!({"spec": {"type": "ClusterIP", "ports": [{"port": 80, "protocol": "TCP", "nodePort": 32000}]}});
    carry_over_service_allocations(&mut explicit, &old);
    assert_eq!(explicit["spec"]["ports"][0]["nodePort"], 32000);
}
