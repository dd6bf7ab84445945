public import ConsoleCore
public import PoppAPI

/// A recruiter's write, as a console asks the hub to carry it out: the hub acts through its own outbox and client,
/// recorded in its audit log under the console's Unix user.
public enum HubAction: Codable, Sendable, Equatable {
  case refreshNow
  case takeOver(conversationId: String)
  case handBack(conversationId: String)
  /// `id` is the console's name for the message: sent again after a lost connection, it is still sent once.
  case send(id: String, conversationId: String, content: OutboxContent)
  case retrySend(outgoingId: String, content: OutboxContent?)
  case discardSend(outgoingId: String)
  case loadAudit
  case createCampaign(CampaignCreateRequest)
  case updateCampaign(id: String, CampaignUpdateRequest)
  case launchConversation(ConversationCreateRequest)

  /// The effect as the hub's service performs it (a send is performed by id; see `ConsoleService.send`).
  var effect: Effect? {
    switch self {
    case .refreshNow: .refreshNow
    case .takeOver(let id): .takeOver(conversationId: id)
    case .handBack(let id): .handBack(conversationId: id)
    case .send: nil
    case .retrySend(let id, let content): .retrySend(outgoingId: id, content: content)
    case .discardSend(let id): .discardSend(outgoingId: id)
    case .loadAudit: .loadAudit
    case .createCampaign(let request): .createCampaign(request)
    case .updateCampaign(let id, let update): .updateCampaign(id: id, update)
    case .launchConversation(let request): .launchConversation(request)
    }
  }
}

/// The answer to one console's own action, for that console only.
public enum HubEvent: Codable, Sendable, Equatable {
  /// Its take-over or hand-back worked: the conversation as the server now has it.
  case changed(Conversation, note: String)
  case actionFailed(String)
  case auditLoaded([AuditEntry])
  case formSucceeded(note: String, campaign: Campaign?)
  case formFailed(FieldError, outcomeUnknown: Bool)
  case messagesFailed(conversationId: String, error: String)
  /// This console opened a conversation another console already had open (the first to arrive here keeps it).
  case openedElsewhere(conversationId: String, by: TeamMember)
}
