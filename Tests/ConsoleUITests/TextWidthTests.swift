import ConsoleCore
import ConsoleUI
import Testing

@Suite struct TextWidthTests {
  init() { TextWidth.prepareLocale() }

  @Test func measuresColumnsNotCharacters() {
    #expect(TextWidth.columns("abc") == 3)
    #expect(TextWidth.columns("美咲") == 4)
    #expect(TextWidth.columns("José") == 4)
    #expect(TextWidth.columns("e\u{301}") == 1, "a combining accent takes no column")
    #expect(TextWidth.columns("🌸") == 2)
    #expect(TextWidth.columns("👩🏽‍💻") == 2, "a joined emoji is one wide character")
    #expect(TextWidth.columns("🇬🇧") == 2)
    #expect(TextWidth.columns("محمد") == 4)
  }

  @Test func truncatesWithAnEllipsisNeverInsideACharacter() {
    #expect(TextWidth.truncate("Hello world", to: 8) == "Hello w…")
    #expect(TextWidth.truncate("美咲佐藤", to: 5) == "美咲…")
    #expect(TextWidth.truncate("美咲佐藤", to: 4) == "美…")
    #expect(TextWidth.columns(TextWidth.truncate("美咲佐藤", to: 4)) <= 4)
    #expect(TextWidth.truncate("short", to: 10) == "short")
    #expect(TextWidth.fit("美", to: 4) == "美  ")
  }

  @Test func wrapsByColumnsAtSpaces() {
    #expect(TextWidth.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
    #expect(TextWidth.wrap("美咲美咲美咲", width: 5) == ["美咲", "美咲", "美咲"])
    #expect(TextWidth.wrap("a\nb", width: 10) == ["a", "b"])
    #expect(TextWidth.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
  }

  /// Printable ASCII is measured and cut from its bytes; every other text cluster by cluster. Both must agree with
  /// measuring one character at a time, at every width, for text on either side of the line (a control character or
  /// one accent sends the whole text the slow way).
  @Test func asciiTextIsMeasuredAndCutAsCharacterByCharacterWould() {
    let texts = ["", "a", "Hello world", "ats-cand-10042", "+44 7400 900123", "x\u{7}y", "tab\there", "José Núñez", "~ ! @"]
    for text in texts {
      let byCharacter = text.reduce(0) { $0 + TextWidth.columns($1) }
      #expect(TextWidth.columns(text) == byCharacter, "columns of \(text.debugDescription)")
      for width in 0...16 {
        let cut = TextWidth.truncate(text, to: width)
        let expected = Self.truncatedCharacterByCharacter(text, to: width)
        #expect(cut == expected, "\(text.debugDescription) cut to \(width)")
        let fitted = TextWidth.fit(text, to: width)
        #expect(TextWidth.columns(fitted) == width, "\(text.debugDescription) fitted to \(width)")
        #expect(TextWidth.columns(TextWidth.fitRight(text, to: width)) == width)
      }
    }
  }

  /// The longest prefix within `width`, then characters dropped until "…" fits too.
  private static func truncatedCharacterByCharacter(_ text: String, to width: Int) -> String {
    guard width > 0 else { return "" }
    var kept: [Character] = []
    var used = 0
    for character in text {
      guard used + TextWidth.columns(character) <= width else {
        while used > width - 1, let last = kept.popLast() { used -= TextWidth.columns(last) }
        return String(kept) + "…"
      }
      kept.append(character)
      used += TextWidth.columns(character)
    }
    return text
  }
}
