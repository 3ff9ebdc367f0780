//! kubectl's `DescribePodTemplate` text (describe.go), as `rollout history --revision=N`
//! prints it: written through a prefix writer with literal tabs and no tab alignment.

use serde_json::{Map, Value};

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

fn obj<'a>(v: &'a Value, key: &str) -> Option<&'a Map<String, Value>> {
    v.get(key).and_then(Value::as_object).filter(|m| !m.is_empty())
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `title:\tk=v\n\tk2=v2\n`, sorted, or `<none>`.
fn labels_multiline(out: &mut String, title: &str, labels: Option<&Map<String, Value>>) {
    out.push_str(&format!("{title}:\t"));
    let Some(labels) = labels else {
        out.push_str("<none>\n");
        return;
    };
    let mut keys: Vec<&String> = labels.keys().collect();
    keys.sort();
    for (i, k) in keys.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        out.push_str(&format!("{k}={}\n", scalar(&labels[*k])));
    }
}

const MAX_ANNOTATION_LEN: usize = 140;

fn annotations_multiline(out: &mut String, title: &str, annotations: &Map<String, Value>) {
    out.push_str(&format!("{title}:\t"));
    let mut keys: Vec<&String> =
        annotations.keys().filter(|k| *k != "kubectl.kubernetes.io/last-applied-configuration").collect();
    if keys.is_empty() {
        out.push_str("<none>\n");
        return;
    }
    keys.sort();
    for (i, k) in keys.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        let value = scalar(&annotations[*k]);
        let value = value.strip_suffix('\n').unwrap_or(&value);
        if value.len() + k.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            out.push_str(&format!("{k}:\n"));
            for line in value.split('\n') {
                let short: String = if line.len() > MAX_ANNOTATION_LEN - 2 {
                    format!("{}...", line.chars().take(MAX_ANNOTATION_LEN - 2).collect::<String>())
                } else {
                    line.to_string()
                };
                out.push_str(&format!("\t  {short}\n"));
            }
        } else {
            out.push_str(&format!("{k}: {value}\n"));
        }
    }
}

fn ports(c: &Value, host: bool) -> String {
    arr(c, "ports")
        .iter()
        .map(|p| {
            let n = p.get(if host { "hostPort" } else { "containerPort" }).and_then(Value::as_i64).unwrap_or(0);
            let proto = match s(p, "protocol") {
                "" => "TCP",
                other => other,
            };
            format!("{n}/{proto}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn or_none(s: String) -> String {
    if s.is_empty() { "<none>".into() } else { s }
}

fn probe(p: &Value) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        p.get("initialDelaySeconds").and_then(Value::as_i64).unwrap_or(0),
        p.get("timeoutSeconds").and_then(Value::as_i64).unwrap_or(1),
        p.get("periodSeconds").and_then(Value::as_i64).unwrap_or(10),
        p.get("successThreshold").and_then(Value::as_i64).unwrap_or(1),
        p.get("failureThreshold").and_then(Value::as_i64).unwrap_or(3),
    );
    if let Some(e) = p.get("exec") {
        let cmd: Vec<String> = arr(e, "command").iter().map(scalar).collect();
        return format!("exec [{}] {attrs}", cmd.join(" "));
    }
    if let Some(h) = p.get("httpGet") {
        let scheme = match s(h, "scheme") {
            "" => "http".to_string(),
            other => other.to_lowercase(),
        };
        let port = h.get("port").map(scalar).unwrap_or_default();
        let host = s(h, "host");
        let host_port = if port.is_empty() { host.to_string() } else { format!("{host}:{port}") };
        return format!("http-get {scheme}://{host_port}{} {attrs}", s(h, "path"));
    }
    if let Some(t) = p.get("tcpSocket") {
        return format!("tcp-socket {}:{} {attrs}", s(t, "host"), t.get("port").map(scalar).unwrap_or_default());
    }
    if let Some(g) = p.get("grpc") {
        let port = g.get("port").and_then(Value::as_i64).unwrap_or(0);
        let service = match s(g, "service") {
            "" => "<nil>".to_string(),
            svc => svc.to_string(),
        };
        return format!("grpc <pod>:{port} {service} {attrs}");
    }
    format!("unknown {attrs}")
}

fn container(out: &mut String, c: &Value) {
    out.push_str(&format!("   {}:\n", s(c, "name")));
    out.push_str(&format!("    Image:\t{}\n", s(c, "image")));
    let p = ports(c, false);
    if p.contains(',') {
        out.push_str(&format!("    Ports:\t{p}\n"));
    } else {
        out.push_str(&format!("    Port:\t{}\n", or_none(p)));
    }
    let hp = ports(c, true);
    if hp.contains(',') {
        out.push_str(&format!("    Host Ports:\t{hp}\n"));
    } else {
        out.push_str(&format!("    Host Port:\t{}\n", or_none(hp)));
    }
    if let Some(rp) = c.get("restartPolicy").and_then(Value::as_str) {
        out.push_str(&format!("    Restart Policy:\t{rp}\n"));
    }
    for (key, title) in [("command", "Command"), ("args", "Args")] {
        if !arr(c, key).is_empty() {
            out.push_str(&format!("    {title}:\n"));
            for part in arr(c, key) {
                for line in scalar(part).split('\n') {
                    out.push_str(&format!("      {line}\n"));
                }
            }
        }
    }
    if let Some(res) = c.get("resources") {
        for (key, title) in [("limits", "Limits"), ("requests", "Requests")] {
            if let Some(m) = obj(res, key) {
                out.push_str(&format!("    {title}:\n"));
                let mut names: Vec<&String> = m.keys().collect();
                names.sort();
                for n in names {
                    out.push_str(&format!("      {n}:\t{}\n", scalar(&m[n])));
                }
            }
        }
    }
    for (key, title) in [("livenessProbe", "Liveness"), ("readinessProbe", "Readiness"), ("startupProbe", "Startup")] {
        if let Some(p) = c.get(key).filter(|p| p.is_object()) {
            out.push_str(&format!("    {title}:\t{}\n", probe(p)));
        }
    }
    let env = arr(c, "env");
    out.push_str(if env.is_empty() { "    Environment:\t<none>\n" } else { "    Environment:\n" });
    for e in env {
        let name = s(e, "name");
        let Some(from) = e.get("valueFrom") else {
            for (i, line) in s(e, "value").split('\n').enumerate() {
                if i == 0 {
                    out.push_str(&format!("      {name}:\t{line}\n"));
                } else {
                    out.push_str(&format!("      \t{line}\n"));
                }
            }
            continue;
        };
        let optional = |r: &Value| r.get("optional").and_then(Value::as_bool).unwrap_or(false);
        if let Some(f) = from.get("fieldRef") {
            out.push_str(&format!("      {name}:\t ({}:{})\n", s(f, "apiVersion"), s(f, "fieldPath")));
        } else if let Some(r) = from.get("resourceFieldRef") {
            out.push_str(&format!("      {name}:\t ({})\n", s(r, "resource")));
        } else if let Some(r) = from.get("secretKeyRef") {
            out.push_str(&format!(
                "      {name}:\t<set to the key '{}' in secret '{}'>\tOptional: {}\n",
                s(r, "key"),
                s(r, "name"),
                optional(r)
            ));
        } else if let Some(r) = from.get("configMapKeyRef") {
            out.push_str(&format!(
                "      {name}:\t<set to the key '{}' of config map '{}'>\tOptional: {}\n",
                s(r, "key"),
                s(r, "name"),
                optional(r)
            ));
        }
    }
    let mut mounts: Vec<&Value> = arr(c, "volumeMounts").iter().collect();
    out.push_str(if mounts.is_empty() { "    Mounts:\t<none>\n" } else { "    Mounts:\n" });
    mounts.sort_by(|a, b| s(a, "mountPath").cmp(s(b, "mountPath")));
    for m in mounts {
        let mut flags = vec![if m.get("readOnly").and_then(Value::as_bool) == Some(true) {
            "ro".to_string()
        } else {
            "rw".to_string()
        }];
        if !s(m, "subPath").is_empty() {
            flags.push(format!("path={:?}", s(m, "subPath")));
        }
        out.push_str(&format!("      {} from {} ({})\n", s(m, "mountPath"), s(m, "name"), flags.join(",")));
    }
}

fn volumes(out: &mut String, vols: &[Value]) {
    if vols.is_empty() {
        out.push_str("  Volumes:\t<none>\n");
        return;
    }
    out.push_str("  Volumes:\n");
    for v in vols {
        out.push_str(&format!("   {}:\n", s(v, "name")));
        let optional = |r: &Value| r.get("optional").and_then(Value::as_bool).unwrap_or(false);
        if let Some(e) = v.get("emptyDir") {
            out.push_str("    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
            out.push_str(&format!("    Medium:\t{}\n", s(e, "medium")));
            let limit = e.get("sizeLimit").map(scalar).unwrap_or_else(|| "<unset>".into());
            out.push_str(&format!("    SizeLimit:\t{limit}\n"));
        } else if let Some(c) = v.get("configMap") {
            out.push_str("    Type:\tConfigMap (a volume populated by a ConfigMap)\n");
            out.push_str(&format!("    Name:\t{}\n    Optional:\t{}\n", s(c, "name"), optional(c)));
        } else if let Some(sec) = v.get("secret") {
            out.push_str("    Type:\tSecret (a volume populated by a Secret)\n");
            out.push_str(&format!("    SecretName:\t{}\n    Optional:\t{}\n", s(sec, "secretName"), optional(sec)));
        } else if let Some(h) = v.get("hostPath") {
            out.push_str("    Type:\tHostPath (bare host directory volume)\n");
            out.push_str(&format!("    Path:\t{}\n    HostPathType:\t{}\n", s(h, "path"), s(h, "type")));
        } else if let Some(p) = v.get("persistentVolumeClaim") {
            out.push_str(
                "    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n",
            );
            let ro = p.get("readOnly").and_then(Value::as_bool).unwrap_or(false);
            out.push_str(&format!("    ClaimName:\t{}\n    ReadOnly:\t{ro}\n", s(p, "claimName")));
        } else {
            out.push_str("    <unknown>\n");
        }
    }
}

fn tolerations(out: &mut String, tols: &[Value]) {
    out.push_str("  Tolerations:\t");
    if tols.is_empty() {
        out.push_str("<none>\n");
        return;
    }
    for (i, t) in tols.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        out.push_str(s(t, "key"));
        if !s(t, "value").is_empty() {
            out.push_str(&format!("={}", s(t, "value")));
        }
        if !s(t, "effect").is_empty() {
            out.push_str(&format!(":{}", s(t, "effect")));
        }
        if s(t, "operator") == "Exists" && s(t, "value").is_empty() {
            out.push_str(if s(t, "key").is_empty() && s(t, "effect").is_empty() { "op=Exists" } else { " op=Exists" });
        }
        if let Some(secs) = t.get("tolerationSeconds").and_then(Value::as_i64) {
            out.push_str(&format!(" for {secs}s"));
        }
        out.push('\n');
    }
}

/// The `Pod Template:` block kubectl prints for a revision.
pub fn describe_pod_template(template: &Value) -> String {
    let mut out = String::from("Pod Template:\n");
    if template.is_null() {
        out.push_str("  <unset>");
        return out;
    }
    let meta = template.get("metadata").unwrap_or(&Value::Null);
    let spec = template.get("spec").unwrap_or(&Value::Null);
    labels_multiline(&mut out, "  Labels", obj(meta, "labels"));
    if let Some(a) = obj(meta, "annotations") {
        annotations_multiline(&mut out, "  Annotations", a);
    }
    if !s(spec, "serviceAccountName").is_empty() {
        out.push_str(&format!("  Service Account:\t{}\n", s(spec, "serviceAccountName")));
    }
    if !arr(spec, "initContainers").is_empty() {
        out.push_str("  Init Containers:\n");
        for c in arr(spec, "initContainers") {
            container(&mut out, c);
        }
    }
    let cs = arr(spec, "containers");
    out.push_str(if cs.is_empty() { "  Containers: <none>\n" } else { "  Containers:\n" });
    for c in cs {
        container(&mut out, c);
    }
    volumes(&mut out, arr(spec, "volumes"));
    if !s(spec, "priorityClassName").is_empty() {
        out.push_str(&format!("  Priority Class Name:\t{}\n", s(spec, "priorityClassName")));
    }
    labels_multiline(&mut out, "  Node-Selectors", obj(spec, "nodeSelector"));
    tolerations(&mut out, arr(spec, "tolerations"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn describe_pod_template_prints_kubectl_layout() {
        let t = json!({"metadata": {"labels": {"app": "web", "pod-template-hash": "abc"}},
            "spec": {"containers": [{"name": "web", "image": "nginx:1.26", "ports": [{"containerPort": 80, "protocol": "TCP"}]}]}});
        assert_eq!(
            describe_pod_template(&t),
            "Pod Template:\n  Labels:\tapp=web\n\tpod-template-hash=abc\n  Containers:\n   web:\n    Image:\tnginx:1.26\n    Port:\t80/TCP\n    Host Port:\t0/TCP\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n"
        );
    }
}
