//! A followed log that survives dropped connections: when the stream breaks while the
//! container still runs (server restart, network), it reconnects with back-off and resumes
//! from the time of the last line received, skipping what it already delivered, so no line
//! is lost or repeated. A normal end (the container instance stopped) ends the stream as
//! kubectl's follow does. Depends on the rest of the client layer only.
//!
//! Resuming needs each line's time, so a followed log is always requested with
//! `timestamps=true`; the stamps are removed again unless the caller asked for them.
//!
//! The states, after the first connection (which [`open`] makes so that its errors surface
//! as kubectl's would):
//!
//! - *Streaming*: lines come from the connection. A transport error is a drop; a clean end
//!   is either the container stopping or the server closing a live stream (a restarting
//!   apiserver ends its streams cleanly), which *Checking* tells apart.
//! - *Checking*: read the pod. The same container instance still running means the stream
//!   was dropped: reconnect from the last line. Stopped after a clean end: the log is
//!   complete, end. Restarted meanwhile: *Draining* the previous instance's remaining lines,
//!   then end. Pod gone: end. Server unreachable: report `Disconnected`, back off, check
//!   again.
//! - *Draining*: one unfollowed request for what the previous instance wrote after the
//!   last line seen.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures::{Stream, StreamExt};
use jiff::Timestamp;
use serde_json::Value;

use super::{LogLine, LogOptions, LogSource};
use crate::client::ClientError;
use crate::client::rest::{self, RestError};
use crate::client::table_watch::backoff;

/// What a log stream reports: its lines, and the state of a followed log's connection.
#[derive(Clone, Debug)]
pub enum LogItem {
    Line(LogLine),
    /// The connection broke while the container runs; the next attempt is in `retry_in`.
    Disconnected {
        source: Arc<LogSource>,
        error: String,
        retry_in: Duration,
    },
    /// Connected again after `Disconnected`; lines continue after the last one delivered.
    Reconnected {
        source: Arc<LogSource>,
    },
}

pub type LogItems = std::pin::Pin<Box<dyn Stream<Item = Result<LogItem, ClientError>> + Send>>;

/// A line's leading RFC 3339 stamp, as `timestamps=true` puts it: (time, raw stamp, rest).
pub fn split_timestamp(line: &str) -> Option<(Timestamp, &str, &str)> {
    let (stamp, rest) = line.split_once(' ')?;
    let t = stamp.parse::<Timestamp>().ok()?;
    Some((t, stamp, rest))
}

/// Where a followed log has got to, and the dedup of a resumed request.
///
/// `sinceTime` is inclusive and servers may round it down (kube-apiserver passes it to the
/// kubelet at second precision), so a resumed request replays lines stamped at or before
/// the last one delivered. Those are skipped: anything older, and as many lines stamped
/// exactly like the last as were already delivered with that stamp (lines written in the
/// same instant keep their order in the log).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResumePoint {
    /// The last delivered line's time, and its stamp as the server wrote it.
    last: Option<(Timestamp, String)>,
    /// Delivered lines stamped exactly `last`.
    at_last: usize,
    /// While replaying after a reconnect: lines stamped `last` still to skip.
    skipping: Option<usize>,
}

impl ResumePoint {
    /// The stamp to resume from, if any line was delivered.
    pub fn since_time(&self) -> Option<&str> {
        self.last.as_ref().map(|(_, raw)| raw.as_str())
    }

    /// A new connection starts: what it sends first may repeat delivered lines.
    pub fn resume(&mut self) {
        self.skipping = self.last.is_some().then_some(self.at_last);
    }

    /// Whether a line stamped `time` is new (and so delivered); records it if so. A line
    /// without a stamp cannot be placed and is always new.
    pub fn admit(&mut self, time: Option<(Timestamp, &str)>) -> bool {
        let Some((t, raw)) = time else { return true };
        if let (Some(skip), Some((last, _))) = (self.skipping.as_mut(), &self.last) {
            if t < *last {
                return false;
            }
            if t == *last && *skip > 0 {
                *skip -= 1;
                return false;
            }
            // Past the replay: everything from here is new.
            self.skipping = None;
        }
        match &self.last {
            Some((last, _)) if *last == t => self.at_last += 1,
            _ => {
                self.last = Some((t, raw.to_string()));
                self.at_last = 1;
            }
        }
        true
    }
}

/// Whether a failed request may succeed later (the server or the network is down), as
/// opposed to a refusal that will not change (no such pod or container, forbidden).
fn transient(e: &RestError) -> bool {
    match e {
        RestError::Transport(_) => true,
        RestError::Status { code, .. } => *code >= 500 || *code == 429,
    }
}

/// How the followed container stands, from the pod's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Instance {
    restarts: i64,
    running: bool,
}

fn instance(pod: &Value, container: &str) -> Instance {
    let status = ["containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"]
        .iter()
        .filter_map(|k| pod.get("status").and_then(|s| s.get(*k)).and_then(Value::as_array))
        .flatten()
        .find(|c| c.get("name").and_then(Value::as_str) == Some(container));
    Instance {
        restarts: status.and_then(|c| c.get("restartCount")).and_then(Value::as_i64).unwrap_or(0),
        running: status.and_then(|c| c.pointer("/state/running")).is_some(),
    }
}

type Body = std::pin::Pin<Box<dyn Stream<Item = Result<Bytes, String>> + Send>>;

async fn connect(client: &kube::Client, source: &LogSource, opts: &LogOptions) -> Result<Body, RestError> {
    use http_body_util::BodyExt;
    let req = http::Request::get(super::log_path(source, opts)).body(Vec::new()).expect("valid request");
    let resp = rest::call_streaming(client, req).await?;
    Ok(Box::pin(resp.into_body().into_data_stream().map(|r| r.map_err(|e| e.to_string()))))
}

#[derive(Debug)]
enum Phase {
    Streaming,
    /// The connection ended: cleanly (`error` is `None`) or not.
    Checking {
        error: Option<String>,
    },
    Draining,
    Done,
}

struct Follower {
    client: kube::Client,
    source: Arc<LogSource>,
    /// The caller's options.
    opts: LogOptions,
    resumable: bool,
    /// Restart count when following began; `None` if the pod could not be read then.
    restarts: Option<i64>,
    resume: ResumePoint,
    body: Option<Body>,
    buf: Vec<u8>,
    phase: Phase,
    /// Whether this connection is the unfollowed read of a previous instance.
    draining: bool,
    /// Lines delivered over the current connection (a clean end that brought nothing while
    /// the container runs is retried with back-off, not at once).
    delivered: usize,
    attempt: u32,
    /// Whether the consumer was last told `Disconnected`.
    down: bool,
    /// The back-off to wait before going on, once the consumer has the `Disconnected`.
    pause: Option<Duration>,
}

impl Follower {
    /// The options of a reconnect: from the last line (inclusive), or as first asked if
    /// nothing came yet.
    fn resume_opts(&self, previous: bool) -> LogOptions {
        let mut o = self.opts.clone();
        o.timestamps = true;
        o.previous = previous;
        o.follow = !previous;
        if let Some(t) = self.resume.since_time() {
            o.since_time = Some(t.to_string());
            o.since_seconds = None;
            o.tail_lines = None;
        }
        o
    }

    /// A complete line from the buffer (or, at a normal end, the unterminated rest) as an
    /// item, unless it repeats one already delivered.
    fn line(&mut self, raw: Vec<u8>) -> Option<LogItem> {
        let text = String::from_utf8_lossy(&raw).into_owned();
        if !self.resumable {
            return Some(LogItem::Line(LogLine { source: self.source.clone(), text }));
        }
        let (stamp, keep) = match split_timestamp(&text) {
            Some((t, raw, rest)) => (Some((t, raw)), if self.opts.timestamps { None } else { Some(rest.len()) }),
            None => (None, None),
        };
        if !self.resume.admit(stamp) {
            return None;
        }
        self.delivered += 1;
        let text = match keep {
            Some(n) => text[text.len() - n..].to_string(),
            None => text,
        };
        Some(LogItem::Line(LogLine { source: self.source.clone(), text }))
    }

    fn take_line(&mut self) -> Option<Vec<u8>> {
        let pos = self.buf.iter().position(|b| *b == b'\n')?;
        let rest = self.buf.split_off(pos + 1);
        Some(std::mem::replace(&mut self.buf, rest))
    }

    /// Tell the consumer the connection is down, and wait before the next attempt (after
    /// the consumer has heard).
    fn disconnected(&mut self, error: String) -> LogItem {
        let retry_in = backoff(self.attempt);
        self.attempt += 1;
        self.down = true;
        self.pause = Some(retry_in);
        LogItem::Disconnected { source: self.source.clone(), error, retry_in }
    }

    async fn next(&mut self) -> Option<Result<LogItem, ClientError>> {
        if let Some(pause) = self.pause.take() {
            tokio::time::sleep(pause).await;
        }
        loop {
            match std::mem::replace(&mut self.phase, Phase::Done) {
                Phase::Done => return None,
                Phase::Streaming => {
                    self.phase = Phase::Streaming;
                    if let Some(raw) = self.take_line() {
                        match self.line(raw) {
                            Some(item) => return Some(Ok(item)),
                            None => continue,
                        }
                    }
                    let Some(body) = self.body.as_mut() else {
                        self.phase = Phase::Done;
                        continue;
                    };
                    match body.next().await {
                        Some(Ok(chunk)) => self.buf.extend_from_slice(&chunk),
                        Some(Err(e)) => {
                            self.body = None;
                            if !self.resumable || self.draining {
                                self.phase = Phase::Done;
                                return Some(Err(ClientError::Rest(RestError::Transport(e))));
                            }
                            // A line cut off by the drop comes again, whole, after the reconnect.
                            self.buf.clear();
                            self.phase = Phase::Checking { error: Some(e) };
                        }
                        None => {
                            self.body = None;
                            if !self.resumable || self.draining {
                                self.phase = Phase::Done;
                                let rest = std::mem::take(&mut self.buf);
                                if !rest.is_empty()
                                    && let Some(item) = self.line(rest)
                                {
                                    return Some(Ok(item));
                                }
                                continue;
                            }
                            self.phase = Phase::Checking { error: None };
                        }
                    }
                }
                Phase::Checking { error } => {
                    if let Some(item) = self.check(error).await {
                        return Some(item);
                    }
                }
                Phase::Draining => {
                    self.draining = true;
                    self.resume.resume();
                    match connect(&self.client, &self.source, &self.resume_opts(true)).await {
                        Ok(body) => {
                            self.body = Some(body);
                            self.phase = Phase::Streaming;
                            if std::mem::take(&mut self.down) {
                                return Some(Ok(LogItem::Reconnected { source: self.source.clone() }));
                            }
                        }
                        // The previous instance's log may be gone already: nothing more to read.
                        Err(_) => self.phase = Phase::Done,
                    }
                }
            }
        }
    }

    /// Decide what a connection's end means; `None` to go on with the new phase.
    async fn check(&mut self, error: Option<String>) -> Option<Result<LogItem, ClientError>> {
        let path = rest::path(super::pods_type(), Some(&self.source.namespace), Some(&self.source.pod));
        let pod = match super::get_json_client(&self.client, path).await {
            Ok(pod) => pod,
            Err(e) if transient(&e) => {
                self.phase = Phase::Checking { error };
                return Some(Ok(self.disconnected(e.message())));
            }
            // The pod is gone: its log ended with it.
            Err(e) if e.code() == Some(404) => {
                self.phase = Phase::Done;
                return None;
            }
            Err(e) => {
                self.phase = Phase::Done;
                return Some(Err(e.into()));
            }
        };
        let now = instance(&pod, &self.source.container);
        if self.restarts.is_some_and(|r| r != now.restarts) {
            self.phase = Phase::Draining;
            return None;
        }
        if error.is_none() && !now.running {
            // The container stopped and the server said all there was: a normal end.
            self.phase = Phase::Done;
            let rest = std::mem::take(&mut self.buf);
            return if rest.is_empty() { None } else { self.line(rest).map(Ok) };
        }
        // The stream was dropped (or closed under a running container): its unterminated
        // rest comes again after the reconnect.
        self.buf.clear();
        if error.is_none() {
            if self.delivered == 0 {
                // Closed at once with nothing new: do not hammer a server that keeps doing so.
                let pause = Duration::from_millis(250u64 << self.attempt.min(7)).min(backoff(self.attempt));
                self.attempt += 1;
                tokio::time::sleep(pause).await;
            } else {
                self.attempt = 0;
            }
        }
        self.resume.resume();
        self.delivered = 0;
        match connect(&self.client, &self.source, &self.resume_opts(false)).await {
            Ok(body) => {
                self.body = Some(body);
                self.phase = Phase::Streaming;
                if error.is_some() {
                    self.attempt = 0;
                }
                if std::mem::take(&mut self.down) {
                    return Some(Ok(LogItem::Reconnected { source: self.source.clone() }));
                }
                None
            }
            Err(e) if transient(&e) => {
                self.phase = Phase::Checking { error: Some(e.message()) };
                Some(Ok(self.disconnected(e.message())))
            }
            Err(e) => {
                self.phase = Phase::Done;
                Some(Err(e.into()))
            }
        }
    }
}

/// Whether a log with these options is followed through dropped connections: a followed
/// current log. A previous instance's log is complete, and a byte-limited one ends at its
/// limit, so neither resumes.
pub fn resumable(opts: &LogOptions) -> bool {
    opts.follow && !opts.previous && opts.limit_bytes.is_none()
}

/// Open one container's log: the first request's errors come back here, as kubectl reports
/// them; a followed log then keeps going through dropped connections.
pub async fn open(client: &kube::Client, source: LogSource, opts: &LogOptions) -> Result<LogItems, ClientError> {
    let resumable = resumable(opts);
    let mut first = opts.clone();
    let mut restarts = None;
    if resumable {
        first.timestamps = true;
        let path = rest::path(super::pods_type(), Some(&source.namespace), Some(&source.pod));
        restarts = super::get_json_client(client, path).await.ok().map(|p| instance(&p, &source.container).restarts);
    }
    let body = connect(client, &source, &first).await?;
    let follower = Follower {
        client: client.clone(),
        source: Arc::new(source),
        opts: opts.clone(),
        resumable,
        restarts,
        resume: ResumePoint::default(),
        body: Some(body),
        buf: Vec::new(),
        phase: Phase::Streaming,
        draining: false,
        delivered: 0,
        attempt: 0,
        down: false,
        pause: None,
    };
    Ok(Box::pin(futures::stream::unfold(follower, |mut f| async move { f.next().await.map(|item| (item, f)) })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(s: &str) -> Option<(Timestamp, &str)> {
        Some((s.parse().expect("time"), s))
    }

    #[test]
    fn split_timestamp_takes_the_leading_stamp_only() {
        let (t, raw, rest) = split_timestamp("2025-01-02T03:04:05.123456789Z hello world\n").expect("stamped");
        assert_eq!(raw, "2025-01-02T03:04:05.123456789Z");
        assert_eq!(t, "2025-01-02T03:04:05.123456789Z".parse::<Timestamp>().expect("time"));
        assert_eq!(rest, "hello world\n");
        assert!(split_timestamp("hello world").is_none());
        assert!(split_timestamp("2025-01-02").is_none());
    }

    #[test]
    fn resume_point_skips_replayed_lines_and_keeps_new_ones() {
        let mut r = ResumePoint::default();
        assert_eq!(r.since_time(), None);
        for s in ["2025-01-01T00:00:01Z", "2025-01-01T00:00:02.5Z", "2025-01-01T00:00:02.5Z"] {
            assert!(r.admit(at(s)));
        }
        assert_eq!(r.since_time(), Some("2025-01-01T00:00:02.5Z"));
        r.resume();
        // A server that rounds sinceTime down to the second replays from 00:00:02.
        assert!(!r.admit(at("2025-01-01T00:00:02.1Z")));
        assert!(!r.admit(at("2025-01-01T00:00:02.5Z")));
        assert!(!r.admit(at("2025-01-01T00:00:02.5Z")));
        // A third line of the same instant was not seen before the drop.
        assert!(r.admit(at("2025-01-01T00:00:02.5Z")));
        assert!(r.admit(at("2025-01-01T00:00:03Z")));
        // Once past the replay, nothing is skipped, even equal stamps.
        assert!(r.admit(at("2025-01-01T00:00:03Z")));
        assert_eq!(r.since_time(), Some("2025-01-01T00:00:03Z"));
    }

    #[test]
    fn resume_point_compares_times_not_text() {
        let mut r = ResumePoint::default();
        assert!(r.admit(at("2025-01-01T00:00:02.100Z")));
        r.resume();
        // The same instant written without trailing zeros.
        assert!(!r.admit(at("2025-01-01T00:00:02.1Z")));
        assert!(r.admit(at("2025-01-01T00:00:02.10001Z")));
    }

    #[test]
    fn resume_point_without_history_admits_everything() {
        let mut r = ResumePoint::default();
        r.resume();
        assert!(r.admit(at("2025-01-01T00:00:00Z")));
        assert!(r.admit(None));
    }

    #[test]
    fn resume_point_with_two_drops_in_a_row_still_skips_the_replay() {
        let mut r = ResumePoint::default();
        assert!(r.admit(at("2025-01-01T00:00:05Z")));
        r.resume();
        // The second connection dropped before sending anything new.
        r.resume();
        assert!(!r.admit(at("2025-01-01T00:00:05Z")));
        assert!(r.admit(at("2025-01-01T00:00:06Z")));
    }

    #[test]
    fn instance_reads_the_named_container() {
        let pod = json!({"status": {
            "initContainerStatuses": [{"name": "init", "restartCount": 0, "state": {"terminated": {}}}],
            "containerStatuses": [{"name": "main", "restartCount": 2, "state": {"running": {"startedAt": "x"}}}],
        }});
        assert_eq!(instance(&pod, "main"), Instance { restarts: 2, running: true });
        assert_eq!(instance(&pod, "init"), Instance { restarts: 0, running: false });
        assert_eq!(instance(&pod, "gone"), Instance { restarts: 0, running: false });
    }

    /// A scripted server: each log request takes the next body (chunks, then a clean end or
    /// a broken connection), each pod read the next pod status (or an HTTP error code).
    mod server {
        use std::collections::VecDeque;
        use std::sync::Arc;

        use bytes::Bytes;
        use hyper::body::Frame;
        use parking_lot::Mutex;
        use serde_json::{Value, json};

        pub enum Log {
            Body(&'static [&'static str], bool),
        }

        #[derive(Default)]
        pub struct Script {
            pub logs: VecDeque<Log>,
            pub pods: VecDeque<Result<Value, u16>>,
            /// The query of every log request, in order.
            pub queries: Vec<String>,
        }

        pub fn pod(restarts: i64, running: bool) -> Result<Value, u16> {
            let state = if running { json!({"running": {}}) } else { json!({"terminated": {"exitCode": 0}}) };
            Ok(json!({"kind": "Pod", "metadata": {"name": "p", "namespace": "ns"},
                "status": {"containerStatuses": [{"name": "c", "restartCount": restarts, "state": state}]}}))
        }

        type Chunks = std::pin::Pin<Box<dyn futures::Stream<Item = Result<Frame<Bytes>, std::io::Error>> + Send>>;

        pub fn client(script: Arc<Mutex<Script>>) -> kube::Client {
            let svc = tower::service_fn(move |req: http::Request<kube::client::Body>| {
                let script = script.clone();
                async move {
                    let mut s = script.lock();
                    let path = req.uri().path().to_string();
                    let (status, chunks): (u16, Vec<Result<Frame<Bytes>, std::io::Error>>) = if path.ends_with("/log") {
                        s.queries.push(req.uri().query().unwrap_or("").to_string());
                        match s.logs.pop_front() {
                            Some(Log::Body(lines, clean)) => {
                                let mut v: Vec<_> = lines.iter().map(|l| Ok(Frame::data(Bytes::from(*l)))).collect();
                                if !clean {
                                    v.push(Err(std::io::Error::other("connection reset")));
                                }
                                (200, v)
                            }
                            None => (200, Vec::new()),
                        }
                    } else {
                        match s.pods.pop_front().unwrap_or(Err(404)) {
                            Ok(v) => (200, vec![Ok(Frame::data(Bytes::from(v.to_string())))]),
                            Err(code) => {
                                let st =
                                    json!({"kind": "Status", "status": "Failure", "code": code, "message": "down"});
                                (code, vec![Ok(Frame::data(Bytes::from(st.to_string())))])
                            }
                        }
                    };
                    let body: Chunks = Box::pin(futures::stream::iter(chunks));
                    let resp = http::Response::builder()
                        .status(status)
                        .body(http_body_util::StreamBody::new(body))
                        .expect("response");
                    Ok::<_, std::convert::Infallible>(resp)
                }
            });
            kube::Client::new(svc, "default")
        }
    }

    async fn collect(script: server::Script, opts: LogOptions) -> (Vec<String>, Vec<String>) {
        let script = Arc::new(parking_lot::Mutex::new(script));
        let client = server::client(script.clone());
        let source = LogSource { namespace: "ns".into(), pod: "p".into(), container: "c".into() };
        let items: Vec<_> = open(&client, source, &opts).await.expect("opens").collect().await;
        let out = items
            .into_iter()
            .map(|i| match i {
                Ok(LogItem::Line(l)) => l.text,
                Ok(LogItem::Disconnected { retry_in, .. }) => format!("<down {}s>", retry_in.as_secs()),
                Ok(LogItem::Reconnected { .. }) => "<up>".into(),
                Err(e) => format!("<error {e}>"),
            })
            .collect();
        let queries = script.lock().queries.clone();
        (out, queries)
    }

    const T1: &str = "2025-01-01T00:00:01Z";

    #[tokio::test(start_paused = true)]
    async fn follow_reconnects_after_a_drop_without_losing_or_repeating_lines() {
        use server::{Log, pod};
        let mut script = server::Script::default();
        script.pods.extend([pod(0, true), pod(0, true), pod(0, false)]);
        script.logs.extend([
            // Cut in the middle of `d`.
            Log::Body(&["2025-01-01T00:00:01Z a\n2025-01-01T00:00:02.5Z b\n", "2025-01-01T00:00:02.5Z c\n2025-01-01T00:00:03Z d-"], false),
            // sinceTime rounded down to the second: b and c again, then d whole and more.
            Log::Body(&["2025-01-01T00:00:02.5Z b\n2025-01-01T00:00:02.5Z c\n2025-01-01T00:00:03Z d-whole\n2025-01-01T00:00:04Z e\n"], true),
        ]);
        let opts = LogOptions { follow: true, tail_lines: Some(10), ..Default::default() };
        let (lines, queries) = collect(script, opts).await;
        assert_eq!(lines, ["a\n", "b\n", "c\n", "d-whole\n", "e\n"]);
        assert_eq!(queries[0], "container=c&follow=true&tailLines=10&timestamps=true");
        assert_eq!(queries[1], "container=c&follow=true&sinceTime=2025-01-01T00%3A00%3A02.5Z&timestamps=true");
        assert_eq!(queries.len(), 2, "the clean end of a stopped container is final");
    }

    #[tokio::test(start_paused = true)]
    async fn follow_resumes_quietly_when_the_server_ends_a_live_stream() {
        use server::{Log, pod};
        let mut script = server::Script::default();
        // A restarting apiserver ends its streams cleanly; the container runs on.
        script.pods.extend([pod(0, true), pod(0, true), pod(0, false)]);
        script.logs.extend([
            Log::Body(&["2025-01-01T00:00:01Z a\n"], true),
            Log::Body(&["2025-01-01T00:00:01Z a\n2025-01-01T00:00:02Z b\n"], true),
        ]);
        let (lines, queries) = collect(script, LogOptions { follow: true, ..Default::default() }).await;
        assert_eq!(lines, ["a\n", "b\n"]);
        assert_eq!(queries.len(), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn follow_reports_an_outage_and_keeps_the_requested_timestamps() {
        use server::{Log, pod};
        let mut script = server::Script::default();
        // Start; after the drop the server is down twice, then back; then the end.
        script.pods.extend([pod(0, true), Err(503), Err(503), pod(0, true), pod(0, false)]);
        script.logs.extend([
            Log::Body(&["2025-01-01T00:00:01Z a\n"], false),
            Log::Body(&["2025-01-01T00:00:01Z a\n2025-01-01T00:00:02Z b\n"], true),
        ]);
        let opts = LogOptions { follow: true, timestamps: true, ..Default::default() };
        let (lines, _) = collect(script, opts).await;
        assert_eq!(lines, [format!("{T1} a\n").as_str(), "<down 1s>", "<down 2s>", "<up>", "2025-01-01T00:00:02Z b\n"]);
    }

    #[tokio::test(start_paused = true)]
    async fn follow_drains_the_previous_instance_when_the_container_restarted_meanwhile() {
        use server::{Log, pod};
        let mut script = server::Script::default();
        script.pods.extend([pod(0, true), pod(1, true)]);
        script.logs.extend([
            Log::Body(&["2025-01-01T00:00:01Z a\n"], false),
            Log::Body(&["2025-01-01T00:00:01Z a\n2025-01-01T00:00:02Z last words\n"], true),
        ]);
        let (lines, queries) = collect(script, LogOptions { follow: true, ..Default::default() }).await;
        assert_eq!(lines, ["a\n", "last words\n"]);
        assert_eq!(queries[1], "container=c&previous=true&sinceTime=2025-01-01T00%3A00%3A01Z&timestamps=true");
    }

    #[tokio::test(start_paused = true)]
    async fn unfollowed_logs_end_with_the_stream_and_keep_a_partial_tail() {
        use server::Log;
        let mut script = server::Script::default();
        script.logs.push_back(Log::Body(&["a\nb", "c\nd"], true));
        let (lines, queries) = collect(script, LogOptions::default()).await;
        assert_eq!(lines, ["a\n", "bc\n", "d"]);
        assert_eq!(queries, ["container=c"]);
        let mut script = server::Script::default();
        script.logs.push_back(Log::Body(&["a\n"], false));
        let (lines, _) = collect(script, LogOptions::default()).await;
        assert_eq!(lines.len(), 2);
        assert!(lines[1].starts_with("<error") && lines[1].contains("connection reset"), "{lines:?}");
    }

    #[test]
    fn resumable_only_for_followed_current_unlimited_logs() {
        let follow = LogOptions { follow: true, ..Default::default() };
        assert!(resumable(&follow));
        assert!(!resumable(&LogOptions::default()));
        assert!(!resumable(&LogOptions { previous: true, ..follow.clone() }));
        assert!(!resumable(&LogOptions { limit_bytes: Some(10), ..follow }));
    }
}
