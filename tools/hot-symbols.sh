#!/usr/bin/env bash
# Regenerate tools/hot-symbols.txt: the functions kx's one-shot commands run, which
# build.rs asks lld to place side by side in release builds (see build.rs for why).
#
# Needs valgrind (apt-get install valgrind) and a release build; takes a few minutes.
# Run it after big dependency or toolchain upgrades: symbols that no longer exist are
# ignored by the linker, so a stale list only loses some of its benefit. The output says
# how much of the list the current binary still matches.
#
#   tools/hot-symbols.sh            # regenerate
#   tools/hot-symbols.sh --check    # report coverage only
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/kx-target}
build() {
    cargo build --release --bin kx --message-format=json |
        grep -o '"executable":"[^"]*/kx"' | sed 's/^"executable":"//; s/"$//' | tail -1
}
KX=$(build)
LIST=tools/hot-symbols.txt
work=$(mktemp -d)
defined="$work/defined.txt"
nm --defined-only "$KX" | awk '{print $3}' | sort -u >"$defined"

if [[ "${1:-}" == "--check" ]]; then
    total=$(wc -l <"$LIST")
    found=$(sort -u "$LIST" | comm -12 - "$defined" | wc -l)
    echo "$found of $total listed symbols are in $KX"
    rm -rf "$work"
    exit 0
fi

command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
export KUBECONFIG="$work/kubeconfig" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config"
"$KX" cluster up --memory --port 0 --detach --runtime sim >/dev/null
trap '"$KX" cluster down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do "$KX" get ns >/dev/null 2>&1 && break; sleep 0.2; done
"$KX" create deployment web --image=nginx:1.27 --replicas=3 >/dev/null
"$KX" create service clusterip web --tcp=80:80 >/dev/null
"$KX" create configmap settings --from-literal=mode=fast >/dev/null
cat >"$work/app.yaml" <<'YAML'
apiVersion: v1
kind: ConfigMap
metadata:
  name: applied
data:
  key: value
YAML
sleep 2
pod=$("$KX" get pods -o name | head -1)

# The commands whose code goes first: `get` of a list, the most common call by far.
primary=(
    "get pods"
)
secondary=(
    "get pods -o wide"
    "get pods -A"
    "get deploy,svc"
    "get pods -o yaml"
    "get pods -o json"
    "get pods -o name"
    "get ns"
    "describe $pod"
    "describe deployment web"
    "apply -f $work/app.yaml"
    "delete configmap settings"
    "label deployment web tier=front"
    "scale deployment web --replicas=2"
    "api-resources"
    "version"
    "config view"
    "ns"
    "ctx"
)
run() {
    local out="$work/cg.$1"
    shift
    # shellcheck disable=SC2086 # the commands above are word lists
    valgrind --tool=callgrind --demangle=no --callgrind-out-file="$out" "$KX" $* >/dev/null 2>&1 || true
    sed -n 's/^c\{0,1\}fn=([0-9]*) //p' "$out" | sort -u | comm -12 - "$defined"
}
first=$(run 0 "${primary[0]}")
i=1
rest=$(for c in "${secondary[@]}"; do run $((i++)) "$c"; done | sort -u)
{
    echo "$first"
    comm -13 <(echo "$first") <(echo "$rest")
} | sed '/^$/d' >"$LIST"
echo "wrote $(wc -l <"$LIST") symbols to $LIST ($(echo "$first" | wc -l) from \`kx get pods\`)"
KX=$(build)
echo "rebuilt $KX with it"
