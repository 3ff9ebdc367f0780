//! The resource catalog: every built-in resource type the embedded apiserver serves, with the
//! facts discovery publishes (group, version, kind, plural, singular, short names, categories,
//! scope, verbs, subresources). It drives the apiserver's routing and discovery documents and
//! the client's resolution of `po`, `deploy`, `deployments.apps`, `all`. Depends on serde_json.

use std::sync::LazyLock;

/// A subresource such as `deployments/scale`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Subresource {
    pub name: String,
    /// The kind served at the subresource (`Scale` for scale, the parent's kind for status).
    pub group: String,
    pub version: String,
    pub kind: String,
    pub verbs: Vec<String>,
}

/// One resource type at one group version.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ResourceType {
    pub group: String,
    pub version: String,
    pub kind: String,
    pub plural: String,
    pub singular: String,
    pub short_names: Vec<String>,
    pub categories: Vec<String>,
    pub namespaced: bool,
    pub verbs: Vec<String>,
    pub subresources: Vec<Subresource>,
    /// A CRD version's `additionalPrinterColumns` (built-in kinds have compiled printers).
    pub printer_columns: Option<serde_json::Value>,
}

impl ResourceType {
    /// `v1` or `apps/v1`, as in `apiVersion`.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() { self.version.clone() } else { format!("{}/{}", self.group, self.version) }
    }

    /// `pods` or `deployments.apps`: how Kubernetes names the resource in messages.
    pub fn group_resource(&self) -> String {
        if self.group.is_empty() { self.plural.clone() } else { format!("{}.{}", self.plural, self.group) }
    }

    /// `Pod` or `Deployment.apps`: how Kubernetes names the kind in Invalid messages.
    pub fn group_kind(&self) -> String {
        if self.group.is_empty() { self.kind.clone() } else { format!("{}.{}", self.kind, self.group) }
    }

    pub fn list_kind(&self) -> String {
        format!("{}List", self.kind)
    }

    pub fn subresource(&self, name: &str) -> Option<&Subresource> {
        self.subresources.iter().find(|s| s.name == name)
    }

    pub fn has_verb(&self, verb: &str) -> bool {
        self.verbs.iter().any(|v| v == verb)
    }
}

const ALL_VERBS: &[&str] = &["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
const SUB_VERBS: &[&str] = &["get", "patch", "update"];

struct Def {
    group: &'static str,
    version: &'static str,
    kind: &'static str,
    plural: &'static str,
    short: &'static [&'static str],
    all: bool,
    namespaced: bool,
    verbs: &'static [&'static str],
    /// Subresources as `name` (serving the parent kind, e.g. status) or `name=group/version/Kind`.
    subs: &'static [&'static str],
}

const fn def(group: &'static str, version: &'static str, kind: &'static str, plural: &'static str) -> Def {
    Def { group, version, kind, plural, short: &[], all: false, namespaced: true, verbs: ALL_VERBS, subs: &[] }
}

impl Def {
    const fn short(mut self, s: &'static [&'static str]) -> Self {
        self.short = s;
        self
    }
    const fn all(mut self) -> Self {
        self.all = true;
        self
    }
    const fn cluster(mut self) -> Self {
        self.namespaced = false;
        self
    }
    const fn verbs(mut self, v: &'static [&'static str]) -> Self {
        self.verbs = v;
        self
    }
    const fn subs(mut self, s: &'static [&'static str]) -> Self {
        self.subs = s;
        self
    }
}

const SCALE: &str = "scale=autoscaling/v1/Scale";

/// In discovery order: kubectl expands `all` in this order.
const BUILTIN: &[Def] = &[
    def("", "v1", "Binding", "bindings").verbs(&["create"]),
    def("", "v1", "ConfigMap", "configmaps").short(&["cm"]),
    def("", "v1", "Endpoints", "endpoints").short(&["ep"]),
    def("", "v1", "Event", "events").short(&["ev"]),
    def("", "v1", "LimitRange", "limitranges").short(&["limits"]),
    def("", "v1", "Namespace", "namespaces")
        .short(&["ns"])
        .cluster()
        .verbs(&["create", "delete", "get", "list", "patch", "update", "watch"])
        .subs(&["finalize=v1/Namespace:update", "status"]),
    def("", "v1", "Node", "nodes").short(&["no"]).cluster().subs(&["proxy=v1/NodeProxyOptions:get", "status"]),
    def("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims").short(&["pvc"]).subs(&["status"]),
    def("", "v1", "PersistentVolume", "persistentvolumes").short(&["pv"]).cluster().subs(&["status"]),
    def("", "v1", "Pod", "pods").short(&["po"]).all().subs(&[
        "attach=v1/PodAttachOptions:create,get",
        "binding=v1/Binding:create",
        "ephemeralcontainers",
        "eviction=policy/v1/Eviction:create",
        "exec=v1/PodExecOptions:create,get",
        "log=v1/Pod:get",
        "portforward=v1/PodPortForwardOptions:create,get",
        "proxy=v1/PodProxyOptions:get",
        "resize",
        "status",
    ]),
    def("", "v1", "PodTemplate", "podtemplates"),
    def("", "v1", "ReplicationController", "replicationcontrollers").short(&["rc"]).all().subs(&[SCALE, "status"]),
    def("", "v1", "ResourceQuota", "resourcequotas").short(&["quota"]).subs(&["status"]),
    def("", "v1", "Secret", "secrets"),
    def("", "v1", "ServiceAccount", "serviceaccounts")
        .short(&["sa"])
        .subs(&["token=authentication.k8s.io/v1/TokenRequest:create"]),
    def("", "v1", "Service", "services").short(&["svc"]).all().subs(&["proxy=v1/ServiceProxyOptions:get", "status"]),
    def("apps", "v1", "ControllerRevision", "controllerrevisions"),
    def("apps", "v1", "DaemonSet", "daemonsets").short(&["ds"]).all().subs(&["status"]),
    def("apps", "v1", "Deployment", "deployments").short(&["deploy"]).all().subs(&[SCALE, "status"]),
    def("apps", "v1", "ReplicaSet", "replicasets").short(&["rs"]).all().subs(&[SCALE, "status"]),
    def("apps", "v1", "StatefulSet", "statefulsets").short(&["sts"]).all().subs(&[SCALE, "status"]),
    def("batch", "v1", "CronJob", "cronjobs").short(&["cj"]).all().subs(&["status"]),
    def("batch", "v1", "Job", "jobs").all().subs(&["status"]),
    def("networking.k8s.io", "v1", "IngressClass", "ingressclasses").cluster(),
    def("networking.k8s.io", "v1", "Ingress", "ingresses").short(&["ing"]).subs(&["status"]),
    def("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies").short(&["netpol"]),
    def("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets").short(&["pdb"]).subs(&["status"]),
    def("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices"),
    def("coordination.k8s.io", "v1", "Lease", "leases"),
    def("events.k8s.io", "v1", "Event", "events").short(&["ev"]),
    def("storage.k8s.io", "v1", "StorageClass", "storageclasses").short(&["sc"]).cluster(),
    def("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses").short(&["pc"]).cluster(),
    def("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings").cluster(),
    def("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles").cluster(),
    def("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings"),
    def("rbac.authorization.k8s.io", "v1", "Role", "roles"),
    def("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions")
        .short(&["crd", "crds"])
        .cluster()
        .subs(&["status"]),
];

fn build(d: &Def) -> ResourceType {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let subresources = d
        .subs
        .iter()
        .map(|spec| {
            let (name, rest) = spec.split_once('=').unwrap_or((spec, ""));
            let (gvk, verbs) = rest.split_once(':').unwrap_or((rest, ""));
            let verbs = if verbs.is_empty() { s(SUB_VERBS) } else { verbs.split(',').map(str::to_string).collect() };
            let (group, version, kind) = if gvk.is_empty() {
                (d.group.to_string(), d.version.to_string(), d.kind.to_string())
            } else {
                let parts: Vec<&str> = gvk.split('/').collect();
                match parts.as_slice() {
                    [v, k] => (String::new(), v.to_string(), k.to_string()),
                    [g, v, k] => (g.to_string(), v.to_string(), k.to_string()),
                    _ => panic!("catalog entry {spec} is malformed"),
                }
            };
            Subresource { name: name.to_string(), group, version, kind, verbs }
        })
        .collect();
    ResourceType {
        group: d.group.into(),
        version: d.version.into(),
        kind: d.kind.into(),
        plural: d.plural.into(),
        singular: d.kind.to_lowercase(),
        short_names: s(d.short),
        categories: if d.all { vec!["all".into()] } else { vec![] },
        namespaced: d.namespaced,
        verbs: s(d.verbs),
        subresources,
        printer_columns: None,
    }
}

static CATALOG: LazyLock<Vec<ResourceType>> = LazyLock::new(|| BUILTIN.iter().map(build).collect());

/// Every built-in resource type, in discovery order.
pub fn builtin() -> &'static [ResourceType] {
    &CATALOG
}

/// The built-in type served at `group`/`version` under `plural`.
pub fn lookup(group: &str, version: &str, plural: &str) -> Option<&'static ResourceType> {
    CATALOG.iter().find(|r| r.group == group && r.version == version && r.plural == plural)
}

/// The built-in type for `group`/`version`, `kind`.
pub fn lookup_kind(group: &str, version: &str, kind: &str) -> Option<&'static ResourceType> {
    CATALOG.iter().find(|r| r.group == group && r.version == version && r.kind == kind)
}

/// Split `apiVersion` into group and version (`v1` has the empty core group).
pub fn split_api_version(api_version: &str) -> (&str, &str) {
    match api_version.split_once('/') {
        Some((g, v)) => (g, v),
        None => ("", api_version),
    }
}

/// Group versions in discovery order, each once: `("", "v1")`, `("apps", "v1")`, …
pub fn group_versions(types: &[ResourceType]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for r in types {
        if !out.iter().any(|(g, v)| *g == r.group && *v == r.version) {
            out.push((r.group.clone(), r.version.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_deployments_have_scale_in_autoscaling() {
        let d = lookup("apps", "v1", "deployments").expect("deployments");
        let scale = d.subresource("scale").expect("scale");
        assert_eq!((scale.group.as_str(), scale.version.as_str(), scale.kind.as_str()), ("autoscaling", "v1", "Scale"));
        assert_eq!(d.short_names, vec!["deploy"]);
        assert_eq!(d.group_resource(), "deployments.apps");
        assert_eq!(d.api_version(), "apps/v1");
    }

    #[test]
    fn catalog_all_category_matches_kubectl_get_all() {
        let all: Vec<&str> =
            builtin().iter().filter(|r| r.categories.iter().any(|c| c == "all")).map(|r| r.plural.as_str()).collect();
        assert_eq!(
            all,
            vec![
                "pods",
                "replicationcontrollers",
                "services",
                "daemonsets",
                "deployments",
                "replicasets",
                "statefulsets",
                "cronjobs",
                "jobs"
            ]
        );
    }

    #[test]
    fn catalog_plural_names_are_unique_per_group_version() {
        let mut seen = std::collections::HashSet::new();
        for r in builtin() {
            assert!(seen.insert((r.group.clone(), r.version.clone(), r.plural.clone())), "{} twice", r.plural);
        }
    }

    #[test]
    fn catalog_log_subresource_is_get_only() {
        let pods = lookup("", "v1", "pods").expect("pods");
        assert_eq!(pods.subresource("log").expect("log").verbs, vec!["get"]);
        assert_eq!(pods.subresource("binding").expect("binding").kind, "Binding");
        assert!(lookup("", "v1", "namespaces").expect("ns").subresource("finalize").is_some());
    }
}
