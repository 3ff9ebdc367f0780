//! Helpers every workload controller uses (kubernetes `pkg/controller/controller_utils.go` and
//! `pkg/api/v1/pod`): pod readiness and availability, owner references, template hashing,
//! percentages, selectors, and an event sink that never blocks a reconcile.

use std::collections::BTreeMap;

use jiff::Timestamp;
use k8s_openapi::api::core::v1::{ObjectReference, Pod, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{self as metav1, OwnerReference};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use kube::Resource;
use kube::runtime::events::{Event, EventType, Recorder, Reporter};
use tokio::sync::mpsc;

use super::ControllerError;
use crate::k8s::selector::LabelSelector;

/// The label that ties a ReplicaSet and its pods to one version of a Deployment's template.
pub const POD_TEMPLATE_HASH: &str = "pod-template-hash";
/// StatefulSet and DaemonSet pods name the ControllerRevision they were made from.
pub const CONTROLLER_REVISION_HASH: &str = "controller-revision-hash";

pub fn phase(pod: &Pod) -> &str {
    pod.status.as_ref().and_then(|s| s.phase.as_deref()).unwrap_or("")
}

pub fn is_terminating<K: Resource>(obj: &K) -> bool {
    obj.meta().deletion_timestamp.is_some()
}

/// Counted as a replica: not finished and not being deleted (`FilterActivePods`).
pub fn is_active(pod: &Pod) -> bool {
    !matches!(phase(pod), "Succeeded" | "Failed") && !is_terminating(pod)
}

/// When the pod's Ready condition last became True, if it is True now.
pub fn ready_since(pod: &Pod) -> Option<Timestamp> {
    let cond = pod.status.as_ref()?.conditions.as_ref()?.iter().find(|c| c.type_ == "Ready")?;
    if cond.status != "True" {
        return None;
    }
    // A Ready condition without a transition time counts as ready since forever.
    Some(cond.last_transition_time.as_ref().map(|t| t.0).unwrap_or(Timestamp::MIN))
}

pub fn is_ready(pod: &Pod) -> bool {
    ready_since(pod).is_some()
}

/// Ready for at least `min_ready_seconds` at `now` (`IsPodAvailable`).
pub fn is_available(pod: &Pod, min_ready_seconds: i32, now: Timestamp) -> bool {
    match ready_since(pod) {
        None => false,
        Some(_) if min_ready_seconds <= 0 => true,
        Some(since) => {
            since.saturating_add(jiff::SignedDuration::from_secs(min_ready_seconds.into())).is_ok_and(|t| t <= now)
        }
    }
}

/// How long until a ready pod becomes available, if it is ready but not yet available.
pub fn until_available(pod: &Pod, min_ready_seconds: i32, now: Timestamp) -> Option<std::time::Duration> {
    let since = ready_since(pod)?;
    if min_ready_seconds <= 0 {
        return None;
    }
    let at = since.saturating_add(jiff::SignedDuration::from_secs(min_ready_seconds.into())).ok()?;
    (at > now).then(|| std::time::Duration::try_from(at.duration_since(now)).unwrap_or_default())
}

/// The owner reference a controller puts on what it creates: `controller` and
/// `blockOwnerDeletion` set, as kube's controllers do.
pub fn controller_ref<K: Resource<DynamicType = ()>>(owner: &K) -> OwnerReference {
    OwnerReference {
        api_version: K::api_version(&()).into_owned(),
        kind: K::kind(&()).into_owned(),
        name: owner.meta().name.clone().unwrap_or_default(),
        uid: owner.meta().uid.clone().unwrap_or_default(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// The object's controller ownerReference.
pub fn get_controller_of<K: Resource>(obj: &K) -> Option<&OwnerReference> {
    obj.meta().owner_references.as_ref()?.iter().find(|o| o.controller == Some(true))
}

pub fn is_controlled_by<K: Resource, O: Resource>(obj: &K, owner: &O) -> bool {
    get_controller_of(obj).is_some_and(|r| Some(&r.uid) == owner.meta().uid.as_ref())
}

pub fn labels_of<K: Resource>(obj: &K) -> BTreeMap<String, String> {
    obj.meta().labels.clone().unwrap_or_default()
}

/// A typed selector as the shared selector type. An absent selector selects nothing, as
/// Kubernetes' workload controllers treat it.
pub fn selector(sel: Option<&metav1::LabelSelector>) -> Result<LabelSelector, ControllerError> {
    let Some(sel) = sel else { return Ok(LabelSelector::nothing()) };
    let value = serde_json::to_value(sel).map_err(|e| ControllerError::InvalidSelector(e.to_string()))?;
    LabelSelector::from_json(&value).map_err(|e| ControllerError::InvalidSelector(e.to_string()))
}

pub fn matches<K: Resource>(sel: &LabelSelector, obj: &K) -> bool {
    if sel.is_nothing() {
        return false;
    }
    match &obj.meta().labels {
        Some(l) => sel.matches_map(l),
        None => sel.matches_map(&BTreeMap::new()),
    }
}

/// An int-or-percent field resolved against `total` (`GetScaledValueFromIntOrPercent`).
pub fn scaled_value(v: Option<&IntOrString>, total: i32, round_up: bool, default: &str) -> i32 {
    let parse_percent = |s: &str| -> i32 {
        let p: i64 = s.trim_end_matches('%').parse().unwrap_or(0);
        let scaled = p * i64::from(total);
        let v = if round_up { (scaled + 99).div_euclid(100) } else { scaled.div_euclid(100) };
        v.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
    };
    match v {
        Some(IntOrString::Int(i)) => *i,
        Some(IntOrString::String(s)) if s.ends_with('%') => parse_percent(s),
        Some(IntOrString::String(s)) => s.parse().unwrap_or(0),
        None => parse_percent(default),
    }
}

/// 32-bit FNV-1a, the hash kube uses for template hashes.
pub fn fnv32a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193))
}

/// apimachinery's `rand.SafeEncodeString`: maps characters into an alphabet without vowels
/// (no accidental words) and without characters that are easily confused.
pub fn safe_encode(s: &str) -> String {
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    s.bytes().map(|b| ALPHANUMS[usize::from(b) % ALPHANUMS.len()] as char).collect()
}

/// A stable hash of a pod template, salted with the collision count (`ComputeHash`). The
/// template is hashed as its canonical JSON (struct order, sorted maps), so it is stable across
/// runs; it differs from kube's value, which hashes Go's in-memory dump.
pub fn compute_hash(template: &PodTemplateSpec, collision_count: Option<i32>) -> String {
    let mut bytes = serde_json::to_vec(template).unwrap_or_default();
    if let Some(c) = collision_count {
        // kube writes the count as 8 bytes, little-endian u32 in the first four.
        bytes.extend_from_slice(&(c as u32).to_le_bytes());
        bytes.extend_from_slice(&[0; 4]);
    }
    safe_encode(&fnv32a(&bytes).to_string())
}

/// A pod for `template`, owned by `owner` (`GetPodFromTemplate`): labels, annotations and
/// finalizers of the template, the template's spec, and either `name` or a generated name.
pub fn pod_from_template(template: &PodTemplateSpec, owner: OwnerReference, name: PodName<'_>) -> Pod {
    let tm = template.metadata.clone().unwrap_or_default();
    let mut meta = metav1::ObjectMeta {
        labels: tm.labels,
        annotations: tm.annotations,
        finalizers: tm.finalizers,
        owner_references: Some(vec![owner]),
        ..Default::default()
    };
    match name {
        PodName::Exact(n) => meta.name = Some(n.to_string()),
        PodName::Generate(prefix) => meta.generate_name = Some(generate_name_prefix(prefix)),
    }
    Pod { metadata: meta, spec: template.spec.clone(), status: None }
}

pub enum PodName<'a> {
    Exact(&'a str),
    Generate(&'a str),
}

/// `<owner>-`, shortened so the generated name fits (`getPodsPrefix` and the apiserver's limit).
pub fn generate_name_prefix(owner: &str) -> String {
    let prefix = format!("{owner}-");
    if prefix.len() > 58 { prefix[..58].to_string() } else { prefix }
}

pub fn now() -> Timestamp {
    Timestamp::now()
}

pub fn time(t: Timestamp) -> metav1::Time {
    metav1::Time(t)
}

/// Sends events without making reconciles wait for them: a bounded queue drained by one task
/// (client-go's broadcaster also drops events when its queue is full).
#[derive(Clone)]
pub struct EventSink {
    tx: mpsc::Sender<Pending>,
    controller: &'static str,
}

struct Pending {
    controller: &'static str,
    event: Event,
    regarding: ObjectReference,
}

/// client-go's `EventSourceObjectSpamFilter`: per reporter and object, a burst of 25 events,
/// then one per five minutes. A ReplicaSet creating a thousand pods records 25 of them.
const SPAM_BURST: f64 = 25.0;
const SPAM_REFILL_PER_SEC: f64 = 1.0 / 300.0;
/// How long a recorder (and so an event series) is kept for repeats, as kube's Recorder does.
const SERIES_TTL: std::time::Duration = std::time::Duration::from_secs(6 * 60);

type SeriesKey = (&'static str, String, String, String, bool);

#[derive(Default)]
struct EventState {
    buckets: std::collections::HashMap<(&'static str, String), (f64, std::time::Instant)>,
    /// One recorder per distinct event: kube's Recorder folds repeats into a series by reason
    /// and object but ignores the note, while client-go also keys on the note, so "Scaled up"
    /// and "Scaled down" stay two events as in kube.
    series: std::collections::HashMap<SeriesKey, (Recorder, std::time::Instant)>,
}

impl EventState {
    fn allow(&mut self, controller: &'static str, uid: &str, now: std::time::Instant) -> bool {
        let (tokens, last) = self.buckets.entry((controller, uid.to_string())).or_insert((SPAM_BURST, now));
        *tokens = (*tokens + now.duration_since(*last).as_secs_f64() * SPAM_REFILL_PER_SEC).min(SPAM_BURST);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }

    fn recorder(&mut self, client: &kube::Client, p: &Pending, now: std::time::Instant) -> Recorder {
        if self.series.len() > 1024 {
            self.series.retain(|_, (_, at)| now.duration_since(*at) < SERIES_TTL);
            self.buckets.retain(|_, (tokens, last)| *tokens < SPAM_BURST || now.duration_since(*last) < SERIES_TTL);
        }
        let key = (
            p.controller,
            p.regarding.uid.clone().unwrap_or_default(),
            p.event.reason.clone(),
            p.event.note.clone().unwrap_or_default(),
            p.event.type_ == EventType::Warning,
        );
        let entry = self.series.entry(key).or_insert_with(|| {
            let reporter = Reporter { controller: p.controller.into(), instance: Some("kx-controller-manager".into()) };
            (Recorder::new(client.clone(), reporter), now)
        });
        entry.1 = now;
        entry.0.clone()
    }
}

impl EventSink {
    /// A sink and the task that publishes what it is given.
    pub fn new(client: kube::Client) -> (EventSink, tokio::task::JoinHandle<()>) {
        let (tx, mut rx) = mpsc::channel::<Pending>(4096);
        let task = tokio::spawn(async move {
            let mut state = EventState::default();
            while let Some(p) = rx.recv().await {
                let now = std::time::Instant::now();
                if !state.allow(p.controller, p.regarding.uid.as_deref().unwrap_or(""), now) {
                    continue;
                }
                let recorder = state.recorder(&client, &p, now);
                if let Err(e) = recorder.publish(&p.event, &p.regarding).await {
                    tracing::debug!(reason = %p.event.reason, error = %e, "could not record an event");
                }
            }
        });
        (EventSink { tx, controller: "kx" }, task)
    }

    /// The same sink, reporting as `controller` (e.g. `deployment-controller`).
    pub fn for_controller(&self, controller: &'static str) -> EventSink {
        EventSink { tx: self.tx.clone(), controller }
    }

    pub fn normal<K: Resource<DynamicType = ()>>(&self, obj: &K, reason: &str, action: &str, note: String) {
        self.send(obj, EventType::Normal, reason, action, note);
    }

    pub fn warning<K: Resource<DynamicType = ()>>(&self, obj: &K, reason: &str, action: &str, note: String) {
        self.send(obj, EventType::Warning, reason, action, note);
    }

    fn send<K: Resource<DynamicType = ()>>(&self, obj: &K, type_: EventType, reason: &str, action: &str, note: String) {
        let event = Event { type_, reason: reason.into(), note: Some(note), action: action.into(), secondary: None };
        let pending = Pending { controller: self.controller, event, regarding: obj.object_ref(&()) };
        if self.tx.try_send(pending).is_err() {
            tracing::debug!(reason, "event queue full; event dropped");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{PodCondition, PodStatus};

    fn pod_ready_at(t: Option<Timestamp>) -> Pod {
        Pod {
            status: Some(PodStatus {
                phase: Some("Running".into()),
                conditions: Some(vec![PodCondition {
                    type_: "Ready".into(),
                    status: "True".into(),
                    last_transition_time: t.map(metav1::Time),
                    ..Default::default()
                }]),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn scaled_value_percent_rounds_as_asked() {
        let p = IntOrString::String("25%".into());
        assert_eq!(scaled_value(Some(&p), 10, true, "0"), 3);
        assert_eq!(scaled_value(Some(&p), 10, false, "0"), 2);
        assert_eq!(scaled_value(Some(&IntOrString::Int(4)), 10, false, "0"), 4);
        assert_eq!(scaled_value(None, 4, true, "25%"), 1);
    }

    #[test]
    fn safe_encode_maps_digits_like_apimachinery() {
        // '0' is byte 48; 48 % 27 = 21 → '4'.
        assert_eq!(safe_encode("0"), "4");
        assert_eq!(safe_encode("1234567890").len(), 10);
    }

    #[test]
    fn compute_hash_collision_count_changes_the_hash() {
        let t = PodTemplateSpec::default();
        assert_eq!(compute_hash(&t, None), compute_hash(&t, None));
        assert_ne!(compute_hash(&t, None), compute_hash(&t, Some(1)));
        assert_ne!(compute_hash(&t, Some(1)), compute_hash(&t, Some(2)));
    }

    #[test]
    fn is_available_waits_for_min_ready_seconds() {
        let now = Timestamp::now();
        let p = pod_ready_at(Some(now - jiff::SignedDuration::from_secs(5)));
        assert!(is_available(&p, 0, now));
        assert!(is_available(&p, 5, now));
        assert!(!is_available(&p, 10, now));
        assert!(until_available(&p, 10, now).is_some_and(|d| d.as_secs() == 5));
        assert!(is_available(&pod_ready_at(None), 100, now));
    }
}
