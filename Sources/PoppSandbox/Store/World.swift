import Foundation
import GRDB
import PoppAPI

/// The sandbox's state as seen inside one database transaction: the helpers that routes,
/// the control surface and the simulation share to change it.
struct World {
  let db: Database
  let seed: UInt64
  private var campaignCache: [String: Campaign] = [:]
  let memory = WorldMemory()

  init(db: Database, seed: UInt64) {
    self.db = db
    self.seed = seed
  }

  func nextSequence(_ table: String) throws -> Int64 {
    try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(seq), 0) + 1 FROM \(table)")) ?? 1
  }

  private static let messageKindHash = SeededRandom.hash("message")

  func makeID(_ kind: String, _ sequence: Int64) -> String {
    DeterministicID.make(seed: seed, kind: kind, sequence: sequence)
  }

  mutating func campaign(id: String) throws -> Campaign? {
    if let cached = campaignCache[id] { return cached }
    let campaign = try CampaignRow.fetchOne(db, key: ["id": id])?.campaign()
    campaignCache[id] = campaign
    return campaign
  }

  func templateBody(id: String) throws -> String? {
    if let known = memory.templateBodies[id] { return known }
    let body = try String.fetchOne(db.cachedStatement(sql: "SELECT body FROM template WHERE id = ?"), arguments: [id])
    memory.templateBodies[id] = body
    return body
  }

  /// Appends a message to a conversation and moves its activity times.
  @discardableResult
  func append(
    _ body: String, from sender: MessageSender, status: MessageStatus, templateId: String? = nil,
    to conversation: inout ConversationRow, at time: Int64
  ) throws -> MessageRow {
    let sequence = try memory.nextMessageSequence ?? nextSequence("message")
    memory.nextMessageSequence = sequence + 1
    let row = MessageRow(
      seq: sequence, id: DeterministicID.make(seed: seed, kindHash: Self.messageKindHash, sequence: sequence),
      conversationId: conversation.id, body: body, sender: sender.rawValue, status: status.rawValue, templateId: templateId,
      createdAt: time)
    try row.insert(into: db, using: memory.messageInsert(in: db))
    conversation.lastMessageAt = time
    conversation.updatedAt = max(conversation.updatedAt, time)
    return row
  }

  func save(_ conversation: ConversationRow) throws {
    try conversation.update(in: db)
  }

  func insert(_ conversation: ConversationRow) throws {
    try conversation.insert(into: db)
  }
}
