import ConsoleCore

/// A question in a box in the middle of the screen, with its answers' keys.
final class ConfirmView: ModeView {
  func draw(_ confirmation: ConfirmMode, isTop: Bool, in frame: Frame) -> (row: Int, column: Int)? {
    let size = frame.screen.size
    let width = min(max(TextWidth.columns(confirmation.message) + 6, 40), size.columns - 4)
    let message = TextWidth.wrap(confirmation.message, width: width - 4)
    let height = message.count + 4
    let rect = Rect(row: max((size.rows - height) / 2, 1), column: max((size.columns - width) / 2, 0), rows: height, columns: width)
    let canvas = frame.screen.canvas(rect)
    for row in 0..<height { canvas.fill(row: row, column: 0, width: width, role: .dialog) }
    canvas.draw(" \(confirmation.title) ", row: 0, column: 2, width: width - 4, role: .dialogTitle)
    for (offset, line) in message.enumerated() { canvas.draw(line, row: 1 + offset, column: 2, width: width - 4, role: .dialog) }
    canvas.draw(Self.answers(frame.state.bindings), row: height - 2, column: 2, width: width - 4, role: .dialogTitle)
    return nil
  }

  /// "y yes    n / Esc no", from the `confirm` context's keys.
  static func answers(_ bindings: Bindings) -> String {
    func shown(_ command: CommandName) -> String {
      // Upper case is the same answer as lower case, and Enter the usual one: the others say enough. Enter alone is
      // still shown.
      let bound = bindings.keys(for: command, in: [.confirm])
      var keys: [Key] = []
      for key in bound {
        if case .character(let letter) = key, keys.contains(.character(Character(letter.lowercased()))) { continue }
        if key == .enter && bound.count > 1 { continue }
        keys.append(key)
      }
      return keys.isEmpty ? "(unbound)" : keys.map(\.notation).joined(separator: " / ")
    }
    return "\(shown(ConfirmCommands.yes)) yes    \(shown(ConfirmCommands.no)) no"
  }
}
