import ConsoleCore
import Foundation
import PoppHub

extension DoctorCommand {
  /// The hub a console would attach to (`--hub`, `POPP_HUB`): its socket, its mode and group, and whether this user
  /// may attach, asked of the hub itself.
  func checkHub(_ path: String, into report: inout DoctorReport) async {
    report.section("Hub")
    var status = stat()
    // Without a readable socket the attach below says why (no hub, or a group this user is not in).
    if stat(path, &status) == 0 {
      guard status.st_mode & S_IFMT == S_IFSOCK else {
        report.fail("\(path) is not a socket", fix: "point --hub at the hub's socket")
        return
      }
      let mode = String(status.st_mode & 0o777, radix: 8)
      let owner = UnixAccounts.user(uid: UInt32(status.st_uid))?.name ?? "uid \(status.st_uid)"
      let group = UnixAccounts.group(gid: UInt32(status.st_gid))?.name ?? "gid \(status.st_gid)"
      if status.st_mode & 0o007 != 0 {
        report.fail("\(path) is open to every user (mode \(mode))", fix: "restart the hub; it makes its socket 0600 or 0660")
      } else {
        report.pass("socket \(path) (mode \(mode), owner \(owner), group \(group))")
      }
    }
    do {
      let (welcome, hub) = try await HubClient.attach(path: path, app: PoppConsoleVersion.app) { welcome, session in
        (welcome, try await session.status())
      }
      report.pass(
        "attached as \(Output.clean(welcome.user)) to \(Output.clean(welcome.app)): organization \(Output.clean(welcome.organizationId))"
          + (welcome.isSandbox ? " (the built-in sandbox)" : ""))
      let freshness = hub.updatedAt.map { "updated \(RelativeTime.describe($0, now: Date()))" } ?? "not polled yet"
      report.info(
        "\(hub.conversations) conversations, \(hub.needingReview) need review, \(freshness); \(hub.consoles) console"
          + (hub.consoles == 1 ? "" : "s") + " attached (\(Output.clean(hub.users.joined(separator: ", "))))")
      if let problem = hub.problem { report.fail("the hub cannot poll: \(Output.clean(problem))", fix: "see the hub's output") }
    } catch let error as HubConnectionError {
      // A refusal is the hub's own sentence: shown as text, never as terminal commands.
      report.fail(Output.clean(error.description), fix: Self.fix(for: error))
    } catch {
      report.fail("cannot attach: \(error)")
    }
  }

  static func fix(for error: HubConnectionError) -> String {
    switch error {
    case .notInGroup(_, let group): "an admin adds you with `usermod -aG \(group) $USER`; log in again"
    case .refused(let refusal) where refusal.reason == .protocolVersion: "install one popp-console for the hub and the consoles"
    case .notRunning, .noHub: "start `popp-console hub` (or its service)"
    default: "see the line above"
    }
  }
}
