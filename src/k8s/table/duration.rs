//! Human-readable ages and durations exactly as apimachinery's `pkg/util/duration` prints them
//! (`HumanDuration`, `ShortHumanDuration`), and the printers' `translateTimestampSince`.

use jiff::{SignedDuration, Timestamp};

/// apimachinery's `HumanDuration`: about two to three significant figures (`59s`, `5m3s`,
/// `3h5m`, `2d5h`, `3y12d`), `0s` for up to a second in the future (clock skew) and
/// `<invalid>` beyond that.
pub fn human_duration(d: SignedDuration) -> String {
    // Go truncates toward zero (`int(d.Seconds())`), as `as_secs` does.
    let seconds = d.as_secs();
    if seconds < -1 {
        return "<invalid>".to_string();
    }
    if seconds < 0 {
        return "0s".to_string();
    }
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        if s == 0 {
            return format!("{minutes}m");
        }
        return format!("{minutes}m{s}s");
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = seconds / 3600;
    if hours < 8 {
        let m = minutes % 60;
        if m == 0 {
            return format!("{hours}h");
        }
        return format!("{hours}h{m}m");
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        if h == 0 {
            return format!("{}d", hours / 24);
        }
        return format!("{}d{h}h", hours / 24);
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let days = (hours / 24) % 365;
        if days == 0 {
            return format!("{}y", hours / 24 / 365);
        }
        return format!("{}y{days}d", hours / 24 / 365);
    }
    format!("{}y", hours / 24 / 365)
}

/// apimachinery's `ShortHumanDuration`: one unit only (`59s`, `5m`, `3h`, `2d`, `3y`).
pub fn short_human_duration(d: SignedDuration) -> String {
    let seconds = d.as_secs();
    if seconds < -1 {
        return "<invalid>".to_string();
    }
    if seconds < 0 {
        return "0s".to_string();
    }
    if seconds < 60 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 60 {
        return format!("{minutes}m");
    }
    let hours = seconds / 3600;
    if hours < 24 {
        return format!("{hours}h");
    }
    if hours < 24 * 365 {
        return format!("{}d", hours / 24);
    }
    format!("{}y", hours / 24 / 365)
}

/// The printers' `translateTimestampSince`: the age of an RFC 3339 timestamp at `now`, or
/// `<unknown>` when the timestamp is missing, unparsable or Go's zero time.
pub fn translate_timestamp_since(ts: Option<&str>, now: Timestamp) -> String {
    match ts.and_then(parse_time) {
        Some(t) => human_duration(now.duration_since(t)),
        None => "<unknown>".to_string(),
    }
}

/// Parses a `metav1.Time` or `metav1.MicroTime` string. Go's zero time
/// (`0001-01-01T00:00:00Z`, what a nil time round-trips as) counts as absent, since the
/// printers test `IsZero()` before printing.
pub(super) fn parse_time(s: &str) -> Option<Timestamp> {
    let t: Timestamp = s.parse().ok()?;
    (t != go_zero_time()).then_some(t)
}

/// `0001-01-01T00:00:00Z`, Go's `time.Time{}`.
pub(super) fn go_zero_time() -> Timestamp {
    // Seconds from 0001-01-01 to 1970-01-01; within jiff's range, so this cannot fail.
    Timestamp::from_second(-62_135_596_800).expect("year 1 is within jiff's range")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: i64) -> SignedDuration {
        SignedDuration::from_secs(s)
    }

    #[test]
    fn human_duration_under_two_minutes_counts_seconds() {
        assert_eq!(human_duration(secs(0)), "0s");
        assert_eq!(human_duration(secs(59)), "59s");
        assert_eq!(human_duration(secs(119)), "119s");
    }

    #[test]
    fn human_duration_under_ten_minutes_keeps_seconds() {
        assert_eq!(human_duration(secs(120)), "2m");
        assert_eq!(human_duration(secs(154)), "2m34s");
        assert_eq!(human_duration(secs(5 * 60 + 3)), "5m3s");
        assert_eq!(human_duration(secs(9 * 60 + 59)), "9m59s");
    }

    #[test]
    fn human_duration_under_three_hours_counts_minutes() {
        assert_eq!(human_duration(secs(10 * 60 + 30)), "10m");
        assert_eq!(human_duration(secs(179 * 60)), "179m");
    }

    #[test]
    fn human_duration_under_eight_hours_keeps_minutes() {
        assert_eq!(human_duration(secs(3 * 3600)), "3h");
        assert_eq!(human_duration(secs(3 * 3600 + 5 * 60)), "3h5m");
        assert_eq!(human_duration(secs(7 * 3600 + 59 * 60 + 59)), "7h59m");
    }

    #[test]
    fn human_duration_under_two_days_counts_hours() {
        assert_eq!(human_duration(secs(8 * 3600 + 30 * 60)), "8h");
        assert_eq!(human_duration(secs(47 * 3600)), "47h");
    }

    #[test]
    fn human_duration_under_eight_days_keeps_hours() {
        assert_eq!(human_duration(secs(48 * 3600)), "2d");
        assert_eq!(human_duration(secs(53 * 3600)), "2d5h");
        assert_eq!(human_duration(secs(7 * 86400 + 23 * 3600)), "7d23h");
    }

    #[test]
    fn human_duration_under_two_years_counts_days() {
        assert_eq!(human_duration(secs(8 * 86400 + 5 * 3600)), "8d");
        assert_eq!(human_duration(secs(729 * 86400)), "729d");
    }

    #[test]
    fn human_duration_under_eight_years_keeps_days() {
        assert_eq!(human_duration(secs(730 * 86400)), "2y");
        assert_eq!(human_duration(secs((3 * 365 + 12) * 86400)), "3y12d");
    }

    #[test]
    fn human_duration_from_eight_years_counts_years() {
        assert_eq!(human_duration(secs((8 * 365 + 100) * 86400)), "8y");
    }

    #[test]
    fn human_duration_slightly_negative_is_zero() {
        assert_eq!(human_duration(SignedDuration::from_millis(-1900)), "0s");
        assert_eq!(human_duration(SignedDuration::from_millis(-500)), "0s");
    }

    #[test]
    fn human_duration_two_seconds_negative_is_invalid() {
        assert_eq!(human_duration(secs(-2)), "<invalid>");
    }

    #[test]
    fn short_human_duration_uses_one_unit() {
        assert_eq!(short_human_duration(secs(59)), "59s");
        assert_eq!(short_human_duration(secs(61)), "1m");
        assert_eq!(short_human_duration(secs(3 * 3600 + 100)), "3h");
        assert_eq!(short_human_duration(secs(3 * 86400)), "3d");
        assert_eq!(short_human_duration(secs(400 * 86400)), "1y");
        assert_eq!(short_human_duration(secs(-1)), "0s");
        assert_eq!(short_human_duration(secs(-5)), "<invalid>");
    }

    #[test]
    fn translate_timestamp_since_present_prints_age() {
        let now: Timestamp = "2024-05-01T10:05:00Z".parse().expect("valid");
        assert_eq!(translate_timestamp_since(Some("2024-05-01T10:00:00Z"), now), "5m");
        assert_eq!(translate_timestamp_since(Some("2024-05-01T10:04:59.500000Z"), now), "0s");
    }

    #[test]
    fn translate_timestamp_since_missing_or_zero_is_unknown() {
        let now: Timestamp = "2024-05-01T10:05:00Z".parse().expect("valid");
        assert_eq!(translate_timestamp_since(None, now), "<unknown>");
        assert_eq!(translate_timestamp_since(Some(""), now), "<unknown>");
        assert_eq!(translate_timestamp_since(Some("0001-01-01T00:00:00Z"), now), "<unknown>");
        assert_eq!(translate_timestamp_since(Some("yesterday"), now), "<unknown>");
    }
}
