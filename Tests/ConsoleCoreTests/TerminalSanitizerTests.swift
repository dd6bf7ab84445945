import ConsoleCore
import Foundation
import PoppAPI
import Testing

@Suite struct TerminalSanitizerTests {
  @Test func escapeSequencesBecomeInertAndVisible() {
    let hostile = "Hi\u{1B}[2J\u{1B}]0;pwned\u{07}\u{1B}P+q\u{1B}\\ \u{9B}31m bell\u{07}"
    let clean = TerminalSanitizer.sanitize(hostile)
    #expect(!clean.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    #expect(clean.hasPrefix("Hi␛[2J␛]0;pwned␇␛P+q␛\\ �31m bell␇"))
  }

  @Test func bidiOverridesAreNeutralised() {
    let clean = TerminalSanitizer.sanitize("invoice\u{202E}fdp.exe\u{2066}x\u{2069}")
    #expect(!clean.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
    #expect(clean == "invoice�fdp.exe�x�")
  }

  @Test func newlinesAreKeptOnlyWhenAsked() {
    #expect(TerminalSanitizer.sanitize("a\r\nb") == "a␍␤b")
    #expect(TerminalSanitizer.sanitize("a\r\nb\rc", options: .init(keepNewlines: true)) == "a\nbc")
  }

  @Test func tabsExpandToStops() {
    #expect(TerminalSanitizer.sanitize("a\tb", options: .init(tabWidth: 4)) == "a   b")
    #expect(TerminalSanitizer.sanitize("abcd\te", options: .init(tabWidth: 4)) == "abcd    e")
  }

  @Test func ordinaryTextIsUntouched() {
    let text = "José 美咲 محمد Mia 🌸 👩🏽‍💻 e\u{301} ❤️‍🔥 🏳️‍🌈 👨‍👩‍👧"
    #expect(TerminalSanitizer.sanitize(text) == text)
  }

  /// Found by the injection fuzz: a joiner outside an emoji sequence (here at the end of a
  /// wrapped line) made tmux join the next cell drawn into the emoji's, shifting the pane border.
  @Test func aJoinerOutsideAnEmojiSequenceIsDropped() {
    #expect(TerminalSanitizer.sanitize("👩\u{200D}") == "👩", "at the end")
    #expect(TerminalSanitizer.sanitize("👩\u{200D};_") == "👩;_", "before a non-emoji")
    #expect(TerminalSanitizer.sanitize("a\u{200D}💻") == "a💻", "after a non-emoji")
    #expect(TerminalSanitizer.sanitize("3\u{200D}👩") == "3👩", "after a keycap base")
    #expect(TerminalSanitizer.sanitize("\u{200D}\u{200D}x") == "x")
    #expect(TerminalSanitizer.sanitize("👩\u{200D}\u{200D}💻") == "👩\u{200D}💻", "one joiner of two")
  }
}

@Suite struct RelativeTimeTests {
  @Test func describesAgesCoarsely() {
    let now = Date(timeIntervalSince1970: 1_000_000)
    #expect(RelativeTime.describe(now.addingTimeInterval(-3), now: now) == "3 s ago")
    #expect(RelativeTime.describe(now.addingTimeInterval(-125), now: now) == "2 min ago")
    #expect(RelativeTime.describe(now.addingTimeInterval(-7200), now: now) == "2 h ago")
    #expect(RelativeTime.describe(now.addingTimeInterval(-3 * 86_400), now: now) == "3 d ago")
    #expect(RelativeTime.describe(now.addingTimeInterval(30), now: now) == "just now")
    #expect(RelativeTime.describe(nil, now: now) == "—")
  }
}

@Suite struct ConnectionSettingsTests {
  @Test func readsTheEnvironmentWithTheDefaultBaseURL() throws {
    let settings = try ConnectionSettings.fromEnvironment(["POPP_API_KEY": " k ", "POPP_ORGANIZATION_ID": "org"])
    #expect(settings.baseURL.absoluteString == "https://api.joinpopp.com/v1")
    #expect(settings.apiKey == "k")
    #expect(settings.hasCredentials)
  }

  @Test func missingCredentialsAreNamed() throws {
    let settings = try ConnectionSettings.fromEnvironment(["POPP_ORGANIZATION_ID": "org"])
    #expect(!settings.hasCredentials)
    #expect(throws: PoppError.invalidConfiguration("set POPP_API_KEY to reach Popp, or run `popp-console sandbox` for a local one")) {
      try settings.clientConfiguration()
    }
  }

  @Test func aBadBaseURLIsRefused() {
    #expect(throws: PoppError.self) { try ConnectionSettings.fromEnvironment(["POPP_BASE_URL": "not a url"]) }
    #expect(throws: PoppError.self) {
      try ConnectionSettings.fromEnvironment([
        "POPP_BASE_URL": "http://popp.example.com/v1", "POPP_API_KEY": "k", "POPP_ORGANIZATION_ID": "o",
      ]).clientConfiguration()
    }
  }
}
