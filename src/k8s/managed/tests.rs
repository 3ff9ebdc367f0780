//! Field sets against real kube-apiserver output: the `managedFields` of objects recorded from
//! Kubernetes 1.20 (captures-k8s-1.20, copied to `testdata/`) are the oracle for the
//! encoding and for what an Update owns.

use serde_json::{Value, json};

use super::*;

fn fixture(name: &str) -> Value {
    let text = match name {
        "created" => include_str!("testdata/deployment-created.json"),
        "before" => include_str!("testdata/deployment-before-csa-patch.json"),
        "after" => include_str!("testdata/deployment-after-csa-patch.json"),
        "pod" => include_str!("testdata/pod.json"),
        _ => unreachable!("no fixture {name}"),
    };
    serde_json::from_str(text).expect("fixture parses")
}

fn entries_of(obj: &Value) -> Vec<Entry> {
    decode(obj.pointer("/metadata/managedFields"))
}

fn entry<'a>(obj: &'a Value, manager: &str) -> &'a Value {
    obj.pointer("/metadata/managedFields")
        .and_then(Value::as_array)
        .and_then(|a| a.iter().find(|e| e["manager"] == manager))
        .unwrap_or_else(|| panic!("no entry for {manager}"))
}

fn set_of(v: &Value) -> FieldSet {
    FieldSet::from_fields_v1(v).expect("fieldsV1 decodes")
}

fn deployment() -> Schema {
    schema_of("apps", "Deployment")
}

fn actor<'a>(manager: &'a str, operation: Operation) -> Actor<'a> {
    Actor { manager, operation, api_version: "apps/v1", subresource: None, now: "2026-11-27T00:00:00Z" }
}

#[test]
fn real_fields_v1_round_trip() {
    for name in ["created", "before", "after", "pod"] {
        let obj = fixture(name);
        let list = obj.pointer("/metadata/managedFields").and_then(Value::as_array).expect("managedFields");
        for e in list {
            let set = set_of(&e["fieldsV1"]);
            assert_eq!(set.to_fields_v1(), e["fieldsV1"], "{name}: {}", e["manager"]);
        }
        // Whole entries too, order included.
        assert_eq!(&encode(&entries_of(&obj)), obj.pointer("/metadata/managedFields").unwrap(), "{name}");
    }
}

#[test]
fn decode_reads_members_and_children() {
    let set = set_of(&json!({"f:metadata": {"f:labels": {".": {}, "f:app": {}}}, "f:spec": {"f:replicas": {}}}));
    assert!(set.contains(&["f:metadata", "f:labels"]));
    assert!(set.contains(&["f:metadata", "f:labels", "f:app"]));
    assert!(!set.contains(&["f:metadata"]));
    assert!(set.contains(&["f:spec", "f:replicas"]));
    assert!(FieldSet::from_fields_v1(&json!({"x:y": {}})).is_err());
    assert!(FieldSet::from_fields_v1(&json!({"f:a": 1})).is_err());
    assert!(FieldSet::from_fields_v1(&json!([])).is_err());
}

#[test]
fn set_algebra() {
    let a = set_of(&json!({"f:spec": {"f:replicas": {}, "f:paused": {}}}));
    let b = set_of(&json!({"f:spec": {"f:replicas": {}}, "f:metadata": {"f:labels": {"f:x": {}}}}));
    assert_eq!(a.intersection(&b).to_fields_v1(), json!({"f:spec": {"f:replicas": {}}}));
    assert_eq!(a.difference(&b).to_fields_v1(), json!({"f:spec": {"f:paused": {}}}));
    assert!(a.intersects(&b));
    assert!(!a.difference(&b).intersects(&b));
    assert_eq!(
        a.union(&b).to_fields_v1(),
        json!({"f:metadata": {"f:labels": {"f:x": {}}}, "f:spec": {"f:paused": {}, "f:replicas": {}}})
    );
    // A member that loses its children is written as a leaf again.
    let mut m = set_of(&json!({"f:labels": {".": {}, "f:a": {}}}));
    m.remove_all(&set_of(&json!({"f:labels": {"f:a": {}}})));
    assert_eq!(m.to_fields_v1(), json!({"f:labels": {}}));
    m.remove_all(&set_of(&json!({"f:labels": {}})));
    assert!(m.is_empty());
}

#[test]
fn paths_print_like_structured_merge_diff() {
    let set = set_of(&json!({
        "f:spec": {"f:replicas": {}, "f:template": {"f:spec": {"f:containers": {
            "k:{\"name\":\"web\"}": {"f:image": {}, "f:ports": {"k:{\"containerPort\":80,\"protocol\":\"TCP\"}": {}}}
        }}}},
        "f:metadata": {"f:finalizers": {"v:\"a/b\"": {}}}
    }));
    let printed: Vec<String> = set.paths().iter().map(|p| path_string(p)).collect();
    assert_eq!(
        printed,
        [
            ".metadata.finalizers[=\"a/b\"]",
            ".spec.replicas",
            ".spec.template.spec.containers[name=\"web\"].image",
            ".spec.template.spec.containers[name=\"web\"].ports[containerPort=80,protocol=\"TCP\"]",
        ]
    );
}

/// Created by kubectl (client-side apply), then written by the deployment controller: what
/// each Update owns matches what kube-apiserver recorded.
#[test]
fn create_owns_what_kube_apiserver_recorded() {
    let obj = fixture("before");
    let mut created = obj.clone();
    created.as_object_mut().unwrap().remove("status");
    let annotations = created["metadata"]["annotations"].as_object_mut().unwrap();
    annotations.remove("deployment.kubernetes.io/revision");
    let cmp = compare(None, &created, deployment(), Scope::NoStatus);
    assert!(cmp.modified.is_empty() && cmp.removed.is_empty(), "{:?}", cmp);
    assert_eq!(cmp.added.to_fields_v1(), entry(&obj, "kubectl-client-side-apply")["fieldsV1"]);

    // The controller's writes: the revision annotation, then status.
    let mut annotated = created.clone();
    annotated["metadata"]["annotations"] = obj["metadata"]["annotations"].clone();
    let meta_part = compare(Some(&created), &annotated, deployment(), Scope::NoStatus);
    let mut with_status = obj.clone();
    with_status["status"] = json!({});
    let status_part = compare(Some(&with_status), &obj, deployment(), Scope::StatusOnly);
    let kcm = meta_part.changed().union(&status_part.changed());
    assert_eq!(kcm.to_fields_v1(), entry(&obj, "kube-controller-manager")["fieldsV1"]);
}

/// The captured client-side apply PATCH (image 1.26 → 1.27): kubectl-client-side-apply
/// already owns the image, so the entries come out as kube-apiserver wrote them.
#[test]
fn update_keeps_entries_as_kube_apiserver_did() {
    let before = fixture("before");
    let after_kube = fixture("after");
    let mut after = after_kube.clone();
    after["metadata"].as_object_mut().unwrap().remove("managedFields");
    let cmp = compare(Some(&before), &after, deployment(), Scope::NoStatus);
    assert_eq!(
        cmp.modified.to_fields_v1(),
        json!({"f:metadata": {"f:annotations": {"f:kubectl.kubernetes.io/last-applied-configuration": {}}},
               "f:spec": {"f:template": {"f:spec": {"f:containers": {"k:{\"name\":\"web\"}": {"f:image": {}}}}}}})
    );
    let mut entries = entries_of(&before);
    assert!(record_update(&mut entries, &cmp, &actor("kubectl-client-side-apply", Operation::Update)));
    let got = encode(&entries);
    let want = after_kube.pointer("/metadata/managedFields").unwrap();
    assert_eq!(got.as_array().unwrap().len(), want.as_array().unwrap().len());
    for w in want.as_array().unwrap() {
        let g = entry(&json!({"metadata": {"managedFields": got}}), w["manager"].as_str().unwrap()).clone();
        assert_eq!(g["fieldsV1"], w["fieldsV1"], "{}", w["manager"]);
    }
}

#[test]
fn update_takes_fields_from_other_managers() {
    let old = json!({"spec": {"replicas": 1, "paused": false}});
    let new = json!({"spec": {"replicas": 3, "paused": false}});
    let mut entries = vec![Entry {
        manager: "kubectl".into(),
        operation: Operation::Apply,
        api_version: "apps/v1".into(),
        time: None,
        subresource: None,
        fields: set_of(&json!({"f:spec": {"f:replicas": {}, "f:paused": {}}})),
    }];
    let cmp = compare(Some(&old), &new, deployment(), Scope::NoStatus);
    let mut scaler = actor("kubectl", Operation::Update);
    scaler.subresource = Some("scale");
    assert!(record_update(&mut entries, &cmp, &scaler));
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].fields.to_fields_v1(), json!({"f:spec": {"f:paused": {}}}));
    assert_eq!(entries[1].fields.to_fields_v1(), json!({"f:spec": {"f:replicas": {}}}));
    assert_eq!(entries[1].describe(), "\"kubectl\" with subresource \"scale\" using apps/v1");
    // A write that changes nothing records nothing.
    assert!(!record_update(&mut entries, &compare(Some(&new), &new, deployment(), Scope::NoStatus), &scaler));
    // Managers left with nothing are dropped.
    let cmp = compare(Some(&new), &json!({"spec": {"replicas": 3, "paused": true}}), deployment(), Scope::NoStatus);
    assert!(record_update(&mut entries, &cmp, &scaler));
    assert_eq!(entries.len(), 1);
}

fn web(labels: Value, containers: Value, replicas: i64) -> Value {
    json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "labels": labels},
           "spec": {"replicas": replicas, "template": {"spec": {"containers": containers}}}})
}

/// Apply `config` over `live` as the apiserver does: merge, then ownership.
fn apply(live: Option<&Value>, config: &Value, manager: &str, force: bool) -> Result<Value, Vec<Conflict>> {
    let schema = deployment();
    let mut merged = match live {
        Some(l) => crate::k8s::patch::apply_strategic_merge_patch(l, config, "apps", "Deployment").unwrap(),
        None => config.clone(),
    };
    let input = ApplyInput {
        live,
        entries: live.map(entries_of).unwrap_or_default(),
        config_set: to_field_set(config, schema, Scope::NoStatus),
        force,
        schema,
        scope: Scope::NoStatus,
    };
    let entries = record_apply(input, &mut merged, &actor(manager, Operation::Apply))?;
    merged["metadata"]["managedFields"] = encode(&entries);
    Ok(merged)
}

#[test]
fn config_field_set_is_what_kubectl_apply_server_side_owns() {
    let config =
        web(json!({"app": "web"}), json!([{"name": "a", "image": "nginx", "ports": [{"containerPort": 80}]}]), 2);
    let set = to_field_set(&config, deployment(), Scope::NoStatus);
    assert_eq!(
        set.to_fields_v1(),
        json!({"f:metadata": {"f:labels": {"f:app": {}}},
               "f:spec": {"f:replicas": {}, "f:template": {"f:spec": {"f:containers": {"k:{\"name\":\"a\"}": {
                   ".": {}, "f:image": {}, "f:name": {},
                   "f:ports": {"k:{\"containerPort\":80,\"protocol\":\"TCP\"}": {".": {}, "f:containerPort": {}}}}}}}}})
    );
}

#[test]
fn apply_removes_what_the_applier_dropped() {
    let first = web(
        json!({"app": "web", "tier": "front"}),
        json!([{"name": "a", "image": "nginx"}, {"name": "b", "image": "busybox"}]),
        2,
    );
    let live = apply(None, &first, "kubectl", false).unwrap();
    let second = web(json!({"app": "web"}), json!([{"name": "a", "image": "nginx"}]), 2);
    let out = apply(Some(&live), &second, "kubectl", false).unwrap();
    assert_eq!(out["metadata"]["labels"], json!({"app": "web"}));
    assert_eq!(out["spec"]["template"]["spec"]["containers"], json!([{"name": "a", "image": "nginx"}]));
    let mf = &out["metadata"]["managedFields"];
    assert_eq!(mf.as_array().unwrap().len(), 1);
    assert_eq!(mf[0]["operation"], "Apply");
    assert_eq!(mf[0]["fieldsV1"], to_field_set(&second, deployment(), Scope::NoStatus).to_fields_v1());
}

#[test]
fn apply_keeps_dropped_fields_another_manager_owns() {
    let live = apply(None, &web(json!({"app": "web", "tier": "front"}), json!([]), 2), "a", false).unwrap();
    // Manager b applies the same label value: shared ownership, no conflict.
    let live = apply(Some(&live), &web(json!({"tier": "front"}), json!([]), 2), "b", false).unwrap();
    let out = apply(Some(&live), &web(json!({"app": "web"}), json!([]), 2), "a", false).unwrap();
    assert_eq!(out["metadata"]["labels"], json!({"app": "web", "tier": "front"}));
}

#[test]
fn apply_conflicts_with_a_different_value_unless_forced() {
    let live = apply(None, &web(json!({"app": "web"}), json!([]), 2), "kubectl", false).unwrap();
    // Someone scales.
    let mut scaled = live.clone();
    scaled["spec"]["replicas"] = json!(5);
    let mut entries = entries_of(&live);
    let cmp = compare(Some(&live), &scaled, deployment(), Scope::NoStatus);
    let mut scaler = actor("kubectl", Operation::Update);
    scaler.subresource = Some("scale");
    record_update(&mut entries, &cmp, &scaler);
    scaled["metadata"]["managedFields"] = encode(&entries);

    let config = web(json!({"app": "web"}), json!([]), 2);
    let conflicts = apply(Some(&scaled), &config, "kubectl", false).unwrap_err();
    assert_eq!(
        conflict_message(&conflicts),
        "Apply failed with 1 conflict: conflict with \"kubectl\" with subresource \"scale\" using apps/v1: .spec.replicas"
    );
    // The same value is no conflict.
    assert!(apply(Some(&scaled), &web(json!({"app": "web"}), json!([]), 5), "kubectl", false).is_ok());
    // Forced: the applier takes the field, the scaler's entry goes.
    let out = apply(Some(&scaled), &config, "kubectl", true).unwrap();
    assert_eq!(out["spec"]["replicas"], 2);
    let mf = out["metadata"]["managedFields"].as_array().unwrap();
    assert_eq!(mf.len(), 1, "{mf:?}");
    assert_eq!(mf[0]["manager"], "kubectl");
}

#[test]
fn several_conflicts_group_by_manager() {
    let e = |m: &str| Entry {
        manager: m.into(),
        operation: Operation::Update,
        api_version: "apps/v1".into(),
        time: None,
        subresource: None,
        fields: FieldSet::new(),
    };
    let c = |m: &str, f: &str| Conflict {
        manager: e(m).describe(),
        identity: e(m).identity(),
        field: f.into(),
        path: Vec::new(),
    };
    let mut conflicts = vec![c("b", ".spec.paused"), c("a", ".spec.replicas"), c("a", ".spec.minReadySeconds")];
    conflicts.sort_by(|x, y| x.identity.cmp(&y.identity));
    assert_eq!(
        conflict_message(&conflicts),
        "Apply failed with 3 conflicts: conflicts with \"a\" using apps/v1:\n- .spec.replicas\n- .spec.minReadySeconds\nconflicts with \"b\" using apps/v1:\n- .spec.paused"
    );
}

#[test]
fn unknown_kinds_have_atomic_lists() {
    let cr = json!({"apiVersion": "x.io/v1", "kind": "Thing", "metadata": {"name": "t", "finalizers": ["a"]},
                    "spec": {"items": [{"name": "a"}], "size": 1}});
    let set = to_field_set(&cr, schema_of("x.io", "Thing"), Scope::All);
    assert_eq!(
        set.to_fields_v1(),
        json!({"f:metadata": {"f:finalizers": {}}, "f:spec": {"f:items": {}, "f:size": {}}})
    );
    let pod = to_field_set(&json!({"metadata": {"finalizers": ["a", "b"]}}), schema_of("", "Pod"), Scope::NoStatus);
    assert_eq!(pod.to_fields_v1(), json!({"f:metadata": {"f:finalizers": {"v:\"a\"": {}, "v:\"b\"": {}}}}));
}

#[test]
fn reset_is_one_empty_entry() {
    assert!(is_reset(Some(&json!([{}]))));
    assert!(!is_reset(Some(&json!([]))));
    assert!(!is_reset(None));
}
