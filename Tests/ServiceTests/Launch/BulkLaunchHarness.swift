import Foundation
import PoppSandbox
import Synchronization
import Testing

@testable import ConsoleCore

/// A sandbox at `--speed 0` with its live SMS campaign, and a folder for CSV and results
/// files: a bulk launch end to end over loopback.
struct BulkLaunchHarness {
  let sandbox: RunningSandbox
  let control: SandboxControlClient
  let client: HTTPPoppClient
  let campaign: Campaign
  let folder: URL

  static func start() async throws -> BulkLaunchHarness {
    let sandbox = try await RunningSandbox.start(SandboxConfiguration(port: 0, speed: 0, demoSize: 10))
    let client = try sandbox.client(requestTimeout: 10)
    let campaigns = try await client.allCampaigns().collect()
    let sms = try #require(campaigns.first { $0.channel == .sms && $0.campaignStatus == .live })
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("popp-bulk-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return BulkLaunchHarness(sandbox: sandbox, control: sandbox.control(), client: client, campaign: sms, folder: folder)
  }

  /// Writes `text` as `applicants.csv` and returns its URL.
  func csv(_ text: String) throws -> URL {
    let url = folder.appendingPathComponent("applicants.csv")
    try Data(text.utf8).write(to: url)
    return url
  }

  func plan(_ url: URL) throws -> BulkPlan {
    try BulkPlan.prepare(fileAt: url, settings: BulkImportSettings(channel: campaign.channel))
  }

  /// The campaign's conversations as the server lists them, read without faults.
  func conversations() async throws -> [Conversation] {
    try await sandbox.client().allConversations(ConversationQuery(campaignId: campaign.id, limit: 500)).collect()
  }

  func bulkPosts() async throws -> Int {
    try await control.stats().count("POST /v1/conversations/bulk")
  }

  func stop() async {
    try? FileManager.default.removeItem(at: folder)
    await sandbox.stop()
  }
}

/// Forwards to another client and runs `afterBulk` (with the 1-based call number) once each
/// bulk request has its answer or error: how a test changes the faults between batches. It
/// records each request's contacts.
final class BulkHookedClient: PoppClient {
  let base: any PoppClient
  let requests = Mutex<[[BulkContact]]>([])
  let afterBulk: @Sendable (Int) async -> Void

  init(base: any PoppClient, afterBulk: @escaping @Sendable (Int) async -> Void = { _ in }) {
    self.base = base
    self.afterBulk = afterBulk
  }

  var sentContacts: [[BulkContact]] { requests.withLock { $0 } }

  func createConversations(_ request: BulkConversationRequest) async throws(PoppError) -> BulkConversationResponse {
    let number = requests.withLock {
      $0.append(request.contacts ?? [])
      return $0.count
    }
    let result: Result<BulkConversationResponse, PoppError>
    do throws(PoppError) { result = .success(try await base.createConversations(request)) } catch { result = .failure(error) }
    await afterBulk(number)
    return try result.get()
  }

  func listTemplates() async throws(PoppError) -> [Template] { try await base.listTemplates() }
  func listAgents() async throws(PoppError) -> [Agent] { try await base.listAgents() }
  func createCampaign(_ request: CampaignCreateRequest) async throws(PoppError) -> Campaign { try await base.createCampaign(request) }
  func listCampaigns(status: CampaignStatus?, limit: Int?, nextToken: String?) async throws(PoppError) -> Page<Campaign> {
    try await base.listCampaigns(status: status, limit: limit, nextToken: nextToken)
  }
  func campaign(id: String) async throws(PoppError) -> Campaign { try await base.campaign(id: id) }
  func updateCampaign(id: String, _ update: CampaignUpdateRequest) async throws(PoppError) -> Campaign {
    try await base.updateCampaign(id: id, update)
  }
  func createConversation(_ request: ConversationCreateRequest) async throws(PoppError) -> MessageResponse {
    try await base.createConversation(request)
  }
  func listConversations(_ query: ConversationQuery, nextToken: String?) async throws(PoppError) -> Page<Conversation> {
    try await base.listConversations(query, nextToken: nextToken)
  }
  func conversation(id: String) async throws(PoppError) -> Conversation { try await base.conversation(id: id) }
  func listMessages(conversationId: String, sortDirection: SortDirection?, limit: Int?, nextToken: String?) async throws(PoppError)
    -> Page<Message>
  {
    try await base.listMessages(conversationId: conversationId, sortDirection: sortDirection, limit: limit, nextToken: nextToken)
  }
  func takeOver(conversationId: String) async throws(PoppError) -> TakeoverResponse {
    try await base.takeOver(conversationId: conversationId)
  }
  func sendMessage(conversationId: String, _ request: SendMessageRequest) async throws(PoppError) -> Message {
    try await base.sendMessage(conversationId: conversationId, request)
  }
  func handBack(conversationId: String) async throws(PoppError) -> HandBackResponse {
    try await base.handBack(conversationId: conversationId)
  }
}

/// `count` applicants with unique UK mobiles and candidate ids, one per line.
func applicantRows(_ count: Int, from start: Int = 0) -> String {
  (start..<start + count).map { index in
    "Applicant\(index),Test,+4477009\(String(repeating: "0", count: max(0, 5 - String(index).count)))\(index),cand-\(index)"
  }.joined(separator: "\n")
}
