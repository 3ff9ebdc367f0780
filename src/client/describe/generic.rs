//! kubectl's generic describer, used for every kind without a describer of its own (custom
//! resources included): name, namespace, labels and annotations, then every other field of
//! the object, sorted, nested two spaces per level, with field names turned into labels
//! (`apiVersion` → `API Version`).

use jiff::Timestamp;
use serde_json::{Map, Value};

use super::writer::{Out, events, object_header};
use crate::k8s::gofmt;

/// `genericDescriber.Describe`.
pub fn describe_generic(obj: &Value, evs: Option<&[Value]>, now: Timestamp) -> String {
    let mut w = Out::new();
    object_header(&mut w, obj, true);
    let skip = [
        ".metadata.managedFields",
        ".metadata.name",
        ".metadata.namespace",
        ".metadata.labels",
        ".metadata.annotations",
    ];
    if let Some(m) = obj.as_object() {
        content(&mut w, 0, m, "", &skip);
    }
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

/// `printUnstructuredContent`.
fn content(w: &mut Out, level: usize, map: &Map<String, Value>, prefix: &str, skip: &[&str]) {
    // serde_json's map is sorted by key, as Go's sort.Strings sorts the fields.
    for (field, value) in map {
        let path = format!("{prefix}.{field}");
        if skip.contains(&path.as_str()) {
            continue;
        }
        match value {
            Value::Object(m) => {
                w.w(level, &format!("{}:\n", smart_label(field)));
                content(w, level + 1, m, &path, skip);
            }
            Value::Array(items) => {
                w.w(level, &format!("{}:\n", smart_label(field)));
                for item in items {
                    match item {
                        Value::Object(m) => content(w, level + 1, m, &path, skip),
                        other => w.w(level + 1, &format!("{}\n", gofmt::sprint(other))),
                    }
                }
            }
            other => w.w(level, &format!("{}:\t{}\n", smart_label(field), gofmt::sprint(other))),
        }
    }
}

/// `smartLabelFor`: split camelCase into title-cased words, keeping common acronyms upper
/// case; names with characters other than letters and `-` stay as they are.
pub fn smart_label(field: &str) -> String {
    if field.chars().any(|c| !c.is_alphabetic() && c != '-') {
        return field.to_string();
    }
    const ACRONYMS: [&str; 5] = ["API", "URL", "UID", "OSB", "GUID"];
    camelcase_split(field)
        .into_iter()
        .filter(|p| p != "_")
        .map(|p| {
            let upper = p.to_uppercase();
            if ACRONYMS.contains(&upper.as_str()) {
                upper
            } else {
                let mut c = p.chars();
                match c.next() {
                    Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// github.com/fatih/camelcase `Split`: runs of lower case, upper case, digits and other
/// characters, with the last capital of an upper-case run moved to a following lower-case
/// run (`PDFLoader` → `PDF`, `Loader`).
fn camelcase_split(s: &str) -> Vec<String> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Lower,
        Upper,
        Digit,
        Other,
    }
    let class = |c: char| {
        if c.is_lowercase() {
            Class::Lower
        } else if c.is_uppercase() {
            Class::Upper
        } else if c.is_numeric() {
            Class::Digit
        } else {
            Class::Other
        }
    };
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last: Option<Class> = None;
    for c in s.chars() {
        let k = class(c);
        match runs.last_mut() {
            Some(run) if Some(k) == last => run.push(c),
            _ => runs.push(vec![c]),
        }
        last = Some(k);
    }
    for i in 0..runs.len().saturating_sub(1) {
        if runs[i].first().is_some_and(|c| c.is_uppercase())
            && runs[i + 1].first().is_some_and(|c| c.is_lowercase())
            && let Some(moved) = runs[i].pop()
        {
            runs[i + 1].insert(0, moved);
        }
    }
    runs.into_iter().filter(|r| !r.is_empty()).map(|r| r.into_iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn smart_label_splits_camel_case_like_kubectl() {
        assert_eq!(smart_label("apiVersion"), "API Version");
        assert_eq!(smart_label("resourceVersion"), "Resource Version");
        assert_eq!(smart_label("uid"), "UID");
        assert_eq!(smart_label("podIPs"), "Pod I Ps");
        assert_eq!(smart_label("app.kubernetes.io/name"), "app.kubernetes.io/name");
    }

    #[test]
    fn generic_walks_fields_sorted_and_nested() {
        let obj = json!({"apiVersion": "example.com/v1", "kind": "Widget",
            "metadata": {"name": "w", "namespace": "default", "uid": "u1", "generation": 1},
            "spec": {"size": 3, "tags": ["a", "b"], "parts": [{"name": "p"}]}});
        let out = describe_generic(&obj, None, Timestamp::now());
        assert_eq!(
            out,
            "Name:         w\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\nAPI Version:  example.com/v1\nKind:         Widget\nMetadata:\n  Generation:  1\n  UID:         u1\nSpec:\n  Parts:\n    Name:  p\n  Size:    3\n  Tags:\n    a\n    b\n"
        );
    }
}
