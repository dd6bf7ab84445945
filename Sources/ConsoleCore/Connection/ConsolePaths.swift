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

  /// The user's own themes, searched before the shipped ones so that a file of the same name replaces a shipped theme.
  public var userThemeDirectory: URL { configDirectory.appendingPathComponent("themes") }

  /// Where themes are looked for, first hit wins (README, "Themes"; docs/design.md):
  ///
  /// 1. the user's own, `$XDG_CONFIG_HOME/popp-console/themes`;
  /// 2. the installed ones, `<prefix>/share/popp-console/themes`, where `<prefix>` is the folder above the binary's
  ///    `bin/` (`make install`, or the `make dist` tarball unpacked anywhere);
  /// 3. only when there are no installed ones: the `themes/` folder of the source checkout the binary was built in
  ///    (`swift run`, `.build/<triple>/<configuration>/popp-console`), so an installed binary never reads a source
  ///    tree, even one it happens to sit in.
  ///
  /// `executable` is the running binary with its symlinks resolved (`runningExecutable`): a symlink such as
  /// /usr/local/bin/popp-console → /opt/popp-console-0.9.0/bin/popp-console finds the themes of the tree it points into.
  public func themeDirectories(executable: URL?) -> [URL] {
    var directories = [userThemeDirectory]
    guard let executable, let prefix = Self.installPrefix(of: executable) else { return directories }
    let installed = prefix.appendingPathComponent("share/popp-console/themes")
    if Self.isDirectory(installed) {
      directories.append(installed)
    } else if let checkout = Self.sourceCheckout(above: executable.resolvingSymlinksInPath().deletingLastPathComponent()) {
      directories.append(checkout.appendingPathComponent("themes"))
    }
    return directories
  }

  /// The prefix a binary is installed under: the folder above its `bin/` (symlinks resolved), where `share/` is.
  public static func installPrefix(of executable: URL) -> URL? {
    let folder = executable.resolvingSymlinksInPath().deletingLastPathComponent()
    return folder.path == "/" ? nil : folder.deletingLastPathComponent()
  }

  /// The binary this process runs, symlinks resolved: Linux's /proc/self/exe names the file the kernel executed,
  /// whatever argv[0] or the working directory say; elsewhere Foundation's idea of it.
  public static var runningExecutable: URL? {
    if var target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), target.hasPrefix("/") {
      // An upgrade replaces the file under a running console; the kernel then names the old one "… (deleted)", and
      // its prefix is still where the new themes are.
      if target.hasSuffix(" (deleted)") { target.removeLast(" (deleted)".count) }
      return URL(fileURLWithPath: target)
    }
    return Bundle.main.executableURL?.resolvingSymlinksInPath()
  }

  /// The SwiftPM checkout holding a binary built in its `.build` (a folder with Package.swift and
  /// themes/default-dark.toml), looked for a few folders up: .build/<triple>/<configuration>/ is three.
  static func sourceCheckout(above folder: URL) -> URL? {
    var current = folder
    for _ in 0..<5 {
      let themes = current.appendingPathComponent("themes/default-dark.toml")
      if FileManager.default.fileExists(atPath: current.appendingPathComponent("Package.swift").path),
        FileManager.default.fileExists(atPath: themes.path)
      {
        return current
      }
      let parent = current.deletingLastPathComponent()
      if parent.path == current.path { break }
      current = parent
    }
    return nil
  }

  private static func isDirectory(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
