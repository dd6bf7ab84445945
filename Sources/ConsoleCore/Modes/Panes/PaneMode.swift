/// What the three panes share: every command clears the flash; the movement commands move within the pane; `open`
/// and `back` are the pane's own; every other command is the panes' (`performPaneCommand`).
protocol PaneMode: ConsoleMode {
  /// Moves the pane's selection (or scroll) by `delta` rows; g and G pass half of Int's range.
  func move(by delta: Int, console: inout AppState)
  func open(console: inout AppState) -> [Effect]
  func back(console: inout AppState)
}

extension PaneMode {
  mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    console.flash = nil
    switch command {
    case .open: return .stay(open(console: &console))
    case .back: back(console: &console)
    default:
      guard let delta = console.movement(command, pageSize: console.pageSize) else {
        return .stay(console.performPaneCommand(command))
      }
      move(by: delta, console: &console)
    }
    return .stay
  }

  func type(_ key: Key, console: inout AppState) -> ModeOutcome {
    console.flash = nil
    return .stay
  }
}
