extension AppState {
  /// Lays the panes out for a new screen size. The UI loop calls it before it hands over keys, so pages, stacking and
  /// scroll limits are those of the screen the keys act on.
  public mutating func resize(to size: Size) {
    guard viewport.size != size || viewport.layout != layoutWanted else { return }
    viewport = Viewport(size: size, layout: layoutWanted)
    clampThreadScroll()
    clampModeScrolls()
  }

  /// What the panes are arranged for now: reading while a thread is open and the campaigns are not being browsed,
  /// the whole width for it when zoomed.
  var layoutWanted: Viewport.Layout {
    guard thread != nil else { return .panes }
    if threadZoomed && focus == .thread { return .fullThread }
    return focus == .campaigns ? .panes : .reading
  }

  /// The same screen laid out again after the thread opened, closed or was zoomed, or the focus moved.
  mutating func relayout() { resize(to: viewport.size) }

  /// One pane at a time on narrow terminals.
  public var isStacked: Bool { viewport.isStacked }

  /// Rows a page moves in the focused pane: the list's rows, or the rows the open thread's messages get (PgUp/PgDn
  /// move by one less, so no line is skipped and one is kept for context).
  public var pageSize: Int {
    if focus == .thread, let page = threadPage, page.messageRows > 0 { return max(page.messageRows, 2) }
    return viewport.listPageSize
  }
}
