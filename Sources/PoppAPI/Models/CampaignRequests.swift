/// The fields of a campaign create or update request, named as on the wire. Validation
/// errors name them so that a form can show the error beside the right field.
public enum CampaignField: String, CaseIterable, Sendable, Hashable {
  case campaignType, channel, closingMethod, campaignTitle, campaignDescription, company
  case location, customMessage, meetingUrl, contactNumber, calendarMeetingTemplateId
  case openingMessageTemplateId, customTemplatedMessage, agentName, agentTone
  case campaignStatus, externalId, questions
}

/// `POST /v1/campaigns`. Every field is optional here because which ones are required
/// depends on the campaign type and closing method: `CampaignValidation` checks them.
public struct CampaignCreateRequest: Codable, Hashable, Sendable {
  public var campaignType: CampaignType?
  public var channel: Channel?
  public var closingMethod: ClosingMethod?
  public var campaignTitle: String?
  public var campaignDescription: String?
  public var company: String?
  public var location: String?
  public var customMessage: String?
  public var meetingUrl: String?
  public var contactNumber: String?
  public var calendarMeetingTemplateId: String?
  public var openingMessageTemplateId: String?
  public var customTemplatedMessage: String?
  public var agentName: String?
  public var agentTone: AgentTone?
  public var campaignStatus: CampaignStatus?
  public var externalId: String?
  public var questions: [Question]?

  public init(
    campaignType: CampaignType? = nil, channel: Channel? = nil,
    closingMethod: ClosingMethod? = nil, campaignTitle: String? = nil,
    campaignDescription: String? = nil, company: String? = nil, location: String? = nil,
    customMessage: String? = nil, meetingUrl: String? = nil, contactNumber: String? = nil,
    calendarMeetingTemplateId: String? = nil, openingMessageTemplateId: String? = nil,
    customTemplatedMessage: String? = nil, agentName: String? = nil, agentTone: AgentTone? = nil,
    campaignStatus: CampaignStatus? = nil, externalId: String? = nil,
    questions: [Question]? = nil
  ) {
    self.campaignType = campaignType
    self.channel = channel
    self.closingMethod = closingMethod
    self.campaignTitle = campaignTitle
    self.campaignDescription = campaignDescription
    self.company = company
    self.location = location
    self.customMessage = customMessage
    self.meetingUrl = meetingUrl
    self.contactNumber = contactNumber
    self.calendarMeetingTemplateId = calendarMeetingTemplateId
    self.openingMessageTemplateId = openingMessageTemplateId
    self.customTemplatedMessage = customTemplatedMessage
    self.agentName = agentName
    self.agentTone = agentTone
    self.campaignStatus = campaignStatus
    self.externalId = externalId
    self.questions = questions
  }
}

/// `PATCH /v1/campaigns/{id}`: any subset of the create fields but `questions`.
public struct CampaignUpdateRequest: Codable, Hashable, Sendable {
  public var channel: Channel?
  public var closingMethod: ClosingMethod?
  public var campaignTitle: String?
  public var campaignDescription: String?
  public var company: String?
  public var location: String?
  public var customMessage: String?
  public var meetingUrl: String?
  public var contactNumber: String?
  public var calendarMeetingTemplateId: String?
  public var openingMessageTemplateId: String?
  public var customTemplatedMessage: String?
  public var agentName: String?
  public var agentTone: AgentTone?
  public var campaignStatus: CampaignStatus?
  public var externalId: String?

  public init(
    channel: Channel? = nil, closingMethod: ClosingMethod? = nil, campaignTitle: String? = nil,
    campaignDescription: String? = nil, company: String? = nil, location: String? = nil,
    customMessage: String? = nil, meetingUrl: String? = nil, contactNumber: String? = nil,
    calendarMeetingTemplateId: String? = nil, openingMessageTemplateId: String? = nil,
    customTemplatedMessage: String? = nil, agentName: String? = nil, agentTone: AgentTone? = nil,
    campaignStatus: CampaignStatus? = nil, externalId: String? = nil
  ) {
    self.channel = channel
    self.closingMethod = closingMethod
    self.campaignTitle = campaignTitle
    self.campaignDescription = campaignDescription
    self.company = company
    self.location = location
    self.customMessage = customMessage
    self.meetingUrl = meetingUrl
    self.contactNumber = contactNumber
    self.calendarMeetingTemplateId = calendarMeetingTemplateId
    self.openingMessageTemplateId = openingMessageTemplateId
    self.customTemplatedMessage = customTemplatedMessage
    self.agentName = agentName
    self.agentTone = agentTone
    self.campaignStatus = campaignStatus
    self.externalId = externalId
  }

  public var isEmpty: Bool { self == CampaignUpdateRequest() }
}
