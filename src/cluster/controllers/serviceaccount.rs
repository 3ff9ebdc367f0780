//! What every namespace gets: the `default` ServiceAccount (kube's serviceaccount-controller)
//! and the `kube-root-ca.crt` ConfigMap with the cluster CA (root-ca-cert-publisher), made
//! again if someone deletes them. The decision is [`plan`]; the rest wires it to watches.

use std::collections::BTreeMap;
use std::time::Instant;

use k8s_openapi::api::core::v1::{ConfigMap, Namespace, ServiceAccount};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::api::{Api, PostParams};
use kube::runtime::watcher;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::system::{self, Mirror, WorkQueue};

pub const DEFAULT_SERVICE_ACCOUNT: &str = "default";
pub const ROOT_CA_CONFIG_MAP: &str = "kube-root-ca.crt";
const ROOT_CA_KEY: &str = "ca.crt";
const DESCRIPTION_ANNOTATION: &str = "kubernetes.io/description";
/// kube's wording, so `describe cm kube-root-ca.crt` reads the same.
const ROOT_CA_DESCRIPTION: &str = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

/// A write that brings one namespace's defaults in line.
#[derive(Debug, PartialEq)]
pub enum Write {
    CreateServiceAccount(ServiceAccount),
    CreateConfigMap(ConfigMap),
    ReplaceConfigMap(ConfigMap),
}

fn terminating(ns: &Namespace) -> bool {
    ns.metadata.deletion_timestamp.is_some()
        || ns.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Terminating")
}

/// What namespace `ns` lacks: the default ServiceAccount if `has_service_account` is false,
/// and a root CA ConfigMap holding `ca_pem` (none is published when `ca_pem` is empty).
/// A terminating namespace gets nothing: the namespace controller is emptying it.
pub fn plan(ns: &Namespace, has_service_account: bool, root_ca: Option<&ConfigMap>, ca_pem: &str) -> Vec<Write> {
    let mut writes = Vec::new();
    if terminating(ns) {
        return writes;
    }
    let namespace = ns.metadata.name.clone().unwrap_or_default();
    if !has_service_account {
        writes.push(Write::CreateServiceAccount(ServiceAccount {
            metadata: ObjectMeta {
                name: Some(DEFAULT_SERVICE_ACCOUNT.into()),
                namespace: Some(namespace.clone()),
                ..Default::default()
            },
            ..Default::default()
        }));
    }
    if ca_pem.is_empty() {
        return writes;
    }
    let data = BTreeMap::from([(ROOT_CA_KEY.to_owned(), ca_pem.to_owned())]);
    match root_ca {
        None => writes.push(Write::CreateConfigMap(ConfigMap {
            metadata: ObjectMeta {
                name: Some(ROOT_CA_CONFIG_MAP.into()),
                namespace: Some(namespace),
                annotations: Some(BTreeMap::from([(DESCRIPTION_ANNOTATION.into(), ROOT_CA_DESCRIPTION.into())])),
                ..Default::default()
            },
            data: Some(data),
            ..Default::default()
        })),
        Some(cm) if cm.data.as_ref() != Some(&data) || cm.binary_data.is_some() => {
            let mut fixed = cm.clone();
            fixed.data = Some(data);
            fixed.binary_data = None;
            fixed
                .metadata
                .annotations
                .get_or_insert_with(BTreeMap::new)
                .entry(DESCRIPTION_ANNOTATION.into())
                .or_insert_with(|| ROOT_CA_DESCRIPTION.into());
            writes.push(Write::ReplaceConfigMap(fixed));
        }
        Some(_) => {}
    }
    writes
}

enum Input {
    Namespace(watcher::Event<Namespace>),
    ServiceAccount(watcher::Event<ServiceAccount>),
    ConfigMap(watcher::Event<ConfigMap>),
    Done { namespace: String, ok: bool },
}

pub(crate) fn spawn(client: kube::Client, ca_pem: String) -> Vec<JoinHandle<()>> {
    let (tx, rx) = mpsc::channel(256);
    let by_name = |name: &str| watcher::Config::default().fields(&format!("metadata.name={name}"));
    vec![
        system::forward(
            "namespaces",
            watcher(Api::<Namespace>::all(client.clone()), watcher::Config::default()),
            tx.clone(),
            Input::Namespace,
        ),
        system::forward(
            "serviceaccounts",
            watcher(Api::<ServiceAccount>::all(client.clone()), by_name(DEFAULT_SERVICE_ACCOUNT)),
            tx.clone(),
            Input::ServiceAccount,
        ),
        system::forward(
            "configmaps",
            watcher(Api::<ConfigMap>::all(client.clone()), by_name(ROOT_CA_CONFIG_MAP)),
            tx.clone(),
            Input::ConfigMap,
        ),
        tokio::spawn(run(client, ca_pem, tx, rx)),
    ]
}

async fn run(client: kube::Client, ca_pem: String, tx: mpsc::Sender<Input>, mut rx: mpsc::Receiver<Input>) {
    let mut namespaces = system::mirror::<Namespace>();
    let mut accounts = system::mirror::<ServiceAccount>();
    let mut config_maps = system::mirror::<ConfigMap>();
    let mut queue = WorkQueue::<String>::default();
    loop {
        tokio::select! {
            msg = rx.recv() => {
                let Some(msg) = msg else { return };
                let now = Instant::now();
                let mut next = Some(msg);
                while let Some(msg) = next {
                    match msg {
                        Input::Namespace(ev) => {
                            for c in namespaces.apply(ev) {
                                match c.new {
                                    Some(_) => queue.add(c.key, now),
                                    None => queue.forget(&c.key),
                                }
                            }
                        }
                        Input::ServiceAccount(ev) => changed_in(&mut accounts, ev, &mut queue, now),
                        Input::ConfigMap(ev) => changed_in(&mut config_maps, ev, &mut queue, now),
                        Input::Done { namespace, ok: true } => queue.done(&namespace),
                        Input::Done { namespace, ok: false } => queue.failed(&namespace, now),
                    }
                    next = rx.try_recv().ok();
                }
            }
            _ = system::sleep_until(queue.next_due()) => {}
        }
        if !(namespaces.synced() && accounts.synced() && config_maps.synced()) {
            continue;
        }
        let now = Instant::now();
        while let Some(name) = queue.pop(now) {
            let Some(ns) = namespaces.get(&name) else {
                queue.done(&name);
                continue;
            };
            let has_sa = accounts.get(&format!("{name}/{DEFAULT_SERVICE_ACCOUNT}")).is_some();
            let cm = config_maps.get(&format!("{name}/{ROOT_CA_CONFIG_MAP}")).map(|c| c.as_ref());
            let writes = plan(ns, has_sa, cm, &ca_pem);
            if writes.is_empty() {
                queue.done(&name);
                continue;
            }
            let (client, tx) = (client.clone(), tx.clone());
            tokio::spawn(async move {
                let ok = execute(&client, &name, writes).await;
                let _ = tx.send(Input::Done { namespace: name, ok }).await;
            });
        }
    }
}

/// Queues the namespace of a changed object.
fn changed_in<K: kube::Resource>(
    mirror: &mut Mirror<K>,
    ev: watcher::Event<K>,
    queue: &mut WorkQueue<String>,
    now: Instant,
) {
    for c in mirror.apply(ev) {
        if let Some((ns, _)) = c.key.split_once('/') {
            queue.add(ns.to_owned(), now);
        }
    }
}

/// Performs `writes`; false if one failed in a way worth retrying.
async fn execute(client: &kube::Client, namespace: &str, writes: Vec<Write>) -> bool {
    let pp = PostParams::default();
    let mut ok = true;
    for w in writes {
        let result = match &w {
            Write::CreateServiceAccount(sa) => {
                Api::<ServiceAccount>::namespaced(client.clone(), namespace).create(&pp, sa).await.map(drop)
            }
            Write::CreateConfigMap(cm) => {
                Api::<ConfigMap>::namespaced(client.clone(), namespace).create(&pp, cm).await.map(drop)
            }
            Write::ReplaceConfigMap(cm) => Api::<ConfigMap>::namespaced(client.clone(), namespace)
                .replace(ROOT_CA_CONFIG_MAP, &pp, cm)
                .await
                .map(drop),
        };
        match result {
            Ok(()) => {}
            // Someone else made it, or the namespace started terminating: nothing to do.
            Err(e)
                if system::is_status(&e, 409)
                    && matches!(w, Write::CreateServiceAccount(_) | Write::CreateConfigMap(_)) => {}
            Err(e) if system::is_status(&e, 403) || system::is_status(&e, 404) => {}
            Err(e) => {
                tracing::debug!(namespace, error = %e, "could not write a namespace default");
                ok = false;
            }
        }
    }
    ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::NamespaceStatus;

    fn ns(name: &str, phase: &str) -> Namespace {
        Namespace {
            metadata: ObjectMeta { name: Some(name.into()), ..Default::default() },
            status: Some(NamespaceStatus { phase: Some(phase.into()), ..Default::default() }),
            ..Default::default()
        }
    }

    #[test]
    fn plan_new_namespace_gets_account_and_root_ca() {
        let writes = plan(&ns("web", "Active"), false, None, "PEM");
        assert_eq!(writes.len(), 2);
        let Write::CreateServiceAccount(sa) = &writes[0] else { panic!("{writes:?}") };
        assert_eq!(sa.metadata.name.as_deref(), Some("default"));
        assert_eq!(sa.metadata.namespace.as_deref(), Some("web"));
        let Write::CreateConfigMap(cm) = &writes[1] else { panic!("{writes:?}") };
        assert_eq!(cm.data.as_ref().and_then(|d| d.get("ca.crt")).map(String::as_str), Some("PEM"));
    }

    #[test]
    fn plan_terminating_namespace_gets_nothing() {
        assert!(plan(&ns("web", "Terminating"), false, None, "PEM").is_empty());
    }

    #[test]
    fn plan_edited_root_ca_is_restored() {
        let Some(Write::CreateConfigMap(cm)) = plan(&ns("web", "Active"), true, None, "OLD").pop() else {
            panic!("expected a create")
        };
        assert!(plan(&ns("web", "Active"), true, Some(&cm), "OLD").is_empty());
        let Some(Write::ReplaceConfigMap(fixed)) = plan(&ns("web", "Active"), true, Some(&cm), "NEW").pop() else {
            panic!("expected a replace")
        };
        assert_eq!(fixed.data.and_then(|d| d.get("ca.crt").cloned()).as_deref(), Some("NEW"));
    }

    #[test]
    fn plan_without_ca_creates_only_the_account() {
        assert_eq!(plan(&ns("web", "Active"), false, None, "").len(), 1);
    }
}
