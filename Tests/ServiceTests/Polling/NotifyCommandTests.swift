import ConsoleCore
import Foundation
import PoppSandbox
import Testing

/// `notify-command` runs for a new flag with the conversation id and the candidate's name as
/// arguments, executed directly: a name written to look like shell code stays a name.
@Suite struct NotifyCommandTests {
  @Test func theNotifyCommandGetsTheIdAndNameAndNoShellSeesThem() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("popp-notify-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("notify")
    let received = folder.appendingPathComponent("received")
    let pwned = folder.appendingPathComponent("pwned")
    try Data("#!/bin/sh\nprintf '%s\\n' \"$@\" \"key=${POPP_API_KEY:-none}\" > \(received.path)\n".utf8).write(to: script)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)

    let sandbox = try await PollingHarness.startSandbox()
    var settings = PollingHarness.settings()
    settings.alerts.notifyCommand = [script.path, "--from", "popp"]
    let harness = try PollingHarness(sandbox: sandbox, settings: settings)
    try await harness.startAndLoad()
    let campaign = try #require(harness.state.campaigns.first { $0.campaignStatus == .live && $0.channel == .sms })
    let hostile = "Bobby $(touch \(pwned.path)); `touch \(pwned.path)`"
    _ = try await sandbox.client().createConversation(
      ConversationCreateRequest(
        campaignId: campaign.id, firstName: hostile, lastName: "Tables", phoneNumber: "+14155550199", externalId: "n-1"))
    try await harness.wait("the new conversation") { $0.index.conversations.contains { $0.externalId == "n-1" } }
    let created = try #require(harness.state.index.conversations.first { $0.externalId == "n-1" })
    _ = try await harness.control.flag(conversationId: created.id, reason: "check")

    let deadline = Date().addingTimeInterval(10)
    while !FileManager.default.fileExists(atPath: received.path) && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
    try await Task.sleep(for: .milliseconds(100))
    let lines = try String(contentsOf: received, encoding: .utf8).split(separator: "\n").map(String.init)
    #expect(lines == ["--from", "popp", created.id, "\(hostile) Tables", "key=none"], "no API key in the notifier's environment")
    #expect(!FileManager.default.fileExists(atPath: pwned.path), "nothing ran the name as shell code")
    await harness.stop()
    await sandbox.stop()
  }
}
