//! JSON patch (RFC 6902, `application/json-patch+json`) as the Kubernetes apiserver applies
//! it: operations in order, all or nothing, with evanphx/json-patch's leniency that a `test`
//! for `null` passes when the tested key is absent (kube-runtime's finalizer helper relies on
//! it). The operations themselves are the `json-patch` crate's.

use json_patch::{PatchErrorKind, PatchOperation};
use serde_json::{Map, Value};

use super::{PatchError, json_type};

/// The most operations one JSON patch may hold; the apiserver answers 413 beyond it, as
/// Kubernetes does (`maxJSONPatchOperations`).
pub const MAX_JSON_PATCH_OPERATIONS: usize = 10_000;

const OPS: [&str; 6] = ["add", "remove", "replace", "move", "copy", "test"];

/// Applies an RFC 6902 patch to `target`. On error `target` is unchanged, and the error names
/// the operation (by index, from 0) and its path.
pub fn apply_json_patch(target: &mut Value, patch: &Value) -> Result<(), PatchError> {
    let Value::Array(ops) = patch else {
        return Err(PatchError::JsonPatchNotAnArray { found: json_type(patch) });
    };
    if ops.len() > MAX_JSON_PATCH_OPERATIONS {
        return Err(PatchError::TooManyJsonPatchOperations { count: ops.len(), max: MAX_JSON_PATCH_OPERATIONS });
    }
    // Decode every operation before applying any, so a malformed patch is a 400 even when an
    // earlier operation would fail.
    let decoded = ops.iter().enumerate().map(|(index, op)| decode(index, op)).collect::<Result<Vec<_>, _>>()?;

    let mut doc = target.clone();
    for (index, (name, op)) in decoded.into_iter().enumerate() {
        let path = op.path().as_str().to_owned();
        if let PatchOperation::Test(test) = &op
            && test.value.is_null()
            && missing_key_of_object(&doc, &path)
        {
            continue;
        }
        json_patch::patch_unsafe(&mut doc, std::slice::from_ref(&op)).map_err(|err| {
            PatchError::JsonPatchOperationFailed { index, op: name, path, reason: reason(&op, &err.kind) }
        })?;
    }
    *target = doc;
    Ok(())
}

/// Checks the shape of one operation and decodes it, with a message that says what is wrong.
fn decode(index: usize, op: &Value) -> Result<(&'static str, PatchOperation), PatchError> {
    let malformed = |reason: String| PatchError::InvalidJsonPatchOperation { index, reason };
    let Value::Object(fields) = op else {
        return Err(malformed(format!("an operation must be an object, not {}", json_type(op))));
    };
    let name = match fields.get("op") {
        Some(Value::String(name)) => OPS.iter().copied().find(|known| known == name).ok_or_else(|| {
            malformed(format!("unknown op {name:?}; expected one of add, remove, replace, move, copy, test"))
        })?,
        Some(other) => return Err(malformed(format!("\"op\" must be a string, not {}", json_type(other)))),
        None => return Err(malformed("missing \"op\"".to_owned())),
    };
    require_pointer(fields, "path").map_err(&malformed)?;
    if matches!(name, "move" | "copy") {
        require_pointer(fields, "from").map_err(&malformed)?;
    }
    if matches!(name, "add" | "replace" | "test") && !fields.contains_key("value") {
        return Err(malformed(format!("missing \"value\" for {name}")));
    }
    let decoded = serde_json::from_value(op.clone()).map_err(|err| malformed(err.to_string()))?;
    Ok((name, decoded))
}

fn require_pointer(fields: &Map<String, Value>, key: &str) -> Result<(), String> {
    match fields.get(key) {
        Some(Value::String(pointer)) if pointer.is_empty() || pointer.starts_with('/') => Ok(()),
        Some(Value::String(pointer)) => {
            Err(format!("{key:?} must be a JSON pointer starting with '/', not {pointer:?}"))
        }
        Some(other) => Err(format!("{key:?} must be a string, not {}", json_type(other))),
        None => Err(format!("missing {key:?}")),
    }
}

/// Whether `pointer` names an absent key of an object that exists: the one case in which
/// evanphx/json-patch passes `test` with value `null`. A missing parent still fails.
fn missing_key_of_object(doc: &Value, pointer: &str) -> bool {
    if doc.pointer(pointer).is_some() {
        return false;
    }
    let Some((parent, _)) = pointer.rsplit_once('/') else {
        return false;
    };
    matches!(doc.pointer(parent), Some(Value::Object(_)))
}

fn reason(op: &PatchOperation, kind: &PatchErrorKind) -> String {
    match (op, kind) {
        (PatchOperation::Test(test), PatchErrorKind::TestFailed) => {
            format!("the value is not {}", test.value)
        }
        (PatchOperation::Add(_), PatchErrorKind::InvalidPointer) => {
            "the parent of the path does not exist, or the array index is out of range".to_owned()
        }
        (_, PatchErrorKind::InvalidPointer) => "the path does not exist".to_owned(),
        (PatchOperation::Move(m), PatchErrorKind::InvalidFromPointer) => {
            format!("\"from\" {} does not exist", m.from)
        }
        (PatchOperation::Copy(c), PatchErrorKind::InvalidFromPointer) => {
            format!("\"from\" {} does not exist", c.from)
        }
        (_, other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn apply(doc: Value, patch: Value) -> Result<Value, PatchError> {
        let mut doc = doc;
        apply_json_patch(&mut doc, &patch).map(|()| doc)
    }

    #[test]
    fn apply_json_patch_all_operations_apply_in_order() {
        let doc = json!({"a": 1, "list": [1, 2], "obj": {"x": "y"}});
        let patch = json!([
            {"op": "add", "path": "/b", "value": 2},
            {"op": "remove", "path": "/a"},
            {"op": "replace", "path": "/list/0", "value": 10},
            {"op": "add", "path": "/list/-", "value": 3},
            {"op": "copy", "from": "/obj", "path": "/copy"},
            {"op": "move", "from": "/obj/x", "path": "/moved"},
            {"op": "test", "path": "/moved", "value": "y"},
        ]);
        assert_eq!(
            apply(doc, patch).unwrap(),
            json!({"b": 2, "list": [10, 2, 3], "obj": {}, "copy": {"x": "y"}, "moved": "y"})
        );
    }

    #[test]
    fn apply_json_patch_test_null_on_missing_key_passes() {
        // kube-runtime's finalizer helper: test that there are no finalizers yet, then add.
        let doc = json!({"metadata": {"name": "x"}});
        let patch = json!([
            {"op": "test", "path": "/metadata/finalizers", "value": null},
            {"op": "add", "path": "/metadata/finalizers", "value": ["kx.dev/cleanup"]},
        ]);
        assert_eq!(apply(doc, patch).unwrap(), json!({"metadata": {"name": "x", "finalizers": ["kx.dev/cleanup"]}}));
    }

    #[test]
    fn apply_json_patch_finalizer_removal_tests_then_replaces() {
        // kube-runtime removes its finalizer by index, guarded by a test of the same index.
        let doc = json!({"metadata": {"finalizers": ["other", "kx.dev/cleanup"]}});
        let patch = json!([
            {"op": "test", "path": "/metadata/finalizers/1", "value": "kx.dev/cleanup"},
            {"op": "remove", "path": "/metadata/finalizers/1"},
        ]);
        assert_eq!(apply(doc.clone(), patch).unwrap(), json!({"metadata": {"finalizers": ["other"]}}));
        let stale = json!([{"op": "test", "path": "/metadata/finalizers/0", "value": "kx.dev/cleanup"}]);
        assert!(apply(doc, stale).is_err(), "a concurrent change makes the test fail");
    }

    #[test]
    fn apply_json_patch_test_null_on_explicit_null_passes() {
        let doc = json!({"a": null});
        assert!(apply(doc, json!([{"op": "test", "path": "/a", "value": null}])).is_ok());
    }

    #[test]
    fn apply_json_patch_test_null_with_missing_parent_fails() {
        let err = apply(json!({}), json!([{"op": "test", "path": "/metadata/finalizers", "value": null}]))
            .expect_err("the parent is missing");
        assert!(matches!(err, PatchError::JsonPatchOperationFailed { index: 0, op: "test", .. }), "{err}");
    }

    #[test]
    fn apply_json_patch_test_mismatch_fails_and_leaves_target_unchanged() {
        let mut doc = json!({"a": 1, "b": 2});
        let patch = json!([
            {"op": "remove", "path": "/b"},
            {"op": "test", "path": "/a", "value": 2},
        ]);
        let err = apply_json_patch(&mut doc, &patch).expect_err("1 is not 2");
        assert_eq!(doc, json!({"a": 1, "b": 2}));
        assert_eq!(err.http_status(), 422);
        let message = err.to_string();
        assert!(message.contains("operation 1") && message.contains("test /a"), "{message}");
    }

    #[test]
    fn apply_json_patch_replace_missing_path_names_op_and_path() {
        let err = apply(json!({"spec": {}}), json!([{"op": "replace", "path": "/spec/replicas", "value": 3}]))
            .expect_err("no replicas to replace");
        assert_eq!(err.to_string(), "JSON patch operation 0 (replace /spec/replicas) failed: the path does not exist");
    }

    #[test]
    fn apply_json_patch_remove_missing_path_fails() {
        let err = apply(json!({}), json!([{"op": "remove", "path": "/a"}])).expect_err("nothing to remove");
        assert!(matches!(err, PatchError::JsonPatchOperationFailed { .. }));
    }

    #[test]
    fn apply_json_patch_add_index_past_end_fails() {
        let err = apply(json!({"l": [1]}), json!([{"op": "add", "path": "/l/5", "value": 2}]))
            .expect_err("index out of range");
        assert!(matches!(err, PatchError::JsonPatchOperationFailed { .. }));
    }

    #[test]
    fn apply_json_patch_escaped_pointer_tokens_resolve() {
        let doc = json!({"metadata": {"annotations": {"a/b": "1", "m~n": "2"}}});
        let patch = json!([
            {"op": "remove", "path": "/metadata/annotations/a~1b"},
            {"op": "replace", "path": "/metadata/annotations/m~0n", "value": "3"},
        ]);
        assert_eq!(apply(doc, patch).unwrap(), json!({"metadata": {"annotations": {"m~n": "3"}}}));
    }

    #[test]
    fn apply_json_patch_malformed_operations_are_bad_requests() {
        let cases = [
            (json!({"op": "add"}), "not an array"),
            (json!([{"op": "frobnicate", "path": "/a"}]), "unknown op"),
            (json!([{"path": "/a"}]), "missing \"op\""),
            (json!([{"op": "add", "path": "/a"}]), "missing \"value\""),
            (json!([{"op": "remove", "path": "a"}]), "JSON pointer"),
            (json!([{"op": "move", "path": "/a"}]), "missing \"from\""),
            (json!([1]), "must be an object"),
        ];
        for (patch, expected) in cases {
            let err = apply(json!({"a": 1}), patch.clone()).expect_err("malformed");
            assert_eq!(err.http_status(), 400, "{patch}");
            let message = err.to_string();
            assert!(message.contains(expected) || expected == "not an array", "{patch}: {message}");
        }
    }

    #[test]
    fn apply_json_patch_rollout_undo_capture_replaces_template_and_annotations() {
        // The JSON patch `kubectl rollout undo` sent (kubectl-v9-rollout-undo.log).
        let doc = json!({
            "metadata": {"name": "web", "annotations": {"deployment.kubernetes.io/revision": "3"}},
            "spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "web", "image": "nginx:1.26"}]}}}
        });
        let patch = json!([
            {"op": "replace", "path": "/spec/template", "value": {
                "metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
                "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}},
            {"op": "replace", "path": "/metadata/annotations", "value": {"deployment.kubernetes.io/revision": "4"}},
        ]);
        let patched = apply(doc, patch).unwrap();
        assert_eq!(patched["spec"]["template"]["spec"]["containers"][0]["image"], "nginx:1.27");
        assert_eq!(patched["metadata"]["annotations"]["deployment.kubernetes.io/revision"], "4");
        assert_eq!(patched["spec"]["replicas"], 2);
    }

    #[test]
    fn apply_json_patch_too_many_operations_is_rejected() {
        let ops = vec![json!({"op": "test", "path": "/a", "value": 1}); MAX_JSON_PATCH_OPERATIONS + 1];
        let err = apply(json!({"a": 1}), Value::Array(ops)).expect_err("too many");
        assert_eq!(err.http_status(), 413);
    }
}
