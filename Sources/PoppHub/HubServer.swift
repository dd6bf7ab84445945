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
  private var health = SyncHealth()
  /// The consoles attached now, by connection, with their Unix user.
  private var consoles: [Int: String] = [:]
  private var nextConsole = 0

  public init(identity: Identity, access: HubAccess) {
    self.identity = identity
    self.access = access
  }

  /// What the hub's session reported: the server keeps what its answers need.
  public func apply(_ events: [ServiceEvent]) {
    for event in events {
      switch event {
      case .loaded(_, let index, _, let at):
        self.index = index
        if let at { health.updatedAt = max(at, health.updatedAt ?? at) }
      case .conversationsUpdated(let index, _, _, _): self.index = index
      case .conversationChanged(let index, _): self.index = index
      case .health(let health): self.health = health
      default: break
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
    try? await peer.channel.executeThenClose { inbound, outbound in
      var frames = inbound.makeAsyncIterator()
      guard let first = try await frames.next() else { return }
      let reply = self.reply(to: first, from: peer.credentials)
      try await outbound.write(HubFraming.encode(reply))
      guard case .welcome(let welcome) = reply else { return }
      let console = self.attach(welcome.user)
      do {
        while let frame = try await frames.next() {
          let request = try HubFraming.decode(HubRequest.self, from: frame)
          try await outbound.write(HubFraming.encode(self.answer(request)))
        }
      } catch {
        self.detach(console)
        throw error
      }
      self.detach(console)
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
        baseURL: identity.baseURL, isSandbox: identity.isSandbox, user: HubAccess.userName(uid: credentials.uid)))
  }

  private func attach(_ user: String) -> Int {
    nextConsole += 1
    consoles[nextConsole] = user
    return nextConsole
  }

  private func detach(_ console: Int) { consoles[console] = nil }

  private func answer(_ request: HubRequest) -> HubMessage {
    switch request {
    case .status:
      .status(
        HubStatus(
          organizationId: identity.organizationId, conversations: index.count,
          needingReview: index.count(filter: .needsReview, campaignId: nil), updatedAt: health.updatedAt,
          problem: health.problem?.reason, consoles: consoles.count, users: Array(Set(consoles.values)).sorted()))
    }
  }
}
