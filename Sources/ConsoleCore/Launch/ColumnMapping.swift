/// Which CSV column fills which contact field: detected from the header's spellings, then
/// adjusted by the user's overrides. Shown to the user before anything is sent.
public struct ColumnMapping: Sendable, Hashable {
  /// A header cell that fills no field, and why.
  public struct Ignored: Sendable, Hashable {
    public enum Reason: Sendable, Hashable {
      /// No field goes by this name.
      case unknown
      /// It names a field another column already fills (the first one wins; `--map` chooses).
      case alsoNames(BulkField, takenBy: Int)
      /// An override left this field unmapped.
      case unmapped(BulkField)
    }

    /// Zero-based column index.
    public var column: Int
    public var header: String
    public var reason: Reason
  }

  /// The header cells as they are in the file.
  public var headers: [String]
  /// Field → zero-based column index.
  public var columns: [BulkField: Int]
  public var ignored: [Ignored]
  /// The fields the user set (or unset) explicitly.
  public var overridden: Set<BulkField>

  /// Whether first and last names come from one full-name column, split at its last space.
  public var splitsFullName: Bool { columns[.name] != nil }

  /// Detects the mapping of `headers`. Overrides apply first and name columns by their
  /// header text (exact, else compared like auto-detection); an override with no header
  /// leaves its field unmapped.
  public static func detect(headers: [String], overrides: [ColumnOverride] = []) throws(BulkFileError) -> ColumnMapping {
    var columns: [BulkField: Int] = [:]
    var claimed: [Int: BulkField] = [:]
    var unmapped: Set<BulkField> = []
    for override in overrides {
      guard let header = override.header else {
        unmapped.insert(override.field)
        columns[override.field] = nil
        continue
      }
      guard let column = index(of: header, in: headers) else {
        throw .unknownColumn(field: override.field, header: header, headers: headers)
      }
      if let previous = columns[override.field] { claimed[previous] = nil }
      columns[override.field] = column
      claimed[column] = override.field
      unmapped.remove(override.field)
    }
    let overridden = Set(overrides.map(\.field))
    var ignored: [Ignored] = []
    for (column, header) in headers.enumerated() where claimed[column] == nil {
      guard let field = BulkField.matching(header: header) else {
        ignored.append(Ignored(column: column, header: header, reason: .unknown))
        continue
      }
      if unmapped.contains(field) {
        ignored.append(Ignored(column: column, header: header, reason: .unmapped(field)))
      } else if let taken = columns[field] {
        ignored.append(Ignored(column: column, header: header, reason: .alsoNames(field, takenBy: taken)))
      } else {
        columns[field] = column
        claimed[column] = field
      }
    }
    // A full-name column is only split when nothing else gives the first name. Beside a
    // last-name column it is the first name; beside a first-name column it is not needed.
    if let nameColumn = columns[.name] {
      if let firstColumn = columns[.firstName] {
        let keepName = overridden.contains(.name) && !overridden.contains(.firstName)
        let (kept, dropped) = keepName ? (nameColumn, firstColumn) : (firstColumn, nameColumn)
        columns[keepName ? .firstName : .name] = nil
        ignored.append(Ignored(column: dropped, header: headers[dropped], reason: .alsoNames(.firstName, takenBy: kept)))
        if keepName && columns[.lastName] != nil {
          columns[.firstName] = nameColumn
          columns[.name] = nil
        }
      } else if columns[.lastName] != nil {
        columns[.firstName] = nameColumn
        columns[.name] = nil
      }
    }
    ignored.sort { $0.column < $1.column }
    return ColumnMapping(headers: headers, columns: columns, ignored: ignored, overridden: overridden)
  }

  /// The column a header names: the exact text first, then ignoring surrounding spaces,
  /// then compared as auto-detection compares (case and punctuation ignored).
  static func index(of header: String, in headers: [String]) -> Int? {
    if let exact = headers.firstIndex(of: header) { return exact }
    let trimmed = header.trimmingWhitespace
    if let loose = headers.firstIndex(where: { $0.trimmingWhitespace == trimmed }) { return loose }
    let key = HeaderName.normalize(header)
    guard !key.isEmpty else { return nil }
    return headers.firstIndex { HeaderName.normalize($0) == key }
  }

  /// The fields a campaign on `channel` needs that no column fills.
  public func missingFields(for channel: Channel) -> [BulkField] {
    var missing: [BulkField] = []
    if columns[.firstName] == nil && columns[.name] == nil { missing.append(.firstName) }
    if channel.usesEmail {
      if columns[.emailAddress] == nil { missing.append(.emailAddress) }
    } else if columns[.phoneNumber] == nil {
      missing.append(.phoneNumber)
    }
    return missing
  }

  /// The mapping for people, one line per mapped field in API order, then the ignored
  /// columns: `phoneNumber          ← "Mobile"`. Header text is the file's, unsanitised:
  /// pass it through `TerminalSanitizer` before it reaches a terminal.
  public var lines: [String] {
    func quoted(_ column: Int) -> String {
      let header = headers[column]
      return header.trimmingWhitespace.isEmpty ? "column \(column + 1) (no header)" : "\"\(header)\""
    }
    var lines: [String] = []
    for field in BulkField.allCases {
      guard let column = columns[field] else { continue }
      let label = field == .name ? "firstName, lastName" : field.rawValue
      var line = label.padding(toLength: 26, withPad: " ", startingAt: 0) + "← " + quoted(column)
      if field == .name { line += " (split at the last space)" }
      if overridden.contains(field) { line += " (as mapped)" }
      lines.append(line)
    }
    for entry in ignored {
      let why: String =
        switch entry.reason {
        case .unknown: "not a field"
        case .alsoNames(let field, let taken): "\(field.rawValue) already comes from \(quoted(taken))"
        case .unmapped(let field): "\(field.rawValue) unmapped as asked"
        }
      lines.append("ignored".padding(toLength: 26, withPad: " ", startingAt: 0) + "  " + quoted(entry.column) + ": " + why)
    }
    return lines
  }
}

/// A user's choice of column for a field: `--map firstName="Given"`, or `--map
/// additionalContext=` to leave a field unmapped.
public struct ColumnOverride: Sendable, Hashable {
  public var field: BulkField
  /// The header of the column to read; nil leaves the field unmapped.
  public var header: String?

  public init(field: BulkField, header: String?) {
    self.field = field
    self.header = header
  }

  /// Reads `field=Header`. The field is an API name (`firstName`) or one of its spellings,
  /// in any case; surrounding quotes around the header are dropped.
  public static func parse(_ text: String) throws(BulkFileError) -> ColumnOverride {
    guard let equals = text.firstIndex(of: "=") else { throw .badOverride(text) }
    let name = String(text[..<equals]).trimmingWhitespace
    var header = String(text[text.index(after: equals)...])
    if header.count >= 2, header.first == "\"", header.last == "\"" { header = String(header.dropFirst().dropLast()) }
    guard let field = BulkField.named(name) else { throw .badOverride(text) }
    return ColumnOverride(field: field, header: header.trimmingWhitespace.isEmpty ? nil : header)
  }
}

extension String {
  var trimmingWhitespace: String {
    var view = Substring(self)
    while let first = view.first, first.isWhitespace { view = view.dropFirst() }
    while let last = view.last, last.isWhitespace { view = view.dropLast() }
    return String(view)
  }
}
