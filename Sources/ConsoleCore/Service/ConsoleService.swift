import Foundation
public import PoppAPI

/// Carries out the state's effects away from the UI thread: polling through the sync engine,
/// and the recruiter's actions through the client. Results reach the UI through the mailbox.
public actor ConsoleService {
  private let client: any PoppClient
  private let engine: SyncEngine
  private let mailbox: Mailbox<ServiceEvent>

  /// `client` carries out actions (with the standard retries); `engine` polls with its own.
  public init(client: any PoppClient, engine: SyncEngine, mailbox: Mailbox<ServiceEvent>) {
    self.client = client
    self.engine = engine
    self.mailbox = mailbox
  }

  /// Starts the pollers.
  public func startPolling() async {
    await engine.start()
  }

  public func stop() async {
    await engine.stop()
  }

  /// Starts the work of `effects` without waiting for it. The UI loop does `.ringBell` and
  /// `.redraw` itself.
  public nonisolated func start(_ effects: [Effect]) {
    for effect in effects where effect != .redraw && effect != .ringBell {
      Task { await self.perform(effect) }
    }
  }

  public func perform(_ effect: Effect) async {
    switch effect {
    case .refreshNow:
      await engine.refreshNow()
    case .loadMessages(let id):
      await engine.openThread(id)
    case .watch(let ids):
      await engine.watch(ids)
    case .takeOver(let id):
      await change(id, note: "Taken over: you are speaking for the company now.") { client throws(PoppError) in
        _ = try await client.takeOver(conversationId: id)
      }
    case .handBack(let id):
      await change(id, note: "Handed back: the agent is speaking again.") { client throws(PoppError) in
        _ = try await client.handBack(conversationId: id)
      }
    case .send(let id, let content):
      await send(content, to: id)
    case .retrySend:
      mailbox.post(.actionFailed("Retrying comes with the outbox."))
    case .redraw, .ringBell:
      break
    }
  }

  // Interim: sends directly until the durable outbox lands.
  private func send(_ content: OutgoingContent, to conversationId: String) async {
    var message = OutgoingMessage(
      id: UUID().uuidString, conversationId: conversationId, content: content, state: .pending, createdAt: Date())
    mailbox.post(.outgoing(message))
    let request: SendMessageRequest =
      switch content {
      case .body(let text): SendMessageRequest(messageBody: text)
      case .template(let templateId, _): SendMessageRequest(templateId: templateId)
      }
    do throws(PoppError) {
      let sent = try await client.sendMessage(conversationId: conversationId, request)
      message.state = .sent(messageId: sent.id)
      await engine.recordOwnMessage(sent, conversationId: conversationId)
    } catch {
      message.state = .failed(error.description)
    }
    mailbox.post(.outgoing(message))
  }

  /// Runs one change, then re-reads the conversation so the screen shows what the server now says.
  private func change(_ id: String, note: String, _ body: @Sendable (any PoppClient) async throws(PoppError) -> Void) async {
    do throws(PoppError) {
      try await body(client)
      await engine.recordOwnChange(try await client.conversation(id: id), note: note)
    } catch {
      mailbox.post(.actionFailed(error.description))
    }
  }
}
