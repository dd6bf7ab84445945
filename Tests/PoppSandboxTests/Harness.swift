import Foundation
import PoppAPI
import PoppSandbox
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A sandbox on a free loopback port with a frozen clock, for one test.
struct Harness {
  static let other = SandboxConfiguration.Organization(id: "other-org", apiKey: "other-key")

  let sandbox: RunningSandbox
  let client: HTTPPoppClient
  let control: SandboxControlClient

  static func start(
    demoSize: Int = 0, databasePath: String? = nil, retryPolicy: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05)
  ) async throws -> Harness {
    let sandbox = try await RunningSandbox.start(
      SandboxConfiguration(port: 0, databasePath: databasePath, seed: 7, speed: 0, demoSize: demoSize, organizations: [.default, other]))
    return Harness(sandbox: sandbox, client: try sandbox.client(retryPolicy: retryPolicy), control: sandbox.control())
  }

  func stop() async { await sandbox.stop() }

  /// A LIVE WhatsApp applicant campaign with two mandatory questions.
  func makeCampaign(channel: Channel = .whatsapp, closing: ClosingMethod = .custom, status: CampaignStatus = .live) async throws -> Campaign
  {
    let templates = try await client.listTemplates()
    let opening = templates.first { $0.canOpen(channel: channel, campaignType: .applicantOutreach) }
    var request = CampaignCreateRequest(
      campaignType: .applicantOutreach, channel: channel, closingMethod: closing, campaignTitle: "Test role",
      campaignDescription: "A role for tests.", company: "Acme", location: "Leeds", openingMessageTemplateId: opening?.id,
      agentName: "Robin", agentTone: .friendly, campaignStatus: status, externalId: "job-\(UUID().uuidString.prefix(8))",
      questions: [.text("Do you have a driving licence?"), .text("Can you work weekends?")])
    switch closing {
    case .custom: request.customMessage = "Thanks, we'll be in touch."
    case .meetingURL: request.meetingUrl = "https://cal.example.com/x"
    case .phoneNumber: request.contactNumber = "+441615550100"
    default: request.calendarMeetingTemplateId = "cal-1"
    }
    if opening == nil { request.customTemplatedMessage = "Hi {{CANDIDATE_FIRST_NAME}}. Reply STOP to opt out." }
    return try await client.createCampaign(request)
  }

  /// Starts a conversation and returns it (found as the newest of its campaign).
  func launch(_ campaign: Campaign, firstName: String = "Ada", contact: String? = nil) async throws -> Conversation {
    let usesEmail = campaign.channel == .email
    let value = contact ?? (usesEmail ? "ada.\(UUID().uuidString.prefix(6))@example.com" : "+1415555\(Int.random(in: 1000...9999))")
    _ = try await client.createConversation(
      ConversationCreateRequest(
        campaignId: campaign.id, firstName: firstName, lastName: "Lovelace", phoneNumber: usesEmail ? nil : value,
        emailAddress: usesEmail ? value : nil, externalId: "cand-\(firstName)"))
    let page = try await client.listConversations(
      ConversationQuery(campaignId: campaign.id, sortDirection: .descending, limit: 1), nextToken: nil)
    return try #require(page.data.first)
  }

  /// Advances the clock until the conversation reaches `status` (at most `limit` seconds).
  func advance(_ conversationId: String, until predicate: (Conversation) -> Bool, limit: Double = 7 * 86_400) async throws -> Conversation {
    var waited = 0.0
    while waited <= limit {
      let conversation = try await client.conversation(id: conversationId)
      if predicate(conversation) { return conversation }
      // Small steps early, where states are short-lived; larger ones once hours pass.
      let step: Double = waited < 600 ? 5 : waited < 6 * 3600 ? 300 : 3600
      try await control.advanceClock(seconds: step)
      waited += step
    }
    Issue.record("conversation \(conversationId) did not reach the expected state")
    return try await client.conversation(id: conversationId)
  }

  /// A raw request, for the cases the typed client cannot express (bad headers, huge bodies).
  func raw(_ method: String, _ path: String, body: Data? = nil, headers: [String: String]? = nil) async throws -> (Int, String) {
    var request = URLRequest(url: URL(string: sandbox.baseURL.absoluteString + "/" + path)!)
    request.httpMethod = method
    for (name, value) in headers ?? ["x-api-key": "sandbox-key", "x-organization-id": "sandbox-org"] {
      request.setValue(value, forHTTPHeaderField: name)
    }
    request.httpBody = body
    if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
    let (data, response) = try await URLSession.shared.data(for: request)
    return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
  }
}

/// Runs `body` against a fresh sandbox and always stops it.
func withSandbox(demoSize: Int = 0, databasePath: String? = nil, retryPolicy: RetryPolicy? = nil, _ body: (Harness) async throws -> Void)
  async throws
{
  let harness =
    if let retryPolicy { try await Harness.start(demoSize: demoSize, databasePath: databasePath, retryPolicy: retryPolicy) } else {
      try await Harness.start(demoSize: demoSize, databasePath: databasePath)
    }
  do {
    try await body(harness)
  } catch {
    await harness.stop()
    throw error
  }
  await harness.stop()
}

func expectError(_ expected: (PoppError) -> Bool, _ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async
{
  do {
    try await body()
    Issue.record("expected an error", sourceLocation: sourceLocation)
  } catch let error as PoppError {
    #expect(expected(error), "unexpected \(error)", sourceLocation: sourceLocation)
  } catch {
    Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
  }
}
