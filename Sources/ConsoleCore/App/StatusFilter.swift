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
