public import Foundation

extension BulkLaunch {
  /// Keeps what became of every row: the audit entry (counts only, no candidate), then the
  /// results file beside the input, written atomically. The audit entry comes first so that
  /// it is kept even when the file cannot be written: the conversations started either way.
  /// Throws only the results file's failure.
  public func record(_ results: [BulkRowResult], audit: AuditLog?, organization: String) throws {
    try Self.record(results, campaignId: campaignId, input: input, audit: audit, organization: organization)
  }

  /// The same, for a launch that never had a client (the hub it goes through could not be reached).
  public static func record(_ results: [BulkRowResult], campaignId: String, input: URL, audit: AuditLog?, organization: String) throws {
    audit?.recordBulkLaunch(results, organization: organization, campaignId: campaignId, input: input)
    try BulkReport.write(results, campaignId: campaignId, to: BulkReport.path(forInput: input), permissionsOf: input)
  }
}
