#!/usr/bin/env bash
# Fuzzes the sandbox's API with schemathesis, driven by the sandbox's own OpenAPI document
# (GET /openapi.yaml). See TESTING.md, "Fuzzing the sandbox's API".
#
#   scripts/fuzz/run.sh [--quick] [--examples N] [--seed N] [-- extra schemathesis options]
#
#   --quick        a few examples per operation (well under a minute once built)
#   --examples N   examples per operation (default 300; --quick: 10)
#   --seed N       schemathesis's seed (default 1), for a reproducible run
#
# It installs schemathesis and openapi-spec-validator into .build/fuzz-venv when missing,
# checks that openapi/popp-sandbox.yaml is valid OpenAPI, builds popp-console (or uses
# $POPP_CONSOLE_BIN), starts `popp-console sandbox --port 0`, reads the port and credentials
# from its ready line, and runs schemathesis with these checks: no 5xx, responses conform to
# the schema, status codes and content types documented, 429's Retry-After present,
# undocumented methods answer 405 with a correct Allow, missing credentials answer 401, and
# every 4xx carries {"error": "<non-empty>"} (scripts/fuzz/hooks.py). PUT /sandbox/faults is
# left out: it would make later requests fail on purpose. Exit status: schemathesis's, or 1
# when the sandbox died during the run.
set -euo pipefail
cd "$(dirname "$0")/../.."

SCHEMATHESIS_VERSION=4.32.5
VALIDATOR_VERSION=0.9.0
. scripts/venv.sh
examples=300
seed=1
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) examples=10 ;;
    --examples) examples="$2"; shift ;;
    --seed) seed="$2"; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

venv_require "schemathesis==$SCHEMATHESIS_VERSION" "openapi-spec-validator==$VALIDATOR_VERSION"
# The document must be valid OpenAPI before it can say anything about the sandbox.
"$venv/bin/openapi-spec-validator" openapi/popp-sandbox.yaml

if [ -n "${POPP_CONSOLE_BIN:-}" ]; then
  bin="$POPP_CONSOLE_BIN"
else
  export PATH="/opt/swift/usr/bin:$PATH"
  swift build --product popp-console 2>&1 | grep -E "error:|Compiling|Build complete" | tail -3 || true
  bin="$(swift build --show-bin-path)/popp-console"
fi
[ -x "$bin" ] || { echo "no popp-console binary at $bin" >&2; exit 1; }

log=$(mktemp)
"$bin" sandbox --port 0 --seed 1 --demo-size 60 >"$log" 2>&1 &
sandbox_pid=$!
cleanup() {
  kill "$sandbox_pid" 2>/dev/null || true
  wait "$sandbox_pid" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT

ready=""
for _ in $(seq 1 600); do
  ready=$(grep -m1 '^sandbox listening on ' "$log" || true)
  [ -n "$ready" ] && break
  kill -0 "$sandbox_pid" 2>/dev/null || { echo "the sandbox did not start:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$ready" ] || { echo "the sandbox printed no ready line within 60 s" >&2; exit 1; }
# sandbox listening on http://127.0.0.1:PORT/v1 organization=ORG api-key=KEY
base=$(sed -E 's/^sandbox listening on ([^ ]+) .*/\1/' <<<"$ready")
organization=$(sed -E 's/.* organization=([^ ]+).*/\1/' <<<"$ready")
api_key=$(sed -E 's/.* api-key=([^ ]+).*/\1/' <<<"$ready")
root=${base%/v1}
echo "sandbox at $root (pid $sandbox_pid); $examples examples per operation, seed $seed"

checks=not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance
checks+=,response_headers_conformance,unsupported_method,allow_header_conformance,ignored_auth,error_body_on_4xx

# schemathesis keeps a cache in its working directory: run it inside .build.
repo=$(pwd)
work=.build/fuzz-work
mkdir -p "$work"
started=$(date +%s)
status=0
(cd "$work" && FUZZ_ROOT="$root" FUZZ_ORGANIZATION_ID="$organization" FUZZ_API_KEY="$api_key" \
  PYTHONPATH="$repo/scripts/fuzz" SCHEMATHESIS_HOOKS=hooks PYTHONDONTWRITEBYTECODE=1 \
  "$repo/$venv/bin/st" run "$root/openapi.yaml" --url "$root" \
  -H "x-api-key: $api_key" -H "x-organization-id: $organization" \
  --checks "$checks" --exclude-operation-id setFaults \
  --max-examples "$examples" --seed "$seed" --no-color \
  ${extra[@]+"${extra[@]}"}) || status=$?
echo "fuzz run took $(( $(date +%s) - started )) s"

if ! kill -0 "$sandbox_pid" 2>/dev/null; then
  echo "the sandbox died during the run:" >&2
  cat "$log" >&2
  exit 1
fi
exit "$status"
