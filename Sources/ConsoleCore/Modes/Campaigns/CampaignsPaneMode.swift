/// The campaigns pane: "All campaigns" and each campaign; moving changes the list's scope.
struct CampaignsPaneMode: PaneMode {
  var keyContexts: [KeyContext] { KeyContext.list.chain }

  func move(by delta: Int, console: inout AppState) {
    let moved = AppState.clamp(console.campaignSelection, by: delta, count: console.campaigns.count + 1)
    guard moved != console.campaignSelection else { return }
    console.campaignSelection = moved
    console.conversationSelection = 0
    console.refreshVisibleRows()
  }

  func open(console: inout AppState) -> [Effect] {
    console.focus = .conversations
    return []
  }

  func back(console: inout AppState) {}
}
