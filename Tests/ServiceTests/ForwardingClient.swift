import ConsoleCore

/// A client that forwards every call to `base`: a test's stand-in implements only the calls it
/// watches (counting them, or changing the sandbox's faults between them).
protocol ForwardingClient: PoppClient {
  var base: any PoppClient { get }
}

extension ForwardingClient {
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
    try await base.sendMessage(conversationId: conversationId, request)
  }
  func handBack(conversationId: String) async throws(PoppError) -> HandBackResponse {
    try await base.handBack(conversationId: conversationId)
  }
}
