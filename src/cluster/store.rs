//! The embedded cluster's etcd: a revisioned multi-version key-value store with watch.
//! Only the apiserver uses it (DESIGN.md rule 1). Depends on nothing else in kx.
//!
//! Semantics follow etcd's, because resourceVersions, optimistic concurrency and watches are
//! built on them:
//! - one global revision, incremented by every committed write; each key carries
//!   `create_revision`, `mod_revision` and `version`;
//! - reads at the latest or any retained revision, ranges with limit and continuation at a
//!   consistent revision;
//! - conditional writes (create only if absent, put/delete only if `mod_revision` matches):
//!   the apiserver's AlreadyExists and Conflict;
//! - watches from any retained revision deliver every change once, in order, without gaps;
//!   compacted revisions and slow watchers get distinct errors;
//! - compaction by revision count and age.
//!
//! Writes go through one commit pipeline (a thread): requests that arrive while the previous
//! batch is being made durable are committed together with a single fsync (group commit).
//! A write is applied to the in-memory index, published to watchers and acknowledged only
//! after its engine says it is durable, so nothing a reader saw can vanish in a crash.

mod disk;
mod engine;
mod mvcc;
#[cfg(test)]
mod tests;
mod watch;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc as std_mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use bytes::Bytes;
use parking_lot::{Mutex, RwLock};
use tokio::sync::oneshot;

pub use engine::Engine;
pub use mvcc::KeyRange;
pub use watch::{WatchEvent, Watcher};

use mvcc::{Mutation, Mvcc};
use watch::Hub;

/// A key's value and its revisions, as etcd reports them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue {
    pub key: Bytes,
    pub value: Bytes,
    /// Revision of the write that created the key (in its current lifetime).
    pub create_revision: u64,
    /// Revision of the last write to the key.
    pub mod_revision: u64,
    /// Writes to the key since it was created, starting at 1.
    pub version: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    Put,
    Delete,
}

/// One committed change. For a delete, `kv` has the key and the deleting revision as
/// `mod_revision` and an empty value; `prev` is the value before the change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub kind: EventKind,
    pub kv: KeyValue,
    pub prev: Option<KeyValue>,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("revision {requested} has been compacted (oldest retained is {compact_revision})")]
    Compacted { requested: u64, compact_revision: u64 },
    #[error("revision {requested} is in the future (current is {current})")]
    FutureRevision { requested: u64, current: u64 },
    #[error("store I/O failed on {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("store data in {path} is corrupt: {detail}")]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "store data in {path} uses format {found}, which this kx does not know (it reads format {supported}); use the kx that wrote it, or a newer one"
    )]
    UnsupportedFormat { path: PathBuf, found: String, supported: u32 },
    #[error("store data dir {path} is in use by another process")]
    Locked { path: PathBuf },
    #[error("store stopped accepting writes after an earlier failure: {0}")]
    Failed(String),
    #[error("store is shut down")]
    Closed,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WatchError {
    #[error("watcher fell too far behind and was cut off; re-watch from the last revision seen")]
    Overflowed,
}

/// Where the store keeps its data.
#[derive(Clone, Debug)]
pub enum Backend {
    /// Nothing survives the process: tests and `kx --embedded` without a data dir.
    Memory,
    /// A write-ahead log with snapshots in this directory; survives crashes.
    Disk(PathBuf),
}

/// How much history to keep. A revision is compacted once it is more than `max_revisions`
/// behind the current one, or older than `max_age`.
#[derive(Clone, Debug)]
pub struct Retention {
    pub max_revisions: u64,
    pub max_age: Duration,
}

impl Default for Retention {
    fn default() -> Self {
        Retention { max_revisions: 20_000, max_age: Duration::from_secs(600) }
    }
}

#[derive(Clone, Debug)]
pub struct StoreConfig {
    pub backend: Backend,
    pub retention: Retention,
    /// Events a watcher may have queued before it is cut off.
    pub watch_queue: usize,
    /// Log bytes written after which the disk backend starts a new segment and snapshots.
    pub segment_bytes: u64,
}

impl StoreConfig {
    pub fn memory() -> Self {
        StoreConfig {
            backend: Backend::Memory,
            retention: Retention::default(),
            watch_queue: 4096,
            segment_bytes: 64 << 20,
        }
    }

    pub fn disk(dir: impl Into<PathBuf>) -> Self {
        StoreConfig { backend: Backend::Disk(dir.into()), ..StoreConfig::memory() }
    }
}

/// When a conditional write may go ahead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    Always,
    /// The key must not exist (create).
    Absent,
    /// The key must exist with exactly this `mod_revision` (compare-and-swap).
    ModRevision(u64),
}

/// The result of a conditional write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TxnOutcome {
    /// The write committed; the event is what watchers see.
    Committed(Event),
    /// The condition did not hold (or there was nothing to delete); the key's current value.
    Failed(Option<KeyValue>),
}

#[derive(Clone, Debug)]
pub struct RangeResult {
    pub kvs: Vec<KeyValue>,
    /// More keys in the range follow the last one returned.
    pub more: bool,
    /// The revision this read saw; pass it back to continue at the same point.
    pub revision: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    pub revision: u64,
    pub compact_revision: u64,
    pub keys: usize,
    pub watchers: usize,
}

/// What recovery found and did, for the caller to report.
#[derive(Clone, Debug, Default)]
pub struct Recovery {
    pub notes: Vec<String>,
}

struct State {
    mvcc: Mvcc,
    hub: Hub,
}

struct Shared {
    state: RwLock<State>,
    failed: Mutex<Option<String>>,
    watch_queue: usize,
}

enum Request {
    Write { key: Bytes, op: Op, cond: Condition, resp: oneshot::Sender<Result<TxnOutcome, StoreError>> },
    Compact { revision: u64, resp: oneshot::Sender<Result<(), StoreError>> },
}

/// Builds a value once its revision is known, so a value can embed its own revision (the
/// apiserver stores objects with `metadata.resourceVersion` already in place).
pub type ValueBuilder = Box<dyn FnOnce(u64) -> Bytes + Send>;

enum Op {
    Put(Bytes),
    PutWith(ValueBuilder),
    Delete,
}

struct Inner {
    shared: Arc<Shared>,
    tx: Option<std_mpsc::Sender<Request>>,
    writer: Option<JoinHandle<()>>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.tx.take();
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
    }
}

/// A handle to the store; clones share it. The store shuts down when the last handle drops,
/// after finishing the writes it accepted.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
    recovery: Arc<Recovery>,
}

const MAX_BATCH: usize = 4096;

impl Store {
    pub fn open(config: StoreConfig) -> Result<Store, StoreError> {
        let mut engine: Box<dyn Engine> = match &config.backend {
            Backend::Memory => Box::new(engine::MemoryEngine),
            Backend::Disk(dir) => Box::new(disk::DiskEngine::open(dir, config.segment_bytes)?),
        };
        let recovered = engine.recover()?;
        let mut mvcc = Mvcc::from_snapshot(recovered.revision, recovered.entries);
        let now = Instant::now();
        for (revision, m) in recovered.records {
            mvcc.apply(revision, m, now);
        }
        let shared = Arc::new(Shared {
            state: RwLock::new(State { mvcc, hub: Hub::default() }),
            failed: Mutex::new(None),
            watch_queue: config.watch_queue,
        });
        let (tx, rx) = std_mpsc::channel();
        let pipeline = Pipeline { shared: shared.clone(), engine, retention: config.retention };
        let writer = std::thread::Builder::new()
            .name("kx-store-commit".into())
            .spawn(move || pipeline.run(rx))
            .map_err(|source| StoreError::Io { path: "commit thread".into(), source })?;
        Ok(Store {
            inner: Arc::new(Inner { shared, tx: Some(tx), writer: Some(writer) }),
            recovery: Arc::new(Recovery { notes: recovered.notes }),
        })
    }

    /// What recovery noticed when the store was opened (a torn log tail it dropped, say).
    pub fn recovery(&self) -> &Recovery {
        &self.recovery
    }

    pub fn revision(&self) -> u64 {
        self.inner.shared.state.read().mvcc.revision()
    }

    pub fn compact_revision(&self) -> u64 {
        self.inner.shared.state.read().mvcc.compact_revision()
    }

    pub fn stats(&self) -> Stats {
        let s = self.inner.shared.state.read();
        Stats {
            revision: s.mvcc.revision(),
            compact_revision: s.mvcc.compact_revision(),
            keys: s.mvcc.live_keys(),
            watchers: s.hub.len(),
        }
    }

    /// The key's value at `revision` (latest if `None`).
    pub fn get(&self, key: &[u8], revision: Option<u64>) -> Result<Option<KeyValue>, StoreError> {
        Ok(self.inner.shared.state.read().mvcc.get(key, revision)?.0)
    }

    /// Live keys in `range` from `from` (inclusive; `None` for the start of the range), at
    /// `revision` (latest if `None`), at most `limit` (0 for all).
    pub fn range(
        &self,
        range: &KeyRange,
        from: Option<&[u8]>,
        limit: usize,
        revision: Option<u64>,
    ) -> Result<RangeResult, StoreError> {
        let (kvs, more, revision) = self.inner.shared.state.read().mvcc.range(range, from, limit, revision)?;
        Ok(RangeResult { kvs, more, revision })
    }

    /// Number of live keys in `range` now.
    pub fn count(&self, range: &KeyRange) -> usize {
        self.inner.shared.state.read().mvcc.count(range)
    }

    pub async fn put(&self, key: impl Into<Bytes>, value: impl Into<Bytes>) -> Result<Event, StoreError> {
        match self.txn(key.into(), Op::Put(value.into()), Condition::Always).await? {
            TxnOutcome::Committed(e) => Ok(e),
            TxnOutcome::Failed(_) => unreachable!("an unconditional put always commits"),
        }
    }

    /// Put `value` at `key` if `cond` holds.
    pub async fn put_if(
        &self,
        key: impl Into<Bytes>,
        value: impl Into<Bytes>,
        cond: Condition,
    ) -> Result<TxnOutcome, StoreError> {
        self.txn(key.into(), Op::Put(value.into()), cond).await
    }

    /// Put the value `build(revision)` at `key` if `cond` holds; `build` runs on the commit
    /// thread with the revision the write will get, and must be quick.
    pub async fn put_with(
        &self,
        key: impl Into<Bytes>,
        cond: Condition,
        build: impl FnOnce(u64) -> Bytes + Send + 'static,
    ) -> Result<TxnOutcome, StoreError> {
        self.txn(key.into(), Op::PutWith(Box::new(build)), cond).await
    }

    /// Delete `key` if `cond` holds; `Failed(None)` if there is no such key.
    pub async fn delete_if(&self, key: impl Into<Bytes>, cond: Condition) -> Result<TxnOutcome, StoreError> {
        self.txn(key.into(), Op::Delete, cond).await
    }

    pub async fn delete(&self, key: impl Into<Bytes>) -> Result<Option<Event>, StoreError> {
        Ok(match self.txn(key.into(), Op::Delete, Condition::Always).await? {
            TxnOutcome::Committed(e) => Some(e),
            TxnOutcome::Failed(_) => None,
        })
    }

    async fn txn(&self, key: Bytes, op: Op, cond: Condition) -> Result<TxnOutcome, StoreError> {
        let (resp, rx) = oneshot::channel();
        self.send(Request::Write { key, op, cond, resp })?;
        rx.await.map_err(|_| StoreError::Closed)?
    }

    /// Forget history at and before `revision`.
    pub async fn compact(&self, revision: u64) -> Result<(), StoreError> {
        let (resp, rx) = oneshot::channel();
        self.send(Request::Compact { revision, resp })?;
        rx.await.map_err(|_| StoreError::Closed)?
    }

    fn send(&self, req: Request) -> Result<(), StoreError> {
        if let Some(msg) = self.inner.shared.failed.lock().clone() {
            return Err(StoreError::Failed(msg));
        }
        let tx = self.inner.tx.as_ref().ok_or(StoreError::Closed)?;
        tx.send(req).map_err(|_| StoreError::Closed)
    }

    /// Watch `range` for changes at revisions `>= start_revision`; 0 means changes after the
    /// current revision. Fails with `Compacted` if that history is gone.
    pub fn watch(&self, range: KeyRange, start_revision: u64) -> Result<Watcher, StoreError> {
        let mut s = self.inner.shared.state.write();
        let current = s.mvcc.revision();
        let backlog = if start_revision == 0 || start_revision > current {
            if start_revision > current + 1 {
                return Err(StoreError::FutureRevision { requested: start_revision, current });
            }
            Vec::new()
        } else {
            s.mvcc.changes_since(start_revision, &range)?
        };
        let queue = self.inner.shared.watch_queue;
        Ok(s.hub.register(range, backlog, queue))
    }

    /// Send every watcher a progress notice for the current revision, ordered after every
    /// change it has been sent.
    pub fn notify_progress(&self) {
        let mut s = self.inner.shared.state.write();
        let rev = s.mvcc.revision();
        s.hub.progress(rev);
    }
}

struct Pipeline {
    shared: Arc<Shared>,
    engine: Box<dyn Engine>,
    retention: Retention,
}

struct Pending {
    revision: u64,
    mutation: Mutation,
    resp: oneshot::Sender<Result<TxnOutcome, StoreError>>,
}

impl Pipeline {
    fn run(mut self, rx: std_mpsc::Receiver<Request>) {
        let mut last_age_check = Instant::now();
        loop {
            let first = match rx.recv_timeout(Duration::from_secs(1)) {
                Ok(r) => Some(r),
                Err(std_mpsc::RecvTimeoutError::Timeout) => None,
                Err(std_mpsc::RecvTimeoutError::Disconnected) => break,
            };
            if let Some(first) = first {
                let mut batch = vec![first];
                while batch.len() < MAX_BATCH {
                    match rx.try_recv() {
                        Ok(r) => batch.push(r),
                        Err(_) => break,
                    }
                }
                self.commit(batch);
            }
            if last_age_check.elapsed() >= Duration::from_secs(1) {
                last_age_check = Instant::now();
                self.compact_by_age();
            }
        }
        if let Err(e) = self.engine.close() {
            tracing::error!(error = %e, "store: closing the engine failed");
        }
    }

    fn commit(&mut self, batch: Vec<Request>) {
        if let Some(msg) = self.shared.failed.lock().clone() {
            for r in batch {
                reply_failed(r, &msg);
            }
            return;
        }
        let mut pending: Vec<Pending> = Vec::with_capacity(batch.len());
        let mut compactions = Vec::new();
        {
            // Decide each write against the index plus the writes decided before it in this
            // batch. Only this thread mutates the index, so it cannot change underneath.
            let state = self.shared.state.read();
            let mut overlay: std::collections::HashMap<Bytes, Option<KeyValue>> = Default::default();
            let mut revision = state.mvcc.revision();
            for req in batch {
                match req {
                    Request::Compact { revision, resp } => compactions.push((revision, resp)),
                    Request::Write { key, op, cond, resp } => {
                        let current = match overlay.get(&key) {
                            Some(v) => v.clone(),
                            None => state.mvcc.latest(&key),
                        };
                        let holds = match cond {
                            Condition::Always => true,
                            Condition::Absent => current.is_none(),
                            Condition::ModRevision(r) => current.as_ref().is_some_and(|kv| kv.mod_revision == r),
                        };
                        if !holds || (matches!(op, Op::Delete) && current.is_none()) {
                            let _ = resp.send(Ok(TxnOutcome::Failed(current)));
                            continue;
                        }
                        revision += 1;
                        let new_value = match op {
                            Op::Put(value) => Some(value),
                            Op::PutWith(build) => Some(build(revision)),
                            Op::Delete => None,
                        };
                        let (mutation, after) = match new_value {
                            Some(value) => {
                                let (create_revision, version) = match &current {
                                    Some(c) => (c.create_revision, c.version + 1),
                                    None => (revision, 1),
                                };
                                let kv = KeyValue {
                                    key: key.clone(),
                                    value: value.clone(),
                                    create_revision,
                                    mod_revision: revision,
                                    version,
                                };
                                (Mutation::Put { key: key.clone(), value }, Some(kv))
                            }
                            None => (Mutation::Delete { key: key.clone() }, None),
                        };
                        overlay.insert(key, after);
                        pending.push(Pending { revision, mutation, resp });
                    }
                }
            }
        }

        if !pending.is_empty() {
            let records: Vec<(u64, Mutation)> = pending.iter().map(|p| (p.revision, p.mutation.clone())).collect();
            if let Err(e) = self.engine.append(&records) {
                let msg = e.to_string();
                tracing::error!(error = %e, "store: write-ahead log append failed; refusing further writes");
                *self.shared.failed.lock() = Some(msg.clone());
                for p in pending {
                    let _ = p.resp.send(Err(StoreError::Failed(msg.clone())));
                }
                for (_, resp) in compactions {
                    let _ = resp.send(Err(StoreError::Failed(msg.clone())));
                }
                return;
            }
            let now = Instant::now();
            let mut replies = Vec::with_capacity(pending.len());
            {
                let mut state = self.shared.state.write();
                let State { mvcc, hub } = &mut *state;
                for p in pending {
                    let event =
                        mvcc.apply(p.revision, p.mutation, now).expect("the pipeline only commits effective writes");
                    hub.publish(&event);
                    replies.push((p.resp, event));
                }
            }
            for (resp, event) in replies {
                let _ = resp.send(Ok(TxnOutcome::Committed(event)));
            }
        }

        for (revision, resp) in compactions {
            let _ = resp.send(self.shared.state.write().mvcc.compact(revision));
        }
        self.compact_by_count();
        self.maybe_snapshot();
    }

    fn compact_by_count(&mut self) {
        let max = self.retention.max_revisions.max(1);
        let mut state = self.shared.state.write();
        // Compact in steps of a tenth of the window so the cost is amortised.
        if state.mvcc.retained_revisions() > max + max / 10 {
            let target = state.mvcc.revision() - max;
            let _ = state.mvcc.compact(target);
        }
    }

    fn compact_by_age(&mut self) {
        let Some(cutoff) = Instant::now().checked_sub(self.retention.max_age) else { return };
        let mut state = self.shared.state.write();
        if let Some(r) = state.mvcc.last_revision_before(cutoff) {
            let _ = state.mvcc.compact(r);
        }
    }

    fn maybe_snapshot(&mut self) {
        if !self.engine.snapshot_due() {
            return;
        }
        let (revision, entries) = {
            let state = self.shared.state.read();
            (state.mvcc.revision(), state.mvcc.latest_entries())
        };
        if let Err(e) = self.engine.snapshot(revision, entries) {
            // The log still holds everything; a failed snapshot only costs replay time.
            tracing::warn!(error = %e, "store: snapshot failed; will retry");
        }
    }
}

fn reply_failed(r: Request, msg: &str) {
    match r {
        Request::Write { resp, .. } => {
            let _ = resp.send(Err(StoreError::Failed(msg.to_string())));
        }
        Request::Compact { resp, .. } => {
            let _ = resp.send(Err(StoreError::Failed(msg.to_string())));
        }
    }
}
