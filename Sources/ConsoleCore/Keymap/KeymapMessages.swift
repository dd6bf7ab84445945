/// The wording of keymap problems. Each one says what is wrong and how to write it instead, because the reader is a
/// recruiter editing a config file, not a developer reading a stack trace.
enum KeymapMessages {
  static func unknownCommand(_ name: String) -> String {
    if let intended = likelyIntended(name) {
      return "unknown command \"\(name)\" (did you mean \(intended.rawValue)?)"
    }
    return "unknown command \"\(name)\" (see popp-console --help or :help)"
  }

  static func notAKey(_ notation: String) -> String {
    "\"\(notation)\" is not a key (examples: j, G, Enter, C-l, S-Tab, F5)"
  }

  static func conflict(_ key: Key, _ earlier: CommandName, _ later: CommandName) -> String {
    "key \"\(key.notation)\" is bound to both \(earlier.rawValue) and \(later.rawValue)"
  }

  static func wrongValueType(_ command: CommandName) -> String {
    let name = command.rawValue
    return "\(name) must be a key in quotes or a list of them, like \(name) = \"j\" or \(name) = [\"j\", \"Down\"]"
  }

  /// Catches the usual slips (move_down, MoveDown, "move down") without guessing wildly at real typos.
  private static func likelyIntended(_ name: String) -> CommandName? {
    let squashed = squash(name)
    return CommandName.allCases.first { squash($0.rawValue) == squashed }
  }

  private static func squash(_ name: String) -> String {
    String(name.lowercased().filter { $0.isLetter || $0.isNumber })
  }
}
