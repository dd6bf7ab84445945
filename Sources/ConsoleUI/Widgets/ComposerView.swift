public import ConsoleCore

/// The reply composer drawn at the foot of the thread: a title line with the recipient, the character count and the
/// keys, then the draft wrapped to the width in display columns (at spaces where it can, never inside a character),
/// scrolled so that the cursor's line shows.
///
/// It keeps what scrolling needs between frames (the first line shown) and the last wrap, so that asking for its height
/// and drawing it wrap the draft once.
public struct ComposerView {
  private var top = 0
  private var cache: ComposerLayout?

  /// One per composer on screen, kept between frames for its scroll position.
  public init() {}

  /// The title line's keys, from the `composer` context as bound now.
  public static func hints(_ bindings: Bindings) -> [String] {
    let contexts = KeyContext.composer.chain
    return [
      (ComposerCommands.send, "send"), (ComposerCommands.newline, "newline"), (ComposerCommands.leave, "keep draft"),
      (ComposerCommands.editExternally, "$EDITOR"),
    ].compactMap { command, label in bindings.keys(for: command, in: contexts).first.map { "\($0.notation) \(label)" } }
  }

  /// How many rows the composer wants (title line included) to show the whole draft, up to `maximum`: the thread can
  /// grow it as the reply grows.
  public mutating func rows(for state: ComposerState, columns: Int, maximum: Int) -> Int {
    ComposerLayout.rows(lineCount: layout(state.text, width: ComposerLayout.textWidth(columns)).lines.count, maximum: maximum)
  }

  /// Draws the composer into `rect` and returns where the terminal cursor belongs (screen coordinates, for
  /// `Screen.placeCursor`), or nil when the rect has no room for text. The draft is shown inert: controls in it
  /// (a pasted escape sequence) show as symbols, and the draft itself is left as it is.
  @discardableResult
  public mutating func render(
    _ state: ComposerState, recipient: String, hints: [String], in rect: Rect, on screen: any Screen, focused: Bool = true
  ) -> (row: Int, column: Int)? {
    let canvas = screen.canvas(rect)
    drawTitle(state, recipient: recipient, hints: hints, on: canvas, focused: focused)
    let height = rect.rows - 1
    guard height > 0, rect.columns > 0 else { return nil }
    let layout = layout(state.text, width: ComposerLayout.textWidth(rect.columns))
    let cursor = layout.position(of: state.cursor)
    if cursor.line < top { top = cursor.line }
    if cursor.line >= top + height { top = cursor.line - height + 1 }
    top = max(min(top, layout.lines.count - height), 0)
    if state.text.isEmpty {
      canvas.draw("Write your reply…", row: 1, column: 1, width: rect.columns - 1, role: .textDim)
    }
    for (offset, line) in layout.lines[top..<min(top + height, layout.lines.count)].enumerated() {
      drawLine(state.text[line.start..<line.end], row: 1 + offset, on: canvas)
    }
    return (rect.row + 1 + cursor.line - top, rect.column + min(1 + cursor.column, rect.columns - 1))
  }

  // MARK: Drawing

  private func drawTitle(_ state: ComposerState, recipient: String, hints: [String], on canvas: any Canvas, focused: Bool) {
    let width = canvas.size.columns
    canvas.draw("─", row: 0, column: 0, width: width, role: .paneBorder)
    let count = state.characterCount
    var segments = [
      ((focused ? "Reply to " : "Draft to ") + TerminalSanitizer.sanitize(recipient), focused ? StyleRole.textHeader : .textDim),
      ("\(Self.grouped(count)) character\(count == 1 ? "" : "s")", .textDim),
    ]
    if focused { segments += hints.map { ($0, .textDim) } }
    // The name may be cut; the rest is added whole or not at all.
    var column = 1
    for (index, segment) in segments.enumerated() {
      let text = (index == 0 ? " " : "· ") + segment.0 + " "
      if index > 0 && column + TextWidth.columns(text) > width - 1 { break }
      column += canvas.draw(text, row: 0, column: column, width: width - 1 - column, role: segment.1)
    }
    if column < width { canvas.draw(String(repeating: "─", count: width - column), row: 0, column: column, role: .paneBorder) }
  }

  /// One wrapped line, in runs of one role: text as typed, and controls shown as their stand-ins.
  private func drawLine(_ line: Substring, row: Int, on canvas: any Canvas) {
    var run = ""
    var runIsInert = false
    var column = 1
    func flush() {
      guard !run.isEmpty else { return }
      column += canvas.draw(run, row: row, column: column, width: nil, role: runIsInert ? .textInert : .textNormal)
      run = ""
    }
    for character in line {
      let inert = ComposerLayout.isControl(character)
      if inert != runIsInert {
        flush()
        runIsInert = inert
      }
      if inert { run += ComposerLayout.display(character) } else { run.append(character) }
    }
    flush()
  }

  private mutating func layout(_ text: String, width: Int) -> ComposerLayout {
    if let cache, cache.width == width, cache.text == text { return cache }
    let layout = ComposerLayout(text: text, width: width)
    cache = layout
    return layout
  }

  /// 12,345: counts people read at a glance.
  static func grouped(_ number: Int) -> String {
    var digits = String(number)
    var position = digits.count - 3
    while position > 0 {
      digits.insert(",", at: digits.index(digits.startIndex, offsetBy: position))
      position -= 3
    }
    return digits
  }
}
