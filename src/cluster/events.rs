//! Recording Events as Kubernetes components do, for every embedded component: queued so a
//! reconcile or a scheduling decision never waits on it, repeats folded into a series per
//! distinct event (kube-runtime's `Recorder` alone rescans its whole cache on every publish,
//! which made scheduling 10,000 pods quadratic), and client-go's per-object spam filter.

use k8s_openapi::api::core::v1::ObjectReference;
use kube::Resource;
use kube::runtime::events::{Event, EventType, Recorder, Reporter};
use tokio::sync::mpsc;

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

    fn recorder(&mut self, client: &kube::Client, p: &Pending, instance: &str, now: std::time::Instant) -> Recorder {
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
            let reporter = Reporter { controller: p.controller.into(), instance: Some(instance.into()) };
            (Recorder::new(client.clone(), reporter), now)
        });
        entry.1 = now;
        entry.0.clone()
    }
}

impl EventSink {
    /// A sink and the task that publishes what it is given; `instance` is the reporting
    /// instance (kube-controller-manager, the scheduler, a node).
    pub fn new(client: kube::Client, instance: &'static str) -> (EventSink, tokio::task::JoinHandle<()>) {
        let (tx, mut rx) = mpsc::channel::<Pending>(4096);
        let task = tokio::spawn(async move {
            let mut state = EventState::default();
            while let Some(p) = rx.recv().await {
                let now = std::time::Instant::now();
                if !state.allow(p.controller, p.regarding.uid.as_deref().unwrap_or(""), now) {
                    continue;
                }
                let recorder = state.recorder(&client, &p, instance, now);
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
        self.record(obj.object_ref(&()), type_, reason, action, note);
    }

    /// An event about the object `regarding` names (for controllers that hold a reference,
    /// not the object).
    pub fn record(&self, mut regarding: ObjectReference, type_: EventType, reason: &str, action: &str, note: String) {
        let event = Event { type_, reason: reason.into(), note: Some(note), action: action.into(), secondary: None };
        // Repeats about one object fold into one series; its resourceVersion moves on.
        regarding.resource_version = None;
        let pending = Pending { controller: self.controller, event, regarding };
        if self.tx.try_send(pending).is_err() {
            tracing::debug!(reason, "event queue full; event dropped");
        }
    }
}
