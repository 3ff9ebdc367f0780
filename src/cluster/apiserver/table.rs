//! `as=Table` and `as=PartialObjectMetadata` renderings of objects, built from the shared
//! printers in `k8s::table`, for lists, single objects and watch events.

use serde_json::{Value, json};

use crate::k8s::catalog::ResourceType;
use crate::k8s::table as printers;

/// What the client asked the server to render instead of plain objects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum As {
    Object,
    Table { include: Include },
    PartialObjectMetadata,
}

/// `includeObject=` for Table rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Include {
    None,
    Metadata,
    Object,
}

/// Read `Accept` (first acceptable rendering wins) and `includeObject`.
pub fn negotiate(accept: &str, include_object: Option<&str>) -> As {
    for media in accept.split(',') {
        let params: Vec<&str> = media.split(';').map(str::trim).collect();
        let has = |p: &str| params.contains(&p);
        if !has("g=meta.k8s.io") {
            if params.first().is_some_and(|m| *m == "application/json" || *m == "*/*" || m.is_empty()) {
                return As::Object;
            }
            continue;
        }
        if has("as=Table") && (has("v=v1") || has("v=v1beta1")) {
            let include = match include_object {
                Some("None") => Include::None,
                Some("Object") => Include::Object,
                _ => Include::Metadata,
            };
            return As::Table { include };
        }
        if (has("as=PartialObjectMetadata") || has("as=PartialObjectMetadataList")) && has("v=v1") {
            return As::PartialObjectMetadata;
        }
    }
    As::Object
}

pub fn columns(rt: &ResourceType) -> Value {
    json!(printers::columns(&rt.group, &rt.kind))
}

fn cells(rt: &ResourceType, obj: &Value, now: jiff::Timestamp) -> Vec<Value> {
    printers::row_cells(&rt.group, &rt.kind, obj, now)
}

/// The `PartialObjectMetadata` form of an object.
pub fn partial_metadata(obj: &Value) -> Value {
    json!({
        "kind": "PartialObjectMetadata",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": obj.get("metadata").cloned().unwrap_or_else(|| json!({})),
    })
}

pub fn row(rt: &ResourceType, obj: &Value, include: Include, now: jiff::Timestamp) -> Value {
    let mut row = json!({"cells": cells(rt, obj, now)});
    match include {
        Include::None => {}
        Include::Metadata => row["object"] = partial_metadata(obj),
        Include::Object => row["object"] = obj.clone(),
    }
    row
}

/// A Table of `objs`; `with_columns` is false for watch events after the first.
pub fn table(
    rt: &ResourceType,
    objs: &[Value],
    include: Include,
    resource_version: &str,
    cont: Option<&str>,
    with_columns: bool,
) -> Value {
    let now = jiff::Timestamp::now();
    let mut metadata = json!({"resourceVersion": resource_version});
    if let Some(c) = cont {
        metadata["continue"] = json!(c);
    }
    json!({
        "kind": "Table",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": metadata,
        "columnDefinitions": if with_columns { columns(rt) } else { Value::Null },
        "rows": objs.iter().map(|o| row(rt, o, include, now)).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiate_reads_kubectls_table_accept() {
        let kubectl = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
        assert_eq!(negotiate(kubectl, None), As::Table { include: Include::Metadata });
        assert_eq!(negotiate(kubectl, Some("Object")), As::Table { include: Include::Object });
        assert_eq!(negotiate("application/json", None), As::Object);
        assert_eq!(negotiate("application/vnd.kubernetes.protobuf,application/json", None), As::Object);
        assert_eq!(
            negotiate("application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1", None),
            As::PartialObjectMetadata
        );
    }
}
