//! Container logs as the kubelet keeps them: one file per container instance in the CRI
//! format (`<RFC 3339 time> <stdout|stderr> <F|P> <text>`, `P` for a line without its
//! newline), bounded in size by rotating into one older file, and read back for `pods/log`
//! with the kubelet's options: tail, since, timestamps, byte limit and follow.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;
use parking_lot::Mutex;
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::sync::{mpsc, watch};

use crate::cluster::apiserver::node::{LogOptions, LogStream};

/// Lines longer than this are split into partial lines, as CRI runtimes do.
const MAX_LINE: usize = 16 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

impl Stream {
    fn as_str(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }
}

/// How far a log has got, for followers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub written: u64,
    pub rotations: u32,
    /// The instance has ended; nothing more will be written.
    pub closed: bool,
}

struct Inner {
    file: Option<File>,
    size: u64,
}

/// The log of one running container instance.
pub struct LogFile {
    path: PathBuf,
    max_bytes: u64,
    inner: Mutex<Inner>,
    progress: watch::Sender<Progress>,
}

fn rotated(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(".1");
    PathBuf::from(p)
}

impl LogFile {
    pub fn create(path: PathBuf, max_bytes: u64) -> io::Result<Arc<LogFile>> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let file = File::create(&path)?;
        let _ = std::fs::remove_file(rotated(&path));
        let (progress, _) = watch::channel(Progress::default());
        Ok(Arc::new(LogFile {
            path,
            max_bytes: max_bytes.max(1024),
            inner: Mutex::new(Inner { file: Some(file), size: 0 }),
            progress,
        }))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A complete line (a newline is implied).
    pub fn line(&self, stream: Stream, text: &str) {
        self.record(stream, text.as_bytes(), true);
    }

    fn record(&self, stream: Stream, text: &[u8], full: bool) {
        let ts = jiff::Timestamp::now();
        let mut entry = Vec::with_capacity(text.len() + 48);
        entry.extend_from_slice(format!("{ts} {} {} ", stream.as_str(), if full { "F" } else { "P" }).as_bytes());
        entry.extend_from_slice(text);
        entry.push(b'\n');
        let mut inner = self.inner.lock();
        let mut rotated_now = false;
        if inner.size > 0 && inner.size + entry.len() as u64 > self.max_bytes {
            // Keep one older generation, like kubelet's containerLogMaxFiles at its minimum.
            inner.file = None;
            if std::fs::rename(&self.path, rotated(&self.path)).is_ok() {
                rotated_now = true;
            }
            inner.file = File::create(&self.path).ok();
            inner.size = 0;
        }
        let Some(file) = inner.file.as_mut() else { return };
        if let Err(e) = file.write_all(&entry) {
            tracing::debug!(error = %e, path = %self.path.display(), "kubelet: writing a log line failed");
            return;
        }
        inner.size += entry.len() as u64;
        drop(inner);
        self.progress.send_modify(|p| {
            p.written += entry.len() as u64;
            p.rotations += u32::from(rotated_now);
        });
    }

    /// The instance ended.
    pub fn close(&self) {
        self.progress.send_modify(|p| p.closed = true);
    }

    pub fn handle(&self) -> LogHandle {
        LogHandle { path: self.path.clone(), progress: Some(self.progress.subscribe()) }
    }
}

/// Copy a process's output into the log, line by line.
pub async fn pump(mut from: impl AsyncRead + Unpin, stream: Stream, log: Arc<LogFile>) {
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = vec![0u8; 8192];
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        pending.extend_from_slice(&buf[..n]);
        while let Some(pos) = pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = pending.drain(..=pos).collect();
            log.record(stream, &line[..line.len() - 1], true);
        }
        while pending.len() >= MAX_LINE {
            let part: Vec<u8> = pending.drain(..MAX_LINE).collect();
            log.record(stream, &part, false);
        }
    }
    if !pending.is_empty() {
        log.record(stream, &pending, false);
    }
}

/// Where to read a container instance's log; `progress` is there while it may still grow.
#[derive(Clone, Debug)]
pub struct LogHandle {
    pub path: PathBuf,
    pub progress: Option<watch::Receiver<Progress>>,
}

impl LogHandle {
    pub fn finished(path: PathBuf) -> LogHandle {
        LogHandle { path, progress: None }
    }
}

/// One parsed log line.
#[derive(Debug, PartialEq, Eq)]
struct Entry<'a> {
    time: &'a str,
    content: &'a [u8],
    full: bool,
}

fn parse_line(line: &[u8]) -> Option<Entry<'_>> {
    let mut parts = line.splitn(4, |&b| b == b' ');
    let time = std::str::from_utf8(parts.next()?).ok()?;
    let _stream = parts.next()?;
    let tag = parts.next()?;
    let content = parts.next().unwrap_or(b"");
    Some(Entry { time, content, full: tag != b"P" })
}

/// Turns stored lines into what the client sees.
struct Renderer {
    timestamps: bool,
    since: Option<jiff::Timestamp>,
    remaining: Option<u64>,
    /// The last line was partial, so the next one continues it without a timestamp.
    continuing: bool,
}

impl Renderer {
    fn new(opts: &LogOptions) -> Renderer {
        Renderer { timestamps: opts.timestamps, since: opts.since, remaining: opts.limit_bytes, continuing: false }
    }

    fn wanted(&self, e: &Entry<'_>) -> bool {
        match (self.since, e.time.parse::<jiff::Timestamp>()) {
            (Some(since), Ok(t)) => t >= since,
            _ => true,
        }
    }

    /// Append an entry; false once the byte limit is reached.
    fn push(&mut self, e: &Entry<'_>, out: &mut Vec<u8>) -> bool {
        if !self.wanted(e) {
            return true;
        }
        let start = out.len();
        if self.timestamps && !self.continuing {
            out.extend_from_slice(e.time.as_bytes());
            out.push(b' ');
        }
        out.extend_from_slice(e.content);
        if e.full {
            out.push(b'\n');
        }
        self.continuing = !e.full;
        if let Some(rem) = self.remaining.as_mut() {
            let written = (out.len() - start) as u64;
            if written >= *rem {
                out.truncate(start + *rem as usize);
                *rem = 0;
                return false;
            }
            *rem -= written;
        }
        true
    }
}

/// Render a whole stored log at once (no follow), applying tail, since, timestamps and limit:
/// what `stream` sends first.
pub fn render(stored: &[u8], opts: &LogOptions) -> Vec<u8> {
    let entries: Vec<Entry<'_>> =
        stored.split(|&b| b == b'\n').filter(|l| !l.is_empty()).filter_map(parse_line).collect();
    let mut r = Renderer::new(opts);
    let mut out = Vec::new();
    for e in &entries[tail_start(&entries, opts.tail_lines)..] {
        if !r.push(e, &mut out) {
            break;
        }
    }
    out
}

/// Index of the first entry of the last `tail` lines (a line may span partial entries).
fn tail_start(entries: &[Entry<'_>], tail: Option<u64>) -> usize {
    let Some(tail) = tail else { return 0 };
    let mut lines = 0u64;
    for i in (0..entries.len()).rev() {
        if entries[i].full {
            if lines == tail {
                return i + 1;
            }
            lines += 1;
        }
    }
    if lines <= tail { 0 } else { entries.len() }
}

fn read_all(path: &Path) -> io::Result<Vec<u8>> {
    match std::fs::read(path) {
        Ok(b) => Ok(b),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// Stream a log to a client. With `follow`, keeps going as the instance writes, until it
/// ends or the client goes away (the receiver is dropped).
pub fn stream(handle: LogHandle, opts: LogOptions) -> LogStream {
    let (tx, rx) = mpsc::channel::<io::Result<Bytes>>(16);
    tokio::spawn(async move {
        if let Err(e) = follow(handle, opts, &tx).await {
            let _ = tx.send(Err(e)).await;
        }
    });
    Box::pin(tokio_stream::wrappers::ReceiverStream::new(rx))
}

async fn follow(handle: LogHandle, opts: LogOptions, tx: &mpsc::Sender<io::Result<Bytes>>) -> io::Result<()> {
    let mut progress = handle.progress.filter(|_| opts.follow);
    let mut seen = progress.as_mut().map(|p| *p.borrow_and_update()).unwrap_or_default();
    // Open before reading so a rotation after this point is noticed and the rest of this
    // file is still read through the open handle.
    let mut file = match File::open(&handle.path) {
        Ok(f) => Some(f),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let mut stored = read_all(&rotated(&handle.path))?;
    let mut current = Vec::new();
    if let Some(f) = file.as_mut() {
        f.read_to_end(&mut current)?;
    }
    // Only whole lines now; a line being written is picked up by the follow loop.
    let cut = current.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    if let Some(f) = file.as_mut() {
        f.seek(SeekFrom::Start(cut as u64))?;
    }
    stored.extend_from_slice(&current[..cut]);
    let entries: Vec<Entry<'_>> =
        stored.split(|&b| b == b'\n').filter(|l| !l.is_empty()).filter_map(parse_line).collect();
    let mut r = Renderer::new(&opts);
    let mut out = Vec::new();
    let mut open = true;
    for e in &entries[tail_start(&entries, opts.tail_lines)..] {
        if !r.push(e, &mut out) {
            open = false;
            break;
        }
    }
    if !out.is_empty() && tx.send(Ok(Bytes::from(out))).await.is_err() {
        return Ok(());
    }
    let Some(mut progress) = progress.filter(|_| open) else { return Ok(()) };
    let mut partial: Vec<u8> = Vec::new();
    loop {
        let closed = seen.closed;
        // Drain what the open file has, then follow a rotation to the new file.
        loop {
            let mut fresh = Vec::new();
            if let Some(f) = file.as_mut() {
                f.read_to_end(&mut fresh)?;
            }
            partial.extend_from_slice(&fresh);
            let now = *progress.borrow();
            if now.rotations != seen.rotations || file.is_none() {
                seen.rotations = now.rotations;
                file = match File::open(&handle.path) {
                    Ok(f) => Some(f),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => None,
                    Err(e) => return Err(e),
                };
                if file.is_some() {
                    continue;
                }
            }
            break;
        }
        let mut out = Vec::new();
        let cut = partial.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        for line in partial[..cut].split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            if let Some(e) = parse_line(line)
                && !r.push(&e, &mut out)
            {
                open = false;
                break;
            }
        }
        partial.drain(..cut);
        if !out.is_empty() && tx.send(Ok(Bytes::from(out))).await.is_err() {
            return Ok(());
        }
        if closed || !open {
            return Ok(());
        }
        tokio::select! {
            changed = progress.changed() => {
                if changed.is_err() {
                    // The writer is gone: read once more, then stop.
                    seen.closed = true;
                    continue;
                }
            }
            _ = tx.closed() => return Ok(()),
        }
        seen.closed = progress.borrow_and_update().closed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::StreamExt;

    fn opts() -> LogOptions {
        LogOptions::default()
    }

    const STORED: &[u8] = b"2025-01-01T00:00:01.5Z stdout F one\n2025-01-01T00:00:02Z stderr F two\n2025-01-01T00:00:03Z stdout P thr\n2025-01-01T00:00:03.1Z stdout F ee\n";

    #[test]
    fn render_joins_partial_lines() {
        assert_eq!(render(STORED, &opts()), b"one\ntwo\nthree\n");
    }

    #[test]
    fn render_tail_counts_whole_lines() {
        assert_eq!(render(STORED, &LogOptions { tail_lines: Some(1), ..opts() }), b"three\n");
        assert_eq!(render(STORED, &LogOptions { tail_lines: Some(2), ..opts() }), b"two\nthree\n");
        assert_eq!(render(STORED, &LogOptions { tail_lines: Some(0), ..opts() }), b"");
        assert_eq!(render(STORED, &LogOptions { tail_lines: Some(10), ..opts() }), b"one\ntwo\nthree\n");
    }

    #[test]
    fn render_timestamps_since_and_limit() {
        assert_eq!(
            render(STORED, &LogOptions { timestamps: true, tail_lines: Some(2), ..opts() }),
            b"2025-01-01T00:00:02Z two\n2025-01-01T00:00:03Z three\n"
        );
        let since = "2025-01-01T00:00:02Z".parse().ok();
        assert_eq!(render(STORED, &LogOptions { since, ..opts() }), b"two\nthree\n");
        assert_eq!(render(STORED, &LogOptions { limit_bytes: Some(6), ..opts() }), b"one\ntw");
    }

    #[tokio::test]
    async fn stream_follow_ends_when_the_instance_closes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = LogFile::create(dir.path().join("0.log"), 1 << 20).expect("create");
        log.line(Stream::Stdout, "before");
        let mut s = stream(log.handle(), LogOptions { follow: true, ..opts() });
        assert_eq!(s.next().await.expect("chunk").expect("ok"), Bytes::from_static(b"before\n"));
        log.line(Stream::Stderr, "after");
        assert_eq!(s.next().await.expect("chunk").expect("ok"), Bytes::from_static(b"after\n"));
        log.close();
        assert!(s.next().await.is_none(), "follow ends with the instance");
    }

    #[tokio::test]
    async fn stream_follow_survives_rotation() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = LogFile::create(dir.path().join("0.log"), 1024).expect("create");
        let mut s = stream(log.handle(), LogOptions { follow: true, ..opts() });
        let line = "x".repeat(100);
        let mut got = Vec::new();
        // Each line is read before the next is written, so no rotation outruns the reader.
        for _ in 0..30 {
            log.line(Stream::Stdout, &line);
            got.extend_from_slice(&s.next().await.expect("chunk").expect("ok"));
        }
        log.close();
        assert!(s.next().await.is_none());
        assert_eq!(got.len(), 30 * 101, "every line once, across rotations");
        assert!(std::fs::metadata(dir.path().join("0.log")).expect("exists").len() <= 1024);
    }

    #[tokio::test]
    async fn pump_splits_lines_and_keeps_a_trailing_partial() {
        let dir = tempfile::tempdir().expect("tempdir");
        let log = LogFile::create(dir.path().join("0.log"), 1 << 20).expect("create");
        pump(&b"a\nb\nno newline"[..], Stream::Stdout, log.clone()).await;
        let stored = std::fs::read(log.path()).expect("read");
        assert_eq!(render(&stored, &opts()), b"a\nb\nno newline");
    }
}
