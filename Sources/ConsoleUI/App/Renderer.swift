public import ConsoleCore
public import Foundation

/// Draws a whole frame of the console from the app state. It keeps only what scrolling needs
/// between frames (each list's first visible row, the thread's wrapped lines).
public final class Renderer {
  private var campaigns = CampaignsPane()
  private var conversations = ConversationsPane()
  private var thread = ThreadPane()
  private var composer = ComposerView()
  private var form = FormView()
  public var keymap: Keymap
  private var composerCursor: (row: Int, column: Int)?

  public init(keymap: Keymap) {
    self.keymap = keymap
  }

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
    composerCursor = nil
    var drawnThread: ThreadPane.Drawn?
    guard screen.size.rows >= 6 && screen.size.columns >= 30 else {
      screen.canvas(Rect(row: 0, column: 0, rows: screen.size.rows, columns: screen.size.columns))
        .draw("Window too small", row: 0, column: 0, role: .bannerError)
      screen.endFrame()
      return nil
    }
    Bars.title(state, on: screen.canvas(layout.titleBar))
    for separator in layout.separators { Chrome.separator(on: screen.canvas(separator)) }
    for (pane, rect) in layout.panes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
      let canvas = screen.canvas(rect)
      let focused = state.focus == pane
      switch pane {
      case .campaigns: campaigns.render(state, on: canvas, focused: focused)
      case .conversations: conversations.render(state, on: canvas, focused: focused, now: now)
      case .thread:
        // The composer takes the foot of the thread: as many lines as the draft needs, up to half.
        if let draft = state.composer, let conversation = state.openConversation {
          let rows = composer.rows(for: draft, columns: rect.columns, maximum: rect.rows / 2)
          let threadRect = Rect(row: rect.row, column: rect.column, rows: rect.rows - rows, columns: rect.columns)
          drawnThread = thread.render(state, on: screen.canvas(threadRect), focused: focused)
          let composerRect = Rect(row: rect.row + rect.rows - rows, column: rect.column, rows: rows, columns: rect.columns)
          let name = TerminalSanitizer.sanitize(conversation.participantName)
          if state.overlay == nil,
            let cursor = composer.render(draft, recipient: name, keys: state.composerKeys, in: composerRect, on: screen, focused: focused)
          {
            composerCursor = cursor
          } else {
            composer.render(draft, recipient: name, keys: state.composerKeys, in: composerRect, on: screen, focused: false)
          }
        } else {
          drawnThread = thread.render(state, on: canvas, focused: focused)
        }
      }
    }
    switch state.overlay {
    case .prompt(let prompt): Overlays.prompt(prompt, in: layout.statusBar, on: screen)
    default: Bars.status(state, keymap: keymap, on: screen.canvas(layout.statusBar), now: now)
    }
    if let composerCursor { screen.placeCursor(row: composerCursor.row, column: composerCursor.column) }
    switch state.overlay {
    case .help: Overlays.help(keymap, scroll: state.helpScroll, on: screen)
    case .confirm(let confirmation): Overlays.confirm(confirmation, on: screen)
    case .templates(let picker): Overlays.templates(picker, on: screen)
    case .audit(let entries, let scroll): Overlays.audit(entries, scroll: scroll, on: screen)
    case .campaign(let id, let scroll):
      if let campaign = state.campaign(id: id) { Overlays.campaign(campaign, state: state, scroll: scroll, on: screen) }
    case .bulk(let bulk): BulkView.render(bulk, on: screen)
    case .form(let state):
      if let cursor = form.render(state, on: screen) { screen.placeCursor(row: cursor.row, column: cursor.column) }
    default: break
    }
    screen.endFrame()
    return drawnThread
  }
}
