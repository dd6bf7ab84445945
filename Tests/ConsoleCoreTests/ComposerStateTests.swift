import ConsoleCore
import Testing

@Suite struct ComposerStateTests {
  static let bindings = Bindings.defaults

  /// Types each character as its own key, as a recruiter would.
  static func typed(_ text: String) -> ComposerState {
    var state = ComposerState()
    for character in text { _ = state.handle(character == " " ? .space : .character(character), bindings: bindings) }
    return state
  }

  @Test func graphemesAreOneStepEach() {
    let decomposed = "e\u{301}"  // é as e + combining acute
    let coder = "👩🏽‍💻"
    let flag = "🇯🇵"
    var state = ComposerState(text: "a\(decomposed)\(coder)\(flag)日本語")
    #expect(state.characterCount == 7)
    #expect(state.cursor == 7)
    state.deleteBackward()
    #expect(state.text == "a\(decomposed)\(coder)\(flag)日本")
    for _ in 0..<3 { state.moveLeft() }
    #expect(state.cursor == 3)
    state.deleteBackward()
    #expect(state.text == "a\(decomposed)\(flag)日本", "the whole ZWJ sequence with its skin tone goes at once")
    state.deleteBackward()
    #expect(state.text == "a\(flag)日本", "e and its accent go together")
    state.deleteForward()
    #expect(state.text == "a日本", "both regional indicators go together")
    #expect(state.cursor == 1)
  }

  @Test func anAccentTypedAfterALetterJoinsIt() {
    var state = ComposerState(text: "cafe")
    state.insert("\u{301}")
    #expect(state.text == "cafe\u{301}")
    #expect(state.characterCount == 4)
    #expect(state.cursor == 4)
    var flag = ComposerState(text: "\u{1F1EF}")
    flag.insert("\u{1F1F5}")
    #expect(flag.characterCount == 1 && flag.cursor == 1)
  }

  @Test func wordJumpsSkipPunctuationAndStopAtScriptChanges() {
    var state = ComposerState(text: "Hello, world! 日本語のテキスト、OK", cursor: 0)
    var stops: [Int] = []
    for _ in 0..<6 {
      state.wordRight()
      stops.append(state.cursor)
    }
    #expect(stops == [5, 12, 17, 18, 22, 25])
    stops = []
    for _ in 0..<6 {
      state.wordLeft()
      stops.append(state.cursor)
    }
    #expect(stops == [23, 18, 17, 14, 7, 0])
  }

  @Test func ctrlArrowsAndAltLettersJumpWords() {
    var state = ComposerState(text: "one two")
    _ = state.handle(.controlLeft, bindings: Self.bindings)
    #expect(state.cursor == 4)
    _ = state.handle(.alt("b"), bindings: Self.bindings)
    #expect(state.cursor == 0)
    _ = state.handle(.controlRight, bindings: Self.bindings)
    #expect(state.cursor == 3)
    _ = state.handle(.alt("f"), bindings: Self.bindings)
    #expect(state.cursor == 7)
  }

  @Test func deleteWordTakesTheWordAndWhatFollowsIt() {
    var state = ComposerState(text: "Thanks, see you tomorrow! 👍")
    _ = state.handle(.control("w"), bindings: Self.bindings)
    #expect(state.text == "Thanks, see you ", "the emoji and the punctuation before it go with the word")
    _ = state.handle(.altBackspace, bindings: Self.bindings)
    #expect(state.text == "Thanks, see ")
    state = ComposerState(text: "明日は大丈夫です")
    state.deleteWordBackward()
    #expect(state.text == "明日は大丈夫")
    state.deleteWordBackward()
    #expect(state.text == "明日は")
    state = ComposerState(text: "first line\nsecond", cursor: 11)
    state.deleteWordBackward()
    #expect(state.text == "first second", "a word delete crosses a line break like any space")
    state = ComposerState(text: "one two three", cursor: 3)
    _ = state.handle(.alt("d"), bindings: Self.bindings)
    #expect(state.text == "one three")
  }

  @Test func ctrlUDeletesToTheLineStartThenJoinsLines() {
    var state = ComposerState(text: "Dear Ana,\nThanks for applying", cursor: 17)
    _ = state.handle(.control("u"), bindings: Self.bindings)
    #expect(state.text == "Dear Ana,\nfor applying")
    #expect(state.cursor == 10)
    _ = state.handle(.control("u"), bindings: Self.bindings)
    #expect(state.text == "Dear Ana,for applying")
    #expect(state.cursor == 9)
    _ = state.handle(.control("u"), bindings: Self.bindings)
    #expect(state.text == "for applying")
    #expect(state.cursor == 0)
    _ = state.handle(.control("u"), bindings: Self.bindings)
    #expect(state.text == "for applying")
    _ = state.handle(.control("k"), bindings: Self.bindings)
    #expect(state.text == "")
  }

  @Test func homeEndAndCtrlAStayOnTheLogicalLine() {
    var state = ComposerState(text: "ab\ncdef\ng", cursor: 5)
    _ = state.handle(.home, bindings: Self.bindings)
    #expect(state.cursor == 3)
    _ = state.handle(.end, bindings: Self.bindings)
    #expect(state.cursor == 7)
    state.moveLeft()
    _ = state.handle(.control("a"), bindings: Self.bindings)
    #expect(state.cursor == 3)
  }

  @Test func upAndDownKeepTheColumnAcrossShortLines() {
    // Lines: "long line here" (0–14), "ab" (15–17), "" (18), "日本語テキスト" (19–26).
    var state = ComposerState(text: "long line here\nab\n\n日本語テキスト", cursor: 10)
    _ = state.handle(.down, bindings: Self.bindings)
    #expect(state.cursor == 17, "end of the short line")
    _ = state.handle(.down, bindings: Self.bindings)
    #expect(state.cursor == 18, "the empty line")
    _ = state.handle(.down, bindings: Self.bindings)
    #expect(state.cursor == 26, "column 10 is past the end of a 7-character line")
    _ = state.handle(.up, bindings: Self.bindings)
    _ = state.handle(.up, bindings: Self.bindings)
    _ = state.handle(.up, bindings: Self.bindings)
    #expect(state.cursor == 10, "back to column 10: the goal column survived the short lines")
    _ = state.handle(.up, bindings: Self.bindings)
    #expect(state.cursor == 0, "up from the first line goes to the start")
    state = ComposerState(text: "日本語テキスト\nabcdefghij", cursor: 3)
    state.moveDown()
    #expect(state.cursor == 11, "columns are counted in characters, not display columns")
    state.moveLeft()
    state.moveUp()
    #expect(state.cursor == 2, "a horizontal move sets a new goal column")
    state.moveDown()
    state.moveDown()
    #expect(state.cursor == 18, "down from the last line goes to the end")
  }

  @Test func aPasteOfTwentyThousandCharactersIsOneInsert() {
    let line = String(repeating: "Ünïcödé 日本 👍🏽 text. ", count: 10)
    var paste = ""
    while paste.count < 20_000 { paste += line + "\r\n" }
    var state = ComposerState(text: "Before  after", cursor: 7)
    let clock = ContinuousClock()
    let elapsed = clock.measure { _ = state.handle(.paste(paste), bindings: Self.bindings) }
    let normalized = paste.replacing("\r\n", with: "\n")
    #expect(state.text == "Before " + normalized + " after")
    #expect(state.cursor == 7 + normalized.count)
    #expect(!state.text.contains("\r"))
    #expect(elapsed < .milliseconds(200), "\(elapsed)")
  }

  @Test func sendAndNewlineFollowTheConfiguredKeys() {
    var state = Self.typed("Hi")
    #expect(state.handle(.altEnter, bindings: Self.bindings) == nil)
    #expect(state.text == "Hi\n")
    #expect(state.handle(.enter, bindings: Self.bindings) == .send)
    #expect(state.text == "Hi\n", "sending leaves the draft to the caller")

    var swapped = Bindings.defaults
    swapped.useComposerKeys(ComposerKeys(send: [.control("s")], newline: [.enter]))
    #expect(state.handle(.enter, bindings: swapped) == nil)
    #expect(state.text == "Hi\n\n")
    #expect(state.handle(.control("s"), bindings: swapped) == .send)
    #expect(state.handle(.altEnter, bindings: swapped) == nil, "an unbound Alt-Enter still breaks the line")
    #expect(state.text == "Hi\n\n\n")
  }

  @Test func aPastedLineFeedNeverSends() {
    var state = ComposerState()
    #expect(state.handle(.paste("one\rtwo\n"), bindings: Self.bindings) == nil)
    #expect(state.text == "one\ntwo\n")
  }

  @Test func escLeavesWithTheDraftKeptAndCtrlEOpensTheEditor() {
    var state = Self.typed("Draft in progress")
    state.moveLeft()
    let before = state
    #expect(state.handle(.escape, bindings: Self.bindings) == .leave)
    #expect(state == before)
    #expect(state.handle(.control("e"), bindings: Self.bindings) == .openEditor)
    #expect(state == before)
  }

  @Test func theBodyIsTrimmedAndBlankDraftsAreBlank() {
    #expect(ComposerState(text: "\n\n  Hello Ana,\n\nSee you.  \n \n").body == "Hello Ana,\n\nSee you.")
    #expect(ComposerState(text: " \n\t\n").isBlank)
    #expect(ComposerState(text: " \n\t\n").body == "")
    #expect(ComposerState().isBlank)
    #expect(!ComposerState(text: " x ").isBlank)
  }

  @Test func typingAndMovingKeepTheCursorInRange() {
    var state = Self.typed("ab")
    for _ in 0..<5 { state.moveRight() }
    #expect(state.cursor == 2)
    for _ in 0..<5 { state.moveLeft() }
    #expect(state.cursor == 0)
    state.deleteBackward()
    state.insert("x")
    #expect(state.text == "xab" && state.cursor == 1)
    #expect(ComposerState(text: "abc", cursor: 99).cursor == 3)
    #expect(ComposerState(text: "a\r\nb").text == "a\nb")
  }
}

@Suite struct ComposerKeyNotationTests {
  @Test(arguments: [Key.altEnter, .altBackspace, .controlLeft, .controlRight])
  func notationRoundTrips(key: Key) {
    #expect(Key(notation: key.notation) == key, "\(key.notation)")
  }

  @Test func notationsAndAliases() {
    #expect(Key.altEnter.notation == "M-Enter")
    #expect(Key.controlLeft.notation == "C-Left")
    #expect(Key.controlRight.notation == "C-Right")
    #expect(Key.altBackspace.notation == "M-Backspace")
    #expect(Key(notation: "Alt-Return") == .altEnter)
    #expect(Key(notation: "meta-enter") == .altEnter)
    #expect(Key(notation: "Ctrl-Left") == .controlLeft)
    #expect(Key(notation: "^Right") == .controlRight)
    #expect(Key(notation: "A-Backspace") == .altBackspace)
    #expect(Key(notation: "Paste") == nil)
    #expect(Key(notation: "C-Up") == nil)
  }
}
