//! The in-memory multi-version index: every key's retained versions and the ordered log of
//! changes since the compaction point. Pure data structure, no I/O and no locking; the
//! store's commit pipeline owns the only mutable reference.
//!
//! Layout:
//! ```text
//!   keys: BTreeMap<key, [Version{mod_revision, create_revision, version, value|tombstone}, ...]>
//!                       oldest ............................................ newest
//!   log:  VecDeque<Change{revision, key, put|delete, committed_at}>   (compact_revision, revision]
//! ```
//! The log holds one entry per revision (each committed write is its own revision), so the
//! entry for revision `r` sits at index `r - log_start`.

use std::collections::{BTreeMap, VecDeque};
use std::ops::Bound;
use std::time::Instant;

use bytes::Bytes;

use super::{Event, EventKind, KeyValue, StoreError};

#[derive(Clone, Debug)]
struct Version {
    mod_revision: u64,
    create_revision: u64,
    version: u64,
    /// `None` marks a deletion (a tombstone) at `mod_revision`.
    value: Option<Bytes>,
}

#[derive(Clone, Debug)]
struct Change {
    revision: u64,
    key: Bytes,
    committed_at: Instant,
}

/// What a single committed write did, as the commit pipeline hands it to `apply`.
#[derive(Clone, Debug)]
pub enum Mutation {
    Put { key: Bytes, value: Bytes },
    Delete { key: Bytes },
}

impl Mutation {
    pub fn key(&self) -> &Bytes {
        match self {
            Mutation::Put { key, .. } | Mutation::Delete { key } => key,
        }
    }
}

#[derive(Default)]
pub struct Mvcc {
    keys: BTreeMap<Bytes, Vec<Version>>,
    log: VecDeque<Change>,
    revision: u64,
    compact_revision: u64,
    /// Number of keys whose newest version is live (not a tombstone).
    live_keys: usize,
}

/// A key range: `[start, end)`, or everything from `start` when `end` is `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyRange {
    pub start: Bytes,
    pub end: Option<Bytes>,
}

impl KeyRange {
    pub fn key(key: impl Into<Bytes>) -> Self {
        let start: Bytes = key.into();
        let mut end = start.to_vec();
        end.push(0);
        KeyRange { start, end: Some(end.into()) }
    }

    /// All keys starting with `prefix`.
    pub fn prefix(prefix: impl Into<Bytes>) -> Self {
        let start: Bytes = prefix.into();
        KeyRange { end: prefix_end(&start), start }
    }

    pub fn contains(&self, key: &[u8]) -> bool {
        key >= &self.start[..] && self.end.as_ref().is_none_or(|end| key < &end[..])
    }

    fn bounds<'a>(&'a self, from: Option<&'a [u8]>) -> (Bound<&'a [u8]>, Bound<&'a [u8]>) {
        let start = match from {
            Some(f) if f > &self.start[..] => f,
            _ => &self.start[..],
        };
        let end = match &self.end {
            Some(e) => Bound::Excluded(&e[..]),
            None => Bound::Unbounded,
        };
        (Bound::Included(start), end)
    }
}

/// The smallest key greater than every key with this prefix, or `None` if there is none
/// (a prefix of only 0xff bytes, or empty).
fn prefix_end(prefix: &[u8]) -> Option<Bytes> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < 0xff {
            end.push(last + 1);
            return Some(end.into());
        }
    }
    None
}

impl Mvcc {
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn compact_revision(&self) -> u64 {
        self.compact_revision
    }

    pub fn live_keys(&self) -> usize {
        self.live_keys
    }

    /// Revisions whose changes are retained for watches and historical reads.
    pub fn retained_revisions(&self) -> u64 {
        self.revision - self.compact_revision
    }

    /// Start an index from a snapshot: the live keys as of `revision`, no history before it.
    pub fn from_snapshot(revision: u64, entries: impl IntoIterator<Item = KeyValue>) -> Self {
        let mut mvcc = Mvcc { revision, compact_revision: revision, ..Default::default() };
        for kv in entries {
            mvcc.keys.insert(
                kv.key,
                vec![Version {
                    mod_revision: kv.mod_revision,
                    create_revision: kv.create_revision,
                    version: kv.version,
                    value: Some(kv.value),
                }],
            );
            mvcc.live_keys += 1;
        }
        mvcc
    }

    /// The live entries as of the current revision, for a snapshot.
    pub fn latest_entries(&self) -> Vec<KeyValue> {
        self.keys
            .iter()
            .filter_map(|(key, versions)| {
                let v = versions.last()?;
                to_kv(key, v)
            })
            .collect()
    }

    /// The newest state of `key`, whether live or not, as (mod_revision, create_revision,
    /// version, live). The commit pipeline uses it to check conditions.
    pub fn latest(&self, key: &[u8]) -> Option<KeyValue> {
        let v = self.keys.get(key)?.last()?;
        to_kv(&Bytes::copy_from_slice(key), v)
    }

    fn check_revision(&self, at: Option<u64>) -> Result<u64, StoreError> {
        match at {
            None | Some(0) => Ok(self.revision),
            Some(r) if r > self.revision => Err(StoreError::FutureRevision { requested: r, current: self.revision }),
            Some(r) if r < self.compact_revision => {
                Err(StoreError::Compacted { requested: r, compact_revision: self.compact_revision })
            }
            Some(r) => Ok(r),
        }
    }

    pub fn get(&self, key: &[u8], at: Option<u64>) -> Result<(Option<KeyValue>, u64), StoreError> {
        let rev = self.check_revision(at)?;
        let Some((k, versions)) = self.keys.get_key_value(key) else { return Ok((None, rev)) };
        Ok((version_at(versions, rev).and_then(|v| to_kv(k, v)), rev))
    }

    /// Live keys in `range` as of revision `at` (current if `None`), starting at `from`
    /// (inclusive), at most `limit` of them (0 = no limit). Returns the entries, whether more
    /// remain, and the revision the read was served at.
    pub fn range(
        &self,
        range: &KeyRange,
        from: Option<&[u8]>,
        limit: usize,
        at: Option<u64>,
    ) -> Result<(Vec<KeyValue>, bool, u64), StoreError> {
        let rev = self.check_revision(at)?;
        let mut out = Vec::new();
        let mut more = false;
        for (k, versions) in self.keys.range::<[u8], _>(range.bounds(from)) {
            let Some(kv) = version_at(versions, rev).and_then(|v| to_kv(k, v)) else { continue };
            if limit != 0 && out.len() == limit {
                more = true;
                break;
            }
            out.push(kv);
        }
        Ok((out, more, rev))
    }

    /// Count live keys in `range` at the current revision.
    pub fn count(&self, range: &KeyRange) -> usize {
        self.keys
            .range::<[u8], _>(range.bounds(None))
            .filter(|(_, v)| v.last().is_some_and(|v| v.value.is_some()))
            .count()
    }

    /// Apply one committed write at revision `revision` (which must be the next revision).
    /// Returns the event it produced, or `None` for a delete of a missing key (which the
    /// pipeline never commits).
    pub fn apply(&mut self, revision: u64, m: Mutation, now: Instant) -> Option<Event> {
        debug_assert_eq!(revision, self.revision + 1, "revisions are applied in order");
        let key = m.key().clone();
        let versions = self.keys.entry(key.clone()).or_default();
        let prev = versions.last().filter(|v| v.value.is_some()).cloned();
        let event = match m {
            Mutation::Put { value, .. } => {
                let (create_revision, version) = match &prev {
                    Some(p) => (p.create_revision, p.version + 1),
                    None => (revision, 1),
                };
                if prev.is_none() {
                    self.live_keys += 1;
                }
                let v = Version { mod_revision: revision, create_revision, version, value: Some(value.clone()) };
                versions.push(v);
                Event {
                    kind: EventKind::Put,
                    kv: KeyValue { key: key.clone(), value, create_revision, mod_revision: revision, version },
                    prev: prev.as_ref().and_then(|p| to_kv(&key, p)),
                }
            }
            Mutation::Delete { .. } => {
                let p = prev?;
                self.live_keys -= 1;
                let v = Version { mod_revision: revision, create_revision: 0, version: 0, value: None };
                versions.push(v);
                Event {
                    kind: EventKind::Delete,
                    kv: KeyValue {
                        key: key.clone(),
                        value: Bytes::new(),
                        create_revision: 0,
                        mod_revision: revision,
                        version: 0,
                    },
                    prev: to_kv(&key, &p),
                }
            }
        };
        self.revision = revision;
        self.log.push_back(Change { revision, key, committed_at: now });
        Some(event)
    }

    /// Every change with revision >= `start`, in revision order. Errors if `start` is at or
    /// below the compaction point (those changes are gone).
    pub fn changes_since(&self, start: u64, range: &KeyRange) -> Result<Vec<Event>, StoreError> {
        if start <= self.compact_revision {
            return Err(StoreError::Compacted { requested: start, compact_revision: self.compact_revision });
        }
        let first = self.compact_revision + 1;
        let skip = (start - first) as usize;
        Ok(self
            .log
            .iter()
            .skip(skip)
            .filter(|c| range.contains(&c.key))
            .filter_map(|c| self.event_at(&c.key, c.revision))
            .collect())
    }

    /// Rebuild the event of the change to `key` at `revision` from the key's history.
    fn event_at(&self, key: &Bytes, revision: u64) -> Option<Event> {
        let versions = self.keys.get(key)?;
        let i = versions.iter().rposition(|v| v.mod_revision == revision)?;
        let this = &versions[i];
        let prev = i.checked_sub(1).map(|j| &versions[j]).and_then(|p| to_kv(key, p));
        Some(match &this.value {
            Some(_) => Event { kind: EventKind::Put, kv: to_kv(key, this)?, prev },
            None => Event {
                kind: EventKind::Delete,
                kv: KeyValue {
                    key: key.clone(),
                    value: Bytes::new(),
                    create_revision: 0,
                    mod_revision: revision,
                    version: 0,
                },
                prev,
            },
        })
    }

    /// Forget every version superseded at or before `revision`, and the change log up to it.
    /// Reads and watches below `revision` fail with `Compacted` afterwards.
    pub fn compact(&mut self, revision: u64) -> Result<(), StoreError> {
        if revision > self.revision {
            return Err(StoreError::FutureRevision { requested: revision, current: self.revision });
        }
        if revision <= self.compact_revision {
            return Ok(());
        }
        // Only keys changed in (compact_revision, revision] can hold versions to drop.
        while let Some(c) = self.log.front() {
            if c.revision > revision {
                break;
            }
            let c = self.log.pop_front().expect("front exists");
            if let Some(versions) = self.keys.get_mut(&c.key) {
                trim_versions(versions, revision);
                if versions.is_empty() {
                    self.keys.remove(&c.key);
                }
            }
        }
        self.compact_revision = revision;
        Ok(())
    }

    /// The newest revision committed at or before `cutoff` (for age-based compaction).
    pub fn last_revision_before(&self, cutoff: Instant) -> Option<u64> {
        let n = self.log.partition_point(|c| c.committed_at <= cutoff);
        n.checked_sub(1).map(|i| self.log[i].revision)
    }
}

fn trim_versions(versions: &mut Vec<Version>, revision: u64) {
    // Keep the newest version at or below `revision` (readers at `revision` still need it)
    // unless it is a tombstone, plus everything newer.
    let keep_from = match versions.iter().rposition(|v| v.mod_revision <= revision) {
        Some(i) if versions[i].value.is_some() => i,
        Some(i) => i + 1,
        None => 0,
    };
    versions.drain(..keep_from);
}

fn version_at(versions: &[Version], rev: u64) -> Option<&Version> {
    let n = versions.partition_point(|v| v.mod_revision <= rev);
    n.checked_sub(1).map(|i| &versions[i])
}

fn to_kv(key: &Bytes, v: &Version) -> Option<KeyValue> {
    Some(KeyValue {
        key: key.clone(),
        value: v.value.clone()?,
        create_revision: v.create_revision,
        mod_revision: v.mod_revision,
        version: v.version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(m: &mut Mvcc, k: &str, v: &str) -> Event {
        let rev = m.revision() + 1;
        m.apply(
            rev,
            Mutation::Put { key: Bytes::copy_from_slice(k.as_bytes()), value: Bytes::copy_from_slice(v.as_bytes()) },
            Instant::now(),
        )
        .expect("put always produces an event")
    }

    fn del(m: &mut Mvcc, k: &str) -> Option<Event> {
        let rev = m.revision() + 1;
        m.apply(rev, Mutation::Delete { key: Bytes::copy_from_slice(k.as_bytes()) }, Instant::now())
    }

    fn val(kv: &Option<KeyValue>) -> Option<&str> {
        kv.as_ref().map(|kv| std::str::from_utf8(&kv.value).expect("utf8"))
    }

    #[test]
    fn put_counts_revisions_and_versions() {
        let mut m = Mvcc::default();
        let e1 = put(&mut m, "a", "1");
        let e2 = put(&mut m, "a", "2");
        put(&mut m, "b", "x");
        assert_eq!((e1.kv.create_revision, e1.kv.mod_revision, e1.kv.version), (1, 1, 1));
        assert_eq!((e2.kv.create_revision, e2.kv.mod_revision, e2.kv.version), (1, 2, 2));
        assert_eq!(val(&e2.prev), Some("1"));
        assert_eq!(m.revision(), 3);
        assert_eq!(m.live_keys(), 2);
    }

    #[test]
    fn delete_then_recreate_starts_a_new_lifetime() {
        let mut m = Mvcc::default();
        put(&mut m, "a", "1");
        let d = del(&mut m, "a").expect("delete of a live key is an event");
        assert_eq!(d.kind, EventKind::Delete);
        assert_eq!(val(&d.prev), Some("1"));
        assert!(del(&mut m, "a").is_none(), "deleting a missing key is no change");
        let e = put(&mut m, "a", "2");
        assert_eq!((e.kv.create_revision, e.kv.version), (3, 1));
        assert!(e.prev.is_none());
    }

    #[test]
    fn get_at_revision_sees_history() {
        let mut m = Mvcc::default();
        put(&mut m, "a", "1");
        put(&mut m, "a", "2");
        del(&mut m, "a");
        assert_eq!(val(&m.get(b"a", Some(1)).expect("retained").0), Some("1"));
        assert_eq!(val(&m.get(b"a", Some(2)).expect("retained").0), Some("2"));
        assert_eq!(val(&m.get(b"a", Some(3)).expect("retained").0), None);
        assert!(matches!(m.get(b"a", Some(9)), Err(StoreError::FutureRevision { .. })));
    }

    #[test]
    fn range_paginates_at_a_consistent_revision() {
        let mut m = Mvcc::default();
        for k in ["p/a", "p/b", "p/c", "q/a"] {
            put(&mut m, k, k);
        }
        let r = KeyRange::prefix("p/");
        let (page, more, rev) = m.range(&r, None, 2, None).expect("range");
        assert_eq!(page.len(), 2);
        assert!(more);
        // Writes after the first page do not show in the second page at the same revision.
        put(&mut m, "p/bb", "new");
        del(&mut m, "p/c");
        let mut next = page.last().expect("page").key.to_vec();
        next.push(0);
        let (page2, more2, _) = m.range(&r, Some(&next), 2, Some(rev)).expect("range");
        assert_eq!(page2.iter().map(|kv| &kv.key[..]).collect::<Vec<_>>(), vec![&b"p/c"[..]]);
        assert!(!more2);
        let (now, _, _) = m.range(&r, None, 0, None).expect("range");
        assert_eq!(now.iter().map(|kv| &kv.key[..]).collect::<Vec<_>>(), vec![&b"p/a"[..], b"p/b", b"p/bb"]);
    }

    #[test]
    fn compaction_drops_history_but_keeps_reads_at_the_compaction_point() {
        let mut m = Mvcc::default();
        put(&mut m, "a", "1"); // 1
        put(&mut m, "a", "2"); // 2
        put(&mut m, "b", "1"); // 3
        del(&mut m, "b"); // 4
        put(&mut m, "a", "3"); // 5
        m.compact(4).expect("compact");
        assert!(matches!(m.get(b"a", Some(3)), Err(StoreError::Compacted { .. })));
        assert_eq!(val(&m.get(b"a", Some(4)).expect("at compaction point").0), Some("2"));
        assert_eq!(val(&m.get(b"b", Some(4)).expect("at compaction point").0), None);
        assert!(!m.keys.contains_key(&b"b"[..]), "tombstoned key is gone entirely");
        assert_eq!(m.keys[&b"a"[..]].len(), 2);
        assert!(matches!(m.changes_since(4, &KeyRange::prefix("")), Err(StoreError::Compacted { .. })));
        let ev = m.changes_since(5, &KeyRange::prefix("")).expect("retained");
        assert_eq!(ev.len(), 1);
        assert_eq!(val(&ev[0].prev), Some("2"));
    }

    #[test]
    fn changes_since_filters_by_range_in_order() {
        let mut m = Mvcc::default();
        put(&mut m, "x/1", "a");
        put(&mut m, "y/1", "b");
        put(&mut m, "x/2", "c");
        del(&mut m, "x/1");
        let ev = m.changes_since(2, &KeyRange::prefix("x/")).expect("retained");
        assert_eq!(ev.iter().map(|e| e.kv.mod_revision).collect::<Vec<_>>(), vec![3, 4]);
        assert_eq!(ev[1].kind, EventKind::Delete);
        assert_eq!(val(&ev[1].prev), Some("a"));
    }

    #[test]
    fn prefix_end_handles_ff_bytes() {
        assert_eq!(prefix_end(b"a\xff").as_deref(), Some(&b"b"[..]));
        assert_eq!(prefix_end(b"\xff\xff"), None);
        assert!(KeyRange::prefix(&b"\xff"[..]).contains(b"\xff\x01"));
    }
}
