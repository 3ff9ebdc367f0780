//! Pods and the parts of them other describers reuse: containers (image, ports, command,
//! state, resources, probes, environment, mounts), volumes, and pod templates.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde_json::Value;

use super::writer::{
    Out, annotations, arr, bool_at, controller, events, get, go_bool, go_list, int, labels, labels_multiline, or_none,
    quantity, rfc1123z, since, smap, st, tolerations,
};

/// `describePod`.
pub fn describe_pod(pod: &Value, evs: Option<&[Value]>, now: Timestamp) -> String {
    let mut w = Out::new();
    w.w(0, &format!("Name:\t{}\n", st(pod, "metadata.name")));
    w.w(0, &format!("Namespace:\t{}\n", st(pod, "metadata.namespace")));
    if let Some(p) = get(pod, "spec.priority").and_then(Value::as_i64) {
        w.w(0, &format!("Priority:\t{p}\n"));
    }
    if !st(pod, "spec.priorityClassName").is_empty() {
        w.w(0, &format!("Priority Class Name:\t{}\n", st(pod, "spec.priorityClassName")));
    }
    if !st(pod, "spec.runtimeClassName").is_empty() {
        w.w(0, &format!("Runtime Class Name:\t{}\n", st(pod, "spec.runtimeClassName")));
    }
    if !st(pod, "spec.serviceAccountName").is_empty() {
        w.w(0, &format!("Service Account:\t{}\n", st(pod, "spec.serviceAccountName")));
    }
    match st(pod, "spec.nodeName") {
        "" => w.w(0, "Node:\t<none>\n"),
        node => w.w(0, &format!("Node:\t{node}/{}\n", st(pod, "status.hostIP"))),
    }
    if let Some(start) = get(pod, "status.startTime").and_then(Value::as_str) {
        w.w(0, &format!("Start Time:\t{}\n", rfc1123z(start)));
    }
    labels(&mut w, "Labels", &smap(pod, "metadata.labels"));
    annotations(&mut w, "Annotations", &smap(pod, "metadata.annotations"));
    let phase = st(pod, "status.phase");
    match get(pod, "metadata.deletionTimestamp").and_then(Value::as_str) {
        Some(ts) if phase != "Failed" && phase != "Succeeded" => {
            w.w(0, &format!("Status:\tTerminating (lasts {})\n", since(ts, now)));
            w.w(0, &format!("Termination Grace Period:\t{}s\n", int(pod, "metadata.deletionGracePeriodSeconds")));
        }
        _ => w.w(0, &format!("Status:\t{phase}\n")),
    }
    if !st(pod, "status.reason").is_empty() {
        w.w(0, &format!("Reason:\t{}\n", st(pod, "status.reason")));
    }
    if !st(pod, "status.message").is_empty() {
        w.w(0, &format!("Message:\t{}\n", st(pod, "status.message")));
    }
    if let Some(profile) = get(pod, "spec.securityContext.seccompProfile") {
        w.w(0, &format!("SeccompProfile:\t{}\n", st(profile, "type")));
        if st(profile, "type") == "Localhost" {
            w.w(0, &format!("LocalhostProfile:\t{}\n", st(profile, "localhostProfile")));
        }
    }
    w.w(0, &format!("IP:\t{}\n", st(pod, "status.podIP")));
    let ips = arr(pod, "status.podIPs");
    if ips.is_empty() {
        w.w(0, "IPs:\t<none>\n");
    } else {
        w.w(0, "IPs:\n");
        for ip in ips {
            w.w(1, &format!("IP:\t{}\n", st(ip, "ip")));
        }
    }
    if let Some(c) = controller(pod) {
        w.w(0, &format!("Controlled By:\t{c}\n"));
    }
    if !st(pod, "status.nominatedNodeName").is_empty() {
        w.w(0, &format!("NominatedNodeName:\t{}\n", st(pod, "status.nominatedNodeName")));
    }
    if let Some(res) = get(pod, "spec.resources") {
        w.w(0, "Resources:\n");
        resources(&mut w, res, 1);
    }
    let resolver = Resolver::Pod(pod);
    if !arr(pod, "spec.initContainers").is_empty() {
        containers(
            &mut w,
            "Init Containers",
            arr(pod, "spec.initContainers"),
            arr(pod, "status.initContainerStatuses"),
            &resolver,
            "",
        );
    }
    containers(&mut w, "Containers", arr(pod, "spec.containers"), arr(pod, "status.containerStatuses"), &resolver, "");
    if !arr(pod, "spec.ephemeralContainers").is_empty() {
        containers(
            &mut w,
            "Ephemeral Containers",
            arr(pod, "spec.ephemeralContainers"),
            arr(pod, "status.ephemeralContainerStatuses"),
            &resolver,
            "",
        );
    }
    let conditions = arr(pod, "status.conditions");
    let gates = arr(pod, "spec.readinessGates");
    if !gates.is_empty() {
        w.w(0, "Readiness Gates:\n  Type\tStatus\n");
        for g in gates {
            let t = st(g, "conditionType");
            let status = conditions.iter().find(|c| st(c, "type") == t).map_or("<none>", |c| st(c, "status"));
            w.w(1, &format!("{t} \t{status} \n"));
        }
    }
    if !conditions.is_empty() {
        w.w(0, "Conditions:\n  Type\tStatus\n");
        for c in conditions {
            w.w(1, &format!("{} \t{} \n", st(c, "type"), st(c, "status")));
        }
    }
    volumes(&mut w, arr(pod, "spec.volumes"), "");
    w.w(0, &format!("QoS Class:\t{}\n", qos_class(pod)));
    labels(&mut w, "Node-Selectors", &smap(pod, "spec.nodeSelector"));
    tolerations(&mut w, "", "Tolerations", arr(pod, "spec.tolerations"));
    topology_spread(&mut w, arr(pod, "spec.topologySpreadConstraints"), "");
    if let Some(evs) = evs {
        events(&mut w, evs, now);
    }
    w.finish()
}

/// `GetPodQOS`: the status field when the server set it, otherwise computed from requests and
/// limits.
fn qos_class(pod: &Value) -> String {
    if !st(pod, "status.qosClass").is_empty() {
        return st(pod, "status.qosClass").to_string();
    }
    let all: Vec<&Value> = arr(pod, "spec.containers").iter().chain(arr(pod, "spec.initContainers")).collect();
    let mut any = false;
    let mut guaranteed = true;
    for c in &all {
        let req = get(c, "resources.requests").and_then(Value::as_object);
        let lim = get(c, "resources.limits").and_then(Value::as_object);
        for name in ["cpu", "memory"] {
            let r = req.and_then(|m| m.get(name)).map(|q| quantity(Some(q)));
            let l = lim.and_then(|m| m.get(name)).map(|q| quantity(Some(q)));
            any |= r.as_deref().is_some_and(|q| q != "0") || l.as_deref().is_some_and(|q| q != "0");
            match (&r, &l) {
                (_, None) => guaranteed = false,
                (Some(r), Some(l)) if r != l => guaranteed = false,
                _ => {}
            }
        }
    }
    if !any {
        "BestEffort".into()
    } else if guaranteed {
        "Guaranteed".into()
    } else {
        "Burstable".into()
    }
}

/// `describeTopologySpreadConstraints`.
fn topology_spread(w: &mut Out, tscs: &[Value], space: &str) {
    if tscs.is_empty() {
        return;
    }
    let mut sorted: Vec<&Value> = tscs.iter().collect();
    sorted.sort_by_key(|t| st(t, "topologyKey").to_string());
    w.w(0, &format!("{space}Topology Spread Constraints:\t"));
    for (i, t) in sorted.iter().enumerate() {
        if i != 0 {
            w.w(0, space);
            w.w(0, "\t");
        }
        w.w(
            0,
            &format!(
                "{}:{} when max skew {} is exceeded",
                st(t, "topologyKey"),
                st(t, "whenUnsatisfiable"),
                int(t, "maxSkew")
            ),
        );
        if let Some(sel) = get(t, "labelSelector") {
            w.w(0, &format!(" for selector {}", crate::k8s::selector::format_label_selector(sel)));
        }
        w.w(0, "\n");
    }
}

/// Where `fieldRef` environment values come from: a pod resolves them, a template does not.
pub enum Resolver<'a> {
    Pod(&'a Value),
    None,
}

impl Resolver<'_> {
    fn field(&self, path: &str) -> String {
        let Resolver::Pod(pod) = self else { return String::new() };
        let bracketed = |prefix: &str| -> Option<String> {
            let rest = path.strip_prefix(prefix)?.strip_prefix("['")?.strip_suffix("']")?;
            Some(rest.to_string())
        };
        if let Some(k) = bracketed("metadata.labels") {
            return smap(pod, "metadata.labels").get(&k).cloned().unwrap_or_default();
        }
        if let Some(k) = bracketed("metadata.annotations") {
            return smap(pod, "metadata.annotations").get(&k).cloned().unwrap_or_default();
        }
        match path {
            "metadata.name"
            | "metadata.namespace"
            | "metadata.uid"
            | "spec.nodeName"
            | "spec.serviceAccountName"
            | "status.hostIP"
            | "status.podIP" => st(pod, path).to_string(),
            "status.podIPs" => arr(pod, "status.podIPs").iter().map(|i| st(i, "ip")).collect::<Vec<_>>().join(","),
            "status.hostIPs" => arr(pod, "status.hostIPs").iter().map(|i| st(i, "ip")).collect::<Vec<_>>().join(","),
            _ => String::new(),
        }
    }
}

/// `describeContainers`.
pub fn containers(
    w: &mut Out,
    label: &str,
    containers: &[Value],
    statuses: &[Value],
    resolver: &Resolver,
    space: &str,
) {
    let statuses: BTreeMap<&str, &Value> = statuses.iter().map(|s| (st(s, "name"), s)).collect();
    let none = if containers.is_empty() { " <none>" } else { "" };
    w.w(0, &format!("{space}{label}:{none}\n"));
    for c in containers {
        let status = statuses.get(st(c, "name")).copied();
        let name_indent = if space.is_empty() { "" } else { " " };
        w.w(1, &format!("{name_indent}{}:\n", st(c, "name")));
        if let Some(s) = status {
            w.w(2, &format!("Container ID:\t{}\n", st(s, "containerID")));
        }
        w.w(2, &format!("Image:\t{}\n", st(c, "image")));
        if let Some(s) = status {
            w.w(2, &format!("Image ID:\t{}\n", st(s, "imageID")));
        }
        let ports = arr(c, "ports");
        let port_list: Vec<String> =
            ports.iter().map(|p| format!("{}/{}", int(p, "containerPort"), st(p, "protocol"))).collect();
        let host_list: Vec<String> =
            ports.iter().map(|p| format!("{}/{}", int(p, "hostPort"), st(p, "protocol"))).collect();
        let (ports_s, hosts_s) = (port_list.join(", "), host_list.join(", "));
        if ports_s.contains(',') {
            w.w(2, &format!("Ports:\t{ports_s}\n"));
        } else {
            w.w(2, &format!("Port:\t{}\n", or_none(&ports_s)));
        }
        if hosts_s.contains(',') {
            w.w(2, &format!("Host Ports:\t{hosts_s}\n"));
        } else {
            w.w(2, &format!("Host Port:\t{}\n", or_none(&hosts_s)));
        }
        if let Some(profile) = get(c, "securityContext.seccompProfile") {
            w.w(2, &format!("SeccompProfile:\t{}\n", st(profile, "type")));
            if st(profile, "type") == "Localhost" {
                w.w(3, &format!("LocalhostProfile:\t{}\n", st(profile, "localhostProfile")));
            }
        }
        for (field, title) in [("command", "Command"), ("args", "Args")] {
            let items = arr(c, field);
            if !items.is_empty() {
                w.w(2, &format!("{title}:\n"));
                for item in items {
                    for line in item.as_str().unwrap_or("").split('\n') {
                        w.w(3, &format!("{line}\n"));
                    }
                }
            }
        }
        if let Some(s) = status {
            container_state(w, "State", get(s, "state"));
            if get(s, "lastState.terminated").is_some() {
                container_state(w, "Last State", get(s, "lastState"));
            }
            w.w(2, &format!("Ready:\t{}\n", go_bool(bool_at(s, "ready"))));
            w.w(2, &format!("Restart Count:\t{}\n", int(s, "restartCount")));
        }
        if let Some(res) = get(c, "resources") {
            resources(w, res, 2);
        }
        for (field, title) in
            [("livenessProbe", "Liveness"), ("readinessProbe", "Readiness"), ("startupProbe", "Startup")]
        {
            if let Some(p) = get(c, field) {
                w.w(2, &format!("{title}:\t{}\n", probe(p)));
            }
        }
        let env_from = arr(c, "envFrom");
        if !env_from.is_empty() {
            w.w(2, "Environment Variables from:\n");
            for e in env_from {
                let (from, name, optional) = if let Some(r) = get(e, "configMapRef") {
                    ("ConfigMap", st(r, "name"), bool_at(r, "optional"))
                } else if let Some(r) = get(e, "secretRef") {
                    ("Secret", st(r, "name"), bool_at(r, "optional"))
                } else {
                    ("", "", false)
                };
                match st(e, "prefix") {
                    "" => w.w(3, &format!("{name}\t{from}\tOptional: {optional}\n")),
                    p => w.w(3, &format!("{name}\t{from} with prefix '{p}'\tOptional: {optional}\n")),
                }
            }
        }
        env(w, c, resolver);
        let mounts = arr(c, "volumeMounts");
        w.w(2, &format!("Mounts:{}\n", if mounts.is_empty() { "\t<none>" } else { "" }));
        let mut sorted: Vec<&Value> = mounts.iter().collect();
        sorted.sort_by_key(|m| st(m, "mountPath").to_string());
        for m in sorted {
            let mut flags = vec![if bool_at(m, "readOnly") { "ro".to_string() } else { "rw".to_string() }];
            if !st(m, "subPath").is_empty() {
                flags.push(format!("path={}", crate::k8s::gofmt::quote(st(m, "subPath"))));
            }
            w.w(3, &format!("{} from {} ({})\n", st(m, "mountPath"), st(m, "name"), flags.join(",")));
        }
        let devices = arr(c, "volumeDevices");
        if !devices.is_empty() {
            w.w(2, "Devices:\n");
            let mut sorted: Vec<&Value> = devices.iter().collect();
            sorted.sort_by_key(|d| st(d, "devicePath").to_string());
            for d in sorted {
                w.w(3, &format!("{} from {}\n", st(d, "devicePath"), st(d, "name")));
            }
        }
    }
}

fn env(w: &mut Out, c: &Value, resolver: &Resolver) {
    let envs = arr(c, "env");
    w.w(2, &format!("Environment:{}\n", if envs.is_empty() { "\t<none>" } else { "" }));
    for e in envs {
        let name = st(e, "name");
        let Some(from) = get(e, "valueFrom") else {
            for (i, line) in st(e, "value").split('\n').enumerate() {
                if i == 0 {
                    w.w(3, &format!("{name}:\t{line}\n"));
                } else {
                    w.w(3, &format!("\t{line}\n"));
                }
            }
            continue;
        };
        if let Some(f) = get(from, "fieldRef") {
            let value = resolver.field(st(f, "fieldPath"));
            w.w(3, &format!("{name}:\t{value} ({}:{})\n", st(f, "apiVersion"), st(f, "fieldPath")));
        } else if let Some(r) = get(from, "resourceFieldRef") {
            let resource = st(r, "resource");
            let mut value = resource_field_value(c, r);
            if value == "0" && (resource == "limits.cpu" || resource == "limits.memory") {
                value = "node allocatable".into();
            }
            w.w(3, &format!("{name}:\t{value} ({resource})\n"));
        } else if let Some(s) = get(from, "secretKeyRef") {
            w.w(
                3,
                &format!(
                    "{name}:\t<set to the key '{}' in secret '{}'>\tOptional: {}\n",
                    st(s, "key"),
                    st(s, "name"),
                    bool_at(s, "optional")
                ),
            );
        } else if let Some(s) = get(from, "configMapKeyRef") {
            w.w(
                3,
                &format!(
                    "{name}:\t<set to the key '{}' of config map '{}'>\tOptional: {}\n",
                    st(s, "key"),
                    st(s, "name"),
                    bool_at(s, "optional")
                ),
            );
        }
    }
}

/// `ExtractContainerResourceValue`: the container's request or limit divided by the
/// divisor, rounded up.
fn resource_field_value(c: &Value, r: &Value) -> String {
    use crate::k8s::quantity::Quantity;
    let resource = st(r, "resource");
    let Some((kind, name)) = resource.split_once('.') else { return String::new() };
    let field = if kind == "limits" { "resources.limits" } else { "resources.requests" };
    let q = get(c, field)
        .and_then(|m| m.get(name))
        .and_then(|q| Quantity::from_json(q).ok())
        .unwrap_or_else(Quantity::zero);
    let divisor = get(r, "divisor").and_then(|d| Quantity::from_json(d).ok()).filter(|d| !d.is_zero());
    if name == "cpu" {
        let d = divisor.map_or(1000, |d| d.milli_value().max(1));
        let m = q.milli_value();
        return ((m + d - 1) / d).to_string();
    }
    let d = divisor.map_or(1, |d| d.value().max(1));
    let v = q.value();
    ((v + d - 1) / d).to_string()
}

/// `DescribeProbe`.
fn probe(p: &Value) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        int(p, "initialDelaySeconds"),
        int(p, "timeoutSeconds"),
        int(p, "periodSeconds"),
        int(p, "successThreshold"),
        int(p, "failureThreshold")
    );
    if let Some(e) = get(p, "exec") {
        return format!("exec {} {attrs}", go_list(arr(e, "command")));
    }
    if let Some(h) = get(p, "httpGet") {
        let port = int_or_string(get(h, "port"));
        let host = st(h, "host");
        let hostport = if port.is_empty() {
            host.to_string()
        } else if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        return format!("http-get {}://{hostport}{} {attrs}", st(h, "scheme").to_lowercase(), st(h, "path"));
    }
    if let Some(t) = get(p, "tcpSocket") {
        return format!("tcp-socket {}:{} {attrs}", st(t, "host"), int_or_string(get(t, "port")));
    }
    if let Some(g) = get(p, "grpc") {
        return format!("grpc <pod>:{} {} {attrs}", int(g, "port"), st(g, "service"));
    }
    format!("unknown {attrs}")
}

/// An `IntOrString` as `.String()` prints it.
pub fn int_or_string(v: Option<&Value>) -> String {
    match v {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.clone(),
        _ => "0".to_string(),
    }
}

fn container_state(w: &mut Out, name: &str, state: Option<&Value>) {
    let state = state.cloned().unwrap_or(Value::Null);
    if let Some(r) = get(&state, "running") {
        w.w(2, &format!("{name}:\tRunning\n"));
        w.w(3, &format!("Started:\t{}\n", rfc1123z(st(r, "startedAt"))));
    } else if let Some(wt) = get(&state, "waiting") {
        w.w(2, &format!("{name}:\tWaiting\n"));
        if !st(wt, "reason").is_empty() {
            w.w(3, &format!("Reason:\t{}\n", st(wt, "reason")));
        }
    } else if let Some(t) = get(&state, "terminated") {
        w.w(2, &format!("{name}:\tTerminated\n"));
        if !st(t, "reason").is_empty() {
            w.w(3, &format!("Reason:\t{}\n", st(t, "reason")));
        }
        if !st(t, "message").is_empty() {
            w.w(3, &format!("Message:\t{}\n", st(t, "message")));
        }
        w.w(3, &format!("Exit Code:\t{}\n", int(t, "exitCode")));
        if int(t, "signal") > 0 {
            w.w(3, &format!("Signal:\t{}\n", int(t, "signal")));
        }
        w.w(3, &format!("Started:\t{}\n", rfc1123z(st(t, "startedAt"))));
        w.w(3, &format!("Finished:\t{}\n", rfc1123z(st(t, "finishedAt"))));
    } else {
        w.w(2, &format!("{name}:\tWaiting\n"));
    }
}

/// `describeResources`: limits, then requests, each sorted by resource name.
pub fn resources(w: &mut Out, res: &Value, level: usize) {
    for (field, title) in [("limits", "Limits"), ("requests", "Requests")] {
        let Some(m) = get(res, field).and_then(Value::as_object).filter(|m| !m.is_empty()) else { continue };
        w.w(level, &format!("{title}:\n"));
        for (name, q) in m {
            w.w(level + 1, &format!("{name}:\t{}\n", quantity(Some(q))));
        }
    }
}

/// `describeVolumes`.
pub fn volumes(w: &mut Out, volumes: &[Value], space: &str) {
    if volumes.is_empty() {
        w.w(0, &format!("{space}Volumes:\t<none>\n"));
        return;
    }
    w.w(0, &format!("{space}Volumes:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for vol in volumes {
        w.w(1, &format!("{name_indent}{}:\n", st(vol, "name")));
        volume_source(w, vol);
    }
}

/// One volume's source, as the `print…VolumeSource` functions write it.
pub fn volume_source(w: &mut Out, vol: &Value) {
    if let Some(h) = get(vol, "hostPath") {
        w.w(
            2,
            &format!(
                "Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{}\n",
                st(h, "path"),
                get(h, "type").and_then(Value::as_str).unwrap_or("<none>")
            ),
        );
    } else if let Some(e) = get(vol, "emptyDir") {
        let size = match get(e, "sizeLimit") {
            Some(q) if quantity(Some(q)) != "0" => quantity(Some(q)),
            _ => "<unset>".to_string(),
        };
        w.w(
            2,
            &format!(
                "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{}\n    SizeLimit:\t{size}\n",
                st(e, "medium")
            ),
        );
    } else if let Some(s) = get(vol, "secret") {
        w.w(
            2,
            &format!(
                "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}\n",
                st(s, "secretName"),
                bool_at(s, "optional")
            ),
        );
    } else if let Some(c) = get(vol, "configMap") {
        w.w(
            2,
            &format!(
                "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}\n",
                st(c, "name"),
                bool_at(c, "optional")
            ),
        );
    } else if let Some(p) = get(vol, "projected") {
        w.w(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
        for src in arr(p, "sources") {
            if let Some(s) = get(src, "secret") {
                w.w(2, &format!("SecretName:\t{}\n    Optional:\t{}\n", st(s, "name"), bool_at(s, "optional")));
            } else if get(src, "downwardAPI").is_some() {
                w.w(2, "DownwardAPI:\ttrue\n");
            } else if let Some(c) = get(src, "configMap") {
                w.w(2, &format!("ConfigMapName:\t{}\n    Optional:\t{}\n", st(c, "name"), bool_at(c, "optional")));
            } else if let Some(t) = get(src, "serviceAccountToken") {
                w.w(2, &format!("TokenExpirationSeconds:\t{}\n", int(t, "expirationSeconds")));
            }
        }
    } else if let Some(c) = get(vol, "persistentVolumeClaim") {
        w.w(
            2,
            &format!(
                "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}\n",
                st(c, "claimName"),
                bool_at(c, "readOnly")
            ),
        );
    } else if let Some(d) = get(vol, "downwardAPI") {
        w.w(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
        for item in arr(d, "items") {
            if let Some(f) = get(item, "fieldRef") {
                w.w(3, &format!("{} -> {}\n", st(f, "fieldPath"), st(item, "path")));
            }
            if let Some(r) = get(item, "resourceFieldRef") {
                w.w(3, &format!("{} -> {}\n", st(r, "resource"), st(item, "path")));
            }
        }
    } else if let Some(n) = get(vol, "nfs") {
        w.w(
            2,
            &format!(
                "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t{}\n    Path:\t{}\n    ReadOnly:\t{}\n",
                st(n, "server"),
                st(n, "path"),
                bool_at(n, "readOnly")
            ),
        );
    } else if let Some(c) = get(vol, "csi") {
        w.w(
            2,
            &format!(
                "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t{}\n    FSType:\t{}\n    ReadOnly:\t{}\n",
                st(c, "driver"),
                st(c, "fsType"),
                bool_at(c, "readOnly")
            ),
        );
        csi_attributes(w, &smap(c, "volumeAttributes"));
    } else if let Some(l) = get(vol, "local") {
        w.w(
            2,
            &format!(
                "Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t{}\n",
                st(l, "path")
            ),
        );
    } else if let Some(i) = get(vol, "image") {
        w.w(
            2,
            &format!(
                "Type:\tImage (a container image or OCI artifact)\n    Reference:\t{}\n    PullPolicy:\t{}\n",
                st(i, "reference"),
                st(i, "pullPolicy")
            ),
        );
    } else if get(vol, "ephemeral").is_some() {
        w.w(2, "Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n");
    } else {
        w.w(1, "<unknown>\n");
    }
}

fn csi_attributes(w: &mut Out, attrs: &BTreeMap<String, String>) {
    w.w(2, "VolumeAttributes:\t");
    if attrs.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, (k, v)) in attrs.iter().enumerate() {
        if i != 0 {
            w.w(2, "\t");
        }
        let line = format!("{k}={v}");
        if line.len() > 140 {
            w.w(2, &format!("{}...\n", &line[..140]));
        } else {
            w.w(2, &format!("{line}\n"));
        }
    }
}

/// `DescribePodTemplate`.
pub fn pod_template(w: &mut Out, template: Option<&Value>) {
    w.w(0, "Pod Template:\n");
    let Some(t) = template else {
        w.w(1, "<unset>");
        return;
    };
    labels_multiline(w, "", "  Labels", "\t", &smap(t, "metadata.labels"));
    let ann = smap(t, "metadata.annotations");
    if !ann.is_empty() {
        annotations(w, "  Annotations", &ann);
    }
    if !st(t, "spec.serviceAccountName").is_empty() {
        w.w(1, &format!("Service Account:\t{}\n", st(t, "spec.serviceAccountName")));
    }
    if !arr(t, "spec.initContainers").is_empty() {
        containers(w, "Init Containers", arr(t, "spec.initContainers"), &[], &Resolver::None, "  ");
    }
    containers(w, "Containers", arr(t, "spec.containers"), &[], &Resolver::None, "  ");
    volumes(w, arr(t, "spec.volumes"), "  ");
    topology_spread(w, arr(t, "spec.topologySpreadConstraints"), "  ");
    if !st(t, "spec.priorityClassName").is_empty() {
        w.w(1, &format!("Priority Class Name:\t{}\n", st(t, "spec.priorityClassName")));
    }
    labels_multiline(w, "", "  Node-Selectors", "\t", &smap(t, "spec.nodeSelector"));
    tolerations(w, "", "  Tolerations", arr(t, "spec.tolerations"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn probe_describes_http_get_like_kubectl() {
        let p = json!({"httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP"}, "timeoutSeconds": 1,
            "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3});
        assert_eq!(probe(&p), "http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3");
        let e = json!({"exec": {"command": ["cat", "/tmp/ok"]}});
        assert_eq!(probe(&e), "exec [cat /tmp/ok] delay=0s timeout=0s period=0s #success=0 #failure=0");
    }

    #[test]
    fn pod_template_matches_kubectl_layout() {
        let t = json!({"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [
            {"name": "web", "image": "nginx", "ports": [{"containerPort": 80, "protocol": "TCP"}]}]}});
        let mut w = Out::new();
        pod_template(&mut w, Some(&t));
        assert_eq!(
            w.finish(),
            "Pod Template:\n  Labels:  app=web\n  Containers:\n   web:\n    Image:         nginx\n    Port:          80/TCP\n    Host Port:     0/TCP\n    Environment:   <none>\n    Mounts:        <none>\n  Volumes:         <none>\n  Node-Selectors:  <none>\n  Tolerations:     <none>\n"
        );
    }

    #[test]
    fn qos_class_is_computed_when_status_lacks_it() {
        let best = json!({"spec": {"containers": [{"name": "a"}]}});
        assert_eq!(qos_class(&best), "BestEffort");
        let g = json!({"spec": {"containers": [{"resources": {"limits": {"cpu": "1", "memory": "1Gi"}}}]}});
        assert_eq!(qos_class(&g), "Guaranteed");
        let b = json!({"spec": {"containers": [{"resources": {"requests": {"cpu": "100m"}}}]}});
        assert_eq!(qos_class(&b), "Burstable");
    }
}
