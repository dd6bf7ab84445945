public import Foundation

/// One candidate to reach: the body of `POST /v1/conversations` and, without the campaign,
/// one contact of a bulk request.
public struct ConversationCreateRequest: Codable, Hashable, Sendable {
  public var campaignId: String?
  public var externalCampaignId: String?
  public var firstName: String?
  public var lastName: String?
  public var phoneNumber: String?
  public var emailAddress: String?
  public var externalId: String?
  public var shouldSendDuringBusinessHours: Bool?
  public var openingMessage: String?
  public var additionalContext: String?
  public var closePreviousConversations: Bool?

  public init(
    campaignId: String? = nil, externalCampaignId: String? = nil, firstName: String? = nil,
    lastName: String? = nil, phoneNumber: String? = nil, emailAddress: String? = nil,
    externalId: String? = nil, shouldSendDuringBusinessHours: Bool? = nil,
    openingMessage: String? = nil, additionalContext: String? = nil,
    closePreviousConversations: Bool? = nil
  ) {
    self.campaignId = campaignId
    self.externalCampaignId = externalCampaignId
    self.firstName = firstName
    self.lastName = lastName
    self.phoneNumber = phoneNumber
    self.emailAddress = emailAddress
    self.externalId = externalId
    self.shouldSendDuringBusinessHours = shouldSendDuringBusinessHours
    self.openingMessage = openingMessage
    self.additionalContext = additionalContext
    self.closePreviousConversations = closePreviousConversations
  }
}

/// A contact of a bulk request: the single create without the campaign.
public struct BulkContact: Codable, Hashable, Sendable {
  public var firstName: String?
  public var lastName: String?
  public var phoneNumber: String?
  public var emailAddress: String?
  public var externalId: String?
  public var openingMessage: String?
  public var additionalContext: String?
  public var closePreviousConversations: Bool?

  public init(
    firstName: String? = nil, lastName: String? = nil, phoneNumber: String? = nil,
    emailAddress: String? = nil, externalId: String? = nil, openingMessage: String? = nil,
    additionalContext: String? = nil, closePreviousConversations: Bool? = nil
  ) {
    self.firstName = firstName
    self.lastName = lastName
    self.phoneNumber = phoneNumber
    self.emailAddress = emailAddress
    self.externalId = externalId
    self.openingMessage = openingMessage
    self.additionalContext = additionalContext
    self.closePreviousConversations = closePreviousConversations
  }

  /// The single-create request this contact stands for within a bulk.
  public func request(campaignId: String?, businessHours: Bool?) -> ConversationCreateRequest {
    ConversationCreateRequest(
      campaignId: campaignId, firstName: firstName, lastName: lastName,
      phoneNumber: phoneNumber, emailAddress: emailAddress, externalId: externalId,
      shouldSendDuringBusinessHours: businessHours, openingMessage: openingMessage,
      additionalContext: additionalContext, closePreviousConversations: closePreviousConversations)
  }
}

/// `POST /v1/conversations/bulk`.
public struct BulkConversationRequest: Codable, Hashable, Sendable {
  /// The contract's limit on contacts per request.
  public static let maximumContacts = 10_000

  public var campaignId: String?
  public var shouldSendDuringBusinessHours: Bool?
  public var contacts: [BulkContact]?

  public init(
    campaignId: String?, shouldSendDuringBusinessHours: Bool? = nil, contacts: [BulkContact]?
  ) {
    self.campaignId = campaignId
    self.shouldSendDuringBusinessHours = shouldSendDuringBusinessHours
    self.contacts = contacts
  }
}

/// `POST /v1/conversations/{id}/messages`: exactly one of the two fields.
public struct SendMessageRequest: Codable, Hashable, Sendable {
  public var messageBody: String?
  public var templateId: String?

  public init(messageBody: String? = nil, templateId: String? = nil) {
    self.messageBody = messageBody
    self.templateId = templateId
  }

  public static func text(_ body: String) -> Self { Self(messageBody: body) }
  public static func template(_ id: String) -> Self { Self(templateId: id) }
}

/// The query of `GET /v1/conversations`. Only `campaignId`, `sortDirection`, `limit` and
/// `nextToken` are documented by Popp; the filters are the sandbox's, to be used only as an
/// optimisation by a client that stays correct without them.
public struct ConversationQuery: Codable, Hashable, Sendable {
  public var campaignId: String?
  public var sortDirection: SortDirection?
  public var limit: Int?
  public var conversationStatus: ConversationStatus?
  public var needsReview: Bool?
  public var isHumanTakeover: Bool?
  public var updatedSince: Date?

  public init(
    campaignId: String? = nil, sortDirection: SortDirection? = nil, limit: Int? = nil,
    conversationStatus: ConversationStatus? = nil, needsReview: Bool? = nil,
    isHumanTakeover: Bool? = nil, updatedSince: Date? = nil
  ) {
    self.campaignId = campaignId
    self.sortDirection = sortDirection
    self.limit = limit
    self.conversationStatus = conversationStatus
    self.needsReview = needsReview
    self.isHumanTakeover = isHumanTakeover
    self.updatedSince = updatedSince
  }

  var queryItems: [(String, String)] {
    var items: [(String, String)] = []
    if let campaignId { items.append(("campaignId", campaignId)) }
    if let sortDirection { items.append(("sortDirection", sortDirection.rawValue)) }
    if let limit { items.append(("limit", String(limit))) }
    if let conversationStatus { items.append(("conversationStatus", conversationStatus.rawValue)) }
    if let needsReview { items.append(("needsReview", String(needsReview))) }
    if let isHumanTakeover { items.append(("isHumanTakeover", String(isHumanTakeover))) }
    if let updatedSince { items.append(("updatedSince", Timestamp.format(updatedSince))) }
    return items
  }
}
