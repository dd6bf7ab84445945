import ConsoleCore
import Foundation

/// What draws over the panes: the help, a confirmation, the prompt line.
enum Overlays {
  /// The help, generated from the live keymap. It uses two columns, without the command names,
  /// when one column would not fit the window (80×24 included).
  static func help(_ keymap: Keymap, scroll: Int = 0, on screen: any Screen) {
    let size = screen.size
    let maxHeight = size.rows - 2
    func lines(compact: Bool) -> [(String, StyleRole)] {
      var lines: [(String, StyleRole)] = []
      for section in keymap.helpSections {
        // Two columns on a small screen have no room to spare for blank lines.
        if !lines.isEmpty && !compact { lines.append(("", .dialog)) }
        lines.append((section.group, .dialogTitle))
        for entry in section.entries {
          let keys = entry.keys.map(\.notation).joined(separator: " ")
          let name = compact ? "" : "  :" + entry.command.rawValue
          lines.append((TextWidth.fit(keys.isEmpty ? "—" : keys, to: compact ? 9 : 14) + " " + entry.command.summary + name, .dialog))
        }
      }
      return lines
    }
    var footer = "Esc closes · rebind keys in the config's [keymap]"
    var columns = [lines(compact: false)]
    var first = 0
    if columns[0].count + 3 > maxHeight {
      let all = lines(compact: true)
      let half = (all.count + 1) / 2
      columns = [Array(all.prefix(half)), Array(all.dropFirst(half))]
      // Still taller than the window: the lines flow down the left column and on down the
      // right one, and scroll through both.
      let room = maxHeight - 3
      if half > room {
        first = min(scroll, all.count - 2 * room)
        let shown = Array(all.dropFirst(first))
        columns = [Array(shown.prefix(room)), Array(shown.dropFirst(room).prefix(room))]
        footer = (first < all.count - 2 * room ? "↓ j/k scroll" : "↑ j/k scroll") + " · Esc closes · rebind in [keymap]"
      }
    }
    let columnWidth = min(columns.flatMap { $0 }.map { TextWidth.columns($0.0) }.max() ?? 30, (size.columns - 6) / columns.count)
    let width = min(max(columnWidth * columns.count + 2 * (columns.count - 1) + 4, TextWidth.columns(footer) + 4), size.columns)
    let height = min((columns.map(\.count).max() ?? 0) + 3, maxHeight)
    let rect = Rect(row: max((size.rows - height) / 2, 1), column: max((size.columns - width) / 2, 0), rows: height, columns: width)
    let canvas = screen.canvas(rect)
    for row in 0..<height { canvas.fill(row: row, column: 0, width: width, role: .dialog) }
    canvas.draw(" Keys ", row: 0, column: 2, role: .dialogTitle)
    for (index, column) in columns.enumerated() {
      let left = 2 + index * (columnWidth + 2)
      for (offset, line) in column.prefix(height - 3).enumerated() {
        canvas.draw(line.0, row: 1 + offset, column: left, width: columnWidth, role: line.1)
      }
    }
    canvas.draw(footer, row: height - 1, column: 2, width: width - 4, role: .textDim)
  }

  static func confirm(_ confirmation: Confirmation, on screen: any Screen) {
    let size = screen.size
    let width = min(max(TextWidth.columns(confirmation.message) + 6, 40), size.columns - 4)
    let message = TextWidth.wrap(confirmation.message, width: width - 4)
    let height = message.count + 4
    let rect = Rect(row: max((size.rows - height) / 2, 1), column: max((size.columns - width) / 2, 0), rows: height, columns: width)
    let canvas = screen.canvas(rect)
    for row in 0..<height { canvas.fill(row: row, column: 0, width: width, role: .dialog) }
    canvas.draw(" \(confirmation.title) ", row: 0, column: 2, width: width - 4, role: .dialogTitle)
    for (offset, line) in message.enumerated() { canvas.draw(line, row: 1 + offset, column: 2, width: width - 4, role: .dialog) }
    canvas.draw("y yes    n / Esc no", row: height - 2, column: 2, width: width - 4, role: .dialogTitle)
  }

  /// `T`: template names on the left half, the selected one's filled-in preview below them,
  /// exactly what the candidate will read.
  static func templates(_ picker: TemplatePicker, on screen: any Screen) {
    let size = screen.size
    let width = min(max(size.columns - 8, 30), 100)
    let preview =
      picker.selected.map {
        TextWidth.wrap(TerminalSanitizer.sanitize($0.preview, options: .init(keepNewlines: true)), width: width - 4)
      } ?? []
    // Title, list, rule, preview, footer; the list gets at most half of what the screen allows.
    let room = max(size.rows - 4, 8)
    let listHeight = min(picker.choices.count, max((room - 3) / 2, 1))
    let previewHeight = min(preview.count, room - 3 - listHeight)
    let height = listHeight + previewHeight + 3
    let rect = Rect(row: max((size.rows - height) / 2, 1), column: max((size.columns - width) / 2, 0), rows: height, columns: width)
    let canvas = screen.canvas(rect)
    for row in 0..<height { canvas.fill(row: row, column: 0, width: width, role: .dialog) }
    canvas.draw(" Send a template ", row: 0, column: 2, width: width - 4, role: .dialogTitle)
    let first = min(max(picker.selection - listHeight + 1, 0), max(picker.choices.count - listHeight, 0))
    for (offset, position) in (first..<min(first + listHeight, picker.choices.count)).enumerated() {
      let template = picker.choices[position].template
      let kind = template.type.map { $0.rawValue.lowercased().replacingOccurrences(of: "_", with: " ") } ?? ""
      let name = TerminalSanitizer.sanitize(template.name ?? template.id)
      let selected = position == picker.selection
      let role: StyleRole = selected ? .listSelected : .dialog
      if selected { canvas.fill(row: 1 + offset, column: 1, width: width - 2, role: role) }
      canvas.draw(TextWidth.fit(name, to: width - 22), row: 1 + offset, column: 2, width: width - 22, role: role)
      canvas.draw(TerminalSanitizer.sanitize(kind), row: 1 + offset, column: width - 18, width: 16, role: selected ? role : .textDim)
    }
    canvas.draw(String(repeating: "─", count: width - 2), row: 1 + listHeight, column: 1, width: width - 2, role: .dialog)
    for (offset, line) in preview.prefix(previewHeight).enumerated() {
      canvas.draw(line, row: 2 + listHeight + offset, column: 2, width: width - 4, role: .messageYou)
    }
    canvas.draw("Enter sends · j/k choose · Esc cancels", row: height - 1, column: 2, width: width - 4, role: .dialogTitle)
  }

  /// `:audit`: who took over, sent and handed back what, newest at the bottom.
  static func audit(_ entries: [AuditEntry], scroll: Int, on screen: any Screen) {
    let size = screen.size
    let width = max(size.columns - 4, 30)
    let height = max(size.rows - 4, 6)
    let rect = Rect(row: 2, column: 2, rows: height, columns: width)
    let canvas = screen.canvas(rect)
    for row in 0..<height { canvas.fill(row: row, column: 0, width: width, role: .dialog) }
    canvas.draw(" Audit log · \(entries.count) entries ", row: 0, column: 2, width: width - 4, role: .dialogTitle)
    let rows = height - 2
    let end = max(entries.count - scroll, 0)
    let visible = entries[max(end - rows, 0)..<end]
    if entries.isEmpty {
      canvas.draw("Nothing yet: take-overs, sends and hand-backs are recorded here.", row: 1, column: 2, width: width - 4, role: .textDim)
    }
    for (offset, entry) in visible.enumerated() {
      let time = auditTime.string(from: entry.time)
      let outcome = TerminalSanitizer.sanitize(entry.outcome)
      let line =
        "\(time)  \(TextWidth.fit(entry.action.rawValue, to: 13))  \(TextWidth.fit(outcome, to: 18))  "
        + TerminalSanitizer.sanitize(
          "\(entry.conversation.isEmpty ? "campaign " + (entry.campaign ?? "?") : entry.conversation)  \(entry.user)"
            + (entry.detail.map { "  " + $0 } ?? ""))
      let role: StyleRole = entry.outcome == "ok" ? .dialog : .bannerError
      canvas.draw(line, row: 1 + offset, column: 2, width: width - 4, role: role)
    }
    canvas.draw("j/k scroll · Esc closes", row: height - 1, column: 2, width: width - 4, role: .dialogTitle)
  }

  /// `v`: every field of a campaign, scrolled; e edits, a and b launch.
  static func campaign(_ campaign: Campaign, state: AppState, scroll: Int, on screen: any Screen) {
    let (canvas, rect) = Chrome.largeDialog("Campaign · \(TerminalSanitizer.sanitize(campaign.campaignTitle))", on: screen)
    let (width, height) = (rect.columns, rect.rows)
    let lines = CampaignRows.allFields(campaign, state: state, width: width - 4)
    let rows = height - 2
    let first = min(scroll, max(lines.count - rows, 0))
    for (offset, line) in lines.dropFirst(first).prefix(rows).enumerated() {
      canvas.draw(line.text, row: 1 + offset, column: 2, width: width - 4, role: line.role)
    }
    canvas.draw(
      "e edit · a start one · b start from CSV · j/k scroll · Esc closes", row: height - 1, column: 2, width: width - 4, role: .dialogTitle)
  }

  static let auditTime: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
    return formatter
  }()

  /// The prompt replaces the status line; the terminal cursor shows where typing goes.
  static func prompt(_ prompt: PromptState, in rect: Rect, on screen: any Screen) {
    let canvas = screen.canvas(rect)
    canvas.fill(row: 0, column: 0, width: rect.columns, role: .prompt)
    let lead: String
    let hint: String
    switch prompt.kind {
    case .filter:
      lead = "/"
      hint = "  name, phone, email or external id · Enter keeps · Esc clears"
    case .command:
      lead = ":"
      hint = "  Tab completes · Enter runs · Esc cancels"
    case .csvPath:
      lead = "CSV file: "
      hint = "  Tab completes · Enter reads it (nothing is sent yet) · Esc cancels"
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
    screen.placeCursor(row: rect.row, column: rect.column + min(cursorColumn, rect.columns - 1))
  }
}
