import ArgumentParser
import ConsoleCore
import Foundation
import PoppAPI
import PoppHub
import PoppSandbox

/// A printed overview for scripts and quick looks: of Popp when credentials are set, else of a
/// freshly started built-in sandbox.
struct OverviewCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "overview", abstract: "Print campaigns and the conversations that need review, without the full-screen console.")

  @Flag(help: "Use the built-in sandbox even when credentials are set.") var sandbox = false
  @Option(name: .customLong("demo-size"), help: "Conversations of demo data in the built-in sandbox.") var demoSize = 200
  @Option(
    name: .customLong("profile"), help: ArgumentHelp("Connect as [profiles.NAME] of the config file.", valueName: "NAME"),
    completion: Completions.profileNames)
  var profile: String?
  @Flag(name: .long, help: "Print JSON for scripts instead of tables.") var json = false
  @OptionGroup var logging: LoggingOption
  @Option(
    name: .customLong("hub"), help: ArgumentHelp("Print what the team's hub at this socket serves (also POPP_HUB).", valueName: "PATH"),
    completion: Completions.socketFile)
  var hub: String?

  func run() async throws {
    let resolved = try ConnectionLoading.resolve(profile: profile, environment: ProcessInfo.processInfo.environment)
    let settings = resolved.settings
    if !sandbox, let hub = ConnectionLoading.hubToRead(flag: hub, resolved: resolved) {
      let client = try await ConnectionLoading.readClient(hub)
      return try await printOverview(
        client, origin: "the hub at \(hub.path) (organization \(Output.clean(client.welcome.organizationId)))", isSandbox: false)
    }
    if !sandbox && settings.hasCredentials {
      return try await printOverview(
        HTTPPoppClient(configuration: try resolved.clientConfiguration()), origin: settings.baseURL.absoluteString, isSandbox: false)
    }
    let sandbox = try await RunningSandbox.start(SandboxConfiguration(port: 0, demoSize: demoSize))
    // With --json the notice goes to stderr: standard output stays one JSON document.
    let notice =
      "SANDBOX — a local emulator of Popp with demo data (no real candidates are contacted).\n"
      + "To reach Popp, set POPP_API_KEY and POPP_ORGANIZATION_ID (and POPP_BASE_URL if needed).\n"
    if json { StandardError.print(notice) } else { print(notice) }
    do {
      try await printOverview(try sandbox.client(), origin: sandbox.baseURL.absoluteString, isSandbox: true)
    } catch {
      await sandbox.stop()
      throw error
    }
    await sandbox.stop()
  }

  /// The overview as `--json` prints it (README, "overview --json"): stable keys, dates in ISO 8601.
  struct Document: Encodable {
    struct CampaignLine: Encodable {
      var id, title, status, channel: String
      var ongoing, review, done: Int
    }
    struct FlaggedLine: Encodable {
      var id: String
      var campaignId: String?
      var name: String
      var reason: String?
      var updatedAt: Date?
    }
    var origin: String
    var isSandbox: Bool
    var campaigns: [CampaignLine]
    var needsReview: [FlaggedLine]
  }

  func printOverview(_ client: some PoppClient, origin: String, isSandbox: Bool) async throws {
    let campaigns = try await client.allCampaigns(pageSize: 100).collect()
    var counts: [String: [ConversationStatus: Int]] = [:]
    var flagged: [Conversation] = []
    for try await conversation in client.allConversations(ConversationQuery(sortDirection: .descending, limit: 500)) {
      counts[conversation.campaignId ?? "", default: [:]][conversation.conversationStatus, default: 0] += 1
      if conversation.needsReview { flagged.append(conversation) }
    }
    let lines = campaigns.map { campaign in
      let byStatus = counts[campaign.id] ?? [:]
      let ongoing = byStatus[.ongoing] ?? 0
      return Document.CampaignLine(
        id: campaign.id, title: campaign.campaignTitle, status: campaign.campaignStatus.rawValue, channel: campaign.channel.rawValue,
        ongoing: ongoing, review: flagged.filter { $0.campaignId == campaign.id }.count,
        done: byStatus.values.reduce(0, +) - ongoing)
    }
    if json {
      return try Output.json(
        Document(
          origin: origin, isSandbox: isSandbox, campaigns: lines,
          needsReview: flagged.map {
            Document.FlaggedLine(
              id: $0.id, campaignId: $0.campaignId, name: $0.participantName, reason: $0.needsReviewReason, updatedAt: $0.updatedAt)
          }))
    }
    print("Campaigns at \(origin):")
    Output.table(
      ["STATUS", "CHANNEL", "ONGOING", "REVIEW", "DONE", "TITLE"],
      lines.map { [$0.status, $0.channel, String($0.ongoing), String($0.review), String($0.done), Output.clean($0.title)] })
    print("\nNeeds review (\(flagged.count)):")
    let now = Date()
    Output.table(
      ["ID", "WAITING", "NAME"],
      flagged.map {
        [
          $0.id, RelativeTime.describe($0.updatedAt, now: now),
          Output.clean($0.participantName) + " — " + Output.clean($0.needsReviewReason),
        ]
      })
  }
}
