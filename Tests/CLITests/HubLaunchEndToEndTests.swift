import ConsoleCore
import Foundation
import PoppAPI
import Testing

/// `b` in a console attached to a hub, holding no key: the file is read and its results written as the recruiter,
/// the hub makes every request and audits each batch under the recruiter's Unix user.
@Suite(.serialized) struct HubLaunchEndToEndTests {
  @Test func aCSVLaunchFromAnAttachedConsoleGoesThroughTheHub() async throws {
    try await offPoolAwaiting {
      try await withHub { sandbox, hub in try Self.launch(sandbox: sandbox, hub: hub) }
    }
  }

  static func conversations(campaign: String, _ sandbox: SandboxProcess) throws -> [Conversation] {
    try PoppJSON.makeDecoder().decode(
      [Conversation].self,
      from: Data(try CLI.run(["conversations", "list", "--campaign", campaign, "--json"], environment: sandbox.environment).stdout.utf8))
  }

  static func launch(sandbox: SandboxProcess, hub: HubProcess) throws {
    let campaigns = try PoppJSON.makeDecoder().decode(
      [Campaign].self, from: Data(try CLI.run(["campaigns", "list", "--json"], environment: sandbox.environment).stdout.utf8))
    let campaign = try #require(campaigns.first { $0.channel == .sms && $0.campaignStatus == .live })
    let before = try conversations(campaign: campaign.id, sandbox).count
    let session = try TmuxSession(columns: 120, rows: 40, arguments: "--hub \(hub.socket) --default-country GB")
    try session.wait(for: "attached") { $0.contains("via hub · 25 conversations") }

    try session.selectCampaign(titled: campaign.campaignTitle)

    let folder = session.home.appendingPathComponent("import")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let csv = folder.appendingPathComponent("applicants.csv")
    try Data("First Name,Phone\nAda,07400 900301\nBob,+447400900302\nCyd,+44 7400 900303\nBad,12\n".utf8).write(to: csv)
    try session.send("b")
    try session.wait(for: "the path prompt") { $0.contains("CSV file:") }
    try session.send("-l", csv.path)
    try session.send("Enter")
    let preview = try session.wait(for: "the preview") { $0.contains("ready to send:") && $0.contains("y send") }
    #expect(preview.contains("ready to send:           3"), "\(preview)")
    #expect(preview.contains("invalid:                 1"))
    try session.send("y")
    let done = try session.wait(for: "the results") { $0.contains("Done:") }
    #expect(done.contains("queued 3"), "\(done)")

    let report = try String(contentsOf: folder.appendingPathComponent("applicants.results.csv"), encoding: .utf8)
    #expect(report.split(whereSeparator: \.isNewline).filter { $0.contains(",queued,") }.count == 3, "\(report)")
    let listed = try conversations(campaign: campaign.id, sandbox)
    #expect(listed.count == before + 3)
    for phone in ["+447400900301", "+447400900302", "+447400900303"] {
      #expect(listed.filter { $0.participantPhoneNumber == phone }.count == 1, "\(phone) started once")
    }
    let audit = try AuditLog(path: sandbox.stateHome.appendingPathComponent("popp-console/hub/audit.log").path).entries()
    #expect(
      audit.contains { $0.action == .bulkLaunch && $0.campaign == campaign.id && ($0.detail ?? "").contains("3 contacts through the hub") },
      "\(audit)")

    try session.send("Escape")
    Thread.sleep(forTimeInterval: 0.3)
    try session.send("q")
    try session.wait(for: "exit") { _ in session.exitStatus != nil }
    #expect(session.exitStatus == "0")
  }
}
