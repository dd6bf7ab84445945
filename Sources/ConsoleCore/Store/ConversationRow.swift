import Foundation
internal import GRDB
import PoppAPI
internal import SQLiteStatements

/// How a `Conversation` is laid out in the cache's `conversation` table: one column per field,
/// open enums as their raw text, dates as REAL seconds since the reference date (the very
/// `Double` a `Date` holds, so they read back exactly), screening outcomes in a small binary
/// form (`OutcomeCoding`). Reading 100,000 rows this way takes a fraction of what decoding
/// 100,000 JSON documents took.
enum ConversationRow {
  static let columns = [
    "id", "organizationId", "campaignId", "externalId", "externalCampaignId", "candidateId", "participantFirstName",
    "participantLastName", "participantPhoneNumber", "participantEmailAddress", "channel", "conversationStatus", "stage",
    "needsReview", "needsReviewReason", "isHumanTakeover", "screeningQuestionsOutcome", "campaignConversationUrl",
    "lastMessageAt", "createdAt", "updatedAt",
  ]

  static let tableSQL = """
    CREATE TABLE conversation (
      id TEXT PRIMARY KEY NOT NULL, organizationId TEXT, campaignId TEXT, externalId TEXT, externalCampaignId TEXT,
      candidateId TEXT, participantFirstName TEXT, participantLastName TEXT, participantPhoneNumber TEXT,
      participantEmailAddress TEXT, channel TEXT, conversationStatus TEXT NOT NULL, stage TEXT,
      needsReview INTEGER NOT NULL, needsReviewReason TEXT, isHumanTakeover INTEGER NOT NULL,
      screeningQuestionsOutcome BLOB, campaignConversationUrl TEXT,
      lastMessageAt REAL, createdAt REAL, updatedAt REAL);
    CREATE INDEX conversation_live ON conversation(conversationStatus);
    """

  static let selectSQL = "SELECT \(columns.joined(separator: ", ")) FROM conversation"

  /// How many ids one lookup asks for; shorter batches pad with NULL, which matches nothing,
  /// so that one cached statement serves every batch.
  static let lookupWidth = 100
  static let lookupSQL = selectSQL + " WHERE id IN (" + Array(repeating: "?", count: lookupWidth).joined(separator: ", ") + ")"

  static let upsertSQL =
    "INSERT INTO conversation (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
    + " ON CONFLICT(id) DO UPDATE SET " + columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")

  static func bind(_ conversation: Conversation, to statement: RawStatement) throws {
    try statement.bind(conversation.id, at: 1)
    try statement.bind(conversation.organizationId, at: 2)
    try statement.bind(conversation.campaignId, at: 3)
    try statement.bind(conversation.externalId, at: 4)
    try statement.bind(conversation.externalCampaignId, at: 5)
    try statement.bind(conversation.candidateId, at: 6)
    try statement.bind(conversation.participantFirstName, at: 7)
    try statement.bind(conversation.participantLastName, at: 8)
    try statement.bind(conversation.participantPhoneNumber, at: 9)
    try statement.bind(conversation.participantEmailAddress, at: 10)
    try statement.bind(conversation.channel?.rawValue, at: 11)
    try statement.bind(conversation.conversationStatus.rawValue, at: 12)
    try statement.bind(conversation.stage?.rawValue, at: 13)
    try statement.bind(conversation.needsReview, at: 14)
    try statement.bind(conversation.needsReviewReason, at: 15)
    try statement.bind(conversation.isHumanTakeover, at: 16)
    try statement.bind(conversation.screeningQuestionsOutcome.map(OutcomeCoding.encode), at: 17)
    try statement.bind(conversation.campaignConversationUrl, at: 18)
    try statement.bind(conversation.lastMessageAt?.timeIntervalSinceReferenceDate, at: 19)
    try statement.bind(conversation.createdAt?.timeIntervalSinceReferenceDate, at: 20)
    try statement.bind(conversation.updatedAt?.timeIntervalSinceReferenceDate, at: 21)
  }

  /// Reads rows of `selectSQL`; make one per query (it holds the tables of raw values and
  /// the texts seen so far).
  struct Reader {
    private let channels = RawValues<Channel>()
    private let statuses = RawValues<ConversationStatus>()
    private let stages = RawValues<ConversationStage>()
    private let outcomes = RawValues<QuestionOutcome>()
    /// Texts many rows repeat (the organization, a campaign's ids and screening questions, review reasons), made once.
    private var shared = SharedTexts()

    /// The conversation of the row `statement` stands on (its columns in `columns` order).
    mutating func read(_ statement: RawStatement) throws -> Conversation {
      Conversation(
        id: statement.string(0) ?? "", organizationId: statement.bytes(1).map { shared.string($0) },
        campaignId: statement.bytes(2).map { shared.string($0) }, externalId: statement.string(3),
        externalCampaignId: statement.bytes(4).map { shared.string($0) }, candidateId: statement.string(5),
        participantFirstName: statement.string(6), participantLastName: statement.string(7),
        participantPhoneNumber: statement.string(8), participantEmailAddress: statement.string(9),
        channel: statement.bytes(10).map(channels.value),
        conversationStatus: statement.bytes(11).map(statuses.value) ?? .unknown(""),
        stage: statement.bytes(12).map(stages.value), needsReview: statement.bool(13),
        needsReviewReason: statement.bytes(14).map { shared.string($0) }, isHumanTakeover: statement.bool(15),
        screeningQuestionsOutcome: try statement.bytes(16).map { try OutcomeCoding.decode($0, outcomes: outcomes, shared: &shared) },
        campaignConversationUrl: statement.string(17),
        lastMessageAt: statement.double(18).map(Date.init(timeIntervalSinceReferenceDate:)),
        createdAt: statement.double(19).map(Date.init(timeIntervalSinceReferenceDate:)),
        updatedAt: statement.double(20).map(Date.init(timeIntervalSinceReferenceDate:)))
    }
  }
}

/// One String for each distinct text, for texts that many rows repeat: fewer allocations
/// while reading, and one copy held instead of thousands. (Texts of up to 15 bytes are stored
/// inline in a String and need no sharing.)
struct SharedTexts {
  private var byHash: [UInt64: [String]] = [:]

  mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard bytes.count > 15 else { return String(decoding: bytes, as: UTF8.self) }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    for var candidate in byHash[hash, default: []] {
      let same = candidate.withUTF8 { text in
        text.count == bytes.count
          && (text.baseAddress.flatMap { left in bytes.baseAddress.map { memcmp(left, $0, text.count) == 0 } } ?? false)
      }
      if same { return candidate }
    }
    let text = String(decoding: bytes, as: UTF8.self)
    byHash[hash, default: []].append(text)
    return text
  }
}

/// An open enum from the bytes of its raw value, without making a String for known values.
struct RawValues<Value: OpenEnum> {
  private let known: [([UInt8], Value)] = Value.knownCases.map { (Array($0.rawValue.utf8), $0) }

  func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Value {
    for (raw, value) in known where raw.count == bytes.count && RawValues.same(raw, bytes) { return value }
    return Value(rawValue: String(decoding: bytes, as: UTF8.self))
  }

  /// Byte equality by `memcmp` (`elementsEqual` goes element by element through iterators).
  static func same(_ raw: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    raw.withUnsafeBufferPointer { raw in
      guard raw.count == bytes.count else { return false }
      guard let left = raw.baseAddress, let right = bytes.baseAddress else { return raw.isEmpty }
      return memcmp(left, right, raw.count) == 0
    }
  }
}

/// Screening outcomes as bytes: a count, then for each outcome its three optional texts
/// (question, outcome's raw value, summary), each a presence byte and, when present, a
/// length and UTF-8 bytes. Exact for nil, empty and any text, and cheap both ways.
enum OutcomeCoding {
  struct Malformed: Error, CustomStringConvertible {
    var description: String { "a cached screening outcome is malformed" }
  }

  static func encode(_ outcomes: [ScreeningQuestionOutcome]) -> [UInt8] {
    var bytes: [UInt8] = []
    append(UInt32(outcomes.count), to: &bytes)
    for outcome in outcomes {
      for text in [outcome.screeningQuestion, outcome.questionOutcome?.rawValue, outcome.responseSummary] {
        guard let text else {
          bytes.append(0)
          continue
        }
        bytes.append(1)
        append(UInt32(text.utf8.count), to: &bytes)
        bytes += text.utf8
      }
    }
    return bytes
  }

  private static func append(_ value: UInt32, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
  }

  /// Questions are shared through `shared` (every screened conversation of a campaign asks
  /// the same ones); summaries are the candidate's own and rarely repeat.
  static func decode(_ bytes: UnsafeBufferPointer<UInt8>, outcomes: RawValues<QuestionOutcome>, shared: inout SharedTexts) throws
    -> [ScreeningQuestionOutcome]
  {
    var position = 0
    func count() throws -> Int {
      guard position + 4 <= bytes.count else { throw Malformed() }
      var value: UInt32 = 0
      for shift in 0..<4 { value |= UInt32(bytes[position + shift]) << (8 * shift) }
      position += 4
      return Int(value)
    }
    func text() throws -> UnsafeBufferPointer<UInt8>? {
      guard position < bytes.count else { throw Malformed() }
      position += 1
      guard bytes[position - 1] == 1 else { return nil }
      let length = try count()
      guard position + length <= bytes.count else { throw Malformed() }
      defer { position += length }
      return UnsafeBufferPointer(rebasing: bytes[position..<(position + length)])
    }
    let total = try count()
    guard total <= bytes.count else { throw Malformed() }
    var list: [ScreeningQuestionOutcome] = []
    list.reserveCapacity(total)
    for _ in 0..<total {
      let question = try text().map { shared.string($0) }
      let outcome = try text().map(outcomes.value)
      let summary = try text().map { String(decoding: $0, as: UTF8.self) }
      list.append(ScreeningQuestionOutcome(screeningQuestion: question, questionOutcome: outcome, responseSummary: summary))
    }
    guard position == bytes.count else { throw Malformed() }
    return list
  }
}
