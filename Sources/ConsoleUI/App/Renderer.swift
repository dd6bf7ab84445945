public import ConsoleCore
public import Foundation

/// Draws a whole frame of the console from the app state: the bars, the panes, then every open mode over them, each
/// by its registered view. It reads the state and changes nothing in it: where things go is the state's viewport,
/// set for the screen size before keys are handled. It keeps only what drawing needs between frames (each list's
/// first visible row, the thread's wrapped lines, the composer's first line shown).
public final class Renderer {
  private var campaigns = CampaignsPane()
  private var conversations = ConversationsPane()
  private var thread = ThreadPane()
  private let modeViews = ModeViews()

  public init() {}

  /// Draws the state as laid out by its viewport. A screen of another size than the viewport's (a resize not yet
  /// handed to the state) is drawn at the viewport's size, clipped by the screen.
  public func render(_ state: AppState, on screen: any Screen, now: Date = Date()) {
    let viewport = state.viewport
    screen.beginFrame()
    defer { screen.endFrame() }
    guard !viewport.isTooSmall else {
      screen.canvas(Rect(row: 0, column: 0, rows: screen.size.rows, columns: screen.size.columns))
        .draw("Window too small", row: 0, column: 0, role: .bannerError)
      return
    }
    let frame = Frame(state: state, viewport: viewport, screen: screen, now: now)
    Bars.title(state, on: screen.canvas(viewport.titleBar))
    for separator in viewport.separators { Chrome.separator(on: screen.canvas(separator)) }
    for pane in viewport.shownPanes(focus: state.focus, threadOpen: state.thread != nil) {
      guard let rect = viewport.panes[pane] else { continue }
      let focused = state.focus == pane
      switch pane {
      case .campaigns: campaigns.render(state, on: screen.canvas(rect), focused: focused)
      case .conversations: conversations.render(state, on: screen.canvas(rect), focused: focused, now: now)
      case .thread:
        // The composer takes the thread's foot: the messages get what is left.
        let page = state.threadPage
        thread.render(state, page: page, on: screen.canvas(page?.rect ?? rect), focused: focused)
      }
    }
    Bars.status(state, on: screen.canvas(viewport.statusBar), now: now)
    var cursor: (row: Int, column: Int)?
    for (position, mode) in state.modes.enumerated() {
      if let placed = modeViews.draw(mode, isTop: position == state.modes.count - 1, in: frame) { cursor = placed }
    }
    if let cursor { screen.placeCursor(row: cursor.row, column: cursor.column) }
  }
}
