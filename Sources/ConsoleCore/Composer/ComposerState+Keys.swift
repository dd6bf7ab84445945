/// What a key in the composer asks of the pane around it; plain edits need nothing.
public enum ComposerAction: Sendable, Hashable {
  /// Send `body` (the caller decides what to do when `isBlank`).
  case send
  /// Close the composer and keep the draft.
  case leave
  /// Edit the draft in `$VISUAL` / `$EDITOR`.
  case openEditor
}

/// Which keys send and which break the line, as the config's old `[composer]` table says; the console folds them
/// into the `composer` context's `send` and `newline`.
public struct ComposerKeys: Sendable, Hashable {
  /// Keys that send the reply.
  public var send: [Key]
  /// Keys that break the line.
  public var newline: [Key]

  public init(send: [Key] = [.enter], newline: [Key] = [.altEnter]) {
    self.send = send
    self.newline = newline
  }
}

extension ComposerState {
  /// Applies a key as `contexts` bind it: an editing command, a composer command (returned for the pane to carry
  /// out), or typing. Every key is taken (nil for edits and for keys that mean nothing here) so that typing never
  /// reaches the console's keymap.
  public mutating func handle(
    _ key: Key, bindings: Bindings, contexts: [KeyContext] = KeyContext.composer.chain
  ) -> ComposerAction? {
    guard let command = bindings.command(for: key, in: contexts) else {
      type(key)
      return nil
    }
    return perform(command)
  }

  /// Carries out a command of the `composer` or `editor` context; returns what the pane must do.
  public mutating func perform(_ command: CommandName) -> ComposerAction? {
    switch command {
    case ComposerCommands.send: return .send
    case ComposerCommands.leave: return .leave
    case ComposerCommands.editExternally: return .openEditor
    case ComposerCommands.newline: newline()
    default: edit(command)
    }
    return nil
  }

  /// An editing command; false when `command` is not one.
  @discardableResult
  public mutating func edit(_ command: CommandName) -> Bool {
    switch command {
    case EditorCommands.deleteBackward: deleteBackward()
    case EditorCommands.deleteForward: deleteForward()
    case EditorCommands.deleteWordBackward: deleteWordBackward()
    case EditorCommands.deleteWordForward: deleteWordForward()
    case EditorCommands.deleteToLineStart: deleteToLineStart()
    case EditorCommands.deleteToLineEnd: deleteToLineEnd()
    case EditorCommands.cursorLeft: moveLeft()
    case EditorCommands.cursorRight: moveRight()
    case EditorCommands.wordLeft: wordLeft()
    case EditorCommands.wordRight: wordRight()
    case EditorCommands.lineStart: lineStart()
    case EditorCommands.lineEnd: lineEnd()
    case EditorCommands.cursorUp: moveUp()
    case EditorCommands.cursorDown: moveDown()
    default: return false
    }
    return true
  }

  /// A key no binding claims: printable text goes in. Enter or Alt-Enter that the configuration left unbound still
  /// breaks the line rather than doing nothing.
  public mutating func type(_ key: Key) {
    switch key {
    case .character(let character): insert(String(character))
    case .space: insert(" ")
    case .paste(let text): insert(text)
    case .enter, .altEnter: newline()
    default: break
    }
  }
}
