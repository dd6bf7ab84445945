import Foundation
import Testing

/// The console inside GNU screen (TERM=screen: 8 colours, its own escape handling and alternate
/// screen), itself in a tmux pane that gives it a size and lets the test read what screen drew.
@Suite(.serialized) struct GNUScreenEndToEndTests {
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/screen"), "GNU screen is not installed"))
  func theConsoleWorksInsideGNUScreenAndRestoresItsWindow() async throws {
    try await offPool {
      let session = try TmuxSession(columns: 120, rows: 40, arguments: "--sandbox-speed 0", host: .gnuScreen)
      var screen = try session.wait(for: "first paint with data") { $0.contains("SANDBOX") && $0.contains("need review") }
      #expect(screen.contains(" Campaigns ") && screen.contains(" Conversations ") && screen.contains(" Thread"), "three panes at 120×40")
      #expect(screen.contains("Zoë Brontë") && screen.contains("지민 박"), "UTF-8 names survive screen's translation")
      let borders = Set(try session.rows().dropFirst().dropLast().compactMap { DisplayColumns.columns(of: "│", in: $0).first })
      #expect(borders.count == 1, "the first pane border sits in one column on every row: \(borders.sorted())")
      let titleBar = try session.tmux(["capture-pane", "-p", "-e", "-t", "console", "-S", "0", "-E", "0"])
      #expect(titleBar.contains(/\x1B\[4[0-7]m/), "a background colour reaches the terminal through screen: \(titleBar.debugDescription)")

      try session.draftReplyToOldestFlag("Merci, à demain 日本 🎉")
      try session.send("Enter")
      screen = try session.wait(for: "the reply in the thread") { $0.contains("YOU · ") && $0.contains("Merci, à demain 日本 🎉") }
      #expect(!screen.contains("NOT SENT"))

      try session.tmux(["resize-window", "-t", "console", "-x", "80", "-y", "24"])
      screen = try session.wait(for: "the stacked layout at 80×24") { !$0.contains(" Campaigns ") && $0.contains("YOU are speaking") }
      #expect(try session.rows().allSatisfy { DisplayColumns.width($0) <= 80 }, "no row wider than the window")

      try session.send("h")
      try session.wait(for: "the hand-back question") { $0.contains("Hand back") && $0.contains("y yes") }
      try session.send("y")
      try session.wait(for: "the agent speaking again") { $0.contains("AGENT is speaking") }
      try session.send("q")
      try session.wait(for: "exit") { _ in session.exitStatus != nil }
      #expect(session.exitStatus == "0", "quit exits 0")
      try expectRestored(session)
    }
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/screen"), "GNU screen is not installed"))
  func quittingGivesBackScreensWindowAsItWas() async throws {
    try await offPool {
      let session = try TmuxSession(columns: 100, rows: 30, arguments: "--sandbox-speed 0 --demo-size 20", host: .gnuScreen)
      try session.wait(for: "first paint") { $0.contains("need review") }
      try session.send("q")
      try session.wait(for: "exit") { _ in session.exitStatus != nil }
      #expect(session.exitStatus == "0")
      // screen keeps the window's lines while a program uses its alternate screen (not across a
      // resize: screen's own limit, which is why the test above does not look for them).
      let screen = try session.wait(for: "the window as before") { $0.contains("after-console") }
      #expect(screen.hasPrefix("before-console\n"), "what was on screen before the console is back: \(screen)")
      try expectRestored(session)
    }
  }

  /// After the console: screen's terminal back in cooked mode, the cursor shown, the console's
  /// panes gone and text printed in the default colours.
  private func expectRestored(_ session: TmuxSession) throws {
    let screen = try session.wait(for: "the shell's line after the console") { $0.contains("after-console") }
    #expect(!screen.contains("Conversations") && !screen.contains("SANDBOX"), "the console's screen is gone: \(screen)")
    let settings = try String(contentsOf: session.home.appendingPathComponent("stty-after"), encoding: .utf8)
    for flag in ["icanon", "echo", "isig", "icrnl", "opost", "onlcr"] {
      #expect(settings.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).contains(Substring(flag)), "\(flag) is set again")
    }
    #expect(try session.value("#{cursor_flag}") == "1", "the cursor is visible again")
    let styled = try session.tmux(["capture-pane", "-p", "-e", "-t", "console"])
    let line = styled.split(separator: "\n").first { $0.contains("after-console") } ?? ""
    #expect(line == "after-console", "printed in the default colours, nothing left over: \(line.debugDescription)")
  }
}
