import Foundation
public import PoppAPI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Sends the recruiter's messages at most once, and never loses one.
///
/// Every message is persisted before its request leaves. When the answer is lost (dropped
/// connection, timeout, 5xx, unreadable body) nobody knows whether the server stored it, so
/// before trying again the outbox reads the thread back to the newest message it saw before the
/// first attempt and looks for a USER message with the same content; only when there is none is
/// the request repeated. Messages of one conversation go out one at a time, in order.
public actor Outbox {
  /// Told of every change of an entry (pending, sending, sent, failed) so the UI can show it.
  public typealias Observer = @Sendable (OutboxEntry) -> Void

  private let client: any PoppClient
  private let store: WorkflowStore
  private let organizationId: String
  private let audit: AuditLog?
  private let observer: Observer
  private let maxAttempts: Int
  private let retryDelay: Double
  /// Seconds a request may take (the client's timeout): an attempt an earlier process began may still land until then.
  private let inFlightLimit: Double
  private let processId = getpid()
  /// The last delivery scheduled per conversation: the next waits for it.
  private var tails: [String: Task<OutboxEntry?, Never>] = [:]
  /// How many deliveries of each conversation are scheduled, to forget idle conversations.
  private var queued: [String: Int] = [:]
  /// Entries scheduled or being delivered by this process.
  private var scheduled: Set<String> = []

  /// `client` must not retry writes itself (`RetryPolicy.never`): the outbox owns the retries.
  /// `maxAttempts` requests at most per send or retry, `retryDelay` the first backoff in seconds; `inFlightLimit` the
  /// client's request timeout.
  public init(
    client: any PoppClient, store: WorkflowStore, organizationId: String, audit: AuditLog? = nil, maxAttempts: Int = 3,
    retryDelay: Double = 0.5, inFlightLimit: Double = 15, onChange: @escaping Observer = { _ in }
  ) {
    self.inFlightLimit = inFlightLimit
    self.client = client
    self.store = store
    self.organizationId = organizationId
    self.audit = audit
    self.maxAttempts = max(1, maxAttempts)
    self.retryDelay = retryDelay
    self.observer = onChange
  }

  /// Queues a message and returns once it is sent or has failed. The entry is on disk (and
  /// shown as pending through `onChange`) before this first suspends on the network.
  @discardableResult
  /// `requestedBy`: the Unix user a hub sends it for (the audit log names them). `id`: the console's own name for
  /// the message, so that asking again after a lost connection never queues it twice: an entry already under that
  /// id is returned as it stands.
  public func send(conversationId: String, content: OutboxContent, requestedBy: String? = nil, id: String? = nil) async
    -> OutboxEntry
  {
    if let id, let existing = try? store.outboxEntry(id: id) { return existing }
    var entry = OutboxEntry(id: id ?? UUID().uuidString.lowercased(), conversationId: conversationId, content: content)
    entry.requestedBy = requestedBy
    if let problem = ConversationValidation.errors(in: content.request).first {
      entry.state = .failed
      entry.error = problem.description
      notify(entry)
      return entry
    }
    do { try store.save(entry, owner: processId) } catch {
      entry.state = .failed
      entry.error = "not sent: the outbox could not save it (\(error))"
      notify(entry)
      return entry
    }
    notify(entry)
    return await schedule(entry.id).value ?? entry
  }

  /// Tries a failed entry again, optionally with edited content. An earlier attempt that may
  /// have reached the server is looked for in the thread first; if it did arrive, the entry
  /// becomes `sent` with its original content and the edit is not sent (the caller should keep
  /// the edited text, e.g. as the draft). Nil when there is no such entry.
  @discardableResult
  public func retry(_ id: String, content: OutboxContent? = nil) async -> OutboxEntry? {
    guard let entry = try? store.outboxEntry(id: id) else { return nil }
    guard entry.state != .sent, !scheduled.contains(id) else { return entry }
    return await schedule(id, replacing: content).value
  }

  /// Removes an entry that is not being sent (a failed one the recruiter gives up on) and
  /// returns it, so its text can go back into the composer.
  @discardableResult
  public func discard(_ id: String) -> OutboxEntry? {
    guard !scheduled.contains(id), let entry = try? store.outboxEntry(id: id), entry.state != .sending else { return nil }
    try? store.deleteOutboxEntry(id: id)
    return entry
  }

  /// Every entry not yet sent (pending, sending, failed), oldest first: what a hub shows a console that attaches.
  public nonisolated func unsentEntries() -> [OutboxEntry] {
    ((try? store.outboxEntries()) ?? []).filter { $0.state != .sent }
  }

  /// The entries of a conversation, oldest first, for the thread pane.
  public nonisolated func entries(conversationId: String) -> [OutboxEntry] {
    (try? store.outboxEntries(conversationId: conversationId)) ?? []
  }

  /// At start: delivers what a previous run left `pending` or `sending` (after a crash, a
  /// kill or a dropped session). `sending` ones are reconciled against the thread before any
  /// request; entries another running console is delivering are left to it. Also forgets sent
  /// entries older than a week.
  @discardableResult
  public func resumePending() async -> [OutboxEntry] {
    try? store.pruneSent(before: Date(timeIntervalSinceNow: -7 * 24 * 3600))
    let unfinished = (try? store.unfinishedEntries()) ?? []
    let tasks = unfinished.filter { !scheduled.contains($0.id) }.map { schedule($0.id) }
    var results: [OutboxEntry] = []
    for task in tasks { if let entry = await task.value { results.append(entry) } }
    return results
  }

  // MARK: Delivery

  private func schedule(_ id: String, replacing content: OutboxContent? = nil) -> Task<OutboxEntry?, Never> {
    scheduled.insert(id)
    let conversationId = (try? store.outboxEntry(id: id))?.conversationId ?? ""
    queued[conversationId, default: 0] += 1
    let previous = tails[conversationId]
    let task = Task { () -> OutboxEntry? in
      _ = await previous?.value
      let result = await self.deliver(id, replacing: content)
      self.delivered(id, conversationId: conversationId)
      return result
    }
    tails[conversationId] = task
    return task
  }

  private func delivered(_ id: String, conversationId: String) {
    scheduled.remove(id)
    queued[conversationId, default: 1] -= 1
    if queued[conversationId] == 0 {
      queued[conversationId] = nil
      tails[conversationId] = nil
    }
  }

  private enum Reconciliation {
    case found(Message)
    case absent
    case unreadable(PoppError)
  }

  private func deliver(_ id: String, replacing replacement: OutboxContent?) async -> OutboxEntry? {
    guard var entry = try? store.claim(id: id, owner: processId, isAlive: Self.isAlive) else {
      // Gone, or another live console is delivering it.
      return try? store.outboxEntry(id: id)
    }
    guard entry.state != .sent else { return entry }
    // Left `sending` by a process that died mid-request (a crash, kill -9): that request may still reach the server
    // until its timeout, so the thread is read only after it, never while a resend could cross it.
    if entry.state == .sending, let started = entry.attemptStartedAt {
      let unsettled = started.addingTimeInterval(inFlightLimit).timeIntervalSinceNow
      if unsettled > 0 { try? await Task.sleep(for: .seconds(min(unsettled, inFlightLimit))) }
    }
    var replacement = replacement
    var posts = 0
    var readFailures = 0
    var lastError: PoppError?

    while true {
      if entry.mayHaveReachedServer {
        switch await reconcile(entry) {
        case .found(let message):
          return finish(&entry, sentAs: message, note: "found in the thread after an unanswered attempt")
        case .absent:
          readFailures = 0
          if let content = replacement {
            entry.content = content
            replacement = nil
          }
        case .unreadable(let error):
          readFailures += 1
          lastError = error
          if readFailures >= maxAttempts || !Self.mayRetry(error) {
            return finish(&entry, failure: "could not check whether it was sent: \(Self.text(error))", unknown: true)
          }
          await pause(after: readFailures)
          continue
        }
      } else {
        if let content = replacement {
          entry.content = content
          replacement = nil
        }
        // The baseline: reconciliation looks only at what the thread gains after it.
        do throws(PoppError) {
          let newest = try await client.listMessages(
            conversationId: entry.conversationId, sortDirection: .descending, limit: 1, nextToken: nil
          ).data.first
          entry.baselineMessageId = newest?.id
          entry.baselineCreatedAt = newest?.createdAt
        } catch {
          readFailures += 1
          if readFailures >= maxAttempts || !Self.mayRetry(error) { return finish(&entry, failure: Self.text(error), unknown: false) }
          await pause(after: readFailures)
          continue
        }
      }

      guard posts < maxAttempts else {
        return finish(&entry, failure: lastError.map(Self.text) ?? "not sent", unknown: false)
      }
      // Persisted before the request leaves, so that a crash mid-request is reconciled later.
      entry.state = .sending
      entry.attempts += 1
      entry.attemptStartedAt = Date()
      entry.error = nil
      do { try store.save(entry, owner: processId) } catch {
        entry.attempts -= 1
        return finish(&entry, failure: "not sent: the outbox could not record the attempt (\(error))", unknown: false)
      }
      notify(entry)
      posts += 1
      do throws(PoppError) {
        let message = try await client.sendMessage(conversationId: entry.conversationId, entry.content.request)
        return finish(&entry, sentAs: message, note: nil)
      } catch {
        lastError = error
        if !Self.mayRetry(error) { return finish(&entry, failure: Self.text(error), unknown: false) }
        // Unknown outcome (or no connection at all): reconcile, then perhaps try again.
        if posts < maxAttempts { await pause(after: posts) }
      }
    }
  }

  /// Reads the thread newest first back to the baseline, looking for this entry's message.
  private func reconcile(_ entry: OutboxEntry) async -> Reconciliation {
    let claimed = (try? store.sentMessageIds(conversationId: entry.conversationId)) ?? []
    var token: String?
    do throws(PoppError) {
      repeat {
        let page = try await client.listMessages(
          conversationId: entry.conversationId, sortDirection: .descending, limit: 50, nextToken: token)
        for message in page.data {
          if message.id == entry.baselineMessageId { return .absent }
          if let baseline = entry.baselineCreatedAt, let created = message.createdAt, created < baseline { return .absent }
          if entry.content.matches(message) && !claimed.contains(message.id) { return .found(message) }
        }
        token = page.nextToken
      } while token != nil
    } catch {
      return .unreadable(error)
    }
    return .absent
  }

  private func finish(_ entry: inout OutboxEntry, sentAs message: Message, note: String?) -> OutboxEntry {
    entry.state = .sent
    entry.error = nil
    entry.sentMessageId = message.id
    persistAndReport(entry, outcome: "ok", note: note)
    return entry
  }

  private func finish(_ entry: inout OutboxEntry, failure: String, unknown: Bool) -> OutboxEntry {
    entry.state = .failed
    entry.error = failure
    persistAndReport(entry, outcome: unknown ? "unknown" : "failed: \(failure)", note: nil)
    return entry
  }

  private func persistAndReport(_ entry: OutboxEntry, outcome: String, note: String?) {
    // If this save fails the entry stays `sending` on disk and is reconciled at the next start.
    try? store.save(entry, owner: processId)
    notify(entry)
    var detail = "outbox \(entry.id), \(entry.attempts) attempt\(entry.attempts == 1 ? "" : "s")"
    if case .template(let templateId, _) = entry.content { detail += ", template \(templateId)" }
    if let note { detail += ", \(note)" }
    let action: AuditEntry.Action = if case .template = entry.content { .sendTemplate } else { .send }
    audit?.record(
      action, organization: organizationId, conversation: entry.conversationId, outcome: outcome, detail: detail,
      user: entry.requestedBy ?? AuditLog.userName)
  }

  private func notify(_ entry: OutboxEntry) {
    observer(entry)
  }

  private func pause(after failures: Int) async {
    let policy = RetryPolicy(maxAttempts: maxAttempts, baseDelay: retryDelay, maxDelay: max(retryDelay, 8))
    let seconds = policy.backoff(attempt: failures, randomUnit: Double.random(in: 0..<1))
    try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
  }

  /// Whether trying again can help: the server did not definitely refuse. 400, 401, 404, 409,
  /// 413, 429 and other 4xx mean it did not act and will not on a repeat.
  static func mayRetry(_ error: PoppError) -> Bool {
    switch error {
    case .transport, .server, .invalidResponse: true
    case .unexpectedStatus(let status, _): !(400..<500).contains(status)
    case .badRequest, .unauthorized, .notFound, .conflict, .payloadTooLarge, .rateLimited, .invalidConfiguration: false
    }
  }

  /// The server's own words when it gave some, else what went wrong.
  static func text(_ error: PoppError) -> String {
    error.serverMessage ?? error.description
  }

  static func isAlive(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
  }
}
