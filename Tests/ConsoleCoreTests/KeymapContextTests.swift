import ConsoleCore
import Testing

/// `[keymap.<context>]`: each screen's keys rebound on their own, the old keys doing nothing, mistakes named with
/// their line.
@Suite struct KeymapContextTests {
  private func load(_ lines: [String]) -> (bindings: Bindings, problems: [ConfigProblem]) {
    KeymapLoader.bindings(from: ConfigDocument(text: lines.joined(separator: "\n") + "\n", file: "config.toml"))
  }

  @Test func aQuestionAnsweredWithReboundKeysIgnoresTheOldOnes() {
    let (bindings, problems) = load(["[keymap.confirm]", #"yes = "o""#, #"no = ["x", "Esc"]"#])
    #expect(problems.isEmpty)
    var state = Fixture.state()
    state.bindings = bindings
    _ = state.perform(.filterNeedsReview)
    _ = state.perform(.moveDown)
    _ = state.perform(.handBack)
    #expect(state.isOpen(ConfirmMode.self), "v4 is taken over: h asks first")
    #expect(state.handle(.character("y")).isEmpty)
    #expect(state.handle(.character("n")).isEmpty)
    #expect(state.isOpen(ConfirmMode.self), "y and n no longer answer")
    #expect(state.handle(.character("o")) == [.handBack(conversationId: "v4")])
    #expect(state.modes.isEmpty)
  }

  @Test func aContextKeyHidingAPaneKeyIsReportedAndTheDefaultStays() {
    let (bindings, problems) = load(["[keymap]", #"quit = "Q""#, "", "[keymap.list]", #"open = "j""#])
    #expect(
      problems.map(\.description) == [
        #"config.toml:5: key "j" in [keymap.list] would hide move-down of [keymap]; open keeps its keys there"#
      ])
    #expect(bindings.command(for: .enter, in: KeyContext.list.chain) == .open)
    #expect(bindings.command(for: .character("j"), in: KeyContext.list.chain) == .moveDown)
    #expect(bindings.command(for: .character("Q"), in: KeyContext.list.chain) == .quit)
  }

  @Test func aKeyBoundTwiceInOneContextIsReported() {
    let (bindings, problems) = load(["[keymap.picker]", #"choose = "x""#, #"close = "x""#])
    #expect(problems.map(\.line) == [3])
    #expect(bindings.command(for: .character("x"), in: [.picker]) == PickerCommands.choose)
    #expect(bindings.command(for: .escape, in: [.picker]) == .close)
  }

  @Test func unknownContextsAndCommandsAreNamed() {
    let (_, problems) = load(["[keymap.lists]", #"open = "o""#, "[keymap.bulk]", #"choose = "c""#])
    #expect(problems.map(\.line) == [1, 4])
    #expect(problems.first?.message.hasPrefix("unknown key context [keymap.lists]") == true)
    #expect(problems.last?.message.hasPrefix(#"unknown command "choose" in [keymap.bulk]"#) == true)
  }

  @Test func keymapGlobalIsTheOldKeymapAndComposerKeysStillWork() {
    let document = ConfigDocument(
      text: "[keymap.global]\nquit = \"Q\"\n[keymap.composer]\nleave = \"C-g\"\n[composer]\nsend = \"C-s\"\n", file: "config.toml")
    let (keys, _) = ComposerKeysLoader.apply(from: document)
    let (bindings, problems) = KeymapLoader.bindings(from: document, composerKeys: keys)
    #expect(problems.isEmpty)
    #expect(bindings.command(for: .character("Q"), in: .global) == .quit)
    #expect(bindings.command(for: .control("s"), in: .composer) == ComposerCommands.send)
    #expect(bindings.command(for: .control("g"), in: .composer) == ComposerCommands.leave)
    #expect(bindings.command(for: .escape, in: .composer) == nil)
  }

  @Test func everyContextsDefaultsBindNoKeyTwice() {
    for context in KeyContext.allCases {
      var seen: [Key: CommandName] = [:]
      for (command, keys) in context.defaultBindings {
        for key in keys {
          #expect(seen[key] == nil, "\(context.rawValue): \(key.notation) is bound to \(seen[key]?.rawValue ?? "") and \(command.rawValue)")
          seen[key] = command
        }
      }
    }
  }
}

@Suite struct ToggleKeysTests {
  @Test func theKeysThatOpenTheHelpAndTheAuditLogCloseThemAsBound() {
    let (bindings, problems) = KeymapLoader.bindings(
      from: ConfigDocument(text: "[keymap]\nhelp = \"F1\"\naudit = \"F2\"\n", file: "config.toml"))
    #expect(problems.isEmpty)
    var state = Fixture.state()
    state.bindings = bindings
    _ = state.handle(.function(1))
    #expect(state.isOpen(HelpMode.self))
    _ = state.handle(.function(1))
    #expect(state.modes.isEmpty, "F1 closes the help it opened, instead of opening it again")
    #expect(state.handle(.function(2)) == [.loadAudit])
    _ = state.apply(.auditLoaded([]))
    #expect(state.isOpen(AuditMode.self))
    _ = state.handle(.character("A"))
    #expect(state.isOpen(AuditMode.self), "A is not the audit key any more")
    _ = state.handle(.function(2))
    #expect(state.modes.isEmpty)
  }
}
