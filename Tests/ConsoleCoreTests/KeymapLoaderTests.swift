import ConsoleCore
import Testing

@Suite struct KeymapLoaderTests {
  private func document(_ lines: [String]) -> ConfigDocument {
    ConfigDocument(text: lines.joined(separator: "\n") + "\n", file: "config.toml")
  }

  private func load(_ lines: [String]) -> (keymap: Keymap, problems: [ConfigProblem]) {
    KeymapLoader.apply(from: document(lines))
  }

  private func key(_ notation: String) -> Key {
    Key(notation: notation)!
  }

  @Test func rebindingReplacesTheDefaultKeys() {
    let (keymap, problems) = load(["[keymap]", #"move-down = "J""#, #"move-up = ["K", "C-p"]"#])
    #expect(problems.isEmpty)
    #expect(keymap.keys(for: .moveDown) == [key("J")])
    #expect(keymap.command(for: key("J")) == .moveDown)
    #expect(keymap.command(for: key("j")) == nil)
    #expect(keymap.command(for: key("Down")) == nil)
    #expect(keymap.keys(for: .moveUp) == [key("K"), key("C-p")])
  }

  @Test func stealingADefaultKeyMovesItWithoutAConflict() {
    let (keymap, problems) = load(["[keymap]", #"quit = "t""#])
    #expect(problems.isEmpty)
    #expect(keymap.command(for: key("t")) == .quit)
    #expect(keymap.keys(for: .quit) == [key("t")])
    #expect(keymap.keys(for: .takeOver).isEmpty)
    #expect(keymap.command(for: key("q")) == nil)
  }

  @Test func emptyStringOrEmptyListUnbinds() {
    let (keymap, problems) = load(["[keymap]", #"quit = """#, "help = []"])
    #expect(problems.isEmpty)
    #expect(keymap.keys(for: .quit).isEmpty)
    #expect(keymap.keys(for: .help).isEmpty)
    #expect(keymap.command(for: key("q")) == nil)
    #expect(keymap.command(for: key("?")) == nil)
    #expect(keymap.keys(for: .moveDown) == Keymap.defaults.keys(for: .moveDown))
  }

  @Test func noKeymapTableLeavesTheBaseUnchanged() {
    let (keymap, problems) = load(["# just a profile", "[profiles.acme]", #"organization = "org_1""#])
    #expect(problems.isEmpty)
    #expect(keymap == Keymap.defaults)
    #expect(KeymapLoader.apply(from: ConfigDocument(text: "", file: "config.toml")).keymap == Keymap.defaults)
    #expect(KeymapLoader.apply(from: ConfigDocument(absentFile: "config.toml")).keymap == Keymap.defaults)
  }

  @Test func appliesOnTopOfTheGivenBase() {
    let base = KeymapLoader.apply(from: ConfigDocument(text: "[keymap]\nquit = \"Q\"\n", file: "a.toml")).keymap
    let (keymap, problems) = KeymapLoader.apply(from: ConfigDocument(text: "[keymap]\nhelp = \"H\"\n", file: "b.toml"), to: base)
    #expect(problems.isEmpty)
    #expect(keymap.keys(for: .quit) == [key("Q")])
    #expect(keymap.keys(for: .help) == [key("H")])
  }

  @Test func unknownCommandIsReportedWithItsLineAndTheRestApplies() {
    let (keymap, problems) = load([
      "[general]", #"theme = "dark""#, "", "[keymap]", #"jump-around = "J""#, #"quit = "Q""#,
    ])
    #expect(
      problems.map(\.description) == [#"config.toml:5: unknown command "jump-around" (see popp-console --help or :help)"#])
    #expect(keymap.keys(for: .quit) == [key("Q")])
  }

  @Test func nearMissCommandNamesGetASuggestion() {
    let (_, problems) = load(["[keymap]", #"move_down = "x""#])
    #expect(problems.first?.message == #"unknown command "move_down" (did you mean move-down?)"#)
    #expect(problems.first?.line == 2)
  }

  @Test func badKeyIsReportedWithItsLineAndTheCommandKeepsItsKeys() {
    let (keymap, problems) = load([
      "[keymap]", #"quit = "Q""#, "# comment", #"redraw = ["C-y", "Ctrl-ü"]"#, #"help = "H""#,
    ])
    let message = #""Ctrl-ü" is not a key (examples: j, G, Enter, C-l, S-Tab, F5)"#
    #expect(problems == [ConfigProblem(file: "config.toml", line: 4, message: message)])
    #expect(keymap.keys(for: .redraw) == [key("C-l")])
    #expect(keymap.command(for: key("C-y")) == nil)
    #expect(keymap.keys(for: .quit) == [key("Q")])
    #expect(keymap.keys(for: .help) == [key("H")])
  }

  @Test func twoEntriesBindingTheSameKeyConflictAtTheLaterLine() {
    // toggle-outcomes sorts after take-over but comes first in the file: the file's order decides which is reported.
    let (keymap, problems) = load(["[keymap]", "", #"toggle-outcomes = "x""#, #"take-over = ["X", "x"]"#, #"reply = "y""#])
    #expect(problems.map(\.description) == [#"config.toml:4: key "x" is bound to both toggle-outcomes and take-over"#])
    #expect(keymap.keys(for: .toggleOutcomes) == [key("x")])
    #expect(keymap.keys(for: .takeOver) == [key("t")])
    #expect(keymap.command(for: key("X")) == nil)
    #expect(keymap.keys(for: .reply) == [key("y")])
  }

  @Test func sameKeyWrittenTwoWaysIsStillAConflict() {
    let (_, problems) = load(["[keymap]", #"redraw = "^R""#, #"refresh = "C-r""#])
    #expect(problems.map(\.description) == [#"config.toml:3: key "C-r" is bound to both redraw and refresh"#])
  }

  @Test func wrongValueTypesAreReported() {
    let (keymap, problems) = load(["[keymap]", "quit = 5", #"help = ["?", 1]"#, #"reply = "R""#, "", "[keymap.open]", "key = 1"])
    #expect(
      problems.map(\.description) == [
        #"config.toml:2: quit must be a key in quotes or a list of them, like quit = "j" or quit = ["j", "Down"]"#,
        #"config.toml:3: help must be a key in quotes or a list of them, like help = "j" or help = ["j", "Down"]"#,
        #"config.toml:6: open must be a key in quotes or a list of them, like open = "j" or open = ["j", "Down"]"#,
      ])
    #expect(keymap.keys(for: .quit) == [key("q")])
    #expect(keymap.keys(for: .reply) == [key("R")])
    #expect(keymap.keys(for: .refresh).isEmpty)
  }

  @Test func keymapThatIsNotATableIsReported() {
    let (keymap, problems) = load(["# mine", #"keymap = "vim""#, "[general]", #"theme = "dark""#])
    #expect(problems.count == 1)
    #expect(problems.first?.line == 2)
    #expect(keymap == Keymap.defaults)
  }

  @Test func syntaxErrorReportsItsLineAndKeepsTheBase() {
    let broken = document(["[keymap]", #"quit = "Q""#, "help = ", #"reply = "r""#])
    let (keymap, problems) = KeymapLoader.apply(from: broken)
    #expect(broken.problems.count == 1)
    #expect(broken.problems.first?.line == 3)
    #expect(broken.problems.first?.file == "config.toml")
    #expect(broken.problems.first?.message.hasPrefix("not valid TOML") == true)
    #expect(problems.isEmpty, "the document reports the syntax error, not each reader again")
    #expect(keymap == Keymap.defaults)
  }

  @Test func linesStayRightAfterMultilineValuesAndTrickyStrings() {
    let (_, problems) = load([
      "[general]",
      #"motd = """"#,
      #"  quit = "not a key here""#,
      #"  """"#,
      "[keymap]",
      "move-down = [",
      #"  "=",  # a key that looks like TOML"#,
      ##"  "#","##,
      "]",
      #""bogus" = "x""#,
    ])
    #expect(problems.map(\.line) == [10])
  }

  @Test func dottedAndInlineKeymapsAreReadToo() {
    let dotted = load(["title = \"mine\"", #"keymap.quit = "Q""#, #"keymap.nope = "x""#])
    #expect(dotted.keymap.keys(for: .quit) == [key("Q")])
    #expect(dotted.problems.map(\.line) == [3])

    let inline = load(["", #"keymap = { quit = "Q", nope = "x" }"#])
    #expect(inline.keymap.keys(for: .quit) == [key("Q")])
    #expect(inline.problems.map(\.line) == [2])
  }

  @Test func problemWithoutALineStillNamesTheFile() {
    #expect(ConfigProblem(file: "config.toml", line: nil, message: "oops").description == "config.toml: oops")
  }
}
