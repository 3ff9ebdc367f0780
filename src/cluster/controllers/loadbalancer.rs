//! LoadBalancer Services get an ingress IP from configured pools, as MetalLB's controller
//! does in layer-2 mode: a requested address (`metallb.universe.tf/loadBalancerIPs`, or the
//! deprecated `spec.loadBalancerIP`) if it is in a pool and free, else the lowest free one;
//! written to `status.loadBalancer.ingress` through `services/status` and released when the
//! service goes or stops being a LoadBalancer. Services naming a `loadBalancerClass` belong
//! to some other implementation and are left alone. The bookkeeping ([`Allocator`]) is pure.

use std::collections::HashMap;
use std::net::Ipv4Addr;
use std::ops::RangeInclusive;
use std::time::Instant;

use k8s_openapi::api::core::v1::Service;
use kube::Resource;
use kube::api::{Api, Patch, PatchParams};
use kube::runtime::events::EventType;
use kube::runtime::watcher;
use serde_json::json;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::system::{self, WorkQueue};

pub const REQUESTED_IPS_ANNOTATION: &str = "metallb.universe.tf/loadBalancerIPs";
/// The component name events carry, MetalLB's.
const CONTROLLER: &str = "metallb-controller";

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum AllocError {
    #[error("no available IPs")]
    Exhausted,
    #[error("{0} is not allowed in config")]
    NotInPool(Ipv4Addr),
    #[error("{ip} is already in use by {owner}")]
    InUse { ip: Ipv4Addr, owner: String },
    #[error("invalid IP {0:?} requested")]
    Invalid(String),
}

/// Which service holds which address.
#[derive(Debug, Default)]
pub struct Allocator {
    pools: Vec<RangeInclusive<Ipv4Addr>>,
    by_ip: HashMap<Ipv4Addr, String>,
    by_service: HashMap<String, Ipv4Addr>,
}

impl Allocator {
    pub fn new(pools: Vec<RangeInclusive<Ipv4Addr>>) -> Allocator {
        Allocator { pools, ..Default::default() }
    }

    pub fn in_pool(&self, ip: Ipv4Addr) -> bool {
        self.pools.iter().any(|p| p.contains(&ip))
    }

    pub fn assigned(&self, service: &str) -> Option<Ipv4Addr> {
        self.by_service.get(service).copied()
    }

    /// Gives `service` an address: the first of `requested` if any are given, else the one
    /// it has (`current`, e.g. from its status after a restart) if still valid, else the
    /// lowest free one.
    pub fn assign(
        &mut self,
        service: &str,
        requested: &[Ipv4Addr],
        current: Option<Ipv4Addr>,
    ) -> Result<Ipv4Addr, AllocError> {
        let free_for_me = |a: &Allocator, ip: Ipv4Addr| a.by_ip.get(&ip).is_none_or(|o| o == service);
        let ip = if let Some(&want) = requested.first() {
            if !self.in_pool(want) {
                return Err(AllocError::NotInPool(want));
            }
            if !free_for_me(self, want) {
                return Err(AllocError::InUse { ip: want, owner: self.by_ip[&want].clone() });
            }
            want
        } else if let Some(ip) =
            self.assigned(service).or(current).filter(|ip| self.in_pool(*ip) && free_for_me(self, *ip))
        {
            ip
        } else {
            self.pools
                .iter()
                .flat_map(|p| (u32::from(*p.start())..=u32::from(*p.end())).map(Ipv4Addr::from))
                .find(|ip| !self.by_ip.contains_key(ip))
                .ok_or(AllocError::Exhausted)?
        };
        self.release(service);
        self.by_ip.insert(ip, service.to_owned());
        self.by_service.insert(service.to_owned(), ip);
        Ok(ip)
    }

    pub fn release(&mut self, service: &str) {
        if let Some(ip) = self.by_service.remove(service) {
            self.by_ip.remove(&ip);
        }
    }
}

/// The addresses a service asks for.
pub fn requested_ips(service: &Service) -> Result<Vec<Ipv4Addr>, AllocError> {
    let annotation = service.metadata.annotations.as_ref().and_then(|a| a.get(REQUESTED_IPS_ANNOTATION));
    let spec_ip = service.spec.as_ref().and_then(|s| s.load_balancer_ip.as_deref()).filter(|s| !s.is_empty());
    let text = match (annotation, spec_ip) {
        (Some(a), _) => a.as_str(),
        (None, Some(ip)) => ip,
        (None, None) => return Ok(vec![]),
    };
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .filter(|s| !s.contains(':'))
        .map(|s| s.parse::<Ipv4Addr>().map_err(|_| AllocError::Invalid(s.to_owned())))
        .collect()
}

/// A LoadBalancer service this controller serves.
pub fn wants_address(service: &Service) -> bool {
    let spec = service.spec.as_ref();
    spec.and_then(|s| s.type_.as_deref()) == Some("LoadBalancer")
        && spec.and_then(|s| s.load_balancer_class.as_deref()).is_none()
}

/// The IPs in the service's status.
pub fn status_ips(service: &Service) -> Vec<String> {
    service
        .status
        .as_ref()
        .and_then(|s| s.load_balancer.as_ref())
        .and_then(|lb| lb.ingress.as_ref())
        .into_iter()
        .flatten()
        .filter_map(|i| i.ip.clone())
        .collect()
}

enum Input {
    Service(Box<watcher::Event<Service>>),
    Done { key: String, ok: bool },
}

pub(crate) fn spawn(
    client: kube::Client,
    pools: Vec<RangeInclusive<Ipv4Addr>>,
    events: &crate::cluster::events::EventSink,
) -> Vec<JoinHandle<()>> {
    let (tx, rx) = mpsc::channel(256);
    vec![
        system::forward(
            "services",
            watcher(Api::<Service>::all(client.clone()), watcher::Config::default()),
            tx.clone(),
            |e| Input::Service(Box::new(e)),
        ),
        tokio::spawn(run(client, pools, events.for_controller(CONTROLLER), tx, rx)),
    ]
}

async fn run(
    client: kube::Client,
    pools: Vec<RangeInclusive<Ipv4Addr>>,
    recorder: crate::cluster::events::EventSink,
    tx: mpsc::Sender<Input>,
    mut rx: mpsc::Receiver<Input>,
) {
    let mut services = system::mirror::<Service>();
    let mut allocator = Allocator::new(pools);
    let mut queue = WorkQueue::<String>::default();
    let mut restored = false;
    loop {
        tokio::select! {
            msg = rx.recv() => {
                let Some(msg) = msg else { return };
                let now = Instant::now();
                let mut next = Some(msg);
                while let Some(msg) = next {
                    match msg {
                        Input::Service(ev) => {
                            for c in services.apply(*ev) {
                                queue.add(c.key, now);
                            }
                        }
                        Input::Done { key, ok: true } => queue.done(&key),
                        Input::Done { key, ok: false } => queue.failed(&key, now),
                    }
                    next = rx.try_recv().ok();
                }
            }
            _ = system::sleep_until(queue.next_due()) => {}
        }
        if !services.synced() {
            continue;
        }
        if !restored {
            // Addresses already in status are kept, so a restart reassigns nothing.
            restored = true;
            for (key, svc) in services.iter() {
                if wants_address(svc)
                    && let Some(ip) = status_ips(svc).first().and_then(|s| s.parse::<Ipv4Addr>().ok())
                {
                    let _ = allocator.assign(key, &[], Some(ip));
                }
            }
        }
        let now = Instant::now();
        while let Some(key) = queue.pop(now) {
            let svc = services.get(&key).cloned();
            let (status, event) = match svc.as_deref() {
                None => {
                    allocator.release(&key);
                    (None, None)
                }
                Some(s) if !wants_address(s) => {
                    allocator.release(&key);
                    // Clear only what we would have written: an address from one of our pools.
                    let ours = status_ips(s).iter().any(|ip| ip.parse().is_ok_and(|ip| allocator.in_pool(ip)));
                    (ours.then(|| json!({"status": {"loadBalancer": {"ingress": null}}})), None)
                }
                Some(s) => {
                    let current = status_ips(s).first().and_then(|ip| ip.parse().ok());
                    match requested_ips(s).and_then(|req| allocator.assign(&key, &req, current)) {
                        Ok(ip) if status_ips(s) == [ip.to_string()] => (None, None),
                        Ok(ip) => (
                            Some(
                                json!({"status": {"loadBalancer": {"ingress": [{"ip": ip.to_string(), "ipMode": "VIP"}]}}}),
                            ),
                            Some((EventType::Normal, "IPAllocated", format!("Assigned IP [\"{ip}\"]"))),
                        ),
                        Err(e) => {
                            allocator.release(&key);
                            (
                                None,
                                Some((
                                    EventType::Warning,
                                    "AllocationFailed",
                                    format!("Failed to allocate IP for \"{key}\": {e}"),
                                )),
                            )
                        }
                    }
                }
            };
            if status.is_none() && event.is_none() {
                queue.done(&key);
                continue;
            }
            let (client, tx, recorder) = (client.clone(), tx.clone(), recorder.clone());
            tokio::spawn(async move {
                let mut ok = true;
                if let (Some(patch), Some(svc)) = (status, svc.as_deref()) {
                    let api: Api<Service> =
                        Api::namespaced(client, svc.metadata.namespace.as_deref().unwrap_or("default"));
                    let name = svc.metadata.name.clone().unwrap_or_default();
                    if let Err(e) = api.patch_status(&name, &PatchParams::default(), &Patch::Merge(&patch)).await {
                        ok = system::is_status(&e, 404);
                        tracing::debug!(service = %key, error = %e, "could not write load-balancer status");
                    }
                }
                if let (Some((ty, reason, note)), Some(svc)) = (event, svc.as_deref()) {
                    recorder.record(svc.object_ref(&()), ty, reason, "Allocate", note);
                }
                let _ = tx.send(Input::Done { key, ok }).await;
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pool() -> Vec<RangeInclusive<Ipv4Addr>> {
        vec![Ipv4Addr::new(10, 0, 0, 1)..=Ipv4Addr::new(10, 0, 0, 3)]
    }

    #[test]
    fn assign_lowest_free_then_exhausted() {
        let mut a = Allocator::new(pool());
        assert_eq!(a.assign("a", &[], None), Ok(Ipv4Addr::new(10, 0, 0, 1)));
        assert_eq!(a.assign("b", &[], None), Ok(Ipv4Addr::new(10, 0, 0, 2)));
        assert_eq!(a.assign("a", &[], None), Ok(Ipv4Addr::new(10, 0, 0, 1)), "stable for a service");
        assert_eq!(a.assign("c", &[], None), Ok(Ipv4Addr::new(10, 0, 0, 3)));
        assert_eq!(a.assign("d", &[], None), Err(AllocError::Exhausted));
        a.release("b");
        assert_eq!(a.assign("d", &[], None), Ok(Ipv4Addr::new(10, 0, 0, 2)));
    }

    #[test]
    fn assign_requested_address_must_be_free_and_in_pool() {
        let mut a = Allocator::new(pool());
        let three = Ipv4Addr::new(10, 0, 0, 3);
        assert_eq!(a.assign("a", &[three], None), Ok(three));
        assert_eq!(a.assign("b", &[three], None), Err(AllocError::InUse { ip: three, owner: "a".into() }));
        let outside = Ipv4Addr::new(192, 168, 0, 1);
        assert_eq!(a.assign("b", &[outside], None), Err(AllocError::NotInPool(outside)));
    }

    #[test]
    fn requested_ips_reads_metallb_annotation_before_spec() {
        let svc: Service = serde_json::from_value(json!({
            "metadata": {"annotations": {REQUESTED_IPS_ANNOTATION: "10.0.0.2, fd00::1"}},
            "spec": {"type": "LoadBalancer", "loadBalancerIP": "10.0.0.3"},
        }))
        .expect("service");
        assert_eq!(requested_ips(&svc), Ok(vec![Ipv4Addr::new(10, 0, 0, 2)]));
        let svc: Service =
            serde_json::from_value(json!({"spec": {"type": "LoadBalancer", "loadBalancerIP": "10.0.0.3"}}))
                .expect("svc");
        assert_eq!(requested_ips(&svc), Ok(vec![Ipv4Addr::new(10, 0, 0, 3)]));
    }

    #[test]
    fn wants_address_skips_other_classes_and_types() {
        let svc = |spec| -> Service { serde_json::from_value(json!({"spec": spec})).expect("svc") };
        assert!(wants_address(&svc(json!({"type": "LoadBalancer"}))));
        assert!(!wants_address(&svc(json!({"type": "LoadBalancer", "loadBalancerClass": "example.com/lb"}))));
        assert!(!wants_address(&svc(json!({"type": "NodePort"}))));
    }
}
