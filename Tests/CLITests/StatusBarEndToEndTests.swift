import Foundation
import PoppAPI
import Testing

/// The status bar never hides the truth: a flag's notice is on screen when every request starts failing, and STALE
/// replaces it at once (not when the notice would have gone by itself); `m` still lists the notice.
@Suite(.serialized) struct StatusBarEndToEndTests {
  @Test func staleWinsOverAFlagNoticeAndTheNoticeStaysInMessages() async throws {
    try await offPoolAwaiting {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      try Self.staleOverNotice(sandbox)
    }
  }

  static func staleOverNotice(_ sandbox: SandboxProcess) throws {
    let http = SandboxHTTP(sandbox)
    let session = try TmuxSession(
      columns: 120, rows: 40, arguments: "--poll-head 0.5 --poll-active 0.5",
      environment: sandbox.environment.filter { $0.key != "XDG_STATE_HOME" })
    try session.wait(for: "first load") { $0.contains("25 conversations") }
    let listed = try PoppJSON.makeDecoder().decode(
      [Conversation].self, from: Data(try CLI.run(["conversations", "list", "--json"], environment: sandbox.environment).stdout.utf8))
    let target = try #require(listed.first { $0.conversationStatus.isActive && !$0.needsReview && !$0.isHumanTakeover })
    #expect(http.call("POST", "sandbox/conversations/\(target.id)/flag", json: #"{"reason":"asks about visas"}"#).status == 200)
    let notice = "Needs review: \(target.participantName)"
    try session.wait(for: "the flag's notice") { $0.contains(notice) }
    let shown = Date()

    #expect(http.call("PUT", "sandbox/faults", json: #"{"errorRate": 1}"#).status == 200)
    defer { http.call("DELETE", "sandbox/faults") }
    let stale = try session.wait(for: "STALE over the notice") { $0.contains("STALE · updated") }
    #expect(Date().timeIntervalSince(shown) < 5, "STALE took the bar from the notice, which had not yet gone by itself")
    #expect(!stale.contains(notice))

    try session.send("m")
    let messages = try session.wait(for: "the messages") { $0.contains("Messages ·") }
    #expect(messages.contains(notice), "the notice the banner kept off the bar is in :messages")
    try session.send("Escape")
    Thread.sleep(forTimeInterval: 0.3)
    try session.send("q")
    try session.wait(for: "exit") { _ in session.exitStatus != nil }
  }
}
