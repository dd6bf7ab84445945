import Foundation
import PoppAPI
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The polling console in a real terminal against a sandbox process at `--speed 0`: a
/// conversation created with the CLI appears marked, a flag set through the control surface
/// reaches the screen and the terminal title, a stopped server turns the status bar OFFLINE,
/// and a restart with the server still down shows the cache.
@Suite(.serialized) struct LiveConsoleEndToEndTests {
  func flag(_ id: String, sandbox: SandboxProcess) async throws {
    let base = try #require(URL(string: sandbox.environment["POPP_BASE_URL"]!)).deletingLastPathComponent()
    var request = URLRequest(url: base.appendingPathComponent("sandbox/conversations/\(id)/flag"))
    request.httpMethod = "POST"
    request.setValue("application/json", forHTTPHeaderField: "content-type")
    request.setValue(sandbox.environment["POPP_API_KEY"], forHTTPHeaderField: "x-api-key")
    request.setValue(sandbox.environment["POPP_ORGANIZATION_ID"], forHTTPHeaderField: "x-organization-id")
    request.httpBody = Data(#"{"reason": "Asked whether the role sponsors visas"}"#.utf8)
    let (_, response) = try await URLSession.shared.data(for: request)
    #expect((response as? HTTPURLResponse)?.statusCode == 200)
  }

  @Test func liveUpdatesAlertsOfflineAndTheCacheInARealTerminal() async throws {
    try await offPoolAwaiting {
      let sandbox = try SandboxProcess()
      var sandboxStopped = false
      defer { if !sandboxStopped { _ = sandbox.stop() } }
      let session = try TmuxSession(
        columns: 160, rows: 40, arguments: "--poll-head 0.5 --poll-active 0.5 --poll-thread 0.5",
        environment: sandbox.environment.filter { $0.key != "XDG_STATE_HOME" })
      try session.wait(for: "first load") { $0.contains("25 conversations") }

      // Created with the CLI: appears, marked unread (•).
      let campaigns = try PoppJSON.makeDecoder().decode(
        [Campaign].self, from: Data(try CLI.run(["campaigns", "list", "--json"], environment: sandbox.environment).stdout.utf8))
      let campaign = try #require(campaigns.first { $0.channel == .sms && $0.campaignStatus == .live })
      let created = try CLI.run(
        [
          "conversations", "create", "--campaign", campaign.id, "--first-name", "Thandiwe", "--last-name", "Mokoena", "--phone",
          "+27821234567",
        ],
        environment: sandbox.environment)
      #expect(created.status == 0, "\(created.stderr)")
      var screen = try session.wait(for: "the new conversation") { $0.contains("26 conversations") && $0.contains("•Thandiwe Mokoena") }
      #expect(screen.contains("1 unread"))

      // Flagged on the server: the row, the status bar and the terminal title say so.
      let listed = try PoppJSON.makeDecoder().decode(
        [Conversation].self, from: Data(try CLI.run(["conversations", "list", "--json"], environment: sandbox.environment).stdout.utf8))
      let target = try #require(listed.first { $0.conversationStatus == .ongoing && !$0.needsReview && !$0.isHumanTakeover })
      let reviewBefore = listed.filter(\.needsReview).count
      try await flag(target.id, sandbox: sandbox)
      screen = try session.wait(for: "the flag") { $0.contains("Needs review: \(target.participantName)") }
      #expect(try session.value("#{pane_title}") == "popp-console — \(reviewBefore + 1) need review")

      // The server goes away: OFFLINE, with the data still on screen.
      _ = sandbox.stop()
      sandboxStopped = true
      try session.send("Escape")
      screen = try session.wait(for: "OFFLINE") { $0.contains("OFFLINE · updated") }
      #expect(screen.contains("Thandiwe Mokoena"))

      // A restart with the server still down starts from the cache, marked OFFLINE.
      try session.send("q")
      try session.wait(for: "exit") { _ in session.exitStatus != nil }
      try session.restart()
      screen = try session.wait(for: "the cache, offline") { $0.contains("OFFLINE") && $0.contains("Thandiwe Mokoena") }
      #expect(screen.contains("│!"), "flagged rows come back from the cache")
      try session.send("q")
      try session.wait(for: "exit") { _ in session.exitStatus != nil }
      #expect(session.exitStatus == "0")
    }
  }
}
