public import ConsoleCore

/// A form drawn over the panes: a label column, the values (text with the cursor, choices,
/// toggles, buttons), hints in dim, and each field's problems under it. The box scrolls to
/// keep the focused field in view; the footer names the keys and how many problems remain.
public struct FormView {
  private var top = 0

  public init() {}

  struct Line {
    var key: String
    var segments: [(String, StyleRole)]
    /// Where the terminal cursor goes on this line (column within the value area).
    var cursor: Int?
  }

  /// Draws the form and returns where the terminal cursor belongs (screen coordinates) when a
  /// text field has focus.
  @discardableResult
  public mutating func render(_ form: FormState, bindings: Bindings, on screen: any Screen) -> (row: Int, column: Int)? {
    let (canvas, rect) = Chrome.largeDialog(form.title, on: screen)
    let (width, height) = (rect.columns, rect.rows)

    let labelWidth = min(22, width / 3)
    let valueColumn = 2 + labelWidth + 1
    let valueWidth = max(width - valueColumn - 2, 8)
    let errors = form.shownErrors
    var header: [(String, StyleRole)] = (errors[""] ?? []).flatMap { problem in
      TextWidth.wrap("✗ " + problem, width: width - 4).map { ($0, StyleRole.bannerError) }
    }
    if let confirmation = form.confirmation {
      let answers =
        "\(bindings.key(for: ConfirmCommands.yes, in: [.confirm])) yes · \(bindings.key(for: ConfirmCommands.no, in: [.confirm])) no"
      header += TextWidth.wrap("? " + confirmation + "  " + answers, width: width - 4).map { ($0, StyleRole.listSelected) }
    }
    let headerLines = header.suffix(4)
    for (offset, line) in headerLines.enumerated() {
      canvas.draw(line.0, row: 1 + offset, column: 2, width: width - 4, role: line.1)
    }

    let lines = Self.lines(form, errors: errors, valueWidth: valueWidth, labelWidth: labelWidth, bindings: bindings)
    let bodyTop = 1 + headerLines.count
    let bodyRows = max(height - bodyTop - 1, 1)
    let focusLines = lines.indices.filter { lines[$0].key == form.focusKey }
    if let first = focusLines.first, let last = focusLines.last {
      if first < top { top = first }
      if last >= top + bodyRows { top = min(first, last - bodyRows + 1) }
    }
    top = max(min(top, lines.count - bodyRows), 0)
    var cursor: (row: Int, column: Int)?
    for (offset, line) in lines[top..<min(top + bodyRows, lines.count)].enumerated() {
      var column = 2
      for (index, segment) in line.segments.enumerated() {
        if index == 1 { column = valueColumn }
        let room = width - 2 - column
        guard room > 0 else { break }
        column += canvas.draw(segment.0, row: bodyTop + offset, column: column, width: room, role: segment.1)
      }
      if let at = line.cursor {
        cursor = (rect.row + bodyTop + offset, rect.column + min(valueColumn + at, width - 3))
      }
    }
    if top > 0 { canvas.draw("↑", row: bodyTop, column: width - 2, role: .textDim) }
    if top + bodyRows < lines.count { canvas.draw("↓", row: bodyTop + bodyRows - 1, column: width - 2, role: .textDim) }

    let problems = form.errors.count
    let state =
      form.isSubmitting
      ? "sending…" : problems == 0 ? "ready" : "\(problems) problem\(problems == 1 ? "" : "s")"
    let footer = "\(state) · " + Self.footer(bindings)
    canvas.draw(footer, row: height - 1, column: 2, width: width - 4, role: .dialogTitle)
    return cursor
  }

  static func lines(_ form: FormState, errors: [String: [String]], valueWidth: Int, labelWidth: Int, bindings: Bindings) -> [Line] {
    var lines: [Line] = []
    for field in form.fields {
      let focused = field.key == form.focusKey
      let labelRole: StyleRole = focused ? .listSelected : .dialog
      let label = TextWidth.fit(field.label + (field.isRequired ? " *" : ""), to: labelWidth)
      let value = form.values[field.key]
      switch field.kind {
      case .section:
        if !lines.isEmpty { lines.append(Line(key: field.key, segments: [])) }
        lines.append(Line(key: field.key, segments: [("── " + field.label + " ──", .dialogTitle)]))
      case .text:
        let shown = TerminalSanitizer.sanitize(value)
        var cursor: Int?
        var visible = shown
        if focused {
          let before = TerminalSanitizer.sanitize(
            String(value.prefix(form.editor?.key == field.key ? form.editor!.state.cursor : value.count)))
          var at = TextWidth.columns(before)
          // Long values scroll so that the cursor stays in view.
          if at >= valueWidth - 1 {
            let drop = at - (valueWidth - 2)
            visible = String(Self.dropColumns(drop, of: shown))
            at -= drop
          }
          cursor = at
        }
        lines.append(
          Line(
            key: field.key,
            segments: [(label, labelRole), (visible, .textNormal)] + hint(field, bindings: bindings, after: visible, width: valueWidth),
            cursor: cursor))
      case .longText:
        let shown = TerminalSanitizer.sanitize(value, options: .init(keepNewlines: true))
        let wrapped = TextWidth.wrap(shown, width: valueWidth - 1)
        let limit = focused ? 8 : 2
        var cursorLine: Int?
        var cursorColumn: Int?
        if focused {
          let cut = form.editor?.key == field.key ? form.editor!.state.cursor : value.count
          let before = TextWidth.wrap(
            TerminalSanitizer.sanitize(String(value.prefix(cut)), options: .init(keepNewlines: true)), width: valueWidth - 1)
          cursorLine = max(before.count - 1, 0)
          cursorColumn = TextWidth.columns(before.last ?? "")
        }
        let first = max(min((cursorLine ?? 0) - limit + 1, wrapped.count - limit), 0)
        let shownLines = Array(wrapped.dropFirst(first).prefix(limit))
        for (offset, text) in (shownLines.isEmpty ? [""] : shownLines).enumerated() {
          var segments: [(String, StyleRole)] = [
            (offset == 0 ? label : String(repeating: " ", count: labelWidth), offset == 0 ? labelRole : .dialog)
          ]
          let more = offset == shownLines.count - 1 && first + shownLines.count < wrapped.count && !focused
          segments.append((text + (more ? " …" : ""), .textNormal))
          if offset == 0 { segments += hint(field, bindings: bindings, after: text, width: valueWidth) }
          let cursor = cursorLine.flatMap { $0 - first == offset ? cursorColumn : nil }
          lines.append(Line(key: field.key, segments: segments, cursor: cursor))
        }
      case .choice(let choices):
        var segments: [(String, StyleRole)] = [(label, labelRole)]
        let all = choices.map { TerminalSanitizer.sanitize($0.label) }
        let total = all.reduce(0) { $0 + TextWidth.columns($1) + 3 }
        if total <= valueWidth {
          for (choice, text) in zip(choices, all) {
            let chosen = choice.value == value
            segments.append((chosen ? "[\(text)]" : " \(text) ", chosen ? (focused ? .listSelected : .textHeader) : .textDim))
            segments.append((" ", .dialog))
          }
        } else {
          let current =
            choices.first { $0.value == value }.map { TerminalSanitizer.sanitize($0.label) } ?? TerminalSanitizer.sanitize(value)
          segments.append(("‹ \(current) ›", focused ? .listSelected : .textHeader))
        }
        segments += hint(field, bindings: bindings, after: "", width: 0)
        lines.append(Line(key: field.key, segments: segments))
      case .toggle:
        let on = form.values.flag(field.key)
        lines.append(
          Line(
            key: field.key,
            segments: [(label, labelRole), (on ? "[x] yes" : "[ ] no", focused ? .listSelected : .textNormal)]
              + hint(field, bindings: bindings, after: "[ ] no", width: valueWidth)))
      case .button:
        lines.append(Line(key: field.key, segments: []))
        lines.append(Line(key: field.key, segments: [("[ \(field.label) ]", focused ? .listSelected : .dialogTitle)]))
      case .readOnly:
        lines.append(Line(key: field.key, segments: [(label, labelRole), (readOnlyText(field, form: form), .textDim)]))
      }
      for problem in errors[field.key] ?? [] where !field.key.isEmpty {
        for text in TextWidth.wrap("✗ " + problem, width: valueWidth) {
          lines.append(Line(key: field.key, segments: [(String(repeating: " ", count: labelWidth), .dialog), (text, .bannerError)]))
        }
      }
    }
    return lines
  }

  private static func hint(_ field: FormField, bindings: Bindings, after value: String, width: Int) -> [(String, StyleRole)] {
    guard let hint = field.hint else { return [] }
    let gap = width > 0 ? max(1, 2) : 1
    return [(String(repeating: " ", count: gap) + keysNamed(in: TerminalSanitizer.sanitize(hint), bindings: bindings), .textDim)]
  }

  /// A hint names a key by its command, `{remove-question}`, so it shows the live key.
  static func keysNamed(in hint: String, bindings: Bindings) -> String {
    guard hint.contains("{") else { return hint }
    var text = hint
    for command in KeyContext.choice.bindableCommands + KeyContext.form.bindableCommands where text.contains("{\(command.rawValue)}") {
      text = text.replacingOccurrences(of: "{\(command.rawValue)}", with: bindings.key(for: command, in: [.form, .choice]))
    }
    return text
  }

  /// The keys of the form, as bound now.
  static func footer(_ bindings: Bindings) -> String {
    func key(_ command: CommandName, _ contexts: [KeyContext] = [.form]) -> String { bindings.key(for: command, in: contexts) }
    let choices = [KeyContext.form, .choice]
    return "\(key(FormCommands.submit)) submit · \(key(FormCommands.closeForm)) close (kept) · \(key(FormCommands.nextField)) next · "
      + "\(key(FormCommands.previousField)) back · \(key(FormCommands.previousChoice, choices))/\(key(FormCommands.nextChoice, choices)) choose · "
      + "\(key(ComposerCommands.newline)) newline"
  }

  private static func readOnlyText(_ field: FormField, form: FormState) -> String {
    if let index = field.questionIndex, form.values.questions.indices.contains(index) {
      let question = form.values.questions[index]
      let text = question.questionType == "DOCUMENT" ? "send " + question.documentTypes : question.content
      return TerminalSanitizer.sanitize("\(question.questionType)\(question.isMandatory ? " mandatory" : "") · \(text)")
    }
    if field.key == "openingMessage" { return "not on WhatsApp: it opens with the campaign's approved template" }
    return TerminalSanitizer.sanitize(form.values[field.key])
  }

  private static func dropColumns(_ columns: Int, of text: String) -> Substring {
    var dropped = 0
    var index = text.startIndex
    while index < text.endIndex && dropped < columns {
      dropped += TextWidth.columns(text[index])
      index = text.index(after: index)
    }
    return text[index...]
  }
}
