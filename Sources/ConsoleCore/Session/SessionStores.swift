/// Opens a session's SQLite files. A file that cannot be opened (a full disk, a damaged or
/// foreign file) must not keep the recruiter out: the session works in memory instead and
/// says so, and only a failure of memory itself is thrown.
enum SessionStores {
  static func openCache(at path: String?, problems: inout [String]) throws -> LocalStore {
    do {
      return try LocalStore(path: path)
    } catch {
      problems.append(
        "cannot open the cache at \(path ?? "(memory)"): \(error) — working without it this time; delete the file to start afresh")
      return try LocalStore(path: nil)
    }
  }

  static func openWorkflow(at path: String?, problems: inout [String]) throws -> WorkflowStore {
    do {
      return try WorkflowStore(path: path)
    } catch {
      problems.append("cannot open drafts and outbox at \(path ?? "(memory)"): \(error) — drafts will not survive this session")
      return try WorkflowStore(path: nil)
    }
  }
}
