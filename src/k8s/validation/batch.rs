//! `batch/v1` Job and CronJob (kubernetes `pkg/apis/batch/validation`), including the cron
//! schedule syntax kube accepts (robfig/cron's standard parser, with its error texts).

use super::meta::{selector_is_parsable, selector_matches, validate_label_selector};
use super::pod::{strip_nulls, validate_pod_template};
use super::render::{go_string_map, label_selector};
use super::{FieldError, Path, immutable_field, nonnegative, str_of};
use serde_json::Value;

const MAX_PARALLELISM_FOR_INDEXED_JOB: i64 = 100_000;

pub fn validate(kind: &str, obj: &Value) -> Vec<FieldError> {
    let spec = obj.get("spec").unwrap_or(&Value::Null);
    let path = Path::root("spec");
    match kind {
        "Job" => {
            let mut errs = validate_generated_selector(obj);
            errs.extend(validate_job_spec(spec, &path));
            match spec.get("selector").filter(|v| !v.is_null()) {
                None => errs.push(FieldError::required(path.child("selector"), "")),
                Some(sel) => errs.extend(validate_label_selector(Some(sel), &path.child("selector"))),
            }
            // Whether generated or manual, the selector must select the pods the job makes.
            let sel = spec.get("selector").filter(|v| !v.is_null());
            let labels = spec.get("template").and_then(|t| t.get("metadata")).and_then(|m| m.get("labels"));
            if sel.is_none_or(|s| selector_is_parsable(s) && !selector_matches(s, labels)) {
                errs.push(FieldError::invalid_raw(
                    "spec.template.metadata.labels",
                    go_string_map(labels),
                    "`selector` does not match template `labels`",
                ));
            }
            let name = obj.get("metadata").and_then(|m| str_of(m, "name")).unwrap_or_default();
            if str_of(spec, "completionMode") == Some("Indexed")
                && let Some(c) = spec.get("completions").and_then(Value::as_i64)
                && c > 0
            {
                let hostname = format!("{name}-{}", c - 1);
                if !super::names::is_dns1123_label(&hostname).is_empty() {
                    errs.push(FieldError::invalid(
                        "metadata.name",
                        name,
                        format!("will not able to create pod with invalid DNS label: {hostname}"),
                    ));
                }
            }
            errs
        }
        "CronJob" => {
            let mut errs = validate_cron_job_spec(spec, None, &path);
            let name = obj.get("metadata").and_then(|m| str_of(m, "name")).unwrap_or_default();
            // The controller appends an 11-character suffix to make job names.
            if name.len() > 52 {
                errs.push(FieldError::invalid("metadata.name", name, "must be no more than 52 characters"));
            }
            errs
        }
        _ => Vec::new(),
    }
}

pub fn validate_update(kind: &str, new: &Value, old: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let (ns, os) = (new.get("spec").unwrap_or(&Value::Null), old.get("spec").unwrap_or(&Value::Null));
    let path = Path::root("spec");
    match kind {
        "Job" => {
            let (n, o) = (ns.get("selector").map(strip_nulls), os.get("selector").map(strip_nulls));
            if n != o {
                errs.push(FieldError::invalid_raw(
                    path.child("selector"),
                    label_selector(n.as_ref()),
                    super::FIELD_IMMUTABLE,
                ));
            }
            validate_job_template_update(&mut errs, ns, os, &path);
            for key in ["completionMode", "podFailurePolicy", "backoffLimitPerIndex", "managedBy", "successPolicy"] {
                immutable_field(&mut errs, ns.get(key), os.get(key), &path.child(key));
            }
            // Completions may change only together with parallelism on Indexed jobs (elastic).
            let indexed = str_of(ns, "completionMode") == Some("Indexed");
            let elastic = indexed && ns.get("completions") == ns.get("parallelism");
            if !elastic {
                immutable_field(&mut errs, ns.get("completions"), os.get("completions"), &path.child("completions"));
            }
        }
        "CronJob" => {
            errs.extend(validate_cron_job_spec(ns, Some(os), &path));
        }
        _ => {}
    }
    errs
}

/// `validateGeneratedSelector`: unless `manualSelector` is true, the selector and template
/// labels must be the ones the server generated from the job's uid and name.
fn validate_generated_selector(job: &Value) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let spec = job.get("spec").unwrap_or(&Value::Null);
    if spec.get("manualSelector").and_then(Value::as_bool) == Some(true) {
        return errs;
    }
    let Some(sel) = spec.get("selector").filter(|v| !v.is_null()) else { return errs };
    let meta = job.get("metadata").unwrap_or(&Value::Null);
    let uid = str_of(meta, "uid").unwrap_or_default();
    let name = str_of(meta, "name").unwrap_or_default();
    if uid.is_empty() {
        errs.push(FieldError::required("metadata.uid", ""));
    }
    let labels = spec.get("template").and_then(|t| t.get("metadata")).and_then(|m| m.get("labels"));
    let tpath = Path::root("spec").child("template").child("metadata").child("labels");
    let mut expected = serde_json::Map::new();
    let prefixed = labels.and_then(|l| l.get("batch.kubernetes.io/controller-uid")).is_some();
    let mut checks = vec![("controller-uid", uid), ("job-name", name)];
    if prefixed {
        checks.extend([("batch.kubernetes.io/controller-uid", uid), ("batch.kubernetes.io/job-name", name)]);
    }
    for (key, want) in checks {
        expected.insert(key.to_string(), Value::from(want));
        match labels.and_then(|l| str_of(l, key)) {
            None => errs.push(FieldError::required(tpath.key(key), want)),
            Some(have) if have != want => {
                errs.push(FieldError::invalid_raw(tpath.key(key), go_string_map(labels), want));
            }
            Some(_) => {}
        }
    }
    if selector_is_parsable(sel) && !selector_matches(sel, Some(&Value::Object(expected))) {
        errs.push(FieldError::invalid_raw("spec.selector", label_selector(Some(sel)), "`selector` not auto-generated"));
    }
    errs
}

/// The template is immutable, except scheduling directives of a suspended job that never ran.
fn validate_job_template_update(errs: &mut Vec<FieldError>, ns: &Value, os: &Value, path: &Path) {
    let (Some(nt), Some(ot)) = (ns.get("template"), os.get("template")) else { return };
    let suspended = os.get("suspend").and_then(Value::as_bool) == Some(true);
    let normalise = |t: &Value| {
        let mut t = strip_nulls(t);
        if suspended {
            if let Some(m) = t.get_mut("metadata").and_then(Value::as_object_mut) {
                m.remove("labels");
                m.remove("annotations");
            }
            if let Some(s) = t.get_mut("spec").and_then(Value::as_object_mut) {
                for k in ["nodeSelector", "tolerations", "affinity", "schedulingGates"] {
                    s.remove(k);
                }
            }
        }
        t
    };
    if normalise(nt) != normalise(ot) {
        errs.push(FieldError::invalid_raw(path.child("template"), strip_nulls(nt).to_string(), super::FIELD_IMMUTABLE));
    }
}

/// `validateJobSpec`: what Jobs and CronJob job templates share.
fn validate_job_spec(spec: &Value, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for key in ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"] {
        nonnegative(&mut errs, spec.get(key), &path.child(key));
    }
    let indexed = str_of(spec, "completionMode") == Some("Indexed");
    for key in ["backoffLimitPerIndex", "maxFailedIndexes"] {
        if let Some(v) = spec.get(key).filter(|v| !v.is_null()) {
            nonnegative(&mut errs, Some(v), &path.child(key));
            if !indexed {
                errs.push(FieldError::invalid(path.child(key), v.clone(), "requires indexed completion mode"));
            }
        }
    }
    if spec.get("maxFailedIndexes").is_some_and(|v| !v.is_null())
        && spec.get("backoffLimitPerIndex").is_none_or(Value::is_null)
    {
        errs.push(FieldError::required(path.child("backoffLimitPerIndex"), "when maxFailedIndexes is specified"));
    }
    if let Some(mode) = str_of(spec, "completionMode") {
        if mode != "NonIndexed" && mode != "Indexed" {
            errs.push(FieldError::not_supported(path.child("completionMode"), mode, &["NonIndexed", "Indexed"]));
        }
        if mode == "Indexed" {
            if spec.get("completions").is_none_or(Value::is_null) {
                errs.push(FieldError::required(path.child("completions"), "when completion mode is Indexed"));
            }
            if let Some(p) = spec.get("parallelism").and_then(Value::as_i64)
                && p > MAX_PARALLELISM_FOR_INDEXED_JOB
            {
                errs.push(FieldError::invalid(
                    path.child("parallelism"),
                    p,
                    format!("must be less than or equal to {MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed"),
                ));
            }
        }
    }
    if let Some(policy) = str_of(spec, "podReplacementPolicy") {
        let has_failure_policy = spec.get("podFailurePolicy").is_some_and(|v| !v.is_null());
        if has_failure_policy && policy != "Failed" {
            errs.push(FieldError::not_supported(path.child("podReplacementPolicy"), policy, &["Failed"]));
        } else if policy != "Failed" && policy != "TerminatingOrFailed" {
            errs.push(FieldError::not_supported(
                path.child("podReplacementPolicy"),
                policy,
                &["Failed", "TerminatingOrFailed"],
            ));
        }
    }
    let template = spec.get("template").unwrap_or(&Value::Null);
    errs.extend(validate_pod_template(template, &path.child("template")));
    let rp_path = path.child("template").child("spec").child("restartPolicy");
    match template.get("spec").and_then(|s| str_of(s, "restartPolicy")).unwrap_or_default() {
        // Pod defaulting turns an unset policy into Always, so both mean "not chosen".
        "" | "Always" => errs.push(FieldError::required(rp_path, "valid values: \"OnFailure\", \"Never\"")),
        "OnFailure" if spec.get("podFailurePolicy").is_some_and(|v| !v.is_null()) => errs.push(FieldError::invalid(
            rp_path,
            "OnFailure",
            "only \"Never\" is supported when podFailurePolicy is specified",
        )),
        "OnFailure" | "Never" => {}
        other => errs.push(FieldError::not_supported(rp_path, other, &["OnFailure", "Never"])),
    }
    errs
}

fn validate_cron_job_spec(spec: &Value, old: Option<&Value>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let schedule = str_of(spec, "schedule").unwrap_or_default();
    let spath = path.child("schedule");
    if schedule.is_empty() {
        errs.push(FieldError::required(&spath, ""));
    } else {
        if let Err(e) = parse_cron(schedule) {
            errs.push(FieldError::invalid(&spath, schedule, e));
        }
        let allow_tz = old.and_then(|o| str_of(o, "schedule")).is_some_and(|s| s.contains("TZ"));
        let has_tz_field = spec.get("timeZone").is_some_and(|v| !v.is_null());
        if allow_tz && schedule.contains("TZ") && has_tz_field {
            errs.push(FieldError::invalid(
                &spath,
                schedule,
                "cannot use both timeZone field and TZ or CRON_TZ in schedule",
            ));
        } else if !allow_tz && schedule.contains("TZ") {
            errs.push(FieldError::invalid(
                &spath,
                schedule,
                "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
            ));
        }
    }
    nonnegative(&mut errs, spec.get("startingDeadlineSeconds"), &path.child("startingDeadlineSeconds"));
    if let Some(tz) = str_of(spec, "timeZone")
        && old.and_then(|o| str_of(o, "timeZone")) != Some(tz)
        && (tz.is_empty() || tz.contains("..") || tz.starts_with('/') || tz.chars().any(char::is_whitespace))
    {
        errs.push(FieldError::invalid(path.child("timeZone"), tz, "unknown time zone"));
    }
    let cpath = path.child("concurrencyPolicy");
    match str_of(spec, "concurrencyPolicy").unwrap_or_default() {
        "Allow" | "Forbid" | "Replace" => {}
        "" => errs.push(FieldError::required(&cpath, "")),
        other => errs.push(FieldError::not_supported(&cpath, other, &["Allow", "Forbid", "Replace"])),
    }
    let jt = spec.get("jobTemplate").unwrap_or(&Value::Null);
    let jpath = path.child("jobTemplate");
    let jspec = jt.get("spec").unwrap_or(&Value::Null);
    errs.extend(validate_job_spec(jspec, &jpath.child("spec")));
    if let Some(sel) = jspec.get("selector").filter(|v| !v.is_null()) {
        errs.push(FieldError::invalid_raw(
            jpath.child("spec").child("selector"),
            label_selector(Some(sel)),
            "`selector` will be auto-generated",
        ));
    }
    if jspec.get("manualSelector").and_then(Value::as_bool) == Some(true) {
        errs.push(FieldError::not_supported(jpath.child("spec").child("manualSelector"), true, &["nil", "false"]));
    }
    for key in ["successfulJobsHistoryLimit", "failedJobsHistoryLimit"] {
        nonnegative(&mut errs, spec.get(key), &path.child(key));
    }
    errs
}

struct Bounds {
    min: u32,
    max: u32,
    names: &'static [(&'static str, u32)],
}

const MONTH_NAMES: [(&str, u32); 12] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];
const DOW_NAMES: [(&str, u32); 7] =
    [("sun", 0), ("mon", 1), ("tue", 2), ("wed", 3), ("thu", 4), ("fri", 5), ("sat", 6)];

/// Checks a schedule as robfig/cron's `ParseStandard` does, returning its error text.
pub fn parse_cron(spec: &str) -> Result<(), String> {
    if spec.is_empty() {
        return Err("empty spec string".to_string());
    }
    let mut spec = spec;
    if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
        let Some(i) = spec.find(' ') else {
            return Err(format!(
                "provided bad location {}: unknown time zone",
                &spec[spec.find('=').unwrap_or(0) + 1..]
            ));
        };
        spec = spec[i..].trim();
    }
    if let Some(desc) = spec.strip_prefix('@') {
        return match desc {
            "yearly" | "annually" | "monthly" | "weekly" | "daily" | "midnight" | "hourly" => Ok(()),
            d if d.starts_with("every ") => {
                let dur = d["every ".len()..].trim();
                if valid_go_duration(dur) {
                    Ok(())
                } else {
                    Err(format!(
                        "failed to parse duration @every {dur}: time: invalid duration {}",
                        super::render::go_quote(dur)
                    ))
                }
            }
            _ => Err(format!("unrecognized descriptor: @{desc}")),
        };
    }
    let fields: Vec<&str> = spec.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!("expected exactly 5 fields, found {}: [{}]", fields.len(), fields.join(" ")));
    }
    let bounds = [
        Bounds { min: 0, max: 59, names: &[] },
        Bounds { min: 0, max: 23, names: &[] },
        Bounds { min: 1, max: 31, names: &[] },
        Bounds { min: 1, max: 12, names: &MONTH_NAMES },
        Bounds { min: 0, max: 6, names: &DOW_NAMES },
    ];
    for (field, b) in fields.iter().zip(bounds.iter()) {
        for expr in field.split(',') {
            cron_range(expr, b)?;
        }
    }
    Ok(())
}

fn cron_range(expr: &str, b: &Bounds) -> Result<(), String> {
    let range_and_step: Vec<&str> = expr.split('/').collect();
    let low_high: Vec<&str> = range_and_step[0].split('-').collect();
    let single = low_high.len() == 1;
    let (start, mut end) = if low_high[0] == "*" || low_high[0] == "?" {
        (b.min, b.max)
    } else {
        let start = int_or_name(low_high[0], b)?;
        match low_high.len() {
            1 => (start, start),
            2 => (start, int_or_name(low_high[1], b)?),
            _ => return Err(format!("too many hyphens: {expr}")),
        }
    };
    let step = match range_and_step.len() {
        1 => 1,
        2 => {
            let step = must_parse_int(range_and_step[1])?;
            if single {
                end = b.max;
            }
            step
        }
        _ => return Err(format!("too many slashes: {expr}")),
    };
    if start < b.min {
        return Err(format!("beginning of range ({start}) below minimum ({}): {expr}", b.min));
    }
    if end > b.max {
        return Err(format!("end of range ({end}) above maximum ({}): {expr}", b.max));
    }
    if start > end {
        return Err(format!("beginning of range ({start}) beyond end of range ({end}): {expr}"));
    }
    if step == 0 {
        return Err(format!("step of range should be a positive number: {expr}"));
    }
    Ok(())
}

fn int_or_name(expr: &str, b: &Bounds) -> Result<u32, String> {
    let lower = expr.to_lowercase();
    match b.names.iter().find(|(n, _)| *n == lower) {
        Some((_, v)) => Ok(*v),
        None => must_parse_int(expr),
    }
}

/// Go's `strconv.Atoi` plus robfig's non-negative check, with their messages.
fn must_parse_int(expr: &str) -> Result<u32, String> {
    let digits = expr.strip_prefix(['+', '-']).unwrap_or(expr);
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "failed to parse int from {expr}: strconv.Atoi: parsing {}: invalid syntax",
            super::render::go_quote(expr)
        ));
    }
    let Ok(n) = expr.parse::<i64>() else {
        return Err(format!(
            "failed to parse int from {expr}: strconv.Atoi: parsing {}: value out of range",
            super::render::go_quote(expr)
        ));
    };
    if n < 0 {
        return Err(format!("negative number ({n}) not allowed: {expr}"));
    }
    // Values past u32 are above every field's maximum anyway.
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Go `time.ParseDuration` syntax: signed sequence of decimal numbers with units.
fn valid_go_duration(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    if s == "0" {
        return true;
    }
    if s.is_empty() {
        return false;
    }
    let mut rest = s;
    while !rest.is_empty() {
        let n = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        if n == 0 || rest[..n] == *"." {
            return false;
        }
        rest = &rest[n..];
        let u = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        if !["ns", "us", "µs", "μs", "ms", "s", "m", "h"].contains(&&rest[..u]) {
            return false;
        }
        rest = &rest[u..];
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_cron_standard_schedules_accepted() {
        for ok in ["*/5 * * * *", "0 0 * * 0", "0 9-17 * * mon-fri", "@hourly", "15,45 */2 1 jan,jul ?", "@every 1h30m"]
        {
            assert_eq!(parse_cron(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn parse_cron_errors_match_robfig() {
        assert_eq!(parse_cron("foo").unwrap_err(), "expected exactly 5 fields, found 1: [foo]");
        assert_eq!(parse_cron("60 * * * *").unwrap_err(), "end of range (60) above maximum (59): 60");
        assert_eq!(parse_cron("0 0 0 * *").unwrap_err(), "beginning of range (0) below minimum (1): 0");
        assert_eq!(
            parse_cron("x * * * *").unwrap_err(),
            "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax"
        );
        assert_eq!(parse_cron("5-1 * * * *").unwrap_err(), "beginning of range (5) beyond end of range (1): 5-1");
        assert_eq!(parse_cron("@fortnightly").unwrap_err(), "unrecognized descriptor: @fortnightly");
        assert_eq!(parse_cron("*/0 * * * *").unwrap_err(), "step of range should be a positive number: */0");
    }
}
