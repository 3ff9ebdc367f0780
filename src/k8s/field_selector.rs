//! Field selectors with Kubernetes semantics (apimachinery `pkg/fields/selector.go`): the
//! `?fieldSelector=` string form with its escaping rules, the per-kind list of fields
//! kube-apiserver lets clients select on (and its exact error text for the rest), and matching
//! against JSON objects the way each kind's `ToSelectableFields` projects them. Pure; depends on
//! serde_json and the selector error type.

mod kinds;

use std::fmt;

use serde_json::Value;

pub use crate::k8s::selector::SelectorError;

/// `=`/`==` or `!=`; Kubernetes keeps no distinction between `=` and `==`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldOperator {
    Equals,
    NotEquals,
}

/// One `field=value` or `field!=value` term, with the value already unescaped.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldRequirement {
    field: String,
    operator: FieldOperator,
    value: String,
}

impl FieldRequirement {
    pub fn new(field: impl Into<String>, operator: FieldOperator, value: impl Into<String>) -> FieldRequirement {
        FieldRequirement { field: field.into(), operator, value: value.into() }
    }

    pub fn field(&self) -> &str {
        &self.field
    }

    pub fn operator(&self) -> FieldOperator {
        self.operator
    }

    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for FieldRequirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let op = match self.operator {
            FieldOperator::Equals => "=",
            FieldOperator::NotEquals => "!=",
        };
        write!(f, "{}{op}{}", self.field, escape_value(&self.value))
    }
}

/// The AND of field terms; empty matches everything.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FieldSelector {
    requirements: Vec<FieldRequirement>,
}

impl FieldSelector {
    pub fn everything() -> FieldSelector {
        FieldSelector::default()
    }

    /// `field=value`, e.g. `metadata.name=web` for `kubectl get NAME -w`.
    pub fn one_term_equal(field: impl Into<String>, value: impl Into<String>) -> FieldSelector {
        FieldSelector { requirements: vec![FieldRequirement::new(field, FieldOperator::Equals, value)] }
    }

    /// Parses `a=b,c!=d` (also `a==b`). Terms split on unescaped commas; values may escape `\`,
    /// `,` and `=` with a backslash and must escape `,` and `=`. Terms are kept in sorted
    /// order like Kubernetes; empty terms are ignored.
    pub fn parse(s: &str) -> Result<FieldSelector, SelectorError> {
        let mut parts = split_terms(s);
        parts.sort_unstable();
        let mut requirements = Vec::new();
        for part in parts {
            if part.is_empty() {
                continue;
            }
            let Some((field, operator, raw)) = split_term(part) else {
                return Err(SelectorError::InvalidFieldSelector(format!(
                    "invalid selector: '{s}'; can't understand '{part}'"
                )));
            };
            requirements.push(FieldRequirement { field: field.to_owned(), operator, value: unescape_value(raw)? });
        }
        Ok(FieldSelector { requirements })
    }

    pub fn is_empty(&self) -> bool {
        self.requirements.is_empty()
    }

    pub fn requirements(&self) -> &[FieldRequirement] {
        &self.requirements
    }

    /// The value an `=` term demands for `field` (`RequiresExactMatch`), e.g. the name that
    /// `kubectl get NAME -w` watches.
    pub fn requires_exact_match(&self, field: &str) -> Option<&str> {
        self.requirements
            .iter()
            .find(|r| r.field == field && r.operator == FieldOperator::Equals)
            .map(|r| r.value.as_str())
    }

    /// Checks every field against what kube-apiserver accepts for the kind (its field label
    /// conversion functions) and returns its exact error for the first that is not, e.g.
    /// `field label not supported: spec.foo`. `group` is `""` for the core group.
    pub fn check_supported(&self, group: &str, kind: &str) -> Result<(), SelectorError> {
        self.convert(group, kind).map(|_| ())
    }

    /// Like [`check_supported`](Self::check_supported), and also rewrites the legacy or
    /// version-specific spellings Kubernetes accepts (`spec.host` for pods, `regarding.*` for
    /// events.k8s.io events) into the canonical field names.
    pub fn convert(&self, group: &str, kind: &str) -> Result<FieldSelector, SelectorError> {
        let requirements = self
            .requirements
            .iter()
            .map(|r| {
                let field = kinds::convert_label(group, kind, &r.field)?;
                Ok(FieldRequirement { field, operator: r.operator, value: r.value.clone() })
            })
            .collect::<Result<Vec<_>, SelectorError>>()?;
        Ok(FieldSelector { requirements })
    }

    /// Matches an object, taking its kind from its own `apiVersion` and `kind`.
    pub fn matches(&self, object: &Value) -> bool {
        let api_version = object.get("apiVersion").and_then(Value::as_str).unwrap_or("");
        let group = api_version.rsplit_once('/').map(|(g, _)| g).unwrap_or_default();
        let kind = object.get("kind").and_then(Value::as_str).unwrap_or("");
        self.matches_as(group, kind, object)
    }

    /// Matches an object of a known kind, for callers holding objects without type meta.
    /// Absent fields read as `""`, except where Kubernetes fills a default (booleans read
    /// `"false"`, counts `"0"`).
    pub fn matches_as(&self, group: &str, kind: &str, object: &Value) -> bool {
        self.requirements.iter().all(|r| {
            let have = field_value(group, kind, object, &r.field);
            match r.operator {
                FieldOperator::Equals => have == r.value,
                FieldOperator::NotEquals => have != r.value,
            }
        })
    }
}

impl fmt::Display for FieldSelector {
    /// `Selector.String()`: terms joined by `,`, values escaped.
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

impl std::str::FromStr for FieldSelector {
    type Err = SelectorError;

    fn from_str(s: &str) -> Result<FieldSelector, SelectorError> {
        FieldSelector::parse(s)
    }
}

/// The value a field selector compares for `field` on an object of the given kind, as the
/// kind's `ToSelectableFields` computes it (e.g. a pod's `spec.hostNetwork` is `"false"` when
/// absent, a Job's `status.successful` reads `status.succeeded`). Unknown kinds read the dotted
/// path directly: strings as-is, booleans and numbers as text, null/objects/arrays as `""`.
pub fn field_value(group: &str, kind: &str, object: &Value, field: &str) -> String {
    kinds::selectable_value(group, kind, object, field)
}

/// `fields.EscapeValue`: makes a literal safe to use as a field selector value.
pub fn escape_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | ',' | '=') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `fields.UnescapeValue`: the literal a field selector value stands for.
pub fn unescape_value(s: &str) -> Result<String, SelectorError> {
    let mut out = String::with_capacity(s.len());
    let mut in_slash = false;
    for c in s.chars() {
        if in_slash {
            if !matches!(c, '\\' | ',' | '=') {
                return Err(SelectorError::InvalidFieldSelector(format!(
                    "invalid field selector: invalid escape sequence: \\{c}"
                )));
            }
            out.push(c);
            in_slash = false;
            continue;
        }
        match c {
            '\\' => in_slash = true,
            // Go formats the rune with %v, i.e. as its code point number.
            ',' | '=' => {
                return Err(SelectorError::InvalidFieldSelector(format!(
                    "invalid field selector: unescaped character in value: {}",
                    c as u32
                )));
            }
            c => out.push(c),
        }
    }
    if in_slash {
        return Err(SelectorError::InvalidFieldSelector(
            "invalid field selector: invalid escape sequence: \\".to_owned(),
        ));
    }
    Ok(out)
}

/// Splits on commas not preceded by an escaping backslash, keeping the escapes.
fn split_terms(s: &str) -> Vec<&str> {
    if s.is_empty() {
        return Vec::new();
    }
    let mut terms = Vec::new();
    let mut start = 0;
    let mut in_slash = false;
    for (i, c) in s.char_indices() {
        if in_slash {
            in_slash = false;
        } else if c == '\\' {
            in_slash = true;
        } else if c == ',' {
            terms.push(&s[start..i]);
            start = i + 1;
        }
    }
    terms.push(&s[start..]);
    terms
}

/// The first `!=`, `==` or `=` splits field from raw value; fields have no escaping.
fn split_term(term: &str) -> Option<(&str, FieldOperator, &str)> {
    for (i, _) in term.char_indices() {
        let rest = &term[i..];
        for (op, operator) in
            [("!=", FieldOperator::NotEquals), ("==", FieldOperator::Equals), ("=", FieldOperator::Equals)]
        {
            if let Some(value) = rest.strip_prefix(op) {
                return Some((&term[..i], operator, value));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests;
