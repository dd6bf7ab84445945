/// popp-console's version, set here and nowhere else: what the hub and its consoles tell each other (and, later,
/// `--version`, `doctor` and the User-Agent).
public enum PoppConsoleVersion {
  public static let current = "0.9.0"
  /// How it introduces itself: `popp-console/0.9.0`.
  public static var app: String { "popp-console/\(current)" }
}
