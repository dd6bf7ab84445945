import ArgumentParser
import ConsoleCore
import Foundation
import PoppAPI
import PoppHub

struct ConversationsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "conversations", abstract: "Start, list and work conversations.",
    subcommands: [List.self, Show.self, Messages.self, Create.self, Bulk.self, TakeOver.self, Send.self, HandBack.self])

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List conversations, newest first.")
    @OptionGroup var options: APIOptions
    @Option(help: "Only this campaign's conversations.") var campaign: String?
    @Option(help: "Only conversations in this status (e.g. ONGOING).", completion: Completions.conversationStatuses) var status: String?
    @Flag(name: .customLong("needs-review"), help: "Only conversations flagged for review.") var needsReview = false

    func run() async throws {
      let client = try await options.makeClient()
      let wanted = status.map { ConversationStatus(rawValue: $0.uppercased()) }
      if let wanted, !wanted.isKnown {
        throw CLIError(message: "--status must be one of \(ConversationStatus.knownValuesList)")
      }
      // Filtered here, on the documented parameters only: Popp does not promise the filters.
      var conversations: [Conversation] = []
      for try await conversation in client.allConversations(ConversationQuery(campaignId: campaign, sortDirection: .descending, limit: 500))
      {
        if let wanted, conversation.conversationStatus != wanted { continue }
        if needsReview && !conversation.needsReview { continue }
        conversations.append(conversation)
      }
      if options.json { return try Output.json(conversations) }
      let now = Date()
      Output.table(
        ["ID", "STATUS", "FLAGS", "LAST ACTIVITY", "CONTACT", "NAME"],
        conversations.map {
          [
            $0.id, $0.conversationStatus.rawValue, ($0.needsReview ? "R" : "-") + ($0.isHumanTakeover ? "T" : "-"),
            RelativeTime.describe($0.lastMessageAt ?? $0.updatedAt, now: now), Output.clean($0.participantContact),
            Output.clean($0.participantName),
          ]
        })
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show one conversation.")
    @OptionGroup var options: APIOptions
    @Argument(help: "The conversation id.") var id: String

    func run() async throws {
      let conversation = try await options.makeClient().conversation(id: id)
      if options.json { return try Output.json(conversation) }
      ConversationPrinter.print(conversation)
    }
  }

  struct Messages: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a conversation's messages, oldest first.")
    @OptionGroup var options: APIOptions
    @Argument(help: "The conversation id.") var id: String

    func run() async throws {
      let messages = try await options.makeClient().allMessages(conversationId: id, pageSize: 500).collect()
      if options.json { return try Output.json(messages) }
      for message in messages {
        let label = ConversationPrinter.label(message.sender)
        let when = message.createdAt.map(Timestamp.format) ?? ""
        print("\(when)  \(label)  [\(Output.clean(message.status?.rawValue ?? "?"))]")
        for line in Output.cleanMultiline(message.body).split(separator: "\n", omittingEmptySubsequences: false) {
          print("    " + line)
        }
      }
    }
  }

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start a conversation with one candidate.")
    @OptionGroup var options: APIOptions
    @Option(help: "The campaign id.") var campaign: String
    @Option(name: .customLong("first-name")) var firstName: String
    @Option(name: .customLong("last-name")) var lastName: String?
    @Option(help: "Phone number: +44 7400 900123, or national (07400 900123) with a default country.") var phone: String?
    @Option(help: "Email address, for EMAIL campaigns.") var email: String?
    @Option(name: .customLong("external-id"), help: "Your reference for the candidate.") var externalId: String?
    @Flag(name: .customLong("business-hours"), help: "Send during the candidate's business hours.") var businessHours = false
    @Option(name: .customLong("opening-message"), help: "A custom opening message (not on WhatsApp; must contain STOP on SMS).")
    var openingMessage: String?
    @OptionGroup var country: DefaultCountryOption

    func validate() throws {
      if (phone == nil) == (email == nil) { throw ValidationError("give exactly one of --phone and --email") }
    }

    func run() async throws {
      // Normalised here, so that nothing is sent for a number the server would refuse or,
      // worse, read as another country's.
      let connection = try options.resolve()
      let normalizer = try country.normalizer(connection: connection)
      var phoneNumber: String?
      if let phone {
        switch normalizer.normalize(phone) {
        case .e164(let number): phoneNumber = number
        case .invalid(let reason): throw CLIError(message: Output.clean("--phone \"\(phone)\" \(reason)"))
        }
      }
      let request = ConversationCreateRequest(
        campaignId: campaign, firstName: firstName, lastName: lastName, phoneNumber: phoneNumber, emailAddress: email,
        externalId: externalId, shouldSendDuringBusinessHours: businessHours ? true : nil, openingMessage: openingMessage)
      let response = try await options.makeClient().createConversation(request)
      if options.json { return try Output.json(response) }
      print(Output.clean("\(response.message): \(firstName) at \(phoneNumber ?? email ?? "")"))
    }
  }

  struct TakeOver: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "takeover", abstract: "Take a conversation over: the AI agent goes quiet.")
    @OptionGroup var options: APIOptions
    @Argument(help: "The conversation id.") var id: String

    func run() async throws {
      let response =
        if let hub = try await options.hubRelay() {
          try await hub.takeOver(conversationId: id)
        } else {
          try await options.makeWorkflow().actions.takeOver(conversationId: id)
        }
      if options.json { return try Output.json(response) }
      print(
        Output.clean("taken over: \(response.id) (\(response.conversationStatus?.rawValue ?? "?")); you are speaking for the company now"))
    }
  }

  struct Send: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Send a message as the recruiter (the conversation must be taken over).")
    @OptionGroup var options: APIOptions
    @Argument(help: "The conversation id.") var id: String
    @Option(help: "The message text.") var message: String?
    @Option(help: "A template id to send instead of text.") var template: String?

    func validate() throws {
      if (message == nil) == (template == nil) { throw ValidationError("give exactly one of --message and --template") }
    }

    /// What the template will read as for this candidate: the outbox recognises the message by it
    /// when the server does not echo the template's id.
    static func preview(_ templateId: String, conversationId: String, client: any PoppClient) async throws -> String {
      guard let body = try await client.listTemplates().first(where: { $0.id == templateId })?.body else { return "" }
      let conversation = try await client.conversation(id: conversationId)
      let campaign: Campaign? = if let campaignId = conversation.campaignId { try? await client.campaign(id: campaignId) } else { nil }
      return TemplateRendering.render(body, with: .init(conversation: conversation, campaign: campaign))
    }

    func run() async throws {
      if let hub = try await options.hubRelay() { return try await send(through: hub) }
      let workflow = try options.makeWorkflow()
      let content = try await self.content(client: workflow.client)
      // Through the outbox: a lost answer is settled against the thread, never sent twice.
      let entry = await workflow.outbox.send(conversationId: id, content: content)
      guard entry.state == .sent, let messageId = entry.sentMessageId else {
        throw CLIError(message: "not sent: \(Output.clean(entry.error ?? "unknown error")) (outbox entry \(entry.id))")
      }
      let recent = try await workflow.client.listMessages(conversationId: id, sortDirection: .descending, limit: 50, nextToken: nil)
      try report(messageId, sent: recent.data.first(where: { $0.id == messageId }))
    }

    /// Through the hub's outbox, under an id chosen here: the hub sends it at most once, and keeps it if it cannot yet.
    private func send(through hub: HubRelayClient) async throws {
      let content = try await self.content(client: hub)
      let (entry, message) = try await hub.send(content, to: id, id: UUID().uuidString.lowercased())
      guard entry.state == .sent, let messageId = entry.sentMessageId else {
        throw CLIError(
          message:
            "not sent: \(Output.clean(entry.error ?? "the hub's outbox holds it (\(entry.state.rawValue))")) (hub outbox entry \(entry.id))"
        )
      }
      try report(messageId, sent: message)
    }

    private func content(client: any PoppClient) async throws -> OutboxContent {
      guard let template else { return .body(message ?? "") }
      return .template(id: template, preview: try await Self.preview(template, conversationId: id, client: client))
    }

    private func report(_ messageId: String, sent: Message?) throws {
      guard let sent else {
        if options.json { return try Output.json(["id": messageId]) }
        return print(Output.clean("sent \(messageId)"))
      }
      if options.json { return try Output.json(sent) }
      print(Output.clean("sent \(sent.id) [\(sent.status?.rawValue ?? "?")]"))
      print("    " + Output.clean(sent.body))
    }
  }

  struct HandBack: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hand-back", abstract: "Hand a conversation back to the AI agent.")
    @OptionGroup var options: APIOptions
    @Argument(help: "The conversation id.") var id: String

    func run() async throws {
      let response =
        if let hub = try await options.hubRelay() {
          try await hub.handBack(conversationId: id)
        } else {
          try await options.makeWorkflow().actions.handBack(conversationId: id)
        }
      if options.json { return try Output.json(response) }
      print(Output.clean("handed back: \(response.id) (\(response.status?.rawValue ?? "?")); the agent is speaking again"))
    }
  }
}

enum ConversationPrinter {
  static func label(_ sender: MessageSender) -> String {
    switch sender {
    case .user: "YOU"
    case .agent: "AGENT"
    case .candidate: "CANDIDATE"
    case .system: "SYSTEM"
    case .unknown(let raw): Output.clean(raw.isEmpty ? "?" : raw)
    }
  }

  static func print(_ conversation: Conversation) {
    func line(_ label: String, _ value: String?) {
      guard let value, !value.isEmpty else { return }
      Swift.print(label.padding(toLength: 18, withPad: " ", startingAt: 0) + Output.clean(value))
    }
    line("id", conversation.id)
    line("candidate", conversation.participantName)
    line("contact", conversation.participantContact)
    line("status", conversation.conversationStatus.rawValue)
    line("stage", conversation.stage?.rawValue)
    line("speaking", conversation.isHumanTakeover ? "YOU (taken over)" : "AGENT")
    line("needs review", conversation.needsReview ? (conversation.needsReviewReason ?? "yes") : nil)
    line("campaign", conversation.campaignId)
    line("external id", conversation.externalId)
    line("last activity", conversation.lastMessageAt.map(Timestamp.format))
    for outcome in conversation.screeningQuestionsOutcome ?? [] {
      line(
        "screening", "\(outcome.questionOutcome?.rawValue ?? "?"): \(outcome.screeningQuestion ?? "") — \(outcome.responseSummary ?? "")")
    }
  }
}
