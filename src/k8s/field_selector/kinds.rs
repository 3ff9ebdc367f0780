//! Which fields each built-in kind can be selected on, transcribed from Kubernetes 1.33: the
//! field label conversion functions (`pkg/apis/*/v*/conversion.go`, which decide what is
//! accepted and word the 400) and the registry strategies' `ToSelectableFields`
//! (`pkg/registry/*/*/strategy.go`, which decide the value compared).
//!
//! The two lists differ on purpose upstream, and we keep both behaviours: pods accept
//! `status.podIPs` but never set it (so it only ever equals `""`), and the apps group registers
//! no conversion function at all, so Deployments and ReplicaSets reject everything but
//! `metadata.name` and `metadata.namespace` even though their strategies list more.

use serde_json::Value;

use super::SelectorError;
use crate::k8s::selector::go_quote;

/// How a kind's conversion function words a rejected field.
#[derive(Clone, Copy)]
enum Rejection {
    /// `field label not supported: <label>` (most core kinds).
    NotSupported,
    /// `field label "<label>" not supported for batchv1.Job`.
    BatchJob,
}

struct KindRules {
    group: &'static str,
    kind: &'static str,
    /// Accepted as written.
    accepted: &'static [&'static str],
    /// Accepted under another spelling, rewritten to the canonical one.
    aliases: &'static [(&'static str, &'static str)],
    rejection: Rejection,
}

const KINDS: &[KindRules] = &[
    KindRules {
        group: "",
        kind: "Pod",
        accepted: &[
            "metadata.name",
            "metadata.namespace",
            "spec.nodeName",
            "spec.restartPolicy",
            "spec.schedulerName",
            "spec.serviceAccountName",
            "spec.hostNetwork",
            "status.phase",
            "status.podIP",
            "status.podIPs",
            "status.nominatedNodeName",
        ],
        // Old v1 clients still send spec.host.
        aliases: &[("spec.host", "spec.nodeName")],
        rejection: Rejection::NotSupported,
    },
    KindRules {
        group: "",
        kind: "Node",
        // Cluster-scoped: metadata.namespace is not accepted.
        accepted: &["metadata.name", "spec.unschedulable"],
        aliases: &[],
        rejection: Rejection::NotSupported,
    },
    KindRules {
        group: "",
        kind: "ReplicationController",
        accepted: &["metadata.name", "metadata.namespace", "status.replicas"],
        aliases: &[],
        rejection: Rejection::NotSupported,
    },
    KindRules {
        group: "",
        kind: "Event",
        accepted: &[
            "involvedObject.kind",
            "involvedObject.namespace",
            "involvedObject.name",
            "involvedObject.uid",
            "involvedObject.apiVersion",
            "involvedObject.resourceVersion",
            "involvedObject.fieldPath",
            "reason",
            "reportingComponent",
            "source",
            "type",
            "metadata.namespace",
            "metadata.name",
        ],
        aliases: &[],
        rejection: Rejection::NotSupported,
    },
    KindRules {
        group: "",
        kind: "Namespace",
        accepted: &["status.phase", "metadata.name"],
        aliases: &[],
        rejection: Rejection::NotSupported,
    },
    KindRules {
        group: "",
        kind: "Secret",
        accepted: &["type", "metadata.namespace", "metadata.name"],
        aliases: &[],
        rejection: Rejection::NotSupported,
    },
    KindRules {
        group: "",
        kind: "Service",
        accepted: &["metadata.namespace", "metadata.name", "spec.clusterIP", "spec.type"],
        aliases: &[],
        rejection: Rejection::NotSupported,
    },
    KindRules {
        group: "batch",
        kind: "Job",
        accepted: &["metadata.name", "metadata.namespace", "status.successful"],
        aliases: &[],
        rejection: Rejection::BatchJob,
    },
    KindRules {
        group: "events.k8s.io",
        kind: "Event",
        // The events.k8s.io spellings map onto the core Event's selectable fields; the core
        // spellings themselves are not accepted in this group.
        accepted: &["reason", "type", "metadata.namespace", "metadata.name"],
        aliases: &[
            ("regarding.kind", "involvedObject.kind"),
            ("regarding.namespace", "involvedObject.namespace"),
            ("regarding.name", "involvedObject.name"),
            ("regarding.uid", "involvedObject.uid"),
            ("regarding.apiVersion", "involvedObject.apiVersion"),
            ("regarding.resourceVersion", "involvedObject.resourceVersion"),
            ("regarding.fieldPath", "involvedObject.fieldPath"),
            ("reportingController", "reportingComponent"),
        ],
        rejection: Rejection::NotSupported,
    },
    KindRules {
        group: "certificates.k8s.io",
        kind: "CertificateSigningRequest",
        accepted: &["metadata.name", "spec.signerName"],
        aliases: &[],
        rejection: Rejection::NotSupported,
    },
    KindRules {
        group: "certificates.k8s.io",
        kind: "ClusterTrustBundle",
        accepted: &["metadata.name", "spec.signerName"],
        aliases: &[],
        rejection: Rejection::NotSupported,
    },
];

/// `Scheme.ConvertFieldLabel`: the canonical label, or kube-apiserver's error for it.
pub(super) fn convert_label(group: &str, kind: &str, label: &str) -> Result<String, SelectorError> {
    let Some(rules) = KINDS.iter().find(|r| r.group == group && r.kind == kind) else {
        // runtime.DefaultMetaV1FieldSelectorConversion, used by every kind (and every custom
        // resource) without its own conversion function.
        return match label {
            "metadata.name" | "metadata.namespace" => Ok(label.to_owned()),
            _ => Err(SelectorError::FieldLabelNotSupported {
                label: label.to_owned(),
                message: format!(
                    "{} is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
                    go_quote(label)
                ),
            }),
        };
    };
    if rules.accepted.contains(&label) {
        return Ok(label.to_owned());
    }
    if let Some((_, canonical)) = rules.aliases.iter().find(|(from, _)| *from == label) {
        return Ok((*canonical).to_owned());
    }
    let message = match rules.rejection {
        Rejection::NotSupported => format!("field label not supported: {label}"),
        Rejection::BatchJob => {
            format!("field label {} not supported for batchv1.Job", go_quote(label))
        }
    };
    Err(SelectorError::FieldLabelNotSupported { label: label.to_owned(), message })
}

/// The value `ToSelectableFields` would give `field` for this object.
pub(super) fn selectable_value(group: &str, kind: &str, obj: &Value, field: &str) -> String {
    match (group, kind, field) {
        ("", "Pod", "spec.host") => path_text(obj, "spec.nodeName"),
        ("", "Pod", "spec.hostNetwork") => bool_text(obj, "/spec/hostNetwork"),
        // The primary IP, which the apiserver keeps equal to podIPs[0].
        ("", "Pod", "status.podIP") => first_non_empty(obj, &["/status/podIPs/0/ip", "/status/podIP"]),
        // Accepted by the conversion function but never set by PodToSelectableFields.
        ("", "Pod", "status.podIPs") => String::new(),
        ("", "Node", "spec.unschedulable") => bool_text(obj, "/spec/unschedulable"),
        ("", "ReplicationController", "status.replicas") => int_text(obj, "/status/replicas"),
        ("batch", "Job", "status.successful") => int_text(obj, "/status/succeeded"),
        ("" | "events.k8s.io", "Event", _) => event_value(obj, field),
        _ => path_text(obj, field),
    }
}

/// Events are stored as core/v1 but served in two shapes; read whichever shape the object has,
/// under either group's spelling.
fn event_value(obj: &Value, field: &str) -> String {
    if let Some(rest) = field.strip_prefix("involvedObject.").or_else(|| field.strip_prefix("regarding.")) {
        return first_non_empty(obj, &[&format!("/involvedObject/{rest}"), &format!("/regarding/{rest}")]);
    }
    match field {
        "reportingComponent" | "reportingController" => {
            first_non_empty(obj, &["/reportingComponent", "/reportingController"])
        }
        // The core strategy falls back to the reporting controller when source is unset.
        "source" => first_non_empty(
            obj,
            &["/source/component", "/deprecatedSource/component", "/reportingComponent", "/reportingController"],
        ),
        _ => path_text(obj, field),
    }
}

fn first_non_empty(obj: &Value, pointers: &[&str]) -> String {
    pointers
        .iter()
        .filter_map(|p| obj.pointer(p).and_then(Value::as_str))
        .find(|s| !s.is_empty())
        .unwrap_or_default()
        .to_owned()
}

/// Go's `strconv.FormatBool` of a field that defaults to false.
fn bool_text(obj: &Value, pointer: &str) -> String {
    let v = obj.pointer(pointer).and_then(Value::as_bool).unwrap_or(false);
    v.to_string()
}

/// Go's `strconv.Itoa` of a count that defaults to 0.
fn int_text(obj: &Value, pointer: &str) -> String {
    obj.pointer(pointer).and_then(Value::as_i64).unwrap_or(0).to_string()
}

/// A dotted path read from the JSON object; strings as-is, booleans and numbers as text,
/// absent values, nulls, objects and arrays as `""`.
fn path_text(obj: &Value, field: &str) -> String {
    let mut cur = obj;
    for part in field.split('.') {
        match cur.get(part) {
            Some(next) => cur = next,
            None => return String::new(),
        }
    }
    match cur {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}
