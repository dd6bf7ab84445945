import Foundation

extension AppState {
  /// A key typed while a prompt is open. The `/` filter applies as you type; Esc clears it.
  public mutating func promptKey(_ key: Key) -> [Effect] {
    guard case .prompt(var prompt) = overlay else { return [] }
    switch key {
    case .escape:
      overlay = nil
      if prompt.kind == .filter { setTextFilter("") }
      return []
    case .enter:
      overlay = nil
      if prompt.kind == .command { return runCommandLine(prompt.text) }
      if case .csvPath(let campaignId) = prompt.kind { return startBulk(campaignId: campaignId, path: prompt.text) }
      return []
    case .tab where prompt.kind != .command && prompt.kind != .filter:
      let (completed, candidates) = PathCompletion.complete(prompt.text)
      prompt.text = completed
      prompt.cursor = completed.count
      if !candidates.isEmpty { flash = candidates.prefix(12).map { TerminalSanitizer.sanitize($0) }.joined(separator: "  ") }
    case .tab where prompt.kind == .command:
      let matches = CommandName.completions(for: prompt.text.trimmingCharacters(in: .whitespaces))
      if let completion = Self.commonPrefix(matches.map(\.rawValue)), completion.count > prompt.text.count {
        prompt.text = completion
        prompt.cursor = completion.count
      } else if matches.count > 1 {
        flash = matches.map(\.rawValue).joined(separator: "  ")
      }
    default:
      guard prompt.edit(key) else { return [] }
    }
    overlay = .prompt(prompt)
    if prompt.kind == .filter { setTextFilter(prompt.text) }
    return []
  }

  private mutating func setTextFilter(_ text: String) {
    guard text != textFilter else { return }
    conversationSelection = 0
    narrowVisibleRows(to: text)
  }

  private mutating func runCommandLine(_ line: String) -> [Effect] {
    let words = line.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
    guard let name = words.first, !name.isEmpty else { return [] }
    // Commands that take an argument: `:profile NAME`.
    if words.count == 2, CommandName.profile.rawValue.hasPrefix(name), name.count >= 2 {
      return switchProfile(to: words[1])
    }
    if let command = CommandName(rawValue: name) { return perform(command) }
    let matches = CommandName.completions(for: name)
    if matches.count == 1 { return perform(matches[0]) }
    flash =
      matches.isEmpty
      ? "Unknown command \"\(TerminalSanitizer.sanitize(name))\" — press ? for the list"
      : "Ambiguous: " + matches.map(\.rawValue).joined(separator: ", ")
    return []
  }

  static func commonPrefix(_ words: [String]) -> String? {
    guard var prefix = words.first else { return nil }
    for word in words.dropFirst() {
      while !word.hasPrefix(prefix) { prefix.removeLast() }
    }
    return prefix
  }
}

extension PromptState {
  /// Applies an editing key; false when the key means nothing here.
  mutating func edit(_ key: Key) -> Bool {
    var characters = Array(text)
    switch key {
    case .character(let character):
      characters.insert(character, at: cursor)
      cursor += 1
    case .space:
      characters.insert(" ", at: cursor)
      cursor += 1
    case .paste(let pasted):
      // A one-line prompt: pasted line breaks and tabs become spaces, other controls go.
      let clean = pasted.map { $0.isNewline || $0 == "\t" ? " " : $0 }.filter { !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) }
      characters.insert(contentsOf: clean, at: cursor)
      cursor += clean.count
    case .backspace, .control("h"):
      guard cursor > 0 else { return true }
      characters.remove(at: cursor - 1)
      cursor -= 1
    case .delete, .control("d"):
      guard cursor < characters.count else { return true }
      characters.remove(at: cursor)
    case .left, .control("b"): cursor = max(cursor - 1, 0)
    case .right, .control("f"): cursor = min(cursor + 1, characters.count)
    case .home, .control("a"): cursor = 0
    case .end, .control("e"): cursor = characters.count
    case .control("u"):
      characters.removeFirst(cursor)
      cursor = 0
    case .control("w"):
      var start = cursor
      while start > 0 && characters[start - 1] == " " { start -= 1 }
      while start > 0 && characters[start - 1] != " " { start -= 1 }
      characters.removeSubrange(start..<cursor)
      cursor = start
    default:
      return false
    }
    text = String(characters)
    return true
  }
}

extension AppState {
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
