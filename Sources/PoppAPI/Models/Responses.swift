extension Page: Equatable where Item: Equatable {}

/// A page of a list endpoint: `{"data": [...], "nextToken": "..." | null}`.
public struct Page<Item: Codable & Sendable>: Codable, Sendable {
  public var data: [Item]
  public var nextToken: String?

  enum CodingKeys: String, CodingKey { case data, nextToken }

  public init(data: [Item], nextToken: String?) {
    self.data = data
    self.nextToken = nextToken
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    data = try container.decode(.data, default: [])
    // An empty token would loop forever on some servers: treat it as the end.
    nextToken = try container.decodeIfPresent(String.self, forKey: .nextToken).flatMap {
      $0.isEmpty ? nil : $0
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(data, forKey: .data)
    try container.encode(nextToken, forKey: .nextToken)
  }
}

/// `{"data": [...]}` without pagination (templates, agents).
public struct DataEnvelope<Item: Codable & Sendable>: Codable, Sendable {
  public var data: [Item]

  public init(data: [Item]) { self.data = data }
}

/// `{"error": "..."}`, the body of every error response.
public struct ErrorBody: Codable, Sendable, Hashable {
  public var error: String

  public init(error: String) { self.error = error }
}

/// `{"message": "..."}`, e.g. the 202 of `POST /v1/conversations`.
public struct MessageResponse: Codable, Sendable, Hashable {
  public var message: String

  public init(message: String) { self.message = message }
}

/// The 202 of `POST /v1/conversations/bulk`.
public struct BulkConversationResponse: Codable, Sendable, Hashable {
  public struct Result: Codable, Sendable, Hashable {
    public var index: Int
    public var firstName: String?
    public var status: BulkContactStatus
    public var error: String?

    public init(index: Int, firstName: String?, status: BulkContactStatus, error: String? = nil) {
      self.index = index
      self.firstName = firstName
      self.status = status
      self.error = error
    }
  }

  public var message: String
  public var total: Int
  public var queued: Int
  public var failed: Int
  public var results: [Result]

  public init(message: String, total: Int, queued: Int, failed: Int, results: [Result]) {
    self.message = message
    self.total = total
    self.queued = queued
    self.failed = failed
    self.results = results
  }
}

/// The 200 of `POST /v1/conversations/{id}/takeover`.
public struct TakeoverResponse: Codable, Sendable, Hashable {
  public var id: String
  public var isHumanTakeover: Bool
  public var conversationStatus: ConversationStatus?

  public init(id: String, isHumanTakeover: Bool, conversationStatus: ConversationStatus?) {
    self.id = id
    self.isHumanTakeover = isHumanTakeover
    self.conversationStatus = conversationStatus
  }
}

/// The 200 of `POST /v1/conversations/{id}/hand-to-agent`. The seed names the status
/// `status` here, not `conversationStatus`.
public struct HandBackResponse: Codable, Sendable, Hashable {
  public var id: String
  public var status: ConversationStatus?
  public var stage: ConversationStage?
  public var isHumanTakeover: Bool

  public init(
    id: String, status: ConversationStatus?, stage: ConversationStage?, isHumanTakeover: Bool
  ) {
    self.id = id
    self.status = status
    self.stage = stage
    self.isHumanTakeover = isHumanTakeover
  }
}
