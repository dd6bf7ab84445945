import ConsoleCore
import Foundation
import PoppAPI
import Testing

/// The console's `b` and `conversations bulk` are one launch: for the same file and campaign
/// they refuse the same campaigns with the same words, write the same results file byte for
/// byte, and the same audit entry. The CLI runs as the user runs it, against one sandbox
/// process; the console's own state and service run here, against a second sandbox process
/// with the same seed (so the same campaigns, ids and candidates).
@Suite(.serialized) struct BulkLaunchParityTests {
  /// The console without a terminal: keys go to its state, effects to its service, and the
  /// service's events back to the state, as in the UI loop.
  final class Console {
    let mailbox = Mailbox<ServiceEvent>()
    let service: ConsoleService
    let audit: AuditLog
    var state: AppState

    init(sandbox: SandboxProcess, campaigns: [Campaign], auditPath: URL) throws {
      let baseURL = try #require(URL(string: sandbox.environment["POPP_BASE_URL"] ?? ""))
      let organization = try #require(sandbox.environment["POPP_ORGANIZATION_ID"])
      let configuration = try ClientConfiguration(
        baseURL: baseURL, organizationId: organization, apiKey: try #require(sandbox.environment["POPP_API_KEY"]))
      let client = HTTPPoppClient(configuration: configuration)
      let store = try LocalStore(path: nil)
      let engine = SyncEngine(client: client, store: store, snapshot: try store.snapshot(), mailbox: mailbox, settings: PollSettings())
      let workflowStore = try WorkflowStore(path: nil)
      audit = AuditLog(path: auditPath.path)
      let workflow = ConsoleWorkflow(
        actions: ConversationActions(client: client, organizationId: organization, audit: audit),
        outbox: Outbox(client: client, store: workflowStore, organizationId: organization, audit: audit),
        drafts: DraftSaver(store: workflowStore), audit: audit)
      service = ConsoleService(client: client, engine: engine, workflow: workflow, mailbox: mailbox)
      state = AppState(connection: ConnectionInfo(organizationId: organization, baseURL: baseURL, isSandbox: true))
      _ = state.apply(.loaded(campaigns: campaigns, conversations: [], templates: [], at: nil))
    }

    var screen: BulkScreen? {
      guard let screen = state.mode(BulkMode.self)?.screen else { return nil }
      return screen
    }

    func press(_ key: Key) async {
      for effect in state.handle(key) { await service.perform(effect) }
    }

    /// `b` on `campaign` in the campaigns pane, the path typed, Enter: the launch screen once
    /// its preparation has answered.
    func openBulk(_ file: URL, campaignId: String) async throws -> BulkScreen {
      state.focus = .campaigns
      state.campaignSelection = try #require(state.campaigns.firstIndex { $0.id == campaignId }) + 1
      await press(.character("b"))
      for character in file.path { await press(.character(character)) }
      await press(.enter)
      try await wait("the preparation's answer") { $0.phase != .preparing }
      return try #require(screen)
    }

    func wait(_ what: String, until condition: (BulkScreen) -> Bool) async throws {
      for _ in 0..<500 {
        for event in mailbox.drain() {
          for effect in state.apply(event) { await service.perform(effect) }
        }
        if let screen, condition(screen) { return }
        try await Task.sleep(for: .milliseconds(20))
      }
      Issue.record("timed out waiting for \(what)")
      throw CancellationError()
    }
  }

  func listCampaigns(_ sandbox: SandboxProcess) throws -> [Campaign] {
    let listed = try CLI.run(["campaigns", "list", "--json"], environment: sandbox.environment)
    return try PoppJSON.makeDecoder().decode([Campaign].self, from: Data(listed.stdout.utf8))
  }

  func listConversations(_ sandbox: SandboxProcess, campaignId: String) throws -> [Conversation] {
    let listed = try CLI.run(["conversations", "list", "--campaign", campaignId, "--json"], environment: sandbox.environment)
    return try PoppJSON.makeDecoder().decode([Conversation].self, from: Data(listed.stdout.utf8))
  }

  func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("popp-bulk-parity-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test func theConsoleAndTheCLIRefuseTheSameAndWriteTheSameResultsFile() async throws {
    try await offPoolAwaiting {
      let cliSandbox = try SandboxProcess()
      let consoleSandbox = try SandboxProcess()
      let cliFolder = try folder()
      let consoleFolder = try folder()
      defer {
        _ = cliSandbox.stop()
        _ = consoleSandbox.stop()
        try? FileManager.default.removeItem(at: cliFolder)
        try? FileManager.default.removeItem(at: consoleFolder)
      }
      let campaigns = try listCampaigns(cliSandbox)
      try #require(try listCampaigns(consoleSandbox).map(\.id) == campaigns.map(\.id), "the same seed, the same campaigns")
      let live = try #require(campaigns.first { $0.channel == .sms && $0.campaignStatus == .live })
      let draft = try #require(campaigns.first { $0.campaignStatus == .draft })
      let console = try Console(sandbox: consoleSandbox, campaigns: campaigns, auditPath: consoleFolder.appendingPathComponent("audit.log"))

      // A DRAFT campaign: the CLI exits 1 and the console's preparation fails, in the same words.
      let draftFile = "First Name,Email\nAda,ada@example.com\n"
      try Data(draftFile.utf8).write(to: cliFolder.appendingPathComponent("draft.csv"))
      try Data(draftFile.utf8).write(to: consoleFolder.appendingPathComponent("draft.csv"))
      let refused = try CLI.run(
        ["conversations", "bulk", "--campaign", draft.id, "--csv", cliFolder.appendingPathComponent("draft.csv").path, "--yes"],
        environment: cliSandbox.environment)
      #expect(refused.status == 1, "\(refused.stderr)")
      let cliProblem = refused.stderr.split(separator: "\n").last.map { String($0.dropFirst("popp-console: ".count)) }
      #expect(cliProblem == "campaign \(draft.id) is DRAFT: conversations start only on a LIVE campaign", "\(refused.stderr)")
      let draftScreen = try await console.openBulk(consoleFolder.appendingPathComponent("draft.csv"), campaignId: draft.id)
      #expect(draftScreen.phase == .failed(cliProblem ?? ""), "the console refuses with the CLI's words")
      await console.press(.escape)
      for folder in [cliFolder, consoleFolder] {
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("draft.results.csv").path))
      }

      // A LIVE campaign: a row with a multi-line note, one already in the campaign (by its
      // candidate id: demo phone numbers need not pass the file's checks), an invalid one, a
      // duplicate, a hostile name.
      let held = try #require(try listConversations(cliSandbox, campaignId: live.id).compactMap(\.externalId).first)
      let applicants = """
        First Name;Surname;Mobile;Candidate ID;Notes
        Ada;Lovelace;+44 7400 900001;A-1;"prefers evenings; ask about
        the night shift"
        Held;Already;+447400900004;\(held);
        Bob;Builder;07400 900002;B-2;
        Cé;Dup;+447400900003;A-1;

        Evil\u{1B}[31m;X;+447400900005;E-5;

        """
      try Data(applicants.utf8).write(to: cliFolder.appendingPathComponent("applicants.csv"))
      try Data(applicants.utf8).write(to: consoleFolder.appendingPathComponent("applicants.csv"))

      let run = try CLI.run(
        ["conversations", "bulk", "--campaign", live.id, "--csv", cliFolder.appendingPathComponent("applicants.csv").path, "--yes"],
        environment: cliSandbox.environment)
      #expect(run.status == 1, "an invalid row: \(run.stderr)")

      let preview = try await console.openBulk(consoleFolder.appendingPathComponent("applicants.csv"), campaignId: live.id)
      #expect(preview.effectivePlan?.counts.ready == 2, "\(preview.phase)")
      await console.press(.character("y"))
      try await console.wait("the results") {
        if case .finished = $0.phase { return true }
        return false
      }

      let cliResults = try Data(contentsOf: cliFolder.appendingPathComponent("applicants.results.csv"))
      let consoleResults = try Data(contentsOf: consoleFolder.appendingPathComponent("applicants.results.csv"))
      #expect(
        cliResults == consoleResults,
        "\(String(decoding: cliResults, as: UTF8.self))\n≠\n\(String(decoding: consoleResults, as: UTF8.self))")
      #expect(
        try BulkReport.read(cliFolder.appendingPathComponent("applicants.results.csv")).map(\.status) == [
          .queued, .skipped, .invalid, .skipped, .queued,
        ], "\(String(decoding: cliResults, as: UTF8.self))")

      let cliAudit = try AuditLog(path: cliSandbox.stateHome.appendingPathComponent("popp-console/audit.log").path).entries()
        .filter { $0.action == .bulkLaunch }
      let consoleAudit = try console.audit.entries().filter { $0.action == .bulkLaunch }
      #expect(cliAudit.count == 1 && consoleAudit.count == 1)
      #expect(cliAudit.map(\.detail) == consoleAudit.map(\.detail))
      #expect(cliAudit.map(\.outcome) == consoleAudit.map(\.outcome))
      #expect(cliAudit.map(\.campaign) == consoleAudit.map(\.campaign))
      #expect(cliAudit.first?.detail == "applicants.csv: 2 queued, 0 failed, 2 skipped, 1 invalid, 0 not sent")
    }
  }
}
