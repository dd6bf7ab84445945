/// Turns a phone number as people write it (`07700 900123`, `(415) 555-1234`,
/// `0044 7700 900123`) into E.164 (`+447700900123`), using a default country for numbers
/// written in national format.
///
/// What it reads: digits in any script (`０７７００`, `٠٧٧٠٠`), separators (spaces, dots,
/// dashes, slashes, parentheses), a leading `+`, the default country's international prefix
/// (`011` in North America, `0011` in Australia, `00` almost everywhere else, and `00`
/// anywhere), a `tel:` prefix, and the `(0)` of `+44 (0)7700 900123`. What it refuses, with a
/// reason for the user: letters, extensions (E.164 has none), national numbers without a
/// default country, and lengths that no number of that country has.
///
/// It knows each country's calling code, trunk prefix and plausible national lengths
/// (`knownCountries`), not every numbering plan: a number with a calling code it does not know
/// is accepted when it has the shape of E.164.
public struct PhoneNumberNormalizer: Sendable, Hashable {
  /// An ISO 3166-1 alpha-2 code (`GB`, `US`); `nil` accepts only international numbers.
  public var defaultCountry: String?

  public init(defaultCountry: String? = nil) {
    self.defaultCountry = defaultCountry?.uppercased()
  }

  public enum Outcome: Sendable, Hashable {
    case e164(String)
    /// Why the text is not a phone number this normaliser can read, for the user.
    case invalid(String)
  }

  /// The normalised number, or `nil`.
  public func e164(_ text: String) -> String? {
    if case .e164(let number) = normalize(text) { return number }
    return nil
  }

  public func normalize(_ text: String) -> Outcome {
    switch Self.read(text) {
    case .failure(let problem): return .invalid(problem.reason)
    case .success(let written): return resolve(written)
    }
  }

  // MARK: Countries

  /// What the normaliser knows of one country's numbering plan.
  public struct Country: Sendable, Hashable {
    /// ISO 3166-1 alpha-2 (`GB`).
    public let code: String
    /// The country calling code, without `+` (`44`).
    public let callingCode: String
    /// Dialled before a national number within the country and dropped in E.164 (`0`; `1` in
    /// North America). Empty for countries without one (Spain, Norway, Poland, ...).
    public let trunkPrefixes: [String]
    /// Dialled before an international number (`00`, `011`, `0011`, `010`, ...).
    public let internationalPrefixes: [String]
    /// Whether a leading 0 is part of the number itself and kept in E.164 (Italy).
    public let keepsLeadingZero: Bool
    /// Plausible lengths of the national significant number (after the trunk prefix).
    public let lengths: ClosedRange<Int>
    /// Narrower lengths for numbers starting with these digits (mobiles, mostly); the first
    /// match wins.
    let rules: [LengthRule]

    init(
      _ code: String, _ callingCode: String, trunk: [String] = ["0"], international: [String] = ["00"],
      keepsLeadingZero: Bool = false, lengths: ClosedRange<Int>, rules: [LengthRule] = []
    ) {
      self.code = code
      self.callingCode = callingCode
      self.trunkPrefixes = trunk
      self.internationalPrefixes = international
      self.keepsLeadingZero = keepsLeadingZero
      self.lengths = lengths
      self.rules = rules
    }

    /// Whether this country shares its calling code with others (the NANP's `+1`).
    public var isNANP: Bool { callingCode == "1" }

    /// How messages name the country's numbers: `GB numbers`, or for `+1` all of North
    /// America's.
    var numbersName: String { isNANP ? "+1 numbers (US, CA and the rest of the NANP)" : "\(code) numbers" }

    /// The lengths a national significant number starting with `digits` may have, and the
    /// prefix that narrowed them (empty when the general lengths apply).
    func allowedLengths(for digits: [UInt8]) -> (lengths: ClosedRange<Int>, prefix: String) {
      for rule in rules {
        if let prefix = rule.prefixes.first(where: { digits.starts(with: Array($0.utf8)) }) {
          return (rule.lengths, prefix)
        }
      }
      return (lengths, "")
    }
  }

  struct LengthRule: Sendable, Hashable {
    var prefixes: [String]
    var lengths: ClosedRange<Int>

    init(_ prefixes: [String], _ lengths: ClosedRange<Int>) {
      self.prefixes = prefixes
      self.lengths = lengths
    }
  }

  /// The countries this normaliser knows, by ISO code.
  public static let knownCountries: [Country] = nanp + others

  /// The ISO codes of `knownCountries`, sorted: for help texts and error messages.
  public static let knownCountryCodes: [String] = knownCountries.map(\.code).sorted()

  /// Whether `code` (any case) names a country this normaliser can read national numbers of:
  /// how a `default-country` setting is checked before use.
  public static func isKnownCountry(_ code: String) -> Bool {
    country(code) != nil
  }

  /// The country an ISO code (any case) names, if known. `UK`, which ISO reserves for the
  /// United Kingdom, is read as `GB`.
  public static func country(_ code: String) -> Country? {
    let upper = code.uppercased()
    let iso = upper == "UK" ? "GB" : upper
    return knownCountries.first { $0.code == iso }
  }

  /// The country whose calling code begins `digits` (calling codes are prefix-free), if known.
  static func country(callingCodeOf digits: [UInt8]) -> Country? {
    knownCountries.first { digits.starts(with: Array($0.callingCode.utf8)) }
  }

  private static let nanp: [Country] = [
    "US", "CA", "AG", "AI", "AS", "BB", "BM", "BS", "DM", "DO", "GD", "GU", "JM", "KN", "KY", "LC", "MP", "MS", "PR",
    "SX", "TC", "TT", "VC", "VG", "VI",
  ].map { Country($0, "1", trunk: ["1"], international: ["011"], lengths: 10...10) }

  private static let others: [Country] = [
    Country("GB", "44", lengths: 9...10, rules: [.init(["7", "2", "3"], 10...10)]),
    Country("IE", "353", lengths: 7...10, rules: [.init(["8"], 9...9)]),
    Country("DE", "49", lengths: 5...13, rules: [.init(["15", "16", "17"], 10...11)]),
    Country("FR", "33", lengths: 9...9),
    Country("NL", "31", lengths: 9...9, rules: [.init(["8", "9"], 7...10)]),
    Country("BE", "32", lengths: 8...9, rules: [.init(["4"], 9...9)]),
    Country("ES", "34", trunk: [], lengths: 9...9),
    Country("IT", "39", trunk: [], keepsLeadingZero: true, lengths: 6...11, rules: [.init(["3"], 9...10)]),
    Country("PT", "351", trunk: [], lengths: 9...9),
    Country("CH", "41", lengths: 9...9),
    Country("AT", "43", lengths: 5...13, rules: [.init(["6"], 10...13)]),
    Country("SE", "46", lengths: 7...10, rules: [.init(["7"], 9...9)]),
    Country("NO", "47", trunk: [], lengths: 8...8),
    Country("DK", "45", trunk: [], lengths: 8...8),
    Country("FI", "358", international: ["00", "990", "994", "999"], lengths: 5...12, rules: [.init(["4", "50"], 6...10)]),
    Country("PL", "48", trunk: [], lengths: 9...9),
    Country("AU", "61", international: ["0011", "0014", "0015", "0016", "0018", "0019"], lengths: 9...9, rules: [.init(["1"], 6...10)]),
    Country("NZ", "64", lengths: 8...10, rules: [.init(["3", "4", "6", "7", "9"], 8...8)]),
    Country("IN", "91", lengths: 10...10),
    Country("ZA", "27", lengths: 9...9),
    Country("BR", "55", lengths: 10...11),
    // Mexico dropped its trunk prefixes in 2019; the old 01, 044 and 045 are still typed.
    Country("MX", "52", trunk: ["044", "045", "01"], lengths: 10...10),
    Country("AE", "971", lengths: 8...9, rules: [.init(["5"], 9...9)]),
    Country("SG", "65", trunk: [], international: ["000", "001", "002", "008"], lengths: 8...8, rules: [.init(["1"], 10...11)]),
    Country("JP", "81", international: ["010"], lengths: 9...10, rules: [.init(["70", "80", "90", "50"], 10...10)]),
    Country("PH", "63", lengths: 8...10, rules: [.init(["9"], 10...10)]),
    Country("NG", "234", international: ["009"], lengths: 8...10, rules: [.init(["70", "80", "81", "90", "91"], 10...10)]),
    Country("KE", "254", international: ["000"], lengths: 8...10, rules: [.init(["7", "1"], 9...9)]),
  ]

  // MARK: Reading the text

  /// The number as written: its digits (ASCII), whether it led with `+`, and where a `(0)`
  /// stood.
  struct Written: Hashable {
    var digits: [UInt8] = []
    var plus = false
    /// The index in `digits` of a parenthesised lone 0, as in `+44 (0)20`.
    var optionalZero: Int?
  }

  struct Problem: Error {
    var reason: String
  }

  static let separators: Set<Unicode.Scalar> = [
    ".", "-", "/", "(", ")", "[", "]",
    "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}", "\u{30FC}",
    "\u{FF0E}", "\u{FF0D}", "\u{FF0F}", "\u{FF08}", "\u{FF09}", "\u{FF3B}", "\u{FF3D}",
  ]
  static let openers: Set<Unicode.Scalar> = ["(", "\u{FF08}"]
  static let closers: Set<Unicode.Scalar> = [")", "\u{FF09}"]
  static let pluses: Set<Unicode.Scalar> = ["+", "\u{FF0B}"]

  /// The ASCII digit of any decimal digit (`7`, `７`, `٧`, `७`).
  static func digit(_ scalar: Unicode.Scalar) -> UInt8? {
    guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue,
      value >= 0, value <= 9
    else { return nil }
    return UInt8(ascii: "0") + UInt8(value)
  }

  static func read(_ text: String) -> Result<Written, Problem> {
    var rest = Substring(text.trimmingWhitespace)
    if rest.isEmpty { return .failure(Problem(reason: "is empty")) }
    if rest.lowercased().hasPrefix("tel:") { rest = rest.dropFirst(4) }
    if rest.contains("@") { return .failure(Problem(reason: "looks like an email address, not a phone number")) }
    if let extensionProblem = extensionProblem(in: rest) { return .failure(extensionProblem) }

    var written = Written()
    var openedAt: Int?
    var letters = ""
    for scalar in rest.unicodeScalars {
      if let digit = digit(scalar) {
        written.digits.append(digit)
      } else if pluses.contains(scalar) {
        if written.plus || !written.digits.isEmpty {
          return .failure(Problem(reason: "has a + that is not at the start"))
        }
        written.plus = true
      } else if scalar.properties.isWhitespace || separators.contains(scalar) {
        if openers.contains(scalar) {
          openedAt = written.digits.count
        } else if closers.contains(scalar), let start = openedAt {
          if written.digits.count == start + 1, written.digits[start] == UInt8(ascii: "0"), start > 0 || written.plus {
            written.optionalZero = start
          }
          openedAt = nil
        }
      } else if scalar.properties.isAlphabetic {
        if letters.unicodeScalars.count < 12 { letters.unicodeScalars.append(scalar) }
      } else {
        return .failure(Problem(reason: "contains \"\(scalar.escaped(asASCII: false))\", which is not part of a phone number"))
      }
    }
    if !letters.isEmpty {
      return .failure(Problem(reason: "contains letters (\"\(letters)\"): write the number in digits"))
    }
    if written.digits.isEmpty { return .failure(Problem(reason: "has no digits")) }
    return .success(written)
  }

  /// `x123`, `ext. 12`, `extension 4`, `#12`, `;ext=12` after the number.
  static func extensionProblem(in text: Substring) -> Problem? {
    guard
      let start = text.firstIndex(where: { $0.isLetter || $0 == "#" || $0 == ";" }),
      text[..<start].unicodeScalars.contains(where: { digit($0) != nil })
    else { return nil }
    let tail = text[start...].lowercased()
    for marker in [";ext=", "extension", "extn", "ext", "x", "#"] where tail.hasPrefix(marker) {
      let number = tail.dropFirst(marker.count).drop { $0 == "." || $0 == ":" || $0 == "," || $0.isWhitespace }
      if !number.isEmpty, number.unicodeScalars.allSatisfy({ digit($0) != nil }) {
        let shown = String(text[start...]).trimmingWhitespace
        return Problem(
          reason: "has an extension (\"\(shown)\"), which E.164 numbers cannot carry: remove it and give the extension another way")
      }
    }
    return nil
  }

  // MARK: Resolving the country

  func resolve(_ written: Written) -> Outcome {
    let country = defaultCountry.flatMap(Self.country)
    var digits = written.digits
    if written.plus {
      return Self.international(digits, optionalZero: written.optionalZero)
    }
    // An international prefix: the default country's own, or 00, which most of the world
    // dials and no national number in the table starts with.
    let prefixes = (country?.internationalPrefixes ?? []) + ["00"]
    if let prefix = prefixes.first(where: { digits.starts(with: Array($0.utf8)) && digits.count > $0.count }) {
      let optionalZero = written.optionalZero.map { $0 - prefix.count }.flatMap { $0 >= 0 ? $0 : nil }
      return Self.international(Array(digits.dropFirst(prefix.count)), optionalZero: optionalZero)
    }
    guard let defaultCountry else {
      if digits.first == UInt8(ascii: "0") {
        return .invalid(
          "is a national number (starts with 0) and no default country is set: write it in international form"
            + " (+ and the country code, e.g. +44 7700 900123) or set default-country")
      }
      return .invalid(
        "has no country code and no default country is set: write it in international form"
          + " (+ and the country code, e.g. +1 415 555 1234) or set default-country")
    }
    guard let country else {
      return .invalid(
        "is a national number and the default country \"\(defaultCountry)\" is not one this program knows"
          + " (known: \(Self.knownCountryCodes.joined(separator: ", ")))")
    }
    if let zero = written.optionalZero, zero > 0 { digits.remove(at: zero) }
    return Self.national(digits, country: country)
  }

  /// `digits` after `+` or an international prefix: a calling code, then the national
  /// significant number.
  static func international(_ written: [UInt8], optionalZero: Int?) -> Outcome {
    var digits = written
    guard let first = digits.first, first != UInt8(ascii: "0") else {
      return .invalid("has no country code after the + (country codes never start with 0)")
    }
    guard let country = country(callingCodeOf: digits) else {
      let number = "+" + String(decoding: digits, as: UTF8.self)
      if ContactRules.isE164(number) { return .e164(number) }
      return .invalid("has \(digits.count) digits; an international number has 7 to 15 digits with its country code")
    }
    let code = country.callingCode.utf8.count
    // `+44 (0)20 …`: the 0 is dialled only within the country, except where it is part of the
    // number (Italy).
    if let zero = optionalZero, zero == code, !country.keepsLeadingZero { digits.remove(at: zero) }
    var national = Array(digits.dropFirst(code))
    // `+44 020 …`: the same trunk 0 without the parentheses.
    if !country.keepsLeadingZero, country.trunkPrefixes.contains("0"), national.first == UInt8(ascii: "0") {
      national.removeFirst()
    }
    // `+52 1 55 …`: the mobile 1 Mexico used until 2019.
    if country.code == "MX", national.count == 11, national.first == UInt8(ascii: "1") { national.removeFirst() }
    if let problem = lengthProblem(national, country: country, context: .international) { return .invalid(problem) }
    return finish(national, country: country)
  }

  /// `digits` as dialled within `country`.
  static func national(_ digits: [UInt8], country: Country) -> Outcome {
    var national = digits
    var droppedTrunk: String?
    if !country.keepsLeadingZero {
      if let trunk = country.trunkPrefixes.first(where: { digits.starts(with: Array($0.utf8)) }) {
        // NANP: the 1 is optional, and a 10-digit number may not start with it anyway.
        if !(country.isNANP && digits.count == 10) {
          national = Array(digits.dropFirst(trunk.utf8.count))
          droppedTrunk = trunk
        }
      } else if national.first == UInt8(ascii: "0") {
        return .invalid("starts with 0, which \(country.code) numbers do not (they have no trunk 0)" + hint(digits))
      }
    }
    if droppedTrunk == nil, !country.isNANP {
      // No trunk prefix: a number whose spreadsheet lost its 0 (`7700900123`), or one written
      // with the country code but no + (`447700900123`).
      let allowed = country.allowedLengths(for: national).lengths
      if allowed.contains(national.count) {
        if country.trunkPrefixes.contains("0"), allowed.count > 2 {
          return .invalid(
            "does not start with the trunk \(country.trunkPrefixes[0]) and \(country.code) numbers of \(national.count) digits"
              + " could be local numbers without their area code: write it with the \(country.trunkPrefixes[0])"
              + " or in international form (+\(country.callingCode) …)")
        }
        return finish(national, country: country)
      }
      if national.starts(with: Array(country.callingCode.utf8)), case .e164(let number) = international(national, optionalZero: nil) {
        return .e164(number)
      }
    }
    let context: LengthContext = droppedTrunk.map { .afterTrunk($0) } ?? .national
    if let problem = lengthProblem(national, country: country, context: context) { return .invalid(problem + hint(digits)) }
    return finish(national, country: country)
  }

  static func finish(_ national: [UInt8], country: Country) -> Outcome {
    let number = "+" + country.callingCode + String(decoding: national, as: UTF8.self)
    guard ContactRules.isE164(number) else {
      return .invalid("is not a phone number in E.164 format such as +14155551234")
    }
    return .e164(number)
  }

  /// `"; if it is an international number, write it with a + …"` when the digits make one.
  static func hint(_ digits: [UInt8]) -> String {
    guard digits.first != UInt8(ascii: "0"), case .e164(let number) = international(digits, optionalZero: nil) else { return "" }
    return " (if it is an international number, write it with a +: \(number))"
  }

  enum LengthContext {
    case international
    case afterTrunk(String)
    case national
  }

  static func lengthProblem(_ national: [UInt8], country: Country, context: LengthContext) -> String? {
    let (allowed, prefix) = country.allowedLengths(for: national)
    if country.isNANP, national.count == 10 {
      func part(_ range: Range<Int>) -> String { String(decoding: national[range], as: UTF8.self) }
      if national[0] < UInt8(ascii: "2") {
        return "has the area code \(part(0..<3)), and +1 area codes never start with 0 or 1"
      }
      if national[3] < UInt8(ascii: "2") {
        return "has the exchange \(part(3..<6)) (after the area code \(part(0..<3))), and +1 exchanges never start with 0 or 1"
      }
      return nil
    }
    if allowed.contains(national.count) { return nil }
    let has = "has \(national.count) digit\(national.count == 1 ? "" : "s")"
    let lengths = describe(allowed)
    switch context {
    case .international:
      let starting = prefix.isEmpty ? "" : " starting \(prefix)"
      return "\(has) after +\(country.callingCode); \(country.numbersName)\(starting) have \(lengths)"
    case .afterTrunk(let trunk):
      let starting = prefix.isEmpty ? "" : " starting \(trunk)\(prefix)"
      return "\(has) after the trunk \(trunk); \(country.code) numbers\(starting) have \(lengths) after it"
    case .national:
      if country.isNANP { return "\(has); \(country.code) numbers have 10 (11 with the leading 1)" }
      let starting = prefix.isEmpty ? "" : " starting \(prefix)"
      let trunk = country.trunkPrefixes.first.map { " without the trunk \($0)" } ?? ""
      return "\(has); \(country.code) numbers\(starting) have \(lengths)\(trunk)"
    }
  }

  static func describe(_ lengths: ClosedRange<Int>) -> String {
    switch lengths.count {
    case 1: "\(lengths.lowerBound)"
    case 2: "\(lengths.lowerBound) or \(lengths.upperBound)"
    default: "\(lengths.lowerBound) to \(lengths.upperBound)"
    }
  }
}

extension StringProtocol {
  fileprivate var trimmingWhitespace: String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
      let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
    else { return "" }
    return String(String.UnicodeScalarView(scalars[first...last]))
  }
}
