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
    let page = max(console.pageSize, 1)
    switch command {
    case .close: return .close
    case .moveDown: scroll += 1
    case .moveUp: scroll -= 1
    case .pageDown: scroll += page
    case .pageUp: scroll -= page
    case .moveTop: scroll = 0
    case .moveBottom: scroll = Int.max / 2
    default: return .closeAndPassOn
    }
    // The view stops at the last page; a scroll past it comes back when the window is known (see HelpLayout).
    scroll = min(max(scroll, 0), Int.max / 2)
    return .stay
  }

  public func type(_ key: Key, console: inout AppState) -> ModeOutcome { .closeAndPassOn }
}
