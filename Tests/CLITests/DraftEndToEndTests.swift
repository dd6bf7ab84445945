import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A reply being typed survives the console being killed (SIGKILL: saved at most a second
/// behind) and the SSH session dropping (SIGHUP: written before the console exits).
@Suite(.serialized) struct DraftEndToEndTests {
  @Test(arguments: [(SIGKILL, "SIGKILL"), (SIGHUP, "SIGHUP")])
  func aDraftSurvives(signal: Int32, name: String) async throws {
    try await offPool {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let session = try TmuxSession(
        columns: 140, rows: 40, arguments: "", environment: sandbox.environment.filter { $0.key != "XDG_STATE_HOME" })
      try session.wait(for: "first load") { $0.contains("need review") }
      try session.send("n")
      try session.wait(for: "a flagged thread") { $0.contains("⚑ Needs review") }
      try session.send("r")
      try session.wait(for: "the offer to take over") { $0.contains("Take over first") }
      try session.send("y")
      try session.wait(for: "the composer") { $0.contains("Reply to") }
      let draft = "Draft before \(name): 日本語 and émojis 🎉"
      try session.send("-l", draft)
      try session.wait(for: "the typed draft") { $0.contains("Draft before \(name)") }
      // SIGKILL gives no chance to write: the saver is at most a second behind. SIGHUP at once.
      if signal == SIGKILL { Thread.sleep(forTimeInterval: 1.5) }
      let pid = try session.consolePid()
      #expect(kill(pid_t(pid) ?? 0, signal) == 0)
      try session.wait(for: "the console gone") { _ in session.exitStatus != nil }

      try session.restart()
      try session.wait(for: "the console again") { $0.contains("need review") }
      try session.send("4")
      try session.wait(for: "the taken-over tab") { $0.contains("4 Taken 1") && $0.contains("│!T ") }
      try session.send("Enter")
      try session.wait(for: "the thread") { $0.contains("YOU are speaking") }
      try session.send("r")
      let screen = try session.wait(for: "the draft restored") { $0.contains("Reply to") && $0.contains("Draft before \(name)") }
      #expect(screen.contains("日本語 and émojis"))
      // Esc and q apart: typed together they would read as Alt-q.
      try session.send("Escape")
      try session.wait(for: "the composer closed") { !$0.contains("Reply to") }
      try session.send("q")
      try session.wait(for: "exit") { _ in session.exitStatus != nil }
      #expect(session.exitStatus == "0")
    }
  }
}
