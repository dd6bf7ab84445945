internal import GRDB
internal import GRDBSQLite

/// One prepared statement driven through SQLite's C API, for the cache's hot paths: reading
/// 100,000 conversations through GRDB's `Row` costs several times what the rows themselves
/// cost. GRDB still prepares and caches the statement; this only binds, steps and reads
/// columns. Always `reset()` after use (the callers `defer` it).
struct RawStatement {
  let handle: OpaquePointer
  private let connection: OpaquePointer?

  init(_ statement: Statement, in db: Database) {
    handle = statement.sqliteStatement
    connection = db.sqliteConnection
  }

  /// SQLite copies the bytes it is given (`SQLITE_TRANSIENT`).
  private static var transient: sqlite3_destructor_type {
    unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
  }

  private func check(_ code: Int32) throws {
    guard code == SQLITE_OK else { throw error(code) }
  }

  private func error(_ code: Int32) -> DatabaseError {
    DatabaseError(
      resultCode: ResultCode(rawValue: code), message: connection.map { String(cString: sqlite3_errmsg($0)) },
      sql: sqlite3_sql(handle).map { String(cString: $0) })
  }

  // MARK: Binding (indices from 1, as SQLite counts)

  func bind(_ value: String?, at index: Int32) throws {
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

  func bind(_ value: Double?, at index: Int32) throws {
    guard let value else { return try check(sqlite3_bind_null(handle, index)) }
    try check(sqlite3_bind_double(handle, index, value))
  }

  func bind(_ value: Bool, at index: Int32) throws {
    try check(sqlite3_bind_int(handle, index, value ? 1 : 0))
  }

  /// Binds a blob; nil binds NULL and an empty array a zero-length blob.
  func bind(_ value: [UInt8]?, at index: Int32) throws {
    guard let value else { return try check(sqlite3_bind_null(handle, index)) }
    guard !value.isEmpty else { return try check(sqlite3_bind_zeroblob(handle, index, 0)) }
    try value.withUnsafeBytes { bytes in
      try check(sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient))
    }
  }

  func bindNull(at index: Int32) throws {
    try check(sqlite3_bind_null(handle, index))
  }

  // MARK: Stepping

  /// Steps once: true when a row is ready to read, false when done.
  func step() throws -> Bool {
    switch sqlite3_step(handle) {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    case let code: throw error(code)
    }
  }

  /// Runs a statement that returns no row.
  func run() throws {
    while try step() {}
  }

  /// Makes the statement ready for another use, with no argument bound.
  func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  // MARK: Reading (columns from 0)

  func isNull(_ column: Int32) -> Bool {
    sqlite3_column_type(handle, column) == SQLITE_NULL
  }

  /// The bytes of a text or blob column (valid until the next step or reset); nil when NULL.
  func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
    if sqlite3_column_type(handle, column) == SQLITE_NULL { return nil }
    // For a TEXT column `sqlite3_column_blob` returns its UTF-8 bytes without conversion;
    // the pointer first, then its length, as SQLite advises.
    let base = sqlite3_column_blob(handle, column)
    let count = Int(sqlite3_column_bytes(handle, column))
    guard count > 0, let base else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)
  }

  func string(_ column: Int32) -> String? {
    bytes(column).map { String(decoding: $0, as: UTF8.self) }
  }

  func double(_ column: Int32) -> Double? {
    isNull(column) ? nil : sqlite3_column_double(handle, column)
  }

  func bool(_ column: Int32) -> Bool {
    sqlite3_column_int(handle, column) != 0
  }
}
