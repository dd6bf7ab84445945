import Foundation
import GRDB
public import PoppAPI

/// The console's cache of one organization in SQLite: what it last knew of campaigns,
/// conversations and messages, so that it starts at once from the last known state and stays
/// usable read-only when the API cannot be reached. Every write is one transaction.
public final class LocalStore: Sendable {
  private let database: DatabaseQueue

  /// Opens (creating and migrating) the cache at `path`, or in memory when nil.
  public init(path: String?) throws {
    var configuration = Configuration()
    configuration.label = "popp-console-cache"
    if let path {
      try FileManager.default.createDirectory(
        at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
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
    return migrator
  }

  private static let encoder = PoppJSON.makeEncoder()
  private static let decoder = PoppJSON.makeDecoder()

  private static func text(_ value: some Encodable) throws -> String {
    String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  // MARK: Reading

  public func campaigns() throws -> [Campaign] {
    try database.read { db in
      try String.fetchAll(db, sql: "SELECT resource FROM campaign").map { try Self.decoder.decode(Campaign.self, from: Data($0.utf8)) }
    }
  }

  public func conversations() throws -> [Conversation] {
    try database.read { db in
      try String.fetchAll(db, sql: "SELECT resource FROM conversation").map {
        try Self.decoder.decode(Conversation.self, from: Data($0.utf8))
      }
    }
  }

  public func messages(conversationId: String) throws -> [Message] {
    try database.read { db in
      try String.fetchAll(
        db, sql: "SELECT resource FROM message WHERE conversationId = ? ORDER BY createdAt, rowid", arguments: [conversationId]
      ).map { try Self.decoder.decode(Message.self, from: Data($0.utf8)) }
    }
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

  /// Stores what a poll returned and reports how it differs from what was stored.
  @discardableResult
  public func merge(_ conversations: [Conversation]) throws -> [ConversationChange] {
    try database.write { db in
      var changes: [ConversationChange] = []
      for conversation in conversations {
        let previous = try String.fetchOne(db, sql: "SELECT resource FROM conversation WHERE id = ?", arguments: [conversation.id])
          .map { try Self.decoder.decode(Conversation.self, from: Data($0.utf8)) }
        let found = ConversationChange.between(previous, conversation)
        guard !found.isEmpty else { continue }
        changes += found
        try db.execute(
          sql: """
            INSERT INTO conversation (id, campaignId, status, needsReview, isHumanTakeover, resource) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET campaignId = excluded.campaignId, status = excluded.status,
              needsReview = excluded.needsReview, isHumanTakeover = excluded.isHumanTakeover, resource = excluded.resource
            """,
          arguments: [
            conversation.id, conversation.campaignId, conversation.conversationStatus.rawValue, conversation.needsReview,
            conversation.isHumanTakeover, try Self.text(conversation),
          ])
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
        try db.execute(
          sql: "INSERT OR REPLACE INTO message (id, conversationId, createdAt, resource) VALUES (?, ?, ?, ?)",
          arguments: [message.id, conversationId, message.createdAt?.timeIntervalSince1970, try Self.text(message)])
        if !known { arrived.append(message) }
      }
      return arrived
    }
  }
}
