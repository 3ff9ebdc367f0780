//! Unit tests for quantities; the tables follow apimachinery's `quantity_test.go`.

use super::*;
use serde_json::json;

fn q(s: &str) -> Quantity {
    Quantity::parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"))
}

/// `mantissa × 10^exponent` in nanos.
fn dec(mantissa: i128, exponent: i32) -> i128 {
    let shift = exponent + 9;
    if shift >= 0 { mantissa * 10i128.pow(shift as u32) } else { mantissa / 10i128.pow((-shift) as u32) }
}

#[test]
fn parse_kubernetes_table_values_and_formats() {
    use Format::*;
    let gi = 1i128 << 30;
    let cases: &[(&str, i128, Format)] = &[
        ("0", 0, DecimalSI),
        ("0n", 0, DecimalSI),
        ("0u", 0, DecimalSI),
        ("0m", 0, DecimalSI),
        ("0Ki", 0, BinarySI),
        ("0k", 0, DecimalSI),
        ("0Mi", 0, BinarySI),
        ("0M", 0, DecimalSI),
        ("0Gi", 0, BinarySI),
        ("0G", 0, DecimalSI),
        ("0Ti", 0, BinarySI),
        ("0T", 0, DecimalSI),
        ("1", dec(1, 0), DecimalSI),
        ("1Ki", dec(1024, 0), BinarySI),
        ("8Ki", dec(8 * 1024, 0), BinarySI),
        ("7Mi", dec(7 << 20, 0), BinarySI),
        ("6Gi", dec(6 * gi, 0), BinarySI),
        ("5Ti", dec(5 << 40, 0), BinarySI),
        ("4Pi", dec(4 << 50, 0), BinarySI),
        ("3Ei", dec(3 << 60, 0), BinarySI),
        ("10Ti", dec(10 << 40, 0), BinarySI),
        ("100Ti", dec(100 << 40, 0), BinarySI),
        ("5n", dec(5, -9), DecimalSI),
        ("4u", dec(4, -6), DecimalSI),
        ("3m", dec(3, -3), DecimalSI),
        ("9", dec(9, 0), DecimalSI),
        ("8k", dec(8, 3), DecimalSI),
        ("50k", dec(5, 4), DecimalSI),
        ("7M", dec(7, 6), DecimalSI),
        ("6G", dec(6, 9), DecimalSI),
        ("5T", dec(5, 12), DecimalSI),
        ("40T", dec(4, 13), DecimalSI),
        ("300T", dec(3, 14), DecimalSI),
        ("2P", dec(2, 15), DecimalSI),
        ("1E", dec(1, 18), DecimalSI),
        ("1E-3", dec(1, -3), DecimalExponent),
        ("1e3", dec(1, 3), DecimalExponent),
        ("1E6", dec(1, 6), DecimalExponent),
        ("1e9", dec(1, 9), DecimalExponent),
        ("1E12", dec(1, 12), DecimalExponent),
        ("1e15", dec(1, 15), DecimalExponent),
        ("1E18", dec(1, 18), DecimalExponent),
        ("1e14", dec(1, 14), DecimalExponent),
        ("1e13", dec(1, 13), DecimalExponent),
        ("100.035k", dec(100035, 0), DecimalSI),
        ("0.001", dec(1, -3), DecimalSI),
        ("0.0005k", dec(5, -1), DecimalSI),
        ("0.005", dec(5, -3), DecimalSI),
        ("0.05", dec(5, -2), DecimalSI),
        ("0.5", dec(5, -1), DecimalSI),
        ("0.00050k", dec(5, -1), DecimalSI),
        ("0.00500", dec(5, -3), DecimalSI),
        ("0.05000", dec(5, -2), DecimalSI),
        ("0.50000", dec(5, -1), DecimalSI),
        ("0.5e0", dec(5, -1), DecimalExponent),
        ("0.5e-1", dec(5, -2), DecimalExponent),
        ("0.5e-2", dec(5, -3), DecimalExponent),
        ("10.035M", dec(10035, 3), DecimalSI),
        ("1.2e3", dec(12, 2), DecimalExponent),
        ("1.3E+6", dec(13, 5), DecimalExponent),
        ("1.40e9", dec(14, 8), DecimalExponent),
        ("1.53E12", dec(153, 10), DecimalExponent),
        ("1.6e15", dec(16, 14), DecimalExponent),
        ("1.7E18", dec(17, 17), DecimalExponent),
        ("9.01", dec(901, -2), DecimalSI),
        ("8.1k", dec(81, 2), DecimalSI),
        ("7.123456M", dec(7123456, 0), DecimalSI),
        ("6.987654321G", dec(6987654321, 0), DecimalSI),
        ("5.444T", dec(5444, 9), DecimalSI),
        ("40.1T", dec(401, 11), DecimalSI),
        ("300.2T", dec(3002, 11), DecimalSI),
        ("2.5P", dec(25, 14), DecimalSI),
        ("1.01E", dec(101, 16), DecimalSI),
        // Things that round up to the next nano-unit.
        ("3.001n", dec(4, -9), DecimalSI),
        ("1.1E-9", dec(2, -9), DecimalExponent),
        ("0.0000000001", dec(1, -9), DecimalSI),
        ("0.0000000005", dec(1, -9), DecimalSI),
        ("0.00000000050", dec(1, -9), DecimalSI),
        ("0.5e-9", dec(1, -9), DecimalExponent),
        ("0.9n", dec(1, -9), DecimalSI),
        ("0.00000012345", dec(124, -9), DecimalSI),
        ("0.00000012354", dec(124, -9), DecimalSI),
        // Binary values saturate at 2^63-1.
        ("9Ei", i128::from(i64::MAX) * NANOS_PER_UNIT, BinarySI),
        ("9223372036854775807Ki", i128::from(i64::MAX) * NANOS_PER_UNIT, BinarySI),
        ("12E", dec(12, 18), DecimalSI),
        // Fractional binary values.
        ("100.035Ki", dec(10243584, -2), BinarySI),
        ("0.5Mi", dec(512 * 1024, 0), BinarySI),
        ("0.05Gi", dec(536870912, -1), BinarySI),
        ("0.025Ti", dec(274877906944, -1), BinarySI),
        // "Things written by trolls".
        ("0.000000000001Ki", dec(2, -9), DecimalSI),
        (".001", dec(1, -3), DecimalSI),
        (".0001k", dec(100, -3), DecimalSI),
        ("1.", dec(1, 0), DecimalSI),
        ("1.G", dec(1, 9), DecimalSI),
        (".", 0, DecimalSI),
    ];
    for &(input, nanos, format) in cases {
        for (prefix, sign) in [("", 1), ("-", -1), ("+", 1)] {
            let text = format!("{prefix}{input}");
            let got = q(&text);
            assert_eq!(got.nanos(), sign * nanos, "{text}");
            assert_eq!(got.format(), format, "{text}");
        }
    }
}

#[test]
fn parse_invalid_kubernetes_table_rejects() {
    for s in [
        "",
        "1.1.M",
        "1+1.0M",
        "0.1mi",
        "0.1am",
        "aoeu",
        ".5i",
        "1i",
        "-3.01i",
        "-3.01e-",
        "1e4294967297",
        " 1",
        "1 ",
        "1e",
        "1k5",
        "1Kib",
        "1ki",
        "--1",
        "1,5",
        "١",
    ] {
        assert!(Quantity::parse(s).is_err(), "{s:?} parsed unexpectedly");
    }
}

#[test]
fn parse_errors_have_kubernetes_messages() {
    assert_eq!(
        Quantity::parse("aoeu").expect_err("bad").to_string(),
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    );
    assert_eq!(Quantity::parse("1i").expect_err("bad suffix").to_string(), "unable to parse quantity's suffix");
    // Only the slow path insists on digits, as Kubernetes' does.
    assert_eq!(Quantity::parse(".Ei").expect_err("no digits").to_string(), "unable to parse numeric part of quantity");
    assert!(Quantity::parse(".Ki").is_ok());
    assert!(q("-.").is_zero());
    assert!(q("-").is_zero());
}

#[test]
fn parse_huge_decimal_is_out_of_range_not_a_panic() {
    assert!(matches!(Quantity::parse("1e100"), Err(QuantityError::OutOfRange(_))));
    assert!(matches!(Quantity::parse("1e2000000000"), Err(QuantityError::OutOfRange(_))));
    assert_eq!(q("1e-2000000000").nanos(), 1);
    assert_eq!(q("0e2000000000").nanos(), 0);
    assert_eq!(q("99999999999999999999999999999999999999999Ei").nanos(), i128::from(i64::MAX) * NANOS_PER_UNIT);
}

#[test]
fn display_kubernetes_string_table() {
    use Format::*;
    let gi = 1i128 << 30;
    let cases: &[(i128, Format, &str)] = &[
        (dec(gi, 0), BinarySI, "1Gi"),
        (dec(300 << 20, 0), BinarySI, "300Mi"),
        (dec(6 * 1024, 0), BinarySI, "6Ki"),
        (dec(1001 * gi, 0), BinarySI, "1001Gi"),
        (dec(1 << 40, 0), BinarySI, "1Ti"),
        (dec(5, 0), BinarySI, "5"),
        (dec(500, -3), BinarySI, "500m"),
        (dec(1, 9), DecimalSI, "1G"),
        (dec(1000, 6), DecimalSI, "1G"),
        (dec(1000000, 3), DecimalSI, "1G"),
        (dec(1000000000, 0), DecimalSI, "1G"),
        (dec(1, -3), DecimalSI, "1m"),
        (dec(80, -3), DecimalSI, "80m"),
        (dec(1080, -3), DecimalSI, "1080m"),
        (dec(108, -2), DecimalSI, "1080m"),
        (dec(10800, -4), DecimalSI, "1080m"),
        (dec(300, 6), DecimalSI, "300M"),
        (dec(1, 12), DecimalSI, "1T"),
        (dec(1, 18), DecimalSI, "1E"),
        (dec(1, 21), DecimalSI, "1e21"),
        (dec(5, 21), DecimalSI, "5e21"),
        (dec(1234567, 6), DecimalSI, "1234567M"),
        (dec(1234567, -3), BinarySI, "1234567m"),
        (dec(3, 3), DecimalSI, "3k"),
        (dec(1025, 0), BinarySI, "1025"),
        (0, DecimalSI, "0"),
        (0, BinarySI, "0"),
        (dec(1, 9), DecimalExponent, "1e9"),
        (dec(1, -3), DecimalExponent, "1e-3"),
        (dec(1, -9), DecimalExponent, "1e-9"),
        (dec(80, -3), DecimalExponent, "80e-3"),
        (dec(300, 6), DecimalExponent, "300e6"),
        (dec(1, 12), DecimalExponent, "1e12"),
        (dec(1, 3), DecimalExponent, "1e3"),
        (dec(3, 3), DecimalExponent, "3e3"),
        (0, DecimalExponent, "0"),
        (dec(1, -9), DecimalSI, "1n"),
        (dec(80, -9), DecimalSI, "80n"),
        (dec(1080, -9), DecimalSI, "1080n"),
        (dec(1, -6), DecimalSI, "1u"),
        (dec(80, -6), DecimalSI, "80u"),
        (dec(1080, -6), DecimalSI, "1080u"),
        (dec(2000, 0), BinarySI, "2000"),
        (dec(-2000, 0), BinarySI, "-2000"),
    ];
    for &(nanos, format, want) in cases {
        let got = Quantity::from_nanos(nanos, format);
        assert_eq!(got.to_string(), want, "{nanos} {format:?}");
        assert_eq!(q(want), got, "{want} should parse back to the same amount");
        if nanos != 0 && !want.starts_with('-') {
            assert_eq!((-got).to_string(), format!("-{want}"));
        }
    }
}

#[test]
fn display_alternate_spellings_canonicalise() {
    for (input, want) in [
        ("1024Mi", "1Gi"),
        ("307200Ki", "300Mi"),
        ("1025024Mi", "1001Gi"),
        ("1024Gi", "1Ti"),
        ("5000m", "5"),
        ("0.5", "500m"),
        ("1000M", "1G"),
        ("0.001T", "1G"),
        ("1000u", "1m"),
        ("1.08", "1080m"),
        ("1080000000n", "1080m"),
        ("1000E", "1e21"),
        (".001e12", "1e9"),
        ("0.001e0", "1e-3"),
        ("1000e-12", "1e-9"),
        ("00", "0"),
        ("1.5", "1500m"),
        ("1.5Gi", "1536Mi"),
        ("1Ki", "1Ki"),
        (".001Ki", "1024m"),
        (".000001Ki", "1024u"),
        (".000000001Ki", "1024n"),
        (".000000000001Ki", "2n"),
        ("100.035Ki", "102435840m"),
        ("0.5Mi", "512Ki"),
    ] {
        assert_eq!(q(input).to_string(), want, "{input}");
        if !q(input).is_zero() {
            assert_eq!(q(&format!("-{input}")).to_string(), format!("-{want}"), "-{input}");
        }
    }
}

#[test]
fn display_keeps_text_kubernetes_keeps() {
    // Kubernetes reuses the input when it judges it canonical, quirks included.
    assert_eq!(q("+1").to_string(), "+1");
    assert_eq!(q("01").to_string(), "01");
    assert_eq!(q("500k").to_string(), "500k");
    assert_eq!(q("0m").to_string(), "0");
    assert_eq!(q("1000k").to_string(), "1M");
}

#[test]
fn value_and_milli_value_round_away_from_zero() {
    assert_eq!(q("100m").value(), 1);
    assert_eq!(q("100m").milli_value(), 100);
    assert_eq!(q("1.5").milli_value(), 1500);
    assert_eq!(q("1n").milli_value(), 1);
    assert_eq!(q("-1n").milli_value(), -1);
    assert_eq!(q("1.5").value(), 2);
    assert_eq!(q("-1.5").value(), -2);
    assert_eq!(q("1Gi").value(), 1 << 30);
    assert_eq!(q("1Gi").milli_value(), (1i64 << 30) * 1000);
    assert_eq!(q("9Ei").value(), i64::MAX);
    assert_eq!(q("9Ei").milli_value(), i64::MAX);
    assert_eq!(q("12E").value(), 12_000_000_000_000_000_000i128.min(i64::MAX as i128) as i64);
}

#[test]
fn compare_kubernetes_table_orders() {
    assert_eq!(q("0").cmp(&q("0")), Ordering::Equal);
    assert_eq!(q("100m").cmp(&q("50m")), Ordering::Greater);
    assert_eq!(q("50m").cmp(&q("100m")), Ordering::Less);
    assert_eq!(q("10000T").cmp(&q("100Gi")), Ordering::Greater);
    assert_eq!(q("1Gi"), q("1073741824"));
    assert_eq!(q("1"), q("1000m"));
    assert!(q("1.1") > q("1"));
}

#[test]
fn add_and_sub_are_exact_and_keep_format() {
    let sum = q("100m") + q("250m") + q("1");
    assert_eq!(sum.to_string(), "1350m");
    let mem: Quantity = ["128Mi", "128Mi", "256Mi"].iter().map(|s| q(s)).sum();
    assert_eq!(mem.to_string(), "512Mi");
    let mut free = q("4");
    free -= q("1500m");
    assert_eq!(free.to_string(), "2500m");
    free -= &q("3");
    assert_eq!(free.to_string(), "-500m");
    assert_eq!((q("1Gi") - q("512Mi")).to_string(), "512Mi");
}

#[test]
fn add_to_zero_takes_other_format() {
    for v in ["100m", "1Gi"] {
        assert_eq!((q(v) + q("0")).to_string(), v);
        assert_eq!((q("0") + q(v)).to_string(), v);
        assert_eq!((q(v) - q("0")).to_string(), v);
        assert_eq!((q("0") - q(v)).to_string(), format!("-{v}"));
    }
}

#[test]
fn neg_flips_sign() {
    assert_eq!((-q("9.01")).to_string(), "-9010m");
    assert_eq!((-q("0")).to_string(), "0");
}

#[test]
fn constructors_build_expected_amounts() {
    assert_eq!(Quantity::from_milli(1500).to_string(), "1500m");
    assert_eq!(Quantity::from_value(1 << 20, Format::BinarySI).to_string(), "1Mi");
    assert_eq!(Quantity::from_value(5, Format::DecimalSI).to_string(), "5");
    assert!(Quantity::zero().is_zero());
    assert_eq!(q("-3").signum(), -1);
}

#[test]
fn from_json_accepts_strings_numbers_and_null() {
    assert_eq!(Quantity::from_json(&json!("100m")).expect("ok"), q("100m"));
    assert_eq!(Quantity::from_json(&json!(" 1Gi ")).expect("trimmed"), q("1Gi"));
    assert_eq!(Quantity::from_json(&json!(2)).expect("number"), q("2"));
    assert_eq!(Quantity::from_json(&json!(0.5)).expect("float"), q("500m"));
    assert!(Quantity::from_json(&json!(null)).expect("null").is_zero());
    assert!(Quantity::from_json(&json!(true)).is_err());
    assert!(Quantity::from_json(&json!("abc")).is_err());
}

#[test]
fn serde_round_trips_as_string() {
    let v: Quantity = serde_json::from_value(json!("1.5Gi")).expect("deserialize");
    assert_eq!(serde_json::to_value(&v).expect("serialize"), json!("1536Mi"));
    let v: Quantity = serde_json::from_value(json!(3)).expect("number");
    assert_eq!(v.to_string(), "3");
    assert!(serde_json::from_value::<Quantity>(json!("x")).is_err());
}

#[test]
fn k8s_openapi_quantity_converts_both_ways() {
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity as K8sQuantity;
    let k = K8sQuantity("250m".to_owned());
    let ours = Quantity::try_from(&k).expect("valid");
    assert_eq!(ours.milli_value(), 250);
    assert_eq!(K8sQuantity::from(&ours).0, "250m");
}

#[test]
fn parse_resource_list_reads_requests() {
    let list =
        parse_resource_list(&json!({"cpu": "100m", "memory": "128Mi", "nvidia.com/gpu": 1})).expect("valid list");
    assert_eq!(list["cpu"].milli_value(), 100);
    assert_eq!(list["memory"].value(), 128 << 20);
    assert_eq!(list["nvidia.com/gpu"].value(), 1);
    assert!(parse_resource_list(&Value::Null).expect("null").is_empty());
    assert!(matches!(parse_resource_list(&json!([])), Err(QuantityError::NotAResourceList)));
    let err = parse_resource_list(&json!({"cpu": "lots"})).expect_err("bad cpu");
    assert_eq!(err.to_string(), "invalid quantity for resource \"cpu\"");
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn parse_odd_inputs_never_panic_and_round_trip() {
    let alphabet = ["0", "1", "9", ".", "-", "+", "e", "E", "i", "K", "m", "n", "G", "M", "5"];
    let mut inputs = vec![String::new()];
    for _ in 0..4 {
        let mut next = Vec::new();
        for s in &inputs {
            for a in alphabet {
                next.push(format!("{s}{a}"));
            }
        }
        for s in &next {
            if let Ok(v) = Quantity::parse(s) {
                let printed = v.to_string();
                assert_eq!(q(&printed), v, "{s:?} printed as {printed:?}");
                let _ = (v.value(), v.milli_value());
            }
        }
        inputs = next;
    }
    for s in ["\u{0}", "é", "1é", "1\u{0}", "1Ei1", "e1", "E", "Ki", "-", "+", "1e+", "1e-+1"] {
        let _ = Quantity::parse(s);
    }
}
