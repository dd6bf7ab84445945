import ConsoleCore

/// The prompt replaces the status line; the terminal cursor shows where typing goes.
final class PromptView: ModeView {
  func draw(_ prompt: PromptMode, isTop: Bool, in frame: Frame) -> (row: Int, column: Int)? {
    let rect = frame.viewport.statusBar
    let canvas = frame.screen.canvas(rect)
    canvas.fill(row: 0, column: 0, width: rect.columns, role: .prompt)
    let contexts = prompt.keyContexts
    let accept = frame.key(PromptCommands.accept, in: contexts)
    let cancel = frame.key(PromptCommands.cancel, in: contexts)
    let complete = frame.key(PromptCommands.complete, in: contexts)
    let lead: String
    let hint: String
    switch prompt.kind {
    case .filter:
      lead = "/"
      hint = "  name, phone, email or external id · \(accept) keeps · \(cancel) clears"
    case .command:
      lead = ":"
      hint = "  \(complete) completes · \(accept) runs · \(cancel) cancels"
    case .csvPath:
      lead = "CSV file: "
      hint = "  \(complete) completes · \(accept) reads it (nothing is sent yet) · \(cancel) cancels"
    }
    let text = TerminalSanitizer.sanitize(prompt.text)
    let beforeCursor = TerminalSanitizer.sanitize(String(prompt.text.prefix(prompt.cursor)))
    // Keep the cursor on screen for long input by showing the end of it.
    let leadWidth = TextWidth.columns(lead)
    let room = rect.columns - leadWidth - 1
    let visible = TextWidth.columns(text) > room ? String(text.suffix(room / 2)) : text
    canvas.draw(lead + visible, row: 0, column: 0, width: rect.columns, role: .prompt)
    let used = leadWidth + TextWidth.columns(visible)
    if used + TextWidth.columns(hint) < rect.columns { canvas.draw(hint, row: 0, column: used, role: .textDim) }
    let cursorColumn = visible == text ? leadWidth + TextWidth.columns(beforeCursor) : used
    return (rect.row, rect.column + min(cursorColumn, rect.columns - 1))
  }
}
