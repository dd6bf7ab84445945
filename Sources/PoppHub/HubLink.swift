public import ConsoleCore
import Foundation
import PoppAPI

/// A console's backend when it is attached to the team's hub: it never polls and holds no key. It takes the hub's
/// snapshot and pushed changes into the console's own engine (so the cache, marks, bell and notifier behave as when
/// the console polls), sends every write to the hub, and tells the hub where the recruiter is. When the hub goes
/// away it says HUB GONE, keeps what is on screen, refuses writes, and reattaches by itself.
public actor HubLink: ConsoleBackend {
  public nonisolated let drafts: DraftSaver
  private let path: String
  private let app: String
  private let engine: SyncEngine
  private let mailbox: Mailbox<ServiceEvent>
  /// Effects and presence in the order the UI loop gave them.
  private let inputs: AsyncStream<Input>.Continuation
  private let inputStream: AsyncStream<Input>
  private var sender: HubSender?
  private var presence = Presence()
  private var organizationId: String?
  /// Messages in the hub's outbox as last reported, by id.
  private var outgoing: [String: OutboxEntry] = [:]
  /// Sends the hub has not yet confirmed holding: asked again, by the same id, when the link comes back.
  private var unconfirmed: [String: HubAction] = [:]
  /// Sends refused here while the hub was gone: a retry sends them afresh.
  private var refusedHere: [String: OutboxEntry] = [:]
  /// Take-overs and hand-backs, and forms, waiting for the hub's answer.
  private var awaitingChange: Set<String> = []
  private var awaitingForm = false
  private var tasks: [Task<Void, Never>] = []
  /// The CSV launch in progress (one at a time), cancelled by `.cancelBulk`.
  private var bulkTask: Task<Void, Never>?
  /// The session's own service, polling Popp with the recruiter's credentials while the hub is gone
  /// (`hub-fallback = "direct"`); nil when the console has none to fall back on.
  private let direct: ConsoleService?
  private var pollingDirectly = false

  /// How soon after losing the hub the link tries again.
  static let reconnectDelay: Duration = .milliseconds(200)

  private enum Input: Sendable {
    case effects([Effect])
    case presence(Presence)
  }

  public init(path: String, app: String, session: ConsoleSession) {
    self.path = path
    self.app = app
    engine = session.engine
    mailbox = session.mailbox
    drafts = session.service.drafts
    direct = session.fallsBackToDirect ? session.service : nil
    (inputStream, inputs) = AsyncStream.makeStream(of: Input.self)
  }

  /// Says hello once and hangs up: what the console needs before it builds its session (the organization names
  /// its cache), or the refusal it shows.
  public static func welcome(path: String, app: String) async throws -> HubWelcome {
    try await HubClient.attach(path: path, app: app) { welcome, _ in welcome }
  }

  public nonisolated func start(_ effects: [Effect]) {
    guard !effects.isEmpty else { return }
    inputs.yield(.effects(effects))
  }

  public nonisolated func present(_ presence: Presence) {
    inputs.yield(.presence(presence))
  }

  public func startPolling() {
    guard tasks.isEmpty else { return }
    let stream = inputStream
    tasks.append(Task { for await input in stream { await self.handle(input) } })
    tasks.append(Task { await self.stayAttached() })
  }

  public func stop() async {
    // A reply the hub never confirmed holding exists only here: it goes back into its conversation's draft (after
    // what the draft already holds), so quitting while the hub is gone loses nothing.
    for case .send(_, let conversationId, let content) in unconfirmed.values {
      let kept = drafts.draft(conversationId: conversationId).map { $0.isEmpty ? "" : $0 + "\n\n" } ?? ""
      drafts.update(conversationId: conversationId, text: kept + content.text)
    }
    unconfirmed = [:]
    drafts.flush()
    if pollingDirectly { await direct?.stop() }
    inputs.finish()
    for task in tasks { task.cancel() }
    tasks = []
  }

  // MARK: The connection

  /// Reads the hub (outside the actor: the connection belongs to this task); each message is absorbed in turn.
  private nonisolated func stayAttached() async {
    while !Task.isCancelled {
      do {
        try await HubClient.attach(path: path, app: app) { welcome, session in
          try await self.follow(welcome, session)
        }
        await lost("the hub closed the connection")
      } catch let error as HubConnectionError {
        await lost(error.description)
      } catch {
        await lost("\(error)")
      }
      try? await Task.sleep(for: Self.reconnectDelay)
    }
  }

  private nonisolated func follow(_ welcome: HubWelcome, _ session: HubSession) async throws {
    try await accept(welcome)
    let snapshot = try await session.subscribe()
    await receive(.snapshot(snapshot))
    let (presence, unconfirmed) = await attached(session.sender)
    try await session.send(.presence(presence))
    // What was asked of the hub that went before it said it had it: asked again, by the same ids.
    for action in unconfirmed { try await session.send(.act(action)) }
    while !Task.isCancelled {
      await receive(try await session.nextMessage())
    }
  }

  private func accept(_ welcome: HubWelcome) async throws {
    if let organizationId, organizationId != welcome.organizationId {
      throw HubConnectionError.garbled(
        "the hub at \(path) now serves organization \(welcome.organizationId), not \(organizationId): restart the console")
    }
    organizationId = welcome.organizationId
    if pollingDirectly {
      // The hub is back: it polls again, and its snapshot (next) replaces what the console read by itself.
      pollingDirectly = false
      await engine.stop()
      mailbox.post(.pollingDirectly(false))
    }
  }

  /// From now on writes go out; returns what the hub must hear first.
  private func attached(_ sender: HubSender) -> (Presence, [HubAction]) {
    self.sender = sender
    return (presence, Array(unconfirmed.values))
  }

  private func lost(_ reason: String) async {
    sender = nil
    if let direct {
      if !pollingDirectly {
        pollingDirectly = true
        mailbox.post(.pollingDirectly(true))
        await direct.startPolling()
      }
    } else {
      await engine.hubUnreachable("\(reason) (\(path))")
    }
    if !awaitingChange.isEmpty {
      mailbox.post(
        .actionFailed("The hub went away before answering: the list shows whether the take-over or hand-back happened once it is back."))
      awaitingChange = []
    }
    if awaitingForm {
      awaitingForm = false
      mailbox.post(.formFailed(FieldError("", "the hub went away before answering"), outcomeUnknown: true))
    }
  }

  private func receive(_ message: HubMessage) async {
    switch message {
    case .snapshot(let snapshot):
      await engine.absorbSnapshot(
        campaigns: snapshot.campaigns, templates: snapshot.templates, conversations: snapshot.conversations,
        health: snapshot.health.syncHealth)
      take(snapshot.outgoing)
    case .conversations(let changed): await engine.absorb(conversations: changed.conversations)
    case .catalog(let campaigns, let templates): await engine.absorbCatalog(campaigns: campaigns, templates: templates)
    case .health(let health): await engine.absorb(health: health.syncHealth)
    case .messages(let id, let messages): await engine.absorb(messages: messages, conversationId: id)
    case .outgoing(let entry): take([entry])
    case .outgoingDiscarded(let id, let conversationId):
      outgoing[id] = nil
      mailbox.post(.outgoingDiscarded(id: id, conversationId: conversationId))
    case .team(let team): mailbox.post(.team(team))
    case .event(let event): await receive(event)
    case .status, .answer: break
    }
  }

  private func receive(_ event: HubEvent) async {
    switch event {
    case .changed(let conversation, let note):
      awaitingChange.remove(conversation.id)
      let index = await engine.recordOwnChange(conversation)
      mailbox.post(.conversationChanged(index: index, conversation: conversation, note: note))
    case .actionFailed(let text):
      awaitingChange = []
      mailbox.post(.actionFailed(text))
    case .auditLoaded(let entries): mailbox.post(.auditLoaded(entries))
    case .formSucceeded(let note, let campaign):
      awaitingForm = false
      mailbox.post(.formSucceeded(note: note, campaign: campaign))
    case .formFailed(let error, let unknown):
      awaitingForm = false
      mailbox.post(.formFailed(error, outcomeUnknown: unknown))
    case .messagesFailed(let id, let error): mailbox.post(.messagesFailed(conversationId: id, error: error))
    case .openedElsewhere(let id, let member): mailbox.post(.openedElsewhere(conversationId: id, by: member))
    }
  }

  /// Outbox entries as the hub has them: each shown, and a send the hub reports is one it holds.
  private func take(_ entries: [OutboxEntry]) {
    for entry in entries {
      unconfirmed[entry.id] = nil
      outgoing[entry.id] = entry
      mailbox.post(.outgoing(entry))
    }
  }

  // MARK: What the UI asks

  private func handle(_ input: Input) async {
    switch input {
    case .presence(let presence):
      self.presence = presence
      await write(.presence(presence))
    case .effects(let effects):
      for effect in effects { await perform(effect) }
    }
  }

  private func perform(_ effect: Effect) async {
    if pollingDirectly, let direct {
      // While the hub is gone the console is on its own: its own outbox and audit log, as when it never had a hub.
      return await direct.perform(effect)
    }
    switch effect {
    case .loadMessages(let id):
      await engine.openFromCache(id)
      for entry in outgoing.values.sorted(by: { $0.createdAt < $1.createdAt }) where entry.conversationId == id && entry.state != .sent {
        mailbox.post(.outgoing(entry))
      }
      for entry in refusedHere.values where entry.conversationId == id { mailbox.post(.outgoing(entry)) }
    case .watch:
      // The hub polls what every console shows.
      break
    case .prepareBulk(let campaign, let path, let defaultCountry):
      do {
        let relay = try await HubRelayClient.connect(path: self.path, app: app)
        await bulk(through: relay).prepare(campaign: campaign, path: path, defaultCountry: defaultCountry)
        await relay.close()
      } catch {
        mailbox.post(.bulkPreparationFailed(path: path, problem: "the hub cannot be reached: \(error)"))
      }
    case .sendBulk(let campaignId, let path, let plan, let existing, let businessHours):
      guard bulkTask == nil else {
        mailbox.post(.actionFailed("A CSV launch is already running."))
        return
      }
      bulkTask = Task {
        await self.sendBulk(campaignId: campaignId, path: path, plan: plan, existing: existing, businessHours: businessHours)
      }
    case .cancelBulk: bulkTask?.cancel()
    case .send(let conversationId, let content):
      await send(HubAction.send(id: UUID().uuidString.lowercased(), conversationId: conversationId, content: content))
    case .retrySend(let id, let content):
      if let refused = refusedHere.removeValue(forKey: id) {
        mailbox.post(.outgoingDiscarded(id: id, conversationId: refused.conversationId))
        await send(
          HubAction.send(id: UUID().uuidString.lowercased(), conversationId: refused.conversationId, content: content ?? refused.content))
      } else {
        await act(.retrySend(outgoingId: id, content: content))
      }
    case .discardSend(let id):
      if let refused = refusedHere.removeValue(forKey: id) {
        mailbox.post(.outgoingDiscarded(id: id, conversationId: refused.conversationId))
      } else {
        await act(.discardSend(outgoingId: id))
      }
    case .refreshNow: await act(.refreshNow)
    case .takeOver(let id): await act(.takeOver(conversationId: id), awaiting: id)
    case .handBack(let id): await act(.handBack(conversationId: id), awaiting: id)
    case .loadAudit: await act(.loadAudit)
    case .createCampaign(let request): await act(.createCampaign(request), form: true)
    case .updateCampaign(let id, let update): await act(.updateCampaign(id: id, update), form: true)
    case .launchConversation(let request): await act(.launchConversation(request), form: true)
    }
  }

  /// A CSV launch whose requests the hub makes (and audits, batch by batch, under this console's Unix user); the file
  /// and its results file stay this recruiter's.
  private func bulk(through relay: HubRelayClient) -> ConsoleBulkLaunch {
    ConsoleBulkLaunch(client: relay, audit: nil, organizationId: organizationId ?? "", mailbox: mailbox)
  }

  /// A hub that goes away mid-launch fails the batch in flight as a lost answer: its rows are looked for before any
  /// is sent again, and when the campaign cannot be read the run stops (a re-run skips what arrived).
  private func sendBulk(campaignId: String, path: String, plan: BulkPlan, existing: ExistingContacts, businessHours: Bool) async {
    do {
      let relay = try await HubRelayClient.connect(path: self.path, app: app)
      await bulk(through: relay).send(campaignId: campaignId, path: path, plan: plan, existing: existing, businessHours: businessHours)
      await relay.close()
    } catch {
      ConsoleBulkLaunch.notSent(
        campaignId: campaignId, path: path, plan: plan, reason: "not sent: the hub cannot be reached (\(error))",
        organizationId: organizationId ?? "", mailbox: mailbox)
    }
    bulkTask = nil
  }

  /// A message: shown as pending at once, kept until the hub says it holds it (asked again by the same id after a
  /// lost connection, so it is never queued twice); refused here, and kept for a retry, while the hub is gone.
  private func send(_ action: HubAction) async {
    guard case .send(let id, let conversationId, let content) = action else { return }
    var entry = OutboxEntry(id: id, conversationId: conversationId, content: content)
    guard sender != nil else {
      entry.state = .failed
      entry.error = "not sent: the hub is gone (nothing left this console); retry once it is back"
      refusedHere[id] = entry
      mailbox.post(.outgoing(entry))
      return
    }
    unconfirmed[id] = action
    mailbox.post(.outgoing(entry))
    await write(.act(action))
  }

  private func act(_ action: HubAction, awaiting conversationId: String? = nil, form: Bool = false) async {
    guard sender != nil else {
      let refusal = "The hub is gone: nothing was done. Try again once it is back (the banner clears)."
      if form {
        mailbox.post(.formFailed(FieldError("", "not sent: the hub is gone"), outcomeUnknown: false))
      } else {
        mailbox.post(.actionFailed(refusal))
      }
      return
    }
    if let conversationId { awaitingChange.insert(conversationId) }
    if form { awaitingForm = true }
    await write(.act(action))
  }

  /// A write that fails means the link is down: the reading side notices too and reattaches.
  private func write(_ request: HubRequest) async {
    guard let sender else { return }
    do { try await sender.send(request) } catch { self.sender = nil }
  }
}
