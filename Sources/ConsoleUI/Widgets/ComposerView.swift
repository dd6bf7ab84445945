public import ConsoleCore

/// The reply composer drawn at the foot of the thread: a title line with the recipient, the character count and the
/// keys, then the draft wrapped to the width in display columns (at spaces where it can, never inside a character),
/// scrolled so that the cursor's line shows.
///
/// It keeps what scrolling needs between frames (the first line shown) and the last wrap, so that asking for its height
/// and drawing it wrap the draft once.
public struct ComposerView {
  private var top = 0
  private var cache: Layout?

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
    min(layout(state.text, width: Self.textWidth(columns)).lines.count + 1, max(maximum, 2))
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
    let layout = layout(state.text, width: Self.textWidth(rect.columns))
    let cursor = layout.position(of: state.cursor, in: state.text)
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
      let inert = Self.isControl(character)
      if inert != runIsInert {
        flush()
        runIsInert = inert
      }
      if inert { run += Self.display(character) } else { run.append(character) }
    }
    flush()
  }

  // MARK: Layout

  /// A wrapped line: a range of the draft and the offset (in characters) where it starts.
  struct Line {
    var start: String.Index
    var end: String.Index
    var startOffset: Int
  }

  struct Layout {
    var text: String
    var width: Int
    var lines: [Line]

    /// The wrapped line and display column of a cursor offset. An offset where a line wraps belongs to the next line.
    func position(of cursor: Int, in text: String) -> (line: Int, column: Int) {
      var low = 0
      var high = lines.count - 1
      while low < high {
        let middle = (low + high + 1) / 2
        if lines[middle].startOffset <= cursor { low = middle } else { high = middle - 1 }
      }
      let line = lines[low]
      var column = 0
      var index = line.start
      for _ in 0..<(cursor - line.startOffset) where index < line.end {
        let next = text.index(after: index)
        column += ComposerView.columns(text[index])
        index = next
      }
      return (low, column)
    }
  }

  /// The text column sits between one blank column on each side; the right one holds the cursor at a full line's end.
  static func textWidth(_ columns: Int) -> Int { max(columns - 2, 1) }

  private mutating func layout(_ text: String, width: Int) -> Layout {
    if let cache, cache.width == width, cache.text == text { return cache }
    let layout = Layout(text: text, width: width, lines: Self.wrap(text, width: width))
    cache = layout
    return layout
  }

  /// Greedy wrapping: a line breaks after its last space when the next character does not fit, or before that
  /// character when the line has no space; a space that does not fit hangs in the margin column.
  static func wrap(_ text: String, width: Int) -> [Line] {
    var lines: [Line] = []
    var lineStart = text.startIndex
    var lineStartOffset = 0
    var column = 0
    var lastBreak: (index: String.Index, offset: Int)?
    var columnsAfterBreak = 0
    var index = text.startIndex
    var offset = 0
    func startLine(at start: String.Index, offset startOffset: Int, end: String.Index) {
      lines.append(Line(start: lineStart, end: end, startOffset: lineStartOffset))
      lineStart = start
      lineStartOffset = startOffset
      lastBreak = nil
    }
    let utf8 = text.utf8
    while index < text.endIndex {
      // An ASCII byte followed by another (or the end) is a whole character: most drafts never need grapheme breaking.
      let byte = utf8[index]
      let afterByte = utf8.index(after: index)
      let next: String.Index
      let characterWidth: Int
      if byte < 0x80 && (afterByte == text.endIndex || utf8[afterByte] < 0x80) {
        next = afterByte
        characterWidth = byte >= 0x20 && byte != 0x7F ? 1 : columns(Character(Unicode.Scalar(byte)))
      } else {
        let character = text[index]
        next = utf8.index(index, offsetBy: character.utf8.count)
        characterWidth = columns(character)
      }
      if byte == 0x0A {
        startLine(at: next, offset: offset + 1, end: index)
        column = 0
        index = next
        offset += 1
        continue
      }
      if column + characterWidth > width && offset > lineStartOffset {
        if byte == 0x20 {
          startLine(at: next, offset: offset + 1, end: next)
          column = 0
          index = next
          offset += 1
          continue
        }
        if let lastBreak {
          startLine(at: lastBreak.index, offset: lastBreak.offset, end: lastBreak.index)
          column = columnsAfterBreak
        } else {
          startLine(at: index, offset: offset, end: index)
          column = 0
        }
        // The carried word and this character may still not fit: look at it again on the new line.
        continue
      }
      column += characterWidth
      if byte == 0x20 {
        lastBreak = (next, offset + 1)
        columnsAfterBreak = 0
      } else {
        columnsAfterBreak += characterWidth
      }
      index = next
      offset += 1
    }
    lines.append(Line(start: lineStart, end: text.endIndex, startOffset: lineStartOffset))
    return lines
  }

  // MARK: Characters

  static func columns(_ character: Character) -> Int {
    if let ascii = character.asciiValue, ascii >= 0x20, ascii != 0x7F { return 1 }
    return isControl(character) ? TextWidth.columns(display(character)) : TextWidth.columns(character)
  }

  /// Whether the sanitizer would replace something in the character: then it is drawn as its stand-in.
  static func isControl(_ character: Character) -> Bool {
    if let ascii = character.asciiValue { return ascii < 0x20 || ascii == 0x7F }
    return character.unicodeScalars.contains { scalar in
      switch scalar.value {
      case 0x00..<0x20, 0x7F...0x9F, 0xFFF9...0xFFFB, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
      default: false
      }
    }
  }

  /// What a control shows as: the sanitizer's stand-in (a tab as spaces).
  static func display(_ character: Character) -> String { TerminalSanitizer.sanitize(String(character)) }

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
