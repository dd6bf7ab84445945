public import Foundation
import GRDB
public import PoppAPI
internal import SQLiteStatements

/// Everything the cache holds that the first frame needs, read in one transaction.
public struct CacheSnapshot: Sendable {
  public var campaigns: [Campaign]
  public var templates: [Template]
  public var conversations: [Conversation]
  public var unread: Set<String>
  /// When a poll last completed (meta "syncedAt"); nil when the cache was never synced.
  public var syncedAt: Date?

  public init(
    campaigns: [Campaign] = [], templates: [Template] = [], conversations: [Conversation] = [], unread: Set<String> = [],
    syncedAt: Date? = nil
  ) {
    self.campaigns = campaigns
    self.templates = templates
    self.conversations = conversations
    self.unread = unread
    self.syncedAt = syncedAt
  }

  public var isEmpty: Bool { campaigns.isEmpty && conversations.isEmpty }
}

/// The console's cache of one organization in SQLite: what it last knew of campaigns,
/// templates, conversations and messages, which conversations are unread and when it last
/// synced, so that it starts at once from the last known state and stays usable read-only when
/// the API cannot be reached. Every write is one transaction.
///
/// Conversations live in real columns (`ConversationRow`), read and written through SQLite's
/// C API: a cold start reads 100,000 of them. Campaigns, templates and messages, which are few
/// per read, are stored as JSON.
public final class LocalStore: Sendable {
  private let database: DatabaseQueue

  /// Opens (creating and migrating) the cache at `path`, or in memory when nil.
  public init(path: String?) throws {
    var configuration = Configuration()
    configuration.label = "popp-console-cache"
    if let path {
      try ConsolePaths.createPrivateFolder(holding: URL(fileURLWithPath: path))
      database = try DatabaseQueue(path: path, configuration: configuration)
    } else {
      database = try DatabaseQueue(configuration: configuration)
    }
    try Self.migrator.migrate(database)
  }

  /// The cache file of an organization under the state directory.
  public static func path(for organizationId: String, in paths: ConsolePaths) -> String {
    let safe = organizationId.unicodeScalars.map {
      CharacterSet.alphanumerics.contains($0) || "-_".unicodeScalars.contains($0) ? String($0) : "_"
    }
    .joined()
    return paths.stateDirectory.appendingPathComponent(safe).appendingPathComponent("cache.sqlite").path
  }

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE campaign (id TEXT PRIMARY KEY, resource TEXT NOT NULL);
          CREATE TABLE conversation (
            id TEXT PRIMARY KEY, campaignId TEXT, status TEXT NOT NULL, needsReview INTEGER NOT NULL,
            isHumanTakeover INTEGER NOT NULL, resource TEXT NOT NULL);
          CREATE INDEX conversation_live ON conversation(status);
          CREATE TABLE message (
            id TEXT PRIMARY KEY, conversationId TEXT NOT NULL, createdAt REAL, resource TEXT NOT NULL);
          CREATE INDEX message_by_conversation ON message(conversationId, createdAt);
          """)
    }
    // Conversations in columns (v1 kept each as JSON, ~9 µs apiece to decode). A cache: the
    // old rows are dropped and the next poll fills the table again.
    migrator.registerMigration("v2") { db in
      try db.execute(sql: "DROP TABLE conversation")
      try db.execute(sql: ConversationRow.tableSQL)
      try db.execute(
        sql: """
          CREATE TABLE template (id TEXT PRIMARY KEY NOT NULL, resource TEXT NOT NULL);
          CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
          CREATE TABLE unread (conversationId TEXT PRIMARY KEY NOT NULL);
          """)
    }
    return migrator
  }

  private static let encoder = PoppJSON.makeEncoder()
  private static let decoder = PoppJSON.makeDecoder()
  private static let syncedAtKey = "syncedAt"

  private static func text(_ value: some Encodable) throws -> String {
    String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  private static func resources<T: Decodable>(_ type: T.Type, _ db: Database, sql: String, arguments: StatementArguments = [])
    throws -> [T]
  {
    try String.fetchAll(db, sql: sql, arguments: arguments).map { try decoder.decode(T.self, from: Data($0.utf8)) }
  }

  // MARK: Reading

  /// Everything first paint needs, in one read transaction.
  public func snapshot() throws -> CacheSnapshot {
    try database.read { db in
      CacheSnapshot(
        campaigns: try Self.campaigns(db), templates: try Self.templates(db), conversations: try Self.conversations(db),
        unread: Set(try String.fetchAll(db, sql: "SELECT conversationId FROM unread")),
        syncedAt: try Self.value(forKey: Self.syncedAtKey, db).flatMap(Double.init).map(Date.init(timeIntervalSinceReferenceDate:)))
    }
  }

  public func campaigns() throws -> [Campaign] {
    try database.read { db in try Self.campaigns(db) }
  }

  public func templates() throws -> [Template] {
    try database.read { db in try Self.templates(db) }
  }

  public func conversations() throws -> [Conversation] {
    try database.read { db in try Self.conversations(db) }
  }

  public func messages(conversationId: String) throws -> [Message] {
    try database.read { db in
      try Self.resources(
        Message.self, db, sql: "SELECT resource FROM message WHERE conversationId = ? ORDER BY createdAt, rowid",
        arguments: [conversationId])
    }
  }

  /// A value of the cache's own bookkeeping (meta table); nil when not set.
  public func value(forKey key: String) throws -> String? {
    try database.read { db in try Self.value(forKey: key, db) }
  }

  private static func campaigns(_ db: Database) throws -> [Campaign] {
    try resources(Campaign.self, db, sql: "SELECT resource FROM campaign")
  }

  private static func templates(_ db: Database) throws -> [Template] {
    try resources(Template.self, db, sql: "SELECT resource FROM template")
  }

  private static func value(forKey key: String, _ db: Database) throws -> String? {
    try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
  }

  private static func conversations(_ db: Database) throws -> [Conversation] {
    // Counting first spares the array its regrowth: each doubling would copy every
    // conversation read so far, and hold two buffers at once.
    let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM conversation") ?? 0
    let statement = RawStatement(try db.cachedStatement(sql: ConversationRow.selectSQL), in: db)
    defer { statement.reset() }
    var reader = ConversationRow.Reader()
    var conversations: [Conversation] = []
    conversations.reserveCapacity(count)
    while try statement.step() { conversations.append(try reader.read(statement)) }
    return conversations
  }

  /// The stored conversations among `ids`, by id.
  private static func conversations(ids: some Collection<String>, _ db: Database) throws -> [String: Conversation] {
    let statement = RawStatement(try db.cachedStatement(sql: ConversationRow.lookupSQL), in: db)
    defer { statement.reset() }
    var reader = ConversationRow.Reader()
    var found: [String: Conversation] = [:]
    found.reserveCapacity(ids.count)
    var pending = ids[...]
    while !pending.isEmpty {
      let batch = pending.prefix(ConversationRow.lookupWidth)
      pending = pending.dropFirst(batch.count)
      statement.reset()
      var parameter: Int32 = 1
      for id in batch {
        try statement.bind(id, at: parameter)
        parameter += 1
      }
      while parameter <= ConversationRow.lookupWidth {
        try statement.bindNull(at: parameter)
        parameter += 1
      }
      while try statement.step() {
        let conversation = try reader.read(statement)
        found[conversation.id] = conversation
      }
    }
    return found
  }

  // MARK: Writing

  /// Replaces the cached campaigns with those the API listed.
  public func replaceCampaigns(_ campaigns: [Campaign]) throws {
    try database.write { db in
      try db.execute(sql: "DELETE FROM campaign")
      for campaign in campaigns {
        try db.execute(sql: "INSERT INTO campaign (id, resource) VALUES (?, ?)", arguments: [campaign.id, try Self.text(campaign)])
      }
    }
  }

  /// Replaces the cached templates with those the API listed.
  public func replaceTemplates(_ templates: [Template]) throws {
    try database.write { db in
      try db.execute(sql: "DELETE FROM template")
      for template in templates {
        try db.execute(
          sql: "INSERT OR REPLACE INTO template (id, resource) VALUES (?, ?)", arguments: [template.id, try Self.text(template)])
      }
    }
  }

  /// Stores what a poll returned and reports how it differs from what was stored. Only rows
  /// that changed are written; the batch's previous rows are read with a few lookups.
  @discardableResult
  public func merge(_ conversations: [Conversation]) throws -> [ConversationChange] {
    guard !conversations.isEmpty else { return [] }
    return try database.write { db in
      var known = try Self.conversations(ids: conversations.map(\.id), db)
      let upsert = RawStatement(try db.cachedStatement(sql: ConversationRow.upsertSQL), in: db)
      defer { upsert.reset() }
      var changes: [ConversationChange] = []
      for conversation in conversations {
        let found = ConversationChange.between(known[conversation.id], conversation)
        guard !found.isEmpty else { continue }
        changes += found
        upsert.reset()
        try ConversationRow.bind(conversation, to: upsert)
        try upsert.run()
        // The same id again later in the batch compares with this one, as it would have
        // had the batch come in two polls.
        known[conversation.id] = conversation
      }
      return changes
    }
  }

  /// Stores a thread's messages; returns those the cache did not have.
  @discardableResult
  public func merge(messages: [Message], conversationId: String) throws -> [Message] {
    try database.write { db in
      var arrived: [Message] = []
      for message in messages {
        let known = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM message WHERE id = ?)", arguments: [message.id]) ?? false
        // An upsert keeps a known message's row, and so its place among messages stamped
        // with the same time (the order they were first stored in, oldest first).
        try db.execute(
          sql: """
            INSERT INTO message (id, conversationId, createdAt, resource) VALUES (?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET conversationId = excluded.conversationId, createdAt = excluded.createdAt,
              resource = excluded.resource
            """,
          arguments: [message.id, conversationId, message.createdAt?.timeIntervalSince1970, try Self.text(message)])
        if !known { arrived.append(message) }
      }
      return arrived
    }
  }

  /// Records that a poll completed at `date` (meta "syncedAt", exact to the bit).
  public func markSynced(at date: Date) throws {
    try setValue(String(date.timeIntervalSinceReferenceDate), forKey: Self.syncedAtKey)
  }

  /// Sets a value of the cache's own bookkeeping; nil deletes it.
  public func setValue(_ value: String?, forKey key: String) throws {
    try database.write { db in
      if let value {
        try db.execute(
          sql: "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
          arguments: [key, value])
      } else {
        try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [key])
      }
    }
  }

  /// Marks conversations as having news the recruiter has not seen.
  public func markUnread(_ ids: [String]) throws {
    guard !ids.isEmpty else { return }
    try database.write { db in
      let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO unread (conversationId) VALUES (?)")
      for id in ids { try statement.execute(arguments: [id]) }
    }
  }

  public func markRead(_ id: String) throws {
    try database.write { db in try db.execute(sql: "DELETE FROM unread WHERE conversationId = ?", arguments: [id]) }
  }
}
