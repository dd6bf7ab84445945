public import Foundation
import TOMLKit

/// `config.toml`, read and parsed once and handed to every reader of its settings (profiles,
/// keymap, polling, composer, theme), so that a run sees one version of the file and a mistake
/// is reported once. The document itself reports what concerns the whole file: a syntax error
/// (then no reader finds anything, and the defaults apply) and top-level keys that no reader
/// knows. The readers report the mistakes within their sections, each with its line.
public struct ConfigDocument: Sendable {
  /// Every top-level key some reader takes; `profiles`, `keymap`, `polling`, `alerts` and
  /// `composer` are tables whose insides are their readers' business.
  public static let knownTopLevelKeys = [
    "alerts", "composer", "default-country", "hub", "hub-fallback", "keymap", "log-level", "polling", "profile", "profiles", "theme",
  ]

  /// The file as the user should recognise it, e.g. "~/.config/popp-console/config.toml".
  public let file: String
  /// False when there is no file: every setting is then at its default, which is no mistake.
  public let exists: Bool
  /// What is wrong with the file as a whole, in file order: it cannot be read, it is not valid
  /// TOML, or a top-level key is unknown.
  public let problems: [ConfigProblem]

  /// TOMLKit's tables are classes and so not Sendable; this one is never written after parsing
  /// and TOMLKit reads it without changing it, so readers on any thread may share it.
  nonisolated(unsafe) private let root: TOMLTable?
  /// Lines for the readers' problems, since TOMLKit's values do not know where they were written.
  let locator: TOMLKeyLocator

  /// A document from `text`, named `file` in its problems.
  public init(text: String, file: String) {
    self.init(text: text, file: file, readProblem: nil)
  }

  /// The file at `url`, named `file` in problems; no file gives an empty document.
  public init(contentsOf url: URL, shownAs file: String) {
    guard FileManager.default.fileExists(atPath: url.path) else {
      self.init(absentFile: file)
      return
    }
    do {
      self.init(text: try String(contentsOf: url, encoding: .utf8), file: file)
    } catch {
      self.init(text: "", file: file, readProblem: "cannot be read, so every setting is at its default: \(error.localizedDescription)")
    }
  }

  /// No file at all: every setting at its default and nothing to report.
  public init(absentFile file: String) {
    self.file = file
    exists = false
    problems = []
    root = nil
    locator = TOMLKeyLocator(text: "")
  }

  private init(text: String, file: String, readProblem: String?) {
    self.file = file
    exists = true
    if let readProblem {
      problems = [ConfigProblem(file: file, line: nil, message: readProblem)]
      root = nil
      locator = TOMLKeyLocator(text: "")
      return
    }
    let parsed: TOMLTable
    do {
      parsed = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      problems = [ConfigProblem(file: file, line: error.source.begin.line, message: "not valid TOML: \(error.description)")]
      root = nil
      locator = TOMLKeyLocator(text: "")
      return
    } catch {
      problems = [ConfigProblem(file: file, line: nil, message: "not valid TOML: \(error)")]
      root = nil
      locator = TOMLKeyLocator(text: "")
      return
    }
    root = parsed
    locator = TOMLKeyLocator(text: text)
    problems = Self.unknownTopLevelKeys(in: parsed, locator: locator, file: file)
  }

  /// The value written at the top-level `key`; nil when absent or when the file did not parse.
  subscript(key: String) -> (any TOMLValueConvertible)? {
    root?[key]
  }

  /// A problem with the line where `path` (e.g. ["polling", "head"]) is written.
  func problem(at path: [String], _ message: String) -> ConfigProblem {
    ConfigProblem(file: file, line: locator.line(of: path), message: message)
  }

  private static func unknownTopLevelKeys(in root: TOMLTable, locator: TOMLKeyLocator, file: String) -> [ConfigProblem] {
    let unknown = root.keys.filter { !knownTopLevelKeys.contains($0) }
    return unknown.map { key in
      ConfigProblem(file: file, line: locator.line(of: [key]), message: unknownTopLevelKeyMessage(key))
    }.inFileOrder()
  }

  /// Catches the usual slips (log_level, defaultCountry, Profiles) without guessing at typos.
  private static func unknownTopLevelKeyMessage(_ key: String) -> String {
    func squash(_ name: String) -> String { String(name.lowercased().filter { $0.isLetter || $0.isNumber }) }
    if let intended = knownTopLevelKeys.first(where: { squash($0) == squash(key) }) {
      return "unknown top-level setting \"\(key)\" (did you mean \(intended)?)"
    }
    return "unknown top-level setting \"\(key)\"; known: \(knownTopLevelKeys.joined(separator: ", "))"
  }
}
