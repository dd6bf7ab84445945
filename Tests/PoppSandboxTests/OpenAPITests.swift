import Foundation
import PoppAPI
import PoppSandbox
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `openapi/popp-sandbox.yaml` against the sandbox: the document served is the repository's,
/// and it describes exactly the routes the sandbox registers.
@Suite struct OpenAPITests {
  static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let documentURL = repositoryRoot.appendingPathComponent("openapi/popp-sandbox.yaml")

  /// The methods a probe tries on every documented path.
  static let probedMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"]

  /// The `paths:` section read as (method, path) pairs: a path is a key indented by two
  /// spaces that starts with `/`, its operations the HTTP-method keys indented by four.
  static func documentedRoutes(in yaml: String) throws -> Set<SandboxRoute> {
    let methods: Set<String> = ["get", "put", "post", "delete", "patch", "options", "head", "trace"]
    var routes = Set<SandboxRoute>()
    var inPaths = false
    var path: String?
    for line in yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if let first = line.first, first != " ", first != "#" {
        inPaths = line.hasPrefix("paths:")
        path = nil
        continue
      }
      guard inPaths else { continue }
      if line.hasPrefix("  /") && !line.hasPrefix("   ") {
        let key = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
        try #require(key.hasSuffix(":"), "a path key ends with a colon: \(line)")
        path = String(key.dropLast())
      } else if line.hasPrefix("    ") && !line.hasPrefix("     "), let path {
        let key = line.trimmingCharacters(in: .whitespaces).prefix { $0 != ":" }
        if methods.contains(String(key)) { routes.insert(SandboxRoute(method: String(key), path: path)) }
      }
    }
    return routes
  }

  static func request(
    _ method: String, _ url: URL, body: Data? = nil, authenticated: Bool = true
  ) async throws -> (status: Int, headers: [String: String], body: Data) {
    var request = URLRequest(url: url)
    request.httpMethod = method
    if authenticated {
      request.setValue("sandbox-key", forHTTPHeaderField: "x-api-key")
      request.setValue("sandbox-org", forHTTPHeaderField: "x-organization-id")
    }
    if let body {
      request.httpBody = body
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = response as! HTTPURLResponse
    var headers: [String: String] = [:]
    for (name, value) in http.allHeaderFields {
      if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
    }
    return (http.statusCode, headers, data)
  }

  @Test func theDocumentIsServedByteForByteWithoutAuthentication() async throws {
    let file = try Data(contentsOf: Self.documentURL)
    try await withSandbox { harness in
      let root = harness.sandbox.baseURL.deletingLastPathComponent()
      let (status, headers, body) = try await Self.request("GET", root.appendingPathComponent("openapi.yaml"), authenticated: false)
      #expect(status == 200)
      #expect(headers["content-type"]?.hasPrefix("application/yaml") == true)
      #expect(
        body == file,
        "GET /openapi.yaml differs from openapi/popp-sandbox.yaml: run scripts/embed-openapi.sh after editing the YAML")
    }
  }

  @Test func theDocumentDescribesExactlyTheRoutesTheSandboxRegisters() async throws {
    let documented = try Self.documentedRoutes(in: String(decoding: try Data(contentsOf: Self.documentURL), as: UTF8.self))
    #expect(documented.count >= 20, "the paths section was read: \(documented.sorted())")
    let server = try SandboxServer(configuration: SandboxConfiguration(port: 0, speed: 0, demoSize: 0))
    let registered = Set(server.routes)
    #expect(server.routes.count == registered.count, "no route is registered twice")
    let undocumented = registered.subtracting(documented).sorted()
    let unserved = documented.subtracting(registered).sorted()
    #expect(undocumented.isEmpty, "routes the sandbox registers but openapi/popp-sandbox.yaml does not describe: \(undocumented)")
    #expect(unserved.isEmpty, "routes openapi/popp-sandbox.yaml describes but the sandbox does not register: \(unserved)")
  }

  /// The recorded table is what the router really serves: every documented route answers
  /// something other than "no such endpoint" or 405, and every other method on a documented
  /// path answers 405 with the documented methods in `Allow`.
  @Test func everyDocumentedRouteIsServedAndOtherMethodsAre405() async throws {
    let documented = try Self.documentedRoutes(in: String(decoding: try Data(contentsOf: Self.documentURL), as: UTF8.self))
    try await withSandbox { harness in
      let root = harness.sandbox.baseURL.deletingLastPathComponent()
      let byPath = Dictionary(grouping: documented, by: \.path)
      for (path, routes) in byPath.sorted(by: { $0.key < $1.key }) {
        let url = URL(string: root.absoluteString + path.replacingOccurrences(of: "{id}", with: "no-such-id"))!
        let allowed = Set(routes.map(\.method))
        for method in Self.probedMethods {
          let body = ["POST", "PUT", "PATCH"].contains(method) ? Data("{}".utf8) : nil
          let (status, headers, data) = try await Self.request(method, url, body: body)
          let text = String(decoding: data, as: UTF8.self)
          if allowed.contains(method) {
            #expect(status != 405 && !text.contains("no such endpoint"), "\(method) \(path) is documented but answers \(status) \(text)")
          } else {
            #expect(status == 405, "\(method) \(path) is not documented but answers \(status) \(text)")
            #expect(headers["allow"] == allowed.sorted().joined(separator: ", "), "\(method) \(path): Allow")
            #expect(text.contains("\"error\""))
          }
        }
      }
      let (status, _, data) = try await Self.request("GET", root.appendingPathComponent("v1/no-such-route"))
      #expect(status == 404 && String(decoding: data, as: UTF8.self).contains("no such endpoint"))
    }
  }

  @Test func theBulkPathIsNotMistakenForAConversationsPath() async throws {
    try await withSandbox { harness in
      let (status, headers, _) = try await Self.request("GET", harness.sandbox.baseURL.appendingPathComponent("conversations/bulk"))
      #expect(status == 405)
      #expect(headers["allow"] == "POST")
    }
  }
}
