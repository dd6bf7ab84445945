import Benchmark
import Foundation
import PoppAPI
import PoppSandbox
import Synchronization

/// Figures for issue 2: a 10,000-contact bulk accepted in under 1 s, and a page of 100
/// conversations out of 100,000 served in under 10 ms, measured end to end through the
/// HTTP client against the sandbox on loopback.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock], timeUnits: .milliseconds, warmupIterations: 1,
    maxDuration: .seconds(20), maxIterations: 15)

  Benchmark(
    "Sandbox accepts a bulk of 10,000 contacts",
    closure: { benchmark in
      let fixture = try Fixture.shared.current()
      let contacts = Fixture.contacts(10_000)
      benchmark.startMeasurement()
      for _ in benchmark.scaledIterations {
        let response = try await fixture.client.createConversations(
          BulkConversationRequest(campaignId: fixture.campaignId, contacts: contacts))
        precondition(response.queued == 10_000, "every contact queued")
      }
    },
    setup: { try await Fixture.shared.prepare(seedConversations: 0) },
    teardown: { await Fixture.shared.stop() })

  Benchmark(
    "Sandbox serves a page of 100 out of 100,000 conversations",
    configuration: .init(
      metrics: [.wallClock], timeUnits: .microseconds, warmupIterations: 5, maxDuration: .seconds(10), maxIterations: 300),
    closure: { benchmark in
      let fixture = try Fixture.shared.current()
      for _ in benchmark.scaledIterations {
        let page = try await fixture.client.listConversations(ConversationQuery(limit: 100), nextToken: fixture.middleToken)
        precondition(page.data.count == 100, "a full page")
      }
    },
    setup: { try await Fixture.shared.prepare(seedConversations: 100_000) },
    teardown: { await Fixture.shared.stop() })

  // The parts of a page request that are not the server's: encoding and decoding 100
  // conversations, as the sandbox and the client do.
  let page = Page(data: (0..<100).map(Fixture.sampleConversation), nextToken: "token")
  let encoded = try! PoppJSON.makeEncoder().encode(page)
  Benchmark(
    "JSON encode a page of 100 conversations",
    configuration: .init(metrics: [.wallClock], timeUnits: .microseconds, maxIterations: 1000),
    closure: { benchmark in
      for _ in benchmark.scaledIterations { blackHole(try PoppJSON.makeEncoder().encode(page)) }
    })
  Benchmark(
    "JSON decode a page of 100 conversations",
    configuration: .init(metrics: [.wallClock], timeUnits: .microseconds, maxIterations: 1000),
    closure: { benchmark in
      for _ in benchmark.scaledIterations { blackHole(try PoppJSON.makeDecoder().decode(Page<Conversation>.self, from: encoded)) }
    })
}

/// One sandbox with a LIVE campaign, shared by a benchmark's iterations.
final class Fixture: Sendable {
  struct Running: Sendable {
    var sandbox: RunningSandbox
    var client: HTTPPoppClient
    var campaignId: String
    var middleToken: String?
  }

  static let shared = Fixture()
  private let state = Mutex<Running?>(nil)

  func current() throws -> Running {
    guard let running = state.withLock({ $0 }) else { throw PoppError.invalidConfiguration("fixture not prepared") }
    return running
  }

  func prepare(seedConversations: Int) async throws {
    let sandbox = try await RunningSandbox.start(SandboxConfiguration(port: 0, speed: 0, demoSize: 0))
    let client = try sandbox.client(retryPolicy: .never, requestTimeout: 120)
    let templates = try await client.listTemplates()
    let opening = templates.first { $0.canOpen(channel: .whatsapp, campaignType: .applicantOutreach) }
    let campaign = try await client.createCampaign(
      CampaignCreateRequest(
        campaignType: .applicantOutreach, channel: .whatsapp, closingMethod: .custom, campaignTitle: "Benchmark",
        campaignDescription: "Benchmark campaign.", company: "Popp", location: "London", customMessage: "Thanks!",
        openingMessageTemplateId: opening?.id, campaignStatus: .live, questions: [.text("Ready?")]))
    var remaining = seedConversations
    while remaining > 0 {
      let batch = min(remaining, BulkConversationRequest.maximumContacts)
      _ = try await client.createConversations(BulkConversationRequest(campaignId: campaign.id, contacts: Self.contacts(batch)))
      remaining -= batch
    }
    var token: String?
    if seedConversations > 0 {
      // Walk to the middle of the list so that the measured page is a deep one.
      for _ in 0..<(seedConversations / 2 / 500) {
        token = try await client.listConversations(ConversationQuery(limit: 500), nextToken: token).nextToken
      }
    }
    let running = Running(sandbox: sandbox, client: client, campaignId: campaign.id, middleToken: token)
    state.withLock { $0 = running }
  }

  func stop() async {
    let running = state.withLock { state in
      defer { state = nil }
      return state
    }
    await running?.sandbox.stop()
  }

  static func sampleConversation(_ index: Int) -> Conversation {
    let now = Date()
    return Conversation(
      id: UUID().uuidString.lowercased(), organizationId: "sandbox-org", campaignId: UUID().uuidString.lowercased(),
      externalId: "ext-\(index)", candidateId: UUID().uuidString.lowercased(), participantFirstName: "美咲",
      participantLastName: "Candidate \(index)", participantPhoneNumber: "+14155550100", channel: .whatsapp,
      conversationStatus: .ongoing, stage: .screening, screeningQuestionsOutcome: [],
      campaignConversationUrl: "https://ai.joinpopp.com/campaign/outbound/x?conversationId=y", lastMessageAt: now,
      createdAt: now, updatedAt: now)
  }

  static func contacts(_ count: Int) -> [BulkContact] {
    (0..<count).map { index in
      BulkContact(
        firstName: ["Ada", "José", "美咲", "محمد", "Zoë"][index % 5], lastName: "Candidate \(index)",
        phoneNumber: "+1415\(String(2_000_000 + index))", externalId: "bench-\(index)")
    }
  }
}
