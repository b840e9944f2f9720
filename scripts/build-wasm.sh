#!/usr/bin/env bash
# make wasm: optimized, VM-checked contract artifacts.
#   bash scripts/build-wasm.sh [contract...]     (contract = directory name in contracts/, default: all)
# For each contract that exports entry points (src/lib.rs declares a `contract` module):
#   cargo build --release --lib --locked -p mesi-<name> --target wasm32-unknown-unknown   (one package at a time,
#     so cargo features never unify across contracts)
#   wasm-opt (binaryen 132) -Os --llvm-memory-copy-fill-lowering --strip-debug (+ bounded one-caller inlining,
#   see optimize_wasm in scripts/lib/pipeline.sh) -> artifacts/mesi_<name>.wasm
# then artifacts/checksums.txt (sha256sum format) and the cosmwasm-check 3.0.10 checks (static checks + compile,
# wasmd 0.61 capabilities) of every artifact, and the 800 KiB upload limit. Any failure fails the build.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PIPE_TAG=wasm
# shellcheck source=lib/pipeline.sh
source "$ROOT/scripts/lib/pipeline.sh"
cd "$ROOT"

TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
ART="$ROOT/artifacts"
mkdir -p "$ART"

if [ $# -gt 0 ]; then contracts=("$@"); else
  contracts=()
  for d in contracts/*/; do contracts+=("$(basename "$d")"); done
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  command -v rustup >/dev/null || die "Rust target wasm32-unknown-unknown missing and no rustup to add it"
  log "adding the Rust target wasm32-unknown-unknown (rustup)"
  rustup target add wasm32-unknown-unknown >&2 || die "rustup target add wasm32-unknown-unknown failed"
fi
ensure_wasm_opt
sha256_of() { sha256sum "$1" | cut -d' ' -f1; }
# what the optimized output depends on besides the input: the wasm-opt build and the optimize_wasm step
opt_id=$( { "$WASM_OPT" --version; declare -f optimize_wasm; } | sha256sum | cut -c1-16)

built=()
for name in "${contracts[@]}"; do
  dir="contracts/$name"
  [ -f "$dir/Cargo.toml" ] || die "no contract crate at $dir"
  if ! grep -Eq '^[[:space:]]*(pub[[:space:]]+)?mod[[:space:]]+contract\b' "$dir/src/lib.rs"; then
    log "$name: skipped (not implemented)"
    continue
  fi
  pkg="mesi-$name"
  file="${pkg//-/_}.wasm"
  log "$name: cargo build -p $pkg (wasm32-unknown-unknown, release)"
  start=$(date +%s)
  cargo build --release --lib --locked -p "$pkg" --target wasm32-unknown-unknown --target-dir "$TARGET_DIR"
  raw="$TARGET_DIR/wasm32-unknown-unknown/release/$file"
  [ -f "$raw" ] || die "$name: $raw not produced (is crate-type cdylib set?)"
  # wasm-opt takes ~10 s a contract: skip it when this raw wasm was already optimized into the artifact that is there
  # (same input bytes, same wasm-opt, same optimize_wasm flags -> the same output; the artifact's own hash is checked)
  key="$(sha256_of "$raw") $opt_id"
  stamp="$ART/.optimized/$file"
  if [ -f "$ART/$file" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key $(sha256_of "$ART/$file")" ]; then
    how="unchanged raw wasm, wasm-opt skipped"
  else
    optimize_wasm "$raw" "$ART/$file"
    mkdir -p "$ART/.optimized"
    echo "$key $(sha256_of "$ART/$file")" >"$stamp"
    how="optimized"
  fi
  log "$name: $(file_size "$raw") bytes raw -> $(file_size "$ART/$file") bytes $how ($((  $(date +%s) - start ))s) -> artifacts/$file"
  built+=("$ART/$file")
done

shopt -s nullglob
all=("$ART"/mesi_*.wasm)
shopt -u nullglob
if [ ${#all[@]} -eq 0 ]; then
  log "no contract implemented yet: nothing to check"
  exit 0
fi
(cd "$ART" && sha256sum "${all[@]##*/}" >checksums.txt)
log "artifacts/checksums.txt:"
sed 's/^/    /' "$ART/checksums.txt"

# Upload limit, then the VM's own checks (the VM prints the reason of a rejection).
for f in "${all[@]}"; do
  size=$(file_size "$f")
  [ "$size" -lt "$WASM_LIMIT_BYTES" ] || die "${f##*/} is $size bytes: wasmd refuses uploads of 800 KiB ($WASM_LIMIT_BYTES bytes) or more"
done
ensure_vm
"$VM_BIN" check "${all[@]}" || die "the CosmWasm VM 3.0.10 rejects an artifact (see above)"
log "done: ${#built[@]} built, ${#all[@]} checked"
