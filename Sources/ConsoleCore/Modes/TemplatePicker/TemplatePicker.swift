public import PoppAPI

/// `T`: the organization's templates for the conversation's channel, each previewed with the
/// conversation's values filled in, so what the recruiter picks is what the candidate reads.
public struct TemplatePicker: Sendable, Hashable {
  public struct Choice: Sendable, Hashable {
    public var template: Template
    /// The body with placeholders filled from the conversation and its campaign.
    public var preview: String
  }

  public var conversationId: String
  public var choices: [Choice]
  public var selection = 0

  /// Replies and follow-ups first (what a recruiter stepping in usually wants), then openings.
  public init(conversation: Conversation, campaign: Campaign?, templates: [Template]) {
    conversationId = conversation.id
    let channel = conversation.channel ?? campaign?.channel
    let values = TemplateRendering.Values(conversation: conversation, campaign: campaign)
    let usable = templates.filter { template in
      guard let body = template.body, !body.isEmpty else { return false }
      return channel == nil || template.channel == nil || template.channel == channel
    }
    func rank(_ template: Template) -> Int {
      switch template.type {
      case .reply?: 0
      case .followUp?: 1
      case .openingMessage?: 3
      default: 2
      }
    }
    choices =
      usable
      .sorted { (rank($0), $0.name ?? "", $0.id) < (rank($1), $1.name ?? "", $1.id) }
      .map { Choice(template: $0, preview: TemplateRendering.render($0.body ?? "", with: values)) }
  }

  public var selected: Choice? { choices.indices.contains(selection) ? choices[selection] : nil }

  public mutating func move(by delta: Int) {
    guard !choices.isEmpty else { return }
    selection = min(max(selection + delta, 0), choices.count - 1)
  }
}
