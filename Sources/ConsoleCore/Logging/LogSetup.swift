public import Foundation
import Logging

/// Sends the process's logs to `popp-console.log` under the state folder, at the level asked
/// for (`--log-level`, `POPP_LOG_LEVEL`, `log-level` in the config; `info` by default), or
/// nowhere (`off`). Done once, before anything logs.
public enum LogSetup {
  public static let levelVariable = "POPP_LOG_LEVEL"
  public static let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical", "off"]

  public struct Choice: Sendable, Equatable {
    public var level: String
    public var source: String
  }

  /// The level from the arguments (`--log-level X` or `--log-level=X`), the environment, then
  /// the config file; an unknown value is reported and `info` used.
  public static func choose(arguments: [String], environment: [String: String], configLevel: String?) -> (Choice, problem: String?) {
    var candidates: [(String, String)] = []
    if let index = arguments.firstIndex(of: "--log-level"), index + 1 < arguments.count {
      candidates.append((arguments[index + 1], "--log-level"))
    } else if let inline = arguments.first(where: { $0.hasPrefix("--log-level=") }) {
      candidates.append((String(inline.dropFirst("--log-level=".count)), "--log-level"))
    }
    if let value = environment[levelVariable], !value.isEmpty { candidates.append((value, levelVariable)) }
    if let configLevel { candidates.append((configLevel, "log-level in the config")) }
    guard let (value, source) = candidates.first else { return (Choice(level: "info", source: "default"), nil) }
    let lowercased = value.lowercased()
    guard levels.contains(lowercased) else {
      return (
        Choice(level: "info", source: "default"),
        "\(source) \"\(value)\" is not a log level (one of \(levels.joined(separator: ", "))); logging at info"
      )
    }
    return (Choice(level: lowercased, source: source), nil)
  }

  /// Installs the file handler (or none, for `off`). Call once per process.
  public static func bootstrap(_ choice: Choice, file: URL) {
    guard choice.level != "off", let level = Logger.Level(rawValue: choice.level),
      let sink = FileLogHandler.Sink(path: file.path)
    else {
      LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }
      return
    }
    LoggingSystem.bootstrap { label in FileLogHandler(label: label, sink: sink, level: level) }
  }
}
