#!/usr/bin/env bash
# Build wasmd from the Go module proxy into a per-version cache outside the repo (no clone, no container).
# Prints the path of the binary on its last line (stdout); progress goes to stderr. Rebuilds only when missing
# or broken. After a build, `wasmd version` and `wasmd query wasm libwasmvm-version` must both answer.
#   WASMD_VERSION  (default v0.61.14)
#   MESI_CACHE     (default ~/.cache/mesi)   binary: $MESI_CACHE/wasmd-<version>/wasmd, libwasmvm beside it
# Run the binary with LD_LIBRARY_PATH=$(dirname <binary>) (it also finds the .so by rpath in the module cache).
set -euo pipefail
WASMD_VERSION=${WASMD_VERSION:-v0.61.14}
CACHE=${MESI_CACHE:-$HOME/.cache/mesi}
OUT="$CACHE/wasmd-$WASMD_VERSION"
BIN="$OUT/wasmd"

log() { echo "[wasmd] $*" >&2; }
die() { echo "[wasmd] ERROR: $*" >&2; exit 1; }
run_bin() { LD_LIBRARY_PATH="$OUT${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$BIN" "$@"; }

healthy() {
  [ -x "$BIN" ] || return 1
  local v; v=$(run_bin version 2>&1) || return 1
  [ "$v" = "${WASMD_VERSION#v}" ] || { log "cached binary reports version '$v', expected ${WASMD_VERSION#v}"; return 1; }
  run_bin query wasm libwasmvm-version >/dev/null 2>&1 || { log "cached binary cannot load libwasmvm"; return 1; }
}

if healthy; then
  log "cached: $BIN (wasmd $(run_bin version 2>&1), libwasmvm $(run_bin query wasm libwasmvm-version 2>&1))"
  echo "$BIN"
  exit 0
fi

# one build at a time (make demo and make test may both ask)
mkdir -p "$CACHE"
exec 9>"$CACHE/.wasmd-$WASMD_VERSION.lock"
if ! flock -n 9; then
  log "another build of wasmd $WASMD_VERSION is running; waiting for it"
  flock 9
  healthy && { echo "$BIN"; exit 0; }
fi

command -v go >/dev/null || die "Go is required (https://go.dev/dl), >= 1.24"
command -v gcc >/dev/null || die "gcc is required for CGO (apt-get install build-essential)"

START=$SECONDS
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
log "building wasmd $WASMD_VERSION with $(go version | cut -d' ' -f3) in $WORK (first build takes several minutes)"
cd "$WORK"
# A wrapper module: `go install pkg@version` refuses modules with replace directives,
# so repeat wasmd's four replaces here.
cat > go.mod <<GOMOD
module mesi.local/wasmd-build

go 1.24.0

require github.com/CosmWasm/wasmd $WASMD_VERSION

replace (
	github.com/99designs/keyring => github.com/cosmos/keyring v1.2.0
	github.com/dgrijalva/jwt-go => github.com/golang-jwt/jwt/v4 v4.4.2
	github.com/gin-gonic/gin => github.com/gin-gonic/gin v1.8.1
	github.com/syndtr/goleveldb => github.com/syndtr/goleveldb v1.0.1-0.20210819022825-2ae1ddf74ef7
)
GOMOD
cat > tools.go <<'GO'
//go:build tools

package tools

import _ "github.com/CosmWasm/wasmd/cmd/wasmd"
GO
export GOFLAGS=-mod=mod
export GOTOOLCHAIN=local
log "[1/4] resolving modules (Go module proxy)"
go get "github.com/CosmWasm/wasmd@$WASMD_VERSION" >&2
# Go >= 1.26 breaks sonic < 1.15 (used by gin through the SDK); raise it.
go get github.com/bytedance/sonic@v1.15.0 >&2
go mod tidy -e >/dev/null 2>&1 || true
mkdir -p "$OUT"
log "[2/4] compiling (CGO, netgo, no ledger); a package count is printed every 30s"
( CGO_ENABLED=1 go build -v -tags netgo -trimpath \
  -ldflags "-checklinkname=0 -X github.com/cosmos/cosmos-sdk/version.Name=wasm -X github.com/cosmos/cosmos-sdk/version.AppName=wasmd -X github.com/cosmos/cosmos-sdk/version.Version=${WASMD_VERSION#v} -X github.com/cosmos/cosmos-sdk/version.BuildTags=netgo" \
  -o "$BIN.tmp" github.com/CosmWasm/wasmd/cmd/wasmd 2>"$WORK/build.log" ) &
BUILD_PID=$!
while kill -0 "$BUILD_PID" 2>/dev/null; do
  sleep 30
  kill -0 "$BUILD_PID" 2>/dev/null && log "  ... $(grep -c . "$WORK/build.log" || true) packages compiled, $((SECONDS - START))s"
done
if ! wait "$BUILD_PID"; then
  grep -v '^[a-zA-Z0-9./_-]*$' "$WORK/build.log" | tail -n 40 >&2 || tail -n 40 "$WORK/build.log" >&2
  die "go build failed (above)"
fi
# libwasmvm is linked by rpath into the module cache; keep a copy beside the binary.
log "[3/4] copying libwasmvm beside the binary"
VMDIR=$(go list -m -f '{{.Dir}}' github.com/CosmWasm/wasmvm/v3)
cp "$VMDIR/internal/api/libwasmvm.$(uname -m).so" "$OUT/"
mv "$BIN.tmp" "$BIN"
log "[4/4] checking the binary"
v=$(run_bin version 2>&1) || die "wasmd version failed: $v"
vm=$(run_bin query wasm libwasmvm-version 2>&1) || die "wasmd query wasm libwasmvm-version failed: $vm"
[ "$v" = "${WASMD_VERSION#v}" ] || die "built wasmd reports version '$v', expected ${WASMD_VERSION#v}"
log "wasmd $v, libwasmvm $vm: built in $((SECONDS - START))s -> $BIN"
echo "$BIN"
