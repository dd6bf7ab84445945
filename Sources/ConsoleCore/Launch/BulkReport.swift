import CSV
public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The results file beside the input (`applicants.csv` → `applicants.results.csv`): one
/// line per row with its line number, the fields as mapped (the phone number as sent),
/// status and reason. A re-run reads it back to skip what was already queued.
public enum BulkReport {
  public static let columns = [
    "line", "firstName", "lastName", "phoneNumber", "emailAddress", "externalId", "openingMessage", "additionalContext",
    "closePreviousConversations", "status", "reason", "campaignId",
  ]

  /// `applicants.csv` → `applicants.results.csv`; `list.txt` → `list.txt.results.csv`.
  public static func path(forInput input: URL) -> URL {
    let name = input.lastPathComponent
    let base = name.lowercased().hasSuffix(".csv") ? String(name.dropLast(4)) : name
    return input.deletingLastPathComponent().appendingPathComponent(base + ".results.csv")
  }

  /// The file's bytes: UTF-8 without a byte order mark, comma-separated, CRLF line ends as
  /// RFC 4180 and Excel have them, every cell quoted where it must be (CSV.swift's
  /// `CSVWriter`).
  public static func encode(_ results: [BulkRowResult], campaignId: String) throws -> Data {
    // In memory, then one write: CSVWriter writes a byte per call, which on a file stream
    // would be a system call per byte.
    let stream = ByteCollector()
    let writer = try CSVWriter(stream: stream, newline: .crlf)
    try writer.write(row: columns)
    for result in results {
      let contact = result.contact
      try writer.write(row: [
        String(result.line), contact.firstName ?? "", contact.lastName ?? "", contact.phoneNumber ?? "",
        contact.emailAddress ?? "", contact.externalId ?? "", contact.openingMessage ?? "", contact.additionalContext ?? "",
        contact.closePreviousConversations.map { $0 ? "true" : "false" } ?? "", result.status.rawValue, result.reason ?? "",
        campaignId,
      ])
    }
    stream.close()
    return Data(stream.bytes + [0x0D, 0x0A])
  }

  /// Writes the file atomically (a temporary file beside it, flushed, then renamed over it),
  /// so a crash or a full disk never leaves half a report where the re-run will read it.
  /// The file gets the input's permissions (it holds the same people), else owner-only.
  /// `campaignId` is kept on every line: the same file launched on another campaign must not
  /// count as already sent there.
  public static func write(_ results: [BulkRowResult], campaignId: String, to url: URL, permissionsOf input: URL? = nil) throws {
    let data = try encode(results, campaignId: campaignId)
    let mode =
      input.flatMap { try? FileManager.default.attributesOfItem(atPath: $0.path)[.posixPermissions] as? NSNumber }?.int16Value
      ?? 0o600
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: mode]) else {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path])
    }
    do {
      let handle = try FileHandle(forWritingTo: temporary)
      try handle.write(contentsOf: data)
      try handle.synchronize()
      try handle.close()
      guard rename(temporary.path, url.path) == 0 else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, "errno": errno])
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }

  /// The rows of a results file written by `write`, those of `campaignId` only when given.
  /// Rows it cannot read are left out.
  public static func read(_ url: URL, campaignId: String? = nil) throws -> [BulkRowResult] {
    let table = try CSVTable.parse(try CSVTextDecoding.decode(try Data(contentsOf: url)), delimiter: ",")
    var index: [String: Int] = [:]
    for (column, name) in table.header.enumerated() { index[name] = column }
    guard index["line"] != nil, index["status"] != nil else {
      throw BulkFileError.notCSV("\(url.lastPathComponent) is not a results file (no line and status columns)")
    }
    return table.records.compactMap { record in
      func cell(_ name: String) -> String? {
        guard let column = index[name], column < record.fields.count, !record.fields[column].isEmpty else { return nil }
        return record.fields[column]
      }
      guard let line = cell("line").flatMap(Int.init), let status = cell("status").flatMap(BulkRowResult.Status.init) else {
        return nil
      }
      if let campaignId, let written = cell("campaignId"), written != campaignId { return nil }
      let contact = BulkContact(
        firstName: cell("firstName"), lastName: cell("lastName"), phoneNumber: cell("phoneNumber"),
        emailAddress: cell("emailAddress"), externalId: cell("externalId"), openingMessage: cell("openingMessage"),
        additionalContext: cell("additionalContext"), closePreviousConversations: cell("closePreviousConversations").map { $0 == "true" })
      return BulkRowResult(line: line, contact: contact, status: status, reason: cell("reason"))
    }
  }
}

/// An output stream into an array: `OutputStream(toMemory:)` costs a microsecond per call on
/// Linux, and `CSVWriter` writes a byte per call.
private final class ByteCollector: OutputStream {
  var bytes: [UInt8] = []
  private var status: Stream.Status = .notOpen

  convenience init() { self.init(toMemory: ()) }
  required init(toMemory: ()) { super.init(toMemory: ()) }

  override var streamStatus: Stream.Status { status }
  override var hasSpaceAvailable: Bool { true }
  override func open() { status = .open }
  override func close() { status = .closed }

  override func write(_ buffer: UnsafePointer<UInt8>, maxLength length: Int) -> Int {
    bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: length))
    return length
  }
}
