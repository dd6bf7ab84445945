/// Which key runs which command in one key context. Each key runs at most one command; a command may have several
/// keys or none.
public struct Keymap: Sendable, Equatable {
  private var keysByCommand: [CommandName: [Key]]
  private var commandsByKey: [Key: CommandName]
  /// The context's commands in help order, bound or not.
  public private(set) var commands: [CommandName]

  /// Keeps every key exactly as listed, even one listed twice, so that a mistake in a built-in table stays visible to
  /// tests instead of being silently resolved here.
  init(_ bindings: [(command: CommandName, keys: [Key])]) {
    keysByCommand = [:]
    commandsByKey = [:]
    commands = []
    for (command, keys) in bindings {
      if keysByCommand[command] == nil { commands.append(command) }
      keysByCommand[command, default: []] += keys
      for key in keys where commandsByKey[key] == nil {
        commandsByKey[key] = command
      }
    }
  }

  public func command(for key: Key) -> CommandName? {
    commandsByKey[key]
  }

  /// The keys bound to a command, in the order given (for help and the status bar hints).
  public func keys(for command: CommandName) -> [Key] {
    keysByCommand[command] ?? []
  }

  /// Every command with its keys, grouped and ordered for the help overlay (generated from the live keymap, never hard-coded).
  /// Unbound commands are listed too, so the help still tells people they exist and can be run from the `:` prompt.
  public var helpSections: [(group: String, entries: [(command: CommandName, keys: [Key])])] {
    var groups: [String] = CommandName.groupOrder.filter { group in commands.contains { $0.group == group } }
    for command in commands where !groups.contains(command.group) { groups.append(command.group) }
    return groups.map { group in
      (group: group, entries: commands.filter { $0.group == group }.map { (command: $0, keys: keys(for: $0)) })
    }
  }

  /// Makes `keys` the only keys of `command`. A key another command had is taken away from it, because the newest
  /// binding is the one the user means.
  mutating func bind(_ command: CommandName, to keys: [Key]) {
    var uniqueKeys: [Key] = []
    for key in keys where !uniqueKeys.contains(key) {
      uniqueKeys.append(key)
    }
    for oldKey in self.keys(for: command) {
      commandsByKey[oldKey] = nil
    }
    for key in uniqueKeys {
      if let previousOwner = commandsByKey[key], previousOwner != command {
        keysByCommand[previousOwner]?.removeAll { $0 == key }
      }
      commandsByKey[key] = command
    }
    if !commands.contains(command) { commands.append(command) }
    keysByCommand[command] = uniqueKeys
  }
}
