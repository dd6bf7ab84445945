/// Every context's keymap: what the console looks a key up in, and where every hint on screen takes its key from.
public struct Bindings: Sendable, Equatable {
  private var keymaps: [KeyContext: Keymap]

  public static let defaults = Bindings()

  public init() {
    keymaps = Dictionary(uniqueKeysWithValues: KeyContext.allCases.map { ($0, Keymap($0.defaultBindings)) })
  }

  /// One context's keys, without its parents'.
  public subscript(context: KeyContext) -> Keymap {
    get { keymaps[context] ?? Keymap([]) }
    set { keymaps[context] = newValue }
  }

  /// The command a key runs in the first of `contexts` that binds it.
  public func command(for key: Key, in contexts: [KeyContext]) -> CommandName? {
    for context in contexts {
      if let command = self[context].command(for: key) { return command }
    }
    return nil
  }

  public func command(for key: Key, in context: KeyContext) -> CommandName? {
    command(for: key, in: context.chain)
  }

  /// The keys that run `command` in `contexts`: each context's keys for it that no nearer context takes for another
  /// command. Nearer contexts' keys come first.
  public func keys(for command: CommandName, in contexts: [KeyContext]) -> [Key] {
    var keys: [Key] = []
    for context in contexts {
      for key in self[context].keys(for: command) where !keys.contains(key) && self.command(for: key, in: contexts) == command {
        keys.append(key)
      }
    }
    return keys
  }

  public func keys(for command: CommandName, in context: KeyContext) -> [Key] {
    keys(for: command, in: context.chain)
  }

  /// How a hint on screen names the key of `command`: its first key ("y", "C-s"); when no key runs it, `:name` for a
  /// pane command (the prompt runs it) and "(unbound)" for another.
  public func key(for command: CommandName, in contexts: [KeyContext]) -> String {
    keys(for: command, in: contexts).first?.notation ?? Self.unbound(command)
  }

  static func unbound(_ command: CommandName) -> String {
    CommandName.allCases.contains(command) ? ":" + command.rawValue : "(unbound)"
  }

  public func key(for command: CommandName, in context: KeyContext) -> String {
    key(for: command, in: context.chain)
  }

}

extension Bindings {
  /// The old `[composer]` table: its keys become the `composer` context's `send` and `newline`.
  public mutating func useComposerKeys(_ keys: ComposerKeys) {
    self[.composer].bind(ComposerCommands.send, to: keys.send)
    self[.composer].bind(ComposerCommands.newline, to: keys.newline)
  }
}
