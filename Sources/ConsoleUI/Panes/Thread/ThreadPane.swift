import ConsoleCore
import Foundation

/// The open conversation: who it is with, who speaks for the company now, why it needs review,
/// and the messages wrapped to the pane, newest at the bottom.
struct ThreadPane {
  private var cache: ThreadRows.Cache?

  /// What a frame of the thread used: the rows its messages get (a page, for PgUp/PgDn) and
  /// the scroll it could honour (no further back than the first line).
  struct Drawn {
    var rows: Int
    var scrollBack: Int?
  }

  /// Draws the open thread; nil when no messages show.
  @discardableResult
  mutating func render(_ state: AppState, on canvas: any Canvas, focused: Bool) -> Drawn? {
    let width = canvas.size.columns
    guard let thread = state.thread, let conversation = state.openConversation else {
      Chrome.title("Thread", on: canvas, focused: focused)
      let keys = state.bindings
      let open = keys.key(for: .open, in: KeyContext.list.chain)
      let next = keys.key(for: .nextReview, in: KeyContext.list.chain)
      Chrome.placeholder(
        "Select a conversation and press \(open) to read it. \(next) jumps to the next one that needs review.", on: canvas, row: 2)
      return nil
    }
    Chrome.title("Thread", on: canvas, focused: focused, trailing: conversation.isHumanTakeover ? "YOU are speaking" : "AGENT is speaking")
    var row = 1
    for line in ThreadRows.header(
      conversation, campaign: state.campaign(id: conversation.campaignId), showOutcomes: state.showOutcomes, width: width - 2)
    {
      guard row < canvas.size.rows - 2 else { break }
      canvas.draw(line.text, row: row, column: 1, width: width - 2, role: line.role)
      row += 1
    }
    canvas.draw(String(repeating: "─", count: width), row: row, column: 0, width: width, role: .paneBorder)
    row += 1
    let height = canvas.size.rows - row
    guard height > 0 else { return nil }
    if thread.isLoading && thread.messages.isEmpty {
      Chrome.placeholder("Loading messages…", on: canvas, row: row)
      return Drawn(rows: height)
    }
    if let error = thread.error {
      Chrome.placeholder("Could not load messages: \(TerminalSanitizer.sanitize(error))", on: canvas, row: row)
      return Drawn(rows: height)
    }
    let outgoing = ThreadRows.outgoing(
      thread.outgoing, delivered: thread.messages, width: width - 2, canSendAgain: conversation.conversationStatus.isActive,
      keys: ThreadRows.FailedKeys(state.bindings))
    let (delivered, _) = ThreadRows.tail(
      of: thread.messages, width: width - 2, needed: height + thread.scrollBack - outgoing.count, cache: &cache)
    let lines = delivered + outgoing
    let scrollBack = min(thread.scrollBack, max(lines.count - height, 0))
    let end = lines.count - scrollBack
    let start = max(end - height, 0)
    let marker = " ↓ \(scrollBack) more "
    let markerColumn = max(width - TextWidth.columns(marker) - 1, 0)
    for (offset, line) in lines[start..<end].enumerated() {
      // The line under the marker stops short of it: a wide character half covered by the marker
      // would leave ncurses and the terminal disagreeing about the cells that follow (stale digits).
      let under = scrollBack > 0 && row + offset == canvas.size.rows - 1
      let available = (under ? markerColumn : width - 1) - 1 - line.indent
      canvas.draw(line.text, row: row + offset, column: 1 + line.indent, width: max(available, 0), role: line.role)
    }
    if scrollBack > 0 {
      canvas.draw(marker, row: canvas.size.rows - 1, column: markerColumn, role: .messageMeta)
    }
    return Drawn(rows: height, scrollBack: scrollBack)
  }
}
