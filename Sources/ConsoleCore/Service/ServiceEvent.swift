public import Foundation
public import PoppAPI

/// Work the state asks of the service, carried out away from the UI thread. What the UI loop
/// does itself is a `UIEffect`.
public enum Effect: Sendable, Hashable {
  /// `R`: every poller runs now.
  case refreshNow
  case loadMessages(conversationId: String)
  case takeOver(conversationId: String)
  case handBack(conversationId: String)
  /// A message to the candidate, through the outbox (at most once).
  case send(conversationId: String, content: OutboxContent)
  /// A failed message tried again, as it was or edited.
  case retrySend(outgoingId: String, content: OutboxContent?)
  /// A failed message given up.
  case discardSend(outgoingId: String)
  /// `:audit`: read the audit log.
  case loadAudit
  /// The conversations on screen, which the active-set poller keeps fresh.
  case watch(conversationIds: [String])
  /// The campaign form's create (never repeated by itself: a lost answer is reported).
  case createCampaign(CampaignCreateRequest)
  /// The campaign form's edit: only the changed fields.
  case updateCampaign(id: String, CampaignUpdateRequest)
  /// `a`: one candidate.
  case launchConversation(ConversationCreateRequest)
  /// `b`: read and check a CSV for a campaign, and fetch who the campaign already holds.
  case prepareBulk(campaign: Campaign, path: String, defaultCountry: String?)
  /// Send a checked plan in batches, then write the results beside the file.
  case sendBulk(campaignId: String, path: String, plan: BulkPlan, existing: ExistingContacts, businessHours: Bool)
  /// Stop the CSV launch after the batch in flight.
  case cancelBulk
}

/// How a row was touched by the latest polls, until its conversation is opened.
public enum RowMark: Sendable, Hashable {
  case new
  case changed
}

/// What the service reports back. Each event carries whole values built off the UI thread.
public enum ServiceEvent: Sendable {
  /// Who else works the organization now, as the hub says (never sent when the console polls by itself).
  case team(TeamPresence)
  /// The hub is gone and this console polls Popp with its own credentials (`hub-fallback = "direct"`); false once
  /// it is attached again.
  case pollingDirectly(Bool)
  /// This console opened a conversation another console already had open (the hub's order decides who was first).
  case openedElsewhere(conversationId: String, by: TeamMember)
  /// Everything known at once (the cache at start, or a first full load); the index is
  /// built by the sender, off the UI thread.
  case loaded(campaigns: [Campaign], index: ConversationIndex, templates: [Template], at: Date?)
  /// Polls changed conversations: the new index, what changed, and the engine's marks, unread and flag times.
  /// `alerting` is false for the first load of an empty cache (nothing there is news).
  case conversationsUpdated(index: ConversationIndex, changes: [ConversationChange], attention: Attention, alerting: Bool)
  case catalogUpdated(campaigns: [Campaign], templates: [Template])
  case health(SyncHealth)
  case messagesLoaded(conversationId: String, messages: [Message])
  case messagesFailed(conversationId: String, error: String)
  /// The result of this console's own action (take over, hand back): the index with `conversation` as the server
  /// now has it.
  case conversationChanged(index: ConversationIndex, conversation: Conversation, note: String)
  case actionFailed(String)
  /// An outgoing message changed state (pending, sending, sent, failed).
  case outgoing(OutboxEntry)
  case outgoingDiscarded(id: String, conversationId: String)
  /// The audit log's newest entries, for `:audit`.
  case auditLoaded([AuditEntry])
  /// A form's request worked: the note for the status bar, and the campaign it created or
  /// changed (nil for a launch).
  case formSucceeded(note: String, campaign: Campaign?)
  /// A form's request failed; the error names the field when the server said which.
  /// `outcomeUnknown`: the answer was lost, so the server may have acted.
  case formFailed(FieldError, outcomeUnknown: Bool)
  case bulkPrepared(path: String, plan: BulkPlan, existing: ExistingContacts)
  case bulkPreparationFailed(path: String, problem: String)
  case bulkProgress(BulkProgress)
  /// Every row's result, and the results file (or why it could not be written).
  case bulkFinished(results: [BulkRowResult], report: String?, reportError: String?)

  /// A load of these conversations, indexed here (on the caller's thread).
  public static func loaded(campaigns: [Campaign], conversations: [Conversation], templates: [Template], at: Date?) -> ServiceEvent {
    .loaded(campaigns: campaigns, index: ConversationIndex(conversations), templates: templates, at: at)
  }
}
