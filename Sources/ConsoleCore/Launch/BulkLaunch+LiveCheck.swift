public import PoppAPI

extension BulkLaunch {
  /// Refuses a campaign that is not LIVE before anything is sent, rather than let the server
  /// refuse the first batch and every row after it be "not sent". The console shows it as
  /// the preparation's failure; the CLI checks it after a dry run's preview (a DRAFT
  /// campaign's file can still be checked) and exits 1.
  public static func requireLive(_ campaign: Campaign) throws(BulkLaunchError) {
    guard campaign.campaignStatus == .live else {
      throw .campaignNotLive(campaignId: campaign.id, status: campaign.campaignStatus)
    }
  }
}
