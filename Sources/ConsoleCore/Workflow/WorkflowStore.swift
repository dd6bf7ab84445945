public import Foundation
import GRDB

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The recruiter's own state of one organization, drafts and outbox, in SQLite. Kept apart
/// from the cache (`LocalStore`), which may be deleted at any time: this file may not.
public final class WorkflowStore: Sendable {
  private let database: DatabaseQueue

  /// Opens (creating and migrating) the store at `path`, or in memory when nil. The folder is
  /// made 0700 and the file 0600: drafts are private.
  public init(path: String?) throws {
    var configuration = Configuration()
    configuration.label = "popp-console-workflow"
    // Several consoles of one recruiter may share the file; wait rather than fail.
    configuration.busyMode = .timeout(5)
    if let path {
      let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
      try ConsolePaths.createPrivateFolder(holding: URL(fileURLWithPath: path))
      chmod(folder, 0o700)
      // SQLite would create the file with the umask's mode (and its -wal/-shm like it).
      let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
      if descriptor >= 0 { close(descriptor) }
      chmod(path, 0o600)
      // WAL: a write is an append, cheap enough for a draft every second. NORMAL sync in WAL
      // survives a killed process (it may lose the last commits on power loss only).
      configuration.journalMode = .wal
      configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
      database = try DatabaseQueue(path: path, configuration: configuration)
    } else {
      database = try DatabaseQueue(configuration: configuration)
    }
    try Self.migrator.migrate(database)
  }

  /// The workflow file of an organization: beside its cache, under the state directory.
  public static func path(for organizationId: String, in paths: ConsolePaths) -> String {
    URL(fileURLWithPath: LocalStore.path(for: organizationId, in: paths)).deletingLastPathComponent()
      .appendingPathComponent("workflow.sqlite").path
  }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE draft (conversationId TEXT PRIMARY KEY, text TEXT NOT NULL, updatedAt REAL NOT NULL);
          CREATE TABLE outbox (
            id TEXT PRIMARY KEY, conversationId TEXT NOT NULL, body TEXT, templateId TEXT,
            state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed')), error TEXT,
            createdAt REAL NOT NULL, attemptStartedAt REAL, attempts INTEGER NOT NULL DEFAULT 0,
            baselineMessageId TEXT, baselineCreatedAt REAL, sentMessageId TEXT, ownerPid INTEGER);
          CREATE INDEX outbox_by_conversation ON outbox(conversationId, createdAt);
          CREATE INDEX outbox_by_state ON outbox(state);
          """)
    }
    // A hub sends for many Unix users; the audit log names each.
    migrator.registerMigration("v2") { db in
      try db.execute(sql: "ALTER TABLE outbox ADD COLUMN requestedBy TEXT")
    }
    return migrator
  }

  // MARK: Drafts

  /// The saved draft of a conversation, nil when there is none.
  public func draft(conversationId: String) throws -> String? {
    try database.read { db in
      try String.fetchOne(db, sql: "SELECT text FROM draft WHERE conversationId = ?", arguments: [conversationId])
    }
  }

  /// Saves a draft; an empty text deletes it (the message was sent or cleared).
  public func saveDraft(_ text: String, conversationId: String) throws {
    try saveDrafts([conversationId: text])
  }

  /// Saves several drafts in one transaction (the `DraftSaver`'s batch).
  func saveDrafts(_ drafts: [String: String], at date: Date = Date()) throws {
    guard !drafts.isEmpty else { return }
    try database.write { db in
      for (conversationId, text) in drafts {
        if text.isEmpty {
          try db.execute(sql: "DELETE FROM draft WHERE conversationId = ?", arguments: [conversationId])
        } else {
          try db.execute(
            sql: """
              INSERT INTO draft (conversationId, text, updatedAt) VALUES (?, ?, ?)
              ON CONFLICT(conversationId) DO UPDATE SET text = excluded.text, updatedAt = excluded.updatedAt
              """,
            arguments: [conversationId, text, date.timeIntervalSince1970])
        }
      }
    }
  }

  /// Every saved draft by conversation id, e.g. to mark rows that have one.
  public func allDrafts() throws -> [String: String] {
    try database.read { db in
      var drafts: [String: String] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT conversationId, text FROM draft") {
        drafts[row["conversationId"]] = row["text"]
      }
      return drafts
    }
  }

  // MARK: Outbox

  /// The outbox entries of a conversation (of all conversations when nil), oldest first.
  public func outboxEntries(conversationId: String? = nil) throws -> [OutboxEntry] {
    try database.read { db in
      if let conversationId {
        return try Row.fetchAll(
          db, sql: "SELECT * FROM outbox WHERE conversationId = ? ORDER BY createdAt, rowid", arguments: [conversationId]
        ).map(Self.entry)
      }
      return try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY createdAt, rowid").map(Self.entry)
    }
  }

  func outboxEntry(id: String) throws -> OutboxEntry? {
    try database.read { db in try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]).map(Self.entry) }
  }

  /// Entries left `pending` or `sending`, oldest first.
  func unfinishedEntries() throws -> [OutboxEntry] {
    try database.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE state IN ('pending', 'sending') ORDER BY createdAt, rowid").map(Self.entry)
    }
  }

  /// The server ids of the messages this store already knows it sent in a conversation, so
  /// reconciling one entry never claims another entry's message.
  func sentMessageIds(conversationId: String) throws -> Set<String> {
    try database.read { db in
      Set(
        try String.fetchAll(
          db, sql: "SELECT sentMessageId FROM outbox WHERE conversationId = ? AND sentMessageId IS NOT NULL", arguments: [conversationId]))
    }
  }

  /// Inserts or replaces an entry, owned by process `owner`.
  func save(_ entry: OutboxEntry, owner: Int32) throws {
    try database.write { db in
      let (body, templateId): (String, String?) =
        switch entry.content {
        case .body(let body): (body, nil)
        case .template(let id, let preview): (preview, id)
        }
      try db.execute(
        sql: """
          INSERT OR REPLACE INTO outbox (id, conversationId, body, templateId, state, error, createdAt, attemptStartedAt, attempts,
            baselineMessageId, baselineCreatedAt, sentMessageId, ownerPid, requestedBy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          entry.id, entry.conversationId, body, templateId, entry.state.rawValue, entry.error, entry.createdAt.timeIntervalSince1970,
          entry.attemptStartedAt?.timeIntervalSince1970, entry.attempts, entry.baselineMessageId,
          entry.baselineCreatedAt?.timeIntervalSince1970, entry.sentMessageId, owner, entry.requestedBy,
        ])
    }
  }

  /// Makes process `owner` the one that delivers an entry, unless another live process is
  /// delivering it (`pending` or `sending`): two consoles of one recruiter must not both resend
  /// what one of them is sending. A finished entry may be taken by anyone (a retry).
  /// Returns the entry as stored when it was claimed.
  func claim(id: String, owner: Int32, isAlive: (Int32) -> Bool) throws -> OutboxEntry? {
    var claimed: OutboxEntry?
    try database.inTransaction(.immediate) { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]) else { return .commit }
      let current: Int32? = row["ownerPid"]
      let state: String = row["state"]
      let inFlight = state == OutboxEntry.State.pending.rawValue || state == OutboxEntry.State.sending.rawValue
      if inFlight, let current, current != owner, isAlive(current) { return .commit }
      try db.execute(sql: "UPDATE outbox SET ownerPid = ? WHERE id = ?", arguments: [owner, id])
      claimed = Self.entry(row)
      return .commit
    }
    return claimed
  }

  /// Forgets sent entries created before `date`: the thread shows them by now.
  func pruneSent(before date: Date) throws {
    try database.write { db in
      try db.execute(sql: "DELETE FROM outbox WHERE state = 'sent' AND createdAt < ?", arguments: [date.timeIntervalSince1970])
    }
  }

  /// Removes an entry (a failed one the recruiter gave up on).
  func deleteOutboxEntry(id: String) throws {
    try database.write { db in try db.execute(sql: "DELETE FROM outbox WHERE id = ?", arguments: [id]) }
  }

  private static func entry(_ row: Row) -> OutboxEntry {
    let body: String = row["body"] ?? ""
    let templateId: String? = row["templateId"]
    var entry = OutboxEntry(
      id: row["id"], conversationId: row["conversationId"],
      content: templateId.map { .template(id: $0, preview: body) } ?? .body(body),
      createdAt: Date(timeIntervalSince1970: row["createdAt"]))
    entry.state = OutboxEntry.State(rawValue: row["state"]) ?? .failed
    entry.error = row["error"]
    entry.attemptStartedAt = (row["attemptStartedAt"] as Double?).map(Date.init(timeIntervalSince1970:))
    entry.attempts = row["attempts"]
    entry.baselineMessageId = row["baselineMessageId"]
    entry.baselineCreatedAt = (row["baselineCreatedAt"] as Double?).map(Date.init(timeIntervalSince1970:))
    entry.sentMessageId = row["sentMessageId"]
    entry.requestedBy = row["requestedBy"]
    return entry
  }
}
