//! Just enough of Kubernetes' resource quantities (`100m`, `64Mi`, `1e3`) to check syntax and
//! compare values (requests ≤ limits, positive storage) during validation.

/// kube's error for text that is not a quantity (`resource.ErrFormatWrong`).
pub const QUANTITY_FORMAT_ERROR: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/// Parses a quantity into billionths of a unit (nano-units), saturating at `i128` bounds.
/// Precision below a nano-unit is rounded up, as Kubernetes rounds up on canonicalisation.
pub fn parse(s: &str) -> Option<i128> {
    let s = s.trim();
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let num_end = body.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(body.len());
    let (num, suffix) = body.split_at(num_end);
    if num.is_empty() || num == "." || num.matches('.').count() > 1 {
        return None;
    }
    let (int_part, frac_part) = num.split_once('.').unwrap_or((num, ""));
    // (base, exponent): value = digits * base^exponent.
    let (base, exp): (i128, i32) = match suffix {
        "" => (10, 0),
        "n" => (10, -9),
        "u" => (10, -6),
        "m" => (10, -3),
        "k" => (10, 3),
        "M" => (10, 6),
        "G" => (10, 9),
        "T" => (10, 12),
        "P" => (10, 15),
        "E" => (10, 18),
        "Ki" => (2, 10),
        "Mi" => (2, 20),
        "Gi" => (2, 30),
        "Ti" => (2, 40),
        "Pi" => (2, 50),
        "Ei" => (2, 60),
        s if s.starts_with(['e', 'E']) => {
            let e = &s[1..];
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            (10, e.parse::<i32>().ok()?)
        }
        _ => return None,
    };
    // Work in nano-units: mantissa digits scaled by 10^9 less the fraction length.
    let mut mantissa: i128 = 0;
    for c in int_part.bytes().chain(frac_part.bytes()) {
        mantissa = mantissa.saturating_mul(10).saturating_add(i128::from(c - b'0'));
    }
    let mut scale10: i32 = 9 - i32::try_from(frac_part.len()).ok()?;
    let mut value = mantissa;
    if base == 10 {
        scale10 += exp;
    } else {
        value = value.saturating_mul(1i128 << exp.clamp(0, 100));
    }
    if scale10 >= 0 {
        for _ in 0..scale10.min(60) {
            value = value.saturating_mul(10);
        }
    } else {
        let div = 10i128.checked_pow(u32::try_from(-scale10).ok()?.min(38)).unwrap_or(i128::MAX);
        value = if value == 0 { 0 } else { (value + div - 1) / div };
    }
    Some(if neg { -value } else { value })
}

/// Whether `s` is a syntactically valid quantity.
pub fn is_valid(s: &str) -> bool {
    parse(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_suffixes_scale_correctly() {
        assert_eq!(parse("1"), Some(1_000_000_000));
        assert_eq!(parse("100m"), Some(100_000_000));
        assert_eq!(parse("0.5"), Some(500_000_000));
        assert_eq!(parse("64Mi"), Some(64 * 1024 * 1024 * 1_000_000_000));
        assert_eq!(parse("1k"), Some(1_000_000_000_000));
        assert_eq!(parse("1e3"), Some(1_000_000_000_000));
        assert_eq!(parse("-2"), Some(-2_000_000_000));
    }

    #[test]
    fn parse_garbage_rejected() {
        for bad in ["", "abc", "1x", "1.2.3", ".", "Mi", "1e", "1Ki5"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn parse_huge_saturates_without_panic() {
        assert!(parse("99999999999999999999999999999999999999999Ei").is_some());
        let _ = parse("1e99999");
        let _ = parse("1e-99999");
    }
}
