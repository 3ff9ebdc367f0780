//! The log page: a ring buffer of lines (its size from the config) fed by log streams,
//! with follow, wrap, timestamps, since/tail, previous, container choice, JSON
//! pretty-printing and search. The buffer drops the oldest line only when full, so every
//! line still in it stays addressable; positions are absolute line numbers, stable while
//! old lines fall off the front.

use std::collections::VecDeque;

use super::msg::{Id, LogRequest, ObjRef};

#[derive(Debug, Clone, PartialEq)]
pub struct LogLine {
    /// `pod/container` when several streams are merged, else empty.
    pub prefix: String,
    pub text: String,
}

/// The `since` choices `S` cycles through, in seconds (`None`: everything).
pub const SINCE: &[Option<i64>] = &[None, Some(60), Some(300), Some(900), Some(3600)];
/// The `tail` choices `T` cycles through (`None`: everything).
pub const TAIL: &[Option<i64>] = &[Some(100), Some(500), Some(1000), None];

#[derive(Debug, Clone, PartialEq)]
pub struct LogPage {
    pub title: String,
    pub id: Id,
    pub request: LogRequest,
    /// Containers of the pod, for the picker (empty for merged workload logs).
    pub containers: Vec<String>,
    lines: VecDeque<LogLine>,
    capacity: usize,
    /// Lines dropped from the front so far.
    dropped: u64,
    pub follow: bool,
    pub wrap: bool,
    pub pretty_json: bool,
    /// Absolute number of the first line on screen when not following.
    pub offset: u64,
    pub hscroll: usize,
    pub search: Option<String>,
    /// Absolute line numbers with a match.
    pub matches: Vec<u64>,
    pub current: usize,
    pub ended: Option<String>,
    /// Streams (by prefix) whose connection dropped: the error and when they retry.
    pub down: std::collections::BTreeMap<String, (String, jiff::Timestamp)>,
    pub page_rows: usize,
}

impl LogPage {
    pub fn new(title: String, id: Id, request: LogRequest, capacity: usize) -> LogPage {
        LogPage {
            title,
            id,
            follow: request.follow,
            request,
            containers: Vec::new(),
            lines: VecDeque::new(),
            capacity: capacity.max(1),
            dropped: 0,
            wrap: false,
            pretty_json: false,
            offset: 0,
            hscroll: 0,
            search: None,
            matches: Vec::new(),
            current: 0,
            ended: None,
            down: Default::default(),
            page_rows: 20,
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn first_abs(&self) -> u64 {
        self.dropped
    }

    pub fn end_abs(&self) -> u64 {
        self.dropped + self.lines.len() as u64
    }

    /// The line with absolute number `abs`, if still buffered.
    pub fn line(&self, abs: u64) -> Option<&LogLine> {
        abs.checked_sub(self.dropped).and_then(|i| self.lines.get(i as usize))
    }

    pub fn push(&mut self, prefix: String, text: String) {
        if self.lines.len() == self.capacity {
            self.lines.pop_front();
            self.dropped += 1;
            while self.matches.first().is_some_and(|&m| m < self.dropped) {
                self.matches.remove(0);
                self.current = self.current.saturating_sub(1);
            }
        }
        if let Some(s) = &self.search
            && text.to_lowercase().contains(s.as_str())
        {
            self.matches.push(self.end_abs());
        }
        self.lines.push_back(LogLine { prefix, text });
        if self.offset < self.dropped {
            self.offset = self.dropped;
        }
    }

    /// Start over for a new stream (options changed).
    pub fn reset(&mut self, id: Id) {
        self.id = id;
        self.lines.clear();
        self.dropped = 0;
        self.offset = 0;
        self.matches.clear();
        self.current = 0;
        self.ended = None;
        self.down.clear();
    }

    pub fn set_search(&mut self, needle: &str) {
        self.matches.clear();
        self.current = 0;
        if needle.is_empty() {
            self.search = None;
            return;
        }
        let n = needle.to_lowercase();
        for (i, l) in self.lines.iter().enumerate() {
            if l.text.to_lowercase().contains(&n) {
                self.matches.push(self.dropped + i as u64);
            }
        }
        self.search = Some(n);
        if !self.matches.is_empty() {
            self.current = self.matches.iter().position(|&m| m >= self.offset).unwrap_or(0);
            self.reveal();
        }
    }

    pub fn next_match(&mut self, forward: bool) {
        if self.matches.is_empty() {
            return;
        }
        let n = self.matches.len();
        self.current = if forward { (self.current + 1) % n } else { (self.current + n - 1) % n };
        self.reveal();
    }

    fn reveal(&mut self) {
        self.follow = false;
        let m = self.matches[self.current];
        self.offset = m.saturating_sub(self.page_rows as u64 / 3).max(self.dropped);
    }

    pub fn scroll(&mut self, delta: i64) {
        if self.follow {
            self.follow = false;
            self.offset = self.end_abs().saturating_sub(self.page_rows as u64).max(self.dropped);
        }
        let max = self.end_abs().saturating_sub(1).max(self.dropped);
        self.offset = (self.offset as i64 + delta).clamp(self.dropped as i64, max as i64) as u64;
    }

    /// Every buffered line as text, for saving.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for l in &self.lines {
            if !l.prefix.is_empty() {
                s.push_str(&l.prefix);
                s.push(' ');
            }
            s.push_str(&l.text);
            s.push('\n');
        }
        s
    }

    pub fn pods(&self) -> &[ObjRef] {
        &self.request.pods
    }
}

/// A JSON log line pretty-printed, or `None` if it is not JSON.
pub fn pretty_json(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    if !t.starts_with('{') {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(t).ok()?;
    let s = serde_json::to_string_pretty(&v).ok()?;
    Some(s.lines().map(str::to_string).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(cap: usize) -> LogPage {
        let req = LogRequest {
            pods: vec![],
            container: None,
            follow: true,
            previous: false,
            tail: Some(100),
            since_seconds: None,
            timestamps: false,
        };
        LogPage::new("t".into(), 1, req, cap)
    }

    #[test]
    fn log_ring_drops_only_the_oldest_when_full() {
        let mut p = page(3);
        for i in 0..5 {
            p.push(String::new(), format!("line {i}"));
        }
        assert_eq!(p.len(), 3);
        assert_eq!(p.first_abs(), 2);
        assert_eq!(p.line(2).map(|l| l.text.as_str()), Some("line 2"));
        assert_eq!(p.line(4).map(|l| l.text.as_str()), Some("line 4"));
        assert!(p.line(1).is_none());
    }

    #[test]
    fn log_search_tracks_new_and_dropped_lines() {
        let mut p = page(3);
        p.push(String::new(), "error one".into());
        p.push(String::new(), "ok".into());
        p.set_search("ERROR");
        assert_eq!(p.matches, vec![0]);
        p.push(String::new(), "error two".into());
        p.push(String::new(), "ok".into());
        assert_eq!(p.matches, vec![2]);
    }

    #[test]
    fn pretty_json_expands_objects_only() {
        assert_eq!(pretty_json("{\"a\":1}").map(|v| v.len()), Some(3));
        assert_eq!(pretty_json("plain text"), None);
    }
}
