public import Foundation
public import PoppAPI

/// One console's wiring on one connection: its clients, the cache, the sync engine, the
/// recruiter's workflow (drafts, outbox, audit log) and the service that carries out the
/// state's effects, all reporting to one mailbox. The console, the service tests and the
/// benchmarks build it here and nowhere else, so what they run is what the recruiter runs.
public struct ConsoleSession: Sendable {
  public let connection: ConnectionInfo
  /// Attached to a hub with the recruiter's own credentials to poll Popp while it is gone (`hub-fallback = "direct"`).
  public let fallsBackToDirect: Bool
  /// Where the engine, the outbox and the service leave their results for the UI thread.
  public let mailbox: Mailbox<ServiceEvent>
  public let store: LocalStore
  public let engine: SyncEngine
  public let service: ConsoleService
  /// The drafts as saved when the session began, forms' among them under their own keys.
  public let draftsAtStart: [String: String]
  /// Files that could not be opened, each a sentence for the recruiter; the session works
  /// in memory in their place.
  public let problems: [String]
  let alerts: AlertSettings
  /// The recruiter's side: the hub gives each attached console a service of its own over the same workflow.
  let workflow: ConsoleWorkflow
  let actionsClient: any PoppClient
  /// Whether the cache held anything to paint before the first poll answers.
  let cacheHadData: Bool

  /// - Parameters:
  ///   - environment: the console's own; the notifier's command gets it less the API key.
  ///   - pollClient: stands in for the fail-fast client of polls and sends (a test's stand-in,
  ///     or a server that is down); by default one is made from `connection`.
  ///   - pollRequestTimeout: seconds a poll or a send may take before it counts as failed.
  public init(
    connection: ConsoleConnection, pollSettings: PollSettings, storage: SessionStorage,
    environment: [String: String] = ProcessInfo.processInfo.environment, pollClient: (any PoppClient)? = nil,
    pollRequestTimeout: Double = 15
  ) throws {
    let info = connection.info
    self.connection = info
    fallsBackToDirect = connection.fallsBackToDirect
    var problems: [String] = []
    store = try SessionStores.openCache(at: storage.cachePath, problems: &problems)
    let snapshot = try store.snapshot()
    cacheHadData = !snapshot.isEmpty
    let mailbox = Mailbox<ServiceEvent>()
    self.mailbox = mailbox
    let failFast = pollClient ?? connection.failFastClient(requestTimeout: pollRequestTimeout)
    engine = SyncEngine(
      client: failFast, store: store, snapshot: snapshot, mailbox: mailbox, settings: pollSettings,
      notifier: Notifier(command: pollSettings.alerts.notifyCommand, environment: environment))

    let workflowStore = try SessionStores.openWorkflow(at: storage.workflowPath, problems: &problems)
    let audit = storage.auditPath.map(AuditLog.init(path:))
    let organization = info.organizationId
    let outbox = Outbox(
      client: failFast, store: workflowStore, organizationId: organization, audit: audit, inFlightLimit: pollRequestTimeout
    ) { entry in
      mailbox.post(.outgoing(entry))
    }
    let actionsClient = connection.actionsClient()
    let workflow = ConsoleWorkflow(
      actions: ConversationActions(client: actionsClient, organizationId: organization, audit: audit), outbox: outbox,
      drafts: DraftSaver(store: workflowStore), audit: audit)
    service = ConsoleService(client: actionsClient, engine: engine, workflow: workflow, mailbox: mailbox)
    self.workflow = workflow
    self.actionsClient = actionsClient
    draftsAtStart = (try? workflowStore.allDrafts()) ?? [:]
    alerts = pollSettings.alerts
    self.problems = problems
  }

  /// A service over this session's engine and outbox that acts as `user` and reports its results (not the polls'
  /// or the outbox's, which stay on `mailbox`) to `replies`: a hub's, for one attached console.
  public func service(actingAs user: String, reportingTo replies: Mailbox<ServiceEvent>) -> ConsoleService {
    ConsoleService(client: actionsClient, engine: engine, workflow: workflow.acting(as: user), mailbox: replies)
  }

  /// This session's client, outbox and engine acting as `user`: a hub's, for a recruiter's command line.
  public func relay(actingAs user: String) -> RelayedWork {
    RelayedWork(client: actionsClient, workflow: workflow.acting(as: user), engine: engine)
  }

  /// Messages the outbox has not sent yet (pending, sending, failed).
  public var unsentOutgoing: [OutboxEntry] { workflow.outbox.unsentEntries() }
}
