/// One screen over the panes (a dialog, a form, the composer, the prompt line…): its own state, the key contexts its
/// keys are looked up in, what its commands do, and what it makes of the service's events.
///
/// A mode gets the console's state `inout` while it acts, so it can read the panes and change them (a prompt
/// filters the list as it is typed). It is taken off the stack for that time: what it opens goes above it.
public protocol ConsoleMode: Sendable {
  /// Where its keys are looked up, nearest first.
  var keyContexts: [KeyContext] { get }
  /// A command bound in one of its contexts.
  mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome
  /// A key no binding of its contexts claims: typing, for a mode that takes text.
  mutating func type(_ key: Key, console: inout AppState) -> ModeOutcome
  /// A service event, for a mode that waits on one. Every open mode sees every event.
  mutating func apply(_ event: ServiceEvent, console: inout AppState) -> ModeOutcome
  /// The screen changed size: a mode that scrolls keeps its scroll within what the new size shows.
  mutating func fit(_ console: AppState)
}

extension ConsoleMode {
  public func type(_ key: Key, console: inout AppState) -> ModeOutcome { .stay }
  public func apply(_ event: ServiceEvent, console: inout AppState) -> ModeOutcome { .stay }
  public func fit(_ console: AppState) {}
}

/// What a mode's action asks for: the service's work, and whether the mode stays open.
public struct ModeOutcome: Sendable {
  public var effects: [Effect]
  public var staysOpen: Bool
  /// The key goes on to what is under the mode once it has closed (the help closes on any other key and lets it act).
  public var passesKeyOn: Bool

  public init(effects: [Effect] = [], staysOpen: Bool, passesKeyOn: Bool = false) {
    self.effects = effects
    self.staysOpen = staysOpen
    self.passesKeyOn = passesKeyOn
  }

  public static let stay = ModeOutcome(staysOpen: true)
  public static let close = ModeOutcome(staysOpen: false)
  public static func stay(_ effects: [Effect]) -> ModeOutcome { ModeOutcome(effects: effects, staysOpen: true) }
  public static func close(_ effects: [Effect]) -> ModeOutcome { ModeOutcome(effects: effects, staysOpen: false) }
  /// Closes, and the key acts on what is under.
  public static let closeAndPassOn = ModeOutcome(staysOpen: false, passesKeyOn: true)
}
