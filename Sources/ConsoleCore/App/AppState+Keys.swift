extension AppState {
  /// Routes a key: to the open prompt or dialog first, else through the keymap.
  public mutating func handle(_ key: Key, keymap: Keymap) -> [Effect] {
    switch overlay {
    case .prompt:
      return promptKey(key)
    case .templates:
      return templatesKey(key, keymap: keymap)
    case .confirm:
      switch key {
      case .character("y"), .character("Y"), .enter: return confirm(true)
      case .character("n"), .character("N"), .escape: return confirm(false)
      default: return []
      }
    case .help:
      if key == .escape || keymap.command(for: key) == .help || keymap.command(for: key) == .quit {
        overlay = nil
        return []
      }
      overlay = nil
    case nil:
      break
    }
    guard let command = keymap.command(for: key) else {
      flash = nil
      return []
    }
    return perform(command)
  }
}
