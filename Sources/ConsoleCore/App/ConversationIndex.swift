import Foundation
public import PoppAPI

/// Every known conversation, in list order (latest activity first, ties by id), with what the
/// list needs precomputed: the rows of each status tab for each campaign scope, per-campaign
/// status counts and a lowercased search key. Switching tabs is then a lookup, and a `/` filter
/// scans bytes, not Strings.
///
/// Each conversation has a slot in `conversations`, which it keeps for the life of the index (a
/// new one takes the next); rows name slots. A merge therefore changes a few entries: a
/// conversation that moves is a memmove of 8-byte slots in the row lists it is in, and the
/// rest keep their rows, search keys and storage (`ConversationIndex+Merge.swift`).
///
/// Building it for 100,000 conversations is part of a cold start, so it is built in a few
/// passes over flat arrays: the sort orders positions by a precomputed key, search keys are
/// written straight into one buffer (`SearchKeys`), and the rows of each scope live in one
/// array of arrays. A fresh index's slots are in list order.
public struct ConversationIndex: Sendable {
  /// Every known conversation by slot. Rows, and what `slot(of:)` answers, index into it.
  public internal(set) var conversations = ChunkedArray<Conversation>()
  var slotById = SlotsById()
  /// Per slot, what the list sorts by (`sortKey`), for binary searches in the row lists.
  var sortKeys = ChunkedArray<Double>()
  /// Where each campaign's rows start in `rowsByScope` (a missing campaign id counts as "").
  /// Scope 0 is every campaign.
  var scopeByCampaign: [String: Int] = [:]
  /// The slots of each filter of each scope, in list order: scope s, filter f at
  /// `s * filterCount + f.rawValue`.
  var rowsByScope: [[Int]] = []
  var searchKeys = SearchKeys()
  var statusCountsByCampaign: [String: [ConversationStatus: Int]] = [:]

  static let filterCount = StatusFilter.allCases.count

  public init(_ list: [Conversation] = []) {
    let keys = list.map(Self.sortKey)
    let order = Self.order(of: list, keys)
    // Conversations are read in place through buffers here and below: iterating the array
    // would copy each one, retaining every String it holds.
    list.withUnsafeBufferPointer { list in
      for position in order {
        conversations.append(list[position])
        sortKeys.append(keys[position])
      }
    }
    var slots = SlotsById(minimumCapacity: list.count)
    conversations.forEachChunk { start, chunk in
      for offset in chunk.indices { slots[chunk[offset].id] = start + offset }
    }
    slotById = slots
    searchKeys = SearchKeys(conversations)
    buildScopes()
  }

  /// What the list sorts by, latest first (ties by id): the last activity known, as the
  /// `Double` a `Date` holds.
  static func sortKey(_ conversation: Conversation) -> Double {
    (conversation.lastMessageAt ?? conversation.updatedAt ?? conversation.createdAt ?? .distantPast).timeIntervalSinceReferenceDate
  }

  /// The positions of `list` in list order (latest activity first, ties by id, so the order is
  /// stable), sorted by precomputed keys: a comparison reads two doubles, not six optional dates.
  private static func order(of list: [Conversation], _ keys: [Double]) -> [Int] {
    var order = Array(list.indices)
    keys.withUnsafeBufferPointer { keys in
      list.withUnsafeBufferPointer { list in
        order.sort { a, b in
          let left = keys[a]
          let right = keys[b]
          if left != right { return left > right }
          return list[a].id < list[b].id
        }
      }
    }
    return order
  }

  /// The rows of every scope and filter, and each campaign's counts by status.
  private mutating func buildScopes() {
    let filters = StatusFilter.allCases
    let known = Self.countedStatuses
    var scopes: [String: Int] = [:]
    var rows = [[Int]](repeating: [], count: Self.filterCount)
    // Counts of known statuses in a flat array (scope * known.count + status), others apart.
    var counts: [Int] = []
    var otherCounts: [Int: [ConversationStatus: Int]] = [:]
    conversations.forEachChunk { start, list in
      for offset in list.indices {
        let slot = start + offset
        let campaign = list[offset].campaignId ?? ""
        let scope: Int
        if let found = scopes[campaign] {
          scope = found
        } else {
          scope = scopes.count
          scopes[campaign] = scope
          counts += [Int](repeating: 0, count: known.count)
          rows += [[Int]](repeating: [], count: Self.filterCount)
        }
        if let status = Self.knownStatusIndex(list[offset].conversationStatus) {
          counts[scope * known.count + status] += 1
        } else {
          otherCounts[scope, default: [:]][list[offset].conversationStatus, default: 0] += 1
        }
        // Scope 0 is every campaign; campaign scopes follow it.
        let base = (scope + 1) * Self.filterCount
        for filter in filters where filter.matches(list[offset]) {
          rows[filter.rawValue].append(slot)
          rows[base + filter.rawValue].append(slot)
        }
      }
    }
    scopeByCampaign = scopes.mapValues { $0 + 1 }
    rowsByScope = rows
    statusCountsByCampaign = scopes.mapValues { scope in
      var byStatus = otherCounts[scope] ?? [:]
      for (index, status) in known.enumerated() where counts[scope * known.count + index] > 0 {
        byStatus[status] = counts[scope * known.count + index]
      }
      return byStatus
    }
  }

  /// The statuses counted in a flat array, in `knownStatusIndex` order.
  private static let countedStatuses: [ConversationStatus] = [
    .created, .queued, .ongoing, .completedScreeningPassed, .completedScreeningFailed, .closed, .optedOut, .deliveryFailed,
    .completedMeetingRequested, .completedAwaitingCall, .completedCustomRequest,
  ]

  /// A known status's place in `countedStatuses`, without hashing it.
  private static func knownStatusIndex(_ status: ConversationStatus) -> Int? {
    switch status {
    case .created: 0
    case .queued: 1
    case .ongoing: 2
    case .completedScreeningPassed: 3
    case .completedScreeningFailed: 4
    case .closed: 5
    case .optedOut: 6
    case .deliveryFailed: 7
    case .completedMeetingRequested: 8
    case .completedAwaitingCall: 9
    case .completedCustomRequest: 10
    case .unknown: nil
    }
  }

  // MARK: Questions

  /// The slot of a conversation in `conversations`.
  public func slot(of id: String) -> Int? { slotById[id] }

  public func conversation(id: String) -> Conversation? {
    slotById[id].map { conversations[$0] }
  }

  public var count: Int { conversations.count }

  /// Every conversation in list order (a copy, made on each call).
  public var listedConversations: [Conversation] {
    rows(filter: .all, campaignId: nil).map { conversations[$0] }
  }

  /// The slots (into `conversations`) of one tab of one campaign (nil: every campaign), in
  /// list order.
  public func rows(filter: StatusFilter, campaignId: String?) -> [Int] {
    let scope: Int
    if let campaignId {
      guard let known = scopeByCampaign[campaignId] else { return [] }
      scope = known
    } else {
      scope = 0
    }
    return rowsByScope[scope * Self.filterCount + filter.rawValue]
  }

  public func count(filter: StatusFilter, campaignId: String?) -> Int {
    rows(filter: filter, campaignId: campaignId).count
  }

  /// The rows among `rows` whose name, phone, email or externalId contains `query`
  /// (case-insensitive), in the order given.
  public func search(_ query: String, in rows: [Int]) -> [Int] {
    searchKeys.search(query, in: rows)
  }

  /// Where conversation `id` is in `rows` (slots in list order, as `rows(filter:campaignId:)`
  /// and `search` give them), found by binary search.
  public func position(of id: String, in rows: [Int]) -> Int? {
    guard let slot = slotById[id] else { return nil }
    let place = firstPlace(in: rows, 0..<rows.count, notBefore: sortKeys[slot], id)
    return place < rows.count && rows[place] == slot ? place : nil
  }

  /// Counts of a campaign's conversations by status.
  public func statusCounts(campaignId: String) -> [ConversationStatus: Int] {
    statusCountsByCampaign[campaignId] ?? [:]
  }

  // MARK: List order

  /// Whether the conversation in `slot` comes before a conversation sorting by `key` with `id`.
  func isListed(_ slot: Int, before key: Double, _ id: String) -> Bool {
    let other = sortKeys[slot]
    if other != key { return other > key }
    return conversations[slot].id < id
  }

  /// Whether the conversation in slot `a` comes before the one in slot `b`.
  func isListed(_ a: Int, before b: Int) -> Bool {
    let left = sortKeys[a]
    let right = sortKeys[b]
    if left != right { return left > right }
    return conversations[a].id < conversations[b].id
  }

  /// The first place in `rows[range]` (slots in list order) whose conversation does not come
  /// before one sorting by `key` with `id`: where that one is, or would go.
  func firstPlace<Rows: RandomAccessCollection<Int>>(in rows: Rows, _ range: Range<Int>, notBefore key: Double, _ id: String) -> Int
  where Rows.Index == Int {
    var low = range.lowerBound
    var high = range.upperBound
    while low < high {
      let middle = (low + high) / 2
      if isListed(rows[middle], before: key, id) { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
