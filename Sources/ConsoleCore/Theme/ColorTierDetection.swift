/// Picks the colour tier from what ncurses reports, so this decision is testable without a terminal.
public enum ColorTierDetection: Sendable {
  /// - Parameters:
  ///   - colors: ncurses' `COLORS` after `start_color()`.
  ///   - hasColors: ncurses' `has_colors()`.
  ///   - environment: the process environment; `NO_COLOR` set to anything but the empty string forces `.monochrome`
  ///     (https://no-color.org).
  public static func tier(colors: Int, hasColors: Bool, environment: [String: String]) -> ColorTier {
    if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
    guard hasColors else { return .monochrome }
    // `COLORTERM=truecolor` is deliberately ignored: without a direct-colour terminfo ncurses can only address
    // palette indices, so RGB values would have nowhere to go. Such terminfos report 2^24 colours.
    switch colors {
    case (1 << 24)...: return .trueColor
    case 256...: return .c256
    case 16...: return .c16
    case 8...: return .c8
    default: return .monochrome
    }
  }
}
