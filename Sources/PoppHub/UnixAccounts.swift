#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The C records, named apart from the lookups below (whose names would hide them).
private typealias GroupEntry = group
private typealias PasswdEntry = passwd

/// Users and groups as the system's account database has them now (`/etc/passwd`, `/etc/group`, or NSS): a user
/// taken out of a group is refused at once, even in an SSH session that still carries the group.
public enum UnixAccounts {
  public struct User: Sendable, Equatable {
    public var uid: UInt32
    public var name: String
    public var primaryGroup: UInt32

    public init(uid: UInt32, name: String, primaryGroup: UInt32) {
      self.uid = uid
      self.name = name
      self.primaryGroup = primaryGroup
    }
  }

  public struct Group: Sendable, Equatable {
    public var gid: UInt32
    public var name: String
    public var members: [String]

    public init(gid: UInt32, name: String, members: [String]) {
      self.gid = gid
      self.name = name
      self.members = members
    }
  }

  public static func user(uid: UInt32) -> User? {
    withBuffer { buffer in
      var entry = PasswdEntry()
      var result: UnsafeMutablePointer<PasswdEntry>?
      let status = getpwuid_r(uid_t(uid), &entry, buffer.baseAddress!, buffer.count, &result)
      guard status != ERANGE else { return .retry }
      guard status == 0, result != nil, let name = entry.pw_name else { return .done(nil) }
      return .done(User(uid: uid, name: String(cString: name), primaryGroup: UInt32(entry.pw_gid)))
    }
  }

  public static func group(named name: String) -> Group? {
    lookUpGroup { entry, buffer, result in getgrnam_r(name, &entry, buffer.baseAddress!, buffer.count, &result) }
  }

  public static func group(gid: UInt32) -> Group? {
    lookUpGroup { entry, buffer, result in getgrgid_r(gid_t(gid), &entry, buffer.baseAddress!, buffer.count, &result) }
  }

  private static func lookUpGroup(
    _ call: (inout GroupEntry, UnsafeMutableBufferPointer<CChar>, inout UnsafeMutablePointer<GroupEntry>?) -> Int32
  ) -> Group? {
    withBuffer { buffer in
      var entry = GroupEntry()
      var result: UnsafeMutablePointer<GroupEntry>?
      let status = call(&entry, buffer, &result)
      guard status != ERANGE else { return .retry }
      guard status == 0, result != nil else { return .done(nil) }
      return .done(Self.group(from: entry))
    }
  }

  /// Whether the user belongs to the group: as its primary group, or listed among its members.
  public static func isMember(_ user: User, of group: Group) -> Bool {
    user.primaryGroup == group.gid || group.members.contains(user.name)
  }

  private static func group(from entry: GroupEntry) -> Group {
    var members: [String] = []
    if var member = entry.gr_mem {
      while let name = member.pointee {
        members.append(String(cString: name))
        member += 1
      }
    }
    return Group(gid: UInt32(entry.gr_gid), name: entry.gr_name.map { String(cString: $0) } ?? "", members: members)
  }

  private enum Attempt<Value> {
    case done(Value)
    case retry
  }

  /// The `_r` lookups want a buffer for the strings they return, and say ERANGE when it is too small.
  private static func withBuffer<Value>(_ body: (UnsafeMutableBufferPointer<CChar>) -> Attempt<Value?>) -> Value? {
    var size = 1024
    while size <= 1 << 20 {
      let buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: size)
      defer { buffer.deallocate() }
      switch body(buffer) {
      case .done(let value): return value
      case .retry: size *= 4
      }
    }
    return nil
  }
}
