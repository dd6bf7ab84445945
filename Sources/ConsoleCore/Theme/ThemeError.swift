/// Why a theme file could not be used, precise enough to fix it without reading the parser:
/// `themes/broken.toml:12: role "list.selected": fg "#zz0000" is not a colour (use #rrggbb, 0-255 or a colour name)`.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The file as the user named it or as it was found.
  public var file: String
  /// 1-based line of the offending key, when it can be located.
  public var line: Int?
  /// The role being read, when the problem is inside one.
  public var role: String?
  public var message: String

  public init(file: String, line: Int? = nil, role: String? = nil, message: String) {
    self.file = file
    self.line = line
    self.role = role
    self.message = message
  }

  public var description: String {
    var location = file
    if let line { location += ":\(line)" }
    guard let role else { return "\(location): \(message)" }
    return "\(location): role \"\(role)\": \(message)"
  }
}
