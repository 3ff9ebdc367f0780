//! The scheduling queue (kube-scheduler's `PriorityQueue`, simplified): pods ready to try,
//! ordered by priority then arrival; pods that failed wait in an unschedulable pool until the
//! cluster changes, and never come back before their back-off (1s doubling to 10s) expires,
//! so an unschedulable pod costs nothing while nothing changes. Time is passed in. Pure.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::{Duration, Instant};

const INITIAL_BACKOFF: Duration = Duration::from_secs(1);
const MAX_BACKOFF: Duration = Duration::from_secs(10);
/// Unschedulable pods are retried at least this often even if no change looks relevant, in
/// case one was missed (kube-scheduler waits 5 minutes; kx clusters are small and local).
pub const UNSCHEDULABLE_FLUSH: Duration = Duration::from_secs(60);

type ActiveKey = (Reverse<i32>, u64);

#[derive(Debug)]
enum State {
    Active(ActiveKey),
    /// Waiting for its back-off to expire before becoming active.
    Backoff(Instant),
    /// Failed; waits for a cluster change (or the periodic flush).
    Unschedulable {
        since: Instant,
    },
    /// Handed out by `pop` and not yet reported back.
    InFlight,
}

#[derive(Debug)]
struct Entry {
    priority: i32,
    attempts: u32,
    backoff_until: Option<Instant>,
    state: State,
}

/// Pods waiting to be scheduled, by key (the pod's uid).
#[derive(Debug, Default)]
pub struct Queue {
    entries: HashMap<String, Entry>,
    active: BTreeMap<ActiveKey, String>,
    backoff: BTreeSet<(Instant, String)>,
    /// Unschedulable pods by when they were parked.
    parked: BTreeSet<(Instant, String)>,
    seq: u64,
}

impl Queue {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn contains(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// A new pod to schedule; an already known pod is left where it is.
    pub fn add(&mut self, key: &str, priority: i32) {
        if self.entries.contains_key(key) {
            return;
        }
        let k = self.next_key(priority);
        self.active.insert(k, key.to_owned());
        self.entries
            .insert(key.to_owned(), Entry { priority, attempts: 0, backoff_until: None, state: State::Active(k) });
    }

    /// The pod itself changed in a way that may make it fit: retry it (after its back-off).
    pub fn pod_changed(&mut self, key: &str, now: Instant) {
        if matches!(self.entries.get(key).map(|e| &e.state), Some(State::Unschedulable { .. })) {
            self.wake(key, now);
        }
    }

    pub fn remove(&mut self, key: &str) {
        self.remove_from_queues(key);
        self.entries.remove(key);
    }

    /// The next pod to try, after moving pods whose back-off expired to the active queue.
    pub fn pop(&mut self, now: Instant) -> Option<String> {
        self.flush_backoff(now);
        let (_, key) = self.active.pop_first()?;
        if let Some(e) = self.entries.get_mut(&key) {
            e.state = State::InFlight;
        }
        Some(key)
    }

    /// The pod was handed to the binder; it leaves the queue.
    pub fn done(&mut self, key: &str) {
        self.remove(key);
    }

    /// The pod fit no node (or its binding failed): park it until the cluster changes, and
    /// grow its back-off.
    pub fn failed(&mut self, key: &str, priority: i32, now: Instant) {
        if !self.entries.contains_key(key) {
            self.entries
                .insert(key.to_owned(), Entry { priority, attempts: 0, backoff_until: None, state: State::InFlight });
        }
        self.remove_from_queues(key);
        let Some(e) = self.entries.get_mut(key) else { return };
        e.priority = priority;
        e.attempts += 1;
        let factor = 1u32 << (e.attempts - 1).min(8);
        e.backoff_until = Some(now + (INITIAL_BACKOFF * factor).min(MAX_BACKOFF));
        e.state = State::Unschedulable { since: now };
        self.parked.insert((now, key.to_owned()));
    }

    /// Something in the cluster changed that may let parked pods fit: retry them all, each
    /// once its back-off allows.
    pub fn cluster_changed(&mut self, now: Instant) {
        let parked: Vec<String> = self.parked.iter().map(|(_, k)| k.clone()).collect();
        for key in parked {
            self.wake(&key, now);
        }
    }

    /// Retries pods parked for longer than [`UNSCHEDULABLE_FLUSH`].
    pub fn flush_unschedulable(&mut self, now: Instant) {
        let stale: Vec<String> = self
            .parked
            .iter()
            .take_while(|(since, _)| *since + UNSCHEDULABLE_FLUSH <= now)
            .map(|(_, k)| k.clone())
            .collect();
        for key in stale {
            self.wake(&key, now);
        }
    }

    /// When the queue next has work that is not ready yet: a back-off ending or a flush.
    pub fn next_wakeup(&self) -> Option<Instant> {
        let backoff = self.backoff.first().map(|(at, _)| *at);
        let flush = self.parked.first().map(|(since, _)| *since + UNSCHEDULABLE_FLUSH);
        match (backoff, flush) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// True if a pod can be popped now.
    pub fn has_ready(&mut self, now: Instant) -> bool {
        self.flush_backoff(now);
        !self.active.is_empty()
    }

    fn wake(&mut self, key: &str, now: Instant) {
        let Some(e) = self.entries.get(key) else { return };
        let priority = e.priority;
        let until = e.backoff_until.filter(|at| *at > now);
        self.remove_from_queues(key);
        match until {
            Some(at) => {
                self.backoff.insert((at, key.to_owned()));
                if let Some(e) = self.entries.get_mut(key) {
                    e.state = State::Backoff(at);
                }
            }
            None => self.activate(key, priority),
        }
    }

    fn activate(&mut self, key: &str, priority: i32) {
        let k = self.next_key(priority);
        self.active.insert(k, key.to_owned());
        if let Some(e) = self.entries.get_mut(key) {
            e.state = State::Active(k);
        }
    }

    fn flush_backoff(&mut self, now: Instant) {
        while let Some((at, key)) = self.backoff.first().cloned() {
            if at > now {
                break;
            }
            self.backoff.pop_first();
            let priority = self.entries.get(&key).map(|e| e.priority).unwrap_or_default();
            self.activate(&key, priority);
        }
    }

    fn remove_from_queues(&mut self, key: &str) {
        let Some(e) = self.entries.get(key) else { return };
        match e.state {
            State::Active(k) => {
                self.active.remove(&k);
            }
            State::Backoff(at) => {
                self.backoff.remove(&(at, key.to_owned()));
            }
            State::Unschedulable { since } => {
                self.parked.remove(&(since, key.to_owned()));
            }
            State::InFlight => {}
        }
    }

    fn next_key(&mut self, priority: i32) -> ActiveKey {
        self.seq += 1;
        (Reverse(priority), self.seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_pop_higher_priority_first_then_fifo() {
        let now = Instant::now();
        let mut q = Queue::default();
        q.add("a", 0);
        q.add("b", 10);
        q.add("c", 0);
        assert_eq!(q.pop(now).as_deref(), Some("b"));
        assert_eq!(q.pop(now).as_deref(), Some("a"));
        assert_eq!(q.pop(now).as_deref(), Some("c"));
        assert_eq!(q.pop(now), None);
    }

    #[test]
    fn queue_failed_pod_waits_for_cluster_change() {
        let now = Instant::now();
        let mut q = Queue::default();
        q.add("a", 0);
        q.pop(now);
        q.failed("a", 0, now);
        let later = now + Duration::from_secs(30);
        assert_eq!(q.pop(later), None, "no change yet, so no retry");
        q.cluster_changed(later);
        assert_eq!(q.pop(later).as_deref(), Some("a"));
    }

    #[test]
    fn queue_cluster_change_respects_backoff() {
        let now = Instant::now();
        let mut q = Queue::default();
        q.add("a", 0);
        q.pop(now);
        q.failed("a", 0, now);
        q.cluster_changed(now);
        assert_eq!(q.pop(now), None, "still backing off");
        assert_eq!(q.next_wakeup(), Some(now + INITIAL_BACKOFF));
        assert_eq!(q.pop(now + INITIAL_BACKOFF).as_deref(), Some("a"));
    }

    #[test]
    fn queue_backoff_doubles_up_to_max() {
        let now = Instant::now();
        let mut q = Queue::default();
        q.add("a", 0);
        for _ in 0..6 {
            q.pop(now + MAX_BACKOFF * 100);
            q.failed("a", 0, now);
        }
        q.cluster_changed(now);
        assert_eq!(q.next_wakeup(), Some(now + MAX_BACKOFF));
    }

    #[test]
    fn queue_unschedulable_flushed_after_interval() {
        let now = Instant::now();
        let mut q = Queue::default();
        q.add("a", 0);
        q.pop(now);
        q.failed("a", 0, now);
        assert_eq!(q.next_wakeup(), Some(now + UNSCHEDULABLE_FLUSH));
        q.flush_unschedulable(now + UNSCHEDULABLE_FLUSH);
        assert_eq!(q.pop(now + UNSCHEDULABLE_FLUSH).as_deref(), Some("a"));
    }

    #[test]
    fn queue_remove_forgets_pod_in_any_state() {
        let now = Instant::now();
        let mut q = Queue::default();
        q.add("a", 0);
        q.add("b", 0);
        q.pop(now);
        q.failed("a", 0, now);
        q.cluster_changed(now);
        q.remove("a");
        q.remove("b");
        assert!(q.is_empty());
        assert_eq!(q.pop(now + MAX_BACKOFF), None);
        assert_eq!(q.next_wakeup(), None);
    }
}
