//! The kubelet's crash-loop back-off (client-go `flowcontrol.Backoff` as the kubelet uses it):
//! a container that exits is restarted at once the first time; after that it waits a delay
//! that starts at 10 s and doubles per restart up to 5 min, counted from when it last
//! finished. A container that stayed up longer than twice the maximum starts over. Pure.

use std::time::{Duration, Instant};

/// Initial and maximum delay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackoffPolicy {
    pub initial: Duration,
    pub max: Duration,
}

impl Default for BackoffPolicy {
    fn default() -> Self {
        BackoffPolicy { initial: Duration::from_secs(10), max: Duration::from_secs(300) }
    }
}

/// One container's back-off state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Backoff {
    entry: Option<(Duration, Instant)>,
}

impl Backoff {
    /// The delay in force if a container that finished at `finished` must still wait at `now`.
    pub fn in_backoff(&self, policy: BackoffPolicy, finished: Instant, now: Instant) -> Option<Duration> {
        let (delay, last) = self.entry?;
        if expired(policy, finished, last) {
            return None;
        }
        (now.saturating_duration_since(finished) < delay).then_some(delay)
    }

    /// Record a restart of a container that finished at `finished`: the next crash waits longer.
    pub fn next(&mut self, policy: BackoffPolicy, finished: Instant) {
        let delay = match self.entry {
            Some((delay, last)) if !expired(policy, finished, last) => (delay * 2).min(policy.max),
            _ => policy.initial,
        };
        self.entry = Some((delay, finished));
    }
}

fn expired(policy: BackoffPolicy, finished: Instant, last: Instant) -> bool {
    finished.saturating_duration_since(last) > policy.max * 2
}

/// A duration as Go's `time.Duration.String` prints it (`10s`, `1m20s`, `5m0s`, `500ms`),
/// because the kubelet's back-off messages quote it that way.
pub fn go_duration(d: Duration) -> String {
    let total_ms = d.as_millis();
    if total_ms == 0 {
        return "0s".into();
    }
    if d < Duration::from_secs(1) {
        return format!("{total_ms}ms");
    }
    let secs = d.as_secs();
    let frac = d.subsec_millis();
    let sec_text = if frac == 0 {
        format!("{}s", secs % 60)
    } else {
        format!("{}.{}s", secs % 60, format!("{frac:03}").trim_end_matches('0'))
    };
    match (secs / 3600, (secs % 3600) / 60) {
        (0, 0) => sec_text,
        (0, m) => format!("{m}m{sec_text}"),
        (h, m) => format!("{h}h{m}m{sec_text}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_the_maximum() {
        let p = BackoffPolicy::default();
        let t0 = Instant::now();
        let mut b = Backoff::default();
        assert_eq!(b.in_backoff(p, t0, t0), None, "the first crash restarts at once");
        b.next(p, t0);
        let t1 = t0 + Duration::from_secs(1);
        assert_eq!(b.in_backoff(p, t1, t1), Some(Duration::from_secs(10)));
        assert_eq!(b.in_backoff(p, t1, t1 + Duration::from_secs(10)), None, "waited it out");
        let mut delays = vec![];
        let mut t = t1;
        for _ in 0..8 {
            b.next(p, t);
            t += Duration::from_secs(1);
            delays.push(b.in_backoff(p, t, t).expect("in back-off").as_secs());
        }
        assert_eq!(delays, [20, 40, 80, 160, 300, 300, 300, 300]);
    }

    #[test]
    fn backoff_resets_after_a_long_run() {
        let p = BackoffPolicy::default();
        let t0 = Instant::now();
        let mut b = Backoff::default();
        b.next(p, t0);
        b.next(p, t0);
        let much_later = t0 + Duration::from_secs(601);
        assert_eq!(b.in_backoff(p, much_later, much_later), None);
        b.next(p, much_later);
        assert_eq!(b.in_backoff(p, much_later, much_later), Some(Duration::from_secs(10)));
    }

    #[test]
    fn go_duration_matches_go() {
        let s = Duration::from_secs;
        assert_eq!(go_duration(s(10)), "10s");
        assert_eq!(go_duration(s(80)), "1m20s");
        assert_eq!(go_duration(s(300)), "5m0s");
        assert_eq!(go_duration(s(3725)), "1h2m5s");
        assert_eq!(go_duration(Duration::from_millis(500)), "500ms");
        assert_eq!(go_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(go_duration(Duration::ZERO), "0s");
    }
}
