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
    match &rt.printer_columns {
        Some(cols) => json!(printers::custom_columns(cols)),
        None => json!(printers::columns(&rt.group, &rt.kind)),
    }
}

fn cells(rt: &ResourceType, obj: &Value, now: jiff::Timestamp) -> Vec<Value> {
    match &rt.printer_columns {
        Some(cols) => printers::custom_row_cells(cols, obj, now),
        None => printers::row_cells(&rt.group, &rt.kind, obj, now),
    }
}

/// The `PartialObjectMetadata` form of an object.
pub fn partial_metadata(obj: &Value) -> Value {
    json!({
        "kind": "PartialObjectMetadata",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": obj.get("metadata").cloned().unwrap_or_else(|| json!({})),
    })
}

fn write_json(out: &mut Vec<u8>, v: &impl serde::Serialize) {
    serde_json::to_writer(&mut *out, v).expect("writing JSON to a Vec cannot fail");
}

/// Write one Table row for `obj`.
fn write_row(out: &mut Vec<u8>, rt: &ResourceType, obj: &Value, include: Include, now: jiff::Timestamp) {
    out.extend_from_slice(b"{\"cells\":");
    write_json(out, &cells(rt, obj, now));
    match include {
        Include::None => {}
        Include::Metadata => {
            // Borrowed, not cloned: a large list renders without copying every object.
            out.extend_from_slice(
                b",\"object\":{\"kind\":\"PartialObjectMetadata\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":",
            );
            match obj.get("metadata") {
                Some(m) => write_json(out, m),
                None => out.extend_from_slice(b"{}"),
            }
            out.push(b'}');
        }
        Include::Object => {
            out.extend_from_slice(b",\"object\":");
            write_json(out, obj);
        }
    }
    out.push(b'}');
}

/// A Table of `objs` as JSON; `with_columns` is false for watch events after the first.
/// Objects are rendered one at a time, so a list never holds all of them decoded at once.
pub fn write_table<V: std::borrow::Borrow<Value>, E>(
    out: &mut Vec<u8>,
    rt: &ResourceType,
    objs: impl IntoIterator<Item = Result<V, E>>,
    include: Include,
    resource_version: &str,
    cont: Option<&str>,
    with_columns: bool,
) -> Result<(), E> {
    let now = jiff::Timestamp::now();
    out.extend_from_slice(b"{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":{\"resourceVersion\":");
    write_json(out, &resource_version);
    if let Some(c) = cont {
        out.extend_from_slice(b",\"continue\":");
        write_json(out, &c);
    }
    out.extend_from_slice(b"},\"columnDefinitions\":");
    if with_columns {
        write_json(out, &columns(rt));
    } else {
        out.extend_from_slice(b"null");
    }
    out.extend_from_slice(b",\"rows\":[");
    for (i, obj) in objs.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_row(out, rt, obj?.borrow(), include, now);
    }
    out.extend_from_slice(b"]}");
    Ok(())
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
