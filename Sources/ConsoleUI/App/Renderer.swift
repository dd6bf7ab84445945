public import ConsoleCore
public import Foundation

/// Draws a whole frame of the console from the app state: the bars, the panes, then every open mode over them, each
/// by its registered view. It keeps only what scrolling needs between frames (each list's first visible row, the
/// thread's wrapped lines, each view's own scroll).
public final class Renderer {
  private var campaigns = CampaignsPane()
  private var conversations = ConversationsPane()
  private var thread = ThreadPane()
  private let modeViews = ModeViews()

  public init() {}

  /// Lays out for the screen, records page size and stacking in the state, and draws.
  public func render(_ state: inout AppState, on screen: any Screen, now: Date = Date()) {
    let layout = Layout(size: screen.size, focus: state.focus, threadOpen: state.thread != nil)
    state.isStacked = layout.isStacked
    if let focused = layout.panes[state.focus] { state.pageSize = max(focused.rows - 3, 1) }
    let thread = draw(state, layout: layout, on: screen, now: now)
    // A page of the thread is what its messages get under its header (and above the composer):
    // PgUp/PgDn move by one less, so no line is skipped and one is kept for context.
    if state.focus == .thread, let thread { state.pageSize = max(thread.rows, 2) }
    // A scroll past the first line (g, PgUp at the top) comes back to it, so the next j or PgDn
    // moves at once.
    if let scrollBack = thread?.scrollBack, state.thread?.scrollBack != scrollBack { state.thread?.scrollBack = scrollBack }
  }

  /// Draws the frame; returns what the thread used, if a thread is drawn.
  private func draw(_ state: AppState, layout: Layout, on screen: any Screen, now: Date) -> ThreadPane.Drawn? {
    screen.beginFrame()
    var drawnThread: ThreadPane.Drawn?
    guard screen.size.rows >= 6 && screen.size.columns >= 30 else {
      screen.canvas(Rect(row: 0, column: 0, rows: screen.size.rows, columns: screen.size.columns))
        .draw("Window too small", row: 0, column: 0, role: .bannerError)
      screen.endFrame()
      return nil
    }
    let frame = Frame(state: state, layout: layout, screen: screen, now: now)
    Bars.title(state, on: screen.canvas(layout.titleBar))
    for separator in layout.separators { Chrome.separator(on: screen.canvas(separator)) }
    for (pane, rect) in layout.panes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      let canvas = screen.canvas(rect)
      let focused = state.focus == pane
      switch pane {
      case .campaigns: campaigns.render(state, on: canvas, focused: focused)
      case .conversations: conversations.render(state, on: canvas, focused: focused, now: now)
      case .thread:
        // A mode may take the thread's foot (the composer): the messages get what is left.
        let foot = state.modes.map { modeViews.threadFootRows($0, in: frame, thread: rect) }.reduce(0, +)
        let threadRect = Rect(row: rect.row, column: rect.column, rows: rect.rows - foot, columns: rect.columns)
        drawnThread = thread.render(state, on: screen.canvas(threadRect), focused: focused)
      }
    }
    Bars.status(state, on: screen.canvas(layout.statusBar), now: now)
    var cursor: (row: Int, column: Int)?
    for (position, mode) in state.modes.enumerated() {
      if let placed = modeViews.draw(mode, isTop: position == state.modes.count - 1, in: frame) { cursor = placed }
    }
    if let cursor { screen.placeCursor(row: cursor.row, column: cursor.column) }
    screen.endFrame()
    return drawnThread
  }
}
