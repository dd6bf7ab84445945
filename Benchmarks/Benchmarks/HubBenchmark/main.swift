import BenchmarkFixtures
import ConsoleCore
import Foundation
import PoppHub
import PoppSandbox
import Synchronization

// Issue 14's figures: a `popp-console hub` process polls a sandbox of 10,000 conversations (200 live) for 1, 10 and
// 50 attached consoles. Each console here is the console's own hub backend (`HubLink` feeding a session and an
// `AppState`, as the UI loop does), without the terminal. Printed: requests per minute reaching the sandbox at idle,
// a new flag's time until every console shows it, presence's time from one console to another, and the hub
// process's CPU and resident memory.
// Run: swift build -c release (at the root); cd Benchmarks && swift run -c release HubBenchmark [window-seconds] [trials]
// (into a file: `stdbuf -oL` keeps the lines coming as they are printed).

let arguments = CommandLine.arguments.dropFirst().compactMap(Double.init)
let window = arguments.first ?? 120
let trials = Int(arguments.dropFirst().first ?? 15)
let binary =
  ProcessInfo.processInfo.environment["POPP_CONSOLE_BIN"]
  ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../.build/release/popp-console")
  .standardized.path

func format(_ seconds: Double) -> String { String(format: "%.0f ms", seconds * 1000) }

/// One attached console: its session, its link to the hub, and its state as the UI loop keeps it.
final class Console: Sendable {
  let session: ConsoleSession
  let link: HubLink
  private let state: Mutex<AppState>

  init(socket: String) async throws {
    let welcome = try await HubLink.welcome(path: socket, app: PoppConsoleVersion.app)
    let info = ConnectionInfo(
      organizationId: welcome.organizationId, baseURL: welcome.baseURL, isSandbox: welcome.isSandbox, hubPath: socket,
      hubUser: welcome.user)
    session = try ConsoleSession(connection: .hub(info), pollSettings: PollSettings(), storage: SessionStorage())
    link = HubLink(path: socket, app: PoppConsoleVersion.app, session: session)
    state = Mutex(AppState(connection: info))
    await link.startPolling()
  }

  func read<T>(_ body: (AppState) -> T) -> T {
    state.withLock { state in
      for event in session.mailbox.drain() { _ = state.apply(event) }
      return body(state)
    }
  }
}

/// Polls every console until each satisfies `condition`; the seconds it took.
func waitAll(_ consoles: [Console], timeout: Double = 60, _ condition: @escaping @Sendable (AppState) -> Bool) async throws -> Double {
  try await waitSpread(consoles, timeout: timeout, condition).last
}

/// Seconds until the first console satisfied `condition`, and until the last did: their difference is what the
/// hub's fan-out adds to a poll's own delay.
func waitSpread(_ consoles: [Console], timeout: Double = 60, _ condition: @escaping @Sendable (AppState) -> Bool) async throws
  -> (first: Double, last: Double)
{
  let start = Date()
  var pending = consoles
  var first: Double?
  while !pending.isEmpty {
    let before = pending.count
    pending.removeAll { $0.read(condition) }
    if first == nil && pending.count < before { first = Date().timeIntervalSince(start) }
    guard Date().timeIntervalSince(start) < timeout else { throw CancellationError() }
    if !pending.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
  }
  let last = Date().timeIntervalSince(start)
  return (first ?? last, last)
}

/// The hub process's CPU seconds (user + system) and resident megabytes, from /proc.
func hubUsage(_ pid: Int32) -> (cpu: Double, rss: Double) {
  let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
  let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
  let ticks = fields.count > 12 ? (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0) : 0
  let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
  let rss = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }.flatMap { Double($0.split(separator: " ")[1]) } ?? 0
  return (ticks / Double(sysconf(Int32(_SC_CLK_TCK))), rss / 1024)
}

print("Building the fixture (10,000 conversations, 200 live)…")
let sandbox = try await makeTenThousandConversations()
let configuration = try sandbox.clientConfiguration()
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("popp-hub-bench-\(UUID().uuidString.prefix(8))")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }
let socket = scratch.appendingPathComponent("run/hub.sock").path

let hub = Process()
hub.executableURL = URL(fileURLWithPath: binary)
hub.arguments = ["hub", "--socket", socket]
var environment = ProcessInfo.processInfo.environment
environment["POPP_BASE_URL"] = configuration.baseURL.absoluteString
environment["POPP_ORGANIZATION_ID"] = configuration.organizationId
environment["POPP_API_KEY"] = sandbox.organization.apiKey
environment["XDG_STATE_HOME"] = scratch.appendingPathComponent("state").path
environment["XDG_CONFIG_HOME"] = scratch.appendingPathComponent("config").path
hub.environment = environment
let hubOut = Pipe()
hub.standardOutput = hubOut
try hub.run()
defer { hub.terminate() }
var ready = Data()
while !ready.contains(UInt8(ascii: "\n")) {
  let chunk = hubOut.fileHandleForReading.availableData
  if chunk.isEmpty { break }
  ready += chunk
}
print("  \(String(decoding: ready, as: UTF8.self).trimmingCharacters(in: .newlines)) (pid \(hub.processIdentifier), \(binary))")

let control = sandbox.control()
var consoles: [Console] = []
var rows: [String] = []
var singleFlagMedian = Double.nan
for count in [1, 10, 50] {
  while consoles.count < count { consoles.append(try await Console(socket: socket)) }
  let loaded = try await waitAll(consoles, timeout: 300) { !$0.isLoading && $0.index.count == 10_000 }
  print("\n\(count) console\(count == 1 ? "" : "s") attached (all showing 10,000 after \(String(format: "%.1f", loaded)) s)")
  // Idle: nothing changes, nobody has a thread open.
  try await Task.sleep(for: .seconds(10))
  try await control.resetStats()
  let before = hubUsage(hub.processIdentifier)
  try await Task.sleep(for: .seconds(window))
  let after = hubUsage(hub.processIdentifier)
  let stats = try await control.stats()
  let perMinute = Double(stats.totalRequests) / window * 60
  let cpu = (after.cpu - before.cpu) / window * 100
  print(
    "  idle over \(Int(window)) s: \(String(format: "%.1f", perMinute)) requests/minute at the sandbox; hub CPU \(String(format: "%.2f", cpu))% of a core, RSS \(String(format: "%.0f", after.rss)) MB"
  )

  var flags: [Double] = []
  var spreads: [Double] = []
  let live = consoles[0].read { state in state.index.conversations.filter { $0.conversationStatus.canStillChange && !$0.needsReview } }
  for trial in 0..<trials {
    try await Task.sleep(for: .milliseconds(Int.random(in: 0..<5_000)))
    let target = live[(trial * 7 + count) % live.count]
    _ = try await control.flag(conversationId: target.id, reason: "benchmark trial \(trial)")
    let seen = try await waitSpread(consoles) { $0.index.conversation(id: target.id)?.needsReview == true }
    flags.append(seen.last)
    spreads.append(seen.last - seen.first)
  }
  if count == 1 { singleFlagMedian = percentile(flags, 0.5) }
  print(
    "  a new flag on every console, \(trials) trials: median \(format(percentile(flags, 0.5))), p90 \(format(percentile(flags, 0.9))); first to last console: median \(format(percentile(spreads, 0.5))), max \(format(spreads.max() ?? .nan))"
  )

  var presence: [Double] = []
  if count > 1 {
    for trial in 0..<trials {
      let id = live[(trial * 13) % live.count].id
      let start = Date()
      consoles[0].link.present(Presence(conversationId: id))
      _ = try await waitAll([consoles[count - 1]]) { state in state.team.members.contains { $0.presence.conversationId == id } }
      presence.append(Date().timeIntervalSince(start))
      try await Task.sleep(for: .milliseconds(200))
    }
    consoles[0].link.present(Presence())
    print(
      "  presence from the first console to the last, \(trials) trials: median \(format(percentile(presence, 0.5))), p90 \(format(percentile(presence, 0.9)))"
    )
  }
  rows.append(
    "| \(count) | \(String(format: "%.1f", perMinute)) | \(format(percentile(flags, 0.5))) | \(format(percentile(spreads, 0.5))) | \(count > 1 ? format(percentile(presence, 0.5)) : "—") | \(String(format: "%.2f", cpu))% | \(String(format: "%.0f", after.rss)) MB |"
  )
}
print(
  "\n| consoles | requests/min at idle | new flag on every console (median) | first to last console (median) | presence (median) | hub CPU idle | hub RSS |"
)
print("|---|---|---|---|---|---|---|")
for row in rows { print(row) }
print(
  "single-console flag median \(format(singleFlagMedian)); goals: requests at 50 ≤ 1.1× at 1, flag ≤ single + 300 ms, presence ≤ 500 ms, CPU ≤ 2%, RSS ≤ 150 MB"
)
for console in consoles { await console.link.stop() }
await sandbox.stop()
