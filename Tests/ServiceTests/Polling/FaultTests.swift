import ConsoleCore
import Foundation
import PoppSandbox
import Testing

/// The console keeps its data and says how stale it is while the server misbehaves, polls
/// less while it fails, never overlaps two polls of a kind, and recovers by itself.
@Suite(.serialized) struct FaultTests {
  @Test func underFaultsTheDataStaysTheStatusSaysStaleAndItRecovers() async throws {
    let sandbox = try await PollingHarness.startSandbox()
    let harness = try PollingHarness(sandbox: sandbox, settings: PollingHarness.settings(head: 0.2, active: 0.2))
    try await harness.startAndLoad()
    let known = harness.state.index.count

    _ = try await harness.control.setFaults(.init(latencyMs: 300, errorRate: 0.5, rateLimitPerMinute: 20))
    try await harness.wait("STALE", timeout: 15) { $0.health.problem != nil }
    let stale = try #require(harness.state.health.problem)
    #expect(!stale.isOffline, "the server answers: STALE, not OFFLINE")
    #expect(harness.state.index.count == known, "a failing poll must not drop what is known")

    try await harness.control.clearFaults()
    let recovered = Date()
    try await harness.wait("recovery", timeout: 15) { $0.health.problem == nil }
    #expect(harness.state.index.count == known)
    #expect((harness.state.health.updatedAt ?? .distantPast) >= recovered)
    await harness.stop()
    await sandbox.stop()
  }

  @Test func failingPollsBackOff() async throws {
    let sandbox = try await PollingHarness.startSandbox()
    let harness = try PollingHarness(sandbox: sandbox, settings: PollingHarness.settings(head: 0.2, active: 0.2))
    try await harness.startAndLoad()

    _ = try await harness.control.setFaults(.init(errorRate: 1))
    try await harness.control.resetStats()
    try await Task.sleep(for: .seconds(4))
    let failing = try await harness.control.stats().count("GET /v1/conversations")
    #expect(harness.state.health.problem?.reason.contains("500") == true)

    // Polling on schedule would cost two pollers × 4 s / 0.2 s = 40 requests; doubling waits
    // (0.2–0.4, 0.4–0.8, 0.8–1.6, 1.6–3.2 s) allow at most 5 attempts each.
    #expect(failing <= 12, "\(failing) requests in 4 s while every one failed")
    #expect(failing >= 4, "the pollers must keep trying (\(failing))")
    await harness.stop()
    await sandbox.stop()
  }

  @Test func twoPollsOfOneKindNeverOverlap() async throws {
    let sandbox = try await PollingHarness.startSandbox()
    // Only the head poller is fast; every request takes 400 ms, four head intervals.
    let harness = try PollingHarness(sandbox: sandbox, settings: PollingHarness.settings(head: 0.1, active: 3600))
    try await harness.startAndLoad()
    try await Task.sleep(for: .milliseconds(300))
    _ = try await harness.control.setFaults(.init(latencyMs: 400))
    try await Task.sleep(for: .milliseconds(500))
    try await harness.control.resetStats()
    try await Task.sleep(for: .seconds(2.5))
    let stats = try await harness.control.stats()
    let counts = await harness.engine.pollerCounts()

    #expect(stats.peakInFlight?["GET /v1/conversations"] == 1)
    #expect(stats.count("GET /v1/conversations") <= 8, "\(stats.count("GET /v1/conversations")) polls of 400 ms in 2.5 s")
    #expect((counts[.head]?.skipped ?? 0) >= 3, "ticks that fell during a running poll are skipped")
    await harness.stop()
    await sandbox.stop()
  }

  @Test func aRestartWithTheServerDownShowsTheCacheMarkedOffline() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("popp-offline-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let cache = directory.appendingPathComponent("cache.sqlite").path

    let sandbox = try await PollingHarness.startSandbox()
    let first = try PollingHarness(sandbox: sandbox, settings: PollingHarness.settings(), storePath: cache)
    try await first.startAndLoad()
    // News seen before the restart: a flag (unread, waiting since then).
    let flagged = try #require(first.state.index.conversations.first { $0.conversationStatus == .ongoing && !$0.needsReview })
    _ = try await first.control.flag(conversationId: flagged.id, reason: "before the restart")
    try await first.wait("the flag") { $0.attention.unread.contains(flagged.id) }
    try await Task.sleep(for: .milliseconds(500))
    let seen = first.state
    await first.stop()
    let address = sandbox.baseURL
    await sandbox.stop()

    // Same cache, same address, nothing listening.
    let dead = HTTPPoppClient(
      configuration: try ClientConfiguration(
        baseURL: address, organizationId: sandbox.organization.id, apiKey: sandbox.organization.apiKey, requestTimeout: 2,
        retryPolicy: .never))
    let second = try PollingHarness(sandbox: sandbox, settings: PollingHarness.settings(), storePath: cache, client: dead)
    await second.showCache()
    let restored = second.state
    #expect(restored.index.count == seen.index.count)
    #expect(restored.attention.unread == seen.attention.unread, "unread markers survive a restart")
    #expect(restored.attention.flaggedSince[flagged.id] == seen.attention.flaggedSince[flagged.id], "so does how long a flag has waited")
    #expect(restored.attention.flaggedSince[flagged.id] != nil)
    #expect(restored.campaigns.count == seen.campaigns.count)
    #expect(!restored.isLoading, "the cache is shown at once")
    #expect(restored.health.updatedAt != nil, "the cache knows when it was last synced")

    await second.engine.start()
    try await second.wait("OFFLINE") { $0.health.problem?.isOffline == true }
    #expect(second.state.index.count == seen.index.count)
    await second.stop()
  }
}
