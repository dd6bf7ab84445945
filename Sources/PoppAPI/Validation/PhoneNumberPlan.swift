/// One region's numbering plan as libphonenumber's metadata describes it; every region's is in
/// `PhoneNumberPlans.generated.swift`. The checks below do what libphonenumber's
/// `PhoneNumberUtil` does with the same metadata, so that the two agree on every number.
struct PhoneNumberPlan: Sendable {
  /// libphonenumber's number types.
  enum Kind: String, Sendable, CaseIterable {
    case fixedLine, mobile, tollFree, premiumRate, sharedCost, personalNumber, voip, pager, uan, voicemail
  }

  /// The numbers of one kind (or, without a kind, all of the region's): the lengths they may
  /// have (none listed: any) and their pattern.
  struct Numbers: Sendable {
    let kind: Kind?
    let lengths: [Int]
    let localOnlyLengths: [Int]
    let pattern: PhonePattern

    init(_ kind: Kind?, _ lengths: [Int], localOnly: [Int] = [], _ pattern: String) {
      self.kind = kind
      self.lengths = lengths
      self.localOnlyLengths = localOnly
      self.pattern = PhonePattern(pattern)
    }

    func holds(_ national: String) -> Bool {
      (lengths.isEmpty || lengths.contains(national.utf8.count)) && pattern.matchesWhole(national)
    }
  }

  /// ISO 3166-1 alpha-2, or `001` for numbers of no country (+800 …).
  let region: String
  let callingCode: String
  /// The international prefixes a person may dial here, for messages and examples.
  let internationalPrefixes: [String]
  let internationalPrefix: PhonePattern?
  /// The trunk prefix (`0`, `1` in North America, `8` in Belarus), absent where there is none.
  let nationalPrefix: String?
  /// What may be dropped from the start of a national number: the trunk prefix, carrier codes.
  let nationalPrefixForParsing: PhonePattern?
  /// What replaces the match of `nationalPrefixForParsing` (`$1` is its first group), when it
  /// adds digits (a Caribbean area code before a 7-digit local number).
  let nationalPrefixTransformRule: String?
  /// Among regions sharing a calling code, the digits that make a number this region's.
  let leadingDigits: PhonePattern?
  let general: Numbers
  let kinds: [Numbers]
  /// The lengths of the region's numbers, and the lengths by their first digits where these
  /// narrow them (`"7:10;80:9,10;9:"`: none starts 9), for messages.
  let lengths: [Int]
  let lengthsByPrefix: String

  init(
    _ region: String, callingCode: String, internationalPrefixes: [String] = [], internationalPrefix: String? = nil,
    nationalPrefix: String? = nil, nationalPrefixForParsing: String? = nil, nationalPrefixTransformRule: String? = nil,
    leadingDigits: String? = nil, general: Numbers, kinds: [Numbers], lengths: [Int], lengthsByPrefix: String
  ) {
    self.region = region
    self.callingCode = callingCode
    self.internationalPrefixes = internationalPrefixes
    self.internationalPrefix = internationalPrefix.map(PhonePattern.init)
    self.nationalPrefix = nationalPrefix
    self.nationalPrefixForParsing = nationalPrefixForParsing.map(PhonePattern.init)
    self.nationalPrefixTransformRule = nationalPrefixTransformRule
    self.leadingDigits = leadingDigits.map(PhonePattern.init)
    self.general = general
    self.kinds = kinds
    self.lengths = lengths
    self.lengthsByPrefix = lengthsByPrefix
  }

  /// Whether `national` is a number of one of the region's kinds (libphonenumber: its type is
  /// not UNKNOWN).
  func holds(_ national: String) -> Bool {
    general.holds(national) && kinds.contains { $0.holds(national) }
  }

  enum LengthVerdict {
    case possible, possibleLocalOnly, tooShort, tooLong, invalidLength
  }

  /// libphonenumber's `_test_number_length` for a number of no particular type.
  func testLength(_ national: String) -> LengthVerdict {
    let count = national.utf8.count
    let lengths = general.lengths
    guard let shortest = lengths.first, let longest = lengths.last else { return .invalidLength }
    if general.localOnlyLengths.contains(count) { return .possibleLocalOnly }
    if count == shortest { return .possible }
    if count < shortest { return .tooShort }
    if count > longest { return .tooLong }
    return lengths.contains(count) ? .possible : .invalidLength
  }

  /// `national` without what `nationalPrefixForParsing` matches at its start, as libphonenumber
  /// strips it; `prefix` is the digits dropped, when no rule replaced them. (Digits are ASCII,
  /// so characters and bytes count alike.)
  func strippingNationalPrefix(_ national: String) -> (number: String, prefix: String?) {
    guard !national.isEmpty, let parsing = nationalPrefixForParsing, let match = parsing.matchAtStart(national) else {
      return (national, nil)
    }
    let isViable = general.pattern.matchesWhole(national)
    let rest = String(national.dropFirst(match.length))
    if let rule = nationalPrefixTransformRule, !rule.isEmpty, let last = match.groups.last, last != nil {
      let transformed = Self.expand(rule, match.groups) + rest
      if isViable, !general.pattern.matchesWhole(transformed) { return (national, nil) }
      return (transformed, nil)
    }
    if isViable, !general.pattern.matchesWhole(rest) { return (national, nil) }
    return (rest, String(national.prefix(match.length)))
  }

  /// `rule` with `$1`, `$2` … replaced by the groups' digits (nothing for a group that took no
  /// part).
  static func expand(_ rule: String, _ groups: [String?]) -> String {
    var result = ""
    var scalars = rule.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
      guard scalar == "$", let next = scalars.next() else {
        result.unicodeScalars.append(scalar)
        continue
      }
      if let index = Int(String(next)), index >= 1, index <= groups.count {
        result += groups[index - 1] ?? ""
      } else {
        result.unicodeScalars.append(scalar)
        result.unicodeScalars.append(next)
      }
    }
    return result
  }
}
