/// `:audit`: the newest entries of the audit log, newest last.
public struct AuditMode: ConsoleMode, Hashable {
  public var entries: [AuditEntry]
  /// Lines up from the end.
  public var scroll = 0

  public init(entries: [AuditEntry]) { self.entries = entries }

  public var keyContexts: [KeyContext] { [.pager] }

  public mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    if command == .close { return .close }
    if let moved = console.scrolled(scroll, by: command, limit: entries.count - 1, reversed: true) { scroll = moved }
    return .stay
  }

  /// The key that opened the log closes it too.
  public func type(_ key: Key, console: inout AppState) -> ModeOutcome {
    console.bindings.command(for: key, in: console.paneKeyContexts) == .audit ? .close : .stay
  }
}
