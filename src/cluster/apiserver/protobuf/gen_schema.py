#!/usr/bin/env python3
"""Generates schema.rs: the field table that protobuf.rs decodes Kubernetes protobuf with.

Why generated: the wire format carries only field numbers, so decoding needs, per message,
each field's number, wire type, JSON name and Go semantics. The sources are two crates that
are already in the cargo registry, so nothing is fetched:

- k8s-pb (prost messages generated from kubernetes' generated.proto): field numbers, types,
  repeated/map, and which message a field holds.
- k8s-openapi (serde types generated from the OpenAPI spec): JSON names (the proto names are
  snake_cased by prost, which loses acronyms such as podIPs), fields that the JSON form inlines
  (Volume.volumeSource, Probe.handler, ...: a nested message in protobuf, flattened in JSON),
  and required fields (JSON tags without omitempty, which Go always writes).

What neither source has is whether a Go field is a pointer. gogo-protobuf writes every
non-pointer scalar (empty strings, zeros, false) but a pointer only when set, and a set pointer
may hold zero (`replicas: 0`, `automountServiceAccountToken: false`). POINTERS below lists the
pointer scalars (and IntOrString/Quantity pointers) of the kinds kx decodes, from k8s.io/api's
types.go; a zero on the wire is kept only for those.

Run: python3 gen_schema.py > schema.rs  (then cargo fmt). Neither crate is a dependency of kx;
`cargo info k8s-pb@0.9.0` puts k8s-pb's source in the registry, k8s-openapi is already there.
Warnings on stderr name fields whose JSON name had to be guessed and POINTERS entries that
match no field; both should be empty.
"""

import glob
import os
import re
import sys

def crate_source(name):
    found = glob.glob(os.path.expanduser(f"~/.cargo/registry/src/*/{name}/src"))
    if not found:
        sys.exit(f"{name} is not in the cargo registry; run `cargo info {name.replace('k8s-pb-', 'k8s-pb@')}`")
    return found[0]


K8S_PB = crate_source("k8s-pb-0.9.0")
K8S_OPENAPI = os.path.join(crate_source("k8s-openapi-0.29.0"), "v1_35")

# Top-level kinds kx accepts as protobuf: everything `kubectl create <subcommand>` sends, and
# the rest of the stable groups the embedded apiserver serves.
GROUPS = [
    "io.k8s.api.core.v1",
    "io.k8s.api.apps.v1",
    "io.k8s.api.batch.v1",
    "io.k8s.api.rbac.v1",
    "io.k8s.api.networking.v1",
    "io.k8s.api.policy.v1",
    "io.k8s.api.scheduling.v1",
    "io.k8s.api.autoscaling.v1",
    "io.k8s.api.autoscaling.v2",
    "io.k8s.api.coordination.v1",
    "io.k8s.api.storage.v1",
    "io.k8s.api.discovery.v1",
]

# Go pointer fields, by message and JSON name (k8s.io/api types.go, v1.35; Go spelling, matched without case).
POINTERS = {
    "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta": ["deletionGracePeriodSeconds"],
    "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference": ["controller", "blockOwnerDeletion"],
    "io.k8s.api.core.v1.PodSpec": [
        "terminationGracePeriodSeconds", "activeDeadlineSeconds", "automountServiceAccountToken",
        "shareProcessNamespace", "priority", "runtimeClassName", "enableServiceLinks",
        "preemptionPolicy", "setHostnameAsFQDN", "hostUsers", "hostnameOverride",
    ],
    "io.k8s.api.core.v1.PodSecurityContext": [
        "runAsUser", "runAsGroup", "runAsNonRoot", "fsGroup", "fsGroupChangePolicy",
        "supplementalGroupsPolicy", "seLinuxChangePolicy",
    ],
    "io.k8s.api.core.v1.SecurityContext": [
        "privileged", "runAsUser", "runAsGroup", "runAsNonRoot", "readOnlyRootFilesystem",
        "allowPrivilegeEscalation", "procMount",
    ],
    "io.k8s.api.core.v1.WindowsSecurityContextOptions": [
        "gmsaCredentialSpecName", "gmsaCredentialSpec", "runAsUserName", "hostProcess",
    ],
    "io.k8s.api.core.v1.SeccompProfile": ["localhostProfile"],
    "io.k8s.api.core.v1.AppArmorProfile": ["localhostProfile"],
    "io.k8s.api.core.v1.Container": ["restartPolicy"],
    "io.k8s.api.core.v1.EphemeralContainerCommon": ["restartPolicy"],
    "io.k8s.api.core.v1.VolumeMount": ["recursiveReadOnly", "mountPropagation"],
    "io.k8s.api.core.v1.Probe": ["terminationGracePeriodSeconds"],
    "io.k8s.api.core.v1.GRPCAction": ["service"],
    "io.k8s.api.core.v1.Lifecycle": ["stopSignal"],
    "io.k8s.api.core.v1.ConfigMapKeySelector": ["optional"],
    "io.k8s.api.core.v1.SecretKeySelector": ["optional"],
    "io.k8s.api.core.v1.FileKeySelector": ["optional"],
    "io.k8s.api.core.v1.ConfigMapEnvSource": ["optional"],
    "io.k8s.api.core.v1.SecretEnvSource": ["optional"],
    "io.k8s.api.core.v1.SecretVolumeSource": ["defaultMode", "optional"],
    "io.k8s.api.core.v1.ConfigMapVolumeSource": ["defaultMode", "optional"],
    "io.k8s.api.core.v1.KeyToPath": ["mode"],
    "io.k8s.api.core.v1.ProjectedVolumeSource": ["defaultMode"],
    "io.k8s.api.core.v1.SecretProjection": ["optional"],
    "io.k8s.api.core.v1.ConfigMapProjection": ["optional"],
    "io.k8s.api.core.v1.ServiceAccountTokenProjection": ["expirationSeconds"],
    "io.k8s.api.core.v1.ClusterTrustBundleProjection": ["name", "signerName", "optional"],
    "io.k8s.api.core.v1.DownwardAPIVolumeSource": ["defaultMode"],
    "io.k8s.api.core.v1.DownwardAPIVolumeFile": ["mode"],
    "io.k8s.api.core.v1.HostPathVolumeSource": ["type"],
    "io.k8s.api.core.v1.CSIVolumeSource": ["readOnly", "fsType"],
    "io.k8s.api.core.v1.ISCSIVolumeSource": ["initiatorName"],
    "io.k8s.api.core.v1.ISCSIPersistentVolumeSource": ["initiatorName"],
    "io.k8s.api.core.v1.AzureDiskVolumeSource": ["cachingMode", "fsType", "readOnly", "kind"],
    "io.k8s.api.core.v1.AzureFilePersistentVolumeSource": ["secretNamespace"],
    "io.k8s.api.core.v1.EmptyDirVolumeSource": ["sizeLimit"],
    "io.k8s.api.core.v1.PersistentVolumeClaimSpec": [
        "storageClassName", "volumeMode", "volumeAttributesClassName",
    ],
    "io.k8s.api.core.v1.PersistentVolumeSpec": ["volumeMode", "volumeAttributesClassName"],
    "io.k8s.api.core.v1.TypedLocalObjectReference": ["apiGroup"],
    "io.k8s.api.core.v1.TypedObjectReference": ["apiGroup", "namespace"],
    "io.k8s.api.core.v1.Toleration": ["tolerationSeconds"],
    "io.k8s.api.core.v1.TopologySpreadConstraint": [
        "minDomains", "nodeAffinityPolicy", "nodeTaintsPolicy",
    ],
    "io.k8s.api.core.v1.PodDNSConfigOption": ["value"],
    "io.k8s.api.core.v1.PodResourceClaim": ["resourceClaimName", "resourceClaimTemplateName"],
    "io.k8s.api.core.v1.ServiceSpec": [
        "ipFamilyPolicy", "allocateLoadBalancerNodePorts", "loadBalancerClass",
        "internalTrafficPolicy", "trafficDistribution",
    ],
    "io.k8s.api.core.v1.ServicePort": ["appProtocol"],
    "io.k8s.api.core.v1.EndpointPort": ["appProtocol"],
    "io.k8s.api.core.v1.EndpointAddress": ["nodeName"],
    "io.k8s.api.core.v1.ClientIPConfig": ["timeoutSeconds"],
    "io.k8s.api.core.v1.ServiceAccount": ["automountServiceAccountToken"],
    "io.k8s.api.core.v1.ConfigMap": ["immutable"],
    "io.k8s.api.core.v1.Secret": ["immutable"],
    "io.k8s.api.core.v1.LoadBalancerIngress": ["ipMode"],
    "io.k8s.api.core.v1.PortStatus": ["error"],
    "io.k8s.api.core.v1.ContainerStatus": ["started", "stopSignal"],
    "io.k8s.api.apps.v1.DeploymentSpec": [
        "replicas", "revisionHistoryLimit", "progressDeadlineSeconds",
    ],
    "io.k8s.api.apps.v1.DeploymentStatus": ["collisionCount", "terminatingReplicas"],
    "io.k8s.api.apps.v1.RollingUpdateDeployment": ["maxUnavailable", "maxSurge"],
    "io.k8s.api.apps.v1.ReplicaSetSpec": ["replicas"],
    "io.k8s.api.apps.v1.ReplicaSetStatus": ["terminatingReplicas"],
    "io.k8s.api.apps.v1.StatefulSetSpec": ["replicas", "revisionHistoryLimit"],
    "io.k8s.api.apps.v1.StatefulSetStatus": ["collisionCount"],
    "io.k8s.api.apps.v1.RollingUpdateStatefulSetStrategy": ["partition", "maxUnavailable"],
    "io.k8s.api.apps.v1.DaemonSetSpec": ["revisionHistoryLimit"],
    "io.k8s.api.apps.v1.DaemonSetStatus": ["collisionCount"],
    "io.k8s.api.apps.v1.RollingUpdateDaemonSet": ["maxUnavailable", "maxSurge"],
    "io.k8s.api.batch.v1.JobSpec": [
        "parallelism", "completions", "activeDeadlineSeconds", "backoffLimit",
        "backoffLimitPerIndex", "maxFailedIndexes", "manualSelector", "ttlSecondsAfterFinished",
        "completionMode", "suspend", "podReplacementPolicy", "managedBy",
    ],
    "io.k8s.api.batch.v1.JobStatus": ["ready", "terminating", "failedIndexes"],
    "io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement": ["containerName"],
    "io.k8s.api.batch.v1.SuccessPolicyRule": ["succeededIndexes", "succeededCount"],
    "io.k8s.api.batch.v1.CronJobSpec": [
        "timeZone", "startingDeadlineSeconds", "suspend", "successfulJobsHistoryLimit",
        "failedJobsHistoryLimit",
    ],
    "io.k8s.api.networking.v1.IngressSpec": ["ingressClassName"],
    "io.k8s.api.networking.v1.HTTPIngressPath": ["pathType"],
    "io.k8s.api.networking.v1.NetworkPolicyPort": ["protocol", "port", "endPort"],
    "io.k8s.api.networking.v1.IngressClassParametersReference": ["apiGroup", "scope", "namespace"],
    "io.k8s.api.policy.v1.PodDisruptionBudgetSpec": [
        "minAvailable", "maxUnavailable", "unhealthyPodEvictionPolicy",
    ],
    "io.k8s.api.scheduling.v1.PriorityClass": ["preemptionPolicy"],
    "io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec": [
        "minReplicas", "targetCPUUtilizationPercentage",
    ],
    "io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerStatus": [
        "observedGeneration", "currentCPUUtilizationPercentage",
    ],
    "io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec": ["minReplicas"],
    "io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus": ["observedGeneration"],
    "io.k8s.api.autoscaling.v2.MetricTarget": ["value", "averageValue", "averageUtilization"],
    "io.k8s.api.autoscaling.v2.MetricValueStatus": [
        "value", "averageValue", "averageUtilization",
    ],
    "io.k8s.api.autoscaling.v2.HPAScalingRules": [
        "stabilizationWindowSeconds", "selectPolicy", "tolerance",
    ],
    "io.k8s.api.coordination.v1.LeaseSpec": [
        "holderIdentity", "leaseDurationSeconds", "leaseTransitions", "strategy",
        "preferredHolder",
    ],
    "io.k8s.api.storage.v1.StorageClass": [
        "reclaimPolicy", "allowVolumeExpansion", "volumeBindingMode",
    ],
    "io.k8s.api.storage.v1.CSIDriverSpec": [
        "attachRequired", "podInfoOnMount", "fsGroupPolicy", "storageCapacity",
        "requiresRepublish", "seLinuxMount", "nodeAllocatableUpdatePeriodSeconds",
    ],
    "io.k8s.api.storage.v1.VolumeAttachmentSource": ["persistentVolumeName"],
    "io.k8s.api.storage.v1.VolumeNodeResources": ["count"],
    "io.k8s.api.discovery.v1.Endpoint": ["hostname", "nodeName", "zone"],
    "io.k8s.api.discovery.v1.EndpointConditions": ["ready", "serving", "terminating"],
    "io.k8s.api.discovery.v1.EndpointPort": ["name", "protocol", "port", "appProtocol"],
}

# Messages whose JSON form is not an object; protobuf.rs converts them by name.
SPECIAL = {
    "io.k8s.apimachinery.pkg.apis.meta.v1.Time": "Time",
    "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": "MicroTime",
    "io.k8s.apimachinery.pkg.apis.meta.v1.Duration": "Duration",
    "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1": "RawJson",
    "io.k8s.apimachinery.pkg.runtime.RawExtension": "RawJson",
    "io.k8s.apimachinery.pkg.api.resource.Quantity": "Quantity",
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString": "IntOrString",
}

SCALARS = {"string": "Str", "bytes": "Bytes", "int32": "Int32", "int64": "Int64",
           "bool": "Bool", "double": "Double"}


def module_name(path):
    rel = os.path.relpath(os.path.dirname(path), K8S_PB).split(os.sep)
    if rel[0] == "api":
        return "io.k8s.api." + ".".join(rel[1:])
    if rel[0] == "apimachinery":
        return "io.k8s.apimachinery." + ".".join(rel[1:])
    return None


def resolve(module, rust_type):
    """`super::super::core::v1::PodTemplateSpec` seen from `module` -> full message name."""
    parts = rust_type.split("::")
    if len(parts) == 1:
        return module + "." + parts[0]
    # module path segments below the crate root, e.g. [api, core, v1] or [apimachinery, pkg, ...]
    segs = module.split(".")[2:]
    while parts and parts[0] == "super":
        segs.pop()
        parts.pop(0)
    full = segs + parts
    if full[0] == "api":
        return "io.k8s.api." + ".".join(full[1:])
    return "io.k8s.apimachinery." + ".".join(full[1:])


def parse_k8s_pb():
    messages = {}
    kinds = []
    for path in glob.glob(os.path.join(K8S_PB, "**/mod.rs"), recursive=True):
        module = module_name(path)
        if module is None:
            continue
        text = open(path).read()
        for m in re.finditer(r"^pub struct (\w+) \{\n(.*?)^\}", text, re.S | re.M):
            name, body = m.group(1), m.group(2)
            body = "\n".join(l for l in body.split("\n") if not l.strip().startswith("///"))
            fields = []
            for fm in re.finditer(r"#\[prost\((.*?)\)\]\s*pub (?:r#)?(\w+):\s*(.*?),\n(?=\s*(?:#\[prost|$))",
                                  body + "\n", re.S):
                attr, fname, ftype = fm.group(1), fm.group(2), "".join(fm.group(3).split()).replace(",>", ">")
                tag = int(re.search(r'tag = "(\d+)"', attr).group(1))
                kind = attr.split(",")[0].strip()
                repeated = "repeated" in attr
                if kind.startswith("btree_map"):
                    kv = re.search(r'btree_map = "(\w+), (\w+)"', attr)
                    value = kv.group(2)
                    if value == "message":
                        inner = re.search(r"BTreeMap<.*?String,(.*)>$", ftype).group(1)
                        value = ("message", resolve(module, inner.replace(" ", "")))
                    fields.append(dict(tag=tag, name=fname, kind="map", value=value))
                    continue
                if kind.startswith("bytes"):
                    kind = "bytes"
                if kind == "message":
                    inner = re.search(r"(?:Option|Vec)<(.*)>$", ftype).group(1).replace(" ", "")
                    fields.append(dict(tag=tag, name=fname, kind="message",
                                       msg=resolve(module, inner), repeated=repeated))
                    continue
                fields.append(dict(tag=tag, name=fname, kind=kind, repeated=repeated))
            messages[module + "." + name] = fields
        for m in re.finditer(r'impl crate::Resource for (\w+) \{\s*const API_VERSION: &\'static str = "([^"]+)";'
                             r'.*?const KIND: &\'static str = "([^"]+)";', text, re.S):
            kinds.append((module + "." + m.group(1), m.group(2), m.group(3)))
    return messages, kinds


def parse_k8s_openapi():
    """definition name -> {normalized rust name: (json name, required)}"""
    defs = {}
    for path in glob.glob(os.path.join(K8S_OPENAPI, "**/*.rs"), recursive=True):
        text = open(path).read()
        m = re.match(r"// Generated from definition ([\w.]+)", text)
        if not m:
            continue
        struct = re.search(r"^pub struct \w+ \{\n(.*?)^\}", text, re.S | re.M)
        if not struct:
            continue
        required = {}
        for fm in re.finditer(r"^    pub (?:r#)?(\w+): (.*),$", struct.group(1), re.M):
            required[fm.group(1)] = not fm.group(2).startswith("Option<")
        fields = {}
        for fm in re.finditer(r'"([^"]+)" => Field::Key_(\w+),', text):
            rust = fm.group(2)
            fields[norm(rust)] = (fm.group(1), required.get(rust, False))
        defs[def_key(m.group(1))] = fields
    return defs


def def_key(full_name):
    """k8s-pb respells acronyms (HTTPGetAction -> HttpGetAction); compare names without case."""
    module, short = full_name.rsplit(".", 1)
    return module + "." + short.lower()


def norm(name):
    return name.replace("r#", "").rstrip("_").replace("_", "").lower()


def camel(snake):
    head, *rest = snake.replace("r#", "").split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


def main():
    messages, kinds = parse_k8s_pb()
    defs = parse_k8s_openapi()
    roots = [k for k in kinds if any(k[0].rsplit(".", 1)[0] == g for g in GROUPS)]

    # Reachable messages, in a stable order.
    order, seen, stack = [], set(), [r[0] for r in roots]
    while stack:
        name = stack.pop(0)
        if name in seen:
            continue
        seen.add(name)
        order.append(name)
        if name in SPECIAL:
            continue
        for f in messages[name]:
            if f["kind"] == "message":
                stack.append(f["msg"])
            elif f["kind"] == "map" and isinstance(f["value"], tuple):
                stack.append(f["value"][1])
    index = {n: i for i, n in enumerate(order)}

    # Messages that the JSON form inlines into a parent (Volume.volumeSource, Probe.handler, ...)
    # have no OpenAPI definition of their own: they take their names from the parent's.
    own = {n: defs.get(def_key(n)) for n in order}
    inline = set()
    changed = True
    while changed:
        changed = False
        for name in order:
            parent = own[name]
            if parent is None or name in SPECIAL:
                continue
            for f in messages[name]:
                if f["kind"] != "message" or norm(f["name"]) in parent or f["msg"] in SPECIAL:
                    continue
                child = f["msg"]
                if all(norm(g["name"]) in parent for g in messages[child]):
                    inline.add((name, f["tag"]))
                    if own[child] is None:
                        own[child] = parent
                        changed = True
    pointers = {def_key(k): set(v) for k, v in POINTERS.items()}

    pointers_used = set()
    warnings = []
    out = []
    out.append("//! Generated by gen_schema.py from k8s-pb 0.9.0 and k8s-openapi 0.29 (v1_35): field")
    out.append("//! numbers, JSON names and Go semantics of the messages `protobuf.rs` decodes. Do not edit.")
    out.append("")
    out.append("use super::{Field, Kind, Message, Special, F_INLINE, F_KEEP_ZERO};")
    out.append("")
    out.append("pub(super) static KINDS: &[(&str, &str, u16)] = &[")
    for full, api_version, kind in sorted(roots, key=lambda r: (r[1], r[2])):
        out.append(f'    ("{api_version}", "{kind}", {index[full]}),')
    out.append("];")
    out.append("")
    out.append("pub(super) static MESSAGES: &[Message] = &[")
    for name in order:
        short = name.rsplit(".", 1)[1]
        special = SPECIAL.get(name)
        openapi = own[name]
        ptrs = pointers.get(def_key(name), set())
        rows = []
        if special is None:
            for f in sorted(messages[name], key=lambda f: f["tag"]):
                flags = []
                key = norm(f["name"])
                if openapi is not None and key in openapi:
                    json_name, required = openapi[key]
                elif (name, f["tag"]) in inline:
                    json_name, required = "", False
                    flags.append("F_INLINE")
                else:
                    json_name, required = camel(f["name"]), False
                    if openapi is not None or name.startswith("io.k8s.api."):
                        warnings.append(f"{name}.{f['name']}: no JSON name in k8s-openapi, using {json_name}")
                if json_name in ptrs or required:
                    flags.append("F_KEEP_ZERO")
                    if json_name in ptrs:
                        pointers_used.add((def_key(name), json_name))
                if f["kind"] == "map":
                    v = f["value"]
                    vk = f"Kind::Message({index[v[1]]})" if isinstance(v, tuple) else f"Kind::{SCALARS[v]}"
                    kind = f"Kind::Map(&{vk})"
                elif f["kind"] == "message":
                    kind = f"Kind::Message({index[f['msg']]})"
                else:
                    kind = f"Kind::{SCALARS[f['kind']]}"
                repeated = "true" if f.get("repeated") else "false"
                flag = " | ".join(flags) if flags else "0"
                rows.append(f'Field {{ tag: {f["tag"]}, json: "{json_name}", kind: {kind}, repeated: {repeated}, flags: {flag} }},')
        sp = f"Some(Special::{special})" if special else "None"
        out.append(f'    Message {{ name: "{short}", special: {sp}, fields: &[')
        out.extend("        " + r for r in rows)
        out.append("    ] },")
    out.append("];")
    print("\n".join(out))
    for n, fields in POINTERS.items():
        for fj in fields:
            if (def_key(n), fj) not in pointers_used:
                warnings.append(f"pointer {n}.{fj} not found")
    for w in warnings:
        print("warning:", w, file=sys.stderr)
    print(f"{len(order)} messages, {len(roots)} kinds", file=sys.stderr)


if __name__ == "__main__":
    main()
