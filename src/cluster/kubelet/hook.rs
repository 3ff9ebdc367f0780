//! Container lifecycle hooks: `postStart` right after a container starts, `preStop` before
//! it is stopped (within the grace period, which the hook's time counts against). Exec,
//! HTTP GET and TCP handlers run as probes do (for real in the `process` runtime, passing
//! in `sim`); `sleep` sleeps in both.

use std::time::Duration;

use k8s_openapi::api::core::v1::{Container, LifecycleHandler, Probe};

use super::probe::{self, Checker};

/// Run a hook; the failure message the kubelet would record.
pub async fn run(c: &Container, handler: &LifecycleHandler, checker: &Checker) -> Result<(), String> {
    if let Some(s) = &handler.sleep {
        tokio::time::sleep(Duration::from_secs(u64::try_from(s.seconds).unwrap_or(0))).await;
        return Ok(());
    }
    // A hook is a one-off probe with no timeout of its own: the caller bounds it.
    let as_probe = Probe {
        exec: handler.exec.clone(),
        http_get: handler.http_get.clone(),
        tcp_socket: handler.tcp_socket.clone(),
        timeout_seconds: Some(i32::MAX),
        ..Default::default()
    };
    probe::check(c, &as_probe, checker).await
}

pub fn post_start(c: &Container) -> Option<&LifecycleHandler> {
    c.lifecycle.as_ref()?.post_start.as_ref()
}

pub fn pre_stop(c: &Container) -> Option<&LifecycleHandler> {
    c.lifecycle.as_ref()?.pre_stop.as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handler(v: serde_json::Value) -> LifecycleHandler {
        serde_json::from_value(v).expect("handler")
    }

    #[tokio::test]
    async fn run_sleep_and_sim_handlers_succeed() {
        let c = Container { name: "c".into(), ..Default::default() };
        assert_eq!(run(&c, &handler(serde_json::json!({"sleep": {"seconds": 0}})), &Checker::Sim).await, Ok(()));
        assert_eq!(run(&c, &handler(serde_json::json!({"exec": {"command": ["false"]}})), &Checker::Sim).await, Ok(()));
    }

    #[test]
    fn hooks_are_found_on_the_container() {
        let c: Container = serde_json::from_value(serde_json::json!({"name": "c",
            "lifecycle": {"preStop": {"exec": {"command": ["sh", "-c", "x"]}}}}))
        .expect("container");
        assert!(pre_stop(&c).is_some());
        assert!(post_start(&c).is_none());
    }
}
