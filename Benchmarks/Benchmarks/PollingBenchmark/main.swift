import BenchmarkFixtures
import ConsoleCore
import Foundation
import PoppSandbox
import Synchronization

// Issue 4's figures: against a sandbox holding 10,000 conversations of which 200 are active,
// the requests per minute of steady-state polling with nothing changing (read from the
// sandbox's counters), and how long a new flag takes to show (median of 20 trials) at the
// default intervals. Run: cd Benchmarks && swift run -c release PollingBenchmark [steady-seconds] [trials]

let arguments = CommandLine.arguments.dropFirst().compactMap(Double.init)
// 330 s: the window holds one full refresh (due 300 s after the start).
let steadySeconds = arguments.first ?? 330
let trials = Int(arguments.dropFirst().first ?? 20)

func residentMegabytes() -> (now: Double, peak: Double) {
  let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
  func field(_ name: String) -> Double {
    guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
    return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
  }
  return (field("VmRSS"), field("VmHWM"))
}

/// The console's state, fed by the session's mailbox as the UI loop feeds it.
final class Console: Sendable {
  let session: ConsoleSession
  private let state: Mutex<AppState>

  init(session: ConsoleSession) {
    self.session = session
    state = Mutex(AppState(connection: session.connection))
  }

  func read<T>(_ body: (AppState) -> T) -> T {
    state.withLock { state in
      for event in session.mailbox.drain() { _ = state.apply(event) }
      return body(state)
    }
  }

  func wait(timeout: Double = 120, _ condition: (AppState) -> Bool) async throws -> Double {
    let start = Date()
    while Date().timeIntervalSince(start) < timeout {
      if read(condition) { return Date().timeIntervalSince(start) }
      try await Task.sleep(for: .milliseconds(10))
    }
    throw CancellationError()
  }
}

struct Figures {
  var requestsPerMinute: Double
  var byRoute: [String: Int]
  var detection: [Double]
  var rss: (now: Double, peak: Double)
}

func measure(_ sandbox: RunningSandbox, serverFilters: Bool) async throws -> Figures {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("popp-polling-\(UUID().uuidString)")
  defer { try? FileManager.default.removeItem(at: directory) }
  var settings = PollSettings()
  settings.useServerFilters = serverFilters
  let console = Console(
    session: try ConsoleSession(
      connection: .http(try sandbox.clientConfiguration(), isSandbox: true), pollSettings: settings,
      storage: SessionStorage(cachePath: directory.appendingPathComponent("cache.sqlite").path)))
  let engine = console.session.engine
  await engine.start()
  let loaded = try await console.wait { !$0.isLoading && $0.index.count == 10_000 }
  let counts = console.read { state in
    Dictionary(grouping: state.index.conversations, by: { $0.conversationStatus.canStillChange }).mapValues(\.count)
  }
  print("  loaded 10,000 in \(String(format: "%.2f", loaded)) s; live \(counts[true] ?? 0), finished \(counts[false] ?? 0)")

  // Let the first polls of every kind pass, then count.
  try await Task.sleep(for: .seconds(10))
  let control = sandbox.control()
  try await control.resetStats()
  try await Task.sleep(for: .seconds(steadySeconds))
  let stats = try await control.stats()
  let perMinute = Double(stats.totalRequests) / steadySeconds * 60

  var detection: [Double] = []
  let live = console.read { state in state.index.conversations.filter { $0.conversationStatus.canStillChange && !$0.needsReview } }
  var generator = SystemRandomNumberGenerator()
  for trial in 0..<trials {
    try await Task.sleep(for: .milliseconds(Int.random(in: 0..<5_000, using: &generator)))
    let target = live[trial * 7 % live.count]
    _ = try await control.flag(conversationId: target.id, reason: "benchmark trial \(trial)")
    detection.append(try await console.wait(timeout: 60) { $0.index.conversation(id: target.id)?.needsReview == true })
  }
  await engine.stop()
  return Figures(requestsPerMinute: perMinute, byRoute: stats.requests, detection: detection, rss: residentMegabytes())
}

print("Building the fixture (10,000 conversations, 200 live)…")
let sandbox = try await makeTenThousandConversations()
for serverFilters in [true, false] {
  print("\nPolling at default intervals, \(serverFilters ? "with updatedSince (the sandbox honours it)" : "documented parameters only"):")
  let figures = try await measure(sandbox, serverFilters: serverFilters)
  print("  steady state over \(Int(steadySeconds)) s: \(String(format: "%.1f", figures.requestsPerMinute)) requests/minute")
  for (route, count) in figures.byRoute.sorted(by: { $0.key < $1.key }) {
    print("    \(route): \(count) (\(String(format: "%.1f", Double(count) / steadySeconds * 60))/min)")
  }
  let ms = figures.detection.map { $0 * 1000 }
  print(
    "  new flag detected over \(ms.count) trials: median \(String(format: "%.0f", percentile(ms, 0.5))) ms, p90 \(String(format: "%.0f", percentile(ms, 0.9))) ms, max \(String(format: "%.0f", ms.max() ?? .nan)) ms"
  )
  print(
    "  RSS (console and in-process sandbox together): \(String(format: "%.0f", figures.rss.now)) MB, peak \(String(format: "%.0f", figures.rss.peak)) MB"
  )
}
await sandbox.stop()
