import ConsoleCore
import ConsoleUI
import Foundation
import Testing

/// Thousands of random keys (navigation, paging, tabs, the composer, overlays) with the service's
/// answers played back, at sizes from the smallest the console draws to a large window, with
/// resizes in between. Written after the chaos soak saw the console die (SIGILL): whatever the
/// sequence, every frame is drawn without trapping, and the cursor (the composer's) is placed
/// on the screen.
@Suite struct RandomKeysTests {
  static let keys: [Key] = [
    .character("j"), .character("k"), .up, .down, .pageDown, .pageUp, .home, .end, .character("g"), .character("G"),
    .tab, .backTab, .enter, .escape, .character("1"), .character("2"), .character("3"), .character("4"), .character("5"),
    .character("6"), .character("n"), .character("N"), .character("t"), .character("h"), .character("y"), .character("r"),
    .character("T"), .character("d"), .character("o"), .character("v"), .character("?"), .character("/"), .character("A"),
    .character("x"), .character("日"), .character("🎉"), .backspace, .left, .right, .altEnter, .control("r"),
    .control("l"), .character("E"), .character("D"),
  ]

  @Test(arguments: [1, 2, 3, 4])
  func randomKeysNeverTrapAndTheCursorStaysOnScreen(seed: UInt64) {
    Self.play(seed: seed, steps: 1500)
  }

  /// The long version (`scripts/hardening/random-keys.sh`): HARDENING_KEY_SEEDS sequences of
  /// HARDENING_KEY_STEPS keys, from HARDENING_SEED on. A trap ends the process, naming the seed
  /// last reported.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["HARDENING_KEY_SEEDS"] != nil))
  func manyRandomKeySequences() throws {
    let environment = ProcessInfo.processInfo.environment
    let seeds = UInt64(environment["HARDENING_KEY_SEEDS"] ?? "") ?? 100
    let steps = Int(environment["HARDENING_KEY_STEPS"] ?? "") ?? 3000
    let first = UInt64(environment["HARDENING_SEED"] ?? "") ?? UInt64.random(in: 1...1_000_000)
    let report = environment["HARDENING_REPORT"].map { URL(fileURLWithPath: $0) }
    func note(_ line: String) throws {
      guard let report else { return }
      let handle = try FileHandle(forWritingTo: report)
      try handle.seekToEnd()
      try handle.write(contentsOf: Data((line + "\n").utf8))
      try handle.close()
    }
    let started = Date()
    for seed in first..<(first + seeds) {
      try note("random keys: seed \(seed)…")
      Self.play(seed: seed, steps: steps)
    }
    try note(
      "random keys: \(seeds) sequences of \(steps) keys from seed \(first), no trap, the cursor on screen; "
        + String(format: "%.1f s", Date().timeIntervalSince(started)))
  }

  static func play(seed: UInt64, steps: Int) {
    var random = Generator(seed: seed)
    var state = ConsoleFixture.state()
    TextWidth.prepareLocale()
    let renderer = Renderer()
    let sizes = [(6, 30), (24, 80), (12, 40), (40, 120), (60, 200), (7, 31), (30, 100)]
    var size = sizes[Int(seed) % sizes.count]
    let screen = MemoryScreen(rows: size.0, columns: size.1)
    var sent = 0
    for step in 0..<steps {
      if random.next(below: 150) == 0 {
        size = sizes[random.next(below: sizes.count)]
        screen.resize(rows: size.0, columns: size.1)
      }
      state.resize(to: screen.size)
      let key = Self.keys[random.next(below: Self.keys.count)]
      var effects = state.handle(key)
      // The service's answers, at once: threads load, take-overs and hand-backs land, replies fail or go.
      while !effects.isEmpty {
        let effect = effects.removeFirst()
        switch effect {
        case .loadMessages(let id):
          effects += state.apply(.messagesLoaded(conversationId: id, messages: Self.messages(for: id, count: random.next(below: 80))))
        case .takeOver(let id), .handBack(let id):
          var conversations = Array(state.index.conversations)
          if let position = conversations.firstIndex(where: { $0.id == id }) {
            conversations[position].isHumanTakeover = effect == .takeOver(conversationId: id)
          }
          let changed = conversations.first { $0.id == id } ?? conversations[0]
          effects += state.apply(.conversationChanged(index: ConversationIndex(conversations), conversation: changed, note: "changed"))
        case .send(let id, let content):
          sent += 1
          var entry = OutboxEntry(id: "o\(sent)", conversationId: id, content: content, createdAt: ConsoleFixture.now)
          entry.state = random.next(below: 2) == 0 ? .failed : .sending
          entry.error = "rate limited (429)"
          effects += state.apply(.outgoing(entry))
        default:
          break
        }
      }
      if random.next(below: 40) == 0 {
        let problem = SyncHealth.Problem(
          isOffline: false, reason: "server error (500)", nextRetryAt: ConsoleFixture.now.addingTimeInterval(9))
        _ = state.apply(.health(SyncHealth(updatedAt: ConsoleFixture.now, problem: random.next(below: 2) == 0 ? problem : nil)))
      }
      renderer.render(state, on: screen, now: ConsoleFixture.now)
      if let cursor = screen.cursor, !(0..<size.0).contains(cursor.row) || !(0..<size.1).contains(cursor.column) {
        Issue.record("seed \(seed), step \(step), key \(key), \(size.1)×\(size.0): the cursor is placed at \(cursor)")
        break
      }
    }
  }

  static func messages(for conversationId: String, count: Int) -> [Message] {
    let bodies = [
      "Yes", "はい、大丈夫です 👍", ConsoleFixture.hostileBody, String(repeating: "long line ", count: 60),
      "two\nlines", String(repeating: "字", count: 300), "",
    ]
    return (0..<count).map { index in
      Message(
        id: "\(conversationId)-\(index)", conversationId: conversationId, body: bodies[index % bodies.count],
        sender: [.agent, .candidate, .user, .system][index % 4], status: .delivered,
        createdAt: ConsoleFixture.now.addingTimeInterval(Double(index - count) * 60))
    }
  }

  /// SplitMix64: the same keys for the same seed.
  struct Generator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(below bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
  }
}
