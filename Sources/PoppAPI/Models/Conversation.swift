public import Foundation

public struct ScreeningQuestionOutcome: Codable, Hashable, Sendable {
  public var screeningQuestion: String?
  public var questionOutcome: QuestionOutcome?
  public var responseSummary: String?

  public init(screeningQuestion: String?, questionOutcome: QuestionOutcome?, responseSummary: String?) {
    self.screeningQuestion = screeningQuestion
    self.questionOutcome = questionOutcome
    self.responseSummary = responseSummary
  }
}

/// One outbound thread with one candidate.
public struct Conversation: Codable, Hashable, Sendable, Identifiable {
  public var id: String
  public var organizationId: String?
  public var campaignId: String?
  public var externalId: String?
  public var externalCampaignId: String?
  public var candidateId: String?
  public var participantFirstName: String?
  public var participantLastName: String?
  public var participantPhoneNumber: String?
  public var participantEmailAddress: String?
  public var channel: Channel?
  public var conversationStatus: ConversationStatus
  public var stage: ConversationStage?
  public var needsReview: Bool
  public var needsReviewReason: String?
  public var isHumanTakeover: Bool
  public var screeningQuestionsOutcome: [ScreeningQuestionOutcome]?
  public var campaignConversationUrl: String?
  public var lastMessageAt: Date?
  public var createdAt: Date?
  public var updatedAt: Date?

  public init(
    id: String, organizationId: String? = nil, campaignId: String? = nil,
    externalId: String? = nil, externalCampaignId: String? = nil, candidateId: String? = nil,
    participantFirstName: String? = nil, participantLastName: String? = nil,
    participantPhoneNumber: String? = nil, participantEmailAddress: String? = nil,
    channel: Channel? = nil, conversationStatus: ConversationStatus,
    stage: ConversationStage? = nil, needsReview: Bool = false, needsReviewReason: String? = nil,
    isHumanTakeover: Bool = false, screeningQuestionsOutcome: [ScreeningQuestionOutcome]? = nil,
    campaignConversationUrl: String? = nil, lastMessageAt: Date? = nil, createdAt: Date? = nil,
    updatedAt: Date? = nil
  ) {
    self.id = id
    self.organizationId = organizationId
    self.campaignId = campaignId
    self.externalId = externalId
    self.externalCampaignId = externalCampaignId
    self.candidateId = candidateId
    self.participantFirstName = participantFirstName
    self.participantLastName = participantLastName
    self.participantPhoneNumber = participantPhoneNumber
    self.participantEmailAddress = participantEmailAddress
    self.channel = channel
    self.conversationStatus = conversationStatus
    self.stage = stage
    self.needsReview = needsReview
    self.needsReviewReason = needsReviewReason
    self.isHumanTakeover = isHumanTakeover
    self.screeningQuestionsOutcome = screeningQuestionsOutcome
    self.campaignConversationUrl = campaignConversationUrl
    self.lastMessageAt = lastMessageAt
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decode(String.self, forKey: .id)
    organizationId = try container.decodeIfPresent(String.self, forKey: .organizationId)
    campaignId = try container.decodeIfPresent(String.self, forKey: .campaignId)
    externalId = try container.decodeIfPresent(String.self, forKey: .externalId)
    externalCampaignId = try container.decodeIfPresent(String.self, forKey: .externalCampaignId)
    candidateId = try container.decodeIfPresent(String.self, forKey: .candidateId)
    participantFirstName = try container.decodeIfPresent(
      String.self, forKey: .participantFirstName)
    participantLastName = try container.decodeIfPresent(String.self, forKey: .participantLastName)
    participantPhoneNumber = try container.decodeIfPresent(
      String.self, forKey: .participantPhoneNumber)
    participantEmailAddress = try container.decodeIfPresent(
      String.self, forKey: .participantEmailAddress)
    channel = try container.decodeIfPresent(Channel.self, forKey: .channel)
    conversationStatus = try container.decode(.conversationStatus, default: .unknown(""))
    stage = try container.decodeIfPresent(ConversationStage.self, forKey: .stage)
    needsReview = try container.decode(.needsReview, default: false)
    needsReviewReason = try container.decodeIfPresent(String.self, forKey: .needsReviewReason)
    isHumanTakeover = try container.decode(.isHumanTakeover, default: false)
    screeningQuestionsOutcome = try container.decodeIfPresent(
      [ScreeningQuestionOutcome].self, forKey: .screeningQuestionsOutcome)
    campaignConversationUrl = try container.decodeIfPresent(
      String.self, forKey: .campaignConversationUrl)
    lastMessageAt = try container.decodeIfPresent(Date.self, forKey: .lastMessageAt)
    createdAt = try container.decodeIfPresent(Date.self, forKey: .createdAt)
    updatedAt = try container.decodeIfPresent(Date.self, forKey: .updatedAt)
  }

  /// "First Last", or whatever part of it is known.
  public var participantName: String {
    [participantFirstName, participantLastName].compactMap { $0 }.filter { !$0.isEmpty }
      .joined(separator: " ")
  }

  /// Phone number or email address, whichever reaches the candidate.
  public var participantContact: String? { participantPhoneNumber ?? participantEmailAddress }
}
