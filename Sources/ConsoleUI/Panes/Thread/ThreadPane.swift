import ConsoleCore
import Foundation

/// The open conversation as its `ThreadPage` lays it out: who it is with, who speaks for the company now, why it
/// needs review, and the messages wrapped to the pane, newest at the bottom, scrolled as the state says.
struct ThreadPane {
  private var cache: ThreadLines.Cache?

  mutating func render(_ state: AppState, page: ThreadPage?, on canvas: any Canvas, focused: Bool) {
    let width = canvas.size.columns
    guard let thread = state.thread, let conversation = state.openConversation, let page else {
      Chrome.title("Thread", on: canvas, focused: focused)
      let keys = state.bindings
      let open = keys.key(for: .open, in: KeyContext.list.chain)
      let next = keys.key(for: .nextReview, in: KeyContext.list.chain)
      Chrome.placeholder(
        "Select a conversation and press \(open) to read it. \(next) jumps to the next one that needs review.", on: canvas, row: 2)
      return
    }
    let speaking =
      !conversation.isHumanTakeover
      ? "AGENT is speaking"
      : state.team.otherHolder(of: conversation.id).map {
        TerminalSanitizer.sanitize(state.team.name(of: $0, myUser: state.connection.hubUser)) + " is speaking"
      } ?? "YOU are speaking"
    Chrome.title("Thread", on: canvas, focused: focused, trailing: speaking)
    var row = 1
    for line in page.header {
      canvas.draw(line.text, row: row, column: 1, width: width - 2, role: line.role)
      row += 1
    }
    canvas.draw(String(repeating: "─", count: width), row: row, column: 0, width: width, role: .paneBorder)
    row += 1
    let height = page.messageRows
    guard height > 0 else { return }
    if thread.isLoading && thread.messages.isEmpty {
      Chrome.placeholder("Loading messages…", on: canvas, row: row)
      return
    }
    if let error = thread.error {
      Chrome.placeholder("Could not load messages: \(TerminalSanitizer.sanitize(error))", on: canvas, row: row)
      return
    }
    let outgoing = ThreadLines.outgoing(
      thread.outgoing, delivered: thread.messages, width: page.textWidth, canSendAgain: conversation.conversationStatus.isActive,
      keys: ThreadLines.Keys(state.bindings))
    let (delivered, _) = ThreadLines.tail(
      of: thread.messages, width: page.textWidth, needed: height + thread.scrollBack - outgoing.count, cache: &cache)
    let lines = delivered + outgoing
    // The state keeps the scroll within the thread; what arrived or changed size since is shown from its first line.
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
  }
}
