import ConsoleCore
import Foundation
import PoppHub
import Testing

/// `popp-console hub` in a child process on a real Unix socket, against the sandbox.
final class HubProcess {
  let process = Process()
  let readyLine: String
  let socket: String
  private let errors = Pipe()

  /// `folder` holds the socket's folder, which the hub makes itself (`run/`).
  init(sandbox: SandboxProcess, folder: URL, extra: [String] = []) throws {
    socket = folder.appendingPathComponent("run/hub.sock").path
    process.executableURL = CLI.binary
    process.arguments = ["hub", "--socket", socket] + extra
    process.environment = CLI.environment(sandbox.environment)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = errors
    try process.run()
    readyLine = Self.firstLine(of: out)
  }

  static func firstLine(of pipe: Pipe) -> String {
    var buffer = Data()
    while !buffer.contains(UInt8(ascii: "\n")) {
      let chunk = pipe.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      buffer += chunk
    }
    return String(decoding: buffer, as: UTF8.self).trimmingCharacters(in: .newlines)
  }

  var stderr: String { String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self) }

  func stop() -> Int32 {
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    return process.terminationStatus
  }
}

/// A folder under /tmp that every user may enter (the hub makes the socket's own folder inside it), removed after.
func sharedScratch() throws -> URL {
  let folder = URL(fileURLWithPath: "/tmp/popp-hub-\(UUID().uuidString.prefix(8))")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
  return folder
}

/// A sandbox and a hub on it in a shared scratch folder, all stopped and removed after `body`.
func withHub(extra: [String] = [], _ body: (SandboxProcess, HubProcess) async throws -> Void) async throws {
  let sandbox = try SandboxProcess()
  defer { _ = sandbox.stop() }
  let scratch = try sharedScratch()
  defer { try? FileManager.default.removeItem(at: scratch) }
  let hub = try HubProcess(sandbox: sandbox, folder: scratch, extra: extra)
  defer { _ = hub.stop() }
  try await body(sandbox, hub)
}

func mode(of path: String) -> (mode: Int, gid: UInt32)? {
  var status = stat()
  guard stat(path, &status) == 0 else { return nil }
  return (Int(status.st_mode & 0o7777), UInt32(status.st_gid))
}

@Suite(.serialized) struct HubEndToEndTests {
  @Test func aHubPrintsItsReadyLineServesDoctorRefusesASecondHubAndStopsCleanly() async throws {
    try await offPoolAwaiting {
      let sandbox = try SandboxProcess()
      defer { _ = sandbox.stop() }
      let scratch = try sharedScratch()
      defer { try? FileManager.default.removeItem(at: scratch) }
      let hub = try HubProcess(sandbox: sandbox, folder: scratch)
      #expect(hub.readyLine == "hub listening on \(hub.socket) organization=sandbox-org", "\(hub.readyLine) \(hub.stderr)")
      #expect(mode(of: hub.socket)?.mode == 0o600, "only the hub's own user, without --group")

      // The hub polls for everyone: doctor, attached, sees the sandbox's conversations once the first poll lands.
      let terminal = sandbox.environment.merging(["TERM": "xterm-256color"]) { $1 }
      var doctor = try CLI.run(["doctor", "--hub", hub.socket], environment: terminal)
      for _ in 0..<50 where !doctor.stdout.contains("25 conversations") {
        usleep(100_000)
        doctor = try CLI.run(["doctor", "--hub", hub.socket], environment: terminal)
      }
      #expect(doctor.status == 0, "\(doctor.stdout)\(doctor.stderr)")
      #expect(doctor.stdout.contains("attached as root"), "\(doctor.stdout)")
      #expect(doctor.stdout.contains("organization sandbox-org"))
      #expect(doctor.stdout.contains("25 conversations"), "\(doctor.stdout)")
      #expect(doctor.stdout.contains("mode 600"))
      #expect(!doctor.stdout.contains("sandbox-key"), "the key never crosses the socket")

      let second = try HubProcess(sandbox: sandbox, folder: scratch)
      #expect(second.stop() != 0)
      #expect(second.stderr.contains("another hub is already listening on \(hub.socket) (pid \(hub.process.processIdentifier))"))

      #expect(hub.stop() == 0)
      #expect(!FileManager.default.fileExists(atPath: hub.socket), "the socket goes with the hub")
      let gone = try CLI.run(["doctor", "--hub", hub.socket], environment: sandbox.environment)
      #expect(gone.status != 0)
      #expect(gone.stdout.contains("no hub at \(hub.socket)"), "\(gone.stdout)")
    }
  }

  /// A console of another protocol version is told so in words, before anything else is said.
  @Test func aConsoleOfAnotherProtocolVersionIsToldWhichIsOlder() async throws {
    try await offPoolAwaiting {
      try await withHub { _, hub in
        await #expect {
          try await HubClient.attach(path: hub.socket, app: "popp-console/9.9", protocolVersion: HubProtocol.version + 1) { _, _ in }
        } throws: { error in
          guard case .refused(let refusal) = error as? HubConnectionError else { return false }
          return refusal.reason == .protocolVersion
            && refusal.message.contains(
              "speaks hub protocol \(HubProtocol.version), this console (popp-console/9.9) \(HubProtocol.version + 1)")
            && refusal.message.contains("the hub is older than this console")
        }
      }
    }
  }
}
