public import PoppAPI

/// Takeover and hand-back as both the console and the CLI perform them: through the client,
/// settled by reading the conversation when the answer was lost, and appended to the audit log.
/// (Sends go through `Outbox`, which audits them itself.)
public struct ConversationActions: Sendable {
  private let client: any PoppClient
  public let organizationId: String
  private let audit: AuditLog?
  /// Who acts, as the audit log names them.
  public let user: String

  /// `client` may retry as usual (`RetryPolicy.standard`); `audit` nil logs nothing. `user` is the Unix user
  /// behind the action (a hub acts for each console's).
  public init(client: any PoppClient, organizationId: String, audit: AuditLog?, user: String = AuditLog.userName) {
    self.client = client
    self.organizationId = organizationId
    self.audit = audit
    self.user = user
  }

  /// The same actions, recorded as `user`'s.
  public func acting(as user: String) -> ConversationActions {
    ConversationActions(client: client, organizationId: organizationId, audit: audit, user: user)
  }

  /// Takes a conversation over: the AI agent goes quiet until hand-back.
  @discardableResult
  public func takeOver(conversationId: String) async throws(PoppError) -> TakeoverResponse {
    do {
      let response = try await client.takeOver(conversationId: conversationId)
      record(.takeOver, conversationId, outcome: "ok")
      return response
    } catch {
      let now = try await settle(.takeOver, conversationId, error: error, wanted: true)
      return TakeoverResponse(id: now.id, isHumanTakeover: true, conversationStatus: now.conversationStatus)
    }
  }

  /// Hands a conversation back to the AI agent.
  @discardableResult
  public func handBack(conversationId: String) async throws(PoppError) -> HandBackResponse {
    do {
      let response = try await client.handBack(conversationId: conversationId)
      record(.handBack, conversationId, outcome: "ok")
      return response
    } catch {
      let now = try await settle(.handBack, conversationId, error: error, wanted: false)
      return HandBackResponse(id: now.id, status: now.conversationStatus, stage: now.stage, isHumanTakeover: false)
    }
  }

  /// After a failure: when the answer was lost, reads the conversation to learn whether the
  /// change happened (returned as done), else logs the failure and rethrows it.
  private func settle(_ action: AuditEntry.Action, _ conversationId: String, error: PoppError, wanted: Bool) async throws(PoppError)
    -> Conversation
  {
    guard error.outcomeUnknown else {
      record(action, conversationId, outcome: AuditEntry.outcome(error))
      throw error
    }
    guard let now = try? await client.conversation(id: conversationId) else {
      record(action, conversationId, outcome: "unknown", detail: "the answer was lost: \(error.description)")
      throw error
    }
    guard now.isHumanTakeover == wanted else {
      record(action, conversationId, outcome: "failed: \(error.description)")
      throw error
    }
    record(action, conversationId, outcome: "ok", detail: "confirmed by reading the conversation after a lost answer")
    return now
  }

  private func record(_ action: AuditEntry.Action, _ conversationId: String, outcome: String, detail: String? = nil) {
    audit?.record(action, organization: organizationId, conversation: conversationId, outcome: outcome, detail: detail, user: user)
  }
}
