import Foundation

/// An opaque cursor: where the previous page stopped in (createdAt, seq) order, and in
/// which direction. Keyset pagination stays correct while rows are added.
struct PageToken: Equatable {
  var descending: Bool
  var createdAt: Int64
  var seq: Int64

  var encoded: String {
    Data("\(descending ? "d" : "a"):\(createdAt):\(seq)".utf8).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  init(descending: Bool, createdAt: Int64, seq: Int64) {
    self.descending = descending
    self.createdAt = createdAt
    self.seq = seq
  }

  init(decoding text: String, descending expected: Bool) throws(APIError) {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while base64.count % 4 != 0 { base64 += "=" }
    guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8) else {
      throw .badRequest("nextToken is not a token this server issued")
    }
    let parts = plain.split(separator: ":")
    guard parts.count == 3, parts[0] == "a" || parts[0] == "d", let createdAt = Int64(parts[1]), let seq = Int64(parts[2]) else {
      throw .badRequest("nextToken is not a token this server issued")
    }
    guard (parts[0] == "d") == expected else {
      throw .badRequest("nextToken belongs to a listing in the other sortDirection")
    }
    self.init(descending: expected, createdAt: createdAt, seq: seq)
  }

  /// The rows after this token, as two conditions to query one after the other: the rest of
  /// the rows sharing the token's createdAt (a whole bulk shares one), then the later ones.
  /// Each is a plain index seek on (createdAt, seq); SQLite 3.40 answered the single
  /// row-value comparison by scanning every row of that createdAt.
  var conditions: [(sql: String, arguments: [Int64])] {
    let op = descending ? "<" : ">"
    return [("createdAt = ? AND seq \(op) ?", [createdAt, seq]), ("createdAt \(op) ?", [createdAt])]
  }
}

/// The parameters every list endpoint shares.
struct ListParameters {
  static let defaultLimit = 50
  static let maximumLimit = 500

  var limit: Int
  var descending: Bool
  var after: PageToken?

  init(query: [String: String], defaultDescending: Bool = false) throws(APIError) {
    if let raw = query["limit"] {
      guard let value = Int(raw), (1...Self.maximumLimit).contains(value) else {
        throw .badRequest("limit must be a whole number from 1 to \(Self.maximumLimit), not \"\(raw)\"")
      }
      limit = value
    } else {
      limit = Self.defaultLimit
    }
    switch query["sortDirection"]?.uppercased() {
    case nil: descending = defaultDescending
    case "ASC": descending = false
    case "DESC": descending = true
    case let other?: throw .badRequest("sortDirection must be ASC or DESC, not \"\(other)\"")
    }
    if let token = query["nextToken"], !token.isEmpty {
      after = try PageToken(decoding: token, descending: descending)
    }
  }

  var orderBy: String { descending ? "createdAt DESC, seq DESC" : "createdAt ASC, seq ASC" }
}
