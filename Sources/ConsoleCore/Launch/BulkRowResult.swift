/// What became of one CSV row, by its line number: the per-row result the CLI prints, the
/// console shows and the results file keeps.
public struct BulkRowResult: Sendable, Hashable, Codable {
  public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
    /// The server queued a conversation (or one was found after its answer was lost).
    case queued
    /// The server refused the row, or the answer never came and the row was not found.
    case failed
    /// Not sent on purpose: a duplicate in the file, or already in the campaign.
    case skipped
    /// Not sent: the row breaks the contract's rules.
    case invalid
    /// Not sent: the run was cancelled or stopped before this row's batch.
    case notSent = "not sent"
    /// A dry run: would be sent.
    case ready
  }

  public var line: Int
  public var contact: BulkContact
  public var status: Status
  /// The server's error, the problems, or why the row was skipped or not sent.
  public var reason: String?

  public init(line: Int, contact: BulkContact, status: Status, reason: String?) {
    self.line = line
    self.contact = contact
    self.status = status
    self.reason = reason
  }

  public static let alreadyInCampaign = "already in the campaign"
  public static let confirmedAfterLostAnswer = "confirmed after a lost answer"
  public static let cancelled = "cancelled"

  enum CodingKeys: String, CodingKey {
    case line, status, reason, firstName, lastName, phoneNumber, emailAddress, externalId, openingMessage, additionalContext,
      closePreviousConversations
  }

  /// Flat, as the results file has it: `{"line": 7, "status": "queued", "firstName": …}`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(line, forKey: .line)
    try container.encode(status, forKey: .status)
    try container.encodeIfPresent(reason, forKey: .reason)
    try container.encodeIfPresent(contact.firstName, forKey: .firstName)
    try container.encodeIfPresent(contact.lastName, forKey: .lastName)
    try container.encodeIfPresent(contact.phoneNumber, forKey: .phoneNumber)
    try container.encodeIfPresent(contact.emailAddress, forKey: .emailAddress)
    try container.encodeIfPresent(contact.externalId, forKey: .externalId)
    try container.encodeIfPresent(contact.openingMessage, forKey: .openingMessage)
    try container.encodeIfPresent(contact.additionalContext, forKey: .additionalContext)
    try container.encodeIfPresent(contact.closePreviousConversations, forKey: .closePreviousConversations)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    line = try container.decode(Int.self, forKey: .line)
    status = try container.decode(Status.self, forKey: .status)
    reason = try container.decodeIfPresent(String.self, forKey: .reason)
    contact = BulkContact(
      firstName: try container.decodeIfPresent(String.self, forKey: .firstName),
      lastName: try container.decodeIfPresent(String.self, forKey: .lastName),
      phoneNumber: try container.decodeIfPresent(String.self, forKey: .phoneNumber),
      emailAddress: try container.decodeIfPresent(String.self, forKey: .emailAddress),
      externalId: try container.decodeIfPresent(String.self, forKey: .externalId),
      openingMessage: try container.decodeIfPresent(String.self, forKey: .openingMessage),
      additionalContext: try container.decodeIfPresent(String.self, forKey: .additionalContext),
      closePreviousConversations: try container.decodeIfPresent(Bool.self, forKey: .closePreviousConversations))
  }
}

/// How far a send has got, delivered after each batch.
public struct BulkProgress: Sendable, Hashable {
  /// Rows to send in all.
  public var total: Int
  /// Rows whose outcome is settled (queued or failed).
  public var sent: Int
  public var queued: Int
  public var failed: Int
  /// Seconds since the send started.
  public var elapsed: Double
  /// What the sender is doing when it is not simply sending, for the user
  /// (`answer lost; reading the campaign to see what arrived`).
  public var note: String?

  public init(total: Int, sent: Int = 0, queued: Int = 0, failed: Int = 0, elapsed: Double = 0, note: String? = nil) {
    self.total = total
    self.sent = sent
    self.queued = queued
    self.failed = failed
    self.elapsed = elapsed
    self.note = note
  }

  public var fraction: Double { total == 0 ? 1 : Double(sent) / Double(total) }
}
