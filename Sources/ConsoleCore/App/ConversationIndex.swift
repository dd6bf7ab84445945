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
  private var searchKeys: [[UInt8]] = []
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
    searchKeys = conversations.map(Self.searchKey)
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
  /// (case-insensitive).
  public func search(_ query: String, in rows: [Int]) -> [Int] {
    let needle = Array(query.lowercased().utf8)
    guard !needle.isEmpty else { return rows }
    return rows.filter { Self.contains(searchKeys[$0], needle) }
  }

  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count else { return false }
    let first = needle[0]
    return haystack.withUnsafeBufferPointer { hay in
      needle.withUnsafeBufferPointer { pin in
        var start = 0
        let last = hay.count - pin.count
        while start <= last {
          if hay[start] == first {
            var matched = 1
            while matched < pin.count && hay[start + matched] == pin[matched] { matched += 1 }
            if matched == pin.count { return true }
          }
          start += 1
        }
        return false
      }
    }
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
