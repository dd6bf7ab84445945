/// Finds where each key of a TOML text is written, because TOMLKit hands back values without their source positions
/// and a problem in a config file is only useful when it names the line.
///
/// It runs after TOMLKit has accepted the text, so it may assume valid TOML; on anything unexpected it still moves
/// forward and ends, it just might not find a position.
struct TOMLKeyLocator {
  struct Location: Equatable {
    var line: Int
    /// Position among all keys of the text, so entries can be taken in the order they were written
    /// (TOMLKit returns a table's keys sorted, not in file order).
    var order: Int
  }

  private var locations: [[String]: Location] = [:]

  init(text: String) {
    var scanner = TOMLKeyScanner(scalars: Array(text.unicodeScalars))
    scanner.scanDocument()
    locations = scanner.locations
  }

  /// Where `path` (e.g. ["keymap", "move-down"]) is first defined, by a table header or a key.
  func location(of path: [String]) -> Location? {
    locations[path]
  }

  func line(of path: [String]) -> Int? {
    locations[path]?.line
  }

  /// The line of `path`, or else of its closest enclosing key that is written down (a role's
  /// header when the offending key is inherited, say).
  func closestLine(of path: [String]) -> Int? {
    var path = path
    while !path.isEmpty {
      if let line = line(of: path) { return line }
      path.removeLast()
    }
    return nil
  }
}

private struct TOMLKeyScanner {
  let scalars: [Unicode.Scalar]
  var index = 0
  var line = 1
  var locations: [[String]: TOMLKeyLocator.Location] = [:]

  init(scalars: [Unicode.Scalar]) {
    self.scalars = scalars
  }

  private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

  private func peek(_ offset: Int) -> Unicode.Scalar? {
    index + offset < scalars.count ? scalars[index + offset] : nil
  }

  private mutating func advance() {
    guard let scalar = current else { return }
    if scalar == "\n" { line += 1 }
    index += 1
  }

  mutating func scanDocument() {
    var currentTable: [String] = []
    while true {
      skipBlankAndComments(acrossLines: true)
      guard let scalar = current else { return }
      let lineOfStatement = line
      let start = index
      if scalar == "[" {
        advance()
        if current == "[" { advance() }  // [[array of tables]]
        currentTable = scanKeyPath()
        record(currentTable, line: lineOfStatement)
        skipRestOfLine()
      } else {
        let key = scanKeyPath()
        guard !key.isEmpty else {
          if index == start { skipRestOfLine() }
          continue
        }
        record(currentTable + key, line: lineOfStatement)
        skipBlankAndComments(acrossLines: false)
        if current == "=" { advance() }
        scanValue(path: currentTable + key)
      }
    }
  }

  /// Records the first definition of `path` and of each of its parents (a dotted key `keymap.quit` defines `keymap`).
  private mutating func record(_ path: [String], line: Int) {
    guard !path.isEmpty else { return }
    for length in 1...path.count {
      let prefix = Array(path.prefix(length))
      if locations[prefix] == nil {
        locations[prefix] = TOMLKeyLocator.Location(line: line, order: locations.count)
      }
    }
  }

  // MARK: Keys

  private mutating func scanKeyPath() -> [String] {
    var segments: [String] = []
    while true {
      skipBlankAndComments(acrossLines: false)
      guard let segment = scanKeySegment() else { return segments }
      segments.append(segment)
      skipBlankAndComments(acrossLines: false)
      guard current == "." else { return segments }
      advance()
    }
  }

  private mutating func scanKeySegment() -> String? {
    switch current {
    case "\"": return scanBasicString()
    case "'": return scanLiteralString()
    default:
      var segment = String.UnicodeScalarView()
      while let scalar = current, !Self.keyTerminators.contains(scalar) {
        segment.append(scalar)
        advance()
      }
      return segment.isEmpty ? nil : String(segment)
    }
  }

  private static let keyTerminators: Set<Unicode.Scalar> = [" ", "\t", "\r", "\n", "=", ".", "[", "]", "{", "}", ",", "#", "\"", "'"]

  // MARK: Values

  /// `path` is nil inside arrays, whose inline tables have no key path of their own.
  private mutating func scanValue(path: [String]?) {
    skipBlankAndComments(acrossLines: false)
    switch current {
    case "\"":
      if peek(1) == "\"" && peek(2) == "\"" { skipMultilineString(quote: "\"") } else { _ = scanBasicString() }
    case "'":
      if peek(1) == "'" && peek(2) == "'" { skipMultilineString(quote: "'") } else { _ = scanLiteralString() }
    case "[":
      scanArray()
    case "{":
      scanInlineTable(path: path)
    default:
      // Numbers, booleans and dates; a date may contain a space, so only structure ends it.
      while let scalar = current, !["\n", ",", "]", "}", "#"].contains(scalar) {
        advance()
      }
    }
  }

  private mutating func scanArray() {
    advance()
    while true {
      skipBlankAndComments(acrossLines: true)
      guard let scalar = current else { return }
      switch scalar {
      case "]":
        advance()
        return
      case ",":
        advance()
      default:
        let start = index
        scanValue(path: nil)
        if index == start { advance() }
      }
    }
  }

  private mutating func scanInlineTable(path: [String]?) {
    advance()
    while true {
      skipBlankAndComments(acrossLines: true)
      guard let scalar = current else { return }
      switch scalar {
      case "}":
        advance()
        return
      case ",":
        advance()
      default:
        let lineOfKey = line
        let start = index
        let key = scanKeyPath()
        let fullPath = path.map { $0 + key }
        if let fullPath, !key.isEmpty { record(fullPath, line: lineOfKey) }
        skipBlankAndComments(acrossLines: false)
        if current == "=" { advance() }
        scanValue(path: fullPath)
        if index == start { advance() }
      }
    }
  }

  // MARK: Strings and trivia

  private mutating func scanBasicString() -> String {
    advance()
    var text = String.UnicodeScalarView()
    while let scalar = current, scalar != "\"", scalar != "\n" {
      if scalar == "\\" {
        advance()
        if let escaped = current { text.append(Self.unescape(escaped)) }
      } else {
        text.append(scalar)
      }
      advance()
    }
    if current == "\"" { advance() }
    return String(text)
  }

  /// Only the escapes that can appear in a key a person would type; \u sequences are kept as written.
  private static func unescape(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    switch scalar {
    case "n": "\n"
    case "t": "\t"
    default: scalar
    }
  }

  private mutating func scanLiteralString() -> String {
    advance()
    var text = String.UnicodeScalarView()
    while let scalar = current, scalar != "'", scalar != "\n" {
      text.append(scalar)
      advance()
    }
    if current == "'" { advance() }
    return String(text)
  }

  private mutating func skipMultilineString(quote: Unicode.Scalar) {
    for _ in 0..<3 { advance() }
    while let scalar = current {
      if scalar == "\\" && quote == "\"" {
        advance()
        advance()
      } else if scalar == quote && peek(1) == quote && peek(2) == quote {
        for _ in 0..<3 { advance() }
        // A closing delimiter may be followed by one or two more quotes that belong to the content.
        while current == quote { advance() }
        return
      } else {
        advance()
      }
    }
  }

  private mutating func skipBlankAndComments(acrossLines: Bool) {
    while let scalar = current {
      if scalar == " " || scalar == "\t" || scalar == "\r" || (acrossLines && scalar == "\n") {
        advance()
      } else if scalar == "#" {
        while let commentScalar = current, commentScalar != "\n" { advance() }
      } else {
        return
      }
    }
  }

  private mutating func skipRestOfLine() {
    while let scalar = current, scalar != "\n" { advance() }
  }
}
