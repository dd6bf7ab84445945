import ConsoleCore

/// `T`: template names on the left half, the selected one's filled-in preview below them,
/// exactly what the candidate will read.
final class TemplatePickerView: ModeView {
  func draw(_ mode: TemplatePickerMode, isTop: Bool, in frame: Frame) -> (row: Int, column: Int)? {
    let picker = mode.picker
    let size = frame.screen.size
    let width = min(max(size.columns - 8, 30), 100)
    let preview =
      picker.selected.map {
        TextWidth.wrap(TerminalSanitizer.sanitize($0.preview, options: .init(keepNewlines: true)), width: width - 4)
      } ?? []
    // Title, list, rule, preview, footer; the list gets at most half of what the screen allows.
    let room = max(size.rows - 4, 8)
    let listHeight = min(picker.choices.count, max((room - 3) / 2, 1))
    let previewHeight = min(preview.count, room - 3 - listHeight)
    let height = listHeight + previewHeight + 3
    let rect = Rect(row: max((size.rows - height) / 2, 1), column: max((size.columns - width) / 2, 0), rows: height, columns: width)
    let canvas = frame.screen.canvas(rect)
    for row in 0..<height { canvas.fill(row: row, column: 0, width: width, role: .dialog) }
    canvas.draw(" Send a template ", row: 0, column: 2, width: width - 4, role: .dialogTitle)
    let first = min(max(picker.selection - listHeight + 1, 0), max(picker.choices.count - listHeight, 0))
    for (offset, position) in (first..<min(first + listHeight, picker.choices.count)).enumerated() {
      let template = picker.choices[position].template
      let kind = template.type.map { $0.rawValue.lowercased().replacingOccurrences(of: "_", with: " ") } ?? ""
      let name = TerminalSanitizer.sanitize(template.name ?? template.id)
      let selected = position == picker.selection
      let role: StyleRole = selected ? .listSelected : .dialog
      if selected { canvas.fill(row: 1 + offset, column: 1, width: width - 2, role: role) }
      canvas.draw(TextWidth.fit(name, to: width - 22), row: 1 + offset, column: 2, width: width - 22, role: role)
      canvas.draw(TerminalSanitizer.sanitize(kind), row: 1 + offset, column: width - 18, width: 16, role: selected ? role : .textDim)
    }
    canvas.draw(String(repeating: "─", count: width - 2), row: 1 + listHeight, column: 1, width: width - 2, role: .dialog)
    for (offset, line) in preview.prefix(previewHeight).enumerated() {
      canvas.draw(line, row: 2 + listHeight + offset, column: 2, width: width - 4, role: .messageYou)
    }
    let contexts = mode.keyContexts
    let footer =
      "\(frame.key(PickerCommands.choose, in: contexts)) sends · \(frame.key(.moveDown, in: contexts))/\(frame.key(.moveUp, in: contexts)) choose · \(frame.key(.close, in: contexts)) cancels"
    canvas.draw(footer, row: height - 1, column: 2, width: width - 4, role: .dialogTitle)
    return nil
  }
}
