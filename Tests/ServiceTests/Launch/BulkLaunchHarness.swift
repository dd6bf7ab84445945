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
final class BulkHookedClient: ForwardingClient {
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

}

/// `count` applicants with unique UK mobiles and candidate ids, one per line.
func applicantRows(_ count: Int, from start: Int = 0) -> String {
  (start..<start + count).map { index in
    "Applicant\(index),Test,+4474009\(String(repeating: "0", count: max(0, 5 - String(index).count)))\(index),cand-\(index)"
  }.joined(separator: "\n")
}
