/// `:audit`: the newest entries of the audit log, newest last.
public struct AuditMode: ConsoleMode, Hashable {
  public var entries: [AuditEntry]
  /// Lines up from the end.
  public var scroll = 0

  public init(entries: [AuditEntry]) { self.entries = entries }

  public var keyContexts: [KeyContext] { [.pager] }

  public mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    if command == .close { return .close }
    if let moved = console.scrolled(scroll, by: command, limit: scrollLimit(console.viewport), reversed: true) { scroll = moved }
    return .stay
  }

  public mutating func fit(_ console: AppState) { scroll = min(scroll, scrollLimit(console.viewport)) }

  /// Rows of entries the log's box holds: the box less its title and footer.
  public static func rows(_ viewport: Viewport) -> Int { viewport.auditBox.rows - 2 }

  /// Scrolled up until the oldest entry is on the first row, and no further.
  private func scrollLimit(_ viewport: Viewport) -> Int { max(entries.count - Self.rows(viewport), 0) }

  /// The key that opened the log closes it too.
  public func type(_ key: Key, console: inout AppState) -> ModeOutcome {
    console.bindings.command(for: key, in: console.paneKeyContexts) == .audit ? .close : .stay
  }
}
