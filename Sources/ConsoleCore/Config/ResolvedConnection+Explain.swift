public import PoppAPI

extension ResolvedConnection {
  /// Where each value came from, for a message: `organization acme-org (from profile team), base URL
  /// https://api.joinpopp.com/v1 (default), API key (from POPP_API_KEY)`. Never the key itself.
  public var origins: String {
    func from(_ field: Field) -> String { sources[field].map { " (from \($0))" } ?? "" }
    var parts = ["organization \(settings.organizationId ?? "not set")\(from(.organization))"]
    parts.append("base URL \(settings.baseURL.absoluteString)\(from(.baseURL))")
    parts.append(settings.apiKey == nil ? "API key not set" : "API key\(from(.apiKey))")
    return parts.joined(separator: ", ")
  }

  /// How to pick a profile when the file has several and none is chosen; nil when that is not the problem.
  public var profileChoiceHint: String? {
    guard profile == nil, profileNames.count > 1 else { return nil }
    let list = profileNames.joined(separator: ", ")
    return "\(configPath) defines profiles \(list) and none is chosen: add the line `profile = \"\(profileNames[0])\"` to it, "
      + "or pass --profile \(profileNames[0]) (or set \(ConnectionResolver.profileVariable)=\(profileNames[0]))"
  }

  /// The client's configuration, or an error that says what is missing, where each value came from, and which
  /// profile could supply it.
  public func clientConfiguration(retryPolicy: RetryPolicy = .standard) throws(PoppError) -> ClientConfiguration {
    do {
      return try settings.clientConfiguration(retryPolicy: retryPolicy)
    } catch {
      guard case .invalidConfiguration(let problem) = error else { throw error }
      if let profileChoiceHint { throw .invalidConfiguration("\(profileChoiceHint) (\(origins))") }
      throw .invalidConfiguration("\(problem) (\(origins))")
    }
  }
}
