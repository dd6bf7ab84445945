import Foundation
public import PoppAPI

/// Merging a poll's news into the index without rebuilding it: a changed conversation keeps its
/// slot, leaves the row lists it no longer belongs to, joins those it now does and moves within
/// those it stays in; its status counts change by one and its search key is written again only
/// when its text changed. The answers are those of an index built afresh from every
/// conversation (`ConversationIndexMergeTests` holds it to that).
extension ConversationIndex {
  /// Up to this many updates are applied one at a time: each is a few binary searches and
  /// memmoves of the row lists it is in. More are applied together: every row list they touch
  /// is redone in one pass. At 100,000, with half the changes new messages from anywhere in the
  /// list and half flags, 50 took 0.6 ms one at a time and 0.9 ms together, 500 took 5.8 ms and
  /// 2.5 ms (ConsoleBenchmarks).
  static let largestMergeOneByOne = 64

  /// Replaces or adds conversations (a refresh), keeping the list order; an id given twice
  /// ends as its last version.
  public mutating func merge(_ updates: [Conversation]) {
    guard !updates.isEmpty else { return }
    var lowercasing = Lowercasing()
    if updates.count <= Self.largestMergeOneByOne {
      for update in updates { mergeOne(update, &lowercasing) }
    } else {
      mergeMany(updates, &lowercasing)
    }
  }

  // MARK: One at a time

  private mutating func mergeOne(_ update: Conversation, _ lowercasing: inout Lowercasing) {
    let key = Self.sortKey(update)
    let scope = scope(creatingFor: update.campaignId)
    guard let slot = slotById[update.id] else {
      let slot = append(update, key, &lowercasing)
      for filter in StatusFilter.allCases where filter.matches(update) {
        insert(slot, key, update.id, into: Self.list(0, filter))
        insert(slot, key, update.id, into: Self.list(scope, filter))
      }
      return
    }
    let previous = conversations[slot]
    let previousKey = sortKeys[slot]
    let previousScope = scopeByCampaign[previous.campaignId ?? ""]!
    for filter in StatusFilter.allCases {
      let had = filter.matches(previous)
      let has = filter.matches(update)
      relist(slot, update.id, in: Self.list(0, filter), had: had, has: has, from: previousKey, to: key)
      if previousScope == scope {
        relist(slot, update.id, in: Self.list(scope, filter), had: had, has: has, from: previousKey, to: key)
      } else {
        relist(slot, update.id, in: Self.list(previousScope, filter), had: had, has: false, from: previousKey, to: key)
        relist(slot, update.id, in: Self.list(scope, filter), had: false, has: has, from: previousKey, to: key)
      }
    }
    replace(slot, previous, with: update, key, &lowercasing)
  }

  /// Brings `slot` from where a conversation sorting by `previousKey` was in a row list (if it
  /// `had` a row there) to where one sorting by `key` goes (if it `has` one now). The slot's
  /// sort key is still `previousKey` here: the binary searches find it by that.
  private mutating func relist(
    _ slot: Int, _ id: String, in list: Int, had: Bool, has: Bool, from previousKey: Double, to key: Double
  ) {
    switch (had, has) {
    case (true, true) where previousKey != key: move(slot, id, in: list, from: previousKey, to: key)
    case (true, false):
      let place = firstPlace(in: rowsByScope[list], 0..<rowsByScope[list].count, notBefore: previousKey, id)
      precondition(rowsByScope[list][place] == slot, "a conversation's row is where its sort key puts it")
      rowsByScope[list].remove(at: place)
    case (false, true): insert(slot, key, id, into: list)
    default: break
    }
  }

  private mutating func insert(_ slot: Int, _ key: Double, _ id: String, into list: Int) {
    let place = firstPlace(in: rowsByScope[list], 0..<rowsByScope[list].count, notBefore: key, id)
    rowsByScope[list].insert(slot, at: place)
  }

  /// Moves a slot within one row list: the rows between its old and new place shift by one, in
  /// one memmove.
  private mutating func move(_ slot: Int, _ id: String, in list: Int, from previousKey: Double, to key: Double) {
    // The places are found before the list is written to, so that it is not held twice (which
    // would copy it).
    guard let (from, to) = places(of: slot, id, in: rowsByScope[list], from: previousKey, to: key) else { return }
    rowsByScope[list].withUnsafeMutableBufferPointer { rows in
      let base = rows.baseAddress!
      if to < from {
        memmove(base + to + 1, base + to, (from - to) * MemoryLayout<Int>.stride)
      } else {
        memmove(base + from, base + from + 1, (to - from) * MemoryLayout<Int>.stride)
      }
      rows[to] = slot
    }
  }

  /// Where a slot is in `rows` by its previous sort key and where it goes by its new one (nil
  /// when that is the same place).
  private func places(of slot: Int, _ id: String, in rows: [Int], from previousKey: Double, to key: Double) -> (Int, Int)? {
    let from = firstPlace(in: rows, 0..<rows.count, notBefore: previousKey, id)
    precondition(rows[from] == slot, "a conversation's row is where its sort key puts it")
    // Rows other than `from` are in order, so the new place is on one side of it.
    if from > 0 && !isListed(rows[from - 1], before: key, id) {
      return (from, firstPlace(in: rows, 0..<from, notBefore: key, id))
    }
    if from + 1 < rows.count && isListed(rows[from + 1], before: key, id) {
      return (from, firstPlace(in: rows, (from + 1)..<rows.count, notBefore: key, id) - 1)
    }
    return nil
  }

  // MARK: Many together

  /// Applies every update to the storage, counts and search keys, then redoes each row list that
  /// a touched conversation left or joins, in place: one pass takes the touched ones out, and
  /// those that belong are merged back in by binary search, from the end.
  private mutating func mergeMany(_ updates: [Conversation], _ lowercasing: inout Lowercasing) {
    var touched: [Int] = []
    var isTouched = [Bool](repeating: false, count: conversations.count + updates.count)
    var dirty = [Bool](repeating: false, count: rowsByScope.count)
    for update in updates {
      if let slot = slotById[update.id] {
        let previous = conversations[slot]
        if !isTouched[slot] {
          isTouched[slot] = true
          touched.append(slot)
          markLists(holding: previous, in: scopeByCampaign[previous.campaignId ?? ""]!, &dirty)
        }
        replace(slot, previous, with: update, Self.sortKey(update), &lowercasing)
      } else {
        let slot = append(update, Self.sortKey(update), &lowercasing)
        isTouched[slot] = true
        touched.append(slot)
      }
    }
    touched.sort(by: isListed(_:before:))
    // Where each touched conversation now belongs, in the same order: its scope, a bit per filter.
    var scopes: [Int] = []
    var filters: [UInt8] = []
    for slot in touched {
      let conversation = conversations[slot]
      let scope = scope(creatingFor: conversation.campaignId)
      dirty += [Bool](repeating: false, count: rowsByScope.count - dirty.count)
      markLists(holding: conversation, in: scope, &dirty)
      scopes.append(scope)
      filters.append(StatusFilter.allCases.reduce(0) { bits, filter in filter.matches(conversation) ? bits | 1 << filter.rawValue : bits })
    }
    for list in dirty.indices where dirty[list] {
      let scope = list / Self.filterCount
      let bit = UInt8(1) << (list % Self.filterCount)
      let joining = touched.indices.filter { (scope == 0 || scopes[$0] == scope) && filters[$0] & bit != 0 }.map { touched[$0] }
      // Out of `rowsByScope` while it changes, so that the list is not held twice (which would copy it).
      var rows: [Int] = []
      swap(&rows, &rowsByScope[list])
      Self.remove(isTouched, from: &rows)
      insert(joining, into: &rows)
      swap(&rows, &rowsByScope[list])
    }
  }

  /// Takes the rows whose slot `isTouched` out of `rows`, in one pass.
  private static func remove(_ isTouched: [Bool], from rows: inout [Int]) {
    let kept = isTouched.withUnsafeBufferPointer { isTouched in
      rows.withUnsafeMutableBufferPointer { rows in
        var kept = 0
        for row in rows.indices where !isTouched[rows[row]] {
          rows[kept] = rows[row]
          kept += 1
        }
        return kept
      }
    }
    rows.removeLast(rows.count - kept)
  }

  /// Merges `joining` (in list order) into `rows` (in list order): from the end, each block of
  /// rows that goes after the next one joining moves once.
  private func insert(_ joining: [Int], into rows: inout [Int]) {
    guard !joining.isEmpty else { return }
    var end = rows.count
    rows += joining
    rows.withUnsafeMutableBufferPointer { rows in
      let base = rows.baseAddress!
      var write = rows.count
      for slot in joining.reversed() {
        let place = firstPlace(in: UnsafeBufferPointer(rows), 0..<end, notBefore: sortKeys[slot], conversations[slot].id)
        let moving = end - place
        write -= moving
        memmove(base + write, base + place, moving * MemoryLayout<Int>.stride)
        write -= 1
        rows[write] = slot
        end = place
      }
    }
  }

  /// Marks the row lists a conversation in campaign scope `scope` has a row in.
  private func markLists(holding conversation: Conversation, in scope: Int, _ dirty: inout [Bool]) {
    for filter in StatusFilter.allCases where filter.matches(conversation) {
      dirty[Self.list(0, filter)] = true
      dirty[Self.list(scope, filter)] = true
    }
  }

  // MARK: Storage, counts and search keys

  /// Stores a conversation not known before in the next slot; the row lists are the caller's.
  private mutating func append(_ conversation: Conversation, _ key: Double, _ lowercasing: inout Lowercasing) -> Int {
    let slot = conversations.count
    conversations.append(conversation)
    sortKeys.append(key)
    slotById[conversation.id] = slot
    searchKeys.append(conversation, &lowercasing)
    countStatus(of: conversation, by: 1)
    return slot
  }

  /// Stores a new version of the conversation in `slot`; the row lists are the caller's.
  private mutating func replace(
    _ slot: Int, _ previous: Conversation, with update: Conversation, _ key: Double, _ lowercasing: inout Lowercasing
  ) {
    if previous.conversationStatus != update.conversationStatus || (previous.campaignId ?? "") != (update.campaignId ?? "") {
      countStatus(of: previous, by: -1)
      countStatus(of: update, by: 1)
    }
    if !SearchKeys.sameText(previous, update) { searchKeys.replace(slot, with: update, &lowercasing) }
    conversations[slot] = update
    sortKeys[slot] = key
  }

  /// Counts one conversation more or less; a status counted down to none is no longer listed, as
  /// in a fresh index.
  private mutating func countStatus(of conversation: Conversation, by change: Int) {
    let campaign = conversation.campaignId ?? ""
    let count = statusCountsByCampaign[campaign, default: [:]][conversation.conversationStatus, default: 0] + change
    statusCountsByCampaign[campaign, default: [:]][conversation.conversationStatus] = count == 0 ? nil : count
  }

  /// The scope of a campaign, made (empty) when it has none yet.
  private mutating func scope(creatingFor campaignId: String?) -> Int {
    let campaign = campaignId ?? ""
    if let scope = scopeByCampaign[campaign] { return scope }
    let scope = rowsByScope.count / Self.filterCount
    rowsByScope += [[Int]](repeating: [], count: Self.filterCount)
    scopeByCampaign[campaign] = scope
    return scope
  }

  /// Where the rows of `filter` in `scope` are in `rowsByScope`.
  static func list(_ scope: Int, _ filter: StatusFilter) -> Int { scope * filterCount + filter.rawValue }
}
