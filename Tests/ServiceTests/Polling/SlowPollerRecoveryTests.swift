import ConsoleCore
import Foundation
import PoppSandbox
import Testing

/// Found by the chaos soak: after the faults ended, STALE stayed up for minutes while the
/// conversations were polled fine every few seconds, because the sweep (and the catalog) had
/// failed during the faults and retry no sooner than their interval.
@Suite(.serialized) struct SlowPollerRecoveryTests {
  @Test func theBannerClearsOnceConversationsAreReadAgainThoughTheSweepFailed() async throws {
    let sandbox = try await PollingHarness.startSandbox()
    let harness = try PollingHarness(
      sandbox: sandbox, settings: PollingHarness.settings(head: 0.2, active: 0.2, catalog: 3600, sweep: 3600))
    try await harness.startAndLoad()

    // Every poller, the sweep and the catalog among them, fails once.
    _ = try await harness.control.setFaults(.init(errorRate: 1))
    await harness.engine.refreshNow()
    try await harness.wait("STALE") { $0.health.problem != nil }
    try await Task.sleep(for: .seconds(1))
    try await harness.control.clearFaults()
    // The head and active-set pollers retry within the backoff cap (5 s); the sweep not for an hour.
    try await harness.wait("the banner gone", timeout: 15) { $0.health.problem == nil }
    await harness.stop()
    await sandbox.stop()
  }
}
