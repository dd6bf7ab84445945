/// How the open thread falls into its pane at the viewport: the rect left above the composer, the header lines that
/// fit, and the rows its messages get. Both the scroll limit (here, where the scroll changes) and the thread's view
/// work from it, so they agree on every row.
public struct ThreadPage: Sendable {
  /// The thread pane less the rows the composer takes at its foot.
  public var rect: Rect
  /// The header lines that fit under the pane's title.
  public var header: [ThreadLines.Line]
  /// Rows under the header and its rule for the messages; 0 when none fit.
  public var messageRows: Int
  /// The width messages wrap to.
  public var textWidth: Int { rect.columns - 2 }
}

/// How many wrapped lines each message of a thread takes at one width, kept between scrolls: counting back through a
/// long thread for its first line (g) is done once.
public struct ThreadLineCounts: Sendable {
  var width = 0
  var byMessage: [String: Int] = [:]
}

extension AppState {
  /// Rows the composer takes at the foot of the thread pane (its title line included), up to half the pane; 0 when
  /// no composer belongs to the open thread.
  public var composerRows: Int {
    guard let thread = viewport.panes[.thread], let open = openConversation?.id else { return 0 }
    return modes.reduce(0) { rows, mode in
      guard let composer = mode as? ComposerMode, composer.conversationId == open else { return rows }
      let layout = ComposerLayout(text: composer.composer.text, width: ComposerLayout.textWidth(thread.columns))
      return rows + ComposerLayout.rows(lineCount: layout.lines.count, maximum: thread.rows / 2)
    }
  }

  /// The open thread's page, or nil when no thread is open.
  public var threadPage: ThreadPage? {
    guard let pane = viewport.panes[.thread], let conversation = openConversation else { return nil }
    let rect = Rect(row: pane.row, column: pane.column, rows: pane.rows - composerRows, columns: pane.columns)
    let header = ThreadLines.header(
      conversation, campaign: campaign(id: conversation.campaignId), showOutcomes: showOutcomes, width: rect.columns - 2,
      keys: ThreadLines.Keys(bindings),
      holder: team.otherHolder(of: conversation.id).map { TerminalSanitizer.sanitize(team.name(of: $0, myUser: connection.hubUser)) },
      team: team.headerLines(for: conversation.id, myUser: connection.hubUser))
    // The title takes the first row; the header stops two rows short of the end, to leave its rule and one message row.
    let shown = Array(header.prefix(max(rect.rows - 3, 0)))
    return ThreadPage(rect: rect, header: shown, messageRows: max(rect.rows - 2 - shown.count, 0))
  }

  /// Scrolling back through the thread's history: down moves towards the newest message. It stops where the
  /// thread's first line is at the top of the page, so the next key back down moves at once.
  mutating func scrollThread(by delta: Int) {
    guard var thread else { return }
    let (moved, overflowed) = thread.scrollBack.subtractingReportingOverflow(delta)
    let wanted = overflowed ? (delta < 0 ? Int.max / 2 : 0) : min(max(moved, 0), Int.max / 2)
    thread.scrollBack = min(wanted, scrollLimit(of: &thread, reaching: wanted))
    self.thread = thread
  }

  /// After a resize: a wider thread has fewer lines, so the scroll may now reach past its first one.
  mutating func clampThreadScroll() {
    guard let scrollBack = thread?.scrollBack, scrollBack > 0 else { return }
    scrollThread(by: 0)
  }

  /// The furthest the thread can scroll back, counted only as far back as `wanted` needs.
  private func scrollLimit(of thread: inout ThreadState, reaching wanted: Int) -> Int {
    guard let page = threadPage, page.messageRows > 0, let conversation = openConversation else { return 0 }
    let width = page.textWidth
    if thread.lineCounts.width != width { thread.lineCounts = ThreadLineCounts(width: width) }
    let needed = wanted + page.messageRows
    var count =
      ThreadLines.outgoing(
        thread.outgoing, delivered: thread.messages, width: width, canSendAgain: conversation.conversationStatus.isActive,
        keys: ThreadLines.Keys(bindings)
      ).count
    var index = thread.messages.count
    while index > 0 && count < needed {
      index -= 1
      let message = thread.messages[index]
      let lines = thread.lineCounts.byMessage[message.id] ?? ThreadLines.render(message, width: width).count
      thread.lineCounts.byMessage[message.id] = lines
      count += lines
    }
    return index > 0 ? wanted : max(count - page.messageRows, 0)
  }
}
