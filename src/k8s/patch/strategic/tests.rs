//! Tests of strategic merge patch: the case table in `testdata/merge_item.yaml` over a test
//! type with every kind of field, then the built-in kinds, the directives one by one, and the
//! patches real kubectl sent (captures-k8s-1.20).

use serde::Deserialize;
use serde_json::{Value, json};

use super::*;
use crate::k8s::patch::schema::{Schema, TypeDef, atomic, merge_by, replace, retain_keys, set};

// ---- the MergeItem table -------------------------------------------------------------

static MERGE_ITEM: TypeDef = TypeDef::new(
    "MergeItem",
    &[
        merge_by("mergingList", "name", &["name"]).of(&MERGE_ITEM),
        atomic("nonMergingList"),
        set("mergingIntList"),
        atomic("nonMergingIntList"),
        replace("replacingItem"),
        retain_keys("retainKeysMap").of(&RETAIN_KEYS_MERGE_ITEM),
        merge_by("retainKeysMergingList", "name", &["name"]).retaining_keys().of(&MERGE_ITEM),
    ],
);

static RETAIN_KEYS_MERGE_ITEM: TypeDef = TypeDef::new(
    "RetainKeysMergeItem",
    &[merge_by("mergingList", "name", &["name"]).of(&MERGE_ITEM), set("mergingIntList"), atomic("nonMergingList")],
);

fn merge_item() -> Schema {
    Schema::of(&MERGE_ITEM)
}

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    #[serde(default)]
    original: Option<Value>,
    modified: Value,
    current: Value,
    two_way: Value,
    #[serde(default)]
    two_way_result: Option<Value>,
    three_way: Value,
    result: Value,
    #[serde(default)]
    order: Option<String>,
}

fn cases() -> Vec<Case> {
    serde_yaml::from_str(include_str!("testdata/merge_item.yaml")).expect("the case table parses")
}

/// Sorts every merge list by merge key (sets by value), the way Kubernetes' tables compare
/// results whose order they do not pin down.
fn sorted(value: &Value, schema: Schema) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Object::new();
            for (key, v) in map {
                let v = if key == RETAIN_KEYS_DIRECTIVE || key.starts_with(DELETE_FROM_PRIMITIVE_LIST_PREFIX) {
                    let mut list = v.as_array().cloned().unwrap_or_default();
                    sort_scalars(&mut list);
                    Value::Array(list)
                } else if key.starts_with(SET_ELEMENT_ORDER_PREFIX) || key == DIRECTIVE_MARKER {
                    v.clone()
                } else {
                    let meta = schema.field(key);
                    match v {
                        Value::Object(_) => sorted(v, meta.schema),
                        Value::Array(list) if meta.strategy.merge => {
                            let mut list: Vec<Value> = list.iter().map(|item| sorted(item, meta.schema)).collect();
                            match meta.merge_key {
                                Some(key) => list.sort_by_key(|item| go_format(item.get(key).unwrap_or(&Value::Null))),
                                None => {
                                    list = deduplicate_scalars(list);
                                    sort_scalars(&mut list);
                                }
                            }
                            Value::Array(list)
                        }
                        other => other.clone(),
                    }
                };
                out.insert(key.clone(), v);
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

fn assert_same(case: &Case, what: &str, got: &Value, expected: &Value) {
    if case.order.as_deref() == Some("ignored") {
        assert_eq!(sorted(got, merge_item()), sorted(expected, merge_item()), "{}: {what}", case.name);
    } else {
        assert_eq!(got, expected, "{}: {what}", case.name);
    }
}

#[test]
fn merge_item_table_two_way_patches_match_and_apply() {
    for case in cases() {
        let original = case.original.clone().unwrap_or_else(|| json!({}));
        let patch = create_two_way_merge_patch_with_schema(&original, &case.modified, merge_item())
            .unwrap_or_else(|err| panic!("{}: {err}", case.name));
        assert_same(&case, "two-way patch", &patch, &case.two_way);

        let applied = apply_strategic_merge_patch_with_schema(&original, &case.two_way, merge_item())
            .unwrap_or_else(|err| panic!("{}: {err}", case.name));
        assert_same(&case, "two-way result", &applied, case.two_way_result.as_ref().unwrap_or(&case.modified));
    }
}

#[test]
fn merge_item_table_three_way_patches_match_and_apply() {
    for case in cases() {
        let patch = create_three_way_merge_patch_with_schema(
            case.original.as_ref(),
            &case.modified,
            &case.current,
            merge_item(),
            true,
        )
        .unwrap_or_else(|err| panic!("{}: {err}", case.name));
        assert_same(&case, "three-way patch", &patch, &case.three_way);

        let applied = apply_strategic_merge_patch_with_schema(&case.current, &case.three_way, merge_item())
            .unwrap_or_else(|err| panic!("{}: {err}", case.name));
        assert_same(&case, "three-way result", &applied, &case.result);
    }
}

fn apply_item(original: Value, patch: Value) -> Result<Value> {
    apply_strategic_merge_patch_with_schema(&original, &patch, merge_item())
}

#[test]
fn apply_unique_scalars_when_merging_sets() {
    let got = apply_item(json!({"mergingIntList": [1, 2]}), json!({"mergingIntList": [2, 3]})).unwrap();
    assert_eq!(got, json!({"mergingIntList": [1, 2, 3]}));
}

#[test]
fn apply_patch_delete_on_nested_map_empties_it() {
    let got = apply_item(json!({"simpleMap": {"key1": 1, "key2": 1}}), json!({"simpleMap": {"$patch": "delete"}}));
    assert_eq!(got.unwrap(), json!({"simpleMap": {}}));
}

#[test]
fn apply_patch_replace_element_empties_merging_list() {
    let got =
        apply_item(json!({"mergingList": [{"name": 1}, {"name": 2}]}), json!({"mergingList": [{"$patch": "replace"}]}));
    assert_eq!(got.unwrap(), json!({"mergingList": []}));
}

#[test]
fn apply_patch_replace_on_map_keeps_only_patch_fields() {
    let got = apply_item(json!({"name": 1, "value": 1}), json!({"$patch": "replace", "other": "a"}));
    assert_eq!(got.unwrap(), json!({"other": "a"}));
}

#[test]
fn apply_patch_replace_on_list_drops_other_elements() {
    let original = json!({"mergingList": [{"name": 1, "value": "a"}, {"name": 2}]});
    let patch = json!({"mergingList": [{"name": 3}, {"$patch": "replace"}]});
    assert_eq!(apply_item(original, patch).unwrap(), json!({"mergingList": [{"name": 3}]}));
}

#[test]
fn apply_patch_merge_directive_is_the_default() {
    let got = apply_item(json!({"simpleMap": {"a": "1"}}), json!({"simpleMap": {"$patch": "merge", "b": "2"}}));
    assert_eq!(got.unwrap(), json!({"simpleMap": {"a": "1", "b": "2"}}));
}

#[test]
fn apply_patch_delete_removes_all_duplicates() {
    let original =
        json!({"mergingList": [{"name": 1}, {"name": 1}, {"name": 2, "value": "a"}, {"name": 3}, {"name": 3}]});
    let patch = json!({"mergingList": [{"name": 1, "$patch": "delete"}, {"name": 3, "$patch": "delete"}]});
    assert_eq!(apply_item(original, patch).unwrap(), json!({"mergingList": [{"name": 2, "value": "a"}]}));
}

#[test]
fn apply_unknown_patch_directive_is_a_bad_request() {
    let err = apply_item(json!({"simpleMap": {}}), json!({"simpleMap": {"$patch": "explode"}})).expect_err("unknown");
    assert_eq!(err.http_status(), 400);
    assert!(err.to_string().contains("simpleMap"), "{err}");
}

#[test]
fn apply_retain_keys_map_merges_without_directive() {
    let got =
        apply_item(json!({"retainKeysMap": {"name": "foo", "value": "a"}}), json!({"retainKeysMap": {"value": "b"}}));
    assert_eq!(got.unwrap(), json!({"retainKeysMap": {"name": "foo", "value": "b"}}));
}

#[test]
fn apply_retain_keys_rejects_patch_fields_it_does_not_retain() {
    let patch = json!({"retainKeysMap": {"$retainKeys": ["name"], "value": "b"}});
    let err = apply_item(json!({"retainKeysMap": {"name": "foo"}}), patch).expect_err("value is not retained");
    assert_eq!(err.http_status(), 422);
}

#[test]
fn apply_retain_keys_that_is_not_a_list_is_a_bad_request() {
    let err =
        apply_item(json!({"retainKeysMap": {}}), json!({"retainKeysMap": {"$retainKeys": "name"}})).expect_err("bad");
    assert_eq!(err.http_status(), 400);
}

#[test]
fn apply_preserves_patch_order_in_merging_list() {
    let original = json!({"mergingList": [{"name": 1}, {"name": 2, "value": "b"}, {"name": 3}]});
    let patch = json!({"mergingList": [{"name": 3, "value": "c"}, {"name": 1, "value": "a"}]});
    assert_eq!(
        apply_item(original, patch).unwrap(),
        json!({"mergingList": [{"name": 2, "value": "b"}, {"name": 3, "value": "c"}, {"name": 1, "value": "a"}]})
    );
}

#[test]
fn apply_preserves_patch_order_in_int_set() {
    let got = apply_item(json!({"mergingIntList": [1, 2, 3]}), json!({"mergingIntList": [3, 1]})).unwrap();
    assert_eq!(got, json!({"mergingIntList": [2, 3, 1]}));
}

#[test]
fn apply_new_element_without_order_goes_first() {
    // Kubernetes puts patch elements the object lacks before the object's own ones.
    let got = apply_item(json!({"mergingList": [{"name": 1}]}), json!({"mergingList": [{"name": 2}]})).unwrap();
    assert_eq!(got, json!({"mergingList": [{"name": 2}, {"name": 1}]}));
}

#[test]
fn apply_set_element_order_with_missing_items_orders_what_exists() {
    let original = json!({"mergingList": [{"name": 1}, {"name": 3}]});
    let patch = json!({
        "$setElementOrder/mergingList": [{"name": 3}, {"name": 2}, {"name": 1}],
        "mergingList": [{"name": 3, "value": 3}, {"name": 1, "value": 1}],
    });
    assert_eq!(
        apply_item(original, patch).unwrap(),
        json!({"mergingList": [{"name": 3, "value": 3}, {"name": 1, "value": 1}]})
    );
    let got = apply_item(json!({"mergingIntList": [1, 3]}), json!({"$setElementOrder/mergingIntList": [3, 2, 1]}));
    assert_eq!(got.unwrap(), json!({"mergingIntList": [3, 1]}));
}

#[test]
fn apply_set_element_order_disagreeing_with_patch_list_fails() {
    let original = json!({"mergingList": [{"name": 1}, {"name": 3}, {"name": 2}]});
    let patch = json!({
        "$setElementOrder/mergingList": [{"name": 1}, {"name": 2}, {"name": 3}],
        "mergingList": [{"name": 3, "value": 3}, {"name": 1, "value": 1}],
    });
    let err = apply_item(original, patch).expect_err("orders disagree");
    assert!(err.to_string().contains("doesn't match"), "{err}");
    let patch = json!({"$setElementOrder/mergingIntList": [1, 2, 3], "mergingIntList": [3, 1]});
    assert!(apply_item(json!({"mergingIntList": [1, 3, 2]}), patch).is_err());
}

#[test]
fn apply_set_element_order_is_never_stored() {
    let patch = json!({"$setElementOrder/mergingList": [{"name": 1}], "mergingList": [{"name": 1}]});
    let got = apply_item(json!({}), patch).unwrap();
    assert_eq!(got, json!({"mergingList": [{"name": 1}]}));
}

#[test]
fn apply_missing_merge_key_fails_with_the_key() {
    let err = apply_item(json!({"mergingList": [{"name": 1, "value": "a"}]}), json!({"mergingList": [{"value": "b"}]}))
        .expect_err("no merge key");
    assert!(err.to_string().contains("does not contain declared merge key: name"), "{err}");
}

#[test]
fn apply_delete_from_primitive_list_deletes_only_present_items() {
    let cases = [
        (
            json!({"mergingIntList": [1, 2]}),
            json!({"$deleteFromPrimitiveList/mergingIntList": [3]}),
            json!({"mergingIntList": [1, 2]}),
        ),
        (
            json!({"mergingIntList": null}),
            json!({"$deleteFromPrimitiveList/mergingIntList": [3]}),
            json!({"mergingIntList": null}),
        ),
        (json!({"foo": ["bar"]}), json!({"$deleteFromPrimitiveList/mergingIntList": [3]}), json!({"foo": ["bar"]})),
        (
            json!({"mergingIntList": [1, 2, 3]}),
            json!({"$deleteFromPrimitiveList/mergingIntList": [2]}),
            json!({"mergingIntList": [1, 3]}),
        ),
        (
            json!({"nonMergingIntList": [1, 2, 3]}),
            json!({"$deleteFromPrimitiveList/nonMergingIntList": [2]}),
            json!({"nonMergingIntList": [1, 3]}),
        ),
    ];
    for (original, patch, expected) in cases {
        assert_eq!(apply_item(original.clone(), patch.clone()).unwrap(), expected, "{original} + {patch}");
    }
}

#[test]
fn apply_lists_of_lists_fail() {
    let err =
        apply_item(json!({"mergingIntList": [[1]]}), json!({"mergingIntList": [[2]]})).expect_err("list of lists");
    assert!(err.to_string().contains("lists of lists"), "{err}");
}

#[test]
fn apply_nulls_in_added_values_are_not_stored() {
    let got =
        apply_item(json!({}), json!({"simpleMap": {"a": "1", "b": null}, "mergingList": [{"name": 1, "value": null}]}));
    assert_eq!(got.unwrap(), json!({"simpleMap": {"a": "1"}, "mergingList": [{"name": 1}]}));
}

#[test]
fn apply_directives_in_added_values_are_carried_out_not_stored() {
    // Kubernetes would store these directives verbatim where the object had nothing.
    let patch = json!({
        "mergingList": [{"name": 1}, {"name": 2, "$patch": "delete"}],
        "retainKeysMap": {"$patch": "replace", "$setElementOrder/mergingList": [{"name": "b"}, {"name": "a"}],
                          "mergingList": [{"name": "b"}, {"name": "a", "value": null}]},
    });
    let got = apply_item(json!({}), patch).unwrap();
    assert_eq!(
        got,
        json!({"mergingList": [{"name": 1}], "retainKeysMap": {"mergingList": [{"name": "b"}, {"name": "a"}]}})
    );
}

#[test]
fn create_three_way_conflict_without_overwrite_fails() {
    let original = json!({"name": 1});
    let modified = json!({"name": 2});
    let current = json!({"name": 3});
    let err = create_three_way_merge_patch_with_schema(Some(&original), &modified, &current, merge_item(), false)
        .expect_err("name changed both ways");
    assert!(matches!(err, PatchError::Conflict { .. }));
    assert_eq!(err.http_status(), 409);
    let ok = create_three_way_merge_patch_with_schema(Some(&original), &modified, &current, merge_item(), true);
    assert_eq!(ok.unwrap(), json!({"name": 2}));
}

#[test]
fn create_three_way_same_change_on_both_sides_is_no_conflict() {
    let original = json!({"name": 1, "mergingList": [{"name": "a", "value": 1}]});
    let modified = json!({"name": 2, "mergingList": [{"name": "a", "value": 2}]});
    let current = json!({"name": 2, "mergingList": [{"name": "a", "value": 2}]});
    let patch =
        create_three_way_merge_patch_with_schema(Some(&original), &modified, &current, merge_item(), false).unwrap();
    assert_eq!(patch, json!({}));
}

#[test]
fn go_format_float_matches_go_verb_v() {
    assert_eq!(go_format(&json!(1.5)), "1.5");
    assert_eq!(go_format(&json!(80)), "80");
    assert_eq!(go_format(&json!(1234567.0)), "1.234567e+06");
    assert_eq!(go_format(&json!(0.00001)), "1e-05");
    assert_eq!(go_format(&json!(123456.5)), "123456.5");
}

#[test]
fn deduplicate_scalars_moves_the_last_element_into_a_duplicate() {
    assert_eq!(
        deduplicate_scalars(vec![json!("a"), json!("a"), json!("b"), json!("c")]),
        vec![json!("a"), json!("c"), json!("b")]
    );
}

// ---- built-in kinds --------------------------------------------------------------------

/// The live Deployment of kubectl-v9-apply-update2.log, before the patch.
fn live_deployment() -> Value {
    json!({
        "kind": "Deployment", "apiVersion": "apps/v1",
        "metadata": {
            "name": "web", "namespace": "default", "uid": "95d4e536-deee-40c8-b84b-be03aedb7c08",
            "resourceVersion": "5350", "generation": 2, "creationTimestamp": "2026-11-26T14:02:51Z",
            "labels": {"app": "web"},
            "annotations": {
                "deployment.kubernetes.io/revision": "2",
                "kubectl.kubernetes.io/last-applied-configuration": last_applied("nginx:1.26"),
            },
        },
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
                "metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
                "spec": {
                    "containers": [{
                        "name": "web", "image": "nginx:1.26",
                        "ports": [{"containerPort": 80, "protocol": "TCP"}],
                        "resources": {}, "terminationMessagePath": "/dev/termination-log",
                        "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent",
                    }],
                    "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
                    "securityContext": {}, "schedulerName": "default-scheduler",
                },
            },
            "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}},
            "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600,
        },
        "status": {
            "observedGeneration": 2, "replicas": 2, "updatedReplicas": 2,
            "conditions": [
                {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
                {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"},
            ],
        },
    })
}

fn applied_manifest(image: &str) -> Value {
    json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"annotations": {}, "labels": {"app": "web"}, "name": "web", "namespace": "default"},
        "spec": {
            "replicas": 2,
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {"containers": [{"image": image, "name": "web", "ports": [{"containerPort": 80}]}]},
            },
        },
    })
}

/// The last-applied annotation exactly as kubectl writes it (sorted keys, trailing newline).
fn last_applied(image: &str) -> String {
    format!("{}\n", applied_manifest(image))
}

#[test]
fn capture_apply_update_three_way_patch_is_what_kubectl_sent() {
    // kubectl apply of the manifest with nginx:1.27 over the live object (nginx:1.26).
    let original = applied_manifest("nginx:1.26");
    let mut modified = applied_manifest("nginx:1.27");
    modified["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] =
        Value::String(last_applied("nginx:1.27"));
    let patch =
        create_three_way_merge_patch(Some(&original), &modified, &live_deployment(), "apps", "Deployment", true)
            .unwrap();

    let sent = r#"{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"web\"},\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"image\":\"nginx:1.27\",\"name\":\"web\",\"ports\":[{\"containerPort\":80}]}]}}}}\n"}},"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"image":"nginx:1.27","name":"web"}]}}}}"#;
    // Byte for byte: serde_json sorts keys as Go's encoder does.
    assert_eq!(serde_json::to_string(&patch).unwrap(), sent);
}

#[test]
fn capture_apply_update_patch_applied_to_live_object_updates_image_only() {
    let sent: Value = serde_json::from_str(r#"{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"new"}},"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"image":"nginx:1.27","name":"web"}]}}}}"#).unwrap();
    let live = live_deployment();
    let patched = apply_strategic_merge_patch(&live, &sent, "apps", "Deployment").unwrap();

    let mut expected = live.clone();
    expected["spec"]["template"]["spec"]["containers"][0]["image"] = json!("nginx:1.27");
    expected["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] = json!("new");
    assert_eq!(patched, expected);
    assert!(!serde_json::to_string(&patched).unwrap().contains("$setElementOrder"));
}

#[test]
fn capture_apply_unchanged_manifest_yields_empty_patch() {
    let mut modified = applied_manifest("nginx:1.26");
    modified["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] =
        Value::String(last_applied("nginx:1.26"));
    let original = applied_manifest("nginx:1.26");
    let patch =
        create_three_way_merge_patch(Some(&original), &modified, &live_deployment(), "apps", "Deployment", true)
            .unwrap();
    assert_eq!(patch, json!({}));
}

#[test]
fn apply_unknown_kind_is_refused_with_415() {
    let err =
        apply_strategic_merge_patch(&json!({}), &json!({}), "example.com", "Widget").expect_err("custom resource");
    assert!(matches!(err, PatchError::NoSchema { .. }));
    assert_eq!(err.http_status(), 415);
    assert!(create_two_way_merge_patch(&json!({}), &json!({}), "example.com", "Widget").is_err());
}

#[test]
fn apply_non_object_patch_is_a_bad_request() {
    let err = apply_strategic_merge_patch(&json!({}), &json!([1]), "", "Pod").expect_err("an array");
    assert_eq!(err.http_status(), 400);
}

fn pod(spec: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": spec})
}

#[test]
fn apply_pod_env_merges_by_name_inside_containers() {
    let live = pod(json!({"containers": [
        {"name": "app", "image": "a:1", "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]},
        {"name": "sidecar", "image": "s:1"},
    ]}));
    let patch = json!({"spec": {"containers": [{"name": "app", "env": [{"name": "B", "value": "3"}, {"name": "C", "value": "4"}]}]}});
    let patched = apply_strategic_merge_patch(&live, &patch, "", "Pod").unwrap();
    assert_eq!(
        patched["spec"]["containers"],
        json!([
            {"name": "app", "image": "a:1", "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "3"}, {"name": "C", "value": "4"}]},
            {"name": "sidecar", "image": "s:1"},
        ])
    );
}

#[test]
fn apply_pod_delete_container_and_volume_mount_by_key() {
    let live = pod(json!({"containers": [
        {"name": "app", "volumeMounts": [{"mountPath": "/a", "name": "a"}, {"mountPath": "/b", "name": "b"}]},
        {"name": "debug"},
    ]}));
    let patch = json!({"spec": {"containers": [
        {"name": "debug", "$patch": "delete"},
        {"name": "app", "volumeMounts": [{"mountPath": "/a", "$patch": "delete"}]},
    ]}});
    let patched = apply_strategic_merge_patch(&live, &patch, "", "Pod").unwrap();
    assert_eq!(
        patched["spec"]["containers"],
        json!([{"name": "app", "volumeMounts": [{"mountPath": "/b", "name": "b"}]}])
    );
}

#[test]
fn apply_pod_tolerations_are_replaced_whole() {
    let live = pod(json!({"tolerations": [{"key": "a", "operator": "Exists"}, {"key": "b", "operator": "Exists"}]}));
    let patch = json!({"spec": {"tolerations": [{"key": "c", "operator": "Exists"}]}});
    let patched = apply_strategic_merge_patch(&live, &patch, "", "Pod").unwrap();
    assert_eq!(patched["spec"]["tolerations"], json!([{"key": "c", "operator": "Exists"}]));
}

#[test]
fn three_way_volume_source_switch_retains_only_the_new_source() {
    // A volume switched from a ConfigMap to a Secret: $retainKeys clears the old source.
    let last = pod(json!({"volumes": [{"name": "cfg", "configMap": {"name": "c"}}]}));
    let modified = pod(json!({"volumes": [{"name": "cfg", "secret": {"secretName": "s"}}]}));
    let live = pod(json!({"volumes": [{"name": "cfg", "configMap": {"name": "c", "defaultMode": 420}}]}));
    let patch = create_three_way_merge_patch(Some(&last), &modified, &live, "", "Pod", true).unwrap();
    assert_eq!(
        patch,
        json!({"spec": {
            "$setElementOrder/volumes": [{"name": "cfg"}],
            "volumes": [{"$retainKeys": ["name", "secret"], "configMap": null, "name": "cfg", "secret": {"secretName": "s"}}],
        }})
    );
    let patched = apply_strategic_merge_patch(&live, &patch, "", "Pod").unwrap();
    assert_eq!(patched["spec"]["volumes"], json!([{"name": "cfg", "secret": {"secretName": "s"}}]));
}

#[test]
fn three_way_deployment_strategy_switch_to_recreate_clears_rolling_update() {
    // The manifest never named rollingUpdate; the server defaulted it. retainKeys clears it.
    let deployment = |strategy: Value| json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d"}, "spec": {"strategy": strategy}});
    let last = deployment(json!({"type": "RollingUpdate"}));
    let modified = deployment(json!({"type": "Recreate"}));
    let live =
        deployment(json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}}));
    let patch = create_three_way_merge_patch(Some(&last), &modified, &live, "apps", "Deployment", true).unwrap();
    assert_eq!(patch, json!({"spec": {"strategy": {"$retainKeys": ["type"], "type": "Recreate"}}}));
    let patched = apply_strategic_merge_patch(&live, &patch, "apps", "Deployment").unwrap();
    assert_eq!(patched["spec"]["strategy"], json!({"type": "Recreate"}));
}

#[test]
fn two_way_edit_of_second_container_sends_element_order() {
    // What `kubectl edit` sends after changing one image.
    let before = pod(json!({"containers": [{"name": "a", "image": "a:1"}, {"name": "b", "image": "b:1"}]}));
    let after = pod(json!({"containers": [{"name": "a", "image": "a:1"}, {"name": "b", "image": "b:2"}]}));
    let patch = create_two_way_merge_patch(&before, &after, "", "Pod").unwrap();
    assert_eq!(
        patch,
        json!({"spec": {"$setElementOrder/containers": [{"name": "a"}, {"name": "b"}], "containers": [{"image": "b:2", "name": "b"}]}})
    );
    assert_eq!(apply_strategic_merge_patch(&before, &patch, "", "Pod").unwrap(), after);
}

#[test]
fn two_way_reordered_containers_send_only_element_order() {
    let before = pod(json!({"containers": [{"name": "a"}, {"name": "b"}]}));
    let after = pod(json!({"containers": [{"name": "b"}, {"name": "a"}]}));
    let patch = create_two_way_merge_patch(&before, &after, "", "Pod").unwrap();
    assert_eq!(patch, json!({"spec": {"$setElementOrder/containers": [{"name": "b"}, {"name": "a"}]}}));
    assert_eq!(apply_strategic_merge_patch(&before, &patch, "", "Pod").unwrap(), after);
}

#[test]
fn finalizers_are_a_set_with_parallel_deletion_list() {
    let meta = |finalizers: Value| json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "finalizers": finalizers}});
    let before = meta(json!(["a", "b"]));
    let after = meta(json!(["b", "c"]));
    let patch = create_two_way_merge_patch(&before, &after, "", "ConfigMap").unwrap();
    assert_eq!(
        patch,
        json!({"metadata": {"$deleteFromPrimitiveList/finalizers": ["a"], "$setElementOrder/finalizers": ["b", "c"], "finalizers": ["c"]}})
    );
    assert_eq!(apply_strategic_merge_patch(&before, &patch, "", "ConfigMap").unwrap(), after);

    // A plain patch adds to the set without duplicating.
    let added = apply_strategic_merge_patch(&before, &json!({"metadata": {"finalizers": ["b", "z"]}}), "", "ConfigMap");
    assert_eq!(added.unwrap()["metadata"]["finalizers"], json!(["a", "b", "z"]));
}

#[test]
fn owner_references_merge_by_uid() {
    let live = json!({"kind": "ReplicaSet", "metadata": {"ownerReferences": [{"uid": "1", "name": "a"}, {"uid": "2", "name": "b"}]}});
    let patch = json!({"metadata": {"ownerReferences": [{"uid": "2", "$patch": "delete"}, {"uid": "3", "name": "c"}]}});
    let patched = apply_strategic_merge_patch(&live, &patch, "apps", "ReplicaSet").unwrap();
    assert_eq!(patched["metadata"]["ownerReferences"], json!([{"uid": "3", "name": "c"}, {"uid": "1", "name": "a"}]));
}

#[test]
fn service_ports_merge_by_port() {
    let live = json!({"kind": "Service", "spec": {"ports": [{"port": 80, "targetPort": 8080}, {"port": 443, "targetPort": 8443}]}});
    let patch = json!({"spec": {"ports": [{"port": 443, "targetPort": 9443}]}});
    let patched = apply_strategic_merge_patch(&live, &patch, "", "Service").unwrap();
    assert_eq!(patched["spec"]["ports"], json!([{"port": 80, "targetPort": 8080}, {"port": 443, "targetPort": 9443}]));
}

#[test]
fn status_conditions_merge_by_type() {
    let live = json!({"status": {"conditions": [{"type": "Ready", "status": "False"}, {"type": "Initialized", "status": "True"}]}});
    let patch = json!({"status": {"conditions": [{"type": "Ready", "status": "True"}]}});
    let patched = apply_strategic_merge_patch(&live, &patch, "", "Pod").unwrap();
    assert_eq!(
        patched["status"]["conditions"],
        json!([{"type": "Ready", "status": "True"}, {"type": "Initialized", "status": "True"}])
    );
    let node = json!({"status": {"addresses": [{"type": "InternalIP", "address": "10.0.0.1"}, {"type": "Hostname", "address": "n"}]}});
    let patch = json!({"status": {"addresses": [{"type": "InternalIP", "address": "10.0.0.2"}]}});
    let patched = apply_strategic_merge_patch(&node, &patch, "", "Node").unwrap();
    assert_eq!(patched["status"]["addresses"][0]["address"], "10.0.0.2");
    assert_eq!(patched["status"]["addresses"][1]["address"], "n");
}

#[test]
fn labels_merge_and_null_deletes() {
    let live = json!({"metadata": {"labels": {"a": "1", "b": "2"}}});
    let patch = json!({"metadata": {"labels": {"a": null, "c": "3"}}});
    let patched = apply_strategic_merge_patch(&live, &patch, "", "ConfigMap").unwrap();
    assert_eq!(patched, json!({"metadata": {"labels": {"b": "2", "c": "3"}}}));
}

#[test]
fn pod_disruption_budget_selector_is_replaced_whole() {
    let live = json!({"spec": {"selector": {"matchLabels": {"a": "1"}}, "minAvailable": 1}});
    let patch = json!({"spec": {"selector": {"matchExpressions": [{"key": "b", "operator": "Exists"}]}}});
    let patched = apply_strategic_merge_patch(&live, &patch, "policy", "PodDisruptionBudget").unwrap();
    assert_eq!(patched["spec"]["selector"], json!({"matchExpressions": [{"key": "b", "operator": "Exists"}]}));
}

#[test]
fn cron_job_pod_template_containers_merge() {
    let live = json!({"spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "a", "image": "1"}, {"name": "b"}]}}}}}});
    let patch = json!({"spec": {"jobTemplate": {"spec": {"template": {"spec": {"containers": [{"name": "a", "image": "2"}]}}}}}});
    let patched = apply_strategic_merge_patch(&live, &patch, "batch", "CronJob").unwrap();
    assert_eq!(
        patched["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"],
        json!([{"name": "a", "image": "2"}, {"name": "b"}])
    );
}

#[test]
fn stateful_set_volume_claim_templates_are_atomic() {
    let live = json!({"spec": {"volumeClaimTemplates": [{"metadata": {"name": "a"}}, {"metadata": {"name": "b"}}]}});
    let patch = json!({"spec": {"volumeClaimTemplates": [{"metadata": {"name": "c"}}]}});
    let patched = apply_strategic_merge_patch(&live, &patch, "apps", "StatefulSet").unwrap();
    assert_eq!(patched["spec"]["volumeClaimTemplates"], json!([{"metadata": {"name": "c"}}]));
}

#[test]
fn two_way_then_apply_round_trips_a_realistic_pod() {
    let before = pod(json!({
        "containers": [{"name": "app", "image": "a:1", "env": [{"name": "A", "value": "1"}], "ports": [{"containerPort": 80}]}],
        "volumes": [{"name": "v", "emptyDir": {}}],
        "tolerations": [{"key": "x", "operator": "Exists"}],
    }));
    let after = pod(json!({
        "containers": [
            {"name": "init-like", "image": "i:1"},
            {"name": "app", "image": "a:2", "env": [{"name": "B", "value": "2"}, {"name": "A", "value": "1"}], "ports": [{"containerPort": 8080}]},
        ],
        "volumes": [{"name": "v", "configMap": {"name": "cm"}}],
        "nodeSelector": {"disk": "ssd"},
    }));
    let patch = create_two_way_merge_patch(&before, &after, "", "Pod").unwrap();
    assert_eq!(apply_strategic_merge_patch(&before, &patch, "", "Pod").unwrap(), after);
}
