import ArgumentParser
import ConsoleCore
import Foundation
import PoppAPI
import Synchronization

@main
struct PoppConsole: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "popp-console",
    abstract: "A terminal console for recruiters working Popp AI outreach, with a built-in sandbox.",
    discussion: """
      Credentials come from the environment or a profile of the config file, never from arguments:
        POPP_API_KEY, POPP_ORGANIZATION_ID, POPP_BASE_URL (default https://api.joinpopp.com/v1),
        POPP_PROFILE or --profile NAME for [profiles.NAME] of ~/.config/popp-console/config.toml.
      Without them, popp-console starts its built-in sandbox. `popp-console doctor` checks the setup.

      With no subcommand popp-console opens the terminal console (press ? inside for the keys).

      Exit codes: 0 ok, 1 API or network error, 2 usage error.
      """,
    version: PoppConsoleVersion.current,
    subcommands: [
      ConsoleCommand.self, OverviewCommand.self, SandboxCommand.self, CampaignsCommand.self, TemplatesCommand.self,
      ConversationsCommand.self, DoctorCommand.self, HubCommand.self,
    ],
    defaultSubcommand: ConsoleCommand.self)

  static func main() async {
    // Before logging: generating a script reads no config and writes no log.
    if let script = CompletionScripts.requested(by: Array(CommandLine.arguments.dropFirst())) {
      print(script)
      Foundation.exit(0)
    }
    startLogging()
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
    } catch let error as PoppError {
      // A refused key or an unreachable server is often a value from the wrong place: say where each came from.
      let origins: String? =
        switch error {
        case .unauthorized, .transport: ConnectionLoading.lastOrigins.withLock { $0 }
        default: nil
        }
      FileHandle.standardError.write(Data("popp-console: \(error)\(origins.map { " (\($0))" } ?? "")\n".utf8))
      Foundation.exit(error.isUsageError ? ExitStatus.usage : ExitStatus.failure)
    } catch let error as CLIError {
      FileHandle.standardError.write(Data("popp-console: \(error.message)\n".utf8))
      Foundation.exit(error.exitCode)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(code == .validationFailure ? ExitStatus.usage : code.rawValue)
    }
  }
}

enum ExitStatus {
  static let failure: Int32 = 1
  static let usage: Int32 = 2
}

/// A failure of the command line itself, with its exit code.
struct CLIError: Error {
  var message: String
  var exitCode: Int32 = ExitStatus.usage
}

extension PoppError {
  /// Missing or malformed settings are the user's to fix, like a bad flag.
  var isUsageError: Bool {
    if case .invalidConfiguration = self { return true }
    return false
  }
}

extension PoppConsole {
  /// Logs go to a file from the first moment (never to the terminal, which the console owns).
  /// The level is read here, before the arguments are parsed, so that parsing itself and every
  /// command log alike; `--log-level` is declared by `LoggingOption` for help and validation.
  static func startLogging() {
    let environment = ProcessInfo.processInfo.environment
    let (config, _) = ConnectionLoading.config(environment: environment)
    let (choice, problem) = LogSetup.choose(
      arguments: Array(CommandLine.arguments.dropFirst()), environment: environment, configLevel: config.logLevel)
    LogSetup.bootstrap(choice, file: ConsolePaths(environment: environment).logFile)
    if let problem { FileHandle.standardError.write(Data("popp-console: \(problem)\n".utf8)) }
  }
}

/// `--log-level`, read by `startLogging` before parsing; declared here so that help lists it.
struct LoggingOption: ParsableArguments {
  @Option(
    name: .customLong("log-level"),
    help: ArgumentHelp(
      "Log to $XDG_STATE_HOME/popp-console/popp-console.log at this level: trace, debug, info (default), notice, warning, error, critical or off.",
      valueName: "LEVEL"))
  var logLevel: String?
}
