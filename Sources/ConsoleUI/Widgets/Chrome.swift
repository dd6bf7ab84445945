import ConsoleCore

/// The small pieces every pane shares: its title row and the separators between panes.
enum Chrome {
  static func title(_ text: String, on canvas: any Canvas, focused: Bool, trailing: String = "") {
    let role: StyleRole = focused ? .paneTitleFocused : .paneTitle
    canvas.fill(row: 0, column: 0, width: canvas.size.columns, role: role)
    let trailingWidth = TextWidth.columns(trailing)
    canvas.draw(" " + text, row: 0, column: 0, width: canvas.size.columns - trailingWidth - 1, role: role)
    if !trailing.isEmpty {
      canvas.draw(trailing, row: 0, column: max(canvas.size.columns - trailingWidth - 1, 0), width: trailingWidth, role: role)
    }
  }

  static func separator(on canvas: any Canvas) {
    for row in 0..<canvas.size.rows { canvas.draw("│", row: row, column: 0, width: 1, role: .paneBorder) }
  }

  /// A dialog over the whole window but its top and bottom lines, at most 110 columns wide,
  /// with its title on the top row: forms, the campaign view, the CSV launch.
  static func largeDialog(_ title: String, on screen: any Screen) -> (canvas: any Canvas, rect: Rect) {
    let rect = Viewport(size: screen.size).largeDialog
    let (width, height) = (rect.columns, rect.rows)
    let canvas = screen.canvas(rect)
    for row in 0..<height { canvas.fill(row: row, column: 0, width: width, role: .dialog) }
    canvas.draw(" \(title) ", row: 0, column: 2, width: width - 4, role: .dialogTitle)
    return (canvas, rect)
  }

  /// A message in the middle of an empty pane.
  static func placeholder(_ text: String, on canvas: any Canvas, row: Int) {
    let lines = TextWidth.wrap(text, width: max(canvas.size.columns - 4, 10))
    for (offset, line) in lines.enumerated() {
      canvas.draw(line, row: row + offset, column: 2, width: canvas.size.columns - 4, role: .textDim)
    }
  }
}
