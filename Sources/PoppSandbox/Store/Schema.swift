import GRDB

/// The sandbox's SQLite schema, built by migrations so that a `--db` file from an older
/// build opens in a newer one.
enum Schema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(
        sql: """
          CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
          CREATE TABLE organization (id TEXT PRIMARY KEY, apiKey TEXT NOT NULL);
          CREATE TABLE agent (
            seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, organizationId TEXT NOT NULL,
            agentName TEXT NOT NULL, agentTone TEXT NOT NULL);
          CREATE TABLE template (
            seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, organizationId TEXT NOT NULL,
            name TEXT NOT NULL, channel TEXT NOT NULL, type TEXT NOT NULL,
            campaignType TEXT NOT NULL, body TEXT NOT NULL);
          CREATE TABLE campaign (
            seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, organizationId TEXT NOT NULL,
            externalId TEXT, campaignStatus TEXT NOT NULL, createdAt INTEGER NOT NULL,
            resource TEXT NOT NULL);
          CREATE INDEX campaign_by_org ON campaign(organizationId, createdAt, seq);
          CREATE TABLE conversation (
            seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, organizationId TEXT NOT NULL,
            campaignId TEXT NOT NULL, externalId TEXT, externalCampaignId TEXT,
            candidateId TEXT NOT NULL, firstName TEXT NOT NULL, lastName TEXT,
            phoneNumber TEXT, emailAddress TEXT, channel TEXT NOT NULL, status TEXT NOT NULL,
            stage TEXT NOT NULL, needsReview INTEGER NOT NULL DEFAULT 0, needsReviewReason TEXT,
            isHumanTakeover INTEGER NOT NULL DEFAULT 0, outcomes TEXT NOT NULL DEFAULT '[]',
            lastMessageAt INTEGER, createdAt INTEGER NOT NULL, updatedAt INTEGER NOT NULL,
            openingMessage TEXT, additionalContext TEXT, businessHours INTEGER NOT NULL DEFAULT 0,
            persona TEXT NOT NULL, personaSeed INTEGER NOT NULL, phase TEXT NOT NULL,
            questionIndex INTEGER NOT NULL DEFAULT -1, nudges INTEGER NOT NULL DEFAULT 0,
            pendingEvent TEXT, nextEventAt INTEGER, pendingAnswer TEXT);
          CREATE INDEX conversation_by_org ON conversation(organizationId, createdAt, seq);
          CREATE INDEX conversation_by_campaign ON conversation(organizationId, campaignId, createdAt, seq);
          CREATE INDEX conversation_by_candidate ON conversation(organizationId, candidateId);
          CREATE INDEX conversation_due ON conversation(nextEventAt) WHERE nextEventAt IS NOT NULL;
          CREATE TABLE message (
            seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, conversationId TEXT NOT NULL,
            body TEXT NOT NULL, sender TEXT NOT NULL, status TEXT NOT NULL, templateId TEXT,
            createdAt INTEGER NOT NULL);
          CREATE INDEX message_by_conversation ON message(conversationId, createdAt, seq);
          """)
    }
    // The ids of conversations and messages are unique through indexes of their own rather
    // than the tables' UNIQUE constraints, so that seeding a demo can drop them with the
    // others (`deferringIndexes`): a constraint's index cannot be dropped, and keeping it up
    // to date through 700,000 inserts of random ids (SQLite's index search and key compares)
    // was about a tenth of a profile of seeding 100,000.
    migrator.registerMigration("v2-id-indexes") { db in
      try db.execute(
        sql: """
          CREATE TABLE new_conversation (
            seq INTEGER PRIMARY KEY, id TEXT NOT NULL, organizationId TEXT NOT NULL,
            campaignId TEXT NOT NULL, externalId TEXT, externalCampaignId TEXT,
            candidateId TEXT NOT NULL, firstName TEXT NOT NULL, lastName TEXT,
            phoneNumber TEXT, emailAddress TEXT, channel TEXT NOT NULL, status TEXT NOT NULL,
            stage TEXT NOT NULL, needsReview INTEGER NOT NULL DEFAULT 0, needsReviewReason TEXT,
            isHumanTakeover INTEGER NOT NULL DEFAULT 0, outcomes TEXT NOT NULL DEFAULT '[]',
            lastMessageAt INTEGER, createdAt INTEGER NOT NULL, updatedAt INTEGER NOT NULL,
            openingMessage TEXT, additionalContext TEXT, businessHours INTEGER NOT NULL DEFAULT 0,
            persona TEXT NOT NULL, personaSeed INTEGER NOT NULL, phase TEXT NOT NULL,
            questionIndex INTEGER NOT NULL DEFAULT -1, nudges INTEGER NOT NULL DEFAULT 0,
            pendingEvent TEXT, nextEventAt INTEGER, pendingAnswer TEXT);
          INSERT INTO new_conversation SELECT * FROM conversation;
          DROP TABLE conversation;
          ALTER TABLE new_conversation RENAME TO conversation;
          CREATE UNIQUE INDEX conversation_id ON conversation(id);
          CREATE INDEX conversation_by_org ON conversation(organizationId, createdAt, seq);
          CREATE INDEX conversation_by_campaign ON conversation(organizationId, campaignId, createdAt, seq);
          CREATE INDEX conversation_by_candidate ON conversation(organizationId, candidateId);
          CREATE INDEX conversation_due ON conversation(nextEventAt) WHERE nextEventAt IS NOT NULL;
          CREATE TABLE new_message (
            seq INTEGER PRIMARY KEY, id TEXT NOT NULL, conversationId TEXT NOT NULL,
            body TEXT NOT NULL, sender TEXT NOT NULL, status TEXT NOT NULL, templateId TEXT,
            createdAt INTEGER NOT NULL);
          INSERT INTO new_message SELECT * FROM message;
          DROP TABLE message;
          ALTER TABLE new_message RENAME TO message;
          CREATE UNIQUE INDEX message_id ON message(id);
          CREATE INDEX message_by_conversation ON message(conversationId, createdAt, seq);
          """)
    }
    return migrator
  }

  /// Runs `body` with the indexes of `tables` (all but those of UNIQUE constraints, which
  /// these tables no longer have) dropped, and creates them again after it, as they were. SQLite builds an index from its
  /// sorted keys several times faster than it keeps one up to date through hundreds of
  /// thousands of inserts in random key order, as seeding a large demo does.
  @discardableResult
  static func deferringIndexes<Result>(of tables: [String], in db: Database, _ body: () throws -> Result) throws -> Result {
    let indexes = try Row.fetchAll(
      db,
      sql: """
        SELECT name, sql FROM sqlite_master
        WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(tables.map { _ in "?" }.joined(separator: ", ")))
        ORDER BY rowid
        """, arguments: StatementArguments(tables))
    for index in indexes {
      try db.execute(sql: "DROP INDEX \((index["name"] as String).quotedDatabaseIdentifier)")
    }
    let result = try body()
    for index in indexes {
      try db.execute(sql: index["sql"])
    }
    return result
  }

  static func open(path: String?) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.label = "popp-sandbox"
    configuration.prepareDatabase { db in
      try db.execute(sql: "PRAGMA foreign_keys = ON")
    }
    let queue: DatabaseQueue
    if let path {
      queue = try DatabaseQueue(path: path, configuration: configuration)
      try queue.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
      }
    } else {
      queue = try DatabaseQueue(configuration: configuration)
    }
    try migrator.migrate(queue)
    return queue
  }
}
