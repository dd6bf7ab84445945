#!/usr/bin/env bash
# Terminal injection, long version: rounds of hostile messages spliced at random from
# Tests/Fixtures/hostile-messages.jsonl (plus stray escapes, C1, bidi, joiners), each round a
# conversation of its own, opened in the console in tmux at 200×50, 120×40 or 160×30 and paged
# through; every page must keep the title, modes, borders, clipboard and bell, and repaint to
# the same cells. The quick version runs in `swift test` (the fixed corpus, once).
#
#   scripts/hardening/injection-fuzz.sh [--rounds N] [--messages M] [--seed S]
source "$(dirname "$0")/common.sh"
rounds=20 messages=25
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --messages) messages="$2"; shift 2 ;;
    --seed) export HARDENING_SEED="$2"; shift 2 ;;
    *) echo "usage: $0 [--rounds N] [--messages M] [--seed S]" >&2; exit 2 ;;
  esac
done
export HARDENING_INJECTION_ROUNDS="$rounds" HARDENING_INJECTION_MESSAGES="$messages"
run_hardening "TerminalInjectionTests/fuzzedHostileText"
