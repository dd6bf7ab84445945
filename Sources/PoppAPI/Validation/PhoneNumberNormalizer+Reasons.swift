/// Why a number is refused, in words a recruiter can act on: which digits, how many, what the
/// country's numbers look like instead.
extension PhoneNumberNormalizer {
  enum ReasonContext {
    /// Written with `+` or an international prefix.
    case international
    /// Written as `region` dials its own numbers.
    case national(PhoneNumberPlan, digits: String)
  }

  static func noDefaultCountry(startsWithZero: Bool) -> String {
    if startsWithZero {
      return "is a national number (starts with 0) and no default country is set: write it in international form"
        + " (+ and the country code, e.g. +44 7400 900123) or set default-country"
    }
    return "has no country code and no default country is set: write it in international form"
      + " (+ and the country code, e.g. +1 415 555 1234) or set default-country"
  }

  static func unknownDefaultCountry(_ code: String) -> String {
    "is a national number and the default country \"\(code)\" is not one this program knows"
      + " (use an ISO 3166 code such as GB, US or DE)"
  }

  static func reason(_ read: Reading, context: ReasonContext) -> String {
    let reason: String
    switch read {
    case .failure(let failure): reason = Self.reason(failure)
    case .success(let parsed): reason = Self.reason(parsed, context: context)
    }
    guard case .national(_, let digits) = context else { return reason }
    return reason + hint(digits)
  }

  static func reason(_ failure: ParsedPhoneNumber.Failure) -> String {
    switch failure {
    case .noCallingCode:
      return "has no country code after the + (country codes never start with 0)"
    case .unknownCallingCode(let start):
      let codes = (1...start.count).map { "+" + start.prefix($0) }
      return "has an unknown country code: no country's is \(list(codes))"
    case .tooShort:
      return "is too short to be a phone number"
    case .tooLong(let count):
      return "is too long to be a phone number (\(count) digits after the country code)"
    }
  }

  /// A number libphonenumber reads but calls invalid.
  static func reason(_ parsed: ParsedPhoneNumber, context: ReasonContext) -> String {
    let names: Names
    let plan: PhoneNumberPlan
    switch context {
    case .international:
      plan = PhoneNumberPlan.main(forCallingCode: parsed.callingCode)
      names = Names(callingCode: parsed.callingCode, plan: plan)
    case .national(let region, _):
      plan = region
      names = Names(region: region.region)
    }
    // Messages speak of the number after its trunk prefix, even where libphonenumber kept it
    // because what follows has no length of the country's; but a 10-digit +1 number is its
    // area code and exchange.
    var national = parsed.national
    var trunk = parsed.droppedPrefix
    if trunk == nil, let prefix = plan.nationalPrefix, national.hasPrefix(prefix), national.count > prefix.count,
      !(parsed.callingCode == "1" && national.count == 10), plan.lengths(startingLike: prefix).lengths.isEmpty
    {
      national.removeFirst(prefix.count)
      trunk = prefix
    }
    let (lengths, prefix) =
      if case .international = context {
        PhoneNumberPlan.lengths(callingCode: parsed.callingCode, startingLike: national)
      } else {
        plan.lengths(startingLike: national)
      }
    let has = "has \(national.count) digit\(national.count == 1 ? "" : "s")"
    switch context {
    case .international:
      if parsed.callingCode == "1", national.count == 10, let problem = nanpProblem(national) { return problem }
      if lengths.isEmpty { return "is not a number in use: no \(names.plural) start +\(parsed.callingCode) \(prefix)" }
      if !lengths.contains(national.count) {
        return "\(has) after +\(parsed.callingCode); \(names.plural)\(starting(prefix)) have \(describe(lengths))"
      }
      return "has the length of \(names.singular) but is in none of \(names.possessive) number ranges (mobile, landline or other):"
        + " check the digits"
    case .national(let region, _):
      let code = region.region
      if lengths.isEmpty, trunk == nil, national.hasPrefix("0"), region.nationalPrefix != "0" {
        return "starts with 0, which \(code) numbers do not (they have no trunk 0)"
      }
      if region.callingCode == "1", national.count == 10, let problem = nanpProblem(national) { return problem }
      // A number without the trunk prefix its country writes: maybe a local number without
      // its area code.
      let written =
        if trunk == nil, let prefix = region.nationalPrefix, region.callingCode != "1" {
          "; \(code) numbers are written with the trunk \(prefix) and their area code, or in international form"
            + " (+\(region.callingCode) …)"
        } else { "" }
      if lengths.isEmpty { return "is not a number in use: no \(code) numbers start \(trunk ?? "")\(prefix)" + written }
      if !lengths.contains(national.count) {
        if let trunk {
          let starting = prefix.isEmpty ? "" : starting(trunk + prefix)
          return "\(has) after the trunk \(trunk); \(code) numbers\(starting) have \(describe(lengths)) after it"
        }
        if region.callingCode == "1" { return "\(has); \(code) numbers have 10 (11 with the leading 1)" }
        return "\(has); \(code) numbers\(starting(prefix)) have \(describe(lengths))" + written
      }
      let reason = "has the length of a \(code) number but is in none of \(code)'s number ranges (mobile, landline or other)"
      return reason + (written.isEmpty ? ": check the digits" : written)
    }
  }

  /// How messages name the numbers of a calling code: `GB numbers`, or for `+1` all of North
  /// America's.
  struct Names {
    var plural: String
    var singular: String
    var possessive: String

    init(region: String) {
      self.init(plural: "\(region) numbers", singular: "a \(region) number", possessive: "\(region)'s")
    }

    init(plural: String, singular: String, possessive: String) {
      self.plural = plural
      self.singular = singular
      self.possessive = possessive
    }

    init(callingCode: String, plan: PhoneNumberPlan) {
      if callingCode == "1" {
        self.init(plural: "+1 numbers (US, CA and the rest of the NANP)", singular: "a +1 number", possessive: "the NANP's")
      } else if plan.region == PhoneNumberPlan.nonGeographic {
        self.init(plural: "+\(callingCode) numbers", singular: "a +\(callingCode) number", possessive: "+\(callingCode)'s")
      } else {
        self.init(region: plan.region)
      }
    }
  }

  /// The NANP's rules for a 10-digit number: area code and exchange never start with 0 or 1.
  static func nanpProblem(_ national: String) -> String? {
    let digits = Array(national.utf8)
    func part(_ range: Range<Int>) -> String { String(decoding: digits[range], as: UTF8.self) }
    if digits[0] < UInt8(ascii: "2") {
      return "has the area code \(part(0..<3)), and +1 area codes never start with 0 or 1"
    }
    if digits[3] < UInt8(ascii: "2") {
      return "has the exchange \(part(3..<6)) (after the area code \(part(0..<3))), and +1 exchanges never start with 0 or 1"
    }
    return nil
  }

  /// `"; if it is an international number, write it with a + …"` when the digits make one.
  static func hint(_ digits: String) -> String {
    guard !digits.hasPrefix("0"), case .success(let parsed) = ParsedPhoneNumber.international(digits), parsed.isValid else {
      return ""
    }
    return " (if it is an international number, write it with a +: \(parsed.e164))"
  }

  static func starting(_ prefix: String) -> String {
    prefix.isEmpty ? "" : " starting \(prefix)"
  }

  /// `10`, `9 or 10`, `6 to 11`, `7, 9 or 10`.
  static func describe(_ lengths: [Int]) -> String {
    var runs: [ClosedRange<Int>] = []
    for length in lengths {
      if let last = runs.last, last.upperBound + 1 == length {
        runs[runs.count - 1] = last.lowerBound...length
      } else {
        runs.append(length...length)
      }
    }
    let parts = runs.flatMap { run -> [String] in
      switch run.count {
      case 1: ["\(run.lowerBound)"]
      case 2: ["\(run.lowerBound)", "\(run.upperBound)"]
      default: ["\(run.lowerBound) to \(run.upperBound)"]
      }
    }
    return list(parts)
  }

  /// `a`, `a or b`, `a, b or c`.
  static func list(_ parts: [String]) -> String {
    guard parts.count > 1 else { return parts.first ?? "" }
    return parts.dropLast().joined(separator: ", ") + " or " + parts.last!
  }
}
