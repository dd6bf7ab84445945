/// How often each poller runs and what a new needs-review flag does. Defaults suit one
/// recruiter; many consoles on one organization stay well inside a reasonable request rate.
public struct PollSettings: Sendable, Hashable {
  /// Seconds between polls of each kind.
  public var intervals: [PollKind: Double] = [
    .thread: 2, .head: 5, .activeSet: 5, .catalog: 60, .sweep: 300,
  ]
  /// The longest wait between two attempts of a failing poller, in seconds.
  public var backoffCap: Double = 120
  /// Whether to use the list filters beyond the documented ones (`updatedSince`) once the
  /// server is seen to honour them. Off, the console relies on the documented parameters only.
  public var useServerFilters = true
  public var alerts = AlertSettings()

  public init() {}

  public func interval(_ kind: PollKind) -> Double { intervals[kind] ?? 5 }
}

/// What the console does when a conversation is newly flagged for review.
public struct AlertSettings: Sendable, Hashable {
  /// Ring the terminal bell.
  public var bell = true
  /// Put the count of flagged conversations in the terminal title (OSC 2).
  public var title = true
  /// A program run with the conversation id and the candidate's name appended as arguments,
  /// executed directly (never through a shell). Empty: none.
  public var notifyCommand: [String] = []
  /// Minutes a flagged conversation may wait before the list highlights it.
  public var slaMinutes: Double = 15

  public init() {}
}
