/// The CSV launch's keys: the `bulk` context. Stopping a launch in flight asks in the `confirm` context.
public enum BulkCommands {
  public static let group = "CSV launch"

  public static let sendLaunch = CommandName("send-launch", "Send the conversations the preview counts as ready", group: group)
  public static let toggleBusinessHours = CommandName(
    "toggle-business-hours", "Send during business hours only, or at any time", group: group)
  public static let toggleForce = CommandName(
    "toggle-force", "Also send to candidates the campaign already holds", group: group)
  public static let nextResultFilter = CommandName("next-result-filter", "Show the next kind of results", group: group)
  public static let stop = CommandName("stop", "Cancel the preview, stop the launch after its batch, or close", group: group)

  static let defaults: [(command: CommandName, keys: [Key])] = [
    (.moveDown, [.character("j"), .down]),
    (.moveUp, [.character("k"), .up]),
    (.pageDown, [.pageDown, .control("f")]),
    (.pageUp, [.pageUp, .control("b")]),
    (sendLaunch, [.character("y"), .enter]),
    (toggleBusinessHours, [.character("h")]),
    (toggleForce, [.character("f")]),
    (nextResultFilter, [.tab]),
    (stop, [.escape, .character("q")]),
  ]
}
