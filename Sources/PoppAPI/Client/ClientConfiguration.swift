public import Foundation

/// Where and as whom the client speaks. The API key lives only here and in the request
/// header: it is never part of a description, an error or a log line.
public struct ClientConfiguration: Sendable {
  public static let defaultBaseURL = URL(string: "https://api.joinpopp.com/v1")!

  public var baseURL: URL
  public var organizationId: String
  public var apiKey: String
  public var requestTimeout: Double
  public var retryPolicy: RetryPolicy
  public var userAgent: String

  /// Refuses a base URL that would send the key in clear text over a network: plain
  /// `http` is accepted only for a loopback host (the sandbox).
  public init(
    baseURL: URL = ClientConfiguration.defaultBaseURL, organizationId: String, apiKey: String,
    requestTimeout: Double = 30, retryPolicy: RetryPolicy = .standard,
    userAgent: String = PoppConsoleVersion.userAgent
  ) throws(PoppError) {
    guard let scheme = baseURL.scheme?.lowercased(), let host = baseURL.host, !host.isEmpty else {
      throw .invalidConfiguration("base URL \"\(baseURL.absoluteString)\" needs a scheme and a host, e.g. https://api.joinpopp.com/v1")
    }
    switch scheme {
    case "https": break
    case "http" where Self.isLoopback(host: host): break
    case "http":
      throw .invalidConfiguration(
        "refusing plain http to \(host): the API key would cross the network unencrypted; use https (http is allowed for loopback only)")
    default:
      throw .invalidConfiguration("base URL scheme must be https, not \"\(scheme)\"")
    }
    guard !organizationId.isBlank else { throw .invalidConfiguration("the organization id is empty (set POPP_ORGANIZATION_ID)") }
    guard !apiKey.isBlank else { throw .invalidConfiguration("the API key is empty (set POPP_API_KEY)") }
    self.baseURL = baseURL
    self.organizationId = organizationId
    self.apiKey = apiKey
    self.requestTimeout = requestTimeout
    self.retryPolicy = retryPolicy
    self.userAgent = userAgent
  }

  public static func isLoopback(host: String) -> Bool {
    let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
    if bare == "localhost" || bare == "::1" || bare.hasSuffix(".localhost") { return true }
    let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
    return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
  }
}
