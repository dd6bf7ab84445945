import ConsoleCore
import Foundation
import Testing

/// The thread pane's first header line (name · contact) of a console at 120 columns: what it has open.
private func openName(_ screen: String) -> String? {
  let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
  guard lines.count > 2, let header = lines[2].split(separator: "│").last else { return nil }
  let name = header.trimmingCharacters(in: .whitespaces)
  return name.isEmpty ? nil : name
}

/// A process's environment and arguments, as anyone on the box could read them.
private func exposed(pid: String) -> String {
  let environ = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ"))) ?? Data()
  let arguments = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()
  return String(decoding: environ + arguments, as: UTF8.self).replacingOccurrences(of: "\0", with: "\n")
}

/// A hub with real consoles of real Unix users in tmux: each sees the other within moments, writes go through the
/// hub, and no recruiter's process ever holds the key.
@Suite(.serialized, .enabled(if: getuid() == 0, "makes Unix users and a group: runs as root, as CI does"))
struct HubTeamEndToEndTests {
  @Test func twoRecruitersSeeWhereTheOtherIsAndAnOutsiderIsToldWhy() async throws {
    try await offPoolAwaiting {
      let team = try UnixTeam()
      defer { team.remove() }
      try await withHub(extra: ["--group", team.group]) { _, hub in try Self.recruiters(of: team, on: hub) }
    }
  }

  /// Synchronous, as tmux is driven (an async closure this long crashed the compiler's sendability pass).
  static func recruiters(of team: UnixTeam, on hub: HubProcess) throws {
    let ana = try TmuxSession(columns: 120, rows: 40, arguments: "--hub \(hub.socket)", user: team.member)
    let cy = try TmuxSession(columns: 120, rows: 40, arguments: "--hub \(hub.socket)", user: team.colleague)
    for console in [ana, cy] {
      try console.wait(for: "the hub's conversations") { $0.contains("via hub · 25 conversations") }
      let seen = exposed(pid: try console.consolePid())
      #expect(seen.contains("--hub"), "read the right process: \(seen)")
      #expect(!seen.contains("sandbox-key") && !seen.contains("POPP_API_KEY"), "a recruiter's console never holds the key")
    }

    // Both on the Review tab, in the same order; ana opens the first flag and cy's list marks it at once.
    for console in [ana, cy] {
      try console.send("2")
      try console.wait(for: "the Review tab") { $0.contains("│!") }
    }
    try ana.send("Enter")
    let anaOpen = try #require(openName(try ana.wait(for: "ana's thread") { $0.contains("⚑ Needs review") }))
    try cy.wait(for: "ana's presence in cy's list") { $0.contains("│!@") }

    // cy opens the same thread: its header says who else is there; then ana's take-over asks first, naming cy.
    try cy.send("Enter")
    try cy.wait(for: "ana viewing in cy's header") { $0.contains("◆ \(team.member) viewing") && openName($0) == anaOpen }
    try ana.wait(for: "cy viewing in ana's header") { $0.contains("◆ \(team.colleague) viewing") }
    try ana.send("t")
    try ana.wait(for: "the question naming cy") { $0.contains("\(team.colleague) is reading the thread of") }
    try ana.send("y")
    try ana.wait(for: "taken over") { $0.contains("YOU are speaking") }
    try cy.wait(for: "taken over by ana") {
      $0.contains("◆ taken over by \(team.member)") && $0.contains("\(team.member) is speaking")
    }
    // The notice saying so is on the bar for 5 s, which a loaded machine's captures can miss; `:messages` keeps it.
    try cy.send("m")
    try cy.wait(for: "ana's take-over in cy's messages") { $0.contains("Messages ·") && $0.contains("\(team.member) took over") }
    try cy.send("Escape")
    try cy.wait(for: "cy back on the thread") { !$0.contains("Messages ·") && $0.contains("◆ taken over by \(team.member)") }

    // ana writes: cy sees her typing; cy's own take-over asks first, naming ana.
    try ana.send("r")
    try ana.send("-l", "On it")
    try cy.wait(for: "ana typing") { $0.contains("◆ \(team.member) typing") }
    try cy.send("t")
    try cy.wait(for: "the question naming ana") { $0.contains("A colleague is on it") && $0.contains("\(team.member) took over") }
    try cy.send("n")

    // Outside the group: refused before the screen opens, in words that say what to do.
    let bob = try TmuxSession(columns: 120, rows: 40, arguments: "--hub \(hub.socket)", user: team.outsider)
    try bob.wait(for: "the refusal") { $0.contains("you are not in group \(team.group); ask your admin") }
    #expect(bob.exitStatus != "0")
  }
}

/// Two consoles of one Unix user are two sessions: they see each other, and two `n` pressed together open
/// different flags.
@Suite(.serialized) struct HubPresenceEndToEndTests {
  @Test func twoSessionsPressingNTogetherLandOnDifferentFlags() async throws {
    try await offPoolAwaiting {
      try await withHub { _, hub in try Self.twoSessions(on: hub) }
    }
  }

  static func twoSessions(on hub: HubProcess) throws {
    let first = try TmuxSession(columns: 120, rows: 40, arguments: "--hub \(hub.socket)")
    let second = try TmuxSession(columns: 120, rows: 40, arguments: "--hub \(hub.socket)")
    for console in [first, second] { try console.wait(for: "attached") { $0.contains("via hub · 25 conversations") } }
    try first.send("n")
    try second.send("n")
    var names: [String?] = []
    for console in [first, second] {
      let screen = try console.wait(for: "a flag open, and the other session's presence") {
        // With a thread open the list may be the first pane (the campaigns fold away to give the thread room).
        $0.contains("⚑ Needs review") && ($0.contains("│!@") || $0.contains("\n!@"))
      }
      names.append(openName(screen))
    }
    #expect(names[0] != nil && names[0] != names[1], "\(names)")

    // `n` again passes by what the other session has open.
    try first.send("n")
    let moved = try first.wait(for: "the next flag") { openName($0) != names[0] && $0.contains("⚑ Needs review") }
    #expect(openName(moved) != names[1], "the other session's flag is passed by")
  }
}
