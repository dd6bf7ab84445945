import ConsoleCore
import Foundation
import PoppAPI

/// One attached console as the hub keeps it: who it is, where it is, the queue its messages go out through, and
/// (once it first acts) the service that acts for it.
struct AttachedConsole {
  var user: String
  var presence = Presence()
  var queue: AsyncStream<HubMessage>.Continuation
  var cutOff: @Sendable () -> Void
  /// Whether it asked for everything as it happens (only subscribers are pushed to, and are the team).
  var isSubscribed = false
  var service: ConsoleService?
  var replies: Mailbox<ServiceEvent>?

  init(user: String, queue: AsyncStream<HubMessage>.Continuation, cutOff: @escaping @Sendable () -> Void) {
    self.user = user
    self.queue = queue
    self.cutOff = cutOff
  }
}

extension HubServer {
  func receive(_ request: HubRequest, from console: Int) {
    switch request {
    case .status: send(status, to: console)
    case .subscribe: subscribe(console)
    case .presence(let presence): present(presence, for: console)
    case .act(let action): act(action, for: console)
    case .call(let id, let request): call(id, request, for: console)
    }
  }

  func detach(_ console: Int) {
    guard let gone = consoles.removeValue(forKey: console) else { return }
    gone.replies?.onPost {}
    if gone.presence.conversationId != nil { followOpenThreads() }
    if gone.isSubscribed { broadcastTeam() }
  }

  // MARK: Sending

  func send(_ message: HubMessage, to console: Int) {
    guard let attached = consoles[console] else { return }
    if case .dropped = attached.queue.yield(message) {
      // Too far behind: cut off; it reattaches and starts again from a snapshot. The team hears it left.
      attached.queue.finish()
      attached.cutOff()
      detach(console)
    }
  }

  func broadcast(_ message: HubMessage, except skipped: Int? = nil) {
    for (console, attached) in consoles where attached.isSubscribed && console != skipped { send(message, to: console) }
  }

  func send(_ message: HubMessage, toConsolesIn conversationId: String) {
    for (console, attached) in consoles where attached.isSubscribed && attached.presence.conversationId == conversationId {
      send(message, to: console)
    }
  }

  // MARK: The team

  private func subscribe(_ console: Int) {
    send(.snapshot(snapshot), to: console)
    consoles[console]?.isSubscribed = true
    broadcastTeam()
  }

  private func present(_ presence: Presence, for console: Int) {
    guard let before = consoles[console]?.presence, before != presence else { return }
    consoles[console]?.presence = presence
    if presence.conversationId != before.conversationId {
      followOpenThreads()
      if let opened = presence.conversationId {
        let engine = work.engine
        Task { await engine.loadThread(opened) }
      }
    }
    broadcastTeam()
    if let opened = presence.conversationId, opened != before.conversationId,
      let first = consoles.keys.sorted().first(where: {
        $0 != console && consoles[$0]?.isSubscribed == true && consoles[$0]?.presence.conversationId == opened
      }), let member = member(first)
    {
      send(.event(.openedElsewhere(conversationId: opened, by: member)), to: console)
    }
  }

  /// The hub's thread poller follows every thread a console has open, each once.
  private func followOpenThreads() {
    let open = Set(consoles.values.compactMap(\.presence.conversationId))
    let engine = work.engine
    Task { await engine.follow(threads: open) }
  }

  func member(_ console: Int) -> TeamMember? {
    consoles[console].map { TeamMember(console: console, user: $0.user, presence: $0.presence) }
  }

  /// Everyone attached, to everyone attached, each copy naming its recipient.
  func broadcastTeam() {
    let members = consoles.keys.sorted().compactMap { consoles[$0]?.isSubscribed == true ? member($0) : nil }
    for member in members {
      send(.team(TeamPresence(members: members, holders: holders, me: member.console)), to: member.console)
    }
  }

  /// Holds end when the conversation is no longer taken over (handed back here, in Popp's web app, or closed).
  func releaseHolds(_ conversations: some Sequence<Conversation>) {
    var released = false
    for conversation in conversations where !conversation.isHumanTakeover && holders[conversation.id] != nil {
      holders[conversation.id] = nil
      released = true
    }
    if released { broadcastTeam() }
  }

  // MARK: Acting for a console

  private func act(_ action: HubAction, for console: Int) {
    guard let service = service(for: console) else { return }
    if case .send(let id, let conversationId, let content) = action {
      Task { await service.send(content, to: conversationId, id: id) }
    } else if let effect = action.effect {
      service.start([effect])
    }
  }

  /// The console's own service, made when it first acts: the session's engine and outbox, acting as its Unix user,
  /// its answers drained to it alone.
  private func service(for console: Int) -> ConsoleService? {
    guard let attached = consoles[console] else { return nil }
    if let service = attached.service { return service }
    let replies = Mailbox<ServiceEvent>()
    replies.onPost { Task { await self.drainReplies(of: console) } }
    let service = work.service(attached.user, replies)
    consoles[console]?.service = service
    consoles[console]?.replies = replies
    return service
  }

  private func drainReplies(of console: Int) {
    guard let replies = consoles[console]?.replies else { return }
    for event in replies.drain() {
      switch event {
      case .conversationChanged(let index, let conversation, let note):
        absorb(conversation, index: index, changedBy: console)
        send(.event(.changed(conversation, note: note)), to: console)
      case .actionFailed(let text): send(.event(.actionFailed(text)), to: console)
      case .auditLoaded(let entries): send(.event(.auditLoaded(entries)), to: console)
      case .formSucceeded(let note, let campaign): send(.event(.formSucceeded(note: note, campaign: campaign)), to: console)
      case .formFailed(let error, let unknown): send(.event(.formFailed(error, outcomeUnknown: unknown)), to: console)
      case .messagesLoaded, .messagesFailed, .outgoing, .outgoingDiscarded: apply([event])
      default: break
      }
    }
  }
}
