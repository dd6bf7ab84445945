import Foundation
import NIOCore
import NIOPosix

#if canImport(Glibc)
  import Glibc
#endif

/// A console's connection to a hub: it makes sure the process behind the socket is the socket's owner (so nothing
/// else can pose as the hub), says hello, and asks.
public enum HubClient {
  /// Connects, says hello and runs `body` on the welcomed connection; the connection closes when `body` returns.
  public static func attach<Result: Sendable>(
    path: String, app: String, protocolVersion: Int = HubProtocol.version,
    _ body: (HubWelcome, HubSession) async throws -> Result
  ) async throws -> Result {
    let peer = try await connect(path: path)
    return try await peer.channel.executeThenClose { inbound, outbound in
      let session = HubSession(inbound: inbound.makeAsyncIterator(), outbound: outbound)
      try await outbound.write(HubFraming.encode(HubHello(app: app, protocolVersion: protocolVersion)))
      switch try await session.next(HubHelloReply.self) {
      case .refused(let refusal): throw HubConnectionError.refused(refusal)
      case .welcome(let welcome): return try await body(welcome, session)
      }
    }
  }

  static func connect(path: String) async throws -> HubPeer {
    var status = stat()
    guard stat(path, &status) == 0 else {
      guard errno == EACCES else { throw HubConnectionError.noHub(path: path) }
      // The socket's folder keeps out whoever is not in its group.
      var folder = stat()
      if stat((path as NSString).deletingLastPathComponent, &folder) == 0, folder.st_mode & 0o010 != 0,
        let group = UnixAccounts.group(gid: UInt32(folder.st_gid))
      {
        throw HubConnectionError.notInGroup(path: path, group: group.name)
      }
      throw HubConnectionError.permissionDenied(path: path)
    }
    let peer: HubPeer
    do {
      let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connect(unixDomainSocketPath: path) { channel in HubFraming.configureConnecting(channel) }
      let credentials: PeerCredentials
      do { credentials = try await PeerCredentials.read(from: channel.channel).get() } catch {
        try? await channel.channel.close()
        throw error
      }
      peer = HubPeer(credentials: credentials, channel: channel)
    } catch let error as IOError {
      throw explain(error.errnoCode, path: path, status: status)
    } catch let error as HubConnectionError {
      throw error
    } catch {
      throw HubConnectionError.cannotListen(path: path, reason: "\(error)")
    }
    guard peer.credentials.uid == status.st_uid || peer.credentials.uid == 0 else {
      try? await peer.channel.channel.close()
      throw HubConnectionError.notTheHub(path: path, peerUid: peer.credentials.uid, ownerUid: UInt32(status.st_uid))
    }
    return peer
  }

  /// A refused connect in the recruiter's terms: a group they are not in, or a hub that is not running.
  private static func explain(_ code: Int32, path: String, status: stat) -> HubConnectionError {
    switch code {
    case EACCES, EPERM:
      if status.st_mode & 0o060 != 0, let group = UnixAccounts.group(gid: UInt32(status.st_gid)) {
        return .notInGroup(path: path, group: group.name)
      }
      return .permissionDenied(path: path)
    case ECONNREFUSED: return .notRunning(path: path)
    case ENOENT: return .noHub(path: path)
    default: return .cannotListen(path: path, reason: String(cString: strerror(code)))
    }
  }
}

/// The frames of one welcomed connection, in order; it lives in the task that attached.
public final class HubSession {
  private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
  private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

  init(inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
    self.inbound = inbound
    self.outbound = outbound
  }

  public func send(_ request: HubRequest) async throws {
    try await outbound.write(HubFraming.encode(request))
  }

  /// Writes to this connection from anywhere (the reading stays with the task that attached).
  public var sender: HubSender { HubSender(outbound: outbound) }

  public func next<Message: Decodable>(_ type: Message.Type) async throws -> Message {
    guard let frame = try await inbound.next() else { throw HubConnectionError.closed }
    return try HubFraming.decode(type, from: frame)
  }

  /// Asks how the hub is doing (before subscribing: afterwards the answer queues behind the pushes).
  public func status() async throws -> HubStatus {
    try await send(.status)
    guard case .status(let status) = try await next(HubMessage.self) else {
      throw HubConnectionError.garbled("a status was asked for and something else came")
    }
    return status
  }

  /// Asks for everything and then every change: returns the snapshot; `nextMessage()` gives what is pushed after it.
  public func subscribe() async throws -> HubSnapshot {
    try await send(.subscribe)
    guard case .snapshot(let snapshot) = try await next(HubMessage.self) else {
      throw HubConnectionError.garbled("a snapshot was asked for and something else came")
    }
    return snapshot
  }

  public func nextMessage() async throws -> HubMessage { try await next(HubMessage.self) }
}

/// The writing half of a welcomed connection, for whoever writes while another task reads.
public struct HubSender: Sendable {
  let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

  public func send(_ request: HubRequest) async throws {
    try await outbound.write(HubFraming.encode(request))
  }
}
