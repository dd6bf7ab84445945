import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Real `popp-console --hub` processes, each in a pty of its own at 120×40 on a private tmux server: driven with
/// send-keys, read with capture-pane, as a recruiter's terminal would show them.
final class TmuxConsoles {
  let server = "popp-hub-bench-\(getpid())"
  private(set) var names: [String] = []
  private let home: URL

  init(home: URL) { self.home = home }

  /// Starts one more console attached to `socket`, with no credentials and a state folder of its own.
  func add(binary: String, socket: String) throws {
    let name = "c\(names.count)"
    let folder = home.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("state"), withIntermediateDirectories: true)
    let command =
      "env -u POPP_API_KEY -u POPP_ORGANIZATION_ID -u POPP_BASE_URL HOME=\(folder.path) XDG_CONFIG_HOME=\(folder.path)/config "
      + "XDG_STATE_HOME=\(folder.path)/state TERM=xterm-256color LANG=C.UTF-8 \(binary) --hub \(socket)"
    _ = try tmux(["new-session", "-d", "-s", name, "-x", "120", "-y", "40", command])
    names.append(name)
  }

  func screen(_ index: Int) -> String { (try? tmux(["capture-pane", "-p", "-t", names[index]])) ?? "" }

  func send(_ index: Int, _ keys: String...) { _ = try? tmux(["send-keys", "-t", names[index]] + keys) }

  func stop() { _ = try? tmux(["kill-server"]) }

  /// The Review tab's count as the list's filter bar shows it (`2 Review 37`).
  static func reviewCount(_ screen: String) -> Int? {
    guard let range = screen.range(of: #"2 Review \d+"#, options: .regularExpression) else { return nil }
    return Int(screen[range].split(separator: " ").last ?? "")
  }

  /// tmux, spawned with every descriptor above stderr closed (a tmux server that inherited one would keep it open
  /// for its whole life) and no signal blocked.
  private func tmux(_ arguments: [String]) throws -> String {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw POSIXError(.EMFILE) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap { Int32($0) } ?? []
    for fd in open where fd > 2 && fcntl(fd, F_GETFD) != -1 { posix_spawn_file_actions_addclose(&actions, fd) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let argv = (["tmux", "-L", server] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { envp.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawnp(&pid, "tmux", &actions, &attributes, argv, envp)
    close(fds[1])
    defer { close(fds[0]) }
    guard spawned == 0 else { throw POSIXError(.ENOENT) }
    var output = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = read(fds[0], &buffer, buffer.count)
      if count <= 0 { break }
      output.append(contentsOf: buffer[0..<count])
    }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return String(decoding: output, as: UTF8.self)
  }
}
