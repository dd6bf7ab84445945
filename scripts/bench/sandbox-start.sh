#!/usr/bin/env bash
# Time until a sandbox seeded with demo data serves its first answer.
#
#   scripts/bench/sandbox-start.sh BINARY [RUNS] [SIZE ...]
#   scripts/bench/sandbox-start.sh .build/release/popp-console 3 200 10000 100000
#
# Builds nothing: BINARY is a popp-console built beforehand (`swift build -c release
# --product popp-console`). For each size it starts `BINARY sandbox --port 0 --speed 0
# --demo-size SIZE` RUNS times (in memory, as the console's built-in sandbox is) and measures
# from the launch to the first 200 of `GET /v1/campaigns`. Prints each run and the median,
# with the process's peak resident memory by then (VmHWM).
set -euo pipefail

binary=${1:?usage: sandbox-start.sh BINARY [RUNS] [SIZE ...]}
runs=${2:-3}
shift $(($# >= 2 ? 2 : 1))
sizes=("$@")
((${#sizes[@]})) || sizes=(200 10000 100000)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now_ms() { date +%s%3N; }

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

one_run() {
  local size=$1 out="$work/out" start url ready pid rss
  : >"$out"
  start=$(now_ms)
  "$binary" sandbox --port 0 --speed 0 --demo-size "$size" >"$out" 2>/dev/null &
  pid=$!
  until url=$(grep -o 'http://[^ ]*/v1' "$out" 2>/dev/null); do
    kill -0 "$pid" 2>/dev/null || { echo "sandbox exited before it was ready" >&2; exit 1; }
    sleep 0.005
  done
  until curl -sf -o /dev/null -H 'x-organization-id: sandbox-org' -H 'x-api-key: sandbox-key' "$url/campaigns"; do
    sleep 0.005
  done
  ready=$(($(now_ms) - start))
  rss=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  kill -TERM "$pid"
  wait "$pid" || true
  echo "$ready $rss"
}

printf '%-8s %-28s %-10s %s\n' size "ready, ms (each run)" "median" "peak RSS, MB (median)"
for size in "${sizes[@]}"; do
  times=() rsses=()
  for ((i = 0; i < runs; i++)); do
    read -r ready rss < <(one_run "$size")
    times+=("$ready") rsses+=("$rss")
  done
  printf '%-8s %-28s %-10s %s\n' "$size" "${times[*]}" \
    "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%s\n' "${rsses[@]}" | median)"
done
