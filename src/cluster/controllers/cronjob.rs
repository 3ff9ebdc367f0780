//! Placeholder.

use std::sync::Arc;

use kube::Client;

use super::Informers;
use super::runtime::Queue;
use super::util::EventSink;

pub struct CronJobController {
    queue: Arc<Queue>,
}

impl CronJobController {
    pub fn new(_client: Client, _informers: &Informers, _events: &EventSink) -> CronJobController {
        CronJobController { queue: Queue::new() }
    }

    pub fn queue(&self) -> Arc<Queue> {
        self.queue.clone()
    }

    pub fn run(&self, _workers: usize) -> Vec<tokio::task::JoinHandle<()>> {
        Vec::new()
    }
}
