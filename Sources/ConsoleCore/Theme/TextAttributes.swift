/// Character attributes of a style; the UI maps each to its `A_*` / `WA_*` counterpart.
public struct TextAttributes: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8

  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let bold = TextAttributes(rawValue: 1 << 0)
  public static let dim = TextAttributes(rawValue: 1 << 1)
  public static let underline = TextAttributes(rawValue: 1 << 2)
  public static let reverse = TextAttributes(rawValue: 1 << 3)
  public static let italic = TextAttributes(rawValue: 1 << 4)
  public static let standout = TextAttributes(rawValue: 1 << 5)
}

extension TextAttributes {
  /// The spelling of each attribute in theme files, in the order error messages list them.
  static let namesInThemeFiles: [(name: String, attribute: TextAttributes)] = [
    ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse), ("italic", .italic),
    ("standout", .standout),
  ]
}
