import ConsoleCore
import ConsoleUI
import Testing

/// The composer on the in-memory screen: what the recruiter sees of the draft and where the cursor blinks.
@Suite struct ComposerViewTests {
  static let hints = ComposerView.hints(.defaults)

  init() { TextWidth.prepareLocale() }

  /// Draws `state` into a box of `rows` × `columns` at the top left of a screen one row taller and wider.
  static func draw(
    _ state: ComposerState, rows: Int, columns: Int, view: inout ComposerView, recipient: String = "美咲 佐藤"
  ) -> (screen: MemoryScreen, cursor: (row: Int, column: Int)?) {
    let screen = MemoryScreen(rows: rows + 1, columns: columns + 1)
    screen.beginFrame()
    let cursor = view.render(
      state, recipient: recipient, hints: hints, in: Rect(row: 0, column: 0, rows: rows, columns: columns), on: screen)
    if let cursor { screen.placeCursor(row: cursor.row, column: cursor.column) }
    screen.endFrame()
    return (screen, cursor)
  }

  @Test func theTitleLineNamesTheRecipientCountsAndShowsTheKeys() {
    var view = ComposerView()
    let state = ComposerState(text: "Hi 美咲 👋🏽")
    let wide = Self.draw(state, rows: 4, columns: 100, view: &view).screen
    #expect(
      wide.lines[0]
        == "─ Reply to 美咲 佐藤 · 7 characters · Enter send · M-Enter newline · Esc keep draft · C-e $EDITOR ──")
    let narrow = Self.draw(state, rows: 4, columns: 50, view: &view).screen
    #expect(narrow.lines[0] == "─ Reply to 美咲 佐藤 · 7 characters · Enter send ─")
    var swappedKeys = Bindings.defaults
    swappedKeys.useComposerKeys(ComposerKeys(send: [.control("s")], newline: [.enter]))
    let swapped = ComposerView.hints(swappedKeys)
    let screen = MemoryScreen(rows: 3, columns: 80)
    view.render(
      ComposerState(text: String(repeating: "x", count: 12_345)), recipient: "Evil\u{1B}[31m", hints: swapped,
      in: Rect(row: 0, column: 0, rows: 3, columns: 80), on: screen)
    #expect(screen.lines[0].hasPrefix("─ Reply to Evil␛[31m · 12,345 characters · C-s send · Enter newline ──"))
  }

  @Test func wideCharactersWrapWholeAtTheEdge() {
    var view = ComposerView()
    // Ten columns of text: "abcdefghi" takes nine, so 日 (two columns) starts the next line.
    let (screen, cursor) = Self.draw(ComposerState(text: "abcdefghi日本語です。"), rows: 4, columns: 12, view: &view)
    #expect(Array(screen.lines[1...3]) == [" abcdefghi", " 日本語です", " 。"])
    #expect(screen.cells[1][10].text == " ", "the column a wide character would not fit in stays blank")
    #expect(cursor! == (3, 3), "after the full stop, itself two columns wide")
  }

  @Test func wrappingBreaksAtSpacesAndSpacesHangInTheMargin() {
    var view = ComposerView()
    let (screen, _) = Self.draw(ComposerState(text: "Hello there Ana, thanks\nok", cursor: 0), rows: 6, columns: 12, view: &view)
    #expect(Array(screen.lines[1...4]) == [" Hello", " there Ana,", " thanks", " ok"])
    var state = ComposerState(text: "abcdefghij klm", cursor: 10)
    var cursor = Self.draw(state, rows: 4, columns: 12, view: &view).cursor
    #expect(cursor! == (1, 11), "before a space that hangs: the margin column")
    state.moveRight()
    cursor = Self.draw(state, rows: 4, columns: 12, view: &view).cursor
    #expect(cursor! == (2, 1), "after it: the next line")
  }

  @Test func theCursorIsPlacedInColumnsAfterWideCharacters() {
    var view = ComposerView()
    let state = ComposerState(text: "日本語abc\n👩🏽‍💻 e\u{301}🇯🇵x", cursor: 3)
    var (screen, cursor) = Self.draw(state, rows: 4, columns: 30, view: &view)
    #expect(cursor! == (1, 7))
    #expect(screen.cursor! == (1, 7))
    var below = state
    below.moveDown()
    #expect(below.cursor == 10)
    (screen, cursor) = Self.draw(below, rows: 4, columns: 30, view: &view)
    #expect(cursor! == (2, 1 + 2 + 1 + 1), "before the flag: emoji 2, space 1, é 1")
    #expect(screen.lines[2] == " 👩🏽‍💻 e\u{301}🇯🇵x")
  }

  @Test func aLongDraftScrollsToKeepTheCursorLineVisible() {
    var view = ComposerView()
    let text = (1...30).map { "line \($0)" }.joined(separator: "\n")
    var state = ComposerState(text: text)
    var (screen, cursor) = Self.draw(state, rows: 5, columns: 30, view: &view)
    #expect(Array(screen.lines[1...4]) == [" line 27", " line 28", " line 29", " line 30"])
    #expect(cursor! == (4, 8))
    for _ in 0..<10 { state.moveUp() }
    (screen, cursor) = Self.draw(state, rows: 5, columns: 30, view: &view)
    #expect(screen.lines[cursor!.row] == " line 20")
    #expect(cursor!.row == 1, "scrolled just enough to show the line above")
    state.moveDown()
    (screen, cursor) = Self.draw(state, rows: 5, columns: 30, view: &view)
    #expect(screen.lines[1] == " line 20", "moving within the shown lines does not scroll")
    #expect(screen.lines[cursor!.row] == " line 21")
    for _ in 0..<40 { state.moveUp() }
    (screen, cursor) = Self.draw(state, rows: 5, columns: 30, view: &view)
    #expect(Array(screen.lines[1...4]) == [" line 1", " line 2", " line 3", " line 4"])
    #expect(cursor! == (1, 1))
    for _ in 0..<40 { state.moveDown() }
    (screen, cursor) = Self.draw(state, rows: 5, columns: 30, view: &view)
    #expect(screen.lines[cursor!.row] == " line 30")
  }

  @Test func theComposerAsksForRowsAsTheDraftGrows() {
    var view = ComposerView()
    #expect(view.rows(for: ComposerState(), columns: 40, maximum: 8) == 2)
    #expect(view.rows(for: ComposerState(text: "a\nb\nc"), columns: 40, maximum: 8) == 4)
    #expect(view.rows(for: ComposerState(text: String(repeating: "word ", count: 100)), columns: 40, maximum: 8) == 8)
  }

  @Test func anEscapeInTheDraftShowsInertAndStaysInTheDraft() {
    var view = ComposerView()
    let pasted = "see \u{1B}[2J\u{1B}]0;title\u{07} and\ttab \u{202E}rtl"
    let state = ComposerState(text: pasted)
    let (screen, cursor) = Self.draw(state, rows: 4, columns: 60, view: &view)
    #expect(state.text == pasted, "the draft keeps what was pasted")
    #expect(screen.lines[1] == " see ␛[2J␛]0;title␇ and    tab �rtl")
    #expect(screen.role(row: 1, column: 5) == .textInert)
    #expect(screen.role(row: 1, column: 1) == .textNormal)
    for row in screen.cells {
      for cell in row {
        #expect(!cell.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
      }
    }
    #expect(cursor! == (1, 1 + 34))
  }

  @Test func anEmptyDraftInvitesTyping() {
    var view = ComposerView()
    let (screen, cursor) = Self.draw(ComposerState(), rows: 3, columns: 40, view: &view)
    #expect(screen.lines[1] == " Write your reply…")
    #expect(screen.lines[0].contains("0 characters"))
    #expect(cursor! == (1, 1))
  }

  @Test func theCursorIsInScreenCoordinates() {
    var view = ComposerView()
    let screen = MemoryScreen(rows: 24, columns: 80)
    screen.beginFrame()
    let cursor = view.render(
      ComposerState(text: "ab\ncd", cursor: 4), recipient: "Ana", hints: Self.hints, in: Rect(row: 18, column: 40, rows: 5, columns: 40),
      on: screen)
    #expect(cursor! == (20, 42))
    #expect(screen.lines[20].hasSuffix(" cd"))
  }
}
