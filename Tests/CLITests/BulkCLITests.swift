import ConsoleCore
import Foundation
import PoppAPI
import Testing

/// `conversations bulk` as a user runs it, against a sandbox child process.
@Suite(.serialized) struct BulkCLITests {
  struct Fixture {
    let sandbox: SandboxProcess
    let campaignId: String
    let folder: URL
    var csv: URL { folder.appendingPathComponent("applicants.csv") }
    var report: URL { folder.appendingPathComponent("applicants.results.csv") }

    init() throws {
      sandbox = try SandboxProcess()
      let listed = try CLI.run(["campaigns", "list", "--json"], environment: sandbox.environment)
      let campaigns = try PoppJSON.makeDecoder().decode([Campaign].self, from: Data(listed.stdout.utf8))
      campaignId = try #require(campaigns.first { $0.channel == .sms && $0.campaignStatus == .live }).id
      folder = FileManager.default.temporaryDirectory.appendingPathComponent("popp-bulk-cli-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func write(_ text: String) throws { try Data(text.utf8).write(to: csv) }

    func bulk(_ extra: [String]) throws -> CLI.Result {
      try CLI.run(["conversations", "bulk", "--campaign", campaignId, "--csv", csv.path] + extra, environment: sandbox.environment)
    }

    func conversationCount() throws -> Int {
      let listed = try CLI.run(["conversations", "list", "--campaign", campaignId, "--json"], environment: sandbox.environment)
      return try PoppJSON.makeDecoder().decode([Conversation].self, from: Data(listed.stdout.utf8)).count
    }

    func stop() {
      try? FileManager.default.removeItem(at: folder)
      _ = sandbox.stop()
    }
  }

  static let applicants = """
    First Name;Surname;Mobile;Candidate ID;Notes
    Ada;Lovelace;+44 7400 900001;A-1;"prefers evenings; ask about
    the night shift"
    Bob;Builder;07400 900002;B-2;
    Cé;Dup;+447400900003;A-1;

    Evil\u{1B}[31m;X;+447400900005;E-5;

    """

  @Test func theResultsTableAlignsByDisplayWidthWithWideNames() async throws {
    try await offPool {
      let fixture = try Fixture()
      defer { fixture.stop() }
      // A run that sends prints the table: one good row with the two bad ones.
      try fixture.write("First Name,Surname,Phone\n美咲,佐藤,12\nBob,Builder,34\nAda,Lovelace,+447400900011\n")
      let sent = try fixture.bulk(["--yes"])
      let lines = sent.stdout.split(separator: "\n").map(String.init)
      let reasons = lines.filter { $0.contains("invalid") }
      #expect(reasons.count == 2, "\(sent.stdout)")
      TextWidth.prepareLocale()
      let starts = zip(reasons, ["美咲 佐藤", "Bob Builder"]).map { line, name -> Int in
        guard let named = line.range(of: name) else { return -1 }
        let reason = line[named.upperBound...].firstIndex { $0 != " " } ?? line.endIndex
        return TextWidth.columns(line[..<reason])
      }
      #expect(starts.count == 2 && starts[0] == starts[1], "the REASON column starts at one screen column: \(reasons)")
    }
  }

  @Test func aBulkWithYesPrintsATableAndWritesTheResultsBesideTheInput() async throws {
    try await offPool {
      let fixture = try Fixture()
      defer { fixture.stop() }
      try fixture.write(Self.applicants)
      let before = try fixture.conversationCount()
      let run = try fixture.bulk(["--yes"])
      #expect(run.status == 1, "an invalid row means not everything was queued: \(run.stderr)")
      #expect(run.stdout.hasPrefix("LINE  STATUS"))
      let rows = run.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ", omittingEmptySubsequences: true) }
      #expect(rows.map { $0.prefix(2).joined(separator: " ") } == ["2 queued", "4 invalid", "5 skipped", "7 queued"])
      #expect(run.stdout.contains("duplicate of line 2"))
      #expect(run.stderr.contains("ready to send:           2") && run.stderr.contains("queued 2"))
      #expect(!(run.stdout + run.stderr).unicodeScalars.contains { $0.value == 0x1B }, "CSV text is printed inert")
      #expect(!(run.stdout + run.stderr).contains("sandbox-key"))
      #expect(try fixture.conversationCount() == before + 2)

      let results = try BulkReport.read(fixture.report)
      #expect(results.map(\.line) == [2, 4, 5, 7])
      #expect(results.map(\.status) == [.queued, .invalid, .skipped, .queued])
      #expect(results[0].contact.phoneNumber == "+447400900001", "the number as sent")
      #expect(results[0].contact.additionalContext == "prefers evenings; ask about\nthe night shift")
      #expect(results[1].reason?.contains("no default country is set") == true)
      let audit = try String(
        contentsOf: fixture.sandbox.stateHome.appendingPathComponent("popp-console/audit.log"), encoding: .utf8)
      #expect(audit.contains("\"bulk-launch\"") && audit.contains("2 queued, 0 failed, 1 skipped, 1 invalid"))
      #expect(!audit.contains("+447400900001"), "the audit log names no candidate")

      // Run again: the two queued rows are in the campaign, the invalid one still is.
      let again = try fixture.bulk(["--yes"])
      #expect(again.status == 2)
      #expect(again.stderr.contains("nothing valid to send") && again.stderr.contains("2 already in the campaign"))
      #expect(try fixture.conversationCount() == before + 2)
      #expect(try BulkReport.read(fixture.report) == results, "the results file is left as it was")

      // The same file on another campaign: nothing of it is there yet.
      let listed = try CLI.run(["campaigns", "list", "--json"], environment: fixture.sandbox.environment)
      let other = try #require(
        try PoppJSON.makeDecoder().decode([Campaign].self, from: Data(listed.stdout.utf8)).first {
          $0.channel == .sms && $0.campaignStatus == .live && $0.id != fixture.campaignId
        })
      let elsewhere = try CLI.run(
        ["conversations", "bulk", "--campaign", other.id, "--csv", fixture.csv.path, "--dry-run"], environment: fixture.sandbox.environment)
      #expect(elsewhere.stdout.contains("ready to send:           2") && elsewhere.stdout.contains("already in the campaign: 0"))
    }
  }

  @Test func aCleanFileExitsZeroAndItsJSONParses() async throws {
    try await offPool {
      let fixture = try Fixture()
      defer { fixture.stop() }
      try fixture.write("Name,Phone,ID\nMary Ann Smith,+447400900011,M-1\nJo Bloggs,+447400900012,J-2\n")
      let run = try fixture.bulk(["--yes", "--json"])
      #expect(run.status == 0, "\(run.stderr)")
      let results = try JSONDecoder().decode([BulkRowResult].self, from: Data(run.stdout.utf8))
      #expect(results.map(\.status) == [.queued, .queued])
      #expect(results.map(\.contact.firstName) == ["Mary Ann", "Jo"])
      #expect(results.map(\.contact.lastName) == ["Smith", "Bloggs"])
      #expect(run.stderr.contains("split at the last space"), "the mapping is shown")
    }
  }

  @Test func aDryRunSendsNothing() async throws {
    try await offPool {
      let fixture = try Fixture()
      defer { fixture.stop() }
      try fixture.write(Self.applicants)
      let before = try fixture.conversationCount()
      let run = try fixture.bulk(["--dry-run"])
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stdout.contains("Columns (semicolon-separated):"))
      #expect(run.stdout.contains("line 4: phoneNumber \"07400 900002\""))
      #expect(run.stdout.contains("Dry run: nothing sent."))
      let json = try fixture.bulk(["--dry-run", "--json"])
      let preview = try JSONDecoder().decode([BulkRowResult].self, from: Data(json.stdout.utf8))
      #expect(preview.map(\.status) == [.ready, .invalid, .skipped, .ready])
      #expect(try fixture.conversationCount() == before)
      #expect(!FileManager.default.fileExists(atPath: fixture.report.path))
    }
  }

  @Test func withoutATerminalItNeedsYes() async throws {
    try await offPool {
      let fixture = try Fixture()
      defer { fixture.stop() }
      try fixture.write(Self.applicants)
      let before = try fixture.conversationCount()
      let run = try fixture.bulk([])
      #expect(run.status == 2)
      #expect(run.stderr.contains("add --yes"))
      #expect(try fixture.conversationCount() == before)
    }
  }

  @Test func aCampaignThatIsNotLiveIsRefusedWithExit1AfterItsPreview() async throws {
    try await offPool {
      let fixture = try Fixture()
      defer { fixture.stop() }
      let listed = try CLI.run(["campaigns", "list", "--json"], environment: fixture.sandbox.environment)
      let draft = try #require(
        try PoppJSON.makeDecoder().decode([Campaign].self, from: Data(listed.stdout.utf8)).first { $0.campaignStatus == .draft })
      try fixture.write("First Name,Email\nAda,ada@example.com\n")
      let send = ["conversations", "bulk", "--campaign", draft.id, "--csv", fixture.csv.path]
      let refused = try CLI.run(send + ["--yes"], environment: fixture.sandbox.environment)
      #expect(refused.status == 1)
      #expect(refused.stderr.hasSuffix("popp-console: campaign \(draft.id) is DRAFT: conversations start only on a LIVE campaign\n"))
      #expect(!FileManager.default.fileExists(atPath: fixture.report.path))
      // A dry run still checks the file, so it can be ready before the campaign goes LIVE.
      let preview = try CLI.run(send + ["--dry-run"], environment: fixture.sandbox.environment)
      #expect(preview.status == 0 && preview.stdout.contains("ready to send:           1"), "\(preview.stderr)")
    }
  }

  @Test func fileProblemsExit2AndSayWhat() async throws {
    try await offPool {
      let fixture = try Fixture()
      defer { fixture.stop() }
      try (Data("First Name,Phone\nJos".utf8) + Data([0xE9]) + Data(",+447400900001\n".utf8)).write(to: fixture.csv)
      let latin1 = try fixture.bulk(["--yes"])
      #expect(latin1.status == 2)
      #expect(latin1.stderr.contains("line 2: not UTF-8 (byte 0xE9)"))
      try fixture.write("Known as,Tel\nAda,+447400900001\n")
      let unmapped = try fixture.bulk(["--yes"])
      #expect(unmapped.status == 2 && unmapped.stderr.contains("no column for firstName"))
      let mapped = try fixture.bulk(["--dry-run", "--map", "firstName=Known as"])
      #expect(mapped.status == 0 && mapped.stdout.contains("ready to send:           1"), "\(mapped.stderr)")
      let badMap = try fixture.bulk(["--dry-run", "--map", "colour=Known as"])
      #expect(badMap.status == 2)
      try fixture.write("First Name,Phone\n")
      let headerOnly = try fixture.bulk(["--yes"])
      #expect(headerOnly.status == 2 && headerOnly.stderr.contains("no rows"))
    }
  }
}
