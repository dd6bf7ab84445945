public import ConsoleCore
public import Foundation
public import PoppAPI

/// The Popp API through a hub, for a process without credentials: every request is made by the hub, live, with its
/// key (`HubCall`), over one connection kept for this client's life. A lost connection fails the calls waiting on it
/// as lost answers (`outcomeUnknown`), so the caller settles them as it would a dropped HTTP request: a CSV launch
/// reads the campaign before sending a row again, a message stays in the hub's outbox under its id.
public actor HubRelayClient: PoppClient {
  public nonisolated let path: String
  private var sender: HubSender?
  private var waiting: [Int: CheckedContinuation<HubAnswer, Never>] = [:]
  private var nextCall = 0
  /// Why the connection ended, once it has.
  private var ended: String?
  private var reader: Task<Void, Never>?

  private init(path: String) {
    self.path = path
  }

  /// Attaches (a refusal is thrown as the hub said it) and keeps the connection until `close()`.
  public static func connect(path: String, app: String) async throws -> HubRelayClient {
    let client = HubRelayClient(path: path)
    try await client.open(app: app)
    return client
  }

  public func close() {
    reader?.cancel()
    reader = nil
    end("closed")
  }

  private func open(app: String) async throws {
    let (opened, signal) = AsyncStream.makeStream(of: Result<HubSender, any Error>.self, bufferingPolicy: .bufferingNewest(1))
    reader = Task { await self.read(app: app, opened: signal) }
    for await result in opened {
      sender = try result.get()
      return
    }
    throw HubConnectionError.closed
  }

  /// Reads the hub's answers (outside the actor: the connection belongs to this task) until it ends.
  private nonisolated func read(app: String, opened: AsyncStream<Result<HubSender, any Error>>.Continuation) async {
    do {
      try await HubClient.attach(path: path, app: app) { _, session in
        opened.yield(.success(session.sender))
        while !Task.isCancelled {
          if case .answer(let id, let answer) = try await session.nextMessage() { await self.settle(id, answer) }
        }
      }
      await end("the hub closed the connection")
    } catch {
      opened.yield(.failure(error))
      await end("\(error)")
    }
    opened.finish()
  }

  private func settle(_ id: Int, _ answer: HubAnswer) {
    waiting.removeValue(forKey: id)?.resume(returning: answer)
  }

  private func end(_ reason: String) {
    if ended == nil { ended = reason }
    sender = nil
    let lost = HubAnswer.failed(HubCallFailure(.transport(.connectionLost("the hub went away before answering (\(reason))"))))
    for continuation in waiting.values { continuation.resume(returning: lost) }
    waiting = [:]
  }

  /// Asks the hub and waits for its answer (or for the connection to end).
  private func ask(_ call: HubCall) async -> HubAnswer {
    guard let sender else {
      return .failed(HubCallFailure(.transport(.cannotConnect("the hub at \(path) is not attached (\(ended ?? "not connected"))"))))
    }
    nextCall += 1
    let id = nextCall
    return await withCheckedContinuation { continuation in
      waiting[id] = continuation
      Task {
        do { try await sender.send(.call(id: id, call)) } catch { self.end("\(error)") }
      }
    }
  }

  /// Asks, and takes the answer apart: the case `expected` picks, or the hub's failure thrown as Popp's error.
  private func ask<Value>(_ call: HubCall, _ expected: (HubAnswer) -> Value?) async throws(PoppError) -> Value {
    let answer = await ask(call)
    if case .failed(let failure) = answer { throw failure.error }
    guard let value = expected(answer) else { throw .invalidResponse("the hub answered \(call) with something else") }
    return value
  }

  // MARK: PoppClient

  public func listTemplates() async throws(PoppError) -> [Template] {
    try await ask(.listTemplates) { if case .templates(let value) = $0 { value } else { nil } }
  }

  public func listAgents() async throws(PoppError) -> [Agent] {
    try await ask(.listAgents) { if case .agents(let value) = $0 { value } else { nil } }
  }

  public func createCampaign(_ request: CampaignCreateRequest) async throws(PoppError) -> Campaign {
    try await ask(.createCampaign(request)) { if case .campaign(let value) = $0 { value } else { nil } }
  }

  public func listCampaigns(status: CampaignStatus?, limit: Int?, nextToken: String?) async throws(PoppError) -> Page<Campaign> {
    try await ask(.listCampaigns(status: status, limit: limit, nextToken: nextToken)) {
      if case .campaigns(let value) = $0 { value } else { nil }
    }
  }

  public func campaign(id: String) async throws(PoppError) -> Campaign {
    try await ask(.campaign(id: id)) { if case .campaign(let value) = $0 { value } else { nil } }
  }

  public func updateCampaign(id: String, _ update: CampaignUpdateRequest) async throws(PoppError) -> Campaign {
    try await ask(.updateCampaign(id: id, update)) { if case .campaign(let value) = $0 { value } else { nil } }
  }

  public func createConversation(_ request: ConversationCreateRequest) async throws(PoppError) -> MessageResponse {
    try await ask(.createConversation(request)) { if case .launched(let value) = $0 { value } else { nil } }
  }

  public func createConversations(_ request: BulkConversationRequest) async throws(PoppError) -> BulkConversationResponse {
    try await ask(.createConversations(request)) { if case .launchedMany(let value) = $0 { value } else { nil } }
  }

  public func listConversations(_ query: ConversationQuery, nextToken: String?) async throws(PoppError) -> Page<Conversation> {
    try await ask(.listConversations(query, nextToken: nextToken)) { if case .conversations(let value) = $0 { value } else { nil } }
  }

  public func conversation(id: String) async throws(PoppError) -> Conversation {
    try await ask(.conversation(id: id)) { if case .conversation(let value) = $0 { value } else { nil } }
  }

  public func listMessages(conversationId: String, sortDirection: SortDirection?, limit: Int?, nextToken: String?) async throws(PoppError)
    -> Page<Message>
  {
    try await ask(.listMessages(conversationId: conversationId, sortDirection: sortDirection, limit: limit, nextToken: nextToken)) {
      if case .messages(let value) = $0 { value } else { nil }
    }
  }

  public func takeOver(conversationId: String) async throws(PoppError) -> TakeoverResponse {
    try await ask(.takeOver(conversationId: conversationId)) { if case .takenOver(let value) = $0 { value } else { nil } }
  }

  public func handBack(conversationId: String) async throws(PoppError) -> HandBackResponse {
    try await ask(.handBack(conversationId: conversationId)) { if case .handedBack(let value) = $0 { value } else { nil } }
  }

  /// A message through the hub's outbox under a new id (see `send(_:to:id:)`).
  public func sendMessage(conversationId: String, _ request: SendMessageRequest) async throws(PoppError) -> Message {
    let content: OutboxContent =
      if let template = request.templateId { .template(id: template, preview: "") } else { .body(request.messageBody ?? "") }
    let (entry, message) = try await send(content, to: conversationId, id: UUID().uuidString.lowercased())
    guard entry.state == .sent, let message else {
      throw .invalidResponse(
        "not sent: \(entry.error ?? "the hub's outbox holds it as \(entry.state.rawValue)") (outbox entry \(entry.id))")
    }
    return message
  }

  /// A message through the hub's outbox, which sends it at most once under `id` (asked again under the same id, the
  /// entry is answered as it stands). Returns the entry as the outbox left it, and the thread's copy once sent.
  public func send(_ content: OutboxContent, to conversationId: String, id: String) async throws(PoppError) -> (
    OutboxEntry, Message?
  ) {
    try await ask(.send(id: id, conversationId: conversationId, content: content)) {
      if case .sent(let entry, let message) = $0 { (entry, message) } else { nil }
    }
  }
}
