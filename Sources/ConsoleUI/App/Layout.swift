import ConsoleCore

/// Where everything goes for a screen size: a title bar, the panes, a status line.
/// Wide terminals show the three panes side by side; narrower ones one pane at a time.
struct Layout {
  static let sideBySideMinimumColumns = 120

  var titleBar: Rect
  var statusBar: Rect
  var panes: [PaneID: Rect]
  var separators: [Rect]
  var isStacked: Bool

  init(size: Size, focus: PaneID, threadOpen: Bool) {
    titleBar = Rect(row: 0, column: 0, rows: 1, columns: size.columns)
    statusBar = Rect(row: max(size.rows - 1, 0), column: 0, rows: 1, columns: size.columns)
    let body = Rect(row: 1, column: 0, rows: size.rows - 2, columns: size.columns)
    if size.columns >= Self.sideBySideMinimumColumns {
      isStacked = false
      let campaignsWidth = min(36, size.columns / 4)
      let remaining = size.columns - campaignsWidth - 2
      let conversationsWidth = remaining * 55 / 100
      let threadWidth = remaining - conversationsWidth
      panes = [
        .campaigns: Rect(row: body.row, column: 0, rows: body.rows, columns: campaignsWidth),
        .conversations: Rect(row: body.row, column: campaignsWidth + 1, rows: body.rows, columns: conversationsWidth),
        .thread: Rect(row: body.row, column: campaignsWidth + conversationsWidth + 2, rows: body.rows, columns: threadWidth),
      ]
      separators = [
        Rect(row: body.row, column: campaignsWidth, rows: body.rows, columns: 1),
        Rect(row: body.row, column: campaignsWidth + conversationsWidth + 1, rows: body.rows, columns: 1),
      ]
    } else {
      isStacked = true
      let shown: PaneID = focus == .thread && !threadOpen ? .conversations : focus
      panes = [shown: body]
      separators = []
    }
  }
}
