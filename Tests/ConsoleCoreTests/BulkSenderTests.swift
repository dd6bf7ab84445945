import ConsoleCore
import Foundation
import Synchronization
import Testing

/// The sender's batching, against a client that records what it is asked: the contract's
/// 10,000-contact limit per request, progress after each batch, cancellation.
@Suite struct BulkSenderTests {
  static func rows(_ count: Int) -> [BulkOutgoing] {
    (0..<count).map { index in
      let phone = "+4474009" + String(index).leftPadded(5)
      return BulkOutgoing(
        line: index + 2, contact: BulkContact(firstName: "N\(index)", phoneNumber: phone), key: ContactKey(.phoneNumber, phone))
    }
  }

  @Test func tenThousandAndOneRowsAreSplitIntoTwoRequests() async throws {
    let text = "First Name,Phone\n" + (0..<10_001).map { "N\($0),+4474009\(String($0).leftPadded(5))" }.joined(separator: "\n")
    let plan = try BulkPlan.prepare(data: Data(text.utf8), settings: BulkImportSettings(channel: .sms))
    #expect(plan.outgoing.count == 10_001)
    let client = RecordingClient()
    let results = await BulkSender(client: client, campaignId: "c", batchSize: 10_000).send(plan.outgoing, existing: .init())
    #expect(client.requestSizes == [10_000, 1])
    #expect(results.count == 10_001 && results.allSatisfy { $0.status == .queued })
    #expect(results.last?.line == 10_002)

    let batched = RecordingClient()
    _ = await BulkSender(client: batched, campaignId: "c").send(plan.outgoing, existing: .init())
    #expect(batched.requestSizes == Array(repeating: 500, count: 20) + [1], "the default batch is 500")
  }

  @Test func perRowFailuresAreMatchedToTheirLines() async {
    let client = RecordingClient(failing: ["+447400900001"])
    let progress = Mutex<[BulkProgress]>([])
    let results = await BulkSender(client: client, campaignId: "c", batchSize: 2).send(Self.rows(3), existing: .init()) { update in
      progress.withLock { $0.append(update) }
    }
    #expect(results.map(\.status) == [.queued, .failed, .queued])
    #expect(results.map(\.line) == [2, 3, 4])
    #expect(results[1].reason == "phoneNumber refused by the test")
    let seen = progress.withLock { $0 }
    #expect(seen.map(\.sent) == [0, 2, 3], "at the start, then after each batch")
    #expect(seen.last.map { [$0.total, $0.queued, $0.failed] } == [3, 2, 1])
  }

  @Test func aBatchRefusedAsAWholeStopsTheRun() async {
    let client = RecordingClient(refuseWith: .conflict("campaign c is DRAFT, not LIVE"))
    let results = await BulkSender(client: client, campaignId: "c", batchSize: 2).send(Self.rows(5), existing: .init())
    #expect(client.requestSizes == [2])
    #expect(results.map(\.status) == [.failed, .failed, .notSent, .notSent, .notSent])
    #expect(results[0].reason == "campaign c is DRAFT, not LIVE")
    #expect(results[2].reason?.contains("batch from line 2 failed") == true)
  }

  @Test func aRateLimitIsWaitedOutAndTheBatchSentAgain() async {
    let client = RecordingClient(rateLimitedFirst: 1)
    let notes = Mutex<[String]>([])
    let results = await BulkSender(client: client, campaignId: "c", batchSize: 2).send(Self.rows(2), existing: .init()) { update in
      if let note = update.note { notes.withLock { $0.append(note) } }
    }
    #expect(client.requestSizes == [2, 2])
    #expect(results.map(\.status) == [.queued, .queued])
    #expect(notes.withLock { $0 } == ["rate limited; waiting 1 s"])
  }

  @Test func cancellationStopsAfterTheBatchInFlight() async {
    let client = RecordingClient(delay: 0.2)
    let sender = BulkSender(client: client, campaignId: "c", batchSize: 2)
    let task = Task { await sender.send(Self.rows(6), existing: .init()) }
    // Cancelled once the first batch is on its way (a busy machine may take a while to start it).
    for _ in 0..<4_000 where client.requestSizes.isEmpty { try? await Task.sleep(nanoseconds: 5_000_000) }
    task.cancel()
    let results = await task.value
    #expect(client.requestSizes == [2], "the batch in flight finished; nothing after it was sent")
    #expect(results.map(\.status) == [.queued, .queued, .notSent, .notSent, .notSent, .notSent])
    #expect(results[2].reason == "cancelled")
  }
}

/// Answers bulk requests like the server: each contact queued unless its phone is listed
/// as failing; or refuses every request; records the size of each.
final class RecordingClient: PoppClient {
  let sizes = Mutex<[Int]>([])
  let failing: Set<String>
  let refusal: PoppError?
  let delay: Double
  let rateLimitedFirst: Int

  init(failing: Set<String> = [], refuseWith refusal: PoppError? = nil, delay: Double = 0, rateLimitedFirst: Int = 0) {
    self.failing = failing
    self.refusal = refusal
    self.delay = delay
    self.rateLimitedFirst = rateLimitedFirst
  }

  var requestSizes: [Int] { sizes.withLock { $0 } }

  func createConversations(_ request: BulkConversationRequest) async throws(PoppError) -> BulkConversationResponse {
    let contacts = request.contacts ?? []
    let number = sizes.withLock {
      $0.append(contacts.count)
      return $0.count
    }
    if number <= rateLimitedFirst { throw .rateLimited(retryAfter: 0.05, message: "slow down") }
    if delay > 0 { try? await Task.sleep(nanoseconds: UInt64(delay * 1e9)) }
    if let refusal { throw refusal }
    let results = contacts.enumerated().map { index, contact in
      failing.contains(contact.phoneNumber ?? "")
        ? BulkConversationResponse.Result(
          index: index, firstName: contact.firstName, status: .failed, error: "phoneNumber refused by the test")
        : BulkConversationResponse.Result(index: index, firstName: contact.firstName, status: .queued)
    }
    let queued = results.count { $0.status == .queued }
    return BulkConversationResponse(message: "ok", total: contacts.count, queued: queued, failed: contacts.count - queued, results: results)
  }

  func listConversations(_ query: ConversationQuery, nextToken: String?) async throws(PoppError) -> Page<Conversation> {
    Page(data: [], nextToken: nil)
  }

  func listTemplates() async throws(PoppError) -> [Template] { [] }
  func listAgents() async throws(PoppError) -> [Agent] { [] }
  func createCampaign(_ request: CampaignCreateRequest) async throws(PoppError) -> Campaign { throw .notFound("") }
  func listCampaigns(status: CampaignStatus?, limit: Int?, nextToken: String?) async throws(PoppError) -> Page<Campaign> {
    Page(data: [], nextToken: nil)
  }
  func campaign(id: String) async throws(PoppError) -> Campaign { throw .notFound("") }
  func updateCampaign(id: String, _ update: CampaignUpdateRequest) async throws(PoppError) -> Campaign { throw .notFound("") }
  func createConversation(_ request: ConversationCreateRequest) async throws(PoppError) -> MessageResponse { throw .notFound("") }
  func conversation(id: String) async throws(PoppError) -> Conversation { throw .notFound("") }
  func listMessages(conversationId: String, sortDirection: SortDirection?, limit: Int?, nextToken: String?) async throws(PoppError)
    -> Page<Message>
  { Page(data: [], nextToken: nil) }
  func takeOver(conversationId: String) async throws(PoppError) -> TakeoverResponse { throw .notFound("") }
  func sendMessage(conversationId: String, _ request: SendMessageRequest) async throws(PoppError) -> Message { throw .notFound("") }
  func handBack(conversationId: String) async throws(PoppError) -> HandBackResponse { throw .notFound("") }
}

extension String {
  func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
