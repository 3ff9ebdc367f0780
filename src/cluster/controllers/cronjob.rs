//! The CronJob controller (kubernetes `pkg/controller/cronjob`, the v2 controller): creates a
//! Job for the most recent missed schedule time, honouring the concurrency policy, the
//! starting deadline, suspension and `spec.timeZone`, tracks its active Jobs and prunes finished
//! ones beyond the history limits. Schedules are parsed by `croner` on `jiff` time.

use std::sync::Arc;
use std::time::Duration;

use croner::Cron;
use croner::parser::{CronParser, Seconds, Year};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};
use k8s_openapi::api::batch::v1::{CronJob, CronJobStatus, Job};
use k8s_openapi::api::core::v1::ObjectReference;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use kube::api::{DeleteParams, PostParams};
use kube::{Api, Client, Resource, ResourceExt};

use super::runtime::{Change, Informer, Key, Queue, owner_key, run_workers};
use super::util::{self, EventSink};
use super::{ControllerError, Informers};

pub const SCHEDULED_TIMESTAMP: &str = "batch.kubernetes.io/cronjob-scheduled-timestamp";
/// More missed start times than this are not enumerated (kube's limit as well).
const MAX_MISSED: usize = 100;

/// A parsed schedule in its time zone.
pub struct Schedule {
    cron: Cron,
    tz: TimeZone,
}

/// Parse `schedule` as kube does: five fields, `@hourly`-style macros, an optional `TZ=` or
/// `CRON_TZ=` prefix; `time_zone` (spec.timeZone) names the zone otherwise (UTC by default,
/// where kube uses the controller's local zone).
pub fn parse(schedule: &str, time_zone: Option<&str>) -> Result<Schedule, ControllerError> {
    let invalid = |reason: String| ControllerError::InvalidSchedule { schedule: schedule.to_string(), reason };
    let mut s = schedule.trim();
    let mut zone = time_zone.map(str::to_string);
    for prefix in ["CRON_TZ=", "TZ="] {
        if let Some(rest) = s.strip_prefix(prefix) {
            let (tz, expr) = rest.split_once(char::is_whitespace).ok_or_else(|| invalid("missing schedule".into()))?;
            zone = Some(tz.to_string());
            s = expr.trim();
        }
    }
    let expr = match s {
        // croner knows the other macros; this one it spells @daily.
        "@midnight" => "0 0 * * *",
        other => other,
    };
    if expr.starts_with("@every") {
        return Err(invalid("@every is not supported".into()));
    }
    let cron = CronParser::builder()
        .seconds(Seconds::Disallowed)
        .year(Year::Disallowed)
        .build()
        .parse(expr)
        .map_err(|e| invalid(e.to_string()))?;
    let tz = match zone.as_deref() {
        None | Some("") | Some("UTC") | Some("Etc/UTC") => TimeZone::UTC,
        Some(name) => TimeZone::get(name).map_err(|e| invalid(format!("unknown time zone {name}: {e}")))?,
    };
    Ok(Schedule { cron, tz })
}

impl Schedule {
    /// The first schedule time strictly after `t`.
    pub fn next_after(&self, t: Timestamp) -> Option<Timestamp> {
        let z = t.to_zoned(self.tz.clone());
        self.cron.find_next_occurrence(&z, false).ok().map(|n: Zoned| n.timestamp())
    }
}

/// The most recent schedule time in (`earliest`, `now`], and how many were missed
/// (`mostRecentScheduleTime`).
pub fn most_recent(sched: &Schedule, earliest: Timestamp, now: Timestamp) -> (Option<Timestamp>, usize) {
    let mut last = None;
    let mut missed = 0;
    let mut t = earliest;
    while let Some(next) = sched.next_after(t) {
        if next > now {
            break;
        }
        last = Some(next);
        missed += 1;
        t = next;
        if missed > MAX_MISSED {
            // Too many to walk: jump to the latest by searching backwards from now.
            let z = now.to_zoned(sched.tz.clone());
            last = sched.cron.find_previous_occurrence(&z, true).ok().map(|p: Zoned| p.timestamp());
            break;
        }
    }
    (last, missed)
}

/// The Job for the run scheduled at `at` (`getJobFromTemplate2`): named after the schedule
/// time in minutes, so a run is created at most once.
pub fn job_for(cj: &CronJob, at: Timestamp, tz: &TimeZone) -> Job {
    let template = cj.spec.as_ref().map(|s| s.job_template.clone()).unwrap_or_default();
    let tm = template.metadata.unwrap_or_default();
    let mut annotations = tm.annotations.unwrap_or_default();
    annotations
        .insert(SCHEDULED_TIMESTAMP.into(), at.to_zoned(tz.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
    Job {
        metadata: ObjectMeta {
            name: Some(format!("{}-{}", cj.name_any(), at.as_second().div_euclid(60))),
            namespace: cj.namespace(),
            labels: tm.labels,
            annotations: Some(annotations),
            owner_references: Some(vec![util::controller_ref(cj)]),
            ..Default::default()
        },
        spec: template.spec,
        status: None,
    }
}

fn finished_as(job: &Job) -> Option<&'static str> {
    let conds = job.status.as_ref()?.conditions.as_ref()?;
    if conds.iter().any(|c| c.type_ == "Complete" && c.status == "True") {
        Some("Complete")
    } else if conds.iter().any(|c| c.type_ == "Failed" && c.status == "True") {
        Some("Failed")
    } else {
        None
    }
}

fn reference(job: &Job) -> ObjectReference {
    let mut r = job.object_ref(&());
    r.field_path = None;
    r
}

#[derive(Clone)]
pub struct CronJobController {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    cron_jobs: Arc<Informer<CronJob>>,
    jobs: Arc<Informer<Job>>,
    queue: Arc<Queue>,
    events: EventSink,
}

impl CronJobController {
    pub fn new(client: Client, informers: &Informers, events: &EventSink) -> CronJobController {
        let inner = Arc::new(Inner {
            client,
            cron_jobs: informers.cron_jobs.clone(),
            jobs: informers.jobs.clone(),
            queue: Queue::new(),
            events: events.for_controller("cronjob-controller"),
        });
        let weak = Arc::downgrade(&inner);
        informers.cron_jobs.on_change(move |c| {
            let Some(me) = weak.upgrade() else { return };
            if let Change::Added(cj) | Change::Updated { new: cj, .. } = c {
                me.queue.add(Key::of(cj.as_ref()));
            }
        });
        let weak = Arc::downgrade(&inner);
        informers.jobs.on_change(move |c| {
            let Some(me) = weak.upgrade() else { return };
            let job = match c {
                Change::Added(j) | Change::Deleted(j) => j,
                Change::Updated { new, .. } => new,
            };
            if let Some((key, _)) = owner_key(job.as_ref(), "CronJob") {
                me.queue.add(key);
            }
        });
        CronJobController { inner }
    }

    pub fn queue(&self) -> Arc<Queue> {
        self.inner.queue.clone()
    }

    pub fn run(&self, workers: usize) -> Vec<tokio::task::JoinHandle<()>> {
        let inner = self.inner.clone();
        run_workers("cronjob", self.inner.queue.clone(), workers, move |key| {
            let inner = inner.clone();
            async move { inner.sync(&key).await }
        })
    }
}

impl Inner {
    async fn sync(&self, key: &Key) -> Result<Option<Duration>, ControllerError> {
        let Some(cj) = self.cron_jobs.cache().get(key) else { return Ok(None) };
        let cj = (*cj).clone();
        let spec = cj.spec.clone().unwrap_or_default();
        let uid = cj.metadata.uid.clone().unwrap_or_default();
        let job_api: Api<Job> = Api::namespaced(self.client.clone(), &key.namespace);
        let mut jobs: Vec<Arc<Job>> = self.jobs.cache().controlled_by(&uid);
        jobs.sort_by_key(|j| j.metadata.creation_timestamp.as_ref().map(|t| t.0));
        let old_status = cj.status.clone().unwrap_or_default();
        let mut status = old_status.clone();
        let mut active: Vec<ObjectReference> = status.active.take().unwrap_or_default();

        // Reconcile the active list with the Jobs that exist (`syncCronJob`).
        for job in &jobs {
            let listed = active.iter().any(|r| r.uid == job.metadata.uid);
            match finished_as(job) {
                Some(outcome) if listed => {
                    active.retain(|r| r.uid != job.metadata.uid);
                    self.events.normal(
                        &cj,
                        "SawCompletedJob",
                        "Sync",
                        format!("Saw completed job: {}, status: {outcome}", job.name_any()),
                    );
                    if outcome == "Complete" {
                        let done = job.status.as_ref().and_then(|s| s.completion_time.clone());
                        if done.is_some()
                            && status.last_successful_time.as_ref().map(|t| t.0) < done.as_ref().map(|t| t.0)
                        {
                            status.last_successful_time = done;
                        }
                    }
                }
                None if !listed && !util::is_terminating(job.as_ref()) => active.push(reference(job)),
                _ => {}
            }
        }
        active.retain(|r| jobs.iter().any(|j| j.metadata.uid == r.uid));

        let mut requeue = None;
        if !util::is_terminating(&cj) && !spec.suspend.unwrap_or(false) {
            match parse(&spec.schedule, spec.time_zone.as_deref()) {
                Err(e) => {
                    self.events.warning(&cj, "InvalidSchedule", "Sync", format!("invalid schedule: {e}"));
                }
                Ok(sched) => {
                    requeue = self.schedule(&cj, &sched, &job_api, &mut active, &mut status).await?;
                }
            }
        }
        self.prune(&cj, &job_api, &jobs, &active).await;

        status.active = if active.is_empty() { None } else { Some(active) };
        if status != old_status {
            let api: Api<CronJob> = Api::namespaced(self.client.clone(), &key.namespace);
            let mut updated = cj.clone();
            // The status has one writer, this controller; see the ReplicaSet controller.
            updated.metadata.resource_version = None;
            updated.status = Some(status);
            match api.replace_status(&key.name, &PostParams::default(), &updated).await {
                Ok(_) => {}
                Err(kube::Error::Api(s)) if s.code == 404 => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(requeue)
    }

    /// Start the run that is due, if any; returns when the next one is.
    async fn schedule(
        &self,
        cj: &CronJob,
        sched: &Schedule,
        api: &Api<Job>,
        active: &mut Vec<ObjectReference>,
        status: &mut CronJobStatus,
    ) -> Result<Option<Duration>, ControllerError> {
        let spec = cj.spec.clone().unwrap_or_default();
        let now = util::now();
        let created = cj.metadata.creation_timestamp.as_ref().map_or(now, |t| t.0);
        let mut earliest = status.last_schedule_time.as_ref().map_or(created, |t| t.0);
        if let Some(deadline) = spec.starting_deadline_seconds {
            let floor = now.saturating_sub(jiff::SignedDuration::from_secs(deadline)).unwrap_or(now);
            earliest = earliest.max(floor);
        }
        let next = sched.next_after(now);
        let wait =
            next.map(|n| Duration::try_from(n.duration_since(now)).unwrap_or_default() + Duration::from_millis(100));
        let (due, missed) = most_recent(sched, earliest, now);
        let Some(at) = due else { return Ok(wait) };
        if missed > MAX_MISSED {
            self.events.warning(
                cj,
                "TooManyMissedTimes",
                "Sync",
                "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew".into(),
            );
        }
        if let Some(deadline) = spec.starting_deadline_seconds
            && at.saturating_add(jiff::SignedDuration::from_secs(deadline)).is_ok_and(|t| t < now)
        {
            self.events.warning(cj, "MissSchedule", "Sync", format!("Missed scheduled time to start a job: {at}"));
            return Ok(wait);
        }
        let policy = spec.concurrency_policy.as_deref().unwrap_or("Allow");
        if policy == "Forbid" && !active.is_empty() {
            self.events.normal(
                cj,
                "JobAlreadyActive",
                "Sync",
                "Not starting job because prior execution is running and concurrency policy is Forbid".into(),
            );
            return Ok(wait);
        }
        if policy == "Replace" {
            for r in std::mem::take(active) {
                let name = r.name.clone().unwrap_or_default();
                match api.delete(&name, &DeleteParams::background()).await {
                    Ok(_) => self.events.normal(cj, "SuccessfulDelete", "Delete", format!("Deleted job {name}")),
                    Err(kube::Error::Api(s)) if s.code == 404 => {}
                    Err(e) => {
                        active.push(r);
                        return Err(e.into());
                    }
                }
            }
        }
        let job = job_for(cj, at, &sched.tz);
        let name = job.name_any();
        let created = match api.create(&PostParams::default(), &job).await {
            Ok(j) => {
                self.events.normal(cj, "SuccessfulCreate", "Create", format!("Created job {name}"));
                j
            }
            // This run was started before (a retried sync); it is already tracked or finished.
            Err(kube::Error::Api(s)) if s.code == 409 => api.get(&name).await?,
            Err(e) => {
                self.events.warning(
                    cj,
                    "FailedCreate",
                    "Create",
                    format!("Error creating job: {}", super::replicaset::error_message(&e)),
                );
                return Err(e.into());
            }
        };
        if finished_as(&created).is_none() && !active.iter().any(|r| r.uid == created.metadata.uid) {
            active.push(reference(&created));
        }
        status.last_schedule_time = Some(util::time(at));
        Ok(wait)
    }

    /// Delete the oldest finished Jobs beyond the history limits (`cleanupFinishedJobs`).
    async fn prune(&self, cj: &CronJob, api: &Api<Job>, jobs: &[Arc<Job>], active: &[ObjectReference]) {
        let spec = cj.spec.clone().unwrap_or_default();
        for (outcome, limit) in [
            ("Complete", spec.successful_jobs_history_limit.unwrap_or(3)),
            ("Failed", spec.failed_jobs_history_limit.unwrap_or(1)),
        ] {
            let finished: Vec<&Arc<Job>> = jobs
                .iter()
                .filter(|j| finished_as(j) == Some(outcome) && !util::is_terminating(j.as_ref()))
                .filter(|j| !active.iter().any(|r| r.uid == j.metadata.uid))
                .collect();
            let excess = finished.len().saturating_sub(limit.max(0) as usize);
            for job in finished.into_iter().take(excess) {
                let name = job.name_any();
                match api.delete(&name, &DeleteParams::background()).await {
                    Ok(_) => self.events.normal(cj, "SuccessfulDelete", "Delete", format!("Deleted job {name}")),
                    Err(e) => tracing::debug!(job = %name, error = %e, "could not delete a finished job"),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    #[test]
    fn parse_accepts_standard_fields_and_macros() {
        for s in ["*/5 * * * *", "0 3 * * MON-FRI", "@hourly", "@midnight", "@weekly", "TZ=Europe/Paris 0 9 * * *"] {
            assert!(parse(s, None).is_ok(), "{s}");
        }
        assert!(parse("* * * *", None).is_err());
        assert!(parse("0 0 0 * * *", None).is_err(), "seconds are not part of kube's syntax");
        assert!(parse("@every 1h", None).is_err());
        assert!(parse("* * * * *", Some("Not/AZone")).is_err());
    }

    #[test]
    fn next_after_follows_the_time_zone() {
        let s = parse("0 9 * * *", Some("Europe/Paris")).expect("valid");
        // 09:00 in Paris in winter is 08:00 UTC.
        assert_eq!(s.next_after(ts("2026-01-10T12:00:00Z")), Some(ts("2026-01-11T08:00:00Z")));
    }

    #[test]
    fn most_recent_finds_the_last_missed_time() {
        let s = parse("*/10 * * * *", None).expect("valid");
        let (at, missed) = most_recent(&s, ts("2026-01-01T00:05:00Z"), ts("2026-01-01T00:47:00Z"));
        assert_eq!((at, missed), (Some(ts("2026-01-01T00:40:00Z")), 4));
        let (none, _) = most_recent(&s, ts("2026-01-01T00:41:00Z"), ts("2026-01-01T00:47:00Z"));
        assert_eq!(none, None);
    }

    #[test]
    fn most_recent_many_missed_times_jumps_to_the_latest() {
        let s = parse("* * * * *", None).expect("valid");
        let (at, missed) = most_recent(&s, ts("2026-01-01T00:00:00Z"), ts("2026-01-02T00:00:30Z"));
        assert!(missed > MAX_MISSED);
        assert_eq!(at, Some(ts("2026-01-02T00:00:00Z")));
    }

    #[test]
    fn job_for_is_named_by_scheduled_minute_and_owned() {
        let cj: CronJob = serde_json::from_value(serde_json::json!({
            "metadata": {"name": "hello", "namespace": "default", "uid": "u"},
            "spec": {"schedule": "* * * * *", "jobTemplate": {"metadata": {"labels": {"a": "b"}}, "spec": {"template": {"spec": {"containers": []}}}}},
        }))
        .expect("cronjob");
        let j = job_for(&cj, ts("2026-01-01T00:10:00Z"), &TimeZone::UTC);
        assert_eq!(j.name_any(), format!("hello-{}", ts("2026-01-01T00:10:00Z").as_second() / 60));
        assert_eq!(j.annotations().get(SCHEDULED_TIMESTAMP).map(String::as_str), Some("2026-01-01T00:10:00+00:00"));
        assert_eq!(j.labels().get("a").map(String::as_str), Some("b"));
        assert_eq!(j.owner_references()[0].kind, "CronJob");
    }
}
