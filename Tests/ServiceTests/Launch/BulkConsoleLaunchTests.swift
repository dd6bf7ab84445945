import Foundation
import PoppSandbox
import Testing

@testable import ConsoleCore

/// The console's `b` through its real service, against the sandbox on loopback: a campaign
/// that is not LIVE is refused at the preparation, with the words `conversations bulk` uses,
/// and nothing is sent.
@Suite(.serialized) struct BulkConsoleLaunchTests {
  /// The service as `popp-console` wires it, without polling: effects go in, events are read
  /// from the mailbox.
  struct Console {
    let service: ConsoleService
    let mailbox = Mailbox<ServiceEvent>()

    init(_ harness: BulkLaunchHarness) throws {
      let sandbox = harness.sandbox
      let store = try LocalStore(path: nil)
      let engine = SyncEngine(
        client: harness.client, store: store, snapshot: try store.snapshot(), mailbox: mailbox, settings: PollSettings())
      let workflowStore = try WorkflowStore(path: nil)
      let workflow = ConsoleWorkflow(
        actions: ConversationActions(client: harness.client, organizationId: sandbox.organization.id, audit: nil),
        outbox: Outbox(client: try sandbox.client(retryPolicy: .never), store: workflowStore, organizationId: sandbox.organization.id),
        drafts: DraftSaver(store: workflowStore), audit: nil)
      service = ConsoleService(client: harness.client, engine: engine, workflow: workflow, mailbox: mailbox)
    }

    /// What the preparation of `file` for `campaign` (as the console's list has it) ended in:
    /// the problem it was refused with, or nil when the preview opened.
    func prepare(_ file: URL, for campaign: Campaign) async throws -> String? {
      await service.perform(.prepareBulk(campaign: campaign, path: file.path, defaultCountry: nil))
      let events = mailbox.drain()
      try #require(events.count == 1, "one answer to one preparation")
      switch events[0] {
      case .bulkPrepared(let path, _, _):
        #expect(path == file.path)
        return nil
      case .bulkPreparationFailed(let path, let problem):
        #expect(path == file.path)
        return problem
      default:
        Issue.record("not a preparation's answer: \(events[0])")
        return nil
      }
    }
  }

  @Test func aDraftCampaignIsRefusedWithTheCLIsMessage() async throws {
    let harness = try await BulkLaunchHarness.start()
    let draft = try #require(try await harness.client.allCampaigns().collect().first { $0.campaignStatus == .draft })
    let file = try harness.csv("First Name,Email,Candidate ID\nAda,ada@example.com,A-1\nBob,bob@example.com,B-2\n")
    try await harness.control.resetStats()

    let problem = try await Console(harness).prepare(file, for: draft)

    #expect(problem == "campaign \(draft.id) is DRAFT: conversations start only on a LIVE campaign")
    #expect(try await harness.bulkPosts() == 0)
    #expect(!FileManager.default.fileExists(atPath: BulkReport.path(forInput: file).path))
    await harness.stop()
  }

  @Test func aCampaignArchivedSinceTheListWasReadIsRefusedByWhatTheServerSays() async throws {
    let harness = try await BulkLaunchHarness.start()
    let listed = harness.campaign
    let file = try harness.csv("First Name,Last Name,Mobile,Candidate ID\n" + applicantRows(3) + "\n")
    let console = try Console(harness)
    #expect(try await console.prepare(file, for: listed) == nil, "LIVE: the preview opens")

    _ = try await harness.client.updateCampaign(id: listed.id, CampaignUpdateRequest(campaignStatus: .archived))
    try await harness.control.resetStats()
    // The console's list still says LIVE (the catalog poll has not run since).
    #expect(listed.campaignStatus == .live)
    let problem = try await console.prepare(file, for: listed)

    #expect(problem == "campaign \(listed.id) is ARCHIVED: conversations start only on a LIVE campaign")
    #expect(try await harness.bulkPosts() == 0)
    #expect(!FileManager.default.fileExists(atPath: BulkReport.path(forInput: file).path))
    await harness.stop()
  }
}
