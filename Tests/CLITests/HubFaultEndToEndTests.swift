import Foundation
import PoppAPI
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The hub killed (-9) while a reply is on its way: the console keeps its screen under HUB GONE, reattaches to the
/// restarted hub by itself, and the reply reaches the candidate exactly once. With `hub-fallback = "direct"` and
/// credentials of its own, it polls Popp itself while the hub is gone.
@Suite(.serialized) struct HubFaultEndToEndTests {
  @Test func aHubKilledMidSendLosesNothingAndSendsNothingTwice() async throws {
    try await offPoolAwaiting {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let scratch = try sharedScratch()
      defer { try? FileManager.default.removeItem(at: scratch) }
      try Self.killMidSend(sandbox: sandbox, scratch: scratch)
    }
  }

  static let reply = "Exactly once, please"

  static func killMidSend(sandbox: SandboxProcess, scratch: URL) throws {
    let http = SandboxHTTP(sandbox)
    // A short request timeout: the restarted hub waits that long before it reads the thread to settle the send.
    let hubArguments = ["--request-timeout", "3", "--poll-thread", "0.5"]
    let hub = try HubProcess(sandbox: sandbox, folder: scratch, extra: hubArguments)
    defer { _ = hub.stop() }
    let console = try TmuxSession(columns: 120, rows: 40, arguments: "--hub \(hub.socket)")
    try console.wait(for: "attached") { $0.contains("via hub · 25 conversations") }
    try console.send("2")
    try console.wait(for: "the Review tab") { $0.contains("│!") }
    try console.send("Enter")
    try console.wait(for: "a flag open") { $0.contains("⚑ Needs review") }
    try console.send("t")
    try console.wait(for: "taken over") { $0.contains("YOU are speaking") }

    // Every POST now takes two seconds: the reply is mid-request when the hub dies.
    #expect(http.call("PUT", "sandbox/faults", json: #"{"latencyMs": 2000, "methods": ["POST"]}"#).status == 200)
    defer { http.call("DELETE", "sandbox/faults") }
    try console.send("r")
    try console.send("-l", reply)
    try console.send("Enter")
    try console.wait(for: "sending") { $0.contains("YOU · sending…") && $0.contains(reply) }
    kill(hub.process.processIdentifier, SIGKILL)
    hub.process.waitUntilExit()
    try console.wait(for: "HUB GONE, the reply still on screen") { $0.contains("HUB GONE · reconnecting") && $0.contains(reply) }

    let restarted = try HubProcess(sandbox: sandbox, folder: scratch, extra: hubArguments)
    defer { _ = restarted.stop() }
    #expect(restarted.readyLine.hasPrefix("hub listening on \(restarted.socket)"), "\(restarted.stderr)")
    try console.wait(for: "reattached, the reply settled as sent", seconds: 30) {
      !$0.contains("HUB GONE") && $0.contains(reply) && !$0.contains("sending…") && !$0.contains("NOT SENT")
    }
    #expect(try copies(of: reply, in: http) == 1, "sent once, whatever the kill interrupted")
  }

  /// How many messages across the sandbox's conversations read exactly `body`.
  static func copies(of body: String, in http: SandboxHTTP) throws -> Int {
    let list = try JSONSerialization.jsonObject(with: http.call("GET", "v1/conversations?limit=100").body) as? [String: Any]
    let ids = (list?["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    #expect(!ids.isEmpty)
    var count = 0
    for id in ids {
      let page = try JSONSerialization.jsonObject(with: http.call("GET", "v1/conversations/\(id)/messages?limit=100").body)
      let messages = (page as? [String: Any])?["data"] as? [[String: Any]] ?? []
      count += messages.filter { ($0["body"] as? String) == body }.count
    }
    return count
  }

  @Test func withHubFallbackDirectAConsoleWhoseHubDiesPollsPoppItselfUntilTheHubIsBack() async throws {
    try await offPoolAwaiting {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let scratch = try sharedScratch()
      defer { try? FileManager.default.removeItem(at: scratch) }
      try Self.fallBack(sandbox: sandbox, scratch: scratch)
    }
  }

  static func fallBack(sandbox: SandboxProcess, scratch: URL) throws {
    let http = SandboxHTTP(sandbox)
    let hub = try HubProcess(sandbox: sandbox, folder: scratch)
    defer { _ = hub.stop() }
    // The recruiter has credentials of their own for the same organization, and asks to use them when the hub is gone.
    let console = try TmuxSession(
      columns: 120, rows: 40, arguments: "--hub \(hub.socket) --poll-active 0.5 --poll-head 0.5", config: "hub-fallback = \"direct\"\n",
      environment: sandbox.environment.filter { $0.key != "XDG_STATE_HOME" })
    try console.wait(for: "attached") { $0.contains("via hub · 25 conversations") }

    kill(hub.process.processIdentifier, SIGKILL)
    hub.process.waitUntilExit()
    // The notice says so for a few seconds, then the status bar keeps saying it.
    let told = try console.wait(for: "told it polls directly") {
      $0.contains("The hub is gone: polling Popp directly") || $0.contains("direct, hub gone ·")
    }
    #expect(!told.contains("HUB GONE"), "the console is not without data: it reads Popp itself")
    try console.wait(for: "the status bar says so", seconds: 15) { $0.contains("direct, hub gone · 25 conversations") }

    // A flag raised while the hub is gone reaches the console from its own polls.
    let listed = try CLI.run(["conversations", "list", "--json"], environment: sandbox.environment)
    let conversations = try PoppJSON.makeDecoder().decode([Conversation].self, from: Data(listed.stdout.utf8))
    let target = try #require(conversations.first { !$0.needsReview && $0.conversationStatus.isActive })
    let flagged = conversations.filter(\.needsReview).count
    #expect(http.call("POST", "sandbox/conversations/\(target.id)/flag", json: #"{"reason":"asks about parking"}"#).status == 200)
    try console.wait(for: "the flag, polled directly", seconds: 15) {
      $0.contains("\(flagged + 1) need review") || $0.contains("Needs review:")
    }

    let restarted = try HubProcess(sandbox: sandbox, folder: scratch)
    defer { _ = restarted.stop() }
    try console.wait(for: "attached again", seconds: 20) { $0.contains("via hub · 25 conversations") }
  }
}
