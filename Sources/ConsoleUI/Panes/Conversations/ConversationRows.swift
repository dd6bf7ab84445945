import ConsoleCore
import Foundation

/// How one conversation reads in the list, and the tab bar above it.
enum ConversationRows {
  /// Column widths for a pane width: markers, name, contact, status, age.
  struct Columns {
    var name: Int
    var contact: Int
    var status: Int
    var age = 8

    init(width: Int) {
      status = width >= 60 ? 13 : 9
      contact = width >= 90 ? 20 : width >= 60 ? 16 : 0
      name = max(width - 3 - contact - status - age - 3, 6)
    }
  }

  static func draw(
    _ conversation: Conversation, columns: Columns, on canvas: any Canvas, row: Int, selected: Bool, focused: Bool, isOpen: Bool,
    mark: RowMark? = nil, isUnread: Bool = false, waitingSince: Date? = nil, slaMinutes: Double = 15,
    colleague: ColleagueMark? = nil, now: Date
  ) {
    let width = canvas.size.columns
    let base: StyleRole = selected ? (focused ? .listSelected : .listSelectedUnfocused) : .textNormal
    if selected { canvas.fill(row: row, column: 0, width: width, role: base) }
    var column = 0
    // A blank marker takes the row's style: a blank in another colour shows nothing and costs bytes on every move.
    canvas.draw(
      conversation.needsReview ? "!" : " ", row: row, column: column, width: 1,
      role: selected || !conversation.needsReview ? base : .statusNeedsReview)
    // Taken over wins; otherwise `@` says a colleague has it open (bright while they type).
    let (who, whoRole): (String, StyleRole) =
      conversation.isHumanTakeover
      ? ("T", .statusTakenOver)
      : colleague == .typing
        ? ("@", .statusTakenOver)
        : colleague == .viewing ? ("@", .listChanged) : (" ", base)
    canvas.draw(who, row: row, column: column + 1, width: 1, role: selected ? base : whoRole)
    canvas.draw(isUnread ? "•" : " ", row: row, column: column + 2, width: 1, role: selected || !isUnread ? base : .listUnread)
    column += 3
    let nameRole: StyleRole =
      selected ? base : isOpen ? .textHeader : mark == .new ? .listNew : mark == .changed ? .listChanged : base
    let name = TerminalSanitizer.sanitize(conversation.participantName.isEmpty ? "(no name)" : conversation.participantName)
    canvas.draw(
      TextWidth.fit(name, to: columns.name), row: row, column: column, width: columns.name, role: nameRole)
    column += columns.name + 1
    if columns.contact > 0 {
      let contact = TerminalSanitizer.sanitize(conversation.participantContact ?? "")
      canvas.draw(
        TextWidth.fit(contact, to: columns.contact), row: row, column: column, width: columns.contact, role: selected ? base : .textDim)
      column += columns.contact + 1
    }
    let status =
      conversation.isHumanTakeover && conversation.conversationStatus == .ongoing
      ? "taken over" : conversation.conversationStatus.label
    canvas.draw(
      TextWidth.fit(status, to: columns.status), row: row, column: column, width: columns.status,
      role: selected ? base : StyleRole.status(of: conversation))
    column += columns.status + 1
    // A flagged conversation shows how long it has waited for a recruiter, highlighted past the SLA.
    if let waitingSince {
      let waited = "⚑" + RelativeTime.shortDescribe(waitingSince, now: now)
      let breached = now.timeIntervalSince(waitingSince) > slaMinutes * 60
      canvas.draw(
        TextWidth.fitRight(waited, to: columns.age), row: row, column: width - columns.age, width: columns.age,
        role: selected ? base : breached ? .slaBreached : .statusNeedsReview)
    } else {
      let age = RelativeTime.shortDescribe(conversation.lastMessageAt ?? conversation.updatedAt, now: now)
      canvas.draw(
        TextWidth.fitRight(age, to: columns.age), row: row, column: width - columns.age, width: columns.age,
        role: selected ? base : .textDim)
    }
  }

  /// `1 All 200  2 Review 22  …`, each tab after its key as bound now, the active tab highlighted; short names when
  /// narrow.
  static func drawTabs(_ state: AppState, on canvas: any Canvas, row: Int, width: Int) {
    canvas.fill(row: row, column: 0, width: width, role: .tabInactive)
    let short = width < 100
    var column = 0
    for filter in StatusFilter.allCases {
      let name = short ? shortTitle(filter) : filter.title
      let key = state.bindings.keys(for: command(filter), in: KeyContext.list.chain).first.map { $0.notation + " " } ?? ""
      let label = " \(key)\(name) \(state.tabCount(filter)) "
      let role: StyleRole =
        filter == state.statusFilter
        ? .tabActive : (filter == .needsReview && state.tabCount(filter) > 0 ? .statusNeedsReview : .tabInactive)
      // A tab is shown whole or not at all; the number keys still reach hidden ones.
      guard column + TextWidth.columns(label) <= width else { break }
      column += canvas.draw(label, row: row, column: column, width: width - column, role: role)
    }
  }

  /// The command that shows a tab.
  static func command(_ filter: StatusFilter) -> CommandName {
    switch filter {
    case .all: .filterAll
    case .needsReview: .filterNeedsReview
    case .ongoing: .filterOngoing
    case .takenOver: .filterTakenOver
    case .completed: .filterCompleted
    case .closed: .filterClosed
    }
  }

  static func shortTitle(_ filter: StatusFilter) -> String {
    switch filter {
    case .all: "All"
    case .needsReview: "Review"
    case .ongoing: "Ongoing"
    case .takenOver: "Taken"
    case .completed: "Done"
    case .closed: "Closed"
    }
  }
}
