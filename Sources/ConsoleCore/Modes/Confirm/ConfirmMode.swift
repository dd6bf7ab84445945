/// A question the recruiter must answer before something happens.
public struct ConfirmMode: ConsoleMode, Hashable {
  public var title: String
  public var message: String
  public var effect: Effect
  /// What opens once the effect has worked (e.g. the template picker after a take-over).
  public var then: FollowUp?

  public init(title: String, message: String, effect: Effect, then: FollowUp? = nil) {
    self.title = title
    self.message = message
    self.effect = effect
    self.then = then
  }

  public var keyContexts: [KeyContext] { [.confirm] }

  public mutating func perform(_ command: CommandName, console: inout AppState) -> ModeOutcome {
    switch command {
    case ConfirmCommands.yes:
      if case .takeOver(let id) = effect {
        console.takeOverInFlight = id
        if let then { console.afterTakeOver = (id, then) }
      }
      return .close([effect])
    case ConfirmCommands.no: return .close
    default: return .stay
    }
  }
}

/// What the recruiter meant to do once a conversation is theirs.
public enum FollowUp: Sendable, Hashable {
  case templates
  case reply
  /// Send again a message the outbox gave up on.
  case retry(outgoingId: String)
}

extension FollowUp {
  var isRetry: Bool {
    if case .retry = self { return true }
    return false
  }
}
