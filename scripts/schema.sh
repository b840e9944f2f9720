#!/usr/bin/env bash
# Generate JSON schemas into schema/<contract>/ from each contract's `schema` binary.
#   --check  regenerate into a temporary folder and fail if schema/ differs (schema drift).
set -euo pipefail
cd "$(dirname "$0")/.."
check=false
[ "${1:-}" = "--check" ] && check=true
out=schema
$check && out=$(mktemp -d)
for dir in contracts/*/; do
  name=$(basename "$dir")
  [ -f "$dir/src/bin/schema.rs" ] || { echo "[schema] $name: no src/bin/schema.rs, skipped"; continue; }
  tmp=$(mktemp -d)
  (cd "$tmp" && cargo run --quiet --locked --manifest-path "$OLDPWD/Cargo.toml" -p "mesi-$name" --bin schema >/dev/null)
  rm -rf "${out:?}/$name"; mkdir -p "$out/$name"
  cp -r "$tmp/schema/." "$out/$name/"
  rm -rf "$tmp"
  echo "[schema] $name -> $out/$name"
done
if $check; then
  if ! diff -r schema "$out" >/dev/null 2>&1; then
    diff -r schema "$out" | head -40
    echo "[schema] schema/ is out of date: run 'make schema' and commit the result" >&2
    exit 1
  fi
  echo "[schema] schema/ is up to date"
fi
