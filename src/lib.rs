//! kx: a kubectl-like CLI, a k9s-class TUI and an embedded Kubernetes cluster over one core.
//! See DESIGN.md for the architecture; folders mirror Kubernetes' own components.

pub mod cli;
pub mod client;
pub mod cluster;
pub mod k8s;
pub mod tui;
