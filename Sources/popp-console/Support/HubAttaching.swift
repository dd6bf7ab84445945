import ConsoleCore
import Foundation
import PoppHub

/// A console's first word with the team's hub, before its session is built: the hub says which organization it
/// serves (the console's cache is that organization's), or refuses in a sentence the recruiter sees.
enum HubAttaching {
  enum Outcome {
    case attached(HubWelcome)
    /// Poll Popp directly instead (`hub-fallback = "direct"`): why, for the status bar.
    case direct(String)
  }

  /// How long a console waits between attempts while the hub is not running (`hub-fallback = "wait"`).
  static let retryDelay: Duration = .milliseconds(200)

  static func welcome(_ hub: (path: String, source: String), fallback: HubFallback, canPollDirectly: Bool) async throws
    -> Outcome
  {
    var waiting = false
    while true {
      do {
        return .attached(try await HubLink.welcome(path: hub.path, app: PoppConsoleVersion.app))
      } catch let error as HubConnectionError {
        switch error {
        case .noHub, .notRunning, .closed:
          if fallback == .direct && canPollDirectly {
            return .direct("\(error.description); polling Popp directly (hub-fallback = \"direct\")")
          }
          if !waiting {
            waiting = true
            FileHandle.standardError.write(
              Data("popp-console: \(error.description) (\(hub.source)); waiting for it (Ctrl-C gives up)\n".utf8))
          }
          try await Task.sleep(for: retryDelay)
        default:
          throw CLIError(message: "\(hub.source) \(hub.path): \(error.description)", exitCode: ExitStatus.failure)
        }
      }
    }
  }
}
