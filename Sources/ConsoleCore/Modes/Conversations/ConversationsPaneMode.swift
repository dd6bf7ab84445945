/// The conversation list of the selected campaign and status tab.
struct ConversationsPaneMode: PaneMode {
  var keyContexts: [KeyContext] { KeyContext.list.chain }

  func move(by delta: Int, console: inout AppState) {
    console.conversationSelection = AppState.clamp(console.conversationSelection, by: delta, count: console.visibleRows.count)
  }

  func open(console: inout AppState) -> [Effect] {
    guard let conversation = console.selectedConversation else { return [] }
    return console.openThread(conversation.id)
  }

  /// Clears the `/` filter first, then goes to the campaigns.
  func back(console: inout AppState) {
    if !console.textFilter.isEmpty {
      console.textFilter = ""
      console.refreshVisibleRows()
    } else {
      console.focus = .campaigns
    }
  }
}
