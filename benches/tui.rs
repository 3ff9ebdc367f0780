//! TUI benchmark: figures printed, nothing asserted. For 1,850 and 50,000 pods in an
//! embedded cluster: time from start to the first full pods table, the TUI process's RSS,
//! the time to render one frame, and the time from a filter keystroke to the updated frame.
//!
//! The cluster runs in this process; the TUI side runs in a child process (this binary
//! again, `KX_BENCH_CLIENT=1`) talking HTTPS like any client, so its RSS is the TUI's alone.
//!
//! `cargo bench --bench tui` (set `KX_BENCH_SIZES=1850` for a quicker run).

use std::io::Write;
use std::time::{Duration, Instant};

use futures::StreamExt;
use kx::client::Session;
use kx::client::config::ConnectOptions;
use kx::cluster::embedded::{Cluster, ClusterConfig};
use kx::tui::config::Config;
use kx::tui::exec::ClusterExecutor;
use kx::tui::model::{Info, Model};
use kx::tui::msg::Msg;
use kx::tui::runtime::{CHANNEL, Executor};
use kx::tui::theme::Theme;
use kx::tui::update::{prepare, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn pod(ns: &str, i: usize) -> serde_json::Value {
    let app = ["web", "api", "worker", "db"][i % 4];
    json!({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": format!("app-{i:05}-{app}"), "namespace": ns,
                     "labels": {"app": app, "shard": (i % 16).to_string()}},
        "spec": {"containers": [{"name": "main", "image": "nginx:1.27",
                 "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}}}]},
    })
}

async fn seed(cluster: &Cluster, n: usize) {
    let client = cluster.api.client();
    let started = Instant::now();
    let namespaces = ["default", "team-a", "team-b", "team-c"];
    for ns in &namespaces[1..] {
        let body = serde_json::to_vec(&json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns}}))
            .expect("json");
        let req = http::Request::post("/api/v1/namespaces")
            .header("Content-Type", "application/json")
            .body(body)
            .expect("request");
        let _ = kx::client::rest::call(&client, req).await;
    }
    futures::stream::iter(0..n)
        .map(|i| {
            let client = client.clone();
            async move {
                let ns = namespaces[i % namespaces.len()];
                let body = serde_json::to_vec(&pod(ns, i)).expect("json");
                let req = http::Request::post(format!("/api/v1/namespaces/{ns}/pods"))
                    .header("Content-Type", "application/json")
                    .body(body)
                    .expect("request");
                kx::client::rest::call(&client, req).await.expect("pod created");
            }
        })
        .buffer_unordered(64)
        .collect::<Vec<_>>()
        .await;
    eprintln!("  seeded {n} pods in {:.1}s", started.elapsed().as_secs_f64());
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn draw(t: &mut Terminal<TestBackend>, m: &Model) {
    t.draw(|f| f.render_widget(m, f.area())).expect("draws");
}

/// The TUI side: connect, show all pods, measure.
async fn client(kubeconfig: String, n: usize) {
    let started = Instant::now();
    let opts = ConnectOptions { kubeconfig: Some(kubeconfig.into()), ..Default::default() };
    let session = Session::connect(&opts).await.expect("connects");
    let client = session.conn.client.clone();
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Msg>(CHANNEL);
    let info = Info { context: "kx-bench".into(), namespace: "default".into(), ..Default::default() };
    let mut model = Model::new(info, Config::default(), Theme::dark(), false, jiff::Timestamp::now());
    model.width = WIDTH;
    model.height = HEIGHT;
    let mut exec = ClusterExecutor::new(session, tx, opts);
    let mut cmds = Vec::new();
    kx::tui::update::command(&mut model, "pods -A", &mut cmds);
    for c in cmds {
        exec.execute(c);
    }
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
    // The same work as the runtime loop: messages into update, then prepare and draw.
    loop {
        let Some(msg) = rx.recv().await else { panic!("channel closed") };
        for c in update(&mut model, msg) {
            exec.execute(c);
        }
        if model.table().is_some_and(|t| t.store.len() >= n) {
            prepare(&mut model);
            draw(&mut terminal, &model);
            break;
        }
    }
    let first_table = started.elapsed();
    let rss = rss_mib();
    let mut frames = Vec::new();
    for _ in 0..200 {
        let t0 = Instant::now();
        prepare(&mut model);
        draw(&mut terminal, &model);
        frames.push(t0.elapsed());
    }
    // Scrolled to the middle, so the frame is not the cheap top of the table.
    for _ in 0..(n / 2 / 48) {
        update(&mut model, Msg::Key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::PageDown)));
    }
    for _ in 0..200 {
        let t0 = Instant::now();
        prepare(&mut model);
        draw(&mut terminal, &model);
        frames.push(t0.elapsed());
    }
    let frame = median(frames);
    update(&mut model, Msg::Key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('/'))));
    let mut keys = Vec::new();
    for c in "api-0".chars() {
        let t0 = Instant::now();
        update(&mut model, Msg::Key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c))));
        prepare(&mut model);
        draw(&mut terminal, &model);
        keys.push(t0.elapsed());
    }
    let shown = model.table().map_or(0, |t| t.store.view_len());
    let worst_key = keys.iter().max().copied().unwrap_or_default();
    // A keystroke right after a watch event: a pod changes, its change is applied, then
    // the filter is edited (backspace, retype) and the frame drawn.
    let mut after_event = Vec::new();
    for k in 0..10 {
        let i = k * 997 % n;
        let ns = ["default", "team-a", "team-b", "team-c"][i % 4];
        let name = format!("app-{i:05}-{}", ["web", "api", "worker", "db"][i % 4]);
        let body = serde_json::to_vec(&json!({"metadata": {"labels": {"touched": k.to_string()}}})).expect("json");
        let req = http::Request::patch(format!("/api/v1/namespaces/{ns}/pods/{name}"))
            .header("Content-Type", "application/merge-patch+json")
            .body(body)
            .expect("request");
        kx::client::rest::call(&client, req).await.expect("pod patched");
        loop {
            let Some(msg) = rx.recv().await else { panic!("channel closed") };
            let change = matches!(&msg, Msg::Table { event: kx::client::table_watch::TableEvent::Changes(_), .. });
            for c in update(&mut model, msg) {
                exec.execute(c);
            }
            if change {
                break;
            }
        }
        let key = if k % 2 == 0 { crossterm::event::KeyCode::Backspace } else { crossterm::event::KeyCode::Char('0') };
        let t0 = Instant::now();
        update(&mut model, Msg::Key(crossterm::event::KeyEvent::from(key)));
        prepare(&mut model);
        draw(&mut terminal, &model);
        after_event.push(t0.elapsed());
    }
    let worst_after_event = after_event.iter().max().copied().unwrap_or_default();
    let rss_after = rss_mib();
    println!(
        "RESULT {} {:.3} {:.1} {:.3} {:.3} {:.3} {} {:.1} {:.3} {:.3}",
        n,
        first_table.as_secs_f64(),
        rss,
        frame.as_secs_f64() * 1000.0,
        median(keys).as_secs_f64() * 1000.0,
        worst_key.as_secs_f64() * 1000.0,
        shown,
        rss_after,
        median(after_event).as_secs_f64() * 1000.0,
        worst_after_event.as_secs_f64() * 1000.0,
    );
    let _ = std::io::stdout().flush();
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    if std::env::var_os("KX_BENCH_CLIENT").is_some() {
        let kc = std::env::var("KX_BENCH_KUBECONFIG").expect("kubeconfig path");
        let n: usize = std::env::var("KX_BENCH_N").ok().and_then(|s| s.parse().ok()).expect("pod count");
        rt.block_on(client(kc, n));
        return;
    }
    let sizes: Vec<usize> = std::env::var("KX_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1850, 50_000]);
    println!("kx TUI benchmark ({WIDTH}x{HEIGHT} frames; the TUI runs in its own process)");
    println!("  reference at 1,850 pods: k9s 983 MiB RSS, 3.9 s to show them; a Rust clone 497 MiB, 2.0 s");
    for n in sizes {
        rt.block_on(async {
            let cluster = Cluster::start(ClusterConfig { scheduler: false, nodes: 0, ..Default::default() })
                .await
                .expect("cluster starts");
            seed(&cluster, n).await;
            let dir = tempfile::tempdir().expect("tempdir");
            let kc = dir.path().join("kubeconfig");
            std::fs::write(&kc, cluster.kubeconfig("kx-bench")).expect("kubeconfig written");
            let exe = std::env::current_exe().expect("own path");
            let out = tokio::process::Command::new(exe)
                .env("KX_BENCH_CLIENT", "1")
                .env("KX_BENCH_KUBECONFIG", &kc)
                .env("KX_BENCH_N", n.to_string())
                .env("XDG_CACHE_HOME", dir.path())
                .output()
                .await
                .expect("client runs");
            let text = String::from_utf8_lossy(&out.stdout);
            let Some(line) = text.lines().find(|l| l.starts_with("RESULT ")) else {
                eprintln!("client failed: {}", String::from_utf8_lossy(&out.stderr));
                return;
            };
            let f: Vec<&str> = line.split_whitespace().collect();
            println!("pods: {}", f[1]);
            println!("  start to first full table:   {} s", f[2]);
            println!("  RSS with the table shown:    {} MiB (after filtering: {} MiB)", f[3], f[8]);
            println!("  one frame (median):          {} ms", f[4]);
            println!(
                "  filter keystroke → frame:    {} ms median, {} ms worst ({} rows match \"api-0\")",
                f[5], f[6], f[7]
            );
            println!("  keystroke after a watch event: {} ms median, {} ms worst", f[9], f[10]);
            cluster.stop().await;
        });
    }
}
