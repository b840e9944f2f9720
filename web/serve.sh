#!/usr/bin/env bash
# Serves the built dApp (web/dist, `make web`) on 127.0.0.1 beside the local devnet (issue 11).
#   bash web/serve.sh start   copy the devnet's deployment record beside the page, serve it on a free port
#   bash web/serve.sh stop    stop the server this script started (make devnet-stop calls it)
# The pid and log live in the devnet's state directory ($DEVNET_DIR, default .devnet/): web.pid, web.log.
# MESI_WEB_PORT picks the port (default: the first free one from 5173).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEVNET_DIR=${DEVNET_DIR:-$ROOT/.devnet}
PIDFILE="$DEVNET_DIR/web.pid"
LOG="$DEVNET_DIR/web.log"
log() { echo "[web] $*" >&2; }
die() { echo "[web] ERROR: $*" >&2; exit 1; }

alive() { # our vite preview, not a reused pid
  local pid=$1
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "vite.js preview"
}
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

cmd_stop() {
  if [ -f "$PIDFILE" ] && alive "$(cat "$PIDFILE")"; then
    kill "$(cat "$PIDFILE")" && log "dApp server stopped (pid $(cat "$PIDFILE"))"
  fi
  rm -f "$PIDFILE" "$DEVNET_DIR/web.url"
}

cmd_start() {
  [ -f "$ROOT/web/dist/index.html" ] || die "web/dist is missing: run make web"
  local chain_id=mesi-devnet-1
  if [ -f "$DEVNET_DIR/devnet.env" ]; then chain_id=$(sed -n 's/^DEVNET_CHAIN_ID=//p' "$DEVNET_DIR/devnet.env"); fi
  local record="${MESI_DEPLOYMENTS_DIR:-$ROOT/deployments}/$chain_id.json"
  [ -f "$record" ] || die "no deployment record $record: run make deploy (or make demo)"
  cp "$record" "$ROOT/web/dist/deployment.json"
  mkdir -p "$DEVNET_DIR"
  if [ -f "$PIDFILE" ] && alive "$(cat "$PIDFILE")"; then
    log "already serving (pid $(cat "$PIDFILE")); deployment record refreshed"
  else
    local port=${MESI_WEB_PORT:-5173}
    if [ -z "${MESI_WEB_PORT:-}" ]; then while port_busy "$port"; do port=$((port + 1)); done; fi
    port_busy "$port" && die "port $port is in use (set MESI_WEB_PORT)"
    nohup node "$ROOT/node_modules/vite/bin/vite.js" preview "$ROOT/web" --host 127.0.0.1 --port "$port" --strictPort >"$LOG" 2>&1 &
    echo $! >"$PIDFILE"
    echo "http://127.0.0.1:$port/" >"$DEVNET_DIR/web.url"
    for _ in $(seq 1 50); do port_busy "$port" && break; sleep 0.2; done
    port_busy "$port" || die "the dApp server did not start (see $LOG)"
  fi
  local url api=""; url=$(cat "$DEVNET_DIR/web.url")
  # a devnet on moved ports: tell the page where its REST (LCD) endpoint is, for Keplr's chain suggestion
  if [ -f "$DEVNET_DIR/devnet.env" ]; then api=$(sed -n 's/^DEVNET_API=//p' "$DEVNET_DIR/devnet.env"); fi
  if [ -n "$api" ] && [ "$api" != "http://127.0.0.1:1317" ]; then url="${url}?rest=$api"; fi
  cat <<MSG

  The Mesi dApp: $url   (stop: make devnet-stop)

  Connect Keplr: open the page in a browser with the Keplr extension and press "Connect Keplr". The page suggests
  the devnet ($chain_id: RPC and REST on 127.0.0.1, bech32 prefix wasm, fees in ustake) to Keplr. To act with a
  funded account, import one of the DEVNET-ONLY mnemonics of networks/devnet-accounts.json (alice, bob, carol ...)
  into Keplr; never use those keys anywhere else.

MSG
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  *) die "usage: $0 start|stop" ;;
esac
