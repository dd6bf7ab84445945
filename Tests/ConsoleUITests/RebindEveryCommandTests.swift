import ConsoleCore
import ConsoleUI
import Foundation
import Testing

/// Issue 13, item 3: every footer, prompt and flash that names a key takes it from the live bindings. Every command of
/// every key context is rebound from a config, through the loader as the console reads it, to an "old" set of keys and
/// then to a "new" one. Every screen is reached with the new keys and drawn at 80×24 and 160×40, first with the old
/// bindings and then, on the same renderer, with the new ones: no screen may show an old key, nor a default key where a
/// hint names one, and the hints show the new keys. On every screen the old keys and the defaults do nothing (in a
/// screen that takes text, a printable key is typed, never run).
///
/// The commands come from each context's default bindings, so a command or context added later is rebound and checked
/// too; the keys are Alt with a Cyrillic letter (old) or a Latin Extended letter (new), which nothing else on screen
/// shows.
@Suite struct RebindEveryCommandTests {
  static let old = KeySet(name: "old", letters: (Array(0x0400...0x0481) + Array(0x048A...0x04FF)).compactMap(KeySet.letter))
  static let new = KeySet(name: "new", letters: Array(0x0100...0x024F).compactMap(KeySet.letter))

  static let sizes = [(rows: 24, columns: 80), (rows: 40, columns: 160)]

  // MARK: The bindings

  @Test func everyCommandOfEveryContextIsReboundFromTheConfig() {
    for keys in [Self.old, Self.new] {
      #expect(keys.problems.isEmpty, "the \(keys.name) config: \(keys.problems)")
      for context in KeyContext.allCases {
        for (command, key) in keys.keys[context] ?? [] {
          #expect(
            keys.bindings[context].keys(for: command) == [key],
            "\(keys.name): \(context.rawValue).\(command.rawValue) is bound to \(keys.bindings[context].keys(for: command).map(\.notation)), not \(key.notation)"
          )
          #expect(keys.bindings.command(for: key, in: context.chain) == command, "\(keys.name): \(key.notation) in \(context.rawValue)")
        }
      }
    }
    #expect(Self.new.count == KeyContext.allCases.map { KeySet.commands(of: $0).count }.reduce(0, +))
    #expect(Self.new.count > 100, "every context's commands: \(Self.new.count)")
    // With the new keys, neither a default key nor an old one runs anything, in any context.
    for context in KeyContext.allCases {
      for key in Self.defaultKeys + Self.old.allKeys.map(\.key) {
        if let command = Self.new.bindings.command(for: key, in: context.chain) {
          Issue.record("\(key.notation) still runs \(command.rawValue) in \(context.rawValue)")
        }
      }
    }
  }

  // MARK: What the screens show

  @Test func noScreenShowsAnOldOrADefaultKeyAndTheHintsShowTheNewOnes() throws {
    TextWidth.prepareLocale()
    for scene in try Self.scenes(Self.new) {
      for size in Self.sizes {
        let screen = Self.draw(scene.state, rows: size.rows, columns: size.columns)
        let place = "\(scene.name) at \(size.columns)×\(size.rows)"
        for finding in Self.oldOrDefaultKeys(in: screen.text) {
          Issue.record(Comment(rawValue: "\(place) shows \(finding)\n\(screen.text)"))
        }
        let wanted = scene.hints + (size.columns >= 160 ? scene.wideHints : scene.narrowHints)
        for hint in wanted where !screen.text.contains(hint) {
          Issue.record("\(place) does not show the hint \"\(hint)\"\n\(screen.text)")
        }
      }
      // A flash is cut to the status bar's room: what it says in full names the keys too.
      if let flash = scene.state.flash {
        for finding in Self.oldOrDefaultKeys(in: flash) { Issue.record("\(scene.name): the flash \"\(flash)\" shows \(finding)") }
      }
      for hint in scene.flashHints where scene.state.flash?.contains(hint) != true {
        Issue.record("\(scene.name): the flash \"\(scene.state.flash ?? "")\" does not say \"\(hint)\"")
      }
    }
  }

  /// The composer's title line has room for only some of its keys at these sizes: all of them are the new ones.
  @Test func theComposerNamesItsNewKeys() {
    let keys = Self.new
    let composer = { (command: CommandName) in keys.notation(command, in: .composer) }
    #expect(
      ComposerView.hints(keys.bindings) == [
        "\(composer(ComposerCommands.send)) send", "\(composer(ComposerCommands.newline)) newline",
        "\(composer(ComposerCommands.leave)) keep draft", "\(composer(ComposerCommands.editExternally)) $EDITOR",
      ])
  }

  /// The help lists every panes' command with its new key, over the list and over the thread, at both sizes (scrolled
  /// through when it does not fit), and no old key.
  @Test func theHelpListsTheNewKeys() throws {
    TextWidth.prepareLocale()
    let scenes = try Self.scenes(Self.new).filter { $0.name.hasPrefix("help") }
    #expect(scenes.count == 4)
    for size in Self.sizes {
      for over in ["list", "thread"] {
        let text = scenes.filter { $0.name.contains(over) }.map { Self.draw($0.state, rows: size.rows, columns: size.columns).text }
          .joined(separator: "\n")
        for (command, key) in Self.new.keys[.global] ?? [] where !text.contains(key.notation + " ") {
          Issue.record("the help over the \(over) at \(size.columns)×\(size.rows) does not list \(key.notation) for \(command.rawValue)")
        }
      }
    }
  }

  // MARK: What the old keys do

  @Test func theOldKeysAndTheDefaultsDoNothingOnAnyScreen() throws {
    let newKeys = Set(Self.new.allKeys.map(\.key))
    var pressed: [Key] = []
    for key in Self.old.allKeys.map(\.key) + Self.defaultKeys where !newKeys.contains(key) && !pressed.contains(key) {
      pressed.append(key)
    }
    for scene in try Self.scenes(Self.new) {
      for key in pressed {
        Self.expectNothing(key, on: scene)
      }
    }
  }

  static func expectNothing(_ key: Key, on scene: Scene) {
    let before = scene.state
    var after = before
    let effects = after.handle(key)
    let place = "\(scene.name): \(key.notation)"
    let flashKept = after.flash == nil || after.flash == before.flash
    switch Typing(before) {
    case .none:
      #expect(effects.isEmpty, "\(place) asked for \(effects)")
      #expect(changes(before, after).isEmpty, "\(place) changed \(changes(before, after))")
      #expect(flashKept, "\(place) said \"\(after.flash ?? "")\"")
    case .closesOnAnyKey:
      // The help closes on any key it does not use, and lets the key act on what is under it: nothing, here.
      var closed = before
      closed.modes.removeLast()
      #expect(effects.isEmpty, "\(place) asked for \(effects)")
      #expect(changes(closed, after).isEmpty, "\(place) did more than close the help: \(changes(closed, after))")
      #expect(flashKept, "\(place) said \"\(after.flash ?? "")\"")
    case .text(let multiline):
      let (typed, typedEffects) = unbound(key, in: before)
      #expect(effects == typedEffects, "\(place) asked for \(effects)")
      #expect(changes(typed, after).isEmpty, "\(place) did something else than typing it: \(changes(typed, after))")
      #expect(kinds(after) == kinds(before), "\(place) opened or closed a screen: \(kinds(after))")
      let isText: Bool =
        switch key {
        case .character, .space: true
        case .enter, .altEnter: multiline
        default: false
        }
      if isText {
        #expect(typedText(after) != typedText(before), "\(place) was not typed")
      } else {
        #expect(typedText(after) == typedText(before), "\(place) changed the text to \(typedText(after) ?? "")")
      }
    case .typeAhead:
      // A letter on a form's choice jumps to the choice it starts; anything else does nothing.
      let (typed, typedEffects) = unbound(key, in: before)
      let expected = { if case .character = key { typed } else { before } }()
      #expect(effects == typedEffects && effects.isEmpty, "\(place) asked for \(effects)")
      #expect(changes(expected, after).isEmpty, "\(place) did something else than choosing by its letter: \(changes(expected, after))")
    }
  }

  /// What differs between two states, as a recruiter could tell (the flash apart, which any key clears).
  static func changes(_ expected: AppState, _ actual: AppState) -> [String] {
    zip(snapshot(expected), snapshot(actual)).compactMap { first, second in
      first.value == second.value ? nil : String("\(first.name): \(first.value) → \(second.value)".prefix(800))
    }
  }

  /// How the screen on top takes a key no binding claims.
  enum Typing {
    case none
    case closesOnAnyKey
    case text(multiline: Bool)
    case typeAhead

    init(_ state: AppState) {
      switch state.modes.last {
      case is ComposerMode: self = .text(multiline: true)
      case is PromptMode: self = .text(multiline: false)
      case is HelpMode: self = .closesOnAnyKey
      case let mode as FormMode where mode.form.confirmation == nil && !mode.form.isSubmitting:
        switch mode.form.focusedField?.kind {
        case .text?: self = .text(multiline: false)
        case .longText?: self = .text(multiline: true)
        case .choice?: self = .typeAhead
        default: self = .none
        }
      default: self = .none
      }
    }
  }

  /// What `handle` does with a key no binding claims: the screen on top types it, and may close and pass it on.
  static func unbound(_ key: Key, in state: AppState) -> (AppState, [Effect]) {
    var state = state
    var mode = state.activeMode
    let fromStack = !state.modes.isEmpty
    if fromStack { state.modes.removeLast() }
    let depth = state.modes.count
    let outcome = mode.type(key, console: &state)
    if fromStack && outcome.staysOpen { state.modes.insert(mode, at: min(depth, state.modes.count)) }
    guard outcome.passesKeyOn else { return (state, outcome.effects) }
    let (passed, more) = unbound(key, in: state)
    return (passed, outcome.effects + more)
  }

  static func typedText(_ state: AppState) -> String? {
    switch state.modes.last {
    case let mode as ComposerMode: mode.composer.text
    case let mode as PromptMode: mode.text
    case let mode as FormMode: mode.form.focusedField.map { mode.form.values[$0.key] }
    default: nil
    }
  }

  static func kinds(_ state: AppState) -> [String] { state.modes.map { String(describing: type(of: $0)) } }

  /// What a recruiter can tell about the console, but the flash (which any key clears).
  static func snapshot(_ state: AppState) -> [(name: String, value: AnyHashable)] {
    var state = state
    // A form's draft is JSON, its fields in no fixed order: compared as the values it holds.
    let uiEffects = state.takeUIEffects().map { effect in
      if case .saveDraft(let id, let text) = effect, id.hasPrefix("form:"),
        let values = try? JSONDecoder().decode(FormValues.self, from: Data(text.utf8))
      {
        return AnyHashable([AnyHashable(id), AnyHashable(values)])
      }
      return AnyHashable(effect)
    }
    let thread = state.thread.map { "\($0.conversationId) scrolled \($0.scrollBack) · \($0.messages.count) + \($0.outgoing.map(\.id))" }
    return [
      ("screens", AnyHashable(state.modes.map { ($0 as? AnyHashable) ?? AnyHashable(String(describing: $0)) })),
      ("focus", AnyHashable(state.focus)),
      ("campaign selection", AnyHashable(state.campaignSelection)),
      ("conversation selection", AnyHashable(state.conversationSelection)),
      ("status tab", AnyHashable(state.statusFilter)),
      ("text filter", AnyHashable(state.textFilter)),
      ("thread", AnyHashable(thread)),
      ("campaign details", AnyHashable(state.showCampaignDetails)),
      ("outcomes", AnyHashable(state.showOutcomes)),
      ("quit", AnyHashable(state.quitRequested)),
      ("profile", AnyHashable(state.switchToProfile)),
      ("drafts", AnyHashable(state.drafts)),
      ("form drafts", AnyHashable(state.formDrafts)),
      ("take-over in flight", AnyHashable(state.takeOverInFlight)),
      ("after take-over", AnyHashable(state.afterTakeOver.map { "\($0.conversationId) \($0.followUp)" })),
      ("UI effects", AnyHashable(uiEffects)),
    ]
  }

  // MARK: Reading the screen

  /// Every key of every context's defaults, each once.
  static let defaultKeys: [Key] = {
    var keys: [Key] = []
    for context in KeyContext.allCases {
      for (_, bound) in context.defaultBindings {
        for key in bound where !keys.contains(key) { keys.append(key) }
      }
    }
    return keys
  }()

  /// What on `text` names an old key, or a default key where a hint names a key.
  static func oldOrDefaultKeys(in text: String) -> [String] {
    var findings: [String] = []
    for character in text where old.letters.contains(character) {
      let owner = old.owner(of: .alt(character)) ?? "nothing"
      findings.append("the old key M-\(character) (\(owner))")
      break
    }
    let range = NSRange(text.startIndex..., in: text)
    for (pattern, what) in defaultKeyPatterns {
      for match in pattern.matches(in: text, range: range) {
        guard let found = Range(match.range, in: text) else { continue }
        findings.append("\(what) \"\(text[found].trimmingCharacters(in: .whitespaces))\"")
      }
    }
    return findings
  }

  /// Default keys as a hint names them. A key written with a name or a modifier ("Esc", "C-r", "PgDn") names a key
  /// wherever it stands; a one-character key ("t", "?", "1") only in a hint's place: before the words hints use
  /// ("t takes over", "j/k scroll", "1 All"), after "press", in brackets, or alone between dots.
  static let defaultKeyPatterns: [(NSRegularExpression, String)] = {
    let notations = Set(RebindEveryCommandTests.defaultKeys.map(\.notation))
    func alternatives(_ set: [String]) -> String {
      set.sorted { ($0.count, $0) > ($1.count, $1) }.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
    }
    let named = alternatives(notations.filter { $0.count > 1 })
    let single = alternatives(notations.filter { $0.count == 1 })
    var labels = [
      "closes", "close", "scroll", "help", "quit", "next review", "filter", "open", "edit", "edits", "start", "sends", "send",
      "choose", "chooses", "cancels", "cancel", "completes", "runs", "keeps", "clears", "reads", "submit", "next", "back", "newline",
      "keep draft", "$EDITOR", "yes", "no", "stop", "stops", "go on", "retries", "copies", "discards", "takes", "hands", "picks",
      "writes", "puts", "gives", "to leave", "for the list", "for all", "changes", "remove", "move", "jumps", "to read",
    ]
    labels += StatusFilter.allCases.map { $0.title.components(separatedBy: "/")[0] } + ["Review", "Taken", "Done", "Closed"]
    // The help's lines: a key, padded, then what its command does.
    var summaries: [String] = []
    for context in KeyContext.allCases {
      for (command, _) in context.defaultBindings {
        if let first = command.summary.split(separator: " ").first { summaries.append(String(first)) }
      }
    }
    let words = alternatives(Array(Set(labels)))
    let key = "(?:\(single))"
    let patterns = [
      ("(?<![\\p{L}\\p{N}\\-])(?:\(named))(?![\\p{L}\\p{N}\\-])", "the default key"),
      ("(?<![^\\s(\\[·])\(key)(?:/\(key))? (?:\(words))(?![\\p{L}\\p{N}])", "a default key in the hint"),
      ("(?<![^\\s])\(key) {2,}(?:\(alternatives(Array(Set(summaries)))))(?![\\p{L}\\p{N}])", "a default key in the help"),
      ("\\b[Pp]ress \(key)(?![\\p{L}\\p{N}])", "a default key in the hint"),
      ("\\(\(key):", "a default key in the hint"),
      ("(?<=· )\(key)(?= ·)", "a default key in the hint"),
      ("\\] \(key)  ", "a default key in the hint"),
    ]
    return patterns.map { (try! NSRegularExpression(pattern: $0.0), $0.1) }
  }()

  /// Draws the state as the old keys had it, then on the same renderer with the new keys: nothing the renderer kept
  /// between frames may hold on to the old ones.
  static func draw(_ state: AppState, rows: Int, columns: Int) -> MemoryScreen {
    let screen = MemoryScreen(rows: rows, columns: columns)
    let renderer = Renderer()
    var before = state
    before.bindings = old.bindings
    before.resize(to: screen.size)
    renderer.render(before, on: screen, now: ConsoleFixture.now)
    var after = state
    after.resize(to: screen.size)
    renderer.render(after, on: screen, now: ConsoleFixture.now)
    return screen
  }

  // MARK: The screens

  struct Scene {
    var name: String
    var state: AppState
    /// Hints it shows at every size, and only on a narrow or a wide one.
    var hints: [String] = []
    var narrowHints: [String] = []
    var wideHints: [String] = []
    /// What its flash says (in full, whatever the status bar has room for).
    var flashHints: [String] = []
  }

  static let templates = [
    Template(id: "t1", name: "Call you", channel: .whatsapp, type: .reply, campaignType: nil, body: "Hi! Can I call you today?"),
    Template(id: "t2", name: "Follow up", channel: .whatsapp, type: .followUp, campaignType: nil, body: "Any news?"),
  ]

  static let audit = [
    AuditEntry(
      time: ConsoleFixture.now, organization: "sandbox-org", conversation: "v4", action: .takeOver, outcome: "ok", user: "recruiter"),
    AuditEntry(
      time: ConsoleFixture.now, organization: "sandbox-org", conversation: "v4", action: .handBack, outcome: "failed: 409",
      user: "recruiter"),
  ]

  static let csv = Data("First name,Phone,External id\nAna,+14155550100,A1\nBob,+14155550101,B2\nCy,12,C3\n".utf8)

  static let results = [
    BulkRowResult(line: 2, contact: BulkContact(firstName: "Ana", externalId: "A1"), status: .queued, reason: nil),
    BulkRowResult(line: 4, contact: BulkContact(firstName: "Cy", externalId: "C3"), status: .invalid, reason: "not a phone number"),
  ]

  static func base(_ keys: KeySet, templates: [Template] = templates) -> AppState {
    var state = ConsoleFixture.state()
    _ = state.apply(.catalogUpdated(campaigns: ConsoleFixture.campaigns, templates: templates))
    state.bindings = keys.bindings
    _ = state.takeUIEffects()
    return state
  }

  /// Every screen, each reached from the panes by the keys of `keys` (which proves they work).
  static func scenes(_ keys: KeySet) throws -> [Scene] {
    let plan = try BulkPlan.prepare(data: csv, settings: BulkImportSettings(channel: .whatsapp))
    var scenes: [Scene] = []
    func k(_ command: CommandName, _ context: KeyContext = .global) -> String { keys.notation(command, in: context) }
    func scene(
      _ name: String, hints: [String] = [], narrow: [String] = [], wide: [String] = [], flash: [String] = [],
      from start: AppState? = nil, _ steps: (inout Driver) -> Void = { _ in }
    ) {
      var driver = Driver(state: start ?? base(keys), keys: keys, scene: name, plan: plan)
      steps(&driver)
      scenes.append(Scene(name: name, state: driver.state, hints: hints, narrowHints: narrow, wideHints: wide, flashHints: flash))
    }
    let paneHints = ["\(k(.help)) help", "\(k(.quit)) quit", "\(k(.nextReview)) next review"]

    // The panes.
    scene(
      "conversation list", hints: paneHints + ["\(k(.filterAll)) All", "\(k(.filterNeedsReview)) Review"],
      wide: ["\(k(.filter)) filter", "\(k(.open)) open", "press \(k(.open)) to read it. \(k(.nextReview))"])
    scene("campaigns pane with details", hints: paneHints) { driver in
      driver.selectCampaign("c1")
      driver.press(.toggleDetails)
    }
    scene("thread, agent speaking", hints: paneHints) { $0.open("v1") }
    scene("thread, taken over", hints: paneHints) { driver in
      driver.open("v4")
      driver.press(.toggleOutcomes)
    }
    scene("NOT SENT, conversation open", hints: paneHints, narrow: ["\(k(.retrySend)) retries, \(k(.editFailed)) edits"]) { driver in
      driver.open("v2")
      driver.fail("v2")
    }
    scene("NOT SENT, conversation ended", hints: paneHints, narrow: ["\(k(.editFailed)) copies, \(k(.discardFailed)) discards"]) { driver in
      driver.open("v5")
      driver.fail("v5")
    }
    scene(
      "sending again refused",
      flash: ["\(k(.editFailed)) puts the message back in the composer to copy; \(k(.discardFailed)) gives it up"]
    ) { driver in
      driver.open("v5")
      driver.fail("v5")
      driver.press(.retrySend)
    }
    scene("filtered to nothing", hints: ["(\(k(.back)) clears)", "Press \(k(.filterAll)) for all"]) { driver in
      driver.press(.filter)
      driver.type("zzzz")
      driver.press(PromptCommands.accept)
    }
    var offline = AppState(connection: base(keys).connection)
    offline.bindings = keys.bindings
    _ = offline.apply(
      .health(
        SyncHealth(
          updatedAt: nil,
          problem: SyncHealth.Problem(isOffline: true, reason: "connection refused", nextRetryAt: ConsoleFixture.now.addingTimeInterval(9)))
      ))
    scene(
      "nothing loaded, offline", hints: ["(\(k(.refresh)): now)"], narrow: ["(\(k(.refresh)) retries now)"], wide: ["(\(k(.refresh))"],
      from: offline)

    // Writing a reply.
    scene(
      "composer", hints: ["\(k(ComposerCommands.send, .composer)) send"], narrow: ["\(k(ComposerCommands.newline, .composer)) newline"]
    ) { driver in
      driver.open("v4")
      driver.press(.reply)
      driver.type("See you at nine")
    }
    scene("composer left with a draft", hints: paneHints, flash: ["Draft kept: \(k(.reply)) picks it up again."]) { driver in
      driver.open("v4")
      driver.press(.reply)
      driver.type("See you at nine")
      driver.press(ComposerCommands.leave)
    }
    scene("composer sending nothing", flash: ["or \(k(ComposerCommands.leave, .composer)) to leave"]) { driver in
      driver.open("v4")
      driver.press(.reply)
      driver.press(ComposerCommands.send)
    }
    scene("composer no longer taken over", flash: ["(\(k(.takeOver)) takes it over again)"]) { driver in
      driver.open("v4")
      driver.press(.reply)
      driver.type("See you at nine")
      driver.setTakenOver("v4", false)
      driver.press(ComposerCommands.send)
    }

    // The prompt line.
    let prompt = { (command: CommandName) in k(command, .prompt) }
    scene(
      "command prompt",
      hints: [
        "\(prompt(PromptCommands.complete)) completes", "\(prompt(PromptCommands.accept)) runs", "\(prompt(PromptCommands.cancel)) cancels",
      ]
    ) { driver in
      driver.press(.commandPrompt)
      driver.type("he")
    }
    scene("unknown command", flash: ["press \(k(.help)) for the list"]) { driver in
      driver.press(.commandPrompt)
      driver.type("zzz")
      driver.press(PromptCommands.accept)
    }
    scene("filter prompt", hints: ["\(prompt(PromptCommands.accept)) keeps", "\(prompt(PromptCommands.cancel)) clears"]) { driver in
      driver.press(.filter)
      driver.type("Zo")
    }
    scene(
      "CSV path prompt",
      wide: [
        "\(prompt(PromptCommands.complete)) completes", "\(prompt(PromptCommands.accept)) reads it",
        "\(prompt(PromptCommands.cancel)) cancels",
      ]
    ) { driver in
      driver.selectCampaign("c1")
      driver.press(.bulkLaunch)
      driver.type("/tmp/applicants.csv")
    }

    // Questions.
    let answers = "\(k(ConfirmCommands.yes, .confirm)) yes    \(k(ConfirmCommands.no, .confirm)) no"
    scene("take over first", hints: [answers]) { driver in
      driver.open("v1")
      driver.press(.reply)
    }
    scene("already taken over", hints: [answers]) { driver in
      driver.select("v4")
      driver.press(.takeOver)
    }
    scene("hand back", hints: [answers]) { driver in
      driver.select("v4")
      driver.press(.handBack)
    }

    // Templates.
    let picker = { (command: CommandName) in k(command, .picker) }
    scene(
      "template picker",
      hints: ["\(picker(PickerCommands.choose)) sends", "\(picker(.moveDown))/\(picker(.moveUp)) choose", "\(picker(.close)) cancels"]
    ) { driver in
      driver.open("v4")
      driver.press(.template)
      driver.press(.moveDown)
    }
    let emailOnly = [Template(id: "t9", name: "Mail", channel: .email, type: .reply, campaignType: nil, body: "Hello")]
    scene("no templates", flash: ["\(k(.reply)) writes a reply instead"], from: base(keys, templates: emailOnly)) { driver in
      driver.open("v4")
      driver.press(.template)
    }

    // Read-only screens.
    let pager = { (command: CommandName) in k(command, .pager) }
    let helpScroll = "↓ \(pager(.moveDown))/\(pager(.moveUp)) scroll"
    scene("help over the list", hints: ["\(pager(.close)) closes"], narrow: [helpScroll]) { $0.press(.help) }
    scene("help over the list, at its end", hints: ["\(pager(.close)) closes"]) { driver in
      driver.press(.help)
      driver.press(.pageDown)
      driver.press(.moveBottom)
    }
    scene("help over the thread", hints: ["\(pager(.close)) closes"], narrow: [helpScroll]) { driver in
      driver.open("v1")
      driver.press(.help)
    }
    scene("help over the thread, at its end", hints: ["\(pager(.close)) closes"]) { driver in
      driver.open("v1")
      driver.press(.help)
      driver.press(.moveBottom)
    }
    scene("audit log", hints: ["\(pager(.moveDown))/\(pager(.moveUp)) scroll", "\(pager(.close)) closes"]) { $0.press(.audit) }
    let campaign = { (command: CommandName) in k(command, .campaign) }
    scene(
      "campaign view",
      hints: [
        "\(campaign(.editCampaign)) edit", "\(campaign(.launch)) start one", "\(campaign(.bulkLaunch)) start from CSV",
        "\(pager(.moveDown))/\(pager(.moveUp)) scroll",
      ],
      wide: ["\(pager(.close)) closes"]
    ) { driver in
      driver.selectCampaign("c1")
      driver.press(.viewCampaign)
      driver.press(.moveDown)
    }

    // Forms.
    let form = { (command: CommandName) in k(command, .form) }
    let choice = { (command: CommandName) in k(command, .choice) }
    let footer = [
      "\(form(FormCommands.submit)) submit", "\(form(FormCommands.closeForm)) close (kept)", "\(form(FormCommands.nextField)) next",
      "\(form(FormCommands.previousField)) back",
    ]
    let footerEnd = [
      "\(choice(FormCommands.previousChoice))/\(choice(FormCommands.nextChoice)) choose", "\(form(ComposerCommands.newline)) newline",
    ]
    scene("new campaign form", hints: footer, wide: footerEnd) { driver in
      driver.press(.newCampaign)
      driver.type("Nurse")
    }
    scene(
      "new campaign form, on a question",
      hints: footer + [
        "\(choice(FormCommands.removeQuestion)) remove · \(choice(FormCommands.questionUp)) \(choice(FormCommands.questionDown)) move"
      ],
      wide: footerEnd
    ) { driver in
      driver.press(.newCampaign)
      driver.pressUntil(FormCommands.nextField) { ($0.mode(FormMode.self)?.form.focusKey ?? "").hasSuffix(".questionType") }
    }
    scene("new campaign form, on a toggle", hints: footer, wide: footerEnd) { driver in
      driver.press(.newCampaign)
      driver.pressUntil(FormCommands.nextField) { ($0.mode(FormMode.self)?.form.focusKey ?? "").hasSuffix(".isMandatory") }
    }
    scene("new campaign form, on its button", hints: footer, wide: footerEnd) { driver in
      driver.press(.newCampaign)
      driver.pressUntil(FormCommands.nextField) { ($0.mode(FormMode.self)?.form.focusKey ?? "").hasPrefix("button.") }
    }
    scene("form closed with changes", hints: paneHints, flash: ["Draft kept: \(k(.newCampaign)) picks it up again."]) { driver in
      driver.press(.newCampaign)
      driver.type("Nurse")
      driver.press(FormCommands.closeForm)
    }
    scene(
      "campaign going live", hints: ["\(k(ConfirmCommands.yes, .confirm)) yes", "\(k(ConfirmCommands.no, .confirm)) no"], wide: footer
    ) { driver in
      driver.selectCampaign("c3")
      driver.press(.editCampaign)
      for (field, text) in [("campaignDescription", "Reports"), ("company", "Popp"), ("location", "Tokyo")] {
        driver.pressUntil(FormCommands.nextField) { $0.mode(FormMode.self)?.form.focusKey == field }
        driver.type(text)
      }
      driver.pressUntil(FormCommands.nextField) { $0.mode(FormMode.self)?.form.focusKey == "campaignStatus" }
      driver.pressUntil(FormCommands.nextChoice) { $0.mode(FormMode.self)?.form.values["campaignStatus"] == "LIVE" }
      driver.pressUntil(FormCommands.nextField) { $0.mode(FormMode.self)?.form.focusKey == "customTemplatedMessage" }
      driver.type("Hi! Reply STOP to opt out.")
      driver.press(FormCommands.submit)
      if driver.state.mode(FormMode.self)?.form.confirmation == nil { Issue.record("campaign going live: no question asked") }
    }
    scene("launch form", hints: footer, wide: footerEnd) { driver in
      driver.selectCampaign("c1")
      driver.press(.launch)
    }
    scene("launch form, on a toggle", hints: footer, wide: footerEnd) { driver in
      driver.selectCampaign("c1")
      driver.press(.launch)
      driver.pressUntil(FormCommands.nextField) { $0.mode(FormMode.self)?.form.focusKey == "closePreviousConversations" }
    }

    // The CSV launch.
    let bulk = { (command: CommandName) in k(command, .bulk) }
    func readCSV(_ driver: inout Driver) {
      driver.selectCampaign("c1")
      driver.press(.bulkLaunch)
      driver.type("/tmp/applicants.csv")
      driver.press(PromptCommands.accept)
    }
    scene(
      "CSV preview",
      hints: [
        "[x] \(bulk(BulkCommands.toggleBusinessHours))  send during", "[ ] \(bulk(BulkCommands.toggleForce))  also send",
        "\(bulk(BulkCommands.sendLaunch)) send 2 conversations",
      ],
      wide: ["\(bulk(.moveDown))/\(bulk(.moveUp)) scroll", "\(bulk(BulkCommands.stop)) cancel (nothing sent)"]
    ) { readCSV(&$0) }
    scene("CSV sending", hints: ["\(bulk(BulkCommands.stop)) stops after the batch in flight"]) { driver in
      readCSV(&driver)
      driver.press(BulkCommands.sendLaunch)
      driver.apply(.bulkProgress(BulkProgress(total: 2, sent: 1, queued: 1)))
    }
    scene("CSV stop question", wide: ["\(k(ConfirmCommands.yes, .confirm)) stop · \(k(ConfirmCommands.no, .confirm)) go on"]) { driver in
      readCSV(&driver)
      driver.press(BulkCommands.sendLaunch)
      driver.press(BulkCommands.stop)
    }
    scene(
      "CSV results",
      hints: [
        "\(bulk(BulkCommands.nextResultFilter)) changes", "\(bulk(BulkCommands.nextResultFilter)) filter",
        "\(bulk(.moveDown))/\(bulk(.moveUp)) scroll", "\(bulk(BulkCommands.stop)) closes",
      ]
    ) { driver in
      readCSV(&driver)
      driver.press(BulkCommands.sendLaunch)
      driver.apply(.bulkFinished(results: results, report: "/tmp/applicants.results.csv", reportError: nil))
      driver.press(BulkCommands.nextResultFilter)
    }
    scene("CSV file being read", hints: ["\(bulk(BulkCommands.stop)) closes"]) { driver in
      driver.bulkAnswers = false
      readCSV(&driver)
    }
    scene("CSV file refused", hints: ["\(bulk(BulkCommands.stop)) closes"]) { driver in
      driver.bulkFails = true
      readCSV(&driver)
    }
    return scenes
  }

  /// Drives the console from the panes with one key set's keys, playing the service's answers back at once.
  struct Driver {
    var state: AppState
    let keys: KeySet
    let scene: String
    let plan: BulkPlan
    var conversations = ConsoleFixture.conversations
    var bulkFails = false
    var bulkAnswers = true

    mutating func press(_ command: CommandName, sourceLocation: SourceLocation = #_sourceLocation) {
      let contexts = state.activeMode.keyContexts
      guard let key = keys.key(command, in: contexts) else {
        Issue.record("\(scene): \(command.rawValue) has no key in \(contexts.map(\.rawValue))", sourceLocation: sourceLocation)
        return
      }
      serve(state.handle(key))
    }

    mutating func type(_ text: String) {
      for character in text { serve(state.handle(character == " " ? .space : .character(character))) }
    }

    mutating func pressUntil(
      _ command: CommandName, sourceLocation: SourceLocation = #_sourceLocation, _ done: (AppState) -> Bool
    ) {
      for _ in 0..<60 where !done(state) { press(command, sourceLocation: sourceLocation) }
      if !done(state) { Issue.record("\(scene): \(command.rawValue) never got there", sourceLocation: sourceLocation) }
    }

    mutating func select(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) {
      pressUntil(.nextPane, sourceLocation: sourceLocation) { $0.focus == .conversations }
      press(.moveTop, sourceLocation: sourceLocation)
      pressUntil(.moveDown, sourceLocation: sourceLocation) { $0.selectedConversation?.id == id }
    }

    mutating func open(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) {
      select(id, sourceLocation: sourceLocation)
      press(.open, sourceLocation: sourceLocation)
      if state.thread?.conversationId != id { Issue.record("\(scene): \(id) did not open", sourceLocation: sourceLocation) }
    }

    mutating func selectCampaign(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) {
      pressUntil(.previousPane, sourceLocation: sourceLocation) { $0.focus == .campaigns }
      press(.moveTop, sourceLocation: sourceLocation)
      pressUntil(.moveDown, sourceLocation: sourceLocation) { $0.selectedCampaign?.id == id }
    }

    /// A reply to the open thread that the outbox gave up on.
    mutating func fail(_ id: String) {
      var entry = OutboxEntry(id: "o1", conversationId: id, content: .body("See you at nine"), createdAt: ConsoleFixture.now)
      entry.state = .failed
      entry.error = "429"
      apply(.outgoing(entry))
    }

    mutating func setTakenOver(_ id: String, _ takenOver: Bool) {
      if let position = conversations.firstIndex(where: { $0.id == id }) { conversations[position].isHumanTakeover = takenOver }
      let changed = conversations.first { $0.id == id }!
      apply(
        .conversationChanged(
          index: ConversationIndex(conversations), conversation: changed, note: takenOver ? "Taken over." : "Handed back."))
    }

    mutating func apply(_ event: ServiceEvent) { serve(state.apply(event)) }

    mutating func serve(_ effects: [Effect]) {
      for effect in effects {
        switch effect {
        case .loadMessages(let id):
          let messages =
            id == "v1"
            ? ConsoleFixture.messages
            : [
              Message(
                id: "\(id)-m1", conversationId: id, body: "Hello, is this still open?", sender: .candidate, status: .received,
                createdAt: ConsoleFixture.now.addingTimeInterval(-600))
            ]
          apply(.messagesLoaded(conversationId: id, messages: messages))
        case .takeOver(let id): setTakenOver(id, true)
        case .handBack(let id): setTakenOver(id, false)
        case .loadAudit: apply(.auditLoaded(RebindEveryCommandTests.audit))
        case .prepareBulk(_, let path, _) where bulkAnswers:
          apply(
            bulkFails
              ? .bulkPreparationFailed(path: path, problem: "line 3: no column holds phone numbers")
              : .bulkPrepared(path: path, plan: plan, existing: ExistingContacts()))
        default: break
        }
      }
    }
  }
}

/// Every command of every context with a key of its own, as a config binds them (`[keymap.<context>]`, one table a
/// context), and the bindings the loader makes of that config.
struct KeySet: Sendable {
  let name: String
  let letters: Set<Character>
  let keys: [KeyContext: [(command: CommandName, key: Key)]]
  let config: String
  let bindings: Bindings
  let problems: [String]

  static func letter(_ code: Int) -> Character? { Unicode.Scalar(code).map(Character.init) }

  /// A context's own commands, in the order of its defaults.
  static func commands(of context: KeyContext) -> [CommandName] {
    var seen = Set<CommandName>()
    return context.defaultBindings.map(\.command).filter { seen.insert($0).inserted }
  }

  init(name: String, letters: [Character]) {
    self.name = name
    self.letters = Set(letters)
    var unused = letters[...]
    var keys: [KeyContext: [(command: CommandName, key: Key)]] = [:]
    var config = ""
    for context in KeyContext.allCases {
      config += "[keymap.\(context.rawValue)]\n"
      for command in Self.commands(of: context) {
        guard let letter = unused.popFirst() else { fatalError("\(name): more commands than letters") }
        let key = Key.alt(letter)
        keys[context, default: []].append((command, key))
        config += "\(command.rawValue) = \"\(key.notation)\"\n"
      }
      config += "\n"
    }
    self.keys = keys
    self.config = config
    let document = ConfigDocument(text: config, file: "\(name).toml")
    let (composerKeys, composerProblems) = ComposerKeysLoader.apply(from: document)
    let (bindings, keymapProblems) = KeymapLoader.bindings(from: document, composerKeys: composerKeys)
    self.bindings = bindings
    problems = (document.problems + composerProblems + keymapProblems).map(\.description)
  }

  var count: Int { keys.values.map(\.count).reduce(0, +) }

  var allKeys: [(context: KeyContext, command: CommandName, key: Key)] {
    KeyContext.allCases.flatMap { context in (keys[context] ?? []).map { (context, $0.command, $0.key) } }
  }

  /// The key of `command` in the first of `contexts` that binds it.
  func key(_ command: CommandName, in contexts: [KeyContext]) -> Key? {
    for context in contexts {
      if let key = keys[context]?.first(where: { $0.command == command })?.key { return key }
    }
    return nil
  }

  func notation(_ command: CommandName, in context: KeyContext) -> String {
    key(command, in: context.chain)?.notation ?? "(no \(name) key for \(command.rawValue) in \(context.rawValue))"
  }

  func owner(of key: Key) -> String? {
    allKeys.first { $0.key == key }.map { "\($0.command.rawValue) of \($0.context.rawValue)" }
  }
}
