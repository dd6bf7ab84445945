/// Where everything goes for a screen size: a title bar, the panes, a status line. Wide terminals show the three
/// panes side by side; narrower ones one pane at a time, each over the whole body.
///
/// It is computed from the screen size before keys are handled (`AppState.resize(to:)`), so that a page, the
/// stacking and every scroll limit are known where the state changes; the renderer only reads it.
public struct Viewport: Hashable, Sendable {
  public static let sideBySideMinimumColumns = 120
  /// Below this the renderer says the window is too small instead of drawing panes.
  public static let minimum = Size(rows: 6, columns: 30)

  public private(set) var size: Size
  public private(set) var titleBar: Rect
  public private(set) var statusBar: Rect
  /// Each pane's rect; stacked, every pane has the whole body and one of them shows.
  public private(set) var panes: [PaneID: Rect]
  public private(set) var separators: [Rect]
  public private(set) var isStacked: Bool

  public init(size: Size) {
    self.size = size
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
      panes = [.campaigns: body, .conversations: body, .thread: body]
      separators = []
    }
  }

  public var isTooSmall: Bool { size.rows < Self.minimum.rows || size.columns < Self.minimum.columns }

  /// The panes on screen: all three side by side, or the focused one stacked (the list while no thread is open).
  public func shownPanes(focus: PaneID, threadOpen: Bool) -> [PaneID] {
    guard isStacked else { return PaneID.allCases }
    return [focus == .thread && !threadOpen ? .conversations : focus]
  }

  /// Rows a page holds in a list: the pane less its title, its header and one row kept for context.
  public var listPageSize: Int { max((panes[.conversations]?.rows ?? 0) - 3, 1) }

  /// A dialog over the whole window but its top and bottom lines, at most 110 columns wide: the forms, the campaign
  /// view, the CSV launch.
  public var largeDialog: Rect {
    let width = min(max(size.columns - 4, 30), 110)
    return Rect(row: 1, column: max((size.columns - width) / 2, 0), rows: max(size.rows - 2, 6), columns: width)
  }

  /// The audit log's box: the screen less a margin of two.
  public var auditBox: Rect { Rect(row: 2, column: 2, rows: max(size.rows - 4, 6), columns: max(size.columns - 4, 30)) }
}
