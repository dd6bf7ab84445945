#!/usr/bin/env bash
# Random keys, long version: sequences of random keys (navigation, paging, tabs, the composer,
# overlays) with the service's answers played back, rendered at sizes from 30×6 to 200×60 with
# resizes; no frame may trap, and the cursor must be placed on the screen. The quick version runs in
# `swift test` (RandomKeysTests, four sequences of 1,500 keys).
#
#   scripts/hardening/random-keys.sh [--seeds N] [--steps M] [--seed S]
source "$(dirname "$0")/common.sh"
seeds=100 steps=3000
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --seed) export HARDENING_SEED="$2"; shift 2 ;;
    *) echo "usage: $0 [--seeds N] [--steps M] [--seed S]" >&2; exit 2 ;;
  esac
done
export HARDENING_KEY_SEEDS="$seeds" HARDENING_KEY_STEPS="$steps"
run_hardening "RandomKeysTests/manyRandomKeySequences"
