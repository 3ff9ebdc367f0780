//! Behaviour of the whole store through its public API, on both backends.

use std::collections::HashMap;
use std::time::Duration;

use super::*;

fn mem() -> Store {
    Store::open(StoreConfig::memory()).expect("memory store opens")
}

fn s(b: &[u8]) -> &str {
    std::str::from_utf8(b).expect("utf8")
}

async fn next_change(w: &mut Watcher) -> Event {
    loop {
        match tokio::time::timeout(Duration::from_secs(5), w.next()).await.expect("event within 5s") {
            Some(Ok(WatchEvent::Change(e))) => return e,
            Some(Ok(WatchEvent::Progress(_))) => continue,
            other => panic!("expected a change, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn store_create_if_absent_refuses_existing_key() {
    let st = mem();
    let first = st.put_if("k", "v1", Condition::Absent).await.expect("write");
    assert!(matches!(first, TxnOutcome::Committed(_)));
    match st.put_if("k", "v2", Condition::Absent).await.expect("write") {
        TxnOutcome::Failed(Some(cur)) => assert_eq!(s(&cur.value), "v1"),
        other => panic!("expected failure with current value, got {other:?}"),
    }
    assert_eq!(st.revision(), 1, "a failed condition commits nothing");
}

#[tokio::test]
async fn store_compare_and_swap_on_mod_revision() {
    let st = mem();
    let e = st.put("k", "v1").await.expect("put");
    let rev = e.kv.mod_revision;
    let ok = st.put_if("k", "v2", Condition::ModRevision(rev)).await.expect("write");
    let TxnOutcome::Committed(e2) = ok else { panic!("CAS with the current revision commits") };
    assert_eq!((e2.kv.version, e2.kv.create_revision), (2, rev));
    // A second writer holding the old revision loses.
    assert!(matches!(
        st.put_if("k", "v3", Condition::ModRevision(rev)).await.expect("write"),
        TxnOutcome::Failed(Some(_))
    ));
    assert!(matches!(
        st.delete_if("k", Condition::ModRevision(rev)).await.expect("write"),
        TxnOutcome::Failed(Some(_))
    ));
    assert!(matches!(
        st.delete_if("k", Condition::ModRevision(e2.kv.mod_revision)).await.expect("write"),
        TxnOutcome::Committed(_)
    ));
    assert!(st.get(b"k", None).expect("get").is_none());
    assert!(matches!(st.put_if("k", "v", Condition::ModRevision(1)).await.expect("write"), TxnOutcome::Failed(None)));
}

#[tokio::test]
async fn store_concurrent_cas_increments_lose_no_update() {
    let st = mem();
    st.put("counter", "0").await.expect("put");
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let st = st.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..50 {
                loop {
                    let cur = st.get(b"counter", None).expect("get").expect("exists");
                    let n: u64 = s(&cur.value).parse().expect("number");
                    let next = (n + 1).to_string();
                    if let TxnOutcome::Committed(_) =
                        st.put_if("counter", next, Condition::ModRevision(cur.mod_revision)).await.expect("write")
                    {
                        break;
                    }
                }
            }
        }));
    }
    for t in tasks {
        t.await.expect("task");
    }
    let v = st.get(b"counter", None).expect("get").expect("exists");
    assert_eq!(s(&v.value), "400");
}

#[tokio::test]
async fn store_watch_from_past_revision_replays_then_follows() {
    let st = mem();
    st.put("/p/a", "1").await.expect("put"); // 1
    st.put("/q/a", "x").await.expect("put"); // 2
    st.put("/p/a", "2").await.expect("put"); // 3
    let mut w = st.watch(KeyRange::prefix("/p/"), 2).expect("watch");
    st.delete("/p/a").await.expect("delete"); // 4
    let e = next_change(&mut w).await;
    assert_eq!((e.kind, e.kv.mod_revision, s(&e.kv.value)), (EventKind::Put, 3, "2"));
    assert_eq!(s(&e.prev.expect("prev").value), "1");
    let e = next_change(&mut w).await;
    assert_eq!((e.kind, e.kv.mod_revision), (EventKind::Delete, 4));
    assert_eq!(s(&e.prev.expect("prev").value), "2");
}

#[tokio::test]
async fn store_watch_from_compacted_revision_is_refused() {
    let st = mem();
    for i in 0..5 {
        st.put("k", i.to_string()).await.expect("put");
    }
    st.compact(3).await.expect("compact");
    assert!(matches!(
        st.watch(KeyRange::prefix(""), 3),
        Err(StoreError::Compacted { requested: 3, compact_revision: 3 })
    ));
    assert!(st.watch(KeyRange::prefix(""), 4).is_ok());
    assert!(matches!(st.get(b"k", Some(2)), Err(StoreError::Compacted { .. })));
}

#[tokio::test]
async fn store_automatic_compaction_bounds_history() {
    let mut cfg = StoreConfig::memory();
    cfg.retention.max_revisions = 100;
    let st = Store::open(cfg).expect("open");
    for i in 0..1000 {
        st.put(format!("k{}", i % 10), "v").await.expect("put");
    }
    let stats = st.stats();
    assert_eq!(stats.revision, 1000);
    assert!(stats.revision - stats.compact_revision <= 110, "{stats:?}");
    assert_eq!(stats.keys, 10);
}

#[tokio::test]
async fn store_slow_watcher_is_cut_off_without_blocking_others() {
    let mut cfg = StoreConfig::memory();
    cfg.watch_queue = 8;
    let st = Store::open(cfg).expect("open");
    let mut slow = st.watch(KeyRange::prefix(""), 0).expect("watch");
    let mut fast = st.watch(KeyRange::prefix(""), 0).expect("watch");
    let reader = tokio::spawn(async move {
        let mut n = 0;
        while n < 100 {
            if let Some(Ok(WatchEvent::Change(_))) = fast.next().await {
                n += 1;
            }
        }
        n
    });
    for i in 0..100 {
        st.put(format!("k{i}"), "v").await.expect("writers are never blocked by a slow watcher");
    }
    assert_eq!(reader.await.expect("fast reader"), 100);
    let mut delivered = 0;
    loop {
        match slow.next().await {
            Some(Ok(WatchEvent::Change(e))) => {
                delivered += 1;
                assert_eq!(e.kv.mod_revision, delivered, "what was queued arrives in order");
            }
            Some(Ok(WatchEvent::Progress(_))) => {}
            Some(Err(WatchError::Overflowed)) => break,
            None => panic!("expected an overflow error before the end"),
        }
    }
    assert_eq!(delivered, 8);
}

#[tokio::test]
async fn store_every_watcher_sees_every_event_once_in_order_under_concurrent_writers() {
    const WRITERS: usize = 8;
    const PER_WRITER: usize = 200;
    const WATCHERS: usize = 6;
    let st = mem();
    st.put("/w/seed", "0").await.expect("put");
    let mut handles = Vec::new();
    for i in 0..WATCHERS {
        // Half the watchers start in the past, half live.
        let start = if i % 2 == 0 { 1 } else { 0 };
        let mut w = st.watch(KeyRange::prefix("/w/"), start).expect("watch");
        let expect_seed = start == 1;
        handles.push(tokio::spawn(async move {
            let mut seen: Vec<Event> = Vec::new();
            let total = WRITERS * PER_WRITER + usize::from(expect_seed);
            while seen.len() < total {
                seen.push(next_change(&mut w).await);
            }
            seen
        }));
    }
    let mut writers = Vec::new();
    for wr in 0..WRITERS {
        let st = st.clone();
        writers.push(tokio::spawn(async move {
            for j in 0..PER_WRITER {
                st.put(format!("/w/{wr}/{}", j % 7), format!("{wr}-{j}")).await.expect("put");
            }
        }));
    }
    for w in writers {
        w.await.expect("writer");
    }
    for h in handles {
        let seen = h.await.expect("watcher");
        let revs: Vec<u64> = seen.iter().map(|e| e.kv.mod_revision).collect();
        assert!(revs.windows(2).all(|p| p[1] == p[0] + 1), "gap or reorder in {revs:?}");
        assert_eq!(*revs.last().expect("events"), (WRITERS * PER_WRITER + 1) as u64);
        // Per key, each writer's values arrive in the order it wrote them.
        let mut last: HashMap<usize, usize> = HashMap::new();
        for e in seen.iter().filter(|e| &e.kv.key[..] != b"/w/seed") {
            let v = s(&e.kv.value);
            let (wr, j) = v.split_once('-').expect("wr-j");
            let (wr, j): (usize, usize) = (wr.parse().expect("n"), j.parse().expect("n"));
            if let Some(prev) = last.insert(wr, j) {
                assert_eq!(j, prev + 1);
            }
        }
    }
}

#[tokio::test]
async fn store_progress_notice_follows_delivered_changes() {
    let st = mem();
    let mut w = st.watch(KeyRange::prefix("/a/"), 0).expect("watch");
    st.put("/a/1", "x").await.expect("put");
    st.put("/b/1", "x").await.expect("put");
    st.notify_progress();
    assert!(matches!(w.next().await, Some(Ok(WatchEvent::Change(_)))));
    assert_eq!(w.next().await, Some(Ok(WatchEvent::Progress(2))));
}

#[tokio::test]
async fn store_range_continues_at_the_same_revision() {
    let st = mem();
    for i in 0..10 {
        st.put(format!("/r/{i}"), "v").await.expect("put");
    }
    let first = st.range(&KeyRange::prefix("/r/"), None, 4, None).expect("range");
    assert!(first.more);
    st.delete("/r/9").await.expect("delete");
    let mut from = first.kvs.last().expect("kvs").key.to_vec();
    from.push(0);
    let mut all = first.kvs.len();
    let mut rev = first.revision;
    let mut from = Some(from);
    while let Some(f) = from.take() {
        let page = st.range(&KeyRange::prefix("/r/"), Some(&f), 4, Some(rev)).expect("range");
        rev = page.revision;
        all += page.kvs.len();
        if page.more {
            let mut n = page.kvs.last().expect("kvs").key.to_vec();
            n.push(0);
            from = Some(n);
        }
    }
    assert_eq!(all, 10, "the deletion after the first page is not seen at its revision");
    assert_eq!(st.count(&KeyRange::prefix("/r/")), 9);
}

fn disk(dir: &std::path::Path) -> Store {
    Store::open(StoreConfig::disk(dir)).expect("disk store opens")
}

#[tokio::test]
async fn disk_store_restart_keeps_values_and_revisions() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let st = disk(dir.path());
        st.put("a", "1").await.expect("put");
        st.put("a", "2").await.expect("put");
        st.put("b", "x").await.expect("put");
        st.delete("b").await.expect("delete");
    }
    let st = disk(dir.path());
    assert_eq!(st.revision(), 4);
    let a = st.get(b"a", None).expect("get").expect("a survives");
    assert_eq!((s(&a.value), a.create_revision, a.mod_revision, a.version), ("2", 1, 2, 2));
    assert!(st.get(b"b", None).expect("get").is_none());
    let e = st.put("c", "y").await.expect("put");
    assert_eq!(e.kv.mod_revision, 5);
}

#[tokio::test]
async fn disk_store_snapshots_and_rotates_then_recovers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cfg = StoreConfig::disk(dir.path());
    cfg.segment_bytes = 4096;
    {
        let st = Store::open(cfg.clone()).expect("open");
        for i in 0..500 {
            st.put(format!("key/{}", i % 50), format!("value-{i}-{}", "x".repeat(40))).await.expect("put");
        }
    }
    let wal_files = std::fs::read_dir(dir.path().join("wal")).expect("wal dir").count();
    assert!(wal_files <= 2, "old segments are deleted after a snapshot: {wal_files} left");
    assert_eq!(std::fs::read_dir(dir.path().join("snap")).expect("snap dir").count(), 1);
    let st = Store::open(cfg).expect("reopen");
    assert_eq!(st.revision(), 500);
    for k in 0..50 {
        let kv = st.get(format!("key/{k}").as_bytes(), None).expect("get").expect("present");
        assert_eq!(kv.version, 10);
        assert!(s(&kv.value).starts_with(&format!("value-{}-", 450 + k)));
    }
}

#[tokio::test]
async fn disk_store_torn_tail_is_dropped_and_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let st = disk(dir.path());
        st.put("a", "1").await.expect("put");
        st.put("b", "2").await.expect("put");
    }
    let seg =
        std::fs::read_dir(dir.path().join("wal")).expect("wal").next().expect("one segment").expect("entry").path();
    // A write cut short: a frame header promising more bytes than follow.
    let mut data = std::fs::read(&seg).expect("read");
    data.extend_from_slice(&[200, 0, 0, 0, 1, 2, 3, 4, 5, 6]);
    std::fs::write(&seg, &data).expect("write");
    let st = disk(dir.path());
    assert_eq!(st.revision(), 2);
    assert_eq!(st.recovery().notes.len(), 1, "{:?}", st.recovery().notes);
    assert!(st.recovery().notes[0].contains("incomplete write"));
    st.put("c", "3").await.expect("the log continues after the dropped tail");
    drop(st);
    let st = disk(dir.path());
    assert_eq!(st.revision(), 3);
    assert!(st.recovery().notes.is_empty());
}

#[tokio::test]
async fn disk_store_corruption_before_good_data_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let st = disk(dir.path());
        st.put("a", "aaaaaaaa").await.expect("put");
        st.put("b", "bbbbbbbb").await.expect("put");
    }
    let seg = std::fs::read_dir(dir.path().join("wal")).expect("wal").next().expect("segment").expect("entry").path();
    let mut data = std::fs::read(&seg).expect("read");
    let pos = data.windows(8).position(|w| w == b"aaaaaaaa").expect("value on disk");
    data[pos] = b'z';
    std::fs::write(&seg, &data).expect("write");
    match Store::open(StoreConfig::disk(dir.path())) {
        Err(StoreError::Corrupt { detail, .. }) => assert!(detail.contains("checksum"), "{detail}"),
        Err(e) => panic!("expected corruption, got {e}"),
        Ok(_) => panic!("a corrupt log must not be served"),
    }
}

#[tokio::test]
async fn disk_store_refuses_a_newer_format_and_a_second_opener() {
    let dir = tempfile::tempdir().expect("tempdir");
    let st = disk(dir.path());
    assert!(matches!(Store::open(StoreConfig::disk(dir.path())), Err(StoreError::Locked { .. })));
    drop(st);
    std::fs::write(dir.path().join("FORMAT"), "kx-store 7\n").expect("write");
    match Store::open(StoreConfig::disk(dir.path())) {
        Err(e @ StoreError::UnsupportedFormat { .. }) => assert!(e.to_string().contains("kx-store 7")),
        Err(e) => panic!("expected UnsupportedFormat, got {e}"),
        Ok(_) => panic!("an unknown format must be refused"),
    }
}

#[tokio::test]
async fn store_put_with_builds_the_value_from_its_revision() {
    let st = mem();
    st.put("other", "x").await.expect("put");
    let out = st.put_with("k", Condition::Absent, |rev| Bytes::from(format!("rv={rev}"))).await.expect("write");
    let TxnOutcome::Committed(e) = out else { panic!("absent key: commits") };
    assert_eq!(s(&e.kv.value), "rv=2");
    assert_eq!(e.kv.mod_revision, 2);
    let again =
        st.put_with("k", Condition::Absent, |_| panic!("a failed condition never builds")).await.expect("write");
    assert!(matches!(again, TxnOutcome::Failed(Some(_))));
}
