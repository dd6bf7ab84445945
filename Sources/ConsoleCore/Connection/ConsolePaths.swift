public import Foundation

/// Where the console looks for its files (XDG base directories).
public struct ConsolePaths: Sendable {
  public var configDirectory: URL
  public var stateDirectory: URL

  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    let home = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory())
    func base(_ variable: String, _ fallback: String) -> URL {
      if let value = environment[variable], value.hasPrefix("/") { return URL(fileURLWithPath: value) }
      return home.appendingPathComponent(fallback)
    }
    configDirectory = base("XDG_CONFIG_HOME", ".config").appendingPathComponent("popp-console")
    stateDirectory = base("XDG_STATE_HOME", ".local/state").appendingPathComponent("popp-console")
  }

  public var configFile: URL { configDirectory.appendingPathComponent("config.toml") }

  /// The log (`--log-level`, `log-level`): never the terminal while the console runs.
  public var logFile: URL { stateDirectory.appendingPathComponent("popp-console.log") }

  /// Creates the folder that holds `file`, for its owner alone (700), unless it exists: state
  /// (cache, drafts, outbox, audit, log) is nobody else's business on a shared jump box.
  public static func createPrivateFolder(holding file: URL) throws {
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
  }

  /// Where themes are looked for, first hit wins: the user's own, then the `themes/` folder
  /// shipped beside the binary (found by walking up from it, which covers `swift run` and an
  /// installed share/popp-console/themes).
  public func themeDirectories(executable: URL?) -> [URL] {
    var directories = [configDirectory.appendingPathComponent("themes")]
    var folder = executable?.resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<6 {
      guard let current = folder else { break }
      for candidate in [current.appendingPathComponent("themes"), current.appendingPathComponent("share/popp-console/themes")]
      where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default-dark.toml").path) {
        directories.append(candidate)
      }
      folder = current.deletingLastPathComponent()
    }
    return directories
  }
}
