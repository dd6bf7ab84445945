/// Where everything goes for a screen size: a title bar, the panes, a status line. Wide terminals show the three
/// panes side by side; narrower ones one pane at a time, each over the whole body.
///
/// It is computed from the screen size before keys are handled (`AppState.resize(to:)`), so that a page, the
/// stacking and every scroll limit are known where the state changes; the renderer only reads it.
public struct Viewport: Hashable, Sendable {
  public static let sideBySideMinimumColumns = 120
  /// From this width an open thread gets the room to be read (`Layout.reading`); below it, panes stack.
  public static let readingRoomMinimumColumns = 100
  /// Below this the renderer says the window is too small instead of drawing panes.
  public static let minimum = Size(rows: 6, columns: 30)

  /// What the panes are arranged for.
  public enum Layout: Hashable, Sendable {
    /// Browsing: campaigns, conversations and thread side by side (from 120 columns).
    case panes
    /// A thread open and being read: it gets most of the width, the list keeps names, status and age, and the
    /// campaigns fold away (from 160 columns they keep a narrow strip).
    case reading
    /// The open thread over the whole width (`z`).
    case fullThread
  }

  public private(set) var size: Size
  public private(set) var layout: Layout
  public private(set) var titleBar: Rect
  public private(set) var statusBar: Rect
  /// Each pane's rect; stacked, every pane has the whole body and one of them shows.
  public private(set) var panes: [PaneID: Rect]
  public private(set) var separators: [Rect]
  public private(set) var isStacked: Bool
  /// Panes folded away in this layout (the campaigns while a thread is read at under 160 columns).
  public private(set) var hiddenPanes: Set<PaneID> = []

  public init(size: Size, layout: Layout = .panes) {
    self.size = size
    self.layout = layout
    titleBar = Rect(row: 0, column: 0, rows: 1, columns: size.columns)
    statusBar = Rect(row: max(size.rows - 1, 0), column: 0, rows: 1, columns: size.columns)
    let body = Rect(row: 1, column: 0, rows: size.rows - 2, columns: size.columns)
    panes = [:]
    separators = []
    isStacked = false
    switch layout {
    case .fullThread:
      panes = [.campaigns: body, .conversations: body, .thread: body]
      hiddenPanes = [.campaigns, .conversations]
    case .reading where size.columns >= Self.readingRoomMinimumColumns:
      let campaignsWidth = size.columns >= 160 ? min(28, size.columns / 6) : 0
      let listWidth = size.columns >= 160 ? 44 : max(36, (size.columns - campaignsWidth) * 32 / 100)
      arrange(body, widths: [campaignsWidth, listWidth, size.columns - campaignsWidth - listWidth - (campaignsWidth > 0 ? 2 : 1)])
      if campaignsWidth == 0 { hiddenPanes = [.campaigns] }
    case .panes, .reading:
      if size.columns >= Self.sideBySideMinimumColumns {
        let campaignsWidth = min(36, size.columns / 4)
        let remaining = size.columns - campaignsWidth - 2
        let conversationsWidth = remaining * 55 / 100
        arrange(body, widths: [campaignsWidth, conversationsWidth, remaining - conversationsWidth])
      } else {
        isStacked = true
        panes = [.campaigns: body, .conversations: body, .thread: body]
      }
    }
  }

  /// The three panes left to right at these widths (a zero width folds the pane away), a separator between each.
  private mutating func arrange(_ body: Rect, widths: [Int]) {
    var column = 0
    for (pane, width) in zip([PaneID.campaigns, .conversations, .thread], widths) {
      panes[pane] = Rect(row: body.row, column: column, rows: body.rows, columns: width)
      guard width > 0 else { continue }
      column += width
      if pane != .thread {
        separators.append(Rect(row: body.row, column: column, rows: body.rows, columns: 1))
        column += 1
      }
    }
  }

  public var isTooSmall: Bool { size.rows < Self.minimum.rows || size.columns < Self.minimum.columns }

  /// The panes on screen: all three side by side, or the focused one stacked (the list while no thread is open).
  public func shownPanes(focus: PaneID, threadOpen: Bool) -> [PaneID] {
    if layout == .fullThread && threadOpen { return [.thread] }
    guard isStacked else { return PaneID.allCases.filter { !hiddenPanes.contains($0) } }
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
