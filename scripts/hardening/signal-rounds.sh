#!/usr/bin/env bash
# Signals while composing, long version: N rounds, each a fresh conversation taken over with a
# reply being typed (CJK, accents, emoji) when a random signal arrives 0–300 ms into the typing
# (SIGHUP, SIGTERM, SIGINT, Ctrl-C, SIGKILL, SIGSEGV, SIGABRT, Ctrl-\), sometimes after a pause
# of up to 1.6 s. Checks the exit status, the terminal, and the draft after a restart; reports
# rounds, failures and the worst draft loss per signal. The quick version (one round of each)
# runs in `swift test`.
#
#   scripts/hardening/signal-rounds.sh [N] [--seed S]
source "$(dirname "$0")/common.sh"
rounds=40
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) export HARDENING_SEED="$2"; shift 2 ;;
    [0-9]*) rounds="$1"; shift ;;
    *) echo "usage: $0 [N] [--seed S]" >&2; exit 2 ;;
  esac
done
export HARDENING_SIGNAL_ROUNDS="$rounds"
run_hardening "SignalWhileComposingTests/randomRoundsOfSignalsWhileTyping"
