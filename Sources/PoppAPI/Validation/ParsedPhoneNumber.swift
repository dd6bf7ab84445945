/// A number split the way libphonenumber's `parse` splits it, step for step: a calling code
/// and the national significant number, the trunk prefix dropped. Whether it is valid is
/// `PhoneNumberPlan.isValid`'s question.
struct ParsedPhoneNumber: Hashable {
  var callingCode: String
  /// ASCII digits.
  var national: String
  /// The trunk prefix (or carrier code) dropped before `national`, if any.
  var droppedPrefix: String?

  var e164: String { "+" + callingCode + national }

  var isValid: Bool { PhoneNumberPlan.isValid(callingCode: callingCode, national: national) }

  /// Where libphonenumber gives up before there is a number to check.
  enum Failure: Error, Hashable {
    /// `+0…`: calling codes never start with 0.
    case noCallingCode
    case unknownCallingCode(String)
    case tooShort(Int)
    case tooLong(Int)
  }

  // libphonenumber's bounds on a national significant number.
  static let shortest = 2
  static let longest = 17

  /// The digits after `+` or an international prefix. With a default region, a `+` before no
  /// known calling code (`+00 44 …`) is read again as the region reads numbers without one.
  static func international(_ digits: String, region: PhoneNumberPlan? = nil) -> Result<Self, Failure> {
    // libphonenumber: TOO_SHORT_AFTER_IDD.
    guard digits.count > shortest else { return .failure(.tooShort(digits.count)) }
    guard let (code, rest) = PhoneNumberPlan.callingCode(of: digits) else {
      let failure: Failure = digits.hasPrefix("0") ? .noCallingCode : .unknownCallingCode(String(digits.prefix(3)))
      guard let region else { return .failure(failure) }
      if let afterPrefix = afterInternationalPrefix(digits, region: region) { return afterPrefix }
      return withCallingCodeWithoutPlus(digits, region: region) ?? .failure(failure)
    }
    return finish(callingCode: code, national: rest, plan: PhoneNumberPlan.main(forCallingCode: code))
  }

  /// Digits written without `+` in `region`.
  static func national(_ digits: String, region: PhoneNumberPlan) -> Result<Self, Failure> {
    if let afterPrefix = afterInternationalPrefix(digits, region: region) { return afterPrefix }
    if let parsed = withCallingCodeWithoutPlus(digits, region: region) { return parsed }
    return finish(callingCode: region.callingCode, national: digits, plan: region)
  }

  /// `region`'s international prefix and what follows it, unless a 0 follows (no calling
  /// code starts with 0, so the prefix was the start of a national number).
  static func afterInternationalPrefix(_ digits: String, region: PhoneNumberPlan) -> Result<Self, Failure>? {
    guard let prefix = region.internationalPrefix, let match = prefix.matchAtStart(digits) else { return nil }
    let rest = String(digits.dropFirst(match.length))
    if rest.hasPrefix("0") { return nil }
    return international(rest)
  }

  /// `447400900123` in GB: the region's calling code without `+`, taken as one when the digits
  /// are no national number with it and would be one without it, or are too long with it;
  /// `nil` when the calling code is not taken.
  static func withCallingCodeWithoutPlus(_ digits: String, region: PhoneNumberPlan) -> Result<Self, Failure>? {
    guard digits.hasPrefix(region.callingCode) else { return nil }
    let potential = region.strippingNationalPrefix(String(digits.dropFirst(region.callingCode.count))).number
    let general = region.general.pattern
    guard (!general.matchesWhole(digits) && general.matchesWhole(potential)) || region.testLength(digits) == .tooLong else {
      return nil
    }
    // libphonenumber reads on with the calling code's main region (US for a number of CA).
    let plan = PhoneNumberPlan.main(forCallingCode: region.callingCode)
    return finish(callingCode: region.callingCode, national: potential, plan: plan)
  }

  /// The trunk prefix dropped when what is left has a length the plan's numbers have.
  static func finish(callingCode: String, national written: String, plan: PhoneNumberPlan) -> Result<Self, Failure> {
    guard written.count >= shortest else { return .failure(.tooShort(written.count)) }
    var parsed = Self(callingCode: callingCode, national: written, droppedPrefix: nil)
    let (stripped, prefix) = plan.strippingNationalPrefix(written)
    switch plan.testLength(stripped) {
    case .tooShort, .possibleLocalOnly, .invalidLength: break
    case .possible, .tooLong:
      parsed.national = stripped
      parsed.droppedPrefix = prefix.flatMap { $0.isEmpty ? nil : $0 }
    }
    guard parsed.national.count >= shortest else { return .failure(.tooShort(parsed.national.count)) }
    guard parsed.national.count <= longest else { return .failure(.tooLong(parsed.national.count)) }
    return .success(parsed)
  }
}
