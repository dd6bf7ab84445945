public import Foundation
import GRDB
import Hummingbird
import Logging
import NIOCore
import PoppAPI

/// How to run a sandbox.
public struct SandboxConfiguration: Sendable {
  public struct Organization: Sendable, Hashable {
    public var id: String
    public var apiKey: String

    public init(id: String, apiKey: String) {
      self.id = id
      self.apiKey = apiKey
    }

    public static let `default` = Organization(id: "sandbox-org", apiKey: "sandbox-key")
  }

  public var host: String
  /// 0 picks any free port.
  public var port: Int
  /// SQLite file; in memory when nil.
  public var databasePath: String?
  public var seed: UInt64
  /// Simulated seconds per real second; 0 freezes the clock.
  public var speed: Double
  /// Conversations seeded per organization on first start.
  public var demoSize: Int
  public var organizations: [Organization]

  public init(
    host: String = "127.0.0.1", port: Int = 8080, databasePath: String? = nil, seed: UInt64 = 1,
    speed: Double = 1, demoSize: Int = 200, organizations: [Organization] = [.default]
  ) {
    self.host = host
    self.port = port
    self.databasePath = databasePath
    self.seed = seed
    self.speed = speed
    self.demoSize = demoSize
    self.organizations = organizations.isEmpty ? [.default] : organizations
  }
}

/// The Popp emulator: the contract's API under `/v1` and the control surface under
/// `/sandbox`, over real HTTP.
public final class SandboxServer: Sendable {
  public let configuration: SandboxConfiguration
  let store: SandboxStore
  let faults = FaultState()
  let stats = RequestStats()

  /// Opens (or creates and seeds) the sandbox's database. Seeding runs the simulation over
  /// the demo's history, so it is done here, before anyone connects.
  public init(configuration: SandboxConfiguration) throws {
    self.configuration = configuration
    let database = try Schema.open(path: configuration.databasePath)
    let saved = try database.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'clock'") }.flatMap(Int64.init)
    let clock: SimulationClock
    if let saved, configuration.speed == 0 {
      // A frozen world stays where it was left: starting at the wall clock would run every
      // event due since the file was last used (a day's worth, for a file from yesterday)
      // the moment it opens.
      clock = SimulationClock(speed: 0, start: saved)
    } else {
      // A running world catches up with the time that passed, or keeps the lead a high speed gave it.
      clock = SimulationClock(speed: configuration.speed)
      if let saved { clock.catchUp(to: saved) }
    }
    store = try SandboxStore(
      database: database, clock: clock, seed: configuration.seed,
      organizations: configuration.organizations.map { ($0.id, $0.apiKey) })
    let now = clock.nowMilliseconds
    let seed = configuration.seed
    let demoSize = configuration.demoSize
    try database.write { db in
      for organization in configuration.organizations {
        let seeded =
          try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM campaign WHERE organizationId = ?)", arguments: [organization.id])
          ?? false
        if !seeded {
          var world = World(db: db, seed: SeededRandom.hash(seed, SeededRandom.hash(organization.id)))
          try DemoData.seed(organizationId: organization.id, conversations: demoSize, in: &world, now: now)
        }
      }
    }
  }

  /// Serves until the task is cancelled (or, with `gracefulShutdownSignals`, until SIGINT or
  /// SIGTERM). `onReady` receives the `/v1` base URL once the port is bound.
  public func run(handlingSignals: Bool = false, onReady: @escaping @Sendable (URL) async -> Void) async throws {
    let router = makeRouter().router

    var logger = Logger(label: "popp-sandbox")
    logger.logLevel = .critical
    let host = configuration.host
    let app = Application(
      router: router,
      configuration: .init(address: .hostname(host, port: configuration.port), serverName: "popp-sandbox"),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? 0
        let shownHost = host.contains(":") ? "[\(host)]" : host
        await onReady(URL(string: "http://\(shownHost):\(port)/v1")!)
      },
      logger: logger)
    do {
      try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await self.driveSimulation() }
        group.addTask {
          if handlingSignals { try await app.runService() } else { try await app.run() }
        }
        // Whichever ends first (the server on a signal, or cancellation) ends the other.
        try await group.next()
        group.cancelAll()
      }
    } catch {
      // Cancelling it, as `RunningSandbox` and the console's built-in sandbox do, ends it here.
      await keepClock()
      throw error
    }
    await keepClock()
  }

  /// Saves the clock a `--db` file resumes from, however the sandbox stopped: in a task of its
  /// own, because GRDB refuses a write from a cancelled one.
  private func keepClock() async {
    await Task { try? await store.database.write { db in try self.saveClock(db) } }.value
  }

  /// Every route the sandbox serves (the API, the control surface and `/openapi.yaml`), as
  /// registered: what `openapi/popp-sandbox.yaml` must describe, no more and no less.
  public var routes: [SandboxRoute] { makeRouter().routes }

  /// The router with every route, and the list of them. Routes are added only through the
  /// recorder, so the list cannot miss one.
  private func makeRouter() -> (router: Router<SandboxContext>, routes: [SandboxRoute]) {
    let table = RouteTable()
    let router = Router(context: SandboxContext.self)
    router.add(middleware: ErrorMiddleware(routes: table))
    let recorder = RouteRecorder(router: router)
    recorder.get("openapi.yaml") { _, _ in OpenAPIDocument.response() }
    let api = recorder.group("v1")
      .add(middleware: StatsMiddleware(stats: stats))
      .add(middleware: FaultMiddleware(faults: faults))
      .add(middleware: AuthMiddleware(store: store))
    APIRoutes(store: store).register(on: api)
    let control = recorder.group("sandbox").add(middleware: AuthMiddleware(store: store))
    ControlRoutes(store: store, faults: faults, stats: stats).register(on: control)
    table.set(recorder.routes)
    return (router, recorder.routes)
  }

  /// Runs the simulated world alongside real time. At speed 0 nothing moves on its own.
  private func driveSimulation() async throws {
    guard configuration.speed > 0 else {
      try await Task.sleep(nanoseconds: .max / 2)
      return
    }
    var ticks = 0
    while !Task.isCancelled {
      try await Task.sleep(nanoseconds: 100_000_000)
      try await store.runSimulation()
      ticks += 1
      if ticks % 50 == 0 { try await store.database.write { db in try self.saveClock(db) } }
    }
  }

  private func saveClock(_ db: Database) throws {
    try db.execute(
      sql: "INSERT INTO meta (key, value) VALUES ('clock', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      arguments: [String(store.clock.nowMilliseconds)])
  }
}
