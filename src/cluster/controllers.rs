//! The workload controllers of kube-controller-manager (deployment, replicaset, statefulset,
//! daemonset, job, cronjob), as ordinary API clients of the embedded apiserver: shared
//! informers feed per-controller work queues, reconcile decisions are plain functions over the
//! cached objects (tested without a runtime), and writes go through the REST API like any
//! other client's. Depends on `kube`, `k8s-openapi` and `k8s` (selectors) only.

pub mod cronjob;
pub mod daemonset;
pub mod deployment;
mod history;
pub mod job;
mod refs;
pub mod replicaset;
pub mod runtime;
pub mod statefulset;
pub mod util;

use std::sync::Arc;

use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::core::v1::{Node, PersistentVolumeClaim, Pod};
use kube::{Api, Client};
use tokio::task::JoinHandle;

use runtime::Informer;
use util::EventSink;

#[derive(Debug, thiserror::Error)]
pub enum ControllerError {
    #[error("API request failed")]
    Api(#[from] kube::Error),
    #[error("invalid label selector: {0}")]
    InvalidSelector(String),
    #[error("invalid schedule {schedule:?}: {reason}")]
    InvalidSchedule { schedule: String, reason: String },
    #[error("{0}")]
    Conflict(String),
}

/// One watch per kind, shared by every controller that reads the kind.
pub struct Informers {
    pub pods: Arc<Informer<Pod>>,
    pub nodes: Arc<Informer<Node>>,
    pub pvcs: Arc<Informer<PersistentVolumeClaim>>,
    pub replica_sets: Arc<Informer<ReplicaSet>>,
    pub deployments: Arc<Informer<Deployment>>,
    pub stateful_sets: Arc<Informer<StatefulSet>>,
    pub daemon_sets: Arc<Informer<DaemonSet>>,
    pub revisions: Arc<Informer<ControllerRevision>>,
    pub jobs: Arc<Informer<Job>>,
    pub cron_jobs: Arc<Informer<CronJob>>,
}

impl Informers {
    pub fn new(client: &Client) -> Informers {
        Informers {
            pods: Informer::new(Api::all(client.clone())),
            nodes: Informer::new(Api::all(client.clone())),
            pvcs: Informer::new(Api::all(client.clone())),
            replica_sets: Informer::new(Api::all(client.clone())),
            deployments: Informer::new(Api::all(client.clone())),
            stateful_sets: Informer::new(Api::all(client.clone())),
            daemon_sets: Informer::new(Api::all(client.clone())),
            revisions: Informer::new(Api::all(client.clone())),
            jobs: Informer::new(Api::all(client.clone())),
            cron_jobs: Informer::new(Api::all(client.clone())),
        }
    }

    fn start(&self) -> Vec<JoinHandle<()>> {
        vec![
            self.pods.start(),
            self.nodes.start(),
            self.pvcs.start(),
            self.replica_sets.start(),
            self.deployments.start(),
            self.stateful_sets.start(),
            self.daemon_sets.start(),
            self.revisions.start(),
            self.jobs.start(),
            self.cron_jobs.start(),
        ]
    }

    async fn wait_synced(&self) {
        self.pods.wait_synced().await;
        self.nodes.wait_synced().await;
        self.pvcs.wait_synced().await;
        self.replica_sets.wait_synced().await;
        self.deployments.wait_synced().await;
        self.stateful_sets.wait_synced().await;
        self.daemon_sets.wait_synced().await;
        self.revisions.wait_synced().await;
        self.jobs.wait_synced().await;
        self.cron_jobs.wait_synced().await;
    }
}

/// The running controllers. Dropping this stops them.
pub struct Controllers {
    tasks: Vec<JoinHandle<()>>,
    queues: Vec<Arc<runtime::Queue>>,
}

impl Controllers {
    /// Stop every controller and informer.
    pub fn stop(&mut self) {
        for q in &self.queues {
            q.shut_down();
        }
        for t in self.tasks.drain(..) {
            t.abort();
        }
    }
}

impl Drop for Controllers {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Start every workload controller against the API behind `client`. Workers start once the
/// informers have listed what exists, as kube-controller-manager waits for caches to sync.
pub fn spawn_all(client: Client) -> Controllers {
    let informers = Arc::new(Informers::new(&client));
    let (events, event_task) = EventSink::new(client.clone());
    let rs = replicaset::ReplicaSetController::new(client.clone(), &informers, &events);
    let deploy = deployment::DeploymentController::new(client.clone(), &informers, &events);
    let sts = statefulset::StatefulSetController::new(client.clone(), &informers, &events);
    let ds = daemonset::DaemonSetController::new(client.clone(), &informers, &events);
    let job = job::JobController::new(client.clone(), &informers, &events);
    let cj = cronjob::CronJobController::new(client.clone(), &informers, &events);
    let queues = vec![rs.queue(), deploy.queue(), sts.queue(), ds.queue(), job.queue(), cj.queue()];
    let mut tasks = informers.start();
    tasks.push(event_task);
    let workers = tokio::spawn(async move {
        informers.wait_synced().await;
        let mut handles = Vec::new();
        handles.extend(rs.run(5));
        handles.extend(deploy.run(5));
        handles.extend(sts.run(5));
        handles.extend(ds.run(2));
        handles.extend(job.run(5));
        handles.extend(cj.run(5));
        // Keep the workers tied to this task: aborting it aborts them.
        let _guard = AbortOnDrop(handles);
        std::future::pending::<()>().await;
    });
    tasks.push(workers);
    Controllers { tasks, queues }
}

struct AbortOnDrop(Vec<JoinHandle<()>>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        for h in &self.0 {
            h.abort();
        }
    }
}
