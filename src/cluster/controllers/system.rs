//! Starting and stopping the cluster's system controllers (namespace lifecycle, garbage
//! collector, service accounts and root CA, endpoints and EndpointSlices, load-balancer IPs,
//! persistent volumes, node lifecycle) as one unit, with the configuration they share. Each
//! runs as its own task over the given `kube::Client`; none touches the store.

pub mod queue;
pub mod watch;

use std::net::Ipv4Addr;
use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::time::Duration;

use tokio::task::JoinHandle;

pub(crate) use queue::WorkQueue;
pub(crate) use watch::{Mirror, forward, mirror, object_key};

use crate::cluster::events::EventSink;

use super::{endpoints, gc, loadbalancer, namespace, node_lifecycle, serviceaccount, volume};

/// A controller that [`spawn_system`] can leave out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SystemController {
    Namespace,
    GarbageCollector,
    ServiceAccount,
    Endpoints,
    LoadBalancer,
    PersistentVolume,
    NodeLifecycle,
}

impl SystemController {
    pub const ALL: [SystemController; 7] = [
        SystemController::Namespace,
        SystemController::GarbageCollector,
        SystemController::ServiceAccount,
        SystemController::Endpoints,
        SystemController::LoadBalancer,
        SystemController::PersistentVolume,
        SystemController::NodeLifecycle,
    ];
}

#[derive(Clone, Debug)]
pub struct SystemConfig {
    /// The cluster CA (PEM), published as `kube-root-ca.crt` in every namespace.
    pub root_ca_pem: String,
    /// Where the default StorageClass provisions volumes (`<dir>/<pv-name>`).
    pub volume_dir: PathBuf,
    /// Addresses for LoadBalancer Services, as MetalLB's IPAddressPools.
    pub load_balancer_pools: Vec<RangeInclusive<Ipv4Addr>>,
    /// How long a node may go without a heartbeat (Lease renewal or status update) before
    /// its Ready condition becomes Unknown (kube-controller-manager's
    /// `--node-monitor-grace-period`).
    pub node_monitor_grace_period: Duration,
    /// How often node health is checked (`--node-monitor-period`).
    pub node_monitor_period: Duration,
    /// How long Endpoints and EndpointSlices wait to collect more pod changes before being
    /// written (`--endpoint-updates-batch-period`); bursts of pod updates become one write.
    pub endpoint_updates_batch_period: Duration,
    /// Endpoints per EndpointSlice (`--max-endpoints-per-slice`).
    pub max_endpoints_per_slice: usize,
    /// Controllers not to run.
    pub disabled: Vec<SystemController>,
}

impl Default for SystemConfig {
    fn default() -> Self {
        SystemConfig {
            root_ca_pem: String::new(),
            volume_dir: std::env::temp_dir().join("kx").join("volumes"),
            // kind's docker network is 172.18.0.0/16; MetalLB guides use the top of it.
            load_balancer_pools: vec![Ipv4Addr::new(172, 18, 255, 200)..=Ipv4Addr::new(172, 18, 255, 250)],
            node_monitor_grace_period: Duration::from_secs(40),
            node_monitor_period: Duration::from_secs(5),
            endpoint_updates_batch_period: Duration::from_millis(100),
            max_endpoints_per_slice: 100,
            disabled: vec![],
        }
    }
}

impl SystemConfig {
    fn enabled(&self, c: SystemController) -> bool {
        !self.disabled.contains(&c)
    }
}

/// A load-balancer address pool could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PoolError {
    #[error("{0:?} is neither a CIDR (192.168.1.0/24) nor a range (192.168.1.10-192.168.1.20)")]
    Syntax(String),
    #[error("the range {0:?} ends before it starts")]
    Reversed(String),
}

/// Reads a pool as MetalLB writes them: `a.b.c.d/n` or `a.b.c.d-e.f.g.h`.
pub fn parse_pool(s: &str) -> Result<RangeInclusive<Ipv4Addr>, PoolError> {
    let s = s.trim();
    let bad = || PoolError::Syntax(s.to_owned());
    if let Some((ip, bits)) = s.split_once('/') {
        let ip: Ipv4Addr = ip.parse().map_err(|_| bad())?;
        let bits: u32 = bits.parse().map_err(|_| bad())?;
        if bits > 32 {
            return Err(bad());
        }
        let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits) };
        let first = u32::from(ip) & mask;
        return Ok(Ipv4Addr::from(first)..=Ipv4Addr::from(first | !mask));
    }
    let (a, b) = s.split_once('-').ok_or_else(bad)?;
    let a: Ipv4Addr = a.trim().parse().map_err(|_| bad())?;
    let b: Ipv4Addr = b.trim().parse().map_err(|_| bad())?;
    if a > b {
        return Err(PoolError::Reversed(s.to_owned()));
    }
    Ok(a..=b)
}

/// The running system controllers. Dropping this stops them without waiting.
#[must_use = "the controllers stop when this handle is dropped"]
pub struct SystemControllers {
    tasks: Vec<JoinHandle<()>>,
}

impl SystemControllers {
    /// Stops every controller and its watches and waits for them to end. Writes already
    /// sent finish on their own.
    pub async fn shutdown(mut self) {
        let tasks = std::mem::take(&mut self.tasks);
        for t in &tasks {
            t.abort();
        }
        for t in tasks {
            let _ = t.await;
        }
    }
}

impl Drop for SystemControllers {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

/// Starts the enabled system controllers on `client` (for the embedded cluster,
/// `cluster.api.client()`).
pub fn spawn_system(client: kube::Client, config: SystemConfig) -> SystemControllers {
    let (events, event_task) = EventSink::new(client.clone(), "kx-controller-manager");
    let mut tasks = vec![event_task];
    if config.enabled(SystemController::Namespace) {
        tasks.extend(namespace::spawn(client.clone()));
    }
    if config.enabled(SystemController::GarbageCollector) {
        tasks.extend(gc::spawn(client.clone()));
    }
    if config.enabled(SystemController::ServiceAccount) {
        tasks.extend(serviceaccount::spawn(client.clone(), config.root_ca_pem.clone()));
    }
    if config.enabled(SystemController::Endpoints) {
        tasks.extend(endpoints::spawn(client.clone(), &config));
    }
    if config.enabled(SystemController::LoadBalancer) {
        tasks.extend(loadbalancer::spawn(client.clone(), config.load_balancer_pools.clone(), &events));
    }
    if config.enabled(SystemController::PersistentVolume) {
        tasks.extend(volume::spawn(client.clone(), config.volume_dir.clone(), &events));
    }
    if config.enabled(SystemController::NodeLifecycle) {
        tasks.extend(node_lifecycle::spawn(client, &config, &events));
    }
    SystemControllers { tasks }
}

/// Sleeps until `at`, or forever without one (a `select!` arm for a queue's next due time).
pub(crate) async fn sleep_until(at: Option<std::time::Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(tokio::time::Instant::from_std(at)).await,
        None => std::future::pending().await,
    }
}

/// Whether a Kubernetes API error is "not found" / "conflict" (both are normal for a
/// controller racing other writers).
pub(crate) fn is_status(e: &kube::Error, code: u16) -> bool {
    matches!(e, kube::Error::Api(s) if s.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_pool_reads_cidr_and_range() {
        let r = parse_pool("192.168.10.0/30").expect("cidr");
        assert_eq!((*r.start(), *r.end()), (Ipv4Addr::new(192, 168, 10, 0), Ipv4Addr::new(192, 168, 10, 3)));
        let r = parse_pool("10.0.0.5 - 10.0.0.9").expect("range");
        assert_eq!((*r.start(), *r.end()), (Ipv4Addr::new(10, 0, 0, 5), Ipv4Addr::new(10, 0, 0, 9)));
        assert!(matches!(parse_pool("10.0.0.9-10.0.0.5"), Err(PoolError::Reversed(_))));
        assert!(matches!(parse_pool("nonsense"), Err(PoolError::Syntax(_))));
    }
}
