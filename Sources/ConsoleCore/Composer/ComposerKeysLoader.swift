import TOMLKit

/// Reads the `[composer]` table: which keys send and which break the line, e.g.
/// `send = "C-s"` and `newline = "Enter"` for those who want Enter to stay in the text.
public enum ComposerKeysLoader {
  public static func apply(from document: ConfigDocument, to base: ComposerKeys = ComposerKeys()) -> (
    keys: ComposerKeys, problems: [ConfigProblem]
  ) {
    guard let value = document["composer"] else { return (base, []) }
    guard let table = value.table else {
      return (
        base,
        [document.problem(at: ["composer"], #"composer must be a table: a [composer] section with lines like send = "Enter""#)]
      )
    }
    var keys = base
    var problems: [ConfigProblem] = []
    for (name, entry) in table {
      let path = ["composer", name]
      guard name == "send" || name == "newline" else {
        problems.append(document.problem(at: path, "unknown composer setting \"\(name)\"; known: newline, send"))
        continue
      }
      let notations = entry.string.map { [$0] } ?? entry.array?.compactMap(\.string)
      let parsed = notations?.map { (notation: $0, key: Key(notation: $0)) }
      guard let parsed, !parsed.isEmpty else {
        problems.append(
          document.problem(at: path, #"composer.\#(name) must be a key or a list of keys, e.g. "Enter" or ["C-s", "M-Enter"]"#))
        continue
      }
      if let bad = parsed.first(where: { $0.key == nil }) {
        problems.append(document.problem(at: path, "\"\(bad.notation)\" is not a key (examples: Enter, M-Enter, C-s)"))
        continue
      }
      if name == "send" { keys.send = parsed.compactMap(\.key) } else { keys.newline = parsed.compactMap(\.key) }
    }
    if !Set(keys.send).isDisjoint(with: keys.newline) {
      problems.append(document.problem(at: ["composer"], "composer: a key cannot both send and break the line; using the defaults"))
      keys = base
    }
    return (keys, problems)
  }
}
