//! A work queue with due times, de-duplication and per-key in-flight tracking, the shape of
//! client-go's delaying rate-limited workqueue: a key is never worked on twice at once, a key
//! added while in flight is worked on again once, and failures back off per key. Pure.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::Hash;
use std::time::{Duration, Instant};

/// First retry delay after a failure; doubles per consecutive failure of the key.
const BASE_BACKOFF: Duration = Duration::from_millis(50);
/// Longest retry delay.
const MAX_BACKOFF: Duration = Duration::from_secs(10);

#[derive(Debug)]
pub struct WorkQueue<K: Ord + Hash + Clone> {
    due: HashMap<K, Instant>,
    order: BTreeSet<(Instant, K)>,
    in_flight: HashSet<K>,
    /// In-flight keys added again, with the earliest time they were wanted.
    dirty: HashMap<K, Instant>,
    failures: HashMap<K, u32>,
}

impl<K: Ord + Hash + Clone> Default for WorkQueue<K> {
    fn default() -> Self {
        WorkQueue {
            due: HashMap::new(),
            order: BTreeSet::new(),
            in_flight: HashSet::new(),
            dirty: HashMap::new(),
            failures: HashMap::new(),
        }
    }
}

impl<K: Ord + Hash + Clone> WorkQueue<K> {
    /// Wants `key` worked on at `at`; an earlier wish for the same key wins.
    pub fn add_at(&mut self, key: K, at: Instant) {
        if self.in_flight.contains(&key) {
            let e = self.dirty.entry(key).or_insert(at);
            *e = (*e).min(at);
            return;
        }
        match self.due.get(&key) {
            Some(&cur) if cur <= at => {}
            Some(&cur) => {
                self.order.remove(&(cur, key.clone()));
                self.order.insert((at, key.clone()));
                self.due.insert(key, at);
            }
            None => {
                self.order.insert((at, key.clone()));
                self.due.insert(key, at);
            }
        }
    }

    pub fn add(&mut self, key: K, now: Instant) {
        self.add_at(key, now);
    }

    /// The next key due at `now`, which is then in flight until [`WorkQueue::done`].
    pub fn pop(&mut self, now: Instant) -> Option<K> {
        let (at, _) = self.order.first()?;
        if *at > now {
            return None;
        }
        let (_, key) = self.order.pop_first()?;
        self.due.remove(&key);
        self.in_flight.insert(key.clone());
        Some(key)
    }

    /// When the earliest queued key is due.
    pub fn next_due(&self) -> Option<Instant> {
        self.order.first().map(|(at, _)| *at)
    }

    /// Work on `key` succeeded: forget its failures, and queue it again if it was added
    /// while in flight.
    pub fn done(&mut self, key: &K) {
        self.failures.remove(key);
        self.finish(key);
    }

    /// Work on `key` failed: queue it again after a per-key exponential back-off.
    pub fn failed(&mut self, key: &K, now: Instant) {
        let n = self.failures.entry(key.clone()).or_insert(0);
        *n = n.saturating_add(1);
        let delay = BASE_BACKOFF.saturating_mul(1u32 << (*n - 1).min(16)).min(MAX_BACKOFF);
        self.finish(key);
        self.add_at(key.clone(), now + delay);
    }

    /// Drops a queued key (its object is gone).
    pub fn forget(&mut self, key: &K) {
        if let Some(at) = self.due.remove(key) {
            self.order.remove(&(at, key.clone()));
        }
        self.dirty.remove(key);
        self.failures.remove(key);
    }

    pub fn is_in_flight(&self, key: &K) -> bool {
        self.in_flight.contains(key)
    }

    pub fn len(&self) -> usize {
        self.due.len()
    }

    pub fn is_empty(&self) -> bool {
        self.due.is_empty()
    }

    fn finish(&mut self, key: &K) {
        self.in_flight.remove(key);
        if let Some(at) = self.dirty.remove(key) {
            self.add_at(key.clone(), at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_same_key_twice_keeps_earliest() {
        let now = Instant::now();
        let mut q = WorkQueue::default();
        q.add_at("a", now + Duration::from_secs(5));
        q.add_at("a", now + Duration::from_secs(1));
        q.add_at("a", now + Duration::from_secs(3));
        assert_eq!(q.len(), 1);
        assert_eq!(q.next_due(), Some(now + Duration::from_secs(1)));
        assert_eq!(q.pop(now), None);
        assert_eq!(q.pop(now + Duration::from_secs(1)), Some("a"));
    }

    #[test]
    fn add_while_in_flight_requeues_after_done() {
        let now = Instant::now();
        let mut q = WorkQueue::default();
        q.add("a", now);
        assert_eq!(q.pop(now), Some("a"));
        q.add("a", now);
        assert_eq!(q.pop(now), None, "never twice at once");
        q.done(&"a");
        assert_eq!(q.pop(now), Some("a"));
    }

    #[test]
    fn failed_backs_off_exponentially() {
        let now = Instant::now();
        let mut q = WorkQueue::default();
        q.add("a", now);
        q.pop(now);
        q.failed(&"a", now);
        assert_eq!(q.next_due(), Some(now + BASE_BACKOFF));
        q.pop(now + BASE_BACKOFF);
        q.failed(&"a", now);
        assert_eq!(q.next_due(), Some(now + BASE_BACKOFF * 2));
        q.pop(now + BASE_BACKOFF * 2);
        q.done(&"a");
        q.add("a", now);
        q.pop(now);
        q.failed(&"a", now);
        assert_eq!(q.next_due(), Some(now + BASE_BACKOFF), "success resets the back-off");
    }

    #[test]
    fn forget_drops_queued_key() {
        let now = Instant::now();
        let mut q = WorkQueue::default();
        q.add("a", now);
        q.forget(&"a");
        assert!(q.is_empty());
        assert_eq!(q.pop(now), None);
    }
}
