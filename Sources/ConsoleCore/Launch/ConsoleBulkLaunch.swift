public import Foundation
public import PoppAPI

/// The console's CSV launch (`b`), whoever makes the requests (Popp with the console's key, or the team's hub with
/// its own): the file is read and the results file written here, as the recruiter's Unix user, and every step is
/// told to the UI through the mailbox.
public struct ConsoleBulkLaunch: Sendable {
  public let client: any PoppClient
  /// Where the launch is recorded; nil when the hub records each batch itself.
  public let audit: AuditLog?
  public let organizationId: String
  public let mailbox: Mailbox<ServiceEvent>

  public init(client: any PoppClient, audit: AuditLog?, organizationId: String, mailbox: Mailbox<ServiceEvent>) {
    self.client = client
    self.audit = audit
    self.organizationId = organizationId
    self.mailbox = mailbox
  }

  /// The campaign as the server has it, the file checked and who the campaign already holds; a campaign that is not
  /// LIVE is refused here, before the preview offers to send.
  public func prepare(campaign: Campaign, path: String, defaultCountry: String?) async {
    let launch = BulkLaunch(client: client, campaignId: campaign.id, input: URL(fileURLWithPath: path))
    do throws(BulkLaunchError) {
      let prepared = try await launch.prepare(defaultCountry: defaultCountry)
      try BulkLaunch.requireLive(prepared.campaign)
      mailbox.post(.bulkPrepared(path: path, plan: prepared.plan, existing: prepared.existing))
    } catch {
      mailbox.post(.bulkPreparationFailed(path: path, problem: error.description))
    }
  }

  /// Sends the plan's ready rows (cancelling the calling task stops after the batch in flight), then writes the
  /// results file beside the CSV.
  public func send(campaignId: String, path: String, plan: BulkPlan, existing: ExistingContacts, businessHours: Bool) async {
    let launch = BulkLaunch(client: client, campaignId: campaignId, input: URL(fileURLWithPath: path))
    let mailbox = mailbox
    let results = await launch.send(plan, existing: existing, businessHours: businessHours) { mailbox.post(.bulkProgress($0)) }
    finish(launch, results)
  }

  /// Nothing could be sent (`reason` says why): every ready row is recorded as not sent, so a re-run sends them.
  public static func notSent(
    campaignId: String, path: String, plan: BulkPlan, reason: String, organizationId: String, mailbox: Mailbox<ServiceEvent>
  ) {
    let unsent = plan.outgoing.map { BulkRowResult(line: $0.line, contact: $0.contact, status: .notSent, reason: reason) }
    finish(plan.results(sent: unsent), campaignId: campaignId, path: path, audit: nil, organizationId: organizationId, mailbox: mailbox)
  }

  private func finish(_ launch: BulkLaunch, _ results: [BulkRowResult]) {
    Self.finish(
      results, campaignId: launch.campaignId, path: launch.input.path, audit: audit, organizationId: organizationId, mailbox: mailbox)
  }

  private static func finish(
    _ results: [BulkRowResult], campaignId: String, path: String, audit: AuditLog?, organizationId: String,
    mailbox: Mailbox<ServiceEvent>
  ) {
    let input = URL(fileURLWithPath: path)
    var reportError: String?
    do {
      try BulkLaunch.record(results, campaignId: campaignId, input: input, audit: audit, organization: organizationId)
    } catch {
      reportError = "The results file \(BulkReport.path(forInput: input).path) could not be written: \(error)"
    }
    let report = reportError == nil ? BulkReport.path(forInput: input).path : nil
    mailbox.post(.bulkFinished(results: results, report: report, reportError: reportError))
  }
}
