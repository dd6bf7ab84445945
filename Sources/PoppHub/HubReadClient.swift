public import PoppAPI

/// The command line through a hub (`--hub`): lists and lookups from the hub's snapshot of the organization (they
/// cost Popp nothing), and everything else (threads, creates, launches, take-over, sends, hand-back) made by the hub
/// with its key through `HubRelayClient`. It holds no credentials.
public struct HubReadClient: PoppClient {
  public let snapshot: HubSnapshot
  public let welcome: HubWelcome
  /// The hub's own hands, for what the snapshot does not hold.
  public let relay: HubRelayClient

  public static func connect(path: String, app: String) async throws -> HubReadClient {
    let relay = try await HubRelayClient.connect(path: path, app: app)
    do {
      return try await HubClient.attach(path: path, app: app) { welcome, session in
        HubReadClient(snapshot: try await session.subscribe(), welcome: welcome, relay: relay)
      }
    } catch {
      await relay.close()
      throw error
    }
  }

  public func listTemplates() async throws(PoppError) -> [Template] { snapshot.templates }
  public func listAgents() async throws(PoppError) -> [Agent] { try await relay.listAgents() }
  public func createCampaign(_ request: CampaignCreateRequest) async throws(PoppError) -> Campaign {
    try await relay.createCampaign(request)
  }

  public func listCampaigns(status: CampaignStatus?, limit: Int?, nextToken: String?) async throws(PoppError) -> Page<Campaign> {
    Self.page(snapshot.campaigns.filter { status == nil || $0.campaignStatus == status }, limit: limit, nextToken: nextToken)
  }

  public func campaign(id: String) async throws(PoppError) -> Campaign {
    guard let campaign = snapshot.campaigns.first(where: { $0.id == id }) else { throw .notFound("campaign \(id) not found") }
    return campaign
  }

  public func updateCampaign(id: String, _ update: CampaignUpdateRequest) async throws(PoppError) -> Campaign {
    try await relay.updateCampaign(id: id, update)
  }

  public func createConversation(_ request: ConversationCreateRequest) async throws(PoppError) -> MessageResponse {
    try await relay.createConversation(request)
  }

  public func createConversations(_ request: BulkConversationRequest) async throws(PoppError) -> BulkConversationResponse {
    try await relay.createConversations(request)
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

  public func listMessages(conversationId: String, sortDirection: SortDirection?, limit: Int?, nextToken: String?) async throws(PoppError)
    -> Page<Message>
  {
    try await relay.listMessages(conversationId: conversationId, sortDirection: sortDirection, limit: limit, nextToken: nextToken)
  }

  public func takeOver(conversationId: String) async throws(PoppError) -> TakeoverResponse {
    try await relay.takeOver(conversationId: conversationId)
  }

  public func sendMessage(conversationId: String, _ request: SendMessageRequest) async throws(PoppError) -> Message {
    try await relay.sendMessage(conversationId: conversationId, request)
  }

  public func handBack(conversationId: String) async throws(PoppError) -> HandBackResponse {
    try await relay.handBack(conversationId: conversationId)
  }

  /// A page of `items` from the offset `nextToken` names.
  static func page<Item>(_ items: [Item], limit: Int?, nextToken: String?) -> Page<Item> {
    let start = min(nextToken.flatMap(Int.init) ?? 0, items.count)
    let end = min(start + max(limit ?? 100, 1), items.count)
    return Page(data: Array(items[start..<end]), nextToken: end < items.count ? String(end) : nil)
  }
}
