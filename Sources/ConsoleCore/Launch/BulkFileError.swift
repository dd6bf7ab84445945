/// Why a CSV file cannot become a bulk plan at all (as opposed to rows that are invalid,
/// which the plan reports one by one). Descriptions are for the user and say what to do.
public enum BulkFileError: Error, Sendable, Hashable, CustomStringConvertible {
  case cannotRead(path: String, reason: String)
  /// Bytes that are not UTF-8: the first offending physical line and byte, and a few more
  /// lines with the same problem.
  case notUTF8(line: Int, byte: UInt8, moreLines: [Int])
  /// Not a text CSV at all: a spreadsheet workbook, or UTF-16 text.
  case notCSV(String)
  /// No header line.
  case empty
  /// A header but no data rows.
  case headerOnly
  /// A column the campaign needs is missing; the mapping shows what was found.
  case missingColumns([BulkField], mapping: ColumnMapping)
  /// An override names a header the file does not have.
  case unknownColumn(field: BulkField, header: String, headers: [String])
  /// An override that is not `field=Header` with a known field.
  case badOverride(String)

  public var description: String {
    switch self {
    case .cannotRead(let path, let reason):
      return "cannot read \(path): \(reason)"
    case .notUTF8(let line, let byte, let more):
      let others = more.isEmpty ? "" : " (also line\(more.count > 1 ? "s" : "") \(more.map(String.init).joined(separator: ", ")))"
      return "line \(line): not UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true).leftPadded(to: 2)))\(others); "
        + "save the file as UTF-8 (in Excel: Save As → \"CSV UTF-8\")"
    case .notCSV(let why):
      return why
    case .empty:
      return "the file is empty: expected a header line such as \"First Name,Last Name,Phone\""
    case .headerOnly:
      return "nothing to send: the file has a header line but no rows"
    case .missingColumns(let fields, _):
      return fields.map { field in
        let examples = Self.examples[field] ?? field.rawValue
        return "no column for \(field.rawValue) (looked for headers such as \(examples)); "
          + "name one with --map \(field.rawValue)=\"<header>\""
      }.joined(separator: "\n")
    case .unknownColumn(let field, let header, let headers):
      let known = headers.map { "\"\($0)\"" }.joined(separator: ", ")
      return "--map \(field.rawValue)=\"\(header)\": the file has no column \"\(header)\" (its columns: \(known))"
    case .badOverride(let text):
      let fields = BulkField.allCases.map(\.rawValue).joined(separator: ", ")
      return "--map \"\(text)\": expected FIELD=\"Header\" with FIELD one of \(fields)"
    }
  }

  static let examples: [BulkField: String] = [
    .firstName: "\"First Name\", \"first_name\", \"Forename\", \"Given name\" or a lone \"Name\"",
    .phoneNumber: "\"Phone\", \"Phone number\", \"Mobile\", \"Cell\", \"Telephone\"",
    .emailAddress: "\"Email\", \"E-mail\", \"Email address\"",
  ]
}

extension String {
  func leftPadded(to width: Int, with pad: Character = "0") -> String {
    count >= width ? self : String(repeating: pad, count: width - count) + self
  }
}
