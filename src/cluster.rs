//! The embedded cluster: a real Kubernetes control plane and simulated nodes, in-process.
//! Only the apiserver touches the store; every other component is an API client.

pub mod apiserver;
pub mod controllers;
pub mod embedded;
pub mod kubelet;
pub mod scheduler;
pub mod store;
