public import ConsoleCore
public import PoppAPI

/// One request of the Popp API that a console without credentials asks the hub to make for it (the command line's
/// writes, a CSV launch's reads and batches): the hub makes it with its own key, live, and answers with what Popp
/// said. Take-over and hand-back are audited under the caller's Unix user, and a message goes through the hub's
/// outbox under the caller's own id, so it is sent at most once.
public enum HubCall: Codable, Sendable, Equatable {
  case listTemplates
  case listAgents
  case listCampaigns(status: CampaignStatus?, limit: Int?, nextToken: String?)
  case campaign(id: String)
  case createCampaign(CampaignCreateRequest)
  case updateCampaign(id: String, CampaignUpdateRequest)
  case createConversation(ConversationCreateRequest)
  case createConversations(BulkConversationRequest)
  case listConversations(ConversationQuery, nextToken: String?)
  case conversation(id: String)
  case listMessages(conversationId: String, sortDirection: SortDirection?, limit: Int?, nextToken: String?)
  case takeOver(conversationId: String)
  case handBack(conversationId: String)
  /// `id` names the message in the hub's outbox: asked again under the same id, it is still sent once.
  case send(id: String, conversationId: String, content: OutboxContent)
}

/// The hub's answer to one `HubCall`: what Popp answered, or why it did not.
public enum HubAnswer: Codable, Sendable, Equatable {
  case templates([Template])
  case agents([Agent])
  case campaigns(Page<Campaign>)
  case campaign(Campaign)
  case launched(MessageResponse)
  case launchedMany(BulkConversationResponse)
  case conversations(Page<Conversation>)
  case conversation(Conversation)
  case messages(Page<Message>)
  case takenOver(TakeoverResponse)
  case handedBack(HandBackResponse)
  /// The message as the hub's outbox left it; `message` is the thread's copy once sent.
  case sent(OutboxEntry, message: Message?)
  case failed(HubCallFailure)
}

/// A `PoppError` on the wire, so the caller reacts to the hub's failure as it would to its own (a lost answer stays
/// a lost answer, a 429 keeps its wait).
public struct HubCallFailure: Codable, Sendable, Equatable {
  public enum Kind: String, Codable, Sendable {
    case badRequest, unauthorized, notFound, conflict, payloadTooLarge, rateLimited, server, unexpectedStatus
    case cannotConnect, connectionLost, timedOut, invalidResponse, invalidConfiguration
  }

  public var kind: Kind
  public var message: String
  public var status: Int?
  public var retryAfter: Double?

  public init(_ error: PoppError) {
    status = error.statusCode
    switch error {
    case .badRequest(let text): (kind, message) = (.badRequest, text)
    case .unauthorized(let text): (kind, message) = (.unauthorized, text)
    case .notFound(let text): (kind, message) = (.notFound, text)
    case .conflict(let text): (kind, message) = (.conflict, text)
    case .payloadTooLarge(let text): (kind, message) = (.payloadTooLarge, text)
    case .rateLimited(let wait, let text): (kind, message, retryAfter) = (.rateLimited, text, wait)
    case .server(_, let text): (kind, message) = (.server, text)
    case .unexpectedStatus(_, let text): (kind, message) = (.unexpectedStatus, text)
    case .transport(.cannotConnect(let why)): (kind, message) = (.cannotConnect, why)
    case .transport(.connectionLost(let why)): (kind, message) = (.connectionLost, why)
    case .transport(.timedOut(let why)): (kind, message) = (.timedOut, why)
    case .invalidResponse(let text): (kind, message) = (.invalidResponse, text)
    case .invalidConfiguration(let text): (kind, message) = (.invalidConfiguration, text)
    }
  }

  public var error: PoppError {
    switch kind {
    case .badRequest: .badRequest(message)
    case .unauthorized: .unauthorized(message)
    case .notFound: .notFound(message)
    case .conflict: .conflict(message)
    case .payloadTooLarge: .payloadTooLarge(message)
    case .rateLimited: .rateLimited(retryAfter: retryAfter, message: message)
    case .server: .server(status: status ?? 500, message: message)
    case .unexpectedStatus: .unexpectedStatus(status ?? 0, message)
    case .cannotConnect: .transport(.cannotConnect(message))
    case .connectionLost: .transport(.connectionLost(message))
    case .timedOut: .transport(.timedOut(message))
    case .invalidResponse: .invalidResponse(message)
    case .invalidConfiguration: .invalidConfiguration(message)
    }
  }
}
