import Foundation

extension CommandName {
  /// `:status NAME` shows a status tab by name; its key (`s`) shows the next tab.
  public static let status = CommandName(
    "status", "Show a status tab: :status review (all, review, ongoing, taken-over, completed, closed)", group: "Filters")
}

extension AppState {
  /// A line typed at the `:` prompt: a pane command by name or unique prefix, some with an argument
  /// (`:profile NAME`, `:status review`, `:filter TEXT`).
  mutating func runCommandLine(_ line: String) -> [Effect] {
    let words = line.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
    guard let name = words.first, !name.isEmpty else { return [] }
    let matches = CommandName(rawValue: name).map { [$0] } ?? CommandName.completions(for: name)
    guard matches.count == 1, let command = matches.first else {
      flash =
        matches.isEmpty
        ? "Unknown command \"\(TerminalSanitizer.sanitize(name))\" — press \(paneKey(.help)) for the list"
        : "Ambiguous: " + matches.map(\.rawValue).joined(separator: ", ")
      return []
    }
    guard words.count == 2, !words[1].isEmpty else { return performPaneCommand(command) }
    let argument = words[1]
    switch command {
    case .profile: return switchProfile(to: argument)
    case .status:
      guard let filter = StatusFilter(argument: argument) else {
        flash =
          "No status \"\(TerminalSanitizer.sanitize(argument))\"; known: "
          + StatusFilter.allCases.map(\.argumentName).joined(separator: ", ")
        return []
      }
      select(filter)
    case .filter:
      conversationSelection = 0
      narrowVisibleRows(to: argument)
    default:
      flash = ":\(command.rawValue) takes no argument"
    }
    return []
  }

  /// Sets the `/` filter as it is typed.
  mutating func setTextFilter(_ text: String) {
    guard text != textFilter else { return }
    conversationSelection = 0
    narrowVisibleRows(to: text)
  }

  /// `:profile NAME` closes this connection and opens that profile's; `:profile` alone lists them.
  mutating func switchProfile(to name: String?) -> [Effect] {
    guard let name, !name.isEmpty else {
      flash =
        profileNames.isEmpty
        ? "No profiles: add [profiles.NAME] sections to the config file (see README)."
        : "Profiles: "
          + profileNames.map { $0 == connection.profileName ? "\($0) (in use)" : $0 }.joined(separator: ", ") + " — :profile NAME switches"
      return []
    }
    guard profileNames.contains(name) else {
      flash = "No profile \"\(TerminalSanitizer.sanitize(name))\"; known: \(profileNames.joined(separator: ", "))"
      return []
    }
    guard name != connection.profileName else {
      flash = "Already using profile \(name)."
      return []
    }
    switchToProfile = name
    quitRequested = true
    return []
  }
}
