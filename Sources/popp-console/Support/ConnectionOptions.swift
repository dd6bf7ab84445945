import ArgumentParser
import ConsoleCore
import Foundation
import PoppAPI
import PoppHub
import Synchronization

/// Options every API command shares.
struct APIOptions: ParsableArguments {
  @Flag(name: .long, help: "Print JSON for scripts instead of a table.")
  var json = false

  @Option(
    name: .customLong("profile"),
    help: ArgumentHelp("Connect as [profiles.NAME] of the config file (overrides POPP_PROFILE and `profile =`).", valueName: "NAME"),
    completion: Completions.profileNames)
  var profile: String?

  @OptionGroup var logging: LoggingOption

  /// Where to connect: flags, then the environment, then the config file.
  func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ResolvedConnection {
    try ConnectionLoading.resolve(profile: profile, environment: environment)
  }

  @Option(
    name: .customLong("hub"),
    help: ArgumentHelp(
      "Go through the team's hub at this socket: it reads and acts with its own key, so none is needed here (also POPP_HUB, or `hub =` when no key is set).",
      valueName: "PATH"),
    completion: Completions.socketFile)
  var hub: String?

  /// Popp (or the sandbox) over HTTP, or the team's hub when `--hub` or `POPP_HUB` names one, or when the config names
  /// one and no credentials are set.
  func makeClient(retryPolicy: RetryPolicy = .standard) async throws -> any PoppClient {
    let resolved = try resolve()
    if let hub = ConnectionLoading.hubToRead(flag: hub, resolved: resolved) { return try await ConnectionLoading.readClient(hub) }
    return HTTPPoppClient(configuration: try resolved.clientConfiguration(retryPolicy: retryPolicy))
  }

  /// The hub this command goes through (`--hub`, `POPP_HUB`, or the config's `hub =` when no key is set), attached
  /// for Popp requests the hub makes with its own key; nil when the command talks to Popp itself.
  func hubRelay() async throws -> HubRelayClient? {
    guard let hub = ConnectionLoading.hubToRead(flag: hub, resolved: try resolve()) else { return nil }
    return try await ConnectionLoading.relayClient(hub)
  }

  /// Take-over, hand-back and sends as the console performs them: audited, and sends through
  /// the organization's durable outbox (shared with the console).
  func makeWorkflow() throws -> (actions: ConversationActions, outbox: Outbox, client: HTTPPoppClient) {
    let environment = ProcessInfo.processInfo.environment
    let configuration = try resolve(environment: environment).clientConfiguration()
    let client = HTTPPoppClient(configuration: configuration)
    var sendConfiguration = configuration
    sendConfiguration.retryPolicy = .never
    let paths = ConsolePaths(environment: environment)
    let key = ConnectionInfo(organizationId: configuration.organizationId, baseURL: configuration.baseURL, isSandbox: false).cacheKey
    let store = try WorkflowStore(path: WorkflowStore.path(for: key, in: paths))
    let audit = AuditLog(path: AuditLog.path(in: paths))
    let outbox = Outbox(
      client: HTTPPoppClient(configuration: sendConfiguration), store: store, organizationId: configuration.organizationId, audit: audit)
    return (ConversationActions(client: client, organizationId: configuration.organizationId, audit: audit), outbox, client)
  }
}

/// Reads the config file and resolves the connection, for the CLI and the console alike.
enum ConnectionLoading {
  /// The run's config file, with its problems (an absent file is an empty one).
  static func config(environment: [String: String]) -> (ConfigFile, path: String) {
    (ConfigFile(document: RunConfig.document(environment: environment)), ConsolePaths(environment: environment).configFile.path)
  }

  /// The hub a reading command goes through: `--hub`, else `POPP_HUB`, else the config's `hub =` when no key is set
  /// (a recruiter with credentials of their own reads Popp directly unless they ask for the hub).
  static func hubToRead(flag: String?, resolved: ResolvedConnection) -> (path: String, source: String)? {
    if let flag { return (flag, "--hub") }
    guard let hub = resolved.hub else { return nil }
    return hub.source == ConnectionResolver.hubVariable || !resolved.settings.hasCredentials ? hub : nil
  }

  static func readClient(_ hub: (path: String, source: String)) async throws -> HubReadClient {
    do {
      return try await HubReadClient.connect(path: hub.path, app: PoppConsoleVersion.app)
    } catch let error as HubConnectionError {
      throw CLIError(message: "\(hub.source) \(hub.path): \(error.description)")
    }
  }

  static func relayClient(_ hub: (path: String, source: String)) async throws -> HubRelayClient {
    do {
      return try await HubRelayClient.connect(path: hub.path, app: PoppConsoleVersion.app)
    } catch let error as HubConnectionError {
      throw CLIError(message: "\(hub.source) \(hub.path): \(error.description)")
    }
  }

  static func resolve(profile: String?, environment: [String: String]) throws -> ResolvedConnection {
    let (config, path) = config(environment: environment)
    do {
      let resolved = try ConnectionResolver.resolve(profileFlag: profile, environment: environment, config: config, configPath: path)
      lastOrigins.withLock { $0 = resolved.origins }
      return resolved
    } catch {
      throw CLIError(message: error.description)
    }
  }

  /// Where the run's connection values came from, for an API error that may be theirs (a 401, no connection).
  static let lastOrigins = Mutex<String?>(nil)
}
