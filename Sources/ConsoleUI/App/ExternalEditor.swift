import CNCurses
import ConsoleCore
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Ctrl-E in the composer: the draft in the recruiter's own editor, for replies too long for a few lines.
///
/// The draft goes to a private file (mode 0600) in `$TMPDIR`; the editor runs on the terminal, found as `$VISUAL`, else
/// `$EDITOR`, else `vi`, split on spaces into its arguments and started without a shell; the file is read back and
/// deleted. Call it on the UI thread, between frames, and draw a whole frame after it.
public enum ExternalEditor {
  public struct Failure: Error, Hashable, CustomStringConvertible {
    /// One line for the status bar, saying the draft is unchanged.
    public var description: String
  }

  /// The edited draft (without the line feed editors add at the end), or why the draft was left as it was.
  public static func edit(_ text: String, environment: [String: String]) -> Result<String, Failure> {
    let command = command(in: environment)
    let program = TerminalSanitizer.sanitize(command[0])
    let directory = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    var template = Array((directory + "/popp-draft-XXXXXX.txt").utf8CString)
    // mkstemps creates the file with mode 0600 and fails rather than follow a name someone else made.
    let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
    guard fd >= 0 else {
      return .failure(Failure(description: "cannot create a file for the editor: \(errorText()); the draft is unchanged"))
    }
    let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    defer { unlink(path) }
    let written = writeAll(Array(text.utf8), to: fd)
    close(fd)
    guard written else { return .failure(Failure(description: "cannot write the draft for the editor: \(errorText())")) }

    let onScreen = cn_is_stopped() == 0
    if onScreen { cn_suspend() }
    var exitStatus: Int32 = 0
    let failure = run(command + [path], environment: environment, exitStatus: &exitStatus)
    if onScreen { cn_resume() }

    if failure != 0 {
      return .failure(Failure(description: "cannot start \(program): \(String(cString: strerror(failure))); the draft is unchanged"))
    }
    if exitStatus != 0 {
      return .failure(Failure(description: "\(program) exited with status \(exitStatus); the draft is unchanged"))
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failure(Failure(description: "cannot read the edited draft back; the draft is unchanged"))
    }
    var edited = String(decoding: data, as: UTF8.self)
    if edited.last == "\n" || edited.last == "\r\n" { edited.removeLast() }
    return .success(edited)
  }

  /// `$VISUAL`, else `$EDITOR`, else `vi`, as program and arguments. Spaces separate arguments; there is no quoting.
  static func command(in environment: [String: String]) -> [String] {
    for name in ["VISUAL", "EDITOR"] {
      let words = (environment[name] ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      if !words.isEmpty { return words }
    }
    return ["vi"]
  }

  /// Starts the editor with the console's environment less its API key, and waits for it. Returns the errno of a
  /// failed start, or 0.
  private static func run(_ arguments: [String], environment: [String: String], exitStatus: inout Int32) -> Int32 {
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.filter { $0.key != "POPP_API_KEY" }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    return cn_run_program(argv, envp, &exitStatus)
  }

  private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let count = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return false }
      offset += count
    }
    return true
  }

  private static func errorText() -> String { String(cString: strerror(errno)) }
}
