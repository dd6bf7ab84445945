import Foundation
import GRDB
import Testing

@testable import PoppSandbox

/// A `--db` file written by an earlier build opens in this one with its world intact.
@Suite struct SchemaMigrationTests {
  static func temporaryPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-migration-\(UUID().uuidString).sqlite").path
  }

  /// A file as the build before "v2-id-indexes" left it: ids unique by the tables' constraints.
  static func makeVersion1File(at path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try Schema.migrator.migrate(queue, upTo: "v1")
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO conversation (seq, id, organizationId, campaignId, candidateId, firstName, channel, status, stage,
            createdAt, updatedAt, persona, personaSeed, phase)
          VALUES (1, 'conv-1', 'org', 'camp', 'cand', 'Zoë', 'SMS', 'ONGOING', 'SCREENING', 10, 20, 'passer', 5, 'awaitingCandidate');
          INSERT INTO message (seq, id, conversationId, body, sender, status, createdAt)
          VALUES (1, 'msg-1', 'conv-1', 'Hello Zoë', 'AGENT', 'DELIVERED', 11),
                 (2, 'msg-2', 'conv-1', 'Yes', 'CANDIDATE', 'RECEIVED', 12);
          """)
    }
  }

  @Test func aVersion1FileKeepsItsRowsAndItsUniqueIds() throws {
    let path = Self.temporaryPath()
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Self.makeVersion1File(at: path)

    let database = try Schema.open(path: path)
    try database.write { db in
      let conversation = try #require(try ConversationRow.fetchOne(db, key: 1))
      #expect(conversation.id == "conv-1")
      #expect(conversation.firstName == "Zoë")
      #expect(conversation.status == "ONGOING")
      #expect(conversation.phase == .awaitingCandidate)
      #expect(try MessageRow.fetchAll(db).map(\.body) == ["Hello Zoë", "Yes"])
      #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
      // Uniqueness now comes from the named indexes, and still holds.
      #expect(throws: DatabaseError.self) {
        try db.execute(
          sql: """
            INSERT INTO message (seq, id, conversationId, body, sender, status, createdAt)
            VALUES (3, 'msg-1', 'conv-1', 'again', 'AGENT', 'DELIVERED', 13)
            """)
      }
      #expect(throws: DatabaseError.self) {
        try db.execute(
          sql: """
            INSERT INTO conversation (seq, id, organizationId, campaignId, candidateId, firstName, channel, status, stage,
              createdAt, updatedAt, persona, personaSeed, phase)
            VALUES (2, 'conv-1', 'org', 'camp', 'cand', 'Ann', 'SMS', 'ONGOING', 'SCREENING', 10, 20, 'passer', 5, 'done')
            """)
      }
    }
  }

  /// Seeding drops every index of the two tables it fills, ids' included, and builds them
  /// again: a duplicate id still cannot get in, because building the index refuses it.
  @Test func indexesDeferredWhileSeedingRefuseADuplicateIdWhenRebuilt() throws {
    let database = try Schema.open(path: nil)
    #expect(throws: DatabaseError.self) {
      try database.write { db in
        try Schema.deferringIndexes(of: ["message"], in: db) {
          try db.execute(
            sql: """
              INSERT INTO message (seq, id, conversationId, body, sender, status, createdAt)
              VALUES (1, 'same', 'c', 'a', 'AGENT', 'DELIVERED', 1), (2, 'same', 'c', 'b', 'AGENT', 'DELIVERED', 2)
              """)
        }
      }
    }
    // The failed transaction left nothing behind, the index included.
    let (messages, hasIdIndex) = try database.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM message"),
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'message_id')")
      )
    }
    #expect(messages == 0)
    #expect(hasIdIndex == true)
  }
}
