public import Foundation

/// File name completion for the `b` prompt, as a shell does it: Tab completes the longest
/// common prefix of the names in the folder; folders end with `/`.
public enum PathCompletion {
  /// `~/x` → `$HOME/x`.
  public static func expandingTilde(_ path: String, home: String = NSHomeDirectory()) -> String {
    if path == "~" { return home }
    if path.hasPrefix("~/") { return home + path.dropFirst(1) }
    return path
  }

  /// The completed text, and the candidates when there is more than one.
  public static func complete(_ text: String, home: String = NSHomeDirectory()) -> (text: String, candidates: [String]) {
    let expanded = expandingTilde(text, home: home)
    let slash = expanded.lastIndex(of: "/")
    let folder = slash.map { String(expanded[...$0]) } ?? ""
    let stem = slash.map { String(expanded[expanded.index(after: $0)...]) } ?? expanded
    let directory = folder.isEmpty ? FileManager.default.currentDirectoryPath : folder
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return (text, []) }
    let matches = names.filter { $0.hasPrefix(stem) && (stem.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted()
    guard let first = matches.first else { return (text, []) }
    var common = first
    for name in matches.dropFirst() {
      while !name.hasPrefix(common) { common.removeLast() }
    }
    var completed = folder + common
    if matches.count == 1 {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: (folder.isEmpty ? "" : folder) + common, isDirectory: &isFolder), isFolder.boolValue {
        completed += "/"
      }
    }
    // Keep the `~` the recruiter typed.
    if text.hasPrefix("~"), completed.hasPrefix(home) { completed = "~" + completed.dropFirst(home.count) }
    return (completed, matches.count > 1 ? matches : [])
  }
}
