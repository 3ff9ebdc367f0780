//! The persistent volume claims, volumes and storage classes the scheduler knows, and what a
//! pod's claims demand of a node (the VolumeBinding plugin: bound claims pin the pod to their
//! volume's nodes; unbound claims of a `WaitForFirstConsumer` class are left for the volume
//! controller to bind or provision once the scheduler has chosen a node). Pure.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use k8s_openapi::api::core::v1::{PersistentVolume, PersistentVolumeClaim, Pod};
use k8s_openapi::api::storage::v1::StorageClass;

use super::affinity::NodeSelectorMatcher;

/// Claims by `(namespace, name)` and volumes by name.
#[derive(Clone, Debug, Default)]
pub struct Volumes {
    claims: HashMap<(String, String), Arc<PersistentVolumeClaim>>,
    volumes: HashMap<String, Arc<PersistentVolume>>,
    /// Storage classes whose claims wait for their first consumer.
    delayed_classes: HashSet<String>,
}

impl Volumes {
    pub fn insert_claim(&mut self, pvc: PersistentVolumeClaim) {
        let key = (pvc.metadata.namespace.clone().unwrap_or_default(), pvc.metadata.name.clone().unwrap_or_default());
        self.claims.insert(key, Arc::new(pvc));
    }

    pub fn remove_claim(&mut self, namespace: &str, name: &str) {
        self.claims.remove(&(namespace.to_owned(), name.to_owned()));
    }

    pub fn insert_volume(&mut self, pv: PersistentVolume) {
        self.volumes.insert(pv.metadata.name.clone().unwrap_or_default(), Arc::new(pv));
    }

    pub fn remove_volume(&mut self, name: &str) {
        self.volumes.remove(name);
    }

    pub fn insert_class(&mut self, class: &StorageClass) {
        let name = class.metadata.name.clone().unwrap_or_default();
        if class.volume_binding_mode.as_deref() == Some("WaitForFirstConsumer") {
            self.delayed_classes.insert(name);
        } else {
            self.delayed_classes.remove(&name);
        }
    }

    pub fn remove_class(&mut self, name: &str) {
        self.delayed_classes.remove(name);
    }

    /// Keeps the classes for which `keep(name)` holds (after a re-list).
    pub fn retain_classes(&mut self, keep: impl Fn(&str) -> bool) {
        self.delayed_classes.retain(|name| keep(name));
    }

    /// Keeps the claims for which `keep(namespace, name)` holds (after a re-list).
    pub fn retain_claims(&mut self, keep: impl Fn(&str, &str) -> bool) {
        self.claims.retain(|(ns, name), _| keep(ns, name));
    }

    /// Keeps the volumes for which `keep(name)` holds (after a re-list).
    pub fn retain_volumes(&mut self, keep: impl Fn(&str) -> bool) {
        self.volumes.retain(|name, _| keep(name));
    }

    /// What the pod's claims require, or the PreFilter's reason the pod cannot be placed at all.
    pub fn check(&self, pod: &Pod) -> Result<VolumeNeeds, String> {
        let Some(spec) = pod.spec.as_ref() else { return Ok(VolumeNeeds::default()) };
        let namespace = pod.metadata.namespace.as_deref().unwrap_or("default");
        let pod_name = pod.metadata.name.as_deref().unwrap_or_default();
        let mut needs = VolumeNeeds::default();
        let mut unbound = false;
        for v in spec.volumes.as_deref().unwrap_or_default() {
            let (claim_name, ephemeral) = match (&v.persistent_volume_claim, &v.ephemeral) {
                (Some(src), _) => (src.claim_name.clone(), false),
                (None, Some(_)) => (format!("{pod_name}-{}", v.name), true),
                (None, None) => continue,
            };
            let Some(pvc) = self.claims.get(&(namespace.to_owned(), claim_name.clone())) else {
                return Err(if ephemeral {
                    format!(
                        "waiting for ephemeral volume controller to create the persistentvolumeclaim \"{claim_name}\""
                    )
                } else {
                    format!("persistentvolumeclaim \"{claim_name}\" not found")
                });
            };
            let volume_name = pvc.spec.as_ref().and_then(|s| s.volume_name.as_deref()).unwrap_or_default();
            if pvc.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Lost") {
                return Err(format!(
                    "persistentvolumeclaim \"{claim_name}\" bound to non-existent persistentvolume \"{volume_name}\""
                ));
            }
            if pvc.metadata.deletion_timestamp.is_some() {
                return Err(format!("persistentvolumeclaim \"{claim_name}\" is being deleted"));
            }
            if volume_name.is_empty() {
                let class = pvc.spec.as_ref().and_then(|s| s.storage_class_name.as_deref()).unwrap_or_default();
                if self.delayed_classes.contains(class) {
                    // Any node will do: the volume is made (or chosen) for the node picked.
                    needs.delayed_claims.push(claim_name);
                } else {
                    unbound = true;
                }
                continue;
            }
            match self.volumes.get(volume_name) {
                None => needs.missing_volume = true,
                Some(pv) => {
                    if let Some(required) =
                        pv.spec.as_ref().and_then(|s| s.node_affinity.as_ref()).and_then(|a| a.required.as_ref())
                    {
                        needs.node_affinity.push(NodeSelectorMatcher::new(required));
                    }
                }
            }
        }
        if unbound {
            return Err("pod has unbound immediate PersistentVolumeClaims".to_owned());
        }
        Ok(needs)
    }
}

/// Node constraints from a pod's bound volumes.
#[derive(Clone, Debug, Default)]
pub struct VolumeNeeds {
    /// Each bound volume's required node affinity; a node must match all of them.
    pub node_affinity: Vec<NodeSelectorMatcher>,
    /// A claim is bound to a volume that does not exist.
    pub missing_volume: bool,
    /// Unbound claims of `WaitForFirstConsumer` classes: once a node is chosen they are
    /// annotated with it (`volume.kubernetes.io/selected-node`) for the volume controller.
    pub delayed_claims: Vec<String>,
}
