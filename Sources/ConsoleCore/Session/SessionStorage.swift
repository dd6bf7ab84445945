import Foundation

/// Where a session keeps what outlives one poll: the cache, the drafts and outbox, and the
/// audit log. A path left nil keeps that part in memory (the audit log: records nothing).
public struct SessionStorage: Sendable, Hashable {
  /// The cache of what the server said (`LocalStore`), safe to delete.
  public var cachePath: String?
  /// Drafts and the outbox (`WorkflowStore`): what only the recruiter has.
  public var workflowPath: String?
  public var auditPath: String?

  public init(cachePath: String? = nil, workflowPath: String? = nil, auditPath: String? = nil) {
    self.cachePath = cachePath
    self.workflowPath = workflowPath
    self.auditPath = auditPath
  }

  /// The console's own files under `paths`, per organization. The built-in sandbox starts
  /// afresh each time, so its data is not worth a file; what was done in it is still audited,
  /// in a log of its own so it never mixes with a real organization's.
  public static func standard(for connection: ConnectionInfo, in paths: ConsolePaths) -> SessionStorage {
    if connection.isSandbox {
      return SessionStorage(
        auditPath: paths.stateDirectory.appendingPathComponent("sandbox").appendingPathComponent("audit.log").path)
    }
    return SessionStorage(
      cachePath: LocalStore.path(for: connection.cacheKey, in: paths),
      workflowPath: WorkflowStore.path(for: connection.cacheKey, in: paths), auditPath: AuditLog.path(in: paths))
  }
}
