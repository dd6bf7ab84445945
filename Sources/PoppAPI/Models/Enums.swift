// The enums of the Popp contract. Each keeps unknown values (see `OpenEnum`).

public enum CampaignType: OpenEnum {
  case applicantOutreach, newCandidateOutreach, engagementOutreach, scheduling
  case unknown(String)

  public static let knownCases: [Self] = [
    .applicantOutreach, .newCandidateOutreach, .engagementOutreach, .scheduling,
  ]

  public var rawValue: String {
    switch self {
    case .applicantOutreach: "APPLICANT_OUTREACH"
    case .newCandidateOutreach: "NEW_CANDIDATE_OUTREACH"
    case .engagementOutreach: "ENGAGEMENT_OUTREACH"
    case .scheduling: "SCHEDULING"
    case .unknown(let raw): raw
    }
  }

  /// Outreach to job candidates needs a company and a location (the contract's table).
  public var requiresCompanyAndLocation: Bool {
    self == .applicantOutreach || self == .newCandidateOutreach
  }

  /// Every type but SCHEDULING screens candidates with questions.
  public var requiresQuestions: Bool { self != .scheduling }

  /// ENGAGEMENT_OUTREACH may omit the opening template; the others need one.
  public var requiresOpeningTemplate: Bool { requiresCompanyAndLocation }
}

public enum Channel: OpenEnum {
  case whatsapp, sms, email
  case unknown(String)

  public static let knownCases: [Self] = [.whatsapp, .sms, .email]

  public var rawValue: String {
    switch self {
    case .whatsapp: "WHATSAPP"
    case .sms: "SMS"
    case .email: "EMAIL"
    case .unknown(let raw): raw
    }
  }

  /// EMAIL campaigns reach candidates by address, the others by phone number.
  public var usesEmail: Bool { self == .email }
}

public enum ClosingMethod: OpenEnum {
  case custom, meetingURL, phoneNumber, calendarMeetingIntegration
  case unknown(String)

  public static let knownCases: [Self] = [
    .custom, .meetingURL, .phoneNumber, .calendarMeetingIntegration,
  ]

  public var rawValue: String {
    switch self {
    case .custom: "CUSTOM"
    case .meetingURL: "MEETING_URL"
    case .phoneNumber: "PHONE_NUMBER"
    case .calendarMeetingIntegration: "CALENDAR_MEETING_INTEGRATION"
    case .unknown(let raw): raw
    }
  }

  /// The request field that must accompany this closing method.
  public var companionField: CampaignField? {
    switch self {
    case .custom: .customMessage
    case .meetingURL: .meetingUrl
    case .phoneNumber: .contactNumber
    case .calendarMeetingIntegration: .calendarMeetingTemplateId
    case .unknown: nil
    }
  }

  /// The status a successful screening ends in under this closing method.
  public var successStatus: ConversationStatus {
    switch self {
    case .custom: .completedCustomRequest
    case .meetingURL, .calendarMeetingIntegration: .completedMeetingRequested
    case .phoneNumber: .completedAwaitingCall
    case .unknown: .completedScreeningPassed
    }
  }
}

public enum CampaignStatus: OpenEnum {
  case draft, live, archived
  case unknown(String)

  public static let knownCases: [Self] = [.draft, .live, .archived]

  public var rawValue: String {
    switch self {
    case .draft: "DRAFT"
    case .live: "LIVE"
    case .archived: "ARCHIVED"
    case .unknown(let raw): raw
    }
  }
}

public enum AgentTone: OpenEnum {
  case friendly, professional, casual
  case unknown(String)

  public static let knownCases: [Self] = [.friendly, .professional, .casual]

  public var rawValue: String {
    switch self {
    case .friendly: "FRIENDLY"
    case .professional: "PROFESSIONAL"
    case .casual: "CASUAL"
    case .unknown(let raw): raw
    }
  }
}

public enum QuestionType: OpenEnum {
  case text, document
  case unknown(String)

  public static let knownCases: [Self] = [.text, .document]

  public var rawValue: String {
    switch self {
    case .text: "TEXT"
    case .document: "DOCUMENT"
    case .unknown(let raw): raw
    }
  }
}

public enum ConversationStatus: OpenEnum {
  case created, queued, ongoing
  case completedScreeningPassed, completedScreeningFailed
  case closed, optedOut, deliveryFailed
  case completedMeetingRequested, completedAwaitingCall, completedCustomRequest
  case unknown(String)

  public static let knownCases: [Self] = [
    .created, .queued, .ongoing, .completedScreeningPassed, .completedScreeningFailed,
    .closed, .optedOut, .deliveryFailed, .completedMeetingRequested, .completedAwaitingCall,
    .completedCustomRequest,
  ]

  public var rawValue: String {
    switch self {
    case .created: "CREATED"
    case .queued: "QUEUED"
    case .ongoing: "ONGOING"
    case .completedScreeningPassed: "COMPLETED_SCREENING_PASSED"
    case .completedScreeningFailed: "COMPLETED_SCREENING_FAILED"
    case .closed: "CLOSED"
    case .optedOut: "OPTED_OUT"
    case .deliveryFailed: "DELIVERY_FAILED"
    case .completedMeetingRequested: "COMPLETED_MEETING_REQUESTED"
    case .completedAwaitingCall: "COMPLETED_AWAITING_CALL"
    case .completedCustomRequest: "COMPLETED_CUSTOM_REQUEST"
    case .unknown(let raw): raw
    }
  }

  /// The statuses that accept takeover, replies and hand-back (the seed's rule).
  public static let activeCases: [Self] = [
    .ongoing, .completedMeetingRequested, .completedAwaitingCall, .completedCustomRequest,
  ]

  public var isActive: Bool { Self.activeCases.contains(self) }

  /// Whether the conversation can still change on its own. Unknown statuses count as
  /// live so that a poller keeps watching them rather than freezing them.
  public var canStillChange: Bool {
    switch self {
    case .created, .queued, .ongoing, .completedMeetingRequested, .completedAwaitingCall,
      .completedCustomRequest, .unknown:
      true
    case .completedScreeningPassed, .completedScreeningFailed, .closed, .optedOut,
      .deliveryFailed:
      false
    }
  }
}

public enum ConversationStage: OpenEnum {
  case initial, screening, closing
  case unknown(String)

  public static let knownCases: [Self] = [.initial, .screening, .closing]

  public var rawValue: String {
    switch self {
    case .initial: "INITIAL"
    case .screening: "SCREENING"
    case .closing: "CLOSING"
    case .unknown(let raw): raw
    }
  }
}

public enum MessageSender: OpenEnum {
  /// The recruiter, speaking through the API.
  case user
  case agent, candidate, system
  case unknown(String)

  public static let knownCases: [Self] = [.user, .agent, .candidate, .system]

  public var rawValue: String {
    switch self {
    case .user: "USER"
    case .agent: "AGENT"
    case .candidate: "CANDIDATE"
    case .system: "SYSTEM"
    case .unknown(let raw): raw
    }
  }
}

public enum MessageStatus: OpenEnum {
  case sentSuccess, pending, delivered, read, failed, received
  case unknown(String)

  public static let knownCases: [Self] = [
    .sentSuccess, .pending, .delivered, .read, .failed, .received,
  ]

  public var rawValue: String {
    switch self {
    case .sentSuccess: "SENT_SUCCESS"
    case .pending: "PENDING"
    case .delivered: "DELIVERED"
    case .read: "READ"
    case .failed: "FAILED"
    case .received: "RECEIVED"
    case .unknown(let raw): raw
    }
  }
}

public enum TemplateType: OpenEnum {
  case openingMessage, followUp, reply
  case unknown(String)

  public static let knownCases: [Self] = [.openingMessage, .followUp, .reply]

  public var rawValue: String {
    switch self {
    case .openingMessage: "OPENING_MESSAGE"
    case .followUp: "FOLLOW_UP"
    case .reply: "REPLY"
    case .unknown(let raw): raw
    }
  }
}

public enum QuestionOutcome: OpenEnum {
  case passed, failed
  case unknown(String)

  public static let knownCases: [Self] = [.passed, .failed]

  public var rawValue: String {
    switch self {
    case .passed: "PASSED"
    case .failed: "FAILED"
    case .unknown(let raw): raw
    }
  }
}

public enum SortDirection: OpenEnum {
  case ascending, descending
  case unknown(String)

  public static let knownCases: [Self] = [.ascending, .descending]

  public var rawValue: String {
    switch self {
    case .ascending: "ASC"
    case .descending: "DESC"
    case .unknown(let raw): raw
    }
  }
}

public enum BulkContactStatus: OpenEnum {
  case queued, failed
  case unknown(String)

  public static let knownCases: [Self] = [.queued, .failed]

  public var rawValue: String {
    switch self {
    case .queued: "queued"
    case .failed: "failed"
    case .unknown(let raw): raw
    }
  }
}
