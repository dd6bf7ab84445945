/// A colour as the UI hands it to ncurses.
public enum TerminalColor: Sendable, Hashable {
  /// The terminal's own foreground or background (`use_default_colors()`, colour -1).
  case terminalDefault
  /// A palette index, 0...255; never above 15 in `.c16` nor above 7 in `.c8`.
  case indexed(Int)
  /// A 24-bit colour; only ever returned for `.trueColor`, where every colour a theme names is given as RGB
  /// because a direct-colour terminfo addresses colours by their RGB value, not by palette index.
  case rgb(UInt8, UInt8, UInt8)
}
