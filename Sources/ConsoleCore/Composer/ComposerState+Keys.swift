/// What a key in the composer asks of the pane around it; plain edits need nothing.
public enum ComposerAction: Sendable, Hashable {
  /// Send `body` (the caller decides what to do when `isBlank`).
  case send
  /// Esc: close the composer and keep the draft.
  case leave
  /// Ctrl-E: edit the draft in `$VISUAL` / `$EDITOR`.
  case openEditor
}

/// Which keys send and which break the line, so that a config can make Enter a newline and send with another key.
public struct ComposerKeys: Sendable, Hashable {
  /// Keys that send the reply (the first is the one the title line shows).
  public var send: [Key]
  /// Keys that break the line (the first is the one the title line shows).
  public var newline: [Key]

  public init(send: [Key] = [.enter], newline: [Key] = [.altEnter]) {
    self.send = send
    self.newline = newline
  }
}

extension ComposerState {
  /// Applies a key: edits the draft, or returns what the pane must do. Every key is taken (nil for edits and for keys
  /// that mean nothing here) so that typing never reaches the console's keymap.
  public mutating func handle(_ key: Key, keys: ComposerKeys) -> ComposerAction? {
    if keys.send.contains(key) { return .send }
    if keys.newline.contains(key) {
      newline()
      return nil
    }
    switch key {
    case .escape: return .leave
    case .control("e"): return .openEditor
    case .character(let character): insert(String(character))
    case .space: insert(" ")
    case .paste(let text): insert(text)
    // Enter or Alt-Enter that the configuration left unbound still breaks the line rather than doing nothing.
    case .enter, .altEnter: newline()
    case .backspace, .control("h"): deleteBackward()
    case .delete, .control("d"): deleteForward()
    case .control("w"), .altBackspace: deleteWordBackward()
    case .alt("d"): deleteWordForward()
    case .control("u"): deleteToLineStart()
    case .control("k"): deleteToLineEnd()
    case .left, .control("b"): moveLeft()
    case .right, .control("f"): moveRight()
    case .alt("b"), .controlLeft: wordLeft()
    case .alt("f"), .controlRight: wordRight()
    case .home, .control("a"): lineStart()
    case .end: lineEnd()
    case .up, .control("p"): moveUp()
    case .down, .control("n"): moveDown()
    default: break
    }
    return nil
  }
}
