import ConsoleCore

/// The help, generated from the live bindings: the keys of the screen it was opened on, then the panes' keys. It
/// uses two columns, without the command names, when one column would not fit the window (80×24 included).
final class HelpView: ModeView {
  func draw(_ mode: HelpMode, isTop: Bool, in frame: Frame) -> (row: Int, column: Int)? {
    let bindings = frame.state.bindings
    let size = frame.screen.size
    let maxHeight = size.rows - 2
    let sections = Self.sections(mode.contexts, bindings: bindings)
    func lines(compact: Bool) -> [(String, StyleRole)] {
      var lines: [(String, StyleRole)] = []
      for section in sections {
        // Two columns on a small screen have no room to spare for blank lines.
        if !lines.isEmpty && !compact { lines.append(("", .dialog)) }
        lines.append((section.title, .dialogTitle))
        for entry in section.entries {
          let keys = entry.keys.map(\.notation).joined(separator: " ")
          let name = compact ? "" : (section.runsFromPrompt ? "  :" : "  ") + entry.command.rawValue
          lines.append((TextWidth.fit(keys.isEmpty ? "—" : keys, to: compact ? 9 : 14) + " " + entry.command.summary + name, .dialog))
        }
      }
      return lines
    }
    let contexts = mode.keyContexts
    let close = frame.key(.close, in: contexts)
    let table = mode.contexts.contains(.global) ? "[keymap]" : mode.contexts.first.map { "[keymap.\($0.rawValue)]" } ?? "[keymap]"
    var footer = "\(close) closes · rebind keys in the config's \(table)"
    var columns = [lines(compact: false)]
    if columns[0].count + 3 > maxHeight {
      let all = lines(compact: true)
      let half = (all.count + 1) / 2
      columns = [Array(all.prefix(half)), Array(all.dropFirst(half))]
      // Still taller than the window: the lines flow down the left column and on down the
      // right one, and scroll through both.
      let room = maxHeight - 3
      if half > room {
        let first = min(mode.scroll, all.count - 2 * room)
        let shown = Array(all.dropFirst(first))
        columns = [Array(shown.prefix(room)), Array(shown.dropFirst(room).prefix(room))]
        let scroll = "\(frame.key(.moveDown, in: contexts))/\(frame.key(.moveUp, in: contexts)) scroll"
        footer = (first < all.count - 2 * room ? "↓ " : "↑ ") + scroll + " · \(close) closes · rebind in \(table)"
      }
    }
    let columnWidth = min(columns.flatMap { $0 }.map { TextWidth.columns($0.0) }.max() ?? 30, (size.columns - 6) / columns.count)
    let width = min(max(columnWidth * columns.count + 2 * (columns.count - 1) + 4, TextWidth.columns(footer) + 4), size.columns)
    let height = min((columns.map(\.count).max() ?? 0) + 3, maxHeight)
    let rect = Rect(row: max((size.rows - height) / 2, 1), column: max((size.columns - width) / 2, 0), rows: height, columns: width)
    let canvas = frame.screen.canvas(rect)
    for row in 0..<height { canvas.fill(row: row, column: 0, width: width, role: .dialog) }
    canvas.draw(" Keys ", row: 0, column: 2, role: .dialogTitle)
    for (index, column) in columns.enumerated() {
      let left = 2 + index * (columnWidth + 2)
      for (offset, line) in column.prefix(height - 3).enumerated() {
        canvas.draw(line.0, row: 1 + offset, column: left, width: columnWidth, role: line.1)
      }
    }
    canvas.draw(footer, row: height - 1, column: 2, width: width - 4, role: .textDim)
    return nil
  }

  struct Section {
    var title: String
    var runsFromPrompt: Bool
    var entries: [(command: CommandName, keys: [Key])]
  }

  /// The screen's own contexts first (those that bind something), then the panes' groups.
  static func sections(_ contexts: [KeyContext], bindings: Bindings) -> [Section] {
    var sections: [Section] = []
    for context in contexts where context != .global {
      let keymap = bindings[context]
      let entries = keymap.commands.map { (command: $0, keys: bindings.keys(for: $0, in: contexts)) }.filter { !$0.keys.isEmpty }
      if !entries.isEmpty {
        sections.append(Section(title: context.title, runsFromPrompt: context.chain.contains(.global), entries: entries))
      }
    }
    if contexts.contains(.global) {
      for section in bindings[.global].helpSections {
        let entries = section.entries.map { (command: $0.command, keys: bindings.keys(for: $0.command, in: contexts)) }
        sections.append(Section(title: section.group, runsFromPrompt: true, entries: entries))
      }
    }
    return sections
  }
}
