import Foundation
import GRDB

/// Hand-written SQL for the rows the simulation reads and writes by the hundred thousand when
/// it seeds a demo. GRDB's Codable records encode every row through a keyed container and
/// build their SQL text anew each time, which was most of the 13.8 s a 10,000-conversation
/// demo took to start; these bind each column to a statement prepared once per connection.
/// They read and write exactly the columns and values the Codable records do (a test holds
/// them to it).

extension ConversationRow {
  /// Every column of `conversation`, in the order `init(columns:)` reads and `insert(into:)`
  /// binds them.
  static let columnList = """
    seq, id, organizationId, campaignId, externalId, externalCampaignId, candidateId, firstName, lastName, \
    phoneNumber, emailAddress, channel, status, stage, needsReview, needsReviewReason, isHumanTakeover, outcomes, \
    lastMessageAt, createdAt, updatedAt, openingMessage, additionalContext, businessHours, persona, personaSeed, \
    phase, questionIndex, nudges, pendingEvent, nextEventAt, pendingAnswer
    """

  private static let columnNames = columnList.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }

  private static let insertSQL =
    "INSERT INTO conversation (\(columnList)) VALUES (\(columnNames.map { _ in "?" }.joined(separator: ", ")))"

  private static let updateSQL =
    "UPDATE conversation SET \(columnNames.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")) WHERE seq = ?"

  /// Reads a row selected as `SELECT` `columnList` `FROM conversation`.
  init(columns row: Row) throws {
    func decoded<Value: RawRepresentable>(_ index: Int) throws -> Value where Value.RawValue == String {
      let raw: String = row[index]
      guard let value = Value(rawValue: raw) else {
        throw DatabaseError(message: "conversation.\(Self.columnNames[index]) holds an unknown value \"\(raw)\"")
      }
      return value
    }
    let pendingEvent: SimulationEvent? = (row[29] as String?) == nil ? nil : try decoded(29)
    self.init(
      seq: row[0], id: row[1], organizationId: row[2], campaignId: row[3], externalId: row[4], externalCampaignId: row[5],
      candidateId: row[6], firstName: row[7], lastName: row[8], phoneNumber: row[9], emailAddress: row[10], channel: row[11],
      status: row[12], stage: row[13], needsReview: row[14], needsReviewReason: row[15], isHumanTakeover: row[16],
      outcomes: row[17], lastMessageAt: row[18], createdAt: row[19], updatedAt: row[20], openingMessage: row[21],
      additionalContext: row[22], businessHours: row[23], persona: try decoded(24), personaSeed: row[25], phase: try decoded(26),
      questionIndex: row[27], nudges: row[28], pendingEvent: pendingEvent,
      nextEventAt: row[30], pendingAnswer: row[31])
  }

  /// The rows that match `condition` (SQL, as after WHERE), in no particular order.
  static func fetchAll(_ db: Database, where condition: String, arguments: StatementArguments) throws -> [ConversationRow] {
    let statement = try db.cachedStatement(sql: "SELECT \(columnList) FROM conversation WHERE \(condition)")
    let cursor = try Row.fetchCursor(statement, arguments: arguments)
    var rows: [ConversationRow] = []
    while let row = try cursor.next() { rows.append(try ConversationRow(columns: row)) }
    return rows
  }

  /// Binds every column but `seq`, in `columnList` order.
  private func bindColumnsAfterSeq(to statement: inout RawStatement) throws {
    try statement.bind(id)
    try statement.bind(organizationId)
    try statement.bind(campaignId)
    try statement.bind(externalId)
    try statement.bind(externalCampaignId)
    try statement.bind(candidateId)
    try statement.bind(firstName)
    try statement.bind(lastName)
    try statement.bind(phoneNumber)
    try statement.bind(emailAddress)
    try statement.bind(channel)
    try statement.bind(status)
    try statement.bind(stage)
    try statement.bind(needsReview)
    try statement.bind(needsReviewReason)
    try statement.bind(isHumanTakeover)
    try statement.bind(outcomes)
    try statement.bind(lastMessageAt)
    try statement.bind(createdAt)
    try statement.bind(updatedAt)
    try statement.bind(openingMessage)
    try statement.bind(additionalContext)
    try statement.bind(businessHours)
    try statement.bind(persona.rawValue)
    try statement.bind(personaSeed)
    try statement.bind(phase.rawValue)
    try statement.bind(questionIndex)
    try statement.bind(nudges)
    try statement.bind(pendingEvent?.rawValue)
    try statement.bind(nextEventAt)
    try statement.bind(pendingAnswer)
  }

  func insert(into db: Database) throws {
    var statement = try RawStatement(db.cachedStatement(sql: Self.insertSQL), in: db)
    try statement.bind(seq)
    try bindColumnsAfterSeq(to: &statement)
    try statement.run()
  }

  /// Writes every column of the row whose `seq` is this one's.
  func update(in db: Database) throws {
    var statement = try RawStatement(db.cachedStatement(sql: Self.updateSQL), in: db)
    try bindColumnsAfterSeq(to: &statement)
    try statement.bind(seq)
    try statement.run()
    if db.changesCount == 0 {
      throw RecordError.recordNotFound(databaseTableName: Self.databaseTableName, key: ["seq": seq.databaseValue])
    }
  }
}

extension MessageRow {
  private static let insertSQL = """
    INSERT INTO message (seq, id, conversationId, body, sender, status, templateId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    """

  static func insertStatement(in db: Database) throws -> Statement {
    try db.cachedStatement(sql: insertSQL)
  }

  /// Inserts the row with `statement` (from `insertStatement(in:)`), or the one cached for `db`.
  func insert(into db: Database, using statement: Statement? = nil) throws {
    var statement = try RawStatement(statement ?? Self.insertStatement(in: db), in: db)
    try statement.bind(seq)
    try statement.bind(id)
    try statement.bind(conversationId)
    try statement.bind(body)
    try statement.bind(sender)
    try statement.bind(status)
    try statement.bind(templateId)
    try statement.bind(createdAt)
    try statement.run()
  }
}
