import ConsoleCore
import Foundation

/// What a view draws a mode with: the state as it stands, where the panes are, the screen, and the clock.
struct Frame {
  var state: AppState
  var layout: Layout
  var screen: any Screen
  var now: Date

  /// The live keys of a mode's contexts, for the hints a view shows.
  func key(_ command: CommandName, in contexts: [KeyContext]) -> String {
    state.bindings.key(for: command, in: contexts)
  }
}

/// Draws one kind of mode over the panes. A view may keep what scrolling needs between frames; it never
/// changes the state.
protocol ModeView: AnyObject {
  associatedtype Mode: ConsoleMode
  /// Rows the mode takes at the foot of the thread pane (the composer); the thread draws above them.
  func threadFootRows(_ mode: Mode, in frame: Frame, thread: Rect) -> Int
  /// Draws the mode; returns where the terminal cursor goes when the mode takes typing.
  func draw(_ mode: Mode, isTop: Bool, in frame: Frame) -> (row: Int, column: Int)?
}

extension ModeView {
  func threadFootRows(_ mode: Mode, in frame: Frame, thread: Rect) -> Int { 0 }
}

/// Every mode's view, by the mode's type: the one place a new screen's view is registered.
final class ModeViews {
  private var footRows: [ObjectIdentifier: (any ConsoleMode, Frame, Rect) -> Int] = [:]
  private var drawers: [ObjectIdentifier: (any ConsoleMode, Bool, Frame) -> (row: Int, column: Int)?] = [:]

  init() {
    register(ComposerModeView())
    register(PromptView())
    register(ConfirmView())
    register(TemplatePickerView())
    register(HelpView())
    register(AuditView())
    register(CampaignDetailView())
    register(FormModeView())
    register(BulkView())
  }

  private func register<View: ModeView>(_ view: View) {
    let kind = ObjectIdentifier(View.Mode.self)
    footRows[kind] = { mode, frame, thread in (mode as? View.Mode).map { view.threadFootRows($0, in: frame, thread: thread) } ?? 0 }
    drawers[kind] = { mode, isTop, frame in (mode as? View.Mode).flatMap { view.draw($0, isTop: isTop, in: frame) } }
  }

  func threadFootRows(_ mode: any ConsoleMode, in frame: Frame, thread: Rect) -> Int {
    footRows[ObjectIdentifier(type(of: mode))]?(mode, frame, thread) ?? 0
  }

  func draw(_ mode: any ConsoleMode, isTop: Bool, in frame: Frame) -> (row: Int, column: Int)? {
    drawers[ObjectIdentifier(type(of: mode))]?(mode, isTop, frame)
  }
}
