import ConsoleCore
import ConsoleUI
import Foundation

/// A fixed world for screen tests: names in many scripts, a flagged and a taken-over
/// conversation, and a candidate message full of escape sequences. Times are fixed so that
/// snapshots never change with the clock.
enum ConsoleFixture {
  static let now = Date(timeIntervalSince1970: 1_795_000_000)

  static let campaigns = [
    Campaign(
      id: "c1", organizationId: "sandbox-org", type: .applicantOutreach, channel: .whatsapp, closingMethod: .custom,
      campaignStatus: .live, campaignTitle: "Senior Software Engineer", company: "Popp", location: "London, UK",
      customRequest: "Thanks! We'll be in touch.", agent: Agent(id: "a1", agentName: "Alex", agentTone: .friendly),
      questions: [.text("Five years of TypeScript?"), .text("Work in the UK?"), .document(["CV"])]),
    Campaign(
      id: "c2", organizationId: "sandbox-org", type: .newCandidateOutreach, channel: .email, closingMethod: .meetingURL,
      campaignStatus: .live, campaignTitle: "Registered Nurse – ICU", company: "Al Noor Hospital", location: "Dubai",
      meetingUrl: "https://cal.example.com/icu", questions: [.text("Licensed?")]),
    Campaign(
      id: "c3", organizationId: "sandbox-org", type: .applicantOutreach, channel: .sms, closingMethod: .phoneNumber,
      campaignStatus: .draft, campaignTitle: "Data Analyst (東京)", contactNumber: "+441615550100", questions: [.text("SQL?")]),
  ]

  static func conversation(
    _ id: String, _ first: String, _ last: String, campaign: String = "c1", status: ConversationStatus = .ongoing,
    review: String? = nil, takeover: Bool = false, minutesAgo: Double, contact: String = "+447700900123"
  ) -> Conversation {
    Conversation(
      id: id, campaignId: campaign, participantFirstName: first, participantLastName: last,
      participantPhoneNumber: contact.hasPrefix("+") ? contact : nil, participantEmailAddress: contact.hasPrefix("+") ? nil : contact,
      conversationStatus: status, stage: .screening, needsReview: review != nil, needsReviewReason: review, isHumanTakeover: takeover,
      screeningQuestionsOutcome: [
        ScreeningQuestionOutcome(
          screeningQuestion: "Five years of TypeScript?", questionOutcome: .passed, responseSummary: "Yes, six years")
      ],
      lastMessageAt: now.addingTimeInterval(-minutesAgo * 60), createdAt: now.addingTimeInterval(-86_400),
      updatedAt: now.addingTimeInterval(-minutesAgo * 60))
  }

  static let conversations = [
    conversation("v1", "美咲", "佐藤", review: "Candidate asked: “Is the salary negotiable?”", minutesAgo: 3),
    conversation("v2", "محمد", "العتيبي", minutesAgo: 12, contact: "+966501234567"),
    conversation("v3", "Mia 🌸", "Nguyễn", campaign: "c2", status: .completedMeetingRequested, minutesAgo: 45, contact: "mia.3@example.com"),
    conversation("v4", "Zoë", "Brontë", review: "Sensitive topic", takeover: true, minutesAgo: 90),
    conversation("v5", "John", "Doe", status: .completedScreeningFailed, minutesAgo: 300),
    conversation("v6", "Evil\u{1B}[31m", "Name\u{07}", campaign: "c2", status: .optedOut, minutesAgo: 2000, contact: "evil@example.com"),
    conversation("v7", "Olúwaseun", "Adébáyọ̀", status: .unknown("SOMETHING_NEW"), minutesAgo: 4000),
  ]

  static let hostileBody = "Hi!\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[31mred\u{9B}1m \u{202E}gnp.exe\u{1B}P+q\u{1B}\\ and a\ttab"

  static let messages = [
    Message(
      id: "m1", conversationId: "v1",
      body: "Hi 美咲, this is Alex from Popp. Thanks for applying for Senior Software Engineer! Have you got a few minutes?", sender: .agent,
      status: .delivered, createdAt: now.addingTimeInterval(-3600)),
    Message(
      id: "m2", conversationId: "v1", body: "はい、大丈夫です 👍", sender: .candidate, status: .received, createdAt: now.addingTimeInterval(-3500)),
    Message(
      id: "m3", conversationId: "v1", body: hostileBody, sender: .candidate, status: .received, createdAt: now.addingTimeInterval(-3400)),
    Message(
      id: "m4", conversationId: "v1", body: "Thanks — a recruiter will answer that.\nSpeak soon.", sender: .user, status: .sentSuccess,
      createdAt: now.addingTimeInterval(-300)),
    Message(
      id: "m5", conversationId: "v1", body: "Candidate opted out.", sender: .system, status: .delivered,
      createdAt: now.addingTimeInterval(-200)),
  ]

  static func state(sandbox: Bool = true) -> AppState {
    var state = AppState(
      connection: ConnectionInfo(organizationId: "sandbox-org", baseURL: URL(string: "http://127.0.0.1:41234/v1")!, isSandbox: sandbox))
    _ = state.apply(.loaded(campaigns: campaigns, conversations: conversations, templates: [], at: now.addingTimeInterval(-3)))
    return state
  }

  static func render(_ state: inout AppState, rows: Int, columns: Int, keymap: Keymap? = nil) -> MemoryScreen {
    if let keymap { state.bindings[.global] = keymap }
    TextWidth.prepareLocale()
    let screen = MemoryScreen(rows: rows, columns: columns)
    state.resize(to: screen.size)
    Renderer().render(state, on: screen, now: now)
    return screen
  }

  /// Opens the first conversation's thread holding `count` messages, oldest first, agent and
  /// candidate in turn, with the bodies given.
  static func openLongThread(_ state: inout AppState, count: Int, body: (Int) -> String) {
    let id = state.index.conversations[0].id
    _ = state.openThread(id)
    let messages = (0..<count).map { index in
      Message(
        id: "long-\(index)", conversationId: id, body: body(index), sender: index % 2 == 0 ? .agent : .candidate,
        status: .delivered, createdAt: now.addingTimeInterval(Double(index - count) * 60))
    }
    _ = state.apply(.messagesLoaded(conversationId: id, messages: messages))
  }

  static func withThread(_ state: inout AppState, _ id: String = "v1") {
    let index = state.visibleRows.firstIndex { state.index.conversations[$0].id == id }!
    state.conversationSelection = index
    _ = state.perform(.open)
    _ = state.apply(.messagesLoaded(conversationId: id, messages: messages))
  }
}
