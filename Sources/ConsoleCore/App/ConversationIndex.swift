import Foundation
public import PoppAPI

/// Every known conversation, sorted for the list (latest activity first), with what the list
/// needs precomputed: the rows of each status tab for each campaign scope and a lowercased search
/// key. Switching tabs is then a lookup, and a `/` filter scans bytes, not Strings.
///
/// Building it for 100,000 conversations is part of a cold start, so it is built in a few
/// passes over flat arrays: the sort orders positions by a precomputed key, search keys are
/// written straight into the shared buffer (`Lowercasing`), and the rows of each scope live in
/// one array of arrays.
public struct ConversationIndex: Sendable {
  public private(set) var conversations: [Conversation] = []
  private var positionById: [String: Int] = [:]
  /// Where each campaign's rows start in `rowsByScope` (a missing campaign id counts as "").
  /// Scope 0 is every campaign.
  private var scopeByCampaign: [String: Int] = [:]
  /// Rows of each filter of each scope: scope s, filter f at `s * filterCount + f.rawValue`.
  private var rowsByScope: [[Int]] = []
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

  private static let filterCount = StatusFilter.allCases.count

  public init(_ conversations: [Conversation] = []) {
    self.conversations = Self.arranged(conversations, Self.order(of: conversations))
    rebuildPositions()
    buildSearch()
    buildScopes()
  }

  /// What the list sorts by, latest first (ties by id): the last activity known, as the
  /// `Double` a `Date` holds.
  private static func sortKey(_ conversation: Conversation) -> Double {
    (conversation.lastMessageAt ?? conversation.updatedAt ?? conversation.createdAt ?? .distantPast).timeIntervalSinceReferenceDate
  }

  /// The positions of `list` in list order (latest activity first, ties by id, so the order is
  /// stable), sorted by precomputed keys: a comparison reads two doubles, not six optional dates.
  private static func order(of list: [Conversation]) -> [Int] {
    let keys = list.map(sortKey)
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

  /// `list` in `order`, moved once, or not at all when it already was in order.
  private static func arranged(_ list: [Conversation], _ order: [Int]) -> [Conversation] {
    if order.elementsEqual(list.indices) { return list }
    return list.withUnsafeBufferPointer { list in order.map { list[$0] } }
  }

  private mutating func rebuildPositions() {
    // Conversations are read in place through buffers here and below: iterating the array
    // would copy each one, retaining every String it holds.
    var positions = [String: Int](minimumCapacity: conversations.count)
    conversations.withUnsafeBufferPointer { list in
      for position in list.indices { positions[list[position].id] = position }
    }
    positionById = positions
  }

  /// The search keys and byte sets of the previous arrangement, for `buildSearch` to copy
  /// from instead of lowercasing again.
  private struct SearchParts {
    var bytes: [UInt8]
    var starts: [Int]
    var pairs: [UInt64]
    var singles: [UInt64]
  }

  /// Builds every conversation's search key and byte sets; `reusable(row)` names the row of
  /// `previous` whose key a conversation still has, to copy rather than compute.
  private mutating func buildSearch(reusing previous: SearchParts? = nil, _ reusable: (Int) -> Int? = { _ in nil }) {
    let count = conversations.count
    var bytes: [UInt8] = []
    bytes.reserveCapacity(previous.map { $0.bytes.count + 64 } ?? count * 64)
    var starts: [Int] = [0]
    starts.reserveCapacity(count + 1)
    var pairs = [UInt64](repeating: 0, count: count * 4)
    var singles = [UInt64](repeating: 0, count: count * 4)
    var computed: [Int] = []
    var lowercasing = Lowercasing()
    conversations.withUnsafeBufferPointer { list in
      for row in list.indices {
        if let previous, let old = reusable(row) {
          bytes += previous.bytes[previous.starts[old]..<previous.starts[old + 1]]
          for word in 0..<4 {
            pairs[row * 4 + word] = previous.pairs[old * 4 + word]
            singles[row * 4 + word] = previous.singles[old * 4 + word]
          }
        } else {
          Self.appendSearchKey(list[row], to: &bytes, &lowercasing)
          computed.append(row)
        }
        starts.append(bytes.count)
      }
    }
    // The byte and pair sets of the keys just made, in one pass over the buffer.
    bytes.withUnsafeBufferPointer { text in
      starts.withUnsafeBufferPointer { starts in
        pairs.withUnsafeMutableBufferPointer { pairs in
          singles.withUnsafeMutableBufferPointer { singles in
            for row in computed {
              let start = starts[row]
              let end = starts[row + 1]
              guard start < end else { continue }
              let base = row * 4
              var previous = text[start]
              singles[base + Int(previous >> 6)] |= 1 << UInt64(previous & 63)
              for position in (start + 1)..<end {
                let byte = text[position]
                singles[base + Int(byte >> 6)] |= 1 << UInt64(byte & 63)
                let bit = Self.pairBit(previous, byte)
                pairs[base + bit >> 6] |= 1 << UInt64(bit & 63)
                previous = byte
              }
            }
          }
        }
      }
    }
    searchBytes = bytes
    searchStarts = starts
    pairSets = pairs
    byteSets = singles
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
    conversations.withUnsafeBufferPointer { list in
      for position in list.indices {
        let campaign = list[position].campaignId ?? ""
        let scope: Int
        if let found = scopes[campaign] {
          scope = found
        } else {
          scope = scopes.count
          scopes[campaign] = scope
          counts += [Int](repeating: 0, count: known.count)
          rows += [[Int]](repeating: [], count: Self.filterCount)
        }
        if let status = Self.knownStatusIndex(list[position].conversationStatus) {
          counts[scope * known.count + status] += 1
        } else {
          otherCounts[scope, default: [:]][list[position].conversationStatus, default: 0] += 1
        }
        // Scope 0 is every campaign; campaign scopes follow it.
        let base = (scope + 1) * Self.filterCount
        for filter in filters where filter.matches(list[position]) {
          rows[filter.rawValue].append(position)
          rows[base + filter.rawValue].append(position)
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

  /// Appends a conversation's search key to `bytes`: first name, last name, full name, phone,
  /// email and externalId (those present), lowercased, separated by 0x01. The same bytes as
  /// `[first, last, participantName, phone, email, externalId].compactMap { $0 }
  /// .joined(separator: "\u{1}").lowercased().utf8`, without making those Strings.
  static func appendSearchKey(_ conversation: Conversation, to bytes: inout [UInt8], _ lowercasing: inout Lowercasing) {
    var separated = false
    func append(_ part: String?) {
      guard let part else { return }
      if separated { bytes.append(1) }
      separated = true
      lowercasing.append(part, to: &bytes)
    }
    append(conversation.participantFirstName)
    append(conversation.participantLastName)
    // `participantName`: the non-empty names joined by a space.
    if separated { bytes.append(1) }
    separated = true
    let first = conversation.participantFirstName.flatMap { $0.isEmpty ? nil : $0 }
    let last = conversation.participantLastName.flatMap { $0.isEmpty ? nil : $0 }
    if let first { lowercasing.append(first, to: &bytes) }
    if let last {
      if first != nil { bytes.append(0x20) }
      lowercasing.append(last, to: &bytes)
    }
    append(conversation.participantPhoneNumber)
    append(conversation.participantEmailAddress)
    append(conversation.externalId)
  }

  /// Lowercases text into bytes as `lowercased()` would: scalar by scalar, each by its
  /// lowercase mapping. ASCII text (most phones, emails, ids) is copied and lowercased in
  /// place; other text goes scalar by scalar, and only scalars that change when lowercased
  /// (Ñ, Å, İ, Σ) look their mapping up. Whether a scalar of the BMP changes is remembered
  /// (the Unicode property lookup costs more than everything else here).
  struct Lowercasing {
    /// Per BMP scalar: 0 not looked up yet, 1 unchanged, 2 changes when lowercased.
    private var changes = [UInt8](repeating: 0, count: 0x1_0000)

    mutating func append(_ text: String, to bytes: inout [UInt8]) {
      let start = bytes.count
      bytes += text.utf8
      let ascii = bytes.withUnsafeMutableBufferPointer { bytes in
        for position in start..<bytes.count {
          let byte = bytes[position]
          if byte >= 0x80 { return false }
          if byte &- 0x41 < 26 { bytes[position] = byte | 0x20 }
        }
        return true
      }
      if ascii { return }
      bytes.removeSubrange(start...)
      for scalar in text.unicodeScalars {
        if scalar.isASCII {
          let byte = UInt8(scalar.value)
          bytes.append(byte &- 0x41 < 26 ? byte | 0x20 : byte)
        } else if changesWhenLowercased(scalar) {
          bytes += scalar.properties.lowercaseMapping.utf8
        } else {
          UTF8.encode(scalar) { bytes.append($0) }
        }
      }
    }

    private mutating func changesWhenLowercased(_ scalar: Unicode.Scalar) -> Bool {
      let value = Int(scalar.value)
      guard value < changes.count else { return scalar.properties.changesWhenLowercased }
      if changes[value] == 0 { changes[value] = scalar.properties.changesWhenLowercased ? 2 : 1 }
      return changes[value] == 2
    }
  }

  /// Whether two versions of a conversation have the same search key.
  private static func sameSearchText(_ a: Conversation, _ b: Conversation) -> Bool {
    a.participantFirstName == b.participantFirstName && a.participantLastName == b.participantLastName
      && a.participantPhoneNumber == b.participantPhoneNumber && a.participantEmailAddress == b.participantEmailAddress
      && a.externalId == b.externalId
  }

  /// Where a conversation stands in `conversations`.
  public func position(of id: String) -> Int? { positionById[id] }

  public func conversation(id: String) -> Conversation? {
    positionById[id].map { conversations[$0] }
  }

  public var count: Int { conversations.count }

  /// The positions (into `conversations`) of one tab of one campaign (nil: every campaign).
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

  /// Counts of a campaign's conversations by status.
  public func statusCounts(campaignId: String) -> [ConversationStatus: Int] {
    statusCountsByCampaign[campaignId] ?? [:]
  }

  /// Replaces or adds conversations (a refresh), keeping the list order.
  ///
  /// When every update is a known conversation whose place in the list and search text stay
  /// as they were (a status, a flag, a takeover), it is replaced in place and only the tabs
  /// and counts are recomputed. Otherwise the list is sorted again (nearly sorted already, which
  /// the sort is quick at) and the index rebuilt, copying the search keys of conversations
  /// whose text did not change instead of lowercasing them again.
  public mutating func merge(_ updates: [Conversation]) {
    guard !updates.isEmpty else { return }
    let inPlace = updates.allSatisfy { update in
      guard let position = positionById[update.id] else { return false }
      let current = conversations[position]
      return Self.sortKey(current) == Self.sortKey(update) && Self.sameSearchText(current, update)
    }
    if inPlace {
      for update in updates { conversations[positionById[update.id]!] = update }
      buildScopes()
      return
    }
    let previousCount = conversations.count
    var list = conversations
    conversations = []
    var added: [String: Int] = [:]
    // Rows (of the previous arrangement) whose search text changed. Sticky: a second update of
    // the same conversation compares with the first, so a change is never missed.
    var newText = Set<Int>()
    for update in updates {
      if let position = positionById[update.id] ?? added[update.id] {
        if position < previousCount && !Self.sameSearchText(list[position], update) { newText.insert(position) }
        list[position] = update
      } else {
        added[update.id] = list.count
        list.append(update)
      }
    }
    let order = Self.order(of: list)
    conversations = Self.arranged(list, order)
    list = []
    // Only the conversations that moved (or arrived) change position.
    for (row, old) in order.enumerated() where old != row || old >= previousCount {
      positionById[conversations[row].id] = row
    }
    let previous = SearchParts(bytes: searchBytes, starts: searchStarts, pairs: pairSets, singles: byteSets)
    searchBytes = []
    pairSets = []
    byteSets = []
    buildSearch(reusing: previous) { row in
      let old = order[row]
      return old < previousCount && !newText.contains(old) ? old : nil
    }
    buildScopes()
  }
}
