extension AppState {
  /// The screen that takes keys now: the topmost open mode, else the focused pane.
  public var activeMode: any ConsoleMode { modes.last ?? paneMode }

  /// The focused pane as a mode: its keys are the `list` or `thread` context over `global`.
  var paneMode: any ConsoleMode {
    switch focus {
    case .campaigns: CampaignsPaneMode()
    case .conversations: ConversationsPaneMode()
    case .thread: ThreadPaneMode()
    }
  }

  /// The focused pane's key contexts, nearest first.
  public var paneKeyContexts: [KeyContext] { paneMode.keyContexts }

  /// The topmost open mode of a kind.
  public func mode<Mode: ConsoleMode>(_ kind: Mode.Type) -> Mode? {
    modes.last { $0 is Mode } as? Mode
  }

  public func isOpen<Mode: ConsoleMode>(_ kind: Mode.Type) -> Bool { modes.contains { $0 is Mode } }

  /// Opens a mode over everything else; it takes the keys from now on.
  public mutating func open(_ mode: any ConsoleMode) {
    modes.append(mode)
  }

  /// Closes every open mode of a kind.
  public mutating func close<Mode: ConsoleMode>(_ kind: Mode.Type) {
    modes.removeAll { $0 is Mode }
  }

  /// Changes the topmost open mode of a kind in place.
  public mutating func update<Mode: ConsoleMode>(_ kind: Mode.Type, _ change: (inout Mode) -> Void) {
    guard let position = modes.lastIndex(where: { $0 is Mode }), var mode = modes[position] as? Mode else { return }
    change(&mode)
    modes[position] = mode
  }

  /// Routes a key to the active mode: a command its contexts bind, else typing.
  public mutating func handle(_ key: Key) -> [Effect] {
    var mode = activeMode
    let fromStack = !modes.isEmpty
    if fromStack { modes.removeLast() }
    let depth = modes.count
    let outcome: ModeOutcome
    if let command = bindings.command(for: key, in: mode.keyContexts) {
      outcome = mode.perform(command, console: &self)
    } else {
      outcome = mode.type(key, console: &self)
    }
    // What the mode opened goes above it.
    if fromStack && outcome.staysOpen { modes.insert(mode, at: min(depth, modes.count)) }
    guard outcome.passesKeyOn else { return outcome.effects }
    return outcome.effects + handle(key)
  }

  /// Runs a command in the active mode, as its key would (the `:` prompt runs the panes' commands this way).
  public mutating func perform(_ command: CommandName) -> [Effect] {
    var mode = activeMode
    let fromStack = !modes.isEmpty
    if fromStack { modes.removeLast() }
    let depth = modes.count
    let outcome = mode.perform(command, console: &self)
    if fromStack && outcome.staysOpen { modes.insert(mode, at: min(depth, modes.count)) }
    return outcome.effects
  }

  /// Shows every open mode a service event, bottom first; a mode may close on it.
  mutating func applyToModes(_ event: ServiceEvent) -> [Effect] {
    var effects: [Effect] = []
    var position = 0
    while position < modes.count {
      var mode = modes[position]
      let before = modes.count
      let outcome = mode.apply(event, console: &self)
      effects += outcome.effects
      // A mode that opened another keeps its place under it.
      guard position < modes.count else { break }
      if outcome.staysOpen {
        modes[position] = mode
        position += 1
      } else {
        modes.remove(at: position)
      }
      _ = before
    }
    return effects
  }
}
