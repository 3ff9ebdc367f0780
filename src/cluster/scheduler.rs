//! The embedded cluster's kube-scheduler: an ordinary API client that watches pods, nodes,
//! claims and volumes, places pods that have no `spec.nodeName` (and name no other scheduler)
//! through `pods/binding`, and tells users why a pod fits nowhere with a `PodScheduled=False`
//! condition and a `FailedScheduling` event in kube-scheduler's words.
//!
//! The decision itself ([`schedule`], [`select`]) is a pure function over [`NodeInfo`]s that
//! carry running per-node totals, so a decision costs one pass over the nodes and never a
//! walk over their pods. This file only wires it to watches and writes; it may depend on
//! `kube` and tokio, the submodules may not.

mod affinity;
mod algorithm;
mod cache;
mod fit_error;
mod node_info;
mod queue;
mod resources;
mod volumes;

pub use algorithm::{PodInfo, schedule, select};
pub use cache::{Cache, DEFAULT_SCHEDULER, PodChange, Placement, wants_scheduling};
pub use fit_error::{Diagnosis, FitError};
pub use node_info::{HostPort, NodeInfo, PodUsage};
pub use queue::Queue;
pub use resources::{PodRequests, Resources};
pub use volumes::{VolumeNeeds, Volumes};

#[cfg(test)]
mod tests;
