import Foundation
import Testing

/// Ctrl-Z in the middle of a reply, then `fg`, in a shell with job control: the terminal is the
/// shell's while the console is stopped, and the console comes back as it was, draft included.
@Suite(.serialized) struct SuspendEndToEndTests {
  @Test func ctrlZSuspendsAndFgResumesWithTheDraftAndTheTerminalModes() async throws {
    try await offPool {
      let session = try TmuxSession(
        columns: 100, rows: 30, arguments: "--sandbox-speed 0 --demo-size 20", host: .interactiveShell)
      try session.wait(for: "first paint") { $0.contains("need review") }
      try session.draftReplyToOldestFlag("Half a reply 日本")
      #expect(try flowControl(of: session) == "-ixon", "the console runs with XON/XOFF off (C-s is a key)")

      try session.send("C-z")
      let stopped = try session.wait(for: "the shell's job report") { screen in
        let lastLine = screen.split(separator: "\n").last { !$0.allSatisfy(\.isWhitespace) } ?? ""
        return screen.contains("Stopped") && lastLine.hasPrefix("shell$")
      }
      if !stopped.contains("Stopped") {
        // What the pane's processes were doing, should the shell not have reported the stop.
        let tty = try session.value("#{pane_tty}").replacingOccurrences(of: "/dev/", with: "")
        Issue.record(
          "processes on \(tty):\n\(try Spawn.run(["/bin/ps", "-o", "pid,pgid,tpgid,stat,wchan:20,cmd", "-t", tty], capture: true))")
      }
      #expect(!stopped.contains("YOU are speaking"), "the console's screen is put away")
      #expect(try session.value("#{alternate_on}") == "0", "the main screen is back while stopped")
      #expect(try session.value("#{cursor_flag}") == "1", "the cursor is visible while stopped")

      try session.send("-l", "fg")
      try session.send("Enter")
      try session.wait(for: "the console again, draft and all") { $0.contains("YOU are speaking") && $0.contains("Half a reply 日本") }
      #expect(try session.value("#{alternate_on}") == "1")
      #expect(try flowControl(of: session) == "-ixon", "flow control stays off after resuming, or C-s would freeze the terminal")

      try session.send("-l", " and the rest")
      try session.send("Enter")
      try session.wait(for: "the whole reply sent") { $0.contains("YOU · ") && $0.contains("Half a reply 日本 and the rest") }
      try session.send("q")
      try session.wait(for: "exit") { _ in session.exitStatus != nil }
      #expect(session.exitStatus == "0")
    }
  }

  /// `ixon` or `-ixon` in the pane's terminal settings, read from outside.
  private func flowControl(of session: TmuxSession) throws -> String? {
    try session.terminalSettings().split(whereSeparator: \.isWhitespace).first { $0 == "ixon" || $0 == "-ixon" }.map(String.init)
  }
}
