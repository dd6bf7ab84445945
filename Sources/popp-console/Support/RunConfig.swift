import ConsoleCore
import Foundation
import Synchronization

/// The config file of this run, read and parsed on first use (by the logging bootstrap, before
/// the arguments are parsed) and shared by every reader after that: the connection, the
/// default country, the console's keymap, polling, composer and theme, and `doctor`. So a
/// command sees one version of the file, and each mistake in it is found and reported once.
enum RunConfig {
  private static let current = Mutex<ConfigDocument?>(nil)

  static func document(environment: [String: String]) -> ConfigDocument {
    current.withLock { current in
      if let current { return current }
      let document = read(environment: environment)
      current = document
      return document
    }
  }

  /// The console's `:profile NAME` switch reads the file again (`ConsoleCommand.run`), so the
  /// next connection opens with the file as it is now, edits since the start included.
  @discardableResult
  static func reread(environment: [String: String]) -> ConfigDocument {
    let document = read(environment: environment)
    current.withLock { $0 = document }
    return document
  }

  private static func read(environment: [String: String]) -> ConfigDocument {
    let file = ConsolePaths(environment: environment).configFile
    return ConfigDocument(contentsOf: file, shownAs: ConsoleSetup.shown(file, environment: environment))
  }
}
