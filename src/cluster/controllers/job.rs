//! The Job controller (kubernetes `pkg/controller/job`): runs pods until `completions` of them
//! succeed, at most `parallelism` at a time, and fails the Job after `backoffLimit` failures or
//! `activeDeadlineSeconds`; Indexed jobs give each pod its completion index. Finished pods are
//! counted from the cache (kube's tracking finalizers are left out: nothing here deletes pods
//! of a running Job behind its back).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use k8s_openapi::api::batch::v1::{Job, JobCondition, JobStatus, UncountedTerminatedPods};
use k8s_openapi::api::core::v1::{EnvVar, EnvVarSource, ObjectFieldSelector, Pod, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector as TypedSelector;
use kube::api::{DeleteParams, PostParams};
use kube::{Api, Client, ResourceExt};

use super::runtime::{Change, Expectations, Informer, Key, Queue, owner_key, run_workers};
use super::util::{self, EventSink, PodName};
use super::{ControllerError, Informers, refs};

pub const JOB_NAME_LABEL: &str = "batch.kubernetes.io/job-name";
pub const CONTROLLER_UID_LABEL: &str = "batch.kubernetes.io/controller-uid";
pub const COMPLETION_INDEX: &str = "batch.kubernetes.io/job-completion-index";

/// A Job's pods, sorted into what the decisions need.
#[derive(Default)]
pub struct Counts {
    pub active: Vec<Arc<Pod>>,
    pub succeeded: i32,
    pub failed: i32,
    pub ready: i32,
    pub terminating: i32,
    /// Indexed jobs: the indexes that have succeeded.
    pub succeeded_indexes: BTreeSet<i32>,
}

pub fn index_of(pod: &Pod) -> Option<i32> {
    pod.annotations().get(COMPLETION_INDEX).and_then(|i| i.parse().ok())
}

/// Sort the pods; the counts never go below what status already recorded, since pods of a
/// finished run may have been deleted since.
pub fn count(job: &Job, pods: &[Arc<Pod>]) -> Counts {
    let mut c = Counts::default();
    let on_failure = job.spec.as_ref().and_then(|s| s.template.spec.as_ref()).and_then(|s| s.restart_policy.as_deref())
        == Some("OnFailure");
    let (mut succeeded, mut failed) = (0, 0);
    for p in pods {
        match util::phase(p) {
            "Succeeded" => {
                succeeded += 1;
                if let Some(i) = index_of(p) {
                    c.succeeded_indexes.insert(i);
                }
            }
            "Failed" => failed += 1,
            _ if util::is_terminating(p.as_ref()) => c.terminating += 1,
            _ => {
                if util::is_ready(p) {
                    c.ready += 1;
                }
                if on_failure {
                    // With OnFailure the kubelet restarts containers; restarts count as failures.
                    failed += p
                        .status
                        .as_ref()
                        .and_then(|s| s.container_statuses.as_ref())
                        .map_or(0, |cs| cs.iter().map(|c| c.restart_count).sum::<i32>());
                }
                c.active.push(p.clone());
            }
        }
    }
    let status = job.status.clone().unwrap_or_default();
    c.succeeded = succeeded.max(status.succeeded.unwrap_or(0));
    c.failed = failed.max(status.failed.unwrap_or(0));
    if let Some(done) = status.completed_indexes.as_deref() {
        c.succeeded_indexes.extend(parse_indexes(done));
    }
    c
}

/// `"1,3-5"` → {1, 3, 4, 5}.
pub fn parse_indexes(s: &str) -> Vec<i32> {
    s.split(',')
        .filter_map(|part| match part.split_once('-') {
            Some((a, b)) => Some((a.trim().parse::<i32>().ok()?..=b.trim().parse::<i32>().ok()?).collect::<Vec<_>>()),
            None => part.trim().parse().ok().map(|i| vec![i]),
        })
        .flatten()
        .collect()
}

/// {1, 3, 4, 5} → `"1,3-5"`.
pub fn format_indexes(set: &BTreeSet<i32>) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut iter = set.iter().copied().peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while iter.peek() == Some(&(end + 1)) {
            end = iter.next().unwrap_or(end);
        }
        out.push(if start == end { start.to_string() } else { format!("{start}-{end}") });
    }
    out.join(",")
}

/// What the Job should do now (`syncJob`/`manageJob`).
#[derive(Debug, PartialEq)]
pub enum Decision {
    /// Finished: delete active pods and set the final conditions.
    Finish { complete: bool, reason: &'static str, message: &'static str },
    /// Keep running: delete these pods (suspend or too many), create pods for these indexes
    /// (`None` for non-indexed jobs).
    Run { delete: Vec<String>, create: Vec<Option<i32>> },
}

pub fn is_finished(job: &Job) -> bool {
    job.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .into_iter()
        .flatten()
        .any(|c| (c.type_ == "Complete" || c.type_ == "Failed") && c.status == "True")
}

pub fn decide(job: &Job, c: &Counts, now: Timestamp) -> Decision {
    let spec = job.spec.clone().unwrap_or_default();
    let parallelism = spec.parallelism.unwrap_or(1).max(0);
    let backoff_limit = spec.backoff_limit.unwrap_or(6);
    let indexed = spec.completion_mode.as_deref() == Some("Indexed");
    if c.failed > backoff_limit {
        return Decision::Finish {
            complete: false,
            reason: "BackoffLimitExceeded",
            message: "Job has reached the specified backoff limit",
        };
    }
    let started = job.status.as_ref().and_then(|s| s.start_time.as_ref()).map(|t| t.0);
    if let (Some(deadline), Some(start)) = (spec.active_deadline_seconds, started)
        && start.saturating_add(jiff::SignedDuration::from_secs(deadline)).is_ok_and(|t| t <= now)
    {
        return Decision::Finish {
            complete: false,
            reason: "DeadlineExceeded",
            message: "Job was active longer than specified deadline",
        };
    }
    let complete = match spec.completions {
        Some(n) if indexed => (0..n).all(|i| c.succeeded_indexes.contains(&i)),
        Some(n) => c.succeeded >= n,
        None => c.succeeded > 0 && c.active.is_empty(),
    };
    if complete {
        return Decision::Finish {
            complete: true,
            reason: "CompletionsReached",
            message: "Reached expected number of succeeded pods",
        };
    }
    let active = c.active.len() as i32;
    if spec.suspend.unwrap_or(false) {
        return Decision::Run { delete: c.active.iter().map(|p| p.name_any()).collect(), create: vec![] };
    }
    let want = match spec.completions {
        None if c.succeeded > 0 => active,
        None => parallelism,
        Some(n) if indexed => (n - c.succeeded_indexes.len() as i32).clamp(0, parallelism),
        Some(n) => (n - c.succeeded).clamp(0, parallelism),
    };
    if active > want {
        // Newest first: they have done the least work.
        let mut pods = c.active.clone();
        pods.sort_by_key(|p| std::cmp::Reverse(p.metadata.creation_timestamp.as_ref().map(|t| t.0)));
        let delete = pods.iter().take((active - want) as usize).map(|p| p.name_any()).collect();
        return Decision::Run { delete, create: vec![] };
    }
    let missing = (want - active).max(0) as usize;
    let create = if indexed {
        let running: BTreeSet<i32> = c.active.iter().filter_map(|p| index_of(p)).collect();
        (0..spec.completions.unwrap_or(0))
            .filter(|i| !c.succeeded_indexes.contains(i) && !running.contains(i))
            .take(missing)
            .map(Some)
            .collect()
    } else {
        vec![None; missing]
    };
    Decision::Run { delete: vec![], create }
}

/// The selector a Job's pods carry: its own, or the one the apiserver generates from its uid.
pub fn selector_of(job: &Job) -> TypedSelector {
    job.spec.as_ref().and_then(|s| s.selector.clone()).unwrap_or_else(|| TypedSelector {
        match_labels: Some([(CONTROLLER_UID_LABEL.to_string(), job.metadata.uid.clone().unwrap_or_default())].into()),
        match_expressions: None,
    })
}

/// A pod for `job` (with its completion index for Indexed jobs).
pub fn new_pod(job: &Job, index: Option<i32>) -> Pod {
    let spec = job.spec.clone().unwrap_or_default();
    let template: PodTemplateSpec = spec.template.clone();
    let name = job.name_any();
    let prefix = match index {
        Some(i) => format!("{name}-{i}"),
        None => name.clone(),
    };
    let mut pod = util::pod_from_template(&template, util::controller_ref(job), PodName::Generate(&prefix));
    let labels = pod.metadata.labels.get_or_insert_with(BTreeMap::new);
    if spec.manual_selector != Some(true) {
        // The labels the apiserver puts in the template; set here too in case it did not.
        let uid = job.metadata.uid.clone().unwrap_or_default();
        for (k, v) in
            [(JOB_NAME_LABEL, &name), ("job-name", &name), (CONTROLLER_UID_LABEL, &uid), ("controller-uid", &uid)]
        {
            labels.entry(k.to_string()).or_insert_with(|| v.clone());
        }
    }
    if let Some(i) = index {
        labels.insert(COMPLETION_INDEX.into(), i.to_string());
        pod.metadata.annotations.get_or_insert_with(BTreeMap::new).insert(COMPLETION_INDEX.into(), i.to_string());
        let ps = pod.spec.get_or_insert_with(Default::default);
        ps.hostname.get_or_insert_with(|| format!("{name}-{i}"));
        let index_env = EnvVar {
            name: "JOB_COMPLETION_INDEX".into(),
            value: None,
            value_from: Some(EnvVarSource {
                field_ref: Some(ObjectFieldSelector {
                    field_path: format!("metadata.annotations['{COMPLETION_INDEX}']"),
                    api_version: None,
                }),
                ..Default::default()
            }),
        };
        for c in ps.containers.iter_mut().chain(ps.init_containers.iter_mut().flatten()) {
            let env = c.env.get_or_insert_with(Vec::new);
            if !env.iter().any(|e| e.name == index_env.name) {
                env.push(index_env.clone());
            }
        }
    }
    pod
}

fn condition(type_: &str, reason: &str, message: &str, now: Timestamp) -> JobCondition {
    JobCondition {
        type_: type_.into(),
        status: "True".into(),
        reason: Some(reason.into()),
        message: Some(message.into()),
        last_probe_time: Some(util::time(now)),
        last_transition_time: Some(util::time(now)),
    }
}

/// The status for the counts, with the final conditions when `finish` says so.
pub fn status(job: &Job, c: &Counts, finish: Option<(bool, &str, &str)>, now: Timestamp) -> JobStatus {
    let old = job.status.clone().unwrap_or_default();
    let indexed = job.spec.as_ref().and_then(|s| s.completion_mode.as_deref()) == Some("Indexed");
    let suspended = job.spec.as_ref().and_then(|s| s.suspend).unwrap_or(false);
    let mut s = JobStatus {
        active: Some(c.active.len() as i32).filter(|n| *n > 0),
        ready: Some(c.ready),
        succeeded: Some(c.succeeded).filter(|n| *n > 0),
        failed: Some(c.failed).filter(|n| *n > 0),
        terminating: Some(c.terminating),
        start_time: old.start_time.clone().or_else(|| (!suspended).then(|| util::time(now))),
        completion_time: old.completion_time.clone(),
        conditions: old.conditions.clone(),
        completed_indexes: if indexed { Some(format_indexes(&c.succeeded_indexes)) } else { None },
        uncounted_terminated_pods: Some(UncountedTerminatedPods::default()),
        failed_indexes: old.failed_indexes.clone(),
    };
    let conditions = s.conditions.get_or_insert_with(Vec::new);
    let has = |cs: &Vec<JobCondition>, t: &str| cs.iter().any(|c| c.type_ == t && c.status == "True");
    if suspended && finish.is_none() && !has(conditions, "Suspended") {
        conditions.retain(|c| c.type_ != "Suspended");
        conditions.push(condition("Suspended", "JobSuspended", "Job suspended", now));
    } else if !suspended && has(conditions, "Suspended") {
        for c in conditions.iter_mut().filter(|c| c.type_ == "Suspended") {
            *c = JobCondition { status: "False".into(), ..condition("Suspended", "JobResumed", "Job resumed", now) };
        }
    }
    if let Some((complete, reason, message)) = finish {
        // kube ≥1.31 states the criterion first, then the outcome once pods are gone.
        let (interim, last) = if complete { ("SuccessCriteriaMet", "Complete") } else { ("FailureTarget", "Failed") };
        for t in [interim, last] {
            if !has(conditions, t) {
                conditions.push(condition(t, reason, message, now));
            }
        }
        if complete && s.completion_time.is_none() {
            s.completion_time = Some(util::time(now));
        }
    }
    if conditions.is_empty() {
        s.conditions = None;
    }
    s
}

#[derive(Clone)]
pub struct JobController {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    jobs: Arc<Informer<Job>>,
    pods: Arc<Informer<Pod>>,
    queue: Arc<Queue>,
    expectations: Expectations,
    events: EventSink,
}

impl JobController {
    pub fn new(client: Client, informers: &Informers, events: &EventSink) -> JobController {
        let inner = Arc::new(Inner {
            client,
            jobs: informers.jobs.clone(),
            pods: informers.pods.clone(),
            queue: Queue::new(),
            expectations: Expectations::default(),
            events: events.for_controller("job-controller"),
        });
        let weak = Arc::downgrade(&inner);
        informers.jobs.on_change(move |c| {
            let Some(me) = weak.upgrade() else { return };
            match c {
                Change::Added(j) | Change::Updated { new: j, .. } => me.queue.add(Key::of(j.as_ref())),
                Change::Deleted(j) => me.expectations.forget(&Key::of(j.as_ref())),
            }
        });
        let weak = Arc::downgrade(&inner);
        informers.pods.on_change(move |c| {
            let Some(me) = weak.upgrade() else { return };
            let (pod, added, gone) = match c {
                Change::Added(p) => (p, true, false),
                Change::Updated { old, new } => {
                    if old.metadata.resource_version == new.metadata.resource_version {
                        return;
                    }
                    (new, false, util::is_terminating(new.as_ref()))
                }
                Change::Deleted(p) => (p, false, true),
            };
            if let Some((key, _)) = owner_key(pod.as_ref(), "Job") {
                if added {
                    me.expectations.creation_observed(&key);
                }
                if gone {
                    me.expectations.deletion_observed(&key, &Key::of(pod.as_ref()));
                }
                me.queue.add(key);
            }
        });
        JobController { inner }
    }

    pub fn queue(&self) -> Arc<Queue> {
        self.inner.queue.clone()
    }

    pub fn run(&self, workers: usize) -> Vec<tokio::task::JoinHandle<()>> {
        let inner = self.inner.clone();
        run_workers("job", self.inner.queue.clone(), workers, move |key| {
            let inner = inner.clone();
            async move { inner.sync(&key).await }
        })
    }
}

impl Inner {
    async fn sync(&self, key: &Key) -> Result<Option<Duration>, ControllerError> {
        let Some(job) = self.jobs.cache().get(key) else {
            self.expectations.forget(key);
            return Ok(None);
        };
        let job = (*job).clone();
        if is_finished(&job) {
            return Ok(None);
        }
        let selector = util::selector(Some(&selector_of(&job)))?;
        let uid = job.metadata.uid.clone().unwrap_or_default();
        let pod_api: Api<Pod> = Api::namespaced(self.client.clone(), &key.namespace);
        let orphans = if job.spec.as_ref().and_then(|s| s.manual_selector) == Some(true) {
            self.pods.cache().orphans(&key.namespace)
        } else {
            Vec::new()
        };
        let pods = refs::claim(&job, &pod_api, self.pods.cache().controlled_by(&uid), orphans, &selector).await?;
        let counts = count(&job, &pods);
        let now = util::now();
        let mut finish = None;
        // Until its own creates and deletes show in the cache, a Job only reports status.
        let decision = if self.expectations.satisfied(key) {
            decide(&job, &counts, now)
        } else {
            Decision::Run { delete: vec![], create: vec![] }
        };
        match decision {
            Decision::Finish { complete, reason, message } => {
                self.delete_pods(key, &job, counts.active.iter().map(|p| p.name_any()).collect()).await?;
                if complete {
                    self.events.normal(&job, "Completed", "Complete", "Job completed".into());
                } else {
                    self.events.warning(&job, reason, "Fail", message.into());
                }
                finish = Some((complete, reason, message));
            }
            Decision::Run { delete, create } => {
                self.delete_pods(key, &job, delete).await?;
                self.create_pods(key, &job, create).await?;
            }
        }
        let new_status = status(&job, &counts, finish, now);
        if job.status.as_ref() != Some(&new_status) {
            let api: Api<Job> = Api::namespaced(self.client.clone(), &key.namespace);
            let mut updated = job.clone();
            // The status has one writer, this controller; see the ReplicaSet controller.
            updated.metadata.resource_version = None;
            updated.status = Some(new_status.clone());
            match api.replace_status(&key.name, &PostParams::default(), &updated).await {
                Ok(_) => {}
                Err(kube::Error::Api(s)) if s.code == 404 => {}
                Err(e) => return Err(e.into()),
            }
        }
        // Wake up for the active deadline.
        let deadline = job.spec.as_ref().and_then(|s| s.active_deadline_seconds);
        let start = new_status.start_time.map(|t| t.0);
        Ok(match (deadline, start, finish) {
            (Some(d), Some(s), None) => s
                .saturating_add(jiff::SignedDuration::from_secs(d))
                .ok()
                .map(|at| Duration::try_from(at.duration_since(now)).unwrap_or_default() + Duration::from_secs(1)),
            _ => None,
        })
    }

    async fn delete_pods(&self, key: &Key, job: &Job, names: Vec<String>) -> Result<(), ControllerError> {
        if names.is_empty() {
            return Ok(());
        }
        self.expectations.expect(key, 0, names.iter().map(|n| Key::new(&key.namespace, n)));
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &key.namespace);
        for name in names {
            match api.delete(&name, &DeleteParams::background()).await {
                Ok(_) => self.events.normal(job, "SuccessfulDelete", "Delete", format!("Deleted pod: {name}")),
                Err(e) => {
                    self.expectations.deletion_observed(key, &Key::new(&key.namespace, &name));
                    if !matches!(&e, kube::Error::Api(s) if s.code == 404) {
                        return Err(e.into());
                    }
                }
            }
        }
        Ok(())
    }

    async fn create_pods(&self, key: &Key, job: &Job, indexes: Vec<Option<i32>>) -> Result<(), ControllerError> {
        if indexes.is_empty() {
            return Ok(());
        }
        let n = indexes.len();
        self.expectations.expect(key, n as i64, []);
        let api: Api<Pod> = Api::namespaced(self.client.clone(), &key.namespace);
        let batch = super::replicaset::slow_start_batch(n, |i| {
            let pod = new_pod(job, indexes[i]);
            let api = api.clone();
            async move { api.create(&PostParams::default(), &pod).await.map(|p| p.name_any()) }
        })
        .await;
        for name in &batch.done {
            self.events.normal(job, "SuccessfulCreate", "Create", format!("Created pod: {name}"));
        }
        self.expectations.lower_adds(key, (n - batch.done.len()) as i64);
        match batch.error {
            None => Ok(()),
            Some(e) => {
                self.events.warning(
                    job,
                    "FailedCreate",
                    "Create",
                    format!("Error creating: {}", super::replicaset::error_message(&e)),
                );
                Err(e.into())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::PodStatus;
    use serde_json::json;

    fn job(spec: serde_json::Value) -> Job {
        serde_json::from_value(json!({"metadata": {"name": "pi", "namespace": "default", "uid": "u1"}, "spec": spec}))
            .expect("job")
    }

    fn pod(phase: &str, index: Option<i32>) -> Arc<Pod> {
        let mut p =
            Pod { status: Some(PodStatus { phase: Some(phase.into()), ..Default::default() }), ..Default::default() };
        p.metadata.name = Some(format!("pi-{phase}-{index:?}"));
        if let Some(i) = index {
            p.metadata.annotations = Some([(COMPLETION_INDEX.to_string(), i.to_string())].into());
        }
        Arc::new(p)
    }

    fn template() -> serde_json::Value {
        json!({"spec": {"restartPolicy": "Never", "containers": [{"name": "c"}]}})
    }

    #[test]
    fn decide_runs_up_to_parallelism_of_the_remaining_completions() {
        let j = job(json!({"completions": 5, "parallelism": 2, "template": template()}));
        let c = count(&j, &[pod("Succeeded", None), pod("Succeeded", None), pod("Succeeded", None)]);
        assert_eq!(decide(&j, &c, Timestamp::now()), Decision::Run { delete: vec![], create: vec![None, None] });
        let c = count(
            &j,
            &[
                pod("Succeeded", None),
                pod("Succeeded", None),
                pod("Succeeded", None),
                pod("Succeeded", None),
                pod("Running", None),
            ],
        );
        assert_eq!(decide(&j, &c, Timestamp::now()), Decision::Run { delete: vec![], create: vec![] });
    }

    #[test]
    fn decide_enough_successes_completes() {
        let j = job(json!({"completions": 2, "template": template()}));
        let c = count(&j, &[pod("Succeeded", None), pod("Succeeded", None)]);
        assert!(matches!(decide(&j, &c, Timestamp::now()), Decision::Finish { complete: true, .. }));
    }

    #[test]
    fn decide_failures_beyond_backoff_limit_fail_the_job() {
        let j = job(json!({"backoffLimit": 1, "template": template()}));
        let c = count(&j, &[pod("Failed", None), pod("Failed", None)]);
        assert_eq!(
            decide(&j, &c, Timestamp::now()),
            Decision::Finish {
                complete: false,
                reason: "BackoffLimitExceeded",
                message: "Job has reached the specified backoff limit"
            }
        );
    }

    #[test]
    fn decide_indexed_creates_missing_indexes() {
        let j = job(json!({"completions": 4, "parallelism": 4, "completionMode": "Indexed", "template": template()}));
        let c = count(&j, &[pod("Succeeded", Some(0)), pod("Running", Some(2))]);
        assert_eq!(decide(&j, &c, Timestamp::now()), Decision::Run { delete: vec![], create: vec![Some(1), Some(3)] });
    }

    #[test]
    fn indexes_round_trip_through_the_compressed_form() {
        let set: BTreeSet<i32> = [0, 1, 2, 5, 7, 8].into();
        assert_eq!(format_indexes(&set), "0-2,5,7-8");
        assert_eq!(parse_indexes("0-2,5,7-8").into_iter().collect::<BTreeSet<_>>(), set);
    }

    #[test]
    fn status_on_completion_sets_conditions_and_time() {
        let j = job(json!({"completions": 1, "template": template()}));
        let c = count(&j, &[pod("Succeeded", None)]);
        let s = status(
            &j,
            &c,
            Some((true, "CompletionsReached", "Reached expected number of succeeded pods")),
            Timestamp::now(),
        );
        let types: Vec<&str> = s.conditions.as_ref().expect("conditions").iter().map(|c| c.type_.as_str()).collect();
        assert_eq!(types, ["SuccessCriteriaMet", "Complete"]);
        assert!(s.completion_time.is_some());
        assert_eq!(s.succeeded, Some(1));
    }

    #[test]
    fn new_pod_carries_job_labels_and_index() {
        let j = job(json!({"completionMode": "Indexed", "completions": 3, "template": template()}));
        let p = new_pod(&j, Some(2));
        assert_eq!(p.metadata.generate_name.as_deref(), Some("pi-2-"));
        assert_eq!(p.labels().get(JOB_NAME_LABEL).map(String::as_str), Some("pi"));
        assert_eq!(p.labels().get(CONTROLLER_UID_LABEL).map(String::as_str), Some("u1"));
        assert_eq!(p.annotations().get(COMPLETION_INDEX).map(String::as_str), Some("2"));
        assert_eq!(p.spec.expect("spec").hostname.as_deref(), Some("pi-2"));
    }
}
