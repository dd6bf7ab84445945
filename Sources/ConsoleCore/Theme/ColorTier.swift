/// How many colours the terminal offers. The UI decides it once at start-up (see `ColorTierDetection`) and asks the
/// theme for styles in that tier, so a theme written in true colour still reads well on an 8-colour terminal.
public enum ColorTier: Sendable, Hashable, CaseIterable {
  /// 24-bit colour, only when ncurses runs a direct-colour terminfo (it can then address any RGB value).
  case trueColor
  /// The xterm 256-colour palette.
  case c256
  /// The 16 ANSI colours (8 plus their bright variants).
  case c16
  /// The 8 basic ANSI colours.
  case c8
  /// No colours at all: attributes only (also what `NO_COLOR` asks for).
  case monochrome
}
