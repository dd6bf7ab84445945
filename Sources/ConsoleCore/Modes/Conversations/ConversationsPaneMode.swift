/// The conversation list of the selected campaign and status tab.
struct ConversationsPaneMode: ConsoleMode {
  var keyContexts: [KeyContext] { KeyContext.list.chain }

  mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    switch command {
    case .open:
      console.flash = nil
      guard let conversation = console.selectedConversation else { return .stay }
      return .stay(console.openThread(conversation.id))
    case .back:
      console.flash = nil
      if !console.textFilter.isEmpty {
        console.textFilter = ""
        console.refreshVisibleRows()
      } else {
        console.focus = .campaigns
      }
      return .stay
    default:
      if let delta = console.movement(command, pageSize: console.pageSize) {
        console.flash = nil
        console.conversationSelection = AppState.clamp(console.conversationSelection, by: delta, count: console.visibleRows.count)
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
