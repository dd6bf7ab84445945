import ConsoleCore
import Foundation

/// The conversations of the selected campaign (or all), a tab per status filter with live
/// counts, and the `/` filter's query.
struct ConversationsPane {
  var list = ListView()

  mutating func render(_ state: AppState, on canvas: any Canvas, focused: Bool, now: Date) {
    let scope = state.selectedCampaign.map { TerminalSanitizer.sanitize($0.campaignTitle) } ?? "All campaigns"
    Chrome.title("Conversations · \(scope)", on: canvas, focused: focused, trailing: "\(state.visibleRows.count)")
    let width = canvas.size.columns
    ConversationRows.drawTabs(state, on: canvas, row: 1, width: width)
    var top = 2
    let keys = state.bindings
    func key(_ command: CommandName) -> String { keys.key(for: command, in: KeyContext.list.chain) }
    if !state.textFilter.isEmpty {
      canvas.line(
        " / \(TerminalSanitizer.sanitize(state.textFilter))   \(state.visibleRows.count) match\(state.visibleRows.count == 1 ? "" : "es")  (\(key(.back)) clears)",
        row: top, role: .listMatch)
      top += 1
    }
    let height = canvas.size.rows - top
    if state.visibleRows.isEmpty {
      let message =
        state.isLoading && state.health.problem != nil
        ? "Could not load conversations yet: see the status bar (\(key(.refresh)) retries now)."
        : state.isLoading ? "Loading conversations…" : "No conversations here. Press \(key(.filterAll)) for all, or pick another campaign."
      Chrome.placeholder(message, on: canvas, row: top + 1)
      return
    }
    let columns = ConversationRows.Columns(width: width)
    for row in list.visibleRange(count: state.visibleRows.count, selection: state.conversationSelection, height: height) {
      let conversation = state.index.conversations[state.visibleRows[row]]
      let selected = row == state.conversationSelection
      ConversationRows.draw(
        conversation, columns: columns, on: canvas, row: top + row - list.offset, selected: selected, focused: focused,
        isOpen: state.thread?.conversationId == conversation.id, mark: state.attention.marks[conversation.id],
        isUnread: state.attention.unread.contains(conversation.id), waitingSince: state.attention.waitingSince(conversation),
        slaMinutes: state.alerts.slaMinutes, colleague: state.colleagueMarks[conversation.id],
        now: now)
    }
  }
}
