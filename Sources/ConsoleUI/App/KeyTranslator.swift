import CNCurses
import ConsoleCore

/// ncurses key codes to `Key`s. A lone Esc followed at once by a character is Alt+character
/// (terminals send Alt that way); ESCDELAY keeps a real Esc from waiting long.
enum KeyTranslator {
  static func translate(_ raw: [RawKey]) -> [Key] {
    var keys: [Key] = []
    var index = 0
    while index < raw.count {
      defer { index += 1 }
      if raw[index] == .character(27), index + 1 < raw.count, case .character(let next) = raw[index + 1], next >= 0x20, next != 0x7F,
        let scalar = Unicode.Scalar(next)
      {
        keys.append(.alt(Character(scalar)))
        index += 1
        continue
      }
      if let key = translate(raw[index]) { keys.append(key) }
    }
    return keys
  }

  static func translate(_ raw: RawKey) -> Key? {
    switch raw {
    case .character(let value):
      switch value {
      case 9: return .tab
      case 10, 13: return .enter
      case 27: return .escape
      case 8, 127: return .backspace
      case 32: return .space
      case 1...26: return .control(Character(Unicode.Scalar(value + 96)!))
      case 0, 28...31: return nil
      default: return Unicode.Scalar(value).map { .character(Character($0)) }
      }
    case .function(let code):
      switch code {
      case KEY_UP: return .up
      case KEY_DOWN: return .down
      case KEY_LEFT: return .left
      case KEY_RIGHT: return .right
      case KEY_HOME: return .home
      case KEY_END: return .end
      case KEY_NPAGE: return .pageDown
      case KEY_PPAGE: return .pageUp
      case KEY_BTAB: return .backTab
      case KEY_ENTER: return .enter
      case KEY_BACKSPACE: return .backspace
      case KEY_DC: return .delete
      case KEY_IC: return .insert
      default:
        let f0 = cn_key_f(0)
        if code > f0 && code <= f0 + 24 { return .function(Int(code - f0)) }
        return nil
      }
    }
  }
}
