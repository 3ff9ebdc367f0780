//! Store benchmark: durable write throughput (1 and 64 writers), reads, watch delivery
//! latency and memory per key. Prints figures; asserts nothing (machines here are shared
//! and noisy, so compare ratios across runs made the same way).
//!
//! Run: `cargo bench --bench store` (add `-- --quick` for a shorter run).

use std::sync::Arc;
use std::time::{Duration, Instant};

use kx::cluster::store::{KeyRange, Store, StoreConfig, WatchEvent};

fn rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// A 2 KiB value in an allocation of exactly that size (as the apiserver hands them over).
fn value(i: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(2048);
    v.extend_from_slice(format!("{{\"kind\":\"Pod\",\"metadata\":{{\"name\":\"pod-{i}\"}},\"spec\":\"").as_bytes());
    v.resize(2048 - 2, b'x');
    v.extend_from_slice(b"\"}");
    v
}

/// RSS growth from loading 100k keys, measured in a fresh process so that memory freed by
/// earlier phases cannot be reused and hide the cost.
async fn memory_per_key(backend: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg = match backend {
        "disk" => StoreConfig::disk(dir.path()),
        _ => StoreConfig::memory(),
    };
    let before = rss_bytes();
    let store = Store::open(cfg).expect("open");
    let n = 100_000;
    let mut tasks = Vec::new();
    for w in 0..16 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            for i in (w..n).step_by(16) {
                store.put(format!("/registry/pods/ns{}/pod-{i}", i % 50), value(i)).await.expect("put");
            }
        }));
    }
    for t in tasks {
        t.await.expect("writer");
    }
    let grown = rss_bytes().saturating_sub(before) as f64;
    println!(
        "memory, 100k keys of 2 KiB ({backend}): {:.0} MiB RSS growth, {:.0} bytes/key ({:.0} beyond the 2048-byte value)",
        grown / (1 << 20) as f64,
        grown / n as f64,
        grown / n as f64 - 2048.0
    );
}

async fn durable_writes(writers: usize, total: usize) -> f64 {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(StoreConfig::disk(dir.path())).expect("open");
    let per = total / writers;
    let val = Arc::new(value(0));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..writers {
        let store = store.clone();
        let val = val.clone();
        tasks.push(tokio::spawn(async move {
            for j in 0..per {
                store.put(format!("/registry/pods/default/w{w}-{j}"), val.to_vec()).await.expect("put");
            }
        }));
    }
    for t in tasks {
        t.await.expect("writer");
    }
    (per * writers) as f64 / start.elapsed().as_secs_f64()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn watch_latency(store: &Store, n: usize) -> (Duration, Duration) {
    let mut w = store.watch(KeyRange::prefix("/lat/"), 0).expect("watch");
    let mut lat = Vec::with_capacity(n);
    for i in 0..n {
        let t = Instant::now();
        let put = store.put(format!("/lat/{}", i % 100), "v");
        let (_, got) = tokio::join!(put, w.next());
        assert!(matches!(got, Some(Ok(WatchEvent::Change(_)))));
        lat.push(t.elapsed());
    }
    lat.sort();
    (percentile(&lat, 0.5), percentile(&lat, 0.99))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--rss-child") {
        let backend = args.get(i + 1).cloned().unwrap_or_default();
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
        rt.block_on(memory_per_key(&backend));
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let scale = if quick { 1 } else { 4 };
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        println!("store benchmark ({} cores)", std::thread::available_parallelism().map_or(1, |n| n.get()));
        let w1 = durable_writes(1, 500 * scale).await;
        println!("durable writes, 1 writer:    {w1:>9.0} writes/s (2 KiB values, fdatasync per group commit)");
        let w64 = durable_writes(64, 5000 * scale).await;
        println!("durable writes, 64 writers:  {w64:>9.0} writes/s ({:.1}x one writer)", w64 / w1);

        let store = Store::open(StoreConfig::memory()).expect("open");
        let keys = 10_000;
        for i in 0..keys {
            store.put(format!("/registry/pods/default/p{i}"), value(i)).await.expect("put");
        }
        let reads = 200_000 * scale;
        let start = Instant::now();
        let mut found = 0usize;
        for i in 0..reads {
            let k = format!("/registry/pods/default/p{}", (i * 7919) % keys);
            found += usize::from(store.get(k.as_bytes(), None).expect("get").is_some());
        }
        assert_eq!(found, reads);
        println!("point reads, 1 reader:       {:>9.0} reads/s", reads as f64 / start.elapsed().as_secs_f64());
        let start = Instant::now();
        let lists = 20 * scale;
        for _ in 0..lists {
            let r = store.range(&KeyRange::prefix("/registry/pods/"), None, 0, None).expect("range");
            assert_eq!(r.kvs.len(), keys);
        }
        println!("range of 10k keys:           {:>9.2} ms each", start.elapsed().as_secs_f64() * 1000.0 / lists as f64);

        let (p50, p99) = watch_latency(&store, 2000 * scale).await;
        println!("watch delivery (memory), put submitted -> watcher has it: p50 {:?}, p99 {:?}", p50, p99);
        let dir = tempfile::tempdir().expect("tempdir");
        let disk = Store::open(StoreConfig::disk(dir.path())).expect("open");
        let (p50, p99) = watch_latency(&disk, 300 * scale).await;
        println!("watch delivery (disk, includes fsync): p50 {:?}, p99 {:?}", p50, p99);
        drop(disk);
        drop(store);

        for backend in ["memory", "disk"] {
            let out = std::process::Command::new(std::env::current_exe().expect("bench binary"))
                .args(["--rss-child", backend])
                .output()
                .expect("run memory measurement");
            print!("{}", String::from_utf8_lossy(&out.stdout));
        }
    });
}
