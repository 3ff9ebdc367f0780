//! Printers for cluster-administration kinds: RBAC bindings, leases, storage classes,
//! priority classes, runtime classes and admission webhook configurations.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::field::{age, arr_at, bool_at, int_at, name, opt_bool_at, opt_str_at, str_at};
use super::{ColumnDefinition, age_col, doc, name_col, string_col, typed_col, wide_col};

pub(super) fn lease_columns() -> Vec<ColumnDefinition> {
    vec![name_col(), string_col("Holder", doc::LEASE_SPEC_HOLDER_IDENTITY), age_col()]
}

pub(super) fn lease_cells(lease: &Value, now: Timestamp) -> Vec<Value> {
    vec![json!(name(lease)), json!(str_at(lease, &["spec", "holderIdentity"])), json!(age(lease, now))]
}

pub(super) fn storage_class_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        string_col("Provisioner", doc::STORAGE_CLASS_PROVISIONER),
        string_col("ReclaimPolicy", doc::STORAGE_CLASS_RECLAIM_POLICY),
        string_col("VolumeBindingMode", doc::STORAGE_CLASS_VOLUME_BINDING_MODE),
        // Typed string, yet the printer fills it with a JSON boolean.
        string_col("AllowVolumeExpansion", doc::STORAGE_CLASS_ALLOW_VOLUME_EXPANSION),
        age_col(),
    ]
}

/// The GA or beta default-class annotation set to `"true"`.
fn is_default_class(sc: &Value) -> bool {
    ["storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"]
        .iter()
        .any(|key| opt_str_at(sc, &["metadata", "annotations", key]) == Some("true"))
}

pub(super) fn storage_class_cells(sc: &Value, now: Timestamp) -> Vec<Value> {
    let mut display_name = name(sc).to_string();
    if is_default_class(sc) {
        display_name.push_str(" (default)");
    }
    vec![
        json!(display_name),
        json!(str_at(sc, &["provisioner"])),
        json!(opt_str_at(sc, &["reclaimPolicy"]).unwrap_or("Delete")),
        json!(opt_str_at(sc, &["volumeBindingMode"]).unwrap_or("Immediate")),
        json!(bool_at(sc, &["allowVolumeExpansion"])),
        json!(age(sc, now)),
    ]
}

/// `cluster` selects the ClusterRoleBinding descriptions; the cells are the same.
pub(super) fn role_binding_columns(cluster: bool) -> Vec<ColumnDefinition> {
    let (role_ref, users, groups, service_accounts) = if cluster {
        (
            doc::CLUSTER_ROLE_BINDING_ROLE_REF,
            doc::CLUSTER_BINDING_USERS,
            doc::CLUSTER_BINDING_GROUPS,
            doc::CLUSTER_BINDING_SERVICE_ACCOUNTS,
        )
    } else {
        (doc::ROLE_BINDING_ROLE_REF, doc::BINDING_USERS, doc::BINDING_GROUPS, doc::BINDING_SERVICE_ACCOUNTS)
    };
    vec![
        name_col(),
        string_col("Role", role_ref),
        age_col(),
        wide_col("Users", users),
        wide_col("Groups", groups),
        wide_col("ServiceAccounts", service_accounts),
    ]
}

/// `rbac.SubjectsStrings`: users, groups and `namespace/name` service accounts, each joined
/// with `", "`; other kinds are not shown.
pub(super) fn role_binding_cells(binding: &Value, now: Timestamp) -> Vec<Value> {
    let mut users: Vec<&str> = Vec::new();
    let mut groups: Vec<&str> = Vec::new();
    let mut service_accounts: Vec<String> = Vec::new();
    for subject in arr_at(binding, &["subjects"]) {
        let subject_name = str_at(subject, &["name"]);
        match str_at(subject, &["kind"]) {
            "ServiceAccount" => service_accounts.push(format!("{}/{subject_name}", str_at(subject, &["namespace"]))),
            "User" => users.push(subject_name),
            "Group" => groups.push(subject_name),
            _ => {}
        }
    }
    vec![
        json!(name(binding)),
        json!(format!("{}/{}", str_at(binding, &["roleRef", "kind"]), str_at(binding, &["roleRef", "name"]))),
        json!(age(binding, now)),
        json!(users.join(", ")),
        json!(groups.join(", ")),
        json!(service_accounts.join(", ")),
    ]
}

pub(super) fn priority_class_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        typed_col("Value", "integer", doc::PRIORITY_CLASS_VALUE),
        typed_col("Global-Default", "boolean", doc::PRIORITY_CLASS_GLOBAL_DEFAULT),
        age_col(),
        // Filled only for wide output, yet declared with priority 0.
        string_col("PreemptionPolicy", doc::PRIORITY_CLASS_PREEMPTION_POLICY),
    ]
}

pub(super) fn priority_class_cells(pc: &Value, now: Timestamp) -> Vec<Value> {
    vec![
        json!(name(pc)),
        json!(int_at(pc, &["value"])),
        json!(opt_bool_at(pc, &["globalDefault"]).unwrap_or(false)),
        json!(age(pc, now)),
        json!(str_at(pc, &["preemptionPolicy"])),
    ]
}

pub(super) fn runtime_class_columns() -> Vec<ColumnDefinition> {
    vec![
        name_col(),
        // The printer looks up a "handler" entry in ObjectMeta's docs, which has none.
        string_col("Handler", ""),
        age_col(),
    ]
}

pub(super) fn runtime_class_cells(rc: &Value, now: Timestamp) -> Vec<Value> {
    vec![json!(name(rc)), json!(str_at(rc, &["handler"])), json!(age(rc, now))]
}

pub(super) fn webhook_configuration_columns() -> Vec<ColumnDefinition> {
    vec![name_col(), typed_col("Webhooks", "integer", doc::WEBHOOKS), age_col()]
}

pub(super) fn webhook_configuration_cells(config: &Value, now: Timestamp) -> Vec<Value> {
    vec![json!(name(config)), json!(arr_at(config, &["webhooks"]).len()), json!(age(config, now))]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2024-05-01T12:00:00Z".parse().expect("valid timestamp")
    }

    #[test]
    fn role_binding_prints_role_and_subjects() {
        let rb = json!({
            "metadata": {"name": "rb"},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"},
            "subjects": [
                {"kind": "User", "name": "alice"}, {"kind": "User", "name": "bob"},
                {"kind": "Group", "name": "devs"},
                {"kind": "ServiceAccount", "namespace": "ci", "name": "runner"},
            ],
        });
        let cells = role_binding_cells(&rb, now());
        assert_eq!(cells[1], json!("ClusterRole/view"));
        assert_eq!(cells[3..6], [json!("alice, bob"), json!("devs"), json!("ci/runner")]);
        assert_eq!(role_binding_columns(true)[3].description, "Users in the clusterRoleBinding");
    }

    #[test]
    fn storage_class_default_annotation_marks_name() {
        let sc = json!({
            "metadata": {"name": "standard",
                         "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
            "provisioner": "rancher.io/local-path", "volumeBindingMode": "WaitForFirstConsumer",
        });
        let cells = storage_class_cells(&sc, now());
        assert_eq!(
            cells[..5],
            [
                json!("standard (default)"),
                json!("rancher.io/local-path"),
                json!("Delete"),
                json!("WaitForFirstConsumer"),
                json!(false)
            ]
        );
        let plain = json!({"metadata": {"name": "fast"}, "reclaimPolicy": "Retain", "allowVolumeExpansion": true});
        let cells = storage_class_cells(&plain, now());
        assert_eq!(cells[..5], [json!("fast"), json!(""), json!("Retain"), json!("Immediate"), json!(true)]);
    }

    #[test]
    fn lease_prints_holder() {
        let lease = json!({"metadata": {"name": "node-1"}, "spec": {"holderIdentity": "node-1"}});
        assert_eq!(lease_cells(&lease, now())[1], json!("node-1"));
        assert_eq!(lease_cells(&json!({}), now())[1], json!(""));
    }

    #[test]
    fn priority_class_runtime_class_and_webhooks() {
        let pc = json!({"metadata": {"name": "system-cluster-critical"}, "value": 2000000000,
                        "preemptionPolicy": "PreemptLowerPriority"});
        let cells = priority_class_cells(&pc, now());
        assert_eq!(cells[1..3], [json!(2_000_000_000), json!(false)]);
        assert_eq!(cells[4], json!("PreemptLowerPriority"));
        let rc = json!({"metadata": {"name": "runc"}, "handler": "runc"});
        assert_eq!(runtime_class_cells(&rc, now())[1], json!("runc"));
        let wh = json!({"metadata": {"name": "w"}, "webhooks": [{"name": "a"}, {"name": "b"}]});
        assert_eq!(webhook_configuration_cells(&wh, now())[1], json!(2));
    }
}
