//! Label selectors with Kubernetes semantics (apimachinery `pkg/labels/selector.go` and
//! `metav1.LabelSelectorAsSelector`): the `?labelSelector=` string form, the `metav1.LabelSelector`
//! object form, matching against `metadata.labels`, and the canonical string. Pure; depends only
//! on serde_json and thiserror.
//!
//! Error texts reproduce kube-apiserver's word for word (including Go's quoting and the
//! `<nil>` field path the parser reports), because kubectl prints them verbatim after
//! `Error from server (BadRequest):`.

mod parse;

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value};

/// A selector that failed to parse or validate, or a field label a kind does not support.
/// Each message is the exact text kube-apiserver would return.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelectorError {
    /// The `labelSelector` string or `metav1.LabelSelector` object is malformed or invalid.
    #[error("{0}")]
    InvalidLabelSelector(String),
    /// The `fieldSelector` string is malformed (bad term or bad escaping).
    #[error("{0}")]
    InvalidFieldSelector(String),
    /// The field selector names a field the kind cannot be filtered on.
    #[error("{message}")]
    FieldLabelNotSupported { label: String, message: String },
}

/// How a requirement relates a label's value to its values; spelled as in `selection.Operator`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Operator {
    /// `a=b`
    Equals,
    /// `a==b`; matches like `Equals` but Kubernetes keeps the spelling in `String()`.
    DoubleEquals,
    /// `a!=b`; also matches objects without the label.
    NotEquals,
    /// `a in (x,y)`
    In,
    /// `a notin (x,y)`; also matches objects without the label.
    NotIn,
    /// `a`
    Exists,
    /// `!a`
    DoesNotExist,
    /// `a>1` (integer comparison; only the string form offers it)
    GreaterThan,
    /// `a<1`
    LessThan,
}

impl Operator {
    /// The `selection.Operator` string, used in error messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::Equals => "=",
            Operator::DoubleEquals => "==",
            Operator::NotEquals => "!=",
            Operator::In => "in",
            Operator::NotIn => "notin",
            Operator::Exists => "exists",
            Operator::DoesNotExist => "!",
            Operator::GreaterThan => "gt",
            Operator::LessThan => "lt",
        }
    }
}

/// One clause of a selector: a key, an operator and (for most operators) values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Requirement {
    key: String,
    operator: Operator,
    values: Vec<String>,
}

impl Requirement {
    /// Validates like `labels.NewRequirement`: a qualified-name key, the value count the
    /// operator needs, integer values for `Gt`/`Lt`, and valid label values.
    pub fn new(key: impl Into<String>, operator: Operator, values: Vec<String>) -> Result<Requirement, SelectorError> {
        let key = key.into();
        let errs = requirement_errors(&key, operator, &values, "key", "values");
        if errs.is_empty() {
            Ok(Requirement { key, operator, values })
        } else {
            Err(SelectorError::InvalidLabelSelector(aggregate(errs)))
        }
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn operator(&self) -> Operator {
        self.operator
    }

    /// The values in the order given (the string form sorts and de-duplicates them at parse).
    pub fn values(&self) -> &[String] {
        &self.values
    }

    fn has_value(&self, value: &str) -> bool {
        self.values.iter().any(|v| v == value)
    }

    /// `Requirement.Matches`: absent keys satisfy only `!=`, `notin` and `!`.
    fn matches_with(&self, get: &dyn Fn(&str) -> Option<String>) -> bool {
        let found = get(&self.key);
        match self.operator {
            Operator::In | Operator::Equals | Operator::DoubleEquals => found.is_some_and(|v| self.has_value(&v)),
            Operator::NotIn | Operator::NotEquals => found.is_none_or(|v| !self.has_value(&v)),
            Operator::Exists => found.is_some(),
            Operator::DoesNotExist => found.is_none(),
            Operator::GreaterThan | Operator::LessThan => {
                let Some(Ok(have)) = found.map(|v| v.parse::<i64>()) else {
                    return false;
                };
                let [want] = self.values.as_slice() else {
                    return false;
                };
                let Ok(want) = want.parse::<i64>() else {
                    return false;
                };
                if self.operator == Operator::GreaterThan { have > want } else { have < want }
            }
        }
    }
}

impl fmt::Display for Requirement {
    /// `Requirement.String()`: values of set operators print sorted.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.operator == Operator::DoesNotExist {
            f.write_str("!")?;
        }
        f.write_str(&self.key)?;
        let op = match self.operator {
            Operator::Exists | Operator::DoesNotExist => return Ok(()),
            Operator::Equals => "=",
            Operator::DoubleEquals => "==",
            Operator::NotEquals => "!=",
            Operator::In => " in ",
            Operator::NotIn => " notin ",
            Operator::GreaterThan => ">",
            Operator::LessThan => "<",
        };
        f.write_str(op)?;
        let set = matches!(self.operator, Operator::In | Operator::NotIn);
        if set {
            f.write_str("(")?;
        }
        let mut values: Vec<&str> = self.values.iter().map(String::as_str).collect();
        values.sort_unstable();
        f.write_str(&values.join(","))?;
        if set {
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// A label selector: the AND of its requirements, or `Nothing` (a `null` metav1.LabelSelector),
/// which matches no object at all.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct LabelSelector {
    requirements: Vec<Requirement>,
    nothing: bool,
}

impl LabelSelector {
    /// Matches every object (`labels.Everything()`).
    pub fn everything() -> LabelSelector {
        LabelSelector::default()
    }

    /// Matches no object (`labels.Nothing()`); what a `null` metav1.LabelSelector means.
    pub fn nothing() -> LabelSelector {
        LabelSelector { requirements: Vec::new(), nothing: true }
    }

    /// Parses the string form used by `?labelSelector=` and `kubectl -l`; `""` is everything.
    /// Requirements come out sorted by key, as Kubernetes does.
    pub fn parse(s: &str) -> Result<LabelSelector, SelectorError> {
        let mut requirements = parse::parse(s).map_err(|e| SelectorError::InvalidLabelSelector(e.to_string()))?;
        // A stable sort keeps same-key requirements in written order, like Go's sort in practice.
        requirements.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(LabelSelector { requirements, nothing: false })
    }

    /// Converts a `metav1.LabelSelector` object (`matchLabels`, `matchExpressions`) like
    /// `LabelSelectorAsSelector`: `{}` (or no clauses) matches everything and JSON `null`
    /// matches nothing. Callers reading an absent field (e.g. `spec.selector` missing) decide
    /// themselves whether that is `null` (nothing) or empty (everything); Kubernetes treats a
    /// nil `*LabelSelector` as nothing.
    pub fn from_json(value: &Value) -> Result<LabelSelector, SelectorError> {
        let obj = match value {
            Value::Null => return Ok(LabelSelector::nothing()),
            Value::Object(obj) => obj,
            other => {
                return Err(SelectorError::InvalidLabelSelector(format!(
                    "a label selector must be an object, not {}",
                    json_type_name(other)
                )));
            }
        };
        let mut requirements = Vec::new();
        match obj.get("matchLabels") {
            None | Some(Value::Null) => {}
            Some(Value::Object(labels)) => {
                for (key, value) in labels {
                    let Some(value) = value.as_str() else {
                        return Err(SelectorError::InvalidLabelSelector(format!(
                            "matchLabels[{key}] must be a string"
                        )));
                    };
                    requirements.push(Requirement::new(key.clone(), Operator::Equals, vec![value.to_owned()])?);
                }
            }
            Some(_) => {
                return Err(SelectorError::InvalidLabelSelector("matchLabels must be an object of strings".to_owned()));
            }
        }
        match obj.get("matchExpressions") {
            None | Some(Value::Null) => {}
            Some(Value::Array(exprs)) => {
                for expr in exprs {
                    requirements.push(expression_requirement(expr)?);
                }
            }
            Some(_) => {
                return Err(SelectorError::InvalidLabelSelector("matchExpressions must be an array".to_owned()));
            }
        }
        requirements.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(LabelSelector { requirements, nothing: false })
    }

    /// The selector matching exactly the given labels (`labels.SelectorFromSet`), as used for
    /// a Service's or ReplicationController's `spec.selector` map. No validation, like
    /// Kubernetes; an empty map matches everything.
    pub fn from_match_labels<'a>(labels: impl IntoIterator<Item = (&'a str, &'a str)>) -> LabelSelector {
        let mut requirements: Vec<Requirement> = labels
            .into_iter()
            .map(|(k, v)| Requirement { key: k.to_owned(), operator: Operator::Equals, values: vec![v.to_owned()] })
            .collect();
        requirements.sort_by(|a, b| a.key.cmp(&b.key));
        LabelSelector { requirements, nothing: false }
    }

    /// True when the selector does not restrict anything (`Selector.Empty()`); `nothing()` is
    /// not empty.
    pub fn is_empty(&self) -> bool {
        !self.nothing && self.requirements.is_empty()
    }

    /// True for the selector that matches no object.
    pub fn is_nothing(&self) -> bool {
        self.nothing
    }

    pub fn requirements(&self) -> &[Requirement] {
        &self.requirements
    }

    /// Adds a requirement, keeping them sorted by key (`Selector.Add`).
    pub fn add(&mut self, requirement: Requirement) {
        if self.nothing {
            return;
        }
        self.requirements.push(requirement);
        self.requirements.sort_by(|a, b| a.key.cmp(&b.key));
    }

    /// The value a selector demands for `key` through `=`, `==` or a one-value `in`
    /// (`RequiresExactMatch`), e.g. to use an index.
    pub fn requires_exact_match(&self, key: &str) -> Option<&str> {
        let r = self.requirements.iter().find(|r| r.key == key)?;
        match (r.operator, r.values.as_slice()) {
            (Operator::Equals | Operator::DoubleEquals | Operator::In, [v]) => Some(v),
            _ => None,
        }
    }

    /// Matches against a `metadata.labels` map. Non-string values (invalid in Kubernetes)
    /// compare by their JSON text.
    pub fn matches(&self, labels: &Map<String, Value>) -> bool {
        self.matches_with(&|key| labels.get(key).map(label_text))
    }

    /// Matches against `metadata.labels` as found in an object: absent, `null` or not an
    /// object counts as no labels.
    pub fn matches_labels(&self, labels: Option<&Value>) -> bool {
        match labels {
            Some(Value::Object(map)) => self.matches(map),
            _ => self.matches(&Map::new()),
        }
    }

    /// Matches a whole object by its `metadata.labels`.
    pub fn matches_object(&self, object: &Value) -> bool {
        self.matches_labels(object.pointer("/metadata/labels"))
    }

    /// Matches typed labels, e.g. `ObjectMeta::labels` from k8s-openapi.
    pub fn matches_map(&self, labels: &BTreeMap<String, String>) -> bool {
        self.matches_with(&|key| labels.get(key).cloned())
    }

    fn matches_with(&self, get: &dyn Fn(&str) -> Option<String>) -> bool {
        !self.nothing && self.requirements.iter().all(|r| r.matches_with(get))
    }
}

impl fmt::Display for LabelSelector {
    /// `Selector.String()`: requirements joined by `,`; `""` for everything and for nothing.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, r) in self.requirements.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}

impl std::str::FromStr for LabelSelector {
    type Err = SelectorError;

    fn from_str(s: &str) -> Result<LabelSelector, SelectorError> {
        LabelSelector::parse(s)
    }
}

/// How kubectl prints a metav1.LabelSelector in a SELECTOR column (`metav1.FormatLabelSelector`):
/// the canonical string, `<none>` when it is empty or null, `<error>` when it is invalid.
pub fn format_label_selector(value: &Value) -> String {
    match LabelSelector::from_json(value) {
        Ok(s) if s.requirements.is_empty() => "<none>".to_owned(),
        Ok(s) => s.to_string(),
        Err(_) => "<error>".to_owned(),
    }
}

/// Why a label key is invalid (`validation.IsQualifiedName`), empty when it is valid.
pub fn label_key_errors(key: &str) -> Vec<String> {
    crate::k8s::validation::names::is_qualified_name(key)
}

/// Why a label value is invalid (`validation.IsValidLabelValue`), empty when it is valid.
pub fn label_value_errors(value: &str) -> Vec<String> {
    crate::k8s::validation::names::is_valid_label_value(value)
}

/// The field errors `labels.NewRequirement` collects, formatted like `field.Error.Error()`.
/// `key_path`/`values_path` are the field paths Kubernetes reports them under.
fn requirement_errors(
    key: &str,
    operator: Operator,
    values: &[String],
    key_path: &str,
    values_path: &str,
) -> Vec<String> {
    let mut errs = Vec::new();
    let key_errs = label_key_errors(key);
    if !key_errs.is_empty() {
        errs.push(invalid(key_path, &go_quote(key), &key_errs.join("; ")));
    }
    let values_json = || {
        if values.is_empty() { "null".to_owned() } else { serde_json::to_string(values).unwrap_or_default() }
    };
    match operator {
        Operator::In | Operator::NotIn if values.is_empty() => {
            errs.push(invalid(values_path, &values_json(), "for 'in', 'notin' operators, values set can't be empty"))
        }
        Operator::Equals | Operator::DoubleEquals | Operator::NotEquals if values.len() != 1 => {
            errs.push(invalid(values_path, &values_json(), "exact-match compatibility requires one single value"))
        }
        Operator::Exists | Operator::DoesNotExist if !values.is_empty() => {
            errs.push(invalid(values_path, &values_json(), "values set must be empty for exists and does not exist"))
        }
        Operator::GreaterThan | Operator::LessThan => {
            if values.len() != 1 {
                errs.push(invalid(
                    values_path,
                    &values_json(),
                    "for 'Gt', 'Lt' operators, exactly one value is required",
                ));
            }
            for (i, v) in values.iter().enumerate() {
                if v.parse::<i64>().is_err() {
                    errs.push(invalid(
                        &format!("{values_path}[{i}]"),
                        &go_quote(v),
                        "for 'Gt', 'Lt' operators, the value must be an integer",
                    ));
                }
            }
        }
        _ => {}
    }
    for (i, v) in values.iter().enumerate() {
        let value_errs = label_value_errors(v);
        if !value_errs.is_empty() {
            errs.push(invalid(&format!("{values_path}[{i}][{key}]"), &go_quote(v), &value_errs.join("; ")));
        }
    }
    errs
}

/// `field.Invalid(path, value, detail).Error()`; `value` is already rendered.
fn invalid(path: &str, value: &str, detail: &str) -> String {
    format!("{path}: Invalid value: {value}: {detail}")
}

/// `utilerrors.NewAggregate(...).Error()`: one message alone, several de-duplicated in brackets.
fn aggregate(errs: Vec<String>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for e in errs {
        if !seen.contains(&e) {
            seen.push(e);
        }
    }
    if seen.len() == 1 { seen.remove(0) } else { format!("[{}]", seen.join(", ")) }
}

/// Go's `%q` for strings, close enough for error messages: escapes quotes, backslashes and
/// control characters.
pub(crate) fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn label_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn json_type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// One `matchExpressions` entry, as `LabelSelectorAsSelector` converts it.
fn expression_requirement(expr: &Value) -> Result<Requirement, SelectorError> {
    let bad = |what: &str| SelectorError::InvalidLabelSelector(format!("matchExpressions: {what}"));
    let Value::Object(expr) = expr else {
        return Err(bad("each entry must be an object"));
    };
    let key = match expr.get("key") {
        Some(Value::String(k)) => k.clone(),
        None | Some(Value::Null) => String::new(),
        Some(_) => return Err(bad("key must be a string")),
    };
    let op_name = match expr.get("operator") {
        Some(Value::String(o)) => o.as_str(),
        None | Some(Value::Null) => "",
        Some(_) => return Err(bad("operator must be a string")),
    };
    let operator = match op_name {
        "In" => Operator::In,
        "NotIn" => Operator::NotIn,
        "Exists" => Operator::Exists,
        "DoesNotExist" => Operator::DoesNotExist,
        other => {
            return Err(SelectorError::InvalidLabelSelector(format!(
                "{} is not a valid label selector operator",
                go_quote(other)
            )));
        }
    };
    let values = match expr.get("values") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(vs)) => vs
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect::<Option<Vec<String>>>()
            .ok_or_else(|| bad("values must be strings"))?,
        Some(_) => return Err(bad("values must be an array")),
    };
    Requirement::new(key, operator, values)
}

#[cfg(test)]
mod tests;
