#!/usr/bin/env bash
# The phone normaliser against libphonenumber (TESTING.md, "Phone numbers against
# libphonenumber"): PyPI's phonenumbers, pinned below, in .build/fuzz-venv.
#
#   scripts/phones/differential.sh                  check that the table and the corpus are what
#                                                   the pinned phonenumbers gives, then run
#                                                   PhoneNumberDifferentialTests (its table of
#                                                   agreement by country is printed)
#   scripts/phones/differential.sh --check          only that check, nothing built (for CI)
#   scripts/phones/differential.sh --write          rewrite both from the pinned phonenumbers
#                                                   (after changing the pin or the scripts), then test
#   scripts/phones/differential.sh --phonenumbers V a corpus from phonenumbers V, in .build, and
#                                                   the test on it: how far the committed table is
#                                                   from V's metadata (nothing committed changes)
#
# The table is Sources/PoppAPI/Validation/PhoneNumberPlans.generated.swift
# (scripts/phones/generate-plans.py), the corpus Tests/Fixtures/phone-corpus.jsonl
# (scripts/phones/make-corpus.py, seed 1); both are byte-for-byte reproducible.
set -euo pipefail
cd "$(dirname "$0")/../.."

PHONENUMBERS_VERSION=9.0.43
mode=test
version=$PHONENUMBERS_VERSION
while [ $# -gt 0 ]; do
  case "$1" in
    --check) mode=check ;;
    --write) mode=write ;;
    --phonenumbers) mode=other; version="$2"; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

. scripts/venv.sh
venv_require "phonenumbers==$version"
python=("$venv/bin/python" -B)
corpus_file=""

case "$mode" in
  check | test)
    "${python[@]}" scripts/phones/generate-plans.py --check
    "${python[@]}" scripts/phones/make-corpus.py --check
    echo "the table and the corpus are what phonenumbers $version gives"
    [ "$mode" = check ] && exit 0
    ;;
  write)
    "${python[@]}" scripts/phones/generate-plans.py
    "${python[@]}" scripts/phones/make-corpus.py
    ;;
  other)
    mkdir -p .build/phones
    corpus_file=$(pwd)/.build/phones/corpus-$version.jsonl
    "${python[@]}" scripts/phones/make-corpus.py "$corpus_file"
    ;;
esac

export PATH="/opt/swift/usr/bin:$PATH"
swift build --build-tests 2>&1 | grep -E "error:|warning: unre|Build complete" || true
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
POPP_PHONE_CORPUS="$corpus_file" swift test --skip-build --filter PhoneNumberDifferentialTests >"$log" 2>&1 || status=$?
grep -vE "^(Test Suite|Test Case|\[|◇|↳)|Executed 0 tests" "$log" || true
exit "$status"
