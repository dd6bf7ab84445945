#!/usr/bin/env bash
# What the phone normaliser costs per number, optimised as in a release build: the normaliser's
# files (Sources/PoppAPI/Validation) compiled alone with swiftc -O and timed on 10,000 GB
# numbers (the first run compiles GB's patterns), 10,000 +1 numbers, and the first 10,000 of
# Tests/Fixtures/phone-corpus.jsonl (212 regions). TESTING.md, "Phone numbers against
# libphonenumber", has the figures.
#
#   scripts/phones/measure.sh [runs]     (default 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"
runs=${1:-3}
work=.build/phones/measure
mkdir -p "$work"
cat >"$work/main.swift" <<'SWIFT'
import Foundation

let clock = ContinuousClock()
func perNumber(_ duration: Duration) -> String {
  let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  return String(format: "%.0f ms (%.1f µs a number)", seconds * 1000, seconds * 1e6 / 10_000)
}
let gb = PhoneNumberNormalizer(defaultCountry: "GB")
let british = (0..<10_000).map { $0 % 2 == 0 ? "07400 \(100_000 + $0)" : "+44 20 7946 \(String(format: "%04d", $0))" }
let us = PhoneNumberNormalizer(defaultCountry: "US")
let american = (0..<10_000).map { "(415) 5\(String(format: "%02d", $0 % 100))-\(String(format: "%04d", $0))" }
var accepted = 0
let first = clock.measure { for number in british where gb.e164(number) != nil { accepted += 1 } }
let again = clock.measure { for number in british where gb.e164(number) != nil { accepted += 1 } }
let nanp = clock.measure { for number in american where us.e164(number) != nil { accepted += 1 } }
let corpus = try String(contentsOfFile: CommandLine.arguments[1], encoding: .utf8).split(separator: "\n").dropFirst().prefix(10_000)
  .map { line in
    let entry = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [Any]
    return (entry[0] as? String, entry[1] as! String)
  }
let mixed = clock.measure { for (region, text) in corpus { _ = PhoneNumberNormalizer(defaultCountry: region).normalize(text) } }
precondition(accepted == 30_000, "\(accepted) of 30,000 accepted")
print("GB \(perNumber(first)), again \(perNumber(again)); +1 \(perNumber(nanp)); corpus \(perNumber(mixed))")
SWIFT
validation=Sources/PoppAPI/Validation
swiftc -O -wmo -module-name PhoneMeasure -o "$work/measure" "$work/main.swift" "$validation"/Phone*.swift \
  "$validation"/ParsedPhoneNumber.swift "$validation"/ContactRules.swift
for _ in $(seq "$runs"); do "$work/measure" Tests/Fixtures/phone-corpus.jsonl; done
