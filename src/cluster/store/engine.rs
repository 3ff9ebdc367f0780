//! The persistence seam under the store: what a backend must do so the in-memory index
//! survives restarts. The commit pipeline owns the engine and calls it from one thread.

use super::mvcc::Mutation;
use super::{KeyValue, StoreError};

/// What a backend hands back at open: the newest snapshot and the log after it.
#[derive(Default)]
pub struct Recovered {
    /// Revision the snapshot was taken at (0 with no snapshot).
    pub revision: u64,
    /// Live keys at `revision`.
    pub entries: Vec<KeyValue>,
    /// Writes after `revision`, contiguous and in order.
    pub records: Vec<(u64, Mutation)>,
    /// Things recovery noticed and handled, for the operator (a dropped torn tail).
    pub notes: Vec<String>,
}

pub trait Engine: Send {
    /// Read back what was persisted. Called once, before any `append`.
    fn recover(&mut self) -> Result<Recovered, StoreError>;
    /// Make `records` durable; returns only when they would survive a crash of the process
    /// or the machine. On error nothing may be assumed about them.
    fn append(&mut self, records: &[(u64, Mutation)]) -> Result<(), StoreError>;
    /// Whether the engine wants a snapshot (its log has grown).
    fn snapshot_due(&self) -> bool;
    /// Record `entries` as the complete live state at `revision`, so older log can go.
    fn snapshot(&mut self, revision: u64, entries: Vec<KeyValue>) -> Result<(), StoreError>;
    /// Finish background work; called when the store shuts down.
    fn close(&mut self) -> Result<(), StoreError>;
}

/// Keeps nothing: the index in memory is the only copy.
pub struct MemoryEngine;

impl Engine for MemoryEngine {
    fn recover(&mut self) -> Result<Recovered, StoreError> {
        Ok(Recovered::default())
    }

    fn append(&mut self, _records: &[(u64, Mutation)]) -> Result<(), StoreError> {
        Ok(())
    }

    fn snapshot_due(&self) -> bool {
        false
    }

    fn snapshot(&mut self, _revision: u64, _entries: Vec<KeyValue>) -> Result<(), StoreError> {
        Ok(())
    }

    fn close(&mut self) -> Result<(), StoreError> {
        Ok(())
    }
}
