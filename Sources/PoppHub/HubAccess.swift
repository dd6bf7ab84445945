/// Who may use the hub, decided from the uid the kernel reports for each connection (never from what a console
/// says): the hub's own user and root always; with a group, its members; without one, nobody else.
public struct HubAccess: Sendable {
  public var hubUid: UInt32
  /// The group whose members may attach (`--group`); nil keeps the hub to its own user.
  public var groupName: String?

  public init(hubUid: UInt32, groupName: String?) {
    self.hubUid = hubUid
    self.groupName = groupName
  }

  /// Nil when the user may attach; else the refusal the console shows.
  public func refusal(forUid uid: UInt32) -> HubRefusal? {
    if uid == hubUid || uid == 0 { return nil }
    guard let user = UnixAccounts.user(uid: uid) else {
      return HubRefusal(.notAllowed, "the hub does not know user id \(uid); ask your admin")
    }
    guard let groupName else {
      let owner = UnixAccounts.user(uid: hubUid)?.name ?? "uid \(hubUid)"
      return HubRefusal(.notAllowed, "this hub serves only \(owner); ask your admin to start it with --group for the team")
    }
    guard let group = UnixAccounts.group(named: groupName), UnixAccounts.isMember(user, of: group) else {
      return HubRefusal(.notAllowed, "you are not in group \(groupName); ask your admin")
    }
    return nil
  }

  /// The name actions are recorded under.
  public static func userName(uid: UInt32) -> String {
    UnixAccounts.user(uid: uid)?.name ?? "uid \(uid)"
  }
}
