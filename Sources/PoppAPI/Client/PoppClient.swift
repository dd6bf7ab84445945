/// One async method per endpoint of the Popp API. `HTTPPoppClient` speaks it over HTTP to
/// Popp or to the sandbox; a test of a layer above may substitute a fake.
public protocol PoppClient: Sendable {
  func listTemplates() async throws(PoppError) -> [Template]
  func listAgents() async throws(PoppError) -> [Agent]

  func createCampaign(_ request: CampaignCreateRequest) async throws(PoppError) -> Campaign
  func listCampaigns(status: CampaignStatus?, limit: Int?, nextToken: String?) async throws(PoppError) -> Page<Campaign>
  func campaign(id: String) async throws(PoppError) -> Campaign
  func updateCampaign(id: String, _ update: CampaignUpdateRequest) async throws(PoppError) -> Campaign

  func createConversation(_ request: ConversationCreateRequest) async throws(PoppError) -> MessageResponse
  func createConversations(_ request: BulkConversationRequest) async throws(PoppError) -> BulkConversationResponse
  func listConversations(_ query: ConversationQuery, nextToken: String?) async throws(PoppError) -> Page<Conversation>
  func conversation(id: String) async throws(PoppError) -> Conversation
  func listMessages(conversationId: String, sortDirection: SortDirection?, limit: Int?, nextToken: String?) async throws(PoppError) -> Page<
    Message
  >

  func takeOver(conversationId: String) async throws(PoppError) -> TakeoverResponse
  func sendMessage(conversationId: String, _ request: SendMessageRequest) async throws(PoppError) -> Message
  func handBack(conversationId: String) async throws(PoppError) -> HandBackResponse
}

extension PoppClient {
  /// Every campaign, page after page.
  public func allCampaigns(status: CampaignStatus? = nil, pageSize: Int? = nil) -> Paginated<Campaign> {
    Paginated { token throws(PoppError) in
      try await self.listCampaigns(status: status, limit: pageSize, nextToken: token)
    }
  }

  /// Every conversation the query selects, page after page.
  public func allConversations(_ query: ConversationQuery = ConversationQuery()) -> Paginated<Conversation> {
    Paginated { token throws(PoppError) in try await self.listConversations(query, nextToken: token) }
  }

  /// Every message of a conversation, oldest first unless asked otherwise.
  public func allMessages(conversationId: String, sortDirection: SortDirection? = nil, pageSize: Int? = nil) -> Paginated<Message> {
    Paginated { token throws(PoppError) in
      try await self.listMessages(
        conversationId: conversationId, sortDirection: sortDirection, limit: pageSize, nextToken: token)
    }
  }
}
