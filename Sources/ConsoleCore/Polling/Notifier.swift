public import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the configured `notify-command` for a newly flagged conversation, with the
/// conversation id and the candidate's name as its last two arguments. The program is executed
/// directly (never through a shell, so a name cannot inject a command), with no terminal: its
/// input and output go to /dev/null so it cannot draw over the console.
public struct Notifier: Sendable {
  public let command: [String]
  /// The console's environment less the API key: a notifier has no business with it.
  private let environment: [String]

  public init?(command: [String], environment: [String: String] = ProcessInfo.processInfo.environment) {
    guard let program = command.first, !program.isEmpty else { return nil }
    self.command = command
    self.environment = environment.filter { $0.key != ConnectionSettings.apiKeyVariable }.map { "\($0.key)=\($0.value)" }
  }

  public func notify(_ conversation: Conversation) {
    let name = TerminalSanitizer.sanitize(conversation.participantName)
    run(command + [conversation.id, name])
  }

  /// Starts `arguments` and reaps it on a background thread; failures are silent (an alert
  /// must never stop the console).
  @discardableResult
  func run(_ arguments: [String]) -> pid_t? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for fd: Int32 in [0, 1, 2] {
      posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    var pid: pid_t = 0
    let argv = arguments.map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    // The console blocks and catches signals on its threads; the program starts clean.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let envp = environment.map { strdup($0) } + [nil]
    defer { for pointer in envp { free(pointer) } }
    let status = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
    guard status == 0 else { return nil }
    let child = pid
    Thread.detachNewThread {
      var exitStatus: Int32 = 0
      _ = waitpid(child, &exitStatus, 0)
    }
    return pid
  }
}
