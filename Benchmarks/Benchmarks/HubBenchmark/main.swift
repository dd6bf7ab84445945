import BenchmarkFixtures
import ConsoleCore
import Foundation
import PoppHub
import PoppSandbox
import Synchronization

// Issue 14's figures: a `popp-console hub` process polls a sandbox of 10,000 conversations (200 live) for 1, 10 and
// 50 attached consoles. Each console here is the console's own hub backend (`HubLink` feeding a session and an
// `AppState`, as the UI loop does), without the terminal; then 1 and 10 real console processes in ptys (tmux),
// read from their screens. Printed: requests per minute reaching the sandbox at idle,
// a new flag's time until every console shows it, presence's time from one console to another, and the hub
// process's CPU and resident memory.
// Run: swift build -c release (at the root); cd Benchmarks && swift run -c release HubBenchmark [window-seconds] [trials]
// (into a file: `stdbuf -oL` keeps the lines coming as they are printed).

let arguments = CommandLine.arguments.dropFirst().compactMap(Double.init)
let window = arguments.first ?? 120
let trials = Int(arguments.dropFirst().first ?? 15)
/// `protocol` runs only the consoles without terminals, `ptys` only the real console processes; both by default.
let parts = Set(CommandLine.arguments.dropFirst().filter { Double($0) == nil })
let runsProtocolConsoles = parts.isEmpty || parts.contains("protocol")
let runsPtys = parts.isEmpty || parts.contains("ptys")
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
/// Conversations not yet flagged, each flagged once across the whole run (a flagged one would be "seen" at once).
var targets: [String] = []
@MainActor func nextTarget() -> String { targets.removeFirst() }

/// A flag raised `lead` seconds before the hub's next poll of the grid it polls on (start to start every 5 s): the
/// poll that saw the previous flag started just before `previousSeen`. Each trial then waits the same part of an
/// interval, so the rows differ only by what the consoles add, not by where in the interval a flag happened to land.
func phaseLockedDelay(after previousSeen: Date, lead: Double = 1.0) -> Double {
  let next = previousSeen.addingTimeInterval(5 - lead)
  var wait = next.timeIntervalSinceNow
  while wait < 0.2 { wait += 5 }
  return wait
}
var rows: [String] = []
var singleFlagMedian = Double.nan
var singleLockedMedian = Double.nan
for count in runsProtocolConsoles ? [1, 10, 50] : [] {
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
  var locked: [Double] = []
  targets = consoles[0].read { state in
    state.index.conversations.filter { $0.conversationStatus.canStillChange && !$0.needsReview }.map(\.id)
  }
  var lastSeen = Date()
  for trial in 0..<(2 * trials) {
    let isLocked = trial >= trials
    let wait = isLocked ? phaseLockedDelay(after: lastSeen) : Double.random(in: 0..<5)
    try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
    let target = nextTarget()
    let raised = Date()
    _ = try await control.flag(conversationId: target, reason: "benchmark trial \(trial)")
    let seen = try await waitSpread(consoles) { $0.index.conversation(id: target)?.needsReview == true }
    lastSeen = raised.addingTimeInterval(seen.first)
    if isLocked {
      locked.append(seen.last)
    } else {
      flags.append(seen.last)
      spreads.append(seen.last - seen.first)
    }
  }
  if count == 1 { (singleFlagMedian, singleLockedMedian) = (percentile(flags, 0.5), percentile(locked, 0.5)) }
  print(
    "  a new flag on every console, \(trials) trials: median \(format(percentile(flags, 0.5))), p90 \(format(percentile(flags, 0.9))); first to last console: median \(format(percentile(spreads, 0.5))), max \(format(spreads.max() ?? .nan))"
  )
  print(
    "  the same, raised 1 s before the hub's next poll, \(trials) trials: median \(format(percentile(locked, 0.5))), p90 \(format(percentile(locked, 0.9)))"
  )

  var presence: [Double] = []
  if count > 1 {
    let opened = consoles[0].read { state in state.index.conversations.prefix(trials).map(\.id) }
    for trial in 0..<trials {
      let id = opened[trial % opened.count]
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
    "| \(count) | \(String(format: "%.1f", perMinute)) | \(format(percentile(flags, 0.5))) | \(format(percentile(locked, 0.5))) | \(format(percentile(spreads, 0.5))) | \(count > 1 ? format(percentile(presence, 0.5)) : "—") | \(String(format: "%.2f", cpu))% | \(String(format: "%.0f", after.rss)) MB |"
  )
}
if !runsProtocolConsoles {
  let observer = try await Console(socket: socket)
  _ = try await waitAll([observer], timeout: 300) { !$0.isLoading && $0.index.count == 10_000 }
  targets = observer.read { state in
    state.index.conversations.filter { $0.conversationStatus.canStillChange && !$0.needsReview }.map(\.id)
  }
  await observer.link.stop()
}
let leftForScreens = targets
let reader = HTTPPoppClient(configuration: configuration)
for console in consoles { await console.link.stop() }
if runsProtocolConsoles {
  print(
    "\n| consoles | requests/min at idle | new flag on every console (median) | the same, phase-locked (median) | first to last console (median) | presence (median) | hub CPU idle | hub RSS |"
  )
  print("|---|---|---|---|---|---|---|---|")
  for row in rows { print(row) }
  print(
    "single-console flag median \(format(singleFlagMedian)), phase-locked \(format(singleLockedMedian)); goals: requests at 50 ≤ 1.1× at 1, flag ≤ single + 300 ms, presence ≤ 500 ms, CPU ≤ 2%, RSS ≤ 150 MB"
  )
}

// Real console processes in ptys: what a recruiter's terminal shows, read with capture-pane.
targets = leftForScreens
let screenTrials = max(trials / 2, 5)
let terminals = TmuxConsoles(home: scratch.appendingPathComponent("terminals"))
defer { terminals.stop() }
var screenRows: [String] = []
for count in runsPtys ? [1, 10] : [] {
  while terminals.names.count < count { try terminals.add(binary: binary, socket: socket) }
  let attachedAt = Date()
  for index in 0..<count {
    // The tab bar, which no status-bar notice covers.
    while !terminals.screen(index).contains("1 All 10000") {
      guard Date().timeIntervalSince(attachedAt) < 300 else { throw CancellationError() }
      try await Task.sleep(for: .milliseconds(100))
    }
  }
  print(
    "\n\(count) real console\(count == 1 ? "" : "s") in ptys (120×40) attached (all showing 10,000 after \(String(format: "%.1f", Date().timeIntervalSince(attachedAt))) s)"
  )
  try await Task.sleep(for: .seconds(10))
  try await control.resetStats()
  let before = hubUsage(hub.processIdentifier)
  try await Task.sleep(for: .seconds(window))
  let after = hubUsage(hub.processIdentifier)
  let perMinute = Double(try await control.stats().totalRequests) / window * 60
  let cpu = (after.cpu - before.cpu) / window * 100
  print(
    "  idle over \(Int(window)) s: \(String(format: "%.1f", perMinute)) requests/minute at the sandbox; hub CPU \(String(format: "%.2f", cpu))%"
  )

  var flags: [Double] = []
  var locked: [Double] = []
  var lastSeen = Date()
  for trial in 0..<(2 * screenTrials) {
    let isLocked = trial >= screenTrials
    let wait = isLocked ? phaseLockedDelay(after: lastSeen) : Double.random(in: 0..<5)
    try await Task.sleep(for: .milliseconds(Int(wait * 1000)))
    let baseline = (0..<count).map { TmuxConsoles.reviewCount(terminals.screen($0)) ?? 0 }
    let raised = Date()
    // Read first: the simulated agent may have flagged a target by itself since the list was made.
    var target = nextTarget()
    while (try? await reader.conversation(id: target))?.needsReview != false { target = nextTarget() }
    do {
      _ = try await control.flag(conversationId: target, reason: "benchmark screen trial \(trial)")
    } catch {
      print("  (trial \(trial): the flag of \(target) failed: \(error); not counted)")
      continue
    }
    var pending = Set(0..<count)
    var first: Double?
    // The Review count moves on every screen (the simulated agent may move it too, either way: any change counts).
    while !pending.isEmpty && Date().timeIntervalSince(raised) < 30 {
      for index in pending.sorted() where TmuxConsoles.reviewCount(terminals.screen(index)) != baseline[index] {
        pending.remove(index)
        if first == nil { first = Date().timeIntervalSince(raised) }
      }
      if !pending.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
    }
    guard pending.isEmpty else {
      print("  (trial \(trial): \(pending.count) screen(s) never changed their Review count within 30 s; not counted)")
      continue
    }
    let last = Date().timeIntervalSince(raised)
    lastSeen = raised.addingTimeInterval(first ?? last)
    if isLocked { locked.append(last) } else { flags.append(last) }
  }
  print(
    "  a new flag on every screen: \(screenTrials) trials, median \(format(percentile(flags, 0.5))), p90 \(format(percentile(flags, 0.9))); raised 1 s before the hub's next poll: median \(format(percentile(locked, 0.5))), p90 \(format(percentile(locked, 0.9)))"
  )

  var presence: [Double] = []
  if count > 1 {
    // The first console opens a row, then the next (a console has one conversation open, so opening the next is
    // what moves its presence); the last shows `@` on that row (both lists are in the same order). The list's first
    // row is the screen's fourth line (title bar, pane title, tabs).
    for trial in 0..<screenTrials {
      if trial > 0 {
        terminals.send(0, "Escape")
        try await Task.sleep(for: .milliseconds(300))
        terminals.send(0, "j")
        try await Task.sleep(for: .milliseconds(200))
      }
      let start = Date()
      terminals.send(0, "Enter")
      func marked() -> Bool {
        let lines = terminals.screen(count - 1).split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count > 3 + trial && lines[3 + trial].contains("@")
      }
      while !marked() {
        guard Date().timeIntervalSince(start) < 30 else { throw CancellationError() }
        try await Task.sleep(for: .milliseconds(5))
      }
      presence.append(Date().timeIntervalSince(start))
    }
    print(
      "  presence from the first screen to the last, \(screenTrials) trials: median \(format(percentile(presence, 0.5))), p90 \(format(percentile(presence, 0.9)))"
    )
  }
  screenRows.append(
    "| \(count) in ptys | \(String(format: "%.1f", perMinute)) | \(format(percentile(flags, 0.5))) | \(format(percentile(locked, 0.5))) | \(count > 1 ? format(percentile(presence, 0.5)) : "—") | \(String(format: "%.2f", cpu))% | \(String(format: "%.0f", after.rss)) MB |"
  )
}
print(
  "\n| consoles | requests/min at idle | new flag on every screen (median) | the same, phase-locked (median) | presence, screen to screen (median) | hub CPU idle | hub RSS |"
)
print("|---|---|---|---|---|---|---|")
for row in screenRows { print(row) }
await sandbox.stop()
