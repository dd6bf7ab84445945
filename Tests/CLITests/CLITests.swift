import Foundation
import PoppAPI
import Testing

/// The `popp-console` binary, run as a user or a script would run it.
struct CLI {
  static var binary: URL {
    let directory = Bundle.main.executableURL?.deletingLastPathComponent() ?? URL(fileURLWithPath: ".build/debug")
    return directory.appendingPathComponent("popp-console")
  }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
    /// stdout byte for byte (`stdout` is decoded, which would hide a stray C1 byte).
    var stdoutBytes = Data()
  }

  /// A test's environment over the defaults: never the real home's config, state or log, unless a test says where.
  static func environment(_ environment: [String: String]) -> [String: String] {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("popp-cli-home")
    let defaults = [
      "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "XDG_CONFIG_HOME": scratch.appendingPathComponent("config").path,
      "XDG_STATE_HOME": scratch.appendingPathComponent("state").path,
    ]
    return environment.merging(defaults) { mine, _ in mine }
  }

  static func run(_ arguments: [String], environment: [String: String], stdin: String? = nil) throws -> Result {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.environment = Self.environment(environment)
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self), stderr: String(decoding: errors, as: UTF8.self),
      stdoutBytes: output)
  }
}

/// `popp-console sandbox` in a child process, stopped with SIGTERM.
final class SandboxProcess {
  let process = Process()
  let readyLine: String
  let environment: [String: String]
  let stateHome: URL

  init(_ extra: [String] = []) throws {
    process.executableURL = CLI.binary
    process.arguments = ["sandbox", "--port", "0", "--speed", "0", "--demo-size", "25"] + extra
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    var buffer = Data()
    while !buffer.contains(UInt8(ascii: "\n")) {
      let chunk = out.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      buffer += chunk
    }
    readyLine = String(decoding: buffer, as: UTF8.self).trimmingCharacters(in: .newlines)
    let fields = readyLine.split(separator: " ")
    let url = fields.count > 3 ? String(fields[3]) : ""
    stateHome = FileManager.default.temporaryDirectory.appendingPathComponent("popp-cli-state-\(UUID().uuidString)")
    // Each test's audit log and outbox live in a state folder of its own.
    environment = [
      "POPP_BASE_URL": url, "POPP_ORGANIZATION_ID": "sandbox-org", "POPP_API_KEY": "sandbox-key", "XDG_STATE_HOME": stateHome.path,
    ]
  }

  func stop() -> Int32 {
    defer { try? FileManager.default.removeItem(at: stateHome) }
    process.terminate()
    process.waitUntilExit()
    return process.terminationStatus
  }
}

@Suite(.serialized) struct CLITests {
  @Test func sandboxPrintsOneReadyLineAndExitsCleanlyOnSIGTERM() async throws {
    try await offPool {
      let sandbox = try SandboxProcess(["--org", "acme:acme-key", "--org", "beta:beta-key"])
      #expect(
        sandbox.readyLine.range(
          of: #"^sandbox listening on http://127\.0\.0\.1:[0-9]+/v1 organization=acme api-key=acme-key$"#, options: .regularExpression)
          != nil, "\(sandbox.readyLine)")
      #expect(sandbox.stop() == 0)
    }
  }

  @Test func listingsWorkAsTablesAndJSON() async throws {
    try await offPool {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let table = try CLI.run(["campaigns", "list"], environment: sandbox.environment)
      #expect(table.status == 0, "\(table.stderr)")
      #expect(table.stdout.hasPrefix("ID "))
      #expect(table.stdout.contains("Senior Software Engineer"))
      let json = try CLI.run(["campaigns", "list", "--json"], environment: sandbox.environment)
      let campaigns = try PoppJSON.makeDecoder().decode([Campaign].self, from: Data(json.stdout.utf8))
      #expect(campaigns.count == 6)
      let templates = try CLI.run(["templates", "list", "--json"], environment: sandbox.environment)
      #expect(try PoppJSON.makeDecoder().decode([Template].self, from: Data(templates.stdout.utf8)).count >= 6)
      let flagged = try CLI.run(["conversations", "list", "--needs-review", "--json"], environment: sandbox.environment)
      let conversations = try PoppJSON.makeDecoder().decode([Conversation].self, from: Data(flagged.stdout.utf8))
      #expect(!conversations.isEmpty && conversations.allSatisfy(\.needsReview))
      let show = try CLI.run(["conversations", "show", conversations[0].id], environment: sandbox.environment)
      #expect(show.status == 0 && show.stdout.contains("needs review"))
      let messages = try CLI.run(["conversations", "messages", conversations[0].id], environment: sandbox.environment)
      #expect(messages.status == 0 && messages.stdout.contains("AGENT") && messages.stdout.contains("CANDIDATE"))

      let overview = try CLI.run(["overview", "--json"], environment: sandbox.environment)
      #expect(overview.status == 0, "\(overview.stderr)")
      let document = try JSONSerialization.jsonObject(with: Data(overview.stdout.utf8)) as? [String: Any]
      #expect(document?["isSandbox"] as? Bool == false && (document?["origin"] as? String)?.hasPrefix("http://127.0.0.1") == true)
      let lines = document?["campaigns"] as? [[String: Any]] ?? []
      #expect(lines.count == 6)
      #expect(
        lines.allSatisfy { line in ["id", "title", "status", "channel", "ongoing", "review", "done"].allSatisfy { line[$0] != nil } })
      let review = document?["needsReview"] as? [[String: Any]] ?? []
      #expect(Set(review.compactMap { $0["id"] as? String }) == Set(conversations.map(\.id)), "the same flags as the list")
      #expect(lines.map { $0["review"] as? Int ?? 0 }.reduce(0, +) == review.count)
    }
  }

  @Test func theRecruiterLoopWorksFromTheCommandLine() async throws {
    try await offPool {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let flagged = try CLI.run(["conversations", "list", "--needs-review", "--json"], environment: sandbox.environment)
      let conversation = try #require(try PoppJSON.makeDecoder().decode([Conversation].self, from: Data(flagged.stdout.utf8)).first)
      #expect(try CLI.run(["conversations", "takeover", conversation.id], environment: sandbox.environment).status == 0)
      let send = try CLI.run(["conversations", "send", conversation.id, "--message", "Hola 👋 — 你好"], environment: sandbox.environment)
      #expect(send.status == 0, "\(send.stderr)")
      #expect(send.stdout.contains("Hola 👋 — 你好"))
      let back = try CLI.run(["conversations", "hand-back", conversation.id, "--json"], environment: sandbox.environment)
      let response = try PoppJSON.makeDecoder().decode(HandBackResponse.self, from: Data(back.stdout.utf8))
      #expect(!response.isHumanTakeover)
      let again = try CLI.run(["conversations", "hand-back", conversation.id], environment: sandbox.environment)
      #expect(again.status == 1, "API errors exit 1")
      #expect(again.stderr.contains("409") && again.stderr.contains("not taken over"))

      // Every action is in the audit log, with who did it and how it went; never the key or the text.
      let log = try String(contentsOf: sandbox.stateHome.appendingPathComponent("popp-console/audit.log"), encoding: .utf8)
      let entries = log.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
      #expect(entries.map { $0?["action"] } == ["take-over", "send", "hand-back", "hand-back"])
      #expect(entries.map { $0?["outcome"]?.prefix(6) } == ["ok", "ok", "ok", "failed"])
      #expect(
        entries.allSatisfy {
          $0?["conversation"] == conversation.id && $0?["organization"] == "sandbox-org" && $0?["user"]?.isEmpty == false
        }
      )
      #expect(!log.contains("sandbox-key") && !log.contains("你好"))
    }
  }

  @Test func createCampaignAndConversation() async throws {
    try await offPool {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let templates = try PoppJSON.makeDecoder().decode(
        [Template].self, from: Data(try CLI.run(["templates", "list", "--json"], environment: sandbox.environment).stdout.utf8))
      let opening = try #require(templates.first { $0.canOpen(channel: .sms, campaignType: .applicantOutreach) })
      let file = FileManager.default.temporaryDirectory.appendingPathComponent("campaign-\(UUID().uuidString).json")
      defer { try? FileManager.default.removeItem(at: file) }
      try Data(
        """
        {"campaignType": "APPLICANT_OUTREACH", "channel": "SMS", "closingMethod": "PHONE_NUMBER",
         "campaignTitle": "Bus driver", "campaignDescription": "Drive buses.", "company": "Metro", "location": "Leeds",
         "contactNumber": "+441135550100", "openingMessageTemplateId": "\(opening.id)", "campaignStatus": "LIVE",
         "questions": [{"questionType": "TEXT", "isMandatory": true, "content": "Do you hold a PCV licence?"}]}
        """.utf8
      ).write(to: file)
      let created = try CLI.run(["campaigns", "create", "--file", file.path, "--json"], environment: sandbox.environment)
      #expect(created.status == 0, "\(created.stderr)")
      let campaign = try PoppJSON.makeDecoder().decode(Campaign.self, from: Data(created.stdout.utf8))
      #expect(campaign.closingMethod == .phoneNumber && campaign.contactNumber == "+441135550100")

      let launched = try CLI.run(
        ["conversations", "create", "--campaign", campaign.id, "--first-name", "Zoë", "--phone", "+447400900123"],
        environment: sandbox.environment)
      #expect(launched.status == 0 && launched.stdout.contains("Conversation created"))
      // A national number without a default country is refused before anything is sent.
      let bad = try CLI.run(
        ["conversations", "create", "--campaign", campaign.id, "--first-name", "Zoë", "--phone", "07400 900123"],
        environment: sandbox.environment.merging(["XDG_CONFIG_HOME": sandbox.stateHome.appendingPathComponent("config").path]) { $1 })
      #expect(bad.status == 2 && bad.stderr.contains("no default country"), "\(bad.stderr)")

      try Data(#"{"campaignType": "APPLICANT_OUTREACH", "channel": "SMS", "closingMethod": "MEETING_URL"}"#.utf8).write(to: file)
      let invalid = try CLI.run(["campaigns", "create", "--file", file.path], environment: sandbox.environment)
      #expect(invalid.status == 2)
      #expect(invalid.stderr.contains("campaignTitle is required") && invalid.stderr.contains("meetingUrl is required"))
    }
  }

  @Test func textFromTheServerIsPrintedInert() async throws {
    try await offPool {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let campaigns = try PoppJSON.makeDecoder().decode(
        [Campaign].self, from: Data(try CLI.run(["campaigns", "list", "--json"], environment: sandbox.environment).stdout.utf8))
      let whatsapp = try #require(campaigns.first { $0.channel == .whatsapp && $0.campaignStatus == .live })
      let hostile = "Evil\u{1B}]0;pwned\u{07}\u{1B}[31m\u{9B}2J\u{202E}"
      let created = try CLI.run(
        ["conversations", "create", "--campaign", whatsapp.id, "--first-name", hostile, "--phone", "+14155550142"],
        environment: sandbox.environment)
      #expect(created.status == 0, "\(created.stderr)")
      for arguments in [["conversations", "list"], ["conversations", "list", "--json"], ["overview"]] {
        let output = try CLI.run(arguments, environment: sandbox.environment).stdout
        #expect(
          !output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E }, "\(arguments)"
        )
      }
      #expect(try CLI.run(["conversations", "list"], environment: sandbox.environment).stdout.contains("Evil␛]0;pwned␇␛[31m"))
    }
  }

  @Test func usageErrorsExit2() async throws {
    try await offPool {
      let missing = try CLI.run(["campaigns", "list"], environment: [:])
      #expect(missing.status == 2)
      #expect(missing.stderr.contains("POPP_API_KEY") && missing.stderr.contains("POPP_ORGANIZATION_ID"))
      let badFlag = try CLI.run(
        ["conversations", "create", "--campaign", "c", "--first-name", "A"],
        environment: ["POPP_API_KEY": "k", "POPP_ORGANIZATION_ID": "o"])
      #expect(badFlag.status == 2 && badFlag.stderr.contains("--phone"))
      let plainHTTP = try CLI.run(
        ["campaigns", "list"],
        environment: ["POPP_API_KEY": "k", "POPP_ORGANIZATION_ID": "o", "POPP_BASE_URL": "http://popp.example.com/v1"])
      #expect(plainHTTP.status == 2 && plainHTTP.stderr.contains("https"))
      #expect(try CLI.run(["--help"], environment: [:]).status == 0)
    }
  }

  @Test func networkFailuresExit1WithoutLeakingTheKey() async throws {
    try await offPool {
      let result = try CLI.run(
        ["campaigns", "list"],
        environment: ["POPP_API_KEY": "very-secret-key", "POPP_ORGANIZATION_ID": "o", "POPP_BASE_URL": "http://127.0.0.1:9/v1"])
      #expect(result.status == 1)
      #expect(result.stderr.contains("network error"))
      #expect(!(result.stderr + result.stdout).contains("very-secret-key"))
    }
  }

  @Test func theConsoleRefusesToRunWithoutATerminal() async throws {
    try await offPool {
      let result = try CLI.run([], environment: [:])
      #expect(result.status == 2)
      #expect(result.stderr.contains("needs a terminal"))
    }
  }

  @Test func theOverviewShowsTheBuiltInSandbox() async throws {
    try await offPool {
      let result = try CLI.run(["overview"], environment: [:])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.hasPrefix("SANDBOX"))
      #expect(result.stdout.contains("Needs review"))
    }
  }
}
