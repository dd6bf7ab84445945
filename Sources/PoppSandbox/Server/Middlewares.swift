import Foundation
import HTTPTypes
import Hummingbird
import PoppAPI

/// Turns every failure into the contract's `{"error": "..."}` body and marks every answer
/// as the sandbox's, so that a client can tell it is not talking to Popp.
/// A path that exists but not with the request's method answers 405 with `Allow` (the router
/// itself answers 404 for both).
struct ErrorMiddleware: RouterMiddleware {
  typealias Context = SandboxContext
  let routes: RouteTable

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    var response: Response
    do {
      response = try await next(request, context)
    } catch let error as APIError {
      response = JSONResponse.error(error)
    } catch let error as any HTTPResponseError where error.status.code == 404 && !routes.methods(servingPath: request.uri.path).isEmpty {
      let allowed = routes.methods(servingPath: request.uri.path)
      var headers = HTTPFields()
      headers[.allow] = allowed.joined(separator: ", ")
      response = JSONResponse.error(
        APIError(
          status: 405,
          message: "method \(request.method) is not allowed on \(request.uri.path) (allowed: \(allowed.joined(separator: ", ")))"),
        headers: headers)
    } catch let error as any HTTPResponseError {
      let status = error.status
      let message: String =
        switch status.code {
        case 404: "no such endpoint: \(request.method) \(request.uri.path)"
        case 405: "method \(request.method) is not allowed on \(request.uri.path)"
        case 413: "request body is larger than \(SandboxLimits.maxBodyBytes) bytes"
        default: status.reasonPhrase
        }
      response = JSONResponse.error(APIError(status: status.code, message: message))
    } catch {
      context.logger.error("internal error: \(error)")
      response = JSONResponse.error(APIError(status: 500, message: "internal sandbox error"))
    }
    response.headers[HTTPField.Name("x-popp-sandbox")!] = "1"
    return response
  }
}

/// Checks `x-api-key` and `x-organization-id` and records the organization for the handler.
struct AuthMiddleware: RouterMiddleware {
  typealias Context = SandboxContext
  let store: SandboxStore

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    let organizationId = request.headers[HTTPField.Name("x-organization-id")!]
    let apiKey = request.headers[HTTPField.Name("x-api-key")!]
    guard store.authenticate(organizationId: organizationId, apiKey: apiKey), let organizationId else {
      throw APIError.unauthorized
    }
    var context = context
    context.organizationId = organizationId
    return try await next(request, context)
  }
}

/// Counts `/v1` requests by route and the bytes answered, for `GET /sandbox/stats`.
struct StatsMiddleware: RouterMiddleware {
  typealias Context = SandboxContext
  let stats: RequestStats

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
    let key = "\(request.method) \(RequestStats.routePattern(request.uri.path))"
    stats.begin(key)
    do {
      let response = try await next(request, context)
      stats.record(key, bytes: response.body.contentLength ?? 0)
      return response
    } catch {
      stats.record(key, bytes: 0)
      throw error
    }
  }
}
