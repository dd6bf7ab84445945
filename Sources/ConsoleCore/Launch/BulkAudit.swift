public import Foundation

extension AuditLog {
  /// One line for a CSV launch, from the console or the CLI: the file and how its rows ended
  /// (never names, numbers or addresses).
  public func recordBulkLaunch(_ results: [BulkRowResult], organization: String, campaignId: String, input: URL) {
    let count = { (status: BulkRowResult.Status) in results.filter { $0.status == status }.count }
    let failed = count(.failed)
    record(
      .bulkLaunch, organization: organization, campaign: campaignId, outcome: failed == 0 ? "ok" : "failed: \(failed) rows",
      detail:
        "\(input.lastPathComponent): \(count(.queued)) queued, \(failed) failed, \(count(.skipped)) skipped, \(count(.invalid)) invalid, \(count(.notSent)) not sent"
    )
  }
}
