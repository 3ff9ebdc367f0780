//! The `sim` runtime: no host code runs. A container "runs" until stopped, unless the pod
//! says otherwise:
//!
//! - containers of pods with `restartPolicy: Never` or `OnFailure` (Jobs) run for 2 s and
//!   exit 0; regular init containers run for 1 s and exit 0;
//! - the annotation `kx.dev/sim-run-seconds: "N"` makes app containers exit after N seconds
//!   (fractions allowed), and `kx.dev/sim-exit-code: "N"` sets their exit code (alone, it
//!   makes even long-running containers exit after 2 s: a simulated crash loop);
//! - `kx.dev/sim-run-seconds.<container>` and `kx.dev/sim-exit-code.<container>` set the
//!   same for one container, init containers included.
//!
//! Stopping a simulated container is immediate and exits 0. Its log says it is simulated.

use std::time::Duration;

use k8s_openapi::api::core::v1::Pod;
use tokio::sync::mpsc;

use super::{Finished, Instance, Launch, new_id};
use crate::cluster::kubelet::lifecycle::{RestartPolicy, Role};
use crate::cluster::kubelet::logs::Stream;

pub const RUN_SECONDS: &str = "kx.dev/sim-run-seconds";
pub const EXIT_CODE: &str = "kx.dev/sim-exit-code";

/// How a simulated container behaves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SimRun {
    /// `None` runs until stopped.
    pub run_for: Option<Duration>,
    pub exit_code: i32,
}

/// Decide a simulated container's run from the pod (see the module doc).
pub fn plan(pod: &Pod, container: &str, role: Role, policy: RestartPolicy) -> SimRun {
    let annotations = pod.metadata.annotations.as_ref();
    let get = |key: &str| -> Option<&str> {
        let own = annotations.and_then(|a| a.get(&format!("{key}.{container}")));
        // Pod-wide settings are for app containers; init containers need their own.
        let pod_wide = if role == Role::Main { annotations.and_then(|a| a.get(key)) } else { None };
        own.or(pod_wide).map(|s| s.trim())
    };
    let run_seconds = get(RUN_SECONDS).and_then(|s| s.parse::<f64>().ok()).filter(|s| s.is_finite() && *s >= 0.0);
    let exit_code = get(EXIT_CODE).and_then(|s| s.parse::<i32>().ok());
    let default_run = match (role, policy) {
        (Role::Init, _) => Some(1.0),
        (Role::Sidecar, _) => None,
        (Role::Main, RestartPolicy::Always) => None,
        (Role::Main, _) => Some(2.0),
    };
    let run = run_seconds.or(default_run).or(exit_code.map(|_| 2.0));
    SimRun { run_for: run.map(Duration::from_secs_f64), exit_code: exit_code.unwrap_or(0) }
}

pub fn start(launch: Launch, on_exit: impl FnOnce(Finished) + Send + 'static) -> Instance {
    let name = launch.container.name.clone();
    let image = launch.container.image.clone().unwrap_or_default();
    let run = plan(&launch.pod, &name, launch.role, launch.restart_policy);
    let log = launch.log.clone();
    log.line(
        Stream::Stdout,
        &format!(
            "[kx sim] container {name:?} (image {image:?}) started on node {:?}; this container is simulated and runs no process",
            launch.node
        ),
    );
    match run.run_for {
        Some(d) => log.line(
            Stream::Stdout,
            &format!("[kx sim] it will exit with code {} after {:.1}s", run.exit_code, d.as_secs_f64()),
        ),
        None => log.line(Stream::Stdout, "[kx sim] it runs until stopped"),
    }
    let (stop, mut stop_rx) = mpsc::unbounded_channel::<Duration>();
    tokio::spawn(async move {
        let sleep = async {
            match run.run_for {
                Some(d) => tokio::time::sleep(d).await,
                None => std::future::pending().await,
            }
        };
        let code = tokio::select! {
            _ = sleep => {
                log.line(Stream::Stdout, &format!("[kx sim] simulated run finished; exiting with code {}", run.exit_code));
                run.exit_code
            }
            _ = stop_rx.recv() => {
                log.line(Stream::Stdout, "[kx sim] received SIGTERM; exiting with code 0");
                0
            }
        };
        log.close();
        on_exit(Finished { code, reason: None, message: None, finished_at: jiff::Timestamp::now() });
    });
    Instance { id: new_id("sim"), started_at: jiff::Timestamp::now(), stop, exec: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(annotations: serde_json::Value) -> Pod {
        serde_json::from_value(
            json!({"metadata": {"name": "p", "annotations": annotations}, "spec": {"containers": []}}),
        )
        .expect("pod")
    }

    #[test]
    fn plan_defaults_follow_the_restart_policy() {
        let p = pod(json!({}));
        assert_eq!(plan(&p, "c", Role::Main, RestartPolicy::Always), SimRun { run_for: None, exit_code: 0 });
        assert_eq!(plan(&p, "c", Role::Main, RestartPolicy::Never).run_for, Some(Duration::from_secs(2)));
        assert_eq!(plan(&p, "c", Role::Main, RestartPolicy::OnFailure).run_for, Some(Duration::from_secs(2)));
        assert_eq!(plan(&p, "i", Role::Init, RestartPolicy::Always).run_for, Some(Duration::from_secs(1)));
        assert_eq!(plan(&p, "s", Role::Sidecar, RestartPolicy::Always).run_for, None);
    }

    #[test]
    fn plan_annotations_simulate_crashes() {
        let p = pod(json!({EXIT_CODE: "3"}));
        assert_eq!(
            plan(&p, "c", Role::Main, RestartPolicy::Always),
            SimRun { run_for: Some(Duration::from_secs(2)), exit_code: 3 }
        );
        assert_eq!(plan(&p, "i", Role::Init, RestartPolicy::Always).exit_code, 0, "pod-wide keys skip init containers");
        let p = pod(json!({RUN_SECONDS: "0.5", "kx.dev/sim-exit-code.init": "1", "kx.dev/sim-run-seconds.web": "7"}));
        assert_eq!(plan(&p, "c", Role::Main, RestartPolicy::Always).run_for, Some(Duration::from_millis(500)));
        assert_eq!(plan(&p, "web", Role::Main, RestartPolicy::Always).run_for, Some(Duration::from_secs(7)));
        assert_eq!(plan(&p, "init", Role::Init, RestartPolicy::Always).exit_code, 1);
        let p = pod(json!({RUN_SECONDS: "soon"}));
        assert_eq!(plan(&p, "c", Role::Main, RestartPolicy::Always).run_for, None, "unparsable values are ignored");
    }
}
