public import Foundation

/// A screening question of a campaign.
public struct Question: Codable, Hashable, Sendable {
  public var questionType: QuestionType
  /// Required on the wire; absent means the request left it out (validation says so).
  public var isMandatory: Bool?
  /// The question itself, for TEXT questions.
  public var content: String?
  /// The accepted files, for DOCUMENT questions (e.g. `["CV"]`).
  public var documentTypes: [String]?

  public init(
    questionType: QuestionType, isMandatory: Bool?, content: String? = nil,
    documentTypes: [String]? = nil
  ) {
    self.questionType = questionType
    self.isMandatory = isMandatory
    self.content = content
    self.documentTypes = documentTypes
  }

  /// Whether failing this question screens the candidate out.
  public var gatesResult: Bool { isMandatory ?? false }

  public static func text(_ content: String, mandatory: Bool = true) -> Question {
    Question(questionType: .text, isMandatory: mandatory, content: content)
  }

  public static func document(_ types: [String], mandatory: Bool = false) -> Question {
    Question(questionType: .document, isMandatory: mandatory, documentTypes: types)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    questionType = try container.decode(.questionType, default: .unknown(""))
    isMandatory = try container.decodeIfPresent(Bool.self, forKey: .isMandatory)
    content = try container.decodeIfPresent(String.self, forKey: .content)
    documentTypes = try container.decodeIfPresent([String].self, forKey: .documentTypes)
  }
}

public struct Agent: Codable, Hashable, Sendable {
  public var id: String
  public var agentName: String?
  public var agentTone: AgentTone?

  public init(id: String, agentName: String?, agentTone: AgentTone?) {
    self.id = id
    self.agentName = agentName
    self.agentTone = agentTone
  }
}

public struct JobDescriptionParsed: Codable, Hashable, Sendable {
  public var employerName: String?
  public var jobTitle: String?
  public var summaryOfRole: String?

  public init(employerName: String?, jobTitle: String?, summaryOfRole: String?) {
    self.employerName = employerName
    self.jobTitle = jobTitle
    self.summaryOfRole = summaryOfRole
  }
}

/// A campaign as the API returns it. Note `customRequest`: the request's `customMessage`
/// comes back under this name.
public struct Campaign: Codable, Hashable, Sendable, Identifiable {
  public var id: String
  public var organizationId: String?
  public var type: CampaignType
  public var channel: Channel
  public var closingMethod: ClosingMethod
  public var campaignStatus: CampaignStatus
  public var campaignTitle: String
  public var campaignDescription: String?
  public var company: String?
  public var location: String?
  public var templateId: String?
  public var customTemplatedMessage: String?
  public var customRequest: String?
  public var meetingUrl: String?
  public var contactNumber: String?
  public var calendarMeetingTemplateId: String?
  public var externalId: String?
  public var agent: Agent?
  public var jobDescriptionParsed: JobDescriptionParsed?
  public var questions: [Question]
  public var createdAt: Date?
  public var updatedAt: Date?

  public init(
    id: String, organizationId: String?, type: CampaignType, channel: Channel,
    closingMethod: ClosingMethod, campaignStatus: CampaignStatus, campaignTitle: String,
    campaignDescription: String? = nil, company: String? = nil, location: String? = nil,
    templateId: String? = nil, customTemplatedMessage: String? = nil,
    customRequest: String? = nil, meetingUrl: String? = nil, contactNumber: String? = nil,
    calendarMeetingTemplateId: String? = nil, externalId: String? = nil, agent: Agent? = nil,
    jobDescriptionParsed: JobDescriptionParsed? = nil, questions: [Question] = [],
    createdAt: Date? = nil, updatedAt: Date? = nil
  ) {
    self.id = id
    self.organizationId = organizationId
    self.type = type
    self.channel = channel
    self.closingMethod = closingMethod
    self.campaignStatus = campaignStatus
    self.campaignTitle = campaignTitle
    self.campaignDescription = campaignDescription
    self.company = company
    self.location = location
    self.templateId = templateId
    self.customTemplatedMessage = customTemplatedMessage
    self.customRequest = customRequest
    self.meetingUrl = meetingUrl
    self.contactNumber = contactNumber
    self.calendarMeetingTemplateId = calendarMeetingTemplateId
    self.externalId = externalId
    self.agent = agent
    self.jobDescriptionParsed = jobDescriptionParsed
    self.questions = questions
    self.createdAt = createdAt
    self.updatedAt = updatedAt
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decode(String.self, forKey: .id)
    organizationId = try container.decodeIfPresent(String.self, forKey: .organizationId)
    type = try container.decode(.type, default: .unknown(""))
    channel = try container.decode(.channel, default: .unknown(""))
    closingMethod = try container.decode(.closingMethod, default: .unknown(""))
    campaignStatus = try container.decode(.campaignStatus, default: .unknown(""))
    campaignTitle = try container.decode(.campaignTitle, default: "")
    campaignDescription = try container.decodeIfPresent(String.self, forKey: .campaignDescription)
    company = try container.decodeIfPresent(String.self, forKey: .company)
    location = try container.decodeIfPresent(String.self, forKey: .location)
    templateId = try container.decodeIfPresent(String.self, forKey: .templateId)
    customTemplatedMessage = try container.decodeIfPresent(
      String.self, forKey: .customTemplatedMessage)
    customRequest = try container.decodeIfPresent(String.self, forKey: .customRequest)
    meetingUrl = try container.decodeIfPresent(String.self, forKey: .meetingUrl)
    contactNumber = try container.decodeIfPresent(String.self, forKey: .contactNumber)
    calendarMeetingTemplateId = try container.decodeIfPresent(
      String.self, forKey: .calendarMeetingTemplateId)
    externalId = try container.decodeIfPresent(String.self, forKey: .externalId)
    agent = try container.decodeIfPresent(Agent.self, forKey: .agent)
    jobDescriptionParsed = try container.decodeIfPresent(
      JobDescriptionParsed.self, forKey: .jobDescriptionParsed)
    questions = try container.decode(.questions, default: [])
    createdAt = try container.decodeIfPresent(Date.self, forKey: .createdAt)
    updatedAt = try container.decodeIfPresent(Date.self, forKey: .updatedAt)
  }

  /// The closing method's companion value, whichever field holds it.
  public var closingCompanion: String? {
    switch closingMethod {
    case .custom: customRequest
    case .meetingURL: meetingUrl
    case .phoneNumber: contactNumber
    case .calendarMeetingIntegration: calendarMeetingTemplateId
    case .unknown: nil
    }
  }
}
