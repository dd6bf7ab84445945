import Foundation
import GRDB
import PoppAPI

/// Rows of the sandbox's tables. API resources are built from them; simulation state
/// (persona, phase, next event) lives beside the conversation and never leaves the sandbox.

struct OrganizationRow: Codable, FetchableRecord, PersistableRecord, Sendable {
  static let databaseTableName = "organization"
  var id: String
  var apiKey: String
}

struct AgentRow: Codable, FetchableRecord, PersistableRecord, Sendable {
  static let databaseTableName = "agent"
  var seq: Int64?
  var id: String
  var organizationId: String
  var agentName: String
  var agentTone: String

  var resource: Agent { Agent(id: id, agentName: agentName, agentTone: AgentTone(rawValue: agentTone)) }
}

struct TemplateRow: Codable, FetchableRecord, PersistableRecord, Sendable {
  static let databaseTableName = "template"
  var seq: Int64?
  var id: String
  var organizationId: String
  var name: String
  var channel: String
  var type: String
  var campaignType: String
  var body: String

  var resource: Template {
    Template(
      id: id, name: name, channel: Channel(rawValue: channel), type: TemplateType(rawValue: type),
      campaignType: CampaignType(rawValue: campaignType), body: body)
  }
}

struct CampaignRow: Codable, FetchableRecord, PersistableRecord, Sendable {
  static let databaseTableName = "campaign"
  var seq: Int64?
  var id: String
  var organizationId: String
  var externalId: String?
  var campaignStatus: String
  var createdAt: Int64
  /// The whole Campaign resource as JSON: campaigns are few and read whole.
  var resource: String

  init(_ campaign: Campaign, seq: Int64?) throws {
    self.seq = seq
    id = campaign.id
    organizationId = campaign.organizationId ?? ""
    externalId = campaign.externalId
    campaignStatus = campaign.campaignStatus.rawValue
    createdAt = (campaign.createdAt ?? Date()).milliseconds
    resource = String(decoding: try SandboxJSON.encoder.encode(campaign), as: UTF8.self)
  }

  func campaign() throws -> Campaign {
    try SandboxJSON.decoder.decode(Campaign.self, from: Data(resource.utf8))
  }
}

/// The simulated candidate behind a conversation.
enum Persona: String, Codable, CaseIterable, Sendable {
  /// Answers everything well and confirms the closing step.
  case passer
  /// Answers everything well but never confirms the closing step.
  case passerSilent
  /// Fails the first mandatory question.
  case failer
  /// Asks something the agent cannot answer: the conversation is flagged for review.
  case asker
  /// Texts STOP part-way.
  case optOut
  /// Never answers: nudged twice, then closed.
  case ghost
  /// The number or address does not exist: delivery fails.
  case undeliverable
}

/// Where a simulated conversation stands.
enum Phase: String, Codable, Sendable {
  case pendingQueue, pendingOpening
  /// The agent asked something (the opening or question `questionIndex`); the candidate's turn.
  case awaitingCandidate
  /// The closing step was offered; the candidate may confirm.
  case awaitingConfirmation
  /// The agent stopped and waits for a human (flagged for review).
  case parked
  case done
}

enum SimulationEvent: String, Codable, Sendable {
  case queue, sendOpening, candidateReply, agentTurn, nudge, candidateConfirm, candidateAnswersRecruiter
}

struct ConversationRow: Codable, FetchableRecord, PersistableRecord, Sendable {
  static let databaseTableName = "conversation"
  var seq: Int64?
  var id: String
  var organizationId: String
  var campaignId: String
  var externalId: String?
  var externalCampaignId: String?
  var candidateId: String
  var firstName: String
  var lastName: String?
  var phoneNumber: String?
  var emailAddress: String?
  var channel: String
  var status: String
  var stage: String
  var needsReview: Bool
  var needsReviewReason: String?
  var isHumanTakeover: Bool
  var outcomes: String
  var lastMessageAt: Int64?
  var createdAt: Int64
  var updatedAt: Int64
  var openingMessage: String?
  var additionalContext: String?
  var businessHours: Bool
  var persona: Persona
  var personaSeed: Int64
  var phase: Phase
  var questionIndex: Int
  var nudges: Int
  var pendingEvent: SimulationEvent?
  var nextEventAt: Int64?
  var pendingAnswer: String?

  /// A row that stands for none, to swap with one that is being worked on.
  static let vacant = ConversationRow(
    seq: nil, id: "", organizationId: "", campaignId: "", externalId: nil, externalCampaignId: nil, candidateId: "",
    firstName: "", lastName: nil, phoneNumber: nil, emailAddress: nil, channel: "", status: "", stage: "", needsReview: false,
    needsReviewReason: nil, isHumanTakeover: false, outcomes: "[]", lastMessageAt: nil, createdAt: 0, updatedAt: 0,
    openingMessage: nil, additionalContext: nil, businessHours: false, persona: .passer, personaSeed: 0, phase: .done,
    questionIndex: -1, nudges: 0, pendingEvent: nil, nextEventAt: nil, pendingAnswer: nil)

  var conversationStatus: ConversationStatus {
    get { ConversationStatus(rawValue: status) }
    set { status = newValue.rawValue }
  }

  var conversationStage: ConversationStage {
    get { ConversationStage(rawValue: stage) }
    set { stage = newValue.rawValue }
  }

  var screeningOutcomes: [ScreeningQuestionOutcome] {
    get {
      guard outcomes != "[]" else { return [] }
      return (try? SandboxJSON.decoder.decode([ScreeningQuestionOutcome].self, from: Data(outcomes.utf8))) ?? []
    }
    set { outcomes = (try? String(decoding: SandboxJSON.encoder.encode(newValue), as: UTF8.self)) ?? "[]" }
  }

  /// Adds an outcome, encoded by `SandboxJSON.encoder`, after the others without decoding
  /// them: the simulation adds one per answer, and a large demo has hundreds of thousands.
  mutating func appendScreeningOutcome(encoded element: String?) {
    guard let element else { return }
    // The compact encoder writes an array as `[first,second]`.
    outcomes = outcomes == "[]" ? "[\(element)]" : outcomes.dropLast() + ",\(element)]"
  }

  mutating func schedule(_ event: SimulationEvent?, at time: Int64?) {
    pendingEvent = event
    nextEventAt = event == nil ? nil : time
  }

  func resource() -> Conversation {
    let outcomes = screeningOutcomes
    return Conversation(
      id: id, organizationId: organizationId, campaignId: campaignId, externalId: externalId,
      externalCampaignId: externalCampaignId, candidateId: candidateId,
      participantFirstName: firstName, participantLastName: lastName,
      participantPhoneNumber: phoneNumber, participantEmailAddress: emailAddress,
      channel: Channel(rawValue: channel), conversationStatus: conversationStatus,
      stage: conversationStage, needsReview: needsReview, needsReviewReason: needsReviewReason,
      isHumanTakeover: isHumanTakeover, screeningQuestionsOutcome: outcomes,
      campaignConversationUrl: "https://ai.joinpopp.com/campaign/outbound/\(campaignId)?conversationId=\(id)",
      lastMessageAt: lastMessageAt.map(Date.init(milliseconds:)), createdAt: Date(milliseconds: createdAt),
      updatedAt: Date(milliseconds: updatedAt))
  }
}

struct MessageRow: Codable, FetchableRecord, PersistableRecord, Sendable {
  static let databaseTableName = "message"
  var seq: Int64?
  var id: String
  var conversationId: String
  var body: String
  var sender: String
  var status: String
  var templateId: String?
  var createdAt: Int64

  var resource: Message {
    Message(
      id: id, conversationId: conversationId, body: body, sender: MessageSender(rawValue: sender),
      status: MessageStatus(rawValue: status), templateId: templateId,
      createdAt: Date(milliseconds: createdAt))
  }
}

enum SandboxJSON {
  static let encoder = PoppJSON.makeEncoder()
  static let decoder = PoppJSON.makeDecoder()
}
