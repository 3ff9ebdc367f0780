//! Resource types served from another type's storage (`events.k8s.io/v1` Events are stored
//! as core/v1 Events): which storage a type uses and how objects convert on the way.

use bytes::Bytes;
use serde_json::Value;

use super::registry::parse;
use super::status::ApiError;
use crate::k8s::catalog::{self, ResourceType};
use crate::k8s::convert;

#[derive(Clone, Copy)]
pub struct View {
    pub storage: &'static ResourceType,
    pub to_storage: fn(&Value) -> Value,
    pub from_storage: fn(&Value) -> Value,
}

pub fn of(rt: &ResourceType) -> Option<View> {
    (rt.group == "events.k8s.io" && rt.kind == "Event").then(|| View {
        storage: catalog::lookup("", "v1", "events").expect("core events are built in"),
        to_storage: convert::event_to_core,
        from_storage: convert::event_from_core,
    })
}

/// Stored bytes as `view` presents them (unchanged without a view).
pub fn present(view: Option<View>, raw: Bytes) -> Result<Bytes, ApiError> {
    match view {
        None => Ok(raw),
        Some(v) => {
            let obj: Value = parse(&raw)?;
            serde_json::to_vec(&(v.from_storage)(&obj)).map(Bytes::from).map_err(|e| ApiError::Internal(e.to_string()))
        }
    }
}
