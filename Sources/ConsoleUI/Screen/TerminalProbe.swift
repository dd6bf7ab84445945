import CNCurses
import ConsoleCore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// What `doctor` reports about the terminal, read without starting the screen.
public enum TerminalProbe {
  /// The terminfo colour count of `term`; nil when terminfo does not know the type.
  public static func colors(term: String) -> Int? {
    let count = cn_terminfo_colors(term)
    return count < 0 ? nil : Int(count)
  }

  /// The window's size, or nil when standard output is not a terminal.
  public static func size() -> (rows: Int, columns: Int)? {
    var window = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_row > 0 else { return nil }
    return (Int(window.ws_row), Int(window.ws_col))
  }

  /// Whether text can be UTF-8 (falling back to C.UTF-8 as the console does) and the locale in use.
  public static func locale() -> (utf8: Bool, name: String) {
    let utf8 = TextWidth.prepareLocale()
    let name = setlocale(LC_CTYPE, nil).map { String(cString: $0) } ?? "?"
    return (utf8, name)
  }
}
