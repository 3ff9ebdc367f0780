//! Per-node accounting (kube-scheduler's `NodeInfo`): a node with the summed requests, host
//! ports and owners of the pods on it, kept incrementally as pods come and go so a decision
//! never walks the node's pods. Pure.

use std::collections::HashMap;
use std::sync::Arc;

use k8s_openapi::api::core::v1::{Node, Pod};

use super::resources::{PodRequests, Resources, allocatable};

/// A host port a pod occupies: `(hostIP, protocol, hostPort)`, with kube-scheduler's defaults
/// (`0.0.0.0` and `TCP`) filled in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HostPort {
    pub ip: String,
    pub protocol: String,
    pub port: i32,
}

const WILDCARD_IP: &str = "0.0.0.0";

impl HostPort {
    /// The host ports a pod asks for (`schedutil.GetHostPorts`: app containers only).
    pub fn of(pod: &Pod) -> Vec<HostPort> {
        let Some(spec) = pod.spec.as_ref() else { return Vec::new() };
        spec.containers
            .iter()
            .flat_map(|c| c.ports.as_deref().unwrap_or_default())
            .filter_map(|p| {
                let port = p.host_port.filter(|hp| *hp > 0)?;
                let ip = p.host_ip.as_deref().filter(|ip| !ip.is_empty()).unwrap_or(WILDCARD_IP);
                let protocol = p.protocol.as_deref().filter(|p| !p.is_empty()).unwrap_or("TCP");
                Some(HostPort { ip: ip.to_owned(), protocol: protocol.to_owned(), port })
            })
            .collect()
    }
}

/// What one pod takes from its node, remembered so that removing it subtracts exactly what
/// adding it added, whatever the pod object looks like by then.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PodUsage {
    pub requests: PodRequests,
    pub ports: Vec<HostPort>,
    /// The uid of the pod's controller, for spreading replicas of one owner.
    pub owner: Option<String>,
}

impl PodUsage {
    pub fn of(pod: &Pod) -> PodUsage {
        PodUsage { requests: PodRequests::of(pod), ports: HostPort::of(pod), owner: controller_uid(pod) }
    }
}

/// The uid of the owner reference marked `controller: true`.
pub fn controller_uid(pod: &Pod) -> Option<String> {
    pod.metadata
        .owner_references
        .as_deref()
        .unwrap_or_default()
        .iter()
        .find(|o| o.controller == Some(true))
        .map(|o| o.uid.clone())
}

/// A node and the running totals of the pods assigned to it.
#[derive(Clone, Debug)]
pub struct NodeInfo {
    node: Arc<Node>,
    /// `topology.kubernetes.io/zone`, looked up once rather than per decision.
    zone: Option<String>,
    allocatable: Resources,
    requested: Resources,
    non_zero_milli_cpu: i64,
    non_zero_memory: i64,
    pod_count: i64,
    /// Occupied ports and how many pods hold each (more than one only if a pod was bound by
    /// hand past the scheduler).
    ports: HashMap<HostPort, u32>,
    /// Occupied `(protocol, port)` pairs on any IP, so a wildcard request checks in O(1).
    port_any_ip: HashMap<(String, i32), u32>,
    owners: HashMap<String, u32>,
}

impl NodeInfo {
    pub fn new(node: impl Into<Arc<Node>>) -> NodeInfo {
        let node = node.into();
        NodeInfo {
            allocatable: allocatable(&node),
            zone: zone_of(&node),
            node,
            requested: Resources::default(),
            non_zero_milli_cpu: 0,
            non_zero_memory: 0,
            pod_count: 0,
            ports: HashMap::new(),
            port_any_ip: HashMap::new(),
            owners: HashMap::new(),
        }
    }

    /// A node with these pods already on it.
    pub fn with_pods<'a>(node: impl Into<Arc<Node>>, pods: impl IntoIterator<Item = &'a Pod>) -> NodeInfo {
        let mut info = NodeInfo::new(node);
        for p in pods {
            info.add(&PodUsage::of(p));
        }
        info
    }

    /// Replaces the node object (labels, taints, allocatable may change), keeping its pods.
    pub fn set_node(&mut self, node: impl Into<Arc<Node>>) {
        self.node = node.into();
        self.allocatable = allocatable(&self.node);
        self.zone = zone_of(&self.node);
    }

    pub fn zone(&self) -> Option<&str> {
        self.zone.as_deref()
    }

    pub fn node(&self) -> &Node {
        &self.node
    }

    pub fn name(&self) -> &str {
        self.node.metadata.name.as_deref().unwrap_or_default()
    }

    pub fn allocatable(&self) -> &Resources {
        &self.allocatable
    }

    pub fn requested(&self) -> &Resources {
        &self.requested
    }

    pub fn non_zero_requested(&self) -> (i64, i64) {
        (self.non_zero_milli_cpu, self.non_zero_memory)
    }

    pub fn pod_count(&self) -> i64 {
        self.pod_count
    }

    /// How many pods of the controller with this uid are on the node.
    pub fn owner_count(&self, owner: &str) -> u32 {
        self.owners.get(owner).copied().unwrap_or(0)
    }

    pub fn add(&mut self, usage: &PodUsage) {
        self.requested.add(&usage.requests.requests);
        self.non_zero_milli_cpu += usage.requests.non_zero_milli_cpu;
        self.non_zero_memory += usage.requests.non_zero_memory;
        self.pod_count += 1;
        for p in &usage.ports {
            *self.ports.entry(p.clone()).or_default() += 1;
            *self.port_any_ip.entry((p.protocol.clone(), p.port)).or_default() += 1;
        }
        if let Some(o) = &usage.owner {
            *self.owners.entry(o.clone()).or_default() += 1;
        }
    }

    pub fn remove(&mut self, usage: &PodUsage) {
        self.requested.sub(&usage.requests.requests);
        self.non_zero_milli_cpu -= usage.requests.non_zero_milli_cpu;
        self.non_zero_memory -= usage.requests.non_zero_memory;
        self.pod_count -= 1;
        for p in &usage.ports {
            decrement(&mut self.ports, p);
            decrement(&mut self.port_any_ip, &(p.protocol.clone(), p.port));
        }
        if let Some(o) = &usage.owner {
            decrement(&mut self.owners, o);
        }
    }

    /// `HostPortInfo.CheckConflict`: a wildcard IP conflicts with the port on any IP, and any
    /// IP conflicts with the same port on the wildcard IP.
    pub fn port_conflicts(&self, wanted: &HostPort) -> bool {
        if wanted.ip == WILDCARD_IP {
            return self.port_any_ip.contains_key(&(wanted.protocol.clone(), wanted.port));
        }
        self.ports.contains_key(wanted)
            || self.ports.contains_key(&HostPort {
                ip: WILDCARD_IP.to_owned(),
                protocol: wanted.protocol.clone(),
                port: wanted.port,
            })
    }
}

fn zone_of(node: &Node) -> Option<String> {
    node.metadata.labels.as_ref()?.get("topology.kubernetes.io/zone").cloned()
}

fn decrement<K: std::hash::Hash + Eq + Clone>(map: &mut HashMap<K, u32>, key: &K) {
    if let Some(n) = map.get_mut(key) {
        *n -= 1;
        if *n == 0 {
            map.remove(key);
        }
    }
}
