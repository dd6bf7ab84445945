/// Read-only screens that scroll (the help, the audit log): the `pager` context.
public enum PagerCommands {
  public static let group = "Scrolling views"

  static let defaults: [(command: CommandName, keys: [Key])] = [
    (.moveDown, [.character("j"), .down]),
    (.moveUp, [.character("k"), .up]),
    (.pageDown, [.pageDown, .control("f"), .space]),
    (.pageUp, [.pageUp, .control("b")]),
    (.moveTop, [.character("g"), .home]),
    (.moveBottom, [.character("G"), .end]),
    (.close, [.escape, .character("q"), .character("?")]),
  ]
}
