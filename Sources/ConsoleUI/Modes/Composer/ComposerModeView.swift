import ConsoleCore

/// The composer at the foot of the thread, in the rows the state gives it (as many as the draft needs, up to half
/// the thread pane).
final class ComposerModeView: ModeView {
  private var view = ComposerView()

  func draw(_ mode: ComposerMode, isTop: Bool, in frame: Frame) -> (row: Int, column: Int)? {
    guard let conversation = frame.state.openConversation, conversation.id == mode.conversationId,
      let thread = frame.viewport.panes[.thread], frame.viewport.shownPanes(focus: frame.state.focus, threadOpen: true).contains(.thread)
    else { return nil }
    let rows = frame.state.composerRows
    let rect = Rect(row: thread.row + thread.rows - rows, column: thread.column, rows: rows, columns: thread.columns)
    let name = TerminalSanitizer.sanitize(conversation.participantName)
    let focused = isTop && frame.state.focus == .thread
    let cursor = view.render(
      mode.composer, recipient: name, hints: ComposerView.hints(frame.state.bindings), in: rect, on: frame.screen, focused: focused)
    return focused ? cursor : nil
  }
}
