public import Foundation

/// Everything that can go wrong talking to Popp, typed so that callers can act on it
/// (retry, refuse, show against a field) and carrying the server's own `error` text.
public enum PoppError: Error, Sendable, Equatable, CustomStringConvertible {
  /// 400: the request broke a rule; the text names the field.
  case badRequest(String)
  /// 401: missing or wrong key, or a key of another organization.
  case unauthorized(String)
  /// 404: no such resource in this organization.
  case notFound(String)
  /// 409: the resource is in the wrong state (e.g. takeover of a closed conversation).
  case conflict(String)
  /// 413: the body is over the server's limit.
  case payloadTooLarge(String)
  /// 429: slow down; `retryAfter` in seconds when the server said.
  case rateLimited(retryAfter: Double?, message: String)
  /// 5xx.
  case server(status: Int, message: String)
  /// Any other status the contract does not name.
  case unexpectedStatus(Int, String)
  /// The request never got an answer: connection refused, dropped, timed out.
  case transport(TransportFailure)
  /// A 2xx whose body could not be read.
  case invalidResponse(String)
  /// The client was set up wrongly (bad base URL, plain http to a remote host).
  case invalidConfiguration(String)

  public enum TransportFailure: Sendable, Equatable, CustomStringConvertible {
    /// Nothing reached the server: safe to retry even a POST.
    case cannotConnect(String)
    /// The request may have reached the server: a POST must not be repeated blindly.
    case connectionLost(String)
    case timedOut(String)

    public var description: String {
      switch self {
      case .cannotConnect(let why): "cannot connect: \(why)"
      case .connectionLost(let why): "connection lost: \(why)"
      case .timedOut(let why): "timed out: \(why)"
      }
    }
  }

  public var statusCode: Int? {
    switch self {
    case .badRequest: 400
    case .unauthorized: 401
    case .notFound: 404
    case .conflict: 409
    case .payloadTooLarge: 413
    case .rateLimited: 429
    case .server(let status, _), .unexpectedStatus(let status, _): status
    case .transport, .invalidResponse, .invalidConfiguration: nil
    }
  }

  /// The server's `error` text, when it sent one.
  public var serverMessage: String? {
    switch self {
    case .badRequest(let text), .unauthorized(let text), .notFound(let text), .conflict(let text),
      .payloadTooLarge(let text), .rateLimited(_, let text), .server(_, let text),
      .unexpectedStatus(_, let text):
      text
    case .transport, .invalidResponse, .invalidConfiguration: nil
    }
  }

  /// Whether nobody can say if the server acted on the request (it may have, or not).
  public var outcomeUnknown: Bool {
    switch self {
    case .transport(.connectionLost), .transport(.timedOut), .server, .invalidResponse: true
    default: false
    }
  }

  public var description: String {
    switch self {
    case .badRequest(let text): "bad request (400): \(text)"
    case .unauthorized(let text): "unauthorized (401): \(text)"
    case .notFound(let text): "not found (404): \(text)"
    case .conflict(let text): "conflict (409): \(text)"
    case .payloadTooLarge(let text): "request too large (413): \(text)"
    case .rateLimited(let retryAfter, let text):
      "rate limited (429)\(retryAfter.map { ", retry after \(Int($0.rounded(.up))) s" } ?? ""): \(text)"
    case .server(let status, let text): "server error (\(status)): \(text)"
    case .unexpectedStatus(let status, let text): "unexpected status \(status): \(text)"
    case .transport(let failure): "network error: \(failure)"
    case .invalidResponse(let why): "invalid response: \(why)"
    case .invalidConfiguration(let why): "configuration error: \(why)"
    }
  }

  public static func from(status: Int, body: Data, retryAfter: Double?) -> PoppError {
    let text =
      (try? JSONDecoder().decode(ErrorBody.self, from: body).error)
      ?? HTTPURLResponse.localizedString(forStatusCode: status)
    switch status {
    case 400: return .badRequest(text)
    case 401, 403: return .unauthorized(text)
    case 404: return .notFound(text)
    case 409: return .conflict(text)
    case 413: return .payloadTooLarge(text)
    case 429: return .rateLimited(retryAfter: retryAfter, message: text)
    case 500...599: return .server(status: status, message: text)
    default: return .unexpectedStatus(status, text)
    }
  }
}

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
