import Foundation
import PoppSandbox
import Synchronization
import Testing

@testable import ConsoleCore

/// A sandbox at `--speed 0`, an ongoing conversation of it taken over (unless asked not to),
/// and a workflow store and audit log in a fresh temporary folder.
struct OutboxHarness {
  let sandbox: RunningSandbox
  let control: SandboxControlClient
  /// Fails fast, as the outbox wants its client.
  let client: HTTPPoppClient
  let conversationId: String
  let folder: URL
  let store: WorkflowStore
  let audit: AuditLog

  static func start(takeOver: Bool = true) async throws -> OutboxHarness {
    let sandbox = try await RunningSandbox.start(SandboxConfiguration(port: 0, speed: 0, demoSize: 20))
    let client = try sandbox.client(retryPolicy: .never, requestTimeout: 5)
    let conversations = try await client.allConversations().collect()
    let target = try #require(conversations.first { $0.conversationStatus == .ongoing && !$0.isHumanTakeover })
    if takeOver { _ = try await client.takeOver(conversationId: target.id) }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("popp-outbox-\(UUID().uuidString)")
    let store = try WorkflowStore(path: folder.appendingPathComponent("org/workflow.sqlite").path)
    return OutboxHarness(
      sandbox: sandbox, control: sandbox.control(), client: client, conversationId: target.id, folder: folder, store: store,
      audit: AuditLog(path: folder.appendingPathComponent("audit.log").path))
  }

  func outbox(client: (any PoppClient)? = nil, maxAttempts: Int = 3, onChange: @escaping Outbox.Observer = { _ in }) -> Outbox {
    Outbox(
      client: client ?? self.client, store: store, organizationId: sandbox.organization.id, audit: audit, maxAttempts: maxAttempts,
      retryDelay: 0.02, onChange: onChange)
  }

  /// The USER messages of the conversation with exactly this body, read without faults.
  func userMessages(body: String) async throws -> [Message] {
    try await sandbox.client().allMessages(conversationId: conversationId).collect().filter { $0.sender == .user && $0.body == body }
  }

  /// POSTs of messages the server received since the last reset (dropped ones included).
  func messagePosts() async throws -> Int {
    try await control.stats().count("POST /v1/conversations/{id}/messages")
  }

  func stop() async {
    try? FileManager.default.removeItem(at: folder)
    await sandbox.stop()
  }
}

/// A client that forwards to another and runs `afterSend` (with the 1-based call number) once
/// each `sendMessage` has its answer or error: how a test changes the faults between attempts.
final class HookedClient: PoppClient {
  let base: any PoppClient
  let sends = Mutex(0)
  let afterSend: @Sendable (Int) async -> Void

  init(base: any PoppClient, afterSend: @escaping @Sendable (Int) async -> Void) {
    self.base = base
    self.afterSend = afterSend
  }

  func listTemplates() async throws(PoppError) -> [Template] { try await base.listTemplates() }
  func listAgents() async throws(PoppError) -> [Agent] { try await base.listAgents() }
  func createCampaign(_ request: CampaignCreateRequest) async throws(PoppError) -> Campaign { try await base.createCampaign(request) }
  func listCampaigns(status: CampaignStatus?, limit: Int?, nextToken: String?) async throws(PoppError) -> Page<Campaign> {
    try await base.listCampaigns(status: status, limit: limit, nextToken: nextToken)
  }
  func campaign(id: String) async throws(PoppError) -> Campaign { try await base.campaign(id: id) }
  func updateCampaign(id: String, _ update: CampaignUpdateRequest) async throws(PoppError) -> Campaign {
    try await base.updateCampaign(id: id, update)
  }
  func createConversation(_ request: ConversationCreateRequest) async throws(PoppError) -> MessageResponse {
    try await base.createConversation(request)
  }
  func createConversations(_ request: BulkConversationRequest) async throws(PoppError) -> BulkConversationResponse {
    try await base.createConversations(request)
  }
  func listConversations(_ query: ConversationQuery, nextToken: String?) async throws(PoppError) -> Page<Conversation> {
    try await base.listConversations(query, nextToken: nextToken)
  }
  func conversation(id: String) async throws(PoppError) -> Conversation { try await base.conversation(id: id) }
  func listMessages(conversationId: String, sortDirection: SortDirection?, limit: Int?, nextToken: String?) async throws(PoppError)
    -> Page<Message>
  {
    try await base.listMessages(conversationId: conversationId, sortDirection: sortDirection, limit: limit, nextToken: nextToken)
  }
  func takeOver(conversationId: String) async throws(PoppError) -> TakeoverResponse {
    try await base.takeOver(conversationId: conversationId)
  }
  func sendMessage(conversationId: String, _ request: SendMessageRequest) async throws(PoppError) -> Message {
    let number = sends.withLock {
      $0 += 1
      return $0
    }
    let result: Result<Message, PoppError>
    do { result = .success(try await base.sendMessage(conversationId: conversationId, request)) } catch { result = .failure(error) }
    await afterSend(number)
    return try result.get()
  }
  func handBack(conversationId: String) async throws(PoppError) -> HandBackResponse {
    try await base.handBack(conversationId: conversationId)
  }
}
