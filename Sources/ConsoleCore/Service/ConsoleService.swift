import Foundation
public import PoppAPI

/// The recruiter's side of the service: take-over and hand-back (audited), messages through
/// the durable outbox, drafts, the audit log. One per organization.
public struct ConsoleWorkflow: Sendable {
  public var actions: ConversationActions
  public var outbox: Outbox
  public var drafts: DraftSaver
  public var audit: AuditLog?

  public init(actions: ConversationActions, outbox: Outbox, drafts: DraftSaver, audit: AuditLog?) {
    self.actions = actions
    self.outbox = outbox
    self.drafts = drafts
    self.audit = audit
  }

  /// Whom the outbox names for a message: nil when the actions are this process's own user's.
  public var requestedBy: String? { actions.user == AuditLog.userName ? nil : actions.user }

  /// The same workflow acting for `user` (a hub's, for one console).
  public func acting(as user: String) -> ConsoleWorkflow {
    ConsoleWorkflow(actions: actions.acting(as: user), outbox: outbox, drafts: drafts, audit: audit)
  }
}

/// Carries out the state's effects away from the UI thread: polling through the sync engine,
/// and the recruiter's actions through the workflow. Results reach the UI through the mailbox.
public actor ConsoleService {
  private let client: any PoppClient
  private let engine: SyncEngine
  private let workflow: ConsoleWorkflow
  private let mailbox: Mailbox<ServiceEvent>
  /// The CSV launch in progress (one at a time), cancelled by `.cancelBulk`.
  private var bulkTask: Task<Void, Never>?

  /// `client` reads a conversation back after an action; `engine` polls with its own client;
  /// the outbox's `onChange` should post `.outgoing` to the same mailbox.
  public init(client: any PoppClient, engine: SyncEngine, workflow: ConsoleWorkflow, mailbox: Mailbox<ServiceEvent>) {
    self.client = client
    self.engine = engine
    self.workflow = workflow
    self.mailbox = mailbox
  }

  /// Starts the pollers, and finishes what a previous run left in the outbox (reconciled
  /// against the thread first, never blindly resent).
  public func startPolling() async {
    await engine.start()
    let outbox = workflow.outbox
    Task { _ = await outbox.resumePending() }
  }

  /// A message its console named itself (a hub's console): asked for again after a lost connection, it is still
  /// queued once. The entry as it stands is reported either way, so the console learns the hub has it.
  public func send(_ content: OutboxContent, to conversationId: String, id: String) async {
    let entry = await workflow.outbox.send(conversationId: conversationId, content: content, requestedBy: workflow.requestedBy, id: id)
    mailbox.post(.outgoing(entry))
    await recordSent(entry)
  }

  /// Stops polling and writes pending drafts (on quit, SIGTERM, SIGHUP).
  public func stop() async {
    workflow.drafts.flush()
    await engine.stop()
  }

  /// The recruiter's drafts are theirs; the UI thread saves them without waiting.
  public nonisolated var drafts: DraftSaver { workflow.drafts }

  /// Starts the work of `effects` without waiting for it.
  public nonisolated func start(_ effects: [Effect]) {
    for effect in effects {
      Task { await self.perform(effect) }
    }
  }

  public func perform(_ effect: Effect) async {
    switch effect {
    case .refreshNow:
      await engine.refreshNow()
    case .loadMessages(let id):
      for entry in workflow.outbox.entries(conversationId: id) where entry.state != .sent { mailbox.post(.outgoing(entry)) }
      await engine.openThread(id)
    case .watch(let ids):
      await engine.watch(ids)
    case .takeOver(let id):
      let actions = workflow.actions
      await change(id, note: "Taken over: you are speaking for the company now.") { () async throws(PoppError) in
        _ = try await actions.takeOver(conversationId: id)
      }
    case .handBack(let id):
      let actions = workflow.actions
      await change(id, note: "Handed back: the agent is speaking again.") { () async throws(PoppError) in
        _ = try await actions.handBack(conversationId: id)
      }
    case .send(let id, let content):
      let entry = await workflow.outbox.send(conversationId: id, content: content, requestedBy: workflow.requestedBy)
      await recordSent(entry)
    case .retrySend(let outgoingId, let content):
      if let entry = await workflow.outbox.retry(outgoingId, content: content) { await recordSent(entry) }
    case .discardSend(let outgoingId):
      if let entry = await workflow.outbox.discard(outgoingId) {
        mailbox.post(.outgoingDiscarded(id: entry.id, conversationId: entry.conversationId))
      }
    case .loadAudit:
      do {
        mailbox.post(.auditLoaded(try workflow.audit?.entries(limit: 500) ?? []))
      } catch {
        mailbox.post(.actionFailed("Cannot read the audit log: \(error)"))
      }
    case .createCampaign(let request):
      await submit(.createCampaign, campaignId: { $0?.id ?? "" }) { () async throws(PoppError) in
        let campaign = try await client.createCampaign(request)
        return ("Campaign created: \(TerminalSanitizer.sanitize(campaign.campaignTitle)) (\(campaign.campaignStatus.rawValue)).", campaign)
      }
    case .updateCampaign(let id, let update):
      await submit(.updateCampaign, campaignId: { _ in id }) { () async throws(PoppError) in
        let campaign = try await client.updateCampaign(id: id, update)
        return ("Campaign saved: \(TerminalSanitizer.sanitize(campaign.campaignTitle)) (\(campaign.campaignStatus.rawValue)).", campaign)
      }
    case .launchConversation(let request):
      await submit(.launch, campaignId: { _ in request.campaignId ?? "" }) { () async throws(PoppError) in
        _ = try await client.createConversation(request)
        let who = TerminalSanitizer.sanitize([request.firstName, request.lastName].compactMap { $0 }.joined(separator: " "))
        return (
          "Conversation started with \(who) at \(request.phoneNumber ?? request.emailAddress ?? "?"); it appears once Popp queues it.", nil
        )
      }
    case .prepareBulk(let campaign, let path, let defaultCountry):
      await prepareBulk(campaign: campaign, path: path, defaultCountry: defaultCountry)
    case .sendBulk(let campaignId, let path, let plan, let existing, let businessHours):
      guard bulkTask == nil else {
        mailbox.post(.actionFailed("A CSV launch is already running."))
        return
      }
      bulkTask = Task {
        await self.sendBulk(campaignId: campaignId, path: path, plan: plan, existing: existing, businessHours: businessHours)
      }
    case .cancelBulk:
      bulkTask?.cancel()
    }
  }

  private var bulk: ConsoleBulkLaunch {
    ConsoleBulkLaunch(client: client, audit: workflow.audit, organizationId: workflow.actions.organizationId, mailbox: mailbox)
  }

  private func prepareBulk(campaign: Campaign, path: String, defaultCountry: String?) async {
    await bulk.prepare(campaign: campaign, path: path, defaultCountry: defaultCountry)
  }

  private func sendBulk(campaignId: String, path: String, plan: BulkPlan, existing: ExistingContacts, businessHours: Bool) async {
    await bulk.send(campaignId: campaignId, path: path, plan: plan, existing: existing, businessHours: businessHours)
    bulkTask = nil
    await engine.refreshNow()
  }

  /// Sends a form's request once (a lost answer is reported, never repeated blindly), audits
  /// it, and refreshes so the list shows the result.
  private func submit(
    _ action: AuditEntry.Action, campaignId: (Campaign?) -> String,
    _ body: @Sendable () async throws(PoppError) -> (String, Campaign?)
  ) async {
    do throws(PoppError) {
      let (note, campaign) = try await body()
      workflow.audit?.record(
        action, organization: workflow.actions.organizationId, campaign: campaignId(campaign), outcome: "ok", user: workflow.actions.user)
      mailbox.post(.formSucceeded(note: note, campaign: campaign))
    } catch {
      workflow.audit?.record(
        action, organization: workflow.actions.organizationId, campaign: campaignId(nil), outcome: AuditEntry.outcome(error),
        user: workflow.actions.user)
      let text = error.serverMessage ?? error.description
      let named = text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
      let field = FieldError(named.isEmpty ? "" : named, String(text.dropFirst(named.count)).trimmingCharacters(in: .whitespaces))
      mailbox.post(.formFailed(field, outcomeUnknown: error.outcomeUnknown))
    }
    await engine.refreshNow()
  }

  /// A sent message shows in the thread at once, not at the next thread poll.
  private func recordSent(_ entry: OutboxEntry) async {
    guard entry.state == .sent, let messageId = entry.sentMessageId else { return }
    do {
      let page = try await client.listMessages(conversationId: entry.conversationId, sortDirection: .descending, limit: 20, nextToken: nil)
      if let message = page.data.first(where: { $0.id == messageId }) {
        await engine.recordOwnMessage(message, conversationId: entry.conversationId)
      }
    } catch {
      // The thread poller brings it within one interval.
    }
  }

  /// Runs one change, then re-reads the conversation so the screen shows what the server now says.
  private func change(_ id: String, note: String, _ body: @Sendable () async throws(PoppError) -> Void) async {
    do throws(PoppError) {
      try await body()
      let conversation = try await client.conversation(id: id)
      let index = await engine.recordOwnChange(conversation)
      mailbox.post(.conversationChanged(index: index, conversation: conversation, note: note))
    } catch {
      mailbox.post(.actionFailed(error.description))
    }
  }
}
