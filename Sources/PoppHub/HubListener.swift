import Foundation
public import NIOCore
import NIOPosix

#if canImport(Glibc)
  import Glibc
#endif

/// The hub's end of its socket: one hub per path (a lock file beside the socket), the socket file made `0600`, or
/// `0660` in the team's group, and every connection handed over with the uid the kernel reports for it.
public final class HubListener: Sendable {
  public let path: String
  public let connections: NIOAsyncChannel<HubPeer, Never>
  /// Held open for as long as the hub runs: a second hub on the same path fails to take it.
  private let lockDescriptor: Int32

  private init(path: String, connections: NIOAsyncChannel<HubPeer, Never>, lockDescriptor: Int32) {
    self.path = path
    self.connections = connections
    self.lockDescriptor = lockDescriptor
  }

  /// Binds the socket at `path`. The folder is made if missing (`0700`, or `2750` in the group so its members can reach
  /// the socket but not replace it); a socket left by a hub that died is replaced, a running hub's never.
  public static func bind(path: String, group: UnixAccounts.Group?) async throws -> HubListener {
    let folder = (path as NSString).deletingLastPathComponent
    try prepareFolder(folder, group: group)
    let lock = try takeLock(path + ".lock", socketPath: path)
    do {
      let connections = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true) { channel in HubFraming.configureAccepted(channel) }
      try restrict(path, group: group)
      return HubListener(path: path, connections: connections, lockDescriptor: lock)
    } catch let error as HubConnectionError {
      close(lock)
      throw error
    } catch {
      close(lock)
      throw HubConnectionError.cannotListen(path: path, reason: "\(error)")
    }
  }

  /// Removes the socket file and lets the lock go (the lock file stays: removing it could let two hubs in).
  public func removeSocket() {
    unlink(path)
    close(lockDescriptor)
  }

  private static func prepareFolder(_ folder: String, group: UnixAccounts.Group?) throws {
    var status = stat()
    if stat(folder, &status) == 0 {
      // A folder someone else made could let them replace the socket: only the hub's user's or root's will do.
      guard status.st_uid == getuid() || status.st_uid == 0 else {
        throw HubConnectionError.cannotListen(
          path: folder, reason: "the folder belongs to uid \(status.st_uid), not to this user; choose another --socket")
      }
      guard status.st_mode & 0o002 == 0 || status.st_mode & 0o1000 != 0 else {
        throw HubConnectionError.cannotListen(path: folder, reason: "anyone may write in the folder; choose another --socket")
      }
      return
    }
    guard mkdir(folder, group == nil ? 0o700 : 0o750) == 0 || errno == EEXIST else {
      throw HubConnectionError.cannotListen(path: folder, reason: String(cString: strerror(errno)))
    }
    if let group {
      // The set-group-id bit keeps the group on the lock file made inside.
      guard chown(folder, uid_t.max, gid_t(group.gid)) == 0, chmod(folder, 0o2750) == 0 else {
        throw HubConnectionError.cannotListen(
          path: folder, reason: "cannot give it to group \(group.name): \(String(cString: strerror(errno)))")
      }
    }
  }

  private static func takeLock(_ lockPath: String, socketPath: String) throws -> Int32 {
    let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      throw HubConnectionError.cannotListen(path: lockPath, reason: String(cString: strerror(errno)))
    }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      var text = [UInt8](repeating: 0, count: 32)
      let count = read(descriptor, &text, text.count)
      close(descriptor)
      let pid = count > 0 ? Int32(String(decoding: text[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) : nil
      throw HubConnectionError.alreadyRunning(path: socketPath, pid: pid)
    }
    let pid = Array("\(getpid())\n".utf8)
    _ = ftruncate(descriptor, 0)
    _ = pwrite(descriptor, pid, pid.count, 0)
    return descriptor
  }

  /// Between bind and here the socket has the umask's mode inside a folder only the hub and the group can enter.
  private static func restrict(_ path: String, group: UnixAccounts.Group?) throws {
    if let group {
      guard chown(path, uid_t.max, gid_t(group.gid)) == 0 else {
        throw HubConnectionError.cannotListen(
          path: path, reason: "cannot give the socket to group \(group.name): \(String(cString: strerror(errno)))")
      }
    }
    guard chmod(path, group == nil ? 0o600 : 0o660) == 0 else {
      throw HubConnectionError.cannotListen(path: path, reason: String(cString: strerror(errno)))
    }
  }
}
