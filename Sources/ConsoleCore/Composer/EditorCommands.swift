/// Moving and deleting in text being typed: the `editor` context, under the composer, the prompt line and a form's
/// text fields, so one rebinding serves all three.
public enum EditorCommands {
  public static let group = "Editing text"

  public static let deleteBackward = CommandName("delete-backward", "Delete the character before the cursor", group: group)
  public static let deleteForward = CommandName("delete-forward", "Delete the character under the cursor", group: group)
  public static let deleteWordBackward = CommandName("delete-word-backward", "Delete the word before the cursor", group: group)
  public static let deleteWordForward = CommandName("delete-word-forward", "Delete the word after the cursor", group: group)
  public static let deleteToLineStart = CommandName("delete-to-line-start", "Delete to the start of the line", group: group)
  public static let deleteToLineEnd = CommandName("delete-to-line-end", "Delete to the end of the line", group: group)
  public static let cursorLeft = CommandName("cursor-left", "Move the cursor left", group: group)
  public static let cursorRight = CommandName("cursor-right", "Move the cursor right", group: group)
  public static let wordLeft = CommandName("word-left", "Move to the previous word", group: group)
  public static let wordRight = CommandName("word-right", "Move to the next word", group: group)
  public static let lineStart = CommandName("line-start", "Move to the start of the line", group: group)
  public static let lineEnd = CommandName("line-end", "Move to the end of the line", group: group)
  public static let cursorUp = CommandName("cursor-up", "Move the cursor up a line", group: group)
  public static let cursorDown = CommandName("cursor-down", "Move the cursor down a line", group: group)

  static let defaults: [(command: CommandName, keys: [Key])] = [
    (deleteBackward, [.backspace, .control("h")]),
    (deleteForward, [.delete, .control("d")]),
    (deleteWordBackward, [.control("w"), .altBackspace]),
    (deleteWordForward, [.alt("d")]),
    (deleteToLineStart, [.control("u")]),
    (deleteToLineEnd, [.control("k")]),
    (cursorLeft, [.left, .control("b")]),
    (cursorRight, [.right, .control("f")]),
    (wordLeft, [.alt("b"), .controlLeft]),
    (wordRight, [.alt("f"), .controlRight]),
    (lineStart, [.home, .control("a")]),
    (lineEnd, [.end]),
    (cursorUp, [.up, .control("p")]),
    (cursorDown, [.down, .control("n")]),
  ]
}

/// Writing a reply: the `composer` context, over `editor`.
public enum ComposerCommands {
  public static let group = "Reply"

  public static let send = CommandName("send", "Send the reply", group: group)
  public static let newline = CommandName("newline", "Break the line", group: group)
  public static let leave = CommandName("leave", "Leave the composer; the draft is kept", group: group)
  public static let editExternally = CommandName("edit-externally", "Edit the draft in $VISUAL or $EDITOR", group: group)

  static let defaults: [(command: CommandName, keys: [Key])] = [
    (send, [.enter]),
    (newline, [.altEnter]),
    (leave, [.escape]),
    (editExternally, [.control("e")]),
  ]
}
