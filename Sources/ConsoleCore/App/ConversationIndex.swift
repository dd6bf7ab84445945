public import Foundation
public import PoppAPI

/// Every known conversation, sorted for the list (latest activity first), with what the list
/// needs precomputed: the rows of each status tab for each campaign scope and a lowercased search
/// key. Switching tabs is then a lookup, and a `/` filter scans bytes, not Strings.
public struct ConversationIndex: Sendable {
  public private(set) var conversations: [Conversation] = []
  private var positionById: [String: Int] = [:]
  /// Rows of each filter, for all campaigns (key nil) and for each campaign.
  private var rowsByScope: [String?: [StatusFilter: [Int]]] = [:]
  /// Every conversation's lowercased search text, end to end in one buffer (one allocation,
  /// read in order: a scan of 100,000 stays in cache), and where each one starts.
  private var searchBytes: [UInt8] = []
  private var searchStarts: [Int] = [0]
  /// Per conversation, a 256-bit set of the byte pairs its text holds (4 words each): a query
  /// whose pairs are not all there cannot match, which rules out most conversations with a few
  /// AND operations instead of a scan of their text.
  private var pairSets: [UInt64] = []
  /// Per conversation, the set of bytes its text holds (4 words each), for one-key queries.
  private var byteSets: [UInt64] = []
  private var statusCountsByCampaign: [String: [ConversationStatus: Int]] = [:]

  public init(_ conversations: [Conversation] = []) {
    self.conversations = conversations.sorted(by: Self.listOrder)
    rebuild()
  }

  /// Latest activity first; ties by creation, then id, so the order is stable.
  static func listOrder(_ a: Conversation, _ b: Conversation) -> Bool {
    let left = a.lastMessageAt ?? a.updatedAt ?? a.createdAt ?? .distantPast
    let right = b.lastMessageAt ?? b.updatedAt ?? b.createdAt ?? .distantPast
    if left != right { return left > right }
    return a.id < b.id
  }

  private mutating func rebuild() {
    positionById = Dictionary(uniqueKeysWithValues: conversations.enumerated().map { ($1.id, $0) })
    searchBytes = []
    searchBytes.reserveCapacity(conversations.count * 48)
    searchStarts = [0]
    searchStarts.reserveCapacity(conversations.count + 1)
    for conversation in conversations {
      searchBytes += Self.searchKey(conversation)
      searchStarts.append(searchBytes.count)
    }
    pairSets = [UInt64](repeating: 0, count: conversations.count * 4)
    byteSets = [UInt64](repeating: 0, count: conversations.count * 4)
    for row in conversations.indices {
      var start = searchStarts[row]
      let end = searchStarts[row + 1]
      for position in start..<end {
        let byte = Int(searchBytes[position])
        byteSets[row * 4 + byte >> 6] |= 1 << UInt64(byte & 63)
      }
      while start + 1 < end {
        let bit = Self.pairBit(searchBytes[start], searchBytes[start + 1])
        pairSets[row * 4 + bit >> 6] |= 1 << UInt64(bit & 63)
        start += 1
      }
    }
    var scopes: [String?: [StatusFilter: [Int]]] = [nil: [:]]
    var counts: [String: [ConversationStatus: Int]] = [:]
    for (position, conversation) in conversations.enumerated() {
      counts[conversation.campaignId ?? "", default: [:]][conversation.conversationStatus, default: 0] += 1
      for filter in StatusFilter.allCases where filter.matches(conversation) {
        scopes[nil, default: [:]][filter, default: []].append(position)
        scopes[conversation.campaignId ?? "", default: [:]][filter, default: []].append(position)
      }
    }
    rowsByScope = scopes
    statusCountsByCampaign = counts
  }

  static func searchKey(_ conversation: Conversation) -> [UInt8] {
    let parts = [
      conversation.participantFirstName, conversation.participantLastName, conversation.participantName,
      conversation.participantPhoneNumber, conversation.participantEmailAddress, conversation.externalId,
    ]
    return Array(parts.compactMap { $0 }.joined(separator: "\u{1}").lowercased().utf8)
  }

  /// Where a conversation stands in `conversations`.
  public func position(of id: String) -> Int? { positionById[id] }

  public func conversation(id: String) -> Conversation? {
    positionById[id].map { conversations[$0] }
  }

  public var count: Int { conversations.count }

  /// The positions (into `conversations`) of one tab of one campaign (nil: every campaign).
  public func rows(filter: StatusFilter, campaignId: String?) -> [Int] {
    rowsByScope[campaignId]?[filter] ?? []
  }

  public func count(filter: StatusFilter, campaignId: String?) -> Int {
    rows(filter: filter, campaignId: campaignId).count
  }

  /// The rows among `rows` whose name, phone, email or externalId contains `query`
  /// (case-insensitive), in the order given.
  ///
  /// The byte and byte-pair sets rule most conversations out with a few AND operations; the
  /// rest are checked in place in the shared buffer. (A `memchr` over the whole buffer was
  /// slower: its per-call cost, paid once a conversation, outweighed its speed when most match.)
  public func search(_ query: String, in rows: [Int]) -> [Int] {
    let needle = Array(query.lowercased().utf8)
    guard !needle.isEmpty, !rows.isEmpty else { return needle.isEmpty ? rows : [] }
    let possible = candidates(for: needle, in: rows)
    // A single byte is decided by the byte sets alone.
    if needle.count == 1 { return possible }
    return searchBytes.withUnsafeBufferPointer { bytes in
      searchStarts.withUnsafeBufferPointer { starts in
        needle.withUnsafeBufferPointer { pin in
          possible.filter { row in Self.contains(bytes, from: starts[row], to: starts[row + 1], pin) }
        }
      }
    }
  }

  static func pairBit(_ first: UInt8, _ second: UInt8) -> Int {
    Int((UInt32(first) &* 31 &+ UInt32(second)) & 255)
  }

  /// The rows whose byte-pair set holds every pair of `needle` (all rows for one byte).
  private func candidates(for needle: [UInt8], in rows: [Int]) -> [Int] {
    guard needle.count >= 2 else {
      let byte = Int(needle[0])
      let word = byte >> 6
      let bit = UInt64(1) << UInt64(byte & 63)
      return byteSets.withUnsafeBufferPointer { sets in rows.filter { sets[$0 * 4 + word] & bit != 0 } }
    }
    var mask: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    for index in 0..<(needle.count - 1) {
      let bit = Self.pairBit(needle[index], needle[index + 1])
      let value = UInt64(1) << UInt64(bit & 63)
      switch bit >> 6 {
      case 0: mask.0 |= value
      case 1: mask.1 |= value
      case 2: mask.2 |= value
      default: mask.3 |= value
      }
    }
    return pairSets.withUnsafeBufferPointer { sets in
      rows.filter { row in
        let base = row * 4
        return sets[base] & mask.0 == mask.0 && sets[base + 1] & mask.1 == mask.1 && sets[base + 2] & mask.2 == mask.2
          && sets[base + 3] & mask.3 == mask.3
      }
    }
  }

  private static func contains(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, _ needle: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    let last = end - needle.count
    guard start <= last else { return false }
    let first = needle[0]
    var position = start
    while position <= last {
      if bytes[position] == first {
        var matched = 1
        while matched < needle.count && bytes[position + matched] == needle[matched] { matched += 1 }
        if matched == needle.count { return true }
      }
      position += 1
    }
    return false
  }

  /// Conversations that need review, oldest flag first (by when they last changed, the best the
  /// API tells), across every campaign.
  public var reviewQueue: [Conversation] {
    rows(filter: .needsReview, campaignId: nil).map { conversations[$0] }.sorted {
      ($0.updatedAt ?? .distantPast, $0.id) < ($1.updatedAt ?? .distantPast, $1.id)
    }
  }

  /// Counts of a campaign's conversations by status.
  public func statusCounts(campaignId: String) -> [ConversationStatus: Int] {
    statusCountsByCampaign[campaignId] ?? [:]
  }

  /// Replaces or adds conversations (a refresh), keeping the list order.
  public mutating func merge(_ updates: [Conversation]) {
    var byId = Dictionary(uniqueKeysWithValues: conversations.map { ($0.id, $0) })
    for update in updates { byId[update.id] = update }
    conversations = byId.values.sorted(by: Self.listOrder)
    rebuild()
  }
}
