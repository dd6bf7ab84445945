import Foundation
import GRDB
import SQLiteStatements

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
  private func bindColumnsAfterSeq(to parameters: inout ParameterCursor) throws {
    try parameters.bind(id)
    try parameters.bind(organizationId)
    try parameters.bind(campaignId)
    try parameters.bind(externalId)
    try parameters.bind(externalCampaignId)
    try parameters.bind(candidateId)
    try parameters.bind(firstName)
    try parameters.bind(lastName)
    try parameters.bind(phoneNumber)
    try parameters.bind(emailAddress)
    try parameters.bind(channel)
    try parameters.bind(status)
    try parameters.bind(stage)
    try parameters.bind(needsReview)
    try parameters.bind(needsReviewReason)
    try parameters.bind(isHumanTakeover)
    try parameters.bind(outcomes)
    try parameters.bind(lastMessageAt)
    try parameters.bind(createdAt)
    try parameters.bind(updatedAt)
    try parameters.bind(openingMessage)
    try parameters.bind(additionalContext)
    try parameters.bind(businessHours)
    try parameters.bind(persona.rawValue)
    try parameters.bind(personaSeed)
    try parameters.bind(phase.rawValue)
    try parameters.bind(questionIndex)
    try parameters.bind(nudges)
    try parameters.bind(pendingEvent?.rawValue)
    try parameters.bind(nextEventAt)
    try parameters.bind(pendingAnswer)
  }

  func insert(into db: Database) throws {
    let statement = try RawStatement(db.cachedStatement(sql: Self.insertSQL), in: db)
    defer { statement.reset() }
    var parameters = ParameterCursor(statement)
    try parameters.bind(seq)
    try bindColumnsAfterSeq(to: &parameters)
    try statement.run()
  }

  /// Writes every column of the row whose `seq` is this one's.
  func update(in db: Database) throws {
    let statement = try RawStatement(db.cachedStatement(sql: Self.updateSQL), in: db)
    defer { statement.reset() }
    var parameters = ParameterCursor(statement)
    try bindColumnsAfterSeq(to: &parameters)
    try parameters.bind(seq)
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

  /// Inserts the row with `statement`, from `insertStatement(in:)`.
  func insert(into db: Database, using statement: Statement) throws {
    let statement = RawStatement(statement, in: db)
    defer { statement.reset() }
    var parameters = ParameterCursor(statement)
    try parameters.bind(seq)
    try parameters.bind(id)
    try parameters.bind(conversationId)
    try parameters.bind(body)
    try parameters.bind(sender)
    try parameters.bind(status)
    try parameters.bind(templateId)
    try parameters.bind(createdAt)
    try statement.run()
  }
}
