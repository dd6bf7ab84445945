import ConsoleCore
import Foundation
import PoppAPI

/// Who took which conversation over through the hub, kept beside the hub's outbox so that a restarted hub still
/// names them ("taken over by ana") until the conversation is handed back.
struct HubHolderFile: Sendable {
  let path: String

  /// The holders as last saved. Their console numbers named connections of a hub that has ended, so each becomes 0
  /// (`TeamMember.console`); a file that cannot be read is no holders, never a reason not to start.
  func load() -> [String: TeamMember] {
    guard let data = FileManager.default.contents(atPath: path),
      let saved = try? JSONDecoder().decode([String: TeamMember].self, from: data)
    else { return [:] }
    return saved.mapValues { TeamMember(console: 0, user: $0.user) }
  }

  /// Written whole and renamed over the last, so a crash leaves the old file or the new one.
  func save(_ holders: [String: TeamMember]) {
    let kept = holders.mapValues { TeamMember(console: $0.console, user: $0.user) }
    guard let data = try? JSONEncoder().encode(kept) else { return }
    try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
  }
}
