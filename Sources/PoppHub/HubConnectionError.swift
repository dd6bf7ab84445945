/// What can go wrong between a console and the hub, each as a sentence for the recruiter.
public enum HubConnectionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Nothing at the path.
  case noHub(path: String)
  /// A socket file, but no hub behind it (it stopped without removing it).
  case notRunning(path: String)
  /// The socket's permissions keep this user out.
  case notInGroup(path: String, group: String)
  case permissionDenied(path: String)
  /// The process behind the socket is not the socket file's owner: something else is posing as the hub.
  case notTheHub(path: String, peerUid: UInt32, ownerUid: UInt32)
  /// The hub refused this console.
  case refused(HubRefusal)
  /// The connection ended or broke mid-conversation.
  case closed
  /// The other end sent something that is not the protocol.
  case garbled(String)
  case noPeerCredentials
  /// Another hub already holds the socket.
  case alreadyRunning(path: String, pid: Int32?)
  case cannotListen(path: String, reason: String)

  public var description: String {
    switch self {
    case .noHub(let path): "no hub at \(path): is `popp-console hub` running there?"
    case .notRunning(let path): "the hub at \(path) is not running (its socket file is left over)"
    case .notInGroup(_, let group): "you are not in group \(group); ask your admin"
    case .permissionDenied(let path): "cannot open the hub's socket \(path): permission denied; ask your admin"
    case .notTheHub(let path, let peer, let owner):
      "the process behind \(path) runs as uid \(peer), not as the socket's owner (uid \(owner)): it is not the hub, refusing it"
    case .refused(let refusal): refusal.message
    case .closed: "the hub closed the connection"
    case .garbled(let what): "the hub sent something this console cannot read: \(what)"
    case .noPeerCredentials: "cannot learn who is at the other end of the hub's socket (Linux only)"
    case .alreadyRunning(let path, let pid): "another hub is already listening on \(path)" + (pid.map { " (pid \($0))" } ?? "")
    case .cannotListen(let path, let reason): "cannot listen on \(path): \(reason)"
    }
  }
}
