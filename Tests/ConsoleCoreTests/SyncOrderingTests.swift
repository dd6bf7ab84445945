import ConsoleCore
import Foundation
import Synchronization
import Testing

/// The order in which answers arrive is not the order in which they were asked: a slow poll's
/// answer must not put back what a later, faster one already showed. A stand-in client makes
/// the timing exact (the polls themselves are tested against the sandbox in ServiceTests).
@Suite struct SyncOrderingTests {
  /// Newest-first pages of 50 (the head poller) answer at once and, from the second one on,
  /// show the conversation flagged; pages of 500 (the first load and the active set) answer
  /// 300 ms late with what the server held when they were asked: not flagged.
  final class SlowAndFastClient: PoppClient {
    let headCalls = Mutex(0)
    /// Slow answers given so far.
    let slowAnswers = Mutex(0)
    static let base = Conversation(
      id: "x", campaignId: "c", participantFirstName: "Ana", conversationStatus: .ongoing, createdAt: Date(timeIntervalSince1970: 1),
      updatedAt: Date(timeIntervalSince1970: 1))

    func listConversations(_ query: ConversationQuery, nextToken: String?) async throws(PoppError) -> Page<Conversation> {
      if query.limit == 50 {
        let call = headCalls.withLock { calls in
          calls += 1
          return calls
        }
        var conversation = Self.base
        conversation.needsReview = call >= 2
        return Page(data: [conversation], nextToken: nil)
      }
      try? await Task.sleep(for: .milliseconds(300))
      slowAnswers.withLock { $0 += 1 }
      return Page(data: [Self.base], nextToken: nil)
    }

    func listTemplates() async throws(PoppError) -> [Template] { [] }
    func listCampaigns(status: CampaignStatus?, limit: Int?, nextToken: String?) async throws(PoppError) -> Page<Campaign> {
      Page(data: [], nextToken: nil)
    }
    func listAgents() async throws(PoppError) -> [Agent] { [] }
    func createCampaign(_ request: CampaignCreateRequest) async throws(PoppError) -> Campaign { throw .notFound("stand-in") }
    func campaign(id: String) async throws(PoppError) -> Campaign { throw .notFound("stand-in") }
    func updateCampaign(id: String, _ update: CampaignUpdateRequest) async throws(PoppError) -> Campaign { throw .notFound("stand-in") }
    func createConversation(_ request: ConversationCreateRequest) async throws(PoppError) -> MessageResponse {
      throw .notFound("stand-in")
    }
    func createConversations(_ request: BulkConversationRequest) async throws(PoppError) -> BulkConversationResponse {
      throw .notFound("stand-in")
    }
    func conversation(id: String) async throws(PoppError) -> Conversation { Self.base }
    func listMessages(
      conversationId: String, sortDirection: SortDirection?, limit: Int?, nextToken: String?
    ) async throws(PoppError) -> Page<Message> { Page(data: [], nextToken: nil) }
    func takeOver(conversationId: String) async throws(PoppError) -> TakeoverResponse { throw .notFound("stand-in") }
    func sendMessage(conversationId: String, _ request: SendMessageRequest) async throws(PoppError) -> Message {
      throw .notFound("stand-in")
    }
    func handBack(conversationId: String) async throws(PoppError) -> HandBackResponse { throw .notFound("stand-in") }
  }

  @Test func aSlowAnswerDoesNotPutBackWhatAFasterLaterOneShowed() async throws {
    var settings = PollSettings()
    settings.useServerFilters = false
    settings.intervals = [.head: 0.05, .activeSet: 3600, .thread: 3600, .catalog: 3600, .sweep: 3600]
    let client = SlowAndFastClient()
    // The stand-in answers every poll; nothing here acts, so the address is never dialled.
    let unused = try ClientConfiguration(baseURL: URL(string: "http://127.0.0.1:9/v1")!, organizationId: "org", apiKey: "stand-in")
    let session = try ConsoleSession(
      connection: .http(unused, isSandbox: true), pollSettings: settings, storage: SessionStorage(), pollClient: client)
    let (engine, mailbox) = (session.engine, session.mailbox)
    await engine.start()
    var seen: [Bool] = []
    // Until both slow answers (the first load's and the active set's) have landed and the
    // flag shows, however busy the machine; then a little longer for their merges.
    // Counted in checks rather than wall-clock time: time starved of the pool's threads does not use it up.
    var settledAt: Date?
    for _ in 0..<2_000 {
      for case .conversationsUpdated(let index, _, _, _) in mailbox.drain() {
        if let flag = index.conversation(id: "x")?.needsReview, seen.last != flag { seen.append(flag) }
      }
      if settledAt == nil && client.slowAnswers.withLock({ $0 }) >= 2 && seen.last == true { settledAt = Date() }
      if let settledAt, Date().timeIntervalSince(settledAt) > 0.3 { break }
      try await Task.sleep(for: .milliseconds(10))
    }
    await engine.stop()
    #expect(seen.last == true)
    #expect(!zip(seen, seen.dropFirst()).contains { $0 && !$1 }, "once shown flagged, never unflagged by an older answer: \(seen)")
  }
}
