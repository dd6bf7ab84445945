import Foundation
public import Logging

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `write(2)`, out of reach of the sink's own `write` method's name.
private func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
  write(descriptor, bytes.baseAddress, bytes.count)
}

/// Writes log lines to a file (mode 600, folder 700), one `write` per line on an `O_APPEND`
/// descriptor so that several processes can share it. Never the terminal: the console owns
/// the screen, and a stray line would tear it.
public struct FileLogHandler: LogHandler {
  /// The open file, shared by every logger of the process.
  final class Sink: @unchecked Sendable {
    let descriptor: Int32
    private let lock = NSLock()

    init?(path: String) {
      try? ConsolePaths.createPrivateFolder(holding: URL(fileURLWithPath: path))
      descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
      guard descriptor >= 0 else { return nil }
    }

    func write(_ line: String) {
      lock.lock()
      defer { lock.unlock() }
      var bytes = Array(line.utf8)
      bytes.append(UInt8(ascii: "\n"))
      _ = bytes.withUnsafeBytes { writeAll(descriptor, $0) }
    }
  }

  let label: String
  let sink: Sink
  public var logLevel: Logger.Level
  public var metadata: Logger.Metadata = [:]

  init(label: String, sink: Sink, level: Logger.Level) {
    self.label = label
    self.sink = sink
    self.logLevel = level
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    var all = metadata
    if let extra = event.metadata { all.merge(extra) { $1 } }
    let details = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    let time = Timestamp.format(Date())
    // One line per event: line breaks in a message (a server's error text) are escaped.
    let message = "\(event.message)".replacingOccurrences(of: "\n", with: "\\n")
    sink.write("\(time) \(event.level) [\(label)] pid=\(getpid()) \(message)\(details)")
  }
}
