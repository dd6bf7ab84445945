public import Foundation
public import PoppAPI

/// The lines of a thread: its header and its messages, wrapped and labelled. ConsoleCore counts them to keep the
/// thread's scroll within its history; the thread's view draws them.
public enum ThreadLines {
  public struct Line: Hashable, Sendable {
    public var text: String
    public var role: StyleRole
    public var indent = 0

    public init(text: String, role: StyleRole, indent: Int = 0) {
      self.text = text
      self.role = role
      self.indent = indent
    }
  }

  /// Each message's wrapped lines at one width, kept between frames: a thread is wrapped from
  /// its newest message back only as far as the screen (and scrolling) needs.
  public struct Cache: Sendable {
    public var width: Int
    var linesByMessage: [String: [Line]] = [:]

    public init(width: Int) { self.width = width }

    /// A message's status can change (delivered, read); its text cannot.
    static func key(_ message: Message) -> String { message.id + "|" + (message.status?.rawValue ?? "") }
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

  /// The keys a NOT SENT row and the header offer, as bound now.
  public struct Keys: Sendable {
    var retry: String
    var edit: String
    var discard: String
    var takeOver: String
    var handBack: String

    public init(_ bindings: Bindings) {
      let contexts = KeyContext.thread.chain
      retry = bindings.key(for: .retrySend, in: contexts)
      edit = bindings.key(for: .editFailed, in: contexts)
      discard = bindings.key(for: .discardFailed, in: contexts)
      takeOver = bindings.key(for: .takeOver, in: contexts)
      handBack = bindings.key(for: .handBack, in: contexts)
    }
  }

  /// Messages this console is sending, or failed to send, that the thread does not show yet.
  /// `canSendAgain`: the conversation still accepts messages, so retrying is worth offering.
  public static func outgoing(_ outgoing: [OutboxEntry], delivered: [Message], width: Int, canSendAgain: Bool, keys: Keys) -> [Line] {
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
          "YOU · NOT SENT: " + TerminalSanitizer.sanitize(message.error ?? "unknown error")
            + (canSendAgain
              ? " · \(keys.retry) retries, \(keys.edit) edits" : " · conversation ended: \(keys.edit) copies, \(keys.discard) discards"),
          .bannerError
        )
      }
      lines.append(Line(text: meta, role: role))
      let body = TerminalSanitizer.sanitize(message.content.text, options: .init(keepNewlines: true))
      for line in TextWidth.wrap(body, width: max(width - 2, 4)) { lines.append(Line(text: line, role: .textDim, indent: 2)) }
      lines.append(Line(text: "", role: .textNormal))
    }
    return lines
  }

  /// The last lines of a thread, at least `needed` of them when the thread has that many, and
  /// whether they reach back to its first message.
  public static func tail(of messages: [Message], width: Int, needed: Int, cache: inout Cache?) -> (lines: [Line], reachedStart: Bool) {
    // A new width rewraps everything; many threads read in one session are let go at once.
    if cache?.width != width || (cache?.linesByMessage.count ?? 0) > 20_000 { cache = Cache(width: width) }
    var chunks: [[Line]] = []
    var count = 0
    var index = messages.count
    while index > 0 && count < needed {
      index -= 1
      let key = Cache.key(messages[index])
      let lines = cache?.linesByMessage[key] ?? render(messages[index], width: width)
      cache?.linesByMessage[key] = lines
      chunks.append(lines)
      count += lines.count
    }
    return (chunks.reversed().flatMap { $0 }, index == 0)
  }

  public static func render(_ message: Message, width: Int) -> [Line] {
    let (name, role) = label(message.sender)
    var meta = name
    if let createdAt = message.createdAt { meta += " · " + timeFormatter.string(from: createdAt) }
    if let status = message.status {
      meta += " · " + TerminalSanitizer.sanitize(status.rawValue.lowercased().replacingOccurrences(of: "_", with: " "))
    }
    var lines = [Line(text: meta, role: role)]
    let body = TerminalSanitizer.sanitize(message.body, options: .init(keepNewlines: true))
    for line in TextWidth.wrap(body, width: max(width - 2, 4)) {
      lines.append(Line(text: line, role: .textNormal, indent: 2))
    }
    lines.append(Line(text: "", role: .textNormal))
    return lines
  }

  /// `holder`: the colleague who took the conversation over through the hub; `team`: who else is in it now, a line each.
  public static func header(
    _ conversation: Conversation, campaign: Campaign?, showOutcomes: Bool, width: Int, keys: Keys, holder: String? = nil,
    team: [String] = []
  ) -> [Line] {
    var lines: [Line] = []
    let name = TerminalSanitizer.sanitize(conversation.participantName.isEmpty ? "(no name)" : conversation.participantName)
    let contact = TerminalSanitizer.sanitize(conversation.participantContact ?? "")
    lines.append(Line(text: contact.isEmpty ? name : "\(name)  ·  \(contact)", role: .textHeader))
    let campaignTitle = campaign.map { TerminalSanitizer.sanitize($0.campaignTitle) } ?? "unknown campaign"
    lines.append(
      Line(
        text: "\(campaignTitle) · \(TerminalSanitizer.sanitize(conversation.conversationStatus.rawValue))",
        role: .status(of: conversation)))
    lines.append(
      Line(
        text: !conversation.isHumanTakeover
          ? "Speaking for the company: the AGENT — \(keys.takeOver) takes over"
          : holder.map { "Speaking for the company: \($0) (taken over) — \(keys.takeOver) takes it from them" }
            ?? "Speaking for the company: YOU (taken over) — \(keys.handBack) hands back",
        role: conversation.isHumanTakeover ? .statusTakenOver : .textDim))
    for colleague in team { lines.append(Line(text: "◆ " + colleague, role: .listChanged)) }
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
