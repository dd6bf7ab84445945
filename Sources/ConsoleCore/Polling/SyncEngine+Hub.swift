public import Foundation
public import PoppAPI

/// A console attached to a hub: its engine never polls; it takes what the hub pushes as its pollers' results would
/// be, so the cache, the marks, the bell and the notifier work as they do when the console polls by itself.
extension SyncEngine {
  /// The hub's whole organization: merged against the cache (what changed since this console last ran is marked).
  public func absorbSnapshot(campaigns: [Campaign], templates: [Template], conversations: [Conversation], health: SyncHealth) {
    absorbCatalog(campaigns: campaigns, templates: templates)
    absorb(conversations: conversations)
    if initialLoadPending {
      // The list stops "Loading…"; a hub that has not loaded yet sends its first load later, still not news.
      if !conversations.isEmpty { initialLoadPending = false }
      mailbox.post(.conversationsUpdated(index: index, changes: [], attention: attention, alerting: false))
    }
    absorb(health: health)
  }

  /// Conversations the hub saw change (the first that fill an empty cache are not news).
  public func absorb(conversations: [Conversation]) {
    do { try merge(conversations) } catch { mailbox.post(.actionFailed(error.description)) }
    if initialLoadPending && !conversations.isEmpty { initialLoadPending = false }
  }

  public func absorbCatalog(campaigns: [Campaign], templates: [Template]) {
    guard campaigns != self.campaigns || templates != self.templates else { return }
    self.campaigns = campaigns
    self.templates = templates
    try? store.replaceCampaigns(campaigns)
    try? store.replaceTemplates(templates)
    mailbox.post(.catalogUpdated(campaigns: campaigns, templates: templates))
  }

  /// The hub's freshness is the console's: the status bar shows the hub's age and problems.
  public func absorb(health: SyncHealth) {
    self.health = health
    if let updatedAt = health.updatedAt { try? store.markSynced(at: updatedAt) }
    mailbox.post(.health(health))
  }

  /// A thread as the hub has it.
  public func absorb(messages: [Message], conversationId: String) {
    _ = try? store.merge(messages: messages, conversationId: conversationId)
    guard openThreads.contains(conversationId) else { return }
    mailbox.post(
      .messagesLoaded(conversationId: conversationId, messages: (try? store.messages(conversationId: conversationId)) ?? messages))
  }

  /// The console opened a thread: the cache's messages at once; the hub sends the rest.
  public func openFromCache(_ id: String) {
    openThreads = [id]
    openCached(id)
  }

  /// Freshness from the console's own side: the hub cannot be reached.
  public func hubUnreachable(_ reason: String) {
    // Said once per reason: the link retries five times a second, and the screen need not redraw for each.
    if let problem = health.problem, problem.isHubGone, problem.reason == reason { return }
    var health = self.health
    health.problem = SyncHealth.Problem(
      isOffline: true, reason: reason, nextRetryAt: Date().addingTimeInterval(0.2), isHubGone: true)
    self.health = health
    mailbox.post(.health(health))
  }
}
