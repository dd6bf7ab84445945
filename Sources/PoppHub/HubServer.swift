public import ConsoleCore
public import Foundation
import NIOCore

/// Serves the consoles of one organization from one hub: each connection is checked against the uid the kernel
/// reports for it, greeted (or refused in a sentence the console shows), then answered. It sees the organization
/// through the events of the hub's own session (the one poller and outbox of the team), and acts for each console
/// through a service of that session acting as the console's Unix user.
public actor HubServer {
  public struct Identity: Sendable {
    public var organizationId: String
    public var baseURL: URL
    public var isSandbox: Bool
    public var app: String

    public init(organizationId: String, baseURL: URL, isSandbox: Bool, app: String) {
      self.organizationId = organizationId
      self.baseURL = baseURL
      self.isSandbox = isSandbox
      self.app = app
    }
  }

  /// What the hub's session lends the server: its engine (to follow the threads consoles have open), a service per
  /// console, and the outbox's unsent messages for a console that attaches.
  public struct Work: Sendable {
    public var engine: SyncEngine
    public var service: @Sendable (_ user: String, _ replies: Mailbox<ServiceEvent>) -> ConsoleService
    public var unsentOutgoing: @Sendable () -> [OutboxEntry]
    /// The session's client, outbox and engine acting as a Unix user: for the Popp requests a console makes through
    /// the hub (`HubCall`).
    public var relay: @Sendable (_ user: String) -> RelayedWork

    public init(
      engine: SyncEngine, service: @escaping @Sendable (_ user: String, _ replies: Mailbox<ServiceEvent>) -> ConsoleService,
      unsentOutgoing: @escaping @Sendable () -> [OutboxEntry], relay: @escaping @Sendable (_ user: String) -> RelayedWork
    ) {
      self.engine = engine
      self.service = service
      self.unsentOutgoing = unsentOutgoing
      self.relay = relay
    }

    public init(session: ConsoleSession) {
      self.init(
        engine: session.engine, service: { session.service(actingAs: $0, reportingTo: $1) },
        unsentOutgoing: { session.unsentOutgoing }, relay: { session.relay(actingAs: $0) })
    }
  }

  let identity: Identity
  let access: HubAccess
  let work: Work
  var index = ConversationIndex()
  var campaigns: [Campaign] = []
  var templates: [Template] = []
  var flaggedSince: [String: Date] = [:]
  var health = SyncHealth()
  /// The consoles attached now, by connection number.
  var consoles: [Int: AttachedConsole] = [:]
  /// Conversations taken over through this hub and not handed back, with who took them (kept across restarts).
  var holders: [String: TeamMember] = [:] {
    didSet { if holders != oldValue { holderFile?.save(holders) } }
  }
  private let holderFile: HubHolderFile?
  private var nextConsole = 0

  /// Messages a console may fall behind by before it is cut off (it reattaches and gets a fresh snapshot).
  static let backlog = 1024

  /// `holdersPath`: where the holders of take-overs are kept across restarts (nil: in memory only, as for a sandbox,
  /// whose world starts afresh each run).
  public init(identity: Identity, access: HubAccess, work: Work, holdersPath: String? = nil) {
    self.identity = identity
    self.access = access
    self.work = work
    holderFile = holdersPath.map(HubHolderFile.init(path:))
    holders = holderFile?.load() ?? [:]
  }

  /// What the hub's session reported: the server keeps what its answers need, and tells its subscribers.
  public func apply(_ events: [ServiceEvent]) {
    for event in events {
      switch event {
      case .loaded(let campaigns, let index, let templates, let at):
        (self.campaigns, self.index, self.templates) = (campaigns, index, templates)
        if let at { health.updatedAt = max(at, health.updatedAt ?? at) }
        releaseHolds(index.conversations)
        broadcast(.snapshot(snapshot))
      case .conversationsUpdated(let index, let changes, let attention, let alerting):
        self.index = index
        flaggedSince = attention.flaggedSince
        // A first load names no changes (nothing in it is news): subscribers get it whole.
        guard alerting else {
          // Holds kept from before a restart end here if the conversation was handed back meanwhile.
          releaseHolds(index.conversations)
          broadcast(.snapshot(snapshot))
          continue
        }
        var seen = Set<String>()
        let changed = changes.compactMap { change -> Conversation? in
          let id = change.conversation.id
          guard seen.insert(id).inserted else { return nil }
          return index.conversation(id: id) ?? change.conversation
        }
        let flagged = changes.compactMap { if case .flagged(let conversation) = $0 { conversation.id } else { nil } }
        if !changed.isEmpty {
          broadcast(.conversations(HubConversations(conversations: changed, newlyFlagged: flagged, flaggedSince: flaggedSince)))
          releaseHolds(changed)
        }
      case .catalogUpdated(let campaigns, let templates):
        (self.campaigns, self.templates) = (campaigns, templates)
        broadcast(.catalog(campaigns: campaigns, templates: templates))
      case .health(let health):
        self.health = health
        broadcast(.health(HubHealth(health)))
      case .messagesLoaded(let id, let messages):
        send(.messages(conversationId: id, messages), toConsolesIn: id)
      case .messagesFailed(let id, let error):
        send(.event(.messagesFailed(conversationId: id, error: error)), toConsolesIn: id)
      case .outgoing(let entry):
        broadcast(.outgoing(entry))
      case .outgoingDiscarded(let id, let conversationId):
        broadcast(.outgoingDiscarded(id: id, conversationId: conversationId))
      default: break
      }
    }
  }

  var snapshot: HubSnapshot {
    HubSnapshot(
      campaigns: campaigns, templates: templates, conversations: index.listedConversations, health: HubHealth(health),
      flaggedSince: flaggedSince, outgoing: work.unsentOutgoing())
  }

  /// Accepts consoles until the listener closes or the task is cancelled; one console's failure never stops the hub.
  public func serve(_ listener: HubListener) async throws {
    try await withThrowingDiscardingTaskGroup { group in
      try await listener.connections.executeThenClose { connections in
        for try await peer in connections {
          group.addTask { await self.handle(peer) }
        }
      }
    }
  }

  private func handle(_ peer: HubPeer) async {
    let channel = peer.channel.channel
    try? await peer.channel.executeThenClose { inbound, outbound in
      var frames = inbound.makeAsyncIterator()
      guard let first = try await frames.next() else { return }
      let reply = self.reply(to: first, from: peer.credentials)
      guard case .welcome(var welcome) = reply else {
        try await outbound.write(HubFraming.encode(reply))
        return
      }
      // Every answer and push goes through one queue, so a console reads them in the order the hub sent them.
      let (messages, queue) = AsyncStream.makeStream(of: HubMessage.self, bufferingPolicy: .bufferingOldest(Self.backlog))
      let console = self.attach(welcome.user, queue: queue, cutOff: { channel.close(promise: nil) })
      welcome.console = console
      try await outbound.write(HubFraming.encode(HubHelloReply.welcome(welcome)))
      async let written: Void = {
        for await message in messages { try await outbound.write(HubFraming.encode(message)) }
      }()
      var failure: (any Error)?
      do {
        while let frame = try await frames.next() {
          self.receive(try HubFraming.decode(HubRequest.self, from: frame), from: console)
        }
      } catch {
        failure = error
      }
      self.detach(console)
      queue.finish()
      guard let failure else { return try await written }
      try? await written
      throw failure
    }
  }

  /// The frozen first exchange: who the kernel says this is, and whether it speaks this protocol.
  func reply(to frame: ByteBuffer, from credentials: PeerCredentials) -> HubHelloReply {
    guard let hello = try? HubFraming.decode(HubHello.self, from: frame), hello.magic == HubProtocol.magic else {
      return .refused(HubRefusal(.notAHello, "this is a popp-console hub; it speaks only to popp-console"))
    }
    guard hello.protocolVersion == HubProtocol.version else {
      let (older, newer) = hello.protocolVersion < HubProtocol.version ? ("this console", "the hub") : ("the hub", "this console")
      return .refused(
        HubRefusal(
          .protocolVersion,
          "the hub (\(identity.app)) speaks hub protocol \(HubProtocol.version), this console (\(hello.app)) \(hello.protocolVersion): "
            + "\(older) is older than \(newer); install the same popp-console for both"))
    }
    if let refusal = access.refusal(forUid: credentials.uid) { return .refused(refusal) }
    return .welcome(
      HubWelcome(
        protocolVersion: HubProtocol.version, app: identity.app, organizationId: identity.organizationId,
        baseURL: identity.baseURL, isSandbox: identity.isSandbox, user: HubAccess.userName(uid: credentials.uid), console: 0))
  }

  private func attach(_ user: String, queue: AsyncStream<HubMessage>.Continuation, cutOff: @escaping @Sendable () -> Void) -> Int {
    nextConsole += 1
    consoles[nextConsole] = AttachedConsole(user: user, queue: queue, cutOff: cutOff)
    return nextConsole
  }

  var status: HubMessage {
    .status(
      HubStatus(
        organizationId: identity.organizationId, conversations: index.count,
        needingReview: index.count(filter: .needsReview, campaignId: nil), updatedAt: health.updatedAt,
        problem: health.problem?.reason, consoles: consoles.count, users: Array(Set(consoles.values.map(\.user))).sorted()))
  }
}
