/// Answers to a yes/no question: the `confirm` context, used by every question the console asks (take over, hand
/// back, a campaign going live, stopping a CSV launch).
public enum ConfirmCommands {
  public static let group = "Questions"

  public static let yes = CommandName("yes", "Yes: do it", group: group)
  public static let no = CommandName("no", "No: leave things as they are", group: group)

  static let defaults: [(command: CommandName, keys: [Key])] = [
    (yes, [.character("y"), .character("Y"), .enter]),
    (no, [.character("n"), .character("N"), .escape]),
  ]
}
