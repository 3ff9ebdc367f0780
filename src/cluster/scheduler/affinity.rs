//! Node selectors (`component-helpers/scheduling/corev1/nodeaffinity`) and taint tolerations
//! (`Toleration.ToleratesTaint`), compiled once per pod so matching a node is cheap. Pure;
//! label matching comes from `k8s::selector`.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Taint, Toleration};

use crate::k8s::selector::{LabelSelector, Operator, Requirement};

/// One `NodeSelectorTerm`: its expressions and fields ANDed.
#[derive(Clone, Debug)]
pub struct TermMatcher {
    /// `None` when an expression is invalid: Kubernetes then lets the term match nothing.
    labels: Option<LabelSelector>,
    /// `matchFields` on `metadata.name`: `(in, values)`.
    names: Option<Vec<(bool, Vec<String>)>>,
    empty: bool,
}

impl TermMatcher {
    pub fn new(term: &NodeSelectorTerm) -> TermMatcher {
        let exprs = term.match_expressions.as_deref().unwrap_or_default();
        let fields = term.match_fields.as_deref().unwrap_or_default();
        let mut labels = Some(LabelSelector::everything());
        for e in exprs {
            match (labels.as_mut(), requirement(e)) {
                (Some(sel), Some(r)) => sel.add(r),
                _ => labels = None,
            }
        }
        let mut names = Some(Vec::new());
        for f in fields {
            let values = f.values.clone().unwrap_or_default();
            let ok = f.key == "metadata.name" && values.len() == 1;
            match (names.as_mut(), f.operator.as_str()) {
                (Some(n), "In") if ok => n.push((true, values)),
                (Some(n), "NotIn") if ok => n.push((false, values)),
                _ => names = None,
            }
        }
        TermMatcher { labels, names, empty: exprs.is_empty() && fields.is_empty() }
    }

    pub fn matches(&self, name: &str, labels: &BTreeMap<String, String>) -> bool {
        if self.empty {
            return false;
        }
        let (Some(sel), Some(names)) = (&self.labels, &self.names) else { return false };
        names.iter().all(|(is_in, values)| values.iter().any(|v| v == name) == *is_in) && sel.matches_map(labels)
    }
}

fn requirement(e: &NodeSelectorRequirement) -> Option<Requirement> {
    let op = match e.operator.as_str() {
        "In" => Operator::In,
        "NotIn" => Operator::NotIn,
        "Exists" => Operator::Exists,
        "DoesNotExist" => Operator::DoesNotExist,
        "Gt" => Operator::GreaterThan,
        "Lt" => Operator::LessThan,
        _ => return None,
    };
    Requirement::new(e.key.clone(), op, e.values.clone().unwrap_or_default()).ok()
}

/// A `NodeSelector`: its terms ORed.
#[derive(Clone, Debug)]
pub struct NodeSelectorMatcher {
    terms: Vec<TermMatcher>,
}

impl NodeSelectorMatcher {
    pub fn new(selector: &NodeSelector) -> NodeSelectorMatcher {
        NodeSelectorMatcher { terms: selector.node_selector_terms.iter().map(TermMatcher::new).collect() }
    }

    pub fn matches(&self, name: &str, labels: &BTreeMap<String, String>) -> bool {
        self.terms.iter().any(|t| t.matches(name, labels))
    }
}

/// The node names a required node affinity pins the pod to through `matchFields`
/// (the NodeAffinity PreFilter): `None` when some term does not pin, so any node may do.
pub fn pinned_node_names(selector: &NodeSelector) -> Option<Vec<String>> {
    let mut all: Option<Vec<String>> = None;
    for term in &selector.node_selector_terms {
        let mut term_names: Option<Vec<String>> = None;
        for f in term.match_fields.as_deref().unwrap_or_default() {
            if f.key == "metadata.name" && f.operator == "In" {
                let values = f.values.clone().unwrap_or_default();
                term_names = Some(match term_names {
                    None => values,
                    Some(prev) => prev.into_iter().filter(|n| values.contains(n)).collect(),
                });
            }
        }
        let names = term_names?;
        let acc = all.get_or_insert_with(Vec::new);
        for n in names {
            if !acc.contains(&n) {
                acc.push(n);
            }
        }
    }
    all
}

/// `Toleration.ToleratesTaint`.
pub fn tolerates(t: &Toleration, key: &str, value: &str, effect: &str) -> bool {
    if let Some(e) = t.effect.as_deref().filter(|e| !e.is_empty())
        && e != effect
    {
        return false;
    }
    if let Some(k) = t.key.as_deref().filter(|k| !k.is_empty())
        && k != key
    {
        return false;
    }
    match t.operator.as_deref().unwrap_or_default() {
        "" | "Equal" => t.value.as_deref().unwrap_or_default() == value,
        "Exists" => true,
        _ => false,
    }
}

pub fn tolerated(tolerations: &[Toleration], taint: &Taint) -> bool {
    let value = taint.value.as_deref().unwrap_or_default();
    tolerations.iter().any(|t| tolerates(t, &taint.key, value, &taint.effect))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn selector(v: serde_json::Value) -> NodeSelector {
        serde_json::from_value(json!({"nodeSelectorTerms": v})).expect("valid selector")
    }

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn node_selector_terms_are_ored_and_expressions_anded() {
        let m = NodeSelectorMatcher::new(&selector(json!([
            {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a"]}, {"key": "gpu", "operator": "Exists"}]},
            {"matchExpressions": [{"key": "cores", "operator": "Gt", "values": ["8"]}]},
        ])));
        assert!(m.matches("n", &labels(&[("zone", "a"), ("gpu", "x")])));
        assert!(!m.matches("n", &labels(&[("zone", "a")])));
        assert!(m.matches("n", &labels(&[("cores", "16")])));
        assert!(!m.matches("n", &labels(&[("cores", "4")])));
    }

    #[test]
    fn node_selector_empty_or_invalid_term_matches_nothing() {
        assert!(!NodeSelectorMatcher::new(&selector(json!([{}]))).matches("n", &labels(&[])));
        let bad = selector(json!([{"matchExpressions": [{"key": "a", "operator": "In", "values": []}]}]));
        assert!(!NodeSelectorMatcher::new(&bad).matches("n", &labels(&[("a", "")])));
    }

    #[test]
    fn node_selector_match_fields_compare_node_name() {
        let m = NodeSelectorMatcher::new(&selector(json!([
            {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["node-2"]}]},
        ])));
        assert!(m.matches("node-2", &labels(&[])));
        assert!(!m.matches("node-1", &labels(&[])));
    }

    #[test]
    fn pinned_node_names_union_of_terms_or_none() {
        let s = selector(json!([
            {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["a"]}]},
            {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["b"]}]},
        ]));
        assert_eq!(pinned_node_names(&s), Some(vec!["a".to_string(), "b".to_string()]));
        let s = selector(json!([
            {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["a"]}]},
            {"matchExpressions": [{"key": "x", "operator": "Exists"}]},
        ]));
        assert_eq!(pinned_node_names(&s), None);
    }

    #[test]
    fn tolerates_follows_operator_key_and_effect() {
        let t: Toleration = serde_json::from_value(json!({"key": "k", "operator": "Exists"})).expect("valid");
        assert!(tolerates(&t, "k", "v", "NoSchedule"));
        assert!(!tolerates(&t, "other", "v", "NoSchedule"));
        let t: Toleration =
            serde_json::from_value(json!({"key": "k", "value": "v", "effect": "NoExecute"})).expect("valid");
        assert!(tolerates(&t, "k", "v", "NoExecute"));
        assert!(!tolerates(&t, "k", "v", "NoSchedule"));
        assert!(!tolerates(&t, "k", "w", "NoExecute"));
        let all: Toleration = serde_json::from_value(json!({"operator": "Exists"})).expect("valid");
        assert!(tolerates(&all, "anything", "x", "NoExecute"));
    }
}
