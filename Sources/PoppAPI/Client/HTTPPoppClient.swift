import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `PoppClient` over HTTP with URLSession: it honours the proxy environment and CA store of
/// the machine, which corporate jump boxes rely on.
public final class HTTPPoppClient: PoppClient {
  public let configuration: ClientConfiguration
  private let session: URLSession
  private let encoder = PoppJSON.makeEncoder()

  public init(configuration: ClientConfiguration) {
    self.configuration = configuration
    let sessionConfiguration = URLSessionConfiguration.ephemeral
    sessionConfiguration.timeoutIntervalForRequest = configuration.requestTimeout
    sessionConfiguration.httpMaximumConnectionsPerHost = 4
    sessionConfiguration.urlCache = nil
    sessionConfiguration.httpCookieStorage = nil
    self.session = URLSession(configuration: sessionConfiguration)
  }

  deinit { session.finishTasksAndInvalidate() }

  // MARK: Endpoints

  public func listTemplates() async throws(PoppError) -> [Template] {
    try await send(.get, "templates", as: DataEnvelope<Template>.self).data
  }

  public func listAgents() async throws(PoppError) -> [Agent] {
    try await send(.get, "agents", as: DataEnvelope<Agent>.self).data
  }

  public func createCampaign(_ request: CampaignCreateRequest) async throws(PoppError) -> Campaign {
    try await send(.post, "campaigns", body: request, as: Campaign.self)
  }

  public func listCampaigns(status: CampaignStatus?, limit: Int?, nextToken: String?) async throws(PoppError) -> Page<Campaign> {
    var query: [(String, String)] = []
    if let status { query.append(("campaignStatus", status.rawValue)) }
    if let limit { query.append(("limit", String(limit))) }
    if let nextToken { query.append(("nextToken", nextToken)) }
    return try await send(.get, "campaigns", query: query, as: Page<Campaign>.self)
  }

  public func campaign(id: String) async throws(PoppError) -> Campaign {
    try await send(.get, "campaigns/\(escaped(id))", as: Campaign.self)
  }

  public func updateCampaign(id: String, _ update: CampaignUpdateRequest) async throws(PoppError) -> Campaign {
    try await send(.patch, "campaigns/\(escaped(id))", body: update, as: Campaign.self)
  }

  public func createConversation(_ request: ConversationCreateRequest) async throws(PoppError) -> MessageResponse {
    try await send(.post, "conversations", body: request, as: MessageResponse.self)
  }

  public func createConversations(_ request: BulkConversationRequest) async throws(PoppError) -> BulkConversationResponse {
    try await send(.post, "conversations/bulk", body: request, as: BulkConversationResponse.self)
  }

  public func listConversations(_ query: ConversationQuery, nextToken: String?) async throws(PoppError) -> Page<Conversation> {
    var items = query.queryItems
    if let nextToken { items.append(("nextToken", nextToken)) }
    return try await send(.get, "conversations", query: items, as: Page<Conversation>.self)
  }

  public func conversation(id: String) async throws(PoppError) -> Conversation {
    try await send(.get, "conversations/\(escaped(id))", as: Conversation.self)
  }

  public func listMessages(conversationId: String, sortDirection: SortDirection?, limit: Int?, nextToken: String?) async throws(PoppError)
    -> Page<Message>
  {
    var query: [(String, String)] = []
    if let sortDirection { query.append(("sortDirection", sortDirection.rawValue)) }
    if let limit { query.append(("limit", String(limit))) }
    if let nextToken { query.append(("nextToken", nextToken)) }
    return try await send(.get, "conversations/\(escaped(conversationId))/messages", query: query, as: Page<Message>.self)
  }

  public func takeOver(conversationId: String) async throws(PoppError) -> TakeoverResponse {
    try await send(.post, "conversations/\(escaped(conversationId))/takeover", as: TakeoverResponse.self)
  }

  public func sendMessage(conversationId: String, _ request: SendMessageRequest) async throws(PoppError) -> Message {
    try await send(.post, "conversations/\(escaped(conversationId))/messages", body: request, as: Message.self)
  }

  public func handBack(conversationId: String) async throws(PoppError) -> HandBackResponse {
    try await send(.post, "conversations/\(escaped(conversationId))/hand-to-agent", as: HandBackResponse.self)
  }

  // MARK: Transport

  enum Method: String {
    case get = "GET", post = "POST", patch = "PATCH"
    var isIdempotent: Bool { self == .get }
  }

  private struct NoBody: Encodable {}

  private func send<Response: Decodable>(
    _ method: Method, _ path: String, query: [(String, String)] = [], as type: Response.Type
  ) async throws(PoppError) -> Response {
    try await send(method, path, query: query, bodyData: nil, as: type)
  }

  private func send<Body: Encodable, Response: Decodable>(
    _ method: Method, _ path: String, body: Body, as type: Response.Type
  ) async throws(PoppError) -> Response {
    let data: Data
    do { data = try encoder.encode(body) } catch {
      throw .invalidConfiguration("could not encode the request: \(error)")
    }
    return try await send(method, path, query: [], bodyData: data, as: type)
  }

  private func send<Response: Decodable>(
    _ method: Method, _ path: String, query: [(String, String)], bodyData: Data?, as type: Response.Type
  ) async throws(PoppError) -> Response {
    let request = try makeRequest(method, path, query: query, body: bodyData)
    var attempt = 1
    while true {
      let failure: PoppError
      RequestLog.sent(request, attempt: attempt)
      let started = Date()
      do {
        let (data, response) = try await perform(request)
        RequestLog.answered(request, status: response.statusCode, started: started)
        if (200..<300).contains(response.statusCode) {
          do { return try PoppJSON.decode(Response.self, from: data) } catch {
            failure = .invalidResponse("\(method.rawValue) /\(path): \(PoppJSON.describe(error))")
          }
        } else {
          failure = PoppError.from(status: response.statusCode, body: data, retryAfter: Self.retryAfter(response))
        }
      } catch {
        failure = error
      }
      let delay = configuration.retryPolicy.delay(
        after: failure, attempt: attempt, idempotent: method.isIdempotent, randomUnit: Double.random(in: 0..<1))
      RequestLog.failed(request, failure, retryIn: delay)
      guard let delay else { throw failure }
      do { try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000)) } catch { throw failure }
      attempt += 1
    }
  }

  private func perform(_ request: URLRequest) async throws(PoppError) -> (Data, HTTPURLResponse) {
    do {
      // The request runs in a task of its own, out of reach of the caller's cancellation:
      // FoundationNetworking's cancellation handler (URLSessionTask.cancel, a queue.sync) and a
      // transfer completing at that moment take the same two locks in opposite orders, and the
      // process hung for good (seen when the console stopped its pollers on SIGHUP). A
      // cancelled caller's request runs to its end or its timeout; its answer is dropped.
      let session = self.session
      let (data, response) = try await Task { try await session.data(for: request) }.value
      guard let http = response as? HTTPURLResponse else {
        throw PoppError.invalidResponse("not an HTTP response")
      }
      return (data, http)
    } catch let error as PoppError {
      throw error
    } catch let error as URLError {
      throw .transport(Self.transportFailure(error))
    } catch is CancellationError {
      throw .transport(.connectionLost("cancelled"))
    } catch {
      throw .transport(.connectionLost("\(error)"))
    }
  }

  private func makeRequest(_ method: Method, _ path: String, query: [(String, String)], body: Data?) throws(PoppError) -> URLRequest {
    let base =
      configuration.baseURL.absoluteString.hasSuffix("/")
      ? String(configuration.baseURL.absoluteString.dropLast()) : configuration.baseURL.absoluteString
    guard var components = URLComponents(string: base + "/" + path) else {
      throw .invalidConfiguration("cannot build a URL for \(path)")
    }
    if !query.isEmpty {
      components.percentEncodedQueryItems = query.map {
        URLQueryItem(name: $0.0, value: $0.1.addingPercentEncoding(withAllowedCharacters: Self.queryValueAllowed))
      }
    }
    guard let url = components.url else { throw .invalidConfiguration("cannot build a URL for \(path)") }
    var request = URLRequest(url: url, timeoutInterval: configuration.requestTimeout)
    request.httpMethod = method.rawValue
    request.setValue(configuration.apiKey, forHTTPHeaderField: "x-api-key")
    request.setValue(configuration.organizationId, forHTTPHeaderField: "x-organization-id")
    request.setValue("application/json", forHTTPHeaderField: "Accept")
    request.setValue(configuration.userAgent, forHTTPHeaderField: "User-Agent")
    if let body {
      request.httpBody = body
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    return request
  }

  private static let queryValueAllowed: CharacterSet = {
    var allowed = CharacterSet.urlQueryAllowed
    allowed.remove(charactersIn: "&=+?#")
    return allowed
  }()

  private func escaped(_ id: String) -> String {
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: "/?#")
    return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
  }

  static func retryAfter(_ response: HTTPURLResponse) -> Double? {
    guard let value = response.value(forHTTPHeaderField: "Retry-After")?.trimmingCharacters(in: .whitespaces) else {
      return nil
    }
    if let seconds = Double(value) { return max(seconds, 0) }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    return formatter.date(from: value).map { max($0.timeIntervalSinceNow, 0) }
  }

  static func transportFailure(_ error: URLError) -> PoppError.TransportFailure {
    let why = error.localizedDescription
    switch error.code {
    case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet,
      .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
      .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
      return .cannotConnect(why)
    case .timedOut:
      return .timedOut(why)
    default:
      return .connectionLost(why)
    }
  }
}
