public import Foundation

/// Turns a CSV file's bytes into text, or says precisely why it cannot: the bytes are
/// scanned before any parsing, because a parser handed Latin-1 (what Excel writes when
/// saving as plain "CSV" on Windows) would turn every accented name into garbage without a
/// word.
public enum CSVTextDecoding {
  /// The text of `bytes`: UTF-8 with or without a byte order mark (dropped).
  public static func decode(_ bytes: Data) throws(BulkFileError) -> String {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      throw .notCSV("the file is UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\"")
    }
    if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
      throw .notCSV("the file is a spreadsheet workbook (.xlsx), not CSV; save it as \"CSV UTF-8\"")
    }
    if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
      throw .notCSV("the file is an old Excel workbook (.xls), not CSV; save it as \"CSV UTF-8\"")
    }
    // The common case costs one validating pass by the standard library; only a file that
    // fails it is scanned again to find the lines.
    if let text = String(validating: body, as: UTF8.self) {
      if let line = firstLine(containingNUL: body) {
        throw .notCSV("line \(line): a NUL byte; this is not a text CSV file (UTF-16 or binary?); save it as \"CSV UTF-8\"")
      }
      return text
    }
    throw invalidBytes(in: body)
  }

  /// Physical lines count LF, CRLF and a lone CR as one line break each, as the CSV reader
  /// ends records.
  private static func invalidBytes(in bytes: Data.SubSequence) -> BulkFileError {
    var lines: [(line: Int, byte: UInt8)] = []
    var line = 1
    var index = bytes.startIndex
    let end = bytes.endIndex
    while index < end {
      let byte = bytes[index]
      let length = validSequenceLength(bytes, at: index)
      if length == 0 {
        if lines.last?.line != line { lines.append((line, byte)) }
        if lines.count > 5 { break }
        index += 1
        continue
      }
      if byte == 0x0A {
        line += 1
      } else if byte == 0x0D {
        line += 1
        if index + 1 < end && bytes[index + 1] == 0x0A { index += 1 }
      }
      index += length
    }
    guard let first = lines.first else { return .notUTF8(line: line, byte: 0, moreLines: []) }
    return .notUTF8(line: first.line, byte: first.byte, moreLines: lines.dropFirst().prefix(4).map(\.line))
  }

  /// The length of the well-formed UTF-8 sequence at `index`, or 0 when it is not one
  /// (stray continuation bytes, overlong forms, surrogates, truncation).
  private static func validSequenceLength(_ bytes: Data.SubSequence, at index: Data.Index) -> Int {
    let first = bytes[index]
    if first < 0x80 { return 1 }
    let length: Int
    var lower: UInt8 = 0x80
    var upper: UInt8 = 0xBF
    switch first {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      lower = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      upper = 0x9F
    case 0xF0:
      length = 4
      lower = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      upper = 0x8F
    default: return 0
    }
    guard index + length <= bytes.endIndex else { return 0 }
    let second = bytes[index + 1]
    guard second >= lower && second <= upper else { return 0 }
    for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
    return length
  }

  private static func firstLine(containingNUL bytes: Data.SubSequence) -> Int? {
    guard let nul = bytes.firstIndex(of: 0) else { return nil }
    var line = 1
    var index = bytes.startIndex
    while index < nul {
      if bytes[index] == 0x0A {
        line += 1
      } else if bytes[index] == 0x0D {
        line += 1
        if index + 1 < nul && bytes[index + 1] == 0x0A { index += 1 }
      }
      index += 1
    }
    return line
  }
}
