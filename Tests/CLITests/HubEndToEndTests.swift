import ConsoleCore
import Foundation
import PoppAPI
import PoppHub
import Testing

/// `popp-console hub` in a child process on a real Unix socket, against the sandbox.
final class HubProcess {
  let process = Process()
  let readyLine: String
  let socket: String
  private let errors = Pipe()

  /// `folder` holds the socket's folder, which the hub makes itself (`run/`).
  init(sandbox: SandboxProcess, folder: URL, extra: [String] = []) throws {
    socket = folder.appendingPathComponent("run/hub.sock").path
    process.executableURL = CLI.binary
    process.arguments = ["hub", "--socket", socket] + extra
    process.environment = CLI.environment(sandbox.environment)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = errors
    try process.run()
    readyLine = Self.firstLine(of: out)
  }

  static func firstLine(of pipe: Pipe) -> String {
    var buffer = Data()
    while !buffer.contains(UInt8(ascii: "\n")) {
      let chunk = pipe.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      buffer += chunk
    }
    return String(decoding: buffer, as: UTF8.self).trimmingCharacters(in: .newlines)
  }

  var stderr: String { String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self) }

  func stop() -> Int32 {
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    return process.terminationStatus
  }
}

/// A folder under /tmp that every user may enter (the hub makes the socket's own folder inside it), removed after.
func sharedScratch() throws -> URL {
  let folder = URL(fileURLWithPath: "/tmp/popp-hub-\(UUID().uuidString.prefix(8))")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
  return folder
}

/// A sandbox and a hub on it in a shared scratch folder, all stopped and removed after `body`.
func withHub(extra: [String] = [], _ body: (SandboxProcess, HubProcess) async throws -> Void) async throws {
  let sandbox = try SandboxProcess()
  defer { _ = sandbox.stop() }
  let scratch = try sharedScratch()
  defer { try? FileManager.default.removeItem(at: scratch) }
  let hub = try HubProcess(sandbox: sandbox, folder: scratch, extra: extra)
  defer { _ = hub.stop() }
  try await body(sandbox, hub)
}

func mode(of path: String) -> (mode: Int, gid: UInt32)? {
  var status = stat()
  guard stat(path, &status) == 0 else { return nil }
  return (Int(status.st_mode & 0o7777), UInt32(status.st_gid))
}

@Suite(.serialized) struct HubEndToEndTests {
  @Test func aHubPrintsItsReadyLineServesDoctorRefusesASecondHubAndStopsCleanly() async throws {
    try await offPoolAwaiting {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let scratch = try sharedScratch()
      defer { try? FileManager.default.removeItem(at: scratch) }
      let hub = try HubProcess(sandbox: sandbox, folder: scratch)
      #expect(hub.readyLine == "hub listening on \(hub.socket) organization=sandbox-org", "\(hub.readyLine) \(hub.stderr)")
      #expect(mode(of: hub.socket)?.mode == 0o600, "only the hub's own user, without --group")

      // The hub polls for everyone: doctor, attached, sees the sandbox's conversations once the first poll lands.
      let terminal = sandbox.environment.merging(["TERM": "xterm-256color"]) { $1 }
      var doctor = try CLI.run(["doctor", "--hub", hub.socket], environment: terminal)
      for _ in 0..<50 where !doctor.stdout.contains("25 conversations") {
        usleep(100_000)
        doctor = try CLI.run(["doctor", "--hub", hub.socket], environment: terminal)
      }
      #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
      #expect(doctor.stdout.contains("attached as root"), "\(doctor.stdout)")
      #expect(doctor.stdout.contains("organization sandbox-org"))
      #expect(doctor.stdout.contains("25 conversations"), "\(doctor.stdout)")
      #expect(doctor.stdout.contains("mode 600"))
      #expect(!doctor.stdout.contains("sandbox-key"), "the key never crosses the socket")

      let second = try HubProcess(sandbox: sandbox, folder: scratch)
      #expect(second.stop() != 0)
      #expect(second.stderr.contains("another hub is already listening on \(hub.socket) (pid \(hub.process.processIdentifier))"))

      #expect(hub.stop() == 0)
      #expect(!FileManager.default.fileExists(atPath: hub.socket), "the socket goes with the hub")
      let gone = try CLI.run(["doctor", "--hub", hub.socket], environment: sandbox.environment)
      #expect(gone.status != 0)
      #expect(gone.stdout.contains("no hub at \(hub.socket)"), "\(gone.stdout)")
    }
  }

  /// A console of another protocol version is told so in words, before anything else is said.
  @Test func aConsoleOfAnotherProtocolVersionIsToldWhichIsOlder() async throws {
    try await offPoolAwaiting {
      try await withHub { _, hub in
        await #expect {
          try await HubClient.attach(path: hub.socket, app: "popp-console/9.9", protocolVersion: HubProtocol.version + 1) { _, _ in }
        } throws: { error in
          guard case .refused(let refusal) = error as? HubConnectionError else { return false }
          return refusal.reason == .protocolVersion
            && refusal.message.contains(
              "speaks hub protocol \(HubProtocol.version), this console (popp-console/9.9) \(HubProtocol.version + 1)")
            && refusal.message.contains("the hub is older than this console")
        }
      }
    }
  }
}

/// A subscribed console gets the organization at once and every change pushed, without asking again.
@Suite(.serialized) struct HubSubscriptionTests {
  @Test func aSubscriberGetsTheSnapshotThenAFlagPushedAsItHappens() async throws {
    try await offPoolAwaiting {
      try await withHub { sandbox, hub in
        let http = SandboxHTTP(sandbox)
        try await HubClient.attach(path: hub.socket, app: PoppConsoleVersion.app) { _, session in
          var snapshot = try await session.subscribe()
          // Subscribed before the hub's first poll landed: the conversations arrive pushed as they are read, and
          // the campaigns as a catalog.
          var conversations = Dictionary(snapshot.conversations.map { ($0.id, $0) }) { $1 }
          for _ in 0..<2_000 where conversations.count < 25 || snapshot.campaigns.isEmpty {
            switch try await session.nextMessage() {
            case .snapshot(let fresh):
              snapshot = fresh
              conversations = Dictionary(fresh.conversations.map { ($0.id, $0) }) { $1 }
            case .conversations(let update): for conversation in update.conversations { conversations[conversation.id] = conversation }
            case .catalog(let campaigns, let templates): (snapshot.campaigns, snapshot.templates) = (campaigns, templates)
            default: continue
            }
          }
          snapshot.conversations = Array(conversations.values)
          #expect(snapshot.conversations.count == 25)
          #expect(snapshot.campaigns.count == 6)
          let target = try #require(snapshot.conversations.first { !$0.needsReview && $0.conversationStatus.isActive })
          #expect(http.call("POST", "sandbox/conversations/\(target.id)/flag", json: #"{"reason":"asks about the salary"}"#).status == 200)
          var pushed: HubConversations?
          for _ in 0..<200 {
            if case .conversations(let update) = try await session.nextMessage(), update.newlyFlagged.contains(target.id) {
              pushed = update
              break
            }
          }
          let update = try #require(pushed, "the flag was pushed")
          let flagged = try #require(update.conversations.first { $0.id == target.id })
          #expect(flagged.needsReview)
          #expect(flagged.needsReviewReason == "asks about the salary")
          #expect(update.flaggedSince[target.id] != nil)
        }
      }
    }
  }
}

/// The command line through a hub, holding no key: reads from its snapshot, writes made by it and audited there.
@Suite(.serialized) struct HubCommandLineTests {
  @Test func overviewListsAndAThreadReadThroughTheHubWithoutCredentials() async throws {
    try await offPoolAwaiting {
      try await withHub { sandbox, hub in
        let none = ["XDG_STATE_HOME": sandbox.stateHome.path, "XDG_CONFIG_HOME": "/nonexistent"]
        var overview = try CLI.run(["overview", "--hub", hub.socket], environment: none)
        for _ in 0..<50 where !overview.stdout.contains("Needs review (3)") {
          usleep(100_000)
          overview = try CLI.run(["overview", "--hub", hub.socket], environment: none)
        }
        #expect(overview.status == 0, "\(overview.stderr)")
        #expect(overview.stdout.contains("Campaigns at the hub at \(hub.socket) (organization sandbox-org)"), "\(overview.stdout)")
        #expect(overview.stdout.contains("Needs review (3)"), "\(overview.stdout)")

        let listed = try CLI.run(["conversations", "list", "--json"], environment: none.merging(["POPP_HUB": hub.socket]) { $1 })
        let conversations = try PoppJSON.makeDecoder().decode([Conversation].self, from: Data(listed.stdout.utf8))
        #expect(conversations.count == 25, "\(listed.stderr)")
        let direct = try CLI.run(["conversations", "list", "--json"], environment: sandbox.environment)
        #expect(
          Set(try PoppJSON.makeDecoder().decode([Conversation].self, from: Data(direct.stdout.utf8)).map(\.id))
            == Set(conversations.map(\.id)))

        let campaigns = try CLI.run(["campaigns", "list", "--hub", hub.socket], environment: none)
        #expect(campaigns.status == 0 && campaigns.stdout.contains("Senior Software Engineer"), "\(campaigns.stdout)\(campaigns.stderr)")

        let flagged = try #require(conversations.first { $0.needsReview })
        let thread = try CLI.run(["conversations", "messages", flagged.id, "--hub", hub.socket], environment: none)
        let directThread = try CLI.run(["conversations", "messages", flagged.id], environment: sandbox.environment)
        #expect(thread.status == 0, "\(thread.stderr)")
        #expect(thread.stdout == directThread.stdout, "the thread as the hub has it is the thread")
      }
    }
  }

  /// A recruiter's own state folder, holding no key and no config: whatever they do is the hub's to audit.
  static func recruiterEnvironment() throws -> (environment: [String: String], state: URL) {
    let state = FileManager.default.temporaryDirectory.appendingPathComponent("popp-hub-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
    return (["XDG_STATE_HOME": state.path, "XDG_CONFIG_HOME": "/nonexistent"], state)
  }

  @Test func takeOverSendAndHandBackGoThroughTheHubOnceAndTheHubAuditsThemUnderTheUnixUser() async throws {
    try await offPoolAwaiting {
      try await withHub { sandbox, hub in
        let (recruiter, state) = try Self.recruiterEnvironment()
        defer { try? FileManager.default.removeItem(at: state) }
        let listed = try CLI.run(["conversations", "list", "--json"], environment: sandbox.environment)
        let flagged = try #require(
          try PoppJSON.makeDecoder().decode([Conversation].self, from: Data(listed.stdout.utf8)).first { $0.needsReview })
        let through = ["--hub", hub.socket]

        let takeover = try CLI.run(["conversations", "takeover", flagged.id] + through, environment: recruiter)
        #expect(takeover.status == 0, "\(takeover.stderr)")
        #expect(takeover.stdout.contains("taken over: \(flagged.id)"), "\(takeover.stdout)")
        let text = "Hello from the hub's command line \(UUID().uuidString.prefix(6))"
        let sent = try CLI.run(["conversations", "send", flagged.id, "--message", text] + through, environment: recruiter)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.hasPrefix("sent "), "\(sent.stdout)")
        #expect(sent.stdout.contains(text), "the thread's copy of the message is printed: \(sent.stdout)")
        let handBack = try CLI.run(["conversations", "hand-back", flagged.id] + through, environment: recruiter)
        #expect(handBack.status == 0, "\(handBack.stderr)")

        let thread = try CLI.run(["conversations", "messages", flagged.id, "--json"], environment: sandbox.environment)
        let messages = try PoppJSON.makeDecoder().decode([Message].self, from: Data(thread.stdout.utf8))
        #expect(messages.filter { $0.body == text }.count == 1, "sent exactly once")
        let after = try CLI.run(["conversations", "show", flagged.id, "--json"], environment: sandbox.environment)
        #expect(try PoppJSON.makeDecoder().decode(Conversation.self, from: Data(after.stdout.utf8)).isHumanTakeover == false)

        let hubAudit = try AuditLog(path: sandbox.stateHome.appendingPathComponent("popp-console/hub/audit.log").path).entries()
          .filter { $0.conversation == flagged.id }
        #expect(hubAudit.map(\.action) == [.takeOver, .send, .handBack], "\(hubAudit)")
        #expect(hubAudit.allSatisfy { $0.user == AuditLog.userName })
        #expect(
          !FileManager.default.fileExists(atPath: state.appendingPathComponent("popp-console/audit.log").path),
          "the recruiter's side keeps no audit of its own: the hub's is the record")
        #expect(!(takeover.stdout + sent.stdout + handBack.stdout).contains(sandbox.environment["POPP_API_KEY"] ?? "\u{0}"))
      }
    }
  }

  @Test func campaignsAndLaunchesFromTheCommandLineGoThroughTheHub() async throws {
    try await offPoolAwaiting {
      try await withHub { sandbox, hub in
        let (recruiter, state) = try Self.recruiterEnvironment()
        defer { try? FileManager.default.removeItem(at: state) }
        let through = ["--hub", hub.socket]
        let listed = try CLI.run(["campaigns", "list", "--json"], environment: sandbox.environment)
        let live = try #require(
          try PoppJSON.makeDecoder().decode([Campaign].self, from: Data(listed.stdout.utf8)).first {
            $0.channel == .sms && $0.campaignStatus == .live
          })

        let renamed = try CLI.run(
          ["campaigns", "update", live.id, "--title", "Renamed through the hub", "--json"] + through, environment: recruiter)
        #expect(renamed.status == 0, "\(renamed.stderr)")
        #expect(
          try PoppJSON.makeDecoder().decode(Campaign.self, from: Data(renamed.stdout.utf8)).campaignTitle == "Renamed through the hub")

        let launched = try CLI.run(
          ["conversations", "create", "--campaign", live.id, "--first-name", "Hubert", "--phone", "+447400900123"] + through,
          environment: recruiter)
        #expect(launched.status == 0, "\(launched.stderr)")
        #expect(launched.stdout.contains("Hubert at +447400900123"), "\(launched.stdout)")

        let csv = state.appendingPathComponent("applicants.csv")
        try Data("First Name,Phone\nAda,+447400900201\nBob,+447400900202\nCyd,+447400900203\n".utf8).write(to: csv)
        let bulk = try CLI.run(
          ["conversations", "bulk", "--campaign", live.id, "--csv", csv.path, "--yes"] + through, environment: recruiter)
        #expect(bulk.status == 0, "\(bulk.stderr)")
        #expect(bulk.stderr.contains("queued 3;"), "\(bulk.stderr)")
        let results = try String(contentsOf: state.appendingPathComponent("applicants.results.csv"), encoding: .utf8)
        #expect(results.components(separatedBy: "queued").count - 1 == 3, "the results file is the recruiter's: \(results)")

        // Sent once: a second run finds them in the campaign (through the hub, live) and sends nothing.
        let again = try CLI.run(
          ["conversations", "bulk", "--campaign", live.id, "--csv", csv.path, "--yes"] + through, environment: recruiter)
        #expect(again.status == 0, "\(again.stderr)")
        let inCampaign = try CLI.run(["conversations", "list", "--campaign", live.id, "--json"], environment: sandbox.environment)
        let phones = try PoppJSON.makeDecoder().decode([Conversation].self, from: Data(inCampaign.stdout.utf8)).compactMap(
          \.participantPhoneNumber)
        for phone in ["+447400900123", "+447400900201", "+447400900202", "+447400900203"] {
          #expect(phones.filter { $0 == phone }.count == 1, "\(phone) started once")
        }

        let hubAudit = try AuditLog(path: sandbox.stateHome.appendingPathComponent("popp-console/hub/audit.log").path).entries()
        #expect(hubAudit.contains { $0.action == .updateCampaign && $0.campaign == live.id && $0.user == AuditLog.userName })
        #expect(hubAudit.contains { $0.action == .launch && $0.campaign == live.id })
        #expect(hubAudit.contains { $0.action == .bulkLaunch && ($0.detail ?? "").contains("3 contacts through the hub: 3 queued") })
      }
    }
  }
}

/// A hub restarted (stopped, or after a crash) still names who holds a conversation, until it is handed back.
@Suite(.serialized) struct HubRestartTests {
  static func team(at socket: String) async throws -> TeamPresence {
    try await HubClient.attach(path: socket, app: "popp-console/test") { _, session in
      _ = try await session.subscribe()
      while true {
        if case .team(let team) = try await session.nextMessage() { return team }
      }
    }
  }

  @Test func whoTookAConversationOverIsStillNamedAfterTheHubRestarts() async throws {
    try await offPoolAwaiting {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let scratch = try sharedScratch()
      defer { try? FileManager.default.removeItem(at: scratch) }
      let (recruiter, state) = try HubCommandLineTests.recruiterEnvironment()
      defer { try? FileManager.default.removeItem(at: state) }
      let listed = try CLI.run(["conversations", "list", "--json"], environment: sandbox.environment)
      let flagged = try #require(
        try PoppJSON.makeDecoder().decode([Conversation].self, from: Data(listed.stdout.utf8)).first { $0.needsReview })

      let first = try HubProcess(sandbox: sandbox, folder: scratch)
      let takeover = try CLI.run(["conversations", "takeover", flagged.id, "--hub", first.socket], environment: recruiter)
      #expect(takeover.status == 0, "\(takeover.stderr)")
      #expect(try await Self.team(at: first.socket).holders[flagged.id]?.user == AuditLog.userName)
      #expect(first.stop() == 0)

      let second = try HubProcess(sandbox: sandbox, folder: scratch)
      defer { _ = second.stop() }
      let restored = try await Self.team(at: second.socket)
      let holder = try #require(restored.holders[flagged.id], "the hold outlives the hub that saw it")
      #expect(holder.user == AuditLog.userName && holder.console == 0)
      #expect(restored.headerLines(for: flagged.id, myUser: "someone-else") == ["taken over by \(AuditLog.userName)"])

      let handBack = try CLI.run(["conversations", "hand-back", flagged.id, "--hub", second.socket], environment: recruiter)
      #expect(handBack.status == 0, "\(handBack.stderr)")
      #expect(try await Self.team(at: second.socket).holders[flagged.id] == nil, "handed back, nobody holds it")
    }
  }
}
