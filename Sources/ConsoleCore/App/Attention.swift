public import Foundation
public import PoppAPI

/// What asks for the recruiter's eye besides the conversations themselves: the rows polls touched since they were
/// last opened, the conversations with news not yet read, and since when each flagged conversation has waited.
///
/// The sync engine keeps it (and writes it to the cache); the console's state shows the copy the engine last sent
/// and opens threads by the same rule, so a row read on screen is read for the engine too. The review queue (`n`,
/// `N`) is ordered from here: oldest flag first.
public struct Attention: Sendable, Hashable {
  public internal(set) var marks: [String: RowMark] = [:]
  public internal(set) var unread: Set<String> = []
  /// Since when each flagged conversation has waited, as first seen flagged by this console.
  public internal(set) var flaggedSince: [String: Date] = [:]

  public init(marks: [String: RowMark] = [:], unread: Set<String> = [], flaggedSince: [String: Date] = [:]) {
    self.marks = marks
    self.unread = unread
    self.flaggedSince = flaggedSince
  }

  /// A thread was opened: it is read, and its row no longer marked. Says whether it was unread.
  @discardableResult
  mutating func open(_ id: String) -> Bool {
    marks[id] = nil
    return unread.remove(id) != nil
  }

  /// Flags raised start waiting when they are seen (or when the server last changed them); flags cleared stop.
  /// Says whether any waiting time changed.
  mutating func recordFlags(_ changes: [ConversationChange], seenAt now: Date = Date()) -> Bool {
    let before = flaggedSince
    for change in changes {
      switch change {
      case .flagged(let conversation): flaggedSince[conversation.id] = conversation.updatedAt ?? now
      case .unflagged(let conversation): flaggedSince[conversation.id] = nil
      default: break
      }
    }
    return flaggedSince != before
  }

  /// Marks the rows that news touched (new, or changed), except the thread being read; returns the conversations
  /// that became unread.
  mutating func mark(_ news: [ConversationChange], except open: String?) -> [String] {
    var newlyUnread: [String] = []
    for change in news where change.conversation.id != open {
      let id = change.conversation.id
      switch change {
      case .new: marks[id] = .new
      case .changed: if marks[id] == nil { marks[id] = .changed }
      default: continue
      }
      if unread.insert(id).inserted { newlyUnread.append(id) }
    }
    return newlyUnread
  }

  /// Since when a flagged conversation has waited: when this console saw it flagged, else its last change (the best
  /// the API tells).
  public func waitingSince(_ conversation: Conversation) -> Date? {
    guard conversation.needsReview else { return nil }
    return flaggedSince[conversation.id] ?? conversation.updatedAt
  }

  /// Flagged conversations across every campaign, the longest waiting first.
  public func reviewQueue(in index: ConversationIndex) -> [Conversation] {
    index.rows(filter: .needsReview, campaignId: nil).map { index.conversations[$0] }.sorted {
      (waitingSince($0) ?? .distantPast, $0.id) < (waitingSince($1) ?? .distantPast, $1.id)
    }
  }

  // MARK: In the cache

  /// `id=seconds;id=seconds`: the waiting times, kept across restarts so the list's waits and `n`'s order do not
  /// reset.
  static func decodeFlaggedSince(_ text: String?) -> [String: Date] {
    var result: [String: Date] = [:]
    for pair in (text ?? "").split(separator: ";") {
      let parts = pair.split(separator: "=", maxSplits: 1)
      if parts.count == 2, let seconds = Double(parts[1]) { result[String(parts[0])] = Date(timeIntervalSinceReferenceDate: seconds) }
    }
    return result
  }

  var encodedFlaggedSince: String {
    flaggedSince.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.timeIntervalSinceReferenceDate)" }.joined(separator: ";")
  }
}
