import Foundation
import PoppAPI
import Testing

/// Hostile text from the server, in a real terminal: a campaign, a candidate's name, a review
/// reason and every message of `Tests/Fixtures/hostile-messages.jsonl` (escape sequences of
/// every family, raw C1 controls, bidi overrides, zero-width joiners, 10,000-character lines,
/// lone surrogates…) reach the console through a sandbox process. Whatever page of the thread
/// is on screen, the terminal must be exactly as the console left it: same title, same modes,
/// no clipboard write, no bell, the panes' borders in their columns, and the same cells after a
/// full repaint (C-l) as after the console's own incremental updates. After quitting, the
/// terminal is as it was before. The CLI prints the same texts without a control byte.
///
/// The long version (`scripts/hardening/injection-fuzz.sh`) runs `fuzzedHostileText` with
/// `HARDENING_INJECTION_ROUNDS` rounds of messages spliced at random from the corpus.
@Suite(.serialized) struct TerminalInjectionTests {
  @Test func hostileTextStaysInertInTheConsoleAndTheCLI() async throws {
    try await offPool {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let corpus = try HostileCorpus.load()
      #expect(corpus.count >= 40)
      let world = try HostileWorld(sandbox: sandbox)
      let phone = "+447400900456"
      let conversation = try world.createConversation(phone: phone)
      var refused: [String] = []
      for entry in corpus {
        let answer = world.http.call("POST", "sandbox/conversations/\(conversation)/candidate-messages", body: entry.json)
        if answer.status == 400 && entry.mayBeRefused {
          refused.append(entry.name)
        } else {
          #expect(answer.status == 201, "\(entry.name): \(answer.status) \(answer.text)")
        }
      }
      let delivered = corpus.filter { !refused.contains($0.name) }
      world.flag(conversation)
      Hardening.report("injection: \(corpus.count) corpus messages, \(delivered.count) delivered, refused by the sandbox: \(refused)")

      // Tall, so that the long messages take few pages.
      let session = try TmuxSession(
        columns: 200, rows: 100, arguments: "--poll-thread 0.5 --poll-head 0.5 --poll-active 0.5",
        environment: sandbox.environment.filter { $0.key != "XDG_STATE_HOME" }, tmuxConfig: "set -s set-clipboard on\n")
      var guardian = try TerminalGuardian(session: session) { $0.contains("Mal␛]0;PWNED-NAME␇␛[31mory") }
      try session.send("/")
      try session.send("-l", "7400900456")
      try session.wait(for: "the filter") { $0.contains("/ 7400900456") && $0.contains("1 match") }
      try session.send("Enter")
      try session.send("Enter")
      var screen = try session.wait(for: "the hostile thread") { $0.contains(delivered.last!.marker) }
      #expect(screen.contains("⚑ Needs review: ␛]2;PWNED-REASON␇reason ␛[5m"), "the review reason, inert")
      #expect(screen.contains("Camp␛]2;PWNED-CAMPAIGN␇␛[41m�aign"), "the campaign title, inert")
      // An open thread is read with more room: the borders move once, then must hold on every page.
      try guardian.relearn()

      // Page up through the whole thread, checking every page.
      let pages = try guardian.pageThrough(untilScreenShows: delivered.first!.marker)
      for entry in delivered {
        #expect(pages.contains { $0.contains(entry.marker) }, "\(entry.name) (\(entry.marker)) was never on screen")
      }
      // What a user sees of the most blatant ones: the sequence, spelled out.
      let expected: [String: String] = [
        "csi-clear-home": "␛[2J␛[H␛[3J CLEARED?", "osc0-title-bel": "␛]0;PWNED-TITLE-0␇ title?",
        "osc52-clipboard-bel": "␛]52;c;cHduZWQ=␇ clipboard?", "osc8-hyperlink": "␛]8;;https://evil.example/login␛\\click",
        "c1-8bit-sequences": "�31m�2J�2;PWNED-C1�", "bidi-overrides": "�exe.txt� �isolate� �rtl� �fsi�",
        "dcs-tmux-passthrough": "␛Ptmux;␛␛]52;c;cHduZWQ=␇", "unterminated-osc": "␛]2;PWNED-UNTERMINATED never ended",
      ]
      for (name, text) in expected {
        let marker = try #require(corpus.first { $0.name == name }).marker
        #expect(pages.contains { $0.contains("\(marker) \(text)") }, "\(name) shows as \(text)")
      }
      Hardening.report("injection: \(pages.count) pages of the hostile thread checked at 200×100")

      // Every field of the campaign, over the panes.
      try session.send("v")
      screen = try session.wait(for: "the campaign view") { $0.contains("Licence?␛]52;c;cHduZWQ=␇") }
      try guardian.check(screen, layout: false)
      try session.send("Escape")
      try session.wait(for: "the campaign view closed") { !$0.contains("Licence?␛]52") }

      // One pane at a time, at 80×24.
      try session.tmux(["resize-window", "-t", "console", "-x", "80", "-y", "24"])
      screen = try session.wait(for: "the stacked layout") { !$0.contains(" Campaigns ") && $0.contains("Thread ") }
      try guardian.relearn()
      try session.send("End")
      screen = try session.wait(for: "the newest message") { $0.contains(delivered.last!.marker) }
      try guardian.check(screen)
      try session.send("PgUp")
      try guardian.check(try session.wait(for: "a page up") { $0 != screen })

      try guardian.quitAndCheckRestored()

      // The CLI: the same texts, not one control byte.
      for arguments in [
        ["conversations", "messages", conversation], ["conversations", "messages", conversation, "--json"],
        ["conversations", "show", conversation], ["conversations", "list", "--campaign", world.campaign],
        ["campaigns", "show", world.campaign], ["campaigns", "list"], ["overview"],
      ] {
        let result = try CLI.run(arguments, environment: sandbox.environment)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(ControlBytes.find(in: result.stdoutBytes).isEmpty, "\(arguments) printed \(ControlBytes.find(in: result.stdoutBytes))")
      }
      let table = try CLI.run(["conversations", "messages", conversation], environment: sandbox.environment).stdout
      for entry in delivered {
        #expect(table.contains(entry.marker), "\(entry.name) is printed")
      }
      #expect(table.contains("␛]52;c;cHduZWQ=␇ clipboard?"))
    }
  }

  @Test(.enabled(if: Hardening.number("HARDENING_INJECTION_ROUNDS") != nil))
  func fuzzedHostileText() async throws {
    try await offPool {
      let rounds = Int(Hardening.number("HARDENING_INJECTION_ROUNDS") ?? 1)
      let perRound = Int(Hardening.number("HARDENING_INJECTION_MESSAGES") ?? 25)
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let world = try HostileWorld(sandbox: sandbox)
      let fragments = try HostileCorpus.load().compactMap(\.body)
      let seed = Hardening.seed()
      var random = SplitMix(seed: seed)
      Hardening.report("injection fuzz: seed \(seed), \(rounds) rounds of \(perRound) messages")
      let session = try TmuxSession(
        columns: 200, rows: 50, arguments: "--poll-thread 0.5 --poll-head 0.5 --poll-active 0.5",
        environment: sandbox.environment.filter { $0.key != "XDG_STATE_HOME" }, tmuxConfig: "set -s set-clipboard on\n")
      var guardian = try TerminalGuardian(session: session) { _ in true }
      var pagesChecked = 0
      var messages = 0
      for round in 1...rounds {
        // A conversation of its own per round, found by its phone number.
        let phone = "+4474009\(String(format: "%05d", round))"
        let conversation = try world.createConversation(phone: phone, firstName: Fuzz.name(fragments, &random))
        let markers = (1...perRound).map { "[[f\(round)-\($0)]]" }
        for marker in markers {
          let body = marker + " " + Fuzz.message(fragments, &random)
          let json = try JSONSerialization.data(withJSONObject: ["body": body])
          let answer = world.http.call("POST", "sandbox/conversations/\(conversation)/candidate-messages", body: json)
          #expect(answer.status == 201, "round \(round): \(answer.status) \(answer.text)")
        }
        messages += perRound
        let (columns, rows) = [(200, 50), (120, 40), (160, 30)][round % 3]
        try session.tmux(["resize-window", "-t", "console", "-x", String(columns), "-y", String(rows)])
        if round > 1 {
          // From the thread back to the list, then clear its filter.
          try session.send("Escape")
          Thread.sleep(forTimeInterval: 0.3)  // Escape then a key would read as Alt-key
          try session.send("Escape")
          Thread.sleep(forTimeInterval: 0.3)
        }
        try session.send("/")
        try session.send("-l", String(phone.dropFirst()))
        try session.wait(for: "the filter, round \(round)", seconds: 30) { $0.contains("1 match") }
        try session.send("Enter")
        try session.send("Enter")
        try session.wait(for: "the thread, round \(round)", seconds: 30) { $0.contains(markers.last!) }
        try guardian.relearn()
        let pages = try guardian.pageThrough(untilScreenShows: markers.first!)
        pagesChecked += pages.count
        for marker in markers where !pages.contains(where: { $0.contains(marker) }) {
          Issue.record("round \(round): \(marker) was never on screen")
        }
      }
      try guardian.quitAndCheckRestored()
      Hardening.report("injection fuzz: \(rounds) rounds, \(messages) messages, \(pagesChecked) pages checked")
    }
  }
}

/// A hostile campaign and conversations in a sandbox process, through its API and control surface.
struct HostileWorld {
  let http: SandboxHTTP
  let campaign: String
  let sandbox: SandboxProcess

  init(sandbox: SandboxProcess) throws {
    self.sandbox = sandbox
    http = SandboxHTTP(sandbox)
    let templates = try PoppJSON.makeDecoder().decode(
      [Template].self, from: Data(try CLI.run(["templates", "list", "--json"], environment: sandbox.environment).stdout.utf8))
    let opening = try #require(templates.first { $0.canOpen(channel: .sms, campaignType: .applicantOutreach) })
    let answer = http.call(
      "POST", "v1/campaigns",
      json: #"""
        {"campaignType": "APPLICANT_OUTREACH", "channel": "SMS", "closingMethod": "PHONE_NUMBER",
         "campaignTitle": "Camp\u001b]2;PWNED-CAMPAIGN\u0007\u001b[41m\u202eaign", "campaignDescription": "Drive \u001b[2J buses.",
         "company": "Metro\u009b31m", "location": "Leeds\u001b]8;;https://evil.example/\u001b\\", "contactNumber": "+441135550100",
         "openingMessageTemplateId": "\#(opening.id)", "campaignStatus": "LIVE",
         "questions": [{"questionType": "TEXT", "isMandatory": true, "content": "Licence?\u001b]52;c;cHduZWQ=\u0007"}]}
        """#)
    #expect(answer.status == 201, "\(answer.text)")
    campaign = try PoppJSON.makeDecoder().decode(Campaign.self, from: answer.body).id
  }

  /// A conversation whose candidate has a hostile name; returns its id.
  func createConversation(
    phone: String, firstName: String = "Mal\u{1B}]0;PWNED-NAME\u{07}\u{1B}[31mory",
    lastName: String = "\u{202E}Evil\u{9B}2J\u{1B}]52;c;cHduZWQ=\u{07} \u{1B}[?25l"
  ) throws -> String {
    let request = try JSONSerialization.data(withJSONObject: [
      "campaignId": campaign, "firstName": firstName, "lastName": lastName, "phoneNumber": phone,
    ])
    let answer = http.call("POST", "v1/conversations", body: request)
    #expect(answer.status == 202, "\(answer.text)")
    let listed = try PoppJSON.makeDecoder().decode(
      [Conversation].self,
      from: Data(try CLI.run(["conversations", "list", "--campaign", campaign, "--json"], environment: sandbox.environment).stdout.utf8))
    return try #require(listed.first { $0.participantPhoneNumber == phone }).id
  }

  func flag(_ conversation: String) {
    let answer = http.call(
      "POST", "sandbox/conversations/\(conversation)/flag", json: #"{"reason": "\u001b]2;PWNED-REASON\u0007reason \u001b[5m"}"#)
    #expect(answer.status == 200, "\(answer.text)")
  }
}

/// Watches a console's terminal: learns its layout and modes from the first paint, then checks
/// that every later screen keeps them.
struct TerminalGuardian {
  let session: TmuxSession
  private(set) var titleBar = ""
  private(set) var separators: [Int] = []
  private(set) var campaignsPane: [String] = []
  private(set) var modes: [String: String] = [:]
  private(set) var title = ""

  init(session: TmuxSession, firstPaint: (String) -> Bool) throws {
    self.session = session
    try session.wait(for: "the first paint", seconds: 30) { $0.contains("need review") && firstPaint($0) }
    try relearn()
    #expect(modes["alternate_on"] == "1" && modes["cursor_flag"] == "0", "the console's own modes: \(modes)")
    #expect(title.hasPrefix("popp-console"), "the console's own title: \(title)")
  }

  /// Learns the title bar, where the panes' borders are, the modes and the title (again after a
  /// resize or opening a thread, which move the borders and the scroll region).
  mutating func relearn() throws {
    let rows = try session.rows()
    titleBar = rows.first ?? ""
    separators = DisplayColumns.columns(of: "│", in: rows[1])
    let columns = Int(try session.value("#{pane_width}")) ?? 0
    #expect(separators.count == (columns >= 120 ? 2 : 0), "pane borders: \(rows[1])")
    campaignsPane = separators.isEmpty ? [] : rows.dropFirst().dropLast().map { String($0.prefix(while: { $0 != "│" })) }
    modes = try session.modes()
    title = try session.value("#{pane_title}")
  }

  /// The title bar, the borders, the modes, the title, the clipboard and the bell as learnt.
  func check(_ screen: String, layout: Bool = true, location: SourceLocation = #_sourceLocation) throws {
    let height = Int(try session.value("#{pane_height}")) ?? 0
    let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).prefix(height).map(String.init)
    let columns = Int(try session.value("#{pane_width}")) ?? 0
    #expect(rows.first == titleBar, "the title bar is intact", sourceLocation: location)
    for (index, row) in rows.enumerated() {
      #expect(DisplayColumns.width(row) <= columns, "row \(index) is wider than the terminal: \(row)", sourceLocation: location)
      guard layout, index > 0, index < rows.count - 1, !separators.isEmpty else { continue }
      let found = DisplayColumns.columns(of: "│", in: row)
      #expect(
        separators.allSatisfy(found.contains), "row \(index): borders at \(found), not \(separators): \(row)", sourceLocation: location)
      if index - 1 < campaignsPane.count {
        #expect(
          row.prefix(while: { $0 != "│" }) == campaignsPane[index - 1], "row \(index): the campaigns pane changed", sourceLocation: location
        )
      }
    }
    try checkTerminal(location: location)
  }

  private func checkTerminal(location: SourceLocation) throws {
    let now = try session.modes()
    #expect(now == modes, "the terminal's modes changed: \(now.filter { modes[$0.key] != $0.value })", sourceLocation: location)
    #expect(try session.value("#{pane_title}") == title, "the title changed", sourceLocation: location)
    let buffers = try session.pasteBuffers()
    #expect(buffers.isEmpty, "something reached the clipboard: \(buffers)", sourceLocation: location)
  }

  /// Pages up from the bottom of the open thread until `marker` shows, checking each page and
  /// that a full repaint (C-l) draws exactly what the incremental updates drew. Returns the pages.
  func pageThrough(untilScreenShows marker: String) throws -> [String] {
    try session.send("End")
    var screen = try session.wait(for: "the newest message") { $0.firstMatch(of: /↓ [0-9]+ more/) == nil || $0.contains(marker) }
    var pages: [String] = []
    while true {
      try check(screen)
      try session.send("C-l")
      let repainted = try session.wait(for: "the repaint") { _ in true }
      let threadColumn = (separators.last ?? 0) + 1
      let before = screen.split(separator: "\n").dropFirst().dropLast().map { DisplayColumns.suffix(of: String($0), from: threadColumn) }
      let after = repainted.split(separator: "\n").dropFirst().dropLast().map { DisplayColumns.suffix(of: String($0), from: threadColumn) }
      for (index, (was, is_)) in zip(before, after).enumerated() where was != is_ {
        Issue.record("row \(index + 1) changed on a full repaint: incremental updates left \"\(was)\", the repaint drew \"\(is_)\"")
      }
      pages.append(repainted)
      if repainted.contains(marker) || pages.count > 400 { break }
      try session.send("PgUp")
      screen = try session.wait(for: "page \(pages.count + 1)") { $0 != repainted }
      if screen == repainted { break }
    }
    return pages
  }

  /// Quits with q and checks that the terminal is as it was before the console started.
  func quitAndCheckRestored() throws {
    try session.send("Escape")
    Thread.sleep(forTimeInterval: 0.3)  // Escape then q would read as Alt-q
    try session.send("q")
    try session.wait(for: "exit") { _ in session.exitStatus != nil }
    #expect(session.exitStatus == "0")
    try TerminalGuardian.checkRestored(session)
  }

  /// The terminal as a shell expects it: main screen, cursor visible and home (nothing was printed
  /// before the console started), the host's title, sane line settings and default colours.
  /// `afterCrash`: the shell has printed its own line ("Segmentation fault…"), so the cursor moved.
  @discardableResult
  static func checkRestored(_ session: TmuxSession, afterCrash: Bool = false, location: SourceLocation = #_sourceLocation) throws
    -> Bool
  {
    var problems: [String] = []
    let modes = try session.modes()
    let height = Int(try session.value("#{pane_height}")) ?? 0
    let expected = [
      "alternate_on": "0", "cursor_flag": "1", "insert_flag": "0", "keypad_cursor_flag": "0", "keypad_flag": "0",
      "mouse_any_flag": "0", "mouse_all_flag": "0", "mouse_button_flag": "0", "mouse_standard_flag": "0", "mouse_sgr_flag": "0",
      "mouse_utf8_flag": "0", "origin_flag": "0", "wrap_flag": "1", "pane_mode": "", "window_bell_flag": "0",
      "scroll_region_upper": "0", "scroll_region_lower": String(height - 1),
    ]
    for (key, value) in expected.sorted(by: { $0.key < $1.key }) where modes[key] != value {
      problems.append("\(key) is \(modes[key] ?? "?"), not \(value)")
    }
    let cursor = try session.value("#{cursor_x},#{cursor_y}")
    if cursor != "0,0" && !afterCrash { problems.append("the cursor is at \(cursor), not back home") }
    let title = try session.value("#{pane_title}")
    if title != (try session.value("#{host}")) { problems.append("the title is still \"\(title)\"") }
    let buffers = try session.pasteBuffers()
    if !buffers.isEmpty { problems.append("something reached the clipboard: \(buffers)") }
    let history = try session.value("#{history_size}")
    if history != "0" && !afterCrash { problems.append("\(history) lines scrolled off the shell's screen") }
    let stty = try session.terminalSettings()
    for flag in ["icanon", "echo", "isig", "icrnl", "opost", "onlcr"]
    where stty.range(of: "(^|\\s)\(flag)(\\s|$)", options: .regularExpression) == nil {
      problems.append("stty: \(flag) is off")
    }
    // Typed now, text is echoed by the terminal in its current colours: they must be the defaults.
    try session.send("-l", "probe")
    try session.wait(for: "the echo") { $0.contains("probe") }
    let coloured = try session.tmux(["capture-pane", "-p", "-e", "-t", "console"])
    if coloured.contains("\u{1B}[") { problems.append("the echo is not in default colours: \(coloured.debugDescription)") }
    #expect(problems.isEmpty, "the terminal after exit: \(problems)", sourceLocation: location)
    return problems.isEmpty
  }
}

/// Bytes a terminal would act on: C0 controls but line feed, DEL, C1 controls (raw or UTF-8),
/// and the bidi controls.
enum ControlBytes {
  static func find(in data: Data) -> [String] {
    var found: Set<String> = []
    let bytes = [UInt8](data)
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte < 0x20 && byte != 0x0A || byte == 0x7F { found.insert(String(format: "0x%02X", byte)) }
      if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
        found.insert(String(format: "U+%04X", bytes[index + 1]))
      }
      if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80 || bytes[index + 1] == 0x81 {
        let scalar = 0x2000 + Int(bytes[index + 1] - 0x80) * 64 + Int(bytes[index + 2] & 0x3F)
        if (0x202A...0x202E).contains(scalar) || (0x2066...0x2069).contains(scalar) { found.insert(String(format: "U+%04X", scalar)) }
      }
      index += 1
    }
    // A byte 0x80–0x9F that is not inside a UTF-8 sequence is an 8-bit C1 control.
    if String(validating: bytes, as: UTF8.self) == nil { found.insert("invalid UTF-8") }
    return found.sorted()
  }
}

/// Random hostile messages spliced from the corpus.
struct SplitMix: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

enum Fuzz {
  /// Scalars that break things when they land in the wrong place.
  static let alphabet: [Unicode.Scalar] =
    [0x1B, 0x07, 0x08, 0x0D, 0x0A, 0x09, 0x9B, 0x9D, 0x90, 0x9C, 0x85, 0x202E, 0x2066, 0x2069, 0x200D, 0xFE0F, 0x0301, 0x20E3, 0x1F1EF]
    .compactMap(Unicode.Scalar.init) + Array("[];?0123456789PX^_\\ 日本語🎉👩🏽‍💻".unicodeScalars)

  static func message(_ fragments: [String], _ random: inout SplitMix) -> String {
    var text = String.UnicodeScalarView()
    for _ in 0..<Int.random(in: 1...6, using: &random) {
      if Bool.random(using: &random) {
        let scalars = Array(fragments.randomElement(using: &random)!.unicodeScalars)
        let start = Int.random(in: 0..<scalars.count, using: &random)
        let length = Int.random(in: 1...min(scalars.count - start, Int.random(in: 1...400, using: &random)), using: &random)
        text.append(contentsOf: scalars[start..<start + length])
      } else {
        for _ in 0..<Int.random(in: 1...30, using: &random) { text.append(alphabet.randomElement(using: &random)!) }
      }
    }
    return String(text)
  }

  static func name(_ fragments: [String], _ random: inout SplitMix) -> String {
    "Fuzz" + String(String.UnicodeScalarView(message(fragments, &random).unicodeScalars.prefix(40)))
  }
}
