"""The Python `kubernetes` client against a kx cluster: list, create, patch, watch, errors.

Run by tests/integration/python_client.rs with KUBECONFIG pointing at the cluster; exits
non-zero (with a traceback) on any failure.
"""
import threading

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

config.load_kube_config()
core = client.CoreV1Api()
apps = client.AppsV1Api()

names = [ns.metadata.name for ns in core.list_namespace().items]
assert {"default", "kube-system", "kube-public", "kube-node-lease"} <= set(names), names

# Watch configmaps from the list's resourceVersion while another thread makes changes.
start_rv = core.list_namespaced_config_map("default").metadata.resource_version
events = []


def watcher():
    w = watch.Watch()
    for ev in w.stream(core.list_namespaced_config_map, "default", resource_version=start_rv, timeout_seconds=20):
        events.append((ev["type"], ev["object"].metadata.name, ev["object"].data))
        if ev["type"] == "DELETED":
            w.stop()


t = threading.Thread(target=watcher)
t.start()

cm = client.V1ConfigMap(metadata=client.V1ObjectMeta(name="py-cm", labels={"app": "py"}), data={"a": "1"})
created = core.create_namespaced_config_map("default", cm)
assert created.metadata.uid and created.metadata.resource_version, created.metadata

# A dict body is sent as a strategic merge patch.
patched = core.patch_namespaced_config_map("py-cm", "default", {"data": {"b": "2"}})
assert patched.data == {"a": "1", "b": "2"}, patched.data

# A list body is sent as a JSON patch.
patched = core.patch_namespaced_config_map("py-cm", "default", [{"op": "remove", "path": "/data/a"}])
assert patched.data == {"b": "2"}, patched.data

listed = core.list_namespaced_config_map("default", label_selector="app=py")
assert [c.metadata.name for c in listed.items] == ["py-cm"], listed.items

core.delete_namespaced_config_map("py-cm", "default")
t.join(30)
assert not t.is_alive(), "watch did not see the deletion"
assert [e[0] for e in events] == ["ADDED", "MODIFIED", "MODIFIED", "DELETED"], events
assert events[1][2] == {"a": "1", "b": "2"}, events

try:
    core.read_namespaced_config_map("py-cm", "default")
    raise AssertionError("deleted configmap still readable")
except ApiException as e:
    assert e.status == 404, e.status
    assert e.reason == "Not Found", e.reason

dep = client.V1Deployment(
    metadata=client.V1ObjectMeta(name="py-web"),
    spec=client.V1DeploymentSpec(
        replicas=2,
        selector=client.V1LabelSelector(match_labels={"app": "py-web"}),
        template=client.V1PodTemplateSpec(
            metadata=client.V1ObjectMeta(labels={"app": "py-web"}),
            spec=client.V1PodSpec(containers=[client.V1Container(name="web", image="nginx:1.27")]),
        ),
    ),
)
apps.create_namespaced_deployment("default", dep)
scaled = apps.patch_namespaced_deployment_scale("py-web", "default", {"spec": {"replicas": 5}})
assert scaled.spec.replicas == 5, scaled
got = apps.read_namespaced_deployment("py-web", "default")
assert got.spec.replicas == 5 and got.spec.strategy.type == "RollingUpdate", got.spec
try:
    apps.create_namespaced_deployment("default", dep)
    raise AssertionError("duplicate create accepted")
except ApiException as e:
    assert e.status == 409, e.status
print("python client: ok")
