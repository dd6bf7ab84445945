import Foundation
import PoppAPI

extension BulkLaunch {
  /// Reads the campaign (its channel decides which contact each row needs, its status
  /// whether the launch may go ahead), reads and checks the file off the caller's actor
  /// (10,000 rows take a few hundred milliseconds: the console's service must not stall on
  /// them), then asks the server who the campaign already holds, adding the rows the
  /// previous results file says were queued unless `readingPreviousResults` is false.
  public func prepare(
    defaultCountry: String?, overrides: [ColumnOverride] = [], delimiter: Unicode.Scalar? = nil, readingPreviousResults: Bool = true
  ) async throws(BulkLaunchError) -> BulkPreparation {
    let campaign: Campaign
    do throws(PoppError) {
      campaign = try await client.campaign(id: campaignId)
    } catch {
      throw .campaignUnreadable(error)
    }
    let settings = BulkImportSettings(channel: campaign.channel, defaultCountry: defaultCountry, overrides: overrides, delimiter: delimiter)
    let input = input
    let read = await Task.detached { () -> Result<BulkPlan, BulkFileError> in
      do throws(BulkFileError) {
        return .success(try BulkPlan.prepare(fileAt: input, settings: settings))
      } catch {
        return .failure(error)
      }
    }.value
    let plan = try read.mapError(BulkLaunchError.file).get()
    do throws(PoppError) {
      let existing = try await ExistingContacts.fetch(
        client: client, campaignId: campaign.id, previousReport: readingPreviousResults ? resultsFile : nil)
      return BulkPreparation(campaign: campaign, plan: plan, existing: existing)
    } catch {
      throw .existingContactsUnreadable(error)
    }
  }
}
