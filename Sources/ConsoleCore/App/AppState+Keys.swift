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
    case .bulk:
      return bulkKey(key, keymap: keymap)
    case .campaign(let id, let scroll):
      let command = keymap.command(for: key)
      switch (key, command) {
      case (.escape, _), (_, .back?), (_, .viewCampaign?): overlay = nil
      case (_, .moveDown?): overlay = .campaign(id: id, scroll: scroll + 1)
      case (_, .moveUp?): overlay = .campaign(id: id, scroll: max(scroll - 1, 0))
      case (_, .pageDown?): overlay = .campaign(id: id, scroll: scroll + pageSize)
      case (_, .pageUp?): overlay = .campaign(id: id, scroll: max(scroll - pageSize, 0))
      case (_, .editCampaign?), (_, .launch?), (_, .bulkLaunch?), (_, .quit?):
        // Act on the campaign on screen, whatever the panes have selected.
        overlay = nil
        if let position = campaigns.firstIndex(where: { $0.id == id }) { campaignSelection = position + 1 }
        return perform(command!)
      default: break
      }
      return []
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
      // A help taller than the window scrolls (the renderer keeps it within bounds).
      switch keymap.command(for: key) {
      case .moveDown?:
        helpScroll += 1
        return []
      case .moveUp?:
        helpScroll = max(helpScroll - 1, 0)
        return []
      case .pageDown?:
        helpScroll += pageSize
        return []
      case .pageUp?:
        helpScroll = max(helpScroll - pageSize, 0)
        return []
      default: break
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
