public import Foundation
public import PoppAPI

/// The polling service's state: the local store, the index the UI shows, the health of each
/// poller, and what the recruiter has open. Pollers (one per `PollKind`) call its `poll…`
/// methods; it diffs every result against the store and posts one event per poll to the
/// mailbox, so the UI wakes once per batch and never waits on the network.
public actor SyncEngine {
  /// Whether the server honours `updatedSince` (probed once; see `ServerFilterProbe`).
  enum FilterSupport { case unknown, honoured, ignored }

  let client: any PoppClient
  let store: LocalStore
  let mailbox: Mailbox<ServiceEvent>
  let settings: PollSettings
  let notifier: Notifier?

  var index: ConversationIndex
  var campaigns: [Campaign]
  var templates: [Template]
  var attention: Attention
  var filterSupport = FilterSupport.unknown
  /// The latest `updatedAt` the server has shown us: the start of the next `updatedSince` window.
  var highWater: Date?
  /// The high-water mark when the previous sweep began.
  var sweepMark: Date?
  var watched: [String] = []
  /// Where the active-set poller's walk through the newest pages resumes (nil: the newest).
  var activeCursor: String?
  /// When the request that brought each conversation's stored state was sent.
  var askedAt: [String: ContinuousClock.Instant] = [:]
  /// When the active-set poller last read each conversation.
  var refreshedAt: [String: Date] = [:]
  /// The threads the thread poller follows: the recruiter's open one, or a hub's consoles' open ones.
  var openThreads: Set<String> = []
  /// Conversations this console changed itself, with when: their next poll is not news.
  var ownChanges: [String: Date] = [:]
  /// No poll before this instant: a 429's `Retry-After` holds off every poller.
  var pausedUntil: ContinuousClock.Instant?
  var failing: [PollKind: SyncHealth.Problem] = [:]
  var health: SyncHealth
  /// The first load of an empty cache is not news: nothing is marked or rung for it.
  var initialLoadPending: Bool
  private var pollers: [PollKind: Poller] = [:]
  private var tasks: [Task<Void, Never>] = []

  /// `store` holds what the console knew last time; `snapshot` is what was read from it.
  public init(
    client: any PoppClient, store: LocalStore, snapshot: CacheSnapshot, mailbox: Mailbox<ServiceEvent>, settings: PollSettings,
    notifier: Notifier? = nil
  ) {
    self.client = client
    self.store = store
    self.mailbox = mailbox
    self.settings = settings
    self.notifier = notifier
    index = ConversationIndex(snapshot.conversations)
    campaigns = snapshot.campaigns
    templates = snapshot.templates
    health = SyncHealth(updatedAt: snapshot.syncedAt)
    initialLoadPending = snapshot.conversations.isEmpty
    attention = Attention(
      unread: snapshot.unread, flaggedSince: Attention.decodeFlaggedSince((try? store.value(forKey: Self.flaggedSinceKey)) ?? nil))
    highWater = (try? store.value(forKey: Self.highWaterKey)).flatMap { $0.flatMap(Double.init) }.map {
      Date(timeIntervalSinceReferenceDate: $0)
    }
  }

  static let highWaterKey = "highWater"
  static let flaggedSinceKey = "flaggedSince"

  /// Whether the pollers use `updatedSince` (the server was seen to honour it, and it is allowed).
  public var usesServerFilters: Bool { settings.useServerFilters && filterSupport == .honoured }

  /// The state read from the cache, for the first paint before any poll returns.
  public var cachedState: [ServiceEvent] {
    [
      .loaded(campaigns: campaigns, index: index, templates: templates, at: health.updatedAt),
      .conversationsUpdated(index: index, changes: [], attention: attention, alerting: false),
    ]
  }

  // MARK: Running

  /// Starts one poller per kind; each runs until `stop`.
  public func start() {
    guard tasks.isEmpty else { return }
    let backoff = Backoff(cap: settings.backoffCap)
    for kind in PollKind.allCases {
      let poller = Poller(
        kind: kind, interval: settings.interval(kind), backoff: backoff,
        poll: { [weak self] in await self?.poll(kind) ?? .idle },
        report: { [weak self] kind, outcome, retryAt in await self?.record(kind, outcome, retryAt: retryAt) },
        notBefore: { [weak self] in await self?.pausedUntil })
      pollers[kind] = poller
      tasks.append(Task { await poller.run() })
    }
  }

  public func stop() {
    for task in tasks { task.cancel() }
    tasks = []
    pollers = [:]
  }

  /// `R`: every poller polls now.
  public func refreshNow() async {
    pausedUntil = nil
    for poller in pollers.values { await poller.wake() }
  }

  /// How many polls of each kind ran and how many ticks were skipped (for tests and figures).
  public func pollerCounts() async -> [PollKind: (runs: Int, skipped: Int)] {
    var counts: [PollKind: (runs: Int, skipped: Int)] = [:]
    for (kind, poller) in pollers { counts[kind] = (await poller.runs, await poller.skippedTicks) }
    return counts
  }

  func poll(_ kind: PollKind) async -> PollOutcome {
    do throws(PoppError) {
      switch kind {
      case .head: try await pollHead()
      case .activeSet: try await pollActiveSet()
      case .thread: return try await pollThread()
      case .catalog: try await pollCatalog()
      case .sweep: try await pollSweep()
      }
      return .success
    } catch {
      return .failure(error)
    }
  }

  // MARK: What the UI tells the service

  public func watch(_ ids: [String]) {
    watched = ids
  }

  /// A thread was opened: show what the cache has at once, then everything the server has;
  /// the thread poller follows it from now on.
  public func openThread(_ id: String) async {
    openThreads = [id]
    openCached(id)
    await loadThread(id)
  }

  /// Marks a thread read and shows what the cache has of it (all a console attached to a hub does itself).
  public func openCached(_ id: String) {
    if attention.open(id) { try? store.markRead(id) }
    if let cached = try? store.messages(conversationId: id), !cached.isEmpty {
      mailbox.post(.messagesLoaded(conversationId: id, messages: cached))
    }
  }

  /// Reads every message of a thread from the server, stores them and posts the thread.
  public func loadThread(_ id: String) async {
    do {
      let messages = try await client.allMessages(conversationId: id, pageSize: 500).collect()
      try? store.merge(messages: messages, conversationId: id)
      guard openThreads.contains(id) else { return }
      mailbox.post(.messagesLoaded(conversationId: id, messages: (try? store.messages(conversationId: id)) ?? messages))
    } catch {
      mailbox.post(.messagesFailed(conversationId: id, error: error.description))
    }
  }

  /// A hub: the threads its consoles have open, which the thread poller follows from now on.
  public func follow(threads ids: Set<String>) {
    openThreads = ids
  }

  /// Records a conversation as this console's own action changed it: stored, and not reported as news at its next
  /// poll (a take-over by you is not "taken over elsewhere"). Returns the index that shows it.
  public func recordOwnChange(_ conversation: Conversation) -> ConversationIndex {
    ownChanges[conversation.id] = Date()
    askedAt[conversation.id] = .now
    _ = try? store.merge([conversation])
    index.merge([conversation])
    return index
  }

  /// A message this console sent: stored and shown at once rather than at the next thread poll.
  public func recordOwnMessage(_ message: Message, conversationId: String) {
    _ = try? store.merge(messages: [message], conversationId: conversationId)
    if openThreads.contains(conversationId), let messages = try? store.messages(conversationId: conversationId) {
      mailbox.post(.messagesLoaded(conversationId: conversationId, messages: messages))
    }
  }

  // MARK: Merging poll results

  /// What a request sent at `askedAt` may still tell: not a conversation that a request sent
  /// later has already brought (a slow poll must not put back what a faster one replaced).
  func fresher(_ conversations: [Conversation], askedAt asked: ContinuousClock.Instant) -> [Conversation] {
    conversations.filter { conversation in
      if let stored = askedAt[conversation.id], stored > asked { return false }
      askedAt[conversation.id] = asked
      return true
    }
  }

  /// Stores conversations a poll returned and posts what changed.
  func merge(_ conversations: [Conversation]) throws(PoppError) {
    guard !conversations.isEmpty else { return }
    if let newest = conversations.compactMap(\.updatedAt).max(), newest > (highWater ?? .distantPast) {
      highWater = newest
      try? store.setValue(String(newest.timeIntervalSinceReferenceDate), forKey: Self.highWaterKey)
    }
    let changes: [ConversationChange]
    do {
      changes = try store.merge(conversations)
    } catch {
      throw PoppError.invalidResponse("cannot store conversations in the cache: \(error)")
    }
    guard !changes.isEmpty else { return }
    let alerting = !initialLoadPending
    index.merge(
      changes.compactMap { change in
        if case .new(let conversation) = change { return conversation }
        if case .changed(let conversation, _) = change { return conversation }
        return nil
      })
    if attention.recordFlags(changes) { try? store.setValue(attention.encodedFlaggedSince, forKey: Self.flaggedSinceKey) }
    var news: [ConversationChange] = []
    if alerting {
      let recent = Date().addingTimeInterval(-30)
      ownChanges = ownChanges.filter { $0.value > recent }
      news = changes.filter { ownChanges[$0.conversation.id] == nil }
      let newlyUnread = attention.mark(news, except: openThreads.count == 1 ? openThreads.first : nil)
      if !newlyUnread.isEmpty { try? store.markUnread(newlyUnread) }
      if let notifier {
        for case .flagged(let conversation) in news { notifier.notify(conversation) }
      }
    }
    mailbox.post(
      .conversationsUpdated(index: index, changes: news, attention: attention, alerting: alerting))
  }

  // MARK: Health

  func record(_ kind: PollKind, _ outcome: PollOutcome, retryAt: Date?) {
    var updated = health
    switch outcome {
    case .idle:
      return
    case .success:
      failing[kind] = nil
      if kind == .head || kind == .activeSet {
        // The slow pollers retry no sooner than their interval (the sweep's is minutes): their
        // failure would keep the banner up long after the server recovered. A conversation poll
        // that succeeds shows it has; if they still fail, their next attempt says so again.
        failing[.sweep] = nil
        failing[.catalog] = nil
      }
      if kind != .thread && kind != .catalog {
        updated.updatedAt = Date()
        try? store.markSynced(at: updated.updatedAt!)
      }
    case .failure(let error):
      if case .rateLimited(let seconds?, _) = error {
        let until = ContinuousClock.now + .seconds(seconds)
        if until > (pausedUntil ?? .now) { pausedUntil = until }
      }
      failing[kind] = SyncHealth.Problem(
        isOffline: Self.isUnreachable(error), reason: error.description, nextRetryAt: retryAt ?? Date())
    }
    // The conversation pollers' problems matter most; the soonest retry is the one shown.
    let order: [PollKind] = [.head, .activeSet, .sweep, .thread, .catalog]
    updated.problem = order.lazy.compactMap { self.failing[$0] }.first
    if updated.problem != nil, failing.count > 1 {
      updated.problem?.nextRetryAt = failing.values.map(\.nextRetryAt).min() ?? Date()
    }
    let worthTelling =
      updated.problem != health.problem
      || abs((updated.updatedAt ?? .distantPast).timeIntervalSince(health.updatedAt ?? .distantPast)) >= 1
    health = updated
    if worthTelling { mailbox.post(.health(updated)) }
  }

  static func isUnreachable(_ error: PoppError) -> Bool {
    if case .transport = error { return true }
    return false
  }
}
