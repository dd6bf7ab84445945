import Foundation

/// Fills a template's `{{PLACEHOLDER}}`s. The console's preview and the sandbox's send use
/// this one function, so what a recruiter previews is what the candidate receives.
public enum TemplateRendering {
  public struct Values: Sendable, Hashable {
    public var candidateFirstName: String?
    public var candidateLastName: String?
    public var agentName: String?
    public var company: String?
    public var jobTitle: String?
    public var location: String?

    public init(
      candidateFirstName: String? = nil, candidateLastName: String? = nil, agentName: String? = nil,
      company: String? = nil, jobTitle: String? = nil, location: String? = nil
    ) {
      self.candidateFirstName = candidateFirstName
      self.candidateLastName = candidateLastName
      self.agentName = agentName
      self.company = company
      self.jobTitle = jobTitle
      self.location = location
    }

    public init(conversation: Conversation, campaign: Campaign?) {
      self.init(
        candidateFirstName: conversation.participantFirstName,
        candidateLastName: conversation.participantLastName,
        agentName: campaign?.agent?.agentName, company: campaign?.company,
        jobTitle: campaign?.campaignTitle, location: campaign?.location)
    }

    func value(for placeholder: String) -> String? {
      switch placeholder {
      case "CANDIDATE_FIRST_NAME", "FIRST_NAME": candidateFirstName
      case "CANDIDATE_LAST_NAME", "LAST_NAME": candidateLastName
      case "CANDIDATE_NAME", "CANDIDATE_FULL_NAME":
        [candidateFirstName, candidateLastName].compactMap { $0 }.joined(separator: " ")
      case "AGENT_NAME": agentName
      case "COMPANY", "COMPANY_NAME": company
      case "JOB_TITLE", "CAMPAIGN_TITLE": jobTitle
      case "LOCATION": location
      default: nil
      }
    }
  }

  /// Replaces every known placeholder with its value; unknown or valueless placeholders are
  /// left as written so that a preview shows what is missing.
  public static func render(_ body: String, with values: Values) -> String {
    var output = ""
    var rest = body[...]
    while let open = rest.range(of: "{{") {
      output += rest[..<open.lowerBound]
      guard let close = rest[open.upperBound...].range(of: "}}") else {
        rest = rest[open.lowerBound...]
        break
      }
      let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      if let value = values.value(for: name.uppercased()), !value.isEmpty {
        output += value
      } else {
        output += rest[open.lowerBound..<close.upperBound]
      }
      rest = rest[close.upperBound...]
    }
    return output + rest
  }
}
