import ConsoleCore
import PoppAPI

extension HubServer {
  /// Makes one Popp request for a console, off the actor (a CSV batch may take a while; the hub keeps serving), and
  /// answers it to that console alone. A change it makes reaches the other consoles at once, as a console's would.
  func call(_ id: Int, _ call: HubCall, for console: Int) {
    guard let user = consoles[console]?.user else { return }
    let work = self.work.relay(user)
    Task {
      let (answer, changed) = await Self.perform(call, with: work)
      self.answered(id, answer, changed: changed, for: console)
    }
  }

  private func answered(_ id: Int, _ answer: HubAnswer, changed: RelayedChange?, for console: Int) {
    if let changed { absorb(changed.conversation, index: changed.index, changedBy: console) }
    send(.answer(id: id, answer), to: console)
  }

  /// A conversation a console changed: its holder first (so the others name them when the change arrives), then the
  /// change to every other console.
  func absorb(_ conversation: Conversation, index: ConversationIndex, changedBy console: Int) {
    self.index = index
    holders[conversation.id] = conversation.isHumanTakeover ? member(console) : nil
    broadcastTeam()
    broadcast(
      .conversations(HubConversations(conversations: [conversation], newlyFlagged: [], flaggedSince: flaggedSince)), except: console)
  }

  struct RelayedChange: Sendable {
    var conversation: Conversation
    var index: ConversationIndex
  }

  static func perform(_ call: HubCall, with work: RelayedWork) async -> (HubAnswer, RelayedChange?) {
    let client = work.client
    do throws(PoppError) {
      switch call {
      case .listTemplates: return (.templates(try await client.listTemplates()), nil)
      case .listAgents: return (.agents(try await client.listAgents()), nil)
      case .listCampaigns(let status, let limit, let nextToken):
        return (.campaigns(try await client.listCampaigns(status: status, limit: limit, nextToken: nextToken)), nil)
      case .campaign(let id): return (.campaign(try await client.campaign(id: id)), nil)
      case .listConversations(let query, let nextToken):
        return (.conversations(try await client.listConversations(query, nextToken: nextToken)), nil)
      case .conversation(let id): return (.conversation(try await client.conversation(id: id)), nil)
      case .listMessages(let id, let direction, let limit, let nextToken):
        return (
          .messages(try await client.listMessages(conversationId: id, sortDirection: direction, limit: limit, nextToken: nextToken)), nil
        )
      case .createCampaign(let request):
        let campaign = try await audited(.createCampaign, in: work, campaign: { $0?.id ?? "" }) { () async throws(PoppError) in
          try await client.createCampaign(request)
        }
        await work.engine.refreshNow()
        return (.campaign(campaign), nil)
      case .updateCampaign(let id, let update):
        let campaign = try await audited(.updateCampaign, in: work, campaign: { _ in id }) { () async throws(PoppError) in
          try await client.updateCampaign(id: id, update)
        }
        await work.engine.refreshNow()
        return (.campaign(campaign), nil)
      case .createConversation(let request):
        let response = try await audited(.launch, in: work, campaign: { _ in request.campaignId ?? "" }) { () async throws(PoppError) in
          try await client.createConversation(request)
        }
        await work.engine.refreshNow()
        return (.launched(response), nil)
      case .createConversations(let request):
        let response = try await audited(
          .bulkLaunch, in: work, campaign: { _ in request.campaignId ?? "" },
          detail: { response in
            let queued = response?.results.filter { $0.status == .queued }.count ?? 0
            return "a batch of \(request.contacts?.count ?? 0) contacts through the hub: \(queued) queued"
          }
        ) { () async throws(PoppError) in try await client.createConversations(request) }
        return (.launchedMany(response), nil)
      case .takeOver(let id):
        let response = try await work.workflow.actions.takeOver(conversationId: id)
        return (.takenOver(response), await changed(id, with: work))
      case .handBack(let id):
        let response = try await work.workflow.actions.handBack(conversationId: id)
        return (.handedBack(response), await changed(id, with: work))
      case .send(let id, let conversationId, let content):
        let entry = await work.workflow.outbox.send(
          conversationId: conversationId, content: content, requestedBy: work.workflow.requestedBy, id: id)
        return (.sent(entry, message: await sentMessage(entry, with: work)), nil)
      }
    } catch {
      return (.failed(HubCallFailure(error)), nil)
    }
  }

  /// Creates and launches are audited by the hub, under the caller's Unix user, whatever became of them.
  private static func audited<Value>(
    _ action: AuditEntry.Action, in work: RelayedWork, campaign: (Value?) -> String, detail: (Value?) -> String? = { _ in nil },
    _ body: () async throws(PoppError) -> Value
  ) async throws(PoppError) -> Value {
    let actions = work.workflow.actions
    do {
      let value = try await body()
      work.workflow.audit?.record(
        action, organization: actions.organizationId, campaign: campaign(value), outcome: "ok", detail: detail(value), user: actions.user)
      return value
    } catch {
      work.workflow.audit?.record(
        action, organization: actions.organizationId, campaign: campaign(nil), outcome: AuditEntry.outcome(error),
        detail: detail(nil), user: actions.user)
      throw error
    }
  }

  /// The conversation as Popp has it after a take-over or hand-back, in the hub's engine; nil when it cannot be read
  /// (the next poll brings it).
  private static func changed(_ id: String, with work: RelayedWork) async -> RelayedChange? {
    guard let conversation = try? await work.client.conversation(id: id) else { return nil }
    return RelayedChange(conversation: conversation, index: await work.engine.recordOwnChange(conversation))
  }

  /// The thread's copy of a message the outbox sent, also shown at once to the consoles that have the thread open.
  private static func sentMessage(_ entry: OutboxEntry, with work: RelayedWork) async -> Message? {
    guard entry.state == .sent, let messageId = entry.sentMessageId else { return nil }
    let recent = try? await work.client.listMessages(
      conversationId: entry.conversationId, sortDirection: .descending, limit: 20, nextToken: nil)
    guard let message = recent?.data.first(where: { $0.id == messageId }) else { return nil }
    await work.engine.recordOwnMessage(message, conversationId: entry.conversationId)
    return message
  }
}
