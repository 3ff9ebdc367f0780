//! Adoption and release of dependents (kubernetes `ControllerRefManager`): a controller owns
//! what its selector matches. Orphans that match are adopted by adding a controller
//! ownerReference; owned objects that stopped matching are released by removing it.

use std::fmt::Debug;
use std::sync::Arc;

use kube::api::{Patch, PatchParams};
use kube::{Api, Resource};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use super::ControllerError;
use super::util::{self, is_terminating};
use crate::k8s::selector::LabelSelector;

/// The dependents `owner` controls after adopting matching orphans and releasing owned
/// objects that no longer match. Objects being deleted are neither adopted nor released.
pub async fn claim<O, K>(
    owner: &O,
    api: &Api<K>,
    owned: Vec<Arc<K>>,
    orphans: Vec<Arc<K>>,
    selector: &LabelSelector,
) -> Result<Vec<Arc<K>>, ControllerError>
where
    O: Resource<DynamicType = ()>,
    K: Resource + Clone + DeserializeOwned + Serialize + Debug,
{
    let mut claimed = Vec::with_capacity(owned.len());
    for obj in owned {
        if util::matches(selector, obj.as_ref()) || is_terminating(obj.as_ref()) {
            claimed.push(obj);
            continue;
        }
        release(owner, api, obj.as_ref()).await?;
    }
    // An owner that is going away adopts nothing.
    if is_terminating(owner) {
        return Ok(claimed);
    }
    for obj in orphans {
        if is_terminating(obj.as_ref()) || !util::matches(selector, obj.as_ref()) {
            continue;
        }
        if let Some(adopted) = adopt(owner, api, obj.as_ref()).await? {
            claimed.push(Arc::new(adopted));
        }
    }
    Ok(claimed)
}

async fn adopt<O, K>(owner: &O, api: &Api<K>, obj: &K) -> Result<Option<K>, ControllerError>
where
    O: Resource<DynamicType = ()>,
    K: Resource + Clone + DeserializeOwned + Debug,
{
    let name = obj.meta().name.clone().unwrap_or_default();
    let patch = json!({"metadata": {
        "ownerReferences": [util::controller_ref(owner)],
        "uid": obj.meta().uid,
    }});
    match api.patch(&name, &PatchParams::default(), &Patch::Strategic(patch)).await {
        Ok(o) => Ok(Some(o)),
        Err(kube::Error::Api(s)) if s.code == 404 => Ok(None),
        Err(e) => Err(e.into()),
    }
}

async fn release<O, K>(owner: &O, api: &Api<K>, obj: &K) -> Result<(), ControllerError>
where
    O: Resource<DynamicType = ()>,
    K: Resource + Clone + DeserializeOwned + Debug,
{
    let name = obj.meta().name.clone().unwrap_or_default();
    let patch = json!({"metadata": {
        "ownerReferences": [{"$patch": "delete", "uid": owner.meta().uid}],
        "uid": obj.meta().uid,
    }});
    match api.patch(&name, &PatchParams::default(), &Patch::Strategic(patch)).await {
        Ok(_) => Ok(()),
        Err(kube::Error::Api(s)) if s.code == 404 || s.code == 422 => Ok(()),
        Err(e) => Err(e.into()),
    }
}
