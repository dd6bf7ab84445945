import ConsoleCore
import Foundation
import PoppAPI
import Testing

/// Random sequences of merges (new messages, status changes, flags and takeovers, new
/// conversations, campaign changes, new text, tied and missing dates, unknown statuses, an id
/// twice in one merge) applied to one index answer exactly as an index built afresh from every
/// conversation does: list order, the rows of every tab of every scope, counts, search. The
/// seeds make a failure reproducible; merges of every size take both ways of merging (one at a
/// time and many together).
@Suite struct ConversationIndexMergeTests {
  /// SplitMix64: a small generator whose sequence is fixed by its seed.
  struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }

    /// A number in `0..<count`.
    mutating func below(_ count: Int) -> Int { Int(next(upperBound: UInt64(count))) }
  }

  static let names: [String?] = ["Ana", "ANA", "ÑANDÚ", "美咲", "Zoë", nil, "", "Σοφία", "İlker", "Straße", "Bo", "anA", "Lima"]
  static let statuses: [ConversationStatus] = ConversationStatus.knownCases + [.unknown("BRAND_NEW"), .unknown("LATER")]
  static let queries = [
    "ana", "a", "ñ", "Ñ", "美", "zoë", "ss", "straße", "σοφ", "İ", "+44", "ats-", "example", "lima", "\u{1}", "", "zzz", " ",
  ]
  static let base = Date(timeIntervalSinceReferenceDate: 700_000_000)

  /// A date among few, so that ties (broken by id) are common; sometimes none.
  static func date(_ random: inout SeededRandom) -> Date? {
    random.below(6) == 0 ? nil : base.addingTimeInterval(Double(random.below(12)) * 0.5)
  }

  static func campaign(_ random: inout SeededRandom, _ extra: Int) -> String? {
    let campaigns: [String?] = ["c1", "c2", "c3", nil, "", "c\(4 + extra % 3)"]
    return campaigns[random.below(campaigns.count)]
  }

  static func conversation(_ number: Int, _ random: inout SeededRandom) -> Conversation {
    Conversation(
      id: "conv-\(String(number &* 7919 % 1_000, radix: 36))-\(number)", campaignId: campaign(&random, 0),
      externalId: random.below(3) == 0 ? nil : "ATS-\(random.below(100))",
      participantFirstName: names.randomElement(using: &random)!, participantLastName: names.randomElement(using: &random)!,
      participantPhoneNumber: random.below(2) == 0 ? "+44 7700 9\(random.below(1000))" : nil,
      participantEmailAddress: random.below(3) == 0 ? "Person.\(random.below(20))@Example.COM" : nil,
      conversationStatus: statuses.randomElement(using: &random)!, needsReview: random.below(5) == 0,
      isHumanTakeover: random.below(7) == 0, lastMessageAt: date(&random), createdAt: date(&random),
      updatedAt: date(&random))
  }

  /// `conversation` with one to three random changes, each of a kind a poll brings.
  static func changed(_ conversation: Conversation, _ random: inout SeededRandom, round: Int) -> Conversation {
    var update = conversation
    for _ in 0...random.below(3) {
      switch random.below(11) {
      case 0: update.lastMessageAt = base.addingTimeInterval(1_000 + Double(round))  // a new message: to the top
      case 1: update.lastMessageAt = date(&random)  // to anywhere, often a tie
      case 2: update.updatedAt = date(&random)
      case 3: update.conversationStatus = statuses.randomElement(using: &random)!
      case 4: update.needsReview.toggle()
      case 5: update.isHumanTakeover.toggle()
      case 6: update.campaignId = campaign(&random, round)
      case 7: update.participantFirstName = names.randomElement(using: &random)!
      case 8: update.participantLastName = names.randomElement(using: &random)!
      case 9:
        update.participantPhoneNumber = random.below(2) == 0 ? nil : "+44 7700 9\(random.below(1000))"
        update.externalId = random.below(2) == 0 ? nil : "ATS-\(random.below(100))"
      default: break  // the same version again
      }
    }
    return update
  }

  /// A merge of `size` updates: mostly changes of known conversations (now and then one twice),
  /// some new ones.
  static func updates(_ size: Int, of known: [Conversation], next: inout Int, _ random: inout SeededRandom, round: Int)
    -> [Conversation]
  {
    var updates: [Conversation] = []
    for _ in 0..<size {
      if known.isEmpty || random.below(8) == 0 {
        updates.append(conversation(next, &random))
        next += 1
      } else if !updates.isEmpty && random.below(10) == 0 {
        updates.append(changed(updates.randomElement(using: &random)!, &random, round: round))
      } else {
        updates.append(changed(known.randomElement(using: &random)!, &random, round: round))
      }
    }
    return updates
  }

  /// The size of a merge: mostly one to three, sometimes tens (more than 64 are merged together,
  /// fewer one at a time), now and then none.
  static func mergeSize(_ random: inout SeededRandom) -> Int {
    switch random.below(10) {
    case 0..<6: random.below(3) + 1
    case 6: 8
    case 7: random.below(40) + 9
    case 8: random.below(40) + 60
    default: random.below(2)
    }
  }

  /// Stops at the first difference of order (what follows from it would only repeat it).
  func expectSame(_ merged: ConversationIndex, _ fresh: ConversationIndex, _ comment: Comment) throws {
    let listed = merged.rows(filter: .all, campaignId: nil)
    try #require(merged.listedConversations.map(\.id) == fresh.listedConversations.map(\.id), comment)
    #expect(merged.count == fresh.count, comment)
    for conversation in fresh.listedConversations {
      #expect(merged.conversation(id: conversation.id) == conversation, comment)
    }
    for (place, slot) in listed.enumerated() where place.isMultiple(of: 7) {
      #expect(merged.position(of: merged.conversations[slot].id, in: listed) == place, comment)
    }
    func ids(_ index: ConversationIndex, _ rows: [Int]) -> [String] { rows.map { index.conversations[$0].id } }
    let campaigns: [String?] = [nil, "c1", "c2", "c3", "", "c4", "c5", "c6", "no-such-campaign"]
    for campaignId in campaigns {
      for filter in StatusFilter.allCases {
        let rows = merged.rows(filter: filter, campaignId: campaignId)
        let freshRows = fresh.rows(filter: filter, campaignId: campaignId)
        #expect(ids(merged, rows) == ids(fresh, freshRows), "\(comment): \(filter) in \(campaignId ?? "every campaign")")
        #expect(merged.count(filter: filter, campaignId: campaignId) == fresh.count(filter: filter, campaignId: campaignId))
      }
      if let campaignId { #expect(merged.statusCounts(campaignId: campaignId) == fresh.statusCounts(campaignId: campaignId), comment) }
    }
    for (filter, campaignId) in [(StatusFilter.all, nil), (.needsReview, nil), (.all, "c1"), (.closed, "")] as [(StatusFilter, String?)] {
      let rows = merged.rows(filter: filter, campaignId: campaignId)
      let freshRows = fresh.rows(filter: filter, campaignId: campaignId)
      for query in Self.queries {
        #expect(
          ids(merged, merged.search(query, in: rows)) == ids(fresh, fresh.search(query, in: freshRows)), "\(comment): query \(query)")
      }
    }
  }

  /// Merges `rounds` random merges into `index`, holding it to a fresh index after each.
  func mergeRandomly(_ index: inout ConversationIndex, _ known: inout [String: Conversation], seed: UInt64, rounds: Int) throws {
    var random = SeededRandom(state: seed)
    var next = known.count
    // Kept in a stable order, so that the seed alone decides what is picked.
    var order = known.keys.sorted()
    for round in 1...rounds {
      let updates = Self.updates(Self.mergeSize(&random), of: order.map { known[$0]! }, next: &next, &random, round: round)
      index.merge(updates)
      for update in updates {
        if known.updateValue(update, forKey: update.id) == nil { order.append(update.id) }
      }
      try expectSame(index, ConversationIndex(Array(known.values)), "seed \(seed), round \(round)")
    }
  }

  @Test(arguments: [1, 2, 3, 4] as [UInt64]) func randomMergesAnswerAsAFreshIndex(seed: UInt64) throws {
    var random = SeededRandom(state: seed &* 1_000)
    let start = (0..<150).map { Self.conversation($0, &random) }
    var known = Dictionary(uniqueKeysWithValues: start.map { ($0.id, $0) })
    var index = ConversationIndex(start)
    try mergeRandomly(&index, &known, seed: seed, rounds: 120)
  }

  /// Enough conversations for several chunks of storage and pages of search keys.
  @Test func randomMergesOverSeveralPagesAnswerAsAFreshIndex() throws {
    var random = SeededRandom(state: 77)
    let start = (0..<2_600).map { Self.conversation($0, &random) }
    var known = Dictionary(uniqueKeysWithValues: start.map { ($0.id, $0) })
    var index = ConversationIndex(start)
    try mergeRandomly(&index, &known, seed: 77, rounds: 25)
  }

  @Test func mergesIntoAnEmptyIndexAsAFreshIndex() throws {
    var index = ConversationIndex()
    var known: [String: Conversation] = [:]
    try mergeRandomly(&index, &known, seed: 99, rounds: 60)
    #expect(index.count > 30)
  }

  @Test func firstLoadInOneMergeAnswersAsAFreshIndex() throws {
    var random = SeededRandom(state: 5)
    let all = (0..<400).map { Self.conversation($0, &random) }
    var index = ConversationIndex()
    index.merge(all)
    try expectSame(index, ConversationIndex(all), "first load")
  }

  /// Names changed over and over: the search keys' buffer is compacted again and again, and
  /// still answers for every slot.
  @Test func searchKeysStayTrueThroughManyNewNames() throws {
    var random = SeededRandom(state: 11)
    var known = (0..<40).map { Self.conversation($0, &random) }
    var index = ConversationIndex(known)
    for round in 0..<300 {
      let number = random.below(known.count)
      known[number].participantFirstName = Self.names.randomElement(using: &random)!
      known[number].participantLastName = round.isMultiple(of: 3) ? "Ñandú \(round)" : "lima\(round)"
      index.merge([known[number]])
      if round.isMultiple(of: 25) { try expectSame(index, ConversationIndex(known), "rename \(round)") }
    }
    try expectSame(index, ConversationIndex(known), "renamed")
  }

  /// A copy taken before a merge (the screen's) keeps answering as it did.
  @Test func aCopyIsNotChangedByMergesIntoTheOriginal() throws {
    var random = SeededRandom(state: 21)
    let start = (0..<1_200).map { Self.conversation($0, &random) }
    var index = ConversationIndex(start)
    let copy = index
    var next = start.count
    index.merge(Self.updates(3, of: start, next: &next, &random, round: 1))
    index.merge(Self.updates(30, of: start, next: &next, &random, round: 2))
    try expectSame(copy, ConversationIndex(start), "the copy")
  }
}
