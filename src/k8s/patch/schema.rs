//! Patch strategies of the built-in kinds: which lists merge by which key, which are sets,
//! which maps or lists are replaced whole, and where `$retainKeys` applies.
//!
//! This is the `patchStrategy`/`patchMergeKey` (and `listType`/`listMapKey`) tag data of the
//! `k8s.io/api` 1.33 Go types, which strategic merge patch reads by reflection in Kubernetes.
//! Only the fields that carry a tag, and the struct fields on the way to them, are listed:
//! every other field behaves as an untagged one does in Kubernetes (maps merge key by key,
//! lists are replaced whole), so a missing entry can only make a list atomic, never wrong
//! in another way. Depends on nothing else in kx.

/// What a field's `patchStrategy` tag says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Strategy {
    /// `merge`: lists of maps merge element by element on the merge key; lists of scalars
    /// are sets.
    pub merge: bool,
    /// `replace`: the value is replaced whole, even when it is a map.
    pub replace: bool,
    /// `retainKeys`: a patch may carry `$retainKeys`, and keys of the live map not named
    /// there are cleared.
    pub retain_keys: bool,
}

impl Strategy {
    const NONE: Strategy = Strategy { merge: false, replace: false, retain_keys: false };
    const MERGE: Strategy = Strategy { merge: true, replace: false, retain_keys: false };
    const MERGE_RETAIN_KEYS: Strategy = Strategy { merge: true, replace: false, retain_keys: true };
    const RETAIN_KEYS: Strategy = Strategy { merge: false, replace: false, retain_keys: true };
    const REPLACE: Strategy = Strategy { merge: false, replace: true, retain_keys: false };
}

/// A Go struct of `k8s.io/api`, reduced to the fields that matter for patching.
#[derive(Debug)]
pub struct TypeDef {
    /// The Go type name, for messages.
    pub name: &'static str,
    fields: &'static [Field],
}

/// One field of a [`TypeDef`]: its JSON name, its tags, and the type of its value (of its
/// elements, for lists).
#[derive(Debug)]
pub struct Field {
    name: &'static str,
    ty: Option<&'static TypeDef>,
    strategy: Strategy,
    merge_key: Option<&'static str>,
    list_map_keys: &'static [&'static str],
}

/// What patching needs to know about one field.
#[derive(Debug, Clone, Copy, Default)]
pub struct FieldMeta {
    /// The schema of the field's value, or of each element when it is a list.
    pub schema: Schema,
    pub strategy: Strategy,
    /// `patchMergeKey`: the one key strategic merge patch matches list elements on.
    pub merge_key: Option<&'static str>,
    /// `listMapKey`s: the keys that identify an element for server-side apply. They can be
    /// more than the merge key (container ports: `containerPort` and `protocol`), which
    /// strategic merge patch does not look at.
    pub list_map_keys: &'static [&'static str],
}

/// A position in the schema tree. `Schema::default()` knows nothing: all its fields are
/// untagged, as are the values of plain maps such as labels.
#[derive(Debug, Clone, Copy, Default)]
pub struct Schema(Option<&'static TypeDef>);

impl Schema {
    /// The schema of a type for tests and callers that build their own.
    pub const fn of(ty: &'static TypeDef) -> Schema {
        Schema(Some(ty))
    }

    /// The Go type name, or `None` for an untyped position.
    pub fn type_name(&self) -> Option<&'static str> {
        self.0.map(|t| t.name)
    }

    /// The tags of `field`; untagged and unknown fields get the default (no strategy).
    pub fn field(&self, field: &str) -> FieldMeta {
        let Some(def) = self.0 else {
            return FieldMeta::default();
        };
        def.fields
            .iter()
            .find(|f| f.name == field)
            .map(|f| FieldMeta {
                schema: Schema(f.ty),
                strategy: f.strategy,
                merge_key: f.merge_key,
                list_map_keys: f.list_map_keys,
            })
            .unwrap_or_default()
    }
}

impl TypeDef {
    /// For tests that mirror Kubernetes' own test types.
    #[cfg(test)]
    pub(crate) const fn new(name: &'static str, fields: &'static [Field]) -> TypeDef {
        TypeDef { name, fields }
    }
}

// Field constructors, so that the tables below read like the Go tags they copy.

/// An untagged field whose value (or element) type has tagged fields inside.
pub(crate) const fn nested(name: &'static str, ty: &'static TypeDef) -> Field {
    Field { name, ty: Some(ty), strategy: Strategy::NONE, merge_key: None, list_map_keys: &[] }
}

/// `patchStrategy:"merge" patchMergeKey:"<key>"` on a list of structs.
pub(crate) const fn merge_by(name: &'static str, key: &'static str, keys: &'static [&'static str]) -> Field {
    Field { name, ty: None, strategy: Strategy::MERGE, merge_key: Some(key), list_map_keys: keys }
}

/// `patchStrategy:"merge"` on a list of scalars: a set.
pub(crate) const fn set(name: &'static str) -> Field {
    Field { name, ty: None, strategy: Strategy::MERGE, merge_key: None, list_map_keys: &[] }
}

/// An untagged list, listed to record that Kubernetes replaces it whole (`listType=atomic`).
pub(crate) const fn atomic(name: &'static str) -> Field {
    Field { name, ty: None, strategy: Strategy::NONE, merge_key: None, list_map_keys: &[] }
}

/// `patchStrategy:"retainKeys"` on a struct.
pub(crate) const fn retain_keys(name: &'static str) -> Field {
    Field { name, ty: None, strategy: Strategy::RETAIN_KEYS, merge_key: None, list_map_keys: &[] }
}

/// `patchStrategy:"replace"`.
pub(crate) const fn replace(name: &'static str) -> Field {
    Field { name, ty: None, strategy: Strategy::REPLACE, merge_key: None, list_map_keys: &[] }
}

impl Field {
    /// Adds `retainKeys` to a merge list (`patchStrategy:"merge,retainKeys"`).
    pub(crate) const fn retaining_keys(mut self) -> Field {
        self.strategy = Strategy::MERGE_RETAIN_KEYS;
        self
    }

    /// Gives the elements of a merge list a type with tagged fields of its own.
    pub(crate) const fn of(mut self, ty: &'static TypeDef) -> Field {
        self.ty = Some(ty);
        self
    }
}

const NAME: &[&str] = &["name"];
const TYPE: &[&str] = &["type"];
const IP: &[&str] = &["ip"];

/// `conditions` merged by `type`, as in nearly every status.
const CONDITIONS: Field = merge_by("conditions", "type", TYPE);

// ---- meta/v1 -------------------------------------------------------------------------

static OBJECT_META: TypeDef = TypeDef {
    name: "ObjectMeta",
    fields: &[set("finalizers"), merge_by("ownerReferences", "uid", &["uid"]), atomic("managedFields")],
};

/// A kind whose only tagged fields are its metadata's.
static META_ONLY: TypeDef = TypeDef { name: "Object", fields: &[nested("metadata", &OBJECT_META)] };

/// A kind whose status has `conditions` merged by type and nothing else tagged.
static CONDITIONS_STATUS: TypeDef = TypeDef { name: "Status", fields: &[CONDITIONS] };

static WITH_CONDITIONS_STATUS: TypeDef =
    TypeDef { name: "Object", fields: &[nested("metadata", &OBJECT_META), nested("status", &CONDITIONS_STATUS)] };

// ---- core/v1 -------------------------------------------------------------------------

static CONTAINER: TypeDef = TypeDef {
    name: "Container",
    fields: &[
        merge_by("ports", "containerPort", &["containerPort", "protocol"]),
        merge_by("env", "name", NAME),
        atomic("envFrom"),
        merge_by("volumeMounts", "mountPath", &["mountPath"]),
        merge_by("volumeDevices", "devicePath", &["devicePath"]),
        atomic("resizePolicy"),
        atomic("command"),
        atomic("args"),
    ],
};

static POD_SPEC: TypeDef = TypeDef {
    name: "PodSpec",
    fields: &[
        merge_by("volumes", "name", NAME).retaining_keys(),
        merge_by("initContainers", "name", NAME).of(&CONTAINER),
        merge_by("containers", "name", NAME).of(&CONTAINER),
        // EphemeralContainerCommon repeats Container's tags.
        merge_by("ephemeralContainers", "name", NAME).of(&CONTAINER),
        merge_by("imagePullSecrets", "name", NAME),
        merge_by("hostAliases", "ip", IP),
        merge_by("topologySpreadConstraints", "topologyKey", &["topologyKey", "whenUnsatisfiable"]),
        merge_by("resourceClaims", "name", NAME).retaining_keys(),
        merge_by("schedulingGates", "name", NAME),
        atomic("tolerations"),
        atomic("readinessGates"),
    ],
};

static POD_STATUS: TypeDef = TypeDef {
    name: "PodStatus",
    fields: &[
        CONDITIONS,
        merge_by("podIPs", "ip", IP),
        merge_by("hostIPs", "ip", IP),
        atomic("containerStatuses"),
        atomic("initContainerStatuses"),
        atomic("ephemeralContainerStatuses"),
        merge_by("resourceClaimStatuses", "name", NAME).retaining_keys(),
    ],
};

static POD: TypeDef = TypeDef {
    name: "Pod",
    fields: &[nested("metadata", &OBJECT_META), nested("spec", &POD_SPEC), nested("status", &POD_STATUS)],
};

static POD_TEMPLATE_SPEC: TypeDef =
    TypeDef { name: "PodTemplateSpec", fields: &[nested("metadata", &OBJECT_META), nested("spec", &POD_SPEC)] };

static POD_TEMPLATE: TypeDef = TypeDef {
    name: "PodTemplate",
    fields: &[nested("metadata", &OBJECT_META), nested("template", &POD_TEMPLATE_SPEC)],
};

static REPLICATION_CONTROLLER_SPEC: TypeDef =
    TypeDef { name: "ReplicationControllerSpec", fields: &[nested("template", &POD_TEMPLATE_SPEC)] };

static REPLICATION_CONTROLLER: TypeDef = TypeDef {
    name: "ReplicationController",
    fields: &[
        nested("metadata", &OBJECT_META),
        nested("spec", &REPLICATION_CONTROLLER_SPEC),
        nested("status", &CONDITIONS_STATUS),
    ],
};

static SERVICE_SPEC: TypeDef =
    TypeDef { name: "ServiceSpec", fields: &[merge_by("ports", "port", &["port", "protocol"])] };

static SERVICE: TypeDef = TypeDef {
    name: "Service",
    fields: &[nested("metadata", &OBJECT_META), nested("spec", &SERVICE_SPEC), nested("status", &CONDITIONS_STATUS)],
};

static NODE_SPEC: TypeDef = TypeDef { name: "NodeSpec", fields: &[set("podCIDRs"), atomic("taints")] };

static NODE_STATUS: TypeDef =
    TypeDef { name: "NodeStatus", fields: &[CONDITIONS, merge_by("addresses", "type", TYPE), atomic("images")] };

static NODE: TypeDef = TypeDef {
    name: "Node",
    fields: &[nested("metadata", &OBJECT_META), nested("spec", &NODE_SPEC), nested("status", &NODE_STATUS)],
};

static SERVICE_ACCOUNT: TypeDef = TypeDef {
    name: "ServiceAccount",
    fields: &[nested("metadata", &OBJECT_META), merge_by("secrets", "name", NAME), atomic("imagePullSecrets")],
};

static ENDPOINTS: TypeDef =
    TypeDef { name: "Endpoints", fields: &[nested("metadata", &OBJECT_META), atomic("subsets")] };

static COMPONENT_STATUS: TypeDef =
    TypeDef { name: "ComponentStatus", fields: &[nested("metadata", &OBJECT_META), CONDITIONS] };

// ---- apps/v1 -------------------------------------------------------------------------

static DEPLOYMENT_SPEC: TypeDef =
    TypeDef { name: "DeploymentSpec", fields: &[nested("template", &POD_TEMPLATE_SPEC), retain_keys("strategy")] };

static DEPLOYMENT: TypeDef = TypeDef {
    name: "Deployment",
    fields: &[nested("metadata", &OBJECT_META), nested("spec", &DEPLOYMENT_SPEC), nested("status", &CONDITIONS_STATUS)],
};

/// ReplicaSet and DaemonSet specs: only their pod template is tagged inside.
static TEMPLATED_SPEC: TypeDef = TypeDef { name: "Spec", fields: &[nested("template", &POD_TEMPLATE_SPEC)] };

static TEMPLATED: TypeDef = TypeDef {
    name: "Object",
    fields: &[nested("metadata", &OBJECT_META), nested("spec", &TEMPLATED_SPEC), nested("status", &CONDITIONS_STATUS)],
};

static STATEFUL_SET_SPEC: TypeDef = TypeDef {
    name: "StatefulSetSpec",
    fields: &[nested("template", &POD_TEMPLATE_SPEC), atomic("volumeClaimTemplates")],
};

static STATEFUL_SET: TypeDef = TypeDef {
    name: "StatefulSet",
    fields: &[
        nested("metadata", &OBJECT_META),
        nested("spec", &STATEFUL_SET_SPEC),
        nested("status", &CONDITIONS_STATUS),
    ],
};

// ---- batch/v1 ------------------------------------------------------------------------

static JOB_SPEC: TypeDef = TypeDef { name: "JobSpec", fields: &[nested("template", &POD_TEMPLATE_SPEC)] };

static JOB: TypeDef = TypeDef {
    name: "Job",
    fields: &[
        nested("metadata", &OBJECT_META),
        nested("spec", &JOB_SPEC),
        // listType=atomic for server-side apply, yet patchStrategy=merge on type.
        nested("status", &CONDITIONS_STATUS),
    ],
};

static JOB_TEMPLATE_SPEC: TypeDef =
    TypeDef { name: "JobTemplateSpec", fields: &[nested("metadata", &OBJECT_META), nested("spec", &JOB_SPEC)] };

static CRON_JOB_SPEC: TypeDef = TypeDef { name: "CronJobSpec", fields: &[nested("jobTemplate", &JOB_TEMPLATE_SPEC)] };

static CRON_JOB_STATUS: TypeDef = TypeDef { name: "CronJobStatus", fields: &[atomic("active")] };

static CRON_JOB: TypeDef = TypeDef {
    name: "CronJob",
    fields: &[nested("metadata", &OBJECT_META), nested("spec", &CRON_JOB_SPEC), nested("status", &CRON_JOB_STATUS)],
};

// ---- networking, policy, storage -----------------------------------------------------

static INGRESS_SPEC: TypeDef = TypeDef { name: "IngressSpec", fields: &[atomic("rules"), atomic("tls")] };

static INGRESS: TypeDef =
    TypeDef { name: "Ingress", fields: &[nested("metadata", &OBJECT_META), nested("spec", &INGRESS_SPEC)] };

static POD_DISRUPTION_BUDGET_SPEC: TypeDef =
    TypeDef { name: "PodDisruptionBudgetSpec", fields: &[replace("selector")] };

static POD_DISRUPTION_BUDGET: TypeDef = TypeDef {
    name: "PodDisruptionBudget",
    fields: &[
        nested("metadata", &OBJECT_META),
        nested("spec", &POD_DISRUPTION_BUDGET_SPEC),
        nested("status", &CONDITIONS_STATUS),
    ],
};

static CSI_NODE_SPEC: TypeDef = TypeDef { name: "CSINodeSpec", fields: &[merge_by("drivers", "name", NAME)] };

static CSI_NODE: TypeDef =
    TypeDef { name: "CSINode", fields: &[nested("metadata", &OBJECT_META), nested("spec", &CSI_NODE_SPEC)] };

static ENDPOINT_SLICE: TypeDef = TypeDef {
    name: "EndpointSlice",
    fields: &[nested("metadata", &OBJECT_META), atomic("endpoints"), atomic("ports")],
};

/// The built-in kinds strategic merge patch knows, by API group. Kubernetes accepts it for
/// every compiled-in kind, tagged or not, because ObjectMeta's own tags (finalizers,
/// ownerReferences) always apply.
static KINDS: &[(&str, &str, &TypeDef)] = &[
    // core
    ("", "Pod", &POD),
    ("", "PodTemplate", &POD_TEMPLATE),
    ("", "ReplicationController", &REPLICATION_CONTROLLER),
    ("", "Service", &SERVICE),
    ("", "Node", &NODE),
    ("", "Namespace", &WITH_CONDITIONS_STATUS),
    ("", "PersistentVolumeClaim", &WITH_CONDITIONS_STATUS),
    ("", "PersistentVolume", &META_ONLY),
    ("", "ServiceAccount", &SERVICE_ACCOUNT),
    ("", "Endpoints", &ENDPOINTS),
    ("", "ComponentStatus", &COMPONENT_STATUS),
    ("", "ConfigMap", &META_ONLY),
    ("", "Secret", &META_ONLY),
    ("", "Event", &META_ONLY),
    ("", "LimitRange", &META_ONLY),
    ("", "ResourceQuota", &META_ONLY),
    ("", "Binding", &META_ONLY),
    // apps
    ("apps", "Deployment", &DEPLOYMENT),
    ("apps", "ReplicaSet", &TEMPLATED),
    ("apps", "DaemonSet", &TEMPLATED),
    ("apps", "StatefulSet", &STATEFUL_SET),
    ("apps", "ControllerRevision", &META_ONLY),
    // batch
    ("batch", "Job", &JOB),
    ("batch", "CronJob", &CRON_JOB),
    // networking
    ("networking.k8s.io", "Ingress", &INGRESS),
    ("networking.k8s.io", "IngressClass", &META_ONLY),
    ("networking.k8s.io", "NetworkPolicy", &META_ONLY),
    ("networking.k8s.io", "ServiceCIDR", &WITH_CONDITIONS_STATUS),
    ("networking.k8s.io", "IPAddress", &META_ONLY),
    // rbac
    ("rbac.authorization.k8s.io", "Role", &META_ONLY),
    ("rbac.authorization.k8s.io", "ClusterRole", &META_ONLY),
    ("rbac.authorization.k8s.io", "RoleBinding", &META_ONLY),
    ("rbac.authorization.k8s.io", "ClusterRoleBinding", &META_ONLY),
    // storage
    ("storage.k8s.io", "StorageClass", &META_ONLY),
    ("storage.k8s.io", "CSIDriver", &META_ONLY),
    ("storage.k8s.io", "CSINode", &CSI_NODE),
    ("storage.k8s.io", "CSIStorageCapacity", &META_ONLY),
    ("storage.k8s.io", "VolumeAttachment", &META_ONLY),
    ("storage.k8s.io", "VolumeAttributesClass", &META_ONLY),
    // coordination, discovery, policy
    ("coordination.k8s.io", "Lease", &META_ONLY),
    ("coordination.k8s.io", "LeaseCandidate", &META_ONLY),
    ("discovery.k8s.io", "EndpointSlice", &ENDPOINT_SLICE),
    ("policy", "PodDisruptionBudget", &POD_DISRUPTION_BUDGET),
    // other built-in groups kubectl and the embedded server may meet
    ("autoscaling", "HorizontalPodAutoscaler", &WITH_CONDITIONS_STATUS),
    ("autoscaling", "Scale", &META_ONLY),
    ("events.k8s.io", "Event", &META_ONLY),
    ("scheduling.k8s.io", "PriorityClass", &META_ONLY),
    ("node.k8s.io", "RuntimeClass", &META_ONLY),
    ("certificates.k8s.io", "CertificateSigningRequest", &META_ONLY),
    ("flowcontrol.apiserver.k8s.io", "FlowSchema", &WITH_CONDITIONS_STATUS),
    ("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration", &WITH_CONDITIONS_STATUS),
    ("apiregistration.k8s.io", "APIService", &WITH_CONDITIONS_STATUS),
    ("apiextensions.k8s.io", "CustomResourceDefinition", &META_ONLY),
    ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", &META_ONLY),
    ("admissionregistration.k8s.io", "MutatingWebhookConfiguration", &META_ONLY),
    ("admissionregistration.k8s.io", "ValidatingAdmissionPolicy", &META_ONLY),
    ("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding", &META_ONLY),
];

/// The schema of a built-in kind, or `None` for kinds Kubernetes has no Go type for
/// (custom resources), which strategic merge patch refuses.
pub fn root(group: &str, kind: &str) -> Option<Schema> {
    KINDS.iter().find(|(g, k, _)| *g == group && *k == kind).map(|(_, _, def)| Schema::of(def))
}

/// Whether strategic merge patch applies to this kind. The apiserver answers 415
/// UnsupportedMediaType for a strategic merge patch to any other kind, as Kubernetes does
/// for custom resources.
pub fn has_schema(group: &str, kind: &str) -> bool {
    root(group, kind).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(group: &str, kind: &str, fields: &[&str]) -> FieldMeta {
        let mut schema = root(group, kind).expect("a built-in kind");
        let (last, parents) = fields.split_last().expect("at least one field");
        for field in parents {
            schema = schema.field(field).schema;
        }
        schema.field(last)
    }

    #[test]
    fn has_schema_builtin_and_custom_kinds_differ() {
        assert!(has_schema("", "Pod"));
        assert!(has_schema("apps", "Deployment"));
        assert!(has_schema("", "ConfigMap"));
        assert!(!has_schema("example.com", "Widget"));
        assert!(!has_schema("", "Deployment"), "the group is part of the key");
    }

    #[test]
    fn field_containers_in_every_pod_template_merge_by_name() {
        let cases: &[(&str, &str, &[&str])] = &[
            ("", "Pod", &["spec", "containers"]),
            ("apps", "Deployment", &["spec", "template", "spec", "containers"]),
            ("apps", "ReplicaSet", &["spec", "template", "spec", "initContainers"]),
            ("apps", "StatefulSet", &["spec", "template", "spec", "containers"]),
            ("apps", "DaemonSet", &["spec", "template", "spec", "ephemeralContainers"]),
            ("batch", "Job", &["spec", "template", "spec", "containers"]),
            ("batch", "CronJob", &["spec", "jobTemplate", "spec", "template", "spec", "containers"]),
            ("", "ReplicationController", &["spec", "template", "spec", "containers"]),
            ("", "PodTemplate", &["template", "spec", "containers"]),
        ];
        for (group, kind, fields) in cases {
            let meta = path(group, kind, fields);
            assert!(meta.strategy.merge, "{kind} {fields:?}");
            assert_eq!(meta.merge_key, Some("name"), "{kind} {fields:?}");
        }
    }

    #[test]
    fn field_container_lists_carry_kubernetes_tags() {
        let container = path("", "Pod", &["spec", "containers"]).schema;
        assert_eq!(container.field("env").merge_key, Some("name"));
        assert_eq!(container.field("volumeMounts").merge_key, Some("mountPath"));
        assert_eq!(container.field("volumeDevices").merge_key, Some("devicePath"));
        let ports = container.field("ports");
        assert_eq!(ports.merge_key, Some("containerPort"));
        assert_eq!(ports.list_map_keys, &["containerPort", "protocol"]);
        assert!(!container.field("envFrom").strategy.merge);
        assert!(!container.field("args").strategy.merge);
    }

    #[test]
    fn field_retain_keys_marks_volumes_and_deployment_strategy() {
        let volumes = path("", "Pod", &["spec", "volumes"]);
        assert!(volumes.strategy.merge && volumes.strategy.retain_keys);
        let strategy = path("apps", "Deployment", &["spec", "strategy"]);
        assert!(strategy.strategy.retain_keys && !strategy.strategy.merge);
    }

    #[test]
    fn field_metadata_finalizers_are_a_set_and_owner_references_merge_by_uid() {
        let finalizers = path("", "ConfigMap", &["metadata", "finalizers"]);
        assert!(finalizers.strategy.merge);
        assert_eq!(finalizers.merge_key, None);
        let owners = path("apps", "ReplicaSet", &["metadata", "ownerReferences"]);
        assert_eq!(owners.merge_key, Some("uid"));
    }

    #[test]
    fn field_atomic_lists_have_no_strategy() {
        for (group, kind, fields) in [
            ("", "Pod", &["spec", "tolerations"][..]),
            ("apps", "StatefulSet", &["spec", "volumeClaimTemplates"][..]),
            ("networking.k8s.io", "Ingress", &["spec", "rules"][..]),
            ("", "Endpoints", &["subsets"][..]),
            ("", "Pod", &["status", "containerStatuses"][..]),
        ] {
            let meta = path(group, kind, fields);
            assert_eq!(meta.strategy, Strategy::NONE, "{kind} {fields:?}");
        }
    }

    #[test]
    fn field_status_lists_merge_by_their_keys() {
        assert_eq!(path("", "Node", &["status", "addresses"]).merge_key, Some("type"));
        assert_eq!(path("", "Pod", &["status", "podIPs"]).merge_key, Some("ip"));
        assert_eq!(path("apps", "Deployment", &["status", "conditions"]).merge_key, Some("type"));
        assert_eq!(path("", "Service", &["spec", "ports"]).merge_key, Some("port"));
        assert!(path("policy", "PodDisruptionBudget", &["spec", "selector"]).strategy.replace);
    }

    #[test]
    fn schema_of_custom_type_reports_its_tags() {
        static ITEM: TypeDef = TypeDef::new("Item", &[merge_by("items", "id", &["id"]).of(&ITEM), set("tags")]);
        let schema = Schema::of(&ITEM);
        assert_eq!(schema.type_name(), Some("Item"));
        let items = schema.field("items");
        assert_eq!(items.merge_key, Some("id"));
        assert_eq!(items.schema.field("tags").strategy, Strategy::MERGE, "elements are Items again");
    }

    #[test]
    fn field_unknown_is_untagged() {
        let meta = path("", "Pod", &["spec", "noSuchField"]);
        assert_eq!(meta.strategy, Strategy::NONE);
        assert!(meta.schema.type_name().is_none());
    }
}
