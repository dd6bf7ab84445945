extension AppState {
  /// Routes a key: to the open prompt or dialog first, else through the keymap.
  public mutating func handle(_ key: Key, keymap: Keymap) -> [Effect] {
    switch overlay {
    case .prompt:
      return promptKey(key)
    case .templates:
      return templatesKey(key, keymap: keymap)
    case .form:
      return formKey(key)
    case .audit(let entries, let scroll):
      switch (key, keymap.command(for: key)) {
      case (.escape, _), (_, .back?), (_, .quit?), (_, .audit?): overlay = nil
      case (_, .moveUp?): overlay = .audit(entries: entries, scroll: min(scroll + 1, max(entries.count - 1, 0)))
      case (_, .moveDown?): overlay = .audit(entries: entries, scroll: max(scroll - 1, 0))
      case (_, .pageUp?): overlay = .audit(entries: entries, scroll: min(scroll + pageSize, max(entries.count - 1, 0)))
      case (_, .pageDown?): overlay = .audit(entries: entries, scroll: max(scroll - pageSize, 0))
      default: break
      }
      return []
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
      if composer != nil { return composerKey(key) }
    }
    guard let command = keymap.command(for: key) else {
      flash = nil
      return []
    }
    return perform(command)
  }
}
