/// The reply being written: the draft and where the cursor is in it.
///
/// The cursor counts grapheme clusters (`Character`s), so an accented letter, a flag or a family emoji is one step, as
/// the recruiter sees it. Edits go through `String`'s own index walking: one keystroke costs one pass over the draft at
/// most, and a paste is inserted in one piece.
public struct ComposerState: Sendable, Hashable {
  /// The draft as typed, line feeds included; carriage returns are turned into line feeds on the way in.
  public private(set) var text: String
  /// Characters before the cursor, from 0 to `characterCount`.
  public private(set) var cursor: Int
  /// The column up and down aim for, kept across a run of them so that a short line in between does not lose it.
  private var goalColumn: Int?

  /// A draft restored as it was left; the cursor goes to its end unless given.
  public init(text: String = "", cursor: Int? = nil) {
    self.text = Self.normalizingLineBreaks(text)
    let count = self.text.count
    self.cursor = min(max(cursor ?? count, 0), count)
  }

  /// What the recruiter is told they have written: grapheme clusters, as a person counts them.
  public var characterCount: Int { text.count }

  /// What gets sent: the draft without the blank lines and spaces around it.
  public var body: String {
    guard let first = text.firstIndex(where: { !$0.isWhitespace }), let last = text.lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(text[first...last])
  }

  /// Nothing worth sending: only spaces and line feeds, or nothing at all.
  public var isBlank: Bool { text.allSatisfy(\.isWhitespace) }

  // MARK: Editing

  /// Types or pastes `string` at the cursor.
  public mutating func insert(_ string: String) {
    guard !string.isEmpty else { return }
    let index = cursorIndex
    replace(index..<index, with: Self.normalizingLineBreaks(string))
  }

  /// Alt-Enter by default: a line break in the reply, since Enter sends.
  public mutating func newline() { insert("\n") }

  /// Backspace: the whole character before the cursor, accents and joined emoji included.
  public mutating func deleteBackward() {
    goalColumn = nil
    guard cursor > 0 else { return }
    let end = cursorIndex
    replace(text.index(before: end)..<end, with: "")
  }

  /// Delete and Ctrl-D: the whole character under the cursor.
  public mutating func deleteForward() {
    goalColumn = nil
    let start = cursorIndex
    guard start < text.endIndex else { return }
    replace(start..<text.index(after: start), with: "")
  }

  /// Ctrl-W and Alt-Backspace: the word before the cursor with the spaces and punctuation after it.
  public mutating func deleteWordBackward() {
    goalColumn = nil
    let end = cursorIndex
    replace(wordStart(before: end).index..<end, with: "")
  }

  /// Alt-d: the word after the cursor with the spaces and punctuation before it.
  public mutating func deleteWordForward() {
    goalColumn = nil
    let start = cursorIndex
    replace(start..<wordEnd(after: start).index, with: "")
  }

  /// Ctrl-U: the line up to the cursor; at the start of a line, the line break before it, so repeating it keeps going.
  public mutating func deleteToLineStart() {
    goalColumn = nil
    let end = cursorIndex
    let start = lineStart(of: end)
    if start < end {
      replace(start..<end, with: "")
    } else if start > text.startIndex {
      replace(text.index(before: start)..<start, with: "")
    }
  }

  /// Ctrl-K: the rest of the line; at its end, the line break, joining the next line.
  public mutating func deleteToLineEnd() {
    goalColumn = nil
    let start = cursorIndex
    let end = lineEnd(of: start)
    if start < end {
      replace(start..<end, with: "")
    } else if end < text.endIndex {
      replace(end..<text.index(after: end), with: "")
    }
  }

  // MARK: Moving

  /// One character, as the recruiter sees characters (never into the middle of one).
  public mutating func moveLeft() {
    goalColumn = nil
    cursor = max(cursor - 1, 0)
  }

  /// One character, as the recruiter sees characters (never into the middle of one).
  public mutating func moveRight() {
    goalColumn = nil
    cursor = min(cursor + 1, characterCount)
  }

  /// Alt-b and Ctrl-Left: to the start of this word, or of the previous one.
  public mutating func wordLeft() {
    goalColumn = nil
    cursor -= wordStart(before: cursorIndex).distance
  }

  /// Alt-f and Ctrl-Right: to the end of this word, or of the next one.
  public mutating func wordRight() {
    goalColumn = nil
    cursor += wordEnd(after: cursorIndex).distance
  }

  /// Home and Ctrl-A: the start of the line (a line ends at a line feed, not where the view wraps it).
  public mutating func lineStart() {
    goalColumn = nil
    let index = cursorIndex
    cursor -= text.distance(from: lineStart(of: index), to: index)
  }

  /// End: the end of the line, before its line feed.
  public mutating func lineEnd() {
    goalColumn = nil
    let index = cursorIndex
    cursor += text.distance(from: index, to: lineEnd(of: index))
  }

  /// To the line above, at the same column in characters or its end if shorter; from the first line, to the start.
  public mutating func moveUp() {
    let index = cursorIndex
    let start = lineStart(of: index)
    let column = text.distance(from: start, to: index)
    let goal = goalColumn ?? column
    guard start > text.startIndex else {
      cursor = 0
      goalColumn = goal
      return
    }
    let previousEnd = text.index(before: start)
    let previousLength = text.distance(from: lineStart(of: previousEnd), to: previousEnd)
    cursor = cursor - column - 1 - previousLength + min(goal, previousLength)
    goalColumn = goal
  }

  /// To the line below, at the same column in characters or its end if shorter; from the last line, to the end.
  public mutating func moveDown() {
    let index = cursorIndex
    let column = text.distance(from: lineStart(of: index), to: index)
    let goal = goalColumn ?? column
    let end = lineEnd(of: index)
    guard end < text.endIndex else {
      cursor += text.distance(from: index, to: end)
      goalColumn = goal
      return
    }
    let nextStart = text.index(after: end)
    let nextLength = text.distance(from: nextStart, to: lineEnd(of: nextStart))
    cursor += text.distance(from: index, to: end) + 1 + min(goal, nextLength)
    goalColumn = goal
  }

  // MARK: Indices

  /// Where the cursor is in `text`; walking to it is the one linear step of each edit.
  var cursorIndex: String.Index { text.index(text.startIndex, offsetBy: cursor) }

  private func lineStart(of index: String.Index) -> String.Index {
    var start = index
    while start > text.startIndex {
      let previous = text.index(before: start)
      if text[previous] == "\n" { break }
      start = previous
    }
    return start
  }

  private func lineEnd(of index: String.Index) -> String.Index {
    text[index...].firstIndex(of: "\n") ?? text.endIndex
  }

  /// Replaces a range and puts the cursor after the new text. Characters can merge across the seams (an accent typed
  /// after a letter, a flag's second half), so the cursor is recounted rather than added to.
  private mutating func replace(_ range: Range<String.Index>, with new: String) {
    goalColumn = nil
    let offset = text.utf8.distance(from: text.startIndex, to: range.lowerBound) + new.utf8.count
    text.replaceSubrange(range, with: new)
    let end = text.utf8.index(text.startIndex, offsetBy: offset)
    cursor = Substring(text.unicodeScalars[..<end]).count
  }

  /// Terminals paste line breaks as CR and files may hold CRLF: the draft only ever holds LF.
  static func normalizingLineBreaks(_ string: String) -> String {
    guard string.utf8.contains(0x0D) else { return string }
    var scalars = String.UnicodeScalarView()
    var afterReturn = false
    for scalar in string.unicodeScalars {
      if scalar == "\r" {
        scalars.append("\n")
        afterReturn = true
        continue
      }
      if !(scalar == "\n" && afterReturn) { scalars.append(scalar) }
      afterReturn = false
    }
    return String(scalars)
  }
}
