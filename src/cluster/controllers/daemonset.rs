//! Placeholder.

use std::sync::Arc;

use kube::Client;

use super::Informers;
use super::runtime::Queue;
use super::util::EventSink;

pub struct DaemonSetController {
    queue: Arc<Queue>,
}

impl DaemonSetController {
    pub fn new(_client: Client, _informers: &Informers, _events: &EventSink) -> DaemonSetController {
        DaemonSetController { queue: Queue::new() }
    }

    pub fn queue(&self) -> Arc<Queue> {
        self.queue.clone()
    }

    pub fn run(&self, _workers: usize) -> Vec<tokio::task::JoinHandle<()>> {
        Vec::new()
    }
}
