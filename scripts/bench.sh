#!/usr/bin/env bash
# make bench: VM gas of the hot operations and wasm sizes, beside the anchors (cw20-base 2.0.0, cw721-base 0.22.0).
#   bash scripts/bench.sh [--only <artifact stem, e.g. mesi_token>]
#   bash scripts/bench.sh --anchors-only     only step 1 (make bench-chain uses the anchors; scripts/bench-chain/)
# 1. builds the anchors' own crates from bench/anchors (pinned workspace, same release profile as ours) and runs
#    them through the same wasm-opt step -> artifacts/anchors/{cw20_base,cw721_base}.wasm
# 2. builds tools/vm (cosmwasm-vm 3.0.10; target dir cached outside the repo)
# 3. `mesi-vm bench`: prints the table and writes artifacts/bench.json
# 4. (Makefile) make bench-chain: the on-chain table, merged into artifacts/bench.json as "chain" rows
# The contract artifacts come from `make wasm` (the Makefile runs it first).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PIPE_TAG=bench
# shellcheck source=lib/pipeline.sh
source "$ROOT/scripts/lib/pipeline.sh"
cd "$ROOT"

ANCHORS_DIR="$ROOT/bench/anchors"
ANCHORS_TARGET_DIR=${ANCHORS_TARGET_DIR:-$MESI_CACHE/anchors-target}
ART="$ROOT/artifacts"
mkdir -p "$ART/anchors"

# The comparison is only fair with the same release profile.
profile() { sed -n '/^\[profile\.release\]/,/^\[/p' "$1" | grep -Ev '^\s*(#|\[|$)' | tr -d ' '; }
if [ "$(profile Cargo.toml)" != "$(profile "$ANCHORS_DIR/Cargo.toml")" ]; then
  diff <(profile Cargo.toml) <(profile "$ANCHORS_DIR/Cargo.toml") || true
  die "[profile.release] of bench/anchors/Cargo.toml differs from the root Cargo.toml: keep them identical"
fi

ensure_wasm_opt
for crate in cw20-base cw721-base; do
  file="${crate//-/_}.wasm"
  log "anchor $crate: cargo build (release, wasm32-unknown-unknown, target $ANCHORS_TARGET_DIR)"
  cargo build --release --lib --locked --quiet -p "$crate" --target wasm32-unknown-unknown \
    --manifest-path "$ANCHORS_DIR/Cargo.toml" --target-dir "$ANCHORS_TARGET_DIR"
  raw="$ANCHORS_TARGET_DIR/wasm32-unknown-unknown/release/$file"
  [ -f "$raw" ] || die "anchor $crate: $raw not produced"
  optimize_wasm "$raw" "$ART/anchors/$file"
  log "anchor $crate: $(file_size "$raw") bytes raw -> $(file_size "$ART/anchors/$file") bytes -> artifacts/anchors/$file"
done

if [ "${1:-}" = "--anchors-only" ]; then exit 0; fi
ensure_vm
"$VM_BIN" check "$ART"/anchors/*.wasm
"$VM_BIN" bench --artifacts "$ART" --json "$ART/bench.json" "$@"
