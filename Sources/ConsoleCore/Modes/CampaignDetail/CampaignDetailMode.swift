/// `v`: every field of a campaign; its keys edit it or launch into it.
public struct CampaignDetailMode: ConsoleMode, Hashable {
  public var campaignId: String
  /// Lines down from the top.
  public var scroll = 0

  public init(campaignId: String) { self.campaignId = campaignId }

  public var keyContexts: [KeyContext] { KeyContext.campaign.chain }

  public mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    switch command {
    case .close, .viewCampaign: return .close
    case .editCampaign, .launch, .bulkLaunch:
      // Act on the campaign on screen, whatever the panes have selected.
      if let position = console.campaigns.firstIndex(where: { $0.id == campaignId }) { console.campaignSelection = position + 1 }
      return .close(console.performPaneCommand(command))
    default:
      if let moved = console.scrolled(scroll, by: command, limit: scrollLimit(console)) { scroll = moved }
      return .stay
    }
  }

  public mutating func fit(_ console: AppState) { scroll = min(scroll, scrollLimit(console)) }

  /// The campaign's fields as the view shows them, and the rows they get: the large dialog less its title and
  /// footer.
  public func page(_ console: AppState) -> (lines: [CampaignFields.Line], rows: Int)? {
    guard let campaign = console.campaign(id: campaignId) else { return nil }
    let box = console.viewport.largeDialog
    return (CampaignFields.lines(campaign, state: console, width: box.columns - 4), box.rows - 2)
  }

  /// Scrolled until the last field is on the last row, and no further.
  private func scrollLimit(_ console: AppState) -> Int {
    page(console).map { max($0.lines.count - $0.rows, 0) } ?? 0
  }
}
