import ConsoleCore
import Testing

@testable import ConsoleUI

/// Raw keys as ncurses hands them over, turned into the console's keys.
@Suite struct KeyTranslatorTests {
  static func raw(_ text: String) -> [RawKey] { text.unicodeScalars.map { .character($0.value) } }

  static let pasteStart = "\u{1B}[200~"
  static let pasteEnd = "\u{1B}[201~"

  @Test func altEnterAndAltBackspace() {
    var translator = KeyTranslator()
    #expect(translator.keys(from: Self.raw("\u{1B}\r")) == [.altEnter])
    #expect(translator.keys(from: Self.raw("\u{1B}\n")) == [.altEnter])
    #expect(translator.keys(from: Self.raw("\u{1B}\u{7F}")) == [.altBackspace])
    #expect(translator.keys(from: Self.raw("\u{1B}\u{8}")) == [.altBackspace])
    #expect(translator.keys(from: Self.raw("\r")) == [.enter])
    #expect(translator.keys(from: Self.raw("\u{1B}")) == [.escape])
    #expect(translator.keys(from: Self.raw("\u{1B}x\u{1B}[")) == [.alt("x"), .alt("[")])
  }

  @Test func ctrlArrowsFromTerminfoCodesAndFromRawSequences() {
    var translator = KeyTranslator(controlLeftCode: 560, controlRightCode: 575)
    #expect(translator.keys(from: [.function(560), .function(575)]) == [.controlLeft, .controlRight])
    var plain = KeyTranslator()
    #expect(plain.keys(from: Self.raw("\u{1B}[1;5D\u{1B}[1;5Ca")) == [.controlLeft, .controlRight, .character("a")])
    #expect(plain.keys(from: Self.raw("\u{1B}[5D")) == [.controlLeft])
    #expect(plain.keys(from: [.function(560)]) == [], "an unknown code is no key")
    #expect(plain.keys(from: Self.raw("\u{1B}[I\u{1B}[O")) == [], "unknown sequences are not typed as text")
  }

  @Test func aBracketedPasteSplitAcrossReadsIsOnePaste() {
    var translator = KeyTranslator()
    let first = translator.keys(from: Self.raw("a" + Self.pasteStart + "Dear Ana,\rThanks"))
    #expect(first == [.character("a")])
    let second = translator.keys(from: Self.raw(" — 日本 👍🏽\r\nBye" + Self.pasteEnd + "b"))
    #expect(second == [.paste("Dear Ana,\nThanks — 日本 👍🏽\nBye"), .character("b")])
    #expect(!second.contains(.enter))
  }

  @Test func pasteMarkersCutAcrossReads() {
    var translator = KeyTranslator()
    #expect(translator.keys(from: Self.raw("\u{1B}[20")) == [])
    #expect(translator.keys(from: Self.raw("0~one\r\u{1B}[2")) == [])
    #expect(translator.keys(from: Self.raw("01~")) == [.paste("one\n")])
    #expect(translator.keys(from: Self.raw("~")) == [.character("~")])
  }

  @Test func aPasteWithoutItsEndIsDeliveredWhenFinished() {
    var translator = KeyTranslator()
    #expect(translator.keys(from: Self.raw(Self.pasteStart + "half")) == [])
    #expect(translator.finish() == [.paste("half")])
    #expect(translator.keys(from: Self.raw("\u{1B}[2")) == [])
    #expect(translator.finish() == [.alt("["), .character("2")])
  }

  @Test func theOneBatchConvenienceHandlesAWholePaste() {
    let keys = KeyTranslator.translate(Self.raw("x" + Self.pasteStart + "line\rline" + Self.pasteEnd + "\r"))
    #expect(keys == [.character("x"), .paste("line\nline"), .enter])
  }

  @Test func aLongPasteStaysOnePaste() {
    var translator = KeyTranslator()
    let text = String(repeating: "Zoë ~ 美咲 ", count: 2_000)
    var keys = translator.keys(from: Self.raw(Self.pasteStart + text.prefix(5_000)))
    keys += translator.keys(from: Self.raw(String(text.dropFirst(5_000)) + Self.pasteEnd))
    #expect(keys == [.paste(text)])
  }
}
