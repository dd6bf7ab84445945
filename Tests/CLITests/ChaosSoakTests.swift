import Foundation
import PoppAPI
import Testing

/// The console driven for minutes against a sandbox at high speed whose faults change every
/// phase: 50 % server errors, a rate limit of 20 requests a minute, 1.5 s of latency, 30 % of
/// POSTs answered by a dropped connection after the server acted, 30 % of answers truncated
/// JSON, then none. Meanwhile it is used: lists navigated, threads opened, conversations taken
/// over, replies typed and sent, conversations handed back. At the end:
///
/// - the console never died, and quits with 0 leaving the terminal restored;
/// - STALE (or OFFLINE) showed while faults lasted, and the banner cleared by itself after them
///   ("updated N s ago");
/// - its memory (VmRSS, sampled every minute) did not grow by more than 20 % after the first minute;
/// - every reply it showed as sent is on the server exactly once, and none of those typed is
///   there twice (replies shown NOT SENT are retried with C-r once the faults are gone).
///
/// Too long for `swift test` (a fault phase must outlast the rate limit's minute): run it with
/// `scripts/hardening/chaos-soak.sh [--minutes 10]` (`--quick`: one cycle of 10 s phases).
@Suite(.serialized) struct ChaosSoakTests {
  @Test(.enabled(if: Hardening.number("HARDENING_CHAOS_MINUTES") != nil))
  func chaosSoak() async throws {
    try await offPool {
      let minutes = Hardening.number("HARDENING_CHAOS_MINUTES") ?? 1
      let phaseSeconds = Hardening.number("HARDENING_CHAOS_PHASE_SECONDS") ?? 30
      let speed = Hardening.number("HARDENING_CHAOS_SPEED") ?? 60
      let soak = try ChaosSoak(speed: speed)
      try soak.run(minutes: minutes, phaseSeconds: phaseSeconds)
    }
  }
}

final class ChaosSoak {
  struct Phase {
    var name: String
    /// The `PUT /sandbox/faults` body; nil clears them.
    var faults: String?
    /// The console cannot read its data then: STALE or OFFLINE must show.
    var bannerDue: Bool
  }

  static let phases = [
    Phase(name: "errorRate 0.5", faults: #"{"errorRate": 0.5}"#, bannerDue: true),
    Phase(name: "rateLimitPerMinute 20", faults: #"{"rateLimitPerMinute": 20}"#, bannerDue: true),
    Phase(name: "latencyMs 1500", faults: #"{"latencyMs": 1500}"#, bannerDue: false),
    Phase(
      name: "dropConnectionRate 0.3 after POST",
      faults: #"{"dropConnectionRate": 0.3, "dropConnectionPhase": "after", "methods": ["POST"]}"#, bannerDue: false),
    Phase(name: "malformedJsonRate 0.3", faults: #"{"malformedJsonRate": 0.3}"#, bannerDue: true),
    Phase(name: "none", faults: nil, bannerDue: false),
  ]

  let sandbox: SandboxProcess
  let http: SandboxHTTP
  let session: TmuxSession
  /// Conversations of our own, taken over before the console starts: they stay active.
  var targets: [(id: String, phone: String)] = []
  /// Targets that ended (handed back, the agent finished them): no longer writable.
  var ended: Set<String> = []
  let run = String(UUID().uuidString.prefix(4))

  // What happened.
  /// Replies typed and sent with Enter.
  var attempted: [String] = []
  var bannerSeen: [Int: Bool] = [:]
  /// Banners seen per phase (digits as #), and when each phase started and first looked fresh.
  var banners: [Int: Set<String>] = [:]
  var phaseStarted: [Int: Date] = [:]
  var freshAfter: [Int: Double] = [:]
  var rss: [(minute: Double, kilobytes: Int)] = []
  var sends = 0
  var handBacks = 0
  var opened = 0
  var failedOpens = 0
  var refusedAtEnter = 0
  /// Which conversation (by phone) each reply went to.
  var sentTo: [String: String] = [:]
  var started = Date()
  var died = false

  init(speed: Double) throws {
    sandbox = try SandboxProcess(["--speed", String(speed), "--demo-size", "60"])
    http = SandboxHTTP(sandbox)
    let campaigns = try PoppJSON.makeDecoder().decode(
      [Campaign].self, from: Data(try CLI.run(["campaigns", "list", "--json"], environment: sandbox.environment).stdout.utf8))
    let campaign = try #require(campaigns.first { $0.channel == .sms && $0.campaignStatus == .live })
    var targets: [(id: String, phone: String)] = []
    for index in 0..<10 {
      let phone = String(format: "+44770098%04d", index)
      let body = try JSONSerialization.data(withJSONObject: [
        "campaignId": campaign.id, "firstName": "Chaos", "lastName": "Target \(index)", "phoneNumber": phone,
      ])
      #expect(http.call("POST", "v1/conversations", body: body).status == 202)
      targets.append(("", phone))
    }
    // Once started (ONGOING), taken over: the agent goes quiet and they stay open for replies.
    Thread.sleep(forTimeInterval: max(60 / speed, 0.5))
    let listed = try PoppJSON.makeDecoder().decode(
      [Conversation].self,
      from: Data(try CLI.run(["conversations", "list", "--campaign", campaign.id, "--json"], environment: sandbox.environment).stdout.utf8))
    for index in targets.indices {
      let conversation = try #require(listed.first { $0.participantPhoneNumber == targets[index].phone })
      targets[index].id = conversation.id
      let takeover = try CLI.run(["conversations", "takeover", conversation.id], environment: sandbox.environment)
      #expect(takeover.status == 0, "\(conversation.conversationStatus): \(takeover.stderr)")
    }
    self.targets = targets
    session = try TmuxSession(
      columns: 140, rows: 40, arguments: "--poll-thread 1 --poll-head 2 --poll-active 2",
      config: "[polling]\nbackoff-cap = 10\n", environment: sandbox.environment.filter { $0.key != "XDG_STATE_HOME" })
  }

  deinit {
    http.call("DELETE", "sandbox/faults")
    _ = sandbox.stop()
  }

  // MARK: Driving

  /// The screen once `predicate` holds (nil after `seconds`); every capture is sampled.
  @discardableResult
  func poll(_ seconds: Double, phase: Int, _ predicate: (String) -> Bool) throws -> String? {
    let deadline = Date().addingTimeInterval(seconds)
    repeat {
      let screen = try sample(phase: phase)
      if predicate(screen) { return screen }
      Thread.sleep(forTimeInterval: 0.1)
    } while Date() < deadline
    return nil
  }

  func sample(phase: Int) throws -> String {
    let screen = try session.screen()
    if session.exitStatus != nil && !died {
      died = true
      Issue.record("the console exited (\(session.exitStatus ?? "?")) in phase \(phase); the screen was:\n\(screen)")
    }
    let status = String(screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast().last ?? "")
    if status.contains("STALE ·") || status.contains("OFFLINE ·") {
      bannerSeen[phase] = true
      let shape = status.replacing(/[0-9]+/, with: "#").trimmingCharacters(in: .whitespaces)
      if banners[phase, default: []].count < 6 { banners[phase, default: []].insert(String(shape.prefix(110))) }
    } else if status.contains(" updated "), freshAfter[phase] == nil, let start = phaseStarted[phase] {
      freshAfter[phase] = Date().timeIntervalSince(start)
    }
    return screen
  }

  func escape(_ times: Int = 1) throws {
    for _ in 0..<times {
      try session.send("Escape")
      Thread.sleep(forTimeInterval: 0.3)  // Escape then a key would read as Alt-key
    }
  }

  /// From anywhere to one of our conversations' thread, by its phone number.
  func open(_ target: (id: String, phone: String), phase: Int) throws -> String? {
    // Esc backs out of anything (an overlay, the composer, the thread, a filter) to the campaigns
    // pane, where g picks "All campaigns" and 1 the All tab; there Enter moves to the list and Enter opens.
    try escape(5)
    try session.send("g")
    try session.send("1")
    try session.send("/")
    try session.send("-l", String(target.phone.dropFirst()))
    guard try poll(5, phase: phase, { $0.contains("1 match") }) != nil else { return try failedOpen("the filter") }
    try session.send("Enter")
    try session.send("Enter")
    try session.send("Enter")
    guard let thread = try poll(8, phase: phase, { $0.contains("Target ") && $0.contains(" speaking") && $0.contains("·  +44770098") })
    else { return try failedOpen("the thread") }
    opened += 1
    // A thread opened before keeps its scroll position; the replies on their way are at its end.
    try session.send("End")
    return try poll(5, phase: phase) { $0.firstMatch(of: /↓ [0-9]+ more/) == nil } ?? thread
  }

  private func failedOpen(_ what: String) throws -> String? {
    failedOpens += 1
    if failedOpens == 1 { Hardening.report("chaos: first failed open (\(what)); the screen was:\n\(try session.screen())") }
    return nil
  }

  /// Opens a conversation, takes it over if needed, types a reply and sends it; now and then hands back.
  func reply(phase: Int, random: inout SplitMix) throws {
    guard let target = targets.filter({ !ended.contains($0.phone) }).randomElement(using: &random),
      try open(target, phase: phase) != nil
    else { return }
    try session.send("r")
    let composing: (String) -> Bool = { $0.contains("Reply to ") && $0.contains("YOU are speaking") }
    guard let next = try poll(8, phase: phase, { composing($0) || $0.contains("Take over first") || $0.contains("Cannot write") })
    else { return }
    if next.contains("Cannot write") {
      ended.insert(target.phone)
      return
    }
    if !composing(next) {
      try session.send("y")
    }
    // Keys typed anywhere but the composer would be commands: type only once it shows.
    guard try poll(15, phase: phase, composing) != nil else { return }
    sends += 1
    let body = "chaos \(run) \(sends) 日本 🎉"
    try session.send("C-a", "C-k")  // a draft left by an earlier try
    try session.send("-l", "--", body)
    guard try poll(5, phase: phase, { $0.contains("chaos \(run) \(sends) ") && $0.contains("Reply to ") }) != nil else { return }
    try session.send("Enter")
    // Sent (the composer closes, the reply shows in the thread) or refused with the draft kept:
    // a hand-back asked for earlier can land meanwhile ("Not sent: … no longer taken over").
    let after = try poll(10, phase: phase) { ($0.contains(body) && !$0.contains("Reply to Chaos")) || $0.contains("no longer taken over") }
    if after?.contains("no longer taken over") == true {
      refusedAtEnter += 1
      return
    }
    attempted.append(body)
    sentTo[body] = target.phone
    if Int.random(in: 0..<6, using: &random) == 0 {
      try escape()
      try session.send("h")
      guard try poll(5, phase: phase, { $0.contains("Hand back") && $0.contains("y yes") }) != nil else { return }
      try session.send("y")
      handBacks += 1
    }
  }

  func navigate(phase: Int, random: inout SplitMix) throws {
    try escape(2)
    for _ in 0..<Int.random(in: 2...6, using: &random) {
      try session.send(["j", "k", "j", "Tab", "1", "2", "3", "4", "5", "6", "G", "g", "Enter", "PgDn"].randomElement(using: &random)!)
      _ = try sample(phase: phase)
    }
  }

  /// How many times the server holds each of our replies.
  func storedReplies() throws -> [String: Int] {
    var stored: [String: Int] = [:]
    for target in targets {
      let messages = try PoppJSON.makeDecoder().decode(
        [Message].self,
        from: Data(try CLI.run(["conversations", "messages", target.id, "--json"], environment: sandbox.environment).stdout.utf8))
      for message in messages where message.sender == .user && message.body.hasPrefix("chaos \(run) ") {
        stored[message.body, default: 0] += 1
      }
    }
    return stored
  }

  /// The replies shown NOT SENT on a screen, with the reason shown.
  static func notSent(in screen: String) -> [String: String] {
    let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var found: [String: String] = [:]
    for (index, row) in rows.enumerated() where index + 1 < rows.count {
      guard let reason = row.firstMatch(of: /NOT SENT: (.*)$/), let body = rows[index + 1].firstMatch(of: /chaos \S+ [0-9]+ 日本 🎉/)
      else { continue }
      found[String(body.0)] = String(reason.1).trimmingCharacters(in: .whitespaces)
    }
    return found
  }

  func sampleMemory() throws {
    guard let pid = Int(try session.consolePid()),
      let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
      let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    else { return }
    rss.append((Date().timeIntervalSince(started) / 60, kilobytes))
  }

  // MARK: The run

  func run(minutes: Double, phaseSeconds requested: Double) throws {
    try session.wait(for: "the first load", seconds: 60) { $0.contains("need review") && $0.contains("updated") }
    let seed = Hardening.seed()
    var random = SplitMix(seed: seed)
    let cycles = max(1, Int((minutes * 60 / (requested * Double(Self.phases.count))).rounded()))
    let phaseSeconds = minutes * 60 / Double(cycles * Self.phases.count)
    Hardening.report(
      "chaos: seed \(seed), \(cycles) cycles of \(Self.phases.count) phases of \(Int(phaseSeconds)) s, sandbox speed in force")
    started = Date()
    var nextMemorySample = Date()
    let memoryEvery = min(60, minutes * 60 / 6)
    var step = 0
    for cycle in 0..<cycles {
      for (offset, phase) in Self.phases.enumerated() {
        let index = cycle * Self.phases.count + offset
        phaseStarted[index] = Date()
        if let faults = phase.faults {
          #expect(http.call("PUT", "sandbox/faults", json: faults).status == 200)
        } else {
          #expect(http.call("DELETE", "sandbox/faults").status == 204)
        }
        let end = Date().addingTimeInterval(phaseSeconds)
        while Date() < end && !died {
          if Date() >= nextMemorySample {
            try sampleMemory()
            nextMemorySample = nextMemorySample.addingTimeInterval(memoryEvery)
          }
          step += 1
          if step % 3 == 0 { try navigate(phase: index, random: &random) } else { try reply(phase: index, random: &random) }
        }
        Hardening.report(
          "  phase \(index) \(phase.name): "
            + (bannerSeen[index] == true ? "banners \(banners[index, default: []].sorted())" : "no banner")
            + (freshAfter[index].map { String(format: ", fresh after %.0f s", $0) } ?? ""))
        if died { break }
      }
      if died { break }
    }
    try sampleMemory()
    let cleared = Date()

    // After the faults: the banner goes by itself.
    try escape(3)
    let recovered = try poll(90, phase: -1) { screen in
      let status = screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast().last ?? ""
      return !status.contains("STALE") && !status.contains("OFFLINE") && status.firstMatch(of: /updated [0-9] s ago/) != nil
    }
    let finalScreen = try session.screen()
    #expect(recovered != nil, "the banner did not clear after the faults; the screen was:\n\(finalScreen)")
    Hardening.report(
      "chaos: fresh again (\"updated N s ago\") \(Int(Date().timeIntervalSince(cleared))) s after the last faulty phase ended")

    // Replies the outbox gave up on during the faults: C-r, as a recruiter would (taking the
    // conversation over again if it was handed back since), until none is left or it cannot be.
    var retried = 0
    var reasons: Set<String> = []
    var unsendable: [String: String] = [:]
    for target in targets where !died {
      guard try open(target, phase: -1) != nil else {
        Issue.record("could not open \(target.phone) after the soak; the screen was:\n\(try session.screen())")
        continue
      }
      // Replies left NOT SENT show under the messages, so only once they have loaded, and at the
      // thread's end (a CI run once looked while the thread was still scrolled up, missed two
      // and counted them lost).
      try session.send("End")
      var screen =
        try poll(30, phase: -1) {
          !$0.contains("Loading messages") && !$0.contains("sending…") && !$0.contains("queued…")
            && $0.firstMatch(of: /↓ [0-9]+ more/) == nil
        } ?? (try session.screen())
      var tries = 0
      while !Self.notSent(in: screen).isEmpty && tries < 6 {
        tries += 1
        let before = Self.notSent(in: screen)
        reasons.formUnion(before.values.map { $0.replacing(/[0-9a-f-]{36}/, with: "ID") })
        if screen.contains("AGENT is speaking") {
          try session.send("t")
          let taken = try poll(10, phase: -1) { $0.contains("YOU are speaking") || $0.contains("y yes") }
          if taken?.contains("y yes") == true { try session.send("y") }
          guard try poll(10, phase: -1, { $0.contains("YOU are speaking") }) != nil else { break }
        }
        try session.send("C-r")
        retried += 1
        screen =
          try poll(20, phase: -1) { Self.notSent(in: $0).count < before.count && !$0.contains("sending…") } ?? (try session.screen())
      }
      unsendable.merge(Self.notSent(in: screen)) { $1 }
    }
    if !reasons.isEmpty { Hardening.report("chaos: NOT SENT reasons seen: \(reasons.sorted())") }
    if !unsendable.isEmpty {
      Hardening.report("chaos: left NOT SENT (their conversation could not be taken over again): \(unsendable.sorted { $0.key < $1.key })")
    }

    // Before quitting: what the console shows where a reply is missing from the server.
    let storedSoFar = try storedReplies()
    for body in attempted where storedSoFar[body] == nil && unsendable[body] == nil {
      guard let phone = sentTo[body], let target = targets.first(where: { $0.phone == phone }), try open(target, phase: -1) != nil
      else { continue }
      Hardening.report("chaos: \(body) is not on the server; its thread (\(target.id)) shows:\n\(try session.screen())")
    }

    try escape(3)
    try session.send("q")
    try session.wait(for: "exit") { _ in session.exitStatus != nil }
    #expect(session.exitStatus == "0", "the console quits with 0 after the soak")
    try TerminalGuardian.checkRestored(session)

    // The console's own account of its sends.
    if let log = try? String(contentsOf: session.home.appendingPathComponent("state/popp-console/audit.log"), encoding: .utf8) {
      let entries = log.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
      let outcomes = Dictionary(grouping: entries) { "\($0["action"] ?? "?") \(($0["outcome"] ?? "?").prefix(40))" }.mapValues(\.count)
      Hardening.report("chaos: audit log: \(outcomes.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" })")
      for entry in entries where entry["action"] == "send" && entry["outcome"] != "ok" {
        Hardening.report("  \(entry["time"] ?? "") \(entry["conversation"] ?? "") \(entry["outcome"] ?? "") (\(entry["detail"] ?? ""))")
      }
    }

    // The server's view: each reply once.
    let stored = try storedReplies()
    let duplicated = stored.filter { $0.value > 1 }
    let missing = attempted.filter { stored[$0] == nil && unsendable[$0] == nil }
    #expect(duplicated.isEmpty, "replies stored more than once: \(duplicated)")
    // NOT SENT is the truth, unless it says it could not tell.
    let shownUnsentButStored = unsendable.filter { stored[$0.key] != nil && !$0.value.contains("could not check") }
    #expect(shownUnsentButStored.isEmpty, "replies shown NOT SENT that the server holds: \(shownUnsentButStored)")
    #expect(missing.isEmpty, "replies sent (and retried with C-r if NOT SENT) but not on the server: \(missing.sorted())")
    #expect(Set(stored.keys).isSubset(of: Set(attempted)), "the server holds replies nobody typed")

    // Every phase with faults that hide the data showed a banner, and (given time) each kind of fault its own.
    for (index, phase) in (0..<cycles * Self.phases.count).map({ ($0, Self.phases[$0 % Self.phases.count]) }) where phase.bannerDue {
      #expect(bannerSeen[index] == true, "phase \(index) (\(phase.name)) never showed STALE or OFFLINE")
    }
    if cycles >= 2 {
      let seen = banners.values.flatMap { $0 }
      for reason in ["server error (#)", "rate limited (#)", "invalid response"] {
        #expect(seen.contains { $0.contains(reason) }, "no banner ever said \(reason)")
      }
    }

    let kilobytes = rss.map(\.kilobytes)
    let warm = rss.first { $0.minute >= 1 }?.kilobytes ?? kilobytes.first ?? 0
    let growth = warm > 0 ? Double((kilobytes.last ?? 0) - warm) / Double(warm) : 0
    Hardening.report(
      "chaos: \(String(format: "%.1f", Date().timeIntervalSince(started) / 60)) min, \(opened) threads opened (\(failedOpens) failed), \(attempted.count) replies sent (\(refusedAtEnter) refused at Enter, draft kept), "
        + "\(stored.count) stored (\(duplicated.count) twice), \(retried) C-r retries, \(handBacks) hand-backs")
    Hardening.report(
      "chaos: VmRSS first \(kilobytes.first ?? 0) kB, after 1 min \(warm) kB, last \(kilobytes.last ?? 0) kB, max \(kilobytes.max() ?? 0) kB "
        + "(\(String(format: "%+.1f", growth * 100)) % since the first minute; samples \(kilobytes))")
    if minutes >= 3 {
      #expect(growth <= 0.2, "memory grew \(String(format: "%.0f", growth * 100)) % after the first minute")
    }
  }
}
