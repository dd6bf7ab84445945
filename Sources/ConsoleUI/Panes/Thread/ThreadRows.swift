import ConsoleCore
import Foundation

/// The lines of a thread: its header and its messages, wrapped and labelled.
enum ThreadRows {
  struct Line: Hashable {
    var text: String
    var role: StyleRole
    var indent = 0
  }

  /// Wrapped lines of one thread at one width, reused while neither changes.
  struct Cache {
    var key: Key
    var lines: [Line]

    struct Key: Equatable {
      var count: Int
      var lastId: String?
      var width: Int
    }
  }

  static func label(_ sender: MessageSender) -> (String, StyleRole) {
    switch sender {
    case .user: ("YOU", .messageYou)
    case .agent: ("AGENT", .messageAgent)
    case .candidate: ("CANDIDATE", .messageCandidate)
    case .system: ("SYSTEM", .messageSystem)
    case .unknown(let raw): (TerminalSanitizer.sanitize(raw.isEmpty ? "?" : raw), .messageSystem)
    }
  }

  static let timeFormatter: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "d MMM HH:mm"
    return formatter
  }()

  /// Messages this console is sending, or failed to send, that the thread does not show yet.
  static func outgoing(_ outgoing: [OutboxEntry], delivered: [Message], width: Int) -> [Line] {
    guard !outgoing.isEmpty else { return [] }
    let known = Set(delivered.map(\.id))
    var lines: [Line] = []
    for message in outgoing {
      let meta: String
      let role: StyleRole
      switch message.state {
      case .pending:
        (meta, role) = ("YOU · queued…", .messageYou)
      case .sending:
        (meta, role) = (message.attempts > 1 ? "YOU · sending… (attempt \(message.attempts))" : "YOU · sending…", .messageYou)
      case .sent:
        if let id = message.sentMessageId, known.contains(id) { continue }
        (meta, role) = ("YOU · sent", .messageYou)
      case .failed:
        (meta, role) = (
          "YOU · NOT SENT: " + TerminalSanitizer.sanitize(message.error ?? "unknown error") + " · C-r retries, E edits", .bannerError
        )
      }
      lines.append(Line(text: meta, role: role))
      let body = TerminalSanitizer.sanitize(message.content.text, options: .init(keepNewlines: true))
      for line in TextWidth.wrap(body, width: max(width - 2, 4)) { lines.append(Line(text: line, role: .textDim, indent: 2)) }
      lines.append(Line(text: "", role: .textNormal))
    }
    return lines
  }

  static func lines(for messages: [Message], width: Int, cache: inout Cache?) -> [Line] {
    let key = Cache.Key(count: messages.count, lastId: messages.last?.id, width: width)
    if let cache, cache.key == key { return cache.lines }
    var lines: [Line] = []
    lines.reserveCapacity(messages.count * 3)
    for message in messages {
      let (name, role) = label(message.sender)
      var meta = name
      if let createdAt = message.createdAt { meta += " · " + timeFormatter.string(from: createdAt) }
      if let status = message.status {
        meta += " · " + TerminalSanitizer.sanitize(status.rawValue.lowercased().replacingOccurrences(of: "_", with: " "))
      }
      lines.append(Line(text: meta, role: role))
      let body = TerminalSanitizer.sanitize(message.body, options: .init(keepNewlines: true))
      for line in TextWidth.wrap(body, width: max(width - 2, 4)) {
        lines.append(Line(text: line, role: .textNormal, indent: 2))
      }
      lines.append(Line(text: "", role: .textNormal))
    }
    cache = Cache(key: key, lines: lines)
    return lines
  }

  static func header(_ conversation: Conversation, campaign: Campaign?, showOutcomes: Bool, width: Int) -> [Line] {
    var lines: [Line] = []
    let name = TerminalSanitizer.sanitize(conversation.participantName.isEmpty ? "(no name)" : conversation.participantName)
    let contact = TerminalSanitizer.sanitize(conversation.participantContact ?? "")
    lines.append(Line(text: contact.isEmpty ? name : "\(name)  ·  \(contact)", role: .textHeader))
    let campaignTitle = campaign.map { TerminalSanitizer.sanitize($0.campaignTitle) } ?? "unknown campaign"
    lines.append(
      Line(
        text: "\(campaignTitle) · \(TerminalSanitizer.sanitize(conversation.conversationStatus.rawValue))",
        role: ConversationRows.statusRole(conversation)))
    lines.append(
      Line(
        text: conversation.isHumanTakeover
          ? "Speaking for the company: YOU (taken over) — h hands back" : "Speaking for the company: the AGENT — t takes over",
        role: conversation.isHumanTakeover ? .statusTakenOver : .textDim))
    if conversation.needsReview {
      let reason = TerminalSanitizer.sanitize(conversation.needsReviewReason ?? "flagged by the agent")
      for (index, line) in TextWidth.wrap("⚑ Needs review: " + reason, width: width).prefix(3).enumerated() {
        lines.append(Line(text: index == 0 ? line : "  " + line, role: .statusNeedsReview))
      }
    }
    if showOutcomes {
      let outcomes = conversation.screeningQuestionsOutcome ?? []
      if outcomes.isEmpty { lines.append(Line(text: "No screening outcomes yet.", role: .textDim)) }
      for outcome in outcomes {
        let passed = outcome.questionOutcome == .passed
        let text =
          "\(passed ? "✓" : "✗") \(TerminalSanitizer.sanitize(outcome.screeningQuestion ?? "")) — \(TerminalSanitizer.sanitize(outcome.responseSummary ?? ""))"
        lines.append(Line(text: text, role: passed ? .statusCompleted : .statusFailed))
      }
    }
    return lines
  }
}
