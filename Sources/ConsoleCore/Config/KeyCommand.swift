import Foundation

/// Runs a profile's `api-key-command` and reads the key from its output. The key travels
/// through a pipe, never through argv or the environment of anything else.
enum KeyCommand {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static let timeout = 15.0

  static func run(_ source: APIKeySource, environment: [String: String]) throws(Failure) -> String {
    let arguments: [String]
    switch source {
    case .literal(let key): return key
    case .command(let words): arguments = words
    case .shellCommand(let line): arguments = ["/bin/sh", "-c", line]
    }
    guard let program = arguments.first else { throw Failure(description: "api-key-command is empty") }
    let process = Process()
    if program.contains("/") {
      process.executableURL = URL(fileURLWithPath: program)
      process.arguments = Array(arguments.dropFirst())
    } else {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = arguments
    }
    var childEnvironment = environment
    childEnvironment[ConnectionSettings.apiKeyVariable] = nil
    process.environment = childEnvironment
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw Failure(description: "api-key-command \(program) could not be started: \(error.localizedDescription)")
    }
    // A command waiting for a passphrase nobody types must not hang the console forever.
    let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let problem = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    timer.cancel()
    if process.terminationReason == .uncaughtSignal {
      throw Failure(description: "api-key-command \(program) was stopped after \(Int(timeout)) s without finishing")
    }
    guard process.terminationStatus == 0 else {
      let said = String(decoding: problem.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      throw Failure(
        description: "api-key-command \(program) failed with status \(process.terminationStatus)" + (said.isEmpty ? "" : ": \(said)"))
    }
    // The key is the first line of the output (as `pass show` prints it).
    let text = String(decoding: data, as: UTF8.self)
    let key = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    guard !key.isEmpty else { throw Failure(description: "api-key-command \(program) printed nothing") }
    return key
  }
}
