import Foundation
import PoppAPI
import Testing

/// A server may escape a lone UTF-16 surrogate (JavaScript's `JSON.stringify` does for a broken
/// emoji). One damaged message must not make the thread, or the list, unreadable.
@Suite struct LoneSurrogateTests {
  private func message(_ bodyJSON: String) throws -> Message {
    let json =
      #"{"id": "m1", "conversationId": "c1", "body": ""# + bodyJSON
      + #"", "sender": "USER", "status": "DELIVERED", "createdAt": "2026-11-25T08:00:00.000Z"}"#
    return try PoppJSON.decode(Message.self, from: Data(json.utf8))
  }

  @Test func aLoneLowSurrogateBecomesAReplacementCharacter() throws {
    #expect(try message(#"broken \udc80 emoji"#).body == "broken \u{FFFD} emoji")
  }

  @Test func aLoneHighSurrogateAtTheEndOrBeforeAnotherEscapeBecomesAReplacementCharacter() throws {
    #expect(try message(#"cut \ud83d"#).body == "cut \u{FFFD}")
    #expect(try message(#"\uD83D\u0041"#).body == "\u{FFFD}A")
    #expect(try message(#"\ud83d\ud83d\ude00"#).body == "\u{FFFD}😀", "the second high surrogate pairs with the low one")
  }

  @Test func pairedSurrogatesAndEscapedBackslashesAreKept() throws {
    #expect(try message(#"\ud83d\ude00 ok"#).body == "😀 ok")
    #expect(try message(#"a literal \\udc80"#).body == #"a literal \udc80"#, "an escaped backslash is text, not an escape")
    #expect(try message(#"\\\ud83d\ude00"#).body == #"\😀"#)
  }

  @Test func aPageOfConversationsWithOneDamagedNameStillDecodes() throws {
    let json = #"""
      {"data": [
        {"id": "c1", "campaignId": "k", "participantFirstName": "Zo\udc80e", "conversationStatus": "ONGOING", "createdAt": "2026-11-25T08:00:00Z", "updatedAt": "2026-11-25T08:00:00Z"},
        {"id": "c2", "campaignId": "k", "participantFirstName": "Ada", "conversationStatus": "ONGOING", "createdAt": "2026-11-25T08:00:00Z", "updatedAt": "2026-11-25T08:00:00Z"}
      ]}
      """#
    let page = try PoppJSON.decode(Page<Conversation>.self, from: Data(json.utf8))
    #expect(page.data.map(\.participantFirstName) == ["Zo\u{FFFD}e", "Ada"])
  }

  @Test func bodiesThatAreNotJSONAreStillRefused() {
    #expect(throws: DecodingError.self) { try PoppJSON.decode(Message.self, from: Data(#"{"id": "m1", "body": "\udc80"#.utf8)) }
    #expect(throws: DecodingError.self) { try PoppJSON.decode(Message.self, from: Data("not json".utf8)) }
  }
}
