public import Foundation
public import PoppAPI

/// One CSV launch into one campaign, the same whether it starts from the console's `b` or
/// from `conversations bulk`: the same preparation, LIVE check, sending, results file and
/// audit entry. Only what the user sees (screen or terminal) is the caller's.
///
/// The steps, in order: `prepare` (the campaign as the server has it, the file checked off
/// the caller's actor, who the campaign already holds), `requireLive`, `send`, `record`.
public struct BulkLaunch: Sendable {
  public let client: any PoppClient
  public let campaignId: String
  /// The CSV file; the results file goes beside it.
  public let input: URL

  public init(client: any PoppClient, campaignId: String, input: URL) {
    self.client = client
    self.campaignId = campaignId
    self.input = input
  }

  /// `applicants.csv` → `applicants.results.csv`: written by `record`, read back by
  /// `prepare` so that a re-run skips what was already queued.
  public var resultsFile: URL { BulkReport.path(forInput: input) }
}
