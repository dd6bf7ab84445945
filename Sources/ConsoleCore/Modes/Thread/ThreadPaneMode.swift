/// The open thread: moving scrolls back through its history.
struct ThreadPaneMode: ConsoleMode {
  var keyContexts: [KeyContext] { KeyContext.thread.chain }

  mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    switch command {
    case .open: return .stay
    case .back:
      console.flash = nil
      console.focus = .conversations
      return .stay
    default:
      if let delta = console.movement(command, pageSize: console.pageSize) {
        console.flash = nil
        console.scrollThread(by: delta)
        return .stay
      }
      return .stay(console.performPaneCommand(command))
    }
  }

  func type(_ key: Key, console: inout AppState) -> ModeOutcome {
    console.flash = nil
    return .stay
  }
}
