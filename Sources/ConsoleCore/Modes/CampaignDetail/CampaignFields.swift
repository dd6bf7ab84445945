public import PoppAPI

/// Every field of a campaign, labelled and wrapped, for `v`: what the campaign view scrolls through.
public enum CampaignFields {
  public struct Line: Sendable {
    public var text: String
    public var role: StyleRole
  }

  public static func lines(_ campaign: Campaign, state: AppState, width: Int) -> [Line] {
    var lines: [Line] = []
    func add(_ label: String, _ value: String?, role: StyleRole = .dialog) {
      let text = value.map { TerminalSanitizer.sanitize($0, options: .init(keepNewlines: true)) } ?? "—"
      let wrapped = TextWidth.wrap(text.isEmpty ? "—" : text, width: max(width - 24, 10))
      for (index, line) in wrapped.enumerated() {
        lines.append(Line(text: TextWidth.fit(index == 0 ? label : "", to: 22) + "  " + line, role: value == nil ? .textDim : role))
      }
    }
    func section(_ title: String) {
      if !lines.isEmpty { lines.append(Line(text: "", role: .dialog)) }
      lines.append(Line(text: "── \(title) ──", role: .dialogTitle))
    }
    section("Campaign")
    add("Title", campaign.campaignTitle)
    add("Status", campaign.campaignStatus.rawValue)
    add("Type", campaign.type.rawValue)
    add("Channel", campaign.channel.rawValue)
    add("Description", campaign.campaignDescription)
    add("Company", campaign.company)
    add("Location", campaign.location)
    add("External id", campaign.externalId)
    add("Id", campaign.id)
    add("Created", campaign.createdAt.map(Timestamp.format))
    add("Updated", campaign.updatedAt.map(Timestamp.format))
    section("Closing")
    add("Closing method", campaign.closingMethod.rawValue)
    add("Custom request", campaign.customRequest)
    add("Meeting URL", campaign.meetingUrl)
    add("Contact number", campaign.contactNumber)
    add("Calendar template", campaign.calendarMeetingTemplateId)
    section("Opening message")
    let template = campaign.templateId.flatMap { id in state.templates.first { $0.id == id } }
    add("Template", campaign.templateId.map { id in template?.name.map { "\($0) (\(id))" } ?? id })
    if let body = template?.body { add("Template text", body, role: .messageAgent) }
    add("Custom opening", campaign.customTemplatedMessage)
    section("Agent")
    add("Name", campaign.agent?.agentName)
    add("Tone", campaign.agent?.agentTone?.rawValue)
    if let parsed = campaign.jobDescriptionParsed {
      section("Job description (parsed by Popp)")
      add("Employer", parsed.employerName)
      add("Job title", parsed.jobTitle)
      add("Summary", parsed.summaryOfRole)
    }
    section("Screening questions")
    if campaign.questions.isEmpty { add("Questions", nil) }
    for (index, question) in campaign.questions.enumerated() {
      let text =
        question.questionType == .document
        ? "DOCUMENT: " + (question.documentTypes ?? []).joined(separator: ", ") : "TEXT: " + (question.content ?? "")
      add("\(index + 1).\(question.gatesResult ? " mandatory" : "")", text)
    }
    section("Conversations")
    let counts = state.index.statusCounts(campaignId: campaign.id).sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }
    add(
      "By status",
      counts.isEmpty ? "none yet" : counts.map { "\($0.key.label) \($0.value)" }.joined(separator: " · "))
    return lines
  }
}
