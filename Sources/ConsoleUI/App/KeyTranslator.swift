import CNCurses
import ConsoleCore

/// ncurses key codes to `Key`s. A lone Esc followed at once by a character is Alt+character
/// (terminals send Alt that way); ESCDELAY keeps a real Esc from waiting long.
///
/// It keeps state between reads because a bracketed paste (ESC [ 200 ~ … ESC [ 201 ~) can arrive
/// over many of them and must come out as one `.paste`, so that a pasted line feed never sends.
struct KeyTranslator {
  /// The codes ncurses gives Ctrl-Left and Ctrl-Right (terminfo kLFT5/kRIT5), where the terminal has them.
  var controlLeftCode: Int32?
  var controlRightCode: Int32?
  /// The paste being received, nil outside one.
  private var paste: String.UnicodeScalarView?
  private var pasteAfterReturn = false
  /// The beginning of a paste marker cut off at the end of a read, finished by the next one.
  private var pending: [RawKey] = []

  private static let escape: UInt32 = 27
  private static let pasteEnd: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]

  init(controlLeftCode: Int32? = nil, controlRightCode: Int32? = nil) {
    self.controlLeftCode = controlLeftCode
    self.controlRightCode = controlRightCode
  }

  /// A translator that knows the running terminal's extra key codes (ncurses must have started).
  static func forTerminal() -> KeyTranslator {
    let left = cn_key_code("kLFT5")
    let right = cn_key_code("kRIT5")
    return KeyTranslator(controlLeftCode: left > 0 ? left : nil, controlRightCode: right > 0 ? right : nil)
  }

  /// One read's worth of keys, translated as one batch, with nothing left over for a next read.
  static func translate(_ raw: [RawKey]) -> [Key] {
    var translator = forTerminal()
    return translator.keys(from: raw) + translator.finish()
  }

  /// The keys in `raw`, which continues what earlier calls left unfinished (a paste, a cut-off marker).
  mutating func keys(from raw: [RawKey]) -> [Key] {
    let input = pending.isEmpty ? raw : pending + raw
    pending = []
    var keys: [Key] = []
    var index = 0
    while index < input.count {
      if paste != nil {
        if let text = receivePaste(input[index]) { keys.append(.paste(text)) }
        index += 1
        continue
      }
      if input[index] == .character(Self.escape) {
        switch escapeSequence(in: input, at: index) {
        case .key(let key, let length):
          if let key { keys.append(key) }
          index += length
          continue
        case .incomplete:
          pending = Array(input[index...])
          return keys
        case .none:
          break
        }
      }
      if let key = translate(input[index]) { keys.append(key) }
      index += 1
    }
    return keys
  }

  /// Gives up waiting: a paste whose end never came is delivered as it is, a cut-off marker as keys.
  mutating func finish() -> [Key] {
    var keys: [Key] = []
    if let paste {
      keys.append(.paste(String(paste)))
      self.paste = nil
    }
    // Only the start of a paste marker is ever held back ("ESC [ 2", "ESC [ 20", "ESC [ 200"): Alt-[ and digits.
    if pending.count >= 2 {
      keys.append(.alt("["))
      keys += pending.dropFirst(2).compactMap { translate($0) }
    }
    pending = []
    return keys
  }

  private enum EscapeResult {
    /// A key (or nil for a sequence that means nothing here) taking `length` raw keys.
    case key(Key?, length: Int)
    /// The read ended inside what may be a paste marker.
    case incomplete
    /// Not a sequence: Esc on its own.
    case none
  }

  /// What starts with the Esc at `index`: a CSI sequence ncurses left raw (paste markers, Ctrl-arrows on terminals
  /// whose terminfo lacks them), or Alt with a key.
  private mutating func escapeSequence(in input: [RawKey], at index: Int) -> EscapeResult {
    guard index + 1 < input.count else { return .none }
    switch input[index + 1] {
    case .character(0x5B):  // "["
      var end = index + 2
      var parameters = ""
      while end < input.count, case .character(let value) = input[end], (0x30...0x3F).contains(value) {
        parameters.unicodeScalars.append(Unicode.Scalar(UInt8(value)))
        end += 1
      }
      guard end < input.count else {
        return !parameters.isEmpty && "200".hasPrefix(parameters) ? .incomplete : .key(.alt("["), length: 2)
      }
      guard case .character(let final) = input[end], (0x40...0x7E).contains(final) else { return .key(.alt("["), length: 2) }
      let length = end - index + 1
      switch (parameters, Unicode.Scalar(UInt8(final))) {
      case ("200", "~"):
        paste = String.UnicodeScalarView()
        pasteAfterReturn = false
        return .key(nil, length: length)
      case ("1;5", "D"), ("5", "D"): return .key(.controlLeft, length: length)
      case ("1;5", "C"), ("5", "C"): return .key(.controlRight, length: length)
      // Anything else the terminal sends (a stray paste end, focus reports) must not be typed as text.
      default: return .key(nil, length: length)
      }
    case .character(10), .character(13): return .key(.altEnter, length: 2)
    case .character(8), .character(127): return .key(.altBackspace, length: 2)
    case .character(let next) where next >= 0x20:
      guard let scalar = Unicode.Scalar(next) else { return .none }
      return .key(.alt(Character(scalar)), length: 2)
    case .function(KEY_BACKSPACE): return .key(.altBackspace, length: 2)
    case .function(KEY_ENTER): return .key(.altEnter, length: 2)
    default: return .none
    }
  }

  /// Adds a key to the paste; returns the whole paste once its end marker has arrived. Line breaks become line feeds
  /// (terminals paste them as CR); keys ncurses decoded from pasted escape sequences are dropped.
  private mutating func receivePaste(_ raw: RawKey) -> String? {
    guard case .character(let value) = raw else {
      if raw == .function(KEY_ENTER) { paste?.append("\n") }
      pasteAfterReturn = false
      return nil
    }
    let afterReturn = pasteAfterReturn
    pasteAfterReturn = value == 13
    switch value {
    case 13: paste?.append("\n")
    case 10: if !afterReturn { paste?.append("\n") }
    default:
      guard let scalar = Unicode.Scalar(value) else { return nil }
      paste?.append(scalar)
      guard value == 0x7E, var text = paste, text.suffix(Self.pasteEnd.count).elementsEqual(Self.pasteEnd)
      else { return nil }
      text.removeLast(Self.pasteEnd.count)
      paste = nil
      return String(text)
    }
    return nil
  }

  func translate(_ raw: RawKey) -> Key? {
    if case .function(let code) = raw {
      if code == controlLeftCode { return .controlLeft }
      if code == controlRightCode { return .controlRight }
    }
    return Self.translate(raw)
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
