# Shared by the hardening scripts: build once, run one test with its knobs, print the figures.
# The suites live in Tests/CLITests (TerminalInjectionTests, SignalWhileComposingTests,
# ChaosSoakTests); the long versions are the same tests with HARDENING_* set.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
export LANG="${LANG:-C.UTF-8}"

# run_hardening FILTER: builds (quietly), runs `swift test --filter FILTER`, prints the report.
run_hardening() {
  local filter="$1" log report status=0
  log="$(mktemp -t hardening-log.XXXXXX)"
  report="$(mktemp -t hardening-report.XXXXXX)"
  echo "building (swift build --build-tests)…" >&2
  if ! swift build --build-tests >"$log" 2>&1; then
    grep -E "error:" "$log" >&2 || tail -20 "$log" >&2
    return 2
  fi
  echo "running $filter…" >&2
  HARDENING_REPORT="$report" swift test --skip-build --filter "$filter" >"$log" 2>&1 || status=$?
  # Failures with their details, then the figures.
  grep -E "^(✘|↳)" "$log" | grep -v "^↳ ///" | head -200 || true
  grep -E "^(✔|✘) Test run" "$log" || tail -5 "$log"
  echo "--- figures ---"
  cat "$report"
  echo "full log: $log"
  rm -f "$report"
  return "$status"
}
