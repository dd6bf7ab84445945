public import Foundation

/// A one-line input at the foot of the screen: `/` filters the list as it is typed, `:` runs a command by name,
/// `b` asks for the CSV file to launch.
public struct PromptMode: ConsoleMode, Hashable {
  public enum Kind: Sendable, Hashable {
    /// `/`: filters the list as you type.
    case filter
    /// `:`: a command name, with completion.
    case command
    /// `b`: the CSV file to launch into a campaign, with path completion.
    case csvPath(campaignId: String)
  }

  public var kind: Kind
  public var text: String
  /// The cursor, in Characters from the start.
  public var cursor: Int

  public init(kind: Kind, text: String = "") {
    self.kind = kind
    self.text = text
    cursor = text.count
  }

  public var keyContexts: [KeyContext] { KeyContext.prompt.chain }

  public mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    switch command {
    case PromptCommands.cancel:
      if kind == .filter { console.setTextFilter("") }
      return .close
    case PromptCommands.accept:
      switch kind {
      case .filter: return .close
      case .command: return .close(console.runCommandLine(text))
      case .csvPath(let campaignId): return .close(console.startBulk(campaignId: campaignId, path: text))
      }
    case PromptCommands.complete:
      complete(console: &console)
    default:
      guard edit(command) else { return .stay }
    }
    if kind == .filter { console.setTextFilter(text) }
    return .stay
  }

  public mutating func type(_ key: Key, console: inout AppState) -> ModeOutcome {
    switch key {
    case .character(let character): insert([character])
    case .space: insert([" "])
    case .paste(let pasted): insert(Array(OneLineText.from(pasted: pasted)))
    default: return .stay
    }
    if kind == .filter { console.setTextFilter(text) }
    return .stay
  }

  private mutating func complete(console: inout AppState) {
    switch kind {
    case .filter: return
    case .command:
      let matches = CommandName.completions(for: text.trimmingCharacters(in: .whitespaces))
      if let completion = Self.commonPrefix(matches.map(\.rawValue)), completion.count > text.count {
        text = completion
        cursor = completion.count
      } else if matches.count > 1 {
        console.flash = matches.map(\.rawValue).joined(separator: "  ")
      }
    case .csvPath:
      let (completed, candidates) = PathCompletion.complete(text)
      text = completed
      cursor = completed.count
      if !candidates.isEmpty { console.flash = candidates.prefix(12).map { TerminalSanitizer.sanitize($0) }.joined(separator: "  ") }
    }
  }

  static func commonPrefix(_ words: [String]) -> String? {
    guard var prefix = words.first else { return nil }
    for word in words.dropFirst() {
      while !word.hasPrefix(prefix) { prefix.removeLast() }
    }
    return prefix
  }

  private mutating func insert(_ characters: [Character]) {
    var all = Array(text)
    all.insert(contentsOf: characters, at: cursor)
    cursor += characters.count
    text = String(all)
  }

  /// Applies an editing command of the `editor` context; false when it means nothing on one line.
  mutating func edit(_ command: CommandName) -> Bool {
    var characters = Array(text)
    switch command {
    case EditorCommands.deleteBackward:
      guard cursor > 0 else { return true }
      characters.remove(at: cursor - 1)
      cursor -= 1
    case EditorCommands.deleteForward:
      guard cursor < characters.count else { return true }
      characters.remove(at: cursor)
    case EditorCommands.cursorLeft: cursor = max(cursor - 1, 0)
    case EditorCommands.cursorRight: cursor = min(cursor + 1, characters.count)
    case EditorCommands.lineStart: cursor = 0
    case EditorCommands.lineEnd: cursor = characters.count
    case EditorCommands.deleteToLineStart:
      characters.removeFirst(cursor)
      cursor = 0
    case EditorCommands.deleteToLineEnd:
      characters.removeSubrange(cursor...)
    case EditorCommands.deleteWordBackward:
      var start = cursor
      while start > 0 && characters[start - 1] == " " { start -= 1 }
      while start > 0 && characters[start - 1] != " " { start -= 1 }
      characters.removeSubrange(start..<cursor)
      cursor = start
    case EditorCommands.wordLeft:
      while cursor > 0 && characters[cursor - 1] == " " { cursor -= 1 }
      while cursor > 0 && characters[cursor - 1] != " " { cursor -= 1 }
    case EditorCommands.wordRight:
      while cursor < characters.count && characters[cursor] == " " { cursor += 1 }
      while cursor < characters.count && characters[cursor] != " " { cursor += 1 }
    default:
      return false
    }
    text = String(characters)
    return true
  }
}
