/// Turns a phone number as people write it (`07700 900123`, `(415) 555-1234`,
/// `0044 7700 900123`) into E.164 (`+447700900123`), using a default country for numbers
/// written in national format.
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

  public func normalize(_ text: String) -> Outcome {
    let digits = text.filter { $0.isASCII && $0.isNumber }
    // Placeholder until national formats land: only international numbers are read.
    let candidate = "+" + digits
    return ContactRules.isE164(candidate)
      ? .e164(candidate) : .invalid("is not a phone number in E.164 format such as +14155551234")
  }
}
