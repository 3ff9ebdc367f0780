#!/usr/bin/env bash
# `kx get pods` against `kubectl get pods` (benches/cli.rs) with the binary users get from
# `cargo build --release` / `cargo install`. cargo bench builds kx with its own profile, whose
# symbol names differ, and would overwrite target/release/kx: so build first, keep a copy,
# and hand it to the bench. Extra arguments go to the bench (`--pods N --runs R`).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/kx-target}
built=$(cargo build --release --bin kx --message-format=json |
    grep -o '"executable":"[^"]*/kx"' | sed 's/^"executable":"//; s/"$//' | tail -1)
copy=$(mktemp -d)/kx
cp "$built" "$copy"
trap 'rm -rf "$(dirname "$copy")"' EXIT
KX_BIN="$copy" cargo bench --bench cli -- "$@"
