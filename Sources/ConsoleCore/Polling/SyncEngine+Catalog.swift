import Foundation
import PoppAPI

/// The open thread's messages and the slow-changing catalog (campaigns, templates).
extension SyncEngine {
  /// The newest page of each open thread; older pages only when the whole page was new.
  func pollThread() async throws(PoppError) -> PollOutcome {
    guard !openThreads.isEmpty else { return .idle }
    for id in openThreads.sorted() { try await pollThread(id) }
    return .success
  }

  private func pollThread(_ id: String) async throws(PoppError) {
    let known = Set(((try? store.messages(conversationId: id)) ?? []).map(\.id))
    var fetched: [Message] = []
    var token: String?
    // Newest first until a page reaches what the cache has (rarely more than one page).
    for _ in 0..<10 {
      let page = try await client.listMessages(conversationId: id, sortDirection: .descending, limit: 50, nextToken: token)
      fetched += page.data
      guard !page.data.contains(where: { known.contains($0.id) }), let next = page.nextToken else { break }
      token = next
    }
    // Stored oldest first, so messages stamped with the same time keep the server's order.
    let arrived = (try? store.merge(messages: fetched.reversed(), conversationId: id)) ?? []
    if !arrived.isEmpty, openThreads.contains(id), let messages = try? store.messages(conversationId: id) {
      mailbox.post(.messagesLoaded(conversationId: id, messages: messages))
    }
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
