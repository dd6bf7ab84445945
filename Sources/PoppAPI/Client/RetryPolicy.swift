/// When and how long to wait before trying a request again.
///
/// Idempotent reads are retried on server errors, unreadable answers and network failures.
/// Writes are retried only when the server certainly did not act: a 429, or a connection
/// that was never made. A write whose outcome is unknown is handed back to the caller
/// (the outbox reconciles against the thread before it tries again).
public struct RetryPolicy: Sendable, Hashable {
  /// Attempts in all, the first included.
  public var maxAttempts: Int
  /// The first backoff, in seconds; it doubles each attempt.
  public var baseDelay: Double
  /// The longest backoff between two attempts, in seconds.
  public var maxDelay: Double
  /// The longest `Retry-After` worth waiting inside one call; longer ones are returned to
  /// the caller as `PoppError.rateLimited` so that it can schedule the retry itself.
  public var maxRetryAfter: Double

  public init(maxAttempts: Int = 4, baseDelay: Double = 0.2, maxDelay: Double = 5, maxRetryAfter: Double = 10) {
    self.maxAttempts = maxAttempts
    self.baseDelay = baseDelay
    self.maxDelay = maxDelay
    self.maxRetryAfter = maxRetryAfter
  }

  public static let standard = RetryPolicy()
  public static let never = RetryPolicy(maxAttempts: 1)

  /// Seconds to wait before attempt `attempt + 1`, or nil to give up with `error`.
  /// `randomUnit` is a value in 0..<1 for the jitter.
  public func delay(after error: PoppError, attempt: Int, idempotent: Bool, randomUnit: Double) -> Double? {
    guard attempt < maxAttempts else { return nil }
    if case .rateLimited(let retryAfter, _) = error {
      guard let retryAfter else { return backoff(attempt: attempt, randomUnit: randomUnit) }
      return retryAfter <= maxRetryAfter ? max(retryAfter, 0) : nil
    }
    let retryable: Bool =
      switch error {
      case .transport(.cannotConnect): true
      case .transport, .server, .invalidResponse: idempotent
      default: false
      }
    return retryable ? backoff(attempt: attempt, randomUnit: randomUnit) : nil
  }

  /// Capped exponential backoff with "equal jitter": half fixed, half random, so that
  /// clients on one jump box do not retry in lockstep yet always wait a little.
  public func backoff(attempt: Int, randomUnit: Double) -> Double {
    let ceiling = min(maxDelay, baseDelay * pow2(attempt - 1))
    return ceiling / 2 + ceiling / 2 * randomUnit
  }

  private func pow2(_ exponent: Int) -> Double {
    exponent <= 0 ? 1 : Double(1 << min(exponent, 30))
  }
}
