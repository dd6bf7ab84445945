import Benchmark
import ConsoleCore
import ConsoleUI
import Foundation
import PoppSandbox
import Synchronization

/// Figures for issue 3: with 100,000 conversations in state, a selection move, a status-tab
/// switch and a `/` filter each render in under 2 ms; first paint of 10,000 demo conversations
/// in under 300 ms once they are loaded. Rendering goes to the in-memory screen.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock], timeUnits: .microseconds, warmupIterations: 3, maxDuration: .seconds(10), maxIterations: 500)
  TextWidth.prepareLocale()
  let large = World.state(conversations: 100_000)

  Benchmark("Console: move the selection one row (100,000 conversations)") { benchmark in
    var state = large
    let screen = MemoryScreen(rows: 40, columns: 160)
    let renderer = Renderer(keymap: .defaults)
    renderer.render(&state, on: screen)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      _ = state.perform(.moveDown)
      renderer.render(&state, on: screen)
    }
  }

  Benchmark("Console: switch the status filter (100,000 conversations)") { benchmark in
    var state = large
    let screen = MemoryScreen(rows: 40, columns: 160)
    let renderer = Renderer(keymap: .defaults)
    let tabs: [CommandName] = [.filterNeedsReview, .filterOngoing, .filterCompleted, .filterAll]
    var next = 0
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      _ = state.perform(tabs[next % tabs.count])
      next += 1
      renderer.render(&state, on: screen)
    }
  }

  // The worst key of a `/` filter is the first: it scans every conversation of the tab;
  // later keys only narrow what matched. One sample is one key typed and the frame after it.
  var filtering = large
  _ = filtering.perform(.filter)
  let promptOpen = filtering
  Benchmark("Console: / filter, first key typed (100,000 conversations)") { benchmark in
    let screen = MemoryScreen(rows: 40, columns: 160)
    let renderer = Renderer(keymap: .defaults)
    for _ in benchmark.scaledIterations {
      var state = promptOpen
      _ = state.handle(.character("a"), keymap: .defaults)
      renderer.render(&state, on: screen)
      blackHole(state.visibleRows.count)
    }
  }

  Benchmark("Console: / filter, a three-key query typed (100,000 conversations)") { benchmark in
    let screen = MemoryScreen(rows: 40, columns: 160)
    let renderer = Renderer(keymap: .defaults)
    for _ in benchmark.scaledIterations {
      var state = promptOpen
      for character in "ana" {
        _ = state.handle(.character(character), keymap: .defaults)
        renderer.render(&state, on: screen)
      }
      blackHole(state.visibleRows.count)
    }
  }

  Benchmark(
    "Console: first paint of 10,000 demo conversations once loaded",
    configuration: .init(
      metrics: [.wallClock], timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 20),
    closure: { benchmark in
      let loaded = try DemoFixture.shared.value()
      for _ in benchmark.scaledIterations {
        var state = AppState(connection: loaded.connection)
        _ = state.apply(.loaded(campaigns: loaded.campaigns, conversations: loaded.conversations, templates: loaded.templates, at: Date()))
        let screen = MemoryScreen(rows: 40, columns: 120)
        Renderer(keymap: .defaults).render(&state, on: screen)
        blackHole(screen)
      }
    },
    setup: { try await DemoFixture.shared.load(size: 10_000) })
}

enum World {
  static func phone(_ index: Int) -> String { "+4477009" + String(10_000 + index % 90_000) }

  static func state(conversations count: Int) -> AppState {
    let now = Date()
    let campaigns = (0..<8).map { index in
      Campaign(
        id: "c\(index)", organizationId: "o", type: .applicantOutreach, channel: .whatsapp, closingMethod: .custom, campaignStatus: .live,
        campaignTitle: "Campaign \(index)")
    }
    let names = ["Ana", "美咲", "محمد", "Zoë", "Mia 🌸", "John", "Olúwaseun", "Søren"]
    let statuses: [ConversationStatus] = [.ongoing, .ongoing, .completedMeetingRequested, .closed, .completedScreeningFailed, .queued]
    let conversations = (0..<count).map { (index: Int) -> Conversation in
      let seconds = Double(index)
      return Conversation(
        id: "conv-\(index)", campaignId: "c\(index % 8)", externalId: "cand-\(index)", participantFirstName: names[index % names.count],
        participantLastName: "Candidate \(index)", participantPhoneNumber: phone(index),
        conversationStatus: statuses[index % statuses.count], needsReview: index.isMultiple(of: 37),
        isHumanTakeover: index.isMultiple(of: 101),
        lastMessageAt: now.addingTimeInterval(-seconds * 7), createdAt: now.addingTimeInterval(-seconds * 9),
        updatedAt: now.addingTimeInterval(-seconds * 7))
    }
    var state = AppState(connection: ConnectionInfo(organizationId: "o", baseURL: URL(string: "http://127.0.0.1:1/v1")!, isSandbox: true))
    _ = state.apply(.loaded(campaigns: campaigns, conversations: conversations, templates: [], at: now))
    return state
  }
}

/// 10,000 demo conversations fetched from a sandbox once, as the console would have them.
final class DemoFixture: Sendable {
  struct Loaded: Sendable {
    var connection: ConnectionInfo
    var campaigns: [Campaign]
    var conversations: [Conversation]
    var templates: [Template]
  }

  static let shared = DemoFixture()
  private let loaded = Mutex<Loaded?>(nil)

  func value() throws -> Loaded {
    guard let loaded = loaded.withLock({ $0 }) else { throw PoppError.invalidConfiguration("not loaded") }
    return loaded
  }

  func load(size: Int) async throws {
    let sandbox = try await RunningSandbox.start(SandboxConfiguration(port: 0, speed: 0, demoSize: size))
    let client = try sandbox.client()
    let result = Loaded(
      connection: ConnectionInfo(organizationId: sandbox.organization.id, baseURL: sandbox.baseURL, isSandbox: true),
      campaigns: try await client.allCampaigns().collect(),
      conversations: try await client.allConversations(ConversationQuery(limit: 500)).collect(),
      templates: try await client.listTemplates())
    await sandbox.stop()
    loaded.withLock { $0 = result }
  }
}
