import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The real binary in a real terminal: tmux on a private server, driven with send-keys and
/// read with capture-pane.
final class TmuxSession {
  let server = "popp-e2e-\(UUID().uuidString.prefix(8))"
  let home: URL
  private var command = ""

  /// `environment` is added to the console's (e.g. POPP_* to reach a sandbox process);
  /// `tmuxConfig` is the tmux server's own configuration (e.g. `set -s set-clipboard on`);
  /// `host` is what runs the console in the pane.
  init(
    columns: Int, rows: Int, arguments: String, config: String? = nil, environment: [String: String] = [:],
    tmuxConfig: String? = nil, host: Host = .shellCommand, user: String? = nil
  ) throws {
    home = FileManager.default.temporaryDirectory.appendingPathComponent(server)
    let configFolder = home.appendingPathComponent("config/popp-console")
    try FileManager.default.createDirectory(at: configFolder, withIntermediateDirectories: true)
    if let config { try Data(config.utf8).write(to: configFolder.appendingPathComponent("config.toml")) }
    var runAs = ""
    if let user {
      // The console runs as that Unix user (its files theirs); tmux and the shell around it stay root's.
      let state = home.appendingPathComponent("state")
      try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
      for folder in ["config", "state"] {
        try Spawn.run(["/bin/chown", "-R", user, home.appendingPathComponent(folder).path], capture: false)
      }
      runAs = "/usr/bin/setpriv --reuid=\(user) --regid=\(user) --init-groups -- "
    }
    // SwiftPM runs tests with NO_COLOR=1; the console under test gets a terminal's colours.
    // The shell records the console's exit status in a file (tmux does not always report it),
    // then keeps the pane alive: a dead pane's cursor and modes are tmux's, not what the console left.
    let extra = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    let start =
      "\(runAs)env -u POPP_API_KEY -u POPP_ORGANIZATION_ID -u POPP_BASE_URL -u NO_COLOR HOME=\(home.path) XDG_CONFIG_HOME=\(home.path)/config XDG_STATE_HOME=\(home.path)/state LANG=C.UTF-8 \(extra) \(CLI.binary.path) \(arguments)"
    let launch = "\(start); echo $? > \(home.path)/status"
    command = "\(launch); exec sleep 600"
    // The server this starts inherits the client's stdout: it must not be our pipe, or reading
    // to its end would wait for the server to exit.
    let tmuxConfigFile = home.appendingPathComponent("tmux.conf")
    try Data((tmuxConfig ?? "").utf8).write(to: tmuxConfigFile)
    let paneCommand =
      switch host {
      case .shellCommand: command
      case .gnuScreen: try gnuScreenCommand(running: launch)
      case .interactiveShell:
        // The status is written at the prompt once the console has run and no job is left (a
        // stopped console is a job, not an exit).
        "env -u NO_COLOR HOME=\(home.path) LANG=C.UTF-8 PS1='shell$ ' PROMPT_COMMAND='s=$?; if [ -n \"$STARTED\" ] && ! jobs %% >/dev/null 2>&1; then echo $s > \(home.path)/status; fi' bash --norc --noprofile -i"
      }
    try tmux(
      ["-f", tmuxConfigFile.path, "new-session", "-d", "-s", "console", "-x", String(columns), "-y", String(rows), paneCommand],
      capture: false)
    try tmux(["set-option", "-t", "console", "remain-on-exit", "on"])
    if host == .interactiveShell {
      // The console alone is the job, as when a recruiter types it: a shell around it would stop
      // at once on Ctrl-Z and report before the console has put its screen away.
      try wait(for: "the shell's prompt") { $0.contains("shell$") }
      try send("-l", "STARTED=1; \(start)")
      try send("Enter")
    }
  }

  enum Host {
    /// `sh -c`: the console, then its exit status in `status`, then a pause that keeps the pane.
    case shellCommand
    /// GNU screen in the pane, running the console: the pane shows what screen drew from the
    /// console's output, a line `before-console` before it and, once it has ended, a line
    /// `after-console` (and `stty -a` of screen's terminal in the file `stty-after`).
    case gnuScreen
    /// An interactive bash with job control (prompt `shell$ `), where the console is typed.
    case interactiveShell
  }

  /// GNU screen, with its sockets in the session's folder, running `launch` from a script.
  private func gnuScreenCommand(running launch: String) throws -> String {
    let sockets = home.appendingPathComponent("screens")
    try FileManager.default.createDirectory(at: sockets, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let script = home.appendingPathComponent("console.sh")
    let afterwards = "stty -a > \(home.path)/stty-after; echo after-console; exec sleep 600"
    try Data("echo before-console\n\(launch)\n\(afterwards)\n".utf8).write(to: script)
    let screenConfig = home.appendingPathComponent("screenrc")
    try Data("startup_message off\naltscreen on\nautodetach off\n".utf8).write(to: screenConfig)
    return "env SCREENDIR=\(sockets.path) LANG=C.UTF-8 screen -U -c \(screenConfig.path) -S console sh \(script.path)"
  }

  /// Runs the console again in the same pane, with the same home (config, cache).
  func restart() throws {
    try? FileManager.default.removeItem(at: home.appendingPathComponent("status"))
    try tmux(["respawn-pane", "-k", "-t", "console", command])
  }

  deinit {
    // screen outlives a hung-up terminal only when it may detach (it may not here); quit it anyway.
    let sockets = home.appendingPathComponent("screens")
    if FileManager.default.fileExists(atPath: sockets.path) {
      _ = try? Spawn.run(["/usr/bin/screen", "-S", "console", "-X", "quit"], capture: false, environment: ["SCREENDIR": sockets.path])
    }
    _ = try? tmux(["kill-server"])
    try? FileManager.default.removeItem(at: home)
  }

  @discardableResult
  func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
    // The server's socket lives in the session's own folder, removed with it.
    try Spawn.run(["/usr/bin/tmux", "-L", server] + arguments, capture: capture, environment: ["TMUX_TMPDIR": home.path])
  }

  /// The console's exit status once it has ended.
  var exitStatus: String? {
    (try? String(contentsOf: home.appendingPathComponent("status"), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// The console's process id (the shell's child).
  func consolePid() throws -> String {
    let shell = try value("#{pane_pid}")
    let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
    return children.split(separator: " ").first.map(String.init) ?? ""
  }

  func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "console"]) }

  func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "console"] + keys) }

  func value(_ format: String) throws -> String {
    try tmux(["display-message", "-p", "-t", "console", format]).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// `n t r` and `text` typed: the oldest flagged conversation open, taken over, with `text` in
  /// the composer.
  func draftReplyToOldestFlag(_ text: String) throws {
    try send("n")
    try wait(for: "the oldest flag open") { $0.contains("⚑ Needs review") && $0.contains("AGENT is speaking") }
    try send("t")
    try wait(for: "taken over") { $0.contains("YOU are speaking") }
    try send("r")
    try send("-l", text)
    try wait(for: "the draft") { $0.contains(text) }
  }

  /// Waits until the screen satisfies `predicate` and has settled (up to `seconds`), returning
  /// it. Settled matters: a capture can catch a frame half written.
  @discardableResult
  func wait(for what: String, seconds: Double = 30, _ predicate: (String) -> Bool) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    var last = ""
    while Date() < deadline {
      last = try screen()
      if predicate(last) {
        Thread.sleep(forTimeInterval: 0.15)
        let again = try screen()
        if again == last { return last }
        continue
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    Issue.record("timed out waiting for \(what); the screen was:\n\(last)")
    return last
  }
}

/// Runs a command and waits for it, closing every other descriptor in the child. Foundation's
/// Process is not used here: the tmux server that `new-session` leaves running inherited the
/// descriptor Process watches for the child's exit, so Process never saw the client end.
enum Spawn {
  static func run(_ arguments: [String], capture: Bool, environment extra: [String: String] = [:]) throws -> String {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw POSIXError(.EMFILE) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    if capture {
      posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    } else {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap { Int32($0) } ?? []
    for fd in open where fd > 2 && fcntl(fd, F_GETFD) != -1 {
      posix_spawn_file_actions_addclose(&actions, fd)
    }
    var pid: pid_t = 0
    let argv = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new }
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { envp.forEach { free($0) } }
    // The test runner's threads block most signals and ignore some; a child inherits both, so
    // a tmux server (and the console under it) would never see SIGHUP/SIGTERM and outlive
    // the test. Children start with no signal blocked and every signal at its default.
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
    let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
    close(fds[1])
    guard status == 0 else {
      close(fds[0])
      throw POSIXError(POSIXErrorCode(rawValue: status) ?? .ENOENT)
    }
    var output = Data()
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = read(fds[0], &buffer, buffer.count)
      if count <= 0 { break }
      output.append(contentsOf: buffer[0..<count])
    }
    close(fds[0])
    var exitStatus: Int32 = 0
    waitpid(pid, &exitStatus, 0)
    return String(decoding: output, as: UTF8.self)
  }
}

@Suite(.serialized) struct ConsoleEndToEndTests {
  @Test func navigateFilterOpenResizeAndQuitInARealTerminal() async throws {
    try await offPool {
      let session = try TmuxSession(columns: 120, rows: 40, arguments: "--sandbox-speed 0")
      var screen = try session.wait(for: "first paint with data") { $0.contains("SANDBOX") && $0.contains("need review") }
      #expect(screen.contains("Campaigns") && screen.contains("Conversations") && screen.contains("Thread"), "three panes at 120×40")

      try session.send("2")
      screen = try session.wait(for: "the Needs review tab") { screen in
        // List rows end in an age ("3 min", "2 d"); in this tab every one is flagged.
        let rows = screen.split(separator: "\n").dropFirst(3).dropLast().filter {
          $0.range(of: #"[0-9]+ (s|min|h|d)│"#, options: .regularExpression) != nil
        }
        return !rows.isEmpty && rows.allSatisfy { $0.contains("│!") }
      }

      try session.send("1")
      try session.send("/")
      try session.send("-l", "Zo")
      screen = try session.wait(for: "the / filter") { $0.contains("/ Zo") && $0.contains("Zoë") }
      #expect(!screen.contains("John Doe"))
      try session.send("Enter")
      try session.send("Escape")
      try session.wait(for: "the filter cleared") { !$0.contains("/ Zo") }

      try session.send("j", "j", "Enter")
      screen = try session.wait(for: "the thread") {
        $0.contains("Speaking for the company") && ($0.contains("AGENT ·") || $0.contains("CANDIDATE ·"))
      }

      try session.tmux(["resize-window", "-t", "console", "-x", "80", "-y", "24"])
      screen = try session.wait(for: "the stacked layout") { !$0.contains(" Campaigns ") && $0.contains("Speaking for the company") }
      #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 80 })

      try session.send("q")
      try session.wait(for: "exit") { _ in session.exitStatus != nil }
      #expect(session.exitStatus == "0", "quit exits 0")
      #expect(try session.value("#{alternate_on}") == "0", "the terminal left the alternate screen")
      #expect(try session.value("#{cursor_flag}") == "1", "the cursor is visible again")
    }
  }

  @Test func ctrlCQuitsAndRestoresTheTerminal() async throws {
    try await offPool {
      let session = try TmuxSession(columns: 100, rows: 30, arguments: "--sandbox-speed 0 --demo-size 20")
      try session.wait(for: "first paint") { $0.contains("need review") }
      try session.send("C-c")
      try session.wait(for: "exit on Ctrl-C") { _ in session.exitStatus != nil }
      #expect(session.exitStatus == "130")
      #expect(try session.value("#{alternate_on}") == "0")
    }
  }

  @Test func aConfiguredKeymapAppliesAndItsMistakesAreReportedByLine() async throws {
    try await offPool {
      let config = """
        theme = "light"

        [keymap]
        quit = "Q"
        jump-around = "x"
        """
      let session = try TmuxSession(columns: 120, rows: 30, arguments: "--sandbox-speed 0 --demo-size 20", config: config)
      let screen = try session.wait(for: "the reported problem") { $0.contains("need review") || $0.contains("jump-around") }
      #expect(screen.contains("config.toml:5") && screen.contains("jump-around"), "the unknown command is named with its line")
      try session.send("q")
      Thread.sleep(forTimeInterval: 0.3)
      #expect(session.exitStatus == nil, "q is no longer quit")
      try session.send("Q")
      try session.wait(for: "exit on Q") { _ in session.exitStatus != nil }
      #expect(session.exitStatus == "0")
    }
  }

  @Test func sigtermAndSighupRestoreTheTerminal() async throws {
    try await offPool {
      for signal in ["TERM", "HUP"] {
        let session = try TmuxSession(columns: 100, rows: 30, arguments: "--sandbox-speed 0 --demo-size 20")
        try session.wait(for: "first paint") { $0.contains("need review") }
        let pid = try session.consolePid()
        _ = try Spawn.run(["/bin/kill", "-\(signal)", pid], capture: false)
        try session.wait(for: "exit on SIG\(signal)") { _ in session.exitStatus != nil }
        #expect(session.exitStatus == (signal == "TERM" ? "143" : "129"), "SIG\(signal) is handled and reported as such")
        #expect(try session.value("#{alternate_on}") == "0", "SIG\(signal) leaves the alternate screen")
      }
    }
  }
}

/// The recruiter's loop from a fresh flag to a template reply handed back, in six keys.
@Suite(.serialized) struct WorkflowEndToEndTests {
  @Test func flagToTemplateReplyToHandBackInSixKeystrokes() async throws {
    try await offPool {
      let session = try TmuxSession(columns: 140, rows: 40, arguments: "--sandbox-speed 0")
      try session.wait(for: "first paint with data") { $0.contains("need review") }
      try session.send("n")
      var screen = try session.wait(for: "the oldest flag open") { $0.contains("⚑ Needs review") && $0.contains("AGENT is speaking") }
      try session.send("t")
      try session.send("T")
      screen = try session.wait(for: "the template picker") { $0.contains("Send a template") && $0.contains("Enter sends") }
      // The preview is filled in: no placeholder for the candidate's name is left.
      #expect(!screen.contains("{{CANDIDATE_FIRST_NAME}}"))
      try session.send("Enter")
      screen = try session.wait(for: "the reply in the thread") { $0.contains("YOU · ") && $0.contains("YOU are speaking") }
      #expect(!screen.contains("NOT SENT"))
      try session.send("h")
      try session.wait(for: "the hand-back question") { $0.contains("Hand back") && $0.contains("y yes") }
      try session.send("y")
      screen = try session.wait(for: "the agent speaking again") { $0.contains("Handed back") && $0.contains("AGENT is speaking") }
      #expect(!screen.contains("⚑ Needs review"), "handing back clears the flag")
      try session.send("q")
      try session.wait(for: "exit") { _ in session.exitStatus != nil }
      #expect(session.exitStatus == "0")
    }
  }
}
