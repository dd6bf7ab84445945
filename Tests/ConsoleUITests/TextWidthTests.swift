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
}
