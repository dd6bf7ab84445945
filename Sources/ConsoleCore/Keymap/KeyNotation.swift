/// The written form of keys, shared by config files, the help overlay and status bar hints.
extension Key {
  /// Parses the notation used in config files and help: "j", "G", "Enter", "Esc", "Tab", "S-Tab" (also "BackTab"),
  /// "C-l" (also "Ctrl-l", "^L"), "M-x"/"A-x"/"Alt-x", "Up", "Down", "Left", "Right", "Home", "End", "PgUp"/"PageUp",
  /// "PgDn"/"PageDown", "Space", "Backspace", "Delete"/"Del", "Insert", "F1".."F24", "M-Enter", "M-Backspace", "C-Left",
  /// "C-Right", and a single printable character.
  /// Case-insensitive for names, case-sensitive for single characters. Returns nil for anything else.
  public init?(notation: String) {
    if notation.count == 1, let only = notation.first {
      guard let key = Key.singleCharacter(only) else { return nil }
      self = key
      return
    }
    let lowercased = notation.lowercased()
    if let named = Key.namedKeys[lowercased] {
      self = named
    } else if let key = Key.modifiedNamedKeys[Key.normalizedModifier(lowercased)]
      ?? Key.controlKey(notation) ?? Key.altKey(notation) ?? Key.functionKey(lowercased)
    {
      self = key
    } else {
      return nil
    }
  }

  /// The canonical notation, as shown in help: "j", "G", "Enter", "Esc", "S-Tab", "C-l", "M-x", "PgDn", "F5", "Space".
  /// A paste shows as "Paste" and cannot be bound.
  public var notation: String {
    switch self {
    case .character(" "): "Space"
    case .character(let character): String(character)
    case .control(let character): "C-\(character)"
    case .alt(" "): "M-Space"
    case .alt(let character): "M-\(character)"
    case .up: "Up"
    case .down: "Down"
    case .left: "Left"
    case .right: "Right"
    case .home: "Home"
    case .end: "End"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .enter: "Enter"
    case .escape: "Esc"
    case .tab: "Tab"
    case .backTab: "S-Tab"
    case .backspace: "Backspace"
    case .delete: "Del"
    case .insert: "Insert"
    case .space: "Space"
    case .function(let number): "F\(number)"
    case .altEnter: "M-Enter"
    case .altBackspace: "M-Backspace"
    case .controlLeft: "C-Left"
    case .controlRight: "C-Right"
    case .paste: "Paste"
    }
  }

  /// Spellings people already know from other tools, so a config copied from vim, tmux or emacs habits just works.
  private static let namedKeys: [String: Key] = [
    "enter": .enter, "return": .enter,
    "esc": .escape, "escape": .escape,
    "tab": .tab,
    "s-tab": .backTab, "shift-tab": .backTab, "backtab": .backTab,
    "up": .up, "down": .down, "left": .left, "right": .right,
    "home": .home, "end": .end,
    "pgup": .pageUp, "pageup": .pageUp,
    "pgdn": .pageDown, "pagedown": .pageDown,
    "space": .space,
    "backspace": .backspace,
    "delete": .delete, "del": .delete,
    "insert": .insert, "ins": .insert,
  ]

  private static let controlPrefixes = ["c-", "ctrl-", "control-", "^"]
  private static let altPrefixes = ["m-", "a-", "alt-", "meta-"]

  /// Named keys with a modifier, looked up after `normalizedModifier` ("Alt-Return" → "m-return").
  private static let modifiedNamedKeys: [String: Key] = [
    "m-enter": .altEnter, "m-return": .altEnter,
    "m-backspace": .altBackspace,
    "c-left": .controlLeft, "c-right": .controlRight,
  ]

  /// A lowercased notation with its modifier prefix spelled "c-" or "m-", so each alias needs no table entry.
  private static func normalizedModifier(_ lowercased: String) -> String {
    if let prefix = controlPrefixes.first(where: { lowercased.hasPrefix($0) }) { return "c-" + lowercased.dropFirst(prefix.count) }
    if let prefix = altPrefixes.first(where: { lowercased.hasPrefix($0) }) { return "m-" + lowercased.dropFirst(prefix.count) }
    return lowercased
  }

  private static func singleCharacter(_ character: Character) -> Key? {
    if character == " " { return .space }
    return character.isPrintableKey ? .character(character) : nil
  }

  /// Only letters: Ctrl with anything else is not portable across terminals.
  private static func controlKey(_ notation: String) -> Key? {
    guard let rest = remainder(of: notation, afterAnyOf: controlPrefixes), rest.count == 1, let letter = rest.first,
      letter.isASCII, letter.isLetter
    else { return nil }
    return .control(Character(letter.lowercased()))
  }

  private static func altKey(_ notation: String) -> Key? {
    guard let rest = remainder(of: notation, afterAnyOf: altPrefixes) else { return nil }
    if rest.lowercased() == "space" { return .alt(" ") }
    guard rest.count == 1, let character = rest.first, character.isPrintableKey else { return nil }
    return .alt(character)
  }

  private static func functionKey(_ lowercased: String) -> Key? {
    guard lowercased.hasPrefix("f") else { return nil }
    let digits = lowercased.dropFirst()
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits), (1...24).contains(number)
    else { return nil }
    return .function(number)
  }

  /// The part after a modifier prefix, keeping its case (the character after "M-" is case-sensitive).
  private static func remainder(of notation: String, afterAnyOf prefixes: [String]) -> Substring? {
    let lowercased = notation.lowercased()
    guard let prefix = prefixes.first(where: { lowercased.hasPrefix($0) }) else { return nil }
    return notation.dropFirst(prefix.count)
  }
}

extension Character {
  /// Whether a key press can produce this character on its own; rejects controls, invisible formatting and whitespace,
  /// which would be unreadable in help and could never be typed as one key.
  fileprivate var isPrintableKey: Bool {
    guard let first = unicodeScalars.first, !isWhitespace else { return false }
    switch first.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator,
      .nonspacingMark, .enclosingMark:
      return false
    default:
      return true
    }
  }
}
