//! Unit tests for field selectors; parsing cases follow apimachinery's `fields/selector_test.go`.

use super::*;
use serde_json::json;

fn parse_ok(s: &str) -> FieldSelector {
    FieldSelector::parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
}

fn parse_err(s: &str) -> String {
    match FieldSelector::parse(s) {
        Ok(sel) => panic!("{s:?} should not parse, got {sel}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn split_terms_kubernetes_table_splits() {
    let cases: &[(&str, &[&str])] = &[
        ("a", &["a"]),
        ("a=avalue", &["a=avalue"]),
        ("a=avalue,b=bvalue", &["a=avalue", "b=bvalue"]),
        ("a=avalue,b==bvalue,c!=cvalue", &["a=avalue", "b==bvalue", "c!=cvalue"]),
        ("", &[]),
        ("a=a,", &["a=a", ""]),
        (",a=a", &["", "a=a"]),
        (r"k=\,,k2=v2", &[r"k=\,", "k2=v2"]),
        (r"k=\\,k2=v2", &[r"k=\\", "k2=v2"]),
        (r"k=\\\,,k2=v2", &[r"k=\\\,", "k2=v2"]),
        (r"k=\a\b\,\,,k2=v2", &[r"k=\a\b\,\,", "k2=v2"]),
        (r"k=\,\,\\", &[r"k=\,\,\\"]),
    ];
    for (input, want) in cases {
        assert_eq!(split_terms(input), *want, "{input}");
    }
}

#[test]
fn split_term_kubernetes_table_splits() {
    assert_eq!(split_term("a=value"), Some(("a", FieldOperator::Equals, "value")));
    assert_eq!(split_term("a==value"), Some(("a", FieldOperator::Equals, "value")));
    assert_eq!(split_term("a!=value"), Some(("a", FieldOperator::NotEquals, "value")));
    assert_eq!(split_term("a=b=c"), Some(("a", FieldOperator::Equals, "b=c")));
    assert_eq!(split_term("="), Some(("", FieldOperator::Equals, "")));
    assert_eq!(split_term("a!=!=b"), Some(("a", FieldOperator::NotEquals, "!=b")));
    assert_eq!(split_term("a"), None);
    assert_eq!(split_term("a!b"), None);
}

#[test]
fn escape_value_round_trips() {
    for (raw, escaped) in [
        ("foo", "foo"),
        (r"foo\", r"foo\\"),
        ("foo,bar", r"foo\,bar"),
        ("foo=bar", r"foo\=bar"),
        (r"\,=", r"\\\,\="),
        ("", ""),
    ] {
        assert_eq!(escape_value(raw), escaped);
        assert_eq!(unescape_value(escaped).expect("valid escape"), raw);
    }
}

#[test]
fn unescape_value_bad_sequences_have_kubernetes_messages() {
    assert_eq!(
        unescape_value(r"foo\x").expect_err("bad escape").to_string(),
        r"invalid field selector: invalid escape sequence: \x"
    );
    assert_eq!(
        unescape_value(r"foo\").expect_err("dangling").to_string(),
        r"invalid field selector: invalid escape sequence: \"
    );
    assert_eq!(
        unescape_value("a,b").expect_err("unescaped comma").to_string(),
        "invalid field selector: unescaped character in value: 44"
    );
    assert_eq!(
        unescape_value("a=b").expect_err("unescaped equals").to_string(),
        "invalid field selector: unescaped character in value: 61"
    );
}

#[test]
fn parse_valid_forms_accepted() {
    for s in [
        "",
        "a=b",
        "a==b",
        "a!=b",
        "a=b,c=d",
        "a=,c=d",
        "a==,c!=",
        ",,",
        r"k=\,,k2=v2",
        "metadata.name=web",
        "involvedObject.name=web,involvedObject.namespace=default",
    ] {
        parse_ok(s);
    }
}

#[test]
fn parse_invalid_term_reports_whole_selector() {
    assert_eq!(parse_err("a=b,c"), "invalid selector: 'a=b,c'; can't understand 'c'");
    assert_eq!(parse_err("a=b=c"), "invalid field selector: unescaped character in value: 61");
    assert!(FieldSelector::parse(r"a=\q").is_err());
}

#[test]
fn parse_sorts_terms_and_displays_canonically() {
    let sel = parse_ok("z=1,a!=2,m==3");
    assert_eq!(sel.to_string(), "a!=2,m=3,z=1");
    assert_eq!(parse_ok(r"k=a\,b").to_string(), r"k=a\,b");
    assert_eq!(parse_ok(r"k=a\,b").requirements()[0].value(), "a,b");
    assert_eq!(parse_ok("").to_string(), "");
}

#[test]
fn parse_odd_inputs_never_panic() {
    let alphabet = ["a", "=", "!", ",", "\\", "é", ".", " "];
    let mut inputs = vec![String::new()];
    for _ in 0..5 {
        let mut next = Vec::new();
        for s in &inputs {
            for a in alphabet {
                next.push(format!("{s}{a}"));
            }
        }
        for s in &next {
            if let Ok(sel) = FieldSelector::parse(s) {
                // What parses prints back to the same terms (order may differ: Kubernetes
                // sorts the raw text, and printing normalises `==` to `=`).
                let key =
                    |r: &FieldRequirement| (r.field.clone(), r.value.clone(), r.operator == FieldOperator::Equals);
                let mut again: Vec<_> = parse_ok(&sel.to_string()).requirements.iter().map(key).collect();
                let mut want: Vec<_> = sel.requirements.iter().map(key).collect();
                again.sort();
                want.sort();
                assert_eq!(again, want, "{s:?}");
            }
        }
        inputs = next;
    }
}

#[test]
fn requires_exact_match_finds_name() {
    let sel = parse_ok("metadata.name=web,metadata.namespace!=x");
    assert_eq!(sel.requires_exact_match("metadata.name"), Some("web"));
    assert_eq!(sel.requires_exact_match("metadata.namespace"), None);
    assert_eq!(FieldSelector::one_term_equal("metadata.name", "a,b").to_string(), r"metadata.name=a\,b");
}

#[test]
fn matches_metadata_name_and_namespace() {
    let pod = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "default"}});
    assert!(parse_ok("metadata.name=web").matches(&pod));
    assert!(parse_ok("metadata.name=web,metadata.namespace=default").matches(&pod));
    assert!(!parse_ok("metadata.name=db").matches(&pod));
    assert!(parse_ok("metadata.name!=db").matches(&pod));
    assert!(parse_ok("").matches(&pod));
}

#[test]
fn matches_pod_fields_with_kubernetes_defaults() {
    let pod = json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "p"},
        "spec": {"nodeName": "node-1", "restartPolicy": "Always"},
        "status": {"phase": "Running", "podIP": "10.0.0.5", "podIPs": [{"ip": "10.0.0.5"}]}
    });
    assert!(parse_ok("spec.nodeName=node-1").matches(&pod));
    assert!(parse_ok("spec.host=node-1").matches(&pod));
    assert!(parse_ok("status.phase=Running").matches(&pod));
    assert!(parse_ok("status.phase!=Succeeded,status.phase!=Failed").matches(&pod));
    assert!(parse_ok("spec.hostNetwork=false").matches(&pod));
    assert!(!parse_ok("spec.hostNetwork=true").matches(&pod));
    assert!(parse_ok("status.podIP=10.0.0.5").matches(&pod));
    // Accepted upstream but never populated, so it only equals "".
    assert!(parse_ok("status.podIPs=").matches(&pod));
    assert!(!parse_ok("status.podIPs=10.0.0.5").matches(&pod));
    // An unscheduled pod has an empty node name, which is how the scheduler finds it.
    let pending = json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "q"}, "spec": {}});
    assert!(parse_ok("spec.nodeName=").matches(&pending));
    let host = json!({"apiVersion": "v1", "kind": "Pod", "spec": {"hostNetwork": true}});
    assert!(parse_ok("spec.hostNetwork=true").matches(&host));
}

#[test]
fn matches_node_unschedulable_defaults_false() {
    let node = json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n"}, "spec": {}});
    assert!(parse_ok("spec.unschedulable=false").matches(&node));
    let cordoned = json!({"apiVersion": "v1", "kind": "Node", "spec": {"unschedulable": true}});
    assert!(parse_ok("spec.unschedulable=true").matches(&cordoned));
}

#[test]
fn matches_counts_default_to_zero() {
    let job = json!({"apiVersion": "batch/v1", "kind": "Job", "status": {}});
    assert!(parse_ok("status.successful=0").matches(&job));
    let done = json!({"apiVersion": "batch/v1", "kind": "Job", "status": {"succeeded": 1}});
    assert!(parse_ok("status.successful=1").matches(&done));
    let rc = json!({"apiVersion": "v1", "kind": "ReplicationController", "status": {"replicas": 3}});
    assert!(parse_ok("status.replicas=3").matches(&rc));
}

#[test]
fn matches_core_event_involved_object_and_source_fallback() {
    let ev = json!({
        "apiVersion": "v1", "kind": "Event",
        "metadata": {"name": "e", "namespace": "default"},
        "involvedObject": {"kind": "Pod", "name": "web", "namespace": "default", "uid": "u1"},
        "reason": "Scheduled", "type": "Normal",
        "reportingComponent": "default-scheduler"
    });
    assert!(parse_ok("involvedObject.uid=u1,involvedObject.name=web,involvedObject.namespace=default").matches(&ev));
    assert!(parse_ok("source=default-scheduler").matches(&ev));
    assert!(parse_ok("reason=Scheduled,type=Normal").matches(&ev));
    assert!(!parse_ok("involvedObject.kind=Node").matches(&ev));
}

#[test]
fn matches_events_k8s_io_event_under_either_spelling() {
    let ev = json!({
        "apiVersion": "events.k8s.io/v1", "kind": "Event",
        "regarding": {"kind": "Pod", "name": "web", "uid": "u1"},
        "reportingController": "kubelet",
        "deprecatedSource": {"component": "kubelet"}
    });
    assert!(parse_ok("regarding.name=web").matches(&ev));
    assert!(parse_ok("involvedObject.uid=u1").matches(&ev));
    assert!(parse_ok("reportingController=kubelet").matches(&ev));
    assert!(parse_ok("source=kubelet").matches(&ev));
    let converted = parse_ok("regarding.name=web").convert("events.k8s.io", "Event").expect("supported");
    assert_eq!(converted.to_string(), "involvedObject.name=web");
    assert!(converted.matches(&ev));
}

#[test]
fn matches_as_uses_given_kind_for_untyped_objects() {
    let node = json!({"metadata": {"name": "n"}});
    assert!(parse_ok("spec.unschedulable=false").matches_as("", "Node", &node));
    assert!(!parse_ok("spec.unschedulable=false").matches(&node));
}

#[test]
fn matches_generic_path_reads_strings_bools_and_numbers() {
    let obj = json!({"apiVersion": "example.com/v1", "kind": "Widget",
        "spec": {"color": "red", "on": true, "size": 3, "list": [1], "nested": {"a": "b"}}});
    assert!(parse_ok("spec.color=red").matches(&obj));
    assert!(parse_ok("spec.on=true").matches(&obj));
    assert!(parse_ok("spec.size=3").matches(&obj));
    assert!(parse_ok("spec.list=").matches(&obj));
    assert!(parse_ok("spec.nested=").matches(&obj));
    assert!(parse_ok("spec.missing=").matches(&obj));
    assert!(parse_ok("spec.nested.a=b").matches(&obj));
}

#[test]
fn check_supported_accepts_kind_specific_fields() {
    let ok = [
        ("", "Pod", "spec.nodeName=n,status.phase=Running,spec.hostNetwork=true"),
        ("", "Pod", "status.podIPs=x,spec.schedulerName=s,spec.serviceAccountName=a"),
        ("", "Pod", "spec.restartPolicy=Never,status.nominatedNodeName=n,status.podIP=1"),
        ("", "Pod", "spec.host=n"),
        ("", "Event", "involvedObject.uid=u,reason=r,reportingComponent=c,source=s,type=t"),
        ("", "Event", "involvedObject.fieldPath=f,involvedObject.resourceVersion=1,involvedObject.apiVersion=v1"),
        ("events.k8s.io", "Event", "regarding.uid=u,reportingController=c,reason=r,type=t"),
        ("", "Secret", "type=Opaque,metadata.namespace=x"),
        ("", "Namespace", "status.phase=Active,metadata.name=x"),
        ("", "Node", "spec.unschedulable=true,metadata.name=n"),
        ("", "ReplicationController", "status.replicas=1"),
        ("", "Service", "spec.clusterIP=None,spec.type=ClusterIP"),
        ("batch", "Job", "status.successful=1"),
        ("certificates.k8s.io", "CertificateSigningRequest", "spec.signerName=x"),
        ("apps", "Deployment", "metadata.name=x,metadata.namespace=y"),
        ("example.com", "Widget", "metadata.name=x"),
        ("", "ConfigMap", "metadata.namespace=x"),
    ];
    for (group, kind, s) in ok {
        parse_ok(s).check_supported(group, kind).unwrap_or_else(|e| panic!("{group}/{kind} {s}: {e}"));
    }
}

#[test]
fn check_supported_rejects_with_kube_apiserver_text() {
    let cases = [
        ("", "Pod", "spec.foo=x", "field label not supported: spec.foo"),
        ("", "Node", "metadata.namespace=x", "field label not supported: metadata.namespace"),
        ("", "Namespace", "metadata.namespace=x", "field label not supported: metadata.namespace"),
        ("events.k8s.io", "Event", "involvedObject.name=x", "field label not supported: involvedObject.name"),
        ("batch", "Job", "status.succeeded=1", "field label \"status.succeeded\" not supported for batchv1.Job"),
        (
            "apps",
            "ReplicaSet",
            "status.replicas=1",
            "\"status.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
        ),
        (
            "example.com",
            "Widget",
            "spec.color=red",
            "\"spec.color\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
        ),
    ];
    for (group, kind, s, want) in cases {
        let err = parse_ok(s).check_supported(group, kind).expect_err("unsupported");
        assert_eq!(err.to_string(), want, "{group}/{kind} {s}");
        assert!(matches!(err, SelectorError::FieldLabelNotSupported { .. }));
    }
}

#[test]
fn check_supported_reports_first_bad_field_in_sorted_order() {
    let err = parse_ok("spec.zzz=1,spec.aaa=2,metadata.name=x").check_supported("", "Pod").expect_err("unsupported");
    assert_eq!(err.to_string(), "field label not supported: spec.aaa");
}

#[test]
fn convert_rewrites_legacy_pod_host() {
    let sel = parse_ok("spec.host=n1").convert("", "Pod").expect("alias accepted");
    assert_eq!(sel.to_string(), "spec.nodeName=n1");
}

#[test]
fn field_value_exposes_selectable_values() {
    let pod = json!({"spec": {}, "status": {"podIP": "10.1.1.1"}});
    assert_eq!(field_value("", "Pod", &pod, "spec.hostNetwork"), "false");
    assert_eq!(field_value("", "Pod", &pod, "status.podIP"), "10.1.1.1");
    assert_eq!(field_value("", "Pod", &pod, "spec.nodeName"), "");
}
