import ConsoleCore
import Foundation
import GRDB
import Testing

@Suite struct LocalStoreTests {
  func conversation(_ id: String, status: ConversationStatus = .ongoing, review: Bool = false, takeover: Bool = false, name: String = "Ana")
    -> Conversation
  {
    Conversation(
      id: id, campaignId: "c1", participantFirstName: name, conversationStatus: status, needsReview: review, isHumanTakeover: takeover)
  }

  func temporaryPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("popp-cache-\(UUID().uuidString)/cache.sqlite").path
  }

  func removeCache(at path: String) {
    try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
  }

  /// Every field set, with values that trip lossy storage: sub-millisecond and pre-2001 dates,
  /// enum values this build does not know, empty strings, text in several scripts.
  var full: Conversation {
    Conversation(
      id: "full", organizationId: "org_1", campaignId: "", externalId: "ATS-1", externalCampaignId: "REQ-9", candidateId: "cand_1",
      participantFirstName: "Zoë 美咲 🌸", participantLastName: "", participantPhoneNumber: "+351 912 345 678",
      participantEmailAddress: "zoë@例え.jp", channel: .unknown("CARRIER_PIGEON"), conversationStatus: .unknown("BRAND_NEW_STATUS"),
      stage: .unknown("NEGOTIATION"), needsReview: true, needsReviewReason: "Asked about\u{0} salary\n", isHumanTakeover: true,
      screeningQuestionsOutcome: [
        ScreeningQuestionOutcome(screeningQuestion: "Licence?", questionOutcome: .passed, responseSummary: "Yes — for 8 years"),
        ScreeningQuestionOutcome(screeningQuestion: nil, questionOutcome: .unknown("MAYBE"), responseSummary: ""),
        ScreeningQuestionOutcome(screeningQuestion: "", questionOutcome: nil, responseSummary: nil),
      ],
      campaignConversationUrl: "https://app.popp.ai/c/1?x=1&y=ü",
      lastMessageAt: Date(timeIntervalSinceReferenceDate: 785_000_000.123_456_7),
      createdAt: Date(timeIntervalSince1970: 1_700_000_000.000_123_4), updatedAt: Date(timeIntervalSinceReferenceDate: -12_345.678_9))
  }

  /// Every optional field nil.
  var sparse: Conversation { Conversation(id: "sparse", conversationStatus: .ongoing) }

  /// Known enum values, and outcomes present but empty.
  var known: Conversation {
    Conversation(
      id: "known", campaignId: "c1", participantFirstName: "Ana", participantLastName: "Lima", channel: .whatsapp,
      conversationStatus: .completedMeetingRequested, stage: .closing, screeningQuestionsOutcome: [],
      lastMessageAt: Date(timeIntervalSince1970: 1_700_000_000.5), createdAt: Date(timeIntervalSinceReferenceDate: 0),
      updatedAt: .distantPast)
  }

  @Test func everyFieldReadsBackExactlyAfterReopening() throws {
    let path = temporaryPath()
    defer { removeCache(at: path) }
    let stored = [full, sparse, known]
    try LocalStore(path: path).merge(stored)
    let read = try LocalStore(path: path).conversations()
    #expect(read.count == 3)
    for conversation in stored {
      let back = read.first { $0.id == conversation.id }
      #expect(back == conversation)
    }
    let byId = Dictionary(uniqueKeysWithValues: read.map { ($0.id, $0) })
    #expect(byId["full"]?.participantLastName == "", "empty stays empty")
    #expect(byId["sparse"]?.participantLastName == nil, "nil stays nil")
    #expect(byId["known"]?.screeningQuestionsOutcome == [], "no outcomes yet is not unknown outcomes")
    #expect(byId["sparse"]?.screeningQuestionsOutcome == nil)
    #expect(byId["full"]?.channel == .unknown("CARRIER_PIGEON"))
    #expect(byId["full"]?.lastMessageAt?.timeIntervalSinceReferenceDate == 785_000_000.123_456_7)
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

  @Test func mergingTheSameConversationsTwiceReportsNothingEvenAfterReopening() throws {
    let path = temporaryPath()
    defer { removeCache(at: path) }
    let many = (0..<1_234).map { index in
      Conversation(
        id: "conv-\(index)", campaignId: "c\(index % 3)", participantFirstName: index.isMultiple(of: 2) ? "Søren" : "Ana",
        conversationStatus: index.isMultiple(of: 5) ? .unknown("X_\(index)") : .ongoing, needsReview: index.isMultiple(of: 7),
        lastMessageAt: Date(timeIntervalSinceReferenceDate: 700_000_000 + Double(index) / 7))
    }
    #expect(try LocalStore(path: path).merge(many + [full, sparse, known]).count >= many.count + 3)
    let store = try LocalStore(path: path)
    #expect(try store.merge(many + [full, sparse, known]).isEmpty)
    #expect(try store.merge(try store.conversations()).isEmpty)
  }

  @Test func onlyWhatChangedIsReportedAndStored() throws {
    let store = try LocalStore(path: nil)
    try store.merge([full, sparse])
    var later = full
    later.updatedAt = full.updatedAt?.addingTimeInterval(0.000_001)
    #expect(try store.merge([sparse, later]) == [.changed(later, previous: full)])
    #expect(try store.conversations().first { $0.id == "full" } == later)
  }

  @Test func aRepeatedIdInOneBatchComparesWithItsEarlierSelf() throws {
    let store = try LocalStore(path: nil)
    let changes = try store.merge([conversation("a"), conversation("a", review: true)])
    #expect(
      changes == [
        .new(conversation("a")), .changed(conversation("a", review: true), previous: conversation("a")),
        .flagged(conversation("a", review: true)),
      ]
    )
    #expect(try store.conversations() == [conversation("a", review: true)])
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
    let path = temporaryPath()
    defer { removeCache(at: path) }
    do {
      let store = try LocalStore(path: path)
      try store.merge([conversation("a", status: .unknown("BRAND_NEW_STATUS"), name: "美咲 🌸")])
      try store.replaceCampaigns([campaign("c1")])
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

  func campaign(_ id: String) -> Campaign {
    Campaign(
      id: id, organizationId: "o", type: .applicantOutreach, channel: .sms, closingMethod: .custom, campaignStatus: .live,
      campaignTitle: "T \(id)")
  }

  let templates = [
    Template(id: "t1", name: "Hello", channel: .whatsapp, type: .openingMessage, campaignType: .applicantOutreach, body: "Hi {{name}}"),
    Template(id: "t2", name: nil, channel: .unknown("FAX"), type: .unknown("NUDGE"), campaignType: nil, body: "¿Sigues ahí?"),
  ]

  @Test func aSnapshotHoldsEverythingFirstPaintNeedsAfterReopening() throws {
    let path = temporaryPath()
    defer { removeCache(at: path) }
    let syncedAt = Date(timeIntervalSinceReferenceDate: 785_000_000.000_000_1)
    do {
      let store = try LocalStore(path: path)
      #expect(try store.snapshot().isEmpty)
      #expect(try store.snapshot().syncedAt == nil, "never synced")
      try store.replaceCampaigns([campaign("c1"), campaign("c2")])
      try store.replaceTemplates(templates)
      try store.merge([full, sparse, known])
      try store.markUnread(["full", "known"])
      try store.markSynced(at: syncedAt)
    }
    let snapshot = try LocalStore(path: path).snapshot()
    #expect(!snapshot.isEmpty)
    #expect(Set(snapshot.campaigns.map(\.id)) == ["c1", "c2"])
    #expect(Set(snapshot.templates) == Set(templates))
    #expect(Set(snapshot.conversations) == [full, sparse, known])
    #expect(snapshot.unread == ["full", "known"])
    #expect(snapshot.syncedAt == syncedAt, "exact to the bit")
  }

  @Test func templatesAreReplacedAsAWhole() throws {
    let store = try LocalStore(path: nil)
    try store.replaceTemplates(templates)
    try store.replaceTemplates([templates[1]])
    #expect(try store.templates() == [templates[1]])
    try store.replaceTemplates([])
    #expect(try store.templates().isEmpty)
  }

  @Test func unreadMarksComeAndGo() throws {
    let store = try LocalStore(path: nil)
    try store.markUnread(["a", "b", "a"])
    try store.markUnread(["b", "c"])
    #expect(try store.snapshot().unread == ["a", "b", "c"])
    try store.markRead("b")
    try store.markRead("never-seen")
    #expect(try store.snapshot().unread == ["a", "c"])
  }

  @Test func metaValuesAreSetReplacedAndDeleted() throws {
    let store = try LocalStore(path: nil)
    #expect(try store.value(forKey: "headToken") == nil)
    try store.setValue("t1", forKey: "headToken")
    try store.setValue("t2", forKey: "headToken")
    try store.setValue("", forKey: "empty")
    #expect(try store.value(forKey: "headToken") == "t2")
    #expect(try store.value(forKey: "empty") == "")
    try store.setValue(nil, forKey: "headToken")
    #expect(try store.value(forKey: "headToken") == nil)
    let date = Date(timeIntervalSince1970: 1_764_000_000.987_654_3)
    try store.markSynced(at: date)
    #expect(try store.snapshot().syncedAt == date)
    #expect(try store.value(forKey: "syncedAt") != nil)
  }

  @Test func aVersionOneCacheIsMigrated() throws {
    let path = temporaryPath()
    defer { removeCache(at: path) }
    try FileManager.default.createDirectory(
      atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, withIntermediateDirectories: true)
    // The file as the first version of the cache left it: its schema, a row in each table,
    // and GRDB's record of the migration applied.
    let old = try DatabaseQueue(path: path)
    try old.write { db in
      try db.execute(
        sql: """
          CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
          INSERT INTO grdb_migrations (identifier) VALUES ('v1');
          CREATE TABLE campaign (id TEXT PRIMARY KEY, resource TEXT NOT NULL);
          CREATE TABLE conversation (
            id TEXT PRIMARY KEY, campaignId TEXT, status TEXT NOT NULL, needsReview INTEGER NOT NULL,
            isHumanTakeover INTEGER NOT NULL, resource TEXT NOT NULL);
          CREATE INDEX conversation_live ON conversation(status);
          CREATE TABLE message (
            id TEXT PRIMARY KEY, conversationId TEXT NOT NULL, createdAt REAL, resource TEXT NOT NULL);
          CREATE INDEX message_by_conversation ON message(conversationId, createdAt);
          INSERT INTO campaign (id, resource) VALUES ('c1', '{"id":"c1","organizationId":"o","type":"APPLICANT_OUTREACH","channel":"SMS","closingMethod":"CUSTOM","campaignStatus":"LIVE","campaignTitle":"T"}');
          INSERT INTO conversation (id, campaignId, status, needsReview, isHumanTakeover, resource)
            VALUES ('a', 'c1', 'ONGOING', 0, 0, '{"id":"a","campaignId":"c1","conversationStatus":"ONGOING","needsReview":false,"isHumanTakeover":false}');
          """)
    }
    try old.close()

    let store = try LocalStore(path: path)
    #expect(try store.campaigns().map(\.id) == ["c1"], "campaigns are kept")
    #expect(try store.conversations().isEmpty, "conversations come back with the next poll")
    #expect(try store.merge([full]).contains(.new(full)))
    try store.markUnread(["full"])
    try store.markSynced(at: Date(timeIntervalSinceReferenceDate: 1))
    let reopened = try LocalStore(path: path).snapshot()
    #expect(reopened.conversations == [full])
    #expect(reopened.unread == ["full"])
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

  @Test func aNewMessageIsReportedAsArrived() throws {
    let store = try LocalStore(path: nil)
    var first = conversation("a")
    first.lastMessageAt = Date(timeIntervalSince1970: 1_795_000_000)
    try store.merge([first])
    var later = first
    later.lastMessageAt = first.lastMessageAt!.addingTimeInterval(30)
    let changes = try store.merge([later])
    #expect(changes.contains(.messageArrived(later)))
    #expect(changes.contains(.changed(later, previous: first)))
    var statusOnly = later
    statusOnly.conversationStatus = .completedScreeningPassed
    #expect(!(try store.merge([statusOnly])).contains(.messageArrived(statusOnly)), "no message, no arrival")
  }
}
