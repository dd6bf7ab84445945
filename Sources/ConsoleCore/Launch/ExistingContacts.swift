public import Foundation

/// What a campaign already has, for a re-run to skip and for the sender to tell its own new
/// conversations from older ones after a lost answer: the keys of the campaign's
/// conversations and of the rows a previous run's results file says were queued, and the
/// ids of the conversations the server listed.
public struct ExistingContacts: Sendable, Hashable {
  public var keys: Set<ContactKey>
  /// The campaign's conversations when they were read: the sender's baseline.
  public var conversationIds: Set<String>
  /// How many queued rows the previous results file contributed.
  public var rowsFromReport: Int
  /// Why the previous results file could not be read, when it exists but cannot be.
  public var reportProblem: String?

  public init(keys: Set<ContactKey> = [], conversationIds: Set<String> = [], rowsFromReport: Int = 0, reportProblem: String? = nil) {
    self.keys = keys
    self.conversationIds = conversationIds
    self.rowsFromReport = rowsFromReport
    self.reportProblem = reportProblem
  }

  /// Reads the campaign's conversations from the server (pages of 500) and, when given and
  /// present, the previous results file. Only the documented list parameters are used.
  public static func fetch(
    client: any PoppClient, campaignId: String, previousReport: URL? = nil
  ) async throws(PoppError) -> ExistingContacts {
    var existing = try await fromServer(client: client, campaignId: campaignId)
    if let previousReport, FileManager.default.fileExists(atPath: previousReport.path) {
      do {
        existing.add(report: try BulkReport.read(previousReport, campaignId: campaignId))
      } catch {
        existing.reportProblem = "\(previousReport.lastPathComponent) could not be read (\(error)); relying on the server alone"
      }
    }
    return existing
  }

  static func fromServer(client: any PoppClient, campaignId: String) async throws(PoppError) -> ExistingContacts {
    var existing = ExistingContacts()
    for try await conversation in client.allConversations(ConversationQuery(campaignId: campaignId, limit: 500)) {
      // A server that ignored the filter must not make other campaigns' candidates look sent.
      if let other = conversation.campaignId, other != campaignId { continue }
      existing.conversationIds.insert(conversation.id)
      existing.keys.formUnion(ContactKey.all(of: conversation))
    }
    return existing
  }

  /// Adds the rows a previous run queued (or found already there). Popp answers a bulk with
  /// 202 and may list the conversations later, so the report covers what the server does
  /// not show yet.
  public mutating func add(report: [BulkRowResult]) {
    for row in report
    where row.status == .queued || (row.status == .skipped && row.reason == BulkRowResult.alreadyInCampaign) {
      keys.formUnion(
        ContactKey.all(externalId: row.contact.externalId, phoneNumber: row.contact.phoneNumber, emailAddress: row.contact.emailAddress))
      rowsFromReport += 1
    }
  }
}
