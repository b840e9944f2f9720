#!/usr/bin/env bash
# Stage timings for `make test` and `.ci/run`: which stage took how long, printed at the end, also when one fails.
#
#   scripts/timing.sh run TITLE -- CMD...   runs CMD with MESI_STAGE_FILE set to a fresh file, then prints the stages
#                                           CMD marked in it (and TITLE's total); exits with CMD's status
#   scripts/timing.sh mark NAME             (inside CMD) NAME starts now; the previous stage ends now
#   scripts/timing.sh summary TITLE FILE [STATUS]   prints the table of FILE (what `run` does at the end)
#
# The Makefile's `test` marks a stage before each of its checks (stage/<name> targets); .ci/run marks its sections.
set -euo pipefail

now_ms() { date +%s%3N; }

summary() {
  local title=$1 file=$2 status=${3:-0} end
  end=$(now_ms)
  [ -s "$file" ] || return 0
  # lines: "<epoch ms> <stage name>"; a stage lasts until the next line (or now); the name "-" only ends the one before
  awk -v title="$title" -v end="$end" -v status="$status" '
    { t[NR] = $1; sub(/^[0-9]+ /, ""); name[NR] = substr($0, 1, 48); if (length(name[NR]) > w) w = length(name[NR]) }
    END {
      if (w < 12) w = 12
      printf "\n[timing] %s: time per stage\n", title
      for (i = 1; i <= NR; i++) {
        if (name[i] == "-") continue
        stop = (i < NR) ? t[i + 1] : end
        d = (stop - t[i]) / 1000
        mark = (i == NR && status != 0) ? "   <- FAILED here" : ""
        printf "  %-*s %7.1fs  %dm%02ds%s\n", w, name[i], d, int(d / 60), int(d) % 60, mark
      }
      d = (end - t[1]) / 1000
      printf "  %-*s %7.1fs  %dm%02ds%s\n", w, "total", d, int(d / 60), int(d) % 60, (status != 0 ? "   (exit status " status ")" : "")
    }' "$file"
}

case "${1:-}" in
  mark)
    shift
    name=${*:?usage: timing.sh mark NAME}
    [ -n "${MESI_STAGE_FILE:-}" ] || exit 0 # not under `timing.sh run`: nothing to record
    echo "$(now_ms) $name" >>"$MESI_STAGE_FILE"
    ;;
  run)
    title=${2:?usage: timing.sh run TITLE -- CMD...}
    shift 2
    [ "${1:-}" = "--" ] && shift
    MESI_STAGE_FILE=$(mktemp "${TMPDIR:-/tmp}/mesi-stages.XXXXXX")
    export MESI_STAGE_FILE
    trap 'rm -f "$MESI_STAGE_FILE"' EXIT
    status=0
    "$@" || status=$?
    summary "$title" "$MESI_STAGE_FILE" "$status"
    exit "$status"
    ;;
  summary)
    summary "${2:?title}" "${3:?file}" "${4:-0}"
    ;;
  *)
    echo "usage: $0 run TITLE -- CMD... | mark NAME | summary TITLE FILE [STATUS]" >&2
    exit 2
    ;;
esac
