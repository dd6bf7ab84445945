// Public so that the per-character measure below can be inlined into the screens, which call it for every cell.
public import CLocaleWidth

/// Column arithmetic: what a terminal shows, measured per grapheme cluster with libc's
/// `wcwidth`. CJK and emoji take two columns, combining marks none; nothing is ever cut inside a
/// character. It lives in ConsoleCore so that the state's scroll limits and the views' wrapping
/// count the same columns.
public enum TextWidth {
  /// Sets the process locale so that `wcwidth` knows UTF-8 (falls back to C.UTF-8).
  @discardableResult
  public static func prepareLocale() -> Bool { clw_setup_locale() != 0 }

  @inlinable
  public static func columns(_ character: Character) -> Int {
    if let ascii = character.asciiValue { return ascii >= 0x20 && ascii != 0x7F ? 1 : 0 }
    let scalars = character.unicodeScalars
    var widest = 0
    var regionalIndicators = 0
    for scalar in scalars {
      if scalar.value == 0xFE0F { return 2 }
      if (0x1F1E6...0x1F1FF).contains(scalar.value) { regionalIndicators += 1 }
      widest = max(widest, Int(clw_wcwidth(scalar.value)))
    }
    if regionalIndicators >= 2 { return 2 }
    if widest > 0 { return min(widest, 2) }
    // Unprintable to wcwidth (unassigned, or a lone combining mark): it still takes a cell.
    return scalars.first?.properties.generalCategory == .nonspacingMark ? 0 : 1
  }

  @inlinable
  public static func columns(_ text: some StringProtocol) -> Int {
    if let printable = printableASCIIColumns(text.utf8) { return printable }
    var total = 0
    for character in text { total += columns(character) }
    return total
  }

  /// The columns of text that is printable ASCII alone (one column a byte), or nil: most of what the screens draw
  /// (names, numbers, labels) is, and reading its bytes costs a fraction of walking its grapheme clusters.
  @inlinable
  public static func printableASCIIColumns(_ bytes: some Collection<UInt8>) -> Int? {
    let printable =
      bytes.withContiguousStorageIfAvailable { buffer in
        buffer.allSatisfy { $0 &- 0x20 < 0x5F }
      } ?? bytes.allSatisfy { $0 &- 0x20 < 0x5F }
    return printable ? bytes.count : nil
  }

  /// The longest prefix of `text` that fits `width` columns, ending with "…" when cut.
  public static func truncate(_ text: String, to width: Int) -> String {
    guard width > 0 else { return "" }
    if let printable = printableASCIIColumns(text.utf8) {
      return printable <= width ? text : String(text.utf8.prefix(width - 1))! + "…"
    }
    var used = 0
    var end = text.startIndex
    for index in text.indices {
      let next = used + columns(text[index])
      if next > width {
        // Make room for the ellipsis, which takes one column.
        var kept = text[..<end]
        var keptWidth = used
        while keptWidth > width - 1, let last = kept.last {
          keptWidth -= columns(last)
          kept = kept.dropLast()
        }
        return kept + "…"
      }
      used = next
      end = text.index(after: index)
    }
    return text
  }

  /// `text` cut or padded with spaces to exactly `width` columns.
  public static func fit(_ text: String, to width: Int) -> String {
    let cut = truncate(text, to: width)
    let used = printableASCIIColumns(text.utf8).map { min($0, width) } ?? columns(cut)
    return used < width ? cut + String(repeating: " ", count: width - used) : cut
  }

  /// `text` right-aligned in `width` columns.
  public static func fitRight(_ text: String, to width: Int) -> String {
    let cut = truncate(text, to: width)
    let used = printableASCIIColumns(text.utf8).map { min($0, width) } ?? columns(cut)
    return used < width ? String(repeating: " ", count: width - used) + cut : cut
  }

  /// Wraps `text` to lines of at most `width` columns, at spaces where possible; line feeds
  /// start new lines. Words longer than a line are broken between characters.
  public static func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = ""
      var lineWidth = 0
      for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
        let wordWidth = columns(word)
        let gap = line.isEmpty ? 0 : 1
        if lineWidth + gap + wordWidth <= width {
          if gap == 1 { line += " " }
          line += word
          lineWidth += gap + wordWidth
          continue
        }
        if !line.isEmpty {
          lines.append(line)
          line = ""
          lineWidth = 0
        }
        // A word wider than the line: break it between characters.
        for character in word {
          let characterWidth = columns(character)
          if lineWidth + characterWidth > width {
            lines.append(line)
            line = ""
            lineWidth = 0
          }
          line.append(character)
          lineWidth += characterWidth
        }
      }
      lines.append(line)
    }
    return lines
  }
}
