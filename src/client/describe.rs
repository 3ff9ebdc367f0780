//! `describe` for any kind, in the shape of kubectl's generic describer (the one it uses for
//! custom resources): identity first (Name, Namespace, Labels, Annotations), then every
//! other field with its key split into words (`creationTimestamp` → `Creation Timestamp`),
//! then the object's Events, newest last.

use serde_json::Value;

use super::rest;
use super::{ClientError, Session};
use crate::k8s::catalog::ResourceType;

fn words(key: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = key.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let boundary = i > 0
            && c.is_uppercase()
            && (chars[i - 1].is_lowercase() || chars.get(i + 1).is_some_and(|n| n.is_lowercase()));
        if boundary {
            out.push(' ');
        }
        if i == 0 { out.extend(c.to_uppercase()) } else { out.push(c) }
    }
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "<nil>".into(),
        other => other.to_string(),
    }
}

fn map_lines(out: &mut String, label: &str, m: Option<&serde_json::Map<String, Value>>) {
    let pad = 14usize.saturating_sub(label.len() + 1).max(1);
    match m.filter(|m| !m.is_empty()) {
        None => out.push_str(&format!("{label}:{}<none>\n", " ".repeat(pad))),
        Some(m) => {
            for (i, (k, v)) in m.iter().enumerate() {
                let head =
                    if i == 0 { format!("{label}:{}", " ".repeat(pad)) } else { " ".repeat(label.len() + 1 + pad) };
                out.push_str(&format!("{head}{k}={}\n", scalar(v)));
            }
        }
    }
}

fn walk(out: &mut String, v: &Value, indent: usize) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) => {
            for (k, val) in m {
                match val {
                    Value::Object(o) if !o.is_empty() => {
                        out.push_str(&format!("{pad}{}:\n", words(k)));
                        walk(out, val, indent + 2);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push_str(&format!("{pad}{}:\n", words(k)));
                        walk(out, val, indent + 2);
                    }
                    _ => out.push_str(&format!("{pad}{}:  {}\n", words(k), scalar(val))),
                }
            }
        }
        Value::Array(a) => {
            for item in a {
                match item {
                    Value::Object(_) => {
                        let mut inner = String::new();
                        walk(&mut inner, item, indent + 2);
                        // The first line of an item carries the list dash, as kubectl does.
                        let mut lines = inner.lines();
                        if let Some(first) = lines.next() {
                            out.push_str(&format!("{pad}- {}\n", first.trim_start()));
                        }
                        for l in lines {
                            out.push_str(l);
                            out.push('\n');
                        }
                    }
                    other => out.push_str(&format!("{pad}- {}\n", scalar(other))),
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

/// The describe text of an object and its events (as of `now`, for the event ages).
pub fn render(obj: &Value, events: &[Value], now: jiff::Timestamp) -> String {
    let mut out = String::new();
    let meta = obj.get("metadata");
    out.push_str(&format!("Name:         {}\n", crate::k8s::meta::name(obj)));
    if let Some(ns) = crate::k8s::meta::namespace(obj) {
        out.push_str(&format!("Namespace:    {ns}\n"));
    }
    map_lines(&mut out, "Labels", meta.and_then(|m| m.get("labels")).and_then(Value::as_object));
    let mut annotations = meta.and_then(|m| m.get("annotations")).and_then(Value::as_object).cloned();
    if let Some(a) = annotations.as_mut() {
        // kubectl elides the last-applied blob; it is the whole object again.
        a.remove("kubectl.kubernetes.io/last-applied-configuration");
    }
    map_lines(&mut out, "Annotations", annotations.as_ref());
    out.push_str(&format!("API Version:  {}\n", obj.get("apiVersion").map(scalar).unwrap_or_default()));
    out.push_str(&format!("Kind:         {}\n", obj.get("kind").map(scalar).unwrap_or_default()));
    let mut rest = obj.clone();
    if let Some(o) = rest.as_object_mut() {
        for k in ["apiVersion", "kind"] {
            o.remove(k);
        }
        if let Some(m) = o.get_mut("metadata").and_then(Value::as_object_mut) {
            for k in ["name", "namespace", "labels", "annotations", "managedFields"] {
                m.remove(k);
            }
        }
    }
    walk(&mut out, &rest, 0);
    out.push_str("Events:");
    if events.is_empty() {
        out.push_str("  <none>\n");
        return out;
    }
    out.push('\n');
    let mut rows = vec![
        vec!["Type".to_string(), "Reason".into(), "Age".into(), "From".into(), "Message".into()],
        vec!["----".to_string(), "------".into(), "----".into(), "----".into(), "-------".into()],
    ];
    for e in events {
        let last = e
            .get("lastTimestamp")
            .or_else(|| e.get("eventTime"))
            .and_then(Value::as_str)
            .and_then(|t| t.parse::<jiff::Timestamp>().ok());
        let age = last
            .map(|t| crate::k8s::table::human_duration(now.duration_since(t)))
            .unwrap_or_else(|| "<unknown>".into());
        let count = e.get("count").and_then(Value::as_i64).unwrap_or(1);
        let age = if count > 1 { format!("{age} (x{count})") } else { age };
        let from = e
            .pointer("/source/component")
            .or_else(|| e.get("reportingComponent"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        rows.push(vec![
            e.get("type").map(scalar).unwrap_or_default(),
            e.get("reason").map(scalar).unwrap_or_default(),
            age,
            from,
            e.get("message").map(scalar).unwrap_or_default().trim().to_string(),
        ]);
    }
    for line in super::printer::layout(&rows).lines() {
        out.push_str("  ");
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `kx describe TYPE NAME`: the object and its events.
pub async fn describe(
    session: &Session,
    rt: &ResourceType,
    namespace: Option<&str>,
    name: &str,
) -> Result<String, ClientError> {
    let get = |p: String| http::Request::get(p).body(Vec::new()).expect("valid request");
    let obj = rest::call_json(session.client(), get(rest::path(rt, namespace, Some(name)))).await?;
    let uid = crate::k8s::meta::uid(&obj).to_string();
    let ev_path = match namespace.filter(|_| rt.namespaced) {
        Some(ns) => format!("/api/v1/namespaces/{ns}/events"),
        None => "/api/v1/events".to_string(),
    };
    let q = rest::query(&[("fieldSelector", &format!("involvedObject.uid={uid}"))]);
    // Events are a courtesy: a server that refuses them still gets the object described.
    let mut events: Vec<Value> = match rest::call_json(session.client(), get(format!("{ev_path}?{q}"))).await {
        Ok(list) => list.get("items").and_then(Value::as_array).cloned().unwrap_or_default(),
        Err(_) => Vec::new(),
    };
    events.sort_by(|a, b| {
        let t = |e: &Value| e.get("lastTimestamp").and_then(Value::as_str).unwrap_or("").to_string();
        t(a).cmp(&t(b))
    });
    Ok(render(&obj, &events, jiff::Timestamp::now()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn words_splits_camel_case_like_kubectl() {
        assert_eq!(words("creationTimestamp"), "Creation Timestamp");
        assert_eq!(words("podIP"), "Pod IP");
        assert_eq!(words("hostIPs"), "Host I Ps");
        assert_eq!(words("spec"), "Spec");
    }

    #[test]
    fn render_lists_identity_fields_and_events() {
        let obj = json!({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}, "uid": "u"},
            "spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}}});
        let ev = json!({"type": "Normal", "reason": "ScalingReplicaSet", "message": "Scaled up", "count": 1,
            "lastTimestamp": "2024-01-01T00:00:00Z", "source": {"component": "deployment-controller"}});
        let now: jiff::Timestamp = "2024-01-01T00:01:00Z".parse().expect("time");
        let text = render(&obj, &[ev], now);
        assert!(
            text.starts_with("Name:         web\nNamespace:    default\nLabels:       app=web\nAnnotations:  <none>\n"),
            "{text}"
        );
        assert!(text.contains("Spec:\n  Replicas:  2\n"), "{text}");
        assert!(text.contains("      Containers:\n        - Image:  nginx\n          Name:  nginx\n"), "{text}");
        assert!(text.contains("Normal   ScalingReplicaSet   60s    deployment-controller   Scaled up"), "{text}");
    }
}
