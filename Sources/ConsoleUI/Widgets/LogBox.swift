import ConsoleCore

/// The box of a `LogPagerMode`: a title, the entries that fit (newest at the bottom, as far up as the mode is
/// scrolled), a sentence when there are none, and the keys that scroll and close it.
enum LogBox {
  static func draw<Entry>(
    _ entries: [Entry], scroll: Int, rows: Int, title: String, empty: String, contexts: [KeyContext], in frame: Frame,
    line: (Entry) -> (text: String, role: StyleRole)
  ) {
    let rect = frame.viewport.auditBox
    let (width, height) = (rect.columns, rect.rows)
    let canvas = frame.screen.canvas(rect)
    for row in 0..<height { canvas.fill(row: row, column: 0, width: width, role: .dialog) }
    canvas.draw(" \(title) ", row: 0, column: 2, width: width - 4, role: .dialogTitle)
    if entries.isEmpty { canvas.draw(empty, row: 1, column: 2, width: width - 4, role: .textDim) }
    let end = max(entries.count - scroll, 0)
    for (offset, entry) in entries[max(end - rows, 0)..<end].enumerated() {
      let (text, role) = line(entry)
      canvas.draw(text, row: 1 + offset, column: 2, width: width - 4, role: role)
    }
    let footer =
      "\(frame.key(.moveDown, in: contexts))/\(frame.key(.moveUp, in: contexts)) scroll · \(frame.key(.close, in: contexts)) closes"
    canvas.draw(footer, row: height - 1, column: 2, width: width - 4, role: .dialogTitle)
  }
}
