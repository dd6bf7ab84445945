public import Foundation
public import PoppAPI

/// What one poll reports to its poller.
public enum PollOutcome: Sendable {
  case success
  /// Nothing to do this tick (e.g. no thread is open).
  case idle
  case failure(PoppError)
}

/// Runs one kind of poll on a fixed rate: ticks fall every `interval` from the start; a tick
/// that comes while the previous poll still runs is skipped (never two polls of one kind at
/// once); after failures the next attempt waits an exponential, jittered backoff, never sooner
/// than the `Retry-After` of a 429 or a pause the whole service observes.
public actor Poller {
  public nonisolated let kind: PollKind
  private let interval: Double
  private let backoff: Backoff
  private let poll: @Sendable () async -> PollOutcome
  private let report: @Sendable (PollKind, PollOutcome, Date?) async -> Void
  private let notBefore: @Sendable () async -> ContinuousClock.Instant?
  private var sleeper: Task<Void, Never>?
  private var failures = 0
  private var wakeRequested = false
  /// How many polls ran and how many ticks were skipped because one was still running.
  public private(set) var runs = 0
  public private(set) var skippedTicks = 0

  /// `report` gets each outcome and, after a failure, when the next attempt is due.
  /// `notBefore` is the service-wide pause (a 429 seen by any poller).
  public init(
    kind: PollKind, interval: Double, backoff: Backoff, poll: @escaping @Sendable () async -> PollOutcome,
    report: @escaping @Sendable (PollKind, PollOutcome, Date?) async -> Void,
    notBefore: @escaping @Sendable () async -> ContinuousClock.Instant? = { nil }
  ) {
    self.kind = kind
    self.interval = interval
    self.backoff = backoff
    self.poll = poll
    self.report = report
    self.notBefore = notBefore
  }

  /// Polls until the task running it is cancelled.
  public func run() async {
    let clock = ContinuousClock()
    let period = Duration.seconds(interval)
    while !Task.isCancelled {
      let started = clock.now
      wakeRequested = false
      let outcome = await poll()
      runs += 1
      var next: ContinuousClock.Instant
      var retryAt: Date?
      switch outcome {
      case .success, .idle:
        failures = 0
        // The next tick on the fixed grid that has not already passed.
        next = started + period
        let now = clock.now
        while next <= now {
          next += period
          skippedTicks += 1
        }
      case .failure(let error):
        failures += 1
        var retryAfter: Double?
        if case .rateLimited(let seconds, _) = error { retryAfter = seconds }
        let delay = backoff.delay(interval: interval, failures: failures, retryAfter: retryAfter, randomUnit: Double.random(in: 0..<1))
        next = clock.now + .seconds(delay)
        retryAt = Date().addingTimeInterval(delay)
      }
      if let pause = await notBefore(), pause > next {
        retryAt = Date().addingTimeInterval(Self.seconds(clock.now.duration(to: pause)))
        next = pause
      }
      await report(kind, outcome, retryAt)
      if Task.isCancelled { break }
      if wakeRequested { continue }
      let deadline = next
      let sleeper = Task { _ = try? await clock.sleep(until: deadline) }
      self.sleeper = sleeper
      await sleeper.value
      self.sleeper = nil
    }
  }

  /// Polls now (the `R` key, or a new thread opened) instead of at the next tick; a poll
  /// already running is not doubled, it is followed by one more at once.
  public func wake() {
    wakeRequested = true
    sleeper?.cancel()
  }

  private static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }
}
