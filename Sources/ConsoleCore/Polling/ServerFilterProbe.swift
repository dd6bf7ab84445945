import Foundation
import PoppAPI

/// Finds out whether the server honours `updatedSince`, which Popp does not document: a list
/// asking for conversations updated after the year 3000 must come back empty when honoured,
/// while the organization has conversations. A 400 means the parameter is refused.
enum ServerFilterProbe {
  static let farFuture = Date(timeIntervalSince1970: 32_503_680_000)

  static func updatedSince(_ client: any PoppClient, knownConversations: Int) async throws(PoppError) -> SyncEngine.FilterSupport {
    let page: Page<Conversation>
    do {
      page = try await client.listConversations(ConversationQuery(limit: 1, updatedSince: farFuture), nextToken: nil)
    } catch .badRequest {
      return .ignored
    }
    if !page.data.isEmpty { return .ignored }
    // Empty: honoured, unless the organization simply has no conversations yet.
    return knownConversations > 0 ? .honoured : .unknown
  }
}
