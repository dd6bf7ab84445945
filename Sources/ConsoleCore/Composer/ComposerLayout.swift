/// The composer's draft wrapped to a width in display columns: at spaces where it can, never inside a character.
/// ConsoleCore computes it to know how many rows the composer takes from the thread (and so the thread's page);
/// the composer's view draws the same lines.
public struct ComposerLayout: Sendable {
  /// A wrapped line: a range of the draft and the offset (in characters) where it starts.
  public struct Line: Sendable {
    public var start: String.Index
    public var end: String.Index
    public var startOffset: Int
  }

  public let text: String
  public let width: Int
  public let lines: [Line]

  public init(text: String, width: Int) {
    self.text = text
    self.width = width
    lines = Self.wrap(text, width: width)
  }

  /// The text column sits between one blank column on each side; the right one holds the cursor at a full line's end.
  public static func textWidth(_ columns: Int) -> Int { max(columns - 2, 1) }

  /// The rows the composer wants (its title line included) to show every line, up to `maximum`.
  public static func rows(lineCount: Int, maximum: Int) -> Int { min(lineCount + 1, max(maximum, 2)) }

  /// The wrapped line and display column of a cursor offset. An offset where a line wraps belongs to the next line.
  public func position(of cursor: Int) -> (line: Int, column: Int) {
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
      column += Self.columns(text[index])
      index = next
    }
    return (low, column)
  }

  /// Greedy wrapping: a line breaks after its last space when the next character does not fit, or before that
  /// character when the line has no space; a space that does not fit hangs in the margin column.
  public static func wrap(_ text: String, width: Int) -> [Line] {
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

  public static func columns(_ character: Character) -> Int {
    if let ascii = character.asciiValue, ascii >= 0x20, ascii != 0x7F { return 1 }
    return isControl(character) ? TextWidth.columns(display(character)) : TextWidth.columns(character)
  }

  /// Whether the sanitizer would replace something in the character: then it is drawn as its stand-in.
  public static func isControl(_ character: Character) -> Bool {
    if let ascii = character.asciiValue { return ascii < 0x20 || ascii == 0x7F }
    return character.unicodeScalars.contains { scalar in
      switch scalar.value {
      case 0x00..<0x20, 0x7F...0x9F, 0xFFF9...0xFFFB, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
      default: false
      }
    }
  }

  /// What a control shows as: the sanitizer's stand-in (a tab as spaces).
  public static func display(_ character: Character) -> String { TerminalSanitizer.sanitize(String(character)) }
}
