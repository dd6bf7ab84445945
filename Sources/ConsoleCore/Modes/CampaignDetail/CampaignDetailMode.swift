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
      if let moved = console.scrolled(scroll, by: command) { scroll = moved }
      return .stay
    }
  }
}
