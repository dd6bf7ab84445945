import PoppAPI

/// An error answer of the sandbox: a status and the `{"error": "..."}` text.
struct APIError: Error, Sendable {
  let status: Int
  let message: String

  static func badRequest(_ message: String) -> APIError { APIError(status: 400, message: message) }
  static func badRequest(_ error: FieldError) -> APIError { APIError(status: 400, message: error.description) }
  static let unauthorized = APIError(
    status: 401, message: "invalid or missing API key for this organization (x-api-key, x-organization-id)")
  static func notFound(_ what: String) -> APIError { APIError(status: 404, message: "\(what) not found") }
  static func conflict(_ message: String) -> APIError { APIError(status: 409, message: message) }
  static func tooLarge(limit: Int) -> APIError { APIError(status: 413, message: "request body is larger than \(limit) bytes") }
}
