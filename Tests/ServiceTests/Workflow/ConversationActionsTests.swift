import ConsoleCore
import Foundation
import PoppSandbox
import Testing

/// Takeover, send and hand-back against the sandbox, each appended to the audit log.
@Suite(.serialized) struct ConversationActionsTests {
  @Test func takeoverSendAndHandBackAreAuditedWithoutKeyOrBody() async throws {
    let harness = try await OutboxHarness.start(takeOver: false)
    let organization = harness.sandbox.organization
    let actions = ConversationActions(client: try harness.sandbox.client(), organizationId: organization.id, audit: harness.audit)
    let body = "Private words for the candidate \(UUID())"

    let takeover = try await actions.takeOver(conversationId: harness.conversationId)
    #expect(takeover.isHumanTakeover)
    let sent = await harness.outbox().send(conversationId: harness.conversationId, content: .body(body))
    #expect(sent.state == .sent)
    try await actions.handBack(conversationId: harness.conversationId)
    await #expect(throws: PoppError.self) { try await actions.handBack(conversationId: harness.conversationId) }

    let entries = try harness.audit.entries()
    #expect(entries.map(\.action) == [.takeOver, .send, .handBack, .handBack])
    #expect(entries.map(\.outcome).prefix(3) == ["ok", "ok", "ok"])
    #expect(entries.last?.outcome.hasPrefix("failed: ") == true)
    #expect(entries.last?.outcome.contains("not taken over") == true)
    #expect(entries.allSatisfy { $0.user == AuditLog.userName && !$0.user.isEmpty })
    #expect(entries.allSatisfy { $0.organization == organization.id && $0.conversation == harness.conversationId })
    #expect(entries[1].detail?.contains(sent.id) == true, "the outbox id")

    let text = try String(contentsOfFile: harness.audit.path, encoding: .utf8)
    #expect(!text.contains(organization.apiKey), "never the API key")
    #expect(!text.contains(body), "never the message body")
    for line in text.split(separator: "\n") {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      for key in ["time", "organization", "conversation", "action", "outcome", "user"] { #expect(object[key] is String, "\(key)") }
      #expect((object["time"] as? String)?.hasSuffix("Z") == true, "UTC")
    }
    await harness.stop()
  }

  @Test func aTakeoverWhoseAnswerIsLostIsConfirmedByReadingTheConversation() async throws {
    let harness = try await OutboxHarness.start(takeOver: false)
    let actions = ConversationActions(client: harness.client, organizationId: harness.sandbox.organization.id, audit: harness.audit)
    try await harness.control.setFaults(.init(dropConnectionRate: 1, dropConnectionPhase: "after", methods: ["POST"]))

    let takeover = try await actions.takeOver(conversationId: harness.conversationId)
    try await harness.control.clearFaults()

    #expect(takeover.isHumanTakeover)
    let entry = try #require(try harness.audit.entries().last)
    #expect(entry.action == .takeOver && entry.outcome == "ok")
    #expect(entry.detail?.contains("lost answer") == true)
    await harness.stop()
  }
}
