//! JSON merge patch (RFC 7386, `application/merge-patch+json`) as Kubernetes applies and
//! computes it (evanphx/json-patch, apimachinery `jsonmergepatch`): the format for custom
//! resources, which have no strategic merge patch schema.

use serde_json::{Map, Value};

use super::{PatchError, json_equal, json_type};

/// Applies an RFC 7386 merge patch: `null` deletes a key, objects merge key by key, anything
/// else (lists included) replaces. A patch that is not an object replaces the whole target.
/// As in evanphx/json-patch, nulls inside a value that lands where the target had nothing
/// are dropped rather than stored.
pub fn apply_merge_patch(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(doc) = target {
        merge_objects(doc, patch);
    }
}

fn merge_objects(doc: &mut Map<String, Value>, patch: &Map<String, Value>) {
    for (key, value) in patch {
        if value.is_null() {
            doc.remove(key);
            continue;
        }
        match doc.get_mut(key) {
            Some(current) if !current.is_null() => merge_value(current, value),
            _ => {
                let mut value = value.clone();
                prune_nulls(&mut value);
                doc.insert(key.clone(), value);
            }
        }
    }
}

fn merge_value(current: &mut Value, patch: &Value) {
    match (current, patch) {
        (Value::Object(doc), Value::Object(patch)) => merge_objects(doc, patch),
        (current @ Value::Object(_), patch) => *current = patch.clone(),
        (current, patch) => {
            let mut patch = patch.clone();
            prune_nulls(&mut patch);
            *current = patch;
        }
    }
}

/// Removes null members of objects, at any depth; null list elements stay (evanphx's
/// `pruneNulls`).
fn prune_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(prune_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(prune_nulls),
        _ => {}
    }
}

/// The merge patch that turns `original` into `modified`: changed and added keys with their
/// new values, removed keys as `null`, changed lists whole. `{}` when nothing changed.
pub fn create_merge_patch(original: &Value, modified: &Value) -> Value {
    match (original, modified) {
        (Value::Object(original), Value::Object(modified)) => Value::Object(diff_objects(original, modified)),
        (_, modified) => modified.clone(),
    }
}

fn diff_objects(original: &Map<String, Value>, modified: &Map<String, Value>) -> Map<String, Value> {
    let mut patch = Map::new();
    for (key, new) in modified {
        match (original.get(key), new) {
            (None, _) => {
                patch.insert(key.clone(), new.clone());
            }
            (Some(Value::Object(old)), Value::Object(new)) => {
                let nested = diff_objects(old, new);
                if !nested.is_empty() {
                    patch.insert(key.clone(), Value::Object(nested));
                }
            }
            (Some(old), new) => {
                if !json_equal(old, new) {
                    patch.insert(key.clone(), new.clone());
                }
            }
        }
    }
    for key in original.keys() {
        if !modified.contains_key(key) {
            patch.insert(key.clone(), Value::Null);
        }
    }
    patch
}

/// The patch `kubectl apply` sends for kinds without a strategic merge patch schema
/// (apimachinery `CreateThreeWayJSONMergePatch`): additions and changes from `current` to
/// `modified`, plus deletions of what `original` (the last-applied configuration) had and
/// `modified` dropped. Fields set only on the server are left alone.
pub fn create_three_way_json_merge_patch(
    original: Option<&Value>,
    modified: &Value,
    current: &Value,
) -> Result<Value, PatchError> {
    let empty = Value::Object(Map::new());
    let original = object(original.unwrap_or(&empty), "last-applied configuration")?;
    let modified = object(modified, "modified configuration")?;
    let current = object(current, "live object")?;

    let additions_and_changes = keep_or_drop_nulls(&diff_objects(current, modified), false);
    let deletions = keep_or_drop_nulls(&diff_objects(original, modified), true);

    let additions_and_changes = Value::Object(additions_and_changes);
    let deletions = Value::Object(deletions);
    if has_conflicts(&additions_and_changes, &deletions) {
        return Err(PatchError::Conflict { patch: additions_and_changes, changed: deletions });
    }
    let mut patch = deletions;
    apply_merge_patch(&mut patch, &additions_and_changes);
    Ok(patch)
}

fn object<'a>(value: &'a Value, what: &'static str) -> Result<&'a Map<String, Value>, PatchError> {
    value.as_object().ok_or(PatchError::NotAnObject { what, found: json_type(value) })
}

/// Keeps only the deletions (`keep_nulls`) or only everything else of a merge patch. An
/// explicitly empty object counts as a value, not as an empty patch.
fn keep_or_drop_nulls(patch: &Map<String, Value>, keep_nulls: bool) -> Map<String, Value> {
    let mut kept = Map::new();
    for (key, value) in patch {
        match value {
            Value::Null if keep_nulls => {
                kept.insert(key.clone(), Value::Null);
            }
            Value::Null => {}
            Value::Object(map) if map.is_empty() => {
                if !keep_nulls {
                    kept.insert(key.clone(), value.clone());
                }
            }
            Value::Object(map) => {
                let nested = keep_or_drop_nulls(map, keep_nulls);
                if !nested.is_empty() {
                    kept.insert(key.clone(), Value::Object(nested));
                }
            }
            _ => {
                if !keep_nulls {
                    kept.insert(key.clone(), value.clone());
                }
            }
        }
    }
    kept
}

/// Whether two patches touch a key differently (apimachinery `mergepatch.HasConflicts`).
pub(super) fn has_conflicts(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Object(left), Value::Object(right)) => {
            left.iter().any(|(key, l)| right.get(key).is_some_and(|r| has_conflicts(l, r)))
        }
        (Value::Object(_), _) => true,
        (Value::Array(left), Value::Array(right)) => {
            left.len() != right.len() || left.iter().zip(right).any(|(l, r)| has_conflicts(l, r))
        }
        (Value::Array(_), _) => true,
        (left, right) => !json_equal(left, right),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn merged(doc: Value, patch: Value) -> Value {
        let mut doc = doc;
        apply_merge_patch(&mut doc, &patch);
        doc
    }

    /// The examples of RFC 7386 appendix A.
    #[test]
    fn apply_merge_patch_rfc7386_examples_hold() {
        let cases = [
            (json!({"a": "b"}), json!({"a": "c"}), json!({"a": "c"})),
            (json!({"a": "b"}), json!({"b": "c"}), json!({"a": "b", "b": "c"})),
            (json!({"a": "b"}), json!({"a": null}), json!({})),
            (json!({"a": "b", "b": "c"}), json!({"a": null}), json!({"b": "c"})),
            (json!({"a": ["b"]}), json!({"a": "c"}), json!({"a": "c"})),
            (json!({"a": "c"}), json!({"a": ["b"]}), json!({"a": ["b"]})),
            (json!({"a": {"b": "c"}}), json!({"a": {"b": "d", "c": null}}), json!({"a": {"b": "d"}})),
            (json!({"a": [{"b": "c"}]}), json!({"a": [1]}), json!({"a": [1]})),
            (json!(["a", "b"]), json!(["c", "d"]), json!(["c", "d"])),
            (json!({"a": "b"}), json!(["c"]), json!(["c"])),
            (json!({"e": null}), json!({"a": 1}), json!({"e": null, "a": 1})),
            (json!([1, 2]), json!({"a": "b", "c": null}), json!({"a": "b"})),
            (json!({}), json!({"a": {"bb": {"ccc": null}}}), json!({"a": {"bb": {}}})),
        ];
        for (doc, patch, expected) in cases {
            assert_eq!(merged(doc.clone(), patch.clone()), expected, "{doc} + {patch}");
        }
    }

    #[test]
    fn apply_merge_patch_labels_merge_and_delete() {
        let doc = json!({"metadata": {"labels": {"app": "web", "tier": "fe"}}, "spec": {"replicas": 1}});
        let patch = json!({"metadata": {"labels": {"tier": null, "env": "prod"}}, "spec": {"replicas": 3}});
        assert_eq!(
            merged(doc, patch),
            json!({"metadata": {"labels": {"app": "web", "env": "prod"}}, "spec": {"replicas": 3}})
        );
    }

    #[test]
    fn create_merge_patch_applied_to_original_yields_modified() {
        let original = json!({"a": 1, "b": {"c": [1, 2], "d": "x"}, "gone": true});
        let modified = json!({"a": 1, "b": {"c": [1, 2, 3], "e": null}, "new": {"k": "v"}});
        let patch = create_merge_patch(&original, &modified);
        assert_eq!(patch, json!({"b": {"c": [1, 2, 3], "d": null, "e": null}, "gone": null, "new": {"k": "v"}}));
    }

    #[test]
    fn create_merge_patch_no_change_is_empty() {
        let doc = json!({"a": {"b": [1, {"c": 2}]}, "n": 1});
        assert_eq!(create_merge_patch(&doc, &json!({"a": {"b": [1, {"c": 2}]}, "n": 1.0})), json!({}));
    }

    #[test]
    fn create_three_way_json_merge_patch_deletes_only_what_was_applied() {
        let last_applied = json!({"spec": {"a": 1, "b": 2}});
        let modified = json!({"spec": {"a": 1}});
        let current = json!({"spec": {"a": 1, "b": 2, "serverSide": 3}});
        let patch = create_three_way_json_merge_patch(Some(&last_applied), &modified, &current).unwrap();
        assert_eq!(patch, json!({"spec": {"b": null}}));
    }

    #[test]
    fn create_three_way_json_merge_patch_changes_and_additions_come_from_current() {
        let last_applied = json!({"spec": {"replicas": 1, "list": [1]}});
        let modified = json!({"spec": {"replicas": 2, "list": [1], "new": {}}});
        let current = json!({"spec": {"replicas": 1, "list": [1, 2]}});
        let patch = create_three_way_json_merge_patch(Some(&last_applied), &modified, &current).unwrap();
        assert_eq!(patch, json!({"spec": {"replicas": 2, "list": [1], "new": {}}}));
    }

    #[test]
    fn create_three_way_json_merge_patch_without_last_applied_never_deletes() {
        let modified = json!({"metadata": {"labels": {"a": "1"}}});
        let current = json!({"metadata": {"labels": {"a": "1", "b": "2"}}});
        assert_eq!(create_three_way_json_merge_patch(None, &modified, &current).unwrap(), json!({}));
    }

    #[test]
    fn create_three_way_json_merge_patch_type_change_against_deletion_conflicts() {
        let last_applied = json!({"a": {"b": 1}});
        let modified = json!({"a": "scalar"});
        let current = json!({"a": {"b": 1}});
        let result = create_three_way_json_merge_patch(Some(&last_applied), &modified, &current);
        // The deletion patch is `{"a": "scalar"}`-free: a changed type is not a deletion.
        assert_eq!(result.unwrap(), json!({"a": "scalar"}));
    }

    #[test]
    fn has_conflicts_differing_scalars_and_shapes_conflict() {
        assert!(has_conflicts(&json!({"a": 1}), &json!({"a": 2})));
        assert!(!has_conflicts(&json!({"a": 1}), &json!({"b": 2})));
        assert!(has_conflicts(&json!({"a": {"x": 1}}), &json!({"a": null})));
        assert!(has_conflicts(&json!({"a": [1]}), &json!({"a": [1, 2]})));
        assert!(!has_conflicts(&json!({"a": [1]}), &json!({"a": [1]})));
    }
}
