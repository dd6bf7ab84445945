public import Foundation
public import PoppAPI

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One line of the audit log: who did what to which conversation, and how it ended.
public struct AuditEntry: Codable, Sendable, Hashable {
  public enum Action: String, Codable, Sendable, Hashable {
    case takeOver = "take-over"
    case send
    case sendTemplate = "send-template"
    case handBack = "hand-back"
    case createCampaign = "create-campaign"
    case updateCampaign = "update-campaign"
    case launch
    case bulkLaunch = "bulk-launch"
  }

  public var time: Date
  public var organization: String
  /// Empty for an action on a campaign.
  public var conversation: String
  /// The campaign of a campaign action (create, update, launch).
  public var campaign: String?
  public var action: Action
  /// `ok`, `failed: <reason>` or `unknown` (the server may or may not have acted).
  public var outcome: String
  public var user: String
  /// E.g. the outbox id. Never a message body, never a key.
  public var detail: String?

  public init(
    time: Date = Date(), organization: String, conversation: String, campaign: String? = nil, action: Action, outcome: String,
    user: String = AuditLog.userName, detail: String? = nil
  ) {
    self.time = time
    self.organization = organization
    self.conversation = conversation
    self.campaign = campaign
    self.action = action
    self.outcome = outcome
    self.user = user
    self.detail = detail
  }

  /// The outcome text of an action that ended with `error` (nil: it succeeded).
  public static func outcome(_ error: PoppError?) -> String {
    guard let error else { return "ok" }
    return error.outcomeUnknown ? "unknown" : "failed: \(error.serverMessage ?? error.description)"
  }
}

/// The local, append-only record of takeovers, sends and hand-backs (`:audit` shows it). One
/// JSON object per line, each appended by a single `write` on an `O_APPEND` descriptor, so
/// several consoles on one box can share the file without interleaving lines.
public final class AuditLog: Sendable {
  public let path: String

  /// The log at `path` (see `path(in:)`); the file and its folder are created on first append.
  public init(path: String) {
    self.path = path
  }

  /// `$XDG_STATE_HOME/popp-console/audit.log`: one per user, across organizations.
  public static func path(in paths: ConsolePaths) -> String {
    paths.stateDirectory.appendingPathComponent("audit.log").path
  }

  /// The local user's login name: from the password database, which `sudo`/`su` keep
  /// honest, else `$USER`.
  public static let userName: String = {
    if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name, let text = String(validatingCString: name), !text.isEmpty {
      return text
    }
    return ProcessInfo.processInfo.environment["USER"] ?? "uid \(getuid())"
  }()

  /// The longest reason or detail kept, so that a line stays one small write.
  static let maxFieldLength = 500

  /// Appends one line. Fails only when the file cannot be written.
  public func append(_ entry: AuditEntry) throws {
    var entry = entry
    entry.outcome = String(entry.outcome.prefix(Self.maxFieldLength))
    entry.detail = entry.detail.map { String($0.prefix(Self.maxFieldLength)) }
    var line = try Self.encoder.encode(entry)
    line.append(UInt8(ascii: "\n"))

    try ConsolePaths.createPrivateFolder(holding: URL(fileURLWithPath: path))
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw AuditLogError.cannotOpen(path, errno) }
    defer { close(descriptor) }
    let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    guard written == line.count else { throw AuditLogError.shortWrite(path, written < 0 ? errno : 0) }
  }

  /// Appends one line and forgets a failure: an action that happened is not undone because
  /// the log could not be written (the console shows the log's problem elsewhere).
  /// `user`: who acted (a hub records each console's Unix user; a console, its own).
  public func record(
    _ action: AuditEntry.Action, organization: String, conversation: String, outcome: String, detail: String? = nil,
    user: String = AuditLog.userName
  ) {
    try? append(
      AuditEntry(organization: organization, conversation: conversation, action: action, outcome: outcome, user: user, detail: detail))
  }

  /// An action on a campaign: creating or changing it, launching candidates into it.
  public func record(
    _ action: AuditEntry.Action, organization: String, campaign: String, outcome: String, detail: String? = nil,
    user: String = AuditLog.userName
  ) {
    try? append(
      AuditEntry(
        organization: organization, conversation: "", campaign: campaign, action: action, outcome: outcome, user: user, detail: detail))
  }

  /// The newest `limit` entries, oldest first. Reads only the end of the file; skips lines
  /// that do not parse (a torn last line of a crashed writer).
  public func entries(limit: Int = 200) throws -> [AuditEntry] {
    guard limit > 0, let handle = FileHandle(forReadingAtPath: path) else { return [] }
    defer { try? handle.close() }
    let size = try handle.seekToEnd()
    var start = size
    var chunk = Data()
    let block: UInt64 = 64 * 1024
    // Read blocks backwards until more than `limit` line ends are in hand.
    while start > 0 && chunk.reduce(0, { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }) <= limit {
      let next = start > block ? start - block : 0
      try handle.seek(toOffset: next)
      chunk = (try handle.read(upToCount: Int(start - next)) ?? Data()) + chunk
      start = next
    }
    var lines = chunk.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
    // The first line of a block read from the middle of the file may be partial.
    if start > 0 && !lines.isEmpty { lines.removeFirst() }
    let decoder = Self.decoder
    let entries = lines.compactMap { try? decoder.decode(AuditEntry.self, from: Data($0)) }
    return Array(entries.suffix(limit))
  }

  private static var encoder: JSONEncoder {
    let encoder = PoppJSON.makeEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  private static var decoder: JSONDecoder { PoppJSON.makeDecoder() }
}

/// Why a line could not be appended (the folder or file is not writable, the disk is full).
public enum AuditLogError: Error, CustomStringConvertible {
  case cannotOpen(String, Int32)
  case shortWrite(String, Int32)

  public var description: String {
    switch self {
    case .cannotOpen(let path, let code): "cannot open the audit log \(path): \(String(cString: strerror(code)))"
    case .shortWrite(let path, let code): "could not write the audit log \(path)\(code == 0 ? "" : ": \(String(cString: strerror(code)))")"
    }
  }
}
