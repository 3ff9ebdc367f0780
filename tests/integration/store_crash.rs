//! Kill -9 a process in the middle of a stream of durable writes and check, on reopen, that
//! every write it acknowledged is there and nothing is half-present.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kx::cluster::store::{Store, StoreConfig};

const CHILD_ENV: &str = "KX_STORE_CRASH_CHILD";
const WRITERS: usize = 16;
const SLOTS: usize = 40;

fn config(dir: &str) -> StoreConfig {
    let mut cfg = StoreConfig::disk(dir);
    // Small segments so snapshots and segment rotation happen during the stream.
    cfg.segment_bytes = 512 << 10;
    cfg
}

/// Value for write `j` of writer `w` in `round`: self-describing and checksummed, 1–4 KiB.
fn value(round: usize, w: usize, j: usize) -> String {
    let body = format!("{round} {w} {j} {}", "abcdefghijklmnopqrstuvwxyz".repeat(40 + (j * 7919 % 120)));
    format!("{body} {:08x}", crc32(body.as_bytes()))
}

fn crc32(b: &[u8]) -> u32 {
    b.iter().fold(0x811c9dc5u32, |h, &x| (h ^ x as u32).wrapping_mul(0x01000193))
}

fn parse(v: &[u8]) -> (usize, usize, usize) {
    let v = std::str::from_utf8(v).expect("value is utf8");
    let (body, sum) = v.rsplit_once(' ').expect("value has a checksum");
    assert_eq!(format!("{:08x}", crc32(body.as_bytes())), sum, "value intact");
    let mut it = body.split(' ').map(|n| n.parse::<usize>());
    let mut next = || it.next().expect("field").expect("number");
    (next(), next(), next())
}

/// The child side: runs only when re-executed by the test below, writes until killed.
#[test]
fn store_crash_child() {
    let Ok(dir) = std::env::var(CHILD_ENV) else { return };
    let round: usize = std::env::var("KX_STORE_CRASH_ROUND").expect("round").parse().expect("number");
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    rt.block_on(async move {
        let store = Store::open(config(&dir)).expect("child opens the store");
        let out = std::sync::Arc::new(std::sync::Mutex::new(std::io::stdout()));
        let mut tasks = Vec::new();
        for w in 0..WRITERS {
            let store = store.clone();
            let out = out.clone();
            tasks.push(tokio::spawn(async move {
                for j in 0.. {
                    let key = format!("r{round}/w{w}/{}", j % SLOTS);
                    store.put(key.clone(), value(round, w, j)).await.expect("durable put");
                    let mut o = out.lock().expect("stdout");
                    writeln!(o, "ack {w} {j}").expect("stdout");
                    o.flush().expect("stdout");
                }
            }));
        }
        for t in tasks {
            t.await.expect("writer");
        }
    });
}

#[test]
fn store_kill_9_mid_write_stream_keeps_every_acknowledged_write() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().to_str().expect("utf8 path").to_string();
    // Keys each finished round must still hold, at least and at most.
    let mut rounds: Vec<(usize, usize)> = Vec::new();
    for round in 0..3 {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args(["store_crash::store_crash_child", "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &path)
            .env("KX_STORE_CRASH_ROUND", round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("piped");
        let mut lines = BufReader::new(stdout).lines();
        // Last acknowledged write index per writer.
        let mut acked: HashMap<usize, usize> = HashMap::new();
        let target = 1500 + round * 700;
        let started = Instant::now();
        let mut total = 0;
        while total < target {
            let Some(line) = lines.next() else { panic!("child exited early") };
            let line = line.expect("read child output");
            if let Some(rest) = line.strip_prefix("ack ") {
                let (w, j) = rest.split_once(' ').expect("ack w j");
                acked.insert(w.parse().expect("n"), j.parse().expect("n"));
                total += 1;
            }
            assert!(started.elapsed() < Duration::from_secs(120), "child too slow");
        }
        child.kill().expect("SIGKILL");
        // Acks printed before the kill are still in the pipe; they count too.
        for line in lines {
            let line = line.expect("read child output");
            if let Some(rest) = line.strip_prefix("ack ") {
                let (w, j) = rest.split_once(' ').expect("ack w j");
                acked.insert(w.parse().expect("n"), j.parse().expect("n"));
            }
        }
        child.wait().expect("reap child");

        let store = Store::open(config(&path)).expect("reopen after kill -9");
        for (&w, &last) in &acked {
            for j in last.saturating_sub(SLOTS - 1)..=last {
                let key = format!("r{round}/w{w}/{}", j % SLOTS);
                let kv = store
                    .get(key.as_bytes(), None)
                    .expect("get")
                    .unwrap_or_else(|| panic!("acknowledged {key} (write {j}) lost"));
                let (r, ww, jj) = parse(&kv.value);
                assert_eq!((r, ww), (round, w));
                // The slot holds the acknowledged write or the one unacknowledged write that
                // was in flight for this writer, complete.
                assert!(
                    jj == j || jj == j + SLOTS && jj == last + 1,
                    "{key}: found write {jj}, acknowledged {j} (last ack {last})"
                );
            }
        }
        for note in &store.recovery().notes {
            eprintln!("round {round}: recovery: {note}");
        }
        let at_least: usize = acked.values().map(|&last| (last + 1).min(SLOTS)).sum();
        rounds.push((at_least, at_least + WRITERS));
        // Earlier rounds are intact too.
        for (r, &(lo, hi)) in rounds.iter().enumerate() {
            let n = store.count(&kx::cluster::store::KeyRange::prefix(format!("r{r}/")));
            assert!((lo..=hi).contains(&n), "round {r}: {n} keys after round {round}, expected {lo}..={hi}");
        }
    }
}
