//! kube-rs, unmodified, against the embedded apiserver over HTTPS: a reflector that is pushed
//! past a compaction (410 Expired on re-watch) relists and ends up with exactly the server's
//! objects, and the streaming-list mode gets its initial-events-end bookmark.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::StreamExt;
use k8s_openapi::api::core::v1::ConfigMap;
use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams, PostParams};
use kube::runtime::{WatchStreamExt, reflector, watcher};

use crate::support::{TestCluster, eventually};

fn cm(name: &str, v: &str) -> ConfigMap {
    serde_json::from_value(serde_json::json!({
        "metadata": {"name": name},
        "data": {"v": v},
    }))
    .expect("configmap")
}

async fn server_state(api: &Api<ConfigMap>) -> BTreeMap<String, String> {
    api.list(&ListParams::default())
        .await
        .expect("list")
        .items
        .into_iter()
        .map(|c| (c.metadata.name.clone().unwrap_or_default(), c.metadata.resource_version.clone().unwrap_or_default()))
        .collect()
}

/// ConfigMaps the test made: every namespace also holds the `kube-root-ca.crt` the service
/// account controller publishes, as in a real cluster.
fn made(reader: &reflector::Store<ConfigMap>) -> usize {
    reader.state().iter().filter(|c| c.metadata.name.as_deref() != Some("kube-root-ca.crt")).count()
}

fn store_state(reader: &reflector::Store<ConfigMap>) -> BTreeMap<String, String> {
    reader
        .state()
        .iter()
        .map(|c| (c.metadata.name.clone().unwrap_or_default(), c.metadata.resource_version.clone().unwrap_or_default()))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn kube_rs_reflector_survives_compaction_with_a_relist() {
    let tc = TestCluster::start().await;
    let client = tc.remote_client().await;
    let watched: Api<ConfigMap> = Api::namespaced(client.clone(), "default");
    let elsewhere: Api<ConfigMap> = Api::namespaced(client.clone(), "kube-public");

    for i in 0..20 {
        watched.create(&PostParams::default(), &cm(&format!("c{i}"), "0")).await.expect("create");
    }
    let (reader, writer) = reflector::store();
    let inits = Arc::new(Mutex::new(0usize));
    let counted = inits.clone();
    // A short server-side timeout makes the watcher re-watch often, from the last
    // resourceVersion it saw.
    let stream = reflector(writer, watcher(watched.clone(), watcher::Config::default().timeout(1)))
        .default_backoff()
        .inspect(move |e| {
            if matches!(e, Ok(watcher::Event::Init)) {
                *counted.lock().expect("lock") += 1;
            }
        });
    let task = tokio::spawn(stream.for_each(|_| async {}));

    eventually(Duration::from_secs(20), "reflector has the initial list", || {
        let reader = reader.clone();
        async move { (made(&reader) == 20).then_some(()) }
    })
    .await;

    // Changes the watcher does not see (another namespace), then a compaction past its
    // last resourceVersion: its next re-watch gets 410 Expired and must relist.
    for i in 0..50 {
        elsewhere.create(&PostParams::default(), &cm(&format!("x{i}"), "0")).await.expect("create");
    }
    let rev = tc.cluster.store.revision();
    tc.cluster.store.compact(rev).await.expect("compact");
    eventually(Duration::from_secs(30), "a relist after 410", || {
        let inits = inits.clone();
        async move { (*inits.lock().expect("lock") >= 2).then_some(()) }
    })
    .await;
    // After the relist the watch carries on: later changes all arrive.
    watched.delete("c0", &DeleteParams::default()).await.expect("delete");
    watched
        .patch("c1", &PatchParams::default(), &Patch::Merge(serde_json::json!({"data": {"v": "1"}})))
        .await
        .expect("patch");
    watched.create(&PostParams::default(), &cm("late", "0")).await.expect("create");
    let want = server_state(&watched).await;
    eventually(Duration::from_secs(30), "reflector matching the server", || {
        let (reader, want) = (reader.clone(), want.clone());
        async move { (store_state(&reader) == want).then_some(()) }
    })
    .await;
    assert!(!want.contains_key("c0") && want.contains_key("late"));
    task.abort();
}

#[tokio::test(flavor = "multi_thread")]
async fn kube_rs_streaming_list_becomes_ready() {
    let tc = TestCluster::start().await;
    let client = tc.remote_client().await;
    let api: Api<ConfigMap> = Api::namespaced(client, "default");
    for i in 0..5 {
        api.create(&PostParams::default(), &cm(&format!("s{i}"), "0")).await.expect("create");
    }
    let (reader, writer) = reflector::store();
    let stream = reflector(writer, watcher(api.clone(), watcher::Config::default().streaming_lists()));
    let task = tokio::spawn(stream.default_backoff().for_each(|_| async {}));
    tokio::time::timeout(Duration::from_secs(20), reader.wait_until_ready())
        .await
        .expect("ready in time")
        .expect("ready");
    assert_eq!(made(&reader), 5);
    task.abort();
}
