/// `?`: the keys of the screen it was opened on and the panes' keys, generated from the live bindings. Any key the
/// help does not use closes it and acts, so a recruiter who looked up a key can press it at once.
public struct HelpMode: ConsoleMode, Hashable {
  /// The contexts whose keys it lists, nearest first (the screen under it, then its parents).
  public var contexts: [KeyContext]
  /// Lines scrolled down.
  public var scroll = 0

  public init(contexts: [KeyContext]) { self.contexts = contexts }

  public var keyContexts: [KeyContext] { [.pager] }

  public mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    if command == .close { return .close }
    let limit = HelpPage(self, bindings: console.bindings, size: console.viewport.size).scrollLimit
    guard let moved = console.scrolled(scroll, by: command, limit: limit) else { return .closeAndPassOn }
    scroll = moved
    return .stay
  }

  public mutating func fit(_ console: AppState) {
    scroll = min(scroll, HelpPage(self, bindings: console.bindings, size: console.viewport.size).scrollLimit)
  }

  /// The key that opened the help closes it, as bound now; any other key closes it and acts.
  public func type(_ key: Key, console: inout AppState) -> ModeOutcome {
    console.bindings.command(for: key, in: contexts) == .help ? .close : .closeAndPassOn
  }
}
