public import Foundation

/// How fresh the console's data is, for the status bar: when a poll last succeeded, and what
/// is wrong while polls fail.
public struct SyncHealth: Sendable, Hashable {
  public struct Problem: Sendable, Hashable {
    /// OFFLINE: the API cannot be reached. STALE: it answers, but not usefully (errors,
    /// rate limits, unreadable answers).
    public var isOffline: Bool
    /// What failed, in the client's words.
    public var reason: String
    /// When the failing poller tries again.
    public var nextRetryAt: Date
    /// HUB GONE: the console is attached to a hub that does not answer; what is on screen stays, read-only.
    public var isHubGone: Bool

    public init(isOffline: Bool, reason: String, nextRetryAt: Date, isHubGone: Bool = false) {
      self.isOffline = isOffline
      self.reason = reason
      self.nextRetryAt = nextRetryAt
      self.isHubGone = isHubGone
    }
  }

  /// The last time a poll of the conversations succeeded (from the cache at start).
  public var updatedAt: Date?
  /// nil while every poller succeeds.
  public var problem: Problem?

  public init(updatedAt: Date? = nil, problem: Problem? = nil) {
    self.updatedAt = updatedAt
    self.problem = problem
  }
}
