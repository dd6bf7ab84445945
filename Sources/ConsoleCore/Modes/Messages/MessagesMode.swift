/// `:messages` (`m`): the status bar's recent messages with their times, newest last (as vim's `:messages`), for the
/// one that went by while the recruiter looked elsewhere or that the freshness banner kept off the bar.
public struct MessagesMode: ConsoleMode, Hashable {
  public var notices: [StatusNotice]
  /// Lines up from the end.
  public var scroll = 0

  public init(notices: [StatusNotice]) { self.notices = notices }

  public var keyContexts: [KeyContext] { [.pager] }

  public mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    if command == .close { return .close }
    if let moved = console.scrolled(scroll, by: command, limit: scrollLimit(console.viewport), reversed: true) { scroll = moved }
    return .stay
  }

  public mutating func fit(_ console: AppState) { scroll = min(scroll, scrollLimit(console.viewport)) }

  /// Rows of messages the box holds: the box less its title and footer.
  public static func rows(_ viewport: Viewport) -> Int { viewport.auditBox.rows - 2 }

  private func scrollLimit(_ viewport: Viewport) -> Int { max(notices.count - Self.rows(viewport), 0) }

  /// The key that opened the list closes it too.
  public func type(_ key: Key, console: inout AppState) -> ModeOutcome {
    console.bindings.command(for: key, in: console.paneKeyContexts) == .messages ? .close : .stay
  }
}
