//! Printers for networking.k8s.io and discovery.k8s.io kinds: ingresses, ingress classes,
//! network policies and endpoint slices.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::core::load_balancer_ingress;
use super::field::{age, arr_at, at, format_label_selector, int_at, is_set, name, opt_str_at, str_at};
use super::{ColumnDefinition, age_col, doc, name_col, string_col};

pub(super) fn ingress_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("Class", doc::INGRESS_CLASS),
        string_col("Hosts", doc::INGRESS_HOSTS),
        string_col("Address", doc::INGRESS_ADDRESS),
        string_col("Ports", doc::INGRESS_PORTS),
        age_col(),
    ]
}

/// `formatHosts`: up to three rule hosts, `*` when no rule names one.
fn format_hosts(rules: &[Value]) -> String {
    const MAX: usize = 3;
    let mut list: Vec<&str> = Vec::new();
    let mut more = false;
    for rule in rules {
        if list.len() == MAX {
            more = true;
        }
        let host = str_at(rule, &["host"]);
        if !more && !host.is_empty() {
            list.push(host);
        }
    }
    if list.is_empty() {
        return "*".to_string();
    }
    let joined = list.join(",");
    if more {
        // Go subtracts from the number of rules, hostless ones included.
        format!("{joined} + {} more...", rules.len().saturating_sub(MAX))
    } else {
        joined
    }
}

pub(super) fn ingress_cells(ing: &Value, now: Timestamp) -> Vec<Value> {
    let ports = if arr_at(ing, &["spec", "tls"]).is_empty() { "80" } else { "80, 443" };
    vec![
        json!(name(ing)),
        json!(opt_str_at(ing, &["spec", "ingressClassName"]).unwrap_or("<none>")),
        json!(format_hosts(arr_at(ing, &["spec", "rules"]))),
        json!(load_balancer_ingress(at(ing, &["status", "loadBalancer"]).unwrap_or(&Value::Null))),
        json!(ports),
        json!(age(ing, now)),
    ]
}

pub(super) fn ingress_class_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("Controller", doc::INGRESS_CLASS_CONTROLLER),
        string_col("Parameters", doc::INGRESS_CLASS_PARAMETERS),
        age_col(),
    ]
}

pub(super) fn ingress_class_cells(ic: &Value, now: Timestamp) -> Vec<Value> {
    let parameters = match at(ic, &["spec", "parameters"]).filter(|p| p.is_object()) {
        Some(p) => {
            let kind = str_at(p, &["kind"]);
            let kind = match opt_str_at(p, &["apiGroup"]) {
                Some(group) => format!("{kind}.{group}"),
                None => kind.to_string(),
            };
            format!("{kind}/{}", str_at(p, &["name"]))
        }
        None => "<none>".to_string(),
    };
    vec![json!(name(ic)), json!(str_at(ic, &["spec", "controller"])), json!(parameters), json!(age(ic, now))]
}

pub(super) fn network_policy_columns() -> Vec<ColumnDefinition> {
    vec![name_col(), string_col("Pod-Selector", doc::EXT_NETPOL_SPEC_POD_SELECTOR), age_col()]
}

pub(super) fn network_policy_cells(np: &Value, now: Timestamp) -> Vec<Value> {
    // podSelector is a value, not a pointer, in Go: an absent one is the empty selector.
    let selector = at(np, &["spec", "podSelector"]).filter(|s| !s.is_null());
    vec![json!(name(np)), json!(format_label_selector(selector.or(Some(&json!({}))))), json!(age(np, now))]
}

pub(super) fn endpoint_slice_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("AddressType", doc::ENDPOINT_SLICE_ADDRESS_TYPE),
        string_col("Ports", doc::ENDPOINT_SLICE_PORTS),
        string_col("Endpoints", doc::ENDPOINT_SLICE_ENDPOINTS),
        age_col(),
    ]
}

/// `listWithMoreString`: `a,b,c + N more...`, `<unset>` when empty.
fn list_with_more(items: Vec<String>) -> String {
    const MAX: usize = 3;
    let count = items.len();
    if count > MAX {
        return format!("{} + {} more...", items[..MAX].join(","), count - MAX);
    }
    if items.is_empty() {
        return "<unset>".to_string();
    }
    items.join(",")
}

pub(super) fn endpoint_slice_cells(slice: &Value, now: Timestamp) -> Vec<Value> {
    let ports = arr_at(slice, &["ports"])
        .iter()
        .map(|p| {
            if is_set(p, &["port"]) {
                int_at(p, &["port"]).to_string()
            } else if let Some(port_name) = opt_str_at(p, &["name"]) {
                port_name.to_string()
            } else {
                "*".to_string()
            }
        })
        .collect();
    let addresses = arr_at(slice, &["endpoints"])
        .iter()
        .flat_map(|e| arr_at(e, &["addresses"]))
        .map(|a| a.as_str().unwrap_or("").to_string())
        .collect();
    vec![
        json!(name(slice)),
        json!(str_at(slice, &["addressType"])),
        json!(list_with_more(ports)),
        json!(list_with_more(addresses)),
        json!(age(slice, now)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2024-05-01T12:00:00Z".parse().expect("valid timestamp")
    }

    #[test]
    fn ingress_prints_class_hosts_address_and_ports() {
        let ing = json!({
            "metadata": {"name": "web", "creationTimestamp": "2024-05-01T10:00:00Z"},
            "spec": {"ingressClassName": "nginx", "tls": [{"hosts": ["a.example.com"]}],
                     "rules": [{"host": "a.example.com"}, {"host": "b.example.com"}]},
            "status": {"loadBalancer": {"ingress": [{"ip": "192.168.49.2"}]}},
        });
        assert_eq!(
            ingress_cells(&ing, now()),
            vec![
                json!("web"),
                json!("nginx"),
                json!("a.example.com,b.example.com"),
                json!("192.168.49.2"),
                json!("80, 443"),
                json!("120m"),
            ]
        );
    }

    #[test]
    fn ingress_without_class_or_hosts_prints_none_and_star() {
        let ing = json!({"spec": {"rules": [{"http": {}}]}});
        let cells = ingress_cells(&ing, now());
        assert_eq!(cells[1..5], [json!("<none>"), json!("*"), json!(""), json!("80")]);
    }

    #[test]
    fn ingress_many_hosts_count_the_rest() {
        let rules: Vec<Value> = ["a", "b", "c", "d", "e"].iter().map(|h| json!({"host": h})).collect();
        assert_eq!(format_hosts(&rules), "a,b,c + 2 more...");
    }

    #[test]
    fn ingress_class_prints_parameters_reference() {
        let ic = json!({"spec": {"controller": "k8s.io/ingress-nginx",
                                 "parameters": {"apiGroup": "k8s.example.com", "kind": "IngressParameters", "name": "p"}}});
        let cells = ingress_class_cells(&ic, now());
        assert_eq!(cells[1..3], [json!("k8s.io/ingress-nginx"), json!("IngressParameters.k8s.example.com/p")]);
        assert_eq!(ingress_class_cells(&json!({}), now())[2], json!("<none>"));
    }

    #[test]
    fn network_policy_prints_pod_selector() {
        let np = json!({"spec": {"podSelector": {"matchLabels": {"role": "db"}}}});
        assert_eq!(network_policy_cells(&np, now())[1], json!("role=db"));
        let all = json!({"spec": {"podSelector": {}}});
        assert_eq!(network_policy_cells(&all, now())[1], json!("<none>"));
    }

    #[test]
    fn endpoint_slice_prints_ports_and_addresses() {
        let slice = json!({
            "addressType": "IPv4",
            "ports": [{"name": "http", "port": 80}, {"name": "named"}, {}],
            "endpoints": [{"addresses": ["10.0.0.1"]}, {"addresses": ["10.0.0.2", "10.0.0.3", "10.0.0.4"]}],
        });
        let cells = endpoint_slice_cells(&slice, now());
        assert_eq!(cells[1..4], [json!("IPv4"), json!("80,named,*"), json!("10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...")]);
        let empty = endpoint_slice_cells(&json!({}), now());
        assert_eq!(empty[2..4], [json!("<unset>"), json!("<unset>")]);
    }
}
