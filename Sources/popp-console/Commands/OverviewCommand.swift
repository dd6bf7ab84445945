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
  @Option(name: .customLong("profile"), help: ArgumentHelp("Connect as [profiles.NAME] of the config file.", valueName: "NAME"))
  var profile: String?
  @OptionGroup var logging: LoggingOption
  @Option(
    name: .customLong("hub"), help: ArgumentHelp("Print what the team's hub at this socket serves (also POPP_HUB).", valueName: "PATH"))
  var hub: String?

  func run() async throws {
    let resolved = try ConnectionLoading.resolve(profile: profile, environment: ProcessInfo.processInfo.environment)
    let settings = resolved.settings
    if !sandbox, let hub = ConnectionLoading.hubToRead(flag: hub, resolved: resolved) {
      let client = try await ConnectionLoading.readClient(hub)
      return try await Self.printOverview(
        client, origin: "the hub at \(hub.path) (organization \(Output.clean(client.welcome.organizationId)))")
    }
    if !sandbox && settings.hasCredentials {
      return try await Self.printOverview(
        HTTPPoppClient(configuration: try settings.clientConfiguration()), origin: settings.baseURL.absoluteString)
    }
    let sandbox = try await RunningSandbox.start(SandboxConfiguration(port: 0, demoSize: demoSize))
    print("SANDBOX — a local emulator of Popp with demo data (no real candidates are contacted).")
    print("To reach Popp, set POPP_API_KEY and POPP_ORGANIZATION_ID (and POPP_BASE_URL if needed).\n")
    do {
      try await Self.printOverview(try sandbox.client(), origin: sandbox.baseURL.absoluteString)
    } catch {
      await sandbox.stop()
      throw error
    }
    await sandbox.stop()
  }

  static func printOverview(_ client: some PoppClient, origin: String) async throws {
    let campaigns = try await client.allCampaigns(pageSize: 100).collect()
    var counts: [String: [ConversationStatus: Int]] = [:]
    var flagged: [Conversation] = []
    for try await conversation in client.allConversations(ConversationQuery(sortDirection: .descending, limit: 500)) {
      counts[conversation.campaignId ?? "", default: [:]][conversation.conversationStatus, default: 0] += 1
      if conversation.needsReview { flagged.append(conversation) }
    }
    print("Campaigns at \(origin):")
    Output.table(
      ["STATUS", "CHANNEL", "ONGOING", "REVIEW", "DONE", "TITLE"],
      campaigns.map { campaign in
        let byStatus = counts[campaign.id] ?? [:]
        let total = byStatus.values.reduce(0, +)
        let ongoing = byStatus[.ongoing] ?? 0
        let review = flagged.filter { $0.campaignId == campaign.id }.count
        return [
          campaign.campaignStatus.rawValue, campaign.channel.rawValue, String(ongoing), String(review), String(total - ongoing),
          Output.clean(campaign.campaignTitle),
        ]
      })
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
