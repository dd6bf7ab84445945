public import PoppAPI

/// What a hub lends one recruiter's command line or CSV launch: reads and launches with the hub's own client,
/// take-over and hand-back audited under the recruiter's Unix user, messages through the hub's durable outbox, and
/// the engine the hub's consoles see, so a change made this way shows on every console at once.
public struct RelayedWork: Sendable {
  public let client: any PoppClient
  public let workflow: ConsoleWorkflow
  public let engine: SyncEngine

  public init(client: any PoppClient, workflow: ConsoleWorkflow, engine: SyncEngine) {
    self.client = client
    self.workflow = workflow
    self.engine = engine
  }
}
