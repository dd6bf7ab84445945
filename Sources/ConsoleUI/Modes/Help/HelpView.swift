import ConsoleCore

/// The help as `HelpPage` lays it out for the screen: a box of one or two columns of keys and a footer.
final class HelpView: ModeView {
  func draw(_ mode: HelpMode, isTop: Bool, in frame: Frame) -> (row: Int, column: Int)? {
    let page = HelpPage(mode, bindings: frame.state.bindings, size: frame.viewport.size)
    let rect = page.rect
    let canvas = frame.screen.canvas(rect)
    for row in 0..<rect.rows { canvas.fill(row: row, column: 0, width: rect.columns, role: .dialog) }
    canvas.draw(" Keys ", row: 0, column: 2, role: .dialogTitle)
    for (index, column) in page.columns.enumerated() {
      let left = 2 + index * (page.columnWidth + 2)
      for (offset, line) in column.prefix(rect.rows - 3).enumerated() {
        canvas.draw(line.text, row: 1 + offset, column: left, width: page.columnWidth, role: line.role)
      }
    }
    canvas.draw(page.footer, row: rect.rows - 1, column: 2, width: rect.columns - 4, role: .textDim)
    return nil
  }
}
