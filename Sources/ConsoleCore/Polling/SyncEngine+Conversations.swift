import Foundation
import PoppAPI

/// The conversation pollers. Correctness rests only on the documented list parameters
/// (`campaignId`, `sortDirection`, `limit`, `nextToken`); `updatedSince` is used only once the
/// server has been seen to honour it, to make the same answers cheaper.
extension SyncEngine {
  static let headPageSize = 50
  static let listPageSize = 500
  /// Pages the head poller reads before leaving the rest to the sweep (a burst of launches).
  static let headPageLimit = 20
  /// Pages the active-set poller reads per poll when it cannot filter.
  static let activePagesPerPoll = 2
  /// On-screen conversations the active-set poller reads one by one per poll, beyond its pages.
  static let activeSingleLimit = 4
  /// How far back an `updatedSince` window reaches before the high-water mark: covers writes
  /// that commit after a later one was already read.
  static let changesOverlap: TimeInterval = 10
  static let sweepOverlap: TimeInterval = 300

  /// New conversations: the newest first, page after page, until a page brings nothing new.
  func pollHead() async throws(PoppError) {
    var token: String?
    for _ in 0..<Self.headPageLimit {
      let asked = ContinuousClock.now
      let page = try await client.listConversations(
        ConversationQuery(sortDirection: .descending, limit: Self.headPageSize), nextToken: token)
      let unseen = page.data.contains { index.conversation(id: $0.id) == nil }
      try merge(fresher(page.data, askedAt: asked))
      guard unseen, let next = page.nextToken else { return }
      token = next
    }
  }

  /// Conversations that can still change, and those on screen.
  func pollActiveSet() async throws(PoppError) {
    if settings.useServerFilters && filterSupport == .unknown {
      filterSupport = try await ServerFilterProbe.updatedSince(client, knownConversations: index.count)
    }
    if filterSupport == .honoured, let highWater {
      try await mergeUpdated(since: highWater.addingTimeInterval(-Self.changesOverlap))
    } else {
      try await refreshActiveByListing()
    }
  }

  /// Everything the server changed since `date` (requires `updatedSince`).
  func mergeUpdated(since date: Date) async throws(PoppError) {
    var token: String?
    repeat {
      let asked = ContinuousClock.now
      let page = try await client.listConversations(
        ConversationQuery(limit: Self.listPageSize, updatedSince: date), nextToken: token)
      try merge(fresher(page.data, askedAt: asked))
      token = page.nextToken
    } while token != nil
  }

  /// The active set with documented parameters only. Pages of the newest conversations,
  /// newest first, cover the window where the live ones are (nearly all activity is recent);
  /// a poll reads a few pages and the next carries on where it stopped, so a wide window costs
  /// more time, not more requests per minute. On-screen conversations the pages did not reach
  /// are read one by one, a few per poll, least recently read first.
  func refreshActiveByListing() async throws(PoppError) {
    var live = Set<String>()
    for conversation in index.conversations
    where conversation.conversationStatus.canStillChange || conversation.needsReview || conversation.isHumanTakeover {
      live.insert(conversation.id)
    }
    var onScreen = Set(watched)
    guard !live.isEmpty || !onScreen.isEmpty else { return }
    let oldest = live.compactMap { index.conversation(id: $0)?.createdAt }.min() ?? .distantFuture
    for _ in 0..<Self.activePagesPerPoll {
      let asked = ContinuousClock.now
      let page = try await client.listConversations(
        ConversationQuery(sortDirection: .descending, limit: Self.listPageSize), nextToken: activeCursor)
      try merge(fresher(page.data, askedAt: asked))
      for conversation in page.data where onScreen.remove(conversation.id) != nil {
        refreshedAt[conversation.id] = Date()
      }
      let passedOldest = page.data.last?.createdAt.map { $0 < oldest } ?? true
      activeCursor = passedOldest ? nil : page.nextToken
      if activeCursor == nil { break }
    }
    let order = onScreen.sorted { (refreshedAt[$0] ?? .distantPast, $0) < (refreshedAt[$1] ?? .distantPast, $1) }
    for id in order.prefix(Self.activeSingleLimit) {
      do {
        let asked = ContinuousClock.now
        let conversation = try await client.conversation(id: id)
        try merge(fresher([conversation], askedAt: asked))
      } catch .notFound {
        // Gone from the server: nothing to refresh.
      }
      refreshedAt[id] = Date()
    }
  }

  /// Everything, slowly: with `updatedSince` honoured, all that changed since the previous
  /// sweep began (with a wide overlap); otherwise every page.
  func pollSweep() async throws(PoppError) {
    if settings.useServerFilters && filterSupport == .unknown && !index.conversations.isEmpty {
      filterSupport = try await ServerFilterProbe.updatedSince(client, knownConversations: index.count)
    }
    let mark = highWater
    if filterSupport == .honoured, let since = sweepMark ?? highWater {
      try await mergeUpdated(since: since.addingTimeInterval(-Self.sweepOverlap))
    } else {
      try await sweepEverything()
    }
    sweepMark = mark ?? highWater
  }

  private func sweepEverything() async throws(PoppError) {
    var token: String?
    var lastPost = Date()
    var pending: [(askedAt: ContinuousClock.Instant, conversations: [Conversation])] = []
    // Freshness is judged when merging, not when the page arrives: a poll may land in between.
    func mergePending() throws(PoppError) {
      try merge(pending.flatMap { fresher($0.conversations, askedAt: $0.askedAt) })
      pending = []
    }
    repeat {
      let asked = ContinuousClock.now
      let page = try await client.listConversations(
        ConversationQuery(sortDirection: .descending, limit: Self.listPageSize), nextToken: token)
      token = page.nextToken
      if initialLoadPending {
        // A first load: show what has arrived about once a second rather than per page.
        pending.append((asked, page.data))
        if Date().timeIntervalSince(lastPost) >= 1 || token == nil {
          try mergePending()
          lastPost = Date()
        }
      } else {
        try merge(fresher(page.data, askedAt: asked))
      }
    } while token != nil
    if !pending.isEmpty { try mergePending() }
    if initialLoadPending {
      // Said even when the organization has no conversations, so the UI stops "Loading…".
      initialLoadPending = false
      mailbox.post(
        .conversationsUpdated(index: index, changes: [], attention: attention, alerting: false))
    }
  }
}
