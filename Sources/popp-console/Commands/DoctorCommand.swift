import ArgumentParser
import ConsoleCore
import ConsoleUI
import Foundation
import PoppAPI

/// `popp-console doctor`: checks what a recruiter would otherwise find out the hard way —
/// the config file and its permissions, the connection (with a read-only call), the terminal,
/// and the files the console keeps — and says what to fix. Never prints the key.
struct DoctorCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "doctor", abstract: "Check the config, credentials, connection, terminal and files, and say what to fix.")

  @Option(
    name: .customLong("profile"), help: ArgumentHelp("Check [profiles.NAME] of the config file.", valueName: "NAME"),
    completion: Completions.profileNames)
  var profile: String?
  @Option(
    help: ArgumentHelp("Check the hub at this socket (default POPP_HUB when set).", valueName: "PATH"),
    completion: Completions.socketFile)
  var hub: String?
  @Flag(name: .long, help: "Print the checks as JSON for scripts.") var json = false
  @OptionGroup var logging: LoggingOption

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    var report = DoctorReport()
    report.section("popp-console")
    report.info("version \(PoppConsoleVersion.current) (User-Agent \(PoppConsoleVersion.userAgent))")
    let paths = ConsolePaths(environment: environment)
    checkInstallation(paths: paths, environment: environment, into: &report)
    checkConfig(paths: paths, environment: environment, into: &report)
    if let hub = hub ?? environment["POPP_HUB"].flatMap({ $0.isEmpty ? nil : $0 }) {
      await checkHub(hub, into: &report)
    } else {
      await checkConnection(environment: environment, paths: paths, into: &report)
    }
    checkTerminal(environment: environment, into: &report)
    if json { try report.printJSON() } else { report.print() }
    if report.failures > 0 { throw ExitCode(ExitStatus.failure) }
  }

  /// Which binary runs and where its themes come from: what an admin checks after `make install` or an upgrade.
  private func checkInstallation(paths: ConsolePaths, environment: [String: String], into report: inout DoctorReport) {
    let executable = ConsolePaths.runningExecutable
    if let executable { report.info("binary \(Output.clean(executable.path))") }
    let folders = paths.themeDirectories(executable: executable)
    // File names are shown as the other text from outside: inert, whatever bytes a hand-made file's name holds.
    let names = ThemeLoader.available(in: folders).map { Output.clean($0) }
    let searched = folders.map { Output.clean(ConsoleSetup.shown($0, environment: environment)) }.joined(separator: ", then ")
    if folders.count < 2 {
      report.info(
        "themes: \(names.isEmpty ? "the built-in default only" : names.joined(separator: ", ")) (looked for in \(searched); "
          + "no share/popp-console/themes beside this binary: install with `make install`, or unpack the whole tarball)")
    } else {
      report.info("themes: \(names.joined(separator: ", ")) (looked for in \(searched))")
    }
  }

  private func checkConfig(paths: ConsolePaths, environment: [String: String], into report: inout DoctorReport) {
    report.section("Config")
    let file = paths.configFile
    let document = RunConfig.document(environment: environment)
    let shown = document.file
    guard document.exists else {
      report.info("no config file at \(shown): defaults apply (see \(Self.exampleConfig(environment: environment)))")
      return
    }
    let config = ConfigFile(document: document)
    let mode = ConfigFileSecurity.mode(of: file.path).map { String($0 & 0o777, radix: 8) } ?? "?"
    if config.holdsAPIKey, let bits = ConfigFileSecurity.mode(of: file.path), bits & 0o044 != 0 {
      report.fail("\(shown) holds an API key and is readable by others (mode \(mode))", fix: "chmod 600 \(shown)")
    } else {
      report.pass("\(shown) (mode \(mode)\(config.holdsAPIKey ? ", holds an API key" : ""))")
    }
    // The console's own reading of the same document: every section's problems, each once.
    let setup = ConsoleSetup.load(document: document, paths: paths, themeName: nil)
    for problem in setup.problems { report.fail(problem, fix: "edit \(shown) (the line is given)") }
    if !config.profiles.isEmpty {
      let sole = config.profiles.count == 1 && config.defaultProfile == nil ? " (the only one: used without `profile =`)" : ""
      report.info(
        "profiles: \(config.profiles.keys.sorted().joined(separator: ", "))" + (config.defaultProfile.map { " (default \($0))" } ?? sole))
    }
  }

  private func checkConnection(environment: [String: String], paths: ConsolePaths, into report: inout DoctorReport) async {
    let resolved: ResolvedConnection
    do {
      resolved = try ConnectionLoading.resolve(profile: profile, environment: environment)
    } catch let error as CLIError {
      report.section("Connection")
      report.fail(error.message, fix: "see README, Pointing it at Popp")
      return
    } catch {
      report.section("Connection")
      report.fail("\(error)")
      return
    }
    report.section("Connection" + (resolved.profile.map { " (profile \($0.name))" } ?? ""))
    let settings = resolved.settings
    guard settings.hasCredentials else {
      if let hint = resolved.profileChoiceHint {
        report.fail(hint, fix: "choose a profile: `profile = \"\(resolved.profileNames[0])\"` in the config file, or --profile NAME")
      }
      report.info("no credentials: `popp-console` opens the built-in sandbox")
      if settings.organizationId == nil && settings.apiKey != nil {
        report.fail("an API key but no organization", fix: "set POPP_ORGANIZATION_ID or organization-id")
      }
      if settings.organizationId != nil && settings.apiKey == nil {
        report.fail("an organization but no API key", fix: "set POPP_API_KEY, api-key-command or api-key")
      }
      return
    }
    func from(_ field: ResolvedConnection.Field) -> String { resolved.sources[field].map { " (from \($0))" } ?? "" }
    report.pass("organization \(Output.clean(settings.organizationId ?? ""))\(from(.organization))")
    report.pass("base URL \(Output.clean(settings.baseURL.absoluteString))\(from(.baseURL))")
    report.pass("API key set, \(settings.apiKey?.count ?? 0) characters\(from(.apiKey))")
    do {
      var configuration = try resolved.clientConfiguration(retryPolicy: .never)
      configuration.requestTimeout = 10
      let client = HTTPPoppClient(configuration: configuration)
      let started = Date()
      let page = try await client.listCampaigns(status: nil, limit: 1, nextToken: nil)
      let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
      report.pass(
        "reached the API in \(milliseconds) ms (GET /campaigns?limit=1: \(page.data.isEmpty ? "no campaigns yet" : "campaigns visible"))")
    } catch {
      report.fail("cannot use the API: \(Output.clean(error.description))", fix: Self.fix(for: error))
    }
    report.section("Files")
    let key = ConnectionInfo(organizationId: settings.organizationId ?? "", baseURL: settings.baseURL, isSandbox: false).cacheKey
    file("cache", LocalStore.path(for: key, in: paths), environment: environment, into: &report)
    file("drafts and outbox", WorkflowStore.path(for: key, in: paths), environment: environment, into: &report)
    file("audit log", AuditLog.path(in: paths), environment: environment, into: &report)
    file("log", paths.logFile.path, environment: environment, into: &report)
  }

  private func file(_ what: String, _ path: String, environment: [String: String], into report: inout DoctorReport) {
    let shown = ConsoleSetup.shown(URL(fileURLWithPath: path), environment: environment)
    guard FileManager.default.fileExists(atPath: path) else {
      let folder = (path as NSString).deletingLastPathComponent
      let creatable = FileManager.default.isWritableFile(atPath: Self.existingAncestor(of: folder))
      if creatable {
        report.info("\(what): \(shown) (not created yet)")
      } else {
        report.fail("\(what): \(shown) cannot be created", fix: "make \(Self.existingAncestor(of: folder)) writable, or set XDG_STATE_HOME")
      }
      return
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let mode = ConfigFileSecurity.mode(of: path).map { String($0 & 0o777, radix: 8) } ?? "?"
    if FileManager.default.isWritableFile(atPath: path) {
      report.pass("\(what): \(shown) (\(ByteCountFormatter.string(fromByteCount: Int64(size), countStyle: .file)), mode \(mode))")
    } else {
      report.fail("\(what): \(shown) is not writable", fix: "check the file's owner and mode")
    }
  }

  /// Where the commented example config is: installed beside the themes' prefix by `make install`, else in the
  /// repository the binary was built from.
  static func exampleConfig(environment: [String: String]) -> String {
    let prefix = ConsolePaths.runningExecutable.flatMap(ConsolePaths.installPrefix(of:))
    if let example = prefix?.appendingPathComponent("share/doc/popp-console/config.example.toml"),
      FileManager.default.fileExists(atPath: example.path)
    {
      return Output.clean(ConsoleSetup.shown(example, environment: environment))
    }
    return "config.example.toml in the repository"
  }

  static func existingAncestor(of path: String) -> String {
    var current = path
    while !current.isEmpty && current != "/" && !FileManager.default.fileExists(atPath: current) {
      current = (current as NSString).deletingLastPathComponent
    }
    return current.isEmpty ? "/" : current
  }

  static func fix(for error: PoppError) -> String {
    switch error {
    case .unauthorized: "check the API key and the organization id (a key is valid for one organization)"
    case .transport: "check the base URL, the network and any proxy (HTTPS_PROXY)"
    case .rateLimited: "wait and try again"
    default: "see the error above"
    }
  }

  private func checkTerminal(environment: [String: String], into report: inout DoctorReport) {
    report.section("Terminal")
    let term = environment["TERM"] ?? ""
    if term.isEmpty {
      report.fail("TERM is not set", fix: "export TERM=xterm-256color (or what your terminal is)")
    } else if let colors = TerminalProbe.colors(term: term) {
      let tier = ColorTierDetection.tier(colors: colors, hasColors: colors > 0, environment: environment)
      report.pass(
        "TERM \(Output.clean(term)): \(colors) colours, drawn as \(tier)"
          + (environment["NO_COLOR"].map { $0.isEmpty ? "" : " (NO_COLOR set)" } ?? ""))
    } else {
      report.fail(
        "TERM \(Output.clean(term)) is unknown to terminfo", fix: "install its terminfo (ncurses-term) or use TERM=xterm-256color")
    }
    let locale = TerminalProbe.locale()
    if locale.utf8 {
      report.pass("UTF-8 text (locale \(Output.clean(locale.name)))")
    } else {
      report.fail("no UTF-8 locale (\(Output.clean(locale.name))): names in other scripts cannot be shown", fix: "export LANG=C.UTF-8")
    }
    if let size = TerminalProbe.size() {
      if size.rows >= 24 && size.columns >= 80 {
        report.pass(
          "size \(size.columns)×\(size.rows)" + (size.columns >= 120 ? " (three panes)" : " (one pane at a time below 120 columns)"))
      } else {
        report.fail("size \(size.columns)×\(size.rows) is below 80×24", fix: "enlarge the window")
      }
    } else {
      report.info("standard output is not a terminal: size not checked")
    }
    if environment["TMUX"] != nil { report.info("inside tmux") }
    if (environment["TERM"] ?? "").hasPrefix("screen") && environment["TMUX"] == nil { report.info("inside GNU screen") }
  }
}

/// What `doctor` found: ✓ passed, ✗ failed (with what to do), · for information, under the section it belongs to;
/// printed as lines, or with `--json` as one document of stable keys (README, "doctor --json").
struct DoctorReport {
  struct Check: Encodable {
    enum Status: String, Encodable { case pass, fail, info }
    var section: String
    var status: Status
    var text: String
    var fix: String?
  }

  private(set) var checks: [Check] = []
  private var current = ""
  var failures: Int { checks.filter { $0.status == .fail }.count }

  mutating func section(_ title: String) { current = title }
  mutating func pass(_ text: String) { checks.append(Check(section: current, status: .pass, text: text)) }
  mutating func info(_ text: String) { checks.append(Check(section: current, status: .info, text: text)) }
  mutating func fail(_ text: String, fix: String? = nil) {
    checks.append(Check(section: current, status: .fail, text: text, fix: fix))
  }

  func print() {
    var section: String?
    for check in checks {
      if check.section != section {
        if section != nil { Swift.print("") }
        Swift.print(check.section)
        section = check.section
      }
      let mark =
        switch check.status {
        case .pass: "✓"
        case .fail: "✗"
        case .info: "·"
        }
      Swift.print("  \(mark) \(check.text)")
    }
    Swift.print("")
    if failures == 0 {
      Swift.print("Everything looks right.")
    } else {
      Swift.print("\(failures) problem\(failures == 1 ? "" : "s"). To fix:")
      for fix in checks.compactMap(\.fix) { Swift.print("  - " + fix) }
    }
  }

  /// `{"version": "0.9.0", "ok": true, "failures": 0, "checks": [{"section", "status", "text", "fix"}]}`.
  func printJSON() throws {
    struct Document: Encodable {
      var version: String
      var ok: Bool
      var failures: Int
      var checks: [Check]
    }
    try Output.json(Document(version: PoppConsoleVersion.current, ok: failures == 0, failures: failures, checks: checks))
  }
}
