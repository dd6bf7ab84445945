import ConsoleCore
import Foundation
import Synchronization
import Testing

/// The poller's schedule, with a stand-in poll (the polls themselves are tested against the
/// sandbox in PollingTests).
@Suite struct PollerTests {
  final class Log: Sendable {
    let starts = Mutex<[Date]>([])
    let reports = Mutex<[(PollOutcome, Date?)]>([])
  }

  func poller(
    interval: Double, cap: Double = 10, log: Log, outcome: @escaping @Sendable (Int) async -> PollOutcome
  ) -> Poller {
    let counter = Mutex(0)
    return Poller(
      kind: .head, interval: interval, backoff: Backoff(cap: cap),
      poll: {
        log.starts.withLock { $0.append(Date()) }
        let call = counter.withLock { count in
          count += 1
          return count
        }
        return await outcome(call)
      },
      report: { _, outcome, retryAt in log.reports.withLock { $0.append((outcome, retryAt)) } })
  }

  @Test func backoffDoublesWithJitterNeverBelowTheIntervalOrRetryAfterAndIsCapped() {
    let backoff = Backoff(cap: 60)
    #expect(backoff.delay(interval: 5, failures: 1, retryAfter: nil, randomUnit: 0) == 5)
    #expect(backoff.delay(interval: 5, failures: 1, retryAfter: nil, randomUnit: 0.999) < 10)
    #expect(backoff.delay(interval: 5, failures: 3, retryAfter: nil, randomUnit: 0) == 20)
    #expect(backoff.delay(interval: 5, failures: 30, retryAfter: nil, randomUnit: 0.999) <= 60)
    #expect(backoff.delay(interval: 5, failures: 1, retryAfter: 42, randomUnit: 0) == 42)
    #expect(backoff.delay(interval: 90, failures: 5, retryAfter: nil, randomUnit: 0) == 90)
  }

  /// Waits until `condition` holds, for up to 2,000 checks 10 ms apart. Counted in checks, not in wall-clock time:
  /// while CPU-bound tests of other suites hold both threads of the pool (the first seconds of a run), this test is
  /// not running either, and that time must not use up its patience.
  func eventually(_ condition: () async -> Bool) async throws {
    var checks = 0
    while !(await condition()) && checks < 2_000 {
      checks += 1
      try await Task.sleep(for: .milliseconds(10))
    }
  }

  @Test func aSlowPollSkipsTheTicksThatFallWhileItRuns() async throws {
    let log = Log()
    let poller = poller(interval: 0.05, log: log) { _ in
      try? await Task.sleep(for: .milliseconds(220))
      return .success
    }
    let task = Task { await poller.run() }
    try await eventually { log.starts.withLock { $0.count } >= 4 }
    task.cancel()
    let starts = log.starts.withLock { $0 }
    #expect(starts.count >= 4)
    for (earlier, later) in zip(starts, starts.dropFirst()) {
      #expect(later.timeIntervalSince(earlier) >= 0.2, "a poll started before the previous one ended")
    }
    // Each poll lasts at least 220 ms, more than four 50 ms ticks.
    #expect(await poller.skippedTicks >= 4 * (starts.count - 1))
  }

  @Test func aRateLimitIsObeyed() async throws {
    let log = Log()
    let poller = poller(interval: 0.05, log: log) { call in
      call == 1 ? .failure(.rateLimited(retryAfter: 0.6, message: "slow down")) : .success
    }
    let task = Task { await poller.run() }
    try await eventually { log.starts.withLock { $0.count } >= 2 }
    task.cancel()
    let starts = log.starts.withLock { $0 }
    try #require(starts.count >= 2)
    #expect(starts[1].timeIntervalSince(starts[0]) >= 0.6)
    let retryAt = try #require(log.reports.withLock { $0.first?.1 })
    #expect(retryAt.timeIntervalSince(starts[0]) >= 0.55)
  }

  @Test func wakePollsAtOnceInsteadOfAtTheNextTick() async throws {
    let log = Log()
    let poller = poller(interval: 3600, log: log) { _ in .success }
    let task = Task { await poller.run() }
    try await eventually { log.starts.withLock { $0.count } >= 1 }
    await poller.wake()
    try await eventually { log.starts.withLock { $0.count } >= 2 }
    task.cancel()
    #expect(log.starts.withLock { $0.count } == 2, "the hourly poll ran again only because it was woken")
  }
}
