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
final class HookedClient: ForwardingClient {
  let base: any PoppClient
  let sends = Mutex(0)
  let afterSend: @Sendable (Int) async -> Void

  init(base: any PoppClient, afterSend: @escaping @Sendable (Int) async -> Void) {
    self.base = base
    self.afterSend = afterSend
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
}
