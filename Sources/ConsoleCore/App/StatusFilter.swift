public import PoppAPI

/// The tabs above the conversation list, picked with the number keys.
public enum StatusFilter: Int, CaseIterable, Sendable, Hashable {
  case all, needsReview, ongoing, takenOver, completed, closed

  public var title: String {
    switch self {
    case .all: "All"
    case .needsReview: "Needs review"
    case .ongoing: "Ongoing"
    case .takenOver: "Taken over"
    case .completed: "Completed"
    case .closed: "Failed/Opted out/Closed"
    }
  }

  public func matches(_ conversation: Conversation) -> Bool {
    switch self {
    case .all: true
    case .needsReview: conversation.needsReview
    case .ongoing: conversation.conversationStatus == .ongoing
    case .takenOver: conversation.isHumanTakeover
    case .completed:
      switch conversation.conversationStatus {
      case .completedScreeningPassed, .completedScreeningFailed, .completedMeetingRequested, .completedAwaitingCall,
        .completedCustomRequest:
        true
      default: false
      }
    case .closed:
      switch conversation.conversationStatus {
      case .closed, .optedOut, .deliveryFailed: true
      default: false
      }
    }
  }
}

extension StatusFilter {
  /// The name `:status` takes.
  public var argumentName: String {
    switch self {
    case .all: "all"
    case .needsReview: "review"
    case .ongoing: "ongoing"
    case .takenOver: "taken-over"
    case .completed: "completed"
    case .closed: "closed"
    }
  }

  /// `:status review`; also the tab's number and the longer spellings people try ("needs-review", "failed").
  public init?(argument: String) {
    let word = argument.lowercased().filter { $0.isLetter || $0.isNumber }
    let aliases: [String: StatusFilter] = [
      "needsreview": .needsReview, "takeover": .takenOver, "failed": .closed, "optedout": .closed,
    ]
    if let number = Int(word), let filter = StatusFilter(rawValue: number - 1) {
      self = filter
    } else if let filter = StatusFilter.allCases.first(where: { $0.argumentName.filter { $0.isLetter } == word }) ?? aliases[word] {
      self = filter
    } else {
      return nil
    }
  }
}
