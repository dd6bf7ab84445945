import ArgumentParser
import ConsoleCore
import Foundation
import Logging
import PoppAPI
import PoppHub
import PoppSandbox
import ServiceLifecycle

/// `popp-console hub`: one process per organization that polls Popp once for a team and serves its consoles over a
/// Unix socket, holding the API key so that the recruiters need none.
struct HubCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hub",
    abstract: "Serve one organization to the team's consoles over a Unix socket: one poller, one outbox, the key kept here.",
    discussion: """
      Credentials come from the environment or a profile, as for the console (--sandbox runs the built-in sandbox
      instead). Prints one line when ready:
        hub listening on PATH organization=ORG
      and serves until SIGINT or SIGTERM. Without --group only this Unix user may attach (socket mode 0600); with
      --group NAME the socket is 0660 in that group and its members may attach, each known by the uid the kernel
      reports for the connection.
      """)

  @Option(
    help: ArgumentHelp("The socket to listen on (default $XDG_RUNTIME_DIR/popp-console/hub.sock).", valueName: "PATH"),
    completion: Completions.socketFile)
  var socket: String?
  @Option(help: ArgumentHelp("Let the members of this Unix group attach (the socket becomes 0660 in it).", valueName: "NAME"))
  var group: String?
  @Flag(help: "Serve the built-in sandbox instead of Popp (to try the hub, or to train).") var sandbox = false
  @Option(name: .customLong("demo-size"), help: "Conversations of demo data in the built-in sandbox.") var demoSize = 200
  @Option(
    name: .customLong("profile"),
    help: ArgumentHelp("Connect as [profiles.NAME] of the config file (overrides POPP_PROFILE and `profile =`).", valueName: "NAME"),
    completion: Completions.profileNames)
  var profile: String?
  @OptionGroup var polling: PollingOptions

  func run() async throws {
    let environment = ProcessInfo.processInfo.environment
    let path = socket ?? HubSocketPath.standard(environment: environment)
    let teamGroup = try group.map { name in
      guard let found = UnixAccounts.group(named: name) else { throw CLIError(message: "--group \(name): no such group") }
      return found
    }
    var running: RunningSandbox?
    let connection: ConsoleConnection
    let resolved = try ConnectionLoading.resolve(profile: profile, environment: environment)
    if sandbox {
      let started = try await RunningSandbox.start(SandboxConfiguration(port: 0, demoSize: demoSize))
      running = started
      connection = .http(try started.clientConfiguration(), isSandbox: true)
    } else {
      guard resolved.settings.hasCredentials else {
        throw CLIError(
          message: "the hub needs credentials: "
            + (resolved.profileChoiceHint ?? "set POPP_ORGANIZATION_ID and POPP_API_KEY, choose a profile, or pass --sandbox")
            + " (\(resolved.origins))")
      }
      connection = .http(try resolved.clientConfiguration(), profileName: resolved.profile?.name)
    }
    let info = connection.info
    var paths = ConsolePaths(environment: environment)
    // The hub's cache and outbox are its own, apart from a console this user may also run.
    paths.stateDirectory = paths.stateDirectory.appendingPathComponent("hub")
    let setup = ConsoleSetup.load(paths: paths, themeName: nil, environment: environment)
    let session = try ConsoleSession(
      connection: connection, pollSettings: polling.apply(to: setup.polling), storage: .standard(for: info, in: paths),
      environment: environment, pollRequestTimeout: polling.requestTimeout)
    let server = HubServer(
      identity: .init(
        organizationId: info.organizationId, baseURL: info.baseURL, isSandbox: info.isSandbox, app: PoppConsoleVersion.app),
      access: HubAccess(hubUid: getuid(), groupName: teamGroup?.name), work: HubServer.Work(session: session),
      holdersPath: info.isSandbox
        ? nil
        : URL(fileURLWithPath: WorkflowStore.path(for: info.cacheKey, in: paths)).deletingLastPathComponent()
          .appendingPathComponent("holders.json").path)
    let listener: HubListener
    do { listener = try await HubListener.bind(path: path, group: teamGroup) } catch let error as HubConnectionError {
      await running?.stop()
      throw CLIError(message: error.description, exitCode: ExitStatus.failure)
    }
    let hub = HubService(session: session, server: server, listener: listener)
    let logger = Logger(label: "popp-console.hub", factory: { _ in SwiftLogNoOpLogHandler() })
    let group = ServiceGroup(
      configuration: .init(services: [.init(service: hub)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    // Written straight to the descriptor: a script or systemd waits for this line.
    FileHandle.standardOutput.write(Data("hub listening on \(path) organization=\(info.organizationId)\n".utf8))
    do {
      try await group.run()
    } catch is CancellationError {
      // SIGTERM or SIGINT: the graceful shutdown ends the server by cancelling it. Nothing went wrong.
    } catch {
      FileHandle.standardError.write(Data("popp-console: hub: \(error)\n".utf8))
    }
    listener.removeSocket()
    await session.service.stop()
    await running?.stop()
  }
}

/// The hub's one service: the session's events into the server, and the server on the socket until shutdown.
struct HubService: Service {
  let session: ConsoleSession
  let server: HubServer
  let listener: HubListener

  func run() async throws {
    let (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    let mailbox = session.mailbox
    mailbox.onPost { wake.yield() }
    let server = self.server
    let forwarding = Task {
      for await _ in wakes { await server.apply(mailbox.drain()) }
    }
    defer { forwarding.cancel() }
    await server.apply(await session.engine.cachedState)
    await session.service.startPolling()
    try await cancelWhenGracefulShutdown { try await server.serve(listener) }
  }
}
