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

/// The index against a plain reference (the first, straightforward implementation: sort by
/// latest activity, ties by id; filter with `StatusFilter.matches`; search `lowercased()` text)
/// over a mixed fixture: names in several scripts and cases, missing and empty fields, tied
/// dates, conversations without a campaign, unknown statuses.
@Suite struct ConversationIndexReferenceTests {
  static let firstNames: [String?] = [
    "Ana", "ANA", "美咲", "Zoë", "Muñoz", "ÑANDÚ", nil, "", "Olúwaseun", "İlker", "STRASSE", "Straße", "Mia 🌸", "anA", "Σοφία",
  ]
  static let lastNames: [String?] = ["Lima", "佐藤", nil, "", "Andersen", "Brontë", "ANAYA", "Peña", "ÅSTRÖM", "lee"]
  static let statuses: [ConversationStatus] = [
    .ongoing, .queued, .completedMeetingRequested, .closed, .optedOut, .unknown("BRAND_NEW"), .completedScreeningFailed,
    .deliveryFailed, .created, .completedAwaitingCall,
  ]
  static let campaigns: [String?] = ["c1", "c2", nil, "", "c3"]

  static func fixture(_ count: Int, seed: Int = 0) -> [Conversation] {
    (0..<count).map { index in
      let n = index &* 7919 &+ seed
      let base = Date(timeIntervalSinceReferenceDate: 700_000_000)
      // Few distinct dates, so that ties (broken by id) are common; some have none at all.
      let last: Date? = n % 5 == 0 ? nil : base.addingTimeInterval(Double(n % 97) * 0.25)
      let updated: Date? = n % 3 == 0 ? nil : base.addingTimeInterval(Double(n % 89))
      let created: Date? = n % 11 == 0 ? nil : base.addingTimeInterval(-Double(n % 13))
      return Conversation(
        id: "conv-\(String(n % 100_003, radix: 36))-\(index)", campaignId: campaigns[n % campaigns.count],
        externalId: n % 4 == 0 ? nil : "ATS-\(n % 1000)", participantFirstName: firstNames[n % firstNames.count],
        participantLastName: lastNames[(n / 3) % lastNames.count],
        participantPhoneNumber: n % 2 == 0 ? "+44 7700 9\(n % 10_000)" : nil,
        participantEmailAddress: n % 3 == 1 ? "Person.\(n % 50)@Example.COM" : nil, conversationStatus: statuses[n % statuses.count],
        needsReview: n % 6 == 0, isHumanTakeover: n % 9 == 0, lastMessageAt: last, createdAt: created, updatedAt: updated)
    }
  }

  /// What the index must answer, computed the plain way.
  struct Reference {
    var conversations: [Conversation]

    init(_ conversations: [Conversation]) {
      self.conversations = conversations.sorted {
        let left = $0.lastMessageAt ?? $0.updatedAt ?? $0.createdAt ?? .distantPast
        let right = $1.lastMessageAt ?? $1.updatedAt ?? $1.createdAt ?? .distantPast
        return left != right ? left > right : $0.id < $1.id
      }
    }

    func rows(_ filter: StatusFilter, _ campaignId: String?) -> [Int] {
      conversations.indices.filter { position in
        let conversation = conversations[position]
        return filter.matches(conversation) && (campaignId == nil || (conversation.campaignId ?? "") == campaignId)
      }
    }

    func key(_ conversation: Conversation) -> [UInt8] {
      let parts = [
        conversation.participantFirstName, conversation.participantLastName, conversation.participantName,
        conversation.participantPhoneNumber, conversation.participantEmailAddress, conversation.externalId,
      ]
      return Array(parts.compactMap { $0 }.joined(separator: "\u{1}").lowercased().utf8)
    }

    func search(_ query: String, in rows: [Int]) -> [Int] {
      let needle = Array(query.lowercased().utf8)
      guard !needle.isEmpty else { return rows }
      return rows.filter { row in
        let text = key(conversations[row])
        guard text.count >= needle.count else { return false }
        return (0...(text.count - needle.count)).contains { Array(text[$0..<($0 + needle.count)]) == needle }
      }
    }

    func counts(_ campaignId: String) -> [ConversationStatus: Int] {
      conversations.filter { ($0.campaignId ?? "") == campaignId }.reduce(into: [:]) { $0[$1.conversationStatus, default: 0] += 1 }
    }
  }

  static let queries = [
    "ana", "ANA", "An", "a", "ñ", "Ñ", "美", "美咲", "佐藤", "zoë", "ë", "straße", "strasse", "ss", "i̇", "İ", "σοφ", "ΣΟΦ", "🌸", "+44",
    "7700 9", "example.com", "person.1", "ats-9", "lima", "analima", "ana lima", "\u{1}", " ", "zzz", "",
  ]

  func expectSame(_ index: ConversationIndex, _ reference: Reference, _ comment: Comment? = nil) {
    let listed = index.rows(filter: .all, campaignId: nil)
    #expect(listed.map { index.conversations[$0] } == reference.conversations, comment)
    #expect(index.listedConversations == reference.conversations, comment)
    #expect(index.count == reference.conversations.count)
    for (position, conversation) in reference.conversations.enumerated() {
      #expect(index.position(of: conversation.id, in: listed) == position)
      #expect(index.conversation(id: conversation.id) == conversation)
    }
    #expect(index.slot(of: "no-such-id") == nil)
    #expect(index.position(of: "no-such-id", in: listed) == nil)
    func ids(_ rows: [Int]) -> [String] { rows.map { index.conversations[$0].id } }
    func referenceIds(_ rows: [Int]) -> [String] { rows.map { reference.conversations[$0].id } }
    for campaignId in Self.campaigns + ["no-such-campaign"] {
      for filter in StatusFilter.allCases {
        #expect(
          ids(index.rows(filter: filter, campaignId: campaignId)) == referenceIds(reference.rows(filter, campaignId)),
          "\(filter) \(campaignId ?? "nil")")
        #expect(index.count(filter: filter, campaignId: campaignId) == reference.rows(filter, campaignId).count)
      }
      if let campaignId { #expect(index.statusCounts(campaignId: campaignId) == reference.counts(campaignId)) }
    }
    for filter in [StatusFilter.all, .ongoing] {
      let rows = index.rows(filter: filter, campaignId: nil)
      let referenceRows = reference.rows(filter, nil)
      for query in Self.queries {
        #expect(ids(index.search(query, in: rows)) == referenceIds(reference.search(query, in: referenceRows)), "query \(query)")
      }
    }
    #expect(
      Attention().reviewQueue(in: index).map(\.id)
        == reference.rows(.needsReview, nil).map { reference.conversations[$0] }.sorted {
          ($0.updatedAt ?? .distantPast, $0.id) < ($1.updatedAt ?? .distantPast, $1.id)
        }.map(\.id))
  }

  @Test func answersAsTheReferenceDoes() {
    let conversations = Self.fixture(1_500)
    expectSame(ConversationIndex(conversations), Reference(conversations))
    expectSame(ConversationIndex(conversations.reversed()), Reference(conversations), "whatever order they come in")
    expectSame(ConversationIndex([]), Reference([]))
  }

  /// The scan reads eight places at a time: a match at any place of a key, short or long, at
  /// its very end, across a word's edge, or after near misses ("aab", "abab") is found, and
  /// one a byte past the key's end is not.
  @Test func findsAMatchAtEveryPlaceOfAKey() {
    var conversations: [Conversation] = []
    for before in 0..<19 {
      for after in 0..<11 {
        conversations.append(
          Conversation(
            id: "c-\(before)-\(after)", campaignId: "camp", participantFirstName: String(repeating: "x", count: before) + "qz",
            participantLastName: String(repeating: "a", count: after) + (after % 2 == 0 ? "ab" : "b"),
            conversationStatus: .ongoing, updatedAt: Date(timeIntervalSinceReferenceDate: Double(before * 100 + after))))
      }
    }
    let index = ConversationIndex(conversations)
    let reference = Reference(conversations)
    let rows = index.rows(filter: .all, campaignId: nil)
    let referenceRows = reference.rows(.all, nil)
    for query in ["qz", "xqz", "xxxxxxxxqz", "zq", "aab", "ab", "aaaab", "qz\u{1}", "z\u{1}a", "b\u{1}", "qz aa", "bq", "xx", "abab"] {
      let found = index.search(query, in: rows).map { index.conversations[$0].id }
      let expected = reference.search(query, in: referenceRows).map { reference.conversations[$0].id }
      #expect(found == expected, "query \(query)")
    }
    #expect(index.search("xxxxxxxxxxqz", in: rows).count == 9 * 11, "keys with 10 to 18 x's before qz")
  }

  @Test func searchesNonASCIIAndCaseInsensitively() {
    let index = ConversationIndex(Self.fixture(300))
    let all = index.rows(filter: .all, campaignId: nil)
    func names(_ query: String) -> Set<String> {
      Set(index.search(query, in: all).map { index.conversations[$0].participantName })
    }
    #expect(!names("ñ").isEmpty && names("ñ").allSatisfy { $0.lowercased().contains("ñ") })
    #expect(names("ñ") == names("Ñ"))
    #expect(!names("美").isEmpty && names("美").allSatisfy { $0.contains("美") })
    #expect(names("ANA") == names("ana"))
    #expect(names("ana").contains { $0.hasPrefix("ANA") } && names("ana").contains { $0.hasPrefix("anA") })
  }

  @Test func mergingAnswersAsAFreshIndexDoes() {
    let conversations = Self.fixture(800)
    var index = ConversationIndex(conversations)
    // Same place and text, other status and flags: replaced in place.
    var changed = [conversations[3], conversations[10], conversations[500]]
    changed[0].conversationStatus = .closed
    changed[1].needsReview.toggle()
    changed[2].isHumanTakeover.toggle()
    changed[2].campaignId = "c-new"
    index.merge(changed)
    var expected = conversations
    for update in changed { expected[expected.firstIndex { $0.id == update.id }!] = update }
    expectSame(index, Reference(expected), "in place")

    // New text, a new date, new conversations, and an id twice (the last one wins).
    var moved = expected[20]
    moved.lastMessageAt = Date(timeIntervalSinceReferenceDate: 800_000_000)
    var renamed = expected[40]
    renamed.participantFirstName = "Ñoño"
    let added = Conversation(id: "new-1", participantFirstName: "Nuevo", conversationStatus: .ongoing)
    var addedAgain = added
    addedAgain.participantLastName = "Segundo"
    index.merge([moved, renamed, added, addedAgain])
    expected[20] = moved
    expected[40] = renamed
    expected.append(addedAgain)
    expectSame(index, Reference(expected), "rebuilt")

    var unchanged = index
    unchanged.merge([])
    expectSame(unchanged, Reference(expected))
  }

  @Test func mergeAfterMergeStaysTrue() {
    var expected = Self.fixture(300, seed: 7)
    var index = ConversationIndex(expected)
    let names = ["Ana", "ÉLODIE", "美咲", "Bo"]
    for round in 1...8 {
      var updates: [Conversation] = []
      for step in 0..<(round % 3 + 1) {
        var update = expected[(round * 37 + step * 101) % expected.count]
        switch (round + step) % 4 {
        case 0: update.lastMessageAt = Date(timeIntervalSinceReferenceDate: 800_000_000 + Double(round))
        case 1: update.participantLastName = names[round % names.count]
        case 2: update.needsReview.toggle()
        default:
          update.participantFirstName = names[step % names.count]
          update.lastMessageAt = nil
        }
        updates.append(update)
      }
      let arriving = Conversation(
        id: "arrived-\(round)", campaignId: "c1", participantFirstName: names[round % names.count], conversationStatus: .ongoing,
        lastMessageAt: round.isMultiple(of: 2) ? Date(timeIntervalSinceReferenceDate: 900_000_000) : nil)
      updates.append(arriving)
      index.merge(updates)
      for update in updates {
        if let position = expected.firstIndex(where: { $0.id == update.id }) {
          expected[position] = update
        } else {
          expected.append(update)
        }
      }
      expectSame(index, Reference(expected), "round \(round)")
    }
  }
}
