public import PoppAPI

/// What a poll found different from what the console knew: the typed events the UI marks
/// rows with, rings the bell for, and counts in the title.
public enum ConversationChange: Sendable, Hashable {
  case new(Conversation)
  case changed(Conversation, previous: Conversation)
  /// `needsReview` became true.
  case flagged(Conversation)
  /// `needsReview` became false.
  case unflagged(Conversation)
  /// Someone (another recruiter, another tool) took it over.
  case takenOverElsewhere(Conversation)
  /// The agent speaks again.
  case handedBack(Conversation)
  /// A message came or went since the last poll (`lastMessageAt` moved on).
  case messageArrived(Conversation)

  public var conversation: Conversation {
    switch self {
    case .new(let conversation), .changed(let conversation, _), .flagged(let conversation), .unflagged(let conversation),
      .takenOverElsewhere(let conversation), .handedBack(let conversation), .messageArrived(let conversation):
      conversation
    }
  }

  /// The events one conversation's new state means against its previous one.
  public static func between(_ previous: Conversation?, _ current: Conversation) -> [ConversationChange] {
    guard let previous else { return [.new(current)] + (current.needsReview ? [.flagged(current)] : []) }
    guard previous != current else { return [] }
    var changes: [ConversationChange] = [.changed(current, previous: previous)]
    if current.needsReview && !previous.needsReview { changes.append(.flagged(current)) }
    if !current.needsReview && previous.needsReview { changes.append(.unflagged(current)) }
    if current.isHumanTakeover && !previous.isHumanTakeover { changes.append(.takenOverElsewhere(current)) }
    if !current.isHumanTakeover && previous.isHumanTakeover { changes.append(.handedBack(current)) }
    if let now = current.lastMessageAt, now > (previous.lastMessageAt ?? .distantPast) { changes.append(.messageArrived(current)) }
    return changes
  }
}
