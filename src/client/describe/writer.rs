//! The pieces every describer shares, as kubectl's `describe.go` writes them: a prefix
//! writer (two spaces per level, tab-separated cells aligned at the end), the multi-line
//! label, annotation, taint and toleration blocks, the Events table, RFC 1123 times in the
//! local zone, and small accessors over JSON objects.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde_json::Value;

use crate::k8s::gofmt;
use crate::k8s::table::human_duration;

/// kubectl's `prefixWriter` into a buffer aligned by `tabwriter` when finished.
#[derive(Default)]
pub struct Out {
    buf: String,
}

impl Out {
    pub fn new() -> Out {
        Out::default()
    }

    /// `w.Write(level, …)`: the text, indented two spaces per level.
    pub fn w(&mut self, level: usize, text: &str) {
        for _ in 0..level {
            self.buf.push_str("  ");
        }
        self.buf.push_str(text);
    }

    /// `w.WriteLine(text)`.
    pub fn line(&mut self, text: &str) {
        self.buf.push_str(text);
        self.buf.push('\n');
    }

    /// The aligned text (`tabbedString`).
    pub fn finish(self) -> String {
        super::tabwriter::align(&escape_terminal(&self.buf), 0, 2)
    }
}

/// kubectl's `WriteEscaped`: terminal control sequences in object data are shown, not run.
fn escape_terminal(s: &str) -> String {
    if !s.contains('\x1b') && !s.contains('\r') {
        return s.to_string();
    }
    s.replace('\x1b', "^[").replace('\r', "\\r")
}

/// The value at a dotted path (`spec.template.spec`).
pub fn get<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(v);
    }
    path.split('.').try_fold(v, |cur, key| cur.get(key))
}

/// A string field, `""` when missing.
pub fn st<'a>(v: &'a Value, path: &str) -> &'a str {
    get(v, path).and_then(Value::as_str).unwrap_or("")
}

/// An integer field, 0 when missing (Go's zero value).
pub fn int(v: &Value, path: &str) -> i64 {
    get(v, path).and_then(Value::as_i64).unwrap_or(0)
}

pub fn bool_at(v: &Value, path: &str) -> bool {
    get(v, path).and_then(Value::as_bool).unwrap_or(false)
}

pub fn arr<'a>(v: &'a Value, path: &str) -> &'a [Value] {
    get(v, path).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// A `map[string]string` field, sorted by key.
pub fn smap(v: &Value, path: &str) -> BTreeMap<String, String> {
    get(v, path)
        .and_then(Value::as_object)
        .map(|m| {
            m.iter().map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| gofmt::sprint(v), str::to_string))).collect()
        })
        .unwrap_or_default()
}

/// Go's `%v` of a decoded value.
pub fn v(value: Option<&Value>) -> String {
    match value {
        None => String::new(),
        Some(v) => gofmt::sprint(v),
    }
}

/// Go's `%v` of a `[]string`: `[a b]`.
pub fn go_list(items: &[Value]) -> String {
    let parts: Vec<String> = items.iter().map(gofmt::sprint).collect();
    format!("[{}]", parts.join(" "))
}

/// An RFC 3339 time as Go's `time.RFC1123Z` in the local zone (`Mon, 02 Jan 2006 15:04:05
/// -0700`), as kubectl prints it; a missing time is Go's zero time.
pub fn rfc1123z(ts: &str) -> String {
    match ts.parse::<Timestamp>() {
        Ok(t) => t.to_zoned(jiff::tz::TimeZone::system()).strftime("%a, %d %b %Y %H:%M:%S %z").to_string(),
        Err(_) => "Mon, 01 Jan 0001 00:00:00 +0000".to_string(),
    }
}

/// kubectl's `translateTimestampSince`.
pub fn since(ts: &str, now: Timestamp) -> String {
    match ts.parse::<Timestamp>() {
        Ok(t) => human_duration(now.duration_since(t)),
        Err(_) => "<unknown>".to_string(),
    }
}

/// `printLabelsMultilineWithIndent`.
pub fn labels_multiline(
    w: &mut Out,
    initial_indent: &str,
    title: &str,
    inner_indent: &str,
    labels: &BTreeMap<String, String>,
) {
    w.w(0, &format!("{initial_indent}{title}:{inner_indent}"));
    if labels.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, (k, val)) in labels.iter().enumerate() {
        if i != 0 {
            w.w(0, initial_indent);
            w.w(0, inner_indent);
        }
        w.w(0, &format!("{k}={val}\n"));
    }
}

/// The lines most describers open with: Name, Namespace (for a namespaced object),
/// Labels and Annotations.
pub fn object_header(w: &mut Out, obj: &Value, namespaced: bool) {
    w.w(0, &format!("Name:\t{}\n", st(obj, "metadata.name")));
    if namespaced {
        w.w(0, &format!("Namespace:\t{}\n", st(obj, "metadata.namespace")));
    }
    labels(w, "Labels", &smap(obj, "metadata.labels"));
    annotations(w, "Annotations", &smap(obj, "metadata.annotations"));
}

/// `printLabelsMultiline`.
pub fn labels(w: &mut Out, title: &str, labels: &BTreeMap<String, String>) {
    labels_multiline(w, "", title, "\t", labels);
}

const MAX_ANNOTATION_LEN: usize = 140;

/// `printAnnotationsMultiline`: the last-applied configuration is left out, and long or
/// multi-line values go on their own lines, each cut at 138 bytes.
pub fn annotations(w: &mut Out, title: &str, annotations: &BTreeMap<String, String>) {
    w.w(0, &format!("{title}:\t"));
    let keys: Vec<&String> =
        annotations.keys().filter(|k| k.as_str() != "kubectl.kubernetes.io/last-applied-configuration").collect();
    if keys.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, key) in keys.iter().enumerate() {
        if i != 0 {
            w.w(0, "\t");
        }
        let value = annotations[key.as_str()].strip_suffix('\n').unwrap_or(&annotations[key.as_str()]);
        if value.len() + key.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            w.w(0, &format!("{key}:\n"));
            for s in value.split('\n') {
                w.w(0, &format!("\t  {}\n", shorten(s, MAX_ANNOTATION_LEN - 2)));
            }
        } else {
            w.w(0, &format!("{key}: {value}\n"));
        }
    }
}

/// Go's `s[:max] + "..."`, on a byte boundary as Go slices (rounded down to a character).
fn shorten(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &s[..end])
}

/// `Taint.ToString()`.
pub fn taint_string(t: &Value) -> String {
    let (key, value, effect) = (st(t, "key"), st(t, "value"), st(t, "effect"));
    match (value.is_empty(), effect.is_empty()) {
        (true, true) => key.to_string(),
        (false, true) => format!("{key}={value}:"),
        (true, false) => format!("{key}:{effect}"),
        (false, false) => format!("{key}={value}:{effect}"),
    }
}

/// `printTaintsMultilineWithIndent`, sorted by effect then key.
pub fn taints(w: &mut Out, title: &str, taints: &[Value]) {
    w.w(0, &format!("{title}:\t"));
    if taints.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Value> = taints.iter().collect();
    sorted.sort_by_key(|t| format!("{},{}", st(t, "effect"), st(t, "key")));
    for (i, t) in sorted.iter().enumerate() {
        if i != 0 {
            w.w(0, "\t");
        }
        w.w(0, &format!("{}\n", taint_string(t)));
    }
}

/// `printTolerationsMultilineWithIndent`, sorted by key.
pub fn tolerations(w: &mut Out, initial_indent: &str, title: &str, tolerations: &[Value]) {
    w.w(0, &format!("{initial_indent}{title}:\t"));
    if tolerations.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Value> = tolerations.iter().collect();
    sorted.sort_by_key(|t| st(t, "key").to_string());
    for (i, t) in sorted.iter().enumerate() {
        if i != 0 {
            w.w(0, initial_indent);
            w.w(0, "\t");
        }
        let (key, value, effect) = (st(t, "key"), st(t, "value"), st(t, "effect"));
        let mut s = key.to_string();
        if !value.is_empty() {
            s.push_str(&format!("={value}"));
        }
        if !effect.is_empty() {
            s.push_str(&format!(":{effect}"));
        }
        if st(t, "operator") == "Exists" && value.is_empty() {
            s.push_str(if !key.is_empty() || !effect.is_empty() { " op=Exists" } else { "op=Exists" });
        }
        if let Some(secs) = get(t, "tolerationSeconds").and_then(Value::as_i64) {
            s.push_str(&format!(" for {secs}s"));
        }
        w.w(0, &format!("{s}\n"));
    }
}

/// When an event happened, for ordering (kubectl's `SortableEvents`).
fn event_time(e: &Value) -> String {
    if let Some(t) = get(e, "series.lastObservedTime").and_then(Value::as_str) {
        return t.to_string();
    }
    match st(e, "lastTimestamp") {
        "" => st(e, "eventTime").to_string(),
        t => t.to_string(),
    }
}

/// `DescribeEvents`: `Type Reason Age From Message`, oldest first, with `(xN over AGE)`.
pub fn events(w: &mut Out, events: &[Value], now: Timestamp) {
    if events.is_empty() {
        w.w(0, "Events:\t<none>\n");
        return;
    }
    let mut sorted: Vec<&Value> = events.iter().collect();
    // Go's insertion sort for short lists is stable; keep the server's order for ties.
    sorted.sort_by_cached_key(|e| event_time(e).parse::<Timestamp>().ok());
    w.w(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.w(1, "----\t------\t----\t----\t-------\n");
    for e in sorted {
        let first = match st(e, "eventTime") {
            "" => since(st(e, "firstTimestamp"), now),
            t => since(t, now),
        };
        let count = int(e, "count");
        let interval = if get(e, "series").is_some_and(|s| !s.is_null()) {
            format!("{} (x{} over {first})", since(st(e, "series.lastObservedTime"), now), int(e, "series.count"))
        } else if count > 1 {
            format!("{} (x{count} over {first})", since(st(e, "lastTimestamp"), now))
        } else {
            first
        };
        let source = match st(e, "source.component") {
            "" => st(e, "reportingComponent"),
            s => s,
        };
        w.w(1, &format!("{}\t{}\t{interval}\t{source}\t{}\n", st(e, "type"), st(e, "reason"), st(e, "message").trim()));
    }
}

/// `Kind/name` of the object's controller, if any (`printController`).
pub fn controller(obj: &Value) -> Option<String> {
    arr(obj, "metadata.ownerReferences")
        .iter()
        .find(|r| bool_at(r, "controller"))
        .map(|r| format!("{}/{}", st(r, "kind"), st(r, "name")))
}

/// A quantity string in its canonical form (`resource.Quantity.String()`).
pub fn quantity(v: Option<&Value>) -> String {
    match v {
        None => "0".to_string(),
        Some(q) => {
            crate::k8s::quantity::Quantity::from_json(q).map(|q| q.to_string()).unwrap_or_else(|_| gofmt::sprint(q))
        }
    }
}

/// `stringOrNone`.
pub fn or_none(s: &str) -> &str {
    if s.is_empty() { "<none>" } else { s }
}

/// Go's `True`/`False` (`printBool`).
pub fn go_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn annotations_skip_last_applied_and_wrap_long_values() {
        let mut w = Out::new();
        let mut a = BTreeMap::new();
        a.insert("kubectl.kubernetes.io/last-applied-configuration".to_string(), "{}".to_string());
        a.insert("short".to_string(), "v".to_string());
        a.insert("long".to_string(), "x".repeat(150));
        annotations(&mut w, "Annotations", &a);
        let out = w.finish();
        assert!(out.starts_with("Annotations:  long:\n                "), "{out}");
        assert!(out.contains(&format!("{}...\n", "x".repeat(138))), "{out}");
        assert!(out.ends_with("              short: v\n"), "{out}");
    }

    #[test]
    fn tolerations_print_like_kubectl() {
        let mut w = Out::new();
        let t = [
            json!({"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}),
            json!({"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}),
        ];
        tolerations(&mut w, "", "Tolerations", &t);
        assert_eq!(
            w.finish(),
            "Tolerations:  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n              node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n"
        );
    }

    #[test]
    fn events_show_counts_and_sources() {
        let now: Timestamp = "2024-01-01T00:10:00Z".parse().expect("time");
        let e = json!({"type": "Warning", "reason": "FailedScheduling", "count": 3, "firstTimestamp": "2024-01-01T00:05:00Z",
            "lastTimestamp": "2024-01-01T00:09:00Z", "source": {"component": "default-scheduler"}, "message": "no nodes "});
        let mut w = Out::new();
        events(&mut w, &[e], now);
        assert_eq!(
            w.finish(),
            "Events:\n  Type     Reason            Age               From               Message\n  ----     ------            ----              ----               -------\n  Warning  FailedScheduling  60s (x3 over 5m)  default-scheduler  no nodes\n"
        );
    }

    #[test]
    fn rfc1123z_formats_like_go() {
        // The zone depends on the machine; the shape does not.
        let s = rfc1123z("2024-01-01T00:00:00Z");
        assert!(s.len() == "Mon, 01 Jan 2024 00:00:00 +0000".len(), "{s}");
        assert_eq!(rfc1123z(""), "Mon, 01 Jan 0001 00:00:00 +0000");
    }
}
