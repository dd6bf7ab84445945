/// Something wrong in the config file, phrased for the person who wrote it. Every section's
/// reader reports through this one type, so each mistake names the file and line alike.
public struct ConfigProblem: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file as the user should recognise it, e.g. "~/.config/popp-console/config.toml".
  public var file: String
  /// 1-based; nil when the place cannot be found in the text.
  public var line: Int?
  public var message: String

  public init(file: String, line: Int?, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// "config.toml:14: unknown command …", the compiler-like shape editors can jump to.
  public var description: String {
    if let line { return "\(file):\(line): \(message)" }
    return "\(file): \(message)"
  }
}

extension [ConfigProblem] {
  /// In the order of the file, as a reader goes through it; a problem without a line comes first,
  /// since it concerns the whole file.
  public func inFileOrder() -> [ConfigProblem] {
    enumerated().sorted { first, second in
      let (firstLine, secondLine) = (first.element.line ?? 0, second.element.line ?? 0)
      return firstLine != secondLine ? firstLine < secondLine : first.offset < second.offset
    }.map(\.element)
  }
}
