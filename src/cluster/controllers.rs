//! kube-controller-manager's controllers for the embedded cluster, each an ordinary API client.

pub mod gc;
pub mod namespace;
pub mod serviceaccount;
pub mod system;
