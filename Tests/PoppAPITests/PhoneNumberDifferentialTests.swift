import Foundation
import Testing

@testable import PoppAPI

/// The normaliser against libphonenumber: every number of `Tests/Fixtures/phone-corpus.jsonl`
/// (written by `scripts/phones/make-corpus.py` with PyPI's `phonenumbers`; every region, every
/// kind of number, written a dozen ways, and damaged copies) read with its region as the
/// default country, and compared with libphonenumber's verdict.
@Suite struct PhoneNumberDifferentialTests {
  /// One line of the corpus: `[region, text, valid, e164, case]`.
  struct Entry: Decodable {
    var region: String?
    var text: String
    var valid: Bool
    var e164: String?
    var `case`: String

    init(from decoder: any Decoder) throws {
      var fields = try decoder.unkeyedContainer()
      region = try fields.decodeIfPresent(String.self)
      text = try fields.decode(String.self)
      valid = try fields.decode(Bool.self)
      e164 = try fields.decodeIfPresent(String.self)
      `case` = try fields.decode(String.self)
    }
  }

  struct Header: Decodable {
    var phonenumbers: String
    var seed: Int
  }

  static let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/phone-corpus.jsonl")

  /// `POPP_PHONE_CORPUS` names another corpus (`scripts/phones/differential.sh --phonenumbers V`
  /// writes one from a newer phonenumbers).
  static let file =
    ProcessInfo.processInfo.environment["POPP_PHONE_CORPUS"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) } ?? committed

  static func load() throws -> (header: Header, entries: [Entry]) {
    let lines = try Data(contentsOf: file).split(separator: UInt8(ascii: "\n"))
    let decoder = JSONDecoder()
    let header = try decoder.decode(Header.self, from: Data(lines[0]))
    return (header, try lines.dropFirst().map { try decoder.decode(Entry.self, from: Data($0)) })
  }

  /// What the comparison found; described in a line, so that failed expectations stay short.
  struct Report: CustomStringConvertible {
    struct Disagreement: CustomStringConvertible {
      var entry: Entry
      var outcome: PhoneNumberNormalizer.Outcome
      var description: String { shown }
      var shown: String {
        "\(entry.region ?? "-") \"\(entry.text)\" (\(entry.case)): libphonenumber \(entry.e164 ?? "invalid"), here \(outcome)"
      }
    }

    var entries = 0
    var agreeing = 0
    /// By region (`-` for numbers of no country): entries, agreeing.
    var byRegion: [String: (entries: Int, agreeing: Int)] = [:]
    /// Valid for libphonenumber, refused here.
    var refused: [Disagreement] = []
    /// Valid for libphonenumber but longer or shorter than E.164 allows, so refused here:
    /// numbers dialled only within their country, which Popp cannot send to.
    var beyondE164: [Disagreement] = []
    /// Valid for both, another E.164 here.
    var misread: [Disagreement] = []
    /// Invalid for libphonenumber, accepted here.
    var accepted: [Disagreement] = []

    var agreement: Double { entries == 0 ? 0 : Double(agreeing) / Double(entries) }

    var description: String {
      String(
        format: "%.2f %% agreement, %d refused, %d read otherwise, %d beyond E.164, %d accepted", agreement * 100,
        refused.count, misread.count, beyondE164.count, accepted.count)
    }

    /// The gates of the issue: agreement on validity of at least 99.5 %, no valid number
    /// refused (but those E.164 cannot hold), every valid number read as libphonenumber reads
    /// it.
    var passes: Bool { agreement >= 0.995 && refused.isEmpty && misread.isEmpty }

    /// The agreement by country, those below 100 % listed.
    var table: String {
      let perfect = byRegion.filter { $0.value.entries == $0.value.agreeing }
      var lines = [
        String(format: "agreement on validity: %.2f %% (%d of %d numbers);", agreement * 100, agreeing, entries)
          + " \(perfect.count) of \(byRegion.count) regions at 100 %"
      ]
      for (region, counts) in byRegion.sorted(by: { $0.key < $1.key }) where counts.entries != counts.agreeing {
        lines.append(
          String(
            format: "  %@ %.1f %% (%d of %d)", region, 100 * Double(counts.agreeing) / Double(counts.entries), counts.agreeing,
            counts.entries))
      }
      for (title, list) in [("refused", refused), ("read otherwise", misread), ("beyond E.164", beyondE164), ("accepted", accepted)]
      where !list.isEmpty {
        lines.append("  \(title): \(list.count)")
        lines += list.prefix(30).map { "    " + $0.shown }
      }
      return lines.joined(separator: "\n")
    }
  }

  static func compare(_ entries: [Entry], normalize: (Entry) -> PhoneNumberNormalizer.Outcome) -> Report {
    var report = Report()
    for entry in entries {
      let outcome = normalize(entry)
      var number: String?
      if case .e164(let e164) = outcome { number = e164 }
      let agrees = (number != nil) == entry.valid
      report.entries += 1
      report.byRegion[entry.region ?? "-", default: (0, 0)].entries += 1
      if agrees {
        report.agreeing += 1
        report.byRegion[entry.region ?? "-", default: (0, 0)].agreeing += 1
      }
      let disagreement = Report.Disagreement(entry: entry, outcome: outcome)
      switch (entry.valid, number) {
      case (true, nil) where !ContactRules.isE164(entry.e164 ?? ""): report.beyondE164.append(disagreement)
      case (true, nil): report.refused.append(disagreement)
      case (true, let number?) where number != entry.e164: report.misread.append(disagreement)
      case (false, _?): report.accepted.append(disagreement)
      default: break
      }
    }
    return report
  }

  static func normalize(_ entry: Entry) -> PhoneNumberNormalizer.Outcome {
    PhoneNumberNormalizer(defaultCountry: entry.region).normalize(entry.text)
  }

  @Test func theCorpusCoversEveryRegionWithValidAndInvalidNumbers() throws {
    let (header, entries) = try Self.load()
    if Self.file == Self.committed {
      #expect(header.phonenumbers == PhoneNumberPlan.phonenumbersVersion, "the table and the corpus come from different phonenumbers")
    }
    #expect(entries.count > 10_000)
    #expect(Set(entries.compactMap(\.region)) == Set(PhoneNumberNormalizer.knownCountryCodes))
    #expect(entries.contains { $0.region == nil && $0.valid })
    let valid = entries.filter(\.valid).count
    #expect(valid > entries.count / 2 && valid < entries.count * 9 / 10, "\(valid) of \(entries.count) valid")
    #expect(entries.allSatisfy { !$0.valid || $0.e164 != nil })
  }

  @Test func agreesWithLibphonenumber() throws {
    let (header, entries) = try Self.load()
    let clock = ContinuousClock()
    let start = clock.now
    let report = Self.compare(entries, normalize: Self.normalize)
    let elapsed = clock.now - start
    print("phonenumbers \(header.phonenumbers) (table from \(PhoneNumberPlan.phonenumbersVersion)): \(report.table)")
    print("normalised \(entries.count) numbers of \(report.byRegion.count) regions in \(elapsed) (patterns compiled as met)")
    #expect(report.refused.count == 0, "valid numbers refused, e.g. \(report.refused.prefix(5).map(\.shown))")
    #expect(report.misread.count == 0, "valid numbers read otherwise, e.g. \(report.misread.prefix(5).map(\.shown))")
    #expect(report.agreement >= 0.995, "\(report)")
    for disagreement in report.beyondE164 {
      guard case .invalid(let reason) = disagreement.outcome else { continue }
      #expect(reason.contains("7 to 15") && reason.contains("within its country"), "\(disagreement.shown)")
    }
  }

  /// The comparison can fail: a country's rule broken on purpose, either way, is caught.
  @Test func aBrokenRuleFailsTheComparison() throws {
    let entries = try Self.load().entries
    let real = Self.compare(entries, normalize: Self.normalize)
    #expect(real.passes)

    // GB's mobiles (07…) refused.
    let refusingMobiles = Self.compare(entries) { entry in
      let outcome = Self.normalize(entry)
      if case .e164(let number) = outcome, number.hasPrefix("+447") { return .invalid("broken on purpose") }
      return outcome
    }
    #expect(!refusingMobiles.passes && !refusingMobiles.refused.isEmpty)

    // Italy's leading 0 dropped, as in countries with a trunk 0.
    let droppingItalysZero = Self.compare(entries) { entry in
      let outcome = Self.normalize(entry)
      if case .e164(let number) = outcome, number.hasPrefix("+390") { return .e164("+39" + number.dropFirst(4)) }
      return outcome
    }
    #expect(!droppingItalysZero.passes && !droppingItalysZero.misread.isEmpty)

    // Lengths without patterns, as the hand table had it: every number of a length the
    // country's numbers have.
    let lengthsOnly = Self.compare(entries) { entry in
      let outcome = Self.normalize(entry)
      guard case .invalid = outcome, case .success(let written) = PhoneNumberNormalizer.read(entry.text) else { return outcome }
      let digits = String(decoding: written.digits, as: UTF8.self)
      let read =
        if written.plus || entry.region == nil {
          ParsedPhoneNumber.international(digits)
        } else {
          ParsedPhoneNumber.national(digits, region: PhoneNumberNormalizer.plan(entry.region!)!)
        }
      guard case .success(let parsed) = read else { return outcome }
      let plan = PhoneNumberPlan.main(forCallingCode: parsed.callingCode)
      return plan.general.lengths.contains(parsed.national.count) ? .e164(parsed.e164) : outcome
    }
    print(String(format: "lengths without patterns: %.2f %% agreement", lengthsOnly.agreement * 100))
    #expect(!lengthsOnly.passes && lengthsOnly.agreement < 0.995, "\(lengthsOnly.agreement)")
  }

  /// What a launch of 10,000 rows spends on its phone numbers: the corpus's first 10,000 (many
  /// countries, so many patterns compiled), then 10,000 numbers of one country.
  @Test func tenThousandNumbersTakeLittleTime() throws {
    let entries = Array(try Self.load().entries.prefix(10_000))
    let clock = ContinuousClock()
    let mixed = clock.measure {
      for entry in entries { _ = Self.normalize(entry) }
    }
    let normalizer = PhoneNumberNormalizer(defaultCountry: "GB")
    let numbers = (0..<10_000).map { index in
      index % 2 == 0 ? "07400 \(String(100_000 + index))" : "+44 20 7946 \(String(format: "%04d", index))"
    }
    var accepted = 0
    let oneCountry = clock.measure {
      for number in numbers where normalizer.e164(number) != nil { accepted += 1 }
    }
    print("10,000 numbers of \(Set(entries.compactMap(\.region)).count) regions: \(mixed); 10,000 GB numbers: \(oneCountry)")
    #expect(accepted == 10_000)
  }
}
