#!/usr/bin/env bash
# Chaos soak: a sandbox process at --speed 60, the console in tmux driven by the test (lists,
# threads, take-overs, replies typed and sent, hand-backs), and the sandbox's faults cycling
# through errorRate 0.5, rateLimitPerMinute 20, latencyMs 1500, dropConnectionRate 0.3 (after,
# POST only), malformedJsonRate 0.3, none. Asserts the console never died, showed STALE/OFFLINE
# during the faults and recovered by itself after them, kept its memory (VmRSS growth ≤ 20 %
# after the first minute) and stored every reply exactly once. Not part of `swift test`.
#
#   scripts/hardening/chaos-soak.sh [--minutes 10] [--phase SECONDS] [--speed 60] [--seed S]
#   scripts/hardening/chaos-soak.sh --quick      # one cycle of 15 s phases (about 3 minutes)
source "$(dirname "$0")/common.sh"
minutes=10 phase=30 speed=60
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --phase) phase="$2"; shift 2 ;;
    --speed) speed="$2"; shift 2 ;;
    --seed) export HARDENING_SEED="$2"; shift 2 ;;
    --quick) minutes=1.5 phase=15; shift ;;
    *) echo "usage: $0 [--minutes M] [--phase S] [--speed X] [--seed S] | --quick" >&2; exit 2 ;;
  esac
done
export HARDENING_CHAOS_MINUTES="$minutes" HARDENING_CHAOS_PHASE_SECONDS="$phase" HARDENING_CHAOS_SPEED="$speed"
run_hardening "ChaosSoakTests/chaosSoak"
