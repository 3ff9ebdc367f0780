//! `describe`: find the objects (`TYPE NAME`, `TYPE/NAME`, `TYPE -l sel`, a name prefix when
//! no object has the exact name), fetch what each describer shows beside the object (events
//! by `involvedObject`, owned pods, ReplicaSets, EndpointSlices, the node's pods and lease),
//! and render kubectl's layout. Fetching lives here; rendering is pure and lives in the
//! submodules, one per family of kinds.

pub mod apps;
pub mod core;
pub mod generic;
pub mod pod;
pub mod tabwriter;
pub mod writer;

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde_json::Value;

use super::get::{self, Printed};
use super::rest::{self, RestError};
use super::{ClientError, Session};
use crate::k8s::catalog::ResourceType;
use writer::{arr, get as field, st};

/// `describe`'s options.
#[derive(Clone, Debug)]
pub struct DescribeOptions {
    pub args: Vec<String>,
    pub all_namespaces: bool,
    /// Overrides the session's namespace.
    pub namespace: Option<String>,
    pub label_selector: Option<String>,
    /// `--show-events`.
    pub show_events: bool,
    /// `--chunk-size`: page size for the lists describe makes.
    pub chunk_size: usize,
}

impl Default for DescribeOptions {
    fn default() -> Self {
        DescribeOptions {
            args: Vec::new(),
            all_namespaces: false,
            namespace: None,
            label_selector: None,
            show_events: true,
            chunk_size: 500,
        }
    }
}

fn get_req(url: String) -> http::Request<Vec<u8>> {
    http::Request::get(url).header("Accept", "application/json").body(Vec::new()).expect("valid request")
}

async fn get_json(session: &Session, url: String) -> Result<Value, RestError> {
    rest::call_json(session.client(), get_req(url)).await
}

/// A list's items, following `continue` tokens.
async fn list_all(
    session: &Session,
    path: &str,
    query: &[(&str, &str)],
    chunk: usize,
) -> Result<Vec<Value>, RestError> {
    let mut items = Vec::new();
    let mut cont: Option<String> = None;
    loop {
        let limit = chunk.to_string();
        let mut q: Vec<(&str, &str)> = query.to_vec();
        if chunk > 0 {
            q.push(("limit", &limit));
        }
        if let Some(c) = &cont {
            q.push(("continue", c));
        }
        let url = if q.is_empty() { path.to_string() } else { format!("{path}?{}", rest::query(&q)) };
        let page = get_json(session, url).await?;
        items.extend(get::list_items(&page));
        cont = field(&page, "metadata.continue").and_then(Value::as_str).filter(|c| !c.is_empty()).map(str::to_string);
        if cont.is_none() {
            return Ok(items);
        }
    }
}

/// Events about an object, as kubectl's `searchEvents` finds them.
async fn search_events(
    session: &Session,
    kind: &str,
    obj: &Value,
    uid: &str,
    chunk: usize,
) -> Result<Vec<Value>, RestError> {
    let ns = st(obj, "metadata.namespace");
    let mut selector: BTreeMap<&str, &str> = BTreeMap::new();
    if !kind.is_empty() {
        selector.insert("involvedObject.kind", kind);
    }
    selector.insert("involvedObject.name", st(obj, "metadata.name"));
    selector.insert("involvedObject.namespace", ns);
    if !uid.is_empty() {
        selector.insert("involvedObject.uid", uid);
    }
    let fs: Vec<String> = selector.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let path = if ns.is_empty() { "/api/v1/events".to_string() } else { format!("/api/v1/namespaces/{ns}/events") };
    list_all(session, &path, &[("fieldSelector", &fs.join(","))], chunk).await
}

fn path_of(group: &str, version: &str, plural: &str, ns: Option<&str>) -> String {
    let base = if group.is_empty() { format!("/api/{version}") } else { format!("/apis/{group}/{version}") };
    match ns {
        Some(ns) => format!("{base}/namespaces/{ns}/{plural}"),
        None => format!("{base}/{plural}"),
    }
}

/// The text kubectl's describer for `obj`'s kind prints, with what it fetches beside it.
pub async fn describe_object(
    session: &Session,
    rt: &ResourceType,
    obj: &Value,
    opts: &DescribeOptions,
) -> Result<String, ClientError> {
    let now = Timestamp::now();
    let chunk = opts.chunk_size;
    let ns = st(obj, "metadata.namespace");
    let uid = st(obj, "metadata.uid");
    let kind = rt.kind.as_str();
    let events = |kind: &'static str| {
        let s = session;
        async move {
            if !opts.show_events {
                return None;
            }
            Some(search_events(s, kind, obj, uid, chunk).await.unwrap_or_default())
        }
    };
    let selector_pods = |sel: String| async move {
        list_all(session, &path_of("", "v1", "pods", Some(ns)), &[("labelSelector", &sel)], chunk).await
    };
    let text = match (rt.group.as_str(), kind) {
        ("", "Pod") => pod::describe_pod(obj, events("").await.as_deref(), now),
        ("apps", "Deployment") => {
            let sel = apps::selector_string(field(obj, "spec.selector"));
            let rss =
                list_all(session, &path_of("apps", "v1", "replicasets", Some(ns)), &[("labelSelector", &sel)], chunk)
                    .await;
            let split = rss.ok().map(|all| apps::split_replica_sets(obj, &all));
            let evs = events("Deployment").await;
            apps::describe_deployment(
                obj,
                split.as_ref().map(|(o, n)| (o.as_slice(), n.as_slice())),
                evs.as_deref(),
                now,
            )
        }
        ("apps", "ReplicaSet") => {
            let counts = selector_pods(apps::selector_string(field(obj, "spec.selector")))
                .await
                .map(|pods| apps::pod_counts(&pods, uid))
                .map_err(|e| e.message());
            apps::describe_replica_set(obj, counts, events("ReplicaSet").await.as_deref(), now)
        }
        ("apps", "StatefulSet" | "DaemonSet") => {
            let pods = selector_pods(apps::selector_string(field(obj, "spec.selector"))).await?;
            let counts = apps::pod_counts(&pods, uid);
            if kind == "StatefulSet" {
                apps::describe_stateful_set(obj, counts, events("StatefulSet").await.as_deref(), now)
            } else {
                apps::describe_daemon_set(obj, counts, events("DaemonSet").await.as_deref(), now)
            }
        }
        ("batch", "Job") => apps::describe_job(obj, events("Job").await.as_deref(), now),
        ("batch", "CronJob") => apps::describe_cron_job(obj, events("CronJob").await.as_deref(), now),
        ("", "Service") => {
            let sel = format!("kubernetes.io/service-name={}", st(obj, "metadata.name"));
            let slices = list_all(
                session,
                &path_of("discovery.k8s.io", "v1", "endpointslices", Some(ns)),
                &[("labelSelector", &sel)],
                0,
            )
            .await
            .unwrap_or_default();
            core::describe_service(obj, &slices, events("Service").await.as_deref(), now)
        }
        ("", "Node") => {
            let name = st(obj, "metadata.name");
            let fs = format!("spec.nodeName={name},status.phase!=Succeeded,status.phase!=Failed");
            let pods = match list_all(session, &path_of("", "v1", "pods", None), &[("fieldSelector", &fs)], chunk).await
            {
                Ok(p) => Some(p),
                Err(e) if e.code() == Some(403) => None,
                Err(e) => return Err(e.into()),
            };
            let lease =
                get_json(session, format!("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/{name}"))
                    .await
                    .map_err(|e| status_text(&e));
            let evs = if opts.show_events {
                let mut evs = search_events(session, "Node", obj, uid, chunk).await.unwrap_or_default();
                evs.extend(search_events(session, "Node", obj, name, chunk).await.unwrap_or_default());
                Some(evs)
            } else {
                None
            };
            core::describe_node(obj, pods.as_deref(), lease, evs.as_deref(), now)
        }
        ("", "Namespace") => {
            let name = st(obj, "metadata.name");
            let optional = |r: Result<Vec<Value>, RestError>| match r {
                Ok(v) => Ok(Some(v)),
                Err(e) if e.is_not_found() => Ok(None),
                Err(e) => Err(e),
            };
            let quotas =
                optional(list_all(session, &path_of("", "v1", "resourcequotas", Some(name)), &[], chunk).await)?;
            let ranges = optional(list_all(session, &path_of("", "v1", "limitranges", Some(name)), &[], chunk).await)?;
            core::describe_namespace(obj, quotas.as_deref(), ranges.as_deref())
        }
        ("", "ConfigMap") => {
            let evs =
                if opts.show_events { Some(search_events(session, "ConfigMap", obj, uid, chunk).await?) } else { None };
            core::describe_config_map(obj, evs.as_deref(), now)
        }
        ("", "Secret") => core::describe_secret(obj),
        ("", "PersistentVolume") => {
            core::describe_persistent_volume(obj, events("PersistentVolume").await.as_deref(), now)
        }
        ("", "PersistentVolumeClaim") => {
            let pods = list_all(session, &path_of("", "v1", "pods", Some(ns)), &[], chunk).await?;
            let name = st(obj, "metadata.name");
            let mut used: Vec<String> = Vec::new();
            for p in &pods {
                for v in arr(p, "spec.volumes") {
                    if field(v, "persistentVolumeClaim.claimName").and_then(Value::as_str) == Some(name) {
                        used.push(st(p, "metadata.name").to_string());
                    }
                }
            }
            for owner in arr(obj, "metadata.ownerReferences").iter().filter(|r| st(r, "kind") == "Pod") {
                if let Some(p) = pods.iter().find(|p| st(p, "metadata.uid") == st(owner, "uid")) {
                    let n = st(p, "metadata.name").to_string();
                    if !used.contains(&n) {
                        used.push(n);
                    }
                }
            }
            core::describe_persistent_volume_claim(obj, &used, events("PersistentVolumeClaim").await.as_deref(), now)
        }
        ("networking.k8s.io", "Ingress") => {
            let mut backends: BTreeMap<String, core::Backend> = BTreeMap::new();
            for svc in core::ingress_services(obj) {
                let sel = format!("kubernetes.io/service-name={svc}");
                let slices = list_all(
                    session,
                    &path_of("discovery.k8s.io", "v1", "endpointslices", Some(ns)),
                    &[("labelSelector", &sel)],
                    0,
                )
                .await;
                let service = get_json(session, format!("{}/{svc}", path_of("", "v1", "services", Some(ns)))).await;
                let b = match (service, slices) {
                    (Ok(s), Ok(sl)) => Ok((s, sl)),
                    (Err(e), _) | (_, Err(e)) => Err(status_text(&e)),
                };
                backends.insert(svc, b);
            }
            core::describe_ingress(obj, &backends, events("Ingress").await.as_deref(), now)
        }
        ("", "Endpoints") => core::describe_endpoints(obj, events("Endpoints").await.as_deref(), now),
        ("", "ServiceAccount") => {
            // kubectl tolerates a failed secrets list: the account is described without tokens.
            let secrets = list_all(session, &path_of("", "v1", "secrets", Some(ns)), &[], chunk).await.ok();
            core::describe_service_account(obj, secrets.as_deref(), events("ServiceAccount").await.as_deref(), now)
        }
        ("discovery.k8s.io", "EndpointSlice") => {
            core::describe_endpoint_slice(obj, events("EndpointSlice").await.as_deref(), now)
        }
        _ => {
            let evs = if opts.show_events {
                Some(search_events(session, kind, obj, uid, chunk).await.unwrap_or_default())
            } else {
                None
            };
            generic::describe_generic(obj, evs.as_deref(), now)
        }
    };
    Ok(text)
}

/// A Status error's message alone, as Go's `err.Error()` gives it inside describe output.
fn status_text(e: &RestError) -> String {
    match e {
        RestError::Status { status, .. } => st(status, "message").to_string(),
        RestError::Transport(t) => t.clone(),
    }
}

/// Run `describe` and render its output.
pub async fn describe(session: &Session, opts: &DescribeOptions) -> Result<Printed, ClientError> {
    if opts.args.is_empty() {
        return Err(ClientError::Usage(
            "You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n"
                .into(),
        ));
    }
    let reqs = get::requests(session, &opts.args).await?;
    let namespace = if opts.all_namespaces {
        None
    } else {
        Some(opts.namespace.clone().unwrap_or_else(|| session.namespace().to_string()))
    };
    let ns = namespace.as_deref();
    let mut printed = Printed::default();
    let mut errors: Vec<String> = Vec::new();
    let mut found = 0usize;
    let mut first = true;
    let mut emit = |printed: &mut Printed, text: String| {
        if first {
            first = false;
            printed.stdout.push_str(&text);
        } else {
            printed.stdout.push_str("\n\n");
            printed.stdout.push_str(&text);
        }
    };
    for req in &reqs {
        let rt = &req.rt;
        let obj_ns = if rt.namespaced { ns } else { None };
        let mut objects: Vec<Value> = Vec::new();
        if req.names.is_empty() {
            let mut q: Vec<(&str, &str)> = Vec::new();
            if let Some(l) = &opts.label_selector {
                q.push(("labelSelector", l));
            }
            match list_all(session, &rest::path(rt, obj_ns, None), &q, opts.chunk_size).await {
                Ok(items) => objects = items,
                Err(e) => errors.push(e.message()),
            }
        } else {
            for name in &req.names {
                match get_json(session, rest::path(rt, obj_ns, Some(name))).await {
                    Ok(o) => objects.push(o),
                    // `describe TYPE PREFIX`: every object whose name starts with it.
                    Err(e) if e.is_not_found() && opts.args.len() == 2 && !opts.args[0].contains('/') => {
                        let items = list_all(session, &rest::path(rt, obj_ns, None), &[], opts.chunk_size).await?;
                        let matching: Vec<&Value> =
                            items.iter().filter(|o| st(o, "metadata.name").starts_with(name.as_str())).collect();
                        if matching.is_empty() {
                            return Err(e.into());
                        }
                        for o in matching {
                            let text = describe_object(session, rt, o, opts).await?;
                            printed.stdout.push_str(&text);
                            printed.stdout.push('\n');
                        }
                        return Ok(printed);
                    }
                    Err(e) => errors.push(e.message()),
                }
            }
        }
        for o in &objects {
            found += 1;
            match describe_object(session, rt, o, opts).await {
                Ok(text) => emit(&mut printed, text),
                Err(e) => {
                    let m = e.kubectl_message();
                    if !errors.contains(&m) {
                        errors.push(m);
                    }
                }
            }
        }
    }
    if found == 0 && errors.is_empty() {
        printed.stderr.push(match ns {
            Some(ns) => format!("No resources found in {ns} namespace."),
            None => "No resources found".to_string(),
        });
    }
    printed.failed = !errors.is_empty();
    printed.stderr.extend(errors);
    Ok(printed)
}
