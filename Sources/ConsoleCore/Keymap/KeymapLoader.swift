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
    // `[keymap.<context>]` tables are the contexts' (see `bindings(from:)`, which also names an unknown one);
    // `[keymap.global]` is this table too.
    for entry in entries(of: keymapTable, at: ["keymap"], inFileOrder: document.locator)
    where !(entry.value.table != nil && CommandName(rawValue: entry.name) == nil) {
      reader.read(name: entry.name, value: entry.value, line: entry.line)
    }
    if let global = keymapTable["global"]?.table {
      for entry in entries(of: global, at: ["keymap", "global"], inFileOrder: document.locator) {
        reader.read(name: entry.name, value: entry.value, line: entry.line)
      }
    }
    var keymap = base
    for binding in reader.accepted {
      keymap.bind(binding.command, to: binding.keys)
    }
    return (keymap, reader.problems)
  }

  /// Every context's keys: `[keymap]` (also spelled `[keymap.global]`) for the panes, `[composer]`'s send and newline,
  /// then each `[keymap.<context>]` table over that context's defaults. A context table binds the commands of the
  /// context and of its parents (to override them there only); a key bound twice in one table, or shadowing a key the
  /// panes' keymap gives another command in a context that falls back to it, is reported with its line and skipped,
  /// so that command keeps its default keys in that context.
  public static func bindings(from document: ConfigDocument, composerKeys: ComposerKeys = ComposerKeys()) -> (
    bindings: Bindings, problems: [ConfigProblem]
  ) {
    var bindings = Bindings.defaults
    let (global, globalProblems) = apply(from: document)
    bindings[.global] = global
    bindings.useComposerKeys(composerKeys)
    var problems = globalProblems
    guard let keymapTable = document["keymap"]?.table else { return (bindings, problems) }
    for entry in entries(of: keymapTable, at: ["keymap"], inFileOrder: document.locator) {
      guard let table = entry.value.table else { continue }
      guard let context = KeyContext(rawValue: entry.name) else {
        // A table named after a command is that command's mistake, reported by `apply`.
        if CommandName(rawValue: entry.name) == nil {
          let known = KeyContext.allCases.map(\.rawValue).joined(separator: ", ")
          problems.append(
            ConfigProblem(file: document.file, line: entry.line, message: "unknown key context [keymap.\(entry.name)]; known: \(known)"))
        }
        continue
      }
      guard context != .global else { continue }
      var reader = EntryReader(file: document.file, context: context)
      for binding in entries(of: table, at: ["keymap", entry.name], inFileOrder: document.locator) {
        reader.read(name: binding.name, value: binding.value, line: binding.line)
      }
      problems += reader.problems
      var keymap = bindings[context]
      for binding in reader.accepted {
        if context.parents.contains(.global),
          let shadowed = binding.keys.first(where: { key in global.command(for: key).map { $0 != binding.command } ?? false })
        {
          let owner = global.command(for: shadowed)!
          problems.append(
            ConfigProblem(
              file: document.file, line: binding.line,
              message:
                "key \"\(shadowed.notation)\" in [keymap.\(context.rawValue)] would hide \(owner.rawValue) of [keymap]; \(binding.command.rawValue) keeps its keys there"
            ))
          continue
        }
        keymap.bind(binding.command, to: binding.keys)
      }
      bindings[context] = keymap
    }
    return (bindings, problems)
  }

  /// File order matters: in a conflict the later entry is the one reported and skipped, as a reader of the file expects.
  private static func entries(of table: TOMLTable, at path: [String], inFileOrder locator: TOMLKeyLocator)
    -> [(name: String, value: any TOMLValueConvertible, line: Int?)]
  {
    let entries = table.map { name, value in
      (name: name, value: value, location: locator.location(of: path + [name]))
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
  /// The context whose table this is; nil for `[keymap]`, the panes'.
  let context: KeyContext?
  private(set) var accepted: [(command: CommandName, keys: [Key], line: Int?)] = []
  private(set) var problems: [ConfigProblem] = []
  private var commandClaimingKey: [Key: CommandName] = [:]

  init(file: String, context: KeyContext? = nil) {
    self.file = file
    self.context = context
  }

  mutating func read(name: String, value: any TOMLValueConvertible, line: Int?) {
    let known = context.map { context in context.bindableCommands.first { $0.rawValue == name } } ?? CommandName(rawValue: name)
    guard let command = known else {
      if let context {
        let names = context.bindableCommands.map(\.rawValue).joined(separator: ", ")
        report("unknown command \"\(name)\" in [keymap.\(context.rawValue)]; it binds: \(names)", line: line)
      } else {
        report(KeymapMessages.unknownCommand(name), line: line)
      }
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
    accepted.append((command: command, keys: keys, line: line))
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
