public import PoppAPI

/// Why a CSV launch cannot go ahead, before anything is sent. The descriptions are the
/// console's words; the CLI prints some of them its own way (a file problem with the
/// columns found, a network error as every command does).
public enum BulkLaunchError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The campaign could not be read: its channel decides which contact each row needs.
  case campaignUnreadable(PoppError)
  /// The file cannot become a plan at all.
  case file(BulkFileError)
  /// Without the campaign's conversations, a re-run could send someone twice.
  case existingContactsUnreadable(PoppError)
  /// Conversations start only on a LIVE campaign: the server would refuse every batch.
  case campaignNotLive(campaignId: String, status: CampaignStatus)

  public var description: String {
    switch self {
    case .campaignUnreadable(let error):
      "Cannot read the campaign: \(error.description)"
    case .file(let error):
      error.description
    case .existingContactsUnreadable(let error):
      "Cannot read the campaign's conversations to avoid sending anyone twice: \(error.description)"
    case .campaignNotLive(let campaignId, let status):
      "campaign \(campaignId) is \(status.rawValue): conversations start only on a LIVE campaign"
    }
  }
}
