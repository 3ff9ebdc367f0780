//! One integration-test binary; a module per area. These tests run real processes
//! (the kx binary, kubectl, child processes killed mid-write) rather than calling functions.

mod cluster_cli;
mod completion;
mod convergence;
mod explain;
mod kube_rs;
mod kubectl;
mod kubectl_protobuf;
mod kubelet;
mod ops;
mod parity;
mod portforward;
mod python_client;
mod scheduler;
mod server_side_apply;
mod store_crash;
mod support;
mod system_controllers;
mod themes;
mod tui;
mod workloads;
mod write;
