use super::*;
use k8s_openapi::api::apps::v1::{
    DeploymentSpec, DeploymentStrategy, ReplicaSetSpec, ReplicaSetStatus, RollingUpdateDeployment,
};
use k8s_openapi::api::core::v1::{Container, PodSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

fn template(image: &str) -> PodTemplateSpec {
    PodTemplateSpec {
        metadata: Some(ObjectMeta {
            labels: Some([("app".to_string(), "web".to_string())].into()),
            ..Default::default()
        }),
        spec: Some(PodSpec {
            containers: vec![Container { name: "web".into(), image: Some(image.into()), ..Default::default() }],
            ..Default::default()
        }),
    }
}

fn deployment(replicas: i32, surge: IntOrString, unavailable: IntOrString) -> Deployment {
    Deployment {
        metadata: ObjectMeta { name: Some("web".into()), generation: Some(1), ..Default::default() },
        spec: Some(DeploymentSpec {
            replicas: Some(replicas),
            template: template("nginx:2"),
            strategy: Some(DeploymentStrategy {
                type_: Some("RollingUpdate".into()),
                rolling_update: Some(RollingUpdateDeployment {
                    max_surge: Some(surge),
                    max_unavailable: Some(unavailable),
                }),
            }),
            ..Default::default()
        }),
        status: None,
    }
}

fn rs(name: &str, image: &str, replicas: i32, available: i32, created_secs: i64) -> ReplicaSet {
    ReplicaSet {
        metadata: ObjectMeta {
            name: Some(name.into()),
            creation_timestamp: Some(Time(Timestamp::from_second(created_secs).expect("valid"))),
            ..Default::default()
        },
        spec: Some(ReplicaSetSpec { replicas: Some(replicas), template: Some(template(image)), ..Default::default() }),
        status: Some(ReplicaSetStatus {
            replicas,
            available_replicas: Some(available),
            ready_replicas: Some(available),
            ..Default::default()
        }),
    }
}

fn int(i: i32) -> IntOrString {
    IntOrString::Int(i)
}

#[test]
fn resolve_fenceposts_both_zero_allows_one_unavailable() {
    assert_eq!(resolve_fenceposts(&deployment(10, int(0), int(0))), (0, 1));
    let d = deployment(10, IntOrString::String("25%".into()), IntOrString::String("25%".into()));
    assert_eq!(resolve_fenceposts(&d), (3, 2));
}

#[test]
fn max_unavailable_never_exceeds_replicas() {
    assert_eq!(max_unavailable(&deployment(2, int(0), int(5))), 2);
    assert_eq!(max_unavailable(&deployment(0, int(0), int(5))), 0);
}

#[test]
fn equal_ignore_hash_ignores_the_hash_label_and_empty_structs() {
    let a = template("nginx:1");
    let mut b = a.clone();
    b.metadata.as_mut().and_then(|m| m.labels.as_mut()).expect("labels").insert(POD_TEMPLATE_HASH.into(), "abc".into());
    b.spec.as_mut().expect("spec").containers[0].resources = Some(Default::default());
    assert!(equal_ignore_hash(&a, &b));
    assert!(!equal_ignore_hash(&a, &template("nginx:2")));
}

#[test]
fn find_new_picks_the_oldest_matching_template() {
    let d = deployment(3, int(1), int(0));
    let rss = vec![rs("b", "nginx:2", 0, 0, 20), rs("old", "nginx:1", 3, 3, 5), rs("a", "nginx:2", 0, 0, 10)];
    assert_eq!(find_new(&d, &rss), Some(2));
    assert_eq!(find_new(&d, &rss[1..2]), None);
}

#[test]
fn new_rs_new_replicas_stops_at_max_surge() {
    let d = deployment(4, int(1), int(0));
    let old = rs("old", "nginx:1", 4, 4, 1);
    let new = rs("new", "nginx:2", 0, 0, 2);
    assert_eq!(new_rs_new_replicas(&d, &[&old, &new], 0), 1);
    let new1 = rs("new", "nginx:2", 1, 0, 2);
    assert_eq!(new_rs_new_replicas(&d, &[&old, &new1], 1), 1, "5 pods already: at the surge limit");
}

#[test]
fn old_scale_down_plan_keeps_min_available() {
    // 4 wanted, none may be unavailable: one new pod ready lets one old pod go.
    let d = deployment(4, int(1), int(0));
    let rss = vec![rs("old", "nginx:1", 4, 4, 1), rs("new", "nginx:2", 1, 1, 2)];
    assert_eq!(old_scale_down_plan(&d, &rss, Some(1)), vec![(0, 3)]);
    // The new pod is not available: nothing may go.
    let rss = vec![rs("old", "nginx:1", 4, 4, 1), rs("new", "nginx:2", 1, 0, 2)];
    assert!(old_scale_down_plan(&d, &rss, Some(1)).is_empty());
}

#[test]
fn old_scale_down_plan_removes_unhealthy_old_replicas_first() {
    let d = deployment(4, int(0), int(2));
    // Two of four may be unavailable, and the oldest set's two pods are: they go, while the
    // healthy ones stay because only two pods are available.
    let rss = vec![rs("oldest", "nginx:0", 2, 0, 1), rs("old", "nginx:1", 2, 2, 2), rs("new", "nginx:2", 0, 0, 3)];
    assert_eq!(old_scale_down_plan(&d, &rss, Some(2)), vec![(0, 0)]);
}

#[test]
fn set_new_rs_annotations_rollback_bumps_revision_and_keeps_history() {
    let mut d = deployment(3, int(1), int(0));
    d.metadata.annotations = Some(
        [("kubernetes.io/change-cause".to_string(), "undo".to_string()), (LAST_APPLIED.to_string(), "{}".to_string())]
            .into(),
    );
    let mut r = rs("web-1", "nginx:2", 0, 0, 1);
    r.metadata.annotations = Some([(REVISION.to_string(), "1".to_string())].into());
    assert!(set_new_rs_annotations(&d, &mut r, 3, true));
    let a = r.metadata.annotations.expect("annotations");
    assert_eq!(a.get(REVISION).map(String::as_str), Some("3"));
    assert_eq!(a.get(REVISION_HISTORY).map(String::as_str), Some("1"));
    assert_eq!(a.get("kubernetes.io/change-cause").map(String::as_str), Some("undo"));
    assert!(!a.contains_key(LAST_APPLIED), "last-applied describes the deployment only");
}

#[test]
fn set_new_rs_annotations_new_set_records_replica_counts() {
    let d = deployment(4, int(1), int(0));
    let mut r = rs("web-1", "nginx:2", 0, 0, 1);
    set_new_rs_annotations(&d, &mut r, 1, false);
    let a = r.metadata.annotations.expect("annotations");
    assert_eq!((a[DESIRED_REPLICAS].as_str(), a[MAX_REPLICAS].as_str(), a[REVISION].as_str()), ("4", "5", "1"));
}

#[test]
fn proportional_sizes_spread_a_scale_up_over_active_sets() {
    // 10 replicas with surge 3 were 6 old + 4 new (max 13 before); now 20 replicas: max 23.
    let mut d = deployment(20, int(3), int(0));
    d.status = Some(DeploymentStatus { replicas: Some(10), ..Default::default() });
    let mut old = rs("old", "nginx:1", 6, 6, 1);
    let mut new = rs("new", "nginx:2", 4, 4, 2);
    for r in [&mut old, &mut new] {
        set_replicas_annotations(r, 10, 13);
    }
    let sizes: BTreeMap<usize, i32> = proportional_sizes(&d, &[old, new]).into_iter().collect();
    assert_eq!(sizes.values().sum::<i32>(), 23);
    // old: 6*23/13 ≈ 11, plus the leftover 5 as the largest; new: 4*23/13 ≈ 7.
    assert_eq!((sizes[&0], sizes[&1]), (16, 7));
}

#[test]
fn is_scaling_event_detects_a_changed_replica_count() {
    let d = deployment(5, int(1), int(0));
    let mut r = rs("web-1", "nginx:2", 3, 3, 1);
    set_replicas_annotations(&mut r, 3, 4);
    assert!(is_scaling_event(&d, &[&r]));
    set_replicas_annotations(&mut r, 5, 6);
    assert!(!is_scaling_event(&d, &[&r]));
}

#[test]
fn cleanup_candidates_keep_revision_history_limit() {
    let mut d = deployment(1, int(1), int(0));
    d.spec.as_mut().expect("spec").revision_history_limit = Some(1);
    let mut sets: Vec<ReplicaSet> = (1..=3).map(|i| rs(&format!("r{i}"), "nginx:1", 0, 0, i)).collect();
    for (i, r) in sets.iter_mut().enumerate() {
        r.metadata.annotations = Some([(REVISION.to_string(), (i + 1).to_string())].into());
    }
    let refs: Vec<&ReplicaSet> = sets.iter().collect();
    assert_eq!(cleanup_candidates(&d, &refs), vec!["r1".to_string(), "r2".to_string()]);
}

#[test]
fn rollout_status_complete_rollout_reports_new_rs_available() {
    let d = deployment(2, int(1), int(0));
    let new = rs("web-2", "nginx:2", 2, 2, 2);
    let (s, requeue) = rollout_status(&d, &[&new], Some(&new), Timestamp::now());
    let c = condition(&s, "Progressing").expect("Progressing");
    assert_eq!(c.reason.as_deref(), Some(NEW_RS_AVAILABLE));
    assert_eq!(c.message.as_deref(), Some("ReplicaSet \"web-2\" has successfully progressed."));
    assert_eq!(condition(&s, "Available").and_then(|c| c.reason.as_deref()), Some("MinimumReplicasAvailable"));
    assert_eq!((s.replicas, s.updated_replicas, s.available_replicas), (Some(2), Some(2), Some(2)));
    assert!(requeue.is_none());
}

#[test]
fn rollout_status_without_progress_past_deadline_times_out() {
    let mut d = deployment(2, int(1), int(0));
    d.spec.as_mut().expect("spec").progress_deadline_seconds = Some(10);
    let now = Timestamp::now();
    let then = now - jiff::SignedDuration::from_secs(60);
    let new = rs("web-2", "nginx:2", 1, 0, 2);
    let old = rs("web-1", "nginx:1", 2, 2, 1);
    let mut status = calculate_status(&d, &[&old, &new], Some(&new), then);
    set_condition(&mut status, new_condition("Progressing", "True", RS_UPDATED, "x".into(), then));
    d.status = Some(status);
    let (s, requeue) = rollout_status(&d, &[&old, &new], Some(&new), now);
    let c = condition(&s, "Progressing").expect("Progressing");
    assert_eq!((c.status.as_str(), c.reason.as_deref()), ("False", Some(TIMED_OUT)));
    assert!(requeue.is_some_and(|r| r <= std::time::Duration::from_secs(1)));
}

#[test]
fn paused_condition_flips_between_paused_and_resumed() {
    let mut d = deployment(1, int(1), int(0));
    d.spec.as_mut().expect("spec").paused = Some(true);
    let c = paused_condition(&d, Timestamp::now()).expect("paused");
    assert_eq!((c.status.as_str(), c.reason.as_deref()), ("Unknown", Some(PAUSED)));
    d.status = Some(DeploymentStatus { conditions: Some(vec![c]), ..Default::default() });
    assert!(paused_condition(&d, Timestamp::now()).is_none());
    d.spec.as_mut().expect("spec").paused = Some(false);
    assert_eq!(paused_condition(&d, Timestamp::now()).and_then(|c| c.reason), Some(RESUMED.to_string()));
}
