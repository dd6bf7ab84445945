public import Foundation

/// One organization a recruiter works for, as `[profiles.NAME]` in the config file.
public struct Profile: Sendable, Hashable {
  public var name: String
  public var organizationId: String?
  public var baseURL: URL?
  public var apiKey: APIKeySource?
  /// ISO code for phone numbers written in national format.
  public var defaultCountry: String?
  /// The title bar's organization badge colour (`#rrggbb`, 0–255 or a colour name), so a
  /// production organization is never mistaken for a test one.
  public var accent: String?

  public init(
    name: String, organizationId: String? = nil, baseURL: URL? = nil, apiKey: APIKeySource? = nil, defaultCountry: String? = nil,
    accent: String? = nil
  ) {
    self.name = name
    self.organizationId = organizationId
    self.baseURL = baseURL
    self.apiKey = apiKey
    self.defaultCountry = defaultCountry
    self.accent = accent
  }
}

/// Where a profile's API key comes from.
public enum APIKeySource: Sendable, Hashable {
  /// `api-key = "..."` in the file (which must then be readable by its owner only).
  case literal(String)
  /// `api-key-command = ["pass", "show", "popp/acme"]`: run without a shell; its output is the key.
  case command([String])
  /// `api-key-command = "pass show popp/acme"`: run with `/bin/sh -c`.
  case shellCommand(String)

  /// The command as the user wrote it, for `doctor` (never the key).
  public var summary: String {
    switch self {
    case .literal: "api-key in the config file"
    case .command(let words): "api-key-command " + words.joined(separator: " ")
    case .shellCommand(let line): "api-key-command \(line) (via /bin/sh)"
    }
  }
}
