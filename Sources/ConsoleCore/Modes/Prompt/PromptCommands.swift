/// The prompt line's own keys: the `prompt` context, over `editor`.
public enum PromptCommands {
  public static let group = "Prompt line"

  public static let accept = CommandName("accept", "Run the command, keep the filter, or read the file", group: group)
  public static let cancel = CommandName("cancel", "Close the prompt (the / filter is cleared)", group: group)
  public static let complete = CommandName("complete", "Complete the command name or the path", group: group)

  static let defaults: [(command: CommandName, keys: [Key])] = [
    (accept, [.enter]),
    (cancel, [.escape]),
    (complete, [.tab]),
    // Emacs' end of line, as in a shell: the composer keeps C-e for $EDITOR.
    (EditorCommands.lineEnd, [.end, .control("e")]),
  ]
}
