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
  /// `hub = "PATH"`: attach to the team's hub at this socket instead of polling Popp.
  public var hub: String?
  /// `hub-fallback`: what to do when the hub cannot be reached.
  public var hubFallback: HubFallback?

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

/// What a console attached to a hub does when the hub cannot be reached.
public enum HubFallback: String, Sendable, Hashable, CaseIterable {
  /// Keep what is on screen read-only and reattach when the hub is back (the default).
  case wait
  /// Poll Popp directly with the console's own credentials (when it has them).
  case direct
}
