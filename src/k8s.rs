//! Kubernetes knowledge shared by the client and the embedded cluster: the resource catalog,
//! selectors, patch semantics, quantities, table columns, defaulting and validation of the
//! built-in kinds. Pure functions over data; no I/O, no async.

pub mod catalog;
pub mod convert;
pub mod defaults;
pub mod field_selector;
pub mod gofmt;
pub mod jsonpath;
pub mod managed;
pub mod meta;
pub mod openapi;
pub mod patch;
pub mod quantity;
pub mod selector;
pub mod structural;
pub mod table;
pub mod typed;
pub mod validation;
