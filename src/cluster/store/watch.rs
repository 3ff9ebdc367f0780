//! Fan-out of committed changes to watchers. The commit pipeline calls `Hub::publish` once
//! per revision, in order, while it holds the store's write lock; registration happens under
//! the same lock, so a watcher's history replay and its live feed meet with no gap and no
//! duplicate. Each watcher has a bounded queue: one that stops reading is cut off (and told
//! so) instead of holding up writers or other watchers.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::mpsc;

use super::mvcc::KeyRange;
use super::{Event, WatchError};

/// What a watcher receives.
#[derive(Clone, Debug, PartialEq)]
pub enum WatchEvent {
    /// A committed change to a key in the watched range.
    Change(Event),
    /// Every change up to and including this revision has been delivered, whether or not any
    /// touched the watched range (etcd's progress notification; the apiserver's bookmarks).
    Progress(u64),
}

struct Entry {
    range: KeyRange,
    tx: mpsc::Sender<WatchEvent>,
    overflowed: Arc<AtomicBool>,
}

#[derive(Default)]
pub struct Hub {
    watchers: Vec<Entry>,
}

impl Hub {
    pub fn register(&mut self, range: KeyRange, backlog: Vec<Event>, capacity: usize) -> Watcher {
        let (tx, rx) = mpsc::channel(capacity.max(1));
        let overflowed = Arc::new(AtomicBool::new(false));
        self.watchers.push(Entry { range, tx, overflowed: overflowed.clone() });
        Watcher { backlog: backlog.into(), rx, overflowed }
    }

    pub fn publish(&mut self, event: &Event) {
        self.watchers.retain(|w| {
            if !w.range.contains(&event.kv.key) {
                return !w.tx.is_closed();
            }
            match w.tx.try_send(WatchEvent::Change(event.clone())) {
                Ok(()) => true,
                Err(mpsc::error::TrySendError::Full(_)) => {
                    w.overflowed.store(true, Ordering::Release);
                    false
                }
                Err(mpsc::error::TrySendError::Closed(_)) => false,
            }
        });
    }

    /// Tell every watcher that all changes up to `revision` have been delivered. A watcher
    /// with a full queue simply misses this notice; it will get the next one.
    pub fn progress(&mut self, revision: u64) {
        self.watchers.retain(|w| {
            !matches!(w.tx.try_send(WatchEvent::Progress(revision)), Err(mpsc::error::TrySendError::Closed(_)))
        });
    }

    pub fn len(&self) -> usize {
        self.watchers.len()
    }
}

/// A stream of changes to a key range, in revision order, each exactly once.
pub struct Watcher {
    backlog: VecDeque<Event>,
    rx: mpsc::Receiver<WatchEvent>,
    overflowed: Arc<AtomicBool>,
}

impl Watcher {
    /// The next change or progress notice. `None` when the store shut down;
    /// `Some(Err(WatchError::Overflowed))` once, after the last delivered event, when this
    /// watcher fell too far behind and was cut off (re-watch from the last revision seen).
    pub async fn next(&mut self) -> Option<Result<WatchEvent, WatchError>> {
        if let Some(e) = self.backlog.pop_front() {
            return Some(Ok(WatchEvent::Change(e)));
        }
        match self.rx.recv().await {
            Some(e) => Some(Ok(e)),
            None => self.ended(),
        }
    }

    /// Like `next`, without waiting: `None` when nothing is ready now. Lets a caller drain a
    /// burst of events into one write.
    pub fn try_next(&mut self) -> Option<Result<WatchEvent, WatchError>> {
        if let Some(e) = self.backlog.pop_front() {
            return Some(Ok(WatchEvent::Change(e)));
        }
        match self.rx.try_recv() {
            Ok(e) => Some(Ok(e)),
            Err(mpsc::error::TryRecvError::Empty) => None,
            Err(mpsc::error::TryRecvError::Disconnected) => self.ended(),
        }
    }

    fn ended(&mut self) -> Option<Result<WatchEvent, WatchError>> {
        if self.overflowed.swap(false, Ordering::AcqRel) { Some(Err(WatchError::Overflowed)) } else { None }
    }
}
