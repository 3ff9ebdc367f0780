//! `delete` as kubectl does it: names, `-f`, `-l`, `--all`; a DELETE with a `DeleteOptions`
//! body (`propagationPolicy` from `--cascade`, `gracePeriodSeconds`), kubectl's lines
//! (`deployment.apps "web" deleted`, `force deleted`, dry-run suffixes) and, with `--wait`
//! (the default), a watch on each deleted object until it is gone.

use std::time::Duration;

use futures::{AsyncBufReadExt, TryStreamExt};
use serde_json::{Value, json};

use super::get::kind_prefix;
use super::rest;
use super::write::{self, DryRun, Report, Selection, Target, WriteError};
use super::{ClientError, Session};

/// `--cascade`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cascade {
    #[default]
    Background,
    Foreground,
    Orphan,
}

impl Cascade {
    /// kubectl's values, including the deprecated `true`/`false`.
    pub fn parse(s: &str) -> Result<Cascade, ClientError> {
        match s {
            "background" | "true" => Ok(Cascade::Background),
            "foreground" => Ok(Cascade::Foreground),
            "orphan" | "false" => Ok(Cascade::Orphan),
            other => Err(ClientError::Usage(format!(
                "invalid cascade value ({other}). Must be \"background\", \"foreground\", or \"orphan\""
            ))),
        }
    }

    fn policy(self) -> &'static str {
        match self {
            Cascade::Background => "Background",
            Cascade::Foreground => "Foreground",
            Cascade::Orphan => "Orphan",
        }
    }
}

#[derive(Clone, Debug)]
pub struct DeleteOptions {
    pub selection: Selection,
    pub cascade: Cascade,
    /// `--grace-period`; negative means the object's own default.
    pub grace_period: i64,
    pub force: bool,
    pub now: bool,
    pub wait: bool,
    /// `--timeout`; zero waits a week, as kubectl does.
    pub timeout: Duration,
    /// `--ignore-not-found`; `None` means kubectl's default (true with `-l`/`--all`).
    pub ignore_not_found: Option<bool>,
    pub dry_run: DryRun,
    /// `-o name`.
    pub name_only: bool,
}

impl Default for DeleteOptions {
    fn default() -> DeleteOptions {
        DeleteOptions {
            selection: Selection::default(),
            cascade: Cascade::Background,
            grace_period: -1,
            force: false,
            now: false,
            wait: true,
            timeout: Duration::ZERO,
            ignore_not_found: None,
            dry_run: DryRun::None,
            name_only: false,
        }
    }
}

const FORCE_WARNING: &str = "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.";

/// The grace period kubectl sends: `--now` is 1, `--force` is 0, and a bare
/// `--grace-period=0` becomes 1 (only `--force` deletes at once).
fn effective_grace(opts: &DeleteOptions) -> Result<i64, ClientError> {
    if opts.now && opts.grace_period >= 0 {
        return Err(ClientError::Usage("--now and --grace-period cannot be specified together".into()));
    }
    let mut grace = if opts.now { 1 } else { opts.grace_period };
    if grace == 0 && !opts.force {
        grace = 1;
    }
    if opts.force && grace < 0 {
        grace = 0;
    }
    Ok(grace)
}

/// The `DeleteOptions` body.
pub fn delete_body(cascade: Cascade, grace: i64, dry_run: DryRun) -> Value {
    let mut body = json!({"propagationPolicy": cascade.policy()});
    if grace >= 0 {
        body["gracePeriodSeconds"] = json!(grace);
    }
    if dry_run == DryRun::Server {
        body["dryRun"] = json!(["All"]);
    }
    body
}

/// `kubectl delete`. Lines go to `report`; per-object errors come back.
pub async fn delete(
    session: &Session,
    opts: &DeleteOptions,
    report: &mut dyn Report,
) -> Result<Vec<WriteError>, ClientError> {
    let sel = &opts.selection;
    if sel.is_empty() {
        return Err(ClientError::Usage("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'".into()));
    }
    if sel.all && sel.selector.is_some() {
        return Err(ClientError::Usage("cannot set --all and --selector at the same time".into()));
    }
    let grace = effective_grace(opts)?;
    let ignore_not_found = opts.ignore_not_found.unwrap_or(sel.lists());
    let (targets, mut errors) =
        write::select(session, sel, "resource(s) were provided, but no name was specified").await?;
    if targets.is_empty() && errors.is_empty() {
        report.line("No resources found");
        return Ok(errors);
    }
    if grace == 0 && opts.force {
        report.warning(FORCE_WARNING);
    }
    let body = delete_body(opts.cascade, grace, opts.dry_run);
    let mut deleted: Vec<(Target, String)> = Vec::new();
    for t in &targets {
        if opts.dry_run == DryRun::Client {
            // kubectl checks the object exists before claiming it would be deleted.
            if let Err(e) = write::get_object(session, &t.path()).await {
                if !(e.is_not_found() && ignore_not_found) {
                    errors.push(WriteError::from_rest(e, "", None));
                }
                continue;
            }
        } else {
            match write::delete_object(session, &t.path(), &body, opts.dry_run == DryRun::Server).await {
                Ok(v) => deleted.push((t.clone(), returned_uid(&v))),
                Err(e) if e.is_not_found() && ignore_not_found => continue,
                Err(e) => {
                    errors.push(WriteError::from_rest(e, "", None));
                    continue;
                }
            }
        }
        report.line(&line(t, grace, opts));
    }
    if opts.wait && opts.dry_run == DryRun::None && !deleted.is_empty() {
        let timeout = if opts.timeout.is_zero() { Duration::from_secs(168 * 3600) } else { opts.timeout };
        for (t, uid) in &deleted {
            if let Err(e) = wait_deleted(session, t, uid, timeout).await {
                errors.push(e);
            }
        }
    }
    Ok(errors)
}

/// The uid in a DELETE answer: the object while it terminates, or a Status naming it.
fn returned_uid(v: &Value) -> String {
    let uid = crate::k8s::meta::uid(v);
    if !uid.is_empty() {
        return uid.to_string();
    }
    v.get("details").and_then(|d| d.get("uid")).and_then(Value::as_str).unwrap_or("").to_string()
}

/// `configmap "x" deleted`, `pod "x" force deleted (dry run)`, or `configmap/x` for `-o name`.
fn line(t: &Target, grace: i64, opts: &DeleteOptions) -> String {
    let kind = kind_prefix(&t.rt);
    if opts.name_only {
        return format!("{kind}/{}", t.name);
    }
    let op = if grace == 0 { "force deleted" } else { "deleted" };
    format!("{kind} \"{}\" {op}{}", t.name, opts.dry_run.suffix())
}

/// Wait until the object with `uid` is gone: a GET that finds nothing (or a new object of
/// the same name), else a watch from its resourceVersion until DELETED, re-watching when the
/// server ends the stream.
pub async fn wait_deleted(session: &Session, t: &Target, uid: &str, timeout: Duration) -> Result<(), WriteError> {
    let deadline = tokio::time::Instant::now() + timeout;
    let timed_out =
        || WriteError::Message(format!("timed out waiting for the condition on {}/{}", t.rt.plural, t.name));
    loop {
        let live = match write::get_object(session, &t.path()).await {
            Ok(v) => v,
            Err(e) if e.is_not_found() => return Ok(()),
            Err(e) => return Err(WriteError::from_rest(e, "", None)),
        };
        if !uid.is_empty() && crate::k8s::meta::uid(&live) != uid {
            return Ok(());
        }
        let rv = crate::k8s::meta::resource_version(&live).to_string();
        let remaining = deadline.saturating_duration_since(tokio::time::Instant::now());
        if remaining.is_zero() {
            return Err(timed_out());
        }
        let secs = remaining.as_secs().clamp(1, 300).to_string();
        let field = format!("metadata.name={}", t.name);
        let q = rest::query(&[
            ("fieldSelector", field.as_str()),
            ("resourceVersion", rv.as_str()),
            ("timeoutSeconds", secs.as_str()),
            ("watch", "true"),
        ]);
        let url = format!("{}?{q}", t.collection_path());
        match tokio::time::timeout(remaining, watch_until_deleted(session, &url, uid)).await {
            Ok(Ok(true)) => return Ok(()),
            // The stream ended (or broke): look again.
            Ok(Ok(false)) | Ok(Err(_)) => {}
            Err(_) => return Err(timed_out()),
        }
    }
}

/// Read watch events until the object is DELETED (`true`) or the stream ends (`false`).
async fn watch_until_deleted(session: &Session, url: &str, uid: &str) -> Result<bool, kube::Error> {
    let req = http::Request::get(url).body(Vec::new()).expect("valid request");
    let stream = session.client().request_stream(req).await?;
    let mut lines = stream.lines();
    while let Some(line) = lines.try_next().await.map_err(kube::Error::ReadEvents)? {
        let Ok(event) = serde_json::from_str::<Value>(&line) else { continue };
        let ty = event.get("type").and_then(Value::as_str).unwrap_or("");
        let obj_uid = event.get("object").map(crate::k8s::meta::uid).unwrap_or("");
        match ty {
            "DELETED" if uid.is_empty() || obj_uid == uid => return Ok(true),
            "ERROR" => return Ok(false),
            _ => {}
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effective_grace_follows_kubectl() {
        let base = DeleteOptions::default();
        assert_eq!(effective_grace(&base).ok(), Some(-1));
        assert_eq!(effective_grace(&DeleteOptions { grace_period: 0, ..base.clone() }).ok(), Some(1));
        assert_eq!(effective_grace(&DeleteOptions { force: true, ..base.clone() }).ok(), Some(0));
        assert_eq!(effective_grace(&DeleteOptions { now: true, ..base.clone() }).ok(), Some(1));
        assert_eq!(effective_grace(&DeleteOptions { grace_period: 5, ..base }).ok(), Some(5));
    }

    #[test]
    fn delete_body_carries_policy_grace_and_dry_run() {
        assert_eq!(delete_body(Cascade::Background, -1, DryRun::None), json!({"propagationPolicy": "Background"}));
        assert_eq!(
            delete_body(Cascade::Orphan, 0, DryRun::Server),
            json!({"propagationPolicy": "Orphan", "gracePeriodSeconds": 0, "dryRun": ["All"]})
        );
    }
}
