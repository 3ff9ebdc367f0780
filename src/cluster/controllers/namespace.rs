//! Namespace lifecycle, as kube's namespace controller: once the apiserver marks a deleted
//! namespace Terminating (keeping the `kubernetes` finalizer), delete everything in it, of
//! every namespaced type discovery reports (custom resources included), report progress in
//! the namespace's deletion conditions, and when nothing is left remove the finalizer through
//! `namespaces/{name}/finalize`, after which the apiserver removes the namespace.
//!
//! What the conditions say and when the namespace may be finalized ([`conditions`],
//! [`finalize`]) are pure; the deleting is I/O in [`delete_content`].

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use k8s_openapi::api::core::v1::{Namespace, NamespaceCondition};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use kube::api::{Api, DeleteParams, DynamicObject, ListParams, Patch, PatchParams, PostParams};
use kube::discovery::{ApiCapabilities, ApiResource, Discovery, Scope, verbs};
use kube::runtime::watcher;
use serde_json::json;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::system::{self, WorkQueue};

/// The finalizer the apiserver puts on every namespace and this controller removes.
pub const FINALIZER: &str = "kubernetes";
/// Longest wait before looking at a namespace whose content is still going away.
const MAX_RECHECK: Duration = Duration::from_secs(2);
const FIRST_RECHECK: Duration = Duration::from_millis(100);

/// What one pass over a namespace's content found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContentReport {
    /// Group/version pairs discovery could not describe.
    pub discovery_errors: Vec<String>,
    /// Types whose content could not be deleted, with why.
    pub deletion_errors: Vec<String>,
    /// Objects still present per group resource (`pods.`, `deployments.apps`).
    pub remaining: BTreeMap<String, usize>,
    /// Objects still present per finalizer they carry.
    pub finalizers: BTreeMap<String, usize>,
}

impl ContentReport {
    /// Nothing is left and nothing failed: the namespace may be finalized.
    pub fn finished(&self) -> bool {
        self.discovery_errors.is_empty() && self.deletion_errors.is_empty() && self.remaining.is_empty()
    }
}

fn condition(type_: &str, failed: bool, reason: &str, message: String) -> NamespaceCondition {
    NamespaceCondition {
        type_: type_.into(),
        status: if failed { "True" } else { "False" }.into(),
        reason: Some(reason.into()),
        message: Some(message),
        last_transition_time: None,
    }
}

fn counted(m: &BTreeMap<String, usize>, word: &str) -> String {
    m.iter().map(|(k, n)| format!("{k} {word} {n} resource instances")).collect::<Vec<_>>().join(", ")
}

/// The deletion conditions kube's namespace controller reports for `report`, in its words.
/// A condition's `lastTransitionTime` moves only when its status does.
pub fn conditions(report: &ContentReport, existing: &[NamespaceCondition], now: Time) -> Vec<NamespaceCondition> {
    let r = report;
    let mut out = vec![
        if r.discovery_errors.is_empty() {
            condition(
                "NamespaceDeletionDiscoveryFailure",
                false,
                "ResourcesDiscovered",
                "All resources successfully discovered".into(),
            )
        } else {
            condition(
                "NamespaceDeletionDiscoveryFailure",
                true,
                "DiscoveryFailed",
                format!(
                    "Discovery failed for some groups, {} failing: {}",
                    r.discovery_errors.len(),
                    r.discovery_errors.join(", ")
                ),
            )
        },
        condition(
            "NamespaceDeletionGroupVersionParsingFailure",
            false,
            "ParsedGroupVersions",
            "All legacy kube types successfully parsed".into(),
        ),
        if r.deletion_errors.is_empty() {
            condition(
                "NamespaceDeletionContentFailure",
                false,
                "ContentDeleted",
                "All content successfully deleted, may be waiting on finalization".into(),
            )
        } else {
            condition(
                "NamespaceDeletionContentFailure",
                true,
                "ContentDeletionFailed",
                format!(
                    "Failed to delete all resource types, {} remaining: {}",
                    r.deletion_errors.len(),
                    r.deletion_errors.join(", ")
                ),
            )
        },
        if r.remaining.is_empty() {
            condition("NamespaceContentRemaining", false, "ContentRemoved", "All content successfully removed".into())
        } else {
            condition(
                "NamespaceContentRemaining",
                true,
                "SomeResourcesRemain",
                format!("Some resources are remaining: {}", counted(&r.remaining, "has")),
            )
        },
        if r.finalizers.is_empty() {
            condition(
                "NamespaceFinalizersRemaining",
                false,
                "ContentHasNoFinalizers",
                "All content-preserving finalizers finished".into(),
            )
        } else {
            condition(
                "NamespaceFinalizersRemaining",
                true,
                "SomeFinalizersRemain",
                format!("Some content in the namespace has finalizers remaining: {}", counted(&r.finalizers, "in")),
            )
        },
    ];
    for c in &mut out {
        let before = existing.iter().find(|e| e.type_ == c.type_);
        c.last_transition_time = match before {
            Some(b) if b.status == c.status => b.last_transition_time.clone(),
            _ => Some(now.clone()),
        };
    }
    out
}

/// The namespace's `spec.finalizers` without ours, or `None` if this controller has nothing
/// to do with it (not terminating, or already finalized by us).
pub fn finalize(ns: &Namespace) -> Option<Vec<String>> {
    ns.metadata.deletion_timestamp.as_ref()?;
    let finalizers = ns.spec.as_ref().and_then(|s| s.finalizers.clone()).unwrap_or_default();
    if !finalizers.iter().any(|f| f == FINALIZER) {
        return None;
    }
    Some(finalizers.into_iter().filter(|f| f != FINALIZER).collect())
}

enum Input {
    Namespace(Box<watcher::Event<Namespace>>),
    Done { name: String, finished: bool },
}

pub(crate) fn spawn(client: kube::Client) -> Vec<JoinHandle<()>> {
    let (tx, rx) = mpsc::channel(64);
    vec![
        system::forward(
            "namespaces",
            watcher(Api::<Namespace>::all(client.clone()), watcher::Config::default()),
            tx.clone(),
            |ev| Input::Namespace(Box::new(ev)),
        ),
        tokio::spawn(run(client, tx, rx)),
    ]
}

async fn run(client: kube::Client, tx: mpsc::Sender<Input>, mut rx: mpsc::Receiver<Input>) {
    let mut namespaces = system::mirror::<Namespace>();
    let mut queue = WorkQueue::<String>::default();
    // Passes over each terminating namespace so far, for the re-check back-off.
    let mut passes: HashMap<String, u32> = HashMap::new();
    loop {
        tokio::select! {
            msg = rx.recv() => {
                let Some(msg) = msg else { return };
                let now = Instant::now();
                let mut next = Some(msg);
                while let Some(msg) = next {
                    match msg {
                        Input::Namespace(ev) => {
                            for c in namespaces.apply(*ev) {
                                match c.new {
                                    Some(ns) if finalize(&ns).is_some() => queue.add(c.key, now),
                                    _ => {
                                        queue.forget(&c.key);
                                        passes.remove(&c.key);
                                    }
                                }
                            }
                        }
                        Input::Done { name, finished } => {
                            queue.done(&name);
                            if !finished && namespaces.get(&name).is_some_and(|ns| finalize(ns).is_some()) {
                                let n = passes.entry(name.clone()).or_insert(0);
                                *n += 1;
                                let delay = FIRST_RECHECK.saturating_mul(1 << (*n).min(8)).min(MAX_RECHECK);
                                queue.add_at(name, now + delay);
                            }
                        }
                    }
                    next = rx.try_recv().ok();
                }
            }
            _ = system::sleep_until(queue.next_due()) => {}
        }
        if !namespaces.synced() {
            continue;
        }
        let now = Instant::now();
        while let Some(name) = queue.pop(now) {
            let Some(ns) = namespaces.get(&name).cloned() else {
                queue.done(&name);
                continue;
            };
            let (client, tx) = (client.clone(), tx.clone());
            tokio::spawn(async move {
                let finished = match sync(&client, &ns).await {
                    Ok(finished) => finished,
                    Err(e) => {
                        tracing::debug!(namespace = %name, error = %e, "namespace deletion pass failed");
                        false
                    }
                };
                let _ = tx.send(Input::Done { name, finished }).await;
            });
        }
    }
}

/// One pass: delete what is left, report, and finalize when empty. True when finalized.
async fn sync(client: &kube::Client, ns: &Namespace) -> Result<bool, kube::Error> {
    let name = ns.metadata.name.clone().unwrap_or_default();
    let report = delete_content(client, &name).await;
    let existing = ns.status.as_ref().and_then(|s| s.conditions.clone()).unwrap_or_default();
    let wanted = conditions(&report, &existing, Time(jiff::Timestamp::now()));
    let api = Api::<Namespace>::all(client.clone());
    if !same_conditions(&existing, &wanted) {
        let patch = json!({"status": {"conditions": wanted}});
        api.patch_status(&name, &PatchParams::default(), &Patch::Merge(&patch)).await?;
    }
    if !report.finished() {
        return Ok(false);
    }
    let Some(finalizers) = finalize(ns) else { return Ok(true) };
    let mut current = api.get(&name).await?;
    current.spec.get_or_insert_with(Default::default).finalizers = Some(finalizers);
    match api.replace_subresource::<Namespace>("finalize", &name, &PostParams::default(), &current).await {
        Ok(_) => Ok(true),
        Err(e) if system::is_status(&e, 404) => Ok(true),
        Err(e) => Err(e),
    }
}

fn same_conditions(a: &[NamespaceCondition], b: &[NamespaceCondition]) -> bool {
    let key = |c: &NamespaceCondition| (c.type_.clone(), c.status.clone(), c.reason.clone(), c.message.clone());
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| key(x) == key(y))
}

/// The namespaced types that can be listed and deleted, one version per group (every version
/// of a group serves the same objects).
async fn deletable_types(client: &kube::Client, report: &mut ContentReport) -> Vec<(ApiResource, ApiCapabilities)> {
    let discovery = match Discovery::new(client.clone()).run().await {
        Ok(d) => d,
        Err(e) => {
            report.discovery_errors.push(e.to_string());
            return vec![];
        }
    };
    discovery
        .groups()
        .flat_map(|g| g.recommended_resources())
        .filter(|(_, caps)| {
            caps.scope == Scope::Namespaced
                && caps.supports_operation(verbs::LIST)
                && caps.supports_operation(verbs::DELETE)
        })
        .collect()
}

/// Deletes every object in `namespace` and counts what is still there (objects waiting for
/// finalizers or graceful termination).
pub async fn delete_content(client: &kube::Client, namespace: &str) -> ContentReport {
    let mut report = ContentReport::default();
    // The namespace goes anyway; waiting for dependents would only slow it down.
    let dp = DeleteParams::background();
    for (ar, caps) in deletable_types(client, &mut report).await {
        let api = Api::<DynamicObject>::namespaced_with(client.clone(), namespace, &ar);
        let group_resource = format!("{}.{}", ar.plural, ar.group);
        let deleted = if caps.supports_operation(verbs::DELETE_COLLECTION) {
            api.delete_collection(&dp, &ListParams::default()).await.map(drop)
        } else {
            delete_each(&api, &dp).await
        };
        if let Err(e) = deleted
            && !system::is_status(&e, 404)
            && !system::is_status(&e, 405)
        {
            report.deletion_errors.push(format!("{group_resource}: {e}"));
        }
        match api.list_metadata(&ListParams::default()).await {
            Ok(list) if !list.items.is_empty() => {
                report.remaining.insert(group_resource, list.items.len());
                for item in &list.items {
                    for f in item.metadata.finalizers.iter().flatten() {
                        *report.finalizers.entry(f.clone()).or_insert(0) += 1;
                    }
                }
            }
            Ok(_) => {}
            Err(e) => report.deletion_errors.push(format!("{group_resource}: {e}")),
        }
    }
    report
}

async fn delete_each(api: &Api<DynamicObject>, dp: &DeleteParams) -> Result<(), kube::Error> {
    for item in api.list_metadata(&ListParams::default()).await?.items {
        let Some(name) = item.metadata.name.as_deref() else { continue };
        match api.delete(name, dp).await {
            Ok(_) => {}
            Err(e) if system::is_status(&e, 404) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::NamespaceSpec;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    fn at(s: &str) -> Time {
        Time(s.parse().expect("timestamp"))
    }

    #[test]
    fn conditions_with_content_left_name_it_like_kube() {
        let report = ContentReport {
            remaining: BTreeMap::from([("configmaps.".into(), 1), ("deployments.apps".into(), 2)]),
            finalizers: BTreeMap::from([("example.com/hold".into(), 1)]),
            ..Default::default()
        };
        let cs = conditions(&report, &[], at("2025-01-01T00:00:00Z"));
        let by_type = |t: &str| cs.iter().find(|c| c.type_ == t).expect("condition present");
        let remaining = by_type("NamespaceContentRemaining");
        assert_eq!(remaining.status, "True");
        assert_eq!(remaining.reason.as_deref(), Some("SomeResourcesRemain"));
        assert_eq!(
            remaining.message.as_deref(),
            Some(
                "Some resources are remaining: configmaps. has 1 resource instances, deployments.apps has 2 resource instances"
            )
        );
        assert_eq!(
            by_type("NamespaceFinalizersRemaining").message.as_deref(),
            Some("Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances")
        );
        assert_eq!(by_type("NamespaceDeletionContentFailure").reason.as_deref(), Some("ContentDeleted"));
        assert!(!report.finished());
    }

    #[test]
    fn conditions_unchanged_status_keeps_transition_time() {
        let first = conditions(&ContentReport::default(), &[], at("2025-01-01T00:00:00Z"));
        let again = conditions(&ContentReport::default(), &first, at("2025-01-01T00:05:00Z"));
        assert_eq!(first, again);
        let failing = ContentReport { deletion_errors: vec!["pods.: boom".into()], ..Default::default() };
        let changed = conditions(&failing, &first, at("2025-01-01T00:05:00Z"));
        let c = changed.iter().find(|c| c.type_ == "NamespaceDeletionContentFailure").expect("present");
        assert_eq!(c.status, "True");
        assert_eq!(c.last_transition_time, Some(at("2025-01-01T00:05:00Z")));
    }

    #[test]
    fn finalize_removes_only_kubernetes_from_terminating_namespace() {
        let mut ns = Namespace {
            metadata: ObjectMeta { name: Some("x".into()), ..Default::default() },
            spec: Some(NamespaceSpec { finalizers: Some(vec!["kubernetes".into(), "example.com/other".into()]) }),
            ..Default::default()
        };
        assert_eq!(finalize(&ns), None, "not being deleted");
        ns.metadata.deletion_timestamp = Some(at("2025-01-01T00:00:00Z"));
        assert_eq!(finalize(&ns), Some(vec!["example.com/other".to_string()]));
        ns.spec = Some(NamespaceSpec { finalizers: Some(vec!["example.com/other".into()]) });
        assert_eq!(finalize(&ns), None, "already finalized by us");
    }
}
