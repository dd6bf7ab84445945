import Foundation
import Logging

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// What the client logs about its requests. The API key never appears: headers are listed
/// only at `trace`, with `x-api-key` replaced, and bodies (candidates' messages) never.
enum RequestLog {
  static let logger = Logger(label: "popp-console.api")
  static let redactedHeaders: Set<String> = ["x-api-key", "authorization", "cookie"]

  /// `GET /v1/conversations?limit=500`.
  static func describe(_ request: URLRequest) -> String {
    let method = request.httpMethod ?? "GET"
    guard let url = request.url else { return method }
    return "\(method) \(url.path)" + (url.query.map { "?" + $0 } ?? "")
  }

  /// The request's headers with secrets replaced, for trace logs.
  static func headers(_ request: URLRequest) -> String {
    (request.allHTTPHeaderFields ?? [:]).sorted { $0.key.lowercased() < $1.key.lowercased() }.map { name, value in
      "\(name): \(redactedHeaders.contains(name.lowercased()) ? "[redacted]" : value)"
    }.joined(separator: ", ")
  }

  static func sent(_ request: URLRequest, attempt: Int) {
    let again = attempt > 1 ? " (attempt \(attempt))" : ""
    logger.debug("→ \(describe(request))\(again)")
    logger.trace("headers of \(describe(request)): \(headers(request))")
  }

  static func answered(_ request: URLRequest, status: Int, started: Date) {
    let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
    if (200..<300).contains(status) {
      logger.debug("← \(status) \(describe(request)) in \(milliseconds) ms")
    } else {
      logger.notice("← \(status) \(describe(request)) in \(milliseconds) ms")
    }
  }

  static func failed(_ request: URLRequest, _ error: PoppError, retryIn delay: Double?) {
    let next = delay.map { String(format: "; retrying in %.1f s", $0) } ?? ""
    logger.warning("\(describe(request)) failed: \(error.description)\(next)")
  }
}
