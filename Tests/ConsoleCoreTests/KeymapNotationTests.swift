import ConsoleCore
import Testing

@Suite struct KeymapNotationTests {
  static let everyKindOfKey: [Key] = [
    .character("j"), .character("G"), .character("?"), .character("/"), .character(":"), .character("1"),
    .character("é"), .character("美"), .control("l"), .control("f"), .alt("x"), .alt("X"), .alt("/"), .alt(" "),
    .up, .down, .left, .right, .home, .end, .pageUp, .pageDown,
    .enter, .escape, .tab, .backTab, .backspace, .delete, .insert, .space,
    .function(1), .function(5), .function(12), .function(24),
  ]

  @Test(arguments: everyKindOfKey)
  func notationRoundTrips(key: Key) {
    #expect(Key(notation: key.notation) == key, "\(key.notation)")
  }

  @Test func canonicalNotationIsWhatHelpShows() {
    let shown: [(Key, String)] = [
      (.character("j"), "j"), (.character("G"), "G"), (.enter, "Enter"), (.escape, "Esc"), (.backTab, "S-Tab"),
      (.control("l"), "C-l"), (.alt("x"), "M-x"), (.pageDown, "PgDn"), (.pageUp, "PgUp"), (.function(5), "F5"),
      (.space, "Space"), (.tab, "Tab"), (.up, "Up"),
    ]
    for (key, notation) in shown {
      #expect(key.notation == notation)
    }
  }

  @Test func aliasesAndAnyCaseOfNamesAreAccepted() {
    let aliases: [(String, Key)] = [
      ("Ctrl-l", .control("l")), ("^L", .control("l")), ("c-L", .control("l")), ("CTRL-F", .control("f")),
      ("A-x", .alt("x")), ("Alt-x", .alt("x")), ("meta-x", .alt("x")), ("M-Space", .alt(" ")),
      ("BackTab", .backTab), ("shift-tab", .backTab), ("s-tab", .backTab),
      ("PageUp", .pageUp), ("pgup", .pageUp), ("PageDown", .pageDown), ("PGDN", .pageDown),
      ("Delete", .delete), ("del", .delete), ("Insert", .insert), ("ENTER", .enter), ("Return", .enter),
      ("escape", .escape), ("esc", .escape), ("f5", .function(5)), ("space", .space), (" ", .space),
      ("backspace", .backspace), ("home", .home), ("END", .end),
    ]
    for (notation, key) in aliases {
      #expect(Key(notation: notation) == key, "\(notation)")
    }
  }

  @Test func singleCharactersAndAltCharactersAreCaseSensitive() {
    #expect(Key(notation: "g") == .character("g"))
    #expect(Key(notation: "G") == .character("G"))
    #expect(Key(notation: "M-x") != Key(notation: "M-X"))
    #expect(Key(notation: "M-X") == .alt("X"))
    #expect(Key(notation: "^") == .character("^"))
  }

  @Test(arguments: [
    "", "jj", "Ctrl-ü", "C-1", "C-", "^^", "^1", "M-", "M-ab", "Hyper-x", "F0", "F25", "Fx", "F-1", "F+5",
    "\u{7}", "\t", "\n", "\u{202E}", "Enter ", " Enter", "Page Down", "<Enter>",
  ])
  func badNotationsAreNil(notation: String) {
    #expect(Key(notation: notation) == nil)
  }
}
