/// One data row of the CSV and what will happen to it.
public struct BulkRow: Sendable, Hashable {
  public enum State: Sendable, Hashable {
    /// Valid, and will be sent.
    case ready
    /// Not sent: the problems, each leading with its field (`phoneNumber "0770" is …`).
    case invalid([String])
    /// Not sent: an earlier line of the file has the same key.
    case duplicate(ofLine: Int)
    /// Not sent: the campaign already has this candidate (or a previous run queued it).
    case alreadyInCampaign
  }

  /// The physical line the record starts on (the header is line 1).
  public var line: Int
  /// The mapped values, with the phone number normalised when it could be; this is what
  /// is sent, and what the results file shows.
  public var contact: BulkContact
  public var key: ContactKey?
  public var state: State

  public init(line: Int, contact: BulkContact, key: ContactKey?, state: State) {
    self.line = line
    self.contact = contact
    self.key = key
    self.state = state
  }
}

/// A problem of a row, for the preview.
public struct BulkProblem: Sendable, Hashable, CustomStringConvertible {
  public var line: Int
  public var message: String

  /// `line 17: phoneNumber "07700" is not …` (CSV text inside: sanitise before printing).
  public var description: String { "line \(line): \(message)" }
}

/// The rows of the preview: how many of each kind.
public struct BulkCounts: Sendable, Hashable {
  /// Data rows in the file (blank lines not counted).
  public var rows = 0
  public var ready = 0
  public var invalid = 0
  public var duplicates = 0
  public var alreadyInCampaign = 0
}

/// Everything known about a bulk launch before anything is sent: the mapping, every row
/// with its state, the counts. A value, built synchronously (`prepare`) so the console can
/// build it off its UI thread; `skipping(existing:)` then marks what the campaign already
/// has, which needs the network.
public struct BulkPlan: Sendable, Hashable {
  public var channel: Channel
  public var mapping: ColumnMapping
  public var delimiter: Unicode.Scalar
  /// Every data row, in file order.
  public var rows: [BulkRow]

  public init(channel: Channel, mapping: ColumnMapping, delimiter: Unicode.Scalar, rows: [BulkRow]) {
    self.channel = channel
    self.mapping = mapping
    self.delimiter = delimiter
    self.rows = rows
  }

  public var counts: BulkCounts {
    var counts = BulkCounts()
    counts.rows = rows.count
    for row in rows {
      switch row.state {
      case .ready: counts.ready += 1
      case .invalid: counts.invalid += 1
      case .duplicate: counts.duplicates += 1
      case .alreadyInCampaign: counts.alreadyInCampaign += 1
      }
    }
    return counts
  }

  /// The rows that will be sent, in file order.
  public var outgoing: [BulkOutgoing] {
    rows.compactMap { row in
      guard row.state == .ready, let key = row.key else { return nil }
      return BulkOutgoing(line: row.line, contact: row.contact, key: key)
    }
  }

  /// The first `limit` problems (invalid rows and duplicates), by line.
  public func problems(limit: Int = .max) -> [BulkProblem] {
    var problems: [BulkProblem] = []
    for row in rows {
      switch row.state {
      case .invalid(let messages): problems += messages.map { BulkProblem(line: row.line, message: $0) }
      case .duplicate(let first):
        problems.append(BulkProblem(line: row.line, message: "duplicate of line \(first) (same \(row.key?.description ?? "contact"))"))
      case .ready, .alreadyInCampaign: continue
      }
      if problems.count >= limit { return Array(problems.prefix(limit)) }
    }
    return problems
  }

  /// The plan with every ready row the campaign already has marked `alreadyInCampaign`:
  /// a re-run after a partial failure sends only what was not queued.
  public func skipping(existing: ExistingContacts) -> BulkPlan {
    var plan = self
    for index in plan.rows.indices {
      guard plan.rows[index].state == .ready, let key = plan.rows[index].key, existing.keys.contains(key) else { continue }
      plan.rows[index].state = .alreadyInCampaign
    }
    return plan
  }

  /// One result per row, in file order: the sender's results for the rows it sent, and for
  /// the others why they were not sent. Ready rows without a result (a dry run) are
  /// `ready`.
  public func results(sent: [BulkRowResult] = []) -> [BulkRowResult] {
    var byLine: [Int: BulkRowResult] = [:]
    for result in sent { byLine[result.line] = result }
    return rows.map { row in
      if let result = byLine[row.line] { return result }
      switch row.state {
      case .ready: return BulkRowResult(line: row.line, contact: row.contact, status: .ready, reason: nil)
      case .invalid(let problems):
        return BulkRowResult(line: row.line, contact: row.contact, status: .invalid, reason: problems.joined(separator: "; "))
      case .duplicate(let first):
        return BulkRowResult(
          line: row.line, contact: row.contact, status: .skipped,
          reason: "duplicate of line \(first) (same \(row.key?.description ?? "contact"))")
      case .alreadyInCampaign:
        return BulkRowResult(line: row.line, contact: row.contact, status: .skipped, reason: BulkRowResult.alreadyInCampaign)
      }
    }
  }
}

/// A row on its way to the server: its line, the contact as sent, and its key for
/// recognising it among the campaign's conversations after a lost answer.
public struct BulkOutgoing: Sendable, Hashable {
  public var line: Int
  public var contact: BulkContact
  public var key: ContactKey

  public init(line: Int, contact: BulkContact, key: ContactKey) {
    self.line = line
    self.contact = contact
    self.key = key
  }
}
