#!/usr/bin/env bash
# Local wasmd devnet (no container engine). DEVNET ONLY: the funded accounts come from the fixed,
# public test mnemonics in networks/devnet-accounts.json.
#
#   scripts/devnet.sh start        start (or resume) the devnet; harmless when it already runs
#   scripts/devnet.sh stop         stop only the processes this devnet started (pids in $DEVNET_DIR)
#   scripts/devnet.sh status       running nodes and their height
#   scripts/devnet.sh reset        stop and delete the chain data (next start is a fresh genesis)
#   scripts/devnet.sh stop-node I  stop validator I (fault tests)
#   scripts/devnet.sh start-node I restart validator I
#   scripts/devnet.sh clone SRC    copy the stopped devnet in SRC into DEVNET_DIR on this run's ports (then: start)
#
# Settings (environment):
#   VALIDATORS        1 (default) or more validators on this host, peers wired over loopback
#   DEVNET_DIR        state directory (default <repo>/.devnet): node homes, logs, pids, devnet.env
#   DEVNET_CHAIN_ID   mesi-devnet-1
#   DEVNET_RPC_PORT   26657  node i uses +i   (CometBFT RPC)
#   DEVNET_P2P_PORT   16656  node i uses +i   (p2p, loopback only)
#   DEVNET_API_PORT   1317   node i uses +i   (REST / LCD)
#   DEVNET_GRPC_PORT  9090   node i uses +i
#   DEVNET_BLOCK_TIME 500ms  (CometBFT timeout_commit)
#   DEVNET_GOV_VOTING_PERIOD 5s, DEVNET_GOV_EXPEDITED_PERIOD 3s   (governance: the deploy pins codes by proposal)
#   DEVNET_WASM_MEMORY_CACHE_MIB 256   (wasm LRU module cache; pinned codes are kept in memory besides it)
#   WASMD             path of the wasmd binary (default: built/cached by scripts/build-wasmd.sh)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VALIDATORS=${VALIDATORS:-1}
DEVNET_DIR=${DEVNET_DIR:-$ROOT/.devnet}
CHAIN_ID=${DEVNET_CHAIN_ID:-mesi-devnet-1}
RPC0=${DEVNET_RPC_PORT:-26657}
P2P0=${DEVNET_P2P_PORT:-16656}
API0=${DEVNET_API_PORT:-1317}
GRPC0=${DEVNET_GRPC_PORT:-9090}
BLOCK_TIME=${DEVNET_BLOCK_TIME:-500ms}
ACCOUNTS_FILE="$ROOT/networks/devnet-accounts.json"
BOND_DENOM=ustake
STABLE_DENOM=uusdc
MIN_GAS_PRICE=0.0025$BOND_DENOM
ACCOUNT_COINS="1000000000000$BOND_DENOM,1000000000000$STABLE_DENOM" # 1M STAKE, 1M USDC each
SELF_DELEGATION=100000000000$BOND_DENOM                             # 100k STAKE per validator
# Governance (devnet.env records them): a code pin (MsgPinCodes, issue 15) passes within seconds.
GOV_VOTING_PERIOD=${DEVNET_GOV_VOTING_PERIOD:-5s}
GOV_EXPEDITED_PERIOD=${DEVNET_GOV_EXPEDITED_PERIOD:-3s} # must be shorter than the voting period
GOV_MIN_DEPOSIT=1000000                                  # 1 STAKE (ustake)
GOV_EXPEDITED_DEPOSIT=2000000                            # 2 STAKE (must exceed the normal deposit)
# wasm module cache: pinned codes live in their own in-memory cache (unbounded, one entry per pinned code); this is the
# LRU cache of the other (unpinned) modules, in MiB.
WASM_MEMORY_CACHE_MIB=${DEVNET_WASM_MEMORY_CACHE_MIB:-256}

log() { echo "[devnet] $*" >&2; }
die() { echo "[devnet] ERROR: $*" >&2; exit 1; }

need() { command -v "$1" >/dev/null || die "$1 is required ($2)"; }
need jq "apt-get install jq"
need curl "apt-get install curl"

wasmd_bin() {
  if [ -z "${WASMD:-}" ]; then
    WASMD=$(bash "$ROOT/scripts/build-wasmd.sh" | tail -n1)
  fi
  [ -x "$WASMD" ] || die "wasmd binary not found at $WASMD"
  export LD_LIBRARY_PATH="$(dirname "$WASMD")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
}
wd() { "$WASMD" "$@"; }

home_of() { echo "$DEVNET_DIR/node$1"; }
pidfile_of() { echo "$DEVNET_DIR/node$1.pid"; }
# ports of node i, from the saved devnet.env when the devnet exists (the ports it was created with)
load_env() {
  if [ -f "$DEVNET_DIR/devnet.env" ]; then
    # shellcheck disable=SC1091
    . "$DEVNET_DIR/devnet.env"
    VALIDATORS=$DEVNET_VALIDATORS
    RPC0=$DEVNET_RPC_PORT P2P0=$DEVNET_P2P_PORT API0=$DEVNET_API_PORT GRPC0=$DEVNET_GRPC_PORT
    CHAIN_ID=$DEVNET_CHAIN_ID
  fi
}
rpc_port() { echo $((RPC0 + $1)); }
p2p_port() { echo $((P2P0 + $1)); }
api_port() { echo $((API0 + $1)); }
grpc_port() { echo $((GRPC0 + $1)); }

pid_alive() { # pid alive AND it is our wasmd for that home (guards against pid reuse)
  local pid=$1 home=$2
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "--home $home"
}
node_running() {
  local pf; pf=$(pidfile_of "$1")
  [ -f "$pf" ] && pid_alive "$(cat "$pf")" "$(home_of "$1")"
}
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
height() { curl -sf --max-time 2 "http://127.0.0.1:$(rpc_port "$1")/status" | jq -r '.result.sync_info.latest_block_height' 2>/dev/null || echo 0; }

# toml_set FILE SECTION KEY VALUE  (VALUE verbatim, quote strings yourself; SECTION "" = top level)
toml_set() {
  local f=$1 sec=$2 key=$3 val=$4 tmp
  tmp=$(mktemp)
  awk -v sec="$sec" -v key="$key" -v val="$val" '
    BEGIN { cur = ""; done = 0 }
    /^\[.*\]$/ { cur = substr($0, 2, length($0) - 2) }
    {
      if (!done && cur == sec && $0 ~ "^" key "[ \t]*=") { print key " = " val; done = 1; next }
      print
    }
    END { if (!done) { print "toml_set: " sec "." key " not found" > "/dev/stderr"; exit 3 } }
  ' "$f" >"$tmp" || { rm -f "$tmp"; die "cannot set $sec.$key in $f"; }
  mv "$tmp" "$f"
}

mnemonic_of() { jq -r --arg n "$1" '.accounts[] | select(.name == $n) | .mnemonic' "$ACCOUNTS_FILE"; }

check_ports() {
  local i p what
  for ((i = 0; i < VALIDATORS; i++)); do
    for what in rpc p2p api grpc; do
      p=$("${what}_port" "$i")
      if port_busy "$p"; then
        die "port $p (node$i $what) is already in use by another process.
  If it is an older devnet: make devnet-stop (or DEVNET_DIR=<its dir> scripts/devnet.sh stop).
  Otherwise choose other ports: DEVNET_RPC_PORT / DEVNET_P2P_PORT / DEVNET_API_PORT / DEVNET_GRPC_PORT (node i uses base+i)."
      fi
    done
  done
}

configure_node() {
  local i=$1 home; home=$(home_of "$i")
  local cfg="$home/config/config.toml" app="$home/config/app.toml"
  toml_set "$cfg" "" moniker "\"node$i\""
  toml_set "$cfg" rpc laddr "\"tcp://127.0.0.1:$(rpc_port "$i")\""
  toml_set "$cfg" rpc pprof_laddr '""'
  toml_set "$cfg" rpc cors_allowed_origins '["*"]'
  toml_set "$cfg" p2p laddr "\"tcp://127.0.0.1:$(p2p_port "$i")\""
  toml_set "$cfg" p2p external_address "\"127.0.0.1:$(p2p_port "$i")\""
  toml_set "$cfg" p2p allow_duplicate_ip true
  toml_set "$cfg" p2p addr_book_strict false
  toml_set "$cfg" p2p pex false
  toml_set "$cfg" consensus timeout_commit "\"$BLOCK_TIME\""
  toml_set "$cfg" consensus timeout_propose '"1s"'
  toml_set "$cfg" instrumentation prometheus false
  toml_set "$app" "" minimum-gas-prices "\"$MIN_GAS_PRICE\""
  toml_set "$app" api enable true
  toml_set "$app" api address "\"tcp://127.0.0.1:$(api_port "$i")\""
  toml_set "$app" api enabled-unsafe-cors true
  toml_set "$app" grpc enable true
  toml_set "$app" grpc address "\"127.0.0.1:$(grpc_port "$i")\""
  toml_set "$app" wasm memory_cache_size "$WASM_MEMORY_CACHE_MIB"
}

create_chain() {
  [ -f "$ACCOUNTS_FILE" ] || die "missing $ACCOUNTS_FILE"
  ((VALIDATORS >= 1 && VALIDATORS <= 4)) || die "VALIDATORS must be 1..4 (fixed validator keys exist for 4)"
  log "creating $CHAIN_ID with $VALIDATORS validator(s) in $DEVNET_DIR"
  rm -rf "$DEVNET_DIR"
  mkdir -p "$DEVNET_DIR"
  local i home g0
  for ((i = 0; i < VALIDATORS; i++)); do
    home=$(home_of "$i")
    wd init "node$i" --chain-id "$CHAIN_ID" --default-denom "$BOND_DENOM" --home "$home" >/dev/null 2>&1
    mnemonic_of "validator$i" | wd keys add "validator$i" --recover --keyring-backend test --home "$home" >/dev/null 2>&1
    # client.toml (what `wasmd config set client ...` writes), without two more wasmd starts per node
    toml_set "$home/config/client.toml" "" chain-id "\"$CHAIN_ID\""
    toml_set "$home/config/client.toml" "" keyring-backend '"test"'
  done
  g0="$(home_of 0)/config/genesis.json"
  # every devnet account (validators included) funded with stake for fees and the stablecoin, in the file's order, in
  # one call (one wasmd start instead of one per account)
  jq --arg coins "$ACCOUNT_COINS" '[.accounts[] | {address, coins: ($coins | split(",") | map(capture("^(?<amount>[0-9]+)(?<denom>.+)$") | {denom, amount}))}]' \
    "$ACCOUNTS_FILE" >"$DEVNET_DIR/genesis-accounts.json"
  wd genesis bulk-add-genesis-account "$DEVNET_DIR/genesis-accounts.json" --home "$(home_of 0)" >/dev/null
  rm -f "$DEVNET_DIR/genesis-accounts.json"
  # permissionless code upload + instantiate, a stablecoin with metadata, fast governance for experiments
  # governance in seconds (MsgPinCodes for the deploy, issue 15): voting GOV_VOTING_PERIOD, expedited
  # GOV_EXPEDITED_PERIOD, deposits GOV_MIN_DEPOSIT / GOV_EXPEDITED_DEPOSIT (1 / 2 STAKE of 1M per account)
  jq --arg bond "$BOND_DENOM" --arg usd "$STABLE_DENOM" \
    --arg voting "$GOV_VOTING_PERIOD" --arg expedited "$GOV_EXPEDITED_PERIOD" \
    --arg deposit "$GOV_MIN_DEPOSIT" --arg xdeposit "$GOV_EXPEDITED_DEPOSIT" '
    .app_state.wasm.params.code_upload_access = {"permission": "Everybody", "addresses": []}
    | .app_state.wasm.params.instantiate_default_permission = "Everybody"
    | .app_state.gov.params.voting_period = $voting
    | .app_state.gov.params.expedited_voting_period = $expedited
    | .app_state.gov.params.max_deposit_period = "60s"
    | .app_state.gov.params.min_deposit = [{"denom": $bond, "amount": $deposit}]
    | .app_state.gov.params.expedited_min_deposit = [{"denom": $bond, "amount": $xdeposit}]
    | .app_state.bank.denom_metadata = [
        {"description": "devnet stablecoin (trust pledges)", "base": $usd, "display": "usdc", "name": "USD Coin (devnet)", "symbol": "USDC",
         "denom_units": [{"denom": $usd, "exponent": 0, "aliases": []}, {"denom": "usdc", "exponent": 6, "aliases": []}]},
        {"description": "devnet bond and fee token", "base": $bond, "display": "stake", "name": "Stake (devnet)", "symbol": "STAKE",
         "denom_units": [{"denom": $bond, "exponent": 0, "aliases": []}, {"denom": "stake", "exponent": 6, "aliases": []}]}
      ]' "$g0" >"$g0.tmp" && mv "$g0.tmp" "$g0"
  mkdir -p "$(home_of 0)/config/gentx"
  for ((i = 0; i < VALIDATORS; i++)); do
    home=$(home_of "$i")
    [ "$i" = 0 ] || cp "$g0" "$home/config/genesis.json"
    wd genesis gentx "validator$i" "$SELF_DELEGATION" --chain-id "$CHAIN_ID" --moniker "node$i" \
      --keyring-backend test --home "$home" --ip 127.0.0.1 --p2p-port "$(p2p_port "$i")" \
      --output-document "$(home_of 0)/config/gentx/gentx-node$i.json" >/dev/null 2>&1 \
      || die "gentx of validator$i failed"
  done
  wd genesis collect-gentxs --home "$(home_of 0)" >/dev/null 2>&1 || die "collect-gentxs failed"
  wd genesis validate-genesis --home "$(home_of 0)" >/dev/null || die "genesis does not validate"
  for ((i = 0; i < VALIDATORS; i++)); do
    home=$(home_of "$i")
    [ "$i" = 0 ] || cp "$g0" "$home/config/genesis.json"
    configure_node "$i"
  done
  wire_peers
  write_env
}

# every other validator is a persistent peer (node ids from the homes, p2p ports from the current settings)
wire_peers() {
  local ids=() id peers i j home
  ((VALIDATORS > 1)) || return 0 # a single validator has no peers
  for ((i = 0; i < VALIDATORS; i++)); do
    home=$(home_of "$i")
    id=$(wd comet show-node-id --home "$home" 2>/dev/null || wd tendermint show-node-id --home "$home")
    ids+=("$id@127.0.0.1:$(p2p_port "$i")")
  done
  for ((i = 0; i < VALIDATORS; i++)); do
    peers=""
    for ((j = 0; j < VALIDATORS; j++)); do ((j == i)) || peers+="${peers:+,}${ids[j]}"; done
    toml_set "$(home_of "$i")/config/config.toml" p2p persistent_peers "\"$peers\""
  done
}

write_env() {
  cat >"$DEVNET_DIR/devnet.env" <<EOF
# written by scripts/devnet.sh; node i uses port base + i
DEVNET_CHAIN_ID=$CHAIN_ID
DEVNET_VALIDATORS=$VALIDATORS
DEVNET_RPC_PORT=$RPC0
DEVNET_P2P_PORT=$P2P0
DEVNET_API_PORT=$API0
DEVNET_GRPC_PORT=$GRPC0
DEVNET_RPC=http://127.0.0.1:$RPC0
DEVNET_API=http://127.0.0.1:$API0
DEVNET_GRPC=127.0.0.1:$GRPC0
DEVNET_GOV_VOTING_PERIOD=$GOV_VOTING_PERIOD
DEVNET_GOV_EXPEDITED_PERIOD=$GOV_EXPEDITED_PERIOD
WASMD=$WASMD
EOF
}

# clone SRC: a copy of the stopped devnet in SRC (chain data, keys, deployed contracts, pinned codes) in $DEVNET_DIR,
# on the ports of the current settings (DEVNET_*_PORT); `start` then resumes it. The e2e tests deploy the suite once
# and give every test file its own clone (tests/e2e/devnet.ts).
cmd_clone() {
  local src=${1:?usage: $0 clone SOURCE_DEVNET_DIR} f i
  [ -f "$src/devnet.env" ] || die "no devnet in $src (no devnet.env)"
  src=$(cd "$src" && pwd)
  for f in "$src"/node*.pid; do
    [ -e "$f" ] || continue
    i=${f##*/node}; i=${i%.pid}
    pid_alive "$(cat "$f")" "$src/node$i" && die "the devnet in $src is running: stop it before cloning"
  done
  [ -e "$DEVNET_DIR/devnet.env" ] && die "$DEVNET_DIR already holds a devnet"
  # chain id, validator count and governance periods are the source's; ports are ours
  CHAIN_ID=$(sed -n 's/^DEVNET_CHAIN_ID=//p' "$src/devnet.env")
  VALIDATORS=$(sed -n 's/^DEVNET_VALIDATORS=//p' "$src/devnet.env")
  GOV_VOTING_PERIOD=$(sed -n 's/^DEVNET_GOV_VOTING_PERIOD=//p' "$src/devnet.env")
  GOV_EXPEDITED_PERIOD=$(sed -n 's/^DEVNET_GOV_EXPEDITED_PERIOD=//p' "$src/devnet.env")
  wasmd_bin
  check_ports
  mkdir -p "$DEVNET_DIR"
  for ((i = 0; i < VALIDATORS; i++)); do cp -a "$src/node$i" "$DEVNET_DIR/"; done
  for ((i = 0; i < VALIDATORS; i++)); do configure_node "$i"; done
  wire_peers
  write_env
  log "cloned $CHAIN_ID ($VALIDATORS validator(s)) from $src into $DEVNET_DIR"
}

start_node() {
  local i=$1 home; home=$(home_of "$i")
  if node_running "$i"; then log "node$i already running (pid $(cat "$(pidfile_of "$i")"))"; return 0; fi
  local what p
  for what in rpc p2p api grpc; do
    p=$("${what}_port" "$i")
    port_busy "$p" && die "port $p (node$i $what) is already in use by another process; set DEVNET_*_PORT or stop it"
  done
  setsid nohup env LD_LIBRARY_PATH="$LD_LIBRARY_PATH" "$WASMD" start --home "$home" \
    >>"$DEVNET_DIR/node$i.log" 2>&1 </dev/null &
  echo $! >"$(pidfile_of "$i")"
  log "node$i started (pid $!, rpc :$(rpc_port "$i"), api :$(api_port "$i"), grpc :$(grpc_port "$i"), log $DEVNET_DIR/node$i.log)"
}

stop_node() {
  local i=$1 pf pid home n
  pf=$(pidfile_of "$i"); home=$(home_of "$i")
  [ -f "$pf" ] || return 0
  pid=$(cat "$pf")
  if pid_alive "$pid" "$home"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((n = 0; n < 100; n++)); do pid_alive "$pid" "$home" || break; sleep 0.1; done
    if pid_alive "$pid" "$home"; then kill -KILL "$pid" 2>/dev/null || true; sleep 0.2; fi
    log "node$i stopped (pid $pid)"
  fi
  rm -f "$pf"
}

wait_blocks() { # wait until node $1 reaches height > $2 (default 1), within $3 seconds
  local i=$1 target=${2:-1} limit=${3:-60} h=0 n
  for ((n = 0; n < limit * 4; n++)); do
    h=$(height "$i")
    [[ "$h" =~ ^[0-9]+$ ]] || h=0
    if ((h > target)); then echo "$h"; return 0; fi
    for ((j = 0; j < VALIDATORS; j++)); do
      if [ -f "$(pidfile_of "$j")" ] && ! node_running "$j"; then
        tail -n 20 "$DEVNET_DIR/node$j.log" >&2 || true
        die "node$j exited during start-up (log above: $DEVNET_DIR/node$j.log)"
      fi
    done
    sleep 0.25
  done
  die "no block above height $target on node$i after ${limit}s (logs in $DEVNET_DIR/node*.log)"
}

cmd_start() {
  local t0=$SECONDS requested=$VALIDATORS
  if [ -f "$DEVNET_DIR/devnet.env" ]; then
    load_env
    if ((requested != VALIDATORS)) && [ -n "${VALIDATORS_FROM_CLI:-}" ]; then
      die "the devnet in $DEVNET_DIR has $VALIDATORS validator(s), $requested requested: run 'make devnet-stop devnet-reset' first"
    fi
    local all=1 i
    for ((i = 0; i < VALIDATORS; i++)); do node_running "$i" || all=0; done
    if ((all)); then
      log "already running: $CHAIN_ID, $VALIDATORS validator(s), height $(height 0), rpc http://127.0.0.1:$RPC0 (make devnet-stop to stop)"
      return 0
    fi
  fi
  wasmd_bin
  if [ ! -f "$DEVNET_DIR/devnet.env" ]; then
    check_ports
    create_chain
  else
    log "resuming the existing chain in $DEVNET_DIR"
  fi
  for ((i = 0; i < VALIDATORS; i++)); do start_node "$i"; done
  local h; h=$(wait_blocks 0 1 90)
  log "$CHAIN_ID is producing blocks (height $h) after $((SECONDS - t0))s"
  log "  rpc  http://127.0.0.1:$RPC0   rest http://127.0.0.1:$API0   grpc 127.0.0.1:$GRPC0"
  log "  accounts: networks/devnet-accounts.json (DEVNET ONLY mnemonics)   stop: make devnet-stop"
}

cmd_stop() {
  [ -d "$DEVNET_DIR" ] || { log "no devnet in $DEVNET_DIR"; return 0; }
  load_env
  local i any=0
  for f in "$DEVNET_DIR"/node*.pid; do [ -e "$f" ] && any=1; done
  for ((i = 0; i < 16; i++)); do [ -f "$(pidfile_of "$i")" ] && stop_node "$i"; done
  ((any)) || log "not running"
  return 0
}

cmd_status() {
  [ -f "$DEVNET_DIR/devnet.env" ] || { log "no devnet in $DEVNET_DIR"; return 1; }
  load_env
  local i rc=0
  for ((i = 0; i < VALIDATORS; i++)); do
    if node_running "$i"; then echo "node$i running pid $(cat "$(pidfile_of "$i")") height $(height "$i") rpc :$(rpc_port "$i")"
    else echo "node$i stopped"; rc=1; fi
  done
  return $rc
}

case "${1:-start}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  reset) cmd_stop; rm -rf "$DEVNET_DIR"; log "removed $DEVNET_DIR" ;;
  clone) cmd_clone "${2:-}" ;;
  stop-node) load_env; stop_node "${2:?node index}" ;;
  start-node) load_env; wasmd_bin; start_node "${2:?node index}" ;;
  wait) load_env; wait_blocks "${2:-0}" "${3:-1}" "${4:-60}" ;;
  *) die "usage: $0 start|stop|status|reset|clone SOURCE_DIR|stop-node I|start-node I|wait I [height] [seconds]" ;;
esac
