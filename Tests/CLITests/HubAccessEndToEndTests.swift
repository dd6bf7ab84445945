import ConsoleCore
import Foundation
import PoppHub
import Testing

/// Real Unix users and a real group, made for the test and removed after (CI runs as root): who may attach to a hub
/// is what the kernel says of each connection, checked against the account database as it is now.
final class UnixTeam {
  let group: String
  let member: String
  /// A second member of the group.
  let colleague: String
  let outsider: String

  init() throws {
    let tag = String(UUID().uuidString.prefix(6)).lowercased()
    group = "popp-t\(tag)"
    member = "ana\(tag)"
    colleague = "cy\(tag)"
    outsider = "bob\(tag)"
    try Self.run("/usr/sbin/groupadd", [group])
    try Self.run("/usr/sbin/useradd", ["--no-create-home", "--shell", "/usr/sbin/nologin", "--groups", group, member])
    try Self.run("/usr/sbin/useradd", ["--no-create-home", "--shell", "/usr/sbin/nologin", "--groups", group, colleague])
    try Self.run("/usr/sbin/useradd", ["--no-create-home", "--shell", "/usr/sbin/nologin", outsider])
  }

  func remove() {
    for user in [member, colleague, outsider] { try? Self.run("/usr/sbin/userdel", [user]) }
    try? Self.run("/usr/sbin/groupdel", [group])
  }

  /// `popp-console ARGUMENTS` as `user`, with exactly the supplementary groups given (setpriv execs directly: the
  /// environment stays the test's).
  func run(as user: String, groups: [String]? = nil, _ arguments: [String], environment: [String: String]) throws -> CLI.Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
    let groupArguments = groups.map { ["--groups", $0.joined(separator: ",")] } ?? ["--init-groups"]
    process.arguments = ["--reuid=\(user)", "--regid=\(user)"] + groupArguments + ["--", CLI.binary.path] + arguments
    process.environment = CLI.environment(environment)
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLI.Result(
      status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self), stderr: String(decoding: errors, as: UTF8.self))
  }

  static func run(_ tool: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CLIError("\(tool) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
    }
  }
}

struct CLIError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

@Suite(.serialized, .enabled(if: getuid() == 0, "makes Unix users and a group: runs as root, as CI does"))
struct HubAccessEndToEndTests {
  @Test func aGroupMemberAttachesAndAnyoneElseIsToldTheyAreNotInTheGroup() async throws {
    try await offPoolAwaiting {
      let team = try UnixTeam()
      defer { team.remove() }
      try await withHub(extra: ["--group", team.group]) { _, hub in
        #expect(hub.readyLine.hasPrefix("hub listening on "), "\(hub.stderr)")
        let groupId = try #require(UnixAccounts.group(named: team.group)?.gid)
        #expect(mode(of: hub.socket).map { $0.mode == 0o660 && $0.gid == groupId } == true, "0660 in the team's group")
        #expect(mode(of: (hub.socket as NSString).deletingLastPathComponent)?.mode == 0o2750)

        // A recruiter with no credentials at all attaches: the key stays in the hub.
        let noCredentials = ["XDG_STATE_HOME": "/tmp", "XDG_CONFIG_HOME": "/nonexistent"]
        let member = try team.run(as: team.member, ["doctor", "--hub", hub.socket], environment: noCredentials)
        #expect(member.stdout.contains("attached as \(team.member)"), "\(member.stdout)\(member.stderr)")

        // Outside the group the kernel keeps them off the socket; the console says why.
        let outsider = try team.run(as: team.outsider, ["doctor", "--hub", hub.socket], environment: noCredentials)
        #expect(outsider.status != 0)
        #expect(outsider.stdout.contains("you are not in group \(team.group); ask your admin"), "\(outsider.stdout)\(outsider.stderr)")

        // A session that still carries the group after the account left it passes the socket's mode; the hub, which
        // asks the account database, refuses it with the same words.
        let stale = try team.run(as: team.outsider, groups: [team.group], ["doctor", "--hub", hub.socket], environment: noCredentials)
        #expect(stale.status != 0)
        #expect(stale.stdout.contains("you are not in group \(team.group); ask your admin"), "\(stale.stdout)\(stale.stderr)")
        #expect(!stale.stdout.contains("attached as"))
      }
    }
  }

  /// A folder another user made could let them swap the socket under the hub: it refuses to listen there.
  @Test func aSocketFolderOfAnotherUserIsRefused() async throws {
    try await offPoolAwaiting {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let scratch = try sharedScratch()
      defer { try? FileManager.default.removeItem(at: scratch) }
      let folder = scratch.appendingPathComponent("run")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
      #expect(chown(folder.path, 65_534, 65_534) == 0)
      let hub = try HubProcess(sandbox: sandbox, folder: scratch)
      #expect(hub.stop() != 0)
      #expect(hub.readyLine.isEmpty)
      #expect(hub.stderr.contains("the folder belongs to uid 65534, not to this user"), "\(hub.stderr)")
      #expect(!FileManager.default.fileExists(atPath: hub.socket))
    }
  }
}
