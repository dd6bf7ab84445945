public import Foundation
public import PoppAPI

/// Where the console and CLI connect, read from the environment. Credentials never come
/// from argv, where every user of a shared jump box could read them in `ps`.
public struct ConnectionSettings: Sendable {
  public static let apiKeyVariable = "POPP_API_KEY"
  public static let organizationVariable = "POPP_ORGANIZATION_ID"
  public static let baseURLVariable = "POPP_BASE_URL"

  public var baseURL: URL
  public var organizationId: String?
  public var apiKey: String?

  public init(baseURL: URL, organizationId: String?, apiKey: String?) {
    self.baseURL = baseURL
    self.organizationId = organizationId
    self.apiKey = apiKey
  }

  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(PoppError)
    -> ConnectionSettings
  {
    func value(_ name: String) -> String? {
      environment[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
    }
    var baseURL = ClientConfiguration.defaultBaseURL
    if let raw = value(baseURLVariable) {
      guard let url = URL(string: raw), url.scheme != nil, url.host != nil else {
        throw .invalidConfiguration("\(baseURLVariable) is not a URL: \"\(raw)\" (expected e.g. https://api.joinpopp.com/v1)")
      }
      baseURL = url
    }
    return ConnectionSettings(baseURL: baseURL, organizationId: value(organizationVariable), apiKey: value(apiKeyVariable))
  }

  /// Whether there is enough to reach an organization.
  public var hasCredentials: Bool { organizationId != nil && apiKey != nil }

  public func clientConfiguration(retryPolicy: RetryPolicy = .standard) throws(PoppError) -> ClientConfiguration {
    guard let organizationId, let apiKey else {
      var missing: [String] = []
      if organizationId == nil { missing.append(Self.organizationVariable) }
      if apiKey == nil { missing.append(Self.apiKeyVariable) }
      throw .invalidConfiguration("set \(missing.joined(separator: " and ")) to reach Popp, or run `popp-console sandbox` for a local one")
    }
    return try ClientConfiguration(baseURL: baseURL, organizationId: organizationId, apiKey: apiKey, retryPolicy: retryPolicy)
  }
}
