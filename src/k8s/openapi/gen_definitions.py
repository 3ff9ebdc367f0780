#!/usr/bin/env python3
"""Generate definitions.json: the OpenAPI v3 component schemas of Kubernetes 1.33 for every
kind the embedded apiserver serves (src/k8s/catalog.rs), with their transitive references.

Source: the `kubernetes-validate` PyPI package (Apache-2.0), which ships the 1.33 API
definitions converted from kube-apiserver's published OpenAPI (descriptions, required fields,
formats, x-kubernetes-group-version-kind, x-kubernetes-list-type/-list-map-keys/-map-type,
x-kubernetes-patch-merge-key/-patch-strategy, x-kubernetes-unions). This script undoes that
package's JSON-Schema conversion so the result has kube-apiserver's /openapi/v3 shape:
  - `"type": ["string", "null"]` back to `"type": "string"`;
  - the `enum` it adds to every kind's apiVersion/kind removed;
  - `$ref`s pointing at `#/components/schemas/...`, wrapped in a one-element `allOf` when the
    property also has a description (as kube-openapi's v3 builder does);
  - Quantity and IntOrString restored to kube's form, with the descriptions k8s-openapi ships.

Run from the repository root:
  pip download kubernetes-validate==1.37.0 --no-deps -d /tmp/kv && unzip -o -q /tmp/kv/*.whl -d /tmp/kv
  python3 src/k8s/openapi/gen_definitions.py /tmp/kv/kubernetes_validate/kubernetes-json-schema/v1.33.0-local/_definitions.json
"""

import json
import re
import sys

SRC = sys.argv[1]
OUT = "src/k8s/openapi/definitions.json"

INT_OR_STRING = {
    "description": "IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.",
    "format": "int-or-string",
    "oneOf": [{"type": "integer"}, {"type": "string"}],
}


def quantity_description():
    # The text k8s-openapi took from the same swagger, unescaped from its Rust string.
    import glob

    path = glob.glob(
        __import__("os").path.expanduser("~/.cargo/registry/src/*/k8s-openapi-0.29.0/src/v1_33/apimachinery/pkg/api/resource/quantity.rs")
    )[0]
    src = open(path).read()
    m = re.search(r'"description": ("(?:[^"\\]|\\.)*")', src)
    return json.loads(m.group(1))


def catalog_gvks():
    text = open("src/k8s/catalog.rs").read()
    out = set()
    for g, v, k in re.findall(r'def\("([^"]*)", "([^"]*)", "([^"]*)"', text):
        out.add((g, v, k))
        out.add((g, v, k + "List"))
    for sub in re.findall(r'"[a-z]+=([^":]+)(?::[a-z,]+)?"', text):
        parts = sub.split("/")
        if len(parts) == 2:
            out.add(("", parts[0], parts[1]))
        else:
            out.add(tuple(parts))
    out.add(("autoscaling", "v1", "Scale"))
    return out


def conv(s, in_kind_props=None):
    if isinstance(s, list):
        return [conv(x) for x in s]
    if not isinstance(s, dict):
        return s
    out = {}
    for k, v in s.items():
        if k == "type" and isinstance(v, list):
            ts = [t for t in v if t != "null"]
            v = ts[0] if len(ts) == 1 else ts
        elif k == "$ref" and isinstance(v, str):
            v = "#/components/schemas/" + v.split("/")[-1]
        elif k == "properties":
            v = {name: conv(p) for name, p in v.items()}
        elif k in ("items", "additionalProperties", "not"):
            v = conv(v)
        elif k in ("allOf", "oneOf", "anyOf"):
            v = [conv(x) for x in v]
        out[k] = v
    if isinstance(out.get("$ref"), str) and len(out) > 1:
        ref = out.pop("$ref")
        out["allOf"] = [{"$ref": ref}]
    return out


def main():
    defs = json.load(open(SRC))["$defs"]
    wanted = catalog_gvks()
    roots = []
    for name, d in defs.items():
        for gvk in d.get("x-kubernetes-group-version-kind", []):
            if (gvk["group"], gvk["version"], gvk["kind"]) in wanted and name not in roots:
                roots.append(name)
    keep = set()

    def refs(s):
        if isinstance(s, dict):
            for k, v in s.items():
                if k == "$ref" and isinstance(v, str):
                    yield v.split("/")[-1]
                else:
                    yield from refs(v)
        elif isinstance(s, list):
            for x in s:
                yield from refs(x)

    todo = list(roots)
    while todo:
        n = todo.pop()
        if n in keep:
            continue
        keep.add(n)
        todo.extend(refs(defs[n]))

    out = {}
    for name in sorted(keep):
        d = conv(defs[name])
        if "x-kubernetes-group-version-kind" in d:
            for f in ("apiVersion", "kind"):
                p = d.get("properties", {}).get(f)
                if p is not None:
                    p.pop("enum", None)
        out[name] = d
    out["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] = INT_OR_STRING
    out["io.k8s.apimachinery.pkg.api.resource.Quantity"] = {
        "description": quantity_description(),
        "oneOf": [{"type": "string"}, {"type": "number"}],
    }
    missing = sorted("/".join(g) for g in wanted if not any(
        tuple(x.values()) == g or (x["group"], x["version"], x["kind"]) == g
        for d in out.values() for x in d.get("x-kubernetes-group-version-kind", [])))
    if missing:
        print("no definition for:", ", ".join(missing), file=sys.stderr)
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")
    print(f"{len(out)} definitions -> {OUT}")


main()
