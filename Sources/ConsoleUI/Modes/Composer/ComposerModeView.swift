import ConsoleCore

/// The composer at the foot of the thread: as many lines as the draft needs, up to half the thread pane.
final class ComposerModeView: ModeView {
  private var view = ComposerView()

  func threadFootRows(_ mode: ComposerMode, in frame: Frame, thread: Rect) -> Int {
    guard frame.state.openConversation?.id == mode.conversationId else { return 0 }
    return view.rows(for: mode.composer, columns: thread.columns, maximum: thread.rows / 2)
  }

  func draw(_ mode: ComposerMode, isTop: Bool, in frame: Frame) -> (row: Int, column: Int)? {
    guard let conversation = frame.state.openConversation, conversation.id == mode.conversationId,
      let thread = frame.layout.panes[.thread]
    else { return nil }
    let rows = view.rows(for: mode.composer, columns: thread.columns, maximum: thread.rows / 2)
    let rect = Rect(row: thread.row + thread.rows - rows, column: thread.column, rows: rows, columns: thread.columns)
    let name = TerminalSanitizer.sanitize(conversation.participantName)
    let focused = isTop && frame.state.focus == .thread
    let cursor = view.render(
      mode.composer, recipient: name, hints: ComposerView.hints(frame.state.bindings), in: rect, on: frame.screen, focused: focused)
    return focused ? cursor : nil
  }
}
