//! Server-side printing: the column definitions and row cells of `meta.k8s.io/v1` Table
//! responses (`Accept: application/json;as=Table`), reproducing kube-apiserver 1.33's printers
//! (`pkg/printers/internalversion/printers.go`), its default table for kinds without a printer
//! and the CRD table convertor. Pure functions over JSON objects; no I/O.

mod duration;

pub use duration::{human_duration, short_human_duration, translate_timestamp_since};
