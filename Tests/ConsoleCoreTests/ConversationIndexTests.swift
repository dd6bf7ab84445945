import ConsoleCore
import Foundation
import Testing

@Suite struct ConversationIndexSearchTests {
  func conversation(
    _ id: String, _ first: String, _ last: String, phone: String? = nil, email: String? = nil, external: String? = nil, age: Double
  )
    -> Conversation
  {
    Conversation(
      id: id, externalId: external, participantFirstName: first, participantLastName: last, participantPhoneNumber: phone,
      participantEmailAddress: email, conversationStatus: .ongoing, lastMessageAt: Date(timeIntervalSince1970: 1_000_000 - age))
  }

  var index: ConversationIndex {
    ConversationIndex([
      conversation("a", "Ana", "Lima", phone: "+351912345678", age: 1),
      conversation("b", "Bo", "Andersen", email: "bo@example.com", age: 2),
      conversation("c", "美咲", "佐藤", external: "ATS-77", age: 3),
      conversation("d", "Zoë", "Brontë", phone: "+447700900123", age: 4),
      conversation("e", "", "", age: 5),
      conversation("f", "Lim", "Ana", age: 6),
    ])
  }

  func ids(_ query: String, in rows: [Int]? = nil) -> [String] {
    let index = self.index
    let all = rows ?? index.rows(filter: .all, campaignId: nil)
    return index.search(query, in: all).map { index.conversations[$0].id }
  }

  @Test func findsEveryFieldCaseInsensitively() {
    #expect(ids("ana") == ["a", "f"])
    #expect(ids("and") == ["b"])
    #expect(ids("ANDERSEN") == ["b"])
    #expect(ids("+4477") == ["d"])
    #expect(ids("example.com") == ["b"])
    #expect(ids("ats-7") == ["c"])
    #expect(ids("佐藤") == ["c"])
    #expect(ids("zoë") == ["d"])
    #expect(ids("") == ["a", "b", "c", "d", "e", "f"])
    #expect(ids("nothing") == [])
  }

  @Test func neverMatchesAcrossFieldsOrConversations() {
    #expect(ids("analima") == [], "first and last name are separate fields")
    #expect(ids("limaana") == [], "nor does one conversation run into the next")
    #expect(ids("lima") == ["a"])
  }

  @Test func searchesOnlyTheRowsGiven() {
    let index = self.index
    let someRows = index.rows(filter: .all, campaignId: nil).filter { index.conversations[$0].id != "a" }
    #expect(ids("ana", in: someRows) == ["f"])
  }
}
