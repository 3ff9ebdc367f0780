//! Unit tests for label selectors; many cases follow apimachinery's `selector_test.go` tables.

use super::*;
use serde_json::json;

fn labels(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => panic!("test labels must be an object"),
    }
}

fn parse_ok(s: &str) -> LabelSelector {
    LabelSelector::parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
}

fn parse_err(s: &str) -> String {
    match LabelSelector::parse(s) {
        Ok(sel) => panic!("{s:?} should not parse, got {sel}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn parse_valid_kubernetes_table_accepts() {
    for s in [
        "",
        "x=a,y=b,z=c",
        "x!=a,y=b",
        "x=,z= ",
        "x= ,z= ",
        "!x",
        "x>1",
        "x>1,z<5",
        "x ==a",
        "  x = a  ",
        "x in (a,b)",
        "x notin (a)",
        "x in ()",
        "x in (,)",
        "x in (a,,b)",
        "notin=in",
        "in in (in)",
        "example.com/app=web",
        "a.b-c_d=E.f-G_h",
        "x\tin\t(a)",
    ] {
        parse_ok(s);
    }
}

#[test]
fn parse_invalid_kubernetes_table_rejects() {
    for s in [
        "x=a||y=b",
        "x==a==b",
        "!x=a",
        "x<a",
        "x>a",
        "x in (a",
        "x in a",
        "x,",
        ",x",
        "x=a,",
        "x y",
        "=a",
        "x in (a b)",
        "x in (=)",
        "!",
        "a@=b",
        "x=a b",
        "x=a=b",
    ] {
        parse_err(s);
    }
}

#[test]
fn parse_empty_string_is_everything() {
    let sel = parse_ok("");
    assert!(sel.is_empty());
    assert!(sel.matches(&labels(json!({"a": "b"}))));
    assert!(sel.matches(&Map::new()));
    assert_eq!(sel.to_string(), "");
}

#[test]
fn parse_whitespace_only_is_everything() {
    assert!(parse_ok("  \t ").is_empty());
}

#[test]
fn matches_kubernetes_table_matching_cases() {
    let cases = [
        ("x=y", json!({"x": "y"})),
        ("x=y,z=w", json!({"x": "y", "z": "w"})),
        ("x!=y,z!=w", json!({"x": "z", "z": "a"})),
        ("notin=in", json!({"notin": "in"})),
        ("x", json!({"x": "z"})),
        ("!x", json!({"y": "z"})),
        ("x>1", json!({"x": "2"})),
        ("x<1", json!({"x": "0"})),
        ("x in (a,b)", json!({"x": "b"})),
        ("x notin (a,b)", json!({"x": "c"})),
        ("x notin (a,b)", json!({})),
        ("x!=a", json!({})),
        ("x=", json!({"x": ""})),
        ("x in ()", json!({"x": ""})),
        ("x==y", json!({"x": "y"})),
    ];
    for (s, l) in cases {
        assert!(parse_ok(s).matches(&labels(l.clone())), "{s} should match {l}");
    }
}

#[test]
fn matches_kubernetes_table_non_matching_cases() {
    let cases = [
        ("x=z", json!({})),
        ("x=y", json!({"x": "z"})),
        ("x=y,z=w", json!({"x": "w", "z": "w"})),
        ("x!=y,z!=w", json!({"x": "z", "z": "w"})),
        ("x", json!({"y": "z"})),
        ("!x", json!({"x": "z"})),
        ("x>1", json!({"x": "0"})),
        ("x<1", json!({"x": "2"})),
        ("x>1", json!({"x": "abc"})),
        ("x>1", json!({})),
        ("x in (a,b)", json!({"x": "c"})),
        ("x in (a,b)", json!({})),
        ("x notin (a,b)", json!({"x": "a"})),
        ("x=", json!({})),
    ];
    for (s, l) in cases {
        assert!(!parse_ok(s).matches(&labels(l.clone())), "{s} should not match {l}");
    }
}

#[test]
fn display_sorts_requirements_by_key_and_values() {
    assert_eq!(parse_ok("z,y=b,x in (c,a,b)").to_string(), "x in (a,b,c),y=b,z");
    assert_eq!(parse_ok("x in (abc,def),y notin (jkl),z").to_string(), "x in (abc,def),y notin (jkl),z");
    assert_eq!(parse_ok("!x").to_string(), "!x");
    assert_eq!(parse_ok("x!=a").to_string(), "x!=a");
    assert_eq!(parse_ok("x==a").to_string(), "x==a");
    assert_eq!(parse_ok("  x = a  ").to_string(), "x=a");
    assert_eq!(parse_ok("x>1").to_string(), "x>1");
    assert_eq!(parse_ok("x in (b,a,b)").to_string(), "x in (a,b)");
    assert_eq!(parse_ok("x in ()").to_string(), "x in ()");
    assert_eq!(parse_ok("x in (a,,b)").to_string(), "x in (,a,b)");
}

#[test]
fn parse_display_round_trips() {
    for s in ["app=web", "a,b!=c,d in (e,f),!g", "x notin (a,b)", "x<5"] {
        let once = parse_ok(s).to_string();
        assert_eq!(parse_ok(&once).to_string(), once);
    }
}

#[test]
fn parse_bad_key_reports_nil_path_like_kube_apiserver() {
    assert_eq!(
        parse_err("app:monolith"),
        "unable to parse requirement: <nil>: Invalid value: \"app:monolith\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
    );
}

#[test]
fn parse_bad_prefix_reports_subdomain_rule() {
    assert_eq!(
        parse_err("app.kubernetes_io/name=x"),
        "unable to parse requirement: <nil>: Invalid value: \"app.kubernetes_io/name\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    );
}

#[test]
fn parse_too_many_slashes_reports_qualified_name() {
    let err = parse_err("a/b/c=d");
    assert!(
        err.starts_with(
            "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of"
        ),
        "{err}"
    );
    assert!(err.ends_with("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"));
}

#[test]
fn parse_bad_value_reports_values_path_with_key() {
    assert_eq!(
        parse_err("app=demo-{nginx}"),
        "unable to parse requirement: values[0][app]: Invalid value: \"demo-{nginx}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
    );
}

#[test]
fn parse_two_bad_values_aggregates_in_brackets() {
    let err = parse_err("a in (b@,c@)");
    assert!(err.starts_with("unable to parse requirement: [values[0][a]: Invalid value: \"b@\""), "{err}");
    assert!(err.contains(", values[1][a]: Invalid value: \"c@\""), "{err}");
    assert!(err.ends_with(")]"), "{err}");
}

#[test]
fn parse_long_key_reports_length() {
    let key = "a".repeat(64);
    let err = parse_err(&key);
    assert!(err.contains("name part must be no more than 63 characters"), "{err}");
}

#[test]
fn parse_long_value_reports_length() {
    let err = parse_err(&format!("a={}", "b".repeat(64)));
    assert!(err.contains("Invalid value: \""), "{err}");
    assert!(err.contains(": must be no more than 63 characters"), "{err}");
}

#[test]
fn parse_gt_with_non_integer_reports_integer_rule() {
    assert_eq!(
        parse_err("environment>qa"),
        "unable to parse requirement: values[0]: Invalid value: \"qa\": for 'Gt', 'Lt' operators, the value must be an integer"
    );
}

#[test]
fn parse_syntax_errors_have_kubernetes_messages() {
    assert_eq!(parse_err("x y"), "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt");
    assert_eq!(parse_err("x=a b"), "found 'b', expected: ',' or 'end of string'");
    assert_eq!(parse_err("x,"), "found '', expected: identifier after ','");
    assert_eq!(parse_err(",x"), "found ',', expected: !, identifier, or 'end of string'");
    assert_eq!(parse_err("x in a"), "unable to parse requirement: found 'a' expected: '('");
    assert_eq!(parse_err("x in (a"), "unable to parse requirement: found '', expected: ',' or ')'");
    assert_eq!(parse_err("x in (="), "unable to parse requirement: found '=', expected: ',', ')' or identifier");
    assert_eq!(parse_err("x in (a,="), "unable to parse requirement: found '=', expected: ',', or identifier");
    assert_eq!(parse_err("x==a==b"), "found '==', expected: ',' or 'end of string'");
    assert_eq!(parse_err("x>=1"), "unable to parse requirement: found '=', expected: identifier");
    assert_eq!(parse_err("!"), "unable to parse requirement: found '', expected: identifier");
}

#[test]
fn parse_nul_byte_ends_input_like_go() {
    // Go's lexer treats a NUL byte like the end of the input when a token starts there.
    assert_eq!(parse_ok("a=b,c\0").to_string(), "a=b,c");
    assert_eq!(parse_err("a=b, \0x"), "found '', expected: identifier after ','");
    // A NUL right after an operator is swallowed with it, and lexing goes on.
    assert_eq!(parse_ok("a=b,\0x").to_string(), "a=b,x");
}

#[test]
fn parse_non_ascii_is_rejected_without_panic() {
    for s in ["ä=b", "a=ü", "a in (ö)", "\u{1F600}", "a=b,\u{1F600}"] {
        assert!(LabelSelector::parse(s).is_err(), "{s}");
    }
}

#[test]
fn parse_odd_inputs_never_panic() {
    let alphabet = ["a", "=", "!", "(", ")", ",", " ", "in", "notin", ">", "<", "\0", "é", "/", "-"];
    // Every string of up to four symbols: cheap, and covers the lexer's state transitions.
    let mut inputs = vec![String::new()];
    for _ in 0..4 {
        let mut next = Vec::new();
        for s in &inputs {
            for a in alphabet {
                next.push(format!("{s}{a}"));
            }
        }
        inputs.extend(next.iter().cloned());
        inputs = next;
        for s in &inputs {
            let _ = LabelSelector::parse(s);
        }
    }
}

#[test]
fn requires_exact_match_reports_single_value() {
    let sel = parse_ok("a=b,c in (d),e in (f,g),h!=i");
    assert_eq!(sel.requires_exact_match("a"), Some("b"));
    assert_eq!(sel.requires_exact_match("c"), Some("d"));
    assert_eq!(sel.requires_exact_match("e"), None);
    assert_eq!(sel.requires_exact_match("h"), None);
    assert_eq!(sel.requires_exact_match("z"), None);
}

#[test]
fn from_json_match_labels_and_expressions_matches() {
    let sel = LabelSelector::from_json(&json!({
        "matchLabels": {"app": "web"},
        "matchExpressions": [
            {"key": "tier", "operator": "In", "values": ["front", "edge"]},
            {"key": "canary", "operator": "DoesNotExist"},
            {"key": "env", "operator": "NotIn", "values": ["dev"]},
            {"key": "team", "operator": "Exists"}
        ]
    }))
    .expect("valid selector");
    assert_eq!(sel.to_string(), "app=web,!canary,env notin (dev),team,tier in (edge,front)");
    assert!(sel.matches(&labels(json!({"app": "web", "tier": "edge", "team": "a"}))));
    assert!(!sel.matches(&labels(json!({"app": "web", "tier": "edge"}))));
    assert!(!sel.matches(&labels(json!({"app": "web", "tier": "edge", "team": "a", "canary": "1"}))));
    assert!(!sel.matches(&labels(json!({"app": "web", "tier": "edge", "team": "a", "env": "dev"}))));
}

#[test]
fn from_json_empty_object_matches_everything() {
    let sel = LabelSelector::from_json(&json!({})).expect("valid");
    assert!(sel.is_empty());
    assert!(sel.matches_labels(None));
    let sel = LabelSelector::from_json(&json!({"matchLabels": {}, "matchExpressions": []})).expect("valid");
    assert!(sel.matches(&labels(json!({"x": "y"}))));
}

#[test]
fn from_json_null_matches_nothing() {
    let sel = LabelSelector::from_json(&Value::Null).expect("null is valid");
    assert!(sel.is_nothing());
    assert!(!sel.is_empty());
    assert!(!sel.matches(&Map::new()));
    assert!(!sel.matches(&labels(json!({"a": "b"}))));
    assert_eq!(sel.to_string(), "");
}

#[test]
fn from_json_bad_operator_is_rejected() {
    let err = LabelSelector::from_json(&json!({
        "matchExpressions": [{"key": "a", "operator": "Gt", "values": ["1"]}]
    }))
    .expect_err("Gt is not a metav1 operator");
    assert_eq!(err.to_string(), "\"Gt\" is not a valid label selector operator");
}

#[test]
fn from_json_in_without_values_is_rejected() {
    let err = LabelSelector::from_json(&json!({
        "matchExpressions": [{"key": "a", "operator": "In", "values": []}]
    }))
    .expect_err("In needs values");
    assert_eq!(err.to_string(), "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty");
}

#[test]
fn from_json_exists_with_values_is_rejected() {
    let err = LabelSelector::from_json(&json!({
        "matchExpressions": [{"key": "a", "operator": "Exists", "values": ["x"]}]
    }))
    .expect_err("Exists takes no values");
    assert_eq!(
        err.to_string(),
        "values: Invalid value: [\"x\"]: values set must be empty for exists and does not exist"
    );
}

#[test]
fn from_json_invalid_label_key_uses_key_path() {
    let err = LabelSelector::from_json(&json!({"matchLabels": {"a@": "b"}})).expect_err("bad key");
    assert!(err.to_string().starts_with("key: Invalid value: \"a@\": name part"), "{err}");
}

#[test]
fn from_json_non_object_is_rejected() {
    assert!(LabelSelector::from_json(&json!("app=web")).is_err());
    assert!(LabelSelector::from_json(&json!({"matchLabels": {"a": 1}})).is_err());
    assert!(LabelSelector::from_json(&json!({"matchExpressions": {}})).is_err());
}

#[test]
fn from_match_labels_empty_matches_everything() {
    let sel = LabelSelector::from_match_labels([]);
    assert!(sel.is_empty());
    let sel = LabelSelector::from_match_labels([("b", "2"), ("a", "1")]);
    assert_eq!(sel.to_string(), "a=1,b=2");
    assert!(sel.matches(&labels(json!({"a": "1", "b": "2", "c": "3"}))));
    assert!(!sel.matches(&labels(json!({"a": "1"}))));
}

#[test]
fn matches_labels_missing_or_null_counts_as_empty() {
    let sel = parse_ok("!a");
    assert!(sel.matches_labels(None));
    assert!(sel.matches_labels(Some(&Value::Null)));
    assert!(sel.matches_object(&json!({"metadata": {"name": "x"}})));
    assert!(!sel.matches_object(&json!({"metadata": {"labels": {"a": "1"}}})));
}

#[test]
fn matches_map_typed_labels_matches() {
    let sel = parse_ok("app=web");
    let mut m = BTreeMap::new();
    m.insert("app".to_owned(), "web".to_owned());
    assert!(sel.matches_map(&m));
    m.insert("app".to_owned(), "db".to_owned());
    assert!(!sel.matches_map(&m));
}

#[test]
fn format_label_selector_matches_kubectl_column() {
    assert_eq!(format_label_selector(&json!({"matchLabels": {"app": "web"}})), "app=web");
    assert_eq!(format_label_selector(&json!({})), "<none>");
    assert_eq!(format_label_selector(&Value::Null), "<none>");
    assert_eq!(format_label_selector(&json!({"matchExpressions": [{"key": "a", "operator": "Bad"}]})), "<error>");
}

#[test]
fn add_keeps_requirements_sorted() {
    let mut sel = parse_ok("b=1");
    sel.add(Requirement::new("a", Operator::Exists, vec![]).expect("valid"));
    assert_eq!(sel.to_string(), "a,b=1");
}

#[test]
fn requirement_new_rejects_wrong_value_counts() {
    assert!(Requirement::new("a", Operator::Equals, vec![]).is_err());
    assert!(Requirement::new("a", Operator::Equals, vec!["x".into(), "y".into()]).is_err());
    assert!(Requirement::new("a", Operator::GreaterThan, vec!["1".into()]).is_ok());
    assert!(Requirement::new("a", Operator::LessThan, vec!["x".into()]).is_err());
    assert!(Requirement::new("", Operator::Exists, vec![]).is_err());
}

#[test]
fn label_value_errors_accepts_empty_and_rejects_edges() {
    assert!(label_value_errors("").is_empty());
    assert!(label_value_errors("a").is_empty());
    assert!(!label_value_errors("-a").is_empty());
    assert!(!label_value_errors("a-").is_empty());
    assert!(!label_value_errors("a b").is_empty());
}

#[test]
fn go_quote_escapes_like_go() {
    assert_eq!(go_quote("a\"b\\c\n\t\u{1}"), "\"a\\\"b\\\\c\\n\\t\\x01\"");
    assert_eq!(go_quote("é"), "\"é\"");
}
