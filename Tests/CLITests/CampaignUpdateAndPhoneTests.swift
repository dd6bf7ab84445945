import Foundation
import PoppAPI
import Testing

/// `campaigns update` and phone numbers as people type them, against a sandbox child.
@Suite(.serialized) struct CampaignUpdateAndPhoneTests {
  /// The sandbox's environment with a config folder of this test's own (never the user's).
  static func environment(_ sandbox: SandboxProcess, config: String? = nil) throws -> [String: String] {
    let folder = sandbox.stateHome.appendingPathComponent("config")
    if let config {
      let directory = folder.appendingPathComponent("popp-console")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try Data(config.utf8).write(to: directory.appendingPathComponent("config.toml"))
    }
    return sandbox.environment.merging(["XDG_CONFIG_HOME": folder.path]) { $1 }
  }

  static func campaigns(_ environment: [String: String]) throws -> [Campaign] {
    try PoppJSON.makeDecoder().decode(
      [Campaign].self, from: Data(try CLI.run(["campaigns", "list", "--json"], environment: environment).stdout.utf8))
  }

  static func campaign(_ id: String, _ environment: [String: String]) throws -> Campaign {
    try PoppJSON.makeDecoder().decode(
      Campaign.self, from: Data(try CLI.run(["campaigns", "show", id, "--json"], environment: environment).stdout.utf8))
  }

  /// A JSON file for `--file`, removed when the test ends.
  final class BodyFile {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("campaign-update-\(UUID().uuidString).json")
    func write(_ json: String) throws -> String {
      try Data(json.utf8).write(to: url)
      return url.path
    }
    deinit { try? FileManager.default.removeItem(at: url) }
  }

  @Test func updatesTitleDescriptionAndStatus() async throws {
    try await offPool {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let environment = try Self.environment(sandbox)
      let live = try #require(try Self.campaigns(environment).first { $0.campaignStatus == .live })

      let updated = try CLI.run(
        ["campaigns", "update", live.id, "--title", "Night bus driver", "--status", "draft", "--yes"], environment: environment)
      #expect(updated.status == 0, "\(updated.stderr)")
      #expect(updated.stdout.contains("updated campaign \(live.id)") && updated.stdout.contains("Night bus driver"))
      let shown = try CLI.run(["campaigns", "show", live.id], environment: environment)
      #expect(shown.stdout.contains("Night bus driver") && shown.stdout.contains("DRAFT"), "\(shown.stdout)")

      // From a file, with a flag on top, printed as JSON.
      let body = BodyFile()
      let file = try body.write(#"{"campaignDescription": "Nights, Leeds depot.", "location": "Leeds"}"#)
      let json = try CLI.run(
        ["campaigns", "update", live.id, "--file", file, "--status", "LIVE", "--yes", "--json"], environment: environment)
      #expect(json.status == 0, "\(json.stderr)")
      let campaign = try PoppJSON.makeDecoder().decode(Campaign.self, from: Data(json.stdout.utf8))
      #expect(campaign.campaignDescription == "Nights, Leeds depot." && campaign.location == "Leeds")
      #expect(campaign.campaignStatus == .live && campaign.campaignTitle == "Night bus driver")
      #expect(try Self.campaign(live.id, environment) == campaign)
    }
  }

  @Test func statusChangesWithoutATerminalNeedYes() async throws {
    try await offPool {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let environment = try Self.environment(sandbox)
      let live = try #require(try Self.campaigns(environment).first { $0.campaignStatus == .live })
      for status in ["ARCHIVED", "DRAFT"] {
        let refused = try CLI.run(["campaigns", "update", live.id, "--status", status], environment: environment)
        #expect(refused.status == 2 && refused.stderr.contains("--yes") && refused.stderr.contains("LIVE → \(status)"), "\(refused.stderr)")
      }
      #expect(try Self.campaign(live.id, environment) == live)
      // The same status is no change, and a title needs no confirmation.
      let same = try CLI.run(["campaigns", "update", live.id, "--status", "LIVE", "--title", "Renamed"], environment: environment)
      #expect(same.status == 0, "\(same.stderr)")
      let archived = try CLI.run(["campaigns", "update", live.id, "--status", "ARCHIVED", "--yes"], environment: environment)
      #expect(archived.status == 0 && archived.stdout.contains("ARCHIVED"), "\(archived.stderr)")
    }
  }

  @Test func refusesWhatCannotOrMustNotChangeBeforeSending() async throws {
    try await offPool {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let environment = try Self.environment(sandbox)
      let live = try #require(try Self.campaigns(environment).first { $0.campaignStatus == .live && $0.closingMethod != .meetingURL })
      let body = BodyFile()
      // (a file's JSON, flags, what the error says)
      let cases: [(body: String?, flags: [String], message: String)] = [
        (
          #"{"questions": [{"questionType": "TEXT", "isMandatory": true, "content": "?"}]}"#, [], "questions cannot be changed"
        ),
        (#"{"campaignType": "SCHEDULING"}"#, [], "campaignType cannot be changed"),
        (#"{"campaignTitle": "x", "colour": "red", "id": "y"}"#, [], "unknown fields colour, id"),
        (#"{"campaignStatus": "PAUSED"}"#, [], "campaignStatus must be one of DRAFT, LIVE or ARCHIVED"),
        (#"{"closingMethod": "MEETING_URL"}"#, [], "meetingUrl is required when closingMethod is MEETING_URL"),
        (#"{"company": null}"#, [], "company cannot be null"),
        (#"["campaignTitle"]"#, [], "must hold a JSON object"),
        ("{}", [], "must change at least one field"),
        (nil, ["--title", "  "], "campaignTitle is required"),
        (nil, ["--status", "PAUSED"], "--status must be DRAFT, LIVE or ARCHIVED"),
        (nil, [], "give --file or at least one of"),
      ]
      for (json, flags, message) in cases {
        let arguments = try (json.map { ["--file", try body.write($0)] } ?? []) + flags
        let result = try CLI.run(["campaigns", "update", live.id] + arguments, environment: environment)
        #expect(result.status == 2 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
      }
      #expect(try Self.campaign(live.id, environment) == live, "nothing was sent")
      let missing = try CLI.run(["campaigns", "update", "no-such-campaign", "--title", "x"], environment: environment)
      #expect(missing.status == 1 && missing.stderr.contains("404"), "\(missing.stderr)")
    }
  }

  @Test func phoneNumbersAreNormalisedByTheDefaultCountry() async throws {
    try await offPool {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      var environment = try Self.environment(sandbox)
      let campaign = try #require(try Self.campaigns(environment).first { $0.campaignStatus == .live && $0.channel != .email })
      func create(_ phone: String, _ extra: [String] = []) throws -> CLI.Result {
        try CLI.run(
          ["conversations", "create", "--campaign", campaign.id, "--first-name", "Zoë", "--phone", phone] + extra, environment: environment)
      }
      let flag = try create("07400 900123", ["--default-country", "GB"])
      #expect(flag.status == 0 && flag.stdout.contains("+447400900123"), "\(flag.stderr)")
      let international = try create("0044 (0)7400 900124")
      #expect(international.status == 0 && international.stdout.contains("+447400900124"), "\(international.stderr)")

      // The config's default-country, which the flag overrides.
      environment = try Self.environment(sandbox, config: "default-country = \"gb\"\n")
      let config = try create("07400 900125")
      #expect(config.status == 0 && config.stdout.contains("+447400900125"), "\(config.stderr)")
      let overridden = try create("(415) 555-0142", ["--default-country", "US"])
      #expect(overridden.status == 0 && overridden.stdout.contains("+14155550142"), "\(overridden.stderr)")

      let listed = try CLI.run(["conversations", "list", "--campaign", campaign.id], environment: environment).stdout
      for number in ["+447400900123", "+447400900124", "+447400900125", "+14155550142"] {
        #expect(listed.contains(number), "\(number) in\n\(listed)")
      }

      // Refused before anything is sent, with the reason.
      let count = listed.split(separator: "\n").count
      let short = try create("07400 90012")
      #expect(short.status == 2 && short.stderr.contains("has 9 digits after the trunk 0"), "\(short.stderr)")
      let extensionNumber = try create("+44 7400 900123 ext. 4")
      #expect(extensionNumber.status == 2 && extensionNumber.stderr.contains("extension"), "\(extensionNumber.stderr)")
      let after = try CLI.run(["conversations", "list", "--campaign", campaign.id], environment: environment).stdout
      #expect(after.split(separator: "\n").count == count)
    }
  }

  @Test func unknownDefaultCountriesExit2NamingThem() async throws {
    try await offPool {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      var environment = try Self.environment(sandbox)
      let campaign = try #require(try Self.campaigns(environment).first { $0.campaignStatus == .live && $0.channel != .email })
      let arguments = ["conversations", "create", "--campaign", campaign.id, "--first-name", "Zoë", "--phone", "07400 900123"]
      let flag = try CLI.run(arguments + ["--default-country", "XX"], environment: environment)
      #expect(flag.status == 2 && flag.stderr.contains("--default-country") && flag.stderr.contains("\"XX\""), "\(flag.stderr)")
      environment = try Self.environment(sandbox, config: "default-country = \"Narnia\"\n")
      let config = try CLI.run(arguments, environment: environment)
      #expect(
        config.status == 2 && config.stderr.contains("default-country in") && config.stderr.contains("\"Narnia\""), "\(config.stderr)")
      // Even an international number is not sent while the setting is wrong.
      let international = try CLI.run(
        ["conversations", "create", "--campaign", campaign.id, "--first-name", "Zoë", "--phone", "+447400900123"], environment: environment)
      #expect(international.status == 2)
    }
  }
}
