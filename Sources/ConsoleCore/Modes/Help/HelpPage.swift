/// The help laid out for a screen size, from the live bindings: the keys of the screen it was opened on, then the
/// panes' keys. It uses two columns, without the command names, when one column would not fit the window (80×24
/// included), and scrolls when even two do not. The help's scroll limit and its view both come from here.
public struct HelpPage: Sendable {
  public struct Line: Sendable {
    public var text: String
    public var role: StyleRole
  }

  public struct Section: Sendable {
    public var title: String
    public var runsFromPrompt: Bool
    public var entries: [(command: CommandName, keys: [Key])]
  }

  /// The columns shown now, each a list of lines.
  public private(set) var columns: [[Line]]
  public private(set) var footer: String
  /// How far the lines can scroll: 0 unless two columns still overflow the window.
  public private(set) var scrollLimit = 0
  /// The box, centred on the screen.
  public private(set) var rect: Rect
  public private(set) var columnWidth: Int

  public init(_ mode: HelpMode, bindings: Bindings, size: Size) {
    let maxHeight = size.rows - 2
    let sections = Self.sections(mode.contexts, bindings: bindings)
    func lines(compact: Bool) -> [Line] {
      var lines: [Line] = []
      for section in sections {
        // Two columns on a small screen have no room to spare for blank lines.
        if !lines.isEmpty && !compact { lines.append(Line(text: "", role: .dialog)) }
        lines.append(Line(text: section.title, role: .dialogTitle))
        for entry in section.entries {
          let keys = entry.keys.map(\.notation).joined(separator: " ")
          let name = compact ? "" : (section.runsFromPrompt ? "  :" : "  ") + entry.command.rawValue
          lines.append(
            Line(text: TextWidth.fit(keys.isEmpty ? "—" : keys, to: compact ? 9 : 14) + " " + entry.command.summary + name, role: .dialog))
        }
      }
      return lines
    }
    let contexts = mode.keyContexts
    let close = bindings.key(for: .close, in: contexts)
    let table = mode.contexts.contains(.global) ? "[keymap]" : mode.contexts.first.map { "[keymap.\($0.rawValue)]" } ?? "[keymap]"
    footer = "\(close) closes · rebind keys in the config's \(table)"
    columns = [lines(compact: false)]
    if columns[0].count + 3 > maxHeight {
      let all = lines(compact: true)
      let half = (all.count + 1) / 2
      columns = [Array(all.prefix(half)), Array(all.dropFirst(half))]
      // Still taller than the window: the lines flow down the left column and on down the right one, and scroll
      // through both.
      let room = maxHeight - 3
      if half > room {
        scrollLimit = max(all.count - 2 * room, 0)
        let first = min(mode.scroll, scrollLimit)
        let shown = Array(all.dropFirst(first))
        columns = [Array(shown.prefix(room)), Array(shown.dropFirst(room).prefix(room))]
        let scroll = "\(bindings.key(for: .moveDown, in: contexts))/\(bindings.key(for: .moveUp, in: contexts)) scroll"
        footer = (first < scrollLimit ? "↓ " : "↑ ") + scroll + " · \(close) closes · rebind in \(table)"
      }
    }
    let widest = columns.flatMap { $0 }.map { TextWidth.columns($0.text) }.max() ?? 30
    columnWidth = min(widest, (size.columns - 6) / columns.count)
    let width = min(max(columnWidth * columns.count + 2 * (columns.count - 1) + 4, TextWidth.columns(footer) + 4), size.columns)
    let height = min((columns.map(\.count).max() ?? 0) + 3, maxHeight)
    rect = Rect(row: max((size.rows - height) / 2, 1), column: max((size.columns - width) / 2, 0), rows: height, columns: width)
  }

  /// The screen's own contexts first (those that bind something), then the panes' groups.
  public static func sections(_ contexts: [KeyContext], bindings: Bindings) -> [Section] {
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
