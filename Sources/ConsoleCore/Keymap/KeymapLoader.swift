import TOMLKit

/// Reads the `[keymap]` table of a config file.
public enum KeymapLoader {
  /// Applies the `[keymap]` table of the config document on top of `base`. Each entry is `command = "key"` or
  /// `command = ["key", "key"]` and REPLACES that command's default keys ("" or [] unbinds it). A default binding of another
  /// command that a rebinding steals is removed from that other command (this is not a conflict); two entries in the file that
  /// bind the same key is a conflict. Returns the resulting keymap and every problem found (unknown command names, bad key
  /// notation, conflicts, wrong value types), each naming the file and line; entries with problems are skipped, the rest applied.
  /// A document with no [keymap] table gives `base` unchanged, and so does one that is not valid TOML (the document reports
  /// its syntax error, once for all readers).
  public static func apply(from document: ConfigDocument, to base: Keymap = .defaults) -> (
    keymap: Keymap, problems: [ConfigProblem]
  ) {
    guard let keymapValue = document["keymap"] else { return (base, []) }

    guard let keymapTable = keymapValue.table else {
      let message = #"keymap must be a table: a [keymap] section with lines like quit = "q""#
      return (base, [document.problem(at: ["keymap"], message)])
    }

    var reader = EntryReader(file: document.file)
    for entry in entries(of: keymapTable, inFileOrder: document.locator) {
      reader.read(name: entry.name, value: entry.value, line: entry.line)
    }
    var keymap = base
    for binding in reader.accepted {
      keymap.bind(binding.command, to: binding.keys)
    }
    return (keymap, reader.problems)
  }

  /// File order matters: in a conflict the later entry is the one reported and skipped, as a reader of the file expects.
  private static func entries(of table: TOMLTable, inFileOrder locator: TOMLKeyLocator)
    -> [(name: String, value: any TOMLValueConvertible, line: Int?)]
  {
    let entries = table.map { name, value in
      (name: name, value: value, location: locator.location(of: ["keymap", name]))
    }
    let ordered = entries.sorted { first, second in
      switch (first.location, second.location) {
      case (let firstLocation?, let secondLocation?): firstLocation.order < secondLocation.order
      case (.some, nil): true
      case (nil, .some): false
      case (nil, nil): first.name < second.name
      }
    }
    return ordered.map { (name: $0.name, value: $0.value, line: $0.location?.line) }
  }
}

/// Checks entries one at a time, in file order, remembering which keys earlier entries claimed.
private struct EntryReader {
  let file: String
  private(set) var accepted: [(command: CommandName, keys: [Key])] = []
  private(set) var problems: [ConfigProblem] = []
  private var commandClaimingKey: [Key: CommandName] = [:]

  init(file: String) {
    self.file = file
  }

  mutating func read(name: String, value: any TOMLValueConvertible, line: Int?) {
    guard let command = CommandName(rawValue: name) else {
      report(KeymapMessages.unknownCommand(name), line: line)
      return
    }
    guard let notations = Self.notations(in: value) else {
      report(KeymapMessages.wrongValueType(command), line: line)
      return
    }
    var keys: [Key] = []
    var entryIsValid = true
    for notation in notations {
      guard let key = Key(notation: notation) else {
        report(KeymapMessages.notAKey(notation), line: line)
        entryIsValid = false
        continue
      }
      if let owner = commandClaimingKey[key], owner != command {
        report(KeymapMessages.conflict(key, owner, command), line: line)
        entryIsValid = false
      }
      keys.append(key)
    }
    guard entryIsValid else { return }
    for key in keys {
      commandClaimingKey[key] = command
    }
    accepted.append((command: command, keys: keys))
  }

  /// A single string is one key and "" unbinds; a list must hold only strings. Nil means the value has the wrong shape.
  private static func notations(in value: any TOMLValueConvertible) -> [String]? {
    if let single = value.string { return single.isEmpty ? [] : [single] }
    guard let array = value.array else { return nil }
    var notations: [String] = []
    for element in array {
      guard let notation = element.string else { return nil }
      notations.append(notation)
    }
    return notations
  }

  private mutating func report(_ message: String, line: Int?) {
    problems.append(ConfigProblem(file: file, line: line, message: message))
  }
}
