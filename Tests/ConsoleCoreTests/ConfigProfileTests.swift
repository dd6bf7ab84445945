import ConsoleCore
import Foundation
import Testing

/// Profiles in the config file, and where each connection value comes from: flags, then the
/// environment, then the file. A file holding a key must be private.
@Suite struct ConfigProfileTests {
  static let text = """
    profile = "staging"
    default-country = "GB"

    [profiles.staging]
    organization-id = "org-staging"
    base-url = "https://staging.example.com/v1"
    api-key-command = ["printf", "key-from-command"]
    accent = "green"

    [profiles.prod]
    organization-id = "org-prod"
    api-key = "key-in-file"
    default-country = "US"
    accent = "#c00000"

    [profiles.broken]
    base-url = "not a url"
    apikey = "typo"
    """

  /// A private file with `text` in a temporary folder.
  func file(_ text: String = Self.text, mode: Int = 0o600) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("config.toml").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    return path
  }

  func resolve(
    _ flag: String? = nil, environment: [String: String] = [:], text: String = Self.text, mode: Int = 0o600
  ) throws -> ResolvedConnection {
    let path = try file(text, mode: mode)
    return try ConnectionResolver.resolve(
      profileFlag: flag, environment: environment, config: ConfigFile(document: ConfigDocument(text: text, file: "config.toml")),
      configPath: path)
  }

  @Test func profilesAreReadAndMistakesReportedByLine() {
    let config = ConfigFile(document: ConfigDocument(text: Self.text, file: "config.toml"))
    #expect(config.defaultProfile == "staging")
    #expect(config.profiles.keys.sorted() == ["broken", "prod", "staging"])
    #expect(config.profiles["staging"]?.apiKey == .command(["printf", "key-from-command"]))
    #expect(config.profiles["prod"]?.apiKey == .literal("key-in-file"))
    #expect(config.profiles["prod"]?.accent == "#c00000")
    #expect(config.holdsAPIKey)
    let problems = config.problems.map(\.description)
    #expect(problems.contains { $0.hasPrefix("config.toml:17:") && $0.contains("base-url is not a URL") })
    #expect(problems.contains { $0.hasPrefix("config.toml:18:") && $0.contains("unknown profile setting \"apikey\"") })
  }

  @Test func theDefaultProfileIsUsedAndItsKeyCommandRun() throws {
    let resolved = try resolve()
    #expect(resolved.profile?.name == "staging")
    #expect(resolved.settings.organizationId == "org-staging")
    #expect(resolved.settings.baseURL.absoluteString == "https://staging.example.com/v1")
    #expect(resolved.settings.apiKey == "key-from-command")
    #expect(resolved.sources[.apiKey]?.contains("api-key-command printf key-from-command") == true)
    #expect(resolved.defaultCountry == "GB", "the file's default-country when the profile has none")
  }

  @Test func flagsBeatTheEnvironmentWhichBeatsTheFile() throws {
    #expect(try resolve(environment: ["POPP_PROFILE": "prod"]).profile?.name == "prod", "POPP_PROFILE beats profile =")
    #expect(try resolve("staging", environment: ["POPP_PROFILE": "prod"]).profile?.name == "staging", "--profile beats POPP_PROFILE")
    let prod = try resolve("prod")
    #expect(prod.settings.apiKey == "key-in-file")
    #expect(prod.settings.baseURL.absoluteString == "https://api.joinpopp.com/v1", "Popp's URL when the profile has none")
    #expect(prod.defaultCountry == "US")
    let overridden = try resolve(
      "prod", environment: ["POPP_API_KEY": "key-from-env", "POPP_ORGANIZATION_ID": "org-env", "POPP_BASE_URL": "http://127.0.0.1:9/v1"])
    #expect(overridden.settings.apiKey == "key-from-env")
    #expect(overridden.settings.organizationId == "org-env")
    #expect(overridden.settings.baseURL.absoluteString == "http://127.0.0.1:9/v1")
    #expect(overridden.sources[.apiKey] == "POPP_API_KEY")
  }

  @Test func anUnknownProfileIsAnErrorNamingTheKnownOnes() throws {
    #expect {
      try resolve("nope")
    } throws: { error in
      "\(error)".contains("names profile \"nope\"") && "\(error)".contains("known: broken, prod, staging")
    }
  }

  @Test func aFailingKeyCommandSaysWhatItPrinted() throws {
    let text = """
      [profiles.a]
      organization-id = "org"
      api-key-command = "echo 'gpg: decryption failed' >&2; exit 3"
      """
    #expect {
      try resolve("a", text: text)
    } throws: { error in
      "\(error)".contains("failed with status 3: gpg: decryption failed")
    }
  }

  @Test func aConfigFileHoldingAKeyMustBeReadableByItsOwnerOnly() throws {
    #expect {
      try resolve("prod", mode: 0o644)
    } throws: { error in
      "\(error)".contains("holds an API key and can be read by its group and every other user (mode 644)")
        && "\(error)".contains("chmod 600")
    }
    #expect(throws: (any Error).self) { try resolve("staging", mode: 0o640) }
    let keyless = """
      [profiles.a]
      organization-id = "org"
      api-key-command = ["printf", "k"]
      """
    #expect(try resolve("a", text: keyless, mode: 0o644).settings.apiKey == "k", "a file without a key may be readable")
  }

  @Test func theRepositorysExampleConfigReadsWithoutProblems() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("config.example.toml"), encoding: .utf8)
    let document = ConfigDocument(text: text, file: "config.example.toml")
    #expect(document.problems.isEmpty, "\(document.problems)")
    let config = ConfigFile(document: document)
    #expect(config.problems.isEmpty, "\(config.problems)")
    #expect(config.profiles.keys.sorted() == ["acme", "acme-test"])
    #expect(config.theme == "default-dark")
    #expect(!config.holdsAPIKey, "the example keeps keys in commands")
    #expect(KeymapLoader.apply(from: document).problems.isEmpty)
    #expect(PollSettingsLoader.apply(from: document).problems.isEmpty)
    #expect(ComposerKeysLoader.apply(from: document).problems.isEmpty)
  }

  @Test func logLevelsComeFromFlagsThenEnvironmentThenConfig() {
    #expect(
      LogSetup.choose(arguments: ["campaigns", "--log-level", "debug"], environment: ["POPP_LOG_LEVEL": "error"], configLevel: "trace").0
        .level == "debug")
    #expect(LogSetup.choose(arguments: ["--log-level=warning"], environment: [:], configLevel: nil).0.level == "warning")
    #expect(LogSetup.choose(arguments: [], environment: ["POPP_LOG_LEVEL": "error"], configLevel: "trace").0.level == "error")
    #expect(LogSetup.choose(arguments: [], environment: [:], configLevel: "trace").0.level == "trace")
    let (fallback, problem) = LogSetup.choose(arguments: ["--log-level", "loud"], environment: [:], configLevel: nil)
    #expect(fallback.level == "info")
    #expect(problem?.contains("\"loud\" is not a log level") == true)
  }

  @Test func profileSwitchingInTheConsole() {
    var state = Fixture.state()
    state.connection.profileName = "staging"
    state.profileNames = ["prod", "staging"]
    _ = state.perform(.commandPrompt)
    for character in "profile" { _ = state.handle(.character(character)) }
    _ = state.handle(.enter)
    #expect(state.flash == "Profiles: prod, staging (in use) — :profile NAME switches")
    _ = state.perform(.commandPrompt)
    for character in "profile nope" { _ = state.handle(character == " " ? .space : .character(character)) }
    _ = state.handle(.enter)
    #expect(state.flash?.contains("No profile \"nope\"") == true)
    #expect(!state.quitRequested)
    _ = state.perform(.commandPrompt)
    for character in "profile prod" { _ = state.handle(character == " " ? .space : .character(character)) }
    _ = state.handle(.enter)
    #expect(state.switchToProfile == "prod")
    #expect(state.quitRequested, "the console closes this connection to open the next")
  }
}
