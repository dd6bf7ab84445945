/// Where each key of a TOML document is first defined. TOMLKit does not expose source positions of parsed values,
/// so errors found after parsing (a bad colour, an unknown role) are placed by scanning the text once.
///
/// The scan only runs on text TOMLKit has already accepted, so it can be forgiving: it understands headers,
/// dotted and quoted keys, inline tables, arrays and every string form, and skips to the next line on anything else.
struct TOMLKeyLines {
  private var firstLines: [[String]: Int] = [:]

  init(text: String) {
    var scanner = Scanner(scalars: Array(text.unicodeScalars))
    var currentTable: [String] = []
    while true {
      scanner.skipBlankLinesAndComments()
      guard let next = scanner.peek() else { break }
      let line = scanner.line
      if next == "[" {
        scanner.advance()
        let isArrayOfTables = scanner.peek() == "["
        if isArrayOfTables { scanner.advance() }
        if let path = scanner.keyPath(), scanner.consume("]") {
          if isArrayOfTables { _ = scanner.consume("]") }
          currentTable = path
          record(path, line: line)
        }
      } else if let path = scanner.keyPath(), scanner.consume("=") {
        record(currentTable + path, line: line)
        skipValue(&scanner, insideTable: currentTable + path)
      }
      scanner.skipRestOfLine()
    }
  }

  /// 1-based line where `path` (e.g. `["roles", "list.selected", "fg"]`) is first defined, if anywhere.
  func line(of path: [String]) -> Int? { firstLines[path] }

  /// The line of `path`, or else of its closest enclosing key that is written down (a role's header when the
  /// offending key is inherited, say).
  func closestLine(of path: [String]) -> Int? {
    var path = path
    while !path.isEmpty {
      if let line = firstLines[path] { return line }
      path.removeLast()
    }
    return nil
  }

  private mutating func record(_ path: [String], line: Int) {
    // A dotted key or a header also defines every table above it, on this line unless already seen.
    guard !path.isEmpty else { return }
    for length in 1...path.count where firstLines[Array(path.prefix(length))] == nil {
      firstLines[Array(path.prefix(length))] = line
    }
  }

  private mutating func skipValue(_ scanner: inout Scanner, insideTable table: [String]) {
    scanner.skipSpaces()
    switch scanner.peek() {
    case "\"", "'":
      scanner.skipString()
    case "[":
      scanner.advance()
      while true {
        scanner.skipBlankLinesAndComments()
        guard let next = scanner.peek() else { return }
        if next == "]" {
          scanner.advance()
          return
        }
        if next == "," {
          scanner.advance()
          continue
        }
        let start = scanner.position
        skipValue(&scanner, insideTable: table)
        // Never spin on something unexpected.
        if scanner.position == start { scanner.advance() }
      }
    case "{":
      scanner.advance()
      while true {
        scanner.skipSpaces()
        guard let next = scanner.peek(), next != "\n" else { return }
        if next == "}" {
          scanner.advance()
          return
        }
        if next == "," {
          scanner.advance()
          continue
        }
        let line = scanner.line
        guard let path = scanner.keyPath(), scanner.consume("=") else { return }
        record(table + path, line: line)
        skipValue(&scanner, insideTable: table + path)
      }
    default:
      scanner.skipBareValue()
    }
  }
}

private struct Scanner {
  let scalars: [Unicode.Scalar]
  var position = 0
  private(set) var line = 1

  init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

  func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    position + offset < scalars.count ? scalars[position + offset] : nil
  }

  mutating func advance() {
    if peek() == "\n" { line += 1 }
    position += 1
  }

  mutating func consume(_ scalar: Unicode.Scalar) -> Bool {
    skipSpaces()
    guard peek() == scalar else { return false }
    advance()
    return true
  }

  mutating func skipSpaces() {
    while let next = peek(), next == " " || next == "\t" || next == "\r" { advance() }
  }

  mutating func skipBlankLinesAndComments() {
    while let next = peek() {
      if next == " " || next == "\t" || next == "\r" || next == "\n" {
        advance()
      } else if next == "#" {
        while let next = peek(), next != "\n" { advance() }
      } else {
        return
      }
    }
  }

  mutating func skipRestOfLine() {
    while let next = peek(), next != "\n" { advance() }
  }

  /// `a.b."c.d".'e'` → `["a", "b", "c.d", "e"]`; `nil` when there is no key here.
  mutating func keyPath() -> [String]? {
    var path: [String] = []
    repeat {
      skipSpaces()
      guard let part = keyPart() else { return nil }
      path.append(part)
      skipSpaces()
    } while consumeDot()
    return path
  }

  private mutating func consumeDot() -> Bool {
    guard peek() == "." else { return false }
    advance()
    return true
  }

  private mutating func keyPart() -> String? {
    guard let first = peek() else { return nil }
    if first == "\"" || first == "'" { return quotedString() }
    var bare = String.UnicodeScalarView()
    while let next = peek(), isBareKeyScalar(next) {
      bare.append(next)
      advance()
    }
    return bare.isEmpty ? nil : String(bare)
  }

  private func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII
      && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        || scalar == "_" || scalar == "-")
  }

  /// A single-line basic or literal string, unescaped just enough to compare key names.
  private mutating func quotedString() -> String? {
    guard let quote = peek() else { return nil }
    advance()
    var text = String.UnicodeScalarView()
    while let next = peek(), next != "\n" {
      advance()
      if next == quote { return String(text) }
      if quote == "\"" && next == "\\", let escaped = peek() {
        advance()
        text.append(escaped)
      } else {
        text.append(next)
      }
    }
    return nil
  }

  /// Any string form, including `"""` and `'''` ones that span lines.
  mutating func skipString() {
    guard let quote = peek() else { return }
    if peek(1) == quote && peek(2) == quote {
      advance()
      advance()
      advance()
      while peek() != nil {
        if peek() == "\\" && quote == "\"" {
          advance()
          advance()
        } else if peek() == quote && peek(1) == quote && peek(2) == quote {
          // Up to two more quotes may belong to the content ("""a"""""), so eat the whole run.
          while peek() == quote { advance() }
          return
        } else {
          advance()
        }
      }
      return
    }
    _ = quotedString()
  }

  /// Numbers, booleans, dates: everything up to a separator.
  mutating func skipBareValue() {
    while let next = peek(), !(next == "," || next == "]" || next == "}" || next == "\n" || next == "#") { advance() }
  }
}
