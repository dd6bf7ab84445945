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

  /// Routes a key to the active mode: a command its contexts bind, else typing.
  public mutating func handle(_ key: Key) -> [Effect] {
    let outcome = act { mode, console in
      if let command = console.bindings.command(for: key, in: mode.keyContexts) { return mode.perform(command, console: &console) }
      return mode.type(key, console: &console)
    }
    guard outcome.passesKeyOn else { return outcome.effects }
    return outcome.effects + handle(key)
  }

  /// Runs a command in the active mode, as its key would.
  public mutating func perform(_ command: CommandName) -> [Effect] {
    act { mode, console in mode.perform(command, console: &console) }.effects
  }

  /// Lets the active mode act on the state: it is taken off the stack meanwhile, and put back (under what it opened)
  /// unless it closed.
  private mutating func act(_ body: (inout any ConsoleMode, inout AppState) -> ModeOutcome) -> ModeOutcome {
    var mode = activeMode
    let fromStack = !modes.isEmpty
    if fromStack { modes.removeLast() }
    let depth = modes.count
    let outcome = body(&mode, &self)
    if fromStack && outcome.staysOpen { modes.insert(mode, at: min(depth, modes.count)) }
    return outcome
  }

  /// Keeps every open mode's scroll within the viewport's limits.
  mutating func clampModeScrolls() {
    let console = self
    for position in modes.indices { modes[position].fit(console) }
  }

  /// Shows every open mode a service event, bottom first; a mode may close on it.
  mutating func applyToModes(_ event: ServiceEvent) -> [Effect] {
    var effects: [Effect] = []
    var position = 0
    while position < modes.count {
      var mode = modes[position]
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
    }
    // What the event changed (a campaign's fields, the keys) may have moved a scroll's far end.
    clampModeScrolls()
    return effects
  }
}
