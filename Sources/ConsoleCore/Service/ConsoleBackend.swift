/// What the console's UI loop drives: the service that polls Popp itself (`ConsoleService`), or a link to the
/// team's hub (`HubLink` in PoppHub), which does the same work once for every console of the organization.
public protocol ConsoleBackend: Sendable {
  /// The recruiter's drafts: always in the recruiter's own state folder, whichever backend.
  var drafts: DraftSaver { get }
  /// Starts the work of `effects` without waiting for it.
  func start(_ effects: [Effect])
  /// Starts following the organization (polls, or the hub's pushes).
  func startPolling() async
  /// Stops, with pending drafts written.
  func stop() async
  /// What this console has open and whether it is typing, for the team to see (ignored when polling alone).
  func present(_ presence: Presence)
}

extension ConsoleService: ConsoleBackend {
  public nonisolated func present(_ presence: Presence) {}
}
