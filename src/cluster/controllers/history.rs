//! ControllerRevisions, the template history of StatefulSets and DaemonSets (kubernetes
//! `pkg/controller/history`): each distinct template is stored once as the strategic merge
//! patch `kubectl rollout undo` applies, `{"spec":{"template":{…,"$patch":"replace"}}}`,
//! named `<owner>-<hash>` and numbered; going back to an old template renumbers its revision.

use std::collections::BTreeMap;
use std::sync::Arc;

use k8s_openapi::api::apps::v1::ControllerRevision;
use k8s_openapi::api::core::v1::PodTemplateSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::runtime::RawExtension;
use kube::api::{DeleteParams, Patch, PatchParams, PostParams};
use kube::{Api, Resource, ResourceExt};
use serde_json::{Value, json};

use super::ControllerError;
use super::util;

/// The label on a ControllerRevision that holds its hash.
pub const HASH_LABEL: &str = "controller.kubernetes.io/hash";

/// The revision data for a template.
pub fn patch_for(template: &PodTemplateSpec) -> Value {
    let mut t = serde_json::to_value(template).unwrap_or_else(|_| json!({}));
    if let Some(o) = t.as_object_mut() {
        o.insert("$patch".into(), json!("replace"));
    }
    json!({"spec": {"template": t}})
}

/// `HashControllerRevision`: FNV-1a of the data, salted by the collision count.
pub fn hash(data: &Value, collision_count: Option<i32>) -> String {
    let mut bytes = serde_json::to_vec(data).unwrap_or_default();
    if let Some(c) = collision_count.filter(|c| *c != 0) {
        bytes.extend_from_slice(&(c as u32).to_le_bytes());
    }
    util::safe_encode(&util::fnv32a(&bytes).to_string())
}

pub fn data(rev: &ControllerRevision) -> Option<&Value> {
    rev.data.as_ref().map(|d| &d.0)
}

/// Same template: same hash label and same data (`EqualRevision`).
pub fn equal(a: &ControllerRevision, b: &ControllerRevision) -> bool {
    let h = |r: &ControllerRevision| r.labels().get(HASH_LABEL).cloned();
    h(a) == h(b) && data(a) == data(b)
}

/// A revision of `template` for `owner`, numbered `number`, not yet stored.
pub fn new_revision<O: Resource<DynamicType = ()>>(
    owner: &O,
    template: &PodTemplateSpec,
    number: i64,
    collision_count: Option<i32>,
) -> ControllerRevision {
    let data = patch_for(template);
    let h = hash(&data, collision_count);
    let mut labels: BTreeMap<String, String> =
        template.metadata.as_ref().and_then(|m| m.labels.clone()).unwrap_or_default();
    labels.insert(HASH_LABEL.into(), h.clone());
    ControllerRevision {
        metadata: ObjectMeta {
            name: Some(format!("{}-{h}", owner.name_any())),
            namespace: owner.namespace(),
            labels: Some(labels),
            owner_references: Some(vec![util::controller_ref(owner)]),
            ..Default::default()
        },
        data: Some(RawExtension(data)),
        revision: number,
    }
}

/// The current and update revisions after recording `template` (`getStatefulSetRevisions`,
/// `constructHistory`): reuses an equal revision (renumbering it if it is not the latest),
/// otherwise stores a new one, stepping the collision count on a name clash. Returns
/// (revisions sorted by number, the update revision's index, the collision count).
pub async fn record<O: Resource<DynamicType = ()>>(
    api: &Api<ControllerRevision>,
    owner: &O,
    owned: Vec<Arc<ControllerRevision>>,
    template: &PodTemplateSpec,
    collision_count: Option<i32>,
) -> Result<(Vec<ControllerRevision>, usize, Option<i32>), ControllerError> {
    let mut revisions: Vec<ControllerRevision> = owned.iter().map(|r| (**r).clone()).collect();
    revisions.sort_by(|a, b| a.revision.cmp(&b.revision).then_with(|| a.metadata.name.cmp(&b.metadata.name)));
    let next = revisions.last().map_or(1, |r| r.revision + 1);
    let mut collisions = collision_count;
    let wanted = new_revision(owner, template, next, collisions);
    let equal_at = revisions.iter().rposition(|r| equal(r, &wanted));
    let update = match equal_at {
        Some(i) if i + 1 == revisions.len() => i,
        Some(i) => {
            let patch = json!({"revision": next});
            let name = revisions[i].name_any();
            revisions[i] = api.patch(&name, &PatchParams::default(), &Patch::Merge(&patch)).await?;
            // Keep the list sorted: the renumbered revision is now the latest.
            let r = revisions.remove(i);
            revisions.push(r);
            revisions.len() - 1
        }
        None => {
            let mut candidate = wanted;
            let created = loop {
                match api.create(&PostParams::default(), &candidate).await {
                    Ok(c) => break c,
                    Err(kube::Error::Api(s)) if s.code == 409 => {
                        let existing = api.get(&candidate.name_any()).await?;
                        if equal(&existing, &candidate) {
                            break existing;
                        }
                        collisions = Some(collisions.unwrap_or(0) + 1);
                        candidate = new_revision(owner, template, next, collisions);
                    }
                    Err(e) => return Err(e.into()),
                }
            };
            revisions.push(created);
            revisions.len() - 1
        }
    };
    Ok((revisions, update, collisions))
}

/// Delete the oldest revisions beyond `limit` that are neither `live` (in use by a pod or
/// named in status) nor the update revision (`truncateHistory`).
pub async fn truncate(
    api: &Api<ControllerRevision>,
    revisions: &[ControllerRevision],
    live: &[String],
    limit: i32,
) -> Result<(), ControllerError> {
    let history: Vec<&ControllerRevision> =
        revisions.iter().filter(|r| !live.iter().any(|l| Some(l) == r.metadata.name.as_ref())).collect();
    let excess = history.len().saturating_sub(limit.max(0) as usize);
    for r in history.into_iter().take(excess) {
        match api.delete(&r.name_any(), &DeleteParams::default()).await {
            Ok(_) => {}
            Err(kube::Error::Api(s)) if s.code == 404 => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::apps::v1::StatefulSet;

    #[test]
    fn patch_for_replaces_the_whole_template() {
        let t = PodTemplateSpec::default();
        assert_eq!(patch_for(&t), json!({"spec": {"template": {"$patch": "replace"}}}));
    }

    #[test]
    fn new_revision_is_named_after_owner_and_hash() {
        let mut set = StatefulSet::default();
        set.metadata.name = Some("web".into());
        let t = PodTemplateSpec {
            metadata: Some(ObjectMeta {
                labels: Some([("app".to_string(), "web".to_string())].into()),
                ..Default::default()
            }),
            spec: None,
        };
        let r = new_revision(&set, &t, 2, None);
        let h = r.labels()[HASH_LABEL].clone();
        assert_eq!(r.name_any(), format!("web-{h}"));
        assert_eq!(r.labels().get("app").map(String::as_str), Some("web"));
        assert_eq!(r.revision, 2);
        assert!(equal(&r, &new_revision(&set, &t, 5, None)));
        assert_ne!(new_revision(&set, &t, 2, Some(1)).name_any(), r.name_any());
    }
}
