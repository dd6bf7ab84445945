/// A read-only list over the panes, newest last, scrolled up from its end and closed by the key that opened it: the
/// audit log (`A`) and the status bar's messages (`m`).
public protocol LogPagerMode: ConsoleMode {
  /// Lines up from the end.
  var scroll: Int { get set }
  var entryCount: Int { get }
  /// The command that opens it; its key closes it again.
  static var opener: CommandName { get }
}

extension LogPagerMode {
  public var keyContexts: [KeyContext] { [.pager] }

  public mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    if command == .close { return .close }
    if let moved = console.scrolled(scroll, by: command, limit: scrollLimit(console.viewport), reversed: true) { scroll = moved }
    return .stay
  }

  public mutating func fit(_ console: AppState) { scroll = min(scroll, scrollLimit(console.viewport)) }

  public func type(_ key: Key, console: inout AppState) -> ModeOutcome {
    console.bindings.command(for: key, in: console.paneKeyContexts) == Self.opener ? .close : .stay
  }

  /// Rows of entries its box holds: the box less its title and footer.
  public static func rows(_ viewport: Viewport) -> Int { viewport.auditBox.rows - 2 }

  /// Scrolled up until the oldest entry is on the first row, and no further.
  func scrollLimit(_ viewport: Viewport) -> Int { max(entryCount - Self.rows(viewport), 0) }
}
