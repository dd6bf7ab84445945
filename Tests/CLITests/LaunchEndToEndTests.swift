import Foundation
import PoppAPI
import Testing

/// Launching candidates from the console in a real terminal against a sandbox process: `a`
/// starts one conversation with a phone written the way people write it, `b` sends a CSV
/// after its preview and writes the row-by-row results beside it, and a second `b` of the
/// same file finds nobody left to send.
@Suite(.serialized) struct LaunchEndToEndTests {
  func conversations(campaign: String, _ sandbox: SandboxProcess) throws -> [Conversation] {
    try PoppJSON.makeDecoder().decode(
      [Conversation].self,
      from: Data(try CLI.run(["conversations", "list", "--campaign", campaign, "--json"], environment: sandbox.environment).stdout.utf8))
  }

  @Test func oneCandidateThenACSVFromTheConsole() async throws {
    try await offPool {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let campaigns = try PoppJSON.makeDecoder().decode(
        [Campaign].self, from: Data(try CLI.run(["campaigns", "list", "--json"], environment: sandbox.environment).stdout.utf8))
      let campaign = try #require(campaigns.first { $0.channel == .sms && $0.campaignStatus == .live })
      let before = try conversations(campaign: campaign.id, sandbox).count
      let session = try TmuxSession(
        columns: 120, rows: 40, arguments: "--default-country ZA",
        environment: sandbox.environment.filter { $0.key != "XDG_STATE_HOME" })
      try session.wait(for: "first load") { $0.contains("25 conversations") }

      try session.selectCampaign(titled: campaign.campaignTitle)

      // `a`: a national number is shown and sent in E.164.
      try session.send("a")
      try session.wait(for: "the launch form") { $0.contains("Start a conversation") }
      try session.send("-l", "Thandiwe")
      try session.send("Tab")
      try session.send("-l", "Mokoena")
      try session.send("Tab")
      try session.send("-l", "082 123 4567")
      try session.wait(for: "the number as it will be sent") { $0.contains("→ +27821234567") }
      try session.send("C-s")
      try session.wait(for: "the launch") { $0.contains("Conversation started with Thandiwe Mokoena at +27821234567") }
      var listed = try conversations(campaign: campaign.id, sandbox)
      #expect(listed.count == before + 1)
      #expect(listed.filter { $0.participantPhoneNumber == "+27821234567" && $0.participantFirstName == "Thandiwe" }.count == 1)

      // `b`: three good rows, one bad phone, one duplicate; previewed, sent, reported.
      let folder = session.home.appendingPathComponent("import")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let csv = folder.appendingPathComponent("applicants.csv")
      try Data(
        """
        \u{FEFF}First name;Last name;Mobile;Candidate ID
        Lerato;Dlamini;+27 82 555 0101;ATS-1
        Sipho;"Nkosi; Jr";082 555 0102;ATS-2
        Naledi;Khumalo;0825550103;ATS-3
        Bad;Phone;12;ATS-4
        Lerato;Again;+27825550101;ATS-1

        """.utf8
      ).write(to: csv)
      try session.send("b")
      try session.wait(for: "the path prompt") { $0.contains("CSV file:") }
      try session.send("-l", csv.path)
      try session.send("Enter")
      var screen = try session.wait(for: "the preview") { $0.contains("ready to send:") && $0.contains("y send") }
      #expect(screen.contains("ready to send:           3"))
      #expect(screen.contains("invalid:                 1"))
      #expect(screen.contains("duplicates in the file:  1"))
      #expect(screen.contains("line 5:"), "the bad phone is named by its line")
      #expect(try conversations(campaign: campaign.id, sandbox).count == before + 1, "nothing is sent before y")
      try session.send("y")
      screen = try session.wait(for: "the results") { $0.contains("Done:") }
      #expect(screen.contains("queued 3"))
      let report = folder.appendingPathComponent("applicants.results.csv")
      let lines = try String(contentsOf: report, encoding: .utf8).split(whereSeparator: \.isNewline)
      #expect(lines.count == 6, "a header and one line per row")
      #expect(lines.filter { $0.contains(",queued,") }.count == 3)
      listed = try conversations(campaign: campaign.id, sandbox)
      #expect(listed.count == before + 4)
      #expect(Set(listed.compactMap(\.participantPhoneNumber)).isSuperset(of: ["+27825550101", "+27825550102", "+27825550103"]))

      // The same file again: everyone is already in the campaign.
      try session.send("Escape")
      Thread.sleep(forTimeInterval: 0.3)
      try session.send("b")
      try session.wait(for: "the path prompt") { $0.contains("CSV file:") }
      try session.send("-l", csv.path)
      try session.send("Enter")
      screen = try session.wait(for: "the second preview") { $0.contains("already in the campaign:") }
      #expect(screen.contains("already in the campaign: 3"))
      #expect(screen.contains("Nothing to send"))
      try session.send("Escape")
      Thread.sleep(forTimeInterval: 0.3)
      try session.send("q")
      try session.wait(for: "exit") { _ in session.exitStatus != nil }
      #expect(session.exitStatus == "0")
    }
  }
}

extension TmuxSession {
  /// Selects the campaign in the campaigns pane (from the list's focus): its title then heads the conversations pane.
  func selectCampaign(titled title: String) throws {
    try send("Escape")
    // A key within ESCDELAY of Escape would make Alt-key.
    Thread.sleep(forTimeInterval: 0.3)
    let heading = "Conversations · " + String(title.prefix(12))
    for _ in 0..<10 where !(try screen().contains(heading)) {
      try send("j")
      Thread.sleep(forTimeInterval: 0.15)
    }
    try wait(for: "the campaign selected") { $0.contains(heading) }
  }
}
