public import ConsoleCore
public import Foundation
public import PoppAPI

/// The command line's reads through a hub (`--hub`): the organization as one snapshot, and a thread by opening it as
/// a console would. It holds no credentials; writes are not carried yet and say so.
public struct HubReadClient: PoppClient {
  public let snapshot: HubSnapshot
  public let welcome: HubWelcome
  private let path: String
  private let app: String

  public static func connect(path: String, app: String) async throws -> HubReadClient {
    try await HubClient.attach(path: path, app: app) { welcome, session in
      HubReadClient(snapshot: try await session.subscribe(), welcome: welcome, path: path, app: app)
    }
  }

  private var notCarried: PoppError {
    .invalidConfiguration("the hub does not carry this for the command line yet: run it where the organization's credentials are")
  }

  public func listTemplates() async throws(PoppError) -> [Template] { snapshot.templates }
  public func listAgents() async throws(PoppError) -> [Agent] { throw notCarried }
  public func createCampaign(_ request: CampaignCreateRequest) async throws(PoppError) -> Campaign { throw notCarried }

  public func listCampaigns(status: CampaignStatus?, limit: Int?, nextToken: String?) async throws(PoppError) -> Page<Campaign> {
    Self.page(snapshot.campaigns.filter { status == nil || $0.campaignStatus == status }, limit: limit, nextToken: nextToken)
  }

  public func campaign(id: String) async throws(PoppError) -> Campaign {
    guard let campaign = snapshot.campaigns.first(where: { $0.id == id }) else { throw .notFound("campaign \(id) not found") }
    return campaign
  }

  public func updateCampaign(id: String, _ update: CampaignUpdateRequest) async throws(PoppError) -> Campaign { throw notCarried }
  public func createConversation(_ request: ConversationCreateRequest) async throws(PoppError) -> MessageResponse { throw notCarried }
  public func createConversations(_ request: BulkConversationRequest) async throws(PoppError) -> BulkConversationResponse {
    throw notCarried
  }

  public func listConversations(_ query: ConversationQuery, nextToken: String?) async throws(PoppError) -> Page<Conversation> {
    let matching = snapshot.conversations.filter { conversation in
      (query.campaignId == nil || conversation.campaignId == query.campaignId)
        && (query.conversationStatus == nil || conversation.conversationStatus == query.conversationStatus)
        && (query.needsReview == nil || conversation.needsReview == query.needsReview)
        && (query.isHumanTakeover == nil || conversation.isHumanTakeover == query.isHumanTakeover)
        && (query.updatedSince.map { since in (conversation.updatedAt ?? .distantPast) >= since } ?? true)
    }
    let oldestFirst = matching.sorted { ($0.createdAt ?? .distantPast, $0.id) < ($1.createdAt ?? .distantPast, $1.id) }
    return Self.page(query.sortDirection == .descending ? oldestFirst.reversed() : oldestFirst, limit: query.limit, nextToken: nextToken)
  }

  public func conversation(id: String) async throws(PoppError) -> Conversation {
    guard let conversation = snapshot.conversations.first(where: { $0.id == id }) else {
      throw .notFound("conversation \(id) not found")
    }
    return conversation
  }

  /// Opens the thread on a connection of its own, as a console does, and returns it as the hub sends it.
  public func listMessages(conversationId: String, sortDirection: SortDirection?, limit: Int?, nextToken: String?) async throws(PoppError)
    -> Page<Message>
  {
    _ = try await conversation(id: conversationId)
    let messages: [Message]
    do {
      messages = try await HubClient.attach(path: path, app: app) { _, session in
        _ = try await session.subscribe()
        try await session.send(.presence(Presence(conversationId: conversationId)))
        while true {
          switch try await session.nextMessage() {
          case .messages(let id, let messages) where id == conversationId: return messages
          case .event(.messagesFailed(let id, let error)) where id == conversationId: throw PoppError.invalidResponse(error)
          default: continue
          }
        }
      }
    } catch let error as PoppError {
      throw error
    } catch {
      throw .transport(.connectionLost("the hub: \(error)"))
    }
    let ordered = sortDirection == .descending ? messages.reversed() : messages
    return Self.page(Array(ordered), limit: limit, nextToken: nextToken)
  }

  public func takeOver(conversationId: String) async throws(PoppError) -> TakeoverResponse { throw notCarried }
  public func sendMessage(conversationId: String, _ request: SendMessageRequest) async throws(PoppError) -> Message { throw notCarried }
  public func handBack(conversationId: String) async throws(PoppError) -> HandBackResponse { throw notCarried }

  /// A page of `items` from the offset `nextToken` names.
  static func page<Item>(_ items: [Item], limit: Int?, nextToken: String?) -> Page<Item> {
    let start = min(nextToken.flatMap(Int.init) ?? 0, items.count)
    let end = min(start + max(limit ?? 100, 1), items.count)
    return Page(data: Array(items[start..<end]), nextToken: end < items.count ? String(end) : nil)
  }
}
