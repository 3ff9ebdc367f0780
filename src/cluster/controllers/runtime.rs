//! The controller runtime every workload controller shares, in the shape of client-go's: shared
//! informers (one watch per kind feeding an indexed cache and change handlers), de-duplicating
//! work queues with per-key backoff, and "expectations" that stop a controller from acting
//! twice on a cache that has not caught up with its own writes. Depends only on kube's watcher.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use kube::runtime::WatchStreamExt;
use kube::runtime::watcher::{self, Event};
use kube::{Api, Resource, ResourceExt};
use parking_lot::{Mutex, RwLock};
use serde::de::DeserializeOwned;
use tokio::sync::Notify;

/// A namespaced (or cluster-scoped, with an empty namespace) object name: the unit of work.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub namespace: String,
    pub name: String,
}

impl Key {
    pub fn new(namespace: impl Into<String>, name: impl Into<String>) -> Key {
        Key { namespace: namespace.into(), name: name.into() }
    }

    pub fn of<K: Resource>(obj: &K) -> Key {
        Key {
            namespace: obj.meta().namespace.clone().unwrap_or_default(),
            name: obj.meta().name.clone().unwrap_or_default(),
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.namespace.is_empty() {
            write!(f, "{}", self.name)
        } else {
            write!(f, "{}/{}", self.namespace, self.name)
        }
    }
}

/// The uid of the object's managing controller, if it has one.
pub fn controller_uid<K: Resource>(obj: &K) -> Option<&str> {
    obj.meta().owner_references.as_ref()?.iter().find(|o| o.controller == Some(true)).map(|o| o.uid.as_str())
}

/// What changed in an informer's cache.
pub enum Change<'a, K> {
    Added(&'a Arc<K>),
    Updated { old: &'a Arc<K>, new: &'a Arc<K> },
    Deleted(&'a Arc<K>),
}

/// An object before and after a change; `None` where it did not exist.
type Pair<K> = (Option<Arc<K>>, Option<Arc<K>>);

type Handler<K> = Box<dyn Fn(&Change<'_, K>) + Send + Sync>;

#[derive(Default)]
struct CacheState<K> {
    objects: HashMap<Key, Arc<K>>,
    /// Objects by their controller's uid, or by `orphan_index(namespace)` when they have none:
    /// controllers find their dependents without scanning every pod.
    by_controller: HashMap<String, HashSet<Key>>,
}

fn orphan_index(namespace: &str) -> String {
    // uids never contain a space, so this cannot collide with one.
    format!("orphans {namespace}")
}

fn index_of<K: Resource>(obj: &K) -> String {
    match controller_uid(obj) {
        Some(uid) => uid.to_string(),
        None => orphan_index(obj.meta().namespace.as_deref().unwrap_or("")),
    }
}

impl<K: Resource> CacheState<K> {
    fn insert(&mut self, key: Key, obj: Arc<K>) -> Option<Arc<K>> {
        let old = self.objects.insert(key.clone(), obj.clone());
        if let Some(o) = &old {
            self.unindex(&key, o);
        }
        self.by_controller.entry(index_of(obj.as_ref())).or_default().insert(key);
        old
    }

    fn remove(&mut self, key: &Key) -> Option<Arc<K>> {
        let old = self.objects.remove(key)?;
        self.unindex(key, &old);
        Some(old)
    }

    fn unindex(&mut self, key: &Key, obj: &Arc<K>) {
        let idx = index_of(obj.as_ref());
        if let Some(set) = self.by_controller.get_mut(&idx) {
            set.remove(key);
            if set.is_empty() {
                self.by_controller.remove(&idx);
            }
        }
    }
}

/// A read-only view of the objects an informer has seen.
pub struct Cache<K> {
    state: RwLock<CacheState<K>>,
}

impl<K: Resource> Cache<K> {
    fn new() -> Cache<K> {
        Cache { state: RwLock::new(CacheState { objects: HashMap::new(), by_controller: HashMap::new() }) }
    }

    pub fn get(&self, key: &Key) -> Option<Arc<K>> {
        self.state.read().objects.get(key).cloned()
    }

    pub fn list(&self) -> Vec<Arc<K>> {
        self.state.read().objects.values().cloned().collect()
    }

    pub fn list_namespace(&self, namespace: &str) -> Vec<Arc<K>> {
        self.state.read().objects.iter().filter(|(k, _)| k.namespace == namespace).map(|(_, v)| v.clone()).collect()
    }

    /// Objects whose controller ownerReference has this uid.
    pub fn controlled_by(&self, uid: &str) -> Vec<Arc<K>> {
        self.by_index(uid)
    }

    /// Objects in `namespace` with no controller ownerReference (candidates for adoption).
    pub fn orphans(&self, namespace: &str) -> Vec<Arc<K>> {
        self.by_index(&orphan_index(namespace))
    }

    fn by_index(&self, idx: &str) -> Vec<Arc<K>> {
        let s = self.state.read();
        s.by_controller
            .get(idx)
            .map(|keys| keys.iter().filter_map(|k| s.objects.get(k).cloned()).collect())
            .unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.state.read().objects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One watch of a kind, shared by every controller that reads it.
pub struct Informer<K: Resource> {
    api: Api<K>,
    cache: Arc<Cache<K>>,
    handlers: RwLock<Vec<Handler<K>>>,
    synced: tokio::sync::watch::Sender<bool>,
}

impl<K> Informer<K>
where
    K: Resource + Clone + DeserializeOwned + fmt::Debug + Send + Sync + 'static,
    K::DynamicType: Default,
{
    pub fn new(api: Api<K>) -> Arc<Informer<K>> {
        Arc::new(Informer {
            api,
            cache: Arc::new(Cache::new()),
            handlers: RwLock::new(Vec::new()),
            synced: tokio::sync::watch::channel(false).0,
        })
    }

    pub fn cache(&self) -> &Arc<Cache<K>> {
        &self.cache
    }

    /// Call `f` for every change. Handlers run on the watch task: they must only enqueue work.
    pub fn on_change(&self, f: impl Fn(&Change<'_, K>) + Send + Sync + 'static) {
        self.handlers.write().push(Box::new(f));
    }

    /// Resolves once the initial list has been loaded into the cache.
    pub async fn wait_synced(&self) {
        let mut rx = self.synced.subscribe();
        let _ = rx.wait_for(|s| *s).await;
    }

    /// Watch until the task is aborted; a failed watch is retried with backoff, and every
    /// re-list reconciles the cache (objects deleted meanwhile are reported as deleted).
    pub fn start(self: &Arc<Self>) -> tokio::task::JoinHandle<()> {
        let me = self.clone();
        tokio::spawn(async move {
            // Controllers never read managedFields; like kube-controller-manager's informers
            // (TransformStripManagedFields), the cache does not keep them.
            let mut stream = watcher::watcher(me.api.clone(), watcher::Config::default())
                .default_backoff()
                .modify(|o| o.meta_mut().managed_fields = None)
                .boxed();
            let mut relist: Option<HashMap<Key, Arc<K>>> = None;
            while let Some(ev) = stream.next().await {
                match ev {
                    Ok(Event::Init) => relist = Some(HashMap::new()),
                    Ok(Event::InitApply(obj)) => {
                        relist.get_or_insert_with(HashMap::new).insert(Key::of(&obj), Arc::new(obj));
                    }
                    Ok(Event::InitDone) => {
                        me.replace_all(relist.take().unwrap_or_default());
                        me.synced.send_replace(true);
                    }
                    Ok(Event::Apply(obj)) => me.apply(obj),
                    Ok(Event::Delete(obj)) => me.delete(obj),
                    Err(e) => {
                        tracing::warn!(kind = %K::kind(&Default::default()), error = %e, "informer: watch failed")
                    }
                }
            }
        })
    }

    fn apply(&self, obj: K) {
        let key = Key::of(&obj);
        let new = Arc::new(obj);
        let old = self.cache.state.write().insert(key, new.clone());
        let handlers = self.handlers.read();
        let change = match &old {
            Some(old) => Change::Updated { old, new: &new },
            None => Change::Added(&new),
        };
        handlers.iter().for_each(|h| h(&change));
    }

    fn delete(&self, obj: K) {
        let key = Key::of(&obj);
        let gone = self.cache.state.write().remove(&key).unwrap_or_else(|| Arc::new(obj));
        let handlers = self.handlers.read();
        handlers.iter().for_each(|h| h(&Change::Deleted(&gone)));
    }

    fn replace_all(&self, fresh: HashMap<Key, Arc<K>>) {
        // (old, new) pairs; handlers run once the lock is released.
        let mut changes: Vec<Pair<K>> = Vec::new();
        {
            let mut s = self.cache.state.write();
            let vanished: Vec<Key> = s.objects.keys().filter(|k| !fresh.contains_key(k)).cloned().collect();
            for k in vanished {
                if let Some(old) = s.remove(&k) {
                    changes.push((Some(old), None));
                }
            }
            for (k, obj) in fresh {
                let old = s.insert(k, obj.clone());
                changes.push((old, Some(obj)));
            }
        }
        let handlers = self.handlers.read();
        for (old, new) in &changes {
            let change = match (old, new) {
                (Some(old), Some(new)) => Change::Updated { old, new },
                (None, Some(new)) => Change::Added(new),
                (Some(old), None) => Change::Deleted(old),
                (None, None) => continue,
            };
            handlers.iter().for_each(|h| h(&change));
        }
    }
}

#[derive(Default)]
struct QueueState {
    queue: VecDeque<Key>,
    /// Keys waiting to be processed (queued, or re-added while processing).
    dirty: HashSet<Key>,
    processing: HashSet<Key>,
    failures: HashMap<Key, u32>,
    /// The pending delayed add of each key: only the earliest is kept, since every sync
    /// computes its next wake-up afresh.
    delayed: HashMap<Key, Instant>,
    shut_down: bool,
}

/// client-go's workqueue: a key is queued at most once, and never processed by two workers
/// at the same time; a key added while it is processed is queued again when it is done.
pub struct Queue {
    state: Mutex<QueueState>,
    notify: Notify,
}

impl Default for Queue {
    fn default() -> Self {
        Queue { state: Mutex::new(QueueState::default()), notify: Notify::new() }
    }
}

impl Queue {
    pub fn new() -> Arc<Queue> {
        Arc::new(Queue::default())
    }

    pub fn add(&self, key: Key) {
        let mut s = self.state.lock();
        if s.shut_down || !s.dirty.insert(key.clone()) {
            return;
        }
        if !s.processing.contains(&key) {
            s.queue.push_back(key);
            drop(s);
            self.notify.notify_one();
        }
    }

    pub fn add_after(self: &Arc<Self>, key: Key, after: Duration) {
        if after.is_zero() {
            return self.add(key);
        }
        let at = Instant::now() + after;
        {
            let mut s = self.state.lock();
            match s.delayed.get(&key) {
                Some(pending) if *pending <= at => return,
                _ => s.delayed.insert(key.clone(), at),
            };
        }
        let me = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep_until(at.into()).await;
            let mine = {
                let mut s = me.state.lock();
                let mine = s.delayed.get(&key) == Some(&at);
                if mine {
                    s.delayed.remove(&key);
                }
                mine
            };
            if mine {
                me.add(key);
            }
        });
    }

    /// Requeue after a failure, backing off exponentially per key (5ms doubling, at most 30s).
    pub fn add_rate_limited(self: &Arc<Self>, key: Key) {
        let n = {
            let mut s = self.state.lock();
            let n = s.failures.entry(key.clone()).or_default();
            *n = n.saturating_add(1);
            *n
        };
        let delay = Duration::from_millis(5u64.saturating_mul(1 << n.min(13))).min(Duration::from_secs(30));
        self.add_after(key, delay);
    }

    /// Clear the key's failure count after a success.
    pub fn forget(&self, key: &Key) {
        self.state.lock().failures.remove(key);
    }

    /// The next key to work on; `None` once shut down.
    pub async fn get(&self) -> Option<Key> {
        loop {
            let notified = self.notify.notified();
            {
                let mut s = self.state.lock();
                if s.shut_down {
                    return None;
                }
                if let Some(k) = s.queue.pop_front() {
                    s.dirty.remove(&k);
                    s.processing.insert(k.clone());
                    let more = !s.queue.is_empty();
                    drop(s);
                    if more {
                        // Pass the baton so another idle worker picks up the rest.
                        self.notify.notify_one();
                    }
                    return Some(k);
                }
            }
            notified.await;
        }
    }

    pub fn done(&self, key: &Key) {
        let mut s = self.state.lock();
        s.processing.remove(key);
        if s.dirty.contains(key) {
            s.queue.push_back(key.clone());
            drop(s);
            self.notify.notify_one();
        }
    }

    pub fn shut_down(&self) {
        self.state.lock().shut_down = true;
        self.notify.notify_waiters();
    }

    pub fn len(&self) -> usize {
        self.state.lock().queue.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How long expectations are trusted before a controller acts anyway (client-go's 5 minutes:
/// a watch event that never arrives must not stall a controller forever).
const EXPECTATIONS_TTL: Duration = Duration::from_secs(300);

struct Expectation {
    adds: i64,
    /// Keys of dependents this controller has asked to delete and not yet seen go.
    deletes: HashSet<Key>,
    set_at: Instant,
}

/// client-go's (UID-tracking) ControllerExpectations: after asking for N creates and some
/// deletes, a controller waits to see them in its cache before it counts dependents again.
#[derive(Default)]
pub struct Expectations {
    map: Mutex<HashMap<Key, Expectation>>,
}

impl Expectations {
    pub fn satisfied(&self, controller: &Key) -> bool {
        match self.map.lock().get(controller) {
            None => true,
            Some(e) => (e.adds <= 0 && e.deletes.is_empty()) || e.set_at.elapsed() > EXPECTATIONS_TTL,
        }
    }

    pub fn expect(&self, controller: &Key, adds: i64, deletes: impl IntoIterator<Item = Key>) {
        self.map.lock().insert(
            controller.clone(),
            Expectation { adds, deletes: deletes.into_iter().collect(), set_at: Instant::now() },
        );
    }

    pub fn creation_observed(&self, controller: &Key) {
        if let Some(e) = self.map.lock().get_mut(controller) {
            e.adds -= 1;
        }
    }

    /// A create that failed will never be observed.
    pub fn lower_adds(&self, controller: &Key, n: i64) {
        if let Some(e) = self.map.lock().get_mut(controller) {
            e.adds -= n;
        }
    }

    pub fn deletion_observed(&self, controller: &Key, dependent: &Key) {
        if let Some(e) = self.map.lock().get_mut(controller) {
            e.deletes.remove(dependent);
        }
    }

    pub fn forget(&self, controller: &Key) {
        self.map.lock().remove(controller);
    }
}

/// Run `workers` tasks that take keys from `queue` and call `sync`. `sync` returns when to
/// look at the key again (`Some`), and errors requeue the key with backoff.
pub fn run_workers<F, Fut, E>(
    name: &'static str,
    queue: Arc<Queue>,
    workers: usize,
    sync: F,
) -> Vec<tokio::task::JoinHandle<()>>
where
    F: Fn(Key) -> Fut + Send + Sync + Clone + 'static,
    Fut: std::future::Future<Output = Result<Option<Duration>, E>> + Send,
    E: fmt::Display + Send,
{
    (0..workers)
        .map(|_| {
            let queue = queue.clone();
            let sync = sync.clone();
            tokio::spawn(async move {
                while let Some(key) = queue.get().await {
                    match sync(key.clone()).await {
                        Ok(requeue) => {
                            queue.forget(&key);
                            if let Some(after) = requeue {
                                queue.add_after(key.clone(), after);
                            }
                        }
                        Err(e) => {
                            tracing::debug!(controller = name, key = %key, error = %e, "sync failed; requeued");
                            queue.add_rate_limited(key.clone());
                        }
                    }
                    queue.done(&key);
                }
            })
        })
        .collect()
}

/// The names informer handlers need to enqueue an object's owner.
pub fn owner_key<K: Resource>(obj: &K, owner_kind: &str) -> Option<(Key, String)> {
    let r = obj.meta().owner_references.as_ref()?.iter().find(|o| o.controller == Some(true))?;
    if r.kind != owner_kind {
        return None;
    }
    Some((Key::new(obj.namespace().unwrap_or_default(), r.name.clone()), r.uid.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(n: &str) -> Key {
        Key::new("default", n)
    }

    #[tokio::test]
    async fn queue_key_added_twice_is_processed_once() {
        let q = Queue::new();
        q.add(k("a"));
        q.add(k("a"));
        q.add(k("b"));
        assert_eq!(q.len(), 2);
        assert_eq!(q.get().await, Some(k("a")));
        assert_eq!(q.get().await, Some(k("b")));
    }

    #[tokio::test]
    async fn queue_key_added_while_processing_is_requeued_on_done() {
        let q = Queue::new();
        q.add(k("a"));
        let got = q.get().await.expect("queued");
        q.add(k("a"));
        assert!(q.is_empty(), "a key being processed is not handed to a second worker");
        q.done(&got);
        assert_eq!(q.get().await, Some(k("a")));
    }

    #[tokio::test(start_paused = true)]
    async fn queue_add_after_keeps_only_the_earliest_wake_up() {
        let q = Queue::new();
        q.add_after(k("a"), Duration::from_secs(60));
        q.add_after(k("a"), Duration::from_secs(5));
        q.add_after(k("a"), Duration::from_secs(30));
        tokio::time::sleep(Duration::from_secs(6)).await;
        assert_eq!(q.get().await, Some(k("a")));
        q.done(&k("a"));
        tokio::time::sleep(Duration::from_secs(120)).await;
        assert!(q.is_empty(), "the later wake-ups were dropped");
    }

    #[tokio::test]
    async fn queue_shut_down_wakes_waiting_workers() {
        let q = Queue::new();
        let q2 = q.clone();
        let waiter = tokio::spawn(async move { q2.get().await });
        tokio::task::yield_now().await;
        q.shut_down();
        assert_eq!(waiter.await.expect("no panic"), None);
    }

    #[test]
    fn expectations_pending_creates_are_unsatisfied_until_observed() {
        let e = Expectations::default();
        let rs = k("rs");
        assert!(e.satisfied(&rs));
        e.expect(&rs, 2, []);
        assert!(!e.satisfied(&rs));
        e.creation_observed(&rs);
        assert!(!e.satisfied(&rs));
        e.creation_observed(&rs);
        assert!(e.satisfied(&rs));
    }

    #[test]
    fn expectations_pending_deletes_are_tracked_by_key() {
        let e = Expectations::default();
        let rs = k("rs");
        e.expect(&rs, 0, [k("p1"), k("p2")]);
        e.deletion_observed(&rs, &k("p1"));
        e.deletion_observed(&rs, &k("p1"));
        assert!(!e.satisfied(&rs));
        e.deletion_observed(&rs, &k("p2"));
        assert!(e.satisfied(&rs));
    }
}
