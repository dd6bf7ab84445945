import ConsoleCore

/// How one campaign reads in the list and in its details.
enum CampaignRows {
  static func channelLabel(_ channel: Channel) -> String {
    switch channel {
    case .whatsapp: "WA"
    case .sms: "SMS"
    case .email: "MAIL"
    case .unknown(let raw): String(TerminalSanitizer.sanitize(raw).prefix(4))
    }
  }

  static func statusMark(_ status: CampaignStatus) -> (String, StyleRole) {
    switch status {
    case .live: ("●", .statusCompleted)
    case .draft: ("○", .textDim)
    case .archived: ("×", .textDim)
    case .unknown: ("?", .statusUnknown)
    }
  }

  static func draw(
    _ campaign: Campaign, counts: [ConversationStatus: Int], on canvas: any Canvas, row: Int, width: Int, base: StyleRole, selected: Bool
  ) {
    let (mark, markRole) = statusMark(campaign.campaignStatus)
    canvas.draw(" " + mark, row: row, column: 0, width: 2, role: selected ? base : markRole)
    let channel = channelLabel(campaign.channel)
    let total = counts.values.reduce(0, +)
    let trailer = "\(channel) \(total)"
    let trailerWidth = TextWidth.columns(trailer) + 1
    canvas.draw(TerminalSanitizer.sanitize(campaign.campaignTitle), row: row, column: 3, width: width - 4 - trailerWidth, role: base)
    canvas.draw(
      TextWidth.fitRight(trailer, to: trailerWidth - 1), row: row, column: width - trailerWidth, width: trailerWidth - 1,
      role: selected ? base : .textDim)
  }

  static func typeLabel(_ type: CampaignType) -> String {
    switch type {
    case .applicantOutreach: "applicants"
    case .newCandidateOutreach: "new candidates"
    case .engagementOutreach: "engagement"
    case .scheduling: "scheduling"
    case .unknown(let raw): TerminalSanitizer.sanitize(raw.lowercased())
    }
  }

  /// The second line of a campaign: its type and its conversations by status group
  /// (the same groups as the status tabs).
  static func summary(_ campaign: Campaign?, state: AppState) -> String {
    let id = campaign?.id
    let counts: [(StatusFilter, String)] = [(.ongoing, "ongoing"), (.needsReview, "review"), (.completed, "done"), (.closed, "closed")]
    var parts = counts.compactMap { filter, label -> String? in
      let count = state.index.count(filter: filter, campaignId: id)
      return count > 0 ? "\(count) \(label)" : nil
    }
    // Just launched (CREATED or QUEUED): in no status tab yet, but not "no conversations".
    let statuses = id.map { state.index.statusCounts(campaignId: $0) } ?? [:]
    let starting = (statuses[ConversationStatus.created] ?? 0) + (statuses[ConversationStatus.queued] ?? 0)
    if starting > 0 { parts.insert("\(starting) starting", at: 0) }
    let lead = campaign.map { typeLabel($0.type) } ?? "\(state.campaigns.count) campaigns"
    return ([lead] + (parts.isEmpty ? ["no conversations"] : parts)).joined(separator: " · ")
  }

  struct DetailLine {
    var text: String
    var role: StyleRole
  }

  static func details(_ campaign: Campaign?, state: AppState, width: Int) -> [DetailLine] {
    guard let campaign else {
      return [DetailLine(text: "All campaigns: \(state.campaigns.count) campaigns, \(state.index.count) conversations", role: .textDim)]
    }
    var lines: [DetailLine] = []
    func add(_ label: String, _ value: String?, role: StyleRole = .textNormal) {
      guard let value, !value.isEmpty else { return }
      for (index, line) in TextWidth.wrap("\(label): \(TerminalSanitizer.sanitize(value))", width: max(width, 10)).enumerated() {
        lines.append(DetailLine(text: index == 0 ? line : "  " + line, role: role))
      }
    }
    add("Status", campaign.campaignStatus.rawValue)
    add("Type", campaign.type.rawValue)
    add("Channel", campaign.channel.rawValue)
    add("Closing", [campaign.closingMethod.rawValue, campaign.closingCompanion].compactMap { $0 }.joined(separator: " → "))
    add("Agent", campaign.agent.map { "\($0.agentName ?? "?") (\($0.agentTone?.rawValue.lowercased() ?? "?"))" })
    let template = campaign.templateId.flatMap { id in state.templates.first { $0.id == id } }
    add("Opening", template?.name ?? campaign.templateId ?? campaign.customTemplatedMessage)
    add("Company", [campaign.company, campaign.location].compactMap { $0 }.joined(separator: ", "))
    for (index, question) in campaign.questions.enumerated() {
      let text =
        question.questionType == .document ? "Send: " + (question.documentTypes ?? []).joined(separator: ", ") : question.content ?? ""
      add("Q\(index + 1)\(question.gatesResult ? "*" : "")", text, role: .textDim)
    }
    let counts = state.index.statusCounts(campaignId: campaign.id).sorted { ($1.value, $0.key.rawValue) < ($0.value, $1.key.rawValue) }
    add("Conversations", counts.map { "\($0.key.label) \($0.value)" }.joined(separator: " · "))
    return lines
  }
}
