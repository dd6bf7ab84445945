/// One problem with a request, named by the path of the offending field
/// (`campaignTitle`, `questions[1].content`, `contacts[3].phoneNumber`).
public struct FieldError: Error, Hashable, Sendable, Codable, CustomStringConvertible {
  public var path: String
  public var message: String

  public init(_ path: String, _ message: String) {
    self.path = path
    self.message = message
  }

  /// The top-level field: `questions` for `questions[1].content`.
  public var field: String {
    String(path.prefix { $0 != "[" && $0 != "." })
  }

  /// The text the server sends and the console shows: the path, then the problem.
  public var description: String { "\(path) \(message)" }

  /// The field a server error names, read from the start of its text (the sandbox and
  /// this client's validation both lead with the field).
  public static func fieldNamed<Field: RawRepresentable & CaseIterable>(
    in errorText: String, among fields: Field.Type
  ) -> Field? where Field.RawValue == String {
    let leading = errorText.prefix { $0.isLetter || $0.isNumber }
    return Field.allCases.first { $0.rawValue == leading }
  }
}
