//! Conversion between API versions that share one storage, as kube-apiserver converts them:
//! `events.k8s.io/v1` Events are core/v1 Events with renamed fields, so an event a kube-rs
//! `Recorder` writes shows in `kubectl describe` and `kubectl get events`, and the reverse.

use serde_json::{Map, Value};

/// (events.k8s.io/v1 name, core/v1 name) for fields that differ.
const EVENT_FIELDS: &[(&str, &str)] = &[
    ("regarding", "involvedObject"),
    ("note", "message"),
    ("reportingController", "reportingComponent"),
    ("deprecatedSource", "source"),
    ("deprecatedFirstTimestamp", "firstTimestamp"),
    ("deprecatedLastTimestamp", "lastTimestamp"),
    ("deprecatedCount", "count"),
];

fn rename(obj: &Value, api_version: &str, map: impl Fn(&str) -> Option<&'static str>) -> Value {
    let Some(src) = obj.as_object() else { return obj.clone() };
    let mut out = Map::new();
    for (k, v) in src {
        let key = map(k).map(str::to_string).unwrap_or_else(|| k.clone());
        out.insert(key, v.clone());
    }
    out.insert("apiVersion".into(), Value::from(api_version));
    out.insert("kind".into(), Value::from("Event"));
    Value::Object(out)
}

/// An `events.k8s.io/v1` Event as the core/v1 Event that stores it.
pub fn event_to_core(obj: &Value) -> Value {
    rename(obj, "v1", |k| EVENT_FIELDS.iter().find(|(new, _)| *new == k).map(|(_, old)| *old))
}

/// A stored core/v1 Event as `events.k8s.io/v1` presents it.
pub fn event_from_core(obj: &Value) -> Value {
    rename(obj, "events.k8s.io/v1", |k| EVENT_FIELDS.iter().find(|(_, old)| *old == k).map(|(new, _)| *new))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn event_conversion_round_trips_and_renames() {
        let v1 = json!({
            "apiVersion": "events.k8s.io/v1", "kind": "Event",
            "metadata": {"name": "e", "namespace": "default"},
            "regarding": {"kind": "Pod", "name": "p"}, "note": "hello", "reason": "Started",
            "reportingController": "kubelet", "reportingInstance": "node-1", "type": "Normal",
            "eventTime": "2026-01-01T00:00:00.000000Z", "deprecatedCount": 3,
        });
        let core = event_to_core(&v1);
        assert_eq!(core["apiVersion"], "v1");
        assert_eq!(core["involvedObject"]["name"], "p");
        assert_eq!(core["message"], "hello");
        assert_eq!(core["reportingComponent"], "kubelet");
        assert_eq!(core["count"], 3);
        assert!(core.get("note").is_none());
        assert_eq!(event_from_core(&core), v1);
    }
}
