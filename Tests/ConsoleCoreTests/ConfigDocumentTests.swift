import ConsoleCore
import Foundation
import Testing

/// One config document per run, read by every section's reader: a mistake is reported once,
/// and each names the file and line.
@Suite struct ConfigDocumentTests {
  static let file = "~/.config/popp-console/config.toml"

  func document(_ lines: [String]) -> ConfigDocument {
    ConfigDocument(text: lines.joined(separator: "\n") + "\n", file: Self.file)
  }

  /// Everything every reader says about `document`, as the console and `doctor` gather it.
  func everyProblem(of document: ConfigDocument) -> [ConfigProblem] {
    let sections =
      ConfigFile(document: document).problems + KeymapLoader.apply(from: document).problems
      + PollSettingsLoader.apply(from: document).problems + ComposerKeysLoader.apply(from: document).problems
    return (document.problems + sections).inFileOrder()
  }

  @Test func aSyntaxErrorIsReportedOnceWithItsLineAndEveryReaderKeepsItsDefaults() {
    let broken = document([
      #"profile = "acme""#, "[profiles.acme]", #"organization-id = "org""#, "[keymap]", #"quit = "Q""#, "[polling]", "head = 10",
      "[composer]", "send = ", #"newline = "Enter""#,
    ])
    let problems = everyProblem(of: broken)
    #expect(problems.count == 1, "\(problems)")
    #expect(problems.first?.line == 9)
    #expect(problems.first?.description.hasPrefix("\(Self.file):9: not valid TOML") == true)
    let config = ConfigFile(document: broken)
    #expect(config.profiles.isEmpty && config.defaultProfile == nil)
    #expect(KeymapLoader.apply(from: broken).keymap == .defaults)
    #expect(PollSettingsLoader.apply(from: broken).settings.interval(.head) == PollSettings().interval(.head))
    #expect(ComposerKeysLoader.apply(from: broken).keys == ComposerKeys())
  }

  @Test func anUnknownTopLevelKeyIsNamedWithItsLine() {
    let typos = document([
      #"theme = "light""#, #"colour = "blue""#, "", "[general]", #"editor = "vim""#, "[keymap]", #"quit = "Q""#, #"log_level = "debug""#,
    ])
    #expect(
      typos.problems.map(\.description) == [
        #"\#(Self.file):2: unknown top-level setting "colour"; known: alerts, composer, default-country, hub, hub-fallback, keymap, log-level, polling, profile, profiles, theme"#,
        #"\#(Self.file):4: unknown top-level setting "general"; known: alerts, composer, default-country, hub, hub-fallback, keymap, log-level, polling, profile, profiles, theme"#,
      ], "log_level under [keymap] is the keymap's to report, not a top-level key")
    let slip = document([#"log_level = "debug""#, #"defaultCountry = "GB""#])
    #expect(
      slip.problems.map(\.description) == [
        #"\#(Self.file):1: unknown top-level setting "log_level" (did you mean log-level?)"#,
        #"\#(Self.file):2: unknown top-level setting "defaultCountry" (did you mean default-country?)"#,
      ])
  }

  @Test func everyKnownSectionAndNestedKeymapTablesAreAccepted() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let example = try String(contentsOf: root.appendingPathComponent("config.example.toml"), encoding: .utf8)
    #expect(ConfigDocument(text: example, file: "config.example.toml").problems.isEmpty)
    let nested = document(["[keymap]", #"quit = "Q""#, "[keymap.thread]", #"reply = "R""#, "[keymap.list.deep]", "x = 1"])
    #expect(nested.problems.isEmpty, "the keymap's own tables are the keymap reader's business")
  }

  @Test func problemsFromEverySectionCarryFileAndLine() {
    let mistakes = document([
      "theme = 5",  // 1
      "volume = 11",  // 2
      "[profiles.acme]",  // 3
      #"base-url = "nowhere""#,  // 4
      "[keymap]",  // 5
      #"jump-around = "J""#,  // 6
      "[polling]",  // 7
      "head = 0",  // 8
      "[alerts]",  // 9
      #"bell = "yes""#,  // 10
      "[composer]",  // 11
      "sned = 1",  // 12
    ])
    let problems = everyProblem(of: mistakes)
    #expect(problems.map(\.line) == [1, 2, 4, 6, 8, 10, 12])
    for problem in problems {
      #expect(problem.description.hasPrefix("\(Self.file):\(problem.line ?? 0): \(problem.message)"))
    }
    #expect(
      problems.map(\.message) == [
        "theme must be a string",
        #"unknown top-level setting "volume"; known: alerts, composer, default-country, hub, hub-fallback, keymap, log-level, polling, profile, profiles, theme"#,
        #"profiles.acme.base-url is not a URL: "nowhere" (expected e.g. https://api.joinpopp.com/v1)"#,
        #"unknown command "jump-around" (see popp-console --help or :help)"#,
        "polling.head must be a number of seconds between 0.1 and 86400",
        "alerts.bell must be true or false",
        #"unknown composer setting "sned"; known: newline, send"#,
      ])
  }

  @Test func theFileIsReadOnceFromDiskAndAMissingOneIsNoMistake() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("config-document-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("config.toml")

    let missing = ConfigDocument(contentsOf: file, shownAs: "config.toml")
    #expect(!missing.exists && missing.problems.isEmpty)
    #expect(ConfigFile(document: missing).profiles.isEmpty)

    try Data("theme = \"light\"\n[polling]\nhead = 9\n".utf8).write(to: file)
    let written = ConfigDocument(contentsOf: file, shownAs: "config.toml")
    try Data("theme = \"gruvbox\"\n".utf8).write(to: file)
    #expect(written.exists && written.problems.isEmpty)
    #expect(ConfigFile(document: written).theme == "light", "the document holds the text it read")
    #expect(PollSettingsLoader.apply(from: written).settings.interval(.head) == 9)

    try Data([0x74, 0x3D, 0xFF, 0xFE, 0x0A]).write(to: file)
    let unreadable = ConfigDocument(contentsOf: file, shownAs: "config.toml")
    #expect(unreadable.exists)
    #expect(unreadable.problems.count == 1)
    #expect(unreadable.problems.first?.line == nil)
    #expect(unreadable.problems.first?.description.hasPrefix("config.toml: cannot be read, so every setting is at its default") == true)
  }
}
