//! `labelSelector=` and `fieldSelector=` query parameters as one predicate over objects,
//! with kube-apiserver's 400 errors for malformed or unsupported selectors.

use std::sync::Arc;

use serde_json::Value;

use super::status::ApiError;
use super::watch::SharedFilter;
use crate::k8s::catalog::ResourceType;
use crate::k8s::field_selector::FieldSelector;
use crate::k8s::selector::LabelSelector;

pub fn filter(label: Option<&str>, field: Option<&str>, rt: &ResourceType) -> Result<Option<SharedFilter>, ApiError> {
    let labels = match label {
        Some(s) => Some(
            LabelSelector::parse(s).map_err(|e| ApiError::BadRequest(format!("unable to parse requirement: {e}")))?,
        ),
        None => None,
    }
    .filter(|l| !l.is_empty());
    let fields = match field {
        Some(s) => {
            let f = FieldSelector::parse(s).map_err(|e| ApiError::BadRequest(e.to_string()))?;
            Some(f.convert(&rt.group, &rt.kind).map_err(|e| ApiError::BadRequest(e.to_string()))?)
        }
        None => None,
    }
    .filter(|f| !f.is_empty());
    if labels.is_none() && fields.is_none() {
        return Ok(None);
    }
    let (group, kind) = (rt.group.clone(), rt.kind.clone());
    Ok(Some(Arc::new(move |obj: &Value| {
        labels.as_ref().is_none_or(|l| l.matches_object(obj))
            && fields.as_ref().is_none_or(|f| f.matches_as(&group, &kind, obj))
    })))
}
