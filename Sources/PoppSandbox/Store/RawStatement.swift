import GRDB
import GRDBSQLite

/// A statement GRDB prepared and caches, bound and stepped through SQLite's C API: for the
/// rows a demo writes by the hundred thousand, GRDB's boxing of every argument into a
/// `DatabaseValue` cost about as much as SQLite's insert itself. (ConsoleCore's cache does the
/// same for its reads; the sandbox does not link ConsoleCore.)
struct RawStatement {
  private let handle: OpaquePointer
  private let connection: OpaquePointer?
  private var index: Int32 = 0

  init(_ statement: Statement, in db: Database) {
    handle = statement.sqliteStatement
    connection = db.sqliteConnection
  }

  /// SQLite copies the bytes it is given.
  private static var transient: sqlite3_destructor_type {
    unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
  }

  private func check(_ code: Int32) throws {
    guard code == SQLITE_OK || code == SQLITE_DONE else {
      throw DatabaseError(
        resultCode: ResultCode(rawValue: code), message: connection.map { String(cString: sqlite3_errmsg($0)) },
        sql: sqlite3_sql(handle).map { String(cString: $0) })
    }
  }

  /// Binds the next parameter (the first, then the second...).
  mutating func bind(_ value: String?) throws {
    index += 1
    guard var value else { return try check(sqlite3_bind_null(handle, index)) }
    let index = index
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

  mutating func bind(_ value: Int64?) throws {
    index += 1
    guard let value else { return try check(sqlite3_bind_null(handle, index)) }
    try check(sqlite3_bind_int64(handle, index, value))
  }

  mutating func bind(_ value: Int) throws { try bind(Int64(value)) }

  /// As GRDB stores a Bool: 1 or 0.
  mutating func bind(_ value: Bool) throws { try bind(Int64(value ? 1 : 0)) }

  /// Runs the statement, which returns no row, and makes it ready for the next use.
  func run() throws {
    defer {
      sqlite3_reset(handle)
      sqlite3_clear_bindings(handle)
    }
    try check(sqlite3_step(handle))
  }
}
