/// Sends a plan's rows to a campaign in batches and says what became of each row, sending
/// no candidate twice.
///
/// - Batches go one at a time, in file order. 500 contacts a batch by default (the API
///   takes up to 10,000): against the sandbox on loopback a batch of 500 takes about 30 ms,
///   so progress moves several times a second, and a batch whose answer is lost puts at most
///   500 rows in doubt (BENCHMARKS.md has the figures).
/// - A batch whose answer is lost (`PoppError.outcomeUnknown`, or an answer missing rows)
///   is never re-sent blindly: the campaign's conversations are read, the rows found among
///   the conversations that are new since the last look are queued ("confirmed after a lost
///   answer"), and only the rest are sent again, at most `maxAttempts` times in all; rows
///   still missing then fail, and the run stops (the network or the server is failing).
/// - A 429 the client did not already wait out (its `RetryPolicy` retries writes on 429) is
///   waited out here, within the same attempts.
/// - A batch refused as a whole (401, 404, 409 not LIVE, 400, no connection) fails its rows
///   with the server's reason and stops the run: the rows after it are "not sent" with that
///   reason, for a re-run once the cause is fixed.
/// - Task cancellation stops after the batch in flight (which is let finish, so its rows
///   have a known outcome); the rows after it are "not sent (cancelled)".
public struct BulkSender: Sendable {
  public static let defaultBatchSize = 500

  public let client: any PoppClient
  public let campaignId: String
  public let businessHours: Bool
  public let batchSize: Int
  /// Sends of one row in all, the first included.
  public let maxAttempts: Int
  /// Seconds to wait after a lost answer before reading the campaign: a request whose
  /// connection dropped may still be finishing on the server.
  public let settleDelay: Double
  /// The longest 429 `Retry-After` waited out here; longer ones fail the batch.
  public let maxRateLimitWait: Double

  public init(
    client: any PoppClient, campaignId: String, businessHours: Bool = false, batchSize: Int = BulkSender.defaultBatchSize,
    maxAttempts: Int = 3, settleDelay: Double = 0.5, maxRateLimitWait: Double = 60
  ) {
    self.client = client
    self.campaignId = campaignId
    self.businessHours = businessHours
    self.batchSize = min(max(batchSize, 1), BulkConversationRequest.maximumContacts)
    self.maxAttempts = max(maxAttempts, 1)
    self.settleDelay = settleDelay
    self.maxRateLimitWait = maxRateLimitWait
  }

  /// Sends `rows` (a plan's `outgoing`) and returns one result per row, in the same order.
  /// `existing` is what the campaign held before (from `ExistingContacts.fetch`): its
  /// conversation ids tell this run's new conversations from older ones after a lost
  /// answer. `progress` is called at the start, after each batch, and while settling a
  /// lost answer.
  public func send(
    _ rows: [BulkOutgoing], existing: ExistingContacts, progress: @escaping @Sendable (BulkProgress) -> Void = { _ in }
  ) async -> [BulkRowResult] {
    var run = Run(rows: rows, baseline: existing.conversationIds, progress: progress)
    run.report()
    var stop: String?
    var start = 0
    while start < rows.count {
      let end = min(start + batchSize, rows.count)
      if Task.isCancelled { stop = BulkRowResult.cancelled }
      if let stop {
        run.settle(start..<rows.count, .notSent, stop)
        break
      }
      stop = await sendBatch(start..<end, run: &run)
      run.report()
      start = end
    }
    return run.results.enumerated().map { index, result in
      result ?? BulkRowResult(line: rows[index].line, contact: rows[index].contact, status: .notSent, reason: BulkRowResult.cancelled)
    }
  }

  /// Sends one batch until every row of it is settled; returns why the run must stop, if it
  /// must.
  private func sendBatch(_ batch: Range<Int>, run: inout Run) async -> String? {
    var pending = Array(batch)
    var attempt = 1
    while true {
      let contacts = pending.map { run.rows[$0].contact }
      let request = BulkConversationRequest(
        campaignId: campaignId, shouldSendDuringBusinessHours: businessHours ? true : nil, contacts: contacts)
      let lost: PoppError
      switch await post(request) {
      case .success(let response):
        var answered = Set<Int>()
        for result in response.results where pending.indices.contains(result.index) && !answered.contains(result.index) {
          answered.insert(result.index)
          let row = pending[result.index]
          if result.status == .queued {
            run.settle(row, .queued, nil)
          } else {
            run.settle(row, .failed, result.error ?? "failed (the server gave no reason)")
          }
        }
        pending = pending.indices.filter { !answered.contains($0) }.map { pending[$0] }
        if pending.isEmpty { return nil }
        lost = .invalidResponse("the answer had no result for \(pending.count) of the \(contacts.count) contacts")
      case .failure(.rateLimited(let retryAfter, let message)):
        // A 429 means the server did not act: waiting and sending again is safe.
        let wait = retryAfter ?? 2
        if Task.isCancelled {
          run.settle(pending, .notSent, BulkRowResult.cancelled)
          return BulkRowResult.cancelled
        }
        guard attempt < maxAttempts, wait <= maxRateLimitWait else {
          run.settle(pending, .failed, "rate limited (429): \(message)")
          return "stopped: the server is rate limiting (429)"
        }
        run.report(note: "rate limited; waiting \(Int(wait.rounded(.up))) s")
        try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
        if Task.isCancelled {
          run.settle(pending, .notSent, BulkRowResult.cancelled)
          return BulkRowResult.cancelled
        }
        attempt += 1
        continue
      case .failure(let error) where error.outcomeUnknown:
        lost = error
      case .failure(let error):
        // Refused as a whole: the server did not act, and the next batches would fare no
        // better.
        let reason = error.serverMessage ?? error.description
        run.settle(pending, .failed, reason)
        return "stopped: the batch from line \(run.rows[pending[0]].line) failed: \(reason)"
      }

      // The answer is lost: find out what arrived before sending anything again.
      run.report(note: "answer lost (\(lost)); reading the campaign to see what arrived")
      if settleDelay > 0 { try? await Task.sleep(nanoseconds: UInt64(settleDelay * 1_000_000_000)) }
      switch await readCampaign() {
      case .failure(let readError):
        run.settle(
          pending, .failed,
          "answer lost (\(lost)) and the campaign could not be read (\(readError)); "
            + "a re-run skips the rows that did arrive")
        return "stopped: the campaign could not be read (\(readError))"
      case .success(let conversations):
        pending = run.confirm(pending, among: conversations)
      }
      if pending.isEmpty { return nil }
      if attempt >= maxAttempts || Task.isCancelled {
        let why = Task.isCancelled ? "; not sent again (cancelled)" : " after \(attempt) attempts"
        run.settle(pending, .failed, "answer lost (\(lost)) and not found in the campaign\(why)")
        // Answers lost again and again: the network or the server is failing, and every
        // further batch would put more rows in doubt.
        return Task.isCancelled ? BulkRowResult.cancelled : "stopped: answers lost \(attempt) times in a row (\(lost))"
      }
      attempt += 1
    }
  }

  /// The request runs in a task of its own so that cancelling the caller lets it finish:
  /// a cancelled request would leave its rows in doubt.
  private func post(_ request: BulkConversationRequest) async -> Result<BulkConversationResponse, PoppError> {
    let client = self.client
    return await Task { () async -> Result<BulkConversationResponse, PoppError> in
      do throws(PoppError) { return .success(try await client.createConversations(request)) } catch { return .failure(error) }
    }.value
  }

  private func readCampaign() async -> Result<[Conversation], PoppError> {
    let client = self.client
    let query = ConversationQuery(campaignId: campaignId, limit: 500)
    return await Task { () async -> Result<[Conversation], PoppError> in
      do throws(PoppError) { return .success(try await client.allConversations(query).collect()) } catch { return .failure(error) }
    }.value
  }
}

/// The state of one send: a result per row so far, the counts, and which conversations
/// have been accounted for.
private struct Run {
  let rows: [BulkOutgoing]
  let progress: @Sendable (BulkProgress) -> Void
  let started = ContinuousClock.now
  var results: [BulkRowResult?]
  var queued = 0
  var failed = 0
  /// Conversations seen before (the campaign's at the start, then every one read since).
  var baseline: Set<String>
  /// Keys of the rows this run queued: their conversations are not evidence for others.
  var claimed: Set<ContactKey> = []

  init(rows: [BulkOutgoing], baseline: Set<String>, progress: @escaping @Sendable (BulkProgress) -> Void) {
    self.rows = rows
    self.baseline = baseline
    self.progress = progress
    results = Array(repeating: nil, count: rows.count)
  }

  mutating func settle(_ index: Int, _ status: BulkRowResult.Status, _ reason: String?) {
    let row = rows[index]
    results[index] = BulkRowResult(line: row.line, contact: row.contact, status: status, reason: reason)
    switch status {
    case .queued:
      queued += 1
      claimed.insert(row.key)
    case .failed: failed += 1
    default: break
    }
  }

  mutating func settle(_ indices: some Sequence<Int>, _ status: BulkRowResult.Status, _ reason: String?) {
    for index in indices { settle(index, status, reason) }
  }

  /// Marks queued the pending rows found among the conversations new since the last look
  /// (one conversation settles one row, by external id first), and returns the rest.
  mutating func confirm(_ pending: [Int], among conversations: [Conversation]) -> [Int] {
    var waiting: [ContactKey: Int] = [:]
    for index in pending { waiting[rows[index].key] = index }
    for conversation in conversations where !baseline.contains(conversation.id) {
      baseline.insert(conversation.id)
      let keys = ContactKey.all(of: conversation)
      if keys.contains(where: claimed.contains) { continue }
      guard let key = keys.first(where: { waiting[$0] != nil }), let index = waiting.removeValue(forKey: key) else { continue }
      settle(index, .queued, BulkRowResult.confirmedAfterLostAnswer)
    }
    return pending.filter { results[$0] == nil }
  }

  func report(note: String? = nil) {
    let elapsed = ContinuousClock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    progress(BulkProgress(total: rows.count, sent: queued + failed, queued: queued, failed: failed, elapsed: seconds, note: note))
  }
}
