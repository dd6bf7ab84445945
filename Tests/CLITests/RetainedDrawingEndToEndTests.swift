import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The console sends a frame's changed rows only (`RetainedWindow`): whatever it went through, the terminal must show
/// what a full repaint shows. Each step is compared, colours and attributes included, with the same screen after a
/// SIGWINCH (on which the console forgets what the terminal shows and sends everything; `C-l` would do the same but
/// is a key, which an open dialog may take).
@Suite(.serialized) struct RetainedDrawingEndToEndTests {
  @Test func everyScreenMatchesAFullRepaint() async throws {
    try await offPool { try Self.compareStepsWithRepaints() }
  }

  private static func compareStepsWithRepaints() throws {
    let session = try TmuxSession(columns: 120, rows: 40, arguments: "--sandbox-speed 0")
    try session.wait(for: "first paint with data") { $0.contains("SANDBOX") && $0.contains("need review") }
    let steps: [(String, [String], (String) -> Bool)] = [
      ("moves down", ["j", "j", "j"], { _ in true }),
      ("the help over the panes", ["?"], { $0.contains("Navigation") }),
      ("the help closed", ["q"], { !$0.contains("Navigation") }),
      ("the Needs review tab", ["2"], { _ in true }),
      ("back to all, moves up", ["1", "k"], { _ in true }),
      ("a / filter", ["/", "a", "n"], { $0.contains("/ an") }),
      ("the filter cleared", ["Escape"], { !$0.contains("/ an") }),
      ("the campaign form over the panes", ["c"], { $0.contains("New campaign") }),
      ("the form closed", ["Escape"], { !$0.contains("New campaign") }),
      ("a flagged thread open", ["n"], { $0.contains("Speaking for the company") }),
      ("the take-over question over the thread", ["r"], { $0.contains("Take over") }),
      ("the question declined", ["n"], { !$0.contains("Take over") }),
      ("the thread zoomed", ["z"], { !$0.contains(" Conversations ") }),
      ("the panes back", ["z"], { $0.contains("Conversations") }),
      ("the command prompt", [":"], { _ in true }),
      ("the prompt gone", ["Escape"], { _ in true }),
      ("the list again", ["Escape", "j"], { _ in true }),
    ]
    for (what, keys, shown) in steps {
      for key in keys { try session.send(key) }
      try session.wait(for: what) { shown($0) }
      let incremental = try settledScreen(session)
      try repaintWhole(session)
      let repainted = try settledScreen(session)
      #expect(incremental == repainted, "after \(what), the screen differs from a full repaint")
    }
    try session.tmux(["resize-window", "-t", "console", "-x", "100", "-y", "30"])
    try session.wait(for: "the narrower layout") { $0.split(separator: "\n").allSatisfy { $0.count <= 100 } }
    let resized = try settledScreen(session)
    try repaintWhole(session)
    #expect(resized == (try settledScreen(session)), "after a resize, the screen differs from a full repaint")
    try session.send("q")
  }

  private static func repaintWhole(_ session: TmuxSession) throws {
    guard let pid = pid_t(try session.consolePid()) else {
      Issue.record("no console process")
      return
    }
    kill(pid, SIGWINCH)
  }

  /// The screen with colours and attributes (`capture-pane -e`) once two captures agree, digits masked: ages ("12 s")
  /// and "updated 3 s ago" tick with the clock between the two screens compared, which no drawing decides. Attributes
  /// at the end of a line go too: they colour blanks that show nothing (the two ways of clearing a row leave tmux
  /// different foregrounds on them).
  private static func settledScreen(_ session: TmuxSession) throws -> String {
    var last = ""
    for _ in 0..<40 {
      Thread.sleep(forTimeInterval: 0.15)
      let screen = maskingDigits(try session.tmux(["capture-pane", "-p", "-e", "-t", "console"]))
        .split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.replacingOccurrences(of: #"(\x1b\[[0-9;]*m)+$"#, with: "", options: .regularExpression) }
        .joined(separator: "\n")
      if screen == last { return screen }
      last = screen
    }
    return last
  }

  /// Every run of digits and the spaces before it as "#", except inside escape sequences (the colours' numbers are
  /// compared).
  static func maskingDigits(_ screen: String) -> String {
    var masked = ""
    var inEscape = false
    var inDigits = false
    for character in screen {
      if inEscape {
        masked.append(character)
        if character.isLetter { inEscape = false }
        continue
      }
      if character == "\u{1B}" {
        inEscape = true
        inDigits = false
        masked.append(character)
      } else if character.isASCII && character.isNumber {
        if !inDigits {
          // Right-aligned ages pad "9 s" wider than "10 s": the padding goes with the digits.
          while masked.last == " " { masked.removeLast() }
          masked.append("#")
        }
        inDigits = true
      } else {
        inDigits = false
        masked.append(character)
      }
    }
    return masked
  }
}
