public import Foundation

/// Finds and reads theme files. The console must start even with a broken theme, so `load` never fails: it falls back
/// to the built-in default and hands back the error for the UI to show.
public enum ThemeLoader: Sendable {
  /// Parses one theme file's text. Roles the file leaves out fall back to `fallback`'s.
  /// - Parameter file: how to name the file in errors, e.g. its path.
  public static func parse(_ text: String, file: String, fallback: Theme = .builtInDefault) throws(ThemeError) -> Theme {
    try ThemeFileReader(text: text, file: file).read(fallback: fallback)
  }

  /// Finds `NAME.toml` in the search directories (first hit wins) and parses it; on any error returns the built-in
  /// default plus the error, so the console starts anyway and can show the error.
  public static func load(named name: String, searchDirectories: [URL]) -> (theme: Theme, error: ThemeError?) {
    let fileName = name.hasSuffix(".toml") ? name : "\(name).toml"
    // A theme is picked by name from known folders; a path in the name would read files outside them.
    guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
      return (.builtInDefault, ThemeError(file: fileName, message: "a theme name is a file name without .toml, like \"light\""))
    }
    guard let url = searchDirectories.lazy.map({ $0.appendingPathComponent(fileName) }).first(where: isReadableFile) else {
      let searched = searchDirectories.map(\.path).joined(separator: ", ")
      let available = available(in: searchDirectories).joined(separator: ", ")
      let message =
        "no theme named \"\(name)\" in \(searched.isEmpty ? "(no folders)" : searched)"
        + (available.isEmpty ? "" : "; available: \(available)")
      return (.builtInDefault, ThemeError(file: fileName, message: message))
    }
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      return (.builtInDefault, ThemeError(file: url.path, message: "cannot be read as UTF-8 text: \(error.localizedDescription)"))
    }
    do throws(ThemeError) {
      return (try parse(text, file: url.path), nil)
    } catch {
      return (.builtInDefault, error)
    }
  }

  /// Names of the themes available in those directories (sorted, without .toml). Missing folders are skipped.
  public static func available(in searchDirectories: [URL]) -> [String] {
    var names = Set<String>()
    for directory in searchDirectories {
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
      for entry in entries where entry.hasSuffix(".toml") && !entry.hasPrefix(".") {
        guard isReadableFile(directory.appendingPathComponent(entry)) else { continue }
        names.insert(String(entry.dropLast(".toml".count)))
      }
    }
    return names.sorted()
  }

  private static func isReadableFile(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
      && FileManager.default.isReadableFile(atPath: url.path)
  }
}
