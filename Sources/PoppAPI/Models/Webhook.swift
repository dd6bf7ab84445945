public import Foundation

/// A webhook delivery. The console polls instead, but the payload documents what Popp
/// considers a conversation event, and `CONVERSATION_NEEDS_REVIEW` drives the triage model.
public struct WebhookEvent: Codable, Sendable, Hashable {
  public struct Data: Codable, Sendable, Hashable {
    public var recordId: String
    public var organizationId: String?
    public var externalId: String?
    public var externalCampaignId: String?
    public var campaignConversationUrl: String?
    public var isHumanTakeover: Bool?
  }

  public var event: WebhookEventType
  public var eventId: String
  public var eventTimestamp: Date?
  public var data: Data
}

public enum WebhookEventType: OpenEnum {
  case conversationQueued, conversationStarted, conversationCompleted, conversationNeedsReview
  case conversationOptedOut, startConversationFailed, conversationMaxNudgesReached
  case unknown(String)

  public static let knownCases: [Self] = [
    .conversationQueued, .conversationStarted, .conversationCompleted, .conversationNeedsReview,
    .conversationOptedOut, .startConversationFailed, .conversationMaxNudgesReached,
  ]

  public var rawValue: String {
    switch self {
    case .conversationQueued: "CONVERSATION_QUEUED"
    case .conversationStarted: "CONVERSATION_STARTED"
    case .conversationCompleted: "CONVERSATION_COMPLETED"
    case .conversationNeedsReview: "CONVERSATION_NEEDS_REVIEW"
    case .conversationOptedOut: "CONVERSATION_OPTED_OUT"
    case .startConversationFailed: "START_CONVERSATION_FAILED"
    case .conversationMaxNudgesReached: "CONVERSATION_MAX_NUDGES_REACHED"
    case .unknown(let raw): raw
    }
  }
}
