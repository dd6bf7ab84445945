/// The campaigns pane: "All campaigns" and each campaign; moving changes the list's scope.
struct CampaignsPaneMode: ConsoleMode {
  var keyContexts: [KeyContext] { KeyContext.list.chain }

  mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    switch command {
    case .open:
      console.focus = .conversations
      return .stay
    case .back: return .stay
    default:
      if let delta = console.movement(command, pageSize: console.pageSize) {
        let moved = AppState.clamp(console.campaignSelection, by: delta, count: console.campaigns.count + 1)
        if moved != console.campaignSelection {
          console.campaignSelection = moved
          console.conversationSelection = 0
          console.refreshVisibleRows()
        }
        console.flash = nil
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
