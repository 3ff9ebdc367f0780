//! Container probes with the kubelet's timing and thresholds: the startup probe first (it
//! gates the others), then liveness and readiness side by side. In the `sim` runtime every
//! check passes; in the `process` runtime exec, HTTP GET and TCP checks really run (against
//! 127.0.0.1, where the container's processes listen; gRPC is checked as a TCP connect).

use std::sync::Arc;
use std::time::Duration;

use k8s_openapi::api::core::v1::{Container, Probe};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::runtime::ExecTarget;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbeKind {
    Startup,
    Liveness,
    Readiness,
}

impl ProbeKind {
    pub fn title(self) -> &'static str {
        match self {
            ProbeKind::Startup => "Startup",
            ProbeKind::Liveness => "Liveness",
            ProbeKind::Readiness => "Readiness",
        }
    }
}

/// What the pod worker hears from a container's probes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProbeOutcome {
    /// The startup probe succeeded (or there is none): liveness and readiness begin.
    Started,
    Ready(bool),
    /// A liveness or startup probe failed often enough: restart the container.
    Kill(ProbeKind),
    /// One failed check, for the `Unhealthy` event.
    Failure(ProbeKind, String),
}

/// How checks are carried out.
#[derive(Clone)]
pub enum Checker {
    Sim,
    Process(Arc<ExecTarget>),
}

/// Success and failure counting against a probe's thresholds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counter {
    success_threshold: u32,
    failure_threshold: u32,
    successes: u32,
    failures: u32,
    state: bool,
}

impl Counter {
    pub fn new(p: &Probe, initial: bool) -> Counter {
        let t = |v: Option<i32>, d: u32| v.and_then(|v| u32::try_from(v).ok()).filter(|v| *v > 0).unwrap_or(d);
        Counter {
            success_threshold: t(p.success_threshold, 1),
            failure_threshold: t(p.failure_threshold, 3),
            successes: 0,
            failures: 0,
            state: initial,
        }
    }

    /// Count one result; the new state if it changed.
    pub fn observe(&mut self, ok: bool) -> Option<bool> {
        if ok {
            self.failures = 0;
            self.successes += 1;
            if !self.state && self.successes >= self.success_threshold {
                self.state = true;
                return Some(true);
            }
        } else {
            self.successes = 0;
            self.failures += 1;
            if self.state && self.failures >= self.failure_threshold
                || !self.state && self.failures == self.failure_threshold
            {
                let changed = self.state;
                self.state = false;
                // A probe that never succeeded still reports its first failing verdict.
                return if changed || self.failures == self.failure_threshold { Some(false) } else { None };
            }
        }
        None
    }
}

fn secs(v: Option<i32>, default: u64) -> Duration {
    Duration::from_secs(v.and_then(|v| u64::try_from(v).ok()).unwrap_or(default))
}

/// Start the container's probes; `sink` hears the outcomes. None when it has no probes (the
/// caller treats it as started and ready).
pub fn spawn(
    c: &Container,
    checker: Checker,
    sink: impl Fn(ProbeOutcome) + Send + Sync + 'static,
) -> Option<tokio::task::JoinHandle<()>> {
    if c.startup_probe.is_none() && c.liveness_probe.is_none() && c.readiness_probe.is_none() {
        return None;
    }
    let c = c.clone();
    let sink = Arc::new(sink);
    Some(tokio::spawn(async move {
        if let Some(p) = &c.startup_probe {
            let mut counter = Counter::new(p, false);
            tokio::time::sleep(secs(p.initial_delay_seconds, 0)).await;
            loop {
                let result = check(&c, p, &checker).await;
                if let Err(m) = &result {
                    sink(ProbeOutcome::Failure(ProbeKind::Startup, m.clone()));
                }
                match counter.observe(result.is_ok()) {
                    Some(true) => break,
                    Some(false) => {
                        sink(ProbeOutcome::Kill(ProbeKind::Startup));
                        return;
                    }
                    None => {}
                }
                tokio::time::sleep(secs(p.period_seconds, 10).max(Duration::from_secs(1))).await;
            }
            sink(ProbeOutcome::Started);
        }
        let live = async {
            let Some(p) = &c.liveness_probe else { return };
            let mut counter = Counter::new(p, true);
            tokio::time::sleep(secs(p.initial_delay_seconds, 0)).await;
            loop {
                let result = check(&c, p, &checker).await;
                if let Err(m) = &result {
                    sink(ProbeOutcome::Failure(ProbeKind::Liveness, m.clone()));
                }
                if counter.observe(result.is_ok()) == Some(false) {
                    sink(ProbeOutcome::Kill(ProbeKind::Liveness));
                    return;
                }
                tokio::time::sleep(secs(p.period_seconds, 10).max(Duration::from_secs(1))).await;
            }
        };
        let ready = async {
            let Some(p) = &c.readiness_probe else { return };
            let mut counter = Counter::new(p, false);
            tokio::time::sleep(secs(p.initial_delay_seconds, 0)).await;
            loop {
                let result = check(&c, p, &checker).await;
                if let Err(m) = &result {
                    sink(ProbeOutcome::Failure(ProbeKind::Readiness, m.clone()));
                }
                if let Some(state) = counter.observe(result.is_ok()) {
                    sink(ProbeOutcome::Ready(state));
                }
                tokio::time::sleep(secs(p.period_seconds, 10).max(Duration::from_secs(1))).await;
            }
        };
        tokio::join!(live, ready);
    }))
}

fn port(c: &Container, p: &IntOrString) -> Result<u16, String> {
    match p {
        IntOrString::Int(n) => u16::try_from(*n).map_err(|_| format!("invalid port {n}")),
        IntOrString::String(name) => c
            .ports
            .iter()
            .flatten()
            .find(|cp| cp.name.as_deref() == Some(name.as_str()))
            .and_then(|cp| u16::try_from(cp.container_port).ok())
            .ok_or_else(|| format!("port {name:?} is not a named port of the container")),
    }
}

/// One check: Ok, or the failure message the kubelet would give.
pub async fn check(c: &Container, p: &Probe, checker: &Checker) -> Result<(), String> {
    let Checker::Process(target) = checker else { return Ok(()) };
    let timeout = secs(p.timeout_seconds, 1).max(Duration::from_secs(1));
    if let Some(e) = &p.exec {
        let argv = e.command.clone().unwrap_or_default();
        let Some(program) = argv.first() else { return Err("exec probe has no command".into()) };
        let mut cmd = tokio::process::Command::new(program);
        cmd.args(&argv[1..])
            .env_clear()
            .envs(target.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .current_dir(&target.cwd)
            .stdin(std::process::Stdio::null())
            .kill_on_drop(true);
        return match tokio::time::timeout(timeout, cmd.output()).await {
            Err(_) => Err(format!("command {:?} timed out", argv.join(" "))),
            Ok(Err(e)) => Err(super::runtime::spawn_error(program, &e)),
            Ok(Ok(out)) if out.status.success() => Ok(()),
            Ok(Ok(out)) => {
                let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
                text.push_str(&String::from_utf8_lossy(&out.stderr));
                Err(text)
            }
        };
    }
    let (host, port) = if let Some(h) = &p.http_get {
        (h.host.clone().filter(|h| !h.is_empty()).unwrap_or_else(|| "127.0.0.1".into()), port(c, &h.port)?)
    } else if let Some(t) = &p.tcp_socket {
        (t.host.clone().filter(|h| !h.is_empty()).unwrap_or_else(|| "127.0.0.1".into()), port(c, &t.port)?)
    } else if let Some(g) = &p.grpc {
        ("127.0.0.1".to_string(), u16::try_from(g.port).map_err(|_| format!("invalid port {}", g.port))?)
    } else {
        return Ok(());
    };
    let addr = format!("{host}:{port}");
    let dial = |e: std::io::Error| {
        let why = if e.kind() == std::io::ErrorKind::ConnectionRefused {
            "connection refused".to_string()
        } else {
            e.to_string()
        };
        format!("dial tcp {addr}: connect: {why}")
    };
    let Some(h) = &p.http_get else {
        return match tokio::time::timeout(timeout, tokio::net::TcpStream::connect(&addr)).await {
            Ok(Ok(_)) => Ok(()),
            Ok(Err(e)) => Err(dial(e)),
            Err(_) => Err(format!("dial tcp {addr}: i/o timeout")),
        };
    };
    let scheme = h.scheme.as_deref().unwrap_or("HTTP").to_ascii_lowercase();
    let path = h.path.clone().filter(|p| !p.is_empty()).unwrap_or_else(|| "/".into());
    let url = format!("{scheme}://{addr}{path}");
    let attempt = async {
        let mut s = tokio::net::TcpStream::connect(&addr).await.map_err(|e| format!("Get {url:?}: {}", dial(e)))?;
        if scheme == "https" {
            // Without TLS here, a listening port is the best evidence there is.
            return Ok(());
        }
        let mut req = format!(
            "GET {path} HTTP/1.1\r\nHost: {addr}\r\nUser-Agent: kube-probe/1.33\r\nAccept: */*\r\nConnection: close\r\n"
        );
        for hd in h.http_headers.iter().flatten() {
            req.push_str(&format!("{}: {}\r\n", hd.name, hd.value));
        }
        req.push_str("\r\n");
        s.write_all(req.as_bytes()).await.map_err(|e| format!("Get {url:?}: {e}"))?;
        let mut buf = vec![0u8; 1024];
        let mut got = 0;
        while got < buf.len() {
            let n = s.read(&mut buf[got..]).await.map_err(|e| format!("Get {url:?}: {e}"))?;
            if n == 0 || buf[..got + n].contains(&b'\n') {
                got += n;
                break;
            }
            got += n;
        }
        let line = String::from_utf8_lossy(&buf[..got]);
        let code: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| format!("Get {url:?}: malformed HTTP response"))?;
        if (200..400).contains(&code) { Ok(()) } else { Err(format!("HTTP probe failed with statuscode: {code}")) }
    };
    match tokio::time::timeout(timeout, attempt).await {
        Ok(r) => r,
        Err(_) => {
            Err(format!("Get {url:?}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(success: i32, failure: i32) -> Probe {
        Probe { success_threshold: Some(success), failure_threshold: Some(failure), ..Default::default() }
    }

    #[test]
    fn counter_readiness_needs_successes_and_failures_in_a_row() {
        let mut c = Counter::new(&probe(2, 2), false);
        assert_eq!(c.observe(true), None);
        assert_eq!(c.observe(true), Some(true));
        assert_eq!(c.observe(false), None);
        assert_eq!(c.observe(true), None, "a success resets the failures");
        assert_eq!(c.observe(false), None);
        assert_eq!(c.observe(false), Some(false));
        assert_eq!(c.observe(false), None, "reported once");
    }

    #[test]
    fn counter_liveness_fails_after_the_threshold() {
        let mut c = Counter::new(&Probe::default(), true);
        assert_eq!(c.observe(false), None);
        assert_eq!(c.observe(false), None);
        assert_eq!(c.observe(false), Some(false));
    }

    #[test]
    fn counter_startup_that_never_succeeds_fails_once() {
        let mut c = Counter::new(&probe(1, 2), false);
        assert_eq!(c.observe(false), None);
        assert_eq!(c.observe(false), Some(false));
        assert_eq!(c.observe(false), None);
    }

    #[tokio::test]
    async fn check_tcp_and_http_against_a_local_listener() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("addr").port();
        tokio::spawn(async move {
            while let Ok((mut s, _)) = listener.accept().await {
                let mut buf = [0u8; 512];
                let n = s.read(&mut buf).await.unwrap_or(0);
                let status = if String::from_utf8_lossy(&buf[..n]).starts_with("GET /bad") { 500 } else { 200 };
                let _ = s.write_all(format!("HTTP/1.1 {status} X\r\nContent-Length: 0\r\n\r\n").as_bytes()).await;
            }
        });
        let (_tx, stopped) = tokio::sync::watch::channel(false);
        let target = Arc::new(ExecTarget {
            env: vec![("PATH".into(), std::env::var("PATH").unwrap_or_default())],
            cwd: std::env::temp_dir(),
            stopped,
            processes: Default::default(),
        });
        let checker = Checker::Process(target);
        let c: Container =
            serde_json::from_value(serde_json::json!({"name": "c", "ports": [{"name": "web", "containerPort": port}]}))
                .expect("container");
        let p = |v: serde_json::Value| -> Probe { serde_json::from_value(v).expect("probe") };
        assert_eq!(check(&c, &p(serde_json::json!({"tcpSocket": {"port": port}})), &checker).await, Ok(()));
        assert_eq!(
            check(&c, &p(serde_json::json!({"httpGet": {"port": "web", "path": "/ok"}})), &checker).await,
            Ok(())
        );
        assert_eq!(
            check(&c, &p(serde_json::json!({"httpGet": {"port": port, "path": "/bad"}})), &checker).await,
            Err("HTTP probe failed with statuscode: 500".into())
        );
        assert_eq!(check(&c, &p(serde_json::json!({"exec": {"command": ["true"]}})), &checker).await, Ok(()));
        assert!(
            check(&c, &p(serde_json::json!({"exec": {"command": ["sh", "-c", "echo nope; exit 1"]}})), &checker)
                .await
                .is_err()
        );
        assert!(
            check(&c, &p(serde_json::json!({"tcpSocket": {"port": 1}})), &checker)
                .await
                .expect_err("refused")
                .contains("connection refused")
        );
        assert_eq!(
            check(&c, &p(serde_json::json!({"exec": {"command": ["x"]}})), &Checker::Sim).await,
            Ok(()),
            "sim passes"
        );
    }
}
