/// popp-console's version, set here and nowhere else: `--version`, `doctor`, the User-Agent of every request, and
/// what the hub and its consoles tell each other. (In PoppAPI, the lowest layer, so the client's User-Agent can say
/// it; the console's layers see it through ConsoleCore.)
public enum PoppConsoleVersion {
  public static let current = "0.9.0"
  /// How it introduces itself to a hub: `popp-console/0.9.0`.
  public static var app: String { "popp-console/\(current)" }
  /// The User-Agent of its requests: `popp-console/0.9.0 (linux; swift 6.3)`.
  public static var userAgent: String { "\(app) (\(platform); swift \(swiftVersion))" }

  static var platform: String {
    #if os(Linux)
      "linux"
    #elseif os(macOS)
      "macos"
    #else
      "unknown"
    #endif
  }

  /// The language version the binary was built with, major.minor.
  static var swiftVersion: String {
    #if swift(>=7.0)
      "7"
    #elseif swift(>=6.4)
      "6.4"
    #elseif swift(>=6.3)
      "6.3"
    #elseif swift(>=6.2)
      "6.2"
    #else
      "6"
    #endif
  }
}
