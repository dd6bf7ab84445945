import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Faults injected into `/v1` answers through `PUT /sandbox/faults`: the misbehaving network
/// and server that the console must survive.
struct FaultSettings: Codable, Sendable, Equatable {
  var latencyMs: Int?
  var errorRate: Double?
  /// At most this many `/v1` requests per rolling minute; the rest get 429 + Retry-After.
  var rateLimitPerMinute: Int?
  var dropConnectionRate: Double?
  /// When a dropped connection drops: `before` the request is handled (nothing happens),
  /// `after` (the server acted, the client never hears), or `either` at random (default).
  var dropConnectionPhase: DropPhase?
  var malformedJsonRate: Double?
  /// Restricts the faults to these methods (e.g. `["POST"]`); all methods when absent.
  var methods: [String]?

  enum DropPhase: String, Codable, Sendable { case before, after, either }

  static let none = FaultSettings()

  func validationError() -> String? {
    for (name, rate) in [("errorRate", errorRate), ("dropConnectionRate", dropConnectionRate), ("malformedJsonRate", malformedJsonRate)] {
      if let rate, !(0...1).contains(rate) { return "\(name) must be between 0 and 1" }
    }
    if let latencyMs, latencyMs < 0 || latencyMs > 120_000 { return "latencyMs must be between 0 and 120000" }
    if let rateLimitPerMinute, rateLimitPerMinute < 0 { return "rateLimitPerMinute must not be negative" }
    return nil
  }

  func applies(to method: HTTPRequest.Method) -> Bool {
    guard let methods else { return true }
    return methods.contains { $0.uppercased() == method.rawValue }
  }
}

final class FaultState: Sendable {
  private struct State {
    var settings = FaultSettings.none
    var windowStart = 0.0
    var windowCount = 0
  }

  private let state = Mutex(State())

  var settings: FaultSettings { state.withLock { $0.settings } }

  func set(_ settings: FaultSettings) {
    state.withLock { state in
      state.settings = settings
      state.windowStart = ProcessInfo.processInfo.systemUptime
      state.windowCount = 0
    }
  }

  /// Seconds to wait when the rate limit refuses this request, nil when it is allowed.
  func rateLimitRetryAfter() -> Int? {
    state.withLock { state in
      guard let limit = state.settings.rateLimitPerMinute else { return nil }
      let now = ProcessInfo.processInfo.systemUptime
      if now - state.windowStart >= 60 {
        state.windowStart = now
        state.windowCount = 0
      }
      guard state.windowCount >= limit else {
        state.windowCount += 1
        return nil
      }
      return max(1, Int((60 - (now - state.windowStart)).rounded(.up)))
    }
  }
}

/// The connection is dropped without an answer.
struct DroppedConnection: Error {}

struct FaultMiddleware: RouterMiddleware {
  typealias Context = SandboxContext
  let faults: FaultState

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    let settings = faults.settings
    guard settings != .none, settings.applies(to: request.method) else { return try await next(request, context) }
    if let latency = settings.latencyMs, latency > 0 {
      try await Task.sleep(nanoseconds: UInt64(latency) * 1_000_000)
    }
    if let retryAfter = faults.rateLimitRetryAfter() {
      var headers = HTTPFields()
      headers[.retryAfter] = String(retryAfter)
      return JSONResponse.error(
        APIError(status: 429, message: "rate limited by sandbox fault injection; retry after \(retryAfter) s"), headers: headers)
    }
    if Self.chance(settings.errorRate) {
      return JSONResponse.error(APIError(status: 500, message: "injected server error (sandbox fault)"))
    }
    let drop = Self.chance(settings.dropConnectionRate)
    let phase = settings.dropConnectionPhase ?? .either
    let dropBefore = drop && (phase == .before || (phase == .either && Bool.random()))
    if dropBefore { return Self.droppedResponse() }
    let response = try await next(request, context)
    if drop { return Self.droppedResponse() }
    if Self.chance(settings.malformedJsonRate) {
      var headers = HTTPFields()
      headers[.contentType] = "application/json"
      return Response(
        status: response.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: "{\"data\": [{\"id\": \"trunc")))
    }
    return response
  }

  static func chance(_ rate: Double?) -> Bool {
    guard let rate, rate > 0 else { return false }
    return Double.random(in: 0..<1) < rate
  }

  /// A response whose body fails after the head promised bytes: the server closes the
  /// connection mid-answer, which the client sees as a lost connection.
  static func droppedResponse() -> Response {
    Response(status: .ok, body: ResponseBody(contentLength: 64) { _ in throw DroppedConnection() })
  }
}
