#!/usr/bin/env bash
# Keystroke cost of popp-console against neomutt, side by side, in real ptys at 120x40.
#
#   scripts/bench/keys-vs-neomutt.sh [--conversations N] [--messages M] [--rounds R] [--quiet MS]
#
# Installs neomutt when it is missing (apt), builds the release binary when it is missing or
# older than the sources (POPP_CONSOLE=path skips the build), then runs keys_vs_neomutt.py:
# a sandbox of N conversations (100,000) kept in $WORK (seeded once), the console with a warm
# cache, neomutt on an mbox of M messages (10,000). Figures go to stdout; BENCHMARKS.md
# ("Keystrokes against neomutt") records a run.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH=/opt/swift/usr/bin:$PATH

if ! command -v neomutt > /dev/null; then
  echo "installing neomutt" >&2
  apt-get install -y neomutt > /dev/null 2>&1 || { apt-get update > /dev/null && apt-get install -y neomutt > /dev/null; }
fi

binary=${POPP_CONSOLE:-}
if [[ -z $binary ]]; then
  binary=.build/release/popp-console
  if [[ ! -x $binary ]] || [[ -n $(find Sources Package.swift -newer "$binary" -print -quit) ]]; then
    echo "building popp-console (release)" >&2
    swift build -c release --product popp-console > /dev/null
  fi
fi

exec python3 scripts/bench/keys_vs_neomutt.py --console "$binary" --work "${WORK:-/tmp/popp-keys-bench}" "$@"
