/// The template picker's keys: the `picker` context.
public enum PickerCommands {
  public static let group = "Template picker"

  public static let choose = CommandName("choose", "Send the selected template", group: group)

  static let defaults: [(command: CommandName, keys: [Key])] = [
    (.moveDown, [.character("j"), .down]),
    (.moveUp, [.character("k"), .up]),
    (.moveTop, [.character("g"), .home]),
    (.moveBottom, [.character("G"), .end]),
    (choose, [.enter]),
    (.close, [.escape]),
  ]
}
