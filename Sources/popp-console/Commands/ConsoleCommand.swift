import ArgumentParser
import ConsoleCore
import ConsoleUI
import Foundation
import PoppAPI
import PoppSandbox

/// `popp-console`: the terminal console, on Popp when credentials are set, else on the built-in
/// sandbox.
struct ConsoleCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "console", abstract: "Open the terminal console (the default command).")

  @Flag(help: "Use the built-in sandbox even when credentials are set.") var sandbox = false
  @Option(help: "Colour theme by name (see themes/); overrides the config's `theme`.") var theme: String?
  @Option(name: .customLong("demo-size"), help: "Conversations of demo data in the built-in sandbox.") var demoSize = 200
  @Option(name: .customLong("sandbox-speed"), help: "Simulated seconds per real second in the built-in sandbox.") var sandboxSpeed: Double =
    1

  func run() async throws {
    guard isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 else {
      throw CLIError(message: "the console needs a terminal; for scripts use `popp-console overview` or the other commands (see --help)")
    }
    let environment = ProcessInfo.processInfo.environment
    let settings = try ConnectionSettings.fromEnvironment(environment)
    let paths = ConsolePaths(environment: environment)
    let setup = ConsoleSetup.load(paths: paths, themeName: theme, environment: environment)

    var running: RunningSandbox?
    let client: any PoppClient
    let connection: ConnectionInfo
    if sandbox || !settings.hasCredentials {
      let started = try await RunningSandbox.start(SandboxConfiguration(port: 0, speed: sandboxSpeed, demoSize: demoSize))
      running = started
      client = try started.client()
      connection = ConnectionInfo(organizationId: started.organization.id, baseURL: started.baseURL, isSandbox: true)
    } else {
      let configuration = try settings.clientConfiguration()
      client = HTTPPoppClient(configuration: configuration)
      connection = ConnectionInfo(organizationId: configuration.organizationId, baseURL: configuration.baseURL, isSandbox: false)
    }
    var state = AppState(connection: connection)
    state.flash = setup.problems.first.map {
      setup.problems.count > 1 ? "\($0) (and \(setup.problems.count - 1) more: see stderr on exit)" : $0
    }
    let (keymap, theme, initial) = (setup.keymap, setup.theme, state)
    let outcome = await UIThread.run { () -> Result<Int32?, ConsoleApp.Failure> in
      do {
        return .success(try ConsoleApp(state: initial, keymap: keymap, theme: theme, client: client, environment: environment).run())
      } catch let failure as ConsoleApp.Failure {
        return .failure(failure)
      } catch {
        return .failure(ConsoleApp.Failure(description: "\(error)"))
      }
    }
    await running?.stop()
    for problem in setup.problems { FileHandle.standardError.write(Data("popp-console: \(problem)\n".utf8)) }
    switch outcome {
    case .failure(let failure): throw CLIError(message: failure.description, exitCode: ExitStatus.failure)
    case .success(let signal?): Foundation.exit(128 + signal)
    case .success(nil): break
    }
  }
}

/// Keymap and theme from the config file and flags, with every problem found on the way.
struct ConsoleSetup {
  var keymap = Keymap.defaults
  var theme = Theme.builtInDefault
  var problems: [String] = []

  /// A path as a person would type it: `~/.config/...` rather than the whole home folder.
  static func shown(_ file: URL, environment: [String: String]) -> String {
    guard let home = environment["HOME"], !home.isEmpty, file.path.hasPrefix(home + "/") else { return file.path }
    return "~" + file.path.dropFirst(home.count)
  }

  static func load(paths: ConsolePaths, themeName flag: String?, environment: [String: String]) -> ConsoleSetup {
    var setup = ConsoleSetup()
    var themeName = flag
    let file = paths.configFile
    if let text = try? String(contentsOf: file, encoding: .utf8) {
      let (keymap, problems) = KeymapLoader.apply(configText: text, file: Self.shown(file, environment: environment))
      setup.keymap = keymap
      setup.problems += problems.map(\.description)
      if themeName == nil { themeName = ConfigPeek.string("theme", in: text) }
    }
    if let themeName {
      let directories = paths.themeDirectories(executable: Bundle.main.executableURL)
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
