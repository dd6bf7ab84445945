import ArgumentParser
import ConsoleCore
import ConsoleUI
import Foundation
import PoppAPI
import PoppHub
import PoppSandbox

/// `popp-console`: the terminal console, on Popp when credentials are set, else on the built-in
/// sandbox.
struct ConsoleCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "console", abstract: "Open the terminal console (the default command).")

  @Flag(help: "Use the built-in sandbox even when credentials are set.") var sandbox = false
  @Option(
    help: ArgumentHelp(
      "Colour theme by name, e.g. gruvbox (`popp-console doctor` lists the themes found); overrides the config's `theme`.",
      valueName: "NAME"),
    completion: Completions.themeNames)
  var theme: String?
  @Option(name: .customLong("demo-size"), help: "Conversations of demo data in the built-in sandbox.") var demoSize = 200
  @Option(name: .customLong("sandbox-speed"), help: "Simulated seconds per real second in the built-in sandbox.") var sandboxSpeed: Double =
    1
  @OptionGroup var polling: PollingOptions
  @OptionGroup var country: DefaultCountryOption
  @OptionGroup var logging: LoggingOption
  @Option(
    name: .customLong("profile"),
    help: ArgumentHelp("Connect as [profiles.NAME] of the config file (overrides POPP_PROFILE and `profile =`).", valueName: "NAME"),
    completion: Completions.profileNames)
  var profile: String?
  @Option(
    name: .customLong("hub"),
    help: ArgumentHelp(
      "Attach to the team's hub at this socket instead of polling Popp (overrides POPP_HUB and `hub =`).", valueName: "PATH"),
    completion: Completions.socketFile)
  var hub: String?

  func run() async throws {
    guard isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 else {
      throw CLIError(message: "the console needs a terminal; for scripts use `popp-console overview` or the other commands (see --help)")
    }
    // `:profile NAME` ends one connection's console and opens the next one's.
    var profile = self.profile
    while let next = try await runOnce(profile: profile) {
      profile = next
      RunConfig.reread(environment: ProcessInfo.processInfo.environment)
    }
  }

  /// One console on one connection; returns the profile to switch to, if asked.
  private func runOnce(profile: String?) async throws -> String? {
    let environment = ProcessInfo.processInfo.environment
    let resolved = try ConnectionLoading.resolve(profile: profile, environment: environment)
    let settings = resolved.settings
    let paths = ConsolePaths(environment: environment)
    let setup = ConsoleSetup.load(paths: paths, themeName: theme, environment: environment)

    var running: RunningSandbox?
    let connection: ConsoleConnection
    var setupProblems: [String] = []
    let hubChoice = hub.map { (path: $0, source: "--hub") } ?? resolved.hub
    var attachedHub: String?
    if let hubChoice, !sandbox {
      switch try await HubAttaching.welcome(hubChoice, fallback: resolved.hubFallback, canPollDirectly: settings.hasCredentials) {
      case .attached(let welcome):
        attachedHub = hubChoice.path
        // With hub-fallback = "direct", the recruiter's own credentials poll Popp whenever the hub goes away: the
        // same organization at the same address only, since the cache and outbox are the hub's organization's.
        var fallback: ClientConfiguration?
        if resolved.hubFallback == .direct && settings.hasCredentials {
          let own = try resolved.clientConfiguration()
          if own.organizationId == welcome.organizationId && own.baseURL == welcome.baseURL {
            fallback = own
          } else {
            setupProblems.append(
              "hub-fallback = \"direct\" is ignored: your credentials are for organization \(own.organizationId) at \(own.baseURL.absoluteString), "
                + "the hub serves \(welcome.organizationId) at \(welcome.baseURL.absoluteString)")
          }
        }
        connection = .hub(
          ConnectionInfo(
            organizationId: welcome.organizationId, baseURL: welcome.baseURL, isSandbox: welcome.isSandbox,
            profileName: resolved.profile?.name, hubPath: hubChoice.path, hubUser: welcome.user),
          fallback: fallback)
      case .direct(let why):
        setupProblems.append(why)
        connection = .http(try resolved.clientConfiguration(), profileName: resolved.profile?.name)
      }
    } else if sandbox || !settings.hasCredentials {
      if !sandbox, let hint = resolved.profileChoiceHint { setupProblems.append(hint + "; showing the built-in sandbox meanwhile") }
      let started = try await RunningSandbox.start(SandboxConfiguration(port: 0, speed: sandboxSpeed, demoSize: demoSize))
      running = started
      connection = .http(try started.clientConfiguration(), isSandbox: true)
    } else {
      connection = .http(try resolved.clientConfiguration(), profileName: resolved.profile?.name)
    }
    let pollSettings = polling.apply(to: setup.polling)
    let session = try ConsoleSession(
      connection: connection, pollSettings: pollSettings, storage: .standard(for: connection.info, in: paths),
      environment: environment, pollRequestTimeout: polling.requestTimeout)
    let mailbox = session.mailbox
    let service: any ConsoleBackend =
      attachedHub.map { HubLink(path: $0, app: PoppConsoleVersion.app, session: session) } ?? session.service

    var problems = setup.problems + setupProblems + session.problems
    var state = await session.initialState()
    state.profileNames = resolved.profileNames
    var theme = setup.theme
    if let accent = resolved.profile?.accent, !session.connection.isSandbox {
      if let accented = theme.accenting(accent) {
        theme = accented
      } else {
        problems.append("profiles.\(resolved.profile!.name).accent \"\(accent)\" is not a colour (use #rrggbb, 0-255 or a colour name)")
      }
    }
    state.bindings = setup.bindings
    state.phones = try country.normalizer(environment: environment, connection: resolved)
    state.flash = problems.first.map {
      problems.count > 1 ? "\($0) (and \(problems.count - 1) more: see stderr on exit)" : $0
    }
    let (initial, finalTheme) = (state, theme)
    let outcome = await UIThread.run { () -> Result<(Int32?, String?), ConsoleApp.Failure> in
      do {
        let app = try ConsoleApp(
          state: initial, theme: finalTheme, environment: environment, mailbox: mailbox, service: service)
        let signal = app.run()
        return .success((signal, app.nextProfile))
      } catch let failure as ConsoleApp.Failure {
        return .failure(failure)
      } catch {
        return .failure(ConsoleApp.Failure(description: "\(error)"))
      }
    }
    await service.stop()
    await running?.stop()
    for problem in problems { FileHandle.standardError.write(Data("popp-console: \(problem)\n".utf8)) }
    switch outcome {
    case .failure(let failure): throw CLIError(message: failure.description, exitCode: ExitStatus.failure)
    case .success((let signal?, _)): Foundation.exit(128 + signal)
    case .success((nil, let next)): return next
    }
  }
}

/// Keymap, theme, polling and composer keys from the config file and flags, with every
/// problem of the file (all its sections, in file order) and of the theme.
struct ConsoleSetup {
  /// Every context's keys: `[keymap]` over the panes, `[composer]` in the composer, `[keymap.<context>]` in each.
  var bindings = Bindings.defaults
  var theme = Theme.builtInDefault
  var polling = PollSettings()
  var problems: [String] = []

  /// A path as a person would type it: `~/.config/...` rather than the whole home folder.
  static func shown(_ file: URL, environment: [String: String]) -> String {
    guard let home = environment["HOME"], !home.isEmpty, file.path.hasPrefix(home + "/") else { return file.path }
    return "~" + file.path.dropFirst(home.count)
  }

  /// From the run's config document (see `RunConfig`).
  static func load(paths: ConsolePaths, themeName flag: String?, environment: [String: String]) -> ConsoleSetup {
    load(document: RunConfig.document(environment: environment), paths: paths, themeName: flag)
  }

  static func load(document: ConfigDocument, paths: ConsolePaths, themeName flag: String?) -> ConsoleSetup {
    var setup = ConsoleSetup()
    let config = ConfigFile(document: document)
    let (polling, pollingProblems) = PollSettingsLoader.apply(from: document)
    let (composerKeys, composerProblems) = ComposerKeysLoader.apply(from: document)
    let (bindings, keymapProblems) = KeymapLoader.bindings(from: document, composerKeys: composerKeys)
    setup.bindings = bindings
    setup.polling = polling
    let problems = document.problems + config.problems + keymapProblems + pollingProblems + composerProblems
    setup.problems = problems.inFileOrder().map(\.description)
    if let themeName = flag ?? config.theme {
      let directories = paths.themeDirectories(executable: ConsolePaths.runningExecutable)
      let (theme, error) = ThemeLoader.load(named: themeName, searchDirectories: directories)
      setup.theme = theme
      if let error { setup.problems.append(error.description + " — using the default theme") }
    }
    return setup
  }
}

/// The ncurses thread: one dedicated thread owns the terminal for the console's lifetime, so
/// the blocking `poll` never starves Swift's concurrency pool.
enum UIThread {
  static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      let thread = Thread { continuation.resume(returning: body()) }
      thread.name = "popp-console-ui"
      thread.start()
    }
  }
}
