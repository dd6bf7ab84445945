/// `:audit`: the newest entries of the audit log, newest last.
public struct AuditMode: LogPagerMode, Hashable {
  public var entries: [AuditEntry]
  public var scroll = 0

  public init(entries: [AuditEntry]) { self.entries = entries }

  public var entryCount: Int { entries.count }
  public static let opener = CommandName.audit
}
