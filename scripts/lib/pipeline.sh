# Shared helpers of scripts/build-wasm.sh and scripts/bench.sh (sourced, not run).
#   ensure_wasm_opt   binaryen 132 from npm into .tools/ (git-ignored); sets WASM_OPT
#   optimize_wasm     the one wasm-opt step every artifact (ours and the anchors) goes through
#   ensure_vm         builds tools/vm (cosmwasm-vm 3.0.10) into a target dir outside the repo; sets VM_BIN
# shellcheck shell=bash

ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BINARYEN_VERSION=132.0.0
TOOLS_DIR="$ROOT/.tools"
MESI_CACHE=${MESI_CACHE:-$HOME/.cache/mesi}
VM_TARGET_DIR=${VM_TARGET_DIR:-$MESI_CACHE/vm-target}
WASM_LIMIT_BYTES=$((800 * 1024)) # wasmd refuses uploads of 800 KiB and more

log() { echo "[$PIPE_TAG] $*"; }
die() { echo "[$PIPE_TAG] ERROR: $*" >&2; exit 1; }

ensure_wasm_opt() {
  WASM_OPT="$TOOLS_DIR/node_modules/.bin/wasm-opt"
  if [ -x "$WASM_OPT" ] && "$WASM_OPT" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    return 0
  fi
  command -v npm >/dev/null || die "npm not found: install Node.js (needed for binaryen@$BINARYEN_VERSION)"
  log "installing binaryen@$BINARYEN_VERSION (wasm-opt) into .tools/"
  mkdir -p "$TOOLS_DIR"
  [ -f "$TOOLS_DIR/package.json" ] || echo '{"name":"mesi-tools","private":true}' >"$TOOLS_DIR/package.json"
  npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --save-exact "binaryen@$BINARYEN_VERSION" >/dev/null
  "$WASM_OPT" --version | grep -q "version ${BINARYEN_VERSION%%.*}" || die "wasm-opt in .tools is not binaryen $BINARYEN_VERSION"
}

# optimize_wasm <in.wasm> <out.wasm>
# rustc >= 1.87 emits memory.copy/memory.fill, which no released CosmWasm VM accepts: lower them to MVP code.
# The input keeps its target_features section (we never strip at link time), so wasm-opt knows what rustc used.
# Inlining a function into its only caller is bounded at 2,000 bytes: unbounded, -Os folds serde's
# InstantiateMsg visitor (87 locals) into the token's `instantiate` export, which then has exactly the
# 100 locals the VM (and wasmd) allow per function; bounded, no function is near the limit and the
# artifacts are no larger. Anchors go through the same step.
optimize_wasm() {
  "$WASM_OPT" "$1" -o "$2" -Os --llvm-memory-copy-fill-lowering --strip-debug --one-caller-inline-max-function-size=2000
}

ensure_vm() {
  local manifest="$ROOT/tools/vm/Cargo.toml"
  VM_BIN="$VM_TARGET_DIR/release/mesi-vm"
  # cargo itself decides whether anything changed (a no-op build takes well under a second).
  if [ -x "$VM_BIN" ]; then
    log "tools/vm (cosmwasm-vm 3.0.10): cached in $VM_TARGET_DIR"
  else
    log "tools/vm (cosmwasm-vm 3.0.10): cold build into $VM_TARGET_DIR (about 4 minutes, once per machine)"
  fi
  CARGO_TARGET_DIR="$VM_TARGET_DIR" cargo build --release --locked --quiet --manifest-path "$manifest" \
    || die "building tools/vm failed"
}

file_size() { stat -c %s "$1"; }
