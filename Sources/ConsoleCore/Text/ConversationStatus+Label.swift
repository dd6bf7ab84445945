public import PoppAPI

extension ConversationStatus {
  /// How the status reads in a list row or a count: short, lower case.
  public var label: String {
    switch self {
    case .created: "created"
    case .queued: "queued"
    case .ongoing: "ongoing"
    case .completedScreeningPassed: "passed"
    case .completedScreeningFailed: "failed"
    case .closed: "closed"
    case .optedOut: "opted out"
    case .deliveryFailed: "undelivered"
    case .completedMeetingRequested: "meeting req."
    case .completedAwaitingCall: "awaiting call"
    case .completedCustomRequest: "closing sent"
    case .unknown(let raw): TerminalSanitizer.sanitize(raw.lowercased())
    }
  }
}

extension StyleRole {
  /// The colour of a conversation's status: taken over, ongoing, starting, done, failed or unknown.
  public static func status(of conversation: Conversation) -> StyleRole {
    if conversation.isHumanTakeover { return .statusTakenOver }
    switch conversation.conversationStatus {
    case .ongoing: return .statusOngoing
    case .created, .queued: return .statusQueued
    case .completedScreeningPassed, .completedMeetingRequested, .completedAwaitingCall, .completedCustomRequest: return .statusCompleted
    case .completedScreeningFailed, .closed, .optedOut, .deliveryFailed: return .statusFailed
    case .unknown: return .statusUnknown
    }
  }
}
