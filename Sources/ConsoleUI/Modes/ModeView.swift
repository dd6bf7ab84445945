import ConsoleCore
import Foundation

/// What a view draws a mode with: the state as it stands, where the panes are, the screen, and the clock.
struct Frame {
  var state: AppState
  var viewport: Viewport
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
  /// Draws the mode; returns where the terminal cursor goes when the mode takes typing.
  func draw(_ mode: Mode, isTop: Bool, in frame: Frame) -> (row: Int, column: Int)?
}

/// Every mode's view, by the mode's type: the one place a new screen's view is registered.
final class ModeViews {
  private var drawers: [ObjectIdentifier: (any ConsoleMode, Bool, Frame) -> (row: Int, column: Int)?] = [:]

  init() {
    register(ComposerModeView())
    register(PromptView())
    register(ConfirmView())
    register(TemplatePickerView())
    register(HelpView())
    register(AuditView())
    register(MessagesView())
    register(CampaignDetailView())
    register(FormModeView())
    register(BulkView())
  }

  private func register<View: ModeView>(_ view: View) {
    let kind = ObjectIdentifier(View.Mode.self)
    drawers[kind] = { mode, isTop, frame in (mode as? View.Mode).flatMap { view.draw($0, isTop: isTop, in: frame) } }
  }

  func draw(_ mode: any ConsoleMode, isTop: Bool, in frame: Frame) -> (row: Int, column: Int)? {
    drawers[ObjectIdentifier(type(of: mode))]?(mode, isTop, frame)
  }
}
