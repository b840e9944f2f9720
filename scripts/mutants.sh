#!/usr/bin/env bash
# make mutants: test strength, measured (issue 19 §7). cargo-mutants (crates.io) changes one thing at a time in the
# escrow, payout, refund, custody and tier code and runs the contract's own tests against each change; a mutant the
# tests do not notice ("missed") is a place where a fault could hide. Slow (minutes per file on 2 cores): kept out
# of `make test`. Reports land in artifacts/mutants/<package>/mutants.out/ (caught.txt, missed.txt, timeout.txt).
#   bash scripts/mutants.sh                 every scope below
#   bash scripts/mutants.sh marketplace     one package's scope
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo-mutants >/dev/null 2>&1; then
  echo "[mutants] cargo install cargo-mutants --locked (once)"
  cargo install cargo-mutants --locked
fi
# The issue's scope: the marketplace's settlement, offer, auction and listing modules, the custody, payout and tier
# functions of its helpers, and the token's lock module. `gallery` (transfer and mint rules) runs on request.
declare -A FILES=(
  [marketplace]="contracts/marketplace/src/settlement.rs contracts/marketplace/src/offer.rs contracts/marketplace/src/auction.rs contracts/marketplace/src/listing.rs contracts/marketplace/src/helpers.rs"
  [token]="contracts/token/src/execute/lock.rs"
  [gallery]="contracts/gallery/src/execute/nft.rs contracts/gallery/src/execute/mint.rs"
)
# helpers.rs: only the custody, payout and tier functions (the rest is covered by its callers' mutants)
declare -A RE=(
  [marketplace]='^contracts/marketplace/src/(settlement|offer|auction|listing)\.rs|helpers\.rs:.*(assert_held|held_for|custody|credit|take_in|pay|split|min_next_bid|creator_tier|seller_book|drop_order|reprice|within|lowest_tier|check_price|check_days|admit_order)'
)
if [ $# -gt 0 ]; then scopes=("$@"); else scopes=(marketplace token); fi
mkdir -p artifacts/mutants
for scope in "${scopes[@]}"; do
  files=${FILES[$scope]:-}
  [ -n "$files" ] || { echo "[mutants] unknown scope $scope (marketplace, token, gallery)" >&2; exit 2; }
  args=()
  for f in $files; do args+=(--file "$f"); done
  echo "[mutants] mesi-$scope: ${files// /, }"
  start=$(date +%s)
  # exit 2 = some mutants missed, 3 = timeouts: reported, not a failure of this script
  [ -n "${RE[$scope]:-}" ] && args+=(--re "${RE[$scope]}")
  cargo mutants --package "mesi-$scope" "${args[@]}" --timeout 300 --output "artifacts/mutants/$scope" --no-shuffle || rc=$?
  out="artifacts/mutants/$scope/mutants.out"
  printf '[mutants] mesi-%s: caught %s, missed %s, timeout %s, unviable %s (%ss)\n' "$scope" \
    "$(wc -l < "$out/caught.txt")" "$(wc -l < "$out/missed.txt")" "$(wc -l < "$out/timeout.txt")" \
    "$(wc -l < "$out/unviable.txt")" "$(( $(date +%s) - start ))"
  [ "${rc:-0}" -le 3 ] || exit "$rc"
  unset rc
done
