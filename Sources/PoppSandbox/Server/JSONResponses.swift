import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PoppAPI

enum JSONResponse {
  static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    let data = try SandboxJSON.encoder.encode(value)
    return make(data: data, status: status)
  }

  static func make(data: Data, status: HTTPResponse.Status) -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/json; charset=utf-8"
    return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }

  static func error(_ error: APIError, headers extra: HTTPFields = [:]) -> Response {
    let data = (try? SandboxJSON.encoder.encode(ErrorBody(error: error.message))) ?? Data("{\"error\":\"internal error\"}".utf8)
    var response = make(data: data, status: HTTPResponse.Status(code: error.status))
    for field in extra { response.headers.append(field) }
    return response
  }
}

extension Request {
  /// The query as a dictionary (first value wins).
  var queryDictionary: [String: String] {
    var result: [String: String] = [:]
    for (key, value) in uri.queryParameters where result[String(key)] == nil {
      result[String(key)] = String(value)
    }
    return result
  }

  /// Reads and decodes a JSON body, answering 413 over the limit and 400 naming the field
  /// that does not decode.
  mutating func decodeJSON<T: Decodable>(_ type: T.Type, context: SandboxContext) async throws -> T {
    let data = try await bodyData(context: context)
    guard !data.isEmpty else { throw APIError.badRequest("a JSON body is required") }
    do {
      return try SandboxJSON.decoder.decode(T.self, from: data)
    } catch {
      throw APIError.badRequest(PoppJSON.describe(error))
    }
  }

  mutating func bodyData(context: SandboxContext) async throws -> Data {
    do {
      let buffer = try await collectBody(upTo: context.maxUploadSize)
      return Data(buffer.readableBytesView)
    } catch is NIOTooManyBytesError {
      throw APIError.tooLarge(limit: context.maxUploadSize)
    }
  }
}

extension SandboxContext {
  func require(_ parameter: String) throws -> String {
    guard let value = parameters.get(parameter) else { throw APIError.badRequest("missing \(parameter) in path") }
    return value
  }
}

extension OpenAPIDocument {
  /// `GET /openapi.yaml`: the document, byte for byte as in the repository.
  static func response() -> Response {
    var headers = HTTPFields()
    headers[.contentType] = "application/yaml; charset=utf-8"
    return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: yaml)))
  }
}
