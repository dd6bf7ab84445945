import ArgumentParser
import Foundation
import PoppSandbox

struct SandboxCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sandbox",
    abstract: "Run the local Popp emulator: the API on loopback, a simulated agent and candidates.",
    discussion: """
      Prints one line when ready:
        sandbox listening on http://HOST:PORT/v1 organization=ORG_ID api-key=KEY
      and serves until SIGINT or SIGTERM. The control surface lives at http://HOST:PORT/sandbox/...
      """)

  @Option(help: "Address to listen on.") var host = "127.0.0.1"
  @Option(help: "Port to listen on; 0 picks any free port.") var port = 8080
  @Option(help: "SQLite file to keep the sandbox's state in (in memory when omitted).", completion: .file(extensions: ["sqlite", "db"]))
  var db: String?
  @Option(help: "Seed of the simulation: the same seed replays the same world.") var seed: UInt64 = 1
  @Option(help: "Simulated seconds per real second; 0 freezes the clock (only the control surface moves it).") var speed: Double = 1
  @Option(name: .customLong("demo-size"), help: "Conversations of demo data per organization on first start.") var demoSize = 200
  @Option(name: .customLong("org"), help: "An organization as ORG_ID:API_KEY; repeat for several (default sandbox-org:sandbox-key).")
  var organizations: [String] = []

  func validate() throws {
    guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
    guard speed >= 0, speed.isFinite else { throw ValidationError("--speed must be 0 or more") }
    guard (0...1_000_000).contains(demoSize) else { throw ValidationError("--demo-size must be from 0 to 1000000") }
    _ = try parsedOrganizations()
  }

  func parsedOrganizations() throws -> [SandboxConfiguration.Organization] {
    try organizations.map { text in
      let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw ValidationError("--org must be ORG_ID:API_KEY, not \"\(text)\"")
      }
      return .init(id: parts[0], apiKey: parts[1])
    }
  }

  func run() async throws {
    let configuration = SandboxConfiguration(
      host: host, port: port, databasePath: db, seed: seed, speed: speed, demoSize: demoSize,
      organizations: try parsedOrganizations())
    let server: SandboxServer
    do { server = try SandboxServer(configuration: configuration) } catch {
      throw CLIError(message: "cannot start the sandbox: \(error)", exitCode: ExitStatus.failure)
    }
    let first = configuration.organizations[0]
    do {
      try await server.run(handlingSignals: true) { url in
        // Written straight to the descriptor: a script waits for this line, so it must not
        // sit in a stdio buffer when stdout is a pipe.
        let line = "sandbox listening on \(url.absoluteString) organization=\(first.id) api-key=\(first.apiKey)\n"
        FileHandle.standardOutput.write(Data(line.utf8))
      }
    } catch {
      throw CLIError(message: "sandbox stopped: \(error)", exitCode: ExitStatus.failure)
    }
  }
}
