/// A key press, independent of ncurses (the UI translates ncurses codes into these).
///
/// The space bar is always `.space`, never `.character(" ")`, so that a binding written as "Space" matches it.
public enum Key: Hashable, Sendable {
  /// Printable and case-sensitive: "j", "G", "?", "/", ":", "1", "é".
  case character(Character)
  /// Ctrl + a lowercase letter: "C-l" is `.control("l")`. Terminals send the same byte for Ctrl-L and Ctrl-l.
  case control(Character)
  /// Meta/Alt + a printable character, case-sensitive: "M-x" and "M-X" are different keys.
  case alt(Character)
  case up, down, left, right, home, end, pageUp, pageDown
  case enter, escape, tab, backTab, backspace, delete, insert, space
  /// F1...F24.
  case function(Int)
  /// Alt-Enter, Alt-Backspace, Ctrl-Left and Ctrl-Right: the composer's newline, word delete and word jumps.
  case altEnter, altBackspace, controlLeft, controlRight
  /// A bracketed paste as one key, so that a pasted line feed is text rather than Enter.
  case paste(String)
}
