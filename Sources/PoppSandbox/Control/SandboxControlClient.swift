public import Foundation
public import PoppAPI

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A client of the sandbox's control surface (`/sandbox/...`), for tests, benchmarks and
/// training scripts. It never retries: a test wants to see exactly what happened.
public struct SandboxControlClient: Sendable {
  public struct Stats: Codable, Sendable {
    public var totalRequests: Int
    public var bytesSent: Int
    public var requests: [String: Int]
    /// The most requests of each route in progress at once since the last reset.
    public var peakInFlight: [String: Int]?

    public func count(_ key: String) -> Int { requests[key] ?? 0 }
  }

  public struct Faults: Codable, Sendable, Equatable {
    public var latencyMs: Int?
    public var errorRate: Double?
    public var rateLimitPerMinute: Int?
    public var dropConnectionRate: Double?
    /// `before`, `after` or `either`.
    public var dropConnectionPhase: String?
    public var malformedJsonRate: Double?
    public var methods: [String]?

    public init(
      latencyMs: Int? = nil, errorRate: Double? = nil, rateLimitPerMinute: Int? = nil,
      dropConnectionRate: Double? = nil, dropConnectionPhase: String? = nil, malformedJsonRate: Double? = nil,
      methods: [String]? = nil
    ) {
      self.latencyMs = latencyMs
      self.errorRate = errorRate
      self.rateLimitPerMinute = rateLimitPerMinute
      self.dropConnectionRate = dropConnectionRate
      self.dropConnectionPhase = dropConnectionPhase
      self.malformedJsonRate = malformedJsonRate
      self.methods = methods
    }
  }

  /// The sandbox's root, e.g. `http://127.0.0.1:8080` (the `/v1` base URL's parent).
  public let root: URL
  let organizationId: String
  let apiKey: String

  public init(apiBaseURL: URL, organizationId: String, apiKey: String) {
    root = apiBaseURL.deletingLastPathComponent()
    self.organizationId = organizationId
    self.apiKey = apiKey
  }

  @discardableResult
  public func injectCandidateMessage(conversationId: String, body: String) async throws -> Message {
    try await call("POST", "conversations/\(conversationId)/candidate-messages", body: ["body": body])
  }

  @discardableResult
  public func flag(conversationId: String, reason: String) async throws -> Conversation {
    try await call("POST", "conversations/\(conversationId)/flag", body: ["reason": reason])
  }

  /// Runs the simulation `seconds` simulated seconds forward; returns the new now.
  @discardableResult
  public func advanceClock(seconds: Double) async throws -> Date {
    struct Now: Decodable { var now: Date }
    let now: Now = try await call("POST", "clock/advance", body: ["seconds": seconds])
    return now.now
  }

  @discardableResult
  public func setFaults(_ faults: Faults) async throws -> Faults {
    try await call("PUT", "faults", body: faults)
  }

  public func clearFaults() async throws {
    try await callWithoutAnswer("DELETE", "faults")
  }

  public func stats() async throws -> Stats {
    try await call("GET", "stats", body: Optional<String>.none)
  }

  public func resetStats() async throws {
    try await callWithoutAnswer("DELETE", "stats")
  }

  // MARK: Transport

  private func call<Answer: Decodable>(_ method: String, _ path: String, body: (some Encodable)?) async throws -> Answer {
    let data = try await send(method, path, body: body)
    return try PoppJSON.makeDecoder().decode(Answer.self, from: data)
  }

  private func callWithoutAnswer(_ method: String, _ path: String) async throws {
    _ = try await send(method, path, body: Optional<String>.none)
  }

  private func send(_ method: String, _ path: String, body: (some Encodable)?) async throws -> Data {
    var request = URLRequest(url: root.appendingPathComponent("sandbox").appendingPathComponent(path))
    request.httpMethod = method
    request.setValue(apiKey, forHTTPHeaderField: "x-api-key")
    request.setValue(organizationId, forHTTPHeaderField: "x-organization-id")
    if let body {
      request.httpBody = try PoppJSON.makeEncoder().encode(body)
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    let (data, response) = try await URLSession.shared.data(for: request)
    let status = (response as? HTTPURLResponse)?.statusCode ?? 0
    guard (200..<300).contains(status) else {
      throw PoppError.from(status: status, body: data, retryAfter: nil)
    }
    return data
  }
}
