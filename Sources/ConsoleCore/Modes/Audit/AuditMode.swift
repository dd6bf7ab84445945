/// `:audit`: the newest entries of the audit log, newest last.
public struct AuditMode: ConsoleMode, Hashable {
  public var entries: [AuditEntry]
  /// Lines up from the end.
  public var scroll = 0

  public init(entries: [AuditEntry]) { self.entries = entries }

  public var keyContexts: [KeyContext] { [.pager] }

  public mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    let page = max(console.pageSize, 1)
    switch command {
    case .close: return .close
    case .moveUp: scroll += 1
    case .moveDown: scroll -= 1
    case .pageUp: scroll += page
    case .pageDown: scroll -= page
    case .moveTop: scroll = entries.count
    case .moveBottom: scroll = 0
    default: return .stay
    }
    scroll = min(max(scroll, 0), max(entries.count - 1, 0))
    return .stay
  }
}
