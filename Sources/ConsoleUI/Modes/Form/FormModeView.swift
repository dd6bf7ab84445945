import ConsoleCore

/// A campaign or launch form over the panes; the cursor shows in the text field being typed in.
final class FormModeView: ModeView {
  private var view = FormView()

  func draw(_ mode: FormMode, isTop: Bool, in frame: Frame) -> (row: Int, column: Int)? {
    view.render(mode.form, bindings: frame.state.bindings, on: frame.screen)
  }
}
