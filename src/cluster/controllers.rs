//! kube-controller-manager's controllers for the embedded cluster, each an ordinary API client.

pub mod endpoints;
pub mod endpointslice;
pub mod gc;
pub mod loadbalancer;
pub mod namespace;
pub mod node_lifecycle;
pub mod serviceaccount;
pub mod system;
pub mod volume;
