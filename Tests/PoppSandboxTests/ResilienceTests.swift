import Foundation
import PoppAPI
import PoppSandbox
import Testing

@Suite struct PersistenceTests {
  @Test func stateSurvivesARestartWithADatabaseFile() async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("popp-sandbox-\(UUID().uuidString).sqlite").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let first = try await Harness.start(demoSize: 15, databasePath: path)
    let campaign = try await first.makeCampaign()
    let conversation = try await first.launch(campaign)
    _ = try await first.advance(conversation.id, until: { $0.conversationStatus == .ongoing })
    _ = try await first.client.takeOver(conversationId: conversation.id)
    let sent = try await first.client.sendMessage(conversationId: conversation.id, .text("Persist me ✓"))
    let before = try await first.client.allConversations().collect()
    await first.stop()

    let second = try await Harness.start(demoSize: 15, databasePath: path)
    let after = try await second.client.allConversations().collect()
    #expect(after.map(\.id) == before.map(\.id), "no re-seeding and nothing lost")
    let reopened = try await second.client.conversation(id: conversation.id)
    #expect(reopened.isHumanTakeover)
    #expect(try await second.client.allMessages(conversationId: conversation.id).collect().contains(sent))
    #expect(try await second.client.campaign(id: campaign.id).campaignTitle == "Test role")
    // New rows continue the sequence rather than reusing ids.
    let again = try await second.launch(campaign, firstName: "Grace")
    #expect(!before.map(\.id).contains(again.id))
    await second.stop()
  }
}

extension PersistenceTests {
  /// A file opened at speed 0 resumes at the time it was left: the wall clock that passed
  /// between two runs is not run, so a frozen world's conversations are as they were.
  @Test func aFrozenWorldResumesWhereItWasLeft() async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("popp-sandbox-\(UUID().uuidString).sqlite").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let first = try await Harness.start(demoSize: 15, databasePath: path)
    let left = try await first.control.advanceClock(seconds: 0)
    let before = try await first.client.allConversations().collect()
    await first.stop()
    // The demo's newest conversations are queued a second after they were made: with the wall
    // clock's time run at the restart, they would be.
    try await Task.sleep(for: .milliseconds(2_500))

    let second = try await Harness.start(demoSize: 15, databasePath: path)
    let resumed = try await second.control.advanceClock(seconds: 0)
    #expect(abs(resumed.timeIntervalSince(left)) < 0.01, "the clock is where it was left, not \(resumed) against \(left)")
    let after = try await second.client.allConversations().collect()
    #expect(after.map(\.updatedAt) == before.map(\.updatedAt), "nothing ran at the restart")
    #expect(after.map(\.conversationStatus) == before.map(\.conversationStatus))
    await second.stop()
  }
}

@Suite struct FaultTests {
  @Test func readsAreRetriedThroughServerErrorsAndCounted() async throws {
    try await withSandbox(retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.02)) { harness in
      try await harness.control.setFaults(.init(errorRate: 1))
      try await harness.control.resetStats()
      await expectError({ $0.statusCode == 500 }) { _ = try await harness.client.listTemplates() }
      #expect(try await harness.control.stats().count("GET /v1/templates") == 3, "three attempts, then the error")
      try await harness.control.clearFaults()
      #expect(try await !harness.client.listTemplates().isEmpty, "recovers when faults clear")
    }
  }

  @Test func postsAreNotRetriedOnServerErrors() async throws {
    try await withSandbox { harness in
      let campaign = try await harness.makeCampaign()
      try await harness.control.setFaults(.init(errorRate: 1, methods: ["POST"]))
      try await harness.control.resetStats()
      await expectError({ $0.statusCode == 500 }) {
        _ = try await harness.client.createConversation(
          ConversationCreateRequest(campaignId: campaign.id, firstName: "A", phoneNumber: "+14155551234"))
      }
      #expect(try await harness.control.stats().count("POST /v1/conversations") == 1)
      try await harness.control.clearFaults()
      #expect(try await harness.client.allConversations().collect().isEmpty, "an injected error stores nothing")
    }
  }

  @Test func rateLimitsAreHonouredWithRetryAfter() async throws {
    try await withSandbox(retryPolicy: RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.02, maxRetryAfter: 0.5)) { harness in
      try await harness.control.setFaults(.init(rateLimitPerMinute: 1))
      _ = try await harness.client.listAgents()
      await expectError({
        guard case .rateLimited(let retryAfter, _) = $0 else { return false }
        return (retryAfter ?? 0) > 0.5
      }) { _ = try await harness.client.listAgents() }
    }
  }

  @Test func aDropAfterTheServerActedLeavesExactlyOneMessage() async throws {
    try await withSandbox { harness in
      let conversation = try await TakeoverTests().ongoing(harness)
      _ = try await harness.client.takeOver(conversationId: conversation.id)
      try await harness.control.setFaults(.init(dropConnectionRate: 1, dropConnectionPhase: "after", methods: ["POST"]))
      await expectError({ $0.outcomeUnknown }) {
        _ = try await harness.client.sendMessage(conversationId: conversation.id, .text("Exactly once"))
      }
      try await harness.control.clearFaults()
      let mine = try await harness.client.allMessages(conversationId: conversation.id).collect().filter { $0.body == "Exactly once" }
      #expect(mine.count == 1, "stored once and not resent by the client")
    }
  }

  @Test func aDropBeforeTheServerActedStoresNothing() async throws {
    try await withSandbox { harness in
      let conversation = try await TakeoverTests().ongoing(harness)
      _ = try await harness.client.takeOver(conversationId: conversation.id)
      try await harness.control.setFaults(.init(dropConnectionRate: 1, dropConnectionPhase: "before", methods: ["POST"]))
      await expectError({ $0.outcomeUnknown }) {
        _ = try await harness.client.sendMessage(conversationId: conversation.id, .text("Not yet"))
      }
      try await harness.control.clearFaults()
      #expect(try await harness.client.allMessages(conversationId: conversation.id).collect().filter { $0.body == "Not yet" }.isEmpty)
    }
  }

  @Test func malformedJsonIsReportedAsAnInvalidResponse() async throws {
    try await withSandbox(retryPolicy: .never) { harness in
      try await harness.control.setFaults(.init(malformedJsonRate: 1))
      await expectError({ if case .invalidResponse = $0 { true } else { false } }) { _ = try await harness.client.listTemplates() }
    }
  }

  @Test func latencyIsInjected() async throws {
    try await withSandbox { harness in
      try await harness.control.setFaults(.init(latencyMs: 300))
      let start = ContinuousClock.now
      _ = try await harness.client.listAgents()
      #expect(ContinuousClock.now - start >= .milliseconds(300))
    }
  }

  @Test func badFaultSettingsAreRefused() async throws {
    try await withSandbox { harness in
      await expectError({ $0.statusCode == 400 }) { try await harness.control.setFaults(.init(errorRate: 2)) }
    }
  }

  @Test func aStoppedSandboxIsACannotConnectFailure() async throws {
    let harness = try await Harness.start()
    await harness.stop()
    await expectError({ if case .transport(.cannotConnect) = $0 { true } else { false } }) { _ = try await harness.client.listAgents() }
  }
}
