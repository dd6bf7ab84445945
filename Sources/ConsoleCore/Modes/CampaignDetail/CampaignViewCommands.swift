/// The campaign view's own keys: the `campaign` context, over `pager`. Its commands are the panes' campaign
/// commands, acting on the campaign on screen.
public enum CampaignViewCommands {
  static let defaults: [(command: CommandName, keys: [Key])] = [
    (.editCampaign, [.character("e")]),
    (.launch, [.character("a")]),
    (.bulkLaunch, [.character("b")]),
    (.viewCampaign, [.character("v")]),
  ]
}
