/// How long a poller waits after failures: its interval doubled per consecutive failure, capped,
/// with "equal jitter" (half fixed, half random) so that the consoles of one jump box do not
/// retry in lockstep; never sooner than the server's `Retry-After`.
public struct Backoff: Sendable, Hashable {
  public var cap: Double

  public init(cap: Double) { self.cap = cap }

  /// Seconds until the next attempt after `failures` consecutive failures (≥ 1) of a poller
  /// whose interval is `interval`. `randomUnit` is in 0..<1.
  public func delay(interval: Double, failures: Int, retryAfter: Double?, randomUnit: Double) -> Double {
    let exponent = min(max(failures, 1), 30)
    let ceiling = max(min(cap, interval * Double(1 << exponent)), interval)
    let jittered = ceiling / 2 + ceiling / 2 * randomUnit
    return max(jittered, interval, retryAfter ?? 0)
  }
}
