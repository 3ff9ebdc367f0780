//! Strategic merge patch: applying one (the apiserver's side) and computing the two-way and
//! three-way patches `kubectl edit` and `kubectl apply` send (the client's side), following
//! apimachinery's `strategicpatch/patch.go` step by step so that kx and real clients agree
//! on every result, list order included.
//!
//! Directives understood, as Kubernetes spells them:
//! - `null` as a value deletes the key;
//! - `$patch: replace` (the map or list is replaced by the rest of the patch), `$patch: delete`
//!   (the map becomes empty; in a list element, the element with that merge key goes), and
//!   `$patch: merge`, the default made explicit (Kubernetes rejects it; it is accepted here);
//! - `$setElementOrder/<list>`: the order of the merged list; never stored;
//! - `$retainKeys`: keys of the live map not named are cleared (retainKeys fields only);
//! - `$deleteFromPrimitiveList/<list>`: values to remove from a set of scalars.
//!
//! Where Kubernetes would fail on fields its Go types do not have, this implementation treats
//! them as untagged (maps merge, lists are replaced): the apiserver's validation reports
//! unknown fields, not the patch. On the apiserver's side, values the patch adds where the
//! object had nothing are cleaned of nulls and directives before they are stored (Kubernetes
//! drops the nulls but stores stray directives verbatim).

use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::schema::{self, FieldMeta, Schema};
use super::{PatchError, json_equal, json_type};

#[cfg(test)]
mod tests;

const DIRECTIVE_MARKER: &str = "$patch";
const DELETE_DIRECTIVE: &str = "delete";
const REPLACE_DIRECTIVE: &str = "replace";
const MERGE_DIRECTIVE: &str = "merge";
const RETAIN_KEYS_DIRECTIVE: &str = "$retainKeys";
const DELETE_FROM_PRIMITIVE_LIST_PREFIX: &str = "$deleteFromPrimitiveList";
const SET_ELEMENT_ORDER_PREFIX: &str = "$setElementOrder";

type Object = Map<String, Value>;
type Result<T> = std::result::Result<T, PatchError>;

/// How patches are merged. The apiserver applies a patch to an object (`SERVER`); the
/// three-way diff merges two patches into one, keeping deletions and directives (`CLIENT`).
#[derive(Debug, Clone, Copy)]
struct MergeOptions {
    /// Apply `$deleteFromPrimitiveList` lists (rather than carry them along).
    merge_parallel_list: bool,
    /// Drop nulls that delete nothing (rather than keep them as deletions to send).
    ignore_unmatched_nulls: bool,
}

const SERVER: MergeOptions = MergeOptions { merge_parallel_list: true, ignore_unmatched_nulls: true };
const CLIENT: MergeOptions = MergeOptions { merge_parallel_list: false, ignore_unmatched_nulls: false };

#[derive(Debug, Clone, Copy, Default)]
struct DiffOptions {
    /// Emit `$setElementOrder` lists for merged lists whose content or order changed.
    set_element_order: bool,
    ignore_changes_and_additions: bool,
    ignore_deletions: bool,
    /// The map being diffed is a retainKeys field: emit `$retainKeys`.
    build_retain_keys_directive: bool,
}

// ---- public API ------------------------------------------------------------------------

/// Applies a strategic merge patch to an object of a built-in kind, as the apiserver does for
/// `application/strategic-merge-patch+json`. Custom resources have no schema: the error is
/// [`PatchError::NoSchema`] (the apiserver's 415).
pub fn apply_strategic_merge_patch(original: &Value, patch: &Value, group: &str, kind: &str) -> Result<Value> {
    apply_strategic_merge_patch_with_schema(original, patch, root(group, kind)?)
}

/// [`apply_strategic_merge_patch`] with an explicit schema.
pub fn apply_strategic_merge_patch_with_schema(original: &Value, patch: &Value, schema: Schema) -> Result<Value> {
    let original = object(original, "object to patch")?.clone();
    let patch = object(patch, "strategic merge patch")?.clone();
    merge_map(original, patch, schema, SERVER, "").map(Value::Object)
}

/// The patch that turns `original` into `modified` (what `kubectl edit` and `kubectl patch
/// --type strategic` compute). `{}` when nothing changed.
pub fn create_two_way_merge_patch(original: &Value, modified: &Value, group: &str, kind: &str) -> Result<Value> {
    create_two_way_merge_patch_with_schema(original, modified, root(group, kind)?)
}

/// [`create_two_way_merge_patch`] with an explicit schema.
pub fn create_two_way_merge_patch_with_schema(original: &Value, modified: &Value, schema: Schema) -> Result<Value> {
    let original = object(original, "original object")?;
    let modified = object(modified, "modified object")?;
    let options = DiffOptions { set_element_order: true, ..DiffOptions::default() };
    diff_maps(original, modified, schema, options, "").map(Value::Object)
}

/// The patch `kubectl apply` sends: the changes and additions from `current` (the live
/// object) to `modified` (the new manifest, last-applied annotation included), plus the
/// deletions of fields `original` (the previous last-applied configuration) had and
/// `modified` dropped, with `$setElementOrder` directives exactly as kubectl emits them.
/// Fields only the server or other actors set are kept. With `overwrite` false, changes that
/// conflict with what happened on the server since the last apply are an error.
pub fn create_three_way_merge_patch(
    original: Option<&Value>,
    modified: &Value,
    current: &Value,
    group: &str,
    kind: &str,
    overwrite: bool,
) -> Result<Value> {
    create_three_way_merge_patch_with_schema(original, modified, current, root(group, kind)?, overwrite)
}

/// [`create_three_way_merge_patch`] with an explicit schema.
pub fn create_three_way_merge_patch_with_schema(
    original: Option<&Value>,
    modified: &Value,
    current: &Value,
    schema: Schema,
    overwrite: bool,
) -> Result<Value> {
    let empty = Object::new();
    let original = match original {
        Some(original) => object(original, "last-applied configuration")?,
        None => &empty,
    };
    let modified = object(modified, "modified configuration")?;
    let current = object(current, "live object")?;

    // Additions and changes come from current → modified, deletions from original →
    // modified; merging the second into the first is strictly additive.
    let delta_options = DiffOptions { ignore_deletions: true, set_element_order: true, ..DiffOptions::default() };
    let delta = diff_maps(current, modified, schema, delta_options, "")?;
    let deletions_options =
        DiffOptions { ignore_changes_and_additions: true, set_element_order: true, ..DiffOptions::default() };
    let deletions = diff_maps(original, modified, schema, deletions_options, "")?;
    let patch = merge_map(deletions, delta, schema, CLIENT, "")?;

    if !overwrite {
        let changed = diff_maps(original, current, schema, DiffOptions::default(), "")?;
        if maps_have_conflicts(&patch, &changed, schema)? {
            return Err(PatchError::Conflict { patch: Value::Object(patch), changed: Value::Object(changed) });
        }
    }
    Ok(Value::Object(patch))
}

fn root(group: &str, kind: &str) -> Result<Schema> {
    schema::root(group, kind).ok_or_else(|| PatchError::NoSchema { group: group.to_owned(), kind: kind.to_owned() })
}

fn object<'a>(value: &'a Value, what: &'static str) -> Result<&'a Object> {
    value.as_object().ok_or(PatchError::NotAnObject { what, found: json_type(value) })
}

// ---- errors and paths ------------------------------------------------------------------

fn child(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") }
}

fn element(path: &str, merge_key: &str, value: &Value) -> String {
    format!("{path}[{merge_key}={}]", go_format(value))
}

fn shown(path: &str) -> String {
    if path.is_empty() { "the top level".to_owned() } else { path.to_owned() }
}

/// A patch Kubernetes rejects as malformed (400).
fn malformed(path: &str, reason: impl Into<String>) -> PatchError {
    PatchError::InvalidStrategicMergePatch { path: shown(path), reason: reason.into() }
}

/// A patch that does not fit the object (422).
fn unmergeable(path: &str, reason: impl Into<String>) -> PatchError {
    PatchError::StrategicMergeFailed { path: shown(path), reason: reason.into() }
}

fn no_merge_key(path: &str, element: &Value, merge_key: Option<&str>) -> PatchError {
    unmergeable(path, format!("map {element} does not contain declared merge key: {}", merge_key.unwrap_or("")))
}

// ---- values as Go sees them ------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

fn kind(value: &Value) -> Kind {
    match value {
        Value::Null => Kind::Null,
        Value::Bool(_) => Kind::Bool,
        Value::Number(_) => Kind::Number,
        Value::String(_) => Kind::String,
        Value::Array(_) => Kind::Array,
        Value::Object(_) => Kind::Object,
    }
}

/// The one element type of some lists (Go's `sliceElementType`): lists of lists and mixed
/// lists cannot be merged.
fn element_kind(lists: &[&[Value]], path: &str) -> Result<Kind> {
    let mut found: Option<Kind> = None;
    for value in lists.iter().flat_map(|list| list.iter()) {
        let this = kind(value);
        match found {
            None if this == Kind::Array => return Err(unmergeable(path, "lists of lists are not supported")),
            None => found = Some(this),
            Some(first) if first != this => {
                return Err(unmergeable(path, "the elements of the list are not all of the same type"));
            }
            Some(_) => {}
        }
    }
    found.ok_or_else(|| unmergeable(path, "no elements in any of the given lists"))
}

/// A scalar as Go's `fmt.Sprintf("%v")` prints it after apimachinery decoded it (integers as
/// int64, other numbers as float64): Kubernetes sorts and compares list elements by it.
fn go_format(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "<nil>".to_owned(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.to_string()
            } else if let Some(u) = n.as_u64() {
                u.to_string()
            } else {
                go_format_float(n.as_f64().unwrap_or_default())
            }
        }
        other => other.to_string(),
    }
}

/// Go's `%v` of a float64: the shortest representation, in exponent form when the exponent
/// is below -4 or at least 6.
fn go_format_float(f: f64) -> String {
    if f == 0.0 || !f.is_finite() {
        return format!("{f}");
    }
    let scientific = format!("{f:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((scientific.as_str(), "0"));
    let exponent: i32 = exponent.parse().unwrap_or_default();
    if (-4..6).contains(&exponent) {
        format!("{f}")
    } else {
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exponent.abs())
    }
}

fn sort_scalars(values: &mut [Value]) {
    values.sort_by_cached_key(go_format);
}

/// Go's `deduplicateScalars`, order quirks included: a duplicate is overwritten by the last
/// element, which shows in the order of `$deleteFromPrimitiveList` lists.
fn deduplicate_scalars(mut values: Vec<Value>) -> Vec<Value> {
    let mut i = 0;
    while i + 1 < values.len() {
        let mut j = i + 1;
        while j < values.len() {
            if json_equal(&values[i], &values[j]) {
                let last = values.len() - 1;
                values.swap(j, last);
                values.truncate(last);
            } else {
                j += 1;
            }
        }
        i += 1;
    }
    values
}

/// The list a `$setElementOrder/<list>` or `$deleteFromPrimitiveList/<list>` key is about.
fn extract_key(key: &str, prefix: &str, path: &str) -> Result<String> {
    match key.split_once('/') {
        Some((head, list)) if head == prefix => Ok(list.to_owned()),
        _ => Err(malformed(path, format!("invalid directive {key:?}: expected {prefix}/<list field>"))),
    }
}

// ---- applying ------------------------------------------------------------------------

/// Merges `patch` into `original` (apimachinery `mergeMap`).
fn merge_map(
    mut original: Object,
    mut patch: Object,
    schema: Schema,
    options: MergeOptions,
    path: &str,
) -> Result<Object> {
    if let Some(directive) = patch.get(DIRECTIVE_MARKER) {
        match directive.as_str() {
            Some(REPLACE_DIRECTIVE) => {
                patch.remove(DIRECTIVE_MARKER);
                if options.ignore_unmatched_nulls {
                    // Applying the rest to nothing processes its own directives and nulls.
                    return merge_map(Object::new(), patch, schema, options, path);
                }
                return Ok(patch);
            }
            Some(DELETE_DIRECTIVE) => return Ok(Object::new()),
            Some(MERGE_DIRECTIVE) => {
                patch.remove(DIRECTIVE_MARKER);
            }
            _ => return Err(malformed(path, format!("unknown patch type {directive} in map"))),
        }
    }

    apply_retain_keys_directive(&mut original, &mut patch, options, path)?;
    merge_patch_into_original(&mut original, &mut patch, schema, options, path)?;

    for (key, patch_value) in patch {
        let (key, is_delete_list) = if key.starts_with(DELETE_FROM_PRIMITIVE_LIST_PREFIX) {
            if !options.merge_parallel_list {
                original.insert(key, patch_value);
                continue;
            }
            (extract_key(&key, DELETE_FROM_PRIMITIVE_LIST_PREFIX, path)?, true)
        } else {
            (key, false)
        };

        if patch_value.is_null() {
            original.remove(&key);
            if options.ignore_unmatched_nulls {
                continue;
            }
        }

        let field_path = child(path, &key);
        let meta = schema.field(&key);
        let Some(current) = original.get_mut(&key) else {
            if !is_delete_list {
                let value = added_value(patch_value, meta, options, &field_path)?;
                original.insert(key, value);
            }
            continue;
        };
        if kind(current) != kind(&patch_value) {
            if !is_delete_list {
                *current = added_value(patch_value, meta, options, &field_path)?;
            }
            continue;
        }
        match (current, patch_value) {
            (Value::Object(current), Value::Object(patch_map)) => {
                *current = if meta.strategy.replace {
                    fresh_value(Value::Object(patch_map), meta, options, &field_path)?
                        .as_object()
                        .cloned()
                        .unwrap_or_default()
                } else {
                    merge_map(std::mem::take(current), patch_map, meta.schema, options, &field_path)?
                };
            }
            (Value::Array(current), Value::Array(patch_list)) => {
                *current = merge_slice_handler(
                    std::mem::take(current),
                    patch_list,
                    meta,
                    is_delete_list,
                    options,
                    &field_path,
                )?;
            }
            (current, patch_value) => *current = patch_value,
        }
    }
    Ok(original)
}

/// A patch value that lands where the object had nothing (or a value of another type).
fn added_value(value: Value, meta: FieldMeta, options: MergeOptions, path: &str) -> Result<Value> {
    if options.ignore_unmatched_nulls { fresh_value(value, meta, options, path) } else { Ok(value) }
}

/// A patch value applied to nothing, for storing: nulls dropped (Kubernetes'
/// `discardNullValuesFromPatch`) and directives carried out rather than stored.
fn fresh_value(value: Value, meta: FieldMeta, options: MergeOptions, path: &str) -> Result<Value> {
    match value {
        Value::Object(map) if meta.strategy.replace => {
            let mut value = Value::Object(map);
            discard_nulls(&mut value);
            Ok(value)
        }
        Value::Object(map) => merge_map(Object::new(), map, meta.schema, options, path).map(Value::Object),
        Value::Array(items) if meta.strategy.merge && items.iter().any(Value::is_object) => {
            let mut fresh = Vec::with_capacity(items.len());
            for item in items {
                let Value::Object(mut map) = item else {
                    fresh.push(item);
                    continue;
                };
                match map.get(DIRECTIVE_MARKER).and_then(Value::as_str) {
                    // Nothing to delete, and nothing to replace but this list.
                    Some(DELETE_DIRECTIVE | REPLACE_DIRECTIVE) => continue,
                    _ => {
                        map.remove(DIRECTIVE_MARKER);
                    }
                }
                let element_meta = FieldMeta { schema: meta.schema, ..FieldMeta::default() };
                fresh.push(fresh_value(Value::Object(map), element_meta, options, path)?);
            }
            Ok(Value::Array(fresh))
        }
        mut other => {
            discard_nulls(&mut other);
            Ok(other)
        }
    }
}

fn discard_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(discard_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(discard_nulls),
        _ => {}
    }
}

/// `$retainKeys`: clears the keys of `original` the directive does not name, after checking
/// that the patch sets nothing outside it. Between two patches (`CLIENT`) it is carried along.
fn apply_retain_keys_directive(
    original: &mut Object,
    patch: &mut Object,
    options: MergeOptions,
    path: &str,
) -> Result<()> {
    let Some(retain) = patch.remove(RETAIN_KEYS_DIRECTIVE) else {
        return Ok(());
    };
    if !options.merge_parallel_list {
        match original.get(RETAIN_KEYS_DIRECTIVE) {
            Some(existing) if !json_equal(existing, &retain) => {
                return Err(unmergeable(path, format!("{existing} and {retain} are not the same $retainKeys list")));
            }
            Some(_) => {}
            None => {
                original.insert(RETAIN_KEYS_DIRECTIVE.to_owned(), retain);
            }
        }
        return Ok(());
    }
    let Value::Array(keys) = &retain else {
        return Err(malformed(path, format!("$retainKeys must be a list of field names, not {}", json_type(&retain))));
    };
    let retained = |key: &str| keys.iter().any(|k| k.as_str() == Some(key));
    for (key, value) in patch.iter() {
        if value.is_null()
            || key.starts_with(DELETE_FROM_PRIMITIVE_LIST_PREFIX)
            || key.starts_with(SET_ELEMENT_ORDER_PREFIX)
        {
            continue;
        }
        if !retained(key) {
            return Err(unmergeable(
                path,
                format!("the patch sets {key:?}, which its $retainKeys list does not retain"),
            ));
        }
    }
    original.retain(|key, _| retained(key));
    Ok(())
}

/// `$setElementOrder/<list>`: merges the list it names and orders the result. Between two
/// patches (`CLIENT`) the directive is carried along, and must agree if both have it.
fn merge_patch_into_original(
    original: &mut Object,
    patch: &mut Object,
    schema: Schema,
    options: MergeOptions,
    path: &str,
) -> Result<()> {
    let order_keys: Vec<String> = patch.keys().filter(|k| k.starts_with(SET_ELEMENT_ORDER_PREFIX)).cloned().collect();
    for key in order_keys {
        let Some(order) = patch.remove(&key) else { continue };
        if !options.merge_parallel_list {
            match original.get(&key) {
                Some(existing) if !json_equal(existing, &order) => {
                    return Err(malformed(path, format!("the two {key} lists of a three-way patch differ")));
                }
                Some(_) => {}
                None => {
                    original.insert(key.clone(), order.clone());
                }
            }
        }
        let Value::Array(order) = order else {
            return Err(malformed(path, format!("{key} must be a list, not {}", json_type(&order))));
        };
        let list_key = extract_key(&key, SET_ELEMENT_ORDER_PREFIX, path)?;
        let list_path = child(path, &list_key);
        let original_list = match original.get(&list_key) {
            None => None,
            Some(Value::Array(list)) => Some(list.clone()),
            Some(other) => {
                return Err(unmergeable(
                    &list_path,
                    format!("{key} orders a list, but the object has {}", json_type(other)),
                ));
            }
        };
        let patch_list = match patch.get(&list_key) {
            None => None,
            Some(Value::Array(list)) => Some(list.clone()),
            Some(other) => {
                return Err(malformed(
                    &list_path,
                    format!("{key} orders a list, but the patch has {}", json_type(other)),
                ));
            }
        };
        let meta = schema.field(&list_key);
        let merge_key = meta.merge_key;
        validate_patch_with_set_order_list(patch_list.as_deref().unwrap_or_default(), &order, merge_key, &list_path)?;

        let merged = match (&original_list, &patch_list) {
            (Some(original_list), None) => original_list.clone(),
            (None, Some(patch_list)) => match added_value(Value::Array(patch_list.clone()), meta, options, &list_path)?
            {
                Value::Array(list) => list,
                _ => patch_list.clone(),
            },
            (Some(original_list), Some(patch_list)) => {
                merge_slice_handler(original_list.clone(), patch_list.clone(), meta, false, options, &list_path)?
            }
            (None, None) => continue,
        };

        let (patch_items, server_only) = match merge_key {
            None => partition_primitives(merged, &order),
            Some(merge_key) => partition_maps(merged, &order, merge_key, &list_path)?,
        };
        let original_list = original_list.unwrap_or_default();
        let element = element_kind(&[&original_list, patch_list.as_deref().unwrap_or_default()], &list_path)?;
        let ordered =
            normalize_element_order(patch_items, server_only, &order, &original_list, merge_key, element, &list_path)?;
        original.insert(list_key.clone(), Value::Array(ordered));
        patch.remove(&list_key);
    }
    Ok(())
}

/// Checks that the patch list's elements appear in its `$setElementOrder` list, in the same
/// relative order (deletions aside).
fn validate_patch_with_set_order_list(
    patch_list: &[Value],
    order: &[Value],
    merge_key: Option<&str>,
    path: &str,
) -> Result<()> {
    if order.is_empty() || patch_list.is_empty() {
        return Ok(());
    }
    let mut kept = Vec::with_capacity(patch_list.len());
    for item in patch_list {
        if merge_key.is_some() {
            let Value::Object(map) = item else {
                return Err(unmergeable(path, format!("list element {item} is not a map")));
            };
            if map.get(DIRECTIVE_MARKER).and_then(Value::as_str) == Some(DELETE_DIRECTIVE) {
                continue;
            }
        }
        kept.push(item);
    }
    let (mut p, mut o) = (0, 0);
    while p < kept.len() && o < order.len() {
        if is_directive_element(kept[p]) {
            p += 1;
            continue;
        }
        if merge_key_value_equal(kept[p], &order[o], merge_key, path)? {
            p += 1;
        }
        o += 1;
    }
    if p < kept.len() && o >= order.len() {
        return Err(malformed(
            path,
            format!(
                "the order in patch list {} doesn't match $setElementOrder list {}",
                Value::Array(patch_list.to_vec()),
                Value::Array(order.to_vec())
            ),
        ));
    }
    Ok(())
}

fn is_directive_element(item: &Value) -> bool {
    item.as_object().is_some_and(|map| map.contains_key(DIRECTIVE_MARKER))
}

fn merge_key_value_equal(left: &Value, right: &Value, merge_key: Option<&str>, path: &str) -> Result<bool> {
    let Some(key) = merge_key else {
        return Ok(json_equal(left, right));
    };
    let value = |item: &Value| -> Result<Value> {
        let map = item.as_object().ok_or_else(|| unmergeable(path, format!("list element {item} is not a map")))?;
        map.get(key).cloned().ok_or_else(|| no_merge_key(path, item, merge_key))
    };
    Ok(json_equal(&value(left)?, &value(right)?))
}

fn merge_slice_handler(
    original: Vec<Value>,
    patch: Vec<Value>,
    meta: FieldMeta,
    is_delete_list: bool,
    options: MergeOptions,
    path: &str,
) -> Result<Vec<Value>> {
    // A `$deleteFromPrimitiveList` list deletes whatever the field's strategy.
    if meta.strategy.merge || is_delete_list {
        return merge_slice(original, patch, meta, options, is_delete_list, path);
    }
    let mut patch = Value::Array(patch);
    if options.ignore_unmatched_nulls {
        discard_nulls(&mut patch);
    }
    match patch {
        Value::Array(list) => Ok(list),
        _ => Ok(Vec::new()),
    }
}

/// Merges two lists with the merge strategy (apimachinery `mergeSlice`): scalars as sets,
/// maps element by element on the merge key, then ordered: patch elements in patch order,
/// elements only the object has where they were relative to them.
fn merge_slice(
    original: Vec<Value>,
    patch: Vec<Value>,
    meta: FieldMeta,
    options: MergeOptions,
    is_delete_list: bool,
    path: &str,
) -> Result<Vec<Value>> {
    if original.is_empty() && patch.is_empty() {
        return Ok(original);
    }
    let element = element_kind(&[&original, &patch], path)?;
    let merge_key = meta.merge_key;

    let (original, patch, merged) = if element != Kind::Object {
        if options.merge_parallel_list && is_delete_list {
            return Ok(original.into_iter().filter(|v| !patch.iter().any(|d| json_equal(v, d))).collect());
        }
        let merged = deduplicate_scalars(original.iter().chain(&patch).cloned().collect());
        (original, patch, merged)
    } else {
        let Some(key) = merge_key else {
            return Err(unmergeable(path, "cannot merge lists of maps without a merge key"));
        };
        let (original, patch) = merge_slice_with_special_elements(original, patch, key, meta.schema, options, path)?;
        let merged = merge_slice_without_special_elements(original.clone(), &patch, key, meta.schema, options, path)?;
        (original, patch, merged)
    };

    let (patch_items, server_only) = match merge_key {
        None => partition_primitives(merged, &patch),
        Some(key) => partition_maps(merged, &patch, key, path)?,
    };
    normalize_element_order(patch_items, server_only, &patch, &original, merge_key, element, path)
}

/// Carries out the `$patch` elements of a list patch: `delete` removes matching elements from
/// the original, `replace` makes the rest of the patch the whole list.
fn merge_slice_with_special_elements(
    mut original: Vec<Value>,
    patch: Vec<Value>,
    merge_key: &str,
    schema: Schema,
    options: MergeOptions,
    path: &str,
) -> Result<(Vec<Value>, Vec<Value>)> {
    let mut plain = Vec::with_capacity(patch.len());
    let mut replace = false;
    for item in patch {
        let Value::Object(mut map) = item else {
            return Err(unmergeable(path, format!("list element {item} is not a map")));
        };
        let Some(directive) = map.get(DIRECTIVE_MARKER) else {
            plain.push(Value::Object(map));
            continue;
        };
        match directive.as_str() {
            Some(DELETE_DIRECTIVE) => {
                let Some(value) = map.get(merge_key) else {
                    return Err(no_merge_key(path, &Value::Object(map), Some(merge_key)));
                };
                for candidate in &original {
                    if !candidate.is_object() {
                        return Err(unmergeable(path, format!("list element {candidate} is not a map")));
                    }
                }
                original.retain(|candidate| !candidate.get(merge_key).is_some_and(|v| json_equal(v, value)));
            }
            Some(REPLACE_DIRECTIVE) => replace = true,
            Some(MERGE_DIRECTIVE) => {
                map.remove(DIRECTIVE_MARKER);
                plain.push(Value::Object(map));
            }
            _ => return Err(malformed(path, format!("unknown patch type {directive} in list element"))),
        }
    }
    if replace {
        let replacement = if options.ignore_unmatched_nulls {
            let meta = FieldMeta { schema, ..FieldMeta::default() };
            plain.into_iter().map(|item| fresh_value(item, meta, options, path)).collect::<Result<_>>()?
        } else {
            plain
        };
        return Ok((replacement, Vec::new()));
    }
    Ok((original, plain))
}

fn merge_slice_without_special_elements(
    mut original: Vec<Value>,
    patch: &[Value],
    merge_key: &str,
    schema: Schema,
    options: MergeOptions,
    path: &str,
) -> Result<Vec<Value>> {
    for item in patch {
        let Value::Object(map) = item else {
            return Err(unmergeable(path, format!("list element {item} is not a map")));
        };
        let Some(value) = map.get(merge_key) else {
            return Err(no_merge_key(path, item, Some(merge_key)));
        };
        let element_path = element(path, merge_key, value);
        match find_map(&original, merge_key, value, path)? {
            Some(index) => {
                let current = match std::mem::take(&mut original[index]) {
                    Value::Object(current) => current,
                    _ => Object::new(),
                };
                original[index] = Value::Object(merge_map(current, map.clone(), schema, options, &element_path)?);
            }
            None => {
                let meta = FieldMeta { schema, ..FieldMeta::default() };
                original.push(added_value(item.clone(), meta, options, &element_path)?);
            }
        }
    }
    Ok(original)
}

/// The index of the first map whose merge key has `value`.
fn find_map(list: &[Value], merge_key: &str, value: &Value, path: &str) -> Result<Option<usize>> {
    for (index, item) in list.iter().enumerate() {
        let Value::Object(map) = item else {
            return Err(unmergeable(path, format!("list element {index} is not a map")));
        };
        if map.get(merge_key).is_some_and(|v| json_equal(v, value)) {
            return Ok(Some(index));
        }
    }
    Ok(None)
}

/// Splits `merged` into the elements present in `by` and the others.
fn partition_primitives(merged: Vec<Value>, by: &[Value]) -> (Vec<Value>, Vec<Value>) {
    merged.into_iter().partition(|v| by.iter().any(|b| json_equal(v, b)))
}

fn partition_maps(merged: Vec<Value>, by: &[Value], merge_key: &str, path: &str) -> Result<(Vec<Value>, Vec<Value>)> {
    let mut inside = Vec::with_capacity(merged.len());
    let mut outside = Vec::new();
    for item in merged {
        let value = match &item {
            Value::Object(map) => map.get(merge_key).ok_or_else(|| no_merge_key(path, &item, Some(merge_key)))?,
            other => return Err(unmergeable(path, format!("list element {other} is not a map"))),
        };
        if find_map(by, merge_key, value, path)?.is_some() {
            inside.push(item);
        } else {
            outside.push(item);
        }
    }
    Ok((inside, outside))
}

/// Orders the merged list: `patch` elements by `patch_order`, `server_only` elements by
/// `server_order`, then interleaved (apimachinery `normalizeElementOrder`).
fn normalize_element_order(
    patch: Vec<Value>,
    server_only: Vec<Value>,
    patch_order: &[Value],
    server_order: &[Value],
    merge_key: Option<&str>,
    element: Kind,
    path: &str,
) -> Result<Vec<Value>> {
    let patch = normalize_slice_order(patch, patch_order, merge_key, element, path)?;
    let server_only = normalize_slice_order(server_only, server_order, merge_key, element, path)?;
    Ok(merge_sorted_slice(server_only, patch, server_order, merge_key, element))
}

/// Sorts `to_sort` by position in `order`; elements that delete themselves go last.
fn normalize_slice_order(
    to_sort: Vec<Value>,
    order: &[Value],
    merge_key: Option<&str>,
    element: Kind,
    path: &str,
) -> Result<Vec<Value>> {
    let (mut to_sort, to_delete) = if element == Kind::Object {
        for item in to_sort.iter().chain(order) {
            let Value::Object(map) = item else {
                return Err(unmergeable(path, format!("list element {item} is not a map")));
            };
            if !merge_key.is_some_and(|key| map.contains_key(key)) {
                return Err(no_merge_key(path, item, merge_key));
            }
        }
        to_sort
            .into_iter()
            .partition::<Vec<_>, _>(|item| item.get(DIRECTIVE_MARKER).and_then(Value::as_str) != Some(DELETE_DIRECTIVE))
    } else {
        (to_sort, Vec::new())
    };
    // Elements missing from `order` cannot occur for lists merged here; Go's comparator is
    // undefined for them, and they are kept after the others.
    to_sort.sort_by_key(|item| index_of(order, item, merge_key, element).unwrap_or(usize::MAX));
    to_sort.extend(to_delete);
    Ok(to_sort)
}

/// Interleaves two sorted lists (apimachinery `mergeSortedSlice`): an element of `left` goes
/// before the next of `right` only if `server_order` has both and puts it first.
fn merge_sorted_slice(
    left: Vec<Value>,
    right: Vec<Value>,
    server_order: &[Value],
    merge_key: Option<&str>,
    element: Kind,
) -> Vec<Value> {
    let mut merged = Vec::with_capacity(left.len() + right.len());
    let mut left = left.into_iter().peekable();
    let mut right = right.into_iter().peekable();
    loop {
        let take_left = match (left.peek(), right.peek()) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some(l), Some(r)) => {
                match (index_of(server_order, l, merge_key, element), index_of(server_order, r, merge_key, element)) {
                    (Some(li), Some(ri)) => li < ri,
                    _ => false,
                }
            }
        };
        let next = if take_left { left.next() } else { right.next() };
        merged.extend(next);
    }
    merged
}

/// The position of `item` in `list`: by merge key value for maps, by value otherwise.
fn index_of(list: &[Value], item: &Value, merge_key: Option<&str>, element: Kind) -> Option<usize> {
    if element == Kind::Object {
        let key_of = |v: &Value| merge_key.and_then(|key| v.as_object().and_then(|m| m.get(key)).cloned());
        let wanted = key_of(item);
        list.iter().position(|candidate| match (&wanted, key_of(candidate)) {
            (Some(w), Some(c)) => json_equal(w, &c),
            (None, None) => true,
            _ => false,
        })
    } else {
        list.iter().position(|candidate| json_equal(candidate, item))
    }
}

// ---- diffing -------------------------------------------------------------------------

/// The patch from `original` to `modified` (apimachinery `diffMaps`).
fn diff_maps(original: &Object, modified: &Object, schema: Schema, options: DiffOptions, path: &str) -> Result<Object> {
    let mut patch = Object::new();
    let mut retain_keys = Vec::new();

    for (key, modified_value) in modified {
        if options.build_retain_keys_directive && !modified_value.is_null() {
            retain_keys.push(Value::String(key.clone()));
        }
        let Some(original_value) = original.get(key) else {
            if !options.ignore_changes_and_additions {
                patch.insert(key.clone(), modified_value.clone());
            }
            continue;
        };
        if key == DIRECTIVE_MARKER {
            let (Some(before), Some(after)) = (original_value.as_str(), modified_value.as_str()) else {
                return Err(malformed(path, "invalid value for special key: $patch"));
            };
            if before != after {
                patch.insert(key.clone(), modified_value.clone());
            }
            continue;
        }
        if kind(original_value) != kind(modified_value) {
            if !options.ignore_changes_and_additions {
                patch.insert(key.clone(), modified_value.clone());
            }
            continue;
        }
        match (original_value, modified_value) {
            (Value::Object(before), Value::Object(after)) => {
                handle_map_diff(key, before, after, &mut patch, schema, options, path)?;
            }
            (Value::Array(before), Value::Array(after)) => {
                handle_slice_diff(key, before, after, &mut patch, schema, options, path)?;
            }
            (before, after) => replace_if_not_equal(key, before, after, &mut patch, options),
        }
    }

    if !options.ignore_deletions {
        for key in original.keys() {
            if !modified.contains_key(key) {
                patch.insert(key.clone(), Value::Null);
            }
        }
    }

    // $retainKeys goes along when there is a change, or a field to clear.
    let clears_a_field = original.iter().any(|(key, value)| !value.is_null() && !modified.contains_key(key));
    if !retain_keys.is_empty() && (!patch.is_empty() || clears_a_field) {
        sort_scalars(&mut retain_keys);
        patch.insert(RETAIN_KEYS_DIRECTIVE.to_owned(), Value::Array(retain_keys));
    }
    Ok(patch)
}

fn replace_if_not_equal(key: &str, original: &Value, modified: &Value, patch: &mut Object, options: DiffOptions) {
    if !options.ignore_changes_and_additions && !json_equal(original, modified) {
        patch.insert(key.to_owned(), modified.clone());
    }
}

fn handle_map_diff(
    key: &str,
    original: &Object,
    modified: &Object,
    patch: &mut Object,
    schema: Schema,
    mut options: DiffOptions,
    path: &str,
) -> Result<()> {
    let meta = schema.field(key);
    options.build_retain_keys_directive = meta.strategy.retain_keys;
    if meta.strategy.replace {
        // Kubernetes sends a replace-strategy map whole, changed or not.
        if !options.ignore_changes_and_additions {
            patch.insert(key.to_owned(), Value::Object(modified.clone()));
        }
        return Ok(());
    }
    let nested = diff_maps(original, modified, meta.schema, options, &child(path, key))?;
    if !nested.is_empty() {
        patch.insert(key.to_owned(), Value::Object(nested));
    }
    Ok(())
}

fn handle_slice_diff(
    key: &str,
    original: &[Value],
    modified: &[Value],
    patch: &mut Object,
    schema: Schema,
    mut options: DiffOptions,
    path: &str,
) -> Result<()> {
    let meta = schema.field(key);
    if !meta.strategy.merge {
        replace_if_not_equal(key, &Value::Array(original.to_vec()), &Value::Array(modified.to_vec()), patch, options);
        return Ok(());
    }
    options.build_retain_keys_directive = meta.strategy.retain_keys;
    let (additions, deletions, order) = diff_lists(original, modified, meta, options, &child(path, key))?;
    if !additions.is_empty() {
        patch.insert(key.to_owned(), Value::Array(additions));
    }
    if !deletions.is_empty() {
        patch.insert(format!("{DELETE_FROM_PRIMITIVE_LIST_PREFIX}/{key}"), Value::Array(deletions));
    }
    if !order.is_empty() {
        patch.insert(format!("{SET_ELEMENT_ORDER_PREFIX}/{key}"), Value::Array(order));
    }
    Ok(())
}

/// Diffs two merge lists: the patch list, the parallel deletion list (scalars only; deleted
/// maps are `$patch: delete` elements of the patch list), and the `$setElementOrder` list.
fn diff_lists(
    original: &[Value],
    modified: &[Value],
    meta: FieldMeta,
    options: DiffOptions,
    path: &str,
) -> Result<(Vec<Value>, Vec<Value>, Vec<Value>)> {
    if original.is_empty() {
        if modified.is_empty() || options.ignore_changes_and_additions {
            return Ok(Default::default());
        }
        return Ok((modified.to_vec(), Vec::new(), Vec::new()));
    }
    let element = element_kind(&[original, modified], path)?;
    match element {
        Kind::Object => {
            let (patch_list, deletions) = diff_lists_of_maps(original, modified, meta, options, path)?;
            let mut patch_list = normalize_slice_order(patch_list, modified, meta.merge_key, element, path)?;
            let order_same = is_order_same(original, modified, meta.merge_key, path)?;
            patch_list.extend(deletions);
            let wanted = options.set_element_order
                && ((!options.ignore_changes_and_additions && (!patch_list.is_empty() || !order_same))
                    || (!options.ignore_deletions && !patch_list.is_empty()));
            let mut order = Vec::new();
            if wanted {
                let key = meta.merge_key.unwrap_or_default();
                for item in modified {
                    let value = item.get(key).cloned().unwrap_or(Value::Null);
                    order.push(Value::Object(Object::from_iter([(key.to_owned(), value)])));
                }
            }
            Ok((patch_list, Vec::new(), order))
        }
        Kind::Array => Err(unmergeable(path, "lists of lists are not supported")),
        _ => {
            let (additions, deletions) = diff_lists_of_scalars(original, modified, options);
            let additions = normalize_slice_order(additions, modified, meta.merge_key, element, path)?;
            // Go compares the original list after sorting it in place, so an unchanged but
            // unsorted set still gets a $setElementOrder list; kubectl does the same.
            let mut sorted_original = original.to_vec();
            sort_scalars(&mut sorted_original);
            let changed = sorted_original.len() != modified.len()
                || sorted_original.iter().zip(modified).any(|(o, m)| !json_equal(o, m));
            let wanted = options.set_element_order
                && ((!options.ignore_deletions && !deletions.is_empty())
                    || (!options.ignore_changes_and_additions && changed));
            let order = if wanted { modified.to_vec() } else { Vec::new() };
            Ok((additions, deletions, order))
        }
    }
}

fn is_order_same(original: &[Value], modified: &[Value], merge_key: Option<&str>, path: &str) -> Result<bool> {
    if original.len() != modified.len() {
        return Ok(false);
    }
    for (before, after) in original.iter().zip(modified) {
        if !merge_key_value_equal(before, after, merge_key, path)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Walks both sets in `%v` order: values only in `modified` are additions, values only in
/// `original` deletions.
fn diff_lists_of_scalars(original: &[Value], modified: &[Value], options: DiffOptions) -> (Vec<Value>, Vec<Value>) {
    let mut original = original.to_vec();
    let mut modified = modified.to_vec();
    sort_scalars(&mut original);
    sort_scalars(&mut modified);
    let (mut additions, mut deletions) = (Vec::new(), Vec::new());
    let (mut o, mut m) = (0, 0);
    while o < original.len() || m < modified.len() {
        let ordering = match (original.get(o), modified.get(m)) {
            (Some(before), Some(after)) => go_format(before).cmp(&go_format(after)),
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (None, None) => break,
        };
        match ordering {
            Ordering::Equal => {
                o += 1;
                m += 1;
            }
            Ordering::Greater => {
                if !options.ignore_changes_and_additions {
                    additions.push(modified[m].clone());
                }
                m += 1;
            }
            Ordering::Less => {
                if !options.ignore_deletions {
                    deletions.push(original[o].clone());
                }
                o += 1;
            }
        }
    }
    (additions, deduplicate_scalars(deletions))
}

/// Walks both lists in merge-key order: elements in both are diffed (the merge key kept in
/// the result), new ones added whole, removed ones become `$patch: delete` elements.
fn diff_lists_of_maps(
    original: &[Value],
    modified: &[Value],
    meta: FieldMeta,
    options: DiffOptions,
    path: &str,
) -> Result<(Vec<Value>, Vec<Value>)> {
    let merge_key = meta.merge_key;
    let keyed = |list: &[Value]| -> Result<Vec<(String, Value, Object)>> {
        let mut keyed = Vec::with_capacity(list.len());
        for item in list {
            let Value::Object(map) = item else {
                return Err(unmergeable(path, format!("list element {item} is not a map")));
            };
            let value = merge_key.and_then(|key| map.get(key)).ok_or_else(|| no_merge_key(path, item, merge_key))?;
            keyed.push((go_format(value), value.clone(), map.clone()));
        }
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(keyed)
    };
    let original = keyed(original)?;
    let modified = keyed(modified)?;
    let key = merge_key.unwrap_or_default();

    let (mut patch, mut deletions) = (Vec::new(), Vec::new());
    let (mut o, mut m) = (0, 0);
    loop {
        let ordering = match (original.get(o), modified.get(m)) {
            (Some(before), Some(after)) => before.0.cmp(&after.0),
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (None, None) => break,
        };
        match ordering {
            Ordering::Equal => {
                let (_, value, before) = &original[o];
                let (_, _, after) = &modified[m];
                let mut nested = diff_maps(before, after, meta.schema, options, &element(path, key, value))?;
                if !nested.is_empty() {
                    nested.insert(key.to_owned(), modified[m].1.clone());
                    patch.push(Value::Object(nested));
                }
                o += 1;
                m += 1;
            }
            Ordering::Greater => {
                if !options.ignore_changes_and_additions {
                    patch.push(Value::Object(modified[m].2.clone()));
                }
                m += 1;
            }
            Ordering::Less => {
                if !options.ignore_deletions {
                    let directive = Object::from_iter([
                        (key.to_owned(), original[o].1.clone()),
                        (DIRECTIVE_MARKER.to_owned(), Value::String(DELETE_DIRECTIVE.to_owned())),
                    ]);
                    deletions.push(Value::Object(directive));
                }
                o += 1;
            }
        }
    }
    Ok((patch, deletions))
}

// ---- conflicts (three-way, without overwrite) -----------------------------------------

/// Whether two patches change a field differently (apimachinery `MergingMapsHaveConflicts`).
fn maps_have_conflicts(left: &Object, right: &Object, schema: Schema) -> Result<bool> {
    for (key, left_value) in left {
        if key == DIRECTIVE_MARKER || key == RETAIN_KEYS_DIRECTIVE {
            continue;
        }
        if let Some(right_value) = right.get(key)
            && field_has_conflicts(left_value, right_value, schema.field(key))?
        {
            return Ok(true);
        }
    }
    Ok(false)
}

fn field_has_conflicts(left: &Value, right: &Value, meta: FieldMeta) -> Result<bool> {
    match (left, right) {
        (Value::Object(left), Value::Object(right)) => {
            let (l, r) = (left.get(DIRECTIVE_MARKER), right.get(DIRECTIVE_MARKER));
            if (l.is_some() || r.is_some()) && l != r {
                return Ok(true);
            }
            if meta.strategy.replace {
                return Ok(false);
            }
            maps_have_conflicts(left, right, meta.schema)
        }
        (Value::Object(_), _) | (Value::Array(_), _) if kind(left) != kind(right) => Ok(true),
        (Value::Array(left), Value::Array(right)) => slices_have_conflicts(left, right, meta),
        (left, right) => Ok(!json_equal(left, right)),
    }
}

fn slices_have_conflicts(left: &[Value], right: &[Value], meta: FieldMeta) -> Result<bool> {
    if left.is_empty() && right.is_empty() {
        return Ok(false);
    }
    let element = element_kind(&[left, right], "")?;
    if meta.strategy.merge {
        if element != Kind::Object {
            return Ok(false);
        }
        let by_key = |list: &[Value]| -> Result<Vec<(String, Value)>> {
            list.iter()
                .map(|item| {
                    let value = meta
                        .merge_key
                        .and_then(|key| item.get(key))
                        .ok_or_else(|| no_merge_key("", item, meta.merge_key))?;
                    Ok((go_format(value), item.clone()))
                })
                .collect()
        };
        let (left, right) = (by_key(left)?, by_key(right)?);
        let element_meta = FieldMeta { schema: meta.schema, ..FieldMeta::default() };
        for (key, l) in &left {
            if let Some((_, r)) = right.iter().find(|(k, _)| k == key)
                && field_has_conflicts(l, r, element_meta)?
            {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if left.len() != right.len() {
        return Ok(true);
    }
    let (mut left, mut right) = (left.to_vec(), right.to_vec());
    if element != Kind::Object {
        left = deduplicate_scalars(left);
        right = deduplicate_scalars(right);
        sort_scalars(&mut left);
        sort_scalars(&mut right);
    }
    let element_meta = FieldMeta { schema: meta.schema, ..FieldMeta::default() };
    for (l, r) in left.iter().zip(&right) {
        if field_has_conflicts(l, r, element_meta)? {
            return Ok(true);
        }
    }
    Ok(false)
}
