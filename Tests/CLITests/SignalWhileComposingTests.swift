import Foundation
import PoppAPI
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Signals at random moments while a reply is being typed. For each round a fresh conversation
/// is taken over, `r` opens the composer, a text with CJK, accents and emoji is typed, and a
/// signal arrives 0–300 ms into the typing. Then:
///
/// - SIGHUP, SIGTERM, SIGINT (kill -INT and the Ctrl-C key): the console exits 128+signal, the
///   terminal is restored, and after a restart the draft holds at least every character the
///   composer had shown before the signal (drafts are flushed on those exits);
/// - SIGKILL: after a restart the draft holds at least what the composer showed 1.25 s before
///   the kill (the saver writes at most a second behind);
/// - SIGSEGV, SIGABRT (a crash) and SIGQUIT (Ctrl-\): the terminal is restored, the exit status
///   is the signal's, and the draft is as after SIGKILL.
///
/// In every case the draft is the start of what was typed, never anything else. The long version
/// (`scripts/hardening/signal-rounds.sh N`) runs N random rounds and reports the figures.
@Suite(.serialized) struct SignalWhileComposingTests {
  @Test func oneRoundOfEachSignalWhileTyping() async throws {
    try await offPool {
      let harness = try ComposingHarness(conversations: SignalKind.allCases.count)
      let seed = Hardening.seed()
      var random = SplitMix(seed: seed)
      Hardening.report("signals: seed \(seed)")
      var results: [RoundResult] = []
      for (round, kind) in SignalKind.allCases.enumerated() {
        // A killed or crashed console has had a second and a half since the first part: it must be on disk.
        let pause = kind == .kill || kind == .segv ? 1.5 : 0
        results.append(try harness.round(round, kind: kind, pause: pause, random: &random))
      }
      RoundResult.report(results, title: "signals (one round each)")
    }
  }

  @Test(.enabled(if: Hardening.number("HARDENING_SIGNAL_ROUNDS") != nil))
  func randomRoundsOfSignalsWhileTyping() async throws {
    try await offPool {
      let rounds = Int(Hardening.number("HARDENING_SIGNAL_ROUNDS") ?? 1)
      let harness = try ComposingHarness(conversations: rounds)
      let seed = Hardening.seed()
      var random = SplitMix(seed: seed)
      Hardening.report("signals: seed \(seed), \(rounds) rounds")
      var results: [RoundResult] = []
      for round in 0..<rounds {
        let kind = SignalKind.allCases.randomElement(using: &random)!
        let pause = Bool.random(using: &random) ? 0 : Double.random(in: 0...1.6, using: &random)
        results.append(try harness.round(round, kind: kind, pause: pause, random: &random))
      }
      RoundResult.report(results, title: "signals (\(rounds) random rounds)")
    }
  }
}

/// How the signal is delivered: `kill` to the console's pid, or keys typed into the terminal
/// (its line discipline raises the signal).
enum SignalKind: String, CaseIterable {
  case hup = "SIGHUP", term = "SIGTERM", int = "SIGINT", ctrlC = "Ctrl-C", kill = "SIGKILL"
  case segv = "SIGSEGV", abrt = "SIGABRT", ctrlBackslash = "Ctrl-\\"

  var number: Int32 {
    switch self {
    case .hup: SIGHUP
    case .term: SIGTERM
    case .int, .ctrlC: SIGINT
    case .kill: SIGKILL
    case .segv: SIGSEGV
    case .abrt: SIGABRT
    case .ctrlBackslash: SIGQUIT
    }
  }

  /// Exits through the console's own loop, which writes the drafts first.
  var flushes: Bool { [.hup, .term, .int, .ctrlC].contains(self) }
  /// Leaves the terminal as it was: everything but SIGKILL.
  var restores: Bool { self != .kill }
}

struct RoundResult {
  var kind: SignalKind
  /// Characters typed, shown by the composer at the signal, and found in the draft afterwards.
  var typed: Int
  var shown: Int
  var restored: Int
  var failed: Bool

  static func report(_ results: [RoundResult], title: String) {
    Hardening.report("\(title): \(results.count) rounds, \(results.filter(\.failed).count) failed")
    for kind in SignalKind.allCases {
      let mine = results.filter { $0.kind == kind }
      guard !mine.isEmpty else { continue }
      let loss = mine.map { $0.typed - $0.restored }.max() ?? 0
      let lossOfShown = mine.map { max($0.shown - $0.restored, 0) }.max() ?? 0
      Hardening.report(
        "  \(kind.rawValue): \(mine.count) rounds, \(mine.filter(\.failed).count) failed, worst loss \(loss) typed characters "
          + "(\(lossOfShown) of those the composer had shown), typed \(mine.map(\.typed).min()!)–\(mine.map(\.typed).max()!)")
    }
  }
}

/// A sandbox process with a conversation per round, and the console in tmux against it (its
/// drafts in the session's own state folder, so they outlive the console).
final class ComposingHarness {
  let sandbox: SandboxProcess
  let session: TmuxSession
  /// One conversation per round, open for replies: phone number and candidate's name.
  let phones: [String]
  let names: [String]

  init(conversations: Int) throws {
    sandbox = try SandboxProcess()
    let http = SandboxHTTP(sandbox)
    let campaigns = try PoppJSON.makeDecoder().decode(
      [Campaign].self, from: Data(try CLI.run(["campaigns", "list", "--json"], environment: sandbox.environment).stdout.utf8))
    let campaign = try #require(campaigns.first { $0.channel == .sms && $0.campaignStatus == .live })
    // More than needed: some candidates cannot be reached (DELIVERY_FAILED) and cannot be taken over.
    for index in 0..<(conversations * 3 / 2 + 4) {
      let body = try JSONSerialization.data(withJSONObject: [
        "campaignId": campaign.id, "firstName": "Signal", "lastName": "Round \(index)",
        "phoneNumber": String(format: "+44770099%04d", index),
      ])
      let answer = http.call("POST", "v1/conversations", body: body)
      #expect(answer.status == 202, "\(answer.text)")
    }
    // Half a minute of simulated time: the new conversations start (ONGOING), so they can be taken over.
    #expect(http.call("POST", "sandbox/clock/advance", json: #"{"seconds": 30}"#).status == 200)
    let listed = try PoppJSON.makeDecoder().decode(
      [Conversation].self,
      from: Data(try CLI.run(["conversations", "list", "--campaign", campaign.id, "--json"], environment: sandbox.environment).stdout.utf8))
    let open = listed.filter { $0.conversationStatus == .ongoing && $0.participantName.hasPrefix("Signal Round ") }
      .sorted { ($0.participantPhoneNumber ?? "") < ($1.participantPhoneNumber ?? "") }.prefix(conversations)
    try #require(open.count == conversations, "\(open.count) conversations open for replies, \(conversations) needed")
    phones = open.map { $0.participantPhoneNumber ?? "" }
    names = open.map { String($0.participantName.dropFirst("Signal ".count)) }
    session = try TmuxSession(
      columns: 80, rows: 24, arguments: "--poll-thread 0.5 --poll-head 0.5 --poll-active 0.5",
      environment: sandbox.environment.filter { $0.key != "XDG_STATE_HOME" })
  }

  deinit { _ = sandbox.stop() }

  static let alphabet = Array("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ 0123456789 .,!?-' éüñçåø 日本語中文字 한국어 🎉😀🚀👍 ")

  /// Opens the conversation of round `round` from a fresh console and returns the composer's screen.
  private func openComposer(_ round: Int, takeOver: Bool) throws -> String {
    let first = try session.wait(for: "the console", seconds: 30) {
      $0.contains("need review") && $0.contains(" Campaigns ") || $0.contains("Signal Round")
    }
    if first.contains(" Campaigns ") { try session.send("Enter") }  // after a failed round: back to the list
    try session.send("/")
    try session.send("-l", String(phones[round].dropFirst()))
    try session.wait(for: "the filter") { $0.contains("1 match") }
    try session.send("Enter")
    try session.send("Enter")
    try session.wait(for: "the thread of round \(round)") { $0.contains("\(names[round]) ") && $0.contains(" speaking") }
    try session.send("r")
    if takeOver {
      try session.wait(for: "the offer to take over") { $0.contains("Take over first") }
      try session.send("y")
    }
    return try session.wait(for: "the composer") { $0.contains("YOU are speaking") && Self.composer($0) != nil }
  }

  /// The composer's character count and text (wrapped lines joined, blanks dropped), if it is open.
  static func composer(_ screen: String) -> (count: Int, text: String)? {
    let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let title = rows.lastIndex(where: { $0.contains("Reply to ") }),
      let match = rows[title].firstMatch(of: /· ([0-9,]+) characters?\s/),
      let count = Int(match.1.replacing(",", with: ""))
    else { return nil }
    let text = rows[(title + 1)...].dropLast(2).joined().filter { !$0.isWhitespace }
    return (count, count == 0 ? "" : text)
  }

  func round(_ round: Int, kind: SignalKind, pause: Double, random: inout SplitMix) throws -> RoundResult {
    var ok = true
    var screen = try openComposer(round, takeOver: true)
    #expect(Self.composer(screen)?.count == 0, "round \(round): the composer starts empty")

    // The first part at once, shown before the rest.
    let text = (0..<150).map { _ in Self.alphabet.randomElement(using: &random)! }
    let first = Int.random(in: 0...30, using: &random)
    var shownAt: [(time: Date, count: Int)] = [(Date(), 0)]
    if first > 0 {
      try session.send("-l", "--", String(text[..<first]))
      screen = try session.wait(for: "the first part") { Self.composer($0)?.count == first }
      shownAt.append((Date(), first))
    }
    if pause > 0 { Thread.sleep(forTimeInterval: pause) }

    // Then key by key, a fast typist's 60–70 a second, and the signal 0–300 ms in.
    let delay = Double.random(in: 0...0.3, using: &random)
    let start = Date()
    var typed = first
    while Date().timeIntervalSince(start) < delay && typed < text.count {
      try session.send("-l", "--", String(text[typed]))
      typed += 1
      Thread.sleep(forTimeInterval: 0.01)
      if typed % 4 == 0, let shown = Self.composer(try session.screen())?.count { shownAt.append((Date(), shown)) }
    }
    let shown = Self.composer(try session.screen())?.count ?? 0
    shownAt.append((Date(), shown))
    let signalled = Date()
    switch kind {
    case .ctrlC: try session.send("C-c")
    case .ctrlBackslash: try session.send("C-\\")
    default: #expect(kill(pid_t(try session.consolePid()) ?? 0, kind.number) == 0)
    }
    try session.wait(for: "the console gone after \(kind.rawValue)") { _ in session.exitStatus != nil }
    let status = session.exitStatus
    ok = ok && status == String(128 + kind.number)
    #expect(status == String(128 + kind.number), "round \(round): \(kind.rawValue) exits \(128 + kind.number), not \(status ?? "?")")
    if kind.restores { ok = try TerminalGuardian.checkRestored(session, afterCrash: !kind.flushes) && ok }
    if kind.restores && !kind.flushes {
      // A crash says so on the terminal, and its log says which signal it was.
      let log = session.home.appendingPathComponent("state/popp-console/popp-console.log")
      let joined = try session.tmux(["capture-pane", "-p", "-J", "-t", "console"])  // the notice is longer than a line
      let noticed = joined.contains("popp-console ended on a fatal signal; what happened is at the end of \(log.path)")
      let logged = (try? String(contentsOf: log, encoding: .utf8))?.contains("popp-console: fatal signal \(kind.number)\n") == true
      ok = ok && noticed && logged
      #expect(noticed, "round \(round): \(kind.rawValue) tells where to look")
      #expect(logged, "round \(round): \(kind.rawValue) is in the log")
    }

    // What must have reached the disk: everything shown (a flushing exit), else what was shown
    // 1.25 s before the signal.
    let required =
      kind.flushes ? shown : shownAt.filter { $0.time <= signalled.addingTimeInterval(-1.25) }.map(\.count).max() ?? 0
    if kind == .kill {
      // The killed console could not put the terminal's title back; the terminal's user would.
      try session.tmux(["select-pane", "-t", "console", "-T", try session.value("#{host}")])
    }
    try session.restart()
    screen = try openComposer(round, takeOver: false)
    let restored = Self.composer(screen) ?? (-1, "")
    let expected = String(text.prefix(max(restored.count, 0))).filter { !$0.isWhitespace }
    ok = ok && restored.count >= required && restored.count <= typed && restored.text == expected
    #expect(
      restored.count >= required && restored.count <= typed,
      "round \(round), \(kind.rawValue): the draft has \(restored.count) characters; \(required) were due, \(typed) typed")
    #expect(
      restored.text == expected, "round \(round), \(kind.rawValue): the draft is \"\(restored.text)\", not the start of the text typed")

    // Back to the list, its filter cleared, for the next round.
    for _ in 0..<3 {
      try session.send("Escape")
      Thread.sleep(forTimeInterval: 0.3)  // Escape then a key would read as Alt-key
    }
    try session.wait(for: "the list") { !$0.contains("1 match") && !$0.contains("Reply to ") }
    return RoundResult(kind: kind, typed: typed, shown: shown, restored: restored.count, failed: !ok)
  }
}
