import Foundation
import PoppSandbox
import Synchronization
import Testing

@testable import ConsoleCore

/// The outbox against a real sandbox whose faults drop the connection before or after the
/// server stored the message: a message is sent at most once and never lost.
@Suite(.serialized) struct OutboxTests {
  @Test func aConnectionDroppedAfterTheServerStoredTheMessageLeavesExactlyOne() async throws {
    let harness = try await OutboxHarness.start()
    try await harness.control.resetStats()
    try await harness.control.setFaults(.init(dropConnectionRate: 1, dropConnectionPhase: "after", methods: ["POST"]))
    let states = Mutex<[OutboxEntry.State]>([])
    let outbox = harness.outbox { entry in states.withLock { $0.append(entry.state) } }
    let body = "Stored once, answer lost 🌷 \(UUID())"

    let entry = await outbox.send(conversationId: harness.conversationId, content: .body(body))
    try await harness.control.clearFaults()

    #expect(entry.state == .sent)
    #expect(entry.attempts == 1)
    let mine = try await harness.userMessages(body: body)
    #expect(mine.count == 1)
    #expect(entry.sentMessageId == mine.first?.id)
    #expect(try await harness.messagePosts() == 1, "found in the thread, not posted again")
    #expect(states.withLock { $0 } == [.pending, .sending, .sent])
    #expect(outbox.entries(conversationId: harness.conversationId).map(\.state) == [.sent], "persisted")
    let audit = try #require(try harness.audit.entries().last)
    #expect(audit.action == .send && audit.outcome == "ok")
    #expect(audit.detail?.contains("found in the thread") == true, "the answer really was lost: \(audit.detail ?? "")")
    await harness.stop()
  }

  @Test func aConnectionDroppedBeforeTheServerActedIsSentOnceByTheRetry() async throws {
    let harness = try await OutboxHarness.start()
    try await harness.control.resetStats()
    try await harness.control.setFaults(.init(dropConnectionRate: 1, dropConnectionPhase: "before", methods: ["POST"]))
    let control = harness.control
    let client = HookedClient(base: harness.client) { number in
      if number == 1 { try? await control.clearFaults() }
    }
    let body = "Dropped before storing \(UUID())"

    let entry = await harness.outbox(client: client).send(conversationId: harness.conversationId, content: .body(body))

    #expect(entry.state == .sent)
    #expect(entry.attempts == 2)
    #expect(try await harness.userMessages(body: body).count == 1)
    #expect(try await harness.messagePosts() == 2)
    await harness.stop()
  }

  @Test func everyAttemptLostBeforeStoringEndsFailedWithNothingSent() async throws {
    let harness = try await OutboxHarness.start()
    try await harness.control.resetStats()
    try await harness.control.setFaults(.init(dropConnectionRate: 1, dropConnectionPhase: "before", methods: ["POST"]))
    let body = "Never arrives \(UUID())"

    let entry = await harness.outbox().send(conversationId: harness.conversationId, content: .body(body))
    try await harness.control.clearFaults()

    #expect(entry.state == .failed)
    #expect(entry.attempts == 3)
    #expect(entry.error?.isEmpty == false)
    #expect(try await harness.userMessages(body: body).isEmpty)
    #expect(try await harness.messagePosts() == 3)
    // Retried once the network is back: one message.
    let retried = await harness.outbox().retry(entry.id)
    #expect(retried?.state == .sent)
    #expect(try await harness.userMessages(body: body).count == 1)
    await harness.stop()
  }

  @Test func aConflictFailsWithTheServersErrorAndAnEditedRetrySendsOnlyTheEdit() async throws {
    let harness = try await OutboxHarness.start(takeOver: false)
    try await harness.control.resetStats()
    let outbox = harness.outbox()
    let body = "Before takeover \(UUID())"

    let entry = await outbox.send(conversationId: harness.conversationId, content: .body(body))

    #expect(entry.state == .failed)
    #expect(entry.error?.contains("not taken over") == true, "\(entry.error ?? "")")
    #expect(entry.attempts == 1)
    #expect(try await harness.userMessages(body: body).isEmpty)
    #expect(try await harness.messagePosts() == 1, "a definite refusal is not retried")

    _ = try await harness.client.takeOver(conversationId: harness.conversationId)
    let edited = body + " (edited)"
    let retried = await outbox.retry(entry.id, content: .body(edited))
    #expect(retried?.state == .sent)
    #expect(retried?.content == .body(edited))
    #expect(try await harness.userMessages(body: edited).count == 1)
    #expect(try await harness.userMessages(body: body).isEmpty)
    await harness.stop()
  }

  @Test func anEntryLeftSendingWhoseMessageArrivedIsReconciledWithoutASecondPost() async throws {
    let harness = try await OutboxHarness.start()
    let body = "Sent just before the crash \(UUID())"
    let entry = try await crashedEntry(harness, body: body, owner: Int32.max)
    // The request reached the server; the console was killed before it heard the answer.
    let stored = try await harness.client.sendMessage(conversationId: harness.conversationId, .text(body))
    try await harness.control.resetStats()

    let resumed = await harness.outbox().resumePending()

    #expect(resumed.map(\.id) == [entry.id])
    #expect(resumed.first?.state == .sent)
    #expect(resumed.first?.sentMessageId == stored.id)
    #expect(try await harness.messagePosts() == 0)
    #expect(try await harness.userMessages(body: body).count == 1)
    await harness.stop()
  }

  @Test func anEntryLeftSendingWhoseMessageNeverArrivedIsSentOnceOnResume() async throws {
    let harness = try await OutboxHarness.start()
    let body = "Crashed before the request left \(UUID())"
    _ = try await crashedEntry(harness, body: body, owner: Int32.max)
    try await harness.control.resetStats()

    let resumed = await harness.outbox().resumePending()

    #expect(resumed.map(\.state) == [.sent])
    #expect(try await harness.messagePosts() == 1)
    #expect(try await harness.userMessages(body: body).count == 1)
    await harness.stop()
  }

  @Test func anEntryAnotherRunningConsoleIsSendingIsLeftToIt() async throws {
    let harness = try await OutboxHarness.start()
    let body = "Another console has it \(UUID())"
    _ = try await crashedEntry(harness, body: body, owner: getppid())
    try await harness.control.resetStats()

    let resumed = await harness.outbox().resumePending()

    #expect(resumed.map(\.state) == [.sending])
    #expect(try await harness.messagePosts() == 0)
    await harness.stop()
  }

  @Test func twoIdenticalMessagesSentTogetherUnderDropsArriveTwiceNotMore() async throws {
    let harness = try await OutboxHarness.start()
    try await harness.control.resetStats()
    try await harness.control.setFaults(.init(dropConnectionRate: 1, dropConnectionPhase: "after", methods: ["POST"]))
    let outbox = harness.outbox()
    let body = "OK \(UUID())"

    async let first = outbox.send(conversationId: harness.conversationId, content: .body(body))
    async let second = outbox.send(conversationId: harness.conversationId, content: .body(body))
    let entries = await [first, second]
    try await harness.control.clearFaults()

    #expect(entries.map(\.state) == [.sent, .sent])
    #expect(Set(entries.compactMap(\.sentMessageId)).count == 2, "each entry claims its own message")
    #expect(try await harness.userMessages(body: body).count == 2)
    #expect(try await harness.messagePosts() == 2)
    await harness.stop()
  }

  @Test func aTemplateWhoseAnswerIsLostIsFoundByItsTemplateId() async throws {
    let harness = try await OutboxHarness.start()
    let conversation = try await harness.client.conversation(id: harness.conversationId)
    let template = try #require(try await harness.client.listTemplates().first { $0.channel == conversation.channel })
    let before = try await harness.client.allMessages(conversationId: harness.conversationId).collect()
      .filter { $0.templateId == template.id }.count
    try await harness.control.resetStats()
    try await harness.control.setFaults(.init(dropConnectionRate: 1, dropConnectionPhase: "after", methods: ["POST"]))

    let entry = await harness.outbox().send(
      conversationId: harness.conversationId, content: .template(id: template.id, preview: template.body ?? ""))
    try await harness.control.clearFaults()

    #expect(entry.state == .sent)
    let after = try await harness.client.allMessages(conversationId: harness.conversationId).collect().filter {
      $0.templateId == template.id
    }
    #expect(after.count == before + 1)
    #expect(try await harness.messagePosts() == 1)
    let audit = try harness.audit.entries()
    #expect(audit.last?.action == .sendTemplate)
    #expect(audit.last?.detail?.contains(template.id) == true)
    #expect(audit.last?.detail?.contains("found in the thread") == true)
    await harness.stop()
  }

  /// An entry as a console killed mid-request leaves it: `sending`, one attempt, a baseline.
  private func crashedEntry(_ harness: OutboxHarness, body: String, owner: Int32) async throws -> OutboxEntry {
    let newest = try await harness.client.listMessages(
      conversationId: harness.conversationId, sortDirection: .descending, limit: 1, nextToken: nil
    ).data.first
    var entry = OutboxEntry(conversationId: harness.conversationId, content: .body(body))
    entry.state = .sending
    entry.attempts = 1
    entry.attemptStartedAt = Date()
    entry.baselineMessageId = newest?.id
    entry.baselineCreatedAt = newest?.createdAt
    try harness.store.save(entry, owner: owner)
    return entry
  }
}
