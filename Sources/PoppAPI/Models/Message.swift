public import Foundation

public struct Message: Codable, Hashable, Sendable, Identifiable {
  public var id: String
  public var conversationId: String?
  public var body: String
  public var sender: MessageSender
  public var status: MessageStatus?
  public var templateId: String?
  public var createdAt: Date?

  public init(
    id: String, conversationId: String?, body: String, sender: MessageSender,
    status: MessageStatus?, templateId: String? = nil, createdAt: Date?
  ) {
    self.id = id
    self.conversationId = conversationId
    self.body = body
    self.sender = sender
    self.status = status
    self.templateId = templateId
    self.createdAt = createdAt
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    id = try container.decode(String.self, forKey: .id)
    conversationId = try container.decodeIfPresent(String.self, forKey: .conversationId)
    body = try container.decode(.body, default: "")
    sender = try container.decode(.sender, default: .unknown(""))
    status = try container.decodeIfPresent(MessageStatus.self, forKey: .status)
    templateId = try container.decodeIfPresent(String.self, forKey: .templateId)
    createdAt = try container.decodeIfPresent(Date.self, forKey: .createdAt)
  }
}

/// A saved message of the organization, with placeholders such as `{{CANDIDATE_FIRST_NAME}}`.
public struct Template: Codable, Hashable, Sendable, Identifiable {
  public var id: String
  public var name: String?
  public var channel: Channel?
  public var type: TemplateType?
  public var campaignType: CampaignType?
  public var body: String?

  public init(
    id: String, name: String?, channel: Channel?, type: TemplateType?,
    campaignType: CampaignType?, body: String?
  ) {
    self.id = id
    self.name = name
    self.channel = channel
    self.type = type
    self.campaignType = campaignType
    self.body = body
  }

  /// Whether this template may open conversations of a campaign with that channel and type.
  public func canOpen(channel: Channel, campaignType: CampaignType) -> Bool {
    self.channel == channel && type == .openingMessage && self.campaignType == campaignType
  }
}
