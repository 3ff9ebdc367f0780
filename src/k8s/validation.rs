//! Validation of built-in kinds as kube-apiserver does it on create and update, with Kubernetes'
//! own field errors (`field.Error` in apimachinery) so messages match what kubectl users know.
//! Works on the v1 wire format as `serde_json::Value`; pure functions, no I/O.

mod apps;
mod batch;
mod core;
mod meta;
mod misc;
pub mod names;
mod networking;
pub(crate) mod pod;
mod render;

use serde_json::Value;
use std::fmt;

/// Kubernetes' `field.ErrorType`: why a field is invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorType {
    NotFound,
    Required,
    Duplicate,
    Invalid,
    NotSupported,
    Forbidden,
    TooLong,
    TooMany,
    Internal,
    TypeInvalid,
}

impl ErrorType {
    /// The machine-readable cause type sent in `Status.details.causes[].reason`.
    pub fn reason(self) -> &'static str {
        match self {
            ErrorType::NotFound => "FieldValueNotFound",
            ErrorType::Required => "FieldValueRequired",
            ErrorType::Duplicate => "FieldValueDuplicate",
            ErrorType::Invalid => "FieldValueInvalid",
            ErrorType::NotSupported => "FieldValueNotSupported",
            ErrorType::Forbidden => "FieldValueForbidden",
            ErrorType::TooLong => "FieldValueTooLong",
            ErrorType::TooMany => "FieldValueTooMany",
            ErrorType::Internal => "InternalError",
            ErrorType::TypeInvalid => "FieldValueTypeInvalid",
        }
    }

    /// The human words Kubernetes prints for the type ("Required value", …).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorType::NotFound => "Not found",
            ErrorType::Required => "Required value",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::Invalid | ErrorType::TypeInvalid => "Invalid value",
            ErrorType::NotSupported => "Unsupported value",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::TooLong => "Too long",
            ErrorType::TooMany => "Too many",
            ErrorType::Internal => "Internal error",
        }
    }
}

impl fmt::Display for ErrorType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One field-level validation error, as apimachinery's `field.Error`.
///
/// `value` is the offending value as JSON; `None` means "not shown" (Go's `omitValue`).
/// Values that Kubernetes prints through a Go formatter rather than as plain data (label
/// selectors, int-or-string, internal structs) are held pre-rendered as
/// `{"$raw": "<text>"}` so that `message()` reproduces kube-apiserver's text exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub kind: ErrorType,
    pub field: String,
    pub value: Option<Value>,
    pub detail: String,
}

impl FieldError {
    pub fn new(kind: ErrorType, field: impl Into<String>, value: Option<Value>, detail: impl Into<String>) -> Self {
        FieldError { kind, field: field.into(), value, detail: detail.into() }
    }

    pub fn required(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::new(ErrorType::Required, field, None, detail)
    }

    pub fn invalid(field: impl Into<String>, value: impl Into<Value>, detail: impl Into<String>) -> Self {
        Self::new(ErrorType::Invalid, field, Some(value.into()), detail)
    }

    /// An `Invalid` error whose value is shown as the given text, unquoted, the way Go prints
    /// values that implement `String()` or are structs.
    pub fn invalid_raw(field: impl Into<String>, shown: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::new(ErrorType::Invalid, field, Some(raw(shown)), detail)
    }

    pub fn not_supported(field: impl Into<String>, value: impl Into<Value>, supported: &[&str]) -> Self {
        let detail = if supported.is_empty() {
            String::new()
        } else {
            let quoted: Vec<String> = supported.iter().map(|s| render::go_quote(s)).collect();
            format!("supported values: {}", quoted.join(", "))
        };
        Self::new(ErrorType::NotSupported, field, Some(value.into()), detail)
    }

    pub fn duplicate(field: impl Into<String>, value: impl Into<Value>) -> Self {
        Self::new(ErrorType::Duplicate, field, Some(value.into()), "")
    }

    pub fn not_found(field: impl Into<String>, value: impl Into<Value>) -> Self {
        Self::new(ErrorType::NotFound, field, Some(value.into()), "")
    }

    pub fn forbidden(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::new(ErrorType::Forbidden, field, None, detail)
    }

    /// Kubernetes 1.32+ wording: "may not be more than N bytes".
    pub fn too_long(field: impl Into<String>, max_bytes: usize) -> Self {
        let unit = if max_bytes == 1 { "byte" } else { "bytes" };
        Self::new(ErrorType::TooLong, field, None, format!("may not be more than {max_bytes} {unit}"))
    }

    pub fn too_many(field: impl Into<String>, actual: usize, max: usize) -> Self {
        Self::new(ErrorType::TooMany, field, Some(Value::from(actual)), format!("must have at most {max} items"))
    }

    pub fn internal(field: impl Into<String>, detail: impl Into<String>) -> Self {
        Self::new(ErrorType::Internal, field, None, detail)
    }

    /// `spec.x: Invalid value: …: field is immutable`, as `ValidateImmutableField`.
    pub fn immutable(field: impl Into<String>, value: impl Into<Value>) -> Self {
        Self::invalid(field, value, FIELD_IMMUTABLE)
    }

    /// `FieldValueRequired`, `FieldValueInvalid`, … for `Status.details.causes[].reason`.
    pub fn reason(&self) -> &'static str {
        self.kind.reason()
    }

    /// The message without the field path (apimachinery's `ErrorBody`).
    pub fn body(&self) -> String {
        let mut s = match (self.kind, &self.value) {
            (ErrorType::Required | ErrorType::Forbidden | ErrorType::TooLong | ErrorType::Internal, _) | (_, None) => {
                self.kind.as_str().to_string()
            }
            (_, Some(v)) => format!("{}: {}", self.kind, render::go_value(v)),
        };
        if !self.detail.is_empty() {
            s.push_str(": ");
            s.push_str(&self.detail);
        }
        s
    }

    /// The full message in Kubernetes' format, `<field>: <body>`.
    pub fn message(&self) -> String {
        format!("{}: {}", self.field, self.body())
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for FieldError {}

/// apimachinery's `FieldImmutableErrorMsg`.
pub const FIELD_IMMUTABLE: &str = "field is immutable";

/// A value shown verbatim in messages (see [`FieldError`]).
pub fn raw(shown: impl Into<String>) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("$raw".to_string(), Value::String(shown.into()));
    Value::Object(m)
}

/// A field path in kubectl's notation (`spec.containers[0].ports[1]`, `data[key]`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Path(String);

impl Path {
    pub fn root(name: &str) -> Self {
        Path(name.to_string())
    }

    pub fn child(&self, name: &str) -> Self {
        if self.0.is_empty() { Path(name.to_string()) } else { Path(format!("{}.{}", self.0, name)) }
    }

    pub fn index(&self, i: usize) -> Self {
        Path(format!("{}[{}]", self.0, i))
    }

    pub fn key(&self, k: &str) -> Self {
        Path(format!("{}[{}]", self.0, k))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&Path> for String {
    fn from(p: &Path) -> String {
        p.0.clone()
    }
}

impl From<Path> for String {
    fn from(p: Path) -> String {
        p.0
    }
}

/// Validates an object about to be created. `obj` should already be defaulted
/// (see [`crate::k8s::defaults::apply_defaults`]), as kube-apiserver validates after defaulting.
/// Unknown kinds (CRDs) get only object-metadata checks.
pub fn validate_create(group: &str, kind: &str, obj: &Value) -> Vec<FieldError> {
    let builtin = is_builtin_group(group);
    let mut errs = meta::validate_object_meta(obj, name_rule(group, kind), builtin, &Path::root("metadata"));
    errs.extend(validate_kind(group, kind, obj));
    dedup(errs)
}

/// Validates an update of `old` into `new`: the new object must itself be valid and must not
/// change immutable fields.
pub fn validate_update(group: &str, kind: &str, new: &Value, old: &Value) -> Vec<FieldError> {
    let mut errs = meta::validate_object_meta_update(new, old, &Path::root("metadata"));
    // kube-apiserver does not re-check the name on update (it cannot change anyway), so
    // objects created under older, looser rules can still be updated.
    let builtin = is_builtin_group(group);
    let mut create_errs = meta::validate_object_meta(new, None, builtin, &Path::root("metadata"));
    create_errs.extend(validate_kind(group, kind, new));
    errs.extend(create_errs);
    errs.extend(validate_kind_update(group, kind, new, old));
    dedup(errs)
}

/// Validates a write to the `status` subresource (or a binding): kube checks only that the
/// object's identity is unchanged and its metadata well-formed, not the spec rules, which
/// the status writer does not own.
pub fn validate_status_update(group: &str, _kind: &str, new: &Value, old: &Value) -> Vec<FieldError> {
    let mut errs = meta::validate_object_meta_update(new, old, &Path::root("metadata"));
    errs.extend(meta::validate_object_meta(new, None, is_builtin_group(group), &Path::root("metadata")));
    dedup(errs)
}

/// API groups served by kube-apiserver itself (as opposed to CRDs and aggregated APIs).
pub fn is_builtin_group(group: &str) -> bool {
    // CRD groups must contain a dot, so dotless groups are kube's own; dotted ones are listed
    // because CRDs may live under k8s.io too (gateway.networking.k8s.io).
    const DOTTED: [&str; 18] = [
        "admissionregistration.k8s.io",
        "apiextensions.k8s.io",
        "apiregistration.k8s.io",
        "authentication.k8s.io",
        "authorization.k8s.io",
        "certificates.k8s.io",
        "coordination.k8s.io",
        "discovery.k8s.io",
        "events.k8s.io",
        "flowcontrol.apiserver.k8s.io",
        "internal.apiserver.k8s.io",
        "networking.k8s.io",
        "node.k8s.io",
        "rbac.authorization.k8s.io",
        "resource.k8s.io",
        "scheduling.k8s.io",
        "storage.k8s.io",
        "storagemigration.k8s.io",
    ];
    !group.contains('.') || DOTTED.contains(&group)
}

/// Which rule an object's name follows; `None` for kinds with no rule beyond non-empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameRule {
    Dns1123Subdomain,
    Dns1123Label,
    Dns1035Label,
    /// Path segment names (RBAC roles, …): anything but `.`, `..`, `/` and `%`.
    PathSegment,
}

/// The name rule kube-apiserver applies to `kind` in `group`.
pub fn name_rule(group: &str, kind: &str) -> Option<NameRule> {
    use NameRule::*;
    Some(match (group, kind) {
        ("", "Namespace") | ("apps", "StatefulSet") => Dns1123Label,
        ("", "Service") => Dns1035Label,
        ("rbac.authorization.k8s.io", "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding") => PathSegment,
        _ => Dns1123Subdomain,
    })
}

fn validate_kind(group: &str, kind: &str, obj: &Value) -> Vec<FieldError> {
    match group {
        "" => core::validate(kind, obj),
        "apps" => apps::validate(kind, obj),
        "batch" => batch::validate(kind, obj),
        "networking.k8s.io" => networking::validate(kind, obj),
        _ => misc::validate(group, kind, obj),
    }
}

fn validate_kind_update(group: &str, kind: &str, new: &Value, old: &Value) -> Vec<FieldError> {
    match group {
        "" => core::validate_update(kind, new, old),
        "apps" => apps::validate_update(kind, new, old),
        "batch" => batch::validate_update(kind, new, old),
        "networking.k8s.io" => Vec::new(),
        _ => misc::validate_update(group, kind, new, old),
    }
}

/// kube-apiserver drops repeated identical messages when aggregating (`ErrorList.ToAggregate`).
fn dedup(errs: Vec<FieldError>) -> Vec<FieldError> {
    let mut seen = std::collections::HashSet::new();
    errs.into_iter().filter(|e| seen.insert(e.message())).collect()
}

/// `ValidateNonnegativeField`.
pub(crate) fn nonnegative(errs: &mut Vec<FieldError>, v: Option<&Value>, path: &Path) {
    if let Some(n) = v.and_then(Value::as_i64)
        && n < 0
    {
        errs.push(FieldError::invalid(path, n, "must be greater than or equal to 0"));
    }
}

/// `ValidateImmutableField` over JSON: missing and `null` count as equal.
pub(crate) fn immutable_field(errs: &mut Vec<FieldError>, new: Option<&Value>, old: Option<&Value>, path: &Path) {
    let norm = |v: Option<&Value>| v.filter(|v| !v.is_null()).cloned();
    let (n, o) = (norm(new), norm(old));
    if n != o {
        errs.push(FieldError::immutable(path, n.unwrap_or(Value::Null)));
    }
}

pub(crate) fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

pub(crate) fn arr_of<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

pub(crate) fn obj_of<'a>(v: &'a Value, key: &str) -> Option<&'a serde_json::Map<String, Value>> {
    v.get(key).and_then(Value::as_object)
}

/// A present, non-empty string field.
pub(crate) fn nonempty<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    str_of(v, key).filter(|s| !s.is_empty())
}

/// `Invalid` for each message a name check returns.
pub(crate) fn each_invalid(errs: &mut Vec<FieldError>, path: &Path, value: &str, msgs: Vec<String>) {
    errs.extend(msgs.into_iter().map(|m| FieldError::invalid(path, value, m)));
}

#[cfg(test)]
mod tests;

/// A quantity's value in nano-units, or kube's error for text that is not one.
pub(crate) fn parse_quantity(q: &str) -> Result<i128, String> {
    crate::k8s::quantity::Quantity::parse(q).map(|v| v.nanos()).map_err(|e| e.to_string())
}
