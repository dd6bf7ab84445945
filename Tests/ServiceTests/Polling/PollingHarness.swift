import ConsoleCore
import Foundation
import PoppSandbox
import Synchronization
import Testing

/// A sandbox at `--speed 0` on loopback, a sync engine polling it with short intervals, and
/// the console's state fed by the engine's mailbox, as the UI loop would feed it.
final class PollingHarness: Sendable {
  let sandbox: RunningSandbox
  let control: SandboxControlClient
  let session: ConsoleSession
  private let console: Mutex<(state: AppState, effects: [Effect], uiEffects: [UIEffect])>

  var engine: SyncEngine { session.engine }
  var store: LocalStore { session.store }
  private var mailbox: Mailbox<ServiceEvent> { session.mailbox }

  static func settings(
    head: Double = 0.3, active: Double = 0.3, thread: Double = 0.2, catalog: Double = 60, sweep: Double = 600,
    serverFilters: Bool = true
  ) -> PollSettings {
    var settings = PollSettings()
    settings.intervals = [.head: head, .activeSet: active, .thread: thread, .catalog: catalog, .sweep: sweep]
    settings.useServerFilters = serverFilters
    settings.backoffCap = 5
    return settings
  }

  /// `storePath` keeps the cache in a file (a restart reads it back); `client` polls instead
  /// of the sandbox's own (a server that is down).
  init(
    sandbox: RunningSandbox, settings: PollSettings, storePath: String? = nil, client: (any PoppClient)? = nil
  ) throws {
    self.sandbox = sandbox
    control = sandbox.control()
    // A key in the console's environment shows that the notifier's command never sees it.
    session = try ConsoleSession(
      connection: .http(try sandbox.clientConfiguration(), isSandbox: true), pollSettings: settings,
      storage: SessionStorage(cachePath: storePath),
      environment: ProcessInfo.processInfo.environment.merging(["POPP_API_KEY": "secret-key-for-the-test"]) { $1 },
      pollClient: client, pollRequestTimeout: 5)
    console = Mutex((AppState(connection: session.connection), [], []))
  }

  /// Shows what the cache holds, as the console does before its first poll.
  func showCache() async {
    let events = await engine.cachedState
    console.withLock { console in
      for event in events { console.effects += console.state.apply(event) }
      console.uiEffects += console.state.takeUIEffects()
    }
  }

  static func startSandbox(demoSize: Int = 40, path: String? = nil, port: Int = 0) async throws -> RunningSandbox {
    try await RunningSandbox.start(SandboxConfiguration(port: port, databasePath: path, speed: 0, demoSize: demoSize))
  }

  var state: AppState { drain().state }
  /// Every effect the state asked for so far (the bell among them).
  var effects: [Effect] { drain().effects }
  /// Everything the state asked of the UI loop so far (the bell among them).
  var uiEffects: [UIEffect] { drain().uiEffects }

  @discardableResult
  private func drain() -> (state: AppState, effects: [Effect], uiEffects: [UIEffect]) {
    console.withLock { console in
      for event in mailbox.drain() { console.effects += console.state.apply(event) }
      console.uiEffects += console.state.takeUIEffects()
      return console
    }
  }

  func perform(_ change: (inout AppState) -> [Effect]) -> [Effect] {
    drain()
    return console.withLock { change(&$0.state) }
  }

  /// Waits until `condition` holds of the console's state; returns the seconds it took, or
  /// fails the test after `timeout`.
  @discardableResult
  func wait(
    _ what: String, timeout: Double = 10, sourceLocation: SourceLocation = #_sourceLocation, until condition: (AppState) -> Bool
  ) async throws -> Double {
    let started = Date()
    while Date().timeIntervalSince(started) < timeout {
      if condition(state) { return Date().timeIntervalSince(started) }
      try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("timed out after \(timeout) s waiting for \(what)", sourceLocation: sourceLocation)
    throw CancellationError()
  }

  /// Starts polling and waits for the first full load.
  func startAndLoad() async throws {
    await engine.start()
    try await wait("the first load") { !$0.isLoading && $0.index.count > 0 && !$0.campaigns.isEmpty }
  }

  func stop() async {
    await engine.stop()
  }
}
