import CSV

/// One data record of a CSV file and the physical line it starts on (the header is line 1
/// when the file starts with it).
public struct CSVRecord: Sendable, Hashable {
  public var line: Int
  public var fields: [String]

  public init(line: Int, fields: [String]) {
    self.line = line
    self.fields = fields
  }
}

/// A CSV text read by CSV.swift's `CSVReader`: the header, the records with their line
/// numbers, blank lines left out.
public struct CSVTable: Sendable, Hashable {
  public var header: [String]
  public var headerLine: Int
  public var records: [CSVRecord]
  public var delimiter: Unicode.Scalar

  /// Parses `text` (already decoded, without a byte order mark). `delimiter` nil detects
  /// comma, semicolon or tab from the header line.
  ///
  /// Line numbers: `CSVReader` does not report positions, but it ends a record at exactly
  /// one line break (LF, CRLF or a lone CR) and keeps every line break inside a quoted field
  /// in the field's text. So a record spans one line plus the line breaks in its fields, and
  /// each record starts on the line after the previous one ends. A blank line comes back as
  /// one empty field and counts as a line, which keeps the numbers right when blank lines
  /// are skipped. (`CSVTableTests` checks this against quoted newlines, CRLF and blank lines.)
  public static func parse(_ text: String, delimiter: Unicode.Scalar? = nil) throws(BulkFileError) -> CSVTable {
    let delimiter = delimiter ?? detectDelimiter(in: text)
    let reader: CSVReader
    do {
      reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
    } catch {
      throw .cannotRead(path: "the CSV text", reason: "\(error)")
    }
    var header: [String]?
    var headerLine = 0
    var records: [CSVRecord] = []
    var line = 1
    while let fields = reader.next() {
      let start = line
      line += 1 + lineBreaks(in: fields)
      if isBlank(fields) { continue }
      if header == nil {
        header = fields
        headerLine = start
      } else {
        records.append(CSVRecord(line: start, fields: fields))
      }
    }
    guard let header else { throw .empty }
    return CSVTable(header: header, headerLine: headerLine, records: records, delimiter: delimiter)
  }

  /// A record of nothing but empty or blank cells (`,,,` is how spreadsheets export an
  /// empty row) carries no candidate.
  static func isBlank(_ fields: [String]) -> Bool {
    fields.allSatisfy { field in field.unicodeScalars.allSatisfy { $0.properties.isWhitespace } }
  }

  /// Line breaks inside the fields: LF, CRLF and a lone CR count one each.
  static func lineBreaks(in fields: [String]) -> Int {
    var count = 0
    for field in fields {
      var previousWasCR = false
      for byte in field.utf8 {
        if byte == 0x0A {
          if !previousWasCR { count += 1 }
          previousWasCR = false
        } else if byte == 0x0D {
          count += 1
          previousWasCR = true
        } else {
          previousWasCR = false
        }
      }
    }
    return count
  }

  /// The delimiter the header line uses most, outside quotes: `;` in European Excel
  /// exports (where the comma is the decimal separator), `,` elsewhere, tab now and then.
  /// A tie goes to the comma.
  public static func detectDelimiter(in text: String) -> Unicode.Scalar {
    var counts: [UInt8: Int] = [:]
    var quoted = false
    var seenContent = false
    for byte in text.utf8 {
      if byte == UInt8(ascii: "\"") {
        quoted.toggle()
      } else if !quoted && (byte == 0x0A || byte == 0x0D) {
        if seenContent { break }
      } else if !quoted && (byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == 0x09) {
        counts[byte, default: 0] += 1
        seenContent = true
      } else if byte != 0x20 {
        seenContent = true
      }
    }
    let comma = counts[UInt8(ascii: ","), default: 0]
    let semicolon = counts[UInt8(ascii: ";"), default: 0]
    let tab = counts[0x09, default: 0]
    if semicolon > comma && semicolon >= tab { return ";" }
    if tab > comma && tab > semicolon { return "\t" }
    return ","
  }
}
