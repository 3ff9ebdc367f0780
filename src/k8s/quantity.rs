//! Kubernetes resource quantities (apimachinery `pkg/api/resource/quantity.go`): parsing
//! `100m`, `1.5`, `128Mi`, `1e3`, exact fixed-point arithmetic for scheduling and quota, the
//! rounding of `Value()`/`MilliValue()`, and the canonical `String()` (`1500m`, `1536Mi`).
//! Pure; depends on serde, serde_json and thiserror.
//!
//! A quantity is held as a signed count of nano-units in an `i128`. Kubernetes rounds every
//! parsed value up to nano precision anyway, so this is exact for anything it can represent,
//! up to about 1.7e29 units; beyond that (which no real resource reaches) parsing reports
//! [`QuantityError::OutOfRange`] instead of silently wrapping.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use serde_json::Value;

const NANOS_PER_UNIT: i128 = 1_000_000_000;
/// BinarySI values are capped at 2^63-1 units when parsed, as Kubernetes does.
const BINARY_MAX_NANOS: u128 = (i64::MAX as u128) * 1_000_000_000;

/// Why a quantity string was rejected; the first three are Kubernetes' own messages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    #[error("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")]
    FormatWrong,
    #[error("unable to parse numeric part of quantity")]
    Numeric,
    #[error("unable to parse quantity's suffix")]
    Suffix,
    /// Larger than kx represents exactly (about 1.7e29 units).
    #[error("quantity {0:?} is too large")]
    OutOfRange(String),
    /// A quantity in a JSON value was neither a string nor a number.
    #[error("a quantity must be a string or a number, not {0}")]
    NotAQuantity(&'static str),
    /// A `resources.requests`-style value was not a map.
    #[error("a resource list must be an object")]
    NotAResourceList,
    /// One entry of a resource list did not parse.
    #[error("invalid quantity for resource {name:?}")]
    InvalidResource {
        name: String,
        #[source]
        source: Box<QuantityError>,
    },
}

/// How a quantity prints; remembered from the suffix it was parsed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// `12e6`
    DecimalExponent,
    /// `12Mi` (powers of 1024)
    BinarySI,
    /// `12M` (powers of 1000)
    #[default]
    DecimalSI,
}

/// A fixed-point resource amount. Equality, ordering and hashing compare the amount only
/// (`1Gi == 1073741824`), like Kubernetes' `Cmp`.
#[derive(Debug, Clone, Default)]
pub struct Quantity {
    nanos: i128,
    format: Format,
    /// The parsed text, kept when Kubernetes would keep it (it already was canonical).
    text: Option<Box<str>>,
}

impl Quantity {
    pub fn zero() -> Quantity {
        Quantity::default()
    }

    /// `value * 10^-9` units, exactly.
    pub fn from_nanos(nanos: i128, format: Format) -> Quantity {
        Quantity { nanos, format, text: None }
    }

    /// `NewMilliQuantity(value, DecimalSI)`, e.g. CPU in millicores.
    pub fn from_milli(milli: i64) -> Quantity {
        Quantity::from_nanos(i128::from(milli) * 1_000_000, Format::DecimalSI)
    }

    /// `NewQuantity(value, format)`, e.g. bytes as `BinarySI`.
    pub fn from_value(value: i64, format: Format) -> Quantity {
        Quantity::from_nanos(i128::from(value) * NANOS_PER_UNIT, format)
    }

    /// `resource.ParseQuantity`: no surrounding whitespace is allowed.
    pub fn parse(s: &str) -> Result<Quantity, QuantityError> {
        if s.is_empty() {
            return Err(QuantityError::FormatWrong);
        }
        if s == "0" {
            return Ok(Quantity { nanos: 0, format: Format::DecimalSI, text: Some(s.into()) });
        }
        let scanned = scan(s)?;
        let (base, exponent, format) = interpret(scanned.suffix).ok_or(QuantityError::Suffix)?;
        let fast = fast_path(&scanned, base, exponent);
        if fast.is_none() && !scanned.value.bytes().any(|b| b.is_ascii_digit()) {
            // Kubernetes' slow path hands the number to inf.Dec, which needs a digit.
            return Err(QuantityError::Numeric);
        }
        let shifted = || format!("{}{}", scanned.num, scanned.denom);
        let mut magnitude = match magnitude_nanos(&shifted(), base, exponent, scanned.denom.len()) {
            Some(m) => m,
            None if format == Format::BinarySI => BINARY_MAX_NANOS,
            None => return Err(QuantityError::OutOfRange(s.to_owned())),
        };
        let mut format = format;
        if format == Format::BinarySI {
            magnitude = magnitude.min(BINARY_MAX_NANOS);
            // A fraction of a unit cannot print in binary form.
            if magnitude > 0 && magnitude < NANOS_PER_UNIT as u128 {
                format = Format::DecimalSI;
            }
        }
        let Ok(magnitude) = i128::try_from(magnitude) else {
            return Err(QuantityError::OutOfRange(s.to_owned()));
        };
        let text = fast.filter(|keep| *keep).map(|_| s.into());
        Ok(Quantity { nanos: if scanned.positive { magnitude } else { -magnitude }, format, text })
    }

    /// Reads a quantity as found in JSON: a string (surrounding whitespace tolerated, as
    /// Kubernetes' JSON decoding does), a bare number, or `null` for zero.
    pub fn from_json(value: &Value) -> Result<Quantity, QuantityError> {
        match value {
            Value::String(s) => Quantity::parse(s.trim()),
            Value::Number(n) => Quantity::parse(&n.to_string()),
            Value::Null => Ok(Quantity::zero()),
            Value::Bool(_) => Err(QuantityError::NotAQuantity("a boolean")),
            Value::Array(_) => Err(QuantityError::NotAQuantity("an array")),
            Value::Object(_) => Err(QuantityError::NotAQuantity("an object")),
        }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// The exact amount in nano-units.
    pub fn nanos(&self) -> i128 {
        self.nanos
    }

    pub fn is_zero(&self) -> bool {
        self.nanos == 0
    }

    /// -1, 0 or 1.
    pub fn signum(&self) -> i32 {
        match self.nanos.cmp(&0) {
            Ordering::Less => -1,
            Ordering::Equal => 0,
            Ordering::Greater => 1,
        }
    }

    /// `Value()`: whole units, rounded away from zero (`100m` is 1), saturating at the i64
    /// bounds.
    pub fn value(&self) -> i64 {
        scaled(self.nanos, NANOS_PER_UNIT)
    }

    /// `MilliValue()`: thousandths, rounded away from zero (`1n` is 1), saturating.
    pub fn milli_value(&self) -> i64 {
        scaled(self.nanos, 1_000_000)
    }

    /// Canonical text (`String()`), without the parsed-text shortcut: what a freshly
    /// computed value prints as.
    fn canonical(&self) -> String {
        if self.nanos == 0 {
            return "0".to_owned();
        }
        match self.format {
            Format::BinarySI => {
                let small = self.nanos.unsigned_abs() < 1024 * NANOS_PER_UNIT as u128;
                if small || self.nanos % NANOS_PER_UNIT != 0 {
                    // Fractions and small numbers read better (and exactly) in decimal.
                    return decimal_text(self.nanos, Format::DecimalSI);
                }
                let mut units = self.nanos / NANOS_PER_UNIT;
                let mut exp = 0usize;
                while units % 1024 == 0 {
                    units /= 1024;
                    exp += 1;
                }
                match BINARY_SUFFIXES.get(exp) {
                    Some(suffix) => format!("{units}{suffix}"),
                    // Past Ei there is no binary suffix; keep the value exact in decimal.
                    None => decimal_text(self.nanos, Format::DecimalExponent),
                }
            }
            format => decimal_text(self.nanos, format),
        }
    }
}

const BINARY_SUFFIXES: [&str; 7] = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

/// Mantissa and a power-of-ten exponent that is a multiple of 3, with the mantissa as small
/// as that allows (`AsCanonicalBytes`), then the suffix for the exponent.
fn decimal_text(nanos: i128, format: Format) -> String {
    let mut m = nanos;
    let mut e: i32 = -9;
    while m != 0 && m % 10 == 0 {
        m /= 10;
        e += 1;
    }
    while e.rem_euclid(3) != 0 {
        // Cannot overflow: the result is at most the original nano count.
        m *= 10;
        e -= 1;
    }
    let suffix = match (format, e) {
        (Format::DecimalSI, -9) => "n".to_owned(),
        (Format::DecimalSI, -6) => "u".to_owned(),
        (Format::DecimalSI, -3) => "m".to_owned(),
        (_, 0) => String::new(),
        (Format::DecimalSI, 3) => "k".to_owned(),
        (Format::DecimalSI, 6) => "M".to_owned(),
        (Format::DecimalSI, 9) => "G".to_owned(),
        (Format::DecimalSI, 12) => "T".to_owned(),
        (Format::DecimalSI, 15) => "P".to_owned(),
        (Format::DecimalSI, 18) => "E".to_owned(),
        // Beyond E there is no SI suffix; exponent notation keeps the magnitude.
        (_, e) => format!("e{e}"),
    };
    format!("{m}{suffix}")
}

/// `nanos / per`, rounded away from zero, saturated into i64.
fn scaled(nanos: i128, per: i128) -> i64 {
    let q = nanos / per;
    let q = if nanos % per != 0 { q + nanos.signum() } else { q };
    i64::try_from(q).unwrap_or(if q < 0 { i64::MIN } else { i64::MAX })
}

/// The pieces of a quantity string, as `parseQuantityString` splits them.
struct Scanned<'a> {
    positive: bool,
    /// Sign and number, without the suffix.
    value: &'a str,
    /// Integer digits without leading zeros (`"0"` when there are none).
    num: &'a str,
    denom: &'a str,
    suffix: &'a str,
}

fn scan(s: &str) -> Result<Scanned<'_>, QuantityError> {
    let b = s.as_bytes();
    let end = b.len();
    let mut out = Scanned { positive: true, value: "", num: "", denom: "", suffix: "" };
    let mut pos = 0;
    match b.first() {
        Some(b'-') => {
            out.positive = false;
            pos += 1;
        }
        Some(b'+') => pos += 1,
        _ => {}
    }
    while pos < end && b[pos] == b'0' {
        pos += 1;
    }
    if pos >= end {
        out.num = "0";
        out.value = "0";
        return Ok(out);
    }
    let num_start = pos;
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    out.num = if pos == num_start { "0" } else { &s[num_start..pos] };
    if pos >= end {
        out.value = s;
        return Ok(out);
    }
    if b[pos] == b'.' {
        pos += 1;
        let denom_start = pos;
        while pos < end && b[pos].is_ascii_digit() {
            pos += 1;
        }
        out.denom = &s[denom_start..pos];
        if pos >= end {
            out.value = s;
            return Ok(out);
        }
    }
    out.value = &s[..pos];
    let suffix_start = pos;
    while pos < end && b"eEinumkKMGTP".contains(&b[pos]) {
        pos += 1;
    }
    if pos < end && matches!(b[pos], b'-' | b'+') {
        pos += 1;
    }
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos < end {
        return Err(QuantityError::FormatWrong);
    }
    // Every byte before `pos` was ASCII, so this is a char boundary.
    out.suffix = &s[suffix_start..];
    Ok(out)
}

/// Base (10 or 2), exponent and format of a suffix.
fn interpret(suffix: &str) -> Option<(u32, i64, Format)> {
    let dec = |e| Some((10, e, Format::DecimalSI));
    let bin = |e| Some((2, e, Format::BinarySI));
    match suffix {
        "" => dec(0),
        "n" => dec(-9),
        "u" => dec(-6),
        "m" => dec(-3),
        "k" => dec(3),
        "M" => dec(6),
        "G" => dec(9),
        "T" => dec(12),
        "P" => dec(15),
        "E" => dec(18),
        "Ki" => bin(10),
        "Mi" => bin(20),
        "Gi" => bin(30),
        "Ti" => bin(40),
        "Pi" => bin(50),
        "Ei" => bin(60),
        _ => {
            let rest = suffix.strip_prefix('e').or_else(|| suffix.strip_prefix('E'))?;
            let e: i64 = rest.parse().ok()?;
            // Kubernetes rejects exponents outside ±(2^31-1) rather than truncating them.
            if e.unsigned_abs() > i32::MAX as u64 {
                return None;
            }
            Some((10, e, Format::DecimalExponent))
        }
    }
}

/// Whether Kubernetes' int64 fast path applies and, if so, whether it keeps the input text as
/// the canonical form. `None` means the slow (big decimal) path.
fn fast_path(scanned: &Scanned<'_>, base: u32, exponent: i64) -> Option<bool> {
    let digits = (scanned.num.len() + scanned.denom.len()) as i64;
    let shifted = format!("{}{}", scanned.num, scanned.denom);
    if base == 10 {
        let scale = exponent - scanned.denom.len() as i64;
        if 18 - digits < 0 || scale < -9 {
            return None;
        }
        let keep = scale % 3 == 0 && !shifted.ends_with("000") && !shifted.starts_with('0');
        Some(keep)
    } else {
        if !scanned.denom.is_empty() {
            return None;
        }
        let precision = 15 - scanned.num.len() as i64 - exponent * 3 / 10 - 1;
        if precision < 0 {
            return None;
        }
        let value: i64 = shifted.parse().ok()?;
        value.checked_mul(1i64.checked_shl(exponent as u32)?)?;
        Some(exponent % 10 == 0 && value & 0x07 != 0)
    }
}

/// `digits × 10^(exponent - denom_len) × 2^binary_exponent` in nano-units, rounded away from
/// zero to a whole nano-unit as Kubernetes does. `None` when it does not fit in a u128.
fn magnitude_nanos(digits: &str, base: u32, exponent: i64, denom_len: usize) -> Option<u128> {
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Some(0);
    }
    let (pow10, pow2) = if base == 10 {
        (exponent - denom_len as i64 + 9, 0u32)
    } else {
        // Binary exponents are 10..=60 from the suffix table.
        (9 - denom_len as i64, u32::try_from(exponent).ok()?)
    };
    let multiplier = 1u128.checked_shl(pow2)?;
    if pow10 >= 0 {
        let mut v = parse_digits(digits)?;
        for _ in 0..pow10 {
            v = v.checked_mul(10)?;
        }
        return v.checked_mul(multiplier);
    }
    // Divide by 10^k, rounding up: the whole part from the leading digits, then the fraction
    // digits times the multiplier by long multiplication, which stays exact.
    let k = pow10.unsigned_abs();
    let (high, low) = match usize::try_from(k) {
        Ok(k) if k < digits.len() => digits.split_at(digits.len() - k),
        _ => ("", digits),
    };
    let whole = if high.is_empty() { 0 } else { parse_digits(high)?.checked_mul(multiplier)? };
    let mut carry: u128 = 0;
    let mut inexact = false;
    let mut low_digits = low.bytes().rev();
    let mut remaining = k;
    while remaining > 0 {
        let d = match low_digits.next() {
            Some(c) => u128::from(c - b'0'),
            // Past the given digits only zeros remain; once the carry is spent, so is the work.
            None if carry == 0 => break,
            None => 0,
        };
        let t = d * multiplier + carry;
        inexact |= !t.is_multiple_of(10);
        carry = t / 10;
        remaining -= 1;
    }
    whole.checked_add(carry)?.checked_add(u128::from(inexact))
}

fn parse_digits(digits: &str) -> Option<u128> {
    digits.bytes().try_fold(0u128, |acc, c| acc.checked_mul(10)?.checked_add(u128::from(c - b'0')))
}

impl fmt::Display for Quantity {
    /// `String()`: the canonical form, e.g. `1500m`, `1536Mi`, `1e3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.text {
            Some(text) => f.write_str(text),
            None => f.write_str(&self.canonical()),
        }
    }
}

impl std::str::FromStr for Quantity {
    type Err = QuantityError;

    fn from_str(s: &str) -> Result<Quantity, QuantityError> {
        Quantity::parse(s)
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Quantity) -> bool {
        self.nanos == other.nanos
    }
}

impl Eq for Quantity {}

impl Hash for Quantity {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.nanos.hash(state);
    }
}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Quantity) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Quantity) -> Ordering {
        self.nanos.cmp(&other.nanos)
    }
}

impl Add for Quantity {
    type Output = Quantity;

    /// Adding to zero takes the other side's format (`0 + 1Gi` prints `1Gi`).
    fn add(self, rhs: Quantity) -> Quantity {
        let format = if self.nanos == 0 { rhs.format } else { self.format };
        Quantity::from_nanos(self.nanos.saturating_add(rhs.nanos), format)
    }
}

impl Sub for Quantity {
    type Output = Quantity;

    fn sub(self, rhs: Quantity) -> Quantity {
        let format = if self.nanos == 0 { rhs.format } else { self.format };
        Quantity::from_nanos(self.nanos.saturating_sub(rhs.nanos), format)
    }
}

impl<'a> Add<&'a Quantity> for Quantity {
    type Output = Quantity;

    fn add(self, rhs: &'a Quantity) -> Quantity {
        self + rhs.clone()
    }
}

impl<'a> Sub<&'a Quantity> for Quantity {
    type Output = Quantity;

    fn sub(self, rhs: &'a Quantity) -> Quantity {
        self - rhs.clone()
    }
}

impl AddAssign for Quantity {
    fn add_assign(&mut self, rhs: Quantity) {
        *self = std::mem::take(self) + rhs;
    }
}

impl<'a> AddAssign<&'a Quantity> for Quantity {
    fn add_assign(&mut self, rhs: &'a Quantity) {
        *self = std::mem::take(self) + rhs;
    }
}

impl SubAssign for Quantity {
    fn sub_assign(&mut self, rhs: Quantity) {
        *self = std::mem::take(self) - rhs;
    }
}

impl<'a> SubAssign<&'a Quantity> for Quantity {
    fn sub_assign(&mut self, rhs: &'a Quantity) {
        *self = std::mem::take(self) - rhs;
    }
}

impl Neg for Quantity {
    type Output = Quantity;

    fn neg(self) -> Quantity {
        Quantity::from_nanos(self.nanos.saturating_neg(), self.format)
    }
}

impl std::iter::Sum for Quantity {
    fn sum<I: Iterator<Item = Quantity>>(iter: I) -> Quantity {
        iter.fold(Quantity::zero(), |acc, q| acc + q)
    }
}

impl<'a> std::iter::Sum<&'a Quantity> for Quantity {
    fn sum<I: Iterator<Item = &'a Quantity>>(iter: I) -> Quantity {
        iter.fold(Quantity::zero(), |acc, q| acc + q)
    }
}

impl serde::Serialize for Quantity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Quantity {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Quantity, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Quantity::from_json(&value).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<&k8s_openapi::apimachinery::pkg::api::resource::Quantity> for Quantity {
    type Error = QuantityError;

    fn try_from(q: &k8s_openapi::apimachinery::pkg::api::resource::Quantity) -> Result<Quantity, QuantityError> {
        Quantity::parse(q.0.trim())
    }
}

impl From<&Quantity> for k8s_openapi::apimachinery::pkg::api::resource::Quantity {
    fn from(q: &Quantity) -> Self {
        k8s_openapi::apimachinery::pkg::api::resource::Quantity(q.to_string())
    }
}

/// Parses a `resources.requests`-style map (`{"cpu": "100m", "memory": "128Mi"}`); `null` or
/// absent is empty.
pub fn parse_resource_list(value: &Value) -> Result<BTreeMap<String, Quantity>, QuantityError> {
    let map = match value {
        Value::Null => return Ok(BTreeMap::new()),
        Value::Object(map) => map,
        _ => return Err(QuantityError::NotAResourceList),
    };
    map.iter()
        .map(|(name, v)| {
            Quantity::from_json(v)
                .map(|q| (name.clone(), q))
                .map_err(|e| QuantityError::InvalidResource { name: name.clone(), source: Box::new(e) })
        })
        .collect()
}

#[cfg(test)]
mod tests;
