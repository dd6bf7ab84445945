public import ConsoleCore
public import Foundation
import NIOCore

/// Serves the consoles of one organization from one hub: each connection is checked against the uid the kernel
/// reports for it, greeted (or refused in a sentence the console shows), then answered. It sees the organization
/// through the events of the hub's own session (the one poller and outbox of the team).
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

  private let identity: Identity
  private let access: HubAccess
  private var index = ConversationIndex()
  private var campaigns: [Campaign] = []
  private var templates: [Template] = []
  private var flaggedSince: [String: Date] = [:]
  private var health = SyncHealth()
  /// The consoles that asked for everything as it happens: where each one's messages queue, and how to cut it off
  /// when it falls too far behind (it reattaches and gets a fresh snapshot).
  private var subscribers: [Int: Subscriber] = [:]

  private struct Subscriber {
    var messages: AsyncStream<HubMessage>.Continuation
    var cutOff: @Sendable () -> Void
  }

  /// Messages a console may fall behind by before it is cut off.
  static let backlog = 1024
  /// The consoles attached now, by connection, with their Unix user.
  private var consoles: [Int: String] = [:]
  private var nextConsole = 0

  public init(identity: Identity, access: HubAccess) {
    self.identity = identity
    self.access = access
  }

  /// What the hub's session reported: the server keeps what its answers need, and tells its subscribers.
  public func apply(_ events: [ServiceEvent]) {
    for event in events {
      switch event {
      case .loaded(let campaigns, let index, let templates, let at):
        (self.campaigns, self.index, self.templates) = (campaigns, index, templates)
        if let at { health.updatedAt = max(at, health.updatedAt ?? at) }
        broadcast(.snapshot(snapshot))
      case .conversationsUpdated(let index, let changes, let attention, let alerting):
        self.index = index
        flaggedSince = attention.flaggedSince
        // A first load names no changes (nothing in it is news): subscribers get it whole.
        guard alerting else {
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
        }
      case .catalogUpdated(let campaigns, let templates):
        (self.campaigns, self.templates) = (campaigns, templates)
        broadcast(.catalog(campaigns: campaigns, templates: templates))
      case .conversationChanged(let index, _): self.index = index
      case .health(let health):
        self.health = health
        broadcast(.health(HubHealth(health)))
      default: break
      }
    }
  }

  private var snapshot: HubSnapshot {
    HubSnapshot(
      campaigns: campaigns, templates: templates, conversations: index.conversations, health: HubHealth(health),
      flaggedSince: flaggedSince)
  }

  private func broadcast(_ message: HubMessage) {
    for (console, subscriber) in subscribers {
      if case .dropped = subscriber.messages.yield(message) {
        subscribers[console] = nil
        subscriber.messages.finish()
        subscriber.cutOff()
      }
    }
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
      try await outbound.write(HubFraming.encode(reply))
      guard case .welcome(let welcome) = reply else { return }
      let console = self.attach(welcome.user)
      // Every answer and push goes through one queue, so a console reads them in the order the hub sent them.
      let (messages, queue) = AsyncStream.makeStream(of: HubMessage.self, bufferingPolicy: .bufferingOldest(Self.backlog))
      async let written: Void = {
        for await message in messages { try await outbound.write(HubFraming.encode(message)) }
      }()
      do {
        while let frame = try await frames.next() {
          switch try HubFraming.decode(HubRequest.self, from: frame) {
          case .status: queue.yield(self.status)
          case .subscribe: self.subscribe(console, queue: queue, cutOff: { channel.close(promise: nil) })
          }
        }
      } catch {
        self.detach(console)
        queue.finish()
        try? await written
        throw error
      }
      self.detach(console)
      queue.finish()
      try await written
    }
  }

  private func subscribe(_ console: Int, queue: AsyncStream<HubMessage>.Continuation, cutOff: @escaping @Sendable () -> Void) {
    queue.yield(.snapshot(snapshot))
    subscribers[console] = Subscriber(messages: queue, cutOff: cutOff)
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
        baseURL: identity.baseURL, isSandbox: identity.isSandbox, user: HubAccess.userName(uid: credentials.uid)))
  }

  private func attach(_ user: String) -> Int {
    nextConsole += 1
    consoles[nextConsole] = user
    return nextConsole
  }

  private func detach(_ console: Int) {
    consoles[console] = nil
    subscribers[console] = nil
  }

  private var status: HubMessage {
    .status(
      HubStatus(
        organizationId: identity.organizationId, conversations: index.count,
        needingReview: index.count(filter: .needsReview, campaignId: nil), updatedAt: health.updatedAt,
        problem: health.problem?.reason, consoles: consoles.count, users: Array(Set(consoles.values)).sorted()))
  }
}
