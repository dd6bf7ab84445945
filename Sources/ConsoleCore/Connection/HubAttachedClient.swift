import PoppAPI

/// The Popp client of a console attached to a hub: it holds no credentials and reaches nothing, so that whatever
/// would talk to Popp directly fails with a sentence saying why instead of needing a key. (The hub polls and acts;
/// the console's engine only takes what the hub pushes.)
struct HubAttachedClient: PoppClient {
  private var refusal: PoppError {
    .invalidConfiguration("attached to a hub: this console holds no credentials; the hub reaches Popp for it")
  }

  func listTemplates() async throws(PoppError) -> [Template] { throw refusal }
  func listAgents() async throws(PoppError) -> [Agent] { throw refusal }
  func createCampaign(_ request: CampaignCreateRequest) async throws(PoppError) -> Campaign { throw refusal }
  func listCampaigns(status: CampaignStatus?, limit: Int?, nextToken: String?) async throws(PoppError) -> Page<Campaign> {
    throw refusal
  }
  func campaign(id: String) async throws(PoppError) -> Campaign { throw refusal }
  func updateCampaign(id: String, _ update: CampaignUpdateRequest) async throws(PoppError) -> Campaign { throw refusal }
  func createConversation(_ request: ConversationCreateRequest) async throws(PoppError) -> MessageResponse { throw refusal }
  func createConversations(_ request: BulkConversationRequest) async throws(PoppError) -> BulkConversationResponse {
    throw refusal
  }
  func listConversations(_ query: ConversationQuery, nextToken: String?) async throws(PoppError) -> Page<Conversation> {
    throw refusal
  }
  func conversation(id: String) async throws(PoppError) -> Conversation { throw refusal }
  func listMessages(conversationId: String, sortDirection: SortDirection?, limit: Int?, nextToken: String?) async throws(PoppError)
    -> Page<Message>
  { throw refusal }
  func takeOver(conversationId: String) async throws(PoppError) -> TakeoverResponse { throw refusal }
  func sendMessage(conversationId: String, _ request: SendMessageRequest) async throws(PoppError) -> Message { throw refusal }
  func handBack(conversationId: String) async throws(PoppError) -> HandBackResponse { throw refusal }
}
