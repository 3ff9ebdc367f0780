//! Watch plumbing shared by the system controllers: a task that feeds a kube-runtime watch
//! into a controller's channel, and [`Mirror`], a local copy of one kind that turns watch
//! events (including re-lists after `410 Gone`) into old/new pairs, as client-go's informers
//! hand them to event handlers.

use std::collections::HashMap;
use std::fmt::Debug;
use std::pin::pin;
use std::sync::Arc;

use futures::{Stream, StreamExt};
use kube::runtime::WatchStreamExt;
use kube::runtime::watcher;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Feeds `stream` into `tx`, each event wrapped by `wrap`, retrying with back-off on errors.
/// Ends when the receiver is gone.
pub fn forward<K, M, S>(
    what: &'static str,
    stream: S,
    tx: mpsc::Sender<M>,
    wrap: impl Fn(watcher::Event<K>) -> M + Send + 'static,
) -> JoinHandle<()>
where
    K: Debug + Send + 'static,
    M: Send + 'static,
    S: Stream<Item = Result<watcher::Event<K>, watcher::Error>> + Send + 'static,
{
    tokio::spawn(async move {
        let mut events = pin!(stream.default_backoff());
        while let Some(ev) = events.next().await {
            match ev {
                Ok(ev) => {
                    if tx.send(wrap(ev)).await.is_err() {
                        return;
                    }
                }
                Err(e) => tracing::warn!(watch = what, error = %e, "watch failed; retrying"),
            }
        }
    })
}

/// One object's change: `old` is what the mirror held, `new` what it holds now (`None` when
/// the object is gone).
#[derive(Debug)]
pub struct Change<K> {
    pub key: String,
    pub old: Option<Arc<K>>,
    pub new: Option<Arc<K>>,
}

/// A local copy of the objects of one watch, keyed by `key`.
pub struct Mirror<K> {
    items: HashMap<String, Arc<K>>,
    /// Objects of a (re-)list in progress; the old copy stays readable until it ends.
    relist: Option<HashMap<String, Arc<K>>>,
    synced: bool,
    key: fn(&K) -> String,
    version: fn(&K) -> Option<&str>,
}

impl<K> Mirror<K> {
    pub fn new(key: fn(&K) -> String, version: fn(&K) -> Option<&str>) -> Mirror<K> {
        Mirror { items: HashMap::new(), relist: None, synced: false, key, version }
    }

    /// Whether the first list has been seen completely.
    pub fn synced(&self) -> bool {
        self.synced
    }

    pub fn get(&self, key: &str) -> Option<&Arc<K>> {
        self.items.get(key)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Arc<K>)> + Clone {
        self.items.iter()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Applies one watch event; returns what changed (nothing while a list is in progress,
    /// everything that differs when it ends).
    pub fn apply(&mut self, ev: watcher::Event<K>) -> Vec<Change<K>> {
        match ev {
            watcher::Event::Init => {
                self.relist = Some(HashMap::new());
                vec![]
            }
            watcher::Event::InitApply(obj) => {
                let key = (self.key)(&obj);
                match &mut self.relist {
                    Some(r) => {
                        r.insert(key, Arc::new(obj));
                        vec![]
                    }
                    None => self.put(key, obj).into_iter().collect(),
                }
            }
            watcher::Event::InitDone => {
                self.synced = true;
                let Some(listed) = self.relist.take() else { return vec![] };
                let mut changes = Vec::new();
                for (key, old) in &self.items {
                    if !listed.contains_key(key) {
                        changes.push(Change { key: key.clone(), old: Some(old.clone()), new: None });
                    }
                }
                for (key, new) in &listed {
                    let old = self.items.get(key).cloned();
                    let same = old.as_ref().is_some_and(|o| {
                        let v = (self.version)(o);
                        v.is_some() && v == (self.version)(new)
                    });
                    if !same {
                        changes.push(Change { key: key.clone(), old, new: Some(new.clone()) });
                    }
                }
                self.items = listed;
                changes
            }
            watcher::Event::Apply(obj) => {
                let key = (self.key)(&obj);
                self.put(key, obj).into_iter().collect()
            }
            watcher::Event::Delete(obj) => {
                let key = (self.key)(&obj);
                let old = self.items.remove(&key);
                vec![Change { key, old, new: None }]
            }
        }
    }

    fn put(&mut self, key: String, obj: K) -> Option<Change<K>> {
        // A controller may feed in its own write before the watch delivers older events of
        // the same object; resourceVersions of one object only grow, so never step back.
        if let Some(cur) = self.items.get(&key)
            && let (Some(a), Some(b)) = ((self.version)(cur), (self.version)(&obj))
            && let (Ok(a), Ok(b)) = (a.parse::<u64>(), b.parse::<u64>())
            && b < a
        {
            return None;
        }
        let new = Arc::new(obj);
        let old = self.items.insert(key.clone(), new.clone());
        Some(Change { key, old, new: Some(new) })
    }
}

/// `namespace/name`, or `name` for cluster-scoped objects: the key client-go's cache uses.
pub fn object_key<K: kube::Resource>(obj: &K) -> String {
    let meta = obj.meta();
    let name = meta.name.as_deref().unwrap_or_default();
    match meta.namespace.as_deref() {
        Some(ns) if !ns.is_empty() => format!("{ns}/{name}"),
        _ => name.to_owned(),
    }
}

pub fn resource_version<K: kube::Resource>(obj: &K) -> Option<&str> {
    obj.meta().resource_version.as_deref()
}

/// A mirror keyed by `namespace/name`.
pub fn mirror<K: kube::Resource>() -> Mirror<K> {
    Mirror::new(object_key::<K>, resource_version::<K>)
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::ConfigMap;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;

    fn cm(name: &str, rv: &str) -> ConfigMap {
        ConfigMap {
            metadata: ObjectMeta {
                name: Some(name.into()),
                namespace: Some("ns".into()),
                resource_version: Some(rv.into()),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn relist_reports_only_differences() {
        let mut m = mirror::<ConfigMap>();
        m.apply(watcher::Event::Init);
        m.apply(watcher::Event::InitApply(cm("a", "1")));
        m.apply(watcher::Event::InitApply(cm("b", "1")));
        let first = m.apply(watcher::Event::InitDone);
        assert_eq!(first.len(), 2);
        assert!(m.synced());

        m.apply(watcher::Event::Init);
        m.apply(watcher::Event::InitApply(cm("a", "1")));
        m.apply(watcher::Event::InitApply(cm("c", "2")));
        assert!(m.get("ns/b").is_some(), "the old copy stays readable during a re-list");
        let mut keys: Vec<(String, bool)> =
            m.apply(watcher::Event::InitDone).into_iter().map(|c| (c.key, c.new.is_some())).collect();
        keys.sort();
        assert_eq!(keys, vec![("ns/b".into(), false), ("ns/c".into(), true)]);
    }

    #[test]
    fn apply_older_version_is_ignored() {
        let mut m = mirror::<ConfigMap>();
        m.apply(watcher::Event::Apply(cm("a", "5")));
        assert!(m.apply(watcher::Event::Apply(cm("a", "4"))).is_empty());
        assert_eq!(m.get("ns/a").and_then(|c| c.metadata.resource_version.clone()).as_deref(), Some("5"));
    }

    #[test]
    fn apply_and_delete_report_old_and_new() {
        let mut m = mirror::<ConfigMap>();
        m.apply(watcher::Event::Apply(cm("a", "1")));
        let c = m.apply(watcher::Event::Apply(cm("a", "2"))).pop().expect("a change");
        assert_eq!(c.old.and_then(|o| o.metadata.resource_version.clone()).as_deref(), Some("1"));
        let d = m.apply(watcher::Event::Delete(cm("a", "3"))).pop().expect("a change");
        assert!(d.new.is_none() && d.old.is_some());
        assert!(m.is_empty());
    }
}
