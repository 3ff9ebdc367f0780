//! Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`), which
//! `kubectl create namespace|configmap|secret|deployment` send.

use serde_json::Value;

use super::status::ApiError;

pub fn decode(_body: &[u8]) -> Result<Value, ApiError> {
    Err(ApiError::UnsupportedMediaType(
        "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml".into(),
    ))
}
