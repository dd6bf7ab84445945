import ConsoleCore
import Foundation
import PoppAPI

/// How commands print: human-readable tables by default, JSON with `--json`. Every string
/// from the API goes through the sanitizer first.
enum Output {
  static func json(_ value: some Encodable) throws {
    let data = try PoppJSON.makeEncoder(pretty: true).encode(value)
    print(escapeInvisibleControls(String(decoding: data, as: UTF8.self)))
  }

  /// JSON leaves C1 controls and bidi overrides raw, and some terminals act on them even as
  /// UTF-8; write them as `\u` escapes, which decode to the same string.
  static func escapeInvisibleControls(_ json: String) -> String {
    var output = String.UnicodeScalarView()
    for scalar in json.unicodeScalars {
      switch scalar.value {
      case 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
        output.append(contentsOf: "\\u\(String(scalar.value, radix: 16).leftPadded(to: 4))".unicodeScalars)
      default:
        output.append(scalar)
      }
    }
    return String(output)
  }

  static func clean(_ text: String?) -> String {
    TerminalSanitizer.sanitize(text ?? "")
  }

  static func cleanMultiline(_ text: String?) -> String {
    TerminalSanitizer.sanitize(text ?? "", options: .init(keepNewlines: true))
  }

  /// Prints rows in columns. Every cell is sanitised here, ids and enum values included: they
  /// come from the server too. Columns are padded by character count, so variable-width text
  /// (names in any script) belongs in the last column.
  /// Columns aligned as a terminal shows them: by display width (CJK and emoji take two, combining marks none), with
  /// the console's own measure.
  static func table(_ header: [String], _ rows: [[String]]) {
    TextWidth.prepareLocale()
    let rows = rows.map { $0.map(clean) }
    let widths = header.indices.map { column in
      ([header[column]] + rows.map { $0[column] }).map(TextWidth.columns).max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { index, cell in
        index == cells.count - 1 ? cell : cell + String(repeating: " ", count: max(widths[index] - TextWidth.columns(cell), 0))
      }.joined(separator: "  ")
    }
    print(line(header))
    for row in rows { print(line(row)) }
  }
}

extension String {
  func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
