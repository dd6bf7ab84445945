import NIOCore

#if canImport(Glibc)
  import Glibc
#endif

/// Who is at the other end of a Unix socket, as the kernel says (Linux `struct ucred`, read with SO_PEERCRED): the
/// process, user and group that connected, whatever the process claims.
public struct PeerCredentials: Sendable, Equatable {
  public var pid: Int32 = 0
  public var uid: UInt32 = 0
  public var gid: UInt32 = 0

  public init(pid: Int32 = 0, uid: UInt32 = 0, gid: UInt32 = 0) {
    self.pid = pid
    self.uid = uid
    self.gid = gid
  }
}

extension PeerCredentials {
  /// Reads the credentials of a connected Unix socket channel, on its event loop. Glibc's module leaves out
  /// `struct ucred`; this struct has its layout (three 32-bit fields), which the size check guards.
  static func read(from channel: any Channel) -> EventLoopFuture<PeerCredentials> {
    #if os(Linux)
      precondition(MemoryLayout<PeerCredentials>.size == 12, "struct ucred is three 32-bit fields")
      guard let provider = channel as? any SocketOptionProvider else {
        return channel.eventLoop.makeFailedFuture(HubConnectionError.noPeerCredentials)
      }
      return provider.unsafeGetSocketOption(level: .socket, name: NIOBSDSocket.Option(rawValue: SO_PEERCRED))
    #else
      return channel.eventLoop.makeFailedFuture(HubConnectionError.noPeerCredentials)
    #endif
  }
}
