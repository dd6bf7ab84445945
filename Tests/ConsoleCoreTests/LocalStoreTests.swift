import ConsoleCore
import Foundation
import Testing

@Suite struct LocalStoreTests {
  func conversation(_ id: String, status: ConversationStatus = .ongoing, review: Bool = false, takeover: Bool = false, name: String = "Ana")
    -> Conversation
  {
    Conversation(
      id: id, campaignId: "c1", participantFirstName: name, conversationStatus: status, needsReview: review, isHumanTakeover: takeover)
  }

  @Test func aFirstPollReportsEverythingAsNewAndFlaggedOnesAsFlagged() throws {
    let store = try LocalStore(path: nil)
    let changes = try store.merge([conversation("a"), conversation("b", review: true)])
    #expect(changes.count == 3)
    #expect(changes.contains(.new(conversation("a"))))
    #expect(changes.contains(.flagged(conversation("b", review: true))))
  }

  @Test func aPollWithNothingChangedReportsNothing() throws {
    let store = try LocalStore(path: nil)
    try store.merge([conversation("a"), conversation("b")])
    #expect(try store.merge([conversation("a"), conversation("b")]).isEmpty)
  }

  @Test func changesAreTyped() throws {
    let store = try LocalStore(path: nil)
    try store.merge([conversation("a"), conversation("b", review: true), conversation("c", takeover: true)])
    let changes = try store.merge([
      conversation("a", review: true), conversation("b", review: false), conversation("c", takeover: false), conversation("d"),
    ])
    #expect(changes.contains(.flagged(conversation("a", review: true))))
    #expect(changes.contains(.unflagged(conversation("b"))))
    #expect(changes.contains(.handedBack(conversation("c"))))
    #expect(changes.contains(.new(conversation("d"))))
    let again = try store.merge([conversation("a", review: true, takeover: true)])
    #expect(again.contains(.takenOverElsewhere(conversation("a", review: true, takeover: true))))
  }

  @Test func theCacheSurvivesReopeningAndKeepsUnknownStatuses() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("popp-cache-\(UUID().uuidString)/cache.sqlite").path
    defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
    do {
      let store = try LocalStore(path: path)
      try store.merge([conversation("a", status: .unknown("BRAND_NEW_STATUS"), name: "美咲 🌸")])
      try store.replaceCampaigns([
        Campaign(
          id: "c1", organizationId: "o", type: .applicantOutreach, channel: .sms, closingMethod: .custom, campaignStatus: .live,
          campaignTitle: "T")
      ])
      try store.merge(
        messages: [
          Message(id: "m1", conversationId: "a", body: "hi", sender: .agent, status: .delivered, createdAt: Date(timeIntervalSince1970: 5))
        ],
        conversationId: "a")
    }
    let reopened = try LocalStore(path: path)
    let conversations = try reopened.conversations()
    #expect(conversations.map(\.conversationStatus) == [.unknown("BRAND_NEW_STATUS")])
    #expect(conversations.first?.participantFirstName == "美咲 🌸")
    #expect(try reopened.campaigns().map(\.id) == ["c1"])
    #expect(try reopened.messages(conversationId: "a").map(\.body) == ["hi"])
  }

  @Test func newMessagesAreReportedOnce() throws {
    let store = try LocalStore(path: nil)
    let first = Message(
      id: "m1", conversationId: "a", body: "one", sender: .agent, status: .delivered, createdAt: Date(timeIntervalSince1970: 1))
    let second = Message(
      id: "m2", conversationId: "a", body: "two", sender: .candidate, status: .received, createdAt: Date(timeIntervalSince1970: 2))
    #expect(try store.merge(messages: [first], conversationId: "a").map(\.id) == ["m1"])
    #expect(try store.merge(messages: [first, second], conversationId: "a").map(\.id) == ["m2"])
    #expect(try store.messages(conversationId: "a").map(\.id) == ["m1", "m2"])
  }

  @Test func eachOrganizationHasItsOwnCacheFile() {
    let paths = ConsolePaths(environment: ["HOME": "/home/jo", "XDG_STATE_HOME": "/state"])
    #expect(LocalStore.path(for: "org_123", in: paths) == "/state/popp-console/org_123/cache.sqlite")
    #expect(LocalStore.path(for: "../etc", in: paths) == "/state/popp-console/___etc/cache.sqlite", "no path tricks")
  }
}
