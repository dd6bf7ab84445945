import Foundation
import PoppAPI

/// The open thread's messages and the slow-changing catalog (campaigns, templates).
extension SyncEngine {
  /// The newest page of the open thread; older pages only when the whole page was new.
  func pollThread() async throws(PoppError) -> PollOutcome {
    guard let id = openThreadId else { return .idle }
    var token: String?
    var arrived = 0
    for _ in 0..<10 {
      let page = try await client.listMessages(conversationId: id, sortDirection: .descending, limit: 50, nextToken: token)
      let new = (try? store.merge(messages: page.data, conversationId: id)) ?? []
      arrived += new.count
      guard new.count == page.data.count, let next = page.nextToken else { break }
      token = next
    }
    if arrived > 0, openThreadId == id, let messages = try? store.messages(conversationId: id) {
      mailbox.post(.messagesLoaded(conversationId: id, messages: messages))
    }
    return .success
  }

  func pollCatalog() async throws(PoppError) {
    let fetchedCampaigns = try await client.allCampaigns(pageSize: Self.listPageSize).collect()
    let fresh = try await client.listTemplates()
    guard fetchedCampaigns != campaigns || fresh != templates else { return }
    campaigns = fetchedCampaigns
    templates = fresh
    try? store.replaceCampaigns(fetchedCampaigns)
    try? store.replaceTemplates(fresh)
    mailbox.post(.catalogUpdated(campaigns: fetchedCampaigns, templates: fresh))
  }
}
