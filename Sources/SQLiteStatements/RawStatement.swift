public import GRDB
public import GRDBSQLite

/// One prepared statement driven through SQLite's C API, for the hot paths of the console's
/// cache and the sandbox's seeding: reading 100,000 conversations through GRDB's `Row`, or
/// binding 700,000 messages through `StatementArguments` (which boxes every value), costs
/// several times what SQLite itself does. GRDB still prepares and caches the statement; this
/// only binds, steps and reads columns. Always `reset()` after use (the callers `defer` it).
///
/// Inlinable throughout, so that its callers in other modules compile its calls in place.
public struct RawStatement {
  @usableFromInline let handle: OpaquePointer
  @usableFromInline let connection: OpaquePointer?

  @inlinable
  public init(_ statement: Statement, in db: Database) {
    handle = statement.sqliteStatement
    connection = db.sqliteConnection
  }

  /// SQLite copies the bytes it is given (`SQLITE_TRANSIENT`).
  @inlinable
  static var transient: sqlite3_destructor_type {
    unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
  }

  @inlinable
  func check(_ code: Int32) throws {
    guard code == SQLITE_OK else { throw error(code) }
  }

  @usableFromInline
  func error(_ code: Int32) -> DatabaseError {
    DatabaseError(
      resultCode: ResultCode(rawValue: code), message: connection.map { String(cString: sqlite3_errmsg($0)) },
      sql: sqlite3_sql(handle).map { String(cString: $0) })
  }

  // MARK: Binding (indices from 1, as SQLite counts)

  @inlinable
  public func bind(_ value: String?, at index: Int32) throws {
    guard var value else { return try check(sqlite3_bind_null(handle, index)) }
    try value.withUTF8 { bytes in
      // An empty buffer may have no address, and a null address binds NULL, not "".
      guard let base = bytes.baseAddress, !bytes.isEmpty else {
        return try check(sqlite3_bind_text(handle, index, "", 0, Self.transient))
      }
      try check(
        base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
          sqlite3_bind_text(handle, index, $0, Int32(bytes.count), Self.transient)
        })
    }
  }

  @inlinable
  public func bind(_ value: Int64?, at index: Int32) throws {
    guard let value else { return try check(sqlite3_bind_null(handle, index)) }
    try check(sqlite3_bind_int64(handle, index, value))
  }

  @inlinable
  public func bind(_ value: Double?, at index: Int32) throws {
    guard let value else { return try check(sqlite3_bind_null(handle, index)) }
    try check(sqlite3_bind_double(handle, index, value))
  }

  /// As GRDB stores a Bool: 1 or 0.
  @inlinable
  public func bind(_ value: Bool, at index: Int32) throws {
    try check(sqlite3_bind_int(handle, index, value ? 1 : 0))
  }

  /// Binds a blob; nil binds NULL and an empty array a zero-length blob.
  @inlinable
  public func bind(_ value: [UInt8]?, at index: Int32) throws {
    guard let value else { return try check(sqlite3_bind_null(handle, index)) }
    guard !value.isEmpty else { return try check(sqlite3_bind_zeroblob(handle, index, 0)) }
    try value.withUnsafeBytes { bytes in
      try check(sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient))
    }
  }

  @inlinable
  public func bindNull(at index: Int32) throws {
    try check(sqlite3_bind_null(handle, index))
  }

  // MARK: Stepping

  /// Steps once: true when a row is ready to read, false when done.
  @inlinable
  public func step() throws -> Bool {
    switch sqlite3_step(handle) {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    case let code: throw error(code)
    }
  }

  /// Runs a statement that returns no row.
  @inlinable
  public func run() throws {
    while try step() {}
  }

  /// Makes the statement ready for another use, with no argument bound.
  @inlinable
  public func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  // MARK: Reading (columns from 0)

  @inlinable
  public func isNull(_ column: Int32) -> Bool {
    sqlite3_column_type(handle, column) == SQLITE_NULL
  }

  /// The bytes of a text or blob column (valid until the next step or reset); nil when NULL.
  @inlinable
  public func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
    if sqlite3_column_type(handle, column) == SQLITE_NULL { return nil }
    // For a TEXT column `sqlite3_column_blob` returns its UTF-8 bytes without conversion;
    // the pointer first, then its length, as SQLite advises.
    let base = sqlite3_column_blob(handle, column)
    let count = Int(sqlite3_column_bytes(handle, column))
    guard count > 0, let base else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)
  }

  @inlinable
  public func string(_ column: Int32) -> String? {
    bytes(column).map { String(decoding: $0, as: UTF8.self) }
  }

  @inlinable
  public func double(_ column: Int32) -> Double? {
    isNull(column) ? nil : sqlite3_column_double(handle, column)
  }

  @inlinable
  public func bool(_ column: Int32) -> Bool {
    sqlite3_column_int(handle, column) != 0
  }
}

/// Binds a statement's parameters in order, first to last: for a row written column by column.
public struct ParameterCursor {
  public let statement: RawStatement
  @usableFromInline var next: Int32 = 1

  @inlinable
  public init(_ statement: RawStatement) { self.statement = statement }

  @inlinable
  public mutating func bind(_ value: String?) throws {
    try statement.bind(value, at: next)
    next += 1
  }

  @inlinable
  public mutating func bind(_ value: Int64?) throws {
    try statement.bind(value, at: next)
    next += 1
  }

  @inlinable
  public mutating func bind(_ value: Int) throws { try bind(Int64(value)) }

  @inlinable
  public mutating func bind(_ value: Bool) throws {
    try statement.bind(value, at: next)
    next += 1
  }
}
